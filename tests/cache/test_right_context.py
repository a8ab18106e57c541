"""A secret cut anywhere stays wholly private: keystroke requests, chunk boundaries, max_tokens.

In process, with the real parts: SafeRadixCache driven through SGLang's request lifecycle
(``harness.MiniScheduler``), the real DetectionPipeline with the real tier-1 patterns, and the
project's real tokenizer. One tenant sends the text, results are applied in the order drawn;
then another tenant sends the whole text and must not reuse a token of the secret, while the
complete lines before it are still shared.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sglang_safekv.config import DetectorConfig, Mode
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.pipeline import DetectionPipeline
from sglang_safekv.detect.policy import DetectionPolicy, Escalation
from sglang_safekv.detect.registry import RecognizerRegistry
from sglang_safekv.detect.tier1 import PatternRecognizer

from .harness import MiniScheduler, check_invariants, make_cache, visible_match

# (text before the secret on its line, the secret: its first character is the first private one)
SECRETS = {
    "api_key": ("export OPENAI_API_KEY=", "sk-proj-4fQ9x2LmN8pRt5VwZ1bC7dE3"),
    "card": ("Please charge card ", "4111 1111 1111 1111"),
    "ssn": ("My SSN is ", "536-22-8726"),
    "dsn": ("DATABASE_URL=postgres://admin:", "S3cretPw0rd@db.internal:5432/app"),
    "bearer": ("Authorization: Bearer ", "eyZ0eXAi0iJKV1QiLCJhbGci0iJIUzI1NiJ9xQ"),
    "iban": ("Wire it to ", "DE89 3704 0044 0532 0130 00"),
    "email": ("Write to ", "jane.doe1987@gmail.com"),
}
HEADER = "Notes for the deploy job\n"
TAIL = " and thanks\n"
FAST = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    return AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)


def raw_ids(tokenizer, text: str) -> list[int]:
    """A completions-API prompt: BOS and the text."""
    return [tokenizer.bos_token_id, *tokenizer(text, add_special_tokens=False)["input_ids"]]


def first_token_of(tokenizer, text: str, char: int) -> int:
    """Index in ``raw_ids(text)`` of the first token carrying character ``char``."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    return 1 + next(i for i, (_, end) in enumerate(enc["offset_mapping"]) if end > char)


class World:
    """Cache + scheduler + pipeline; the pipeline's results wait in ``results`` until applied."""

    def __init__(self, tokenizer) -> None:
        self.cache, self.allocator, pool = make_cache(
            Mode.SELECTIVE, pool_tokens=4096, rows=8, max_len=256
        )
        self.sched = MiniScheduler(self.cache, self.allocator, pool)
        self.results: list = []
        config = DetectorConfig(tiers=(1,))
        policy = DetectionPolicy(tiers=frozenset({1}), escalation=Escalation.FAST)
        detector = Detector(policy, RecognizerRegistry([PatternRecognizer(engine="re")]))
        self.pipeline = DetectionPipeline(config, tokenizer, self.results.append, detector)
        self.pipeline.start()
        self.cache.add_listener(self.pipeline)

    def send(self, tenant: str, prompt: list[int], out: list[int] = ()) -> None:
        req = self.sched.start(tenant, prompt)
        assert req is not None
        self.sched.decode(req, list(out))
        self.sched.finish(req)

    def settle(self, order: list[int] | None = None) -> None:
        """Wait for the detector, then apply its results (in ``order`` if given)."""
        assert self.pipeline.wait_idle(20)
        results, self.results[:] = list(self.results), []
        if order is not None and results:
            results = [results[i % len(results)] for i in order] + results
        for r in results:
            self.cache.post(r)
        self.cache.apply_pending()

    def close(self) -> None:
        self.pipeline.close()


@pytest.mark.parametrize("kind", sorted(SECRETS))
@FAST
@given(data=st.data())
def test_keystroke_requests_never_share_a_token_of_the_secret(tokenizer, kind, data):
    lead, secret = SECRETS[kind]
    text = HEADER + lead + secret + TAIL
    world = World(tokenizer)
    try:
        typed = 0
        while typed < len(text):
            typed = min(len(text), typed + data.draw(st.integers(1, 4), label="step"))
            world.send("alice", raw_ids(tokenizer, text[:typed]))
            if data.draw(st.booleans(), label="settle now"):
                world.settle()
        world.settle()
        boundary = first_token_of(tokenizer, text, text.index(secret))
        reused = visible_match(world.cache, "bob", raw_ids(tokenizer, text))
        assert reused <= boundary, (kind, reused, boundary)
        # The complete line before the secret is shared all the same.
        assert reused >= len(raw_ids(tokenizer, HEADER)) - 1, (kind, reused)
        check_invariants(world.cache, world.sched, world.allocator)
    finally:
        world.close()


