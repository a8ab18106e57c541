"""A string found private is private where it occurs earlier too.

A finding is made in its context: `web_search("Kayleigh Dunmore Swindon")` says nothing, the
search results below it ("Kayleigh Dunmore - Facebook. Lives in Swindon ...") do. The finding
started the private part at the results, and the query above, which holds the same name,
stayed shared. A name, an e-mail, a number or a key is the same secret wherever it stands, so
each earlier occurrence inside the window starts a span of its own.

Only strings that identify by themselves count: full names (two words or more), contact
data, numbers of documents, cards and accounts, addresses and credentials that are not plain
words. A place, a date, a diagnosis or a story is private through its context ("I live in
Leeds", "Date of birth: 24/08/1995"), and the same words elsewhere ("Leeds weather", "Windows
95 launched on 24/08/1995") are not. The cost is nothing for a window without a finding,
and for one with a finding the text between the first mention and the finding.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.near_name import SOURCE as GUESSED_NAME
from sglang_safekv.detect.registry import TextWindow

SOURCE = "repeated"
MIN_CHARS = 5  # shorter strings ("Ana", "4471") are too common to stand for one secret
LOWERCASE_SURNAME = 6  # a name this long at its end is matched in lower case too ("the mark
# price" is no "Mark Price", "marta kowalczyk" is "Marta Kowalczyk")
MAX_STRINGS = 64  # distinct strings looked for per window (the earliest findings)

# Categories whose string alone says whose or which secret it is.
IDENTIFYING = frozenset(
    {
        Category.PERSON,
        Category.EMAIL,
        Category.PHONE,
        Category.ADDRESS,
        Category.GOV_ID,
        Category.CREDIT_CARD,
        Category.BANK_ACCOUNT,
        Category.IP_ADDRESS,
        Category.CREDENTIAL,
    }
)


def _pattern(surface: str, category: Category) -> re.Pattern[str] | None:
    """How ``surface`` is looked for: its words with any blanks between, not inside a longer
    word or number; a name also in capitals or with capitals first ("KAYLEIGH DUNMORE", not
    "the mark price" for "Mark Price"). None when the string is too weak to stand alone: one
    word of a name ("Ethan" is many people's), a credential that is a plain word ("sunshine"
    in a poem above "the password is sunshine")."""
    words = surface.split()
    if len("".join(words)) < MIN_CHARS:
        return None
    if category is Category.PERSON:
        if len(words) < 2 or not all(any(c.isalpha() for c in w) for w in words):
            return None
        forms = {" ".join(words), " ".join(words).upper(), " ".join(w.capitalize() for w in words)}
        if len(words[-1]) >= LOWERCASE_SURNAME:
            forms.add(" ".join(words).lower())  # "marta kowalczyk" typed in a hurry
    else:
        if category is Category.CREDENTIAL and "".join(words).isalpha():
            return None
        forms = {" ".join(words)}
    body = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms))
    return re.compile(rf"(?<![\w@.+-])(?:{body})(?![\w@])")


def repeated_spans(window: TextWindow, spans: list[Span]) -> list[Span]:
    """A span at each earlier occurrence, inside ``window``, of what an identifying span of
    ``spans`` holds."""
    text = window.text
    seen: set[str] = set()
    out: dict[tuple[int, int], Span] = {}
    for span in sorted(spans, key=lambda s: s.start):
        if span.category not in IDENTIFYING or span.start <= window.start:
            continue
        if span.source == GUESSED_NAME:
            continue  # "Getting Started" before a finding: no name to look for above
        surface = text[span.start : span.end].strip()
        if surface in seen:
            continue
        seen.add(surface)
        if len(seen) > MAX_STRINGS:
            break
        pattern = _pattern(surface, span.category)
        if pattern is None:
            continue
        for m in pattern.finditer(text, window.start, span.start):  # ends before the span
            if m.span() not in out:
                out[m.span()] = Span(
                    m.start(), m.end(), span.category, span.tier, span.score, SOURCE
                )
    return list(out.values())
