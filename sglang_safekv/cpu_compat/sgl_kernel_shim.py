"""Torch-native stand-ins for the ``sgl_kernel`` functions SGLang's CPU engine reaches.

Loaded under the module name ``sgl_kernel`` by :mod:`sglang_safekv.cpu_compat`. Each function
mirrors the calling convention of its SGLang call site (named in its docstring). Names that
are imported but have no CPU implementation here resolve to a stub that raises when called.
"""

from __future__ import annotations

import ctypes

import torch

IS_SAFEKV_CPU_SHIM = True


def assign_req_to_token_pool_cpu(
    req_pool_indices: torch.Tensor,
    req_to_token: torch.Tensor,
    start_offset: torch.Tensor,
    end_offset: torch.Tensor,
    out_cache_loc: torch.Tensor,
    pool_len: int,
) -> None:
    """sglang.srt.mem_cache.allocation.assign_req_to_token_pool_func: write each request's
    newly allocated KV slots into its row, ``out_cache_loc`` being the concatenation."""
    del pool_len  # the row length is req_to_token.shape[1]
    starts = start_offset.tolist()
    ends = end_offset.tolist()
    rows = req_pool_indices.tolist()
    offset = 0
    for row, start, end in zip(rows, starts, ends, strict=True):
        n = end - start
        if n > 0:
            req_to_token[row, start:end] = out_cache_loc[offset : offset + n].to(req_to_token.dtype)
        offset += n


def copy_all_layer_kv_cache_cpu(
    data_ptrs: torch.Tensor,
    strides: torch.Tensor,
    tgt_loc: torch.Tensor,
    src_loc: torch.Tensor,
) -> None:
    """sglang.kernels.ops.kvcache.cache_move.copy_all_layer_kv_cache_func: for every KV
    buffer (given by raw data pointer and row stride in bytes) copy row src[i] to tgt[i]."""
    ptrs = data_ptrs.tolist()
    row_bytes = strides.tolist()
    pairs = list(zip(src_loc.tolist(), tgt_loc.tolist(), strict=True))
    for base, stride in zip(ptrs, row_bytes, strict=True):
        for src, tgt in pairs:
            if src != tgt:
                ctypes.memmove(base + tgt * stride, base + src * stride, stride)


def _missing(name: str):
    def _raise(*args, **kwargs):
        raise NotImplementedError(
            f"sgl_kernel.{name} has no CPU implementation: sglang_safekv.cpu_compat only "
            "covers non-speculative serving. Install an official sgl-kernel build for this "
            "feature, or turn the feature off."
        )

    _raise.__name__ = name
    return _raise


def __getattr__(name: str):
    # Dunder lookups (__path__, __spec__ probes, ...) must fail normally.
    if name.startswith("__"):
        raise AttributeError(name)
    return _missing(name)
