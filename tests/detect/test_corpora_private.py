"""The hand-written private set: marks resolve to exact spans, values carry valid checksums,
and the dev/test split is by template."""

from __future__ import annotations

import unicodedata

from sglang_safekv.detect import validators
from sglang_safekv.tooling.corpora import private, values
from sglang_safekv.tooling.corpora.private import SUBSETS, private_samples


def test_render_resolves_marks_to_exact_spans():
    text, spans = private.render(
        "Hi [[person|{first}]], key [[credential|{secret}]].", values.Values(1)
    )
    assert "[[" not in text and "{" not in text
    (a, b, c1), (d, e, c2) = spans
    assert text[a:b] in values.FIRST_NAMES and c1.value == "person"
    assert len(text[d:e]) == 32 and c2.value == "credential" and text.endswith(".")


def test_same_slot_gets_the_same_value_within_a_sample():
    text, spans = private.render("[[credential|{password} {password}]]", values.Values(3))
    first, second = text.split(" ")
    assert first == second and spans[0][:2] == (0, len(text))


def test_every_subset_present_spans_inside_text_and_deterministic():
    samples = private_samples()
    assert {s.subset for s in samples} == set(SUBSETS)
    for s in samples:
        assert (not s.spans) == (s.subset == "benign")
        for start, end, _ in s.spans:
            assert 0 <= start < end <= len(s.text) and s.text[start:end].strip()
    assert [s.text for s in private_samples()] == [s.text for s in samples]
    assert [s.text for s in private_samples(seed=1)] != [s.text for s in samples]


def test_split_is_by_template_never_by_sample():
    samples = private_samples()
    split_of = {}
    for s in samples:
        template = s.id.rsplit("/", 1)[0]
        assert split_of.setdefault(template, s.split) == s.split
    assert {s.split for s in samples} == {"dev", "test"}
    assert len(private_samples("dev")) + len(private_samples("test")) == len(samples)


def test_identifiers_carry_valid_checksums():
    v = values.Values(7)
    for _ in range(50):
        assert validators.luhn_valid(v.card())
        assert validators.iban_valid(v.iban_de()) and validators.iban_valid(v.iban_fr())
        assert validators.ssn_valid(v.ssn())
        dni = v.dni_es()
        assert "TRWAGMYFPDXBNJZSQVHLCKE"[int(dni[:-1]) % 23] == dni[-1]
        nir = v.nir_fr().replace(" ", "")
        assert 97 - int(nir[:13]) % 97 == int(nir[13:])


def test_evasive_spellings_hide_the_plain_value():
    v = values.Values(5)
    ssn = v.ssn()
    hidden = values.zero_width(ssn, v.rng)
    assert hidden != ssn and "".join(c for c in hidden if unicodedata.category(c) != "Cf") == ssn
    assert unicodedata.normalize("NFKC", values.full_width(ssn)) == ssn
    assert values.in_words("40") == "four zero"
    assert values.email_spelled("a.b@c.com") == "a dot b at c dot com"
