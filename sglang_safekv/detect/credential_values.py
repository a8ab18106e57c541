"""Whether text may hold a credential, or only shows where one would go.

The policy (detect/README.md): a credential is a value, and the burden of proof lies with
"public". ``export XAI_API_KEY=<key>``, ``api_key="YOUR_API_KEY"``, ``sk-...`` and a flag list
show where a secret would go; they hold none. Tier 3 reads words, so it calls such lines
"credential"; its verdict is dropped only when the sentence holds no value at all, or when every
value in it is a precise placeholder (see :func:`holds_credential`). A word in a value slot
(``MAIL_PASSWORD=password``, ``pw: changeme``) may be the real password: it is a value.

A placeholder is recognised by its syntax and by what is inside it: an identifier or word-like
text in a placeholder's syntax. A value with the character mix of a generated secret is never
a placeholder, whatever syntax surrounds it (``<Xk9fQ2Lm...>``, ``YOUR_3kF9...``).
"""

from __future__ import annotations

import re

from sglang_safekv.detect.validators import shannon_entropy

# After a copula ("the password is required"), words that continue a sentence, not a value.
PROSE_WORDS = frozenset(
    """required incorrect invalid wrong correct expired missing optional empty hidden masked
    redacted stored hashed encrypted reset changed sent set saved shown used needed weak strong
    valid protected the a an your this that not too at be is of and only must should will can
    cannot never case-sensitive mandatory forgotten lost updated generated provided configured
    managed also still being kept sent usually often always typically in on for to by from with
    as""".split()  # noqa: SIM905
)
# Words that go on a sentence after "the password is" (or "le mot de passe est", "das Passwort
# ist", ...) in the eight languages of the stated-secret patterns, not a value.
CONTINUATION_WORDS = PROSE_WORDS | frozenset(
    """then now here there below above following given entered typed different same what which
    how where when case sent displayed requested asked important secure simple easy long short
    very just like known called named needed changed my his her their our its it one enter
    see use type click choose pick create printed written listed located displayed included
    read taken loaded fetched pulled passed supplied prompted high low input output true false
    zero default on off auto
    el la los las un una unos unas obligatorio obligatoria incorrecto incorrecta requerido
    requerida necesario necesaria válido válida inválido inválida seguro segura muy demasiado tu
    su mi de del que para por no lo
    le les une obligatoire incorrect incorrecte requis requise invalide valide trop très votre
    ton mon ma mes nécessaire sécurisé pas ne
    der die das ein eine einen erforderlich falsch ungültig gültig zu sehr nicht dein deine ihr
    ihre mein meine kein keine leer sicher abgelaufen notwendig
    o os as um uma obrigatória obrigatório incorreta incorreto necessária necessário muito sua
    seu minha meu não
    il lo gli obbligatoria obbligatorio errata errato sbagliata sbagliato valida troppo molto
    tua mia di che per non
    het een verplicht onjuist ongeldig geldig te zeer niet jouw uw mijn""".split()  # noqa: SIM905
)
# After a colon, words that start a clause ("Note: the key must ..."), not a value.
CLAUSE_WORDS = frozenset(
    """the a an this that these those each every all any no if when you we it they to see use
    set do don't make note""".split()  # noqa: SIM905
)
# What stands for "no value here": a type annotation or a null (``api_key: str = None``).
NO_VALUE = frozenset(
    """none null nil undefined str string bytes int bool secretstr optional""".split()  # noqa: SIM905
)

