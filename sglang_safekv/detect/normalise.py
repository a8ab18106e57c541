"""Normalise text before pattern matching, keeping an exact map back to the original.

An SSN with zero-width characters between its digits, a card number in full-width or
Arabic-Indic digits, a phone number or an e-mail address spelled out in words: the same secret,
invisible to a pattern that reads the raw characters. Matching runs on the normalised text;
every normalised character remembers the original characters it came from, so a finding maps
back to exactly the original range (and from there to tokens).

Steps, in order: format characters (zero-width, soft hyphen, BOM: Unicode category Cf) are
dropped; every decimal digit of any script becomes an ASCII digit; NFKC per character
(full-width letters and punctuation, ligatures); runs of four or more spelled-out digits become
digits; a card number typed with look-alike letters ("4472 l853 O96l 742l") gets its digits
back; a word typed one character at a time ("M-a-p-l-e-9-9", "p l u m t r e e") is joined, and
digits typed one per bracket ("[5][8][0][3]"), as escapes ("\\u0035\\u0034"), with a filler letter between them ("4 x 2 x 9
x - x 6 ...") or a card's groups one per line; text in hex bytes or Morse code is decoded; a
spelled-out e-mail ("jane dot doe at gmail dot com") becomes an address.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence

from sglang_safekv.detect.validators import luhn_valid

# Digit words of the languages the detector reads (en, es, fr, de, pt, it, ru, nl, pl, tr, sv). Only runs of four or
# more become digits, so "un", "due" or "null" alone stay words.
DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9",
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7",
    "huit": "8", "neuf": "9",
    "null": "0", "eins": "1", "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6",
    "sieben": "7", "acht": "8", "neun": "9",
    "um": "1", "dois": "2", "duas": "2", "três": "3", "quatro": "4", "sete": "7", "oito": "8",
    "nove": "9",
    "due": "2", "tre": "3", "quattro": "4", "cinque": "5", "sei": "6", "sette": "7", "otto": "8",
    "ноль": "0", "нуль": "0", "один": "1", "одна": "1", "два": "2", "две": "2", "три": "3",
    "четыре": "4", "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9",
    "nul": "0", "een": "1", "twee": "2", "drie": "3", "vijf": "5", "zes": "6", "zeven": "7",
    "negen": "9",
    "jeden": "1", "dwa": "2", "trzy": "3", "cztery": "4", "pięć": "5", "sześć": "6",
    "siedem": "7", "osiem": "8", "dziewięć": "9",
    "sıfır": "0", "bir": "1", "iki": "2", "üç": "3", "dört": "4", "beş": "5", "altı": "6",
    "yedi": "7", "sekiz": "8", "dokuz": "9",
    "noll": "0", "ett": "1", "två": "2", "fyra": "4", "fem": "5", "sju": "7", "åtta": "8",
    "nio": "9",
    "không": "0", "một": "1", "hai": "2", "ba": "3", "bốn": "4", "tư": "4", "năm": "5",
    "sáu": "6", "bảy": "7", "tám": "8", "chín": "9",
    "nol": "0", "kosong": "0", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
    "enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9",
    "μηδέν": "0", "ένα": "1", "δύο": "2", "τρία": "3", "τέσσερα": "4", "πέντε": "5", "έξι": "6",
    "επτά": "7", "εφτά": "7", "οκτώ": "8", "οχτώ": "8", "εννέα": "9", "εννιά": "9",
    "nulla": "0", "egy": "1", "kettő": "2", "két": "2", "három": "3", "négy": "4", "öt": "5",
    "hat": "6", "hét": "7", "nyolc": "8", "kilenc": "9",
    "sifuri": "0", "moja": "1", "mbili": "2", "tatu": "3", "nne": "4", "tano": "5", "sita": "6",
    "saba": "7", "nane": "8", "tisa": "9",
    "sero": "0", "isa": "1", "dalawa": "2", "tatlo": "3", "apat": "4", "anim": "6", "pito": "7",
    "walo": "8", "siyam": "9",
    # Romanian, Finnish, Czech and Slovak, Croatian and Serbian, Bulgarian
    "unu": "1", "doi": "2", "trei": "3", "patru": "4", "cinci": "5", "șase": "6", "şase": "6",
    "șapte": "7", "şapte": "7", "opt": "8", "nouă": "9",
    "nolla": "0", "yksi": "1", "kaksi": "2", "kolme": "3", "neljä": "4", "viisi": "5",
    "kuusi": "6", "seitsemän": "7", "kahdeksan": "8", "yhdeksän": "9",
    "nula": "0", "jedna": "1", "dva": "2", "dve": "2", "tři": "3", "tri": "3", "čtyři": "4",
    "štyri": "4", "pět": "5", "päť": "5", "šest": "6", "šesť": "6", "sedm": "7", "osm": "8",
    "devět": "9", "deväť": "9", "jedan": "1", "četiri": "4", "sedam": "7", "osam": "8",
    "devet": "9",
    "чотири": "4", "шість": "6", "сім": "7", "вісім": "8",
    "нула": "0", "едно": "1", "едно́": "1", "четири": "4", "пет": "5", "шест": "6", "седем": "7",
    "осем": "8", "девет": "9",
    # Hebrew, Arabic, Persian, Hindi, and Hindi written in Latin letters
    "אפס": "0", "אחת": "1", "אחד": "1", "שתיים": "2", "שתים": "2", "שניים": "2", "שלוש": "3",
    "שלש": "3", "ארבע": "4", "חמש": "5", "שש": "6", "שבע": "7", "שמונה": "8", "תשע": "9",
    "صفر": "0", "واحد": "1", "اثنان": "2", "اثنين": "2", "ثلاثة": "3", "ثلاث": "3",
    "أربعة": "4", "أربع": "4", "خمسة": "5", "خمس": "5", "ستة": "6", "سبعة": "7", "سبع": "7",
    "ثمانية": "8", "ثمان": "8", "تسعة": "9", "تسع": "9",
    "یک": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6", "هفت": "7", "هشت": "8",
    "نه": "9",
    "शून्य": "0", "एक": "1", "दो": "2", "तीन": "3", "चार": "4", "पांच": "5", "पाँच": "5",
    "छह": "6", "छः": "6", "सात": "7", "आठ": "8", "नौ": "9",
    "shunya": "0", "ek": "1", "teen": "3", "char": "4", "chaar": "4", "paanch": "5",
    "panch": "5", "chhe": "6", "chheh": "6", "saat": "7", "aath": "8", "nau": "9",
}  # fmt: skip
# German writes 13-99 as one word ("fünfundvierzig"): an IBAN read out in pairs.
_GERMAN_TENS = {"zwanzig": 2, "dreißig": 3, "vierzig": 4, "fünfzig": 5, "sechzig": 6,
                "siebzig": 7, "achtzig": 8, "neunzig": 9}  # fmt: skip
_GERMAN_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
                 "acht": 8, "neun": 9}  # fmt: skip
DIGIT_WORDS.update(
    {"zehn": "10", "elf": "11", "zwölf": "12", "dreizehn": "13", "vierzehn": "14",
     "fünfzehn": "15", "sechzehn": "16", "siebzehn": "17", "achtzehn": "18", "neunzehn": "19"}
)  # fmt: skip
for _tens_word, _tens in _GERMAN_TENS.items():
    DIGIT_WORDS[_tens_word] = f"{_tens}0"
    for _unit_word, _unit in _GERMAN_UNITS.items():
        DIGIT_WORDS[f"{_unit_word}und{_tens_word}"] = f"{_tens}{_unit}"
# Spelling alphabets, as a password is read over the phone ("Siegfried Otto Nordpol ..."): the
# NATO one, the German one and the Swedish one. A run of four or more spelling or digit words, two of them
# spelling words, becomes the letters (upper case) and digits it spells.
_NATO_ALPHABET = """alfa alpha bravo charlie delta echo foxtrot golf hotel india juliett juliet
    kilo mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray
    yankee zulu""".split()  # noqa: SIM905
_GERMAN_ALPHABET = """anton berta cäsar dora emil friedrich gustav heinrich ida julius kaufmann
    konrad ludwig martha nordpol otto paula quelle richard samuel siegfried theodor ulrich viktor
    wilhelm xanthippe ypsilon zacharias zeppelin""".split()  # noqa: SIM905
_SWEDISH_ALPHABET = """adam bertil cesar david erik filip gustav helge ivar johan kalle ludvig
    martin niklas olle petter quintus rudolf sigurd tore urban viktor wilhelm xerxes yngve zäta
    åke ärlig östen""".split()  # noqa: SIM905
SPELLING_WORDS = {
    w: w[0].upper() for w in (*_NATO_ALPHABET, *_GERMAN_ALPHABET, *_SWEDISH_ALPHABET)
} | {
    "lima": "L", "ärger": "Ä", "ökonom": "Ö", "übermut": "Ü", "eszett": "ß",
}  # fmt: skip
# Words read out between the digits of an ID ("três-um-nove ponto oito-oito-dois traço ..."),
# and a speaker's fillers in a transcript ("four one one seven uh three eight"): they join a run
# of digit words and are dropped from it.
DIGIT_JOINERS = frozenset(
    "dot point punto ponto punkt kropka точка dash hyphen traço tiret guion guión strich slash barra".split()  # noqa: SIM905, E501
    + "uh uhm er erm ehm äh ähm euh eh".split()  # noqa: SIM905
)
_DIGIT_WORD = "(?:" + "|".join(sorted(DIGIT_WORDS, key=len, reverse=True)) + ")"
# What may stand between the words of a number read out: spaces, commas, dashes, and the
# symbols and emoji some put there instead ("hét 🔸 egy 🔸 nulla 🔸 három").
_SEP = r"(?:[\s,\-–—·•]|[\u2190-\u2bff\ufe0f\U0001f000-\U0001faff])+"
# Four or more digit words in a row ("four one five, five five five ..."): a number read out.
_JOINER = "(?:" + "|".join(sorted(DIGIT_JOINERS)) + ")"
_SPELLED_NUMBER = re.compile(
    rf"\b{_DIGIT_WORD}(?:{_SEP}(?:{_JOINER}{_SEP})?{_DIGIT_WORD}){{3,}}\b", re.IGNORECASE
)
_SPELLING_ONLY = frozenset(SPELLING_WORDS) - frozenset(DIGIT_WORDS)  # "otto" is also Italian 8
_SPELLING_WORD = "(?:" + "|".join(sorted(SPELLING_WORDS, key=len, reverse=True)) + ")"
_SPELLED_RUN = re.compile(
    rf"\b(?:{_SPELLING_WORD}|{_DIGIT_WORD})(?:{_SEP}(?:{_SPELLING_WORD}|{_DIGIT_WORD})){{3,}}\b",
    re.IGNORECASE,
)
_LETTERS_NEEDED = 2  # spelling words in a run, besides digit words
# Chinese numerals read digit by digit ("一三八 一二七六"): four or more in a run.
CJK_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CJK_NUMBER = re.compile(r"[〇零一二三四五六七八九](?:[ \u3000]?[〇零一二三四五六七八九]){3,}")
# Korean Sino-Korean digits read out ("공일공 칠삼팔이 사일구육"): these syllables are common in
# words too ("이 일이 이사 오일 사이에"), so only groups of three or four, at least two of them,
# count (a phone's or an account's shape).
KOREAN_DIGITS = dict(zip("공영일이삼사오육칠팔구", "00123456789", strict=True))
_K = "[공영일이삼사오육칠팔구]"
_KOREAN_NUMBER = re.compile(rf"(?<![가-힣]){_K}{{3,4}}(?:[ -]?{_K}{{3,4}}){{1,3}}")
_WORD_SEP = re.compile(_SEP)
# A card number typed with look-alike letters ("4472 l853 O96l 742l"): four groups of four
# digits, l, I, O or o, most of them digits. The letters become the digits they imitate.
_LOOK_ALIKE_GROUPS = re.compile(r"\b[\dlIOo]{4}(?:[ .-]?[\dlIOo]{4}){3}\b")
_LOOK_ALIKES = {"l": "1", "I": "1", "O": "0", "o": "0"}
_MIN_REAL_DIGITS = 11
# "name dot surname at mail dot com", also with [at] / (dot) brackets; the address must end in
# a common top-level domain ("me at jane dot doe" is not one).
_TLD = (
    r"com|org|net|edu|gov|io|co|me|info|biz|app|dev|ai|uk|de|fr|es|it|nl|pt|br|cn|jp|in|ca"
    r"|au|ch|at|be|se|no|dk|fi|pl|ru|mx|ar|us|eu"
)
# "at" and "dot" in the other languages too ("lucia punto fernandez arroba gmail punto com").
_AT_WORDS = "at|arroba|arobase|chiocciola|klammeraffe|apenstaartje|małpa|malpa|собака|ät"
_DOT_WORDS = "dot|punto|point|punkt|ponto|kropka|точка|nokta|piste"
_AT = rf"\s*(?:\s[\[(]?(?:{_AT_WORDS})[\])]?\s|[\[(](?:{_AT_WORDS})[\])])\s*"
_DOT = rf"\s*(?:\s[\[(]?(?:{_DOT_WORDS})[\])]?\s|[\[(](?:{_DOT_WORDS})[\])])\s*"
_SPELLED_EMAIL = re.compile(
    rf"\b[A-Za-z0-9_+-]+(?:(?:{_DOT}|\.)[A-Za-z0-9_+-]+)*{_AT}[A-Za-z0-9-]+(?:(?:{_DOT}|\.)"
    rf"[A-Za-z0-9-]+)*(?:{_DOT}|\.)(?:{_TLD})\b",
    re.IGNORECASE,
)
# A word typed one character at a time between hyphens ("M-a-p-l-e-9-9-!", "p-a-s-s"): four
# or more single characters, one separator throughout; the separators go.
_SPACED_OUT = re.compile(
    r"(?<![^\s\"'(:=])[^\s_·-](?P<sep>[-_·])[^\s_·-](?:(?P=sep)[^\s_·-]){2,}(?!\S)"
)
_SPACED_HINT = re.compile(r"[-_·][^\s_·-][-_·][^\s_·-][-_·]")  # three separators, one apart
# The same with spaces ("p l u m t r e e 6 6 !", "m a r c o . v e l l a @ ..."): six or more
# characters, so "a b c" in prose stays.
_SPACED_BY_SPACES = re.compile(r"(?<!\S)\S(?P<sep> )\S(?: \S){4,}(?=[.,;:!?)\"']*(?:\s|$))")
# The same one per line ("Q\nu\ni\nn\nc\ne\n7\n!", digits down a sticky note): six or more.
_SPACED_BY_LINES = re.compile(r"(?m)^\S(?P<sep>\n)\S(?:\n\S){4,}$")
_SPACED_BY_LINES_HINT = re.compile(r"\n\S\n\S\n\S\n")
_MOSTLY_DIGITS = 0.75  # a spaced run with this share of digits is a number, left to the patterns
_NUMBER_PUNCTUATION = frozenset("-./")  # what an ID's or a date's digits are grouped with
_SPACED_BY_SPACES_HINT = re.compile(r" \S \S \S \S ")  # the run's inner characters
# Text written as hex bytes ("54 61 6e 67 6f 21 37 37" is "Tango!77"): six or more bytes, one
# of them with a letter (a list of numbers is not hex), all printable once decoded.
_HEX_BYTES = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{2} ){5,}[0-9a-fA-F]{2}(?![\w:])")
_HEX_LETTER = re.compile(r"[a-fA-F]")
_HEX_HINT = re.compile(r" [0-9a-fA-F]{2} [0-9a-fA-F]{2} ")  # the run's inner bytes
# The same bytes without spaces ("2b3120343135203730322038383431" is "+1 415 702 8841"): eight
# or more, printable once decoded (spaces allowed), with a hex letter. A hash or a key's random
# bytes decode to something printable about once in 10^7.
_HEX_RUN = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{2}){8,128}(?![\w:])")
_HEX_RUN_HINT = re.compile(r"[0-9a-fA-F]{16}")
# Morse code ("-.... ..--- ...-- ....-" is 6234): four or more letters of dots and dashes.
MORSE = {
    ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g",
    "....": "h", "..": "i", ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n",
    "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t", "..-": "u",
    "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z", "-----": "0", ".----": "1",
    "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6", "--...": "7",
    "---..": "8", "----.": "9",
}  # fmt: skip
_MORSE_RUN = re.compile(r"(?<!\S)[.-]{1,6}(?: (?:/ )?[.-]{1,6}){3,}(?!\S)")
_MORSE_GROUP = re.compile(r"[.-]+(?: / | )?|/ ")  # a letter and the gap after it
# A card copied one group per line ("4539\n2061\n7704\n1287", or one or two groups a line:
# "5412 7534\n1208\n9919"): four groups of four digits whose sixteen pass the Luhn check and
# open like a card (2-6) become one line, groups spaced.
_CARD_BY_LINES = re.compile(
    r"(?m)^[ \t]*[2-6]\d{3}(?:[ \t]+\d{4})?[ \t]*(?:\r?\n[ \t]*\d{4}(?:[ \t]+\d{4})?[ \t]*){1,3}"
    r"(?=\r?$)"
)
# The same groups as the values of a JSON object's fields ('{"cc_part1":"5379","cc_part2":
# "8410",...'): what lies between two groups becomes a blank.
_FIELD_KEY = re.compile(r'"([A-Za-z_][\w-]{0,20})"[ \t]*:')
_CARD_BY_FIELDS = re.compile(
    r'"[2-6]\d{3}"(?:[ \t]*,[ \t]*"[A-Za-z_][\w-]{0,20}"[ \t]*:[ \t]*"\d{4}"){3}'
)
# Single digits with a mark between each two, blanks around some ("4 . 8 . 2 / 3 . 3 / 9 . 0 .
# 1 . 7"): eight or more; the dots and their blanks go, a slash becomes a hyphen between groups.
# Written without blanks they are an address, an OID or a clause ("1.1.1.1/1.0.0.1").
_DIGITS_BY_MARKS = re.compile(r"(?<![\w./])\d(?:[ ]?[./][ ]?\d){7,}(?![\w./])")
_MARK = re.compile(r"[ ]?([./])[ ]?")
# Ports, prices, rooms one per line count by a step ("3000\n3001\n..."); a card's groups say
# "card", "cvv" or "exp" near them.
_CARD_CUE = re.compile(
    r"\b(?:card|cards|visa|master ?card|amex|cc|cvv|cvc|exp|expiry|expires|credit|debit|tarjeta"
    r"|carte|karte|cart[ãa]o|carta|kaart|karta|kart)(?![a-z])|卡",  # not "Cardiff", "export"
    re.IGNORECASE,
)
# How cards open: Visa 4, Mastercard 51-55 and 2221-2720, Discover 6011, 644-649 and 65,
# JCB 3528-3589, UnionPay 62 (bus times "2155 2205" and invoice numbers do not).
_CARD_OPENING = re.compile(
    r"4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|6011|64[4-9]|65|35(?:2[89]|[3-8]\d)|62"
)
_CARD_CUE_REACH = 100
_CARD_BY_LINES_HINT = re.compile(r"\d{4}[ \t]*\r?\n[ \t]*\d{4}")
_GROUP = re.compile(r"(?<!\w)\d{4}(?!\w)")  # a card's group, not a key's digits
# Digits with a filler letter between each two ("4 x 2 x 9 x - x 6 x 1 x ..., ignore the x's"):
# one letter throughout, eight or more digits, not in ascending order (a product's factors);
# the letters and their blanks go.
_FILLED = re.compile(
    r"(?<!\S)[\d-](?P<gap> (?P<f>[A-Za-z]) )[\d-](?: (?P=f) [\d-]){6,}(?=[,.;:!?)]*(?:\s|$))"
)
_FILLED_HINT = re.compile(r"\d ([A-Za-z]) [\d-] \1 [\d-] \1 ")
_FILLED_DIGITS = 8
# Text written as escapes ("\\u0035\\u0034\\u0031\\u002d..." is "541-", "\\x41\\x42"): four or
# more in a row, each printable ASCII once decoded.
# HTML's numeric entities ("&#x6c;&#x69;", "&#108;") and URL escapes ("%35%34") the same way.
# Runs may be grouped by single blanks or hyphens, as the number they spell is ("&#48;&#55;&#57;
# &#52;&#56;&#50;" is "079 482"): the blanks stay.
_SLASH_ESCAPE = r"(?:\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2})"
_ENTITY = r"(?:&#[xX][0-9a-fA-F]{1,4};|&#\d{1,5};)"
_PERCENT = r"%[0-9a-fA-F]{2}"
_ESCAPES = re.compile(
    "|".join(f"{e}(?:[ -]?{e}){{3,}}" for e in (_SLASH_ESCAPE, _ENTITY, _PERCENT))
)
_ESCAPE = re.compile(
    r"\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})|&#(?:[xX](?P<hex>[0-9a-fA-F]{1,4})|(?P<dec>\d{1,5}));"
    r"|%(?P<pct>[0-9a-fA-F]{2})"
)
# Single digits with an odd mark between each two ("5~2~3-4~1-8~8~0~6", "4^1^7"), hyphens
# mixed in: seven or more digits, not of 0 and 1 alone (a bit pattern) nor counting up (a
# keypad's layout); the odd marks go, the hyphens stay (an SSN's own shape). "|" is left out:
# tables, Gray codes and regular expressions write digits between bars.
_DIGITS_BY_ODD_MARKS = re.compile(r"(?<![\w~^-])\d(?:[~^-]\d){6,}(?![\w~^-])")
_ODD_MARK_HINT = re.compile(r"\d[~^]\d[~^-]\d")
# A value split over string literals joined by "+" ('"+1 (415) " + "882" + "-" + "1907"'): the
# quotes and the plus signs between two literals go, as the program would join them.
_JOINED_LITERALS = re.compile(
    r'"[^"\n\\]{0,40}"(?:[ \t]*\+[ \t]*"[^"\n\\]{0,40}"){2,}'
    r"|'[^'\n\\]{0,40}'(?:[ \t]*\+[ \t]*'[^'\n\\]{0,40}'){2,}"
)
_JOIN = re.compile(r"[\"'][ \t]*\+[ \t]*[\"']")  # also the cheap test for the literals
# A number's groups as the items of a JSON array or the values of fields that count parts of
# one thing ('"ssn": ["523", "41", "8806"]', '"tel_1":"415","tel_2":"882","tel_3":"1907"'): two
# to five groups, seven to nineteen digits, joined by hyphens for the patterns to read.
# The key must name a number a person has (not "codes", "sizes", "q1"): an array's key, or the
# stem the fields' keys share.
_NUMBER_KEY = re.compile(
    r"(?<![A-Za-z])(?:ssn|social|tel|phone|mobile|cell|fax|card|cc|acct|account|iban|routing"
    r"|sort_?code|sin|nin|tin|passport|licen[cs]e|dni|cpf|nif|pesel|aadhaar|tax_?id"
    r"|national_?id|id_?number|member|policy)(?!(?-i:[a-z]))",  # "phoneNumber", not "hotel"
    re.IGNORECASE,
)
_DIGITS_BY_FIELDS = re.compile(
    r'"\d{2,7}"(?:[ \t]*,[ \t]*(?:"[A-Za-z_][\w-]{0,20}"[ \t]*:[ \t]*)?"\d{2,7}"){1,4}'
)
_QUOTED_DIGITS = re.compile(r'"(\d+)"')
# What numbers a field's part ("tel_1", "ssn_first", "ssnMid", "phone_last"): the stem before it
# is the key the fields share.
_PART_SUFFIX = re.compile(r"[_-]?(?:\d+|first|mid|middle|last|part\d*)$", re.IGNORECASE)
_LAST_KEY = re.compile(_FIELD_KEY.pattern + r"[ \t]*$")  # the key right before a value
_ARRAY_KEY = re.compile(_FIELD_KEY.pattern + r"[ \t]*\[[ \t]*$")  # an array's key
# Digits typed one per bracket ("[5][8][0][3][1][1]", "(4)(4)(7)(1)"): the brackets go.
_BRACKETED_DIGITS = re.compile(r"(?:\[\d\]){4,}|(?:\(\d\)){4,}")
_AT_PIECE = re.compile(_AT, re.IGNORECASE)
_DOT_PIECE = re.compile(_DOT, re.IGNORECASE)
# Cheap tests that a text can hold a spelled number or e-mail at all: the full patterns above
# backtrack from every word, and even a one-regex prefilter cost about 45 us per 512 tokens of
# prose that holds neither. A digit word or "at" the full patterns match is a whole run of
# word characters, so listing the runs (in C) and counting digit words accepts every text the
# full patterns match, and more.
# A word, with the vowel signs of Indic and Thai scripts (which \w leaves out: "तीन", "पांच").
_WORDISH = re.compile(r"[\w\u0900-\u0dff\u0e00-\u0e7f]+")
_LETTERS_OF_A_WORD = re.compile(r"(?:[^\W\d_]|[\u0900-\u0dff\u0e00-\u0e7f])+")
_DOMAIN_END = re.compile(rf"(?:(?:{_DOT_WORDS})[\])]?\s*|\.)(?:{_TLD})\b", re.IGNORECASE)
_AT_WORD_SET = frozenset(_AT_WORDS.split("|"))


def _spelled_hints(text: str) -> tuple[bool, bool, bool]:
    """(may hold a spelled number, may hold a spelled e-mail, may hold a word read in a
    spelling alphabet): never False where the full pattern finds one."""
    words = _WORDISH.findall(text.lower())
    digits = sum(map(DIGIT_WORDS.__contains__, words))
    letters = sum(map(_SPELLING_ONLY.__contains__, words))
    email = not _AT_WORD_SET.isdisjoint(words) and _DOMAIN_END.search(text) is not None
    number = digits >= 4 and _longest_run(words, DIGIT_WORDS) >= 4
    spelling = letters >= _LETTERS_NEEDED and letters + digits >= 4
    return number, email, spelling and _longest_run(words, _RUN_WORDS) >= 4


_RUN_WORDS = frozenset(DIGIT_WORDS) | frozenset(SPELLING_WORDS)


def _longest_run(words: list[str], counted: frozenset[str] | dict[str, str]) -> int:
    """The most ``counted`` words in a row, joiners between them skipped: "char" four times in
    a page of C is no number read out (the full pattern, run on every such page, cost more)."""
    best = run = 0
    for word in words:
        if word in counted:
            run += 1
            best = max(best, run)
        elif word not in DIGIT_JOINERS:
            run = 0
    return best


@dataclasses.dataclass(frozen=True)
class Normalised:
    """``text[i]`` comes from ``original[starts[i]:ends[i]]``."""

    original: str
    text: str
    starts: Sequence[int]  # a tuple, or a range for the identity map (nothing to build)
    ends: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of normalised ``[start, end)`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]

    @property
    def identity(self) -> bool:
        return self.text is self.original


def _identity(text: str) -> Normalised:
    n = len(text)
    return Normalised(text, text, range(n), range(1, n + 1))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Cyrillic and Greek letters drawn like Latin ones ("jоhn@gmаil.com" with Cyrillic о and а):
# inside a word that also holds Latin letters they become those Latin letters. Words of one
# script (Russian, Greek text) are left alone.
HOMOGLYPHS = dict(
    zip(
        "аеорсухіјѕԁАВЕКМНОРСТХІЈЅοαρνκιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdABEKMHOPCTXIJSoapvkiABEZHIKMNOPTYX",
        strict=True,
    )
)
_MIXED_WORD = re.compile(r"[^\s]*[A-Za-z][^\s]*")
_HOMOGLYPH_SET = frozenset(HOMOGLYPHS)
# Emoji or pictographs between digit groups ("07512 🌸 024 🌸 194"), or a middle dot or bullet
# right between them ("4523·4061·2296·5055"): a separator, like a space.
_EMOJI_BETWEEN_DIGITS = re.compile(
    r"(?<=\d)[·•∙⋅‧・](?=\d)"  # a dot with no blanks: a list's bullets have them ("04 · 11")
    r"|(?<=\d)[^\S\n]*(?:[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d]?){1,3}"
    r"[^\S\n]*(?=\d)"
)


# Marks that dress a digit as an emoji ("4\ufe0f\u20e3" is the keycap 4): dropped like format
# characters.
_DIGIT_DRESS = frozenset("\ufe0e\ufe0f\u20e3")


@functools.lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    if unicodedata.category(ch) == "Cf" or ch in _DIGIT_DRESS:
        return ""
    if ch.isdecimal() and not ch.isascii():
        return str(unicodedata.decimal(ch))
    return unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch


def _unicode_char(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Only characters that change become pieces: accented letters (the common case) stay."""
    new = _char(m.group())
    return [] if new == m.group() else [(m.start(), m.end(), new)]


