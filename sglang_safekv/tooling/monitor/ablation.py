"""Calibrate the monitor: detections on attack traces against false alarms on benign ones.

Traces are recorded once through the real cache (:mod:`replay`), then every setting is replayed
over the same recordings, so settings are compared on identical traffic. The sweep the workshop
reviewers asked for is the jump factor r_a against the window length; it is run twice: with the
surge rule alone (what r_a and the window control) and with the whole monitor (what a deployment
gets). One-at-a-time sweeps around the defaults cover the other thresholds.

Metrics, per setting:

- detection rate: attack runs in which the monitor acted on the victim's content before the
  attackers had the whole secret;
- probes to detection and secret tokens leaked by then (median and max over detected runs);
- false alarms per hour: actions on content the victim did not create, per simulated hour, on
  the benign traces (and, separately, on the background traffic of the attack runs).
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

from sglang_safekv.config import CacheConfig, Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.monitor.replay import (
    Outcome,
    RecordedTrace,
    record_attack,
    record_benign,
    replay,
)
from sglang_safekv.tooling.monitor.workload import ATTACK_KINDS, BENIGN_KINDS, attack_spec

JUMP_FACTORS = (0.0, 1.5, 2.0, 4.0, 10.0)  # 0: no jump test (reference)
WINDOWS_S = (10.0, 30.0, 60.0, 300.0)
ONE_AT_A_TIME: dict[str, tuple[Any, ...]] = {
    "rdr_floor": (0.1, 0.25, 0.5),
    "min_hits": (4, 8, 16),
    "protect_tenants": (4, 8, 16),
    "walk_steps": (0, 2, 3, 4, 6),
    "walk_max_step": (1, 2, 3),
    "access_budget": (0, 4, 6, 10),
    "budget_unit": ("points", "visits"),
}
SURGE_ONLY = {"walk_steps": 0, "access_budget": 0}
# Traces are recorded with every continuation judged at once (no dormant content): the monitor
# is the defence for content the detector made public, so it is measured where the most
# content is public. With the default judge_on_demand_after a victim whose turn follows a long
# shared prompt is never judged unless the attackers know its first 32 tokens, and such runs
# would count as attacks the monitor did not detect though nothing leaked.
TRACE_CACHE = CacheConfig(judge_on_demand_after=0)


@dataclasses.dataclass
class Traces:
    attacks: list[RecordedTrace]
    benign: list[RecordedTrace]


def record_traces(
    seeds: Iterable[int],
    benign_hours: float = 1.0,
    attack_kinds: Sequence[str] = ATTACK_KINDS,
    benign_kinds: Sequence[str] = BENIGN_KINDS,
) -> Traces:
    seeds = list(seeds)
    attack_runs = [(k, s) for k in attack_kinds for s in seeds]
    benign_runs = [(k, s) for k in benign_kinds for s in seeds]
    attacks = [
        record_attack(attack_spec(k), s, config=_trace_config())
        for k, s in progress.bar(attack_runs, desc="record attacks", unit="trace")
    ]
    benign = [
        record_benign(k, s, benign_hours * 3600.0, config=_trace_config())
        for k, s in progress.bar(benign_runs, desc="record benign", unit="trace")
    ]
    return Traces(attacks, benign)


def _trace_config() -> SafeKVConfig:
    return SafeKVConfig(mode=Mode.SELECTIVE, cache=TRACE_CACHE)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarize(outcomes: list[Outcome], benign: list[Outcome]) -> dict[str, Any]:
    """Per attack kind and overall: detection, probes, leakage; false alarms per hour."""
    per_attack: dict[str, dict[str, Any]] = {}
    for kind in dict.fromkeys(o.trace for o in outcomes):
        runs = [o for o in outcomes if o.trace == kind]
        hit = [o for o in runs if o.detected]
        per_attack[kind] = {
            "runs": len(runs),
            "detected": len(hit),
            "detection_rate": len(hit) / len(runs),
            "probes_median": _median([o.probes_to_detection for o in hit]),
            "probes_max": max((o.probes_to_detection for o in hit), default=None),
            "leaked_median": _median([o.leaked_tokens for o in hit]),
            "leaked_max": max((o.leaked_tokens for o in hit), default=None),
            "first_rules": _tally(o.first_rule for o in hit),
        }
    per_benign: dict[str, dict[str, Any]] = {}
    for kind in dict.fromkeys(o.trace for o in benign):
        runs = [o for o in benign if o.trace == kind]
        hours = sum(o.hours for o in runs)
        alarms = sum(o.false_alarms for o in runs)
        per_benign[kind] = {
            "hours": hours,
            "false_alarms": alarms,
            "false_alarms_per_hour": alarms / hours if hours else 0.0,
            "rules": _tally(r for o in runs for r, n in o.rules.items() for _ in range(n)),
        }
    benign_hours = sum(o.hours for o in benign)
    background_hours = sum(o.hours for o in outcomes)
    detected = sum(o.detected for o in outcomes)
    return {
        "attacks": per_attack,
        "benign": per_benign,
        "detection_rate": detected / len(outcomes) if outcomes else None,
        "false_alarms_per_hour": (
            sum(o.false_alarms for o in benign) / benign_hours if benign_hours else None
        ),
        "attack_background_false_alarms_per_hour": (
            sum(o.false_alarms for o in outcomes) / background_hours if background_hours else None
        ),
        "leaked_max": max((o.leaked_tokens or 0 for o in outcomes if o.detected), default=None),
        "probes_median": _median([o.probes_to_detection for o in outcomes if o.detected]),
    }


def _tally(items: Iterable[str | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        if item is not None:
            out[item] = out.get(item, 0) + 1
    return out


def evaluate(traces: Traces, config: MonitorConfig) -> dict[str, Any]:
    attacks = [replay(t, config) for t in traces.attacks]
    benign = [replay(t, config) for t in traces.benign]
    return summarize(attacks, benign)


def sweep(traces: Traces, base: MonitorConfig) -> dict[str, Any]:
    """The r_a x window grid (surge alone and full monitor) and one-at-a-time sweeps."""
    grid_points = [
        (label, overrides, window, jump)
        for label, overrides in (("surge_only", SURGE_ONLY), ("full", {}))
        for window in WINDOWS_S
        for jump in JUMP_FACTORS
    ]
    singles = [(field, value) for field, values in ONE_AT_A_TIME.items() for value in values]
    # One bar over every configuration replayed (each replays all traces), for an overall ETA.
    with progress.bar(
        desc="ablation", unit="config", total=len(grid_points) + len(singles) + 1
    ) as bar:
        grid = []
        for label, overrides, window, jump in grid_points:
            config = dataclasses.replace(base, window_s=window, jump_factor=jump, **overrides)
            grid.append(
                {
                    "rules": label,
                    "window_s": window,
                    "jump_factor": jump,
                    **evaluate(traces, config),
                }
            )
            bar.update()
        one = []
        for field, value in singles:
            config = dataclasses.replace(base, **{field: value})
            one.append({"field": field, "value": value, **evaluate(traces, config)})
            bar.update()
        defaults_result = evaluate(traces, base)
        bar.update()
    return {
        "defaults": dataclasses.asdict(base),
        "defaults_result": defaults_result,
        "grid": grid,
        "one_at_a_time": one,
        "traces": {
            "attacks": [(t.name, t.seed, len(t.requests)) for t in traces.attacks],
            "benign": [(t.name, t.seed, t.duration_s, len(t.requests)) for t in traces.benign],
        },
    }


# ------------------------------------------------------------------------------ tables


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def _row_cells(result: dict[str, Any]) -> list[str]:
    attacks = result["attacks"]
    cells = [_fmt(result["detection_rate"])]
    for kind in ATTACK_KINDS:
        a = attacks.get(kind)
        cells.append(
            "-"
            if a is None
            else f"{a['detected']}/{a['runs']} · {_fmt(a['probes_median'])}p · "
            f"{_fmt(a['leaked_max'])}t"
        )
    cells.append(_fmt(result["false_alarms_per_hour"]))
    for kind in BENIGN_KINDS:
        b = result["benign"].get(kind)
        cells.append("-" if b is None else _fmt(b["false_alarms_per_hour"]))
    return cells


def _header(first: list[str]) -> list[str]:
    head = first + ["detect"] + list(ATTACK_KINDS) + ["FA/h"] + [f"FA/h {k}" for k in BENIGN_KINDS]
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]


def to_markdown(result: dict[str, Any]) -> str:
    """The sweep as markdown tables (attack cells: detected/runs · median probes · max leaked)."""
    lines = [
        "# Monitor ablation",
        "",
        "Attack cells: runs detected before the secret was out / runs · median attack probes "
        "to detection · most secret tokens leaked by then. FA/h: false alarms per simulated "
        "hour of benign traffic.",
        "",
        "## Defaults",
        "",
        "`" + ", ".join(f"{k}={v}" for k, v in result["defaults"].items()) + "`",
        "",
        *_header(["setting"]),
        "| defaults | " + " | ".join(_row_cells(result["defaults_result"])) + " |",
        "",
    ]
    for label, title in (("surge_only", "surge rule alone"), ("full", "whole monitor")):
        lines += [f"## r_a x window, {title}", "", *_header(["window_s", "r_a"])]
        for row in result["grid"]:
            if row["rules"] == label:
                lines.append(
                    f"| {_fmt(row['window_s'])} | {_fmt(row['jump_factor'])} | "
                    + " | ".join(_row_cells(row))
                    + " |"
                )
        lines.append("")
    lines += ["## One setting at a time (others at defaults)", "", *_header(["field", "value"])]
    for row in result["one_at_a_time"]:
        lines.append(
            f"| {row['field']} | {_fmt(row['value'])} | " + " | ".join(_row_cells(row)) + " |"
        )
    lines.append("")
    return "\n".join(lines)
