import pytest

from sglang_safekv.evaluation.calibration import calibrate


def test_separable_samples_get_a_threshold_between_them():
    t = calibrate([0.3, 0.4, 0.5], [0.9, 1.0, 1.2])
    assert 0.5 < t.value < 0.9
    assert (t.tpr, t.fpr) == (1.0, 0.0)
    assert t.is_hit(0.45) and not t.is_hit(0.95)


def test_widest_gap_wins_among_equal_separations():
    t = calibrate([0.2, 0.3], [0.9, 1.0])
    assert t.value == pytest.approx(0.6)


def test_overlap_maximises_youden_j():
    hits = [0.3, 0.4, 0.5, 0.95]
    misses = [0.45, 0.9, 1.0, 1.1]
    t = calibrate(hits, misses)
    assert t.youden_j == pytest.approx(0.5)
    assert t.tpr - t.fpr == pytest.approx(
        max(
            sum(h < c for h in hits) / 4 - sum(m < c for m in misses) / 4
            for c in [0.0, 0.35, 0.425, 0.475, 0.7, 0.925, 0.975, 1.05, 2.0]
        )
    )


def test_no_separation_calls_nothing_a_hit():
    t = calibrate([1.0, 1.0], [1.0, 1.0])
    assert t.tpr == 0.0 and t.fpr == 0.0
    assert not t.is_hit(1.0)


def test_hits_slower_than_misses_are_never_called_hits():
    t = calibrate([2.0, 3.0], [0.5, 0.6])
    assert t.fpr == 0.0 and t.tpr == 0.0


def test_empty_arm_is_an_error():
    with pytest.raises(ValueError):
        calibrate([], [1.0])
