"""Run profiles: how big each phase is, per machine class.

- ``quick``: the CPU profile (embedded tiny model), all three modes and all six ratios, under
  15 minutes on a 2-core machine.
- ``smoke``: what the CI test runs: R = 20% and a few victims per attack.
- ``full``: a GPU machine with a real model shape (``--model-path`` required).
- ``sysprompt``: CPU, performance only, the real-system-prompt workload at R = 20%, enough
  requests per (mode, R) cell and repetitions for 95% intervals that resolve a few percent.
- ``sysprompt-gpu``: the same on a GPU machine with prompts of thousands of tokens.

Every profile replays its workload interleaved (:mod:`.interleave`): ``reps`` repetitions of
blocks of ``block_sessions`` sessions, each block on every mode in turn.
"""

from __future__ import annotations

import dataclasses

from sglang_safekv.tooling.evaluation.attacks.collusion import CollusionSettings
from sglang_safekv.tooling.evaluation.attacks.ks_audit import AuditSettings
from sglang_safekv.tooling.evaluation.attacks.lpm_order import LpmSettings
from sglang_safekv.tooling.evaluation.attacks.ttft_reconstruction import ReconstructionSettings
from sglang_safekv.tooling.evaluation.system_prompt_workload import SystemPromptSpec
from sglang_safekv.tooling.evaluation.victims import AttackSpec
from sglang_safekv.tooling.evaluation.workload import RATIOS, WorkloadSpec

# Every mode runs with these SGLang arguments (on top of the launcher's CPU defaults).
# LPM is what the ordering attack targets; SGLang 0.5.23's default policy is fcfs.
COMMON_SGLANG_ARGS = ("--schedule-policy", "lpm")
# The CPU profile's default pool (65,536 tokens) is smaller than one attack phase's probes plus
# the victims' prompts; LRU would then evict the victims' entries mid-attack and hide a leak
# (measured: at 131,072 tokens, 4-chunk chains evicted the last two victims before they were
# probed). 524,288 tokens of the tiny model's KV are 2 GiB.
#
# --mem-fraction-static: SGLang sizes its pool from the free memory measured before and after
# the model loads, and refuses to start when more than (1 - fraction) of it vanished meanwhile.
# With the modes' servers starting side by side (and other work on the machine), the others'
# allocations count against each one: at the launcher's 0.1 two of three failed. The pool
# size itself is set by --max-total-tokens.
CPU_MEMORY_ARGS = ("--mem-fraction-static", "0.6")
CPU_SGLANG_ARGS = (*COMMON_SGLANG_ARGS, "--max-total-tokens", "524288", *CPU_MEMORY_ARGS)
ATTACKS = ("ttft_reconstruction", "lpm_order", "ks_audit", "collusion")


@dataclasses.dataclass(frozen=True)
class Profile:
    name: str
    server_profile: str  # "cpu" or "gpu" (the launcher's profile)
    workload: WorkloadSpec | SystemPromptSpec
    ratios: tuple[float, ...]
    concurrency: int
    max_tokens: int
    ttft_attack: AttackSpec
    reconstruction: ReconstructionSettings
    lpm_attack: AttackSpec
    lpm: LpmSettings
    audit_attack: AttackSpec
    audit: AuditSettings
    attacks: tuple[str, ...] = ATTACKS
    # Colluding accounts walking secrets token by token (issue 11): PII victims of this spec
    # plus the settings' deal memos, whose secret the detector clears by policy.
    collusion_attack: AttackSpec = AttackSpec(
        victims=4, candidates=8, continuation_words=40, kinds=("name", "ssn", "phone", "email"),
        seed=7272,
    )  # fmt: skip
    collusion: CollusionSettings = CollusionSettings()
    sglang_args: tuple[str, ...] = COMMON_SGLANG_ARGS
    needs_model_path: bool = False
    reps: int = 1  # repetitions of the interleaved schedule
    block_sessions: int = 2  # sessions per interleaved block

    @property
    def requests_per_cell(self) -> int:
        """Requests per (mode, R) cell over all repetitions."""
        w = self.workload
        return w.tenants * w.sessions_per_tenant * w.turns * self.reps

    def with_ratios(self, ratios: tuple[float, ...]) -> Profile:
        return dataclasses.replace(self, ratios=ratios)


