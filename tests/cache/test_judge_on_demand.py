"""Dormant content (cache/demand.py): a tenant's continuation of another tenant's public
prefix is judged only when another tenant sends the same first tokens, and never as a
function of whether someone else did."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sglang.srt.mem_cache.base_prefix_cache import EvictParams

from sglang_safekv.cache.node import State
from sglang_safekv.config import CacheConfig, ConfigError, Mode, SafeKVConfig

from .harness import (
    SECRET,
    MiniScheduler,
    Recorder,
    assert_no_public_secret,
    check_invariants,
    first_node,
    make_cache,
    visible_match,
)
from .test_rules import deliver, mlen, run

PREFIX = list(range(100, 110))  # 10 tokens: public, created by tenant A
AFTER, NEED = 8, 4


def env(after=AFTER, need=NEED, pool_tokens=256):
    cache, allocator, pool = make_cache(
        Mode.SELECTIVE,
        judge_on_demand_after=after,
        demand_match_tokens=need,
        pool_tokens=pool_tokens,
    )
    rec = Recorder()
    cache.add_listener(rec)
    s = MiniScheduler(cache, allocator, pool)
    run(s, "A", PREFIX)
    deliver(cache, rec)
    assert first_node(cache, PREFIX).state == State.PUBLIC
    return cache, allocator, s, rec


def test_a_continuation_of_another_tenants_public_prefix_is_not_judged():
    cache, al, s, rec = env()
    run(s, "B", PREFIX + [20, 21, 22, 23, 24])
    assert rec.jobs == []
    assert cache.safekv_stats()["dormant_inserts"] == 1
    assert mlen(cache, "C", PREFIX + [20, 21, 22, 23, 24]) == len(PREFIX)  # private to B
    assert mlen(cache, "B", PREFIX + [20, 21, 22, 23, 24]) == len(PREFIX) + 5
    check_invariants(cache, s, al)


def test_another_tenant_sending_the_same_tokens_gets_the_first_copy_judged():
    cache, al, s, rec = env()
    run(s, "B", PREFIX + [20, 21, 22, 23, 24, 25])
    run(s, "C", PREFIX + [20, 21, 22, 23, 30])  # 4 identical tokens after the prefix
    (job,) = rec.jobs
    assert job.owner == "B"
    assert (job.start, job.end) == (len(PREFIX), len(PREFIX) + 6)  # B's node whole
    assert list(job.token_ids) == PREFIX + [20, 21, 22, 23, 24, 25]
    assert cache.safekv_stats()["demanded_jobs"] == 1
    deliver(cache, rec)
    assert mlen(cache, "D", PREFIX + [20, 21, 22, 23, 24, 25]) == len(PREFIX) + 6
    assert mlen(cache, "D", PREFIX + [20, 21, 22, 23, 30]) == len(PREFIX) + 4  # not C's 30
    check_invariants(cache, s, al)


def test_demanded_content_is_judged_on_its_owners_text():
    cache, al, s, rec = env()
    run(s, "B", PREFIX + [20, 21, 22, 23, 24, SECRET, 26])
    run(s, "C", PREFIX + [20, 21, 22, 23, 24])
    (job,) = rec.jobs
    deliver(cache, rec)
    assert mlen(cache, "D", PREFIX + [20, 21, 22, 23, 24, SECRET, 26]) == len(PREFIX) + 5
    assert_no_public_secret(cache)
    check_invariants(cache, s, al)


def test_whether_the_senders_own_copy_is_judged_does_not_depend_on_other_tenants():
    """A prober that sends a guess must not learn from its own copy whether it was right."""
    own_jobs = []
    for victim_sent_it in (False, True):
        cache, al, s, rec = env()
        if victim_sent_it:
            run(s, "victim", PREFIX + [20, 21, 22, 23, SECRET])
        run(s, "prober", PREFIX + [20, 21, 22, 23, 24])
        own_jobs.append([(j.start, j.end) for j in rec.jobs if j.owner == "prober"])
        deliver(cache, rec)
        # the prober's own copy stays private in both worlds; only a public copy would show
        assert mlen(cache, "helper", PREFIX + [20, 21, 22, 23, 24]) == len(PREFIX) + (
            4 if victim_sent_it else 0
        )
    assert own_jobs == [[], []]


def test_a_shallow_public_prefix_is_judged_at_once_and_0_turns_demand_off():
    cache, al, s, rec = env(after=len(PREFIX) + 1)
    run(s, "B", PREFIX + [20, 21, 22, 23])
    assert [j.owner for j in rec.jobs] == ["B"]
    cache, al, s, rec = env(after=0)
    run(s, "B", PREFIX + [20, 21, 22, 23])
    assert [j.owner for j in rec.jobs] == ["B"]


def test_the_creators_later_request_waits_like_anyone_elses():
    """A had PREFIX judged in an earlier request; its next turn is its own user's text."""
    cache, al, s, rec = env()
    run(s, "A", PREFIX + [40, 41, 42, 43])
    assert rec.jobs == []
    assert cache.safekv_stats()["dormant_inserts"] == 1
    assert mlen(cache, "C", PREFIX + [40, 41, 42, 43]) == len(PREFIX)
    run(s, "C", PREFIX + [40, 41, 42, 43])  # another tenant sends it: A's copy is judged
    assert [(j.owner, j.start, j.end) for j in rec.jobs] == [("A", len(PREFIX), len(PREFIX) + 4)]
    check_invariants(cache, s, al)


