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
from collections.abc import Callable, Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.normalise import find_normalised
from sglang_safekv.detect.published import fictional_written
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
REACH_CHARS = 64  # how far before a value its naming word may be
MAX_GAP_TOKENS = 10

# A value: letters, digits and inner separators; spaces only between digit groups
# ("0412 558 903").
_VALUE = re.compile(
    r"(?<![A-Za-z0-9_@/=?&])(?:\+?(?:\(\d{2,4}\)[ .-]?)?\d+(?:[ .\-/]\d+)*(?![A-Za-z0-9_])"
    r"|(?:[A-Za-z0-9]+[-./_])*[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[-./_][A-Za-z0-9]+)*)"
)
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/+()")
# Words that name a private number whatever precedes them. Latin-script ones are whole words
# (looked up in a set); the others (CJK, Hangul, Devanagari, Arabic, Cyrillic) are found as
# written, only in text that is not ASCII. A set and ``str.find`` instead of one alternation:
# Python's ``re`` tries every branch at every position, and this runs before every number.
_LATIN_WORDS = frozenset(
    """code codes passcode passcodes pin pins pincode puk otp tan cvv cvc codigo codigos código
    códigos codice codici kod kodu kodum koden kode aadhaar aadhar pesel kimlik dni nie bsn cpf
    nir nif nss curp personnummer ssn nhs passport pasaporte passeport reisepass passaporto
    paspoort paszport pasaport steuer-id steuerid steuernummer identifikationsnummer
    personalausweis ausweis ausweisnummer phone telephone tel mobile cell whatsapp móvil movil
    celular cellulare telefone teléfono telefono téléphone telephone telefon telefonnummer handy
    handynummer portable telefoonnummer account acct konto kontonummer cuenta compte conta conto
    rekening rekeningnummer iban routing policy membership mrn licence license plate matrícula
    matricula kennzeichen combination combo lock numaram numarası numarasi numer numerem nummer
    number número numero numéro cel zap sin tfn pan rut rg ni nr qq telefonum telefonumu
    numaramı şifre şifrem şifremi şifreniz şifresi cvv2 csc dowodu dowód alarm disarm gate door
    safe locker tresor cadenas candado henkilötunnus hetu rodné fødselsnummer cpr amka afm nik
    ktp cccd cmnd nric mykad kundennummer kundnummer klantnummer bokningsnummer buchungsnummer
    versichertennummer sozialversicherungsnummer svnr versicherungs-nr versicherten-nr sv-nr
    sv-nummer kunden-nr mitgliedsnummer mitglieds-nr mitgliedsnr kundennr versicherungsnr
    steuer-nr steuernr rentenversicherungsnummer krankenversichertennummer ahv avs mbi medicare medicaid thoại sđt
    khoản telepon ponsel pin-koodi pin-koodini pin-koodin tunnusluku koodi salasana kitambulisho simu badge
    henkilötunnukseni pin-kod pin-code pin-kode pin-nummer pin-nr cnp cnp-ul codul cod parola
    parolă kodas kods kood pin-kood isikukood asmens oib jmbg egn матичен šifra lozinka kód
    kapukód ajtókód pinkód pin-kód siri versicherungsnummer mpan mprn rx claim student meter
    prescription applicant inmate visa albumu patient pt cdl member""".split()  # noqa: SIM905
)
# Words that name a number only of its own shape, read from the value:
# - a card: a card number's length, 13 to 19 digits ("my card: four nine one six ..."), not a
#   model ("graphics card 4090");
# - a mobile-money wallet, whose number is the holder's phone ("M-Pesa 0722 418 305"): a
#   phone's length, 9 to 13 digits, not an amount ("GCash 1500");
# - Ireland's PPS number ("PPS No. 7391482EA"): seven digits and one or two letters, not
#   networking's packets per second ("PPS: 14880952").
_CARD_WORDS = "card tarjeta carte karte kaart carta cartão karta kart kortet kortti".split()  # noqa: SIM905
_WALLET_WORDS = ("m-pesa", "mpesa", "gcash", "paytm")
_PPS_SHAPE = re.compile(r"\d{7}[A-W][A-IW]?", re.IGNORECASE)


