"""A private fact told of "he" or "she" makes the person named just before it private too.

"Can you draft a performance improvement plan for Corey Vance? He's been missing deadlines
ever since his divorce": tier 3 flags the second sentence, so the private part started at
"He's" and the name, which says whose divorce it is, stayed shared. When a finding opens its
sentence with a third-person pronoun, the nearest name of the sentence before it (two or three
capitalised words, or a title and a name) is private from its first character. The cost is at
most the tail of one sentence before text that is private anyway.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.segment import sentence_bounds

LOOK_BACK_CHARS = 240  # how far back the sentence before may start
_PRONOUN_START = re.compile(r"(?:He|She|They|His|Her|Their|Him|Them)(?:['’](?:s|d|ll|re|ve))?\b")
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)"
_PART = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"  # "Kerry-Ann", "Adebayo-Hart"
_NAME = re.compile(
    rf"(?<![\w-])(?:{_TITLE}\.?[ ]+{_PART}|(?!{_TITLE}\b){_PART}(?:[ ](?!{_TITLE}\b){_PART}){{1,2}})\b"
)
SOURCE = "antecedent"


def antecedent(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the name a finding at ``start`` refers to, if it opens its sentence
    with "he", "she", "they", ... and the sentence before names someone."""
    if not _PRONOUN_START.match(text, start):
        return None
    bounds = sentence_bounds(text, max(0, start - LOOK_BACK_CHARS), start + 1)
    if len(bounds) < 2 or bounds[-1][0] != start:
        return None  # not at a sentence start, or no sentence before it in reach
    begin, end = bounds[-2]
    names = list(_NAME.finditer(text, begin, end))
    return names[-1].span() if names else None


def antecedent_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the name each of ``spans`` refers to, where it is before the span."""
    out = []
    for span in spans:
        found = antecedent(text, span.start)
        if found is not None and found[0] < span.start:
            out.append(Span(found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE))
    return out
