import pytest

from sglang_safekv.monitor.walk import Frontier


@pytest.mark.parametrize(
    "ends, max_step, steps",
    [
        ([10, 10, 11, 11, 11, 12, 13], 1, 3),  # wrong guesses (repeats) between right ones
        ([10, 11, 12, 20, 21], 1, 1),  # a jump of more than one token restarts the count
        ([10, 11, 12, 5, 11, 13], 1, 3),  # earlier content re-read changes nothing
        ([10, 12, 14, 16], 1, 0),  # two tokens at a time is not the token-by-token signature
        ([10, 12, 14, 16], 2, 3),  # unless advances of two count
        ([10, 12, 15], 2, 0),  # a three-token advance restarts with max_step 2
    ],
)
def test_frontier_counts_successive_small_advances(ends, max_step, steps):
    frontier = Frontier()
    for end in ends:
        frontier.advance(end, max_step)
    assert frontier.steps == steps
    assert frontier.depth == max(ends)
