"""A fresh prompt's later messages wait for demand (cache/demand.py, ``awaiting``).

The first user of an app sends its system prompt and its own turn together; without this, that
turn was judged with the system prompt and shared at once, so colluding accounts could walk it
token by token (issue 11, the deal memos), while every later user's turn waits for another
tenant to send the same first tokens. Marker: a special token (chat-template role marker)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sglang_safekv.cache.demand import message_boundary
from sglang_safekv.cache.node import State
from sglang_safekv.config import Mode

from .harness import (
    SECRET,
    MiniScheduler,
    Recorder,
    assert_no_public_secret,
    check_invariants,
    make_cache,
    visible_match,
)
from .test_rules import deliver, mlen, run

M = 7  # the marker: a special token of the tokenizer
SYSTEM = list(range(100, 110))  # 10 tokens of system prompt
AFTER, NEED = 8, 4
HEAD = SYSTEM + [M]  # judged at once: the system message up to and with its end marker
TURN = [20, 21, 22, 23, 24, 25]


def env(after=AFTER, need=NEED, markers=(M,), page_size=1, on=True):
    cache, allocator, pool = make_cache(
        Mode.SELECTIVE,
        judge_on_demand_after=after,
        demand_match_tokens=need,
        page_size=page_size,
        pool_tokens=256,
    )
    cache.config.cache.later_messages_on_demand = on
    cache.set_message_markers(markers)
    rec = Recorder()
    cache.add_listener(rec)
    return cache, allocator, MiniScheduler(cache, allocator, pool), rec


def spans(rec, owner=None):
    return [(j.owner, j.start, j.end) for j in rec.jobs if owner is None or j.owner == owner]


def test_only_the_first_message_is_judged_and_the_turn_waits_for_demand():
    cache, al, s, rec = env()
    run(s, "U", HEAD + TURN)
    assert spans(rec) == [("U", 0, len(HEAD))]
    deliver(cache, rec)
    assert mlen(cache, "V", HEAD + TURN) == len(HEAD)  # the system prompt is shared, not U's turn
    stats = cache.safekv_stats()
    assert stats["awaiting_messages"] == 1 and stats["awaiting_filed"] == 1
    run(s, "V", HEAD + TURN[:4] + [99])  # another tenant sends the same first 4 tokens
    assert spans(rec) == [("U", len(HEAD), len(HEAD) + len(TURN))]
    deliver(cache, rec)
    assert mlen(cache, "W", HEAD + TURN) == len(HEAD) + len(TURN)
    check_invariants(cache, s, al)


def test_colluding_probes_of_the_turn_learn_nothing_and_ask_for_nothing():
    cache, al, s, rec = env()
    run(s, "U", HEAD + TURN)
    deliver(cache, rec)
    for i, guess in enumerate([20, 30, 31, 20]):
        probe = HEAD + [guess, 90 + i, 80 + i]  # one guessed token, then a unique pad
        assert mlen(cache, f"x{i}", probe) == len(HEAD)
        run(s, f"x{i}", probe)
    assert spans(rec, "U") == []
    deliver(cache, rec)
    assert mlen(cache, "helper", HEAD + TURN) == len(HEAD)
    check_invariants(cache, s, al)


def test_the_requests_own_later_inserts_never_send_the_waiting_turn():
    """A checkpoint before the verdict, and the output inserted at the end, stay unjudged."""
    cache, al, s, rec = env()
    req = s.start("U", HEAD + TURN)
    s.checkpoint(req)
    assert spans(rec) == [("U", 0, len(HEAD))]
    assert s.decode(req, [50, 51, 52])
    s.checkpoint(req)  # the boundary is not public yet: nothing more goes out
    assert spans(rec) == [("U", 0, len(HEAD))]
    deliver(cache, rec)
    assert s.decode(req, [53, 54])
    s.finish(req)  # its own request, below its own public part, but a waiting message
    assert rec.jobs == []
    assert mlen(cache, "V", HEAD + TURN + [50, 51]) == len(HEAD)
    run(s, "U", HEAD + TURN + [50, 51, 52, 53, 54, 60, 61])  # U's next turn waits as well
    assert rec.jobs == []
    check_invariants(cache, s, al)


def test_a_secret_in_the_turn_stays_private_after_demand():
    cache, al, s, rec = env()
    run(s, "U", HEAD + [20, 21, 22, 23, SECRET, 25])
    deliver(cache, rec)
    run(s, "V", HEAD + [20, 21, 22, 23, 40])
    assert spans(rec, "U") == [("U", len(HEAD), len(HEAD) + 6)]
    deliver(cache, rec)
    assert mlen(cache, "W", HEAD + [20, 21, 22, 23, SECRET, 25]) == len(HEAD) + 4
    assert_no_public_secret(cache)


def test_a_turn_shorter_than_the_match_length_is_never_asked_for():
    cache, al, s, rec = env()
    run(s, "U", HEAD + [20, 21])
    deliver(cache, rec)
    run(s, "V", HEAD + [20, 21])
    deliver(cache, rec)
    assert spans(rec, "U") == []
    assert mlen(cache, "W", HEAD + [20, 21]) == len(HEAD)


def test_a_marker_early_in_the_prompt_or_no_marker_or_the_switch_off_judges_all_at_once():
    early = [M] + SYSTEM + TURN  # marker before judge_on_demand_after tokens: a BOS, say
    cache, al, s, rec = env()
    run(s, "U", early)
    assert spans(rec) == [("U", 0, len(early))]
    for kw in ({"markers": ()}, {"on": False}, {"after": 0}):
        cache, al, s, rec = env(**kw)
        run(s, "U", HEAD + TURN)
        assert spans(rec) == [("U", 0, len(HEAD + TURN))], kw


def test_the_arrival_job_stops_at_the_boundary_too():
    """``judge_at_arrival``: its decision answers the insert's job, so it covers the same."""
    cache, al, s, rec = env()
    req = s.start("U", HEAD + TURN)
    assert [(j.start, j.end) for j in rec.ahead] == [(0, len(HEAD))]
    s.finish(req)


