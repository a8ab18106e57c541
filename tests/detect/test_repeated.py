"""A string found private is private where it occurs earlier in the window too."""

import pytest

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.near_name import SOURCE as GUESSED
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.repeated import repeated_spans


def _earlier(text: str, value: str, category: Category, start: int = 0) -> list[str]:
    """What ``repeated_spans`` adds for a finding at the last occurrence of ``value``."""
    at = text.rindex(value)
    finding = Span(at, at + len(value), category, 2, 0.9, "test")
    return [
        text[s.start : s.end] for s in repeated_spans(TextWindow(text, start, len(text)), [finding])
    ]


def test_a_name_in_a_search_query_above_its_results_is_private():
    text = (
        'web_search("Kayleigh Dunmore Swindon") returned:\n'
        "1. Kayleigh  Dunmore - Facebook. Lives in Swindon.\n2. KAYLEIGH DUNMORE ran a fundraiser."
    )
    assert _earlier(text, "KAYLEIGH DUNMORE", Category.PERSON) == [
        "Kayleigh Dunmore",
        "Kayleigh  Dunmore",
    ]


@pytest.mark.parametrize(
    "text, value, category",
    [
        ("ring 07911 482036 tonight; Hal's number: 07911 482036", "07911 482036", Category.PHONE),
        (
            "write to r.okafor@fastmail.de; r.okafor@fastmail.de is mine",
            "r.okafor@fastmail.de",
            Category.EMAIL,
        ),
        ("try Lapwing77 first. password: Lapwing77", "Lapwing77", Category.CREDENTIAL),
    ],
)
def test_contact_data_and_credentials_repeat(text, value, category):
    assert _earlier(text, value, category) == [value]


@pytest.mark.parametrize(
    "text, value, category",
    [
        ("Ethan called. Patient: Ethan", "Ethan", Category.PERSON),  # one word of a name
        ("Leeds weather today. I live in Leeds", "Leeds", Category.LOCATION),  # private by context
        ("Ann Leeds met her. Name: Ann Lee", "Ann Lee", Category.PERSON),  # part of a longer word
        ("id 407911 482036x and 07911 482036", "07911 482036", Category.PHONE),  # inside a number
        ("PIN 4471 then 4471", "4471", Category.CREDENTIAL),  # too short to stand alone
        # words that are also a name, a plain word that is also a password, a public date
        ("the mark price is up. Name: Mark Price", "Mark Price", Category.PERSON),
        ("a poem: sunshine, sunshine. The password is sunshine", "sunshine", Category.CREDENTIAL),
        (
            "Windows 95 came out 24/08/1995. Date of birth: 24/08/1995",
            "24/08/1995",
            Category.DATE_OF_BIRTH,
        ),
    ],
)
def test_weak_or_contextual_strings_do_not_repeat(text, value, category):
    assert _earlier(text, value, category) == []


def test_only_the_judged_window_is_marked():
    text = "Dear Mara Quinlan, ... Later: Mara Quinlan has HIV"
    assert _earlier(text, "Mara Quinlan", Category.PERSON, start=10) == []
    assert _earlier(text, "Mara Quinlan", Category.PERSON, start=0) == ["Mara Quinlan"]


def test_a_guessed_name_is_not_looked_for_above():
    # "Pi Hole" before an IP address is near_name's guess: the handbook above stays shared
    text = "Pi Hole handbook.\nPi Hole blocks ads. Pi Hole uses 9.9.9.9 upstream."
    at = text.rindex("Pi Hole")
    guess = Span(at, at + 7, Category.PERSON, 1, 0.9, GUESSED)
    assert repeated_spans(TextWindow(text, 0, len(text)), [guess]) == []
    named = Span(at, at + 7, Category.PERSON, 1, 0.9, "record_subject")
    assert len(repeated_spans(TextWindow(text, 0, len(text)), [named])) == 2