QUICK = Profile(
    name="quick",
    server_profile="cpu",
    workload=WorkloadSpec(tenants=10, sessions_per_tenant=1, turns=3, apps=2, documents=4),
    ratios=RATIOS,
    concurrency=4,
    max_tokens=8,
    # L = 768 tokens per probe chunk: at 256 the signal drowned in the noise of a loaded
    # 2-core machine (probe AUC 0.77 and 1/4 secrets against 0.96 and 4/4 at 768, same server).
    ttft_attack=AttackSpec(victims=5, candidates=5, continuation_words=2800, seed=4242),
    reconstruction=ReconstructionSettings(
        chunk_tokens=768,
        chunks=4,
        misses_allowed=1,
        calibration_pairs=5,
        resolution_tokens=(1, 16, 256),
        resolution_samples=8,
    ),
    lpm_attack=AttackSpec(
        victims=4,
        candidates=16,
        continuation_words=40,
        kinds=("ssn", "phone", "credit_card", "name"),
        seed=5252,
    ),
    # Pads past half the CPU profile's 4,096-token prefill chunk: no two probes share a
    # prefill batch, so LPM's order shows as whole forward passes between first tokens (within
    # one batch they came back ~1 ms apart and the sentinel sometimes overtook the right token).
    lpm=LpmSettings(blocker_tokens=3072, pad_tokens=2100),
    audit_attack=AttackSpec(victims=1, audit_pairs=24, audit_private_words=200, seed=6262),
    audit=AuditSettings(),
    sglang_args=CPU_SGLANG_ARGS,
)

SMOKE = dataclasses.replace(
    QUICK,
    name="smoke",
    # Two sessions per tenant (24 requests per mode): with one (12), the CI hit-rate check
    # turned on 2 of 3 first cross-tenant reuses, each a race between the detector's verdict
    # and the next block (0.602-0.643 of global's 0.688 against 0.9 x 0.688 = 0.619).
    workload=WorkloadSpec(tenants=6, sessions_per_tenant=2, turns=2, apps=2, documents=2),
    ratios=(0.2,),
    # Five victims and 3 of 4 chunks: with 3 of 3 required, a timing spike on one chunk hid
    # one secret in five (CI runs recovered 3/4 and 3/5).
    ttft_attack=AttackSpec(victims=5, candidates=3, continuation_words=2800, seed=4343),
    reconstruction=ReconstructionSettings(
        chunk_tokens=768, chunks=4, misses_allowed=1, calibration_pairs=6, resolution_tokens=()
    ),
    # Three victims: a round whose sentinel comes back first is void, which happened to one
    # of two global-mode victims in several runs; the CI check needs one recovery.
    lpm_attack=AttackSpec(
        victims=3,
        candidates=8,
        continuation_words=40,
        kinds=("ssn", "phone", "credit_card"),
        seed=5353,
    ),
    audit_attack=AttackSpec(victims=1, audit_pairs=12, audit_private_words=200, seed=6363),
    attacks=("ttft_reconstruction", "lpm_order", "collusion"),  # what the CI assertions need
)

FULL = Profile(
    name="full",
    server_profile="gpu",
    workload=WorkloadSpec(
        tenants=64,
        sessions_per_tenant=2,
        turns=4,
        apps=4,
        documents=16,
        system_prompt_words=400,
        document_words=1500,
        private_words=80,
    ),
    ratios=RATIOS,
    concurrency=16,
    max_tokens=32,
    ttft_attack=AttackSpec(victims=16, candidates=16, continuation_words=1500, seed=4242),
    reconstruction=ReconstructionSettings(
        chunk_tokens=384, chunks=3, calibration_pairs=20, resolution_tokens=(1, 16, 384)
    ),
    lpm_attack=AttackSpec(victims=16, candidates=32, continuation_words=40, seed=5252),
    lpm=LpmSettings(blocker_tokens=8192),
    audit_attack=AttackSpec(victims=1, audit_pairs=200, audit_private_words=600, seed=6262),
    audit=AuditSettings(),
    needs_model_path=True,
    reps=3,
    block_sessions=8,
)

# Performance only (no attacks): the real-system-prompt workload. Sixty tenants, four per
# prompt (fifteen prompts), two turns each, three repetitions: 360 requests per cell.
# Prompts clipped to 2,000 characters are 650-1,100 tokens of the embedded model's tokenizer.
# The pool holds every tenant's copy in isolated mode, so eviction does not differ by mode.
SYSPROMPT = dataclasses.replace(
    QUICK,
    name="sysprompt",
    workload=SystemPromptSpec(
        tenants=60, tenants_per_prompt=4, turns=2, prompt_min_chars=1500, prompt_max_chars=2000
    ),
    ratios=(0.2,),
    max_tokens=8,
    attacks=(),
    sglang_args=(*COMMON_SGLANG_ARGS, "--max-total-tokens", "262144", *CPU_MEMORY_ARGS),
    reps=3,
    block_sessions=4,
)

SYSPROMPT_GPU = dataclasses.replace(
    FULL,
    name="sysprompt-gpu",
    workload=SystemPromptSpec(
        tenants=64,
        tenants_per_prompt=8,
        sessions_per_tenant=2,
        turns=3,
        prompt_min_chars=3000,
        prompt_max_chars=16000,
        private_words=80,
    ),
    ratios=(0.2,),
    attacks=(),
    reps=3,
    block_sessions=8,
)

PROFILES = {p.name: p for p in (QUICK, SMOKE, FULL, SYSPROMPT, SYSPROMPT_GPU)}
