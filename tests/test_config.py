import json
import sys
from pathlib import Path

import pytest

from sglang_safekv.config import (
    ENV_VAR,
    BudgetUnit,
    ConfigError,
    DetectorPolicy,
    Mode,
    MonitorActionKind,
    MonitorConfig,
    SafeKVConfig,
    Tier1Engine,
    export_to_env,
    load_from_env,
)
from sglang_safekv.tooling import config_example

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


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


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"detector": {"policy": "lenient"}}, "config.detector.policy"),
        ({"detector": {"tier1_engine": "pcre"}}, "config.detector.tier1_engine"),
        ({"monitor": {"budget_unit": "tokens"}}, "config.monitor.budget_unit"),
        ({"monitor": {"action": "ban"}}, "config.monitor.action"),
        ({"detector": {"enabled": 1}}, "config.detector.enabled"),
        ({"detector": {"tiers": [1, "2"]}}, r"config.detector.tiers\[1\]"),
        ({"server": {"tenants_file": 3}}, "config.server.tenants_file"),
        ({"modes": "global"}, "config.modes: unknown key"),
    ],
)
def test_bad_values_name_their_key(data, fragment):
    with pytest.raises(ConfigError, match=fragment.replace(".", r"\.")):
        SafeKVConfig.from_dict(data)


def test_every_bad_key_is_reported_at_once():
    with pytest.raises(ConfigError) as e:
        SafeKVConfig.from_dict({"monitor": {"action": "ban", "window": 3}, "cache": {"x": 1}})
    message = str(e.value)
    for key in ("config.monitor.action", "config.monitor.window", "config.cache.x"):
        assert key in message


def test_choices_become_enums_that_read_as_their_values():
    config = SafeKVConfig.from_dict(
        {"detector": {"policy": "strict", "tier1_engine": "re"}, "monitor": {"action": "evict"}}
    )
    assert config.detector.policy is DetectorPolicy.STRICT
    assert config.detector.tier1_engine is Tier1Engine.RE
    assert config.monitor.action is MonitorActionKind.EVICT
    assert config.monitor.budget_unit is BudgetUnit.POINTS
    # Code written against the plain strings keeps working.
    assert config.monitor.action == "evict"
    assert f"actions_{config.monitor.action}" == "actions_evict"
    assert str(config.mode) == "selective"


def test_an_int_quota_stays_a_number_of_tokens():
    config = SafeKVConfig.from_dict({"cache": {"private_token_quota": 4096}})
    assert config.cache.private_token_quota == 4096


def test_the_committed_example_lists_every_key_with_its_default_and_meaning():
    """Regenerate with `sglang-safekv config example > safekv.example.toml`."""
    committed = (Path(__file__).parent.parent / "safekv.example.toml").read_text()
    assert committed == config_example.render()
    assert config_example.undocumented() == []
    example = tomllib.loads(committed)
    assert SafeKVConfig.from_dict(example) == SafeKVConfig()
    for section, fields in example.items():
        if isinstance(fields, dict):
            assert set(fields) == set(json.loads(SafeKVConfig().to_json())[section])


def test_comments_above_a_field_are_its_meaning():
    comments = config_example.field_comments(MonitorConfig)
    assert comments["window_s"] == [
        "Tumbling window of the surge rule (RDR and jump are per window and stopping point)."
    ]
    assert len(comments["access_budget"]) == 2
    assert "__pydantic_config__" not in comments
