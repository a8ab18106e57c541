"""Tier 1: a named person's medical or legal matter in a record.

A roster row "Rosa Delgado,2027-01-14,preeclampsia hx", "defendant Rodney Pike, charged with
illegal bookmaking", "donor #88 (Harvey Lindell, 72) ... carries the Huntington's gene": the
other readers need a cue word for the person ("my", "patient", a title) or for the matter
("diagnosed", "cancer"), and these lines have neither. Here the person is a full name whose
first word is a given name (the name lists of Faker's locales, installed with the package)
and which is a record's: after a role's label, opening a CSV row, or a letter's reader. The
matter is a word of medicine or criminal law after the name in its sentence or table row: a
condition, injury, drug or device (by its word or by the endings medicine builds its words
with: -itis, -osis, -ectomy, -olol, -statin, ...), or a charge, plea or sentence. The span
runs from the name to the end of its sentence or row: the first private character is the
name.

News, headlines, bylines, logs and catalogues name people in prose or after a date
("Selena Gomez revealed that she has lupus", "2024-03-01 | Maria Garcia | feat: asthma
codes"): no record here, so they stay public, and so does a private log line such as "11/04
Unit 57 — Carlos Reyes-Dominguez — DOT physical: sleep apnea" (two reviews found dates and
table bars before names in too much public text).
"""

from __future__ import annotations

import bisect
import functools
import importlib
import pkgutil
import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.personal import PLACEHOLDER_NAMES
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

SCORE = 0.9
_REACH = 400  # characters before the window that can name the person

