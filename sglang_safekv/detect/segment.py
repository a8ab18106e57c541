"""Sentence segmentation, our own and deliberately simple.

Tiers 2 and 3 judge sentences: NER needs a sentence of context, and the tier-3 classifier
labels whole sentences (a health narrative is a sentence, not a word). Rule based and fast:
split after sentence punctuation followed by a space, at line breaks, and cap very long runs.
"""

from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 400

# Punctuation that ends a sentence (unless the word before is a common abbreviation), line
# breaks, escaped line breaks (a JSON string in a prompt), table cell separators.
# Each alternative starts only at the first character of its run ("....", blanks before a "|"),
# so a long run costs one pass, not one per character (100k blanks took 28 s).
_BOUNDARY = re.compile(
    r"(?<![.!?])[.!?]++[\"')\]]*+(?:\s++|(?=\\n))|\n++|(?:\\n)++|(?<![ \t])[ \t]*+\|\s*+|\|\s*+"
)
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "apt", "no", "fig", "approx", "dept", "est", "u.s", "a.m", "p.m", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "rd",
}  # fmt: skip


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences overlapping ``text[start:end]``, as (begin, end) character offsets.

    The first sentence may begin before ``start`` (its beginning is context); no sentence
    extends past ``end``. Leading and trailing whitespace is trimmed; empty ones dropped.
    """
    end = len(text) if end is None else end
    if start >= end:
        return []
    # Back up to the start of the sentence that contains ``start``.
    begin = 0
    for m in _BOUNDARY.finditer(text, max(0, start - MAX_SENTENCE_CHARS), start):
        if not _is_abbreviation(text, m.start()):
            begin = m.end()
    out: list[tuple[int, int]] = []
    for m in _BOUNDARY.finditer(text, begin, end):
        if m.end() <= start or _is_abbreviation(text, m.start()):
            continue
        _add(text, begin, m.start() + _kept_punctuation(m.group()), out)
        begin = m.end()
    _add(text, begin, end, out)
    return [(b, e) for b, e in out if e > start]


def _kept_punctuation(boundary: str) -> int:
    """Characters of the boundary match that belong to the sentence (its final punctuation)."""
    stripped = boundary.rstrip()
    return len(stripped) if stripped and stripped[0] in ".!?" else 0


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot >= len(text) or text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add(text: str, begin: int, end: int, out: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    while end - begin > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", begin, begin + MAX_SENTENCE_CHARS)
        cut = cut if cut > begin else begin + MAX_SENTENCE_CHARS
        out.append((begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin:
        out.append((begin, end))
