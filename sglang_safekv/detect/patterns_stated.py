"""Tier-1 patterns for secrets stated in prose, in English, Spanish, French, German, Portuguese,
Italian, Dutch and Chinese: a credential is named, then given.

"I changed the router password to applepie", "Das WLAN-Passwort lautet Sonnenblume", "le code
de la porte est 4590", "我的密码是 xiaomao", "my first pet was called Biscuit": the value is a
plain word or a short number, so no format or entropy rule sees it, and tier 3 (English, and
trained on generated text) judged most of them public. What makes them secret is the sentence's
shape: a credential word, at most a few words, a copula or a colon, a value. The value is
private unless it is a word that continues the sentence ("the password is required", "le mot de
passe est obligatoire") or a placeholder (``credential_values.is_placeholder``): the burden of
proof lies with "public", as for configuration values.

Generic code words ("code", "Code", "código") count only with a number after them: "the code
is open source" is not a secret, "the code is 4590" is.
"""

from __future__ import annotations

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.credential_values import stated_value
from sglang_safekv.detect.patterns import PatternSpec

# Up to six words in any script between the credential word and the copula ("the password
# *for my gmail account* is ...", "la clave del wifi *de la casa de la abuela* es ..."); the
# engines' \w is ASCII.
_GAP = r"(?:[ \t]+[^\s.!?:;=]+){0,6}?"
# Copulas of the eight languages, and "called"/"named" for answers ("was called Biscuit"). The
# longer forms first: Python takes the first alternative that matches.
_COPULA = (
    r"(?:(?:is|was) (?:called|named)|called|named|is|was|are|'s|es|era|est|c'est|ist|lautet|war"
    r"|é|è|e'|sono)"
)
_OPEN_QUOTE = r"[\"'«“„]?"
# A value: up to the next space, quote or clause punctuation (trailing dots are stripped by the
# validator; the span may keep one: more private, never less).
_VALUE = r"(?P<v>[^\s\"'«»“”„,;)<>]{3,64})"
# Four to twelve digits, or groups of digits ("12-34-08", "093 718", "4 8 1 7 2 9"), maybe
# after a sender's letters ("G-482913"). No dots: "Unicode 15.1.0" and "10.0.0.1" are versions
# and addresses, not codes.
_DIGITS = (
    r"(?:[A-Z]{1,3}-)?(?:[0-9]{4,12}|[0-9]{2,4}(?:[ -][0-9]{2,4}){1,5}|[0-9](?:[ -][0-9]){3,11})"
)
_NUMBER = rf"(?P<v>{_DIGITS})"

_PASSWORD_WORD = (
    r"(?:pass(?:word|wd|code|phrase)|pwd|pw|pin[ -]?code|pin number"
    r"|(?:wi-?fi|wlan|network|wpa2?|router|hotspot) (?:key|password|pass)"
    r"|contrase[ñn]a|(?:mi|tu|su) clave|clave (?:de acceso|del? wi-?fi|secreta|del banco)"
    r"|mot de passe|mdp|passwort|kennwort|geheimzahl"
    r"|(?:wlan|wifi)-?(?:passwort|schl[üu]ssel)|senha|palavra-passe|parola d'ordine"
    r"|wachtwoord|pincode)"
)
# Names of a credential that only configuration uses ("login = marmalade77", psk="..."), given
# with "=" or ":"; Redis' directives take a space ("requirepass orangepeel").
_CONFIG_SLOT = (
    r"(?:(?:login|logon|psk|wpa_passphrase)[\"']?[ \t]*[:=][ \t]*|(?:requirepass|masterauth)[ \t]+)"
)
# Code words that name a secret by themselves: a number right after them is the code ("alarm
# code 2468", "Türcode 4711", "combination 12-34-08").
_SECRET_CODE_WORD = (
    r"(?:(?:door|gate|alarm|garage|safe|locker|lock|entry|entrance|building|access|security"
    r"|verification|confirmation|one[- ]time|login|sign-?in|2fa|mfa|sms|auth(?:entication)?"
    r"|authenticator|approval|backup|recovery|voicemail|unlock|lockbox|keypad|padlock|bike lock)"
    r" (?:pass)?code|pin|combination|otp|digicode|padlock|lockbox|keypad"
    r"|(?:zugangs|t[üu]r|tor|best[äa]tigungs|sicherheits|entsperr|alarm|toegangs|verificatie"
    r"|deur|bevestigings)code)"
)
# Generic code words: only "is", "est", ":" ... and a number make a code ("the code is 4590").
_CODE_WORD = r"(?:code|c[oó]digo|codice)"
# Codes that are public: a zip code, a status code, a country's dialling code.
_PUBLIC_CODE = (
    r"\b(?:zip|postal|post|area|country|dialing|dialling|dress|status|error|exit|return|source"
    r"|bar|qr|iso|language|currency|airport|course|product|tax|color|colour|http|ascii|unicode"
    r"|char|character|key|studio|vs|morse|cheat|machine|byte|op|promo|discount|coupon|voucher"
    r"|postal|zip|lingua|pa[ií]s|postale|postcode|ländercode|landcode)\s*-?(?:code|c[oó]digo|codice)"
    r"|\bcode (?:point|page|block|sample|snippet|listing|example|line|base|review)s?\b"
    r"|\b(?:code|c[oó]digo|codice) (?:postal|postale|de (?:área|area|país|pais|error|barras)"
    r"|fuente|fiscal|iso|qr|d'erreur|pays|d'avviamento postale)"
)
_ANSWER_WORD = (
    r"(?:maiden name|first pet(?:'s name)?|pet's name|first (?:car|school|teacher|boss|job|concert"
    r"|love|street|kiss)|(?:street|town|city) (?:i|we) grew up (?:on|in)|childhood (?:friend"
    r"|nickname|hero|street|home|best friend)|favou?rite (?:teacher|childhood \w+)"
    r"|(?:security|secret) (?:question|answer)|memorable (?:word|name|place|date)"
    r"|question secr[èe]te|r[ée]ponse secr[èe]te|nom de jeune fille|pregunta (?:secreta|de seguridad)"
    r"|apellido de soltera|sicherheitsfrage|geburtsname|m[äa]dchenname|pergunta (?:secreta"
    r"|de seguran[çc]a)|nome de solteira|domanda (?:segreta|di sicurezza)|cognome da nubile"
    r"|beveiligingsvraag|meisjesnaam)"
)
_HAN_PASSWORD = r"(?:密码|密碼|口令|验证码|驗證碼|支付密码|门禁密码|动态码|校验码)"

