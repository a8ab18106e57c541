"""A private matter of the writer or a relative, in English or another language, is private;
general questions, public figures and software about the same topics are not."""

from __future__ import annotations

import pytest

from sglang_safekv.detect.private_matter import _NAMED_SUBJECT, private_matter_spans


def flagged(text: str) -> bool:
    return bool(private_matter_spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "J'ai découvert hier que mon mari a une liaison avec une collègue.",
        "Meine Duldung läuft am 30.04. aus und ich habe keinen Termin.",
        "我信用卡欠了八万多，真的不知道怎么办了",
        "У меня ВИЧ, я на терапии.",
        "Mój szef ma romans z księgową.",
        "Maaşım net 38.750 TL, kira 15 bin.",
        "मेरी सैलरी 65,000 रुपये महीना है",
        "jag har skulder hos Kronofogden på 112 000 kr",
        "消費者金融に借金があって、妻にも言えていません",
        "Our neighbour was arrested last night for assaulting his wife.",
        "Quick check on my budget: take-home is $4,120/month after tax.",
        "writing a eulogy for my aunt. she struggled with anorexia for most of her life.",
        # a neighbour or a tenant, and a diagnosis or a debt
        "우리 옆집 아저씨가 치매 진단을 받았다고 해요.",
        "Mi vecina Rosa debe a la comunidad tres meses de cuotas.",
        "Meine Nachbarin hat seit Montag Scharlach.",
        "Můj soused má podle lékaře zánět slinivky.",
        "We're out of options, my wife and I have done 3 rounds of IVF.",
        "Annem Ayşe Demirtaş kemoterapi görüyor, dilekçe yazar mısın?",
        "أخي خالد العتيبي مسجون منذ شهرين",
        "Gaji saya Rp 14,5 juta per bulan, cukup nggak?",
        "I think I'm bi. I've never said that out loud.",
        "Honestly I'm at 142 base plus about 15% bonus, so I'd need more to move.",
        "I'm at 180k base and they offered 165.",
        "We get SNAP and WIC and my kid's teacher keeps assigning projects that cost money.",
        "My mom has been on food stamps since the layoff.",
        "i'm actually poz but undetectable",  # stop 45, round 32
    ],
)
def test_a_persons_private_matter_is_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué síntomas tiene el VIH?",
        "妊娠中はカフェインを1日どのくらいまでなら摂っても大丈夫ですか？",
        "Kredi kartı borcu yüzünden icra takibi başlatılabilir mi?",
        "The io module reads cancer registry data.",
        "Quelles sont les causes de la dépression saisonnière ?",
        "Wie hoch ist das durchschnittliche Gehalt in Berlin?",
        "Stephen Hawking was diagnosed with ALS at 21.",
        "What are the early warning signs of type 1 diabetes in young children?",
        "I need help with my code, the loan calculator is off by a cent.",
        "She struggled with anorexia, the article says.",
        "Quali sono i sintomi della depressione post-partum?",
        "Why don't cancer cells stop dividing?",
        "Wie lange ist man mit Scharlach ansteckend?",
        # public persons and organisations (a review's lines)
        "Herr Lauterbach stellte am Dienstag die Nationale Demenzstrategie vor.",
        "Unsere Klinik ist seit 1998 auf die Behandlung von Parkinson spezialisiert.",
        "Noviembre es el mes de concienciación sobre la diabetes.",
        # words that only start like a private matter (a review's lines)
        "We're offering a competitive salary and equity.",
        "Мені вільно завтра.",
        "Tôi có lương tâm.",
        "Mi hermana Deborah empieza el training mañana.",
        "Our base pay bands are published on the careers page.",
        "Our 2 base models are free to use.",
        "Is it normal to feel bi-curious?",
        "Hi, I'm Ace, your booking assistant.",
        "I'm pan-frying the salmon tonight.",
        "I am ace at chess, my coach says.",
        "We fine-tuned on a 4k base context; I think my config was wrong.",
        "Oh snap, my build broke again.",
        "How do I apply for Medicaid in Ohio?",
        "We use SNAP (a Python library) for our pipeline.",
        "Our church runs a food bank on Tuesdays.",
        "My company builds EBT card processing software for grocery stores.",
    ],
)
def test_general_questions_and_english_stay_public(text):
    assert not flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Client J.R. (41) disclosed a relapse on alcohol last month.",
        "Paciente Marta Giménez Ruiz, 63 años, ingresa por cirrosis alcohólica.",
        "La signora Carla Bruni del terzo piano è ai domiciliari per usura.",
        "Herr Jonas Albrecht aus der Buchhaltung ist wegen Depression krankgeschrieben.",
        "Tomasz Wrona, 34, was arrested for fraud in May.",
        "박지훈 과장이 요즘 공황장애로 병원에 다니고 있습니다.",
        "小李（李明华）其实在做透析，请不要告诉别人。",
        # a ward's handover: a name and a bed (stop 35)
        "Handover: Bill Castellano, bed 4, disclosed he's been injecting again.",
    ],
)
def test_a_named_persons_private_matter_in_a_note_is_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Herr Lauterbach stellte die Nationale Demenzstrategie vor.",
        "Mr Johnson said the cancer plan would be funded.",
        "Patient education leaflets on diabetes are free to download.",
        "선생님이 우울증의 증상에 대해 설명했습니다.",
        "Grand Plaza, room 4, hosts the talk on injecting drugs safely.",
    ],
)
def test_public_persons_and_leaflets_are_not_named_subjects(text):
    assert not flagged(text)


