"""SafeRadixCache: SGLang's RadixCache with tenants, sensitivity states and selective sharing.

Modes (``SafeKVConfig.mode``):

* ``global``: stock SGLang sharing. ``SafeRadixCache(params, config)`` builds a
  :class:`~sglang_safekv.cache.global_cache.GlobalRadixCache`: SGLang's own cache with the
  tenant stamp stripped from keys, so that all tenants share one tree.
* ``isolated``: every node is private to the tenant that inserted it and is never promoted.
* ``selective``: nodes start PENDING (private to their owner); the detector's results make
  them PUBLIC (shared) or SENSITIVE (private forever), the monitor can withdraw public nodes.

This module is the SGLang adapter: match_prefix / insert / the request path / lock refs, the
listeners, the queue of commands and results, and the API the server and tools call. The
layers below it: :mod:`tree` (visibility, child choice, split/merge), :mod:`eviction`,
:mod:`transitions` (promotion, sensitivity, demotion, dedup, ledger). It is a little over the
project's size bar because SGLang's cache interface is one class; what is not interface lives
in those layers. Match and insert inline the child choice only for a node without private
children (there it is the public child): the benchmarks show the call on that hot path.

* A request's insert (``checkpoint``) follows the request's locked path (``req.last_node``) for
  the prefix it holds, whatever its visibility now. If that path is no longer visible to the
  request's tenant (a public node on it was demoted or evicted by the monitor), the tail is not
  inserted: it stays the request's own KV and is freed with the request ("declined tail").
* Only a node's creator moves the fields eviction reads (access time, hit count, priority):
  another tenant's visit to a public node leaves nothing there.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import weakref
from collections import deque
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
)
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixKey
from sglang.srt.utils.common import ceil_align

from sglang_safekv import tenancy
from sglang_safekv.cache.commands import ApplyResult, Command, DeclarePublic, Demote, EvictNode
from sglang_safekv.cache.declared import DeclaredPrefixes
from sglang_safekv.cache.events import DetectionResult, MatchEvent
from sglang_safekv.cache.eviction import resolve_quota
from sglang_safekv.cache.global_cache import GlobalRadixCache
from sglang_safekv.cache.ledger import WithdrawalLedger
from sglang_safekv.cache.listeners import CacheListeners
from sglang_safekv.cache.lock_reserve import LockReserve, reserve_size
from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State
from sglang_safekv.cache.transitions import StateTransitions
from sglang_safekv.cache.tree import match_len, strip_salt
from sglang_safekv.config import ConfigError, Mode, SafeKVConfig

__all__ = ["SafeRadixCache", "resolve_quota"]

logger = logging.getLogger(__name__)


@dataclasses.dataclass(slots=True)
class InsertOutcome:
    """What an insert did: tokens the tree already had, its last node, the path's length."""

    prefix_len: int
    last: SafeTreeNode
    tree_len: int


@dataclasses.dataclass(slots=True)
class RequestInsert:
    """A request's insert: its key, its KV slots and the outcome."""

    key: RadixKey
    kv_indices: torch.Tensor
    outcome: InsertOutcome


@dataclasses.dataclass(slots=True)
class CrossHit:
    """A match passed another tenant's public node (reported to the monitor)."""

    node: SafeTreeNode
    depth: int
    node_len: int
    matched: int


def _demand_settings(config: SafeKVConfig) -> tuple[int, int]:
    """``cache.judge_on_demand_after`` and ``cache.demand_match_tokens``, checked."""
    after, need = config.cache.judge_on_demand_after, config.cache.demand_match_tokens
    if after < 0:
        raise ConfigError(f"cache.judge_on_demand_after must be >= 0, got {after!r}")
    if need < 1:
        raise ConfigError(f"cache.demand_match_tokens must be >= 1, got {need!r}")
    return after, need


