import json

import pytest

from sglang_safekv.config import (
    ENV_VAR,
    ConfigError,
    Mode,
    SafeKVConfig,
    export_to_env,
    load_from_env,
)


def test_json_round_trip_keeps_every_field():
    config = SafeKVConfig(mode=Mode.ISOLATED)
    config.cache.private_token_quota = 1234
    config.detector.tiers = (1, 2)
    config.monitor.jump_factor = 2.5
    back = SafeKVConfig.from_dict(json.loads(config.to_json()))
    assert back == config
    assert back.detector.tiers == (1, 2)


def test_unknown_key_is_an_error_naming_it():
    with pytest.raises(ConfigError, match="cache.*privat_token_quota"):
        SafeKVConfig.from_dict({"cache": {"privat_token_quota": 3}})


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"mode": "shared"}, "mode"),
        ({"monitor": {"min_hits": "8"}}, "monitor.min_hits"),
        ({"monitor": {"min_hits": True}}, "monitor.min_hits"),
        ({"detector": {"tiers": 3}}, "detector.tiers"),
        ({"cache": "x"}, "config.cache"),
    ],
)
def test_wrong_types_are_clear_errors(data, fragment):
    with pytest.raises(ConfigError, match=fragment.replace(".", r"\.")):
        SafeKVConfig.from_dict(data)


def test_toml_file(tmp_path):
    path = tmp_path / "safekv.toml"
    path.write_text('mode = "global"\n[monitor]\nwindow_s = 30\n')
    config = SafeKVConfig.from_toml(path)
    assert config.mode is Mode.GLOBAL
    assert config.monitor.window_s == 30.0


def test_env_round_trip(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert load_from_env() == SafeKVConfig()
    config = SafeKVConfig(mode=Mode.GLOBAL)
    env: dict[str, str] = {}
    export_to_env(config, env)
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    assert load_from_env().mode is Mode.GLOBAL
