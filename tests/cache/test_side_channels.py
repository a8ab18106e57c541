"""Attacks by tenants with several accounts on what the cache keeps, replayed on the real cache.

The detector used here (``deliver``) is the harness's truthful one: only ``SECRET`` is
sensitive, so a victim's secret made of other tokens passes it, the situation where only the
cache's own rules stand between an attacker and the secret.
"""

from __future__ import annotations

import json

import pytest
from sglang.srt.mem_cache.base_prefix_cache import EvictParams

from sglang_safekv.cache.ledger import LedgerError, WithdrawalLedger, path_digest
from sglang_safekv.cache.node import State
from sglang_safekv.config import Mode

from .harness import SECRET, check_invariants, first_node, make_cache
from .test_rules import deliver, env, mlen, run

KNOWN = [100, 101, 102, 103, 104, 105]  # the part of the victim's prompt the attacker knows
CANDIDATES = [200 + c for c in range(8)]  # every candidate for the next (secret) token


def plant_and_evict(
    secret: int | None,
    pressure: int,
    tail: list[int],
    pad: list[int],
    in_flight: bool = False,
    history: dict[str, list[int]] | None = None,
    attacker_locks: bool = False,
    reserve: int = 0,
) -> list[int]:
    """The attack: public copies of KNOWN + c (+ pad) for every candidate c, the victim's
    request, memory pressure, then the attacker's own cached-token counts per copy.

    ``in_flight``: the pressure comes while the victim's request still runs, so the copy it
    matched is locked (SGLang locks a request's prefix until it ends). One ``evict`` call, as
    SGLang's allocator makes before it allocates. ``history``: a prompt per tenant sent (and
    judged) after the copies, so that tenant holds content of its own. ``attacker_locks``: the attacker's
    own requests run on every copy during the pressure too. With either, the attacker's view
    also includes what is left of its own history prompt. ``reserve``: the cache's lock
    reserve in tokens (0: none)."""
    cache, al, s, rec = env(pool_tokens=512, lock_reserve_tokens=reserve)
    mlen(cache, "A", [1])  # the first match takes the reserve, as on a server
    run(s, "A", KNOWN)
    deliver(cache, rec)
    for c in CANDIDATES:
        run(s, "A", KNOWN + [c] + pad)
        deliver(cache, rec)
    for c in CANDIDATES:
        assert mlen(cache, "A", KNOWN + [c] + pad) == len(KNOWN) + 1 + len(pad)
    for tenant, prompt in (history or {}).items():  # used after the copies
        run(s, tenant, prompt)
        deliver(cache, rec)
    own = [s.start("A", KNOWN + [c] + pad + [600]) for c in CANDIDATES] if attacker_locks else []
    victim = None
    if secret is not None and in_flight:
        victim = s.start("V", KNOWN + [secret] + tail)
        assert victim is not None
    elif secret is not None:
        # The victim's prompt follows one copy (and splits it when pad is not its own).
        run(s, "V", KNOWN + [secret] + tail)
        deliver(cache, rec)
    cache.evict(EvictParams(num_tokens=pressure))
    seen = [mlen(cache, "A", KNOWN + [c] + pad) for c in CANDIDATES]
    if history and "A" in history:
        seen.append(mlen(cache, "A", history["A"]))
    for req in ([victim] if victim is not None else []) + own:
        assert req is not None
        s.finish(req)
        deliver(cache, rec)
    check_invariants(cache, s, al)
    return seen


@pytest.mark.parametrize(
    "tail, pad",
    [
        ([300, 301, 302], []),  # the victim's clean continuation becomes public below the copy
        ([SECRET, 301, 302], []),  # a sensitive continuation stays private below the copy
        ([300, 301], [400, 401]),  # the victim's match ends inside the copy and splits it
    ],
)
def test_plant_and_evict_shows_nothing_about_which_copy_the_victim_used(tail, pad):
    unit = 1 + len(pad)
    for copies in (1, 4, 7):
        pressure = copies * unit
        baseline = plant_and_evict(None, pressure, tail, pad)
        assert baseline.count(len(KNOWN)) == copies, "the pressure evicted another number"
        for secret in (CANDIDATES[0], CANDIDATES[3], CANDIDATES[7]):
            after = plant_and_evict(secret, pressure, tail, pad)
            assert after == baseline, (
                f"surviving copies depend on the victim's secret {secret}: {after} "
                f"(no victim: {baseline})"
            )


