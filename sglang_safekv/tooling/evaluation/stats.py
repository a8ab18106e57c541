"""Statistics for the evaluation: latency summaries, the one-sided KS test, AUC and bootstrap.

Conventions: in every leakage test the *hit* arm holds timings of probes that would reuse a
victim's cache if the cache leaked, and the *miss* arm timings of length-matched probes that
cannot. A leak makes hits faster, so AUC = P(miss > hit) (ties count half): 0.5 means the two
arms cannot be told apart, 1.0 means every hit is faster than every miss.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence

import numpy as np
from scipy import stats as sps


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100, linear interpolation); None for no data."""
    if len(values) == 0:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), q))


def mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if len(values) else None


@dataclasses.dataclass(frozen=True)
class KSResult:
    statistic: float
    p_value: float
    n_hit: int
    n_miss: int


def ks_hit_faster(hit: Sequence[float], miss: Sequence[float]) -> KSResult:
    """One-sided two-sample KS test of H1: hit timings are stochastically smaller than miss
    timings (the hit arm's CDF lies above the miss arm's), as in Gu et al. (ICML 2025)."""
    if len(hit) < 2 or len(miss) < 2:
        raise ValueError("the KS test needs at least 2 samples per arm")
    # scipy: alternative="greater" tests H1 F_hit(x) > F_miss(x) for some x.
    res = sps.ks_2samp(hit, miss, alternative="greater")
    return KSResult(float(res.statistic), float(res.pvalue), len(hit), len(miss))


def auc_hit_faster(hit: Sequence[float], miss: Sequence[float]) -> float:
    """P(miss > hit) + 0.5 P(miss == hit): the Mann-Whitney AUC of 'is a hit'."""
    if len(hit) == 0 or len(miss) == 0:
        raise ValueError("AUC needs samples in both arms")
    h = np.asarray(hit, dtype=float)[:, None]
    m = np.asarray(miss, dtype=float)[None, :]
    return float(((m > h).sum() + 0.5 * (m == h).sum()) / (h.size * m.size))


@dataclasses.dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    level: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def bootstrap_two_sample(
    hit: Sequence[float],
    miss: Sequence[float],
    statistic: Callable[[np.ndarray, np.ndarray], float],
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> Interval:
    """Percentile bootstrap interval: both arms resampled independently with replacement."""
    if not 0.0 < level < 1.0:
        raise ValueError("level must be in (0, 1)")
    h = np.asarray(hit, dtype=float)
    m = np.asarray(miss, dtype=float)
    rng = np.random.default_rng(seed)
    values = np.empty(n_resamples)
    for i in range(n_resamples):
        values[i] = statistic(rng.choice(h, h.size), rng.choice(m, m.size))
    alpha = (1.0 - level) / 2.0
    return Interval(
        estimate=float(statistic(h, m)),
        low=float(np.quantile(values, alpha)),
        high=float(np.quantile(values, 1.0 - alpha)),
        level=level,
    )


def auc_interval(
    hit: Sequence[float], miss: Sequence[float], n_resamples: int = 2000, seed: int = 0
) -> Interval:
    return bootstrap_two_sample(hit, miss, auc_hit_faster, n_resamples=n_resamples, seed=seed)


def hit_rate(prompt_tokens: Sequence[int], cached_tokens: Sequence[int]) -> float | None:
    """Cached over prompt tokens, summed over requests."""
    total = sum(prompt_tokens)
    return None if total == 0 else sum(cached_tokens) / total


def overhead_recovery(
    ttft_isolated: float | None, ttft_selective: float | None, ttft_global: float | None
) -> float | None:
    """(TTFT_iso - TTFT_sel) / (TTFT_iso - TTFT_glob): the share of isolation's TTFT overhead
    that selective sharing wins back (1.0 = as fast as global). None when isolation has no
    overhead to recover (TTFT_iso <= TTFT_glob) or a value is missing."""
    if ttft_isolated is None or ttft_selective is None or ttft_global is None:
        return None
    overhead = ttft_isolated - ttft_global
    if overhead <= 0 or math.isclose(overhead, 0.0, abs_tol=1e-12):
        return None
    return (ttft_isolated - ttft_selective) / overhead
