"""A short answer is private when the turn before asks for something private."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.context import TurnContextRecognizer, asked_for, dialogue_view
from sglang_safekv.detect.registry import TextWindow


def judge(question: str, answer: str):
    text = question + "\n" + answer
    return TurnContextRecognizer().scan(TextWindow(text, len(question) + 1, len(text)))


@pytest.mark.parametrize(
    "question, answer, category",
    [
        ("Please type the code you received.", "482913", Category.CREDENTIAL),
        ("What's the password for the staging box?", "Tr0ub4dor&3", Category.CREDENTIAL),
        ("Security question: what was the name of your first pet?", "Biscuit", Category.PERSONAL),
        ("Have you been diagnosed with diabetes?", "Yes, positive. Since 2019.", Category.HEALTH),
        ("Roughly what is your annual salary?", "About 185k plus bonus.", Category.FINANCE),
        ("What's your current weight and height?", "310 lb, 5'9.", Category.HEALTH),
        ("First, full legal name?", "Oluwaseun Adebayo-Hart", Category.PERSON),
        ("Thanks. And your last name?", "Okonkwo", Category.PERSON),
        ("Ok, what's your DOB?", "07/19/1983", Category.DATE_OF_BIRTH),
        ("Your card is ready. Please choose a 4-digit PIN.", "8352", Category.CREDENTIAL),
        # a lock's combination, a purchase's code, a driving record (stop 49, rounds 41 and 43)
        ("What's the combination to the storage unit lock?", "17-42-08", Category.CREDENTIAL),
        ("Please say your voice purchasing code.", "one nine seven four", Category.CREDENTIAL),
        ("Any DUI convictions in the last 5 years?", "one, in 2023", Category.PERSONAL),
        ("Do you have any DUIs on your record?", "two", Category.PERSONAL),
        (  # a crisis line's question (round 22)
            "Can I ask, are you safe right now?",
            "not really. i have the pills out on the table",
            Category.HEALTH,
        ),
    ],
)
def test_answers_to_private_questions_are_private(question, answer, category):
    (span,) = judge(question, answer)
    text = question + "\n" + answer
    assert span.category is category and text[span.start : span.end] == answer


@pytest.mark.parametrize(
    "question, answer",
    [
        ("What's the capital of France?", "Paris."),
        (
            "Please type the code you received.",
            "I did not get any code yet, can you resend it " * 3,
        ),
        ("Summarise this article for me.", "Done."),
        # trivia and few-shot examples ask for someone else's name
        ("Q: What was Einstein's first name?", "A: Albert"),
        ("What is Lady Gaga's full legal name?", "Stefani Germanotta"),
        # choosing is asking only for a credential (the review of stop 38)
        ("Quiz bot: Pick the correct date of birth of Abraham Lincoln.", "February 12, 1809"),
        ("Survey bot: Pick the salary band you think is fair.", "50-60k"),
        # a combination that opens nothing or a game's safe, a catalogue's purchasing code,
        # questions about DUI law (stop 49 and its review)
        ("What's the best combination of colours for a logo?", "teal and orange"),
        ("What's the combination to the safe in Fallout 4?", "4-2-6-9"),
        ("What is the combination of 5 choose 2?", "10"),
        ("What is the combination of the ABC lock puzzle in the escape room game?", "7-3-1"),
        ("What is the voice code for the BBC's 'Sound of the Day' entry?", "V27"),
        ("What is the purchasing code of conduct?", "Be fair to suppliers."),
        ("What is the purchasing code for laptops in the UNSPSC?", "43211503"),
        ("How many DWI convictions were recorded in New York in 2022?", "19,104"),
        ("Is a DUI a misdemeanor?", "Usually, yes."),
    ],
)
def test_other_answers_are_left_to_the_other_recognizers(question, answer):
    assert judge(question, answer) == []


def scan_whole(text: str):
    return [
        text[s.start : s.end] for s in TurnContextRecognizer().scan(TextWindow(text, 0, len(text)))
    ]


@pytest.mark.parametrize(
    "text, answer",
    [
        (
            "Bot: Please enter the 6-digit code we sent to the phone ending in 44.\nUser: 208 317",
            "208 317",
        ),
        # a German agent's statement of need, and an answer followed by a question back
        (
            "Mitarbeiter: Für die Hotline brauche ich noch Ihr persönliches Kennwort.\n"
            "Kunde: Zitronenfalter, glaube ich. Oder mit großem Z?",
            "Zitronenfalter, glaube ich. Oder mit großem Z?",
        ),
        (
            "Асистент: Скажіть, будь ласка, чи є у вас хронічні захворювання?\n"
            "Користувач: так, ВІЛ, на терапії з 2022 року",
            "так, ВІЛ, на терапії з 2022 року",
        ),
        ("Enter the PIN you chose when you signed up\n> 7720\nChecking...", "7720"),
        (
            "Assistant: I'll need the number from your current passport.\nUser: 548209137",
            "548209137",
        ),
        (
            "<|im_start|>assistant\nPlease type the code you received.<|im_end|>\n"
            "<|im_start|>user\n834 201<|im_end|>\n",
            "834 201",
        ),
        (
            "Asistente: ¿Cuál es tu número de pasaporte para la reserva?\nUsuario: PAK482913",
            "PAK482913",
        ),
        ("助手：请问验证码是多少？\n用户：930417", "930417"),
        ("상담원: 생년월일 여섯 자리 말씀해 주세요.\n고객: 870512", "870512"),
        # verification flows in other languages: a security question, a password, an account
        ("Agente: Por seguridad, ¿cómo se llamaba su primera mascota?\nCliente: Canela", "Canela"),
        ("Asistent: Pro ověření prosím uveďte heslo.\nUživatel: Modra77lod", "Modra77lod"),
        ("الموظف: ما هو رقم حسابك؟\nالعميل: 55012398", "55012398"),
        ("एजेंट: आपकी जन्म तिथि क्या है?\nग्राहक: 12 मार्च 1988", "12 मार्च 1988"),
        ("Ассистент: Назовите кодовое слово из договора.\nПользователь: Сирень", "Сирень"),
        ("Medewerker: Wat is uw klantnummer?\nKlant: KL-448120", "KL-448120"),
        # a record holder's name, as an agent asks for it (stop 42)
        ("Agent: What name is the booking under?\nCaller: Dana Whitfield", "Dana Whitfield"),
        ("Agent: And the passenger's full name?\nCaller: Dana Whitfield", "Dana Whitfield"),
    ],
)
def test_a_conversation_sent_whole_keeps_its_answers_private(text, answer):
    assert scan_whole(text) == [answer]


@pytest.mark.parametrize(
    "text",
    [
        "Q: What is a one-time password?\nA: A code sent to your phone.",
        "User: The code you ran produced no output. Was this expected?\nAssistant: We are finished.",
        "Tell us what information you choose to provide.\nInformation We Collect When You Use It",
        "What's your favourite colour?\nBlue.",
        "Q: What should you do if you forget your PIN?\nA: Visit any branch.",
        "Enter your password:\nsudo apt install nginx",
        "Assistant: What's your date of birth?\nUser: {{dob}}",
        "You send code blocks for individual steps. For example:\n\nUser: hi",
        "Tech: Please don't send me your password.\nUser: ok got the link, reset done, thanks",
        "Assistant: What city would you like the weather for?\nUser: Paris",
        "Agente: ¿En qué puedo ayudarle hoy?\nCliente: Quiero cambiar de tarifa",
        "Assistant: What weight decay do you use?\nUser: 0.01",  # a model's, not a body's
        "Q: Are you safe to use around children?\nA: Yes, our toys meet EN71 standards.",
    ],
)
def test_documents_and_assistant_turns_are_not_answers(text):
    assert scan_whole(text) == []


def test_first_message_has_no_question_before_it():
    assert TurnContextRecognizer().scan(TextWindow("482913", 0, 6)) == []
    assert asked_for("Enter your PIN") is Category.CREDENTIAL
    assert asked_for("The PIN pad is on the left.") is None


def test_pipeline_reads_the_question_before_the_answer(tiny_tokenizer):
    """End to end through the real pipeline and tokenizer: the answer message is judged with
    the assistant's question before it; with no context message it would be public."""
    from sglang_safekv.cache.events import ClassificationJob
    from sglang_safekv.config import DetectorConfig
    from sglang_safekv.detect.detector import Detector
    from sglang_safekv.detect.pipeline import DetectionPipeline
    from sglang_safekv.detect.policy import DetectionPolicy
    from sglang_safekv.detect.registry import RecognizerRegistry
    from sglang_safekv.detect.tier1 import PatternRecognizer

    from .conftest import chat_ids

    earlier = [
        {"role": "system", "content": "You are the bank's assistant."},
        {"role": "assistant", "content": "Please type the 6-digit code we just sent you."},
    ]
    head = chat_ids(tiny_tokenizer, earlier, generation_prompt=False)
    full = chat_ids(tiny_tokenizer, [*earlier, {"role": "user", "content": "834 201"}])

    def first_sensitive(context_messages: int):
        results = []
        config = DetectorConfig(tiers=(1,), context_messages=context_messages)
        registry = RecognizerRegistry([PatternRecognizer(engine="re"), TurnContextRecognizer()])
        detector = Detector(DetectionPolicy(tiers=frozenset({1})), registry)
        with DetectionPipeline(config, tiny_tokenizer, results.append, detector=detector) as p:
            p.submit(ClassificationJob("alice", tuple(full), len(head), len(full)))
            assert p.wait_idle(10)
        (result,) = results
        assert not result.failed
        return result.first_sensitive

    first = first_sensitive(1)
    assert first is not None and len(head) <= first
    assert tiny_tokenizer.decode(full[first:]).lstrip().startswith("834")
    assert first_sensitive(0) is None


