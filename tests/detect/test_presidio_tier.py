"""Presidio as an alternative tier 2 runs offline: no socket is opened while it loads and
analyzes (tldextract is pinned to its bundled suffix list)."""

import socket

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.registry import TextWindow

pytest.importorskip("presidio_analyzer")


def test_presidio_finds_entities_without_network(monkeypatch):
    from sglang_safekv.tooling.detector.presidio_tier import PresidioRecognizer

    def no_network(self, *args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    recognizer = PresidioRecognizer(DetectorConfig().spacy_pipeline)
    text = "I'm Sarah Connor, write to sarah.connor@gmail.com or pay 4111 1111 1111 1111."
    [spans] = recognizer.analyze([TextWindow(text, 0, len(text))])
    found = {(s.category, text[s.start : s.end]) for s in spans if s.score >= 0.5}
    assert {
        (Category.PERSON, "Sarah Connor"),
        (Category.EMAIL, "sarah.connor@gmail.com"),
        (Category.CREDIT_CARD, "4111 1111 1111 1111"),
    } <= found
