"""Tier 1: a value in a pasted record whose field name says it is about a person.

`"dateOfBirth":"1991-07-23"`, `Passenger: MS JULIA HARTMANN`, `Registered owner: TREVOR M.
OKAFOR`, `Booking reference: QX7T2L`, a CSV export whose header reads `id,full_name,email,...`:
the value alone is a date, a name in capitals or six letters, which no format rule and no
sentence classifier reads as personal. The field name says what it is. Pasted API responses,
booking mails, letters and exports are where users put other people's data.

A value is private when its field names a person's identity, contact, documents or bookings
and the value is a value: not empty, not a placeholder (``<name>``, ``{{ dob }}``,
``YOUR_NAME``, ``xxx``), not a type (``string``), not a bare ``null``/``true``. Plain ``name``,
``owner`` or ``id`` name things as often as people (``name: Publish``, ``owner: platform-team``)
and are not fields here. In a CSV or TSV table, the first data row's first value under a person
column starts the private part. A role's name field (``driver_name``, "Name of participant")
counts when its value reads as a person's name; so does a property list's value under a
person key (GA4's ``user_properties``), an XML element named for a person field and a GPS
track's author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import is_placeholder
from sglang_safekv.detect.named_matter import DIRECTORY_COLUMNS, HEALTH_TERM
from sglang_safekv.detect.personal import PLACEHOLDER_NAMES
from sglang_safekv.detect.record_subject import person_like
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9

# Field names (lowercase, without spaces, '_', '-' and '.') of a person's data. E-mail and phone
# fields are left to the e-mail and phone patterns, which know role mailboxes, documentation
# domains and fictional numbers.
PERSON_FIELDS = frozenset(
    """fullname firstname lastname surname givenname familyname middlename maidenname
    mothersmaidenname customername clientname patientname passengername guestname
    employeename studentname membername holdername accountholder cardholder cardholdername
    policyholder insured insuredname beneficiary nextofkin emergencycontact guardian
    registeredowner registeredkeeper tenantname applicant applicantname recipientname
    passenger patient dateofbirth dob birthdate birthday dateofbirthddmmyyyy placeofbirth
    ssn socialsecuritynumber socialsecurityno taxid tin nationalid nationalidnumber
    passport passportno passportnumber passportnr driverslicense driverlicense
    driverslicence drivinglicence drivernumber driverno licencenumber licensenumber dlnumber medicarenumber mbi
    nhsnumber healthcardnumber insurancenumber policynumber membernumber memberid
    patientid mrn medicalrecordnumber employeeid studentid bookingreference bookingref
    bookingnumber reservationnumber confirmationnumber confirmationcode pnr ticketnumber
    homeaddress streetaddress residentialaddress mailingaddress address address1 address2
    addressline1 addressline2 homepostcode homezip homezipcode homepostalcode iban accountnumber
    accountno cardnumber plate licenseplate numberplate registrationnumber vin diagnosis dx salary
    dni nie nif curp rfc cpf nir nss steuerid steueridentifikationsnummer codicefiscale pesel
    bsn burgerservicenummer personnummer cpr henkilötunnus tckimlikno tckn aadhaar aadhaarno
    nombrecompleto apellidos fechadenacimiento nomcomplet datedenaissance geburtsdatum
    vollständigername nomecompleto datadinascita datadenascimento 주민등록번호 주민번호 생년월일
    身份证号 身份证号码 出生日期 生年月日 マイナンバー 個人番号 住所 氏名
    plaintiff defendant codefendant claimant accused demandante demandado demandada beklagter beklagte
    antragsteller antragstellerin demandeur demanderesse attore convenuto convenuta
    requerente requerido requerida eiser gedaagde pozwany pozwana nombredelpaciente
    nombredelapaciente nomdupatient patientenname nomedelpaziente nomedopaciente
    nazwiskopacjenta""".split()  # noqa: SIM905
)
# A roster's screening results ("name;role;tb_test" over "Denise Ruiz;lead teacher;positive"):
# under a plain name column, a person's name, with a result word under a result column, makes
# the row private. Schemas, counts by county and travel pages name these fields too ("hiv_status:
# Positive, Negative or Unknown", "county,hiv_status,count"): a form's field alone is no result.
_RESULT_FIELDS = frozenset(
    """tbtest tbresult tbscreen tbstatus tbtestresult hivstatus hivtest hivresult
    hivtestresult drugtest drugscreen drugscreenresult drugtestresult covidtest covidresult
    covidtestresult pcrresult vaccinationstatus covidstatus hepbstatus""".split()  # noqa: SIM905
)
_ROSTER_NAMES = frozenset({"name", "staff", "worker", "person", "nom", "nombre", "nome"})
_RESULT_VALUE = re.compile(
    r"[ \t\"']*(?:positive|negative|reactive|non-?reactive|detected|not detected|latent"
    r"|pending|vaccinated|unvaccinated|exempt|treated|cleared|pos|neg)\b",
    re.IGNORECASE,
)
# A person's residence status ("Current immigration status: Undocumented"). Schemas and blank
# forms name these fields too, so the value must read as a plain answer (``_plain_status``).
_STATUS_FIELDS = frozenset(
    """immigrationstatus visastatus residencestatus residencystatus citizenshipstatus
    migrationstatus aufenthaltsstatus aufenthaltstitel verblijfsstatus estatusmigratorio
    situacionmigratoria""".split()  # noqa: SIM905
)
# An answer of a few plain words ("Undocumented", "Duldung bis 31.08.2024"): not a type
# ("VisaStatus;", "VARCHAR(32)", "z.enum("), an option list ("Citizen / Permanent resident",
# "☐ Citizen") or a schema's "One of PENDING, ...".
_PLAIN_STATUS = re.compile(r"[^\W_][\w'’ ./-]{0,48}")
_OPTIONS = re.compile(r"\D/|/\D")  # "Citizen / Permanent resident", not "31/08/2024"
_TYPE_NAME = re.compile(r"[A-Z][a-z]+[A-Z]\w*|[A-Z][A-Z0-9]*_[A-Z0-9_]+")


def _plain_status(value: str) -> bool:
    value = value.strip().strip("\"'").strip().rstrip(".")
    return (
        _PLAIN_STATUS.fullmatch(value) is not None
        and len(value.split()) <= 5
        and not value.lower().startswith("one of")
        and _OPTIONS.search(value) is None
        and _TYPE_NAME.fullmatch(value) is None
        and _is_value(value)
    )


# "<role>Name" and "Name of <role>" fields (driver_name, participantName, "Name of
# participant"): a role only people take, and the value must read as a person's name ("Driver
# name: nvlddmkm.sys", "parent_name: Electronics" are not). A role alone counts only for the
# roles of records about private people (employee, student, tenant, ...): "driver: Max
# Verstappen", "Guest: Barack Obama", "Operator: Air France" name public figures and companies.
_PERSON_ROLES = frozenset(
    """driver rider courier sender buyer contact parent child spouse partner resident occupant
    candidate participant respondent interviewee caller visitor claimant borrower donor
    volunteer victim witness suspect landlord landlady kid mother father emergencycontact
    traveler traveller attendee subscriber athlete patient applicant employee student
    deceased insured guardian tenant client customer passenger member guest recipient
    researcher interviewer holder""".split()  # noqa: SIM905
)
_ROLE_ALONE = frozenset(
    """employee student tenant claimant applicant participant respondent passenger borrower
    interviewee donor outorgantevendedor outorgadocomprador inmate detainee prisoner""".split()  # noqa: SIM905
)
# Custody roles are cast lists' and news' too ("Inmate: Danny Trejo", "Detainee: Khalid Shaikh
# Mohammed"): their values count only with a custody record's words near them.
_CUSTODY_KEYS = frozenset({"inmate", "detainee", "prisoner"})
_CUSTODY_RECORD = re.compile(
    r"\b(?:(?-i:DOC)|booking|register(?:ation)? (?:number|no)|facility|release|parole|unit"
    r"|cell|block|commissary|custody)\b",
    re.IGNORECASE,
)
CUSTODY_REACH = 200
# Donors and a deed's parties are organisations as often ("Donor: Chan Zuckerberg Initiative",
# "Outorgante vendedor: Município de Lisboa"): their values need no word of one. (A volunteer
# alone was tried at stop 40 and dropped: "Volunteer: Citizens Advice", "Volunteer: Wikipedia
# Editors".)
_GIVERS = frozenset({"donor", "outorgantevendedor", "outorgadocomprador"})
_NOT_A_GIVER_WORD = frozenset(
    """Trust Initiative Philanthropies Church Cross Anonymous Shift Fund Appeal Lottery Trustees
    Society Association Alliance Institute Program Programme Project Corps Club Endowment Earth
    Município Municipal Estado Câmara Banco Metropolitano Sonae Group S.A. E.P.E.""".split()  # noqa: SIM905
)
_UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽČŘ"
_LOWER = "a-zß-öø-ÿłśšžčř"
_NAME_WORD = rf"[{_UPPER}](?:[{_LOWER}'’]+(?:[{_UPPER}][{_LOWER}]+)?|[{_UPPER}'’]+)(?:-[{_UPPER}][{_LOWER}{_UPPER}'’]+)?"
# Two to four capitalised words (particles between), or a name in capitals: "Ana de la Cruz",
# "Sean McDonald", "TADHG O'RIORDAN", "Dr. Ines Castell".
_A_PERSONS_NAME = re.compile(
    rf"(?:(?:Dr|Mr|Mrs|Ms|Mx)\.? )?{_NAME_WORD}"
    rf"(?: (?:(?:de|la|del|da|do|dos|van|von|der|den|di|du|le|bin|al) )*(?:[{_UPPER}]\.|{_NAME_WORD})){{1,3}}"
    rf"(?![\w'’-])"
)
# An initial and a surname, as rosters of people in custody, at work or at school write them
# ("J. Kowalski"); under other keys it is as often a public figure ("M. Verstappen", "J. Crew").
_INITIAL_NAME = re.compile(rf"[{_UPPER}]\. {_NAME_WORD}(?![\w'’ -])")
_INITIAL_KEYS = frozenset({"inmate", "detainee", "prisoner", "employee", "student", "tenant"})
NOT_A_PERSON_WORD = frozenset(
    """Ltd Inc Corp Corporation LLC GmbH AG SA BV Group Team Company Co Labs Systems Services
    Service Solutions Bank Hotel Airlines Airways Technologies Partners Holdings University
    College School Hospital Clinic Agency Foundation Studio Store PLC Limited Network Thread
    Number Engineering Contributors Park Museum Council Department Office Commission
    Committee Union Ministry Authority Fund Society Association Alliance Institute Borders
    Appeal Lottery Trustees Example Sample Another Test Redacted Privacy Proxy Protected
    Withheld Masking Statutory Data Rotation Primary Secondary Follow The Success Relations
    Elite Gold Silver Platinum Bronze Tier Support Sales Marketing Operations Electronics Motors
    Pharmaceuticals Industries Media Entertainment Energy Capital Foods Brands Communications
    Networks Financial Brothers Traders Enterprises""".split()  # noqa: SIM905
)


# A household's or a deal's roles numbered ("spouse1", "parent_2", "applicant2"): a record's
# parties, not an infobox's (which writes "Spouse(s)") nor a race's or a poll's ("driver1",
# "candidate2" are left out).
_NUMBERED_ROLES = frozenset(
    """spouse applicant coapplicant borrower coborrower guardian beneficiary dependent
    emergencycontact""".split()  # noqa: SIM905
)


def _role_key(key: str) -> bool:
    return (
        key in _ROLE_ALONE
        or (key.endswith("name") and key[:-4] in _PERSON_ROLES)
        or (key.startswith("nameof") and key[6:] in _PERSON_ROLES)
        or (key[-1:].isdigit() and key.rstrip("0123456789") in _NUMBERED_ROLES)
    )


# A commercial driver's licence ("driver,cdl" over "Randall Pickett,TX 31846275"): job ads write
# "CDL: Class A" and "CDL: 250000 miles preferred", counts write "Texas,612345", so the value
# must be one licence-shaped token (a state's letters before it allowed): letters and five
# digits or more, or seven digits or more.
_LICENCE_NUMBER_FIELDS = frozenset({"cdl", "cdlnumber", "cdlno", "cdlnum"})
_LICENCE_NUMBER = re.compile(r"(?:[A-Z]{2}[ -])?[A-Z0-9][A-Z0-9-]{4,19}")


def _a_licence_number(value: str) -> bool:
    value = value.strip().strip("\"'").strip()
    digits = sum(ch.isdigit() for ch in value)
    letters = any(ch.isalpha() for ch in value)
    return _LICENCE_NUMBER.fullmatch(value) is not None and digits >= (5 if letters else 7)


def is_person_field(key: str) -> bool:
    """``key`` (as :func:`_field_key` writes it) names a person's data."""
    return (
        key in PERSON_FIELDS
        or key in _STATUS_FIELDS
        or key in _LICENCE_NUMBER_FIELDS
        or _role_key(key)
    )


