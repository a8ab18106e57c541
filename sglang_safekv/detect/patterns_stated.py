"""Tier-1 patterns for secrets stated in prose, in English, Spanish, French, German, Portuguese,
Italian, Dutch and Chinese: a credential is named, then given.

"I changed the router password to applepie", "Das WLAN-Passwort lautet Sonnenblume", "le code
de la porte est 4590", "我的密码是 xiaomao", "my first pet was called Biscuit": the value is a
plain word or a short number, so no format or entropy rule sees it, and tier 3 (English, and
trained on generated text) judged most of them public. What makes them secret is the sentence's
shape: a credential word, at most a few words, a copula or a colon, a value. The value is
private unless it is a word that continues the sentence ("the password is required", "le mot de
passe est obligatoire") or a placeholder (``credential_values.is_placeholder``): the burden of
proof lies with "public", as for configuration values.

Generic code words ("code", "Code", "código") count only with a number after them: "the code
is open source" is not a secret, "the code is 4590" is.
"""

from __future__ import annotations

import re

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.credential_values import ends_clause, stated_value
from sglang_safekv.detect.patterns import PatternSpec

# Between the credential word and the copula, up to six words that start with a preposition,
# an article or a possessive ("the password *for my gmail account* is ...", "la clave del wifi
# *de la casa de la abuela* es ...", "le code *de la porte* est"): "the password *hashing
# algorithm* is bcrypt" names another thing. Numbers may follow any words ("my bank PIN
# written backwards so nobody knows: 8391"). The engines' \w is ASCII.
_LINKING_WORD = (
    r"(?:for|of|on|at|in|from|with|to|my|your|our|his|her|their|the|a|an|this|that|de|del|des"
    r"|du|d'\S+|la|le|les|el|los|las|da|do|das|dos|di|della|dello|dei|delle|al|alla|van|het"
    r"|für|fürs|vom|von|der|dem|den|zum|zur|am|im|mi|mis|tu|su|sus|mon|ma|mes|ton|ta|son|sa"
    r"|meu|minha|mio|mia|mijn|mein|meine|meiner|meines|unser|unsere|nuestro|nuestra|notre"
    r"|nosso|nossa|nostro|nostra|onze|ons)"
)
# A name right after the word counts as well ("mot de passe Free", "Passwort Telekom").
_GAP = rf"(?:[ \t]+(?:{_LINKING_WORD}|(?-i:[A-Z]\S*))(?:[ \t]+[^\s.!?:;=]+){{0,5}}?)?"
_ANY_GAP = r"(?:[ \t]+[^\s.!?:;=]+){0,6}?"
# Copulas of the eight languages, and "called"/"named" for answers ("was called Biscuit"). The
# longer forms first: Python takes the first alternative that matches. A colon may follow
# ("The password is: applepie"), and so may a filler ("is now sunflower2", "is still 4590").
_COPULA = (
    r"(?:(?:is|was) (?:called|named)|called|named|is|was|are|'s|es|era|est|c'est|ist|lautet|war"
    r"|é|è|e'|sono|l[àÀ]|adalah|είναι|jest|är)"
)
_FILLER = (
    r"(?:(?:now|still|just|also|actually|literally|simply|currently|ahora|todavía|maintenant"
    r"|toujours|jetzt|immer noch|agora|ainda|adesso|ancora|nu|nog)[ \t]+)?"
)
_LINK = rf"(?:{_COPULA}[ \t]*:?|:)[ \t]*{_FILLER}"
# After the credential word and its gap: a copula, or a colon straight after the last word ("My
# password for Gmail: applepie", "Passwort für das WLAN: Sonnenblume"), or ", c'est".
_STATED = (
    rf"(?:[ \t]+(?:was|has been|got|is) (?:changed|set|reset) to[ \t]+|(?:'s|’s)[ \t]+{_FILLER}"
    rf"|{_GAP}(?:[ \t]+{_LINK}|[ \t]*:[ \t]*{_FILLER}|[ \t]*,[ \t]*c'est[ \t]+))"
)
_OPEN_QUOTE = r"[\"'«“„*]?"
# A value: up to the next space, quote or clause punctuation (trailing dots are stripped by the
# validator; the span may keep one: more private, never less).
_VALUE = r"(?P<v>[^\s\"'«»“”„,;)<>]{3,64})"
# Four to twelve digits, or groups of digits ("12-34-08", "093 718", "4 8 1 7 2 9"), maybe
# after a sender's letters ("G-482913"). No dots: "Unicode 15.1.0" and "10.0.0.1" are versions
# and addresses, not codes.
_DIGITS = (
    r"(?:[A-Z]{1,3}-)?(?:[0-9]{4,12}|[0-9]{2,4}(?:[ -][0-9]{2,4}){1,5}|[0-9](?:[ -][0-9]){3,11})"
)
_NUMBER = rf"(?P<v>{_DIGITS})"

