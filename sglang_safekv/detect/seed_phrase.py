"""Tier 1: wallet recovery phrases, twelve or more words of a BIP-39 word list in a row.

A seed phrase is the whole wallet, and it is made of ordinary words ("abandon ability able
..."), so no format, entropy or keyword rule sees it. The word lists (English, Spanish, French,
Italian, Portuguese, Czech) come from the ``mnemonic`` package, the reference implementation's
lists. Prose almost never has twelve list words in a row: its function words ("the", "of",
"and", "is") are not in the lists, and a phrase's words all come from one list.

Lists of nouns can be list words too ("Tags: travel, beach, summer, ..."), so a run counts
only with evidence that it is a phrase: a word that names one just before it ("seed",
"recovery", "mnemonic", "wallet", "semilla", "助记词", ...) or a valid BIP-39 checksum over a
standard length (12-24 words) at its start or end (a list of nouns passes by chance 1 time in
16); from 18 words on, neither is needed. A run whose words mostly repeat ("abandon abandon ... about", the standard's test vector)
is not a phrase; without a naming word, neither is one with more than 2 function words per 12.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow

MIN_WORDS = 12  # the shortest standard phrase
LONG_RUN = 18  # this many list words in a row need no checksum (lists of nouns are shorter)
# English function words that are also list words ("you", "can", "this", "like", "then"): a
# sentence made only of list words ("Act like you can just answer any question, then run
# code") has several of them; a phrase drawn at random from 2,048 words seldom does (52 such
# words: P(more than 2 of 12) = 0.3 %, P(more than 4 of 24) = 0.2 %).
FUNCTION_WORDS = frozenset(
    """about above across again all also among any around because before behind below between
    beyond can during few have inside into just like more must near now off once only other
    outside over own same since such that then there they this toward under until upon very
    what when where will you""".split()  # noqa: SIM905
)


def max_function_words(count: int) -> int:
    return 2 + (count - MIN_WORDS) // 6


LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech")
SCORE = 0.95
# Letters and combining marks (a decomposed "í" is "i" and U+0301).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# Words of a phrase are separated by spaces, commas, line breaks or list numbering ("1. abandon").
_SEPARATOR = re.compile(r"[\s,;.\-:)(\d/*•\"'\[\]]*")
# Words that name a phrase, read in the 60 characters before a run.
_NAMES_A_PHRASE = re.compile(
    r"(?i)\b(?:seed|recovery|mnemonic|wallet|metamask|ledger|trezor|phantom|exodus|backup"
    r"|secret (?:phrase|words)|semilla|frase|palabras|graine|phrase|mots|wiederherstellung"
    r"|semente|palavras|parole|herstel\w*|bip-?39)|助记词|助記詞|恢复短语"
)


def _fold(word: str) -> str:
    """Lower case without accents: the lists' words are matched as people type them."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def word_lists() -> tuple[frozenset[str], ...]:
    """One set per language: a phrase is drawn from one list."""
    return tuple(frozenset(words) for words in _ordered_lists())


@functools.lru_cache(maxsize=1)
def _languages_of() -> dict[str, int]:
    """Word -> bit mask of the lists it is in (bit i: ``LANGUAGES[i]``)."""
    masks: dict[str, int] = {}
    for bit, words in enumerate(word_lists()):
        for word in words:
            masks[word] = masks.get(word, 0) | 1 << bit
    return masks


def _push(masks: list[int], shared: int, mask: int) -> tuple[int, int]:
    """Append a list word (``mask`` != 0) to a run of word masks whose AND is ``shared``, keeping
    the longest suffix that still shares a list. Returns the new AND and how many words were
    dropped from the front ("seed évidence badge clavier ...": "seed" is English only, the
    rest French, so the French run starts at "évidence")."""
    if masks and shared & mask:
        masks.append(mask)
        return shared & mask, 0
    keep, new = 0, mask
    for m in reversed(masks):
        if not new & m:
            break
        new &= m
        keep += 1
    dropped = len(masks) - keep
    del masks[:dropped]
    masks.append(mask)
    return new, dropped


