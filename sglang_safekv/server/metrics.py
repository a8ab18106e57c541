"""The safekv counters as typed Prometheus families, served in the same scrape as SGLang's.

The cache, detector and monitor live in the scheduler process, and the cache's numbers must be
read on the scheduler's thread (reading drains its pending work). So the HTTP process asks for a
snapshot through SGLang's internal-state RPC when scraped, and :class:`SafeKVCollector` turns it
into families with real types: counters (``_total``), gauges, and histograms with ``le``
buckets. SGLang's own series (``--enable-metrics``) are written by each of its processes into
``PROMETHEUS_MULTIPROC_DIR``; :func:`exposition` adds them with prometheus_client's
``MultiProcessCollector``, as SGLang's own ``/metrics`` does, so one scrape sees both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.utils import floatToGoString

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# Cache numbers that describe the tree now (they go down as well as up). Every other number of
# the cache counts events since start: a counter.
CACHE_GAUGES = frozenset(
    {
        "cached_tokens",
        "evictable_tokens",
        "protected_tokens",
        "tokens",
        "nodes",
        "tenants_with_private_tokens",
        "max_private_tokens",
        "private_token_quota",
        "declared_prefix_count",
        "deferred_promotions",
        "hidden_waiting",
        "pending_results",
    }
)
# The monitor's sizes of its tables; its other numbers are event counts.
MONITOR_GAUGES = frozenset(
    {"tracked_lineages", "tracked_points", "withdrawn_nodes", "throttled_tenants"}
)
# The label a table's keys become, by table name.
TABLE_LABELS = {"tokens": "state", "evicted_tokens": "reason"}


Family = CounterMetricFamily | GaugeMetricFamily | HistogramMetricFamily


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Families:
    """Families by name, so every scheduler's samples land in one family each."""

    def __init__(self) -> None:
        self.by_name: dict[str, Family] = {}

    def get(self, kind: type[Family], name: str, doc: str, labels: Sequence[str]) -> Any:
        family = self.by_name.get(name)
        if family is None:
            family = self.by_name[name] = kind(name, doc, labels=list(labels))
        return family

    def number(
        self, counter: bool, name: str, labels: dict[str, str], value: float, doc: str
    ) -> None:
        kind = CounterMetricFamily if counter else GaugeMetricFamily
        self.get(kind, name, doc, list(labels)).add_metric(list(labels.values()), float(value))

    def table(
        self, counter: bool, name: str, key: str, labels: dict[str, str], table: Mapping, doc: str
    ) -> None:
        for k, v in table.items():
            if _is_number(v):
                self.number(counter, name, {**labels, key: str(k)}, v, doc)

    def histogram(self, name: str, labels: dict[str, str], snap: Mapping[str, Any]) -> None:
        buckets = [(_le(bound), float(n)) for bound, n in snap["buckets"].items()]
        family = self.get(HistogramMetricFamily, name, "detector latency (seconds)", list(labels))
        family.add_metric(list(labels.values()), buckets, float(snap["sum"]))


def _le(bound: str) -> str:
    return bound if bound == "+Inf" else floatToGoString(float(bound))


def _add_cache(out: _Families, stats: Mapping[str, Any], labels: dict[str, str]) -> None:
    for name, value in stats.items():
        if name in ("detector", "monitor"):
            continue
        counter = name not in CACHE_GAUGES
        metric = f"safekv_cache_{name}"
        if _is_number(value):
            out.number(counter, metric, labels, value, "safekv cache")
        elif isinstance(value, Mapping):
            key = TABLE_LABELS.get(name, "kind")
            out.table(counter, metric, key, labels, value, "safekv cache")


def _add_detector(out: _Families, stats: Mapping[str, Any], labels: dict[str, str]) -> None:
    for name, value in stats.get("counters", {}).items():
        out.number(True, f"safekv_detector_{name}", labels, value, "safekv detector")
    for name, value in stats.get("gauges", {}).items():
        out.number(False, f"safekv_detector_{name}", labels, value, "safekv detector")
    for name, snap in stats.get("histograms", {}).items():
        out.histogram(f"safekv_detector_{name}", labels, snap)
    for tier in stats.get("unavailable", {}):
        doc = "a configured detector tier that did not load (content stays private)"
        out.number(False, "safekv_detector_tier_unavailable", {**labels, "tier": tier}, 1, doc)


def _add_monitor(out: _Families, stats: Mapping[str, Any], labels: dict[str, str]) -> None:
    for name, value in stats.items():
        if _is_number(value):
            counter = name not in MONITOR_GAUGES
            out.number(counter, f"safekv_monitor_{name}", labels, value, "safekv monitor")


class SafeKVCollector:
    """Typed families from one snapshot of the schedulers' and the auth gate's counters."""

    def __init__(self, schedulers: Sequence[Mapping[str, Any]], gate: Mapping[str, Any]):
        self.schedulers = schedulers
        self.gate = gate

    def collect(self) -> Iterator[Metric]:
        out = _Families()
        for name, value in self.gate.items():
            if _is_number(value):
                out.number(True, f"safekv_gate_{name}", {}, value, "requests by gate decision")
        for index, stats in enumerate(self.schedulers):
            labels = {"scheduler": str(index)}
            _add_cache(out, stats, labels)
            if isinstance(stats.get("detector"), Mapping):
                _add_detector(out, stats["detector"], labels)
            if isinstance(stats.get("monitor"), Mapping):
                _add_monitor(out, stats["monitor"], labels)
        yield from out.by_name.values()


def exposition(schedulers: Sequence[Mapping[str, Any]], gate: Mapping[str, Any]) -> bytes:
    """The text of one scrape: SGLang's multiprocess series (when on) and safekv's."""
    registry = CollectorRegistry(auto_describe=False)
    directory = os.environ.get(MULTIPROC_ENV)
    if directory and os.path.isdir(directory):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry, path=directory)
    registry.register(SafeKVCollector(schedulers, gate))
    return generate_latest(registry)
