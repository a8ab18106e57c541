"""Replay logic against a stand-in client (named fake: it answers without a server)."""

import asyncio

from sglang_safekv.tooling.evaluation.client import Measurement
from sglang_safekv.tooling.evaluation.replay import replay
from sglang_safekv.tooling.evaluation.workload import WorkloadSpec, generate


class FakeClient:
    """Answers every chat at once; 'caches' whatever prompt text it has seen before."""

    def __init__(self, fail_on_turn=None):
        self.calls = []
        self.fail_on_turn = fail_on_turn

    async def chat(self, tenant, messages, max_tokens):
        self.calls.append((tenant, [dict(m) for m in messages]))
        await asyncio.sleep(0)
        turn = sum(m["role"] == "user" for m in messages) - 1
        if turn == self.fail_on_turn:
            return Measurement(0.0, None, 0.01, error="boom")
        prompt = sum(len(m["content"]) for m in messages)
        return Measurement(0.0, 0.01, 0.02, prompt, prompt // 2, max_tokens, text=f"reply{turn}")


SPEC = WorkloadSpec(tenants=4, sessions_per_tenant=2, turns=3, apps=2, documents=2)


def test_sessions_replay_in_order_with_the_replies_as_history():
    workload = generate(SPEC, 0.5)
    client = FakeClient()
    result = asyncio.run(replay(client, workload, "global", 3, 4, progress=False))
    assert len(result.records) == 4 * 2 * 3
    by_session = {}
    for tenant, messages in client.calls:
        by_session.setdefault(messages[1]["content"], []).append((tenant, messages))
    for session in workload.sessions:
        app = workload.apps[session.app]
        first, _ = workload.user_content(session, 0)
        calls = by_session[first]
        assert [len(m) for _, m in calls] == [2, 4, 6]
        assert all(t == session.tenant for t, _ in calls)
        last = calls[-1][1]
        assert last[0] == {"role": "system", "content": app.system_prompt}
        assert [m["content"] for m in last if m["role"] == "assistant"] == ["reply0", "reply1"]
        assert last[-1]["content"] == workload.user_content(session, 2)[0]
    summary = result.summary()
    assert summary["errors"] == 0
    assert summary["hit_rate"] == summary["cached_tokens"] / summary["prompt_tokens"]
    assert summary["uncached_tokens"] == summary["prompt_tokens"] - summary["cached_tokens"]


def test_a_failed_turn_ends_its_session_and_is_counted():
    workload = generate(SPEC, 0.0)
    result = asyncio.run(replay(FakeClient(fail_on_turn=1), workload, "global", 2, 4, False))
    assert len(result.records) == 8 * 2  # turns 0 and 1 of every session, none of turn 2
    assert result.summary()["errors"] == 8
