"""Pool several whole runs of one eval profile into one interval per mode ratio.

One run's 95 % interval resamples its blocks, so it sees the load drifting between blocks but
not what differs between runs: each run starts its own servers, at its own hour, on a machine
whose speed drifts. Runs of the same code have disagreed by more than their intervals. This
script reads each run's ``results.json``, pools the blocks, and reports a two-stage bootstrap
interval (runs, then blocks within each run) next to every run's own estimate and interval,
with the issue's verdicts (PASS / FAIL / INCONCLUSIVE) at R = 20 %.

    python eval/pool_runs.py results/sysprompt-a results/sysprompt-b results/sysprompt-c \\
        --out results/sysprompt-pooled
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sglang_safekv.tooling.evaluation import ratio_intervals
from sglang_safekv.tooling.evaluation.report import PERF_TARGETS, ratio_key


def _fmt(interval: dict | None) -> str:
    if not interval or interval.get("estimate") is None:
        return "-"
    text = f"{interval['estimate']:.3f}"
    if interval.get("low") is not None:
        text += f" [{interval['low']:.3f}, {interval['high']:.3f}]"
    return text


def pool(run_dirs: list[Path], ratio: float) -> dict:
    runs = [json.loads((d / "results.json").read_text()) for d in run_dirs]
    profiles = {r.get("profile") for r in runs}
    if len(profiles) != 1:
        raise SystemExit(
            f"runs of different profiles cannot be pooled: {sorted(map(str, profiles))}"
        )
    blocks = [(r.get("interleaved") or {}).get("blocks") or [] for r in runs]
    pooled = ratio_intervals.pooled_intervals(blocks, ratio)
    own = [ratio_intervals.intervals(b, ratio) for b in blocks]
    rows = []
    for name, op, bound, label in PERF_TARGETS:
        rows.append(
            {
                "name": name,
                "label": label,
                "target": f"{op} {bound:g}",
                "pooled": pooled.get(name),
                "verdict": ratio_intervals.verdict(pooled.get(name), op, bound),
                "runs": [o.get(name) for o in own],
            }
        )
    return {
        "profile": profiles.pop(),
        "ratio": ratio,
        "runs": [str(d) for d in run_dirs],
        "requests_per_cell": [(r.get("interleaved") or {}).get("requests_per_cell") for r in runs],
        "created": [r.get("created") for r in runs],
        "rows": rows,
    }


def to_markdown(report: dict) -> str:
    names = [Path(r).name for r in report["runs"]]
    lines = [
        f"# {len(names)} runs of the `{report['profile']}` profile pooled, R = {report['ratio']:g}",
        "",
        "Pooled: all blocks of all runs; interval: two-stage bootstrap (runs, then blocks within "
        "each run), 95 %. Each run: its own estimate and its own block-bootstrap interval.",
        "",
        "| ratio | target | pooled | verdict | " + " | ".join(names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for row in report["rows"]:
        cells = " | ".join(_fmt(r) for r in row["runs"])
        lines.append(
            f"| {row['label']} | {row['target']} | {_fmt(row['pooled'])} | {row['verdict']} "
            f"| {cells} |"
        )
    lines += ["", f"Requests per (mode, R) cell, per run: {report['requests_per_cell']}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("runs", nargs="+", type=Path, help="run folders holding results.json")
    parser.add_argument("--ratio", type=float, default=0.2, help="PII ratio R (default 0.2)")
    parser.add_argument("--out", type=Path, help="folder for pooled.json and pooled.md")
    args = parser.parse_args()
    missing = [str(d) for d in args.runs if not (d / "results.json").is_file()]
    if missing:
        raise SystemExit(f"no results.json in: {', '.join(missing)}")
    report = pool(args.runs, args.ratio)
    if not any(row["pooled"] for row in report["rows"]):
        raise SystemExit(f"no interleaved blocks at R = {ratio_key(args.ratio)} in these runs")
    markdown = to_markdown(report)
    print(markdown)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "pooled.json").write_text(json.dumps(report, indent=1))
        (args.out / "pooled.md").write_text(markdown)


if __name__ == "__main__":
    main()
