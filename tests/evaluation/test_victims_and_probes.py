import pytest

from sglang_safekv.tooling.evaluation.attacks.common import FillerTokens
from sglang_safekv.tooling.evaluation.attacks.ks_audit import length_matched
from sglang_safekv.tooling.evaluation.attacks.lpm_order import _Sender, _Trie
from sglang_safekv.tooling.evaluation.attacks.ttft_reconstruction import plan_probes
from sglang_safekv.tooling.evaluation.victims import AttackSpec, audit_prompts, victims

SPEC = AttackSpec(victims=6, candidates=6, continuation_words=120)


def test_victims_are_deterministic_and_carry_their_secret():
    assert victims(SPEC) == victims(SPEC)
    for v in victims(SPEC):
        content = v.messages()[-1]["content"]
        assert content[v.secret.start : v.secret.end] == v.secret.value
        assert v.candidates.count(v.secret.value) == 1
        assert len(set(v.candidates)) == SPEC.candidates
        assert content.startswith(v.template.head)


def test_the_true_candidates_probe_is_a_prefix_of_the_victims_prompt(codec):
    L, m = 16, 3
    for v in victims(SPEC):
        victim_ids = codec.chat_ids(v.messages())
        plans = plan_probes(codec, v, L, m)
        assert len({tuple(p.prefix) for p in plans}) == 1
        for value, plan in zip(v.candidates, plans):
            probe = plan.prefix + plan.candidate + plan.continuation[: m * L]
            shared = next(
                (i for i, (a, b) in enumerate(zip(probe, victim_ids)) if a != b), len(probe)
            )
            if value == v.secret.value:
                assert shared == len(probe), "a right guess must reuse the whole probe"
            else:
                # A wrong guess leaves the victim's prompt inside the candidate's tokens.
                assert len(plan.prefix) <= shared < len(plan.prefix) + len(plan.candidate)


def test_chat_shaped_probes_tokenize_to_the_id_probes_up_to_their_pad(codec):
    # What the LPM attack sends through a gateway: the victim's app's messages whose text
    # gives the same ids as the id probe, known prefix, recovered tokens and guess included.
    filler = FillerTokens(codec, 3)
    for v in victims(SPEC):
        plans = plan_probes(codec, v, 1, 1)
        sender = _Sender(None, codec, v, plans[0].prefix, chat=True)
        for plan in plans:
            guess = plan.candidate
            for k in range(1, len(guess) + 1):
                assert sender.aligned(guess[:k], filler.take(6)), (v.tenant, k)
        messages = sender.messages(plans[0].candidate, filler.take(6))
        assert messages[0] == v.messages()[0]
        assert messages[1]["content"].startswith(v.template.head)


def test_plan_rejects_a_continuation_shorter_than_the_probes_need(codec):
    v = victims(AttackSpec(victims=1, continuation_words=10))[0]
    with pytest.raises(ValueError, match="continuation"):
        plan_probes(codec, v, 200, 3)


def test_length_matched_keeps_the_template_suffix(codec):
    filler = FillerTokens(codec, 1)
    ids = list(range(100, 140))
    longer = length_matched(ids, 50, 3, filler)
    shorter = length_matched(ids, 20, 3, filler)
    assert len(longer) == 50 and longer[:37] == ids[:37] and longer[-3:] == ids[-3:]
    assert len(shorter) == 20 and shorter[:17] == ids[:17] and shorter[-3:] == ids[-3:]
    with pytest.raises(ValueError):
        length_matched(ids, 3, 3, filler)


def test_audit_pairs_differ_and_have_pii_first():
    pairs = audit_prompts(AttackSpec(audit_pairs=5))
    assert len(pairs) == 5
    for hit, miss in pairs:
        assert hit.messages != miss.messages
        for p in (hit, miss):
            text = p.messages[-1]["content"]
            s = p.secrets[0]
            assert text[s.start : s.end] == s.value and s.start < 60


def test_filler_never_uses_special_tokens(codec):
    special = set(codec.tokenizer.all_special_ids)
    assert not special & set(FillerTokens(codec, 3).take(2000))


def test_trie_walk_and_chance():
    trie = _Trie({"a": [1, 2, 3], "b": [1, 2, 4], "c": [5]})
    assert trie.children([]) == [1, 5]
    assert trie.children([1]) == [2]
    assert trie.children([1, 2]) == [3, 4]
    assert trie.complete([1, 2, 3]) == "a"
    assert trie.complete([1, 2]) is None
    assert trie.chance([1, 2, 3]) == pytest.approx(0.25)
    assert trie.chance([5]) == pytest.approx(0.5)
