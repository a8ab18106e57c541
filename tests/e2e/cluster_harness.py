"""Start `sglang-safekv cluster` as an operator would, and read each worker's counters."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx
import openai

from sglang_safekv.server.launcher import ledger_file
from sglang_safekv.server.tenants import digest
from tests.e2e.cli_server import BIN, free_port, free_ports, unwatch, watch

ADMIN_KEY = "sk-test-cluster-admin-5d1e"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
KEYS = {
    "alice": "sk-test-cluster-alice-81c2",
    "bob": "sk-test-cluster-bob-3f07",
    "carol": "sk-test-cluster-carol-aa19",
    # Attacker accounts, one per probe: an account may legitimately reuse its own prompts.
    **{f"probe{i}": f"sk-test-cluster-probe{i}-{i * 7919:08x}" for i in range(40)},
}
# Long enough that the routing prefix (PREFIX_TOKENS tokens, four characters each when the
# gateway does not tokenize) lies inside it: every request with it goes to the same worker.
SYSTEM = (
    "You are a careful writing assistant. Improve the grammar and clarity of the text the "
    "user sends, keep the meaning, and answer with the improved text only. "
) * 3
PREFIX_TOKENS = 48
_REQUESTS = re.compile(r"^sglang:num_requests_total\{[^}]*\}\s+([0-9.eE+]+)$", re.M)


def run_dir(mode: str) -> Path:
    """Logs kept after the test (pytest's own temporary directories rotate away)."""
    return Path(tempfile.mkdtemp(prefix=f"safekv-e2e-cluster-{mode}-"))


def tenant_file(path: Path) -> Path:
    body = f'[admin]\nkey_sha256 = "{digest(ADMIN_KEY)}"\n' + "".join(
        f'[[tenants]]\nname = "{n}"\nkey_sha256 = "{digest(k)}"\n' for n, k in KEYS.items()
    )
    path.write_text(body)
    return path


class CliCluster:
    """The real cluster behind the CLI; ``stop()`` sends SIGTERM like an operator would."""

    def __init__(self, mode: str, run_dir: Path, extra: list[str] | None = None):
        self.gateway_port = free_port()
        self.metrics_port = free_port()
        # The cluster numbers workers from a base port; find two free consecutive ports.
        base = self._free_pair()
        self.worker_ports = [base, base + 1]
        self._forget_ledgers()
        self.url = f"http://127.0.0.1:{self.gateway_port}"
        self.worker_urls = [f"http://127.0.0.1:{p}" for p in self.worker_ports]
        self.run_dir = run_dir
        self._log = open(run_dir / "cluster.log", "w")  # noqa: SIM115 - lives with the cluster
        argv = [
            str(BIN / "sglang-safekv"),
            "cluster",
            "--workers",
            "2",
            "--port",
            str(self.gateway_port),
            "--worker-base-port",
            str(base),
            "--gateway-metrics-port",
            str(self.metrics_port),
            "--prefix-tokens",
            str(PREFIX_TOKENS),
            "--run-dir",
            str(run_dir),
            "--safekv-mode",
            mode,
            # Worker starts take minutes when the 2 cores are shared with other work.
            "--ready-timeout",
            "900",
            "--tenants",
            str(tenant_file(run_dir / "tenants.toml")),
            *(extra or []),
        ]
        self.proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            env={**os.environ, "SAFEKV_ADMIN_KEY": ADMIN_KEY},
        )
        self.banner = self._wait_banner(timeout_s=960)

    @staticmethod
    def _free_pair() -> int:
        return free_ports(2)[0]

    def _wait_banner(self, timeout_s: float) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.startswith("sglang-safekv: cluster serving on"):
                watch(
                    self.proc.stdout, self.run_dir / "cluster.stdout", self.run_dir / "cluster.log"
                )
                return line.strip()
            if not line and self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(
            f"cluster did not start (exit {self.proc.poll()}); logs in {self.run_dir}"
        )

    def client(self, tenant: str, **headers: str) -> openai.OpenAI:
        return openai.OpenAI(
            base_url=self.url + "/v1",
            api_key=KEYS[tenant],
            max_retries=0,
            timeout=300,
            default_headers=headers or None,
        )

    def worker_requests(self) -> list[int]:
        """Generation requests each worker has served (SGLang's own counter)."""
        counts = []
        for url in self.worker_urls:
            text = httpx.get(url + "/metrics", headers=ADMIN, timeout=10).text
            counts.append(int(sum(float(v) for v in _REQUESTS.findall(text))))
        return counts

    def settle(self, timeout_s: float = 60) -> None:
        """Wait until every worker's detector has answered and its cache applied the answers."""
        deadline = time.monotonic() + timeout_s
        for url in self.worker_urls:
            while True:
                snap = httpx.get(url + "/safekv/stats", headers=ADMIN, timeout=10).json()
                snap = snap["schedulers"][0]
                gauges = snap.get("detector", {}).get("gauges", {})
                busy = (
                    gauges.get("queue_depth", 0)
                    + gauges.get("inflight", 0)
                    + snap.get("pending_results", 0)
                )
                if busy == 0:
                    break
                assert time.monotonic() < deadline, f"detector still busy: {snap}"
                time.sleep(0.1)

    def worker_pid(self, index: int) -> int:
        """The worker's process-group leader (``python -m sglang_safekv.server``)."""
        port = str(self.worker_ports[index]).encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            pid = int(entry.name)
            if (
                b"sglang_safekv.server" in args
                and b"--port" in args
                and args[args.index(b"--port") + 1] == port
                and os.getpgid(pid) == pid
            ):
                return pid
        raise LookupError(f"no worker process on port {port.decode()}")

    def health(self, index: int) -> int:
        try:
            with urllib.request.urlopen(self.worker_urls[index] + "/health", timeout=2) as r:
                return r.status
        except OSError:
            return 0

    def _forget_ledgers(self) -> None:
        """Each worker keeps its withdrawals in a file per port (``serve``'s default); an
        earlier run's on these ports must not decide this one's sharing."""
        for port in self.worker_ports:
            ledger_file(port).unlink(missing_ok=True)

    def stop(self, timeout_s: float = 90) -> int:
        unwatch(self.run_dir / "cluster.log")
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout_s)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._forget_ledgers()
            self._log.close()