def survivors(seen: list[int]) -> set[int]:
    """The candidates whose planted copy the attacker still matches whole."""
    return {c for c, n in zip(CANDIDATES, seen) if n > len(KNOWN)}


@pytest.mark.parametrize("pad", [[], [400, 401]])
def test_a_victim_request_in_flight_does_not_keep_its_copy_alive(pad):
    """The lock window: the copy a running request uses cannot be freed, but it must not stay
    visible either; it is hidden like the others and freed when the request ends. What the
    window still shows (one more copy goes when the victim's was among those taken, since the
    call must free what was asked) is the residual below."""
    unit = 1 + len(pad)
    for copies in (1, 4, 8):
        pressure = copies * unit
        baseline = survivors(plant_and_evict(None, pressure, [300, 301], pad))
        for secret in (CANDIDATES[0], CANDIDATES[3], CANDIDATES[7]):
            after = survivors(plant_and_evict(secret, pressure, [300, 301], pad, in_flight=True))
            # Nothing outlives what goes without a victim (its copy included: hidden when
            # its turn comes), and at most one more copy goes.
            assert after <= baseline and len(baseline - after) <= 1, (secret, after, baseline)


def test_a_locked_public_parent_is_not_passed_over_within_one_call():
    """Freeing a unit can make its public parent a unit while a running request locks it; it
    is hidden then, as any locked public unit is, not passed over for the owner's next one
    (that would leave it visible exactly when someone's request runs on it)."""

    def attack(victim_running: bool) -> tuple[int, int]:
        cache, al, s, rec = env(pool_tokens=512)
        run(s, "A", KNOWN)
        deliver(cache, rec)
        # Two children of A's public node (so compression keeps them apart: own lineages).
        run(s, "A", KNOWN + [300, 301])
        deliver(cache, rec)
        run(s, "A", KNOWN + [400, 401])
        deliver(cache, rec)
        run(s, "A", [500, 501, 502])  # A's other content, used last
        deliver(cache, rec)
        victim = s.start("V", KNOWN + [999]) if victim_running else None
        cache.evict(EvictParams(num_tokens=5))  # both children, then the parent's turn
        seen = (mlen(cache, "A", KNOWN), mlen(cache, "A", [500, 501, 502]))
        if victim is not None:
            s.finish(victim)
            deliver(cache, rec)
        check_invariants(cache, s, al)
        return seen

    assert attack(victim_running=False) == (0, 3)
    # Hidden, not passed over. (The call then frees A's other content too, to free what was
    # asked: the lock-window residual, test_the_lock_window_shows_nothing_..., not checked here.)
    assert attack(victim_running=True)[0] == 0


def test_the_lock_window_shows_nothing_about_the_running_victims_copy():
    """The lock window: one ``evict`` call, as SGLang's allocator makes (it frees what was
    asked, so a second call never comes). The victim holds no never-shared content: the lock
    reserve pays what its hidden copy leaves owed."""
    for copies in (1, 2, 4):
        baseline = plant_and_evict(None, copies, [300, 301], [], reserve=8)
        for secret in CANDIDATES:
            after = plant_and_evict(secret, copies, [300, 301], [], in_flight=True, reserve=8)
            assert after == baseline, (
                f"surviving copies depend on the running victim's secret {secret}: {after} "
                f"(no victim: {baseline})"
            )


def test_without_a_lock_reserve_the_lock_window_shows_the_copy():
    """The residual the reserve closes, kept as a control: with no reserve and nothing of the
    victim's own to charge, the shortfall is taken in the fair order and the survivors differ."""
    baseline = plant_and_evict(None, 2, [300, 301], [])
    differs = [
        secret
        for secret in CANDIDATES
        if plant_and_evict(secret, 2, [300, 301], [], in_flight=True) != baseline
    ]
    assert differs