# Password words. Upper-case forms of the non-ASCII letters are spelled out: the engines match
# case-insensitively in ASCII only ("CONTRASEÑA").
_PASSWORD_WORD = (
    r"(?:pass(?:word|wd|code|phrase)|pwd|pin[ -]?code|pin number"
    r"|(?:wi-?fi|wlan|network|wpa2?|router|hotspot|gmail|netflix|email|e-mail|mail|bank"
    r"|account|laptop|computer|phone|vpn|admin|root|recovery) (?:key|password|pass|pw)"
    r"|pre-?shared key"
    r"|contrase[ñÑnN]a|(?:mi|tu|su) clave|clave (?:de acceso|del? wi-?fi|secreta|del banco"
    r"|de (?:mi|la|tu) \w+)|mot de passe|passwort|kennwort|geheimzahl"
    r"|(?:wlan|wifi)-?(?:passwort|schl[üÜuU]ssel)|netzwerkschl[üÜuU]ssel|senha|palavra-passe"
    r"|parola d'ordine|wachtwoord|(?:secret|security|memorable|verbal) (?:word|phrase)"
    r"|verbal password)"
)
# Names of a credential that only configuration uses ("login = marmalade77", psk="...",
# "pw: ..."), given with "=" or ":"; Redis' directives at a line's start take a space
# ("requirepass orangepeel").
_CONFIG_SLOT = (
    r"(?:\b(?:login|logon|psk|wpa_passphrase|pw|mdp)[\"']?[ \t]*[:=][ \t]*"
    r"|(?:^|\n)[ \t]*(?:requirepass|masterauth)[ \t]+)"
)
# Code words that name a secret by themselves: a number right after them is the code ("alarm
# code 2468", "Türcode 4711", "combination 12-34-08").
_SECRET_CODE = (
    r"(?:door|gate|alarm|garage|safe|locker|lock|entry|entrance|building|access|security"
    r"|verification|confirmation|one[- ]time|login|sign-?in|2fa|mfa|sms|auth(?:entication)?"
    r"|authenticator|approval|backup|recovery|voicemail|unlock|lockbox|keypad|padlock|bike lock"
    r"|gift|voucher|card|key) (?:pass)?code"
    r"|(?:zugangs|t[üÜuU]r|tor|best[äÄaA]tigungs|sicherheits|entsperr|alarm|toegangs"
    r"|verificatie|deur|bevestigings)code|c[oóÓO]digo de (?:la puerta|acceso|verificaci[oóÓO]n"
    r"|seguridad|la alarma|desbloqueo)|code (?:de la porte|d'acc[eèÈE]s|de v[ée]rification"
    r"|secret|de l'alarme|du portail)|codice (?:di accesso|di verifica|del cancello"
    r"|della porta|segreto)"
)
_SECRET_CODE_WORD = (
    rf"(?:{_SECRET_CODE}|pin|combination|combo|otp|digicode|cvv|cvc|pincode|keypad|padlock"
    r"|lockbox|m[ậẬ]t kh[ẩẨ]u|kata sandi|κωδικός|κωδικό)"
)
# Generic code words: only "is", "est", ":" ... and a number that ends its clause make a code
# ("the code is 4590"; not "the entire code is 2000 lines").
_CODE_WORD = r"(?:code|c[oóÓO]digo|codice)"
# Codes that are public: the word just before "code" says what kind.
_PUBLIC_CODE_BEFORE = (
    r"\b(?:zip|postal|post|area|country|dialing|dialling|dress|status|error|exit|return|source"
    r"|bar|qr|iso|language|currency|airport|course|product|item|article|stock|event|subject|hs"
    r"|cpt|icd|naics|sic|tax|color|colour|ral|pantone|http|ascii|unicode|char|character"
    r"|studio|vs|morse|cheat|machine|byte|op|promo|discount|coupon|pairing|building|civil"
    r"|penal|vehicle|insee|ibge|ean|upc|sku|squawk|close|response|reason)[ \t]*-?[ \t]*$"
    # A name before the code word: "Civil Code 1542", "Advent of Code 2023" (not an article or
    # a possessive at a sentence's start: "The code is 4590", "O código ... é 3381").
    r"|(?-i:\b(?!(?:The|This|That|Your|My|Our|El|La|Le|Les|Der|Die|Das|Il|Lo|Os|As|De|Het|Een"
    r"|Un|Una|Uno|Ein|Eine|Mon|Ma|Mi|Mein|Meine|Meu|Minha|Mio|Mia|Mijn|Su|Sua|Seu|Ihr)\b)"
    r"[A-Z][A-Za-z]+[ \t]+(?:of[ \t]+)?)$"
)
_PUBLIC_CODE_AFTER = (
    r"^(?:code|c[oóÓO]digo|codice) (?:postal|postale|de (?:[áa]rea|pa[ií]s|error|barras)|fuente"
    r"|fiscal|iso|qr|d'erreur|pays|d'avviamento|insee|ibge)"
)
_ANSWER_WORD = (
    r"(?:maiden name|first (?:pet|dog|cat)(?:'s name)?|pet's name|first (?:car|school|teacher|boss"
    r"|job|concert|love|street|kiss)|(?:street|town|city) (?:i|we) grew up (?:on|in)"
    r"|childhood (?:friend|nickname|hero|street|home|best friend)|favou?rite (?:teacher"
    r"|childhood \w+)|memorable (?:word|name|place|date)|question secr[èÈeE]te|r[ée]ponse secr[èÈeE]te"
    r"|nom de jeune fille|pregunta (?:secreta|de seguridad)|apellido de soltera|sicherheitsfrage"
    r"|geburtsname|m[äÄaA]dchenname|pergunta (?:secreta|de seguran[çÇcC]a)|nome de solteira"
    r"|domanda (?:segreta|di sicurezza)|cognome da nubile|beveiligingsvraag|meisjesnaam)"
)
# Words next to which a password-shaped token is a password (``password_near.py``).
# Not "pin": hardware pins, version pins and pinned posts, while a PIN is digits anyway.
NEAR_PASSWORD_WORD = rf"(?:{_PASSWORD_WORD}s?|pw|mdp|login|credentials?|creds)"
# Verbs of receiving a code, in the eight languages: "I got the code 551 902 by text", "j'ai
# reçu le code 620 418", "recebi o código 648 027".
_RECEIVED = (
    r"(?:received|got|get|getting|texted|sent|recebi|recebeu|recebido|recib[ií]|recibido"
    r"|lleg[oó]|chegou|re[çÇcC]u|erhalten|bekommen|ricevuto|arrivato|ontvangen|gekregen"
    r"|mandaron|enviaron|mandaram|enviaram|envoy[ée]|geschickt|inviato|mandato|gestuurd)"
)
# Answers that only a security question asks for: "Mother's maiden name on file is Brennan"
# (not "Michelle Obama's maiden name is Robinson", nor "His first boss was Steve Jobs").
_OWN_ANSWER_WORD = (
    r"(?:(?:mother|mom|mum|mam|mama)['’]?s maiden name|childhood nickname|first pet's name"
    r"|memorable word|secret answer|security answer|question secr[èÈeE]te|r[ée]ponse secr[èÈeE]te"
    r"|pregunta (?:secreta|de seguridad)|sicherheitsfrage|pergunta (?:secreta|de seguran[çÇcC]a)"
    r"|domanda (?:segreta|di sicurezza)|beveiligingsvraag|(?:nom de jeune fille|apellido de soltera"
    r"|nome de solteira|cognome da nubile|m[äÄaA]dchenname|geburtsname|meisjesnaam)"
    r"[ \t(]+(?:de|da|di|der|van)[ \t]+(?:ma|mi|mia|minha|meiner|mijn)[ \t]+"
    r"(?:m[èÈeE]re|madre|m[ãÃaA]e|mutter|moeder))"
)
_HAN_PASSWORD = r"(?:密码|密碼|口令|验证码|驗證碼|支付密码|门禁密码|动态码|校验码|PIN码)"


