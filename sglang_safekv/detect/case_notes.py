"""Tier 1: a named colleague's private matter in HR and meeting notes.

"Skip-level notes ... - Flagged that Oluwaseun Adebayo has been struggling since his father
died in August ... bereavement leave extension + EAP referral", "GRIEVANCE LOG ...
Complainant: Shanice Powell (Band 5 Staff Nurse, Ward 7)": notes name people by their full
name and say what happened to them in shorthand, with no "my" or "patient" for the private
matter rule to hold on to, and tier 3 reads sentences one at a time. Under a header that says
the text is notes or a case record:

- notes ("1:1", "meeting notes", "handover notes", "HR sync", "debrief"): a line that names a
  person (two capitalised words or more) and a private matter (a death, a warning, sick leave,
  drink, a pregnancy, a grievance, ...) is private from the earlier of the two;
- a case record ("grievance", "disciplinary", "investigation", "incident report",
  "safeguarding", "sickness absence"): being its subject is the private matter, so the first
  "Role: Name" line (complainant, employee, subject, ...) is private from the name on;
- a record about one person ("Intake - Rosa Delgado-Pineda:", "504 plan accommodations for
  Ethan Cho (Gr 11):", "Subject: Confidential - separation of Rafael Delgado", "Cycle summary
  for Mei-Ling Tsao"): the header names whose record it is, and the lines below say what
  happened to them ("Type 1 diabetes", "undocumented", "the PIP that ended 11/15") without
  naming them again. When the text tells a private matter within ``SUBJECT_REACH``
  characters and goes on about one person ("she", "his", or "(Gr 11)", "& partner" right
  after the name), the header's name is private. Only record words count (intake, care plan,
  504 plan, case summary, separation of, ...): "Evaluation: Winston Churchill", "Care Plan:
  Diabetes Mellitus" and "Termination of Employment Policy" are essays, templates and policies.

Without a header, two cues in one line say the same (``role_matter_spans``):

- a role that marks a private person, then a full name, and a private matter further on the
  same line ("At 02:40 resident Ezekiel Ferro was found unresponsive ... Narcan", "Participant:
  Shaniqua Dorsey, Case 26-DC-0119. UA results: ... POSITIVE fentanyl"); a decedent's name is
  its own matter ("Direct cremation (decedent: Phyllis Oduya)"); a name with an age, then a
  run report's words ("w/ 1, John Pasternak, 29, GSW left thigh, tourniquet applied"); a
  message for someone about a call back, an account or a reference ("This message is for
  Shonda Ellis. Please return our call ..."); a lawsuit's caption of a company against a
  person with its case number ("MONEYKEY INC v. Curtis Oyelaran, Case No. ..."); an IEP goal's
  student ("Given visual cues, Aaliyah Brooks will produce ...", with IEP or a Dx on its line);
- a case number of a court's confidential kind (domestic violence, guardianship, juvenile,
  mental health, family, drug court: "case 24-DV-03318", "Case No. 26-GD-00871"): the first
  full name before it on its line is private, else the number.

A header alone is no finding ("Release notes", "Meeting minutes: roadmap review" with no
one's matter in them stay public).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.record_fields import NOT_A_PERSON_WORD
from sglang_safekv.detect.record_subject import person_like
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
HEADER_CHARS = 300  # the header is in the text's first lines
HEADER_LINES = 3
MAX_LINE_CHARS = 600
SUBJECT_REACH = 1500  # how far below a record's header its private matter may be
SUBJECT_OPENS = 60  # how far into its line a record's header word may start

# Notes about people, not about software ("Release notes", "Patch notes", "Sync changelog",
# "Press notes" and council minutes stay out: they name products and public officials).
_NOTES = re.compile(
    r"\b(?:1:1|1-on-1|one-on-one|skip-level|(?:meeting|team|stand-?up|hr|handover|shift"
    r"|supervision|appraisal|case|session|coaching|mentoring|catch-up|interview) notes|hr sync"
    r"|catch-up with|debrief|performance review|attendees|participants:)\b",
    re.IGNORECASE,
)
_CASE = re.compile(
    r"\b(?:grievance|disciplinary|investigation|incident report|safeguarding|sickness absence"
    r"|absence (?:record|log)|return[- ]to[- ]work|fit note|misconduct|welfare (?:check|meeting)"
    r"|occupational health|complaint (?:log|record|form))\b",
    re.IGNORECASE,
)
# A colleague's private matter in the shorthand of notes (the private matter rule's words are
# wider: "diagnostics", "suspended" are words of release notes too).
_WORK_MATTER = re.compile(
    r"\b(?:bereave\w*|passed away|died|death in (?:the|his|her|their) family|funeral"
    r"|under the influence|intoxicated|drunk|occupational health|(?-i:EAP)|employee assistance"
    r"|sick(?:ness)? (?:leave|absence|note)|fit note|stress leave|mental health"
    r"|pregnan\w*|maternity|paternity|miscarriage|divorc\w*|custody|grievance|disciplinary"
    r"|(?:final|written|verbal) warning|gross misconduct|dismissed|dismissal"
    r"|performance improvement plan"
    r"|(?-i:PIP)|struggling|burn-?out|therap(?:y|ist)|counsell?ing|rehab\w*|diagnos(?:is|ed)|surgery"
    r"|chemo\w*|cancer|garnish\w*|arrest\w*|harass\w*|bullying|discriminat(?:ion|ed)|alleg\w*"
    r"|relaps\w*|panic attacks?|affair|addiction|alcohol\w*|overdos\w*|suicid\w*|self-harm"
    r"|miscarr\w*|(?-i:IVF)|hospitali[sz]ed|in hospital|bankrupt\w*|debt collect\w*)\b",
    re.IGNORECASE,
)
# Eating disorders, a record's matter and a patient's line's ("Ethan Gallo, 14M, ARFID").
_EATING_DISORDERS = r"anorexi\w*|bulimi\w*|(?-i:ARFID)|eating disorder"
# What a record about one person tells, besides the shorthand of notes: health, status, money.
_RECORD_MATTER = re.compile(
    r"\b(?:diabet\w*|insulin|asthma|epilep\w*|seizures?|autis\w*|(?-i:ADHD)|dyslexi\w*"
    r"|(?-i:HIV)|(?-i:VIH)|(?-i:SIDA)|hepatitis|depress(?:ion|ive)|anxiety|bipolar|schizo\w*|dementia|psychiatric"
    r"|oocytes?|embryos?|fertility|miscarriage|undocumented|asylum|deport\w*|visa overstay"
    r"|parole|probation|terminat(?:ion|ed)|severance|laid off|evict\w*|arrears|overdue rent"
    r"|income|salary|wages|benefits claim|disabilit(?:y|ies)|allerg\w*|medication"
    r"|charged with|indicted|convicted of|pleaded guilty|gambling|plagiari\w*"
    r"|alimony|child support|spousal (?:support|maintenance)|marital (?:portion|share|estate)"
    rf"|{_EATING_DISORDERS}"
    # pregnancy and allergies in the languages of a salon's or a clinic's client card
    r"|gestante|gr[áa]vida|embarazada|enceinte|schwanger|incinta|zwanger|w ciąży|alerg\w*"
    r"|allergi\w*|amamentando|lactante|allaite|stillt|ammar)\b",
    re.IGNORECASE,
)
# A patient's eating disorder or cancer after an aged, sexed name ("Q. Abernethy, 66M, NSCLC
# stage IIIA").
_PATIENTS_MATTER = re.compile(
    rf"\b(?:{_EATING_DISORDERS}|binge eating|(?:cancer|carcinoma|lymphoma|leuk\w*mia|melanoma"
    r"|sarcoma|myeloma|metasta\w*|oncolog\w*|(?-i:NSCLC|SCLC|CLL|DCIS))\b(?![ \t]+(?:research"
    r"|vaccines?|trials?|charity|fund\w*|nurses?|cent(?:er|re)s?|awareness|society|institute"
    r"|drugs?|cell|therap\w*|treatments?|biotech\w*|startups?)\b))",
    re.IGNORECASE,
)
_OLDEST = 110  # an age after a name; "121M", "180M" are amounts
_AGE = re.compile(r"\d+")
_PART = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)?"
# Two or three capitalised words, an initial between allowed ("Shaniqua L. Dorsey").
_INITIALLED_NAME = rf"{_PART}(?:[ ](?:[A-Z]\.|{_PART})){{1,2}}"
_FULL_NAME = re.compile(rf"(?<![\w'’-]){_PART}(?:[ ]{_PART}){{1,2}}(?![\w'’-])")
_ROLE_LINE = re.compile(
    r"^[ \t*•-]*(?i:complainant|respondent|employee|employee name|staff member|name of employee"
    r"|alleged perpetrator|accused|claimant|colleague|member of staff|injured person|raised by)"
    rf"[ \t]*:[ \t]*(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?(?P<name>{_PART}(?:[ ]{_PART}){{1,2}})",
    re.MULTILINE,
)
# A header that says whose record follows: a record word, then "for", "of", "re", a dash or a
# colon, then the name (an optional title, a name of two or three words).
_SUBJECT_HEADER = re.compile(
    r"\b(?:(?i:intake|(?-i:504) plan(?: accommodations)?|(?-i:IEP)|care plan|treatment plan"
    r"|cycle summary|discharge summary|case summary|progress notes?|consult(?:ation)? notes?)"
    r"[ \t]*(?:(?i:for|re|regarding)[ \t]+|[-–—:][ \t]*)"
    # "of" only after a word no essay opens with ("Separation of Duties" is no person: below)
    r"|(?i:separation|termination|offboarding|dismissal)[ \t]+(?i:of|for|re)[ \t]+)"
    rf"(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?(?P<name>{_PART}(?:[ ]{_PART}){{1,2}})(?![\w'’-])"
)
# The record goes on about one person: "she", "his", or a cue right after the name ("& partner",
# "(Gr 11)", "(DOB ...", "(34)"). Documents about a condition, a policy or a product ("Care
# Plan: Diabetes Mellitus", "Termination of Employment Policy") say "patients", "employees",
# "he or she".
_ONE_PERSON = re.compile(r"\b(?i:she|he|him|his|her|hers)\b")
_ANYONE = re.compile(
    r"\b(?i:he or she|she or he|his or her|her or his|him or her)\b|\b(?i:s/he|he/she|his/her|her/his)\b"
)
_PERSON_CUE_AFTER = re.compile(
    r"[ \t]*(?:(?:&|and)[ \t]+(?i:partner|husband|wife|spouse)\b"
    r"|\((?i:gr(?:ade)?\.?[ \t]*\d|dob\b|age\b|mrn\b|\d{1,2}\s*(?:y|yo|yrs?)?\)))"
)
# Titles of public figures and words of documents that read like names in a header.
_NOT_A_RECORDS_PERSON = frozenset(
    """prince princess king queen president senator governor pope saint st sir lord lady duke
    duchess emperor general policy procedure template form guide overview disorder disease
    syndrome students employees staff patients children adults members team department""".split()  # noqa: SIM905
)


# Roles that mark a private person in a report or a record ("resident", "participant", "client"),
# then the name; not "President", "Senator" or an author. Written in lower case, or as a field
# with a colon or a dash: a title-case role is a heading or a title ("Participant Information
# Sheet", "Inmate Search", "Resident Evil"), and "Minnesota resident George Floyd" is news.
_PRIVATE_ROLE = (
    r"(?:resident|participant|client|patient|inmate|tenant|caller|decedent|debtor"
    r"|alternate payee|Alternate Payee"  # a QDRO's ex-spouse, who takes part of a pension
    r"|cliente|paciente|patiente|paziente|klient|klientin|pacjent|pacjentka)"
)
# Roles that count only as a record's field ("Defendant: Rodney Pike", "Taxpayer: Keisha L.
# Monroe"): in prose they are as often news of a public trial ("defendant Ross Ulbricht was
# charged with ...").
# A parolee or a probationer only as a field ("Parolee: Darnell Whitaker-Fox"): in prose they
# name parties of landmark cases ("parolee John Morrissey") and news.
_FIELD_ROLE = rf"(?:{_PRIVATE_ROLE[3:-1]}|defendant|taxpayer|parolee|probationer)"
# Not after a capitalised word of three to nine letters ("Minnesota resident"): ``re`` takes
# lookbehinds of one width only, so one for each.
_AFTER_NO_PLACE = "".join(rf"(?<![A-Z][a-z]{{{n}}} )" for n in range(2, 9))
_ROLE_NAME = re.compile(
    rf"(?<![\w-])(?:{_AFTER_NO_PLACE}{_PRIVATE_ROLE}[ \t]+"
    rf"|(?i:{_FIELD_ROLE})(?:[ \t]*[:–—]|[ \t]+-)[ \t]*)"  # not "Taxpayer-Funded"
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?"
    rf"(?P<name>{_INITIALLED_NAME})(?![\w'’-])"
)
# Words of custody after a name ("inmate Ricky Dunham, BOP register number 48213-074"): being
# held is the matter.
_CUSTODY = re.compile(
    r"\b(?:register(?:ation)? (?:number|no\.?)|booking (?:number|no\.?|#)|(?-i:DOC) ?(?:#|no\.?)"
    r"|(?-i:BOP)|(?-i:FCI)|commissary|correctional (?:facility|institution|cent(?:er|re))"
    r"|cell ?block|in custody)",
    re.IGNORECASE,
)
# A voicemail or a letter that says whom it is for, then what it is about ("This message is
# for Shonda Ellis. Please return our call regarding a personal business matter, reference
# number PRA-2291-0048"): a collector's or a clinic's message to someone.
_MESSAGE_FOR = re.compile(
    r"\b(?i:this|the)[ \t]+(?i:message|voicemail|call|letter|notice)[ \t]+(?i:is)[ \t]+"
    r"(?i:only[ \t]+|intended[ \t]+)*(?i:for)[ \t]+(?:(?:Mr|Mrs|Ms|Mx|Dr)\.?[ \t]+)?"
    rf"(?P<name>{_INITIALLED_NAME})(?=[ \t]*(?:[.,;:!]|$))"
)
_MESSAGE_ABOUT = re.compile(
    r"\b(?:return (?:our|my|this|the) call|call (?:us|me) back|reference (?:number|no\.?|#)"
    r"|your (?:account|balance|appointment|test results?)|business matter|past due|debt)",
    re.IGNORECASE,
)
# A script's, a template's or a warning's sample message, not one someone received.
_SAMPLE_MESSAGE = re.compile(
    r"\b(?:script|template|example|sample|scam|e\.g\.|for instance|phishing|fraudsters?"
    r"|tutorial|demo|documentation|docs)\b",
    re.IGNORECASE,
)
SAMPLE_REACH = 200
# A lawsuit's caption, a lender or a collector against a person, with its case number
# ("MONEYKEY INC v. Curtis Oyelaran, Case No. 2024-SC-00817"): a consumer sued for a debt.
# Not the government's or an agency's cases ("UNITED STATES v. ...", "SEC v. Elon Musk"), a
# federal docket, nor landmark cases cited by reporter ("New York Times Co. v. Sullivan").
_CAPTION = re.compile(
    r"\b(?i:inc|llc|corp|bank|n\.a|funding|credit|lending|loans?|recovery|collections?"
    r"|portfolio|acquisitions?|receivables)\.?,? vs?\.? "
    rf"(?P<name>{_INITIALLED_NAME}),?[ \t]+"
    r"(?i:case|docket|index|claim|cause)[ \t]+(?i:no\.?|number|#)[ \t:]*(?P<number>\S+)"
)
# A family's agreement names its parties ("Maintenance agreement between Annika Solberg and
# Peter Solberg"): being a party is the matter. Two persons' names, so not an aircraft's
# maintenance, a guide's "for Military Families" or a party's "between Sinn Féin and ...";
# not a divorce's or a settlement's (news tells those of public people).
_FAMILY_AGREEMENT = re.compile(
    r"\b(?i:maintenance|separation|parenting|custody|child support|spousal support|alimony)"
    r"[ \t]+(?i:agreement|order|plan|arrangement)[ \t]+(?i:between)[ \t]+"
    rf"(?P<name>{_INITIALLED_NAME})[ \t]+(?i:and)[ \t]+(?P<other>{_INITIALLED_NAME})"
)
# A federal court's or an appeal's docket ("1:22-cr-00673", "22-451"): public cases.
_FEDERAL_DOCKET = re.compile(r"\d:\d{2}-|-c[rv]-|^\d{2}-\d{3,4}\b", re.IGNORECASE)
# An IEP goal names its student: "Given visual cues, Aaliyah Brooks will produce /r/ ...".
_GOAL = re.compile(
    r"\b(?:Given|When given|When presented with)[^,\n]{3,80}, "
    rf"(?P<name>{_PART}(?:[ ]{_PART}){{1,2}}) will\b"
    r"(?=[^\n]*\b(?:accuracy|trials|opportunities|wcpm|out of \d+|\d+ ?%))"
)
_SAMPLE_GOAL = re.compile(r"\b(?i:sample|fictional|training|goal bank|example|template)\b")
_GOAL_RECORD = re.compile(r"\b(?:(?-i:IEP)|(?-i:IFSP)|504 plan|(?-i:Dx):|(?i:diagnosis):)")
# Being one is the matter: a funeral's bill, a probate file; a parole or probation officer's
# note ("Parolee: Darnell Whitaker-Fox, DOC# 1184409").
_SELF_MATTER_ROLES = ("decedent", "parolee", "probationer")
# Words of substance use, its emergencies and a death, which reports write without "addiction".
_SUBSTANCE = re.compile(
    r"\b(?:fentanyl|heroin|opioids?|methamphetamine|meth|cocaine|crack|narcan|naloxone"
    r"|unresponsive|detox|withdrawal|positive for|tested positive|(?-i:UA) results?"
    r"|drug screens?|drug court|sobriety|sober|found dead|pronounced dead|time of death)\b",
    re.IGNORECASE,
)
# A name with an age, as run reports write a patient ("w/ 1, John Pasternak, 29, GSW left
# thigh", "Lena Fischer 34F overdose", "Tom Reyes (29), stab wound"): the report's words right
# after the age, or anywhere on the line after an age with a sex or "y/o" (news writes "Matthew
# Perry, 54, was found unresponsive", "Tua Tagovailoa, 24, left with a concussion").
_AGED_NAME = re.compile(
    rf"(?<![\w'’-])(?P<name>{_PART}(?:[ ]{_PART}){{1,2}}|[A-Z]\.[ ]{_PART})"
    r"(?:,[ \t]*\d{1,3}(?:[ \t]*(?P<marker>y/?o|yo|[MF])\b)?"
    r"|[ \t]+\d{1,3}[ \t]*(?P<bare>y/?o|yo|[MF])\b|[ \t]*\(\d{1,3}\))"
    r"[ \t]*[,;(]?[ \t]*"
)
# A run report's words for what happened, right after the age (news goes on with a verb: "29,
# received CPR", "32, fractured his ankle").
_INJURY = re.compile(
    r"(?:(?-i:GSW)|gunshot wounds?|stab wounds?|lacerations?|fracture\b|(?-i:CPR)|(?-i:GCS)"
    r"|(?-i:LOC)|(?-i:DOA)|(?-i:MVC)|(?-i:MVA)|(?-i:OD)\b|c-collar|unresponsive|intubated"
    r"|overdose|chest pain|(?-i:SOB)\b|(?:burns?|injur(?:y|ies)|trauma) to\b)",
    re.IGNORECASE,
)
# A court case number of a confidential kind (domestic violence, guardianship, juvenile, mental
# health, family, protection from abuse, drug court): the year, the kind, a number, right after
# a case word. Not purchase orders, releases or probate (a public record).
_SEALED_CASE = re.compile(
    r"\b(?i:case|docket|petition)(?:[ \t]+(?i:no\.?|number|#|n[º°]))?[ \t]*[:#]?[ \t]*"
    r"(?P<number>(?:\d{2}|\d{4})-?(?:DV|GD|JV|JUV|MH|FAM|PFA|CJ|DC)-?\d{3,7})\b"
)
# A case number shown as a format or an example, not someone's.
_CASE_EXAMPLE = re.compile(r"(?i:\bformat\b|\be\.g\.|for example|\bexample\b|\bsample\b|YYYY)")
# Words of a court's heading, not of a party's name ("Case No", "Circuit Court", "Notice").
_COURT_WORDS = frozenset(
    """case no court county circuit district superior family juvenile probate notice hearing
    docket order re in the of state people matter""".split()  # noqa: SIM905
)
# Words of a document's title or a form's slot after a role, not of a name.
_NOT_A_PARTY = frozenset(
    """sheet form act checklist guide procedure policy search programs program information
    onboarding intake services service saved registers treatment full name evil village zero
    portal login account support data record records list frequently asked questions faq
    transfer request rights responsibilities handbook conditions""".split()  # noqa: SIM905
)
ROLE_LINE_CHARS = 400  # a report's line; longer is prose


def role_matter_spans(
    text: str, start: int, end: int, names: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(begin, end) from a private person's name (after a role, or before a confidential case
    number) to its line's end, for lines of ``text[start:end]`` that tell a private matter."""
    found = []
    for begin, stop, line in _lines(text, start, end, ROLE_LINE_CHARS):
        hit = _role_matter(line, text[max(0, begin - SAMPLE_REACH) : begin])
        if hit is not None:
            found.append((begin + hit[0], stop))
            if hit[1] > hit[0]:
                names.append((begin + hit[0], begin + hit[1]))
    return found


