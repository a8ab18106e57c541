"""Test harness for the tree cache: SGLang's request lifecycle, a fake KV allocator, invariants.

Requests are real SGLang ``Req`` objects driven through SGLang's own helpers the way the
scheduler drives them (``Req.init_next_round_input`` -> ``lock`` -> allocation ->
``checkpoint_kv_cache`` -> ``release_kv_cache``), with SGLang's real ``ReqToTokenPool``.

``FakeKVAllocator`` is a fake: it stands in for SGLang's token-to-KV allocator (the KV tensors
themselves play no part in the cache's logic). It hands out slot ids, and every free is checked,
so a slot freed twice (or never allocated) fails the test at once. The harness remembers which
tenant computed each slot for which exact token prefix, so a test can check that every KV slot a
request reads was computed for exactly its tokens (and, for private content, by its tenant).
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

import torch
from sglang.srt.managers.schedule_batch import FINISH_LENGTH, Req
from sglang.srt.mem_cache.base_prefix_cache import EvictParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.common import checkpoint_kv_cache, release_kv_cache
from sglang.srt.mem_cache.memory_pool import ReqToTokenPool
from sglang.srt.sampling.sampling_params import SamplingParams

from sglang_safekv import tenancy
from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State
from sglang_safekv.config import CacheConfig, Mode, SafeKVConfig

SECRET = 9  # the test detector calls this token sensitive


@contextlib.contextmanager
def sglang_context():
    """SGLang's runtime config (the scheduler publishes it; release_kv_cache reads it)."""
    from sglang.test.test_utils import published_topology

    with published_topology(device="cpu"):
        yield


class FakeKVAllocator:
    """Fake token-to-KV allocator: slot ids only; checks and logs every free."""

    def __init__(self, size: int, page_size: int = 1):
        self.size = size
        self.page_size = page_size
        self.device = torch.device("cpu")
        self._free = list(range(size, 0, -1))
        self.live: set[int] = set()
        self.freed: list[int] = []

    def available_size(self) -> int:
        return len(self._free)

    def alloc(self, n: int) -> torch.Tensor | None:
        if n > len(self._free):
            return None
        ids = [self._free.pop() for _ in range(n)]
        self.live.update(ids)
        return torch.tensor(ids, dtype=torch.int64)

    def free(self, index: torch.Tensor) -> None:
        for slot in index.tolist():
            if slot not in self.live:
                raise AssertionError(f"KV slot {slot} freed twice or never allocated")
            self.live.remove(slot)
            self._free.append(slot)
            self.freed.append(slot)

    def free_segment(self, index: torch.Tensor, *, start_pos: int) -> None:
        self.free(index)

    def free_segments(self, segments: Iterable[tuple[torch.Tensor, int]]) -> None:
        for index, _ in segments:
            self.free(index)

    free_full_segments = free_segments


def make_cache(
    mode: Mode,
    *,
    pool_tokens: int = 256,
    page_size: int = 1,
    quota: float = 0.5,
    rows: int = 32,
    max_len: int = 128,
    compression: bool = True,
    kv_events: bool = False,
    ledger_file: str = "",
    judge_on_demand_after: int = 0,
    demand_match_tokens: int = 32,
    judge_at_arrival: bool = True,
    lock_reserve_tokens: int = 0,
) -> tuple[SafeRadixCache, FakeKVAllocator, ReqToTokenPool]:
    allocator = FakeKVAllocator(pool_tokens, page_size)
    pool = ReqToTokenPool(rows, max_len, "cpu", False)
    params = CacheInitParams(
        disable=False,
        req_to_token_pool=pool,
        token_to_kv_pool_allocator=allocator,
        page_size=page_size,
        enable_kv_cache_events=kv_events,
    )
    config = SafeKVConfig(
        mode=mode,
        cache=CacheConfig(
            private_token_quota=quota,
            path_compression=compression,
            withdrawal_ledger_file=ledger_file,
            judge_on_demand_after=judge_on_demand_after,
            demand_match_tokens=demand_match_tokens,
            judge_at_arrival=judge_at_arrival,
            lock_reserve_tokens=lock_reserve_tokens,  # off unless a test turns it on
        ),
    )
    return SafeRadixCache(params, config), allocator, pool


class Recorder:
    """A cache listener that keeps what it receives. Jobs sent on a request's arrival
    (``job.ahead``) go to ``ahead``, apart from the inserts' jobs, unless ``ahead_as_jobs``."""

    def __init__(self, ahead_as_jobs: bool = False) -> None:
        self.jobs: list[Any] = []
        self.ahead: list[Any] = []
        self.events: list[Any] = []
        self._ahead_as_jobs = ahead_as_jobs

    def on_classification_job(self, job: Any) -> None:
        (self.ahead if job.ahead and not self._ahead_as_jobs else self.jobs).append(job)

    def on_match(self, event: Any) -> None:
        self.events.append(event)