def _ends_clause_value(text: str, after: str) -> bool:
    """A value in a Chinese sentence counts when the clause ends right after it: "密码长度为8-16位"
    says how long a password is, "我的密码是 xiaomao" gives one."""
    return ends_clause(after) and stated_value(text, after)


def _not_a_count(text: str, after: str) -> bool:
    """The digits end there and no unit follows: "パスワードは8文字以上", "2024年から" say something
    else."""
    return not after[:1].isdigit() and after[:1] not in "年月日桁文字回件円분년월일자개원"


def _not_a_year(text: str) -> bool:
    """A year is no code received ("the first text message in 1992", "recebeu ... em 2002")."""
    return not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099)


_UNIT_AFTER = re.compile(
    r"^[ \t]*-?(?:minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|years?|seconds?|secs?"
    r"|am\b|pm\b|bits?\b|kg|lbs?|every|each|times)",
    re.IGNORECASE,
)


def _no_unit_after(text: str, after: str) -> bool:
    """A number with a unit is a measure, not a code ("the door takes 15-20 minutes")."""
    return not _UNIT_AFTER.match(after)


def _code_value(text: str, after: str) -> bool:
    """A number after a generic code word is a code only when it ends its clause ("the code is
    4590, ok?"; not "the entire code is 2000 lines")."""
    return ends_clause(after)


