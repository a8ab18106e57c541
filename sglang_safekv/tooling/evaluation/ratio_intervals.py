"""Mode ratios with 95 % confidence intervals, from interleaved blocks.

The unit of measurement is a *block*: the same few sessions replayed against every mode's
server one right after the other (see :mod:`sglang_safekv.tooling.evaluation.interleave`), so
the modes of one block saw nearly the same background load. Every ratio (throughput, mean
TTFT, hit rate, isolation-overhead recovery) is a ratio of sums over blocks, and its interval
is a paired percentile bootstrap that resamples whole blocks, every mode of a block together.
Load that drifts between blocks then widens the interval instead of biasing one mode.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

MODES = ("global", "isolated", "selective")
FIELDS = ("requests", "wall_s", "ttft_sum_s", "ttft_n", "prompt_tokens", "cached_tokens")
LEVEL = 0.95


def block_record(mode: str, ratio: float, rep: int, block: int, records: list, wall_s: float):
    """One block's sums for one mode (``records``: the block's RequestRecords)."""
    ok = [r for r in records if r.error is None and r.ttft_s is not None]
    return {
        "mode": mode,
        "ratio": ratio,
        "rep": rep,
        "block": block,
        "requests": len(ok),
        "errors": len(records) - len(ok),
        "wall_s": wall_s,
        "ttft_sum_s": sum(r.ttft_s for r in ok),
        "ttft_n": len(ok),
        "prompt_tokens": sum(r.prompt_tokens for r in ok),
        "cached_tokens": sum(r.cached_tokens for r in ok),
    }


def _metrics(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Per-mode throughput, mean TTFT and hit rate from sums of shape (..., modes, fields)."""
    f = {name: sums[..., i] for i, name in enumerate(FIELDS)}
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "throughput": f["requests"] / f["wall_s"],
            "ttft": f["ttft_sum_s"] / f["ttft_n"],
            "hit": f["cached_tokens"] / f["prompt_tokens"],
        }


def _ratios(sums: np.ndarray, modes: tuple[str, ...]) -> dict[str, np.ndarray]:
    m = _metrics(sums)
    at = {mode: i for i, mode in enumerate(modes)}
    out: dict[str, np.ndarray] = {}

    def col(metric: str, mode: str) -> np.ndarray:
        return m[metric][..., at[mode]]

    with np.errstate(divide="ignore", invalid="ignore"):
        for a, b, tag in (
            ("selective", "global", "sel_over_glob"),
            ("isolated", "global", "iso_over_glob"),
            ("selective", "isolated", "sel_over_iso"),
        ):
            if a in at and b in at:
                out[f"throughput_{tag}"] = col("throughput", a) / col("throughput", b)
                out[f"ttft_mean_{tag}"] = col("ttft", a) / col("ttft", b)
                out[f"hit_rate_{tag}"] = col("hit", a) / col("hit", b)
        if all(mode in at for mode in MODES):
            g, i, s = (col("ttft", mode) for mode in MODES)
            overhead = i - g
            out["recovery_ttft_mean"] = np.where(overhead > 0, (i - s) / overhead, np.nan)
    return out


def _units(blocks: list[dict], ratio: float) -> tuple[tuple[str, ...], np.ndarray]:
    """Blocks of ``ratio`` that every mode present ran, as an array (units, modes, fields)."""
    rows = [b for b in blocks if np.isclose(b["ratio"], ratio)]
    modes = tuple(m for m in MODES if any(b["mode"] == m for b in rows))
    by_unit: dict[tuple[int, int], dict[str, dict]] = {}
    for b in rows:
        by_unit.setdefault((b["rep"], b["block"]), {})[b["mode"]] = b
    complete = [u for u in sorted(by_unit) if len(by_unit[u]) == len(modes)]
    array = np.array(
        [[[float(by_unit[u][m][f]) for f in FIELDS] for m in modes] for u in complete]
    ).reshape(len(complete), len(modes), len(FIELDS))
    return modes, array


@dataclasses.dataclass(frozen=True)
class RatioInterval:
    estimate: float | None
    low: float | None
    high: float | None
    per_rep: list[float | None]
    undefined_share: float  # resamples where the ratio had no value (e.g. no overhead)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def _summaries(
    estimates: dict[str, np.ndarray],
    boot: dict[str, np.ndarray],
    parts: list[dict[str, np.ndarray]],
) -> dict[str, dict[str, Any]]:
    """Per ratio: the estimate, the 95 % percentile interval of its bootstrap resamples (where
    there are any), and the estimate of each part (a repetition, or a whole run)."""
    alpha = (1.0 - LEVEL) / 2.0
    out = {}
    for name, value in estimates.items():
        low = high = None
        undefined = 0.0
        if name in boot:
            finite = boot[name][np.isfinite(boot[name])]
            undefined = 1.0 - finite.size / boot[name].size
            if finite.size:
                low, high = (float(q) for q in np.quantile(finite, [alpha, 1.0 - alpha]))
        out[name] = RatioInterval(
            estimate=_finite(value),
            low=low,
            high=high,
            per_rep=[_finite(part[name]) for part in parts],
            undefined_share=undefined,
        ).as_dict()
    return out


