"""A person named just before a finding is whose finding it is."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.near_name import REACH_CHARS, near_name, near_name_spans


def _name(text: str, finding: str) -> str | None:
    found = near_name(text, text.index(finding))
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    "text, finding, name",
    [
        (
            "The vehicle history shows it was registered to Emily Zhou at 88 Quarry Rd, Natick.",
            "88 Quarry",
            "Emily Zhou",
        ),
        (
            "Corrige ce courrier :\nCopropriétaire : M. Julien Masson, lot n°14\nImpayés : 2 340 €",
            "Impayés",
            "Julien Masson",
        ),
        # the earliest name in reach: a place between does not take the person's place
        (
            "Registered to Emily Zhou of Mountain View at 88 Quarry Rd.",
            "88 Quarry",
            "Emily Zhou",
        ),
        # initials, particles, letters beyond Latin-1, Mc and O' (the stop 45 review)
        ("owner Emily R. Zhou, phone 07700 900123", "07700", "Emily R. Zhou"),
        ("la señora Maria de la Cruz, DNI 16019220L", "DNI", "Maria de la Cruz"),
        ("müşteri Şükrü Yılmaz, TC 10000000146", "TC", "Şükrü Yılmaz"),
        ("chủ xe Trần Thị Mai, SĐT 0912 345 678", "SĐT", "Trần Thị Mai"),
        ("tenant Sean McAllister owes $2,140", "$2,140", "Sean McAllister"),
        ("Jina langu ni Amani Mwangi, namba 28471936.", "28471936", "Amani Mwangi"),
        # a greeting's word before the name is not the name's
        ("Dear Grace Oduya, your balance of $4,210 is overdue.", "$4,210", "Grace Oduya"),
        # a field's value written surname first (stop 46, round 33)
        ('importer_of_record: "Fenwick, Adaeze"\n  ssn: 481-62-9037', "481-62", "Fenwick, Adaeze"),
        ("Name: Okafor, Chidi\nDOB: 04/17/1988", "04/17", "Okafor, Chidi"),
    ],
)
def test_the_earliest_full_name_in_reach_before_a_finding(text, finding, name):
    assert _name(text, finding) == name


@pytest.mark.parametrize(
    "text, finding",
    [
        # a blank line ends the paragraph the name is in
        ("Signed, Emily Zhou\n\nCall 07700 900123 for bookings.", "07700"),
        # further back than the reach
        ("Emily Zhou wrote the guide. " + "x " * REACH_CHARS + "Call 07700 900123.", "07700"),
        # sentence openers, a product's and an office's words, a placeholder
        ("Please Note that the SSN 078-05-1120 was a sample.", "078-05"),
        ("Customer Support Bot replies at help@corp.io.", "help@"),
        ("The Home Office can be written to at 2 Marsham Street.", "2 Marsham"),
        ("Jane Doe, 555-0100", "555-0100"),
        ("one lowercase name bob smith then 07700 900123", "07700"),
        # pages, papers, titles and headings (the stop 45 review)
        ("## Getting Started\nInstall it and point it at 8.8.8.8 for DNS.", "8.8.8.8"),
        ("Send tips to the Washington Post at tips@washpost.com.", "tips@"),
        ("Questions? See our Privacy Policy or write to privacy@corp.io.", "privacy@"),
        ("Kind Regards,\nHead of Sales\n+44 20 7946 0000", "+44"),
        ("Contact the Chief Executive Officer at ceo@corp.io", "ceo@"),
        # surname first only as a whole field value: in prose it is a list or a place
        ("We met in Paris, France and then called 07700 900123.", "07700"),
        ('city: "Lagos, Nigeria office"\nphone: 07700 900123', "07700"),
        ("Location: Paris, France\nPhone: +33 1 42 68 53 00", "+33"),
        ("contributor: Torvalds, Linus\nemail: torvalds@linux-foundation.org", "torvalds@"),
    ],
)
def test_no_name_in_reach_gives_nothing(text, finding):
    assert _name(text, finding) is None


def test_a_person_span_is_added_for_findings_of_values_not_of_names():
    text = "Registered to Emily Zhou at 88 Quarry Rd."
    address = Span(text.index("88"), len(text) - 1, Category.ADDRESS, 1, 0.85, "street_address")
    [added] = near_name_spans(text, [address])
    assert text[added.start : added.end] == "Emily Zhou"
    assert added.category is Category.PERSON and added.end <= address.start
    name = Span(text.index("Emily"), text.index(" at"), Category.PERSON, 1, 0.9, "x")
    assert near_name_spans(text, [name]) == []


def test_a_name_written_in_escapes_or_hex_bytes_is_a_person():
    # stop 46, round 31's dev half: a CRM export's name field as \u escapes
    from sglang_safekv.detect.near_name import encoded_name_spans

    escaped = "".join(f"\\u{ord(c):04x}" for c in "Rosa Green")
    text = f'decode the name field:\n{{"n":"{escaped}","dx":"bipolar I"}}'
    spans = encoded_name_spans(text, 0, len(text), 0.9)
    assert [(text[s.start : s.end], s.category) for s in spans] == [(escaped, Category.PERSON)]
    hexed = " ".join(f"{ord(c):02x}" for c in "Kenji Okafor")
    record = f'client_name: "{hexed}"'
    assert len(encoded_name_spans(record, 0, len(record), 0.9)) == 1
    # a greeting, a word that is no name, escapes of non-ASCII letters, plain text; a city or a
    # brand under its own key, a decoding demo that shows the name too (the stop 46 review)
    for plain in ("Hello World", "Getting Started", "caf\u00e9 menu"):
        for code in (
            "name: " + "".join(f"\\u{ord(c):04x}" for c in plain),
            "name: " + " ".join(f"{ord(c):02x}" for c in plain),
        ):
            assert encoded_name_spans(code, 0, len(code), 0.9) == [], code
    assert encoded_name_spans("Rosa Green called.", 0, 18, 0.9) == []
    city = '{"city":"' + "".join(f"\\u{ord(c):04x}" for c in "San Diego") + '"}'
    assert encoded_name_spans(city, 0, len(city), 0.9) == []
    demo = 'Ada Lovelace in hex: name: "' + " ".join(f"{ord(c):02x}" for c in "Ada Lovelace")
    assert encoded_name_spans(demo, 0, len(demo), 0.9) == []


def test_a_couples_shared_surname_takes_both_given_names_and_romanian_letters_count():
    # stop 47, rounds 38
    text = "Max - surrendered by Tom & Lisa Graber (divorcing), 88 Willow Bend, Fargo"
    assert _name(text, "88 Willow") == "Tom & Lisa Graber"
    text = "Șofer: Ionuț Dumitrescu, permis nr. 4419872"
    assert _name(text, "4419872") == "Ionuț Dumitrescu"
    # a heading's word before "and" is no given name
    assert _name("Thanks and Lisa Graber, 88 Willow Bend", "88 Willow") == "Lisa Graber"


def test_a_name_in_capitals_inside_a_sentence_is_a_name():
    # stop 47, round 40: a clinic's text message
    text = "Reminder for DANIEL KOWALCZYK, nerve conduction study 11/14. Your portal PIN is 7731."
    assert _name(text, "7731") == "DANIEL KOWALCZYK"
    # a heading in capitals, a form's words, acronyms
    assert _name("PATIENT PORTAL\nYour PIN is 7731.", "7731") is None
    assert _name("Your ORDER NUMBER is 55812934, keep it.", "55812934") is None
    assert _name("Call the NHS UK line at 0300 123 4567", "0300") is None
