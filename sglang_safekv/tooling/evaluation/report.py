"""Compare the modes, check the targets, and render the markdown report.

Works on the plain ``results.json`` dictionary, so a report can be re-rendered from a saved
run (``--report-only``). Ratios are keys like ``"0.2"``; modes missing from a run (not built,
failed) make the checks that need them ``None`` (not evaluated), never a pass.
"""

from __future__ import annotations

from typing import Any

from sglang_safekv.tooling.evaluation import ratio_intervals, stats

HEADLINE_RATIO = 0.2
MODES = ("global", "isolated", "selective")


def ratio_key(ratio: float) -> str:
    return f"{ratio:g}"


def _perf(results: dict, mode: str, ratio: float) -> dict | None:
    m = results.get("modes", {}).get(mode, {})
    return (m.get("perf") or {}).get(ratio_key(ratio))


def _attack(results: dict, mode: str, name: str) -> dict | None:
    m = results.get("modes", {}).get(mode, {})
    return (m.get("attacks") or {}).get(name)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def comparisons(results: dict) -> dict[str, dict[str, Any]]:
    """Selective against global and isolated, per ratio."""
    out = {}
    for key in sorted(
        {k for m in results.get("modes", {}).values() for k in (m.get("perf") or {})}, key=float
    ):
        ratio = float(key)
        g, i, s = (_perf(results, mode, ratio) for mode in MODES)
        row: dict[str, Any] = {}
        if g and s:
            row["hit_rate_sel_over_glob"] = _ratio(s["hit_rate"], g["hit_rate"])
            row["throughput_sel_over_glob"] = _ratio(s["throughput_rps"], g["throughput_rps"])
        if g and i and s:
            for stat in ("ttft_mean_ms", "ttft_p50_ms", "uncached_tokens"):
                row[f"recovery_{stat}"] = stats.overhead_recovery(
                    i.get(stat), s.get(stat), g.get(stat)
                )
        if g and i:
            row["isolation_ttft_overhead"] = _ratio(i["ttft_mean_ms"], g["ttft_mean_ms"])
        out[key] = row
    return out


def _check(name: str, target: str, value: Any, met: bool | None) -> dict:
    return {"name": name, "target": target, "value": value, "met": met}


def _no_leak(results: dict, mode: str) -> tuple[Any, bool | None]:
    recon = _attack(results, mode, "ttft_reconstruction")
    lpm = _attack(results, mode, "lpm_order")
    if recon is None or lpm is None:
        return None, None
    recovered = {
        "ttft": recon["recovered"],
        "usage_counter": recon["counter_recovered"],
        "lpm": lpm["recovered"],
    }
    walks = _attack(results, mode, "collusion")
    if walks is not None:
        recovered["collusion_pii_whole"] = walks["pii"]["whole_secrets"]
    return recovered, sum(recovered.values()) == 0


def _bound(name: str, value: float | None, op: str, bound: float) -> dict:
    met = None if value is None else (value >= bound if op == ">=" else value < bound)
    return _check(name, f"{op} {bound:g}", value, met)


# The performance targets at R = 20%: (interval name, comparison, bound, label).
PERF_TARGETS = (
    ("throughput_sel_over_glob", ">=", 0.95, "throughput, selective / global"),
    ("throughput_sel_over_iso", ">", 1.0, "throughput, selective / isolated"),
    ("recovery_ttft_mean", ">=", 0.9, "isolation-overhead recovery (mean TTFT)"),
    ("hit_rate_sel_over_glob", ">=", 0.95, "hit rate, selective / global"),
)


# What the detector's and the monitor's hooks take from SGLang's scheduler thread (seconds,
# `/safekv/stats`): enqueueing jobs, applying results, the job and match listeners.
SCHEDULER_LOSS_FIELDS = (
    "scheduler_enqueue_seconds",
    "scheduler_apply_results_seconds",
    "scheduler_job_listener_seconds",
    "scheduler_match_listener_seconds",
)
SCHEDULER_LOSS_BOUND = 0.01
# Issue 11: the colluding accounts recover no whole secret and at most this many tokens per
# secret on average.
COLLUSION_MEAN_BOUND = 2