def _found(text: str, value: str) -> bool:
    start = text.index(value)
    spans = TurnContextRecognizer().scan(TextWindow(text, 0, len(text)))
    return any(s.start <= start < s.end for s in spans)


@pytest.mark.parametrize(
    "text, value",
    [
        # a chat log's timestamps and user names: the second speaker answers the first
        (
            "[09:14] IT Support: can you confirm your password?\n[09:15] jdoe: Maple!Road77",
            "Maple!Road77",
        ),
        # two named speakers, the question in another language, no "you" in English
        ("Arzt: Nehmen Sie Medikamente?\nIch: Metformin, zweimal täglich", "Metformin"),
        # dash-style dialogue: a credential asked of nobody in particular, one word back
        ("—¿Cuál es la contraseña del router?\n—Girasol_Azul_77", "Girasol_Azul_77"),
        # a bare "yes" to a question about a record
        ("Q: Have you ever been convicted of a felony?\nA: Yes, in 2014", "Yes, in 2014"),
        # an answer that names a private matter itself
        (
            "Entrevistador: ¿Por qué dejó su trabajo?\nYo: me despidieron por fraude",
            "me despidieron",
        ),
        # stop 39: an IVR log's caller line carries how the answer came in
        (
            "PROMPT: Please say or enter the last four digits of your Social Security number."
            "\nCALLER (DTMF): 8 8 3 1\nPROMPT: Thank you.",
            "8 8 3 1",
        ),
    ],
)
def test_dialogues_in_many_shapes_keep_their_answers_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "See also:\nhttp://docs.python.org/3/library/subprocess#subprocess.Popen.terminate",
        "Is this the right way to read the DB password?\n\nimport os",
        "Q. 暗証番号を忘れた場合はどうすればいいですか？\nA. アプリの設定から再設定できます。",
    ],
)
def test_links_code_and_help_texts_after_a_question_are_not_answers(text):
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


