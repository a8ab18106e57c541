import pytest

from sglang_safekv.detect import validators as v


@pytest.mark.parametrize(
    "number, ok",
    [
        ("4111 1111 1111 1111", True),
        ("4111-1111-1111-1112", False),  # last digit off by one breaks the checksum
        ("5555555555554444", True),
        ("378282246310005", True),  # Amex, 15 digits
        ("378282246310006", False),
        ("0000000000000000", False),  # passes mod 10 but is all one digit
        ("4111111", False),  # too short to be a card
    ],
)
def test_luhn(number, ok):
    assert v.luhn_valid(number) is ok


@pytest.mark.parametrize(
    "iban, ok",
    [
        ("GB82 WEST 1234 5698 7654 32", True),
        ("GB82WEST12345698765432", True),
        ("GB83WEST12345698765432", False),  # check digits wrong
        ("DE89370400440532013000", True),
        ("DE8937040044053201300", False),  # one character short for DE
        ("XX82WEST12345698765432", False),  # unknown country
        ("gb82 west 1234 5698 7654 32", True),  # case does not matter
    ],
)
def test_iban_mod97(iban, ok):
    assert v.iban_valid(iban) is ok


@pytest.mark.parametrize(
    "ssn, ok",
    [
        ("536-22-8726", True),
        ("000-12-3456", False),  # area 000
        ("666-12-3456", False),  # area 666
        ("912-12-3456", False),  # area 900-999
        ("536-00-8726", False),  # group 00
        ("536-22-0000", False),  # serial 0000
        ("078-05-1120", False),  # the Woolworth wallet sample number
        ("536-22-872", False),
    ],
)
def test_ssn_rules(ssn, ok):
    assert v.ssn_valid(ssn) is ok


def test_aba_routing_checksum():
    assert v.aba_routing_valid("011000015")  # Federal Reserve Bank of Boston
    assert not v.aba_routing_valid("011000016")


@pytest.mark.parametrize(
    "ip, ok",
    [
        ("8.34.208.17", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("0.0.0.0", False),
        ("203.0.113.7", False),  # documentation range
        ("256.1.1.1", False),
    ],
)
def test_ipv4_identifying(ip, ok):
    assert v.ipv4_identifying(ip) is ok


@pytest.mark.parametrize(
    "token, ok",
    [
        ("Zx9Qw2Lm8Rt5Vb3Np7Kd4Hs6", True),
        ("3f786850e387550fdab836ed7e6dc881de23001b", False),  # git SHA: hex only
        ("550e8400-e29b-41d4-a716-446655440000", False),  # UUID
        ("this_is_a_long_identifier_name", False),  # one character class, low entropy
        ("ShortKey123", False),
        # A path of words and numbers is a link; a path with a generated piece is a secret.
        ("com/itsPaulAi/status/1830987090617831810", False),
        ("hooks.slack.com/services/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", True),
        ("Zx9Qw2Lm8Rt5/Vb3Np7Kd4Hs6", True),
    ],
)
def test_high_entropy_secret(token, ok):
    assert v.high_entropy_secret(token) is ok


def test_entropy_orders_strings():
    assert v.shannon_entropy("aaaaaaaa") == 0
    assert v.shannon_entropy("abcdefgh") == pytest.approx(3.0)


@pytest.mark.parametrize(
    "iban, ok",
    [
        ("DE12 4785 0065 0000 9182 33", True),  # check sum wrong: still an account's shape
        ("DE12 4785 0065 0000 9182", False),  # too short for DE
        ("DE00 0000 0000 0000 0000 00", False),  # a filler
        ("DE12 3456 7890 1234 5678 90", False),  # counting digits
        ("XX12 4785 0065 0000 9182 33", False),  # no such country
    ],
)
def test_iban_shaped(iban, ok):
    assert v.iban_shaped(iban) is ok