def scheduler_time_lost(results: dict, mode: str = "selective") -> float | None:
    """The fraction of the scheduler loop's wall time (every scheduler of the mode, over the
    interleaved phase) spent in the detector's and the monitor's hooks; None if not reported."""
    reported = ((results.get("modes", {}).get(mode) or {}).get("overhead") or {}).get("reported")
    if not reported:
        return None
    lost = sum(v for k, v in reported.items() if k.rsplit(".", 1)[-1] in SCHEDULER_LOSS_FIELDS)
    wall = sum(v for k, v in reported.items() if k.endswith(".overhead.wall_seconds"))
    return lost / wall if wall else None


def workload_kind(results: dict) -> str:
    spec = ((results.get("settings") or {}).get("profile") or {}).get("workload") or {}
    return "real-system-prompt" if "tenants_per_prompt" in spec else "synthetic"


def interval_table(results: dict) -> dict[str, dict[str, dict]]:
    """Ratio -> interval name -> estimate and 95 % interval, from the interleaved blocks."""
    blocks = (results.get("interleaved") or {}).get("blocks") or []
    keys = sorted({ratio_key(b["ratio"]) for b in blocks}, key=float)
    return {k: ratio_intervals.intervals(blocks, float(k)) for k in keys}


def _interval_check(name: str, label: str, interval: dict | None, op: str, bound: float) -> dict:
    verdict = ratio_intervals.verdict(interval, op, bound)
    met = {"PASS": True, "FAIL": False}.get(verdict.split(" ")[0])
    value = None if not interval else interval.get("estimate")
    ci = (
        None if not interval or interval.get("low") is None else [interval["low"], interval["high"]]
    )
    check = _check(label, f"{op} {bound:g}", value, met)
    check.update({"ci": ci, "verdict": verdict, "interval": name})
    return check


def targets(results: dict) -> list[dict]:
    """The project's targets (selective against the others, same run) plus the positive control.

    Performance targets are judged on the 95 % interval: PASS only if all of it meets the
    bound, FAIL if none of it does, INCONCLUSIVE otherwise.
    """
    table = interval_table(results).get(ratio_key(HEADLINE_RATIO), {})
    kind = workload_kind(results)
    checks = [
        _interval_check(name, f"{label} at R=20% ({kind} workload)", table.get(name), op, bound)
        for name, op, bound, label in PERF_TARGETS
    ]
    checks.append(
        _bound(
            "selective: scheduler loop time lost to the detector and monitor hooks",
            scheduler_time_lost(results),
            "<",
            SCHEDULER_LOSS_BOUND,
        )
    )
    for mode in ("selective", "isolated"):
        value, met = _no_leak(results, mode)
        checks.append(_check(f"{mode}: no secret recovered", "0 by every attack", value, met))
        ks = _attack(results, mode, "ks_audit")
        checks.append(_bound(f"{mode}: KS audit p-value", ks and ks["ks_p_value"], ">=", 0.01))
        auc = ks and ks["auc"]
        checks.append(
            _check(
                f"{mode}: KS audit AUC 95% interval contains 0.5",
                "low <= 0.5 <= high",
                auc and [auc["low"], auc["high"]],
                None if not auc else auc["low"] <= 0.5 <= auc["high"],
            )
        )
    walks = _attack(results, "selective", "collusion")
    for group, label in (("pii", "PII secrets"), ("cleared", "secrets the detector cleared")):
        g = walks and walks[group]
        if g and g["secrets"]:
            checks.append(
                _check(
                    f"selective: colluding accounts, {label}",
                    "no whole secret, <= 2 tokens per secret on average",
                    {k: g[k] for k in ("whole_secrets", "recovered_mean", "recovered_max")},
                    g["whole_secrets"] == 0 and g["recovered_mean"] <= COLLUSION_MEAN_BOUND,
                )
            )
    recon = _attack(results, "global", "ttft_reconstruction")
    ks = _attack(results, "global", "ks_audit")
    checks += [
        _bound(
            "global (positive control): TTFT reconstruction success",
            recon and recon["success_rate"],
            ">=",
            0.8,
        ),
        _bound("global (positive control): KS audit p-value", ks and ks["ks_p_value"], "<", 0.01),
    ]
    return checks


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v, digits) for v in value) + "]"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_fmt(v, digits)}" for k, v in value.items())
    return str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return lines


