"""A private fact told of "he" or "she" makes the person named just before it private too.

"Can you draft a performance improvement plan for Corey Vance? He's been missing deadlines
ever since his divorce": tier 3 flags the second sentence, so the private part started at
"He's" and the name, which says whose divorce it is, stayed shared. When a finding opens its
sentence with a third-person pronoun, the nearest name of the sentence before it (two or three
capitalised words, or a title and a name) is private from its first character. The cost is at
most the tail of one sentence before text that is private anyway.

A finding may open with the person's first name instead ("FW: Candidate - Priyanka Desai" over
"Priyanka's current comp is $118k ...", "Subject: Re: Tyler Gunderson" over "Tyler disclosed
today ..."): the nearest full name above, within ``NAMED_REACH_CHARS``, whose first or last word
that is, is private too.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.record_subject import person_like
from sglang_safekv.detect.segment import sentence_bounds

LOOK_BACK_CHARS = 240  # how far back the sentence before may start
_PRONOUN_START = re.compile(r"(?:He|She|They|His|Her|Their|Him|Them)(?:['’](?:s|d|ll|re|ve))?\b")
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)"
_PART = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"  # "Kerry-Ann", "Adebayo-Hart"
_NAME = re.compile(
    rf"(?<![\w-])(?:{_TITLE}\.?[ ]+{_PART}|(?!{_TITLE}\b){_PART}(?:[ ](?!{_TITLE}\b){_PART}){{1,2}})\b"
)
SOURCE = "antecedent"
MAX_NAMED = 64  # findings per window whose opening word is looked for above (the earliest)
NAMED_REACH_CHARS = 1200  # how far above a finding the full name its first name stands for may be
_OPENING_NAME = re.compile(rf"(?:{_TITLE}\.?[ ]+)?(?P<word>{_PART})(?:['’]s)?\b")
# Capitalised words that open sentences and are no one's name.
_NOT_A_GIVEN_NAME = frozenset(
    """The This That These Those There Here What When Where Which Who Why How Please Note
    Thanks Thank Dear Hi Hello Subject From To Re Fw Fwd Team Patient Client Customer Student
    Employee Candidate Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Next First Last New Our Your All Some Each Every Any Both Other Such Welcome
    Reminder Update""".split()  # noqa: SIM905
)


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


def named_before(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the nearest full name above a finding at ``start`` that opens with
    a word of that name ("Priyanka's ..." under "Priyanka Desai"); not a heading's words ("##
    Next Steps") nor a product's or an organisation's ("Chase Bank", "Grace Hopper Celebration")."""
    opening = _OPENING_NAME.match(text, start)
    if opening is None or opening.group("word") in _NOT_A_GIVEN_NAME:
        return None
    word = opening.group("word")
    found = None
    for m in _NAME.finditer(text, max(0, start - NAMED_REACH_CHARS), start):
        words = m.group().split()
        if len(words) < 2 or word not in (words[0], words[-1]):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.startswith("#", line_start) or not person_like(m.group(), one_word_ok=False):
            continue
        after = text[m.end() : m.end() + 2]
        if (after[:1] == " " and after[1:2].isupper()) or text[
            max(0, m.start() - 4) : m.start()
        ].lower() == "the ":
            continue  # a thing's name: "Chase Bank API", "the Grace Hopper Celebration"
        found = m.span()
    return found


def antecedent_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the name each of ``spans`` refers to, where it is before the span."""
    out = []
    for k, span in enumerate(sorted(spans, key=lambda s: s.start)):
        found = antecedent(text, span.start)
        if found is None and k < MAX_NAMED:
            found = named_before(text, span.start)  # "Lisa" under "From: Lisa Marquez" too
        if found is not None and found[0] < span.start:
            out.append(Span(found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE))
    return out
