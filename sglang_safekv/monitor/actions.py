"""What the monitor does when it sees probing, and where that goes.

The monitor decides; an :class:`ActionSink` carries the decision out. :class:`CacheActionSink`
calls the tenant-aware cache (``demote`` withdraws a public node from sharing, private to its
creator with its descendants; ``evict_node`` drops it); :class:`RecordingSink` only records,
for replays and ablations that measure decisions without changing the tree.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Protocol

logger = logging.getLogger("sglang_safekv.monitor")

ACTIONS = ("demote", "evict")
RULES = ("surge", "walk", "budget")


@dataclasses.dataclass(frozen=True)
class MonitorAction:
    """One decision: withdraw ``node_id`` (created by ``creator``) because of ``rule``."""

    time: float
    rule: str  # "surge" (low RDR + jump), "walk" (token-by-token), "budget" (access budget)
    action: str  # "demote" or "evict"
    node_id: int
    creator: str
    tenants: tuple[str, ...]  # the tenants whose hits triggered it (throttled if configured)
    hits: int  # window hits (surge), lifetime hits (budget), walk steps (walk)
    detail: str

    @property
    def reason(self) -> str:
        return f"monitor:{self.rule}: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class ActionSink(Protocol):
    def apply(self, action: MonitorAction) -> bool:
        """Carry out ``action``; True when it took effect."""
        ...


class RecordingSink:
    """Keeps every action and changes nothing (replays, ablations, dry runs)."""

    def __init__(self) -> None:
        self.actions: list[MonitorAction] = []

    def apply(self, action: MonitorAction) -> bool:
        self.actions.append(action)
        return True


class CacheActionSink:
    """Applies actions to a cache with ``demote(node_id, reason)`` and ``evict_node(node_id)``.

    A node that no longer exists (evicted or merged since the event) is not an error for the
    monitor: the cache's exception is logged and the action reported as not applied.
    """

    def __init__(self, cache: Any):
        for name in ("demote", "evict_node"):
            if not callable(getattr(cache, name, None)):
                raise TypeError(f"{type(cache).__name__} has no {name}() for the monitor")
        self.cache = cache

    def apply(self, action: MonitorAction) -> bool:
        try:
            if action.action == "demote":
                result = self.cache.demote(action.node_id, action.reason)
            elif action.action == "evict":
                result = self.cache.evict_node(action.node_id)
            else:
                raise ValueError(f"unknown monitor action {action.action!r}")
        except (KeyError, LookupError, ValueError, RuntimeError) as exc:
            logger.warning("monitor %s of node %d failed: %s", action.action, action.node_id, exc)
            return False
        return result is not False
