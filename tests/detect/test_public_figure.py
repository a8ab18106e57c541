"""An encyclopedia's lead makes its paragraph a public figure's story: findings about that life
are dropped, the writer's own life and identifiers stay private."""

import pytest

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.public_figure import biography_ranges, told_of_a_public_figure

KAHLO = (
    "Frida Kahlo (6 July 1907 - 13 July 1954) was a Mexican painter known for her "
    "self-portraits. At age six she contracted polio. My aunt has polio too. "
    "Write to frida.fan@gmail.com for the tour."
)


def _span(text: str, piece: str, category: Category, source: str = "transformer") -> Span:
    at = text.index(piece)
    return Span(at, at + len(piece), category, 3, 0.9, source)


@pytest.mark.parametrize(
    "text",
    [
        KAHLO,
        "Franklin Delano Roosevelt (January 30, 1882 - April 12, 1945), the 32nd president, ...",
        "Gabriel García Márquez (Aracataca, 6 de marzo de 1927 - 2014) fue un escritor.",
        "Intro line\nAlan Mathison Turing (23 June 1912 - 7 June 1954) was a mathematician.",
    ],
)
def test_an_encyclopedias_lead_opens_a_biography(text):
    [(start, end)] = biography_ranges(text)
    assert text[start].isupper() and end > start


@pytest.mark.parametrize(
    "text",
    [
        "Call Maria Lopez (mobile) tomorrow, she was ill.",  # no year in the brackets
        "The report (2024) was late.",  # one capitalised word is no name
        "my sister Maria Lopez (born 1988) said she was diagnosed last year",  # not at a start
        # a living person's "born", a note's DOB, room or staff number: no life's end
        "Elton John (born Reginald Kenneth Dwight, 25 March 1947, in Pinner) is a singer.",
        "Jane Roe (born 1990) is a registered nurse. She has HIV.",
        "John Smith (DOB 12/03/1965) is a 58-year-old man with diabetes.",
        "Karen Walsh (Room 214) is a resident with Alzheimer's disease.",
        "Mary Stone (1931 - 2031) was here.",  # a death year still to come
        # a private person's obituary: no public role in the lead's sentence
        "Ellen Marsh (1962 - 2023) was a school librarian in Dundee. She died by suicide.",
    ],
)
def test_no_lead_no_biography(text):
    assert biography_ranges(text) == []


def test_a_biographys_story_is_dropped_and_the_writers_own_kept():
    ranges = biography_ranges(KAHLO)
    story = _span(KAHLO, "At age six she contracted polio.", Category.HEALTH)
    name = _span(KAHLO, "Frida Kahlo", Category.PERSON, "spacy_ner:PERSON")
    own = _span(KAHLO, "My aunt has polio too.", Category.HEALTH)
    email = _span(KAHLO, "frida.fan@gmail.com", Category.EMAIL, "email")
    assert told_of_a_public_figure(KAHLO, story, ranges)
    assert told_of_a_public_figure(KAHLO, name, ranges)
    assert not told_of_a_public_figure(KAHLO, own, ranges)  # a first-person sentence
    assert not told_of_a_public_figure(KAHLO, email, ranges)  # an identifier


def test_a_records_fields_stay_private_on_a_leads_line():
    text = KAHLO.replace("My aunt has polio too.", "Member ID: A88213; Diagnosis: HIV.")
    ranges = biography_ranges(text)
    field = _span(text, "A88213", Category.PERSONAL, "record_fields")
    assert ranges and not told_of_a_public_figure(text, field, ranges)


def test_what_no_tier_reads_stays_private_in_a_biography():
    text = "Fernando Pessoa (Lisboa, 1888 - 1935) foi um poeta. Morreu de uma cirrose hepática."
    unread = _span(text, "Morreu de uma cirrose hepática.", Category.PERSONAL, "unread_language")
    assert not told_of_a_public_figure(text, unread, biography_ranges(text))


def test_the_leads_line_ends_the_biography():
    text = "Frida Kahlo (1907 - 1954) was a painter.\nPatient Ana Ruiz has polio."
    later = _span(text, "Patient Ana Ruiz has polio.", Category.HEALTH)
    assert not told_of_a_public_figure(text, later, biography_ranges(text))


def test_an_address_in_a_biography_stays_private():
    text = "Tom Ellis (1911 - 1980) was a poet. His niece lives at 2410 Briar Hill Lane."
    address = _span(text, "2410 Briar Hill Lane", Category.ADDRESS, "street_address")
    assert not told_of_a_public_figure(text, address, biography_ranges(text))
