"""KV slots the cache holds back to pay for the lock window when nobody else can.

A public unit whose eviction turn comes while a request runs on it is hidden and frees nothing
until the request ends; what it would have freed is charged to the lock holders' never-shared
content (``eviction._settle``). A holder with no such content (a new tenant whose first request
runs on the copy), or a lock the cache cannot attribute, leaves a shortfall. Made up in the fair
order, one more unit would go exactly when the running request's copy was among those taken.

The reserve pays it instead: slots taken from the allocator once, when the cache starts (and
after a reset), and counted as protected, so SGLang's pool accounting still adds up. Drawing
hands slots back to the allocator at once, so the call frees what was asked with the same
units gone as if the hidden unit had been freed. When the hidden unit is freed at last, the
reserve takes back what it paid from the slots that unit just returned: the allocator's free
count then equals what it would have been had the unit gone at eviction time. Nothing another
tenant can observe depends on whether the reserve paid.

Cost: the slots are out of use for the whole run (``cache.lock_reserve_tokens``, at most 1/64
of the pool). When the reserve is spent, the shortfall is made up in the fair order as before.
"""

from __future__ import annotations

from typing import Any

import torch

# The reserve never takes more than this share of the pool.
MAX_POOL_SHARE = 64


def reserve_size(wanted: int, pool_size: int | None, page_size: int) -> int:
    """Tokens to hold back: ``wanted``, at most 1/64 of the pool; none with pages larger than
    one token (a draw of a few tokens could not be freed alone)."""
    if wanted <= 0 or not pool_size or page_size != 1:
        return 0
    return min(wanted, pool_size // MAX_POOL_SHARE)


class LockReserve:
    """Slots held back from the allocator; drawn to cover a lock charge, refilled when the
    hidden unit that caused the draw is freed."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._slots: torch.Tensor | None = None  # held slots; None until taken
        self.owed = 0  # slots drawn and not yet taken back

    @property
    def to_take(self) -> bool:
        """The reserve is wanted and not taken yet."""
        return self.size > 0 and self._slots is None

    @property
    def held(self) -> int:
        return 0 if self._slots is None else int(self._slots.numel())

    def take(self, allocator: Any) -> int:
        """Take the reserve from ``allocator`` if it is not held yet (at start, after a reset).
        Takes what the allocator can give now, never more than ``size``. Returns tokens taken."""
        if not self.to_take or allocator is None:
            return 0
        n = min(self.size, int(allocator.available_size()))
        slots = allocator.alloc(n) if n > 0 else None
        self._slots = slots if slots is not None else torch.empty((0,), dtype=torch.int64)
        self.owed = 0
        return self.held

    def draw(self, allocator: Any, n: int) -> int:
        """Give up to ``n`` held slots back to ``allocator``. Returns tokens given."""
        k = min(n, self.held)
        if k <= 0 or self._slots is None:
            return 0
        self._slots, given = self._slots[:-k], self._slots[-k:]
        allocator.free(given)
        self.owed += k
        return k

    def refill(self, allocator: Any, freed: int) -> int:
        """Right after a hidden unit freed ``freed`` tokens: take back what the reserve paid,
        at most those tokens. Returns tokens taken back."""
        k = min(self.owed, freed)
        if k <= 0 or self._slots is None:
            return 0
        got = allocator.alloc(k)
        if got is None:
            return 0
        self._slots = torch.cat([self._slots, got])
        self.owed -= k
        return k

    def release(self, allocator: Any) -> None:
        """Give every held slot back (a reset: the tree and the pool start over); the reserve
        is taken again on next use."""
        if self._slots is not None and self._slots.numel() and allocator is not None:
            allocator.free(self._slots)
        self._slots = None
        self.owed = 0

    def slots(self) -> list[int]:
        """The held slot ids (for invariant checks)."""
        return [] if self._slots is None else self._slots.tolist()
