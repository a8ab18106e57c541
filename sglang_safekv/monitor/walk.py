"""The signature of a token-by-token probe: successive matches ending one token deeper.

An attacker who reconstructs another tenant's prompt guesses one token at a time: wrong guesses
end its match where the previous one ended, a right guess ends it one token further into the
same content. Measured in absolute depth (where a match stopped), this holds whether the cache
reports the node it matched into or the fragment a split made of it.

A :class:`Frontier` follows one such sequence: a match ending exactly one token beyond the
frontier is a step; ending at or above it (a wrong guess, or earlier content re-read) changes
nothing; ending further beyond restarts the count there (that tenant already had those tokens).
The monitor keeps one frontier per shared content unit (all tenants together, which catches
colluding accounts taking turns) and one per (tenant, creator) (which catches one account
walking across several units).
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.monitor.bounded import LRUTable


@dataclasses.dataclass(slots=True)
class Frontier:
    depth: int = -1  # deepest end seen so far; -1 before the first match
    steps: int = 0  # successive one-token advances up to ``depth``

    def advance(self, end: int) -> int:
        """Account a match that ended at ``end``; returns the current step count."""
        if self.depth < 0 or end > self.depth + 1:
            self.depth, self.steps = end, 0
        elif end == self.depth + 1:
            self.depth, self.steps = end, self.steps + 1
        return self.steps


@dataclasses.dataclass(frozen=True)
class WalkDetection:
    tenant: str
    creator: str
    node_id: int  # the deepest node of the match that completed the walk
    depth: int  # where that match ended
    steps: int


class TenantWalks:
    """Per (tenant, creator) frontiers, bounded; detects ``walk_steps`` one-token advances."""

    def __init__(self, walk_steps: int, cap: int):
        if walk_steps < 1:
            raise ValueError(f"walk_steps must be >= 1, got {walk_steps}")
        self.walk_steps = walk_steps
        self._walks: LRUTable[tuple[str, str], Frontier] = LRUTable(cap)

    def __len__(self) -> int:
        return len(self._walks)

    def close_match(
        self, tenant: str, creator: str, end: int, node_id: int
    ) -> WalkDetection | None:
        """Account one finished match of ``tenant`` whose deepest foreign node ended at ``end``."""
        key = (tenant, creator)
        frontier = self._walks.get_or_create(key, Frontier)
        steps = frontier.advance(end)
        if steps < self.walk_steps:
            return None
        self._walks.pop(key)
        return WalkDetection(tenant, creator, node_id, end, steps)