@pytest.mark.parametrize(
    "text, value",
    [
        # an OpenAI-style message array on one line
        (
            '[{"role": "assistant", "content": "Please enter the code we texted you."}, '
            '{"role": "user", "content": "482913"}]',
            "482913",
        ),
        # the same, pretty-printed over many lines
        (
            '[\n  {\n    "role": "assistant",\n    "content": "What is your mother\'s maiden '
            'name?"\n  },\n  {\n    "role": "user",\n    "content": "Kowalski"\n  }\n]',
            "Kowalski",
        ),
        # a Python list of dicts in code
        (
            "msgs = [{'role': 'assistant', 'content': 'Can you confirm your date of birth?'}, "
            "{'role': 'user', 'content': '14/07/1983'}]",
            "14/07/1983",
        ),
        # an agent asks for the account holder's name, the messages on one line (round 23)
        (
            '{"messages":[{"from":"agent","text":"What\'s the account holder\'s full name?"},'
            '{"from":"customer","text":"Rosalind Ekwueme"}]}',
            "Rosalind Ekwueme",
        ),
        # ShareGPT's keys, one object per line (JSON Lines)
        (
            '{"from": "gpt", "value": "What PIN would you like for your card?"}\n'
            '{"from": "human", "value": "7719"}',
            "7719",
        ),
        # markdown speaker labels in bold, the colon inside or outside
        ("**Agent:** Could you tell me your SSN's last four?\n**Customer:** 4417", "4417"),
        ("**Support**: What is your account password?\n**User**: tulip-Harbor-92", "tulip"),
        # markdown headings that name the speaker of the next lines
        ("### Assistant\nWhat is your annual salary, roughly?\n\n### User\nAround 92k", "92k"),
        # a call on one line, each bracketed role a turn (stop 35)
        (
            "[IVR] Please say or enter your account number. [Caller] six one four four eight "
            "two nine three [IVR] Thank you.",
            "six one",
        ),
    ],
)
def test_messages_written_as_data_or_markdown_keep_their_answers_private(text, value):
    assert dialogue_view(text) != text
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        '[{"role": "user", "content": "Hello!"}, '
        '{"role": "assistant", "content": "Hi! How can I help you today?"}]',
        # an API example: the user's turn asks, nobody answers a private question
        '{"role": "system", "content": "You are a helpful assistant."}\n'
        '{"role": "user", "content": "What is the capital of France?"}',
        "# User guide\n\nThis is documentation. **Note:** read it first.\n\n### User\nsettings",
        "## Users\n**Name:** the display name\n**Password:** set by the admin",
        "See the [User] section: what is your account number? [Settings] shows 12 options.",
    ],
)
def test_chat_examples_and_markdown_documents_are_not_answers(text):
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


@pytest.mark.parametrize(
    "text",
    [
        '[{"role": "assistant", "content": "Your code?"}, {"role": "user", "content": "12"}]',
        "**User:** hi\n# Title ## x **bold** __u__ *em*",
        "{'from': 'x', 'value': 'it\\'s'} {\"role\": \"a\", \"content\": \"\"}",
    ],
)
def test_the_dialogue_view_keeps_every_offset(text):
    view = dialogue_view(text)
    assert len(view) == len(text)
    # Every character of the view is the original one, a space, a line break or a colon.
    assert all(v == t or v in " \n:" for v, t in zip(view, text))


