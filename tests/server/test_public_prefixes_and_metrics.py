import os
import subprocess
import sys

import pytest
from prometheus_client.parser import text_string_to_metric_families

from sglang_safekv.server.metrics import MULTIPROC_ENV, exposition
from sglang_safekv.server.public_prefixes import (
    PublicPrefix,
    PublicPrefixError,
    load_public_prefixes,
    parse_entry,
)


def test_load_toml_prefixes(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[[prefixes]]\nname = "bot"\nmessages = [{role = "system", content = "Be nice."}]\n'
        '[[prefixes]]\nname = "terms"\ntext = "Terms: none."\n'
    )
    got = load_public_prefixes(path)
    assert got == [
        PublicPrefix(name="bot", messages=(("system", "Be nice."),)),
        PublicPrefix(name="terms", text="Terms: none."),
    ]
    assert parse_entry(got[0].to_json(), "x") == got[0]


@pytest.mark.parametrize(
    "entry, fragment",
    [
        ({"name": "a"}, "exactly one of text or messages"),
        ({"name": "a", "text": "x", "messages": []}, "exactly one"),
        ({"name": "a", "text": ""}, "non-empty"),
        ({"name": "a", "messages": [{"role": "robot", "content": "x"}]}, "messages\\[0\\]"),
        ({"name": "a", "messages": [{"role": "user"}]}, "messages\\[0\\]"),
        ({"name": "a", "text": "x", "tokens": [1]}, "unknown key"),
        ("text", "expected a table"),
    ],
)
def test_bad_entries(entry, fragment):
    with pytest.raises(PublicPrefixError, match=fragment):
        parse_entry(entry, "e")


def _families(schedulers, gate):
    text = exposition(schedulers, gate).decode()
    return {f.name: f for f in text_string_to_metric_families(text)}


SNAPSHOT = {
    "backend": "SafeRadixCache",
    "mode": "selective",
    "match_calls": 12,
    "cached_tokens": 40,
    "tokens": {"public": 5, "private": 7},
    "evicted_tokens": {"quota": 3},
    "promotions": 4,
    "detector": {
        "counters": {"jobs_done": 2},
        "gauges": {"queue_depth": 1},
        "histograms": {
            "tier1_seconds": {
                "buckets": {"0.001": 1, "0.01": 2, "+Inf": 3},
                "sum": 0.5,
                "count": 3,
            }
        },
        "unavailable": {},
    },
    "monitor": {"visits": 9, "tracked_points": 2},
}


def test_counters_gauges_and_histograms_have_their_prometheus_types():
    families = _families([SNAPSHOT], {"admitted": 9, "unauthorized": 1})
    types = {name: f.type for name, f in families.items()}
    assert types["safekv_cache_match_calls"] == "counter"
    assert types["safekv_cache_promotions"] == "counter"
    assert types["safekv_cache_evicted_tokens"] == "counter"
    assert types["safekv_cache_cached_tokens"] == "gauge"
    assert types["safekv_cache_tokens"] == "gauge"
    assert types["safekv_detector_jobs_done"] == "counter"
    assert types["safekv_detector_queue_depth"] == "gauge"
    assert types["safekv_detector_tier1_seconds"] == "histogram"
    assert types["safekv_monitor_visits"] == "counter"
    assert types["safekv_monitor_tracked_points"] == "gauge"
    assert types["safekv_gate_admitted"] == "counter"
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in families.values()
        for s in f.samples
    }
    assert samples[("safekv_cache_match_calls_total", (("scheduler", "0"),))] == 12
    assert samples[("safekv_cache_tokens", (("scheduler", "0"), ("state", "private")))] == 7
    assert samples[("safekv_gate_admitted_total", ())] == 9
    buckets = {
        s.labels["le"]: s.value
        for s in families["safekv_detector_tier1_seconds"].samples
        if s.name.endswith("_bucket")
    }
    assert buckets == {"0.001": 1, "0.01": 2, "+Inf": 3}
    assert samples[("safekv_detector_tier1_seconds_sum", (("scheduler", "0"),))] == 0.5
    assert not any("SafeRadixCache" in str(s.labels) for f in families.values() for s in f.samples)


def test_each_scheduler_is_a_label_of_one_family():
    families = _families([SNAPSHOT, {**SNAPSHOT, "match_calls": 1}], {})
    values = {s.labels["scheduler"]: s.value for s in families["safekv_cache_match_calls"].samples}
    assert values == {"0": 12, "1": 1}


def test_a_tier_that_did_not_load_is_a_series():
    snap = {"detector": {"unavailable": {"tier3": "no model"}}}
    family = _families([snap], {})["safekv_detector_tier_unavailable"]
    assert [(s.labels["tier"], s.value) for s in family.samples] == [("tier3", 1.0)]


def test_sglang_multiprocess_series_join_the_scrape(tmp_path, monkeypatch):
    """A metric written in prometheus_client's multiprocess mode by another process shows up."""
    script = (
        "from prometheus_client import Counter\n"
        "Counter('sglang_fake_requests', 'a stand-in for an SGLang series').inc(3)\n"
    )
    env = {**os.environ, MULTIPROC_ENV: str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    monkeypatch.setenv(MULTIPROC_ENV, str(tmp_path))
    families = _families([SNAPSHOT], {})
    assert families["sglang_fake_requests"].type == "counter"
    assert families["sglang_fake_requests"].samples[0].value == 3
    assert "safekv_cache_match_calls" in families
