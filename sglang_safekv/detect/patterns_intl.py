"""Tier-1 patterns for other languages: national identity numbers with their check digits,
national phone and street-address formats, and first-person statements about health and money
in Spanish, French, German, Portuguese and Chinese.

The English patterns miss them all: a DNI or a Chinese resident ID is not an SSN, "rue" is not
"street", and the narrative hints are English words. Statements are sensitive from the verb
that makes them personal ("me diagnosticaron", "ich verdiene", "我的月薪"); a bare medical or
money word stays public, as in English.
"""

from __future__ import annotations

import re

from sglang_safekv.detect import validators as v
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.patterns import PatternSpec, living_birth_date, not_a_placeholder_address
from sglang_safekv.detect.published import fictional_written

_HAN = "\u4e00-\u9fff"  # real characters, not an escape: Hyperscan reads the pattern bytes
_KANA = "\u3040-\u30ff"
_WORD = r"[^\s,.;:!?\d]+"  # a word in any script (the engines' \w is ASCII)


# Ofcom's ranges for drama: 07700 900xxx, 01632 960xxx, 020 7946 0xxx and 01x1 496 0xxx.
_UK_DRAMA = re.compile(r"07700900|01632960|02079460|01[1-9]1496[0-9]")


def someones_phone(text: str) -> bool:
    """A plausible number outside the ranges kept for fiction (``published.fictional_written``)."""
    return v.phone_plausible(text) and not fictional_written(text)


def uk_phone_valid(text: str) -> bool:
    """Eleven digits from 01, 02 or 07 (03 and 08 numbers are organisations'), not a counting
    run ("01234567890") or one digit repeated."""
    digits = v.digits_of(text)
    if len(digits) != 11 or "123456" in digits or len(set(digits[1:])) == 1:
        return False  # a format's example ("01234 567890 or 07123 456789"), a blank
    if _UK_DRAMA.match(digits):
        return False  # Ofcom's numbers for drama and examples
    return v.phone_plausible(text)


def dni_valid(text: str) -> bool:
    """Spanish DNI/NIE: eight digits (NIE: X/Y/Z then seven) and the mod-23 letter."""
    value = text.replace("-", "").replace(" ", "").upper()
    if value[:1] in "XYZ":
        value = str("XYZ".index(value[0])) + value[1:]
    if len(value) != 9 or not value[:8].isdigit():
        return False
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(value[:8]) % 23] == value[8]


def nir_valid(text: str) -> bool:
    """French social security number (NIR): 13 digits (Corsica 2A/2B) and a mod-97 key."""
    value = text.replace(" ", "").upper()
    body, key = value[:13], value[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if len(value) != 15 or not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def cpf_valid(text: str) -> bool:
    """Brazilian CPF: nine digits and two mod-11 check digits."""
    digits = [int(c) for c in v.digits_of(text)]
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    for size in (9, 10):
        total = sum(d * (size + 1 - i) for i, d in enumerate(digits[:size]))
        if digits[size] != (0 if total % 11 < 2 else 11 - total % 11):
            return False
    return True


def cn_resident_id_valid(text: str) -> bool:
    """Chinese resident identity number: 17 digits and an ISO 7064 MOD 11-2 check character."""
    value = text.upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(value, weights)) % 11] == value[17]


def _statement(name: str, category: Category, regex: str) -> PatternSpec:
    return PatternSpec(name, category, regex, 0.9, caseless=True)