def truthful_result(job: Any, failed: bool = False, secret: int = SECRET):
    """What a correct detector says about a job: the first SECRET token in [start, end)."""
    from sglang_safekv.cache.events import result_for

    first = next((i for i in range(job.start, job.end) if job.token_ids[i] == secret), None)
    return result_for(job, first_sensitive=None if failed else first, failed=failed)


class MiniScheduler:
    """Drives real Reqs through the cache like SGLang's scheduler does."""

    def __init__(self, cache: Any, allocator: FakeKVAllocator, pool: ReqToTokenPool):
        self.cache = cache
        self.allocator = allocator
        self.pool = pool
        self.live: dict[str, Req] = {}
        self.tenants: dict[str, str] = {}  # rid -> tenant the cache sees
        # rid -> (tag, owner) of each node its match walked, taken before allocating: the
        # eviction an allocation triggers may hide a node the request just matched and locked
        # (a locked public unit is hidden, not passed over), which does not make the match one
        # through another tenant's private node.
        self.matched: dict[str, list[tuple[Any, str | None]]] = {}
        self.content: dict[int, tuple[str, tuple[int, ...]]] = {}  # slot -> (tenant, tokens)
        self._next = 0

    def tokens(self, req: Req) -> list[int]:
        return list(req.origin_input_ids) + list(req.output_ids)

    def _alloc(self, n: int) -> torch.Tensor | None:
        if n > self.allocator.available_size():
            self.cache.evict(EvictParams(num_tokens=n - self.allocator.available_size()))
        return self.allocator.alloc(n)

    def start(self, tenant: str | None, prompt: Sequence[int]) -> Req | None:
        """Match, lock, allocate: a request admitted to a prefill batch."""
        self._next += 1
        rid = f"r{self._next}"
        req = Req(
            rid=rid,
            origin_input_text="",
            origin_input_ids=array("q", prompt),
            sampling_params=SamplingParams(max_new_tokens=1 << 20),
        )
        req.cache_salt = tenancy.stamp(tenant) if tenant else None
        req.init_next_round_input(self.cache)
        path = path_nodes(self.cache, req.last_node)
        matched = [(getattr(x, "tag", None), getattr(x, "owner", None)) for x in path]
        req.lock = self.cache.lock(req.last_node)
        n, p = len(prompt), req.prefix_len
        rows = self.pool.alloc_rows(1)
        new = self._alloc(n - p) if rows else None
        if new is None:
            if rows:
                self.pool.free_rows(rows)
            self.cache.unlock(req.lock)
            return None
        req.kv.req_pool_idx = rows[0]
        self.pool.write((rows[0], slice(0, p)), self.cache.prefix_device_indices(req))
        self.pool.write((rows[0], slice(p, n)), new)
        self.tenants[rid] = tenancy.tenant_of(req.cache_salt, rid)
        self.matched[rid] = matched
        self._record(req, p, new)
        req.extend_end = n
        req.kv.kv_committed_len = req.kv.kv_allocated_len = n
        self.live[rid] = req
        return req

    def _record(self, req: Req, start: int, slots: torch.Tensor) -> None:
        toks = tuple(self.tokens(req))
        tenant = self.tenants[req.rid]
        for i, slot in enumerate(slots.tolist()):
            self.content[slot] = (tenant, toks[: start + i + 1])

    def decode(self, req: Req, out: Sequence[int]) -> bool:
        if not out:
            return True
        new = self._alloc(len(out))
        if new is None:
            return False
        start = req.kv.kv_committed_len
        req.output_ids.extend(out)
        self.pool.write((req.kv.req_pool_idx, slice(start, start + len(out))), new)
        self._record(req, start, new)
        req.kv.kv_committed_len = req.kv.kv_allocated_len = start + len(out)
        return True

    def checkpoint(self, req: Req) -> None:
        """A chunked-prefill style checkpoint of everything computed so far."""
        req.refresh_fill_ids()
        req.extend_end = req.kv.kv_committed_len
        checkpoint_kv_cache(req, self.cache)

    def finish(self, req: Req, *, insert: bool = True) -> None:
        req.finished_reason = FINISH_LENGTH(length=len(req.output_ids))
        req.finished_len = len(req.output_ids)
        release_kv_cache(req, self.cache, checkpoint=insert)
        del self.live[req.rid]

    def row(self, req: Req) -> list[int]:
        return self.pool.req_to_token[req.kv.req_pool_idx, : req.kv.kv_allocated_len].tolist()