# Replies that answer a question without giving a value ("Forgot your password? Ask IT." has two
# words; "Your password? Nope."): never a password said alone after the question.
_NOT_AN_ANSWER = frozenset(
    """yes yeah yep yup nope nah sure ok okay maybe exactly right never nothing none nobody
    anyone someone unknown dunno idk lol haha thanks thx please sorry hmm huh why what how who
    when where which ask see click help contact call here below above same again later soon
    changed expired required forgotten forgot lost reset locked blank empty hidden correct wrong
    sí si oui non ja nein sim não nee""".split()  # noqa: SIM905
)


_PRONOUNS = frozenset(
    """everything something anything everyone everybody somebody anybody this that it these
    those mine yours ours theirs his hers one which whichever whatever""".split()  # noqa: SIM905
)


def _word_before_password(text: str) -> bool:
    """The one word that opens its clause before "is my password" ("Sunflower is my password",
    "honestly, tulip is the wifi password"): a value unless it is a clause or describing word
    ("This is my password", "Nothing is the password", "Mine is the password")."""
    word = text.strip("\"'“”").lower()
    return word not in _NOT_AN_ANSWER and word not in _PRONOUNS and stated_value(text)


def _lone_answer(text: str) -> bool:
    """The word said alone after a question that ends in a password word ("My password?
    sunflower."): a value unless it is a reply ("Nope.", "Reset.") or a clause word."""
    return text.strip(".!?\"'»”").lower() not in _NOT_AN_ANSWER and stated_value(text)


