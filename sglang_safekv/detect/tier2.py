"""Tier 2: spaCy named-entity recognition with context enhancement. Milliseconds, batched.

Names have no format, so patterns cannot find them; a statistical NER model can. Only the
``ner`` component runs (the tagger, parser and lemmatizer are excluded: they cost time and the
small English pipeline's NER has its own embedding layer). Entities become findings with a
base score per label, raised when the sentence ties them to a person ("I live in Denver",
"born on 3 May 1980"); below-threshold findings only send their sentence to tier 3.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.patterns import living_birth_date
from sglang_safekv.detect.personal import (
    about_a_private_person,
    introduces_a_person,
    is_placeholder_name,
)
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

# Words that tie a place to the person writing ("I live in", "moved to", "born in").
_RESIDENCE = re.compile(
    r"\b(?:live[sd]?|living|born|moved?|home|reside[sd]?|address|grew up|hometown|based in"
    r"|relocat\w*)\b",
    re.IGNORECASE,
)
# "from" ties a place to a person only before it in its clause ("I'm originally from the small
# town of Tiverton"), not anywhere in the sentence ("In the US, scores range from 300 to 850").
_FROM_BEFORE = re.compile(r"\bfrom\b[^.;:!?()]{0,40}$", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:i|i'm|im|i've|my|me|mine)\b", re.IGNORECASE)
# Words of English: a sentence with none is another language's, whatever NER made of it.
_ENGLISH_WORDS = re.compile(
    r"\b(?:i|i'm|my|me|we|our|us|you|your|he|she|his|her|the|and|to|of|with|for|is|are|was"
    r"|at|on|in|this|that|it|please|name|invite|call|ask|tell|send)\b",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:born|birth|dob|d\.o\.b|birthday|age)\b", re.IGNORECASE)
# An age in general text, which spaCy tags DATE ("symptoms began before age 12"): no date of
# birth. A record's "Owen Gallagher, age 9" stays.
_AN_AGE = re.compile(r"(?i:(?:before|after|under|over|from|at|by) age[ds]?) \d{1,3}")
# Digits, markup, a web address ("findahelpline.com"), an article ("an App Password").
_NOT_A_NAME = re.compile(
    r"[\d:/@_=<>{}\[\]#\\]|\w\.[a-z]{2,}\b|^(?:an?|the|your|our) "
    # a desk or line of a business ("Skyward Reservations: 1-800-...", "Acme Support")
    r"|\b(?:Reservations|Support|Helpdesk|Helpline|Hotline|Desk|Team|Services|Cent(?:er|re)"
    r"|Billing|Bookings|Customer Care|Concierge|Front Office)$"
)
# spaCy label -> (category, base score, context pattern, score with context)
LABEL_RULES: dict[str, tuple[Category, float, re.Pattern[str] | None, float]] = {
    "PERSON": (Category.PERSON, 0.85, None, 0.85),
    "GPE": (Category.LOCATION, 0.35, _RESIDENCE, 0.75),
    "LOC": (Category.LOCATION, 0.35, _RESIDENCE, 0.75),
    "FAC": (Category.ADDRESS, 0.35, _RESIDENCE, 0.75),
    "DATE": (Category.DATE_OF_BIRTH, 0.2, _BIRTH, 0.8),
    "MONEY": (Category.FINANCE, 0.2, _PERSONAL, 0.3),
    "NORP": (Category.PERSONAL, 0.2, _PERSONAL, 0.3),
}
_PLACES = frozenset({"GPE", "LOC", "FAC"})
SENTENCE_REST_CHARS = 200  # how far past a window's end its last sentence is read as context
SINGLE_NAME_SCORE = 0.45  # below the default threshold: a hint for tier 3

# Words that start sentences, lines and clauses in prompts and documents ("Hello,", "System:
# You are ..."). Capitalized there, one of these is a common word, not a name or place (so
# words that are also first names, "Will", "May", are left out).
COMMON_STARTERS = frozenset(
    """a about above act add after again all also always an analyse analyze and answer any
    are as ask assist assistant at avoid be because before being below between both but by
    can check choose cite consider context could create decline describe do does don't each
    either ensure every example explain find first focus follow for format from generate give
    goal good great greetings guide hello help her here hey hi his how however i if important
    in include input instead instructions is it its just keep let limit list maintain make
    many more most must my never next no not note now of offer on once only or other our
    output please prefer provide question rather recommend refuse remember reply respond
    response return review rewrite role rules say see she should show since so some start
    state stay step still style suggest summarize system take task tell thank thanks that the
    their then there these they this those to today tone translate try turn under unless
    until use user using very was we what when where whether which while who why with
    without would write yes yet you your""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w']*")
