"""Vendors' published example keys and slots for a value are no one's secret; everything else a
recognizer finds stays private, defaults that may really be in use included."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.credential_values import looks_generated
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.published import fictional_written, is_published, only_published_values


@pytest.mark.parametrize(
    "text",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        "+1 500 555 0006",
        "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
        "<password>;Encrypt=True;",
        "STRIPE_SECRET_KEY=sk_test_your_key_here",
        "${{ secrets.AWS_SECRET_ACCESS_KEY }}",
        "import.meta.env.VITE_API_KEY",
        "DB_PASSWORD=${DB_PASSWORD}",
        "api_key: <YOUR_API_KEY>",
        # "your" in other languages, a run of X for the secret part (stop 35)
        "VOTRE_JETON_API",
        "DEIN_TOKEN",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXX",
        # the Kubernetes Secret of its documentation, RFC 6749's code, a slot to replace (stop 36)
        "password: MWYyZDFlMmU2N2Rm",
        "code=SplxlOBeZQQYbYS6WxSbIA",
        'SECRET_KEY = "django-insecure-REPLACE-ME-with-a-long-random-string"',
        # a vendor's prefix before "your-..." (stop 37)
        "xoxb-your-token",
        "sk-your-openai-key",
    ],
)
def test_published_examples_and_slots(text):
    assert is_published(text)


@pytest.mark.parametrize(
    "text",
    [
        "hunter2",
        "DB_PASSWORD=S3cr3t-Pr0d!",
        "sk_live_51HqLyjWDarjtT1zdp7dcXq",
        "ADMIN_PASSWORD=changeme",  # a default may be what prod really uses
        "MAIL_PASSWORD=password",
        "4111 1111 1111 1111",
        "GB82 WEST 1234 5698 7654 32",  # example IBANs are copied as people's own
        "tu_contraseña_Xk9!2",  # "tu_" then more than a slot's words: a value
        "ghp_XXXxxx8Kd02LmQ7",  # mixed case, not a run of X
        "12345678Z",
        "my password for the example app is Tr0ub4dor&3",  # a sentence, not a slot
        "$unshine99",
        "xoxb-yourself-4471829301",  # digits: a value, not a slot
        "follow-your-dreams",  # a passphrase of words (stop 37 review)
        "Mind-Your-Step",
    ],
)
def test_values_that_stay_private(text):
    assert not is_published(text)


@given(
    st.text(
        "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=10, max_size=40
    ).filter(looks_generated),
    st.sampled_from(
        ["{}", "KEY={}", "<{}>;Encrypt=True", "${{{{ {} }}}}", "pw: {}", "'{}'", "<{}>", "{}_here"]
    ),
)
def test_a_generated_secret_is_never_published(secret, wrapper):
    assert not is_published(wrapper.format(secret))


@pytest.fixture(scope="module")
def tier1():
    detector = Detector.from_config(DetectorConfig(tiers=(1,), tier1_engine="re"))
    assert not detector.load()
    return detector


def test_a_slot_after_a_vendors_prefix_and_the_code_below_it_are_public(tier1):
    """A keyword's value is on the keyword's line: the next line of code is no token (stop 37)."""
    text = (
        'client = WebClient(token=os.environ["SLACK_BOT_TOKEN"])  # xoxb-your-token\n'
        'client.chat_postMessage(channel="#general", text="Hello")'
    )
    assert tier1.detect(text).first is None
    real = text.replace("xoxb-your-token", "xoxb-4471829301-8812034411-Qm3xT9kLp2ZsW8vB")
    assert tier1.detect(real).first == real.index("xoxb-4471")


def test_a_key_on_the_line_after_its_label_is_found(tier1):
    text = "here is my api key:\n9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c"
    assert tier1.detect(text).first == text.index("9f8a")


def test_the_detector_drops_a_published_key_and_keeps_a_real_one(tier1):
    text = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"
    assert tier1.detect(text).first is None
    real = "export AWS_ACCESS_KEY_ID=AKIAQ3EGTR5YRMXL2VNA"
    first = tier1.detect(real).first
    assert first is not None and first <= real.index("AKIA")


def test_the_jwt_io_sample_token_is_published_and_other_tokens_are_not():
    sample = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
        "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
    )
    assert is_published(sample)
    assert is_published("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")  # the header of every HS256 token
    other = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ODIxIiwibmFtZSI6Ik1hcmEgTGluZCJ9"
        ".Qx3kq0n1o5mF2v7yH9pZ_w8eR4tL6sB1cD0aJ2uK3gE"
    )
    assert not is_published(other)


@pytest.mark.parametrize(
    "line, published",
    [
        ("AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE", True),
        ("# MWYyZDFlMmU2N2Rm", True),
        ("password: MWYyZDFlMmU2N2Rm", True),
        # a line that says more than a documented value stays tier 3's (stop 36 review)
        (
            "The vault passphrase is correct horse battery staple, unlike AKIAIOSFODNN7EXAMPLE.",
            False,
        ),
        (
            "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY # my pw is x",
            False,
        ),
        ("AWS Access Key ID [None]: AKIAZ3X7Q2PLM4VB8K1R", False),
        ("name: mysecret", False),
        # a table's cell with a published test card, a number reserved for fiction (stop 37)
        ("| 4242 4242 4242 4242 |", True),
        ("'+12015550123'", True),
        ("| 4111 1111 1111 1111 |", False),
        ("'+12015550223'", False),
        ("- 5555550188", True),  # a list's item (round 21 dev b033)
        ("- 5555550288", False),
        # a help line of a published prompt, in the ranges kept for fiction (round 19)
        ("Ouvidoria: 0800 555 0199.", True),
        ("- Störungshotline (24 Stunden): 0800 555 0101 (kostenfrei).", True),
        ("Front desk: +61 2 5550 1200.", True),
        ("My number is 0800 555 0101.", False),  # the writer's own
        ("Call 0800 555 0101 or mail jo@gmx.de", False),
        ("Front desk: +61 2 9374 1200.", False),  # a real Sydney number
        # a sentence that says more than a help line stays tier 3's (the review of stop 38)
        ("Ana Ruiz has HIV, callback (212) 555-0123.", False),
        ("Ana Ruiz owes $4,000 in back rent; reach her at 0161 496 0123.", False),
        ("Text Raj on 98455 50123 when you land.", False),
        ("- ISBN 9780306406157", True),  # a reading list's line
        ("    &client_id=s6BhdRkqt3", True),  # RFC 6749's example client
        ("ISBN 0-306-40615-2.", True),
        ("- ISBN 9780306406158", False),  # the check digit fails
    ],
)
def test_a_tier3_credential_line_is_published_only_when_it_is_one_documented_value(line, published):
    assert only_published_values(line) is published


@pytest.mark.parametrize(
    "value",
    ["HipReplacement#7", "WindowReplacement2019", "KneeReplacement!2022", "ReplaceMe-Now-93xK"],
)
def test_replace_inside_a_word_is_no_slot(value):
    assert not is_published(value)


@pytest.mark.parametrize(
    "written, fictional",
    [
        ("4111111111111111", False),  # a card, not a phone
        ("+1 (415) 555-0142", True),  # 555-0100..0199
        ("+12015550123", True),
        ("0800 555 0101", True),  # the American range in another country's format
        ("91 555 01 23", True),
        ("020 7946 0123", True),  # Ofcom's drama numbers
        ("07700 900123", True),
        ("+61 2 5550 1200", True),  # Australia's
        ("138 0000 0000", True),  # a subscriber part of zeros
        ("+33 1 99 00 12 34", True),  # France's (ARCEP, stop 39)
        ("06 39 98 45 12", True),
        ("06 39 97 45 12", False),
        ("(415) 555-2671", False),
        ("020 7946 1123", False),
        ("+49 170 1234567", False),
        # digits that only happen to hold 55501 (the review of stop 38)
        ("645 55 01 23", False),
        ("+55 21 99555-0123", False),
        ("98455 50123", False),
        ("139 9999 9999", False),
    ],
)
def test_numbers_kept_for_fiction(written, fictional):
    assert fictional_written(written) is fictional
