import json

import pytest

from sglang_safekv.tooling.evaluation import plots, report


def _perf(ttft_mean, hit_rate, rps, uncached=1000):
    return {
        "uncached_tokens": uncached,
        "requests": 10,
        "errors": 0,
        "wall_s": 1.0,
        "ttft_p50_ms": ttft_mean * 0.9,
        "ttft_p99_ms": ttft_mean * 3,
        "ttft_mean_ms": ttft_mean,
        "throughput_rps": rps,
        "hit_rate": hit_rate,
    }


def _attacks(recovered, counter, lpm, p, auc):
    return {
        "ttft_reconstruction": {
            "secrets": 4,
            "recovered": recovered,
            "success_rate": recovered / 4,
            "wrong_claims": 0,
            "counter_recovered": counter,
            "counter_success_rate": counter / 4,
            "feature_auc": {"estimate": 0.5, "low": 0.4, "high": 0.6, "level": 0.95},
        },
        "lpm_order": {
            "secrets": 4,
            "recovered": lpm,
            "success_rate": lpm / 4,
            "wrong_claims": 0,
            "rounds": 6,
            "rounds_conclusive": 4,
            "token_accuracy": 0.5,
            "chance_token_accuracy": 0.2,
        },
        "ks_audit": {"ks_p_value": p, "auc": {"estimate": auc[0], "low": auc[1], "high": auc[2]}},
    }


def _blocks(ttft_s, rps, hit, units=6):
    """Interleaved blocks of every mode at R = 20%; per mode: mean TTFT, req/s, hit rate."""
    out = []
    for u in range(units):
        jitter = 1.0 + 0.01 * (u % 3)  # load shared by the modes of one block
        for mode in ttft_s:
            out.append(
                {
                    "mode": mode,
                    "ratio": 0.2,
                    "rep": u % 3,
                    "block": u // 3,
                    "requests": 10,
                    "errors": 0,
                    "wall_s": 10 / rps[mode] * jitter,
                    "ttft_sum_s": 10 * ttft_s[mode] * jitter,
                    "ttft_n": 10,
                    "prompt_tokens": 1000,
                    "cached_tokens": int(1000 * hit[mode]),
                }
            )
    return out


@pytest.fixture
def results():
    return {
        "run": "t",
        "settings": {"profile": {"workload": {"tenants": 60, "tenants_per_prompt": 4}}},
        "interleaved": {
            "reps": 3,
            "block_sessions": 2,
            "requests_per_cell": 60,
            "blocks": _blocks(
                {"global": 0.100, "isolated": 0.200, "selective": 0.105},
                {"global": 10.0, "isolated": 8.0, "selective": 9.7},
                {"global": 0.80, "isolated": 0.40, "selective": 0.78},
            ),
        },
        "profile": "quick",
        "modes": {
            "global": {
                "status": "ok",
                "perf": {"0.2": _perf(100.0, 0.80, 10.0, 1000), "0": _perf(90.0, 0.85, 10.0)},
                "attacks": _attacks(4, 4, 3, 1e-9, (1.0, 0.99, 1.0)),
            },
            "isolated": {
                "status": "ok",
                "perf": {"0.2": _perf(200.0, 0.40, 8.0, 3000)},
                "attacks": _attacks(0, 0, 0, 0.6, (0.5, 0.4, 0.6)),
            },
            "selective": {
                "status": "ok",
                "perf": {"0.2": _perf(115.0, 0.76, 9.5, 1200)},
                "attacks": _attacks(0, 1, 0, 0.3, (0.55, 0.45, 0.65)),
            },
        },
    }


def test_comparisons(results):
    row = report.comparisons(results)["0.2"]
    assert row["hit_rate_sel_over_glob"] == pytest.approx(0.95)
    assert row["throughput_sel_over_glob"] == pytest.approx(0.95)
    assert row["recovery_ttft_mean_ms"] == pytest.approx(0.85)
    assert row["isolation_ttft_overhead"] == pytest.approx(2.0)
    assert row["recovery_uncached_tokens"] == pytest.approx(0.9)
    assert "hit_rate_sel_over_glob" not in report.comparisons(results)["0"]  # global only


def test_targets_pass_fail_and_not_evaluated(results):
    checks = {c["name"]: c for c in report.targets(results)}
    suffix = " at R=20% (real-system-prompt workload)"
    hit = checks["hit rate, selective / global" + suffix]
    assert hit["verdict"] == "PASS" and hit["value"] == pytest.approx(0.975)
    assert checks["isolation-overhead recovery (mean TTFT)" + suffix]["met"] is True
    assert checks["throughput, selective / global" + suffix]["verdict"] == "PASS"
    assert checks["throughput, selective / isolated" + suffix]["verdict"] == "PASS"
    # One secret leaked through the usage counter in selective mode: a failure.
    leak = checks["selective: no secret recovered"]
    assert leak["met"] is False and leak["value"]["usage_counter"] == 1
    assert checks["isolated: no secret recovered"]["met"] is True
    assert checks["selective: KS audit AUC 95% interval contains 0.5"]["met"] is True
    assert checks["global (positive control): KS audit p-value"]["met"] is True

    del results["modes"]["isolated"]
    results["interleaved"]["blocks"] = [
        b for b in results["interleaved"]["blocks"] if b["mode"] != "isolated"
    ]
    checks = {c["name"]: c for c in report.targets(results)}
    recovery = checks["isolation-overhead recovery (mean TTFT)" + suffix]
    assert recovery["met"] is None and recovery["verdict"] == "not evaluated"
    assert checks["isolated: no secret recovered"]["met"] is None