STATED_PATTERNS: tuple[PatternSpec, ...] = (
    PatternSpec(
        "stated_password",  # "the password for my gmail is rosegarden", "WLAN-Passwort: ..."
        Category.CREDENTIAL,
        rf"\b{_PASSWORD_WORD}(?:{_STATED}|[\"']?[ \t]*(?:[:=]|->|[-–—][ \t]))[ \t]*"
        rf"{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "config_credential",  # "laptop login = marmalade77", psk="riverstone", requirepass x
        Category.CREDENTIAL,
        rf"{_CONFIG_SLOT}{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "set_password_to",  # "I changed the router password to applepie", "set the safe to 6619"
        Category.CREDENTIAL,
        r"\b(?:chang\w*|set|reset|updat\w*)[ \t]+(?:(?:my|the|our|your|his|her|its)[ \t]+)?"
        r"(?:[^\s.!?:;]+[ \t]+)?"
        rf"(?:{_PASSWORD_WORD}|{_SECRET_CODE_WORD}|safe)[ \t]+(?:to|as)[ \t]+{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "stated_code",  # "the code for the door is 4590", "PIN ... so nobody knows: 8391"
        Category.CREDENTIAL,
        rf"\b{_SECRET_CODE_WORD}{_ANY_GAP}(?:[ \t]+{_LINK}|[\"']?[ \t]*[:=#][ \t]*)"
        rf"{_OPEN_QUOTE}{_NUMBER}\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "stated_generic_code",  # "the code is 4590", "lockbox on the porch, code 2208."
        Category.CREDENTIAL,
        rf"\b{_CODE_WORD}(?:{_ANY_GAP}(?:[ \t]+{_LINK}|[\"']?[ \t]*[:=#][ \t]*)|[ \t]+)"
        rf"{_OPEN_QUOTE}{_NUMBER}\b",
        0.9,
        _code_value,
        caseless=True,
        reject_match=_PUBLIC_CODE_AFTER,
        reject_before_match=_PUBLIC_CODE_BEFORE,
        reads_after=True,
    ),
    PatternSpec(
        "code_number",  # "alarm code 2468", "Türcode 4711"; a generic "code 2208" is not enough
        Category.CREDENTIAL,
        rf"\b{_SECRET_CODE_WORD}[ \t]+(?:number[ \t]+|#|\*)?{_NUMBER}\b",
        0.9,
        caseless=True,
        reject_before_match=_PUBLIC_CODE_BEFORE,
    ),
    PatternSpec(
        "stated_secret_code",  # "the access code for the envelope is HARBOR17"
        Category.CREDENTIAL,
        rf"\b(?:{_SECRET_CODE})(?:{_GAP}[ \t]+{_LINK}|[\"']?[ \t]*[:=])[ \t]*{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
        reads_after=True,
        reject_before_match=_PUBLIC_CODE_BEFORE,
    ),
    PatternSpec(
        "stated_answer",  # "my first pet was called Biscuit", "maiden name: Hargreaves"
        Category.CREDENTIAL,
        rf"(?:\b(?:my|our|mon|ma|mi|mein|meine|meu|minha|mio|mia|mijn)(?:[ \t]+[^\s.!?:;=]+){{0,3}}?"
        rf"[ \t]+{_ANSWER_WORD}(?:{_GAP}[ \t]+{_LINK})|\b{_ANSWER_WORD}[\"']?[ \t]*[:=])[ \t]*"
        rf"{_OPEN_QUOTE}{_VALUE}",
        0.9,
        stated_value,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "received_code",  # "I got the code 551 902 by text", "j'ai reçu le code 620 418"
        Category.CREDENTIAL,
        rf"\b{_RECEIVED}(?:[ \t]+[^\s.!?]+){{0,3}}?[ \t]+(?:{_CODE_WORD}|otp|pin|sms)"
        rf"(?:[ \t]+[^\s.!?0-9]+){{0,3}}?[ \t]+{_OPEN_QUOTE}{_NUMBER}\b",
        0.9,
        _not_a_year,
        caseless=True,
        reject_match=r"\b(?:error|status|exit|zip|postal|promo|discount|coupon|qr|source|civil"
        r"|penal|bill|resolution|law|section|act)\b",
    ),
    PatternSpec(
        "code_lock_takes",  # "the garage keypad takes 7719", "the lockbox opens with 2208"
        Category.CREDENTIAL,
        r"\b(?:keypad|lockbox|lock|padlock|gate|door|safe|alarm|combination)(?:[ \t]+[^\s.!?]+){0,2}?"
        r"[ \t]+(?:takes|opens with|uses|needs|accepts|wants|unlocks with)[ \t]+"
        rf"(?:the[ \t]+)?(?:code[ \t]+|number[ \t]+)?{_OPEN_QUOTE}{_NUMBER}\b",
        0.9,
        _no_unit_after,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "code_then_lock",  # "punch 7719 on the keypad", "enter 4590 at the front door"
        Category.CREDENTIAL,
        r"\b(?:punch|enter|type|key|tap|dial)(?:[ \t]+in)?[ \t]+"
        rf"{_NUMBER}#?[ \t]+(?:on|at|into|in)[ \t]+(?:the[ \t]+)?(?:[^\s.!?]+[ \t]+)?"
        r"(?:keypad|door|gate|lock|lockbox|alarm|panel|safe)\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "lock_line",  # "Garage: 7719", "Front door 4590# then turn the handle"
        Category.CREDENTIAL,
        r"(?:^|\n)[ \t]*(?:the[ \t]+)?(?:garage|front door|back door|side door|gate|alarm|safe"
        r"|lockbox|keypad|padlock|locker)[ \t]*(?::[ \t]*|[ \t]+)(?P<v>[0-9]{3,8})(?:#|[ \t]*$|[ \t]*\n)",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "texted_number",  # "The bank just texted me 551902", "Just got 551902 from Google"
        Category.CREDENTIAL,
        r"\b(?:texted|messaged|sent|sms'?e?d)[ \t]+(?:me|us)[ \t]+(?:(?:a|the|this)[ \t]+)?"
        r"(?:code[ \t]+)?(?P<v>[0-9]{6,8}|[0-9]{3}[ -][0-9]{3})\b"
        r"|\bgot[ \t]+(?P<w>[0-9]{6,8}|[0-9]{3}[ -][0-9]{3})[ \t]+(?:from|by|via)[ \t]",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "answer_given",  # "maiden name on file is Brennan", "security question ... I put Peanut"
        Category.CREDENTIAL,
        rf"\b{_OWN_ANSWER_WORD}\)?{_GAP}[ \t]+{_COPULA}[ \t]+{_OPEN_QUOTE}"
        r"(?P<v>(?-i:[A-Z])[^\s\"'«»“”„,;)<>]{2,63})"
        # At most 14 words between: a bounded character gap costs Hyperscan 10 s to compile.
        rf"|\b(?:{_ANSWER_WORD}|security question|secret question)"
        r"(?:[^\nA-Za-z0-9_]+[A-Za-z0-9_]+){0,14}?[^\nA-Za-z0-9_]+(?:(?:puse|pusimos|respond[ií]"
        r"|contest[ée]|j'ai (?:mis|r[ée]pondu|[ée]crit)|coloquei|respondi|ho (?:risposto|messo"
        r"|scritto))[ \t]+|(?:i|we)[ \t]+"
        r"(?:answered|put|wrote|said|used|entered|typed|chose|gave|picked|went with)"
        r"(?:[ \t]+(?:it[ \t]+as|in|down|as))?[ \t]+)"
        rf"{_OPEN_QUOTE}(?P<w>(?-i:[A-Z])[^\s\"'«»“”„,;)<>]{{2,63}})",
        0.9,
        caseless=True,
        # Someone else's answer: "Barack Obama's mother's maiden name was Dunham"; not a
        # customer's, as an agent reports it ("the user says their mother's maiden name is").
        reject_before_match=(
            r"(?:[A-Za-z]['’]s|\b(?:his|her)|(?<!user says )(?<!user said )(?<!caller says )"
            r"(?<!caller said )(?<!customer says )(?<!client says )\btheir)[ \t]*$"
        ),
    ),
    PatternSpec(
        "stated_password_zh",  # "我的密码是 xiaomao", "验证码：482913", "验证码是 4 8 1 7 2 9"
        Category.CREDENTIAL,
        rf"{_HAN_PASSWORD}[^\s。，,.！？!?]{{0,8}}?(?:是|为|為|：|:)?[ \t]*"
        r"(?P<v>" + _DIGITS + "|[^\\s，。,;；:：!！?？()（）\u3000-\u303f\u4e00-\u9fff]{3,64})",
        0.9,
        _ends_clause_value,
        reads_after=True,
    ),
    PatternSpec(
        "stated_pin_ja_ko",  # "暗証番号は1997なんですが" (numerals read as digits), "비밀번호는 4821"
        Category.CREDENTIAL,
        r"(?:暗証番号|パスワード|PINコード|PIN|ピン番号|비밀번호|암호|핀 ?번호)(?:は|が|：|:|은|는|=)[ \t]*"
        r"(?P<v>[0-9]{4,8})",
        0.9,
        _not_a_count,
        caseless=True,
        reads_after=True,
    ),
    PatternSpec(
        "card_security_code",  # "CVV: 482", "the CVC on my card is 482"
        Category.CREDENTIAL,
        rf"\b(?:cvv2?|cvc2?|cid|card security code){_ANY_GAP}(?:[ \t]+{_LINK}|[ \t]*[:=#][ \t]*)"
        r"(?P<v>[0-9]{3,4})\b",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "code_first",  # "482913 is your Instagram code", "Use 482913 to verify your account"
        Category.CREDENTIAL,
        rf"\b(?P<v>{_DIGITS})[ \t]+is[ \t]+your[ \t]+(?:[^\s.]+[ \t]+){{0,3}}?"
        r"(?:(?:pass)?code|otp|pin|password)\b|\buse[ \t]+(?P<w>[0-9]{4,8})[ \t]+to[ \t]+"
        r"(?:verify|confirm|log|sign)",
        0.9,
        caseless=True,
    ),
    PatternSpec(
        "netrc_line",  # ~/.netrc: machine host login user password secret
        Category.CREDENTIAL,
        r"\bmachine[ \t]+\S+[ \t]+login[ \t]+\S+[ \t]+password[ \t]+(?P<v>\S{3,64})",
        0.9,
        stated_value,
    ),
    PatternSpec(
        "pgpass_line",  # ~/.pgpass, one entry per line: host:port:database:user:password
        Category.CREDENTIAL,
        r"(?:^|\s)(?:[A-Za-z0-9][\w.-]*|\*):(?:[0-9]{2,5}|\*):[\w*.-]+:[\w*.-]+:"
        r"(?P<v>[^\s:]{3,64})[ \t]*(?:\r?\n|$)",
        0.9,
        stated_value,
    ),
    PatternSpec(
        "xml_password",  # <Pass>saltwater</Pass> (FileZilla), <password type="plain">...</...>
        Category.CREDENTIAL,
        r"<(?:pass|password|passwd|pwd)(?:[ \t][^<>]*)?>(?P<v>[^<\s][^<]{2,63})</",
        0.9,
        stated_value,
        caseless=True,
    ),
    PatternSpec(
        # "sunflower is my password", "Honestly, Tulip is the wifi password." (A value of up to
        # 40 characters: 64 makes the pattern too large for Hyperscan.)
        "value_is_password",
        Category.CREDENTIAL,
        r"(?:^|[\n.!?:;,(\"“]|\b(?:honestly|ok|okay|so|yes|yeah|fine|and|but|well|oh|lol|btw|ps"
        r"|hint))[ \t]*[\"'“]?(?P<v>[^\s\"'«»“”„,;:.!?()<>]{3,40})[\"'”]?[ \t]+"
        r"(?:is|was|will be|remains|stays|'s)[ \t]+(?:(?:still|now|also|currently|always|just)[ \t]+)?"
        r"(?:my|our|the|his|her|their|your|mi|mon|ma|mein|meine|meu|minha|mio|mia|mijn)[ \t]+"
        r"(?:(?:new|old|current|usual|temporary|temp|master|main|default|real|actual|home|work"
        r"|guest|only)[ \t]+)?"
        rf"{_PASSWORD_WORD}"
        # The word ends its clause: not "is the password manager", "is the password's length".
        r"(?:[ \t]*(?:$|[\n.,;!?)]|:[ \t])|[ \t]+(?:for|on|at|now|too|again|and|but|so|lol|btw"
        r"|haha|right|then|though|tho|everywhere)\b)",
        0.9,
        _word_before_password,
        caseless=True,
    ),
    PatternSpec(
        "lone_answer",  # "My password? sunflower.", "The wifi password?\nBluebird"
        Category.CREDENTIAL,
        rf"\b{_PASSWORD_WORD}[ \t]*\?[ \t]*\n?[ \t]*{_OPEN_QUOTE}"
        r"(?P<v>[^\s\"'«»“”„,;:.!?()<>]{3,64})[\"'”»]?[ \t]*(?:$|[\n.!])",
        0.9,
        _lone_answer,
        caseless=True,
    ),
)