STATED_PATTERNS: tuple[PatternSpec, ...] = (
    PatternSpec(
        "stated_password",  # "the password for my gmail is rosegarden", "WLAN-Passwort: ..."
        Category.CREDENTIAL,
        rf"\b{_PASSWORD_WORD}(?:{_GAP}[ \t]+{_COPULA}|[\"']?[ \t]*(?:[:=]|->))[ \t]*{_OPEN_QUOTE}"
        + _VALUE,
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        "config_credential",  # "laptop login = marmalade77", psk="riverstone", requirepass x
        Category.CREDENTIAL,
        rf"\b{_CONFIG_SLOT}{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        "set_password_to",  # "I changed the router password to applepie", "set the safe to 6619"
        Category.CREDENTIAL,
        rf"\b(?:chang\w*|set|reset|updat\w*)(?:[ \t]+[^\s.!?:;]+){{0,4}}?[ \t]+"
        rf"(?:{_PASSWORD_WORD}|{_SECRET_CODE_WORD}|safe|lock)[ \t]+to[ \t]+{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        "stated_code",  # "the code for the door is 4590", "PIN ... so nobody knows: 8391"
        Category.CREDENTIAL,
        rf"\b(?:{_CODE_WORD}|{_SECRET_CODE_WORD}){_GAP}(?:[ \t]+{_COPULA}[ \t]*|[\"']?[ \t]*[:=#]"
        rf"[ \t]*){_OPEN_QUOTE}{_NUMBER}\b",
        0.9,
        caseless=True,
        reject_match=_PUBLIC_CODE,
    ),
    PatternSpec(
        "code_number",  # "alarm code 2468", "lockbox on the porch, code 2208", "Türcode 4711"
        Category.CREDENTIAL,
        rf"\b(?:{_SECRET_CODE_WORD}|{_CODE_WORD})[ \t]+(?:number[ \t]+)?{_NUMBER}\b",
        0.9,
        caseless=True,
        reject_match=_PUBLIC_CODE,
    ),
    PatternSpec(
        "stated_secret_code",  # "the access code for the envelope is HARBOR17"
        Category.CREDENTIAL,
        rf"\b{_SECRET_CODE_WORD}(?:{_GAP}[ \t]+{_COPULA}|[\"']?[ \t]*[:=])[ \t]*{_OPEN_QUOTE}"
        + _VALUE,
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        "stated_answer",  # "my first pet was called Biscuit", "maiden name: Hargreaves"
        Category.CREDENTIAL,
        rf"\b{_ANSWER_WORD}(?:{_GAP}[ \t]+{_COPULA}|[\"']?[ \t]*[:=])[ \t]*{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        "stated_password_zh",  # "我的密码是 xiaomao", "验证码：482913", "验证码是 4 8 1 7 2 9"
        Category.CREDENTIAL,
        rf"{_HAN_PASSWORD}[^\s。，,.！？!?]{{0,8}}?(?:是|为|為|：|:)[ \t]*"
        rf"(?P<v>{_DIGITS}|[^\s，。,;；]{{3,64}})",
        0.9,
        stated_value,
    ),
    PatternSpec(
        "pgpass_line",  # ~/.pgpass: host:port:database:user:password
        Category.CREDENTIAL,
        r"\b[\w.-]+:(?:[0-9]{2,5}|\*):[\w*.-]+:[\w*.-]+:(?P<v>[^\s:]{3,64})",
        0.9,
        stated_value,
    ),
    PatternSpec(
        "xml_password",  # <Pass>saltwater</Pass> (FileZilla), <password>...</password>
        Category.CREDENTIAL,
        r"<(?:pass|password|passwd|pwd|secret|token)>(?P<v>[^<\s][^<]{2,63})</",
        0.9,
        stated_value,
        caseless=True,
    ),
)
