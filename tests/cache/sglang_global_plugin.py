"""pytest plugin: SGLang's ``RadixCache`` is safekv's global-mode cache.

Loaded with ``-p tests.cache.sglang_global_plugin`` before SGLang's own radix-cache tests are
imported, so their ``from sglang.srt.mem_cache.radix_cache import RadixCache`` (and
``RadixCache.create_simulated``) build our subclass. It counts the caches it builds, so a run can
show that the substitution took effect.
"""

from __future__ import annotations

import json
import os

from sglang.srt.mem_cache import radix_cache

from sglang_safekv.cache.global_cache import GlobalRadixCache
from sglang_safekv.config import Mode, SafeKVConfig

BUILT = {"caches": 0}


class GlobalSafeRadixCache(GlobalRadixCache):
    def __init__(self, params, config=None):
        BUILT["caches"] += 1
        super().__init__(params, config or SafeKVConfig(mode=Mode.GLOBAL))


radix_cache.RadixCache = GlobalSafeRadixCache


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("SAFEKV_PLUGIN_REPORT")
    if path:
        with open(path, "w") as f:
            json.dump(BUILT, f)
