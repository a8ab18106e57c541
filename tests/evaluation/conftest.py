import pytest

from sglang_safekv.tooling.tiny_model import TinyModelSpec, build_tokenizer

# A small tokenizer of the embedded model's kind (byte-level BPE on Faker text, same chat
# template), so codec-level tests run without the full model build.
SMALL_TOKENIZER = TinyModelSpec(vocab_size=800, corpus_sentences=1500)


@pytest.fixture(scope="session")
def codec(tmp_path_factory):
    from sglang_safekv.tooling.evaluation.codec import Codec

    path = tmp_path_factory.mktemp("tokenizer")
    build_tokenizer(SMALL_TOKENIZER).save_pretrained(path)
    return Codec(path)
