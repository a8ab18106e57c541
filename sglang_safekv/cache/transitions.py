"""State transitions: PENDING -> PUBLIC / SENSITIVE, PUBLIC -> DEMOTED, and what rides on them.

* New content: a node starts PENDING (private to its owner), SENSITIVE under a sensitive
  parent, or PUBLIC inside an operator-declared prefix under a public parent.
* Detector results are addressed by (owner, token path): PENDING nodes in the clean range are
  ``cleared`` and become PUBLIC once their parent is public (cascading); from the first
  sensitive token on, the path becomes SENSITIVE; tokens judged without their right context
  stay PENDING and ``held`` (the next insert that grows the path submits them again).
* Deduplication merges the unlocked copy into an identical public sibling; when both are
  locked, or the one being promoted is locked and the public one has another creator, the
  promotion waits (the node stays cleared-but-private) and is retried when a lock drops to 0.
* Withdrawals stick to content: a demoted node's path digest goes to the withdrawal ledger,
  and content whose path passes a ledger point is never promoted again, whoever holds it.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from array import array
from collections.abc import Callable, Sequence
from typing import Any

import torch
from sglang.srt.mem_cache.radix_cache import RadixKey

from sglang_safekv.cache.commands import ApplyResult, Command, DeclarePublic, Demote, EvictNode
from sglang_safekv.cache.declared import DeclaredPrefixes, common_prefix_len
from sglang_safekv.cache.demand import (
    SHORT_CONTENT,
    drop_dormant,
    file_dormant,
    fingerprint,
    message_boundary,
    move_dormant,
    take_owners,
)
from sglang_safekv.cache.events import ClassificationJob, DetectionResult
from sglang_safekv.cache.eviction import TreeEviction
from sglang_safekv.cache.ledger import WithdrawalLedger
from sglang_safekv.cache.node import PUBLIC_TAG, SafeTreeNode, State
from sglang_safekv.cache.tree import match_len

logger = logging.getLogger(__name__)

_INSERTED = {s: f"inserted_tokens_{s.name.lower()}" for s in State}


@dataclasses.dataclass(slots=True)
class NewSegment:
    """Tokens ``[start, end)`` of an insert's key enter the tree as one node in ``state``."""

    start: int
    end: int
    state: State
    cleared: bool = False  # inside a declared prefix, waiting for a public parent