def _lines(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int, str]]:
    """(begin, stop, line) of each line of ``text`` that overlaps ``[start, end)`` and is at
    most ``max_chars`` long."""
    begin = text.rfind("\n", 0, start) + 1
    while begin < end:
        stop = text.find("\n", begin)
        stop = len(text) if stop < 0 else stop
        if stop - begin <= max_chars:
            yield begin, stop, text[begin:stop]
        begin = stop + 1


def _named(name: str, not_words: frozenset[str]) -> bool:
    """``name`` can be a private person's: none of its words (lowercased) is in ``not_words``."""
    return person_like(name, False) and not any(w.lower() in not_words for w in name.split())


def _role_matter(line: str, before: str = "") -> tuple[int, int] | None:
    """(start, end) in ``line`` of the private person's name (or the case number: end = start);
    ``before``: the text above the line, where a sample message's cue may be."""
    case = _SEALED_CASE.search(line)
    if case is not None and not _CASE_EXAMPLE.search(line):
        party = next(
            (
                n
                for n in _FULL_NAME.finditer(line, 0, case.start("number"))
                if _named(n.group(), _COURT_WORDS)
            ),
            None,
        )
        if party is not None:
            return party.start(), party.end()
        return case.start("number"), case.start("number")
    caption = _CAPTION.search(line)
    if (
        caption is not None
        and _a_persons(caption.group("name"))
        and not _FEDERAL_DOCKET.search(caption.group("number"))
    ):
        return caption.span("name")
    agreement = _FAMILY_AGREEMENT.search(line)
    if (
        agreement is not None
        and _a_persons(agreement.group("name"))
        and _a_persons(agreement.group("other"))
    ):
        return agreement.span("name")
    goal = _GOAL.search(line)
    if (
        goal is not None
        and _a_persons(goal.group("name"))
        and _GOAL_RECORD.search(line)
        and not _SAMPLE_GOAL.search(before + line)
    ):
        return goal.span("name")
    for m in _MESSAGE_FOR.finditer(line):
        if (
            not _SAMPLE_MESSAGE.search((before + line[: m.start()])[-SAMPLE_REACH:])
            and _named(m.group("name"), _NOT_A_RECORDS_PERSON)
            and _MESSAGE_ABOUT.search(line, m.end())
        ):
            return m.span("name")
    for m in _AGED_NAME.finditer(line):
        if not _named(m.group("name"), _NOT_A_PARTY):
            continue
        rest = line[m.end() :]
        sexed = m.group("marker") or m.group("bare")  # "29 y/o M", "34F": a patient's line
        age = _AGE.search(m.group(), len(m.group("name")))
        if sexed and age is not None and int(age.group()) > _OLDEST:
            continue
        if _INJURY.match(rest) or (
            sexed
            and (_INJURY.search(rest) or _SUBSTANCE.search(rest) or _PATIENTS_MATTER.search(rest))
        ):
            return m.span("name")
    for m in _ROLE_NAME.finditer(line):
        if not _named(m.group("name"), _NOT_A_PARTY):
            continue
        rest = line[m.end() :]
        if (
            m.group().lower().startswith(_SELF_MATTER_ROLES)
            or _WORK_MATTER.search(rest)
            or _RECORD_MATTER.search(rest)
            or _SUBSTANCE.search(rest)
            or (m.group().lower().startswith("inmate") and _CUSTODY.search(rest))
        ):
            return m.span("name")
    return None


