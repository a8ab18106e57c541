"""Tier-1 pattern set: entity formats, secret formats, context keywords.

Each :class:`PatternSpec` is one regex in the syntax that Hyperscan, RE2 and Python's ``re``
share (no lookarounds, no backreferences), so the same set can be compiled by any engine and
the engines compared on equal terms. A named group ``v`` marks the value inside a match
("password: hunter2" -> "hunter2"): the keyword before it is not sensitive, so the span, and
with it the first private token, starts at the value.

Weak keywords (``hint=True``) never make text sensitive by themselves: they mark a sentence as
ambiguous, which sends it to tier 3 under the fast policy.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from sglang_safekv.detect import validators as v
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.credential_values import (
    GRAMMAR_ELEMENT,
    is_empty_value,
    is_placeholder,
    looks_generated,
    stated_value,
)
from sglang_safekv.detect.personal import PLACEHOLDER_NAMES
from sglang_safekv.detect.published import PUBLISHED_TEST_CARDS, fictional_written, is_published

# A validator returns False (reject), True (keep the spec's score) or a score of its own.
Validator = Callable[..., "bool | float"]  # (value) or, with reads_after, (value, after)

HINT_SCORE = 0.3


@dataclasses.dataclass(frozen=True)
class PatternSpec:
    name: str
    category: Category
    regex: str
    score: float = 0.9
    validator: Validator | None = None
    caseless: bool = False
    hint: bool = False
    # Python regex searched in the text just before a match; a hit rejects the match
    # ("version 2.4.10.1" is not an IP address). Not part of the prefilter.
    reject_before: str = ""
    # Python regex searched in the 24 characters before the match; a hit rejects it ("zip code
    # for the White House is 20500" is no secret code). Not part of the prefilter.
    reject_before_match: str = ""
    # Python regex searched in the match itself; a hit rejects it ("código postal ... es 28014").
    reject_match: str = ""
    # The validator is called with the value and the 40 characters after it (does the value
    # end its clause?) instead of the value alone.
    reads_after: bool = False

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex, re.IGNORECASE if self.caseless else 0)


# --- validators that need more than a checksum ------------------------------------------------

_ROLE_MAILBOXES = {
    "support", "info", "help", "sales", "noreply", "no-reply", "donotreply", "admin", "contact",
    "team", "hello", "privacy", "security", "press", "jobs", "careers", "billing", "legal",
    "feedback", "abuse", "webmaster", "postmaster", "marketing", "office", "service", "hr",
    "helpdesk", "it", "servicedesk", "orders", "accounts", "finance", "partners", "media",
    "staff", "peopleops", "people", "ops", "reception", "frontdesk", "enquiries", "inquiries",
    "bookings", "reservations", "library", "mediatheque", "bibliotheque", "admissions",
    "registrar", "customerservice", "care", "desk", "events", "membership", "members",
    "records", "clerk",
}  # fmt: skip
_MAILBOX_PIECES = re.compile(r"[._+-]")
# Free mail providers and consumer ISPs (by the domain's first label: yahoo.co.uk, gmx.de): a
# mailbox there is someone's, whatever its words ("events.team@gmail.com").
FREEMAIL_PROVIDERS = frozenset(
    """gmail googlemail outlook hotmail live msn yahoo ymail aol icloud me mac gmx web proton
    protonmail mail yandex qq 163 126 naver hanmail orange free libero t-online zoho fastmail
    sky comcast btinternet virginmedia att verizon cox charter bigpond shaw rogers telus
    sbcglobal bellsouth earthlink wanadoo laposte sfr tiscali virgilio seznam wp o2 interia
    onet rambler ukr bluewin""".split()  # noqa: SIM905
)


def _role_mailbox(local: str) -> bool:
    """A mailbox of a role made of pieces: "events.team", "people-ops"; each piece a role's
    word ("john-support" is John's, "cs101-staff" may be a login's as well)."""
    pieces = [p for p in _MAILBOX_PIECES.split(local.partition("+")[0]) if p]
    return bool(pieces) and all(p in _ROLE_MAILBOXES for p in pieces)


_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net", ".example", ".test", ".invalid")


def email_is_personal(text: str) -> bool:
    """Role mailboxes and documentation domains are public; everything else is personal."""
    local, _, domain = text.lower().partition("@")
    if domain.startswith("www."):
        return False  # a website ("the answer at www.irs.gov"), not a mailbox
    if domain.startswith("example.") or ".example." in domain:
        return False  # a national documentation domain: "taro@example.jp", "example.co.uk"
    if local in _ROLE_MAILBOXES or (
        domain.split(".")[0] not in FREEMAIL_PROVIDERS and _role_mailbox(local)
    ):
        return False
    return not domain.endswith(_EXAMPLE_DOMAINS)


_TOLL_FREE = ("800", "888", "877", "866", "855", "844", "833", "900")


# Words of an account, a team or a plan, not of a person ("for user Build Bot (id=3)", "for
# customer Free Trial (id: 0)").
_NOT_A_USERS_NAME = frozenset(
    """bot bots build builds service services account accounts team teams system systems
    admin admins test tests demo trial free guest anonymous unknown default app apps mobile
    web api client corp corporation inc ltd llc gmbh company group customer customers user
    users finance support sales billing ops devops security internal external partner
    partners integration pipeline runner worker job jobs robot automation plan tier""".split()  # noqa: SIM905
)


# Integer limits that code and its documentation print ("2147483647", "4294967295"): written
# as bare digits they have a phone number's length and a real area code.
_INTEGER_LIMITS = frozenset({"2147483647", "2147483648", "4294967295", "4294967296"})


def _phone_personal(text: str) -> bool:
    """A plausible number that is not a toll-free business line."""
    if not v.phone_plausible(text):
        return False
    digits = v.digits_of(text.split("x")[0].split("ext")[0])
    national = digits[-10:] if len(digits) >= 10 else digits
    if fictional_written(text):
        return False  # 555-0100 to 555-0199 and other ranges reserved for fiction and examples
    if national in "01234567890" or (len(digits) == 10 and digits[0] == "1"):
        return False  # a counting run (jwt.io's "1234567890"), a timestamp ("1516239022")
    if digits in _INTEGER_LIMITS and text.strip().isdigit():
        return False  # 2**31 - 1, the 32-bit timestamps' end, in code and docs
    # Written the North American way ("(555) 010-4400", "+1 555 010 0000"), a number whose area
    # code or exchange starts with 0 or 1 does not exist. (Ten digits alone may be an Indian
    # mobile or an Irish number: those stay.)
    written_nanp = len(digits) in (10, 11) and text.lstrip().startswith(
        ("(", "+1", "1-", "1 ", "1.")
    )
    if written_nanp and (national[0] in "01" or national[3] in "01"):
        return False
    return not national.startswith(_TOLL_FREE)


def _plate(value: str) -> bool:
    """Five letters and digits at least, both kinds, not a slot ("XXX 000")."""
    chars = [c for c in value if c.isalnum()]
    return (
        len(chars) >= 5
        and any(c.isdigit() for c in chars)
        and any(c.isalpha() for c in chars)
        and not is_placeholder(value)
        and re.search(r"(.)\1{2}", "".join(chars)) is None
    )


def _device_serial(value: str) -> bool:
    """Capitals and digits, two digits and three letters at least, no run of one character
    ("C02XXXXXXXXX" is a slot) and no word ("serial number required")."""
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    return (
        value.upper() == value
        and digits >= 2
        and letters >= 3
        and re.search(r"(.)\1{3}", value) is None
    )


# Card issuer prefixes (IIN): Visa, Mastercard, Amex, Discover, JCB, Diners.
_CARD_PREFIX = re.compile(r"^(4|5[1-5]|2[2-7]|3[47]|6011|64[4-9]|65|35|30[0-5]|36|38)")


def _card(text: str) -> bool:
    digits = v.digits_of(text)
    return (
        v.luhn_valid(text)
        and bool(_CARD_PREFIX.match(digits))
        and (digits not in PUBLISHED_TEST_CARDS)
    )


# Capitalized words that start role names and phrases, not personal names.
_NOT_NAME_WORDS = {
    "The", "Team", "Support", "Customer", "Service", "Services", "Staff", "Department", "Office",
    "Management", "Your", "Our", "All", "Everyone", "Sales", "Admin", "Security", "Help", "Desk",
    "Not", "Very", "Going", "Happy", "Sorry", "Here", "From", "Using", "Trying", "Looking",
}  # fmt: skip


def _name_value(text: str) -> bool:
    """A stated name, not a form's placeholder ("Name: Max Mustermann")."""
    return (
        not any(word in _NOT_NAME_WORDS for word in re.split(r"[ -]", text))
        and " ".join(text.lower().split()) not in PLACEHOLDER_NAMES
    )


