"""Detector evaluation: accuracy per tier and category, latency per 512-token chunk, and
time-to-public. ``eval/detector_eval.py`` is the command-line wrapper.

Matching rule (span level). A gold span counts as *found* when a sensitive prediction overlaps
it by at least one character, whatever the predicted category: from its first flagged token
on, the cache keeps the rest of the prompt private, so any overlapping flag protects it.
Recall per category is over gold spans of that category. For precision, overlapping
predictions are merged into units first (tier 1 and tier 2 flagging the same name are one
unit); a unit is correct when it overlaps any gold span. Per-category precision uses the
predictions of that category, deduplicated by (start, end).

Three measures say what the cache experiences. *Protected recall*: a gold span is protected
when the document's first flagged character is at or before its first character (the cache
shares nothing from the first flag on). The *leak rate*: sensitive documents whose first
gold span is not protected. The *false-alarm rate* per kind of clean document (any flag: a
public prompt that is not shared).
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.policy import DetectionPolicy, Escalation
from sglang_safekv.detect.registry import RecognizerRegistry, TextWindow
from sglang_safekv.tooling import progress
from sglang_safekv.tooling.detector.corpus import CLEAN_KINDS, Sample

PredictFn = Callable[[Sequence[Sample]], list[list[Span]]]


@dataclasses.dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        rnd = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {
            "precision": rnd(p),
            "recall": rnd(r),
            "f1": rnd(f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _merge(spans: list[Span]) -> list[tuple[int, int]]:
    units: list[list[int]] = []
    for s in sorted(spans, key=lambda s: s.start):
        if units and s.start < units[-1][1]:
            units[-1][1] = max(units[-1][1], s.end)
        else:
            units.append([s.start, s.end])
    return [(a, b) for a, b in units]


def score(samples: Sequence[Sample], predictions: Sequence[list[Span]]) -> dict:
    """Precision/recall/F1 overall and per category, leak and false-alarm rates."""
    overall = Counts()
    recall_by: dict[str, Counts] = defaultdict(Counts)
    protected_by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    precision_by: dict[str, Counts] = defaultdict(Counts)
    leaks = sensitive_docs = 0
    alarms: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for sample, spans in zip(samples, predictions):
        gold = sample.spans
        first_pred = min((s.start for s in spans), default=None)
        for g in gold:
            protected_by[g.category.value][0] += first_pred is not None and first_pred <= g.start
            protected_by[g.category.value][1] += 1
            hit = any(s.start < g.end and g.start < s.end for s in spans)
            c = recall_by[g.category.value]
            if hit:
                c.tp += 1
                overall.tp += 0  # overall tp counted on units below
            else:
                c.fn += 1
                overall.fn += 1
        for a, b in _merge(spans):
            if any(g.start < b and a < g.end for g in gold):
                overall.tp += 1
            else:
                overall.fp += 1
        seen = set()
        for s in spans:
            if (s.start, s.end, s.category) in seen:
                continue
            seen.add((s.start, s.end, s.category))
            c = precision_by[s.category.value]
            if any(g.start < s.end and s.start < g.end for g in gold):
                c.tp += 1
            else:
                c.fp += 1
        if gold:
            sensitive_docs += 1
            first_gold = min(g.start for g in gold)
            if first_pred is None or first_pred > first_gold:
                leaks += 1
        if sample.kind in CLEAN_KINDS:
            alarms[sample.kind][0] += bool(spans)
            alarms[sample.kind][1] += 1
    # Overall recall is over gold spans; overall precision over merged prediction units.
    gold_total = sum(c.tp + c.fn for c in recall_by.values())
    gold_found = sum(c.tp for c in recall_by.values())
    out = overall.as_dict()
    out["recall"] = round(gold_found / gold_total, 4) if gold_total else None
    p, r = out["precision"], out["recall"]
    out["f1"] = round(2 * p * r / (p + r), 4) if p and r else None
    out["fn"] = gold_total - gold_found
    protected = sum(a for a, _n in protected_by.values())
    out["protected_recall"] = round(protected / gold_total, 4) if gold_total else None
    categories = {}
    for cat in Category:
        rc, pc = recall_by.get(cat.value), precision_by.get(cat.value)
        if rc is None and pc is None:
            continue
        rec = rc.as_dict()["recall"] if rc else None
        prec = pc.as_dict()["precision"] if pc else None
        categories[cat.value] = {
            "gold": (rc.tp + rc.fn) if rc else 0,
            "recall": rec,
            "predicted": (pc.tp + pc.fp) if pc else 0,
            "precision": prec,
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec and rec else None,
            "protected_recall": (
                round(protected_by[cat.value][0] / protected_by[cat.value][1], 4)
                if protected_by[cat.value][1]
                else None
            ),
        }
    return {
        "overall": out,
        "categories": categories,
        "leak_rate": round(leaks / sensitive_docs, 4) if sensitive_docs else None,
        "sensitive_docs": sensitive_docs,
        "false_alarm_rate": {k: round(a / n, 4) for k, (a, n) in sorted(alarms.items())},
        "clean_docs": sum(n for _a, n in alarms.values()),
    }


# --- predictors ------------------------------------------------------------------------------


def tier_predictor(registry: RecognizerRegistry, tier: int, policy: DetectionPolicy) -> PredictFn:
    """One tier on its own over each whole sample (tier 3: every sentence)."""

    def predict(samples: Sequence[Sample]) -> list[list[Span]]:
        windows = [TextWindow(s.text, 0, len(s.text)) for s in samples]
        merged: list[list[Span]] = [[] for _ in samples]
        for recognizer in registry.for_tier(tier, policy.categories):
            for i, spans in enumerate(recognizer.analyze(windows)):
                merged[i] += [s for s in spans if policy.is_sensitive(s)]
        return merged

    return predict


def detector_predictor(detector: Detector, batch: int = 32) -> PredictFn:
    """The combined detector (escalation as its policy says), all spans (not first only)."""

    def predict(samples: Sequence[Sample]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for i in range(0, len(samples), batch):
            chunk = samples[i : i + batch]
            windows = [TextWindow(s.text, 0, len(s.text)) for s in chunk]
            out += [d.spans for d in detector.detect_batch(windows)]
        return out

    return predict


ALL_RUNS = ("tier1", "tier2", "tier3", "tiers12", "combined_fast", "combined_strict")


def accuracy_report(
    detector: Detector, samples: Sequence[Sample], runs: Sequence[str] = ALL_RUNS
) -> dict:
    """Each tier alone (its own threshold; tier 3 on every sentence), and the combined
    detector under the fast and the strict policy."""
    report: dict = {}
    base = detector.policy
    for run in progress.bar(runs, desc="accuracy", unit="run"):
        t0 = time.perf_counter()
        if run == "tiers12":  # patterns and NER together, no tier 3: what tier 3 adds
            tiers = base.tiers & {1, 2}
            if len(tiers) < 2:
                continue
            combined = Detector(dataclasses.replace(base, tiers=tiers), detector.registry)
            combined.unavailable = detector.unavailable
            preds = detector_predictor(combined)(samples)
        elif run.startswith("tier"):
            tier = int(run[4:])
            recognizers = detector.registry.for_tier(tier, base.categories)
            if tier not in base.tiers or not recognizers:
                continue
            if any(r.name in detector.unavailable for r in recognizers):
                report[run] = {"error": "unavailable"}
                continue
            preds = tier_predictor(detector.registry, tier, base)(samples)
        else:
            escalation = Escalation(run.split("_", 1)[1])
            combined = Detector(dataclasses.replace(base, escalation=escalation), detector.registry)
            combined.unavailable = detector.unavailable
            preds = detector_predictor(combined)(samples)
        report[run] = score(samples, preds) | {"seconds": round(time.perf_counter() - t0, 2)}
    return report


# --- latency ---------------------------------------------------------------------------------


def token_chunks(tokenizer, texts: Sequence[str], tokens: int = 512, limit: int = 50) -> list[str]:
    """Consecutive ``tokens``-token pieces of the concatenated texts, decoded back to text."""
    ids: list[int] = []
    for text in texts:
        ids += tokenizer(text + "\n\n", add_special_tokens=False)["input_ids"]
        if len(ids) >= tokens * limit:
            break
    return [
        tokenizer.decode(ids[i : i + tokens], clean_up_tokenization_spaces=False)
        for i in range(0, len(ids) - tokens + 1, tokens)
    ][:limit]


def percentiles(values: Sequence[float]) -> dict:
    ms = sorted(v * 1000 for v in values)
    if not ms:
        return {}
    q = lambda p: ms[min(len(ms) - 1, int(round(p * (len(ms) - 1))))]  # noqa: E731
    return {
        "n": len(ms),
        "p50_ms": round(q(0.5), 3),
        "p99_ms": round(q(0.99), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def latency_report(
    detector: Detector, chunks: Sequence[str], batch: int = 8, repeat: int = 1
) -> dict:
    """Per tier, seconds per 512-token chunk: one chunk at a time, and in batches (divided)."""
    report: dict = {}
    policy = detector.policy
    for tier in progress.bar(sorted(policy.tiers), desc="latency", unit="tier"):
        recognizers = detector.registry.for_tier(tier, policy.categories)
        if not recognizers or any(r.name in detector.unavailable for r in recognizers):
            continue
        windows = [TextWindow(c, 0, len(c)) for c in chunks]
        for r in recognizers:
            r.analyze(windows[:2])  # warm up
        single: list[float] = []
        for w in windows:
            single += _timed(lambda w=w, rs=recognizers: [r.analyze([w]) for r in rs], repeat)
        batched: list[float] = []
        for i in range(0, len(windows) - batch + 1, batch):
            part = windows[i : i + batch]
            batched += [
                t / len(part)
                for t in _timed(lambda p=part, rs=recognizers: [r.analyze(p) for r in rs], repeat)
            ]
        report[f"tier{tier}"] = {
            "per_chunk": percentiles(single),
            "batched_per_chunk": percentiles(batched),
        }
    return report


def engine_report(chunks: Sequence[str], repeat: int = 20) -> dict:
    """Tier 1 with each regex engine on the same patterns and chunks (full scan + extraction)."""
    from sglang_safekv.detect.engines import ENGINES
    from sglang_safekv.detect.tier1 import PatternRecognizer

    report = {}
    for name in progress.bar(list(ENGINES), desc="tier-1 engines", unit="engine"):
        try:
            recognizer = PatternRecognizer(engine=name)
            recognizer.load()
        except ImportError as exc:
            report[name] = {"error": str(exc)}
            continue
        times: list[float] = []
        for chunk in chunks:
            recognizer.scan(chunk)
            times += _timed(lambda c=chunk, r=recognizer: r.scan(c), repeat)
        report[name] = percentiles(times)
    return report


def presidio_report(
    spacy_pipeline: str, samples: Sequence[Sample], chunks: Sequence[str], threshold: float = 0.5
) -> dict:
    """Presidio's analyzer in place of our tier 2: accuracy alone, and with our tier 1, and
    latency per 512-token chunk, on the same samples and chunks."""
    from sglang_safekv.detect.tier1 import PatternRecognizer
    from sglang_safekv.tooling.detector.presidio_tier import PresidioRecognizer

    presidio = PresidioRecognizer(spacy_pipeline)
    t0 = time.perf_counter()
    presidio.load()
    load_s = time.perf_counter() - t0
    alone = DetectionPolicy(tiers=frozenset({2}), thresholds=(0.5, threshold, 0.5))
    registry = RecognizerRegistry([PatternRecognizer(), presidio])
    with_patterns = Detector(dataclasses.replace(alone, tiers=frozenset({1, 2})), registry)
    windows = [TextWindow(c, 0, len(c)) for c in chunks]
    presidio.analyze(windows[:1])
    times = [t for w in windows for t in _timed(lambda w=w: presidio.analyze([w]), 1)]
    return {
        "load_s": round(load_s, 1),
        "presidio": score(samples, tier_predictor(registry, 2, alone)(samples)),
        "tier1_presidio": score(samples, detector_predictor(with_patterns)(samples)),
        "latency_per_chunk": percentiles(times),
    }


# --- time to public ----------------------------------------------------------------------------


def public_system_prompts(tokenizer, n: int, tokens: int = 512, seed: int = 1) -> list[list[int]]:
    """``n`` distinct chat-templated system prompts of ``tokens`` content tokens each, built
    from held-out clean system-prompt templates (so none is in the decision cache)."""
    from sglang_safekv.tooling.detector.corpus import CorpusGenerator

    gen = CorpusGenerator("heldout", seed)
    out = []
    index = 0
    for _ in range(n):
        ids: list[int] = []
        while len(ids) < tokens:
            text = gen.sample(index, kind="system_prompt").text
            index += 1
            ids += tokenizer(text + "\n", add_special_tokens=False)["input_ids"]
        content = tokenizer.decode(ids[:tokens], clean_up_tokenization_spaces=False)
        templated = tokenizer.apply_chat_template(
            [{"role": "system", "content": content}], tokenize=True
        )
        if hasattr(templated, "keys"):
            templated = templated["input_ids"]
        out.append(list(templated))
    return out


def time_to_public(config, tokenizer, detector: Detector, prompts: list[list[int]]) -> dict:
    """Submit each prompt as one job to a fresh pipeline; time until its result reaches the
    sink. Then submit the first prompt again (a decision-cache hit)."""
    import threading

    from sglang_safekv.cache.events import ClassificationJob
    from sglang_safekv.detect.pipeline import DetectionPipeline

    done = threading.Event()
    results = []

    def sink(result) -> None:
        results.append((time.monotonic(), result))
        done.set()

    def one(ids: list[int]) -> tuple[float, bool]:
        done.clear()
        t0 = time.monotonic()
        pipeline.submit(ClassificationJob("tenant-a", tuple(ids), 0, len(ids), created_at=t0))
        if not done.wait(config.timeout_s + 5):
            raise TimeoutError("no result")
        t1, result = results[-1]
        return t1 - t0, result.first_sensitive is None and not result.failed

    pipeline = DetectionPipeline(config, tokenizer, sink, detector=detector).start()
    try:
        one(prompts[0])  # warm-up on a prompt measured again below as the cache hit
        pipeline.decisions = type(pipeline.decisions)(config.decision_cache_size)
        cold = [one(ids) for ids in progress.bar(prompts, desc="time to public", unit="prompt")]
        hit = [one(prompts[0]) for _ in range(5)]
        stats = pipeline.stats()
    finally:
        pipeline.close()
    return {
        "cold": percentiles([t for t, _ in cold]),
        "cold_judged_public": sum(ok for _, ok in cold),
        "cache_hit": percentiles([t for t, _ in hit]),
        "tier3_sentences": stats["counters"].get("tier3_sentences", 0),
        "tokens": len(prompts[0]),
    }


# --- report ------------------------------------------------------------------------------------


def _fmt(x) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def to_markdown(report: dict) -> str:
    """Tables for the accuracy, latency, engine and time-to-public parts of a report."""
    lines = [f"# Detector evaluation ({report.get('profile', '')})", ""]
    meta = report.get("meta", {})
    if meta:
        lines += [", ".join(f"{k}: {v}" for k, v in meta.items()), ""]
    acc = report.get("accuracy", {})
    if acc:
        lines += [
            "## Accuracy on the held-out split (span overlap; see evaluate.py for the rule)",
            "",
            "| run | precision | recall | F1 | protected recall | leak rate "
            "| false alarms (system / public / hard neg. / request) |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, r in acc.items():
            if "overall" not in r:
                lines.append(f"| {name} | {r.get('error', '')} | | | | | |")
                continue
            o, fa = r["overall"], r["false_alarm_rate"]
            alarms = " / ".join(
                _fmt(fa.get(k))
                for k in ("system_prompt", "public_doc", "hard_negative", "clean_request")
            )
            lines.append(
                f"| {name} | {_fmt(o['precision'])} | {_fmt(o['recall'])} | {_fmt(o['f1'])} "
                f"| {_fmt(o['protected_recall'])} | {_fmt(r['leak_rate'])} | {alarms} |"
            )
        runs = [n for n, r in acc.items() if "categories" in r]
        lines += ["", "Per category, recall / precision (protected recall):", ""]
        lines.append("| category | gold | " + " | ".join(runs) + " |")
        lines.append("|---|---|" + "---|" * len(runs))
        cats = sorted({c for n in runs for c in acc[n]["categories"]})
        for cat in cats:
            gold = max(acc[n]["categories"].get(cat, {}).get("gold", 0) for n in runs)
            cells = []
            for n in runs:
                c = acc[n]["categories"].get(cat)
                cells.append(
                    "-"
                    if c is None
                    else f"{_fmt(c['recall'])} / {_fmt(c['precision'])} ({_fmt(c['protected_recall'])})"
                )
            lines.append(f"| {cat} | {gold} | " + " | ".join(cells) + " |")
    pres = report.get("presidio", {})
    if pres:
        lines += [
            "",
            "## Presidio's analyzer in place of tier 2 (same samples)",
            "",
            "| run | precision | recall | protected recall | false alarms (public docs) |",
            "|---|---|---|---|---|",
        ]
        for name in ("presidio", "tier1_presidio"):
            o = pres[name]["overall"]
            lines.append(
                f"| {name} | {_fmt(o['precision'])} | {_fmt(o['recall'])} "
                f"| {_fmt(o['protected_recall'])} | {_fmt(pres[name]['false_alarm_rate'].get('public_doc'))} |"
            )
        lat_p = pres["latency_per_chunk"]
        lines += [
            "",
            f"Presidio latency per 512-token chunk: p50 {_fmt(lat_p.get('p50_ms'))} ms, "
            f"p99 {_fmt(lat_p.get('p99_ms'))} ms; load {pres['load_s']} s.",
        ]
    for key, title in (
        ("latency", "mixed held-out text (about half sensitive)"),
        ("latency_public", "clean public text (system prompts, documents, requests)"),
    ):
        lat = report.get(key, {})
        if not lat:
            continue
        lines += [
            "",
            f"## Latency per 512-token chunk (ms), {title}",
            "",
            "| tier | one chunk p50 | p99 | batched p50 | p99 |",
            "|---|---|---|---|---|",
        ]
        for tier, r in lat.items():
            one, bat = r.get("per_chunk", {}), r.get("batched_per_chunk", {})
            lines.append(
                f"| {tier} | {_fmt(one.get('p50_ms'))} | {_fmt(one.get('p99_ms'))} "
                f"| {_fmt(bat.get('p50_ms'))} | {_fmt(bat.get('p99_ms'))} |"
            )
    for key, title in (("engines", "mixed text"), ("engines_public", "public text")):
        eng = report.get(key, {})
        if not eng:
            continue
        lines += ["", f"## Tier-1 engines, ms per 512-token chunk, {title}", ""]
        lines += ["| engine | p50 | p99 |", "|---|---|---|"]
        for name, r in eng.items():
            lines.append(f"| {name} | {_fmt(r.get('p50_ms'))} | {_fmt(r.get('p99_ms'))} |")
    ttp = report.get("time_to_public", {})
    if ttp:
        cold, hit = ttp["cold"], ttp["cache_hit"]
        lines += [
            "",
            f"## Time to public, {ttp['tokens']}-token system prompt (ms)",
            "",
            "| case | n | p50 | p99 |",
            "|---|---|---|---|",
            f"| cold (new prompt) | {cold['n']} | {_fmt(cold['p50_ms'])} | {_fmt(cold['p99_ms'])} |",
            f"| decision-cache hit | {hit['n']} | {_fmt(hit['p50_ms'])} | {_fmt(hit['p99_ms'])} |",
            "",
            f"Judged public: {ttp['cold_judged_public']} of {cold['n']}; "
            f"tier-3 sentences run: {ttp['tier3_sentences']}.",
        ]
    return "\n".join(lines) + "\n"
