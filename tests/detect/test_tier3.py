"""Tier 3 with the default model built by sglang_safekv.tooling.detector.train, and the plug-in path."""

import json

import pytest

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.tier3 import SPEC_FILE, SentenceClassifier, TransformerRecognizer
from sglang_safekv.tooling.detector.train import base_model_dir


@pytest.fixture(scope="module")
def recognizer(tier3_model_dir):
    r = TransformerRecognizer(tier3_model_dir)
    r.load()
    return r


def judge(recognizer, text):
    [spans] = recognizer.analyze([TextWindow(text, 0, len(text))])
    return [(text[s.start : s.end], s.category, s.score) for s in spans]


@pytest.mark.parametrize(
    "sentence, category",
    [
        ("I have been on antidepressants since my divorce and still can't sleep.", Category.HEALTH),
        ("I owe almost forty thousand on my cards and I'm two months behind.", Category.FINANCE),
        ("My husband doesn't know I'm seeing someone else.", Category.PERSONAL),
    ],
)
def test_personal_narratives_are_flagged(recognizer, sentence, category):
    [(text, cat, score)] = judge(recognizer, sentence)
    assert text == sentence and score >= 0.5 and cat is category


@pytest.mark.parametrize(
    "sentence",
    [
        "You are a helpful assistant. Answer questions about billing politely.",
        "Regular exercise lowers blood pressure in most adults.",
        "The quarterly report shows revenue grew while costs stayed flat.",
    ],
)
def test_public_text_is_not(recognizer, sentence):
    assert all(score < 0.5 for _t, _c, score in judge(recognizer, sentence))


def test_one_span_per_sentence_of_the_window(recognizer):
    text = "Hello there. I was diagnosed with lupus in May. Thanks!"
    spans = judge(recognizer, text)
    assert [t for t, _c, _s in spans] == [
        "Hello there.",
        "I was diagnosed with lupus in May.",
        "Thanks!",
    ]
    assert [s >= 0.5 for _t, _c, s in spans] == [False, True, False]


def test_model_dir_records_its_training(tier3_model_dir):
    info = json.loads((tier3_model_dir / SPEC_FILE).read_text())
    assert info["classes"][0] == "clean" and info["train_spec"]["seed"] == 0
    assert info["heldout_unique_sentences"]["0.5"]["recall"] > 0.8


def test_traced_encoder_gives_the_eager_features_for_any_batch_shape(tier3_model_dir):
    import torch

    from sglang_safekv.detect.tier3 import SentenceEncoder

    encoder_dir = tier3_model_dir / "encoder"
    eager = SentenceEncoder(encoder_dir, compiled=False)
    traced = SentenceEncoder(encoder_dir, compiled=True)
    assert traced._forward is not traced._eager  # tracing worked, or this checks nothing
    batches = [
        ["Hi."],
        ["You are Atlas, a shopping assistant.", "My card is 4111 1111 1111 1111, expiry 04/29."],
        ["a " * 200, "short", "I was diagnosed with type 2 diabetes last spring."],  # truncated
    ]
    for sentences in batches:
        assert torch.equal(traced.encode(sentences), eager.encode(sentences))


def test_missing_directory_fails_to_load(tmp_path):
    with pytest.raises(FileNotFoundError):
        TransformerRecognizer(tmp_path / "absent").load()


def _hf_classifier(tmp_path, labels):
    """A randomly initialised BERT sequence classifier in a local directory (plug-in format)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    BertForSequenceClassification(config).save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(str(base_model_dir())).save_pretrained(tmp_path)
    return tmp_path


def test_operators_can_plug_in_a_hugging_face_classifier(tmp_path):
    model = SentenceClassifier(_hf_classifier(tmp_path, ["public", "health", "finance"]))
    assert model.classes == ("clean", "health", "finance")
    probs = model.predict(["one sentence", "another one"])
    assert tuple(probs.shape) == (2, 3)
    assert model.category_of("finance") is Category.FINANCE


def test_plug_in_labels_must_be_known(tmp_path):
    with pytest.raises(ValueError, match="unknown category 'astrology'"):
        SentenceClassifier(_hf_classifier(tmp_path, ["clean", "astrology"]))
    with pytest.raises(ValueError, match="no clean label"):
        SentenceClassifier(_hf_classifier(tmp_path / "b", ["health", "finance"]))


EXAMPLE = (
    'Observation: "The oldest person in the document is John Doe, a 55 year old lumberjack '
    'living in Newfoundland."'
)


def test_a_placeholder_persons_example_is_not_personal(recognizer):
    # smolagents' agent prompt: a worked example about "John Doe", shared by every user.
    assert all(score < 0.5 for _t, _c, score in judge(recognizer, EXAMPLE))


@pytest.mark.parametrize(
    "sentence",
    [
        EXAMPLE.replace("John Doe", "Mark Peterson"),  # a real-looking name
        "John Doe lives with Peter Smith in Newfoundland.",  # someone else is named
        "John Doe was diagnosed with lung cancer and starts chemo on Monday.",  # private matter
    ],
)
def test_the_same_sentence_about_someone_real_still_is(recognizer, sentence):
    assert any(score >= 0.5 for _t, _c, score in judge(recognizer, sentence))