def test_the_whole_sentence_from_its_start_is_flagged():
    text = "Hola. Mi hermano tiene una deuda enorme con el banco. Gracias."
    [(b, e)] = private_matter_spans(text)
    assert text[b:e] == "Mi hermano tiene una deuda enorme con el banco."


@pytest.mark.parametrize(
    "text",
    [
        "I've been making myself throw up after meals for months.",
        "I filed Chapter 13 last year, can I rent a flat?",
        "Я живу в Москве без регистрации уже год.",
        "Я лесбійка, і батьки не знають.",
        "أنا مصابة بالتهاب الكبد منذ سنتين",
        "من سال پیش مسیحی شدم و خانواده‌ام نمی‌دانند",
        "Η μητέρα μου έχει καρκίνο και δεν το ξέρει κανείς.",
        "השכן שלי, דוד, עובר כימותרפיה",
        "İş arkadaşım Can bana eşcinsel olduğunu söyledi.",
        "Unsere Azubine Mia Krüger ist schwanger.",
    ],
)
def test_private_matters_of_stop_30s_languages_are_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Unsere Klinik behandelt seit 1998 Parkinson.",
        "What is Chapter 7 bankruptcy and who qualifies?",
        "Какие документы нужны для регистрации по месту жительства?",
        "Τι είναι ο καρκίνος του παγκρέατος;",
    ],
)
def test_general_text_on_those_matters_stays_public(text):
    assert not flagged(text)