def intervals(
    blocks: list[dict], ratio: float, n_resamples: int = 2000, seed: int = 0
) -> dict[str, dict[str, Any]]:
    """Every mode ratio at PII ratio ``ratio``: estimate, 95 % paired block-bootstrap interval
    (None with fewer than two blocks), and the estimate of each repetition on its own."""
    modes, units = _units(blocks, ratio)
    if units.shape[0] == 0:
        return {}
    estimates = _ratios(units.sum(axis=0), modes)
    reps = sorted({b["rep"] for b in blocks if np.isclose(b["ratio"], ratio)})
    # _units keeps only complete blocks, in (rep, block) order; the rep of each kept one:
    kept = _kept_reps(blocks, ratio, modes)
    per_rep = {
        rep: _ratios(units[kept == rep].sum(axis=0), modes) for rep in reps if (kept == rep).any()
    }
    boot: dict[str, np.ndarray] = {}
    if units.shape[0] >= 2:
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, units.shape[0], size=(n_resamples, units.shape[0]))
        boot = _ratios(units[idx].sum(axis=1), modes)
    return _summaries(estimates, boot, [per_rep[r] for r in sorted(per_rep)])


def pooled_intervals(
    runs: list[list[dict]], ratio: float, n_resamples: int = 4000, seed: int = 0
) -> dict[str, dict[str, Any]]:
    """Every mode ratio over several whole runs of the same workload (each its own servers, at
    its own time): the estimate from all blocks, and a two-stage bootstrap interval that
    resamples runs, then blocks within each drawn run. One run's interval only sees the drift
    between its blocks; what differs between runs (server start, the machine's speed that
    hour) shows only here. ``per_rep`` holds each run's own estimate."""
    per_run = [_units(blocks, ratio) for blocks in runs]
    per_run = [(m, u) for m, u in per_run if u.shape[0]]
    if not per_run:
        return {}
    modes = per_run[0][0]
    if any(m != modes for m, _ in per_run):
        raise ValueError("runs measured different modes; pool runs of one profile only")
    units = [u for _, u in per_run]
    estimates = _ratios(np.concatenate(units).sum(axis=0), modes)
    run_estimates = [_ratios(u.sum(axis=0), modes) for u in units]
    rng = np.random.default_rng(seed)
    totals = np.zeros((n_resamples, len(modes), len(FIELDS)))
    drawn_runs = rng.integers(0, len(units), size=(n_resamples, len(units)))
    for k in range(len(units)):
        for r, u in enumerate(units):
            rows = np.flatnonzero(drawn_runs[:, k] == r)
            if rows.size:
                idx = rng.integers(0, u.shape[0], size=(rows.size, u.shape[0]))
                totals[rows] += u[idx].sum(axis=1)
    boot = _ratios(totals, modes) if len(units) >= 2 else {}
    return _summaries(estimates, boot, run_estimates)


def _kept_reps(blocks: list[dict], ratio: float, modes: tuple[str, ...]) -> np.ndarray:
    by_unit: dict[tuple[int, int], set[str]] = {}
    for b in blocks:
        if np.isclose(b["ratio"], ratio):
            by_unit.setdefault((b["rep"], b["block"]), set()).add(b["mode"])
    return np.array([u[0] for u in sorted(by_unit) if len(by_unit[u]) == len(modes)])


def verdict(interval: dict | None, op: str, bound: float) -> str:
    """PASS when the whole interval meets the bound, FAIL when none of it does, INCONCLUSIVE
    when it straddles; without an interval, the point estimate decides ("(no CI)")."""
    if not interval or interval.get("estimate") is None:
        return "not evaluated"
    low, high, est = interval.get("low"), interval.get("high"), interval["estimate"]

    def ok(x: float) -> bool:
        return x >= bound if op == ">=" else x > bound

    if low is None or high is None:
        return ("PASS" if ok(est) else "FAIL") + " (no CI)"
    if ok(low):
        return "PASS"
    if not ok(high):
        return "FAIL"
    return "INCONCLUSIVE"
