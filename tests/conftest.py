"""Session-wide hooks of the test suite."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Benchmarks' targets, as PASS/FAIL lines (tests/bench/targets.py): reported, not asserted."""
    from tests.bench.targets import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("benchmark targets")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing server test carries the tails of the running servers' logs: in CI the log
    files are gone afterwards, and the failure is often explained there."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.get_closest_marker("server") is not None:
        from tests.e2e.cli_server import log_tails

        tails = log_tails()
        if tails:
            report.sections.append(("server logs", tails))
