"""One focused test per cache rule (docs/design.md section 2), so a broken rule names itself."""

from __future__ import annotations

import threading
from array import array

import pytest
import torch
from sglang.srt.disaggregation.kv_events import BlockRemoved, BlockStored
from sglang.srt.mem_cache.base_prefix_cache import EvictParams, InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.radix_cache import RadixKey

from sglang_safekv import tenancy
from sglang_safekv.cache.events import DetectionResult
from sglang_safekv.cache.node import PUBLIC_TAG, State
from sglang_safekv.cache.safe_radix_cache import resolve_quota
from sglang_safekv.config import ConfigError, Mode

from .harness import (
    SECRET,
    MiniScheduler,
    Recorder,
    all_nodes,
    check_invariants,
    first_node,
    make_cache,
    node_of,
    truthful_result,
)


def env(mode=Mode.SELECTIVE, **kw):
    cache, allocator, pool = make_cache(mode, **kw)
    rec = Recorder()
    cache.add_listener(rec)
    return cache, allocator, MiniScheduler(cache, allocator, pool), rec


def run(s, tenant, prompt, out=()):
    req = s.start(tenant, prompt)
    assert req is not None
    s.decode(req, list(out))
    s.finish(req)
    return req


def key(tokens, tenant=None):
    return RadixKey(array("q", tokens), cache_salt=tenancy.stamp(tenant) if tenant else None)


def match(cache, tenant, tokens):
    return cache.match_prefix(MatchPrefixParams(key=key(tokens, tenant)))


def mlen(cache, tenant, tokens):
    return match(cache, tenant, tokens).device_prefix_len


def deliver(cache, rec, failed=False, only=None):
    jobs = [j for j in rec.jobs if only is None or j.owner == only]
    for j in jobs:
        rec.jobs.remove(j)
        cache.post(truthful_result(j, failed=failed))
    cache.apply_pending()


def test_split_at_the_exact_first_sensitive_token():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6, 7, 8])
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6, 7, 8]) == 0  # pending: private to A
    (job,) = rec.jobs
    assert (job.owner, job.start, job.end) == ("A", 0, 8)
    cache.post(DetectionResult("A", job.token_ids, 0, 8, first_sensitive=5))
    cache.apply_pending()
    public = first_node(cache, [1, 2, 3, 4, 5])
    assert public.state == State.PUBLIC and len(public.key) == 5
    (sensitive,) = public.child_list()
    assert sensitive.state == State.SENSITIVE and list(sensitive.key.token_ids) == [6, 7, 8]
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6, 7, 8]) == 5
    assert mlen(cache, "A", [1, 2, 3, 4, 5, 6, 7, 8]) == 8
    check_invariants(cache, s, al)


def test_split_floors_to_the_page_with_page_size_2():
    cache, _, _, rec = env(page_size=2)
    stamp = tenancy.stamp("A")
    values = torch.arange(100, 108)
    cache.insert(
        InsertParams(key=RadixKey(array("q", range(1, 9)), cache_salt=stamp), value=values)
    )
    (job,) = rec.jobs
    cache.post(DetectionResult("A", job.token_ids, job.start, job.end, first_sensitive=5))
    cache.apply_pending()
    assert mlen(cache, "B", list(range(1, 9))) == 4  # the page holding token 5 is sensitive
    assert first_node(cache, [1, 2, 3, 4]).state == State.PUBLIC
    assert first_node(cache, list(range(1, 9)), "A").state == State.SENSITIVE


def test_out_of_order_results_cascade_and_split_exactly():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    req = s.start("A", [1, 2, 3, 4, 5, 6, 7, 8])
    s.finish(req)
    first, second = rec.jobs
    assert (first.start, first.end, second.start, second.end) == (0, 4, 4, 8)
    cache.post(DetectionResult("A", second.token_ids, 4, 8, first_sensitive=6))
    cache.apply_pending()
    # positions 4-5 are clean (cleared, but their parent is pending); 6 on are sensitive
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 0
    assert first_node(cache, [1, 2, 3, 4, 5, 6], "A").cleared
    cache.post(truthful_result(first))
    cache.apply_pending()
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6, 7, 8]) == 6  # the cleared child followed
    assert first_node(cache, [1, 2, 3, 4, 5, 6, 7], "A").state == State.SENSITIVE
    check_invariants(cache, s, al)


