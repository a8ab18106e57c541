"""Time to public after a prompt's prefill, judged at arrival or only after the insert.

What ``cache.judge_at_arrival`` changes, isolated from the server: the real SafeRadixCache
with its detector in a real worker process (all three tiers), the tiny model's tokenizer and
real system prompts (the agent-framework prompts of the public corpus, as chat messages).
Per prompt, tenant A's request is matched (its arrival), then its prefill is modelled as a
sleep of ``--prefill-ms`` (on a GPU server the CPU is mostly free while the forward pass
runs; this machine's CPU forward pass leaves the detector no core, see results/detector/
cold-start), then its prompt is inserted; the clock then runs until tenant B's match reaches
the whole prompt. Both settings run in the same process, alternating prompt by prompt.

Usage: python eval/judge_at_arrival.py [--prompts 40] [--prefill-ms 0,50,200]
    [--out results/detector/cold-start/judge_at_arrival.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
import types
from array import array
from pathlib import Path

from sglang.srt.mem_cache.base_prefix_cache import InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixKey

from sglang_safekv import runtime, tenancy
from sglang_safekv.config import CacheConfig, Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.tooling.corpora.public import clip, system_prompts
from sglang_safekv.tooling.tiny_model import ensure_model

TIMEOUT_S = 10.0


def build(at_arrival: bool, model: str):
    params = CacheInitParams(
        disable=False, req_to_token_pool=None, token_to_kv_pool_allocator=None, page_size=1
    )
    config = SafeKVConfig(
        mode=Mode.SELECTIVE,
        cache=CacheConfig(judge_at_arrival=at_arrival),
        monitor=MonitorConfig(enabled=False),
    )
    return runtime.build(params, config, model)


def key(ids: list[int], tenant: str, limit: int | None = None) -> RadixKey:
    tokens = array("q", ids if limit is None else ids[:limit])
    return RadixKey(tokens, None, cache_salt=tenancy.stamp(tenant))


def time_to_public(cache, ids: list[int], prefill_s: float, n: int) -> float | None:
    """Seconds from A's insert until B's match covers A's prompt (None: not within TIMEOUT_S)."""
    a, b = f"tenant-a-{n}", f"tenant-b-{n}"
    req = types.SimpleNamespace(rid=f"a-{n}")
    # SGLang matches all but the last prompt token on arrival
    cache.match_prefix(MatchPrefixParams(key=key(ids, a, len(ids) - 1), req=req))
    time.sleep(prefill_s)
    cache.insert(InsertParams(key=key(ids, a)))
    t0 = time.monotonic()
    want = len(ids) - 1
    while time.monotonic() - t0 < TIMEOUT_S:
        cache.apply_pending()
        if cache.match_prefix(MatchPrefixParams(key=key(ids, b, want))).device_prefix_len >= want:
            return time.monotonic() - t0
        time.sleep(0.0005)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--prompts", type=int, default=40)
    ap.add_argument("--chars", type=int, default=1600)
    ap.add_argument("--prefill-ms", default="0,50,200")
    ap.add_argument("--out", default="results/detector/cold-start/judge_at_arrival.json")
    args = ap.parse_args()
    logging.getLogger("sglang_safekv").setLevel(logging.WARNING)
    from transformers import AutoTokenizer

    model = str(ensure_model())
    tokenizer = AutoTokenizer.from_pretrained(model, local_files_only=True)

    def prompts(round_: int) -> list[list[int]]:
        """The prompts as chat requests, marked with the round: new content in every round."""
        out = []
        for d in system_prompts(n=args.prompts):
            messages = [
                {"role": "system", "content": f"({round_}) {clip(d.text, args.chars)}"},
                {"role": "user", "content": "Hello, what can you do?"},
            ]
            ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
            out.append(list(ids["input_ids"] if hasattr(ids, "keys") else ids))
        return out

    caches = {"at arrival": build(True, model), "after insert": build(False, model)}
    rows = []
    try:
        for prefill_ms in (float(x) for x in args.prefill_ms.split(",")):
            times: dict[str, list[float | None]] = {name: [] for name in caches}
            for i, ids in enumerate(prompts(len(rows))):
                order = list(caches) if i % 2 == 0 else list(caches)[::-1]
                for name in order:
                    n = len(rows) * 10_000 + i
                    times[name].append(time_to_public(caches[name], ids, prefill_ms / 1000, n))
            row: dict = {"prefill_ms": prefill_ms, "prompts": args.prompts}
            for name, got in times.items():
                done = sorted(t for t in got if t is not None)
                row[name] = {
                    "times_ms": [None if t is None else round(1000 * t, 2) for t in got],
                    "public": len(done),
                    "p50_ms": 1000 * statistics.median(done) if done else None,
                    "p90_ms": 1000 * done[int(0.9 * (len(done) - 1))] if done else None,
                }
            rows.append(row)
            print(json.dumps(row)[:400], flush=True)
    finally:
        for cache in caches.values():
            cache.safekv_runtime.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"settings": vars(args), "rows": rows}, indent=1) + "\n")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
