import numpy as np
import pytest

from sglang_safekv.tooling.evaluation import stats


def _normal(mu, n, seed):
    return list(np.random.default_rng(seed).normal(mu, 1.0, n))


def test_ks_detects_faster_hits_and_is_one_sided():
    hit, miss = _normal(0.0, 200, 1), _normal(1.0, 200, 2)
    assert stats.ks_hit_faster(hit, miss).p_value < 1e-6
    # The same samples the other way round (hits slower) are no evidence of a hit.
    assert stats.ks_hit_faster(miss, hit).p_value > 0.5


def test_ks_same_distribution_is_not_significant():
    ps = [
        stats.ks_hit_faster(_normal(0, 100, s), _normal(0, 100, s + 1000)).p_value
        for s in range(40)
    ]
    # Under H0 p-values are (roughly) uniform: most runs must not reject at 1%.
    assert sum(p < 0.01 for p in ps) <= 3
    assert np.median(ps) > 0.2


def test_ks_needs_two_samples_per_arm():
    with pytest.raises(ValueError):
        stats.ks_hit_faster([1.0], [1.0, 2.0])


def test_auc_known_values():
    assert stats.auc_hit_faster([1, 2], [1.5, 3]) == 0.75
    assert stats.auc_hit_faster([1, 2], [3, 4]) == 1.0
    assert stats.auc_hit_faster([3, 4], [1, 2]) == 0.0
    assert stats.auc_hit_faster([5, 5], [5, 5]) == 0.5
    with pytest.raises(ValueError):
        stats.auc_hit_faster([], [1])


def test_auc_interval_covers_truth():
    # hit ~ N(0,1), miss ~ N(1,1): true AUC = Phi(1/sqrt(2)) = 0.7602
    ci = stats.auc_interval(_normal(0, 300, 3), _normal(1, 300, 4), n_resamples=1000, seed=1)
    assert ci.low < 0.7602 < ci.high
    assert ci.low <= ci.estimate <= ci.high
    null = stats.auc_interval(_normal(0, 300, 5), _normal(0, 300, 6), n_resamples=1000, seed=1)
    assert null.contains(0.5)
    assert not ci.contains(0.5)


def test_bootstrap_is_deterministic_in_its_seed():
    a = stats.auc_interval([1, 2, 3, 4], [2, 3, 5, 6], n_resamples=300, seed=9)
    b = stats.auc_interval([1, 2, 3, 4], [2, 3, 5, 6], n_resamples=300, seed=9)
    assert a == b


def test_percentiles_and_hit_rate():
    assert stats.percentile([1, 2, 3, 4, 5], 50) == 3
    assert stats.percentile([], 50) is None
    assert stats.hit_rate([100, 100], [50, 0]) == 0.25
    assert stats.hit_rate([], []) is None


def test_overhead_recovery():
    # isolation costs 100 ms over global; selective wins back 80 of them.
    assert stats.overhead_recovery(200.0, 120.0, 100.0) == pytest.approx(0.8)
    assert stats.overhead_recovery(200.0, 200.0, 100.0) == 0.0
    assert stats.overhead_recovery(100.0, 90.0, 100.0) is None  # nothing to recover
    assert stats.overhead_recovery(None, 1.0, 1.0) is None
