"""The compiled Hyperscan database is cached: compiled once per pattern set, then loaded."""

from __future__ import annotations

import logging

import pytest

from sglang_safekv.detect.patterns import default_patterns

hyperscan = pytest.importorskip("hyperscan")

from sglang_safekv.detect.engines import HyperscanEngine  # noqa: E402

TEXT = "my password is tulip2020, SSN 123-45-6789, I was diagnosed in May"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path))
    return tmp_path / "hyperscan"


def _no_compiling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("compiled although the database was cached")

    monkeypatch.setattr(hyperscan, "Database", refuse)


def test_a_second_engine_loads_the_cached_database_and_matches_the_same(cache_dir, monkeypatch):
    specs = default_patterns()
    first = HyperscanEngine(specs)
    assert len(list(cache_dir.glob("*.db"))) == 2  # the prefilter and the hint database
    _no_compiling(monkeypatch)
    second = HyperscanEngine(specs)
    assert second.matching(TEXT) == first.matching(TEXT) != []
    assert second.hint_spans(TEXT) == first.hint_spans(TEXT)


def test_another_pattern_set_is_compiled_not_loaded(cache_dir):
    specs = default_patterns()
    HyperscanEngine(specs[:10])
    before = set(cache_dir.glob("*.db"))
    HyperscanEngine(specs[10:20])
    assert before and set(cache_dir.glob("*.db")) > before


def test_a_corrupt_cache_file_is_rebuilt_with_a_warning(cache_dir, caplog):
    specs = default_patterns()[:20]
    reference = HyperscanEngine(specs).matching(TEXT)
    for path in cache_dir.glob("*.db"):
        path.write_bytes(b"not a database")
    with caplog.at_level(logging.WARNING):
        engine = HyperscanEngine(specs)
    assert engine.matching(TEXT) == reference
    assert "recompiling" in caplog.text
    assert all(p.read_bytes() != b"not a database" for p in cache_dir.glob("*.db"))
