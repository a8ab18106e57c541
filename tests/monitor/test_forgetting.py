"""Flooding the monitor's tables must not make it forget the content being probed.

The attack, replayed on the real SafeRadixCache with the monitor acting through its API: a
prober walks the victim's secret (which the detector missed) with colluding accounts, and
between probes other accounts of the same attacker flood the monitor with fresh lineages of
their own content, each visited partially so that every one has an open frontier. With the
tables as plain LRUs of the size used here, the flood reset the victim's walk frontier and
budget before every probe: the whole secret, no action.
"""

import dataclasses

from sglang_safekv.config import MonitorConfig
from sglang_safekv.monitor import CacheActionSink, RDRMonitor, RecordingSink
from sglang_safekv.tooling.monitor.replay import SimServer
from sglang_safekv.tooling.monitor.workload import VICTIM, Prober, attack_spec

CAP = 64
FLOOD_CREATORS = 16  # together they hold far more than the tables' cap
FLOOD_PER_PROBE = CAP + 16  # more fresh lineages between two probes than the tables hold


class _Both:
    def __init__(self, *sinks):
        self.sinks = sinks

    def apply(self, action):
        return all([s.apply(action) for s in self.sinks])


def flood_attack(flood: bool):
    spec = dataclasses.replace(attack_spec("collusion"), secret_len=8)
    server = SimServer()
    record = RecordingSink()
    config = MonitorConfig(max_tracked_nodes=CAP)
    monitor = RDRMonitor(config, _Both(CacheActionSink(server.cache), record), lambda: server.now)
    server.attach(monitor)
    known = [50 + i for i in range(spec.known)]
    secret = [3000 + 7 * i for i in range(spec.secret_len)]
    t = 1.0
    server.request(VICTIM, known + secret, t)
    prober = Prober(spec, 0, known, secret)
    # The flood's content: one public node per lineage, created by the flood accounts.
    docs = []
    for i in range(FLOOD_CREATORS * 10):
        doc = [20_000 + 8 * i + j for j in range(8)]
        t += 0.01
        server.request(f"flood-creator{i % FLOOD_CREATORS}", doc, t)
        docs.append(doc)
    next_doc = 0
    first_action_learned = None
    while not prober.done and prober.probes < 600:
        account, tokens, gap = prober.next_probe()
        t += gap
        prober.observe(server.request(account, tokens, t))
        if first_action_learned is None and any(a.creator == VICTIM for a in record.actions):
            first_action_learned = len(prober.learned)
        if flood:
            for _ in range(FLOOD_PER_PROBE):
                doc = docs[next_doc % len(docs)]
                next_doc += 1
                # A partial visit: stops inside the doc, an open frontier in a new lineage.
                t += 0.001
                server.request(f"flood-visitor{next_doc % 5}", doc[:4] + [9], t)
    monitor.flush()
    return prober, record.actions, first_action_learned, monitor.stats()


def test_flooding_the_tables_does_not_reset_the_walk_on_the_victim():
    prober, actions, learned_at_action, stats = flood_attack(flood=True)
    assert stats["forgotten_lineages"] > 0, "the flood did not fill the tables"
    assert any(a.creator == VICTIM for a in actions), "the monitor never acted on the victim"
    assert learned_at_action is not None
    assert learned_at_action <= MonitorConfig().walk_steps + 1
    assert prober.learned != prober.secret and len(prober.learned) == learned_at_action


def test_a_tenant_cannot_fill_more_than_its_share():
    monitor = RDRMonitor(MonitorConfig(max_tracked_nodes=CAP), RecordingSink())
    from sglang_safekv.cache.events import MatchEvent

    for i in range(1000):
        monitor.on_match(MatchEvent("eve", 10_000 + i, "eve2", 0, 8, 4, i * 0.01, 10_000 + i))
    monitor.flush()
    assert monitor._lineages.owner_count("eve2") <= CAP * MonitorConfig().max_tenant_share
