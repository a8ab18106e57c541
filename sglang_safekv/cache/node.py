"""Tree nodes of the tenant-aware cache: owner, sensitivity state and where a node hangs.

A node's *tag* says under which map of its parent it is filed:

* ``PUBLIC_TAG`` (None): the parent's ``children`` dict, keyed like SGLang's (child key only).
  Every tenant sees these.
* a tenant name: the parent's ``private[tenant]`` dict. Only that tenant sees these.
* a hidden tag (``("#hidden", node_id)``, never equal to a tenant name): nobody sees the node;
  it waits there, still holding its KV, until no request locks it and it can be freed.

So identical tokens of different tenants can live side by side under one parent.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterator
from typing import Any

from sglang.srt.mem_cache.radix_cache import TreeNode

PUBLIC_TAG = None
HIDDEN = "#hidden"


class State(enum.IntEnum):
    """Sensitivity state of a node (docs/design.md section 2)."""

    PENDING = 0  # not classified yet: private to its owner (fail closed)
    PUBLIC = 1  # cleared by the detector or declared by the operator: visible to all
    SENSITIVE = 2  # the detector found sensitive content at or before it: private forever
    DEMOTED = 3  # was public, the monitor withdrew it: private to its creator, never re-promoted


class SafeTreeNode(TreeNode):
    """SGLang's TreeNode plus owner, state, and the flags the cache's rules need."""

    def __init__(self, owner: str | None, state: State, priority: int = 0):
        # TreeNode's fields, set directly: its __init__ builds a defaultdict we do not use and
        # reads the clock twice (this runs on every insert). test_node_has_treenode_fields
        # checks that no field of TreeNode is missing.
        self.children: dict[Any, SafeTreeNode] = {}  # public children (plain dict, no default)
        self.parent: SafeTreeNode | None = None
        self.key: Any = None
        self.value: Any = None
        self.lock_ref = 0
        self.last_access_time = self.creation_time = time.monotonic()
        self.hit_count = 0
        self.hash_value: list[str] | None = None
        self.event_hash_value: list[str] | None = None
        self.priority = priority
        self.id = TreeNode.counter
        TreeNode.counter += 1
        self.private: dict[Any, dict[Any, SafeTreeNode]] | None = None
        self.owner = owner  # the tenant that inserted (created) the node
        self.state = state
        self.tag: Any = PUBLIC_TAG if state == State.PUBLIC else owner
        self.cleared = False  # the detector said clean, but the parent is not public yet
        self.submitted = False  # a classification job covering this node is out
        self.held = False  # judged without its right context: waits for the path to grow
        self.waiting = False  # a deferred promotion or a pending free waits for its unlock
        self.lineage = self.id  # id of the node this one was split from, for the monitor
        # demand.py: on a public node, the dormant content of tenants below it by its first
        # tokens; on the top node of dormant content, the fingerprint it is filed under.
        self.dormant: dict[Any, set[str]] | None = None
        self.dormant_fp: Any = None
        # The first node after a fresh request's message boundary (transitions.py): filed as
        # dormant under this fingerprint once the boundary is public (SHORT_CONTENT: never).
        self.awaiting: Any = None
        # The request (rid) whose insert created the node: its next chunk continues it, which
        # is judged at once; a later request's continuation may be left dormant (demand.py).
        self.origin: Any = None
        self.in_leaves = False
        self.in_owner_leaves = False
        # Counts against its owner's share of the cache (eviction.py): in the tree, neither
        # hidden nor below a hidden node. Set when the tree files the node.
        self.counted = False

    @property
    def hidden(self) -> bool:
        return isinstance(self.tag, tuple)

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLIC

    def iter_children(self) -> Iterator[SafeTreeNode]:
        yield from self.children.values()
        if self.private:
            for m in self.private.values():
                yield from m.values()

    def child_list(self) -> list[SafeTreeNode]:
        out = list(self.children.values())
        if self.private:
            for m in self.private.values():
                out.extend(m.values())
        return out

    def has_children(self) -> bool:
        return bool(self.children) or bool(self.private)

    def num_children(self) -> int:
        n = len(self.children)
        if self.private:
            for m in self.private.values():
                n += len(m)
        return n

    def lookup(self, tag: Any, ck: Any) -> SafeTreeNode | None:
        if tag is PUBLIC_TAG:
            return self.children.get(ck)
        if self.private is None:
            return None
        m = self.private.get(tag)
        return None if m is None else m.get(ck)

    def put(self, tag: Any, ck: Any, child: SafeTreeNode) -> None:
        if tag is PUBLIC_TAG:
            self.children[ck] = child
            return
        if self.private is None:
            self.private = {}
        m = self.private.get(tag)
        if m is None:
            m = self.private[tag] = {}
        m[ck] = child

    def remove(self, tag: Any, ck: Any) -> SafeTreeNode | None:
        if tag is PUBLIC_TAG:
            return self.children.pop(ck, None)
        if self.private is None:
            return None
        m = self.private.get(tag)
        if m is None:
            return None
        child = m.pop(ck, None)
        if not m:
            del self.private[tag]
            if not self.private:
                self.private = None
        return child

    def __repr__(self) -> str:
        n = 0 if self.key is None else len(self.key)
        return (
            f"SafeTreeNode(id={self.id}, owner={self.owner!r}, state={self.state.name}, "
            f"len={n}, lock_ref={self.lock_ref}, tag={self.tag!r})"
        )


def hidden_tag(node: SafeTreeNode) -> tuple[str, int]:
    return (HIDDEN, node.id)
