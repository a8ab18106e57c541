import pytest

from sglang_safekv.monitor.bounded import CappedSet, FairTable, LRUTable


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


def test_fair_table_forgets_from_the_biggest_owner_and_keeps_ranked_entries():
    table = FairTable(6, 4, keep_rank=lambda v: v)
    table.get_or_create("v1", "victim", lambda: 5)  # a lineage being walked: keep
    for i in range(4):
        table.get_or_create(f"a{i}", "attacker", lambda: 0)
    table.get_or_create("b0", "other", lambda: 0)
    assert len(table) == 6
    # The attacker is at its own cap: its new entry replaces its own coldest.
    table.get_or_create("a4", "attacker", lambda: 0)
    assert "a0" not in table and "v1" in table and table.owner_count("attacker") == 4
    # A full table forgets from the owner holding most.
    table.get_or_create("c0", "third", lambda: 0)
    assert table.owner_count("attacker") == 3 and "v1" in table and "b0" in table
    assert len(table) == 6


def test_fair_table_forgets_the_lowest_ranked_of_an_owners_coldest_entries():
    table = FairTable(100, 4, keep_rank=lambda v: v)
    table.get_or_create("walked", "victim", lambda: 5)  # the coldest, but ranked high
    for i in range(3):
        table.get_or_create(f"closed{i}", "victim", lambda: 0)
    table.get_or_create("new", "victim", lambda: 0)  # at its cap of 4: forgets its own
    assert "walked" in table and "closed0" not in table and table.owner_count("victim") == 4


def test_fair_table_pop_put_and_counts_stay_exact():
    table = FairTable(3, 3)
    table.put("k", "o1", 1)
    table.put("k", "o2", 2)
    assert table.get("k") == 2 and table.owner_count("o1") == 0 and table.owner_count("o2") == 1
    assert table.pop("k") == 2 and table.pop("k") is None and len(table) == 0
    for i in range(10):
        table.get_or_create(i, f"o{i % 2}", lambda i=i: i)
    assert len(table) == 3 and table.forgotten == 7
    assert sorted(dict(table.items())) == [7, 8, 9]
