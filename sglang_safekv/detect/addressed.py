"""A letter's greeting names whose letter it is.

"Prezada Juliana Ferreira da Silva,\n\nComunicamos que ... seu salário ...", "Thanks for
riding, Malik\nPickup 06:12 41 Gainsborough Road": the finding started the private part at the
salary or the address, and the greeting above it, which says whose salary or whose ride it is,
stayed shared. When a finding has a greeting line above it ("Dear", "Hi", "Sehr geehrte Frau",
"Prezada", "Szanowna Pani", ... and a name, or "Thanks ..., Name" at a line's end), the
greeting's name is private from its first character.

A message the writer asks for ("Write a breakup text to Jordan. ... I have chlamydia") names
its addressee the same way.

A greeting alone is no finding: "Dear Customer," and "Hi there," name nobody, and a letter
with nothing private in it stays public. The cost is the lines between a greeting and a
finding below it, in the same message.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.record_subject import person_like

SOURCE = "addressed"
REACH_CHARS = 1200  # how far above a finding its letter's greeting may be
MAX_FINDINGS = 64  # findings looked above per window (the earliest)

_GREETING = (
    r"(?i:dear(?:est)?|hi|hiya|hello|hey|good (?:morning|afternoon|evening|day)|morning|greetings"
    r"|buen(?:os|as) (?:días|dias|tardes|noches)|bo[am] (?:dia|tarde|noite)|goede(?:morgen|middag)"
    r"|dobrý den"
    r"|prezad[oa]s?|car[oa]s?|querid[oa]s?|estimad[oa]s?|ol[áa]|hola|sehr geehrte[rn]?|liebe[rn]?"
    r"|hallo|guten tag|moin|servus|ch[èe]re?s?|bonjour|bonsoir|salut|gentil[ei]|egregi[oa]"
    r"|ciao|buongiorno|beste|geachte|hoi|szanown[aiy](?: pani| panie| państwo)?|drog[aiy]"
    r"|dzień dobry|sayın|sevgili|merhaba|hej|kära|bäste|kjære|hei|kære|hyvä|уважаем(?:ый|ая|ые)"
    r"|дорог(?:ой|ая|ие)|здравствуйте|привет|vážen[áý]|mil[áý]|ahoj|stimate|stimată|dragă"
    r"|kedves|tisztelt|αγαπητ[έή]|kính gửi|chào)"
)
_TITLE = (
    r"(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau|Monsieur|Madame|Mme|Mlle|M|Sr|Sra|Srta|Señor"
    r"|Señora|Signor|Signora|Sig|Sig\.ra|Dott|Dott\.ssa|Dhr|Mevr|Pan|Pani|Panie|Bay|Bayan"
    r"|Hr|Fr|Don|Doña|Dona)\.?"
)
_PART = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’-]+"
_PARTICLE = r"(?:da|de|do|dos|das|di|del|della|van|von|der|den|le|la|du|bin|al|el|y|e|ter|zu)"
_NAME = rf"(?P<name>{_PART}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_PART}){{0,4}})"
_LINE = re.compile(
    rf"^[ \t]*+(?:{_GREETING},?[ \t]+(?P<title>{_TITLE}[ \t]+)?"
    r"|[^\n,]{0,40}?\b(?i:thanks|thank you|obrigad[oa]|gracias|merci|danke|grazie)"
    rf"(?:[^,\n]{{0,40}},)?[ \t]*+){_NAME}"
    r"[ \t]*+[,!:.]?[ \t]*+\r?$",
    re.MULTILINE,
)
# A greeting that opens a line, quoted or not, and runs on after the name ("'Hej Matilda Berg!
# Påminnelse om din fillerbehandling ...", "Hi Daniel, your HIV test ..."): a comma or an
# exclamation mark after the name.
_INLINE = re.compile(
    rf"^[ \t]*+[\"'“‘«>]?[ \t]*(?:{_GREETING})[ \t]+(?P<title>{_TITLE}[ \t]+)?{_NAME}"
    r"[ \t]*[,!][ \t]*(?=\S)",
    re.MULTILINE,
)
# A message the writer asks for, to a named person: "Write a breakup text to Jordan.", "Help me
# draft an email to Priya Raman about ...". Like a greeting, it says whose the finding after it
# is; alone it is no finding ("Write a letter to Santa").
_WRITE_TO = re.compile(
    r"\b(?i:write|draft|compose|send|help me (?:write|draft|reply|answer))\b[^\n.?!]{0,40}?"
    r"\b(?i:text|message|e-?mail|note|letter|reply|response|dm|card|apology|invitation|sms"
    r"|whatsapp)\b"
    rf"[^\n.?!]{{0,20}}?\b(?i:to)[ \t]+{_NAME}(?=[ \t]*(?:[.,!?:;]|$)|[ \t]+(?i:about|saying"
    r"|telling|asking|who|that|and|explaining|because)\b)",
    re.MULTILINE,
)
# A public office before a name: a letter to an office holder ("to Senator Elizabeth Warren").
_PUBLIC_TITLES = frozenset(
    """senator president professor prof governor mayor congressman congresswoman minister
    king queen pope representative rep chancellor premier""".split()  # noqa: SIM905
)
# Words a greeting is addressed to that name nobody in particular.
_NOBODY = frozenset(
    """all everyone everybody there folks guys team colleagues friends sirs sir madam
    customer customers user users member members client clients applicant candidate
    reader readers parents students community world santa god congress parliament editor
    editors mom mum dad mother father grandma grandpa boss landlord manager council it hr
    support""".split()  # noqa: SIM905
)


def _names_someone(name: str) -> bool:
    """A greeting's or a message's name that can be a private person's."""
    return not any(w.lower() in _NOBODY for w in name.split()) and person_like(name, True)


def greeting(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the name in the nearest greeting line above a finding at
    ``start``, within ``REACH_CHARS``."""
    floor = max(0, text.rfind("\n", 0, max(0, start - REACH_CHARS)) + 1)
    last = None
    for m in _LINE.finditer(text, floor, start):
        last = m
    for m in _INLINE.finditer(text, floor, min(len(text), start + 1)):  # sees what follows
        if last is None or m.start() > last.start():
            last = m
    if last is None or last.end() > start:
        return None
    if not _names_someone(last.group("name")):
        return None
    return (last.start("title") if last.group("title") else last.start("name")), last.end("name")


def addressee(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the name a requested message is addressed to, in the text before
    a finding at ``start`` (within ``REACH_CHARS``)."""
    last = None
    for m in _WRITE_TO.finditer(text, max(0, start - REACH_CHARS), start):
        last = m
    if last is None:
        return None
    name = last.group("name")
    if not _names_someone(name) or name.split()[0].lower().rstrip(".") in _PUBLIC_TITLES:
        return None
    return last.start("name"), last.end("name")


def greeting_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the greeting's name (or the addressee's) above each of ``spans``."""
    out: dict[tuple[int, int], Span] = {}
    for span in sorted(spans, key=lambda s: s.start)[:MAX_FINDINGS]:
        for found in (greeting(text, span.start), addressee(text, span.start)):
            if found is not None and found[0] < span.start and found not in out:
                out[found] = Span(
                    found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE
                )
    return list(out.values())
