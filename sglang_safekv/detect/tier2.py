"""Tier 2: spaCy named-entity recognition with context enhancement. Milliseconds, batched.

Names have no format, so patterns cannot find them; a statistical NER model can. Only the
``ner`` component runs (the tagger, parser and lemmatizer are excluded: they cost time and the
small English pipeline's NER has its own embedding layer). Entities become findings with a
base score per label, raised when the sentence ties them to a person ("I live in Denver",
"born on 3 May 1980"); below-threshold findings only send their sentence to tier 3.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

_PERSONAL = re.compile(
    r"\b(?:i|i'm|im|i've|my|me|mine|live[sd]?|living|born|moved|home|reside[sd]?"
    r"|address|patient|employee|tenant|customer|applicant|beneficiary|holder)\b",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:born|birth|dob|d\.o\.b|birthday|age)\b", re.IGNORECASE)

# spaCy label -> (category, base score, context pattern, score with context)
LABEL_RULES: dict[str, tuple[Category, float, re.Pattern[str] | None, float]] = {
    "PERSON": (Category.PERSON, 0.85, None, 0.85),
    "GPE": (Category.LOCATION, 0.35, _PERSONAL, 0.75),
    "LOC": (Category.LOCATION, 0.35, _PERSONAL, 0.75),
    "FAC": (Category.ADDRESS, 0.35, _PERSONAL, 0.75),
    "DATE": (Category.DATE_OF_BIRTH, 0.2, _BIRTH, 0.8),
    "MONEY": (Category.FINANCE, 0.2, _PERSONAL, 0.3),
    "NORP": (Category.PERSONAL, 0.2, _PERSONAL, 0.3),
}


class SpacyNerRecognizer(Recognizer):
    tier = 2
    categories = frozenset(rule[0] for rule in LABEL_RULES.values())

    def __init__(self, pipeline: str, batch_size: int = 64, name: str = "spacy_ner") -> None:
        self.name = name
        self.pipeline = pipeline
        self.batch_size = batch_size
        self._nlp = None
        self._lock = threading.Lock()  # one spaCy pipeline, used by one thread at a time

    def load(self) -> None:
        if self._nlp is not None:
            return
        import spacy

        nlp = spacy.load(self.pipeline)  # raises OSError when the pipeline is not installed
        if "ner" not in nlp.pipe_names:
            raise ValueError(f"spaCy pipeline {self.pipeline!r} has no 'ner' component")
        keep = ["ner"]
        for name in nlp.pipe_names:  # a shared embedding layer that NER listens to must run
            if "ner" in getattr(nlp.get_pipe(name), "listening_components", ()):
                keep.insert(0, name)
        nlp.select_pipes(enable=keep)
        self._nlp = nlp

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        self.load()
        assert self._nlp is not None
        # Every sentence that overlaps a window, in one batch through nlp.pipe.
        jobs: list[tuple[int, int, int]] = []
        for wi, w in enumerate(windows):
            jobs += [(wi, b, e) for b, e in sentence_bounds(w.text, w.start, w.end)]
        texts = [windows[wi].text[b:e] for wi, b, e in jobs]
        with self._lock:
            docs = list(self._nlp.pipe(texts, batch_size=self.batch_size))
        out: list[list[Span]] = [[] for _ in windows]
        for (wi, b, _e), sentence, doc in zip(jobs, texts, docs):
            w = windows[wi]
            for ent in doc.ents:
                rule = LABEL_RULES.get(ent.label_)
                if rule is None:
                    continue
                category, base, context, boosted = rule
                score = boosted if context is not None and context.search(sentence) else base
                start, end = b + ent.start_char, b + ent.end_char
                if end > w.start and start < w.end:
                    out[wi].append(
                        Span(start, end, category, 2, score, f"{self.name}:{ent.label_}")
                    )
        return out
