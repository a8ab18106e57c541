"""Drive the real SafeRadixCache with generated traffic, live or recorded, on a simulated clock.

:class:`SimServer` is the real cache in selective mode without a KV pool (SGLang's simulated
setup: the tree keeps token ids as values), plus a fake detector (``_MissingDetector``, a named
fake standing in for the detect package) that answers every classification job "clean", so
everything becomes public. That is the monitor's premise (the detector
missed the secret) and the worst case for false alarms (all benign content is shared). Events
are re-stamped with the simulated time of the request that caused them.

Two ways to measure:

- :func:`run_attack_live` / :func:`run_benign_live`: the monitor acts on the cache through its
  API (demotions change what later requests see). Used by the tests.
- :func:`record_attack` / :func:`record_benign` then :func:`replay`: the cache's event stream is
  recorded once (nothing acted on), then replayed through monitors with different settings.
  Up to the first action the stream is exactly what the live run sees, so detection is exact;
  after a benign false alarm the live tree would differ (the node is private, later events on it
  vanish), which replay imitates by dropping events of withdrawn nodes. Used by the ablation.
"""

from __future__ import annotations

import dataclasses
import heapq
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from sglang.srt.mem_cache.base_prefix_cache import InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixKey

from sglang_safekv import tenancy
from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.cache.events import ClassificationJob, MatchEvent, result_for
from sglang_safekv.config import Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.monitor.actions import CacheActionSink, MonitorAction, RecordingSink
from sglang_safekv.monitor.rdr_monitor import RDRMonitor
from sglang_safekv.tooling.monitor.workload import (
    VICTIM,
    AttackSpec,
    Prober,
    Request,
    benign_trace,
    shared_system_prompt,
    victim_setup,
)

ATTACK_BACKGROUND = "mixed"


class _MissingDetector:
    """Fake detector: answers every job "clean" (models a detector that missed everything)."""

    def __init__(self, cache: SafeRadixCache):
        self.cache = cache

    def on_classification_job(self, job: ClassificationJob) -> None:
        self.cache.post(result_for(job, first_sensitive=None))


class _Reclocked:
    """Forwards events to ``listener`` with the simulated time of the current request."""

    def __init__(self, listener: Any, server: SimServer):
        self.listener = listener
        self.server = server

    def on_classification_job(self, job: ClassificationJob) -> None:
        on_job = getattr(self.listener, "on_classification_job", None)
        if on_job is not None:
            on_job(job)

    def on_match(self, event: MatchEvent) -> None:
        self.listener.on_match(dataclasses.replace(event, time=self.server.now))

    def on_insert(self, tenant: str) -> None:
        on_insert = getattr(self.listener, "on_insert", None)
        if on_insert is not None:
            on_insert(tenant)


class SimServer:
    """The real tenant-aware cache, selective mode, simulated clock, detector that misses."""

    def __init__(
        self,
        config: SafeKVConfig | None = None,
        detector: Callable[[SafeRadixCache], Any] | None = None,
    ):
        """``detector`` builds the detector stand-in from the cache (default: misses all)."""
        config = config or SafeKVConfig(mode=Mode.SELECTIVE)
        if config.mode != Mode.SELECTIVE:
            raise ValueError("the monitor only acts in selective mode")
        params = CacheInitParams(
            disable=False, req_to_token_pool=None, token_to_kv_pool_allocator=None, page_size=1
        )
        self.cache = SafeRadixCache(params, config)
        self.cache.add_listener((detector or _MissingDetector)(self.cache))
        self.now = 0.0
        self._stamps: dict[str, str] = {}

    def attach(self, listener: Any) -> None:
        self.cache.add_listener(_Reclocked(listener, self))

    def request(self, tenant: str, tokens: Iterable[int], at: float) -> int:
        """One prompt of ``tenant`` at simulated time ``at``; returns its cached tokens."""
        self.now = at
        salt = self._stamps.get(tenant)
        if salt is None:
            salt = self._stamps[tenant] = tenancy.stamp(tenant)
        ids = array("q", tokens)
        cached = self.cache.match_prefix(
            MatchPrefixParams(key=RadixKey(ids, None, cache_salt=salt))
        ).device_prefix_len
        self.cache.insert(InsertParams(key=RadixKey(ids, None, cache_salt=salt)))
        return cached


# ------------------------------------------------------------------------------ recording


