"""Global mode is stock SGLang: the same random operations on the stock RadixCache (with the
tenant stamps removed, which is what sharing across tenants means) and on SafeRadixCache in
global mode (with stamps) give the same matches, the same KV slots, sizes and frees."""

from __future__ import annotations

import itertools
import types
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sglang.srt.mem_cache import radix_cache
from sglang.srt.mem_cache.base_prefix_cache import EvictParams, InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey

from sglang_safekv import tenancy
from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.config import Mode, SafeKVConfig

from .harness import FakeKVAllocator

TENANTS = [None, "t0", "t1", "t2"]
tokens = st.lists(st.integers(1, 5), min_size=1, max_size=8)
ops = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(TENANTS), tokens),
    st.tuples(st.just("match"), st.sampled_from(TENANTS), tokens, st.booleans()),
    st.tuples(st.just("unlock"), st.integers(0, 10)),
    st.tuples(st.just("evict"), st.integers(1, 12)),
)


@pytest.fixture
def fake_clock(monkeypatch):
    """A strictly increasing clock, so LRU order never depends on timing."""
    tick = itertools.count(1)
    clock = types.SimpleNamespace(
        monotonic=lambda: float(next(tick)), perf_counter=lambda: float(next(tick))
    )
    monkeypatch.setattr(radix_cache, "time", clock)
    return clock


def build(cls, page_size):
    allocator = FakeKVAllocator(10_000, page_size)
    params = CacheInitParams(
        disable=False,
        req_to_token_pool=None,
        token_to_kv_pool_allocator=allocator,
        page_size=page_size,
    )
    if cls is RadixCache:
        return RadixCache(params), allocator
    return SafeRadixCache(params, SafeKVConfig(mode=Mode.GLOBAL)), allocator


def path_values(cache, node):
    return cache.path_device_indices(node).tolist()


@pytest.mark.parametrize("page_size", [1, 2])
def test_global_mode_equals_stock(fake_clock, page_size):
    @settings(max_examples=100, deadline=None)
    @given(st.lists(ops, min_size=5, max_size=60))
    def run(sequence):
        stock, stock_alloc = build(RadixCache, page_size)
        safe, safe_alloc = build(SafeRadixCache, page_size)
        locks: list[tuple] = []
        for op in sequence:
            kind = op[0]
            if kind == "insert":
                _, tenant, toks = op
                n = len(toks) - len(toks) % page_size
                values = stock_alloc.alloc(n)
                assert safe_alloc.alloc(n).tolist() == values.tolist()
                salt = tenancy.stamp(tenant) if tenant else None
                r1 = stock.insert(InsertParams(key=RadixKey(array("q", toks)), value=values))
                r2 = safe.insert(
                    InsertParams(key=RadixKey(array("q", toks), cache_salt=salt), value=values)
                )
                assert r1.prefix_len == r2.prefix_len
                # the insert's caller frees the slots the tree already had
                stock_alloc.free(values[: r1.prefix_len])
                safe_alloc.free(values[: r2.prefix_len])
            elif kind == "match":
                _, tenant, toks, lock = op
                salt = tenancy.stamp(tenant) if tenant else None
                m1 = stock.match_prefix(MatchPrefixParams(key=RadixKey(array("q", toks))))
                m2 = safe.match_prefix(
                    MatchPrefixParams(key=RadixKey(array("q", toks), cache_salt=salt))
                )
                assert m1.device_prefix_len == m2.device_prefix_len
                assert path_values(stock, m1.last_device_node) == path_values(
                    safe, m2.last_device_node
                )
                if lock:
                    locks.append((stock.lock(m1.last_device_node), safe.lock(m2.last_device_node)))
            elif kind == "unlock" and locks:
                l1, l2 = locks.pop(op[1] % len(locks))
                stock.unlock(l1)
                safe.unlock(l2)
            elif kind == "evict":
                e1 = stock.evict(EvictParams(num_tokens=op[1]))
                e2 = safe.evict(EvictParams(num_tokens=op[1]))
                assert e1.num_tokens_evicted == e2.num_tokens_evicted
            assert stock.evictable_size() == safe.evictable_size()
            assert stock.protected_size() == safe.protected_size()
            assert stock.total_size() == safe.total_size()
            assert len(stock.evictable_leaves) == len(safe.evictable_leaves)
            assert stock_alloc.freed == safe_alloc.freed

    run()
