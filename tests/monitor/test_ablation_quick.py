"""The quick ablation (CI): the chosen defaults on freshly recorded traces of every kind.

One seed of every attack and one simulated hour of every benign trace, recorded through the
real cache; the full sweep is eval/monitor_ablation.py. Seed 8 is held out: the defaults were
chosen on seeds 0-7.
"""

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.tooling.monitor import ablation
from sglang_safekv.tooling.monitor.workload import ATTACK_KINDS, BENIGN_KINDS


@pytest.fixture(scope="module")
def traces():
    return ablation.record_traces([8], benign_hours=1.0)


def test_defaults_stop_every_attack_and_raise_no_false_alarm(traces):
    result = ablation.evaluate(traces, MonitorConfig())
    assert set(result["attacks"]) == set(ATTACK_KINDS)
    for kind, attack in result["attacks"].items():
        assert attack["detection_rate"] == 1.0, kind
    assert set(result["benign"]) == set(BENIGN_KINDS)
    for kind, benign in result["benign"].items():
        assert benign["false_alarms"] == 0, (kind, benign["rules"])
    # Token-by-token attacks: at most walk_steps + 1 tokens; two at a time: twice that.
    defaults = MonitorConfig()
    for kind in ("fast_walk", "naive_walk", "collusion", "slow_walk", "slow_collusion"):
        assert result["attacks"][kind]["leaked_max"] <= defaults.walk_steps + 1, kind
    assert result["attacks"]["chunked_smart"]["leaked_max"] <= 2 * (defaults.walk_steps + 1)


def test_sweep_tables_and_what_the_walk_rule_buys(traces, monkeypatch):
    monkeypatch.setattr(ablation, "JUMP_FACTORS", (2.0, 10.0))
    monkeypatch.setattr(ablation, "WINDOWS_S", (30.0,))
    monkeypatch.setattr(ablation, "ONE_AT_A_TIME", {"walk_steps": (0, 4)})
    result = ablation.sweep(traces, MonitorConfig())
    assert len(result["grid"]) == 2 * 2  # surge alone and whole monitor, two r_a values
    off, on = result["one_at_a_time"]
    # Without the walk rule, colluding accounts learn more before anything acts.
    assert off["attacks"]["collusion"]["leaked_max"] > on["attacks"]["collusion"]["leaked_max"]
    table = ablation.to_markdown(result)
    assert "| 30 | 10 |" in table and "| walk_steps | 0 |" in table
