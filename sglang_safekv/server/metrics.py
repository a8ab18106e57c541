"""Prometheus text rendering of the safekv counters.

The counters live in the scheduler process (cache, detector, monitor); the HTTP process reads
them through SGLang's internal-state RPC and renders them here, so no multiprocess metrics
directory is needed. Nested dicts become metric names, and a dict whose values are all numbers
becomes one metric with a ``key`` label: ``{"tokens": {"public": 5}}`` renders as
``safekv_tokens{key="public"} 5``. Non-numeric values are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

_BAD = re.compile(r"[^a-zA-Z0-9_]")
Sample = tuple[str, tuple[tuple[str, str], ...], float]


def _name(*parts: str) -> str:
    return _BAD.sub("_", "_".join(p for p in parts if p))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def samples(prefix: str, value: Any, labels: tuple[tuple[str, str], ...] = ()) -> Iterator[Sample]:
    if _is_number(value) or isinstance(value, bool):
        yield prefix, labels, float(value)
    elif isinstance(value, Mapping):
        leaf_table = bool(value) and all(_is_number(v) for v in value.values())
        for key, sub in value.items():
            if leaf_table:
                yield prefix, (*labels, ("key", str(key))), float(sub)
            else:
                yield from samples(_name(prefix, str(key)), sub, labels)


def render(schedulers: Sequence[Mapping[str, Any]], gate: Mapping[str, Any]) -> str:
    """One gauge family per counter; each scheduler's series carry a ``scheduler`` label."""
    families: dict[str, list[str]] = {}
    for index, stats in enumerate(schedulers):
        for name, labels, val in samples("safekv", stats, (("scheduler", str(index)),)):
            label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
            families.setdefault(name, []).append(f"{name}{{{label_text}}} {val:g}")
    for name, labels, val in samples("safekv_gate", gate):
        label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
        line = f"{name}{{{label_text}}} {val:g}" if label_text else f"{name} {val:g}"
        families.setdefault(name, []).append(line)
    lines: list[str] = []
    for name in sorted(families):
        lines.append(f"# TYPE {name} gauge")
        lines.extend(families[name])
    return "\n".join(lines) + "\n"