INTERVAL_ROWS = (
    ("throughput_sel_over_glob", "throughput selective / global"),
    ("throughput_iso_over_glob", "throughput isolated / global"),
    ("throughput_sel_over_iso", "throughput selective / isolated"),
    ("ttft_mean_sel_over_glob", "mean TTFT selective / global"),
    ("ttft_mean_iso_over_glob", "mean TTFT isolated / global"),
    ("hit_rate_sel_over_glob", "hit rate selective / global"),
    ("hit_rate_iso_over_glob", "hit rate isolated / global"),
    ("recovery_ttft_mean", "isolation-overhead recovery (mean TTFT)"),
)


def _interval_section(results: dict) -> list[str]:
    inter = results.get("interleaved") or {}
    table = interval_table(results)
    if not table:
        return []
    rows = []
    for key, intervals in table.items():
        for name, label in INTERVAL_ROWS:
            iv = intervals.get(name)
            if iv is None:
                continue
            ci = None if iv["low"] is None else f"[{_fmt(iv['low'])}, {_fmt(iv['high'])}]"
            rows.append([f"{float(key):.0%}", label, iv["estimate"], ci, iv["per_rep"]])
    return (
        [
            "## Mode ratios with 95% confidence intervals",
            "",
            f"Interleaved replay: {inter.get('reps_done', inter.get('reps', '-'))} of "
            f"{inter.get('reps', '-')} repetition(s) done"
            f"{'' if inter.get('complete', True) else ' (run stopped early: partial)'}, "
            f"blocks of {inter.get('block_sessions', '-')} sessions run on every mode in turn, "
            f"{_cell_requests(results)} requests per (mode, R) cell measured "
            f"({inter.get('requests_per_cell', '-')} planned); "
            f"{len(inter.get('blocks') or [])} block runs in "
            f"{_fmt(inter.get('elapsed_s'))} s, load average at the end "
            f"{_fmt(inter.get('loadavg'))}. Intervals: paired percentile bootstrap over blocks "
            "(every mode of a block resampled together), 2000 resamples. Last column: the "
            "estimate of each repetition alone.",
            "",
        ]
        + _table(["R", "ratio", "estimate", "95% CI", "per repetition"], rows)
        + [""]
    )


def _cell_requests(results: dict) -> str:
    counts = sorted(
        {
            p.get("requests")
            for m in results.get("modes", {}).values()
            for p in (m.get("perf") or {}).values()
        }
    )
    return "-" if not counts else "/".join(str(c) for c in counts)


def _na(value: Any) -> Any:
    return "n/a" if value is None else value


def _overhead_section(results: dict) -> list[str]:
    modes = results.get("modes", {})
    rows, reported, counts = [], [], []
    for mode, m in modes.items():
        o = m.get("overhead")
        if not o:
            continue
        for name, delta in (o.get("detector_counts") or {}).items():
            counts.append([mode, name, delta])
        cpu = o.get("cpu_s") or {}
        rows.append(
            [mode, o.get("requests")]
            + [_na(cpu.get(role)) for role in ("frontend", "scheduler", "detokenizer", "other")]
            + [_na(o.get("cpu_total_s")), _na(o.get("cpu_ms_per_request"))]
        )
        for field, delta in (o.get("reported") or {}).items():
            reported.append([mode, field, delta])
    if not rows:
        return []
    lines = [
        "## Overhead accounting (interleaved phase)",
        "",
        "CPU seconds per server process over the whole interleaved phase, from the operating "
        "system (psutil on the server's process tree; the scheduler is told apart as the "
        "child that runs the model). Detector and monitor threads that run inside the "
        "scheduler process count as scheduler time here; their own seconds, and the "
        "scheduler loop time lost to them, come only from `/safekv/stats` fields (below; "
        "n/a where the server does not report them).",
        "",
    ]
    lines += _table(
        [
            "mode",
            "requests",
            "front end (s)",
            "scheduler (s)",
            "detokenizer (s)",
            "other processes (s)",
            "total (s)",
            "CPU ms / request",
        ],
        rows,
    ) + [""]
    if reported:
        lines += (
            ["Time fields reported by `/safekv/stats` (change over the phase):", ""]
            + _table(["mode", "field", "change"], reported)
            + [""]
        )
    else:
        lines += [
            "`/safekv/stats` reported no time fields (detector / monitor CPU seconds, "
            "scheduler loop time lost): n/a.",
            "",
        ]
    if counts:
        lines += (
            ["The detector's work over the phase (its counters in `/safekv/stats`):", ""]
            + _table(["mode", "counter", "change"], counts)
            + [""]
        )
    return lines


