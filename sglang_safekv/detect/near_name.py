"""A person named just before a finding is whose finding it is.

"Copropriétaire : M. Julien Masson, lot n°14" over his arrears and IBAN, "registered to Emily
Zhou at 88 Quarry Rd", "Jina langu ni Amani Mwangi, ... mama yangu anaishi na VVU": the finding
started the private part, and the name right before it, which says whose it is, stayed shared.
The earliest full name (two or three capitalised words, not a product's, a place's, a title's
or a heading's) at most ``REACH_CHARS`` before a finding, in the same paragraph, is private
from its first character: the earliest, so that a place or a company between the person and
the finding ("Emily Zhou of Mountain View at 88 ...") does not take its place. The cost is at
most ``REACH_CHARS`` of text before a finding, which is private anyway from the finding on.

The name is a guess ("Getting Started", "Washington Post" read the same), so it is not looked
for again above (``repeated.py`` skips these spans): a guess made private only here.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.normalise import ENCODED_FORMS, hides_words, normalise
from sglang_safekv.detect.record_subject import person_like

REACH_CHARS = 160
SOURCE = "near_name"
ENCODED_SOURCE = "encoded_name"
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƠƯȘȚ"
_LOWER = "a-zß-öø-ÿā-žơưạ-ỹșț"  # Romanian's comma-below ș and ț too
_WORD = rf"(?:Mc|Mac|O['’]|D['’])?[{_UPPER}][{_LOWER}]+(?:['’-][{_UPPER}]?[{_LOWER}]+)?"
_PARTICLE = r"(?:de|da|das|do|dos|van|von|der|den|del|della|la|le|di|du|bin|binti|al|ter|ten)"
# Two or three words, an initial or up to two particles between ("Emily R. Zhou", "Maria de la
# Cruz", "Şükrü Yılmaz", "Nguyễn Văn An").
_NAME = re.compile(
    rf"(?<![\w'’-]){_WORD}(?:[ ](?:[{_UPPER}]\.[ ])?(?:{_PARTICLE}[ ]){{0,2}}{_WORD}){{1,2}}"
    r"(?![\w'’-])"
)
# A name in capitals after a person's cue in a line in mixed case ("Reminder for DANIEL
# KOWALCZYK, nerve conduction study"), as forms and text messages write it; a line all in
# capitals before it is a heading or a caption, and words of three letters or fewer are
# acronyms ("NHS UK").
_CAPS_NAME = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]+(?:[ ][A-Z][A-Z'’-]+){1,2}(?![\w'’-])")
_VOWELS = frozenset("AEIOUY")
# The word right before a person's name in a notice or a letter ("Reminder for DANIEL
# KOWALCZYK", "Dear MARIA LOPEZ", "Patient: JOHN REED").
_PERSON_CUE = re.compile(
    r"\b(?i:for|dear|hi|hello|attn|patient|client|member|name|mr|mrs|ms|mx|dr)\.?:?[ \t]+$"
)
# Words that forms and notices set in capitals ("ORDER NUMBER", "TOTAL AMOUNT DUE").
_FORM_WORDS = frozenset(
    """number amount total due order notice important account card code date name address
    phone email reference pin balance payment invoice customer policy claim member patient
    urgent warning final reminder account statement confirm confirmation please reply stop
    free offer alert security verify password login call text now today""".split()  # noqa: SIM905
)
# A couple named with one surname ("Tom & Lisa Graber", "Ana y Luis Ortega"): the first given
# name is theirs too.
_PARTNER_BEFORE = re.compile(rf"(?<![\w'’-])(?P<given>{_WORD})[ ](?:&|and|und|et|y|e|en|i)[ ]$")
# A field's value written surname first ('importer_of_record: "Fenwick, Adaeze"', "Name:
# Okafor, Chidi"): two words and a comma, the whole value (after a colon or "=", up to a quote
# or the line's end) of a field that holds a person (``_PERSON_KEY``). In prose, and as a
# location's or a venue's value, the same shape is a place ("Paris, France").
_INVERTED = re.compile(
    rf"(?:(?<=: )|(?<=:\")|(?<=: \")|(?<==\")|(?<=:\t))(?P<last>{_WORD}), (?P<first>{_WORD})"
    r"(?=\"|[ \t]*(?:\r?\n|$))"
)
_KEY_REACH = 48  # how far back a field's key may start (a minified line is one long line)
_KEY_BEFORE = re.compile(r"[\"']?([\w .-]{1,40}?)[\"']?[ \t]*[:=][ \t]*[\"']?$")
_PERSON_KEY = re.compile(
    r"^n$|name|owner|holder|of_?record|renter|tenant|patient|client|applicant|insured|employee"
    r"|student|member|buyer|seller|sender|recipient|importer|exporter|consignee|driver|guest"
    r"|customer|borrower|debtor|claimant|subject|resident|parent|guardian|spouse|nom|nombre"
    r"|nome|naam",
    re.IGNORECASE,
)
# Words that open sentences, headings, greetings and requests, not a given name.
_NOT_A_FIRST_WORD = frozenset(
    """the this that these those there here what when where which who why how please note
    thanks thank dear hi hello hey subject from to re fw fwd write draft help can could would
    make fix translate summarize summarise format turn rewrite check our your my his her
    their its all some each every any both other such welcome reminder update last first
    next new today yesterday tomorrow monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december in at on for by with of via and or but die der das le la les el los il lo kind
    best warm many yours visit call contact email adopt allow open send join see read ask
    meet about getting quick known release terms privacy cookie""".split()  # noqa: SIM905
)
# Words of a title, a page, an office or a paper, not of a name.
_NOT_A_NAME_WORD = frozenset(
    """policy request requests notes guide guidelines started issues us terms conditions
    regards sincerely officer president engineer executive resources square times post
    public platform cloud teams automate director manager chief senior junior vice
    assistant coordinator specialist analyst consultant dr dra mr mrs ms mx prof sr sra srta
    herr frau""".split()  # noqa: SIM905
)


def near_name(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the earliest full name at most ``REACH_CHARS`` before ``start`` in
    the same paragraph, not on a heading's line."""
    floor = max(0, start - REACH_CHARS)
    blank = text.rfind("\n\n", floor, start)
    floor = blank + 2 if blank >= 0 else floor
    inverted = next(
        (
            m.span()
            for m in _INVERTED.finditer(text, floor, start)
            if _a_name(f"{m.group('first')} {m.group('last')}", text, m.start())
            and _a_person_field(text, m.start())
        ),
        None,
    )
    straight = _straight_name(text, floor, start)
    capitals = _capitals_name(text, floor, start)
    found = [span for span in (inverted, straight, capitals) if span is not None]
    return min(found) if found else None


