"""A finding told of "he" or "she" makes the name in the sentence before it private."""

import pytest

from sglang_safekv.detect.antecedent import antecedent, antecedent_spans, named_before
from sglang_safekv.detect.categories import Category, Span


def _name(text: str, finding: str) -> str | None:
    found = antecedent(text, text.index(finding))
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    "text, finding, name",
    [
        (
            "Can you draft a PIP for Corey Vance? He's been missing deadlines since his divorce.",
            "He's been",
            "Corey Vance",
        ),
        ("Ask Dr. Patel about it.\nShe told me the biopsy was positive.", "She told", "Dr. Patel"),
        ("I met Ana Lucia Reyes and Tom Ng. His test came back positive.", "His test", "Tom Ng"),
        # "LLMs." ends a sentence (no title): the name comes from the sentence just before
        ("Tom Ng works on LLMs. Then call Sam Lee.\nHe has cancer.", "He has", "Sam Lee"),
    ],
)
def test_the_nearest_name_of_the_sentence_before(text, finding, name):
    assert _name(text, finding) == name


@pytest.mark.parametrize(
    "text, finding",
    [
        ("Corey Vance said he's been missing deadlines.", "he's been"),  # not a sentence start
        ("Can you draft a PIP for him? He's been late.", "He's been"),  # no name before
        ("The team met. Later he was late.", "he was"),  # the finding is no pronoun's sentence
        ("Corey Vance called. Here is the agenda.", "Here is"),  # "Here" is no pronoun
    ],
)
def test_no_name_or_no_pronoun_start_gives_nothing(text, finding):
    assert _name(text, finding) is None


def test_a_person_span_is_added_before_the_finding_only():
    text = "Please review Sam Lee's notes. He's on chemo until June."
    finding = Span(text.index("He's"), len(text), Category.HEALTH, 3, 0.9, "transformer")
    [added] = antecedent_spans(text, [finding])
    assert text[added.start : added.end] == "Sam Lee"
    assert added.category is Category.PERSON and added.start < finding.start


@pytest.mark.parametrize(
    "text, finding, name",
    [
        (
            "FW: Candidate - Priyanka Desai\n\nPriyanka's current comp is $118k + 10% bonus.",
            "Priyanka's current",
            "Priyanka Desai",
        ),
        (
            "Subject: Re: Tyler Gunderson\n\nDear parents,\nTyler disclosed today that he self-harms.",
            "Tyler disclosed",
            "Tyler Gunderson",
        ),
        # the surname stands for the name too, with its title
        (
            "Re: Marta Kowalczyk\n\nMs. Kowalczyk owes three months' rent.",
            "Ms. Kowalczyk",
            "Marta Kowalczyk",
        ),
    ],
)
def test_a_finding_opening_with_a_first_name_makes_the_full_name_above_private(text, finding, name):
    assert named_before(text, text.index(finding)) is not None
    found = named_before(text, text.index(finding))
    assert text[found[0] : found[1]] == name


@pytest.mark.parametrize(
    "text, finding",
    [
        ("Meeting with Priyanka Desai.\nThe offer is $118k.", "The offer"),  # no name opens it
        ("Tyler Gunderson called.\nMarcus owes rent.", "Marcus owes"),  # another person
        ("Please call Tyler Gunderson.\nPlease send the form.", "Please send"),  # a common word
        # a heading, an event, a bank (stop 37 review)
        ("## Next Steps\n\nNext, my SSN is 523-41-8876.", "Next, my"),
        ("Register for the Grace Hopper Celebration.\nGrace owes rent.", "Grace owes"),
        ("The Chase Bank API Guide.\nChase owes rent.", "Chase owes"),
    ],
)
def test_no_full_name_of_the_opening_word_gives_nothing(text, finding):
    assert named_before(text, text.index(finding)) is None
