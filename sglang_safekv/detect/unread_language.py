"""Tier 1: a sentence in a language the detector cannot read stays private (fail closed).

Tiers 2 and 3 are English models. Tier 1's rules for other languages know formats (IDs,
phones, cards) and the words of private matters in a few dozen languages, and on the blind
red-team rounds, where most private samples are not in English, they miss about a third of
what another language says (an illness, a debt, a one-time code given in a chat): content the
detector did not read, which selective mode must not share. So a sentence that is mostly in a
script other than Latin, or a Latin-script sentence whose function words are another
language's ("yang", "und", "ng mga", "kwa"), is flagged whole: the private part starts there.

The cost is sharing: such text is shared only when the operator declares it public
(``--public-prefixes``: an app's system prompt in another language), as a deployment in that
language would declare its prompts. ``detector.unread_languages = "judge"`` turns this off and
leaves other languages to the rules alone (the behaviour before stop 32).

What is not a sentence in another language: a few foreign words in English text ("a café
in Zürich"), names in another script inside an English sentence, code and URLs (no function
words), one or two words alone ("Gracias!", "谢谢").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import MAX_SENTENCE_CHARS, sentence_bounds

SCORE = 0.9
MIN_OTHER_LETTERS = 4  # letters of another script a sentence needs (not a name or a word)
MIN_FUNCTION_WORDS = 2  # another language's function words a Latin-script sentence needs

# Function words (and a few of the commonest verbs) of Latin-script languages that English
# does not have, lowercase. No sentence of the 1,047 real public documents is flagged.
_FUNCTION_WORDS = {
    "es": (
        "yo mi su lo le los las que una por para está pero como más muy también porque "
        "cuando este esta estoy tengo mis nosotros usted quiero necesito puedo hacer cómo "
        "qué dónde estás clave correo así escribo"
    ),
    "fr": (
        "je tu il du ce les des est une dans avec que qui pas sur aux cette mais vous "
        "nous elle ont sont être mon mes ses suis avoir très aussi veux peux faire "
        "pourquoi"
    ),
    "de": (
        "zu im der das und ist nicht eine mit für auf den dem des sich auch ich wir von "
        "bei nach aber oder wenn mein meine dass kann sind haben wird möchte brauche habe "
        "wie warum"
    ),
    "pt": (
        "eu das que não para uma por mais como mas você ele ela nós meu minha seu sua "
        "está são tem muito também quero preciso posso tenho fazer"
    ),
    "it": (
        "il di gli della che una sono anche mio mia hai questo questa molto perché quale "
        "vuoi sul nel voglio posso devo fare"
    ),
    "nl": "ik het een niet dat voor zijn maar ook bij mijn je wij heb kan moet naar",
    "pl": (
        "mnie mi proszę czy jak nie się że jest mój moja jestem dla przez tak już może "
        "jego jej dwa trzy cztery"
    ),
    "tr": (
        "benim bana senin lütfen mısın misin musun bir bu için ile çok ama ben sen daha "
        "gibi yok olarak değil nasıl"
    ),
    "sv": "och att det är som på för inte jag har mitt vad hur",
    "da_no": "og ikke jeg har det hva hvordan skal meg mig",
    "fi": "että hän minä sinä mutta kuin ole oli olen minun mikä miten minulla sinulla ja ei",
    "cs_sk": "mám mi prosím jsem není jak jako můj moje jsi som nie ako môj",
    "hu": "hogyan kérlek nekem az és hogy nem egy meg csak már vagyok miért",
    "ro": "și în cu nu că este sunt pentru dar mai meu mea",
    "hr_sr_sl": "što kako ali sam smo ili moj moja nije kao",
    "id_ms": (
        "di ke yang dan dari ini itu dengan untuk tidak ada saya aku kamu anda bisa akan "
        "juga sudah kami kita buat bantu tolong mau apa bagaimana karena sangat lagi "
        "bapak saja atau"
    ),
    "tl": "ang mga ay ko siya hindi ako ikaw kami naman sana talaga",
    "sw": (
        "kwa katika hii mimi wewe yeye sisi lakini kama sana kuna nini hapa habari asante "
        "kuwa bila yangu yako wangu wako nisaidie tafadhali ninataka"
    ),
    "ca": "els amb és són però més molt jo meu meva també",
    "gl": "unha máis moi eu meu miña tamén",
    "eu": "eta dut baina nire zure hau hori dago",
    "et": "ma sa mu minu kui aga või oli olen",
    "lv_lt": "ir ka es vai yra kad aš mano nėra",
    "sq": "dhe të në është një për nuk që unë im ime",
    "az_uz": "və üçün ilə amma mən sən uchun bilan juda lekin",
    "ha": "kuma amma wannan shi ita",
    "zu": "futhi kodwa mina wena ukuthi",
    "so": "iyo waa waxaan waxay aan ayaa ayuu inaan kama baa",
    "ga_cy": "agus tá níl mae fy ond",
    "mt": "fil huwa hija jien",
    "is": "að ekki ég þú hann",
    "af": "nie het ek jy ook",
}
_ENGLISH_WORDS = frozenset(
    """the and of to is it that for you with on are this be at by or have from not an was but
    what all can my i your we they he she if will how about there which their has had would
    should could been were our his her them its than then yes one when where who why these
    those some any into out up more also just like get make please""".split()  # noqa: SIM905
)
_LANGUAGES_OF: dict[str, frozenset[str]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        if _word not in _ENGLISH_WORDS:
            _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, frozenset()) | {_language}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u00b5]")
# Letters of Latin-script languages that English does not write (not µ, × or ÷).
_ACCENTED = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# English words written with them.
_LOANWORDS = frozenset(
    """café cafés cliché clichés naïve naïveté protégé protégés résumé résumés fiancé fiancée
    déjà façade façades rôle élite entrée entrées touché soufflé crème brûlée jalapeño
    jalapeños piñata señor señora über doppelgänger coöperate voilà à la""".split()  # noqa: SIM905
)
# Letters only Vietnamese (and Yoruba) write: a Latin-script language with no function word
# list here.
_VIETNAMESE = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)
# Characters that hide words from the reader (zero-width, soft hyphen, BOM): dropped first.
_FORMAT = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _plain(text: str) -> str:
    """Composed letters (NFC: a decomposed "é" is one letter again), format characters gone."""
    return unicodedata.normalize("NFC", _FORMAT.sub("", text))


def _other_script(sentence: str) -> bool:
    """Mostly letters of a script other than Latin."""
    other = len(_OTHER_LETTER.findall(sentence))
    return other >= MIN_OTHER_LETTERS and other * 2 >= len(_LETTER.findall(sentence))


def _accented_words(words: list[str]) -> tuple[int, int]:
    """Words with letters English does not write ("dziewięć", "contraseña", "beş"), counting
    lowercase words (names are capitalised) unless the sentence is all capitals: (all of them,
    and the same but 0 unless they are at least one in eight)."""
    lowercase = [w for w in words if w[0].islower()] or [w.lower() for w in words]
    accented = sum(
        1 for w in lowercase if not w.isascii() and _ACCENTED.search(w) and w not in _LOANWORDS
    )
    return accented, (accented if accented * 8 >= len(lowercase) else 0)


def _latin_other_language(sentence: str) -> bool:
    """Another language's function words and words only another language writes, two or
    more (at least one of each when mixed) and more of them than English function words
    (acronyms, "ADA", "APA", are not words here); or two such written words alone."""
    words = _WORD.findall(sentence)
    accented, dense = _accented_words(words)
    if dense >= MIN_FUNCTION_WORDS:
        return True
    counts: dict[str, int] = {}
    english = 0
    for word in words:
        if len(word) > 1 and word.isupper():
            continue
        word = word.lower()
        if word in _ENGLISH_WORDS:
            english += 1
        for language in _LANGUAGES_OF.get(word, ()):
            counts[language] = counts.get(language, 0) + 1
    best = max(counts.values(), default=0)
    if best and accented:  # "Minulla on todettu rintasyöpä", "Sono ... non so più": one of each
        best += accented
    return best >= MIN_FUNCTION_WORDS and best > english


def unread_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(begin, end) of each sentence of ``text[start:end]`` in a language the detector cannot
    read."""
    end = len(text) if end is None else end
    region = text[max(0, start - MAX_SENTENCE_CHARS) : end]  # the first sentence's start too
    if not region.isascii():
        region = _plain(region)
    # Cheap tests first (in C): most windows are English, code or numbers.
    other = not region.isascii() and (
        len(_OTHER_LETTER.findall(region)) >= MIN_OTHER_LETTERS
        or len(_VIETNAMESE.findall(region)) >= 2
    )
    accented = len(_ACCENTED.findall(region))
    latin = accented >= 2 or (
        sum(map(_LANGUAGES_OF.__contains__, _WORD.findall(region.lower()))) + min(accented, 1)
        >= MIN_FUNCTION_WORDS
    )
    if not other and not latin:
        return []
    out = []
    for b, e in sentence_bounds(text, start, end):
        sentence = text[b:e]
        if not sentence.isascii():
            sentence = _plain(sentence)
        if (other and (_other_script(sentence) or len(_VIETNAMESE.findall(sentence)) >= 2)) or (
            latin and _latin_other_language(sentence)
        ):
            out.append((b, e))
    return out


class UnreadLanguageRecognizer(Recognizer):
    """Tier 1: sentences in another language than the models read (see the module)."""

    tier = 1
    name = "unread_language"
    categories = frozenset({Category.PERSONAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self.scan(w) for w in windows]

    def scan(self, window: TextWindow) -> list[Span]:
        return [
            Span(b, e, Category.PERSONAL, 1, SCORE, self.name)
            for b, e in unread_sentences(window.text, window.start, window.end)
        ]
