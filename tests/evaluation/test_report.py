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


@pytest.fixture
def results():
    return {
        "run": "t",
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
    assert checks["hit rate, selective / global at R=20%"]["met"] is True
    assert checks["isolation-overhead recovery (mean TTFT) at R=20%"]["met"] is True
    # One secret leaked through the usage counter in selective mode: a failure.
    leak = checks["selective: no secret recovered"]
    assert leak["met"] is False and leak["value"]["usage_counter"] == 1
    assert checks["isolated: no secret recovered"]["met"] is True
    assert checks["selective: KS audit AUC 95% interval contains 0.5"]["met"] is True
    assert checks["global (positive control): KS audit p-value"]["met"] is True

    del results["modes"]["isolated"]
    checks = {c["name"]: c for c in report.targets(results)}
    assert checks["isolation-overhead recovery (mean TTFT) at R=20%"]["met"] is None
    assert checks["isolated: no secret recovered"]["met"] is None


def test_markdown_has_every_table_and_states_failures(results):
    results["targets"] = report.targets(results)
    md = report.markdown(results)
    for heading in ("## Performance", "## Leakage under attack", "## Targets"):
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
    assert made == ["ttft_cdf.png", "hit_rate_vs_ratio.png", "attack_success.png"]
    for name in made:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    json.dumps(results)  # stays serialisable


def test_plots_skip_what_has_no_data(tmp_path):
    assert plots.all_plots({"modes": {}}, [], tmp_path) == []