# A first-person or family statement of a private matter, and a general question on the same
# matter in the same language.
NEW_LANGUAGES = [
    ("Съпругът ми има рак на белия дроб.", "Какви са симптомите на диабета?"),
    ("Som tehotná a manžel o tom nevie.", "Aké sú príznaky cukrovky?"),
    ("Imam dijabetes već pet godina, a šef to ne zna.", "Koji su simptomi dijabetesa?"),
    ("Мој брат је осуђен на две године затвора.", "Који су симптоми дијабетеса?"),
    ("Jaz sem noseča in se bojim.", "Kakšni so simptomi sladkorne bolezni?"),
    ("Mul on vähk ja ma käin keemiaravil.", "Mis on vähi sümptomid?"),
    ("Mano vyras serga vėžiu.", "Kokie yra cukrinio diabeto simptomai?"),
    ("Man ir parādi bankā un mani atlaida no darba.", "Kādi ir diabēta simptomi?"),
    ("Jo tinc càncer i estic de baixa.", "Quins són els símptomes de la diabetis?"),
    ("Nire senarra minbizia du.", "Zeintzuk dira diabetesaren sintomak?"),
    ("Ek het kanker en my baas weet nie.", "Wat is die simptome van diabetes?"),
    ("Suami saya ditangkap polis semalam.", "Apakah tanda-tanda kencing manis?"),
    ("میرے شوہر کو کینسر ہے۔", "ذیابیطس کی علامات کیا ہیں؟"),
    ("என் கணவருக்கு புற்றுநோய் உள்ளது.", "நீரிழிவு நோயின் அறிகுறிகள் என்ன?"),
    ("నా భర్తకు క్యాన్సర్ ఉంది.", "మధుమేహం లక్షణాలు ఏమిటి?"),
    ("माझ्या नवऱ्याला कर्करोग झाला आहे.", "मधुमेहाची लक्षणे काय आहेत?"),
    ("ባለቤቴ ካንሰር አለበት።", "የስኳር በሽታ ምልክቶች ምንድን ናቸው?"),
    ("Ọkọ mi ní àrùn jẹjẹrẹ.", "Kí ni àwọn àmì àrùn jẹjẹrẹ?"),
    ("Ég er með krabbamein og maðurinn minn veit það ekki.", "Hver eru einkenni sykursýki?"),
    ("Kovuldum ve borçluyum.", "Kanser belirtileri nelerdir?"),
    ("Soy seropositivo desde hace dos años.", "¿Qué significa ser seropositivo?"),
    ("Η γυναίκα μου είναι οροθετική.", "Τι σημαίνει οροθετικός;"),
    ("実は借金があって困っています。", "うつ病の症状は何ですか？"),
    ("Natanggal sa trabaho ang asawa ko.", "Ano ang mga sintomas ng diabetes?"),
    ("എന്റെ ഭർത്താവിന് കാൻസർ ആണ്.", "പ്രമേഹത്തിന്റെ ലക്ഷണങ്ങൾ എന്തൊക്കെയാണ്?"),
    ("ನನ್ನ ಗಂಡನಿಗೆ ಕ್ಯಾನ್ಸರ್ ಇದೆ.", "ಮಧುಮೇಹದ ಲಕ್ಷಣಗಳು ಯಾವುವು?"),
    ("મારા પતિને કેન્સર છે.", "ડાયાબિટીસના લક્ષણો શું છે?"),
    ("ਮੇਰੇ ਪਤੀ ਨੂੰ ਕੈਂਸਰ ਹੈ।", "ਕੈਂਸਰ ਦੇ ਲੱਛਣ ਕੀ ਹਨ?"),
    ("मेरो श्रीमतीलाई क्यान्सर छ।", "क्यान्सरका लक्षणहरू के हुन्?"),
    ("මගේ සැමියාට පිළිකා තියෙනවා.", "දියවැඩියාවේ රෝග ලක්ෂණ මොනවාද?"),
    ("ჩემს ქმარს კიბო აქვს.", "რა არის კიბოს სიმპტომები?"),
    ("Ամուսինս քաղցկեղ ունի։", "Որոնք են քաղցկեղի ախտանիշները։"),
    ("Mənim ərimin xərçəng xəstəliyi var.", "Xərçəngin əlamətləri nələrdir?"),
    ("Менің күйеуімнің қатерлі ісігі бар.", "Қатерлі ісіктің белгілері қандай?"),
    ("Mening erim saraton bilan kasallangan.", "Saraton belgilari qanday?"),
    ("Миний нөхөр хорт хавдартай.", "Хорт хавдрын шинж тэмдэг юу вэ?"),
    ("ប្តីរបស់ខ្ញុំមានជំងឺមហារីក", "តើរោគសញ្ញានៃជំងឺមហារីកមានអ្វីខ្លះ?"),
    ("ကျွန်မရဲ့ခင်ပွန်းက ကင်ဆာရှိတယ်။", "ကင်ဆာရောဂါလက္ခဏာတွေက ဘာတွေလဲ။"),
    ("Unë jam shtatzënë dhe burri im nuk e di.", "Cilat janë simptomat e kancerit?"),
    ("Мојата сопруга има туберкулоза.", "Кои се симптомите на туберкулоза?"),
    ("A miña irmá ten unha débeda enorme.", "Que é a tuberculose?"),
    ("Mijina yana da ciwon suga.", "Menene alamun ciwon suga?"),
    ("Umyeni wami unesifo sofuba.", "Yiziphi izimpawu zesifo sofuba?"),
    ("Mume wangu ana kifua kikuu.", "Dalili za kifua kikuu ni zipi?"),
    ("יש לי אפילפסיה מגיל עשר.", "מהם התסמינים של אפילפסיה?"),
    ("شوهرم دیالیز می‌شود.", "علائم دیابت چیست؟"),
    ("میرے بھائی کو ٹی بی ہے۔", "ٹی بی کی علامات کیا ہیں؟"),
    ("สามีของฉันเป็นวัณโรค", "อาการของวัณโรคมีอะไรบ้าง"),
    ("আমার ভাইয়ের যক্ষ্মা হয়েছে।", "যক্ষ্মার লক্ষণ কী?"),
    ("A nagynéném dialízisre jár.", "Mik a tuberkulózis tünetei?"),
    ("Min morbror har spelberoende.", "Vad är spelberoende?"),
    ("Min søster har epilepsi.", "Hva er symptomene på epilepsi?"),
    ("Keponakanku kena gagal ginjal dan harus cuci darah.", "Apa gejala gagal ginjal?"),
    ("Chồng tôi bị suy thận phải chạy thận.", "Triệu chứng suy thận là gì?"),
]


