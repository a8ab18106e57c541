"""``sglang-safekv cluster``: N sglang-safekv workers behind SGLang's gateway (``smg``).

How the guarantees of one server carry over to many (README, "Cluster"):
- Identity: the gateway passes the client's ``Authorization`` header through unchanged and
  trusts no tenant header; every worker checks the key against the same tenant file and
  stamps the tenant with the same signing secret. A forged header selects nothing anywhere,
  and a client that reaches a worker directly is still only itself.
- Routing: ``prefix_hash`` with load spill-over switched off, so the worker is a pure
  function of the request's own leading text (and of which workers are up). It never
  consults other tenants' cached text, so the choice reveals nothing about it, and every probe
  that can reach a lineage's cached content lands on the one worker whose monitor watches it.
- Lifecycle: one supervisor starts the workers and the gateway, restarts a worker that exits
  (the gateway routes around it meanwhile) and stops everything on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import json
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from sglang_safekv import tenancy
from sglang_safekv.artifacts import TINY_MODEL_KIND, read_manifest
from sglang_safekv.config import ClusterConfig
from sglang_safekv.server import launcher
from sglang_safekv.server.launcher import ServeOptions

logger = logging.getLogger(__name__)

# Policies whose choice is a pure function of the request itself.
DETERMINISTIC_POLICIES = frozenset({"prefix_hash"})
# Spill-over to a less loaded worker would make the choice depend on other tenants' traffic
# and split a lineage over workers; these values switch it off (smg wants finite numbers).
NO_LOAD_SPILL = ["--prefix-hash-load-factor", "1000000", "--prefix-hash-balance-abs-threshold",
                 "1000000000"]  # fmt: skip
GATEWAY_VERSION = "1.13.0"
# The model name OpenAI clients often send; a single worker accepts it too.
DEFAULT_MODEL_ALIAS = "default"


class ClusterError(RuntimeError):
    """The cluster could not be started as configured."""


@dataclasses.dataclass
class ClusterOptions:
    worker: ServeOptions  # template for every worker; its port is replaced per worker
    cluster: ClusterConfig
    gateway_host: str = "127.0.0.1"
    gateway_args: list[str] = dataclasses.field(default_factory=list)
    run_dir: Path | None = None  # logs and the Prometheus file; a temporary directory if unset

    @property
    def worker_ports(self) -> list[int]:
        return [self.cluster.worker_base_port + i for i in range(self.cluster.workers)]

    @property
    def worker_urls(self) -> list[str]:
        return [f"http://{self.worker.host}:{p}" for p in self.worker_ports]

    @property
    def gateway_url(self) -> str:
        return f"http://{self.gateway_host}:{self.cluster.gateway_port}"


def check(opts: ClusterOptions) -> None:
    c = opts.cluster
    if c.workers < 1:
        raise ClusterError("--workers must be at least 1")
    if c.policy not in DETERMINISTIC_POLICIES and not c.allow_unsafe_policy:
        raise ClusterError(
            f"routing policy {c.policy!r} depends on other tenants' cached text or load and "
            "would reveal it (README, 'Cluster'); use prefix_hash, or set "
            "[cluster] allow_unsafe_policy = true for a measurement"
        )
    if c.prefix_tokens < 1:
        raise ClusterError("prefix_tokens must be at least 1")
    for arg in opts.gateway_args:
        flag = arg.split("=", 1)[0]
        if flag in ("--trust-tenant-header", "--tenant-header-name"):
            raise ClusterError(
                f"{flag}: workers authenticate tenants by API key; a tenant header is never trusted"
            )
        if flag in ("--routing-key-headers", "--routing-key-override", "--sticky-sessions"):
            raise ClusterError(
                f"{flag}: a client-chosen routing key would split a lineage over workers"
            )
        if flag in ("--policy", "--worker-urls", "--port", "--host"):
            raise ClusterError(f"{flag} is set by sglang-safekv cluster itself")


def gateway_binary() -> str:
    found = shutil.which("smg") or str(Path(sys.executable).parent / "smg")
    if not Path(found).exists():
        raise ClusterError(
            f"the gateway (smg) is not installed: pip install 'sglang-safekv[cluster]' "
            f"(smg=={GATEWAY_VERSION})"
        )
    return found


def gateway_argv(opts: ClusterOptions, control_key: str, model_id: str | None) -> list[str]:
    """The gateway's command line. Its control plane (registering or removing workers by URL,
    flushing caches) is locked with ``control_key``: left open, any client could register a
    backend of its own and receive other tenants' requests, API keys included."""
    c = opts.cluster
    argv = [
        gateway_binary(),
        "launch",
        "--host",
        opts.gateway_host,
        "--port",
        str(c.gateway_port),
        "--worker-urls",
        *opts.worker_urls,
        "--policy",
        c.policy,
        "--prometheus-host",
        opts.gateway_host,
        "--prometheus-port",
        str(c.gateway_metrics_port),
        "--health-check-interval-secs",
        str(c.health_check_interval_s),
        "--health-failure-threshold",
        "1",
        "--worker-startup-check-interval",
        "1",
        "--control-plane-api-keys",
        f"operator:safekv-operator:admin:{control_key}",
    ]
    if model_id:
        argv += ["--model-alias", f"{DEFAULT_MODEL_ALIAS}={model_id}"]
    if c.policy == "prefix_hash":
        argv += ["--prefix-token-count", str(c.prefix_tokens), *NO_LOAD_SPILL]
    # No header chooses the worker (smg honours x-smg-routing-key unless this list is given,
    # and an empty list turns header routing off): the text alone decides.
    argv.append("--routing-key-headers")
    return argv + list(opts.gateway_args)


