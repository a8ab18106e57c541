"""One streaming request through the official ``openai`` client, timed.

TTFT is the time from sending the request to the first streamed chunk that carries a choice
(SGLang sends the assistant-role chunk together with the first token). Token counts come from
the final usage chunk (``stream_options={"include_usage": True}``); ``cached_tokens`` is
``usage.prompt_tokens_details.cached_tokens``, reported because the server runs with
``--enable-cache-report``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable
from typing import Any

import openai

MODEL = "default"


@dataclasses.dataclass
class Measurement:
    started_at: float  # time.perf_counter() when the request was sent
    ttft_s: float | None
    latency_s: float
    prompt_tokens: int = 0
    cached_tokens: int = 0
    completion_tokens: int = 0
    text: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.ttft_s is not None

    @property
    def first_token_at(self) -> float | None:
        return None if self.ttft_s is None else self.started_at + self.ttft_s


class ApiClient:
    """Async clients per API key; ``key_for(tenant)`` picks the key (None: anonymous)."""

    def __init__(
        self,
        base_url: str,
        key_for: Any = None,
        timeout_s: float = 300.0,
        ids_as_text: Callable[[list[int]], str] | None = None,
    ):
        self.base_url = base_url.rstrip("/") + "/v1"
        # Where token-id prompts are refused (SGLang's gateway accepts only text prompts), the
        # probes go as their decoded text, which the server tokenizes back to the same ids.
        self._ids_as_text = ids_as_text
        self._key_for = key_for or (lambda tenant: None)
        self._timeout_s = timeout_s
        self._clients: dict[str, openai.AsyncOpenAI] = {}

    def _client(self, tenant: str) -> openai.AsyncOpenAI:
        key = self._key_for(tenant) or "anonymous"
        client = self._clients.get(key)
        if client is None:
            client = openai.AsyncOpenAI(
                base_url=self.base_url, api_key=key, max_retries=0, timeout=self._timeout_s
            )
            self._clients[key] = client
        return client

    async def chat(
        self, tenant: str, messages: list[dict[str, str]], max_tokens: int
    ) -> Measurement:
        async def create():
            return await self._client(tenant).chat.completions.create(
                model=MODEL,
                messages=messages,
                max_tokens=max_tokens,
                temperature=0,
                stream=True,
                stream_options={"include_usage": True},
            )

        return await _measure(create, chat=True)

    async def complete_ids(self, tenant: str, ids: list[int], max_tokens: int = 1) -> Measurement:
        """A completion whose prompt is given as token ids (how the probes are sent)."""

        async def create():
            return await self._client(tenant).completions.create(
                model=MODEL,
                prompt=ids if self._ids_as_text is None else self._ids_as_text(ids),
                max_tokens=max_tokens,
                temperature=0,
                stream=True,
                stream_options={"include_usage": True},
            )

        return await _measure(create, chat=False)

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)


async def _measure(create, chat: bool) -> Measurement:
    started = time.perf_counter()
    first: float | None = None
    usage = None
    pieces: list[str] = []
    try:
        stream = await create()
        async for chunk in stream:
            if chunk.choices:
                if first is None:
                    first = time.perf_counter()
                choice = chunk.choices[0]
                piece = choice.delta.content if chat else choice.text
                if piece:
                    pieces.append(piece)
            if chunk.usage is not None:
                usage = chunk.usage
    except (openai.OpenAIError, OSError) as e:
        return Measurement(
            started, None, time.perf_counter() - started, error=f"{type(e).__name__}: {e}"
        )
    end = time.perf_counter()
    m = Measurement(
        started_at=started,
        ttft_s=None if first is None else first - started,
        latency_s=end - started,
        text="".join(pieces),
    )
    if usage is None:
        m.error = "no usage chunk in the stream"
        return m
    m.prompt_tokens = usage.prompt_tokens
    m.completion_tokens = usage.completion_tokens
    details = usage.prompt_tokens_details
    m.cached_tokens = (details.cached_tokens or 0) if details is not None else 0
    if first is None:
        m.error = "stream ended without a token"
    return m