# ---------------------------------------------------------------------------- tree helpers


def children(node: Any) -> list[Any]:
    out = list(node.children.values())
    private = getattr(node, "private", None)
    if private:
        for m in private.values():
            out.extend(m.values())
    return out


def all_nodes(cache: Any) -> list[Any]:
    out, stack = [], children(cache.root_node)
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(children(x))
    return out


def path_tokens(cache: Any, node: Any) -> list[int]:
    parts = []
    while node is not cache.root_node:
        parts.append(list(node.key.token_ids[: len(node.key)]))
        node = node.parent
    return [t for p in reversed(parts) for t in p]


def path_nodes(cache: Any, node: Any) -> list[Any]:
    out = []
    while node is not cache.root_node:
        out.append(node)
        node = node.parent
    return out[::-1]


def visible_match(cache: Any, tenant: str, tokens: Sequence[int]) -> int:
    """Oracle: the greedy visible walk of docs/design.md section 2, written independently.

    At each node, tenant sees the public child and its own private child starting with the
    next page; it follows the one agreeing with more whole pages (its own on a tie).
    """
    ps = cache.page_size
    node, offset = cache.root_node, 0
    tokens = list(tokens)
    tokens = tokens[: len(tokens) - len(tokens) % ps]
    while offset < len(tokens):
        best, best_m = None, 0
        for c in children(node):
            tag = getattr(c, "tag", PUBLIC_TAG)  # global mode: stock nodes, all shared
            if not (tag is PUBLIC_TAG or tag == tenant):
                continue
            ck = list(c.key.token_ids[: len(c.key)])
            m = 0
            while m < len(ck) and offset + m < len(tokens) and ck[m] == tokens[offset + m]:
                m += 1
            m -= m % ps
            if m == 0:
                continue
            if m > best_m or (m == best_m and tag == tenant):
                best, best_m = c, m
        if best is None:
            break
        offset += best_m
        if best_m < len(best.key):
            break
        node = best
    return offset


def check_invariants(cache: Any, sched: MiniScheduler | None, allocator: FakeKVAllocator) -> None:
    """Structure, monotonic paths, accounting, locks, slot ownership, KV content."""
    safe = cache.mode != Mode.GLOBAL
    root = cache.root_node
    nodes = all_nodes(cache)
    # structure and filing
    for x in nodes:
        assert len(x.key) > 0 and len(x.value) == len(x.key), x
        if safe:
            ck = x.key.child_key(cache.page_size)
            assert x.parent.lookup(x.tag, ck) is x, f"{x} misfiled"
            assert (x.tag is PUBLIC_TAG) == (x.state == State.PUBLIC), x
            assert not (x.hidden and x.state == State.PUBLIC), x
            if x.state == State.PUBLIC:
                assert x.parent is root or x.parent.state == State.PUBLIC, f"not monotonic: {x}"
            if x.parent is not root and x.parent.state == State.SENSITIVE:
                assert x.state == State.SENSITIVE, f"below sensitive: {x}"
            if cache.mode == Mode.ISOLATED:
                assert x.state != State.PUBLIC
            assert cache._nodes.get(x.id) is x
        else:
            assert x.parent.children[x.key.child_key(cache.page_size)] is x
    if safe:
        assert len(cache._nodes) == len(nodes), "node index out of date"
    # locks: every live request holds one lock on its last node
    expected = {id(x): 0 for x in nodes}
    if sched is not None:
        for req in sched.live.values():
            x = req.lock.node if req.lock is not None else None
            while x is not None and x is not root:
                assert id(x) in expected, f"request {req.rid} locks a node not in the tree"
                expected[id(x)] += 1
                x = x.parent
    for x in nodes:
        assert x.lock_ref == expected[id(x)], f"lock_ref {x.lock_ref} != {expected[id(x)]} {x}"
    # accounting
    assert cache.evictable_size_ == sum(len(x.key) for x in nodes if x.lock_ref == 0)
    assert cache.protected_size_ == sum(len(x.key) for x in nodes if x.lock_ref > 0)
    leaves = {x for x in nodes if x.lock_ref == 0 and not children(x)}
    assert set(cache.evictable_leaves) == leaves
    if safe:
        private: dict[str, int] = {}
        owner_leaves: dict[str, set] = {}
        for x in nodes:
            if x.tag is not PUBLIC_TAG:
                private[x.owner] = private.get(x.owner, 0) + len(x.key)
                if x in leaves:
                    owner_leaves.setdefault(x.owner, set()).add(x)
        assert cache._private_tokens == private
        assert {k: set(v) for k, v in cache._owner_leaves.items() if v} == owner_leaves
        check_eviction_index(cache, nodes)
    # slots: each owned once, nothing leaked, nothing double freed (the fake checks frees)
    tree_slots = [s for x in nodes for s in x.value.tolist()]
    assert len(tree_slots) == len(set(tree_slots)), "a KV slot is owned by two nodes"
    held: list[int] = []
    if sched is not None:
        for req in sched.live.values():
            row = sched.row(req)
            held.extend(row[req.kv.cache_protected_len :])
            # what the request reads from the tree is its locked path
            tree_part = cache.path_device_indices(req.last_node).tolist()
            assert row[: req.kv.cache_protected_len] == tree_part[: req.kv.cache_protected_len]
            toks = sched.tokens(req)
            for i, slot in enumerate(row):
                assert sched.content[slot][1] == tuple(toks[: i + 1]), f"wrong KV for {req.rid}"
    assert not set(held) & set(tree_slots), "a KV slot is owned by a request and the tree"
    assert len(held) == len(set(held))
    reserve = cache._lock_reserve.slots() if safe else []
    assert not set(reserve) & (set(held) | set(tree_slots)), "a reserved KV slot is in use"
    assert set(held) | set(tree_slots) | set(reserve) == allocator.live, "KV slots leaked"
    # KV content of every node: computed for exactly its path tokens, by its owner
    if sched is not None:
        for x in nodes:
            toks = path_tokens(cache, x)
            start = len(toks) - len(x.key)
            for i, slot in enumerate(x.value.tolist()):
                tenant, content = sched.content[slot]
                assert content == tuple(toks[: start + i + 1]), f"node {x} holds foreign KV"
                if safe:
                    assert tenant == x.owner, f"node {x} holds KV computed by {tenant}"


