"""A workload whose cross-tenant reuse comes from real, published system prompts.

Production traces of multi-tenant LLM services report that most prefix reuse across users is
the system prompt of the application they use, while the chat turns after it are their own.
This workload has that shape: each of ``prompts`` real system prompts of agent frameworks
(:func:`sglang_safekv.tooling.corpora.public.system_prompts`, read from installed packages) is
the app of several tenants; every session is that system prompt followed by chat turns of
private user messages, a fraction R of which carry personal data (nested across ratios, as in
:mod:`sglang_safekv.tooling.evaluation.workload`).
"""

from __future__ import annotations

import dataclasses
import random

from sglang_safekv.tooling.evaluation.workload import (
    App,
    Session,
    Workload,
    pii_parts,
    private_part,
)


@dataclasses.dataclass(frozen=True)
class SystemPromptSpec:
    tenants: int = 60
    tenants_per_prompt: int = 4
    sessions_per_tenant: int = 1
    turns: int = 3
    # Clipped real prompts; the shortest qualifying prompts are dropped, not padded.
    prompt_min_chars: int = 1500
    prompt_max_chars: int = 4000
    private_words: int = 40
    seed: int = 4321

    def __post_init__(self) -> None:
        for name in ("tenants", "tenants_per_prompt", "sessions_per_tenant", "turns"):
            if getattr(self, name) < 1:
                raise ValueError(f"SystemPromptSpec.{name} must be at least 1")
        if not 0 < self.prompt_min_chars <= self.prompt_max_chars:
            raise ValueError("SystemPromptSpec needs 0 < prompt_min_chars <= prompt_max_chars")

    @property
    def prompts(self) -> int:
        return -(-self.tenants // self.tenants_per_prompt)


class NotEnoughPrompts(RuntimeError):
    """Fewer real system prompts are installed than the workload needs."""


def real_system_prompts(spec: SystemPromptSpec) -> tuple[App, ...]:
    """``spec.prompts`` published system prompts, clipped to the spec's length range."""
    from sglang_safekv.tooling.corpora.public import clip, missing_sources, system_prompts

    docs = [d for d in system_prompts(n=200) if len(d.text) >= spec.prompt_min_chars]
    if len(docs) < spec.prompts:
        raise NotEnoughPrompts(
            f"the workload needs {spec.prompts} system prompts of at least "
            f"{spec.prompt_min_chars} characters, {len(docs)} are installed (missing sources: "
            f"{', '.join(missing_sources()) or 'none'}; install the `corpora` extra)"
        )
    return tuple(App(name=d.id, system_prompt=clip(d.text, spec.prompt_max_chars)) for d in docs)[
        : spec.prompts
    ]


def generate_system_prompt_workload(
    spec: SystemPromptSpec, ratio: float, apps: tuple[App, ...] | None = None
) -> Workload:
    """The workload at PII ratio ``ratio`` (deterministic in ``spec``, ``ratio`` and the
    installed prompts); ``apps`` replaces the real prompts (tests of the shape only)."""
    apps = real_system_prompts(spec) if apps is None else apps
    n_sessions = spec.tenants * spec.sessions_per_tenant
    with_pii = pii_parts(n_sessions * spec.turns, ratio, spec.seed)
    sessions = []
    for t in range(spec.tenants):
        for k in range(spec.sessions_per_tenant):
            index = t * spec.sessions_per_tenant + k
            parts = tuple(
                private_part(spec, index * spec.turns + j, index * spec.turns + j in with_pii)
                for j in range(spec.turns)
            )
            sessions.append(
                Session(
                    session_id=f"s{index:04d}",
                    tenant=f"tenant{t:03d}",
                    app=t % len(apps),  # tenants of one prompt spread over the run
                    document=None,
                    turns=parts,
                )
            )
    return Workload(spec, ratio, apps, (), tuple(sessions))


def make_workload(spec: object, ratio: float) -> Workload:
    """The workload of either spec kind."""
    from sglang_safekv.tooling.evaluation.workload import WorkloadSpec, generate

    if isinstance(spec, SystemPromptSpec):
        return generate_system_prompt_workload(spec, ratio)
    if isinstance(spec, WorkloadSpec):
        return generate(spec, ratio)
    raise TypeError(f"unknown workload spec {type(spec).__name__}")


def shuffled_sessions(workload: Workload) -> list[Session]:
    """Sessions in a fixed shuffled order, so tenants and apps interleave the same way in
    every mode and repetition."""
    order = list(workload.sessions)
    random.Random(workload.spec.seed).shuffle(order)
    return order