_IDENT = r"[A-Za-z_][\w.-]*"
_UPPER = r"[A-Z_][A-Z0-9_]*"
# Placeholder syntax. ``<...>`` and ``YOUR_...`` hold words; ``{...}``, ``${...}`` and
# ``[...]`` an identifier only; ``$VAR`` and ``%VAR%`` an upper-case name only (``$unshine99``
# is a password that starts with a dollar sign).
_WRAPPED = re.compile(
    rf"^(?:<(?P<a>[^<>]*)>|\{{\{{?\s*(?P<b>{_IDENT})\s*\}}\}}?|\[\s*(?P<c>{_IDENT})\s*\]"
    rf"|\$\{{(?P<d>{_IDENT})\}}|\$(?P<e>{_UPPER})|%(?P<f>{_UPPER})%"
    r"|(?:your|insert|enter|replace)[_ -](?P<g>[\w -]*))$",
    re.IGNORECASE,
)
_CASED = re.compile(rf"^(?:\$(?!\{{){_UPPER}|%{_UPPER}%)$")  # checked without IGNORECASE
# A value read from elsewhere (the environment, a settings object): the secret is not here.
_INDIRECT = re.compile(
    r"^(?:os\.environ\b|os\.getenv\b|getenv\b|process\.env\b|env\.|environ\b|settings\.|config\.)",
    re.IGNORECASE,
)
# Elided values: "sk-...", "ghp_xxxx", "****", "…".
_ELIDED = re.compile(r"^(?:[A-Za-z]{1,8}[_-]){0,2}(?:\.{2,}|…|x{3,}|X{3,}|\*{3,}|#{3,})$")
_PIECES = re.compile(r"[^-_./:+=@~]+")
# The stand-in words of examples and tests. A value made only of these, with at least one
# marker, stands for a credential (``GEMINI_API_KEY=foo``, ``dummy-api-key``, ``fake_token``):
# it is in every password list, so it is no secret even where someone really uses it.
# ``changeme``, ``password`` and ``test`` are not markers: they are real defaults that people
# leave in production configurations.
STAND_IN_MARKERS = frozenset("foo bar baz qux quux foobar dummy fake example sample".split())  # noqa: SIM905
_STAND_IN_WORDS = STAND_IN_MARKERS | frozenset(
    "api key token secret password value here your placeholder".split()  # noqa: SIM905
)
# A grammar's element in angle brackets, with an ABNF repeat in front (``1*<any CHAR>``): a
# value pattern of its own, since it holds spaces.
GRAMMAR_ELEMENT = r"\d*\*?<[^<>\n]{1,80}>"
_ABNF_REPEAT = re.compile(r"^\d*\*(?=<)")


def looks_generated(token: str) -> bool:
    """A token with the character mix of a generated secret or a strong password: long enough,
    letters mixed with digits (or case changes inside a word), and high entropy. Identifiers
    made of words and numbers (``try1_stmt``, ``command-r-plus-08-2024``) are not."""
    token = token.strip("\"'`,;()[]{}<>")
    if len(token) < 8:
        return False
    pieces = _PIECES.findall(token)
    mixed = any(
        any(c.isalpha() for c in p) and any(c.isdigit() for c in p) and len(p) >= 4 for p in pieces
    )
    shifts = sum(1 for a, b in zip(token, token[1:]) if a.islower() and b.isupper())
    scrambled = shifts >= 3 and shifts * 4 >= len(token)
    return (mixed or scrambled) and shannon_entropy(token) >= 3.0


def _word_like(inner: str) -> bool:
    """Text a person writes to name a value ("key", "your-openai-api-key", "API_KEY")."""
    return not any(looks_generated(part) for part in re.split(r"\s+", inner) if part)


def _clean(value: str) -> str:
    value = value.strip().strip("\"'`,;")
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1]  # the end of a sentence, not an elision
    return value


def is_empty_value(value: str) -> bool:
    """No value: nothing, a null or a type annotation (``api_key: str``, ``token=None``)."""
    value = _clean(value)
    return not value or value.lower() in NO_VALUE


# "Your key here" in the other languages: a slot to fill when both a "your" and a "here" word
# are in it ("dein-schluessel-hier", "tu_clave_aqui", "votre-cle-ici").
_YOUR_WORDS = frozenset(
    "your dein deine deinen ihr ihren tu su votre ton sua seu tuo tua jouw uw".split()  # noqa: SIM905
)
_HERE_WORDS = frozenset("here hier aqui aquí ici qui".split())  # noqa: SIM905
_SLOT_WORDS = (
    _STAND_IN_WORDS
    | _YOUR_WORDS
    | _HERE_WORDS
    | frozenset(
        """schluessel schlüssel passwort kennwort clave contrasena contraseña cle clé mot de
        passe chave senha chiave sleutel wachtwoord apikey""".split()  # noqa: SIM905
    )
)


def is_stand_in(value: str) -> bool:
    """Only stand-in words, one of them a marker (``foo``, ``dummy-api-key``), or a "your ...
    here" slot in any of the languages (``your-api-key-here``, ``dein-schluessel-hier``)."""
    words = {w for w in re.split(r"[-_ .]+", value.lower()) if w}
    if not words:
        return False
    if words <= _STAND_IN_WORDS and words & STAND_IN_MARKERS:
        return True
    return words <= _SLOT_WORDS and bool(words & _YOUR_WORDS) and bool(words & _HERE_WORDS)


