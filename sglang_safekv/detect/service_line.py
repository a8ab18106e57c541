"""An organisation's published service line is public: "- Claims line (24/7): 0345 600 1234",
"Contact public : 02 47 00 00 00, mediatheque@...", "- 고객센터: 1588-0000 (평일 9시~18시)".

A customer-service assistant's system prompt lists the numbers and mailboxes it may give out;
the line's label says whose they are (a hotline, a claims line, a customer centre). A finding
on such a line (its phone number, or tier 3's reading of the line) is dropped only when the
line holds nothing but its label, service numbers (toll-free, non-geographic, a company's
short number, a zero-filled example), role mailboxes and opening hours: a mobile number, a
personal mailbox, a name or any other word ("Customer service: caller said she ...",
"Hotline: Priya Raman 07834 562190") keeps the line private.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.patterns import email_is_personal

# A label of an organisation's channel at the start of the line (a bullet before), a colon.
_LABEL = re.compile(
    r"[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*"
    r"(?:customer (?:service|care|support|cent(?:er|re)|line)|service (?:line|desk|cent(?:er|re))"
    r"|help ?line|hot ?line|claims? line|general (?:enquiries|inquiries)|switchboard|support line"
    r"|emergency line|contact public|public contact|official (?:channels|contacts?)"
    r"|canais oficiais|service client(?:s|èle)?|atenci[oó]n al cliente"
    r"|servicio al cliente|servizio clienti|kundenservice|kundencenter|kundendienst|notdienst"
    r"|störungsdienst|klantenservice|obsługa klienta|客服(?:中心|热线|電話|电话)?|服务热线"
    r"|고객센터|고객 센터|お客様センター|カスタマーセンター|お問い合わせ窓口)"
    r"(?:[ \t]*\((?P<aside>[^()\n]{1,20})\))?[ \t]*[:：]",
    re.IGNORECASE,
)
# Channel names a line may list after its label ("SAC 0800 ..., Ouvidoria 0800 ...").
_CHANNEL_WORDS = re.compile(
    r"(?i)\b(?:sac|ouvidoria|hotline|helpline|phone|tel|fax|e-?mail|whatsapp|or|and|ou|oder|y|e"
    r"|o|et|und)\b\.?"
)
_PHONE_LIKE = re.compile(r"\+?(?:\(\d{1,5}\)[ ]?)?\d[\d ./-]{2,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Opening hours and their words: "Mon-Fri 8am-8pm", "(24/7)", "Mo-Fr 8-18 Uhr", "평일 9시~18시".
_HOURS = re.compile(
    r"(?i)24/7|24 ?h|\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|h|uhr|시)?\b"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim"
    r"|seg|ter|qua|qui|sex|sáb|dom|daily|weekdays|free|toll-free|kostenlos|gratuit|gratuito"
    r"|grátis)\b\.?|평일|주말|토요일|일요일|年中無休|平日|工作日"
)
# Numbers an organisation publishes: toll-free and non-geographic ranges, short numbers.
_SERVICE_NUMBER = re.compile(
    r"0800\d+|0808\d+|080[1-5]\d+|03[0-7]\d{8}|084[345]\d+|087[01]\d+|0180\d+|0900\d+"
    r"|1?8(?:00|88|77|66|55|44|33)\d{7}|1[38]00\d{6}|13\d{4}|1[568]\d{6}|0120\d+|0570\d+"
    r"|400\d{7}|95\d{3}|90[0-2]\d{6}|\d{3,6}|\d*0000"
)


def _service_number(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if raw.lstrip().startswith("+"):
        return False  # an international form: a mobile as often as a company's line
    return _SERVICE_NUMBER.fullmatch(digits) is not None


def is_service_line(line: str) -> bool:
    """``line`` is an organisation's labelled line of service numbers, role mailboxes and
    opening hours, and nothing else."""
    label = _LABEL.match(line)
    if label is None or _has_words(label.group("aside") or ""):
        return False  # "Customer care (ex-husband): ...": the aside says whose it is
    rest = line[label.end() :]
    for m in _EMAIL.finditer(rest):
        if email_is_personal(m.group()):
            return False
    rest = _EMAIL.sub(" ", rest)
    numbers = _PHONE_LIKE.findall(rest)
    if not numbers or not all(_service_number(n) for n in numbers):
        return False
    return not _has_words(_CHANNEL_WORDS.sub(" ", _PHONE_LIKE.sub(" ", rest)))


def _has_words(text: str) -> bool:
    """``text`` says more than opening hours ("(24/7)", "Mon-Fri 8am-8pm")."""
    return any(ch.isalpha() for ch in _HOURS.sub(" ", text))


def on_service_lines(text: str, start: int, end: int) -> bool:
    """Every non-blank line that ``text[start:end]`` touches is a published service line."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", max(start, end - 1))
    lines = [x for x in text[begin : len(text) if stop < 0 else stop].split("\n") if x.strip()]
    return bool(lines) and all(is_service_line(x) for x in lines)
