"""The signature of a token-by-token probe: successive matches ending one token deeper.

An attacker who reconstructs another tenant's prompt guesses one token at a time: wrong guesses
end its match where the previous one ended, a right guess ends it one token further into the
same content. Measured in absolute depth (where the match ended, ``node_depth +
matched_into_node`` of its deepest foreign node), this holds whether the cache reports the node
it matched into (a partial match) or the fragment a split made of it, so the tracker does not
depend on node identity.

Walks are kept per (tenant, creator of the deepest node): unrelated requests of the same tenant
to other tenants' content do not break them, and a match ending above the walk's frontier
(re-reading earlier content) neither advances nor resets it. A match ending more than one token
beyond the frontier restarts the count there.
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.monitor.bounded import LRUTable


@dataclasses.dataclass(slots=True)
class _Walk:
    frontier: int
    steps: int


@dataclasses.dataclass(frozen=True)
class WalkDetection:
    tenant: str
    creator: str
    node_id: int  # the deepest node of the match that completed the walk
    depth: int  # where that match ended
    steps: int


class WalkTracker:
    """Detects ``walk_steps`` successive one-token advances into one creator's content."""

    def __init__(self, walk_steps: int, cap: int):
        if walk_steps < 1:
            raise ValueError(f"walk_steps must be >= 1, got {walk_steps}")
        self.walk_steps = walk_steps
        self._walks: LRUTable[tuple[str, str], _Walk] = LRUTable(cap)

    def __len__(self) -> int:
        return len(self._walks)

    def close_match(
        self, tenant: str, creator: str, end: int, node_id: int
    ) -> WalkDetection | None:
        """Account one finished match of ``tenant`` whose deepest foreign node ended at ``end``."""
        key = (tenant, creator)
        walk = self._walks.get(key)
        if walk is None:
            self._walks.put(key, _Walk(end, 0))
        elif end == walk.frontier + 1:
            walk.frontier, walk.steps = end, walk.steps + 1
            if walk.steps >= self.walk_steps:
                self._walks.pop(key)
                return WalkDetection(tenant, creator, node_id, end, walk.steps)
        elif end > walk.frontier:
            walk.frontier, walk.steps = end, 0
        # end <= frontier: a repeat (a wrong guess) or earlier content; no change.
        return None