@pytest.mark.parametrize(
    "text, value",
    [
        # a phone's chat export: date, time and a dash before each name
        (
            "04/11/2026, 08:02 - Lena: what did the scan show?\n"
            "04/11/2026, 08:05 - Tom: a melanoma on my back, they remove it Friday",
            "melanoma",
        ),
        # a group tag before each name, the request without a question mark
        ("[家庭群] 爸爸：门禁密码是多少来着\n[家庭群] 我：205871", "205871"),
        # "You" is the one who exported the chat
        ("ShopBot: Enter the verification code sent to your phone.\nYou: 661 204", "661 204"),
        # a transcript as a two-column markdown table
        (
            "| Who | Said |\n|---|---|\n| Banker | Have you ever declared bankruptcy? |\n"
            "| Me | Yes, once in 2019 |",
            "Yes, once in 2019",
        ),
        # a quoted security question, the answer on the next line
        ("> What street did you grow up on?\nWillow Crescent", "Willow Crescent"),
        # faith, coming out, disability, income, medication and a keypad, asked in turn
        ("Interviewer: Which religion, if any, do you practise?\nMe: Sikh", "Sikh"),
        ("Sam: are you out to your parents yet?\nMe: no, only my cousin knows", "no, only"),
        ("Recruiter: Sind Sie schwerbehindert?\nBewerber: Ja, GdB 30", "Ja, GdB 30"),
        ("Contador: ¿Cuáles fueron sus ingresos en 2025?\nYo: unos 38.000 euros", "38.000"),
        ("Arts: Gebruikt u medicijnen?\nIk: ja, metoprolol 50 mg", "metoprolol"),
        ("Agent: What's a good callback number?\nCustomer: 0161 496 0733", "0161 496 0733"),
        ("Bot: Sure, I can remember it. What's the code?\nUser: 4490*", "4490*"),
    ],
)
def test_dialogues_of_chat_exports_tables_and_intake_forms_keep_their_answers_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text, value",
    [
        # a web chat's markup: the speaker in the element's class or attribute
        (
            '<li class="message agent">What is the PIN on the account?</li>\n'
            '<li class="message customer">8316</li>',
            "8316",
        ),
        (
            '<msg from="bot">Type the security code we just texted you.</msg>'
            '<msg from="user">55 20 71</msg>',
            "55 20 71",
        ),
        # a team chat export: the name and time on a line, the message below it
        (
            "Dana Kim  3:07 PM\nwhat's the pwd for the shared drive?\n"
            "Luis Ortega  3:08 PM\nblue-Otter-2291",
            "blue-Otter-2291",
        ),
        (
            "Маша, [02.03.2026 09:12]\nкакой пароль от роутера?\n\nДима, [02.03.2026 09:15]\nzx81Qp",
            "zx81Qp",
        ),
        # LINE's export: time, name and message between tabs
        ("21:04\t母\t暗証番号なんだっけ？\n21:06\t健太\t3391", "3391"),
        # subtitles: the cue's number and timing between question and answer
        (
            "7\n00:02:01,000 --> 00:02:03,000\nWhat is your date of birth?\n\n"
            "8\n00:02:03,500 --> 00:02:05,000\nFourth of May, 1987.",
            "Fourth of May, 1987.",
        ),
        # a script: the speaker's name in capitals above the words, a stage direction between
        (
            "NURSE\nAre you taking any medication at the moment?\n\nPATIENT\n(quietly)\nLithium.",
            "Lithium.",
        ),
        # a form: the label alone on its line, a blank after it, the value below
        ("Mother's maiden name: ________\nAbernathy", "Abernathy"),
        # Greek asks with ";", a speaker named in the reply's label
        ("Ποιος είναι ο ΑΦΜ σας;\n044 128 307", "044 128 307"),
        # a yes with the value in it
        ("Clerk: May I have your PIN please?\nMe: yes, 7781", "yes, 7781"),
        # spelled-out digits after a question put to nobody in particular
        ("What's the alarm code again?\nsix-one-one-four, then enter", "six-one-one-four"),
        # an alarm's disarm code (stop 46, round 33)
        ("Locksmith: what's the current alarm disarm code?\nMe: 0-6-1-5, then OFF", "0-6-1-5"),
        # stop 46, rounds 35 and 36: "whats" without its apostrophe, "say your passphrase", the
        # last four of an account, a medical history, a child's vaccination, blood thinners, a
        # numbered question, a ticked answer on the question's line
        ("Dad: whats the garage code again\nMe: 1-9-7-4 then enter", "1-9-7-4"),
        ("Assistant: Please say your voice banking passphrase.\nUser: blue marlin sunrise", "blue"),
        ("Support: what are the last four of the payout account?\nOrganizer: 6612", "6612"),
        ("Q12. Any history of seizures or blackouts?\nA: yes, last one Aug 2025", "yes, last"),
        ("Nurse: Is she vaccinated against measles?\nMom: no, we chose not to", "no, we chose"),
        ("Instructor: are you on any blood thinners?\nStudent: yes — warfarin", "yes — warfarin"),
        ("Have you ever been convicted of a felony? ☑ Yes — 2014, possession", "Yes — 2014"),
    ],
)
def test_dialogues_in_markup_exports_subtitles_scripts_and_forms_keep_their_answers_private(
    text, value
):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        '<div class="msg user">What is the capital of Peru?</div>\n'
        '<div class="msg bot">Lima.</div>',
        "Dana Kim  3:07 PM\nwhich python version do we pin?\nLuis Ortega  3:08 PM\n3.12",
        "1\n00:00:01,000 --> 00:00:02,000\nWhere are we going?\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nTo the lake.",
        "Preferred language: ______\nEnglish",
        "Test cases for my email validator:\nvalid: a@example.org, b@example.com",
        "CHEF\nHow many servings?\n\nCOOK\nFour.",
    ],
)
def test_dialogues_with_public_answers_stay_public(text):
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


