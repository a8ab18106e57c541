"""The tenant tree: where nodes hang, who sees them, which child a tenant follows, split/merge.

This layer knows nodes, tags and accounting (evictable sizes, leaf sets, private tokens per
owner); it changes no state (PENDING/PUBLIC/...) and frees no KV. The layers above it
(:mod:`eviction`, :mod:`transitions`, the adapter in :mod:`safe_radix_cache`) build on it.

* Child choice (the one rule): under one parent, tenant U sees the PUBLIC child and U's own
  private child of the same first page and follows the one that matches more tokens of the key;
  on a tie U's own child wins (U's own copy is never demoted under it, and a match on it is no
  cross-tenant reuse the monitor has to count).
* A node that cannot be filed under its new tag (rare collisions after a demotion), or that the
  monitor evicts while a request locks it, is *hidden*: visible to nobody, freed once unlocked.
* Path compression runs only around state changes (promotion, demotion, detector splits,
  dedup), not after the splits a match makes (stock keeps those boundaries, and so do we).
* ``dfs_weight_order`` groups requests by their deepest PUBLIC ancestor and orders over the
  public tree only, so no tenant's order depends on another tenant's private nodes.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

import torch
from sglang.srt.mem_cache.base_prefix_cache import MatchResult, _dfs_weight_order
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey
from sglang.srt.mem_cache.utils import split_node_hash_value

from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State, hidden_tag


def strip_salt(key: RadixKey) -> RadixKey:
    """The same key without its tenant stamp: tenants are not tree namespaces here."""
    if key.cache_salt is None:
        return key
    return RadixKey(
        key.token_ids,
        key.extra_key,
        is_bigram=key.is_bigram,
        limit=key.limit,
        cache_salt=None,
    )


def match_len(node_key: RadixKey, key: RadixKey, offset: int, n: int, ps: int) -> int:
    """``node_key.match_at(key, offset, ps)``, with a one-compare fast path for a full match.

    Inner nodes are usually passed whole; comparing the node's tokens with the key's slice in
    one C-level compare skips the galloping search. ``n`` is ``len(key)``.
    """
    if not key.is_bigram:
        tokens = node_key.token_ids
        end = offset + len(tokens)
        if end <= n and tokens == key.token_ids[offset:end]:
            return len(tokens)
    return node_key.match_at(key, offset, ps)


def concat_keys(a: RadixKey, b: RadixKey) -> RadixKey:
    tail = b.token_ids[1:] if a.is_bigram else b.token_ids
    raw = a.token_ids + tail
    return RadixKey(raw, a.extra_key, is_bigram=a.is_bigram)


def _add_tokens(counts: dict[Any, int], owner: Any, n: int) -> None:
    """Add ``n`` to ``owner``'s token count; an owner at zero leaves the table."""
    left = counts.get(owner, 0) + n
    if left:
        counts[owner] = left
    else:
        counts.pop(owner, None)


