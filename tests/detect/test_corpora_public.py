"""The real public corpus: parsing of each file type, and the corpus the packages give."""

from __future__ import annotations

import json

import pytest

from sglang_safekv.tooling.corpora import public

PROSE = (
    "You are a careful assistant who answers questions about the documents the user uploads. "
    "Quote the passage that supports every claim, say when the documents do not answer, and "
    "keep answers short unless the user asks for more detail."
)


def test_is_prose_keeps_paragraphs_and_drops_data():
    assert public.is_prose(PROSE)
    assert not public.is_prose("You are a helpful assistant.")  # too short
    assert not public.is_prose(r"(?P<key>[A-Za-z0-9_]{32})\s*[:=]\s*" * 12)  # a regex
    assert not public.is_prose("0x1f, 0x2e, 0x3d, " * 40)  # a data table


def test_strings_in_file_per_type(tmp_path):
    py = tmp_path / "prompts.py"
    py.write_text(f'"""Module doc."""\nSYSTEM = {PROSE!r}\nX = 3\n')
    yml = tmp_path / "agent.yaml"
    yml.write_text(json.dumps({"system_prompt": PROSE, "n": 1}))  # JSON is valid YAML
    md = tmp_path / "page.md"
    md.write_text(f"---\ntitle: Page\n---\n{PROSE}\n")
    assert PROSE in [t for _, t in public.strings_in_file(py)]
    assert [t for _, t in public.strings_in_file(py, docstrings_only=True)] == ["Module doc."]
    assert ("system_prompt", PROSE) in list(public.strings_in_file(yml))
    assert [t for _, t in public.strings_in_file(md)] == [PROSE + "\n"]


def test_clip_cuts_at_a_boundary_inside_the_limit():
    text = "First line.\nSecond sentence here. Third one follows and goes on for a while."
    clipped = public.clip(text, 40)
    assert text.startswith(clipped) and len(clipped) <= 40
    assert clipped.endswith(("line.", "here."))
    assert public.clip(text, 1000) == text


@pytest.fixture(scope="module")
def documents():
    missing = public.missing_sources()
    if missing:
        pytest.skip(f"corpus packages not installed (make corpora): {missing}")
    return public.public_documents()


def test_corpus_is_large_varied_and_labelled(documents):
    assert len(documents) >= 500
    assert len({d.source for d in documents}) >= 5
    assert all(d.source and d.origin and public.is_prose(d.text) for d in documents)
    texts = [" ".join(d.text.split()) for d in documents]
    assert len(texts) == len(set(texts))


def test_system_prompts_are_long_framework_prompts(documents):
    prompts = public.system_prompts(60, per_source=20)
    assert len(prompts) == 60
    assert all(p.agent_framework and p.kind == "prompt" for p in prompts)
    assert max(sum(p.source == s for p in prompts) for s in {p.source for p in prompts}) <= 20
    lengths = [len(p.text) for p in prompts]
    assert lengths == sorted(lengths, reverse=True)
    # Nothing longer was passed over unless its framework had its share already.
    full = {s for s in {p.source for p in prompts} if sum(p.source == s for p in prompts) == 20}
    for doc in documents:
        if doc.agent_framework and doc.kind == "prompt" and doc not in prompts:
            assert (
                len(doc.text) <= lengths[-1] or doc.source in full or "you" not in doc.text.lower()
            )


def test_balanced_caps_each_source(documents):
    picked = public.balanced(documents, 30)
    counts = {s: sum(d.source == s for d in picked) for s in {d.source for d in documents}}
    assert all(0 < n <= 30 for n in counts.values())
    assert public.balanced(documents, 30) == picked
