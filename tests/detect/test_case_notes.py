"""HR and meeting notes: a named colleague's private matter, a case record's subject."""

import pytest

from sglang_safekv.detect.case_notes import case_note_spans


def _first(text: str) -> str | None:
    spans = case_note_spans(text, 0, len(text))
    return None if not spans else text[min(b for b, _ in spans) :]


@pytest.mark.parametrize(
    "text, starts_with",
    [
        (
            "Skip-level notes (eng manager)\n- Team morale OK.\n- Flagged that Oluwaseun Adebayo "
            "has been struggling since his father died in August. Suggest EAP referral.",
            "Oluwaseun Adebayo",
        ),
        (
            "HR sync notes (CONFIDENTIAL)\nItem 1 - investigation re: Darren Pike (night shift). "
            "He was under the influence on 2 Oct.",
            "Darren Pike",
        ),
        (
            "1:1 notes\nMaternity leave for Priya Raman starts in March.",
            "Maternity leave",
        ),
        (
            "GRIEVANCE LOG - REF GR-2024-031\nDate received: 12/09/2024\nComplainant: Shanice "
            "Powell (Band 5 Staff Nurse)\nNature: comments about her hair",
            "Shanice Powell",
        ),
    ],
)
def test_a_named_persons_matter_under_a_notes_or_case_header_is_private(text, starts_with):
    first = _first(text)
    assert first is not None and first.startswith(starts_with), first


@pytest.mark.parametrize(
    "text",
    [
        # no header: the private matter rule and tier 3 judge such sentences
        "Oluwaseun Adebayo has been struggling since his father died in August.",
        # notes, but nobody's matter
        "Meeting notes: roadmap review\n- Dana Scott to update the cost breakdown.\n- pip install ok",
        "Release notes 2.3\n- Fixed diagnostics view (thanks Jane Smith).\n- Dismissible toasts.",
        # a matter, but no named person
        "Stand-up notes\n- The team discussed sick leave policy for next year.",
        # a case header, but the role line names nobody ("Complainant: Anonymous")
        "Incident report 44\nComplainant: Anonymous\nNature: broken lift",
        # software's and the press's notes, an e-mail's subject (stop 36 review)
        "Patch notes 1.4\n- Fixed an issue where Commander Shepard could be arrested twice",
        "Press notes: Queen Elizabeth II died at Balmoral",
        "Investigation template\nSubject: Vendor Onboarding Delays",
    ],
)
def test_notes_without_a_named_persons_matter_stay_public(text):
    assert case_note_spans(text, 0, len(text)) == []


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "504 plan accommodations for Ethan Cho (Gr 11):\n- Type 1 diabetes: CGM alerts "
            "allowed in class\n- Snacks and water at desk",
            "Ethan Cho",
        ),
        (
            "Intake - Rosa Delgado-Pineda: household of 5, monthly income $1,920 (cleaning "
            "jobs, cash), undocumented.\n\nwhat documents does she need for the children?",
            "Rosa Delgado-Pineda",
        ),
        (
            "Subject: Confidential - separation of Rafael Delgado\n\nTeam leads,\nRafael's last "
            "day will be Friday, following the PIP that ended 11/15; he was also absent.",
            "Rafael Delgado",
        ),
        (
            "Cycle summary for Mei-Ling Tsao & partner, IVF cycle 3: 9 oocytes retrieved.",
            "Mei-Ling Tsao",
        ),
    ],
)
def test_the_name_a_records_header_gives_is_private_when_the_record_tells_a_matter(text, name):
    spans = case_note_spans(text, 0, len(text))
    assert spans and text[min(b for b, _ in spans) :].startswith(name), spans


@pytest.mark.parametrize(
    "text",
    [
        # a record header, but nothing private below it
        "Referral for Dana Scott\nPlease book the quarterly review room for Tuesday.",
        # essays and public figures: no record word opens the line
        "Evaluation of Abraham Lincoln's presidency: depression, war and union.",
        "Summary of Winston Churchill's life: he suffered from depression.",
        # the record word far into a long line
        "In 1858 the debates that Abraham Lincoln held made a case for his referral to "
        "national politics - Stephen Douglas, on slavery and income.",
        # a placeholder and a one-word name
        "Intake - Jane Doe: undocumented, income $1,200, she asks",
        "Treatment plan for Asthma: medication as needed",
        # the review of stop 38: documents about a condition, a policy, a group, a public figure
        "Care Plan: Diabetes Mellitus\nAssess the patient's blood glucose; his or her insulin.",
        "Termination of Employment Policy\nEmployees terminated for cause receive severance.",
        "# Accommodations for Students With Disabilities\nStudents with ADHD or diabetes may ...",
        "Evaluation: Winston Churchill\nHe suffered from depression, which he called his dog.",
        "Separation of Prince Harry and the Royal Family\nHe cited his mental health.",
        "Intake - Open Enrollment\nReport your household income; she or he must sign.",
        # a landmark case's parolee in prose, a page's heading (stop 49's review)
        "In Morrissey v. Brewer, parolee John Morrissey challenged the revocation.",
        "Probationer - Frequently Asked Questions",
        "Probationer: Transfer Request",
    ],
)
def test_record_headers_without_a_private_persons_matter_stay_public(text):
    assert case_note_spans(text, 0, len(text)) == []


