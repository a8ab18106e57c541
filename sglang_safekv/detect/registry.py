"""Recognizers and the registry that holds them.

A recognizer finds spans of some categories in windows of text; the registry says which
recognizers exist and which tier each belongs to, so operators can add their own (an
employee-ID pattern, a stronger model) without touching the pipeline.
"""

from __future__ import annotations

import abc
import dataclasses
from collections.abc import Iterator, Sequence

from sglang_safekv.detect.categories import Category, Span


@dataclasses.dataclass(frozen=True)
class TextWindow:
    """Judge ``text[start:end]``; ``text[:start]`` is context (already public or earlier)."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end <= len(self.text):
            raise ValueError(
                f"window [{self.start}, {self.end}) outside text of length {len(self.text)}"
            )


class Recognizer(abc.ABC):
    """Finds spans in windows. ``analyze`` returns, per window, the spans that overlap it."""

    name: str = ""
    tier: int = 0
    categories: frozenset[Category] = frozenset()

    def load(self) -> None:  # noqa: B027 - optional hook
        """Load models or compile patterns; raises when the recognizer cannot work."""

    @abc.abstractmethod
    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]: ...


class RecognizerRegistry:
    def __init__(self, recognizers: Sequence[Recognizer] = ()) -> None:
        self._items: dict[str, Recognizer] = {}
        for recognizer in recognizers:
            self.register(recognizer)

    def register(self, recognizer: Recognizer) -> None:
        if recognizer.tier not in (1, 2, 3):
            raise ValueError(f"recognizer {recognizer.name!r} has tier {recognizer.tier}")
        if not recognizer.name or recognizer.name in self._items:
            raise ValueError(f"recognizer name {recognizer.name!r} is empty or taken")
        self._items[recognizer.name] = recognizer

    def remove(self, name: str) -> None:
        del self._items[name]

    def get(self, name: str) -> Recognizer:
        return self._items[name]

    def for_tier(self, tier: int, categories: frozenset[Category]) -> list[Recognizer]:
        """Recognizers of ``tier`` that can find at least one of ``categories``."""
        return [r for r in self._items.values() if r.tier == tier and r.categories & categories]

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)
