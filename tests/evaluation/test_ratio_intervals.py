import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.tooling.evaluation.ratio_intervals import (
    MODES,
    intervals,
    pooled_intervals,
    verdict,
)


def _block(mode, rep, block, requests, wall, ttft_mean, prompt, cached, ratio=0.2):
    return {
        "mode": mode,
        "ratio": ratio,
        "rep": rep,
        "block": block,
        "requests": requests,
        "errors": 0,
        "wall_s": wall,
        "ttft_sum_s": ttft_mean * requests,
        "ttft_n": requests,
        "prompt_tokens": prompt,
        "cached_tokens": cached,
    }


def _blocks(rng, n_units, scale=None):
    """Blocks with the same random base per unit in every mode, times ``scale[mode]``."""
    scale = scale or {}
    out = []
    for u in range(n_units):
        wall, ttft, prompt = rng.uniform(1, 3), rng.uniform(0.05, 0.2), int(rng.integers(900, 1100))
        for mode in MODES:
            s = scale.get(mode, {})
            out.append(
                _block(
                    mode,
                    u // 4,
                    u % 4,
                    20,
                    wall * s.get("wall", 1.0),
                    ttft * s.get("ttft", 1.0),
                    prompt,
                    int(prompt * 0.8 * s.get("hit", 1.0)),
                )
            )
    return out


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n_units=st.integers(2, 12))
def test_identical_modes_give_ratio_one_with_a_degenerate_interval(seed, n_units):
    result = intervals(_blocks(np.random.default_rng(seed), n_units), 0.2, n_resamples=200)
    for name in ("throughput_sel_over_glob", "ttft_mean_iso_over_glob", "hit_rate_sel_over_glob"):
        iv = result[name]
        assert iv["estimate"] == pytest.approx(1.0)
        assert iv["low"] == pytest.approx(1.0) and iv["high"] == pytest.approx(1.0)
    # Isolation has no overhead over global here: recovery is undefined, not a number.
    assert result["recovery_ttft_mean"]["estimate"] is None


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), slow=st.floats(1.05, 3.0))
def test_a_uniformly_slower_mode_scales_estimate_and_interval(seed, slow):
    blocks = _blocks(np.random.default_rng(seed), 8, {"selective": {"wall": slow}})
    iv = intervals(blocks, 0.2, n_resamples=200)["throughput_sel_over_glob"]
    assert iv["estimate"] == pytest.approx(1 / slow)
    assert iv["low"] == pytest.approx(1 / slow) and iv["high"] == pytest.approx(1 / slow)


def test_recovery_and_interval_width_follow_the_noise():
    rng = np.random.default_rng(1)
    scale = {"isolated": {"ttft": 2.0}, "selective": {"ttft": 1.1}}
    exact = intervals(_blocks(rng, 12, scale), 0.2, n_resamples=500)["recovery_ttft_mean"]
    assert exact["estimate"] == pytest.approx(0.9)
    # Paired blocks: noise shared by the modes of one block cancels, noise of one mode does not.
    noisy = _blocks(rng, 12, scale)
    for b in noisy:
        if b["mode"] == "selective":
            b["ttft_sum_s"] *= rng.uniform(0.7, 1.3)
    iv = intervals(noisy, 0.2, n_resamples=500)["recovery_ttft_mean"]
    assert iv["high"] - iv["low"] > 0.05
    assert iv["low"] <= iv["estimate"] <= iv["high"]
    assert len(iv["per_rep"]) == 3


def test_incomplete_blocks_are_left_out_and_one_block_has_no_interval():
    blocks = _blocks(np.random.default_rng(2), 2)
    blocks = [b for b in blocks if not (b["block"] == 1 and b["mode"] == "selective")]
    iv = intervals(blocks, 0.2)["throughput_sel_over_glob"]
    assert iv["low"] is None and iv["estimate"] == pytest.approx(1.0)
    assert intervals(blocks, 0.5) == {}


def test_verdict_reads_the_whole_interval():
    assert verdict({"estimate": 0.97, "low": 0.955, "high": 0.99}, ">=", 0.95) == "PASS"
    assert verdict({"estimate": 0.97, "low": 0.93, "high": 0.99}, ">=", 0.95) == "INCONCLUSIVE"
    assert verdict({"estimate": 0.9, "low": 0.85, "high": 0.94}, ">=", 0.95) == "FAIL"
    assert verdict({"estimate": 1.0, "low": 0.99, "high": 1.01}, ">", 1.0) == "INCONCLUSIVE"
    assert verdict({"estimate": 0.96, "low": None, "high": None}, ">=", 0.95) == "PASS (no CI)"
    assert verdict(None, ">=", 0.95) == "not evaluated"


def test_pooled_runs_widen_the_interval_by_what_differs_between_runs():
    """Three runs whose selective server was 10 % slower, equal, and 10 % faster than global:
    each run's own interval is narrow around its own ratio and excludes 1.0 at the extremes;
    pooled, the interval covers all three runs' ratios."""
    rng = np.random.default_rng(3)
    runs = [_blocks(rng, 16, {"selective": {"wall": w}}) for w in (1 / 0.9, 1.0, 1 / 1.1)]
    own = [intervals(blocks, 0.2)["throughput_sel_over_glob"] for blocks in runs]
    assert [round(o["estimate"], 3) for o in own] == [0.9, 1.0, 1.1]
    assert own[0]["high"] < 1.0 < own[2]["low"]
    pooled = pooled_intervals(runs, 0.2)["throughput_sel_over_glob"]
    assert pooled["low"] <= 0.9 + 1e-9 and pooled["high"] >= 1.1 - 1e-9
    assert pooled["low"] < pooled["estimate"] < pooled["high"]
    assert [round(r, 3) for r in pooled["per_rep"]] == [0.9, 1.0, 1.1]


def test_pooled_runs_that_agree_stay_as_narrow_as_their_blocks_allow():
    rng = np.random.default_rng(4)
    runs = [_blocks(rng, 16, {"selective": {"wall": 1 / 0.95}}) for _ in range(3)]
    pooled = pooled_intervals(runs, 0.2)["throughput_sel_over_glob"]
    assert pooled["low"] == pytest.approx(0.95) and pooled["high"] == pytest.approx(0.95)


def test_pooling_runs_of_different_modes_is_refused():
    rng = np.random.default_rng(5)
    full = _blocks(rng, 4)
    no_isolated = [b for b in _blocks(rng, 4) if b["mode"] != "isolated"]
    with pytest.raises(ValueError, match="different modes"):
        pooled_intervals([full, no_isolated], 0.2)
