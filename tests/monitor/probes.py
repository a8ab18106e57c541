"""Hand-built MatchEvent streams of probing, in both ways a cache may report them.

``split=False``: the probed node keeps its id and ``matched_into_node`` grows (a cache that does
not split on match). ``split=True``: what SafeRadixCache does (like SGLang's RadixCache): a
match ending inside a node reports that node (partial) and splits it; the upper part gets a new
id in the same lineage, so later probes pass a chain of fragments fully.
Tree: a system prompt (node 1, operator's, depth 0, 100 tokens), then the victim's node 2
(depth 100, 40 tokens) whose first ``known`` tokens the attacker knows.
"""

from __future__ import annotations

import itertools

from sglang_safekv.cache.events import MatchEvent

SYSTEM_LEN = 100
VICTIM_LEN = 40


def ev(
    tenant,
    node,
    creator="victim",
    depth=SYSTEM_LEN,
    length=VICTIM_LEN,
    into=None,
    t=0.0,
    lineage=None,
    then_own=False,
):
    return MatchEvent(
        tenant,
        node,
        creator,
        depth,
        length,
        length if into is None else into,
        t,
        node if lineage is None else lineage,
        then_own,
    )


class VictimNode:
    """The victim's lineage as the cache would report it to successive probes."""

    def __init__(self, split: bool):
        self.split = split
        self.fragments = [(2, SYSTEM_LEN, VICTIM_LEN)]  # (id, depth, len), root first
        self._ids = itertools.count(1000)

    def events(self, tenant, matched, t):
        """Events of a match covering ``matched`` tokens of the victim's content."""
        out = [ev(tenant, 1, "operator", 0, SYSTEM_LEN, t=t)]
        if not self.split:
            if matched:
                out.append(ev(tenant, 2, into=matched, t=t))
            return out
        left = matched
        for i, (node, depth, length) in enumerate(self.fragments):
            if left <= 0:
                break
            m = min(left, length)
            out.append(ev(tenant, node, depth=depth, length=length, into=m, t=t, lineage=2))
            if m < length:  # split: a new upper fragment, the node keeps the rest
                upper = (next(self._ids), depth, m)
                self.fragments[i : i + 1] = [upper, (node, depth + m, length - m)]
                break
            left -= m
        return out


def token_walk(tenants, ranks, known=5, split=False, start=0.0, dt=1.0, chunk=1):
    """Probes of a walk: for each secret position, ``rank`` guesses, the last one right.

    ``tenants`` take turns (one tenant is a single-account attack); ``chunk`` tokens are
    guessed at once. Yields (probe_index, events).
    """
    victim = VictimNode(split)
    t = start
    learned = known
    i = 0
    for rank in ranks:
        for guess in range(rank):
            tenant = tenants[i % len(tenants)]
            right = guess == rank - 1
            yield i, victim.events(tenant, learned + (chunk if right else 0), t)
            i += 1
            t += dt
        learned += chunk
