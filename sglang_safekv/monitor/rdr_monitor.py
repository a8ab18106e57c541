"""The Reuse-Diversity-Ratio monitor: defense in depth for content the detector let through.

Attached to the cache as a listener, it sees one :class:`MatchEvent` per foreign public node a
match passes through. It groups events into matches and *visits* (one match's pass through one
lineage, see :mod:`lineage_stats`). A visit that stops inside another tenant's content marks a
*stopping point*: the depth where the visitor's prompt diverged from it. Probing is a matter of
stopping points: wrong guesses pile up at one, right guesses open the next one deeper. What
follows the stopping point (the node the cache split off there, holding the creator's content
the prober is after) is withdrawn from sharing when one of these rules fires; the content
before it, which the visitors have already shown they hold, stays shared:

- ``walk``: the deepest stopping point in a lineage advanced by one token (up to
  ``walk_max_step``) ``walk_steps`` times in a row, whichever tenants' visits moved it
  (colluding accounts taking turns are one walk). No window: slow probing is caught as fast as
  quick probing, per token learned.
- ``surge``: at one stopping point, in one window, at least ``min_hits`` visits from so few
  tenants that RDR = distinct tenants / visits is below ``rdr_floor``, and the visits jumped at
  least ``jump_factor`` (r_a) times over the previous window's. Catches a prober piling wrong
  guesses on one position before it learns ``walk_steps`` tokens.
- ``budget``: more than ``access_budget`` distinct stopping points (or visits, with
  ``budget_unit = "visits"``) in a lineage while fewer than ``budget_creators`` distinct tenants
  (the creator included) held all of it. Every point is something learned about the content,
  whatever the step size (so guessing several tokens at once does not evade it), and accounts
  probing unknown tokens never hold all of it; content others have as well is exempt.

A stopping point reached by ``protect_tenants`` distinct tenants is widely shared (the end of a
system prompt) and exempt from ``surge``, so probers' hits there cannot withdraw it (the
collateral damage the workshop reviewers asked about).

Events of one match arrive together, root first (one ``match_prefix`` call emits them, with one
timestamp). A match is complete at the next event that does not continue it, at the request's
insert (``on_insert``), or at :meth:`flush`; then the monitor acts on the deepest triggering
visit of that match, so shallower shared context stays shared. Through the
cache's API an action taken inside a callback is queued and applied at its next operation.

Every action is an event record (kept in a bounded list), a log line and a counter. Everything
on the ``on_match`` path is O(1) amortized: dict and OrderedDict operations on capped state.
The per-lineage and per-point tables file each entry under the creator of its content
(:class:`~sglang_safekv.monitor.bounded.FairTable`): flooding them with other content pushes
out the flooders' own entries first, and a lineage being walked is kept over idle ones.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import time
from collections.abc import Callable
from typing import Any

from sglang_safekv.cache.events import MatchEvent
from sglang_safekv.config import ConfigError, MonitorConfig
from sglang_safekv.monitor.actions import ACTIONS, RULES, ActionSink, MonitorAction
from sglang_safekv.monitor.bounded import FairTable, LRUTable
from sglang_safekv.monitor.lineage_stats import LineageStats, PointStats
from sglang_safekv.tenancy import OPERATOR

logger = logging.getLogger("sglang_safekv.monitor")

RECENT_ACTIONS = 256
BUDGET_UNITS = ("points", "visits")
# Events without a match id (-1): those of one match carry the same time; a larger gap always
# means a new match.
SAME_MATCH_S = 1.0


def validate(config: MonitorConfig) -> None:
    """Reject settings that would silently disable or break a rule."""
    problems = []
    if not config.window_s > 0:
        problems.append(f"window_s must be > 0, got {config.window_s}")
    if config.jump_factor < 0:
        problems.append(f"jump_factor must be >= 0 (0: no jump test), got {config.jump_factor}")
    if config.min_hits < 1:
        problems.append(f"min_hits must be >= 1, got {config.min_hits}")
    if not 0 <= config.rdr_floor <= 1:
        problems.append(f"rdr_floor must be in [0, 1] (0: no surge rule), got {config.rdr_floor}")
    if config.walk_steps < 0:
        problems.append(f"walk_steps must be >= 0 (0: no walk rule), got {config.walk_steps}")
    if config.walk_max_step < 1:
        problems.append(f"walk_max_step must be >= 1, got {config.walk_max_step}")
    if config.access_budget < 0:
        problems.append(f"access_budget must be >= 0 (0: no budget), got {config.access_budget}")
    if config.budget_creators < 1:
        problems.append(f"budget_creators must be >= 1, got {config.budget_creators}")
    if config.budget_unit not in BUDGET_UNITS:
        problems.append(
            f"budget_unit must be one of {', '.join(BUDGET_UNITS)}, got {config.budget_unit!r}"
        )
    if config.protect_tenants < 2:
        problems.append(f"protect_tenants must be >= 2, got {config.protect_tenants}")
    if config.action not in ACTIONS:
        problems.append(f"action must be one of {', '.join(ACTIONS)}, got {config.action!r}")
    if config.throttle_s < 0:
        problems.append(f"throttle_s must be >= 0, got {config.throttle_s}")
    if config.max_tracked_nodes < 1:
        problems.append(f"max_tracked_nodes must be >= 1, got {config.max_tracked_nodes}")
    if not 0 < config.max_tenant_share <= 1:
        problems.append(f"max_tenant_share must be in (0, 1], got {config.max_tenant_share}")
    if problems:
        raise ConfigError("monitor: " + "; ".join(problems))


@dataclasses.dataclass(slots=True)
class _Candidate:
    rule: str
    node_id: int
    creator: str
    lineage: int
    tenants: tuple[str, ...]
    hits: int
    detail: str


@dataclasses.dataclass(slots=True)
class _Visit:
    """One match's pass through one lineage (consecutive events of that lineage)."""

    lineage: int
    creator: str
    end: int  # absolute depth where the visit stopped so far
    node_id: int  # the deepest node of the lineage it reached
    partial: bool  # it stopped inside that node (the cache then splits it there)
    # The match left this lineage at a node's end for another tenant's shared content: the
    # visitor holds a different branch from here, it did not stop inside this one.
    branched: bool = False


