"""A value under a field that names a person's data, in a pasted record, is private; schemas,
placeholders, types and fields that name things are not."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.record_fields import field_spans


def found(text: str) -> list[str]:
    return [text[b:e] for b, e in field_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    "text, value",
    [
        ('{"status":200,"data":{"userId":"c7f2a9","dateOfBirth":"1991-07-23"}}', "1991-07-23"),
        ("Your booking is confirmed!\nBooking reference: QX7T2L\nFlight LH 1234", "QX7T2L"),
        ("NOTICE\nRegistered owner: TREVOR M. OKAFOR\nPlate: 8KDL412", "TREVOR M. OKAFOR"),
        ("passenger_name: 'Julia Hartmann'\nseat: 14C", "Julia Hartmann"),
        ("CUSTOMER_NAME=Ines Carvalho\nPLAN=pro", "Ines Carvalho"),
        (  # a wallet pass's field: key "name", label "MEMBER"
            '{"primaryFields": [{"key": "name", "label": "MEMBER", "value": "Oksana Hrytsenko"}]}',
            "Oksana Hrytsenko",
        ),
        # a table's record is private from its first cell
        ("dedupe this:\nid,full_name,email\n101,Ines Carvalho,ines@x.pt\n", "101,Ines Carvalho"),
        ("id\tpatient\tward\n7\tR. Okoye\t4B", "7\tR. Okoye"),
        # the name column before the ID column that makes it a table of people
        ("이름,주민등록번호,부서\n박지훈,900101-1234567,총무팀", "박지훈,900101-1234567"),
        ("Name;DNI;Ciudad\nLucía Gómez;12345678Z;Sevilla", "Lucía Gómez;12345678Z"),
        # roles of records about private people (round 21 dev p121, p123, p065, p285)
        ("Donor: Evelyn Marchetti-Boone\nLifetime giving: $48,250", "Evelyn Marchetti-Boone"),
        ("Outorgante vendedor: João Batista Moura, brasileiro", "João Batista Moura"),
        # surnames that are also words of organisations (review of stop 40)
        ("Participant: Daniel Cross\nStudy arm: B", "Daniel Cross"),
        ("Student: Ruby Way\nYear: 9", "Ruby Way"),
        # a Markdown table's rule under its header; a table inside a JSON string (p175)
        ("| Employee | Level |\n|---|---|\n| Yusuf Demirci | L5 |", "| Yusuf Demirci"),
        (
            '{"text": "Comp review\\n| Employee | Level |\\n| Yusuf Demirci | L5 |"}',
            "| Yusuf Demirci",
        ),
        # a home postcode column makes a fleet export a table of people (round 20 dev p173)
        (
            "week,driver,idle_h,home_postcode\n10,Tadhg O'Riordan,13.9,S6 2LN",
            "10,Tadhg O'Riordan,13.9,S6 2LN",
        ),
        # a table printed with aligned columns
        (
            "   patient_name   mrn      ward\n0  Ada Mensah     8812034  4B\n1  Li Wei  8812035  2A",
            "0  Ada Mensah     8812034  4B",
        ),
        ("Date of birth (DD/MM/YYYY): 23/07/1991", "23/07/1991"),
        ('{"address_line_1": "12 Harbour Row"}', "12 Harbour Row"),
        # stop 36: a FHIR Patient's identifier
        (
            '<Patient xmlns="http://hl7.org/fhir">\n  <identifier><system value="urn:oid:2.16'
            '.840.1"/><value value="MRN00731842"/></identifier>',
            "MRN00731842",
        ),
        (
            '{"resourceType": "Patient", "identifier": [{"system": "urn:x", "value": "K391774028"}]}',
            "K391774028",
        ),
        # stop 39: a role before "name" names a person's column; a property list names its
        # field in one member and holds the value in the next
        (
            "ts,driver_name,driver_id,lat\n2026-02-20 14:02:11,Emmanuel Adebisi,D-0441,51.5",
            "2026-02-20 14:02:11,Emmanuel Adebisi",
        ),
        ("Participant name: Greta Lindqvist\nSession: 3", "Greta Lindqvist"),
        (
            '{"user_properties": [{"key": "full_name",\n  "value": {"string_value": "Harold Ngata"}}]}',
            "Harold Ngata",
        ),
        ('[{"Name": "custom:date_of_birth", "Value": "1990-04-02"}]', "1990-04-02"),
        # a role's name field when its value is a name; "Name of <role>"; a GPS track's author
        ("Name of participant: Grady Lutterworth\nDate: 12/02/2026", "Grady Lutterworth"),
        ("Driver name: Sean McDonald", "Sean McDonald"),
        ("rider_name: Ana de la Cruz", "Ana de la Cruz"),
        (
            '<gpx version="1.1">\n <metadata>\n  <author><name>Henrietta Quayle</name>',
            "Henrietta Quayle",
        ),
    ],
)
def test_a_person_field_value_is_found_first(text, value):
    assert found(text)[0] == value


@pytest.mark.parametrize(
    "text",
    [
        "env:\n  - name: Publish\n    owner: platform-team",
        "full_name: <your name>\nemail: ${EMAIL}\ndob: null\nphone: string",
        "Full name: ____________\nDate of birth (DD/MM/YYYY): __/__/____",
        "address = mailbox / group",  # a grammar, not a record
        "address: 0x7ffd5e8c",  # a memory address
        "columns: id,email,total_cents\nuser_id,customer_email,total_cents\n",
        'schema = {"dateOfBirth": "string", "email": "str"}',
        "Call it with full_name=name and email=user.email.",
        # contact data of a business is the e-mail and phone patterns' to judge
        "Phone: +1 (800) 555-0199\nEmail: info@hotelaurora.com",
        "server:\n  address: 0.0.0.0\n  port: 8080",
        "address: localhost:8080",
        'address: "0x7ffd5e8c"',
        "Patient: A 45-year-old man presents with chest pain.",  # a textbook case
        "| Field | Description |\n|---|---|\n| email | The user's email |\n| phone | E.164 |",
        "field,type,description\nfull_name,string,the name\nphone,string,E.164\n",
        # an organisation's identifier is no person's, and the specification's are examples
        '{"resourceType": "Organization", "identifier": [{"system": "urn:x", "value": "K3917"}]}',
        '<Patient>\n  <identifier><system value="urn:x"/><value value="MRN-0001"/></identifier>',
        "hiv_status: Positive, Negative or Unknown (enum)\nmedical_history: free text",
        # owners and users name teams and logins as often as people; a property list's schema
        "owner_name: platform-team\nuser_name: ci-bot",
        '[{"key": "full_name", "value": {"string_value": "<name>"}}, {"key": "plan", "value": "pro"}]',
        '{"name": "driver_name", "value": "string"}',
        # a role alone names companies and public figures as often; a role's name field
        # needs a name (stop 39 review)
        "Driver: Microsoft Basic Display Adapter\nOperator: Air France\ncustomer: Acme Widgets",
        "driver,team,points\nMax Verstappen,Red Bull,400\n",
        "Donor: Bill & Melinda Gates Foundation\nDonor: Wellcome Trust\nVolunteer: Red Cross Youth",
        "Donor: Chan Zuckerberg Initiative\nDonor: Anonymous Donor\nVolunteer: Morning Shift",
        "Volunteer: Citizens Advice\nPlacement: Reception",
        "Outorgante vendedor: Município de Lisboa\nOutorgado comprador: Banco Santander Totta",
        "| Student | Grade |\n|:--|:--:|\n| Example Student | A |\n| Another Student | B |",
        # found in review (stop 40): a tutorial's sample table; a CSV string in code
        "Sample output:\n\n| employee | department |\n|---|---|\n| Ada Lovelace | Analytics |",
        'df = pd.read_csv(io.StringIO("first_name,last_name,age\\nJohn,Smith,34\\nMary,Jones,28"))',
        "Driver name: nvlddmkm.sys\nCaller name: Private Number\nparent_name: Electronics",
        "<gpx><author><name>OpenStreetMap contributors</name></author>",
        '<gpx version="1.1">' + "x" * 3000 + "<feed><author><name>Sam Ruby</name>",
        '[{"label": "Patient", "value": "PATIENT"}, {"name": "guest", "value": "Guest Wifi"}]',
        '<xs:element name="dateOfBirth" type="xs:date"/><driver>nvidia</driver>',
        # found in review (stop 41): WHOIS privacy and on-call rotations
        "Registrant: Redacted For Privacy\nRegistrant Country: US",
        "Registrant: Domains By Proxy",
        "oncall: Primary Rotation\nsecondary: Platform Team",
        "Registrant Name: GDPR Masked",  # second review (stop 41): a field alone is no finding
        "oncall: Backend Escalation",
        # a label of a person field over a value that is no name: a fare type, a team
        '{"fields": [{"key": "pax_type", "label": "Passenger", "value": "Child"}]}',
        '{"key": "name", "label": "Contact", "value": "Customer Success"}',
    ],
)
def test_schemas_placeholders_and_things_stay_public(text):
    assert found(text) == []


def test_an_aligned_table_of_things_is_not_a_record():
    assert found("   package   version   license\n0  numpy     1.26      BSD") == []


def test_a_value_of_one_repeated_digit_is_a_slot_but_a_real_number_is_not():
    assert found('{"name": "Test User", "ssn": "000-00-0000"}') == []
    assert found('{"full_name": "Ana Ruiz", "ssn": "532-11-0943"}')


def test_the_parties_of_a_court_document_are_person_fields():
    text = "Demandante: Dña. Rocío Marín Salas\nDemandado: D. Iván Ortega Pozo"
    assert found(text) == ["Dña. Rocío Marín Salas", "D. Iván Ortega Pozo"]
    assert found("Plaintiff: <name>\nDefendant: string") == []


def test_a_csv_rows_amounts_with_thousands_separators_keep_its_cells_in_line():
    text = "Donor,Envelope#,YTD\nWalter Oyelaran,112,$14,200\nBeatrix Hume,087,$650"
    assert found(text) == ["Walter Oyelaran"]
    # a row with more cells than its header is still no record of it
    assert found("Donor,Envelope#,YTD\nWalter Oyelaran,112,14,20,9\n") == []
    text = "Donor,Receipt#,Amount\nRavi Shankar Iyer,4471,₹1,20,000\n"  # Indian grouping
    assert found(text) == ["Ravi Shankar Iyer"]


def test_a_holders_name_is_a_person_field_but_a_holder_alone_is_not():
    assert found('{"dispute": {"holderName": "Silas Marrow-Tunde", "reason": "fraud"}}') == [
        "Silas Marrow-Tunde"
    ]
    # a record holder, a copyright holder (the stop 43 review)
    assert found("Men's 100 m\nHolder: Usain Bolt (JAM)\nTime: 9.58") == []
    assert found('{"event": "marathon", "holder": "Kelvin Kiptum", "time": "2:00:35"}') == []


def test_public_tables_with_amounts_are_not_realigned():
    text = "Candidate Name,Party,Votes\nJoe Biden,Democratic,81,283,501\n"
    assert found(text) == []


def test_a_residence_status_field_is_private_but_its_type_is_not():
    # stop 44, round 28
    text = "Translate the answers:\nCurrent immigration status: Undocumented\nYear of entry: 2011"
    assert found(text) == ["Undocumented"]
    assert found("Fields: immigration_status: enum, visa_status: string") == []
    # types, defaults, option lists (the stop 44 review)
    assert found("  visaStatus: VisaStatus;") == []
    assert found("residence_status = ResidenceStatus.PENDING") == []
    assert (
        found("immigration_status VARCHAR(32) NOT NULL,\nImmigration status: One of PENDING") == []
    )
    assert found("Immigration status: Citizen / Permanent resident / Other") == []
    assert found("Aufenthaltstitel: Duldung bis 31.08.2024") == ["Duldung bis 31.08.2024"]


def test_an_inmate_column_holds_a_name_an_initial_and_surname_too():
    # stop 44, round 27
    text = "Inmate | DOC # | Unit | Release\nJ. Kowalski | 889102 | C-Block | 2028\n"
    assert found(text) == ["J. Kowalski"]
    assert found("Inmate | Count\nC-Block | 212\n") == []
    # a cast list, a table of political prisoners, initials of public figures (stop 44 review)
    assert found("Cast:\nInmate: Danny Trejo\nWarden: Clancy Brown") == []
    assert found("Prisoner | Country | Sentence\nAlexei Navalny | Russia | 19 years\n") == []
    assert found("Driver name: M. Verstappen\nTeam: Red Bull") == []
    assert found("Borrower: J. Crew Group\nAmount: $1.2bn") == []


def test_a_rosters_health_result_column_makes_its_first_row_private():
    # stop 45, round 30: a daycare's staff export, semicolons between cells
    text = "name;role;tb_test;cpr_exp\nDenise Ruiz;lead teacher;positive-treated;2026-04\n"
    assert found(text) == ["Denise Ruiz;lead teacher;positive-treated"]
    assert found("name;role;tb_test;cpr_exp\n") == []  # a header alone
    assert found('"hiv_status": "string"') == []  # a schema's type
    # counts by county, a data dictionary, a form's field alone (the stop 45 review)
    assert found("county,hiv_status,count\nKing,positive,412\nPierce,negative,388\n") == []
    assert found("name,tb_test\nstring,positive | negative\n") == []
    assert found("hiv_status: Positive\nvaccination_status: Exempt") == []


def test_numbered_roles_and_a_clients_health_object_name_a_person():
    # stop 45, rounds 31 and 32
    marriage = '{"doc":"marriage_cert","spouse1":"Ahmed Karimi","spouse2":"Leila Moradi"}'
    assert found(marriage) == ["Ahmed Karimi", "Leila Moradi"]
    client = (
        '{"client_id":8812,"name":"Owen Kessler","allergies":["nickel"],'
        '"conditions":["type 1 diabetes"]}'
    )
    assert found(client) == ["Owen Kessler"]
    care = '{"name":"Ruben Castellanos","client_id":"HC-20931","dx":["CHF"],"code_status":"DNR"}'
    assert found(care) == ["Ruben Castellanos"]
    # no client's, patient's or resident's record id: a drug catalogue, a game's sheet (the
    # stop 45 review)
    assert found('{"name":"Warfarin Sodium","member_id":null,"allergies":["aspirin"]}') == []
    assert found('{"name":"Thorin Oakenshield","conditions":["poisoned"],"dx":"none"}') == []
    # a race's and a poll's numbered roles, a recipe's allergens, a city's weather
    assert found('{"driver1":"Lewis Hamilton","candidate2":"Joe Biden"}') == []
    assert found('{"tenant2":"Northwind Traders","heir1":"Prince Charles"}') == []
    assert found('{"name":"Pad Thai","allergies":["peanuts"]}') == []
    assert found('{"id":3,"name":"New York","conditions":"Cloudy"}') == []


def test_a_tracked_position_names_a_person():
    # stop 46, round 35: a fleet tracker's payload
    tracker = (
        '{"vehicle":"Van 12","driver":"Patrick Oyelowo","lat":41.87621,"lon":-87.63017,'
        '"ts":"2026-12-05T07:14:22Z"}'
    )
    assert found(tracker) == ["Patrick Oyelowo"]
    # a landmark's or a storm's "name", a position with no time or a coarse one (the stop 46
    # review)
    assert found('{"name":"Golden Gate Bridge","lat":37.81993,"lon":-122.47825,"ts":"x"}') == []
    assert found('{"name":"Storm Ciaran","lat":49.51234,"lon":-4.12345,"ts":"2023-11-02"}') == []
    assert found('{"driver":"Patrick Oyelowo","lat":41.87621,"lon":-87.63017}') == []
    assert found('{"driver":"Patrick Oyelowo","lat":41.9,"lon":-87.6,"ts":"2026-12-05"}') == []


def test_a_free_text_last_column_and_a_cdl_column_name_a_person():
    # stop 47, rounds 37 and 38: commas inside the last column; a driver's licence column
    roster = "Last,First,DOB,Exemption\nNakashima,Riley,2014-08-02,religious (MMR, varicella)"
    assert found(roster) == ["Nakashima,Riley,2014-08-02"]
    log = "driver,cdl,date,on_duty_hrs\nRandall Pickett,TX 31846275,2024-11-02,13.5"
    assert found(log) == ["Randall Pickett,TX 31846275"]
    # a job ad's licence class; a person column that is the free-text one; a header of prose
    assert found("Job: Regional driver\nCDL: Class A\nPay: weekly") == []
    assert found("route,cdl,notes\nI-80,required,see below") == []
    assert found("city,notes,dob\nParis,capital, large,2020") == []
    # a role's column over a free-text one, counts of licence holders (the stop 47 review)
    assert found("case,plaintiff,defendant,notes\nRoe v. Wade,Jane Roe,Henry Wade,a, b") == []
    assert found("state,cdl,notes\nTexas,612345,counts, 2024") == []
    assert found("CDL: 250000 accident-free miles preferred") == []


def test_a_co_defendant_column_names_a_person():
    # stop 47, round 40: a public defender's conflict check
    text = "client | co-defendant | case\nMiguel Ángel Torres | Jose Ruiz | 26-F-2219"
    assert found(text) == ["Miguel Ángel Torres | Jose Ruiz"]
    assert found("client | co-defendant | case\n- | - | -") == []


def test_a_rosters_health_column_makes_its_first_row_private():
    # stop 48, rounds 33 and 39: an injury log, a client's body measures
    injuries = "player,injury,rtp\nMarcus Ilunga,hamstring strain grade 2,2025-04-12\n"
    assert found(injuries) == ["Marcus Ilunga,hamstring strain grade 2"]
    measures = "client,date,weight,bf%\nDerek Holm,2025-01-03,212,31.4\n"
    assert found(measures) == ["Derek Holm,2025-01-03,212,31.4"]
    # a product catalogue's weight, a plain name's weight, an empty cell, no name in the row
    assert found("name,weight,price\nArlo Pro,2kg,99\n") == []
    assert found("name,weight,bf%\nDerek Holm,212,31.4\n") == []
    assert found("player,injury,rtp\nMarcus Ilunga,,2025-04-12\n") == []
    assert found("player,injury,rtp\nTBD,string,date\n") == []
    assert found("condition,count\nasthma,412\n") == []
    # under a plain name column, only a condition counts (a menu's allergens do not)
    assert found("name,allergies,price\nCaesar Salad,dairy,12\n") == []
    assert found("name,allergies,room\nTom Becker,peanuts,4B\n") == []
    assert found("name,injury,out\nTom Becker,torn ACL,6 wk\n") == ["Tom Becker,torn ACL"]
    # a player's column needs a condition too ("thigh injury" is sports news); a tutorial's rows
    assert found("player\tnation\tinjury\nKarim Benzema\tFrance\tthigh injury\n") == []
    assert found("A sample table:\nname,injury,out\nTom Becker,torn ACL,6 wk\n") == []
    # review 2: a doctors' directory, a rowing crew's weights
    assert found("name,specialty,conditions\nAnna Weber,Neurology,epilepsy; migraine\n") == []
    assert found("member,seat,weight\nMatthew Pinsent,stroke,108 kg\n") == []