class SafeRadixCache(StateTransitions):
    """The tenant-aware radix cache (the ``safekv`` radix-cache backend)."""

    def __new__(cls, params: CacheInitParams, config: SafeKVConfig | None = None) -> Any:
        # Global mode is SGLang's own cache: build that class, not this one.
        if config is not None and config.mode == Mode.GLOBAL:
            if cls is not SafeRadixCache:
                raise TypeError(f"{cls.__name__}: subclass GlobalRadixCache for global mode")
            return GlobalRadixCache(params, config)
        return super().__new__(cls)

    def __init__(self, params: CacheInitParams, config: SafeKVConfig | None = None):
        self.config = config or SafeKVConfig()
        self.mode = self.config.mode
        self._selective = self.mode == Mode.SELECTIVE
        self.match_calls = 0
        self.insert_calls = 0
        self.hit_tokens = 0
        self._stats = {}
        self._inbox: deque[DetectionResult] = deque()  # filled by post(), any thread
        self._commands: deque[Command] = deque()  # calls made where the tree may not change
        self._listeners = CacheListeners(self._count)
        self._declared = DeclaredPrefixes()
        self._draining = False
        self._apply_seconds = 0.0  # scheduler-thread seconds applying results and commands
        self._token_type = None
        self._throttled: Callable[[str], bool] | None = None
        self._compression = bool(self.config.cache.path_compression)
        self._judge_on_demand_after, self._demand_match_tokens = _demand_settings(self.config)
        self._judge_at_arrival = self._selective and self.config.cache.judge_at_arrival
        self._message_markers: frozenset[int] = frozenset()  # set_message_markers
        # id(request) -> (weak reference, tenant), for the requests that matched and have not
        # been released: who holds the lock on a public unit eviction hides (``_lock_holders``).
        # Keyed by id, not by the request: a request object need not be hashable.
        self._requests: dict[int, tuple[weakref.ref[Any], str]] = {}
        # Survives reset(): a withdrawal sticks to the content, not to this tree.
        self._ledger = WithdrawalLedger(self.config.cache.withdrawal_ledger_file or None)
        if self._selective:
            where = self._ledger.path or "memory only: forgotten at restart"
            logger.info("safekv: withdrawal ledger: %s (%d entries)", where, len(self._ledger))
        super().__init__(params)
        pool_size = getattr(self.token_to_kv_pool_allocator, "size", None)
        self._quota = resolve_quota(self.config.cache.private_token_quota, pool_size)
        wanted = self.config.cache.lock_reserve_tokens
        if wanted < 0:
            raise ConfigError(f"cache.lock_reserve_tokens must be >= 0, got {wanted!r}")
        size = reserve_size(wanted, pool_size, self.page_size) if self._selective else 0
        if self._selective and wanted and not size:
            logger.info(
                "safekv: no lock reserve (page size %d, pool %s)", self.page_size, pool_size
            )
        self._lock_reserve = LockReserve(size)

    def reset(self) -> None:
        reserve = getattr(self, "_lock_reserve", None)  # (reset runs inside __init__ too)
        if reserve is not None:
            reserve.release(self.token_to_kv_pool_allocator)  # taken again on next use
        super().reset()
        self._listeners.clear_marks()

    def protected_size(self) -> int:
        """Locked tokens and the lock reserve's: neither is free nor evictable, which is how
        SGLang's pool check counts them."""
        return self.protected_size_ + self._lock_reserve.held

    # ------------------------------------------------------------------ listeners, queue

    def set_message_markers(self, token_ids: Any) -> None:
        """The tokenizer's special tokens (chat-template role markers, BOS/EOS): where a fresh
        prompt crosses one past ``judge_on_demand_after`` tokens, the later messages wait for
        demand (demand.py). Off with ``cache.later_messages_on_demand = false``."""
        on = self._selective and self.config.cache.later_messages_on_demand
        if on and self.page_size != 1:
            # A boundary floored to a page can fall inside the last line before it, which the
            # detector then holds, and the message after it would wait forever.
            logger.warning(
                "safekv: cache.later_messages_on_demand needs page size 1 (it is %d): off",
                self.page_size,
            )
            on = False
        self._message_markers = frozenset(int(t) for t in token_ids) if on else frozenset()

    def add_listener(self, listener: Any) -> None:
        """Register a CacheListener (either method may be missing)."""
        self._listeners.add(listener)

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
        self._drain()

    def _drain(self) -> None:
        if self._draining:
            return
        self._draining = True
        t0 = time.perf_counter()
        try:
            while self._inbox:
                self._apply_detection(self._inbox.popleft())
            while self._commands:
                self.run(self._commands.popleft())
            if self._retry_due:
                self._retry_due = False
                self._retry_waiting()
            if self._compress_queue:
                self._compress()
            if self._demanded:  # dormant copies a filed message was the demand for
                self._send_demanded()
        finally:
            self._draining = False
            self._apply_seconds += time.perf_counter() - t0

    def _send_demanded(self) -> None:
        """Send the jobs other tenants' inserts (or a filed message) asked for."""
        listeners = self._listeners
        for job in self._take_demanded():
            if listeners.on_job:
                listeners.dispatch(listeners.on_job, job, "jobs")

    def _pending_work(self) -> bool:
        return bool(self._inbox or self._commands or self._retry_due or self._compress_queue)

    def _must_queue(self) -> bool:
        """Inside a listener callback or a drain the tree is mid-change: queue, don't apply."""
        return self._listeners.in_callback or self._draining

    # ------------------------------------------------------------------ match

    def match_prefix(self, params: MatchPrefixParams) -> MatchResult:
        key, _ = params.key.maybe_to_bigram_view(self.is_eagle)
        if self.disable or len(key) == 0:
            return self._empty_match_result
        if self._lock_reserve.to_take:
            # taken on first use (at start and after a reset), not in __init__ or reset(): the
            # scheduler clears the pool right after it resets the tree
            self._lock_reserve.take(self.token_to_kv_pool_allocator)
        if self._pending_work():
            self._drain()
        req = params.req
        tenant = self._tenant(key.cache_salt, req)
        if req is not None:
            self._track(req, tenant)
        key = strip_salt(key).page_aligned(self.page_size)
        if len(key) == 0:
            return self._empty_match_result
        if tenant == tenancy.OPERATOR and self._selective and not key.is_bigram:
            # The admin API prefills declared public prefixes as the operator tenant: the
            # whole prompt (not only the matchable part the key's limit leaves) is declared
            # before its insert, so it is PUBLIC from the moment it lands.
            tokens = self._declared.add(key.token_ids, key.extra_key)
            self._commands.append(DeclarePublic(tokens, key.extra_key))
            self._drain()
        self.match_calls += 1
        length, node = self._match_walk(tenant, key, req)
        self.hit_tokens += length
        if self._judge_at_arrival and req is not None and length < len(key):
            self._judge_ahead(tenant, key, node, length, req)
        return MatchResult(
            device_prefix_len=length,
            last_device_node=node,
            last_host_node=node,
            best_match_node=node,
        )

    def _judge_ahead(
        self, tenant: str, key: RadixKey, node: SafeTreeNode, length: int, req: Any
    ) -> None:
        """Send the request's unmatched prompt to the detector once, on its first match (the
        scheduler matches a waiting request again each round)."""
        if getattr(req, "_safekv_judged_ahead", False):
            return
        try:
            req._safekv_judged_ahead = True
        except AttributeError:  # a request type without a __dict__: judge at insert only
            return
        listeners = self._listeners
        if (
            not listeners.on_job
            or key.is_bigram
            or tenant == tenancy.OPERATOR
            or (self._throttled is not None and self._throttled(tenant))
        ):
            return
        job = self._ahead_job(tenant, key, node, length, time.monotonic())
        if job is not None:
            listeners.dispatch(listeners.on_job, job, "jobs")

    def set_sharing_throttle(self, is_throttled: Callable[[str], bool] | None) -> None:
        """While ``is_throttled(tenant)`` holds, that tenant's matches reuse no other tenant's
        public content (it is served as if isolated); the monitor throttles suspected probers."""
        self._throttled = is_throttled

    @staticmethod
    def _tenant(salt: str | None, req: Any) -> str:
        return tenancy.tenant_of(salt, None if req is None else getattr(req, "rid", None))

    def _match_walk(self, tenant: str, key: RadixKey, req: Any) -> tuple[int, SafeTreeNode]:
        """Longest tenant-visible prefix: (tokens matched, last node)."""
        now = time.monotonic()
        node = self.root_node
        node.last_access_time = now
        n = len(key)
        offset = 0
        cross: list[CrossHit] | None = None
        own_only = self._throttled is not None and self._throttled(tenant)
        if own_only:
            self._count("throttled_matches")
        ps = self.page_size
        while offset < n:
            if node.private is None and not own_only:  # the fast path insert has too
                child = node.children.get(key.child_key_at(offset, ps))
                m = 0 if child is None else match_len(child.key, key, offset, n, ps)
            else:
                child, m = self._pick(node, tenant, key, offset, n, own_only)
            if child is None or m <= 0:
                break
            clen = len(child.key)
            if child.owner == tenant:
                child.last_access_time = now
            else:  # another tenant's public node: its visit leaves no trace that evicts
                if cross is None:
                    cross = []
                cross.append(CrossHit(child, offset, clen, m))
            if m < clen:
                node = self._split(child, m)
                offset += m
                break
            node = child
            offset += m
        if cross is not None:
            # Every node past the deepest cross hit is the tenant's own (the others are hits).
            last = cross[-1]
            went_on = last.matched == last.node_len and offset > last.depth + last.node_len
            self._cross_tenant(tenant, cross, req, went_on)
        return offset, node

    def _cross_tenant(
        self, tenant: str, cross: list[CrossHit], req: Any, went_on: bool = False
    ) -> None:
        self._count("cross_tenant_hit_tokens", sum(h.matched for h in cross))
        listeners = self._listeners
        if not listeners.on_match:
            return
        now = time.monotonic()
        rid = None if req is None else getattr(req, "rid", None)
        for i, h in enumerate(cross):
            node = h.node
            if not listeners.first_time(rid, (node.id, h.depth, h.matched)):
                continue
            event = MatchEvent(
                tenant=tenant,
                node_id=node.id,
                creator=node.owner or "",
                node_depth=h.depth,
                node_len=h.node_len,
                matched_into_node=h.matched,
                time=now,
                lineage_id=node.lineage,
                then_own=went_on and i == len(cross) - 1,
                match_id=self.match_calls,  # this match_prefix call's number
            )
            self._count("match_events")
            listeners.match(event)

    def touch_prefix(self, key: RadixKey) -> None:
        key, _ = key.maybe_to_bigram_view(self.is_eagle)
        if self.disable or len(key) == 0:
            return
        tenant = self._tenant(key.cache_salt, None)
        key = strip_salt(key).page_aligned(self.page_size)
        if len(key) == 0:
            return
        now = time.monotonic()
        node, offset = self.root_node, 0
        n = len(key)
        while offset < n:
            child, m = self._pick(node, tenant, key, offset, n)
            if child is None or m <= 0:
                break
            if child.owner == tenant:
                child.last_access_time = now
            if m < len(child.key):
                self._split(child, m)
                break
            node, offset = child, offset + m

    # ------------------------------------------------------------------ insert

    def insert(self, params: InsertParams) -> InsertResult:
        if self.disable:
            return InsertResult(prefix_len=0)
        if self._pending_work():
            self._drain()
        key, value = params.key.maybe_to_bigram_view(self.is_eagle, params.value)
        tenant = tenancy.tenant_of(key.cache_salt, None)
        key = strip_salt(key).page_aligned(self.page_size)
        n = len(key)
        if value is not None:
            # shape[0], not len(): Tensor.__len__ is a Python-level call (per insert)
            if value.shape[0] != n:  # a tensor slice costs microseconds: only if needed
                value = value[:n]
        else:
            value = torch.tensor(key.token_ids[:n], dtype=torch.int64)
        done = self._insert_path(tenant, key, value, params.priority or 0, params.inserted_len)
        return InsertResult(prefix_len=done.prefix_len, last_device_node=done.last)

    def _insert_path(
        self,
        tenant: str,
        key: RadixKey,
        value: torch.Tensor,
        priority: int,
        inserted_len: int,
        anchor: SafeTreeNode | None = None,
        rid: Any = None,
    ) -> InsertOutcome:
        """Insert ``key`` for ``tenant`` (for request ``rid``, if one is inserting).

        With an ``anchor`` (a request's locked node), the anchor's path is taken as the first
        tokens of the key; if it is not visible to ``tenant`` any more the tail is declined.
        """
        self.insert_calls += 1
        if self._token_type is None:
            self._token_type = type(key.token_ids)
        n = len(key)
        now = time.monotonic()
        root = self.root_node
        root.last_access_time = now
        node, offset = root, 0
        if anchor is not None and anchor is not root:
            offset, visible = self._follow_anchor(tenant, key, anchor, priority, now)
            node = anchor
            if not visible:
                self._count("declined_tails")
                return InsertOutcome(offset, anchor, offset)
        ps = self.page_size
        # A throttled tenant's insert follows only its own nodes, as its match did: walking
        # (and splitting) another tenant's nodes here would show, on its next request, which
        # of its guesses went into them, without one event to the monitor.
        own_only = self._throttled is not None and self._throttled(tenant)
        while offset < n:
            # Fast path of TenantTree._pick for the common node without private children
            # (inlined: the insert benchmark shows the call).
            if node.private is None and not own_only:
                child = node.children.get(key.child_key_at(offset, ps))
                m = 0 if child is None else match_len(child.key, key, offset, n, ps)
            else:
                child, m = self._pick(node, tenant, key, offset, n, own_only)
            if child is None or m <= 0:
                break
            partial = m < len(child.key)
            if partial:
                child = self._split(child, m)
            offset += m
            node = child
            if child.owner == tenant:  # eviction state only its creator moves
                child.last_access_time = now
                if priority > child.priority:
                    child.priority = priority
                if offset > inserted_len:
                    child.hit_count += 1
            if partial:
                break
        prefix_len = offset
        if offset < n:
            node = self._create_nodes(
                tenant, node, key, value, offset, priority, inserted_len, own_only, rid
            )
        if self._quota is not None and self._private_tokens.get(tenant, 0) > self._quota:
            self._enforce_quota(tenant, node)
        listeners = self._listeners
        if self._selective and listeners.on_job and node is not root:
            job = self._classification_job(tenant, key, node, n, now, origin=rid)
            if job is not None:
                listeners.dispatch(listeners.on_job, job, "jobs")
            if self._demanded:
                self._send_demanded()
        if self._selective and listeners.on_insert:
            listeners.dispatch(listeners.on_insert, tenant, "inserts")
        return InsertOutcome(prefix_len, node, n)

    # ------------------------------------------------------------------ request path

    def _insert_request(
        self,
        req: Any,
        token_ids: Sequence[int],
        key_limit: int | None,
        split_prompt: bool,
    ) -> RequestInsert:
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
        done = self._insert_path(
            tenant, key, values, priority, req.kv.cache_inserted_len, anchor, req.rid
        )
        if split_prompt and done.tree_len == len(key):
            prompt_len = len(req.origin_input_ids)
            prompt_len -= prompt_len % self.page_size
            if 0 < prompt_len < done.tree_len:
                self._split_path_at(done.last, done.tree_len, prompt_len, priority + 1)
        return RequestInsert(key, kv_indices, done)

    def _insert_cache(
        self,
        req: Any,
        token_ids: Any,
        *,
        key_limit: int | None = None,
        split_prompt: bool = False,
    ) -> tuple[RadixKey, torch.Tensor, int]:
        # SGLang's signature: (key, kv indices, tokens the tree already had)
        done = self._insert_request(req, token_ids, key_limit, split_prompt)
        prefix_len = done.outcome.prefix_len
        req.kv.cache_inserted_len = max(req.kv.cache_inserted_len, done.outcome.tree_len)
        self.token_to_kv_pool_allocator.free_segment(
            done.kv_indices[req.kv.cache_protected_len : prefix_len],
            start_pos=req.kv.cache_protected_len,
        )
        return done.key, done.kv_indices, prefix_len

    def checkpoint(self, req: Any, *, up_to: int, **kwargs: Any) -> None:
        if self.disable:
            return
        token_ids = req.full_untruncated_fill_ids[:up_to]
        floor = req.kv.swa_evict_floor
        key_limit = ceil_align(floor, self.page_size) if floor > 0 else None
        done = self._insert_request(req, token_ids, key_limit, True)
        kv_indices, prefix_len = done.kv_indices, done.outcome.prefix_len
        last, tree_len = done.outcome.last, done.outcome.tree_len
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

    # ------------------------------------------------------------------ locks, eviction

    def inc_lock_ref(self, node: Any) -> IncLockRefResult:
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
                if node.tag is not PUBLIC_TAG:  # unlocked: a private node can be a unit now
                    self._maybe_unit(node)
                if node.waiting:
                    self._retry_due = True
            else:
                node.lock_ref -= 1
            node = node.parent
            if node is None:
                raise RuntimeError("safekv: this request holds a node from another tree")
        return DecLockRefResult(delta=delta)

    def _track(self, req: Any, tenant: str) -> None:
        key = id(req)
        entry = self._requests.get(key)
        if entry is not None and entry[0]() is req and entry[1] == tenant:
            return
        requests = self._requests

        def forget(_: weakref.ref[Any]) -> None:
            requests.pop(key, None)  # the request object went: its id may be reused

        try:
            ref = weakref.ref(req, forget)
        except TypeError:
            return  # not weak-referenceable: its locks stay unattributed (the fair order pays)
        requests[key] = (ref, tenant)

    def on_release(self, req: Any, *, checkpointed: bool) -> None:
        super().on_release(req, checkpointed=checkpointed)
        entry = self._requests.get(id(req))
        if entry is not None and entry[0]() is req:
            del self._requests[id(req)]

    def _lock_holders(self, top: SafeTreeNode) -> set[str] | None:
        """The tenants of the requests whose locks are on ``top``'s subtree (``req.lock``, as
        SGLang's scheduler sets it before it allocates), or None when they do not account for
        every lock on it (a lock held elsewhere: a streaming session's slot, a temporary pin)."""
        holders: set[str] = set()
        found = 0
        root = self.root_node
        for ref, tenant in list(self._requests.values()):
            node = getattr(getattr(ref(), "lock", None), "node", None)
            while node is not None and node is not root and node is not top:
                node = node.parent
            if node is top:
                holders.add(tenant)
                found += 1
        return holders if holders and found == top.lock_ref else None

    def evict(self, params: EvictParams) -> EvictResult:
        if not self.disable and self._pending_work():
            self._drain()
        return super().evict(params)

    # ------------------------------------------------------------------ detector, operator, monitor

    def apply_detection(self, result: DetectionResult) -> None:
        """Apply a detector result now (scheduler thread); queued if called from a callback."""
        if not self._selective:
            self._count("results_ignored")
            return
        if self._must_queue():
            self._commands.append(ApplyResult(result))
            return
        if self._pending_work():
            self._drain()
        self._apply_detection(result)
        if self._pending_work():
            self._drain()

    def declare_public(self, token_ids: Sequence[int], extra_key: str | None = None) -> int:
        """Declare a public prefix; returns how many cached tokens it made public now.

        Content inserted within it later is PUBLIC at insert (selective mode only).
        """
        tokens = self._declared.add(token_ids, extra_key)
        if not self._selective:
            return 0
        if self._must_queue():
            self._commands.append(DeclarePublic(tokens, extra_key))
            return 0
        if self._pending_work():
            self._drain()
        before = self._stats.get("promoted_tokens", 0)
        self._promote_declared(tokens, extra_key)
        if self._pending_work():
            self._drain()
        return self._stats.get("promoted_tokens", 0) - before

    def demote(self, node_id: int, reason: str = "") -> bool:
        """Withdraw a PUBLIC node (and every public node below it) from sharing.

        It becomes DEMOTED and private to its creator; False if there is no such public node.
        """
        if not self._selective:
            return False
        if self._must_queue():
            self._commands.append(Demote(node_id, reason))
            return node_id in self._nodes
        return self._demote(node_id, reason)

    def evict_node(self, node_id: int) -> bool:
        """Free a node and its subtree now; if a request locks it, hide it and free it later."""
        if self._must_queue():
            self._commands.append(EvictNode(node_id))
            return node_id in self._nodes
        return self._evict_node(node_id)

    def node_info(self, node_id: int) -> dict[str, Any] | None:
        """What the monitor may want to know about a node (None if it is gone)."""
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

    # ------------------------------------------------------------------ stats

    def private_tokens(self, tenant: str) -> int:
        return self._private_tokens.get(tenant, 0)

    def safekv_timing(self) -> dict[str, float]:
        """Scheduler-thread seconds spent on the detector and monitor's side of the cache."""
        return {
            "scheduler_job_listener_seconds": self._listeners.seconds["jobs"],
            # the monitor's hooks: match events and the insert that completes a match
            "scheduler_match_listener_seconds": self._listeners.seconds["matches"]
            + self._listeners.seconds["inserts"],
            "scheduler_apply_results_seconds": self._apply_seconds,
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
        stats["lock_reserve_held"] = self._lock_reserve.held
        stats["pending_results"] = len(self._inbox) + len(self._commands)
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