def test_markers_close_together_are_one_boundary():
    """The next message's role header is everyone's: it is shared with the system prompt."""
    cache, al, s, rec = env()
    header = [M, 5, M, 6]  # end marker, a newline, the role marker, a newline
    run(s, "U", SYSTEM + header + TURN)
    assert spans(rec) == [("U", 0, len(SYSTEM) + 3)]
    deliver(cache, rec)
    assert mlen(cache, "V", SYSTEM + header + [40, 41]) == len(SYSTEM) + 3
    cache, al, s, rec = env()
    run(s, "U", HEAD + [20, 21, M] + TURN)  # two tokens between: two boundaries, the first counts
    assert spans(rec) == [("U", 0, len(HEAD))]


def test_pages_of_two_turn_it_off():
    """A boundary floored to a page could fall inside the line before it (held by the
    detector), and the message after it would never be filed: page size 1 only."""
    cache, al, s, rec = env(page_size=2)
    prompt = SYSTEM + [1, M] + TURN
    run(s, "U", prompt)
    assert spans(rec) == [("U", 0, len(prompt))]


def test_filing_a_turn_asks_for_an_earlier_dormant_copy_of_it():
    """Found in review: the demanded copy is looked up where the content below starts."""
    cache, al, s, rec = env()
    run(s, "W", HEAD + [40, 41, 42, 43, 44])
    run(s, "U", HEAD + TURN)  # its turn awaits U's own head copy
    deliver(cache, rec, only="W")  # HEAD public (W's copy)
    run(s, "V", HEAD + TURN)  # continues the public HEAD: dormant, filed
    assert spans(rec, "V") == []
    deliver(cache, rec, only="U")  # U's head merges into W's: U's turn is filed
    assert spans(rec, "V") == [("V", len(HEAD), len(HEAD) + len(TURN))]
    deliver(cache, rec)
    assert mlen(cache, "X", HEAD + TURN) == len(HEAD) + len(TURN)
    check_invariants(cache, s, al)


def test_a_waiting_turn_is_never_merged_into_the_head_before_it():
    """Path compression keeps the boundary: merged, the head would wait (or the turn go out)."""
    cache, al, s, rec = env()
    run(s, "U", HEAD + TURN)
    deliver(cache, rec, failed=True)  # the head stays pending and unsubmitted, like its turn
    waiting = [n for n in cache._nodes.values() if n.awaiting is not None]
    assert len(waiting) == 1
    cache._compress_queue.extend(cache._nodes.values())
    cache.apply_pending()
    [after] = [n for n in cache._nodes.values() if n.awaiting is not None]
    assert len(after.key) == len(TURN)
    run(s, "U", HEAD + TURN)  # sends the head again, never the turn
    assert spans(rec) == [("U", 0, len(HEAD))]
    check_invariants(cache, s, al)


_TAIL = st.lists(st.sampled_from([20, 21, 22, M, SECRET]), min_size=1, max_size=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["U", "V", "W"]), _TAIL, st.booleans()),
        min_size=1,
        max_size=10,
    )
)
def test_no_secret_is_shared_and_no_turn_is_shared_before_demand(steps):
    """Whatever the order: the tree stays sound, no secret is public, and a turn after the
    boundary is visible to an outsider only once two tenants have sent its first tokens."""
    need = 2
    cache, al, s, rec = env(need=need)
    markers = frozenset((M,))
    senders: dict[tuple, set[str]] = {}  # (boundary, first tokens after it) -> who sent them
    for tenant, tail, deliver_now in steps:
        run(s, tenant, HEAD + tail)
        if deliver_now:
            deliver(cache, rec)
        check_invariants(cache, s, al)
        assert_no_public_secret(cache)
    deliver(cache, rec)
    check_invariants(cache, s, al)
    assert_no_public_secret(cache)
    judged_at_once = {}  # tail -> (tokens of it before its boundary, its fingerprint)
    for tenant, tail, _ in steps:
        prompt = HEAD + tail
        b = message_boundary(prompt, markers, AFTER - 1, len(prompt), 1) or len(prompt)
        fp = (b, tuple(prompt[b : b + need])) if len(prompt) - b >= need else None
        # a later request continues the public HEAD: it is filed right after it
        later = (len(HEAD), tuple(tail[:need])) if len(tail) >= need else None
        judged_at_once[tuple(tail)] = (b - len(HEAD), (fp, later))
        for f in (fp, later):
            if f is not None:
                senders.setdefault(f, set()).add(tenant)
    for _, tail, _ in steps:
        k = visible_match(cache, "outsider", HEAD + tail) - len(HEAD)
        if k > 0:  # shared: judged with the first message, or asked for by a second tenant
            assert any(
                t[:k] == tail[:k]
                and (
                    k <= judged_at_once[tuple(t)][0]
                    or any(len(senders.get(f, ())) >= 2 for f in judged_at_once[tuple(t)][1])
                )
                for _, t, _ in steps
                if len(t) >= k
            ), (tail, k)
    for node in cache._nodes.values():
        assert node.awaiting is None or node.state != State.PUBLIC
