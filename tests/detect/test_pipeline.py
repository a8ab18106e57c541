"""The asynchronous pipeline with the real tokenizer and the real tier-1 recognizer.

Failure handling needs recognizers that fail on demand; those test doubles are named as such
(``HangingRecognizer``, ``CrashingRecognizer``, ``UnloadableRecognizer``).
"""

from __future__ import annotations

import array
import threading
import time

import pytest

from sglang_safekv.cache.events import ClassificationJob
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.pipeline import DetectionPipeline
from sglang_safekv.detect.policy import DetectionPolicy, Escalation
from sglang_safekv.detect.registry import Recognizer, RecognizerRegistry
from sglang_safekv.detect.tier1 import PatternRecognizer

from .conftest import chat_ids

SYSTEM = {"role": "system", "content": "You are a helpful assistant for Acme. Be brief."}


class CountingRecognizer(Recognizer):
    """Wraps a real recognizer and counts the windows it was asked to judge."""

    def __init__(self, inner: Recognizer) -> None:
        self.inner, self.name, self.tier = inner, inner.name, inner.tier
        self.categories = inner.categories
        self.windows = []

    def load(self):
        self.inner.load()

    def analyze(self, windows):
        self.windows += list(windows)
        return self.inner.analyze(windows)


class HangingRecognizer(Recognizer):
    """Test double: blocks until released, like a stuck model."""

    name, tier, categories = "hanging", 2, frozenset({Category.PERSON})

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()

    def analyze(self, windows):
        self.entered.set()
        self.release.wait(10)
        return [[] for _ in windows]


class CrashingRecognizer(Recognizer):
    """Test double: raises on text containing "boom", like a model hitting a bug."""

    name, tier, categories = "crashing", 2, frozenset({Category.PERSON})

    def analyze(self, windows):
        if any("boom" in w.text[w.start : w.end] for w in windows):
            raise RuntimeError("model exploded")
        return [[] for _ in windows]


class UnloadableRecognizer(Recognizer):
    """Test double: a tier-3 model whose directory is broken."""

    name, tier, categories = "broken_model", 3, frozenset(Category)

    def load(self):
        raise FileNotFoundError("no model here")

    def analyze(self, windows):  # pragma: no cover - never reached
        raise AssertionError


def make_pipeline(tokenizer, recognizers, tiers=(1,), escalation=Escalation.FAST, **cfg):
    results = []
    config = DetectorConfig(tiers=tuple(tiers), **cfg)
    policy = DetectionPolicy(tiers=frozenset(tiers), escalation=escalation)
    detector = Detector(policy, RecognizerRegistry(recognizers))
    pipeline = DetectionPipeline(config, tokenizer, results.append, detector=detector)
    return pipeline, results


def job(ids, owner="alice", start=0, end=None):
    return ClassificationJob(owner, tuple(ids), start, len(ids) if end is None else end)


def test_public_and_sensitive_jobs_get_token_precise_answers(tiny_tokenizer):
    pipeline, results = make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")])
    public = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "What is TCP?"}])
    secret = chat_ids(
        tiny_tokenizer, [SYSTEM, {"role": "user", "content": "Mail me at jane.doe@gmail.com ok"}]
    )
    with pipeline:
        pipeline.submit(job(public))
        pipeline.submit(ClassificationJob("bob", array.array("q", secret), 0, len(secret)))
        assert pipeline.wait_idle(10)
    by_owner = {r.owner: r for r in results}
    assert by_owner["alice"].first_sensitive is None and not by_owner["alice"].failed
    bob = by_owner["bob"]
    assert not bob.failed and bob.categories == ("email",)
    head = tiny_tokenizer.decode(secret[: bob.first_sensitive])
    tail = tiny_tokenizer.decode(secret[bob.first_sensitive :])
    assert "jane" not in head and head.endswith("Mail me at")
    assert tail.lstrip().startswith("jane.doe@gmail.com")
    assert list(bob.token_ids) == secret and bob.end == len(secret)