def _digits_in(lengths: range) -> Callable[[str], bool]:
    return lambda value: len(_DIGIT.findall(value)) in lengths


_SHAPED_WORDS: dict[str, Callable[[str], bool]] = {
    **dict.fromkeys(_CARD_WORDS, _digits_in(range(13, 20))),
    **dict.fromkeys(_WALLET_WORDS, _digits_in(range(9, 14))),
    **dict.fromkeys(("pps", "ppsn"), lambda value: _PPS_SHAPE.fullmatch(value) is not None),
}
# A member's number is named as one ("member ID ZGP448213907", "member no. 88231"), not by "#"
# alone (a milestone's "member #130000000").
_MEMBER_LINK = re.compile(r"\b(?:id|no|nr|number|num)\b")
_OTHER_WORDS = (
    "手机", "手機", "电话", "電話", "号码", "號碼", "身份证", "身份證", "护照", "驗證碼", "验证码", "密码",
    "卡号", "账号", "帳號", "携帯", "番号", "マイナンバー", "パスポート", "暗証", "コード", "주민등록번호",
    "주민번호", "전화", "휴대폰", "핸드폰", "번호", "여권", "비밀번호", "인증", "계좌", "телефон", "номер",
    "паспорт", "снилс", "инн", "код", "пароль", "رقم", "جوال", "هاتف", "جواز", "هوية", "رمز", "आधार",
    "नंबर", "मोबाइल", "फ़ोन", "फोन", "पैन", "खाता", "कोड", "पासपोर्ट", "연락처", "連絡先", "联系方式",
    "पिन", "пин", "핀번호", "핀 번호", "ピン", "密碼", "口令",
    # Hebrew, Bengali, Greek, Persian, Urdu, Thai, Bulgarian, Ukrainian
    "קוד", "סיסמה", "סיסמא", "תעודת זהות", "ת.ז", "מספר", "এনআইডি", "পিন", "নম্বর", "পাসওয়ার্ড",
    "κωδικ", "αφμ", "αμκα", "ταυτότητ", "کد", "رمز", "شماره", "نمبر", "پن کوڈ", "شناختی", "รหัส",
    "เลขบัตร", "เบอร์", "егн", "пін", "рнокпп",
)  # fmt: skip
# Words before "-number" that make a business's or a thing's number, not a member's.
_NOT_A_PROGRAMME = frozenset(
    """vat isbn issn kvk orcid company charity flight model part serial version build prime
    tax order invoice item product article""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _naming_words(text: str, lowered: str, left: int, right: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of each naming word in ``lowered[left:right]``, by start."""
    found = []
    for m in _WORD.finditer(lowered, left, right):
        word = m.group()
        if word in _LATIN_WORDS or word in _SHAPED_WORDS:
            found.append((m.start(), m.end(), word))
        elif (
            "-" in word
            and word.rsplit("-", 1)[1] in _GENERIC
            and text[m.start()].isupper()  # a programme's name, not "model-number"
            and word.split("-", 1)[0] not in _NOT_A_PROGRAMME
        ):
            found.append((m.start(), m.end(), word.rsplit("-", 1)[1]))  # "Flying Blue-nummer"
    stretch = lowered[left:right]
    if not stretch.isascii():
        for word in _OTHER_WORDS:
            i = stretch.find(word)
            while i != -1:
                found.append((left + i, left + i + len(word), word))
                i = stretch.find(word, i + 1)
        found.sort()
    return found


# Words that are also ordinary words or name public things ("nie" is Polish "not", "Tel Aviv",
# "RX 7900 XTX", "claim 12 of the patent", "a 1000 meter race", "student 2024 intake",
# "cell B12", "GPIO pin 17", "lock timeout", "free account includes 5000", "compte tenu"): they
# name a private number only with a link right before it (":", "is", "es", "=", "#", "No.")
# or after a possessive ("my account 55012345").
_WEAK = frozenset(
    """nie tel cell lock combination combo account compte cuenta conta conto policy plate mobile
    portable handy tan pin pins sin pan rut rg ni nr alarm disarm gate door safe locker tresor
    cadenas candado rx claim student meter prescription applicant inmate badge visa patient
    pt cdl member""".split()  # noqa: SIM905
)
# Weak words that name the number right after them, a blank between, five digits or more ("Noor
# Siddiqui badge 00871 door B" in an access log; not "badge reader 5355", "merit badge 2024
# designs" or "the build badge ... 4821 projects").
_ATTACHED = frozenset({"badge"})
_LINK_BEFORE_VALUE = re.compile(
    r"(?:[:=#—–.-]|\b(?:is|was|es|est|ist|é|è|era|no\.?|nr\.?|n[º°]|lautet|son|sont|are))[\s\"'“«]*$",
    re.IGNORECASE,
)
# Record words that name someone's number only right before it ("RX# 6043187", "Student
# #S0448127", "Applicant #BX-77201", "Claim #AUT-2026-558193", "meter=SM-88124417", a driver's
# "CDL # D40-118-2247-03"): not over other words or lines
# ("Smart meter export:\n2026-11-28 17:30"), not after a bare colon ("Student: 41000
# enrolled", "RX: 7900 XTX", "Prescription: 1000 mg"), and only a record's shape of value: a
# code of letters and digits, or six digits or more after "#" or "no." ("Student #1024",
# "claim #1896", "RX = 115200 baud" are counts, models and settings).
_TIGHT = frozenset(
    "rx claim student meter prescription applicant inmate visa patient pt cdl member".split()  # noqa: SIM905
)
_PATIENT_WORDS = frozenset({"patient", "pt"})
_RECORD_LINKS = r"#|no\.?|nr\.?|n[º°]|number|num"  # what may stand between word and number
_TIGHT_GAP = re.compile(
    rf"[ \t]*(?:(?:{_RECORD_LINKS}|id)[ \t]*[:#]{{0,2}}|[:=][ \t]*#|=)[ \t]*"
    r"(?:[a-z]{1,4}-)?"
)
# A driver's licence assigned in code ("cdl_number = 'D40-118-2247-03'"): for "cdl" only, as
# tests and fixtures assign patients', claims' and students' ids the same way ("patient_id =
# 'PT-0042'").
_CODE_GAP = re.compile(r"_(?:number|num|no)[ \t]*={1,2}[ \t]*[\"']")
_TIGHT_NUMBER_LINK = re.compile(rf"(?:{_RECORD_LINKS})[ \t]*[:#]{{0,2}}[ \t]*$")


_SHOWN = re.compile(r"[A-Za-z0-9]+(?:[-./_][A-Za-z0-9]+)*")


def _shown(text: str, start: int) -> str:
    """The code as written from ``start`` ("SM-88124417": the value and its letter lead)."""
    m = _SHOWN.match(text, start)
    return m.group() if m else ""


def _record_shaped(value: str, gap: str) -> bool:
    """A record's number after a record word: letters and digits, or six digits after "#"."""
    if any(c.isalpha() for c in value):
        return len(_DIGIT.findall(value)) >= 3
    return len(_DIGIT.findall(value)) >= 6 and _TIGHT_NUMBER_LINK.search(gap) is not None


# Generic words that name a private number only after a possessive ("my number is ...").
_GENERIC = frozenset("nummer número numero numéro numer number nomor".split())  # noqa: SIM905
# Or after words that name a person's identifier ("Tax File Number: 471 920 380", "PPS
# Number: 8841902E", "Customer Reference Number: 408 771 294K", "patient number 88231"). Not
# "registration", "tax", "customer", "policy" or "national" alone: a charity's, a company's,
# a sample schema's or a helpline's numbers are named so too.
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:tax file|pps|ppsn|customer reference|client reference|social insurance"
    r"|national insurance|social security|patient|student|employee|staff|membership|member"
    r"|medicare|medicaid|health insurance|insured|voter|matriculation|pension|welfare"
    r"|diver)"
    r"(?: id)?\s+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"\b(?:my|your|his|her|our|mi|tu|su|mon|ma|ton|ta|son|sa|mein|meine|dein|deine|meu|minha"
    r"|mio|mia|mijn|mój|moja|мой|моя)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
# A word right before the naming word that makes it a public number ("error code 4040", "ZIP
# code 94103", "country code", "source code").
_PUBLIC_BEFORE = re.compile(
    r"\b(?:error|status|exit|return|response|http|zip|postal|post|area|country|dial(?:l?ing)?"
    r"|source|sample|example|promo|promotional|discount|coupon|voucher|product|item|sku|airport"
    r"|iata|icao|colou?r|hex|unicode|ascii|char|character|key|reason|language|currency|iso|ansi"
    r"|bar|qr|morse|machine|op|event|exit|fault|diagnostic|trouble|obd|dtc|icd|cpt|naics|sic"
    r"|hs|tariff|python|java|javascript|test|pseudo|byte|gpio|board|header|bank|sort|swift|bic"
    r"|hotline|returned|exited|with|erro|errore|fehler|błędu|ошибки|エラー|오류|错误|خطأ|port|puerto"
    r"|porta|порта|ポート|포트|example|e\.g\.|sample|dummy|fake|fictional|demo|default)"
    r"(?:[\s-]*\d+)?[\s-]*$",
    re.IGNORECASE,
)
# Postal codes in scripts without spaces ("郵便番号", "邮政编码", "우편번호").
_POSTAL_BEFORE = ("郵便", "邮政编", "郵政編", "우편")
# Words between the naming word and the value that make the value something else.
_REFERENCE_GAP = frozenset(
    """line lines page pages port ports version versions v step steps chapter section sections
    figure table row rows column columns issue issues ticket pr commit rfc pep year years since
    listing example examples bytes bits chars characters times seconds minutes hours days ms
    width height size length port puerto porta portu порт порта ポート 포트 timeout المنفذ
    error errors status""".split()  # noqa: SIM905
)
# A word right after the naming word that makes it public ("código postal", "code source").
_PUBLIC_AFTER = re.compile(
    r"\s*(?:postal|postale|zip|de error|d'erreur|erreur|de erro|erro|dell'errore|errore|fehler"
    r"|błędu|ошибки|de estado|de barras|fuente|source|de pa[ií]s|pa[ií]s|de [áa]rea|promocional"
    r"|promo|de descuento|iso|qr|http|ascii|unicode|hex|de (?:la )?porta?|do porto|порта|tenu"
    r"|de sortie|de retour|de salida|de retorno|points?|reviews?|blocks?|snippets?|samples?"
    r"|coverage|quality|style|owners?|of conduct|pocztowy|pocztowego|postcode|postleitzahl)\b",
    re.IGNORECASE,
)
# A year after "in", "since", ... ("The Da Vinci Code was a bestseller in 2003").
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|until|till|by|of|year|circa|c\.)\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|ms\b|px\b|[kmg]i?b\b|bytes?\b|bits?\b|chars?\b|characters\b|words\b|tokens\b"
    r"|times\b|x\b|usd\b|eur\b|years?\b|days?\b|hours?\b|minutes?\b|seconds?\b|lines?\b|mm\b"
    r"|cm\b|kg\b|in\b|px\b|dpi\b|kwh\b|mwh\b|m3\b)",
    re.IGNORECASE,
)
_TOLL_FREE = re.compile(
    r"^(?:\+?1[-. ]?)?\(?8(?:00|33|44|55|66|77|88)\b|^0800|^0120[-. ]|^400[-. ]\d|^1[-. ]?800\b"
)
_DATE = re.compile(r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))$")
# Numbers reserved for fiction and documentation: North American 555-0100 to 555-0199 (seven
# digits too), UK drama numbers 020 7946 0xxx; ``published.fictional_written`` adds the other
# ranges of whole numbers.
_FICTIONAL = re.compile(r"555[-. ]?01\d\d$|(?:\+?44[-. ]?|0)20[-. ]?7946[-. ]?0\d{3}$")
# The number belongs to an organisation ("press office", "Zentrale", "hotline"), unless the
# sentence is the writer's own ("my office phone").
_BUSINESS_CUE = re.compile(
    r"\b(?:office|press|headquarters|hq|reception|switchboard|customer service|support|helpline"
    r"|hotline|zentrale|impressum|standard|accueil|centralita|sede|atenci[oó]n al cliente"
    r"|atendimento|kundenservice|kundendienst|service client|servizio clienti|klantenservice"
    r"|gratuit[oae]?|kostenlos|kostenfrei|toll-free|freephone|num[ée]ro vert|ouvidoria"
    r"|call ?cent(?:er|re)|customer care|客服|お客様|고객센터|خدمة العملاء)(?!\w)",
    re.IGNORECASE,
)
# A person's own number, where the sentence also says where they work ("Her cell: 612 345 678 -
# she's at the call centre", "Lucía's mobile: ..., she works in atención al cliente").
_FIRST_PERSON = re.compile(
    # (not "su", "son", "Ihre": also the formal "your" of a business's own prompt)
    r"\b(?:my|i|me|mine|mi|mon|ma|mein|meine|meu|minha|mio|mia|mijn|her|his|she|he|him)\b"
    r"|\w['’]s (?:mobile|cell|phone|number"
    r"|whatsapp|private|personal|home)",
    re.I,
)
_HEX_VALUE = re.compile(r"^0x[0-9a-f]+$", re.IGNORECASE)
# The sentence says the number is an example, a format or a test value.
_EXAMPLE_CUE = re.compile(
    r"\b(?:e\.g\.|for example|for instance|example|sample|format|formatted|looks like|such as"
    r"|sandbox|test|dummy|fake|fictional|placeholder|ejemplo|exemple|beispiel|exemplo|esempio"
    r"|mock|mockups?|demo|illustrat\w*|default|factory|fixture|documented|reserved"
    r"|voorbeeld|例えば|例如|예를)",
    re.IGNORECASE,
)
# A cue denied right before it is none ("this is not an example: my SSN is ...", "no test
# number, my real one").
_DENIED = re.compile(
    r"(?:\bnot|n't|\bnicht|\bkein\w*|\bpas|\bno es|\bnon è|\bnão é|\bnon)\s+"
    r"(?:(?:a|an|un|une|uno|una|um|uma|ein|eine)\s+)?$"
)


