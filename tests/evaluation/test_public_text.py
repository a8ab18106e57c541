import pytest

from sglang_safekv.tooling.evaluation import public_text
from sglang_safekv.tooling.evaluation.pii import PII_KINDS, make_faker, pii_value
from sglang_safekv.tooling.evaluation.workload import WorkloadSpec, generate


@pytest.mark.parametrize("index", range(len(public_text.DOCUMENT_MODULES)))
def test_every_document_is_real_documentation_of_the_requested_length(index):
    title, text = public_text.document(index, 320)
    assert public_text.DOCUMENT_MODULES[index] in title
    assert len(text.split()) == 320  # every listed module has enough documentation
    assert "  " not in text and "\n" not in text


def test_documents_are_distinct_and_out_of_range_is_an_error():
    texts = {public_text.document(i, 100)[1] for i in range(len(public_text.DOCUMENT_MODULES))}
    assert len(texts) == len(public_text.DOCUMENT_MODULES)
    with pytest.raises(ValueError, match="public documents"):
        public_text.document(len(public_text.DOCUMENT_MODULES), 10)
    with pytest.raises(ValueError, match="documents is at most"):
        WorkloadSpec(documents=len(public_text.DOCUMENT_MODULES) + 1)


@pytest.mark.parametrize("words", [20, 160, 400])
def test_house_rules_reach_the_word_count_and_depend_on_the_seed(words):
    rules = public_text.house_rules(1, words)
    assert words <= len(rules.split()) < words + 20
    assert rules == public_text.house_rules(1, words)
    assert rules != public_text.house_rules(2, words)


def test_workload_public_text_is_the_real_text():
    workload = generate(WorkloadSpec(tenants=2, apps=2, documents=2), 0.0)
    assert workload.documents[0].text == public_text.document(0, 320)[1]
    for app in workload.apps:
        assert any(rule in app.system_prompt for rule in public_text.HOUSE_RULES)
    # Generated PII values never appear in the public text (a sanity check of the sources).
    fake = make_faker(5)
    public = " ".join(
        [d.text for d in workload.documents] + [a.system_prompt for a in workload.apps]
    )
    for kind in PII_KINDS:
        assert pii_value(fake, kind) not in public
