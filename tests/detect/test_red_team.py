"""The blind red-team set's dev split, replayed through the full detector (tiers 1-3).

Every dev secret the detector keeps private stays private, and every dev look-alike it leaves
public stays public. The known misses and false alarms are listed and marked strict xfail, so a
change that fixes one must move it out of the list. The test split is not replayed here: it is
only scored (`make detector-eval`, `results/detector/`).
"""

from __future__ import annotations

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.corpora.red_team import red_team_samples

# Dev secrets no tier sees: a wifi key after "the key is", a password of three words "going to
# be" set, a password the message asks about without stating it, an answer after "I put", a
# French answer after a parenthesis, an SMS code followed by "por SMS", a password spelled out
# with a phonetic alphabet.
KNOWN_MISSES = {"p003", "p011", "p151"}
# Dev look-alikes flagged: a named relative (tier 2/3), a keyword argument ``password=password``,
# two non-English sentences about codes and PINs that tier 3 reads as credentials.
KNOWN_FALSE_ALARMS = {"b007", "b037", "b083", "b089"}

DEV = red_team_samples("dev")


def _marks(sample):
    known = KNOWN_MISSES if sample.spans else KNOWN_FALSE_ALARMS
    if sample.id in known:
        return [pytest.mark.xfail(strict=True, reason="known, listed in this module")]
    return []


@pytest.fixture(scope="module")
def detector(tier3_model_dir):
    detector = Detector.from_config(DetectorConfig(tier3_model_dir=str(tier3_model_dir)))
    assert not detector.load()
    return detector


@pytest.mark.parametrize(
    "sample", [pytest.param(s, id=s.id, marks=_marks(s)) for s in DEV if s.spans]
)
def test_a_dev_secret_is_private_from_its_first_character(detector, sample):
    [(start, _, _)] = sample.spans
    first = detector.detect(sample.text, first_only=True).first
    assert first is not None and first <= start, (sample.text, first)


@pytest.mark.parametrize(
    "sample", [pytest.param(s, id=s.id, marks=_marks(s)) for s in DEV if not s.spans]
)
def test_a_dev_look_alike_stays_public(detector, sample):
    assert detector.detect(sample.text, first_only=True).first is None, sample.text


def test_the_splits_partition_the_set():
    dev = {s.id for s in DEV}
    test = {s.id for s in red_team_samples("test")}
    assert dev and test and not dev & test
    assert len(dev) + len(test) == len(red_team_samples())