# A digest or a UUID in hex ("MD5_PAT = "d41d8cd9..."", "uuid_pat"), or a fixture's value.
_HEX_OR_UUID = re.compile(r"[0-9a-fA-F-]+")
_FIXTURE = re.compile(r"(?i)(?:sample|test|example|dummy|fake|v\d)")


def _pat_value(value: str) -> bool:
    """A personal access token's value: generated-looking, not a digest, UUID or fixture."""
    return (
        looks_generated(value) and not _HEX_OR_UUID.fullmatch(value) and not _FIXTURE.match(value)
    )


# Values after "password:" that are documentation, not a password.
_PLACEHOLDER_WORDS = {
    "required", "incorrect", "invalid", "wrong", "correct", "expired", "missing", "optional",
    "empty", "hidden", "masked", "redacted", "stored", "hashed", "encrypted", "reset", "changed",
    "sent", "set", "saved", "shown", "used", "needed", "weak", "strong", "valid", "protected",
    "the", "a", "an", "your", "my", "this", "that", "not", "too", "at", "be", "is", "of", "and",
    "none", "null", "nil", "string", "example", "placeholder", "secret", "password", "passwd",
    "changeme", "xxx", "xxxx", "xxxxxxxx", "todo", "tbd", "case-sensitive", "mandatory",
    "forgotten", "lost", "updated", "generated", "provided", "configured", "managed", "only",
    "field", "value", "token", "key", "must", "should", "will", "can", "cannot", "never",
}  # fmt: skip


_PLACEHOLDER = re.compile(
    r"^(?:<[^>]*>?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|\{\{.*|\[[A-Za-z _-]*\]?|\*+|x{3,}"
    r"|\.{3,}|(?:os|process|env)\.\S*|getenv\S*)$",
    re.IGNORECASE,
)


def _secret_value(text: str, after: str = "") -> bool:
    """Reject placeholders and prose. A plain word after "password:" or inside a URL
    (``pass: mangotango``, ``https://deploy:marzipan@...``) is a password when it ends its
    clause (``credential_values.stated_value``): people choose words."""
    value = text.strip("\"'`.,;:)([]")
    if len(value) < 3 or (_PLACEHOLDER.match(value) and not looks_generated(value)):
        return False
    if value.lower() in _PLACEHOLDER_WORDS or len(set(value)) == 1:
        return False
    return stated_value(text, after) or looks_generated(value)


def _basic_auth_password(value: str, after: str) -> bool:
    """A password on a command line: not digits only (a group id), not a placeholder, and
    holding a digit or a symbol, as chosen passwords do (default logins such as "admin:admin"
    and "guest:guest" hold none)."""
    if value.isdigit() or not _secret_value(value, after):
        return False
    return any(not c.isalpha() for c in value)


def _api_secret_value(text: str) -> bool:
    value = text.strip("\"'`.,;")
    if is_placeholder(value) or not _secret_value(value) or len(value) < 12:
        return False
    classes = sum((any(c.isdigit() for c in value), any(c.isupper() for c in value), "_" in value))
    return classes >= 1 and v.shannon_entropy(value) >= 3.0


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Configuration names that say "secret" (``HMAC_SALT``, ``ADMIN_CREDS``, ``TOKEN2``).
_SECRET_WORD = (
    r"(?:api_?key|key|token|secret|password|passwd|pwd|pw|pass|passphrase|passcode|salt|creds?"
    r"|credentials?|pin|auth)[0-9]*"
)
# The value after such a name: a template variable (``{{ db_password }}``), a grammar's element
# in angle brackets (``token = 1*<any CHAR>``) or up to a space, a quote or a separator ("==" is
# a comparison, not an assignment).
_CONFIG_VALUE = rf"(?P<v>\{{\{{[ \t]*[\w.]+[ \t]*\}}\}}|{GRAMMAR_ELEMENT}|[^\s\"'`,;=][^\s\"'`,;]*)"
# A string's opening quote, with a prefix before it (Python's b"...", r"...", u"..."): the
# value is the string's content, not the prefix letter.
_STRING_OPEN = r"(?:[bru]{1,2}[\"']|[\"'])?"
# A name for a rate or a count per unit (``input_cost_per_token``) names no secret.
_PER_UNIT = r"(?<![a-z0-9])per_"
_SECRET_NAME = re.compile(rf"(?:[a-z0-9]+_)*(?<!{_PER_UNIT}){_SECRET_WORD}", re.IGNORECASE)
# Just before a value: the end of a per-unit name and its assignment.
_PER_UNIT_BEFORE = rf"(?i:{_PER_UNIT}{_SECRET_WORD})[\"'\]]*[ \t]*[=:][ \t]*[\"']?$"
# Standing alone, "key", "pin" and "auth" name dict keys, GPIO pins and auth schemes
# (``dict(key1='value1')``); they say secret only inside a longer name (``SSH_KEY``).
_BARE_SECRET_WORD = (
    r"(?:token|secret|password|passwd|pwd|pw|pass|passphrase|passcode|salt|creds?|credentials?)"
    r"[0-9]*"
)


def _config_secret_value(text: str) -> bool:
    """The value of a configuration name for a secret (``DB_PASSWORD=...``) is a secret
    whatever it looks like (``changeme``, ``Summer-2024-Beach-House``): only nothing, a null,
    a type annotation or a precise placeholder (``<key>``, ``$DB_PASSWORD``) is public."""
    if _CALLED.match(text.strip("\"'` ")):
        return False  # ``password = console.readPassword(...)``: read at run time, no value
    value = text.strip("\"'`,;:)(")
    if _CODE_REFERENCE.match(value) and _CODE_PART.search(value):
        return False  # ``token = response.nextPageToken``: another variable, no value
    return not (is_empty_value(value) or is_placeholder(value))


_CALLED = re.compile(r"^[A-Za-z_][\w.]*(?:::[A-Za-z_]\w*)*\($")
# A dotted path of identifiers with no digit, one part of it a code word, a snake_case or a
# camelCase name ("settings.DB_PASSWORD", "props.apiToken"); "correct.horse.battery" is none.
_CODE_REFERENCE = re.compile(r"^[A-Za-z_]+(?:\.[A-Za-z_]+)+$")
_CODE_PART = re.compile(
    r"(?:^|\.)(?:self|this|os|env|config|settings|request|response|req|res|props|process|args"
    r"|options|opts|params|ctx|context|secrets|vault|data)(?:\.|$)|_|[a-z][A-Z]"
)