def _substitute(norm: Normalised, pattern: re.Pattern[str], replace) -> Normalised:
    """Rewrite each match of ``pattern`` in ``norm.text`` with ``replace(match)``: a list of
    (normalised start, normalised end, new text) pieces inside the match. Each new character
    maps to the original range of the piece it replaces."""
    pieces: list[tuple[int, int, str]] = []
    for m in pattern.finditer(norm.text):
        pieces.extend(replace(m))
    if not pieces:
        return norm
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for b, e, new in pieces:
        text.append(norm.text[pos:b])
        starts.extend(norm.starts[pos:b])
        ends.extend(norm.ends[pos:b])
        s, t = norm.to_original(b, e)
        text.append(new)
        starts.extend([s] * len(new))
        ends.extend([t] * len(new))
        pos = e
    text.append(norm.text[pos:])
    starts.extend(norm.starts[pos:])
    ends.extend(norm.ends[pos:])
    return Normalised(norm.original, "".join(text), tuple(starts), tuple(ends))


# A comma, or a dash with blanks around it, between the words of a number read out ends a group
# ("five two nine, four four, eight one zero six": an SSN's 529 44 8106). A dash between every
# word ("três-um-nove") and a list counted out ("one, two, three, four") are no groups.
_GROUP_BREAK = re.compile(r",|\s[-–—]\s")


