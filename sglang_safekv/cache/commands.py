"""Typed commands for the tree, queued when they arrive where the tree may not change.

The detector and the monitor act on the cache from inside its own listener callbacks (the
cache is in the middle of an operation there) and the operator's declarations ride on a match.
Such calls are queued as one of these commands and applied, in order, at the start of the
cache's next operation (``StateTransitions.run``).
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.cache.events import DetectionResult


@dataclasses.dataclass(frozen=True, slots=True)
class ApplyResult:
    """Apply a detector verdict."""

    result: DetectionResult


@dataclasses.dataclass(frozen=True, slots=True)
class Demote:
    """Withdraw a public node (and the public nodes below it) from sharing."""

    node_id: int
    reason: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class EvictNode:
    """Free a node and its subtree (hide it while a request locks it)."""

    node_id: int


@dataclasses.dataclass(frozen=True, slots=True)
class DeclarePublic:
    """Promote the cached content of an operator-declared public prefix."""

    tokens: tuple[int, ...]
    extra_key: str | None = None


Command = ApplyResult | Demote | EvictNode | DeclarePublic
