"""A public figure's biography is public, the private matters it tells included.

"Frida Kahlo (6 July 1907 - 13 July 1954) was a Mexican painter ... At age six she contracted
polio", "Elton John (born Reginald Kenneth Dwight, 25 March 1947, in Pinner) is an English
singer ... He entered rehabilitation in 1990": an encyclopedia's lead (a name, its life dates
in brackets, "is" or "was") says whom the paragraph is about, and tiers 2 and 3 read its
illness, faith, trial or birthplace as a private person's. The policy makes public figures'
stories public, and the words to tell one from a private person are exactly this lead.

In the paragraph a lead opens, findings about a life (a name, health, a story, a place, a birth
date, an address, money) are dropped, except in a sentence with a first-person word ("my",
"ich", "je": the writer's own life is private wherever it is written) and except what a
language no tier reads made private (``unread_language``). Identifiers, contact data and
credentials are never dropped: a biography does not make an e-mail or a phone number public.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.segment import sentence_bounds

REACH = 3000  # characters of a paragraph a lead can speak for
# What a biography tells about its subject's life.
ABOUT_A_LIFE = frozenset(
    {
        Category.PERSON,
        Category.HEALTH,
        Category.PERSONAL,
        Category.LOCATION,
        Category.DATE_OF_BIRTH,
        Category.ADDRESS,
        Category.FINANCE,
    }
)
_KEPT_SOURCES = ("unread_language",)

_CAPITALISED = r"[A-ZÀ-ÖØ-ÞŁŚŠŽČŘ][\w'’.-]+"
# A lead: at a paragraph's or the text's start, a name of two to five words, its life dates in
# brackets (a year of three or four digits in them), then "is"/"was" in the languages the
# detector reads ("fue", "foi", "war", "était", "è", "был") or a comma and an article.
_LEAD = re.compile(
    rf"(?:^|\n)[ \t]*(?P<name>{_CAPITALISED}(?:[ \t]+(?:{_CAPITALISED}|de|da|van|von|del|di|du|la|le)){{1,4}})"
    r"[ \t]*\((?=[^()\n]{0,200}?\b\d{3,4}\b)[^()\n]{4,200}\)[ \t]*(?:,[ \t]*)?"
    r"(?:is|was|are|were|fue|es|era|foi|é|est|était|fut|war|ist|è|fu|был|была|jest|był|była"
    r"|var|är|oli|on|adalah|là"
    # or an apposition: "Franklin Delano Roosevelt (1882 - 1945), the 32nd president"
    r"|(?<=,)[ \t]*(?:the|an?|el|la|le|der|die|das|il|lo|o|een|de))\b"
)
# First-person words: the writer's own life is private, biography or not.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|mine|myself|we|our|us|yo|mi|mis|je|j'|mon|ma|mes|moi|ich|mein"
    r"|meine|meinen|meinem|mir|mich|eu|meu|minha|io|mio|mia|miei|ik|mijn|jag|mitt|min|ja|mój"
    r"|moja|moje|я|мой|моя|мне|меня)\b",
    re.IGNORECASE,
)


def biography_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph an encyclopedia's lead opens: to its first blank line, at
    most ``REACH`` characters."""
    if "(" not in text:
        return []
    ranges = []
    for m in _LEAD.finditer(text):
        start = m.start("name")
        blank = text.find("\n\n", m.end())
        end = min(len(text) if blank < 0 else blank, start + REACH)
        ranges.append((start, end))
    return ranges


def told_of_a_public_figure(text: str, span: Span, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``span`` is a finding about a life inside a biography's paragraph, in a sentence
    with no first-person word."""
    if span.category not in ABOUT_A_LIFE or span.source in _KEPT_SOURCES:
        return False
    for start, end in ranges:
        if start <= span.start < end:
            for b, e in sentence_bounds(text, start, end):
                if b <= span.start < e:
                    return _FIRST_PERSON.search(text, b, e) is None
            return False
    return False