# More private matters in the major languages: tuberculosis, cerebral palsy, methadone, kidney
# failure, hearing loss, sexually transmitted infections, a suspended sentence, embezzlement,
# forced marriage, a women's shelter, wage garnishment; the same matter asked about in
# general stays public.
MORE_MATTERS = [
    ("My nephew has tuberculosis.", "What are the symptoms of tuberculosis?"),
    ("My sister was forced into marriage at 15.", "What is child marriage?"),
    ("Mi tío está en libertad condicional por malversación.", "¿Qué es la tuberculosis?"),
    ("Mon neveu a une insuffisance rénale.", "Qu'est-ce que l'insuffisance rénale ?"),
    ("Meine Nichte lebt im Frauenhaus.", "Was ist ein Frauenhaus?"),
    ("Mein Gehalt hat eine Lohnpfändung.", "Wie hoch darf eine Lohnpfändung sein?"),
    ("Mia cugina ha la sifilide.", "Come si cura la sifilide?"),
    ("Meu sobrinho tem paralisia cerebral.", "O que é paralisia cerebral?"),
    ("Мой племянник на метадоне.", "Что такое метадоновая терапия?"),
    ("Mój wujek ma gruźlicę.", "Jakie są objawy gruźlicy?"),
    ("Yeğenim diyalize giriyor.", "Diyaliz nedir?"),
    ("我表哥得了肺结核。", "肺结核有哪些症状？"),
    ("私の甥は難聴です。", "難聴の原因は何ですか？"),
    ("제 조카가 결핵에 걸렸어요.", "결핵의 증상은 무엇인가요?"),
    ("أختي تخضع لغسيل الكلى.", "ما هي أعراض الفشل الكلوي؟"),
    ("मेरे भतीजे को मिर्गी है।", "मिर्गी के लक्षण क्या हैं?"),
]


@pytest.mark.parametrize("private, general", MORE_MATTERS)
def test_more_matters_flag_a_person_and_not_a_question(private, general):
    assert flagged(private)
    assert not flagged(general)


@pytest.mark.parametrize(
    "text",
    [
        # Spanish and Galician "son", Romanian "sunt" are "they are", Estonian "mis" "what"
        "¿Cuáles son los síntomas de la diabetes?",
        "Cales son os síntomas da tuberculose?",
        "Care sunt simptomele tuberculozei?",
        "Mis on tuberkuloosi sümptomid?",
        # words that only start like a new matter: Lithuanian "sugalvoti", Croatian "borci",
        # Arabic "الأقمار", Hindi "मतलब"
        "Mano brolis sugalvojo naują žaidimą.",
        "Moj djed i njegovi borci su bili heroji.",
        "أخي يدرس الأقمار الصناعية",
        "मेरा मतलब यह नहीं था।",
    ],
)
def test_words_of_two_languages_stay_public(text):
    assert not flagged(text)


@pytest.mark.parametrize("private, general", NEW_LANGUAGES)
def test_more_languages_flag_a_person_and_not_a_question(private, general):
    assert flagged(private)
    assert not flagged(general)


@pytest.mark.parametrize(
    "text",
    [
        "Mi madre tiene diabetes.",
        "Mon père est bipolaire.",
        "У меня рак.",
        "Mein Mann schlägt mich.",
        "Eşimle boşanıyoruz, velayet davası var.",
        "Zostałem skazany na dwa lata w zawieszeniu.",
        "Я беженец, у меня нет вида на жительство.",
        "Sono gay e i miei genitori non lo sanno.",
        "Je me suis converti à l'islam l'an dernier.",
        "Jag blev uppsagd och är sjukskriven.",
        "Minulla on masennus ja olen sairauslomalla.",
        "Em bị trầm cảm lâu rồi.",
        "我被裁员了，还欠了网贷。",
        "ฉันถูกไล่ออกจากงาน",
        "Nimefukuzwa kazi na nina madeni.",
        "My husband beats me and I'm scared.",
    ],
)
def test_more_matters_are_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        # a relative's word used as a general noun, a stem that starts a common word
        "Une femme enceinte peut-elle boire du café ?",
        "Kann eine Frau während der Schwangerschaft Sport machen?",
        "Jag har uppdaterat min sida på webben.",
        "Mein Sohn sucht eine Wohnung in Berlin.",
        "Я хочу изменить настройки профиля.",
        "Je me suis trompé de chemin hier.",
        "Un ospedale vicino a Roma che cura il cancro.",
        "Lentil soup with soy sauce helps with diabetes.",
        "Ich habe eine Frage zum Islam.",
        "Moj otac je živ i zdrav.",
        "Mój syn wygrał konkurs matematyczny.",
        "Моя материнская плата сломалась.",
        "Это займёт у меня час.",
        "Benim için zor bir gün.",
        "Mein Vater hat die Dateien konvertiert.",
        "Wróciłem z kościoła o dziesiątej.",
        "Grįžau iš darbo vėlai.",
        "Quiero el programa más rápido, mi código hace abort.",
        "Ja, Krebs ist eine häufige Krankheit.",
        "私はがんばっています。",
        "¿El cáncer de mama es hereditario?",
    ],
)
def test_words_that_only_look_private_stay_public(text):
    assert not flagged(text)