def is_placeholder(value: str) -> bool:
    """``value`` precisely stands for a credential instead of being one: wrapped word-like text
    (``<key>``, ``{{ api_key }}``, ``${VAR}``, ``YOUR_API_KEY``, a grammar's ``1*<any CHAR>``),
    an upper-case variable (``$OPENAI_API_KEY``, ``%API_KEY%``), an elided value (``sk-...``,
    ``xxxx``), stand-in words (``foo``, ``dummy-api-key``) or a value read from elsewhere
    (``os.environ["KEY"]``). Any other word (``password``, ``changeme``) is a value."""
    value = _ABNF_REPEAT.sub("", _clean(value))
    if not value:
        return True
    if _ELIDED.match(value) or _INDIRECT.match(value) or is_stand_in(value):
        return True
    m = _WRAPPED.match(value)
    if not m:
        return False
    if (m.group("e") or m.group("f")) and not _CASED.match(value):
        return False
    inner = next((g for g in m.groups() if g is not None), "")
    return _word_like(inner)


def _not_a_value(value: str) -> bool:
    return is_empty_value(value) or is_placeholder(value) or bool(_FLAG.fullmatch(_clean(value)))


# A value: quoted, a grammar's element in angle brackets, or up to a space or a separator; a
# name called as a function (``client = OpenAI(api_key=...)``) is code, and its arguments are
# values of their own.
_V = (
    rf"(?P<v>\"[^\"]*\"|'[^']*'|`[^`]*`|\{{\{{\s*[\w.]+\s*\}}\}}|{GRAMMAR_ELEMENT}"
    r"|[^\s,;()]++(?!\())"
)
# Anything after an assignment or a colon (not "::=", ":=" of grammars, not "://" of a URL).
_ASSIGNED = re.compile(rf"(?<![:=<>!])[:=](?![:=]|//)\s*{_V}")
_CREDENTIAL_WORD = (
    r"(?:key|token|secret|password|passwd|pwd|pw|pass|passcode|passphrase|pin|credentials?"
    r"|creds|salt|answer|code|senha|contrase[ñn]a|clave|mot de passe|passwort|kennwort|密码)"
)
# A credential word, at most three words, a copula, then the value ("the pin is 4821",
# "a senha do banco é 4821").
_COPULA = re.compile(
    rf"{_CREDENTIAL_WORD}[\"'\]]*(?:\s+\S+){{0,3}}?\s+(?:is|was|are|é|es|est|ist|era|=)\s+{_V}",
    re.IGNORECASE,
)
# A credential word directly followed by a value with a digit ("Alarm pin 2468").
_DIRECT = re.compile(rf"\b{_CREDENTIAL_WORD}[ \t]+(?P<v>[^\s,;)]*\d[^\s,;)]*)", re.IGNORECASE)
# An environment variable set by a command without "=" (``setx OPENAI_API_KEY <key>``).
_ENV_SLOT = re.compile(rf"\b(?:[Ss]etx?|SETX?|export)[ \t]+{_UPPER}[ \t]+{_V}")
_FLAG = re.compile(r"--[A-Za-z][\w-]*")  # a flag in a list of flags, not a value
# The writer's own secret ("my bank pin is the year my dad was born", "meu CPF é"): first
# person in English, es, fr, de, pt and zh. Short words that are also abbreviations ("Mon")
# count in lower case, or capitalised at the start of the sentence.
_FIRST_PERSON = re.compile(
    r"(?i:\b(?:i|i'm|i've|my|me|mine|our|ours|yo|je|j'|moi|ich|mein\w*|meu|meus|minha"
    r"|minhas)\b)|\b(?:mon|ma|mes|mi|mis|eu|mir|mich)\b|^\W*(?:Mon|Ma|Mes|Mi|Mis|Eu)\b|我"
)


