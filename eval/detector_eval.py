"""Measure the sensitivity detector: accuracy per tier and category on the held-out split,
latency per 512-token chunk per tier, tier-1 engines, and time-to-public. Writes JSON and a
markdown table. Usage:
    python eval/detector_eval.py                # full: 1500 held-out samples, 50 chunks
    python eval/detector_eval.py --quick        # what CI runs, smaller
    python eval/detector_eval.py --policy strict --tier3-model-dir /models/my-classifier
    python eval/detector_eval.py --presidio     # also Presidio's analyzer in place of tier 2
    python eval/detector_eval.py --skip accuracy --skip latency --skip engines --skip ttp \
        --out results/detector/real            # only the real corpora (make corpora first)

Real text (sglang_safekv/tooling/corpora): the public corpus shipped in installed packages
(tokens promotable, documents wholly public, per source), the hand-written private set
(protected recall per subset), and time to public on the real agent-framework system prompts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from sglang_safekv.config import load_from_env
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.corpora import public as public_corpus
from sglang_safekv.tooling.corpora.red_team import ROUNDS, red_team_samples
from sglang_safekv.tooling.detector import evaluate as ev
from sglang_safekv.tooling.detector import real_eval
from sglang_safekv.tooling.detector.corpus import CLEAN_KINDS, generate
from sglang_safekv.tooling.detector.train import ensure_tier3_model
from sglang_safekv.tooling.tiny_model import display_path, ensure_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--samples", type=int, help="held-out samples (default 1500, quick 300)")
    parser.add_argument("--chunks", type=int, help="512-token chunks (default 50, quick 10)")
    parser.add_argument("--trials", type=int, help="time-to-public prompts (default 30, quick 8)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--policy", choices=["fast", "strict"])
    parser.add_argument("--tier3-model-dir")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["accuracy", "latency", "engines", "ttp", "real"],
    )
    parser.add_argument("--presidio", action="store_true", help="also measure Presidio as tier 2")
    parser.add_argument("--out", default="results/detector")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    args = parser.parse_args()
    if args.no_progress:
        progress.disable()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    config = load_from_env().detector
    if args.policy:
        config.policy = args.policy
    if args.tier3_model_dir:
        config.tier3_model_dir = args.tier3_model_dir
    elif not config.tier3_model_dir:
        config.tier3_model_dir = str(ensure_tier3_model())
    n_samples = args.samples or (300 if args.quick else 1500)
    n_chunks = args.chunks or (10 if args.quick else 50)
    n_trials = args.trials or (8 if args.quick else 30)

    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)
    t0 = time.perf_counter()
    detector = Detector.from_config(config)
    unavailable = detector.load()
    report: dict = {
        "profile": "quick" if args.quick else "full",
        "meta": {
            "policy": config.policy,
            "tier3_model_dir": display_path(config.tier3_model_dir),
            "samples": n_samples,
            "load_s": round(time.perf_counter() - t0, 1),
            "cpus": os.cpu_count(),
            "loadavg_1m": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
        },
        "unavailable": unavailable,
    }
    samples = generate("heldout", n_samples, args.seed)
    texts = [s.text for s in generate("heldout", 4000, args.seed + 1)]
    chunks = ev.token_chunks(tokenizer, texts, limit=n_chunks)
    # Timing first, while nothing else of this run competes for the CPU.
    public = [s.text for s in generate("heldout", 4000, args.seed + 2) if s.kind in CLEAN_KINDS]
    public_chunks = ev.token_chunks(tokenizer, public, limit=n_chunks)
    if "latency" not in args.skip:
        report["latency"] = ev.latency_report(detector, chunks)
        report["latency_public"] = ev.latency_report(detector, public_chunks)
    if "engines" not in args.skip:
        report["engines"] = ev.engine_report(chunks)
        report["engines_public"] = ev.engine_report(public_chunks)
    if "ttp" not in args.skip:
        prompts = ev.public_system_prompts(tokenizer, n_trials)
        report["time_to_public"] = ev.time_to_public(config, tokenizer, detector, prompts)
    if "accuracy" not in args.skip:
        report["accuracy"] = ev.accuracy_report(detector, samples)
    if "real" not in args.skip:
        report["real"] = {
            "missing_sources": public_corpus.missing_sources(),
            "private": real_eval.private_report(detector),
            **{
                "red_team" if r == 1 else f"red_team_{r}": real_eval.private_report(
                    detector, red_team_samples(round_=r)
                )
                for r in sorted(ROUNDS)
            },
            "public": real_eval.public_report(detector, tokenizer),
        }
        if "ttp" not in args.skip:
            prompts = real_eval.real_system_prompt_ids(tokenizer, n_trials)
            report["real"]["time_to_public"] = ev.time_to_public(
                config, tokenizer, detector, prompts
            )
    if args.presidio:
        report["presidio"] = ev.presidio_report(config.spacy_pipeline, samples, chunks)
    report["meta"]["loadavg_1m_end"] = round(os.getloadavg()[0], 2)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "detector_eval.json").write_text(json.dumps(report, indent=2))
    markdown = ev.to_markdown(report) + "\n" + real_eval.to_markdown(report.get("real", {}))
    (out / "detector_eval.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
