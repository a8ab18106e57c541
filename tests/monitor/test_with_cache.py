"""The monitor attached to the real SafeRadixCache (selective mode, CPU, no server).

A detector that misses everything (every classification job answered "clean") makes the
victim's secret public: the situation the monitor exists for. Attacks are adaptive probers that
learn only from cached-token counts, as through the API. The monitor acts through the cache's
own API (``demote``), so what the attackers see after an action is what the cache now shows.
"""

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.monitor import CacheActionSink, RDRMonitor
from sglang_safekv.tooling.monitor.replay import SimServer, run_attack_live, run_benign_live
from sglang_safekv.tooling.monitor.workload import VICTIM, attack_spec

DEFAULTS = MonitorConfig()


def attach(server):
    monitor = RDRMonitor(DEFAULTS, CacheActionSink(server.cache), clock=lambda: server.now)
    server.attach(monitor)
    return monitor


@pytest.mark.parametrize(
    "kind, max_learned",
    [
        # Token by token: the walk needs walk_steps one-token advances after the first stop.
        ("fast_walk", DEFAULTS.walk_steps + 1),
        ("collusion", DEFAULTS.walk_steps + 1),
        ("slow_walk", DEFAULTS.walk_steps + 1),
        # Two tokens a time, four slow accounts: walk_steps advances of two tokens.
        ("chunked_smart", DEFAULTS.walk_max_step * (DEFAULTS.walk_steps + 1)),
    ],
)
def test_probing_a_secret_the_detector_missed_is_stopped(kind, max_learned):
    spec = attack_spec(kind)
    run = run_attack_live(spec, seed=0, config=DEFAULTS, max_probes=300)
    assert run.actions, "the monitor never acted"
    first = next(a for a in run.actions if a.creator == VICTIM)
    assert first.action == "demote"
    # Stated bound: at most (walk_steps + 1) positions' worth of guesses, all candidates each.
    assert run.probes_at_first_action <= (DEFAULTS.walk_steps + 1) * spec.guess_space
    assert run.learned_at_first_action <= max_learned
    # Stopped: the attackers kept probing until every candidate for the next position had
    # missed, and learned nothing more.
    assert run.gave_up and run.probes > run.probes_at_first_action
    assert run.learned == run.learned_at_first_action < run.secret_len
    # The secret is private to its creator now: a fresh tenant sending the victim's whole
    # prompt gets nothing past what the attackers had learned, except the attackers' own
    # insert of their (unconfirmed) right guess for the next position; the victim still gets
    # all of its prompt from the cache.
    assert run.stranger_cached_after <= run.known_len + run.learned + spec.chunk
    assert run.victim_cached_after == run.victim_prompt_len


def test_without_the_monitor_the_same_attack_gets_the_whole_secret():
    # Positive control: the attack works against this cache when nothing watches.
    off = MonitorConfig(enabled=False)
    run = run_attack_live(attack_spec("fast_walk"), seed=0, config=off, max_probes=1000)
    assert run.actions == [] and run.learned == run.secret_len


def test_system_prompt_shared_by_many_busy_tenants_triggers_nothing():
    server = SimServer()
    monitor = attach(server)
    system = list(range(5000, 5300))
    t = 0.0
    for k in range(20):
        for tenant in range(30):  # 30 tenants, 5 requests a second, each its own question
            question = [7000 + (k * 31 + tenant) % 50, 9000 + k, 11000 + tenant]
            server.request(f"t{tenant}", system + question, t)
            t += 0.2
    monitor.flush()
    assert monitor.stats()["events"] > 500
    assert monitor.recent() == []


def test_tenant_reusing_its_own_documents_triggers_nothing():
    server = SimServer()
    monitor = attach(server)
    docs = [list(range(20000 + 1000 * d, 20400 + 1000 * d)) for d in range(3)]
    for i in range(300):  # one request a second, always one of its three documents
        server.request("alice", docs[i % 3] + [30000 + i, 30001 + i], float(i))
    monitor.flush()
    assert monitor.stats()["events"] == 0 and monitor.recent() == []


def test_one_tenant_reading_many_public_documents_of_another_triggers_nothing():
    # Retrieval over a shared public corpus: alice's documents share a chat header; bob reads
    # thirty of them within fifteen seconds, each with his own question.
    server = SimServer()
    monitor = attach(server)
    header = [1, 2, 3]
    docs = [list(range(20000 + 1000 * d, 20300 + 1000 * d)) for d in range(30)]
    for d, doc in enumerate(docs):
        server.request("alice", header + doc + [40000 + d], float(d))
    cached = [
        server.request("bob", header + doc + [50000 + d], 100.0 + 0.5 * d)
        for d, doc in enumerate(docs)
    ]
    monitor.flush()
    assert monitor.recent() == []
    assert cached == [len(header) + 300] * len(docs)


