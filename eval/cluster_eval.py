"""What routing reveals, and what a second worker buys, on a real 2-worker cluster.

Routing side channel (per mode: selective, isolated; per gateway policy: cache_aware, the
gateway's default, and prefix_hash, the cluster's choice):
  1. a fresh gateway; the attacker sends every candidate text once: the route each text takes
     when nobody sent it before (the best baseline an attacker can build, e.g. with its own
     copy of the gateway in front of the same workers);
  2. the gateway restarts (empty index); the victim sends its private prompts (a secret in the
     first characters, the rest shared by every candidate);
  3. the attacker sends the victim's prompts and as many never-sent decoys of the same shape.
  The attacker says "sent by someone" when a text's route differs from its baseline. Reported:
  that rate for true texts and for decoys (their difference is the attacker's advantage), the
  pair accuracy (which of a true/decoy pair was sent), and TTFT medians per arm. The worker a
  request lands on is read from the workers' own counters: an upper bound of what an attacker
  sees through load and TTFT.

Throughput (selective, prefix_hash): the same closed-loop workload (several system prompts,
many tenants, fixed concurrency) through a gateway in front of worker 0 only, then both.

Usage: python eval/cluster_eval.py [--secrets 16] [--bench-requests 96] [--out results/cluster]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import openai

from sglang_safekv.config import Mode
from sglang_safekv.server.cluster import Cluster, ClusterOptions, running_cluster
from sglang_safekv.server.tenants import digest
from sglang_safekv.tooling.evaluation.cluster_options import local_cluster_options

ADMIN_KEY = "sk-eval-cluster-admin"
TENANTS = ["victim", "attacker", *[f"t{i}" for i in range(12)]]
KEYS = {t: f"sk-eval-cluster-{t}" for t in TENANTS}
_REQUESTS = re.compile(r"^sglang:num_requests_total\{[^}]*\}\s+([0-9.eE+]+)$", re.M)
SHARED_TAIL = (
    " is the account number on file; please check the billing history, explain the last three "
    "charges and tell me whether the refund has been issued yet."
)


def options(mode: Mode, run_dir: Path, policy: str, base_port: int) -> ClusterOptions:
    tenants = run_dir / "tenants.toml"
    tenants.write_text(
        "".join(f'[[tenants]]\nname = "{t}"\nkey_sha256 = "{digest(k)}"\n' for t, k in KEYS.items())
    )
    return local_cluster_options(
        mode, tenants, run_dir, base_port, policy=policy, allow_unsafe_policy=True, prefix_tokens=64
    )


def with_gateway(opts: ClusterOptions, policy: str, workers: int) -> ClusterOptions:
    return dataclasses.replace(
        opts, cluster=dataclasses.replace(opts.cluster, policy=policy, workers=workers)
    )


def worker_requests(cluster: Cluster) -> list[int]:
    out = []
    for port in range(
        cluster.opts.cluster.worker_base_port, cluster.opts.cluster.worker_base_port + 2
    ):
        text = httpx.get(
            f"http://127.0.0.1:{port}/metrics",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
            timeout=10,
        ).text
        out.append(int(sum(float(v) for v in _REQUESTS.findall(text))))
    return out


def client(cluster: Cluster, tenant: str) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=cluster.opts.gateway_url + "/v1", api_key=KEYS[tenant], max_retries=0
    )


def ttft(c: openai.OpenAI, messages: list[dict], max_tokens: int = 1) -> float:
    start = time.perf_counter()
    stream = c.chat.completions.create(
        model="default", messages=messages, max_tokens=max_tokens, temperature=0, stream=True
    )
    first = None
    for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content is not None:
            first = time.perf_counter() - start
    return first if first is not None else time.perf_counter() - start


def routed(cluster: Cluster, tenant: str, text: str) -> tuple[int, float]:
    """Send ``text`` as ``tenant``; the worker that served it and the TTFT."""
    before = worker_requests(cluster)
    t = ttft(client(cluster, tenant), [{"role": "user", "content": text}])
    deltas = [a - b for a, b in zip(worker_requests(cluster), before)]
    return deltas.index(max(deltas)), t


def secret_text(rng: random.Random) -> str:
    return f"{rng.randint(10**11, 10**12 - 1)}" + SHARED_TAIL


def routing_leak(cluster: Cluster, base: ClusterOptions, policy: str, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    truths = [secret_text(rng) for _ in range(n)]
    decoys = [secret_text(rng) for _ in range(n)]
    cluster.replace_gateway(with_gateway(base, policy, 2))
    order = [*truths, *decoys]
    rng.shuffle(order)
    baseline = {text: routed(cluster, "attacker", text)[0] for text in order}
    cluster.replace_gateway(with_gateway(base, policy, 2))
    victim_worker = {text: routed(cluster, "victim", text)[0] for text in truths}
    rng.shuffle(order)
    probe = {text: routed(cluster, "attacker", text) for text in order}
    changed_true = sum(probe[t][0] != baseline[t] for t in truths) / n
    changed_decoy = sum(probe[d][0] != baseline[d] for d in decoys) / n
    correct = 0.0
    for t, d in zip(truths, decoys):
        flag_t, flag_d = probe[t][0] != baseline[t], probe[d][0] != baseline[d]
        correct += 1.0 if flag_t and not flag_d else 0.0 if flag_d and not flag_t else 0.5
    return {
        "policy": policy,
        "pairs": n,
        "route_changed_true": changed_true,
        "route_changed_decoy": changed_decoy,
        "advantage": changed_true - changed_decoy,
        "pair_accuracy": correct / n,
        "true_on_victims_worker": sum(probe[t][0] == victim_worker[t] for t in truths) / n,
        "ttft_true_ms": 1000 * statistics.median(probe[t][1] for t in truths),
        "ttft_decoy_ms": 1000 * statistics.median(probe[d][1] for d in decoys),
    }


SYSTEMS = [
    f"You are the assistant of {name}. Answer questions about {topic} in a friendly tone, "
    "in at most three sentences, and ask for clarification when a question is ambiguous. " * 2
    for name, topic in [
        ("Northwind Outfitters", "orders and returns"),
        ("the city library", "opening hours and loans"),
        ("Contoso Bank", "cards and transfers"),
        ("a travel agency", "bookings and visas"),
        ("a software vendor", "licences and updates"),
        ("a gym", "memberships and classes"),
    ]
]


def bench(cluster: Cluster, base: ClusterOptions, workers: int, n: int, conc: int) -> dict:
    cluster.replace_gateway(with_gateway(base, "prefix_hash", workers))
    rng = random.Random(7)
    jobs = [
        (f"t{rng.randrange(12)}", SYSTEMS[rng.randrange(len(SYSTEMS))], f"Question {i}: "
         + " ".join(rng.choice(["when", "can", "I", "order", "return", "the", "item", "today"])
                    for _ in range(20)))
        for i in range(n)
    ]  # fmt: skip

    def one(job):
        tenant, system, user = job
        msgs = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        start = time.perf_counter()
        first = ttft(client(cluster, tenant), msgs, max_tokens=8)
        return first, time.perf_counter() - start

    for job in jobs[: len(SYSTEMS)]:  # warm both workers' caches with the system prompts
        one(job)
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(conc) as pool:
        results = list(pool.map(one, jobs))
    wall = time.perf_counter() - start
    ttfts = sorted(r[0] for r in results)
    return {
        "workers": workers,
        "requests": n,
        "concurrency": conc,
        "throughput_rps": n / wall,
        "ttft_p50_ms": 1000 * ttfts[len(ttfts) // 2],
        "ttft_p90_ms": 1000 * ttfts[int(len(ttfts) * 0.9)],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--secrets", type=int, default=16)
    ap.add_argument("--bench-requests", type=int, default=96)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--modes", nargs="+", default=["selective", "isolated"])
    ap.add_argument("--base-port", type=int, default=34000)
    ap.add_argument("--out", default="results/cluster")
    args = ap.parse_args()
    os.environ["SAFEKV_ADMIN_KEY"] = ADMIN_KEY
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"routing": [], "bench": []}
    started = time.perf_counter()
    for mode in args.modes:
        run_dir = Path(tempfile.mkdtemp(prefix=f"safekv-cluster-eval-{mode}-"))
        print(f"{mode}: logs in {run_dir}", flush=True)
        base = options(Mode(mode), run_dir, "prefix_hash", args.base_port)
        with running_cluster(base) as cluster:
            for i, policy in enumerate(["cache_aware", "prefix_hash"]):
                row = {"mode": mode, **routing_leak(cluster, base, policy, args.secrets, seed=i)}
                print(json.dumps(row), flush=True)
                report["routing"].append(row)
            if mode == "selective":
                for workers in (1, 2):
                    row = bench(cluster, base, workers, args.bench_requests, args.concurrency)
                    print(json.dumps(row), flush=True)
                    report["bench"].append(row)
                one, two = report["bench"]
                report["bench_ratio"] = {
                    "throughput_2_over_1": two["throughput_rps"] / one["throughput_rps"],
                    "ttft_p50_2_over_1": two["ttft_p50_ms"] / one["ttft_p50_ms"],
                }
        (out / "cluster_eval.json").write_text(json.dumps(report, indent=2))  # partial results
    report["seconds"] = time.perf_counter() - started
    report["cpu_count"] = os.cpu_count()
    (out / "cluster_eval.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report.get("bench_ratio", {})), f"{report['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