def _straight_name(text: str, floor: int, start: int) -> tuple[int, int] | None:
    for m in _NAME.finditer(text, floor, start):
        begin, name = m.start(), m.group()
        while " " in name and name.split(" ", 1)[0].lower() in _NOT_A_FIRST_WORD:
            word = name.split(" ", 1)[0]
            begin, name = begin + len(word) + 1, name[len(word) + 1 :]  # "Dear Emily Zhou"
        if _a_name(name, text, begin):
            partner = _PARTNER_BEFORE.search(text, max(floor, begin - 32), begin)
            if partner and partner.group("given").lower() not in _NOT_A_FIRST_WORD:
                begin = partner.start()
            return begin, m.end()
    return None


def _capitals_name(text: str, floor: int, start: int) -> tuple[int, int] | None:
    for m in _CAPS_NAME.finditer(text, floor, start):
        words = m.group().split(" ")
        if all(len(w) <= 3 for w in words) or not all(_VOWELS & set(w) for w in words):
            continue
        if any(w.lower() in _FORM_WORDS for w in words):
            continue
        if _PERSON_CUE.search(text, max(0, m.start() - 16), m.start()) is None:
            continue  # a brand, a team or an SMS sender ("AMERICAN EXPRESS: your code ...")
        line_start = max(text.rfind("\n", floor, m.start()) + 1, floor)
        if not any(ch.islower() for ch in text[line_start : m.start()]):
            continue  # a heading or a caption in capitals
        if _a_name(" ".join(w.capitalize() for w in words), text, m.start()):
            return m.span()
    return None


def _a_person_field(text: str, value_start: int) -> bool:
    """The field whose value starts at ``value_start`` holds a person (its key says so)."""
    line_start = max(text.rfind("\n", 0, value_start) + 1, value_start - _KEY_REACH)
    key = _KEY_BEFORE.search(text, line_start, value_start)
    return key is not None and _PERSON_KEY.search(key.group(1)) is not None


def _a_name(name: str, text: str, begin: int) -> bool:
    """``name`` (at ``begin`` in ``text``) reads as a person's full name."""
    words = name.split(" ")
    return (
        len(words) >= 2
        and words[0].lower() not in _NOT_A_FIRST_WORD
        and _NOT_A_NAME_WORD.isdisjoint(w.lower() for w in words)
        and person_like(name, False)
        and not text.startswith("#", text.rfind("\n", 0, begin) + 1)  # a Markdown heading
    )


def near_name_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the name :func:`near_name` finds before each of ``spans`` (but a
    name's own)."""
    out: dict[tuple[int, int], Span] = {}
    for span in spans:
        if span.category is Category.PERSON:
            continue  # a name's own finding
        found = near_name(text, span.start)
        if found is not None and found not in out:
            out[found] = Span(found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE)
    return list(out.values())


def encoded_name_spans(text: str, start: int, end: int, score: float) -> list[Span]:
    """A PERSON span over each run of escapes or hex bytes in ``text[start:end]`` that decodes
    to a full name, the whole value of a person's field ('"n":"\\u0052\\u006f\\u0073\\u0061\\u0020\\u0047..."' is "Rosa Green"):
    a name is written in code to hide it from a reader, and the tiers read the text as written.
    """
    if not hides_words(text[start:end]):
        return []
    found = []
    for form in ENCODED_FORMS:
        for m in form.finditer(text, start, end):
            decoded = normalise(m.group()).text.strip()
            if (
                decoded != m.group()
                and _NAME.fullmatch(decoded)
                and _a_name(decoded, decoded, 0)
                and _a_person_field(text, m.start())
                and decoded not in text  # a decoding demo shows the name in plain text too
            ):
                found.append(Span(m.start(), m.end(), Category.PERSON, 1, score, ENCODED_SOURCE))
    return found
