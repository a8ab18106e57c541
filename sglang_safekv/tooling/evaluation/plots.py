"""PNG plots of a run: TTFT CDF per mode, hit rate against R, attack success per mode."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402

from sglang_safekv.tooling.evaluation.report import (  # noqa: E402
    HEADLINE_RATIO,
    INTERVAL_ROWS,
    PERF_TARGETS,
    interval_table,
    ratio_key,
)

COLORS = {"global": "tab:red", "isolated": "tab:blue", "selective": "tab:green"}


def ttft_cdf(records: list[dict], out: Path, ratio: float = HEADLINE_RATIO) -> Path | None:
    """CDF of per-request TTFT per mode, at PII ratio ``ratio``."""
    by_mode: dict[str, list[float]] = {}
    for r in records:
        if r["ratio"] == ratio and r["ttft_s"] is not None and r["error"] is None:
            by_mode.setdefault(r["mode"], []).append(1000 * r["ttft_s"])
    if not by_mode:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    for mode, values in sorted(by_mode.items()):
        xs = np.sort(values)
        ax.step(
            xs,
            np.arange(1, xs.size + 1) / xs.size,
            where="post",
            label=mode,
            color=COLORS.get(mode),
        )
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("TTFT (ms, log scale)")
    ax.set_ylabel("fraction of requests")
    ax.set_title(f"TTFT CDF per mode, R = {ratio:.0%}")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


# Modes often coincide (selective can equal global): tell them apart by more than colour.
MARKERS = {"global": "o", "isolated": "s", "selective": "^"}
LINESTYLES = {"global": "-", "isolated": "-.", "selective": "--"}


def hit_rate_vs_ratio(results: dict, out: Path) -> Path | None:
    fig, ax = plt.subplots(figsize=(6, 4))
    drawn = False
    for mode, m in results.get("modes", {}).items():
        perf = m.get("perf") or {}
        if not perf:
            continue
        keys = sorted(perf, key=float)
        ax.plot(
            [100 * float(k) for k in keys],
            [perf[k]["hit_rate"] for k in keys],
            marker=MARKERS.get(mode, "o"),
            linestyle=LINESTYLES.get(mode, "-"),
            markersize=9 if mode == "global" else 6,  # stays visible under an equal line
            label=mode,
            color=COLORS.get(mode),
        )
        drawn = True
    if not drawn:
        plt.close(fig)
        return None
    ax.set_xlabel("private parts with PII, R (%)")
    ax.set_ylabel("hit rate (cached / prompt tokens)")
    ax.set_ylim(0, 1)
    ax.set_title("Cache hit rate against R")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


ATTACK_BARS = (
    ("TTFT reconstruction", lambda a: (a.get("ttft_reconstruction") or {}).get("success_rate")),
    ("usage counter", lambda a: (a.get("ttft_reconstruction") or {}).get("counter_success_rate")),
    ("LPM order (secrets)", lambda a: (a.get("lpm_order") or {}).get("success_rate")),
    ("LPM order (tokens)", lambda a: (a.get("lpm_order") or {}).get("token_accuracy")),
    ("KS audit AUC", lambda a: ((a.get("ks_audit") or {}).get("auc") or {}).get("estimate")),
)


def attack_success(results: dict, out: Path) -> Path | None:
    modes = [m for m, v in results.get("modes", {}).items() if v.get("attacks")]
    if not modes:
        return None
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(modes)
    x = np.arange(len(ATTACK_BARS))
    for i, mode in enumerate(modes):
        attacks = results["modes"][mode]["attacks"]
        values = [get(attacks) for _, get in ATTACK_BARS]
        ax.bar(
            x + i * width,
            [np.nan if v is None else v for v in values],
            width,
            label=mode,
            color=COLORS.get(mode),
        )
    ax.axhline(0.5, color="grey", lw=0.8, ls="--")
    ax.set_xticks(x + width * (len(modes) - 1) / 2)
    ax.set_xticklabels([name for name, _ in ATTACK_BARS], rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("success rate / AUC")
    ax.set_title("Attack success per mode (AUC 0.5 = no signal)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def ratio_intervals(results: dict, out: Path) -> Path | None:
    """Every mode ratio with its 95% interval, one marker per R; targets as ticks."""
    table = interval_table(results)
    if not table:
        return None
    labels = [label for _, label in INTERVAL_ROWS]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(labels) + 1.5))
    offsets = np.linspace(-0.25, 0.25, len(table)) if len(table) > 1 else [0.0]
    for offset, (key, intervals) in zip(offsets, table.items()):
        for y, (name, _) in enumerate(INTERVAL_ROWS):
            iv = intervals.get(name)
            if not iv or iv["estimate"] is None:
                continue
            err = None
            if iv["low"] is not None:
                err = [[iv["estimate"] - iv["low"]], [iv["high"] - iv["estimate"]]]
            ax.errorbar(
                iv["estimate"],
                y + offset,
                xerr=err,
                fmt="o",
                capsize=3,
                color=f"C{list(table).index(key)}",
                label=f"R = {float(key):.0%}",
            )
    targets = {name: bound for name, _, bound, _ in PERF_TARGETS}
    for y, (name, _) in enumerate(INTERVAL_ROWS):
        if name in targets:
            ax.plot([targets[name]] * 2, [y - 0.4, y + 0.4], color="black", lw=1.5)
    ax.axvline(1.0, color="grey", lw=0.8, ls="--")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlabel("ratio (point: estimate, bar: 95% CI; black tick: target)")
    ax.set_title("Mode ratios, interleaved blocks")
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys())
    ax.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def all_plots(results: dict, records: list[dict], out_dir: Path) -> list[str]:
    made = [
        ttft_cdf(records, out_dir / "ttft_cdf.png"),
        hit_rate_vs_ratio(results, out_dir / "hit_rate_vs_ratio.png"),
        attack_success(results, out_dir / "attack_success.png"),
        ratio_intervals(results, out_dir / "ratio_intervals.png"),
    ]
    return [p.name for p in made if p is not None]


__all__ = [
    "all_plots",
    "attack_success",
    "hit_rate_vs_ratio",
    "ratio_intervals",
    "ratio_key",
    "ttft_cdf",
]
