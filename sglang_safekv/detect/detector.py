"""The one interface: text up to and including a range, and the range -> sensitive spans.

Escalation, per window (the text to judge, with the text before it as context):

1. Tier 1 (patterns) scans the window. Findings at or above the tier-1 threshold are
   sensitive; weaker ones (context keywords, first-person statements) are hints.
2. Tier 2 (NER) reads the sentences of the window. Same rule with the tier-2 threshold.
3. Tier 3 (sentence classifier) judges, under the ``fast`` policy, the sentences that carry a
   hint or a finding (other sensitive text often sits next to a finding), and every sentence
   of a window of at most ``strict_below`` characters (a short message; there a sentence
   nothing hinted at counts from ``strict_below_threshold``); under ``strict``, every sentence.

With ``first_only`` (what the cache needs) later tiers only read text before the first
sensitive character found so far: everything after it is private anyway. Tier 3 reads the
sentence cut there both cut and whole, so it finds what it would without ``first_only``. A
tier that failed to load raises :class:`TierUnavailable` when a window needs it, so the caller
keeps the content private instead of deciding without it.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections.abc import Sequence

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.addressed import greeting_spans
from sglang_safekv.detect.antecedent import antecedent_spans
from sglang_safekv.detect.categories import NARRATIVE, Category, Span
from sglang_safekv.detect.near_name import encoded_name_spans, near_name_spans
from sglang_safekv.detect.policy import DetectionPolicy, Escalation
from sglang_safekv.detect.public_figure import biography_ranges, told_of_a_public_figure
from sglang_safekv.detect.published import is_published, only_published_values
from sglang_safekv.detect.record_subject import record_subject_spans
from sglang_safekv.detect.registry import Recognizer, RecognizerRegistry, TextWindow
from sglang_safekv.detect.repeated import repeated_spans
from sglang_safekv.detect.segment import sentence_bounds
from sglang_safekv.detect.service_line import on_service_lines
from sglang_safekv.detect.tier2 import SENTENCE_REST_CHARS

logger = logging.getLogger(__name__)

# Findings a published service line may hold: its number and its mailbox.
_CONTACT = frozenset({Category.PHONE, Category.EMAIL})


class TierUnavailable(RuntimeError):
    """A tier the policy needs could not be loaded."""


@dataclasses.dataclass
class Detection:
    """What the detector found in one window."""

    window: TextWindow
    spans: list[Span]  # sensitive findings (policy applied), by start
    hints: list[Span]  # findings below threshold (they decide what tier 3 reads)
    tier_seconds: dict[int, float]
    tier3_sentences: int = 0

    @functools.cached_property
    def biographies(self) -> list[tuple[int, int]]:
        """The window's lines a dead public figure's lead opens (``public_figure.py``), found
        once: every tier's findings, and tier 3's sentence by sentence, are checked against
        them."""
        return biography_ranges(self.window.text)

    @property
    def first(self) -> int | None:
        """First sensitive character inside the window, or None when it is clean."""
        starts = [max(s.start, self.window.start) for s in self.spans if s.end > self.window.start]
        return min(starts) if starts else None

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({s.category.value for s in self.spans}))


def default_registry(config: DetectorConfig) -> RecognizerRegistry:
    """Tier 1 patterns, turn context, seed phrases, passwords near a password word and numbers near a word naming them, security answers, private matters in 14 other languages, lines of notes and case records, a named person's medical or legal matter in a record, person fields of pasted records, coordinates of a home, sentences in languages the models cannot read, tier 2 spaCy NER, tier 3 sentence classifier."""
    from sglang_safekv.detect.case_notes import CaseNoteRecognizer
    from sglang_safekv.detect.context import TurnContextRecognizer
    from sglang_safekv.detect.home_location import HomeLocationRecognizer
    from sglang_safekv.detect.named_matter import NamedMatterRecognizer
    from sglang_safekv.detect.number_near import NumberNearWordRecognizer
    from sglang_safekv.detect.password_near import NearPasswordRecognizer
    from sglang_safekv.detect.private_matter import PrivateMatterRecognizer
    from sglang_safekv.detect.record_fields import RecordFieldRecognizer
    from sglang_safekv.detect.security_answer import SecurityAnswerRecognizer
    from sglang_safekv.detect.seed_phrase import SeedPhraseRecognizer
    from sglang_safekv.detect.tier1 import PatternRecognizer
    from sglang_safekv.detect.tier2 import SpacyNerRecognizer
    from sglang_safekv.detect.tier3 import TransformerRecognizer
    from sglang_safekv.detect.unread_language import UnreadLanguageRecognizer

    registry = RecognizerRegistry()
    if 1 in config.tiers:
        registry.register(PatternRecognizer(engine=config.tier1_engine))
        registry.register(TurnContextRecognizer())
        registry.register(SeedPhraseRecognizer())
        registry.register(NearPasswordRecognizer())
        registry.register(NumberNearWordRecognizer())
        registry.register(SecurityAnswerRecognizer())
        registry.register(PrivateMatterRecognizer())
        registry.register(CaseNoteRecognizer())
        registry.register(NamedMatterRecognizer())
        registry.register(RecordFieldRecognizer())
        registry.register(HomeLocationRecognizer())
        if config.unread_languages == "private":
            registry.register(UnreadLanguageRecognizer())
    if 2 in config.tiers:
        registry.register(SpacyNerRecognizer(config.spacy_pipeline))
    if 3 in config.tiers:
        registry.register(TransformerRecognizer(config.tier3_model_dir or None))
    return registry


