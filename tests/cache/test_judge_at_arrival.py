"""Judging a request's prompt when it arrives (cache.judge_at_arrival): one job per request on
its first match, which makes nothing public by itself; its answer only clears early what an
insert's own job covers, and never dormant content."""

from __future__ import annotations

from sglang_safekv.cache.events import ClassificationJob, result_for
from sglang_safekv.cache.node import State
from sglang_safekv.config import Mode

from .harness import (
    SECRET,
    MiniScheduler,
    Recorder,
    assert_no_public_secret,
    check_invariants,
    first_node,
    make_cache,
    node_of,
    truthful_result,
)
from .test_rules import deliver, mlen, run

PROMPT = [5, 6, 7, 8, 10, 11, 12, 13]  # no SECRET


def env(**kw):
    cache, allocator, pool = make_cache(Mode.SELECTIVE, **kw)
    rec = Recorder()
    cache.add_listener(rec)
    return cache, allocator, MiniScheduler(cache, allocator, pool), rec


def post(cache, *results):
    for r in results:
        cache.post(r)
    cache.apply_pending()


def test_one_job_per_request_on_its_first_match_covering_the_unmatched_prompt():
    cache, al, s, rec = env()
    req = s.start("A", PROMPT)
    req.init_next_round_input(cache)  # the scheduler matches a waiting request again
    (job,) = rec.ahead
    # SGLang matches all but the last prompt token: that is what can be judged ahead.
    assert (job.owner, job.start, job.end, job.ahead) == ("A", 0, len(PROMPT) - 1, True)
    assert list(job.token_ids) == PROMPT[:-1]
    assert rec.jobs == []
    s.finish(req)
    (insert_job,) = rec.jobs
    assert (insert_job.start, insert_job.end, insert_job.ahead) == (0, len(PROMPT), False)
    assert cache.safekv_stats()["ahead_jobs"] == 1
    check_invariants(cache, s, al)


def test_an_answer_before_the_insert_changes_nothing():
    cache, al, s, rec = env()
    req = s.start("A", PROMPT)
    post(cache, truthful_result(rec.ahead.pop()))
    assert mlen(cache, "B", PROMPT) == 0
    s.finish(req)
    assert mlen(cache, "B", PROMPT) == 0  # pending until the insert's job is answered
    deliver(cache, rec)
    assert mlen(cache, "B", PROMPT) == len(PROMPT)
    check_invariants(cache, s, al)


def test_an_answer_after_the_insert_clears_what_the_inserts_job_covers():
    cache, al, s, rec = env()
    run(s, "A", PROMPT)
    post(cache, truthful_result(rec.ahead.pop()))
    assert mlen(cache, "B", PROMPT) == len(PROMPT) - 1  # the last token waits for its job
    deliver(cache, rec)
    assert mlen(cache, "B", PROMPT) == len(PROMPT)
    check_invariants(cache, s, al)


def test_a_secret_found_ahead_stays_private_whatever_comes_after():
    cache, al, s, rec = env()
    prompt = [5, 6, 7, SECRET, 10, 11]
    run(s, "A", prompt)
    post(cache, truthful_result(rec.ahead.pop()))
    assert node_of(cache, prompt, "A").state == State.SENSITIVE
    post(cache, result_for(rec.jobs.pop(), first_sensitive=None))  # a wrong later answer
    assert mlen(cache, "B", prompt) == 3
    assert_no_public_secret(cache)
    check_invariants(cache, s, al)


def test_a_failed_answer_leaves_the_inserts_job_outstanding():
    cache, al, s, rec = env()
    run(s, "A", PROMPT)
    post(cache, truthful_result(rec.ahead.pop(), failed=True))
    assert cache.safekv_stats()["ahead_results_failed"] == 1
    assert node_of(cache, PROMPT, "A").submitted  # no second job for the same tokens
    deliver(cache, rec)
    assert mlen(cache, "B", PROMPT) == len(PROMPT)
    check_invariants(cache, s, al)


def test_an_answer_never_clears_dormant_content():
    """Content below a long public prefix another request made waits for demand (demand.py);
    an early answer must not judge it, even where the prefix grew after the request arrived."""
    prefix = list(range(100, 110))
    cache, al, s, rec = env(judge_on_demand_after=8, demand_match_tokens=4)
    run(s, "A", prefix)
    deliver(cache, rec)
    rec.ahead.clear()
    tail = prefix + [20, 21, 22, 23, 24]
    run(s, "B", tail)
    assert rec.ahead == [] and rec.jobs == []  # no job at all: dormant
    forged = ClassificationJob("B", tuple(tail), len(prefix), len(tail), ahead=True)
    post(cache, result_for(forged, first_sensitive=None))
    assert mlen(cache, "C", tail) == len(prefix)
    assert first_node(cache, tail, "B").state == State.PENDING
    check_invariants(cache, s, al)


def test_no_job_ahead_where_the_insert_would_send_none():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, SECRET, 4])
    deliver(cache, rec)
    rec.ahead.clear()
    run(s, "A", [1, 2, SECRET, 4, 5, 6, 7])  # below its own sensitive node
    assert rec.ahead == []
    run(s, "A", [1, 2, SECRET, 4])  # nothing new to judge
    assert rec.ahead == []
    cache, al, s, rec = env(judge_at_arrival=False)
    run(s, "A", PROMPT)
    assert rec.ahead == [] and len(rec.jobs) == 1
    for mode in (Mode.ISOLATED, Mode.GLOBAL):
        cache, allocator, pool = make_cache(mode)
        rec = Recorder()
        cache.add_listener(rec)
        run(MiniScheduler(cache, allocator, pool), "A", PROMPT)
        assert rec.ahead == []


def test_a_throttled_tenant_gets_no_job_ahead():
    cache, al, s, rec = env()
    cache.set_sharing_throttle(lambda tenant: tenant == "mallory")
    run(s, "mallory", PROMPT)
    assert rec.ahead == []
    run(s, "alice", PROMPT)
    assert len(rec.ahead) == 1
