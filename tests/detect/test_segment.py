from sglang_safekv.detect.segment import MAX_SENTENCE_CHARS, sentence_bounds


def pieces(text, start=0, end=None):
    return [text[b:e] for b, e in sentence_bounds(text, start, end)]


def test_splits_on_punctuation_and_lines_not_abbreviations():
    text = "Dr. Smith saw me. It was fine!\nNext line? Yes e.g. this one"
    assert pieces(text) == ["Dr. Smith saw me.", "It was fine!", "Next line?", "Yes e.g. this one"]


def test_escaped_newlines_inside_json_split_sentences():
    text = '{"content": "Hi there.\\n\\nI was diagnosed last week.\\nThanks"}'
    assert pieces(text)[1:] == ["I was diagnosed last week.", 'Thanks"}']


def test_first_sentence_extends_back_to_its_start_and_last_is_cut_at_end():
    text = "First one. The second sentence goes on. Third."
    start = text.index("second")
    end = text.index("goes") + 4
    assert pieces(text, start, end) == ["The second sentence goes"]


def test_empty_range_and_whitespace():
    assert sentence_bounds("abc", 2, 2) == []
    assert sentence_bounds("   \n\n  ") == []


def test_long_runs_are_capped():
    text = "word " * 300
    bounds = sentence_bounds(text)
    assert len(bounds) > 1
    assert all(e - b <= MAX_SENTENCE_CHARS for b, e in bounds)
    assert "".join(text[b:e] for b, e in bounds).replace(" ", "") == text.replace(" ", "")


def test_long_runs_of_blanks_and_dots_are_read_in_one_pass():
    # each run is one boundary or one capped sentence, found without trying every character
    # (100k blanks took 28 s before stop 36)
    text = " " * 200_000 + "Tail."
    assert sentence_bounds(text) == [(200_000, 200_005)]
    assert sentence_bounds("\t" * 200_000 + "| x") == [(200_002, 200_003)]
    assert len(sentence_bounds("." * 200_000)) == 500
