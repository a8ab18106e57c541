"""Normalisation before matching: evasive spellings become plain, offsets map back exactly."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.normalise import (
    _BRACKETED_DIGITS,
    _HEX_BYTES,
    _HEX_RUN,
    _MORSE_RUN,
    _SPACED_BY_LINES,
    _SPACED_BY_SPACES,
    _SPACED_OUT,
    MORSE,
    normalise,
)
from sglang_safekv.detect.tier1 import PatternRecognizer

# Text drawn from what evasions use: digits of several scripts, full-width forms, format
# characters, separators, digit words, "at"/"dot".
ALPHABET = st.sampled_from(
    list("0123456789 .-_@abcXYZ")
    + ["\u200b", "\u200d", "\u00ad", "\ufeff", "\uff11", "\uff20", "\u0663", "\u096b", "\ufb01"]
    + [" one", " two", " nine", " zero", " at ", " dot ", "é", "中"]
    + [" uno", " dos", " drei", " três", " sept", "一", "五", "零", "\U0001d7d6"]
    + ["\n", " uh", " - "]
)
texts = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_normalised_character_maps_into_its_source(text):
    norm = normalise(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i, ch in enumerate(norm.text):
        b, e = norm.starts[i], norm.ends[i]
        assert 0 <= b < e <= len(text)
        if ch.isascii() and ch.isalnum():  # a digit or letter comes from its own source
            source = text[b:e]
            nfkc = unicodedata.normalize("NFKC", source)
            assert (
                ch in nfkc
                or any(c.isdecimal() and unicodedata.decimal(c) == int(ch) for c in source)
                or source.strip().isalpha()  # a digit word or "at"/"dot"
                or source.strip("[]()") == ch  # "[5]"
                or (len(source.strip()) == 2 and int(source, 16) == ord(ch))  # hex "54 "
                or MORSE.get(source.strip(" /")) == ch  # "-.... "
            )
    assert list(norm.starts) == sorted(norm.starts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_plain_ascii_without_spelled_words_is_untouched(text):
    assume(_SPACED_OUT.search(text) is None)  # "M-a-p-l-e" is a word spelled out
    assume(_SPACED_BY_SPACES.search(text) is None)  # "p l u m t r e e"
    assume(_MORSE_RUN.search(text) is None and _HEX_BYTES.search(text) is None)
    assume(_HEX_RUN.search(text) is None)  # "2b3120343135..." is text in hex
    assume(_BRACKETED_DIGITS.search(text) is None)
    assume(_SPACED_BY_LINES.search(text) is None)  # "Q\nu\ni\nn\nc\ne"
    norm = normalise(text)
    assert norm.text == text
    assert norm.to_original(0, len(text)) == (0, len(text)) if text else True


def test_evasions_normalise_to_the_plain_value():
    assert normalise("123\u200b-45\u200d-6789").text == "123-45-6789"
    assert normalise("\uff14\uff11\uff11\uff11").text == "4111"
    assert normalise("\u0664\u0661\u0665").text == "415"
    assert normalise("call four one five five five five one two").text == "call 41555512"
    assert normalise("jane dot doe at gmail dot com").text == "jane.doe@gmail.com"
    assert normalise("jane.doe [at] gmail [dot] com").text == "jane.doe@gmail.com"
    # "at" and "dot" spelled in other languages
    assert normalise("pablo punto ruiz arroba gmail punto com").text == "pablo.ruiz@gmail.com"
    assert normalise("anne point roy arobase orange point fr").text == "anne.roy@orange.fr"
    assert normalise("jan punkt kowalski małpa wp kropka pl").text == "jan.kowalski@wp.pl"
    assert normalise("ci vediamo al punto di ritrovo").text == "ci vediamo al punto di ritrovo"
    # digit words of Dutch, Polish, Turkish and Swedish; emoji between digit groups
    assert normalise("pincode negen nul vijf twee").text == "pincode 9052"
    assert normalise("PIN: osiem dwa siedem jeden").text == "PIN: 8271"
    assert normalise("şifre dört iki yedi sekiz").text == "şifre 4278"
    assert normalise("koden är fyra noll sju nio").text == "koden är 4079"
    assert normalise("call 07700 🌼 900 🌼 461").text == "call 07700 900 461"
    assert normalise("4111 ❤️ 1111 ❤️ 1111 ❤️ 1111").text == "4111 1111 1111 1111"
    assert normalise("5 ⭐ by 1200").text == "5 ⭐ by 1200"  # not between digits
    assert normalise("mi DNI es uno seis cero uno nueve").text == "mi DNI es 16019"
    assert normalise("手机号是一三八 一二七六 五五零九").text == "手机号是13812765509"
    assert normalise("번호는 공일공 칠삼팔이").text == "번호는 010 7382"
    assert normalise("이사 삼일 후").text == "이사 삼일 후"  # words, not a read-out number
    assert normalise("이 일이 이사 오일 사이에").text == "이 일이 이사 오일 사이에"
    assert normalise("PIN \U0001d7d6\U0001d7d1").text == "PIN 83"
    assert normalise("café crème").text == "café crème"


def test_spans_found_on_normalised_text_cover_exactly_the_original_value():
    recognizer = PatternRecognizer(engine="re")
    value = "0\u200c2\u20607\u200b-1\u00ad6-3\u200d932"
    text = f"My SSN is {value}, thanks."
    spans = [s for s in recognizer.scan(text) if s.category is Category.GOV_ID and s.score >= 0.5]
    assert spans and (spans[0].start, spans[0].end) == (text.index("0"), text.index("2,") + 1)
    spelled = "reach me at jane dot doe at gmail dot com today"
    (email,) = [s for s in recognizer.scan(spelled) if s.category is Category.EMAIL]
    assert spelled[email.start : email.end] == "jane dot doe at gmail dot com"


SPELLED = st.lists(
    st.sampled_from(
        [" one", " Two", " NINE", " oh", ",", "-", " at ", " [at] ", "(dot)", " dot ", " Dot ",
         ".", "com", "org", "jane", "x", "\n", "ATM", "done", "often", "\u2013", "_", "\u00e9",
         " Otto", " alfa", " Nordpol", " lima", " Bravo", " null"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


_WORD = st.sampled_from(["jane", "x", "Doe", "mail", "ATM", "often", "one"])
_AT = st.sampled_from([" at ", " [at] ", "(at)", " AT ", " (at) ", "at"])
_DOT = st.sampled_from([" dot ", " [dot] ", "(dot)", ".", " Dot ", "dot"])
_EMAIL = st.tuples(
    _WORD, _DOT, _WORD, _AT, _WORD, _DOT, st.sampled_from(["com", "io", "de", "xyz"])
)
_NUMBER = st.tuples(
    st.lists(st.sampled_from(["one", "Two", "nine", "oh", "zero", "ten"]), min_size=1, max_size=6),
    st.sampled_from([" ", ", ", "-", ""]),
).map(lambda t: t[1].join(t[0]))


@settings(max_examples=400, deadline=None)
@given(st.tuples(SPELLED, st.one_of(_EMAIL.map("".join), _NUMBER), SPELLED).map("".join))
def test_the_cheap_checks_never_skip_a_spelled_number_or_email(text):
    """The prefilters may only say "no" where the full patterns find nothing."""
    from sglang_safekv.detect import normalise as n

    number, email, spelling = n._spelled_hints(text)
    assert number or not n._SPELLED_NUMBER.search(text)
    assert email or not n._SPELLED_EMAIL.search(text)
    assert spelling or not any(n._spelled_letters(m) for m in n._SPELLED_RUN.finditer(text))


def test_only_short_windows_are_remembered():
    """Recognizers share one normalisation of a window; a long text is not kept in memory."""
    from sglang_safekv.detect import normalise as n

    short = "call one two three four five now, ＳＳＮ"
    assert n.normalise(short) is n.normalise(short)
    long_text = short * (n.MEMO_CHARS // len(short) + 1)
    first, again = n.normalise(long_text), n.normalise(long_text)
    assert first is not again and first == again
    assert first.text.startswith(n.normalise(short).text)


def test_a_card_number_typed_with_look_alike_letters_gets_its_digits_back():
    text = "does it still work? 4472 l853 O96l 742l"
    norm = normalise(text)
    assert norm.text.endswith("4472 1853 0961 7421")
    assert norm.to_original(len(norm.text) - 4, len(norm.text)) == (len(text) - 4, len(text))
    # words and version strings with a few of those letters stay as they are
    assert normalise("lOOl 0000 llll OOOO").text == "lOOl 0000 llll OOOO"


def test_keycaps_joiners_more_digit_words_and_spelled_out_words_normalise():
    # keycap emoji and circled digits
    assert normalise("PIN 4\ufe0f\u20e37\ufe0f\u20e31\ufe0f\u20e39\ufe0f\u20e3").text == "PIN 4719"
    assert normalise("code \u2460\u2468\u2466\u2462").text == "code 1973"
    # an ID read out with its separators named
    assert normalise(
        "cpf três-um-nove ponto oito-oito-dois ponto zero-quatro-um traço seis-sete"
    ).text == ("cpf 31988204167")
    # Vietnamese, Indonesian and Greek digit words (four or more in a run)
    assert normalise("mật khẩu là hai-không-không-chín").text == "mật khẩu là 2009"
    assert normalise("PIN saya enam dua satu delapan").text == "PIN saya 6218"
    assert normalise("κωδικός εννιά τέσσερα δύο ένα").text == "κωδικός 9421"
    assert normalise("ba năm một lần").text == "ba năm một lần"  # three words: not a number
    # a word typed one character at a time between hyphens
    assert normalise("p-a-s-s is M-a-p-l-e-9-9-!").text == "pass is Maple99!"
    assert normalise("a-b-c state-of-the-art 2024-01-02 e-mail").text == (
        "a-b-c state-of-the-art 2024-01-02 e-mail"
    )
    # ... or between spaces (six or more characters)
    assert normalise("p l u m t r e e 6 6 ! is it").text == "plumtree66! is it"
    assert normalise("m a r c o . v e l l a @ o u t l o o k . c o m").text == (
        "marco.vella@outlook.com"
    )
    assert normalise("pick a b c or d").text == "pick a b c or d"
    assert normalise("My wife has d e m e n t i a, sadly").text == "My wife has dementia, sadly"
    # mostly digits: a number, which the patterns read with its separators
    assert normalise("digits 0 1 2 3 4 5 6 7 8 9").text == "digits 0 1 2 3 4 5 6 7 8 9"
    assert normalise("to 4 5 3 2 0 1 5 1 1 2 8 3 0 3 6 6 a week").text == (
        "to 4 5 3 2 0 1 5 1 1 2 8 3 0 3 6 6 a week"
    )
    # digits one per bracket, hex bytes, Morse code
    assert normalise("code [5][8][0][3][1][1] now").text == "code 580311 now"
    assert normalise("arr[1][2] = 0").text == "arr[1][2] = 0"
    assert normalise("in hex: 54 61 6e 67 6f 21 37 37").text == "in hex: Tango!77"
    assert normalise("sizes 12 34 56 78 90 11").text == "sizes 12 34 56 78 90 11"  # no letter
    assert normalise("mac 00 1a 2b 3c 4d 5e").text == "mac 00 1a 2b 3c 4d 5e"  # not printable
    assert normalise("door: -.... ..--- ...-- ....-").text == "door: 6234"
    assert normalise("... --- ... help").text == "... --- ... help"  # three letters
    assert normalise("wait... -- ok").text == "wait... -- ok"
    # one character per line (six or more); a speaker's fillers inside a number read out
    assert normalise("pw:\nQ\nu\ni\nn\nc\ne\n7\n!\nthanks").text == "pw:\nQuince7!\nthanks"
    assert normalise("a\nb\nc\nd\ne\nok").text == "a\nb\nc\nd\ne\nok"  # five
    count = "out:\n" + "\n".join("0123456789") + "\n"  # a program's output counting
    assert normalise(count).text == count
    assert normalise("pin:\n5\n8\n0\n3\n1\n1\n").text == "pin:\n580311\n"
    assert normalise("card is four one one seven uh three eight two two").text == (
        "card is 41173822"
    )
    # digits typed apart with their dashes: the SSN's shape comes back
    assert normalise("SSN 5 4 7 - 2 0 - 8 8 1 3.").text == "SSN 547-20-8813."


def test_decoded_evasions_map_back_to_all_their_characters():
    norm = normalise("code [5][8][0][3] x")
    assert norm.text == "code 5803 x"
    assert norm.to_original(5, 9) == (5, 17)  # the first "[" to the last "]"
    norm = normalise("pw: 54 61 6e 67 6f 21")
    assert norm.text == "pw: Tango!"
    assert norm.to_original(4, 10) == (4, 21)


def test_hex_without_spaces_decodes_only_when_it_is_printable_text():
    # round 21 dev p189: a phone number stored hex-encoded
    norm = normalise("stored as 2b3120343135203730322038383431 in the export")
    assert norm.text == "stored as +1 415 702 8841 in the export"
    assert norm.to_original(10, 25) == (10, 40)
    # a commit, a digest and a key's random bytes stay as they are
    for text in (
        "commit 3f2a9c1e7b4d5a6f8e9d0c1b2a3f4e5d6c7b8a90",
        "sha256 ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
        "id 550e8400e29b41d4a716446655440000",
        "digits only 3431353730323838",  # no hex letter: a number, left to the patterns
    ):
        assert normalise(text).text == text


def test_a_middle_dot_between_digit_groups_is_a_separator():
    # round 21 dev p181
    assert normalise("card: 4523·4061·2296·5055").text == "card: 4523 4061 2296 5055"
    assert normalise("Crème brûlée · 12 €").text == "Crème brûlée · 12 €"
    # a list's bullets have blanks around them (review of stop 40)
    assert normalise("Lotto: 04 · 11 · 23 · 35").text == "Lotto: 04 · 11 · 23 · 35"


def test_cyrillic_and_greek_look_alikes_inside_latin_words_become_latin():
    assert normalise("mail jоhn.smіth@gmаil.com now").text == "mail john.smith@gmail.com now"
    assert normalise("pаsswоrd: Sunny").text == "password: Sunny"
    # words of one script stay as they are
    assert normalise("Мой email: ivan@mail.ru").text == "Мой email: ivan@mail.ru"
    assert normalise("ΑΦΜ σας: 044").text == "ΑΦΜ σας: 044"


def test_an_email_with_cyrillic_letters_is_found():
    spans = PatternRecognizer().scan("write to jоhn.smіth@gmаil.com please")
    assert any(s.category is Category.EMAIL for s in spans)


@pytest.mark.parametrize(
    ("said", "spelled"),
    [
        ("WLAN: Siegfried Otto Nordpol Nordpol Emil Null Neun", "SONNE09"),
        ("the code is bravo-seven-tango-four-four", "B7T44"),
        ("IBAN DE fünfundvierzig drei acht drei fünf", "45383 5"),
    ],
)
def test_words_of_a_spelling_alphabet_become_letters(said, spelled):
    from sglang_safekv.detect.normalise import normalise

    assert spelled.replace(" ", "") in normalise(said).text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "uno due otto otto",  # Italian digits: "otto" is 8 here
        "Anton und Dora trafen Emil",  # names joined by words: no run
        "golf hotel",  # two words
    ],
)
def test_no_letters_without_a_spelled_run(text):
    from sglang_safekv.detect.normalise import normalise

    out = normalise(text).text
    assert not any(w.isupper() and len(w) >= 2 for w in out.split() if w not in text.split())


def test_digit_words_between_symbols_and_the_swedish_spelling_alphabet_normalise():
    assert normalise("kapukód: hét 🔸 egy 🔸 nulla 🔸 három").text == "kapukód: 7103"
    assert normalise("PIN: four • one • one • two").text == "PIN: 4112"
    assert normalise("koden är Olle-Petter-sju-två-Erik").text == "koden är OP72E"
    # a table's cells are not a number read out
    assert normalise("| one | two | three | four |").text == "| one | two | three | four |"
    # names in a sentence are not a word spelled out
    assert normalise("Adam, Erik and Johan met Martin").text == "Adam, Erik and Johan met Martin"


@pytest.mark.parametrize(
    "said, written",
    [
        ("It's five two nine, four four, eight one zero six.", "It's 529 44 8106."),
        ("four one five - five five five - two six seven one", "415 555 2671"),
        ("five two nine four four eight one zero six", "529448106"),
        ("one, two, three, four", "1234"),  # every word a group: a list counted out
        ("três-um-nove-oito", "3198"),  # a dash between every word
    ],
)
def test_commas_and_spaced_dashes_keep_a_read_out_numbers_groups(said, written):
    assert normalise(said).text == written


def test_a_card_one_group_per_line_and_digits_with_a_filler_letter_normalise():
    # stop 44, round 28: a card copied line by line; an SSN with an "x" between its digits
    card = "card:\n4539\n2061\n7704\n1287\nexp 08/27"
    assert normalise(card).text == "card:\n4539 2061 7704 1287\nexp 08/27"
    assert normalise(card.replace("\n", "\r\n")).text == "card:\r\n4539 2061 7704 1287\r\nexp 08/27"
    assert (
        normalise("ssn: 4 x 2 x 9 x - x 6 x 1 x - x 3 x 3 x 0 x 8 ok").text == "ssn: 429-61-3308 ok"
    )
    # years one per line (no card's check digit), and a product of a few factors, stay apart
    years = "2019\n2020\n2021\n2022"
    assert normalise(years).text == years
    assert normalise("1 x 2 x 3 x 4 x 5 x 6 x 7").text != "1234567"  # seven: under eight
    # a product's factors in order; ports one per line; no card named near (the stop 44 review)
    assert "222333555" not in normalise("27000 = 2 x 2 x 2 x 3 x 3 x 3 x 5 x 5 x 5").text
    ports = "Card reader ports:\n3000\n3001\n3002\n3003"
    assert normalise(ports).text == ports
    rooms = "Rooms:\n4539\n2061\n7704\n1287"
    assert normalise(rooms).text == rooms
    # the filler's run ends at a comma too
    said = "my card is 4 x 5 x 3 x 9 x 2 x 0 x 6 x 1, ignore the x's"
    assert normalise(said).text == "my card is 45392061, ignore the x's"
    # every offset still maps back
    norm = normalise(card)
    begin, end = norm.to_original(norm.text.index("4539"), norm.text.index("1287") + 4)
    assert card[begin:end] == "4539\n2061\n7704\n1287"


def test_escapes_are_decoded_with_their_offsets():
    # stop 44, round 27: an SSN written as JSON escapes
    text = 'decode "\\u0035\\u0034\\u0031\\u002d\\u0038\\u0032\\u002d\\u0034\\u0037\\u0031\\u0039"'
    norm = normalise(text)
    assert norm.text == 'decode "541-82-4719"'
    begin, end = norm.to_original(8, 19)
    assert text[begin:end] == text[8:-1]
    # a control character, or fewer than four, stays as written
    assert normalise("\\u0000\\u0001\\u0002\\u0003").identity
    assert normalise("say \\u0041\\u0042 twice").identity


def test_html_entities_and_url_escapes_are_decoded():
    # stop 44, round 29: an e-mail address as HTML entities
    text = "<p>&#x6c;&#x69;&#x6e;&#x61;&#x2e;&#x66;@&#x67;&#x6d;&#x78;&#x2e;&#x64;&#x65;</p>"
    assert normalise(text).text == "<p>lina.f@gmx.de</p>"
    assert normalise("pin=%35%34%31%39 ok").text == "pin=5419 ok"
    assert normalise("&#108;&#105;&#110;&#97;").text == "lina"
    # UTF-8 bytes of a URL, and short runs, stay as written
    assert normalise("caf%C3%A9%20%E2%80%99s").identity
    assert normalise("a%20b").identity


def test_a_card_two_groups_a_line_or_across_json_fields_and_marked_digits_normalise():
    # stop 45, rounds 31 and 32
    card = "card for the hotel booking:\n5412 7534\n1208\n9919\nexp 11/27"
    assert normalise(card).text == "card for the hotel booking:\n5412 7534 1208 9919\nexp 11/27"
    fields = '{"cc_part1":"5379","cc_part2":"8410","cc_part3":"2265","cc_part4":"8313"}'
    assert "5379 8410 2265 8313" in normalise(fields).text
    norm = normalise(fields)
    at = norm.text.index("5379")
    begin, end = norm.to_original(at, at + len("5379 8410 2265 8313"))
    assert fields[begin:end] == '5379","cc_part2":"8410","cc_part3":"2265","cc_part4":"8313'
    assert "482-33-9017" in normalise("s.s.n = 4 . 8 . 2 / 3 . 3 / 9 . 0 . 1 . 7").text
    # no card word, no Luhn, fewer than eight marked digits, numbers of two digits: unchanged
    for text in (
        "Rooms:\n5412 7534\n1208\n9919",
        'card {"a":"5379","b":"8410","c":"2265","d":"8314"}',
        "version 1.2.3.4 and 10.0.0.1",
        "see sections 1.2.3.4.5.6.7",
        "resolvers 1.1.1.1/1.0.0.1 and OID 1.3.6.1.4.1.2.3",  # no blanks: written so
        'card {"exp_m":"4539","x":"2061","y":"7704","z":"1287"}',  # the keys count no parts
        "Bus card times:\n2155 2205\n2215 2225",  # no card opens with 2155
    ):
        assert normalise(text).text == text, text


def test_odd_marks_escapes_in_groups_spaced_hex_and_split_values_normalise():
    # stop 46, rounds 33 and 34: an SSN with tildes, a phone as HTML entities grouped by
    # blanks, a name and a status as hex bytes with spaces, a card across JSON fields with
    # numbered keys, a number split over literals or array items
    assert normalise("SSN: 5~2~3-4~1-8~8~0~6").text == "SSN: 523-41-8806"
    entities = "&#48;&#55;&#57;&#49;&#49; &#52;&#56;&#50; &#51;&#48;&#54;"
    assert normalise(f"Call me: {entities}").text == "Call me: 07911 482 306"
    hexed = "4a 61 6d 69 65 20 52 6f 73 73 20 2d 20 48 49 56 2b"
    assert normalise(f"notes: {hexed}").text == "notes: Jamie Ross - HIV+"
    fields = '{"cc_part1":"4024","cc_part2":"3155","cc_part3":"1740","cc_part4":"0079","cvv":"1"}'
    assert '"4024 3155 1740 0079"' in normalise(fields).text
    joined = 'const phone = "+1 (415) " + "882" + "-" + "1907";'
    assert normalise(joined).text == 'const phone = "+1 (415) 882-1907";'
    assert normalise('"ssn": ["523", "41", "8806"]').text == '"ssn": ["523-41-8806"]'
    tel = '{"tel_1":"415","tel_2":"882","tel_3":"1907"}'
    norm = normalise(tel)
    assert norm.text == '{"tel_1":"415-882-1907"}'
    begin, end = norm.to_original(10, 22)
    assert tel[begin:end] == '415","tel_2":"882","tel_3":"1907'
    for text in (
        "20 2d 20 2e 20 2b 20 2d",  # blanks and marks, no word
        '["2019", "2020", "2021"]',  # a count by a step
        '{"a":"123","b":"4567"}',  # keys of different things
        '{"zip":"10115","count":"42"}',  # too few digits
        'x = "a" + name + "b"',  # a variable between: not literals alone
        "the 1~2 ratio and 3|4",  # fewer than seven digits
        "%20 50% off",  # one escape
        # arrays and fields of numbers that are no one's (the stop 46 review)
        '{"retry_status_codes": ["429", "502", "503"]}',
        '{"batch_sizes": ["128", "256", "512", "1024"]}',
        '{"q1":"412","q2":"377","q3":"2910"}',
        '"North","415","237","1042"',
        '{"hotel": ["415", "882", "1907"]}',
        "Gray code: 0|1|1|0|1|0|0|1",
        "Hamming 1~0~1~1~0~1~0~0",
        "keypad: 1^2^3^4^5^6^7^8^9^0",
    ):
        assert normalise(text).text == text, text


def test_a_number_split_over_first_mid_and_last_fields_normalises():
    # stop 47, round 37: the parts are named, not numbered
    ssn = '{"ssn_first": "412", "ssn_mid": "77", "ssn_last": "0931"}'
    assert normalise(ssn).text == '{"ssn_first": "412-77-0931"}'
    phone = '{"phoneFirst": "415", "phoneMid": "882", "phoneLast": "1907"}'
    assert normalise(phone).text == '{"phoneFirst": "415-882-1907"}'
    # a score's parts, and parts of different numbers, are no one's number
    for text in (
        '{"score_first": "412", "score_mid": "77", "score_last": "0931"}',
        '{"ssn_first": "412", "phone_mid": "77", "ssn_last": "0931"}',
    ):
        assert normalise(text).text == text, text


def test_hex_bytes_that_spell_utf8_decode_to_their_characters():
    # stop 47, round 40: "Juan Pérez - HIV+" with "é" as two bytes
    text = "4a 75 61 6e 20 50 c3 a9 72 65 7a 20 2d 20 48 49 56 2b"
    norm = normalise(text)
    assert norm.text == "Juan Pérez - HIV+"
    begin, end = norm.to_original(6, 7)  # "é" maps back to both its bytes
    assert text[begin:end].strip() == "c3 a9"
    # bytes that are no UTF-8 text stay as written
    for raw in ("ff fe 00 01 02 03 04", "c3 28 41 42 43 44 45"):
        assert normalise(raw).text == raw, raw
