"""Compare the modes, check the targets, and render the markdown report.

Works on the plain ``results.json`` dictionary, so a report can be re-rendered from a saved
run (``--report-only``). Ratios are keys like ``"0.2"``; modes missing from a run (not built,
failed) make the checks that need them ``None`` (not evaluated), never a pass.
"""

from __future__ import annotations

from typing import Any

from sglang_safekv.tooling.evaluation import stats

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
    return recovered, sum(recovered.values()) == 0


def _bound(name: str, value: float | None, op: str, bound: float) -> dict:
    met = None if value is None else (value >= bound if op == ">=" else value < bound)
    return _check(name, f"{op} {bound:g}", value, met)


def targets(results: dict) -> list[dict]:
    """The project's targets (selective against the others, same run) plus the positive control."""
    comp = comparisons(results).get(ratio_key(HEADLINE_RATIO), {})
    checks = [
        _bound(
            "hit rate, selective / global at R=20%", comp.get("hit_rate_sel_over_glob"), ">=", 0.9
        ),
        _bound(
            "isolation-overhead recovery (mean TTFT) at R=20%",
            comp.get("recovery_ttft_mean_ms"),
            ">=",
            0.8,
        ),
        _bound(
            "throughput, selective / global at R=20%",
            comp.get("throughput_sel_over_glob"),
            ">=",
            0.9,
        ),
    ]
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


def markdown(results: dict) -> str:
    lines = [f"# sglang-safekv evaluation: run `{results.get('run')}`", ""]
    host = results.get("host", {})
    lines += [
        f"Profile `{results.get('profile')}`, device: {host.get('device', '-')}, "
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
            {True: "met", False: "NOT met", None: "not evaluated"}[t["met"]],
        ]
        for t in results.get("targets", [])
    ]
    lines += ["## Targets", ""] + _table(["check", "target", "value", "result"], target_rows) + [""]
    notes = results.get("notes") or []
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)
