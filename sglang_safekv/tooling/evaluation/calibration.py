"""The attacker's hit/miss threshold, calibrated from probes whose outcome it knows.

The attacker measures a *feature* per probe (lower means faster, e.g. probe TTFT divided by the
TTFT of a fresh-miss reference sent just before it). It primes prompts with its own account
(their re-probes are known hits) and sends fresh random prompts (known misses), then picks the
threshold that best separates the two: the midpoint between the two samples that maximises
Youden's J = TPR - FPR. A probe is called a hit when its feature is below the threshold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence


@dataclasses.dataclass(frozen=True)
class Threshold:
    value: float
    tpr: float  # calibration hits classified as hits
    fpr: float  # calibration misses classified as hits
    n_hit: int
    n_miss: int

    @property
    def youden_j(self) -> float:
        return self.tpr - self.fpr

    def is_hit(self, feature: float) -> bool:
        return feature < self.value


def calibrate(hits: Sequence[float], misses: Sequence[float]) -> Threshold:
    """Threshold maximising TPR - FPR on known hits and misses (ties: the widest margin)."""
    if not hits or not misses:
        raise ValueError("calibration needs at least one known hit and one known miss")
    values = sorted(set(hits) | set(misses))
    # Candidate cut points: midpoints between consecutive distinct values, plus both ends.
    cuts = [values[0] - 1.0] + [(a + b) / 2 for a, b in zip(values, values[1:])]
    cuts.append(values[-1] + 1.0)
    best_key: tuple[float, float] | None = None  # (J, margin to the nearest sample)
    cut = cuts[0]
    for candidate in cuts:
        tpr = sum(h < candidate for h in hits) / len(hits)
        fpr = sum(m < candidate for m in misses) / len(misses)
        key = (tpr - fpr, min(abs(candidate - v) for v in values))
        if best_key is None or key > best_key:
            best_key, cut = key, candidate
    return Threshold(
        value=cut,
        tpr=sum(h < cut for h in hits) / len(hits),
        fpr=sum(m < cut for m in misses) / len(misses),
        n_hit=len(hits),
        n_miss=len(misses),
    )


@dataclasses.dataclass(frozen=True)
class ChainThreshold:
    """One threshold per chunk position of a probe chain.

    The feature can drift with the position: later probes are longer, and where a hit still
    pays per-token costs it saves relatively less. With SGLang's stock CPU attention (which
    recomputed the cached prefix) known hits' ratios were about 0.63 / 0.75 / 0.82 for chunks
    1 / 2 / 3 at 768 tokens, misses about 1.0 for all, and one threshold for all positions made
    the last chunk decide almost every candidate. With the prefix-skipping CPU attention hits
    are 0.3-0.5 at every position; per-position thresholds cost nothing there and still
    protect backends that drift.
    """

    per_chunk: tuple[Threshold, ...]

    def _check(self, features: Sequence[float]) -> None:
        if len(features) != len(self.per_chunk):
            raise ValueError(f"{len(features)} features for {len(self.per_chunk)} thresholds")

    def margin(self, features: Sequence[float], misses_allowed: int = 0) -> float:
        """How far above its threshold the worst chunk is, ignoring the ``misses_allowed``
        worst ones (negative: a hit)."""
        self._check(features)
        if not 0 <= misses_allowed < len(features):
            raise ValueError(f"misses_allowed must be in [0, {len(features)})")
        excess = sorted(f - t.value for f, t in zip(features, self.per_chunk))
        return excess[len(excess) - 1 - misses_allowed]

    def is_hit(self, features: Sequence[float], misses_allowed: int = 0) -> bool:
        """A hit if every chunk but at most ``misses_allowed`` is below its threshold."""
        return self.margin(features, misses_allowed) < 0


def calibrate_chain(
    hits: Sequence[Sequence[float]], misses: Sequence[Sequence[float]]
) -> ChainThreshold:
    """Per-position thresholds from known-hit and known-miss chains of equal length."""
    if not hits or not misses:
        raise ValueError("calibration needs at least one known hit and one known miss chain")
    lengths = {len(c) for c in [*hits, *misses]}
    if len(lengths) != 1:
        raise ValueError(f"calibration chains differ in length: {sorted(lengths)}")
    m = lengths.pop()
    return ChainThreshold(
        tuple(calibrate([c[i] for c in hits], [c[i] for c in misses]) for i in range(m))
    )
