"""What the language policy buys and costs: every red-team round, both splits, judged with
``detector.unread_languages = "judge"`` (the rules alone) and with the default "private"
(sentences in languages the models cannot read stay private, detect/unread_language.py).

Recall: private samples whose first flagged character is at or before the secret. Flagged:
look-alikes with any finding. Reported per round and split, and for English and the other
languages apart. The "private" outcome is the "judge" detector's first finding combined with
the policy's first sentence (the policy only adds findings). Writes
results/detector/language-policy.{json,md}. Usage:
    python eval/language_policy.py [--extra ROUND_JSON ...] [--out results/detector]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pathlib
from typing import Any

from sglang_safekv.config import UnreadLanguages, load_from_env
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.unread_language import unread_sentences
from sglang_safekv.tooling.corpora.red_team import ROUNDS, raw_samples

OUT = pathlib.Path(__file__).resolve().parent.parent / "results" / "detector"


def _outcomes(detector: Detector, name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        text = row["text"]
        rules = detector.detect(text, first_only=True).first
        unread = unread_sentences(text)
        policy = min(
            (x for x in (rules, unread[0][0] if unread else None) if x is not None), default=None
        )
        gold = text.index(row["secret"]) if "secret" in row else None

        def right(first: int | None, gold: int | None = gold) -> bool:
            return first is None if gold is None else first is not None and first <= gold

        out.append(
            {
                "round": name,
                "id": row["id"],
                "split": "dev" if int(row["id"][1:]) % 2 else "test",
                "lang": row.get("lang", "?"),
                "private": gold is not None,
                "judge": right(rules),
                "private_policy": right(policy),
            }
        )
    return out


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    secrets = [r for r in rows if r["private"]]
    alikes = [r for r in rows if not r["private"]]

    def share(sel: list[dict[str, Any]], key: str, good: bool) -> float | None:
        return round(sum(r[key] == good for r in sel) / len(sel), 3) if sel else None

    return {
        "private": len(secrets),
        "recall_judge": share(secrets, "judge", True),
        "recall_private": share(secrets, "private_policy", True),
        "look_alikes": len(alikes),
        "flagged_judge": share(alikes, "judge", False),
        "flagged_private": share(alikes, "private_policy", False),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extra", action="append", default=[], help="a round's JSON file")
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    config = dataclasses.replace(load_from_env().detector, unread_languages=UnreadLanguages.JUDGE)
    detector = Detector.from_config(config)
    if detector.load():
        raise SystemExit(f"detector tiers failed to load: {detector.unavailable}")
    rounds: dict[str, list[dict[str, Any]]] = {str(r): list(raw_samples(r)) for r in sorted(ROUNDS)}
    for path in args.extra:
        rounds[pathlib.Path(path).stem] = json.loads(pathlib.Path(path).read_text("utf-8"))[
            "samples"
        ]
    rows: list[dict[str, Any]] = []
    for name, samples in rounds.items():
        rows += _outcomes(detector, name, samples)
        print(f"round {name}: {len(samples)} samples", flush=True)
    table: dict[str, dict[str, Any]] = {}
    for name in rounds:
        for split in ("dev", "test"):
            table[f"{name} {split}"] = _summary(
                [r for r in rows if r["round"] == name and r["split"] == split]
            )
    table["all"] = _summary(rows)
    table["all, English"] = _summary([r for r in rows if r["lang"] == "en"])
    table["all, other languages"] = _summary([r for r in rows if r["lang"] != "en"])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "language-policy.json").write_text(json.dumps({"summary": table, "rows": rows}))
    lines = [
        "# The language policy on the red-team rounds",
        "",
        "`python eval/language_policy.py`: full detector, tier-3 threshold 0.5. judge: "
        '`unread_languages = "judge"` (the rules alone); private: the default.',
        "",
        "| rows | private | recall judge | recall private | look-alikes | flagged judge "
        "| flagged private |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, s in table.items():
        lines.append(
            f"| {label} | {s['private']} | {s['recall_judge']} | {s['recall_private']} "
            f"| {s['look_alikes']} | {s['flagged_judge']} | {s['flagged_private']} |"
        )
    (args.out / "language-policy.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
