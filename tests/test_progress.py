"""Progress bars of the offline tools: drawn on a terminal's stderr with an ETA, silent otherwise."""

import io

import pytest

from sglang_safekv.tooling import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _fresh_switch(monkeypatch):
    monkeypatch.setattr(progress, "_enabled", True)


def _draw(monkeypatch, stderr, **kw) -> str:
    monkeypatch.setattr("sys.stderr", stderr)
    assert list(progress.bar(range(3), desc="work", unit="step", **kw)) == [0, 1, 2]
    return stderr.getvalue()


def test_a_terminal_gets_a_bar_with_an_eta(monkeypatch):
    out = _draw(monkeypatch, Terminal())
    assert "work:" in out and "/3 [" in out
    assert "<" in out  # elapsed<remaining


def test_no_bar_in_a_pipe_or_a_log(monkeypatch):
    assert _draw(monkeypatch, io.StringIO()) == ""


def test_the_flag_and_the_switch_turn_bars_off(monkeypatch):
    assert _draw(monkeypatch, Terminal(), enabled=False) == ""
    progress.disable()
    assert _draw(monkeypatch, Terminal()) == ""
