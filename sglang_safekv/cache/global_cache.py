"""Global mode: SGLang's own RadixCache, with the tenant stamp stripped so all tenants share.

Everything else is stock. The safekv API the server and tools call exists here too, as the
no-ops that global mode means: no listeners are called, results and monitor actions are
ignored (and counted), nothing is private.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sglang.srt.mem_cache.base_prefix_cache import (
    InsertParams,
    InsertResult,
    MatchPrefixParams,
    MatchResult,
)
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey

from sglang_safekv.cache.events import DetectionResult
from sglang_safekv.cache.listeners import listener_hooks
from sglang_safekv.cache.tree import strip_salt
from sglang_safekv.config import Mode, SafeKVConfig


class GlobalRadixCache(RadixCache):
    """Stock sharing across tenants (``mode = "global"``)."""

    def __init__(self, params: CacheInitParams, config: SafeKVConfig | None = None):
        self.config = config or SafeKVConfig(mode=Mode.GLOBAL)
        self.mode = Mode.GLOBAL
        self.match_calls = 0
        self.insert_calls = 0
        self.hit_tokens = 0
        super().__init__(params)

    def match_prefix(self, params: MatchPrefixParams) -> MatchResult:
        self.match_calls += 1
        key = params.key
        salt = key.cache_salt
        if salt is None:
            result = super().match_prefix(params)
        else:
            # Stock matching never keeps the key object, so the stamp is lifted for the call
            # and put back (cheaper than a stripped copy on this hot path).
            key.cache_salt = None
            try:
                result = super().match_prefix(params)
            finally:
                key.cache_salt = salt
        self.hit_tokens += result.device_prefix_len
        return result

    def insert(self, params: InsertParams) -> InsertResult:
        self.insert_calls += 1
        params.key = strip_salt(params.key)
        return super().insert(params)

    def touch_prefix(self, key: RadixKey) -> None:
        super().touch_prefix(strip_salt(key))

    # ------------------------------------------------------------------ safekv API: no-ops

    def add_listener(self, listener: Any) -> None:
        """Accepted for a uniform API; global mode emits no jobs and no match events."""
        listener_hooks(listener)  # the same check as selective mode's registration

    def post(self, result: DetectionResult) -> None:
        """Detector results mean nothing here: everything is shared already."""

    apply_detection = post

    def apply_pending(self) -> None:
        """Nothing is ever queued in global mode."""

    def set_sharing_throttle(self, is_throttled: Callable[[str], bool] | None) -> None:
        """Global mode shares everything with everyone: there is nothing to throttle."""

    def declare_public(self, token_ids: Sequence[int], extra_key: str | None = None) -> int:
        return 0

    def demote(self, node_id: int, reason: str = "") -> bool:
        return False

    def evict_node(self, node_id: int) -> bool:
        return False

    def node_info(self, node_id: int) -> dict[str, Any] | None:
        return None

    def private_tokens(self, tenant: str) -> int:
        return 0

    def safekv_timing(self) -> dict[str, float]:
        return {
            "scheduler_job_listener_seconds": 0.0,
            "scheduler_match_listener_seconds": 0.0,
            "scheduler_apply_results_seconds": 0.0,
        }

    def safekv_stats(self) -> dict[str, Any]:
        return {
            "backend": "SafeRadixCache",
            "mode": self.mode.value,
            "match_calls": self.match_calls,
            "insert_calls": self.insert_calls,
            "hit_tokens": self.hit_tokens,
            "cached_tokens": self.total_size(),
            "evictable_tokens": self.evictable_size_,
            "protected_tokens": self.protected_size_,
        }
