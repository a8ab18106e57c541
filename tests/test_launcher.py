import argparse
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from sglang_safekv.cache.ledger import IN_MEMORY, WithdrawalLedger
from sglang_safekv.config import ENV_VAR, Mode, SafeKVConfig
from sglang_safekv.server import launcher


def _opts(*args, rest=()):
    parser = argparse.ArgumentParser()
    launcher.add_serve_arguments(parser)
    return launcher.options_from_args(parser.parse_args(list(args)), list(rest))


def test_cpu_profile_selects_backend_and_cpu_flags():
    opts = _opts("--profile", "cpu", "--safekv-mode", "isolated", "--port", "31234")
    argv = launcher.sglang_argv(opts, "/models/m")
    assert argv[argv.index("--radix-cache-backend") + 1] == "safekv"
    assert argv[argv.index("--device") + 1] == "cpu"
    assert argv[argv.index("--port") + 1] == "31234"
    assert "--enable-cache-report" in argv
    assert argv.count("--enable-metrics") == 1
    assert opts.config.mode is Mode.ISOLATED


@pytest.mark.parametrize("profile", ["cpu", "gpu"])
@pytest.mark.parametrize("mode", [m.value for m in Mode])
def test_scheduler_sleeps_when_idle_in_every_mode(profile, mode):
    # An idle-spinning scheduler starves the detector threads of the GIL.
    argv = launcher.sglang_argv(_opts("--profile", profile, "--safekv-mode", mode), "/m")
    assert argv.count("--sleep-on-idle") == 1
    argv = launcher.sglang_argv(_opts("--profile", profile, rest=["--sleep-on-idle"]), "/m")
    assert argv.count("--sleep-on-idle") == 1


def test_users_sglang_flags_override_cpu_defaults():
    opts = _opts("--profile", "cpu", rest=["--max-total-tokens", "2048"])
    argv = launcher.sglang_argv(opts, "/m")
    assert argv.count("--max-total-tokens") == 1
    assert argv[argv.index("--max-total-tokens") + 1] == "2048"


def test_gpu_profile_adds_no_cpu_flags():
    argv = launcher.sglang_argv(_opts("--profile", "gpu"), "/m")
    assert "--device" not in argv and "--attention-backend" not in argv


def test_backend_cannot_be_overridden():
    with pytest.raises(SystemExit, match="radix-cache-backend"):
        _opts(rest=["--radix-cache-backend", "other"])


def test_child_env_carries_config_and_secret():
    env = launcher.child_env(_opts("--profile", "cpu", "--safekv-mode", "global"))
    assert '"mode": "global"' in env["SAFEKV_CONFIG_JSON"]
    assert env["SGLANG_USE_CPU_ENGINE"] == "1"
    assert len(env["SAFEKV_TENANT_SECRET"]) >= 32


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes.
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split()[2] != "Z"


def test_stop_group_leaves_no_orphans():
    # A leader that ignores SIGTERM and a grandchild that outlives it: the group sweep kills both.
    script = (
        "import os, signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, start_new_session=True, text=True
    )
    grandchild = int(proc.stdout.readline())
    assert _alive(grandchild)
    start = time.monotonic()
    launcher.stop_group(proc, grace_s=1.0)
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)
    assert proc.returncode == -signal.SIGKILL
    assert time.monotonic() - start < 10


@pytest.mark.parametrize(
    "rest, message",
    [
        (["--enable-custom-logit-processor"], "--enable-custom-logit-processor is refused"),
        (["--kv-events-config", '{"publisher": "zmq"}'], "private prompts"),
        (["--kv-events-config={}"], "--kv-events-config is refused"),
        (["--tokenizer-worker-num", "2"], "without the authentication gate"),
        (["--enable-http2"], "without the authentication gate"),
        (["--grpc-port", "50051"], "without the authentication gate"),
        (["--enable-session-radix-cache"], "not bound to a tenant"),
        (["--enable-lmcache"], "beside the safekv tree"),
    ],
)
@pytest.mark.parametrize("mode", ["selective", "isolated"])
def test_dangerous_sglang_flags_are_refused_with_the_reason(rest, message, mode):
    with pytest.raises(SystemExit, match=message):
        _opts("--safekv-mode", mode, rest=rest)


def test_kv_events_are_allowed_in_global_mode_and_one_tokenizer_worker_is_fine():
    # Global mode is stock SGLang sharing: its KV events reveal nothing the cache does not.
    opts = _opts("--safekv-mode", "global", rest=["--kv-events-config", "{}"])
    assert "--kv-events-config" in launcher.sglang_argv(opts, "/m")
    with pytest.raises(SystemExit, match="custom-logit-processor"):
        _opts("--safekv-mode", "global", rest=["--enable-custom-logit-processor"])
    assert _opts(rest=["--tokenizer-worker-num", "1"]).sglang_args[-1] == "1"


def test_a_selective_server_keeps_its_withdrawal_ledger_in_a_file_per_port(tmp_path, monkeypatch):
    # Withdrawals must survive a restart: `serve` gives a selective server a ledger file by
    # default, one per port (a cluster's workers never write one file), under the cache dir.
    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(launcher.LEDGER_DIR_ENV, raising=False)
    opts = _opts("--profile", "cpu", "--port", "31555")
    env = launcher.child_env(opts)
    served = SafeKVConfig.from_dict(json.loads(env[ENV_VAR]))
    assert served.cache.withdrawal_ledger_file == str(tmp_path / "ledger/withdrawals-31555.json")
    assert opts.config.cache.withdrawal_ledger_file == ""  # the user's options stay as given
    other = launcher.served_config(dataclasses.replace(opts, port=31556))
    assert other.cache.withdrawal_ledger_file.endswith("withdrawals-31556.json")


def test_the_ledger_directory_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.setenv(launcher.LEDGER_DIR_ENV, str(tmp_path / "ledgers"))
    assert launcher.ledger_file(31557) == tmp_path / "ledgers" / "withdrawals-31557.json"


@pytest.mark.parametrize("setting", ["memory", "/srv/safekv/ledger.json"])
def test_a_configured_ledger_setting_is_kept(tmp_path, setting):
    config = tmp_path / "safekv.toml"
    config.write_text(f'[cache]\nwithdrawal_ledger_file = "{setting}"\n')
    opts = _opts("--profile", "cpu", "--safekv-config", str(config))
    assert launcher.served_config(opts).cache.withdrawal_ledger_file == setting


@pytest.mark.parametrize("mode", ["global", "isolated"])
def test_modes_without_public_content_get_no_ledger_file(mode):
    opts = _opts("--profile", "cpu", "--safekv-mode", mode)
    assert launcher.served_config(opts).cache.withdrawal_ledger_file == ""


def test_memory_means_no_ledger_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ledger = WithdrawalLedger(IN_MEMORY)
    assert ledger.path is None
    ledger.add(None, [1, 2, 3])
    assert ledger.contains(None, [1, 2, 3]) and not any(tmp_path.iterdir())