def test_the_dialogue_view_of_markup_and_exports_keeps_every_offset():
    text = (
        '<p class="bot">Code?</p><p class="user">1234</p>\nAnn Lee  9:01 AM\nhi\n'
        "3\n00:00:01,000 --> 00:00:02,000\nok\n12:00\tA\tB\nName: ____\n(sighs)\nτι;"
    )
    view = dialogue_view(text)
    assert len(view) == len(text)
    assert "bot:" in view and "user:" in view and "-->" not in view and "____" not in view
    assert "τι?" in view


@pytest.mark.parametrize(
    "text, value",
    [
        ("Interviewer: Where did you grow up?\nMe: Tromsø, mostly", "Tromsø"),
        ("Bot: Who is your GP these days?\nUser: Dr Priya Anand", "Dr Priya Anand"),
        ("Agent: And what year did you move here?\nCaller: 2014", "2014"),
        ("Lena: ¿Y tú dónde trabajas ahora?\nYo: en el Hospital del Mar", "Hospital del Mar"),
    ],
)
def test_a_short_answer_to_a_question_about_the_reader_is_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Assistant: Which format would you like for the report?\nUser: Markdown",
        "Assistant: Do you want me to continue?\nUser: sure",
        "Assistant: What learning rate do you use?\nUser: 3.5",
        # a prompt's few-shot example: the assistant offers help
        "User: hi\nAssistant: Hi, what can I help you with today?\nUser: Open the chrome app.",
        "Q: Where is the Eiffel Tower?\nA: Paris",
    ],
)
def test_preferences_settings_and_questions_about_the_world_are_not_about_the_reader(text):
    assert scan_whole(text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        # message objects with Portuguese keys, a trailing comma after each
        (
            '[{"autor":"bot","texto":"Qual o nome do seu médico?"},\n'
            '{"autor":"usuario","texto":"Dr. Paulo Reis"}]',
            "Dr. Paulo Reis",
        ),
        # an agent named in parentheses after the role
        (
            "[09:10] Agente (Marta): Informe o código enviado por SMS.\n[09:11] Cliente: 551 204",
            "551 204",
        ),
        # a survey as a two-column table: the question in the first cell
        ("| Question | Answer |\n|---|---|\n| Do you smoke? | yes, 10 a day |", "yes, 10 a day"),
        # a transcript as CSV rows and as a three-column table with turn numbers
        (
            'turn,speaker,text\n1,bot,"What is your mother\'s maiden name?"\n2,user,"Okafor"',
            "Okafor",
        ),
        ("| 1 | 상담봇 | 복용 중인 약이 있나요? |\n| 2 | 사용자 | 리튬 600mg |", "리튬 600mg"),
        # names as labels, the question inside the line
        (
            "[10-04-25 08:01] Anke: hoe was de code van de garage? ben buiten\n[10-04-25 08:02] Tim: 8812",
            "8812",
        ),
        ("ربات: لطفاً کد تایید را وارد کنید.\nکاربر: ۵۵۱۲۰۹", "۵۵۱۲۰۹"),
    ],
)
def test_dialogues_in_more_languages_and_layouts_keep_their_answers_private(text, value):
    assert _found(text, value)


def test_a_survey_table_about_the_world_stays_public():
    text = "| Question | Answer |\n|---|---|\n| What is the capital of Peru? | Lima |"
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


@pytest.mark.parametrize(
    "text, value",
    [
        # a Telegram export: the header line, then the question with a remark after its mark
        (
            "Дима, [03.05.2026 19:02]\nМам, какой пароль от роутера? Гости спрашивают\n\n"
            "Мама, [03.05.2026 19:05]\nLastochka_88",
            "Lastochka_88",
        ),
        # a Slack export whose names are "Surname, Given"
        (
            "Keller, Jonas  09:14\nSchick mir bitte dein Passwort fürs Wiki?\n\n"
            "Brandt, Lea  09:20\nHerbst!2026Ulm",
            "Herbst!2026Ulm",
        ),
        # interview notes with "Q." and "A." and a question without its mark
        (
            "Q. Religion (optional)\nA. Jehovah's Witness\nQ. Dietary needs\nA. none",
            "Jehovah's Witness",
        ),
        # German "F:" / "A:" notes; the amount asked for is a debt
        ("F: Wie hoch sind Ihre Schulden insgesamt?\nA: rund 18.200 Euro", "rund 18.200 Euro"),
        # a clinician asks, a patient answers, with no "you" in the language's question
        ("ডাক্তার: শেষ পরীক্ষায় কী পাওয়া গেছে?\nরোগী: থাইরয়েড ক্যান্সার", "থাইরয়েড ক্যান্সার"),
        ("หมอ: ความดันครั้งล่าสุดเท่าไหร่ครับ\nคนไข้: 165/100 ค่ะ", "165/100 ค่ะ"),
        # a transcript as YAML items
        (
            "- speaker: advisor\n  text: What is your immigration status right now?\n"
            "- speaker: client\n  text: visa overstayed since 2023",
            "visa overstayed since 2023",
        ),
        # Signal's export: a date with a month word, then an em dash
        (
            "3 мар., 21:40 — Вы: какой код от домофона?\n3 мар., 21:41 — Оля: 4417",
            "4417",
        ),
        # Traditional Chinese ID asked for with 請提供
        ("客服：請提供您的身分證字號。\n客戶：A123456789", "A123456789"),
        # Turkish: the address asked with a suffix for "your"
        (
            "Kurye: Adresinizi yazar mısınız?\nMüşteri: Moda Cad. No:12 D:3 Kadıköy",
            "Moda Cad. No:12 D:3 Kadıköy",
        ),
    ],
)
def test_exports_interview_notes_and_clinical_dialogues_keep_their_answers_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        # named pairs that are not clinical ask about the world or an order
        "Teacher: What's 6 times 7?\nStudent: 42\nTeacher: And 10 squared?\nStudent: 100",
        "Vendedor: ¿Qué talla necesita?\nCliente: Una M, gracias.",
        "Quiz : Quelle est la capitale du Canada ?\nJoueur : Ottawa",
        "店員：お飲み物はいかがですか？\n客：コーヒーで。",
        # FAQ with dotted labels: a "how do I" question is not a request for the value
        "Q. How do I change my PIN?\nA. Open the app and go to Card settings.",
        "Q. 暗証番号を忘れた場合はどうすればいいですか？\nA. アプリから再設定できます。",
    ],
)
def test_quizzes_orders_and_faqs_stay_public(text):
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


