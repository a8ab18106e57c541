"""Property-based state machine: random interleavings of everything that changes the tree.

Requests of 5 named tenants and of anonymous clients go through SGLang's request lifecycle
(match, lock, decode, checkpoint, finish, abort); a truthful test detector answers jobs in any
order, late, twice, or not at all (failed); bogus results address other tenants and stale
paths; the operator declares public prefixes; the monitor demotes and evicts nodes; memory
pressure evicts. After every step the harness checks visibility, monotonic paths, accounting
against a recount from scratch, lock counts, and KV slot ownership and content.

CI runs 200 examples of 50 steps per mode; ``-m soak`` runs many more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sglang_safekv import tenancy
from sglang_safekv.cache.events import DetectionResult
from sglang_safekv.cache.node import PUBLIC_TAG, State
from sglang_safekv.config import Mode

from .harness import (
    SECRET,
    MiniScheduler,
    Recorder,
    assert_no_public_secret,
    check_invariants,
    make_cache,
    truthful_result,
    visible_match,
)

TENANTS = ["t0", "t1", "t2", "t3", "t4"]
BASES = [(1, 2, 3, 4), (1, 2, 5, 6), (1, 2, 3, 4, 5, 6, 7, 8), (8, 1, 2), (3,)]
tokens_st = st.lists(st.integers(1, SECRET), max_size=6)
tenant_st = st.integers(0, len(TENANTS))  # len(TENANTS) means an anonymous request

CI = settings(
    max_examples=200,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SOAK = settings(CI, max_examples=int(os.environ.get("SAFEKV_SOAK_EXAMPLES", "3000")))


class CacheMachine(RuleBasedStateMachine):
    mode = Mode.SELECTIVE
    page_size = 1
    cache_options: dict = {}

    def __init__(self):
        super().__init__()
        self.cache, self.allocator, self.pool = make_cache(
            self.mode, pool_tokens=96, quota=24, page_size=self.page_size, **self.cache_options
        )
        self.sched = MiniScheduler(self.cache, self.allocator, self.pool)
        self.recorder = Recorder(ahead_as_jobs=True)
        if self.mode != Mode.GLOBAL:
            self.cache.add_listener(self.recorder)
        self.delivered: list[DetectionResult] = []
        self.sent: list[tuple[tuple[int, ...], list[int]]] = []  # prompts started, any tenant

    # ------------------------------------------------------------------ requests

    def _tenant(self, i: int) -> str | None:
        return TENANTS[i] if i < len(TENANTS) else None

    def _req(self, i: int):
        reqs = list(self.sched.live.values())
        return reqs[i % len(reqs)]

    @precondition(lambda self: len(self.sched.live) < 8)
    @rule(t=tenant_st, base=st.sampled_from(BASES), tail=tokens_st, done=st.booleans())
    def start(self, t, base, tail, done):
        self.sent.append((base, tail))
        prompt = list(base) + tail
        tenant = self._tenant(t)
        self.cache.apply_pending()
        # SGLang matches at most len - 1 tokens (the last one must be computed)
        want = visible_match(self.cache, tenant or "anon:?", prompt[:-1])
        req = self.sched.start(tenant, prompt)
        if req is None:
            return
        assert req.prefix_len == want, "match length is not the tenant-visible one"
        if self.mode != Mode.GLOBAL:
            seen = self.sched.tenants[req.rid]
            for tag, owner in self.sched.matched[req.rid]:
                assert tag is PUBLIC_TAG or owner == seen, "matched another's private node"
        if done:
            self._own_frees_only(req, self.sched.finish)

    @precondition(lambda self: self.sched.live)
    @rule(i=st.integers(0, 7), out=st.lists(st.integers(1, SECRET), min_size=1, max_size=3))
    def decode(self, i, out):
        self.sched.decode(self._req(i), out)

    @precondition(lambda self: self.sched.live)
    @rule(i=st.integers(0, 7))
    def checkpoint(self, i):
        self._own_frees_only(self._req(i), self.sched.checkpoint)

    @precondition(lambda self: self.sched.live)
    @rule(i=st.integers(0, 7), insert=st.booleans())
    def finish(self, i, insert):
        req = self._req(i)
        self._own_frees_only(req, lambda r: self.sched.finish(r, insert=insert))

    def _own_frees_only(self, req, op):
        """A request's insert frees only its tenant's KV (quota evicts its own leaves)."""
        self.cache.apply_pending()
        tenant = self.sched.tenants[req.rid]
        before = len(self.allocator.freed)
        op(req)
        if self.mode != Mode.GLOBAL:
            for slot in self.allocator.freed[before:]:
                assert self.sched.content[slot][0] == tenant, "an insert freed another tenant's KV"

    @rule(t=tenant_st, base=st.sampled_from(BASES), tail=tokens_st)
    def probe(self, t, base, tail):
        from array import array

        from sglang.srt.mem_cache.base_prefix_cache import MatchPrefixParams
        from sglang.srt.mem_cache.radix_cache import RadixKey

        tokens = list(base) + tail
        tenant = self._tenant(t)
        salt = tenancy.stamp(tenant) if tenant else None
        self.cache.apply_pending()
        key = RadixKey(array("q", tokens), cache_salt=salt)
        want = visible_match(self.cache, tenant or "anon:none", tokens)
        got = self.cache.match_prefix(MatchPrefixParams(key=key))
        assert got.device_prefix_len == want

    @rule(n=st.integers(1, 40))
    def evict(self, n):
        from sglang.srt.mem_cache.base_prefix_cache import EvictParams

        self.cache.evict(EvictParams(num_tokens=n))

    # ------------------------------------------------------------------ detector

    @precondition(lambda self: self.recorder.jobs)
    @rule(i=st.integers(0, 20), failed=st.booleans(), late=st.booleans())
    def deliver(self, i, failed, late):
        job = self.recorder.jobs.pop(i % len(self.recorder.jobs))
        result = truthful_result(job, failed=failed and late)
        self.delivered.append(result)
        self.cache.post(result)

    @precondition(lambda self: self.recorder.jobs)
    @rule(seed=st.randoms(use_true_random=False))
    def deliver_all(self, seed):
        jobs, self.recorder.jobs = self.recorder.jobs, []
        seed.shuffle(jobs)
        for job in jobs:
            result = truthful_result(job)
            self.delivered.append(result)
            self.cache.post(result)

    @precondition(lambda self: self.delivered)
    @rule(i=st.integers(0, 50))
    def replay(self, i):
        self.cache.post(self.delivered[i % len(self.delivered)])

    @rule(
        t=st.integers(0, len(TENANTS) - 1),
        base=st.sampled_from(BASES),
        tail=tokens_st,
        start=st.integers(0, 12),
    )
    def bogus(self, t, base, tail, start):
        tokens = tuple(base) + tuple(tail)
        start = min(start, len(tokens))
        first = next((i for i in range(start, len(tokens)) if tokens[i] == SECRET), None)
        self.cache.post(DetectionResult(TENANTS[t], tokens, start, len(tokens), first))

    @rule(base=st.sampled_from(BASES), cut=st.integers(1, 7), go=st.integers(0, 3))
    def declare(self, base, cut, go):
        if go == 0:  # rare: declared content skips the detector and would mask the rest
            self.cache.declare_public(list(base[:cut]))

    # ------------------------------------------------------------------ monitor

    @rule(i=st.integers(0, 1000), evict=st.booleans())
    def monitor(self, i, evict):
        if self.mode == Mode.GLOBAL:
            return
        ids = sorted(self.cache._nodes)
        if not ids:
            return
        node_id = ids[i % len(ids)]
        if evict:
            self.cache.evict_node(node_id)
        else:
            self.cache.demote(node_id, "test")

    @rule()
    def apply(self):
        self.cache.apply_pending()

    # ------------------------------------------------------------------ checks

    @invariant()
    def consistent(self):
        check_invariants(self.cache, self.sched, self.allocator)
        if self.mode == Mode.SELECTIVE:
            assert_no_public_secret(self.cache)
        if self.mode == Mode.ISOLATED:
            assert all(x.state != State.PUBLIC for x in self.cache._nodes.values())

    def teardown(self):
        for req in list(self.sched.live.values()):
            self.sched.finish(req, insert=False)
        check_invariants(self.cache, self.sched, self.allocator)


class SelectiveMachine(CacheMachine):
    mode = Mode.SELECTIVE


class IsolatedMachine(CacheMachine):
    mode = Mode.ISOLATED


class GlobalMachine(CacheMachine):
    mode = Mode.GLOBAL


class SelectivePage2Machine(CacheMachine):
    mode = Mode.SELECTIVE
    page_size = 2


class SelectiveOnDemandMachine(CacheMachine):
    """Continuations of a public prefix of 2+ tokens are dormant until asked for (demand.py)."""

    mode = Mode.SELECTIVE
    cache_options = {"judge_on_demand_after": 2, "demand_match_tokens": 2}

    @precondition(lambda self: len(self.sched.live) < 8)
    @rule(t=tenant_st, i=st.integers(0, 50), done=st.booleans())
    def resend(self, t, i, done):
        """Another tenant sends a prompt someone already sent: dormant copies get asked for."""
        if self.sent:
            base, tail = self.sent[i % len(self.sent)]
            self.start(t, base, tail, done)


class SelectiveMessagesMachine(SelectiveOnDemandMachine):
    """Token 8 is a message marker: a fresh prompt's later messages wait for demand too."""

    def __init__(self):
        super().__init__()
        self.cache.config.cache.later_messages_on_demand = True
        self.cache.set_message_markers([8])


