"""The tenant-aware radix cache and its SGLang backend factory.

``SafeRadixCache`` is imported lazily: importing it pulls in much of SGLang (~10 s), which the
event types in :mod:`sglang_safekv.cache.events` do not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sglang_safekv.cache.safe_radix_cache import SafeRadixCache

__all__ = ["SafeRadixCache"]


def __getattr__(name: str) -> Any:
    if name == "SafeRadixCache":
        from sglang_safekv.cache.safe_radix_cache import SafeRadixCache

        return SafeRadixCache
    raise AttributeError(name)
