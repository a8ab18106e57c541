"""Whether text holds a credential, or only talks about one.

The policy (detect/README.md): a credential is a value. ``export XAI_API_KEY=<key>``,
``api_key="YOUR_API_KEY"``, ``sk-...`` and a grammar rule named ``token`` show where a secret
would go; they hold none, and documentation full of them is public. Tier 3 reads words, so it
calls such lines "credential"; its verdict stands only when the sentence holds something that
could be a credential (see :func:`holds_credential`).

A placeholder is recognised by its shape and by what is inside it: word-like text in a
placeholder's syntax. A value with the character mix of a generated secret is never a
placeholder, whatever syntax surrounds it (``<Xk9fQ2Lm...>``, ``YOUR_3kF9...``).
"""

from __future__ import annotations

import re

from sglang_safekv.detect.validators import shannon_entropy

# Words that fill a credential slot in documentation, not a credential.
PLACEHOLDER_WORDS = frozenset(
    """required incorrect invalid wrong correct expired missing optional empty hidden masked
    redacted stored hashed encrypted reset changed sent set saved shown used needed weak strong
    valid protected the a an your my this that not too at be is of and none null nil string
    example placeholder secret password passwd changeme xxx todo tbd case-sensitive mandatory
    forgotten lost updated generated provided configured managed only field value token key
    must should will can cannot never true false default here str bytes int any""".split()  # noqa: SIM905
)

# Placeholder syntax: what wraps or stands for a value to fill in. The inner part (group
# "inner", when present) must still be word-like.
_WRAPPED = re.compile(
    r"^(?:<(?P<a>[^<>]*)>?|\{\{?(?P<b>[^{}]*)\}?\}?|\[(?P<c>[^\[\]]*)\]?|\$\{?(?P<d>\w+)\}?"
    r"|%(?P<e>\w+)%|(?:your|insert|enter|replace)[_ -](?P<f>[\w -]*))$",
    re.IGNORECASE,
)
# A value read from elsewhere (the environment, a settings object): the secret is not here.
_INDIRECT = re.compile(
    r"^(?:os\.environ\b|os\.getenv\b|getenv\b|process\.env\b|env\.|environ\b|settings\.|config\.)",
    re.IGNORECASE,
)
# Elided values: "sk-...", "ghp_xxxx", "****", "…".
_ELIDED = re.compile(r"^(?:[A-Za-z]{1,8}[_-]){0,2}(?:\.{2,}|…|x{3,}|X{3,}|\*{3,}|#{3,})$")
_PIECES = re.compile(r"[^-_./:+=@~]+")


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


def is_placeholder(value: str) -> bool:
    """``value`` stands for a credential instead of being one: empty, a word from
    :data:`PLACEHOLDER_WORDS`, wrapped word-like text (``<key>``, ``{{ api_key }}``,
    ``YOUR_API_KEY``, ``$OPENAI_API_KEY``), an elided value (``sk-...``, ``xxxx``) or a value
    read from elsewhere (``os.environ["KEY"]``)."""
    value = value.strip().strip("\"'`,;")
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1]  # the end of a sentence, not an elision
    if not value or value.lower() in PLACEHOLDER_WORDS or len(set(value)) == 1:
        return True
    if _ELIDED.match(value) or _INDIRECT.match(value):
        return True
    m = _WRAPPED.match(value)
    if m:
        inner = next((g for g in m.groups() if g is not None), "")
        return _word_like(inner)
    return False


# A name that holds a credential, then an assignment or a copula, then the value.
_SLOT = re.compile(
    r"(?:key|token|secret|password|passwd|pwd|pass|passcode|passphrase|pin|credentials?"
    r"|answer|code)[\"'\]]*(?:\s*(?<![:=<>!])[:=](?![:=])|\s+(?:is|was|are)\s+)"
    r"\s*(?P<v>\"[^\"]*\"|'[^']*'|[^\s,;)]+)",
    re.IGNORECASE,
)
# An environment variable set by a command without "=" (``setx OPENAI_API_KEY <key>``).
_ENV_SLOT = re.compile(
    r"\b[A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD)\b[ \t]+(?P<v>[^\s,;)]+)"
)
# The writer's own secret ("my bank pin is the year my dad was born", "meu CPF é"): first
# person in English, es, fr, de, pt and zh. Short words that are also abbreviations ("Mon")
# count in lower case, or capitalised at the start of the sentence.
_FIRST_PERSON = re.compile(
    r"(?i:\b(?:i|i'm|i've|my|me|mine|our|ours|yo|je|j'|moi|ich|mein\w*|meu|meus|minha"
    r"|minhas)\b)|\b(?:mon|ma|mes|mi|mis|eu|mir|mich)\b|^\W*(?:Mon|Ma|Mes|Mi|Mis|Eu)\b|我"
)


def holds_credential(sentence: str) -> bool:
    """Whether a sentence about credentials holds one: a non-placeholder value in a credential
    slot, a token that looks generated, or a statement about the writer's own secret."""
    if _FIRST_PERSON.search(sentence):
        return True
    for slot in (_SLOT, _ENV_SLOT):
        if any(not is_placeholder(m.group("v")) for m in slot.finditer(sentence)):
            return True
    return any(looks_generated(t) for t in sentence.split())
