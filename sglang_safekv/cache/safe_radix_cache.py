"""SafeRadixCache: SGLang's RadixCache with tenants, sensitivity states and selective sharing.

Modes (``SafeKVConfig.mode``):

* ``global``: stock SGLang sharing. Every method defers to ``RadixCache``; only the tenant stamp
  is stripped from keys so that all tenants share one tree.
* ``isolated``: every node is private to the tenant that inserted it and is never promoted.
* ``selective``: nodes start PENDING (private to their owner); the detector's results make
  them PUBLIC (shared) or SENSITIVE (private forever), the monitor can withdraw public nodes.

Rules that are choices of this implementation (docs/design.md section 2 leaves them open):

* Child choice: under one parent, tenant U sees the PUBLIC child and U's own private child of
  the same first page. Match, insert and result application all follow the one that matches
  more tokens of the key; on a tie U's own child wins (U's own copy is never demoted under it,
  and a match on it is no cross-tenant reuse the monitor has to count).
* A request's insert (``checkpoint``) follows the request's locked path (``req.last_node``) for
  the prefix it holds, whatever its visibility now. If that path is no longer visible to the
  request's tenant (a public node on it was demoted or evicted by the monitor), the tail is not
  inserted: it stays the request's own KV and is freed with the request ("declined tail").
* Deduplication merges the unlocked copy into the other; when both are locked, or the one
  being promoted is locked and the public one has another creator, the promotion waits (the
  node stays cleared-but-private) and is retried when a lock drops to 0.
* A node that cannot be filed under its new tag (rare collisions after a demotion) or that the
  monitor evicts while a request locks it is *hidden*: visible to nobody, freed once unlocked.
* Path compression runs only around state changes (promotion, demotion, detector splits,
  dedup), not after the splits a match makes (stock keeps those boundaries, and so do we).
* ``dfs_weight_order`` groups requests by their deepest PUBLIC ancestor and orders over the
  public tree only, so no tenant's order depends on another tenant's private nodes.
* Eviction order: hidden and unreachable (orphaned) nodes first; then from the tenant holding
  the most tokens (equal shares; a node counts against its creator, public ones included),
  its least recently used unit first (a node with nothing of its owner below it, freed with
  what other tenants built on it). Only a node's creator moves the fields eviction reads, so
  no other tenant's visit to a public node decides whether it survives. A tenant over its
  private-token quota evicts its own private leaves at insert time, never another tenant's.
* Withdrawals stick to content: a demoted node's path digest goes to the withdrawal ledger,
  and content whose path passes a ledger point is never promoted again, whoever holds it.
"""

from __future__ import annotations

import heapq
import logging
import sys
import time
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from typing import Any

import torch
from sglang.srt.mem_cache.base_prefix_cache import (
    DecLockRefParams,
    DecLockRefResult,
    EvictParams,
    EvictResult,
    IncLockRefResult,
    InsertParams,
    InsertResult,
    MatchPrefixParams,
    MatchResult,
    _dfs_weight_order,
)
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixCache, RadixKey
from sglang.srt.mem_cache.utils import split_node_hash_value
from sglang.srt.utils.common import ceil_align

from sglang_safekv import tenancy
from sglang_safekv.cache.declared import DeclaredPrefixes, common_prefix_len
from sglang_safekv.cache.events import ClassificationJob, DetectionResult, MatchEvent
from sglang_safekv.cache.ledger import WithdrawalLedger
from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State, hidden_tag
from sglang_safekv.config import ConfigError, Mode, SafeKVConfig

logger = logging.getLogger(__name__)

_INSERTED = {s: f"inserted_tokens_{s.name.lower()}" for s in State}
EVENT_DEDUP_REQUESTS = 4096  # requests whose MatchEvents are de-duplicated across re-matches


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


def tenant_of_request(key: RadixKey, req: Any) -> str:
    return tenancy.tenant_of(key.cache_salt, getattr(req, "rid", None))


def resolve_quota(quota: float, pool_size: int | None) -> int | None:
    """Private tokens one tenant may hold: a fraction of the pool, or a token count."""
    if not quota > 0:
        raise ConfigError(f"cache.private_token_quota must be > 0, got {quota!r}")
    if quota <= 1.0:
        if not pool_size:
            return None  # no pool to take a fraction of (simulated caches): no quota
        return max(1, int(quota * pool_size))
    return int(quota)


def _match(node_key: RadixKey, key: RadixKey, offset: int, n: int, ps: int) -> int:
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


def _concat_keys(a: RadixKey, b: RadixKey) -> RadixKey:
    tail = b.token_ids[1:] if a.is_bigram else b.token_ids
    raw = a.token_ids + tail
    return RadixKey(raw, a.extra_key, is_bigram=a.is_bigram)


