"""match_prefix, insert and evict of SafeRadixCache against SGLang's stock RadixCache, same run.

Each tree is built from the same multi-tenant traffic (``build``): 60 tenants, 40 shared system
prompts, one- and two-turn conversations; >= 10,000 nodes. In selective mode the system prompts
are operator-declared public and the detector has cleared about half of the conversations, so
the tree mixes public nodes with per-tenant private ones; a job listener and a match-event
listener are attached, as the detector and monitor are in a server.

The three implementations are timed in interleaved rounds on identical batches, by the CPU
time of the benchmarking thread (``time.thread_time``), so that other processes on a shared
machine hit them alike and waiting for a core is not counted. Printed: the best round's time
per operation and its ratio to stock's (the least disturbed measurement), and the median
ratio. Targets: global <= 1.05x, selective <= 1.3x, each ratio reported as PASS or FAIL at the
end of the run (not asserted: timing on a shared machine). ``make bench`` runs this.
"""

from __future__ import annotations

import random
import statistics
import time
from array import array
from collections import deque

import pytest
import torch
from sglang.srt.mem_cache.base_prefix_cache import EvictParams, InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey

from sglang_safekv import tenancy
from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.cache.events import DetectionResult
from sglang_safekv.config import Mode, SafeKVConfig
from tests.bench.targets import Verdict, report

TENANTS = [f"tenant{i}" for i in range(60)]
SYSTEM_PROMPTS = 40
SYSTEM_LEN = 120
USER_LEN = 40
CONVERSATIONS = 135  # per tenant
ROUNDS = 21
BATCH = 300
IMPLS = ("stock", "global", "selective")
TARGET = {"global": 1.05, "selective": 1.3}


class Listener:
    """Stands in for the detector and the monitor: takes what the cache emits.

    Like the detector's bounded queue, it keeps only the most recent jobs once ``bounded``.
    """

    def __init__(self):
        self.jobs: list | deque = []
        self.events = 0

    def bound(self, size: int = 1024) -> None:
        self.jobs = deque(maxlen=size)

    def on_classification_job(self, job):
        self.jobs.append(job)

    def on_match(self, event):
        self.events += 1


def new_cache(impl: str) -> tuple:
    params = CacheInitParams(
        disable=False, req_to_token_pool=None, token_to_kv_pool_allocator=None, page_size=1
    )
    if impl == "stock":
        return RadixCache(params), None
    mode = Mode.GLOBAL if impl == "global" else Mode.SELECTIVE
    cache = SafeRadixCache(params, SafeKVConfig(mode=mode))
    listener = None
    if mode == Mode.SELECTIVE:
        listener = Listener()
        cache.add_listener(listener)
    return cache, listener


def key(impl: str, tokens, tenant: str) -> RadixKey:
    salt = None if impl == "stock" else tenancy.stamp(tenant)
    return RadixKey(array("q", tokens), cache_salt=salt)


class Traffic:
    def __init__(self, seed: int = 0):
        rng = random.Random(seed)
        self.rng = rng
        self.systems = [
            [rng.randrange(1, 30_000) for _ in range(SYSTEM_LEN)] for _ in range(SYSTEM_PROMPTS)
        ]
        self.conversations = []  # (tenant, tokens)
        for tenant in TENANTS:
            for _ in range(CONVERSATIONS):
                first = rng.choice(self.systems) + [
                    rng.randrange(1, 30_000) for _ in range(USER_LEN)
                ]
                self.conversations.append((tenant, first))
                if rng.random() < 0.5:  # a second turn extends the first
                    second = first + [rng.randrange(1, 30_000) for _ in range(USER_LEN)]
                    self.conversations.append((tenant, second))
        self.slot = 1

    def values(self, n: int) -> torch.Tensor:
        v = torch.arange(self.slot, self.slot + n, dtype=torch.int64)
        self.slot += n
        return v

    def match_batch(self, n: int):
        """Requests of random tenants: own earlier conversations, others', fresh ones."""
        out = []
        for _ in range(n):
            tenant = self.rng.choice(TENANTS)
            r = self.rng.random()
            if r < 0.6:
                owner, tokens = self.rng.choice(self.conversations)
                tokens = tokens + [self.rng.randrange(1, 30_000) for _ in range(USER_LEN)]
                if r < 0.3:
                    tenant = owner  # its own history: private hits in selective mode
            else:
                tokens = self.rng.choice(self.systems) + [
                    self.rng.randrange(1, 30_000) for _ in range(USER_LEN)
                ]
            out.append((tenant, tokens))
        return out

    def insert_batch(self, n: int):
        return [
            (
                self.rng.choice(TENANTS),
                self.rng.choice(self.systems)
                + [self.rng.randrange(1, 30_000) for _ in range(USER_LEN)],
            )
            for _ in range(n)
        ]


