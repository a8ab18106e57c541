"""The cache's listeners (detector, monitor): registration, safe dispatch, time spent.

Listeners are called synchronously on the scheduler thread and must return fast; an exception
in one is logged and counted, never raised into the scheduler. While a listener runs, the
cache is inside an operation: ``in_callback`` tells the cache to queue what the listener asks
for instead of changing the tree under its own feet.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sglang_safekv.cache.events import ClassificationJob, MatchEvent

logger = logging.getLogger(__name__)

EVENT_DEDUP_REQUESTS = 4096  # requests whose MatchEvents are de-duplicated across re-matches


HOOKS = ("on_classification_job", "on_match", "on_insert")


def listener_hooks(listener: Any) -> tuple[Any, ...]:
    """A CacheListener's (on_classification_job, on_match, on_insert), None where missing;
    a listener with none of them is a mistake."""
    hooks = tuple(getattr(listener, name, None) for name in HOOKS)
    if all(h is None for h in hooks):
        raise TypeError(f"{listener!r} has none of {', '.join(HOOKS)}")
    return hooks


class CacheListeners:
    """Job and match listeners, and the per-request marks that keep match events unique."""

    def __init__(self, count: Callable[[str], None]):
        self._count = count
        self.on_job: list[Callable[[ClassificationJob], None]] = []
        self.on_match: list[Callable[[MatchEvent], None]] = []
        # After each selective-mode insert, with its tenant: an insert follows its request's
        # match, whether or not it sent a job (dormant content sends none).
        self.on_insert: list[Callable[[str], None]] = []
        self.in_callback = False
        # Scheduler-thread seconds in listeners (job enqueue, match events).
        self.seconds = {"jobs": 0.0, "matches": 0.0, "inserts": 0.0}
        self._seen: OrderedDict[Any, set[tuple[int, int, int]]] = OrderedDict()

    def add(self, listener: Any) -> None:
        """Register a CacheListener (any of its methods may be missing)."""
        on_job, on_match, on_insert = listener_hooks(listener)
        if on_job is not None:
            self.on_job.append(on_job)
        if on_match is not None:
            self.on_match.append(on_match)
        if on_insert is not None:
            self.on_insert.append(on_insert)

    def clear_marks(self) -> None:
        """The tree was reset: node ids start over, so earlier marks mean nothing."""
        self._seen.clear()

    def first_time(self, rid: Any, mark: tuple[int, int, int]) -> bool:
        """False if request ``rid`` already reported (node, depth, matched length) ``mark``."""
        if rid is None:
            return True
        seen = self._seen.get(rid)
        if seen is None:
            seen = self._seen[rid] = set()
            if len(self._seen) > EVENT_DEDUP_REQUESTS:
                self._seen.popitem(last=False)
        if mark in seen:
            return False
        seen.add(mark)
        return True

    def job(self, job: ClassificationJob) -> None:
        self.dispatch(self.on_job, job, "jobs")

    def match(self, event: MatchEvent) -> None:
        self.dispatch(self.on_match, event, "matches")

    def dispatch(self, listeners: list[Callable[[Any], None]], item: Any, kind: str) -> None:
        outer = self.in_callback
        self.in_callback = True
        t0 = time.perf_counter()
        try:
            for fn in listeners:
                try:
                    fn(item)
                except Exception:  # a broken listener must not take the scheduler down
                    self._count("listener_errors")
                    logger.exception("safekv: cache listener failed on %r", type(item).__name__)
        finally:
            self.in_callback = outer
            self.seconds[kind] += time.perf_counter() - t0
