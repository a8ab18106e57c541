"""Colluding accounts probing one secret, replayed on the real cache with a modelled detector.

The attack (PromptPeek / OptiLeak style): the attackers know the victim's text before a secret
and rebuild the secret token by token, in longest-prefix-match order, from the oracle the
server gives them: how many prompt tokens a probe got from the cache (``cached_tokens``, the
match length a timing attack measures). They rotate over several accounts, can pace their probes
under the monitor's surge rule and can flood the monitor's tables with fresh lineages of their
own content between probes.

Unlike :mod:`replay` (a detector that misses everything), the detector here is a model of a
result: it makes public exactly the victim's text before the secret plus the first ``cleared``
tokens of the secret (0: the detector was right; more: it cleared part of the secret by
mistake), and everything else the victim sent stays private. Every other tenant's content, the
attackers' included, is cleared (their own planted content is then shared among them: the worst
case). The cache is the real :class:`SafeRadixCache`, the monitor the real
:class:`RDRMonitor` acting through the cache's API with its sharing throttle attached, as the
server wires them.

What is measured per secret: the secret tokens the attackers confirmed (beyond the text before
the secret, which the detector made public on purpose), the probes they spent, the monitor's
actions. Plant-and-evict needs a KV pool under memory pressure, which this simulated cache
does not have; it is replayed in the cache's own tests.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from sglang_safekv.cache.events import ClassificationJob, result_for
from sglang_safekv.config import CacheConfig, Mode, MonitorConfig, SafeKVConfig
from sglang_safekv.monitor.actions import CacheActionSink, MonitorAction, RecordingSink
from sglang_safekv.monitor.rdr_monitor import RDRMonitor
from sglang_safekv.tooling.monitor.replay import SimServer
from sglang_safekv.tooling.monitor.workload import (
    VICTIM,
    VOCAB,
    AttackSpec,
    Prober,
    shared_system_prompt,
    victim_setup,
)

# Pacing under the surge rule: fewer than min_hits visits per stopping point and window.
PACED_S = (4.5, 6.0)
FAST_S = (0.3, 1.5)
STRATEGIES = ("fast", "paced", "flood")
FLOOD_PER_PROBE = 20  # fresh lineages of the attackers' own content visited between probes


@dataclasses.dataclass(frozen=True)
class CollusionSpec:
    strategy: str = "paced"
    accounts: int = 8
    secret_len: int = 16
    known: int = 12
    guess_space: int = 16
    cleared: int = 0  # secret tokens the modelled detector made public by mistake
    max_probes: int = 600

    def attack(self) -> AttackSpec:
        interval = FAST_S if self.strategy == "fast" else PACED_S
        return AttackSpec(
            f"collusion-{self.strategy}",
            accounts=self.accounts,
            interval_s=interval,
            guess_space=self.guess_space,
            known=self.known,
            secret_len=self.secret_len,
        )


class ModelDetector:
    """Modelled detector result (a named fake): public up to ``first_sensitive`` of the victim."""

    def __init__(self, cache: Any, first_sensitive: int):
        self.cache = cache
        self.first_sensitive = first_sensitive  # absolute offset in the victim's prompt

    def on_classification_job(self, job: ClassificationJob) -> None:
        cut: int | None = None
        if job.owner == VICTIM and self.first_sensitive < job.end:
            cut = self.first_sensitive
        self.cache.post(result_for(job, first_sensitive=cut))


class _Both:
    def __init__(self, cache_sink: CacheActionSink, record: RecordingSink):
        self.cache_sink, self.record = cache_sink, record

    def apply(self, action: MonitorAction) -> bool:
        self.record.apply(action)
        return self.cache_sink.apply(action)


@dataclasses.dataclass
class SecretOutcome:
    strategy: str
    cleared: int
    monitor: str
    seed: int
    secret_len: int
    recovered: int  # leading secret tokens the attackers confirmed
    whole_secret: bool
    probes: int
    gave_up: bool
    actions: int  # monitor actions on the victim's content
    rules: dict[str, int]
    false_actions: int  # actions on content the victim did not create
    recovered_at_first_action: int | None


def _recovered(learned: list[int], secret: list[int]) -> int:
    n = 0
    for a, b in zip(learned, secret, strict=False):
        if a != b:
            break
        n += 1
    return n


def run_secret(
    spec: CollusionSpec,
    seed: int,
    config: MonitorConfig,
    label: str = "",
    cache: CacheConfig | None = None,
) -> SecretOutcome:
    """One colluding attack on one victim's secret, the monitor (``config``) acting live, on a
    cache with ``cache`` settings (default: the defaults)."""
    attack = spec.attack()
    system = shared_system_prompt("mixed", seed)
    victim_prompt, known, secret = victim_setup(seed, attack, system)
    cut = len(known) + spec.cleared
    server = SimServer(
        SafeKVConfig(mode=Mode.SELECTIVE, cache=cache or CacheConfig()),
        lambda c: ModelDetector(c, cut),
    )
    record = RecordingSink()
    monitor = RDRMonitor(config, _Both(CacheActionSink(server.cache), record), lambda: server.now)
    server.attach(monitor)
    if config.throttle_s > 0:
        server.cache.set_sharing_throttle(monitor.is_throttled)
    # Other tenants use the shared system prompt, so its end is a widely shared point.
    t = 1.0
    for i in range(10):
        server.request(f"user{i}", system + [2000 + i, 2001 + i], t)
        t += 0.5
    server.request(VICTIM, victim_prompt, t)
    prober = Prober(attack, seed, known, secret)
    rng = random.Random(f"flood-{seed}")
    first: int | None = None
    flood_id = 0
    t += 30.0
    while not prober.done and prober.probes < spec.max_probes:
        account, tokens, gap = prober.next_probe()
        prober.observe(server.request(account, tokens, t))
        if first is None and any(a.creator == VICTIM for a in record.actions):
            first = _recovered(prober.learned, secret)
        if spec.strategy == "flood":
            for _ in range(FLOOD_PER_PROBE):
                flood_id += 1
                doc = [rng.randrange(1000, VOCAB) for _ in range(8)]
                t += 0.01
                server.request(f"flooder{flood_id % 4}", doc, t)  # an account's own content
                t += 0.01
                server.request(f"eve{flood_id % spec.accounts}", doc[:4] + [7], t)
        t += gap
    monitor.flush()
    on_victim = [a for a in record.actions if a.creator == VICTIM]
    rules: dict[str, int] = {}
    for a in on_victim:
        rules[a.rule] = rules.get(a.rule, 0) + 1
    recovered = _recovered(prober.learned, secret)
    return SecretOutcome(
        strategy=spec.strategy,
        cleared=spec.cleared,
        monitor=label or ("on" if config.enabled else "off"),
        seed=seed,
        secret_len=len(secret),
        recovered=recovered,
        whole_secret=recovered >= len(secret),
        probes=prober.probes,
        gave_up=prober.gave_up,
        actions=len(on_victim),
        rules=rules,
        false_actions=len(record.actions) - len(on_victim),
        recovered_at_first_action=first,
    )


def summarize(outcomes: list[SecretOutcome]) -> dict[str, Any]:
    n = len(outcomes)
    return {
        "secrets": n,
        "recovered_mean": sum(o.recovered for o in outcomes) / n if n else 0.0,
        "recovered_max": max((o.recovered for o in outcomes), default=0),
        "whole_secrets": sum(o.whole_secret for o in outcomes),
        "probes_mean": sum(o.probes for o in outcomes) / n if n else 0.0,
        "actions": sum(o.actions for o in outcomes),
        "false_actions": sum(o.false_actions for o in outcomes),
    }
