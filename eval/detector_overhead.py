"""Scheduler time lost to detection: the detector in worker processes vs threads, side by side.

Starts the real server in selective mode once per detector executor ("thread": the pipeline's
threads inside the scheduler process; "process": detector worker processes), runs the same
small multi-tenant workload against each (shared system prompts, private chats, some with
personal data), waits until every detector job is answered, and reads the scheduler's
``overhead`` stats before and after. Prints, per executor: requests per second, CPU seconds of
the scheduler process, of its scheduler thread and of the detector, and the scheduler thread's
seconds in the cache's listeners and in applying results, as a fraction of its CPU time and of
the wall time. Usage:
    python eval/detector_overhead.py [--tenants 12] [--requests 4] [--rounds 1] [--out FILE]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import random
import tempfile
import time
from pathlib import Path

import httpx
import openai
from faker import Faker

from sglang_safekv.cache.ledger import IN_MEMORY
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.server.launcher import ServeOptions, running_server
from sglang_safekv.server.tenants import digest
from sglang_safekv.tooling.prepare import ensure_artifacts

ADMIN_KEY = "sk-overhead-admin"
FIELDS = (
    "scheduler_process_cpu_seconds",
    "scheduler_thread_cpu_seconds",
    "detector_cpu_seconds",
    "detector_client_thread_cpu_seconds",
    "scheduler_job_listener_seconds",
    "scheduler_match_listener_seconds",
    "scheduler_apply_results_seconds",
    "wall_seconds",
)


def workload(tenants: int, per_tenant: int, seed: int = 11) -> list[tuple[str, list[dict]]]:
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    systems = [
        f"You are the assistant of {fake.company()}. " + " ".join(fake.paragraphs(6))
        for _ in range(max(1, tenants // 2))
    ]
    out = []
    for i in range(per_tenant):
        for t in range(tenants):
            if rng.random() < 0.2:
                user = (
                    f"My email is {fake.email(safe=False)} and my phone {fake.phone_number()}. {i}"
                )
            else:
                user = f"{fake.sentence()} {i}"
            system = systems[t // 2 % len(systems)]
            out.append(
                (
                    f"t{t}",
                    [{"role": "system", "content": system}, {"role": "user", "content": user}],
                )
            )
    return out


def settled(base_url: str, timeout_s: float = 120.0) -> dict:
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    deadline = time.monotonic() + timeout_s
    while True:
        snap = httpx.get(base_url + "/safekv/stats", headers=headers, timeout=30).json()
        sched = snap["schedulers"][0]
        gauges = sched["detector"]["gauges"]
        if gauges["inflight"] + sched["pending_results"] == 0 or time.monotonic() > deadline:
            return sched
        time.sleep(0.1)


def run_one(executor: str, requests: list, keys: dict, tenants_file: Path, log: Path) -> dict:
    config = SafeKVConfig(mode=Mode.SELECTIVE)
    config.server.tenants_file = str(tenants_file)
    config.detector.executor = executor
    config.cache.withdrawal_ledger_file = IN_MEMORY  # each run starts from nothing
    opts = ServeOptions(config, None, "127.0.0.1", 31877, "cpu", [], ready_timeout_s=900.0)
    with running_server(opts, log) as base_url:
        clients = {
            t: openai.OpenAI(base_url=base_url + "/v1", api_key=k, max_retries=0)
            for t, k in keys.items()
        }

        def send(item):
            tenant, messages = item
            r = clients[tenant].chat.completions.create(
                model="default", messages=messages, max_tokens=1, temperature=0
            )
            return r.usage.prompt_tokens, r.usage.prompt_tokens_details.cached_tokens

        send(requests[0])  # warm-up
        before = settled(base_url)
        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            usage = list(pool.map(send, requests))
        elapsed = time.perf_counter() - t0
        after = settled(base_url)
    delta = {f: after["overhead"].get(f, 0.0) - before["overhead"].get(f, 0.0) for f in FIELDS}
    lost = delta["scheduler_job_listener_seconds"] + delta["scheduler_apply_results_seconds"]
    return {
        "executor": executor,
        "requests": len(requests),
        "seconds": elapsed,
        "requests_per_second": len(requests) / elapsed,
        "prompt_tokens": sum(p for p, _ in usage),
        "cached_tokens": sum(c for _, c in usage),
        "jobs": after["detector"]["counters"].get("jobs_submitted", 0),
        "jobs_failed": after["detector"]["counters"].get("jobs_failed", 0),
        **delta,
        "scheduler_detection_seconds": lost,
        "lost_share_of_scheduler_thread_cpu": lost
        / max(delta["scheduler_thread_cpu_seconds"], 1e-9),
        "lost_share_of_wall": lost / elapsed,
        "other_threads_cpu_seconds_in_scheduler_process": delta["scheduler_process_cpu_seconds"]
        - delta["scheduler_thread_cpu_seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", type=int, default=12)
    parser.add_argument("--requests", type=int, default=4, help="requests per tenant")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds per executor")
    parser.add_argument("--executors", default="thread,process", help="order within a round")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    keys = {f"t{i}": f"sk-overhead-t{i}" for i in range(args.tenants)}
    tmp = Path(tempfile.mkdtemp(prefix="safekv-overhead-"))
    tenants_file = tmp / "tenants.toml"
    tenants_file.write_text(
        f'[admin]\nkey_sha256 = "{digest(ADMIN_KEY)}"\n'
        + "".join(
            f'[[tenants]]\nname = "{t}"\nkey_sha256 = "{digest(k)}"\n' for t, k in keys.items()
        )
    )
    ensure_artifacts(SafeKVConfig(mode=Mode.SELECTIVE), None)
    requests = workload(args.tenants, args.requests)
    rows = []
    for r in range(args.rounds):
        for executor in args.executors.split(","):
            row = run_one(executor, requests, keys, tenants_file, tmp / f"{executor}-{r}.log")
            rows.append(row)
            print(json.dumps(row, indent=1), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
