import json

import pytest

from sglang_safekv.detect.categories import Category
from sglang_safekv.tooling.detector.corpus import (
    CLEAN_KINDS,
    KINDS,
    GoldSpan,
    generate,
    render,
    templates_for,
)


def test_same_seed_same_samples_other_seed_other_samples():
    a, b, c = generate("train", 50, 7), generate("train", 50, 7), generate("train", 50, 8)
    assert a == b
    assert [s.text for s in a] != [s.text for s in c]


def test_splits_use_disjoint_templates():
    for kind in KINDS:
        train = {t for _, t in templates_for(kind, "train")}
        held = {t for _, t in templates_for(kind, "heldout")}
        assert not train & held
        if KINDS[kind][0]:
            assert train and held, kind


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_gold_spans_are_inside_text_and_clean_kinds_have_none(split):
    samples = generate(split, 400, 0)
    kinds = {s.kind for s in samples}
    assert kinds == set(KINDS)
    for s in samples:
        for g in s.spans:
            assert 0 <= g.start < g.end <= len(s.text)
            piece = s.text[g.start : g.end]
            assert piece == piece.strip() and piece
        if s.kind in CLEAN_KINDS:
            assert s.spans == ()
        else:
            assert s.spans, (s.kind, s.text)


def test_gold_span_text_is_the_slot_value():
    text, spans = render("Card {card} for {name}.", {"card": "4111", "name": "Ann Lee"}.get)
    assert text == "Card 4111 for Ann Lee."
    assert [(text[g.start : g.end], g.category) for g in spans] == [
        ("4111", Category.CREDIT_CARD),
        ("Ann Lee", Category.PERSON),
    ]


def test_narrative_tags_mark_the_whole_statement_and_braces_escape():
    text, spans = render("Hi. <health>I am sick {{really}}.</health> Bye", lambda s: "x")
    assert text == "Hi. I am sick {really}. Bye"
    assert spans == [GoldSpan(4, 23, Category.HEALTH)]


def test_template_errors_are_clear():
    with pytest.raises(ValueError, match="unclosed tag"):
        render("<health>never closed", lambda s: "")
    with pytest.raises(KeyError, match="unknown template slot"):
        generate_value("nope")


def generate_value(slot):
    from sglang_safekv.tooling.detector.corpus import CorpusGenerator

    return CorpusGenerator("train", 0).value(slot)


def test_json_style_offsets_survive_escaping():
    samples = [s for s in generate("heldout", 400, 3) if s.style == "json" and s.spans]
    assert samples
    for s in samples:
        payload = json.loads(s.text)["content"]
        for g in s.spans:
            decoded = json.loads('"' + s.text[g.start : g.end] + '"')
            assert decoded in payload
