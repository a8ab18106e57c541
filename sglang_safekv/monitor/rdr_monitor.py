"""The Reuse-Diversity-Ratio monitor: defense in depth for content the detector let through.

Attached to the cache as a listener, it sees one :class:`MatchEvent` per foreign public node a
match passes through, and withdraws a node from sharing when one of three rules fires:

- ``surge``: in one window the node got at least ``min_hits`` hits, from so few tenants that
  RDR = distinct tenants / hits is below ``rdr_floor``, and the hits jumped at least
  ``jump_factor`` (r_a) times over the previous window's. Steady low-diversity use (a tenant's
  batch job over a shared document) does not jump; a prober's burst does.
- ``walk``: one tenant's successive matches ended one token further into the same creator's
  content ``walk_steps`` times (see :mod:`walk`); catches slow probing that no window sees.
- ``budget``: the node served more than ``access_budget`` cross-tenant hits while fewer than
  ``budget_creators`` distinct tenants (its creator included) held its whole content (passed
  it fully). Colluding accounts probing unknown tokens never pass the node fully, so many
  accounts do not buy them more hits; real shared content earns its budget back at once.

A node that ``protect_tenants`` distinct tenants have used is widely shared (a system prompt)
and exempt from ``surge`` and ``budget``; that is what keeps a prober's extra hits on a system
prompt from withdrawing the system prompt (collateral damage the workshop reviewers asked about).

Events of one match arrive together, root first (one ``match_prefix`` call emits them). The
monitor groups them and decides when the match is complete: at the next event that does not
continue it, at the next classification job (the request's insert), or at :meth:`flush`. Of
the nodes that triggered in one match it withdraws the deepest, the one closest to what the
prober does not know yet; shallower shared context stays shared.

Every action is an event record (kept in a bounded list), a log line and a counter. Everything
on the ``on_match`` path is O(1) amortized: dict and OrderedDict operations on capped state.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import time
from collections.abc import Callable
from typing import Any

from sglang_safekv.cache.events import ClassificationJob, MatchEvent
from sglang_safekv.config import ConfigError, MonitorConfig
from sglang_safekv.monitor.actions import ACTIONS, RULES, ActionSink, MonitorAction
from sglang_safekv.monitor.bounded import LRUTable
from sglang_safekv.monitor.node_stats import NodeStats
from sglang_safekv.monitor.walk import WalkTracker

logger = logging.getLogger("sglang_safekv.monitor")

RECENT_ACTIONS = 256
# Events of one match carry (nearly) the same time; a larger gap always means a new match.
SAME_MATCH_S = 1.0


def validate(config: MonitorConfig) -> None:
    """Reject settings that would silently disable or break a rule."""
    problems = []
    if not config.window_s > 0:
        problems.append(f"window_s must be > 0, got {config.window_s}")
    if config.jump_factor < 0:
        problems.append(
            f"jump_factor must be >= 0 (0 disables the jump test), got {config.jump_factor}"
        )
    if config.min_hits < 1:
        problems.append(f"min_hits must be >= 1, got {config.min_hits}")
    if not 0 <= config.rdr_floor <= 1:
        problems.append(f"rdr_floor must be in [0, 1], got {config.rdr_floor}")
    if config.walk_steps < 0:
        problems.append(
            f"walk_steps must be >= 0 (0 disables the walk rule), got {config.walk_steps}"
        )
    if config.access_budget < 0:
        problems.append(f"access_budget must be >= 0 (0 disables it), got {config.access_budget}")
    if config.budget_creators < 1:
        problems.append(f"budget_creators must be >= 1, got {config.budget_creators}")
    if config.protect_tenants < 2:
        problems.append(f"protect_tenants must be >= 2, got {config.protect_tenants}")
    if config.action not in ACTIONS:
        problems.append(f"action must be one of {', '.join(ACTIONS)}, got {config.action!r}")
    if config.throttle_s < 0:
        problems.append(f"throttle_s must be >= 0, got {config.throttle_s}")
    if config.max_tracked_nodes < 1:
        problems.append(f"max_tracked_nodes must be >= 1, got {config.max_tracked_nodes}")
    if problems:
        raise ConfigError("monitor: " + "; ".join(problems))


@dataclasses.dataclass(slots=True)
class _Candidate:
    rule: str
    node_id: int
    creator: str
    depth: int
    tenants: tuple[str, ...]
    hits: int
    detail: str


@dataclasses.dataclass(slots=True)
class _Match:
    """The match whose events are arriving now."""

    tenant: str
    time: float
    end: int  # absolute depth where its deepest event so far ended
    full: bool  # that event passed its node fully, so the match may go on deeper
    creator: str
    node_id: int
    candidate: _Candidate | None = None

    def continued_by(self, event: MatchEvent) -> bool:
        return (
            event.tenant == self.tenant
            and self.full
            and event.node_depth >= self.end
            and abs(event.time - self.time) <= SAME_MATCH_S
        )


class RDRMonitor:
    """A cache listener that withdraws probed public nodes; see the module docstring."""

    def __init__(
        self,
        config: MonitorConfig,
        sink: ActionSink,
        clock: Callable[[], float] = time.monotonic,
    ):
        validate(config)
        self.config = config
        self.sink = sink
        self.clock = clock  # must be the clock the cache stamps MatchEvent.time with
        cap = config.max_tracked_nodes
        self._nodes: LRUTable[int, NodeStats] = LRUTable(cap)
        self._withdrawn: LRUTable[int, bool] = LRUTable(cap)
        self._throttled: LRUTable[str, float] = LRUTable(cap)
        self._walks = WalkTracker(config.walk_steps, cap) if config.walk_steps else None
        self._match: _Match | None = None
        self.recent_actions: collections.deque[MonitorAction] = collections.deque(
            maxlen=RECENT_ACTIONS
        )
        self._counters: dict[str, int] = {
            "events": 0,
            "matches": 0,
            "events_on_withdrawn_nodes": 0,
            **{f"triggers_{rule}": 0 for rule in RULES},
            **{f"actions_{action}": 0 for action in ACTIONS},
            "action_failures": 0,
            "throttles": 0,
        }

    # CacheListener -----------------------------------------------------------------------

    def on_classification_job(self, job: ClassificationJob) -> None:
        """An insert follows its request's match: that match is complete."""
        self.flush()

    def on_match(self, event: MatchEvent) -> None:
        if not self.config.enabled or event.tenant == event.creator:
            return
        self._counters["events"] += 1
        match = self._match
        end = event.node_depth + event.matched_into_node
        full = event.matched_into_node >= event.node_len
        if match is not None and match.continued_by(event):
            match.end, match.full = end, full
            match.creator, match.node_id = event.creator, event.node_id
        else:
            self.flush()
            match = self._match = _Match(
                event.tenant, event.time, end, full, event.creator, event.node_id
            )
        candidate = self._observe_node(event, full)
        if candidate is not None:
            # Events come root first, so a later candidate of the same match is deeper.
            match.candidate = candidate

    def flush(self) -> None:
        """Complete the current match: run the walk rule and act on what triggered."""
        match, self._match = self._match, None
        if match is None:
            return
        self._counters["matches"] += 1
        if match.candidate is not None:
            self._act(match.time, match.candidate)
        if self._walks is not None:
            walk = self._walks.close_match(match.tenant, match.creator, match.end, match.node_id)
            if walk is not None and walk.node_id not in self._withdrawn:
                self._act(
                    match.time,
                    _Candidate(
                        "walk",
                        walk.node_id,
                        walk.creator,
                        walk.depth,
                        (walk.tenant,),
                        walk.steps,
                        f"{walk.steps} successive one-token advances by {walk.tenant} "
                        f"to depth {walk.depth}",
                    ),
                )

    # For the server ------------------------------------------------------------------------

    def is_throttled(self, tenant: str, now: float | None = None) -> bool:
        """Whether ``tenant`` should be slowed down (the server decides how)."""
        until = self._throttled.get(tenant)
        if until is None:
            return False
        if (self.clock() if now is None else now) < until:
            return True
        self._throttled.pop(tenant)
        return False

    def stats(self) -> dict[str, int]:
        """Counters and gauges, plain numbers (the server exports them to Prometheus)."""
        return {
            **self._counters,
            "tracked_nodes": len(self._nodes),
            "tracked_walks": len(self._walks) if self._walks is not None else 0,
            "withdrawn_nodes": len(self._withdrawn),
            "throttled_tenants": len(self._throttled),
            "forgotten_nodes": self._nodes.forgotten,
        }

    def node_stats(self, node_id: int) -> NodeStats | None:
        return self._nodes.get(node_id)

    def recent(self) -> list[dict[str, Any]]:
        return [a.to_dict() for a in self.recent_actions]

    # Internals -------------------------------------------------------------------------------

    def _observe_node(self, event: MatchEvent, full: bool) -> _Candidate | None:
        """Count the hit; a candidate when the surge or budget rule fires for this node."""
        if event.node_id in self._withdrawn:
            self._counters["events_on_withdrawn_nodes"] += 1
            return None
        cfg = self.config
        window = int(event.time // cfg.window_s)
        stats = self._nodes.get_or_create(
            event.node_id,
            lambda: NodeStats.new(event.creator, window, cfg.protect_tenants, cfg.budget_creators),
        )
        stats.observe(event.tenant, window, full)
        if stats.widely_shared:
            return None
        if (
            stats.hits >= cfg.min_hits
            and len(stats.tenants) < cfg.rdr_floor * stats.hits
            and stats.hits >= cfg.jump_factor * stats.prev_hits
        ):
            return _Candidate(
                "surge",
                event.node_id,
                stats.creator,
                event.node_depth,
                tuple(stats.tenants),
                stats.hits,
                f"{stats.hits} hits from {len(stats.tenants)} tenant(s) in {cfg.window_s:g}s "
                f"(RDR {stats.rdr:.3f}), previous window {stats.prev_hits}",
            )
        if (
            cfg.access_budget
            and stats.life_hits > cfg.access_budget
            and len(stats.vouchers) < cfg.budget_creators
        ):
            return _Candidate(
                "budget",
                event.node_id,
                stats.creator,
                event.node_depth,
                tuple(t for t in stats.life_tenants if t != stats.creator),
                stats.life_hits,
                f"{stats.life_hits} cross-tenant hits, {len(stats.vouchers)} tenant(s) "
                f"held the whole content (need {cfg.budget_creators})",
            )
        return None

    def _act(self, now: float, c: _Candidate) -> None:
        if c.node_id in self._withdrawn:
            return
        action = MonitorAction(
            time=now,
            rule=c.rule,
            action=self.config.action,
            node_id=c.node_id,
            creator=c.creator,
            tenants=tuple(sorted(c.tenants)),
            hits=c.hits,
            detail=c.detail,
        )
        self._counters[f"triggers_{c.rule}"] += 1
        self._nodes.pop(c.node_id)
        self._withdrawn.put(c.node_id, True)
        applied = self.sink.apply(action)
        self._counters[f"actions_{action.action}" if applied else "action_failures"] += 1
        self.recent_actions.append(action)
        logger.warning(
            "monitor %s: %s node %d of %s (%s); tenants %s%s",
            c.rule,
            action.action,
            c.node_id,
            c.creator,
            c.detail,
            ", ".join(action.tenants),
            "" if applied else " [not applied]",
        )
        if self.config.throttle_s > 0:
            for tenant in action.tenants:
                self._throttled.put(tenant, now + self.config.throttle_s)
                self._counters["throttles"] += 1
