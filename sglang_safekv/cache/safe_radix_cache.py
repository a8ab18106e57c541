"""SafeRadixCache: SGLang's RadixCache with tenants (foundation version: global mode only)."""

from __future__ import annotations

from typing import Any

from sglang.srt.mem_cache.base_prefix_cache import (
    InsertParams,
    InsertResult,
    MatchPrefixParams,
    MatchResult,
)
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey

from sglang_safekv import tenancy
from sglang_safekv.config import Mode, SafeKVConfig


def strip_salt(key: RadixKey) -> RadixKey:
    """The same key without its tenant stamp: tenants are not tree namespaces here."""
    if key.cache_salt is None:
        return key
    return RadixKey(
        key.token_ids,
        key.extra_key,
        is_bigram=key.is_bigram,
        limit=key.limit,
        cache_salt=None,
    )


class SafeRadixCache(RadixCache):
    def __init__(self, params: CacheInitParams, config: SafeKVConfig | None = None):
        self.config = config or SafeKVConfig()
        self.mode = self.config.mode
        if self.mode != Mode.GLOBAL:
            raise NotImplementedError(f"safekv mode {self.mode.value!r} is not built yet")
        self.match_calls = 0
        self.insert_calls = 0
        self.hit_tokens = 0
        super().__init__(params)

    def match_prefix(self, params: MatchPrefixParams) -> MatchResult:
        self.match_calls += 1
        params.key = strip_salt(params.key)
        result = super().match_prefix(params)
        self.hit_tokens += result.device_prefix_len
        return result

    def insert(self, params: InsertParams) -> InsertResult:
        self.insert_calls += 1
        params.key = strip_salt(params.key)
        return super().insert(params)

    def touch_prefix(self, key: RadixKey) -> None:
        super().touch_prefix(strip_salt(key))

    def safekv_stats(self) -> dict[str, Any]:
        return {
            "backend": type(self).__name__,
            "mode": self.mode.value,
            "match_calls": self.match_calls,
            "insert_calls": self.insert_calls,
            "hit_tokens": self.hit_tokens,
            "cached_tokens": self.total_size(),
        }


def tenant_of_request(key: RadixKey, req: Any) -> str:
    return tenancy.tenant_of(key.cache_salt, getattr(req, "rid", None))
