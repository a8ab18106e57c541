"""Start the real server in every mode side by side, with the same model and arguments.

Ports come from 31000-31999 (the evaluation's range). The server is the one ``sglang-safekv
serve`` runs (``launcher.start``), stopped with its whole process group afterwards.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from sglang_safekv.cache.ledger import IN_MEMORY
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.server.launcher import (
    ServeOptions,
    start,
    stop_group,
    wait_ready,
)
from sglang_safekv.tooling.prepare import ensure_artifacts

PORT_RANGE = (31000, 31999)


@dataclasses.dataclass(frozen=True)
class ServerSettings:
    model_path: str | None  # None: the embedded tiny model
    profile: str  # "cpu" or "gpu"
    sglang_args: tuple[str, ...]
    tenants_file: Path | None
    public_prefixes_file: Path | None = None
    # Settings every mode's server starts from (--safekv-config); the mode and ledger are set
    # per server.
    base_config: SafeKVConfig | None = None
    # Three servers starting at once on a shared 2-core machine took over 300 s.
    ready_timeout_s: float = 900.0


_given_ports: set[int] = set()
_port_lock = threading.Lock()


def free_port(lo: int = PORT_RANGE[0], hi: int = PORT_RANGE[1]) -> int:
    """A port in [lo, hi] that nothing listens on right now, never the same one twice in this
    process (servers starting at once could otherwise both take it before either binds)."""
    with _port_lock:
        port = _free_port(lo, hi)
        _given_ports.add(port)
        return port


def _free_port(lo: int, hi: int) -> int:
    ports = [p for p in range(lo, hi + 1) if p not in _given_ports]
    random.shuffle(ports)
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {lo}-{hi}")


def serve_options(settings: ServerSettings, mode: Mode) -> ServeOptions:
    """The launcher's options for ``mode`` (a fresh free port each call)."""
    base = settings.base_config
    config = SafeKVConfig(mode=mode) if base is None else copy.deepcopy(base)
    config.mode = mode
    # Each run starts from nothing: a ledger left by an earlier run's attacks would change it.
    config.cache.withdrawal_ledger_file = IN_MEMORY
    if settings.tenants_file is not None:
        config.server.tenants_file = str(settings.tenants_file.resolve())
    if settings.public_prefixes_file is not None:
        config.server.public_prefixes_file = str(settings.public_prefixes_file.resolve())
    return ServeOptions(
        config=config,
        model_path=settings.model_path,
        host="127.0.0.1",
        port=free_port(),
        profile=settings.profile,
        sglang_args=list(settings.sglang_args),
        ready_timeout_s=settings.ready_timeout_s,
    )


class ServerGroup:
    """Servers of several modes starting at once (on a loaded machine one after another
    costs the sum of their start times); every process is stopped by :meth:`close`, also
    one still starting."""

    def __init__(self, settings: ServerSettings):
        self.settings = settings
        self._procs: list[subprocess.Popen] = []
        self._logs: list = []

    def launch(self, mode: Mode, log_path: Path) -> tuple[str, subprocess.Popen]:
        """Start ``mode``'s server without waiting; returns (base URL, process)."""
        opts = serve_options(self.settings, mode)
        ensure_artifacts(opts.config, self.settings.model_path)
        log = open(log_path, "ab")  # noqa: SIM115 - closed by close()
        self._logs.append(log)
        proc = start(opts, log_file=log)
        self._procs.append(proc)
        return f"http://{opts.host}:{opts.port}", proc

    def wait(self, base_url: str, proc: subprocess.Popen) -> bool:
        return wait_ready(base_url, proc, self.settings.ready_timeout_s)

    def stop(self, proc: subprocess.Popen) -> None:
        stop_group(proc)

    def close(self) -> None:
        for proc in self._procs:
            stop_group(proc)
        for log in self._logs:
            log.close()


def _request(base_url: str, path: str, admin_key: str | None, method: str = "GET") -> bytes:
    headers = {"Authorization": f"Bearer {admin_key}"} if admin_key else {}
    req = urllib.request.Request(base_url + path, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.read()


def flush_cache(base_url: str, admin_key: str | None, attempts: int = 20) -> None:
    """Empty the prefix cache (admin endpoint), so each phase starts cold.

    SGLang skips the flush while requests are running; retry until the cache reports empty.
    """
    for _ in range(attempts):
        _request(base_url, "/flush_cache", admin_key, method="POST")
        stats = safekv_stats(base_url, admin_key)
        if stats is None or stats.get("cached_tokens", 0) == 0:
            return
        time.sleep(0.5)
    raise RuntimeError("the server did not flush its cache")


def server_info(base_url: str, admin_key: str | None) -> dict:
    return json.loads(_request(base_url, "/server_info", admin_key))


def safekv_stats(base_url: str, admin_key: str | None) -> dict | None:
    """The safekv cache's counters from /server_info, if the server exposes them."""
    try:
        info = server_info(base_url, admin_key)
    except urllib.error.URLError:
        return None
    states = info.get("internal_states") or [{}]
    return states[0].get("safekv")