def test_stale_results_are_ignored_safely():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    (job,) = rec.jobs
    clean, sensitive = truthful_result(job), DetectionResult("A", job.token_ids, 0, 6, 2)
    # another owner's result for A's tokens changes nothing
    cache.post(DetectionResult("B", job.token_ids, 0, 6, None))
    # a malformed one is counted and dropped
    cache.post(DetectionResult("A", job.token_ids, 0, 60, None))
    cache.apply_pending()
    assert first_node(cache, [1, 2, 3, 4, 5, 6], "A").state == State.PENDING
    assert cache.safekv_stats()["results_invalid"] == 1
    # sensitive first; a late clean answer for the same range cannot undo it
    cache.post(sensitive)
    cache.post(clean)
    cache.post(sensitive)
    cache.apply_pending()
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 2
    assert first_node(cache, [1, 2, 3, 4, 5, 6], "A").state == State.SENSITIVE
    # a path evicted in the meantime: nothing to apply
    cache.evict(EvictParams(num_tokens=100))
    assert cache.total_size() == 0
    cache.post(clean)
    cache.apply_pending()
    assert cache.total_size() == 0
    check_invariants(cache, s, al)


def test_a_demoted_node_is_never_re_promoted_by_the_detector():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    (job,) = rec.jobs
    deliver(cache, rec)
    node = first_node(cache, [1, 2, 3, 4])
    assert node.state == State.PUBLIC
    assert cache.demote(node.id, "test")
    cache.post(truthful_result(job))
    cache.apply_pending()
    assert node.state == State.DEMOTED and mlen(cache, "B", [1, 2, 3, 4]) == 0
    assert mlen(cache, "A", [1, 2, 3, 4]) == 4  # still cached for its creator
    check_invariants(cache, s, al)


def test_result_after_a_split_and_a_reinsert_still_addresses_the_right_tokens():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    (job,) = rec.jobs
    assert mlen(cache, "A", [1, 2, 3, 9]) == 3  # the match split A's node
    cache.post(truthful_result(job))
    cache.apply_pending()
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 6
    # evicted and inserted again by A: the old (truthful) result is about the same tokens
    cache.evict(EvictParams(num_tokens=100))
    run(s, "A", [1, 2, 3, 4, 5, 6])
    cache.post(truthful_result(job))
    cache.apply_pending()
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 6
    check_invariants(cache, s, al)


def test_failed_detection_stays_private_and_is_submitted_again():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    deliver(cache, rec, failed=True)
    assert mlen(cache, "B", [1, 2, 3, 4]) == 0
    assert cache.safekv_stats()["results_failed"] == 1
    run(s, "A", [1, 2, 3, 4, 5])
    starts = sorted((j.start, j.end) for j in rec.jobs)
    assert starts == [(0, 5)]  # the failed range comes back with the new tokens


def test_no_duplicate_jobs_and_chunked_prompts_give_consecutive_ranges():
    cache, al, s, rec = env()
    prompt = list(range(10, 20))
    req = s.start("A", prompt)
    s.checkpoint(req)
    s.checkpoint(req)  # nothing new: no second job
    s.decode(req, [20, 21, 22])
    s.checkpoint(req)
    s.finish(req)
    assert [(j.start, j.end) for j in rec.jobs] == [(0, 10), (10, 13)]
    assert tuple(rec.jobs[1].token_ids) == tuple(prompt) + (20, 21, 22)
    deliver(cache, rec)
    run(s, "B", prompt + [30, 31])
    (job,) = rec.jobs
    assert (job.owner, job.start, job.end) == ("B", 10, 12)  # starts after the public part
    check_invariants(cache, s, al)


