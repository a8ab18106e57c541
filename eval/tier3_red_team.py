"""Tier 3 trained with red-team dev halves, scored on the test halves (offline experiment).

Trains a tier-3 model on the generated corpus plus the dev halves of ``--rounds``
(``TrainSpec.red_team_rounds``), then scores the full detector with it on every round's test
half (never trained on) and prints protected recall and look-alikes flagged per round. Leave a
round out of ``--rounds`` to see it wholly unseen. The defaults are the default build's
(``TrainSpec``: rounds 1-5, six heads, three of them on the generated corpus alone);
``--rounds '' --members 1 --plain-members 0`` is the build before it.
It also scores the plain statements (``plain_statements.py``: first-person health, money and
personal sentences only tier 3 can catch, and public sentences on the same topics) with the
full detector, and with ``--public`` the real public corpus (``make detector-eval``'s part).

Usage:
    python eval/tier3_red_team.py [--rounds 1,2,3,4] [--seed 0] [--weight 1] [--members 6] [--plain-members 3]
        [--public] [--out DIR] [--json FILE]
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
from sglang_safekv.tooling.detector import plain_statements, real_eval
from sglang_safekv.tooling.detector.train import TrainSpec, parse_int_tuple, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    defaults = TrainSpec()
    parser.add_argument("--rounds", type=parse_int_tuple, default=defaults.red_team_rounds)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weight", type=int, default=1)
    parser.add_argument(
        "--members", type=int, default=defaults.members, help="heads averaged (seeds seed..)"
    )
    parser.add_argument("--plain-members", type=int, default=defaults.plain_members)
    parser.add_argument("--public", action="store_true", help="score the public corpus too")
    parser.add_argument("--out", help="model directory to write (default: a temporary one)")
    parser.add_argument("--json", help="write the scores here too")
    args = parser.parse_args()
    unknown = set(args.rounds) - set(ROUNDS)
    if unknown:
        raise SystemExit(f"--rounds: no round {sorted(unknown)}; rounds are {sorted(ROUNDS)}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    spec = TrainSpec(
        seed=args.seed,
        red_team_rounds=args.rounds,
        red_team_weight=args.weight,
        members=args.members,
        plain_members=args.plain_members,
    )
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
        plain = plain_report(detector)
        print(
            f"plain statements: private kept {plain['private_kept']}/{len(plain_statements.PRIVATE)},"
            f" public flagged {plain['public_flagged']}/{len(plain_statements.PUBLIC)};"
            f" missed: {plain['missed']}; flagged: {plain['flagged']}"
        )
        public = None
        if args.public:
            from transformers import AutoTokenizer

            from sglang_safekv.tooling.tiny_model import ensure_model

            tokenizer = AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)
            public = real_eval.public_report(detector, tokenizer)["overall"]
            print(f"public corpus: {public}")
    if args.json:
        payload = {
            "spec": {
                "rounds": args.rounds,
                "seed": args.seed,
                "weight": args.weight,
                "members": args.members,
                "plain_members": args.plain_members,
            }
        }
        payload["test_halves"] = scores
        payload["plain_statements"] = plain
        if public is not None:
            payload["public_corpus"] = public
        Path(args.json).write_text(json.dumps(payload, indent=1))


def plain_report(detector: Detector) -> dict:
    """Full-detector verdicts on the plain statements: private ones kept, public ones flagged."""

    def flagged(text: str) -> bool:
        return detector.detect(text).first is not None

    missed = [t for t in plain_statements.PRIVATE if not flagged(t)]
    alarms = [t for t in plain_statements.PUBLIC if flagged(t)]
    return {
        "private_kept": len(plain_statements.PRIVATE) - len(missed),
        "public_flagged": len(alarms),
        "missed": missed,
        "flagged": alarms,
    }


if __name__ == "__main__":
    main()