def test_the_lock_reserve_pays_the_shortfall_and_is_taken_back_when_the_copy_goes():
    cache, al, s, rec = env(pool_tokens=512, lock_reserve_tokens=8)
    run(s, "A", KNOWN)
    deliver(cache, rec)
    run(s, "A", KNOWN + [CANDIDATES[0]])
    deliver(cache, rec)
    assert cache.safekv_stats()["lock_reserve_held"] == 8
    assert cache.protected_size() == cache.protected_size_ + 8
    victim = s.start("V", KNOWN + [CANDIDATES[0], 300])  # a new tenant: nothing of its own
    assert victim is not None
    free_before = al.available_size()
    got = cache.evict(EvictParams(num_tokens=1)).num_tokens_evicted
    stats = cache.safekv_stats()
    assert got == 1 and al.available_size() - free_before == 1
    assert stats.get("lock_reserve_drawn_tokens") == 1
    assert stats.get("lock_fallback_tokens", 0) == 0 and stats["lock_reserve_held"] == 7
    assert mlen(cache, "A", KNOWN + [CANDIDATES[0]]) == 0  # the copy (one node) is hidden
    s.finish(victim)
    deliver(cache, rec)
    cache.apply_pending()
    # The hidden copy is freed at last and the reserve takes its slot back: the pool's free
    # count is what it would have been had the copy gone at eviction time.
    assert cache.safekv_stats()["lock_reserve_held"] == 8
    assert cache.safekv_stats().get("lock_reserve_refilled_tokens") == 1
    check_invariants(cache, s, al)


def test_a_spent_lock_reserve_falls_back_to_the_fair_order_and_refills_when_the_copies_go():
    """More hidden copies in one call than the reserve holds: it pays what it has, the rest is
    taken in the fair order (the call still frees what was asked, the accounting still adds
    up), and once the running requests end the reserve takes back everything it paid."""
    cache, al, s, rec = env(pool_tokens=512, lock_reserve_tokens=1)
    mlen(cache, "A", [1])  # the first match takes the reserve
    run(s, "A", KNOWN)
    deliver(cache, rec)
    for c in CANDIDATES:
        run(s, "A", KNOWN + [c])
        deliver(cache, rec)
    assert cache.safekv_stats()["lock_reserve_held"] == 1
    # Two new tenants (nothing of their own to charge) run on the two oldest copies.
    victims = [s.start(f"V{i}", KNOWN + [CANDIDATES[i], 300 + i]) for i in range(2)]
    assert all(v is not None for v in victims)
    free_before = al.available_size()
    got = cache.evict(EvictParams(num_tokens=2)).num_tokens_evicted
    stats = cache.safekv_stats()
    assert got == 2 and al.available_size() - free_before == 2
    assert stats.get("lock_reserve_drawn_tokens") == 1 and stats["lock_reserve_held"] == 0
    assert stats.get("lock_fallback_tokens") == 1
    seen = [mlen(cache, "A", KNOWN + [c]) for c in CANDIDATES]
    # Both locked copies are hidden; the shortfall took the next copy in line.
    assert seen[:3] == [len(KNOWN)] * 3, seen
    assert seen[3:] == [len(KNOWN) + 1] * 5, seen
    for v in victims:
        assert v is not None
        s.finish(v)
        deliver(cache, rec)
    cache.apply_pending()
    stats = cache.safekv_stats()
    assert stats["lock_reserve_held"] == 1 and stats.get("lock_reserve_refilled_tokens") == 1
    check_invariants(cache, s, al)


def test_a_reset_gives_the_reserve_back_and_the_next_match_takes_it_again():
    cache, al, s, rec = env(pool_tokens=512, lock_reserve_tokens=1000)
    mlen(cache, "A", [1])
    assert cache.safekv_stats()["lock_reserve_held"] == 512 // 64  # at most 1/64 of the pool
    cache.reset()
    assert al.available_size() == 512
    mlen(cache, "A", [1])
    assert al.available_size() == 512 - 8


VICTIM_HISTORY = [SECRET, 901, 902, 903]  # judged sensitive: the victim's never-shared content