def _collusion_section(modes: dict) -> list[str]:
    rows = []
    for mode, m in modes.items():
        walks = (m.get("attacks") or {}).get("collusion")
        if not walks:
            continue
        actions = walks.get("monitor_actions")
        for group in ("pii", "cleared"):
            g = walks[group]
            if g["secrets"]:
                rows.append(
                    [
                        mode,
                        group,
                        f"{g['whole_secrets']}/{g['secrets']}",
                        f"{g['identified']}/{g['secrets']}",
                        g["recovered_mean"],
                        g["recovered_max"],
                        g["secret_tokens_mean"],
                        g["wrong_tokens"],
                        g["probes"],
                        None if actions is None else _actions(actions),
                    ]
                )
    if not rows:
        return []
    return (
        [
            "## Colluding accounts (usage counter, token by token)",
            "",
            "Accounts take turns probing each secret one token at a time and read "
            "`cached_tokens`. `pii`: the PII victims, which the detector flags; `cleared`: a "
            "company named in a deal memo, which the policy makes public, so only the monitor "
            "can take it back. Named: the confirmed tokens leave the secret as the attacker's "
            "only candidate.",
            "",
        ]
        + _table(
            [
                "mode",
                "victims",
                "whole recovered",
                "named (one candidate left)",
                "tokens recovered (mean)",
                "max",
                "secret tokens (mean)",
                "walks with a wrong token",
                "probes",
                "monitor actions (whole attack)",
            ],
            rows,
        )
        + [""]
    )


def _actions(actions: dict[str, int]) -> str:
    done = {k.removeprefix("actions_"): v for k, v in actions.items() if v}
    return ", ".join(f"{k} {v}" for k, v in done.items()) or "none"