def reads_as_a_name(value: str) -> bool:
    """``value`` starts with a person's name (and is no company's)."""
    m = _A_PERSONS_NAME.match(value.strip().strip("\"'").strip())
    return m is not None and not any(
        w in NOT_A_PERSON_WORD or w.capitalize() in NOT_A_PERSON_WORD for w in m.group().split()
    )


# "Label: value" on a line of a form or letter, "key": "value" in JSON, key: value in YAML: the
# separators are found first (in C), then the one to four words before each are looked up.
_SEPARATOR = re.compile(r"[:=]")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 .'_-]{0,46}")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,20}\)")  # "Date of birth (DD/MM/YYYY)"
# Field names whose value must look like a street address: a letter and a digit, not a host.
_ADDRESS_KEYS = frozenset(k for k in PERSON_FIELDS if "address" in k or k.startswith("home"))
_HOST = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|[\w.-]+\.(?:local|internal|lan))(?::\d+)?"
)
_VALUE = re.compile(r"""[ \t]*("[^"\n]{1,120}"|'[^'\n]{1,120}'|[^\s,{}\[\]"'][^\n,{}\[\]]{0,80})""")
# After "=", a bare value belongs to a grammar or code ("address = mailbox / group"), unless
# the name is an environment variable's (CUSTOMER_NAME=Ines).
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]+")
_NOT_A_VALUE = re.compile(
    r"(?:null|none|nil|true|false|n/?a|string|str|int|integer|number|date|bool|boolean|text"
    r"|enum|float|object|array|varchar|uuid|optional|required|unknown|redacted|\*+|-+|_+|x+|\?+|\.\.\.|…)",
    re.IGNORECASE,
)
_CSV_SEPARATORS = (",", "\t", ";", "|")
_COLUMN_NAME = re.compile(r"\w{1,24}")  # a header cell as _field_key writes it
# Columns of an identifier only a private person's record holds (a free-text last column may
# follow them).
_IDENTIFIER_COLUMNS = frozenset(
    """dob dateofbirth birthdate ssn socialsecuritynumber nationalid passport passportnumber mrn
    medicalrecordnumber patientid nhsnumber medicarenumber cdl cdlnumber cdlno""".split()  # noqa: SIM905
)


