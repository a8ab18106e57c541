"""A named person and a medical or legal matter in one record line or sentence."""

import pytest

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.named_matter import given_names, named_matter_spans


def _first(text: str) -> str | None:
    spans = named_matter_spans(text, 0, len(text))
    return None if not spans else text[min(s.start for s in spans) :]


@pytest.mark.parametrize(
    "text, starts_with",
    [
        ("name,edd,notes\nRosa Delgado,2027-01-14,preeclampsia hx\n", "Rosa Delgado"),
        ("| Recipient: Colm Breathnach | Contents: PrEP (Descovy) x90", "Colm Breathnach"),
        ("Draft a motion: defendant Rodney Pike, charged with illegal bookmaking.", "Rodney Pike"),
        ("donor #88 (Harvey Lindell, 72) withdrew: he carries the Huntington's gene.", "Harvey"),
        ("Record found: Kevin J. Ashby, misdemeanor assault 2011", "Kevin J. Ashby"),
        # a letter's reader is no apposition's role
        ("'Dear Efraín Castillo-Reyes, the prosecutor has offered a plea: probation.'", "Efraín"),
        ("Inmate: QUINTON ABERNATHY - probation until 2027", "QUINTON ABERNATHY"),
        # an ending of medicine's words, a drug family
        ("Patient: Lena Ostrova: tendinitis, off until May", "Lena Ostrova"),
        ("Client: Tom Becker, started on metoprolol and atorvastatin", "Tom Becker"),
    ],
)
def test_a_named_persons_medical_or_legal_matter_is_private(text, starts_with):
    first = _first(text)
    assert first is not None and first.startswith(starts_with), first


@pytest.mark.parametrize(
    "text",
    [
        # a matter without a name, a name without a matter
        "What causes obstructive sleep apnea, and is CPAP the only treatment?",
        "Ask Carlos Reyes, the dispatcher, about the schedule for Unit 57.",
        "Carlos Reyes-Dominguez, dispatch lead, 11/04 schedule attached.",
        # public figures in prose: the name goes on with a verb, or an apposition, or life dates
        "Selena Gomez revealed in 2015 that she has lupus.",
        "Why was Francesco Schettino, captain of the Costa Concordia, sentenced to 16 years?",
        "Stephen Hawking (8 January 1942 - 14 March 2018) had motor neurone disease.",
        # common words that share medicine's endings; an eponym's institution
        "Sophie Martin, academia and nostalgia: a diploma in osmosis and microscopy.",
        "Grace Period: patients with diabetes get 30 days.",
        "James Parkinson Foundation, funding research into parkinson's",
        # fiction and examples
        "Character: Maria Lopez, diagnosed with leukemia in chapter 3 of the novel.",
        # stop 48's review: headlines, captions and bylines name no record
        "Aaron Rodgers — torn Achilles, out for the season",
        "Out: Marcus Rashford (hamstring), Luke Shaw (calf strain), both doubtful.",
        "Scottie Scheffler, -12, leads by one stroke",
        "Rokas Jokubaitis, Barcelona guard, scored 14 points.",
        "Petitioner Clarence Gideon, charged with breaking and entering, asked for counsel.",
        "Elizabeth Holmes — sentenced to 11 years for fraud",
        "Michael Faraday: a conductor charged with static electricity",
        "Frederick Banting and Charles Best: the discovery of insulin",
        "Isaiah Berlin: the hedgehog and the fox, a famous dichotomy",
        "Webinar: David Lee — Managing COPD in primary care",
        "Reviewed by Karen Miller, PharmD | Health | Lisinopril side effects",
        "By Jennifer Smith, RN | Health | migraines and triptans",
        "Instructor: Kevin Ahern | Biochemistry | insulin signaling, ketosis",
        "NPC: Garrick Thorne | Human Fighter | walks with a limp from an old leg fracture",
        "Here's a sample dataset:\nname,injury,weeks_out\nAlex Morgan,ACL tear,6\n",
        # review 2: a date, a number or a table's bars before a name make no record; a
        # directory's header, a placeholder's name
        "2024-03-01 | Maria Garcia | feat(fhir): map ICD-10 codes for asthma and COPD",
        "[2024-03-01 10:22] Maria Garcia: can someone review the mapping for hypertension?",
        "09:00 Hon. Maria Garcia — Felony arraignments, Courtroom 3",
        "1945,medicine,Alexander Fleming,for the discovery of penicillin",
        "| 616.8 | Oliver Sacks | Awakenings: encephalitis lethargica survivors |",
        "NEW YORK, 12/03/2024 — Robert Klein, chief medical officer: our migraine drug works",
        "name,specialty,conditions\nAnna Weber,Neurology,epilepsy; migraine\n",
        "name\tcondition\nJohn Doe\tdiabetes",
        # prose with commas is no CSV row
        "Simone Biles, 27, withdrew; she takes Ritalin under a therapeutic use exemption.",
        "Donald Trump, indicted in four cases in 2023, pleaded not guilty to all charges.",
    ],
)
def test_no_named_person_or_no_matter_stays_public(text):
    assert _first(text) is None


def test_the_matter_sets_the_category_and_a_pronoun_carries_it_to_the_next_sentence():
    (legal,) = named_matter_spans("Record found: Kevin J. Ashby, misdemeanor assault 2011")
    assert legal.category is Category.PERSONAL
    text = "Member: Angela Boateng (locker 12). She had stopped taking her beta blockers."
    (span,) = named_matter_spans(text)
    assert span.category is Category.HEALTH and text[span.start :].startswith("Angela Boateng")
    assert span.end == len(text)
    assert named_matter_spans("Member: Angela Boateng (locker 12). The gym opens at 6.") == []


def test_a_window_after_the_name_still_sees_it():
    text = "Holder: Nadia Okafor (card 12)\n" + "x " * 10 + "\nPatient: Nadia Okafor, asthma"
    start = text.rindex("Nadia")
    (span,) = named_matter_spans(text, start, len(text))
    assert span.start == start
    assert named_matter_spans(text, 0, 10) == []  # the window ends before any matter


def test_given_names_come_from_the_installed_name_lists_without_common_words():
    names = given_names()
    assert len(names) > 10_000
    assert {"Carlos", "Rosa", "Efraín", "Siobhan"} <= names
    assert not {"May", "Will", "Grace", "Paris"} & names
