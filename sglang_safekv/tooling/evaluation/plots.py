"""PNG plots of a run: TTFT CDF per mode, hit rate against R, attack success per mode."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402

from sglang_safekv.tooling.evaluation.report import HEADLINE_RATIO, ratio_key  # noqa: E402

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


def all_plots(results: dict, records: list[dict], out_dir: Path) -> list[str]:
    made = [
        ttft_cdf(records, out_dir / "ttft_cdf.png"),
        hit_rate_vs_ratio(results, out_dir / "hit_rate_vs_ratio.png"),
        attack_success(results, out_dir / "attack_success.png"),
    ]
    return [p.name for p in made if p is not None]


__all__ = ["all_plots", "attack_success", "hit_rate_vs_ratio", "ratio_key", "ttft_cdf"]