def test_special_tokens_are_not_content(tiny_tokenizer):
    # The role marker "<|user|>" sits between two runs; only runs are judged.
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "ssn 536-22-8726"}])
    counting = CountingRecognizer(PatternRecognizer(engine="re"))
    pipeline, results = make_pipeline(tiny_tokenizer, [counting])
    with pipeline:
        pipeline.submit(job(ids))
        assert pipeline.wait_idle(10)
    judged = [w.text[w.start : w.end] for w in counting.windows]
    assert all("<|" not in text for text in judged)
    first = results[0].first_sensitive
    assert tiny_tokenizer.decode(ids[first:]).lstrip().startswith("536-22-8726")
    # A job of a special token only ("<|end|>") completes the message before it: that line
    # (held back by the job before, which ended inside it) is judged from its start; the
    # special token itself is not content.
    user_end = max(i for i, t in enumerate(ids) if t == tiny_tokenizer.eos_token_id)
    pipeline2, results2 = make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")])
    with pipeline2:
        pipeline2.submit(job(ids, start=user_end, end=user_end + 1))
        assert pipeline2.wait_idle(10)
    r2 = results2[0]
    assert not r2.failed and r2.start < first and r2.first_sensitive == first
    assert r2.held_from is None


def test_start_mid_path_reports_absolute_offsets_and_never_before_start(tiny_tokenizer):
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "my password is Tr0ub4dor&3 ok"}])
    text_ids = tiny_tokenizer("my password is", add_special_tokens=False)["input_ids"]
    start = 2 + len(text_ids)  # BOS, <|user|>, "\n"... then the keyword; value starts after
    pipeline, results = make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")])
    with pipeline:
        pipeline.submit(job(ids, start=start))
        assert pipeline.wait_idle(10)
    first = results[0].first_sensitive
    assert first is not None and first >= start
    assert "Tr0ub" in tiny_tokenizer.decode(ids[first : first + 4])


def test_decision_cache_reuses_an_owners_own_decisions(tiny_tokenizer):
    counting = CountingRecognizer(PatternRecognizer(engine="re"))
    pipeline, results = make_pipeline(tiny_tokenizer, [counting])
    a = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "hello"}])
    b = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "good morning"}])
    with pipeline:
        pipeline.submit(job(a, "alice"))
        assert pipeline.wait_idle(10)
        judged_before = [w.text[w.start : w.end] for w in counting.windows]
        pipeline.submit(job(b, "alice"))
        assert pipeline.wait_idle(10)
    judged_after = [w.text[w.start : w.end] for w in counting.windows[len(judged_before) :]]
    system_text = SYSTEM["content"]
    assert any(system_text in t for t in judged_before)
    assert not any(system_text in t for t in judged_after)  # her system prompt: a cache hit
    assert any("good morning" in t for t in judged_after)
    stats = pipeline.stats()["counters"]
    assert stats["decision_cache_hits"] >= 1
    assert [r.first_sensitive for r in results] == [None, None]


def test_decision_cache_is_no_oracle_on_another_tenants_message(tiny_tokenizer):
    """Attack: mallory sends alice's exact message and would learn from a fast decision that
    someone sent it. Her job must be judged from scratch, like any new message."""
    counting = CountingRecognizer(PatternRecognizer(engine="re"))
    pipeline, results = make_pipeline(tiny_tokenizer, [counting])
    victim = "my card is 4111 1111 1111 1111, please book the flight"
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": victim}])
    with pipeline:
        pipeline.submit(job(ids, "alice"))
        assert pipeline.wait_idle(10)
        judged_for_alice = len(counting.windows)
        pipeline.submit(job(ids, "mallory"))
        assert pipeline.wait_idle(10)
    judged_for_mallory = [w.text[w.start : w.end] for w in counting.windows[judged_for_alice:]]
    assert any("4111" in t for t in judged_for_mallory)
    assert pipeline.stats()["counters"].get("decision_cache_hits", 0) == 0
    assert [r.owner for r in results] == ["alice", "mallory"]
    assert results[0].first_sensitive == results[1].first_sensitive is not None


def test_cache_key_depends_on_owner_content_and_range(tiny_tokenizer):
    from sglang_safekv.detect.pipeline import run_keys

    ids = (1, 2, 3, 4, 5)
    assert run_keys(ids, [(0, 2), (3, 5)], 0, "a") == run_keys(
        array.array("q", ids), [(0, 2), (3, 5)], 0, "a"
    )
    assert run_keys(ids, [(0, 5)], 0, "a") != run_keys(ids, [(0, 5)], 1, "a")
    assert run_keys(ids, [(0, 5)], 0, "a") != run_keys((1, 2, 3, 4, 6), [(0, 5)], 0, "a")
    assert run_keys(ids, [(0, 5)], 0, "a") != run_keys(ids, [(0, 5)], 0, "b")