def test_an_html_form_table_reads_as_labelled_lines():
    text = "<table>\n<tr><td>Religion</td><td>Sikh</td></tr>\n</table>"
    view = dialogue_view(text)
    assert len(view) == len(text)
    assert "Religion" in view and ":" in view and "Sikh" in view and "<td>" not in view


@pytest.mark.parametrize(
    "text, value",
    [
        # a Telegram header whose name ends in an initial
        (
            "Сергей П., [02.03.2026 10:14]\nкакой пароль от почты?\n\n"
            "Анна, [02.03.2026 10:15]\nVesna_2024!",
            "Vesna_2024!",
        ),
        # a Chinese export's date with 下午, a request that ends in "send it to me"
        (
            "[2026/03/02 下午 3:05] 王主管: 小李，你的身份证号发我一下\n"
            "[2026/03/02 下午 3:07] 李明: 110105198803074512",
            "110105198803074512",
        ),
        # Arabic-Indic digits, the Arabic comma and "م" (p.m.) in the time
        (
            "[٣/٢/٢٠٢٦، ٨:١٠ م] سارة: كم راتبك الآن؟\n[٣/٢/٢٠٢٦، ٨:١٢ م] ليلى: ٩٠٠٠ ريال",
            "٩٠٠٠ ريال",
        ),
        # a name, then the time, then a colon; a Thai question without its mark at the end
        (
            "แม่ 19:02: ผลตรวจเลือดออกหรือยังลูก\nต้น 19:10: ออกแล้ว หมอบอกว่าเป็นเบาหวาน",
            "ออกแล้ว หมอบอกว่าเป็นเบาหวาน",
        ),
        # Bengali's familiar "tell", Macedonian "how much" and "salary"
        ("করিম: ভাই, তোর পিনটা বল\nরহিম: ৭৩৯১", "৭৩৯১"),
        ("Ана: колку ти е платата сега?\nМарко: 52.000 денари", "52.000 денари"),
        # a test result ("Befund"), a clinician asking about dark thoughts
        (
            "[03.02.26, 18:01:22] Papa: Hast du den Befund vom Hautarzt schon?\n"
            "[03.02.26, 18:03:10] Tom: ja, Schuppenflechte",
            "ja, Schuppenflechte",
        ),
        (
            "Dr Martin : Avez-vous des idées noires en ce moment ?\nM. Dupuis : Oui, le soir.",
            "Oui, le soir.",
        ),
        (
            "Nurse: Have you had any thoughts of harming yourself?\nPatient: yes, last week",
            "yes, last week",
        ),
    ],
)
def test_more_export_headers_languages_and_asks_keep_their_answers_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "ครู 09:00: เมืองหลวงของไทยคืออะไร\nนักเรียน 09:01: กรุงเทพ",
        "[2026/03/02 上午 9:00] 小王: 会议几点开始？\n[2026/03/02 上午 9:01] 小李: 十点",
        "Сергей П., [02.03.2026 10:14]\nкогда созвон?\n\nАнна, [02.03.2026 10:15]\nв пять",
    ],
)
def test_questions_about_the_world_in_those_layouts_stay_public(text):
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


def test_a_time_stamp_under_a_message_is_not_its_answer():
    text = (
        "Léa Martin\nT'as pensé quoi du dernier film ?\n21:14\nHugo Petit\n"
        "Pas mal, un peu long. 7/10\n21:16"
    )
    assert TurnContextRecognizer().scan(TextWindow(text, 0, len(text))) == []


def test_a_messenger_thread_reads_name_message_and_time_as_one_turn():
    text = (
        "Traduis :\n\nAnne Roy\nc'est quoi le code de la porte déjà ?\n14:02\n"
        "Paul Roy\nA2291 puis la clé\n14:03\nAnne Roy\nmerci\n14:05"
    )
    view = dialogue_view(text)
    assert len(view) == len(text) and "Paul Roy:A2291" in view
    assert _found(text, "A2291 puis la clé")


