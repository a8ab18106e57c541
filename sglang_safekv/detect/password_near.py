"""Tier 1: a password-shaped token in the sentence of a password word, with no copula between.

"Use the guest network, passcode tulip2020", "Is Bluebird$2021 strong enough as a password?",
"my wifi password, if anyone asks: Tulip2020": the stated-secret patterns need "is" or a colon
right after the word, so these stayed public. A token with letters and a digit or a symbol
(``credential_values.password_shaped``) up to eight words before or after a password word, in the
same sentence, is private; prose about passwords seldom holds one ("12-character",
"argon2id" and "OAuth2" are excluded by the shape rule).

Plain Python rather than a pattern: a regex for "a token holding a letter and a digit, within
six words" either backtracks quadratically on long tokens (``re``) or is too large for
Hyperscan. Here each password word costs two short slices and a split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import password_shaped
from sglang_safekv.detect.normalise import find_normalised
from sglang_safekv.detect.patterns_stated import NEAR_PASSWORD_WORD
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
NEAR_TOKENS = 8  # tokens read on each side of the word
REACH_CHARS = 160  # and never further than this
# Lowercase stems of every password word: the word pattern runs only in a short window around
# each occurrence of one (a whole-text scan of its alternation cost 50-70 us per 900 characters).
# Only "pass" ("WLANPasswort") and "schl" ("Netzwerkschlüssel") occur inside a password word;
# the others start one, so an occurrence inside a word ("mapping", "spinning") is skipped.
_STEMS_INSIDE = ("pass", "schl")
# Password words of scripts without spaces or case: found as written, anywhere.
_OTHER_SCRIPT_WORDS = (
    "パスワード", "暗証番号", "密码", "密碼", "口令", "비밀번호", "암호", "पासवर्ड", "كلمة المرور",
    "كلمة السر", "пароль", "hasło", "hasła", "şifre", "lösenord", "salasana", "heslo", "jelszó",
    "κωδικός",
)  # fmt: skip
_STEMS_AT_START = (
    "pw", "pin", "login", "credential", "creds", "contrase", "clave", "kennwort", "senha",
    "wachtwoord", "parola", "geheimzahl", "secret", "security", "memorable", "verbal", "mdp",
    "key",  # "wifi key", "router key"
)  # fmt: skip
_STEMS = _STEMS_INSIDE + _STEMS_AT_START + _OTHER_SCRIPT_WORDS
_LEAD, _TAIL = 24, 40  # how far a password word reaches before and after a stem in it
_WORD = re.compile(
    rf"\b{NEAR_PASSWORD_WORD}\b|" + "|".join(map(re.escape, _OTHER_SCRIPT_WORDS)), re.IGNORECASE
)
_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# Looking back from the word, a "!" or "." followed by a lowercase word ends no sentence: it
# may end the password ("plumtree66! is the admin pw").
_SENTENCE_END_BEFORE = re.compile(r"[.!?](?:\s+(?=[^a-z\s])|\s*$)|\n")
_TOKEN = re.compile(r"[^\s\"'«»“”„()\[\]<>,;]+")
_EDGE = ".:!?"
_LINKS_BEFORE = frozenset(
    ["as", "for", "is", "was", "are", "were", "=", "->", ":", "es", "est", "ist", "é", "è"]
    + ["como", "comme", "als", "come", "voor", "sono", "era"]
    # a judgement asked of the token: "would Nightingale!Road pass a 12-character password rule"
    + ["would", "could", "pass", "work", "good", "strong", "safe", "secure", "enough", "ok"]
)
# A passphrase given in quotes: "master password ... is 'gravel lantern mango quietly'". Words
# have no digit or symbol, so the shape rule cannot see it; three to eight lowercase words.
_QUOTED_PHRASE = re.compile(
    r"(?:\b(?:is|was|es|est|ist|é|è)|[:=])\s*['\"“‘«]([a-zà-ÿ]+(?:[ -][a-zà-ÿ]+){2,7})['\"”’»]"
)
_ASIDE = re.compile(r"\([^()\n]{1,60}\)")
_PHRASE_GAP = 40  # characters between the password word and the phrase's link
_SET_VERB = re.compile(r"\b(?:set|changed?|reset|updated?|switched)\b", re.IGNORECASE)
# The writer's password named again in the next sentence: "... change my password every 90
# days. current one is Retina#2291!"; not a guide's "if the old one was Summer2023, the new one
# is Summer2024", nor "my password manager ... the current one is Bitwarden2024".
_ONE_IS = re.compile(
    r"\b(?:current|new|old|temporary|temp|latest|present) one(?:'s|’s|[ \t]+is|[ \t]+was|:|[ \t]*=)"
    r"[ \t]*",
    re.IGNORECASE,
)
_MINE = re.compile(r"\b(?:my|our)[ \t]+(?:\w+[ \t]+)?$", re.IGNORECASE)
# The writer's password given as the next sentence's first words: "... posted our league site
# admin password in the parents' group. It's LittleLeague#22".
_OURS = re.compile(r"\b(?:my|our)[ \t]+(?:[\w'’-]+[ \t]+){0,3}$", re.IGNORECASE)
_IT_IS = re.compile(r"[ \t]*(?:it'?s|it’s|it is|it was)[ \t]+", re.IGNORECASE)
# The token ends its clause ("It's LittleLeague#22 - how do I"), not a product named with more
# words ("It's Chrome118 on macOS", "It was TP-Link-AX55 firmware 1.1").
_CLAUSE_END = re.compile(r"[.,;:!?)]*(?:[ \t]*$|[ \t]*[\n.,;:!?)]|[ \t]+[—–-][ \t])")
_HYPOTHETICAL = re.compile(
    r"\b(?:if|e\.g\.|example|say|suppose|like|manager|vault|app)\b", re.IGNORECASE
)
_PREPOSITIONS = frozenset(
    ["for", "of", "in", "on", "to", "with", "from", "into", "via", "at", "by", "de", "del"]
    + ["para", "pour", "für", "per", "di", "da", "do", "du", "des", "van", "en", "em"]
)


def _password_words(text: str, lowered: str) -> list[re.Match[str]]:
    """Every password word in ``text``, found around the stems it contains."""
    if len(lowered) != len(text):  # lower() changed a length ("İ"): offsets would not align
        return list(_WORD.finditer(text))
    words: dict[tuple[int, int], re.Match[str]] = {}
    for stem in _STEMS:
        inside = stem in _STEMS_INSIDE or stem in _OTHER_SCRIPT_WORDS
        i = lowered.find(stem)
        while i != -1:
            if inside or i == 0 or not _WORD_CHAR.match(lowered, i - 1):
                for m in _WORD.finditer(text, max(0, i - _LEAD), min(len(text), i + _TAIL)):
                    if m.start() <= i < m.end():
                        words.setdefault(m.span(), m)
            i = lowered.find(stem, i + 1)
    return [words[k] for k in sorted(words)]


def near_password_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each password-shaped token near a password word in ``text``."""
    lowered = text.lower()
    shaped: dict[int, tuple[int, int] | None] = {}  # token start -> its span, once checked

    def check(token: re.Match[str]) -> tuple[int, int] | None:
        if token.start() not in shaped:
            value = token.group()
            lead = len(value) - len(value.lstrip(_EDGE))
            value = value.strip(_EDGE)
            b = token.start() + lead
            shaped[token.start()] = (b, b + len(value)) if password_shaped(value) else None
        return shaped[token.start()]

    found: set[tuple[int, int]] = set()
    for word in _password_words(text, lowered):
        left_from = max(0, word.start() - REACH_CHARS)
        ends = list(_SENTENCE_END_BEFORE.finditer(text, left_from, word.start()))
        if ends:
            left_from = ends[-1].end()
        right_to = min(len(text), word.end() + REACH_CHARS)
        end = _SENTENCE_END.search(text, word.end(), right_to)
        if end and (
            end.group()[0] == "?"
            or (end.group()[0] == "\n" and not text[word.end() : end.start()].strip(" \t:-"))
        ):
            # The word ends its line, or its sentence asks ("Wifi password\nBluebird$2021", "is
            # my password strong enough? it's Summer2019!!"): the next sentence gives the value.
            end = _SENTENCE_END.search(text, end.end(), right_to)
        if end:
            right_to = end.start() + 1  # keep the dot: "tulip2020." is still the token
        if _MINE.search(text, max(0, word.start() - 12), word.start()):
            for again in _ONE_IS.finditer(
                text, word.end(), min(len(text), word.end() + REACH_CHARS)
            ):
                token = _TOKEN.match(text, again.end())
                if (
                    token is not None
                    and _HYPOTHETICAL.search(text, word.end(), again.start()) is None
                    and (span := check(token))
                ):
                    found.add(span)
                    break
        if (
            end is not None
            and end.group()[0] in ".!"
            and _OURS.search(text, max(0, word.start() - 40), word.start())
            and _HYPOTHETICAL.search(text, left_from, end.end()) is None
            and (it_is := _IT_IS.match(text, end.end()))
            and (token := _TOKEN.match(text, it_is.end()))
            and (span := check(token))
            and _CLAUSE_END.match(text, span[1])
        ):
            found.add(span)
        phrase = _QUOTED_PHRASE.search(text, word.end(), right_to)
        if phrase and phrase.start() - word.end() <= _PHRASE_GAP:
            found.add(phrase.span(1))
        before = list(_TOKEN.finditer(text, left_from, word.start()))[-NEAR_TOKENS:]
        # Before the word, a link or a judgement must stand between ("Is Bluebird$2021 strong
        # enough *as* a password", "tulip2020 *is* my password"); "reset the root password in CentOS7" and
        # "CentOS7 password reset" name a system.
        for i, token in enumerate(before):
            if any(t.group().lower() in _LINKS_BEFORE for t in before[i + 1 :]):
                span = check(token)
                if span:
                    found.add(span)
        previous = ""
        set_to = _SET_VERB.search(text, left_from, right_to) is not None
        # An aside in brackets counts as no words ("password in hex (decode it when you need
        # it): 48 61 ..." gives the value after it); its own tokens are read ("pw (Kx9#mPq2)").
        asides = [m.span() for m in _ASIDE.finditer(text, word.end(), right_to)]
        n = 0
        for token in _TOKEN.finditer(text, word.end(), right_to):
            aside = any(b < token.start() < e for b, e in asides)
            if n == NEAR_TOKENS and not aside:
                break
            n += 0 if aside else 1
            # Not the thing a preposition names: "the password for Office365"; but "set the
            # root password on the NAS to R00t!Hydra#19" gives the value after "to".
            if previous not in _PREPOSITIONS or (previous == "to" and set_to):
                span = check(token)
                if span:
                    found.add(span)
            previous = token.group().lower()
    return sorted(found)


class NearPasswordRecognizer(Recognizer):
    tier = 1
    name = "password_near_word"
    categories = frozenset({Category.CREDENTIAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self._scan(w) for w in windows]

    def _scan(self, window: TextWindow) -> list[Span]:
        return [
            Span(b, e, Category.CREDENTIAL, 1, SCORE, self.name)
            for b, e in find_normalised(
                window.text, window.start, window.end, REACH_CHARS, near_password_spans
            )
        ]
