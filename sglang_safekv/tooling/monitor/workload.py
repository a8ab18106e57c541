"""Generated multi-tenant traffic for calibrating the monitor: benign traces and probing attacks.

Everything is deterministic in its seed and runs on a simulated clock (seconds). Prompts are
token ids; what matters to the cache is which prefixes tenants share, so texts are random ids,
except that most free text opens with a common phrase from a phrase tree (as "Please",
"Please summarize", "Please summarize the" do in real text), so different tenants' texts after
a shared prefix share zero to eight more tokens, the way benign partial matches happen.

Benign traces (:func:`benign_trace`):

- ``mixed``: tenants with heterogeneous rates; shared system prompts; public documents read by
  groups of tenants; each tenant's own documents re-used by itself; multi-turn sessions;
  instruction templates shared by many tenants with their own texts after them.
- ``bursts``: the above at a lower rate plus, every few minutes, dozens of tenants asking the same
  public question within a minute.
- ``heavy_reuse``: agent-like tenants re-sending a long public document someone else created,
  every few seconds, and steady template users: the low-diversity traffic RDR must tolerate.

Attacks (:class:`Prober`): a victim's prompt holds a secret the detector missed (so it is shared);
attackers know the text before it and guess the secret token by token (or a chunk at a time),
learning from the cached-token count whether a guess hit. The correct token's rank in the
attacker's candidate list is uniform in 1..``guess_space``. Kinds: ``fast_walk`` (one account,
a probe every 0.3-1.5 s, 16 candidates per token), ``naive_walk`` (128 candidates, faster),
``collusion`` (8 accounts taking turns), ``slow_walk`` / ``slow_collusion`` (a probe every
30-120 s), ``chunked`` (two tokens per guess) and ``chunked_smart`` (two tokens per guess with a
strong prior, 4 accounts, slow).
"""

from __future__ import annotations

import dataclasses
import math
import random

VOCAB = 32_000
# Free text opens with a common phrase more often than not, and phrases share their first words
# ("Please", "Please summarize", "Please summarize the ..."): a phrase tree with Zipf-popular
# branches. So different tenants' texts after a shared prefix diverge at varying depths, the
# benign partial matches (and stopping points one token apart) the monitor must tolerate.
PHRASE_BRANCHING = (12, 6, 4, 3, 3, 2, 2, 2)
PHRASE_CONTINUE = 0.75


def _zipf_pick(rng: random.Random, n: int) -> int:
    weights = [1.0 / (i + 1) for i in range(n)]
    return rng.choices(range(n), weights)[0]


BENIGN_KINDS = ("mixed", "bursts", "heavy_reuse")
ATTACK_KINDS = (
    "fast_walk",
    "naive_walk",
    "collusion",
    "slow_walk",
    "slow_collusion",
    "chunked",
    "chunked_smart",
)

VICTIM = "victim"


@dataclasses.dataclass(frozen=True)
class Request:
    time: float
    tenant: str
    tokens: tuple[int, ...]


def _text(rng: random.Random, n: int) -> list[int]:
    out: list[int] = []
    if rng.random() < 0.8:
        code = 0
        for level, branching in enumerate(PHRASE_BRANCHING):
            if level and rng.random() > PHRASE_CONTINUE:
                break
            code = code * 16 + _zipf_pick(rng, branching) + 1
            out.append(100 + code % 900)  # token ids 100..999 are the phrase words
    out += [rng.randrange(1000, VOCAB) for _ in range(max(0, n - len(out)))]
    return out[:n]


def _poisson_times(rng: random.Random, rate: float, start: float, end: float) -> list[float]:
    times, t = [], start
    while True:
        t += rng.expovariate(rate)
        if t >= end:
            return times
        times.append(t)


def _catalog(rng: random.Random) -> tuple[list[list[int]], ...]:
    """Shared content of a trace: system prompts, public documents, instruction templates."""
    systems = [_text(rng, rng.randrange(150, 400)) for _ in range(4)]
    docs = [_text(rng, rng.randrange(300, 800)) for _ in range(6)]
    templates = [_text(rng, rng.randrange(15, 40)) for _ in range(3)]
    return systems, docs, templates