@pytest.mark.parametrize(
    "text, starts_with",
    [
        # a private person's role, name and matter on one line (stop 43, round 25)
        (
            "Reword: 'At 02:40 resident Ezekiel Ferro was found unresponsive in bathroom 3.'",
            "Ezekiel Ferro",
        ),
        ("'Participant: Shaniqua Dorsey, Case 26-DC-0119. UA results: 10/10 POSITIVE'", "Shaniqua"),
        ("Direct cremation (decedent: Phyllis Oduya),2850", "Phyllis Oduya"),
        # a confidential kind of court case: the name before it, or the number
        (
            "keep Robert Tillman away from Gina Vasquez (case 24-DV-03318, Maricopa County)",
            "Robert Tillman",
        ),
        ("Notice: Case No. 26-GD-00871, hearing set for Dec 18.", "26-GD-00871"),
        ("Decedent - Phyllis Oduya; cremation authorised by son.", "Phyllis Oduya"),
        # more roles and matters; a patient's name and age in a run report (stop 44, round 28)
        ("Defendant: Rodney Pike, charged with illegal bookmaking (2024-CR-00813)", "Rodney"),
        ("Cliente: Juliana Rocha Antunes, gestante de 12 semanas, quer fazer luzes.", "Juliana"),
        ("[0312] M7: en route w/ 1, John Pasternak, 29, GSW left thigh, GCS 15", "John Pasternak"),
        ("Bed 4: Lena Fischer 34F, found at home, intubated on arrival", "Lena Fischer"),
        ("Triage: Tom Reyes (29), stab wound to the abdomen", "Tom Reyes"),
        # custody, another language's health word, a taxpayer, a message for someone (round 27)
        ("Details: inmate Ricky Dunham, BOP register number 48213-074, FCI Englewood.", "Ricky"),
        # being on parole or probation is the matter (stop 49, round 44)
        ("Parolee: Darnell Whitaker-Fox, DOC# 1184409\nReported 9/3.", "Darnell Whitaker-Fox"),
        ("Probationer - Keisha Monroe, missed two check-ins.", "Keisha Monroe"),
        ("'Resultados – Paciente: Diego Salazar. VIH: reactivo.'", "Diego Salazar"),
        ("'CP2000 Notice. Taxpayer: Keisha L. Monroe. Unreported income: $14,880.'", "Keisha L."),
        ("'This message is for Shonda Ellis. Please return our call, reference PRA-22'", "Shonda"),
        # a company suing a person; an IEP goal's student (round 29)
        ("'MONEYKEY INC v. Curtis Oyelaran, Case No. 2024-SC-00817, amount claimed'", "Curtis"),
        (
            "IEP goal: 'Given visual cues, Aaliyah Brooks will produce /r/ with 80% accuracy.'",
            "Aaliyah",
        ),
    ],
)
def test_a_private_role_or_a_sealed_case_makes_the_line_private(text, starts_with):
    first = _first(text)
    assert first is not None and first.startswith(starts_with), first


