"""Values for the hand-written private set: identifiers with valid check digits, secrets, and
the evasive spellings of them. Seeded, so the set is the same on every run.

Independent of the training generator (no Faker, no shared vocabulary): its own names,
its own formats, its own checksums.
"""

from __future__ import annotations

import random
import string

FIRST_NAMES = (
    "Daniel", "Marta", "Priya", "Tomasz", "Jana", "Kwame", "Ines", "Oskar", "Leilani", "Rafael",
    "Hannah", "Yusuf", "Sofia", "Bram", "Aiko", "Mateo",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Kowalczyk", "Raghunathan", "Lindqvist", "Hofmann", "Mensah", "Carvalho",
    "Brandt", "Kahale", "Quintero", "Verhoeven", "Demir", "Albrecht", "Tanaka", "Ferreira",
)  # fmt: skip
MAIL_DOMAINS = ("gmail.com", "outlook.com", "proton.me", "yahoo.co.uk", "web.de", "icloud.com")
CITIES = ("Rotterdam", "Leeds", "Tucson", "Bergen", "Porto", "Winnipeg")

ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class Values:
    """One random stream of values; ``Values(seed)`` gives the same values every time."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def secret(self, n: int = 24, alphabet: str = string.ascii_letters + string.digits) -> str:
        while True:
            value = "".join(self.rng.choice(alphabet) for _ in range(n))
            if any(c.isdigit() for c in value) and any(c.isupper() for c in value):
                return value

    def password(self) -> str:
        word = self.rng.choice(("Falcon", "Maple", "Orbit", "Lantern", "Cobalt", "Harbor"))
        return f"{word}{self.digits(2)}{self.rng.choice('!#$%&*')}{self.rng.choice('xyzq')}"

    def first(self) -> str:
        return self.rng.choice(FIRST_NAMES)

    def name(self) -> str:
        return f"{self.first()} {self.rng.choice(LAST_NAMES)}"

    def email(self) -> str:
        first, last = self.first().lower(), self.rng.choice(LAST_NAMES).lower()
        return f"{first}.{last}{self.digits(2)}@{self.rng.choice(MAIL_DOMAINS)}"

    def us_phone(self) -> str:
        area = self.rng.choice(("312", "617", "503", "720", "404", "213"))
        return f"({area}) {self.rng.randint(2, 9)}{self.digits(2)}-{self.digits(4)}"

    def ssn(self) -> str:
        area = self.rng.randint(1, 665)
        return f"{area:03d}-{self.rng.randint(1, 99):02d}-{self.rng.randint(1, 9999):04d}"

    def card(self) -> str:
        prefix = self.rng.choice(("4", "51", "53", "55"))
        body = prefix + self.digits(15 - len(prefix))
        number = body + luhn_digit(body)
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))

    def iban_de(self) -> str:
        return iban("DE", self.digits(18))

    def iban_fr(self) -> str:
        return iban("FR", self.digits(23))

    def dni_es(self) -> str:
        n = self.rng.randint(10_000_000, 99_999_999)
        return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"

    def nir_fr(self) -> str:
        body = f"{self.rng.choice('12')}{self.rng.randint(60, 99)}{self.rng.randint(1, 12):02d}"
        body += f"{self.rng.randint(1, 95):02d}{self.digits(3)}{self.digits(3)}"
        key = 97 - int(body) % 97
        b = body
        return f"{b[0]} {b[1:3]} {b[3:5]} {b[5:7]} {b[7:10]} {b[10:13]} {key:02d}"

    def steuer_id_de(self) -> str:
        return str(self.rng.randint(1, 9)) + self.digits(10)

    def cpf_br(self) -> str:
        base = [self.rng.randint(0, 9) for _ in range(9)]
        for size in (9, 10):
            total = sum(d * (size + 1 - i) for i, d in enumerate(base[:size]))
            base.append(0 if total % 11 < 2 else 11 - total % 11)
        s = "".join(map(str, base))
        return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"

    def resident_id_cn(self) -> str:
        body = f"1101{self.rng.randint(1, 9):02d}{self.rng.randint(1960, 2004)}"
        body += f"{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}{self.digits(3)}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
        return body + check

    def ipv4(self) -> str:
        head = self.rng.choice((81, 94, 176, 203))
        return ".".join(map(str, (head, *(self.rng.randint(1, 254) for _ in range(3)))))


def luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


# --- evasive spellings of a value --------------------------------------------------------------


def zero_width(value: str, rng: random.Random) -> str:
    return "".join(c + (rng.choice(ZERO_WIDTH) if c.isalnum() else "") for c in value).rstrip(
        "".join(ZERO_WIDTH)
    )


def full_width(value: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value)


def arabic_indic(value: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in value)


def devanagari(value: str) -> str:
    return "".join(chr(0x0966 + int(c)) if c.isdigit() else c for c in value)


def separated(value: str, sep: str) -> str:
    digits = [c for c in value if c.isdigit()]
    return sep.join("".join(digits[i : i + 4]) for i in range(0, len(digits), 4))


def in_words(value: str) -> str:
    return " ".join(WORDS[int(c)] for c in value if c.isdigit())


def email_spelled(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"
