import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.engines import ENGINES, make_engine
from sglang_safekv.detect.patterns import HINT_SCORE, default_patterns
from sglang_safekv.detect.tier1 import PatternRecognizer


@pytest.fixture(scope="module")
def recognizer():
    r = PatternRecognizer(engine="re")
    r.load()
    return r


def found(recognizer, text, threshold=0.5):
    return {
        (s.category, text[s.start : s.end]) for s in recognizer.scan(text) if s.score >= threshold
    }


@pytest.mark.parametrize(
    "text, category, value",
    [
        ("pay with 4111 1111 1111 1111 today", Category.CREDIT_CARD, "4111 1111 1111 1111"),
        # round 22: a UK close, a house number with a letter, a token named *_PAT
        ("delivered today to 4 Kilnsey Close, Skipton", Category.ADDRESS, "4 Kilnsey Close"),
        ("Reply at staff.2231@gmail.com", Category.EMAIL, "staff.2231@gmail.com"),
        # second review (stop 41): a login, a consumer ISP, a plus tag
        ("Send the quote to members.tk42@yahoo.co.uk", Category.EMAIL, "members.tk42@yahoo.co.uk"),
        ("Reply to: ab1234+jobs@columbia.edu", Category.EMAIL, "ab1234+jobs@columbia.edu"),
        ("email events.team@sky.com", Category.EMAIL, "events.team@sky.com"),
        (
            "on its way to 19B Hillcrest Terrace, Wellington",
            Category.ADDRESS,
            "19B Hillcrest Terrace",
        ),
        (
            'OURA_PAT = "Q7XKZ3M2VJ5TRLH6WNB4PYC8DFG2HAEU"',
            Category.CREDENTIAL,
            "Q7XKZ3M2VJ5TRLH6WNB4PYC8DFG2HAEU",
        ),
        (
            "IBAN: DE89 3704 0044 0532 0130 00.",
            Category.BANK_ACCOUNT,
            "DE89 3704 0044 0532 0130 00",
        ),
        ("my ssn is 536-22-8726", Category.GOV_ID, "536-22-8726"),
        ("write to jane.doe@gmail.com", Category.EMAIL, "jane.doe@gmail.com"),
        ("call (415) 555-2671 tonight", Category.PHONE, "(415) 555-2671"),
        ("key AKIAIOSFODNN7EXAMPLE here", Category.CREDENTIAL, "AKIAIOSFODNN7EXAMPLE"),
        ("password: Hunter2!", Category.CREDENTIAL, "Hunter2!"),
        ("DOB: March 3, 1985", Category.DATE_OF_BIRTH, "March 3, 1985"),
        ("at 742 Evergreen Terrace now", Category.ADDRESS, "742 Evergreen Terrace"),
        ("Dear Maria Lopez,", Category.PERSON, "Maria Lopez"),
        ("from 8.34.208.17 again", Category.IP_ADDRESS, "8.34.208.17"),
        (
            "doctl auth init -t dop_v1_d2b6cd684fb9035e22c1d460fae4e72b005d284ba6492933cb9bfe74800c47f1",
            Category.CREDENTIAL,
            "dop_v1_d2b6cd684fb9035e22c1d460fae4e72b005d284ba6492933cb9bfe74800c47f1",
        ),
        (
            'hook = "https://discord.com/api/webhooks/937125167986232728/Scs3I_BEv1GOLnzH2TH-lo'
            'oRmnKwgXwQHm0QmNiLR00iiMix"',
            Category.CREDENTIAL,
            "https://discord.com/api/webhooks/937125167986232728/Scs3I_BEv1GOLnzH2TH-looRmnKwgXwQH"
            "m0QmNiLR00iiMix",
        ),
        ("New Medicare card, MBI 3WC9-F25-PX81. Do I", Category.GOV_ID, "3WC9-F25-PX81"),
        # a prisoner's number, a log line's user beside an id (round 18)
        ("Inmate search: BOP Register # 48213-509, Name", Category.GOV_ID, "48213-509"),
        ("his inmate number is 2291873.", Category.GOV_ID, "2291873"),
        ("tel 020 7946 1234 after six", Category.PHONE, "020 7946 1234"),  # London, written
        (
            "Payment declined for user Renee Castillo (id=88120433) card=****7731",
            Category.PERSON,
            "Renee Castillo",
        ),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
            Category.CREDENTIAL,
            "-----BEGIN RSA PRIVATE KEY-----",
        ),
        # camelCase secret names with a quoted value, HL7 patient segments (stop 33)
        ('storePassword "Aurora!Keystore88"', Category.CREDENTIAL, "Aurora!Keystore88"),
        ("val dbPassword = 'hunter22x'", Category.CREDENTIAL, "hunter22x"),
        ('clientSecret: "Zq81-kkP2-xx0A"', Category.CREDENTIAL, "Zq81-kkP2-xx0A"),
        (
            "PID|1||448120^^^STMARYS^MR||Lindqvist^Agnes^M||19560214|F",
            Category.HEALTH,
            "448120",
        ),
        # curl's user and password, a sort code in JSON (stop 34)
        (
            "curl -u ops:Mangrove!42 -X POST https://ci.internal/job",
            Category.CREDENTIAL,
            "Mangrove!42",
        ),
        ('{"sort_code": "40-22-18", "number": "61804472"}', Category.BANK_ACCOUNT, "40-22-18"),
        # a person's readings, two lines of them; code typing into a named field (stop 35)
        (
            "healthkit.summary() ->\nweight: 104.2 kg (+3.1)\nresting heart rate: 88 bpm",
            Category.HEALTH,
            "weight: 104.2 kg",
        ),
        ("BP: 150/95\n  - Pulse: 92", Category.HEALTH, "BP: 150/95"),
        (
            'driver.find_element(By.ID, "customerId").send_keys("70418822")',
            Category.CREDENTIAL,
            "70418822",
        ),
        ("await page.fill('#password', 'Lapwing77');", Category.CREDENTIAL, "Lapwing77"),
        ("page.locator('#pin').fill('4471')", Category.CREDENTIAL, "4471"),
        ("Frau Sabine Köhler, geb. 12.03.1967, die", Category.DATE_OF_BIRTH, "12.03.1967"),
        ("fecha de nacimiento: 1990-02-11", Category.DATE_OF_BIRTH, "1990-02-11"),
        ("дата рождения: 12.03.1967", Category.DATE_OF_BIRTH, "12.03.1967"),
        ("ring me on 07734 916 228 after ten", Category.PHONE, "07734 916 228"),
        ("07723 418 096 | ros@outlook.com", Category.PHONE, "07723 418 096"),
        ("we're putting Anjali Raman on a PIP", Category.PERSONAL, "Anjali Raman"),
        # stop 40: a plate after its word; a party a court order names (round 21 dev p021, p119)
        ("Bilen med reg.nr KXR 41B ska besiktigas", Category.PERSONAL, "KXR 41B"),
        ("Kennzeichen: M-AB 1234, Halter unbekannt", Category.PERSONAL, "M-AB 1234"),
        ("Respondent Marcus Oyelowo shall pay child support", Category.PERSON, "Marcus Oyelowo"),
        # stop 39: a handset's IMEI (Luhn-checked)
        ("lost phone, IMEI: 49-015420-323751-8, Pixel 8", Category.PHONE, "49-015420-323751-8"),
        # an exchange's key whose next line is its secret; a device's serial number
        (
            'exchange:\n  key: "kr_4f8a1c2e9b7d3f6a0e5c8b2d1f7a9e3c4b6d"\n  secret: "Zm9vYmFy"',
            Category.CREDENTIAL,
            "kr_4f8a1c2e9b7d3f6a0e5c8b2d1f7a9e3c4b6d",
        ),
        ("iPad Air (5th gen), serial F2LXK8Q9HG7M", Category.PERSONAL, "F2LXK8Q9HG7M"),
        ("Aircraft: Mavic 3, SN 1581F4QWB2237007AH01", Category.PERSONAL, "1581F4QWB2237007AH01"),
        # stop 42 (round 23): someone's own wallet, the writer's full name in German, Swedish
        (
            "It went out from my wallet bc1q7k4z9x2m8p3w5n6r0t4y7u2q9s8d3f5g7h2j4l, TXID 3f9a",
            Category.BANK_ACCOUNT,
            "bc1q7k4z9x2m8p3w5n6r0t4y7u2q9s8d3f5g7h2j4l",
        ),
        (
            "send it to my wallet address: 0x8ba1f109551bd432803012645ac136ddd64dba72 tonight",
            Category.BANK_ACCOUNT,
            "0x8ba1f109551bd432803012645ac136ddd64dba72",
        ),
        ("Hallo, ich heiße Anna Weber und wohne", Category.PERSON, "Anna Weber"),
        ("Hej! Jag heter Erik Larsson och", Category.PERSON, "Erik Larsson"),
        ("'Jina langu ni Amani Mwangi, namba ...", Category.PERSON, "Amani Mwangi"),  # stop 45
        # a key pasted in parts, a street with its direction, a receipt number (stop 45)
        (
            "join them into my .env:\nsk-proj-\n7Hq2LmX9vB4\nTc81ZpWq0Rk",
            Category.CREDENTIAL,
            "sk-proj-\n7Hq2LmX9vB4\nTc81ZpWq0Rk",
        ),
        ("pickup: home - 1907 W Cortland St, Chicago", Category.ADDRESS, "1907 W Cortland St"),
        ("bring your receipt notice SRC2290417365 and", Category.GOV_ID, "SRC2290417365"),
        # an alien registration number after its name (stop 49, round 44)
        ("A-Number: A214-887-093\nRespondent:", Category.GOV_ID, "A214-887-093"),
        ("alien registration no. 087 654 321 on", Category.GOV_ID, "087 654 321"),
        ("A#: 214-887-093", Category.GOV_ID, "214-887-093"),
        ("Halo, nama saya Dewi Lestari dan", Category.PERSON, "Dewi Lestari"),
        # an IBAN after its word, its check sum mistyped (stop 43)
        (
            "offen (144 €), IBAN DE12 4785 0065 0000 9182 33.",
            Category.BANK_ACCOUNT,
            "DE12 4785 0065 0000 9182 33",
        ),
        (
            "mi iban es es12 2100 0418 4502 0005 1333",
            Category.BANK_ACCOUNT,
            "es12 2100 0418 4502 0005 1333",
        ),
        ("Visitor: C. Dunmore, DL TX 28771940, sponsor", Category.GOV_ID, "28771940"),
        (
            "IBAN-Nr.: DE12 4785 0065 0000 9182 33",
            Category.BANK_ACCOUNT,
            "DE12 4785 0065 0000 9182 33",
        ),
        (
            "Meine IBAN lautet DE12-4785-0065-0000-9182-33.",
            Category.BANK_ACCOUNT,
            "DE12-4785-0065-0000-9182-33",
        ),
    ],
)
def test_finds_and_bounds_the_value(recognizer, text, category, value):
    assert (category, value) in found(recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "test card 4111 1111 1111 1112 fails the checksum",
        # a prefix at a line's end over prose, a sample receipt (stop 45)
        "Keys start with sk-\nproject keys with sk-proj-\nsee the dashboard",
        "Receipt numbers look like EAC1234567890 or IOE0000000000.",
        "Your receipt number, e.g. EAC2190000001, is on the notice.",
        "# use the sk-\nOpenAIClientV2Factory = make_client()",
        "locales: sk-\nsr-Latn-RS\nzh-Hant-TW",
        "Office: 3rd floor, 120 E Market St. Walk-in hours Tue/Thu",  # an office's, published
        "- County Administration Building: 200 N. Main Street, Greenfield.",
        "IBAN GB83 WEST 1234 5698 7654 32 has wrong check digits",
        "sample number 078-05-1120 is famous",
        "write to support@acme-corp.com or user@example.com",
        "call 1-800-555-1234 toll free",
        "commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it",
        "request 550e8400-e29b-41d4-a716-446655440000 failed",
        "The password field is required.",
        "write 0x1F to register 12, then read register #48213",
        "Create the user Jane Doe (id=42) in the admin panel.",
        "Look up a user by name (id or email) with the search box.",
        "Deploy failed for user Build Bot (id=3) on main",
        "Upgrade for customer Free Trial (id: 0) skipped",
        "The API returns 404 if booking id 100234 does not exist.",
        # a company's seat, placeholder streets (round 19)
        "Founded 2014, headquartered at 500 Market Street, San Francisco.",
        '"address": {"street": "123 Main St", "city": "Anytown"}',
        "Exemple de client : Jean Dupont, 1 rue de l'Exemple, 75000 Paris.",
        "Musterstraße 12, 12345 Musterstadt",
        "password: <your-password>",
        "api_key = os.environ['API_KEY']",
        "postgres://user:password@localhost:5432/app",
        "connect to 127.0.0.1 or 192.168.1.1",
        "Firmware version 2.4.10.1 fixes pairing",
        # numbers reserved for fiction, a processor's published decline card, a national
        # documentation domain, a "your key here" slot in German
        'fixture = {"phone": "+1-202-555-0143"}',
        "use 4000 0000 0000 0002 to simulate a declined payment",
        "login as taro@example.jp in the test environment",
        "API_KEY=dein-schluessel-hier",
        # references and secret names, no values; a process table, algorithm names (stop 33)
        'existingSecret: "db-credentials"',  # names a Kubernetes secret
        "const pageToken = response.nextPageToken;",  # another variable
        "page_token = response.next_page_token",
        "db_password = settings.DB_PASSWORD",
        "maxTokens = 512",
        # code: an unquoted camelCase value is an expression (a review's false alarms)
        "cancelToken: source.token",
        "let accessToken = await getAccessToken();",
        "String encryptedPassword = encoder.encode(rawPassword);",
        "apiToken: Optional[str] = None",
        "newPassword = oldPassword",
        "Columns: PID|PPID|USER|COMMAND",  # a process table, no HL7 segment
        "The encryption key is AES256 by default.",
        "The master key is Base64-encoded.",
        "curl -u user:password https://api.example.com",
        "curl -u $API_USER:$API_TOKEN https://api.example.com",
        "curl --user admin:<your-password> https://api.example.com",
        "curl -u guest:guest http://localhost:15672/api/queues",  # a default login
        "docker run --user 1000:1000 -it ubuntu bash",  # a user and a group
        "docker exec -u www-data:www-data nextcloud php occ upgrade",
        "Fields: sort_code: 00-00-00, account_number: 00000000",  # a form's blanks
        # norms, a model's loss weights, a product sheet; fields that hold no secret (stop 35)
        "Normal values:\nresting heart rate: 60-100 bpm\nblood pressure: 90/60 to 120/80",
        "loss:\n  weight: 0.5\n  bmi: 2\n",
        "Weight: 1.2 kg\nDimensions: 20 x 30 cm",
        "print('pin', 'abc')",
        "x = {'pinned', 'other'}",
        "driver.find_element(By.NAME, 'pinned_note').send_keys('hello there')",
        "page.fill('#password', '{{ password }}')",
        "page.fill('#username', 'alice')",
        # a historical birth date, counting runs and impossible North American numbers, groups
        # on a plan (stop 35)
        "Johann Wolfgang von Goethe (geb. 28.08.1749 in Frankfurt)",
        "Albert Einstein was born on March 14, 1879 in Ulm.",
        "order 12345678901 and ref 01234567890x",
        "Compute the UPC-A check digit for 03600029145.",  # 03 numbers are organisations'
        "Non-emergency sheriff line: (555) 010-4400",
        '{"sub": "1234567890", "name": "John Doe"}',
        '{"iat": 1516239022}',  # a timestamp: no number of ten digits starts with 1
        "INT_MAX is 2147483647 and UINT32_MAX is 4294967295",  # integer limits (stop 49)
        "USCIS requires an A-Number such as A-123456789 on Form I-485.",  # a sample's digits
        "int anumber = 20240115;",  # a variable; "A-Nr" is an article number (stop 49 review)
        "Artikel A-Nr: 40871235",
        "We put The Team on a PIP",
        "postgresql://postgres:postgres@localhost:5432/myapp_dev",  # a local default login
        "postgresql://[user[:password]@][host][:port][/dbname]",  # the documented form
        "postgresql://benutzer:passwort@localhost/testdb",  # "password" in German
        "postgresql://kayttaja:salasana@localhost/kehitys",  # and in Finnish
        "Booking BK12345 does not exist",  # an API's documentation: no booking pattern here
        "Best practice: put Employees on a performance improvement plan early",
        "IMEI: 49-015420-323751-9 fails the Luhn check",
        "See plate XII and plate A1; the license plate format is ABC 1234 in most states.",
        "Number plate: XXX 000 (your registration here)",
        "Defendant Acme Corp shall pay the costs of the action.",
        # second review (stop 40): a company's or a public figure's case; a famous car
        "Plaintiff Epic Games is granted an injunction against Google's billing rules.",
        "Respondent Johnny Depp is awarded $10 million in compensatory damages.",
        "James Bond's Aston Martin DB5 wore the number plate BMT 216A in Goldfinger.",
        'cache:\n  key: "user_profile_cache_v2"\n  ttl: 300',  # a map key, no secret beside it
        'exchange:\n  key: "your_exchange_key_here"\n  secret: "your_exchange_secret_here"',
        "Find the serial number C02XXXXXXXXX on the bottom of your Mac.",  # a slot
        "The serial number is printed on the label.",
        "Appelez le standard fictif au 06 39 98 45 12.",  # ARCEP's range for fiction
        # round 22: a regex named *_pat, a CSV header's second column, role mailboxes
        'email_pat = r"[a-z0-9._]+@[a-z]+[.]com"',
        "Name,Email Address\nJo,jo@x",
        "write to peopleops@meridiandynamics.com or events.team@westbrook.edu",
        # found in review (stop 41): products, a finance process, an airport, digests
        "Finance playbook: our 5 Day Close process shrinks month-end, Bob says.",
        "Upgrade to the 5G Home Router Drive kit for faster speeds.",
        "Terminal 2B Airport Road is closed for renovation, use Terminal 2A.",
        "Month-end timeline: Day 1 Accruals, Day 3 Soft Close, Day 5 Hard Close, Day 7 Board Pack",
        "Tour: 11:30 Stop 4 Royal Mews, Buckingham Palace Road",
        "Parking is in 2B Multi Storey Car Park, Terminal 5 side.",
        'MD5_PAT = "d41d8cd98f00b204e9800998ecf8427e"  # md5 of the empty string',
        'uuid_pat = "123e4567-e89b-12d3-a456-426614174000"',
        # stop 42 and its review: sample, exchange and public figures' addresses, names
        "Bech32 addresses look like bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq in the docs.",
        "Binance cold wallet bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h holds 248,597 BTC.",
        "Vitalik Buterin's well-known wallet 0xd8da6bf26964af9d7eed9e03e53415d37aa96045",
        "Their name is Arctic Monkeys, a rock band from Sheffield.",
        "Si chiama Sergio Mattarella ed è il presidente della Repubblica.",
        # an IBAN's word before a filler or a wrong length (stop 43)
        "IBAN: DE00 0000 0000 0000 0000 00",
        "IBAN DE12 3456 7890 1234 5678 90 is the format shown on the form",
        "IBAN DE12 4785 0065 0000 9182",
        "LTE Band 7 uplink 2500000 kHz, DL 2620000 kHz, bandwidth 20 MHz.",
        "Model DL# 2000450 ceiling fan, 52 inch, brushed nickel.",
    ],
)
def test_lookalikes_are_not_sensitive(recognizer, text):
    assert found(recognizer, text) == set()


