"""Per-tier latency on one 512-token chunk of held-out text (tiny-model tokenizer), for
`make bench`. The eval script reports the same with percentiles; these only measure."""

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.tooling.detector import evaluate as ev
from sglang_safekv.tooling.detector.corpus import generate

pytestmark = pytest.mark.benchmark


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


def test_tier2_per_chunk(benchmark, chunk, spacy_recognizer):
    benchmark(spacy_recognizer.analyze, [chunk])


def test_tier3_per_chunk(benchmark, chunk, tier3_model_dir):
    from sglang_safekv.detect.tier3 import TransformerRecognizer

    recognizer = TransformerRecognizer(tier3_model_dir)
    recognizer.load()
    benchmark(recognizer.analyze, [chunk])


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