def chat(c: openai.OpenAI, text: str, system: str = SYSTEM, **kw):
    return c.chat.completions.create(
        model="default",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": text}],
        max_tokens=kw.pop("max_tokens", 2),
        temperature=0,
        **kw,
    )


def cached(resp) -> int:
    return resp.usage.prompt_tokens_details.cached_tokens


def secret_message(i: int, ssn: str | None = None) -> tuple[str, str]:
    rng = random.Random(i)
    ssn = ssn or f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    text = (
        f"Please fix this note: my social security number is {ssn} and the doctor said "
        "my diagnosis is type 2 diabetes, so send the refill to me. "
        "Thank you very much for your help with this message."
    )
    return text, ssn


def spread_probe(cluster: CliCluster, victim: str, seed: int, candidates: int = 8) -> dict:
    """A candidate-set attack on a victim's secret, spread over workers and accounts.

    The victim sends a note with a secret; each candidate note (the true one among decoys)
    comes from a fresh account with its own routing-key header and ``user``, so that a gateway
    honouring either would scatter the probes. Returns which candidate the usage counter
    singles out (None when it singles out none), and which worker served each probe.
    """
    rng = random.Random(seed)
    truth, ssn = secret_message(seed)
    decoys = set()
    while len(decoys) < candidates - 1:
        d = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
        if d != ssn:
            decoys.add(d)
    chat(cluster.client(victim), truth)
    cluster.settle()
    guesses = [ssn, *sorted(decoys)]
    rng.shuffle(guesses)
    counts, workers = [], []
    for i, guess in enumerate(guesses):
        account = f"probe{(seed * candidates + i) % 40}"
        c = cluster.client(account, **{"x-smg-routing-key": f"spread-{seed}-{i}"})
        before = cluster.worker_requests()
        counts.append(cached(chat(c, secret_message(seed, guess)[0], user=f"u{i}")))
        after = cluster.worker_requests()
        deltas = [a - b for a, b in zip(after, before)]
        workers.append(deltas.index(max(deltas)))
    best = max(counts)
    singled = [g for g, n in zip(guesses, counts) if n == best]
    return {
        "truth": ssn,
        "recovered": singled[0] if len(singled) == 1 else None,
        "cached": counts,
        "workers": workers,
    }
