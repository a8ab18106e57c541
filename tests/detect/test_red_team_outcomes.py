"""``eval/red_team_outcomes.py``: outcomes per sample, and two outcome files compared."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "eval" / "red_team_outcomes.py"
_spec = importlib.util.spec_from_file_location("red_team_outcomes", _PATH)
assert _spec is not None and _spec.loader is not None
outcomes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(outcomes)


def test_a_round_file_is_scored_sample_by_sample(tmp_path, tier3_model_dir):
    round_file = tmp_path / "red_team_97.json"
    samples = [
        {
            "id": "p001",
            "category": "ids",
            "lang": "en",
            "text": "Please update my file: SSN 219-09-9999 and card 4929 1234 5678 9012.",
            "secret": "219-09-9999",
        },
        {"id": "b001", "category": "docs", "lang": "en", "text": "Sort the list in place."},
    ]
    round_file.write_text(json.dumps({"provenance": "test", "samples": samples}))
    got = outcomes.score({"97": round_file}, str(tier3_model_dir))
    assert got == {"97:p001": [True, "en", "ids"], "97:b001": [False, "en", "docs"]}


def test_compare_counts_each_half_and_lists_every_change(capsys):
    a = {
        "1:p001": [True, "en", "x"],
        "1:p002": [False, "fr", "x"],
        "2:b001": [True, "en", "y"],
        "3:p004": [True, "en", "z"],  # only in A: not compared
    }
    b = {"1:p001": [False, "en", "x"], "1:p002": [True, "fr", "x"], "2:b001": [True, "en", "y"]}
    outcomes.compare(a, b, "1-1,2")
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert "rounds 1-1 secrets kept dev n= 1: 1.000 -> 0.000 (English n=1: 1.000 -> 0.000)" in lines
    assert (
        "rounds 1-1 secrets kept test n= 1: 0.000 -> 1.000 (English n=0: 0.000 -> 0.000)" in lines
    )
    assert (
        "rounds 2 look-alikes flagged dev n= 1: 1.000 -> 1.000 (English n=1: 1.000 -> 1.000)"
        in lines
    )
    assert lines[-3:] == [
        "2 of 3 outcomes changed",
        "1:p001 x: True -> False",
        "1:p002 x: False -> True",
    ]


@pytest.mark.parametrize(
    "spec, groups",
    [("", {"all": {1, 2, 3}}), ("1-2,3", {"all": {1, 2, 3}, "1-2": {1, 2}, "3": {3}})],
)
def test_groups_are_ranges_of_the_rounds_present(spec, groups):
    assert outcomes._groups(spec, [1, 2, 3]) == groups
