"""The monitor's rules on hand-built event streams (the cache-driven tests are in test_with_cache)."""

import logging

import pytest

from sglang_safekv.config import ConfigError, MonitorConfig
from sglang_safekv.monitor import CacheActionSink, RDRMonitor, RecordingSink
from tests.monitor.probes import ev, token_walk


def run(monitor, stream):
    """Feed probes; return the index of the probe after which the first action happened.

    Each probe is a request: its match's events, then its insert, which tells the monitor
    that the match is complete.
    """
    for i, events in stream:
        for e in events:
            monitor.on_match(e)
        monitor.on_insert("prober")
        if monitor.sink.actions:
            return i
    return None


# The rules' mechanics are tested under fixed settings, not the (ablation-chosen) defaults.
RULES = dict(
    window_s=60.0,
    jump_factor=4.0,
    min_hits=8,
    rdr_floor=0.25,
    walk_steps=4,
    walk_max_step=1,
    access_budget=10,
)


def config(**overrides):
    return MonitorConfig(**{**RULES, **overrides})


def make(**overrides):
    return RDRMonitor(config(**overrides), RecordingSink(), clock=lambda: 0.0)


@pytest.mark.parametrize("split", [False, True])
def test_wrong_guesses_piling_up_on_one_position_trigger_a_surge(split):
    monitor = make(walk_steps=0, access_budget=0)
    stopped = run(monitor, token_walk(["eve"], [20] * 4, split=split, dt=0.5))
    # The first position needs 20 guesses; the eighth one in the window triggers.
    assert stopped == monitor.config.min_hits - 1
    action = monitor.sink.actions[0]
    assert action.rule == "surge" and action.creator == "victim" and action.tenants == ("eve",)
    # What is withdrawn is the victim's content after the stopping point: node 2, which the
    # first probe's split left holding it (split=True), or the whole unsplit node.
    assert action.node_id == 2


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("accounts", [1, 6])
def test_a_slow_walk_is_stopped_after_walk_steps_tokens_however_many_accounts(split, accounts):
    monitor = make(access_budget=0)
    ranks = [3, 2, 4, 1, 2, 3, 5, 2]
    tenants = [f"eve{i}" for i in range(accounts)]
    # One probe every two minutes: never min_hits in a window, so only the walk can see it.
    stopped = run(monitor, token_walk(tenants, ranks, split=split, dt=120.0))
    # The first (wrong) probe marks the known prefix; the fourth right guess completes the walk.
    assert stopped == sum(ranks[:4]) - 1
    action = monitor.sink.actions[0]
    assert action.rule == "walk" and action.creator == "victim"
    assert monitor.stats()["triggers_surge"] == 0


@pytest.mark.parametrize("split", [False, True])
def test_guessing_two_tokens_at_a_time_exhausts_the_budget_of_stopping_points(split):
    monitor = make(access_budget=4, min_hits=10_000)
    ranks = [3] * 8
    stopped = run(monitor, token_walk(["eve0", "eve1"], ranks, split=split, dt=60.0, chunk=2))
    # Points: the known prefix, then one per right chunk; the fifth distinct point exceeds 4
    # (two-token steps are not walk steps with walk_max_step=1).
    assert stopped == 3 * 4 - 1
    action = monitor.sink.actions[0]
    assert action.rule == "budget" and action.creator == "victim"


@pytest.mark.parametrize("split", [False, True])
def test_two_token_steps_are_walk_steps_with_walk_max_step_2(split):
    monitor = make(walk_max_step=2, access_budget=0, min_hits=10_000)
    stream = token_walk(["eve0", "eve1"], [3] * 8, split=split, dt=60.0, chunk=2)
    assert run(monitor, stream) == 3 * 4 - 1
    assert monitor.sink.actions[0].rule == "walk"


def test_system_prompt_end_reached_by_many_busy_tenants_is_never_withdrawn():
    monitor = make()
    t = 0.0
    for _ in range(200):  # 30 tenants, five requests a second together
        for tenant in range(30):
            # Alice sent the prompt first, with her question: everyone stops at its end.
            monitor.on_match(ev(f"t{tenant}", 1, "alice", 0, 140, into=100, t=t))
            monitor.flush()
            t += 0.2
    assert monitor.sink.actions == []


def test_readers_of_a_whole_document_vouch_for_it():
    monitor = make(min_hits=10_000, walk_steps=0, access_budget=2)
    # A reader who holds all of node 2, all day long: it completes the lineage every time.
    for i in range(100):
        monitor.on_match(ev("reader", 2, "alice", t=i * 60.0))
        monitor.flush()
    assert monitor.sink.actions == []
    assert "reader" in monitor.lineage_stats(2).vouchers


