"""The blind red-team sets' dev splits, replayed through the full detector (tiers 1-3).

Every dev secret the detector keeps private stays private, and every dev look-alike its rules
leave public stays public. Look-alikes are judged without the language policy
(``unread_languages = "judge"``): under the default every sentence in a language the models
cannot read is private by design (``unread_language.py``), so what is measured here is the
rules' false alarms; the policy's cost is reported by ``make detector-eval``. The known misses and false alarms are listed and marked strict xfail, so a
change that fixes one must move it out of the list. Outcomes that rest on a tier-3 score within
0.05 of its threshold are listed apart, not strict: the model is rebuilt on every machine and its
scores move by about 0.01. The test splits are not replayed here: they are only scored
(`make detector-eval`, `results/detector/`).
"""

from __future__ import annotations

import pytest

from sglang_safekv.config import DetectorConfig, UnreadLanguages
from sglang_safekv.detect.detector import Detector
from sglang_safekv.tooling.corpora.red_team import ROUNDS, red_team_samples

KNOWN = {
    # Round 1. Dev secrets no tier sees: a wifi key after "the key is", a password of three
    # words "going to be" set, a password spelled out with a phonetic alphabet. Dev look-alikes
    # flagged: a named relative (tier 3), a keyword argument ``password=password``, a German
    # sentence about a confirmation code.
    # Since tier 3 trained on the dev halves: p011 and b007 are borderline.
    1: {"b037", "b083"},
    # Round 2. A bike lock's dial code with no naming word before it, money stated without a
    # first-person or money-format cue ("take-home is 3,240 a month"); look-alikes: a Luhn unit
    # test on 4111..., a phone number from Twilio's documentation, public figures' health and
    # life (tiers 2 and 3), a currency conversion, a train between two cities, a persona
    # "Dr. Sam".
    # Since tier 3 trained on the dev halves (stop 27): p045 and b097 pass, b083 is borderline.
    2: {"b039", "b057", "b069", "b079", "b081", "b101", "b111", "p219"},
    # Round 3. (An "A:/B:" dialogue whose "A:" asks: found since stop 28.) A Korean door
    # code after a sentence break, an API key wrapped over two lines (the SSN spelled with
    # spaces between digits is caught since round 5 by its "s s n:" label); look-alikes: public figures' health and convictions, a general
    # health question (tier 3), a Turkish question about debt collection (tier 3), published
    # example IBAN and Luhn numbers, a test phone number, a ``.env.example``, an assistant
    # persona's name.
    # Since tier 3 trained on the dev halves: b031 passes; b025, b029, b045 are borderline.
    3: {"b001", "b003", "b009", "b065", "b075", "b093", "b115"},
    # Round 4. A French mobile number in two-digit words, a family safe word in quotes, a
    # German salary in a compound word with no first-person word in its sentence, a spelled
    # alarm code twelve words after its name, a password in hex, a Korean salary offer and a
    # Polish neighbour's conviction named only by a title ("팀장님", "Pan Grzegorz": titles
    # name public persons as often, a review showed); look-alikes: public figures'
    # health and convictions and fictional characters (tiers 2 and 3), an Italian general
    # health question (tier 2 reads it as a name), example IBAN, DNI and 4111 card numbers and
    # default passwords (kept private on purpose: people copy them as their own), a head of
    # government's and a president's official addresses, a placeholder address, a novel's
    # safe combination, a general blood-pressure question (tier 3), AWS's example keys in a
    # sentence tier 3 reads as a credential.
    # Since tier 3 trained on the dev halves: p253 and b109 pass, b145 is borderline.
    4: {
        "b003",
        "b011",
        "b017",
        "b019",
        "b021",
        "b029",
        "b053",
        "b063",
        "b079",
        "b081",
        "b083",
        "b089",
        "b093",
        "b097",
        "b099",
        "b105",
        "b141",
    },
    # Round 5. A mother's maiden name quoted in agent notes, a patient named in a voicemail
    # before her results, SSN digits split by dots, a rot13 code, wifi-extender password
    # candidates after a question that names no password, a German tax ID named in the
    # sentence before, a driving licence number in a sentence that also says "test", a router
    # sticker's key with no naming word; look-alikes: a hotel's and a firm's published phone
    # and address in system prompts, the White House's address, public figures' pay, trials
    # and health (tiers 2 and 3), Stripe's documented test card and CVC, a .env.example, the
    # jwt.io example token, documented example IBANs, a public SSH key, documentation
    # connection strings, reCAPTCHA's test key, Faker rows, a Unix time, Windows build numbers,
    # general questions on tenants' rights, records and birth rates, and a Japanese system
    # prompt (tier 3).
    # Since tier 3 trained on the dev halves: p037, p039, p287, b025, b063, b099, b121 pass; p091, p209, p263, b033, b073 are borderline.
    5: {
        "b001",
        "b011",
        "b029",
        "b031",
        "b049",
        "b051",
        "b053",
        "b065",
        "b067",
        "b069",
        "b075",
        "b133",
        "b145",
    },
    # Round 6, scored blind with both tier-3 builds, then read from stop 28 (dialogue labels,
    # private matters in 15 languages, evasions): a political vote, a Japanese diagnosis with
    # no person word, a base64 password twelve words after "pw", door codes spelled in French
    # and Polish; look-alikes: public figures' health and trials (tier 3), placeholders and
    # documented examples in configs, a Polish general question on depression.
    6: {
        "b005",
        "b029",
        "b037",
        "b041",
        "b061",
        "b067",
        "b069",
        "b077",
        "b079",
        "b113",
        "b135",
        "b141",
        "p031",
    },
    # Round 7, scored blind before and after stop 28's rules; its dev half read from stop 29
    # (dialogues as JSON, markdown, tables and chat exports; notes about a named client or
    # colleague; an IBAN with dots, Dutch digit words, a PIN in Japanese numerals). Left: plain
    # statements of debt and drunk driving in other languages with no first-person word, an
    # HR "Employee:" answer, a tax file number in a payroll payload, secrets typed in pieces
    # over lines or between emoji, HTML/Unicode escapes, a Spanish spelled e-mail with a space
    # in its local part; look-alikes: public figures' health, a fictional address,
    # documentation's example keys, IBANs and test phone numbers.
    # Since stop 36: b083 passes (the Kubernetes documentation's Secret); since stop 41, b055
    # (Harry Potter's address, now among the landmarks).
    7: {
        "b043",
        "b049",
        "b065",
        "b069",
        "b071",
        "b077",
        "b081",
        "b087",
        "b095",
        "b097",
        "b129",
        "b131",
        "p151",
        "p241",
    },
    # Round 8, written blind at stop 29 and scored before and after its rules; its dev half
    # read from stop 30 (dialogues in markup, chat exports, subtitles, scripts and forms;
    # private matters in Greek, Hebrew, Persian, Ukrainian, Arabic; tables of people; spelled
    # digits in more languages). Left: encoded and split values, public figures, test data.
    # Since stop 36: b039 passes (an example key's tier-3 line).
    8: {
        "b045",
        "b051",
        "b059",
        "b069",
        "b071",
        "b073",
        "b075",
        "b077",
        "b081",
        "b091",
        "b093",
        "b121",
        "b135",
        "p199",
        "p251",
        "p257",
    },
    # Round 9, written blind while stop 30's rules were written from round 8's dev half;
    # scored before and after them. Three dev samples were read (p107, p183, p267: outcomes
    # that changed); the rest of its dev half only by id, from the scores.
    # Since stop 36: p225 passes (meeting notes about a named colleague's garnishment).
    9: {
        "b007",
        "b023",
        "b027",
        "b043",
        "b047",
        "b049",
        "b055",
        "b057",
        "b059",
        "b071",
        "b075",
        "b089",
        "b101",
        "b113",
        "b115",
        "b117",
        "b127",
        "p249",
    },
    # Round 10, written blind at the end of stop 30 while rules were written from round 9's
    # dev half; scored before and after them; nobody has read it: its dev outcomes by id.
    # Since stop 36: b131 is borderline (it differed between two builds of tier 3).
    10: {
        "b017",
        "b039",
        "b041",
        "b049",
        "b061",
        "b069",
        "b071",
        "b073",
        "b077",
        "b103",
        "b117",
        "b119",
        "b127",
        "p027",
        "p093",
    },
    # Round 11 (stop 31, blind; dev half read after its first score). Dev secrets missed: an
    # arithmetic evasion ("el doble de 2417"), a number half in Turkish words, a LINE export
    # with spaces for tabs, an unlabelled anamnesis answer, an Arabic lab result, a Korean
    # blog's buried diagnosis, ROT13.
    # Look-alikes flagged: mostly tier 3 on non-English text, placeholders (Jane Sample,
    # changeme, the example NIF), public figures, streaming-service and colour choices.
    # Since stop 36: b147 and b097 are borderline (they differed between two builds of tier 3).
    11: {
        "b003",
        "b009",
        "b017",
        "b021",
        "b027",
        "b039",
        "b055",
        "b059",
        "b063",
        "b067",
        "b069",
        "b077",
        "b083",
        "b093",
        "b107",
        "b123",
        "b129",
        "b143",
        "b145",
        "p137",
    },
    # Round 12 (stop 31, blind, written at the end of the stop by another helper). Its dev half
    # was read at stop 32 (export headers, asks of more languages, digit words between
    # symbols, the Swedish spelling alphabet); its test half never.
    12: {
        "b001",
        "b017",
        "b019",
        "b021",
        "b031",
        "b049",
        "b055",
        "b069",
        "b071",
        "b079",
        "b091",
        "b093",
        "b099",
        "b109",
        "b113",
        "b117",
        "b127",
        "b141",
        "b145",
        "p215",
        "p283",
    },
    # Round 13 (stop 32, blind, written by a helper during the stop; its dev half read at
    # stop 33: a Slack thread in bold, a forum quote, an answer then more, Finnish, Somali).
    13: {
        "b007",
        "b011",
        "b013",
        "b015",
        "b025",
        "b027",
        "b029",
        "b035",
        "b037",
        "b039",
        "b041",
        "b045",
        "b047",
        "b053",
        "b061",
        "b063",
        "b065",
        "b083",
        "b117",
        "b131",
        "b133",
        "b137",
        "b141",
        "b147",
        "p091",
        "p199",
    },
    # Round 14 (stop 33, blind, 72 % English; its dev half read after its first score: rules
    # for evasions, camel-case and HL7 artifacts, coming out, pay, a title before a name).
    # Dev secrets still missed: a reversed SSN, a spelled address, Morse far from its word, a
    # quoted question answered unquoted, SNAP and WIC, a service account's key id, people's
    # leave and treatment in long notes, a name before the sentence of its private fact.
    # Since stop 36: b041 passes (an example key's tier-3 line).
    14: {
        "b001",
        "b005",
        "b025",
        "b027",
        "b033",
        "b037",
        "b047",
        "b059",
        "b063",
        "b065",
        "b109",
        "b111",
        "b113",
        "b115",
        "b119",
        "b131",
        "b133",
        "b135",
        "b145",
        "b147",
        "p037",
        "p077",
        "p189",
        "p229",
    },
    # Round 15. Dev secrets: a one-character-per-line wifi password far from its naming word,
    # a student id in a database call, a spelled-out address in a voice transcript, a diary
    # line found from the doctor's name on (not from "Saw"), a git credential's user name
    # before its token (stop 35 found the handover, the customer id, the web search, the
    # health readings and the IVR account number). Dev look-alikes flagged: benign dialogues (a
    # Python version, a laptop budget, a pregnancy-nutrition article), documentation
    # placeholders (AWS's example key, a base64 placeholder, an example IBAN, "1234567890",
    # "tu_contraseña", a Spanish API-key slot, a placeholder request body), public figures and
    # fiction (tiers 2 and 3), German text tier 2 reads as names.
    # Since stop 36: b025 and b037 pass (example keys' tier-3 lines).
    15: {
        "b005",
        "b011",
        "b015",
        "b027",
        "b029",
        "b031",
        "b035",
        "b089",
        "b091",
        "b097",
        "b099",
        "b103",
        "b111",
        "b147",
        "p073",
        "p259",
        "p275",
    },
    # Round 16 (blind during stop 35, its dev half read after scoring). Dev secrets: a therapy
    # named in an e-mail's subject line, a passport number a sentence after "passport number",
    # a CSV row's first name before its surname column (found from the surname on), a child's
    # abuse disclosure (tier 3 flags a later sentence), a password given as rot13. Dev
    # look-alikes flagged: living public figures' biographies (tiers 2 and 3; only a dead
    # figure's lead makes its line public, public_figure.py), a dead figure's line in a
    # language no tier reads, public places in encyclopedic text, public institutions'
    # addresses and phones ("10 Downing Street", "1600 Amphitheatre Parkway"), published-style system
    # prompts (tier 3 on example dialogues and opening hours, a county office's street), and
    # documentation values the policy keeps private (4111 1111 1111 1111, the Kubernetes
    # docs' example password, a Twilio-style test number).
    # Since stop 36: b027 passes (an example key's tier-3 line).
    16: {
        "b001",
        "b005",
        "b023",
        "b033",
        "b041",
        "b043",
        "b047",
        "b049",
        "b059",
        "b063",
        "b065",
        "b069",
        "b071",
        "b075",
        "b077",
        "b079",
        "b085",
        "b093",
        "b095",
        "b099",
        "b105",
        "b111",
        "b131",
        "b133",
        "b135",
        "b145",
        "b147",
        "p013",
        "p109",
        "p255",
        "p285",
    },
    # Round 17 (stop 36), dev look-alikes flagged: an extraction prompt's example "John Doe"
    # and a 555 number, documented example IBANs
    # (kept private on purpose), Stripe's test card, a Japanese example name, public
    # institutions' addresses and switchboards, public figures' health and birth (living
    # and dead), a git commit header (tier 3), general health and debt text (tiers 2 and
    # 3), a French sandbox key and number, a Finnish .env example (tier 3). Dev secret
    # missed: a dating profile's handle before its HIV status (status fields are left to
    # tier 3: schemas and codebooks name them with example values).
    17: {
        "b017",
        "b037",
        "b039",
        "b045",
        "b047",
        "b049",
        "b053",
        "b055",
        "b059",
        "b063",
        "b065",
        "b069",
        "b071",
        "b075",
        "b077",
        "b107",
        "b123",
        "b125",
        "b127",
        "b131",
        "b135",
        "b139",
        "b147",
        "p193",
    },
    # Round 18 (stop 37), dev look-alikes flagged: a company's address in a system prompt,
    # documented defaults and example IDs and IBANs (kept private on purpose: "changeme", DNI
    # 12345678Z, BSN 111222333, a Dutch example IBAN), an NHS test number (not listed), a Twilio docs
    # number outside 555-01xx, a public figure's diagnosis, a league table and product codes
    # (tier 3), a French example e-mail, a museum's address, Italian history and a German
    # system prompt (tier 3), Japanese all-zero example numbers. Dev secrets missed: a student
    # UID, a birth date answered two turns after "dob" (the couple before an IVF summary, the
    # register number, the stack trace's user, the termination memo, the intake note and the
    # 504 plan's pupil are found since stop 38).
    18: {
        "b013",
        "b029",
        "b031",
        "b047",
        "b065",
        "b095",
        "b097",
        "b127",
        "b131",
        "b135",
        "b141",
        "b145",
        "b149",
        "p097",
        "p261",
    },
    # Round 19 (stop 38), dev look-alikes flagged: a system prompt's service centre (tier 3),
    # documented example codes (an SMS docs' "123456", a test card 4111..., an example CIF),
    # an invoice tool's sample with an example IBAN, a French example login, public figures'
    # illnesses, salary and prison years (FDR, Tim Cook, Nelson Mandela, Stephen Hawking,
    # García Márquez, Gagarin), Sherlock Holmes's address, Victor Hugo's house, a bill of
    # lading, BICs, part numbers, an invoice and lottery results (tier 3 and identifier words),
    # a French docs' example customer, a Spanish bank's help line in a long sentence (tier 3;
    # the help-line rule reads short labels only). Dev secret missed: a GA4 export's user id.
    # (Stop 39: the reservations line, the Portuguese help line, "Name on filings will be"
    # and the named driver's CSV are now right.)
    19: {
        "b019",
        "b021",
        "b031",
        "b035",
        "b039",
        "b047",
        "b049",
        "b053",
        "b055",
        "b061",
        "b063",
        "b069",
        "b071",
        "b073",
        "b075",
        "b083",
        "b091",
        "b093",
        "b095",
        "b097",
        "b127",
        "b147",
        "p157",
    },
    # Round 20 (stop 39, blind, scored at 7d18795 before its dev half was read), dev
    # look-alikes flagged: a library's circulation desk with a 555 number (tier 3), a playlist
    # "St Patrick's Day Sessions" (NER), documented example secrets and test data (.env
    # example, Rails seeds, a webhook's example secret, Faker output, a validation table,
    # Kubernetes' base64 example, Twilio's magic numbers, git config examples; a French API's
    # example contact with ARCEP's fictional number is public since stop 39), living public
    # figures' leads (Marie Curie's apposition, Tim
    # Berners-Lee, Malala Yousafzai: a rule for them made private bios public in a review and
    # was dropped), Hayao Miyazaki's film titles on a later line, a bill of materials,
    # a log line (tier 3), a purchase order's number, a Dutch invoice, King Sejong's dates,
    # Ha Long Bay (unread languages). Dev secrets missed: a salary roster's first row, a named
    # colleague in a survey comment, and a name under a role alone ("athlete", "Operator":
    # such fields name public figures and companies as often; a rule for them was dropped;
    # the fleet export's "driver" rows are private since stop 40 by their home postcodes).
    # Since stop 45 p113, p141 and p179 start private in time: a name before its finding
    # (`near_name.py`).
    20: {
        "b007",
        "b025",
        "b031",
        "b033",
        "b035",
        "b037",
        "b039",
        "b041",
        "b043",
        "b049",
        "b053",
        "b065",
        "b071",
        "b073",
        "b077",
        "b081",
        "b089",
        "b131",
        "b135",
        "b141",
    },
    # Round 21 (stop 40), dev half read. Look-alikes flagged: tier 3 on documentation and
    # system prompts (a tariff list, a test fixture's VAT number, a Twilio placeholder, Faker
    # output, Kubernetes' base64 example, the German sample ID
    # card's data, a Spanish API example, a CPF test number), Apple Park's address, a worker's
    # log line, an EAN-13 barcode, a German invoice's number, and public text in Japanese,
    # German, Indonesian, Czech and Finnish (unread languages); the 555-01xx numbers as a
    # list's items are public since stop 40. Dev secrets missed: a lowercase driver's name in
    # telematics JSON, a GDPR incident's "Betroffene Person" and a volunteer roster (both
    # fields were tried and dropped: they hold "Alle Kunden" and "Citizens Advice" as often),
    # a gala seating table's "Guests" column, a card number split across a Markdown table's
    # cells.
    # Since stop 45 p123 and (with the default language policy) p065 start private in time
    # (`near_name.py`); since stop 47 p139, the gala table's couple ("Gerald & Nanette Pryce").
    21: {
        "b015",
        "b019",
        "b021",
        "b023",
        "b029",
        "b037",
        "b043",
        "b045",
        "b047",
        "b049",
        "b065",
        "b081",
        "b085",
        "b095",
        "b141",
        "b147",
        "b149",
        "p003",
        "p193",
    },
    # Round 22 (stop 41; its splits fall by category), dev look-alikes flagged: public figures'
    # health and lives (FDR, Steve Jobs, Marie Curie, van Gogh, Hemingway, Jacinda Ardern's
    # birth date; tiers 2 and 3), fictional people (Mr. Darcy, Harry Potter's address), a
    # persona "Dr. Bean" ("Ms. Hartley" under "Persona:" passes since the stop's second
    # commit), a company's seat in a system prompt, prices in a system prompt (tier 3; its
    # vehicle code "HR-4821" after "look like" passes since that commit), a Rust edition "2021" after a tool's argument,
    # a German utility's emergency line in prose, a Korean shop's fees and sale (tier 3),
    # custody courts "in England", a course's staff mailbox ("cs101-staff@": a login's shape
    # too, the second review showed). Dev secrets missed: a sole trader's firm name on an invoice,
    # a training export's "Name,<name>" row (tried and dropped: headers and settings exports),
    # an Italian photographer's name under "Fotografo" (a wallet pass's member name in a
    # key/label/value object is found since the stop's second commit). Since stop 45 p003 and
    # p233 start private in time (`near_name.py`).
    22: {
        "b003",
        "b009",
        "b027",
        "b031",
        "b039",
        "b045",
        "b049",
        "b053",
        "b057",
        "b073",
        "b081",
        "b085",
        "b087",
        "b099",
        "b103",
        "b109",
        "b111",
        "b145",
        "p121",
    },
    # round 23 (stop 42): look-alikes flagged are public figures' births, illnesses and deaths
    # (tiers 2 and 3), documentation's example values (a test IP, a 555 number, a basic-auth
    # header, a key fingerprint, "name: mysecret"), a landmark's or an institution's address
    # ("Prinsengracht 263", "ulicy Freta 16", "New York, NY 10001"), personas and wake words in
    # system prompts, prices (tier 3), "Name: Max Mustermann" on a sample form (the name is
    # public now; its sample IBAN is not). Dev secrets missed: an Italian first name after
    # "sono" in a quoted message, a child's name at the head of a pickup note ("Ethan Brooks
    # (Year 4) will be picked up by ..."), an eBay buyer's user name. A married man's name
    # stated in Portuguese ("O nome dele é Ricardo Almeida") is borderline: third persons' name
    # statements were tried and dropped after the review ("Si chiama Sergio Mattarella").
    # b033 (Unix timestamps with 2147483647) is public since stop 49.
    23: {
        "b001",
        "b003",
        "b005",
        "b007",
        "b009",
        "b011",
        "b013",
        "b015",
        "b023",
        "b027",
        "b037",
        "b041",
        "b043",
        "b045",
        "b049",
        "b051",
        "b053",
        "b063",
        "b067",
        "b073",
        "b081",
        "b087",
        "b091",
        "b099",
        "b111",
        "b119",
        "b129",
        "b131",
        "b133",
        "b143",
        "p001",
        "p187",
        "p195",
    },
    # Round 24 (stop 43): look-alikes flagged are documentation's canonical example values
    # (JWT.io's token, the Luhn article's number, the IBAN tutorial's GB82 WEST, AWS's EXAMPLE
    # keys, a curl -u password beside user@example.com, a Stripe test card, an auth0 sample id),
    # public figures' careers (Serena Williams, the Apollo 11 crew), a public line and a
    # library's address in a system prompt, a parent's general question about a child's gaming,
    # and three other-language public texts read by tier 3 (Czech, Vietnamese, Indonesian).
    # Dev secrets missed: a journalist's source named in a JSON list with no other finding, and
    # a named executive in a harassment complaint told in the third person.
    24: {
        "b001",
        "b009",
        "b019",
        "b027",
        "b045",
        "b047",
        "b053",
        "b057",
        "b067",
        "b087",
        "b111",
        "b123",
        "b135",
        "b145",
        "b149",
        "p231",
        "p253",
    },
    # Round 25 (stop 43): look-alikes flagged are public figures' illnesses and deaths
    # (Angelina Jolie, Chadwick Boseman, Stephen Hawking, Hemingway and Robin Williams), public
    # text in Vietnamese, Ukrainian, Turkish and Swahili read by tier 3, documentation's canonical
    # values (the DE89 and NL91 IBANs, JWT.io's token, Stripe's 4242 card, the Luhn article's
    # number, a curl -u password beside example.com, a JSON schema's John Doe), public lines and
    # addresses (the IRS help line, the White House's ZIP code, the Eiffel Tower's address, a
    # utility's 0800 hotline and a bank's routing number in system prompts), a tutor's system
    # prompt that names self-harm, and a prefecture read as a person. Dev secret missed: a
    # delivery order's number before the customer's address ("Pedido 7721-4490").
    25: {
        "b001",
        "b005",
        "b007",
        "b015",
        "b023",
        "b033",
        "b037",
        "b039",
        "b041",
        "b047",
        "b051",
        "b055",
        "b057",
        "b063",
        "b071",
        "b073",
        "b087",
        "b089",
        "b091",
        "b105",
        "b127",
        "b135",
        "p097",
    },
    # Round 26 (stop 43), its dev half read after a blind scoring: look-alikes flagged are
    # documentation's specimen values (ICAO's passport number L898902C3, the Woolworth card's
    # SSN, Kubernetes' base64 Secret, an SSH key's head, a mockup's placeholders), an airport
    # read as a place someone is, crisis lines read by tier 3, and a general question in Spanish
    # about identity theft said in the first person. Dev secrets missed: a dispute record's
    # "holder" (the holder alone is a record holder's or a copyright holder's as often) and an
    # injured worker's initial and surname in a Markdown table.
    # Since stop 45 p075 starts private in time (`near_name.py`).
    26: {"b033", "b059", "b089", "b091", "b103", "b105", "b115", "b131", "p215"},
    # Round 27 (stop 44), its dev half read after a blind scoring (at 064c646): look-alikes
    # flagged are public figures' illnesses and names (Steve Jobs, Lou Gehrig, Al Capone, Pelé),
    # Mandela's prisoner number, tier 3 on Dutch, Swedish and Korean public text and on a system
    # prompt's crisis instructions. Dev secret missed: a medicine in an expense sheet's note
    # ("sertraline refill"): no rule knows medicine names alone.
    27: {
        "b001",
        "b007",
        "b031",
        "b035",
        "b043",
        "b049",
        "b067",
        "b079",
        "b101",
        "b117",
        "b127",
        "b139",
        "b141",
        "b145",
        "p171",
    },
    # Round 28 (stop 44), its dev half read after a blind scoring (at 5909f18): look-alikes
    # flagged are spaCy's person names for public figures (Lou Gehrig), a building named after
    # one, words of a system prompt ("Caller", "Pell Grants", "BetSafe") and of Italian and
    # Polish questions, and tier 3 on a voice assistant's wake word. Dev secret missed: a
    # defendant named in prose (prose names public trials' defendants as often: the stop 44
    # review).
    28: {
        "b007",
        "b013",
        "b019",
        "b021",
        "b027",
        "b033",
        "b041",
        "b067",
        "b077",
        "b091",
        "b139",
        "b141",
    },
    # Round 29 (stop 44), its dev half read after a blind scoring (at 669e3c6): look-alikes
    # flagged are spaCy's names of public figures (Ronald Reagan, Marilyn Monroe, King Charles
    # III) and tier 3 on Dutch, Ukrainian and Vietnamese recipes and history. Dev secret
    # missed: a hearing screening's CSV under a plain "name" column (a name column alone is a
    # product's or a setting's as often).
    29: {
        "b007",
        "b013",
        "b035",
        "b053",
        "b085",
        "b091",
        "b097",
        "b115",
        "b119",
        "b127",
        "b133",
        "b139",
        "b145",
        "p093",
    },
    # Round 30 (stop 44): scored blind at c2b95ed as that stop's last measure (test half
    # 0.947); its dev half was read at stop 45. Look-alikes flagged are public figures' health
    # and trials (Steve Jobs, Martha Stewart, Hemingway, Lee Iacocca, "Dog the Bounty Hunter"),
    # the Watergate's street address, a landmark HOA case, a leasing bot's office address in its
    # system prompt and Polish text on the bottle deposit (an unread language). Dev secrets
    # missed: financial aid's "you were in foster care after age 13" (the FAFSA's own question
    # reads the same) and a nanny's immigration status told of "she" two sentences after her
    # name ("she's undocumented": a third person's status, no first-person word).
    30: {"b007", "b025", "b043", "b061", "b083", "b097", "b099", "b121", "b133", "p139", "p155"},
    # Round 31 (stop 45), its dev half read after a blind scoring (at 11ac076: test half 0.947;
    # at bece276: 0.960): look-alikes flagged are public figures' arrests, illnesses and trials
    # (Rosa Parks, Lou Gehrig, van Gogh, Al Capone, Ruth Bader Ginsburg, Michael J. Fox) and
    # public text in Polish, Swedish and Vietnamese (unread languages). Dev secrets missed: a
    # name only in \u escapes beside a lowercase "dx", a quoted reply giving an immigration
    # status ("unlawful presence until the waiver is approved": too long for an unlabelled
    # answer), a background check's "Record found: <name>, misdemeanor ..." (a name and a
    # charge in prose are a public figure's as often).
    31: {
        "b007",
        "b013",
        "b025",
        "b037",
        "b041",
        "b079",
        "b097",
        "b101",
        "b103",
        "b119",
        "b145",
        "p231",
    },
    # Round 32 (stop 45), read the same way (test half 0.920 at 11ac076, 0.927 at bece276):
    # look-alikes flagged are public figures' illnesses, bankruptcies and convictions (Lou
    # Gehrig, Trump's casinos, Mark Twain, Steve Jobs, Freddie Mercury, Elizabeth Holmes), a
    # lottery winner in the news, two system prompts that name the data they never ask for,
    # and German, Polish, Swedish and Vietnamese public text. Dev secrets missed: a lottery
    # claimant named in prose ("the $4.1M claimant is <name> of Lufkin"), lockbox codes as YAML
    # values under their parent key, a biobank donor's genetic result told of "he".
    32: {
        "b001",
        "b017",
        "b037",
        "b041",
        "b043",
        "b055",
        "b073",
        "b079",
        "b087",
        "b097",
        "b101",
        "b115",
        "b119",
        "b121",
        "b145",
        "b147",
        "p183",
        "p201",
    },
    # Rounds 33 and 34 (stop 45): scored blind at 610f6ce as that stop's last measure (test
    # halves 0.940 and 0.933); their dev halves were read in stop 46. Left: a sports roster's
    # injuries (public teams write the same), a renter's name in leetspeak, a student named in a
    # TA's question (a student in the news reads the same), famous people's illnesses and texts
    # in languages the rules do not read (look-alikes).
    33: {
        "b001",
        "b007",
        "b011",
        "b013",
        "b025",
        "b035",
        "b041",
        "b057",
        "b061",
        "b085",
        "b103",
        "b105",
        "b109",
        "b117",
        "b133",
        "b139",
        "p127",
    },
    34: {"b007", "b017", "b019", "b025", "b031", "b041", "b079", "b115", "b119", "b121", "p119"},
    # Rounds 35 and 36 (stop 46): scored blind at fd41274, then their dev halves were read.
    # Left: a skin clinic's list with "on accutane", a fob's NFC UID, a diving cert's number, a
    # French fundraiser's "atteinte de", a midwife's list by due date, a parcel's Eircode (the
    # rules written for the last four were removed after review: shops', tutorials', products'
    # and menus' values read the same), and look-alikes: famous people's illnesses, samples in
    # documentation, texts in languages the rules do not read.
    35: {
        "b001",
        "b023",
        "b025",
        "b031",
        "b043",
        "b049",
        "b061",
        "b083",
        "b085",
        "b095",
        "b109",
        "b139",
        "b145",
        "p141",
        "p295",
    },
    36: {
        "b013",
        "b031",
        "b043",
        "b061",
        "b063",
        "b067",
        "b071",
        "b083",
        "b107",
        "b115",
        "b127",
        "b131",
        "b133",
        "b137",
        "b139",
        "b145",
        "p037",
        "p085",
    },
    # Rounds 37 and 38 (stop 47): scored blind at 25b0c15, then their dev halves were read.
    # Left: a driver named before "DOT physical: obstructive sleep apnea", a Holter monitor's
    # return log of names, a driver's "refusal to test" in a Slack message (a name and a matter
    # in prose, which news writes of public people too), an officer's "Do you have a valid
    # residence permit?" answered "No, it expired" (the rule was removed after review: FAQs ask
    # it of everyone), and look-alikes: famous people's illnesses, samples in documentation,
    # texts in languages the rules do not read.
    37: {
        "b001",
        "b013",
        "b017",
        "b033",
        "b047",
        "b061",
        "b067",
        "b069",
        "b083",
        "b091",
        "b093",
        "b103",
        "b121",
        "b145",
        "b147",
    },
    38: {
        "b001",
        "b005",
        "b007",
        "b025",
        "b027",
        "b031",
        "b037",
        "b053",
        "b061",
        "b077",
        "b079",
        "b083",
        "b085",
        "b087",
        "b091",
        "b097",
        "b103",
        "b137",
        "b139",
        "b147",
        "p143",
        "p181",
        "p183",
        "p191",
    },
    # Rounds 39 and 40 (stop 47): scored blind at 25b0c15 and at the rules from rounds 37-38
    # (the same outcomes), then their dev halves were read. Left: a French criminal record's
    # "Nom : Morel", a gym's CSV of a client's weights, a short Stripe key in hex, a member who
    # collapsed and "stopped taking her beta blockers", a pass holder's renewal, a public
    # defender's letter "Dear <name>, ... plea", hex spelling "Juan Pérez - HIV+" (decoded, but only tiers 2 and 3 read it
    # plainly), a criminal case's caption in capitals, and look-alikes: famous people's
    # illnesses, samples in documentation, texts in languages the rules do not read.
    39: {
        "b013",
        "b021",
        "b055",
        "b061",
        "b087",
        "b103",
        "b121",
        "b137",
        "p037",
        "p069",
        "p165",
    },
    40: {
        "b001",
        "b019",
        "b037",
        "b041",
        "b043",
        "b049",
        "b055",
        "b073",
        "b109",
        "b115",
        "b119",
        "b125",
        "b139",
        "p043",
        "p089",
        "p299",
    },
    # Rounds 41 and 42 (stop 48): scored blind at c9c4725, then at this stop's rules (the same
    # 900 outcomes); their dev halves were registered, not ruled on. Round 41's p071, the
    # answer to a question about DUI convictions, is found since stop 49.
    41: {
        "b007",
        "b031",
        "b041",
        "b043",
        "b073",
        "b075",
        "b079",
        "b085",
        "b091",
        "b109",
        "b111",
        "b127",
        "b139",
        "p093",
        "p145",
        "p219",
        "p285",
        "p299",
    },
    42: {
        "b001",
        "b007",
        "b013",
        "b019",
        "b031",
        "b037",
        "b041",
        "b043",
        "b061",
        "b067",
        "b111",
        "b119",
        "b133",
        "p029",
        "p167",
        "p171",
        "p223",
        "p225",
        "p237",
        "p243",
        "p259",
        "p295",
    },
    # Rounds 43 and 44 (stop 49): scored blind at 31b4982, then at this stop's rules; their
    # dev halves were read. Secrets no rule finds: a storage unit's combination in a quoted
    # reply, a social-work case number, a court interpreter's table of parties, a PIN written
    # as a JSON array of digits. Look-alikes: public figures' health and trials, documented
    # example values, other languages tier 3 cannot read.
    43: {
        "b001",
        "b007",
        "b029",
        "b033",
        "b035",
        "b037",
        "b039",
        "b041",
        "b043",
        "b045",
        "b047",
        "b055",
        "b061",
        "b071",
        "b073",
        "b077",
        "b079",
        "b081",
        "b095",
        "b097",
        "b105",
        "b115",
        "b131",
        "b139",
        "b141",
        "b149",
        "p255",
        "p299",
    },
    44: {
        "b003",
        "b013",
        "b017",
        "b021",
        "b031",
        "b035",
        "b037",
        "b039",
        "b047",
        "b049",
        "b053",
        "b067",
        "b069",
        "b079",
        "b089",
        "b091",
        "b097",
        "b099",
        "b113",
        "b117",
        "b123",
        "b133",
        "b139",
        "b143",
        "b147",
        "p123",
        "p147",
    },
}
# Outcomes that change when tier 3's threshold moves by 0.05 either way (the model averages
# heads that disagree on some sentences, so its scores sit near 0.5 there; listed by running
# the dev halves at thresholds 0.45, 0.5 and 0.55, stop 28), and outcomes that differed between
# two builds of tier 3 on two machines (stop 36: r8 p113, r10 b131, r11 b097 and b147, r13
# p165, r15 b009).


