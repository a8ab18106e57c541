"""The detector on real text: the public corpus (how much would be shared) and the hand-written
private set (which secrets stay private), judged the way the cache asks: one message at a time,
``first_only``, everything from the first flagged character on private.

Public corpus: a token is *promotable* when it ends at or before the document's first flagged
character; a document is *wholly public* when nothing is flagged. Private set: a gold span is
*protected* when the message's first flagged character is at or before its start (from there
on the cache shares nothing); recall is protected spans over all spans, per subset and split.
A multi-turn message is judged with the turn before it as read-only context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sglang_safekv.detect.detector import Detection, Detector
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.tooling.corpora import public
from sglang_safekv.tooling.corpora.private import PrivateSample, private_samples

MAX_CHARS = 2000  # public documents are judged up to here (a long system prompt's head)
TOP_FLAGGED = 20  # flagged documents listed in the markdown report, largest loss first


def _detect(detector: Detector, windows: list[TextWindow], batch: int = 16) -> list[Detection]:
    out: list[Detection] = []
    for i in range(0, len(windows), batch):
        out.extend(detector.detect_batch(windows[i : i + batch], first_only=True))
    return out


def public_report(detector: Detector, tokenizer, max_chars: int = MAX_CHARS) -> dict:
    docs = public.public_documents()
    texts = [public.clip(d.text, max_chars) for d in docs]
    detections = _detect(detector, [TextWindow(t, 0, len(t)) for t in texts])
    per_source: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    flagged = []
    for doc, text, det in zip(docs, texts, detections):
        ends = [e for _, e in tokenizer(text, return_offsets_mapping=True)["offset_mapping"]]
        first = det.first
        promotable = len(ends) if first is None else sum(e <= first for e in ends)
        per_source[doc.source].append((promotable, len(ends), first is None))
        if first is not None:
            span = min(det.spans, key=lambda s: s.start)
            flagged.append(
                {
                    "doc": doc.id,
                    "corpus_source": doc.source,
                    "tokens_lost": len(ends) - promotable,
                    "category": span.category.value,
                    "tier": span.tier,
                    "score": round(span.score, 3),
                    "source": span.source,
                    "text": text[span.start : span.end][:80],
                    "before": text[max(0, span.start - 60) : span.start],
                    "line": line_at(text, first)[:160],
                }
            )

    def summary(rows: Sequence[tuple[int, int, bool]]) -> dict:
        return {
            "documents": len(rows),
            "token_share_promotable": round(sum(r[0] for r in rows) / sum(r[1] for r in rows), 4),
            "documents_wholly_public": round(sum(r[2] for r in rows) / len(rows), 4),
        }

    every = [r for rows in per_source.values() for r in rows]
    return {
        "max_chars": max_chars,
        "sources": len(per_source),
        "overall": summary(every),
        "per_source": {s: summary(rows) for s, rows in sorted(per_source.items())},
        "flagged": sorted(flagged, key=lambda f: -f["tokens_lost"]),
        "flagged_by_category": _count(f["category"] for f in flagged),
        "flagged_by_tier": _count(str(f["tier"]) for f in flagged),
    }


def line_at(text: str, offset: int) -> str:
    """The whole line around ``offset``: what a reader needs to judge a false alarm."""
    begin = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[begin : end if end >= 0 else len(text)].strip()


def _count(items) -> dict:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def private_report(detector: Detector, samples: Sequence[PrivateSample] | None = None) -> dict:
    samples = list(private_samples() if samples is None else samples)
    windows = []
    for s in samples:
        text, start = s.joined
        windows.append(TextWindow(text, start, len(text)))
    detections = _detect(detector, windows)
    groups: dict[str, list[bool]] = defaultdict(list)
    benign: dict[str, list[bool]] = defaultdict(list)
    misses, false_alarms = [], []
    for s, w, det in zip(samples, windows, detections):
        first = det.first
        if s.subset == "benign":
            for key in ("benign", f"benign/{s.split}"):
                benign[key].append(first is not None)
            if first is not None:
                span = min(det.spans, key=lambda x: x.start)
                false_alarms.append(
                    {"id": s.id, "text": w.text[span.start : span.end], "tier": span.tier}
                )
            continue
        for start, end, category in s.spans:
            protected = first is not None and first <= w.start + start
            for key in ("overall", s.subset, f"{s.subset}/{s.split}", f"split/{s.split}"):
                groups[key].append(protected)
            if not protected:
                misses.append(
                    {"id": s.id, "category": category.value, "span": s.text[start:end][:80]}
                )
    recall = {
        k: {"spans": len(v), "recall": round(sum(v) / len(v), 4)} for k, v in sorted(groups.items())
    }
    return {
        "samples": len(samples),
        "recall": recall,
        "benign_false_alarm_rate": {
            k: {"samples": len(v), "rate": round(sum(v) / len(v), 4)}
            for k, v in sorted(benign.items())
        },
        "misses": misses,
        "false_alarms": false_alarms,
    }


def real_system_prompt_ids(tokenizer, n: int, tokens: int = 512) -> list[list[int]]:
    """The first ``tokens`` tokens of ``n`` real agent-framework system prompts (the longest
    ones), chat-templated as system messages: the time-to-public workload on real text."""
    out = []
    for doc in public.system_prompts(max(n, 1))[:n]:
        ids = tokenizer(doc.text, add_special_tokens=False)["input_ids"][:tokens]
        content = tokenizer.decode(ids, clean_up_tokenization_spaces=False)
        templated = tokenizer.apply_chat_template(
            [{"role": "system", "content": content}], tokenize=True
        )
        out.append(list(templated["input_ids"] if hasattr(templated, "keys") else templated))
    return out


def to_markdown(report: dict) -> str:
    lines = []
    pub = report.get("public")
    if pub:
        o = pub["overall"]
        lines += [
            f"## Real public corpus ({o['documents']} documents, {pub['sources']} sources, "
            f"first {pub['max_chars']} characters)",
            "",
            "| source | documents | tokens promotable | documents wholly public |",
            "|---|---|---|---|",
        ]
        for name, s in [("**all**", o), *pub["per_source"].items()]:
            lines.append(
                f"| {name} | {s['documents']} | {s['token_share_promotable']:.3f} "
                f"| {s['documents_wholly_public']:.3f} |"
            )
        lines += ["", f"First flag by category: {pub['flagged_by_category']}; "
                  f"by tier: {pub['flagged_by_tier']}", ""]  # fmt: skip
        top = pub.get("flagged", [])[:TOP_FLAGGED]
        if top:
            lines += [
                f"Largest losses ({len(top)} of {len(pub['flagged'])} flagged documents): the "
                "line of the first flag",
                "",
                "| source | tokens lost | tier | category | score | line |",
                "|---|---|---|---|---|---|",
            ]
            for f in top:
                line = f["line"][:100].replace("|", "\\|")
                lines.append(
                    f"| {f['corpus_source']} | {f['tokens_lost']} | {f['tier']} "
                    f"| {f['category']} | {f['score']} | `{line}` |"
                )
            lines.append("")
    for key, title in (
        ("private", "Hand-written private set"),
        ("red_team", "Red-team set written blind to the rules (dev read, test only scored)"),
        (
            "red_team_2",
            "Red-team set, round 2 (another helper, 2026-12-03; dev read, test only scored)",
        ),
        (
            "red_team_3",
            "Red-team set, round 3 (a third helper, 2026-12-03; dev read, test only scored)",
        ),
        (
            "red_team_4",
            "Red-team set, round 4 (a fourth helper, 2026-12-03; dev read, test only scored)",
        ),
        (
            "red_team_5",
            "Red-team set, round 5 (a fifth helper, 2026-12-03; dev read, test only scored)",
        ),
    ):
        priv = report.get(key)
        if not priv:
            continue
        lines += [
            f"## {title} ({priv['samples']} samples)",
            "",
            "| subset | spans | protected recall |",
            "|---|---|---|",
        ]
        for name, r in priv["recall"].items():
            lines.append(f"| {name} | {r['spans']} | {r['recall']:.3f} |")
        for name, r in priv["benign_false_alarm_rate"].items():
            lines.append(f"| {name} (false-alarm rate) | {r['samples']} | {r['rate']:.3f} |")
        lines.append("")
    ttp = report.get("time_to_public")  # per prompt: submit to result, one fresh pipeline
    if ttp:
        cold = ttp["cold"]
        lines += [
            f"## Time to public, real system prompts ({ttp['tokens']} tokens with the template)",
            "",
            f"cold p50 {cold.get('p50_ms')} ms, p99 {cold.get('p99_ms')} ms; judged public "
            f"{ttp['cold_judged_public']} of {cold.get('n')}; cache hit p50 "
            f"{ttp['cache_hit'].get('p50_ms')} ms",
            "",
        ]
    return "\n".join(lines)
