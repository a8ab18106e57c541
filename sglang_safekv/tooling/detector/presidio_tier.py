"""Tier 2 through Presidio's analyzer (optional, for comparison; not the default).

Presidio adds its own recognizers (phone, IBAN, SSN, ... with context words) on top of the
same spaCy NER. ``eval/detector_eval.py --presidio`` measures it against our tier 2 on the same
corpus; the numbers decide whether it is worth its latency. Offline: tldextract, which its
email recognizer calls, is pinned to the suffix list bundled with it (no download, no cache).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow

# Presidio entity type -> our category.
ENTITY_CATEGORY = {
    "PERSON": Category.PERSON,
    "EMAIL_ADDRESS": Category.EMAIL,
    "PHONE_NUMBER": Category.PHONE,
    "CREDIT_CARD": Category.CREDIT_CARD,
    "IBAN_CODE": Category.BANK_ACCOUNT,
    "US_BANK_NUMBER": Category.BANK_ACCOUNT,
    "US_SSN": Category.GOV_ID,
    "US_ITIN": Category.GOV_ID,
    "US_PASSPORT": Category.GOV_ID,
    "US_DRIVER_LICENSE": Category.GOV_ID,
    "MEDICAL_LICENSE": Category.GOV_ID,
    "IP_ADDRESS": Category.IP_ADDRESS,
    "LOCATION": Category.LOCATION,
    "DATE_TIME": Category.DATE_OF_BIRTH,
    "NRP": Category.PERSONAL,
    "CRYPTO": Category.CREDENTIAL,
}


class PresidioRecognizer(Recognizer):
    tier = 2
    categories = frozenset(ENTITY_CATEGORY.values())

    def __init__(self, pipeline: str, name: str = "presidio") -> None:
        self.name = name
        self.pipeline = pipeline
        self._analyzer = None
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._analyzer is not None:
            return
        import tldextract

        offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        tldextract.extract = offline  # the module function Presidio calls
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": self.pipeline}],
            }
        )
        self._analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        self.load()
        out: list[list[Span]] = []
        for w in windows:
            text = w.text[: w.end]
            with self._lock:
                results = self._analyzer.analyze(text=text, language="en")
            spans = []
            for r in results:
                category = ENTITY_CATEGORY.get(r.entity_type)
                if category is not None and r.end > w.start and r.start < r.end:
                    spans.append(Span(r.start, r.end, category, 2, float(r.score), self.name))
            out.append(spans)
        return out