class StateTransitions(TreeEviction):
    """Promotion, sensitivity, demotion, dedup and the ledger, on top of the tenant tree."""

    _selective: bool
    _declared: DeclaredPrefixes
    _ledger: WithdrawalLedger
    _token_type: type | None
    _throttled: Callable[[str], bool] | None
    _judge_on_demand_after: int
    _demand_match_tokens: int
    _message_markers: frozenset[int]

    def reset(self) -> None:
        super().reset()
        self._deferred: set[SafeTreeNode] = set()  # promotions waiting for an unlock
        self._demanded: list[ClassificationJob] = []  # dormant content another tenant sent

    def _forget(self, node: SafeTreeNode) -> None:
        self._deferred.discard(node)
        if node.dormant_fp is not None:
            drop_dormant(node)

    def run(self, command: Command) -> None:
        """Apply one queued command now."""
        match command:
            case ApplyResult(result=result):
                self._apply_detection(result)
            case Demote(node_id=node_id, reason=reason):
                self._demote(node_id, reason)
            case EvictNode(node_id=node_id):
                self._evict_node(node_id)
            case DeclarePublic(tokens=tokens, extra_key=extra_key):
                self._promote_declared(tokens, extra_key)

    # ------------------------------------------------------------------ new content

    def _new_segments(self, parent: SafeTreeNode, key: RadixKey, offset: int) -> list[NewSegment]:
        """How ``key[offset:]`` enters the tree under ``parent``."""
        n = len(key)
        if not self._selective:
            return [NewSegment(offset, n, State.PENDING)]
        if parent.state == State.SENSITIVE:
            return [NewSegment(offset, n, State.SENSITIVE)]
        declared = 0
        if self._declared and not key.is_bigram:
            declared = self._declared.covered(key.token_ids, key.extra_key, n, offset)
            declared -= declared % self.page_size
        if declared > offset and self._ledger:
            declared = self._ledger_cut(key.token_ids, key.extra_key, offset, declared)
        if declared <= offset:
            return [NewSegment(offset, n, State.PENDING)]
        if parent.tag is PUBLIC_TAG:
            segments = [NewSegment(offset, declared, State.PUBLIC)]
        else:
            segments = [NewSegment(offset, declared, State.PENDING, cleared=True)]
        if declared < n:
            segments.append(NewSegment(declared, n, State.PENDING))
        return segments

    def _create_nodes(
        self,
        tenant: str,
        parent: SafeTreeNode,
        key: RadixKey,
        value: torch.Tensor,
        offset: int,
        priority: int,
        inserted_len: int,
        own_only: bool = False,
        origin: Any = None,
    ) -> SafeTreeNode:
        """File ``key[offset:]`` under ``parent`` for request ``origin`` (None: no request).
        ``own_only`` (a throttled tenant's insert, which did not look at other tenants' public
        children): declared content is filed as cleared-pending, its own copy, and promoted
        (or merged) later."""
        for seg in self._new_segments(parent, key, offset):
            a, b = seg.start, seg.end
            state, cleared = seg.state, seg.cleared
            if own_only and state == State.PUBLIC:
                state, cleared = State.PENDING, True
            node = self._add_node(parent, tenant, state, key, value, a, b, priority)
            node.cleared = cleared
            node.origin = origin
            if b > inserted_len:
                node.hit_count = 1
            self._count(_INSERTED[state], b - a)
            parent = node
        return parent

    def _classification_job(
        self,
        tenant: str,
        key: RadixKey,
        last: SafeTreeNode,
        end: int,
        now: float,
        on_demand: bool = False,
        origin: Any = None,
    ) -> ClassificationJob | None:
        """The tenant's unsubmitted PENDING tokens below the public part of the path, if any;
        the nodes it covers are marked submitted. Content that continues a public prefix of
        ``judge_on_demand_after`` tokens or more which another request created (this is
        request ``origin``; None: no request) is left dormant instead (demand.py) and answers
        None, unless ``on_demand`` (another tenant sent it too). A request's own next chunk
        is judged at once: it may be the rest of a long public document."""
        root = self.root_node
        if last.tag is PUBLIC_TAG:
            return None
        parent = last.parent
        if parent is not None and parent.tag is PUBLIC_TAG:  # the common case: one private node
            chain = [last]
        else:
            chain = []
            x = last
            while x is not root and x.tag is not PUBLIC_TAG:
                chain.append(x)
                x = self._parent(x)
            chain.reverse()
        pos = end
        for c in chain:
            pos -= len(c.key)
        top = pos  # tokens of the public part above the chain
        start = None
        run: list[SafeTreeNode] = []
        run_end = pos
        fresh = False  # a node no decision covers: held nodes alone wait for more text
        for c in chain:
            if c.owner != tenant or c.state != State.PENDING or c.hidden or c.awaiting is not None:
                break  # awaiting: a later message, filed dormant once its boundary is public
            if not c.submitted and not c.cleared:
                if start is None:
                    start = pos
                fresh = fresh or not c.held
            if start is not None:
                run.append(c)
            pos += len(c.key)
            run_end = pos
        if start is None or not fresh:
            return None
        after = self._judge_on_demand_after
        if after and top >= after and not on_demand and not key.is_bigram:
            public = self._parent(chain[0])
            own_chunk = (
                origin is not None
                and public.origin == origin
                and public.owner == tenant
                and chain[0].dormant_fp is None  # not the request's own later message
            )
            if public.tag is PUBLIC_TAG and not own_chunk:
                self._leave_dormant(tenant, key, public, chain[0], top, run_end, now)
                return None
        if not on_demand:
            b = self._later_messages_at(key, start, run_end)
            if b is not None:
                first = run[0]
                run = self._await_from(key, run, start, b, run_end)
                if not run:  # all of it follows the boundary, which may be public already
                    parent = self._parent(first)
                    if parent.tag is PUBLIC_TAG:
                        self._file_awaiting(parent, tenant, now)
                    return None
                run_end = b
        for c in run:
            c.submitted = True
            c.held = False
        raw = key.token_ids
        tokens = raw[: run_end + 1] if key.is_bigram else raw[:run_end]
        if not isinstance(tokens, array):  # an array slice is a cheap immutable-by-use copy
            tokens = tuple(tokens)
        self._count("jobs_emitted")
        self._count("job_tokens", run_end - start)
        # positional: measurably cheaper for a frozen dataclass on this per-insert path
        return ClassificationJob(tenant, tokens, start, run_end, key.extra_key, now)

    def _ahead_job(
        self, tenant: str, key: RadixKey, last: SafeTreeNode, matched: int, now: float
    ) -> ClassificationJob | None:
        """The prompt tokens past the tenant's match, judged while the request waits for its
        prefill (``cache.judge_at_arrival``), so that its insert's job finds the decision made.

        None where the insert would send no job starting there: content that may be left
        dormant (a public prefix of ``judge_on_demand_after`` tokens or more above it), or
        below a node of the path that is not the tenant's own pending, judged content
        (sensitive, demoted, hidden, dormant). The job marks nothing submitted."""
        root = self.root_node
        public = matched
        x = last
        while x is not root and x.tag is not PUBLIC_TAG:
            if (
                x.owner != tenant
                or x.state != State.PENDING
                or x.hidden
                or not (x.submitted or x.cleared)
            ):
                return None
            public -= len(x.key)
            x = self._parent(x)
        after = self._judge_on_demand_after
        if after and public >= after:
            return None
        end = len(key)
        b = self._later_messages_at(key, matched, end)
        if b is not None:
            if b <= matched:
                return None
            end = b  # what the insert's job will cover: the rest waits for demand
        tokens = key.token_ids[:end]
        if not isinstance(tokens, array):
            tokens = tuple(tokens)
        self._count("ahead_jobs")
        self._count("ahead_job_tokens", end - matched)
        return ClassificationJob(tenant, tokens, matched, end, key.extra_key, now, True)

    def _later_messages_at(self, key: RadixKey, start: int, end: int) -> int | None:
        """Where new tokens ``[start, end)`` cross a message boundary at or past
        ``judge_on_demand_after`` tokens (demand.py), if they do."""
        after = self._judge_on_demand_after
        if not self._message_markers or not after or key.is_bigram:
            return None
        lo = max(start - 1, after - 1)  # a marker just before start puts all of it after
        return message_boundary(key.token_ids, self._message_markers, lo, end, self.page_size)

    def _await_from(
        self, key: RadixKey, run: list[SafeTreeNode], start: int, b: int, end: int
    ) -> list[SafeTreeNode]:
        """Split ``run`` (nodes from ``start`` to ``end``) at ``b``; the node from ``b`` on
        awaits its boundary's promotion to be filed dormant. Returns the nodes before ``b``."""
        need = self._demand_match_tokens
        fp = (
            fingerprint(key.token_ids, key.extra_key, b, need) if end - b >= need else SHORT_CONTENT
        )
        before: list[SafeTreeNode] = []
        pos = start
        for c in run:
            e = pos + len(c.key)
            if e <= b:
                before.append(c)
            else:
                if pos < b:
                    before.append(self._split(c, b - pos))
                c.awaiting = fp
                self._count("awaiting_messages")
                self._count("awaiting_tokens", end - b)
                break
            pos = e
        return before

    def _file_awaiting(self, public: SafeTreeNode, owner: str, now: float) -> None:
        """``public`` just became public: the owner's later message below it, if one awaits
        it, is filed dormant there (and other tenants' dormant copies of it are judged)."""
        mine = public.private.get(owner) if public.private else None
        if not mine:
            return
        for c in list(mine.values()):
            fp = c.awaiting
            if fp is None:
                continue
            c.awaiting = None
            if fp == SHORT_CONTENT or c.state != State.PENDING:
                continue
            self._count("awaiting_filed")
            depth = self._depth(public) + len(public.key)  # where the content below starts
            tokens = self._path_tokens(public) + list(fp[1])
            raw = array("q", tokens) if self._token_type is array else tokens
            key = RadixKey(raw, fp[0])
            for other in take_owners(public, fp, owner):
                job = self._demanded_job(other, key, public, depth, now)
                if job is not None:
                    self._demanded.append(job)
            file_dormant(public, c, fp, owner)

    def _leave_dormant(
        self,
        tenant: str,
        key: RadixKey,
        public: SafeTreeNode,
        top: SafeTreeNode,
        depth: int,
        end: int,
        now: float,
    ) -> None:
        """Leave the tenant's new content below ``public`` unjudged and file it there by its
        first tokens; judge other tenants' dormant copies of the same first tokens."""
        self._count("dormant_inserts")
        need = self._demand_match_tokens
        if end - depth < need:
            return  # too short to be asked for: stays private
        fp = fingerprint(key.token_ids, key.extra_key, depth, need)
        for owner in take_owners(public, fp, tenant):
            job = self._demanded_job(owner, key, public, depth, now)
            if job is not None:
                self._demanded.append(job)
        file_dormant(public, top, fp, tenant)

    def _demanded_job(
        self, owner: str, key: RadixKey, public: SafeTreeNode, depth: int, now: float
    ) -> ClassificationJob | None:
        """A job for ``owner``'s dormant path below ``public`` that agrees with ``key``: its
        nodes as far as they agree, the last one whole (its own right context)."""
        ps = self.page_size
        n = len(key)
        tokens = list(key.token_ids[:depth])
        x: SafeTreeNode | None = public.lookup(owner, key.child_key_at(depth, ps))
        last = None
        pos = depth
        while x is not None and x.state == State.PENDING and x.owner == owner:
            tokens.extend(x.key.token_ids)
            last = x
            m = match_len(x.key, key, pos, n, ps)
            pos += len(x.key)
            if m < len(x.key) or pos >= n:
                break
            x = x.lookup(owner, key.child_key_at(pos, ps))
        if last is None:
            return None
        job_key = RadixKey(tokens, key.extra_key)
        job = self._classification_job(owner, job_key, last, len(tokens), now, on_demand=True)
        if job is not None:
            self._count("demanded_jobs")
        return job

    def _take_demanded(self) -> list[ClassificationJob]:
        jobs, self._demanded = self._demanded, []
        return jobs

    # ------------------------------------------------------------------ detector results

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
            if r.ahead:  # it marked nothing submitted: nothing to undo
                self._count("ahead_results_failed")
                return
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
        n = len(key)
        while offset < end:
            child, m = self._pick(node, owner, key, offset, n)
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
                if r.ahead and (d >= hold or not child.submitted):
                    pass  # clears early only what an insert's job covers (never dormant content)
                elif d >= lo and child.state == State.PENDING and not child.cleared:
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
        n = len(key)
        while offset < n:
            child, m = self._pick(node, owner, key, offset, n)
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
            x: SafeTreeNode | None = stack.pop()
            if (
                x is None
                or x.value is None
                or x.state != State.PENDING
                or not x.cleared
                or x.hidden
                or self._parent(x).tag is not PUBLIC_TAG
            ):
                continue
            if self._ledger:
                x = self._without_withdrawn(x)
                if x is None:
                    continue
            owner = x.owner
            survivor = self._make_public(x)
            if survivor is None:
                continue
            self._compress_queue.append(survivor)
            if self._message_markers and owner is not None:
                self._file_awaiting(survivor, owner, time.monotonic())
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

    def _make_public(self, node: SafeTreeNode) -> SafeTreeNode | None:
        """Make ``node`` PUBLIC, merging it with an identical public sibling (dedup)."""
        ps = self.page_size
        parent = self._parent(node)
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
        owner = node.owner
        if owner and other.owner != owner and self._throttled and self._throttled(owner):
            # A throttled tenant sees only its own nodes: merging its copy into another
            # tenant's would show it, on its next request, which of its guesses that tenant
            # holds. The merge waits for a retry after the throttle.
            self._deferred.add(node)
            self._count("dedup_deferred_throttled")
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
        src_parent = self._parent(src)
        src_parent.remove(src.tag, src.key.child_key(ps))
        allocator = self.token_to_kv_pool_allocator
        if allocator is not None:
            allocator.free_segment(src.value, start_pos=0)
        n = len(src.key)
        self.evictable_size_ -= n
        if src.tag is not PUBLIC_TAG:
            self._add_private(src.owner, -n)
        if src.counted:
            src.counted = False
            self._add_held(src.owner, -n)
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
            if dst.awaiting is None:
                dst.awaiting = src.awaiting
        if src.owner == dst.owner:  # another tenant's copy must not refresh this one
            dst.last_access_time = max(dst.last_access_time, src.last_access_time)
            dst.hit_count = max(dst.hit_count, src.hit_count)
            dst.priority = max(dst.priority, src.priority)
        move_dormant(src, dst)
        for c in src.child_list():
            cck = c.key.child_key(ps)
            o = dst.lookup(c.tag, cck)
            if o is None:
                src.remove(c.tag, cck)
                c.parent = dst
                dst.put(c.tag, cck, c)
                below = dst.counted or dst is self.root_node
                if c.counted != below:  # it now counts as dst's subtree does
                    self._set_counted(c, below)
                self._note_orphan_top(c, dst)
                continue
            common = c.key.match(o.key, page_size=ps)
            c1 = self._split(c, common) if common < len(c.key) else c
            o1 = self._split(o, common) if common < len(o.key) else o
            self._merge_into(c1, o1)
        src.value = None
        src.children = {}
        src.private = None
        self._drop_unit(src)
        self._maybe_unit(src_parent)
        self._orphan_tops.discard(src)
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
                # the hidden top refills as it goes (``_free_leaf``); what its subtree's other
                # nodes freed covers the rest of what the reserve paid for it
                self._take_back_reserve(self._free_subtree(x, "hidden"))
        for p in list(self._deferred):
            self._deferred.discard(p)
            if p.value is None or p.state != State.PENDING or not p.cleared:
                continue
            top = p
            while (up := self._parent(top)).state == State.PENDING and up.cleared:
                top = up
            self._promote_from(top)

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
        tops.sort(key=self._depth)
        for c in tops:
            self._promote_from(c)

    # ------------------------------------------------------------------ withdrawal

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
