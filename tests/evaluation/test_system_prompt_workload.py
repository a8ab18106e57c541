import collections

import pytest

from sglang_safekv.tooling.corpora.public import missing_sources
from sglang_safekv.tooling.evaluation.system_prompt_workload import (
    NotEnoughPrompts,
    SystemPromptSpec,
    generate_system_prompt_workload,
    real_system_prompts,
)
from sglang_safekv.tooling.evaluation.workload import App

SPEC = SystemPromptSpec(tenants=60, tenants_per_prompt=4, turns=2, prompt_max_chars=2000)


def test_every_prompt_is_shared_by_several_tenants_and_only_prompts_are_shared():
    apps = tuple(App(f"app{i}", f"prompt {i} " * 200) for i in range(SPEC.prompts))
    workload = generate_system_prompt_workload(SPEC, 0.2, apps)
    assert len(workload.tenants) == 60
    tenants_of = collections.defaultdict(set)
    for s in workload.sessions:
        tenants_of[s.app].add(s.tenant)
    assert sorted(len(t) for t in tenants_of.values()) == [4] * 15
    # User messages are each tenant's own: no two sessions send the same one.
    firsts = [workload.user_content(s, 0)[0] for s in workload.sessions]
    assert len(set(firsts)) == len(firsts)
    assert workload.pii_fraction() == pytest.approx(0.2)
    for session, turn, secret in workload.secrets():
        content, _ = workload.user_content(session, turn)
        assert content[secret.start : secret.end] == secret.value


@pytest.mark.skipif(bool(missing_sources()), reason="the corpora extra is not installed")
def test_real_prompts_are_distinct_published_texts_of_the_asked_length():
    apps = real_system_prompts(SPEC)
    assert len(apps) == SPEC.prompts
    assert len({a.system_prompt for a in apps}) == len(apps)
    assert all(1000 <= len(a.system_prompt) <= SPEC.prompt_max_chars for a in apps)
    assert all(":" in a.name for a in apps)  # source:file of the published prompt


def test_asking_for_more_prompts_than_installed_is_a_clear_error():
    spec = SystemPromptSpec(tenants=100_000, tenants_per_prompt=1, prompt_min_chars=1500)
    with pytest.raises(NotEnoughPrompts, match="system prompts"):
        real_system_prompts(spec)
