"""Tier 1: a number or code right after a word that names a personal number, in any language.

"The PUK printed on the card is 48203917", "whatsapp code 401-677 came through", "mi DNI es
16019220L", "Mój PESEL to 92031504822", "マイナンバーは520639184700です", "رقم جوالي 0554 318 907",
"मेरा आधार नंबर 7100 4089 9178 है": the format patterns know a few national formats and need their
check digits; people write many more, with separators of their own. What makes these private is
a word that names a code, an identifier, a phone or an account, then (within a short stretch
of the same sentence) a value with at least four digits, or three in a mixed code. Words that
name public numbers ("error code", "ZIP code", "line", "port", "version") and values read as
quantities ("4096 bytes") or toll-free numbers do not count.

Plain Python like ``password_near.py``: the values are found first (one regex), and only the
short stretch before each is searched for a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.normalise import normalise
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
REACH_CHARS = 64  # how far before a value its naming word may be
MAX_GAP_TOKENS = 10

# A value: letters, digits and inner separators; spaces only between digit groups
# ("0412 558 903").
_VALUE = re.compile(
    r"(?<![A-Za-z0-9_@/=?&])(?:\+?\d+(?:[ .\-/]\d+)*(?![A-Za-z0-9_])"
    r"|(?:[A-Za-z0-9]+[-./_])*[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[-./_][A-Za-z0-9]+)*)"
)
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/+")
# Words that name a private number whatever precedes them. Latin-script ones need word edges;
# the others (CJK, Hangul, Devanagari, Arabic, Cyrillic) are matched as written.
_LATIN_WORDS = (
    r"codes?|passcodes?|pin(?:code|s)?|puk|otp|tan|cvv|cvc|c[oó]digos?|codice|codici|kod(?:u|um|en|e)?"
    r"|aadhaa?r|pesel|kimlik|dni|nie|bsn|cpf|nir|nif|nss|curp|personnummer|ssn|nhs|passport"
    r"|pasaporte|passeport|reisepass|passaporto|paspoort|paszport|pasaport"
    r"|steuer-?id|steuernummer|identifikationsnummer|personalausweis|ausweis(?:nummer)?"
    r"|phone|telephone|tel|mobile|cell|whatsapp|m[oó]vil|celular|cellulare|telefone|tel[eé]fono"
    r"|t[eé]l[eé]phone|telefon(?:nummer)?|handy(?:nummer)?|portable|telefoonnummer"
    r"|account|acct|konto(?:nummer)?|cuenta|compte|conta|conto|rekening(?:nummer)?|iban|routing"
    r"|policy|membership|mrn|licen[cs]e|plate|matr[ií]cula|kennzeichen|combination|combo|lock"
    r"|numaram|numaras[ıi]|numer(?:em)?|nummer|number|n[uú]mero|num[eé]ro"
)
_OTHER_WORDS = (
    r"手机|手機|电话|電話|号码|號碼|身份证|身份證|护照|驗證碼|验证码|密码|卡号|账号|帳號|携帯|番号|マイナンバー"
    r"|パスポート|暗証|コード|주민등록번호|주민번호|전화|휴대폰|핸드폰|번호|여권|비밀번호|인증|계좌"
    r"|телефон|номер|паспорт|снилс|инн|код|пароль|رقم|جوال|هاتف|جواز|هوية|رمز"
    r"|आधार|नंबर|मोबाइल|फ़ोन|फोन|पैन|खाता|कोड|पासपोर्ट"
)
_NAMING_WORD = re.compile(rf"\b(?:{_LATIN_WORDS})\b|{_OTHER_WORDS}", re.IGNORECASE)
# Generic words that name a private number only after a possessive ("my number is ...").
_GENERIC = frozenset("nummer número numero numéro numer number".split())  # noqa: SIM905
_POSSESSIVE = re.compile(
    r"\b(?:my|your|his|her|our|mi|tu|su|mon|ma|ton|ta|son|sa|mein|meine|dein|deine|meu|minha"
    r"|mio|mia|mijn|mój|moja|мой|моя)\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
# A word right before the naming word that makes it a public number ("error code 4040", "ZIP
# code 94103", "country code", "source code").
_PUBLIC_BEFORE = re.compile(
    r"\b(?:error|status|exit|return|response|http|zip|postal|post|area|country|dial(?:l?ing)?"
    r"|source|sample|example|promo|promotional|discount|coupon|voucher|product|item|sku|airport"
    r"|iata|icao|colou?r|hex|unicode|ascii|char|character|key|reason|language|currency|iso|ansi"
    r"|bar|qr|morse|machine|op|event|exit|fault|diagnostic|trouble|obd|dtc|icd|cpt|naics|sic"
    r"|hs|tariff|python|java|javascript|test|pseudo|byte)"
    r"[\s-]*$",
    re.IGNORECASE,
)
# Words between the naming word and the value that make the value something else.
_REFERENCE_GAP = frozenset(
    """line lines page pages port ports version versions v step steps chapter section sections
    figure table row rows column columns issue issues ticket pr commit rfc pep year years since
    listing example examples bytes bits chars characters times seconds minutes hours days ms
    width height size length""".split()  # noqa: SIM905
)
# A word right after the naming word that makes it public ("código postal", "code source").
_PUBLIC_AFTER = re.compile(
    r"\s*(?:postal|postale|zip|de error|d'erreur|de estado|de barras|fuente|source|de pa[ií]s"
    r"|pa[ií]s|de [áa]rea|promocional|promo|de descuento|iso|qr|http|ascii|unicode|hex)\b",
    re.IGNORECASE,
)
# A year after "in", "since", ... ("The Da Vinci Code was a bestseller in 2003").
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|until|till|by|of|year|circa|c\.)\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|ms\b|px\b|[kmg]i?b\b|bytes?\b|bits?\b|chars?\b|characters\b|words\b|tokens\b"
    r"|times\b|x\b|usd\b|eur\b|years?\b|days?\b|hours?\b|minutes?\b|seconds?\b|lines?\b)",
    re.IGNORECASE,
)
_TOLL_FREE = re.compile(r"^(?:\+?1[-. ]?)?8(?:00|33|44|55|66|77|88)\b|^0800")
_VERSION = re.compile(r"^v?\d{1,3}(?:\.\d{1,4}){1,3}$")
_DECIMAL = re.compile(r"^\d{1,6}[.,]\d{1,3}$")  # a quantity ("1294.678"), not a code
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_GAP_TOKEN = re.compile(r"[^\s:=\-—–,()\"“”«»]+")


def _counts(value: str) -> bool:
    digits = len(_DIGIT.findall(value))
    if digits >= 4:
        return not (_VERSION.match(value) or _DECIMAL.match(value) or _TOLL_FREE.match(value))
    return digits >= 3 and len(value) >= 6 and any(c.isalpha() for c in value)


def _named_before(text: str, lowered: str, start: int) -> bool:
    """A naming word ends in the stretch before ``start`` (same sentence; or the line before,
    when it ends with a colon), with a short gap of no reference words."""
    left = max(0, start - REACH_CHARS)
    ends = list(_SENTENCE_END.finditer(text, left, start))
    if ends:
        last = ends[-1]
        left = last.end()
        if last.group() == "\n" and not text[left:start].strip():
            # The value opens its line: the line before may name it ("Backup codes:\n8f3a2").
            line_start = text.rfind("\n", 0, last.start()) + 1
            if text[line_start : last.start()].rstrip().endswith(":"):
                left = max(line_start, start - REACH_CHARS)
    words = list(_NAMING_WORD.finditer(lowered, left, start))
    for word in reversed(words):
        gap = lowered[word.end() : start]
        tokens = _GAP_TOKEN.findall(gap)
        if len(tokens) > MAX_GAP_TOKENS or any(t.strip(".;!?") in _REFERENCE_GAP for t in tokens):
            continue
        if any(len(_DIGIT.findall(t)) >= 2 for t in tokens) or "://" in gap:
            continue  # another number or a link stands between: it is the one named
        before = lowered[max(0, word.start() - 24) : word.start()]
        name = word.group()
        if name in _GENERIC:
            if not _POSSESSIVE.search(before):
                continue
        elif _PUBLIC_BEFORE.search(before) or _PUBLIC_AFTER.match(lowered, word.end()):
            continue
        return True
    return False


def number_near_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each value named by a private-number word before it."""
    if not _DIGIT.search(text):
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # lower() changed a length: offsets would not align
        lowered = text
    found = []
    covered = 0
    # Values hold digits: start from each run of digits (found in C), back up to its token's
    # start, and match the value there; scanning every word for a value cost twice as much.
    for run in _DIGITS.finditer(text):
        if run.start() < covered:
            continue
        start = run.start()
        while start > 0 and run.start() - start < 64 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        m = _VALUE.match(text, start)
        while m is None and start < run.start():  # a lead the value may not start with ("_")
            start += 1
            m = _VALUE.match(text, start)
        if m is None or m.end() <= run.start():
            continue
        covered = m.end()
        value = m.group()
        if not _counts(value) or _UNIT_AFTER.match(text, m.end()):
            continue
        if _YEAR.match(value) and _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _named_before(text, lowered, m.start()):
            found.append(m.span())
    return found


class NumberNearWordRecognizer(Recognizer):
    tier = 1
    name = "number_near_word"
    categories = frozenset({Category.GOV_ID, Category.CREDENTIAL, Category.PHONE})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self._scan(w) for w in windows]

    def _scan(self, window: TextWindow) -> list[Span]:
        offset = max(0, window.start - REACH_CHARS)
        norm = normalise(window.text[offset : window.end])
        spans = []
        for b, e in number_near_spans(norm.text):
            ob, oe = norm.to_original(b, e)
            ob, oe = ob + offset, oe + offset
            if oe > window.start and ob < window.end:
                spans.append(Span(ob, oe, Category.GOV_ID, 1, SCORE, self.name))
        return spans