@dataclasses.dataclass(slots=True)
class _Match:
    """The match whose events are arriving now."""

    tenant: str
    time: float
    end: int  # absolute depth where its deepest event ended
    full: bool  # that event passed its node fully, so the match may go on deeper
    visit: _Visit
    match_id: int = -1
    candidate: _Candidate | None = None

    def continued_by(self, event: MatchEvent) -> bool:
        if event.match_id >= 0 or self.match_id >= 0:
            # Exact: another request of the same tenant within the second (two in one batch)
            # must not pass for the rest of this match, hiding this one's stop as a branch.
            return event.match_id == self.match_id and event.tenant == self.tenant
        return (
            event.tenant == self.tenant
            and self.full
            and event.node_depth >= self.end
            and abs(event.time - self.time) <= SAME_MATCH_S
        )


def _lineage_rank(stats: LineageStats) -> int:
    """How much a lineage's entry is worth keeping: what probing there has built up."""
    if stats.frontier.depth < 0:
        return 0  # only full passes so far: nothing open
    return 1 + stats.frontier.steps + len(stats.points)


def _point_rank(point: PointStats) -> int:
    """A point one visit stopped at is worth nothing yet (the table forgets it at once)."""
    return point.hits - 1


def _lineage(event: MatchEvent) -> int:
    return event.lineage_id if event.lineage_id >= 0 else event.node_id


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
        share = max(1, int(cap * config.max_tenant_share))
        # Filed under the creator of the content, so accounts flooding the tables with their
        # own content push out their own entries, not the ones of the content they probe.
        self._lineages: FairTable[int, LineageStats] = FairTable(cap, share, _lineage_rank)
        self._points: FairTable[tuple[int, int], PointStats] = FairTable(cap, share, _point_rank)
        self._withdrawn: FairTable[int, bool] = FairTable(cap, share)
        self._throttled: LRUTable[str, float] = LRUTable(cap)
        self._match: _Match | None = None
        self.recent_actions: collections.deque[MonitorAction] = collections.deque(
            maxlen=RECENT_ACTIONS
        )
        self._counters: dict[str, int] = {
            "events": 0,
            "visits": 0,
            "matches": 0,
            "branched_visits": 0,
            "events_on_withdrawn_nodes": 0,
            **{f"triggers_{rule}": 0 for rule in RULES},
            **{f"actions_{action}": 0 for action in ACTIONS},
            "action_failures": 0,
            "throttles": 0,
        }

    # CacheListener -----------------------------------------------------------------------

    def on_insert(self, tenant: str) -> None:
        """An insert follows its request's match (with or without a job): it is complete."""
        self.flush()

    def on_match(self, event: MatchEvent) -> None:
        if not self.config.enabled or event.tenant == event.creator:
            return
        if event.creator == OPERATOR:
            # Declared public by the operator: no secret to protect, and its lineage often
            # holds the chat header every prompt starts with, where any busy tenant's prompts
            # leave it (a false surge there withdrew the declared prompt itself).
            return
        self._counters["events"] += 1
        if event.node_id in self._withdrawn:  # still public if the action was refused
            self._counters["events_on_withdrawn_nodes"] += 1
        lineage = _lineage(event)
        end = event.node_depth + event.matched_into_node
        stats = self._stats(lineage, event.creator)
        stats.reach = max(stats.reach, event.node_depth + event.node_len)
        match = self._match
        if match is not None and match.continued_by(event):
            match.end = end
            match.full = event.matched_into_node >= event.node_len
            visit = match.visit
            if visit.lineage == lineage:
                visit.end, visit.node_id, visit.partial = end, event.node_id, not match.full
            else:
                visit.branched = True
                self._close_visit(match)
                match.visit = _Visit(lineage, event.creator, end, event.node_id, not match.full)
        else:
            self.flush()
            match = self._match = _Match(
                event.tenant,
                event.time,
                end,
                event.matched_into_node >= event.node_len,
                _Visit(
                    lineage,
                    event.creator,
                    end,
                    event.node_id,
                    event.matched_into_node < event.node_len,
                ),
                event.match_id,
            )
        if event.then_own:
            # The prompt went on into the visitor's own content at this node's end: it holds
            # its own branch from here (a guess it made before was counted when it was made).
            match.visit.branched = True

    def flush(self) -> None:
        """Complete the current match: close its last visit and act on what triggered."""
        match, self._match = self._match, None
        if match is None:
            return
        self._counters["matches"] += 1
        self._close_visit(match)
        if match.candidate is not None:
            self._act(match.time, match.candidate)

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

    def throttled_tenants(self, now: float | None = None) -> list[str]:
        """Tenants throttled now (for export to processes that cannot call is_throttled)."""
        return [t for t, _ in self._throttled.items() if self.is_throttled(t, now)]

    def stats(self) -> dict[str, int]:
        """Counters and gauges, plain numbers (the server exports them to Prometheus)."""
        return {
            **self._counters,
            "tracked_lineages": len(self._lineages),
            "tracked_points": len(self._points),
            "withdrawn_nodes": len(self._withdrawn),
            "throttled_tenants": len(self._throttled),
            "forgotten_lineages": self._lineages.forgotten,
            "forgotten_points": self._points.forgotten,
        }

    def lineage_stats(self, lineage: int) -> LineageStats | None:
        return self._lineages.get(lineage)

    def recent(self) -> list[dict[str, Any]]:
        return [a.to_dict() for a in self.recent_actions]

    # Internals -------------------------------------------------------------------------------

    def _stats(self, lineage: int, creator: str) -> LineageStats:
        cfg = self.config
        return self._lineages.get_or_create(
            lineage,
            creator,
            lambda: LineageStats.new(creator, cfg.budget_creators, cfg.access_budget + 1),
        )

    def _close_visit(self, match: _Match) -> None:
        """Count the visit and keep the deepest candidate of the match."""
        self._counters["visits"] += 1
        visit = match.visit
        candidate = self._judge(match.tenant, match.time, visit)
        if candidate is not None:
            # Visits come root first, so a later candidate of the same match is deeper.
            match.candidate = candidate

    def _judge(self, tenant: str, now: float, visit: _Visit) -> _Candidate | None:
        cfg = self.config
        stats = self._stats(visit.lineage, visit.creator)
        if visit.end >= stats.reach:
            stats.vouchers.add(tenant)
            return None
        if visit.branched:
            # A reader going from a shared header into one of several documents that follow
            # it, not a stop: a guess that lands in another branch tells nothing about this
            # one, and the guesses that miss every branch still stop and are counted.
            self._counters["branched_visits"] += 1
            return None
        # The visit stopped inside the lineage: the tenant's prompt diverged there.
        stats.visits += 1
        if (
            cfg.walk_steps
            and stats.frontier.advance(visit.end, cfg.walk_max_step) >= cfg.walk_steps
        ):
            steps, stats.frontier.steps = stats.frontier.steps, 0
            return self._candidate(
                "walk",
                visit,
                stats,
                (tenant,),
                steps,
                f"stopping point advanced one token {steps} times in a row, to depth {visit.end}",
            )
        point = self._points.get_or_create(
            (visit.lineage, visit.end),
            visit.creator,
            lambda: PointStats.new(int(now // cfg.window_s), cfg.protect_tenants),
        )
        point.observe(tenant, int(now // cfg.window_s))
        if visit.partial:
            # The cache split that node at this point: it now holds the creator's content
            # after the point, the part a prober wants. Later visits that stop here pass the
            # upper fragment fully; withdrawing this node instead leaves what they have seen
            # (and everything shallower, like a system prompt) shared.
            point.below = visit.node_id
        stats.points.add(visit.end)
        if (
            point.hits >= cfg.min_hits
            and len(point.tenants) < cfg.rdr_floor * point.hits
            and point.hits >= cfg.jump_factor * point.prev_hits
            and not point.widely_shared
        ):
            return self._candidate(
                "surge",
                visit,
                stats,
                tuple(point.tenants),
                point.hits,
                f"{point.hits} visits stopped at depth {visit.end} from {len(point.tenants)} "
                f"tenant(s) in {cfg.window_s:g}s (RDR {point.rdr:.3f}), "
                f"previous window {point.prev_hits}",
                point,
            )
        used = len(stats.points) if cfg.budget_unit == "points" else stats.visits
        if (
            cfg.access_budget
            and used > cfg.access_budget
            and len(stats.vouchers) < cfg.budget_creators
        ):
            return self._candidate(
                "budget",
                visit,
                stats,
                (tenant,),
                used,
                f"{used} cross-tenant {cfg.budget_unit} short of its end, "
                f"{len(stats.vouchers)} tenant(s) held all of it (need {cfg.budget_creators})",
                point,
            )
        return None

    @staticmethod
    def _candidate(
        rule: str,
        visit: _Visit,
        stats: LineageStats,
        tenants: tuple[str, ...],
        hits: int,
        detail: str,
        point: PointStats | None = None,
    ) -> _Candidate:
        """Withdraw what follows the stopping point if known, else the deepest node reached."""
        node = visit.node_id
        if not visit.partial and point is not None and point.below >= 0:
            node = point.below
        return _Candidate(rule, node, stats.creator, visit.lineage, tenants, hits, detail)

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
        # The lineage starts over: what is left of it public was already seen by the prober.
        self._lineages.pop(c.lineage)
        self._withdrawn.put(c.node_id, c.creator, True)
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
