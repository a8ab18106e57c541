"""Every red-team sample's outcome, written to a file, and two such files compared.

The blind rounds are scored before anyone reads them, often by an older checkout or with
another tier-3 build; comparing two versions sample by sample needs the outcomes themselves,
not only each round's rates. A secret counts as kept when the detector (default policy) makes
it private from its first character; a look-alike counts as flagged when the detector with
``unread_languages = "judge"`` flags anything in it: the same two checks as
``tests/detect/test_red_team.py``, on both halves.

Usage:
    python eval/red_team_outcomes.py score OUT.json [ROUND | FILE.json ...] [--tier3 DIR]
    python eval/red_team_outcomes.py compare A.json B.json [--groups 1-40,41-44]

``score`` with no rounds scores every registered round; a FILE is a round not registered yet
(its key is the number in its name, ``red_team_43.json`` -> 43). Run it from another checkout,
or with ``PYTHONPATH=<checkout>``, to score that version. ``compare`` prints, over the rounds
both files hold and per group of ``--groups``, the share of secrets kept and of look-alikes
flagged in A and in B (each half, and its English samples), then every outcome that changed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
from pathlib import Path

# key -> [ok, lang, category]: ok is "secret kept" for private samples, "flagged" for look-alikes
Outcomes = dict[str, list]


def score(paths: dict[str, Path], tier3: str | None) -> Outcomes:
    from sglang_safekv.config import DetectorConfig, UnreadLanguages
    from sglang_safekv.detect.detector import Detector

    extra = {"tier3_model_dir": tier3} if tier3 else {}
    detector = Detector.from_config(DetectorConfig(**extra))
    judge = Detector.from_config(DetectorConfig(unread_languages=UnreadLanguages.JUDGE, **extra))
    for d in (detector, judge):
        unavailable = d.load()
        if unavailable:
            raise SystemExit(f"detector tiers unavailable: {unavailable}")
    out: Outcomes = {}
    for name, path in paths.items():
        for row in json.loads(path.read_text("utf-8"))["samples"]:
            text = row["text"]
            if "secret" in row:
                first = detector.detect(text, first_only=True).first
                ok = first is not None and first <= text.index(row["secret"])
            else:
                ok = judge.detect(text, first_only=True).first is not None
            out[f"{name}:{row['id']}"] = [ok, row.get("lang", ""), row["category"]]
    return out


def _groups(spec: str, rounds: list[int]) -> dict[str, set[int]]:
    """ "all", then each range of ``spec`` ("1-40,41-42")."""
    groups = {"all": set(rounds)}
    for part in filter(None, spec.split(",")):
        low, _, high = part.partition("-")
        groups[part] = set(range(int(low), int(high or low) + 1)) & set(rounds)
    return groups


def compare(a: Outcomes, b: Outcomes, groups: str = "") -> None:
    common = sorted(set(a) & set(b))
    rounds = sorted({int(k.split(":")[0]) for k in common})
    for label, members in _groups(groups, rounds).items():
        counts: collections.Counter = collections.Counter()
        for key in common:
            round_, sample = key.split(":")
            if int(round_) not in members:
                continue
            kind = "secrets kept" if sample[0] == "p" else "look-alikes flagged"
            half = "dev" if int(sample[1:]) % 2 else "test"
            for scope in ("all", "en") if a[key][1] == "en" else ("all",):
                group = (kind, half, scope)
                counts[(*group, "n")] += 1
                counts[(*group, "a")] += a[key][0]
                counts[(*group, "b")] += b[key][0]
        for kind in ("secrets kept", "look-alikes flagged"):
            for half in ("dev", "test"):
                n, en = counts[(kind, half, "all", "n")], counts[(kind, half, "en", "n")]
                if not n:
                    continue
                ra, rb = counts[(kind, half, "all", "a")] / n, counts[(kind, half, "all", "b")] / n
                ea = counts[(kind, half, "en", "a")] / max(en, 1)
                eb = counts[(kind, half, "en", "b")] / max(en, 1)
                print(
                    f"rounds {label:7s} {kind:19s} {half:4s} n={n:5d}: {ra:.3f} -> {rb:.3f}"
                    f"  (English n={en}: {ea:.3f} -> {eb:.3f})"
                )
    changed = [k for k in common if a[k][0] != b[k][0]]
    print(f"{len(changed)} of {len(common)} outcomes changed")
    for key in changed:
        print(f"  {key} {a[key][2]}: {a[key][0]} -> {b[key][0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("score")
    s.add_argument("out")
    s.add_argument("rounds", nargs="*", help="round numbers or round files (default: all)")
    s.add_argument("--tier3", help="a tier-3 model directory (default: the configured one)")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--groups", default="", help='ranges of rounds to report apart: "1-40,41-44"')
    args = parser.parse_args()
    if args.command == "compare":
        a, b = (json.loads(Path(p).read_text()) for p in (args.a, args.b))
        compare(a, b, args.groups)
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sglang_safekv.tooling.corpora.red_team import ROUNDS

    paths: dict[str, Path] = {}
    for item in args.rounds or [str(r) for r in sorted(ROUNDS)]:
        if item.isdigit():
            if int(item) not in ROUNDS:
                raise SystemExit(f"no round {item}; rounds are {sorted(ROUNDS)}")
            paths[item] = ROUNDS[int(item)]
        else:
            number = re.search(r"(\d+)", Path(item).name)
            if number is None:
                raise SystemExit(f"{item}: no round number in the file's name")
            paths[number.group(1)] = Path(item)
    Path(args.out).write_text(json.dumps(score(paths, args.tier3)))


if __name__ == "__main__":
    main()