def test_a_requests_next_chunk_under_its_own_public_part_is_judged_at_once():
    """The rest of a long document: its first chunk was judged public while it ran."""
    cache, al, s, rec = env()
    doc = list(range(200, 212))  # 12 tokens under the root: judged at once
    req = s.start("A", doc)
    s.checkpoint(req)
    assert [(j.start, j.end) for j in rec.jobs] == [(0, 12)]
    deliver(cache, rec)
    assert mlen(cache, "C", doc) == 12
    assert s.decode(req, [50, 51, 52, 53, 54])
    s.checkpoint(req)  # the same request, 12 public tokens above: no wait for demand
    assert [(j.owner, j.start, j.end) for j in rec.jobs] == [("A", 12, 17)]
    assert cache.safekv_stats().get("dormant_inserts", 0) == 0
    deliver(cache, rec)
    s.finish(req)
    assert mlen(cache, "C", doc + [50, 51, 52, 53]) == 16
    check_invariants(cache, s, al)


def test_content_shorter_than_the_match_length_is_never_asked_for():
    cache, al, s, rec = env()
    run(s, "B", PREFIX + [20, 21, 22])
    run(s, "C", PREFIX + [20, 21, 22, 23, 24])
    assert rec.jobs == []
    assert mlen(cache, "D", PREFIX + [20, 21, 22]) == len(PREFIX)


def test_a_turn_that_grows_dormant_content_files_it_once_long_enough():
    cache, al, s, rec = env()
    req = run(s, "B", PREFIX + [20, 21])
    run(s, "B", PREFIX + [20, 21, 22, 23, 24])
    assert rec.jobs == [] and req is not None
    run(s, "C", PREFIX + [20, 21, 22, 23, 50])
    assert [(j.owner, j.start) for j in rec.jobs] == [("B", len(PREFIX))]


def test_evicting_dormant_content_removes_it_from_the_index():
    cache, al, s, rec = env()
    tail = list(range(20, 32))  # B holds more than A: fair share evicts B's unit first
    run(s, "B", PREFIX + tail)
    assert first_node(cache, PREFIX).dormant
    cache.evict(EvictParams(num_tokens=len(tail)))
    assert mlen(cache, "B", PREFIX + tail) == len(PREFIX)  # B's copy is gone, A's is not
    assert first_node(cache, PREFIX).dormant is None
    run(s, "C", PREFIX + tail)
    assert rec.jobs == []
    check_invariants(cache, s, al)


@pytest.mark.parametrize("field,value", [("judge_on_demand_after", -1), ("demand_match_tokens", 0)])
def test_bad_settings_stop_the_cache_with_a_clear_error(field, value):
    from sglang_safekv.cache import SafeRadixCache

    from .harness import FakeKVAllocator

    config = SafeKVConfig(mode=Mode.SELECTIVE, cache=CacheConfig(**{field: value}))
    with pytest.raises(ConfigError, match=field):
        SafeRadixCache(_params(FakeKVAllocator(64)), config)


def _params(allocator):
    from sglang.srt.mem_cache.cache_init_params import CacheInitParams
    from sglang.srt.mem_cache.memory_pool import ReqToTokenPool

    return CacheInitParams(
        disable=False,
        req_to_token_pool=ReqToTokenPool(4, 32, "cpu", False),
        token_to_kv_pool_allocator=allocator,
        page_size=1,
    )


_TOKENS = st.lists(st.sampled_from([20, 21, 22, SECRET]), min_size=1, max_size=7)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["B", "C", "D", "A"]), _TOKENS, st.booleans()),
        min_size=1,
        max_size=10,
    )
)
def test_no_secret_is_ever_shared_and_the_tree_stays_sound(steps):
    cache, al, s, rec = env(need=2)
    for tenant, tokens, deliver_now in steps:
        run(s, tenant, PREFIX + tokens)
        if deliver_now:
            deliver(cache, rec)
        check_invariants(cache, s, al)
        assert_no_public_secret(cache)
        cut = tokens.index(SECRET) if SECRET in tokens else len(tokens)
        assert visible_match(cache, "E", PREFIX + tokens) <= len(PREFIX) + cut  # E sent nothing
    deliver(cache, rec)
    check_invariants(cache, s, al)
    assert_no_public_secret(cache)