def test_the_lock_window_is_charged_to_the_running_victims_own_private_content():
    """The lock window closed where the victim holds content nobody else can reach: the copy
    its running request locks is hidden when its turn comes, and what it would have freed is
    taken from the victim's own sensitive content, not from the next copy in line."""
    history = {"V": VICTIM_HISTORY}
    for copies in (1, 2, 4):
        baseline = plant_and_evict(None, copies, [300, 301], [], history=history)
        assert baseline.count(len(KNOWN)) == copies
        for secret in CANDIDATES:
            after = plant_and_evict(secret, copies, [300, 301], [], True, history)
            assert after == baseline, (secret, after, baseline)


def test_a_lock_charge_is_the_same_whoever_else_holds_the_lock():
    """The attacker runs requests on every copy itself and holds sensitive content of its own:
    each hidden copy is charged to it, the same with or without the victim's request on one of
    them (what the attacker sees of its copies and its own content does not change)."""
    for history in (
        {"V": VICTIM_HISTORY},
        {"A": [SECRET, 801, 802]},
        {"A": [SECRET, 801, 802], "V": VICTIM_HISTORY},
    ):
        for copies in (1, 3):
            baseline = plant_and_evict(
                None, copies, [300, 301], [], history=history, attacker_locks=True
            )
            for secret in (CANDIDATES[0], CANDIDATES[2], CANDIDATES[7]):
                after = plant_and_evict(
                    secret, copies, [300, 301], [], True, history, attacker_locks=True
                )
                assert after == baseline, (history, secret, after, baseline)


def test_a_lock_charge_frees_what_was_asked_and_is_counted():
    cache, al, s, rec = env(pool_tokens=512)
    run(s, "V", VICTIM_HISTORY)
    deliver(cache, rec)
    run(s, "A", KNOWN)
    deliver(cache, rec)
    run(s, "A", KNOWN + [CANDIDATES[0]])
    deliver(cache, rec)
    victim = s.start("V", KNOWN + [CANDIDATES[0], 300])
    assert victim is not None
    free_before = al.available_size()
    got = cache.evict(EvictParams(num_tokens=1)).num_tokens_evicted
    stats = cache.safekv_stats()
    assert got >= 1 and al.available_size() - free_before == got
    # Only what was asked is owed (the hidden copy holds 7 tokens), and the victim paid it.
    assert stats.get("lock_charged_tokens") == 1 and stats.get("lock_fallback_tokens", 0) == 0
    assert mlen(cache, "V", VICTIM_HISTORY) == 0  # the victim's own content paid
    assert mlen(cache, "A", KNOWN + [CANDIDATES[0]]) == 0  # its copy (one node) hidden
    s.finish(victim)
    deliver(cache, rec)
    check_invariants(cache, s, al)


def test_other_tenants_visits_do_not_refresh_a_public_node():
    cache, al, s, rec = env()
    run(s, "A", [1, 2, 3])
    deliver(cache, rec)
    node = first_node(cache, [1, 2, 3])
    stamp, hits, prio = node.last_access_time, node.hit_count, node.priority
    for t in ("B", "C", "D"):
        run(s, t, [1, 2, 3, 4])
        mlen(cache, t, [1, 2, 3])
    assert (node.last_access_time, node.hit_count, node.priority) == (stamp, hits, prio)
    run(s, "A", [1, 2, 3])
    assert node.last_access_time > stamp  # its creator's own use does
    check_invariants(cache, s, al)


def test_dedup_never_hands_a_planted_copy_to_the_victim():
    cache, al, s, rec = env()
    run(s, "V", KNOWN + [CANDIDATES[2]])  # the victim's own copy, still pending
    run(s, "A", KNOWN + [CANDIDATES[2]])  # the attacker's copy of the same content
    deliver(cache, rec, only="A")
    planted = first_node(cache, KNOWN + [CANDIDATES[2]], "X")
    assert planted.owner == "A"
    stamp = planted.last_access_time
    req = s.start("V", KNOWN + [CANDIDATES[2], 7])  # a victim request locks its own copy
    deliver(cache, rec, only="V")  # its copy is cleared while locked: the merge waits
    assert first_node(cache, KNOWN + [CANDIDATES[2]], "X") is planted
    s.finish(req)
    cache.apply_pending()
    survivor = first_node(cache, KNOWN + [CANDIDATES[2]], "X")
    assert survivor is planted and survivor.owner == "A"
    assert survivor.last_access_time == stamp
    assert cache.safekv_stats()["dedup_merges"] >= 1
    check_invariants(cache, s, al)


