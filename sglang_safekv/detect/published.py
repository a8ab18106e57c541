"""Values that stand for no one's secret: the example keys and test numbers that vendors publish
for their own credentials (AWS's ``...EXAMPLE`` keys, Stripe's documented test keys, the
reCAPTCHA and hCaptcha test keys, Twilio's magic numbers, the first default accounts' keys of
Hardhat and Anvil, local Ethereum test chains, the Kubernetes documentation's Secret
("1f2d1e2e67df" and its base64), RFC 6749's example client, code, state and tokens, the demo logins of the sites that browser-test
tutorials drive: Sauce Labs' "secret_sauce", the-internet's "SuperSecretPassword!"), and slots or references in place of
a value ("<password>", "${DB_PASSWORD}", "{{ secrets.X }}", "your_api_key_here",
"import.meta.env.API_KEY"). A finding whose value is one of them is dropped: it opens nothing,
while keeping it private keeps every README, tutorial and config template that quotes it from
being shared.

Only the value is read: a finding "KEY=<value>" is judged by the part after its last "=" or
":". Left private on purpose: defaults that may really be in use ("changeme", "password",
"mysecretpassword" in a prod config), and example identifiers and IBANs that people copy as
their own (4111 1111 1111 1111 stays a card in patterns.py for the same reason).
"""

from __future__ import annotations

import re

from sglang_safekv.detect.credential_values import is_placeholder, looks_generated

# Example values published by the vendors that issue the real ones (compared without spaces,
# dashes, dots and case).
_EXAMPLES = frozenset(
    v.lower()
    for v in """
    AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AKIAI44QH8DHBEXAMPLE
    je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
    sk_test_4eC39HqLyjWDarjtT1zdp7dc pk_test_TYooMQauvdEDq54NiTphI7jx
    sk_test_BQokikJOvBiI2HlWgH4olfQ2 pk_test_6pRNASCoBOKtIshFeQd4XMUh
    6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI 6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe
    10000000-ffff-ffff-ffff-000000000001 0x0000000000000000000000000000000000000000
    1x00000000000000000000AA 1x0000000000000000000000000000000AA
    15005550000 15005550001 15005550002 15005550003 15005550004 15005550005 15005550006
    15005550007 15005550008 15005550009
    0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
    0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
    0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
    0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6
    1EG4-TE5-MK73
    secret_sauce SuperSecretPassword!
    1f2d1e2e67df MWYyZDFlMmU2N2Rm YWRtaW4= SplxlOBeZQQYbYS6WxSbIA
    s6BhdRkqt3 gX1fBat3bV czZCaGRSa3F0MzpnWDFmQmF0M2JW af0ifjsldkj 2YotnFZFEjr1zCsicMWpAA
    tGzv3JOkF0XG5Qx2TlKWIA 7Fjfp0ZBr1KtDRbnfVdmIw
    """.split()  # noqa: SIM905
)
# Test numbers the card networks and payment processors publish for sandboxes: everybody's
# documentation and tests use them, and no card carries them. 4111 1111 1111 1111 stays a card:
# it is what people type for a card they do not want to show, and this project's attacks use it.
PUBLISHED_TEST_CARDS = frozenset(
    """4242424242424242 4012888888881881 4000056655665556 5555555555554444
    5105105105105100 5200828282828210 2223003122003222 378282246310005 371449635398431
    6011111111111117 6011000990139424 3056930009020004 30569309025904 3566002020360505
    3530111333300000 6200000000000005 4000000000000002 4000000000009995 4000002500003155
    4000000000003220 4000000000000077 4000000000000341 4000000000000069 4000000000000127
    4000000000000119 5200828282828210 4000000760000002 4000001240000000""".split()  # noqa: SIM905
)
# Slots that ``credential_values.is_placeholder`` (which judges a whole value) does not cover:
# a slot followed by more of a connection string ("<password>;Encrypt=True"), a GitHub Actions
# expression, Vite's environment object, and "your_..._here" after a vendor prefix
# ("sk_test_your_key_here").
_MORE_SLOTS = re.compile(
    r"^\$\{\{\s*(?:$|(?:secrets|vars|env|inputs|github|steps|needs|matrix)\.)|^import\.meta\.env\."
    r"|your[_-]\w*?[_-]here$|(?:^|[_-])replace[_-]?me(?:[_-]with[_-]|$)|(?:^|[_-])replace[_-]with[_-]"
    # a vendor's prefix, then "your-...-token" ("xoxb-your-token"; not "follow-your-dreams")
    r"|^(?:xox[abpors]|sk|pk|rk|ghp|gho|ghs|ghu|glpat|hf|npm|sg|shpat|dapi)[_-]your[_-]"
    r"(?:[a-z]+[_-])?(?:token|key|secret|api[_-]key)(?:[_-]here)?$"
    # "your_..." in other languages naming a key ("VOTRE_JETON_API", "DEIN_TOKEN"; not a
    # password of words: "tu_sabes_quien_soy"), a run of X for the
    # secret part ("hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXX")
    r"|^(?:votre|vos|ton|ta|tu|tus|su|sus|dein|deine|ihr|ihre|seu|sua|tuo|tua|uw|jouw|twoj"
    r"|twój|ваш|tvůj)[_-](?:[a-z]+[_-])*?(?:cl[eé]|key|token|jeton|api|password|passwort"
    r"|contrase[nñ]a|senha|schluessel|schlüssel|chiave|sleutel|wachtwoord|secret|secreto"
    r"|segredo|codigo|código|code)(?:[_-][a-z]+)*$|(?-i:X{8,}|x{8,})",
    re.IGNORECASE,
)
# "<name>" followed by more of a connection string; the name must not be a generated secret.
_SLOT_THEN_MORE = re.compile(r"^<([\w .-]{1,40})>[;,&]")
_SQUEEZE = re.compile(r"[\s.\-+()]")
_QUOTES = " \t\"'`;,"
MAX_CHARS = 80


