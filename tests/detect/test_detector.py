"""Escalation and policy, with the real tier-1 recognizer and a recording tier-3 stand-in."""

import dataclasses

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.detector import Detector, TierUnavailable
from sglang_safekv.detect.policy import DetectionPolicy, Escalation
from sglang_safekv.detect.registry import Recognizer, RecognizerRegistry, TextWindow
from sglang_safekv.detect.tier1 import PatternRecognizer


class RecordingSentenceJudge(Recognizer):
    """Test double for tier 3: records the sentences it is asked about, flags "secret"."""

    name, tier, categories = "recording_judge", 3, frozenset(Category)

    def __init__(self, word="secret"):
        self.seen = []
        self.word = word

    def analyze(self, windows):
        out = []
        for w in windows:
            text = w.text[w.start : w.end]
            self.seen.append(text)
            score = 0.9 if self.word in text else 0.1
            out.append([Span(w.start, w.end, Category.PERSONAL, 3, score, self.name)])
        return out


def detector(escalation=Escalation.FAST, tiers=(1, 3), categories=frozenset(Category)):
    judge = RecordingSentenceJudge()
    policy = DetectionPolicy(tiers=frozenset(tiers), escalation=escalation, categories=categories)
    return Detector(policy, RecognizerRegistry([PatternRecognizer(engine="re"), judge])), judge


TEXT = "The sky is blue. I have a secret plan. Water is wet. My card is 4111 1111 1111 1111."


def test_fast_policy_sends_only_hinted_sentences_to_tier3():
    d, judge = detector(Escalation.FAST)
    result = d.detect(TEXT)
    assert judge.seen == ["I have a secret plan.", "My card is 4111 1111 1111 1111."]
    assert result.first == TEXT.index("I have")
    assert {s.category for s in result.spans} == {Category.PERSONAL, Category.CREDIT_CARD}


def test_strict_policy_judges_every_sentence():
    d, judge = detector(Escalation.STRICT)
    d.detect(TEXT)
    assert len(judge.seen) == 4


def test_first_only_reads_nothing_after_the_sentence_of_the_first_sensitive_character():
    d, judge = detector(Escalation.STRICT)
    text = "Hello. Card 4111 1111 1111 1111 then I have a secret. Another secret here."
    result = d.detect(text, first_only=True)
    # the sentence cut at the card number is judged cut and whole; nothing after it is read
    assert judge.seen == ["Hello.", "Card", "Card 4111 1111 1111 1111 then I have a secret."]
    assert result.first == text.index("Card")


def test_first_only_finds_what_only_the_whole_cut_sentence_shows():
    # stop 39 (round 20 dev p087): the part before the finding reads as harmless
    judge = RecordingSentenceJudge(word="therapist")
    d = Detector(
        DetectionPolicy(tiers=frozenset({1, 3})),
        RecognizerRegistry([PatternRecognizer(engine="re"), judge]),
    )
    text = "Hi. Case: Wanjiru (wk.88@gmail.com) was shown her therapist as a friend."
    assert d.detect(text, first_only=True).first == d.detect(text).first == text.index("Case")


def test_the_sentence_before_a_finding_is_judged_too():
    # No hint in "Please add Shane Dunn (": only the finding after it sends it to tier 3.
    judge = RecordingSentenceJudge(word="Shane")
    d = Detector(
        DetectionPolicy(tiers=frozenset({1, 3})),
        RecognizerRegistry([PatternRecognizer(engine="re"), judge]),
    )
    text = "Hello team. Please add Shane Dunn (shane.dunn@gmail.com) to the folder."
    result = d.detect(text, first_only=True)
    assert judge.seen[-2:] == ["Please add Shane Dunn (", text[text.index("Please") :]]
    assert result.first == text.index("Please")
    assert d.detect("The sky is blue. Water is wet.", first_only=True).first is None


def test_policy_categories_and_thresholds_decide_what_counts():
    d, _ = detector(categories=frozenset({Category.EMAIL}))
    assert d.detect("card 4111 1111 1111 1111 and jane.doe@gmail.com").categories == ("email",)
    strict_bar = DetectionPolicy(tiers=frozenset({1}), thresholds=(0.99, 0.5, 0.5))
    d2 = Detector(strict_bar, RecognizerRegistry([PatternRecognizer(engine="re")]))
    assert d2.detect("mail jane.doe@gmail.com").first is None  # email scores 0.95


