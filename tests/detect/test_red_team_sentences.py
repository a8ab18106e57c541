"""Tier-3 training sentences from the red-team rounds: dev halves only, one labelled sentence
per secret, look-alikes clean."""

from __future__ import annotations

import pytest

from sglang_safekv.detect import tier3
from sglang_safekv.detect.segment import sentence_bounds
from sglang_safekv.tooling.corpora.red_team import ROUNDS, red_team_samples
from sglang_safekv.tooling.detector.red_team_sentences import (
    dev_sentences,
    kept_class,
    secret_class,
)


def _sentences(samples) -> set[str]:
    return {s.text[b:e] for s in samples for b, e in sentence_bounds(s.text)}


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_only_dev_halves_are_read(round_):
    texts, labels = dev_sentences((round_,))
    dev = red_team_samples("dev", round_)
    test = red_team_samples("test", round_)
    assert set(texts) <= _sentences(dev)
    # Every secret of the test half stays out of training (unless a dev sentence holds it too).
    dev_text = "\n".join(s.text for s in dev)
    for sample in test:
        for start, end, _ in sample.spans:
            secret = sample.text[start:end]
            if secret not in dev_text:
                assert not any(secret in t for t in texts), (sample.id, secret)
    # one sensitive sentence per private dev sample at least, every look-alike sentence clean
    private = [s for s in dev if s.spans]
    assert sum(1 for label in labels if label) >= len(private)
    benign = _sentences([s for s in dev if not s.spans])
    for text, label in zip(texts, labels):
        if text in benign and label:
            assert text in _sentences(private)  # the same sentence in a private sample


@pytest.mark.parametrize(
    "subset, secret, expected",
    [
        ("financial_records", "balance 4,210.55", "finance"),
        ("password_prose", "correct horse", "credential"),
        ("otp_code", "492817", "credential"),
        ("personal_fact", "I was adopted", "personal"),
        ("bare_secrets", "4471", "credential"),
        ("evasions", "7HRk-2mXq-PL9v", "credential"),
        ("identifiers", "4471 2290 118", "pii"),
        ("other_languages", "Kowalska", "pii"),
    ],
)
def test_secret_classes(subset, secret, expected):
    assert secret_class(subset, secret) == expected
    assert expected in tier3.CLASSES


@pytest.mark.parametrize(
    "label, sentence, expected",
    [
        # classes tier 3's filters would clear for this sentence are trained as "personal"
        ("pii", "User: one DUI in 2019, it was reduced to reckless driving", "personal"),
        ("pii", "Kullanıcı: şizofreni tanısı kondu, hastanede yatıyor", "personal"),
        ("credential", "Remember to change it before Friday.", "personal"),
        # the filters keep these: the class stays
        ("pii", "My neighbour Carla Mendes was arrested last week.", "pii"),
        ("credential", "the wifi password is tulip-88-river", "credential"),
        ("health", "one DUI in 2019", "health"),
        # fragments under four words keep their class (as "personal" they taught the model
        # that short lines are personal)
        ("pii", "one DUI, 2019", "pii"),
    ],
)
def test_a_class_the_filters_would_clear_trains_as_personal(label, sentence, expected):
    assert kept_class(label, sentence) == expected