# "born" and "date of birth" in the languages the detector reads, before a numeric date: "geb.
# 12.03.1967", "née le 04/05/1988", "fecha de nacimiento: 1990-02-11". (The words outside
# \b are in scripts the engines' ASCII \b does not read.)
_BIRTH = (
    r"(?:\b(?:geb\.?|geboren(?: am)?|geburtsdatum|n[ée]e? le|date de naissance|nacid[oa] el"
    r"|fecha de nacimiento|f\. nac\.?|nat[oa] il|data di nascita|nascid[oa] em|data de nascimento"
    r"|geboren op|geboortedatum|urodzon[ya]|data urodzenia|doğum tarihi|född|födelsedatum"
    r"|tgl\.? lahir|tanggal lahir|ngày sinh)|дата рождения|родил(?:ся|ась)|生年月日|出生日期"
    r"|생년월일)"
)
INTL_PATTERNS: tuple[PatternSpec, ...] = (
    # National identity numbers.
    PatternSpec("dni_es", Category.GOV_ID, r"\b(?:\d{8}|[XYZ]\d{7})-?[A-Z]\b", 0.9, dni_valid),
    PatternSpec(
        "date_of_birth_intl",
        Category.DATE_OF_BIRTH,
        rf"{_BIRTH}[ \t]*[:：]?[ \t]*(?P<v>\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}年\d{{1,2}}月"
        r"\d{1,2}日)",
        0.9,
        living_birth_date,
        caseless=True,
    ),
    PatternSpec(
        "nir_fr",
        Category.GOV_ID,
        r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b",
        0.95,
        nir_valid,
    ),
    PatternSpec("cpf_br", Category.GOV_ID, r"\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b", 0.9, cpf_valid),
    PatternSpec("resident_id_cn", Category.GOV_ID, r"\d{17}[\dXx]", 0.95, cn_resident_id_valid),
    PatternSpec(
        "tax_id_de",
        Category.GOV_ID,
        r"\b(?:steuer-?id|steuer-?identifikationsnummer|idnr|steuernummer|personalausweis"
        r"(?:nummer)?|ausweisnummer)\W{0,3}(?:ist\s+|lautet\s+)?(?P<v>[A-Z0-9][A-Z0-9 /]{7,14}\d)",
        0.9,
        caseless=True,
    ),
    # National phone numbers (international +NN forms are in the English set).
    PatternSpec(
        # ARCEP's ranges for fiction ("01 99 00 xx xx", "06 39 98 xx xx") are no one's
        "phone_fr",
        Category.PHONE,
        r"\b0[1-9](?:[ .-]?\d{2}){4}\b",
        0.85,
        someones_phone,
    ),
    PatternSpec(
        # A British number written nationally: "07723 418 096", "07734916228", "020 7946 1234".
        "phone_uk",
        Category.PHONE,
        r"\b0[127]\d{1,4}(?:[ -]?\d{2,4}){1,3}\b",
        0.85,
        uk_phone_valid,
    ),
    PatternSpec(
        "phone_cn",
        Category.PHONE,
        r"\b1[3-9]\d[ -]?\d{4}[ -]?\d{4}\b",
        0.85,
        someones_phone,
    ),
    # Street addresses: a street word, a name, a number (or the German and Chinese order).
    PatternSpec(
        "address_es_pt",
        Category.ADDRESS,
        rf"\b(?:calle|c/|avenida|avda\.?|plaza|paseo|camino|rua|travessa|largo|alameda)\s+"
        rf"(?:{_WORD}\s+){{0,4}}{_WORD},?\s+\d{{1,5}}\b",
        0.85,
        not_a_placeholder_address,
        caseless=True,
    ),
    PatternSpec(
        "address_fr",
        Category.ADDRESS,
        r"\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|boulevard|bd|place|impasse|all[ée]e"
        r"|chemin|quai|route)\s+[^\n,]{2,40}",
        0.85,
        not_a_placeholder_address,
        caseless=True,
    ),
    PatternSpec(
        "address_de",
        Category.ADDRESS,
        r"[^\s,.;:!?\d]{1,40}(?:stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer)\s+\d{1,4}"
        r"[a-z]?\b",
        0.85,
        not_a_placeholder_address,
        caseless=True,
    ),
    PatternSpec(
        "address_it",
        Category.ADDRESS,
        r"\b(?:Via|Viale|Piazza|Piazzale|Corso|Vicolo|Contrada)\s+"
        r"(?:[A-Z][^\s,.;:!?\d]*\s+){0,4}[A-Z][^\s,.;:!?\d]*,?\s+\d{1,4}\b",
        0.85,
        not_a_placeholder_address,
    ),
    PatternSpec(
        "address_nordic_nl",
        Category.ADDRESS,
        r"\b[A-Z][^\s,.;:!?\d]{1,30}(?:vägen|gatan|gränd|torget|straat|laan|gracht|plein"
        r"|singel|vej|gade|veien)\s+\d{1,4}[a-zA-Z]?\b",
        0.85,
    ),
    PatternSpec(
        "address_pl_cs_ru",
        Category.ADDRESS,
        r"(?:(?:г\.|город)\s*[^\s,.;:!?\d]{1,30},?\s*)?"  # the city before a Russian street
        rf"(?:\bul\.|\bulica\b|\bulicy\b|\baleja\b|\bulice\b|náměstí\b|nám\.|ул\.|улица\b)"
        rf"\s*(?:{_WORD}\s+){{0,3}}{_WORD},?\s+(?:(?:д|дом|č|nr)\.?\s*)?\d{{1,4}}\b",
        0.85,
        caseless=True,
    ),
    # Japanese: prefecture, city or ward, district, then block-lot(-building) numbers
    # ("東京都世田谷区三軒茶屋2-14-7").
    PatternSpec(
        "address_ja",
        Category.ADDRESS,
        rf"(?:東京都|北海道|大阪府|京都府|[{_HAN}]{{2,3}}県)[{_KANA}{_HAN}]{{1,12}}?"
        rf"[市区町村郡][{_KANA}{_HAN}]{{0,12}}?[0-9]{{1,4}}"
        r"(?:丁目[0-9]{1,4}|[-ー－][0-9]{1,4}(?:番地?|[-ー－])[0-9]{0,4})",
        0.85,
    ),
    # After an address label, in any of these languages: the rest of the sentence on that
    # line, when it holds a number and is not a network, memory, mail or business address.
    PatternSpec(
        "address_labelled",
        Category.ADDRESS,
        r"(?:address|adress|adresse|direcci[oó]n|indirizzo|endereço|morada|anschrift|adres|адрес"
        r"|deliver to|ship to|住所|地址|주소|पता)\s*[:：]\s*(?P<v>[^.\n]{3,120})",
        0.85,
        v.labelled_address,
        caseless=True,
        reject_before_match=r"(?i)(?:\bip|\bmac|memory|e-?mail|\bweb|server|bind|listen|wallet"
        r"|contract|bitcoin|ethereum|\bbtc|\beth|\bbase|\breturn|\bstart|\bend|\bload|physical"
        r"|virtual|mailing|\burl|\bhost|\bsource|\bdest\w*|\bremote|\blocal|\bpublic|\bproxy"
        r"|gateway|broadcast|\bnet\w*|\bipv[46]|\bbilling|\bcompany|\boffice|registered|business"
        r"|geschäfts|besöks|büro|firmen|head ?office|\bhq|visitor|besucher|postal)[\s_-]*$",
    ),
    PatternSpec(
        "address_cn",
        Category.ADDRESS,
        f"[{_HAN}]{{2,16}}(?:路|街|道|巷|弄)[0-9{_HAN}]{{0,6}}号",
        0.85,
    ),
    PatternSpec(
        "name_cn", Category.PERSON, f"(?:我叫|我的名字是|本人)(?P<v>[{_HAN}]{{2,4}})", 0.85
    ),
    # First-person health statements.
    _statement(
        "health_es",
        Category.HEALTH,
        r"\b(?:me (?:han )?(?:diagnosticaron|diagnosticado|detectaron)|tengo (?:c[áa]ncer|diabetes"
        r"|vih|sida|depresi[óo]n|ansiedad|un tumor)|estoy (?:tomando|embarazada|en tratamiento)"
        r"|soy (?:seropositiv[oa]|diab[ée]tic[oa]))",
    ),
    _statement(
        "health_fr",
        Category.HEALTH,
        r"\b(?:je suis (?:sous|atteinte?|enceinte|s[ée]ropositi(?:f|ve)|diab[ée]tique|d[ée]prim)"
        r"|on m'a diagnostiqu|j'ai (?:un |une |le )?(?:cancer|diab[èe]te|d[ée]pression|vih|sida"
        r"|tumeur)|mon m[ée]decin m'a (?:trouv|diagnostiqu|prescrit))",
    ),
    _statement(
        "health_de",
        Category.HEALTH,
        r"\b(?:ich bin (?:hiv-positiv|schwanger|depressiv|krebskrank|zuckerkrank)|bei mir wurde"
        r"|ich habe (?:krebs|diabetes|depressionen|hiv|aids|einen tumor)|ich nehme antidepressiva)",
    ),
    _statement(
        "health_pt",
        Category.HEALTH,
        r"\b(?:fui diagnosticad[oa]|estou gr[áa]vida|tenho (?:c[âa]ncer|diabetes|hiv|aids"
        r"|depress[ãa]o)|sou (?:soropositiv[oa]|diab[ée]tic[oa])|estou tomando)",
    ),
    _statement(
        "health_zh",
        Category.HEALTH,
        r"(?:我|本人)[^。！？\n]{0,12}(?:诊断|确诊|患有|得了|怀孕|抑郁|乙肝|艾滋|癌|糖尿病|HIV)",
    ),
    # First-person statements about money.
    _statement(
        "finance_es",
        Category.FINANCE,
        r"\b(?:cobro|gano|mi (?:sueldo|salario|n[óo]mina)|mis ingresos)\b[^.\n]{0,30}\d",
    ),
    _statement(
        "finance_fr",
        Category.FINANCE,
        r"\b(?:mon salaire|je gagne|je touche|mes revenus)\b[^.\n]{0,30}\d",
    ),
    _statement(
        "finance_de",
        Category.FINANCE,
        r"\b(?:ich verdiene|mein (?:gehalt|lohn|einkommen))\b[^.\n]{0,30}\d",
    ),
    _statement(
        "finance_pt", Category.FINANCE, r"\b(?:ganho|meu sal[áa]rio|recebo)\b[^.\n]{0,30}\d"
    ),
    _statement(
        "finance_zh",
        Category.FINANCE,
        r"(?:我的)?(?:月薪|年薪|工资|收入|存款)[^。\n]{0,6}[0-9一二三四五六七八九十百千万两]+",
    ),
)
