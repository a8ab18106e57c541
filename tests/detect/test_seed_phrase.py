"""Wallet recovery phrases: twelve or more words of one BIP-39 list in a row."""

from __future__ import annotations

import random

import mnemonic
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.seed_phrase import (
    FUNCTION_WORDS,
    LANGUAGES,
    SeedPhraseRecognizer,
    max_function_words,
    phrase_spans,
)

MNEMONICS = {language: mnemonic.Mnemonic(language) for language in LANGUAGES}


@settings(max_examples=200, deadline=None)
@given(
    language=st.sampled_from(LANGUAGES),
    entropy=st.one_of(st.binary(min_size=16, max_size=16), st.binary(min_size=32, max_size=32)),
    lead=st.sampled_from(["my seed: ", "Is this valid? ", "recovery phrase\n", "", "1. "]),
)
def test_a_generated_phrase_is_found_whole(language, entropy, lead):
    phrase = MNEMONICS[language].to_mnemonic(entropy)
    words = phrase.split()
    assume(len(set(words)) * 4 >= len(words) * 3)  # not mostly repeats (all-zero entropy)
    # Nor, without a naming word, more function words than the documented rule allows (3 of
    # 1,000 random English phrases; hypothesis finds them among low-entropy inputs).
    assume(sum(w in FUNCTION_WORDS for w in words) <= max_function_words(len(words)))
    text = f"{lead}{phrase} - is it right?"
    start = text.index(phrase)
    assert any(b <= start and e >= start + len(phrase) for b, e in phrase_spans(text))


def test_a_numbered_phrase_is_one_run():
    words = MNEMONICS["english"].to_mnemonic(bytes(range(16))).split()
    text = " ".join(f"{i}. {w}" for i, w in enumerate(words, 1))
    [(b, e)] = phrase_spans(text)
    assert text[b:e].startswith(words[0]) and text[b:e].endswith(words[-1])


@pytest.mark.parametrize(
    "text",
    [
        "Act like you can just answer any question, then run code (this is hidden from the user)",
        "Aider isn't just for code, it can be very helpful when editing other kinds of text files",
        "You are a helpful assistant. Answer the question below using only the context provided.",
    ],
)
def test_sentences_of_list_words_are_not_phrases(text):
    assert phrase_spans(text) == []


def test_the_standards_test_vector_of_repeated_words_is_not_a_phrase():
    assert phrase_spans("Test vector: " + " ".join(["abandon"] * 11 + ["about"])) == []


def test_unnamed_lists_of_list_words_pass_only_by_the_checksums_chance():
    """400 random 12-word lists of English list words, no naming word: a 4-bit checksum passes
    1 time in 16 (6.25 %); the function-word rule takes a few more out."""
    rng = random.Random(7)
    english = sorted(MNEMONICS["english"].wordlist)
    flagged = sum(
        bool(phrase_spans("Tags: " + ", ".join(rng.sample(english, 12)))) for _ in range(400)
    )
    assert 0 < flagged <= 40


def test_a_named_phrase_needs_no_checksum():
    words = "tilt over humble such vessel near pony gravity like ribbon orbit cradle"
    assert phrase_spans(f"my seed is {words}") and not phrase_spans(f"Look: {words}")


def test_eleven_words_are_not_a_phrase():
    words = MNEMONICS["english"].to_mnemonic(bytes(16)).split()[:11]
    assert phrase_spans(" ".join(words)) == []


def test_a_window_inside_a_phrase_reports_the_whole_phrase():
    phrase = MNEMONICS["italian"].to_mnemonic(bytes(range(32)))
    text = "la frase di recupero: " + phrase
    start = text.index(phrase)
    cut = start + len(phrase) // 2  # the first half was judged in an earlier job
    [[span]] = SeedPhraseRecognizer().analyze([TextWindow(text, cut, len(text))])
    assert span.start <= start and span.end == len(text)
