"""Multi-pattern prefilters: which patterns of a set match somewhere in a text.

Tier 1 runs in two steps. A compiled multi-pattern engine scans the text once and names the
patterns that match (for clean text: none, which is the common case); then Python's ``re``
extracts exact spans for those few patterns only, with named groups and validators. Three
engines share one interface so they can be measured on the same pattern set
(``eval/detector_eval.py --engines``): Hyperscan (SIMD automata), RE2 (``RE2::Set``) and plain
``re`` (every pattern searched separately, the baseline).

All three use ASCII semantics for ``\\b``, ``\\w`` and ``\\d`` and count ``.`` in characters, so
a prefilter never misses a match that the extraction step would find.
"""

from __future__ import annotations

import abc
import bisect
import hashlib
import itertools
import json
import logging
import os
import re
import threading
from collections.abc import Sequence
from typing import Any

from sglang_safekv.artifacts import default_cache_dir
from sglang_safekv.detect.patterns import PatternSpec

log = logging.getLogger(__name__)


class PatternEngine(abc.ABC):
    name: str = ""

    def __init__(self, specs: Sequence[PatternSpec]) -> None:
        self.specs = tuple(specs)

    @abc.abstractmethod
    def matching(self, text: str) -> list[int]:
        """Indices (into ``specs``) of patterns with at least one match in ``text``."""

    def hint_spans(self, text: str) -> list[tuple[int, int, int]] | None:
        """(index, start, end) of every match of the hint patterns, or None when this engine
        cannot report positions (the recognizer then extracts them with ``re``)."""
        return None


class PythonReEngine(PatternEngine):
    """No prefilter: search every pattern on its own. The baseline."""

    name = "re"

    def __init__(self, specs: Sequence[PatternSpec]) -> None:
        super().__init__(specs)
        flags = [re.ASCII | (re.IGNORECASE if s.caseless else 0) for s in self.specs]
        self._compiled = [re.compile(s.regex, f) for s, f in zip(self.specs, flags)]

    def matching(self, text: str) -> list[int]:
        return [i for i, rx in enumerate(self._compiled) if rx.search(text)]


class Re2Engine(PatternEngine):
    """Google RE2's ``Set``: one automaton for all patterns, linear time."""

    name = "re2"

    def __init__(self, specs: Sequence[PatternSpec]) -> None:
        import re2

        super().__init__(specs)
        self._set = re2.Set.SearchSet(re2.Options())
        for spec in self.specs:
            index = self._set.Add(("(?i)" if spec.caseless else "") + spec.regex)
            if index < 0:  # pragma: no cover - a pattern outside the shared syntax
                raise ValueError(f"RE2 cannot compile pattern {spec.name!r}")
        self._set.Compile()

    def matching(self, text: str) -> list[int]:
        return sorted(self._set.Match(text) or ())


class HyperscanEngine(PatternEngine):
    """Intel Hyperscan in block mode; each pattern reports at most once per scan."""

    name = "hyperscan"

    def __init__(self, specs: Sequence[PatternSpec]) -> None:
        import hyperscan

        super().__init__(specs)
        base = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8
        flags = [base | (hyperscan.HS_FLAG_CASELESS if s.caseless else 0) for s in self.specs]
        self._hs = hyperscan
        self._db = _database(
            [s.regex.encode() for s in self.specs], list(range(len(self.specs))), flags
        )
        # Hints only need positions: a second database reports start and end of every match
        # (start-of-match mode), which is much cheaper than Python's re on big alternations.
        hints = [i for i, s in enumerate(self.specs) if s.hint]
        self._hint_db = None
        if hints:
            som = hyperscan.HS_FLAG_SOM_LEFTMOST | hyperscan.HS_FLAG_UTF8
            self._hint_db = _database(
                [self.specs[i].regex.encode() for i in hints],
                hints,
                [
                    som | (hyperscan.HS_FLAG_CASELESS if self.specs[i].caseless else 0)
                    for i in hints
                ],
            )
        self._local = threading.local()  # scratch space is per thread

    def _scratch(self, name: str = "scratch", db=None):
        scratch = getattr(self._local, name, None)
        if scratch is None:
            scratch = self._hs.Scratch(db or self._db)
            setattr(self._local, name, scratch)
        return scratch

    def hint_spans(self, text: str) -> list[tuple[int, int, int]] | None:
        if self._hint_db is None:
            return []
        data = text.encode("utf-8", "replace")
        found: list[tuple[int, int, int]] = []
        self._hint_db.scan(
            data,
            match_event_handler=_collect_span,
            context=found,
            scratch=self._scratch("hint_scratch", self._hint_db),
        )
        if len(data) != len(text):  # multi-byte characters: byte offsets -> character offsets
            ends = list(itertools.accumulate(len(ch.encode("utf-8", "replace")) for ch in text))
            found = [
                (i, bisect.bisect_right(ends, a), bisect.bisect_left(ends, b) + 1)
                for i, a, b in found
            ]
        return found

    def matching(self, text: str) -> list[int]:
        found: list[int] = []
        self._db.scan(
            text.encode("utf-8", "replace"),
            match_event_handler=_collect,
            context=found,
            scratch=self._scratch(),
        )
        return sorted(found)


def _database(expressions: list[bytes], ids: list[int], flags: list[int]) -> Any:
    """A compiled Hyperscan block-mode database, from the artifact cache when this pattern set
    was compiled before: compiling the tier-1 set takes seconds (about 6 here), loading it
    milliseconds, and every detector process and test compiles the same set. The key covers
    the expressions, ids, flags and Hyperscan's version; a file that does not load (another
    version, a truncated write) is compiled again and replaced."""
    import hyperscan

    digest = hashlib.sha256(
        json.dumps(
            [getattr(hyperscan, "__version__", ""), [e.decode() for e in expressions], ids, flags]
        ).encode()
    ).hexdigest()[:24]
    path = default_cache_dir() / "hyperscan" / f"{digest}.db"
    try:
        return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except FileNotFoundError:
        pass
    except Exception as e:  # noqa: BLE001 - any unreadable cache entry is rebuilt
        log.warning("safekv: recompiling tier-1 patterns, cached database unusable: %s", e)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(hyperscan.dumpb(db))
        os.replace(tmp, path)
    except OSError as e:  # a read-only cache: compile every time, as before
        log.info("safekv: compiled tier-1 patterns not cached: %s", e)
    return db


# ``found`` is the list passed to scan() as its context; hyperscan types it as object.
def _collect(pattern_id: int, start: int, end: int, flags: int, found: Any) -> None:
    found.append(pattern_id)


def _collect_span(pattern_id: int, start: int, end: int, flags: int, found: Any) -> None:
    found.append((pattern_id, start, end))


ENGINES: dict[str, type[PatternEngine]] = {
    "hyperscan": HyperscanEngine,
    "re2": Re2Engine,
    "re": PythonReEngine,
}
# Preference for "auto", fastest first, as measured by `eval/detector_eval.py --engines`.
AUTO_ORDER = ("hyperscan", "re2", "re")


def make_engine(name: str, specs: Sequence[PatternSpec]) -> PatternEngine:
    """Build the named engine; "auto" takes the fastest one that imports here."""
    if name == "auto":
        for candidate in AUTO_ORDER:
            try:
                return ENGINES[candidate](specs)
            except ImportError:
                continue
        raise AssertionError("the re engine always imports")  # pragma: no cover
    if name not in ENGINES:
        raise ValueError(f"unknown tier-1 engine {name!r}; known: auto, {', '.join(ENGINES)}")
    return ENGINES[name](specs)