def _high_entropy_value(text: str) -> bool:
    """A long token that looks generated. In ``NAME=value`` a name that says secret makes the
    value one (``SIGNING_SALT=2019-08-14-blue-heron``); any other name is not part of the
    secret and the value is judged alone (``AZURE_API_VERSION=2024-12-01-preview`` holds a
    date, ``SERVICE_AUTH=Xk9fQ2Lm3pZ8`` a secret)."""
    name, sep, value = text.partition("=")
    if sep and value.strip("=") and _NAME.fullmatch(name) and not looks_generated(name):
        if _SECRET_NAME.fullmatch(name):
            return _config_secret_value(value.strip("="))
        return looks_generated(value) or v.high_entropy_secret(value)
    return v.high_entropy_secret(text)


# --- the pattern set -------------------------------------------------------------------------

_SEP = r"[ .-]?"
_STREET_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Square|Sq|Trail|Trl|Highway|Hwy|Plaza|Crossing"
    r"|Junction|Ridge|Heights|Hills?|Park|Loop|Path|Pike|Row|Run|Walk|Alley|Bypass|Causeway"
    r"|Center|Common|Corner|Creek|Crescent|Estates?|Expressway|Falls|Field|Forest|Fork|Garden"
    r"|Gardens|Gateway|Grove|Harbor|Haven|Island|Knolls?|Lake|Landing|Manor|Meadows?|Mill"
    r"|Mission|Mount|Mountain|Orchard|Oval|Pass|Pines|Point|Port|Prairie|Ranch|Rapids|Shoals?"
    r"|Shores?|Spring|Springs|Station|Stream|Summit|Tunnel|Turnpike|Union|Valley|View|Villa"
    r"|Village|Ville|Vista|Wells?|Ways|Burgs?|Brook|Brooks|Cape|Camp|Canyon|Cliffs?|Club|Cove"
    r"|Curve|Dale|Dam|Divide|Extension|Ferry|Flat|Flats|Ford|Fort|Freeway|Glen|Green|Hollow"
    r"|Inlet|Isle|Key|Light|Lights|Lock|Locks|Lodge|Mall|Motorway|Neck|Pine|Plain|Plains"
    r"|Radial|Ramp|Rest|Route|Skyway|Squares|Stravenue|Track|Trafficway|Underpass|Viaduct"
    r"|Ports|Roads|Rue|Bridge|Bluffs?|Bottom|Branch|Bend)"
)
_DATE = (
    r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*,? \d{4})"
)

# A form field whose value is a secret or an account's number, as code names it: "customerId",
# "#password", "input[name=card_number]", "#login-pw", "//input[@id='iban']". The name ends the
# locator, or a widget word does ("#password-input"): "#pin-title", "#routing-search" and
# "#account-notes" are other fields. Bounded runs, so a long line costs linear time.
_SECRET_FIELD = (
    r"(?:(?:customer|account|member)[_-]?(?:id|no|num|number)|card[_-]?(?:no|num|number)|iban"
    r"|sort[_-]?code|routing[_-]?(?:no|num|number)|social[_-]?security(?:[_-]?(?:no|number))?"
    r"|passport[_-]?(?:no|num|number)?|date[_-]?of[_-]?birth|passcode|password|passwd|pass|pwd"
    r"|pw|ssn|dob|pin|otp|cvv|cvc|security[_-]?(?:code|answer)|memorable[_-]?word"
    r"|maiden[_-]?name)(?:[_-]?(?:input|field|confirm|confirmation|box|txt|text|new|current|1|2))?"
)
_LOCATOR = rf"[\"'][\w#.\[\]=@/:-]{{0,30}}?(?:{_SECRET_FIELD})\]?[\"']"
# One line of a person's health readings: a measure, a colon, a number (and its unit; a weight
# needs one: "weight: 0.5" is a model's loss weight).
_MEASURE = (
    r"(?:(?:resting|avg|average|mean)[ \t]+)?(?:heart[ \t]+rate|pulse|blood[ \t]+pressure|bp"
    r"|blood[ \t]+glucose|glucose|blood[ \t]+sugar|hba1c|a1c|spo2|oxygen[ \t]+saturation|bmi"
    r"|cholesterol|ldl|hdl|triglycerides|body[ \t]+fat)"
)
_MEASURE_VALUE = r"\d{1,3}(?:[.,]\d{1,2})?(?:/\d{2,3})?(?:[ \t]*(?:bpm|mmhg|mg/dl|mmol/l|%))?"
_WEIGHT_VALUE = r"\d{2,3}(?:[.,]\d{1,2})?[ \t]*(?:kg|lbs?)\b"
_LABEL_END = r"[ \t]*(?:\([^)\n]{0,12}\))?[ \t]*[:=][ \t]*"  # "BMI (kg/m2): "
# One reading: "resting heart rate: 88 bpm", "BP (mmHg): 150/95", "weight: 104.2 kg".
_READING = (
    rf"(?:{_MEASURE}{_LABEL_END}{_MEASURE_VALUE}"
    rf"|(?:body[ \t]+)?weight{_LABEL_END}{_WEIGHT_VALUE})"
)


# After a value: a range, a bound or a reference ("60-100 bpm", "130/80 mmHg or lower",
# "120/80 (optimal)", "70 mg/dL lower limit"): a norm, no one's reading ("72 bpm (average)" is
# someone's).
_NORM_AFTER = re.compile(
    r"[ \t]*(?:[-–~][ \t]*\d|to[ \t]+\d|or (?:less|lower|more|higher|above|below|under|over)"
    r"|\(?[ \t]*(?:optimal|normal|target|ideal|healthy|recommended|goal|range|reference)"
    r"|(?:lower|upper) limit|max|min)",
    re.IGNORECASE,
)


def _reading_value(value: str, after: str) -> bool:
    """A reading, not a norm."""
    return _NORM_AFTER.match(after) is None


def _form_value(text: str) -> bool:
    """A value typed into a secret field: not a slot, a placeholder, a published demo login or
    a published test card."""
    if v.digits_of(text) in PUBLISHED_TEST_CARDS:
        return False
    return _secret_value(text) and not is_published(text)


_NOT_SOMEONE = frozenset(
    """the a an all any every each new our your their his her my this that these those team
    staff employees employee people workers worker managers manager everyone someone anyone
    them him us underperformers contractors interns hires users patients students""".split()  # noqa: SIM905
)


def _named_one(value: str) -> bool:
    """A person's name, not a group or a pronoun ("put The Team on a PIP")."""
    return not any(w.lower() in _NOT_SOMEONE for w in value.split())


# Addresses of landmarks and headquarters that encyclopedias and API documentation quote
# (Google's geocoding examples use its own): no private person lives there. Squeezed stems.
_LANDMARK_ADDRESSES = (
    "10downingst",
    "1600pennsylvaniaave",
    "1600amphitheatrep",
    "1infiniteloop",
    "1appleparkway",
    "1hackerway",
    "410terryave",
    "350fifthave",
    "3505thave",
    "221bbakerst",  # Sherlock Holmes's, once a house number may carry a letter
    "4privetdr",  # Harry Potter's
)


# Streets that stand for any street in examples: "123 Main St", "1 Example Way", "1 rue de
# l'Exemple", "Musterstraße 1", "Calle Ejemplo 5".
_PLACEHOLDER_STREETS = ("123mainst", "1234mainst", "123anyst", "123fakest")
_PLACEHOLDER_STREET_WORD = re.compile(
    r"(?i:example|exemple|ejemplo|exemplo|esempio|beispiel|voorbeeld|przykład|sample|anytown"
    r"|muster)"
)


def not_a_placeholder_address(text: str) -> bool:
    squeezed = re.sub(r"[\s.,]", "", text.lower())
    return not (squeezed.startswith(_PLACEHOLDER_STREETS) or _PLACEHOLDER_STREET_WORD.search(text))


