"""The tenant-aware radix cache and its SGLang backend factory."""

from sglang_safekv.cache.safe_radix_cache import SafeRadixCache

__all__ = ["SafeRadixCache"]
