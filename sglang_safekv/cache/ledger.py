"""The withdrawal ledger: content the monitor withdrew from sharing, keyed by what it is.

A demotion changes one node, but the same tokens come back under new nodes: another holder
re-sends them, or the node is evicted and its creator re-sends them, or the server restarts.
So a withdrawal is recorded as content: a digest of the token path from the root up to and
including the first withdrawn token, per ``extra_key``, with that path's length. A node whose
path passes through a recorded point is never made public again, whoever holds it.

The ledger lives in memory and, when given a file, is written to it whole after every new
entry (temporary file, fsync, rename: a crash leaves the old or the new file, never half of
one) and read back at start. A file that cannot be read is an error at start, never an empty
ledger: an unreadable ledger would silently make withdrawn content shareable again.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT = "sglang-safekv withdrawal ledger"
VERSION = 1


IN_MEMORY = "memory"  # cache.withdrawal_ledger_file: keep no file


class LedgerError(RuntimeError):
    """The ledger file exists but cannot be used (corrupt, wrong format, unreadable)."""


def path_digest(extra_key: str | None, tokens: Sequence[int]) -> str:
    """Digest of ``extra_key`` and a token path (little-endian int64 ids)."""
    raw = array("q", tokens)
    if sys.byteorder != "little":
        raw.byteswap()
    h = hashlib.sha256()
    h.update(json.dumps(extra_key).encode())
    h.update(b"\0")
    h.update(raw.tobytes())
    return h.hexdigest()


class WithdrawalLedger:
    """Withdrawn content points: (extra_key, path length, digest of the path)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path and str(path) != IN_MEMORY else None
        self._digests: set[tuple[str | None, int, str]] = set()
        self._depths: dict[str | None, list[int]] = {}  # sorted path lengths per extra_key
        self.write_errors = 0
        if self.path is not None and self.path.exists():
            self._load()

    def __len__(self) -> int:
        return len(self._digests)

    def __bool__(self) -> bool:
        return bool(self._digests)

    def add(self, extra_key: str | None, tokens: Sequence[int]) -> bool:
        """Record the path ``tokens`` (ending at the first withdrawn token); False if known."""
        entry = (extra_key, len(tokens), path_digest(extra_key, tokens))
        if entry in self._digests:
            return False
        self._insert(entry)
        self._save()
        return True

    def depths_in(self, extra_key: str | None, lo: int, hi: int) -> list[int]:
        """Recorded path lengths ``d`` with ``lo < d <= hi`` for ``extra_key``, ascending."""
        depths = self._depths.get(extra_key)
        if not depths:
            return []
        return depths[bisect.bisect_right(depths, lo) : bisect.bisect_right(depths, hi)]

    def contains(self, extra_key: str | None, tokens: Sequence[int]) -> bool:
        return (extra_key, len(tokens), path_digest(extra_key, tokens)) in self._digests

    # ------------------------------------------------------------------ persistence

    def _insert(self, entry: tuple[str | None, int, str]) -> None:
        self._digests.add(entry)
        depths = self._depths.setdefault(entry[0], [])
        i = bisect.bisect_left(depths, entry[1])
        if i == len(depths) or depths[i] != entry[1]:
            depths.insert(i, entry[1])

    def _load(self) -> None:
        assert self.path is not None
        where = f"withdrawal ledger {self.path}"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LedgerError(f"{where} cannot be read: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise LedgerError(f"{where} is not a ledger file (no format {FORMAT!r})")
        if data.get("version") != VERSION:
            raise LedgerError(f"{where} has version {data.get('version')!r}, need {VERSION}")
        entries = data.get("entries")
        if not isinstance(entries, list):
            raise LedgerError(f"{where}: 'entries' must be a list")
        for i, e in enumerate(entries):
            ok = (
                isinstance(e, list)
                and len(e) == 3
                and (e[0] is None or isinstance(e[0], str))
                and isinstance(e[1], int)
                and not isinstance(e[1], bool)
                and e[1] > 0
                and isinstance(e[2], str)
                and len(e[2]) == 64
                and all(ch in "0123456789abcdef" for ch in e[2])
            )
            if not ok:
                raise LedgerError(f"{where}: entry {i} is malformed: {e!r:.120}")
            self._insert((e[0], e[1], e[2]))

    def _save(self) -> None:
        """Write the whole ledger atomically; a failure is logged and counted, never raised
        (the scheduler keeps serving, and the in-memory ledger still applies)."""
        if self.path is None:
            return
        entries = sorted(self._digests, key=lambda e: (e[1], e[2], e[0] or ""))
        payload = json.dumps(
            {"format": FORMAT, "version": VERSION, "entries": [list(e) for e in entries]}
        )
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".ledger-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            tmp = None
        except OSError:
            self.write_errors += 1
            logger.exception("safekv: could not write the withdrawal ledger %s", self.path)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
