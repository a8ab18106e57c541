"""A dead public figure's biography is public, the private matters it tells included.

"Frida Kahlo (6 July 1907 - 13 July 1954) was a Mexican painter ... At age six she contracted
polio": an encyclopedia's lead (a name, the two ends of a life in brackets, "was") says whom
the line is about, and tiers 2 and 3 read its illness, faith, trial or birthplace as a private
person's. The policy makes public figures' stories public, and this lead is the one cue words
give. The lead's sentence must name a public role ("painter", "president", "escritor"): a private
person's obituary opens the same way ("Ellen Marsh (1962 - 2023) was a school librarian").
A living person's lead ("Elton John (born 25 March 1947) is ...") is not used: "Jane Roe
(born 1990) is a nurse" opens CVs and case notes as well, and a note's "(DOB ...)", "(Room
214)" or "(staff ID 4471)" is no life's end either.

On the lead's line, findings about a life (a name, health, a story, a place, money, dates)
are dropped, except in a sentence with a first-person word ("my", "ich", "je": the writer's own
life is private wherever it is written) and except what a language no tier reads made private
(``unread_language``). Addresses, identifiers, contact data and credentials are never
dropped.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.segment import sentence_bounds

REACH = 3000  # characters of its line a lead can speak for
CURRENT_YEAR = 2026  # a death year after it is no life's end
# What a biography tells about its subject's life.
ABOUT_A_LIFE = frozenset(
    {
        Category.PERSON,
        Category.HEALTH,
        Category.PERSONAL,
        Category.LOCATION,
        Category.FINANCE,
        Category.DATE_OF_BIRTH,  # a dead person's ("diagnosed in 1963 at the age of 21")
    }
)
# What no tier reads, and a record's fields ("Member ID: A88213", "Diagnosis: HIV" on the
# lead's line): a pasted record's values are data, not the biography's story (stop 39 review).
_KEPT_SOURCES = ("unread_language", "record_fields")

_CAPITALISED = r"[A-ZÀ-ÖØ-ÞŁŚŠŽČŘ][\w'’.-]+"
_YEAR = r"\b(?:1[0-9]{3}|20[0-2][0-9])\b"
# A lead: at a line's start, a name of two to five words, its life's two ends in brackets (a
# birth year, a dash, a death year: a person no longer alive, and the way encyclopedias open),
# then "is"/"was" in the languages the detector reads ("fue", "foi", "war", "était", "è",
# "был") or a comma and an article. A living person's "(born 1990) is a nurse" is how a CV or
# a case note opens too, so it is no lead.
_LEAD = re.compile(
    rf"(?:^|\n)[ \t]*(?P<name>{_CAPITALISED}(?:[ \t]+(?:{_CAPITALISED}|de|da|van|von|del|di|du|la|le)){{1,4}})"
    rf"[ \t]*\([^()\n]{{0,80}}?(?P<born>{_YEAR})[^()\n]{{0,80}}?[ \t]*[-–—][ \t]*[^()\n]{{0,80}}?"
    rf"(?P<died>{_YEAR})[^()\n]{{0,40}}\)[ \t]*(?:,[ \t]*)?"
    r"(?:is|was|are|were|fue|es|era|foi|é|est|était|fut|war|ist|è|fu|был|была|jest|był|była"
    r"|var|är|oli|on|adalah|là"
    # or an apposition: "Franklin Delano Roosevelt (1882 - 1945), the 32nd president"
    r"|(?<=,)[ \t]*(?:the|an?|el|la|le|der|die|das|il|lo|o|een|de))\b"
    # and, in the rest of its sentence, a role that makes a life public: an obituary's "retired
    # postman" or "school librarian" is a private person's, whose suicide stays private
    r"(?=[^.\n]{0,160}?\b(?i:president|prime minister|chancellor|king|queen|emperor|empress"
    r"|pope|general|politician|statesman|activist|leader|painter|artist|sculptor|composer"
    r"|musician|singer|rapper|actor|actress|director|filmmaker|writer|novelist|poet|author"
    r"|playwright|philosopher|physicist|chemist|biologist|mathematician|scientist|astronomer"
    r"|inventor|engineer|architect|explorer|economist|historian|journalist|businessman"
    r"|businesswoman|entrepreneur|athlete|footballer|cricketer|boxer|tennis player|cyclist"
    r"|presidente|rey|reina|pintor|pintora|escritor|escritora|poeta|poetisa|compositor"
    r"|cantante|actriz|científico|científica|político|política|periodista|écrivain"
    r"|peintre|poète|chanteur|chanteuse|compositeur|homme politique|femme politique|savant"
    r"|physicien|physicienne|schriftsteller|schriftstellerin|maler|malerin|dichter"
    r"|dichterin|komponist|komponistin|politiker|politikerin|physiker|physikerin|sänger"
    r"|sängerin|scrittore|scrittrice|pittore|pittrice|compositore|politico|fisico|cantor"
    r"|cantora|física|físico)\b)",
)
# First-person words: the writer's own life is private, biography or not.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|mine|myself|we|our|us|yo|mi|mis|je|j'|mon|ma|mes|moi|ich|mein"
    r"|meine|meinen|meinem|mir|mich|eu|meu|minha|io|mio|mia|miei|ik|mijn|jag|mitt|min|ja|mój"
    r"|moja|moje|я|мой|моя|мне|меня)\b",
    re.IGNORECASE,
)


def biography_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line a dead public figure's lead opens, from the name to the line's
    end, at most ``REACH`` characters."""
    if "(" not in text:
        return []
    ranges = []
    for m in _LEAD.finditer(text):
        if not int(m.group("born")) < int(m.group("died")) <= CURRENT_YEAR:
            continue
        start = m.start("name")
        line_end = text.find("\n", m.end())
        end = min(len(text) if line_end < 0 else line_end, start + REACH)
        ranges.append((start, end))
    return ranges


def told_of_a_public_figure(text: str, span: Span, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``span`` is a finding about a life inside a biography's line, in a sentence with
    no first-person word."""
    if span.category not in ABOUT_A_LIFE or span.source in _KEPT_SOURCES:
        return False
    for start, end in ranges:
        if start <= span.start < end:
            for b, e in sentence_bounds(text, start, end):
                if b <= span.start < e:
                    return _FIRST_PERSON.search(text, b, e) is None
            return False
    return False
