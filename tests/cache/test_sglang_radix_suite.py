"""SGLang's own radix-cache unit tests, run against SafeRadixCache in global mode.

SGLang keeps these tests in its repository (not in the wheel), so they are not part of this
project. Fetch the file (e.g. ``test/registered/unit/mem_cache/test_radix_cache_unit.py`` of
github.com/sgl-project/sglang) and point ``SAFEKV_SGLANG_RADIX_TESTS`` at it (several paths may
be given, separated by ``os.pathsep``)::

    SAFEKV_SGLANG_RADIX_TESTS=/path/to/test_radix_cache_unit.py pytest tests/cache -k sglang
    python -m tests.cache.test_sglang_radix_suite /path/to/test_radix_cache_unit.py

Each file runs twice, against the stock ``RadixCache`` and with ``RadixCache`` replaced by a
global-mode ``SafeRadixCache`` (``tests/cache/sglang_global_plugin.py``). The files in the
repository may target a newer or older SGLang than the installed one, so some tests fail on the
stock cache too; the requirement is that every test that passes on stock passes on ours.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ENV = "SAFEKV_SGLANG_RADIX_TESTS"
ROOT = Path(__file__).resolve().parents[2]


def outcomes(test_file: str, plugin: bool) -> tuple[dict[str, str], int]:
    """Per-test outcome (passed / failed / error / skipped) of one pytest run, and caches built."""
    with tempfile.TemporaryDirectory() as tmp:
        xml_path, report = Path(tmp) / "junit.xml", Path(tmp) / "plugin.json"
        cmd = [sys.executable, "-m", "pytest", test_file, "-q", "-p", "no:cacheprovider"]
        cmd += ["--rootdir", str(Path(test_file).parent), f"--junitxml={xml_path}"]
        cmd += ["-o", "addopts=", "-W", "ignore"]
        if plugin:
            cmd += ["-p", "tests.cache.sglang_global_plugin"]
        env = dict(os.environ, SAFEKV_PLUGIN_REPORT=str(report), PYTHONPATH=str(ROOT))
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        result = {}
        for case in ET.parse(xml_path).getroot().iter("testcase"):
            name = f"{case.get('classname')}::{case.get('name')}"
            kinds = {child.tag for child in case}
            result[name] = next(
                (k for k in ("failure", "error", "skipped") if k in kinds), "passed"
            )
        built = json.loads(report.read_text())["caches"] if report.exists() else 0
        return result, built


def compare(test_file: str) -> dict:
    stock, _ = outcomes(test_file, plugin=False)
    ours, built = outcomes(test_file, plugin=True)
    regressions = sorted(t for t, o in stock.items() if o == "passed" and ours.get(t) != "passed")
    return {
        "file": test_file,
        "tests": len(stock),
        "stock_passed": sum(o == "passed" for o in stock.values()),
        "safe_passed": sum(o == "passed" for o in ours.values()),
        "safe_caches_built": built,
        "regressions": regressions,
        "stock_not_passed": {t: o for t, o in sorted(stock.items()) if o != "passed"},
        "differences": {t: (stock[t], ours.get(t)) for t in stock if stock[t] != ours.get(t)},
    }


def _files() -> list[str]:
    raw = os.environ.get(ENV, "")
    return [p for p in raw.split(os.pathsep) if p]


@pytest.mark.skipif(
    not _files(),
    reason=f"set {ENV} to SGLang's radix-cache unit test file(s), fetched from its repository",
)
@pytest.mark.parametrize("test_file", _files() or ["unset"])
def test_sglang_radix_tests_pass_on_global_mode(test_file):
    report = compare(test_file)
    print(json.dumps(report, indent=2))
    assert report["safe_caches_built"] > 0, "the plugin did not substitute RadixCache"
    assert report["stock_passed"] > 0
    assert report["regressions"] == []


if __name__ == "__main__":
    for path in sys.argv[1:] or _files():
        print(json.dumps(compare(path), indent=2))