def test_plate_is_no_salary_and_a_longer_bengali_word_is_no_request():
    from sglang_safekv.detect.context import _MAY_HOLD_AN_ANSWER

    assert asked_for("What goes on the plate?") is None
    assert asked_for("Koliko ti je plata?") is Category.FINANCE
    # "বলেছিলাম" ("I had said") holds "বল" ("tell"), and is no request
    assert _MAY_HOLD_AN_ANSWER.search("রহিম: আমি বলেছিলাম\nকরিম: ঠিক আছে") is None


@pytest.mark.parametrize(
    "text, answer",
    [
        # a Slack thread pasted from its rendered page: the name in bold
        (
            "**Raj Patel** 10:14 AM\nanyone know the root pw for the billing VM?\n"
            "**Emily Zhou** 10:23 AM\n`Wint3r!Migr8-2021`",
            "`Wint3r!Migr8-2021`",
        ),
        # a forum reply under the quoted question
        ('[quote="mike_t2d"]so what is your PIN? lol[/quote]\n\n4471 haha', "4471 haha"),
        # an answer, then more in the same turn: its first sentence
        (
            "mike: what was your A1C at the last checkup?\nme: 9.4. Doc wants me on insulin now "
            "and honestly I'm scared of needles, has anyone here switched from metformin only "
            "to basal insulin, and how was the first month for you?",
            "9.4.",
        ),
    ],
)
def test_more_layouts_of_a_question_and_its_answer(text, answer):
    assert answer in scan_whole(text)


def test_a_quote_view_keeps_offsets_and_a_long_turn_without_a_short_lead_is_prose():
    text = "[quote=Anna]any tips?[/quote] yes: use a VPN"
    view = dialogue_view(text)
    assert len(view) == len(text) and "Anna:" in view and "me:" in view
    long_turn = "mike: what do you think?\nme: " + "word " * 60
    assert scan_whole(long_turn) == []


@pytest.mark.parametrize(
    "text",
    [
        # a long answer counts by its first sentence only when that holds a value
        "Q: Have you ever been diagnosed with diabetes?\nA: Yes. This question appears on the "
        "standard intake form, and your answer is kept with your record for the clinic's "
        "own use and shared with nobody outside the practice without your written consent.",
        # a refusal under a quoted question
        '[quote="admin"]What is your password?[/quote]\n\nNever share it. Moderators will '
        "never ask for it.",
    ],
)
def test_a_faq_line_and_a_refusal_are_no_answers(text):
    assert scan_whole(text) == []


def test_a_postcode_asked_for_is_private():
    text = (
        "Assistant: What's your postcode and are there any access restrictions?\n"
        "User: SW9 8LX, it's the flat above the launderette"
    )
    assert _found(text, "SW9 8LX")


