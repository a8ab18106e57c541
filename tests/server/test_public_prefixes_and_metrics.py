import pytest

from sglang_safekv.server.metrics import render
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


def test_prometheus_rendering_labels_tables_and_skips_text():
    text = render(
        [
            {
                "backend": "SafeRadixCache",
                "tokens": {"public": 5, "private": 7},
                "detector": {"tier1": {"calls": 3}, "queue_depth": 2},
                "promotions": 4,
            }
        ],
        {"admitted": 9, "unauthorized": 1},
    )
    lines = set(text.splitlines())
    assert 'safekv_tokens{scheduler="0",key="public"} 5' in lines
    assert 'safekv_tokens{scheduler="0",key="private"} 7' in lines
    assert 'safekv_promotions{scheduler="0"} 4' in lines
    assert 'safekv_detector_tier1{scheduler="0",key="calls"} 3' in lines
    assert 'safekv_detector_queue_depth{scheduler="0"} 2' in lines
    assert 'safekv_gate{key="admitted"} 9' in lines
    assert "SafeRadixCache" not in text
    assert sum(line.startswith("# TYPE safekv_tokens ") for line in lines) == 1