@dataclasses.dataclass
class RecordedRequest:
    time: float
    tenant: str
    role: str  # "benign", "victim" or "attack"
    items: list[MatchEvent | None]  # events and insert markers (None) in the order they came
    learned: int = 0  # attack: tokens of the secret the attackers knew after this request


@dataclasses.dataclass
class RecordedTrace:
    name: str
    seed: int
    duration_s: float
    requests: list[RecordedRequest]
    secret_len: int = 0


class _Recorder:
    def __init__(self) -> None:
        self.items: list[MatchEvent | None] = []

    def on_insert(self, tenant: str) -> None:
        self.items.append(None)  # the insert completes the request's match (monitor flush)

    def on_match(self, event: MatchEvent) -> None:
        self.items.append(event)


def _attack_requests(
    spec: AttackSpec, seed: int, background_rate: float
) -> tuple[list[Request], Prober, list[int]]:
    system = shared_system_prompt(ATTACK_BACKGROUND, seed)
    victim_prompt, known, secret = victim_setup(seed, spec, system)
    prober = Prober(spec, seed, known, secret)
    # Enough background for the slowest attack to finish.
    worst = spec.secret_len * (spec.guess_space + 1) * spec.interval_s[1] / spec.chunk
    background = benign_trace(ATTACK_BACKGROUND, seed, worst, rate_scale=background_rate)
    # The victim sends its prompt first (and again later, as users do).
    victim = [Request(5.0 + 600.0 * k, VICTIM, tuple(victim_prompt)) for k in range(1000)]
    return background + victim, prober, secret


def _interleave(requests: list[Request], prober: Prober, start: float):
    """Yield (role, request) in time order; the prober's next probe is generated on demand."""
    heap = [
        (r.time, i, "benign" if r.tenant != VICTIM else "victim", r) for i, r in enumerate(requests)
    ]
    heapq.heapify(heap)
    next_probe = start
    while not prober.done and heap:
        if heap[0][0] <= next_probe:
            _, _, role, r = heapq.heappop(heap)
            yield role, r
            continue
        account, tokens, gap = prober.next_probe()
        yield "attack", Request(next_probe, account, tokens)
        next_probe += gap


def record_attack(
    spec: AttackSpec,
    seed: int,
    background_rate: float = 0.25,
    max_probes: int = 2000,
    config: SafeKVConfig | None = None,
) -> RecordedTrace:
    """Record one attack (run to its end, nothing acted on) with benign background traffic,
    on a cache with ``config`` (default: the defaults, selective)."""
    server = SimServer(config)
    recorder = _Recorder()
    server.attach(recorder)
    requests, prober, secret = _attack_requests(spec, seed, background_rate)
    out: list[RecordedRequest] = []
    for role, r in _interleave(requests, prober, start=60.0):
        recorder.items = []
        cached = server.request(r.tenant, r.tokens, r.time)
        if role == "attack":
            prober.observe(cached)
        out.append(RecordedRequest(r.time, r.tenant, role, recorder.items, len(prober.learned)))
        if prober.probes >= max_probes:
            break
    duration = out[-1].time if out else 0.0
    return RecordedTrace(spec.kind, seed, duration, out, len(secret))


def record_benign(
    kind: str, seed: int, duration_s: float = 3600.0, config: SafeKVConfig | None = None
) -> RecordedTrace:
    server = SimServer(config)
    recorder = _Recorder()
    server.attach(recorder)
    out: list[RecordedRequest] = []
    for r in benign_trace(kind, seed, duration_s):
        recorder.items = []
        server.request(r.tenant, r.tokens, r.time)
        out.append(RecordedRequest(r.time, r.tenant, "benign", recorder.items))
    return RecordedTrace(kind, seed, duration_s, out)


# ------------------------------------------------------------------------------ outcomes


@dataclasses.dataclass
class Outcome:
    """What one monitor setting did on one trace."""

    trace: str
    seed: int
    hours: float
    detected: bool = False
    probes_to_detection: int | None = None  # attack probes sent before the first action
    leaked_tokens: int | None = None  # secret tokens the attackers had when it acted
    secret_len: int = 0
    attack_succeeded: bool = False  # learned the whole secret before any action
    false_alarms: int = 0  # actions on nodes the victim did not create
    rules: dict[str, int] = dataclasses.field(default_factory=dict)
    first_rule: str | None = None


