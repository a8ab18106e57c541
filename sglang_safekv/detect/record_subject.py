"""A finding inside a record makes the record's name private too.

Pasted records (JSON from an API, a form, a table, a test fixture, a tool's output) put the
person's name first and the fields that the patterns know (phone, e-mail, ID number, date of
birth, diagnosis) after it: ``"name": "Imogen Thale",\n  "phone": "+44 7911 482036"``. The
finding started the private part at the phone, and the name, which says whose phone it is,
stayed shared. When a finding sits in a run of key-value lines, the value of the record's first
name field above it (or of one before it on its line) is private from its first character. Likewise a
name right before a finding, a comma between: a row of a CSV file or an SQL insert, an address
label ("('Sandeep Kaur', 'sandeep.k@gmail.com', ...", "Amir Kazemi, 62 Lockhart Road").

A name field alone is no finding: ``name: "my-service"`` in a config example stays public.
The cost is at most the few record lines before text that is private anyway.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.personal import PLACEHOLDER_NAMES

LOOK_BACK_CHARS = 600  # how far above a finding the record's name may be
LOOK_BACK_LINES = 12
MAX_LINE_CHARS = 300  # a record's line is short; longer ones are prose or data, not read
SOURCE = "record_subject"

# Field names of a person's name, lowercase, in the languages the detector reads.
_NAME_KEYS = """name|full name|fullname|legal name|full legal name|customer name|patient name|client name
    |employee name|student name|account holder|cardholder|card holder|holder name|insured name
    |policyholder|contact name|profile|patient|customer|client|insured|employee|student
    |applicant|recipient|addressee|delivered to|ship to|bill to|surname|last name|lastname
    |family name|first name|firstname|given name|given names|forename|forenames|middle name
    |nom|prénom|prenom|nom de famille|nom complet|nom et prénom|nom prénom|nombre|nombres
    |nombre completo|apellido|apellidos|nome|cognome|nome completo|nomes|sobrenome|vorname
    |nachname|familienname|name, vorname|naam|achternaam|voornaam|volledige naam|imię|imie
    |nazwisko|imię i nazwisko|ad|soyad|ad soyad|ad soyadı|adı soyadı|adı|имя|фамилия|фио
    |отчество|ім'я|прізвище|姓名|名前|氏名|이름|성명|tên|họ tên|họ và tên|nama|nama lengkap
    |namn|efternamn|förnamn|navn|fornavn|etternavn|efternavn|nimi|sukunimi|etunimi|jméno
    |příjmení|όνομα|επώνυμο|שם|اسم|الاسم|नाम""".replace("\n", "").split("|")
_NAME_KEY_SET = frozenset(k.strip() for k in _NAME_KEYS)
# Keys whose value is a person's name even as one word ("Surname: Halvorsen"); under the others
# ("name", "profile", "client") one word is as often a product or a setting ("Main", "Default").
_SURNAME_KEYS = frozenset(
    {"surname", "last name", "lastname", "family name", "nom", "nom de famille", "apellido",
     "apellidos", "cognome", "sobrenome", "nachname", "familienname", "achternaam", "nazwisko",
     "soyad", "фамилия", "прізвище", "efternamn", "etternavn", "efternavn", "sukunimi",
     "příjmení", "επώνυμο"}
)  # fmt: skip
# Words of a product, a place or a table's header, not of a person's name ("Customer Support
# Bot", "Orders Service", "The White House", "| Name | Description |").
_NOT_NAME_WORDS = frozenset(
    """the a an my our your this new default main bot service services app application
    assistant support agent server client api project team group company inc ltd llc corp
    gmbh settings config value description type field key email phone address status role
    id house building tower center centre park hall plaza office hotel museum church school
    university college hospital station airport library store shop restaurant cafe bank
    street avenue road way""".split()  # noqa: SIM905
)


def _key(key: str) -> str:
    return " ".join(key.replace("_", " ").replace("-", " ").lower().split())


def _person_like(value: str, one_word_ok: bool) -> bool:
    """A value that can be a private person's name: not a placeholder ("Jane Doe"), not a
    product, place or header word, and two words or more unless ``one_word_ok``."""
    words = value.replace(",", " ").split()
    if not words or " ".join(w.lower() for w in words) in PLACEHOLDER_NAMES:
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
        return False
    return one_word_ok or len(words) >= 2 or not value.isascii()


# One line of a record: a key, a separator and a value ("name: x", '"name": "x",', "| Name | x |",
# "name = 'x'", "Nom : x"); the key is short and starts with a letter.
# Possessive quantifiers: no backtracking into a run of blanks (a line of 3,000 tabs).
_FIELD = re.compile(
    r"[ \t]*+[{\[]?+[ \t]*+(?:[-*•][ \t]++)?+\|?+[ \t]*+[\"']?+"
    r"(?P<key>[^\W\d_][^\n:=|\"'{}]{0,30}?)[\"']?[ \t]*+(?:[:=|：]|=>)[ \t]*+[\"']?+"
    r"(?P<value>[^\n\"'|]*+)"
)
# A line that belongs to a record without being a field: braces, brackets, table rules.
_RECORD_FRAME = re.compile(r"[ \t]*+(?:[{}\[\]()]++,?|[ \t:|-]++|[^\n]*[{\[(][ \t\r]*+)\r?")
_TABLE_RULE = re.compile(r"[ \t]*+\|?[ \t]*+:?-{3,}")
# A person's name as a field value: one to four words that each start with a capital letter,
# "Surname, Given", or two to four CJK or Hangul characters; no digits.
_NAME_VALUE = re.compile(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄ][\w'’.-]*(?:,?[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄ][\w'’.-]*){0,3}"
    r"|[\u4e00-\u9fff\u3040-\u30ff]{2,5}|[가-힣]{2,4}"
    r"|[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f\u0370-\u03ff]+(?:[ \t]+[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f\u0370-\u03ff]+){0,3})"
    r"(?=[ \t]*+(?:[,;|\"'\r]|$|\(|\n))"
)
_PART = r"[A-Z][a-z]+(?:['’][A-Z]?[a-z]+)?(?:-[A-Z][a-z]+)?"  # "O'Brien", "Raman-Shah"
# A name, quoted or not, then a comma (or a tab, a semicolon) right before the finding: a row of
# a CSV file or an SQL insert, an address label ("('Sandeep Kaur', 'sandeep.k@gmail.com'",
# "Amir Kazemi, 62 Lockhart Road").
_NAME_BEFORE = re.compile(
    rf"(?<![\w'’-])[\"']?({_PART}(?:[ ]{_PART}){{1,2}})"
    r"[\"']?[ ]*+[,;\t][ ]*+[\"']?$"
)
# Values a row or a label holds after a name; a name, a diagnosis or a story after a comma is
# prose ("In Breaking Bad, Walter White is diagnosed ...").
_ROW_VALUES = frozenset(
    {
        Category.EMAIL,
        Category.PHONE,
        Category.ADDRESS,
        Category.DATE_OF_BIRTH,
        Category.GOV_ID,
        Category.CREDIT_CARD,
        Category.BANK_ACCOUNT,
        Category.IP_ADDRESS,
    }
)


def _name_in_field(
    field: re.Match[str] | None, line_start: int, limit: int
) -> tuple[int, int] | None:
    """The (start, end) in the text of the name a name field (``_FIELD``'s match on a line
    starting at ``line_start``) holds, before ``limit``."""
    if field is None:
        return None
    key = _key(field.group("key"))
    if key not in _NAME_KEY_SET:
        return None
    line = field.string
    value_start = field.start("value")
    value = _NAME_VALUE.match(line, value_start)
    if value is None or value.end() == value_start or line_start + value_start >= limit:
        return None
    if not _person_like(value.group(), key in _SURNAME_KEYS):
        return None
    return line_start + value_start, line_start + value.end()


def record_subject(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of the record's first name field above a finding at ``start`` (the
    surname before the given names), or of one before it on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    earliest = None
    if line_end - line_start <= MAX_LINE_CHARS:
        earliest = _name_in_field(_FIELD.match(text[line_start:line_end]), line_start, start)
    floor = max(0, start - LOOK_BACK_CHARS)
    end = line_start - 1
    below = text[line_start:line_end]
    for _ in range(LOOK_BACK_LINES):
        if end <= floor:
            break
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if not line.strip() or begin < floor or end - begin > MAX_LINE_CHARS:
            break  # a blank line ends the record; no line reaches further back than the floor
        field = _FIELD.match(line)
        # A table's header row ("| Name | Description |" over "|---|---|") holds no value.
        found = None if _TABLE_RULE.match(below) else _name_in_field(field, begin, start)
        if found is not None:
            earliest = found
        elif field is None and _RECORD_FRAME.fullmatch(line) is None:
            break  # prose, not a record
        end, below = begin - 1, line
    return earliest


def addressee(text: str, start: int) -> tuple[int, int] | None:
    """The name right before a finding on its line, a comma between: whose e-mail, phone or
    address it is ("Amir Kazemi, 62 Lockhart Road"). Callers pass findings of values only."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _NAME_BEFORE.search(text, max(line_start, start - 80), start)
    if before is None or not _person_like(before.group(1), one_word_ok=False):
        return None
    return before.span(1)


def record_subject_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the record's name (or an address's addressee) of each of ``spans``,
    where it is before the span."""
    out: dict[tuple[int, int], Span] = {}
    for span in spans:
        found = record_subject(text, span.start)
        if found is None and span.category in _ROW_VALUES:
            found = addressee(text, span.start)
        if found is not None and found[0] < span.start and found not in out:
            out[found] = Span(found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE)
    return list(out.values())
