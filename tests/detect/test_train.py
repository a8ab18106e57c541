"""The tier-3 build: deterministic, atomic, loadable. A tiny spec keeps it to seconds."""

import dataclasses
import json

from sglang_safekv.detect.tier3 import HEAD_FILE, SPEC_FILE, SentenceClassifier
from sglang_safekv.tooling.detector.red_team_sentences import dev_sentences
from sglang_safekv.tooling.detector.train import (
    TrainSpec,
    default_tier3_dir,
    ensure_tier3_model,
    train,
)

TINY = TrainSpec(
    samples=40, eval_samples=20, layers=1, hidden=8, epochs=2, red_team_rounds=(), red_team_weight=1
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
