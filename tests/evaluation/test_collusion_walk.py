"""The colluding accounts' walk (eval attack ``collusion``): its decisions from the usage counter.

The server is stood in for by a prefix store that answers ``cached_tokens`` as a prefix cache
would (the longest prefix of the probe that some stored prompt shares): which prompts are
stored is what each test decides. The attack against the real server runs in the CI smoke
(tests/evaluation/test_eval_smoke.py).
"""

import asyncio
import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.tooling.evaluation.attacks.collusion import (
    CollusionSettings,
    _Accounts,
    cleared_victims,
    monitor_actions,
    score,
    walk_secret,
)
from sglang_safekv.tooling.evaluation.attacks.ttft_reconstruction import ProbePlan
from sglang_safekv.tooling.evaluation.client import Measurement
from sglang_safekv.tooling.evaluation.pii import make_faker, pii_value

PREFIX = [1, 2, 3]
SECRETS = [[10, 11, 12], [10, 13, 14], [15, 11, 12], [10, 11, 16]]  # the candidates' tokens
CONTINUATION = [99, 98]  # the template after the secret


class PrefixStore:
    """Answers probes with the cached-prefix length of the stored prompts visible to all."""

    def __init__(self, stored, keep_probes: bool):
        self.stored = [list(s) for s in stored]
        self.keep_probes = keep_probes
        self.senders: list[str] = []

    async def complete_ids(self, tenant, ids, max_tokens=1):
        self.senders.append(tenant)
        best = 0
        for s in self.stored:
            n = 0
            while n < min(len(s), len(ids)) and s[n] == ids[n]:
                n += 1
            best = max(best, n)
        if self.keep_probes:
            self.stored.append(list(ids))
        return Measurement(0.0, 0.01, 0.01, prompt_tokens=len(ids), cached_tokens=best)


class Filler:
    def __init__(self):
        self.rng = random.Random(0)

    def take(self, n):
        return [self.rng.randrange(1000, 5000) for _ in range(n)]


FAST = CollusionSettings(accounts=3, pace_s=0)


def _walk(store, settings=FAST):
    plans = [ProbePlan(PREFIX, s, CONTINUATION) for s in SECRETS]
    accounts = _Accounts(settings.account_names())
    return asyncio.run(
        walk_secret(store, plans, accounts, Filler(), settings, random.Random(1))
    ), accounts


def test_a_public_victim_prompt_gives_the_whole_secret_token_by_token():
    for secret in SECRETS:
        # global mode: the victim's prompt and every probe are visible to everyone
        store = PrefixStore([PREFIX + secret + [7, 8]], keep_probes=True)
        (confirmed, probes, depths, left), _ = _walk(store)
        assert score(confirmed, secret) == (3, True, False)
        assert [p.candidate for p in left] == [secret]
        assert depths == 3
        assert probes <= sum(len({s[d] for s in SECRETS}) for d in range(3))


class ThrottledAccount(PrefixStore):
    """One account sees none of the victim's entries (the monitor throttled it)."""

    def __init__(self, stored, blind: str):
        super().__init__(stored, keep_probes=False)
        self.blind = blind

    async def complete_ids(self, tenant, ids, max_tokens=1):
        got = await super().complete_ids(tenant, ids, max_tokens)
        if tenant == self.blind:
            got.cached_tokens = min(got.cached_tokens, len(PREFIX))
        return got


def test_a_throttled_account_is_worked_around_by_the_next_pass():
    secret = SECRETS[2]
    for blind in FAST.account_names():
        (confirmed, _, _, left), _ = _walk(
            ThrottledAccount([PREFIX + secret + CONTINUATION], blind)
        )
        assert score(confirmed, secret) == (3, True, False), blind
        assert [p.candidate for p in left] == [secret]
    no_retry = dataclasses.replace(FAST, retries=0)
    outcomes = {
        score(
            _walk(ThrottledAccount([PREFIX + secret + CONTINUATION], blind), no_retry)[0][0], secret
        )[0]
        for blind in FAST.account_names()
    }
    assert min(outcomes) < 3  # without the second pass some account assignment stops the walk


def test_a_private_secret_gives_nothing_even_when_the_probes_are_public():
    # selective mode with the secret flagged: only the public part before it is shared, and
    # the attackers' own probes (public after detection) must not pass for the victim's
    store = PrefixStore([PREFIX], keep_probes=True)
    (confirmed, probes, depths, left), _ = _walk(store)
    assert confirmed == [] and depths == 1
    assert len(left) == len(SECRETS)
    # every first token, then (second pass) every first two tokens, tried once
    assert FAST.retries == 1
    assert probes == len({s[0] for s in SECRETS}) + len({tuple(s[:2]) for s in SECRETS})


def test_the_walk_stops_where_the_public_part_ends():
    secret = SECRETS[0]
    store = PrefixStore([PREFIX + secret[:1]], keep_probes=False)
    (confirmed, _, _, left), _ = _walk(store)
    assert score(confirmed, secret) == (1, False, False)
    assert [p.candidate for p in left] == [s for s in SECRETS if s[0] == secret[0]]


def test_accounts_take_turns():
    store = PrefixStore([PREFIX + SECRETS[1]], keep_probes=True)
    _, accounts = _walk(store)
    names = accounts.names
    assert store.senders == [names[i % len(names)] for i in range(len(store.senders))]
    assert len(set(store.senders)) == len(names)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=6), st.lists(st.integers(0, 3), min_size=1, max_size=6))
def test_score_counts_leading_tokens_only(confirmed, secret):
    n, whole, wrong = score(confirmed, secret)
    assert confirmed[:n] == secret[:n]
    assert n == len(confirmed) or n == len(secret) or confirmed[n] != secret[n]
    assert whole == (confirmed[: len(secret)] == secret)
    assert wrong == (confirmed[: len(secret)] != secret[: len(confirmed)])


def test_monitor_actions_are_summed_over_schedulers():
    stats = {
        "schedulers": [
            {"monitor": {"actions_demote": 2, "visits": 9}},
            {"monitor": {"actions_demote": 1, "actions_evict": 1, "throttles": 4}},
            {},
        ]
    }
    assert monitor_actions(stats) == {"actions_demote": 3, "actions_evict": 1, "throttles": 4}
    assert monitor_actions(None) is None


def test_deal_memo_victims_carry_their_secret_once():
    for v in cleared_victims(CollusionSettings(cleared_victims=3)):
        content = v.messages()[-1]["content"]
        assert content[v.secret.start : v.secret.end] == v.secret.value
        assert v.candidates.count(v.secret.value) == 1
        assert len(set(v.candidates)) == len(v.candidates)


def test_victim_emails_are_not_documentation_addresses():
    # Faker's default e-mails are example.com/.org/.net, which the policy shares.
    fake = make_faker(5)
    for _ in range(200):
        domain = pii_value(fake, "email").rsplit("@", 1)[1]
        assert domain.split(".")[0] != "example", domain