def test_overflow_answers_failed_at_once(tiny_tokenizer):
    hanging = HangingRecognizer()
    pipeline, results = make_pipeline(
        tiny_tokenizer,
        [PatternRecognizer(engine="re"), hanging],
        tiers=(1, 2),
        queue_size=1,
        batch_size=1,
    )
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "hello"}])
    with pipeline:
        assert pipeline.submit(job(ids, "a"))
        assert hanging.entered.wait(5)  # the worker holds "a"
        assert pipeline.submit(job(ids, "b"))  # fills the queue
        assert not pipeline.submit(job(ids, "c"))  # overflow
        assert [(r.owner, r.failed) for r in results] == [("c", True)]
        hanging.release.set()
        assert pipeline.wait_idle(10)
    assert pipeline.stats()["counters"]["failed_overflow"] == 1
    assert sorted((r.owner, r.failed) for r in results) == [("a", False), ("b", False), ("c", True)]


def test_timeout_answers_failed_once_and_ignores_the_late_result(tiny_tokenizer):
    hanging = HangingRecognizer()
    pipeline, results = make_pipeline(
        tiny_tokenizer, [PatternRecognizer(engine="re"), hanging], tiers=(1, 2), timeout_s=0.2
    )
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "hello"}])
    with pipeline:
        pipeline.submit(job(ids))
        assert pipeline.wait_idle(5)
        assert [r.failed for r in results] == [True]
        hanging.release.set()
        time.sleep(0.2)
    assert len(results) == 1
    assert pipeline.stats()["counters"]["failed_timeout"] == 1


def test_crash_fails_only_the_job_that_caused_it(tiny_tokenizer):
    pipeline, results = make_pipeline(
        tiny_tokenizer, [PatternRecognizer(engine="re"), CrashingRecognizer()], tiers=(1, 2)
    )
    good = chat_ids(tiny_tokenizer, [{"role": "user", "content": "all good"}])
    bad = chat_ids(tiny_tokenizer, [{"role": "user", "content": "boom goes the model"}])
    with pipeline:
        pipeline.submit(job(good, "good"))
        pipeline.submit(job(bad, "bad"))
        assert pipeline.wait_idle(10)
    assert {r.owner: r.failed for r in results} == {"good": False, "bad": True}
    assert pipeline.stats()["counters"]["failed_error"] == 1


def test_a_crash_in_a_batch_is_isolated_to_its_job(tiny_tokenizer):
    from sglang_safekv.detect.pipeline import _Pending

    pipeline, results = make_pipeline(
        tiny_tokenizer, [PatternRecognizer(engine="re"), CrashingRecognizer()], tiers=(1, 2)
    )
    pipeline.detector.load()
    good = chat_ids(tiny_tokenizer, [{"role": "user", "content": "all good"}])
    bad = chat_ids(tiny_tokenizer, [{"role": "user", "content": "boom goes the model"}])
    now = time.monotonic()
    batch = [_Pending(job(good, "good"), now, now + 60), _Pending(job(bad, "bad"), now, now + 60)]
    pipeline._process(batch)  # one batch: the detector raises for both, then per job
    assert {r.owner: r.failed for r in results} == {"good": False, "bad": True}


def test_unloadable_tier_keeps_content_that_needs_it_private(tiny_tokenizer):
    pipeline, results = make_pipeline(
        tiny_tokenizer,
        [PatternRecognizer(engine="re"), UnloadableRecognizer()],
        tiers=(1, 3),
    )
    needs_tier3 = chat_ids(tiny_tokenizer, [{"role": "user", "content": "I feel awful lately"}])
    plain = chat_ids(tiny_tokenizer, [{"role": "user", "content": "What is TCP?"}])
    early_card = chat_ids(
        tiny_tokenizer, [{"role": "user", "content": "4111 1111 1111 1111 and I feel awful"}]
    )
    with pipeline:
        assert pipeline.stats()["unavailable"] == {
            "broken_model": "FileNotFoundError: no model here"
        }
        for owner, ids in (("hint", needs_tier3), ("plain", plain), ("card", early_card)):
            pipeline.submit(job(ids, owner))
        assert pipeline.wait_idle(10)
    by_owner = {r.owner: r for r in results}
    assert by_owner["hint"].failed  # a first-person sentence needs tier 3: stays private
    assert not by_owner["plain"].failed and by_owner["plain"].first_sensitive is None
    assert not by_owner["card"].failed and by_owner["card"].first_sensitive is not None
    assert pipeline.stats()["counters"]["failed_unavailable"] == 1


