"""Replays of the measured attacks on real-looking text: evasive spellings, answers whose
sensitivity comes from the previous turn, credentials in configuration, other languages. Each
gold span of the hand-written private set must be protected (first flag at or before it) by
tier 1 alone (patterns, normalisation, turn context), names aside; the benign subset must stay public."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.context import TurnContextRecognizer
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.policy import DetectionPolicy
from sglang_safekv.detect.registry import RecognizerRegistry
from sglang_safekv.detect.tier1 import PatternRecognizer
from sglang_safekv.tooling.corpora.private import SUBSETS, private_samples
from sglang_safekv.tooling.detector.real_eval import private_report


@pytest.fixture(scope="module")
def report():
    registry = RecognizerRegistry([PatternRecognizer(engine="auto"), TurnContextRecognizer()])
    detector = Detector(DetectionPolicy(tiers=frozenset({1})), registry)
    return private_report(detector, private_samples())


@pytest.mark.parametrize("subset", [s for s in SUBSETS if s != "benign"])
def test_every_secret_of_the_subset_is_protected(report, subset):
    # Names have no format: tier 2 finds them (tests/detect/test_tier2.py), not tier 1.
    missed = [
        m
        for m in report["misses"]
        if m["id"].startswith(subset + "/") and m["category"] != "person"
    ]
    assert report["recall"][subset]["spans"] > 0 and missed == []


def test_benign_lines_stay_public_for_tier_one(report):
    assert report["false_alarms"] == []
