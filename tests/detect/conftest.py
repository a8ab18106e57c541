"""Shared, expensive fixtures: real tokenizer, spaCy pipeline and tier-3 model (built once)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def tiny_tokenizer():
    """The project's embedded model tokenizer (byte-level BPE with chat special tokens)."""
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    return AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)


@pytest.fixture(scope="session")
def spacy_recognizer():
    from sglang_safekv.config import DetectorConfig
    from sglang_safekv.detect.tier2 import SpacyNerRecognizer

    recognizer = SpacyNerRecognizer(DetectorConfig().spacy_pipeline)
    recognizer.load()
    return recognizer


@pytest.fixture(scope="session")
def tier3_model_dir():
    """The default tier-3 model; trained here if `make detector-model` has not built it."""
    from sglang_safekv.tooling.detector.train import ensure_tier3_model

    return ensure_tier3_model()


def chat_ids(tokenizer, messages, generation_prompt=True) -> list[int]:
    ids = tokenizer.apply_chat_template(
        messages, add_generation_prompt=generation_prompt, tokenize=True
    )
    return list(ids["input_ids"] if hasattr(ids, "keys") else ids)
