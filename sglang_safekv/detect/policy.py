"""One typed policy: which categories count, the thresholds, which tiers run, fast or strict.

Built from :class:`sglang_safekv.config.DetectorConfig`, validated once, so a typo in a
category or policy name is an error at start-up rather than a silent gap in detection.
"""

from __future__ import annotations

import dataclasses
import enum

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.categories import Category, Span


class Escalation(str, enum.Enum):
    # Tier 3 judges only sentences that tiers 1-2 flagged as ambiguous (weak keywords,
    # first-person statements, entities below threshold). Keeps public text fast.
    FAST = "fast"
    # Tier 3 judges every sentence in the range that tiers 1-2 did not already flag.
    STRICT = "strict"


@dataclasses.dataclass(frozen=True)
class DetectionPolicy:
    tiers: frozenset[int] = frozenset({1, 2, 3})
    escalation: Escalation = Escalation.FAST
    categories: frozenset[Category] = frozenset(Category)
    thresholds: tuple[float, float, float] = (0.5, 0.5, 0.5)  # per tier 1, 2, 3
    strict_below: int = 0  # a window of at most this many characters is judged strictly
    strict_below_threshold: float = 0.5  # tier-3 bar for its sentences nothing hinted at

    def __post_init__(self) -> None:
        if not self.tiers or not self.tiers <= {1, 2, 3}:
            raise ValueError(f"tiers must be a non-empty subset of {{1, 2, 3}}, got {self.tiers}")
        if self.strict_below < 0:
            raise ValueError(f"strict_below_chars must be >= 0, got {self.strict_below}")
        if not 0.0 < self.strict_below_threshold <= 1.0:
            raise ValueError(
                f"strict_below_threshold must be in (0, 1], got {self.strict_below_threshold}"
            )
        for tier, value in enumerate(self.thresholds, start=1):
            if not 0.0 < value <= 1.0:
                raise ValueError(f"tier {tier} threshold must be in (0, 1], got {value}")

    @classmethod
    def from_config(cls, config: DetectorConfig) -> DetectionPolicy:
        try:
            escalation = Escalation(config.policy)
        except ValueError:
            raise ValueError(
                f"detector.policy must be 'fast' or 'strict', got {config.policy!r}"
            ) from None
        cats = config.sensitive_categories
        categories = frozenset(Category.parse(c) for c in cats) if cats else frozenset(Category)
        return cls(
            tiers=frozenset(config.tiers),
            escalation=escalation,
            categories=categories,
            thresholds=(config.tier1_threshold, config.tier2_threshold, config.tier3_threshold),
            strict_below=config.strict_below_chars,
            strict_below_threshold=config.strict_below_threshold,
        )

    def threshold(self, tier: int) -> float:
        return self.thresholds[tier - 1]

    def is_sensitive(self, span: Span) -> bool:
        """A finding counts when its category is in scope and its score reaches the bar."""
        return span.category in self.categories and span.score >= self.threshold(span.tier)