# Words that medicine builds conditions, procedures and drug names with. Each ending lists the
# stems it takes, or excludes the common words that share it ("academia", "nostalgia",
# "empathy", "microscopy", "diploma", "osmosis").
_HEALTH_ENDINGS = (
    r"[a-z]{3,}itis"
    r"|(?!(?:osm|symbi|mit|mei|apopt|hypn|metamorph|prognos|diagnos|apothe|the|gn|ken|anamorph)osis)[a-z]{2,}osis"
    r"|(?!(?:acad|boh)emia)[a-z]{2,}a?emia"
    r"|(?:carcin|melan|lymph|sarc|gli|my|fibr|aden|mening|lip|hemat|haemat|neur|blast|mesotheli"
    r"|glauc|trach|granul|angi|papill|terat|astrocyt|semin|retinoblast|hepat)omas?"
    r"|(?!(?:nost)algia)[a-z]{3,}algia"
    r"|(?!(?:em|sym|tele|anti|a|homeo|osteo)pathy)[a-z]{2,}opath(?:y|ies)"
    r"|(?!dichotomy)[a-z]{3,}(?:ectomy|otomy|ostomy|plasty)"
    r"|(?!(?:micro|spectro|tele|stereo|crystallo|radio|holo)scopy)[a-z]{3,}oscopy"
    r"|(?:a|hyper|dys|hypo)trophy|[a-z]{3,}plegi[ac]|[a-z]{3,}lepsy|[a-z]{3,}phrenia"
    r"|(?:tachy|brady)cardia|[a-z]{3,}rrh(?:o)?ea|[a-z]{3,}penia|[a-z]{3,}iasis"
    # drug families: beta blockers, ACE inhibitors, statins, benzodiazepines, SSRIs, triptans,
    # proton-pump inhibitors, antibiotics, antivirals, antibodies, kinase inhibitors
    r"|[a-z]{3,}(?:olol|opril|sartan|statin|azepam|azolam|oxetine|triptan|prazole|tidine"
    r"|dronate|gliptin|formin|profen|codone|morphone|cillin|mycin|cycline|floxacin|conazole"
    r"|ciclovir|cyclovir|tinib|semide|thiazide|afil|lukast|tropium|terol)"
)
# Conditions, injuries, treatments and devices that no ending gives.
_HEALTH_WORDS = (
    r"sleep apno?ea|apno?ea|asthma\w*|allerg(?:y|ies|ic)|anaphyla\w*|diabet\w*|hypertension"
    r"|hypotension|seizures?|epilep\w*|migraines?|concussions?|fractur(?:e|ed|es)"
    r"|sprain(?:ed|s)?|(?:hamstring|groin|calf|muscle|back) strain|torn (?:acl|meniscus"
    r"|ligament|rotator cuff)|acl (?:tear|reconstruction)|dislocat\w*|whiplash|heart attack"
    r"|cardiac arrest|arrhythmi\w*|a-?fib|atrial fibrillation|pacemaker|angina|copd|emphysema"
    r"|cystic fibrosis|mucoviscidose|dementia|alzheimer\w*|parkinson'?s|autis\w*|adhd|ptsd"
    r"|ocd|bipolar (?:disorder|i|ii|1|2)|schizo\w*|eating disorder|anorexi\w*|bulimi\w*|pcos|infertil\w*|ivf"
    r"|pregnan\w*|pre-?eclampsia|eclampsia|gestational|miscarr\w*|c-section|hiv|hepatitis"
    r"|tuberculosis|chlamydia|gonorrh\w*|syphilis|herpes|hpv|cancer|tumou?rs?|chemo\w*"
    r"|radiotherapy|dialysis|kidney failure|renal failure|cirrhosis|lupus|crohn'?s|c(?:o)?eliac"
    r"|psoriasis|eczema|rosacea|hirsutism|alopecia|obes(?:e|ity)|insomnia|narcolep\w*"
    r"|cataracts?|macular degeneration|keratoconus|tinnitus|hearing loss|dyslexi\w*"
    r"|dyspraxi\w*|amputat\w*|huntington'?s|sickle cell|ha?emophilia|down syndrome"
    r"|cerebral palsy|multiple sclerosis|(?:had|suffered|survived) a stroke"
    r"|pneumonia|sepsis|overdos\w*|relapse\w*|self-harm\w*|suicid\w*|opioid\w*|methadone|suboxone"
    r"|buprenorphine|naltrexone|insulin|metformin|ozempic|wegovy|mounjaro|semaglutide"
    r"|accutane|isotretinoin|adderall|ritalin|xanax|valium|klonopin|ativan|zoloft|prozac"
    r"|lexapro|wellbutrin|seroquel|abilify|truvada|descovy|biktarvy|epipen|inhaler"
    r"|cpap|beta[- ]blockers?|blood thinners?|warfarin|eliquis|xarelto|antidepressants?"
    r"|antipsychotics?|steroids?|birth control|contracepti\w*|morning-after pill"
)
# Charges, pleas and sentences: a named person in one is on a criminal record.
_LEGAL_WORDS = (
    r"charged with (?:\w+ ){0,3}(?:illegal|murder|assault|theft|fraud|possession|battery"
    r"|burglary|robbery|trafficking|manslaughter|homicide|embezzl\w*|launder\w*|dui|dwi"
    r"|misdemeanou?r|felony|crimes?|offen[cs]es?|counts?|harassment|stalking|vandalism"
    r"|trespass\w*|arson|kidnapping|bribery|perjury|obstruction|conspiracy|larceny"
    r"|shoplifting|driving)"
    r"|indicted|arraign\w*|plea (?:deal|bargain|agreement|offer)|offered a plea"
    r"|pleaded guilty|pled guilty|guilty plea|felon(?:y|ies)|misdemeanou?rs?|probation"
    r"|on parole|parole (?:officer|hearing|board|violation)|sentenced|incarcerat\w*"
    r"|restraining order|protective order|dui|dwi|criminal record|convicted"
)
HEALTH_TERM = re.compile(rf"(?i)\b(?:{_HEALTH_ENDINGS}|{_HEALTH_WORDS})\b")
LEGAL_TERM = re.compile(rf"(?i)\b(?:{_LEGAL_WORDS})\b")

