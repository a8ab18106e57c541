import hashlib
from pathlib import Path

import pytest

from sglang_safekv.tooling.tiny_model import ROLE_TOKENS, TinyModelSpec, build_model, ensure_model

SMALL = TinyModelSpec(
    vocab_size=600,
    hidden_size=32,
    intermediate_size=64,
    num_hidden_layers=1,
    num_attention_heads=2,
    num_key_value_heads=1,
    corpus_sentences=1500,
)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    return build_model(SMALL, tmp_path_factory.mktemp("m") / "a")


def test_build_is_deterministic(small_model, tmp_path):
    again = build_model(SMALL, tmp_path / "b")
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        assert _digest(small_model / name) == _digest(again / name), name


def test_another_seed_gives_other_weights(small_model, tmp_path):
    other = build_model(TinyModelSpec(**{**SMALL.__dict__, "seed": 1}), tmp_path / "c")
    assert _digest(small_model / "model.safetensors") != _digest(other / "model.safetensors")


def test_spec_digest_names_the_cache_directory():
    assert SMALL.digest() == TinyModelSpec(**SMALL.__dict__).digest()
    assert SMALL.digest() != TinyModelSpec().digest()


def test_ensure_model_reuses_a_cached_build(small_model):
    before = (small_model / "model.safetensors").stat().st_mtime_ns
    assert ensure_model(SMALL, small_model) == small_model
    assert (small_model / "model.safetensors").stat().st_mtime_ns == before


def test_chat_template_and_generation(small_model):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(small_model)
    text = tok.apply_chat_template(
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi Ann"}],
        add_generation_prompt=True,
        tokenize=False,
    )
    assert text.startswith(tok.bos_token) and text.endswith("<|assistant|>\n")
    ids = tok(text, add_special_tokens=False)["input_ids"]
    for role in ROLE_TOKENS[:2]:
        assert tok.convert_tokens_to_ids(role) in ids  # role tags are single special tokens
    assert tok.decode(tok("Call 555-0100 now.")["input_ids"]) == "Call 555-0100 now."
    model = AutoModelForCausalLM.from_pretrained(small_model)
    out = model.generate(torch.tensor([ids]), max_new_tokens=4, do_sample=False)
    assert out.shape[1] == len(ids) + 4


def test_display_path_hides_machine_paths(tmp_path, monkeypatch):
    from sglang_safekv.tooling.tiny_model import display_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert display_path(tmp_path / "sub") == "sub"
    assert display_path(Path.home() / "x" / "y").startswith("~")
    assert display_path("/definitely/elsewhere") == "/definitely/elsewhere"


def test_building_dir_replaces_the_artifact_only_when_the_build_completes(tmp_path):
    from sglang_safekv.artifacts import building_dir

    out = tmp_path / "artifact"
    out.mkdir()
    (out / "old").write_text("old")
    with pytest.raises(RuntimeError), building_dir(out) as tmp:
        (tmp / "half").write_text("half")
        raise RuntimeError("interrupted")
    assert [p.name for p in tmp_path.iterdir()] == ["artifact"]  # no leftover temp dir
    assert (out / "old").exists()
    with building_dir(out) as tmp:
        (tmp / "new").write_text("new")
    assert [p.name for p in out.iterdir()] == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["artifact"]


def test_training_text_does_not_depend_on_the_clock(monkeypatch):
    import datetime as dt

    from faker.providers import date_time

    from sglang_safekv.tooling.tiny_model import TinyModelSpec, _training_text

    spec = TinyModelSpec(corpus_sentences=60)
    first = _training_text(spec)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 6, 1, tzinfo=tz)

    monkeypatch.setattr(date_time, "datetime", Later)
    assert _training_text(spec) == first
