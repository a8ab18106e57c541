"""The tier-3 build: deterministic, atomic, loadable. A tiny spec keeps it to seconds."""

import dataclasses
import json

import pytest
import torch
from safetensors.torch import load_file, save_file

from sglang_safekv.detect.tier3 import HEAD_FILE, SPEC_FILE, SentenceClassifier
from sglang_safekv.tooling.detector.red_team_sentences import dev_sentences
from sglang_safekv.tooling.detector.train import (
    TrainSpec,
    default_tier3_dir,
    ensure_tier3_model,
    train,
)

TINY = TrainSpec(
    samples=40,
    eval_samples=20,
    layers=1,
    hidden=8,
    epochs=2,
    red_team_rounds=(),
    red_team_weight=1,
    members=1,
    plain_members=0,
)


def test_same_spec_same_weights_and_the_result_loads(tmp_path):
    a = train(TINY, tmp_path / "a")
    b = train(TINY, tmp_path / "b")
    assert (a / HEAD_FILE).read_bytes() == (b / HEAD_FILE).read_bytes()
    info = json.loads((a / SPEC_FILE).read_text())
    assert info["train_spec"]["layers"] == 1 and info["train_sentences"] > 20
    model = SentenceClassifier(a)
    assert tuple(model.predict(["hello there", "my card was declined"]).shape) == (2, 6)
    assert not list(tmp_path.glob("a.*"))  # no temporary directory left behind


def test_cached_build_is_reused_and_spec_changes_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path))
    assert default_tier3_dir(TINY) != default_tier3_dir(TrainSpec(seed=1))
    with_red_team = dataclasses.replace(TINY, red_team_rounds=(1,))
    assert default_tier3_dir(TINY) != default_tier3_dir(with_red_team)
    built = ensure_tier3_model(TINY)
    stamp = (built / HEAD_FILE).stat().st_mtime_ns
    assert ensure_tier3_model(TINY) == built
    assert (built / HEAD_FILE).stat().st_mtime_ns == stamp
    assert built.parent == tmp_path / "detector"


def test_red_team_dev_sentences_join_the_training_set(tmp_path):
    plain = json.loads((train(TINY, tmp_path / "a") / SPEC_FILE).read_text())
    spec = dataclasses.replace(TINY, red_team_rounds=(1,), red_team_weight=2)
    texts, _ = dev_sentences((1,))
    grown = json.loads((train(spec, tmp_path / "b") / SPEC_FILE).read_text())
    assert grown["train_sentences"] == plain["train_sentences"] + 2 * len(texts)


def test_an_ensemble_averages_its_members_and_its_first_member_is_the_single_head(tmp_path):
    single = train(TINY, tmp_path / "one")
    trio = train(dataclasses.replace(TINY, members=3), tmp_path / "three")
    heads = load_file(str(single / HEAD_FILE))
    members = load_file(str(trio / HEAD_FILE))
    # member 0 is the head the single build trains, tensor for tensor
    for name, tensor in heads.items():
        if name.startswith("norm."):
            assert torch.equal(members[name], tensor)
        else:
            assert torch.equal(members[f"member0.{name}"], tensor)
    assert not torch.equal(members["member1.1.weight"], members["member0.1.weight"])
    sentences = ["hello there", "my card was declined", "I was diagnosed with lupus in May."]
    model = SentenceClassifier(trio)
    assert len(model.heads) == 3
    features = (model.encoder.encode(sentences) - model.mean) / model.std
    with torch.inference_mode():
        by_member = [h(features).softmax(-1) for h in model.heads]
    probs = model.predict(sentences)
    assert torch.allclose(probs, torch.stack(by_member).mean(0))
    assert not torch.allclose(probs, by_member[0])
    assert json.loads((trio / SPEC_FILE).read_text())["members"] == 3


def test_a_head_file_with_tensors_it_does_not_use_is_refused(tmp_path):
    built = train(TINY, tmp_path / "a")
    state = load_file(str(built / HEAD_FILE))
    state["stray"] = state["norm.mean"].clone()
    save_file(state, str(built / HEAD_FILE))
    with pytest.raises(ValueError, match="unexpected tensors"):
        SentenceClassifier(built)


def test_plain_members_train_on_the_generated_corpus_alone(tmp_path):
    spec = dataclasses.replace(TINY, red_team_rounds=(1,), members=2)
    mixed_dir = train(dataclasses.replace(spec, plain_members=1), tmp_path / "m")
    mixed = load_file(str(mixed_dir / HEAD_FILE))
    full = load_file(str(train(spec, tmp_path / "f") / HEAD_FILE))
    # the second head trains on everything in both builds; the first only where it is not plain
    assert torch.equal(mixed["member1.1.weight"], full["member1.1.weight"])
    assert not torch.equal(mixed["member0.1.weight"], full["member0.1.weight"])


@pytest.mark.parametrize("members, plain", [(0, 0), (2, 3), (2, -1)])
def test_an_impossible_ensemble_is_refused(tmp_path, members, plain):
    with pytest.raises(ValueError, match="plain_members"):
        train(dataclasses.replace(TINY, members=members, plain_members=plain), tmp_path / "x")
