"""A selective server does not start with a detector tier missing: it would share almost nothing,
silently. The refusal names what to run."""

from __future__ import annotations

import pytest

from sglang_safekv import runtime
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.pipeline import DetectionPipeline


def _pipeline(tmp_path, tiny_tokenizer, **overrides) -> DetectionPipeline:
    config = DetectorConfig(**overrides)
    pipeline = DetectionPipeline(config, tiny_tokenizer, sink=lambda result: None)
    return pipeline.start()


def test_missing_tier3_model_refuses_start_naming_the_build(tmp_path, tiny_tokenizer):
    pipeline = _pipeline(
        tmp_path, tiny_tokenizer, tiers=(1, 3), tier3_model_dir=str(tmp_path / "absent")
    )
    with pytest.raises(RuntimeError, match="sglang-safekv build-detector-model"):
        runtime.refuse_degraded_detector(pipeline)


def test_unbuilt_default_model_refuses_start(tmp_path, tiny_tokenizer, monkeypatch):
    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path))  # no manifest there
    pipeline = _pipeline(tmp_path, tiny_tokenizer, tiers=(1, 3))
    with pytest.raises(RuntimeError, match="transformer"):
        runtime.refuse_degraded_detector(pipeline)


def test_all_tiers_loaded_starts(tmp_path, tiny_tokenizer):
    pipeline = _pipeline(tmp_path, tiny_tokenizer, tiers=(1,))
    try:
        runtime.refuse_degraded_detector(pipeline)  # does not raise
        assert pipeline.stats()["unavailable"] == {}
    finally:
        pipeline.close()
