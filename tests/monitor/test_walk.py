import pytest

from sglang_safekv.monitor.walk import Frontier, TenantWalks


@pytest.mark.parametrize(
    "ends, steps",
    [
        ([10, 10, 11, 11, 11, 12, 13], 3),  # wrong guesses (repeats) between right ones
        ([10, 11, 12, 20, 21], 1),  # a jump of more than one token restarts the count
        ([10, 11, 12, 5, 11, 13], 3),  # earlier content re-read changes nothing
        ([10, 12, 14, 16], 0),  # two tokens at a time is not this signature
    ],
)
def test_frontier_counts_successive_one_token_advances(ends, steps):
    frontier = Frontier()
    for end in ends:
        frontier.advance(end)
    assert frontier.steps == steps


def test_tenant_walk_is_detected_at_the_match_that_completes_it():
    walks = TenantWalks(walk_steps=3, cap=100)
    assert walks.close_match("eve", "victim", 105, 2) is None
    for end in (106, 107):
        assert walks.close_match("eve", "victim", end, 2) is None
        assert walks.close_match("eve", "bob", 400, 50) is None  # other creators' content
    found = walks.close_match("eve", "victim", 108, 7)
    assert found is not None and (found.tenant, found.node_id, found.steps) == ("eve", 7, 3)
    # Detection starts the count over.
    assert walks.close_match("eve", "victim", 109, 7) is None


def test_tenants_are_walked_separately():
    walks = TenantWalks(walk_steps=3, cap=100)
    # Two tenants alternately advancing: each one's own ends jump by two.
    assert all(walks.close_match("ab"[k % 2], "victim", 5 + k, 2) is None for k in range(20))


def test_tenant_walk_state_is_bounded():
    walks = TenantWalks(walk_steps=3, cap=50)
    for i in range(5000):
        walks.close_match(f"t{i}", f"c{i % 7}", i, i)
    assert len(walks) <= 50


def test_walk_steps_must_be_positive():
    with pytest.raises(ValueError, match="walk_steps"):
        TenantWalks(walk_steps=0, cap=10)