def test_nothing_below_a_sensitive_node_is_classified():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, SECRET, 4])
    deliver(cache, rec)
    run(s, "A", [1, 2, SECRET, 4, 5, 6])
    assert rec.jobs == []
    tail = first_node(cache, [1, 2, SECRET, 4, 5, 6], "A")
    assert tail.state == State.SENSITIVE
    check_invariants(cache, s, al)


def test_dedup_frees_the_duplicate_kv():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    run(s, "B", [1, 2, 3, 4, 7, 8])
    b_slots = first_node(cache, [1, 2, 3, 4, 7, 8], "B").value.tolist()
    before = len(al.freed)
    deliver(cache, rec)
    assert sorted(al.freed[before:]) == sorted(b_slots[:4])  # B's copy of [1, 2, 3, 4]
    assert cache.safekv_stats()["dedup_freed_tokens"] == 4
    top = first_node(cache, [1, 2, 3, 4])
    assert top.state == State.PUBLIC and len(top.child_list()) == 2
    assert mlen(cache, "C", [1, 2, 3, 4, 7, 8]) == 6
    check_invariants(cache, s, al)


def test_dedup_waits_while_both_copies_are_locked():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    run(s, "B", [1, 2, 3, 4])
    ra = s.start("A", [1, 2, 3, 4, 5])  # locks A's copy
    rb = s.start("B", [1, 2, 3, 4, 5])  # locks B's copy
    deliver(cache, rec)
    assert cache.safekv_stats()["dedup_deferred"] == 1
    b_node = node_of(cache, [1, 2, 3, 4], "B")
    assert b_node.tag == "B" and b_node.cleared  # still B's private copy
    assert mlen(cache, "C", [1, 2, 3, 4]) == 4
    check_invariants(cache, s, al)
    s.finish(rb, insert=False)
    before = len(al.freed)
    cache.apply_pending()  # the unlock scheduled a retry
    assert b_node.value is None and cache.safekv_stats()["dedup_freed_tokens"] == 4
    assert len(al.freed) - before == 4
    s.finish(ra)
    check_invariants(cache, s, al)


def test_path_compression_merges_equal_chains_but_not_across_a_lock():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    assert mlen(cache, "A", [1, 2, 3, 9]) == 3  # splits A's node
    assert len(all_nodes(cache)) == 2
    deliver(cache, rec)
    (node,) = all_nodes(cache)
    assert len(node.key) == 6 and node.state == State.PUBLIC
    assert cache.safekv_stats()["compressions"] >= 1
    # a lock anchored on the upper part keeps the boundary
    run(s, "B", [1, 2, 3, 4, 5, 6, 7, 8])
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6, 9]) == 6
    upper = first_node(cache, [1, 2, 3, 4, 5, 6])
    lock = cache.lock(upper)
    deliver(cache, rec)
    assert first_node(cache, [1, 2, 3, 4, 5, 6]) is upper and len(upper.child_list()) == 1
    assert upper.lock_ref == 1 and upper.child_list()[0].lock_ref == 0
    assert upper.child_list()[0].state == State.PUBLIC
    cache.unlock(lock)
    check_invariants(cache, s, al)


def test_kv_events_stay_exact_through_splits_dedup_compression_and_eviction():
    cache, al, s, rec = env(kv_events=True)
    run(s, "A", [1, 2, 3, 4, 5, 6])
    run(s, "B", [1, 2, 3, 4, 7, 8])
    mlen(cache, "A", [1, 2, 9])
    deliver(cache, rec)
    cache.evict(EvictParams(num_tokens=1000))
    stored, removed = [], []
    for e in cache.take_events():
        if isinstance(e, BlockStored):
            stored.extend(e.block_hashes)
        elif isinstance(e, BlockRemoved):
            removed.extend(e.block_hashes)
    assert len(stored) == 12 and sorted(stored) == sorted(removed)