def markdown(results: dict) -> str:
    lines = [f"# sglang-safekv evaluation: run `{results.get('run')}`", ""]
    host = results.get("host", {})
    lines += [
        f"Profile `{results.get('profile')}` ({workload_kind(results)} workload), "
        f"device: {host.get('device', '-')}, "
        f"{host.get('cpus', '-')} CPUs, started {results.get('created', '-')}, "
        f"took {_fmt(results.get('elapsed_s'))} s.",
        "",
    ]
    modes = results.get("modes", {})
    status_rows = [
        [
            m,
            modes[m].get("status"),
            modes[m].get("server_start_s"),
            modes[m].get("loadavg"),
            modes[m].get("error"),
        ]
        for m in modes
    ]
    lines += (
        ["## Modes", ""]
        + _table(
            ["mode", "status", "server start (s)", "load average (1/5/15 min)", "error"],
            status_rows,
        )
        + [""]
    )

    perf_rows = []
    for mode, m in modes.items():
        for key, p in sorted((m.get("perf") or {}).items(), key=lambda kv: float(kv[0])):
            perf_rows.append(
                [
                    mode,
                    f"{float(key):.0%}",
                    p["requests"],
                    p["errors"],
                    p["ttft_p50_ms"],
                    p["ttft_p99_ms"],
                    p["ttft_mean_ms"],
                    p["throughput_rps"],
                    p["hit_rate"],
                ]
            )
    lines += (
        ["## Performance", ""]
        + _table(
            [
                "mode",
                "R",
                "requests",
                "errors",
                "TTFT p50 (ms)",
                "TTFT p99 (ms)",
                "TTFT mean (ms)",
                "req/s",
                "hit rate",
            ],
            perf_rows,
        )
        + [""]
    )

    comp_rows = [
        [
            f"{float(k):.0%}",
            c.get("hit_rate_sel_over_glob"),
            c.get("throughput_sel_over_glob"),
            c.get("isolation_ttft_overhead"),
            c.get("recovery_ttft_mean_ms"),
            c.get("recovery_ttft_p50_ms"),
            c.get("recovery_uncached_tokens"),
        ]
        for k, c in comparisons(results).items()
    ]
    lines += (
        ["## Selective against global and isolated", ""]
        + _table(
            [
                "R",
                "hit rate sel/glob",
                "throughput sel/glob",
                "TTFT iso/glob",
                "overhead recovery (mean)",
                "overhead recovery (p50)",
                "overhead recovery (uncached tokens)",
            ],
            comp_rows,
        )
        + [""]
    )

    lines += _interval_section(results) + _overhead_section(results)

    leak_rows = []
    for mode, m in modes.items():
        a = m.get("attacks") or {}
        r, lpm, ks = a.get("ttft_reconstruction"), a.get("lpm_order"), a.get("ks_audit")
        leak_rows.append(
            [
                mode,
                None
                if r is None
                else f"{r['recovered']}/{r['secrets']} (wrong {r['wrong_claims']})",
                None if r is None or r.get("feature_auc") is None else r["feature_auc"]["estimate"],
                None if r is None else f"{r['counter_recovered']}/{r['secrets']}",
                None
                if lpm is None
                else f"{lpm['recovered']}/{lpm['secrets']} (wrong {lpm['wrong_claims']})",
                None
                if lpm is None
                else f"{_fmt(lpm['token_accuracy'])} over {lpm['rounds_conclusive']}/"
                f"{lpm['rounds']} conclusive rounds (chance {_fmt(lpm['chance_token_accuracy'])})",
                None if ks is None else ks["ks_p_value"],
                None
                if ks is None
                else f"{_fmt(ks['auc']['estimate'])} [{_fmt(ks['auc']['low'])}, {_fmt(ks['auc']['high'])}]",
            ]
        )
    lines += (
        ["## Leakage under attack (public API only)", ""]
        + _table(
            [
                "mode",
                "TTFT reconstruction: secrets recovered",
                "TTFT probe AUC",
                "usage counter: recovered",
                "LPM order: secrets recovered",
                "LPM token accuracy",
                "KS p (one-sided)",
                "KS AUC [95% CI]",
            ],
            leak_rows,
        )
        + [""]
    )

    lines += _collusion_section(modes)

    res_rows = []
    for mode, m in modes.items():
        r = (m.get("attacks") or {}).get("ttft_reconstruction") or {}
        for k, auc in (r.get("resolution_auc") or {}).items():
            res_rows.append(
                [mode, k, f"{_fmt(auc['estimate'])} [{_fmt(auc['low'])}, {_fmt(auc['high'])}]"]
            )
    if res_rows:
        lines += (
            [
                "## TTFT resolution (physics check)",
                "",
                "How well one raw TTFT tells the attacker's own k-token cache hit from a miss "
                "(AUC, 0.5 = invisible). This is why the reconstruction probes measure hundreds "
                "of tokens at a time.",
                "",
            ]
            + _table(["mode", "k tokens", "AUC [95% CI]"], res_rows)
            + [""]
        )

    target_rows = [
        [
            t["name"],
            t["target"],
            t["value"],
            t.get("ci"),
            t.get("verdict") or {True: "met", False: "NOT met", None: "not evaluated"}[t["met"]],
        ]
        for t in results.get("targets", [])
    ]
    lines += (
        ["## Targets", ""]
        + _table(["check", "target", "value", "95% CI", "result"], target_rows)
        + [""]
    )
    notes = results.get("notes") or []
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)
