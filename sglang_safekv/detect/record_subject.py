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
from collections.abc import Callable, Iterator

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import is_placeholder
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
    |registrant|registrant name|on call|oncall|on call engineer
    |family name|first name|firstname|given name|given names|forename|forenames|middle name
    |nom|prénom|prenom|nom de famille|nom complet|nom et prénom|nom prénom|nombre|nombres
    |nombre completo|apellido|apellidos|nome|cognome|nome completo|nomes|sobrenome|vorname
    |nachname|familienname|name, vorname|naam|achternaam|voornaam|volledige naam|imię|imie
    |nazwisko|imię i nazwisko|ad|soyad|ad soyad|ad soyadı|adı soyadı|adı|имя|фамилия|фио
    |отчество|ім'я|прізвище|姓名|名前|氏名|이름|성명|tên|họ tên|họ và tên|nama|nama lengkap
    |paciente|patientin|paziente|pacjent|pacjentka|patiënt|пациент|пациентка|patiente
    |namn|efternamn|förnamn|navn|fornavn|etternavn|efternavn|nimi|sukunimi|etunimi|jméno
    |příjmení|όνομα|επώνυμο|שם|اسم|الاسم|नाम
    |salarié|salariée|employé|employée|werknemer|medewerker|mitarbeiter|mitarbeiterin
    |arbeitnehmer|arbeitnehmerin|empleado|empleada|trabajador|trabajadora|funcionário
    |funcionária|colaborador|colaboradora|dipendente|lavoratore|lavoratrice|pracownik
    |pracownica|personel|çalışan|сотрудник|сотрудница|работник|taxpayer|contribuente
    |contribuable|contribuyente|contribuinte|steuerpflichtiger|steuerpflichtige
    |belastingplichtige|podatnik|mükellef|sujeito passivo|sujeito passivo a|passenger
    |passengers|traveller|traveler|travellers|travelers|guest|guest name|reisender|reisende
    |reiziger|passager|passagère|pasajero|pasajera|passageiro|passageira|passeggero
    |passeggera|pasażer|yolcu|пассажир|complainant|claimant|respondent|tenant|mieter
    |mieterin|locataire|inquilino|inquilina|huurder|debtor|schuldner|schuldnerin|débiteur
    |deudor|deudora|beneficiary|bénéficiaire|begünstigter|beneficiario|beneficiária
    |payee|account name|kontoinhaber|kontoinhaberin|titulaire|titular|insured person
    |versicherte|versicherter|assuré|assurée|asegurado|asegurada|staff member|pupil|learner
    |child|child name|child's name|schüler|schülerin|schülername|élève|nom de l'élève|alumno
    |alumna|aluno|aluna|studente|studentessa|alunno|alunna|leerling|uczeń|uczennica|öğrenci
    |ученик|ученица|студент|студентка|elev|elevens namn|elevnamn|oppilas|opiskelija|žák
    |žákyně|学生|学生氏名|生徒|生徒氏名|児童|학생|학생명|inmate|defendant|accused|offender
    |detainee|prisoner|beklagter|beklagte|angeklagter|angeklagte|prévenu|prévenue|acusado
    |acusada|réu|imputato|imputata|verdachte|oskarżony|oskarżona|sanık|обвиняемый
    |subject|owner|owners|homeowner|homeowners|property owner|owner name|roommate|roommates
    |head of household|household head|candidate|candidate name|interviewee|rider|driver
    |driver name|user|member|member name|borrower|co-borrower|co borrower|lessee|occupant
    |resident|buyer|seller|spouse|signer|signatory|waiver signer|household|family|player
    |player name|athlete|participant|participant name|donor|donor name|attendee|volunteer
    |parent|parent name|mother|father|guardian name|visitor|emergency contact|coordinator
    |organizer|organiser|planner|contact person|decedent|deceased|patron|pledgor|pledger|pawnor
    |pawner|statement for|prepared for|co-owner|co owner|unit owner|lot owner|copropriétaire
    |propriétaire|propietario|propietaria|proprietário|proprietária|proprietario|proprietaria
    |eigentümer|eigentümerin|eigenaar|właściciel|właścicielka""".replace("\n", "").split("|")
_NAME_KEY_SET = frozenset(k.strip() for k in _NAME_KEYS)
# Keys whose value is a person's name even as one word ("Surname: Halvorsen"); under the others
# ("name", "profile", "client") one word is as often a product or a setting ("Main", "Default").
_SURNAME_KEYS = frozenset(
    {"surname", "last name", "lastname", "family name", "nom", "nom de famille", "apellido",
     "apellidos", "cognome", "sobrenome", "nachname", "familienname", "achternaam", "nazwisko",
     "soyad", "фамилия", "прізвище", "efternamn", "etternavn", "efternavn", "sukunimi",
     "příjmení", "επώνυμο", "household", "family"}
)  # fmt: skip
# Words of a product, a place or a table's header, not of a person's name ("Customer Support
# Bot", "Orders Service", "The White House", "| Name | Description |"). Not "park": Park is
# one of the commonest Korean surnames ("Seo-yeon Park").
_NOT_NAME_WORDS = frozenset(
    """the a an my our your this new default main bot service services app application
    assistant support agent server client api project team group company inc ltd llc corp
    gmbh settings config value description type field key email phone address status role
    id house building tower center centre hall plaza office hotel museum church school
    university college hospital station airport library store shop restaurant cafe bank
    street avenue road way association council foundation department dept ministry embassy
    institute trust society agency authority corporation limited plc clinic surgery practice
    medical health care housing county city district court tribunal headquarters division
    unit ward laboratory lab labs studio studios club fund partners associates solutions
    systems technologies holdings international national federal government police hiring
    manager dear sir madam employee employees customer customers record records data list
    report management property properties realty estates dental bakery platform
    infrastructure reliability engineering gruppe immobilier inmobiliaria immobiliare""".split()  # noqa: SIM905
)


def _key(key: str) -> str:
    return " ".join(key.replace("_", " ").replace("-", " ").lower().split())


def person_like(value: str, one_word_ok: bool) -> bool:
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
    r"(?P<key>[^\W\d_][^\n:=|\"'{}]{0,30}?)[\"']?[ \t]*+(?P<sep>[:=|：]|=>|[—–](?=[ \t]))[ \t]*+[\"']?+"
    r"(?P<value>[^\n\"'|]*+)"
)
DASH_FIELD_CHARS = 60  # a "key — value" line is this short; a longer one is prose with a dash


def _field(line: str) -> re.Match[str] | None:
    """``_FIELD``'s match on ``line``; a dash separates a field only on a short line."""
    m = _FIELD.match(line)
    if m is not None and m.group("sep") in ("—", "–") and len(line.strip()) > DASH_FIELD_CHARS:
        return None
    return m


