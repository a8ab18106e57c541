"""Tier 1: the answer to a security question, given in the same sentence or line as the question.

"first pet was a ferret called Pickles", "childhood best friend — Dmitri", "my memorable word,
which is HONEYCOMB", "Where did you go on honeymoon? Crete", "'Name of the hospital where you
were born?' I put Royal Infirmary Aberdeen": the answer is a plain word or name, so no format
rule sees it; the question before it is what makes it secret. A security-question phrase, then a
link (a copula, a colon or dash, "called", "which is", "I put", a question mark), then a value:
the value and the rest of its clause are private. Prose about security questions ("answers like
your first pet's name are easy to guess") links to a describing word, not a value, and stays
public.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import (
    CLAUSE_WORDS,
    CONTINUATION_WORDS,
    is_placeholder,
)
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
MAX_VALUE_CHARS = 60

# Questions only security checks ask.
_QUESTION = (
    r"first (?:pet|dog|cat|school|teacher)(?:'s name)?|maiden name"
    r"|mother'?s (?:middle|maiden) name|father'?s middle name|(?:elementary|primary) school"
    r"|street (?:you|i) grew up on|(?:street|town|city) did (?:you|i) grow up (?:on|in)"
    r"|where (?:you|i) (?:were|was) born"
    r"|(?:hospital|city|town) (?:you|i) (?:were|was) born in|memorable (?:word|phrase)"
    r"|secret (?:question|answer)|security (?:question|answer)s?"
    # The same in other languages.
    r"|question secrète|pregunta (?:secreta|de seguridad)|sicherheitsfrage|geheimfrage"
    r"|domanda (?:segreta|di sicurezza)|pergunta (?:secreta|de segurança)|beveiligingsvraag"
    r"|pytanie (?:pomocnicze|bezpieczeństwa)|контрольный вопрос|секретный вопрос"
    r"|güvenlik sorusu|säkerhetsfråga|秘密の質問|安全问题|密保问题|보안 ?질문|सुरक्षा प्रश्न"
    r"|سؤال الأمان|nom de jeune fille|apellido de soltera|mädchenname|cognome da nubile"
    r"|nome de solteira|девичья фамилия|旧姓|primera mascota|premier animal"
)
# Questions that are small talk as well ("His favorite food is baked bean pie"): they count only
# in a text that speaks of security questions, answers, accounts or passwords.
_SMALL_TALK_QUESTION = (
    r"(?:first|childhood) (?:car|job|concert|boss|employer|phone|album|kiss|crush|(?:best )?friend"
    r"|nickname|home|house|street)(?:'s name)?|(?:pet|dog|cat)(?:'s)? name|honeymoon|favou?rite (?:food|book|movie|film|colou?r|teacher|team"
    r"|sports team|band|song|place|city|restaurant|animal|singer|author|holiday|dish)"
    r"|(?:oldest|youngest) (?:sibling|cousin)|dream job|grand(?:mother|father)'?s (?:first )?name"
    r"|wedding (?:venue|song)|high school mascot|memorable (?:place|name|date)"
)
_SECURITY_CONTEXT = re.compile(
    r"security|secret (?:question|answer)|verif|recover|log ?in|sign ?in|password"
    r"|passcode|on file|answers? (?:on file|to (?:my|the|your) (?:security|secret))|my answers"
    r"|(?:bank|my|your) account",
    re.IGNORECASE,
)
_LINK = (
    r"(?:[ \t]*[「『«“]"
    r"|(?:[ \t]+(?:is|was|are|were|=|->|called|named)"
    r"|[ \t]*(?::|：|=|—|–|-{1,2}|,?[ \t]+which (?:is|was))"
    r"|[ \t]*\?[\"'”’]?|[\"'”’]?[ \t]+I (?:put|used|wrote|said|answered|chose|picked|gave))"
    r"[ \t]+(?:(?:is|was|a|an|the)[ \t]+)?)"
)


def _stated(question: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{question})\??(?:[ \t]+\([^)\n]{{0,40}}\))?{_LINK}(?P<v>[^\s.,;!?].*)",
        re.IGNORECASE,
    )


_STATED_ANSWER = _stated(_QUESTION)
_STATED_SMALL_TALK = _stated(_SMALL_TALK_QUESTION)
# A question about someone named or another person's ("Helen Keller's first teacher was Anne
# Sullivan", "his first car"): a fact about them, not an answer on file.
_THIRD_PERSON_OWNER = re.compile(
    r"(?:\b(?i:his|her|their|its)|\b(?!(?i:mom|mum|dad|mother|father|grandma|grandpa|mama|papa)\b)"
    r"[A-Z][\w-]+['’]s?)\s+$"
)
_CLAUSE_END = re.compile(r"[.;!?\n]|,\s|\s(?:but|and|so|because)\s")
# Words after the link that describe rather than answer ("are easy to guess", "is one of").
_DESCRIBING = (
    CONTINUATION_WORDS
    | CLAUSE_WORDS
    | frozenset(
        """easy easily hard guessable public weak common commonly often usually frequently bad poor
    insecure findable searchable one questions question answers answer better best worse fine
    ok okay asked stored seems seem sounds looks why how what is are isn't aren't do does did
    should can could would will i we you they it's there select choose case-sensitive optional
    setting settings required mandatory the surname usually typically""".split()  # noqa: SIM905
    )
)


# Every question phrase holds one of these: only the lines that hold one are read. Specific
# enough that documentation seldom has one ("first" alone or "school" alone would send most
# documents to the patterns).
_STEMS = (
    "first pet", "first dog", "first cat", "first school", "first teacher", "first street",
    "first car", "first job", "first concert", "first boss", "first employer", "first phone",
    "first album", "first kiss", "first crush", "first friend", "first best friend",
    "first nickname", "first home", "first house", "childhood", "maiden", "pet's name",
    "dog's name", "cat's name", "middle name", "elementary school", "primary school",
    "school mascot", "grew up", "grow up", " born", "honeymoon", "memorable", "secret question",
    "secret answer", "security question", "security answer", "favorite ", "favourite ",
    "oldest ", "youngest ", "dream job", "grandmother", "grandfather", "wedding ",
    "question secrète", "pregunta", "sicherheitsfrage", "geheimfrage", "domanda", "pergunta",
    "beveiligingsvraag", "pytanie", "вопрос", "güvenlik", "säkerhetsfråga", "秘密", "安全问题",
    "密保", "질문", "सुरक्षा", "سؤال", "jeune fille", "soltera", "mädchenname", "nubile",
    "solteira", "девичья", "旧姓", "mascota", "premier animal", "pet name",
)  # fmt: skip


def security_answer_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each answer given right after a security-question phrase."""
    lowered = text.lower()
    starts = sorted({i for stem in _STEMS for i in _occurrences(lowered, stem)})
    if not starts:
        return []
    found = []
    line_end = -1
    for i in starts:
        if i < line_end:
            continue  # this line was read already
        line_start = text.rfind("\n", 0, i) + 1
        line_end = text.find("\n", i)
        line_end = len(text) if line_end == -1 else line_end
        patterns = [_STATED_ANSWER]
        # Small-talk questions count where security answers are the subject: this line or
        # the two before it ("Security questions for Dad's account:\n1. ... honeymoon? Crete").
        context_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, max(0, line_start - 1))))
        if _SECURITY_CONTEXT.search(text, max(0, context_start), line_end):
            patterns.append(_STATED_SMALL_TALK)
        for m in (m for p in patterns for m in p.finditer(text, line_start, line_end)):
            value = m.group("v")
            first = value.split(maxsplit=1)[0].strip("\"'“”‘’(),;:.").lower()
            if not first or first in _DESCRIBING or is_placeholder(value.split(maxsplit=1)[0]):
                continue
            if _THIRD_PERSON_OWNER.search(text, max(line_start, m.start() - 40), m.start()):
                continue
            end = _CLAUSE_END.search(value)
            length = min(end.start() if end else len(value), MAX_VALUE_CHARS)
            if length > 0:
                found.append((m.start("v"), m.start("v") + length))
    return found


def _occurrences(text: str, stem: str) -> list[int]:
    out, i = [], text.find(stem)
    while i != -1:
        out.append(i)
        i = text.find(stem, i + 1)
    return out


class SecurityAnswerRecognizer(Recognizer):
    tier = 1
    name = "security_answer"
    categories = frozenset({Category.PERSONAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self._scan(w) for w in windows]

    def _scan(self, window: TextWindow) -> list[Span]:
        # The question may sit on the judged window's first line, before the window.
        offset = window.text.rfind("\n", 0, window.start) + 1
        spans = []
        for b, e in security_answer_spans(window.text[offset : window.end]):
            b, e = b + offset, e + offset
            if e > window.start and b < window.end:
                spans.append(Span(b, e, Category.PERSONAL, 1, SCORE, self.name))
        return spans
