"""A red-team set written blind to the detector: private messages whose secret is a plain word,
a short number or a phrase, and benign look-alikes (``red_team.json``, provenance inside).

Unlike the hand-written private set, nobody who wrote these had read the detector's rules. It
is split by id parity: ``dev`` was read while writing the stated-secret patterns
(``detect/patterns_stated.py``), ``test`` has only been scored, so its numbers are the blind
ones. Samples come as :class:`PrivateSample` for ``real_eval.private_report``: the subset is
the kind of secret (``benign`` for the look-alikes), the gold span is the secret.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from sglang_safekv.detect.categories import Category
from sglang_safekv.tooling.corpora.private import PrivateSample

# Each round written by a different helper from its own brief, blind to the detector: round 1
# (2026-12-02) plain-word secrets; round 2 (2026-12-03) also multi-turn answers, identifiers and
# personal facts; round 3 (2026-12-03) 15 languages, personal facts, multi-turn answers;
# round 4 (2026-12-03) third-person facts, addresses, credentials in pasted artifacts, multi-turn
# answers in 20 languages, obfuscations; round 5 (2026-12-03) pasted artifacts, credentials of
# many vendors, evasions, multi-turn answers in 12 languages, identifiers of many countries;
# round 6 (2026-12-03) plain statements of health, money, family, legal and work trouble and
# identity (50 of 120 not in English), multi-turn answers, pasted credentials and identifiers,
# evasions: scored blind with both tier-3 builds before anyone read it; from stop 28 its dev half
# is read like the others (rules for dialogues, private matters in 15 languages, evasions; tier-3
# training); round 7 (2026-12-03) plain statements, third-person facts, multi-turn answers
# (chat logs, JSON, markdown), pasted artifacts, evasions, 24 languages: scored blind before
# and after stop 28's rules; from stop 29 its dev half is read like the others (dialogues
# written as data, markdown, tables and chat exports); round 8 (2026-12-04) plain statements,
# third-person facts, multi-turn answers in many shapes (exports, forms, JSON, YAML, HTML,
# subtitles), pasted artifacts, evasions, 27 languages: written blind while stop 29's rules
# were written from round 7's dev half, scored before and after them; from stop 30 its dev
# half is read like the others (markup and export dialogues, subtitles, scripts, forms; private
# matters in more languages; tables of people); round 9 (2026-12-04) plain statements,
# third-person facts, multi-turn answers in many shapes, pasted artifacts, evasions and private
# facts buried in long documents, 31 languages, 150 look-alikes with 25 public dialogues:
# written blind while stop 30's rules were written from round 8's dev half, scored before and
# after them; three of its dev samples read (outcomes that changed), then at the end of stop
# 30 its dev misses of multi-turn answers and evasions were read (rules for more dialogue
# layouts and languages); round 10 (2026-12-04) multi-turn answers (90) and evasions (70) in
# many layouts, plain statements, third-person facts, pasted artifacts, 38 languages, 35 public
# dialogues among 150 look-alikes: written blind while those rules were written, scored
# before and after them; its dev half was read at stop 31, like rounds 11 (stop 31) and 12
# (stop 32); round 13 (2026-12-04) 70 multi-turn answers, 50 evasions, 50 plain statements,
# 45 pasted artifacts, 45 facts buried in long text, 40 third-person facts, 150 look-alikes, 73
# languages (78 % of the private samples not English): written blind during stop 32, scored
# with the stop's first (60021e7) and last code; its dev half was read at stop 33; round 14
# (2026-12-04) 70 multi-turn answers, 45 evasions, 50 plain statements, 45 pasted artifacts,
# 45 facts buried in long text, 45 third-person facts, 150 look-alikes, 26 languages (72 % of
# the private samples English, the weak language of round 13): written blind during stop 33,
# scored at d6d7e99 before anyone read it; its dev half was then read (rules of stop 33); round
# 15 (2026-12-05) 30 each of multi-turn answers, plain statements, evasions, pasted artifacts,
# facts buried in long text, third-person facts, filled-in forms and records, code with
# credentials or personal test data, voice transcripts and agent tool outputs, 150
# look-alikes with long public documents, 23 languages (66 % English): written blind during
# stop 34, scored at 4a356a8 before anyone read it; its dev half was then read (stop 34); round
# 16 (2026-12-05) 30 each of e-mails and letters, chat exports, clinical and legal notes,
# support tickets, short queries, translation and editing requests, spreadsheets and logs,
# configuration and infrastructure files, contextual disclosures and obfuscations, 150
# look-alikes (published-style system prompts, documentation with example values, public
# people and places, non-personal numbers, general sensitive topics, other languages), 18
# languages (64 % of the private samples English): written blind during stop 35, scored at
# 8a50c18 and at efadc61 before anyone read it; its dev half was then read (stop 35); round
# 17 (2026-12-05) 30 each of meeting notes, HR and payroll records, banking and tax documents,
# travel bookings, developer artifacts, messages in other languages (27 languages), structured
# records, multi-turn answers, requests about a third person and evasions, 150 look-alikes (the
# six kinds of round 16), 29 languages (65 % of all samples English): written blind during stop
# 36, scored at 1be7138 before anyone read it; its dev half was then read (stop 36); round
# 18 (2026-12-05) 30 each of customer-support chats, clinical and health notes, legal and
# immigration files, education records, infrastructure and CI configs, logs and traces, e-mail
# threads, forms and applications, multi-turn answers and evasions, 150 look-alikes (the six
# kinds of round 16), 25 languages (65 % of the private samples English): written blind during
# stop 37, scored at e4b74f1 before anyone read it; its dev half was then read (stop 37); round
# 19 (2026-12-05) 30 each of insurance claims, housing and rentals, recruiting and CVs, personal
# advice chats, code reviews and diffs, app events and analytics, government and benefits
# forms, everyday messages in 20 other languages, multi-turn answers and evasions, 150
# look-alikes (the six kinds of round 16), 21 languages (65 % of the private samples English):
# written blind during stop 38, scored at d134265 (and at 385d607, the same outcomes) before
# anyone read it; its dev half was then read (stop 38); round 20 (2026-12-05) 30 each of
# telecom and utilities, retail orders and deliveries, dating and social, fintech and crypto,
# research and surveys, devices and location, datasets and fine-tuning rows, evasions,
# multi-turn answers and everyday messages in other languages, 150 look-alikes (the six kinds
# of round 16), 31 languages among the private samples (65 % English): written blind during
# stop 39, scored at 7d18795 before anyone read it; its dev half was then read (stop 39); round
# 21 (2026-12-05) 30 each of vehicles and telematics, pharmacy and prescriptions, security
# incident reports, school and parenting, nonprofits and donations, agent tool calls, legal and
# real-estate documents, evasions, multi-turn answers and everyday messages in other languages,
# 150 look-alikes (the six kinds of round 16), 20 languages among the private samples (64 %
# English): written blind during stop 40, scored at 7df8f5a before anyone read it; its dev half
# was then read (stop 40); round 22 (2026-12-05) 30 each of fitness and wearables, therapy and
# support groups, freelance work and invoices, hospitality and reservations, genealogy and
# family history, smart homes and IoT, notification and messaging payloads, evasions,
# multi-turn answers and everyday messages in other languages, 150 look-alikes (the six kinds
# of round 16), 27 languages (39 % of all samples not English): written blind during stop 41,
# scored at 0bef0d9 before anyone read it; its writer dealt the ids out by category in turn, so
# its splits fall by category (dev: fitness, freelance, genealogy, notifications, multi-turn,
# system prompts, public people, general sensitive topics; test: the others, never read);
# its dev half was then read (stop 41); round 23 (2026-12-06) 30 each of vehicles and driving,
# pets and veterinary care, parenting and school, dating and social, e-commerce orders and
# returns, telecom and utilities, crypto and investing, pharmacy and prescriptions, evasions
# and multi-turn answers, 150 look-alikes (the six kinds of round 16), 27 languages among the
# private samples (38 % not English): written blind during stop 42, each category dealt out
# over odd and even ids alike (15 dev, 15 test), scored at 57422cf before anyone read it; its
# dev half was then read (stop 42); round 24 (2026-12-06) 30 each of immigration and visas,
# mortgages and real estate, gaming and online accounts, donors and nonprofits, wearables and
# health apps, journalism and sources, sports clubs and memberships, research participants,
# evasions and multi-turn answers, 150 look-alikes (the six kinds of round 16), 25 languages
# among the private samples (35 % not English): written blind during stop 43, each category
# dealt out over odd and even ids alike, scored at 1ed1de1 before anyone read it; its dev half
# was then read (stop 43); round 25 (2026-12-06) 30 each of weddings and events, probate and
# funerals, military and veterans, fertility and reproductive health, addiction recovery, gig
# work and deliveries, elder care and caregiving, home services and repairs, evasions and
# multi-turn answers, 150 look-alikes (the six kinds of round 16), 31 languages among the
# private samples (36 % not English): written blind during stop 43, each category dealt out
# over odd and even ids alike, scored at 7a4ced6 before anyone read it; its dev half was then
# read (stop 43); round 26 (2026-12-06) 30 each of airlines and loyalty programmes, banking
# disputes and fraud, dating safety and harassment, school admissions and scholarships,
# landlord-tenant disputes, workplace accidents and injuries, photography and creative clients,
# church and community groups, evasions and multi-turn answers, 150 look-alikes (the six kinds
# of round 16), 33 languages among the private samples (35 % not English): written blind during
# stop 43, scored at 74d3898 before anyone read it; its dev half was then read (stop 43); round
# 28 (2026-12-06) 30 each of library and patron records, EMS and firefighter run reports,
# student loans and financial aid, salons and cosmetic clinics, office badges and building
# access, betting and gambling accounts, blood and organ donation, online marketplace sellers,
# evasions and multi-turn answers, 150 look-alikes (the six kinds of round 16), 27 languages
# among the private samples (37 % not English): written blind during stop 44, scored at 5909f18
# before anyone read it; its dev half was then read (stop 44); round 27 (2026-12-06) 30 each of
# dental and eye care, tax preparation and accountants, utilities and energy accounts, debt
# collection and credit reports, disability accommodations, prisons and inmate contact, sexual
# health clinics, moving and relocation, evasions and multi-turn answers, 150 look-alikes (the
# six kinds of round 16), 28 languages among the private samples (36 % not English): written
# blind during stop 44 beside round 28, scored at 064c646 (round 28's rules) before anyone read
# it; its dev half was then read (stop 44); round 29 (2026-12-06) 30 each of foster care and
# adoption, payday loans and pawn shops, private investigators and background checks, hearing
# and speech therapy, parking and traffic tickets, home security and alarm codes, labour unions
# and grievances, voter registration and elections, evasions and multi-turn answers, 150
# look-alikes (the six kinds of round 16), 29 languages among the private samples (36 % not
# English): written blind during stop 44, scored at 669e3c6 (rounds 28 and 27's rules) before
# anyone read it; its dev half was then read (stop 44); round 30 (2026-12-06) 30 each of
# cruise and tour bookings, mental health crises and hotlines, car dealerships and auto loans,
# childcare and nannies, cosmetic surgery, property management and HOAs, bail bonds and
# probation, scholarship and grant applications, evasions and multi-turn answers, 150
# look-alikes (the six kinds of round 16), 25 languages among the private samples (37 % not
# English): written blind during stop 44, scored at c2b95ed (rounds 27-29's rules); its dev
# half was then read (stop 45); round 31 (2026-12-06) 30 each of rideshare and taxi trips,
# hospice and palliative care, firearm, hunting and fishing licences, jury duty and court
# records, tattoo and piercing studios, farm subsidies, notary and translation services, driving
# schools and licence tests, evasions and multi-turn answers, 150 look-alikes (the six kinds of
# round 16), 28 languages among the private samples (37 % not English); round 32 (2026-12-06)
# 30 each of timeshares and vacation rentals, home nursing and care agencies, lottery and
# sweepstakes winners, refugee and resettlement services, coworking and mailbox services,
# clinical trials and biobanks, boat and aircraft registrations, bankruptcy and insolvency,
# evasions and multi-turn answers, 150 look-alikes, 30 languages (36 % not English): both
# written blind during stop 45, scored at 11ac076 and at bece276 (round 30's rules) before
# anyone read them; their dev halves were then read (stop 45); round 33 (2026-12-06) 30 each of
# customs and border declarations, physiotherapy and sports injuries, genetic testing and DNA
# kits, pest control and home inspections, court depositions, music lessons and tutoring, car
# rental damage claims, psychiatric medication management, evasions and multi-turn answers,
# 150 look-alikes, 27 languages besides English (37 % not English); round 34 (2026-12-06) 30
# each of homeless shelters and food banks, dialysis and transplant clinics, police reports and
# victim services, pensions, hotel housekeeping and lost property, sleep clinics, self-storage,
# academic misconduct cases, evasions and multi-turn answers, 150 look-alikes, 28 languages
# besides English (35 % not English): both written blind during stop 45, scored at 610f6ce
# (rounds 30-32's rules) as that stop's last measure; their dev halves were read in stop 46.
# Round 35 (2026-12-06) 30 each of dermatology and skin clinics, child support and alimony,
# vaccination and travel clinics, locksmiths and access keys, embassy and consular
# appointments, nutrition and dietitians, auto repair and towing, university housing and dorms,
# evasions and multi-turn answers, 150 look-alikes, 32 languages besides English (36 % not
# English); round 36 (2026-12-06) 30 each of prenatal care and midwifery, small claims and debt
# mediation, parcel lockers and couriers, eating disorder treatment, crowdfunding and medical
# fundraisers, scuba and adventure sport waivers, telehealth and online pharmacies, volunteer
# and mentoring programs, evasions and multi-turn answers, 150 look-alikes, 27 languages
# besides English (36 % not English): both written blind during stop 46 and scored at fd41274
# (stop 45's head) before anyone read them. Round 37 (2026-12-06) 30 each of allergy and asthma
# clinics, wills, trusts and estate planning, school nurses and student health, bike and scooter
# sharing, protective orders and domestic violence shelters, esports and streaming accounts,
# chiropractic and massage therapy, expat banking and remittances, evasions and multi-turn
# answers, 150 look-alikes, 27 languages besides English (37 % not English); round 38
# (2026-12-06) 30 each of cardiology and heart monitors, small business loans and grants,
# trucking and fleet logs, oncology and chemotherapy, summer camps and youth sports, identity
# theft recovery, animal shelters and pet adoption, call-centre recordings and quality review,
# evasions and multi-turn answers, 150 look-alikes, 27 languages besides English (37 % not
# English): both written blind during stop 47 and scored at 25b0c15 (stop 46's head) before
# anyone read them. Round 39 (2026-12-06) 30 each of gastroenterology and endoscopy, police
# bodycam and ride-along transcripts, preschool and kindergarten enrolment, marinas and boat
# slips, gyms and personal training, certified translations of personal documents, orthopaedic
# surgery and rehab, crypto exchange KYC, evasions and multi-turn answers, 150 look-alikes, 28
# languages besides English (37 % not English); round 40 (2026-12-06) 30 each of neurology and
# migraine clinics, sublets and roommate agreements, rail and bus passes, paediatric clinics and
# growth charts, hackathons and developer portals, unemployment benefit appeals, pet insurance
# claims, legal aid and public defenders, evasions and multi-turn answers, 150 look-alikes, 30
# languages besides English (35 % not English): both written blind during stop 47 while rules
# were written from rounds 37-38's dev halves, scored at 25b0c15 and at those rules before
# anyone read them. Round 41 (2026-12-06) 30 each of optometry and eyewear, audiology and
# hearing aids, home care agencies, driving schools and road tests, car rental and car
# sharing, credit unions, urgent care clinics, occupational health and workplace injuries,
# evasions and multi-turn answers, 150 look-alikes, 29 languages besides English (37 % not
# English); round 42 (2026-12-06) 30 each of religious congregations and parish offices,
# charity donors and fundraising, blood and plasma donation, census and survey interviews,
# debt collection agencies, plumbers and home repair visits, physical therapy and rehab,
# pregnancy and prenatal apps, evasions and multi-turn answers, 150 look-alikes, 27 languages
# besides English (36 % not English): both written blind during stop 48 and scored at c9c4725
# (stop 47's head) before anyone read them, while named_matter.py was written from earlier
# rounds' dev halves. Round 43 (2026-12-06) 30 each of podiatry and foot clinics, utility and
# water bills, ambulance and patient transport, hair salons and barbershops, social work and
# child protective services, passport and ID card offices, food delivery and grocery apps,
# hospital billing and medical debt, evasions and multi-turn answers, 150 look-alikes, 33
# languages besides English (36 % not English); round 44 (2026-12-06) 30 each of plastic and
# cosmetic surgery, phone carriers and SIM swaps, lactation and breastfeeding support, court
# interpreters, nursing homes and assisted living, parole and reentry programs, laundromats and
# dry cleaners, smoking cessation and vaping clinics, evasions and multi-turn answers, 150
# look-alikes, 33 languages besides English (36 % not English): both written blind during stop
# 49 and scored at 31b4982 (stop 48's head) before anyone read them.
ROUNDS = {
    1: Path(__file__).with_name("red_team.json"),
    2: Path(__file__).with_name("red_team_2.json"),
    3: Path(__file__).with_name("red_team_3.json"),
    4: Path(__file__).with_name("red_team_4.json"),
    5: Path(__file__).with_name("red_team_5.json"),
    6: Path(__file__).with_name("red_team_6.json"),
    7: Path(__file__).with_name("red_team_7.json"),
    8: Path(__file__).with_name("red_team_8.json"),
    9: Path(__file__).with_name("red_team_9.json"),
    10: Path(__file__).with_name("red_team_10.json"),
    11: Path(__file__).with_name("red_team_11.json"),
    12: Path(__file__).with_name("red_team_12.json"),
    13: Path(__file__).with_name("red_team_13.json"),
    14: Path(__file__).with_name("red_team_14.json"),
    15: Path(__file__).with_name("red_team_15.json"),
    16: Path(__file__).with_name("red_team_16.json"),
    17: Path(__file__).with_name("red_team_17.json"),
    18: Path(__file__).with_name("red_team_18.json"),
    19: Path(__file__).with_name("red_team_19.json"),
    20: Path(__file__).with_name("red_team_20.json"),
    21: Path(__file__).with_name("red_team_21.json"),
    22: Path(__file__).with_name("red_team_22.json"),
    23: Path(__file__).with_name("red_team_23.json"),
    24: Path(__file__).with_name("red_team_24.json"),
    25: Path(__file__).with_name("red_team_25.json"),
    26: Path(__file__).with_name("red_team_26.json"),
    27: Path(__file__).with_name("red_team_27.json"),
    28: Path(__file__).with_name("red_team_28.json"),
    29: Path(__file__).with_name("red_team_29.json"),
    30: Path(__file__).with_name("red_team_30.json"),
    31: Path(__file__).with_name("red_team_31.json"),
    32: Path(__file__).with_name("red_team_32.json"),
    33: Path(__file__).with_name("red_team_33.json"),
    34: Path(__file__).with_name("red_team_34.json"),
    35: Path(__file__).with_name("red_team_35.json"),
    36: Path(__file__).with_name("red_team_36.json"),
    37: Path(__file__).with_name("red_team_37.json"),
    38: Path(__file__).with_name("red_team_38.json"),
    39: Path(__file__).with_name("red_team_39.json"),
    40: Path(__file__).with_name("red_team_40.json"),
    41: Path(__file__).with_name("red_team_41.json"),
    42: Path(__file__).with_name("red_team_42.json"),
    43: Path(__file__).with_name("red_team_43.json"),
    44: Path(__file__).with_name("red_team_44.json"),
}


@functools.cache
def _raw(round_: int) -> tuple[dict, ...]:
    return tuple(json.loads(ROUNDS[round_].read_text("utf-8"))["samples"])


def raw_samples(round_: int) -> tuple[dict, ...]:
    """The rows of one round as written (id, category, lang, text, secret)."""
    return _raw(round_)


def red_team_samples(split: str | None = None, round_: int = 1) -> list[PrivateSample]:
    """The samples of one round, all or one split ("dev": odd ids, "test": even ids)."""
    samples = []
    for row in _raw(round_):
        sample_split = "dev" if int(row["id"][1:]) % 2 else "test"
        if split is not None and sample_split != split:
            continue
        text = row["text"]
        if "secret" in row:
            start = text.index(row["secret"])
            spans: tuple[tuple[int, int, Category], ...] = (
                (start, start + len(row["secret"]), Category.CREDENTIAL),
            )
            subset = row["category"]
        else:
            spans, subset = (), "benign"
        samples.append(PrivateSample(row["id"], subset, sample_split, "", text, spans))
    return samples
