"""Containers whose memory stays bounded however long the server runs.

The monitor sees every cross-tenant reuse; nothing it keeps may grow with traffic. Tenant sets
saturate at a cap (beyond it only "at least cap" matters), and per-key state lives in an LRU
table that forgets the least recently touched key when full.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
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
