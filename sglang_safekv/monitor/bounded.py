"""Containers whose memory stays bounded however long the server runs.

The monitor sees every cross-tenant reuse; nothing it keeps may grow with traffic. Tenant sets
saturate at a cap (beyond it only "at least cap" matters), and per-key state lives in an LRU
table that forgets the least recently touched key when full.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class CappedSet(Generic[K]):
    """A set that stops growing at ``cap`` members; ``len`` then means "at least cap"."""

    __slots__ = ("cap", "_items")

    def __init__(self, cap: int):
        if cap < 1:
            raise ValueError(f"CappedSet cap must be >= 1, got {cap}")
        self.cap = cap
        self._items: set[K] = set()

    def add(self, item: K) -> None:
        if len(self._items) < self.cap:
            self._items.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    @property
    def saturated(self) -> bool:
        return len(self._items) >= self.cap

    def clear(self) -> None:
        self._items.clear()


class LRUTable(Generic[K, V]):
    """Key -> state with at most ``cap`` keys; touching a key makes it most recent.

    ``get_or_create`` is O(1): an OrderedDict move plus, when full, one pop from the cold end.
    """

    def __init__(self, cap: int, on_forget: Callable[[K, V], None] | None = None):
        if cap < 1:
            raise ValueError(f"LRUTable cap must be >= 1, got {cap}")
        self.cap = cap
        self.forgotten = 0
        self._on_forget = on_forget
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def get_or_create(self, key: K, factory: Callable[[], V]) -> V:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
            return value
        value = factory()
        self._data[key] = value
        if len(self._data) > self.cap:
            old_key, old_value = self._data.popitem(last=False)
            self.forgotten += 1
            if self._on_forget is not None:
                self._on_forget(old_key, old_value)
        return value

    def put(self, key: K, value: V) -> None:
        """Set ``key`` (replacing any old value) as the most recent key."""
        self._data.pop(key, None)
        self.get_or_create(key, lambda: value)

    def pop(self, key: K) -> V | None:
        return self._data.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def items(self) -> Iterator[tuple[K, V]]:
        return iter(list(self._data.items()))


class FairTable(Generic[K, V]):
    """Key -> state filed under an owner, at most ``cap`` keys, at most ``owner_cap`` per owner.

    An LRU over everything lets whoever creates the most keys push out everyone else's: a
    prober's accounts flooding the table would make the monitor forget the lineage they probe.
    Here a key is forgotten from the owner that holds the most keys (the one over its share;
    an owner at ``owner_cap`` forgets its own), and within that owner from its coldest
    ``SCAN`` keys the one ``keep_rank`` values least (e.g. a lineage with no open frontier
    before one being walked), the coldest on a tie; the scan stops at a key ranked 0 or less
    (worth nothing). Every operation is O(1) amortized.
    """

    SCAN = 16

    def __init__(
        self,
        cap: int,
        owner_cap: int,
        keep_rank: Callable[[V], int] | None = None,
    ):
        if cap < 1 or owner_cap < 1:
            raise ValueError(f"FairTable caps must be >= 1, got {cap}, {owner_cap}")
        self.cap = cap
        self.owner_cap = owner_cap
        self.forgotten = 0
        self._keep_rank = keep_rank
        self._owner_of: dict[K, object] = {}
        self._by_owner: dict[object, OrderedDict[K, V]] = {}
        self._holding: dict[int, dict[object, None]] = {}  # key count -> owners (ordered)
        self._max = 0

    def get(self, key: K) -> V | None:
        owner = self._owner_of.get(key)
        if owner is None:
            return None
        keys = self._by_owner[owner]
        keys.move_to_end(key)
        return keys[key]

    def get_or_create(self, key: K, owner: object, factory: Callable[[], V]) -> V:
        value = self.get(key)
        if value is not None:
            return value
        keys = self._by_owner.get(owner)
        if keys is not None and len(keys) >= self.owner_cap:
            self._forget_from(owner)
        elif len(self._owner_of) >= self.cap:
            self._forget_from(next(iter(self._holding[self._max])))
        value = factory()
        keys = self._by_owner.get(owner)
        if keys is None:
            keys = self._by_owner[owner] = OrderedDict()
        keys[key] = value
        self._owner_of[key] = owner
        self._moved(owner, len(keys) - 1, len(keys))
        return value

    def put(self, key: K, owner: object, value: V) -> None:
        """Set ``key`` (replacing any old value) as ``owner``'s most recent key."""
        self.pop(key)
        self.get_or_create(key, owner, lambda: value)

    def pop(self, key: K) -> V | None:
        owner = self._owner_of.pop(key, None)
        if owner is None:
            return None
        keys = self._by_owner[owner]
        value = keys.pop(key)
        self._moved(owner, len(keys) + 1, len(keys))
        if not keys:
            del self._by_owner[owner]
        return value

    def _forget_from(self, owner: object) -> None:
        keys = self._by_owner[owner]
        victim = None
        rank_of = self._keep_rank
        if rank_of is not None:
            best = 0
            for k, v in islice(keys.items(), self.SCAN):
                rank = rank_of(v)
                if rank <= 0:  # nothing worth keeping: no need to look further
                    victim = k
                    break
                if victim is None or rank < best:
                    victim, best = k, rank
        if victim is None:
            victim = next(iter(keys))
        self.pop(victim)
        self.forgotten += 1

    def _moved(self, owner: object, old: int, new: int) -> None:
        """Keep the owners-by-count index exact after ``owner`` went from ``old`` to ``new``."""
        if old:
            bucket = self._holding[old]
            del bucket[owner]
            if not bucket:
                del self._holding[old]
        if new:
            self._holding.setdefault(new, {})[owner] = None
        if new > self._max:
            self._max = new
        while self._max and self._max not in self._holding:
            self._max -= 1

    def owner_count(self, owner: object) -> int:
        keys = self._by_owner.get(owner)
        return 0 if keys is None else len(keys)

    def __contains__(self, key: object) -> bool:
        return key in self._owner_of

    def __len__(self) -> int:
        return len(self._owner_of)

    def items(self) -> Iterator[tuple[K, V]]:
        return iter([(k, self._by_owner[o][k]) for k, o in self._owner_of.items()])
