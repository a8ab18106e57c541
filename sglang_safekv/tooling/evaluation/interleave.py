"""Interleaved replay: the modes' servers run side by side and take turns, block by block.

Background load on a shared machine drifts over minutes; modes measured one after another
would each see a different machine. Here the sessions are cut into short blocks, and every
block is replayed against each mode's server right after the other (the mode that goes first
rotates), so each block is a paired measurement. The whole schedule is repeated ``reps``
times, each repetition and ratio from a cold cache.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence

from tqdm.auto import tqdm

from sglang_safekv.tooling.evaluation.client import ApiClient
from sglang_safekv.tooling.evaluation.ratio_intervals import block_record
from sglang_safekv.tooling.evaluation.replay import ReplayResult, RequestRecord, replay
from sglang_safekv.tooling.evaluation.system_prompt_workload import shuffled_sessions
from sglang_safekv.tooling.evaluation.workload import Session, Workload


@dataclasses.dataclass(frozen=True)
class Schedule:
    reps: int
    block_sessions: int
    concurrency: int
    max_tokens: int

    def __post_init__(self) -> None:
        for name in ("reps", "block_sessions", "concurrency", "max_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"Schedule.{name} must be at least 1")


def rotation(modes: Sequence[str], k: int) -> list[str]:
    """``modes`` starting at position ``k`` (mod their count): who goes first rotates."""
    n = len(modes)
    return [modes[(k + i) % n] for i in range(n)]


def blocks_of(sessions: Sequence[Session], size: int) -> list[list[Session]]:
    return [list(sessions[i : i + size]) for i in range(0, len(sessions), size)]


@dataclasses.dataclass
class InterleavedResult:
    blocks: list[dict]  # one row per (mode, ratio, rep, block): sums for the intervals
    records: list[RequestRecord]

    def summary(self, mode: str, ratio: float) -> dict | None:
        """The usual per-cell summary over every repetition (wall time: the sum of the
        mode's block times, so idle time while other modes ran does not count)."""
        recs = [r for r in self.records if r.mode == mode and r.ratio == ratio]
        walls = [b["wall_s"] for b in self.blocks if b["mode"] == mode and b["ratio"] == ratio]
        if not recs:
            return None
        out = ReplayResult(recs, sum(walls)).summary()
        out["repetitions"] = len({r.rep for r in recs})
        out["blocks"] = len(walls)
        return out


async def run_interleaved(
    clients: dict[str, ApiClient],
    flush: Callable[[str], None],
    workload_for: Callable[[float], Workload],
    ratios: Sequence[float],
    schedule: Schedule,
    progress: bool = True,
    after_block: Callable[[InterleavedResult], None] | None = None,
) -> InterleavedResult:
    """Replay every ratio's workload on every mode in ``clients``, interleaved by block;
    ``after_block`` sees the result so far each time a block has run on every mode (to save
    partial runs: on a loaded machine one repetition can take longer than the time there is)."""
    modes = list(clients)
    result = InterleavedResult([], [])
    workloads = {ratio: workload_for(ratio) for ratio in ratios}
    total = (
        schedule.reps
        * len(modes)
        * sum(sum(len(s.turns) for s in w.sessions) for w in workloads.values())
    )
    bar = tqdm(total=total, desc="interleaved replay", unit="req", disable=not progress)
    turn = 0
    try:
        for rep in range(schedule.reps):
            for ratio, workload in workloads.items():
                for mode in modes:
                    await asyncio.to_thread(flush, mode)
                chunks = blocks_of(shuffled_sessions(workload), schedule.block_sessions)
                for b, chunk in enumerate(chunks):
                    for mode in rotation(modes, turn):
                        res = await replay(
                            clients[mode],
                            workload,
                            mode,
                            schedule.concurrency,
                            schedule.max_tokens,
                            progress=False,
                            sessions=chunk,
                            rep=rep,
                            block=b,
                        )
                        result.records += res.records
                        result.blocks.append(
                            block_record(mode, ratio, rep, b, res.records, res.wall_s)
                        )
                        bar.update(len(res.records))
                        failed = [r.error for r in res.records if r.error]
                        if failed:
                            raise RuntimeError(
                                f"{mode}: {len(failed)} request(s) failed, first: {failed[0]}"
                            )
                    turn += 1
                    if after_block is not None:
                        after_block(result)
    finally:
        bar.close()
    return result
