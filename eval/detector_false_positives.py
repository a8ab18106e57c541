"""List the false alarms on the real public corpus: every document the detector flags, per
source, largest token loss first, with the tier, category and score of its first flag and the
whole line it is on. For reading why public text is kept private; it tunes nothing. Usage:
    python eval/detector_false_positives.py [--source aider-chat] [--tier3-model-dir DIR]
    python eval/detector_false_positives.py --from results/detector/real/detector_eval.json
The second form prints the list an earlier `detector_eval.py` run stored.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from pathlib import Path


def flagged_from_run(tier3_model_dir: str | None) -> list[dict]:
    from transformers import AutoTokenizer

    from sglang_safekv.config import load_from_env
    from sglang_safekv.detect.detector import Detector
    from sglang_safekv.tooling.detector import real_eval
    from sglang_safekv.tooling.detector.train import ensure_tier3_model
    from sglang_safekv.tooling.tiny_model import ensure_model

    config = load_from_env().detector
    config.tier3_model_dir = tier3_model_dir or config.tier3_model_dir or str(ensure_tier3_model())
    detector = Detector.from_config(config)
    unavailable = detector.load()
    if unavailable:
        raise SystemExit(f"tiers unavailable, nothing to measure: {unavailable}")
    tokenizer = AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)
    return real_eval.public_report(detector, tokenizer)["flagged"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", help="only this corpus source")
    parser.add_argument("--tier3-model-dir")
    parser.add_argument("--from", dest="from_json", help="a detector_eval.json to read instead")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.from_json:
        flagged = json.loads(Path(args.from_json).read_text())["real"]["public"]["flagged"]
    else:
        flagged = flagged_from_run(args.tier3_model_dir)
    per_source: dict[str, list[dict]] = defaultdict(list)
    for f in flagged:
        if args.source in (None, f["corpus_source"]):
            per_source[f["corpus_source"]].append(f)
    by_tier: dict[str, int] = defaultdict(int)
    for source, rows in sorted(
        per_source.items(), key=lambda kv: -sum(f["tokens_lost"] for f in kv[1])
    ):
        lost = sum(f["tokens_lost"] for f in rows)
        print(f"\n== {source}: {len(rows)} documents flagged, {lost} tokens lost")
        for f in sorted(rows, key=lambda f: -f["tokens_lost"]):
            by_tier[f"tier {f['tier']} {f['category']}"] += f["tokens_lost"]
            print(
                f"  {f['tokens_lost']:5d}  tier {f['tier']} {f['category']:<10} "
                f"{f['score']:.2f}  {f['doc']}\n         {f['line'][:150]!r}"
            )
    print("\ntokens lost by first flag:")
    for key, lost in sorted(by_tier.items(), key=lambda kv: -kv[1]):
        print(f"  {lost:6d}  {key}")


if __name__ == "__main__":
    main()