class TenantTree(RadixCache):
    """SGLang's RadixCache tree with owners, tags and per-tenant visibility."""

    root_node: SafeTreeNode
    page_size: int
    evictable_size_: int
    protected_size_: int
    evictable_leaves: set[SafeTreeNode]
    _stats: dict[str, int]  # counters; survive reset()
    _compression: bool

    def reset(self) -> None:
        root = SafeTreeNode(owner=None, state=State.PUBLIC, priority=-sys.maxsize)
        root.key = RadixKey(token_ids=array("q"), extra_key=None)
        root.value = []
        root.lock_ref = 1
        root.hash_value = []
        self.root_node = root
        self.evictable_size_ = 0
        self.protected_size_ = 0
        self.evictable_leaves.clear()
        self._empty_device_indices = torch.empty((0,), dtype=torch.int64, device=self.device)
        self._empty_match_result = MatchResult(
            device_prefix_len=0,
            last_device_node=root,
            last_host_node=root,
            best_match_node=root,
        )
        self._nodes: dict[int, SafeTreeNode] = {}
        self._private_tokens: dict[str, int] = {}
        self._owner_leaves: dict[Any, set[SafeTreeNode]] = {}
        # Eviction's index (eviction.py), kept as the tree changes so that an eviction does
        # not walk the whole tree: tokens each owner holds (counted nodes), and per owner a
        # superset of its eviction units (nodes that may have nothing of their owner below).
        self._held: dict[Any, int] = {}
        self._unit_cands: dict[Any, set[SafeTreeNode]] = {}
        # Private nodes below another owner's private node: with the hidden ones (``_doomed``)
        # the tops of everything no owner can reach, which eviction frees first.
        self._orphan_tops: set[SafeTreeNode] = set()
        self._doomed: set[SafeTreeNode] = set()  # hidden nodes freed once unlocked
        self._retry_due = False  # a lock dropped to 0 on a node that waits for it
        self._compress_queue: list[SafeTreeNode] = []
        self.kv_events.record_all_cleared()

    def _count(self, name: str, n: int = 1) -> None:
        self._stats[name] = self._stats.get(name, 0) + n

    # ------------------------------------------------------------------ accounting

    def _add_private(self, owner: Any, n: int) -> None:
        _add_tokens(self._private_tokens, owner, n)

    def _add_held(self, owner: Any, n: int) -> None:
        _add_tokens(self._held, owner, n)

    def _maybe_unit(self, node: SafeTreeNode) -> None:
        """``node`` may have become an eviction unit (its last child of its owner went, it was
        unlocked, or it became public): eviction checks it when it next needs its owner's."""
        if node.value is None or node is self.root_node:
            return
        cands = self._unit_cands.get(node.owner)
        if cands is None:
            cands = self._unit_cands[node.owner] = set()
        cands.add(node)

    def _drop_unit(self, node: SafeTreeNode) -> None:
        cands = self._unit_cands.get(node.owner)
        if cands is not None:
            cands.discard(node)
            if not cands:
                del self._unit_cands[node.owner]

    def _note_orphan_top(self, node: SafeTreeNode, parent: SafeTreeNode) -> None:
        """Index ``node`` if, under ``parent``, its owner can no longer reach it."""
        if (
            node.tag is not PUBLIC_TAG
            and parent is not self.root_node
            and parent.tag is not PUBLIC_TAG
            and parent.owner != node.owner
        ):
            self._orphan_tops.add(node)

    def _set_counted(self, top: SafeTreeNode, counted: bool) -> None:
        """Make ``top``'s subtree count (or stop counting) against its owners; a hidden node's
        subtree never counts."""
        stack = [top]
        while stack:
            y = stack.pop()
            if y.counted == counted or (counted and y.hidden):
                continue
            y.counted = counted
            self._add_held(y.owner, len(y.key) if counted else -len(y.key))
            if counted:
                self._maybe_unit(y)
            stack.extend(y.iter_children())

    def _refresh_leaf(self, node: SafeTreeNode) -> None:
        """Keep evictable_leaves and the per-owner private leaf sets exact for ``node``."""
        leaf = (
            node.lock_ref == 0
            and node.value is not None
            and node is not self.root_node
            and not node.children
            and not node.private
        )
        if leaf != node.in_leaves:
            if leaf:
                self.evictable_leaves.add(node)
            else:
                self.evictable_leaves.discard(node)
            node.in_leaves = leaf
        own = leaf and node.tag is not PUBLIC_TAG
        if own != node.in_owner_leaves:
            leaves = self._owner_leaves.get(node.owner)
            if own:
                if leaves is None:
                    leaves = self._owner_leaves[node.owner] = set()
                leaves.add(node)
            elif leaves is not None:
                leaves.discard(node)
                if not leaves:
                    del self._owner_leaves[node.owner]
            node.in_owner_leaves = own

    # ------------------------------------------------------------------ visibility

    def _retag(self, node: SafeTreeNode, tag: Any) -> bool:
        """File ``node`` under ``tag`` in its parent; False (nothing changed) on a collision."""
        parent = self._parent(node)
        ck = node.key.child_key(self.page_size)
        if parent.lookup(tag, ck) is not None:
            return False
        parent.remove(node.tag, ck)
        was_private = node.tag is not PUBLIC_TAG
        node.tag = tag
        parent.put(tag, ck, node)
        now_private = tag is not PUBLIC_TAG
        if was_private != now_private:
            self._add_private(node.owner, len(node.key) if now_private else -len(node.key))
        if not now_private:
            self._maybe_unit(node)  # a locked public node can be a unit
        elif not node.hidden:  # private now: it, or its other owners' children, may be orphans
            self._note_orphan_top(node, parent)
            for c in node.iter_children():
                self._note_orphan_top(c, node)
        self._refresh_leaf(node)
        return True

    def _hide(self, node: SafeTreeNode) -> None:
        """Make ``node`` (and so its subtree) visible to nobody; it is freed once unlocked."""
        if not node.hidden:
            self._retag(node, hidden_tag(node))
            self._set_counted(node, False)
            self._count("hidden_nodes")
        node.waiting = True
        self._doomed.add(node)
        self._retry_due = True

    def _pick(
        self,
        node: SafeTreeNode,
        tenant: str,
        key: RadixKey,
        offset: int,
        n: int,
        own_only: bool = False,
    ) -> tuple[SafeTreeNode | None, int]:
        """The child of ``node`` that ``tenant`` follows for ``key[offset:n]``, and its match.

        The one child-choice rule (module docstring). ``n`` is ``len(key)`` (the caller has
        it; RadixKey's len is not free). ``own_only``: another tenant's public child is not
        offered (a throttled tenant). Returns ``(None, 0)`` when none matches.
        """
        ps = self.page_size
        ck = key.child_key_at(offset, ps)
        child = node.children.get(ck)
        if own_only and child is not None and child.owner != tenant:
            child = None
        priv = node.private
        own = None
        if priv is not None:
            mine = priv.get(tenant)
            if mine is not None:
                own = mine.get(ck)
        if own is None:
            if child is None:
                return None, 0
            return child, match_len(child.key, key, offset, n, ps)
        mo = match_len(own.key, key, offset, n, ps)
        if child is None:
            return own, mo
        mp = match_len(child.key, key, offset, n, ps)
        return (own, mo) if mo >= mp else (child, mp)

    @staticmethod
    def _parent(node: SafeTreeNode) -> SafeTreeNode:
        parent = node.parent
        if parent is None:
            raise RuntimeError(f"safekv: {node!r} is not in the tree")
        return parent

    # ------------------------------------------------------------------ structure

    def _split(self, child: SafeTreeNode, at: int) -> SafeTreeNode:
        """Split ``child`` after ``at`` tokens; returns the new upper part (same metadata)."""
        ps = self.page_size
        new = SafeTreeNode(child.owner, child.state, child.priority)
        new.tag = child.tag
        new.cleared = child.cleared
        new.submitted = child.submitted
        new.held = child.held
        new.waiting = child.waiting
        new.lineage = child.lineage
        new.origin = child.origin
        new.dormant_fp, child.dormant_fp = child.dormant_fp, None  # the upper part is the top
        new.awaiting, child.awaiting = child.awaiting, None
        new.hit_count = child.hit_count
        new.lock_ref = child.lock_ref
        new.last_access_time = child.last_access_time
        new.creation_time = child.creation_time
        new.counted = child.counted  # the tokens move, the owner's total does not
        parent = self._parent(child)
        ck = child.key.child_key(ps)
        new.key = child.key[:at]
        new.value = child.value[:at].clone()
        child.key = child.key[at:]
        child.value = child.value[at:].clone()
        new.hash_value, child.hash_value = split_node_hash_value(child.hash_value, at, ps)
        new.event_hash_value, child.event_hash_value = split_node_hash_value(
            child.event_hash_value, at, ps
        )
        new.parent = parent
        parent.put(new.tag, ck, new)
        child.parent = new
        new.put(child.tag, child.key.child_key(ps), child)
        self._nodes[new.id] = new
        if child in self._orphan_tops:  # the upper part is now the one below the other owner
            self._orphan_tops.add(new)
        if child in self._doomed:  # hidden too (same tag): freed with it once unlocked
            self._doomed.add(new)
        return new

    def _add_node(
        self,
        parent: SafeTreeNode,
        owner: str,
        state: State,
        key: RadixKey,
        value: torch.Tensor,
        a: int,
        b: int,
        priority: int,
    ) -> SafeTreeNode:
        """File ``key[a:b]`` (KV ``value[a:b]``) as a new unlocked leaf under ``parent``."""
        node = SafeTreeNode(owner, state, priority)
        # RadixKey(...) is what key[a:b] makes, without its generic slicing (per insert)
        node.key = key[a:b] if key.is_bigram else RadixKey(key.token_ids[a:b], key.extra_key)
        node.value = (value if a == 0 and b == value.shape[0] else value[a:b]).clone()
        ck = key.child_key_at(a, self.page_size)
        tag = node.tag
        if parent.lookup(tag, ck) is not None:
            raise RuntimeError("safekv: insert would file two nodes under one child key")
        parent.put(tag, ck, node)
        node.parent = parent
        self._nodes[node.id] = node
        length = b - a
        self.evictable_size_ += length
        if parent.in_leaves:  # it has a child now
            self._refresh_leaf(parent)
        node.in_leaves = True  # new: unlocked and childless
        self.evictable_leaves.add(node)
        if parent.counted or parent is self.root_node:  # (inserts never go below hidden nodes)
            node.counted = True
            self._add_held(owner, length)
        self._maybe_unit(node)
        if tag is not PUBLIC_TAG:
            self._add_private(owner, length)
            leaves = self._owner_leaves.get(owner)
            if leaves is None:
                leaves = self._owner_leaves[owner] = set()
            leaves.add(node)
            node.in_owner_leaves = True
        self.kv_events.record_store(node)
        return node

    def _follow_anchor(
        self, tenant: str, key: RadixKey, anchor: SafeTreeNode, priority: int, now: float
    ) -> tuple[int, bool]:
        """Walk a request's locked path: (tokens it covers, whether ``tenant`` still sees it)."""
        root = self.root_node
        path = []
        x: SafeTreeNode | None = anchor
        while x is not root:
            if x is None or x.value is None:
                raise RuntimeError("safekv: a request's locked node is not in the tree")
            path.append(x)
            x = x.parent
        path.reverse()
        ps = self.page_size
        n = len(key)
        offset = 0
        visible = True
        for p in path:
            plen = len(p.key)
            if offset + plen > n or match_len(p.key, key, offset, n, ps) != plen:
                raise RuntimeError(
                    "safekv: a request's locked path does not hold the tokens it inserts"
                )
            if p.owner == tenant:
                p.last_access_time = now
                if priority > p.priority:
                    p.priority = priority
            if p.tag is not PUBLIC_TAG and p.tag != tenant:
                visible = False
            offset += plen
        return offset, visible

    def _split_path_at(self, last: SafeTreeNode, end: int, pos: int, priority: int) -> None:
        """Give the path to ``last`` a node boundary at ``pos`` (prompt | output)."""
        x, d_end = last, end
        while x is not self.root_node:
            d = d_end - len(x.key)
            if d < pos < d_end:
                x = self._split(x, pos - d)
                d_end = pos
            if d_end <= pos:
                x.priority = max(x.priority, min(priority, torch.iinfo(torch.int64).max))
            x, d_end = self._parent(x), d

    def _depth(self, node: SafeTreeNode) -> int:
        d = 0
        x = node.parent
        while x is not None and x is not self.root_node:
            d += len(x.key)
            x = x.parent
        return d

    def _path_tokens(self, node: SafeTreeNode) -> list[int]:
        parts = []
        x: SafeTreeNode | None = node
        while x is not None and x is not self.root_node:
            parts.append(x.key.token_ids[: len(x.key)])
            x = x.parent
        out: list[int] = []
        for p in reversed(parts):
            out.extend(p)
        return out

    def _iter_nodes(self) -> Iterator[SafeTreeNode]:
        stack = list(self.root_node.iter_children())
        while stack:
            x = stack.pop()
            yield x
            stack.extend(x.iter_children())

    # ------------------------------------------------------------------ path compression

    def _compress(self) -> None:
        queue, self._compress_queue = self._compress_queue, []
        if not self._compression:
            return
        root = self.root_node
        for x in queue:
            if x.value is None or x is root:
                continue
            # Merge ancestors into x's line, then x into its descendants. The deeper node
            # always survives, so a request anchored there keeps its node.
            while x.parent is not root and self._merge_down(self._parent(x)) is not None:
                pass
            y: SafeTreeNode | None = x
            while y is not None:
                y = self._merge_down(y)

    @staticmethod
    def _compressible(p: SafeTreeNode, c: SafeTreeNode) -> bool:
        return (
            p.tag == c.tag
            and p.state == c.state
            and p.owner == c.owner
            and p.cleared == c.cleared
            and p.submitted == c.submitted
            and p.held == c.held
            and p.lock_ref == c.lock_ref
            and not p.hidden
            and not p.waiting
            and not c.waiting
            # a message waiting for its boundary starts where it starts (transitions.py)
            and p.awaiting is None
            and c.awaiting is None
        )

    def _merge_down(self, p: SafeTreeNode) -> SafeTreeNode | None:
        """Merge ``p`` into its only child (which survives); returns the child, or None."""
        if p is self.root_node or p.value is None or p.num_children() != 1:
            return None
        c = next(p.iter_children())
        if not self._compressible(p, c):
            return None
        ps = self.page_size
        gp = self._parent(p)
        pck = p.key.child_key(ps)
        p.remove(c.tag, c.key.child_key(ps))
        gp.remove(p.tag, pck)
        c.key = concat_keys(p.key, c.key)
        c.value = torch.cat([p.value, c.value])
        if p.hash_value is not None and c.hash_value is not None:
            c.hash_value = p.hash_value + c.hash_value
        else:
            c.hash_value = None
        if p.event_hash_value is not None and c.event_hash_value is not None:
            c.event_hash_value = p.event_hash_value + c.event_hash_value
        else:
            c.event_hash_value = None
        c.parent = gp
        gp.put(c.tag, pck, c)
        c.priority = max(c.priority, p.priority)
        c.hit_count = max(c.hit_count, p.hit_count)
        c.last_access_time = max(c.last_access_time, p.last_access_time)
        c.creation_time = min(c.creation_time, p.creation_time)
        p.value = None
        self._drop_unit(p)
        if p in self._orphan_tops:  # c takes p's place
            self._orphan_tops.discard(p)
            self._orphan_tops.add(c)
        self._nodes.pop(p.id, None)
        self._count("compressions")
        return c

    # ------------------------------------------------------------------ views for SGLang

    def dfs_weight_order(self, node_handles: Sequence[Any]) -> list[int]:
        """DFS-weight order over the public tree only (requests grouped at public anchors)."""
        anchors = [self._public_anchor(h) for h in node_handles]
        return _dfs_weight_order(self.root_node, anchors, lambda h: h)

    def _public_anchor(self, node: Any) -> SafeTreeNode:
        """The deepest attached PUBLIC ancestor-or-self of ``node`` (root if none)."""
        root = self.root_node
        chain = []
        x = node
        while isinstance(x, SafeTreeNode) and x is not root:
            chain.append(x)
            x = x.parent
        if x is not root:
            return root
        anchor = root
        ps = self.page_size
        for y in reversed(chain):
            if (
                y.tag is not PUBLIC_TAG
                or y.value is None
                or self._parent(y).children.get(y.key.child_key(ps)) is not y
            ):
                break
            anchor = y
        return anchor

    def total_size(self) -> int:
        return sum(len(x.key) for x in self._iter_nodes())

    def all_values_flatten(self) -> torch.Tensor:
        values = [x.value for x in self._iter_nodes()]
        if not values:
            return self._empty_device_indices
        return torch.cat(values)

    def pretty_print(self) -> None:
        stack = [(c, 0) for c in self.root_node.iter_children()]
        while stack:
            x, indent = stack.pop()
            print(
                " " * indent,
                len(x.key),
                list(x.key.token_ids[:10]),
                f"owner={x.owner} state={x.state.name} r={x.lock_ref}"
                + (" hidden" if x.hidden else "")
                + (" cleared" if x.cleared else ""),
            )
            stack.extend((c, indent + 2) for c in x.iter_children())
        print(f"#tokens: {self.total_size()}")
