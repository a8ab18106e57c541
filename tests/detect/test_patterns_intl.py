"""Identifiers and statements in other languages, with their check digits."""

from __future__ import annotations

import pytest

from sglang_safekv.detect import patterns_intl as intl
from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.tier1 import PatternRecognizer
from sglang_safekv.tooling.corpora.values import Values


def test_check_digit_validators_accept_valid_and_reject_altered_numbers():
    v = Values(11)
    for _ in range(30):
        for make, valid in (
            (v.dni_es, intl.dni_valid),
            (v.nir_fr, intl.nir_valid),
            (v.cpf_br, intl.cpf_valid),
            (v.resident_id_cn, intl.cn_resident_id_valid),
        ):
            good = make()
            assert valid(good), good
            last = good[-1]
            bad = good[:-1] + ("0" if last != "0" else "1")
            if last.isalpha():
                bad = good[:-1] + ("A" if last != "A" else "B")
            assert not valid(bad), bad


@pytest.fixture(scope="module", params=["re", "auto"])
def recognizer(request):
    return PatternRecognizer(engine=request.param)


@pytest.mark.parametrize(
    "text, value, category",
    [
        ("Mi DNI es 12345678Z.", "12345678Z", Category.GOV_ID),
        ("CPF 529.982.247-25 confirmado", "529.982.247-25", Category.GOV_ID),
        ("身份证号是11010519491231002X。", "11010519491231002X", Category.GOV_ID),
        ("Rappelez-moi au 06 12 34 56 78.", "06 12 34 56 78", Category.PHONE),
        ("Ich wohne in der Lindenstraße 14, Berlin.", "Lindenstraße 14", Category.ADDRESS),
        ("我叫王秀英，今年三十岁。", "王秀英", Category.PERSON),
        ("Ich verdiene 4.100 Euro brutto.", "Ich verdiene 4", Category.FINANCE),
        ("我上个月被诊断出患有抑郁症", "我上个月被诊断", Category.HEALTH),
        ("Spedite a Via Carlo Alberto 12, 10123 Torino.", "Via Carlo Alberto 12", Category.ADDRESS),
        ("Jag bor på Götgatan 44, 4 tr.", "Götgatan 44", Category.ADDRESS),
        ("Mieszkam przy ul. Długiej 7, Gdańsk.", "ul. Długiej 7", Category.ADDRESS),
        ("Nieuw adres: Prinsengracht 263, Amsterdam", "Prinsengracht 263", Category.ADDRESS),
        ("Deliver to: Flat 2, 18 Harbour Row, Cobh", "Flat 2, 18 Harbour Row", Category.ADDRESS),
        (
            "住所は東京都世田谷区三軒茶屋2-14-7です。",
            "東京都世田谷区三軒茶屋2-14-7",
            Category.ADDRESS,
        ),
        (
            "Я живу: г. Казань, ул. Баумана, д. 44, кв. 17",
            "г. Казань, ул. Баумана, д. 44",
            Category.ADDRESS,
        ),
    ],
)
def test_found_from_the_first_character(recognizer, text, value, category):
    spans = [s for s in recognizer.scan(text) if s.score >= 0.5 and s.category is category]
    start = text.index(value)  # the cache keeps everything from the first flag on private
    assert any(s.start == start and s.end >= start + len(value) for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "El hospital abrió en 1998 y atiende a 20.000 pacientes.",
        "Le salaire minimum en France est fixé par décret.",
        "Die Depression ist eine häufige Erkrankung.",
        "北京是中国的首都。",
        "IP address: 10.0.0.12, gateway 10.0.0.1",
        "The request went via the API 3 times before it failed.",
        "Return address: 0x7ffd5e8a1b20",
        "Email address: help@example.com",
        "東京都内の区役所で2-3時間待ちました。",  # a range of hours, not block-lot numbers
        "北海道の市町村で10-20センチ積もった。",
    ],
)
def test_general_statements_are_not_personal(recognizer, text):
    assert not [s for s in recognizer.scan(text) if s.score >= 0.5]
