"""Where the servers' CPU time went: per process role, and the server's own counters.

Two sources, both read before and after the measured phase. The server's ``/safekv/stats``
may report CPU or scheduler-loop seconds of its parts (detector, monitor, listeners); every
numeric field whose name says it is a time is taken as it is, and a field that is absent is
reported as "n/a". Independently, the operating system's per-process CPU time (psutil) of the
server's process tree is split by role: the HTTP front end (the leader), the scheduler, the
detokenizer, and any further process (e.g. detector workers). SGLang names its processes
with ``setproctitle``; where the title is not visible, the direct child with the most threads
is the scheduler (it runs the model), the other one the detokenizer.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

import psutil

ROLES = ("frontend", "scheduler", "detokenizer", "other")
TIME_FIELD = re.compile(r"(cpu|seconds|_s$|_ms$|loop|busy|lost)", re.I)
# The detector's work counters: what its CPU seconds were spent on (jobs, of them judged at
# arrival, decisions made or answered from the decision cache, sentences tier 3 read).
DETECTOR_COUNTERS = (
    "jobs_submitted",
    "jobs_done",
    "ahead_jobs_done",
    "decision_cache_hits",
    "decision_cache_misses",
    "blank_runs",
    "tier3_sentences",
)


def server_leader(port: int) -> psutil.Process | None:
    """The ``sglang_safekv.server`` process listening on ``port`` (None if not on this host)."""
    for proc in psutil.process_iter(["cmdline"]):
        cmd = proc.info.get("cmdline") or []
        if "sglang_safekv.server" in cmd and "--port" in cmd:
            i = cmd.index("--port")
            if i + 1 < len(cmd) and cmd[i + 1] == str(port):
                return proc
    return None


def _named_role(proc: psutil.Process) -> str | None:
    try:
        title = " ".join(proc.cmdline()) + " " + proc.name()
    except psutil.Error:
        return None
    for role in ("scheduler", "detokenizer", "detector", "monitor"):
        if role in title:
            return role if role in ROLES else "other"
    return None


def _cpu_s(proc: psutil.Process) -> float | None:
    try:
        t = proc.cpu_times()
    except psutil.Error:
        return None
    return t.user + t.system


def roles(leader: psutil.Process) -> dict[int, str]:
    """pid -> role for the leader and every descendant."""
    out = {leader.pid: "frontend"}
    try:
        children = leader.children()
    except psutil.Error:
        return out
    unnamed = []
    for child in children:
        role = _named_role(child)
        if role is None:
            unnamed.append(child)
        else:
            out[child.pid] = role
        try:
            for grandchild in child.children(recursive=True):
                out[grandchild.pid] = _named_role(grandchild) or "other"
        except psutil.Error:
            pass
    if unnamed and "scheduler" not in out.values():

        def threads(p: psutil.Process) -> int:
            try:
                return p.num_threads()
            except psutil.Error:
                return 0

        unnamed.sort(key=threads, reverse=True)
        out[unnamed[0].pid] = "scheduler"
        unnamed = unnamed[1:]
    for child in unnamed:
        out[child.pid] = "detokenizer" if "detokenizer" not in out.values() else "other"
    return out


def process_snapshot(port: int) -> dict[str, Any] | None:
    """{pid: [role, cpu seconds]} of the server on ``port``; None if it is not local."""
    leader = server_leader(port)
    if leader is None:
        return None
    snap = {}
    for pid, role in roles(leader).items():
        cpu = _cpu_s(psutil.Process(pid)) if psutil.pid_exists(pid) else None
        if cpu is not None:
            snap[str(pid)] = [role, cpu]
    return snap


def cpu_by_role(before: dict | None, after: dict | None) -> dict[str, float] | None:
    """CPU seconds per role between two snapshots (a process new in ``after`` counts whole)."""
    if before is None or after is None:
        return None
    out = dict.fromkeys(ROLES, 0.0)
    for pid, (role, cpu) in after.items():
        start = before.get(pid, [role, 0.0])[1]
        out[role] = out.get(role, 0.0) + max(0.0, cpu - start)
    return out


def reported_times(stats: Any, path: str = "") -> dict[str, float]:
    """Numeric fields of ``/safekv/stats`` whose name says they are times, by dotted path."""
    out: dict[str, float] = {}
    if isinstance(stats, dict):
        for key, value in stats.items():
            out.update(reported_times(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(stats, list):
        for i, value in enumerate(stats):
            out.update(reported_times(value, f"{path}[{i}]"))
    elif (
        isinstance(stats, int | float)
        and not isinstance(stats, bool)
        and TIME_FIELD.search(path.rsplit(".", 1)[-1])
    ):
        out[path] = float(stats)
    return out


def detector_counts(stats: Any) -> dict[str, int]:
    """``DETECTOR_COUNTERS`` of ``/safekv/stats`` (one server; several schedulers summed)."""
    out: dict[str, int] = {}
    schedulers = stats.get("schedulers") if isinstance(stats, dict) else None
    for one in schedulers if isinstance(schedulers, list) else [stats]:
        counters = ((one or {}).get("detector") or {}).get("counters") or {}
        for name in DETECTOR_COUNTERS:
            value = counters.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                out[name] = out.get(name, 0) + value
    return out


def fetch_stats(base_url: str, admin_key: str | None) -> dict | None:
    headers = {"Authorization": f"Bearer {admin_key}"} if admin_key else {}
    req = urllib.request.Request(base_url + "/safekv/stats", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def reported_deltas(before: dict | None, after: dict | None) -> dict[str, float]:
    """Time fields of ``/safekv/stats`` that grew (or changed) over the phase."""
    if before is None or after is None:
        return {}
    b, a = reported_times(before), reported_times(after)
    return {k: a[k] - b.get(k, 0.0) for k in sorted(a)}


def port_of(base_url: str) -> int | None:
    match = re.search(r":(\d+)/?$", base_url)
    return int(match.group(1)) if match else None


class PhaseMeter:
    """CPU seconds per role and reported time fields of one server over one phase."""

    def __init__(self, base_url: str, admin_key: str | None):
        self.base_url, self.admin_key = base_url, admin_key
        self.port = port_of(base_url)
        self._procs: dict | None = None
        self._stats: dict | None = None

    def start(self) -> None:
        self._procs = process_snapshot(self.port) if self.port else None
        self._stats = fetch_stats(self.base_url, self.admin_key)

    def stop(self, requests: int) -> dict[str, Any]:
        procs = process_snapshot(self.port) if self.port else None
        stats = fetch_stats(self.base_url, self.admin_key)
        cpu = cpu_by_role(self._procs, procs)
        total = None if cpu is None else sum(cpu.values())
        counted_before = detector_counts(self._stats)
        return {
            "cpu_s": cpu,
            "cpu_total_s": total,
            "cpu_ms_per_request": None
            if total is None or requests == 0
            else 1000.0 * total / requests,
            "requests": requests,
            "reported": reported_deltas(self._stats, stats),
            "detector_counts": {
                k: v - counted_before.get(k, 0) for k, v in detector_counts(stats).items()
            },
        }