def _example_cue(lowered: str, left: int, right: int) -> bool:
    """An example cue stands in ``lowered[left:right]`` and is not denied."""
    return any(
        not _DENIED.search(lowered, max(left, m.start() - 12), m.start())
        for m in _EXAMPLE_CUE.finditer(lowered, left, right)
    )


# "Vehicle codes look like "HR-4821"": a format shown, when the value follows the words ("does
# membership number 77120934 look like yours?" is someone's number).
_FORMAT_BEFORE = re.compile(r"\blook like\b")
_VERSION = re.compile(r"^v?\d{1,3}(?:\.\d{1,4}){1,3}$")
_DECIMAL = re.compile(r"^\d{1,6}[.,]\d{1,3}$")  # a quantity ("1294.678"), not a code
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_GAP_TOKEN = re.compile(r"[^\s:=\-—–,()\"“”«»]+")


def _counts(value: str) -> bool:
    digits = len(_DIGIT.findall(value))
    if digits >= 4:
        return not (
            _VERSION.match(value)
            or _DECIMAL.match(value)
            or _TOLL_FREE.match(value)
            or _DATE.match(value)
            or _HEX_VALUE.match(value)
            or _FICTIONAL.search(value)
            or fictional_written(value)  # "phone=13800000000", "0800 555 0101"
            or (digits >= 6 and len(set(_DIGIT.findall(value))) == 1)  # "00000000000": a slot
        )
    if digits == 3 and value.isdigit():
        return True  # only after a CVV word (``_named_before``)
    return digits >= 3 and len(value) >= 6 and any(c.isalpha() for c in value)


