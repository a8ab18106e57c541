"""Operator-declared public prefixes, as token sequences the cache can test keys against.

Any prefix of a declared prefix is public too (it is the same public text at the same
position), so the question a key asks is: how many of its leading tokens agree with some
declared prefix of the same ``extra_key``?
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def common_prefix_len(a: Sequence[int], b: Sequence[int], b_offset: int = 0) -> int:
    """Length of the common prefix of ``a`` and ``b[b_offset:]`` (C-speed slice compares)."""
    n = min(len(a), len(b) - b_offset)
    if n <= 0:
        return 0
    ta, tb = tuple(a[:n]), tuple(b[b_offset : b_offset + n])
    if ta == tb:
        return n
    lo, hi = 0, n  # ta[:lo] == tb[:lo] and ta[:hi] != tb[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ta[lo:mid] == tb[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


class DeclaredPrefixes:
    """Declared token prefixes, indexed by (extra_key, first token)."""

    def __init__(self) -> None:
        self._by_first: dict[tuple[Any, int], list[tuple[int, ...]]] = {}
        self._longest: dict[tuple[Any, int], int] = {}
        self.count = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, token_ids: Sequence[int], extra_key: str | None = None) -> tuple[int, ...]:
        tokens = tuple(int(t) for t in token_ids)
        if not tokens:
            raise ValueError("a declared public prefix needs at least one token")
        first = (extra_key, tokens[0])
        bucket = self._by_first.setdefault(first, [])
        if tokens not in bucket:
            bucket.append(tokens)
            self._longest[first] = max(self._longest.get(first, 0), len(tokens))
            self.count += 1
        return tokens

    def covered(
        self, token_ids: Sequence[int], extra_key: str | None, n: int, offset: int = 0
    ) -> int:
        """How many of the first ``n`` tokens agree with some declared prefix.

        Returns 0 at once when no declared prefix reaches past ``offset`` (the caller only
        cares about positions from there on).
        """
        if n <= 0 or not self._by_first:
            return 0
        first = (extra_key, token_ids[0])
        if self._longest.get(first, 0) <= offset:
            return 0
        best = 0
        for tokens in self._by_first[first]:
            best = max(best, common_prefix_len(tokens, token_ids[:n]))
        return best

    def all(self) -> list[tuple[Any, tuple[int, ...]]]:
        return [(ek, t) for (ek, _), bucket in self._by_first.items() for t in bucket]