def test_bad_jobs_closed_and_disabled_pipelines_fail_closed(tiny_tokenizer):
    pipeline, results = make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")])
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "hi"}])
    assert not pipeline.submit(job(ids))  # not started
    with pipeline:
        assert not pipeline.submit(ClassificationJob("x", tuple(ids), 3, len(ids) + 5))
    assert not pipeline.submit(job(ids))  # closed
    disabled, results2 = make_pipeline(
        tiny_tokenizer, [PatternRecognizer(engine="re")], enabled=False
    )
    with disabled:
        assert not disabled.submit(job(ids))
    assert [r.failed for r in results] == [True, True, True]
    assert [r.failed for r in results2] == [True]
    counters = pipeline.stats()["counters"]
    assert counters["failed_stopped"] == 2 and counters["failed_bad_job"] == 1


def test_stats_expose_tier_latency_histograms_and_time_to_result(tiny_tokenizer):
    pipeline, _ = make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")])
    ids = chat_ids(tiny_tokenizer, [{"role": "user", "content": "hello there"}])
    with pipeline:
        pipeline.submit(job(ids))
        assert pipeline.wait_idle(10)
    stats = pipeline.stats()
    hist = stats["histograms"]
    assert hist["tier1_seconds"]["count"] >= 1
    assert hist["time_to_result_seconds"]["buckets"]["+Inf"] == 1
    assert stats["counters"]["jobs_public"] == 1
    assert stats["gauges"]["inflight"] == 0


def test_config_errors_are_clear(tiny_tokenizer):
    with pytest.raises(ValueError, match="queue_size"):
        make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")], queue_size=0)
    with pytest.raises(ValueError, match="timeout_s"):
        make_pipeline(tiny_tokenizer, [PatternRecognizer(engine="re")], timeout_s=0)


def test_multi_turn_job_reads_one_message_before_start_as_context(tiny_tokenizer):
    earlier = [
        SYSTEM,
        {"role": "user", "content": "Tell me about TCP."},
        {"role": "assistant", "content": "TCP is a reliable transport protocol."},
    ]
    head = chat_ids(tiny_tokenizer, earlier, generation_prompt=False)
    full = chat_ids(
        tiny_tokenizer, [*earlier, {"role": "user", "content": "Mail jane.doe@gmail.com please"}]
    )
    assert full[: len(head)] == head
    counting = CountingRecognizer(PatternRecognizer(engine="re"))
    pipeline, results = make_pipeline(tiny_tokenizer, [counting])
    with pipeline:
        pipeline.submit(job(full, start=len(head)))
        assert pipeline.wait_idle(10)
    # The message before is read as context (never judged); older turns are never decoded.
    assert all("Tell me about" not in w.text for w in counting.windows)
    assert all("reliable transport protocol." in w.text[: w.start] for w in counting.windows)
    first = results[0].first_sensitive
    assert first > len(head)
    assert tiny_tokenizer.decode(full[first:]).lstrip().startswith("jane.doe@gmail.com")


def test_a_job_counts_as_in_flight_until_the_sink_has_its_result(tiny_tokenizer):
    # The e2e tests (and the eval) wait for "idle" and then expect the result in the cache:
    # idle must not be visible while a result is between the worker and the sink.
    in_sink, release, seen = threading.Event(), threading.Event(), []

    def slow_sink(result):
        in_sink.set()
        release.wait(10)
        seen.append(result)

    config = DetectorConfig(tiers=(1,))
    policy = DetectionPolicy(tiers=frozenset({1}), escalation=Escalation.FAST)
    detector = Detector(policy, RecognizerRegistry([PatternRecognizer(engine="re")]))
    pipeline = DetectionPipeline(config, tiny_tokenizer, slow_sink, detector=detector)
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "What is TCP?"}])
    with pipeline:
        pipeline.submit(job(ids))
        assert in_sink.wait(10)
        assert pipeline.stats()["gauges"]["inflight"] == 1
        assert not pipeline.wait_idle(0.2)
        release.set()
        assert pipeline.wait_idle(10)
    assert len(seen) == 1


# --- right context and what the detector cannot read -------------------------------------------


def raw_ids(tokenizer, text: str) -> list[int]:
    """A completions-API prompt: BOS and the text, no chat template (no message end)."""
    return [tokenizer.bos_token_id, *tokenizer(text, add_special_tokens=False)["input_ids"]]


def decide(tokenizer, *jobs):
    pipeline, results = make_pipeline(tokenizer, [PatternRecognizer(engine="re")])
    with pipeline:
        for j in jobs:
            pipeline.submit(j)
            assert pipeline.wait_idle(10)
    return results, pipeline.stats()["counters"]