@pytest.mark.parametrize("kind", sorted(SECRETS))
@FAST
@given(data=st.data())
def test_a_chunk_boundary_anywhere_inside_the_secret_keeps_it_private(tokenizer, kind, data):
    lead, secret = SECRETS[kind]
    text = HEADER + lead + secret + TAIL
    ids = raw_ids(tokenizer, text)
    boundary = first_token_of(tokenizer, text, text.index(secret))
    end = first_token_of(tokenizer, text, text.index(secret) + len(secret) - 1) + 1
    cut = data.draw(st.integers(boundary, end), label="chunk boundary")
    world = World(tokenizer)
    try:
        # The two inserts chunked-prefill checkpointing makes: the first chunk, then the rest.
        req = world.sched.start("alice", ids[:cut])
        world.sched.checkpoint(req)
        if data.draw(st.booleans(), label="first result before the second chunk"):
            world.settle()
        world.sched.decode(req, ids[cut:])
        world.sched.checkpoint(req)
        world.sched.finish(req)
        world.settle(order=data.draw(st.lists(st.integers(0, 3), max_size=3), label="order"))
        reused = visible_match(world.cache, "bob", ids)
        assert reused <= boundary, (kind, cut, reused, boundary)
        assert reused >= len(raw_ids(tokenizer, HEADER)) - 1
        check_invariants(world.cache, world.sched, world.allocator)
    finally:
        world.close()


def test_an_output_cut_by_max_tokens_holds_its_last_line(tokenizer):
    world = World(tokenizer)
    try:
        prompt = tokenizer.apply_chat_template(
            [{"role": "user", "content": "Give me a new API key."}],
            add_generation_prompt=True,
            tokenize=True,
        )
        prompt = list(prompt["input_ids"] if hasattr(prompt, "keys") else prompt)
        answer = "Here you go:\nsk-proj-4fQ9x2LmN8"  # cut: the key is not complete yet
        out = tokenizer(answer, add_special_tokens=False)["input_ids"]
        world.send("alice", prompt, out + [out[-1]])  # the last token has no KV: not cached
        world.settle()
        full = prompt + out
        reused = visible_match(world.cache, "bob", full)
        line = len(prompt) + len(tokenizer("Here you go:\n", add_special_tokens=False)["input_ids"])
        assert len(prompt) <= reused <= line
        counters = world.pipeline.stats()["counters"]
        assert counters["jobs_held"] >= 1
        # When the conversation goes on, the held line is judged with its right context.
        rest = tokenizer("pRt5VwZ1bC7dE3\n", add_special_tokens=False)["input_ids"]
        world.send("alice", full + rest)
        world.settle()
        assert visible_match(world.cache, "bob", full) <= line
        check_invariants(world.cache, world.sched, world.allocator)
    finally:
        world.close()


def test_a_held_line_becomes_public_once_complete_and_clean(tokenizer):
    # Keystrokes of clean text: nothing is lost for good, the finished line is shared.
    text = "Summarize the release notes\nin three bullet points\n"
    world = World(tokenizer)
    try:
        for k in range(4, len(text) + 1, 4):
            world.send("alice", raw_ids(tokenizer, text[:k]))
            world.settle()
        world.send("alice", raw_ids(tokenizer, text))
        world.settle()
        ids = raw_ids(tokenizer, text)
        assert visible_match(world.cache, "bob", ids) == len(ids)
        stats = world.cache.safekv_stats()
        assert stats["held_tokens"] > 0
        # A repeated prompt that ends inside a line sends no new job for the held tail.
        partial = raw_ids(tokenizer, text + "and a")
        world.send("alice", partial)
        world.settle()
        jobs = world.cache.safekv_stats()["jobs_emitted"]
        world.send("alice", partial)
        world.settle()
        assert world.cache.safekv_stats()["jobs_emitted"] == jobs
        assert visible_match(world.cache, "bob", partial) == len(ids)
    finally:
        world.close()
