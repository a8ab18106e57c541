"""The hand-written private set: realistic private prompts with ground-truth spans, written
apart from the training generator (its own templates, names and value formats), in subsets
that each stress one weakness: evasive spellings, sensitivity that comes from the previous
turn, credentials in configuration and protocol text, and other languages. A ``benign`` subset
holds text that must stay public (personas, public figures, document dates, products).

Markup: ``[[category|text]]`` marks a gold span; ``{slot}`` is filled from
:class:`~sglang_safekv.tooling.corpora.values.Values`. A multi-turn sample has ``context``
(the turns before, read-only) and the judged message. Templates are split into ``dev`` and
``test`` by template (every second template of a subset is ``test``), never by sample.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Callable

from sglang_safekv.detect.categories import Category
from sglang_safekv.tooling.corpora import values as V

SUBSETS = (
    "evasions",
    "multi_turn",
    "credentials",
    "lang_es",
    "lang_fr",
    "lang_de",
    "lang_pt",
    "lang_zh",
    "benign",
)
VARIANTS = 3  # renderings of every template, each with fresh values


def _pem(v: V.Values) -> str:
    body = "\n".join(
        v.secret(64, V.string.ascii_letters + V.string.digits + "+/") for _ in range(4)
    )
    return f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"


SLOTS: dict[str, Callable[[V.Values], str]] = {
    "name": V.Values.name,
    "first": V.Values.first,
    "email": V.Values.email,
    "phone": V.Values.us_phone,
    "ssn": V.Values.ssn,
    "card": V.Values.card,
    "iban": V.Values.iban_de,
    "iban_fr": V.Values.iban_fr,
    "ip": V.Values.ipv4,
    "password": V.Values.password,
    "secret": lambda v: v.secret(32),
    "openai": lambda v: "sk-proj-" + v.secret(40),
    "github": lambda v: "ghp_" + v.secret(36),
    "aws_id": lambda v: "AKIA" + v.secret(16, V.string.ascii_uppercase + V.string.digits),
    "aws_secret": lambda v: v.secret(40, V.string.ascii_letters + V.string.digits + "/+"),
    "jwt": lambda v: "eyJhbGciOiJIUzI1NiJ9." + v.secret(36) + "." + v.secret(43),
    "pem": _pem,
    "otp": lambda v: v.digits(6),
    "pin": lambda v: v.digits(4),
    "city": lambda v: v.rng.choice(V.CITIES),
    # evasive spellings
    "ssn_zw": lambda v: V.zero_width(v.ssn(), v.rng),
    "ssn_spaced": lambda v: v.ssn().replace("-", " "),
    "card_fullwidth": lambda v: V.full_width(v.card()),
    "card_dots": lambda v: V.separated(v.card(), "."),
    "card_underscores": lambda v: V.separated(v.card(), "_"),
    "card_words": lambda v: V.in_words(v.card()),
    "card_zw": lambda v: V.zero_width(v.card(), v.rng),
    "phone_arabic": lambda v: V.arabic_indic(v.us_phone()),
    "phone_devanagari": lambda v: V.devanagari(v.us_phone()),
    "phone_words": lambda v: V.in_words(v.us_phone()),
    "ssn_fullwidth": lambda v: V.full_width(v.ssn()),
    "iban_lower": lambda v: v.iban_de().lower(),
    "iban_nospace": lambda v: v.iban_de().replace(" ", ""),
    "email_spelled": lambda v: V.email_spelled(v.email()),
    "email_upper": lambda v: v.email().upper(),
    "email_fullwidth": lambda v: V.full_width(v.email()),
    "openai_zw": lambda v: V.zero_width("sk-proj-" + v.secret(40), v.rng),
    # other languages
    "dni": V.Values.dni_es,
    "nir": V.Values.nir_fr,
    "steuer_id": V.Values.steuer_id_de,
    "cpf": V.Values.cpf_br,
    "cn_id": V.Values.resident_id_cn,
    "es_phone": lambda v: f"+34 6{v.digits(2)} {v.digits(3)} {v.digits(3)}",
    "fr_phone": lambda v: "06 " + " ".join(v.digits(2) for _ in range(4)),
    "de_phone": lambda v: f"+49 15{v.digits(1)} {v.digits(8)}",
    "br_phone": lambda v: f"+55 11 9{v.digits(4)}-{v.digits(4)}",
    "cn_phone": lambda v: f"13{v.digits(1)} {v.digits(4)} {v.digits(4)}",
}

C = Category
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    # (context: the turns before, read-only; message)
    "evasions": [
        ("", "For the background check my SSN is [[gov_id|{ssn_zw}]], please keep it on file."),
        ("", "Card on file: [[credit_card|{card_fullwidth}]] exp 09/28"),
        ("", "Call me back on [[phone|{phone_arabic}]] after six."),
        ("", "charge it to [[credit_card|{card_dots}]] please, same as last time"),
        ("", "my card number is [[credit_card|{card_words}]]"),
        ("", "Refund to iban [[bank_account|{iban_lower}]] (Sparkasse)."),
        ("", "You can reach me at [[phone|{phone_words}]] any evening."),
        ("", "Send the signed lease to [[email|{email_spelled}]] by Friday."),
        ("", "SSN: [[gov_id|{ssn_spaced}]]"),
        ("", "Use card [[credit_card|{card_underscores}]] for the deposit."),
        ("", "My social is [[gov_id|{ssn_fullwidth}]] if the form needs it."),
        ("", "The tenant can be reached on [[phone|{phone_devanagari}]]."),
        ("", "Wire the refund to [[bank_account|{iban_nospace}]] today."),
        ("", "CONTACT ME AT [[email|{email_upper}]] ABOUT THE CLAIM"),
        ("", "debit [[credit_card|{card_zw}]] for the annual plan"),
        ("", "Reply to [[email|{email_fullwidth}]] with the quote."),
        ("", "our key is [[credential|{openai_zw}]] don't share it"),
        ("", "PASSWORD: [[credential|{password}]]"),
    ],
    "multi_turn": [
        ("Please type the 6-digit code we just sent to your phone.", "[[credential|{otp}]]"),
        ("What's the password for the staging box?", "[[credential|{password}]]"),
        (
            "Security question: what was the name of your first pet?",
            "[[personal|It was a beagle called Biscuit.]]",
        ),
        (
            "Have you ever been diagnosed with diabetes? If so, since when?",
            "[[health|Yes, positive. Since 2019.]]",
        ),
        ("Roughly what is your annual salary?", "[[finance|About 185k plus bonus.]]"),
        ("To verify your identity, what's your mother's maiden name?", "[[personal|Lindqvist]]"),
        ("Enter the PIN for the card ending 4417.", "[[credential|{pin}]]"),
        ("And your date of birth?", "[[date_of_birth|14 March 1988]]"),
        ("Which medication are you on at the moment?", "[[health|sertraline, 50 mg a day]]"),
        ("What's the verification code shown in the authenticator app?", "[[credential|{otp}]]"),
        (
            "Has anyone in the household tested positive for HIV?",
            "[[health|Yes, my partner did, last spring.]]",
        ),
        ("How much do you still owe on the mortgage?", "[[finance|Around 240 thousand.]]"),
        ("What is the name of the street you grew up on?", "[[personal|Wilhelminastraat]]"),
        ("Type your new password twice to confirm.", "[[credential|{password} {password}]]"),
        ("What's the best number to call you on?", "[[phone|{phone}]]"),
        ("Which email should we send the results to?", "[[email|{email}]]"),
        ("Are you currently pregnant or breastfeeding?", "[[health|Pregnant, 14 weeks.]]"),
        ("What's your monthly take-home pay after tax?", "[[finance|Roughly 3,900 a month.]]"),
        ("Reply with the one-time passcode to continue.", "[[credential|{otp}]]"),
        ("What was the name of your first school?", "[[personal|St. Aidan's primary]]"),
    ],
    "credentials": [
        ("", "DATABASE_URL=postgres://admin:[[credential|{password}]]@db.internal:5432/orders"),
        ("", "conn = psycopg.connect('postgresql://svc_etl:[[credential|{secret}]]@10.0.3.7/dw')"),
        ("", "mysql://root:[[credential|{password}]]@127.0.0.1:3306/shop"),
        ("", "REDIS_URL=redis://:[[credential|{secret}]]@cache.prod.local:6379/0"),
        ("", "git clone https://[[credential|{github}]]@github.com/acme/internal-tools.git"),
        ("", "OPENAI_API_KEY=[[credential|{openai}]]\nMODEL=gpt-4o-mini"),
        (
            "",
            "AWS_ACCESS_KEY_ID=[[credential|{aws_id}]]\nAWS_SECRET_ACCESS_KEY=[[credential|{aws_secret}]]",
        ),
        ("", 'config = {"endpoint": "https://api.acme.io", "api_key": "[[credential|{secret}]]"}'),
        ("", "smtp:\n  host: mail.acme.io\n  user: alerts\n  password: [[credential|{password}]]"),
        ("", "curl -H 'Authorization: Bearer [[credential|{jwt}]]' https://api.acme.io/v2/me"),
        ("", "GET /v1/orders HTTP/1.1\nHost: api.acme.io\nX-Api-Key: [[credential|{secret}]]"),
        ("", "Why does this fail?\n[[credential|{pem}]]"),
        ("", "export GITHUB_TOKEN=[[credential|{github}]]"),
        ("", '{"db": {"user": "app", "pass": "[[credential|{password}]]", "port": 5432}}'),
        ("", "mongodb+srv://reporting:[[credential|{password}]]@cluster0.ab12c.mongodb.net/"),
        ("", "requests.get(url, auth=('deploy', '[[credential|{password}]]'))"),
        ("", "[client]\nuser=backup\npassword=[[credential|{password}]]"),
        ("", "Cookie: sessionid=[[credential|{secret}]]; theme=dark"),
        ("", "amqp://guest:[[credential|{password}]]@rabbit.internal:5672/"),
        ("", "SLACK_WEBHOOK_SECRET: '[[credential|{secret}]]'"),
    ],
    "lang_es": [
        ("", "Hola, soy [[person|{name}]] y mi DNI es [[gov_id|{dni}]]."),
        ("", "Puede llamarme al [[phone|{es_phone}]] por la tarde."),
        ("", "Vivo en la [[address|Calle del Pez 14, 3º B, 28004 Madrid]]."),
        ("", "[[health|Me diagnosticaron diabetes tipo 2 el año pasado]] y no sé qué comer."),
        ("", "[[finance|Cobro 2.350 euros netos al mes]] y pago 900 de alquiler, ¿me llega?"),
        ("", "Mi correo es [[email|{email}]], escríbame allí."),
        ("", "[[health|Estoy tomando antidepresivos desde marzo]], ¿puedo beber alcohol?"),
        ("", "Transfiera a mi cuenta [[bank_account|{iban}]], por favor."),
    ],
    "lang_fr": [
        ("", "Je m'appelle [[person|{name}]], numéro de sécu [[gov_id|{nir}]]."),
        ("", "Rappelez-moi au [[phone|{fr_phone}]] après 18 h."),
        ("", "J'habite au [[address|12 rue des Lilas, 69003 Lyon]]."),
        ("", "[[health|Je suis sous antidépresseurs depuis mars]] et je dors mal."),
        ("", "[[finance|Mon salaire est de 3 200 € net par mois]], puis-je emprunter 200 000 € ?"),
        ("", "Voici mon RIB : [[bank_account|{iban_fr}]]."),
        ("", "[[health|Mon médecin m'a trouvé une tumeur au sein]], que dois-je demander ?"),
        ("", "Écrivez-moi à [[email|{email}]]."),
    ],
    "lang_de": [
        ("", "Ich bin [[person|{name}]], meine Steuer-ID ist [[gov_id|{steuer_id}]]."),
        ("", "Erreichbar unter [[phone|{de_phone}]] ab 17 Uhr."),
        ("", "Ich wohne in der [[address|Lindenstraße 14, 10969 Berlin]]."),
        ("", "[[health|Bei mir wurde letzte Woche eine Depression diagnostiziert]]."),
        ("", "[[finance|Ich verdiene 4.100 Euro brutto im Monat]], lohnt sich ein Kredit?"),
        ("", "Bitte überweisen Sie auf [[bank_account|{iban}]]."),
        ("", "[[health|Ich bin HIV-positiv]] und suche einen neuen Arzt in der Nähe."),
        ("", "Meine E-Mail: [[email|{email}]]"),
    ],
    "lang_pt": [
        ("", "Meu nome é [[person|{name}]] e meu CPF é [[gov_id|{cpf}]]."),
        ("", "Pode me ligar no [[phone|{br_phone}]] amanhã."),
        ("", "Moro na [[address|Rua Augusta 1500, apto 32, São Paulo]]."),
        ("", "[[health|Fui diagnosticada com depressão em janeiro]] e preciso de ajuda."),
        ("", "[[finance|Ganho R$ 7.500 por mês]] e tenho dívidas no cartão."),
        ("", "Meu e-mail é [[email|{email}]]."),
        ("", "[[health|Estou grávida de três meses]], posso tomar ibuprofeno?"),
        ("", "Minha conta: [[bank_account|{iban}]]."),
    ],
    "lang_zh": [
        ("", "我叫[[person|王秀英]]，身份证号是[[gov_id|{cn_id}]]。"),
        ("", "请打我的手机[[phone|{cn_phone}]]联系我。"),
        ("", "我住在[[address|北京市朝阳区建国路88号3单元502室]]。"),
        ("", "[[health|我上个月被诊断出患有抑郁症]]，现在该怎么办？"),
        ("", "[[finance|我的月薪是两万五]]，房贷每月八千，压力很大。"),
        ("", "我的邮箱是[[email|{email}]]。"),
        ("", "[[health|我有乙肝]]，可以献血吗？"),
        ("", "身份证：[[gov_id|{cn_id}]]"),
    ],
    "benign": [
        (
            "",
            "You are Aria, a friendly assistant built by Northwind Labs. Current date: 2025-03-14. Knowledge cutoff: 2024-10.",
        ),
        ("", "Explain the Gettysburg Address by Abraham Lincoln in plain words."),
        ("", "How did the Marie Curie and Pierre Curie discovery of radium change medicine?"),
        ("", "You are Claude, an AI assistant made by Anthropic. Be concise and helpful."),
        ("", "Compare the iPhone 15 and the Samsung Galaxy S24 for battery life."),
        ("", "Summarise the history of Paris and Lyon as trading cities."),
        ("", "Write a short biography of Ada Lovelace for a school poster."),
        ("", "The quarterly report was published on 12 January 2024 by Siemens AG."),
        ("", "Visit https://docs.python.org/3/library/json.html for the json module reference."),
        ("", "What does the function parse_user_config() return when the file is missing?"),
        ("", "What are common symptoms of diabetes, and when should someone see a doctor?"),
        ("", "How do index funds differ from ETFs for a typical retirement saver?"),
        ("", "Set the environment variable OPENAI_API_KEY to your key before running the script."),
        ("", "Barack Obama and Angela Merkel met in Berlin in 2008 to discuss trade."),
    ],
}

_MARK = re.compile(r"\[\[(\w+)\|(.*?)\]\]", re.S)
_SLOT = re.compile(r"\{(\w+)\}")


@dataclasses.dataclass(frozen=True)
class PrivateSample:
    id: str
    subset: str
    split: str  # "dev" or "test", by template
    context: str  # turns before the judged message ("" when none)
    text: str  # the judged message
    spans: tuple[tuple[int, int, Category], ...]  # gold spans in ``text``

    @property
    def joined(self) -> tuple[str, int]:
        """Context and message as one text (a line between them), and where the message starts."""
        if not self.context:
            return self.text, 0
        head = self.context + "\n"
        return head + self.text, len(head)


def render(template: str, v: V.Values) -> tuple[str, tuple[tuple[int, int, Category], ...]]:
    """Fill the slots (one value per slot name per sample) and resolve the span marks."""
    filled: dict[str, str] = {}

    def slot(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in filled:
            filled[name] = SLOTS[name](v)
        return filled[name]

    text = _SLOT.sub(slot, template)
    out: list[str] = []
    spans: list[tuple[int, int, Category]] = []
    pos = length = 0
    for m in _MARK.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        inner = m.group(2)
        spans.append((length, length + len(inner), Category.parse(m.group(1))))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(spans)


def private_samples(split: str | None = None, seed: int = 0) -> list[PrivateSample]:
    """Every rendering of every template (``VARIANTS`` each), optionally one split only."""
    samples = []
    for subset in SUBSETS:
        for t, (context, template) in enumerate(TEMPLATES[subset]):
            template_split = "test" if t % 2 else "dev"
            if split is not None and template_split != split:
                continue
            for k in range(VARIANTS):
                v = V.Values(zlib.crc32(f"{seed}/{subset}/{t}/{k}".encode()))
                text, spans = render(template, v)
                samples.append(
                    PrivateSample(f"{subset}/{t}/{k}", subset, template_split, context, text, spans)
                )
    return samples