# A line that belongs to a record without being a field: braces, brackets, table rules.
_RECORD_FRAME = re.compile(r"[ \t]*+(?:[{}\[\]()]++,?|[ \t:|-]++|[^\n]*[{\[(][ \t\r]*+)\r?")
_TABLE_RULE = re.compile(r"[ \t]*+\|?[ \t]*+:?-{3,}")
# A person's name as a field value: one to four words that each start with a capital letter,
# "Surname, Given", or two to four CJK or Hangul characters; no digits.
_NAME_VALUE = re.compile(
    # "Prakash and Shalini Venkataraman": a couple under one key
    # a nickname in quotes between the names ("Dwayne 'D-Money' Foster")
    r"(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄ][\w'’.-]*(?:[ \t]+[\"'‘“][^\"'‘’“”\n]{1,24}[\"'’”](?=[ \t]+[A-Z]))?"
    r"(?:(?:,?[ \t]+|[ \t]+(?:and|&|und|et|y|e|en)[ \t]+)"
    r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄ][\w'’.-]*){0,3}"
    r"|[\u4e00-\u9fff\u3040-\u30ff]{2,5}|[가-힣]{2,4}"
    r"|[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f\u0370-\u03ff]+(?:[ \t]+[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f\u0370-\u03ff]+){0,3})"
    # a tab or two blanks: the line's next field; a full stop: the next field of a sentence
    r"(?=[ \t]*+(?:[,;|\"'\r]|\.[ ]|$|\(|\n)|\t|[ ]{2})"
)
# One word of a name, Latin letters with their accents: "O'Brien", "Raman-Shah", "Köhler".
_UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽČŘĆŃŹŻ"
_LOWER = "a-zß-öø-ÿĀ-ž"
# ("Seo-yeon", "Ji-hoon": a romanised given name's second syllable is lowercase)
_PART = rf"[{_UPPER}][{_LOWER}]+(?:['’][{_UPPER}]?[{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)?"
_TITLE = (
    r"(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Madame|Mme|Monsieur|M|Mademoiselle|Mlle|Herr|Frau|Señor"
    r"|Señora|Sr|Sra|Srta|Don|Doña|Dona|Signor|Signora|Sig|Dott|Pan|Pani|Dhr|Mevr)\.?"
)
# A line that is a name only, a title before it: the first line of an address block or a
# letter's header ("Rosalind Achterberg" over "27 Quarry Bank Close ...").
# A CV's header writes it in capitals ("ANIKA RAJAGOPALAN" over her e-mail and phone).
_NAME_LINE = re.compile(
    rf"[ \t]*+(?:{_TITLE}[ \t]+)?({_PART}(?:[ \t]+{_PART}){{1,3}}"
    rf"|[{_UPPER}]{{2,20}}(?:[ \t]+[{_UPPER}]{{2,20}}){{1,2}})[ \t]*+,?\r?"
)
# A name and an age alone on a line, the head of one person's list ("Dorothea Finch, 84" over
# her medicines, "Tomasz Wróbel (41)" over his results).
_AGED_NAME_LINE = re.compile(
    rf"[ \t]*+(?:{_TITLE}[ \t]+)?({_PART}(?:[ \t]+{_PART}){{1,3}})[ \t]*+"
    r"(?:,[ \t]*(?:(?i:age)[ \t]*)?\d{1,3}|\([ \t]*\d{1,3}[ \t]*\))[ \t]*\r?"
)
AGED_LINES = 6  # how far above a finding a one-person list's head may be
# Headings in capitals over contact details, not names.
_NOT_CAPS_NAME_WORDS = frozenset(
    """contact contacts information info details personal resume cv curriculum vitae profile
    summary experience education skills references emergency billing shipping mailing home
    work objective career professional technical languages certifications projects account
    owner customer patient primary secondary next kin of us me and for to by the our my your
    head main branch sales help desk front reception""".split()  # noqa: SIM905
)
BLOCK_LINES = 3  # how far above its line a finding's address block may start
BLOCK_LINE_CHARS = 100
# A name, quoted or not, then a comma (or a tab, a semicolon, a dot between fields, a short
# label) right before the finding: a row of a CSV file or an SQL insert, an address label
# ("('Sandeep Kaur', 'sandeep.k@gmail.com'", "Amir Kazemi, 62 Lockhart Road"), or a mailbox's
# display name ("Delphine Marchetti <dmarchetti@fastmail.com>", "Jane Roe (07723 418 096)"),
# or a list item's name before an aside or a dash ("- Jenna Whitlock (Whitlock Bakery) - 14
# Poplar St", "Sanne de Groot-Visser (lid nr. 2231").
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|del|dos|ten|ter)"
_NAME_BEFORE = re.compile(
    rf"(?<![\w'’-])[\"']?({_PART}(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_PART}){{1,2}})"
    r"[\"']?[ ]*+(?:\([^()\n]{1,40}\)[ ]*+)?"
    # a short field between ("student Caíque Lopes Andrade, purple belt, CPF ...")
    r"(?:[,;][ ]*+[^\W\d_][\w.]{0,11}(?:[ ][^\W\d_][\w.]{0,11})?[ ]*+(?=[,;]))?"
    # (a hyphen after a blank: "Flying Blue-nummer" is one word)
    r"(?:(?:[,;\t·•|(–—]|(?<=[ ])-)[ ]*+(?:[^\W\d_][\w.]{0,11}[ ]?:?[ ]*+){0,2}[\"']?|<)$"
)
# A name's cell in a row of cells between pipes, a few cells before a finding of any kind:
# "SUBJ_018|Wallace Iwu|1967-09-02|arm=placebo|AE=grade3 hepatotoxicity". Pipes are no prose.
_NAME_CELL = re.compile(
    rf"(?:^|\|)[ ]*+({_PART}(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_PART}){{1,2}})[ ]*+\|"
    r"(?:[^|\n]{0,40}+\|){0,4}+[ ]*+$",
    re.MULTILINE,
)
# A handle right before the person's name in brackets: "@jpalomino-ops (Julia Palomino, ...".
_HANDLE_BEFORE = re.compile(r"(?<![\w@])(@[A-Za-z0-9_][A-Za-z0-9_.-]{1,39}+)[ ]?\($")
# The same a few values before the finding in a row of quoted values (an SQL insert, a CSV
# line): "(10021, 'Loretta Vanterpool', '1957-08-03', '(404) 729-1185'".
_NAME_BEFORE_ROW = re.compile(
    rf"(?<![\w'’-])[\"']({_PART}(?:[ ]{_PART}){{1,2}})[\"'][ ]*+,"
    r"(?:[ ]*+[\"'][^\"'\n]{0,40}+[\"'][ ]*+,){1,3}+[ ]*+[\"']?$"
)
# A row's first quoted value, a user name or a handle, a few values before the finding in an SQL
# insert: "(1042, 'deano_b', 'dean.bartholomew@hotmail.com', ...".
_ROW_FIRST = re.compile(
    r"\([ ]*+(?:[0-9]++[ ]*+,[ ]*+)?'(?P<u>[A-Za-z0-9_.-]{3,40}+)'[ ]*+,"
    r"(?:[ ]*+'[^'\n]{0,40}+'[ ]*+,){0,3}+[ ]*+'?$"
)
# A household named before its address: "the home of the Reyes-Barton family at 902 ...".
_FAMILY_BEFORE = re.compile(rf"(?<![\w'’-])({_PART}) family (?:at|of|in)[ ]+$")
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


