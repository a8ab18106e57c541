"""Prefill attention for SGLang's torch-native backend that does not recompute a cached prefix.

Why: SGLang 0.5.23's ``TorchNativeAttnBackend._run_sdpa_forward_extend`` pads each request's new
queries to the whole sequence (cached prefix + new tokens), runs causal attention over
sequence x sequence and keeps the new rows. A prefix-cache hit therefore still pays attention
that grows with the square of the prefix: a fully cached prompt was barely faster to its first
token than the same prompt mostly uncached (measurements: the README, CPU profile). GPU
backends skip the cached rows; without this the CPU profile understates what sharing saves, and
with it the timing side channel the evaluation measures.

What: the same attention for the new rows only (queries of the new tokens against the keys
of the whole sequence, with the causal mask aligned to the last key). Sequences with an
encoder, cross-attention, sliding windows or non-causal layers go to SGLang's own code.

How: an AROUND hook on the method, registered by the plugin in the CPU profile
(``SafeKVConfig.server.cpu_extend_attention_skips_prefix``, on by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch.nn.functional import scaled_dot_product_attention

TARGET = (
    "sglang.srt.layers.attention.torch_native_backend.TorchNativeAttnBackend."
    "_run_sdpa_forward_extend"
)


def extend_attention(
    original: Callable[..., torch.Tensor],
    backend: Any,
    query: torch.Tensor,
    output: torch.Tensor,
    k_cache: torch.Tensor,
    v_cache: torch.Tensor,
    req_to_token: torch.Tensor,
    req_pool_indices: torch.Tensor,
    seq_lens: torch.Tensor,
    extend_prefix_lens: torch.Tensor,
    extend_seq_lens: torch.Tensor,
    encoder_lens: torch.Tensor | None = None,
    scaling: float | None = None,
    enable_gqa: bool = False,
    causal: bool = False,
    is_cross_attn: bool = False,
    sliding_window_size: int | None = None,
) -> torch.Tensor:
    """AROUND hook: ``query``/``output`` are [new tokens, heads, head_dim], packed by request."""
    windowed = sliding_window_size is not None and sliding_window_size > -1
    if encoder_lens is not None or is_cross_attn or not causal or windowed:
        return original(
            backend,
            query,
            output,
            k_cache,
            v_cache,
            req_to_token,
            req_pool_indices,
            seq_lens,
            extend_prefix_lens,
            extend_seq_lens,
            encoder_lens,
            scaling=scaling,
            enable_gqa=enable_gqa,
            causal=causal,
            is_cross_attn=is_cross_attn,
            sliding_window_size=sliding_window_size,
        )
    heads_first = query.movedim(0, 1)  # [heads, tokens, head_dim]
    start = 0
    for i in range(seq_lens.shape[0]):
        n_new = int(extend_seq_lens[i])
        n_prefix = int(extend_prefix_lens[i])
        n_all = int(seq_lens[i])
        if n_prefix + n_new != n_all:
            raise ValueError(f"extend batch: prefix {n_prefix} + new {n_new} != seq {n_all}")
        end = start + n_new
        if n_new == 0:
            continue
        slots = req_to_token[req_pool_indices[i], :n_all]
        q = heads_first[:, start:end, :]
        k = k_cache[slots].movedim(0, 1)
        v = v_cache[slots].movedim(0, 1)
        if k.dtype != q.dtype:
            k, v = k.to(q.dtype), v.to(q.dtype)
        mask = None
        if n_prefix:
            # New token j sits at position n_prefix + j and sees keys 0 .. n_prefix + j.
            rows = torch.arange(n_prefix, n_all, device=q.device).unsqueeze(1)
            mask = torch.arange(n_all, device=q.device).unsqueeze(0) <= rows
        out = scaled_dot_product_attention(
            q.unsqueeze(0),
            k.unsqueeze(0),
            v.unsqueeze(0),
            attn_mask=mask,
            is_causal=mask is None,
            scale=scaling,
            enable_gqa=enable_gqa,
        )
        output[start:end] = out.squeeze(0).movedim(1, 0)
        start = end
    return output
