"""Password words of other scripts and quoted passphrases (round 6's dev half)."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.password_near import NearPasswordRecognizer
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.tier1 import PatternRecognizer


def find(text: str) -> list[tuple[int, int]]:
    [spans] = NearPasswordRecognizer().analyze([TextWindow(text, 0, len(text))])
    return [(s.start, s.end) for s in spans]


@pytest.mark.parametrize(
    "text, value",
    [
        ("パスワードは\u3000ＳａｋｕｒａＭｏｃｈｉ８８\u3000です。", "ＳａｋｕｒａＭｏｃｈｉ８８"),
        ("我的密码是 Tiger$2024", "Tiger$2024"),
        ("master password is 'gravel lantern mango quietly' - strong enough?", "gravel lantern"),
        # an aside in brackets counts as no words (stop 36)
        (
            "the router admin password in hex (decode it when you need it): Hawthorn#Lane1983",
            "Hawthorn",
        ),
        ("the router admin pw (Kx9#mPq2) is taped under the desk", "Kx9#"),  # the aside's own
    ],
)
def test_password_words_of_other_scripts_and_quoted_passphrases(text, value):
    start = text.index(value)
    assert any(b <= start < e for b, e in find(text)), text


def test_a_quoted_example_that_is_not_given_as_the_password_stays_public():
    assert find('Pick a password like "correct horse battery staple"') == []


@pytest.mark.parametrize(
    "text, first",
    [
        ("1022  mysql -u root -p'Kx9!plumTree22' -h 127.0.0.1 inventory", "'Kx9!"),
        (
            'W = "https://hooks.slack.com/services/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"',
            "https",
        ),
        ("Run mysql -u root -p to be prompted for the password.", None),
    ],
)
def test_command_line_passwords_and_whole_webhook_urls(text, first):
    [spans] = PatternRecognizer().analyze([TextWindow(text, 0, len(text))])
    starts = [s.start for s in spans if s.source in ("cli_password_flag", "slack_webhook")]
    if first is None:
        assert not starts
    else:
        assert min(starts) == text.index(first)


@pytest.mark.parametrize(
    "text, value",
    [
        # a "!" that ends the password ends no sentence before a lowercase word
        ("plumtree66! is the admin pw for the home nas", "plumtree66"),
        # ... and the same typed one character at a time
        ("p l u m t r e e 6 6 ! is the admin pw for the nas", "p l u m t r e e 6 6"),
        (
            "When it asks for a pre-shared key during first setup, enter 7hS!kq2Pz_vpn; after",
            "7hS!kq2Pz_vpn",
        ),
        ("the VPN password: Falcon#2231", "Falcon#2231"),
    ],
)
def test_passwords_of_round_14(text, value):
    assert [text[b:e] for b, e in find(text)] == [value]


def test_a_sentence_that_ends_before_the_password_word_still_ends():
    assert find("I set up v2.0! Then I changed the admin pw policy") == []
    assert find("Rotate the root password every 90 days") == []


def test_the_password_named_again_in_the_next_sentence():
    # stop 44, round 27
    text = "the portal makes me change my password every 90 days. current one is Retina#2291! ok?"
    assert [text[b:e] for b, e in find(text)] == ["Retina#2291"]
    assert find("Password rules: 12 chars. The new one is applied at the next login.") == []
    # a guide's example, a password manager (the stop 44 review)
    assert (
        find("Don't bump my password. If the old one was Summer2023, the new one is Summer2024")
        == []
    )
    assert find("my password manager changed. the current one is Bitwarden2024") == []
    text = "my password expired again. new one = Gl4cier!Fox"
    assert [text[b:e] for b, e in find(text)] == ["Gl4cier!Fox"]


def test_our_password_given_as_the_next_sentences_first_words():
    # stop 47, round 38
    text = (
        "Someone posted our league site admin password in the parents' group. It's"
        " LittleLeague#22 - how do I rotate it?"
    )
    assert [text[b:e] for b, e in find(text)] == ["LittleLeague#22"]
    # nobody's password; a question about its length
    assert find("Never reuse a password. It's 2FA that protects you.") == []
    assert find("How long should my password be? It's 12 chars now.") == []
    # a product named with more words (the stop 47 review)
    assert find("Can't change my Gmail password. It's Chrome118 on macOS.") == []
