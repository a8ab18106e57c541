"""What a prefix-cache hit saves on a GPU, for a realistic model shape, in plain PyTorch.

SGLang 0.5.23's CUDA path (its pinned torch, sglang-kernel, FlashInfer) cannot be installed on
the GPU machine this project is lent (no network there, and a 64 MiB limit on what travels),
so the `full` eval profile cannot run on it. This script measures the part of that question
a GPU answers without SGLang: the time of a prefill with and without a cached prefix, and of a
decode step, for a decoder of Llama-3-8B's shape (random bf16 weights, SDPA attention, one
GPU), so the scheduler's per-request CPU cost can be put beside a real GPU step and the
timing gap a prefix-probing attacker reads can be sized.

    python eval/gpu_prefill_cost.py --out results/gpu-prefill-h200
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F  # noqa: N812


@dataclass(frozen=True)
class Shape:
    """A Llama-style decoder: grouped-query attention, SwiGLU MLP, RMSNorm."""

    name: str = "llama-3-8b-shape"
    layers: int = 32
    hidden: int = 4096
    heads: int = 32
    kv_heads: int = 8
    intermediate: int = 14336
    vocab: int = 128256


class Decoder:
    """Random weights of ``shape`` on the GPU; forward over new tokens given a KV prefix."""

    def __init__(self, shape: Shape, device: str, dtype: torch.dtype, seed: int = 0) -> None:
        gen = torch.Generator(device=device).manual_seed(seed)
        self.shape, self.device, self.dtype = shape, device, dtype
        self.head_dim = shape.hidden // shape.heads

        def weight(rows: int, cols: int) -> torch.Tensor:
            w = torch.randn(rows, cols, generator=gen, device=device, dtype=dtype)
            return w.mul_(cols**-0.5)

        kv = shape.kv_heads * self.head_dim
        self.layers = [
            {
                "qkv": weight(shape.hidden + 2 * kv, shape.hidden),
                "o": weight(shape.hidden, shape.hidden),
                "gate_up": weight(2 * shape.intermediate, shape.hidden),
                "down": weight(shape.hidden, shape.intermediate),
            }
            for _ in range(shape.layers)
        ]
        self.embed = weight(shape.vocab, shape.hidden)
        self.lm_head = weight(shape.vocab, shape.hidden)

    def empty_cache(self, batch: int, length: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
        size = (batch, self.shape.kv_heads, length, self.head_dim)
        return [
            (
                torch.randn(size, device=self.device, dtype=self.dtype),
                torch.randn(size, device=self.device, dtype=self.dtype),
            )
            for _ in self.layers
        ]

    @torch.inference_mode()
    def forward(self, ids: torch.Tensor, prefix: list | None) -> torch.Tensor:
        """Logits of the last position; ``prefix``: per layer (k, v) of cached tokens."""
        s = self.shape
        batch, new = ids.shape
        x = self.embed[ids]
        groups = s.heads // s.kv_heads
        for i, layer in enumerate(self.layers):
            h = F.rms_norm(x, (s.hidden,))
            q, k, v = (h @ layer["qkv"].T).split(
                [s.hidden, s.kv_heads * self.head_dim, s.kv_heads * self.head_dim], dim=-1
            )
            q = q.view(batch, new, s.heads, self.head_dim).transpose(1, 2)
            k = k.view(batch, new, s.kv_heads, self.head_dim).transpose(1, 2)
            v = v.view(batch, new, s.kv_heads, self.head_dim).transpose(1, 2)
            if prefix is not None:
                k = torch.cat([prefix[i][0], k], dim=2)
                v = torch.cat([prefix[i][1], v], dim=2)
            k = k.repeat_interleave(groups, dim=1)
            v = v.repeat_interleave(groups, dim=1)
            if prefix is None:
                a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            elif new == 1:
                a = F.scaled_dot_product_attention(q, k, v)
            else:
                past = k.shape[2] - new
                mask = torch.ones(new, past + new, dtype=torch.bool, device=self.device)
                mask[:, past:] = torch.ones(new, new, device=self.device).tril().bool()
                a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = x + a.transpose(1, 2).reshape(batch, new, s.hidden) @ layer["o"].T
            h = F.rms_norm(x, (s.hidden,))
            gate, up = (h @ layer["gate_up"].T).chunk(2, dim=-1)
            x = x + (F.silu(gate) * up) @ layer["down"].T
        return F.rms_norm(x[:, -1], (s.hidden,)) @ self.lm_head.T


def timed(fn, repeats: int) -> list[float]:
    """Milliseconds per call, CUDA events, after two warm-up calls."""
    for _ in range(2):
        fn()
    torch.cuda.synchronize()
    out = []
    for _ in range(repeats):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        out.append(start.elapsed_time(end))
    return out


def summary(ms: list[float]) -> dict:
    return {
        "median_ms": statistics.median(ms),
        "min_ms": min(ms),
        "max_ms": max(ms),
        "samples": len(ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--layers", type=int, default=Shape.layers)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("gpu_prefill_cost: no CUDA device; this script measures a GPU")
    shape = Shape(layers=args.layers)
    began = time.perf_counter()
    model = Decoder(shape, "cuda", torch.bfloat16)
    rows = []
    # (batch, cached prefix tokens, new tokens): a system prompt of 1.5k-3k tokens shared,
    # a user turn of 64-512 tokens new; the miss pays the prefix too.
    for batch in (1, 4):
        for prefix_len, new_len in ((1536, 128), (1536, 512), (3072, 128), (3072, 512)):
            ids_miss = torch.randint(0, shape.vocab, (batch, prefix_len + new_len), device="cuda")
            ids_hit = ids_miss[:, prefix_len:]
            cache = model.empty_cache(batch, prefix_len)
            miss = timed(lambda ids=ids_miss: model.forward(ids, None), args.repeats)
            hit = timed(lambda ids=ids_hit, c=cache: model.forward(ids, c), args.repeats)
            rows.append(
                {
                    "batch": batch,
                    "cached_prefix_tokens": prefix_len,
                    "new_tokens": new_len,
                    "miss": summary(miss),
                    "hit": summary(hit),
                    "miss_over_hit": statistics.median(miss) / statistics.median(hit),
                    "saved_ms": statistics.median(miss) - statistics.median(hit),
                }
            )
            del cache
            print(json.dumps(rows[-1]), flush=True)
    decode = []
    for batch, context in ((1, 2048), (32, 2048), (64, 4096)):
        cache = model.empty_cache(batch, context)
        ids = torch.randint(0, shape.vocab, (batch, 1), device="cuda")
        ms = timed(lambda i=ids, c=cache: model.forward(i, c), args.repeats)
        decode.append({"batch": batch, "context_tokens": context, **summary(ms)})
        del cache
        print(json.dumps(decode[-1]), flush=True)
    report = {
        "what": "plain-PyTorch decoder of a realistic shape, random bf16 weights, SDPA; not SGLang",
        "shape": asdict(shape),
        "device": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "prefill": rows,
        "decode_step": decode,
        "wall_s": time.perf_counter() - began,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gpu_prefill_cost.json").write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out / 'gpu_prefill_cost.json'} in {report['wall_s']:.0f} s")


if __name__ == "__main__":
    main()
