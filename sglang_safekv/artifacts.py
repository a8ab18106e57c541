"""Built artifacts (the embedded model, the tier-3 detector model) and how the server finds them.

Offline builds (``sglang_safekv.tooling``) write into one cache directory and leave a small
manifest there naming what they built; the server reads only the manifest. So the runtime never
imports build code, never guesses a directory from a hash of source files, and finds the same
artifacts whatever directory it was started from.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

MANIFEST_DIR = "manifests"
TIER3_KIND = "detector-tier3"
TINY_MODEL_KIND = "tiny-model"
BUILD_COMMANDS = {
    TIER3_KIND: "sglang-safekv build-detector-model",
    TINY_MODEL_KIND: "sglang-safekv build-model",
}


class ArtifactMissing(RuntimeError):
    """A needed artifact was never built (or its files are gone); the message says what to run."""


def default_cache_dir() -> Path:
    """Where built artifacts live: $SAFEKV_CACHE_DIR, else $XDG_CACHE_HOME/sglang-safekv, else
    ~/.cache/sglang-safekv. The Makefile uses the same rule, so `make` and the installed command
    agree."""
    env = os.environ.get("SAFEKV_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "sglang-safekv"


@dataclasses.dataclass(frozen=True)
class Manifest:
    """What a build produced: where it is, which build (digest), in which format."""

    kind: str
    path: str
    digest: str
    format: int

    @property
    def directory(self) -> Path:
        return Path(self.path)


def manifest_path(kind: str, cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / MANIFEST_DIR / f"{kind}.json"


def write_manifest(manifest: Manifest, cache_dir: Path | None = None) -> Path:
    """Atomically point ``manifest.kind`` at a finished build."""
    out = manifest_path(manifest.kind, cache_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", dir=out.parent)
    with os.fdopen(fd, "w") as f:
        json.dump(dataclasses.asdict(manifest), f, indent=2, sort_keys=True)
    os.replace(tmp, out)
    return out


def read_manifest(kind: str, cache_dir: Path | None = None) -> Manifest:
    """The manifest of ``kind``; raises :class:`ArtifactMissing` naming the build command when
    it was never written, is unreadable, or points at a directory that no longer exists."""
    path = manifest_path(kind, cache_dir)
    command = BUILD_COMMANDS.get(kind, "the build")
    if not path.exists():
        raise ArtifactMissing(f"no {kind} build found ({path} is missing); run `{command}`")
    try:
        data = json.loads(path.read_text())
        manifest = Manifest(
            kind=str(data["kind"]),
            path=str(data["path"]),
            digest=str(data["digest"]),
            format=int(data["format"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ArtifactMissing(f"{path} is unreadable ({exc}); run `{command}`") from exc
    if manifest.kind != kind:
        raise ArtifactMissing(f"{path} describes {manifest.kind!r}, not {kind!r}; run `{command}`")
    if not manifest.directory.is_dir():
        raise ArtifactMissing(
            f"{path} points at {manifest.path}, which does not exist; run `{command}`"
        )
    return manifest


@contextlib.contextmanager
def building_dir(out_dir: Path) -> Iterator[Path]:
    """A temporary sibling of ``out_dir`` to build into; it replaces ``out_dir`` only when the
    block completes, so an interrupted build never leaves a half-written artifact cached."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    try:
        yield tmp
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
