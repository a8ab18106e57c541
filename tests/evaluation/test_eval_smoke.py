"""CI smoke of the evaluation: the real server in every mode, attacked through the public API.

One run of ``sglang-safekv eval --profile smoke --modes global,selective`` (R = 20%, a few
victims per attack); the assertions are the project's targets: global mode leaks (the positive
control that the attacks work), selective mode leaks no secret, colluding accounts get no whole
secret even of content the detector cleared, and selective keeps >= 0.9 of global's hit rate. Both modes must run: a mode that failed to start fails its tests with the
server's log. Isolated mode is left out to keep CI short (its server and attacks took about 2 of
the run's 8 minutes); the cluster tests probe an isolated cluster, and `make eval` runs all three.
"""

import json

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.tooling.evaluation.main import main

# The run starts two servers side by side on the CI machine's cores.
pytestmark = [pytest.mark.server, pytest.mark.timeout(2700)]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    main(
        [
            "--profile", "smoke", "--modes", "global,selective", "--out", str(out), "--run", "ci",
            "--no-progress",
        ]
    )  # fmt: skip
    return json.loads((out / "ci" / "results.json").read_text())


def _mode(results: dict, mode: str) -> dict:
    entry = results["modes"][mode]
    assert entry["status"] == "ok", f"{entry.get('error')}\n{entry.get('log_tail')}"
    return entry


def test_global_mode_leaks_secrets_to_every_attack(results):
    attacks = _mode(results, "global")["attacks"]
    recon = attacks["ttft_reconstruction"]
    assert recon["success_rate"] >= 0.8, recon["per_victim"]
    assert recon["counter_recovered"] == recon["secrets"]
    assert attacks["lpm_order"]["recovered"] >= 1, attacks["lpm_order"]["per_victim"]
    walks = attacks["collusion"]
    for group in ("pii", "cleared"):
        assert walks[group]["whole_secrets"] == walks[group]["secrets"] >= 1, walks["per_victim"]


def test_no_secret_is_recovered_in_selective_mode(results):
    attacks = _mode(results, "selective")["attacks"]
    recon, lpm = attacks["ttft_reconstruction"], attacks["lpm_order"]
    assert recon["recovered"] == 0, recon["per_victim"]
    assert recon["counter_recovered"] == 0, recon["per_victim"]
    assert lpm["recovered"] == 0, lpm["per_victim"]
    walks = attacks["collusion"]
    assert walks["pii"]["recovered_max"] == 0, walks["per_victim"]


def test_the_monitor_stops_colluding_accounts_walking_what_the_detector_cleared(results):
    # the deal memos' company is public by policy: the walk rule takes it back after
    # walk_steps one-token advances (the in-process bound of tests/monitor/test_collusion.py)
    walks = _mode(results, "selective")["attacks"]["collusion"]
    cleared = walks["cleared"]
    assert cleared["whole_secrets"] == 0, walks["per_victim"]
    assert cleared["recovered_max"] <= MonitorConfig().walk_steps + 2, walks["per_victim"]


def test_selective_keeps_the_hit_rate_of_global(results):
    glob = _mode(results, "global")["perf"]["0.2"]
    sel = _mode(results, "selective")["perf"]["0.2"]
    assert glob["errors"] == 0 and sel["errors"] == 0
    assert sel["hit_rate"] >= 0.9 * glob["hit_rate"], (sel["hit_rate"], glob["hit_rate"])
