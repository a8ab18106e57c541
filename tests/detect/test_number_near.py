"""Numbers and codes named by a word before them, in many languages; public numbers stay public."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.number_near import NumberNearWordRecognizer, number_near_spans
from sglang_safekv.detect.registry import TextWindow


def found(text: str) -> list[str]:
    return [text[b:e] for b, e in number_near_spans(text)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The PUK printed on the card is 48203917, where do I type it?", "48203917"),
        ("whatsapp code 401-677 came through", "401-677"),
        ("Backup codes for GitHub:\n8f3a2-91c7e\n0d4b6-7e21a", "8f3a2-91c7e"),
        ("mi DNI es 16019220L, ¿me ayudas?", "16019220L"),
        ("Mój PESEL to 92031504822, czy mogę", "92031504822"),
        ("マイナンバーは520639184700です", "520639184700"),
        ("رقم جوالي 0554 318 907، أرسل", "0554 318 907"),
        ("मेरा आधार नंबर 7100 4089 9178 है", "7100 4089 9178"),
        ("my number is 0412 558 903, after 5", "0412 558 903"),
        ("the bike lock combination is 9-4-7-2, and it's stuck", "9-4-7-2"),
        ("Мой пароль от почты — Medved_Moskva1985, надо", "Medved_Moskva1985"),
        ("my PIN is 1987", "1987"),
        ("Passport No. X1234567, expires in May", "X1234567"),
        ("Tel. 0612 345 678 after six", "0612 345 678"),
        ("card ending 1234, CVV 847, expiry 09/27", "847"),
        ("my social security number is 078-05-1120", "078-05-1120"),
        ("call my cell: (415) 555-2671", "(415) 555-2671"),
        ("Kennzeichen M-KR 4721, Strafzettel vom 12.9.", "M-KR 4721"),
        ("Số điện thoại của mình là 0912 384 716, viết giúp", "0912 384 716"),
        # "number" after a word that says whose identifier it is (round 19)
        ("PPS Number: 8841902E\nName: Aoife", "8841902E"),
        # record words right before their number (round 23)
        ("label: 'RX# 6043187  GARCIA, LUIS A.  Metformin'", "6043187"),
        ("on my son's report? \"Student #S0448127 - reading level", "S0448127"),
        ("chasing this. Claim #AUT-2026-558193. The other driver", "AUT-2026-558193"),
        ("17:30 meter=SM-88124417 addr='Flat 9'", "SM-88124417"),
        ("festgestellt. Versicherungsnummer 7729-041-88, Halterin", "7729-041-88"),
        ("Claim: #558193 is the one I'm asking about", "558193"),
        ("Student ID#: S0448127", "S0448127"),
        ("Tax File Number: 471 920 380\nName", "471 920 380"),
        # a person's own number beside where they work (the review of stop 38)
        ("Her cell: 612 345 678 - she's at the call centre until six", "612 345 678"),
        # the words after the value: someone's number, not a format (stop 41 review)
        ("does membership number 77120934 look like yours?", "77120934"),
        # the variants the stop 42 review still missed (stop 43)
        ("Student ID S0448127, Mia Laurent, missing the resit grade", "S0448127"),
        ("Hallo, meine Kundennr. 556677 – bitte Rückruf", "556677"),
        ("Esto no es un ejemplo: mi número es 612 345 678", "612 345 678"),
        ("Meine Versicherungs-Nr. ist 12 150853 M 004, bitte", "12 150853"),
        ("This is not an example: my SSN is 123-45-6789.", "123-45-6789"),
        ("Ce n'est pas un exemple : mon numéro est 06 12 34 56 78", "06 12 34 56 78"),
        # an applicant's number (stop 44, round 27)
        ("'Applicant #BX-77201. Diagnosis: dyslexia (F81.0)", "BX-77201"),
        ("Mahnung: Mitglied Jan Roth, Mitgliedsnr. 004871, SV Blau", "004871"),
        ("Mijn Flying Blue-nummer is 1180 447 302 en mijn koffer", "1180 447 302"),
    ],
)
def test_a_named_value_is_found_whole(text, value):
    assert found(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "error code 4040 again",
        "see line 1234 of the code",
        "the code runs 1000 times",
        "call 1-800-555-0199 for help",
        "the number 1024 is a power of two",
        "The Da Vinci Code was a huge bestseller in 2003",
        "El código postal del Museo del Prado es 28014.",
        'the tool input is {"code": "5 + 3 + 1294.678"}',
        "watch the code base video https://www.youtube.com/watch?v=df8afeb1FY8",
        "ZIP code 94103 covers the Mission",
        "the source code of version 2.14.1",
        "If the installer fails, msiexec returned code 1603.",
        "Windows shows code erreur 0x80070005 after the update",
        "Nie mogę znaleźć 2048 plików",
        "Weather in Tel Aviv 2024 forecast",
        "GPIO pin 1023 is reserved on this board",
        "set the lock timeout to 30000 ms",
        "Privacy Policy: last updated 2024-01-15",
        "Advent of Code 2023 day 5 solutions",
        "El puerto 8080 está ocupado",
        "For example, an SSN is written as 123-45-6789.",
        "Call our hotline 0120-123-456 in Japan",
        "Peraturan Pemerintah Nomor 1234 tentang pajak",  # a regulation's number
        # stop 36: an error code after a phone-number word, a host's port after a password
        "an invalid phone number (error 21212).",
        "TIETOKANTA=postgresql://kayttaja:salasana@localhost:5432/kehitys",
        # a business's free line, a test phone (round 19)
        "facilita el teléfono de atención 900 100 200 (gratuito, de lunes a sábado)",
        'client.sms.send(phone="13800000000", template="SMS_TEST_001")',
        # organisations' and samples' numbers (the review of stop 38)
        "Oxfam's charity registration number 202918",
        "Apple's employer identification number 94-2404110",
        "the classicmodels sample: customer number 1002",
        "the national number for the Samaritans is 116 123",
        'Vehicle codes look like "HR-4821".',  # a format, in a system prompt (round 22)
        # record words only right before a number (round 23)
        "Smart meter export:\n2026-11-28 17:30 kWh=0.94",
        "The AMD RX 7900 XTX beats the RTX 4080 here",
        "Claim 1234 of the patent covers the method",
        "student 2024 intake opens in March",
        "the meter reads 45678 kWh this month",
        # counts, models, settings and doses after a record word (the stop's review)
        "Kill A Watt power meter: 1500 W",
        "University facts: Student: 41000 enrolled in 2023/24",
        "In the leaderboard, Student #1024 solved all problems",
        "Candidate #3 won the second debate by a wide margin",
        "The Klondike claim #1896 was staked by George Carmack",
        "RX: 7900 XTX scored 21000 in Time Spy",
        "UART settings: RX = 115200 baud",
        "Prescription: 2000 mg per day is the usual maximum",
        # a cue not denied still makes an example (stop 43)
        "Example: my SSN is 123-45-6789.",
        "Not sure of the format; for example, the claim number AUT-2026-558193",
        "Claim number 12 of the patent is the broadest",
        # a court's claim number and a form's name; a default, not denied (stop 43 review)
        "Approved Judgment. Claim number HC-2016-002345. Between: Vodafone Ltd (Claimant)",
        "Prescription number FP10-2019 refers to the NHS prescription form, not to a patient.",
        "There is no default PIN on the keypad; the admin code 123456 is printed on the card.",
        "The meter ID ABB-B23-112 supports Modbus RTU over RS-485.",
        "The Flying Blue-nummer has 10 digits, like 1180 447 302.",
        "My Sony model-number is WH-1000XM4 and it still hisses.",
        "Our VAT-number is GB 123 4567 89.",
        "The student ID SID-2024 column in the public dataset is anonymised.",
    ],
)
def test_public_numbers_stay_public(text):
    assert found(text) == []


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["PIN", "passport", "código", "手机号", "phone"]),
    st.text(alphabet="abcdefgh ", max_size=20),
    st.from_regex(r"[0-9]{4,9}", fullmatch=True),
)
def test_spans_cover_the_value_and_map_back_through_normalisation(word, gap, digits):
    """Whatever the gap, a reported span is exactly a digit run of the original text, also when
    the digits are written full-width."""
    wide = "".join(chr(ord(d) + 0xFEE0) for d in digits)
    text = f"{word} {gap} {wide}."
    for span in NumberNearWordRecognizer().analyze([TextWindow(text, 0, len(text))])[0]:
        assert text[span.start : span.end] == wide


def test_a_number_read_out_in_korean_syllables_is_found_after_normalisation():
    text = "택배 기사님께: 내 번호는 공일공 칠삼팔이 사일구육이고 문 앞에 두세요"
    window = TextWindow(text, 0, len(text))
    (span,) = NumberNearWordRecognizer().analyze([window])[0]
    assert text[span.start : span.end].startswith("공일공 칠삼팔이 사일구육")


@pytest.mark.parametrize(
    "text, value",
    [
        ("PIN-koodini on 4471, älä kerro kenellekään", "4471"),
        ("CNP-ul meu este 1850312406217, te rog", "1850312406217"),
        ("הקוד לדלת הוא 7302, אל תשכח", "7302"),
        ("আমার এনআইডি নম্বর ১৯৮৮৫৫১২৩৪৫৬৭ দিও", "১৯৮৮৫৫১২৩৪৫৬৭"),
        ("Minu isikukood on 38501120213.", "38501120213"),
        ("κωδικός κάρτας 5521, μην τον πεις", "5521"),
        ("namba ya kitambulisho 28471936, tafadhali", "28471936"),  # Swahili (stop 45)
        ("23:41 Noor Siddiqui badge 00871 door B", "00871"),  # an access log (stop 45)
    ],
)
def test_naming_words_of_more_languages_find_their_values(text, value):
    assert value in found(text)


@pytest.mark.parametrize(
    "said",
    [
        "PIN-koodi on kuusi-kaksi-yhdeksän-nolla, nosta rahat",
        "הקוד לכספת הוא שש ארבע תשע אחת, אל תגיד",
        "CNP: doi opt opt zero nouă unu cinci patru zero",
    ],
)
def test_numbers_read_out_in_more_languages_are_found_after_normalisation(said):
    window = TextWindow(said, 0, len(said))
    assert NumberNearWordRecognizer().analyze([window])[0]


def test_a_card_word_names_only_a_card_numbers_length():
    assert found("my card: 4916338200417703") == ["4916338200417703"]
    assert found("reading my card out: 4916 3382 0041 7703") == ["4916 3382 0041 7703"]
    assert found("my graphics card 4090 is loud") == []
    assert found("the card game has 1000 points") == []


def test_visa_student_and_patient_numbers_and_an_answer_after_a_question():
    # stop 46, rounds 35 and 36
    assert found("Sticker says: Visa no. ITA041827394, valid 01.12.2026") == ["ITA041827394"]
    assert found("Dzień dobry, nr albumu 318274, DS Riviera") == ["318274"]
    assert found("weigh-in log (pt ID ED-20417, blind weights)") == ["ED-20417"]
    assert found("my new PIN for the clinic portal? it's 471926. say it back") == ["471926"]
    # a visa's rules, a card brand, a patient count, an answer to a question about defaults
    assert found("Schengen visa: 90 days within any 180-day period.") == []
    assert found("Visa 4000 series cards") == []
    assert found("Patients per nurse: 12, patient 2 of 5") == []
    assert found("Which port does the server use? It's 8080 by default.") == []
    # a certificate's number is a product's or a firm's; a pub's licence (the stop 46 review)
    assert found("ISO 9001 certificate number 12345-QM15 was issued") == []
    assert found("What's the licence number of the pub? It's 20417 and is shown") == []


def test_a_drivers_licence_in_code_and_a_mobile_wallets_number():
    # stop 47, rounds 37 and 38
    sql = "SELECT * FROM drivers WHERE cdl_number = 'D40-118-2247-03' AND status = 'x';"
    assert found(sql) == ["D40-118-2247-03"]
    assert found("11/02 $400 Grace Njoroge M-Pesa 0722 418 305") == ["0722 418 305"]
    # a job ad's licence, a wallet's amount or its users
    assert found("CDL Class A required, 2 years experience") == []
    # fixtures assign other record ids the same way (the stop 47 review)
    assert found("df[df.patient_id == 'PT-0042']") == []
    assert found("claim_number = 'C100245'") == []
    assert found("For M-Pesa queries, call Safaricom customer care on 0722 002 100.") == []
    assert found("Send via GCash 2500 pesos by Friday") == []
    assert found("M-Pesa 2024 annual report: 32.1 million users") == []


def test_a_member_id_and_an_irish_pps_number():
    # stop 47, rounds 39 and 40
    assert found("The prior auth for member ID ZGP448213907 was approved") == ["ZGP448213907"]
    assert found("Issued to: Kieran Doyle, PPS No. 7391482EA, resident of Galway") == ["7391482EA"]
    # a member count, a member's year, the PPS scheme's rules
    assert found("The club has 1200 members; member since 2019") == []
    assert found("PPS numbers have 7 digits and 1 or 2 letters") == []
