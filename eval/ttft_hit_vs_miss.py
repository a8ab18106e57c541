"""Measure how much faster a cache hit is than cold prefill on the embedded model.

Starts the real server (global mode), then for each trial sends a fresh ~N-token prompt twice:
the first is a miss (cold prefill), the second a hit on the same prefix (only the last user
turn differs). Prints median TTFT of each and their ratio. Usage:
    python eval/ttft_hit_vs_miss.py [--tokens 1000] [--trials 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import openai
from faker import Faker

from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.server.launcher import ServeOptions, running_server
from sglang_safekv.tooling.prepare import ensure_artifacts


def ttft(client: openai.OpenAI, messages: list[dict]) -> tuple[float, int, int]:
    start = time.perf_counter()
    stream = client.chat.completions.create(
        model="default",
        messages=messages,
        max_tokens=2,
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
    )
    first = None
    usage = None
    for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content is not None:
            first = time.perf_counter() - start
        if chunk.usage is not None:
            usage = chunk.usage
    cached = usage.prompt_tokens_details.cached_tokens if usage.prompt_tokens_details else 0
    return first or (time.perf_counter() - start), usage.prompt_tokens, cached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tokens", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("--port", type=int, default=30500)
    parser.add_argument("--model-path", default=None)
    args = parser.parse_args()

    fake = Faker("en_US")
    Faker.seed(7)
    opts = ServeOptions(
        config=SafeKVConfig(mode=Mode.GLOBAL),
        model_path=args.model_path,
        host="127.0.0.1",
        port=args.port,
        profile="cpu",
        sglang_args=[],
    )
    misses, hits, rows = [], [], []
    ensure_artifacts(opts.config, opts.model_path)
    with running_server(opts) as base_url:
        client = openai.OpenAI(base_url=base_url + "/v1", api_key="unused")
        for _ in range(3):  # warm up the server's code paths
            ttft(client, [{"role": "user", "content": fake.paragraph()}])
        for trial in range(args.trials):
            doc = " ".join(fake.paragraph(nb_sentences=8) for _ in range(args.tokens // 60))
            base = [{"role": "system", "content": f"Trial {trial}. {doc}"}]
            miss, n, c_miss = ttft(client, [*base, {"role": "user", "content": "Summarize."}])
            hit, n2, c_hit = ttft(client, [*base, {"role": "user", "content": "Shorter."}])
            misses.append(miss)
            hits.append(hit)
            rows.append({"prompt_tokens": n, "miss_cached": c_miss, "hit_cached": c_hit})
    report = {
        "prompt_tokens_median": statistics.median(r["prompt_tokens"] for r in rows),
        "miss_ttft_ms_median": 1000 * statistics.median(misses),
        "hit_ttft_ms_median": 1000 * statistics.median(hits),
        "ratio_miss_over_hit": statistics.median(misses) / statistics.median(hits),
        "hit_cached_tokens_median": statistics.median(r["hit_cached"] for r in rows),
        "miss_cached_tokens_median": statistics.median(r["miss_cached"] for r in rows),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
