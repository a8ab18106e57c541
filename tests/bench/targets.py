"""Benchmark targets: each benchmark compares what it measured with its target, and the session
ends with one PASS/FAIL line per comparison (``tests/conftest.py``).

A verdict is reported, never asserted: a shared or loaded machine must not fail the suite on
timing, yet a missed target has to be visible in the output and in the saved benchmark JSON
(``extra_info["targets"]``), not only as a number to compare by eye.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Verdict:
    name: str
    measured: float
    target: float
    unit: str
    # True: the measurement must reach the target (a speed-up); False: stay at or below it.
    at_least: bool = False

    @property
    def passed(self) -> bool:
        if self.at_least:
            return self.measured >= self.target
        return self.measured <= self.target

    def line(self) -> str:
        op = ">=" if self.at_least else "<="
        word = "PASS" if self.passed else "FAIL"
        return f"{word}  {self.name}: {self.measured:.4g}{self.unit} (target {op} {self.target:g}{self.unit})"


VERDICTS: list[Verdict] = []


def report(benchmark: Any, verdict: Verdict) -> Verdict:
    """Record the verdict for the session summary and in the benchmark's saved extra_info."""
    VERDICTS.append(verdict)
    if benchmark is not None:
        entry = {**dataclasses.asdict(verdict), "passed": verdict.passed}
        benchmark.extra_info.setdefault("targets", []).append(entry)
    return verdict


def median_seconds(benchmark: Any) -> float | None:
    """The median of what ``benchmark(...)`` timed, or None when benchmarks were disabled."""
    stats = getattr(getattr(benchmark, "stats", None), "stats", None)
    return None if stats is None else float(stats.median)


def summary_lines() -> list[str]:
    if not VERDICTS:
        return []
    failed = sum(not v.passed for v in VERDICTS)
    lines = [v.line() for v in VERDICTS]
    lines.append(f"{len(VERDICTS) - failed} of {len(VERDICTS)} benchmark targets met")
    return lines
