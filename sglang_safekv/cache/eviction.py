"""Freeing KV: SGLang's ``evict`` with a fair share per tenant, and the private-token quota.

Order: hidden and unreachable (orphaned) nodes first; then from the tenant holding the most
tokens (equal shares; a node counts against its creator, public ones included), its least
recently used unit first (a node with nothing of its owner below it, freed with what other
tenants built on it). Only a node's creator moves the fields eviction reads, so no other
tenant's visit to a public node decides whether it survives, and a public unit whose turn comes
while a request locks it is hidden at once (freed when the lock goes), not passed over; what
it would have freed is charged to the tenants whose requests hold the lock, from their own
never-shared content, and the call goes on until it has freed what was asked, as SGLang's
allocator expects. A tenant
over its private-token quota evicts its own private leaves at insert time, never another's.

The tree keeps the tokens each owner holds and a superset of each owner's units as it changes
(``TenantTree._held``, ``_unit_cands``), so an eviction reads the units of the owners it takes
from instead of walking the tree (the walk made a selective evict 7-9x stock's).
"""

from __future__ import annotations

import heapq
import time
from typing import Any

from sglang.srt.mem_cache.base_prefix_cache import EvictParams, EvictResult

from sglang_safekv.cache.lock_reserve import LockReserve
from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State
from sglang_safekv.cache.tree import TenantTree
from sglang_safekv.config import ConfigError


def resolve_quota(quota: float, pool_size: int | None) -> int | None:
    """Private tokens one tenant may hold: a fraction of the pool, or a token count."""
    if not quota > 0:
        raise ConfigError(f"cache.private_token_quota must be > 0, got {quota!r}")
    if quota <= 1.0:
        if not pool_size:
            return None  # no pool to take a fraction of (simulated caches): no quota
        return max(1, int(quota * pool_size))
    return int(quota)


