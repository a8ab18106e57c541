"""Does throttling caught probers cost benign tenants anything? Throttling off and on, side by side.

Replays the monitor's generated benign traces through the real SafeRadixCache (selective mode, a
detector that misses everything, simulated clock) with the monitor acting through the cache and,
when on, the cache's sharing throttle attached as the server attaches it. Prints, per setting,
the monitor's actions (all false alarms on benign traffic), the tenants throttled and the
cached tokens every tenant got. Usage:
    python eval/monitor_throttle.py [--seeds 8] [--hours 1] [--throttle-s 300]
"""

from __future__ import annotations

import argparse
import dataclasses
import logging

from sglang_safekv.config import MonitorConfig
from sglang_safekv.monitor import CacheActionSink, RDRMonitor
from sglang_safekv.tooling.monitor.replay import SimServer
from sglang_safekv.tooling.monitor.workload import BENIGN_KINDS, benign_trace


def replay(kind: str, seed: int, hours: float, config: MonitorConfig) -> dict[str, int]:
    server = SimServer()
    monitor = RDRMonitor(config, CacheActionSink(server.cache), clock=lambda: server.now)
    server.attach(monitor)
    if config.throttle_s > 0:
        server.cache.set_sharing_throttle(monitor.is_throttled)
    cached = 0
    for r in benign_trace(kind, seed, hours * 3600.0):
        cached += server.request(r.tenant, r.tokens, r.time)
    monitor.flush()
    stats = monitor.stats()
    actions = stats["actions_demote"] + stats["actions_evict"]
    return {"actions": actions, "throttles": stats["throttles"], "cached_tokens": cached}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--throttle-s", type=float, default=MonitorConfig().throttle_s or 300.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for throttle_s in (0.0, args.throttle_s):
        config = dataclasses.replace(MonitorConfig(), throttle_s=throttle_s)
        total = {"actions": 0, "throttles": 0, "cached_tokens": 0}
        for kind in BENIGN_KINDS:
            for seed in range(args.seeds):
                for name, value in replay(kind, seed, args.hours, config).items():
                    total[name] += value
        hours = len(BENIGN_KINDS) * args.seeds * args.hours
        print(
            f"throttle_s={throttle_s:g}: {hours:g} benign hours, false alarms "
            f"{total['actions']}, tenants throttled {total['throttles']}, cached tokens "
            f"{total['cached_tokens']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