def worker_options(opts: ClusterOptions, index: int) -> ServeOptions:
    config = copy.deepcopy(opts.worker.config)
    config.server.open_discovery = True  # the gateway registers workers through it
    args = list(opts.worker.sglang_args)
    if "--enable-metrics" not in args:
        args.append("--enable-metrics")  # SGLang's /metrics (admin key), for Prometheus
    return dataclasses.replace(
        opts.worker, config=config, port=opts.worker_ports[index], sglang_args=args
    )


def prometheus_config(opts: ClusterOptions) -> str:
    """A scrape config for the gateway and every worker (a worker's ``/metrics`` needs the admin
    key, as on one server, and carries SGLang's and sglang-safekv's series)."""
    workers = ", ".join(f"'{opts.worker.host}:{p}'" for p in opts.worker_ports)
    gateway = f"'{opts.gateway_host}:{opts.cluster.gateway_metrics_port}'"
    key_env = opts.worker.config.server.admin_key_env
    return (
        "scrape_configs:\n"
        "  - job_name: safekv-gateway\n"
        f"    static_configs: [{{targets: [{gateway}]}}]\n"
        "  - job_name: safekv-workers\n"
        "    metrics_path: /metrics  # SGLang's series and sglang-safekv's, one scrape\n"
        f"    authorization: {{credentials_file: admin.key}}  # the key in ${key_env}\n"
        f"    static_configs: [{{targets: [{workers}]}}]\n"
    )


def _get(url: str, key: str | None = None, timeout_s: float = 2.0) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=timeout_s
        ) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


