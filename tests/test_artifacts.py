import json

import pytest

from sglang_safekv.artifacts import (
    TIER3_KIND,
    TINY_MODEL_KIND,
    ArtifactMissing,
    Manifest,
    default_cache_dir,
    manifest_path,
    read_manifest,
    write_manifest,
)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path / "a"))
    assert default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("SAFEKV_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "sglang-safekv"


def test_manifest_round_trip(tmp_path):
    build = tmp_path / "tier3-abc"
    build.mkdir()
    write_manifest(Manifest(TIER3_KIND, str(build), "abc", 2), tmp_path)
    got = read_manifest(TIER3_KIND, tmp_path)
    assert got.directory == build and got.digest == "abc" and got.format == 2


def test_missing_manifest_names_the_build_command(tmp_path):
    with pytest.raises(ArtifactMissing, match="sglang-safekv build-detector-model"):
        read_manifest(TIER3_KIND, tmp_path)
    with pytest.raises(ArtifactMissing, match="sglang-safekv build-model"):
        read_manifest(TINY_MODEL_KIND, tmp_path)


def test_manifest_pointing_at_a_removed_build_is_missing(tmp_path):
    write_manifest(Manifest(TIER3_KIND, str(tmp_path / "gone"), "abc", 2), tmp_path)
    with pytest.raises(ArtifactMissing, match="does not exist"):
        read_manifest(TIER3_KIND, tmp_path)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"kind": TIER3_KIND})])
def test_unreadable_manifest_is_missing_not_a_crash(tmp_path, content):
    path = manifest_path(TIER3_KIND, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(ArtifactMissing, match="unreadable"):
        read_manifest(TIER3_KIND, tmp_path)


def test_tier3_reads_the_manifest_and_refuses_another_format(tmp_path, monkeypatch):
    from sglang_safekv.detect import tier3

    monkeypatch.setenv("SAFEKV_CACHE_DIR", str(tmp_path))
    with pytest.raises(ArtifactMissing):
        tier3.default_model_dir()
    build = tmp_path / "b"
    build.mkdir()
    write_manifest(Manifest(TIER3_KIND, str(build), "d", tier3.MODEL_FORMAT + 1))
    with pytest.raises(ArtifactMissing, match="format"):
        tier3.default_model_dir()
    write_manifest(Manifest(TIER3_KIND, str(build), "d", tier3.MODEL_FORMAT))
    assert tier3.default_model_dir() == build