def _field_key(name: str) -> str:
    return re.sub(r"[\s_.'-]", "", name).lower()


# A field or variable name where a value would be ("total_cents", "customerEmail"): a schema
# or a second header, not a record.
_IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+")


def _is_value(value: str, key: str = "") -> bool:
    value = value.strip().strip("\"'").strip()
    if not value or _NOT_A_VALUE.fullmatch(value) or _IDENTIFIER.fullmatch(value):
        return False
    if value.lower().startswith("0x") or value in PERSON_FIELDS:
        return False  # a memory address; a schema row naming the field
    words = sum(any(c.isalpha() for c in w) for w in value.split())
    if words > 6 or (words >= 4 and value.endswith(".")):
        return False  # prose describing the field ("A 45-year-old man presents with ...")
    if key in _ADDRESS_KEYS and (
        _HOST.fullmatch(value)
        or not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value))
    ):
        return False
    digits = re.findall(r"\d", value)
    if len(set(digits)) == 1 and not any(ch.isalpha() for ch in value):
        return len(digits) < 6  # "000-00-0000", "000000": a slot, not a value
    return any(ch.isalnum() for ch in value) and not is_placeholder(value)


def _person_field(text: str, head: int, sep: int) -> str:
    """The person field named just before the separator at ``sep`` ("" when none)."""
    name = text[max(head, sep - 64) : sep]
    cut = max(name.rfind("\n"), name.rfind("{"), name.rfind(","), name.rfind(";"))
    name = _PARENTHESIS.sub("", name[cut + 1 :]).strip().strip("\"'").strip()
    if not _NAME.fullmatch(name):
        return ""
    words = name.split()
    keys = [_field_key("".join(words[-k:])) for k in range(1, min(4, len(words)) + 1)]
    return next((k for k in keys if is_person_field(k)), "")