def _a_persons(name: str) -> bool:
    """A caption's or a goal's name that is a person's, not a company's ("APPLE INC v. Samsung
    Electronics")."""
    return person_like(name, False) and NOT_A_PERSON_WORD.isdisjoint(name.split())


def _header_lines(text: str) -> list[str]:
    """The text's first ``HEADER_LINES`` non-blank lines within ``HEADER_CHARS``."""
    return [line for line in text[:HEADER_CHARS].split("\n") if line.strip()][:HEADER_LINES]


def _header_subject(text: str, end: int) -> tuple[int, int] | None:
    """(begin, end) of the name a record's header gives, when the record tells a private
    matter about one person within ``SUBJECT_REACH`` characters of it; None otherwise."""
    head = text[:HEADER_CHARS]
    for line in _header_lines(text):
        # The record word opens its line (a one-line intake note goes on after the name).
        m = _SUBJECT_HEADER.search(line, 0, SUBJECT_OPENS + 80)
        if m is None or m.start() > SUBJECT_OPENS:
            continue
        name = m.group("name")
        if not _named(name, _NOT_A_RECORDS_PERSON):
            return None
        offset = head.find(line)
        begin, stop = offset + m.start("name"), offset + m.end("name")
        if begin >= end:
            return None
        reach = text[stop : stop + SUBJECT_REACH]
        if not (_RECORD_MATTER.search(reach) or _WORK_MATTER.search(reach)):
            return None
        one_person = _PERSON_CUE_AFTER.match(text, stop) is not None or (
            _ONE_PERSON.search(_ANYONE.sub(" ", reach)) is not None
        )
        return (begin, stop) if one_person else None
    return None


