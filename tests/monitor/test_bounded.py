import pytest

from sglang_safekv.monitor.bounded import CappedSet, LRUTable


def test_capped_set_stops_growing_and_reports_saturation():
    s = CappedSet(3)
    for t in ["a", "b", "a", "c", "d", "e"]:
        s.add(t)
    assert len(s) == 3
    assert s.saturated
    assert "a" in s and "d" not in s
    s.clear()
    assert len(s) == 0 and not s.saturated


def test_lru_table_forgets_least_recently_touched():
    forgotten = []
    table = LRUTable(2, on_forget=lambda k, v: forgotten.append(k))
    table.get_or_create("a", lambda: 1)
    table.get_or_create("b", lambda: 2)
    assert table.get("a") == 1  # touch a: b is now the coldest
    table.get_or_create("c", lambda: 3)
    assert forgotten == ["b"]
    assert "b" not in table and "a" in table and "c" in table
    assert table.forgotten == 1 and len(table) == 2


def test_lru_put_replaces_and_pop_removes():
    table = LRUTable(2)
    table.put("a", 1)
    table.put("a", 5)
    assert table.get("a") == 5 and len(table) == 1
    assert table.pop("a") == 5 and table.pop("a") is None


@pytest.mark.parametrize("cls", [CappedSet, LRUTable])
def test_zero_capacity_is_rejected(cls):
    with pytest.raises(ValueError, match="cap"):
        cls(0)
