"""Synthetic PII values and text that remembers where every secret sits.

Every generated text that carries personal data also carries its ground truth: the value and
its character span, so attacks and detectors can be scored exactly.
"""

from __future__ import annotations

import dataclasses
import datetime
import random

from faker import Faker

PII_KINDS = ("name", "email", "phone", "ssn", "credit_card", "iban", "address", "dob")

# Sentences a user might write around a piece of personal data; {} is the value.
PII_SENTENCES: dict[str, tuple[str, ...]] = {
    "name": ("Hi, this is {} writing about my account.", "The booking is under {}."),
    "email": ("Please send the confirmation to {} today.", "My email address is {}."),
    "phone": ("You can reach me at {} after work.", "Call me back on {} please."),
    "ssn": ("My social security number is {} for verification.", "SSN on file: {}."),
    "credit_card": ("Charge the renewal to card {} this month.", "My card number is {}."),
    "iban": ("Transfer the refund to IBAN {} please.", "My bank account is {}."),
    "address": ("Ship the parcel to {} instead.", "I moved to {} last week."),
    "dob": ("My date of birth is {} if you need it.", "I was born on {}."),
}


@dataclasses.dataclass(frozen=True)
class Secret:
    """A piece of personal data: its kind, value, and span ``text[start:end]``."""

    kind: str
    value: str
    start: int
    end: int

    def shifted(self, offset: int) -> Secret:
        return dataclasses.replace(self, start=self.start + offset, end=self.end + offset)


def make_faker(seed: int) -> Faker:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return fake


# Adults of 18 to 90 on a fixed day: Faker's date_of_birth counts from today, so the
# "fixed-seed" victims changed every day.
BIRTH_DATES = (datetime.date(1935, 1, 1), datetime.date(2007, 12, 31))


def pii_value(fake: Faker, kind: str) -> str:
    """One value of ``kind``, on a single line."""
    if kind == "name":
        return fake.name()
    if kind == "email":
        # safe=False: Faker's default draws example.com/.org/.net, documentation domains
        # that the written policy shares (a placeholder, not someone's address).
        return fake.email(safe=False)
    if kind == "phone":
        return fake.phone_number()
    if kind == "ssn":
        return fake.ssn()
    if kind == "credit_card":
        return fake.credit_card_number()
    if kind == "iban":
        return fake.iban()
    if kind == "address":
        return fake.address().replace("\n", ", ")
    if kind == "dob":
        return fake.date_between(*BIRTH_DATES).isoformat()
    raise ValueError(f"unknown PII kind {kind!r}; expected one of {', '.join(PII_KINDS)}")


def distinct_values(fake: Faker, kind: str, n: int, exclude: str | None = None) -> list[str]:
    """``n`` different values of ``kind`` (none equal to ``exclude``), in generation order."""
    seen: set[str] = {exclude} if exclude is not None else set()
    out: list[str] = []
    for _ in range(n * 50):
        value = pii_value(fake, kind)
        if value not in seen:
            seen.add(value)
            out.append(value)
            if len(out) == n:
                return out
    raise RuntimeError(f"could not draw {n} distinct {kind} values")


def benign_sentences(fake: Faker, words: int) -> str:
    """English-looking filler of about ``words`` words and no personal data (Faker lorem)."""
    out: list[str] = []
    count = 0
    while count < words:
        n = min(12, max(4, words - count))
        out.append(fake.sentence(nb_words=n, variable_nb_words=False))
        count += n
    return " ".join(out)


class SpanText:
    """Concatenates pieces of text and records the span of each secret added."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._secrets: list[Secret] = []

    def add(self, text: str) -> SpanText:
        self._parts.append(text)
        self._length += len(text)
        return self

    def add_secret(self, kind: str, value: str) -> SpanText:
        self._secrets.append(Secret(kind, value, self._length, self._length + len(value)))
        return self.add(value)

    def add_sentence(self, template: str, kind: str, value: str) -> SpanText:
        """``template`` with its single ``{}`` replaced by the secret ``value``."""
        before, sep, after = template.partition("{}")
        if not sep:
            raise ValueError(f"template {template!r} has no {{}} slot")
        return self.add(before).add_secret(kind, value).add(after)

    def build(self) -> tuple[str, tuple[Secret, ...]]:
        return "".join(self._parts), tuple(self._secrets)


def pii_sentence(fake: Faker, rng: random.Random, kind: str, out: SpanText) -> None:
    """Append one sentence carrying a fresh value of ``kind`` to ``out``."""
    template = rng.choice(PII_SENTENCES[kind])
    out.add_sentence(template, kind, pii_value(fake, kind))