class TreeEviction(TenantTree):
    """Frees nodes: whole leaves and subtrees, fair-share eviction, quota enforcement."""

    _quota: int | None
    _lock_reserve = LockReserve(0)  # the cache sets its own (selective mode)

    def _free_leaf(self, node: SafeTreeNode, reason: str) -> int:
        """Free a childless, unlocked node's KV and remove it from the tree."""
        if node.lock_ref != 0 or node.has_children():
            raise RuntimeError(f"safekv: freeing a locked or inner node {node!r}")
        allocator = self.token_to_kv_pool_allocator
        if allocator is not None:
            allocator.free_segment(node.value, start_pos=0)
            if node.hidden:  # the hidden unit the reserve may have paid for is gone at last
                self._take_back_reserve(len(node.key))
        self.kv_events.record_remove(node)
        parent = self._parent(node)
        parent.remove(node.tag, node.key.child_key(self.page_size))
        n = len(node.key)
        self.evictable_size_ -= n
        if node.tag is not PUBLIC_TAG:
            self._add_private(node.owner, -n)
        if node.counted:
            node.counted = False
            self._add_held(node.owner, -n)
        node.value = None
        self._drop_unit(node)
        self._maybe_unit(parent)
        self._orphan_tops.discard(node)
        self._refresh_leaf(node)
        self._nodes.pop(node.id, None)
        self._doomed.discard(node)
        self._forget(node)
        self._refresh_leaf(parent)
        self._count(f"evicted_tokens_{reason}", n)
        return n

    def _forget(self, node: SafeTreeNode) -> None:
        """Hook for the layers above: ``node`` left the tree."""

    def _free_subtree(self, top: SafeTreeNode, reason: str) -> int:
        order = []
        stack = [top]
        while stack:
            x = stack.pop()
            order.append(x)
            stack.extend(x.iter_children())
        return sum(self._free_leaf(x, reason) for x in reversed(order))

    def _is_orphan(self, node: SafeTreeNode) -> bool:
        """A private node its owner cannot reach (below a hidden or another tenant's node)."""
        if node.tag is PUBLIC_TAG:
            return False
        if node.hidden:
            return True
        root = self.root_node
        x = self._parent(node)
        while x is not root and x.tag is not PUBLIC_TAG:
            if x.hidden or x.owner != node.owner:
                return True
            x = self._parent(x)
        return False

    def _evict_priority(self, node: SafeTreeNode) -> tuple[int, Any]:
        if self._is_orphan(node):
            return (0, node.last_access_time)
        return (1, self.eviction_strategy.get_priority(node))

    def evict(self, params: EvictParams) -> EvictResult:
        if self.disable:
            return EvictResult()
        start = time.perf_counter()
        num_tokens = params.num_tokens
        evicted = self._evict_orphans(num_tokens)
        if evicted < num_tokens:
            evicted += self._evict_fair(num_tokens - evicted)
        self.update_eviction_metrics(evicted, start)
        return EvictResult(num_tokens_evicted=evicted)

    def _evict_orphans(self, goal: int) -> int:
        """Free hidden and unreachable leaves first: nobody can use them any more."""
        heap = [(x.last_access_time, x.id, x) for x in self._orphan_leaves()]
        heapq.heapify(heap)
        evicted = 0
        while evicted < goal and heap:
            _, _, x = heapq.heappop(heap)
            if x.value is None or not x.in_leaves:
                continue
            parent = self._parent(x)
            evicted += self._free_leaf(x, "orphan")
            if parent.in_leaves and self._is_orphan(parent):
                heapq.heappush(heap, (parent.last_access_time, parent.id, parent))
        return evicted

    def _orphan_leaves(self) -> set[SafeTreeNode]:
        """The evictable leaves below the hidden nodes and the indexed orphan tops (tops that
        are no longer orphans leave the index)."""
        tops = [x for x in self._doomed if x.value is not None]
        gone = []
        for x in self._orphan_tops:
            if self._is_orphan(x):
                tops.append(x)
            else:
                gone.append(x)
        for x in gone:
            self._orphan_tops.discard(x)
        leaves: set[SafeTreeNode] = set()
        stack = tops
        while stack:
            y = stack.pop()
            if y.in_leaves:
                leaves.add(y)
            elif y.children or y.private:
                stack.extend(y.iter_children())
        return leaves

    @staticmethod
    def _is_unit(x: SafeTreeNode, children: list[SafeTreeNode] | None = None) -> bool:
        """Nothing of ``x``'s owner hangs below it: it can go, with what others built on it.
        ``children``: ``x``'s children when the caller has listed them already."""
        owner = x.owner
        kids = x.iter_children() if children is None else children
        return all(c.owner != owner for c in kids)

    def _unit_key(self, x: SafeTreeNode) -> tuple[Any, int, int]:
        # Ties go by lineage (the node as its creator made it), not by the ids that other
        # tenants' matches create when they split it.
        return (self.eviction_strategy.get_priority(x), x.lineage, x.id)

    def _evict_fair(self, goal: int) -> int:
        """Take from the tenant holding the most tokens, its least recently used unit first.

        Every tenant has an equal share, so the one holding most is the most over it. A node
        counts against its creator, public ones included. A unit is an unlocked node with
        nothing of its owner below it; it is freed with everything other tenants built on it,
        so a node another tenant extended does not outlive its siblings (that would show the
        visit). Only the chosen owner's tokens count toward ``goal``, so where that collateral
        sits does not change how many of the owner's units go.

        A public unit whose turn comes while requests lock it is hidden and frees nothing until
        they end; SGLang asks once and then allocates, so what it would have freed is still
        owed. The tenants whose requests hold the lock pay it from their own never-shared
        content (``_settle``), which nobody else can see go; only what they cannot pay is taken
        in the fair order again, where it would show which copy a running request used.
        """
        evicted = 0
        want = goal
        while want > 0:
            freed, hidden = self._fair_pass(want)
            paid, owed = self._settle(hidden)
            evicted += freed + paid
            if not freed and not hidden:
                break  # nothing left to take
            want = max(goal - evicted, owed)
        return evicted

    def _fair_pass(self, goal: int) -> tuple[int, list[tuple[SafeTreeNode, int]]]:
        """One pass of the fair order until ``goal`` tokens are freed or hidden.

        Returns the tokens freed and the hidden units: their tops and what each leaves owed
        (its owner's tokens, less what the pass took past ``goal``). The tree keeps what each
        owner holds and a superset of each owner's units as it changes (tree.py), so a pass
        reads the units of the owners it takes from, not the tree.
        """
        held = self._held  # live: freeing and hiding update it
        root = self.root_node
        units: dict[Any, list[tuple[tuple[Any, int, int], SafeTreeNode]]] = {}
        owners = [(-held.get(o, 0), o) for o in self._unit_cands]
        heapq.heapify(owners)
        freed_total = 0
        hidden: list[tuple[SafeTreeNode, int]] = []
        hidden_total = 0
        while freed_total + hidden_total < goal and owners:
            neg, owner = heapq.heappop(owners)
            heap = units.get(owner)
            if heap is None:
                heap = units[owner] = self._owner_units(owner)
            if not heap:
                continue
            if -neg != held.get(owner, 0):  # stale: re-rank with what it holds now
                heapq.heappush(owners, (-held.get(owner, 0), owner))
                continue
            unit: SafeTreeNode | None = None
            while heap:
                _, cand = heapq.heappop(heap)
                if self._unit_now(cand):
                    unit = cand
                    break
            if unit is None:
                continue
            if unit.lock_ref:
                top, parent, own = self._hide_unit(unit)
                fragments = [(top, own)]
            else:
                freed, parent, fragment = self._free_unit(unit)
                freed_total += freed
                fragments = [] if fragment is None else [fragment]
            for top, own in fragments:
                # Only the part below the goal line is owed: where the line falls is the
                # same whether this unit was freed or hidden.
                need = max(0, min(own, goal - freed_total - hidden_total))
                hidden.append((top, need))
                hidden_total += own
            # The parent may be a unit now; a locked public one too (hidden when its turn
            # comes, like any locked public unit: passing it over would show the lock).
            if (
                parent is not root
                and (parent.lock_ref == 0 or parent.tag is PUBLIC_TAG)
                and parent.counted
                and self._is_unit(parent)
            ):
                up = units.get(parent.owner)
                if up is not None:  # (else freeing made it a candidate: read when needed)
                    heapq.heappush(up, (self._unit_key(parent), parent))
                if parent.owner != owner:
                    heapq.heappush(owners, (-held.get(parent.owner, 0), parent.owner))
            if heap:
                heapq.heappush(owners, (-held.get(owner, 0), owner))
        return freed_total, hidden

    def _settle(self, hidden: list[tuple[SafeTreeNode, int]]) -> tuple[int, int]:
        """Charge what each hidden unit leaves owed to the tenants whose requests lock it.

        Every holder pays the whole amount (at most what the call asked) from its own
        never-shared content, so what one holder pays does not depend on who else holds the
        lock (an attacker holding a copy too sees its own charge, the same with or without the
        victim). What the holder that paid least could not pay, or everything when a lock
        cannot be attributed, comes from the lock reserve; only what it cannot cover either
        is still owed and taken in the fair order. Returns (tokens paid, tokens still owed)."""
        paid = owed = 0
        for top, n in hidden:
            if not n:
                continue
            holders = self._lock_holders(top)
            covered = 0
            if holders:
                covered = n
                for tenant in sorted(holders):
                    p = self._charge(tenant, n)
                    paid += p
                    covered = min(covered, p)
                self._count("lock_charged_tokens", covered)
            if covered < n:
                drawn = self._draw_reserve(n - covered)
                paid += drawn
                if covered + drawn < n:
                    owed += n - covered - drawn
                    self._count("lock_fallback_tokens", n - covered - drawn)
        return paid, owed

    def _take_back_reserve(self, freed: int) -> None:
        """Right after a hidden unit freed ``freed`` tokens: the lock reserve takes back what
        it paid, at most those tokens (lock_reserve.py)."""
        if self._lock_reserve.owed:
            refilled = self._lock_reserve.refill(self.token_to_kv_pool_allocator, freed)
            self._count("lock_reserve_refilled_tokens", refilled)

    def _draw_reserve(self, n: int) -> int:
        """Pay up to ``n`` owed tokens from the lock reserve (lock_reserve.py)."""
        drawn = self._lock_reserve.draw(self.token_to_kv_pool_allocator, n)
        if drawn:
            self._count("lock_reserve_drawn_tokens", drawn)
        return drawn

    def _lock_holders(self, top: SafeTreeNode) -> set[str] | None:
        """The tenants whose running requests lock ``top`` (each lock attributed), or None
        when some lock cannot be. The cache, which sees the requests, fills this in."""
        return None

    def _charge(self, tenant: str, amount: int) -> int:
        """Free ``tenant``'s never-shared units (private and SENSITIVE or DEMOTED: no other
        tenant can reach them, now or later), least recently used first, until ``amount``
        tokens are freed. Returns the tokens freed."""
        heap = self._owner_units(tenant)
        freed = 0
        while freed < amount and heap:
            _, x = heapq.heappop(heap)
            if not self._unit_now(x) or x.lock_ref or not self._never_shared(x):
                continue
            n, parent, _ = self._free_unit(x)  # private: never hides a public fragment
            freed += n
            if parent is not self.root_node and parent.owner == tenant:  # checked when popped
                heapq.heappush(heap, (self._unit_key(parent), parent))
        return freed

    @staticmethod
    def _never_shared(x: SafeTreeNode) -> bool:
        return x.tag is not PUBLIC_TAG and x.state in (State.SENSITIVE, State.DEMOTED)

    def _unit_now(self, x: SafeTreeNode) -> bool:
        """``x`` is an eviction unit: in the tree and counted (not hidden, not below a hidden
        node), unlocked or public, nothing of its owner below it."""
        return (
            x.value is not None
            and x.counted
            and (x.lock_ref == 0 or x.tag is PUBLIC_TAG)
            and self._is_unit(x)
        )

    def _owner_units(self, owner: Any) -> list[tuple[tuple[Any, int, int], SafeTreeNode]]:
        """``owner``'s units as a heap, least recently used first; candidates that are no
        units now leave the index (the tree puts them back when they may be again)."""
        cands = self._unit_cands.get(owner)
        if not cands:
            return []
        heap = []
        stale = []
        for x in cands:
            if self._unit_now(x):
                heap.append((self._unit_key(x), x))
            else:
                stale.append(x)
        for x in stale:
            cands.discard(x)
        if not cands:
            del self._unit_cands[owner]
        heapq.heapify(heap)
        return heap

    def _free_unit(
        self, x: SafeTreeNode
    ) -> tuple[int, SafeTreeNode, tuple[SafeTreeNode, int] | None]:
        """Free unit ``x`` and its subtree; a public unit takes its same-lineage fragments above
        it along (the split a visitor's match made must not change what survives), hiding those
        a running request locks.

        Returns the owner's tokens freed, the parent left behind and the fragment hidden (its
        top and the owner's tokens in it), if any."""
        owner = x.owner
        own = 0
        while True:
            parent = self._parent(x)
            order = []
            stack = [x]
            while stack:
                y = stack.pop()
                order.append(y)
                stack.extend(y.iter_children())
            for y in reversed(order):
                if y.owner == owner:
                    reason = "public" if y.tag is PUBLIC_TAG else "private"
                else:
                    reason = "collateral"
                n = self._free_leaf(y, reason)
                if y.owner == owner:
                    own += n
            if (
                x.tag is PUBLIC_TAG
                and parent is not self.root_node
                and parent.tag is PUBLIC_TAG
                and parent.owner == owner
                and parent.lineage == x.lineage
                and self._is_unit(parent)
            ):
                if parent.lock_ref:
                    top, left, n = self._hide_unit(parent)
                    return own, left, (top, n)
                x = parent
                continue
            break
        return own, parent, None

    def _hide_unit(self, x: SafeTreeNode) -> tuple[SafeTreeNode, SafeTreeNode, int]:
        """A public unit whose turn has come while a request locks it (another tenant's request,
        possibly the victim whose secret follows this copy): hide it and its same-lineage
        fragments above, as ``_free_unit`` would free them, and free them when the lock goes.
        Left visible, the one copy that outlived the pressure would name the running request's
        next token. Returns the hidden top, the parent left behind and the owner's tokens
        hidden (they free nothing until the lock goes: ``_settle`` charges them)."""
        owner = x.owner
        root = self.root_node
        parent = self._parent(x)
        while (
            parent is not root
            and parent.tag is PUBLIC_TAG
            and parent.owner == owner
            and parent.lineage == x.lineage
            and all(c is x or c.owner != owner for c in parent.iter_children())
        ):
            x, parent = parent, self._parent(parent)
        own = 0
        stack = [x]
        while stack:
            y = stack.pop()
            if y.hidden:
                continue
            if y.owner == owner:
                own += len(y.key)
            stack.extend(y.iter_children())
        self._unshare(x)
        self._count("evicted_tokens_hidden_locked", own)
        return x, parent, own

    def _unshare(self, top: SafeTreeNode) -> None:
        """Hide ``top``; the public nodes of its subtree stop being public (DEMOTED, with no
        ledger entry: their memory goes, their content was not withdrawn)."""
        stack = [top]
        while stack:
            y = stack.pop()
            children = list(y.iter_children())
            if y.state == State.PUBLIC:
                y.state = State.DEMOTED
                y.cleared = False
                if y is not top and not self._retag(y, y.owner):
                    self._hide(y)
            stack.extend(children)
        self._hide(top)

    def _enforce_quota(self, tenant: str, keep: SafeTreeNode) -> None:
        """Evict ``tenant``'s own private leaves until it is back under its quota."""
        quota = self._quota
        if quota is None:
            return
        self.inc_lock_ref(keep)  # never the path just inserted
        try:
            leaves = self._owner_leaves.get(tenant, ())
            heap = [(self._evict_priority(x), x.id, x) for x in leaves]
            heapq.heapify(heap)
            while heap and self._private_tokens.get(tenant, 0) > quota:
                _, _, x = heapq.heappop(heap)
                if x.value is None or not x.in_owner_leaves or x.owner != tenant:
                    continue
                parent = self._parent(x)
                self._free_leaf(x, "quota")
                if parent.in_owner_leaves and parent.owner == tenant:
                    heapq.heappush(heap, (self._evict_priority(parent), parent.id, parent))
        finally:
            self.dec_lock_ref(keep)
