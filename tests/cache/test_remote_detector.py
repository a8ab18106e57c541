"""The cache with its detector in a worker process, assembled by the runtime (no server).

The real SafeRadixCache driven by real SGLang requests (the harness's MiniScheduler), the real
tokenizer and tier-1 recognizer in a real detector worker process: what a tenant's system
prompt shares and what its secret does not, with every decision made out of process.
"""

from __future__ import annotations

import time

import psutil
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.memory_pool import ReqToTokenPool

from sglang_safekv import runtime
from sglang_safekv.config import DetectorConfig, Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.detect.remote import RemoteDetector

from .harness import FakeKVAllocator, MiniScheduler

SYSTEM = "You are a helpful assistant for Acme. Answer briefly and politely, in English."


def chat_ids(tokenizer, user: str) -> list[int]:
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
    return list(ids["input_ids"] if hasattr(ids, "keys") else ids)


def selective_cache_with_a_worker():
    """(cache, its MiniScheduler, tokenizer): selective mode, tier 1 in a worker process."""
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    path = str(ensure_model())
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    allocator = FakeKVAllocator(4096)
    pool = ReqToTokenPool(16, 512, "cpu", False)
    params = CacheInitParams(
        disable=False, req_to_token_pool=pool, token_to_kv_pool_allocator=allocator, page_size=1
    )
    config = SafeKVConfig(
        mode=Mode.SELECTIVE,
        detector=DetectorConfig(tiers=(1,), tier1_engine="re", worker_start_timeout_s=300.0),
        monitor=MonitorConfig(enabled=False),
    )
    cache = runtime.build(params, config, path)
    return cache, MiniScheduler(cache, allocator, pool), tokenizer


def test_sharing_decided_by_a_worker_process():
    cache, sched, tokenizer = selective_cache_with_a_worker()
    rt = cache.safekv_runtime
    assert isinstance(rt.pipeline, RemoteDetector)
    pids = rt.pipeline.worker_pids()
    try:

        def serve(tenant: str, ids: list[int]) -> int:
            req = sched.start(tenant, ids)
            cached = req.prefix_len
            sched.finish(req)
            assert rt.pipeline.wait_idle(60)
            cache.apply_pending()
            return cached

        clean = chat_ids(tokenizer, "What time do you open?")
        secret = chat_ids(tokenizer, "Mail me at jane.doe@gmail.com please")
        system_len = next(i for i, (a, b) in enumerate(zip(clean, secret)) if a != b)
        serve("alice", clean)
        serve("alice", secret)
        # Bob reuses the system prompt alice's worker-judged request made public...
        assert serve("bob", chat_ids(tokenizer, "Where are you?")) >= system_len - 1
        # ...but nothing of alice's secret turn from its first sensitive token on.
        boundary = next(
            i for i in range(len(secret)) if "jane" in tokenizer.decode(secret[: i + 1])
        )
        assert serve("mallory", secret) <= boundary
        assert rt.pipeline.refresh_stats(30)  # the workers' counters, as of now
        stats = rt.stats()
        assert stats["detector"]["counters"].get("jobs_failed", 0) == 0
        assert stats["detector"]["counters"]["jobs_sensitive"] >= 1
        overhead = stats["overhead"]
        assert overhead["scheduler_job_listener_seconds"] > 0
        assert overhead["scheduler_apply_results_seconds"] > 0
        assert overhead["scheduler_thread_cpu_seconds"] > 0
        assert set(overhead["detector_worker_cpu_seconds"]) == {"0"}
    finally:
        rt.close()
    assert all(gone(pid) for pid in pids), "a detector worker outlived close()"


def gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def test_a_prompt_judged_on_arrival_is_decided_at_once_after_its_prefill():
    """The arrival job leaves the decision in the worker's cache: the insert's job reads it
    (cache hits, no new tier-1 run for the prompt's messages) and the prompt is shared."""
    cache, sched, tokenizer = selective_cache_with_a_worker()
    rt = cache.safekv_runtime
    try:

        def counters() -> dict:
            assert rt.pipeline.wait_idle(60)
            assert rt.pipeline.refresh_stats(30)
            return rt.stats()["detector"]["counters"]

        ids = chat_ids(tokenizer, "What time do you open on Sundays?")
        req = sched.start("alice", ids)  # arrival: the job goes out before any prefill
        arrived = counters()
        assert arrived["ahead_jobs_done"] == 1
        misses = arrived["decision_cache_misses"]
        sched.finish(req)  # the insert: its job covers the prompt and the output
        done = counters()
        # the system and user messages come from the cache; only the unfinished last run
        # (the generation prompt, which the arrival job saw without its last token) is new
        assert done["decision_cache_hits"] - arrived.get("decision_cache_hits", 0) >= 2
        assert done["decision_cache_misses"] - misses <= 1
        cache.apply_pending()
        bob = sched.start("bob", ids)
        assert bob.prefix_len == len(ids) - 1
        sched.finish(bob)
    finally:
        rt.close()
