"""Score the detector on one blind red-team round: protected recall per kind of secret and the
share of look-alikes flagged, per split. Usage:
    python eval/red_team_score.py --round 3               # all samples of round 3
    python eval/red_team_score.py --round 2 --split test  # only the blind half
    python eval/red_team_score.py --round 3 --split dev --show   # also list misses and alarms

To score an older version of the detector on a newer round (what "blind before" means in the
README), run this file from that version's checkout with the newer round's JSON copied in, or
with ``PYTHONPATH=<checkout>``.
"""

from __future__ import annotations

import argparse
import os

from sglang_safekv.config import load_from_env
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.corpora.red_team import ROUNDS, red_team_samples
from sglang_safekv.tooling.detector import real_eval


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=max(ROUNDS))
    parser.add_argument("--split", choices=["dev", "test"])
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    detector = Detector.from_config(load_from_env().detector)
    unavailable = detector.load()
    if unavailable:
        raise SystemExit(f"detector tiers unavailable: {unavailable}")
    samples = red_team_samples(args.split, args.round)
    report = real_eval.private_report(detector, samples)
    for name, r in report["recall"].items():
        print(f"{name:28s} {r['spans']:4d} {r['recall']:.3f}")
    for name, r in report["benign_false_alarm_rate"].items():
        print(f"{name:28s} {r['samples']:4d} flagged {r['rate']:.3f}")
    if args.show:
        by_id = {s.id: s for s in samples}
        for miss in report["misses"]:
            text = by_id[miss["id"]].text[:200].replace("\n", " / ")
            print(f"MISS {miss['id']} {by_id[miss['id']].subset} {miss['span']!r} | {text}")
        for alarm in report["false_alarms"]:
            text = by_id[alarm["id"]].text[:200].replace("\n", " / ")
            print(f"ALARM {alarm['id']} tier {alarm['tier']} {alarm['text'][:60]!r} | {text}")


if __name__ == "__main__":
    main()
