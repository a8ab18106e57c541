"""Start `sglang-safekv serve` as a user would (the console script), for end-to-end tests."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from sglang_safekv.server.launcher import LEDGER_DIR_ENV, ledger_file

# The servers these tests start keep their withdrawal ledgers here, never in the user's cache.
os.environ.setdefault(LEDGER_DIR_ENV, tempfile.mkdtemp(prefix="safekv-e2e-ledgers-"))

BIN = Path(sys.executable).parent
# Logs of the servers and clusters now running; a failing server test shows their tails.
LIVE_LOGS: list[Path] = []


def drain(stream, into: Path) -> None:
    """Copy a child's stdout into ``into`` from now on. Left unread, the pipe fills (uvicorn
    writes one access-log line per request to stdout) and the server's HTTP process blocks on
    its next write."""

    def copy() -> None:
        with open(into, "a") as out:
            for line in stream:
                out.write(line)
                out.flush()

    threading.Thread(target=copy, name=f"drain {into.name}", daemon=True).start()


def watch(stream, stdout_copy: Path, log: Path) -> None:
    """From the banner on: keep reading the child's stdout, and show ``log`` on failures."""
    drain(stream, stdout_copy)
    LIVE_LOGS.append(log)


def unwatch(log: Path) -> None:
    if log in LIVE_LOGS:
        LIVE_LOGS.remove(log)


def log_tails(n: int = 60) -> str:
    parts = []
    for path in LIVE_LOGS:
        lines = path.read_text(errors="replace").splitlines()[-n:] if path.exists() else []
        parts.append(f"--- last {len(lines)} lines of {path}\n" + "\n".join(lines))
    return "\n".join(parts)


_PORTS = random.SystemRandom()  # not the global generator, which hypothesis seeds
_HANDED_OUT: set[int] = set()
_LOWEST_PORT = 20000


def _ephemeral_start() -> int:
    """The first port the kernel hands out for outgoing connections (32768 by default)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_ports(count: int = 1) -> list[int]:
    """``count`` consecutive ports, free now, below the kernel's ephemeral range and not handed
    out before. A port from that range (what binding port 0 returns) can be taken by any
    outgoing connection between this check and the server's bind: a gateway that binds only
    once its workers are up lost its port that way in CI (stop 31)."""
    high = max(_LOWEST_PORT + 1000, _ephemeral_start() - count - 1)
    for _ in range(500):
        first = _PORTS.randint(_LOWEST_PORT, high)
        ports = list(range(first, first + count))
        if _HANDED_OUT.intersection(ports):
            continue
        try:
            with contextlib.ExitStack() as stack:
                for port in ports:
                    stack.enter_context(socket.socket()).bind(("127.0.0.1", port))
        except OSError:
            continue
        _HANDED_OUT.update(ports)
        return ports
    raise RuntimeError("no free port below the ephemeral range")


def free_port() -> int:
    return free_ports()[0]


class CliServer:
    """The real server behind the CLI; ``stop()`` sends SIGTERM like an operator would."""

    def __init__(self, args: list[str], log_path: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        # `serve` keeps a selective server's withdrawals in a file per port; an earlier run's
        # on this port must not decide this one's sharing.
        ledger_file(self.port).unlink(missing_ok=True)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen(
            [str(BIN / "sglang-safekv"), "serve", "--port", str(self.port), *args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.banner = self._wait_banner(timeout_s=240)

    def _wait_banner(self, timeout_s: float) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.startswith("sglang-safekv: serving on"):
                watch(self.proc.stdout, self.log_path.with_suffix(".stdout"), self.log_path)
                return line.strip()
            if not line and self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"server did not start; log: {self.log_path}\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def get_json(self, path: str, headers: dict[str, str] | None = None) -> dict:
        req = urllib.request.Request(self.base_url + path, headers=headers or {})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def safekv_stats(self, headers: dict[str, str] | None = None) -> dict:
        return self.get_json("/server_info", headers)["internal_states"][0]["safekv"]

    def group_pids(self) -> list[int]:
        """Every live process whose process group is the server child's."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            state, pgid = fields[0], int(fields[2])
            if state != "Z" and pgid in self._child_pgids():
                pids.append(int(entry.name))
        return pids

    def _child_pgids(self) -> set[int]:
        out = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:  # ppid
                out.add(int(entry.name))  # the child leads its own group
        self._known_pgids = getattr(self, "_known_pgids", set()) | out
        return self._known_pgids

    def stop(self, timeout_s: float = 60) -> int:
        unwatch(self.log_path)
        self._child_pgids()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout_s)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._log.close()
            ledger_file(self.port).unlink(missing_ok=True)