@pytest.mark.parametrize(
    "text, value",
    [
        # where a key is hidden (stop 43)
        ("Q: Where do you keep the spare key?\nA: magnetic box under the back step", "magnetic"),
        # lines of dialogue opened by dashes, no speaker named
        ("— so what's your gross salary in the end?\n— €4,850 a month, don't tell", "€4,850"),
        # a questionnaire as JSON; a texted thread as a list (stop 44, round 28)
        (
            '[{"q":"Have you been pregnant in the last 12 months?","a":"yes - miscarriage in march"}]',
            "yes - miscarriage",
        ),
        ("- did the doctor say what it is?\n- early onset alzheimer's\n- oh no", "early onset"),
        # a code asked for in a thread pasted as a list (stop 46)
        ("- What's your PIN?\n- 4471", "4471"),
        ("* can you send me your verification code?\n* 552 903", "552 903"),
        # an assistant gives back the user's own code
        (
            '[{"role":"user","content":"what PIN did we set for the garage keypad?"},'
            '{"role":"assistant","content":"You told me earlier it was 5821."}]',
            "5821",
        ),
    ],
)
def test_hidden_keys_dash_dialogue_and_a_value_given_back_are_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        # an assistant's number for a question about the world, or for someone else's PIN
        "User: what's the default PIN of a new SIM card?\nAssistant: Usually 0000 or 1234.",
        "User: how do I change my PIN?\nAssistant: Dial 2773 and follow the prompts.",
        "User: what PIN do new users get?\nAssistant: It is 0000 until they change it.",
        # one dash line alone, and dashes as list items under a statement
        "Where is the museum?\n— 2 blocks north of 5th Avenue",
        "Our shop keeps keys for customers.\n— 24 spare keys on the board",
        # a novel's dialogue, a manual's, a shop's questions (the stop 43 review)
        "— Quel est le code de la porte ?\n— 1789, comme la Révolution, répondit Arsène Lupin.",
        "— What's your safe's code, then?\n— 3-7-1-9 — said the old clerk.",
        "– What is the default WPS PIN?\n– 12345670, as in the manual.",
        "Q: What size is this key safe?\nA: 120 x 90 x 45 mm, it holds up to 5 keys.",
        "Q: Where do you put the key signature in sheet music?\nA: Right after the clef, before the time signature.",
        "Q: Where do you keep the keys for the rental bikes?\nA: At the front desk, open 8am to 10pm.",
        "User: what's the default PIN of my new SIM card?\nAssistant: Usually 0000 or 1234.",
        "User: which port does my password server listen on?\nAssistant: 8000 by default.",
        # a quiz as JSON, an FAQ as a list (stop 44)
        '[{"question": "What is the capital of France?", "answer": "Paris"}]',
        "- What causes early onset Alzheimer's?\n- Mutations in APP, PSEN1 or PSEN2.",
        "- Can HIV be cured?\n- No, but antiretroviral therapy controls it.",
        "- What is the default WPS PIN?\n- 12345670",
        # a manual's default codes (the stop 46 review)
        "Q: What is the factory default alarm master code for the Vista panel?\nA: 4112",
        "What is the default disarm code for the base station?\n1234",
        # a form's ticked consent, a poll's ticks, questions about history in general, codes
        # that are public, a pet's shots, a test card's digits (stop 46 and its review)
        "Do you agree to the terms? ☑ Yes",
        "Have you ever smoked? ✔ Yes 34%",
        "Q3. Any history of the Roman empire you like?\nA: yes, the late republic",
        "Is there any history of eruptions here?\nA: Yes, in 1783",
        "Q: Whats the area code for Manhattan?\nA: 212",
        "Q: What's the dress code?\nA: Smart casual",
        "Is your cat vaccinated?\nA: Yes",
        "What are the last four of the test card?\nA: 4242",
        # a questionnaire's options and its note under a question (the stop 46 review)
        "Q: Are you pregnant?\nA: Yes / No (tick one)",
        "Q1. Are you on any blood thinners?\nWhy we ask: they raise bleeding risk.",
        "- How long is the verification code?\n- 6 digits",
        # an FAQ's questions to a clinic; a quiz put to the reader about the world (the stop 44
        # review)
        "- Do you offer HIV testing?\n- Yes, free and confidential.",
        "- Will insurance cover IVF?\n- Sometimes, check your policy.",
        '[{"q": "Which hormone do diabetics inject?", "a": "Insulin"}]',
        '{"question": "What is your home address?", "answer": "I am an AI and do not have a home."}',
        '[{"question": "What is a normal blood pressure?", "answer": "Below 120/80 mmHg"}]',
    ],
)
def test_no_value_given_back_or_dialogue_without_a_question_for_it(text):
    assert scan_whole(text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        # a voice assistant's transcript, roles in capitals without a colon (stop 45, round 30)
        (
            "Voice assistant transcript, fix punctuation:\nASSISTANT what is your security phrase"
            " for the garage\nUSER its pineapple sunrise\nASSISTANT opening garage door",
            "pineapple sunrise",
        ),
        # an eating disorder's check-in: a bare yes is the fact
        ("Coach: did you purge after dinner?\nMe: yes, twice", "yes, twice"),
        ("Counsellor: have you relapsed since Friday?\nClient: once, on Saturday", "once"),
    ],
)
def test_transcripts_without_colons_and_recovery_check_ins_keep_their_answers_private(text, value):
    assert _found(text, value)


def test_capital_roles_become_labels_but_capital_headings_do_not():
    text = "ASSISTANT what is it\nUSER its fine"
    assert dialogue_view(text) == "ASSISTANT:what is it\nUSER:its fine"
    for heading in ("SYSTEM OVERVIEW\nUSER GUIDE\n", "USER what is it\nUSER fine"):
        assert dialogue_view(heading) == heading  # two headings; one role only


def test_a_question_about_purging_a_cache_is_no_health_question():
    assert scan_whole("Dev: did you purge the CDN cache?\nOps: yes, twice") == []


@pytest.mark.parametrize(
    "text, value",
    [
        # stop 45, rounds 31 and 32: roles after list markers, an arrow's answer, a bare
        # "religion?", PrEP and a test that came back
        (
            "parse this bot transcript:\n- bot: Please confirm your account PIN\n- user: 0 4 8 8",
            "0 4 8 8",
        ),
        ("Security questions page:\nWhat city were you born in? → Gdańsk", "Gdańsk"),
        ("Rate my date's answers lol\nme: religion?\nhim: muslim but not practicing", "muslim"),
        (
            "Reply chain:\n> Did your test come back?\nPositive. Staying home till Friday.",
            "Positive",
        ),
        ("him: so are you on prep or anything\nme: nope, never", "nope"),
    ],
)
def test_listed_roles_arrows_and_bare_questions_keep_their_answers_private(text, value):
    assert _found(text, value)


@pytest.mark.parametrize(
    "text",
    [
        "- step: install\n- run: make test",  # a CI list, no roles
        # documentation's sample dialogue (the stop 45 review)
        "Example conversation for the PIN reset flow:\n- bot: Please confirm your account PIN."
        "\n- user: 1234\n- bot: Thanks.",
        "FAQ\nWhat does map() return? → an iterator",  # not put to the reader
        "Quiz: What is the capital of Peru? → Lima",
        # a troubleshooting flow, a form's mapping, a survey item (the stop 45 review)
        "Are you on battery power? → Plug in the charger.",
        "What is your date of birth? → dob (ISO 8601)",
        "Q12: religion?\nA: Christian / Muslim / Jewish / Prefer not to say",
    ],
)
def test_lists_and_arrows_without_a_private_question_stay_public(text):
    assert scan_whole(text) == []
