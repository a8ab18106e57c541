"""The interleaved schedule, against a fake client (named so) that records call order: what
is checked is the order and the pairing of blocks, not a server."""

import asyncio

import pytest

from sglang_safekv.tooling.evaluation.client import Measurement
from sglang_safekv.tooling.evaluation.interleave import Schedule, rotation, run_interleaved
from sglang_safekv.tooling.evaluation.workload import WorkloadSpec, generate

MODES = ("global", "isolated", "selective")


class FakeRecordingClient:
    def __init__(self, mode, calls):
        self.mode, self.calls = mode, calls

    async def chat(self, tenant, messages, max_tokens):
        self.calls.append((self.mode, tenant))
        return Measurement(0.0, 0.01, 0.02, prompt_tokens=10, cached_tokens=5, text="ok")


def test_rotation_gives_every_mode_the_first_turn():
    assert [rotation(MODES, k)[0] for k in range(3)] == list(MODES)
    assert sorted(rotation(MODES, 7)) == sorted(MODES)


def test_every_block_runs_on_every_mode_before_the_next_block():
    spec = WorkloadSpec(tenants=6, turns=2, apps=2, documents=2)
    calls, flushes, saved = [], [], []
    clients = {m: FakeRecordingClient(m, calls) for m in MODES}
    result = asyncio.run(
        run_interleaved(
            clients,
            flushes.append,
            lambda r: generate(spec, r),
            (0.2,),
            Schedule(reps=2, block_sessions=2, concurrency=1, max_tokens=1),
            progress=False,
            after_block=lambda r: saved.append(len(r.blocks)),
        )
    )
    assert saved == [3 * k for k in range(1, 7)]  # partial results after every block
    assert flushes == list(MODES) * 2  # every server cold at the start of each repetition
    assert len(result.blocks) == 2 * 3 * 3  # reps x blocks x modes
    # Calls come in runs of one block (2 sessions x 2 turns) per mode, modes rotating.
    runs = [calls[i : i + 4] for i in range(0, len(calls), 4)]
    firsts = [run[0][0] for run in runs[::3]]
    assert firsts == [MODES[k % 3] for k in range(6)]
    for k in range(0, len(runs), 3):
        tenants = [sorted(t for _, t in run) for run in runs[k : k + 3]]
        assert tenants[0] == tenants[1] == tenants[2]  # the same sessions on every mode
    summary = result.summary("selective", 0.2)
    assert summary["requests"] == 24 and summary["repetitions"] == 2 and summary["blocks"] == 6


def test_a_bad_schedule_is_refused():
    with pytest.raises(ValueError, match="reps"):
        Schedule(reps=0, block_sessions=1, concurrency=1, max_tokens=1)