def _value(text: str) -> str:
    """The part after the last "=" or ":" of an assignment, else the whole text."""
    cut = max(text.rfind("="), text.rfind(":"))
    value = text[cut + 1 :] if 0 <= cut < len(text) - 1 else text
    return value.strip(_QUOTES)


# jwt.io's sample token, quoted in most JWT documentation: its payload ({"sub": "1234567890",
# "name": "John Doe", "iat": 1516239022}) and signature, and the header every HS256 token has.
_JWT_IO_PAYLOAD = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
_JWT_IO_PIECES = frozenset(
    {
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        _JWT_IO_PAYLOAD,
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    }
)
_JWT_MAX_CHARS = 400


def _jwt_io_sample(whole: str) -> bool:
    parts = whole.split(".")
    if len(parts) == 1:
        return whole in _JWT_IO_PIECES
    return len(whole) <= _JWT_MAX_CHARS and len(parts) in (2, 3) and parts[1] == _JWT_IO_PAYLOAD


def is_published(text: str) -> bool:
    """True when the finding ``text`` is a vendor's published example or a slot for a value.
    Sentences are never: only a finding of at most MAX_CHARS (a JWT: _JWT_MAX_CHARS)."""
    whole = text.strip(_QUOTES)
    if whole and _jwt_io_sample(whole):
        return True
    if not whole or len(whole) > MAX_CHARS:
        return False
    value = _value(whole)
    if _SQUEEZE.sub("", value).lower() in _EXAMPLES or _SQUEEZE.sub("", whole).lower() in (
        _EXAMPLES
    ):
        return True
    if _MORE_SLOTS.search(whole) or _MORE_SLOTS.search(value):
        return True
    slot = _SLOT_THEN_MORE.match(whole)
    if slot and not looks_generated(slot.group(1)):
        return True
    return bool(value) and not any(c.isspace() for c in value) and is_placeholder(value)


# A line that is a label and one value: "AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE",
# "password: MWYyZDFlMmU2N2Rm", "# MWYyZDFlMmU2N2Rm" (a comment of a shell session).
_LABELLED_VALUE = re.compile(
    r"[ \t]*+(?:(?:#|//)[ \t]*+)?(?:[^\n:=]{0,60}?[ \t]*+[:=][ \t]*+)?[\"'`]?(?P<value>[^\s\"'`]+)"
    r"[\"'`]?[ \t.,;]*"
)


def fictional_nanp(digits: str) -> bool:
    """A North American number in 555-0100 to 555-0199, reserved for fiction and examples."""
    national = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return len(national) == 10 and national[3:8] == "55501"


# Ranges that regulators keep for drama and examples: the UK's (Ofcom: "020 7946 0xxx", "0113
# 496 0xxx", "07700 900xxx", ...), Australia's ("02 5550 xxxx", "03 7010 xxxx") and France's
# (ARCEP: "01 99 00 xx xx", "02 61 91 xx xx", "03 53 01 xx xx", "04 65 71 xx xx", "05 36 49 xx
# xx", "06 39 98 xx xx"), after the country code or the trunk 0.
_FICTIONAL_NATIONAL = re.compile(
    r"(?:44|0)(?:2079460|11[3-8]4960|1[2-6]14960|1914980|1632960|7700900|8081570|9098790"
    r"|3069990)\d{3}|(?:61|0)[2378](?:5550|7010)\d{4}"
    r"|(?:33|0)(?:19900|26191|35301|46571|53649|63998)\d{4}"
)
# North America's 555-01xx written in another country's format, "555" a group of its own
# ("0800 555 0101", "91 555 01 23"): examples copy the American range. A number whose digits
# only happen to hold 55501 ("645 55 01 23", "99555-0123") is someone's.
_WRITTEN_555 = re.compile(r"(?<!\d)555[ .-]?01[ .-]?\d{2}(?!\d)")
_LONGEST_PHONE = 13  # digits, the country code included