def count_nodes(cache) -> int:
    n, stack = 0, [cache.root_node]
    while stack:
        x = stack.pop()
        kids = list(x.children.values())
        private = getattr(x, "private", None)
        if private:
            for m in private.values():
                kids.extend(m.values())
        n += len(kids)
        stack.extend(kids)
    return n


def build(impl: str, traffic: Traffic):
    cache, listener = new_cache(impl)
    if impl == "selective":
        for system in traffic.systems:
            cache.declare_public(system)
    for tenant, tokens in traffic.conversations:
        cache.insert(InsertParams(key=key(impl, tokens, tenant), value=traffic.values(len(tokens))))
    if listener is not None:
        rng = random.Random(1)
        for job in listener.jobs:
            if rng.random() < 0.5:
                cache.post(DetectionResult(job.owner, job.token_ids, job.start, job.end, None))
        listener.bound()
        cache.apply_pending()
    return cache


@pytest.fixture(scope="module")
def trees():
    traffic = Traffic()
    built = {}
    for impl in IMPLS:
        traffic.slot = 1
        built[impl] = build(impl, traffic)
        nodes = count_nodes(built[impl])
        print(f"\n{impl}: {nodes} nodes, {built[impl].total_size()} tokens")
        assert nodes >= 10_000
    return traffic, built


def keys(impl, batch):
    """Keys as the scheduler has them: built (and stamped) before the cache sees them."""
    return [key(impl, tokens, tenant) for tenant, tokens in batch]


def run_match(cache, batch_keys):
    for k in batch_keys:
        cache.match_prefix(MatchPrefixParams(key=k))


def run_insert(cache, batch_keys, values):
    for k, v in zip(batch_keys, values):
        cache.insert(InsertParams(key=k, value=v))


def compare(op: str, traffic: Traffic, built: dict) -> dict:
    times = {impl: [] for impl in IMPLS}
    match_batch = traffic.match_batch(BATCH)
    match_keys = {impl: keys(impl, match_batch) for impl in IMPLS}
    for impl in IMPLS:  # warm-up: the first pass splits nodes where matches end
        run_match(built[impl], match_keys[impl])
    for r in range(ROUNDS):
        if op == "insert":
            batch = traffic.insert_batch(BATCH)
            values = [traffic.values(len(t)) for _, t in batch]
            insert_keys = {impl: keys(impl, batch) for impl in IMPLS}
        order = IMPLS[r % 3 :] + IMPLS[: r % 3]
        for impl in order:
            t0 = time.thread_time()
            if op == "match_prefix":
                run_match(built[impl], match_keys[impl])
            else:
                run_insert(built[impl], insert_keys[impl], values)
            times[impl].append(time.thread_time() - t0)
    best = {impl: min(t) / BATCH * 1e6 for impl, t in times.items()}
    median = {impl: statistics.median(t) / BATCH * 1e6 for impl, t in times.items()}
    ratios = {impl: best[impl] / best["stock"] for impl in ("global", "selective")}
    median_ratios = {impl: median[impl] / median["stock"] for impl in ("global", "selective")}
    print(
        f"\n{op}: per operation (best round) stock {best['stock']:.1f} us,"
        f" global {best['global']:.1f} us ({ratios['global']:.3f}x, target {TARGET['global']}x),"
        f" selective {best['selective']:.1f} us ({ratios['selective']:.3f}x,"
        f" target {TARGET['selective']}x); median ratios global"
        f" {median_ratios['global']:.3f}x, selective {median_ratios['selective']:.3f}x"
    )
    per_op = {"best": best, "median": median}
    return {"per_op_us": per_op, "ratio_vs_stock": ratios, "median_ratio_vs_stock": median_ratios}


