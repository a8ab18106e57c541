"""Assembles the safekv cache with its detector and monitor in SGLang's scheduler process.

request -> tenant (stamped by the front end) -> match -> insert -> ClassificationJob ->
DetectionPipeline (worker threads) -> cache.post -> promotion/demotion on the scheduler thread;
cross-tenant matches -> MatchEvent -> RDRMonitor -> cache.demote / cache.evict_node.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.config import Mode, SafeKVConfig

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class SafeKVRuntime:
    """The parts attached to one cache; kept on the cache as ``cache.safekv_runtime``."""

    cache: SafeRadixCache
    pipeline: Any = None  # DetectionPipeline, in selective mode with the detector on
    monitor: Any = None  # RDRMonitor, in selective mode with the monitor on

    def stats(self) -> dict[str, Any]:
        out = self.cache.safekv_stats()
        if self.pipeline is not None:
            out["detector"] = self.pipeline.stats()
        if self.monitor is not None:
            out["monitor"] = self.monitor.stats()
        return out

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.close()


def build(params: Any, config: SafeKVConfig, tokenizer_path: str | None) -> SafeRadixCache:
    """The cache for ``config.mode``, with the detector and monitor attached in selective mode.

    In selective mode every configured detector tier must load: a server that started without
    one would keep, silently, almost everything private. Tiers that fail later (a crash, a
    timeout) fail closed: logged, counted, and the content stays private.
    """
    cache = SafeRadixCache(params, config)
    runtime = SafeKVRuntime(cache)
    if config.mode is Mode.SELECTIVE:
        if config.detector.enabled:
            if not tokenizer_path:
                raise ValueError("the safekv detector needs the model's tokenizer path")
            from sglang_safekv.detect.pipeline import DetectionPipeline

            runtime.pipeline = DetectionPipeline(config.detector, tokenizer_path, cache.post)
            runtime.pipeline.start()
            refuse_degraded_detector(runtime.pipeline)
            cache.add_listener(runtime.pipeline)
        else:
            logger.warning(
                "safekv: detector disabled in selective mode: only operator-declared prefixes "
                "become public"
            )
        if config.monitor.enabled:
            from sglang_safekv.monitor import CacheActionSink, RDRMonitor

            runtime.monitor = RDRMonitor(config.monitor, CacheActionSink(cache))
            cache.add_listener(runtime.monitor)
            if config.monitor.throttle_s > 0:
                cache.set_sharing_throttle(runtime.monitor.is_throttled)
    cache.safekv_runtime = runtime
    return cache


def refuse_degraded_detector(pipeline: Any) -> None:
    """Stop start-up when a configured tier did not load, naming why and what to run."""
    unavailable = pipeline.stats().get("unavailable") or {}
    if unavailable:
        pipeline.close()
        reasons = "; ".join(f"{name}: {why}" for name, why in sorted(unavailable.items()))
        raise RuntimeError(
            f"safekv: selective mode needs every configured detector tier, and {reasons}. "
            "Build the detector model with `sglang-safekv build-detector-model`, or set "
            "[detector] tiers in the --safekv-config file to the tiers you want."
        )


def stats_of(tree_cache: Any) -> dict[str, Any] | None:
    runtime = getattr(tree_cache, "safekv_runtime", None)
    return runtime.stats() if runtime is not None else None