def _spelled_digits(m: re.Match[str]) -> list[tuple[int, int, str]]:
    pieces: list[tuple[int, int, str]] = []
    gaps = []
    pos = m.start()
    for word in _LETTERS_OF_A_WORD.finditer(m.group()):
        b, e = m.start() + word.start(), m.start() + word.end()
        if b > pos:
            gaps.append(len(pieces))
            pieces.append((pos, b, ""))  # the separator goes
        pieces.append((b, e, DIGIT_WORDS.get(word.group().lower(), "")))  # a joiner goes
        pos = e
    breaks = [i for i in gaps if _GROUP_BREAK.search(m.string[pieces[i][0] : pieces[i][1]])]
    if breaks and len(breaks) < len(gaps):
        for i in breaks:
            pieces[i] = (pieces[i][0], pieces[i][1], " ")
    return pieces


def _spelled_letters(m: re.Match[str]) -> list[tuple[int, int, str]]:
    words = list(_LETTERS_OF_A_WORD.finditer(m.group()))
    if sum(w.group().lower() in _SPELLING_ONLY for w in words) < _LETTERS_NEEDED:
        return []  # digit words alone: _spelled_digits reads them
    pieces = []
    pos = m.start()
    for word in words:
        b, e = m.start() + word.start(), m.start() + word.end()
        if b > pos:
            pieces.append((pos, b, ""))  # the separator goes
        low = word.group().lower()
        pieces.append((b, e, SPELLING_WORDS.get(low) or DIGIT_WORDS.get(low, "")))
        pos = e
    return pieces


