"""``sglang-safekv serve``: start the real SGLang server with the safekv cache selected.

The server runs as a child process in its own process group (SGLang forks a scheduler and a
detokenizer under it). This process waits until ``/health`` answers, prints the address, and on
Ctrl-C or SIGTERM stops the whole group, so no SGLang process outlives it.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sglang_safekv import tenancy
from sglang_safekv.artifacts import (
    TINY_MODEL_KIND,
    ArtifactMissing,
    default_cache_dir,
    read_manifest,
)
from sglang_safekv.config import Mode, SafeKVConfig, export_to_env
from sglang_safekv.server import flags

# Flags that run SGLang 0.5.23 on a plain x86 CPU (see README, "CPU profile").
CPU_DEFAULTS: dict[str, str | None] = {
    "--device": "cpu",
    "--attention-backend": "torch_native",
    "--sampling-backend": "pytorch",
    "--cuda-graph-backend-decode": "disabled",
    "--cuda-graph-backend-prefill": "disabled",
    "--dtype": "float32",
    "--max-total-tokens": "65536",
    "--mem-fraction-static": "0.1",
}
STOP_GRACE_S = 20.0
EMBEDDED_MODEL_NAME = "safekv-tiny-llama"


@dataclasses.dataclass
class ServeOptions:
    config: SafeKVConfig
    model_path: str | None
    host: str
    port: int
    profile: str  # "cpu" or "gpu"
    sglang_args: list[str]
    ready_timeout_s: float = 300.0


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--safekv-mode",
        choices=[m.value for m in Mode],
        help="cache sharing across tenants (default: selective, or the config file's)",
    )
    parser.add_argument("--safekv-config", help="TOML file with sglang-safekv settings")
    parser.add_argument("--tenants", help="tenant key file (see README, 'Tenants')")
    parser.add_argument("--public-prefixes", help="operator-declared public prefixes file")
    parser.add_argument(
        "--model-path", help="local model directory (default: the embedded tiny model)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=30000)
    parser.add_argument(
        "--profile",
        choices=["auto", "cpu", "gpu"],
        default="auto",
        help="cpu adds the CPU engine flags; auto picks gpu when CUDA is available",
    )
    parser.add_argument("--ready-timeout", type=float, default=300.0)


def options_from_args(args: argparse.Namespace, sglang_args: list[str]) -> ServeOptions:
    config = SafeKVConfig.from_toml(args.safekv_config) if args.safekv_config else SafeKVConfig()
    if args.safekv_mode:
        config.mode = Mode(args.safekv_mode)
    if args.tenants:
        config.server.tenants_file = str(Path(args.tenants).resolve())
    if args.public_prefixes:
        config.server.public_prefixes_file = str(Path(args.public_prefixes).resolve())
    if "--radix-cache-backend" in sglang_args:
        raise SystemExit("sglang-safekv serve selects --radix-cache-backend itself")
    for flag in ("--api-key", "--admin-api-key"):
        if any(a == flag or a.startswith(flag + "=") for a in sglang_args):
            raise SystemExit(
                f"sglang-safekv serve: {flag} is not used; tenants authenticate with keys from "
                "--tenants, the admin with SAFEKV_ADMIN_KEY"
            )
    flags.check_argv(sglang_args, config.mode)
    profile = args.profile
    if profile == "auto":
        profile = "gpu" if _cuda_available() else "cpu"
    return ServeOptions(
        config=config,
        model_path=args.model_path,
        host=args.host,
        port=args.port,
        profile=profile,
        sglang_args=list(sglang_args),
        ready_timeout_s=args.ready_timeout,
    )


def _cuda_available() -> bool:
    try:
        import torch

        return bool(torch.cuda.is_available())
    except Exception:
        return False


def sglang_argv(opts: ServeOptions, model_path: str, embedded_model: bool = False) -> list[str]:
    argv = [
        "--model-path",
        model_path,
        *(["--served-model-name", EMBEDDED_MODEL_NAME] if embedded_model else []),
        "--host",
        opts.host,
        "--port",
        str(opts.port),
        "--radix-cache-backend",
        "safekv",
    ]
    if "--enable-cache-report" not in opts.sglang_args:
        # OpenAI usage carries prompt_tokens_details.cached_tokens (tenant-visible hits only).
        argv.append("--enable-cache-report")
    if "--enable-metrics" not in opts.sglang_args:
        # SGLang's series and safekv's in one scrape of /metrics (sglang_safekv/server/metrics.py).
        argv.append("--enable-metrics")
    if "--sleep-on-idle" not in opts.sglang_args:
        # The detector's threads live in the scheduler process. An idle scheduler otherwise
        # spins on its sockets and holds the GIL: measured here, tier-2 time per job went
        # 0.13 s -> 0.004 s and detector result latency 0.5 s -> 0.03 s with this flag. It is
        # in every mode so the eval compares like with like.
        argv.append("--sleep-on-idle")
    if opts.profile == "cpu":
        for flag, value in CPU_DEFAULTS.items():
            if flag in opts.sglang_args:
                continue  # the user's value wins
            argv.append(flag)
            if value is not None:
                argv.append(value)
    return argv + opts.sglang_args


LEDGER_DIR_ENV = "SAFEKV_LEDGER_DIR"


def ledger_file(port: int) -> Path:
    """Where a selective server keeps its withdrawal ledger unless configured: one file per
    port, so the workers of a cluster never share one, and a restart on the same port reads
    back what the monitor withdrew. In ``$SAFEKV_LEDGER_DIR``, else the cache directory's
    ``ledger/``."""
    directory = os.environ.get(LEDGER_DIR_ENV) or default_cache_dir() / "ledger"
    return Path(directory) / f"withdrawals-{port}.json"


def served_config(opts: ServeOptions) -> SafeKVConfig:
    """The config the server child gets: a selective server's empty ledger setting becomes
    its default file (``ledger_file``), so withdrawals survive a restart."""
    config = opts.config
    if config.mode is not Mode.SELECTIVE or config.cache.withdrawal_ledger_file:
        return config
    config = copy.deepcopy(config)
    config.cache.withdrawal_ledger_file = str(ledger_file(opts.port))
    return config


def child_env(opts: ServeOptions) -> dict[str, str]:
    env = dict(os.environ)
    export_to_env(served_config(opts), env)
    tenancy.ensure_secret()
    env[tenancy.SECRET_ENV] = os.environ[tenancy.SECRET_ENV]
    if opts.profile == "cpu":
        env["SGLANG_USE_CPU_ENGINE"] = "1"
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    return env


def wait_ready(
    base_url: str,
    proc: subprocess.Popen,
    timeout_s: float,
    stop_requested: Callable[[], bool] = lambda: False,
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None or stop_requested():
            return False
        try:
            with urllib.request.urlopen(base_url + "/health", timeout=2) as resp:
                if resp.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    return False


def stop_group(proc: subprocess.Popen, grace_s: float = STOP_GRACE_S) -> int:
    """SIGTERM the server's process group, then SIGKILL whatever is left after ``grace_s``."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace_s)
    # The leader may be gone while its scheduler children linger: sweep the group.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