def holds_credential(sentence: str) -> bool:
    """Whether a sentence may hold a credential. False only when it holds no value at all (a
    flag list, a bare variable name, prose about passwords) or every value in it is a precise
    placeholder; a first-person statement or a generated-looking token always holds one."""
    if _FIRST_PERSON.search(sentence):
        return True
    if any(looks_generated(t) for t in sentence.split()):
        return True
    for m in _ASSIGNED.finditer(sentence):
        if _clean(m.group("v")).lower() not in CLAUSE_WORDS and not _not_a_value(m.group("v")):
            return True
    for m in _COPULA.finditer(sentence):
        if _clean(m.group("v")).lower() not in PROSE_WORDS and not _not_a_value(m.group("v")):
            return True
    return any(
        _clean(m.group("v")).lower() not in PROSE_WORDS and not _not_a_value(m.group("v"))
        for slot in (_DIRECT, _ENV_SLOT)
        for m in slot.finditer(sentence)
    )


_STATED_STRIP = "\"'`.,;:!?)(]»«“”„"
_CALL = re.compile(r"^[A-Za-z_][\w.]*\(")  # ``prompt('Enter your PIN')``: code, not a value
# What may follow a plain-word value that ends its clause: punctuation, a line end, a quote, a
# conjunction or a sign-off ("applepie.", "tigerlily and the email is ...", "applepie so the
# kids can log in"). "The password is salted and hashed" ends no clause at "salted" only by
# luck: the ending rule below catches it.
_CLAUSE_END = re.compile(
    r"(?:[ \t]*(?:$|[\n\r.,;:!?()\[\]}\"'`»”」）。，；！？@（]|[-–—][ \t])|[ \t]+(?:to (?:confirm"
    r"|verify|log|sign|complete|reset|access|continue|activate|authenticate|unlock|open|get in)"
    r"|(?:is|as) your|and|but|so|or|if"
    r"|then|please|pls|thanks|thx|lol|haha|ok|okay|don'?t|do not|remember|right|because|btw"
    r"|again|now|y|e|et|und|en|pero|mais|aber|mas|ma|maar|então|pour|para|per|voor|für|als"
    # a one-time code's urgency ("bank code is 529317 hurry it expires in 2 min"), not a
    # promotion's ("code 2025 valid for 20% off until Sunday")
    r"|hurry|asap|quickly|(?:it )?expires in \d+ ?(?:s|sec|secs|seconds|m|min|mins|minutes)"
    r"|pero|porque|parce|weil|perché|omdat)\b)",
    re.IGNORECASE,
)
# Endings of adjectives and participles in the eight languages: a lowercase word that ends so
# and follows a copula describes the password ("is salted", "est envoyé", "ist vierstellig",
# "è sostenibilità") instead of being it.
_DESCRIBING_ENDINGS = (
    "ed", "ing", "able", "ible", "ive", "ous", "ful", "less", "ary", "ent", "ant", "ical",
    "ado", "ada", "ido", "ida", "ados", "adas", "idos", "idas", "ivo", "iva", "ente", "ità",
    "dade", "idad", "ário", "ária", "é", "ée", "és", "ées", "ique", "aire", "ig", "lich",
    "isch", "bar", "iert", "lijk", "baar", "loos",
)  # fmt: skip
_DESCRIBING_WORDS = frozenset(
    """personal sensitive sensible unique secret private free yours mine ours theirs different
    optional important simple strong weak long short new old same mandatory wrong right
    single-use one-time case-sensitive time-limited short-lived long-lived reusable
    personale personnel personnelle pessoal persönlich privado privada privé privée privat
    geheim frei única único unique unica unico uniek eigen propre propia propio sicura sicuro
    segreta segreto secreto secreta segredo""".split()  # noqa: SIM905
)
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
# An identifier that names the value instead of holding it (``my_login_password``).
_NAMES_ITSELF = re.compile(r"^[a-z]+(?:_[a-z]+)*_?(?:pass(?:word|wd)?|secret|token|key|pin)s?$")


def ends_clause(after: str) -> bool:
    """Whether ``after`` (the text right after a value) starts by ending the value's clause."""
    return _CLAUSE_END.match(after) is not None


def _plain_word(value: str) -> bool:
    return value.replace("-", "").isalpha()


# For tests and docs: the words and endings that describe rather than give a value.
DESCRIBING_WORDS = _DESCRIBING_WORDS
DESCRIBING_ENDINGS = _DESCRIBING_ENDINGS


