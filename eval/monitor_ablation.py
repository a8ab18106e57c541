"""Ablation of the reuse monitor: r_a x window (and other thresholds) against generated traffic.

Records benign and attack traces through the real SafeRadixCache (selective mode, a detector
that misses everything, simulated clock), replays them under each setting, and writes JSON and a
markdown table. Deterministic in its seeds. Usage:
    python eval/monitor_ablation.py [--seeds 5] [--benign-hours 1] [--out results/monitor]
    python eval/monitor_ablation.py --quick   # 1 seed, defaults only
    python eval/monitor_ablation.py --set window_s=30 --set jump_factor=10   # another base
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import time
from pathlib import Path

from sglang_safekv.config import SafeKVConfig, load_from_env
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.monitor.ablation import evaluate, record_traces, sweep, to_markdown

TRACE_FORMAT = 5  # 2: then_own, 3: match_id, 4: insert markers, 5: ablation.TRACE_CACHE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--benign-hours", type=float, default=1.0)
    parser.add_argument("--out", default="results/monitor")
    parser.add_argument("--quick", action="store_true", help="one seed, the defaults only")
    parser.add_argument(
        "--reuse-traces",
        action="store_true",
        help="keep recorded traces in $SAFEKV_CACHE_DIR and reuse them (same seeds and hours)",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="monitor setting"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    args = parser.parse_args()
    if args.no_progress:
        progress.disable()

    logging.getLogger("sglang_safekv.monitor").setLevel(logging.ERROR)  # one line per action
    monitor = json.loads(load_from_env().to_json())["monitor"]
    for item in args.set:
        field, _, value = item.partition("=")
        try:
            monitor[field] = json.loads(value)
        except json.JSONDecodeError:
            monitor[field] = value  # a plain string such as evict
    base = SafeKVConfig.from_dict({"monitor": monitor}).monitor
    seeds = range(1 if args.quick else args.seeds)
    start = time.perf_counter()
    # Traces hold the cache's MatchEvents: a new event field makes old recordings stale.
    cached = Path(os.environ.get("SAFEKV_CACHE_DIR", ".cache")) / (
        f"monitor_traces_v{TRACE_FORMAT}_{len(seeds)}x{args.benign_hours:g}h.pkl"
    )
    if args.reuse_traces and cached.exists():
        traces = pickle.loads(cached.read_bytes())
    else:
        traces = record_traces(seeds, args.benign_hours)
        if args.reuse_traces:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps(traces))
    recorded = time.perf_counter() - start
    print(
        f"recorded {len(traces.attacks)} attack and {len(traces.benign)} benign traces "
        f"in {recorded:.0f}s"
    )
    if args.quick:
        result = {"defaults": vars(base), "defaults_result": evaluate(traces, base)}
        print(json.dumps(result, indent=2, default=str))
        return
    result = sweep(traces, base)
    result["seconds"] = {"record": recorded, "total": time.perf_counter() - start}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "monitor_ablation.json").write_text(json.dumps(result, indent=1, default=str))
    (out / "monitor_ablation.md").write_text(to_markdown(result))
    print(to_markdown(result))
    print(
        f"wrote {out / 'monitor_ablation.json'} and {out / 'monitor_ablation.md'} "
        f"({time.perf_counter() - start:.0f}s)"
    )


if __name__ == "__main__":
    main()