def test_quota_eviction_never_touches_another_tenant():
    cache, al, s, rec = env(quota=10)
    run(s, "B", [50, 51, 52, 53, 54, 55, 56, 57])
    b_slots = first_node(cache, [50, 51, 52, 53, 54, 55, 56, 57], "B").value.tolist()
    for i in range(5):
        before = len(al.freed)
        run(s, "A", [60 + i, 1, 2, 3, 4, 5])
        for slot in al.freed[before:]:
            assert s.content[slot][0] == "A", "A's insert evicted another tenant's KV"
        assert cache.private_tokens("A") <= 10
    assert first_node(cache, [50, 51, 52, 53, 54, 55, 56, 57], "B").value.tolist() == b_slots
    assert cache.safekv_stats()["evicted_tokens"]["quota"] > 0
    check_invariants(cache, s, al)


def test_quota_resolution():
    assert resolve_quota(0.5, 1000) == 500
    assert resolve_quota(1.0, 1000) == 1000
    assert resolve_quota(64.0, 1000) == 64
    assert resolve_quota(0.5, None) is None
    with pytest.raises(ConfigError):
        resolve_quota(0.0, 1000)


def test_public_child_and_own_private_child_with_the_same_first_token():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    run(s, "B", [1, 2, 3, 7, 7])  # B's copy is created while A's is still pending
    deliver(cache, rec, only="A")
    assert mlen(cache, "B", [1, 2, 3, 7, 7]) == 5  # own child agrees with more tokens
    assert mlen(cache, "B", [1, 2, 3, 4]) == 4  # the public child agrees with more
    tie = match(cache, "B", [1, 2, 3])
    assert tie.device_prefix_len == 3 and tie.last_device_node.owner == "B"  # tie: own
    assert mlen(cache, "C", [1, 2, 3, 7, 7]) == 3  # C sees only the public child
    events = [e for e in rec.events if e.tenant == "B"]
    assert [e.creator for e in events] == ["A"]  # only the match that used A's node
    check_invariants(cache, s, al)


def test_demotion_cascades_to_public_descendants():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    deliver(cache, rec)
    run(s, "B", [1, 2, 3, 4, 5, 6])
    deliver(cache, rec)
    run(s, "C", [1, 2, 3, 4, 5, 6, 7, 8])
    assert mlen(cache, "D", list(range(1, 9))) == 6
    top = first_node(cache, [1, 2, 3, 4])
    assert cache.demote(top.id, "probe")
    assert top.state == State.DEMOTED and top.tag == "A"
    b_node = node_of(cache, [1, 2, 3, 4, 5, 6], "B")
    assert b_node.state == State.DEMOTED and b_node.tag == "B"
    assert mlen(cache, "D", list(range(1, 9))) == 0
    assert mlen(cache, "A", list(range(1, 9))) == 4  # B's node is private to B now
    assert mlen(cache, "B", list(range(1, 9))) == 0
    assert cache.demote(top.id) is False  # not public any more
    before = cache.safekv_stats()["evicted_tokens"].get("orphan", 0)
    cache.evict(EvictParams(num_tokens=2))  # C's [7, 8] is unreachable: it goes first
    assert cache.safekv_stats()["evicted_tokens"]["orphan"] - before == 2
    check_invariants(cache, s, al)


def test_locked_path_insert_after_demotion_declines_the_tail():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    deliver(cache, rec)
    req = s.start("B", [1, 2, 3, 4, 5, 6, 7, 8])
    assert req.prefix_len == 6
    node = first_node(cache, [1, 2, 3, 4, 5, 6])
    cache.demote(node.id)
    s.decode(req, [9])
    s.checkpoint(req)
    check_invariants(cache, s, al)
    s.finish(req)
    assert cache.private_tokens("B") == 0
    assert cache.safekv_stats()["declined_tails"] >= 1
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6, 7, 8]) == 0
    check_invariants(cache, s, al)


def test_evict_node_frees_at_once_or_hides_until_unlocked():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    deliver(cache, rec)
    node = first_node(cache, [1, 2, 3, 4])
    req = s.start("B", [1, 2, 3, 4, 5])
    assert cache.evict_node(node.id)
    assert node.hidden and node.value is not None  # B's request still reads it
    assert mlen(cache, "A", [1, 2, 3, 4]) == 0 and mlen(cache, "C", [1, 2, 3, 4]) == 0
    check_invariants(cache, s, al)
    s.finish(req)
    cache.apply_pending()
    assert node.value is None and cache.total_size() == 0
    run(s, "A", [7, 8])
    other = first_node(cache, [7, 8], "A")
    assert cache.evict_node(other.id) and other.value is None
    check_invariants(cache, s, al)