def shared_system_prompt(kind: str, seed: int) -> list[int]:
    """The most used system prompt of ``benign_trace(kind, seed)``."""
    return _catalog(random.Random(f"benign-{kind}-{seed}"))[0][0]


def benign_trace(
    kind: str, seed: int, duration_s: float = 3600.0, rate_scale: float | None = None
) -> list[Request]:
    """A benign trace of ``kind`` (see the module docstring), sorted by time."""
    if kind not in BENIGN_KINDS:
        raise ValueError(f"unknown benign trace {kind!r}; expected one of {BENIGN_KINDS}")
    rng = random.Random(f"benign-{kind}-{seed}")
    systems, docs, templates = _catalog(rng)
    n_tenants = 40
    tenants = [f"t{i:02d}" for i in range(n_tenants)]
    requests: list[Request] = []
    if rate_scale is None:
        rate_scale = {"mixed": 2.0, "bursts": 0.5, "heavy_reuse": 0.5}[kind]

    for tenant in tenants:
        # Rates from one every 10 minutes to one every 10 seconds, log-uniform.
        rate = rate_scale * math.exp(rng.uniform(math.log(1 / 600), math.log(1 / 10)))
        system = systems[rng.randrange(len(systems))]
        own_docs = [_text(rng, rng.randrange(200, 600)) for _ in range(rng.randrange(1, 4))]
        my_public = rng.sample(range(len(docs)), rng.randrange(0, 3))
        template = templates[rng.randrange(len(templates))]
        session: list[int] = []
        for t in _poisson_times(rng, rate, 0.0, duration_s):
            roll = rng.random()
            if roll < 0.25 and my_public:
                body = docs[rng.choice(my_public)] + _text(rng, rng.randrange(8, 40))
            elif roll < 0.5:
                body = rng.choice(own_docs) + _text(rng, rng.randrange(8, 40))
            elif roll < 0.7:
                body = template + _text(rng, rng.randrange(30, 200))
            else:  # multi-turn: the session grows, restarted now and then
                if not session or len(session) > 1500 or rng.random() < 0.1:
                    session = []
                session = session + _text(rng, rng.randrange(10, 60))
                body = list(session)
                session += _text(rng, rng.randrange(20, 80))  # the answer joins the history
            requests.append(Request(t, tenant, tuple(system + body)))

    if kind == "bursts":
        for start in _poisson_times(rng, 1 / 300, 0.0, duration_s - 60):
            question = systems[0] + _text(rng, rng.randrange(10, 30))
            for tenant in rng.sample(tenants, rng.randrange(20, 40)):
                requests.append(Request(start + rng.uniform(0, 60), tenant, tuple(question)))
    if kind == "heavy_reuse":
        owner_doc = systems[1] + docs[0]
        requests.append(Request(0.0, tenants[0], tuple(owner_doc)))  # tenants[0] creates it
        for agent in tenants[1:4]:
            start = rng.uniform(0, duration_s / 2)
            period = rng.uniform(2.0, 8.0)
            for t in _poisson_times(rng, 1 / period, start, start + rng.uniform(600, 1800)):
                tail = _text(rng, rng.randrange(10, 60))
                requests.append(Request(t, agent, tuple(owner_doc + tail)))
        for user in tenants[4:7]:  # steady template users, each its own texts
            for t in _poisson_times(rng, 1 / 15, 0.0, duration_s):
                body = templates[0] + _text(rng, rng.randrange(30, 200))
                requests.append(Request(t, user, tuple(systems[2] + body)))
    requests.sort(key=lambda r: r.time)
    return requests


@dataclasses.dataclass(frozen=True)
class AttackSpec:
    """How the attackers behave; see :func:`attack_spec` for the named kinds."""

    kind: str
    accounts: int = 1
    interval_s: tuple[float, float] = (0.3, 1.5)  # between probes, uniform
    guess_space: int = 16  # the right token's rank is uniform in 1..guess_space
    chunk: int = 1  # tokens guessed at once
    known: int = 12  # tokens of the victim's text before the secret the attacker knows
    secret_len: int = 16