def report_targets(benchmark, op: str, result: dict) -> None:
    for impl in ("global", "selective"):
        for kind, key in (
            ("best round", "ratio_vs_stock"),
            ("median round", "median_ratio_vs_stock"),
        ):
            name = f"{op} {impl} / stock ({kind})"
            report(benchmark, Verdict(name, result[key][impl], TARGET[impl], "x"))


@pytest.mark.benchmark
def test_match_prefix_vs_stock(benchmark, trees):
    traffic, built = trees
    result = compare("match_prefix", traffic, built)
    benchmark.extra_info.update(result)
    report_targets(benchmark, "match_prefix", result)
    batch = keys("selective", traffic.match_batch(BATCH))
    benchmark.pedantic(run_match, args=(built["selective"], batch), rounds=5)


@pytest.mark.benchmark
def test_insert_vs_stock(benchmark, trees):
    traffic, built = trees
    result = compare("insert", traffic, built)
    benchmark.extra_info.update(result)
    report_targets(benchmark, "insert", result)

    def setup():
        batch = traffic.insert_batch(BATCH)
        values = [traffic.values(len(t)) for _, t in batch]
        return (built["selective"], keys("selective", batch), values), {}

    benchmark.pedantic(run_insert, setup=setup, rounds=5)


class NullAllocator:
    """The trees hold no KV pool; eviction only needs somewhere to return slots to."""

    def free(self, *_args, **_kwargs) -> None:
        pass

    def free_segment(self, *_args, **_kwargs) -> None:
        pass


EVICT_TOKENS = 200  # what a scheduler short of room for a few requests asks for


@pytest.mark.benchmark
def test_evict_vs_stock(benchmark, trees):
    """One ``evict`` call per round on each tree (last in this module: it shrinks them)."""
    traffic, built = trees
    for cache in built.values():
        cache.token_to_kv_pool_allocator = NullAllocator()
    times = {impl: [] for impl in IMPLS}
    for r in range(ROUNDS):
        for impl in IMPLS[r % 3 :] + IMPLS[: r % 3]:
            t0 = time.thread_time()
            evicted = built[impl].evict(EvictParams(num_tokens=EVICT_TOKENS)).num_tokens_evicted
            times[impl].append(time.thread_time() - t0)
            assert evicted >= EVICT_TOKENS
    best = {impl: min(t) * 1e3 for impl, t in times.items()}
    median = {impl: statistics.median(t) * 1e3 for impl, t in times.items()}
    result = {
        "per_call_ms": {"best": best, "median": median},
        "ratio_vs_stock": {i: best[i] / best["stock"] for i in ("global", "selective")},
        "median_ratio_vs_stock": {i: median[i] / median["stock"] for i in ("global", "selective")},
    }
    print(
        f"\nevict({EVICT_TOKENS}): per call (median) stock {median['stock']:.2f} ms, global"
        f" {median['global']:.2f} ms, selective {median['selective']:.2f} ms"
    )
    benchmark.extra_info.update(result)
    report_targets(benchmark, "evict", result)
    benchmark.pedantic(
        lambda: built["selective"].evict(EvictParams(num_tokens=EVICT_TOKENS)), rounds=5
    )