# "Dx: childhood apraxia of speech", a clinical note's diagnosis; not code's step ("dx: 2",
# '"dx": 0.1') or a radio log's distant station ("DX: JA1NUT").
_DIAGNOSIS_WORDS = re.compile(r"[a-z]{3,}")


def _a_diagnosis(key: str, value: str) -> bool:
    return key in ("Dx", "DX") and _DIAGNOSIS_WORDS.search(value) is not None


def _custody_near(text: str, key: str, start: int, end: int) -> str:
    """The text around ``[start, end)`` that a custody role's value is read with ("" for
    other keys, which do not need it)."""
    if key not in _CUSTODY_KEYS:
        return ""
    return text[max(0, start - CUSTODY_REACH) : end + CUSTODY_REACH]


def _person_value(key: str, value: str, near: str = "") -> bool:
    """``value`` under ``key`` is a person's data (a role's name field needs a name); ``near``
    is the text around it, which a custody role's value needs (``_CUSTODY_KEYS``)."""
    if key in _CUSTODY_KEYS and not _CUSTODY_RECORD.search(near):
        return False
    if key in _INITIAL_KEYS and _INITIAL_NAME.match(value.strip().strip("\"'").strip()):
        return _is_value(value, key)
    if key in PERSON_FIELDS:
        return _is_value(value, key)
    if key in _LICENCE_NUMBER_FIELDS:
        return _is_value(value, key) and _a_licence_number(value)
    if key in _STATUS_FIELDS:
        return _plain_status(value)
    if key in _GIVERS and not _NOT_A_GIVER_WORD.isdisjoint(value.replace(",", " ").split()):
        return False
    return (
        _role_key(key)
        and _is_value(value, key)
        and reads_as_a_name(value)
        and value.strip().strip("\"'").strip().lower() not in PLACEHOLDER_NAMES
    )


