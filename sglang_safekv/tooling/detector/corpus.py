"""Labeled corpus generator: prompts with ground-truth sensitive spans, and plenty of clean text.

Deterministic (fixed seeds; Faker seeded per instance). Samples mix operator system prompts,
public documents, lookalikes (hashes, placeholder credentials, toll-free numbers, general health
and finance information), ordinary requests, and sensitive content: entities in chats, forms
and emails; secrets in code and config; health, finance, personal and credential narratives.

The train and held-out splits use disjoint templates (every third template is held out) and
disjoint halves of the narrative vocabularies (conditions, medications, relations), so held-out
accuracy of the learned tier is measured on phrasings and words it never saw.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import random
import re
import string
from collections.abc import Callable, Iterator

from sglang_safekv.detect.categories import Category
from sglang_safekv.tooling.detector import corpus_templates as T

SPLITS = ("train", "heldout")
NARRATIVE_TAGS = {
    "health": Category.HEALTH,
    "finance": Category.FINANCE,
    "personal": Category.PERSONAL,
    "credential": Category.CREDENTIAL,
}
SENSITIVE_SLOTS: dict[str, Category] = {
    "name": Category.PERSON,
    "first": Category.PERSON,
    "email": Category.EMAIL,
    "phone": Category.PHONE,
    "address": Category.ADDRESS,
    "home_city": Category.LOCATION,
    "dob": Category.DATE_OF_BIRTH,
    "ssn": Category.GOV_ID,
    "passport": Category.GOV_ID,
    "card": Category.CREDIT_CARD,
    "iban": Category.BANK_ACCOUNT,
    "account": Category.BANK_ACCOUNT,
    "routing": Category.BANK_ACCOUNT,
    "ip": Category.IP_ADDRESS,
    "ip2": Category.IP_ADDRESS,
    "password": Category.CREDENTIAL,
    "api_key": Category.CREDENTIAL,
    "aws_key": Category.CREDENTIAL,
    "aws_secret": Category.CREDENTIAL,
    "jwt": Category.CREDENTIAL,
    "openai_key": Category.CREDENTIAL,
    "gh_token": Category.CREDENTIAL,
    "slack_token": Category.CREDENTIAL,
    "stripe_key": Category.CREDENTIAL,
    "gcp_key": Category.CREDENTIAL,
    "azure_key": Category.CREDENTIAL,
    "pem": Category.CREDENTIAL,
}
# Kind -> (templates, share of the corpus). Clean kinds come first.
CLEAN_KINDS = ("system_prompt", "public_doc", "hard_negative", "clean_request")
KINDS: dict[str, tuple[list[str], float]] = {
    "system_prompt": (T.SYSTEM_PROMPT_TEMPLATES, 0.12),
    "public_doc": (T.PUBLIC_DOC_TEMPLATES, 0.14),
    "hard_negative": (T.HARD_NEGATIVE_TEMPLATES, 0.10),
    "clean_request": (T.CLEAN_REQUEST_TEMPLATES, 0.08),
    "pii": (T.PII_TEMPLATES, 0.20),
    "health": (T.HEALTH_TEMPLATES, 0.08),
    "finance": (T.FINANCE_TEMPLATES, 0.08),
    "personal": (T.PERSONAL_TEMPLATES, 0.07),
    "credential": (T.CREDENTIAL_TEMPLATES, 0.08),
    "mixed": ([], 0.05),  # a system prompt followed by a sensitive user message
}
STYLES = ("plain", "casual", "chat", "email", "json")


@dataclasses.dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    category: Category


@dataclasses.dataclass(frozen=True)
class Sample:
    id: str
    text: str
    spans: tuple[GoldSpan, ...]
    kind: str
    style: str
    templates: tuple[str, ...]
    split: str

    @property
    def sensitive(self) -> bool:
        return bool(self.spans)

    def to_json(self) -> dict:
        d = dataclasses.asdict(self)
        d["spans"] = [[s.start, s.end, s.category.value] for s in self.spans]
        return d


def template_split(index: int) -> str:
    return "heldout" if index % 3 == 2 else "train"


def templates_for(kind: str, split: str) -> list[tuple[str, str]]:
    """(template id, template) pairs of ``kind`` in ``split``."""
    templates, _share = KINDS[kind]
    return [(f"{kind}/{i}", t) for i, t in enumerate(templates) if template_split(i) == split]


def _vocab(items: list, split: str) -> list:
    return [x for i, x in enumerate(items) if (i % 2 == 1) == (split == "heldout")]


_TOKEN = re.compile(r"\{\{|\}\}|\{(\w+)\}|<(/?)(health|finance|personal|credential)>")


def render(
    template: str,
    value: Callable[[str], str],
    literal: Callable[[str], str] = lambda s: s,
    escape: Callable[[str], str] = lambda s: s,
) -> tuple[str, list[GoldSpan]]:
    """Fill ``template``; returns the text and the gold spans of its sensitive parts.

    ``literal`` transforms template text (a writing style), ``escape`` every piece of output
    (JSON embedding); offsets are computed on the final text.
    """
    out: list[str] = []
    length = 0
    spans: list[GoldSpan] = []
    open_tags: dict[str, int] = {}
    pos = 0

    def emit(piece: str) -> tuple[int, int]:
        nonlocal length
        piece = escape(piece)
        out.append(piece)
        length += len(piece)
        return length - len(piece), length

    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            emit(literal(template[pos : m.start()]))
        pos = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            emit(token[0])
        elif m.group(1):
            slot = m.group(1)
            b, e = emit(value(slot))
            if slot in SENSITIVE_SLOTS and e > b:
                spans.append(GoldSpan(b, e, SENSITIVE_SLOTS[slot]))
        elif m.group(2):  # closing tag
            tag = m.group(3)
            b = open_tags.pop(tag)
            spans.append(GoldSpan(b, length, NARRATIVE_TAGS[tag]))
        else:
            open_tags[m.group(3)] = length
    if pos < len(template):
        emit(literal(template[pos:]))
    if open_tags:
        raise ValueError(f"unclosed tag(s) {sorted(open_tags)} in template {template!r}")
    text = "".join(out)
    return text, [_trim(text, s) for s in spans]


def _trim(text: str, span: GoldSpan) -> GoldSpan:
    b, e = span.start, span.end
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    return GoldSpan(b, e, span.category)


class _Values:
    """Slot values for one template rendering (a slot used twice gets one value)."""

    def __init__(self, gen: CorpusGenerator, lowercase_names: bool) -> None:
        self.gen = gen
        self.cache: dict[str, str] = {}
        self.lowercase_names = lowercase_names

    def __call__(self, slot: str) -> str:
        if slot not in self.cache:
            text = self.gen.value(slot)
            if self.lowercase_names and slot in ("name", "first"):
                text = text.lower()
            self.cache[slot] = text
        return self.cache[slot]


class CorpusGenerator:
    def __init__(self, split: str, seed: int) -> None:
        from faker import Faker

        if split not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
        self.split = split
        self.rng = random.Random(f"{split}:{seed}")
        self.fake = Faker("en_US")
        self.fake.seed_instance(self.rng.randrange(2**31))
        self.fake_eu = Faker(["de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT", "en_GB"])
        self.fake_eu.seed_instance(self.rng.randrange(2**31))
        self.conditions = _vocab(T.CONDITIONS, split)
        self.medications = _vocab(T.MEDICATIONS, split)
        self.relations = _vocab(T.RELATIONS, split)

    # --- slot values ---------------------------------------------------------------------------
    def _chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def value(self, slot: str) -> str:
        r, f = self.rng, self.fake
        alnum = string.ascii_letters + string.digits
        if slot == "name":
            return f.name()
        if slot == "first":
            return f.first_name()
        if slot == "email":
            first, last = f.first_name().lower(), f.last_name().lower()
            return r.choice(
                [
                    f"{first}.{last}@{f.free_email_domain()}",
                    f.free_email(),
                    f"{first}{r.randint(1, 99)}@{f.domain_name()}",
                ]
            )
        if slot == "phone":
            while True:
                number = f.phone_number()
                digits = re.sub(r"\D", "", number.split("x")[0])[-10:]
                if not digits.startswith(("800", "888", "877", "866", "855", "844", "833", "900")):
                    return number
        if slot == "address":
            if r.random() < 0.5:
                return f"{f.street_address()}, {f.city()}, {f.state_abbr()} {f.zipcode()}"
            return f.address().replace("\n", ", ")
        if slot == "home_city":
            return r.choice([f.city(), r.choice(T.PUBLIC_CITIES)])
        if slot == "dob":
            d = f.date_of_birth(minimum_age=18, maximum_age=90)
            fmt = r.choice(["%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%d %B %Y", "%b %d, %Y"])
            return d.strftime(fmt)
        if slot == "ssn":
            return f.ssn()
        if slot == "passport":
            return f.passport_number()
        if slot == "card":
            digits = f.credit_card_number(
                card_type=r.choice(["visa16", "mastercard", "amex", "discover"])
            )
            sep = r.choice(["", " ", "-"])
            if sep and len(digits) == 16:
                return sep.join(digits[i : i + 4] for i in range(0, 16, 4))
            return digits
        if slot == "iban":
            iban = self.fake_eu.iban()
            return (
                " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
                if r.random() < 0.5
                else iban
            )
        if slot == "account":
            return self._chars(string.digits, r.randint(8, 12))
        if slot == "routing":
            return f.aba()
        if slot in ("ip", "ip2"):
            return f.ipv4_public()
        if slot == "bic":
            return f.swift()
        if slot == "password":
            return f.password(length=r.randint(10, 16))
        if slot == "api_key":
            return self._chars(alnum, 32)
        if slot == "aws_key":
            return "AKIA" + self._chars(string.ascii_uppercase + string.digits, 16)
        if slot == "aws_secret":
            return self._chars(alnum + "/+", 40)
        if slot == "jwt":
            header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
            body = _b64url(
                json.dumps(
                    {
                        "sub": str(r.randint(10**5, 10**9)),
                        "name": f.name(),
                        "iat": r.randint(1.6e9, 1.8e9),
                    }
                ).encode()
            )
            return f"{header}.{body}.{self._chars(alnum + '-_', 43)}"
        if slot == "openai_key":
            return r.choice(["sk-proj-", "sk-"]) + self._chars(alnum + "-_", 48)
        if slot == "gh_token":
            return "ghp_" + self._chars(alnum, 36)
        if slot == "slack_token":
            return f"xoxb-{self._chars(string.digits, 12)}-{self._chars(string.digits, 13)}-{self._chars(alnum, 24)}"
        if slot == "stripe_key":
            return "sk_live_" + self._chars(alnum, 24)
        if slot == "gcp_key":
            return "AIza" + self._chars(alnum + "-_", 35)
        if slot == "azure_key":
            return self._chars(alnum + "+/", 86) + "=="
        if slot == "pem":
            kind = r.choice(["RSA ", "OPENSSH ", "EC ", ""])
            body = "\n".join(self._chars(alnum + "+/", 64) for _ in range(3))
            return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----"
        # Clean fillers.
        if slot == "domain":
            return f.domain_name()
        if slot == "company":
            return f.company()
        if slot == "product":
            return r.choice(T.PRODUCTS)
        if slot == "package":
            return r.choice(T.PRODUCTS).lower().replace(" ", "-")
        if slot == "assistant":
            return r.choice(T.ASSISTANTS)
        if slot == "language":
            return r.choice(T.LANGUAGES)
        if slot == "public_city":
            return r.choice(T.PUBLIC_CITIES)
        if slot == "month":
            return f.month_name()
        if slot == "weekday":
            return f.day_of_week()
        if slot == "year":
            return str(r.randint(1995, 2030))
        if slot == "century":
            return str(r.randint(15, 19))
        if slot == "number":
            return str(r.randint(2, 999))
        if slot == "number2":
            return str(r.randint(10, 99))
        if slot == "number3":
            return str(r.randint(100, 999))
        if slot == "percent":
            return str(r.randint(2, 60))
        if slot == "version":
            return f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 20)}"
        if slot == "sha":
            return self._chars("0123456789abcdef", 40)
        if slot == "sha256":
            return self._chars("0123456789abcdef", 64)
        if slot == "uuid":
            return f.uuid4()
        if slot == "order_id":
            if r.random() < 0.5:
                return f"{r.randint(100, 199)}-{self._chars(string.digits, 7)}-{self._chars(string.digits, 7)}"
            return self._chars(string.digits, r.choice([12, 14, 16]))
        if slot == "toll_free":
            return f"1-{r.choice(['800', '888', '877', '866'])}-{self._chars(string.digits, 3)}-{self._chars(string.digits, 4)}"
        if slot == "role_email":
            return f"{r.choice(['support', 'info', 'press', 'help', 'sales'])}@{f.domain_name()}"
        if slot == "invoice":
            return f"INV-{r.randint(2019, 2026)}-{self._chars(string.digits, 5)}"
        if slot == "sku":
            return f"{self._chars(string.ascii_uppercase, 3)}-{self._chars(string.digits, 5)}-{self._chars(string.ascii_uppercase, 2)}"
        if slot == "secret_env":
            return f"{r.choice(T.SECRET_PROVIDERS)}_{r.choice(T.SECRET_KINDS)}"
        if slot == "secret_var":
            return f"{r.choice(T.SECRET_PROVIDERS)}_{r.choice(T.SECRET_KINDS)}".lower()
        if slot == "secret_flag":
            return r.choice(T.SECRET_KINDS).lower().replace("_", "-")
        if slot == "placeholder":
            env = f"{r.choice(T.SECRET_PROVIDERS)}_{r.choice(T.SECRET_KINDS)}"
            return r.choice(T.PLACEHOLDERS).format(env=env)
        if slot == "product_cmd":
            return r.choice(T.PRODUCTS).lower().replace(" ", "-")
        if slot == "model_id":
            return r.choice(T.MODEL_IDS)
        if slot == "famous":
            return r.choice(T.FAMOUS)[0]
        if slot == "field":
            return r.choice(T.FIELDS)
        if slot == "condition":
            return r.choice(self.conditions)
        if slot == "medication":
            return r.choice(self.medications)
        if slot in ("relation", "relation2"):
            return r.choice(self.relations)
        if slot in ("money", "money2"):
            return r.choice(
                [
                    f"${r.randint(1, 250)},{r.randint(0, 999):03d}",
                    f"${r.randint(200, 9999)}",
                    f"{r.randint(2, 95)}k",
                ]
            )
        raise KeyError(f"unknown template slot {{{slot}}}")

    # --- samples -------------------------------------------------------------------------------
    def _piece(self, kind: str, style: str) -> tuple[str, list[GoldSpan], str]:
        template_id, template = self.rng.choice(templates_for(kind, self.split))
        casual = style == "casual"
        literal = str.lower if casual else (lambda s: s)
        values = _Values(self, lowercase_names=casual and self.rng.random() < 0.5)
        text, spans = render(template, values, literal=literal)
        return text, spans, template_id

    def sample(self, index: int, kind: str | None = None) -> Sample:
        r = self.rng
        if kind is None:
            kinds = list(KINDS)
            kind = r.choices(kinds, weights=[KINDS[k][1] for k in kinds])[0]
        style = r.choice(STYLES)
        parts: list[tuple[str, list[GoldSpan], str]] = []
        if kind == "mixed":
            parts.append(self._piece("system_prompt", "plain"))
            parts.append(
                self._piece(r.choice(["pii", "health", "finance", "personal", "credential"]), style)
            )
        elif kind in ("public_doc", "hard_negative"):
            for _ in range(r.randint(1, 3)):
                parts.append(
                    self._piece(r.choice(["public_doc", "hard_negative"]) if parts else kind, style)
                )
        else:
            parts.append(self._piece(kind, style))
        if kind not in ("system_prompt", "public_doc", "hard_negative") and r.random() < 0.5:
            filler = r.choice(T.CHAT_FILLER)
            parts.insert(len(parts) - 1 if r.random() < 0.5 else len(parts), (filler, [], "filler"))
        sep = "\n" if style == "chat" else r.choice([" ", "\n\n"])
        text, spans = _join([(p[0], p[1]) for p in parts], sep)
        if style == "email":
            sender = self.fake.name()
            head = r.choice(["Hi team,\n\n", "Hello,\n\n", "Good morning,\n\n"])
            closing = r.choice(["\n\nBest,\n", "\n\nThanks,\n", "\n\nKind regards,\n"])
            if kind in CLEAN_KINDS:  # an operator's public mail is signed by a role, not a person
                text, spans = _join(
                    [(head, []), (text, spans), (closing + "The Support Team", [])], ""
                )
            else:
                tail = closing + sender
                text, spans = _join(
                    [
                        (head, []),
                        (text, spans),
                        (tail, [GoldSpan(len(tail) - len(sender), len(tail), Category.PERSON)]),
                    ],
                    "",
                )
        elif style == "json":
            text, spans = _json_embed(text, spans)
        return Sample(
            id=f"{self.split}-{index:05d}",
            text=text,
            spans=tuple(sorted(spans, key=lambda s: (s.start, s.end))),
            kind=kind,
            style=style,
            templates=tuple(p[2] for p in parts),
            split=self.split,
        )


def _join(parts: list[tuple[str, list[GoldSpan]]], sep: str) -> tuple[str, list[GoldSpan]]:
    text = ""
    spans: list[GoldSpan] = []
    for i, (piece, piece_spans) in enumerate(parts):
        if i and sep:
            text += sep
        spans += [GoldSpan(s.start + len(text), s.end + len(text), s.category) for s in piece_spans]
        text += piece
    return text, spans


def _json_embed(text: str, spans: list[GoldSpan]) -> tuple[str, list[GoldSpan]]:
    """Put ``text`` into a JSON chat payload, mapping gold offsets through the escaping."""
    prefix = '{"role": "user", "content": "'
    pieces: list[str] = []
    new_offset = [0] * (len(text) + 1)
    length = len(prefix)
    for i, ch in enumerate(text):
        new_offset[i] = length
        esc = json.dumps(ch)[1:-1]
        pieces.append(esc)
        length += len(esc)
    new_offset[len(text)] = length
    out = prefix + "".join(pieces) + '"}'
    return out, [GoldSpan(new_offset[s.start], new_offset[s.end], s.category) for s in spans]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def generate(split: str, n: int, seed: int = 0) -> list[Sample]:
    """``n`` samples of ``split``; the same arguments always give the same samples."""
    gen = CorpusGenerator(split, seed)
    return [gen.sample(i) for i in range(n)]


def iter_sentences(samples: list[Sample]) -> Iterator[tuple[str, frozenset[Category]]]:
    """(sentence, categories) pairs for tier-3 training: the categories of the gold spans
    that overlap the sentence (empty for clean sentences)."""
    from sglang_safekv.detect.segment import sentence_bounds

    for sample in samples:
        for b, e in sentence_bounds(sample.text):
            cats = frozenset(s.category for s in sample.spans if s.start < e and b < s.end)
            yield sample.text[b:e], cats