# A capitalised word of a name: "Reyes-Dominguez", "DeLuca", "O'Brien", "Castillo-Reyes".
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:[-'’][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"
# Given name, an optional middle initial, a surname; in capitals too ("QUINTON ABERNATHY").
_FULL_NAME = re.compile(
    # a lookahead, so that "Dear Efraín Castillo-Reyes" is tried from "Efraín" too
    rf"(?<![\w@./])(?=(?P<given>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)(?:\s+[A-Z]\.)?\s+(?P<surname>{_CAP})(?![\w@]))"
    r"|(?<![\w@./])(?=(?P<given_caps>[A-Z]{2,})\s+(?P<surname_caps>[A-Z]{2,}(?:-[A-Z]{2,})?)(?![\w@]))"
)
# Words that a given name also is and that open ordinary phrases ("May Day", "Will Power").
_NOT_A_GIVEN_NAME = frozenset(
    """Will May Mark Grace Hope Page Chase Art Bill Case Rose Summer Faith Joy Dawn Holly
    Ivy Jasmine Lily Daisy Iris Violet Olive Amber Crystal Ruby Pearl Star Sky Rich Sterling
    Miles Wade Lane Dale Glen Glenn Ray Guy Major Young Long Gay Royal Price Hunter Mason
    Carter Cooper Parker Taylor Baker Porter Dean Penny Sunny Sandy Rusty Brandy Ginger
    Autumn April June August Christian Justice Heaven Harmony Melody Unity Liberty Destiny
    Paris China Victoria Florence Austin Jordan Georgia Dallas Houston Phoenix Sydney Adelaide
    Brooklyn Madison Jackson Lincoln Washington Kent Devon Lorraine Israel Lourdes Santiago
    Sierra Nevada Virginia Carolina Dakota Cheyenne Aurora Sol Luna Estrella Bella Angel
    Saint Sainte""".split()  # noqa: SIM905
)
# The second word of what is not a person ("Grace Period", "Parkinson Disease Foundation").
_NOT_A_SURNAME = frozenset(
    """Syndrome Disease Disorder Foundation Institute Hospital Clinic Center Centre Medical
    Health University College School Street Road Avenue County Court Act Law Day Week Month
    Award Prize Fund Trust Society Association Research Program Programme Project Study Trial
    Group Team Unit Ward Department Service Services Care Scale Score Test Index Protocol
    Guidelines Guide Manual Report Review Journal Press News Times Post""".split()  # noqa: SIM905
)
# The writer does not name someone this way: fiction, a character, an example.
_NOT_ABOUT_SOMEONE = re.compile(
    r"(?i)\b(?:characters?|novel|fiction|fictional|story|screenplay|logline|protagonist"
    r"|villain|npc|cast|dramatis|hypothetical|example|sample (?:data|rows?|tables?|output"
    r"|records?|csv|file)|dataset|tutorial"
    r"|exercise|dummy|fake|mock|placeholder)\b"
)


@functools.cache
def given_names() -> frozenset[str]:
    """Given names in Latin script of every Faker locale (about 20,000), minus the ones that
    are common words."""
    import faker.providers.person as locales

    names: set[str] = set()
    for module in pkgutil.iter_modules(locales.__path__):
        provider = getattr(
            importlib.import_module(f"{locales.__name__}.{module.name}"), "Provider", None
        )
        if provider is None:
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            values = vars(provider).get(attribute)
            if isinstance(values, dict):
                values = list(values)
            if not isinstance(values, (list, tuple)):
                continue
            names.update(
                n
                for n in values
                if isinstance(n, str)
                and len(n) > 1
                and n[0].isupper()
                and n.isalpha()
                and all(ord(c) < 0x250 for c in n)
            )
    return frozenset(names - _NOT_A_GIVEN_NAME)


def _names(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the full names of private-looking persons in records in
    ``text[begin:end]``."""
    known = given_names()
    found = []
    for m in _FULL_NAME.finditer(text, begin, end):
        caps = m.group("given") is None
        given = m.group("given_caps").title() if caps else m.group("given")
        surname = m.group("surname_caps").title() if caps else m.group("surname")
        after = m.end("surname_caps" if caps else "surname")
        if after > end or given not in known or surname in _NOT_A_SURNAME:
            continue
        if f"{given} {surname}".lower() in PLACEHOLDER_NAMES:
            continue  # "John Doe" stands for anyone
        lo = max(0, m.start() - _BEFORE)
        before = text[max(lo, text.rfind("\n", lo, m.start()) + 1) : m.start()]
        if _BYLINE.search(before):
            continue
        greeted = _GREETING.search(before) is not None
        if (
            _SEPARATOR_AFTER.match(text, after)
            and (greeted or not _APPOSITION.match(text, after))
            and not _LIFE_DATES.match(text, after)
            and (greeted or _a_record(text, before, m.start(), after))
        ):
            found.append((m.start(), after))
    return found


_BEFORE = 80  # characters of the name's line before it that are read
_LINE = 500  # characters of a table row after a name that are read


def _row_end(text: str, after: int) -> int:
    """The end of the name's line, read at most ``_LINE`` characters past the name."""
    line_end = text.find("\n", after, after + _LINE)
    return after + _LINE if line_end < 0 else line_end


def _a_record(text: str, before: str, start: int, after: int) -> bool:
    """The name is a record's: a role's label before it ("defendant", "Recipient:", "donor
    #88 ("), or it opens a CSV row (commas without blanks) under no directory's header.

    Not a date, a number or a table's bars before it (review 2 of stop 48: commit logs, court
    calendars, press datelines, trial registries and library catalogues have them too)."""
    if _ROLE_BEFORE.search(before):
        return True
    if before.strip(" \t\"'"):
        return False
    row = text[start : _row_end(text, after)]
    if _CSV_ROW.match(row) is None:
        return False
    # the header: a CSV line above the row
    above = text[max(0, start - _LINE) : start].splitlines()
    return not any(line.count(",") >= 2 and _DIRECTORY_HEADER.search(line) for line in above)


# A directory's columns: "name,specialty,conditions" lists doctors, not patients (a roster's
# header in ``record_fields`` too). Above a CSV row, a programme's and an organisation's as well.
DIRECTORY_COLUMNS = frozenset(
    """specialty speciality department dept title role position practice clinic""".split()  # noqa: SIM905
)
_DIRECTORY_HEADER = re.compile(
    r"(?i)\b(?:"
    + "|".join(
        sorted(DIRECTORY_COLUMNS)
        + ["topic", "talk", "speaker", "author", "organi[sz]ation", "company"]
    )
    + r")\b"
)


# A CSV row opened by the name: commas with no blank after them ("Simone Biles, 27, withdrew"
# is prose).
_CSV_ROW = re.compile(r"[^,\n]+,(?! )[^,\n]*,(?! )")
# A label for the person a record is about, right before the name.
_ROLE_BEFORE = re.compile(
    r"(?i)\b(?:defendant|plaintiff|respondent|accused|patient|pt|client|member|employee"
    r"|worker|resident|tenant|student|pupil|recipient|holder|insured|claimant|applicant"
    r"|donor|driver|passenger|renter|participant|record found|inmate|offender|detainee)"
    r"[ \t]*(?:(?:#|no\.?)[ \t]*[\w-]+[ \t]*)?[:(,–—-]?[ \t]*\(?[ \t]*$"
)
# Who wrote, reviewed or presents it: "By Jennifer Smith, RN", "Instructor: Kevin Ahern".
_BYLINE = re.compile(
    r"(?i)\b(?:by|author|authors|instructor|speaker|presenter|host|moderator|keynote"
    r"|webinar|editor|reviewer|thanks to|triggered by)\b[ \t]*:?[ \t]*$"
)


# A record's name is followed by its next field ("Rosa Delgado,2027-01-14", "Frank DeLuca
# (H-2291)", "Carlos Reyes-Dominguez — DOT physical", "| Marcus Ilunga | hamstring"); prose
# about someone goes on with a verb ("Selena Gomez revealed that she has lupus").
_SEPARATOR_AFTER = re.compile(r"[ \t]*(?:[,;|:\t(\n]|[—–]|-[ \t]|$)")
# "Francesco Schettino, captain of the Costa Concordia", "Karen Miller, PharmD": a role.
_APPOSITION = re.compile(
    r"\s*,\s*(?:a|an|the|who|whose|which|known|former|then|best|famous|[a-z]+ (?:of|at|for)"
    r"|MD|RN|PharmD|PT|DPT|PhD|DO|NP|PA-C|MPH|BSN|FNP|LCSW|Esq)\b"
)
# "Dear Efraín Castillo-Reyes, the prosecutor has offered a plea": a letter's reader.
_GREETING = re.compile(r"(?i)\b(?:dear|hi|hello|hey)[ \t]+$")
# "Stephen Hawking (8 January 1942 - 14 March 2018)": a life's dates, an encyclopedia's lead.
_LIFE_DATES = re.compile(
    r"\s*\(\s*(?:born|b\.|d\.|c\.|\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}|\d{4}\b)"
)


class _Matters:
    """Where the words of a matter are in ``text[begin:end]``, found in one pass (each
    name then looks up its row instead of scanning it: 5,000 names in a 100 KB table)."""

    def __init__(self, text: str, begin: int, end: int) -> None:
        hits = [(m.start(), Category.HEALTH) for m in HEALTH_TERM.finditer(text, begin, end)]
        hits += [(m.start(), Category.PERSONAL) for m in LEGAL_TERM.finditer(text, begin, end)]
        hits.sort(key=lambda hit: hit[0])
        self._starts = [start for start, _ in hits]
        self._hits = hits

    def first(self, begin: int, end: int) -> Category | None:
        """The category of the first matter word starting in ``[begin, end)``; health
        before law when both are there."""
        found = None
        for i in range(bisect.bisect_left(self._starts, begin), len(self._hits)):
            start, category = self._hits[i]
            if start >= end or category is Category.HEALTH:
                return category if start < end else found
            found = category
        return found


def named_matter_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans from a person's name to the end of the sentence (or table row) that says a
    medical or legal matter about them, for sentences overlapping ``text[start:end]``."""
    end = len(text) if end is None else end
    begin = max(0, start - _REACH)
    names = _names(text, begin, end)  # rare in public text: the matter is read only after one
    if not names:
        return []
    found = []
    matters = _Matters(text, begin, min(len(text), end + _LINE))
    bounds = sentence_bounds(text, begin, end)
    for i, (b, e) in enumerate(bounds):
        k = bisect.bisect_left(names, (b, 0))
        if k == len(names) or names[k][0] >= e:
            continue
        name, after = names[k]
        if _NOT_ABOUT_SOMEONE.search(text, max(0, b - 200), e):
            continue
        stop = e
        row_end = _row_end(text, after)
        lo = max(0, name - _LINE)
        if text.count("|", text.rfind("\n", lo, name) + 1 or lo, row_end) >= 2:
            stop = min(row_end, end)  # a table row: its cells are one record
        category = matters.first(after, stop)  # not the surname itself ("Jokubaitis")
        # "... (locker 12). She had stopped taking her beta blockers."
        if (
            category is None
            and i + 1 < len(bounds)
            and _PRONOUN_OPENING.match(text, bounds[i + 1][0])
        ):
            category, stop = matters.first(*bounds[i + 1]), bounds[i + 1][1]
        if category is not None and stop > start:
            found.append(Span(name, stop, category, 1, SCORE, "named_matter"))
    return found


_PRONOUN_OPENING = re.compile(r"(?:She|He|They|Her|His|Their)\b")


class NamedMatterRecognizer(Recognizer):
    tier = 1
    name = "named_matter"
    categories = frozenset({Category.HEALTH, Category.PERSONAL})

    def load(self) -> None:
        given_names()

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [named_matter_spans(w.text, w.start, w.end) for w in windows]
