"""Attack scenarios: victims using apps whose prompt template the attacker knows.

A victim's chat request is::

    system: the app's system prompt                       (known to the attacker)
    user:   head + SECRET + continuation + victim's tail  (head and continuation known)

e.g. ``"Account holder: " + "Maria Gonzalez" + "\\nPlease verify ... policy ...\\n" + tail``.
The attacker has a candidate set for each secret (the true value plus decoys of the same
kind: a customer list, a leaked directory) and wants to learn which one the victim sent.
Knowing the continuation lets a probe whose candidate is right share many more tokens with
the victim's cached prompt than a wrong one (see attacks.ttft_reconstruction).

The KS audit (Gu et al.) uses a simpler shape: PII at the start of the user message followed
by private text, so nearly the whole private message is at stake.
"""

from __future__ import annotations

import dataclasses
import random

from sglang_safekv.tooling.evaluation.pii import (
    PII_KINDS,
    Secret,
    SpanText,
    benign_sentences,
    distinct_values,
    make_faker,
    pii_sentence,
    pii_value,
)

FIELD_LABELS = {
    "name": "Account holder:",
    "email": "Contact email:",
    "phone": "Callback number:",
    "ssn": "Social security number:",
    "credit_card": "Card on file:",
    "iban": "Refund account:",
    "address": "Home address:",
    "dob": "Date of birth:",
}
ATTACK_KINDS = ("name", "email", "phone", "ssn", "credit_card", "iban")


@dataclasses.dataclass(frozen=True)
class AttackSpec:
    victims: int = 6
    candidates: int = 8  # per secret, the true value included
    kinds: tuple[str, ...] = ATTACK_KINDS
    system_prompt_words: int = 60
    continuation_words: int = 160
    tail_words: int = 30
    audit_pairs: int = 24
    audit_private_words: int = 200
    seed: int = 4242

    def __post_init__(self) -> None:
        if self.victims < 1 or self.candidates < 2:
            raise ValueError("AttackSpec needs at least 1 victim and 2 candidates per secret")
        unknown = set(self.kinds) - set(PII_KINDS)
        if unknown or not self.kinds:
            raise ValueError(f"AttackSpec.kinds: unknown kind(s) {sorted(unknown)}")


@dataclasses.dataclass(frozen=True)
class AppTemplate:
    """What the attacker knows about a victim's app: all but the secret and the tail."""

    app: str
    kind: str
    system_prompt: str
    head: str
    continuation: str

    def content(self, value: str, tail: str = "") -> str:
        return self.head + value + self.continuation + tail

    def messages(self, value: str, tail: str = "") -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system_prompt},
            {"role": "user", "content": self.content(value, tail)},
        ]


@dataclasses.dataclass(frozen=True)
class Victim:
    tenant: str
    template: AppTemplate
    secret: Secret  # span relative to the user message content
    tail: str
    candidates: tuple[str, ...]  # the attacker's candidate set; contains secret.value once

    def messages(self) -> list[dict[str, str]]:
        return self.template.messages(self.secret.value, self.tail)


def victims(spec: AttackSpec) -> list[Victim]:
    """Deterministic victims, one app template each, kinds in rotation."""
    fake = make_faker(spec.seed)
    rng = random.Random(spec.seed)
    out = []
    for i in range(spec.victims):
        kind = spec.kinds[i % len(spec.kinds)]
        app = f"Records desk {i + 1}"
        system_prompt = (
            f"You are the {app} assistant. Use the customer record and the policy to answer. "
            + benign_sentences(fake, spec.system_prompt_words)
        )
        head = f"Customer record\n{FIELD_LABELS[kind]} "
        continuation = (
            "\nVerify the record above before answering, then apply this policy:\n"
            + benign_sentences(fake, spec.continuation_words)
            + "\nCustomer message:\n"
        )
        template = AppTemplate(app, kind, system_prompt, head, continuation)
        value = pii_value(fake, kind)
        decoys = distinct_values(fake, kind, spec.candidates - 1, exclude=value)
        candidates = [value, *decoys]
        rng.shuffle(candidates)
        secret = Secret(kind, value, len(head), len(head) + len(value))
        tail = benign_sentences(fake, spec.tail_words)
        out.append(Victim(f"victim{i:03d}", template, secret, tail, tuple(candidates)))
    return out


@dataclasses.dataclass(frozen=True)
class AuditPrompt:
    messages: tuple[dict[str, str], ...]
    secrets: tuple[Secret, ...]


AUDIT_SYSTEM_PROMPT = (
    "You are the intake assistant of Contoso Health. Summarise the patient's message for the "
    "care team in two sentences."
)


def audit_prompts(spec: AttackSpec) -> list[tuple[AuditPrompt, AuditPrompt]]:
    """(victim prompt, fresh prompt of the same shape) pairs for the KS audit."""
    fake = make_faker(spec.seed + 1)
    rng = random.Random(spec.seed + 1)

    def one() -> AuditPrompt:
        out = SpanText()
        pii_sentence(fake, rng, rng.choice(spec.kinds), out)
        out.add(" " + benign_sentences(fake, spec.audit_private_words))
        text, secrets = out.build()
        messages = (
            {"role": "system", "content": AUDIT_SYSTEM_PROMPT},
            {"role": "user", "content": text},
        )
        return AuditPrompt(messages, secrets)

    return [(one(), one()) for _ in range(spec.audit_pairs)]
