"""CPU compatibility layer: stands in for ``sgl_kernel`` where no CPU wheel of it exists.

Why: SGLang 0.5.23's CPU engine imports a few ``*_cpu`` functions from ``sgl_kernel``
(``sglang-kernel`` on PyPI), which ships CUDA builds only. Without that module the server
does not even import on a plain x86 CPU.

What: :mod:`sglang_safekv.cpu_compat.sgl_kernel_shim` implements, in plain torch, each
``sgl_kernel`` function that non-speculative CPU serving reaches; any other name resolves to a
stub that raises ``NotImplementedError`` naming the function when it is called.

How: the CPU profile (``make setup``) writes ``sglang_safekv_cpu_compat.pth`` into the
virtual environment's site-packages. Python runs it at every interpreter start (so in every
SGLang subprocess too) and it appends a finder to ``sys.meta_path`` that maps the module name
``sgl_kernel`` to the shim. The finder is last on the path, so a real ``sgl_kernel`` wins.

Removing it once an official CPU wheel exists: ``sglang-safekv cpu-compat uninstall`` (or
delete the .pth file) and install the wheel; nothing else refers to the shim.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import sysconfig
from pathlib import Path

SHIMMED_MODULE = "sgl_kernel"
SHIM_IMPL = "sglang_safekv.cpu_compat.sgl_kernel_shim"
PTH_NAME = "sglang_safekv_cpu_compat.pth"
PTH_LINE = "import sglang_safekv.cpu_compat as _c; _c.activate()\n"


class _ShimFinder(importlib.abc.MetaPathFinder):
    """Resolves ``sgl_kernel`` to the torch-native shim when nothing earlier on the path did."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != SHIMMED_MODULE:
            return None
        spec = importlib.util.find_spec(SHIM_IMPL)
        if spec is None:  # pragma: no cover - the shim ships with this package
            return None
        return importlib.util.spec_from_file_location(SHIMMED_MODULE, spec.origin)


def activate() -> None:
    """Append the shim finder once; cheap enough for every interpreter start."""
    if not any(isinstance(f, _ShimFinder) for f in sys.meta_path):
        sys.meta_path.append(_ShimFinder())


def is_active() -> bool:
    return any(isinstance(f, _ShimFinder) for f in sys.meta_path)


def pth_path() -> Path:
    return Path(sysconfig.get_paths()["purelib"]) / PTH_NAME


def install() -> Path:
    path = pth_path()
    path.write_text(PTH_LINE)
    return path


def uninstall() -> bool:
    path = pth_path()
    if path.exists():
        path.unlink()
        return True
    return False
