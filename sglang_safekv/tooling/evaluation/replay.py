"""Replay a workload against a live server: sessions of many tenants, concurrently.

``concurrency`` sessions run at once (closed loop); each runs its turns in order and sends
the model's real replies back as history, as a chat app would. Session order is a fixed
shuffle, so tenants and apps interleave the same way in every mode.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time
from collections.abc import Sequence

from tqdm.auto import tqdm

from sglang_safekv.tooling.evaluation import stats
from sglang_safekv.tooling.evaluation.client import ApiClient
from sglang_safekv.tooling.evaluation.workload import Session, Workload


@dataclasses.dataclass
class RequestRecord:
    mode: str
    ratio: float
    tenant: str
    session: str
    turn: int
    has_pii: bool
    start_s: float  # since the replay began
    ttft_s: float | None
    latency_s: float
    prompt_tokens: int
    cached_tokens: int
    completion_tokens: int
    error: str | None
    rep: int = 0  # repetition of the interleaved schedule
    block: int = 0  # block of sessions within the repetition


@dataclasses.dataclass
class ReplayResult:
    records: list[RequestRecord]
    wall_s: float

    def summary(self) -> dict:
        ok = [r for r in self.records if r.error is None and r.ttft_s is not None]
        ttft = [r.ttft_s for r in ok]
        prompt = [r.prompt_tokens for r in ok]
        cached = [r.cached_tokens for r in ok]
        tokens = sum(r.prompt_tokens + r.completion_tokens for r in ok)
        first = [r for r in ok if r.turn == 0]
        return {
            "requests": len(self.records),
            "errors": len(self.records) - len(ok),
            "wall_s": self.wall_s,
            "ttft_p50_ms": _ms(stats.percentile(ttft, 50)),
            "ttft_p99_ms": _ms(stats.percentile(ttft, 99)),
            "ttft_mean_ms": _ms(stats.mean(ttft)),
            "first_turn_ttft_mean_ms": _ms(stats.mean([r.ttft_s for r in first])),
            "latency_p50_ms": _ms(stats.percentile([r.latency_s for r in ok], 50)),
            "throughput_rps": len(ok) / self.wall_s if self.wall_s > 0 else None,
            "throughput_tok_s": tokens / self.wall_s if self.wall_s > 0 else None,
            "hit_rate": stats.hit_rate(prompt, cached),
            "prompt_tokens": sum(prompt),
            "cached_tokens": sum(cached),
            # Prefill work the cache did not save; load-independent, unlike TTFT.
            "uncached_tokens": sum(prompt) - sum(cached),
        }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else 1000.0 * seconds


async def replay(
    client: ApiClient,
    workload: Workload,
    mode: str,
    concurrency: int,
    max_tokens: int,
    progress: bool = True,
    sessions: Sequence[Session] | None = None,
    rep: int = 0,
    block: int = 0,
) -> ReplayResult:
    """Replay ``sessions`` (default: all of the workload's, in a fixed shuffled order)."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if sessions is None:
        order = list(workload.sessions)
        random.Random(workload.spec.seed).shuffle(order)
    else:
        order = list(sessions)
    queue: asyncio.Queue[Session] = asyncio.Queue()
    for s in order:
        queue.put_nowait(s)
    records: list[RequestRecord] = []
    total = sum(len(s.turns) for s in order)
    start = time.perf_counter()
    bar = tqdm(total=total, desc=f"{mode} R={workload.ratio:.0%}", unit="req", disable=not progress)

    async def run_session(session: Session) -> None:
        app = workload.apps[session.app]
        messages = [{"role": "system", "content": app.system_prompt}]
        for turn in range(len(session.turns)):
            content, _ = workload.user_content(session, turn)
            messages.append({"role": "user", "content": content})
            m = await client.chat(session.tenant, messages, max_tokens)
            records.append(
                RequestRecord(
                    mode=mode,
                    ratio=workload.ratio,
                    tenant=session.tenant,
                    session=session.session_id,
                    turn=turn,
                    has_pii=session.turns[turn].has_pii,
                    start_s=m.started_at - start,
                    ttft_s=m.ttft_s,
                    latency_s=m.latency_s,
                    prompt_tokens=m.prompt_tokens,
                    cached_tokens=m.cached_tokens,
                    completion_tokens=m.completion_tokens,
                    error=m.error,
                    rep=rep,
                    block=block,
                )
            )
            bar.update(1)
            if m.error is not None:
                return  # the history would be wrong from here on
            messages.append({"role": "assistant", "content": m.text})

    async def worker() -> None:
        while not queue.empty():
            await run_session(queue.get_nowait())

    try:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    finally:
        bar.close()
    return ReplayResult(records, time.perf_counter() - start)