def field_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(begin, end) of each person-field value overlapping ``text[start:end]``."""
    found = []
    head = max(0, start - 400)
    for sep in _SEPARATOR.finditer(text, head, end):
        key = _person_field(text, head, sep.start())
        if not key:
            continue
        m = _VALUE.match(text, sep.end(), end)
        if m is None:
            continue
        raw = m.group(1)
        near = _custody_near(text, key, m.start(), m.end())
        if not _person_value(key, raw, near):
            continue
        if key == "dx" and not _a_diagnosis(text[max(0, sep.start() - 2) : sep.start()], raw):
            continue
        name = text[max(head, sep.start() - 48) : sep.start()].split()[-1:] or [""]
        if sep.group() == "=" and raw[0] not in "\"'" and not _ENV_NAME.fullmatch(name[0]):
            continue
        b = m.start(1) + (1 if raw[0] in "\"'" else 0)
        e = m.end(1) - (1 if raw[0] in "\"'" and raw.endswith(raw[0]) else 0)
        e = b + len(text[b:e].rstrip())
        if e > start:
            found.append((b, e))
    return (
        found
        + _table_spans(text, head, start, end)
        + _health_object_spans(text, head, start, end)
        + _fhir_spans(text, head, start, end)
        + _property_spans(text, head, start, end)
        + _element_spans(text, head, start, end)
    )


# The author of a GPS track: a GPX file's <author><name> is the person whose runs and rides it
# records (a feed's or a map's author is not: the track must open within reach before it).
_TRACK_AUTHOR = re.compile(r"<author>\s{0,40}<name>(?P<value>[^<>\n]{1,120})</name>")
_GPS_TRACK = re.compile(r"<gpx\b")
_TRACK_REACH = 2000


# An XML element named for a person field (<policyNumber>, <dateOfBirth lang="en">); not the
# fields whose element names name things in markup as often (<address>, <plate>).
_ELEMENT = re.compile(
    r"<(?:\w{1,20}:)?(?P<tag>[A-Za-z][\w.-]{1,40})(?:[ \t][^<>\n]{0,80})?>(?P<value>[^<>\n]{1,120})</"
)
_NOT_ELEMENT_KEYS = frozenset(
    {"plate", "numberplate", "licenseplate", "address", "address1", "address2"}
)


def _element_spans(text: str, head: int, start: int, end: int) -> list[tuple[int, int]]:
    if "</" not in text[head:end]:
        return []
    found = []
    for m in _ELEMENT.finditer(text, head, end):
        key = _field_key(m.group("tag"))
        if (
            m.end("value") > start
            and key not in _NOT_ELEMENT_KEYS
            and _person_value(key, m.group("value"))
        ):
            found.append(m.span("value"))
    for m in _TRACK_AUTHOR.finditer(text, head, end):
        if (
            m.end("value") > start
            and reads_as_a_name(m.group("value"))
            and _GPS_TRACK.search(text, max(0, m.start() - _TRACK_REACH), m.start())
        ):
            found.append(m.span("value"))
    return found


# A property list names its field in one member and holds the value in the next: GA4 and
# Firebase exports (`"key": "full_name", "value": {"string_value": "Harold Ngata"}`), Cognito
# attributes (`{"Name": "custom:dob", "Value": "1990-04-02"}`), form submissions.
_PROPERTY = re.compile(
    r"\"(?:key|name|Name|Key|attribute)\"[ \t]*:[ \t]*\"(?:custom:)?(?P<key>[^\"\n]{1,40})\""
    r"[ \t\r\n,]{0,30}(?:\"label\"[ \t]*:[ \t]*\"(?P<label>[^\"\n]{1,40})\"[ \t\r\n,]{0,30})?"
    r"\"(?:value|Value|values)\"[ \t]*:[ \t]*"
    r"(?:\{[ \t\r\n]{0,30}\"\w{1,20}\"[ \t]*:[ \t]*)?\"(?P<value>[^\"\n]{1,120})\""
)


def _property_spans(text: str, head: int, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for m in _PROPERTY.finditer(text, head, end):
        key, value = _field_key(m.group("key")), m.group("value")
        if m.end("value") <= start:
            continue
        if _person_value(key, value) or (
            # a wallet pass's field: key "name", label "MEMBER"; the value must read as a name
            # ("label": "Passenger", "value": "Child" is a fare type, not a person)
            m.group("label")
            and is_person_field(_field_key(m.group("label")) + key)
            and _is_value(value)
            and reads_as_a_name(value)
        ):
            found.append(m.span("value"))
    return found


# A FHIR Patient resource's identifiers (a medical record number, an insurance number), in XML
# or JSON: the resource type says whose they are; an Organization's stay public.
_DIGITS = re.compile(r"\d")
_FHIR_PATIENT = re.compile(r"<Patient\b|\"resourceType\"[ \t]*:[ \t]*\"(?:Patient|RelatedPerson)\"")
_FHIR_IDENTIFIER = re.compile(
    r"<identifier>[^<]{0,40}(?:<(?!/identifier>)[^<]{0,200}){0,6}?<value value=\"(?P<x>[^\"<>]{3,64})\""
    r"|\"identifier\"[ \t]*:[ \t]*\[[^\]]{0,300}?\"value\"[ \t]*:[ \t]*\"(?P<j>[^\"]{3,64})\""
)


def _fhir_spans(text: str, head: int, start: int, end: int) -> list[tuple[int, int]]:
    if _FHIR_PATIENT.search(text, 0, end) is None:
        return []
    found = []
    for m in _FHIR_IDENTIFIER.finditer(text, head, end):
        group = "x" if m.group("x") is not None else "j"
        value = m.group(group)
        # a real record number has six digits or more ("MRN00731842"); the specification's
        # and tutorials' examples are short ("MRN-0001", "abc123", "12345")
        if m.end(group) > start and _is_value(value) and len(_DIGITS.findall(value)) >= 6:
            found.append(m.span(group))
    return found


def _table_spans(text: str, head: int, start: int, end: int) -> list[tuple[int, int]]:
    """The first value under a person column of a CSV/TSV table: its header line names the
    columns, the next line with as many separators holds the first record. A table inside a
    JSON string (a tool's result) has its lines broken by a written ``\\n``."""
    part = text[head:end].replace("\\n", "\n ")  # same length: offsets stay
    if "\n" not in part:
        return []
    lines = part.split("\n")
    offsets = []
    pos = head
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines[:-1]):
        sep = next((s for s in _CSV_SEPARATORS if line.count(s) >= 2), None)
        if sep is None:
            continue
        if i > 0 and lines[i - 1].count(sep) == line.count(sep):
            continue  # a row of a table, not its header (a schema lists field names in rows)
        if text[offsets[i] + len(line)] == "\\" and ("(" in line or "=" in line):
            continue  # a line of code that holds a CSV string ('pd.read_csv(io.StringIO("a,b\\n')
        columns = [_field_key(c.strip().strip("\"'")) for c in line.split(sep)]
        person = [k for k, c in enumerate(columns) if is_person_field(c)]
        if not person:
            example = _EXAMPLE_BEFORE.search(text, max(0, offsets[i] - 200), offsets[i])
            roster = _roster_row(columns, lines[i + 1], sep, example is not None)
            if roster is not None and offsets[i + 1] + roster > start:
                return [(offsets[i + 1], offsets[i + 1] + roster)]
            continue
        for j in range(i + 1, min(i + 3, len(lines))):
            row = lines[j]
            cells = row.split(sep)
            if row.count(sep) != line.count(sep):
                # amounts with thousands separators in a CSV row ("Walter Oyelaran,112,$14,200")
                private_roll = all(columns[k] in _PRIVATE_ROLLS for k in person)
                cells = _AMOUNT_COMMA_SPLIT.split(row) if sep == "," and private_roll else []
                if len(cells) != line.count(sep) + 1:
                    cells = _free_last_cell(columns, person, row, sep)
                if len(cells) != line.count(sep) + 1:
                    continue
            if set(row) <= set("-:|+ \t"):
                if _EXAMPLE_BEFORE.search(text, max(0, offsets[i] - 200), offsets[i]):
                    break  # a tutorial's sample output
                continue  # a Markdown table's rule under its header
            cell_start = offsets[j]
            starts = []
            for cell in cells:
                starts.append(cell_start)
                cell_start += len(cell) + len(sep)
            for k in person:
                cell = cells[k]
                near = _custody_near(text, columns[k], offsets[i], offsets[j])
                if _person_value(columns[k], cell, near):
                    # The record is about one person: it is private from its first cell on
                    # (a name column before the ID column that marks the table).
                    b = starts[0] + len(cells[0]) - len(cells[0].lstrip())
                    e = starts[k] + len(cell.rstrip())
                    if e > start:
                        return [(b, e)]
            break
    return _aligned_table_spans(lines, offsets, start)