# A company's published seat: "headquartered at 500 Market Street".
_A_COMPANYS_SEAT = (
    r"\b(?:headquartered|headquarters(?: (?:is|are))?|head office|hq)(?: (?:at|in|on))?[ :]*$"
)
_AN_OFFICES_SEAT = (
    r"(?i)\b(?:headquarter\w*|head office|hq|office|offices|building|located|location|branch"
    r"|campus|visit us|store|clinic|courthouse|hall|center|centre|museum|library|stadium|arena"
    r"|church|school|hospital|station|airport|hotel|restaurant|theater|theatre)\b[^\n]{0,20}$"
)


# Words of a process, a schedule or a building's part, not of a street: "Day 3 Soft Close",
# "2B Multi Storey Car Park".
_NOT_A_STREET_WORD = frozenset("Soft Hard Day Sales Market Month Year Car Multi Storey".split())  # noqa: SIM905


def _a_town_street(text: str) -> bool:
    return _not_a_landmark(text) and _NOT_A_STREET_WORD.isdisjoint(text.split())


def _not_a_landmark(text: str) -> bool:
    squeezed = re.sub(r"[\s.,]", "", text.lower())
    return not squeezed.startswith(_LANDMARK_ADDRESSES) and not_a_placeholder_address(text)


def living_birth_date(value: str) -> bool:
    """A birth date of someone who may be alive: a year of four digits is 1900 or later
    ("born 14 March 1879" is a historical figure's, in every encyclopedia)."""
    years = re.findall(r"(?<!\d)\d{4}(?!\d)", value)
    return not years or int(years[-1]) >= 1900


_SAMPLE_ADDRESS = (
    r"(?i)(?:example|sample|e\.g\.|such as|format|looks? like|test|vector|bip|like this"
    r"|donat\w*|contract)\W{0,40}$"
)


