"""What the monitor remembers about shared content: per lineage, and per stopping point in it.

A *lineage* is a node as the cache created it, with every fragment that splits made of it since
(``MatchEvent.lineage_id``); a prober's matches split the node it probes at each position it
reaches, so node ids change under it while the lineage stays. A *visit* is one match's pass
through one lineage. ``reach`` is the deepest token of the lineage any event has shown to exist
(a partial match reports the whole node it entered): a visit that gets there held all of the
shared content, and its tenant vouches for it. A visit that stops short of it *stopped* at a
depth inside the lineage: the tenant's prompt diverged from the creator's content there.

Stopping points are where leakage happens. A system prompt's users stop at its end, all at one
point, from many tenants. A prober stops at its frontier: wrong guesses pile up at one point
(hits from one or a few tenants: low RDR), and each right guess opens the next point. So the
monitor keeps RDR per stopping point, and counts per lineage the distinct points and the
frontier's one-token advances.
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.monitor.bounded import CappedSet
from sglang_safekv.monitor.walk import Frontier


@dataclasses.dataclass(slots=True)
class LineageStats:
    """One lineage: its known extent, who held all of it, where visits stopped in it."""

    creator: str
    vouchers: CappedSet[str]  # the creator and tenants whose visits reached its end
    points: CappedSet[int]  # distinct depths where cross-tenant visits stopped
    reach: int = 0
    visits: int = 0  # cross-tenant visits that stopped short of its end
    frontier: Frontier = dataclasses.field(default_factory=Frontier)

    @classmethod
    def new(cls, creator: str, voucher_cap: int, point_cap: int) -> LineageStats:
        vouchers: CappedSet[str] = CappedSet(voucher_cap)
        vouchers.add(creator)  # the creator had the content first-hand
        return cls(creator, vouchers, CappedSet(point_cap))


@dataclasses.dataclass(slots=True)
class PointStats:
    """Visits that stopped at one depth of one lineage: this window, the previous, its life."""

    window: int
    tenants: CappedSet[str]
    life_tenants: CappedSet[str]
    hits: int = 0
    prev_hits: int = 0
    prev_distinct: int = 0
    below: int = -1  # id of the node holding the creator's content after the point, if seen

    @classmethod
    def new(cls, window: int, tenant_cap: int) -> PointStats:
        return cls(window, CappedSet(tenant_cap), CappedSet(tenant_cap))

    def observe(self, tenant: str, window: int) -> None:
        """Count one visit in ``window`` (a tumbling-window index)."""
        if window > self.window:
            if window == self.window + 1:
                self.prev_hits, self.prev_distinct = self.hits, len(self.tenants)
            else:  # one or more empty windows in between
                self.prev_hits = self.prev_distinct = 0
            self.window = window
            self.hits = 0
            self.tenants.clear()
        # A visit stamped in an older window (clock skew) counts in the current one.
        self.hits += 1
        self.tenants.add(tenant)
        self.life_tenants.add(tenant)

    @property
    def rdr(self) -> float:
        """Reuse diversity ratio of this window: distinct tenants / hits."""
        return len(self.tenants) / self.hits if self.hits else 1.0

    @property
    def widely_shared(self) -> bool:
        """Reached by at least ``tenant_cap`` distinct tenants: a system prompt's end."""
        return self.life_tenants.saturated
