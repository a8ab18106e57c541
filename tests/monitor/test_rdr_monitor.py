import logging

import pytest

from sglang_safekv.config import ConfigError, MonitorConfig
from sglang_safekv.monitor import CacheActionSink, RDRMonitor, RecordingSink
from tests.monitor.probes import ev, token_walk


def run(monitor, stream):
    """Feed probes; return the index of the probe after which the first action happened.

    Each probe is a request: its match's events, then its insert (a classification job),
    which tells the monitor the match is complete.
    """
    sink = monitor.sink
    for i, events in stream:
        for e in events:
            monitor.on_match(e)
        monitor.on_classification_job(None)
        if sink.actions:
            return i
    return None


def make(**overrides):
    config = MonitorConfig(**overrides)
    return RDRMonitor(config, RecordingSink(), clock=lambda: 0.0)


@pytest.mark.parametrize("split", [False, True])
def test_single_account_fast_probe_is_stopped_within_min_hits_probes(split):
    monitor = make(walk_steps=0, access_budget=0)  # the surge rule alone
    ranks = [20] * 16  # a guesser that needs 20 tries per token
    stopped = run(monitor, token_walk(["eve"], ranks, split=split, dt=0.5))
    # Every probe passes the victim's first fragment: min_hits probes in one window suffice.
    assert stopped == monitor.config.min_hits - 1
    action = monitor.sink.actions[0]
    assert action.rule == "surge" and action.creator == "victim"
    assert action.tenants == ("eve",)
    assert action.node_id != 1  # never the operator's system prompt


@pytest.mark.parametrize("split", [False, True])
def test_slow_single_account_walk_is_caught_by_the_walk_rule(split):
    monitor = make(access_budget=0)
    ranks = [3, 2, 4, 1, 2, 3, 5, 2]
    # One probe every 2 minutes: never min_hits in a 60 s window.
    stopped = run(monitor, token_walk(["eve"], ranks, split=split, dt=120.0))
    assert stopped == sum(ranks[:4]) - 1
    assert monitor.sink.actions[0].rule == "walk"
    assert monitor.stats()["triggers_surge"] == 0


def test_colluding_accounts_without_the_content_exhaust_the_access_budget():
    # 6 accounts, slow and interleaved: no window surge, no single-account walk.
    monitor = make(access_budget=10, budget_creators=2)
    accounts = [f"sybil{i}" for i in range(6)]
    stopped = run(monitor, token_walk(accounts, [10] * 8, split=False, dt=90.0))
    assert stopped == 10  # the 11th cross-tenant hit on the probed node
    action = monitor.sink.actions[0]
    assert action.rule == "budget" and action.node_id == 2
    assert set(action.tenants) <= set(accounts)


def test_colluding_accounts_in_a_burst_trigger_a_surge():
    monitor = make(walk_steps=0, access_budget=0)
    accounts = [f"sybil{i}" for i in range(4)]
    stopped = run(monitor, token_walk(accounts, [30] * 4, split=True, dt=0.5))
    # RDR = 4 / hits falls below 0.25 once hits > 16.
    assert stopped == 16
    assert monitor.sink.actions[0].rule == "surge"


def test_system_prompt_shared_by_many_busy_tenants_is_never_withdrawn():
    monitor = make()
    t = 0.0
    for _ in range(3000):  # 30 tenants, 5 requests/s together for 10 minutes
        for tenant in range(30):
            monitor.on_match(ev(f"t{tenant}", 1, "operator", 0, 100, t=t))
            t += 0.2
    assert monitor.sink.actions == []
    assert monitor.node_stats(1).widely_shared


def test_burst_of_identical_public_questions_from_many_tenants_triggers_nothing():
    monitor = make()
    for i in range(200):  # 200 tenants ask the same question within 20 s
        t = i * 0.1
        monitor.on_match(ev(f"t{i}", 1, "operator", 0, 100, t=t))
        monitor.on_match(ev(f"t{i}", 3, "first_asker", 100, 12, t=t))
    assert monitor.sink.actions == []