def _free_last_cell(columns: list[str], person: list[int], row: str, sep: str) -> list[str]:
    """``row``'s cells when only its last, free-text column holds more separators ("Nakashima,
    Riley,2014-08-02,religious (MMR, varicella)" under "Last,First,DOB,Exemption"); [] when a
    person column is that last one, a header cell is no short field name, or the last cell's
    separators split a number ("Joe Biden,Democratic,81,283,501" is an amount)."""
    if max(person) >= len(columns) - 1 or not all(_COLUMN_NAME.fullmatch(c) for c in columns):
        return []
    if _IDENTIFIER_COLUMNS.isdisjoint(columns[k] for k in person):
        return []  # a role's or an address's column: public tables name people and firms so
    cells = row.split(sep, len(columns) - 1)
    if len(cells) != len(columns) or not re.search(rf"{re.escape(sep)}[ \t]*[^\W\d_]", cells[-1]):
        return []
    return cells


def _roster_row(columns: list[str], row: str, sep: str, example: bool = False) -> int | None:
    """The end in ``row`` of its last health cell (``_health_cells``; not under a tutorial's
    ``example`` table) or result cell (``_RESULT_FIELDS``) when the row, under a header of
    ``columns``, is a roster's: a name under a plain name column, and a result word."""
    cells = row.split(sep)
    if len(cells) != len(columns):
        return None
    health = [] if example else _health_cells(columns, cells)  # not a tutorial's sample rows
    if health:
        return _cell_end(cells, health[-1], sep)
    named = next((k for k, c in enumerate(columns) if c in _ROSTER_NAMES), None)
    results = [k for k, c in enumerate(columns) if c in _RESULT_FIELDS]
    if named is None or not results:
        return None
    if not reads_as_a_name(cells[named]):
        return None
    hits = [k for k in results if _RESULT_VALUE.match(cells[k])]
    if not hits:
        return None
    return _cell_end(cells, hits[-1], sep)


