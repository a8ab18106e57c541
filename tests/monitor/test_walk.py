import pytest

from sglang_safekv.monitor.walk import WalkTracker
from tests.monitor.probes import token_walk


def close(tracker, tenant, end, creator="victim", node=2):
    return tracker.close_match(tenant, creator, end, node)


def detections(tracker, stream):
    """Close each probe as one match at its deepest event, as the monitor does."""
    found = []
    for i, events in stream:
        deepest = events[-1]
        end = deepest.node_depth + deepest.matched_into_node
        d = tracker.close_match(deepest.tenant, deepest.creator, end, deepest.node_id)
        if d is not None:
            found.append((i, d))
    return found


@pytest.mark.parametrize("split", [False, True])
def test_single_account_walk_is_detected_at_the_probe_that_completes_it(split):
    tracker = WalkTracker(walk_steps=4, cap=100)
    ranks = [3, 1, 2, 5, 4, 2]
    found = detections(tracker, token_walk(["eve"], ranks, split=split))
    assert found, "walk not detected"
    i, d = found[0]
    # The first (wrong) probe sets the frontier at the known prefix; the walk is complete at
    # the probe that guesses the fourth token right.
    assert i == sum(ranks[:4]) - 1
    assert d.tenant == "eve" and d.creator == "victim" and d.steps == 4
    assert d.depth == 100 + 5 + 4  # known 5, then 4 tokens learned


@pytest.mark.parametrize("split", [False, True])
def test_walk_that_starts_with_a_right_guess_needs_one_more_probe(split):
    tracker = WalkTracker(walk_steps=4, cap=100)
    found = detections(tracker, token_walk(["eve"], [1] * 6, split=split))
    assert found and found[0][0] == 4


def test_other_content_and_earlier_content_in_between_do_not_break_a_walk():
    tracker = WalkTracker(walk_steps=3, cap=100)
    assert close(tracker, "eve", 105) is None
    for end in (106, 107):
        assert close(tracker, "eve", end) is None
        assert close(tracker, "eve", 400, creator="bob", node=50) is None  # another creator
        assert close(tracker, "eve", 100) is None  # earlier content of the same creator
    assert close(tracker, "eve", 108) is not None


def test_reading_a_document_fully_and_repeatedly_is_not_a_walk():
    tracker = WalkTracker(walk_steps=1, cap=100)
    assert all(close(tracker, "ann", 140) is None for _ in range(500))


def test_a_jump_of_more_than_one_token_restarts_the_count():
    tracker = WalkTracker(walk_steps=3, cap=100)
    assert [close(tracker, "eve", e) for e in (10, 11, 12, 20, 21, 22)] == [None] * 6
    assert close(tracker, "eve", 23) is not None


def test_walks_of_different_tenants_are_separate():
    tracker = WalkTracker(walk_steps=3, cap=100)
    # Two tenants alternately advancing the frontier: each one's own ends jump by 2.
    assert all(close(tracker, "ab"[k % 2], 5 + k) is None for k in range(20))


def test_state_is_bounded():
    tracker = WalkTracker(walk_steps=3, cap=50)
    for i in range(5000):
        close(tracker, f"t{i}", i, creator=f"c{i % 7}")
    assert len(tracker) <= 50