class SafeRadixCache(RadixCache):
    """The tenant-aware radix cache (the ``safekv`` radix-cache backend)."""

    def __init__(self, params: CacheInitParams, config: SafeKVConfig | None = None):
        self.config = config or SafeKVConfig()
        self.mode = self.config.mode
        self._global = self.mode == Mode.GLOBAL
        self._selective = self.mode == Mode.SELECTIVE
        self.match_calls = 0
        self.insert_calls = 0
        self.hit_tokens = 0
        self._stats: dict[str, int] = {}
        self._inbox: deque[DetectionResult] = deque()  # filled by post(), any thread
        self._actions: deque[tuple[str, tuple]] = deque()  # monitor calls made from callbacks
        self._job_listeners: list[Callable[[ClassificationJob], None]] = []
        self._match_listeners: list[Callable[[MatchEvent], None]] = []
        self._declared = DeclaredPrefixes()
        self._in_callback = False
        self._draining = False
        # Scheduler-thread seconds in listeners (job enqueue, match events) and applying results.
        self._timing = {"jobs": 0.0, "matches": 0.0, "apply": 0.0}
        self._token_type: type | None = None
        self._throttled: Callable[[str], bool] | None = None
        self._compression = bool(self.config.cache.path_compression)
        # Survives reset(): a withdrawal sticks to the content, not to this tree.
        self._ledger = WithdrawalLedger(self.config.cache.withdrawal_ledger_file or None)
        # Tree bookkeeping; reset() rebuilds it (global mode keeps these empty).
        self._nodes: dict[int, SafeTreeNode] = {}
        self._retry_due = False
        self._compress_queue: list[SafeTreeNode] = []
        super().__init__(params)
        allocator = self.token_to_kv_pool_allocator
        self._quota = (
            None
            if self._global
            else resolve_quota(
                self.config.cache.private_token_quota, getattr(allocator, "size", None)
            )
        )

    # ------------------------------------------------------------------ bookkeeping

    def reset(self) -> None:
        if self._global:
            super().reset()
            return
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
        self._owner_leaves: dict[str, set[SafeTreeNode]] = {}
        self._doomed: set[SafeTreeNode] = set()
        self._deferred: set[SafeTreeNode] = set()
        self._retry_due = False
        self._compress_queue: list[SafeTreeNode] = []
        self._event_seen: OrderedDict[str, set] = OrderedDict()
        self.kv_events.record_all_cleared()

    def _count(self, name: str, n: int = 1) -> None:
        self._stats[name] = self._stats.get(name, 0) + n

    def _tenant(self, salt: str | None, req: Any) -> str:
        return tenancy.tenant_of(salt, None if req is None else getattr(req, "rid", None))

    def _add_private(self, owner: str, n: int) -> None:
        left = self._private_tokens.get(owner, 0) + n
        if left:
            self._private_tokens[owner] = left
        else:
            self._private_tokens.pop(owner, None)

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

    def _retag(self, node: SafeTreeNode, tag: Any) -> bool:
        """File ``node`` under ``tag`` in its parent; False (nothing changed) on a collision."""
        parent = node.parent
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
        self._refresh_leaf(node)
        return True

    def _hide(self, node: SafeTreeNode) -> None:
        """Make ``node`` (and so its subtree) visible to nobody; it is freed once unlocked."""
        if not node.hidden:
            self._retag(node, hidden_tag(node))
            self._count("hidden_nodes")
        node.waiting = True
        self._doomed.add(node)
        self._retry_due = True

    # ------------------------------------------------------------------ listeners, inbox

    def add_listener(self, listener: Any) -> None:
        """Register a CacheListener (either method may be missing)."""
        on_job = getattr(listener, "on_classification_job", None)
        on_match = getattr(listener, "on_match", None)
        if on_job is None and on_match is None:
            raise TypeError(f"{listener!r} has neither on_classification_job nor on_match")
        if on_job is not None:
            self._job_listeners.append(on_job)
        if on_match is not None:
            self._match_listeners.append(on_match)

    def _dispatch(self, listeners: list[Callable[[Any], None]], item: Any) -> None:
        outer = self._in_callback
        self._in_callback = True
        t0 = time.perf_counter()
        try:
            for fn in listeners:
                try:
                    fn(item)
                except Exception:  # a broken listener must not take the scheduler down
                    self._count("listener_errors")
                    logger.exception("safekv: cache listener failed on %r", type(item).__name__)
        finally:
            self._in_callback = outer
            kind = "jobs" if isinstance(item, ClassificationJob) else "matches"
            self._timing[kind] += time.perf_counter() - t0

    def post(self, result: DetectionResult) -> None:
        """Thread-safe: queue a detector result; applied at the start of the next operation.

        Only selective mode uses results; the other modes drop them (and count them).
        """
        if self._selective:
            self._inbox.append(result)
        else:
            self._count("results_ignored")

    def apply_pending(self) -> None:
        """Apply queued detector results and monitor actions now (scheduler thread)."""
        if not self._global:
            self._drain()
        else:
            self._inbox.clear()
            self._actions.clear()

    def _drain(self) -> None:
        if self._draining:
            return
        self._draining = True
        t0 = time.perf_counter()
        try:
            while self._inbox:
                self._apply_detection(self._inbox.popleft())
            while self._actions:
                kind, args = self._actions.popleft()
                if kind == "demote":
                    self._demote(*args)
                elif kind == "evict_node":
                    self._evict_node(*args)
                elif kind == "declare":
                    self._promote_declared(*args)
                elif kind == "detect":
                    self._apply_detection(*args)
            if self._retry_due:
                self._retry_due = False
                self._retry_waiting()
            if self._compress_queue:
                self._compress()
        finally:
            self._draining = False
            self._timing["apply"] += time.perf_counter() - t0

    def _pending_work(self) -> bool:
        return bool(self._inbox or self._actions or self._retry_due or self._compress_queue)

    # ------------------------------------------------------------------ match

    def match_prefix(self, params: MatchPrefixParams) -> MatchResult:
        if self._global:
            self.match_calls += 1
            key = params.key
            salt = key.cache_salt
            if salt is None:
                result = super().match_prefix(params)
            else:
                # Stock matching never keeps the key object, so the stamp is lifted for the
                # call and put back (cheaper than a stripped copy on this hot path).
                key.cache_salt = None
                try:
                    result = super().match_prefix(params)
                finally:
                    key.cache_salt = salt
            self.hit_tokens += result.device_prefix_len
            return result
        key, _ = params.key.maybe_to_bigram_view(self.is_eagle)
        if self.disable or len(key) == 0:
            return self._empty_match_result
        if self._inbox or self._actions or self._retry_due or self._compress_queue:
            self._drain()
        req = params.req
        tenant = self._tenant(key.cache_salt, req)
        key = strip_salt(key).page_aligned(self.page_size)
        if len(key) == 0:
            return self._empty_match_result
        if tenant == tenancy.OPERATOR and self._selective and not key.is_bigram:
            # The admin API prefills declared public prefixes as the operator tenant: the
            # whole prompt (not only the matchable part the key's limit leaves) is declared
            # before its insert, so it is PUBLIC from the moment it lands.
            self.declare_public(key.token_ids, key.extra_key)
        self.match_calls += 1
        length, node = self._match_walk(tenant, key, req)
        self.hit_tokens += length
        return MatchResult(
            device_prefix_len=length,
            last_device_node=node,
            last_host_node=node,
            best_match_node=node,
        )

    def set_sharing_throttle(self, is_throttled: Callable[[str], bool] | None) -> None:
        """While ``is_throttled(tenant)`` holds, that tenant's matches reuse no other tenant's
        public content (it is served as if isolated); the monitor throttles suspected probers."""
        self._throttled = is_throttled

    def _match_walk(self, tenant: str, key: RadixKey, req: Any) -> tuple[int, SafeTreeNode]:
        """Longest tenant-visible prefix (hot path: kept flat on purpose)."""
        ps = self.page_size
        now = time.monotonic()
        node = self.root_node
        node.last_access_time = now
        n = len(key)
        offset = 0
        cross: list[tuple[SafeTreeNode, int, int, int]] | None = None
        own_only = self._throttled is not None and self._throttled(tenant)
        if own_only:
            self._count("throttled_matches")
        while offset < n:
            ck = key.child_key_at(offset, ps)
            child = node.children.get(ck)
            if own_only and child is not None and child.owner != tenant:
                child = None
            m = -1
            priv = node.private
            if priv is not None:
                mine = priv.get(tenant)
                if mine is not None:
                    own = mine.get(ck)
                    if own is not None:
                        if child is None:
                            child = own
                        else:
                            mo = _match(own.key, key, offset, n, ps)
                            mp = _match(child.key, key, offset, n, ps)
                            if mo >= mp:
                                child, m = own, mo
                            else:
                                m = mp
            if child is None:
                break
            if m < 0:
                m = _match(child.key, key, offset, n, ps)
            if m <= 0:
                break
            clen = len(child.key)
            if child.owner == tenant:
                child.last_access_time = now
            else:  # another tenant's public node: its visit leaves no trace that evicts
                if cross is None:
                    cross = []
                cross.append((child, offset, clen, m))
            if m < clen:
                node = self._split(child, m)
                offset += m
                break
            node = child
            offset += m
        if cross is not None:
            self._cross_tenant(tenant, cross, req)
        return offset, node

    def _cross_tenant(self, tenant: str, cross: list, req: Any) -> None:
        hits = sum(m for _, _, _, m in cross)
        self._count("cross_tenant_hit_tokens", hits)
        if not self._match_listeners:
            return
        now = time.monotonic()
        rid = None if req is None else getattr(req, "rid", None)
        seen = None
        if rid is not None:
            seen = self._event_seen.get(rid)
            if seen is None:
                seen = self._event_seen[rid] = set()
                if len(self._event_seen) > EVENT_DEDUP_REQUESTS:
                    self._event_seen.popitem(last=False)
        for node, depth, node_len, m in cross:
            if seen is not None:
                mark = (node.id, depth, m)
                if mark in seen:
                    continue
                seen.add(mark)
            event = MatchEvent(
                tenant=tenant,
                node_id=node.id,
                creator=node.owner,
                node_depth=depth,
                node_len=node_len,
                matched_into_node=m,
                time=now,
                lineage_id=node.lineage,
            )
            self._count("match_events")
            self._dispatch(self._match_listeners, event)

    def touch_prefix(self, key: RadixKey) -> None:
        if self._global:
            super().touch_prefix(strip_salt(key))
            return
        key, _ = key.maybe_to_bigram_view(self.is_eagle)
        if self.disable or len(key) == 0:
            return
        tenant = self._tenant(key.cache_salt, None)
        key = strip_salt(key).page_aligned(self.page_size)
        if len(key) == 0:
            return
        now = time.monotonic()
        node, offset = self.root_node, 0
        while offset < len(key):
            child, m = self._pick(node, tenant, key, offset)
            if child is None or m <= 0:
                break
            if child.owner == tenant:
                child.last_access_time = now
            if m < len(child.key):
                self._split(child, m)
                break
            node, offset = child, offset + m

    def _pick(
        self, node: SafeTreeNode, tenant: str, key: RadixKey, offset: int
    ) -> tuple[SafeTreeNode | None, int]:
        """The child of ``node`` that ``tenant`` follows for ``key[offset:]``, and its match."""
        ps = self.page_size
        n = len(key)
        ck = key.child_key_at(offset, ps)
        child = node.children.get(ck)
        own = node.lookup(tenant, ck) if node.private is not None else None
        if own is None:
            if child is None:
                return None, 0
            return child, _match(child.key, key, offset, n, ps)
        mo = _match(own.key, key, offset, n, ps)
        if child is None:
            return own, mo
        mp = _match(child.key, key, offset, n, ps)
        return (own, mo) if mo >= mp else (child, mp)

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
        new.hit_count = child.hit_count
        new.lock_ref = child.lock_ref
        new.last_access_time = child.last_access_time
        new.creation_time = child.creation_time
        parent = child.parent
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
        return new

    # ------------------------------------------------------------------ insert

    def insert(self, params: InsertParams) -> InsertResult:
        if self._global:
            self.insert_calls += 1
            params.key = strip_salt(params.key)
            return super().insert(params)
        if self.disable:
            return InsertResult(prefix_len=0)
        if self._inbox or self._actions or self._retry_due or self._compress_queue:
            self._drain()
        key, value = params.key.maybe_to_bigram_view(self.is_eagle, params.value)
        tenant = tenancy.tenant_of(key.cache_salt, None)
        key = strip_salt(key).page_aligned(self.page_size)
        if value is not None:
            if len(value) != len(key):  # a tensor slice costs microseconds: only if needed
                value = value[: len(key)]
        else:
            value = torch.tensor(key.token_ids[: len(key)], dtype=torch.int64)
        prefix_len, last, _ = self._insert_path(
            tenant, key, value, params.priority or 0, params.inserted_len, None
        )
        return InsertResult(prefix_len=prefix_len, last_device_node=last)

    def _insert_path(
        self,
        tenant: str,
        key: RadixKey,
        value: torch.Tensor,
        priority: int,
        inserted_len: int,
        anchor: SafeTreeNode | None,
    ) -> tuple[int, SafeTreeNode, int]:
        """Insert ``key`` for ``tenant``; returns (tokens already cached, last node, tree length).

        With an ``anchor`` (a request's locked node), the anchor's path is taken as the first
        tokens of the key; if it is not visible to ``tenant`` any more the tail is declined.
        """
        self.insert_calls += 1
        if self._token_type is None:
            self._token_type = type(key.token_ids)
        ps = self.page_size
        n = len(key)
        now = time.monotonic()
        root = self.root_node
        root.last_access_time = now
        node, offset = root, 0
        if anchor is not None and anchor is not root:
            path = []
            x = anchor
            while x is not root:
                if x is None or x.value is None:
                    raise RuntimeError("safekv: a request's locked node is not in the tree")
                path.append(x)
                x = x.parent
            path.reverse()
            visible = True
            for p in path:
                plen = len(p.key)
                if offset + plen > n or _match(p.key, key, offset, n, ps) != plen:
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
            node = anchor
            if not visible:
                self._count("declined_tails")
                return offset, anchor, offset
        while offset < n:
            ck = key.child_key_at(offset, ps)
            child = node.children.get(ck)
            m = -1
            priv = node.private
            if priv is not None:  # same child choice as _match_walk (flat on purpose)
                mine = priv.get(tenant)
                own = None if mine is None else mine.get(ck)
                if own is not None:
                    if child is None:
                        child = own
                    else:
                        mo = _match(own.key, key, offset, n, ps)
                        mp = _match(child.key, key, offset, n, ps)
                        if mo >= mp:
                            child, m = own, mo
                        else:
                            m = mp
            if child is None:
                break
            if m < 0:
                m = _match(child.key, key, offset, n, ps)
            if m <= 0:
                break
            partial = m < len(child.key)
            if partial:
                child = self._split(child, m)
            offset += m
            node = child
            if child.owner == tenant:  # eviction state only its creator moves (see above)
                child.last_access_time = now
                if priority > child.priority:
                    child.priority = priority
                if offset > inserted_len:
                    child.hit_count += 1
            if partial:
                break
        prefix_len = offset
        if offset < n:
            node = self._create_nodes(tenant, node, key, value, offset, priority, inserted_len)
        if self._quota is not None and self._private_tokens.get(tenant, 0) > self._quota:
            self._enforce_quota(tenant, node)
        if self._selective and self._job_listeners and node is not root:
            self._emit_job(tenant, key, node, n, now)
        return prefix_len, node, n

    def _create_nodes(
        self,
        tenant: str,
        parent: SafeTreeNode,
        key: RadixKey,
        value: torch.Tensor,
        offset: int,
        priority: int,
        inserted_len: int,
    ) -> SafeTreeNode:
        n = len(key)
        segments: list[tuple[int, int, State, bool]]
        if not self._selective:
            segments = [(offset, n, State.PENDING, False)]
        elif parent.state == State.SENSITIVE:
            segments = [(offset, n, State.SENSITIVE, False)]
        else:
            declared = 0
            if self._declared and not key.is_bigram:
                declared = self._declared.covered(key.token_ids, key.extra_key, n, offset)
                declared -= declared % self.page_size
            if declared > offset and self._ledger:
                declared = self._ledger_cut(key.token_ids, key.extra_key, offset, declared)
            if declared > offset:
                if parent.tag is PUBLIC_TAG:
                    segments = [(offset, declared, State.PUBLIC, False)]
                else:
                    segments = [(offset, declared, State.PENDING, True)]
                if declared < n:
                    segments.append((declared, n, State.PENDING, False))
            else:
                segments = [(offset, n, State.PENDING, False)]
        ps = self.page_size
        for a, b, state, cleared in segments:
            node = SafeTreeNode(tenant, state, priority)
            if key.is_bigram:
                node.key = key[a:b]
            else:  # what key[a:b] makes, without its generic slicing
                node.key = RadixKey(key.token_ids[a:b], key.extra_key)
            node.value = (value if a == 0 and b == len(value) else value[a:b]).clone()
            node.cleared = cleared
            if b > inserted_len:
                node.hit_count = 1
            ck = key.child_key_at(a, ps)
            tag = node.tag
            if tag is PUBLIC_TAG:
                if ck in parent.children:
                    raise RuntimeError("safekv: insert would file two public nodes under one key")
                parent.children[ck] = node
            else:
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
            if tag is not PUBLIC_TAG:
                self._add_private(tenant, length)
                leaves = self._owner_leaves.get(tenant)
                if leaves is None:
                    leaves = self._owner_leaves[tenant] = set()
                leaves.add(node)
                node.in_owner_leaves = True
            self.kv_events.record_store(node)
            self._count(_INSERTED[state], length)
            parent = node
        return parent

    def _emit_job(
        self, tenant: str, key: RadixKey, last: SafeTreeNode, end: int, now: float
    ) -> None:
        """Submit the tenant's unsubmitted PENDING tokens below the public part of the path."""
        root = self.root_node
        if last.tag is PUBLIC_TAG:
            return
        if last.parent.tag is PUBLIC_TAG:  # the common case: one private node
            chain = [last]
        else:
            chain = []
            x = last
            while x is not root and x.tag is not PUBLIC_TAG:
                chain.append(x)
                x = x.parent
            chain.reverse()
        pos = end
        for c in chain:
            pos -= len(c.key)
        start = None
        run: list[SafeTreeNode] = []
        run_end = pos
        fresh = False  # a node no decision covers: held nodes alone wait for more text
        for c in chain:
            if c.owner != tenant or c.state != State.PENDING or c.hidden:
                break
            if not c.submitted and not c.cleared:
                if start is None:
                    start = pos
                fresh = fresh or not c.held
            if start is not None:
                run.append(c)
            pos += len(c.key)
            run_end = pos
        if start is None or not fresh:
            return
        for c in run:
            c.submitted = True
            c.held = False
        raw = key.token_ids
        tokens = raw[: run_end + 1] if key.is_bigram else raw[:run_end]
        if not isinstance(tokens, array):  # an array slice is a cheap immutable-by-use copy
            tokens = tuple(tokens)
        # positional: measurably cheaper for a frozen dataclass on this per-insert path
        job = ClassificationJob(tenant, tokens, start, run_end, key.extra_key, now)
        self._count("jobs_emitted")
        self._count("job_tokens", run_end - start)
        self._dispatch(self._job_listeners, job)

    # ------------------------------------------------------------------ request path

    def _insert_request(
        self,
        req: Any,
        token_ids: Sequence[int],
        key_limit: int | None,
        split_prompt: bool,
    ) -> tuple[RadixKey, torch.Tensor, int, SafeTreeNode, int]:
        if self._pending_work():
            self._drain()
        kv_indices = self.req_to_token_pool.req_to_token[req.kv.req_pool_idx, : len(token_ids)]
        key = RadixKey(token_ids, req.extra_key, is_bigram=self.is_eagle).page_aligned(
            self.page_size
        )
        if key_limit is not None:
            key = key[:key_limit]
        values = kv_indices[: len(key)].to(dtype=torch.int64, copy=True)
        tenant = self._tenant(req.cache_salt, req)
        anchor = req.last_node if isinstance(req.last_node, SafeTreeNode) else None
        priority = req.priority or 0
        prefix_len, last, tree_len = self._insert_path(
            tenant, key, values, priority, req.kv.cache_inserted_len, anchor
        )
        if split_prompt and tree_len == len(key):
            prompt_len = len(req.origin_input_ids)
            prompt_len -= prompt_len % self.page_size
            if 0 < prompt_len < tree_len:
                self._split_path_at(last, tree_len, prompt_len, priority + 1)
        return key, kv_indices, prefix_len, last, tree_len

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
            x, d_end = x.parent, d
        return

    def _insert_cache(
        self,
        req: Any,
        token_ids: Any,
        *,
        key_limit: int | None = None,
        split_prompt: bool = False,
    ) -> tuple[RadixKey, torch.Tensor, int]:
        if self._global:
            return super()._insert_cache(
                req, token_ids, key_limit=key_limit, split_prompt=split_prompt
            )
        key, kv_indices, prefix_len, _, tree_len = self._insert_request(
            req, token_ids, key_limit, split_prompt
        )
        req.kv.cache_inserted_len = max(req.kv.cache_inserted_len, tree_len)
        self.token_to_kv_pool_allocator.free_segment(
            kv_indices[req.kv.cache_protected_len : prefix_len],
            start_pos=req.kv.cache_protected_len,
        )
        return key, kv_indices, prefix_len

    def checkpoint(self, req: Any, *, up_to: int, **kwargs: Any) -> None:
        if self._global:
            super().checkpoint(req, up_to=up_to)
            return
        if self.disable:
            return
        token_ids = req.full_untruncated_fill_ids[:up_to]
        floor = req.kv.swa_evict_floor
        key_limit = ceil_align(floor, self.page_size) if floor > 0 else None
        _, kv_indices, prefix_len, last, tree_len = self._insert_request(
            req, token_ids, key_limit, True
        )
        protected = req.kv.cache_protected_len
        if tree_len < protected:
            raise RuntimeError(
                f"safekv: request {req.rid} holds {protected} tree tokens but its path has "
                f"{tree_len}"
            )
        req.kv.cache_inserted_len = max(req.kv.cache_inserted_len, tree_len)
        if prefix_len > protected:
            # The request computed these tokens itself, but the tree already has them.
            self.token_to_kv_pool_allocator.free_segment(
                kv_indices[protected:prefix_len], start_pos=protected
            )
        new_indices = self.path_device_indices(last)
        if len(new_indices) != tree_len:
            raise RuntimeError(f"safekv: path of {len(new_indices)} tokens, expected {tree_len}")
        self.req_to_token_pool.write(
            (req.kv.req_pool_idx, slice(protected, tree_len)), new_indices[protected:]
        )
        req.kv.cache_protected_len = tree_len
        self.unlock(req.lock)
        req.lock = self.lock(last)
        req.last_node = last

    # ------------------------------------------------------------------ locks

    def inc_lock_ref(self, node: Any) -> IncLockRefResult:
        if self._global:
            return super().inc_lock_ref(node)
        if self.disable:
            return IncLockRefResult(delta=0)
        delta = 0
        root = self.root_node
        while node is not root:
            if node.lock_ref == 0:
                n = len(node.key)
                self.evictable_size_ -= n
                self.protected_size_ += n
                delta -= n
                node.lock_ref = 1
                if node.in_leaves:
                    self._refresh_leaf(node)
            else:
                node.lock_ref += 1
            node = node.parent
        return IncLockRefResult(delta=delta)

    def dec_lock_ref(self, node: Any, params: DecLockRefParams | None = None) -> DecLockRefResult:
        if self._global:
            return super().dec_lock_ref(node, params)
        if self.disable:
            return DecLockRefResult(delta=0)
        delta = 0
        root = self.root_node
        while node is not root:
            if node.lock_ref <= 0:
                raise RuntimeError(f"safekv: unlocking an unlocked node {node!r}")
            if node.lock_ref == 1:
                n = len(node.key)
                self.evictable_size_ += n
                self.protected_size_ -= n
                delta += n
                node.lock_ref = 0
                self._refresh_leaf(node)
                if node.waiting:
                    self._retry_due = True
            else:
                node.lock_ref -= 1
            node = node.parent
            if node is None:
                raise RuntimeError("safekv: this request holds a node from another tree")
        return DecLockRefResult(delta=delta)

    # ------------------------------------------------------------------ eviction

    def _free_leaf(self, node: SafeTreeNode, reason: str) -> int:
        """Free a childless, unlocked node's KV and remove it from the tree."""
        if node.lock_ref != 0 or node.has_children():
            raise RuntimeError(f"safekv: freeing a locked or inner node {node!r}")
        allocator = self.token_to_kv_pool_allocator
        if allocator is not None:
            allocator.free_segment(node.value, start_pos=0)
        self.kv_events.record_remove(node)
        parent = node.parent
        parent.remove(node.tag, node.key.child_key(self.page_size))
        n = len(node.key)
        self.evictable_size_ -= n
        if node.tag is not PUBLIC_TAG:
            self._add_private(node.owner, -n)
        node.value = None
        self._refresh_leaf(node)
        self._nodes.pop(node.id, None)
        self._doomed.discard(node)
        self._deferred.discard(node)
        self._refresh_leaf(parent)
        self._count(f"evicted_tokens_{reason}", n)
        return n

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
        x = node.parent
        while x is not root and x.tag is not PUBLIC_TAG:
            if x.hidden or x.owner != node.owner:
                return True
            x = x.parent
        return False

    def _evict_priority(self, node: SafeTreeNode) -> tuple[int, Any]:
        if self._is_orphan(node):
            return (0, node.last_access_time)
        return (1, self.eviction_strategy.get_priority(node))

    def evict(self, params: EvictParams) -> EvictResult:
        if self._global:
            return super().evict(params)
        if self.disable:
            return EvictResult()
        start = time.perf_counter()
        if self._pending_work():
            self._drain()
        num_tokens = params.num_tokens
        evicted = self._evict_orphans(num_tokens)
        if evicted < num_tokens:
            evicted += self._evict_fair(num_tokens - evicted)
        self.update_eviction_metrics(evicted, start)
        return EvictResult(num_tokens_evicted=evicted)

    def _evict_orphans(self, goal: int) -> int:
        """Free hidden and unreachable leaves first: nobody can use them any more."""
        heap = []
        for x in self.evictable_leaves:
            if self._is_orphan(x):
                heap.append((x.last_access_time, x.id, x))
        heapq.heapify(heap)
        evicted = 0
        while evicted < goal and heap:
            _, _, x = heapq.heappop(heap)
            if x.value is None or not x.in_leaves:
                continue
            parent = x.parent
            evicted += self._free_leaf(x, "orphan")
            if parent.in_leaves and self._is_orphan(parent):
                heapq.heappush(heap, (parent.last_access_time, parent.id, parent))
        return evicted

    @staticmethod
    def _is_unit(x: SafeTreeNode) -> bool:
        """Nothing of ``x``'s owner hangs below it: it can go, with what others built on it."""
        owner = x.owner
        return all(c.owner != owner for c in x.iter_children())

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
        """
        held: dict[str, int] = {}
        units: dict[str, list] = {}
        stack = list(self.root_node.iter_children())
        while stack:
            x = stack.pop()
            if x.hidden:
                continue
            held[x.owner] = held.get(x.owner, 0) + len(x.key)
            if x.lock_ref == 0 and self._is_unit(x):
                units.setdefault(x.owner, []).append((self._unit_key(x), x))
            stack.extend(x.iter_children())
        for heap in units.values():
            heapq.heapify(heap)
        owners = [(-held[o], o) for o in units]
        heapq.heapify(owners)
        evicted = 0
        while evicted < goal and owners:
            neg, owner = heapq.heappop(owners)
            heap = units.get(owner)
            if not heap:
                continue
            if -neg != held[owner]:  # stale: re-rank with what it holds now
                heapq.heappush(owners, (-held[owner], owner))
                continue
            x = None
            while heap:
                _, cand = heapq.heappop(heap)
                if (
                    cand.value is not None
                    and cand.lock_ref == 0
                    and not cand.hidden
                    and self._is_unit(cand)
                ):
                    x = cand
                    break
            if x is None:
                continue
            own, parent = self._free_unit(x, held)
            evicted += own
            if (
                parent is not self.root_node
                and parent.lock_ref == 0
                and not parent.hidden
                and self._is_unit(parent)
            ):
                up = units.setdefault(parent.owner, [])
                heapq.heappush(up, (self._unit_key(parent), parent))
                if parent.owner != owner:
                    heapq.heappush(owners, (-held[parent.owner], parent.owner))
            if heap:
                heapq.heappush(owners, (-held[owner], owner))
        return evicted

    def _free_unit(self, x: SafeTreeNode, held: dict[str, int]) -> tuple[int, SafeTreeNode]:
        """Free unit ``x`` and its subtree; a public unit takes its same-lineage fragments above
        it along (the split a visitor's match made must not change what survives)."""
        owner = x.owner
        own = 0
        while True:
            parent = x.parent
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
                held[y.owner] = held.get(y.owner, 0) - n  # hidden nodes were not counted
                if y.owner == owner:
                    own += n
            if (
                x.tag is PUBLIC_TAG
                and parent is not self.root_node
                and parent.tag is PUBLIC_TAG
                and parent.owner == owner
                and parent.lineage == x.lineage
                and parent.lock_ref == 0
                and self._is_unit(parent)
            ):
                x = parent
                continue
            break
        return own, parent

    def _enforce_quota(self, tenant: str, keep: SafeTreeNode) -> None:
        """Evict ``tenant``'s own private leaves until it is back under its quota."""
        self.inc_lock_ref(keep)  # never the path just inserted
        try:
            leaves = self._owner_leaves.get(tenant, ())
            heap = [(self._evict_priority(x), x.id, x) for x in leaves]
            heapq.heapify(heap)
            while heap and self._private_tokens.get(tenant, 0) > self._quota:
                _, _, x = heapq.heappop(heap)
                if x.value is None or not x.in_owner_leaves or x.owner != tenant:
                    continue
                parent = x.parent
                self._free_leaf(x, "quota")
                if parent.in_owner_leaves and parent.owner == tenant:
                    heapq.heappush(heap, (self._evict_priority(parent), parent.id, parent))
        finally:
            self.dec_lock_ref(keep)

    # ------------------------------------------------------------------ detector results

    def apply_detection(self, result: DetectionResult) -> None:
        """Apply a detector result now (scheduler thread); queued if called from a callback."""
        if not self._selective:
            self._count("results_ignored")
            return
        if self._in_callback or self._draining:
            self._actions.append(("detect", (result,)))
            return
        if self._pending_work():
            self._drain()
        self._apply_detection(result)
        if self._pending_work():
            self._drain()

    def _valid_result(self, r: Any) -> bool:
        try:
            ok = (
                isinstance(r.owner, str)
                and isinstance(r.start, int)
                and isinstance(r.end, int)
                and 0 <= r.start <= r.end <= len(r.token_ids)
                and all(
                    x is None or (isinstance(x, int) and x >= 0)
                    for x in (r.first_sensitive, r.held_from)
                )
            )
        except (AttributeError, TypeError):
            ok = False
        if not ok:
            self._count("results_invalid")
            logger.warning("safekv: ignoring a malformed detector result: %.200r", r)
        return ok

    def _result_key(self, r: DetectionResult, end: int) -> RadixKey | None:
        if self._token_type is None:
            return None
        raw = r.token_ids[: end + 1] if self.is_eagle else r.token_ids[:end]
        tokens = array("q", raw) if self._token_type is array else list(raw)
        return RadixKey(tokens, r.extra_key, is_bigram=self.is_eagle)

    def _apply_detection(self, r: DetectionResult) -> None:
        if not self._selective:
            self._count("results_ignored")
            return
        if not self._valid_result(r):
            return
        ps = self.page_size
        end = r.end - r.end % ps
        lo = r.start - r.start % ps
        key = self._result_key(r, end)
        if key is None or end <= lo:
            self._count("results_stale")
            return
        if r.failed:
            self._count("results_failed")
            self._unsubmit(r.owner, key, lo)
            return
        cut = end if r.first_sensitive is None else min(end, max(r.first_sensitive, lo))
        cut -= cut % ps
        # Tokens judged without their right context stay PENDING and go out again later.
        hold = cut if r.held_from is None else min(cut, max(r.held_from, lo))
        hold -= hold % ps
        owner = r.owner
        node, offset = self.root_node, 0
        cleared: list[SafeTreeNode] = []
        changed = False
        while offset < end:
            child, m = self._pick(node, owner, key, offset)
            if child is None or m <= 0:
                break
            if m < len(child.key):
                child = self._split(child, m)
            d, e = offset, offset + len(child.key)
            if child.tag is not PUBLIC_TAG:
                for b in (lo, hold, cut):  # no node may straddle a decision boundary
                    if d < b < e:
                        child = self._split(child, b - d)
                        e = b
                        break
                if child.state == State.SENSITIVE:
                    break  # already private forever, with everything below it
                if d >= cut:
                    self._mark_sensitive(child)
                    self._count("sensitive_marks")
                    changed = True
                    break
                if d >= lo and child.state == State.PENDING and not child.cleared:
                    if d >= hold:
                        if not child.held:
                            child.held = True
                            child.submitted = False
                            self._count("held_tokens", e - d)
                            changed = True
                    else:
                        child.cleared = True
                        child.held = False
                        cleared.append(child)
                        changed = True
            node, offset = child, e
        self._count("results_applied" if changed else "results_stale")
        for c in cleared:
            self._promote_from(c)

    def _unsubmit(self, owner: str, key: RadixKey, lo: int) -> None:
        """A failed job: its nodes stay private and may be submitted again by a later insert."""
        node, offset = self.root_node, 0
        while offset < len(key):
            child, m = self._pick(node, owner, key, offset)
            if child is None or m <= 0:
                return
            if child.owner == owner and child.state == State.PENDING and offset + m > lo:
                child.submitted = False
                child.held = False
            if m < len(child.key):
                return
            node, offset = child, offset + m

    def _mark_sensitive(self, top: SafeTreeNode) -> None:
        """``top`` and everything below it become SENSITIVE (never public again)."""
        stack = [top]
        while stack:
            x = stack.pop()
            if x.state == State.PUBLIC:  # cannot happen below a private node; stay safe
                self._demote_node(x)
            if x.state != State.SENSITIVE:
                self._count("sensitive_tokens_marked", len(x.key))
                x.state = State.SENSITIVE
                x.cleared = False
            stack.extend(x.iter_children())
        self._compress_queue.append(top)

    # ------------------------------------------------------------------ promotion, dedup

    def _promote_from(self, start: SafeTreeNode) -> None:
        """Promote ``start`` if its parent is public, then every cleared node that follows."""
        stack = [start]
        while stack:
            x = stack.pop()
            if (
                x.value is None
                or x.state != State.PENDING
                or not x.cleared
                or x.hidden
                or x.parent.tag is not PUBLIC_TAG
            ):
                continue
            if self._ledger:
                x = self._without_withdrawn(x)
                if x is None:
                    continue
            survivor = self._make_public(x)
            if survivor is None:
                continue
            self._compress_queue.append(survivor)
            for c in survivor.iter_children():
                if c.state == State.PENDING and c.cleared and not c.hidden:
                    stack.append(c)

    def _ledger_cut(self, tokens: Sequence[int], extra_key: Any, lo: int, hi: int) -> int:
        """The first page in ``[lo, hi)`` of path ``tokens`` that the ledger withdrew, else hi."""
        ps = self.page_size
        for d in self._ledger.depths_in(extra_key, lo, hi):
            if self._ledger.contains(extra_key, tokens[:d]):
                cut = d - ps
                return max(lo, cut - cut % ps)
        return hi

    def _without_withdrawn(self, x: SafeTreeNode) -> SafeTreeNode | None:
        """The part of ``x`` before withdrawn content (all of it if none); the rest of ``x``
        becomes DEMOTED: content in the ledger is never public again, whoever sent it."""
        a = self._depth(x)
        b = a + len(x.key)
        if not self._ledger.depths_in(x.key.extra_key, a, b):
            return x
        cut = self._ledger_cut(self._path_tokens(x), x.key.extra_key, a, b)
        if cut >= b:
            return x
        upper = self._split(x, cut - a) if cut > a else None
        x.state = State.DEMOTED
        x.cleared = False
        self._count("ledger_refused_promotions")
        self._count("ledger_refused_tokens", len(x.key))
        return upper

    def _path_tokens(self, node: SafeTreeNode) -> list[int]:
        parts = []
        x = node
        while x is not self.root_node:
            parts.append(x.key.token_ids[: len(x.key)])
            x = x.parent
        out: list[int] = []
        for p in reversed(parts):
            out.extend(p)
        return out

    def _make_public(self, node: SafeTreeNode) -> SafeTreeNode | None:
        """Make ``node`` PUBLIC, merging it with an identical public sibling (dedup)."""
        ps = self.page_size
        parent = node.parent
        other = parent.children.get(node.key.child_key(ps))
        if other is None:
            node.state = State.PUBLIC
            node.cleared = False
            if not self._retag(node, PUBLIC_TAG):  # checked just above
                raise RuntimeError("safekv: public slot taken during promotion")
            self._count("promotions")
            self._count("promoted_tokens", len(node.key))
            return node
        if node.lock_ref > 0 and other.lock_ref > 0:
            node.waiting = other.waiting = True
            self._deferred.add(node)
            self._count("dedup_deferred")
            return None
        if node.lock_ref > 0 and other.owner != node.owner:
            # Merging the other creator's public copy into this one would hand its place (and
            # its eviction) to this creator: a visible trace of this request. Wait for it.
            node.waiting = True
            self._deferred.add(node)
            self._count("dedup_deferred")
            return None
        common = node.key.match(other.key, page_size=ps)
        a = self._split(node, common) if common < len(node.key) else node
        b = self._split(other, common) if common < len(other.key) else other
        self._deferred.discard(node)
        a.state = State.PUBLIC
        a.cleared = False
        self._count("promotions")
        self._count("promoted_tokens", len(a.key))
        if a.lock_ref == 0:
            self._merge_into(a, b)
            return b
        self._merge_into(b, a)  # frees b and its public slot
        if not self._retag(a, PUBLIC_TAG):
            raise RuntimeError("safekv: public slot taken during dedup")
        return a

    def _merge_into(self, src: SafeTreeNode, dst: SafeTreeNode) -> None:
        """Free ``src`` (unlocked, same tokens as ``dst``) and move its children under ``dst``."""
        if src.lock_ref != 0:
            raise RuntimeError("safekv: merging a locked node")
        ps = self.page_size
        self.kv_events.record_remove(src)
        src_parent = src.parent
        src_parent.remove(src.tag, src.key.child_key(ps))
        allocator = self.token_to_kv_pool_allocator
        if allocator is not None:
            allocator.free_segment(src.value, start_pos=0)
        n = len(src.key)
        self.evictable_size_ -= n
        if src.tag is not PUBLIC_TAG:
            self._add_private(src.owner, -n)
        self._count("dedup_merges")
        self._count("dedup_freed_tokens", n)
        if dst.state != State.PUBLIC:  # same owner's private copies: keep the stricter state
            if src.state == State.SENSITIVE or dst.state == State.SENSITIVE:
                dst.state = State.SENSITIVE
            elif src.state == State.DEMOTED:
                dst.state = State.DEMOTED
            dst.cleared = dst.cleared and src.cleared and dst.state == State.PENDING
            dst.submitted = dst.submitted and src.submitted
            dst.held = dst.held and src.held
        if src.owner == dst.owner:  # another tenant's copy must not refresh this one
            dst.last_access_time = max(dst.last_access_time, src.last_access_time)
            dst.hit_count = max(dst.hit_count, src.hit_count)
            dst.priority = max(dst.priority, src.priority)
        for c in src.child_list():
            cck = c.key.child_key(ps)
            o = dst.lookup(c.tag, cck)
            if o is None:
                src.remove(c.tag, cck)
                c.parent = dst
                dst.put(c.tag, cck, c)
                continue
            common = c.key.match(o.key, page_size=ps)
            c1 = self._split(c, common) if common < len(c.key) else c
            o1 = self._split(o, common) if common < len(o.key) else o
            self._merge_into(c1, o1)
        src.value = None
        src.children = {}
        src.private = None
        self._refresh_leaf(src)
        self._nodes.pop(src.id, None)
        self._deferred.discard(src)
        self._doomed.discard(src)
        if dst.state == State.SENSITIVE:
            self._mark_sensitive(dst)
        self._refresh_leaf(dst)
        if src_parent.value is not None:
            self._refresh_leaf(src_parent)
        self._compress_queue.append(dst)

    def _retry_waiting(self) -> None:
        """Free hidden nodes whose locks are gone; retry promotions deferred by locks."""
        for x in list(self._doomed):
            if x.value is None:
                self._doomed.discard(x)
            elif x.lock_ref == 0:
                self._doomed.discard(x)
                self._free_subtree(x, "hidden")
        for p in list(self._deferred):
            self._deferred.discard(p)
            if p.value is None or p.state != State.PENDING or not p.cleared:
                continue
            top = p
            while top.parent.state == State.PENDING and top.parent.cleared:
                top = top.parent
            self._promote_from(top)

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
            while x.parent is not root and self._merge_down(x.parent) is not None:
                pass
            while x is not None:
                x = self._merge_down(x)

    def _compressible(self, p: SafeTreeNode, c: SafeTreeNode) -> bool:
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
        )

    def _merge_down(self, p: SafeTreeNode) -> SafeTreeNode | None:
        """Merge ``p`` into its only child (which survives); returns the child, or None."""
        if p is self.root_node or p.value is None or p.num_children() != 1:
            return None
        c = next(p.iter_children())
        if not self._compressible(p, c):
            return None
        ps = self.page_size
        gp = p.parent
        pck = p.key.child_key(ps)
        p.remove(c.tag, c.key.child_key(ps))
        gp.remove(p.tag, pck)
        c.key = _concat_keys(p.key, c.key)
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
        self._nodes.pop(p.id, None)
        self._count("compressions")
        return c

    # ------------------------------------------------------------------ operator and monitor

    def declare_public(self, token_ids: Sequence[int], extra_key: str | None = None) -> int:
        """Declare a public prefix; returns how many cached tokens it made public now.

        Content inserted within it later is PUBLIC at insert (selective mode only).
        """
        tokens = self._declared.add(token_ids, extra_key)
        if not self._selective:
            return 0
        if self._in_callback or self._draining:
            self._actions.append(("declare", (tokens, extra_key)))
            return 0
        if self._pending_work():
            self._drain()
        before = self._stats.get("promoted_tokens", 0)
        self._promote_declared(tokens, extra_key)
        if self._pending_work():
            self._drain()
        return self._stats.get("promoted_tokens", 0) - before

    def _promote_declared(self, tokens: tuple[int, ...], extra_key: str | None) -> None:
        ps = self.page_size
        total = len(tokens) - len(tokens) % ps
        frontier = [(self.root_node, 0)]
        tops: list[SafeTreeNode] = []
        while frontier:
            node, d = frontier.pop()
            for c in node.child_list():
                if c.hidden or c.key.is_bigram or c.key.extra_key != extra_key:
                    continue
                raw = c.key.token_ids
                m = common_prefix_len(raw[: len(c.key)], tokens[:total], d)
                m -= m % ps
                if m <= 0:
                    continue
                if m < len(c.key):
                    c = self._split(c, m)
                if c.state == State.PENDING and not c.cleared:
                    c.cleared = True
                    tops.append(c)
                if d + m < total:
                    frontier.append((c, d + m))
        self._count("declared_prefixes")
        tops.sort(key=lambda x: self._depth(x))
        for c in tops:
            self._promote_from(c)

    def _depth(self, node: SafeTreeNode) -> int:
        d = 0
        x = node.parent
        while x is not None and x is not self.root_node:
            d += len(x.key)
            x = x.parent
        return d

    def demote(self, node_id: int, reason: str = "") -> bool:
        """Withdraw a PUBLIC node (and every public node below it) from sharing.

        It becomes DEMOTED and private to its creator; False if there is no such public node.
        """
        if not self._selective:
            return False
        if self._in_callback or self._draining:
            self._actions.append(("demote", (node_id, reason)))
            return node_id in self._nodes
        return self._demote(node_id, reason)

    def _demote(self, node_id: int, reason: str = "") -> bool:
        x = self._nodes.get(node_id)
        if x is None or x.state != State.PUBLIC:
            return False
        self._demote_node(x)
        self._count("demotions")
        if reason:
            label = "".join(ch for ch in reason[:24] if ch.isalnum() or ch == "_") or "other"
            self._count(f"demotions_{label}")
        self._compress()
        return True

    def _demote_node(self, top: SafeTreeNode) -> None:
        if top.state == State.PUBLIC:
            d = self._depth(top) + self.page_size
            if self._ledger.add(top.key.extra_key, self._path_tokens(top)[:d]):
                self._count("ledger_entries_added")
        stack = [top]
        while stack:
            y = stack.pop()
            public_children = list(y.children.values())
            if y.state == State.PUBLIC:
                y.state = State.DEMOTED
                y.cleared = False
                self._count("demoted_tokens", len(y.key))
                if not self._retag(y, y.owner):
                    self._hide(y)
                self._compress_queue.append(y)
            stack.extend(public_children)

    def evict_node(self, node_id: int) -> bool:
        """Free a node and its subtree now; if a request locks it, hide it and free it later."""
        if self._global:
            return False
        if self._in_callback or self._draining:
            self._actions.append(("evict_node", (node_id,)))
            return node_id in self._nodes
        return self._evict_node(node_id)

    def _evict_node(self, node_id: int) -> bool:
        x = self._nodes.get(node_id)
        if x is None:
            return False
        self._count("monitor_evictions")
        if x.state == State.PUBLIC:
            self._demote_node(x)
        if x.lock_ref == 0:
            self._free_subtree(x, "monitor")
        else:
            self._hide(x)
            for c in x.child_list():
                if c.lock_ref == 0:
                    self._free_subtree(c, "monitor")
        self._compress()
        return True

    def node_info(self, node_id: int) -> dict[str, Any] | None:
        """What the monitor may want to know about a node (None if it is gone)."""
        if self._global:
            return None
        x = self._nodes.get(node_id)
        if x is None:
            return None
        return {
            "id": x.id,
            "creator": x.owner,
            "state": x.state.name,
            "hidden": x.hidden,
            "depth": self._depth(x),
            "len": len(x.key),
            "lock_ref": x.lock_ref,
            "lineage_id": x.lineage,
        }

    # ------------------------------------------------------------------ scheduler helpers

    def dfs_weight_order(self, node_handles: Sequence[Any]) -> list[int]:
        """DFS-weight order over the public tree only (requests grouped at public anchors)."""
        if self._global:
            return super().dfs_weight_order(node_handles)
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
                or y.parent.children.get(y.key.child_key(ps)) is not y
            ):
                break
            anchor = y
        return anchor

    def total_size(self) -> int:
        if self._global:
            return super().total_size()
        return sum(len(x.key) for x in self._iter_nodes())

    def all_values_flatten(self) -> torch.Tensor:
        if self._global:
            return super().all_values_flatten()
        values = [x.value for x in self._iter_nodes()]
        if not values:
            return self._empty_device_indices
        return torch.cat(values)

    def _iter_nodes(self):
        stack = list(self.root_node.iter_children())
        while stack:
            x = stack.pop()
            yield x
            stack.extend(x.iter_children())

    def pretty_print(self) -> None:
        if self._global:
            super().pretty_print()
            return
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

    # ------------------------------------------------------------------ stats

    def private_tokens(self, tenant: str) -> int:
        return self._private_tokens.get(tenant, 0) if not self._global else 0

    def safekv_timing(self) -> dict[str, float]:
        """Scheduler-thread seconds spent on the detector and monitor's side of the cache."""
        return {
            "scheduler_job_listener_seconds": self._timing["jobs"],
            "scheduler_match_listener_seconds": self._timing["matches"],
            "scheduler_apply_results_seconds": self._timing["apply"],
        }

    def safekv_stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = {
            "backend": type(self).__name__,
            "mode": self.mode.value,
            "match_calls": self.match_calls,
            "insert_calls": self.insert_calls,
            "hit_tokens": self.hit_tokens,
            "cached_tokens": self.total_size(),
            "evictable_tokens": self.evictable_size_,
            "protected_tokens": self.protected_size_,
        }
        if self._global:
            return stats
        if self._pending_work():
            self._drain()
        tokens = {s.name.lower(): 0 for s in State}
        tokens["hidden"] = 0
        tokens["cleared"] = 0
        nodes = 0
        for x in self._iter_nodes():
            nodes += 1
            n = len(x.key)
            tokens[x.state.name.lower()] += n
            if x.hidden:
                tokens["hidden"] += n
            if x.cleared:
                tokens["cleared"] += n
        stats["tokens"] = tokens
        stats["nodes"] = nodes
        stats["tenants_with_private_tokens"] = len(self._private_tokens)
        stats["max_private_tokens"] = max(self._private_tokens.values(), default=0)
        stats["private_token_quota"] = -1 if self._quota is None else self._quota
        stats["declared_prefix_count"] = self._declared.count
        stats["deferred_promotions"] = len(self._deferred)
        stats["hidden_waiting"] = len(self._doomed)
        stats["pending_results"] = len(self._inbox) + len(self._actions)
        stats["withdrawn_contents"] = len(self._ledger)
        stats["ledger_write_errors"] = self._ledger.write_errors
        evicted = {}
        for name, value in sorted(self._stats.items()):
            if name.startswith("evicted_tokens_"):
                evicted[name[len("evicted_tokens_") :]] = value
            else:
                stats[name] = value
        stats["evicted_tokens"] = evicted
        return stats
