"""The kinds of sensitive content the detector knows, and what a finding looks like.

One vocabulary for every tier, the corpus generator and the evaluation, so that per-category
precision and recall compare like with like.
"""

from __future__ import annotations

import dataclasses
import enum


class Category(str, enum.Enum):
    """A kind of sensitive content. Values are the names used in config and reports."""

    PERSON = "person"  # a person's name
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"  # street address
    LOCATION = "location"  # a place tied to a person (where they live, were born, ...)
    DATE_OF_BIRTH = "date_of_birth"
    GOV_ID = "gov_id"  # SSN, passport and similar identity numbers
    CREDIT_CARD = "credit_card"
    BANK_ACCOUNT = "bank_account"  # IBAN, account and routing numbers
    IP_ADDRESS = "ip_address"
    CREDENTIAL = "credential"  # passwords, API keys, tokens, private keys
    HEALTH = "health"  # a person's health: conditions, medication, therapy
    FINANCE = "finance"  # a person's money: salary, debt, balances
    PERSONAL = "personal"  # other personal narrative: relationships, legal trouble, identity

    @classmethod
    def parse(cls, name: str) -> Category:
        try:
            return cls(name.strip().lower())
        except ValueError:
            known = ", ".join(c.value for c in cls)
            raise ValueError(f"unknown category {name!r}; known: {known}") from None


# Categories whose ground truth is a whole sentence (a narrative) rather than an entity.
NARRATIVE = frozenset({Category.HEALTH, Category.FINANCE, Category.PERSONAL})


@dataclasses.dataclass(frozen=True)
class Span:
    """A finding: characters ``text[start:end]`` are (possibly) sensitive.

    ``score`` is the recognizer's confidence in [0, 1]; whether it counts as sensitive is the
    policy's call (per-tier thresholds). ``source`` names the recognizer, for reports.
    """

    start: int
    end: int
    category: Category
    tier: int
    score: float
    source: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end