@pytest.mark.parametrize(
    "text, private",
    [
        ("How can a friend or coworker help someone facing domestic abuse?", False),
        ("What should a colleague do if someone at work has a panic attack?", False),
        ("My coworker has cancer and hides it from the team.", True),
        ("Our landlord is in prison for fraud.", True),
        ("His boss has cancer and hides it.", True),  # a possessive names one person
        ("Tom's colleague has cancer and hides it.", True),
    ],
)
def test_roles_anyone_has_name_a_person_only_after_a_possessive(text, private):
    assert flagged(text) is private


@pytest.mark.parametrize(
    "text, private",
    [
        ("Какие побочные эффекты бывают у метадона?", False),  # "у" alone names nobody
        ("Были ли у вас судимости?", True),
        ("У меня ВИЧ, и я боюсь сказать родителям.", True),
    ],
)
def test_russian_u_counts_only_with_a_person(text, private):
    assert flagged(text) is private


@pytest.mark.parametrize(
    "text",
    ["Me da vergüenza: mis deudas de juego.", "Nu sunt bine, sunt in depresie."],
)
def test_words_of_two_languages_keep_their_first_person_reading(text):
    """Estonian "mis" is told by its "õ" (not the "ü" Spanish writes too); Romanian "nu sunt"
    is "I am not" as often as "they are not"."""
    assert private_matter_spans(text)


def test_a_private_matter_typed_to_dodge_the_reader_is_read_normalised():
    from sglang_safekv.detect.private_matter import PrivateMatterRecognizer
    from sglang_safekv.detect.registry import TextWindow

    text = "saya positif  s i f i l i s  kata dokter puskesmas, apakah bisa sembuh total?"
    assert not flagged(text)  # the raw words hold no illness
    [spans] = PrivateMatterRecognizer().analyze([TextWindow(text, 0, len(text))])
    assert spans and spans[0].start == 0


def test_named_subjects_start_at_a_word_start():
    """A name starts a word: inside "ticketBob" there is none. Starting only there also keeps
    a 100,000-letter word to one try of the name pattern (it was quadratic: 68 s)."""
    assert _NAMED_SUBJECT.search("Bob Lee, 34, was admitted") is not None
    assert _NAMED_SUBJECT.search("ticketBob Lee, 34, was admitted") is None
    assert private_matter_spans("Name: " + "A" * 100_000 + "\nwas admitted") == []


def test_a_relatives_sleep_apnoea_and_a_refused_drug_test_are_private_matters():
    # stop 47, round 38's vocabulary
    assert private_matter_spans("My brother has sleep apnoea.") != []
    assert private_matter_spans("my husband refused a drug test at work.") != []
    assert private_matter_spans("What is sleep apnea and how is it treated?") == []


def test_an_employees_surgery_and_a_mothers_housing_are_private_matters():
    # stop 47, rounds 39 and 40
    text = "employee Brent Castellanos had a lumbar laminectomy; no lifting for 6 weeks."
    assert private_matter_spans(text) != []
    assert private_matter_spans("Social: mom Tasha Reed, 19, housing insecure.") != []
    assert private_matter_spans("A laminectomy removes part of a vertebra.") == []
    assert private_matter_spans("The city opened a homeless shelter on Main St.") == []
    # an institution's "our" (the stop 47 review)
    assert private_matter_spans("Our guide to sleep apnea explains CPAP.") == []
    assert (
        private_matter_spans("Our fleet's policy: a driver who refused a drug test is off.") == []
    )
