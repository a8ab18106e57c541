import pytest

from sglang_safekv.detect.tokens import SEPARATOR, TokenText, special_token_ids

from .conftest import chat_ids


def test_special_tokens_become_separators_and_runs_exclude_them(tiny_tokenizer):
    ids = chat_ids(
        tiny_tokenizer,
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi there"}],
    )
    tt = TokenText(tiny_tokenizer, ids)
    special = special_token_ids(tiny_tokenizer)
    assert "<|user|>" not in tt.text and "<|system|>" not in tt.text
    assert "Be brief." in tt.text and "Hi there" in tt.text
    for i, token in enumerate(ids):
        if token in special:
            assert tt.text[tt.char_start(i) : tt.char_start(i + 1)] == SEPARATOR
            assert not any(a <= i < b for a, b in tt.runs)


def test_token_at_inverts_char_start_and_covers_every_character(tiny_tokenizer):
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "Card 4111 1111, café ☕ naïve."}])
    tt = TokenText(tiny_tokenizer, ids)
    assert tt.char_start(len(ids)) == len(tt.text)
    for i in range(len(ids)):
        a, b = tt.char_start(i), tt.char_start(i + 1)
        for c in range(a, b):
            assert tt.token_at(c) == i
    token = tt.token_at(tt.text.index("4111"))
    assert tiny_tokenizer.decode(ids[token:]).lstrip().startswith("4111")
    assert "4" not in tiny_tokenizer.decode(ids[token - 1 : token])


def test_first_sensitive_character_maps_to_first_sensitive_token(tiny_tokenizer):
    content = "Call me at 415-555-2671 please"
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": content}])
    tt = TokenText(tiny_tokenizer, ids)
    token = tt.token_at(tt.text.index("415"))
    before = tiny_tokenizer.decode(ids[:token])
    assert "415" not in before and before.endswith("Call me at") or before.endswith("Call me at ")
    assert tiny_tokenizer.decode(ids[token:]).lstrip().startswith("415")


class _SlowPathTokenizer:
    """The real tokenizer with offsets disabled, to exercise the decode-based fallbacks."""

    def __init__(self, tok):
        self.tok = tok
        self.is_fast = False
        self.all_special_ids = tok.all_special_ids
        self.added_tokens_decoder = tok.added_tokens_decoder

    def decode(self, *args, **kwargs):
        return self.tok.decode(*args, **kwargs)


@pytest.mark.parametrize("content", ["plain ascii text here", "multi-byte: café ☕ 東京 naïve"])
def test_fallback_paths_agree_with_the_offset_path(tiny_tokenizer, content):
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": content}])
    fast = TokenText(tiny_tokenizer, ids)
    slow = TokenText(_SlowPathTokenizer(tiny_tokenizer), ids)
    assert slow.text == fast.text
    for c in range(len(fast.text)):
        if fast.text[c].isascii():
            assert slow.token_at(c) == fast.token_at(c), c


def test_non_canonical_ids_still_map(tiny_tokenizer):
    # Byte-level pieces of "é" as separate tokens: re-encoding would merge them.
    pieces = tiny_tokenizer.convert_tokens_to_ids(["c", "a", "f"])
    word = tiny_tokenizer("é", add_special_tokens=False)["input_ids"]
    ids = pieces + word + tiny_tokenizer(" ok", add_special_tokens=False)["input_ids"]
    tt = TokenText(tiny_tokenizer, ids)
    assert tt.text == "café ok"
    assert tt.token_at(tt.text.index("ok")) == len(ids) - 1


def test_out_of_range_is_an_error(tiny_tokenizer):
    tt = TokenText(tiny_tokenizer, tiny_tokenizer("abc")["input_ids"])
    with pytest.raises(IndexError):
        tt.token_at(len(tt.text))
    with pytest.raises(IndexError):
        tt.char_start(len(tt.ids) + 1)
