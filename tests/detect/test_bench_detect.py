"""Per-tier latency on one 512-token chunk of held-out text (tiny-model tokenizer), for
`make bench`. The eval script reports the same with percentiles. Each median is compared with
its target (README, Detector) and reported as PASS or FAIL at the end of the run, not asserted."""

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.tooling.detector import evaluate as ev
from sglang_safekv.tooling.detector.corpus import generate
from tests.bench.targets import Verdict, median_seconds, report

pytestmark = pytest.mark.benchmark

# Milliseconds per 512-token chunk (median), by tier; and to public for a known system prompt.
TARGET_MS = {"tier1": 0.2, "tier2": 20.0, "tier3": 150.0, "time_to_public": 50.0}


def report_ms(benchmark, name: str, target_key: str) -> None:
    median = median_seconds(benchmark)
    if median is not None:
        report(benchmark, Verdict(name, median * 1e3, TARGET_MS[target_key], " ms"))


@pytest.fixture(scope="module")
def chunk(tiny_tokenizer):
    texts = [s.text for s in generate("heldout", 400, 1)]
    [text] = ev.token_chunks(tiny_tokenizer, texts, limit=1)
    return TextWindow(text, 0, len(text))


@pytest.mark.parametrize("engine", ["hyperscan", "re2", "re"])
def test_tier1_per_chunk(benchmark, chunk, engine):
    from sglang_safekv.detect.tier1 import PatternRecognizer

    recognizer = PatternRecognizer(engine=engine)
    recognizer.load()
    benchmark(recognizer.analyze, [chunk])
    report_ms(benchmark, f"tier 1 ({engine}) per 512 tokens", "tier1")


def test_tier2_per_chunk(benchmark, chunk, spacy_recognizer):
    benchmark(spacy_recognizer.analyze, [chunk])
    report_ms(benchmark, "tier 2 per 512 tokens", "tier2")


def test_tier3_per_chunk(benchmark, chunk, tier3_model_dir):
    from sglang_safekv.detect.tier3 import TransformerRecognizer

    recognizer = TransformerRecognizer(tier3_model_dir)
    recognizer.load()
    benchmark(recognizer.analyze, [chunk])
    report_ms(benchmark, "tier 3 per 512 tokens", "tier3")


def test_time_to_public_cache_hit(benchmark, tiny_tokenizer, tier3_model_dir):
    """A system prompt already in the decision cache: tokens -> text -> cache lookup -> sink."""
    import threading

    from sglang_safekv.cache.events import ClassificationJob
    from sglang_safekv.detect.pipeline import DetectionPipeline

    done = threading.Event()
    config = DetectorConfig(tier3_model_dir=str(tier3_model_dir))
    [prompt] = ev.public_system_prompts(tiny_tokenizer, 1)
    job = ClassificationJob("t", tuple(prompt), 0, len(prompt))
    with DetectionPipeline(config, tiny_tokenizer, lambda r: done.set()) as pipeline:

        def once():
            done.clear()
            pipeline.submit(job)
            assert done.wait(10)

        once()
        benchmark(once)
    report_ms(benchmark, "time to public, system prompt in the decision cache", "time_to_public")
