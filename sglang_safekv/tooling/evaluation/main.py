"""``sglang-safekv eval``: run the evaluation and write results/<run>/.

Every mode's server (same model and arguments) is started and warmed up, side by side; the
workload is replayed interleaved across them (blocks of sessions, each on every mode in turn,
repeated, the cache flushed before each repetition and ratio), with each server's CPU time
metered; then the attacks run against one mode after another (cache flushed before each). Writes ``results.json`` (after every mode, so a crash keeps what was measured),
``requests.jsonl`` (every request), ``report.md`` and PNG plots.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import platform
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sglang_safekv import tenancy
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.evaluation import plots, report
from sglang_safekv.tooling.evaluation.attacks import (
    collusion,
    ks_audit,
    lpm_order,
    ttft_reconstruction,
)
from sglang_safekv.tooling.evaluation.client import ApiClient
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.interleave import (
    InterleavedResult,
    Schedule,
    run_interleaved,
)
from sglang_safekv.tooling.evaluation.overhead import PhaseMeter, fetch_stats
from sglang_safekv.tooling.evaluation.profiles import ATTACKS, PROFILES, Profile
from sglang_safekv.tooling.evaluation.server import ServerGroup, ServerSettings, flush_cache
from sglang_safekv.tooling.evaluation.system_prompt_workload import make_workload
from sglang_safekv.tooling.evaluation.tenant_keys import TenantDirectory
from sglang_safekv.tooling.evaluation.victims import audit_prompts, victims
from sglang_safekv.tooling.tiny_model import display_path

logger = logging.getLogger(__name__)

WARMUP_REQUESTS = 3


@dataclasses.dataclass
class RunContext:
    profile: Profile
    out_dir: Path
    codec: Codec | None  # the attacks' tokenizer; None when no attack runs
    keys: TenantDirectory | None  # None: anonymous requests (attached server without keys)
    admin_key: str | None
    progress: bool
    skip_perf: bool
    skip_attacks: bool
    # Send the attacks' token-id prompts as text (through a gateway that takes only text).
    text_prompts: bool = False


def all_tenants(profile: Profile) -> list[str]:
    names = {f"tenant{t:03d}" for t in range(profile.workload.tenants)}
    names |= {v.tenant for v in victims(profile.ttft_attack)}
    names |= {v.tenant for v in victims(profile.lpm_attack)}
    names |= {v.tenant for v in victims(profile.collusion_attack)}
    names |= {v.tenant for v in collusion.cleared_victims(profile.collusion)}
    names |= set(profile.collusion.account_names())
    names |= {
        f"{profile.audit.victim_tenant_prefix}{i:03d}"
        for i in range(profile.audit_attack.audit_pairs)
    }
    names |= {
        profile.reconstruction.attacker,
        profile.lpm.attacker,
        profile.lpm.blocker_account,
        profile.audit.auditor,
        "warmup",
    }
    return sorted(names)


async def _warm_up(client: ApiClient, ctx: RunContext) -> None:
    """A few requests so the first measured ones do not pay one-time start-up costs."""
    workload = make_workload(ctx.profile.workload, 0.0)
    session = workload.sessions[0]
    content, _ = workload.user_content(session, 0)
    for i in range(WARMUP_REQUESTS):
        messages = [
            {"role": "system", "content": f"Warm-up {i}."},
            {"role": "user", "content": content},
        ]
        m = await client.chat("warmup", messages, ctx.profile.max_tokens)
        if not m.ok:
            raise RuntimeError(f"warm-up request failed: {m.error}")


def _client(base_url: str, ctx: RunContext) -> ApiClient:
    return ApiClient(
        base_url,
        key_for=ctx.keys.key_for if ctx.keys is not None else None,
        ids_as_text=ctx.codec.decode if ctx.text_prompts and ctx.codec is not None else None,
    )


async def warm_up(base_url: str, ctx: RunContext) -> None:
    client = _client(base_url, ctx)
    try:
        await _warm_up(client, ctx)
    finally:
        await client.aclose()


async def run_perf(
    urls: dict[str, str], ctx: RunContext, save: Any = None
) -> tuple[dict, list[dict]]:
    """The interleaved replay on every mode's server; returns (per-mode results, records).
    ``save(out, records)`` is called with the results so far after every block."""
    profile = ctx.profile
    clients = {mode: _client(url, ctx) for mode, url in urls.items()}
    meters = {mode: PhaseMeter(url, ctx.admin_key) for mode, url in urls.items()}

    def collect(result: InterleavedResult) -> tuple[dict, list[dict]]:
        out: dict[str, Any] = {"modes": {}, "blocks": result.blocks}
        for mode in urls:
            perf = {}
            for ratio in profile.ratios:
                summary = result.summary(mode, ratio)
                if summary is not None:
                    summary["pii_fraction"] = make_workload(profile.workload, ratio).pii_fraction()
                    perf[report.ratio_key(ratio)] = summary
            n = sum(1 for r in result.records if r.mode == mode)
            out["modes"][mode] = {"perf": perf, "overhead": meters[mode].stop(n)}
        return out, [dataclasses.asdict(r) for r in result.records]

    try:
        for meter in meters.values():
            meter.start()
        result = await run_interleaved(
            clients,
            lambda mode: flush_cache(urls[mode], ctx.admin_key),
            lambda ratio: make_workload(profile.workload, ratio),
            profile.ratios,
            Schedule(profile.reps, profile.block_sessions, profile.concurrency, profile.max_tokens),
            progress=ctx.progress,
            after_block=None if save is None else lambda r: save(*collect(r)),
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients.values()))
    return collect(result)


async def run_attacks(
    mode: str, base_url: str, ctx: RunContext, flush: Callable[[], None] | None = None
) -> dict:
    """Every attack of the profile against one live server (cache flushed before each).

    ``flush`` empties every cache behind ``base_url``; by default the server's own flush
    (a gateway in front of several workers passes one that flushes each worker)."""
    profile = ctx.profile
    client = _client(base_url, ctx)
    if flush is None:

        def flush() -> None:
            flush_cache(base_url, ctx.admin_key)

    out: dict[str, Any] = {}
    try:
        attacks = () if ctx.skip_attacks else profile.attacks
        if "ttft_reconstruction" in attacks:
            flush()
            recon = await ttft_reconstruction.run(
                client,
                ctx.codec,
                victims(profile.ttft_attack),
                profile.reconstruction,
                progress=ctx.progress,
            )
            out["ttft_reconstruction"] = recon.summary()
        if "lpm_order" in attacks:
            flush()
            lpm = await lpm_order.run(
                client, ctx.codec, victims(profile.lpm_attack), profile.lpm, progress=ctx.progress
            )
            out["lpm_order"] = lpm.summary()
        if "ks_audit" in attacks:
            flush()
            audit = await ks_audit.run(
                client,
                ctx.codec,
                audit_prompts(profile.audit_attack),
                profile.audit,
                progress=ctx.progress,
            )
            out["ks_audit"] = audit.summary()
        if "collusion" in attacks:
            flush()
            walks = await collusion.run(
                client,
                ctx.codec,
                victims(profile.collusion_attack),
                profile.collusion,
                read_stats=lambda: fetch_stats(base_url, ctx.admin_key),
            )
            out["collusion"] = walks.summary()
    finally:
        await client.aclose()
    return out


def _log_tail(path: Path, n: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


START_ATTEMPTS = 3


def _start_all(
    group: ServerGroup, modes: list[str], server_dir: Path, entries: dict[str, dict]
) -> dict[str, str]:
    """Start every mode's server at once and wait for each; a server that dies while
    starting is started again (on a shared machine SGLang's start-up memory profile fails
    when other processes allocate memory while the model loads), up to ``START_ATTEMPTS``
    times. A mode that does not start is recorded as failed in its entry."""
    tenancy.ensure_secret()  # before the first child: every server gets the same secret
    t0 = time.monotonic()
    pending = {mode: group.launch(Mode(mode), server_dir / f"{mode}.log") for mode in modes}
    attempts = dict.fromkeys(modes, 1)
    urls: dict[str, str] = {}
    while pending:
        for mode, (url, proc) in list(pending.items()):
            log_path = server_dir / f"{mode}.log"
            if group.wait(url, proc):
                urls[mode] = url
                entries[mode]["server_start_s"] = time.monotonic() - t0
                entries[mode]["start_attempts"] = attempts[mode]
                del pending[mode]
                continue
            group.stop(proc)
            error = RuntimeError(f"server did not become ready (exit code {proc.poll()})")
            if attempts[mode] < START_ATTEMPTS:
                logger.warning("mode %s: start %d failed, retrying", mode, attempts[mode])
                attempts[mode] += 1
                pending[mode] = group.launch(Mode(mode), log_path)
            else:
                _fail(entries[mode], mode, error, log_path)
                del pending[mode]
    return urls


def _fail(entry: dict, mode: str, error: Exception, log_path: Path) -> None:
    entry["status"] = "failed"
    entry["error"] = f"{type(error).__name__}: {error}"
    entry["log_tail"] = _log_tail(log_path)
    logger.error("mode %s: %s", mode, entry["error"])


def _write(out_dir: Path, results: dict, records: list[dict], final: bool = True) -> None:
    """results.json and requests.jsonl; with ``final`` also the plots and report.md."""
    results["comparison"] = report.comparisons(results)
    results["targets"] = report.targets(results)
    (out_dir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    with open(out_dir / "requests.jsonl", "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    if not final:
        return
    results["plots"] = plots.all_plots(results, records, out_dir)
    (out_dir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    (out_dir / "report.md").write_text(report.markdown(results))


def _device(profile: str) -> str:
    if profile == "gpu":
        try:
            import torch

            if torch.cuda.is_available():
                return torch.cuda.get_device_name(0)
        except Exception:  # noqa: BLE001 - informational only
            pass
    return f"CPU ({platform.processor() or platform.machine()})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sglang-safekv eval",
        description="Global vs isolated vs selective: speed, hit rate and leakage under attack.",
    )
    parser.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    parser.add_argument(
        "--modes", default="global,isolated,selective", help="comma-separated, in run order"
    )
    parser.add_argument("--ratios", help="comma-separated PII ratios (default: the profile's)")
    parser.add_argument(
        "--reps", type=int, help="repetitions of the interleaved replay (default: the profile's)"
    )
    parser.add_argument("--out", default="results", help="parent folder of the run folder")
    parser.add_argument("--run", help="run name (default: <profile>-<timestamp>)")
    parser.add_argument("--model-path", help="local model directory (default: the embedded model)")
    parser.add_argument(
        "--server-profile", choices=["cpu", "gpu"], help="launcher profile (default: the profile's)"
    )
    parser.add_argument(
        "--declare-public",
        action="store_true",
        help="declare the workload's app system prompts public (operator file) in every mode",
    )
    parser.add_argument(
        "--attach",
        metavar="URL",
        help="use a running server instead of starting one (exactly one mode; anonymous "
        "tenants; admin key from SAFEKV_ADMIN_KEY)",
    )
    parser.add_argument("--skip-perf", action="store_true")
    parser.add_argument("--skip-attacks", action="store_true")
    parser.add_argument(
        "--attacks", help=f"comma-separated subset of {','.join(ATTACKS)} (default: the profile's)"
    )
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument(
        "--safekv-config",
        metavar="TOML",
        help="sglang-safekv settings for every mode's server (its mode is ignored: --modes sets "
        "it; withdrawals stay in memory), e.g. to compare a cache setting across two runs",
    )
    parser.add_argument(
        "--sglang-arg",
        action="append",
        default=[],
        help="extra SGLang argument for every mode (repeat; e.g. --sglang-arg=--max-total-tokens=131072)",
    )
    return parser


def _public_prefixes_file(profile: Profile, path: Path) -> Path:
    workload = make_workload(profile.workload, 0.0)
    lines = []
    for i, app in enumerate(workload.apps):
        lines += [
            "[[prefixes]]",
            f'name = "app{i}"',
            # A JSON string is a valid TOML basic string.
            f'messages = [{{ role = "system", content = {json.dumps(app.system_prompt)} }}]',
            "",
        ]
    path.write_text("\n".join(lines))
    return path


def _exit_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so the running server's process group is stopped too
    (Python's default SIGTERM exits at once and would leave it orphaned)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def _raise(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _raise)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _exit_on_sigterm()
    profile = PROFILES[args.profile]
    if args.ratios:
        profile = profile.with_ratios(tuple(float(r) for r in args.ratios.split(",")))
    if args.reps is not None:
        if args.reps < 1:
            raise SystemExit("--reps must be at least 1")
        profile = dataclasses.replace(profile, reps=args.reps)
    if args.attacks:
        chosen = tuple(a.strip() for a in args.attacks.split(",") if a.strip())
        unknown = set(chosen) - set(ATTACKS)
        if unknown:
            raise SystemExit(f"--attacks: unknown {', '.join(sorted(unknown))}")
        profile = dataclasses.replace(profile, attacks=chosen)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown_modes = [m for m in modes if m not in {x.value for x in Mode}]
    if unknown_modes:
        raise SystemExit(f"--modes: unknown {', '.join(unknown_modes)}")
    if profile.needs_model_path and not args.model_path:
        raise SystemExit(f"--profile {profile.name} needs --model-path (a local model directory)")
    if args.attach and len(modes) != 1:
        raise SystemExit("--attach runs exactly one mode: pass --modes with one name")

    base_config = None
    if args.safekv_config:
        if args.attach:
            raise SystemExit("--safekv-config configures the servers the eval starts, not --attach")
        try:
            base_config = SafeKVConfig.from_toml(args.safekv_config)
        except (OSError, ValueError) as e:  # ConfigError, TOML syntax
            raise SystemExit(f"--safekv-config: {e}") from e

    run = args.run or f"{profile.name}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    out_dir = Path(args.out) / run
    out_dir.mkdir(parents=True, exist_ok=True)
    server_profile = args.server_profile or profile.server_profile

    if args.model_path:
        model_path = args.model_path
    else:
        from sglang_safekv.tooling.tiny_model import ensure_model

        model_path = str(ensure_model())
    codec = Codec(model_path) if profile.attacks and not args.skip_attacks else None

    keys = None if args.attach else TenantDirectory(all_tenants(profile))
    admin_key = keys.admin_key if keys is not None else os.environ.get("SAFEKV_ADMIN_KEY")
    server_dir = out_dir / "server"
    server_dir.mkdir(exist_ok=True)
    settings = ServerSettings(
        model_path=args.model_path,
        profile=server_profile,
        sglang_args=tuple(profile.sglang_args) + tuple(args.sglang_arg),
        tenants_file=None if keys is None else keys.write(server_dir / "tenants.toml"),
        public_prefixes_file=(
            _public_prefixes_file(profile, server_dir / "public_prefixes.toml")
            if args.declare_public
            else None
        ),
        base_config=base_config,
    )
    ctx = RunContext(
        profile=profile,
        out_dir=out_dir,
        codec=codec,
        keys=keys,
        admin_key=admin_key,
        # Bars only on a terminal (stderr), never in logs: sglang_safekv/tooling/progress.py.
        progress=progress.shown(not args.no_progress),
        skip_perf=args.skip_perf,
        skip_attacks=args.skip_attacks,
    )
    started = time.monotonic()
    results: dict[str, Any] = {
        "run": run,
        "profile": profile.name,
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "host": {
            "device": _device(server_profile),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": sys.version.split()[0],
        },
        "settings": {
            "profile": dataclasses.asdict(profile),
            "modes": modes,
            "server_profile": server_profile,
            "model_path": display_path(model_path),
            "sglang_args": list(settings.sglang_args),
            "declare_public": args.declare_public,
            "safekv_config": None if base_config is None else json.loads(base_config.to_json()),
            "attached": args.attach,
        },
        "modes": {},
        "notes": [],
    }
    all_records: list[dict] = []
    group = ServerGroup(settings)
    with contextlib.closing(group):
        # Every mode's server runs side by side, so the replay can interleave them.
        urls: dict[str, str] = {}
        for mode in modes:
            results["modes"][mode] = {"status": "starting"}
        started_urls = (
            dict.fromkeys(modes, args.attach)
            if args.attach
            else _start_all(group, modes, server_dir, results["modes"])
        )
        for mode, url in started_urls.items():
            try:
                asyncio.run(warm_up(url, ctx))
                urls[mode] = url
                results["modes"][mode]["status"] = "running"
            except Exception as e:  # noqa: BLE001 - one mode failing must not lose the others
                _fail(results["modes"][mode], mode, e, server_dir / f"{mode}.log")
        if urls and not ctx.skip_perf:
            t0 = time.monotonic()

            def save(perf: dict, records: list[dict], done: bool = False) -> None:
                all_records[:] = records
                results["interleaved"] = {
                    "blocks": perf["blocks"],
                    "reps": profile.reps,
                    "reps_done": len({b["rep"] for b in perf["blocks"]}),
                    "block_sessions": profile.block_sessions,
                    "requests_per_cell": profile.requests_per_cell,
                    "complete": done,
                    "elapsed_s": time.monotonic() - t0,
                    "loadavg": [round(x, 2) for x in os.getloadavg()],
                }
                for mode, out in perf["modes"].items():
                    results["modes"][mode].update(out)
                results["elapsed_s"] = time.monotonic() - started
                _write(out_dir, results, records, final=done)

            try:
                perf, records = asyncio.run(run_perf(urls, ctx, save))
                save(perf, records, done=True)
            except Exception as e:  # noqa: BLE001 - recorded; the attacks still run
                for mode in list(urls):
                    _fail(results["modes"][mode], mode, e, server_dir / f"{mode}.log")
                urls = {}
                results["elapsed_s"] = time.monotonic() - started
                _write(out_dir, results, all_records)
            except BaseException:  # stopped (signal, Ctrl-C): report what was measured
                results["notes"].append("run stopped during the interleaved replay: partial")
                results["elapsed_s"] = time.monotonic() - started
                _write(out_dir, results, all_records)
                raise
        for mode, url in urls.items():
            entry = results["modes"][mode]
            t0 = time.monotonic()
            try:
                entry["attacks"] = asyncio.run(run_attacks(mode, url, ctx))
                entry["status"] = "ok"
            except Exception as e:  # noqa: BLE001 - one mode failing must not lose the others
                _fail(entry, mode, e, server_dir / f"{mode}.log")
            entry["attacks_s"] = time.monotonic() - t0
            entry["loadavg"] = [round(x, 2) for x in os.getloadavg()]
            results["elapsed_s"] = time.monotonic() - started
            _write(out_dir, results, all_records)
    results["elapsed_s"] = time.monotonic() - started
    _write(out_dir, results, all_records)
    print(report.markdown(results))
    print(f"\nresults: {out_dir}/results.json, report: {out_dir}/report.md")
    return 0 if all(m["status"] == "ok" for m in results["modes"].values()) else 1