# Abbreviations whose dot ends no sentence ("Passport No. X1234567", "Tel. 0612 345 678").
_ABBREVIATION_DOT = re.compile(
    r"\b(?:no|nr|tel|mob|acct|núm|num|n|ph|cel|fax|ref|tél|tlf|\w+-?nr)\.$"
    r"|(?<![^\W\d_])[^\W\d_]\.(?:[^\W\d_]\.)+$",  # an initialism: "ת.ז.", "n.º."
    re.IGNORECASE,
)


_OWN = re.compile(r"\b(?:my|your|our)\b", re.IGNORECASE)
_IT_IS = re.compile(r"[ \t]*(?:it'?s|it’s|it is|that'?s)[ \t]", re.IGNORECASE)


def _sentence_start(text: str, left: int, start: int) -> int:
    """Where the sentence holding ``start`` begins, no further back than ``left``; or the
    line before, when the value opens its line and that line ends with a colon."""
    ends = [
        m
        for m in _SENTENCE_END.finditer(text, left, start)
        if not (m.group()[0] == "." and _ABBREVIATION_DOT.search(text, left, m.start() + 1))
    ]
    if not ends:
        return left
    last = ends[-1]
    begin = last.end()
    if last.group()[0] == "?" and _IT_IS.match(text, begin, start):
        # "my new PIN for the portal? it's 471926": the answer's "it" is the question's PIN,
        # when the question is about the writer's or the reader's own
        asked = ends[-2].end() if len(ends) >= 2 else left
        if _OWN.search(text, asked, begin):
            return asked
    if last.group() == "\n" and not text[begin:start].strip():
        # The value opens its line: the line before may name it ("Backup codes:\n8f3a2").
        line_start = text.rfind("\n", 0, last.start()) + 1
        if text[line_start : last.start()].rstrip().endswith(":"):
            return max(line_start, left)
    return begin