# Keys of a person's handle on a site: one token, no capitals needed ("handle": "quietlighthouse").
_HANDLE_KEYS = frozenset(
    {"handle", "username", "user name", "screen name", "screenname", "nickname", "login",
     "benutzername", "usuario", "pseudo", "gamertag"}
)  # fmt: skip
_HANDLE_VALUE = re.compile(r"[A-Za-z0-9_.-]{3,32}+(?![\w@])")
# Pairs of a one-line JSON object, before a finding on the same line.
_JSON_PAIR = re.compile(r'"(?P<key>[^"\n]{1,30})"[ \t]*+:[ \t]*+"(?P<value>[^"\n]{1,64})"')


def _handle(line: str, value_start: int) -> tuple[int, int] | None:
    """The (start, end) in ``line`` of a handle at ``value_start``: not an installation's
    account ("admin"), not a slot."""
    m = _HANDLE_VALUE.match(line, value_start)
    if m is None or m.group().lower() in _NOT_LOGINS or is_placeholder(m.group()):
        return None
    return m.span()


def _record_id(key: str, value: str) -> bool:
    """A pair that holds the id of the object's record ("id": "r_771049")."""
    return (key == "id" or key.endswith((" id", "uid"))) and any(c.isdigit() for c in value)


def _name_in_pairs(text: str, line_start: int, limit: int) -> tuple[int, int] | None:
    """The first name or handle value among a one-line JSON object's pairs before ``limit``
    ('{"profile": {"handle": "quietlighthouse", "age": 34, "hiv_status": ...'), from the
    record's id when the same object gives it first ('"rider": {"id": "r_771049", "name":
    "Colette Ambrose"': the id is the person's too)."""
    record_id: int | None = None
    for pair in _JSON_PAIR.finditer(text, line_start, limit):
        key = _key(pair.group("key"))
        value = pair.group("value")
        if record_id is not None and "}" in text[record_id : pair.start()]:
            record_id = None  # another object
        if record_id is None and _record_id(key, value):
            record_id = pair.start("value")
        if key in _HANDLE_KEYS:
            found = _handle(text, pair.start("value"))
            if found is not None and found[1] == pair.end("value"):
                return found
        elif (
            key in _NAME_KEY_SET
            and _NAME_VALUE.fullmatch(value)
            and person_like(value, key in _SURNAME_KEYS)
        ):
            return (pair.start("value") if record_id is None else record_id), pair.end("value")
    return None