def stated_value(text: str, after: str = "") -> bool:
    """A value given after a credential word ("the password is applepie", "pass: mangotango"):
    a plain lowercase word counts when it ends its clause (``after`` is the text right after it; empty
    means the end) and is no describing word ("is salted", "est obligatoire"); any value with a
    digit, a symbol or inner capitals counts. Never a word that continues the sentence, a clause
    word, a null or type, a call, a template expression, a run of one character or a
    placeholder. People choose words for passwords, so a word is a value."""
    if _CALL.match(text.strip()):
        return False
    value = text.strip(_STATED_STRIP)
    lowered = value.lower()
    if len(value) < 3 or value.startswith(("${", "{{", "%(")):
        return False
    if len(set(value)) == 1 and not value.isdigit():  # "____", "••••"; "0000" is a PIN
        return False
    if _DECIMAL.match(value):
        return False  # a measurement ("PW: 1.5 ms pulse width"), not a PIN
    if lowered in CONTINUATION_WORDS or lowered in CLAUSE_WORDS or lowered in NO_VALUE:
        return False
    if _NAMES_ITSELF.match(lowered) and "_" in lowered:
        return False
    if _plain_word(value):
        if lowered in _DESCRIBING_WORDS:
            return False
        # A lowercase word that runs on into the sentence is prose ("is salted with bcrypt");
        # a capitalised one there is a name-like value ("password: Sunshine for the wifi").
        if value.islower() and not ends_clause(after):
            return False
        if value.islower() and len(value) >= 5 and value.endswith(_DESCRIBING_ENDINGS):
            return False
    return not is_placeholder(value)


# A password-shaped token: letters with a digit or a symbol ("tulip2020", "Bluebird$2021",
# "Nightingale!Road", "Müller2020!"), which prose near a password word seldom holds. Not what
# documentation about passwords is full of, each from a red-team review's false alarms: a
# number with its unit or an ordinal ("12-character", "21st-century"), a hashtag, a handle or a
# flag ("#WorldPasswordDay", "@AskPayPal", "--password-file"), a setting ("minlen=12"), a
# commit hash, a hyphenated name or date whose letter parts are lowercase or a single word
# ("Covid-19", "us-east-1", "Tier-1", "15-Mar-2025"; not "Copper-Kettle-88"), and the name of a
# standard, hash, protocol or product ("argon2id", "OAuth2", "NTLMv2", "CentOS7", "Office365").
_SHAPED = re.compile(r"(?:\w|[!@#$%^&*?~+-]){6,64}")
_SNAKE_IDENTIFIER = re.compile(r"^[a-z0-9]*_[a-z0-9_]*$")  # ``password_hash2``: code, not a value
_UNIT_NUMBER = re.compile(r"^[0-9]+-?[a-z]+$|^[0-9]+(?:st|nd|rd|th)-")
_HEX = re.compile(r"^(?:0x)?[0-9a-f]{7,40}$")
_HYPHEN_NAME = re.compile(
    r"^(?:[a-z]+|[0-9]+)(?:-(?:[a-z]+|[0-9]+))+$|^(?:[0-9]+-)*[A-Z][a-z]*(?:-[0-9]+)+$"
)
_STANDARD_NAME = re.compile(
    r"(?i)^(?:sha|md|utf|argon|pbkdf|bcrypt|scrypt|oauth|python|py|x86|win|ipv|http|tls|ssl"
    r"|aes|rsa|ed|base|hmac|crc|k8s|gpt|ntlmv?|ms-chapv?|krb|wpa|wep|ldap|saml|fido|totp|hotp"
    r"|cve|rfc|iso|s3|ec2|log4|ubuntu|debian|fedora|rhel|centos|android|ios|ipados|macos"
    r"|iphone|ipad|pixel|galaxy|office|microsoft|windows|rockyou|keepass|sqlite|atmega|attiny"
    r"|node|java|php|mysql|postgres|v)[0-9_-]|^1password|^(?:keepass|sqlite|unsalted)"
)


def password_shaped(value: str) -> bool:
    """Whether a token near a password word looks like a chosen password: three letters or more,
    one lowercase, and a digit or a symbol."""
    token = value.rstrip(".,;:!?")
    if not _SHAPED.fullmatch(token) or not any(c.islower() for c in token):
        return False
    if _SNAKE_IDENTIFIER.match(token):
        return False
    if token[0] in "#@-+" or sum(c.isalpha() for c in token) < 3:
        return False
    if not any(c.isdigit() or c in "!@#$%^&*?~" for c in token):
        return False
    if _UNIT_NUMBER.match(token) or _HEX.match(token) or _HYPHEN_NAME.match(token):
        return False
    return not _STANDARD_NAME.match(token) and not is_placeholder(token)
