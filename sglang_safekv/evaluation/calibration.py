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