class SelectiveReserveMachine(CacheMachine):
    """A lock reserve (1/64 of the 96-token pool: one token) drawn and taken back as hidden
    units are charged and freed: slots and pool accounting stay exact."""

    mode = Mode.SELECTIVE
    cache_options = {"lock_reserve_tokens": 8}


@pytest.mark.parametrize("machine", [SelectiveMachine, IsolatedMachine, GlobalMachine])
def test_state_machine(machine):
    machine.TestCase.settings = CI
    machine.TestCase().runTest()


def test_state_machine_page_size_2():
    """Pages of 2 tokens: boundaries, splits and matches are page-aligned."""
    SelectivePage2Machine.TestCase.settings = settings(CI, max_examples=60)
    SelectivePage2Machine.TestCase().runTest()


def test_state_machine_with_a_lock_reserve():
    SelectiveReserveMachine.TestCase.settings = settings(CI, max_examples=60)
    SelectiveReserveMachine.TestCase().runTest()


def test_state_machine_judging_on_demand():
    """The same invariants with dormant content and jobs sent on another tenant's demand."""
    SelectiveOnDemandMachine.TestCase.settings = settings(CI, max_examples=60)
    SelectiveOnDemandMachine.TestCase().runTest()


def test_state_machine_with_message_markers():
    """The same invariants when a fresh prompt's later messages wait for demand."""
    SelectiveMessagesMachine.TestCase.settings = settings(CI, max_examples=60)
    SelectiveMessagesMachine.TestCase().runTest()


@pytest.mark.soak
@pytest.mark.parametrize(
    "machine",
    [
        SelectiveMachine,
        IsolatedMachine,
        GlobalMachine,
        SelectivePage2Machine,
        SelectiveOnDemandMachine,
        SelectiveMessagesMachine,
    ],
)
def test_state_machine_soak(machine):
    machine.TestCase.settings = SOAK
    machine.TestCase().runTest()
