"""The quick detector evaluation: accuracy floors on the held-out split, and a 512-token public
system prompt through the real pipeline ends up public.

Floors sit below what `eval/detector_eval.py --quick` measured (300 held-out samples, seed 0:
combined fast P 0.970 / R 0.987 / leak 0.018; tier 1 precision 1.0; no false alarm on system
prompts), with margin for small changes. No timing is asserted here: latency lives in the eval.
"""

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.detector import evaluate as ev
from sglang_safekv.tooling.detector.corpus import generate


@pytest.fixture(scope="module")
def config(tier3_model_dir):
    return DetectorConfig(tier3_model_dir=str(tier3_model_dir))


@pytest.fixture(scope="module")
def detector(config):
    d = Detector.from_config(config)
    assert d.load() == {}
    return d


@pytest.fixture(scope="module")
def report(detector):
    return ev.accuracy_report(
        detector, generate("heldout", 300, 0), runs=("tier1", "tiers12", "combined_fast")
    )


def test_combined_fast_policy_meets_floors(report):
    fast = report["combined_fast"]
    assert fast["overall"]["recall"] >= 0.96
    assert fast["overall"]["protected_recall"] >= 0.96
    assert fast["overall"]["precision"] >= 0.93
    assert fast["leak_rate"] <= 0.04
    assert fast["false_alarm_rate"]["system_prompt"] <= 0.02
    formats = (
        "email",
        "phone",
        "credit_card",
        "gov_id",
        "bank_account",
        "ip_address",
        "credential",
    )
    present = [c for c in formats if fast["categories"].get(c, {}).get("gold", 0) >= 5]
    assert len(present) >= 4, present
    for category in present:
        assert fast["categories"][category]["protected_recall"] >= 0.97, category


def test_tier3_adds_recall_over_patterns_and_ner(report):
    assert report["combined_fast"]["overall"]["recall"] > report["tiers12"]["overall"]["recall"]


def test_patterns_alone_are_precise(report):
    tier1 = report["tier1"]
    assert tier1["overall"]["precision"] >= 0.98
    assert all(rate == 0 for rate in tier1["false_alarm_rate"].values())


def test_public_system_prompts_become_public_through_the_pipeline(config, detector, tiny_tokenizer):
    prompts = ev.public_system_prompts(tiny_tokenizer, 3)
    assert all(len(p) >= 512 for p in prompts)
    result = ev.time_to_public(config, tiny_tokenizer, detector, prompts)
    assert result["cold_judged_public"] == 3
    assert result["cache_hit"]["n"] == 5
