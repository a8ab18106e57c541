"""Hand-built MatchEvent streams for probing scenarios, in both ways a cache may report them.

``split=False``: the probed node keeps its id and ``matched_into_node`` grows (a cache that
reports the node it matched into). ``split=True``: every partial match split the node, so a
probe passes a chain of fresh fragments fully (SGLang's own match_prefix splits nodes).
Tree: a system prompt (node 1, operator's, depth 0, 100 tokens), then the victim's node 2
(depth 100, 40 tokens) whose first ``known`` tokens the attacker knows.
"""

from __future__ import annotations

from sglang_safekv.cache.events import MatchEvent

SYSTEM_LEN = 100
VICTIM_LEN = 40


def ev(tenant, node, creator="victim", depth=SYSTEM_LEN, length=VICTIM_LEN, into=None, t=0.0):
    return MatchEvent(tenant, node, creator, depth, length, length if into is None else into, t)


def probe_events(tenant, learned, correct, split, t):
    """Events of one probe that knows ``learned`` victim tokens and guesses the next one."""
    events = [ev(tenant, 1, "operator", 0, SYSTEM_LEN, t=t)]
    reach = learned + (1 if correct else 0)
    if reach == 0:
        return events
    if not split:
        events.append(ev(tenant, 2, into=reach, t=t))
        return events
    # Fragment k covers victim tokens [k, k+1) for k >= 1, fragment 0 the first token.
    for k in range(reach):
        events.append(ev(tenant, 1000 + k, depth=SYSTEM_LEN + k, length=1, t=t))
    return events


def token_walk(tenants, ranks, known=5, split=False, start=0.0, dt=1.0):
    """Probes of a walk: for each secret position, ``rank`` guesses, the last one right.

    ``tenants`` take turns (one tenant is a single-account attack). Yields (probe_index,
    events).
    """
    t = start
    learned = known
    i = 0
    for rank in ranks:
        for guess in range(rank):
            tenant = tenants[i % len(tenants)]
            yield i, probe_events(tenant, learned, guess == rank - 1, split, t)
            i += 1
            t += dt
        learned += 1
