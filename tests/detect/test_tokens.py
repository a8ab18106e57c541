import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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

    def __len__(self):
        return len(self.tok)

    def decode(self, *args, **kwargs):
        return self.tok.decode(*args, **kwargs)


class _DroppingSlowTokenizer(_SlowPathTokenizer):
    """The slow path with a decoder that drops incomplete characters instead of "\ufffd"."""

    def decode(self, *args, **kwargs):
        return self.tok.decode(*args, **kwargs).replace("\ufffd", "")


MULTI_BYTE = "multi-byte: café ☕ 東京 naïve"


@pytest.mark.parametrize("slow_type", [_SlowPathTokenizer, _DroppingSlowTokenizer])
@pytest.mark.parametrize("content", ["plain ascii text here", MULTI_BYTE])
def test_fallback_paths_agree_with_the_offset_path(tiny_tokenizer, content, slow_type):
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": content}])
    fast = TokenText(tiny_tokenizer, ids)
    slow = TokenText(slow_type(tiny_tokenizer), ids)
    assert slow.text == fast.text
    for c in range(len(fast.text)):
        assert slow.token_at(c) == fast.token_at(c), (c, fast.text[c])


@pytest.mark.parametrize("slow_type", [_SlowPathTokenizer, _DroppingSlowTokenizer])
def test_a_multi_byte_character_maps_to_the_token_of_its_first_byte(tiny_tokenizer, slow_type):
    # "東" is three byte tokens here: all of them must be on the private side of the boundary.
    ids = tiny_tokenizer("name: 東京", add_special_tokens=False)["input_ids"]
    for tt in (TokenText(tiny_tokenizer, ids), TokenText(slow_type(tiny_tokenizer), ids)):
        first = tt.token_at(tt.text.index("東"))
        public = tiny_tokenizer.decode(ids[:first])
        assert public.rstrip() == "name:", public


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


def test_ids_outside_the_vocabulary_are_unreadable_separators(tiny_tokenizer):
    # What SGLang puts in the key for an image: ids far beyond the vocabulary.
    before = tiny_tokenizer("Here is my scan", add_special_tokens=False)["input_ids"]
    after = tiny_tokenizer(" and more text", add_special_tokens=False)["input_ids"]
    image = [1_000_000 + 17, 1_000_000 + 99]
    ids = before + image + after
    tt = TokenText(tiny_tokenizer, ids)
    assert tt.unreadable == [len(before), len(before) + 1]
    assert tt.text == "Here is my scan" + SEPARATOR * 2 + " and more text"
    assert tt.runs == [(0, len(before)), (len(before) + 2, len(ids))]
    assert TokenText(tiny_tokenizer, [*before, -1]).unreadable == [len(before)]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="ab .:é\n", max_size=40), st.data())
def test_complete_lines_and_line_starts_err_early(tiny_tokenizer, text, data):
    ids = tiny_tokenizer(text, add_special_tokens=False)["input_ids"]
    tt = TokenText(tiny_tokenizer, ids)
    end = data.draw(st.integers(0, len(ids)))
    k = tt.complete_until(end)
    shown = tt.text[: tt.char_start(end)]
    last_break = shown.rfind("\n")
    assert 0 <= k <= end
    # Nothing after the last line break is complete ...
    assert tt.char_start(k) <= last_break + 1
    # ... and all tokens up to the one carrying the break are.
    assert k >= (0 if last_break < 0 else tt.token_at(last_break))
    if shown.endswith("\n"):
        assert k == end
    token = data.draw(st.integers(0, len(ids)))
    head_break = tt.text[: tt.char_start(token)].rfind("\n")
    # The line start is the token carrying the line break before ``token`` (its whole line).
    assert tt.line_start(token) == (0 if head_break < 0 else tt.token_at(head_break))


def test_a_separator_completes_the_line_before_it(tiny_tokenizer):
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "no line break here"}])
    tt = TokenText(tiny_tokenizer, ids)
    assert tt.complete_until(len(ids)) == len(ids)  # ends with the generation prompt
    user_end = ids.index(tiny_tokenizer.eos_token_id)
    assert tt.complete_until(user_end + 1) == user_end + 1  # "<|end|>" closes the message
    assert tt.complete_until(user_end) == user_end - len(
        tiny_tokenizer("no line break here", add_special_tokens=False)["input_ids"]
    )