def _named_before(text: str, lowered: str, start: int, value: str) -> bool:
    """A naming word ends in the stretch before ``start`` (same sentence; or the line before,
    when it ends with a colon), with a short gap of no reference words."""
    left = _sentence_start(text, max(0, start - REACH_CHARS), start)
    for word_start, word_end, name in reversed(_naming_words(text, lowered, left, start)):
        gap = lowered[word_end:start]
        tokens = _GAP_TOKEN.findall(gap)
        if len(tokens) > MAX_GAP_TOKENS or any(t.strip(".;!?") in _REFERENCE_GAP for t in tokens):
            continue
        if any(len(_DIGIT.findall(t)) >= 2 for t in tokens) or "://" in gap:
            continue  # another number or a link stands between: it is the one named
        if "@" in gap and gap.endswith(":"):
            continue  # a host's port: "salasana@localhost:5432" names the password, not it
        shaped = _SHAPED_WORDS.get(name)
        if shaped is not None and not shaped(value):
            continue
        if name == "member" and _MEMBER_LINK.search(gap) is None:
            continue  # "member #130000000 signed up": a count
        before = lowered[max(0, word_start - 24) : word_start]
        linked = _LINK_BEFORE_VALUE.search(lowered, word_end, start) is not None or (
            name in _ATTACHED and gap in (" ", "\t") and len(_DIGIT.findall(value)) >= 5
        )
        possessive = _POSSESSIVE.search(before) is not None or (
            name in _GENERIC and _IDENTIFIER_BEFORE.search(before) is not None
        )
        if name in _TIGHT and gap.strip(" #:") == "id":
            # "Student ID S0448127": the record's own ID, six digits or more (not a model's
            # or a column's, "meter ID ABB-B23-112", "student ID SID-2024")
            shown = _DIGIT.findall(_shown(text, start))
            # a patient's ID is no model's: four digits do ("pt ID ED-20417")
            linked = len(shown) >= (4 if name in _PATIENT_WORDS else 6)
        if name in _GENERIC or name in _WEAK:
            if not (possessive or (name in _WEAK and linked)):
                continue
            if name in _TIGHT and not (
                (_TIGHT_GAP.fullmatch(gap) or (name == "cdl" and _CODE_GAP.fullmatch(gap)))
                and _record_shaped(_shown(text, start), gap)
            ):
                continue
        elif (
            _PUBLIC_BEFORE.search(before)
            or _PUBLIC_AFTER.match(lowered, word_end)
            or before.endswith(_POSTAL_BEFORE)
        ):
            continue
        if _YEAR.match(value) and not linked:
            continue  # "Advent of Code 2023", "Passport Index 2024"
        if (
            len(_DIGIT.findall(value)) == 3
            and value.isdigit()
            and name not in _THREE_DIGITS
            and not (name == "code" and before.endswith(("security ", "card ")))
        ):
            continue
        return not _example_or_business(text, lowered, left, start, value)
    return False


