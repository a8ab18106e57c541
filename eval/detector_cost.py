"""Detector CPU seconds per job and per 1k judged tokens, by content class.

Runs the real pipeline (every configured tier, the embedded model's tokenizer) in this process
and measures process CPU time around each class's jobs, submitted as the cache submits them:
- ``public_system_prompt``: a new ~500-token system prompt (the whole path is judged);
- ``private_chat``: a user turn after a system prompt that is already public (judging starts
  after it), one in five with personal data;
- ``repeated_content``: the same system prompts again from other tenants (decision cache);
- ``sensitive_early``: a user turn whose personal data comes first, followed by a long tail;
- ``real_system_prompt``: published agent-framework system prompts cut to 512 tokens (the
  public corpus; what the sysprompt workload sends), each new to the pipeline.
The text of the other classes comes from Faker. With ``PYTHONPATH`` set to another checkout the
same jobs measure that checkout's detector: alternate two of them to compare code, not hosts.
Usage: python eval/detector_cost.py [--jobs 20] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from faker import Faker
from transformers import AutoTokenizer

from sglang_safekv.cache.events import ClassificationJob
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.pipeline import DetectionPipeline
from sglang_safekv.tooling.detector import real_eval
from sglang_safekv.tooling.tiny_model import ensure_model


def chat(tokenizer, system: str, user: str | None) -> tuple[list[int], int]:
    """Token ids of the chat and the length of its system part."""
    head = tokenizer.apply_chat_template(
        [{"role": "system", "content": system}], tokenize=False, add_generation_prompt=False
    )
    n_system = len(tokenizer.encode(head, add_special_tokens=False))
    if user is None:
        return tokenizer.encode(head, add_special_tokens=False), n_system
    text = tokenizer.apply_chat_template(
        [{"role": "system", "content": system}, {"role": "user", "content": user}],
        tokenize=False,
        add_generation_prompt=True,
    )
    return tokenizer.encode(text, add_special_tokens=False), n_system


def classes(tokenizer, n: int, seed: int = 5) -> dict[str, list[ClassificationJob]]:
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    systems = [
        f"You are the assistant of {fake.company()}. " + " ".join(fake.paragraphs(14))
        for _ in range(n)
    ]
    out: dict[str, list[ClassificationJob]] = {}
    jobs = []
    for i, s in enumerate(systems):
        ids, _ = chat(tokenizer, s, None)
        jobs.append(ClassificationJob(f"a{i}", tuple(ids), 0, len(ids)))
    out["public_system_prompt"] = jobs
    out["repeated_content"] = [
        ClassificationJob(f"b{i}", j.token_ids, j.start, j.end) for i, j in enumerate(jobs)
    ]
    private = []
    for i, s in enumerate(systems):
        if rng.random() < 0.2:
            user = f"I am {fake.name()}, my email is {fake.email(safe=False)}. {fake.sentence()}"
        else:
            user = " ".join(fake.sentences(3))
        ids, n_system = chat(tokenizer, s, user)
        private.append(ClassificationJob(f"c{i}", tuple(ids), n_system, len(ids)))
    out["private_chat"] = private
    early = []
    for i, s in enumerate(systems):
        user = f"My SSN is 536-22-{1000 + i} and " + " ".join(fake.paragraphs(4))
        ids, n_system = chat(tokenizer, s, user)
        early.append(ClassificationJob(f"d{i}", tuple(ids), n_system, len(ids)))
    out["sensitive_early"] = early
    real = real_eval.real_system_prompt_ids(tokenizer, n)
    out["real_system_prompt"] = [
        ClassificationJob(f"e{i}", tuple(ids), 0, len(ids)) for i, ids in enumerate(real)
    ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=20, help="jobs per class")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    path = str(ensure_model())
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    results = []
    pipeline = DetectionPipeline(DetectorConfig(timeout_s=120.0), tokenizer, results.append)
    pipeline.start()
    if pipeline.stats()["unavailable"]:
        raise SystemExit(f"tiers unavailable: {pipeline.stats()['unavailable']}")
    warm = classes(tokenizer, 2, seed=99)  # not its real prompts: they would be cached below
    for job in warm["private_chat"] + warm["public_system_prompt"]:
        pipeline.submit(job)
    pipeline.wait_idle(300)
    rows = {}
    for name, jobs in classes(tokenizer, args.jobs).items():
        results.clear()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for job in jobs:  # one at a time: the cost of each job, not of a batch
            pipeline.submit(job)
            pipeline.wait_idle(300)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        tokens = sum(j.end - j.start for j in jobs)
        rows[name] = {
            "jobs": len(jobs),
            "judged_tokens": tokens,
            "cpu_seconds_per_job": cpu / len(jobs),
            "cpu_seconds_per_1k_tokens": 1000 * cpu / tokens,
            "wall_seconds_per_job": wall / len(jobs),
            "sensitive": sum(r.first_sensitive is not None for r in results),
            "failed": sum(r.failed for r in results),
        }
        print(name, json.dumps(rows[name]), flush=True)
    pipeline.close()
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