def replay(trace: RecordedTrace, config: MonitorConfig) -> Outcome:
    """Run ``config``'s monitor over a recorded trace (see the module docstring)."""
    now = [0.0]
    sink = RecordingSink()
    monitor = RDRMonitor(config, sink, clock=lambda: now[0])
    withdrawn: set[int] = set()
    outcome = Outcome(
        trace.name, trace.seed, trace.duration_s / 3600.0, secret_len=trace.secret_len
    )
    probes = 0
    seen = 0
    learned = 0
    for request in trace.requests:
        now[0] = request.time
        if request.role == "attack":
            probes += 1
            learned = request.learned  # its match happened before any action it triggers
        for item in request.items:
            if item is None:
                monitor.on_insert(request.tenant)
            elif item.node_id not in withdrawn:
                monitor.on_match(item)
        for action in sink.actions[seen:]:
            seen += 1
            withdrawn.add(action.node_id)
            _count(outcome, action, probes, learned)
        if outcome.detected:
            break
        if trace.secret_len and learned >= trace.secret_len:
            outcome.attack_succeeded = True
            break
    monitor.flush()
    for action in sink.actions[seen:]:
        _count(outcome, action, probes, learned)
    return outcome


def _count(outcome: Outcome, action: MonitorAction, probes: int, learned: int) -> None:
    outcome.rules[action.rule] = outcome.rules.get(action.rule, 0) + 1
    if action.creator == VICTIM and outcome.secret_len and not outcome.detected:
        outcome.detected = True
        outcome.first_rule = action.rule
        outcome.probes_to_detection = probes
        outcome.leaked_tokens = learned
    elif action.creator != VICTIM:
        outcome.false_alarms += 1


# ------------------------------------------------------------------------------ live runs


@dataclasses.dataclass
class LiveAttack:
    probes: int
    learned: int  # secret tokens the attackers had at the end
    gave_up: bool  # they tried every candidate for a position and all missed
    secret_len: int
    known_len: int  # prompt tokens the attackers knew before the secret
    actions: list[MonitorAction]
    learned_at_first_action: int | None
    probes_at_first_action: int | None
    victim_cached_after: int  # the victim's own prompt, sent once more at the end
    stranger_cached_after: int  # the victim's prompt sent by a tenant that never probed
    victim_prompt_len: int


def run_attack_live(
    spec: AttackSpec,
    seed: int,
    config: MonitorConfig,
    background_rate: float = 0.25,
    max_probes: int = 400,
) -> LiveAttack:
    """The attack against the cache with the monitor acting through the cache's API."""
    server = SimServer()
    sink = RecordingSink()
    monitor = RDRMonitor(config, _Both(CacheActionSink(server.cache), sink), lambda: server.now)
    server.attach(monitor)
    requests, prober, secret = _attack_requests(spec, seed, background_rate)
    victim_prompt = next(r.tokens for r in requests if r.tenant == VICTIM)
    first: tuple[int, int] | None = None
    for role, r in _interleave(requests, prober, start=60.0):
        cached = server.request(r.tenant, r.tokens, r.time)
        if role == "attack":
            prober.observe(cached)
        if first is None and any(a.creator == VICTIM for a in sink.actions):
            first = (prober.probes, len(prober.learned))
        if prober.probes >= max_probes:
            break
    end = server.now + 1.0
    return LiveAttack(
        probes=prober.probes,
        learned=len(prober.learned),
        gave_up=prober.gave_up,
        secret_len=len(secret),
        known_len=len(prober.prefix),
        actions=sink.actions,
        learned_at_first_action=None if first is None else first[1],
        probes_at_first_action=None if first is None else first[0],
        victim_cached_after=server.request(VICTIM, victim_prompt, end),
        stranger_cached_after=server.request("stranger", victim_prompt, end + 1.0),
        victim_prompt_len=len(victim_prompt),
    )


def run_benign_live(
    kind: str, seed: int, config: MonitorConfig, duration_s: float = 3600.0
) -> list[MonitorAction]:
    """A benign trace with the monitor acting; returns its actions (all false alarms)."""
    server = SimServer()
    sink = RecordingSink()
    monitor = RDRMonitor(config, _Both(CacheActionSink(server.cache), sink), lambda: server.now)
    server.attach(monitor)
    for r in benign_trace(kind, seed, duration_s):
        server.request(r.tenant, r.tokens, r.time)
    monitor.flush()
    return sink.actions


class _Both:
    """Applies through the cache and keeps a record."""

    def __init__(self, cache_sink: CacheActionSink, record: RecordingSink):
        self.cache_sink = cache_sink
        self.record = record

    def apply(self, action: MonitorAction) -> bool:
        self.record.apply(action)
        return self.cache_sink.apply(action)