def fictional_phone(digits: str) -> bool:
    """A number no one has, by its digits: North America's 555-01xx, the UK's, Australia's and
    France's drama ranges, a subscriber part of zeros only ("138 0000 0000")."""
    if fictional_nanp(digits) or _FICTIONAL_NATIONAL.fullmatch(digits):
        return True
    return 9 <= len(digits) <= _LONGEST_PHONE and digits[-8:] == "0" * 8


def fictional_written(text: str) -> bool:
    """``fictional_phone`` of a number as written, or 555-01xx as a group of its own."""
    digits = "".join(c for c in text if c.isdigit())
    if not 9 <= len(digits) <= _LONGEST_PHONE:
        return False
    if _WRITTEN_555.search(text) is not None:
        return True
    if text.strip().lstrip("+").isdigit():  # a bare run: "+12015550123"
        return fictional_phone(digits)
    # written in groups: the digits alone must not decide North America's range ("98455 50123"
    # is an Indian mobile)
    return _FICTIONAL_NATIONAL.fullmatch(digits) is not None or digits[-8:] == "0" * 8


# A phone number as written: digits in groups, a country code or a trunk in brackets.
_PHONE_RUN = re.compile(r"\+?\(?\d[\d ()./-]{6,20}\d")
_WORDS_AROUND_A_PHONE = 6  # a label and a note ("Ouvidoria:", "(24 Stunden)", "(kostenfrei)")
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|my|me|mine|mi|mio|mia|meu|minha|mon|ma|mes|mein|meine|mij|mijn|moj|мой|моя)\b",
    re.IGNORECASE,
)
# What stands right before a help line: a label's colon or a phone word.
_LINE_LABEL = re.compile(
    r"(?::|\b(?i:phone|tel|telephone|telefone|tel[eé]fono|telefon|hotline|call|llame|ligue"
    r"|appelez|anrufen))[ \t]*$"
)


def _only_a_fictional_phone(sentence: str) -> bool:
    """A short line that is a label and one fictional phone ("Ouvidoria: 0800 555 0199.",
    "- Störungshotline (24 Stunden): 0800 555 0101 (kostenfrei)."): a published prompt's help
    line. A sentence that says more ("Ana Ruiz has HIV, callback (212) 555-0123") is tier 3's."""
    runs = [m for m in _PHONE_RUN.finditer(sentence) if sum(c.isdigit() for c in m.group()) >= 8]
    if len(runs) != 1 or not fictional_written(runs[0].group()):
        return False
    before = sentence[: runs[0].start()]
    if not _LINE_LABEL.search(before):
        return False
    rest = before + " " + sentence[runs[0].end() :]
    if "@" in rest or _FIRST_PERSON.search(rest) or sum(c.isdigit() for c in rest) > 4:
        return False
    return len(rest.split()) <= _WORDS_AROUND_A_PHONE


# A book's number with its label, alone on a list's line: "- ISBN 9780306406157".
_ISBN_LINE = re.compile(r"[\s\-*•\d.)]*ISBN(?:-1[03])?:?[ \t]*(?P<isbn>[\d-]{10,17}[\dX])[\s.,;]*")


def isbn_valid(value: str) -> bool:
    """An ISBN-10 or ISBN-13 whose check digit holds."""
    digits = value.replace("-", "")
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    return False


def only_published_values(sentence: str) -> bool:
    """True when ``sentence`` is a label and one value, and the value is a vendor's published
    example: what tier 3 read as a credential line is a documented one ("AWS Access Key ID
    [None]: AKIAIOSFODNN7EXAMPLE"). A sentence that says more (a password of words next to an
    example key) is tier 3's to judge."""
    value = sentence.strip(_QUOTES + "|").lstrip("-*•\t ")  # a list's item: "- 5555550188"
    digits = _SQUEEZE.sub("", value)
    if digits.isdigit() and (digits in PUBLISHED_TEST_CARDS or fictional_written(value)):
        return True  # a table's cell "4242 4242 4242 4242", "'+12015550123'"
    if _only_a_fictional_phone(sentence):
        return True
    isbn = _ISBN_LINE.fullmatch(sentence)
    if isbn is not None and isbn_valid(isbn.group("isbn")):
        return True  # a reading list's line, which tier 3 read as a person's number
    m = _LABELLED_VALUE.fullmatch(sentence)
    if m is None:
        return False
    value = m.group("value")
    return _SQUEEZE.sub("", value).lower() in _EXAMPLES or (
        looks_generated(value) and is_published(value)
    )