BORDERLINE = {
    1: {"b007", "b095", "p003", "p011"},
    2: {"b083"},
    3: {"b013", "b021", "b025", "b029", "b031", "b041", "b045"},
    4: {"b013", "b111", "b121", "b145", "p143", "p259"},
    5: {
        "b033",
        "b039",
        "b041",
        "b055",
        "b073",
        "b081",
        "b099",
        "b147",
        "b149",
        "p091",
        "p129",
        "p209",
        "p263",
    },
    6: {"b045", "b049", "b147"},
    # p021: tier 3 alone decides it, and machines' builds disagree (a miss at stop 28, 0.69 on
    # stop 29's machine): the model's training is not bit-for-bit the same on every host.
    7: {"b067", "b093", "b141", "p009", "p011", "p021", "p059", "p079", "p287"},
    8: {
        "b065",
        "b137",
        "b143",
        "b145",
        "p021",
        "p067",
        "p069",
        "p097",
        "p113",
        "p237",
        "p261",
        "p265",
    },
    9: {
        "b015",
        "b039",
        "b091",
        "b099",
        "b121",
        "b123",
        "b133",
        "b141",
        "b145",
        "p027",
        "p095",
        "p099",
        "p253",
        "p259",
    },
    10: {"b003", "b027", "b059", "b075", "b087", "b131", "p025", "p059", "p089", "p145", "p209"},
    11: {"b031", "b095", "b097", "b135", "b147", "p193"},
    12: {
        "b045",
        "b065",
        "b083",
        "b087",
        "b097",
        "b107",
        "b125",
        "b133",
        "p041",
        "p073",
        "p105",
        "p141",
        "p159",
        "p185",
        "p233",
        "p249",
        "p253",
        "p273",
    },
    13: {
        "b001",
        "b003",
        "b023",
        "b055",
        "b071",
        "b085",
        "b093",
        "b095",
        "b101",
        "b113",
        "b121",
        "b123",
        "b125",
        "b127",
        "b139",
        "b149",
        "p165",
    },
    14: {"b029", "b035", "b039", "b141", "p083", "p091", "p099", "p211"},
    15: {"b009", "b045", "b101"},
    16: {"b019"},
    17: set(),
    18: set(),
    19: set(),
    20: set(),
    21: set(),
    22: set(),
    # tier 3 reads the Portuguese name statement at 0.58 (the rules no longer find it)
    23: {"p151"},
    24: set(),
    25: set(),
    26: set(),
    27: set(),
    28: set(),
    29: set(),
    30: set(),
    31: set(),
    32: set(),
    33: set(),
    34: set(),
    35: set(),
    36: set(),
    37: set(),
    38: set(),
    39: set(),
    40: set(),
    41: set(),
    42: set(),
    43: set(),
    44: set(),
}