def _read_behind_header(monitor, branches: bool, n: int = 40) -> None:
    """Bob reads ``n`` of alice's documents behind a 3-token header, one every half second.

    Alice's first document is lineage 1, split after the header: fragment 10 (depth 0) and
    11 (depth 3, 400 tokens). Her other documents are their own lineages under the header.
    With ``branches`` each read goes on into a document (stopping at bob's own question);
    without, it stops right after the header: a guess that matched nothing there."""
    for k in range(n):
        t = 0.5 * k
        monitor.on_match(ev("bob", 10, "alice", 0, 3, t=t, lineage=1))
        if k == 0:
            monitor.on_match(ev("bob", 11, "alice", 3, 400, into=380, t=t, lineage=1))
        elif branches:
            monitor.on_match(ev("bob", 100 + k, "alice", 3, 400, into=380, t=t))
        monitor.on_insert("prober")


def test_one_reader_of_many_documents_behind_a_shared_header_triggers_nothing():
    monitor = make()
    _read_behind_header(monitor, branches=True)
    assert monitor.sink.actions == []
    assert monitor.stats()["branched_visits"] == 39
    assert set(monitor.lineage_stats(1).points) == {383}  # the first read only


def test_the_same_reads_stopping_at_the_header_are_probing():
    # Control for the test above: the visits that do not go on into another branch pile up at
    # one point from one tenant, which is what wrong guesses look like.
    monitor = make()
    _read_behind_header(monitor, branches=False)
    assert [a.rule for a in monitor.sink.actions] == ["surge"]


def test_prompts_going_on_past_a_header_into_the_visitors_own_content_trigger_nothing():
    # Bob's prompts pass the header alice created (her lineage 1, fragment 10) and go on into
    # bob's own documents: the cache reports that on the header event (then_own).
    monitor = make()
    # Carol read into alice's document once: the lineage reaches past the header.
    monitor.on_match(ev("carol", 10, "alice", 0, 3, t=0.0, lineage=1))
    monitor.on_match(ev("carol", 11, "alice", 3, 400, into=380, t=0.0, lineage=1))
    monitor.on_insert("prober")
    for k in range(40):
        monitor.on_match(ev("bob", 10, "alice", 0, 3, t=0.5 * k, lineage=1, then_own=True))
        monitor.on_insert("prober")
    assert monitor.sink.actions == []
    assert monitor.stats()["branched_visits"] == 40


def test_only_the_deepest_event_of_a_match_decides_whether_it_went_on():
    # A stop inside alice's document after the header is still a stop, whatever happened at
    # shallower nodes; the same stops without then_own are the surge control above.
    monitor = make()
    for k in range(40):
        t = 0.5 * k
        monitor.on_match(ev("bob", 10, "alice", 0, 3, t=t, lineage=1))
        monitor.on_match(ev("bob", 11, "alice", 3, 400, into=5, t=t, lineage=1))
        monitor.on_insert("prober")
    assert [a.rule for a in monitor.sink.actions] == ["surge"]


def test_the_operators_declared_content_is_never_withdrawn():
    # The same stops that surge on a tenant's content (the control test above), on content
    # the operator declared public: nothing to protect, nothing withdrawn.
    monitor = make()
    for k in range(40):
        monitor.on_match(ev("bob", 10, "__operator__", 0, 3, t=0.5 * k, lineage=1))
        monitor.on_insert("prober")
    assert monitor.sink.actions == []
    assert monitor.lineage_stats(1) is None


def test_burst_of_identical_public_questions_from_many_tenants_triggers_nothing():
    monitor = make()
    for i in range(200):  # 200 tenants ask the same question within 20 s
        t = i * 0.1
        monitor.on_match(ev(f"t{i}", 1, "operator", 0, 100, t=t))
        monitor.on_match(ev(f"t{i}", 3, "first_asker", 100, 12, t=t))
    monitor.flush()
    assert monitor.sink.actions == []


def test_steady_low_diversity_traffic_at_a_point_does_not_surge_but_a_jump_does():
    monitor = make(walk_steps=0, access_budget=0, min_hits=8, jump_factor=4.0)

    def minute(window, n):
        for k in range(n):
            monitor.on_match(ev("batch", 2, "alice", into=7, t=window * 60 + k * (60 / n)))
            monitor.flush()
            if monitor.sink.actions:
                return

    for window in range(10):
        minute(window, 6)  # below min_hits
    minute(10, 12)  # 12 < 4 * 6
    minute(11, 40)  # 40 < 4 * 12
    assert monitor.sink.actions == []
    minute(12, 200)  # 160 >= 4 * 40 at the 160th visit
    action = monitor.sink.actions[0]
    assert action.rule == "surge" and action.hits == 160


