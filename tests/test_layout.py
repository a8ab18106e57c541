"""The runtime (what runs inside the server) imports no offline tooling."""

from __future__ import annotations

import ast
from pathlib import Path

import sglang_safekv

PACKAGE = Path(sglang_safekv.__file__).resolve().parent
TOOLING = "sglang_safekv.tooling"
# Entry points that may build artifacts before they start the runtime.
FRONT_DOORS = {"sglang_safekv/cli.py"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names, lazy imports inside functions too."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def runtime_modules() -> list[Path]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel.startswith("sglang_safekv/tooling/") or rel in FRONT_DOORS:
            continue
        out.append(path)
    return out


def test_the_import_scan_sees_lazy_imports():
    pkg = PACKAGE / "detect" / "tier3.py"
    assert "sglang_safekv.artifacts.read_manifest" in _imports(pkg)
    cli = PACKAGE / "cli.py"
    assert any(name.startswith(TOOLING) for name in _imports(cli))  # lazy, inside functions


def test_no_runtime_module_imports_tooling():
    offenders = {
        path.relative_to(PACKAGE.parent).as_posix(): sorted(
            name for name in _imports(path) if name == TOOLING or name.startswith(TOOLING + ".")
        )
        for path in runtime_modules()
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"runtime modules import offline tooling: {offenders}"


def test_runtime_packages_exist_apart_from_tooling():
    for name in ("cache", "detect", "monitor", "server", "tooling"):
        assert (PACKAGE / name / "__init__.py").exists(), name
    for offline in ("corpus.py", "corpus_templates.py", "train.py", "evaluate.py"):
        assert not (PACKAGE / "detect" / offline).exists(), offline