def test_a_tenant_whose_prompts_go_on_past_anothers_header_into_its_own_triggers_nothing():
    # Alice's document begins with the chat header every prompt starts with, so the header
    # fragment is hers; bob sends 40 prompts in 20 s, each the header, one of his own three
    # documents and a new question. Every match leaves alice's lineage at the header's end.
    server = SimServer()
    monitor = attach(server)
    header = [1, 2, 3]
    server.request("alice", header + list(range(20000, 20300)), 0.0)
    docs = [list(range(60000 + 1000 * d, 60200 + 1000 * d)) for d in range(3)]
    for k in range(40):
        server.request("bob", header + docs[k % 3] + [70000 + k], 100.0 + 0.5 * k)
    monitor.flush()
    assert monitor.recent() == []
    assert monitor.stats()["branched_visits"] >= 37


def test_guesses_after_anothers_header_still_stop_there():
    # Control: the same header, but each prompt goes on with a token nobody holds yet, so it
    # stops at the header's end in alice's lineage: wrong guesses, counted, and a surge.
    server = SimServer()
    monitor = attach(server)
    header = [1, 2, 3]
    server.request("alice", header + list(range(20000, 20300)), 0.0)
    for k in range(40):
        server.request("bob", header + [80000 + k, 90000 + k], 100.0 + 0.5 * k)
    monitor.flush()
    assert [a["rule"] for a in monitor.recent()] == ["surge"]


def test_a_throttled_tenants_inserts_reveal_nothing_of_others_content():
    # Mallory owns the chat header (she sent it first); alice's public prompt follows it with
    # a secret the detector missed. Mallory gets herself throttled on a colluder's document,
    # then sends every guess twice. Her matches are own-only while throttled; her inserts
    # followed alice's node for the right guess only, so that guess's repeat was the one not
    # fully cached: secret[0] with no monitor event. A throttled insert is own-only too.
    server = SimServer()
    monitor = RDRMonitor(MonitorConfig(), CacheActionSink(server.cache), clock=lambda: server.now)
    server.attach(monitor)
    server.cache.set_sharing_throttle(monitor.is_throttled)
    header, tail = [1, 2, 3], [60001, 60002, 60003]
    server.request("mallory", header, 0.0)
    server.request("alice", header + [517, 533, 541] + list(range(20000, 20100)), 1.0)
    doc = list(range(9000, 9060))
    server.request("carol", doc, 2.0)
    t = 10.0
    for k in range(1, 8):  # a walk on carol's document: mallory is throttled
        server.request("mallory", doc[:k] + [77777 + k], t)
        t += 1
    monitor.flush()
    assert monitor.is_throttled("mallory", t)
    guesses = range(500, 550)
    for g in guesses:
        server.request("mallory", header + [g] + tail, t)
        t += 0.5
    repeats = {g: server.request("mallory", header + [g] + tail, t + 0.01 * g) for g in guesses}
    assert set(repeats.values()) == {len(header) + 1 + len(tail)}


def test_bursts_of_identical_public_questions_from_many_tenants_trigger_nothing():
    server = SimServer()
    monitor = attach(server)
    system = list(range(5000, 5200))
    for burst in range(3):
        question = system + list(range(8000 + 100 * burst, 8020 + 100 * burst))
        for tenant in range(40):  # 40 tenants within 20 s ask the same question
            server.request(f"t{tenant}", question, burst * 600.0 + tenant * 0.5)
    monitor.flush()
    assert monitor.stats()["events"] >= 3 * 39
    assert monitor.recent() == []


def test_an_hour_of_mixed_benign_traffic_raises_no_false_alarm():
    assert run_benign_live("mixed", seed=0, config=DEFAULTS) == []


def test_a_match_whose_insert_sends_no_job_is_still_completed_at_the_insert():
    """A visitor's turn after another tenant's long public prompt is dormant (no job): the
    insert alone must complete its match, or the monitor acts one request late."""
    server = SimServer()
    monitor = attach(server)
    system = list(range(5000, 5300))  # 300 tokens: past cache.judge_on_demand_after
    server.request("owner", system, 0.0)
    jobs = server.cache.safekv_stats()["jobs_emitted"]
    server.request("visitor", system + [1, 2, 3], 1.0)
    assert server.cache.safekv_stats()["jobs_emitted"] == jobs  # dormant: no job
    assert monitor.stats()["matches"] == 1  # completed without a next event
