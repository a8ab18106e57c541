"""Sensitivity that comes from the turn before: a short answer to a question asking for a code,
a password, a security answer or a personal fact is private, whatever its words.

"482913", "Biscuit" or "About 185k plus bonus." mean nothing alone; after "Please type the
code you received" or "Roughly what is your annual salary?" they are the secret. This
recognizer reads the end of the context before the judged window (the previous message, which
the pipeline decodes as read-only context) and, when it asks such a question, flags the whole
short answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow

# How far back the question may be, and how long an answer may be and still be "short".
QUESTION_CHARS = 400
ANSWER_MAX_CHARS = 160
ANSWER_MAX_WORDS = 16

# (category, what the question asks for). Checked in order; the first that matches names it.
ASKS: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            Category.CREDENTIAL,
            r"\b(?:(?:one[- ]time|verification|security|confirmation|access|auth\w*|sms|2fa|mfa"
            r"|login|6-digit|\d-digit)\s+(?:pass)?code|passcode|otp|pin\b|password|passphrase"
            r"|pass\s?word|recovery (?:phrase|key|code)|seed phrase|secret (?:key|word)"
            r"|the code (?:you|we|that)|code (?:you|we) (?:just )?(?:received|sent|got))",
        ),
        (
            Category.PERSONAL,
            r"\b(?:security question|secret (?:question|answer)|maiden name|first pet"
            r"|name of your|street you grew up|first school|favou?rite teacher|childhood"
            r"|where were you born|city (?:you were|of your) birth)",
        ),
        (Category.DATE_OF_BIRTH, r"\b(?:date of birth|birth ?date|birthday|when were you born)"),
        (
            Category.HEALTH,
            r"\b(?:diagnos\w*|medication|medicine|prescri\w*|tested positive|test results?"
            r"|pregnan\w*|breastfeeding|symptoms? (?:do|have) you|allerg\w*|condition"
            r"|therapy|disabilit\w*|surgery|hiv|blood (?:type|pressure))",
        ),
        (
            Category.FINANCE,
            r"\b(?:salary|income|take-home|pay (?:after|before)|earn|owe|debt|mortgage"
            r"|balance|credit score|net worth|savings|how much (?:do|did) you)",
        ),
        (Category.PHONE, r"\b(?:phone|mobile|cell)(?: number)?\b|number to (?:call|reach)"),
        (Category.EMAIL, r"\be-?mail\b"),
        (Category.ADDRESS, r"\b(?:home |postal |street |mailing )?address\b|where do you live"),
        (
            Category.GOV_ID,
            r"\b(?:social security|ssn|passport|national id|id number|tax id|driver'?s licen)",
        ),
        (Category.BANK_ACCOUNT, r"\b(?:account number|iban|routing number|sort code)"),
        (Category.CREDIT_CARD, r"\b(?:card number|cvv|cvc|security code)"),
    )
)
_QUESTION_CUE = re.compile(
    r"\?|\b(?:please |kindly )?(?:type|enter|provide|reply with|send|tell me|confirm|share"
    r"|give me|what(?:'s| is| was| are)|which|how much|roughly|have you|are you|do you|has anyone)\b",
    re.IGNORECASE,
)
SCORE = 0.9


def _last_turn(text: str, start: int) -> str:
    """The context just before ``start``: its last non-empty lines, at most QUESTION_CHARS."""
    head = text[max(0, start - QUESTION_CHARS) : start].rstrip()
    return head[-QUESTION_CHARS:]


def asked_for(question: str) -> Category | None:
    """What ``question`` asks the user to type, or None when it asks for nothing private."""
    if not question or not _QUESTION_CUE.search(question):
        return None
    for category, pattern in ASKS:
        if pattern.search(question):
            return category
    return None


def is_short_answer(answer: str) -> bool:
    stripped = answer.strip()
    return 0 < len(stripped) <= ANSWER_MAX_CHARS and len(stripped.split()) <= ANSWER_MAX_WORDS


class TurnContextRecognizer(Recognizer):
    """Tier 1: a short answer to a question that asks for something private."""

    tier = 1
    name = "turn_context"
    categories = frozenset(category for category, _ in ASKS)

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self.scan(w) for w in windows]

    def scan(self, window: TextWindow) -> list[Span]:
        if window.start == 0:
            return []
        answer = window.text[window.start : window.end]
        if not is_short_answer(answer):
            return []
        category = asked_for(_last_turn(window.text, window.start))
        if category is None:
            return []
        lead = len(answer) - len(answer.lstrip())
        begin = window.start + lead
        end = window.start + len(answer.rstrip())
        return [Span(begin, end, category, 1, SCORE, self.name)]