def test_colluding_accounts_under_quota_cannot_empty_another_tenants_cache():
    # Pool 256, quota 128 each. The victim holds 100 private tokens in 5 prompts; two
    # colluding accounts, each under quota, push 240 tokens through the pool.
    cache, al, s, rec = env(pool_tokens=256)
    victim = [[1000 + 20 * i + j for j in range(20)] for i in range(5)]
    for p in victim:
        run(s, "V", p)
    for k in range(6):
        for a in ("A1", "A2"):
            run(s, a, [5000 + 1000 * (a == "A2") + 20 * k + j for j in range(20)])
            check_invariants(cache, s, al)
    kept = sum(mlen(cache, "V", p) for p in victim)
    a1, a2 = cache.private_tokens("A1"), cache.private_tokens("A2")
    assert a1 <= 128 and a2 <= 128  # both stayed under quota all along
    # Evicted from the biggest holders first: the victim keeps as much as either attacker.
    assert kept >= max(a1, a2) - 20, (kept, a1, a2)
    assert kept >= 60
    assert cache.safekv_stats()["evicted_tokens"]["private"] >= 340 - 256


def test_public_nodes_count_against_their_creator():
    # A tenant that fills the pool with public content loses it before others lose theirs.
    cache, al, s, rec = env(pool_tokens=128)
    run(s, "V", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])  # private (SECRET) content of the victim
    for k in range(12):
        run(s, "A", [500 + 10 * k + j for j in range(10)])
        deliver(cache, rec, only="A")
    assert mlen(cache, "V", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 10
    assert cache.safekv_stats()["evicted_tokens"]["public"] >= 10
    check_invariants(cache, s, al)


# ------------------------------------------------------------------ withdrawal ledger

VICTIM = [10, 11, 12, 13, 14, 15, 16, 17]


def victim_public(cache, s, rec):
    run(s, "V", VICTIM)
    deliver(cache, rec)
    assert mlen(cache, "X", VICTIM) == len(VICTIM)


def withdraw(cache, at: int = 4) -> None:
    """What the monitor does when probers reached position ``at``: demote what follows."""
    mlen(cache, "P", VICTIM[:at] + [99])  # the prober's match splits the node there
    below = first_node(cache, VICTIM[: at + 1])
    assert cache.demote(below.id, "walk")


def test_withdrawn_content_is_not_shared_again_when_another_holder_sends_it():
    cache, al, s, rec = env()
    victim_public(cache, s, rec)
    withdraw(cache)
    assert mlen(cache, "X", VICTIM) == 4
    # A second holder of the same content (or the prober with a right guess) sends it: the
    # detector says clean, but the content stays private to that holder.
    run(s, "W", VICTIM)
    deliver(cache, rec)
    assert mlen(cache, "X", VICTIM) == 4
    assert mlen(cache, "W", VICTIM) == len(VICTIM)  # W still reuses its own copy
    stats = cache.safekv_stats()
    assert stats["ledger_refused_promotions"] >= 1 and stats["withdrawn_contents"] == 1
    check_invariants(cache, s, al)


def test_withdrawn_content_stays_private_after_eviction_and_re_send():
    cache, al, s, rec = env()
    victim_public(cache, s, rec)
    withdraw(cache)
    cache.evict(EvictParams(num_tokens=cache.total_size()))
    assert cache.total_size() == 0
    run(s, "V", VICTIM)
    deliver(cache, rec)
    assert mlen(cache, "X", VICTIM) == 4  # what the probers had seen is still shared
    assert mlen(cache, "V", VICTIM) == len(VICTIM)
    assert first_node(cache, VICTIM, "V").state == State.DEMOTED
    check_invariants(cache, s, al)


def test_withdrawn_content_is_not_made_public_by_a_declared_prefix():
    cache, al, s, rec = env()
    victim_public(cache, s, rec)
    withdraw(cache)
    cache.evict(EvictParams(num_tokens=cache.total_size()))
    cache.declare_public(VICTIM)
    run(s, "O", VICTIM)
    assert mlen(cache, "X", VICTIM) == 4
    check_invariants(cache, s, al)


def test_other_content_sharing_the_prefix_is_still_shared():
    cache, al, s, rec = env()
    victim_public(cache, s, rec)
    withdraw(cache)
    other = VICTIM[:4] + [50, 51, 52]
    run(s, "W", other)
    deliver(cache, rec)
    assert mlen(cache, "X", other) == len(other)


def ledger_cache(path):
    return make_cache(Mode.SELECTIVE, ledger_file=str(path))


def test_withdrawals_survive_a_restart(tmp_path):
    from .harness import MiniScheduler, Recorder

    path = tmp_path / "ledger" / "withdrawn.json"
    for restart in range(2):
        cache, al, pool = ledger_cache(path)
        rec = Recorder()
        cache.add_listener(rec)
        s = MiniScheduler(cache, al, pool)
        run(s, "V", VICTIM)
        deliver(cache, rec)
        if restart == 0:
            assert mlen(cache, "X", VICTIM) == len(VICTIM)
            withdraw(cache)
            assert path.exists()
        assert mlen(cache, "X", VICTIM) == 4
        check_invariants(cache, s, al)
    data = json.loads(path.read_text())
    assert data["entries"] == [[None, 5, path_digest(None, VICTIM[:5])]]
    assert [p.name for p in path.parent.iterdir()] == ["withdrawn.json"]  # no temp files left


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "cannot be read"),
        ('{"format": "something else"}', "not a ledger file"),
        ('{"format": "sglang-safekv withdrawal ledger", "version": 9}', "version"),
        (
            '{"format": "sglang-safekv withdrawal ledger", "version": 1, "entries": [[1]]}',
            "entry 0 is malformed",
        ),
    ],
)
def test_a_corrupt_ledger_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "ledger.json"
    path.write_text(content)
    with pytest.raises(LedgerError, match=message) as err:
        WithdrawalLedger(path)
    assert str(path) in str(err.value)
    with pytest.raises(LedgerError):
        ledger_cache(path)


