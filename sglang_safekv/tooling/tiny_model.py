"""The embedded default model: a small Llama with random weights and a locally trained tokenizer.

No model hub is reachable here, so the CPU profile serves a model built from packages alone:
a byte-level BPE tokenizer trained on generated English text, and a Llama-architecture
checkpoint with weights drawn from a fixed seed. Same spec, same bytes: the build is
deterministic and cached under a directory named by a hash of the spec.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
from pathlib import Path

from sglang_safekv.artifacts import (
    TINY_MODEL_KIND,
    Manifest,
    building_dir,
    default_cache_dir,
    write_manifest,
)

logger = logging.getLogger(__name__)

BOS = "<|begin_of_text|>"
EOS = "<|end|>"
PAD = "<|pad|>"
ROLE_TOKENS = ("<|system|>", "<|user|>", "<|assistant|>")
SPECIAL_TOKENS = (BOS, EOS, PAD, *ROLE_TOKENS)

# Each message is "<|role|>\n{content}<|end|>\n"; the prompt ends with the assistant tag.
CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>\n' + message['content'] + '<|end|>\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}"
)


@dataclasses.dataclass(frozen=True)
class TinyModelSpec:
    """Shape of the embedded model. The default keeps server start-up well under 90 s on
    2 CPU cores while prefill of ~1,000 uncached tokens is clearly slower than a cache hit."""

    vocab_size: int = 4096
    hidden_size: int = 256
    intermediate_size: int = 704
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    num_key_value_heads: int = 2
    max_position_embeddings: int = 8192
    seed: int = 0
    corpus_sentences: int = 30000
    # Bumped when the generated corpus changes for the same fields, so cached builds (named by
    # the digest) are rebuilt. 2: fixed date range (1 depended on the clock).
    corpus_version: int = 2

    def digest(self) -> str:
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def display_path(path: str | Path) -> str:
    """``path`` as results files record it: relative to the working directory or ``~`` when
    inside them, so committed results carry no machine paths."""
    resolved = Path(path).expanduser().resolve()
    for base, shown in ((Path.cwd().resolve(), "."), (Path.home().resolve(), "~")):
        if resolved.is_relative_to(base):
            return str(Path(shown) / resolved.relative_to(base))
    return str(path)


def default_model_dir(spec: TinyModelSpec = TinyModelSpec()) -> Path:
    return default_cache_dir() / "models" / f"tiny-llama-{spec.digest()}"


# Bumped when the checkpoint layout changes (the manifest records it).
MODEL_FORMAT = 1

# Fixed bounds: Faker's date() ends at "now", which made the corpus, and with it the
# tokenizer's vocabulary order, change from one second to the next.
CORPUS_DATES = (datetime.date(1970, 1, 1), datetime.date(2025, 12, 31))


def _training_text(spec: TinyModelSpec) -> list[str]:
    """Generated English with the kinds of strings prompts carry (names, numbers, addresses)."""
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(spec.seed)
    lines: list[str] = []
    for i in range(spec.corpus_sentences):
        kind = i % 6
        if kind == 0:
            lines.append(fake.paragraph(nb_sentences=3))
        elif kind == 1:
            lines.append(f"My name is {fake.name()} and I live at {fake.address()}.")
        elif kind == 2:
            lines.append(
                f"Call {fake.phone_number()} or email {fake.email()} before "
                f"{fake.date_between(CORPUS_DATES[0], CORPUS_DATES[1])}."
            )
        elif kind == 3:
            lines.append(
                f"Account {fake.bban()} card {fake.credit_card_number()} "
                f"amount ${fake.pyint(1, 99999)}.{fake.pyint(0, 99):02d}"
            )
        elif kind == 4:
            lines.append(fake.sentence(nb_words=12) + " " + fake.catch_phrase() + ".")
        else:
            lines.append(fake.text(max_nb_chars=300))
    return lines


def build_tokenizer(spec: TinyModelSpec):
    """Train a byte-level BPE tokenizer; returns a transformers fast tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=spec.vocab_size,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_training_text(spec), trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        additional_special_tokens=list(ROLE_TOKENS),
        chat_template=CHAT_TEMPLATE,
        model_max_length=spec.max_position_embeddings,
    )


def build_model(spec: TinyModelSpec, out_dir: Path) -> Path:
    """Write tokenizer and random-weight Llama checkpoint to ``out_dir`` (atomic)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = build_tokenizer(spec)
    vocab = len(tokenizer)
    config = LlamaConfig(
        vocab_size=vocab,
        hidden_size=spec.hidden_size,
        intermediate_size=spec.intermediate_size,
        num_hidden_layers=spec.num_hidden_layers,
        num_attention_heads=spec.num_attention_heads,
        num_key_value_heads=spec.num_key_value_heads,
        max_position_embeddings=spec.max_position_embeddings,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=False,
        torch_dtype="float32",
    )
    torch.manual_seed(spec.seed)
    model = LlamaForCausalLM(config).eval()

    with building_dir(out_dir) as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / "safekv_spec.json").write_text(
            json.dumps(dataclasses.asdict(spec), indent=2, sort_keys=True)
        )
    return out_dir


def ensure_model(spec: TinyModelSpec = TinyModelSpec(), out_dir: Path | None = None) -> Path:
    """Return the model directory, building it first if it is not cached yet."""
    out_dir = out_dir or default_model_dir(spec)
    if not (out_dir / "safekv_spec.json").exists():
        logger.info("building the embedded tiny model into %s", out_dir)
        build_model(spec, out_dir)
    if out_dir == default_model_dir(spec):
        write_manifest(Manifest(TINY_MODEL_KIND, str(out_dir), spec.digest(), MODEL_FORMAT))
    return out_dir
