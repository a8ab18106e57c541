"""The CPU prefill attention that skips cached prefixes matches SGLang's own, row for row."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.cpu_compat import extend_attention

backend_mod = pytest.importorskip("sglang.srt.layers.attention.torch_native_backend")
Backend = backend_mod.TorchNativeAttnBackend
ORIGINAL = Backend._run_sdpa_forward_extend


def _batch(prefixes, news, heads=4, kv_heads=4, dim=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    total = sum(p + n for p, n in zip(prefixes, news))
    slots = torch.randperm(total + 8, generator=g)[:total]  # scattered KV slots, as in a pool
    k_cache = torch.randn(total + 8, kv_heads, dim, generator=g)
    v_cache = torch.randn(total + 8, kv_heads, dim, generator=g)
    width = max(p + n for p, n in zip(prefixes, news))
    req_to_token = torch.zeros(len(prefixes), width, dtype=torch.int64)
    at = 0
    for i, (p, n) in enumerate(zip(prefixes, news)):
        req_to_token[i, : p + n] = slots[at : at + p + n]
        at += p + n
    query = torch.randn(sum(news), heads, dim, generator=g)
    t = lambda xs: torch.tensor(xs, dtype=torch.int64)  # noqa: E731
    return dict(
        query=query,
        k_cache=k_cache,
        v_cache=v_cache,
        req_to_token=req_to_token,
        req_pool_indices=t(list(range(len(prefixes)))),
        seq_lens=t([p + n for p, n in zip(prefixes, news)]),
        extend_prefix_lens=t(prefixes),
        extend_seq_lens=t(news),
    )


def _args(b):
    """The method's positional arguments after ``self``, with a fresh output buffer."""
    return (
        b["query"],
        torch.zeros_like(b["query"]),
        b["k_cache"],
        b["v_cache"],
        b["req_to_token"],
        b["req_pool_indices"],
        b["seq_lens"],
        b["extend_prefix_lens"],
        b["extend_seq_lens"],
    )


def _run(fn, b, **kw):
    backend = object.__new__(Backend)
    if fn is ORIGINAL:
        return ORIGINAL(backend, *_args(b), **kw)
    return extend_attention.extend_attention(ORIGINAL, backend, *_args(b), **kw)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 24)), min_size=1, max_size=4),
    st.booleans(),
)
def test_same_rows_as_sglangs_extend_attention(reqs, gqa):
    prefixes, news = [p for p, _ in reqs], [n for _, n in reqs]
    b = _batch(prefixes, news, kv_heads=2 if gqa else 4)
    kw = dict(scaling=0.3, enable_gqa=gqa, causal=True)
    torch.testing.assert_close(_run(extend_attention, b, **kw), _run(ORIGINAL, b, **kw))


def test_a_cached_prefix_changes_the_result():
    # The new rows must attend to the prefix: dropping it would change them (guards the mask).
    b = _batch([12], [5], seed=3)
    full = _run(extend_attention, b, causal=True)
    b["extend_prefix_lens"][0] = 0
    b["seq_lens"][0] = 5
    b["req_to_token"][0, :5] = b["req_to_token"][0, 12:17].clone()
    alone = _run(extend_attention, b, causal=True)
    assert not torch.allclose(full, alone)


def test_unsupported_layers_go_to_sglangs_code():
    b = _batch([6, 0], [3, 4])
    calls = []

    def spy(*args, **kwargs):
        calls.append(1)
        return ORIGINAL(*args, **kwargs)

    for n, kw in enumerate((dict(causal=False), dict(causal=True, sliding_window_size=4)), 1):
        extend_attention.extend_attention(spy, object.__new__(Backend), *_args(b), **kw)
        assert len(calls) == n, kw


def test_inconsistent_lengths_are_refused():
    b = _batch([4], [3])
    b["seq_lens"][0] = 9
    with pytest.raises(ValueError, match="prefix 4 \\+ new 3 != seq 9"):
        _run(extend_attention, b, causal=True)


def test_plugin_registers_the_hook_only_for_the_cpu_engine(monkeypatch):
    from sglang_safekv import plugin

    monkeypatch.delenv("SAFEKV_CONFIG_JSON", raising=False)
    monkeypatch.setenv("SGLANG_USE_CPU_ENGINE", "1")
    assert plugin.cpu_extend_attention_wanted()
    monkeypatch.setenv(
        "SAFEKV_CONFIG_JSON", '{"server": {"cpu_extend_attention_skips_prefix": false}}'
    )
    assert not plugin.cpu_extend_attention_wanted()
    monkeypatch.delenv("SAFEKV_CONFIG_JSON")
    monkeypatch.delenv("SGLANG_USE_CPU_ENGINE")
    assert not plugin.cpu_extend_attention_wanted()
