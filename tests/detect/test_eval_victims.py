"""The evaluation's attack victims hold what the policy calls private, and its deal memos what
it calls public: otherwise "selective leaks nothing" or "only the monitor stops the walk" would
be measured on the wrong content (every e-mail victim was once an example.com address, which
the policy shares)."""

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.evaluation.attacks.collusion import cleared_victims
from sglang_safekv.tooling.evaluation.profiles import PROFILES
from sglang_safekv.tooling.evaluation.victims import victims


@pytest.fixture(scope="module")
def detector(tier3_model_dir):
    detector = Detector.from_config(DetectorConfig(tier3_model_dir=str(tier3_model_dir)))
    assert not detector.load()
    return detector


def _pii_victims():
    seen = {}
    for profile in PROFILES.values():
        for spec in (profile.ttft_attack, profile.lpm_attack, profile.collusion_attack):
            for v in victims(spec):
                seen[(v.secret.kind, v.secret.value)] = v
    return list(seen.values())


@pytest.mark.parametrize("victim", _pii_victims(), ids=lambda v: v.secret.kind)
def test_every_pii_victim_secret_is_private_from_its_first_character(detector, victim):
    content = victim.template.content(victim.secret.value, victim.tail)
    first = detector.detect(content, first_only=True).first
    assert first is not None and first <= victim.secret.start, (victim.secret, first)


def test_the_deal_memos_secret_is_public_by_policy(detector):
    profile = PROFILES["quick"]
    for v in cleared_victims(profile.collusion):
        head_and_secret = v.template.head + v.secret.value + v.template.continuation
        assert detector.detect(head_and_secret, first_only=True).first is None, v.secret