def test_steady_low_diversity_use_does_not_surge_but_a_jump_does():
    monitor = make(walk_steps=0, access_budget=0, min_hits=8, jump_factor=4.0)
    t = 0.0
    for window in range(10):  # one tenant, 6 hits a minute: below min_hits
        for k in range(6):
            monitor.on_match(ev("batch", 2, "alice", t=window * 60 + k * 10.0))
    assert monitor.sink.actions == []
    for window in range(10, 14):  # rate creeps up: 12 < 4 * 6, then 24 >= 4 * 12? no: 48 >= 4*12
        n = {10: 12, 11: 16, 12: 64, 13: 64}[window]
        for k in range(n):
            t = window * 60 + k * (60 / n)
            monitor.on_match(ev("batch", 2, "alice", t=t))
            if monitor.sink.actions:
                break
    action = monitor.sink.actions[0]
    assert action.rule == "surge" and int(action.time // 60) == 12


def test_full_pass_by_a_second_tenant_earns_the_budget_back():
    monitor = make(walk_steps=0, min_hits=10_000, access_budget=10, budget_creators=2)
    for i in range(100):  # a tenant who holds the whole document, reusing it all day
        monitor.on_match(ev("reader", 2, "alice", t=i * 600.0))
    assert monitor.sink.actions == []
    # Partial hits only (no tenant ever had the whole node): budget exhausted at hit 11.
    for i in range(11):
        monitor.on_match(ev(f"p{i % 3}", 9, "bob", into=3, t=i * 600.0))
    monitor.flush()
    assert [a.rule for a in monitor.sink.actions] == ["budget"]


def test_each_node_is_acted_on_once_and_later_events_are_counted_not_acted_on():
    monitor = make(walk_steps=0, access_budget=0)
    for i in range(50):
        monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
    assert len(monitor.sink.actions) == 1
    stats = monitor.stats()
    assert stats["triggers_surge"] == 1 and stats["actions_demote"] == 1
    assert stats["events_on_withdrawn_nodes"] == 50 - monitor.config.min_hits


def test_action_is_logged_and_throttles_the_prober(caplog):
    now = [0.0]
    monitor = RDRMonitor(
        MonitorConfig(throttle_s=30.0, action="evict"), RecordingSink(), clock=lambda: now[0]
    )
    with caplog.at_level(logging.WARNING, logger="sglang_safekv.monitor"):
        for i in range(8):
            monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
        monitor.flush()
    assert "surge" in caplog.text and "evict node 2 of victim" in caplog.text
    assert monitor.sink.actions[0].action == "evict"
    now[0] = 10.0
    assert monitor.is_throttled("eve") and not monitor.is_throttled("victim")
    now[0] = 31.0
    assert not monitor.is_throttled("eve")
    assert monitor.stats()["throttles"] == 1 and monitor.stats()["actions_evict"] == 1


def test_own_content_and_disabled_monitor_are_ignored():
    monitor = make()
    for i in range(100):
        monitor.on_match(ev("victim", 2, into=3, t=i * 0.1))
    assert monitor.stats()["events"] == 0
    off = make(enabled=False)
    for i in range(100):
        off.on_match(ev("eve", 2, into=3, t=i * 0.1))
    assert off.sink.actions == []


def test_deepest_triggering_node_of_a_match_is_withdrawn_not_the_shared_context():
    # Neither the operator's prompt (node 1) nor the victim's node has other users here, so
    # both trigger in the same match; the deeper one is withdrawn.
    monitor = make(walk_steps=0, access_budget=0)
    stopped = run(monitor, token_walk(["eve"], [20] * 4, split=False, dt=0.5))
    assert stopped == 7
    assert [a.node_id for a in monitor.sink.actions] == [2]


def test_tracked_state_stays_bounded():
    monitor = make(max_tracked_nodes=100)
    for i in range(20_000):
        monitor.on_match(ev(f"t{i % 50}", i, f"c{i % 13}", t=i * 0.01))
    stats = monitor.stats()
    assert stats["tracked_nodes"] <= 100 and stats["tracked_walks"] <= 100
    assert stats["forgotten_nodes"] >= 19_900


class FakeCache:
    """Records calls; named fake: stands in for SafeRadixCache in sink-only tests."""

    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def demote(self, node_id, reason):
        if self.fail:
            raise KeyError(node_id)
        self.calls.append(("demote", node_id, reason))

    def evict_node(self, node_id):
        self.calls.append(("evict", node_id))


def test_cache_sink_demotes_with_a_reason_and_survives_a_vanished_node():
    cache = FakeCache()
    monitor = RDRMonitor(MonitorConfig(), CacheActionSink(cache))
    for i in range(8):
        monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
    assert cache.calls == []  # the eighth match may still go deeper
    monitor.on_match(ev("someone", 1, "operator", 0, 100, t=1.0))  # the next match completes it
    assert cache.calls and cache.calls[0][:2] == ("demote", 2)
    assert cache.calls[0][2].startswith("monitor:surge")
    broken = RDRMonitor(MonitorConfig(), CacheActionSink(FakeCache(fail=True)))
    for i in range(8):
        broken.on_match(ev("eve", 2, into=3, t=i * 0.1))
    broken.flush()
    assert broken.stats()["action_failures"] == 1 and broken.stats()["actions_demote"] == 0


def test_cache_sink_rejects_an_object_without_the_api():
    with pytest.raises(TypeError, match="demote"):
        CacheActionSink(object())


@pytest.mark.parametrize(
    "field, value",
    [
        ("window_s", 0.0),
        ("jump_factor", -1.0),
        ("rdr_floor", 1.5),
        ("action", "delete"),
        ("protect_tenants", 1),
        ("max_tracked_nodes", 0),
    ],
)
def test_bad_settings_are_clear_errors(field, value):
    with pytest.raises(ConfigError, match=field):
        RDRMonitor(MonitorConfig(**{field: value}), RecordingSink())