def check_eviction_index(cache: Any, nodes: list) -> None:
    """What eviction keeps as the tree changes equals what a walk of the tree finds: which
    nodes count (not hidden, not below a hidden node), the tokens each owner holds, and every
    unit among its owner's candidates."""
    root = cache.root_node
    held: dict[str, int] = {}
    for x in nodes:
        counted = True
        y = x
        while y is not root:
            if y.hidden:
                counted = False
                break
            y = y.parent
        assert x.counted == counted, f"counted {x.counted} != {counted}: {x}"
        if counted:
            held[x.owner] = held.get(x.owner, 0) + len(x.key)
            kids = children(x)
            unit = (x.lock_ref == 0 or x.tag is PUBLIC_TAG) and all(
                c.owner != x.owner for c in kids
            )
            if unit:
                assert x in cache._unit_cands.get(x.owner, ()), f"unit not indexed: {x}"
    assert cache._held == held, f"held {cache._held} != {held}"
    # every node no owner can reach lies below (or is) a hidden node or an indexed orphan top
    tops = set(cache._orphan_tops) | set(cache._doomed)
    for x in nodes:
        if cache._is_orphan(x):
            y = x
            while y is not root and y not in tops:
                y = y.parent
            assert y is not root, f"orphan not indexed: {x}"
    for owner, cands in cache._unit_cands.items():
        assert cands, f"empty candidate set kept for {owner}"
        for x in cands:
            assert x.owner == owner
            assert x.value is not None and cache._nodes.get(x.id) is x, f"freed node indexed: {x}"
    for x in cache._orphan_tops:
        assert x.value is not None and cache._nodes.get(x.id) is x, f"freed orphan top: {x}"


def assert_no_public_secret(cache: Any, secret: int = SECRET) -> None:
    for x in all_nodes(cache):
        if x.state == State.PUBLIC:
            assert secret not in path_tokens(cache, x), f"sensitive content is public: {x}"


def node_of(cache: Any, tokens: Sequence[int], owner: str) -> SafeTreeNode:
    """The node of ``owner`` whose path ends exactly at ``tokens``."""
    for x in all_nodes(cache):
        if x.owner == owner and path_tokens(cache, x) == list(tokens):
            return x
    raise KeyError((owner, tokens))


def first_node(cache: Any, tokens: Sequence[int], tenant: str | None = None) -> SafeTreeNode:
    """The node holding ``tokens[-1]`` on a visible path (tests address nodes this way)."""
    node, offset = cache.root_node, 0
    while offset < len(tokens):
        nxt = None
        for c in children(node):
            if tenant is not None and not (c.tag is PUBLIC_TAG or c.tag == tenant):
                continue
            ck = list(c.key.token_ids[: len(c.key)])
            if tokens[offset : offset + len(ck)] == ck[: len(tokens) - offset]:
                nxt = c
                break
        if nxt is None:
            raise KeyError(tokens)
        offset += len(nxt.key)
        node = nxt
    return node