def _cell_end(cells: list[str], k: int, sep: str) -> int:
    """Where cell ``k`` of a row split at ``sep`` ends, its trailing blanks left out."""
    return sum(len(c) + len(sep) for c in cells[:k]) + len(cells[k].rstrip())


# A health column beside a person's: a roster of named people's injuries, diagnoses or
# medicines ("player,injury,rtp" over "Marcus Ilunga,hamstring strain grade 2"), or a client's
# or a patient's body measures ("client,date,weight,bf%"). Under a plain "name" or a player's
# column the cell must name a condition (``named_matter.HEALTH_TERM``): "name,allergies" is a
# menu's header too ("Caesar Salad,dairy"), and "name,weight" a product catalogue's.
_HEALTH_COLUMNS = frozenset(
    """injury injuries diagnosis diagnoses dx condition conditions medicalconditions
    medication medications meds allergies allergy""".split()  # noqa: SIM905
)
_MEASURE_COLUMNS = frozenset(
    """weight bmi bodyfat bf bf% bodyfat% bloodpressure bp a1c hba1c glucose""".split()  # noqa: SIM905
)
_CLIENT_NAMES = frozenset({"client", "patient", "resident"})
# A team's sheet names a condition too, sports news only a body part ("thigh injury").
_PLAYER_NAMES = frozenset({"player", "athlete"})


def _health_cells(columns: list[str], cells: list[str]) -> list[int]:
    """The health cells of a roster row whose name column holds a person's name."""
    named = next(
        (k for k, c in enumerate(columns) if c in _ROSTER_NAMES | _CLIENT_NAMES | _PLAYER_NAMES),
        None,
    )
    if named is None or not reads_as_a_name(cells[named]) or DIRECTORY_COLUMNS & set(columns):
        return []
    client = columns[named] in _CLIENT_NAMES
    wanted = _HEALTH_COLUMNS | (_MEASURE_COLUMNS if client else frozenset())
    return [
        k
        for k, c in enumerate(columns)
        if c in wanted
        and k != named
        and _is_value(cells[k].strip())
        and (client or HEALTH_TERM.search(cells[k]) is not None)
    ]


# A care or a studio client's record as one JSON object ('{"client_id":8812,"name":"Owen Kessler",
# "allergies":["nickel"],"conditions":["type 1 diabetes"]}'): a name under a plain name key, a
# health key and a client's, a patient's or a resident's record id (not null) make the name
# private. A recipe's allergens, a drug catalogue, a game's sheet or a city's weather conditions
# come with no such id.
_JSON_MEMBER = re.compile(
    r'"(?P<key>[A-Za-z_][\w ]{0,30})"[ \t]*:[ \t]*(?P<value>"[^"\n]{0,120}"|\[[^\]\n]{0,200}\]'
    r"|-?\d+(?:\.\d+)?)"
)
_HEALTH_KEYS = frozenset(
    """dx diagnosis diagnoses conditions medicalconditions healthconditions chronicconditions
    allergies medications meds codestatus medicalhistory""".split()  # noqa: SIM905
)
_RECORD_ID_KEYS = frozenset(
    """clientid patientid residentid mrn caseid participantid""".split()  # noqa: SIM905
)
_PLAIN_NAME_KEYS = frozenset({"name", "fullname", "clientname", "patientname", "residentname"})
# Whose position a tracker logs (only with a time and a fine position, ``_tracked``; not a
# plain "name": storms, ships and landmarks are tracked too).
_TRACKED_KEYS = frozenset({"driver", "drivername", "rider", "courier", "user", "employee"})


