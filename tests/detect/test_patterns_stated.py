"""Secrets stated in prose: a credential word, a few words, a copula or a colon, a value.

The examples here were written for these tests; the blind red-team set is measured by
`make detector-eval` and its dev split replayed in `test_red_team.py`.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.credential_values import (
    CLAUSE_WORDS,
    CONTINUATION_WORDS,
    DESCRIBING_ENDINGS,
    DESCRIBING_WORDS,
    NO_VALUE,
    STAND_IN_MARKERS,
)
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.password_near import NearPasswordRecognizer, near_password_spans
from sglang_safekv.detect.patterns_stated import _NOT_AN_ANSWER, _PRONOUNS
from sglang_safekv.detect.policy import DetectionPolicy
from sglang_safekv.detect.registry import RecognizerRegistry
from sglang_safekv.detect.tier1 import PatternRecognizer

PRIVATE = [
    # The value before the word, or said alone after a question that ends in the word.
    ("sunflower is my password", "sunflower"),
    ("Honestly, Tulip is the wifi password.", "Tulip"),
    ("ok so peanut was my old password lol", "peanut"),
    ("\u201crosebud\u201d is our wifi password.", "rosebud"),
    ("My password? sunflower.", "sunflower"),
    ("The wifi password?\nBluebird", "Bluebird"),
    ("What's my PIN code? 'marigold'", "marigold"),
    ("I changed the router password to applepie so the kids can log in.", "applepie"),
    ("note to self: gmail pw = rosegarden", "rosegarden"),
    ("the password for my work laptop is cloudberry, don't forget", "cloudberry"),
    ("The combination for the locker is 12-34-08.", "12-34-08"),
    ("Got the text: your verification code is 384920. What do I do now?", "384920"),
    ("Microsoft says the approval code is 093 718", "093 718"),
    ("our alarm code 5521, the door sticks", "5521"),
    ("For the security question my first pet was called Biscuit.", "Biscuit"),
    ("maiden name: Hargreaves", "Hargreaves"),
    ("Mi contraseña del correo es mariposa", "mariposa"),
    ("la clave del wifi de la casa de mi tía es tortuga", "tortuga"),
    ("Le mot de passe du wifi est soleil", "soleil"),
    ("le code de la porte est 4590", "4590"),
    # a one-time code's urgency ends its clause (round 21 dev p195, with emoji between digits)
    ("bank code is 5🔥2🔥9🔥3🔥1🔥7 hurry it expires in 2 min", "5🔥2🔥9🔥3🔥1🔥7"),
    ("the code is 771204 expires in 10 min", "771204"),
    ("Das WLAN-Passwort lautet Sonnenblume", "Sonnenblume"),
    ("Der Türcode ist 8812.", "8812"),
    ("A senha do wifi é abacaxi", "abacaxi"),
    ("la password della mail è girasole", "girasole"),
    ("Il PIN del bancomat di mia nonna è 5093", "5093"),
    ("het wachtwoord is tulpenveld", "tulpenveld"),
    ("我的密码是 xiaomao", "xiaomao"),
    ("验证码是 4 8 1 7 2 9，五分钟内有效", "4 8 1 7 2 9"),
    ("requirepass orangepeel", "orangepeel"),
    ('network={\n  ssid="Home"\n  psk="riverstone"\n}', "riverstone"),
    ("localhost:5432:sales:ana:greenlantern", "greenlantern"),
    ("<Server><User>bakery</User><Pass>saltwater</Pass></Server>", "saltwater"),
    ("git clone https://deploy:marzipan@git.internal/team/site.git", "marzipan"),
    # A capitalised word that runs on into the sentence is still the value (private before the
    # clause-end rule, and again now).
    ("password: Sunshine for the wifi at home", "Sunshine"),
    ("the password was Sunshine until May", "Sunshine"),
    ("pass: Mango for now", "Mango"),
    # A password-shaped token in the sentence of a password word, before or after it.
    ("Use the guest network, passcode tulip2020.", "tulip2020"),
    ("Is Bluebird$2021 strong enough as a password for my bank?", "Bluebird$2021"),
    ("I set my Apple ID password yesterday, RiverStone!5, write it down", "RiverStone!5"),
    ("My bank's secret word is pineapple, they ask for it on calls.", "pineapple"),
    # A code received, in other languages; a lock that "takes" a number.
    ("J'ai reçu le code 620 418 par SMS de la banque.", "620 418"),
    ("Recebi o código 648 027 por SMS do banco", "648 027"),
    ("Got a text with code 551 902 from my bank, should I give it to the caller?", "551 902"),
    ("the garage keypad takes 7719 then the hash key", "7719"),
    # A security answer given without "my" or a colon.
    ("Mother's maiden name on file is Brennan, can you update the form?", "Brennan"),
    # an agent reporting a customer's answer (round 21 dev p173)
    ("Scratchpad: the user says their mother's maiden name is Fairclough.", "Fairclough"),
    ("Security question was the name of my first school - I answered Oakridge.", "Oakridge"),
    # From a second review: the next line or sentence, accents, a code before its lock.
    ("Wifi password\nBluebird$2021", "Bluebird$2021"),
    ("What's the wifi password? Oh, it's tulip2020.", "tulip2020"),
    ("Passwort für den Laptop wie immer Müller2020!", "Müller2020"),
    ("To get in, punch 7719 on the keypad", "7719"),
    ("Garage: 7719", "7719"),
    ("The bank just texted me 551902, what do I do with it?", "551902"),
    ("En la pregunta de seguridad puse Firulais", "Firulais"),
    # lower() lengthens "İ": the stem offsets must still find the word.
    ("İİİ İstanbul ofisi, guest passcode tulip2020", "tulip2020"),
    # a PIN stated in Japanese or Korean, numerals read as digits; an IBAN with dots
    ("銀行の暗証番号は五八三〇です。", "五八三〇"),
    ("제 카드 비밀번호는 7301 이에요", "7301"),
    ("Mon IBAN : FR76.3000.6000.0112.3456.7890.189, merci", "FR76"),
]

BENIGN = [
    "The password is required and must be at least 12 characters.",
    "Le mot de passe est obligatoire.",
    "Das Passwort ist falsch.",
    "La contraseña es incorrecta, inténtalo de nuevo.",
    "The password is stored hashed, never in plain text.",
    "The password is salted and hashed with bcrypt.",
    "The password hashing algorithm is bcrypt.",
    "La contraseña es personal e intransferible.",
    "Le mot de passe est envoyé par e-mail.",
    "Das Passwort ist mindestens acht Zeichen lang.",
    "密码长度为8-16位，须包含字母和数字。",
    "Civil Code 1542 waives unknown claims.",
    "The entire code is 2000 lines long.",
    "The generated code is 2000 lines, quickly reviewed.",
    # a promotion's code (review of stop 40)
    "Shoppers can use code 2025 valid for 20% off until Sunday.",
    "Sale ends soon: code 2024 expires at midnight!",
    "Her first job was waitressing in Ohio.",
    "PW: 1.5 ms pulse width for the servo",
    "# requirepass foobared",
    "<password>my_login_password</password>",
    "fe80:0000:0000:0000:0202:b3ff:fe1e:8329",
    "The default Wi-Fi password is printed on the label under the router.",
    "The zip code for the White House is 20500.",
    "El código postal del Museo del Prado es 28014.",
    "The code is open source and available on GitHub.",
    "Set the pin to output before writing to it.",
    "Python 3.12 ships Unicode 15.0.0 data.",
    "HTTP status code 404 means the page was not found.",
    "const pin = prompt('Enter your PIN');",
    "def check_pin(pin: str) -> bool:",
    "What was the name of your first pet?",
    "请输入您的密码。",
    # Near a password word, but no password: units, standards, products, biographies.
    "Passwords must be 12-character strings hashed with argon2id or PBKDF2.",
    "The password manager is 1Password; ask IT for an invite.",
    "OAuth2 replaces passwords with short-lived tokens.",
    "Michelle Obama's maiden name is Robinson.",
    "His first boss was Steve Jobs at NeXT.",
    "Bernstein's favorite teacher was Fritz Reiner.",
    "I received error code 404 from the server.",
    # A second review's false alarms: systems, products, dates, tags, hashes, trivia.
    "How to reset the root password in CentOS7 without a rescue disk",
    "During Covid-19, password reset requests to the helpdesk tripled.",
    "Pin 1 of the ATmega328P is the reset pin.",
    "Happy #WorldPasswordDay, remember to change your password today!",
    "Fix password reset email (commit 3f9e2ab).",
    "NTLMv2 password hashes can be cracked offline with hashcat.",
    "The code word for the D-Day landings was Neptune.",
    "Neil Papworth sent the first text message in 1992.",
    "The door takes 15-20 minutes to install.",
    "Barack Obama's mother's maiden name was Dunham.",
    "Their mother's maiden name was Dunham, the biography says.",
    "In the documentary, the Kardashian sisters said their mother's maiden name is Houghton.",
    "The question was about the capital of Australia, and I put Sydney instead of Canberra.",
    # A word before "is the password" that is no value, or a reply after "password?".
    "This is my password manager.",
    "Nothing is the password, the token is.",
    "Length is the password's most important property.",
    "the username is the password",
    "Which one is your password?",
    "Forgot your password? Reset.",
    "Your password? Nope.",
    "Lost your password? See below.",
    "Password? Optional.",
    "パスワードは8文字以上にしてください。",
    "パスワードは2024年から90日ごとに変更が必要です。",
    "비밀번호는 12자 이상이어야 합니다.",
]


@pytest.fixture(scope="module", params=["re", "auto"])
def tier1(request):
    return Detector(
        DetectionPolicy(tiers=frozenset({1})),
        RecognizerRegistry([PatternRecognizer(engine=request.param), NearPasswordRecognizer()]),
    )


@pytest.mark.parametrize("text, secret", PRIVATE)
def test_a_stated_secret_is_private_from_its_value_on(tier1, text, secret):
    first = tier1.detect(text, first_only=True).first
    assert first is not None and first <= text.index(secret), (text, first)


@pytest.mark.parametrize("text", BENIGN)
def test_prose_about_credentials_and_public_codes_stay_public(tier1, text):
    assert tier1.detect(text, first_only=True).first is None


_NOT_VALUES = CONTINUATION_WORDS | CLAUSE_WORDS | NO_VALUE | STAND_IN_MARKERS | DESCRIBING_WORDS


@settings(max_examples=150, deadline=None)
@given(
    word=st.from_regex(r"[a-z]{3,12}", fullmatch=True).filter(
        lambda w: (
            w not in _NOT_VALUES
            and len(set(w)) > 1
            and not (len(w) >= 5 and w.endswith(DESCRIBING_ENDINGS))
        )
    ),
    slot=st.sampled_from(
        [
            "the password for my bank is {}",
            "I set the wifi password to {}, ok?",
            "pass: {}",
            "la contraseña es {}",
            "le mot de passe est {}",
            "das Passwort lautet {}",
            "a senha é {}",
            "het wachtwoord is {}",
            "我的密码是{}",
            "my first pet was called {}",
        ]
    ),
)
def test_any_word_given_as_a_password_is_private(tier1, word, slot):
    """A plain word counts where it ends its clause (here: a comma, the end, a line's end)."""
    text = slot.format(word)
    first = tier1.detect(text, first_only=True).first
    assert first is not None and first <= slot.index("{}")  # the word may occur in the slot too


@settings(max_examples=100, deadline=None)
@given(
    word=st.from_regex(r"[a-z]{3,12}", fullmatch=True).filter(
        lambda w: (
            w not in _NOT_VALUES | _NOT_AN_ANSWER | _PRONOUNS
            and len(set(w)) > 1
            and not (len(w) >= 5 and w.endswith(DESCRIBING_ENDINGS))
        )
    ),
    capital=st.booleans(),
    slot=st.sampled_from(
        [
            "{} is my password",
            "Honestly, {} is the wifi password.",
            "ok so {} was my old password lol",
            "My password? {}.",
            "The wifi password?\n{}",
        ]
    ),
)
def test_a_word_before_the_password_word_or_alone_after_its_question_is_private(
    tier1, word, capital, slot
):
    """No copula after the word: "sunflower is my password", "My password? sunflower."."""
    text = slot.format(word.capitalize() if capital else word)
    first = tier1.detect(text, first_only=True).first
    assert first is not None and first <= slot.index("{}")  # the word may occur in the slot too


@settings(max_examples=100, deadline=None)
@given(
    token=st.builds(
        "{}{}{}".format,
        st.sampled_from(["tulip", "River", "maple", "Harbor", "falcon", "copperKettle", "violet"]),
        st.sampled_from(["", "!", "@", "#", "$", "%"]),
        st.integers(0, 9999),
    ),
    slot=st.sampled_from(
        [
            "new passcode {} for the shed",
            "Would {} work as a password?",
            "wifi password, if anyone asks: {}",
            "I reuse {} as my login everywhere",
            # Password words found around a stem inside them, or one that only "key" names.
            "the WLANPasswort, falls jemand fragt: {}",
            "Netzwerkschlüssel {} steht auf dem Router",
            "the wifi key, if anyone asks: {}",
            "ROUTER KEY {} (on the sticker)",
            "Use the guest PINCODE {} at the gate",
        ]
    ),
)
def test_a_password_shaped_token_near_a_password_word_is_private(tier1, token, slot):
    """Letters with a digit or a symbol in a password word's sentence: no copula needed."""
    text = slot.format(token)
    first = tier1.detect(text, first_only=True).first
    assert first is not None and first <= slot.index("{}")


@settings(max_examples=100, deadline=None)
@given(
    number=st.from_regex(r"[0-9]{4,8}", fullmatch=True),
    slot=st.sampled_from(
        ["the door code is {}", "alarm code {}", "le code est {}", "Geheimzahl: {}", "PIN {}"]
    ),
)
def test_any_number_given_as_a_code_is_private(tier1, number, slot):
    text = slot.format(number)
    first = tier1.detect(text, first_only=True).first
    assert first is not None and first <= slot.index("{}")


@settings(max_examples=60, deadline=None)
@given(
    prose=st.lists(st.sampled_from(["the", "new", "one", "is", "ok", "my"]), max_size=4),
    token=st.builds(
        "{}{}".format,
        st.sampled_from(["tulip", "river", "maple", "harbor", "falcon", "copper", "violet"]),
        st.integers(10, 9999),
    ),
)
def test_a_sentence_end_separates_the_token_from_the_word(prose, token):
    """Only the word's own sentence counts: "Reset the password. Then tulip2020 ..." shares the
    token's sentence with no password word."""
    text = "Reset the password. " + " ".join([*prose, token, "later"])
    assert near_password_spans(text) == []
    assert near_password_spans(text.replace(". ", ", ")) != []
