"""Placeholders are not credentials; a real-looking value in the same shape is. Both directions,
for the recogniser alone, for tier 1, and for tier 3 with the default model."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.credential_values import (
    CLAUSE_WORDS,
    NO_VALUE,
    PROSE_WORDS,
    STAND_IN_MARKERS,
    holds_credential,
    is_placeholder,
    looks_generated,
)
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.policy import DetectionPolicy
from sglang_safekv.detect.registry import RecognizerRegistry, TextWindow
from sglang_safekv.detect.tier1 import PatternRecognizer
from sglang_safekv.detect.tier3 import TransformerRecognizer
from sglang_safekv.detect.validators import shannon_entropy

# Configuration and documentation lines that show where a secret goes and hold none.
PLACEHOLDER_LINES = [
    "export XAI_API_KEY=<key>",
    "setx   XAI_API_KEY <key> # Windows, restart shell after setx",
    'api_key="YOUR_API_KEY"',
    "OPENAI_API_KEY=sk-...",
    "export GITHUB_TOKEN=ghp_xxxxxxxxxxxx",
    'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
    'os.environ["AWS_SECRET_ACCESS_KEY"] = ""  # Secret access key',
    "## (deprecated, use --set-env OPENAI_API_DEPLOYMENT_ID=<value>)",
    "password: {{ db_password }}",
    "token = [CFWS] 1*ttext [CFWS]",
    "SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}",
    "The password field is required.",
    "GEMINI_API_KEY=foo",
    "export LM_STUDIO_API_KEY=dummy-api-key # Mac/Linux",
    "token             = 1*<any CHAR except CTLs or separators>",
]
# The same shapes with a value that has real entropy, and secrets written as prose.
SECRET_LINES = [
    "export XAI_API_KEY=xai-3kF9qLm2ZpXw8RtV7cYb",
    "setx XAI_API_KEY xai-3kF9qLm2ZpXw8RtV7cYb",
    'api_key="Xk9fQ2Lm8pZtR4vB"',
    "OPENAI_API_KEY=sk-proj-4fQ9x2LmZp0QaV7cYb",
    "export XAI_API_KEY=<xai-3kF9qLm2ZpXw8RtV7cYb>",
    "SLACK_BOT_TOKEN=${xoxb3kF9qLm2ZpXw8Rt}",
    "DB_PASS=S3cret!2024",
    "PASSWORD: correcthorsebattery",
    "The security answer is Kowalski.",
    "my bank pin is the year my dad was born, 1961",
    # Private snippets that a rule demanding evidence of a secret let through: a word, a
    # passphrase or a PIN is a value, and "$unshine99" is no variable.
    "login: jsmith pw: ilovemydog",
    "VPN password: $unshine99",
    '{"login_pw": "marmaladeskies", "note": "shared"}',
    "Token for the bot is not in the env, it's literally: purple-monkey-dishwasher",
    "Alarm pin 2468, front door sticks so push hard.",
    "MAIL_PASSWORD=password",
    "A senha do banco é 4821 e a do email é pitangadoce.",
    "ADMIN_PASSWORD=changeme  # yes this is really what prod uses",
    "Server=sql01;Database=Payroll;User Id=hr_app;Password=bananabread;",
]
# Lines with no value at all: a flag list, a bare variable name, prose, a type annotation.
NO_VALUE_LINES = [
    "Flags: --api-key, --token, --password",
    "export OPENAI_API_KEY",
    "Note: the API key must be kept secret.",
    "See https://platform.openai.com/api-keys for your key.",
    "def connect(api_key: str = None):",
]


@pytest.mark.parametrize("line", PLACEHOLDER_LINES)
def test_a_placeholder_line_holds_no_credential(line):
    assert not holds_credential(line)


@pytest.mark.parametrize("line", SECRET_LINES)
def test_a_real_looking_value_in_the_same_shape_is_a_credential(line):
    assert holds_credential(line)


@pytest.mark.parametrize("line", NO_VALUE_LINES)
def test_a_line_without_a_value_holds_no_credential(line):
    assert not holds_credential(line)


@pytest.mark.parametrize(
    "value",
    ["$unshine99", "$lower_case", "%path%", "password", "changeme", "{not a name!}", "1234"],
)
def test_words_and_look_alikes_are_values_not_placeholders(value):
    assert not is_placeholder(value)


@settings(max_examples=200, deadline=None)
@given(
    word=st.from_regex(r"[a-z]{3,14}", fullmatch=True).filter(
        lambda w: w not in CLAUSE_WORDS | NO_VALUE | PROSE_WORDS | STAND_IN_MARKERS
        and set(w) != {"x"}
    ),
    slot=st.sampled_from(["MAIL_PASSWORD={}", "pw: {}", "password: {}", 'api_key="{}"',
                          "VPN password: ${}1", "the pin is {}"]),
)  # fmt: skip
def test_any_word_in_a_value_slot_may_be_the_credential(word, slot):
    assert holds_credential(slot.format(word))


@pytest.mark.parametrize(
    "value, stand_in",
    [("foo", True), ("dummy-api-key", True), ("fake_token", True), ("example-secret", True),
     ("api-key", False), ("changeme", False), ("test", False), ("foo-Kx92", False),
     ("dummy-bluebird", False), ("foobarbaz", False)],
)  # fmt: skip
def test_only_stand_in_words_with_a_marker_are_a_placeholder(value, stand_in):
    assert is_placeholder(value) is stand_in


@pytest.mark.parametrize(
    "value",
    ["<key>", "<your-openai-api-key>", "{{ api_key }}", "YOUR_API_KEY", "$OPENAI_API_KEY",
     "%API_KEY%", "sk-...", "sk-proj-…", "xxxxxxxx", "****", "os.environ['KEY']", '""', "[CFWS]",
     "1*<any CHAR except CTLs>"],
)  # fmt: skip
def test_placeholders_are_recognised(value):
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "token",
    ["try1_stmt", "command-r-plus-08-2024", "2024-12-01-preview", "XAI_API_KEY",
     "attendeesString", "listToString(attendeeNames,", "iso-8859-1", "hunter2"],
)  # fmt: skip
def test_identifiers_made_of_words_do_not_look_generated(token):
    assert not looks_generated(token)


# Generated secrets: letters of both cases and digits drawn at random, with the entropy of a
# random draw (hypothesis also tries degenerate strings such as "00000000000000Aa").
_ALNUM = string.ascii_letters + string.digits
secrets = st.text(_ALNUM, min_size=16, max_size=48).filter(
    lambda s: (
        (
            any(c.isdigit() for c in s)
            and any(c.islower() for c in s)
            and any(c.isupper() for c in s)
        )
        and shannon_entropy(s) >= 3.0
    )
)
wrappers = st.sampled_from(
    ["<{}>", "{{{{{}}}}}", "{{ {} }}", "[{}]", "${{{}}}", "%{}%", "YOUR_{}", "your-{}", "{}",
     "sk-{}", "'{}'", '"{}"']
)  # fmt: skip
slots = st.sampled_from(
    ["export XAI_API_KEY={}", "setx OPENAI_API_KEY {}", 'api_key="{}"', "password: {}",
     "token = {}", "SECRET_KEY: {}", "client_secret={}"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(secret=secrets, wrapper=wrappers, slot=slots)
def test_a_generated_value_is_never_a_placeholder_whatever_wraps_it(secret, wrapper, slot):
    value = wrapper.format(secret)
    assert looks_generated(secret)
    assert not is_placeholder(value)
    assert holds_credential(slot.format(value))


@pytest.fixture(scope="module")
def tier1():
    return Detector(
        DetectionPolicy(tiers=frozenset({1})),
        RecognizerRegistry([PatternRecognizer(engine="auto")]),
    )


@settings(max_examples=100, deadline=None)
@given(secret=secrets, wrapper=st.sampled_from(["<{}>", "${{{}}}", "%{}%", "{{{{{}}}}}"]))
def test_tier1_keeps_a_generated_password_private_in_placeholder_syntax(tier1, secret, wrapper):
    text = f"password: {wrapper.format(secret)}"
    assert tier1.detect(text, first_only=True).first is not None


@pytest.mark.parametrize("line", ["password: <your-password>", "password: ${DB_PASSWORD}"])
def test_tier1_still_passes_word_placeholders(tier1, line):
    assert tier1.detect(line, first_only=True).first is None


@pytest.fixture(scope="module")
def tier3(tier3_model_dir):
    recognizer = TransformerRecognizer(tier3_model_dir)
    recognizer.load()
    return recognizer


def _credential_score(recognizer, line: str) -> float:
    [spans] = recognizer.analyze([TextWindow(line, 0, len(line))])
    return max((s.score for s in spans if s.category is Category.CREDENTIAL), default=0.0)


@pytest.mark.parametrize("line", PLACEHOLDER_LINES)
def test_tier3_does_not_call_a_placeholder_line_a_credential(tier3, line):
    assert _credential_score(tier3, line) == 0.0


@pytest.mark.parametrize(
    "line",
    ["export XAI_API_KEY=xai-3kF9qLm2ZpXw8RtV7cYb", 'api_key="Xk9fQ2Lm8pZtR4vB"',
     "my bank pin is the year my dad was born, 1961"],
)  # fmt: skip
def test_tier3_verdict_on_a_real_value_is_kept(tier3, line):
    # The gate only removes verdicts: whatever the model scores here reaches the policy.
    [spans] = tier3.analyze([TextWindow(line, 0, len(line))])
    assert max(s.score for s in spans) >= 0.5


@pytest.fixture(scope="module")
def detector(tier3_model_dir):
    from sglang_safekv.config import DetectorConfig

    config = DetectorConfig()
    config.tier3_model_dir = str(tier3_model_dir)
    detector = Detector.from_config(config)
    assert detector.load() == {}
    return detector


config_shapes = st.sampled_from(
    ["export XAI_API_KEY={}", "setx XAI_API_KEY {}", "XAI_API_KEY: {}", 'api_key="{}"',
     'settings["db_password"] = "{}"', "export DB_PASSWORD={}", "OPENAI_API_KEY=sk-{}",
     "export XAI_API_KEY=xai-{}", "SLACK_BOT_TOKEN=<{}>", "setx GITHUB_TOKEN {}"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(secret=secrets, shape=config_shapes)
def test_a_generated_value_in_a_config_shape_stays_private(detector, secret, shape):
    # All tiers, the cache's question (first_only, fast policy): nothing of the value public.
    text = shape.format(secret)
    first = detector.detect(text, first_only=True).first
    assert first is not None and first <= text.index(secret)


@pytest.mark.parametrize("line", PLACEHOLDER_LINES)
def test_a_placeholder_line_is_public_for_all_tiers(detector, line):
    assert detector.detect(line, first_only=True).first is None