def start(opts: ServeOptions, log_file=None) -> subprocess.Popen:
    """Start the server child in its own session; returns at once."""
    model_path = opts.model_path
    if model_path is None:
        try:
            model_path = read_manifest(TINY_MODEL_KIND).path
        except ArtifactMissing as exc:
            raise SystemExit(f"sglang-safekv: the embedded model is not built: {exc}") from exc
    elif not Path(model_path).is_dir():
        raise SystemExit(f"--model-path {model_path!r} is not a local directory")
    argv = [
        sys.executable,
        "-m",
        "sglang_safekv.server",
        *sglang_argv(opts, model_path, embedded_model=opts.model_path is None),
    ]
    return subprocess.Popen(
        argv,
        env=child_env(opts),
        start_new_session=True,
        stdout=log_file,
        stderr=subprocess.STDOUT if log_file is not None else None,
    )


@contextlib.contextmanager
def running_server(opts: ServeOptions, log_path: str | Path | None = None):
    """Start a server, wait until it is ready, yield its base URL, and stop it afterwards."""
    with contextlib.ExitStack() as stack:
        log = (
            stack.enter_context(open(log_path, "ab"))
            if log_path is not None
            else subprocess.DEVNULL
        )
        proc = start(opts, log_file=log)
        stack.callback(stop_group, proc)
        base_url = f"http://{opts.host}:{opts.port}"
        if not wait_ready(base_url, proc, opts.ready_timeout_s):
            raise RuntimeError(
                f"SGLang server did not become ready (exit code {proc.poll()}); "
                f"log: {log_path or 'not kept'}"
            )
        yield base_url


def serve(opts: ServeOptions) -> int:
    proc = start(opts)
    base_url = f"http://{opts.host}:{opts.port}"
    stop_signal: list[int] = []

    def _on_signal(signum, _frame):
        # Only record it: waiting on the child inside a handler would deadlock with the
        # wait it interrupted. The loops below notice and stop the group.
        stop_signal.append(signum)

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        if wait_ready(
            base_url, proc, opts.ready_timeout_s, stop_requested=lambda: bool(stop_signal)
        ):
            print(
                f"sglang-safekv: serving on {base_url} "
                f"(mode={opts.config.mode.value}, profile={opts.profile}); "
                f"OpenAI API at {base_url}/v1",
                flush=True,
            )
        elif proc.poll() is None and not stop_signal:
            print("sglang-safekv: server did not become ready in time", file=sys.stderr)
            stop_group(proc)
            return 1
        while proc.poll() is None and not stop_signal:
            time.sleep(0.2)
        if stop_signal:
            print(f"sglang-safekv: stopping (signal {stop_signal[0]})", file=sys.stderr, flush=True)
            stop_group(proc)
            return 0
        return proc.returncode
    finally:
        if proc.poll() is None:
            stop_group(proc)
