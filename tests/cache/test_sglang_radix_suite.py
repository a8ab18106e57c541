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

CI cannot fetch the file, so ``sglang_radix_suite.json`` records, per test, the outcome on stock
and on safekv for one version of it (named there by commit and sha256). Without the file, the
record is checked (no test that passes on stock fails on safekv); given the same file, a run must
reproduce the record exactly, so a changed outcome on either side shows. Re-record with::

    python -m tests.cache.test_sglang_radix_suite --record /path/to/test_radix_cache_unit.py
"""

from __future__ import annotations

import hashlib
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
RECORD = Path(__file__).with_name("sglang_radix_suite.json")
# Where the recorded version of the file comes from (the record names the commit).
SOURCE = {
    "repository": "sgl-project/sglang",
    "path": "test/registered/unit/mem_cache/test_radix_cache_unit.py",
}


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


def sha256_of(test_file: str) -> str:
    return hashlib.sha256(Path(test_file).read_bytes()).hexdigest()


def per_test(stock: dict[str, str], ours: dict[str, str]) -> dict[str, dict[str, str]]:
    return {t: {"stock": stock[t], "safekv": ours.get(t, "missing")} for t in sorted(stock)}


def make_record(test_file: str, commit: str) -> dict:
    from importlib.metadata import version

    stock, _ = outcomes(test_file, plugin=False)
    ours, built = outcomes(test_file, plugin=True)
    tests = per_test(stock, ours)
    return {
        "source": {**SOURCE, "commit": commit, "sha256": sha256_of(test_file)},
        "sglang": version("sglang"),
        "safe_caches_built": built,
        "stock_passed": sum(o["stock"] == "passed" for o in tests.values()),
        "safekv_passed": sum(o["safekv"] == "passed" for o in tests.values()),
        "tests": tests,
    }


def changes(recorded: dict, got: dict) -> dict:
    """Tests whose outcome on stock or on safekv differs from the record (or that are new)."""
    return {
        t: {"recorded": recorded.get(t), "now": got.get(t)}
        for t in sorted(set(got) | set(recorded))
        if got.get(t) != recorded.get(t)
    }


def load_record() -> dict:
    return json.loads(RECORD.read_text())


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


def test_record_has_no_test_that_passes_on_stock_and_fails_on_safekv():
    record = load_record()
    tests = record["tests"]
    assert record["safe_caches_built"] > 0, "the plugin did not substitute RadixCache"
    assert tests and record["stock_passed"] == sum(o["stock"] == "passed" for o in tests.values())
    assert record["safekv_passed"] == sum(o["safekv"] == "passed" for o in tests.values())
    regressions = [t for t, o in tests.items() if o["stock"] == "passed" != o["safekv"]]
    assert regressions == []


def test_a_flipped_outcome_on_either_side_is_a_change():
    recorded = load_record()["tests"]
    name = next(t for t, o in recorded.items() if o["stock"] == "passed")
    stock = {t: o["stock"] for t, o in recorded.items()}
    ours = {t: o["safekv"] for t, o in recorded.items()}
    assert changes(recorded, per_test(stock, ours)) == {}
    assert list(changes(recorded, per_test(stock, {**ours, name: "failure"}))) == [name]
    assert list(changes(recorded, per_test({**stock, name: "error"}, ours))) == [name]


@pytest.mark.skipif(
    not _files(),
    reason=f"set {ENV} to SGLang's radix-cache unit test file(s), fetched from its repository",
)
@pytest.mark.parametrize("test_file", _files() or ["unset"])
def test_a_run_of_the_recorded_file_reproduces_the_record(test_file):
    record = load_record()
    if sha256_of(test_file) != record["source"]["sha256"]:
        pytest.skip(f"{test_file} is not the recorded version ({record['source']['commit']})")
    stock, _ = outcomes(test_file, plugin=False)
    ours, _ = outcomes(test_file, plugin=True)
    assert changes(record["tests"], per_test(stock, ours)) == {}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="compare, or record, SGLang's radix tests")
    parser.add_argument("files", nargs="*")
    parser.add_argument("--record", action="store_true", help=f"write {RECORD.name}")
    parser.add_argument("--commit", default="unknown", help="the SGLang commit of the file")
    args = parser.parse_args()
    for path in args.files or _files():
        if args.record:
            RECORD.write_text(json.dumps(make_record(path, args.commit), indent=2) + "\n")
            print(f"wrote {RECORD}")
        else:
            print(json.dumps(compare(path), indent=2))