def _health_object_spans(text: str, head: int, start: int, end: int) -> list[tuple[int, int]]:
    """The name of each one-line JSON object in ``text[head:end]`` that is a person's health
    record or a person's tracked position (``_tracked``)."""
    found = []
    brace = text.find("{", head, end)
    while brace >= 0:
        begin = text.rfind("\n", head, brace) + 1
        stop = text.find("\n", brace, end)
        stop = end if stop < 0 else stop
        name: tuple[int, int] | None = None
        tracked: tuple[int, int] | None = None
        health = record_id = False
        members: dict[str, str] = {}
        for m in _JSON_MEMBER.finditer(text, begin, stop):
            key, value = _field_key(m.group("key")), m.group("value")
            members[key] = value.strip('"')
            named = (m.start("value") + 1, m.end("value") - 1)
            if key in _PLAIN_NAME_KEYS and name is None and reads_as_a_name(value):
                name = named
            elif key in _TRACKED_KEYS and tracked is None and len(value.split()) >= 2:
                tracked = named if reads_as_a_name(value) else None
            elif key in _HEALTH_KEYS and value not in ('""', "[]"):
                health = True
            elif key in _RECORD_ID_KEYS:
                record_id = True
        if name is not None and name[1] > start and health and record_id:
            found.append(name)
        if (
            tracked is not None
            and tracked[1] > start
            and person_like(text[tracked[0] : tracked[1]], False)
            and _PLACE_WORDS.isdisjoint(text[tracked[0] : tracked[1]].split())
            and _tracked(members)
        ):
            found.append(tracked)
        brace = text.find("{", stop, end)
    return found


# A person's position at a time ('{"driver":"Patrick Oyelowo","lat":41.87621,"lon":-87.63017,
# "ts":"2026-12-05T07:14:22Z"}'): a fleet tracker's or a phone's trace. Four decimals place
# a person within about ten metres; a landmark's coordinates come with no time and no person.
_FINE_DEGREES = re.compile(r"-?\d{1,3}\.\d{4,}")
_POSITION_KEYS = frozenset({"lat", "latitude", "lon", "lng", "long", "longitude"})
_PLACE_WORDS = NOT_A_PERSON_WORD | frozenset(
    """Bridge Tower Gate Square Station Airport Stadium Arena Cathedral Church Palace Castle
    Monument Memorial Plaza Mall Center Centre Lake River Mountain Mount Beach Bay Island Falls
    Canyon Harbor Harbour Port Pier Street Avenue Road Building Statue""".split()  # noqa: SIM905
)
_TIME_KEYS = frozenset({"ts", "timestamp", "time", "recordedat", "datetime", "at", "createdat"})


def _tracked(members: dict[str, str]) -> bool:
    """A one-line object's ``members`` (key: value, unquoted) hold a fine position and a
    time."""
    fine = [v for k, v in members.items() if k in _POSITION_KEYS]
    return (
        len(fine) == 2
        and all(_FINE_DEGREES.fullmatch(v) for v in fine)
        and not _TIME_KEYS.isdisjoint(members)
    )


# A comma between cells, not inside an amount ("$14,200": a digit, then three digits).
# (and Indian grouping: "₹1,20,000"). Only under a column of a private roll: tables of public
# people (candidates' votes, drivers' points, athletes' prize money) write amounts the same way.
_AMOUNT_COMMA_SPLIT = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d)|\d{2},\d{3})")
_PRIVATE_ROLLS = frozenset(
    """donor donorname claimant claimantname tenant tenantname borrower borrowername employee
    employeename student studentname patient patientname insured insuredname beneficiary payee
    debtor""".split()  # noqa: SIM905
)
_EXAMPLE_BEFORE = re.compile(
    r"(?i:\bexample|\bsample|\bexpected output|\bresult set\b|\btutorial|\bdemo\b"
    r"|\bfor instance)"
)
_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _aligned_table_spans(lines: list[str], offsets: list[int], start: int) -> list[tuple[int, int]]:
    """A table printed with aligned columns (``df.head()``, ``psql``'s output without bars):
    a header of three or more column names, one of a person column; the next line is the first
    record, private from its first character."""
    for i, line in enumerate(lines[:-1]):
        if "  " not in line.strip():
            continue  # aligned columns have two or more spaces between them
        names = line.split()
        if len(names) < 3 or not all(_COLUMN.fullmatch(n) for n in names):
            continue
        if not any(is_person_field(_field_key(n)) for n in names):
            continue
        row = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
        if row is None or len(lines[row].split()) < len(names) or set(lines[row]) <= set("-+ |"):
            continue
        b = offsets[row] + len(lines[row]) - len(lines[row].lstrip())
        e = offsets[row] + len(lines[row].rstrip())
        if e > start:
            return [(b, e)]
    return []


class RecordFieldRecognizer(Recognizer):
    tier = 1
    name = "record_fields"
    categories = frozenset({Category.PERSONAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [
            [
                Span(b, e, Category.PERSONAL, 1, SCORE, self.name)
                for b, e in field_spans(w.text, w.start, w.end)
            ]
            for w in windows
        ]
