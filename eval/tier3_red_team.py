"""Tier 3 trained with red-team dev halves, scored on the test halves (offline experiment).

Trains a tier-3 model on the generated corpus plus the dev halves of ``--rounds``
(``TrainSpec.red_team_rounds``), then scores the full detector with it on every round's test
half (never trained on) and prints protected recall and look-alikes flagged per round. Leave a
round out of ``--rounds`` to see it wholly unseen. ``--rounds ''`` is the default model's data.

Usage:
    python eval/tier3_red_team.py --rounds 1,2,3,4 [--seed 0] [--weight 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.corpora.red_team import ROUNDS, red_team_samples
from sglang_safekv.tooling.detector import real_eval
from sglang_safekv.tooling.detector.train import TrainSpec, parse_int_tuple, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=parse_int_tuple, default=tuple(sorted(ROUNDS)))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weight", type=int, default=1)
    parser.add_argument("--out", help="model directory to write (default: a temporary one)")
    parser.add_argument("--json", help="write the scores here too")
    args = parser.parse_args()
    unknown = set(args.rounds) - set(ROUNDS)
    if unknown:
        raise SystemExit(f"--rounds: no round {sorted(unknown)}; rounds are {sorted(ROUNDS)}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    spec = TrainSpec(seed=args.seed, red_team_rounds=args.rounds, red_team_weight=args.weight)
    with tempfile.TemporaryDirectory() as tmp:
        model = train(spec, Path(args.out) if args.out else Path(tmp) / "tier3")
        detector = Detector.from_config(DetectorConfig(tier3_model_dir=str(model)))
        unavailable = detector.load()
        if unavailable:
            raise SystemExit(f"detector tiers unavailable: {unavailable}")
        scores = {}
        for round_ in sorted(ROUNDS):
            report = real_eval.private_report(detector, red_team_samples("test", round_))
            recall = report["recall"]["overall"]["recall"]
            flagged = report["benign_false_alarm_rate"]["benign"]["rate"]
            seen = "trained on its dev half" if round_ in args.rounds else "unseen"
            print(
                f"round {round_} test: recall {recall:.3f}, look-alikes flagged {flagged:.3f} ({seen})"
            )
            scores[round_] = {"recall": recall, "look_alikes_flagged": flagged, "seen": seen}
    if args.json:
        payload = {"spec": {"rounds": args.rounds, "seed": args.seed, "weight": args.weight}}
        payload["test_halves"] = scores
        Path(args.json).write_text(json.dumps(payload, indent=1))


if __name__ == "__main__":
    main()
