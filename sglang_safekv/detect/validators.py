"""Checksums and format rules that turn a regex candidate into a confident finding.

A 16-digit number is not a card number unless its Luhn checksum holds; rejecting the rest is
what keeps order numbers, timestamps and hashes in public text shareable.
"""

from __future__ import annotations

import ipaddress
import math
import re
import string
from collections import Counter


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def luhn_valid(number: str) -> bool:
    """Luhn mod-10 check over the digits of ``number`` (separators ignored)."""
    digits = digits_of(number)
    if len(digits) < 12 or len(digits) > 19 or len(set(digits)) == 1:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Country code -> IBAN length (ISO 13616 registry, the common ones).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_valid(text: str) -> bool:
    """ISO 13616: known country length, then the mod-97 check equals 1."""
    iban = "".join(ch for ch in text if not ch.isspace() and ch not in ".-").upper()
    if len(iban) < 15 or not iban.isalnum() or IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    if not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def iban_shaped(text: str) -> bool:
    """An IBAN's shape (a known country and its length, two check digits) whatever its check
    sum: after the word "IBAN" a mistyped account is still someone's. Not a filler ("DE00 0000
    0000 ...") or a run of counting digits ("DE12 3456 7890 ...", "GB83 WEST 1234 5698 ...")."""
    iban = "".join(ch for ch in text if not ch.isspace() and ch != "-").upper()
    if not iban.isalnum() or IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban[2:4].isdigit():
        return False
    digits = "".join(ch for ch in iban[2:] if ch.isdigit())
    counting = any(
        all(int(digits[i + k + 1]) == (int(digits[i + k]) + 1) % 10 for k in range(5))
        for i in range(len(digits) - 5)
    )
    return len(set(iban[4:])) > 2 and not counting


def ssn_valid(text: str) -> bool:
    """US SSN rules: area not 000, 666 or 900-999; group not 00; serial not 0000;
    and not one of the well-known advertising/sample numbers."""
    digits = digits_of(text)
    if len(digits) != 9:
        return False
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    if area == 0 or area == 666 or area >= 900 or group == 0 or serial == 0:
        return False
    return digits not in {"078051120", "219099999", "123456789"}


def aba_routing_valid(text: str) -> bool:
    """ABA routing number: 9 digits, weighted checksum 3-7-1 divisible by 10."""
    d = digits_of(text)
    if len(d) != 9 or len(set(d)) == 1:
        return False
    weights = (3, 7, 1) * 3
    return sum(int(c) * w for c, w in zip(d, weights)) % 10 == 0


def ipv4_identifying(text: str) -> bool:
    """A valid, globally routable IPv4 host address. Private (10/8, 192.168/16, ...),
    loopback, link-local, documentation and broadcast addresses identify no one outside a LAN
    and fill public docs ("the default gateway is 192.168.1.1")."""
    try:
        addr = ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return addr.is_global and not addr.is_multicast and not str(addr).endswith((".0", ".255"))


def phone_plausible(text: str) -> bool:
    """10-15 digits before any extension, not all the same, not a version-like shape."""
    d = digits_of(re.split(r"x|ext", text, maxsplit=1)[0])
    if not 10 <= len(d) <= 15 or len(set(d)) <= 2:
        return False
    return "." not in text or text.count(".") >= 2


def shannon_entropy(text: str) -> float:
    """Bits per character."""
    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


_HEX = set(string.hexdigits)


def high_entropy_secret(text: str) -> bool:
    """Looks like a generated secret: long, mixed character classes, high entropy.

    Pure hex strings (git SHAs, checksums, UUIDs) are common in public text, so they need a
    longer length; identifiers made of words (snake_case, CamelCase) are rejected by entropy.
    """
    token = text.strip("\"'`")
    if len(token) < 20:
        return False
    if set(token) <= _HEX | {"-"}:
        return False  # hashes, UUIDs: public more often than not
    classes = sum(
        (
            any(c.islower() for c in token),
            any(c.isupper() for c in token),
            any(c.isdigit() for c in token),
        )
    )
    if classes < 3:
        return False
    if sum(c.isdigit() for c in token) < 2:
        return False
    if "/" in token and not any(_mixes_letters_and_digits(p) for p in token.split("/")):
        return False  # a path of words and numbers (``x.com/someUser/status/18309870906``)
    return shannon_entropy(token) >= 4.0


def _mixes_letters_and_digits(piece: str) -> bool:
    return any(c.isalpha() for c in piece) and any(c.isdigit() for c in piece)


_NOT_A_HOME_ADDRESS = re.compile(
    r"^\s*(?:https?://|www\.|\d{1,3}(?:\.\d{1,3}){3}|0x[0-9a-f]|[\w.+-]+@|\$\{|\{\{|<|\[|`|"
    r"localhost|::|[0-9a-f]{2}(?::[0-9a-f]{2}){5})",
    re.IGNORECASE,
)


def labelled_address(text: str) -> bool:
    """The value after an address label: a home address holds a number and letters, and is
    not a URL, an IP, MAC or memory address, an e-mail address or a template slot."""
    if not any(c.isdigit() for c in text) or sum(c.isalpha() for c in text) < 4:
        return False
    return _NOT_A_HOME_ADDRESS.match(text) is None


def varied_hex(text: str) -> bool:
    """A random 256-bit key uses most hex digits; 0x00...01 and FF...FF are not keys."""
    return len(set(text.lower().removeprefix("0x"))) >= 10


# Vendors' key prefixes that a key broken over lines opens with (``patterns.py`` matches them).
KEY_PREFIXES = r"sk-(?:proj-|ant-)?|sk_live_|rk_live_|ghp_|gho_|github_pat_|glpat-|xox[abp]-|AKIA"
_KEY_PREFIX = re.compile(KEY_PREFIXES)
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,4})+")  # "sr-Latn-RS", "es-419"


def key_split_by_lines(text: str, after: str) -> bool:
    """A key broken over lines: each line after the first its characters only, up to the line's
    end, with a digit (Slack's parts are digits); sixteen or more characters after the prefix,
    letters of both cases (AKIA's: sixteen capitals and digits, not AWS's EXAMPLE)."""
    if after[:1] not in ("", "\n", "\r"):
        return False  # the last line goes on: code ("OpenAIClientV2Factory = ...")
    lines = text.split("\n")
    for line in lines[1:]:
        chunk = line.strip()
        if _LOCALE.fullmatch(chunk) or not any(c.isdigit() for c in chunk):
            return False
    joined = "".join(text.split())
    prefix = _KEY_PREFIX.match(joined)
    rest = joined[prefix.end() :] if prefix else joined
    if len(rest) < 16:
        return False
    if joined.startswith("AKIA"):
        return len(rest) == 16 and rest.isupper() and "EXAMPLE" not in rest
    return any(c.islower() for c in rest) and any(c.isupper() for c in rest)


def varied_digits(text: str) -> bool:
    """A number someone was given, not a sample's ("1234567890", "2190000001", "9999103403"):
    five different digits or more, none four times in a row."""
    digits = digits_of(text)
    if len(set(digits)) < 5 or digits in "01234567890123456789":
        return False
    return re.search(r"(\d)\1{3}", digits) is None
