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
