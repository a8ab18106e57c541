"""Tier 1: a password-shaped token in the sentence of a password word, with no copula between.

"Use the guest network, passcode tulip2020", "Is Bluebird$2021 strong enough as a password?",
"my wifi password, if anyone asks: Tulip2020": the stated-secret patterns need "is" or a colon
right after the word, so these stayed public. A token with letters and a digit or a symbol
(``credential_values.password_shaped``) a few words before or after a password word, in the
same sentence, is private; prose about passwords seldom holds one ("12-character",
"argon2id" and "OAuth2" are excluded by the shape rule).

Plain Python rather than a pattern: a regex for "a token holding a letter and a digit, within
six words" either backtracks quadratically on long tokens (``re``) or is too large for
Hyperscan. Here each password word costs two short slices and a split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import password_shaped
from sglang_safekv.detect.normalise import normalise
from sglang_safekv.detect.patterns_stated import NEAR_PASSWORD_WORD
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
NEAR_TOKENS = 6  # tokens read on each side of the word
REACH_CHARS = 160  # and never further than this
# Lowercase stems of every password word: a window without one is skipped at C speed.
_STEMS = (
    "pass", "pw", "pin", "login", "credential", "contrase", "clave", "kennwort", "senha",
    "wachtwoord", "parola", "geheimzahl", "word", "phrase", "schl",
)  # fmt: skip
_WORD = re.compile(rf"\b{NEAR_PASSWORD_WORD}\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_TOKEN = re.compile(r"[^\s\"'«»“”„()\[\]<>,;]+")
_EDGE = ".:!?"


def near_password_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each password-shaped token near a password word in ``text``."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _STEMS):
        return []
    found: set[tuple[int, int]] = set()
    for word in _WORD.finditer(text):
        left_from = max(0, word.start() - REACH_CHARS)
        ends = list(_SENTENCE_END.finditer(text, left_from, word.start()))
        if ends:
            left_from = ends[-1].end()
        right_to = min(len(text), word.end() + REACH_CHARS)
        end = _SENTENCE_END.search(text, word.end(), right_to)
        if end:
            right_to = end.start() + 1  # keep the dot: "tulip2020." is still the token
        before = list(_TOKEN.finditer(text, left_from, word.start()))[-NEAR_TOKENS:]
        after = []
        for token in _TOKEN.finditer(text, word.end(), right_to):
            after.append(token)
            if len(after) == NEAR_TOKENS:
                break
        for token in (*before, *after):
            value = token.group()
            lead = len(value) - len(value.lstrip(_EDGE))
            value = value.strip(_EDGE)
            if value and password_shaped(value):
                b = token.start() + lead
                found.add((b, b + len(value)))
    return sorted(found)


class NearPasswordRecognizer(Recognizer):
    tier = 1
    name = "password_near_word"
    categories = frozenset({Category.CREDENTIAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self._scan(w) for w in windows]

    def _scan(self, window: TextWindow) -> list[Span]:
        # Read back far enough that a word just before the window still marks a token in it.
        offset = max(0, window.start - REACH_CHARS)
        norm = normalise(window.text[offset : window.end])
        spans = []
        for b, e in near_password_spans(norm.text):
            ob, oe = norm.to_original(b, e)
            ob, oe = ob + offset, oe + offset
            if oe > window.start and ob < window.end:
                spans.append(Span(ob, oe, Category.CREDENTIAL, 1, SCORE, self.name))
        return spans
