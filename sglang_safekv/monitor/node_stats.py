"""Reuse statistics of one shared node: this window, the previous window, and its tracked life.

RDR (reuse diversity ratio) = distinct tenants / hits in a window. A system prompt is hit by
many tenants (high RDR); a prober hits the same node over and over from one or a few accounts
(low RDR). The previous window's hits give the jump factor: a surge is this window's hits over
the previous window's.
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.monitor.bounded import CappedSet


@dataclasses.dataclass(slots=True)
class NodeStats:
    """Counters for one node; all sets are capped, so a node costs O(cap) memory at most."""

    creator: str
    window: int
    hits: int
    tenants: CappedSet
    prev_hits: int
    prev_distinct: int
    life_hits: int
    life_tenants: CappedSet
    vouchers: CappedSet

    @classmethod
    def new(cls, creator: str, window: int, tenant_cap: int, voucher_cap: int) -> NodeStats:
        vouchers = CappedSet(voucher_cap)
        vouchers.add(creator)  # the creator had the content first-hand
        return cls(
            creator=creator,
            window=window,
            hits=0,
            tenants=CappedSet(tenant_cap),
            prev_hits=0,
            prev_distinct=0,
            life_hits=0,
            life_tenants=CappedSet(tenant_cap),
            vouchers=vouchers,
        )

    def observe(self, tenant: str, window: int, full_pass: bool) -> None:
        """Count one cross-tenant hit in ``window`` (a tumbling-window index)."""
        if window > self.window:
            if window == self.window + 1:
                self.prev_hits, self.prev_distinct = self.hits, len(self.tenants)
            else:  # one or more empty windows in between
                self.prev_hits = self.prev_distinct = 0
            self.window = window
            self.hits = 0
            self.tenants.clear()
        # An event stamped in an older window (clock skew) counts in the current one.
        self.hits += 1
        self.tenants.add(tenant)
        self.life_hits += 1
        self.life_tenants.add(tenant)
        if full_pass:
            # Only a prompt that held the whole node's tokens passes it fully: the tenant had
            # this content itself (an "inserter"), which a prober of unknown tokens cannot.
            self.vouchers.add(tenant)

    @property
    def rdr(self) -> float:
        return len(self.tenants) / self.hits if self.hits else 1.0

    @property
    def widely_shared(self) -> bool:
        """Used by at least ``tenant_cap`` distinct tenants: a system prompt, not a target."""
        return self.life_tenants.saturated