def test_keyword_alone_is_only_a_hint(recognizer):
    spans = recognizer.scan("I was diagnosed last spring")
    assert spans and all(s.score == HINT_SCORE for s in spans)
    assert {s.category for s in spans} >= {Category.HEALTH, Category.PERSONAL}


def test_only_spans_overlapping_the_judged_range(recognizer):
    text = "card 4111 1111 1111 1111 then mail jane.doe@gmail.com"
    start = text.index("then")
    cats = {s.category for s in recognizer.scan(text, start, len(text)) if s.score >= 0.5}
    assert cats == {Category.EMAIL}


def test_keyword_in_context_before_range_still_marks_value(recognizer):
    text = "my password is Tr0ub4dor&3"
    start = text.index("Tr0ub")
    spans = [s for s in recognizer.scan(text, start, len(text)) if s.score >= 0.5]
    assert {(s.category, s.start) for s in spans} == {(Category.CREDENTIAL, start)}


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown tier-1 engine 'pcre'"):
        make_engine("pcre", default_patterns())


_SPECS = default_patterns()
_BUILT = {name: make_engine(name, _SPECS) for name in ENGINES}


SAMPLE_TEXTS = [
    "Hi, I'm John Smith; card 4111 1111 1111 1111, ssn 536-22-8726, jane@gmail.com.",
    "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE and password=Hunter2!",
    "You are a helpful assistant. Never reveal secrets. Résumé café naïve 東京.",
    "",
]


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_engines_agree_on_fixed_texts(engine, text):
    assert _BUILT[engine].matching(text) == _BUILT["re"].matching(text)