def test_anonymous_requests_do_not_share_private_content():
    cache, al, s, rec = env()
    run(s, None, [1, 2, 3, 4, 5])
    req = s.start(None, [1, 2, 3, 4, 5])
    assert req.prefix_len == 0
    s.finish(req)
    forged = RadixKey(array("q", [1, 2, 3, 4, 5]), cache_salt="safekv1:A:" + "0" * 32)
    run(s, "A", [1, 2, 3, 4, 5])
    assert cache.match_prefix(MatchPrefixParams(key=forged)).device_prefix_len == 0
    assert mlen(cache, "A", [1, 2, 3, 4, 5]) == 5
    assert len({x.owner for x in all_nodes(cache)}) == 3
    check_invariants(cache, s, al)


def test_declared_public_prefixes():
    cache, al, s, rec = env()
    for t, x in (("A", 5), ("B", 6), ("C", 7)):
        run(s, t, [1, 2, 3, 4, x])
    before = len(al.freed)
    assert cache.declare_public([1, 2, 3, 4]) == 12
    assert len(al.freed) - before == 8  # two of the three copies merged away
    assert mlen(cache, "D", [1, 2, 3, 4, 5]) == 4  # the tails stay private
    rec.jobs.clear()
    cache.declare_public([7, 7, 7, 7])
    run(s, "E", [7, 7, 7, 7, 8, 8])
    assert first_node(cache, [7, 7, 7, 7]).state == State.PUBLIC
    assert [(j.start, j.end) for j in rec.jobs] == [(4, 6)]
    assert mlen(cache, "F", [7, 7, 7, 7, 8]) == 4
    check_invariants(cache, s, al)
    iso, _, s2, _ = env(Mode.ISOLATED)
    run(s2, "A", [1, 2, 3])
    iso.declare_public([1, 2, 3])
    assert mlen(iso, "B", [1, 2, 3]) == 0


def test_match_events_name_cross_tenant_public_nodes_once_per_request():
    cache, al, s, rec = env()
    run(s, "A", list(range(1, 9)))
    deliver(cache, rec)
    rec.events.clear()
    req = s.start("B", list(range(1, 9)) + [30])
    req.init_next_round_input(cache)  # the scheduler re-matches a waiting request
    assert len(rec.events) == 1
    (e,) = rec.events
    assert (e.tenant, e.creator, e.node_depth, e.matched_into_node) == ("B", "A", 0, 8)
    s.finish(req, insert=False)
    mlen(cache, "A", list(range(1, 9)))  # the creator's own match is no event
    assert len(rec.events) == 1
    # probes one token deeper into a node split it; the lineage stays the same
    run(s, "A", [40, 41, 42, 43, 44, 45])
    deliver(cache, rec)
    rec.events.clear()
    mlen(cache, "M", [40, 41, 42])
    mlen(cache, "M", [40, 41, 42, 43])
    assert len({e.lineage_id for e in rec.events}) == 1
    assert [e.node_depth + e.matched_into_node for e in rec.events][-1] == 4


def test_events_of_one_match_share_a_match_id_and_the_next_match_gets_another():
    cache, al, s, rec = env()
    run(s, "A", [40, 41, 42, 43, 44])
    deliver(cache, rec)
    run(s, "B", [40, 41, 7, 7])  # splits A's public node: [40, 41] and [42, 43, 44]
    deliver(cache, rec)
    rec.events.clear()
    mlen(cache, "M", [40, 41, 42, 43, 44, 9])
    mlen(cache, "M", [40, 41, 42, 43, 44, 9])
    ids = [e.match_id for e in rec.events]
    assert len(ids) == 4 and ids[0] == ids[1] != ids[2] == ids[3] and min(ids) >= 0