@pytest.mark.parametrize(
    "text",
    [
        # a role without a matter; a matter of a public figure; a case of a public kind
        "Resident Evelyn Hart organised the garden party on Saturday.",
        "President Abraham Lincoln was shot at Ford's Theatre and died the next morning.",
        "Patient Zero is a film; the virus in it kills millions.",
        "Smith v. Jones, Case No. 21-CV-04417, concerned a breach of contract.",
        "The Client Services Manager handles diagnosis codes for billing.",
        # numbers of other kinds, formats; titles; news (the stop 43 review)
        "Purchase order 2024-PO-00123 was issued to Acme Industrial Supply on March 3.",
        "Design verification report 24-DV-0312 covers thermal cycling of the enclosure.",
        "Case numbers follow the format YYYY-XX-NNNNNN, for example case 2023-DV-001234.",
        "Docket 22-CP-1132, Estate of Aretha Franklin, is on the probate court's website.",
        "Participant Information Sheet: A study of anxiety and depression in students.",
        "Inmate Search Florida - check whether someone was arrested or is on probation.",
        "Minnesota resident George Floyd had fentanyl in his system, the autopsy said.",
        # an age in news, without a run report's words
        "Matthew Perry, 54, was found unresponsive in his hot tub, police said.",
        "Tua Tagovailoa, 24, left the game with a concussion in the second quarter.",
        "Derek Chauvin, 45, was convicted of murder in April 2021.",
        "Patron saint Francis of Assisi was charged with nothing; he gave his clothes away.",
        # a trial in the news, a charity's patron; a footballer's age in a match report (the
        # stop 44 review)
        "Prosecutors said defendant Ross Ulbricht was charged with narcotics trafficking.",
        "Our patron Andrew Carnegie, whose income funded 2,509 libraries, is remembered here.",
        "Christian Eriksen, 29, received CPR on the pitch and was taken to hospital.",
        "Taylor Swift, 34, en route from Tokyo to Las Vegas for the Super Bowl.",
        "Kevin De Bruyne, 32, fractured his ankle in training.",
        "The letter is for Queen Elizabeth regarding the appointment of a new governor.",
        "This message is for John Doe. Please return our call.",
        # a landmark case cited by its reporter; a goal bank's student; a case of two companies
        "New York Times Co. v. Sullivan, 376 U.S. 254 (1964), set the actual malice standard.",
        "Goal bank: Given visual cues, the student will produce /r/ with 80% accuracy.",
        "APPLE INC v. Samsung Electronics, Case No. 11-cv-01846, was tried in San Jose.",
        # the government's and agencies' cases, a federal docket, a sample goal (review 6)
        "UNITED STATES v. Samuel Bankman-Fried, Case No. 1:22-cr-00673, in the S.D.N.Y.",
        "SEC v. Elon Musk, Case No. 1:18-cv-08865, settled within days.",
        "WELLS FARGO BANK v. Maria Gomez, Case No. 1:19-cv-01234, a federal foreclosure case.",
        "After the annual IEP meeting, Case Managers will send the 80% accuracy report.",
        "Sample IEP goal (fictional): Given a passage, Jordan Rivers will read 90 wcpm.",
        # a headline, a custody word without an inmate, a tutorial's message (the stop 44 review)
        "Taxpayer-Funded Stadium Deals Rarely Boost Local Income",
        "longtime resident Mary Alvarez, a retired correctional officer, spoke at the meeting",
        'In this Twilio tutorial:\nresponse.say("This message is for John Smith. Your account'
        ' balance is due on Friday.")',
        "Hilton Honors members: this notice is for Hilton Honors members whose account changed.",
    ],
)
def test_a_role_without_a_private_persons_matter_stays_public(text):
    assert case_note_spans(text, 0, len(text)) == []


def test_a_debtors_gambling_in_a_meeting_summary_is_private():
    # stop 45, round 32
    text = (
        "Summarize 341 meeting notes for debtor Anthony Ricci: trustee asked about gambling losses"
    )
    assert _first(text).startswith("Anthony Ricci")
    assert _first("The debtor Purdue Pharma filed its plan; gambling stocks rose.") is None


def test_a_qdro_payee_is_private_and_a_student_in_the_news_is_not():
    # stop 46, round 34
    qdro = (
        "QDRO draft: 'Alternate Payee Melissa Hart shall receive 50% of Participant Jonathan"
        " Hart's marital portion of the plan.'"
    )
    assert _first(qdro).startswith("Melissa Hart")
    assert _first("The Alternate Payee Section of the form asks for an address.") is None
    # "student" is no private role: news and prizes name students with a field's words (the
    # stop 46 review)
    for line in (
        "The university said doctoral student Rumeysa Ozturk had her visa revoked.",
        "PhD student Alex Turner received the award for work on diabetes prediction.",
        "The essay by student Lauren Kim on plagiarism in AI tools won first prize.",
    ):
        assert _first(line) is None, line


def test_a_family_agreements_party_and_a_patients_eating_disorder_are_private():
    # stop 46, rounds 35 and 36
    text = 'Summarize: "Maintenance agreement between Annika Solberg and Peter Solberg (2009)."'
    assert _first(text).startswith("Annika Solberg")
    note = '"Ethan Gallo, 14M, ARFID, weight 38.1kg (3rd %ile), NG feeds overnight."'
    assert _first(note).startswith("Ethan Gallo")
    # a template's slots and title, a guide's, an aircraft's, a public figure's salary (the
    # stop 46 review)
    assert _first("Template: Parenting Plan for [Parent A] and [Parent B]") is None
    assert _first("This Separation Agreement Template is for couples in Ontario.") is None
    assert _first("Custody Agreement for Unmarried Parents: a guide") is None
    assert _first("Maintenance agreement for Boeing Aircraft fleets") is None
    assert _first("Tom Brady, 45M, salary cap hit this season") is None


def test_an_initialled_patient_with_cancer_is_private():
    # stop 47, round 38: a tumour board's list
    text = "Summarize:\n- Q. Abernethy, 66M, NSCLC stage IIIA, consider durvalumab"
    assert _first(text).startswith("Q. Abernethy")
    # no sex written after the age (news), no matter, an initial alone
    assert _first("Steve Jobs, 56, resigned as chief executive in 2011.") is None
    assert _first("D. Trump, 78M, rally in Ohio") is None
    # amounts in millions, a nurse's award, a trial (the stop 47 review)
    assert _first("K. Mbappe, 180M, ALL image rights") is None
    assert _first("D. Smith, 45M, oncology nurse of the year") is None
    assert _first("Round-up: Iovance Biotherapeutics, 75M, melanoma cell therapy") is None