def test_a_job_ending_inside_a_line_holds_back_that_line(tiny_tokenizer):
    head = raw_ids(tiny_tokenizer, "Deploy notes for the team\n")
    # (After ``OPENAI_KEY=`` tier 1 now flags any non-placeholder value, partial or not; a
    # partial key without a credential name still matches no pattern.)
    ids = raw_ids(tiny_tokenizer, "Deploy notes for the team\ncall the API with sk-proj-4fQ9")
    assert ids[: len(head)] == head
    (r,), counters = decide(tiny_tokenizer, job(ids))
    assert not r.failed and r.first_sensitive is None  # the partial key matches no pattern
    assert r.held_from == len(head)  # ... but its line is not complete: held back
    assert counters["jobs_held"] == 1 and counters["held_tokens"] == len(ids) - len(head)
    # The whole text ends at a line break: complete, nothing held.
    (done,), _ = decide(tiny_tokenizer, job(head))
    assert done.held_from is None and done.first_sensitive is None


def test_a_chat_prompt_ending_with_its_generation_prompt_holds_nothing(tiny_tokenizer):
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "What is TCP?"}])
    eos = tiny_tokenizer.eos_token_id
    user_end = ids.index(eos, ids.index(eos) + 1)  # "<|end|>" of the user message
    (full, cut), _ = decide(tiny_tokenizer, job(ids), job(ids, "bob", end=user_end))
    assert full.held_from is None and full.first_sensitive is None
    # The same prompt cut inside the user message (a chunk boundary) holds that message back.
    assert cut.held_from is not None and cut.held_from < user_end
    assert tiny_tokenizer.decode(ids[cut.held_from : user_end]).strip() == "What is TCP?"


def test_a_job_starting_inside_a_line_is_judged_from_the_line_start(tiny_tokenizer):
    # Two chunks of one prompt split inside a card number: the first chunk alone holds its
    # line; the second is judged from that line's start and finds the card from its start.
    text = "Payment details below\nPlease charge 4111 1111 1111 1111 today\n"
    ids = raw_ids(tiny_tokenizer, text)
    card_char = text.index("4111")
    enc = tiny_tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    card = 1 + next(i for i, (_, e) in enumerate(enc["offset_mapping"]) if e > card_char)
    for split in range(card + 1, card + 8):
        first, second = job(ids, end=split), job(ids, start=split)
        (r1, r2), _ = decide(tiny_tokenizer, first, second)
        assert r1.first_sensitive is None and r1.held_from is not None and r1.held_from <= card
        assert r2.start <= r1.held_from  # reaches back over the held line
        assert r2.first_sensitive == card, split


def test_ids_outside_the_vocabulary_are_private_from_the_first_on(tiny_tokenizer):
    user = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "Describe this:"}])
    eos = tiny_tokenizer.eos_token_id
    cut = user.index(eos, user.index(eos) + 1)  # before the user message's "<|end|>"
    image = [1_000_000 + 7] * 4  # SGLang's placeholder ids for an image
    ids = user[:cut] + image + user[cut:]
    (r,), counters = decide(tiny_tokenizer, job(ids))
    assert not r.failed and r.first_sensitive == cut and r.categories == ("unreadable",)
    assert counters["jobs_unreadable"] == 1


def test_a_partial_value_after_a_credential_name_is_private_at_once(tiny_tokenizer):
    text = "Deploy notes for the team\nexport OPENAI_KEY=sk-proj-4fQ9"
    ids = raw_ids(tiny_tokenizer, text)
    (r,), _ = decide(tiny_tokenizer, job(ids))
    enc = tiny_tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    value = text.index("sk-proj")
    value_token = 1 + next(i for i, (_, e) in enumerate(enc["offset_mapping"]) if e > value)
    assert r.first_sensitive is not None and r.first_sensitive <= value_token


def test_a_blank_run_is_public_without_a_tier(tiny_tokenizer):
    """The line break after a generation prompt's role token holds nothing to read: no
    recognizer is asked, so a prompt decided on arrival is public at once after its insert."""
    counting = CountingRecognizer(PatternRecognizer(engine="re"))
    pipeline, results = make_pipeline(tiny_tokenizer, [counting])
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "hello"}])
    with pipeline:
        pipeline.submit(job(ids))
        assert pipeline.wait_idle(10)
    judged = [w.text[w.start : w.end] for w in counting.windows]
    assert judged and all(t.strip() for t in judged)
    assert pipeline.stats()["counters"]["blank_runs"] >= 1
    assert results[0].first_sensitive is None and results[0].held_from is None