# Outcomes that differed between the hosts of stops 48 and 49, at the same code (31b4982): the
# tier-3 model is rebuilt on each host, and a new host's build scores some sentences on the
# other side of 0.5 (round 20's p141: a survey comment at 0.49 that was flagged before, so the
# name 137 characters above it was no longer near a finding). Listed apart like BORDERLINE,
# whichever list above names them.
HOST_DEPENDENT = {
    10: {"b143"},
    12: {"b139"},
    15: {"b087"},
    18: {"b133"},
    19: {"b029"},
    20: {"p141", "p235"},
    22: {"b039"},
    23: {"b011", "b099", "p185"},
    24: {"p089"},
    25: {"b041", "p261"},
    27: {"b067"},
    28: {"b141"},
    30: {"b061"},
    35: {"p235"},
    36: {"b049"},
    37: {"b001", "p103"},
    38: {"b053", "p127", "p231"},
    40: {"b001", "b055", "b063", "p247", "p263", "p291"},
    42: {"b103", "p243"},
}
for _round, _ids in HOST_DEPENDENT.items():
    BORDERLINE[_round] |= _ids


def _param(round_: int, sample):
    marks = []
    if sample.id in BORDERLINE[round_]:
        marks = [pytest.mark.xfail(strict=False, reason="tier-3 score at its threshold")]
    elif sample.id in KNOWN[round_]:
        marks = [pytest.mark.xfail(strict=True, reason="known, listed in this module")]
    return pytest.param(sample, id=f"r{round_}-{sample.id}", marks=marks)