# Fields after the first on a line: "Unit C-104 | Tenant: Olufemi Adeyemi | Notes: ...".
_INLINE_FIELD = re.compile(
    r"(?:[|;•\t'\"‘“]|[ ]{2}|[.!?:][ ])[ \t]*+(?P<key>[^\W\d_][^\n:=|;]{0,30}?)[ \t]*+:[ \t]*+"
)


def _name_in_inline_fields(text: str, line_start: int, limit: int) -> tuple[int, int] | None:
    """The first name a later field of the line starting at ``line_start`` holds, before
    ``limit``."""
    for m in _INLINE_FIELD.finditer(text, line_start, limit):
        key = _key(m.group("key"))
        if key not in _NAME_KEY_SET:
            continue
        value = _NAME_VALUE.match(text, m.end())
        if (
            value is not None
            and value.end() > m.end()
            and person_like(value.group(), key in _SURNAME_KEYS)
        ):
            return m.end(), value.end()
    return None


def _name_in_field(
    field: re.Match[str] | None, line_start: int, limit: int
) -> tuple[int, int] | None:
    """The (start, end) in the text of the name a name field (``_FIELD``'s match on a line
    starting at ``line_start``) holds, before ``limit``."""
    if field is None:
        return None
    key = _key(field.group("key"))
    line = field.string
    value_start = field.start("value")
    if key in _HANDLE_KEYS and line_start + value_start < limit:
        found = _handle(line, value_start)
        return None if found is None else (line_start + found[0], line_start + found[1])
    if key not in _NAME_KEY_SET:
        return None
    value = _NAME_VALUE.match(line, value_start)
    if value is None or value.end() == value_start or line_start + value_start >= limit:
        return None
    if not person_like(value.group(), key in _SURNAME_KEYS):
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
        earliest = _name_in_field(_field(text[line_start:line_end]), line_start, start)
    if earliest is None and start - line_start <= LOOK_BACK_CHARS:
        earliest = _name_in_pairs(text, line_start, start) or _name_in_inline_fields(
            text, line_start, start
        )
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
        field = _field(line)
        # A table's header row ("| Name | Description |" over "|---|---|") holds no value.
        found = (
            None
            if _TABLE_RULE.match(below)
            else _name_in_field(field, begin, start)
            or _name_in_pairs(text, begin, end)  # a JSON object a line ("user":"Pieter ...")
            or _name_in_inline_fields(text, begin, end)
        )
        if found is not None:
            earliest = found
        elif field is None and _RECORD_FRAME.fullmatch(line) is None:
            break  # prose, not a record
        end, below = begin - 1, line
    return earliest