def _example_or_business(text: str, lowered: str, left: int, start: int, value: str) -> bool:
    """The sentence says the number is an example or a test value ("the format is ...", "a
    documented test number"), or an organisation's ("press office — phone: +49 30 2093 0")."""
    after = _SENTENCE_END.search(text, start)
    right = min(after.start() if after else len(text), start + len(value) + REACH_CHARS)
    if _example_cue(lowered, left, right) or _FORMAT_BEFORE.search(lowered, left, start):
        return True
    return bool(_BUSINESS_CUE.search(lowered, left, right)) and not _FIRST_PERSON.search(
        lowered, left, right
    )


# A three-digit value counts only after these ("CVV 847"), or "security code" / "card code".
_THREE_DIGITS = frozenset("cvv cvc cvv2 csc".split())  # noqa: SIM905


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
        begin = m.start()
        lead = _LETTER_LEAD.search(text, max(0, begin - 9), begin)
        if lead and lead.group(1).lower() not in _LATIN_WORDS and lead.group(1) != "ID":
            begin = lead.start(1)  # "Kennzeichen M-KR 4721", "passport AB 123456"
        code = _CODE_LEAD.search(text, max(0, begin - 6), begin)
        if code:
            begin = code.start(1)  # "meter=SM-88124417": a value may not start after "="
        if _named_before(text, lowered, begin, value):
            found.append((begin, m.end()))
    return found


# Capital letters just before a number, one space apart, belong to it (plates, passports).
_LETTER_LEAD = re.compile(r"(?<![\w-])([A-Z]{1,3}(?:-[A-Z]{1,3})?) $")
_CODE_LEAD = re.compile(r"[=:#]([A-Za-z]{1,4}-)$")


class NumberNearWordRecognizer(Recognizer):
    tier = 1
    name = "number_near_word"
    categories = frozenset({Category.GOV_ID, Category.CREDENTIAL, Category.PHONE})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self._scan(w) for w in windows]

    def _scan(self, window: TextWindow) -> list[Span]:
        return [
            Span(b, e, Category.GOV_ID, 1, SCORE, self.name)
            for b, e in find_normalised(
                window.text, window.start, window.end, REACH_CHARS, number_near_spans
            )
        ]
