"""Attack 3: the statistical cache audit of Gu et al. (ICML 2025, "Auditing Prompt Caching in
Language Model APIs"), run across tenants.

For each pair, a victim tenant sends a prompt (PII first, then private text). The auditor, a
different tenant, then sends

- the *hit arm*: exactly the victim's prompt, which would reuse the victim's cache if the
  cache were shared across tenants;
- the *miss arm*: a fresh prompt of the same shape and exactly the same token length, which
  cannot reuse anything beyond the public system prompt,

in random order, and records TTFT. One-sided two-sample KS test, H1: hit-arm TTFTs are
stochastically smaller; a small p-value means the cache is shared. AUC with a bootstrap
interval measures how well a single timing tells the arms apart (0.5: not at all).
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
from collections.abc import Sequence

from tqdm.auto import tqdm

from sglang_safekv.tooling.evaluation import stats
from sglang_safekv.tooling.evaluation.attacks.common import FillerTokens, send_victims
from sglang_safekv.tooling.evaluation.client import ApiClient
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.victims import AuditPrompt


@dataclasses.dataclass(frozen=True)
class AuditSettings:
    victim_max_tokens: int = 4
    settle_s: float = 2.0
    auditor: str = "auditor000"
    victim_tenant_prefix: str = "auditvictim"
    bootstrap: int = 2000
    seed: int = 13


@dataclasses.dataclass
class AuditResult:
    hit_ttft_s: list[float]
    miss_ttft_s: list[float]
    hit_cached: list[int]
    miss_cached: list[int]
    ks: stats.KSResult
    auc: stats.Interval

    def summary(self) -> dict:
        return {
            "n_per_arm": len(self.hit_ttft_s),
            "ks_statistic": self.ks.statistic,
            "ks_p_value": self.ks.p_value,
            "auc": dataclasses.asdict(self.auc),
            "hit_ttft_median_ms": 1000 * stats.percentile(self.hit_ttft_s, 50),
            "miss_ttft_median_ms": 1000 * stats.percentile(self.miss_ttft_s, 50),
            "hit_cached_tokens_mean": stats.mean(self.hit_cached),
            "miss_cached_tokens_mean": stats.mean(self.miss_cached),
        }


def length_matched(ids: list[int], n: int, suffix_len: int, filler: FillerTokens) -> list[int]:
    """``ids`` cut or padded (with random tokens) before its last ``suffix_len`` tokens to
    exactly ``n`` tokens, keeping the chat template's closing tokens in place."""
    if suffix_len >= n or suffix_len > len(ids):
        raise ValueError("the prompt is too short to length-match")
    body, suffix = ids[: len(ids) - suffix_len], ids[len(ids) - suffix_len :]
    want = n - suffix_len
    body = body[:want] if len(body) >= want else body + filler.take(want - len(body))
    return body + suffix


async def run(
    client: ApiClient,
    codec: Codec,
    pairs: Sequence[tuple[AuditPrompt, AuditPrompt]],
    settings: AuditSettings,
    progress: bool = True,
) -> AuditResult:
    filler = FillerTokens(codec, settings.seed)
    victims = [
        (f"{settings.victim_tenant_prefix}{i:03d}", list(victim.messages))
        for i, (victim, _) in enumerate(pairs)
    ]
    await send_victims(client, victims, settings.victim_max_tokens)
    await asyncio.sleep(settings.settle_s)

    # Warm the public system prompt for the auditor (isolated mode), outside both arms.
    warm = codec.chat_ids([pairs[0][0].messages[0], {"role": "user", "content": "Hello"}])
    await client.complete_ids(settings.auditor, warm)

    rng = random.Random(settings.seed)
    hit_t, miss_t, hit_c, miss_c = [], [], [], []
    for victim, fresh in tqdm(pairs, desc="ks audit", unit="pair", disable=not progress):
        hit_ids = codec.chat_ids(list(victim.messages))
        content = fresh.messages[-1]["content"]
        span = codec.locate(list(fresh.messages), 0, len(content))
        # The template's closing tokens (after the user content) stay at the end.
        miss_ids = length_matched(span.ids, len(hit_ids), len(span.ids) - span.stop, filler)
        arms = [("hit", hit_ids), ("miss", miss_ids)]
        rng.shuffle(arms)
        for arm, ids in arms:
            m = await client.complete_ids(settings.auditor, ids, max_tokens=1)
            if not m.ok:
                raise RuntimeError(f"audit probe failed: {m.error}")
            if arm == "hit":
                hit_t.append(m.ttft_s)
                hit_c.append(m.cached_tokens)
            else:
                miss_t.append(m.ttft_s)
                miss_c.append(m.cached_tokens)
    return AuditResult(
        hit_ttft_s=hit_t,
        miss_ttft_s=miss_t,
        hit_cached=hit_c,
        miss_cached=miss_c,
        ks=stats.ks_hit_faster(hit_t, miss_t),
        auc=stats.auc_interval(hit_t, miss_t, n_resamples=settings.bootstrap, seed=settings.seed),
    )
