"""The eval's servers: every mode starts from the same settings, with its own mode and a ledger
in memory (a run must not inherit an earlier run's withdrawals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglang_safekv.cache.ledger import IN_MEMORY
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.tooling.evaluation.main import main
from sglang_safekv.tooling.evaluation.server import ServerSettings, serve_options


def _settings(base: SafeKVConfig | None) -> ServerSettings:
    return ServerSettings(
        model_path=None, profile="cpu", sglang_args=(), tenants_file=None, base_config=base
    )


def test_a_base_config_reaches_every_mode_with_that_modes_name():
    base = SafeKVConfig(mode=Mode.GLOBAL)
    base.cache.judge_at_arrival = False
    base.cache.withdrawal_ledger_file = "/somewhere/ledger.json"
    for mode in Mode:
        config = serve_options(_settings(base), mode).config
        assert config.mode == mode
        assert config.cache.judge_at_arrival is False
        assert config.cache.withdrawal_ledger_file == IN_MEMORY
    # The base itself is not changed by a server's options.
    assert base.mode == Mode.GLOBAL
    assert base.cache.withdrawal_ledger_file == "/somewhere/ledger.json"


def test_without_a_base_config_the_defaults_apply():
    config = serve_options(_settings(None), Mode.SELECTIVE).config
    assert config.cache.judge_at_arrival is True
    assert config.cache.withdrawal_ledger_file == IN_MEMORY


def test_a_bad_config_file_stops_the_eval_with_its_name(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[cache]\njudge_at_arrival = 3\n")
    with pytest.raises(SystemExit, match="--safekv-config"):
        main(["--safekv-config", str(bad), "--out", str(tmp_path), "--skip-attacks"])
    with pytest.raises(SystemExit, match="--safekv-config"):
        main(["--safekv-config", str(tmp_path / "missing.toml"), "--out", str(tmp_path)])