def phrase_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every run of ``MIN_WORDS`` or more words of one list in
    ``text[start:end]``, joined only by separators. One pass: a run is the longest stretch of
    joined list words that share a list."""
    end = len(text) if end is None else end
    languages_of = _languages_of()
    if not _may_hold_a_phrase(text[start:end], languages_of):
        return []
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []  # (start, end, folded word) of the current run
    masks: list[int] = []
    shared = 0
    last_end = start
    for m in _WORD.finditer(text, start, end):
        word = _fold(m.group())
        mask = languages_of.get(word, 0)
        gap = text[last_end : m.start()]
        last_end = m.end()
        if not (gap == " " or _SEPARATOR.fullmatch(gap) is not None) or not mask:
            runs.extend(_phrase(text, run))
            run, masks, shared = [], [], 0
        if mask:
            shared, dropped = _push(masks, shared, mask)
            if dropped:
                runs.extend(_phrase(text, run))
                del run[:dropped]
            run.append((m.start(), m.end(), word))
    runs.extend(_phrase(text, run))
    return sorted(set(runs))


# Separator characters to spaces, for the quick test below (str.translate and split run in C).
_TO_SPACE = str.maketrans({c: " " for c in ",;.-:()0123456789/*•\"'[]"})
_RUN = b"\x01" * MIN_WORDS


def _may_hold_a_phrase(text: str, languages_of: dict[str, int]) -> bool:
    """Whether ``MIN_WORDS`` list words sharing a list follow each other with only separators
    between them; cheaper than the exact pass and never False where the exact pass finds a
    run (most prose fails it within a few words). ASCII text first looks for ``MIN_WORDS``
    list words in a row, whatever their lists, in C (most prose has none)."""
    tokens = text.translate(_TO_SPACE).split()
    if text.isascii():
        found = bytes(map(bool, map(languages_of.get, map(str.lower, tokens))))
        if _RUN not in found:
            return False
    masks: list[int] = []
    shared = 0
    for token in tokens:
        mask = languages_of.get(token.lower() if token.isascii() else _fold(token), 0)
        if not mask:
            masks, shared = [], 0
            continue
        shared, _ = _push(masks, shared, mask)
        if len(masks) >= MIN_WORDS:
            return True
    return False


def _phrase(text: str, run: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The run as a span when it is long enough, its words do not mostly repeat, and something
    says it is a phrase (a naming word, or few function words and a checksum or length)."""
    if len(run) < MIN_WORDS:
        return []
    words = [w for _, _, w in run]
    if len(set(words)) * 4 < len(words) * 3:
        return []
    span = (run[0][0], run[-1][1])
    named = _NAMES_A_PHRASE.search(text, max(0, run[0][0] - 60), run[0][1]) is not None
    function = sum(w in FUNCTION_WORDS for w in words)
    if named:
        return [span]
    if function > max_function_words(len(words)):
        return []
    return [span] if len(words) >= LONG_RUN or _has_checksum(words) else []


@functools.lru_cache(maxsize=1)
def _ordered_lists() -> tuple[tuple[str, ...], ...]:
    import mnemonic

    folder = Path(mnemonic.__file__).parent / "wordlist"
    return tuple(
        tuple(_fold(w) for w in (folder / f"{language}.txt").read_text("utf-8").split())
        for language in LANGUAGES
    )


@functools.lru_cache(maxsize=1)
def _indices() -> tuple[dict[str, int], ...]:
    """Per list, word -> its BIP-39 index (its line in the list's file)."""
    return tuple({w: i for i, w in enumerate(words)} for words in _ordered_lists())


def checksum_valid(words: Sequence[str], index: dict[str, int]) -> bool:
    """BIP-39: the words' 11-bit indices are the entropy followed by the first len/3 bits of
    its SHA-256."""
    if len(words) % 3 or not 12 <= len(words) <= 24 or any(w not in index for w in words):
        return False
    bits = "".join(f"{index[w]:011b}" for w in words)
    checksum_bits = len(words) // 3
    entropy = int(bits[:-checksum_bits], 2).to_bytes(len(bits[:-checksum_bits]) // 8, "big")
    digest = hashlib.sha256(entropy).digest()
    return f"{int.from_bytes(digest, 'big'):0256b}"[:checksum_bits] == bits[-checksum_bits:]


def _has_checksum(words: list[str]) -> bool:
    """A valid checksum over the longest standard length that fits, at the run's start or end
    (a run may hold a list word before or after the phrase: "seed abandon ...")."""
    size = max(n for n in (12, 15, 18, 21, 24) if n <= len(words))
    return any(
        checksum_valid(words[:size], index) or checksum_valid(words[-size:], index)
        for index in _indices()
    )


class SeedPhraseRecognizer(Recognizer):
    tier = 1
    name = "seed_phrase"
    categories = frozenset({Category.CREDENTIAL})

    def load(self) -> None:
        word_lists()

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        # A phrase may start before the window (its first words already judged public when a
        # job ends inside it): read back up to one phrase's length.
        return [
            [
                Span(b, e, Category.CREDENTIAL, 1, SCORE, self.name)
                for b, e in phrase_spans(w.text, max(0, w.start - 24 * 12), w.end)
                if e > w.start
            ]
            for w in windows
        ]
