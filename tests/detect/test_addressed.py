"""A letter's greeting names whose letter it is: its name is private above a finding."""

import pytest

from sglang_safekv.detect.addressed import addressee, greeting, greeting_spans
from sglang_safekv.detect.categories import Category, Span


def _name(text: str, finding: str) -> str | None:
    found = greeting(text, text.index(finding))
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    "text, finding, name",
    [
        (
            "Prezada Juliana Ferreira da Silva,\n\nComunicamos que seu salário será reajustado.",
            "seu salário",
            "Juliana Ferreira da Silva",
        ),
        (
            "Sehr geehrte Frau Becker,\n\nich bin seit dem 30.09. arbeitslos.",
            "arbeitslos",
            "Frau Becker",
        ),
        (
            "Uber receipt - Thanks for riding, Malik\nPickup 41 Gainsborough Road",
            "41 Gain",
            "Malik",
        ),
        ("Hi Daniel, your HIV test came back positive.", "your HIV", "Daniel"),
        # a greeting that runs on after the name on its line (stop 44, round 28)
        ("'Hej Matilda Berg! Vi såg att du ammar.'", "Vi såg", "Matilda Berg"),
        ("Hi Daniel, your HIV test came back positive.", "HIV test", "Daniel"),
        ("Szanowna Pani Anna Nowak,\nprzesyłam wyniki badań.", "przesyłam", "Anna Nowak"),
        # the nearest greeting above the finding: the second letter's
        ("Dear Tom Ng,\nthanks.\n\nDear Sam Lee,\nyour card ends 4471.", "your card", "Sam Lee"),
    ],
)
def test_the_greeting_above_a_finding_names_its_person(text, finding, name):
    assert _name(text, finding) == name


@pytest.mark.parametrize(
    "text, finding",
    [
        ("Dear Customer,\nYour card 4111 1111 1111 1111 was charged.", "Your card"),
        ("Hi there,\nCall me on 07700 900123", "Call me"),
        ("Dear Sir or Madam,\nmy account 12345678 was closed.", "my account"),
        ("Hello team,\nthe key is sk-abc.", "the key"),
        ("Hello everyone, the key is sk-abc.", "the key"),  # nobody named, on one line
        ("Say hi Daniel, your HIV test came back positive.", "HIV test"),  # not a line's start
        ("Your card 4111 was charged.\nDear Sam Lee,", "Your card"),  # the greeting is below
        ("Dear Sam Lee,\n" + "x" * 1300 + "\nyour card ends 4471.", "your card"),  # too far
    ],
)
def test_nobody_named_or_no_greeting_above_gives_nothing(text, finding):
    assert _name(text, finding) is None


def test_a_person_span_is_added_before_the_finding_only():
    text = "Dear Maria Lopez,\n\nyour biopsy results are attached."
    finding = Span(text.index("your"), len(text), Category.HEALTH, 3, 0.9, "transformer")
    [added] = greeting_spans(text, [finding])
    assert text[added.start : added.end] == "Maria Lopez"
    assert added.category is Category.PERSON and added.start < finding.start


@pytest.mark.parametrize(
    "text, finding, name",
    [
        (
            "Write a breakup text to Jordan. I just found out I have chlamydia.",
            "I just",
            "Jordan",
        ),
        (
            "Help me draft an email to Priya Raman about my diagnosis of lupus.",
            "my diagnosis",
            "Priya Raman",
        ),
        ("Can you write a message to Tomasz saying I owe him rent?", "I owe", "Tomasz"),
        ("Compose an SMS to Jordan. I have chlamydia.", "I have", "Jordan"),
    ],
)
def test_the_addressee_of_a_requested_message_above_a_finding_is_named(text, finding, name):
    found = addressee(text, text.index(finding))
    assert found is not None and text[found[0] : found[1]] == name


@pytest.mark.parametrize(
    "text, finding",
    [
        ("Write a letter to Santa. I have cancer.", "I have"),  # nobody's private name
        ("Write a letter to my landlord. I owe rent.", "I owe"),  # no name
        ("Draft a letter to Senator Elizabeth Warren about my medical debt.", "my medical"),
        ("Write a cover letter for Microsoft. I was fired in 2023.", "I was"),  # a company
        ("Jordan wrote to me. I have chlamydia.", "I have"),  # no message requested
        ("Write a text to Jordan.\n" + "x" * 1300 + "\nI have chlamydia.", "I have"),  # too far
    ],
)
def test_no_addressee_without_a_requested_message_to_a_name(text, finding):
    assert addressee(text, text.index(finding)) is None
