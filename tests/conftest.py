"""Session-wide hooks of the test suite."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Benchmarks' targets, as PASS/FAIL lines (tests/bench/targets.py): reported, not asserted."""
    from tests.bench.targets import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("benchmark targets")
        for line in lines:
            terminalreporter.write_line(line)