class Cluster:
    """Starts, supervises and stops the workers and the gateway."""

    def __init__(self, opts: ClusterOptions):
        check(opts)
        self.opts = opts
        # Logs outlive the cluster: they are what an operator reads after a failure.
        self.run_dir = Path(opts.run_dir or tempfile.mkdtemp(prefix="safekv-cluster-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.workers: list[subprocess.Popen | None] = [None] * opts.cluster.workers
        self.gateway: subprocess.Popen | None = None
        self.restarts = [0] * opts.cluster.workers
        self._logs: list = []
        self._control_key: str | None = None

    def worker_log(self, index: int) -> Path:
        return self.run_dir / f"worker{index}.log"

    @property
    def gateway_log(self) -> Path:
        return self.run_dir / "gateway.log"

    def _open_log(self, path: Path):
        f = open(path, "ab")  # noqa: SIM115 - closed in stop()
        self._logs.append(f)
        return f

    def start_worker(self, index: int) -> subprocess.Popen:
        proc = launcher.start(
            worker_options(self.opts, index), log_file=self._open_log(self.worker_log(index))
        )
        self.workers[index] = proc
        return proc

    def start(self) -> None:
        """Start the workers; returns at once (``wait_ready`` waits, then starts the gateway)."""
        # One signing secret for every worker; the model is built once, before the workers
        # would race to build it.
        tenancy.ensure_secret()
        if self.opts.worker.model_path is None:
            self.opts.worker.model_path = read_manifest(TINY_MODEL_KIND).path
        (self.run_dir / "prometheus.yml").write_text(prometheus_config(self.opts))
        for i in range(self.opts.cluster.workers):
            self.start_worker(i)

    def control_key(self) -> str:
        """The gateway's control-plane key: the admin key if the environment has it, else a
        fresh one kept in the run directory (owner-only)."""
        if self._control_key:
            return self._control_key
        key = os.environ.get(self.opts.worker.config.server.admin_key_env)
        if not key:
            path = self.run_dir / "gateway-control.key"
            key = secrets.token_urlsafe(32)
            path.touch(mode=0o600)
            path.write_text(key)
        self._control_key = key
        return key

    def served_model(self) -> str | None:
        status, body = _get(self.opts.worker_urls[0] + "/v1/models")
        with contextlib.suppress(ValueError, KeyError, IndexError, TypeError):
            if status == 200:
                return str(json.loads(body)["data"][0]["id"])
        return None

    def start_gateway(self) -> None:
        """Started once the workers answer: smg retries registration only every few seconds."""
        self.gateway = subprocess.Popen(
            gateway_argv(self.opts, self.control_key(), self.served_model()),
            stdout=self._open_log(self.gateway_log),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def replace_gateway(self, opts: ClusterOptions, timeout_s: float = 60) -> None:
        """Restart only the gateway with other routing options (an empty routing index);
        the workers and their caches stay. For measurements that compare policies."""
        if self.gateway is not None:
            launcher.stop_group(self.gateway)
        self.opts = opts
        self.start_gateway()
        deadline = time.monotonic() + timeout_s
        while self.gateway_healthy_workers() < len(opts.worker_urls):
            gateway = self.gateway
            if time.monotonic() > deadline or gateway is None or gateway.poll() is not None:
                raise ClusterError(f"gateway did not come back; log {self.gateway_log}")
            time.sleep(0.3)

    def worker_healthy(self, index: int) -> bool:
        return _get(self.opts.worker_urls[index] + "/health")[0] == 200

    def gateway_healthy_workers(self) -> int:
        """Workers the gateway currently counts as healthy (its ``/workers`` listing)."""
        status, body = _get(self.opts.gateway_url + "/workers", self.control_key())
        if status != 200:
            return 0
        try:
            listing = json.loads(body)
        except ValueError:
            return 0
        workers = listing.get("workers", []) if isinstance(listing, dict) else listing
        return sum(1 for w in workers if isinstance(w, dict) and w.get("is_healthy", True))

    def wait_ready(
        self, timeout_s: float | None = None, stop_requested: Callable[[], bool] = lambda: False
    ) -> bool:
        deadline = time.monotonic() + (timeout_s or self.opts.worker.ready_timeout_s)
        n = self.opts.cluster.workers
        while time.monotonic() < deadline:
            if stop_requested() or self.dead_process() is not None:
                return False
            if self.gateway is None:
                if all(self.worker_healthy(i) for i in range(n)):
                    self.start_gateway()
            elif self.gateway_healthy_workers() >= n:
                return True
            time.sleep(0.5)
        return False

    def dead_process(self) -> str | None:
        if self.gateway is not None and self.gateway.poll() is not None:
            return f"gateway exited with {self.gateway.returncode}"
        for i, proc in enumerate(self.workers):
            if proc is not None and proc.poll() is not None:
                return f"worker {i} exited with {proc.returncode}"
        return None

    def supervise_once(self) -> None:
        """Restart workers that exited (the gateway routes around them until they are back)."""
        for i, proc in enumerate(self.workers):
            if proc is not None and proc.poll() is not None and self.opts.cluster.restart_workers:
                logger.warning(
                    "safekv cluster: worker %d exited with %s; restarting it", i, proc.returncode
                )
                launcher.stop_group(proc, grace_s=1.0)
                self.restarts[i] += 1
                self.start_worker(i)

    def stop(self) -> None:
        procs = [p for p in [self.gateway, *self.workers] if p is not None]
        for proc in procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            launcher.stop_group(proc)
        for f in self._logs:
            f.close()
        self._logs.clear()


@contextlib.contextmanager
def running_cluster(opts: ClusterOptions, timeout_s: float | None = None) -> Iterator[Cluster]:
    """Start a cluster, wait until the gateway routes to every worker, stop it afterwards."""
    cluster = Cluster(opts)
    try:
        cluster.start()
        if not cluster.wait_ready(timeout_s):
            raise ClusterError(
                f"cluster did not become ready ({cluster.dead_process() or 'timeout'}); "
                f"logs in {cluster.run_dir}"
            )
        yield cluster
    finally:
        cluster.stop()


def run(opts: ClusterOptions) -> int:
    """The ``sglang-safekv cluster`` command: serve until Ctrl-C or SIGTERM."""
    stop_signal: list[int] = []

    def _on_signal(signum, _frame):
        stop_signal.append(signum)  # the loop below stops everything

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        cluster = Cluster(opts)
    except ClusterError as e:
        print(f"sglang-safekv cluster: {e}", file=sys.stderr)
        return 2
    try:
        cluster.start()
        if not cluster.wait_ready(stop_requested=lambda: bool(stop_signal)):
            if stop_signal:
                return 0
            print(
                f"sglang-safekv cluster: not ready ({cluster.dead_process() or 'timeout'}); "
                f"logs in {cluster.run_dir}",
                file=sys.stderr,
            )
            return 1
        print(
            f"sglang-safekv: cluster serving on {opts.gateway_url} "
            f"({opts.cluster.workers} workers, mode={opts.worker.config.mode.value}, "
            f"policy={opts.cluster.policy}); OpenAI API at {opts.gateway_url}/v1; "
            f"gateway metrics on :{opts.cluster.gateway_metrics_port}; logs in {cluster.run_dir}",
            flush=True,
        )
        while not stop_signal:
            if cluster.gateway is not None and cluster.gateway.poll() is not None:
                print("sglang-safekv cluster: the gateway exited", file=sys.stderr)
                return 1
            cluster.supervise_once()
            time.sleep(0.5)
        print(f"sglang-safekv cluster: stopping (signal {stop_signal[0]})", file=sys.stderr)
        return 0
    finally:
        cluster.stop()


def add_cluster_arguments(parser: argparse.ArgumentParser) -> None:
    """Cluster flags on top of ``serve``'s (``--port`` is the gateway's); unset flags keep the
    ``[cluster]`` values of ``--safekv-config``."""
    parser.add_argument("--workers", type=int, help="number of workers (default 2)")
    parser.add_argument("--worker-base-port", type=int, help="worker i listens on this + i")
    parser.add_argument("--gateway-metrics-port", type=int, help="the gateway's Prometheus port")
    parser.add_argument("--policy", help="gateway routing policy (default prefix_hash)")
    parser.add_argument("--prefix-tokens", type=int, help="leading tokens that pick the worker")
    parser.add_argument(
        "--no-restart", action="store_true", help="do not restart a worker that exits"
    )
    parser.add_argument("--run-dir", help="logs and prometheus.yml (default: a new temp dir)")
    parser.add_argument(
        "--gateway-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for `smg launch` (repeat; e.g. --gateway-arg=--log-level=debug)",
    )


def options_from_args(args: argparse.Namespace, worker_args: list[str]) -> ClusterOptions:
    worker = launcher.options_from_args(args, worker_args)
    c = worker.config.cluster
    c.gateway_port = args.port
    for name in ("workers", "worker_base_port", "gateway_metrics_port", "policy", "prefix_tokens"):
        value = getattr(args, name)
        if value is not None:
            setattr(c, name, value)
    if args.no_restart:
        c.restart_workers = False
    return ClusterOptions(
        worker=worker,
        cluster=c,
        gateway_host=args.host,
        gateway_args=list(args.gateway_arg),
        run_dir=Path(args.run_dir) if args.run_dir else None,
    )