def test_window_start_clamps_first_and_context_is_used():
    d, _ = detector(tiers=(1,))
    text = "my password is Tr0ub4dor&3"
    result = d.detect(text, text.index("Tr0ub"))
    assert result.first == text.index("Tr0ub")
    assert d.detect(text, 0, text.index(" is")).first is None


def test_a_needed_tier_that_failed_to_load_raises():
    d, _ = detector()
    d.unavailable["recording_judge"] = "broken"
    with pytest.raises(TierUnavailable, match="tier 3"):
        d.detect("I feel odd today.")
    assert d.detect("The sky is blue.").first is None  # no hint: tier 3 not needed


def test_policy_from_config_validates():
    policy = DetectionPolicy.from_config(
        DetectorConfig(policy="strict", sensitive_categories=("email", "Health"), tiers=(1, 2))
    )
    assert policy.escalation is Escalation.STRICT
    assert policy.categories == {Category.EMAIL, Category.HEALTH}
    with pytest.raises(ValueError, match="policy must be 'fast' or 'strict'"):
        DetectionPolicy.from_config(DetectorConfig(policy="quick"))
    with pytest.raises(ValueError, match="unknown category 'ssn'"):
        DetectionPolicy.from_config(DetectorConfig(sensitive_categories=("ssn",)))
    with pytest.raises(ValueError, match="tiers"):
        DetectionPolicy.from_config(DetectorConfig(tiers=(4,)))
    with pytest.raises(ValueError, match="threshold"):
        DetectionPolicy.from_config(DetectorConfig(tier1_threshold=0.0))


def test_windows_outside_the_text_are_rejected():
    with pytest.raises(ValueError, match="outside text"):
        TextWindow("abc", 1, 5)


def test_a_short_window_is_read_whole_under_the_fast_policy():
    judge = RecordingSentenceJudge(word="SNAP")
    policy = DetectionPolicy(tiers=frozenset({1, 3}), strict_below=40)
    d = Detector(policy, RecognizerRegistry([PatternRecognizer(engine="re"), judge]))
    short = "Hello there. We get SNAP and WIC."  # no hint for tier 1: only tier 3 can tell
    assert d.detect(short).first == short.index("We get")
    assert judge.seen == ["Hello there.", "We get SNAP and WIC."]
    judge.seen.clear()
    long = short + " " + "Water is wet. " * 3  # over 40 characters: only hinted sentences
    assert d.detect(long).first is None
    assert judge.seen == []
    # the judged range counts, not the context before it
    text = "x" * 100 + " We get SNAP and WIC."
    assert d.detect(text, start=100).first == 100  # the sentence from the window's start


def test_strict_below_from_config_validates():
    assert DetectionPolicy.from_config(DetectorConfig()).strict_below == 400
    assert DetectionPolicy.from_config(DetectorConfig(strict_below_chars=0)).strict_below == 0
    with pytest.raises(ValueError, match="strict_below_chars"):
        DetectionPolicy.from_config(DetectorConfig(strict_below_chars=-1))


class ScoringJudge(RecordingSentenceJudge):
    """Tier 3 double that gives sentences with its word a middling score."""

    def __init__(self, word: str, score: float):
        super().__init__(word)
        self.score = score

    def analyze(self, windows):
        out = super().analyze(windows)
        return [
            [dataclasses.replace(s, score=self.score) if s.score > 0.5 else s for s in spans]
            for spans in out
        ]


def test_a_sentence_read_only_because_its_message_is_short_needs_a_clear_verdict():
    judge = ScoringJudge("SNAP", 0.6)  # sensitive at the policy's 0.5, not at the 0.8 bar
    policy = DetectionPolicy(tiers=frozenset({1, 3}), strict_below=40, strict_below_threshold=0.8)
    d = Detector(policy, RecognizerRegistry([PatternRecognizer(engine="re"), judge]))
    assert d.detect("Hello there. We get SNAP and WIC.").first is None
    # a hint (a first-person word) sends it to tier 3 anyway: the policy's bar applies
    text = "Hello there. I get SNAP and WIC."
    assert d.detect(text).first == text.index("I get")
    assert d.detect("Hello there. We get SNAP.", first_only=True).first is None


def test_strict_below_threshold_from_config_validates():
    assert DetectionPolicy.from_config(DetectorConfig()).strict_below_threshold == 0.8
    with pytest.raises(ValueError, match="strict_below_threshold"):
        DetectionPolicy.from_config(DetectorConfig(strict_below_threshold=0.0))
