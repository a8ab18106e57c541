"""Sensitivity that comes from the turn before: a short answer to a question asking for a code,
a password, a security answer or a personal fact is private, whatever its words.

"482913", "Biscuit" or "About 185k plus bonus." mean nothing alone; after "Please type the
code you received" or "Roughly what is your annual salary?" they are the secret. This
recognizer reads the end of the context before the judged window (the previous message, which
the pipeline decodes as read-only context) and, when it asks such a question, flags the whole
short answer.

The same holds inside one window: a conversation pasted or sent whole ("Bot: Please enter the
6-digit code we sent.\nUser: 208 317") puts question and answer on consecutive lines. There the
question must be addressed to the reader (you, your, enter, type, ...), so a document's "Q: What
is a one-time password?" does not make the next line private.
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
UNLABELLED_MAX_WORDS = 6
_LONGEST_TURN_LINE = (
    ANSWER_MAX_CHARS + 80
)  # a label and markup around a short answer  # an answer line without a speaker label, inside a window

# (category, what the question asks for). Checked in order; the first that matches names it.
ASKS: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            Category.CREDENTIAL,
            r"\b(?:(?:one[- ]time|verification|security|confirmation|access|auth\w*|sms|2fa|mfa"
            r"|login|6-digit|\d-digit)\s+(?:pass)?code|passcode|otp|pin\b|password|passphrase"
            r"|pass\s?word|recovery (?:phrase|key|code)|seed phrase|secret (?:key|word)"
            r"|(?:the )?code (?:(?:that )?(?:you|we) (?:just |have )?(?:received|sent|got|were sent)"
            r"|(?:that )?(?:was|we) (?:just )?sent))",
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
            r"\b(?:social security|ssn|passport|national id|id number|tax id|driver'?s licen"
            r"|(?:policy|member|membership|customer|patient|employee|insurance|licen[cs]e"
            r"|registration|medical record) (?:id|no|number)|licen[cs]e plate)",
        ),
        (Category.BANK_ACCOUNT, r"\b(?:account number|iban|routing number|sort code)"),
        (Category.CREDIT_CARD, r"\b(?:card number|cvv|cvc|security code)"),
    )
)
_QUESTION_CUE = re.compile(
    r"\?|\b(?:please |kindly )?(?:type|enter|provide|reply with|send|tell me|confirm|share"
    r"|give me|what(?:'s| is| was| are)|which|how much|roughly|have you|are you|do you|has anyone"
    r"|(?:i|we)(?:'ll| will)? need|(?:can|could|may) (?:i|we) (?:have|get))\b",
    re.IGNORECASE,
)
SCORE = 0.9
# A question put to the reader, for the in-window case.
_ADDRESSED = re.compile(
    r"\b(?:you|your|you're|yours|enter|type|provide|confirm|re-?enter|tell us|send us)\b",
    re.IGNORECASE,
)
# Chat-template markup and role labels around a turn's words.
_MARKUP = re.compile(r"<\|[^|<>]{0,40}\|>|</?s>|\[/?INST\]")
_ROLE_ONLY = re.compile(
    r"^\s*(?:system|user|assistant|human|bot|agent|model|customer|client|me)\s*:?\s*$",
    re.IGNORECASE,
)
# The speaker who asks, not the one who answers: an assistant's line is never the user's answer.
_ASKER_LABEL = re.compile(
    r"^\s*(?:assistant|bot|agent|ai|system|model|operator|support|q|question)\s*[:>-]",
    re.IGNORECASE,
)
_ANSWER_ROLES = frozenset({"user", "human", "customer", "client", "me"})
_ANSWER_LABEL = re.compile(
    r"^\s*(?:(?:user|customer|client|me|human|caller|a|answer|reply|response)\s*[:>-]|>)\s*",
    re.IGNORECASE,
)


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
        return self._at_window_start(window) + self._inside(window)

    def _at_window_start(self, window: TextWindow) -> list[Span]:
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

    def _inside(self, window: TextWindow) -> list[Span]:
        """Answers on a line of the window whose previous turn (line) asks for something
        private and is addressed to the reader."""
        text = window.text
        if "\n" not in text[window.start : window.end]:
            return []
        spans = []
        previous = role = ""
        pos = max(0, window.start - QUESTION_CHARS)
        pos = text.find("\n", pos) + 1 if pos else 0
        while pos < window.end:
            newline = text.find("\n", pos, window.end)
            line_end = window.end if newline == -1 else newline
            line = text[pos:line_end]
            if len(line) > _LONGEST_TURN_LINE:  # prose: neither an answer nor a role line
                previous, role = line, ""
                pos = line_end + 1
                continue
            if "<" in line or "[" in line:
                line = _MARKUP.sub(lambda m: " " * len(m.group()), line)
            stripped = line.strip()
            if stripped and len(stripped) <= 20 and _ROLE_ONLY.match(line):
                role = stripped.rstrip(":").lower()  # "<|im_start|>user" labels the next turn
            elif stripped:
                if line_end > window.start:
                    span = self._answer(line, pos, previous, role)
                    if span is not None and span.end > window.start:
                        spans.append(span)
                previous, role = line, ""
            pos = line_end + 1
        return spans

    def _answer(self, line: str, offset: int, question: str, role: str) -> Span | None:
        """The answer on ``line`` to ``question`` (the turn before), if it asks for something
        private: a labelled user turn ("User: ...", "A: ...", "> ..."), or an unlabelled short
        line right after a line that ends in a question mark or a colon."""
        if _ASKER_LABEL.match(line) or _ASKER_LABEL.match(role + ":"):
            return None
        label = _ANSWER_LABEL.match(line)
        begin = label.end() if label else len(line) - len(line.lstrip())
        labelled = label is not None or role in _ANSWER_ROLES
        answer = line[begin:].rstrip()
        if not is_short_answer(answer) or answer.endswith("?"):
            return None
        if not _ADDRESSED.search(question):
            return None
        if not labelled and (
            not question.rstrip().endswith(("?", ":")) or len(answer.split()) > UNLABELLED_MAX_WORDS
        ):
            return None
        category = asked_for(question[-QUESTION_CHARS:])
        if category is None:
            return None
        return Span(offset + begin, offset + begin + len(answer), category, 1, SCORE, self.name)