def test_deepest_triggering_node_of_a_match_is_withdrawn_not_the_shared_context():
    # Nobody else uses the operator's prompt here, so its end and the victim's node both pile
    # up stops in one match when a probe stops inside the victim's node.
    monitor = make(walk_steps=0, access_budget=0)
    for i in range(8):
        monitor.on_match(ev("eve", 1, "operator", 0, 100, into=100, t=i * 0.5, lineage=1))
        monitor.on_match(ev("eve", 2, into=5, t=i * 0.5))
        monitor.flush()
    assert [a.node_id for a in monitor.sink.actions] == [2]


def test_a_match_is_complete_at_the_next_event_that_does_not_continue_it():
    monitor = make(walk_steps=0, access_budget=0)
    for i in range(8):
        monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
    assert monitor.sink.actions == []  # the eighth match may still go deeper
    monitor.on_match(ev("someone", 1, "operator", 0, 100, t=1.0))
    assert len(monitor.sink.actions) == 1


def test_another_request_of_the_prober_within_the_second_does_not_hide_its_stop():
    # Two requests of eve in one scheduler batch: A passes alice's first node fully and stops
    # at its end (a stop: carol showed the lineage goes on), B starts with eve's own content
    # and enters bob's node at that depth. Told apart by the cache's match ids, B is not taken
    # for A going on into another branch, so A's stop is counted.
    from dataclasses import replace

    monitor = make()
    monitor.on_match(replace(ev("carol", 10, "alice", 0, 8, lineage=1), match_id=1))
    monitor.on_match(replace(ev("carol", 11, "alice", 8, 100, lineage=1), match_id=1))
    monitor.on_insert("prober")
    monitor.on_match(replace(ev("eve", 10, "alice", 0, 8, t=5.0, lineage=1), match_id=2))
    monitor.on_match(replace(ev("eve", 20, "bob", 8, 50, t=5.01, lineage=2), match_id=3))
    monitor.on_insert("prober")
    monitor.flush()
    assert set(monitor.lineage_stats(1).points) == {8}
    assert monitor.stats()["branched_visits"] == 0


def test_each_node_is_acted_on_once():
    monitor = make(walk_steps=0, access_budget=0)
    for i in range(50):
        monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
        monitor.flush()
    assert len(monitor.sink.actions) == 1
    stats = monitor.stats()
    assert stats["triggers_surge"] == 1 and stats["actions_demote"] == 1
    assert stats["events_on_withdrawn_nodes"] == 50 - monitor.config.min_hits


def test_action_is_logged_and_throttles_the_prober(caplog):
    now = [0.0]
    monitor = RDRMonitor(
        config(throttle_s=30.0, action="evict"), RecordingSink(), clock=lambda: now[0]
    )
    with caplog.at_level(logging.WARNING, logger="sglang_safekv.monitor"):
        for i in range(8):
            monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
        monitor.flush()
    assert "surge" in caplog.text and "evict node 2 of victim" in caplog.text
    assert monitor.sink.actions[0].action == "evict"
    assert monitor.recent()[0]["rule"] == "surge"
    now[0] = 10.0
    assert monitor.is_throttled("eve") and not monitor.is_throttled("victim")
    assert monitor.throttled_tenants() == ["eve"]
    now[0] = 31.0
    assert not monitor.is_throttled("eve")
    assert monitor.stats()["throttles"] == 1 and monitor.stats()["actions_evict"] == 1


def test_own_content_and_a_disabled_monitor_are_ignored():
    monitor = make()
    for i in range(100):
        monitor.on_match(ev("victim", 2, into=3, t=i * 0.1))
    monitor.flush()
    assert monitor.stats()["events"] == 0
    off = make(enabled=False)
    for i in range(100):
        off.on_match(ev("eve", 2, into=3, t=i * 0.1))
    off.flush()
    assert off.sink.actions == []


def test_tracked_state_stays_bounded():
    monitor = make(max_tracked_nodes=100)
    for i in range(20_000):
        monitor.on_match(ev(f"t{i % 50}", i, f"c{i % 13}", into=3, t=i * 0.01))
    stats = monitor.stats()
    assert stats["tracked_lineages"] <= 100 and stats["tracked_points"] <= 100
    assert stats["forgotten_lineages"] >= 19_900


class FakeCache:
    """Named fake: records calls in place of SafeRadixCache, for the sink's own tests."""

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
    monitor = RDRMonitor(config(), CacheActionSink(cache))
    for i in range(8):
        monitor.on_match(ev("eve", 2, into=3, t=i * 0.1))
    monitor.flush()
    assert cache.calls and cache.calls[0][:2] == ("demote", 2)
    assert cache.calls[0][2].startswith("monitor:surge")
    broken = RDRMonitor(config(), CacheActionSink(FakeCache(fail=True)))
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
        ("budget_unit", "tokens"),
        ("protect_tenants", 1),
        ("max_tracked_nodes", 0),
    ],
)
def test_bad_settings_are_clear_errors(field, value):
    with pytest.raises(ConfigError, match=field):
        RDRMonitor(MonitorConfig(**{field: value}), RecordingSink())