DEFAULT_PATTERNS: tuple[PatternSpec, ...] = (
    # Contact details and identifiers.
    PatternSpec(
        "email",
        Category.EMAIL,
        r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
        0.95,
        email_is_personal,
    ),
    PatternSpec(
        "phone_us",
        Category.PHONE,
        r"(?:\+?1[ .-]?|001[ .-]?)?(?:\(\d{3}\)|\b\d{3})" + _SEP + r"\d{3}" + _SEP + r"\d{4}"
        r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5}\b|\b)",
        0.85,
        _phone_personal,
    ),
    PatternSpec(
        "phone_intl",
        Category.PHONE,
        r"\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?\b",
        0.85,
        _phone_personal,
    ),
    # A US driver's licence as IDs and passes abbreviate it, with its state: "DL TX 28771940",
    # "DL: TX-28771940" (a bare "DL 2620000" is a downlink, a download or a part number).
    PatternSpec(
        "driver_licence_dl",
        Category.GOV_ID,
        r"\bDL[ \t]?(?:#|:|No\.?)?[ \t]?(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS"
        r"|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT"
        r"|VT|VA|WA|WV|WI|WY)[ \t-]?(?P<v>[A-Z]?[0-9]{6,9})\b",
        0.85,
    ),
    PatternSpec(
        "iban_keyword",
        Category.BANK_ACCOUNT,
        # "IBAN DE12 ...", "IBAN-Nr.: ...", "my IBAN number is: ...", "Meine IBAN lautet ..."
        r"\biban(?:[ -]?(?:nr\.?|number|no\.?))?(?:[ \t]{0,3}(?:[:=–—-]|is:?|ist|es|est|é|è"
        r"|lautet|c'est))?[ \t]{0,3}"
        r"(?P<v>[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?)\b",
        0.9,
        v.iban_shaped,
        caseless=True,
    ),
    PatternSpec("ssn", Category.GOV_ID, r"\b\d{3}[- ._]\d{2}[- ._]\d{4}\b", 0.95, v.ssn_valid),
    # A US immigration case's receipt number: a service centre's three letters, then ten
    # digits ("SRC2290417365", "IOE0912345678"). Not a sample run of one digit or of 0-9.
    PatternSpec(
        "uscis_receipt",
        Category.GOV_ID,
        r"\b(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC|TSC|VSC|CSC|NSC)\d{10}\b",
        0.9,
        v.varied_digits,
        reject_before_match=_SAMPLE_ADDRESS,
    ),
    # A US immigrant's alien registration number after its name ("A-Number: A214-887-093",
    # "Alien Registration Number (A-Number): 214 887 093", "A#: 214-887-093"): eight or nine
    # digits, an optional "A" first. The "A" is a capital ("anumber", "A number" are not
    # names), and not after an example's words.
    PatternSpec(
        "alien_number",
        Category.GOV_ID,
        r"(?:\bA-(?:[Nn]umber|NUMBER|[Nn]o\.?|NO\.?|[Ff]ile|FILE)|\bA (?:Number|NUMBER|No\.)|\bA#"
        r"|\b(?:[Aa]lien|ALIEN) (?:[Rr]egistration |REGISTRATION |[Rr]eg\. )?(?:[Nn]umber|NUMBER"
        r"|[Nn]o\.?|NO\.?|#)(?:[ \t]*\(A-?(?:[Nn]umber|NUMBER)\))?|\bUSCIS (?:[Nn]umber|#))"
        r"[ \t]{0,3}(?:[:#=–—-]|is:?)?[ \t]{0,3}"
        r"(?P<v>A?[ -]?\d{2,3}[ -]?\d{3}[ -]?\d{3})\b",
        0.9,
        v.varied_digits,
        reject_before_match=_SAMPLE_ADDRESS,
    ),
    PatternSpec(
        "ssn_keyword",
        Category.GOV_ID,
        r"\b(?:ssn|social security(?: number| no\.?| #)?)\W{0,3}(?:is\s+)?(?P<v>\d{3}-?\d{2}-?\d{4})\b",
        0.95,
        v.ssn_valid,
        caseless=True,
    ),
    PatternSpec(
        "passport_keyword",
        Category.GOV_ID,
        r"\b(?:passport|driver'?s? licen[cs]e|license)(?: number| no\.?| #)?\W{0,3}(?:is\s+)?"
        r"(?P<v>[A-Z0-9]{1,3}[0-9][A-Z0-9-]{4,12})\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        # A US federal prisoner's number: "BOP Register # 48213-509" (five digits, a dash,
        # three); a register alone is a CPU's.
        "bop_register",
        Category.GOV_ID,
        r"\b(?:bop|federal)\W{0,3}reg(?:ister)?\.?(?: number| no\.?| #)?\W{0,3}(?P<v>\d{5}-\d{3})\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "inmate_number",
        Category.GOV_ID,
        r"\b(?:inmate|prisoner|offender)(?: id| number| no\.?| #)\W{0,3}(?:is\s+)?"
        r"(?P<v>[A-Z]{0,2}\d[\d-]{4,12}\d)\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        # A vehicle's plate after a registry's word ("Bilen med reg.nr KXR 41B", "Kennzeichen:
        # M-AB 1234"): the registration is tied to its keeper. Capitals and digits. Not after
        # English "plate": trivia names famous cars so ("James Bond's DB5 wore the number
        # plate BMT 216A").
        "plate_after_word",
        Category.PERSONAL,
        r"\b(?i:reg\.?[ ]?nr\.?|regnr|registreringsnummer|kenteken|kennzeichen|immatriculation"
        r"|matr[ií]cula|targa|rekisterinumero|numer rejestracyjny)[ \t]*[:#]?[ \t]*"
        r"(?P<v>[A-Z]{1,3}[ -]?[A-Z]{0,3}[ -]?\d{1,4}[ -]?[A-Z0-9]{0,3})\b",
        0.9,
        _plate,
    ),
    PatternSpec(
        # A party an order names ("Respondent Marcus Oyelowo shall pay child support"): a court
        # order about a private family; a name of two or three words, the order's verb and a
        # family matter (not "Plaintiff Epic Games is granted an injunction").
        "party_ordered",
        Category.PERSON,
        r"\b(?i:respondent|petitioner|plaintiff|defendant|obligor|obligee|appellant|appellee"
        r"|debtor)[ \t]+(?P<v>[A-Z][a-z'-]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][a-z'-]+){1,2})[ \t]+"
        r"(?:shall|must|is (?:hereby )?ordered to|agrees to)[ \t]+(?:[a-z]+[ \t]+){0,3}?"
        r"(?:child support|spousal support|spousal maintenance|child maintenance|alimony|custody"
        r"|visitation|parenting time|the minor child)\b",
        0.9,
        reject_match=(
            r"\b(?:Inc|Corp|Corporation|LLC|Ltd|Bank|Company|Co|Group|Holdings|Partners|Trust"
            r"|County|City|State|University|Hospital|Insurance|Services)\b"
        ),
    ),
    PatternSpec(
        # A phone's IMEI ("IMEI: 35-209900-176148-1"): fifteen digits with a Luhn check digit,
        # tied to one handset and so to its owner; the label keeps part numbers out.
        "imei",
        Category.PHONE,
        r"\bimei[ -]?(?:1|2|sv)?(?: number| no\.?| #)?\W{0,3}(?:is\s+)?"
        r"(?P<v>\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d)\b",
        0.9,
        validator=v.luhn_valid,
        caseless=True,
    ),
    PatternSpec(
        # A log line's user and the record's id beside it: "Payment declined for user Renee
        # Castillo (id=88120433)", "customer: Ana Ruiz [customer_id: 4471]". Blank runs are
        # bounded: a run of 100k blanks after "user" is no quadratic search.
        "user_with_id",
        Category.PERSON,
        r"\b(?i:user|customer|member|client|patient|account holder|cardholder)(?:[ \t]{0,3}[:=])?"
        r"[ \t]{1,3}(?P<v>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)?"
        r"(?:[ ][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)?){1,2})[ \t]{0,3}[(\[]"
        r"[ \t]{0,3}(?i:id|uid|user_?id|customer_?id|member_?id|acct|account|email|e-mail)"
        r"[ \t]{0,3}[:=#]",
        0.9,
        lambda value: (
            value.lower() not in PLACEHOLDER_NAMES
            and not any(w.lower() in _NOT_A_USERS_NAME for w in value.split())
        ),
    ),
    PatternSpec("credit_card", Category.CREDIT_CARD, r"\b(?:\d[ ._-]?){12,18}\d\b", 0.95, _card),
    PatternSpec(
        "iban",
        Category.BANK_ACCOUNT,
        r"\b[A-Z]{2}\d{2}(?:[ .-]?[A-Z0-9]{4}){2,7}(?:[ .-]?[A-Z0-9]{1,4})?\b",  # "FR76.3000..."
        0.95,
        v.iban_valid,
        caseless=True,  # a lowercase IBAN is the same account
    ),
    PatternSpec(
        "bank_account_keyword",
        Category.BANK_ACCOUNT,
        r"\b(?:account|acct|routing|aba|bban|sort[ _]?code)(?:[ _]number|[ _]no\.?| #)?"
        r"(?:\W{0,3}|[\"'] ?[:=] ?[\"'])(?:is\s+)?"
        r"(?P<v>[A-Z]{0,4}\d[\d -]{5,30}\d)\b",
        0.9,
        lambda value: len({c for c in value if c.isdigit()}) > 1,  # "00-00-00" is a form's blank
        caseless=True,
    ),
    PatternSpec("aba_routing", Category.BANK_ACCOUNT, r"\b\d{9}\b", 0.6, v.aba_routing_valid),
    PatternSpec(
        "ipv4",
        Category.IP_ADDRESS,
        r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
        0.8,
        v.ipv4_identifying,
        reject_before=r"(?i)(?:version|firmware|release|build|\bv)\s*$",
    ),
    PatternSpec(
        "date_of_birth",
        Category.DATE_OF_BIRTH,
        r"\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|birthday|born(?: on)?)\W{0,3}(?:is\s+)?"
        r"(?:on\s+)?(?P<v>" + _DATE + ")",
        0.9,
        living_birth_date,
        caseless=True,
    ),
    PatternSpec(
        "street_address",
        Category.ADDRESS,
        r"\b\d{1,6} (?:[A-Z][a-z]+ ){1,3}" + _STREET_SUFFIX + r"\b\.?"
        r"(?: (?:Apt|Suite|Unit)\.? \d{1,5})?",
        0.85,
        _not_a_landmark,
        # a company's published seat: "headquartered at 500 Market Street"
        reject_before_match=_A_COMPANYS_SEAT,
    ),
    # The same with a direction's letter first ("home - 1907 W Cortland St"), as American
    # cities write streets; an office's or a building's, named as such, is published
    # ("Office: 3rd floor, 120 E Market St.", "Administration Building: 200 N. Main Street").
    PatternSpec(
        "street_address_direction",
        Category.ADDRESS,
        r"\b\d{1,6} [NSEW]{1,2}\.? (?:[A-Z][a-z]+ ){1,3}" + _STREET_SUFFIX + r"\b\.?"
        r"(?: (?:Apt|Suite|Unit)\.? \d{1,5})?",
        0.85,
        _not_a_landmark,
        reject_before_match=_AN_OFFICES_SEAT,
    ),
    # A cryptocurrency address that someone calls theirs ("from my wallet bc1q...", "my
    # MetaMask: 0x..."): whose coins it holds is their account, like an IBAN. An exchange's,
    # a sanctioned one or a specification's example is named without a possessive, and a
    # contract's is public.
    PatternSpec(
        "crypto_address",
        Category.BANK_ACCOUNT,
        r"\b(?:my|our|your|his|her|their)\b(?: [\w'-]+){0,3}?"
        r" (?:wallet|address|metamask|ledger|trezor|account)(?: (?:address|is|was|id))*\W{0,12}"
        r"(?P<v>(?:bc|ltc|tb)1[02-9ac-hj-np-z]{25,62}|0x[0-9a-fA-F]{40})\b",
        0.85,
        v.varied_hex,
        caseless=True,
        reject_before_match=_SAMPLE_ADDRESS,
    ),
    # A 256-bit key in hex where a key belongs (a wallet's private key, a signer's): a
    # transaction hash has the same shape but is not put there.
    PatternSpec(
        "hex_private_key",
        Category.CREDENTIAL,
        r"(?:private[_ -]?key|priv[_ -]?key|secret[_ -]?key|accounts|wallet[_ -]?key"
        r"|deployer[_ -]?key)[\"' \t:=\[(]{0,8}(?P<v>(?:0x)?[0-9a-fA-F]{64})\b",
        0.9,
        v.varied_hex,
        caseless=True,
        # test vectors and documented keys ("RFC 8032 test 1, secret key: ...")
        reject_before_match=r"(?i)(?:test|example|vector|rfc|wiki|default|puzzle|largest)\b",
    ),
    PatternSpec(
        # "19B Hillcrest Terrace, Wellington", "4 Kilnsey Close, Skipton": a house number with a
        # letter, or a British close or mews, only before a comma and a town ("the 5G Home
        # Router Drive kit", "our 5 Day Close process", "Terminal 2B Airport Road is closed")
        # (a plain number before the other suffixes is street_address's, town or not)
        "street_address_town",
        Category.ADDRESS,
        r"\b(?P<v>\d{1,5}[A-H] (?:[A-Z][a-z]+ ){1,3}(?:"
        + _STREET_SUFFIX
        + r"|Close|Mews)|\d{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Close|Mews))\b\.?, [A-Z][a-z]+",
        0.85,
        _a_town_street,
        reject_before_match=_A_COMPANYS_SEAT + r"|\b(?:Day|Stop|Step|Level|Phase|Gate|Bay|Zone"
        r"|Platform|Terminal|Exit|Route|Chapter|Section|Figure|Exhibit|Form|Ward) $",
    ),
    PatternSpec(
        # "1419 E Pine St Apt 6": a direction is an institution's address as often ("409 S 3rd
        # St"), but an apartment after the street is a home's
        "direction_street_apartment",
        Category.ADDRESS,
        r"\b\d{1,6} (?:[NSEW]|N[EW]|S[EW])\.? (?:[A-Z][a-z]+ |\d{1,3}(?:st|nd|rd|th) ){1,4}"
        + _STREET_SUFFIX
        + r"\b\.?,? (?:Apt|Apartment)\.? ?#?\d{0,5}[A-Za-z]?\b",
        0.85,
        _not_a_landmark,
        # a form's or a postal guide's example ("e.g. 123 N Main St Apt 4", "Correct: ...")
        reject_before_match=_A_COMPANYS_SEAT + r"|\b(?i:e\.g\.|example|correct|sample):?\s*$",
    ),
    PatternSpec(
        "unit_street_address",
        Category.ADDRESS,
        r"\b(?:Apartment|Apt\.?|Flat|Unit|Suite)\s+\d{1,5}[A-Za-z]?,?\s+\d{1,6} (?:[A-Z][a-z]+ ){1,3}"
        + _STREET_SUFFIX
        + r"\b",
        0.85,
    ),
    PatternSpec(
        "city_state_zip",
        Category.ADDRESS,
        r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, [A-Z]{2} \d{5}(?:-\d{4})?\b",
        0.85,
    ),
    PatternSpec(
        "military_address",
        Category.ADDRESS,
        r"\b(?:PSC \d{4}, Box \d{4}|Unit \d{4} Box \d{4}|US[NS]{2} [A-Z][a-z]+)\b",
        0.85,
    ),
    PatternSpec(
        "name_keyword",
        Category.PERSON,
        r"(?:\b[Mm]y name is|\b[Mm]y name's|\b[Nn]ame:|\bDear|\bI'm|\bI am|\b[Tt]his is|\b[Ii]t's"
        # the writer's own full name in other languages ("Me llamo Ana García", "Ich heiße
        # Anna Weber"); a third person's ("Si chiama Sergio Mattarella") is a public figure's
        # as often, and a band's ("Their name is Arctic Monkeys")
        r"|\b[Mm]e llamo|\b[Mm]i nombre es|\b[Jj]e m'appelle|\b[Mm]on nom est|\b[Ii]ch hei(?:ß|ss)e"
        r"|\b[Mm]ein Name ist|\b[Mm]i chiamo|\b[Mm]eu nome é|\b[Cc]hamo-me|\b[Ii]k heet"
        r"|\b[Nn]azywam się|\b[Jj]ag heter|\b[Jj]eg heter|\b[Mm]it navn er|\b[Mm]ijn naam is"
        r"|\b[Jj]ina langu ni|\b[Nn]ama saya|\b[Aa]ng pangalan ko ay|\b[Mm]ă numesc"
        r"|\b[Jj]menuji se|\b[Mm]inun nimeni on|\b[Bb]enim adım)"
        r"\s+(?P<v>[A-Z][a-z]+(?:[ -][A-Z][a-z'-]+){1,2})\b",
        0.85,
        _name_value,
    ),
    PatternSpec(
        "signature_name",
        Category.PERSON,
        r"\b(?:Best|Thanks|Thank you|Regards|Kind regards|Best regards|Sincerely|Cheers),?[ ]?\n"
        r"(?P<v>[A-Z][a-z]+(?:[ -][A-Z][a-z'.-]+){1,3})",
        0.85,
        _name_value,
    ),
    # Secret formats.
    PatternSpec(
        "aws_access_key", Category.CREDENTIAL, r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", 0.95
    ),
    PatternSpec(
        "aws_secret_key",
        Category.CREDENTIAL,
        r"\baws.{0,24}(?:secret|key).{0,16}?[=:]\s*[\"']?(?P<v>[A-Za-z0-9/+]{40})\b",
        0.95,
        caseless=True,
    ),
    PatternSpec("gcp_api_key", Category.CREDENTIAL, r"\bAIza[0-9A-Za-z_-]{35}", 0.95),
    PatternSpec("gcp_oauth_secret", Category.CREDENTIAL, r"\bGOCSPX-[0-9A-Za-z_-]{20,40}", 0.95),
    PatternSpec(
        "azure_account_key",
        Category.CREDENTIAL,
        r"\b(?:AccountKey|SharedAccessKey)=(?P<v>[A-Za-z0-9+/]{30,}={0,2})",
        0.95,
    ),
    PatternSpec(
        "azure_sas_signature",
        Category.CREDENTIAL,
        r"[?&]sig=(?P<v>[A-Za-z0-9%+/]{30,}={0,2})",
        0.95,
    ),
    PatternSpec(
        "github_token", Category.CREDENTIAL, r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b", 0.95
    ),
    PatternSpec("github_pat", Category.CREDENTIAL, r"\bgithub_pat_[A-Za-z0-9_]{60,90}", 0.95),
    PatternSpec("slack_token", Category.CREDENTIAL, r"\bxox[abposr]-[A-Za-z0-9-]{10,}", 0.95),
    PatternSpec(
        "slack_webhook",
        Category.CREDENTIAL,
        r"(?:https?://)?hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}",
        0.95,
    ),
    # A database client's password flag on a command line (shell history, scripts): the
    # value glued to "-p" ("mysql -u root -p'Kx9!plumTree22'") or after "--password=".
    PatternSpec(
        "cli_password_flag",
        Category.CREDENTIAL,
        r"\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|mongo|mongosh|redis-cli|sshpass"
        r"|pg_dump|psql)\b[^\n]{0,120}[ \t](?:-p|--password=|-a[ \t]|--pass[ \t=])"
        r"(?P<v>'[^'\n]{4,}'|\"[^\"\n]{4,}\"|[^\s'\"-][^\s]{3,})",
        0.9,
    ),
    PatternSpec(
        "openai_key", Category.CREDENTIAL, r"\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{20,}", 0.9
    ),
    # A vendor's key broken over lines ("sk-proj-\n7Hq2LmX9vB4\nTc81ZpWq0Rk", pasted "in three
    # parts"): its prefix, then lines of the key's characters only, twenty or more in all.
    PatternSpec(
        "key_split_by_lines",
        Category.CREDENTIAL,
        rf"\b(?:{v.KEY_PREFIXES})[A-Za-z0-9_-]{{0,64}}(?:\r?\n[ \t]*[A-Za-z0-9_-]{{8,64}}){{1,4}}",
        0.9,
        v.key_split_by_lines,
        reads_after=True,
    ),
    PatternSpec(
        "stripe_key", Category.CREDENTIAL, r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}", 0.95
    ),
    # Vendors' documented token formats: a fixed prefix, then the generated part.
    PatternSpec(
        "vendor_token",
        Category.CREDENTIAL,
        r"\b(?:do[por]_v1_[a-f0-9]{64}|glpat-[A-Za-z0-9_-]{20,}|gl(?:dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}"
        r"|npm_[A-Za-z0-9]{36}|pypi-AgE[A-Za-z0-9_-]{50,}|hf_[A-Za-z]{30,}"
        r"|SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{40,46}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"
        r"|lin_api_[A-Za-z0-9]{40}|ATATT3[A-Za-z0-9_=-]{100,}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
        r"|glc_[A-Za-z0-9+/=]{32,}|dp\.(?:pt|st|sa|ct)\.[A-Za-z0-9]{40,}|hvs\.[A-Za-z0-9_-]{90,}"
        r"|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}"
        r"|\d{8,10}:AA[0-9A-Za-z_-]{33}|dapi[a-f0-9]{32}|pul-[a-f0-9]{40}|NRAK-[A-Z0-9]{27}"
        r"|sbp_[a-f0-9]{40}|nfp_[A-Za-z0-9]{36}|AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}"
        r"|ntn_[A-Za-z0-9]{40,}|figd_[A-Za-z0-9_-]{40}|r8_[A-Za-z0-9]{37}|gsk_[A-Za-z0-9]{52}"
        r"|xai-[A-Za-z0-9]{60,}|whsec_[A-Za-z0-9+/=]{32,}|pplx-[A-Za-z0-9]{48}"
        r"|tskey-(?:auth|api|client)-[A-Za-z0-9_-]{16,}|ya29\.[A-Za-z0-9_-]{50,}"
        r"|AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,}"
        r"|[MN][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})",
        0.95,
        lambda value: len(set(value)) >= 10,
    ),
    # A webhook URL is its secret: whoever has it can post (Slack's is above).
    PatternSpec(
        "webhook_url",
        Category.CREDENTIAL,
        r"https?://(?:(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{15,20}/[A-Za-z0-9_-]{40,}"
        r"|[A-Za-z0-9-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/-]{40,}"
        r"|chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]+/messages\?key=[A-Za-z0-9_-]{20,}[^\s\"']*)",
        0.95,
    ),
    PatternSpec(
        "medicare_mbi",
        Category.GOV_ID,
        r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
        r"[AC-HJKMNP-RT-Y]{2}\d{2}\b",
        0.9,
    ),
    PatternSpec(
        "jwt",
        Category.CREDENTIAL,
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        0.95,
    ),
    PatternSpec(
        "pem_private_key",
        Category.CREDENTIAL,
        r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----",
        0.99,
    ),
    PatternSpec(
        "password_keyword",
        Category.CREDENTIAL,
        r"\b(?:password|passwd|pwd|passcode|passphrase|pin(?: code)?)\b[\"']?\s*(?:is|was|:|=|->)"
        r"\s*[\"']?(?P<v>[^\s\"']{3,})",
        0.9,
        _secret_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "pin_number",  # "alarm pin 2468", "PIN code 0413": a PIN needs no "is" or ":"
        Category.CREDENTIAL,
        r"\b(?:pin|pin code|passcode)[ \t]+(?:number[ \t]+)?(?P<v>[0-9]{4,8})\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "pass_key",  # "pass": "..." in JSON, YAML, env files
        Category.CREDENTIAL,
        r"\bpass\b[\"']?\s*[:=]\s*[\"']?(?P<v>[^\s\"']{3,})",
        0.9,
        _secret_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "auth_tuple",  # auth=('user', 'password') in HTTP client code
        Category.CREDENTIAL,
        r"\bauth\s*=\s*\(\s*[\"'][^\"']+[\"']\s*,\s*[\"'](?P<v>[^\"']{3,})[\"']",
        0.9,
        _secret_value,
    ),
    PatternSpec(
        "api_secret_keyword",
        Category.CREDENTIAL,
        r"\b(?:api[_ -]?key|secret[_ -]?key|client[_ -]?secret|access[_ -]?token|auth[_ -]?token"
        r"|refresh[_ -]?token|private[_ -]?key|secret|token|bearer)\b[\"']?[ \t]*"
        # the next line only after a separator ("api key:\n9f8a..."; "# xoxb-your-token\ncode");
        # one blank run before the separator, not two around it (no quadratic backtracking)
        r"(?:(?:is|:|=)[ \t]*(?:\r?\n[ \t]*)?)?"
        r"[\"']?(?P<v>[A-Za-z0-9_./+=-]{12,})",
        0.9,
        _api_secret_value,
        caseless=True,
    ),
    PatternSpec(
        # A device's serial number ("iPad Air, serial F2LXK8Q9HG7M", "SN 1581F4QWB2237007AH01"):
        # tied to the one device and its owner; a mix of capitals and digits, not a slot.
        "device_serial",
        Category.PERSONAL,
        r"\b(?:serial(?: number| no\.?| #)?|s/n|sn)\W{0,3}(?:is\s+)?(?P<v>[A-Za-z0-9]{8,24})\b",
        0.9,
        _device_serial,
        caseless=True,
    ),
    PatternSpec(
        # A plain "key" whose next line is its "secret" (an exchange's API pair in freqtrade or
        # ccxt configs: key: "kr_4f8a...", secret: "..."): "key" alone names map keys too.
        "key_beside_secret",
        Category.CREDENTIAL,
        r"\bkey[\"']?[ \t]*[:=][ \t]*[\"']?(?P<v>[A-Za-z0-9_./+=-]{16,})[\"']?,?[ \t]*\r?\n"
        r"[ \t]*[\"']?(?:secret|api_secret|secret_key|private_key|passphrase)[\"']?[ \t]*[:=]",
        0.9,
        _api_secret_value,
        caseless=True,
    ),
    PatternSpec(
        "config_secret",  # OPENAI_API_KEY=..., db_password: "...", cfg["xai_api_key"] = "..."
        Category.CREDENTIAL,
        rf"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*_{_SECRET_WORD}\b[\"']?\]?[ \t]*[=:][ \t]*"
        + _STRING_OPEN
        + _CONFIG_VALUE,
        0.9,
        _config_secret_value,
        caseless=True,
        reject_before=_PER_UNIT_BEFORE,
    ),
    PatternSpec(
        # OURA_PAT = "...", gitlab_pat: ...: a personal access token's name; "_pat" also names
        # a regex pattern (``email_pat = r"..."``), so the value must look generated.
        "pat_assignment",
        Category.CREDENTIAL,
        r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*_pat\b[\"']?\]?[ \t]*[=:][ \t]*"
        + _STRING_OPEN
        + r"(?P<v>[A-Za-z0-9_-]{16,})",
        0.9,
        _pat_value,
        caseless=True,
    ),
    PatternSpec(
        "config_secret_bare",  # PASSWORD=..., TOKEN2=..., Password=...; in a connection string
        Category.CREDENTIAL,
        rf"\b{_BARE_SECRET_WORD}\b[\"']?\]?[ \t]*=[ \t]*" + _STRING_OPEN + _CONFIG_VALUE,
        0.9,
        _config_secret_value,
        caseless=True,
    ),
    PatternSpec(
        "config_secret_setx",  # setx OPENAI_API_KEY ... (Windows), set DB_PASSWORD ...
        Category.CREDENTIAL,
        r"\bsetx?[ \t]+[a-z][a-z0-9_]*(?:key|token|secret|password|passwd|pwd|pass|passphrase)"
        r"[ \t]+[\"']?(?P<v>[^\s\"'`,;]{3,})",
        0.9,
        _config_secret_value,
        caseless=True,
    ),
    PatternSpec(
        "config_secret_camel",  # storePassword "...", dbPassword = '...', clientSecret: ...
        Category.CREDENTIAL,
        r"\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*(?:Password|Passwd|Pwd|Secret|Token|Passphrase)"
        # a quoted value only: camelCase is code, where an unquoted value is an expression
        r"[0-9]*\b[\"']?\]?(?:[ \t]*[=:][ \t]*|[ \t]+)[\"']" + _CONFIG_VALUE,
        0.9,
        _config_secret_value,
        reject_match=r"^existing",  # Helm's existingSecret: "db-credentials" names a secret
    ),
    PatternSpec(
        # An HL7 v2 message's patient segment: "PID|1||448120^^^STMARYS^MR||Lindqvist^Agnes":
        # from the patient's identifier (PID-3) on, the patient's record.
        "hl7_patient",
        Category.HEALTH,
        r"\bPID\|\d*\|[^|\n]*\|(?P<v>[^|\n^]{3,})",
        0.9,
    ),
    PatternSpec(
        # A named colleague put on a performance plan or a final warning: "we're putting Anjali
        # Raman on a PIP starting Monday".
        "put_on_notice",
        Category.PERSONAL,
        r"\b(?:[Pp]ut(?:ting|s)?|[Pp]lac(?:e|ed|es|ing))[ \t]+(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+"
        r"(?:-[A-Z][a-z]+)?){0,2})[ \t]+on[ \t]+(?:a[ \t]+|an[ \t]+)?(?:PIP|[Pp]erformance"
        r" [Ii]mprovement [Pp]lan|[Ff]inal (?:written )?warning)\b",
        0.9,
        _named_one,
    ),
    PatternSpec(
        # A person's readings, two or more lines of them, each at a line's start: a health
        # app's or a tool's summary ("weight: 104.2 kg (+3.1)\nresting heart rate: 88 bpm").
        # One reading alone is as often a product's weight ("Max weight: 180 kg") or a
        # textbook's value; a range or a target after the first is a norm.
        "vital_signs",
        Category.HEALTH,
        rf"(?:^|\n)[ \t*•-]*(?P<v>{_READING})[^\n]*\n(?:[^\n]*\n){{0,2}}[ \t*•-]*{_READING}",
        0.9,
        _reading_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        # Test and scraping code typing into a named field: Selenium's
        # find_element(By.ID, "customerId").send_keys("70418822"), Playwright's
        # fill("#password", "Lapwing77"), Cypress's get("#cardNumber").type("...").
        "form_fill",
        Category.CREDENTIAL,
        rf"(?:\b(?:fill|type|typeText|fill_in)[ \t]*\(?[ \t]*{_LOCATOR}[ \t]*,[ \t]*(?:with:[ \t]*)?"
        rf"|{_LOCATOR}[ \t]*\)?[ \t]*\)?[ \t]*"
        r"\.(?:send_?keys|fill|type|set_?value|add_?value|press_?sequentially)[ \t]*\([ \t]*)"
        r"[\"'](?P<v>[^\"'\n]{3,})[\"']",
        0.9,
        _form_value,
        caseless=True,
        reject_match=r"\{\{|\$\{|%\(",  # a template's slot
    ),
    PatternSpec(
        "authorization_header",
        Category.CREDENTIAL,
        r"\bauthorization:\s*(?:bearer|basic|token)\s+(?P<v>[A-Za-z0-9._~+/=-]{12,})",
        0.95,
        caseless=True,
    ),
    PatternSpec(
        "url_credentials",
        Category.CREDENTIAL,
        r"\b[a-z][a-z0-9+.-]{1,15}://[^\s:/@]{0,64}:(?P<v>[^\s@/]{3,64})@[^\s/]+",
        0.95,
        _secret_value,
        caseless=True,
        # On a local host, a default login ("postgres:postgres@localhost", "root:root@db") or
        # "password" in another language (a tutorial's "benutzer:passwort@localhost"); a
        # documented form's brackets ("[user[:password]@][host]").
        reject_match=r"://(?:([^\s:/@]+):\1|[^\s:/@]*:(?:passwort|kennwort|salasana|contrase[ñn]a|senha"
        r"|wachtwoord|has[łl]o|parola|l[öo]senord|heslo|jelsz[óo]|[şs]ifre|пароль|parool"
        r"|adgangskode|passord|motdepasse|mot_de_passe|mdp))@(?:localhost|127\.0\.0\.1|0\.0\.0\.0"
        r"|db|database|postgres|mysql|redis|mongo|rabbitmq)(?:[:/\s]|$)|://\[",
    ),
    # curl's, wget's and HTTPie's user and password on the command line: "curl -u ops:Mangrove!42"
    # (docker's "-u 1000:1000" is a user and a group).
    PatternSpec(
        "basic_auth_flag",
        Category.CREDENTIAL,
        r"\b(?:curl|wget|http|https)\b[^\n]{0,200}?\s(?:-u ?|--user[ =]|-a ?|--auth[ =])"
        r"[\"']?[\w.@-]{1,64}:(?P<v>[^\s\"'@]{3,64})",
        0.95,
        _basic_auth_password,
        reads_after=True,
    ),
    PatternSpec(
        "high_entropy_string",
        Category.CREDENTIAL,
        r"[A-Za-z0-9_+/=-]{24,}",
        0.7,
        _high_entropy_value,
    ),
)


