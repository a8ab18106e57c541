"""How much a busy detector slows a Python loop in its host process: threads vs worker process.

A stand-in for the scheduler's loop (pure-Python work in fixed-size steps) runs on the main
thread while the detector judges a stream of chat turns, submitted one per step as the cache
would. Conditions, interleaved and repeated: no detector, the pipeline's threads in this
process ("thread"), a detector worker process ("process"). Prints each condition's loop time
per step relative to the no-detector steps of the same repetition. Usage:
    python eval/detector_gil.py [--steps 200] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from faker import Faker
from transformers import AutoTokenizer

from sglang_safekv.cache.events import ClassificationJob
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.pipeline import DetectionPipeline
from sglang_safekv.detect.remote import RemoteDetector
from sglang_safekv.tooling.tiny_model import ensure_model


def step() -> int:
    """A slice of Python work, like one scheduler iteration's bookkeeping."""
    total = 0
    for i in range(20_000):
        total += i * i % 7
    return total


def jobs(tokenizer, n: int, seed: int) -> list[ClassificationJob]:
    fake = Faker("en_US")
    Faker.seed(seed)
    out = []
    for i in range(n):
        user = f"{fake.name()} wrote: {' '.join(fake.sentences(4))}"
        ids = tokenizer.apply_chat_template(
            [{"role": "user", "content": user}], add_generation_prompt=True, tokenize=True
        )
        ids = list(ids["input_ids"] if hasattr(ids, "keys") else ids)
        out.append(ClassificationJob(f"t{i % 8}", tuple(ids), 0, len(ids)))
    return out


def run(detector, work: list[ClassificationJob] | None, steps: int) -> float:
    t0 = time.perf_counter()
    for i in range(steps):
        if detector is not None and work is not None:
            detector.submit(work[i % len(work)])
        step()
    elapsed = time.perf_counter() - t0
    if detector is not None:
        detector.wait_idle(300)
    return elapsed / steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    path = str(ensure_model())
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    config = DetectorConfig(timeout_s=300.0, decision_cache_size=0)
    threads = DetectionPipeline(config, tokenizer, lambda r: None).start()
    process = RemoteDetector(config, path, lambda r: None).start()
    rows = []
    try:
        for r in range(args.repeats):
            work = jobs(tokenizer, args.steps, seed=r)
            base = run(None, None, args.steps)
            t = run(threads, work, args.steps)
            base2 = run(None, None, args.steps)
            p = run(process, work, args.steps)
            base3 = run(None, None, args.steps)
            b = statistics.mean([base, base2, base3])
            rows.append({"thread_over_none": t / b, "process_over_none": p / b, "step_s": b})
            print(json.dumps(rows[-1]), flush=True)
    finally:
        threads.close()
        process.close()
    print(
        json.dumps(
            {
                "median_thread_over_none": statistics.median(x["thread_over_none"] for x in rows),
                "median_process_over_none": statistics.median(x["process_over_none"] for x in rows),
            }
        )
    )


if __name__ == "__main__":
    main()
