"""Assembles the safekv cache with its detector and monitor in SGLang's scheduler process.

request -> tenant (stamped by the front end) -> match -> insert -> ClassificationJob ->
RemoteDetector (detector worker processes; or DetectionPipeline threads in this process) ->
cache.post -> promotion/demotion on the scheduler thread; cross-tenant matches -> MatchEvent ->
RDRMonitor -> cache.demote / cache.evict_node.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import Any

from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.cache.global_cache import GlobalRadixCache
from sglang_safekv.config import Mode, SafeKVConfig

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class SafeKVRuntime:
    """The parts attached to one cache; kept on the cache as ``cache.safekv_runtime``."""

    cache: SafeRadixCache | GlobalRadixCache
    # RemoteDetector or DetectionPipeline, in selective mode with the detector on
    pipeline: Any = None
    monitor: Any = None  # RDRMonitor, in selective mode with the monitor on
    scheduler_thread: int = dataclasses.field(default_factory=threading.get_ident)
    started: float = dataclasses.field(default_factory=time.monotonic)

    def stats(self) -> dict[str, Any]:
        out = self.cache.safekv_stats()
        if self.pipeline is not None:
            out["detector"] = self.pipeline.stats()
        if self.monitor is not None:
            out["monitor"] = self.monitor.stats()
        out["overhead"] = self.overhead()
        return out

    def overhead(self) -> dict[str, Any]:
        """CPU seconds per process and the scheduler thread's time spent on safekv's listeners
        and results, so a report can state the scheduler time lost to detection."""
        out: dict[str, Any] = {
            "wall_seconds": time.monotonic() - self.started,
            "scheduler_process_cpu_seconds": time.process_time(),
            "scheduler_thread_cpu_seconds": thread_cpu_seconds(self.scheduler_thread),
            **self.cache.safekv_timing(),
        }
        if hasattr(self.pipeline, "overhead"):
            out.update(self.pipeline.overhead())
        elif self.pipeline is not None:  # threads in this process
            out["detector_cpu_seconds"] = sum(
                thread_cpu_seconds(t.ident)
                for t in threading.enumerate()
                if t.name.startswith("safekv-detector") and t.ident is not None
            )
        return out

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.close()


def build(
    params: Any, config: SafeKVConfig, tokenizer_path: str | None
) -> SafeRadixCache | GlobalRadixCache:
    """The cache for ``config.mode``, with the detector and monitor attached in selective mode.

    In selective mode every configured detector tier must load: a server that started without
    one would keep, silently, almost everything private. Tiers that fail later (a crash, a
    timeout) fail closed: logged, counted, and the content stays private.
    """
    if config.mode is Mode.GLOBAL:
        cache: SafeRadixCache | GlobalRadixCache = GlobalRadixCache(params, config)
    else:
        cache = SafeRadixCache(params, config)
    runtime = SafeKVRuntime(cache)
    if isinstance(cache, SafeRadixCache) and config.mode is Mode.SELECTIVE:
        if config.detector.enabled:
            if not tokenizer_path:
                raise ValueError("the safekv detector needs the model's tokenizer path")
            runtime.pipeline = detector_for(config, tokenizer_path, cache)
            runtime.pipeline.start()
            refuse_degraded_detector(runtime.pipeline)
            cache.add_listener(runtime.pipeline)
            if config.cache.later_messages_on_demand:  # the tokenizer loads only for it
                cache.set_message_markers(message_markers(tokenizer_path))
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


def message_markers(tokenizer_path: str) -> frozenset[int]:
    """The tokenizer's special token ids: a chat template's role markers among them are the
    message boundaries the cache finds in a fresh prompt (cache/demand.py)."""
    from transformers import AutoTokenizer

    from sglang_safekv.detect.tokens import special_token_ids

    return special_token_ids(AutoTokenizer.from_pretrained(tokenizer_path, local_files_only=True))


def detector_for(config: SafeKVConfig, tokenizer_path: str, cache: SafeRadixCache) -> Any:
    """The configured detector executor, not started: worker processes or in-process threads."""
    executor = config.detector.executor
    if executor == "process":
        from sglang_safekv.detect.remote import RemoteDetector

        return RemoteDetector(config.detector, tokenizer_path, cache.post)
    if executor == "thread":
        from sglang_safekv.detect.pipeline import DetectionPipeline

        return DetectionPipeline(config.detector, tokenizer_path, cache.post)
    raise ValueError(f"detector.executor must be 'process' or 'thread', not {executor!r}")


def thread_cpu_seconds(ident: int | None) -> float:
    """CPU seconds of a live thread of this process (0.0 once it has ended)."""
    if ident is None:  # a thread that has not started
        return 0.0
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))
    except (OSError, TypeError, AttributeError):
        return 0.0


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