def addressee(text: str, start: int) -> tuple[int, int] | None:
    """The name right before a finding on its line, a comma between: whose e-mail, phone or
    address it is ("Amir Kazemi, 62 Lockhart Road", "Jonas Reichelt · Lindenstraße 14", a
    row's name a few values before), or a household's ("the Reyes-Barton family at 902 ...").
    Callers pass findings of values only."""
    line_start = text.rfind("\n", 0, start) + 1
    floor = max(line_start, start - 80)
    for pattern in (_NAME_BEFORE, _NAME_BEFORE_ROW):
        before = pattern.search(text, floor, start)
        if before is not None and person_like(before.group(1), one_word_ok=False):
            return before.span(1)
    row = _ROW_FIRST.search(text, floor, start)
    if row is not None and row.group("u").lower() not in _NOT_LOGINS:
        return row.span("u")
    family = _FAMILY_BEFORE.search(text, floor, start)
    if family is not None and person_like(family.group(1), one_word_ok=True):
        return family.span(1)
    return None


def name_cell(text: str, start: int) -> tuple[int, int] | None:
    """The name in a pipe-separated cell a few cells before a finding on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    cell = _NAME_CELL.search(text, max(line_start, start - 240), start)
    if cell is None or not person_like(cell.group(1), one_word_ok=False):
        return None
    return cell.span(1)


def aged_name(text: str, start: int) -> tuple[int, int] | None:
    """The name of a "Name, age" line at most ``AGED_LINES`` lines above a finding in a list
    under it (every line from it to the finding's a list item, no blank line): whose list it
    is."""
    if not _LIST_ITEM.match(text, text.rfind("\n", 0, start) + 1):
        return None
    for begin, line in _lines_above(text, start, AGED_LINES):
        m = _AGED_NAME_LINE.fullmatch(line)
        if m is not None:
            return (
                (begin + m.start(1), begin + m.end(1)) if person_like(m.group(1), False) else None
            )
        if not _LIST_ITEM.match(line):
            break
    return None


def _lines_above(text: str, start: int, count: int) -> Iterator[tuple[int, str]]:
    """(begin, line) of up to ``count`` lines above the one holding ``start``, nearest first,
    up to a blank line or one longer than ``BLOCK_LINE_CHARS``."""
    end = text.rfind("\n", 0, start)
    for _ in range(count):
        if end <= 0:
            return
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if not line.strip() or len(line) > BLOCK_LINE_CHARS:
            return
        yield begin, line
        end = begin - 1


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]")
# What a one-person list tells under its head (not a person's name or a place: "Bay Area (12)"
# over "Dr Helen Marsh, 44" is a table of places).
_AGED_LIST_VALUES = frozenset(
    {Category.HEALTH, Category.PERSONAL, Category.FINANCE, Category.CREDENTIAL, *_ROW_VALUES}
) - {Category.ADDRESS, Category.IP_ADDRESS}


def block_name(text: str, start: int) -> tuple[int, int] | None:
    """The name alone on a line at most ``BLOCK_LINES`` lines above a finding, with no blank
    line between: an address block's or a letter header's person ("Rosalind Achterberg" over
    her street and her phone, "Madame Nathalie Rousseau" over "12 rue des Tanneurs"). A line in
    capitals is a heading ("CONTACT DETAILS", "SENIOR ACCOUNTANT") or a CV's name ("ANIKA
    RAJAGOPALAN"): a name in mixed case above it wins."""
    capitals: tuple[int, int] | None = None
    for begin, line in _lines_above(text, start, BLOCK_LINES):
        m = _NAME_LINE.fullmatch(line)
        if m is not None:
            name = m.group(1)
            span = (begin + m.start(1), begin + m.end(1))
            if not name.isupper():
                return span if person_like(name, False) else None
            heading = any(w.lower() in _NOT_CAPS_NAME_WORDS for w in name.split())
            if capitals is None and not heading and person_like(name, False):
                capitals = span
    return capitals


# A login's user name before its password (same line or up to two lines above): "username
# b.okonkwo, pw Lagos!2024", "login: r.varga\npassword: ...".
def _login_value(group: str) -> str:
    """The user name after its key, in the named ``group``."""
    return rf"[\"']?+[ \t]*+(?P<{group}>[^\s\"',;:=()<>{{}}\[\]]{{3,64}}+)"


_LOGIN = re.compile(
    r"\b(?i:user[ _-]?name|user[ _-]?id|benutzername|usuario|utilisateur|identifiant"
    r"|nom d'utilisateur|nome utente|gebruikersnaam|nazwa użytkownika)[\"']?[ \t]*+"
    rf"(?::=|[:=]|\bis\b)?+[ \t]*+{_login_value('u')}"
    # a bare "user" or "login" only with a colon or "=" ("the user is prompted" is prose)
    rf"|\b(?i:user|login|benutzer)[\"']?[ \t]*+(?::=|[:=])[ \t]*+{_login_value('u2')}"
)
# Names every installation has, and words of a sentence: no one's login.
_NOT_LOGINS = frozenset(
    """admin administrator root user guest postgres ubuntu demo test sa default system
    name and the with for your my this that password pass pw pwd account details info
    credentials required optional empty missing incorrect invalid wrong same different here
    below above field what which how where when who why can could is are do does please hi
    hello hey""".split()  # noqa: SIM905
)
LOGIN_LINES = 2
LOGIN_REACH = 200  # characters before the credential a login is looked for in


def login_name(text: str, start: int) -> tuple[int, int] | None:
    """The user name given with a credential found at ``start``."""
    begin = text.rfind("\n", 0, start) + 1
    for _ in range(LOGIN_LINES):
        if begin <= 0:
            break
        begin = text.rfind("\n", 0, begin - 1) + 1
    begin = max(begin, start - LOGIN_REACH)  # a long line of logins: linear, not quadratic
    return _last_account(_LOGIN, ("u", "u2"), text, begin, start)


def _last_account(
    pattern: re.Pattern[str],
    groups: tuple[str, ...],
    text: str,
    begin: int,
    start: int,
    refuses: Callable[[str], bool] = lambda low: False,
) -> tuple[int, int] | None:
    """(start, end) of the last account ``pattern`` names in ``text[begin:start]`` (in the
    first of ``groups`` that took part): not an installation's name, none that ``refuses``
    (given it in lowercase), no slot."""
    for m in reversed(list(pattern.finditer(text, begin, start))):  # ends before the finding
        group = next(g for g in groups if m.group(g) is not None)
        user = m.group(group).rstrip(".")
        low = user.lower()
        if low not in _NOT_LOGINS and not refuses(low) and not is_placeholder(user):
            return m.start(group), m.start(group) + len(user)
    return None


# A log line's account before the client's address: "user 'ptrask' VPN login from
# 185.220.101.47", "Accepted password for mkovacs from 203.0.113.9", "user=ptrask ... from".
_LOG_USER = re.compile(
    r"\b(?i:user|account|login)[ \t]+(?P<q>['\"])(?P<u>[^'\"\s]{3,32}+)(?P=q)"
    # sshd's "Accepted publickey for X from", not "waiting for requests from"
    r"|\b(?i:password|publickey|keyboard-interactive/pam|authentication|login|logon)[ \t]+for"
    r"[ \t]+(?!invalid[ \t])(?P<s>[A-Za-z][\w.-]{2,31}+)[ \t]+from\b"
    r"|\b(?i:user)[ \t]+(?P<w>[A-Za-z][\w.-]{2,31}+)[ \t]+(?i:logged in|connected|signed in"
    r"|authenticated)\b"
    rf"|\b(?i:user|login|account)[ \t]*+[:=][ \t]*+{_login_value('e')}"
)
# Accounts of a system, not of a person ("oracle", "www-data", "jenkins-bot"). An "invalid
# user" is a scanner's guess, no one's account.
_SYSTEM_ACCOUNTS = frozenset(
    """oracle deploy deployer replicator replication www-data nobody daemon mysql ec2-user
    centos pi ansible backup ftp mail postfix nginx apache git jenkins support service
    operator debian vagrant docker redis elastic kibana grafana anonymous steam minecraft ubnt
    hadoop ftpuser tomcat zabbix dev""".split()  # noqa: SIM905
)


def log_user(text: str, start: int) -> tuple[int, int] | None:
    """The account named before a client address found at ``start`` on its log line."""
    begin = max(text.rfind("\n", 0, start) + 1, start - LOGIN_REACH)
    return _last_account(_LOG_USER, ("u", "s", "w", "e"), text, begin, start, _a_system_account)


def _a_system_account(low: str) -> bool:
    return low in _SYSTEM_ACCOUNTS or low.endswith(("bot", "-svc", "_svc"))  # "jenkins-bot"


# A booking's reference, which with the traveller's surname opens the booking: "Eurostar booking
# TFB4XK9" over "Passengers: Ms Clara Mendel", "Auftragsnummer 814 273 906 512" over "Reisender:
# Herr Sebastian Krämer", an order's number over the buyer's name ("order 771-0022-5518 ...
# attn Brian Sato"). Help pages and API documentation quote such references as examples
# ("e.g. booking reference X7K9P2", "Booking BK12345 does not exist"), so a reference counts
# only above a finding about a person, in the same record.
_BOOKING = re.compile(
    r"\b(?i:booking|reservation|reservierung|confirmation|pnr|record locator|file reference"
    r"|buchungsnummer|auftragsnummer|buchungscode|reservierungsnummer|localizador"
    r"|c[óo]digo de reserva|num[ée]ro de r[ée]servation|r[ée]servation|prenotazione"
    r"|boekingsnummer|numer rezerwacji|rezervasyon kodu|order|bestellung|bestellnummer|commande"
    r"|pedido|ordine|zamówienie|sipariş)"
    r"(?:[ \t]{1,3}(?i:ref(?:erence)?|number|no\.?|n°|nº|code|nr\.?|#|is))?[ \t]{0,3}[:#-]?[ \t]{0,3}"
    r"(?P<ref>[A-Z0-9]{2,6}(?:-[A-Z0-9]{2,8}){1,3}|[A-Z0-9]{5,12}|[0-9]{3}(?: [0-9]{3}){2,4})\b"
)
BOOKING_REACH = 300  # characters above a finding its booking's reference may be
_BOOKING_FOR = frozenset({Category.PERSON, *_ROW_VALUES})


def booking_reference(text: str, start: int) -> tuple[int, int] | None:
    """The (start, end) of a booking's reference above a finding at ``start``: letters and
    digits ("TFB4XK9"), or nine digits or more."""
    for m in _BOOKING.finditer(text, max(0, start - BOOKING_REACH), start):
        ref = m.group("ref")
        digits = sum(c.isdigit() for c in ref)
        if digits and (digits >= 9 or any(c.isalpha() for c in ref)):
            return m.span("ref")
    return None


def record_subject_spans(text: str, spans: list[Span]) -> list[Span]:
    """A PERSON span for the record's name (or an address's addressee) of each of ``spans``,
    where it is before the span."""
    out: dict[tuple[int, int], Span] = {}
    for span in spans:
        found = record_subject(text, span.start)
        if found is None and span.category in _ROW_VALUES:
            found = addressee(text, span.start) or block_name(text, span.start)
        if found is None:
            found = name_cell(text, span.start)
        if found is None and span.category in _AGED_LIST_VALUES:
            found = aged_name(text, span.start)
        if found is None and span.category is Category.PERSON:
            handle = _HANDLE_BEFORE.search(text, max(0, span.start - 48), span.start)
            found = handle.span(1) if handle is not None else None
        if found is not None and found[0] < span.start and found not in out:
            out[found] = Span(found[0], found[1], Category.PERSON, span.tier, span.score, SOURCE)
        booking = booking_reference(text, span.start) if span.category in _BOOKING_FOR else None
        if booking is not None and booking not in out:
            out[booking] = Span(
                booking[0], booking[1], Category.PERSONAL, span.tier, span.score, SOURCE
            )
        login, kind = None, Category.PERSONAL
        if span.category is Category.CREDENTIAL:
            login, kind = login_name(text, span.start), Category.CREDENTIAL
        elif span.category is Category.IP_ADDRESS:
            login = log_user(text, span.start)
        if login is not None and login not in out:
            out[login] = Span(login[0], login[1], kind, span.tier, span.score, SOURCE)
    return list(out.values())