class Detector:
    def __init__(self, policy: DetectionPolicy, registry: RecognizerRegistry) -> None:
        self.policy = policy
        self.registry = registry
        self.unavailable: dict[str, str] = {}  # recognizer name -> why it did not load

    @classmethod
    def from_config(cls, config: DetectorConfig) -> Detector:
        return cls(DetectionPolicy.from_config(config), default_registry(config))

    def load(self) -> dict[str, str]:
        """Load every recognizer; returns (and remembers) the ones that failed, with why."""
        for recognizer in self.registry:
            try:
                recognizer.load()
            except Exception as exc:  # any failure: that tier is unavailable, fail closed
                reason = f"{type(exc).__name__}: {exc}"
                self.unavailable[recognizer.name] = reason
                logger.error(
                    "detector tier %d recognizer %r failed to load, content that needs it "
                    "stays private: %s",
                    recognizer.tier,
                    recognizer.name,
                    reason,
                )
        return dict(self.unavailable)

    def detect(
        self, text: str, start: int = 0, end: int | None = None, *, first_only: bool = False
    ) -> Detection:
        end = len(text) if end is None else end
        return self.detect_batch([TextWindow(text, start, end)], first_only=first_only)[0]

    def detect_batch(
        self, windows: Sequence[TextWindow], *, first_only: bool = False
    ) -> list[Detection]:
        results = [Detection(w, [], [], {}) for w in windows]
        cuts = [w.end for w in windows]
        for tier in (1, 2):
            if tier not in self.policy.tiers:
                continue
            active = [i for i, w in enumerate(windows) if cuts[i] > w.start]
            if not active:
                break
            sub = [TextWindow(windows[i].text, windows[i].start, cuts[i]) for i in active]
            found, seconds = self._run_tier(tier, sub)
            for i, spans in zip(active, found):
                results[i].tier_seconds[tier] = seconds / len(active)
                self._absorb(results[i], spans, tier)
                first = results[i].first
                if first_only and first is not None:
                    cuts[i] = first
        if 3 in self.policy.tiers:
            self._tier3(windows, results, cuts, skip_flagged=first_only)
        for i, r in enumerate(results):
            named = antecedent_spans(r.window.text, r.spans)  # "... Corey Vance? He's ..."
            named += record_subject_spans(r.window.text, r.spans)  # '"name": "Imogen Thale",'
            named += greeting_spans(r.window.text, r.spans)  # "Prezada Juliana ..., salário"
            named += near_name_spans(r.window.text, r.spans)  # "registered to Emily Zhou at 88 ..."
            named += encoded_name_spans(r.window.text, r.window.start, cuts[i], 0.9)  # "\\u0052..."
            r.spans += [s for s in named if self.policy.is_sensitive(s)]
            r.spans += repeated_spans(r.window, r.spans)  # the same name in a query above
            r.spans.sort(key=lambda s: (s.start, s.end))
        return results

    def _tier3(
        self,
        windows: Sequence[TextWindow],
        results: list[Detection],
        cuts: list[int],
        skip_flagged: bool,
    ) -> None:
        strict_policy = self.policy.escalation is Escalation.STRICT
        owners: list[int] = []
        sentences: list[TextWindow] = []
        unhinted: list[bool] = []  # read only because its message is short
        for i, w in enumerate(windows):
            if cuts[i] <= w.start:
                continue
            # A short message (a user's turn) is read whole: strict_below_chars.
            short = w.end - w.start <= self.policy.strict_below
            bounds = sentence_bounds(w.text, w.start, cuts[i])
            for k, (b, e) in enumerate(bounds):
                flagged = any(s.start < e and b < s.end for s in results[i].spans)
                if skip_flagged and flagged:
                    continue  # already private from its first sensitive character on
                # Sensitive content clusters: the sentence of a finding (with first_only, its
                # part before the finding) is judged too, for a name before an email, say.
                cut_short = cuts[i] < w.end and k == len(bounds) - 1
                hinted = (
                    flagged or cut_short or any(s.start < e and b < s.end for s in results[i].hints)
                )
                if strict_policy or hinted or short:
                    owners.append(i)
                    sentences.append(TextWindow(w.text, b, e))
                    unhinted.append(not (strict_policy or hinted))
                if cut_short:
                    # The cut sentence is read to its end too, as without first_only: the part
                    # before a finding can read as harmless ("Case: Wanjiru Kamau (uid
                    # 4471902) was suggested ") and the whole as private, or the other way.
                    rest = sentence_bounds(w.text, b, min(w.end, cuts[i] + SENTENCE_REST_CHARS))
                    if rest and rest[0][1] > e:
                        owners.append(i)
                        sentences.append(TextWindow(w.text, b, rest[0][1]))
                        unhinted.append(False)
        if not sentences:
            return
        found, seconds = self._run_tier(3, sentences)
        bar = self.policy.strict_below_threshold
        for i, spans, alone in zip(owners, found, unhinted):
            if alone:  # a plain statement needs a clear verdict: strict_below_threshold
                spans = [s for s in spans if s.score >= bar]
            results[i].tier_seconds[3] = results[i].tier_seconds.get(3, 0.0) + seconds / len(
                sentences
            )
            results[i].tier3_sentences += 1
            self._absorb(results[i], spans, 3)

    def _absorb(self, result: Detection, spans: list[Span], tier: int) -> None:
        text = result.window.text
        for span in spans:
            if result.biographies and told_of_a_public_figure(text, span, result.biographies):
                continue  # "Frida Kahlo (1907 - 1954) was ... she contracted polio"
            if (
                tier == 1
                and span.category not in NARRATIVE
                and is_published(text[span.start : span.end])
            ):
                continue  # a vendor's example key or test number, or a slot for a value
                # (a value's finding: a sentence that ends in "note: xxx" is no example)
            if (tier == 3 or span.category in _CONTACT) and on_service_lines(
                text, span.start, span.end
            ):
                continue  # "- Claims line (24/7): 0345 600 1234": a company's, published
            if tier == 3 and only_published_values(text[span.start : span.end]):
                continue  # "AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE": the vendor's example
                # (a table's cell "4242 4242 4242 4242", read as a person's)
            if self.policy.is_sensitive(span):
                result.spans.append(span)
            elif span.category in self.policy.categories and span.score > 0 and tier < 3:
                result.hints.append(span)

    def _recognizers(self, tier: int) -> list[Recognizer]:
        recognizers = self.registry.for_tier(tier, self.policy.categories)
        missing = [r.name for r in recognizers if r.name in self.unavailable]
        if missing or not recognizers:
            raise TierUnavailable(
                f"tier {tier} is required but unavailable: "
                + (", ".join(f"{n} ({self.unavailable[n]})" for n in missing) or "none registered")
            )
        return recognizers

    def _run_tier(self, tier: int, windows: list[TextWindow]) -> tuple[list[list[Span]], float]:
        t0 = time.perf_counter()
        merged: list[list[Span]] = [[] for _ in windows]
        for recognizer in self._recognizers(tier):
            for i, spans in enumerate(recognizer.analyze(windows)):
                merged[i].extend(spans)
        return merged, time.perf_counter() - t0