def test_a_ledger_write_failure_is_counted_and_the_ledger_still_applies(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    ledger = WithdrawalLedger(blocker / "sub" / "ledger.json")  # its parent is a file
    assert ledger.add(None, [1, 2, 3])
    assert ledger.write_errors == 1
    assert ledger.contains(None, [1, 2, 3]) and not ledger.contains(None, [1, 2, 4])


def test_the_ledger_is_keyed_per_extra_key():
    ledger = WithdrawalLedger()
    ledger.add("lora-a", [1, 2, 3])
    assert ledger.depths_in("lora-a", 0, 3) == [3] and ledger.depths_in("lora-a", 3, 9) == []
    assert ledger.depths_in("lora-b", 0, 3) == [] and not ledger.contains("lora-b", [1, 2, 3])


@pytest.mark.parametrize("asked", [1, 4, 7])
def test_evict_frees_what_was_asked_while_a_request_locks_a_public_unit(asked):
    """SGLang's allocator asks once, then allocates: a locked unit whose turn comes is hidden,
    but the call must still free the tokens asked while evictable content is left (counting
    the hidden copy made the allocation raise "out of memory" in the scheduler)."""
    cache, al, s, rec = env(pool_tokens=512)
    run(s, "A", KNOWN)
    deliver(cache, rec)
    for c in CANDIDATES:
        run(s, "A", KNOWN + [c])
        deliver(cache, rec)
    victim = s.start("V", KNOWN + [CANDIDATES[0], 300, 301])  # locks the least recent copy
    assert cache.evictable_size() == len(CANDIDATES) - 1
    before = al.available_size()
    freed = cache.evict(EvictParams(num_tokens=asked)).num_tokens_evicted
    assert freed >= asked and al.available_size() - before >= asked
    assert mlen(cache, "A", KNOWN + [CANDIDATES[0]]) == len(KNOWN)  # the locked copy: hidden
    s.finish(victim)
    deliver(cache, rec)
    check_invariants(cache, s, al)