def test_monitor_calls_from_a_callback_are_deferred():
    cache, al, s, rec = env()

    class Evictor:
        def on_match(self, event):
            assert cache.evict_node(event.node_id)

    run(s, "A", [1, 2, 3, 4])
    deliver(cache, rec)
    cache.add_listener(Evictor())
    req = s.start("B", [1, 2, 3, 4, 5])  # the match fires the callback, then B locks
    assert req.prefix_len == 4
    check_invariants(cache, s, al)
    cache.apply_pending()
    assert req.last_node.hidden  # locked: hidden, freed when B is done
    s.finish(req)
    cache.apply_pending()
    assert cache.total_size() == 0
    check_invariants(cache, s, al)


def test_dfs_weight_order_ignores_other_tenants_private_nodes():
    cache, al, s, rec = env()
    cache.declare_public([1, 2, 3, 4])
    run(s, "op", [1, 2, 3, 4, 5])
    run(s, "op", [7, 7, 7])
    cache.declare_public([7, 7, 7])
    handles = [
        match(cache, "U", p).last_device_node
        for p in ([7, 7, 7, 1], [1, 2, 3, 4, 5], [1, 2, 6], [7, 7, 7], [1, 2, 3, 4])
    ]
    order = cache.dfs_weight_order(handles)
    for i in range(4):
        run(s, "V", [7, 7, 7, 8 + i, 9])  # V's private nodes under the 7-branch
    run(s, "V", [5, 5])
    assert cache.dfs_weight_order(handles) == order
    assert sorted(order) == list(range(len(handles)))
    cache.evict(EvictParams(num_tokens=1000))  # handles now point at freed nodes
    assert sorted(cache.dfs_weight_order(handles)) == list(range(len(handles)))


def test_post_is_thread_safe():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    (job,) = rec.jobs
    results = [truthful_result(job), DetectionResult("A", job.token_ids, 0, 4, 2)]

    def worker():
        for i in range(300):
            cache.post(results[i % 2])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        mlen(cache, "B", [1, 2, 3, 4])
    for t in threads:
        t.join()
    cache.apply_pending()
    assert cache.safekv_stats()["pending_results"] == 0
    check_invariants(cache, s, al)


def test_a_failing_listener_does_not_break_the_cache():
    cache, al, s, rec = env()

    class Broken:
        def on_classification_job(self, job):
            raise RuntimeError("detector down")

    cache.add_listener(Broken())
    run(s, "A", [1, 2, 3])
    assert cache.safekv_stats()["listener_errors"] == 2  # the arrival job and the insert's
    assert mlen(cache, "B", [1, 2, 3]) == 0  # fail closed: stays private
    check_invariants(cache, s, al)


def test_global_mode_shares_everything_and_ignores_tenant_api():
    cache, al, s, rec = env(Mode.GLOBAL)
    run(s, "A", [1, 2, 3, 4, 5])
    assert mlen(cache, "B", [1, 2, 3, 4, 5]) == 5
    assert not cache.demote(1) and not cache.evict_node(1)
    cache.post(DetectionResult("A", (1, 2), 0, 2, None))
    cache.apply_pending()
    assert cache.safekv_stats()["mode"] == "global"
    check_invariants(cache, s, al)


def test_isolated_mode_never_shares():
    cache, al, s, rec = env(Mode.ISOLATED)
    run(s, "A", [1, 2, 3, 4, 5])
    assert mlen(cache, "B", [1, 2, 3, 4, 5]) == 0
    assert mlen(cache, "A", [1, 2, 3, 4, 5]) == 5
    assert rec.jobs == []
    assert all(x.tag != PUBLIC_TAG for x in all_nodes(cache))
    check_invariants(cache, s, al)


def test_node_has_treenode_fields():
    """SafeTreeNode sets TreeNode's fields itself: none may be missing after an upgrade."""
    from sglang.srt.mem_cache.radix_cache import TreeNode

    from sglang_safekv.cache.node import SafeTreeNode

    assert set(vars(TreeNode())) <= set(vars(SafeTreeNode("a", State.PENDING)))