def attack_spec(kind: str) -> AttackSpec:
    specs = {
        "fast_walk": AttackSpec(kind),
        "naive_walk": AttackSpec(kind, guess_space=128, interval_s=(0.1, 0.5)),
        "collusion": AttackSpec(kind, accounts=8),
        "slow_walk": AttackSpec(kind, interval_s=(30.0, 120.0)),
        "slow_collusion": AttackSpec(kind, accounts=8, interval_s=(30.0, 120.0)),
        "chunked": AttackSpec(kind, chunk=2, guess_space=24),
        # Two tokens a time with a strong prior, slowly, from four accounts: no +1 steps, no
        # pile-up of wrong guesses anywhere.
        "chunked_smart": AttackSpec(
            kind, accounts=4, chunk=2, guess_space=6, interval_s=(20.0, 60.0)
        ),
    }
    if kind not in specs:
        raise ValueError(f"unknown attack {kind!r}; expected one of {ATTACK_KINDS}")
    return specs[kind]


class Prober:
    """Adaptive attackers: guess the victim's secret, learn from each probe's cached tokens."""

    def __init__(self, spec: AttackSpec, seed: int, prefix: list[int], secret: list[int]):
        self.spec = spec
        self.rng = random.Random(f"prober-{spec.kind}-{seed}")
        self.accounts = [f"eve{i}" if spec.accounts > 1 else "eve" for i in range(spec.accounts)]
        self.prefix = list(prefix)  # shared context + the victim's text the attacker knows
        self.secret = list(secret)
        self.learned: list[int] = []
        self.gave_up = False  # every candidate for a position missed: out of reach
        self.probes = 0
        self._next_account = 0
        self._rank = 0
        self._tries = 0
        self._pending: tuple[int, ...] | None = None
        self._new_position()

    def _new_position(self) -> None:
        self._rank = self.rng.randint(1, self.spec.guess_space)
        self._tries = 0

    @property
    def done(self) -> bool:
        return self.gave_up or len(self.learned) >= len(self.secret)

    def next_probe(self) -> tuple[str, tuple[int, ...], float]:
        """(account, prompt, seconds until the following probe)."""
        self._tries += 1
        pos = len(self.learned)
        chunk = self.secret[pos : pos + self.spec.chunk]
        if self._tries == self._rank:
            guess = chunk
        else:  # a wrong candidate: differs from the secret in its first token
            guess = [self.secret[pos] ^ (1 + self._tries)] + chunk[1:]
        tail = [self.rng.randrange(1000, VOCAB) for _ in range(3)]
        account = self.accounts[self._next_account % len(self.accounts)]
        self._next_account += 1
        self.probes += 1
        self._pending = tuple(guess)
        return (
            account,
            tuple(self.prefix + self.learned + guess + tail),
            self.rng.uniform(*self.spec.interval_s),
        )

    def observe(self, cached_tokens: int) -> None:
        """What the API tells the attacker: how many prompt tokens were served from cache."""
        guess = self._pending or ()
        base = len(self.prefix) + len(self.learned)
        if cached_tokens >= base + len(guess):
            self.learned += list(guess)
            self._new_position()
        elif self._tries >= self.spec.guess_space:
            # Every candidate missed (the content was withdrawn). Trying them again would only
            # hit the attacker's own earlier probes, which it knows are its own.
            self.gave_up = True


def victim_setup(
    seed: int, spec: AttackSpec, system: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """(victim's prompt, what the attacker knows, the secret) for one attack run.

    ``system`` is the shared system prompt the victim's prompt starts with.
    """
    rng = random.Random(f"victim-{seed}-{spec.kind}")
    before = _text(rng, spec.known)
    secret = [rng.randrange(1000, VOCAB) for _ in range(spec.secret_len)]
    after = _text(rng, 40)
    return system + before + secret + after, system + before, secret
