"""The benchmark verdicts: a missed target reads FAIL, in the summary and in the saved JSON."""

from types import SimpleNamespace

import pytest

from tests.bench import targets
from tests.bench.targets import Verdict


@pytest.fixture(autouse=True)
def _own_verdicts(monkeypatch):
    monkeypatch.setattr(targets, "VERDICTS", [])


@pytest.mark.parametrize(
    "measured, at_least, passed",
    [(1.04, False, True), (1.05, False, True), (1.06, False, False), (0.9, True, False)],
)
def test_a_measurement_passes_only_on_its_side_of_the_target(measured, at_least, passed):
    verdict = Verdict("ratio", measured, 1.05, "x", at_least=at_least)
    assert verdict.passed is passed
    assert verdict.line().startswith("PASS" if passed else "FAIL")


def test_report_keeps_the_verdict_for_the_summary_and_the_saved_benchmark():
    bench = SimpleNamespace(extra_info={})
    targets.report(bench, Verdict("insert selective / stock", 1.38, 1.3, "x"))
    targets.report(None, Verdict("tier 1 per 512 tokens", 0.18, 0.2, " ms"))
    [saved] = bench.extra_info["targets"]
    assert saved["passed"] is False and saved["measured"] == 1.38
    lines = targets.summary_lines()
    assert lines[0] == "FAIL  insert selective / stock: 1.38x (target <= 1.3x)"
    assert lines[1].startswith("PASS  tier 1 per 512 tokens: 0.18 ms")
    assert lines[-1] == "1 of 2 benchmark targets met"


def test_no_median_when_benchmarks_are_disabled():
    assert targets.median_seconds(SimpleNamespace(stats=None)) is None
    timed = SimpleNamespace(stats=SimpleNamespace(stats=SimpleNamespace(median=0.002)))
    assert targets.median_seconds(timed) == 0.002