def test_private_chains_are_evicted_from_the_leaf_end():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4])
    run(s, "A", [1, 2, 3, 4, 5, 6])
    run(s, "A", [1, 2, 3, 4, 5, 6, 7, 8])
    cache.evict(EvictParams(num_tokens=2))
    assert mlen(cache, "A", list(range(1, 9))) == 6
    cache.evict(EvictParams(num_tokens=2))
    assert mlen(cache, "A", list(range(1, 9))) == 4
    check_invariants(cache, s, al)


def test_malformed_results_are_dropped():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3])
    (job,) = rec.jobs
    for bad in (
        DetectionResult("A", job.token_ids, 2, 1, None),
        DetectionResult("A", job.token_ids, 0, 3, -1),
        DetectionResult(None, job.token_ids, 0, 3, None),
        DetectionResult("A", job.token_ids, "0", 3, None),
    ):
        cache.post(bad)
    cache.apply_pending()
    assert cache.safekv_stats()["results_invalid"] == 4
    assert mlen(cache, "B", [1, 2, 3]) == 0


@pytest.mark.parametrize("mode", list(Mode))
def test_the_whole_api_is_callable_in_every_mode(mode):
    cache, al, s, rec = env(mode)
    req = run(s, "A", [1, 2, 3, 4])
    node = match(cache, "A", [1, 2, 3, 4]).last_device_node
    result = DetectionResult("A", (1, 2, 3, 4), 0, 4, None)
    cache.apply_detection(result)
    cache.post(result)
    cache.apply_pending()
    cache.declare_public([1, 2])
    cache.demote(node.id, "x")
    info = cache.node_info(node.id)
    assert (info is None) == (mode == Mode.GLOBAL)
    assert sorted(cache.dfs_weight_order([node, cache.root_node, req.last_node])) == [0, 1, 2]
    cache.evict_node(node.id)
    stats = cache.safekv_stats()
    assert stats["mode"] == mode.value
    cache.evict(EvictParams(num_tokens=100))
    check_invariants(cache, s, al)


@pytest.mark.parametrize("mode", [Mode.SELECTIVE, Mode.ISOLATED])
def test_operator_prefill_is_public_at_insert_only_in_selective_mode(mode):
    cache, al, s, rec = env(mode)
    run(s, tenancy.OPERATOR, [1, 2, 3, 4, 5, 6])
    shared = mlen(cache, "B", [1, 2, 3, 4, 5, 6, 9])
    if mode is Mode.SELECTIVE:
        # No detector answer was delivered: the declaration alone made it public.
        assert shared == 6
        assert all(n.state == State.PUBLIC for n in all_nodes(cache))
        # A tenant's later copy of declared content is public at insert too.
        run(s, "C", [1, 2, 3, 4, 5, 6, 7, 8])
        assert mlen(cache, "D", [1, 2, 3, 4, 5, 6, 7, 8]) == 6
    else:
        assert shared == 0
    check_invariants(cache, s, al)


def test_a_client_cannot_pose_as_the_operator():
    cache, al, s, rec = env()
    forged = RadixKey(array("q", [1, 2, 3]), cache_salt="safekv1:__operator__:" + "0" * 32)
    cache.match_prefix(MatchPrefixParams(key=forged))
    run(s, "A", [1, 2, 3, 4])
    assert mlen(cache, "B", [1, 2, 3, 4]) == 0


def test_a_throttled_tenant_reuses_only_its_own_content():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3, 4, 5, 6])
    deliver(cache, rec)
    run(s, "B", [7, 8, 9, 10])
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 6
    throttled = {"B"}
    cache.set_sharing_throttle(lambda tenant: tenant in throttled)
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 0  # A's public content: not for B now
    assert mlen(cache, "B", [7, 8, 9, 10]) == 4  # B's own content still hits
    assert mlen(cache, "C", [1, 2, 3, 4, 5, 6]) == 6  # others are unaffected
    throttled.clear()
    assert mlen(cache, "B", [1, 2, 3, 4, 5, 6]) == 6
    check_invariants(cache, s, al)