_FIRST_PERSON = frozenset({"I", "I'm", "I've", "I'll", "I'd"})
# A title right before a name, which spaCy leaves out of the PERSON entity.
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Sir|Mme|Mlle|Herr|Frau|Sr|Sra|Srta)\.?[^\S\n]+$"
)
# A system prompt's persona, named under its label ("Persona: Ms. Hartley - AI reading tutor"):
# an assistant's name is public by the written policy; tier 3 reads the line all the same.
_PERSONA_BEFORE = re.compile(r"(?i)\b(?:persona|bot name)[ \t]*[:：][ \t]*$")
_CLAUSE_OPENERS = "\n:;\"'([{*>-\u2022\u2013\u2014"


def _at_clause_start(sentence: str, at: int) -> bool:
    """True where only spaces stand between ``at`` and the start of the sentence or a clause
    opener (line break, colon, quote, bracket, bullet)."""
    i = at - 1
    while i >= 0 and sentence[i] in " \t":
        i -= 1
    return i < 0 or sentence[i] in _CLAUSE_OPENERS


def may_hold_entities(sentence: str) -> bool:
    """False for a sentence without digits whose only capitalized words are common words at a
    clause start ("Never share passwords.", "System: You are a tutor.") or the pronoun I:
    spaCy's NER has nothing to find there, so the gate skips it."""
    if any(c.isdigit() for c in sentence):
        return True
    for m in _WORD.finditer(sentence):
        word = m.group()
        if not word[0].isupper() or word in _FIRST_PERSON:
            continue
        if word.lower() in COMMON_STARTERS and _at_clause_start(sentence, m.start()):
            continue
        return True
    return False


def _person_score(text: str, sentence: str) -> float:
    """A name counts in a sentence about a private person (``personal.py``); one word needs
    a context that introduces a person. Elsewhere it is not even a hint."""
    if _NOT_A_NAME.search(text) or not any(c.isalpha() for c in text):
        return 0.0
    if is_placeholder_name(text, sentence):
        return 0.0  # "John Doe" in a worked example stands for anyone
    if introduces_a_person(sentence):
        return 0.85
    if text == text.lower() != text.upper() and not _ENGLISH_WORDS.search(sentence):
        # No capital and no English around it: another language's words read as a name
        # ("Atendimento humano pelo telefone 0800 ..."). A name typed in lowercase in English
        # ("invite peter novak and claire dumont to the review") still counts.
        return 0.0
    about = about_a_private_person(sentence, text)
    if len(text.split()) >= 2:
        return 0.85 if about else 0.0
    return SINGLE_NAME_SCORE if about else 0.0


