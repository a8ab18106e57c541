"""The tenant-aware radix cache (issue 3, DESIGN.md section 2); see README.md here."""

from sglang_safekv.cache.node import State
from sglang_safekv.cache.safe_radix_cache import SafeRadixCache, strip_salt

__all__ = ["SafeRadixCache", "State", "strip_salt"]