SECRETS = [_param(r, s) for r in ROUNDS for s in red_team_samples("dev", r) if s.spans]
LOOK_ALIKES = [_param(r, s) for r in ROUNDS for s in red_team_samples("dev", r) if not s.spans]


@pytest.fixture(scope="module")
def detector(tier3_model_dir):
    detector = Detector.from_config(DetectorConfig(tier3_model_dir=str(tier3_model_dir)))
    assert not detector.load()
    return detector


@pytest.fixture(scope="module")
def rules_detector(tier3_model_dir):
    """The detector without the language policy: what its rules flag in other languages."""
    config = DetectorConfig(
        tier3_model_dir=str(tier3_model_dir), unread_languages=UnreadLanguages.JUDGE
    )
    detector = Detector.from_config(config)
    assert not detector.load()
    return detector


@pytest.mark.parametrize("sample", SECRETS)
def test_a_dev_secret_is_private_from_its_first_character(detector, sample):
    [(start, _, _)] = sample.spans
    first = detector.detect(sample.text, first_only=True).first
    assert first is not None and first <= start, (sample.text, first)


@pytest.mark.parametrize("sample", LOOK_ALIKES)
def test_a_dev_look_alike_stays_public(rules_detector, sample):
    assert rules_detector.detect(sample.text, first_only=True).first is None, sample.text


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_the_splits_partition_each_round(round_):
    dev = {s.id for s in red_team_samples("dev", round_)}
    test = {s.id for s in red_team_samples("test", round_)}
    assert dev and test and not dev & test
    assert len(dev) + len(test) == len(red_team_samples(None, round_))
    for sample in red_team_samples(None, round_):
        for start, end, _ in sample.spans:
            assert 0 <= start < end <= len(sample.text)
