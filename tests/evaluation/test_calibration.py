import pytest

from sglang_safekv.tooling.evaluation.calibration import calibrate, calibrate_chain


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


def test_chain_thresholds_follow_the_drift_of_each_position():
    # Later chunks' hits are weaker; one shared threshold would call this secret a miss.
    hits = [[0.60, 0.75, 0.85], [0.65, 0.70, 0.82], [0.62, 0.72, 0.84]]
    misses = [[1.00, 0.98, 1.02], [0.97, 1.01, 0.99], [1.02, 0.99, 1.00]]
    t = calibrate_chain(hits, misses)
    assert [round(x.value, 3) for x in t.per_chunk] == [0.81, 0.865, 0.92]
    assert t.is_hit([0.63, 0.74, 0.88])
    assert not t.is_hit([0.63, 0.74, 0.95])  # every chunk must look like a hit
    assert not t.is_hit([0.90, 0.70, 0.80])
    assert t.margin([0.63, 0.74, 0.88]) < 0 < t.margin([0.63, 0.74, 0.95])


def test_chain_calibration_rejects_mismatched_chains():
    with pytest.raises(ValueError, match="differ in length"):
        calibrate_chain([[0.5, 0.6]], [[1.0, 1.0, 1.0]])
    with pytest.raises(ValueError, match="at least one"):
        calibrate_chain([], [[1.0]])
    with pytest.raises(ValueError, match="features for"):
        calibrate_chain([[0.5]], [[1.0]]).is_hit([0.5, 0.5])


def test_one_spike_is_tolerated_only_when_allowed():
    t = calibrate_chain([[0.6, 0.7, 0.8, 0.8]], [[1.0, 1.0, 1.0, 1.0]])
    spiked = [0.6, 0.7, 1.2, 0.8]
    assert not t.is_hit(spiked)
    assert t.is_hit(spiked, misses_allowed=1)
    assert not t.is_hit([0.6, 1.1, 1.2, 0.8], misses_allowed=1)  # two misses: not a hit
    assert t.margin(spiked, 1) == pytest.approx(0.8 - 0.9)
    with pytest.raises(ValueError, match="misses_allowed"):
        t.margin(spiked, 4)
