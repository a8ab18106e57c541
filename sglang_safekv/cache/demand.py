"""Dormant content: a tenant's private continuation of shared content, judged on demand.

Most cross-tenant reuse is a shared prefix (an app's system prompt); what a user sends after
it is that user's own and is rarely sent again by anyone else. Judging it costs detector time
and can only matter once another tenant sends the same tokens. So new content of tenant U that
continues at least ``cache.judge_on_demand_after`` public tokens which an earlier request
created (another tenant's, or U's own earlier turn; the same request's next chunk is judged at
once, as it may be the rest of a public document) stays PENDING without a job ("dormant"),
and is filed at the public node it hangs from under its first ``cache.demand_match_tokens``
tokens. When another tenant V inserts content whose first tokens after the same public node
are the same, U's dormant copy is judged (on U's own text, as if it had been judged at once);
V's own copy is not: whether V's copy is judged must not depend on whether someone else sent
the same text, or a prober could learn that from it.

The first request of an app does not continue an earlier request: its system prompt and its
user's turn arrive together. Where that prompt crosses a chat-template special token (a message
boundary) at or past ``judge_on_demand_after`` tokens, only the part up to the boundary is
judged at once; the rest waits, marked ``awaiting``, and is filed here like any dormant content
once the boundary is public (:func:`message_boundary`). Without it, the first user's message
would be shared as soon as it was judged, where every later user's waits for demand.

The index lives on the public node (``SafeTreeNode.dormant``) and moves with the node's
children; entries are checked when read, so one left behind by an eviction or a split only
costs a lookup.
"""

from __future__ import annotations

from typing import Any

from sglang_safekv.cache.node import SafeTreeNode

Fingerprint = tuple[Any, tuple[int, ...]]
# ``SafeTreeNode.awaiting`` of content too short to be asked for: it is never filed.
SHORT_CONTENT = "short"


# Markers this close together (one token between) are one boundary: a message's end marker and
# the next message's role marker ("<|end|>", "\n", "<|user|>"), which every tenant's next
# message starts with. A token between them is judged with the part before, as all was before.
MARKER_GAP = 2


def message_boundary(
    token_ids: Any, markers: frozenset[int], lo: int, hi: int, page_size: int
) -> int | None:
    """The position just after the first marker (special token) ``m`` with ``lo <= m`` and
    the markers that follow it within ``MARKER_GAP`` tokens, if that is before ``hi`` and,
    floored to a page, past ``lo``; else None. The markers stay with the part before, so the
    detector reads the end of that message's last line, and the next message's role header
    is shared with it."""
    for i in range(lo, hi - 1):
        if token_ids[i] in markers:
            last = i
            j = i + 1
            while j < hi - 1 and j <= last + MARKER_GAP:
                if token_ids[j] in markers:
                    last = j
                j += 1
            b = last + 1
            b -= b % page_size
            return b if b > lo else None
    return None


def fingerprint(token_ids: Any, extra_key: Any, start: int, n: int) -> Fingerprint:
    """The first ``n`` tokens from ``start`` (and the key's namespace)."""
    return (extra_key, tuple(token_ids[start : start + n]))


def file_dormant(public: SafeTreeNode, top: SafeTreeNode, fp: Fingerprint, owner: str) -> None:
    """Record ``owner``'s dormant content ``top`` (a child of ``public``) under ``fp``."""
    if public.dormant is None:
        public.dormant = {}
    owners = public.dormant.get(fp)
    if owners is None:
        owners = public.dormant[fp] = set()
    owners.add(owner)
    top.dormant_fp = fp


def take_owners(public: SafeTreeNode, fp: Fingerprint, asker: str) -> list[str]:
    """Other tenants with dormant content under ``fp`` at ``public``; their entries go."""
    index = public.dormant
    if not index:
        return []
    owners = index.get(fp)
    if not owners:
        return []
    out = [o for o in owners if o != asker]
    if not out:
        return []
    owners.intersection_update((asker,))
    if not owners:
        del index[fp]
        if not index:
            public.dormant = None
    return out


def drop_dormant(node: SafeTreeNode) -> None:
    """``node`` left the tree: remove its entry from the public node it hung from."""
    fp = node.dormant_fp
    if fp is None:
        return
    node.dormant_fp = None
    parent = node.parent
    index = None if parent is None else parent.dormant
    if not index or fp not in index:
        return
    owners = index[fp]
    owners.discard(node.owner)
    if not owners:
        del index[fp]
        if not index:
            parent.dormant = None  # type: ignore[union-attr]


def move_dormant(src: SafeTreeNode, dst: SafeTreeNode) -> None:
    """``src``'s children moved under ``dst`` (dedup): so does its index."""
    if not src.dormant:
        return
    if dst.dormant is None:
        dst.dormant = {}
    for fp, owners in src.dormant.items():
        dst.dormant.setdefault(fp, set()).update(owners)
    src.dormant = None
