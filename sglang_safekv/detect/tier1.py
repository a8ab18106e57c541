"""Tier 1: compiled multi-pattern scan, validators, context keywords. Microseconds per prompt.

The engine (Hyperscan, RE2 or ``re``) names the patterns that match anywhere in the window;
only those are re-run with Python's ``re`` to extract spans and check them (Luhn, mod-97,
SSN rules, placeholders). Clean text, the common case, costs one engine scan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Span
from sglang_safekv.detect.engines import PatternEngine, make_engine
from sglang_safekv.detect.normalise import normalise
from sglang_safekv.detect.patterns import PatternSpec, default_patterns
from sglang_safekv.detect.registry import Recognizer, TextWindow

# Characters before the judged range that tier 1 also scans, so that "password: " just
# before the range still makes the value at its start sensitive.
CONTEXT_CHARS = 160


class PatternRecognizer(Recognizer):
    tier = 1

    def __init__(
        self,
        specs: Sequence[PatternSpec] | None = None,
        engine: str = "auto",
        name: str = "patterns",
    ) -> None:
        self.name = name
        self.specs = tuple(default_patterns() if specs is None else specs)
        if not self.specs:
            raise ValueError("a pattern recognizer needs at least one pattern")
        self.categories = frozenset(s.category for s in self.specs)
        self.engine_name = engine
        self._engine: PatternEngine | None = None
        self._compiled = [
            re.compile(s.regex, re.ASCII | (re.IGNORECASE if s.caseless else 0)) for s in self.specs
        ]
        self._reject = [
            re.compile(s.reject_before) if s.reject_before else None for s in self.specs
        ]
        self._reject_match = [
            re.compile(s.reject_match, re.IGNORECASE) if s.reject_match else None
            for s in self.specs
        ]
        self._reject_before_match = [
            re.compile(s.reject_before_match, re.IGNORECASE) if s.reject_before_match else None
            for s in self.specs
        ]

    def load(self) -> None:
        if self._engine is None:
            self._engine = make_engine(self.engine_name, self.specs)

    @property
    def engine(self) -> PatternEngine:
        self.load()
        assert self._engine is not None
        return self._engine

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self.scan(w.text, w.start, w.end) for w in windows]

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Span]:
        """Spans (sensitive ones and hints) overlapping ``text[start:end]``, sorted by start.

        Patterns run on the normalised window (``normalise.py``); spans map back exactly.
        """
        end = len(text) if end is None else end
        offset = max(0, start - CONTEXT_CHARS)
        norm = normalise(text[offset:end])
        window = norm.text
        spans: list[Span] = []

        def original(b: int, e: int) -> tuple[int, int]:
            ob, oe = norm.to_original(b, e)
            return ob + offset, oe + offset

        located = self.engine.hint_spans(window)
        for index, b, e in located or ():
            if b >= e:
                continue
            b, e = original(b, e)
            if start < e and b < end:
                spec = self.specs[index]
                spans.append(Span(b, e, spec.category, 1, spec.score, spec.name))
        for index in self.engine.matching(window):
            spec = self.specs[index]
            if spec.hint and located is not None:
                continue
            for m in self._compiled[index].finditer(window):
                has_value = "v" in m.re.groupindex and m.group("v") is not None
                nb, ne = m.span("v") if has_value else m.span()
                if nb >= ne:
                    continue
                b, e = original(nb, ne)
                if e <= start or b >= end:
                    continue
                reject = self._reject[index]
                if reject is not None and reject.search(window, max(0, nb - 24), nb):
                    continue
                reject_match = self._reject_match[index]
                if reject_match is not None and reject_match.search(m.group()):
                    continue
                reject_before_match = self._reject_before_match[index]
                if reject_before_match is not None and reject_before_match.search(
                    window, max(0, m.start() - 24), m.start()
                ):
                    continue
                score = spec.score
                if spec.validator is not None:
                    if spec.reads_after:
                        verdict = spec.validator(window[nb:ne], window[ne : ne + 40])
                    else:
                        verdict = spec.validator(window[nb:ne])
                    if verdict is False:
                        continue
                    if verdict is not True:
                        score = float(verdict)
                spans.append(Span(b, e, spec.category, 1, score, spec.name))
        spans.sort(key=lambda s: (s.start, -s.score))
        return spans
