"""A short answer is private when the turn before asks for something private."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.context import TurnContextRecognizer, asked_for
from sglang_safekv.detect.registry import TextWindow


def judge(question: str, answer: str):
    text = question + "\n" + answer
    return TurnContextRecognizer().scan(TextWindow(text, len(question) + 1, len(text)))


@pytest.mark.parametrize(
    "question, answer, category",
    [
        ("Please type the code you received.", "482913", Category.CREDENTIAL),
        ("What's the password for the staging box?", "Tr0ub4dor&3", Category.CREDENTIAL),
        ("Security question: what was the name of your first pet?", "Biscuit", Category.PERSONAL),
        ("Have you been diagnosed with diabetes?", "Yes, positive. Since 2019.", Category.HEALTH),
        ("Roughly what is your annual salary?", "About 185k plus bonus.", Category.FINANCE),
    ],
)
def test_answers_to_private_questions_are_private(question, answer, category):
    (span,) = judge(question, answer)
    text = question + "\n" + answer
    assert span.category is category and text[span.start : span.end] == answer


@pytest.mark.parametrize(
    "question, answer",
    [
        ("What's the capital of France?", "Paris."),
        (
            "Please type the code you received.",
            "I did not get any code yet, can you resend it " * 3,
        ),
        ("Summarise this article for me.", "Done."),
    ],
)
def test_other_answers_are_left_to_the_other_recognizers(question, answer):
    assert judge(question, answer) == []


def test_first_message_has_no_question_before_it():
    assert TurnContextRecognizer().scan(TextWindow("482913", 0, 6)) == []
    assert asked_for("Enter your PIN") is Category.CREDENTIAL
    assert asked_for("The PIN pad is on the left.") is None
