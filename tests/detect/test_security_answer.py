"""A security question and its answer on one line: the answer is private, prose about them not."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.security_answer import security_answer_spans


def found(text: str) -> list[str]:
    return [text[b:e] for b, e in security_answer_spans(text)]


@pytest.mark.parametrize(
    "text, start",
    [
        ("first pet was a ferret called Pickles. is that the real answer?", "ferret"),
        ("The answers on file: childhood best friend — Dmitri; first car — a Corolla.", "Dmitri"),
        ("'Name of the hospital where you were born?' I put Royal Infirmary Aberdeen", "Royal"),
        ("it asks for my memorable word, which is HONEYCOMB. Which letters?", "HONEYCOMB"),
        ("Security questions:\n1. Where did you go on honeymoon? Crete", "Crete"),
        ("my security answers. Favorite food: grandma's pierogi.", "grandma's"),
        ("for the bank: Mom's maiden name is Brennan", "Brennan"),
        ("Контрольный вопрос: «Девичья фамилия матери». Ответ: Загорулько", "«Девичья"),
        ("秘密の質問「母親の旧姓は？」の答えは「長谷部」にしてあります。", "母親"),
    ],
)
def test_the_answer_is_private_from_its_first_character(text, start):
    spans = found(text)
    assert spans and spans[0].startswith(start), spans


@pytest.mark.parametrize(
    "text",
    [
        "Answers like your first pet's name are easy to guess.",
        "Why do banks still use security questions like mother's maiden name? Seems easy.",
        "Security questions are a weak form of authentication.",
        "He has been a designer for 30 years. His favorite food is baked bean pie.",
        "My first car was a 1998 Honda Civic and I loved it.",
        "Helen Keller's first teacher was Anne Sullivan.",
        "Jacqueline Kennedy's maiden name was Bouvier.",
        "In the comic, the cat's name is Garfield.",
        "Security answer: select one from the list below.",
    ],
)
def test_prose_and_small_talk_stay_public(text):
    assert found(text) == []
