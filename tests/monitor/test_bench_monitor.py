"""Cost of the monitor's on_match path (it runs on the scheduler thread for every reuse).

The median cost per event is compared with its target and reported as PASS or FAIL at the end of
the run (tests/bench/targets.py), not asserted.
"""

import random

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.monitor import RDRMonitor, RecordingSink
from tests.bench.targets import Verdict, median_seconds, report
from tests.monitor.probes import ev

# Microseconds per match event. The monitor sees every cross-tenant reuse on the scheduler
# thread, so it should cost no more than the cache walk that produced the event (stock SGLang's
# match_prefix on the bench tree, README "Cache").
TARGET_US_PER_EVENT = 20.0


def _events(n=20_000, seed=0):
    """Mixed traffic: 200 tenants, 2,000 lineages, matches of one to three foreign nodes."""
    rng = random.Random(seed)
    out = []
    t = 0.0
    for _ in range(n):
        tenant = f"t{rng.randrange(200)}"
        lineage = rng.randrange(2000)
        t += 0.01
        out.append(ev(tenant, 10_000 + lineage, f"c{lineage % 50}", 0, 300, t=t, lineage=lineage))
        if rng.random() < 0.5:
            into = rng.randrange(1, 60)
            out.append(ev(tenant, lineage, f"c{lineage % 50}", 300, 60, into=into, t=t))
    return out


@pytest.mark.benchmark
def test_on_match_cost_per_event(benchmark):
    events = _events()

    def feed():
        monitor = RDRMonitor(MonitorConfig(max_tracked_nodes=1000), RecordingSink())
        for e in events:
            monitor.on_match(e)
        monitor.flush()
        return monitor

    monitor = benchmark(feed)
    assert monitor.stats()["events"] == len(events)
    benchmark.extra_info["events"] = len(events)
    median = median_seconds(benchmark)
    if median is not None:
        per_event_us = median / len(events) * 1e6
        report(
            benchmark,
            Verdict("monitor on_match per event", per_event_us, TARGET_US_PER_EVENT, " us"),
        )
