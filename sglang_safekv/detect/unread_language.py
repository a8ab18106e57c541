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
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

SCORE = 0.9
MIN_OTHER_LETTERS = 4  # letters of another script a sentence needs (not a name or a word)
MIN_FUNCTION_WORDS = 2  # another language's function words a Latin-script sentence needs

# Function words (and a few of the commonest verbs) of Latin-script languages that English
# does not have, lowercase. No sentence of the 1,047 real public documents is flagged.
_FUNCTION_WORDS = {
    "es": "clave correo así escribo yo mi su lo le quiero necesito puedo tengo hacer cómo qué dónde estás los las que una por para está pero como más muy también porque cuando hay "
    "este esta estoy tengo mis sus nosotros usted",
    "fr": "je tu il du ce veux peux faire comment pourquoi les des est une dans avec que qui pas sur aux cette mais vous nous elle ont sont "
    "être mon mes ses je suis avoir très aussi",
    "de": "zu im möchte brauche habe wie warum der das und ist nicht eine mit für auf den dem des sich auch ich wir von bei nach "
    "aber oder wenn mein meine dass kann sind haben wird",
    "pt": "eu em um quero preciso posso tenho fazer dos das que não para uma por mais como mas você ele ela nós meu minha seu sua "
    "está são tem muito também",
    "it": "quale vuoi sul nel il di ho voglio posso devo fare gli della che una sono come anche mio mia hai questo questa molto "
    "perché",
    "nl": "ik het een van niet dat voor zijn maar ook bij mijn ik je wij heb kan moet naar",
    "pl": "dwa trzy cztery mam mnie mi proszę czy jak nie się że jest jak ale mój moja jestem czy dla przez tak już może jego jej",
    "tr": "benim bana senin lütfen mısın misin musun ve bir bu için ile çok ama ben sen daha gibi var yok olarak değil nasıl",
    "sv": "och att det är som på för med inte jag har till min mitt vad hur ska",
    "da_no": "og ikke jeg har til det hva hvordan skal meg mig jeg",
    "fi": "että hän minä sinä mutta kuin tai ole oli olen minun mikä miten",
    "cs_sk": "mám mi prosím jsem není ale jak jako pro můj moje jsi som nie ako pre môj",
    "hu": "hogyan kérlek nekem az és hogy nem egy van meg csak mint már volt vagyok nekem miért",
    "ro": "și în cu nu că este sunt pentru dar mai meu mea",
    "hr_sr_sl": "što kako ali sam smo ili moj moja nije kao",
    "id_ms": "kami kita buat bantu tolong mau apa bagaimana karena sangat lagi bapak saja atau di ke yang dan dari ini itu dengan untuk tidak ada saya aku kamu anda bisa akan juga sudah",
    "tl": "po naman sana talaga lang ang ng mga ay ko mo siya hindi ako ikaw kami naman",
    "sw": "hapa habari asante kuwa bila yangu yako wangu wako nisaidie tafadhali ninataka kwa katika hii mimi wewe yeye sisi lakini kama sana kuna nini",
    "ca": "els amb és són però més molt jo meu meva també",
    "gl": "unha máis moi eu meu miña tamén",
    "eu": "eta ez bat dut ere baina nire zure hau hori dago",
    "et": "see et ma sa mu minu kui aga või oli olen",
    "lv_lt": "un ir ka es man mans bet vai nav yra kad aš mano nėra",
    "sq": "dhe të në është një për nuk që unë im ime",
    "az_uz": "və üçün ilə amma mən sən uchun bilan juda lekin men",
    "ha": "kuma amma wannan shi ita",
    "zu": "futhi kodwa mina wena ukuthi",
    "so": "iyo waa waxaan aan ayaa",
    "ga_cy": "agus tá níl mae fy ond",
    "mt": "fil huwa hija jien",
    "is": "að er ekki ég þú hann",
    "af": "nie het ek jy ook",
}
_ENGLISH_WORDS = frozenset(
    """the and of to a in is it that for you with on as are this be at by or have from not an
    was but what all can my i your we they he she if do will me how about there which their
    has had would should could been were our his her them its than then so no yes one when
    where who why these those some any into out up more also just like get make please""".split()  # noqa: SIM905
)
_LANGUAGES_OF: dict[str, frozenset[str]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        if _word not in _ENGLISH_WORDS:
            _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, frozenset()) | {_language}
_WORD = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted(map(re.escape, _LANGUAGES_OF), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# Letters only Vietnamese (and Yoruba) write: a Latin-script language with no function word
# list here.
_VIETNAMESE = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)


def _other_script(sentence: str) -> bool:
    """Mostly letters of a script other than Latin."""
    letters = len(_LETTER.findall(sentence))
    if letters < MIN_OTHER_LETTERS:
        return False
    other = letters - len(_LATIN.findall(sentence))
    return other >= MIN_OTHER_LETTERS and other * 2 >= letters


def _latin_other_language(sentence: str) -> bool:
    """Function words of one other language, more of them than English ones; or lowercase
    words with letters English does not write ("dziewięć", "contraseña", "beş"), two or more
    and at least one in eight of the sentence's lowercase words (names are capitalised)."""
    words = _WORD.findall(sentence)
    lowercase = [w for w in words if w[0].islower()]
    accented = sum(1 for w in lowercase if not w.isascii())
    if accented >= 2 and accented * 8 >= len(lowercase):
        return True
    counts: dict[str, int] = {}
    english = 0
    for word in (w.lower() for w in words):
        if word in _ENGLISH_WORDS:
            english += 1
        for language in _LANGUAGES_OF.get(word, ()):
            counts[language] = counts.get(language, 0) + 1
    best = max(counts.values(), default=0)
    return best >= MIN_FUNCTION_WORDS and best > english


def unread_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(begin, end) of each sentence of ``text[start:end]`` in a language the detector cannot
    read."""
    end = len(text) if end is None else end
    region = text[max(0, start - 400) : end]
    # Cheap tests first (in C): most windows are English, code or numbers.
    other = not region.isascii() and (
        len(_OTHER_LETTER.findall(region)) >= MIN_OTHER_LETTERS
        or len(_VIETNAMESE.findall(region)) >= 2
    )
    latin = not region.isascii() or (
        sum(map(_LANGUAGES_OF.__contains__, _WORD.findall(region.lower()))) >= MIN_FUNCTION_WORDS
    )
    if not other and not latin:
        return []
    out = []
    for b, e in sentence_bounds(text, start, end):
        sentence = text[b:e]
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
