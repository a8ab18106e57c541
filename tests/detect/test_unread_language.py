"""Sentences in languages the detector's models cannot read stay private (fail closed)."""

from __future__ import annotations

import dataclasses

import pytest

from sglang_safekv.config import DetectorConfig, UnreadLanguages
from sglang_safekv.detect.detector import default_registry
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.unread_language import UnreadLanguageRecognizer, unread_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Hola, ¿cómo estás? Tengo una pregunta.",
        "Saya ingin tahu apakah ada obat untuk ini.",
        "Ich habe eine Frage zu meinem Vertrag.",
        "Mimi nina swali kwa daktari wangu.",
        "Tôi bị tiểu đường, tôi nên ăn gì?",
        "我最近被诊断出糖尿病，怎么办？",
        "У меня вопрос про мой кредит.",
        "ما هي أفضل طريقة لتعلم البرمجة؟",
        "मुझे अपने डॉक्टर से बात करनी है।",
        "Kailangan ko ng tulong sa mga papeles ko.",
        # hidden or odd forms: a zero-width space, capitals, decomposed accents, × signs
        "m\u200bi novia esta embarazada y no se que hacer",
        "WYNIK BIOPSJI: ZŁOŚLIWY NOWOTWÓR PŁUC",
        "Wynik biopsji: nowotwo\u0301r złos\u0301liwy",
        "我有艾滋病××××",
        # short words Spanish shares with English ("no", "a") do not outvote it
        "Ola amigo, mi clave del banco es 4411, no se la digas a nadie",
    ],
)
def test_sentences_in_other_languages_are_unread(text):
    found = unread_sentences(text)
    assert found and found[0][0] == 0 and found[-1][1] == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Summarize the following article in three bullet points.",
        "We met at a café in Zürich with José and Zoë.",
        "My name is 王伟 and I work at Acme.",
        "Gracias!",
        "def delete(self):\n    del self.items[0]  # non-blocking\n    return None",
        "See https://example.com/es/docs/para/ayuda for the Spanish docs.",
        "x.y.com domain-matches .Y.com but not Y.com.",
        # what a review found flagged: Latin abbreviations, units, loanwords, code, acronyms
        "See Smith et al. for details.",
        "Latency is 5 µs at p50 and 9 µs at p99.",
        "The cliché of the naïve protégé.",
        "Set α = 0.1 and β = 0.9 for the run.",
        "Compute var(x) + var(y) in R.",
        "Use ng-if and ng-repeat here.",
        "msgfmt -o messages.mo messages.po",
        "APA citation for ADA compliance",
        "font-size: 1.2em; margin: 0.5em",
        'Set lang="en" or "es" or "de".',
    ],
)
def test_english_code_and_a_few_foreign_words_are_read(text):
    assert unread_sentences(text) == []


def test_only_the_sentences_in_another_language_are_flagged():
    text = "You are a helpful assistant.\nUser: Necesito ayuda con mi contraseña del banco."
    spans = UnreadLanguageRecognizer().scan(TextWindow(text, 0, len(text)))
    assert [text[s.start : s.end] for s in spans] == [
        "User: Necesito ayuda con mi contraseña del banco."
    ]


def test_judge_leaves_other_languages_to_the_rules():
    names = {r.name for r in default_registry(DetectorConfig(tiers=(1,)))}
    assert "unread_language" in names
    judge = dataclasses.replace(DetectorConfig(tiers=(1,)), unread_languages=UnreadLanguages.JUDGE)
    assert "unread_language" not in {r.name for r in default_registry(judge)}


def test_a_sentence_ending_in_a_slot_is_no_published_example():
    """Vendors' example values are dropped from findings of a value, not from a sentence:
    "..., nota: xxx" ends like a placeholder and is still a sentence in Romanian."""
    from sglang_safekv.detect.detector import Detector

    detector = Detector.from_config(DetectorConfig(tiers=(1,)))
    assert not detector.load()
    text = "Nu sunt bine, sunt in depresie, nota: xxx"
    assert detector.detect(text, first_only=True).first == 0


@pytest.mark.parametrize(
    "text",
    [
        # one function word and one word English does not write count together
        "Minulla on todettu rintasyöpä, vaihe 2.",
        "Sono in cassa integrazione da gennaio e prendo 980 euro al mese, non so più come pagare.",
        "Waxaan qabaa cudurka sonkorta nooca 1aad, shaqadana kama sheegin.",
    ],
)
def test_one_function_word_and_one_accented_word_or_more_words_of_a_list(text):
    assert unread_sentences(text) == [(0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "We had a rosé and the crème brûlée at a café in Zürich.",
        "The naïve approach is fine.",
        "Ja, the German word for yes, is short.",
    ],
)
def test_english_with_a_loanword_or_a_foreign_word_is_read(text):
    assert unread_sentences(text) == []