def _whole_last_sentence(w: TextWindow, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``bounds`` with the last sentence read to its end where the window stops inside it.

    With ``first_only`` the detector hands tier 2 the text before the first finding: "1. Andre
    Lewis, 38, " without the "SSN 301-88-4412" that makes the name personal, and NER reads
    a cut sentence worse. The sentence's rest (up to ``SENTENCE_REST_CHARS``) is context; no
    entity that starts after the window is reported.
    """
    if not bounds or w.end >= len(w.text):
        return bounds
    b, e = bounds[-1]
    rest = sentence_bounds(w.text, b, min(len(w.text), w.end + SENTENCE_REST_CHARS))
    return [*bounds[:-1], (b, max(e, rest[0][1]))] if rest else bounds


def _load_without_plugin_factories(spacy, name: str):
    """spacy.load, first without importing every package's spaCy plugin factories.

    Building a pipeline imports all ``spacy_factories`` entry points; presidio-analyzer's
    pulls presidio, transformers and tldextract (~8 s) though NER needs none of them. If the
    pipeline does need a plugin factory, load again the normal way. Raises OSError when the
    pipeline is not installed.
    """
    plugins = spacy.util.registry._entry_point_factories
    previous = plugins.entry_points
    plugins.entry_points = False
    try:
        return spacy.load(name)
    except (KeyError, ValueError):  # a factory not found (E002) or a config error
        plugins.entry_points = previous
        return spacy.load(name)
    finally:
        plugins.entry_points = previous


class SpacyNerRecognizer(Recognizer):
    tier = 2
    categories = frozenset(rule[0] for rule in LABEL_RULES.values())

    def __init__(
        self, pipeline: str, batch_size: int = 64, name: str = "spacy_ner", gate: bool = True
    ) -> None:
        self.name = name
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.gate = gate
        self._nlp = None
        self._lock = threading.Lock()  # one spaCy pipeline, used by one thread at a time

    def load(self) -> None:
        if self._nlp is not None:
            return
        import spacy

        nlp = _load_without_plugin_factories(spacy, self.pipeline)
        if "ner" not in nlp.pipe_names:
            raise ValueError(f"spaCy pipeline {self.pipeline!r} has no 'ner' component")
        keep = ["ner"]
        for name in nlp.pipe_names:  # a shared embedding layer that NER listens to must run
            if "ner" in getattr(nlp.get_pipe(name), "listening_components", ()):
                keep.insert(0, name)
        nlp.select_pipes(enable=keep)
        self._nlp = nlp

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        self.load()
        assert self._nlp is not None
        # One spaCy doc per run of consecutive sentences that pass the gate (without the gate:
        # one per window), all in one nlp.pipe batch: cheaper than a doc per sentence, and a
        # skipped sentence is never read. Sentences give the context for scores.
        groups: list[tuple[int, list[tuple[int, int]]]] = []
        for wi, w in enumerate(windows):
            current: list[tuple[int, int]] = []
            for b, e in _whole_last_sentence(w, sentence_bounds(w.text, w.start, w.end)):
                if not self.gate or may_hold_entities(w.text[b:e]):
                    current.append((b, e))
                elif current:
                    groups.append((wi, current))
                    current = []
            if current:
                groups.append((wi, current))
        texts = [windows[wi].text[bounds[0][0] : bounds[-1][1]] for wi, bounds in groups]
        with self._lock:
            docs = list(self._nlp.pipe(texts, batch_size=self.batch_size))
        out: list[list[Span]] = [[] for _ in windows]
        for (wi, bounds), doc in zip(groups, docs):
            w, base = windows[wi], bounds[0][0]
            starts = [b for b, _e in bounds]
            for ent in doc.ents:
                rule = LABEL_RULES.get(ent.label_)
                start, end = base + ent.start_char, base + ent.end_char
                if rule is None or end <= w.start or start >= w.end:
                    continue
                b, e = bounds[max(0, bisect.bisect_right(starts, start) - 1)]
                sentence = w.text[b:e]
                category, base_score, context, boosted = rule
                if ent.label_ == "PERSON":
                    score = _person_score(ent.text, sentence)
                    title = _TITLE_BEFORE.search(w.text, max(0, start - 12), start)
                    if title is not None:  # "Mr. Castellanos": the title names him too
                        start = title.start()
                    if score and _PERSONA_BEFORE.search(w.text, max(0, start - 24), start):
                        score = SINGLE_NAME_SCORE  # a hint: tier 3 still reads its sentence
                elif (
                    context is not None
                    and (
                        context.search(sentence)
                        or (
                            ent.label_ in _PLACES
                            and _FROM_BEFORE.search(w.text, max(0, start - 48), start)
                        )
                    )
                    and (ent.label_ not in _PLACES or about_a_private_person(sentence, ent.text))
                    and (
                        ent.label_ != "DATE"
                        or (living_birth_date(ent.text) and not _AN_AGE.fullmatch(ent.text))
                    )
                ):  # a place is personal where a private person lives, not "models from OpenAI"
                    score = boosted
                else:
                    score = base_score
                if score > 0:
                    out[wi].append(
                        Span(start, end, category, 2, score, f"{self.name}:{ent.label_}")
                    )
        return out