def _header(text: str) -> tuple[bool, bool]:
    """(notes, case record): what the text's first lines say it is."""
    head = "\n".join(line for line in _header_lines(text) if len(line) <= 120)
    return _NOTES.search(head) is not None, _CASE.search(head) is not None


def case_note_spans(
    text: str, start: int, end: int, names: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """(begin, end) of each private line of notes or a case record in ``text[start:end]``;
    the (begin, end) of each line's name is added to ``names``."""
    names = [] if names is None else names
    found = []
    subject = _header_subject(text, end)
    if subject is not None and subject[1] > start:
        found.append(subject)
        names.append(subject)
    found += role_matter_spans(text, start, end, names)
    notes, case = _header(text)
    if not (notes or case):
        return found
    if case:
        for m in _ROLE_LINE.finditer(text, 0, end):
            if person_like(m.group("name"), False) and m.end() > start:
                found.append((m.start("name"), m.end()))
                names.append((m.start("name"), m.end()))
                break
    for begin, stop, line in _lines(text, start, end, MAX_LINE_CHARS):
        name = next((n for n in _FULL_NAME.finditer(line) if person_like(n.group(), False)), None)
        if name is not None:
            matter = _WORK_MATTER.search(line)
            if matter is not None:
                found.append((begin + min(name.start(), matter.start()), stop))
                cut = 2 if name.group().endswith(("'s", "’s")) else 0  # "Tom Aldridge's"
                names.append((begin + name.start(), begin + name.end() - cut))
    return found


class CaseNoteRecognizer(Recognizer):
    tier = 1
    name = "case_notes"
    categories = frozenset({Category.PERSONAL, Category.PERSON})  # the line, and its name

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        out = []
        for w in windows:
            names: list[tuple[int, int]] = []
            lines = case_note_spans(w.text, w.start, w.end, names)
            # The name as a PERSON span of its own: the same name earlier (a header "1:1 notes
            # with Priya Raman") is then private too (``repeated.py``).
            out.append(
                [Span(b, e, Category.PERSONAL, 1, SCORE, self.name) for b, e in lines]
                + [Span(b, e, Category.PERSON, 1, SCORE, self.name) for b, e in names]
            )
        return out
