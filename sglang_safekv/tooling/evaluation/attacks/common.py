"""Pieces every attack uses: filler tokens, victim traffic, the victims' wait for the detector."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence

from sglang_safekv.tooling.evaluation.client import ApiClient, Measurement
from sglang_safekv.tooling.evaluation.codec import Codec


class FillerTokens:
    """Random non-special token ids: content no victim ever sent, so it is always a miss."""

    def __init__(self, codec: Codec, seed: int):
        special = set(codec.tokenizer.all_special_ids)
        self._pool = [t for t in range(codec.vocab_size) if t not in special]
        self._rng = random.Random(seed)

    def take(self, n: int) -> list[int]:
        return [self._rng.choice(self._pool) for _ in range(n)]


async def send_victims(
    client: ApiClient,
    requests: Sequence[tuple[str, list[dict[str, str]]]],
    max_tokens: int,
    concurrency: int = 4,
) -> list[Measurement]:
    """Each (tenant, messages) as a chat request, like the victims' app would send it."""
    sem = asyncio.Semaphore(concurrency)

    async def one(tenant: str, messages: list[dict[str, str]]) -> Measurement:
        async with sem:
            return await client.chat(tenant, messages, max_tokens)

    results = await asyncio.gather(*(one(t, m) for t, m in requests))
    failed = [r.error for r in results if not r.ok]
    if failed:
        raise RuntimeError(f"{len(failed)} victim request(s) failed, first: {failed[0]}")
    return results