def _hints(
    name: str, category: Category, words: str, caseless: bool = True, whole_word: bool = False
) -> PatternSpec:
    regex = r"\b(?:" + words + r")" + (r"\b" if whole_word else "")
    return PatternSpec(name, category, regex, HINT_SCORE, caseless=caseless, hint=True)


# Weak context keywords: a sentence containing one is ambiguous, not sensitive.
HINT_PATTERNS: tuple[PatternSpec, ...] = (
    _hints(
        "health_terms",
        Category.HEALTH,
        r"diagnos|prescri|therap|medicat|symptom|surgery|disorder|cancer|tumou?r|hiv|pregnan"
        r"|depress|anxiety|chemo|clinic|hospital|doctor|physician|psychiatr|insulin|dosage"
        r"|\d+ ?mg\b|biops|relapse|rehab|addict|sober|miscarr|infertil|disabilit|illness|sick"
        r"|pain\b|injur|blood pressure|diabet|asthma|adhd|bipolar|autis|dementia|seizure|std\b",
    ),
    _hints(
        "finance_terms",
        Category.FINANCE,
        r"salary|income|debt|loan|mortgage|credit score|bankrupt|overdraft|owe\b|paycheck"
        r"|savings|balance|tax return|net worth|alimony|raise\b|payroll|bonus|invoice|payment"
        r"|collections?\b|foreclos|eviction|rent\b|401k|pension|inherit|broke\b|afford|\$\s?\d",
    ),
    _hints(
        "credential_terms",
        Category.CREDENTIAL,
        r"password|passcode|passphrase|secret|token|api key|private key|credential|login|pin\b",
    ),
    _hints(
        "personal_terms",
        Category.PERSONAL,
        r"divorc|affair|arrest|lawsuit|sued|custody|immigration|visa\b|undocumented|deport"
        r"|religio|sexual|orientation|\bgay\b|lesbian|bisexual|transgender|abuse|criminal record"
        r"|dui\b|probation|parole|conviction|court|fired|laid off|pregnan|cheat|breakup|broke up"
        r"|girlfriend|boyfriend|husband|wife|ex-|my (?:mom|dad|mother|father|son|daughter|sister"
        r"|brother|partner|kid|child)",
    ),
    _hints(
        "first_person",
        Category.PERSONAL,
        r"[Ii]|[Ii]'m|[Ii]'ve|[Ii]'d|[Ii]'ll|[Mm]y|[Mm]e|[Mm]ine|[Mm]yself|im|ive",
        caseless=False,
        whole_word=True,
    ),
)


def default_patterns() -> tuple[PatternSpec, ...]:
    from sglang_safekv.detect.patterns_intl import INTL_PATTERNS
    from sglang_safekv.detect.patterns_stated import STATED_PATTERNS

    return DEFAULT_PATTERNS + INTL_PATTERNS + STATED_PATTERNS + HINT_PATTERNS