def _cjk_digits(m: re.Match[str]) -> list[tuple[int, int, str]]:
    pieces = []
    for i, ch in enumerate(m.group()):
        pieces.append((m.start() + i, m.start() + i + 1, CJK_DIGITS.get(ch, "")))
    return pieces


def _korean_digits(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Digits for the syllables; the spaces between groups stay (a phone's grouping)."""
    return [
        (m.start() + i, m.start() + i + 1, KOREAN_DIGITS.get(ch, ch))
        for i, ch in enumerate(m.group())
    ]


def _look_alike_digits(m: re.Match[str]) -> list[tuple[int, int, str]]:
    value = m.group()
    if sum(ch.isdigit() for ch in value) < _MIN_REAL_DIGITS:
        return []  # "lOOl 0000 ..." or a word: not a number typed with a few slips
    return [
        (m.start() + i, m.start() + i + 1, _LOOK_ALIKES[ch])
        for i, ch in enumerate(value)
        if ch in _LOOK_ALIKES
    ]


def _may_be_spaced_out(text: str) -> bool:
    return (
        ("-" in text or "_" in text or "·" in text)
        and _SPACED_HINT.search(text) is not None
        and _SPACED_OUT.search(text) is not None
    )


def _latin_look_alikes(m: re.Match[str]) -> list[tuple[int, int, str]]:
    return [
        (m.start() + i, m.start() + i + 1, HOMOGLYPHS[ch])
        for i, ch in enumerate(m.group())
        if ch in HOMOGLYPHS
    ]


def _joined(m: re.Match[str]) -> list[tuple[int, int, str]]:
    sep = m.group("sep")
    chars = m.group().replace(" ", "").replace("\n", "")
    if sep == "\n" and chars.isdigit() and _counts_up([int(c) for c in chars]):
        return []  # a program's count, one number per line ("0\n1\n2 ... 9")
    others = {c for c in chars if not c.isdigit()}
    if (
        sep == " "
        and sum(c.isdigit() for c in chars) >= _MOSTLY_DIGITS * len(chars)
        and not (others and others <= _NUMBER_PUNCTUATION)
    ):
        # "0 1 2 3 4 5 6 7 8 9", a card typed digit by digit: the patterns read those. With its
        # dashes typed out too ("5 4 7 - 2 0 - 8 8 1 3") it is joined: an SSN's own shape.
        return []
    return [(m.start() + i, m.start() + i + 1, "") for i, ch in enumerate(m.group()) if ch == sep]


def _counts_up(digits: list[int]) -> bool:
    """Each digit is the one before plus one, 9 then 0 ("0 1 2 ... 9", a keypad's 1-9-0)."""
    return all((b - a) % 10 == 1 for a, b in itertools.pairwise(digits))


def _by_one_step(numbers: list[int]) -> bool:
    """Three numbers or more counted by one step (ports, rooms, years: 3000, 3001, 3002)."""
    return len(numbers) > 2 and len({b - a for a, b in itertools.pairwise(numbers)}) == 1


def _a_card(m: re.Match[str]) -> bool:
    """Four groups of four digits that read as a card: not counted by a step (ports, rooms), a
    card's word near them, the Luhn check passed."""
    found = _GROUP.findall(m.group())
    groups = [int(g) for g in found]
    near = m.string[max(0, m.start() - _CARD_CUE_REACH) : m.end() + _CARD_CUE_REACH // 2]
    digits = "".join(found)  # not the digits of the fields' keys ("cc_part2")
    if len(groups) != 4 or _by_one_step(groups) or not _CARD_OPENING.match(digits):
        return False
    return _CARD_CUE.search(near) is not None and luhn_valid(digits)


def _card_lines(m: re.Match[str]) -> list[tuple[int, int, str]]:
    if not _a_card(m):
        return []
    return [
        (m.start() + i, m.start() + i + 1, " " if ch == "\n" else "")
        for i, ch in enumerate(m.group())
        if ch in "\r\n"
    ]


def _card_fields(m: re.Match[str]) -> list[tuple[int, int, str]]:
    # the keys count parts of one thing ("cc_part2", "cc_part3", ...), or name a card
    stems = {k.rstrip("0123456789") for k in _FIELD_KEY.findall(m.group())}
    if not (len(stems) == 1 or all(_CARD_CUE.search(k) for k in stems)) or not _a_card(m):
        return []
    groups = list(_GROUP.finditer(m.group()))
    return [
        (m.start() + a.end(), m.start() + b.start(), " ")
        for a, b in zip(groups, groups[1:], strict=False)
    ]


def _unmarked(m: re.Match[str]) -> list[tuple[int, int, str]]:
    if " " not in m.group():
        return []  # "1.1.1.1/1.0.0.1", an OID, a clause's number: written so, not spaced out
    return [
        (m.start() + k.start(), m.start() + k.end(), "-" if k.group(1) == "/" else "")
        for k in _MARK.finditer(m.group())
    ]


def _unfilled(m: re.Match[str]) -> list[tuple[int, int, str]]:
    value = m.group()
    digits = [ch for ch in value if ch.isdigit()]
    if len(digits) < _FILLED_DIGITS or digits == sorted(digits):
        return []  # a product's factors in order ("2 x 2 x 2 x 3 x 3 x 5 ..."), not a number
    if m.string.startswith(("=", " ="), m.end()):
        return []
    return [(m.start() + i, m.start() + i + 3, "") for i in range(1, len(value), 4)]


def _unescaped(m: re.Match[str]) -> list[tuple[int, int, str]]:
    pieces = []
    for e in _ESCAPE.finditer(m.group()):
        if e.group("dec"):
            code = int(e.group("dec"))
        else:
            code = int(e.group("hex") or e.group("pct") or e.group()[2:], 16)
        if not 0x20 <= code < 0x7F:
            return []
        pieces.append((m.start() + e.start(), m.start() + e.end(), chr(code)))
    return pieces


def _utf8_characters(codes: list[int]) -> list[tuple[int, int, str]] | None:
    """(first byte, byte count, character) of each character ``codes`` spell in UTF-8 ("c3 a9"
    is "é"), or None when a byte is no printable text's (a control code, a bad sequence)."""
    out = []
    i = 0
    while i < len(codes):
        lead = codes[i]
        size = 1 if lead < 0x80 else 2 if 0xC2 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else 4
        try:
            ch = bytes(codes[i : i + size]).decode("utf-8")
        except UnicodeDecodeError:
            return None
        if len(ch) != 1 or not (ch.isprintable() or ch == " "):
            return None
        out.append((i, size, ch))
        i += size
    return out


def _hex_decoded(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Each character the bytes spell in UTF-8 replaces its bytes (mapping back to their
    digits and the space after each), if the run has a hex letter and decodes to printable
    text (spaces too: "4a 61 6d 69 65 20 52 6f 73 73" is a name; "50 c3 a9 72 65 7a" is
    "Pérez") with four letters or digits; else nothing changes."""
    value = m.group()
    codes = [int(b, 16) for b in value.split()]
    chars = _utf8_characters(codes) if _HEX_LETTER.search(value) else None
    if chars is None or sum(ch.isalnum() for _, _, ch in chars) < 4:
        return []  # "20 2d 20 2e 20 2b": blanks and marks
    return [(m.start() + 3 * i, m.start() + min(3 * (i + n), len(value)), ch) for i, n, ch in chars]


def _hex_run_decoded(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Each pair of hex digits becomes its character, if all are printable ASCII (spaces
    too), the run has a hex letter and the text has a letter or digit; else nothing changes."""
    value = m.group()
    codes = [int(value[i : i + 2], 16) for i in range(0, len(value), 2)]
    if not _HEX_LETTER.search(value) or not all(0x20 <= c < 0x7F for c in codes):
        return []
    if sum(chr(c).isalnum() for c in codes) < 4:
        return []
    return [(m.start() + 2 * i, m.start() + 2 * i + 2, chr(c)) for i, c in enumerate(codes)]


def _morse_decoded(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Each letter becomes its character (mapping back to its dots, dashes and the gap after),
    if every group is a letter or digit; "/" between words goes."""
    pieces = []
    for g in _MORSE_GROUP.finditer(m.group()):
        symbol = g.group().strip(" /")
        if symbol and symbol not in MORSE:
            return []
        pieces.append((m.start() + g.start(), m.start() + g.end(), MORSE.get(symbol, "")))
    return pieces


def _odd_marks_dropped(m: re.Match[str]) -> list[tuple[int, int, str]]:
    digits = [int(ch) for ch in m.group() if ch.isdigit()]
    if set(digits) <= {0, 1} or _counts_up(digits):
        return []
    return [(m.start() + i, m.start() + i + 1, "") for i, ch in enumerate(m.group()) if ch in "~^"]


def _literals_joined(m: re.Match[str]) -> list[tuple[int, int, str]]:
    return [(m.start() + j.start(), m.start() + j.end(), "") for j in _JOIN.finditer(m.group())]


def _digit_fields_joined(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """What lies between two groups becomes a hyphen, if the key before the array, or the stem
    the fields' keys share, names a number (``_NUMBER_KEY``) and the groups are no count by a
    step ("2019", "2020", "2021")."""
    keys = _FIELD_KEY.findall(m.group())
    # the first group's key, before the match (an array's: '"ssn": [')
    owner = (_LAST_KEY if keys else _ARRAY_KEY).search(m.string, max(0, m.start() - 40), m.start())
    keys.append(owner.group(1) if owner is not None else "")
    stems = {_PART_SUFFIX.sub("", k) for k in keys}
    if len(stems) != 1 or not _NUMBER_KEY.search(stems.pop()):
        return []
    groups = list(_QUOTED_DIGITS.finditer(m.group()))
    digits = sum(len(g.group(1)) for g in groups)
    if not 7 <= digits <= 19:
        return []
    if _by_one_step([int(g.group(1)) for g in groups]):
        return []
    return [
        (m.start() + a.end(1), m.start() + b.start(1), "-")
        for a, b in zip(groups, groups[1:], strict=False)
    ]


def _unbracketed(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Each "[5]" becomes "5", which maps back to all three characters."""
    at, value = m.start(), m.group()
    return [(at + i, at + i + 3, value[i + 1]) for i in range(0, len(value), 3)]


# The forms that write whole words in code (escapes, hex bytes, a hex run), for readers that
# look for a name hidden in one (``near_name.encoded_name_spans``).
ENCODED_FORMS = (_ESCAPES, _HEX_BYTES, _HEX_RUN)


# Words and numbers typed to dodge a reader, in the order they are undone.
_TYPED_FORMS = (
    (_FILLED, _unfilled),  # before its blanks read as a word spaced out
    (_SPACED_BY_SPACES, _joined),
    (_ESCAPES, _unescaped),
    (_HEX_BYTES, _hex_decoded),
    (_HEX_RUN, _hex_run_decoded),
    (_MORSE_RUN, _morse_decoded),
    (_BRACKETED_DIGITS, _unbracketed),
    (_DIGITS_BY_ODD_MARKS, _odd_marks_dropped),
    (_SPACED_BY_LINES, _joined),
    (_CARD_BY_LINES, _card_lines),
    (_CARD_BY_FIELDS, _card_fields),
    (_DIGITS_BY_FIELDS, _digit_fields_joined),  # after a card's
    (_JOINED_LITERALS, _literals_joined),
)


def _spelled_email(m: re.Match[str]) -> list[tuple[int, int, str]]:
    pieces = []
    for piece, symbol in ((_AT_PIECE, "@"), (_DOT_PIECE, ".")):
        for p in piece.finditer(m.group()):
            pieces.append((m.start() + p.start(), m.start() + p.end(), symbol))
    return sorted(pieces)


# Windows up to this long are remembered (the last MEMO_WINDOWS): the tier-1 recognizers each
# normalise the same window. Longer ones are not, so the memory held stays small.
MEMO_CHARS = 8192
MEMO_WINDOWS = 64


def normalise(text: str) -> Normalised:
    """The normalised text and its map back to ``text``; ``text`` itself (identity) when no
    step changes anything, the common case."""
    return _remembered(text) if len(text) <= MEMO_CHARS else _normalise(text)


def _normalise(text: str) -> Normalised:
    if text.isascii():
        number, email, spelling = _spelled_hints(text)
        look_alike = _LOOK_ALIKE_GROUPS.search(text) is not None
        spaced = _may_be_spaced_out(text)
        typed = _typed_forms(text)
        marked = _marked_digits(text)
        if not (number or email or spelling or look_alike or spaced or marked or any(typed)):
            return _identity(text)
        norm = _identity(text)
    else:
        norm = _substitute(_identity(text), _NON_ASCII, _unicode_char)
        if not _HOMOGLYPH_SET.isdisjoint(norm.text):
            norm = _substitute(norm, _MIXED_WORD, _latin_look_alikes)
        if _EMOJI_BETWEEN_DIGITS.search(norm.text):
            norm = _substitute(norm, _EMOJI_BETWEEN_DIGITS, lambda m: [(m.start(), m.end(), " ")])
        number, email, spelling = _spelled_hints(norm.text)
        if _CJK_NUMBER.search(norm.text):
            norm = _substitute(norm, _CJK_NUMBER, _cjk_digits)
        if _KOREAN_NUMBER.search(norm.text):
            norm = _substitute(norm, _KOREAN_NUMBER, _korean_digits)
        look_alike = _LOOK_ALIKE_GROUPS.search(norm.text) is not None
        spaced = _may_be_spaced_out(norm.text)
        typed = _typed_forms(norm.text)
        marked = _marked_digits(norm.text)
    if look_alike:
        norm = _substitute(norm, _LOOK_ALIKE_GROUPS, _look_alike_digits)
    if marked:  # before the blanks of a spaced-out word go
        norm = _substitute(norm, _DIGITS_BY_MARKS, _unmarked)
    if spaced:
        norm = _substitute(norm, _SPACED_OUT, _joined)
    for present, (pattern, replace) in zip(typed, _TYPED_FORMS, strict=True):
        if present:
            norm = _substitute(norm, pattern, replace)
    if spelling:
        norm = _substitute(norm, _SPELLED_RUN, _spelled_letters)
        number = _spelled_hints(norm.text)[0]
    if number:
        norm = _substitute(norm, _SPELLED_NUMBER, _spelled_digits)
        email = _spelled_hints(norm.text)[1]
    if email:
        norm = _substitute(norm, _SPELLED_EMAIL, _spelled_email)
    if norm.text == text:
        return _identity(text)
    return norm


def hides_words(text: str) -> bool:
    """``text`` may hold words that normalising changes: typed to dodge a reader (one
    character at a time, hex bytes, Morse), or, in text that is not ASCII, with format
    characters, full-width forms or look-alike letters (normalised, memoised)."""
    if not text.isascii():
        return not normalise(text).identity
    return _may_be_spaced_out(text) or _marked_digits(text) or any(_typed_forms(text))


def _typed_forms(text: str) -> tuple[bool, ...]:
    """Whether ``text`` may hold each of ``_TYPED_FORMS``: a cheap test first (a literal or a
    short pattern with no look-behind), the full pattern only where it passes."""
    return (
        _FILLED_HINT.search(text) is not None and _FILLED.search(text) is not None,
        _SPACED_BY_SPACES_HINT.search(text) is not None
        and _SPACED_BY_SPACES.search(text) is not None,
        ("\\u" in text or "\\x" in text or "&#" in text or "%" in text)
        and _ESCAPES.search(text) is not None,
        _HEX_HINT.search(text) is not None and _HEX_BYTES.search(text) is not None,
        _HEX_RUN_HINT.search(text) is not None and _HEX_RUN.search(text) is not None,
        ("-." in text or ".-" in text) and _MORSE_RUN.search(text) is not None,
        ("][" in text or ")(" in text) and _BRACKETED_DIGITS.search(text) is not None,
        _ODD_MARK_HINT.search(text) is not None and _DIGITS_BY_ODD_MARKS.search(text) is not None,
        _SPACED_BY_LINES_HINT.search(text) is not None
        and _SPACED_BY_LINES.search(text) is not None,
        _CARD_BY_LINES_HINT.search(text) is not None and _CARD_BY_LINES.search(text) is not None,
        ('":' in text or '" :' in text) and _CARD_BY_FIELDS.search(text) is not None,
        '",' in text and _DIGITS_BY_FIELDS.search(text) is not None,
        _JOIN.search(text) is not None and _JOINED_LITERALS.search(text) is not None,
    )


def _marked_digits(text: str) -> bool:
    return (" . " in text or " / " in text) and _DIGITS_BY_MARKS.search(text) is not None


_remembered = functools.lru_cache(maxsize=MEMO_WINDOWS)(_normalise)


def find_normalised(
    text: str, start: int, end: int, reach: int, find: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Run ``find`` on the normalised ``text[start - reach : end]`` (reading back ``reach``
    characters, so a word just before the judged range still names a value in it) and return
    its spans as original offsets, those overlapping ``[start, end)``."""
    offset = max(0, start - reach)
    norm = normalise(text[offset:end])
    found = []
    for b, e in find(norm.text):
        ob, oe = norm.to_original(b, e)
        ob, oe = ob + offset, oe + offset
        if oe > start and ob < end:
            found.append((ob, oe))
    return found
