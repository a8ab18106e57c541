import pytest

from sglang_safekv.tooling.evaluation.pii import PII_KINDS, SpanText, make_faker, pii_value
from sglang_safekv.tooling.evaluation.workload import RATIOS, WorkloadSpec, generate, pii_parts

SPEC = WorkloadSpec(tenants=10, sessions_per_tenant=2, turns=3, apps=3, documents=4)


def test_same_spec_same_workload_and_another_seed_differs():
    assert generate(SPEC, 0.2) == generate(SPEC, 0.2)
    other = generate(WorkloadSpec(**{**SPEC.__dict__, "seed": 99}), 0.2)
    assert other.sessions != generate(SPEC, 0.2).sessions


@pytest.mark.parametrize("ratio", RATIOS)
def test_every_secret_span_holds_its_value(ratio):
    workload = generate(SPEC, ratio)
    for session, turn, secret in workload.secrets():
        content, _ = workload.user_content(session, turn)
        assert content[secret.start : secret.end] == secret.value
        assert secret.kind in PII_KINDS


@pytest.mark.parametrize("ratio", RATIOS)
def test_pii_ratio_is_exact(ratio):
    workload = generate(SPEC, ratio)
    n = SPEC.tenants * SPEC.sessions_per_tenant * SPEC.turns
    assert workload.pii_fraction() == round(ratio * n) / n
    parts = [p for s in workload.sessions for p in s.turns]
    assert all(p.has_pii == bool(p.secrets) for p in parts)


def test_pii_sets_are_nested_and_benign_text_does_not_depend_on_ratio():
    assert pii_parts(60, 0.1, 5) <= pii_parts(60, 0.2, 5) <= pii_parts(60, 0.5, 5)
    low, high = generate(SPEC, 0.05), generate(SPEC, 0.5)
    assert low.apps == high.apps and low.documents == high.documents
    for a, b in zip(low.sessions, high.sessions):
        assert (a.tenant, a.app, a.document) == (b.tenant, b.app, b.document)
        for pa, pb in zip(a.turns, b.turns):
            if not pa.has_pii and not pb.has_pii:
                assert pa.text == pb.text
            if pa.has_pii:
                assert pb.has_pii  # nested


def test_shared_content_is_shared_and_private_parts_are_not():
    workload = generate(SPEC, 1.0)
    assert len({s.tenant for s in workload.sessions}) == SPEC.tenants
    assert len({s.app for s in workload.sessions}) > 1
    texts = [p.text for s in workload.sessions for p in s.turns]
    assert len(set(texts)) == len(texts)
    for session in workload.sessions:
        first, _ = workload.user_content(session, 0)
        assert first.startswith(workload.documents[session.document].header())


def test_bad_ratio_and_bad_spec_are_clear_errors():
    with pytest.raises(ValueError, match="ratio"):
        generate(SPEC, 1.5)
    with pytest.raises(ValueError, match="tenants"):
        WorkloadSpec(tenants=0)


def test_span_text_records_spans_and_rejects_templates_without_slot():
    text, secrets = SpanText().add("a ").add_sentence("x {} y", "name", "Bob").add("!").build()
    assert text == "a x Bob y!"
    assert text[secrets[0].start : secrets[0].end] == "Bob"
    with pytest.raises(ValueError, match="slot"):
        SpanText().add_sentence("no slot", "name", "Bob")


def test_pii_values_are_single_line_and_unknown_kind_is_an_error():
    fake = make_faker(1)
    for kind in PII_KINDS:
        value = pii_value(fake, kind)
        assert value and "\n" not in value
    with pytest.raises(ValueError, match="unknown PII kind"):
        pii_value(fake, "passport")


def test_generated_birth_dates_do_not_depend_on_the_clock(monkeypatch):
    import datetime as dt

    from faker.providers import date_time

    from sglang_safekv.tooling.evaluation.pii import make_faker, pii_value

    first = [pii_value(make_faker(3), "dob") for _ in range(3)]

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 6, 1, tzinfo=tz)

    monkeypatch.setattr(date_time, "datetime", Later)
    assert [pii_value(make_faker(3), "dob") for _ in range(3)] == first
    assert all("1935-01-01" <= d <= "2007-12-31" for d in first)
