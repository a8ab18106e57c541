"""Colluding accounts against one secret each: what they recover with the monitor off and on.

Replays the attack of sglang_safekv/tooling/monitor/collusion.py (eight accounts by default,
LPM-order guessing with cached_tokens as the oracle, rotation, pacing under the surge rule,
flooding the monitor's tables) on the real SafeRadixCache and RDRMonitor, for two modelled
detector results: "exact" (public exactly up to the secret) and "partial" (half of the secret
cleared by mistake). Monitor settings: off, the defaults, and any --try settings; for the
latter, false alarms on the benign traces of the ablation are counted too. Writes
results/monitor/collusion.{json,md}. Usage:
    python eval/monitor_collusion.py [--seeds 8] [--benign-hours 1] [--try walk_steps=1 ...]
        [--cache judge_on_demand_after=0 ...] [--name collusion]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import pathlib

from sglang_safekv.config import CacheConfig, Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.tooling.monitor.collusion import (
    STRATEGIES,
    CollusionSpec,
    run_secret,
    summarize,
)
from sglang_safekv.tooling.monitor.replay import record_benign, replay
from sglang_safekv.tooling.monitor.workload import BENIGN_KINDS

OUT = pathlib.Path(__file__).resolve().parent.parent / "results" / "monitor"


def _parse_setting(text: str, defaults: object) -> tuple[str, object]:
    """``KEY=VALUE`` for a field of the config ``defaults``, in that field's type."""
    key, _, value = text.partition("=")
    kind = type(getattr(defaults, key))
    return key, (value.lower() == "true") if kind is bool else kind(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--benign-hours", type=float, default=1.0)
    parser.add_argument("--try", dest="tries", action="append", default=[])
    parser.add_argument(
        "--cache",
        dest="cache",
        action="append",
        default=[],
        help="a cache setting for the attack and benign runs, e.g. judge_on_demand_after=0",
    )
    parser.add_argument("--name", default="collusion", help="results/monitor/NAME.{json,md}")
    args = parser.parse_args()
    cache = dataclasses.replace(
        CacheConfig(), **dict(_parse_setting(t, CacheConfig()) for t in args.cache)
    )
    logging.getLogger("sglang_safekv").setLevel(logging.ERROR)
    settings = {"off": MonitorConfig(enabled=False), "defaults": MonitorConfig()}
    if args.tries:
        settings["tried"] = dataclasses.replace(
            MonitorConfig(), **dict(_parse_setting(t, MonitorConfig()) for t in args.tries)
        )
    models = {"exact": 0, "partial": CollusionSpec().secret_len // 2}
    rows = []
    for model, cleared in models.items():
        for strategy in STRATEGIES:
            spec = CollusionSpec(strategy=strategy, cleared=cleared)
            for label, config in settings.items():
                outcomes = [run_secret(spec, s, config, label, cache) for s in range(args.seeds)]
                row = {"model": model, "strategy": strategy, "monitor": label}
                row |= summarize(outcomes)
                row["per_secret"] = [dataclasses.asdict(o) for o in outcomes]
                rows.append(row)
                print(
                    f"{model:8s} {strategy:6s} {label:9s} recovered mean "
                    f"{row['recovered_mean']:.2f} max {row['recovered_max']} whole "
                    f"{row['whole_secrets']} probes {row['probes_mean']:.0f} actions "
                    f"{row['actions']}",
                    flush=True,
                )
    benign = {}
    for label, config in settings.items():
        if label == "off":
            continue
        counts = {}
        for kind in BENIGN_KINDS:
            trace = record_benign(
                kind, 8, args.benign_hours * 3600.0, SafeKVConfig(mode=Mode.SELECTIVE, cache=cache)
            )
            counts[kind] = replay(trace, config).false_alarms
        benign[label] = counts
        print(f"benign false alarms ({label}): {counts}", flush=True)
    result = {
        "seeds": args.seeds,
        "settings": {k: dataclasses.asdict(v) for k, v in settings.items()},
        "cache": dataclasses.asdict(cache),
        "detector_models": models,
        "rows": rows,
        "benign_false_alarms": benign,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.name}.json").write_text(json.dumps(result, indent=1))
    (OUT / f"{args.name}.md").write_text(to_markdown(result))


def to_markdown(result: dict) -> str:
    lines = [
        "# Colluding accounts against one secret",
        "",
        f"`python eval/monitor_collusion.py --seeds {result['seeds']}`: "
        f"{CollusionSpec().accounts} accounts per attack, one secret of "
        f"{CollusionSpec().secret_len} tokens per seed. Detector models (secret tokens "
        f"cleared by mistake): {result['detector_models']}. Recovered = leading secret tokens "
        "the attackers confirmed, beyond the text before the secret. Cache settings of the "
        "attack and benign runs that differ from the defaults: "
        f"{_changed(result.get('cache', {}), dataclasses.asdict(CacheConfig())) or 'none'}.",
        "",
        "| detector | strategy | monitor | recovered mean | max | whole secrets | probes | "
        "actions |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['model']} | {r['strategy']} | {r['monitor']} | {r['recovered_mean']:.2f} "
            f"| {r['recovered_max']} | {r['whole_secrets']} | {r['probes_mean']:.0f} "
            f"| {r['actions']} |"
        )
    lines += ["", "Benign false alarms (one seed, held out):", ""]
    for label, counts in result["benign_false_alarms"].items():
        lines.append(f"- {label}: {counts}")
    tried = result["settings"].get("tried")
    if tried:
        changed = _changed(tried, result["settings"]["defaults"])
        lines.append(f"- tried = defaults with {changed}")
    return "\n".join(lines) + "\n"


def _changed(got: dict, defaults: dict) -> dict:
    return {k: v for k, v in got.items() if defaults.get(k) != v}


if __name__ == "__main__":
    main()