_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:@/=+'\"\n")
    + ["é", "東", "password", "4111", "AKIA", "sk-", "my ", "I "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_prefilter_engines_never_miss_a_python_match(text):
    want = set(_BUILT["re"].matching(text))
    for name in ("hyperscan", "re2"):
        assert set(_BUILT[name].matching(text)) >= want, name


@pytest.mark.parametrize(
    "text", ["I was diagnosed in May", "Café ☕ — my therapist says é is fine"]
)
def test_hyperscan_hint_positions_are_character_offsets(text):
    hs = PatternRecognizer(engine="hyperscan")
    py = PatternRecognizer(engine="re")
    hints_hs = {(s.category, text[s.start : s.end].lower()) for s in hs.scan(text) if s.score < 0.5}
    hints_py = {(s.category, text[s.start : s.end].lower()) for s in py.scan(text) if s.score < 0.5}
    assert hints_hs == hints_py and hints_hs


@pytest.mark.parametrize(
    "text, secret",
    [
        ("SERVICE_AUTH_CREDENTIAL=Xk9fQ2Lm3pZ8Rt", "Xk9fQ2Lm3pZ8Rt"),
        ("export XAI_API_KEY=xai-3kF9qLm2ZpXw8RtV7cYb", "xai-3kF9qLm2ZpXw8RtV7cYb"),
    ],
)
def test_in_name_equals_value_the_value_is_judged(recognizer, text, secret):
    spans = [s for s in recognizer.scan(text) if s.score >= 0.5]
    assert spans and min(s.start for s in spans) <= text.index(secret)


@pytest.mark.parametrize(
    "text",
    [
        "export AZURE_API_VERSION=2024-12-01-preview",
        "MODEL_NAME_OVERRIDE=command-r-plus-08-2024",
        "You may find the answer at www.example-agency.gov or by phone.",
    ],
)
def test_a_named_date_or_a_website_is_not_a_secret(recognizer, text):
    assert found(recognizer, text) == set()


def test_a_spelled_out_personal_address_is_still_found(recognizer):
    assert found(recognizer, "write to jane.novak at gmail dot com") != set()


@pytest.mark.parametrize(
    "text, public",
    [
        ("export LOCAL_API_KEY=<your-key>", True),
        ("export LOCAL_API_KEY=$LOCAL_API_KEY", True),
        ("api_key: str = None", True),
        ("payload = dict(key1='value1', key2='value2')", True),
        ("if token == expected:", True),
        # Stand-in words (foo, dummy, fake, example) hold no key; other words may be one.
        ("export LOCAL_API_KEY=dummy-api-key", True),
        ("GEMINI_API_KEY=foo", True),
        ("export LOCAL_API_KEY=bluebird-api-key", False),
        ("DB_PASSWORD=foo-Kx92", False),
        # A rate per unit names no secret; a name that merely contains "per" does.
        ('"input_cost_per_token": 0.00000014,', True),
        ('"paper_token": "0.00000014"', False),
        # A grammar's element in angle brackets is a placeholder; a generated value is not.
        ("token             = 1*<any CHAR except CTLs or separators>", True),
        ("token = 1*<Xk9fQ2Lm8pZtR4vB>", False),
        ("export DB_PASSWORD=S3cret!2024", False),
        ("setx GITHUB_TOKEN Xk9fQ2Lm8pZtR4vB", False),
        ('settings["db_password"] = "4417"', False),
        # Values that do not look generated, under names that say secret.
        ("SIGNING_SALT=2019-08-14-blue-heron", False),
        ("HMAC_SALT=Summer-2024-Beach-House", False),
        ("ADMIN_CREDS=Winter-2024-Orchid-77", False),
        ("TOKEN2=Fig-Tree-2023-Blue-Door", False),
        ("MAIL_PASSWORD=password", False),
        ("ADMIN_PASSWORD=changeme  # yes this is really what prod uses", False),
        ("Server=sql01;Database=Payroll;User Id=hr_app;Password=bananabread;", False),
        ("VPN_PASSWORD=$unshine99", False),
        ("Alarm pin 2468, front door sticks so push hard.", False),
    ],
)
def test_a_secret_name_makes_its_value_private_unless_a_placeholder(recognizer, text, public):
    assert (found(recognizer, text) == set()) is public


@pytest.mark.parametrize("prefix", ["b", "r", "rb", ""])
def test_a_python_strings_prefix_is_not_the_config_value(recognizer, prefix):
    # stop 39: the value of SECRET = b"..." was read as "b"
    text = f'WEBHOOK_SECRET = {prefix}"Zx9f8Kq2LmX7pR4tZ1vB6nC3"\n'
    spans = recognizer.scan(text)
    assert [text[s.start : s.end] for s in spans if s.source == "config_secret"] == [
        "Zx9f8Kq2LmX7pR4tZ1vB6nC3"
    ]


def test_a_street_with_a_direction_is_a_home_before_an_apartment(recognizer):
    # stop 44, round 29
    assert found(recognizer, "Details: Brandi Cosgrove, 1419 E Pine St Apt 6, Tulsa") != set()
    # an office or an institution's street with a direction stays as before
    assert found(recognizer, "The clinic is at 409 S 3rd St, open Monday to Friday.") == set()