def test_scheduler_time_lost_is_the_hooks_share_of_the_loops_wall_time(results):
    name = "selective: scheduler loop time lost to the detector and monitor hooks"
    assert {c["name"]: c for c in report.targets(results)}[name]["met"] is None  # not reported
    reported = {
        "schedulers[0].overhead.scheduler_enqueue_seconds": 0.2,
        "schedulers[0].overhead.scheduler_apply_results_seconds": 0.3,
        "schedulers[0].overhead.scheduler_job_listener_seconds": 0.4,
        "schedulers[0].overhead.scheduler_match_listener_seconds": 0.1,
        "schedulers[0].overhead.detector_cpu_seconds": 50.0,  # another process: not lost
        "schedulers[0].overhead.wall_seconds": 200.0,
    }
    results["modes"]["selective"]["overhead"] = {"reported": reported}
    check = {c["name"]: c for c in report.targets(results)}[name]
    assert check["value"] == pytest.approx(1.0 / 200) and check["met"] is True
    reported["schedulers[0].overhead.scheduler_enqueue_seconds"] = 2.2
    check = {c["name"]: c for c in report.targets(results)}[name]
    assert check["value"] == pytest.approx(3.0 / 200) and check["met"] is False


def test_a_ratio_whose_interval_straddles_the_target_is_inconclusive(results):
    for b in results["interleaved"]["blocks"]:
        if b["mode"] == "selective":
            b["wall_s"] *= 0.955 / 0.97 * (1.08 if b["block"] else 0.93)
    checks = {c["name"]: c for c in report.targets(results)}
    thr = checks["throughput, selective / global at R=20% (real-system-prompt workload)"]
    assert thr["ci"][0] < 0.95 < thr["ci"][1]
    assert thr["verdict"] == "INCONCLUSIVE" and thr["met"] is None


def test_markdown_has_every_table_and_states_failures(results):
    results["targets"] = report.targets(results)
    md = report.markdown(results)
    for heading in (
        "## Performance",
        "## Mode ratios with 95% confidence intervals",
        "## Leakage under attack",
        "## Targets",
    ):
        assert heading in md
    assert "| selective | 20% | 10 | 0 |" in md
    assert "NOT met" in md
    assert "| isolated | 0/4 (wrong 0) |" in md
    assert "0.5 over 4/6 conclusive rounds (chance 0.2)" in md


def test_plots_are_written(results, tmp_path):
    records = [
        {"mode": m, "ratio": 0.2, "ttft_s": t / 1000, "error": None}
        for m in ("global", "selective")
        for t in (50, 80, 120)
    ]
    made = plots.all_plots(results, records, tmp_path)
    assert made == [
        "ttft_cdf.png",
        "hit_rate_vs_ratio.png",
        "attack_success.png",
        "ratio_intervals.png",
    ]
    for name in made:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    json.dumps(results)  # stays serialisable


def test_overhead_section_reports_cpu_by_role_and_na_for_absent_fields(results):
    results["modes"]["global"]["overhead"] = {
        "cpu_s": {"frontend": 1.0, "scheduler": 4.0, "detokenizer": 0.5, "other": 0.0},
        "cpu_total_s": 5.5,
        "cpu_ms_per_request": 55.0,
        "requests": 100,
        "reported": {},
    }
    results["modes"]["selective"]["overhead"] = {
        "cpu_s": None,
        "cpu_total_s": None,
        "cpu_ms_per_request": None,
        "requests": 100,
        "reported": {"schedulers[0].detector.cpu_s": 2.0},
    }
    md = report.markdown(results)
    assert "| global | 100 | 1 | 4 | 0.5 | 0 | 5.5 | 55 |" in md
    assert "| selective | 100 | n/a | n/a | n/a | n/a | n/a | n/a |" in md
    assert "| selective | schedulers[0].detector.cpu_s | 2 |" in md


def test_plots_skip_what_has_no_data(tmp_path):
    assert plots.all_plots({"modes": {}}, [], tmp_path) == []


def test_the_detectors_work_is_reported_beside_its_cpu_seconds(results):
    results["modes"]["selective"]["overhead"] = {
        "cpu_s": {"frontend": 1.0, "scheduler": 9.0, "detokenizer": 0.5, "other": 4.0},
        "requests": 300,
        "reported": {"schedulers[0].overhead.detector_cpu_seconds": 4.0},
        "detector_counts": {"jobs_done": 321, "tier3_sentences": 2345},
    }
    md = report.markdown(results)
    assert "The detector's work over the phase" in md
    assert "| selective | tier3_sentences | 2345 |" in md
