"""Sensitivity that comes from the turn before: a short answer to a question asking for a code,
a password, a security answer or a personal fact is private, whatever its words.

"482913", "Biscuit" or "About 185k plus bonus." mean nothing alone; after "Please type the
code you received" or "Roughly what is your annual salary?" they are the secret. This
recognizer reads the end of the context before the judged window (the previous message, which
the pipeline decodes as read-only context) and, when it asks such a question, flags the whole
short answer.

The same holds inside one window: a conversation pasted or sent whole ("Bot: Please enter the
6-digit code we sent.\nUser: 208 317") puts question and answer on consecutive lines. There the
question must be addressed to the reader (you, your, enter, type, ...), so a document's "Q: What
is a one-time password?" does not make the next line private.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.normalise import normalise
from sglang_safekv.detect.personal import says_something_private
from sglang_safekv.detect.private_matter import names_a_private_matter
from sglang_safekv.detect.registry import Recognizer, TextWindow

# How far back the question may be, and how long an answer may be and still be "short".
QUESTION_CHARS = 400
ANSWER_MAX_CHARS = 160
ANSWER_MAX_WORDS = 16
UNLABELLED_MAX_WORDS = 6  # an answer line without a speaker label, inside a window
_LONGEST_TURN_LINE = ANSWER_MAX_CHARS + 80  # a label and markup around a short answer
# A longer turn that opens with its answer, up to three words, then says more: "me: 9.4. Doc
# wants me on insulin now and ..." (its first sentence is the answer).
_LEADS_WITH_AN_ANSWER = re.compile(
    r"^[^\n]{0,60}?[:：>][^\S\n]*(?:\S{1,24}[^\S\n]){0,2}\S{1,24}?[.!。](?=\s)"
)
LEAD_ANSWER_MAX_WORDS = 3

# A question about the reader's record, status or beliefs: a bare "yes" answers it.
_FACTS = (
    r"\b(?:convicted|criminal record|felony|arrested|immigration status|visa status|asylum"
    r"|you\w*\b[^?\n]{0,60}\b(?:political party|religio\w*|faith|sexual orientation)"
    r"|religio\w*[^?\n]{0,40}\byou\b|are you (?:out|gay|lesbian|bi|bisexual|trans|transgender"
    r"|queer)\b|out to (?:your|the) (?:family|parents|friends|coworkers)|bankrupt\w*)"
    # a chat's bare question about it ("me: religion?")
    r"|(?:^|\b[^\W\d_]{2,12}[^\S\n]*[:>][^\S\n]*)(?:your[^\S\n]+|and[^\S\n]+)?(?:religion"
    r"|faith|sexual orientation|political party)[^\S\n]*\?"
    # a driving record asked of the reader ("Any DUI convictions in the last 5 years?"; not
    # "Is a DUI a misdemeanor?")
    r"|(?:\b(?:have|had|did|were) (?:you|u)\b[^?\n]{0,40}|\bany\b[^?\n]{0,20}"
    r"|\bdo (?:you|u) have\b[^?\n]{0,20})\b(?:duis?|dwis?|owis?|ovis?|convictions?"
    r"|drunk[- ]driving|impaired driving)\b"
    r"|\b(?:duis?|dwis?|convictions?)\b[^?\n]{0,30}\bon (?:your|ur) (?:record|licen[cs]e)"
    r"|antecedentes penales|casier judiciaire|vorstrafe|carichi pendenti|precedenti penali"
    r"|antecedentes criminais|strafblad|karaln|судимост|sabıka|前科|범죄 경력"
)
_FACT_ASK = re.compile(_FACTS, re.IGNORECASE)
# A PIN, not the verb ("which version do we pin?", "pin it to the top").
_PIN = (
    r"(?<!\bwe )(?<!\bto )(?<!\bdo )(?<!\bi )(?<!you )\bpin\b(?! (?:it|them|this|that|down|to)\b)"
)
# (category, what the question asks for). Checked in order; the first that matches names it.
ASKS: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            Category.CREDENTIAL,
            r"\b(?:(?:one[- ]time|verification|security|confirmation|access|auth\w*|sms|2fa|mfa"
            rf"|login|6-digit|\d-digit)\s+(?:pass)?code|passcode|otp|{_PIN}|password|passphrase"
            r"|pass\s?word|recovery (?:phrase|key|code)|seed phrase|secret (?:key|word)"
            r"|(?:your|my|our) (?:security|secret|account|verbal) (?:phrase|code ?word|word)"
            r"|(?:your|my|our) code ?word"
            r"|(?:the )?code (?:(?:that )?(?:you|we) (?:just |have )?(?:received|sent|got|were sent"
            r"|texted|emailed|e-mailed)|(?:that )?(?:was|we) (?:just )?(?:sent|texted|emailed))"
            r"|(?:door|keypad|gate|alarm|garage|safe|lock|locker|building|entry)"
            r"(?: (?:disarm|arming|entry|access|master))? ?code|disarm code"
            r"|what(?:'s| is|s) the code\b|\bpw\b|\bpwd\b"
            # a lock's combination ("What's the combination to the storage unit lock?"; not
            # a game's safe "in Fallout 4", a formula or keys to press), a code that approves a
            # purchase ("please say your voice purchasing code"; not a catalogue's purchasing
            # codes)
            r"|(?:combination|combo) (?:to|for|on|of) (?:the|your|my|our|ur) (?:\w+ ){0,2}?"
            r"(?:lock|padlock|safe|locker|storage unit|unit|gate|shed|lockbox)\b"
            r"(?! in [A-Z0-9])(?![^?\n]*\b(?:game|puzzle|walkthrough|level|quest)\b)"
            r"|(?:your|my|our|ur)(?: [\w-]+)? voice (?:purchas\w* |purchase )?(?:code|pin)\b"
            r"|parental (?:control )?pin\b"
            r"|(?:your|my|our|ur) (?:purchas\w*|spending) (?:code|pin)\b(?! of\b)"
            # "the last four of your social", "of the payout account" (not of a test card)
            r"|last (?:four|4|two|2|three|3)(?: digits)? of (?:(?:your|ur|my) (?:\w+ )?"
            r"(?:account|card|social|ssn|sin|phone|number|id)|the (?:\w+ )?account)\b"
            # where a key is hidden: "Where do you keep the spare key?" (a spare, house, car
            # ... key: "the keys for the rental bikes", "the key signature" are no secrets)
            r"|where (?:do|does|did) (?:you|we|they|he|she) (?:usually )?(?:keep|hide|leave|put"
            r"|store)\w* (?:the |your |a |our |their )?(?:(?:spare|house|door|front|back|car"
            r"|garage|extra|hidden|flat|apartment|office)[ -]){1,2}keys?\b"
            r"|where(?:'s| is) (?:the |your )?(?:spare|hidden) key\b)",
        ),
        (
            Category.PERSONAL,
            r"\b(?:security question|secret (?:question|answer)|maiden name|first pet"
            r"|name of your|street (?:did )?you gr[eo]w up|first school|favou?rite teacher|childhood"
            r"|where were you born|city (?:you were|of your) birth|verify your identity"
            r"|(?:for|to) (?:security|verification)(?: purposes)?\b)"
            r"|" + _FACTS,
        ),
        (
            Category.DATE_OF_BIRTH,
            r"\b(?:date of birth|birth ?date|birthday|when were you born|d\.?o\.?b\b)",
        ),
        (
            Category.HEALTH,
            r"\b(?:diagnos\w*|medication|medicine|prescri\w*|tested positive|test results?"
            r"|pregnan\w*|breastfeeding|symptoms? (?:do|have) you|allerg\w*|condition"
            r"|therapy|disabilit\w*|surgery|hiv|blood (?:type|pressure)"
            r"|your (?:current |exact |usual )?(?:weight|height|bmi)\b|how (?:tall|heavy) are you"
            r"|a1c|glucose|blood sugar|cholesterol|viral load|cd4|lab (?:results?|values?|work)"
            r"|how many (?:drinks|cigarettes|units)|drink(?:ing)? (?:alcohol|a week|a day|per)"
            r"|do you (?:smoke|drink|use drugs)"
            r"|are (?:you|u) on (?:any )?(?:prep|truvada|descovy|hrt|hormones|antidepressants"
            r"|birth control|the pill|blood thinners|anticoagulants|insulin|steroids)\b"
            # a medical history's question ("Any history of seizures or blackouts?"; not of
            # eruptions or winemaking)
            r"|history of (?:\w+ )?(?:seizures?|epilep\w*|blackouts?|fainting|heart|stroke"
            r"|cancer|diabet\w*|asthma|depression|anxiety|mental illness|psychiatric|suicid\w*"
            r"|self-harm|eating disorders?|substance|drug use|alcohol|hepatitis|hiv|tb"
            r"|tuberculosis|blood clots|bleeding|surgery|miscarriage|concussions?)\b"
            r"|(?:is|are|was|were|has|have) (?:you|u|she|he|they|(?:your|his|her|their) (?:child"
            r"|children|kids?|son|daughter|baby|partner|wife|husband|mom|mum|dad|mother|father))"
            r" (?:been )?(?:fully )?(?:vaccinated|immuni[sz]ed)\b|(?:did|has|have) (?:your|ur|the) (?:tests?|results?"
            r"|labs?|bloodwork|biopsy|scan|swab) come back\b"
            # an eating disorder's or a recovery's check-in ("did you purge after dinner?")
            r"|(?:do|did|have|has) you (?:ever |still |recently )?(?:(?:purg(?:e|ed)|binged?"
            r"|been (?:purging|bingeing|binging|self-harming|cutting))"
            r"(?= *(?:\?|after|before|today|tonight|yesterday|again|since|at all|this|last))"
            r"|make yourself (?:sick|throw up)|relapsed?|self-harmed|cut yourself|used? again"
            r"|drunk again|drink again)\b"
            r"|suicid\w*|self-harm\w*|(?:harm|hurt)(?:ing)? yourself"
            r"|end(?:ing)? your life|dark thoughts"
            r"|are you safe\b(?! (?:to (?:use|eat|take|drive|wear|travel|drink|fly|swim)|for"
            r"|around|during|when|if|online|on (?:the|public|a)|at home during)\b))",
        ),
        (
            Category.FINANCE,
            r"\b(?:salary|income|take-home|pay (?:after|before)|earn|owe|debt|mortgage"
            r"|balance|credit score|net worth|savings|how much (?:do|did) you)",
        ),
        (
            Category.PHONE,
            r"\b(?:phone|mobile|cell)(?: number)?\b|number to (?:call|reach)"
            r"|call-? ?back number|contact number",
        ),
        (Category.EMAIL, r"\be-?mail\b"),
        (
            Category.ADDRESS,
            r"\b(?:home |postal |street |mailing )?address\b|where do you live|\bpost ?code"
            r"|\bzip ?code\b|postal code|eircode",
        ),
        (
            Category.GOV_ID,
            r"\b(?:social security|ssn|passport|national id|id number|tax id|driver'?s licen"
            r"|(?:policy|member|membership|customer|patient|employee|insurance|licen[cs]e"
            r"|registration|medical record) (?:id|no|number)|licen[cs]e plate|\bvin\b"
            r"|vehicle identification|chassis number)",
        ),
        (Category.BANK_ACCOUNT, r"\b(?:account number|iban|routing number|sort code)"),
        (Category.CREDIT_CARD, r"\b(?:card number|cvv|cvc|security code)"),
    )
)
# The same requests in es, fr, de, it, pt, nl, pl, ru, tr, sv, zh, ja, ko, hi and ar.
ASKS_INTL: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            Category.CREDENTIAL,
            r"c[oó]digo|code (?:de|d')|code reçu|\bkod\b|kodu|код|codice|verificatiecode|contraseña|mot de passe|passwort"
            rf"|senha|wachtwoord|hasło|пароль|şifre|lösenord|{_PIN}|验证码|驗證碼|密码|コード"
            r"|パスワード|暗証番号|인증번호|인증 ?코드|비밀번호|कोड|ओटीपी|पासवर्ड|رمز|كلمة المرور"
            r"|\bheslo|\bhesl[ae]\b|\bkód|salasana|\bkoodi|jelszó|κωδικ|סיסמ|mật khẩu|kata sandi"
            r"|\bkode\b|passord|adgangskode|kennwort|palavra-passe|clave de acceso|пароль|кодов\w* слов"
            r"|\b(?:m|push|sms|chip)?tan\b|\btan-|รหัส|mã (?:otp|xác nhận|pin)|code van|deurcode"
            r"|পিন|পাসওয়ার্ড|ওটিপি|کد تایید|کد تأیید|کد ورود",
        ),
        (
            Category.PERSONAL,
            r"pregunta (?:de seguridad|secreta)|question (?:de sécurité|secrète)|sicherheitsfrage"
            r"|domanda (?:di sicurezza|segreta)|pergunta (?:de segurança|secreta)|beveiligingsvraag"
            r"|pytani\w* (?:bezpieczeństwa|zabezpieczając\w*)|(?:контрольн|секретн)\w* (?:вопрос|слов)"
            r"|güvenlik sorusu|säkerhetsfråga|bezpečnostní otáz|turvakysymy|安全问题|密保|秘密の質問"
            r"|보안 ?질문|सुरक्षा प्रश्न|سؤال الأمان|nombre de soltera|nom de jeune fille|mädchenname"
            r"|cognome da nubile|nome de solteira|meisjesnaam|nazwisko panieńskie|девичь\w* фамили"
            r"|kızlık soyad|por (?:motivos de )?seguridad|pour (?:des raisons de )?sécurité"
            r"|zur (?:sicherheit|verifizierung|überprüfung)|per (?:motivi di )?sicurezza"
            r"|por (?:motivos de )?segurança|ter (?:verificatie|beveiliging)|identiteit te (?:controleren|verifiëren)"
            r"|w celu weryfikacji|для (?:проверки|подтверждения|безопасности)|güvenliğiniz için"
            r"|doğrulama|av säkerhetsskäl|för att verifiera|pro ověření|z bezpečnostních důvodů"
            r"|为了(?:安全|验证)|验证(?:身份|一下)|本人確認|본인 ?확인|보안을 위해|सुरक्षा के लिए|सत्यापन"
            r"|للتحقق|للأمان|verific\w* (?:su|tu|votre|sua|ihre|uw) identi|vérifier votre identité"
            r"|identität (?:zu )?(?:prüfen|bestätigen|verifizieren)|verifikasi|nama ibu kandung"
            r"|carte vitale|versichertenkarte|tessera sanitaria|tarjeta sanitaria"
            # the first pet, the first school, the birth town: security questions
            r"|primera mascota|premier animal|erste[ns]? haustier|primo animale|primeiro animal"
            r"|eerste huisdier|pierwsze\w* zwierz|перв\w* (?:питом|домашн)|ilk evcil|最初のペット"
            r"|第一只宠物|첫 (?:번째 )?애완|primera escuela|première école|erste schule"
            r"|prima scuola|primeira escola",
        ),
        (
            Category.BANK_ACCOUNT,
            r"n[uú]mero de (?:cuenta|conta)|numéro de compte|kontonummer|numero di conto"
            r"|rekeningnummer|numer (?:konta|rachunku)|номер (?:сч[её]та|карты)|hesap numara"
            r"|číslo účtu|tilinumero|账号|账户|帳號|口座番号|계좌 ?번호|खाता (?:संख्या|नंबर)|رقم (?:ال)?حساب",
        ),
        (
            Category.GOV_ID,
            r"(?:n[uú]mero|numéro|numero|numer|номер|číslo)\s+(?:de |di |da |do |du |d')?"
            r"(?:(?:su|sua|seu|tu|votre|vostro|suo|ihre|uw|je|twój|twojej|ваш\w*) )?"
            r"(?:client\w*|klient\w*|клиент\w*|zákazník\w*|reserva\w*|réservation|prenotazione"
            r"|carteir\w*|tarjeta|carte|tessera|karty|карты|documento|pasaporte|passeport"
            r"|rezerwacji|брон\w*|rezervace|p[oó]li[zc]a|police|polizza|apólice|polisy|полиса"
            r"|paciente|patient|paziente|pacjenta|пациента|socio|membre|tessera|dossier|expediente"
            r"|pratica|processo|sprawy|дела)"
            r"|kundennummer|kundnummer|klantnummer|versichertennummer|mitgliedsnummer"
            r"|buchungsnummer|bokningsnummer|reservierungsnummer|asiakasnumero"
            r"|müşteri numara|rezervasyon numara|poliçe numara"
            r"|客户(?:号|编号)|会员号|订单号|预订号|お客様番号|会員番号|予約番号|고객 ?번호|회원 ?번호"
            r"|예약 ?번호|ग्राहक (?:संख्या|नंबर|आईडी)|رقم (?:العميل|الحجز|العضوية)",
        ),
        (
            Category.DATE_OF_BIRTH,
            r"fecha de nacimiento|date de naissance|geburtsdatum|data di nascita|dat[aęy] urodzenia"
            r"|data de nascimento|geboortedatum|data urodzenia|дата рождения|doğum tarih"
            r"|födelsedatum|出生日期|生日|生年月日|생년월일|जन्मतिथि|जन्म तिथि|تاريخ الميلاد"
            r"|ville de naissance|lugar de nacimiento|geburtsort",
        ),
        (
            Category.ADDRESS,
            r"direcci[oó]n|adresse|indirizzo|endereço|\badres(?:\b|in|im|i\b)|адрес|\badress\b|地址|住所|주소"
            r"|\bपता\b|العنوان",
        ),
        (
            Category.GOV_ID,
            r"pasaporte|passeport|reisepass|passaporto|passaporte|paspoort|paszport|паспорт"
            r"|pasaport|护照|パスポート|여권|पासपोर्ट|جواز|\bdni\b|documento de identidad"
            r"|numer dowodu|personnummer|身份证|身分證|마이넘버|マイナンバー|주민등록번호|αφμ|αμκα"
            r"|αριθμό?ς? (?:ταυτότητας|διαβατηρίου)|บัตรประชาชน|เลขประจำตัว|burgerservicenummer"
            r"|\bbsn\b|codice fiscale|steuer-?id|steuernummer|\bnif\b|\bnie\b|\bcpf\b|\bpesel\b"
            r"|rodné číslo|henkilötunnu|cpr-?nummer|tc kimlik|kimlik n|aadhaar|\bpan\b|\bnik\b"
            r"|số (?:cccd|cmnd|căn cước)|căn cước|isikukood|asmens kod|personas kod|\begn\b|егн"
            r"|\boib\b|\bjmbg\b|matični broj|rodného čísla|\bcnp\b",
        ),
        (
            # A form filled in field by field ("First, full legal name?", "And your surname?"):
            # the asker's own name, not a trivia question's ("What was Einstein's first name?").
            Category.PERSON,
            r"\byour (?:(?:full|legal|complete|first|last|given|middle|family|maiden) )*"
            r"(?:name|surname)\b|(?<!'s )(?<!’s )\bfull legal name\b"
            # a record holder's, as an agent asks for it ("the account holder's full name?")
            r"|\bthe (?:primary )?(?:account ?holder|card ?holder|policy ?holder|patient|caller"
            r"|applicant|passenger|guest|insured|member)['’]s?"
            r" (?:(?:full|legal|first|last|first and last) )?(?:name|surname)\b"
            r"|\bname of the (?:account ?holder|card ?holder|policy ?holder|patient|passenger"
            r"|guest|insured)\b"
            r"|\bname on the (?:account|card|booking|reservation|policy|ticket|order)\b"
            r"|\bwhat name is the (?:booking|reservation|order|account|ticket) (?:under|in)\b"
            r"|\b(?:su|tu) (?:nombre completo|apellido)|\b(?:votre|ton) nom (?:complet|de famille)"
            r"|\bihr(?:en)? (?:vollständige[nr]? name|nachname|vorname)"
            r"|\b(?:seu|teu) (?:nome completo|sobrenome)|\b(?:il suo|il tuo) (?:nome completo|cognome)"
            r"|您的姓名|你的姓名|お名前|성함",
        ),
        (
            Category.PERSONAL,  # a person's residence status, whoever asks
            r"immigration status|residence status|visa status|verblijfsstatus|aufenthaltsstatus"
            r"|aufenthaltstitel|statut de séjour|situaci[oó]n migratoria|estatus migratorio"
            r"|status (?:imigracyjny|pobytu)|миграционн\w* статус|oturma izni|uppehållsstatus",
        ),
        (
            Category.FINANCE,
            r"cu[aá]nto (?:te |le )?(?:debes|ganas|cobras|pagan|paga)|deuda|salario|sueldo|combien|dette|salaire"
            r"|wie viel|wie hoch|schulden|forderungen|gehalt|quanto|debito|stipendio|dívida|salário|hoeveel|schuld"
            r"|salaris|ile (?:zarabiasz|jesteś winien)|dług|pensja|сколько|долг|зарплат|kaç|borç"
            r"|maaş|hur mycket|skuld|lön|多少钱|欠|工资|いくら|借金|年収|얼마|빚|연봉|कितना|कर्ज"
            r"|सैलरी|كم|دين|راتب|schufa|inkasso|bonität|fichero de morosos|fiché à la banque"
            r"|rendiment|ingresos|revenu|einkommen|reddito|inkomen|dochód|доход|gelir"
            r"|inkomst|收入|所得|소득|\bआय\b|دخل|sweldo|suweldo|sahod|magkano"
            r"|колку|колко|\bkoliko\b|\bплат[аиуе]\w*|\bplat[au]\b|تنخواہ|حقوق",
        ),
        (
            Category.HEALTH,
            r"diagn[oó]stic|m[eé]dico|médecin|arzt|festgestellt|diagnose|diagnosi|medico"
            r"|diagnoz|lekarz|диагноз|врач|teşhis|doktor|diagnos|läkare|诊断|医生|診断|医者"
            r"|진단|의사|निदान|डॉक्टर|تشخيص|طبيب|医院|复查|检查结果|病院|検査|병원|검사 결과|अस्पताल"
            r"|जांच|مستشفى|nemocnic|lékař|hôpital|krankenhaus|ospedale|ziekenhuis"
            r"|szpital|больниц|hastane|sjukhus|захворюван|заболеван|хвороб|болезн|ліки|лекарств"
            r"|enfermedad|maladie|krankheit|vorerkrank|malattia|doença|ziekte|chorob|hastalı"
            r"|діагноз|лікар|διάγνωσ|γιατρ|φάρμακ|การวินิจฉัย|โรคประจำตัว|chẩn đoán|bệnh|복용"
            # in hospital, drinking, drugs, pregnancy: a clinician's or a form's questions
            r"|internad|internação|hospitali[sz]|ricoverat|ingresad|alcohol|alcool|alkohol"
            r"|алкогол|drogas|drogues|drogen|droghe|narkoty|наркот|uyuşturucu|embarazada"
            r"|enceinte|schwanger|incinta|grávida|zwanger|w ciąży|беременн|hamile|怀孕|妊娠|임신"
            r"|大病|病史|持病|既往|药物|薬|약을|दवा|أدوية|دواء|medicamento|médicament|medikament"
            r"|farmac|leki|лекарств|medicijn|medicatie|geneesmiddel|schwerbehindert|behinderung"
            r"|discapacidad|handicap|invalidit|disabilit|入院|通院"
            r"|befund|testergebnis|laborwerte|blutwerte|رپورٹ|ڈاکٹر|ٹیسٹ|ผลตรวจ|ผลเลือด|ผลแล็บ"
            r"|idées noires|pensées suicidaires|envie de mourir|vous faire du mal|ideas suicidas"
            r"|pensamientos suicidas|quitarte la vida|hacerte daño|pensieri suicidi|farti del male"
            r"|pensamentos suicidas|suizidgedanken|lebensmüde|dir etwas anzutun",
        ),
        (
            Category.PHONE,
            r"tel[eé]fono|t[eé]l[eé]phone|telefon|telefone|telefoon|телефон|电话|手机|電話|携帯"
            r"|전화|휴대폰|फ़ोन|फोन|मोबाइल|هاتف|جوال",
        ),
    )
)
_ALL_ASKS = ASKS + ASKS_INTL
# What a form's label or a "Q." line asks without a question: a person's beliefs, origin,
# sexuality, record ("Religion:", "Q. Sexual orientation (optional)").
_FIELD_ASKS = re.compile(
    r"sexual orientation|gender identity|religio|\bfaith\b|ethnic|criminal (?:record|conviction)"
    r"|orientaci[oó]n sexual|orientation sexuelle|sexuelle orientierung|orientamento sessuale"
    r"|orientação sexual|seksuele (?:geaardheid|oriëntatie)|orientacja seksualna"
    r"|сексуальн\w* ориентац|cinsel yönelim|konfession|confession|religi[oóã]|religie|religia"
    r"|религи|wyznanie|vierovyznání|宗教|종교|धर्म|antecedentes penales|casier judiciaire"
    r"|vorstrafen|führungszeugnis|precedenti penali|strafblad|karalno|судимост|sabıka",
    re.IGNORECASE,
)
# Requests written without a question mark or a "please" (Chinese "send it to me", Bengali
# familiar "tell"): a question cue, and a labelled line holding one may hold an answer below.
_BARE_REQUEST = r"发我|发给我|发一下|发过来|বল(?![\w\u0980-\u09ff])"
_QUESTION_CUE = re.compile(
    r"[?？¿؟]|\b(?:introduzca|ingrese|escriba|indique|entrez|saisissez|indiquez|geben sie"
    r"|eingeben|inserisca|digite|informe|voer|wpisz|podaj|введите|укажите|girin|yazın|ange"
    r"|ange ditt|necesito|dígame|facilíteme|proporcione|j'ai besoin|il me faut|donnez-moi"
    r"|communiquez|nennen sie|teilen sie (?:mir|uns)|ich brauche|bestätigen sie|mi serve"
    r"|ho bisogno|mi dica|mi indichi|fornisca|preciso|me (?:diga|informe|passe)|forneça|kunt u"
    r"|noem|geef|bevestig|proszę (?:podać|o)|potrzebuję|назовите|сообщите|подскажите|продиктуйте"
    r"|назвіть|вкажіть|введіть|скажіть|скажите|brauche ich|benötige ich|lütfen|söyler misiniz|behöver|uppge|uveďte|zadejte|sdělte"
    r"|potřebuji|palun|öelge|lūdzu|prašome|nurodykite|kertoisitko|voisitko|ilmoittaisitko|kerro|vui lòng|mohon|sebutkan|παρακαλώ)\b|请提供|請提供|请告诉|請告訴|请问|請問|提供一下|告诉我|教えて"
    r"|รบกวน|กรุณา|ขอทราบ|แจ้ง|لطفا|لطفاً|وارد کنید|বলুন|জানান|বলো|หรือยัง|หรือเปล่า|ไหม|มั้ย|เท่าไร|เท่าไหร่"
    rf"|{_BARE_REQUEST}|"
    r"\b(?:tuma|tafadhali|weka)\b"
    r"|是多少|是什么|多少来着|是啥|多少\b"
    r"|ください|お知らせ|알려|주세요|बताइए|बताएं|बताइये|दीजिए|يرجى|من فضلك|ما هو|ما هي|ما اسم"
    r"|入力|請輸入|请输入|입력|말씀해|दर्ज|أدخل|\b(?:please |kindly )?(?:type|enter|provide|reply with|send|tell me|confirm|share"
    r"|read(?: out| me| back)|spell|dictate|repeat|re-?enter"
    r"|say|give me|what(?:'s| is| was| are|s)|which|how much|roughly|have you|are you|do you|has anyone"
    r"|(?:i|we)(?:'ll| will)? need|(?:can|could|may) (?:i|we) (?:have|get))\b",
    re.IGNORECASE,
)
SCORE = 0.9
# A question put to the reader, for the in-window case.
_ADDRESSED = re.compile(
    r"\b(?:you|your|you're|yours|enter|type|provide|confirm|re-?enter|tell us|send us"
    # the reader in the other languages (formal and familiar)
    r"|tu|tus|usted|vous|votre|vos|ton|tes|sie|ihr|ihre|ihrer|ihren|ihnen|du|dein|deine"
    r"|lei|suo|sua|tuo|tua|você|seu|u|uw|jij|jouw|pan|pani|pana|twój|twoja|ty|вы|ваш|ваша"
    r"|ваши|вас|вам|ты|твой|siz|sizin|sen|senin|din|ditt|dina|ni|er|ert|σας|σου|εσείς|εσύ"
    r"|ваш|твій|твоя|bạn|anda|kamu|jūs|jūsu|jums|teie|te|olete)\b"
    # Turkish "you" as suffixes: "-ınız" (your), "... mı?" after a second-person verb
    r"|\b\w+(?:ınız|iniz|unuz|ünüz)\b|\b\w+n[ıiuü]z\s+m[ıiuü]\b|\bm[ıiuü]s[ıiuü]n[ıiuü]z\b"
    r"|您|你|あなた|당신|आप|तुम|أنت|لديك|عندك|คุณ",
    re.IGNORECASE,
)
# Chat-template markup and role labels around a turn's words.
_MARKUP = re.compile(r"<\|[^|<>]{0,40}\|>|</?s>|\[/?INST\]")
# Role words of the 15 languages: who answers, who asks.
_USER_WORDS = frozenset(
    """user customer client me human caller usuario usuaria cliente utilisateur utilisatrice
    benutzer nutzer kunde kundin utente gebruiker klant użytkownik klient пользователь клиент
    kullanıcı müşteri användare kund 用户 用戶 客户 ユーザー お客様 사용자 고객 उपयोगकर्ता ग्राहक
    المستخدم العميل uživatel zákazník користувач клієнт πελάτης χρήστης asiakas käyttäjä
    pengguna pelanggan משתמש לקוח patient paciente paziente patiënt pacjent пациент hasta 患者
    환자 मरीज المريض guest gast huésped ลูกค้า caller کاربر গ্রাহক mteja""".split()  # noqa: SIM905
)
_ASKER_WORDS = frozenset(
    """assistant bot agent ai system model operator support q question ivr asistente assistente
    assistent asystent ассистент оператор asistan temsilci 助手 客服 アシスタント オペレーター 상담원
    어시스턴트 सहायक المساعد agente operador opérateur operatore medewerker konsultant tech
    technician interviewer एजेंट الموظف موظف الوكيل employee staff rep representative clerk
    receptionist consultant advisor adviser berater beraterin conseiller conseillère asesor
    asesora consulente atendente adviseur doradca консультант danışman handläggare 坐席 担当者
    担当 상담사 직원 कर्मचारी बॉट بوت asistent асистент βοηθός avustaja asisten עוזר doctor nurse
    pharmacist médico arzt mitarbeiter mitarbeiterin sachbearbeiter sachbearbeiterin
    kundenberater kundenberaterin kundenservice atendimento оператор операторка менеджер
    petugas gpt chatgpt chatbot llm counselor counsellor therapist psychologist dentist
    officer lawyer teacher лікар лікарка лекар врач медсестра เจ้าหน้าที่ พนักงาน
    γιατρός υπάλληλος ربات پشتیبان এজেন্ট 상담봇 챗봇""".split()  # noqa: SIM905
) | {"nhân viên"}
_USER_ROLES = "|".join(sorted(_USER_WORDS, key=len, reverse=True))
_ROLE_WORDS = _USER_WORDS | _ASKER_WORDS | {"system"}
# Who answers, on an answer line: a user role, an answer word, or a quote mark ">".
_ANSWER_WORDS = (
    _USER_WORDS
    | frozenset(
        """a r answer reply response respuesta réponse antwort risposta resposta antwoord odpowiedź
    ответ cevap svar 回答 答 답변 > i yo je moi ich io eu ik ja я ben jag 我 私 나 저 मैं أنا
    candidate candidato candidata candidat kandidat kandydat applicant solicitante patientin
    pacjentka пациентка you respondent bewerber bewerberin пацієнт пацієнтка mimi""".split()  # noqa: SIM905
    )
    | {"my reply", "my answer", "khách hàng"}
)
# What a chat export puts before a speaker's name: "[09:15]", "12/03/2026, 21:14 - ", "[群聊]".
# When a message was sent, as exports write it: "[09:15]", "12/03/2026, 21:14", "10:42 AM".
_SENT_AT = (
    r"\[?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,،]?[^\S\n]+|\d{1,2}\.?[^\S\n][^\W\d]{3,9}\.?,?[^\S\n]+)?"
    r"(?:(?:上午|下午|午前|午後|오전|오후)[^\S\n]*)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[^\S\n]*(?:[AaPp]\.?[^\S\n]?[Mm]\.?|[صم](?!\w)))?\]?"
)
_EXPORT_PREFIX = rf"{_SENT_AT}[^\S\n]*(?:[-—–][^\S\n]+)?|\[[^\]\n]{{1,12}}\][^\S\n]*"
# A label: one to three words, then ":", "：", ">" or "-" (or a lone ">").
_LABEL_HEAD = re.compile(
    rf"\s*(?:{_EXPORT_PREFIX})?"
    r"(?:([^\W\d_][\w\u0900-\u0eff .]{0,22}?(?:, [^\W\d_]\w{0,14})?)(?:\s*\([^()\n]{1,30}\))?"
    r"(?:[^\S\n]+\d{1,2}:\d{2}(?::\d{2})?)?\s*[:：>-](?!//)|>)\s*",
    re.IGNORECASE,
)
# Some line may be an answer: one after a line ending in "?" or ":" (markup may follow), a
# labelled user line, or a role line. One scan in C; the per-line loop runs only after a hit.
_MAY_HOLD_AN_ANSWER = re.compile(
    r"[?:？：。؟][\"'”’»)]?[^\S\n]*+(?:<\|[^|<>\n]{0,40}\|>[^\S\n]*+)*\n"
    # possessive blank runs: a line of 100k blanks is read once, not once per split
    rf"|^[^\S\n]*+(?:{_EXPORT_PREFIX})?(?:(?:{_USER_ROLES}|a|answer|reply|response|you|respondent"
    r"|i|ich|yo|je|eu|ik|ja|я|我|私|나|저)[^\S\n]*(?:\([^()\n]{1,30}\)[^\S\n]*)?[:：>-]|>)"
    rf"|^[^\S\n]*+(?:<\|[^|<>\n]{{0,40}}\|>[^\S\n]*+)?(?:{_USER_ROLES})[^\S\n]*+[:：]?[^\S\n]*+$"
    # a speaker's question anywhere in a labelled line ("[21:14] Sanne: wat was de code? ...")
    rf"|^[^\S\n]*+(?:{_EXPORT_PREFIX})?[^\W\d_][\w\u0900-\u0eff .]{{0,22}}[:：][^\n]*(?:[?？؟]|{_BARE_REQUEST}"
    r"|(?:ไหม|มั้ย|ยังไง|อะไร|เท่าไร|เท่าไหร่|หรือยัง|หรือเปล่า|か|吗|嗎)[\u0e00-\u0e7f]{0,6}"
    r"[^\S\n]*(?:ครับ|คะ|ค่ะ)?[。．]?[^\S\n]*$)",
    re.IGNORECASE | re.MULTILINE,
)
# A question that asks how or why, not for the reader's value ("Q: What should you do if you
# forget your PIN?"): FAQ pages and help texts.
_NOT_A_REQUEST = re.compile(
    r"\b(?:what should|what (?:do|can) (?:i|you|we) do|how (?:do|can|should|to|does|is)|why"
    r"|what happens|what if|where (?:can|do) (?:i|you) (?:find|get|see|change|reset)"
    r"|for example|for instance|e\.g\.|example|c[oó]mo (?:puedo|hago)|comment (?:puis|faire)"
    r"|wie (?:kann|mache|ändere|setze)|come (?:posso|faccio)|como (?:posso|faço)"
    r"|hoe (?:kan|moet)|jak (?:mogę|zmienić|zresetować)|как (?:мне|изменить|сбросить|восстановить)"
    r"|nasıl)\b|どうすれば|どうしたら|どうやって|怎么办"
    r"|error|erreur|fehler|errore|\berro\b|ошибк|エラー|错误|hata|\bfout|błąd|chyb[ay]|promo"
    r"|rabatt|sconto|descuento|réduction|desconto|korting|rabat|скидк|خصم|indirim|割引|할인|优惠"
    r"|esempio|ejemplo|exemple|beispiel|exemplo|voorbeeld|przykład|пример|örnek",
    re.IGNORECASE,
)
# An answer line that is a command, a list item, a note, a template slot or a time stamp, not a
# value.
_NOT_A_VALUE = re.compile(
    # code ("`make test`"), but not a value in backticks alone ("`Wint3r!Migr8-2021`")
    r"^(?:[-*•#\[{]|`(?![^`\s]{1,64}`$)|\$(?![\d.,])|sudo\s|\{\{|\(.*\)$|<[^<>]{1,40}>$|(?:i'?m not sure|i don'?t|i do not"
    r"|let'?s|use the one|no thanks|not sure|i'?d rather not|skip|n/?a|never|not applicable"
    r"|i am an ai|i'?m an ai|as an ai|i cannot|i can'?t|i won'?t)\b)"  # a model's refusal
    r"|\{\{|\}\}|:$"
    # a form's options, not a choice ("Yes / No (tick one)")
    r"|^(?:yes|no)[ \t]*/[ \t]*(?:yes|no)\b"
    # a chat export's time alone on its line, under the message it stamps
    r"|^\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?$",
    re.IGNORECASE,
)
# An answer that opens with yes or no, in any of the languages: no code, number or name (but
# "yes, 14 weeks" to "are you pregnant?" is the private fact: not for health and money).
_YES_OR_NO = re.compile(
    r"^(?:(?:yes|no|yeah|yep|nope|sure|s[iíì]|non|oui|ja|nein|nee|да|нет|tak|nie|ano|ne|sim|não"
    r"|evet|hayır|ahora mismo no)\b|نعم|لا|はい|いいえ|네|아니|是的|好的|好|不|हाँ|हां|नहीं)",
    re.IGNORECASE,
)
# In an answer to a request for a credential, these words make it interface text or a remark
# ("Show password", "Resend code", "Yes, under Settings"), not the value.
_NOT_A_CREDENTIAL = re.compile(
    r"\b(?:pass(?:word|phrase|code)s?|codes?|pin|show|resend|remember|forgot|settings?|thanks"
    r"|thank you|ok|okay|done|reset|link)\b|^(?:yes|no)\b",
    re.IGNORECASE,
)
_A_NUMBER = re.compile(r"\d(?:[ .-]?\d){2,}")
_ANY_DIGIT = re.compile(r"\d")
_ANSWER_ROLES = frozenset({"user", "human", "customer", "client", "me"})
# A speaker's name alone on its line, in capitals, as a script sets it: "CLERK", "MARIA".
_SPEAKER_ALONE = re.compile(r"^(?=[^\W\d_]{2})(?:[^\W\d_]+[ .'-]?){1,3}$")
# A form's field label alone on its line: a few words and a colon ("Mother's maiden name:").
_FIELD_LABEL = re.compile(r"^[^\S\n]*[^\W\d_][^\n:：?]{0,48}[:：][^\S\n]*$")
_SENTENCE_END = re.compile(r"[.!?？。](?=\s|$)")


# A chat message written as data: a JSON object or Python dict with its role first ({"role":
# "user", "content": "..."}, ShareGPT's {"from": "human", "value": "..."}), on one line or many.
_MESSAGE_OBJECT = re.compile(
    r"""\{\s*(["'])(?:role|from|speaker|author|sender|autor|auteur|rol|rôle|rolle|ruolo|papel"""
    r"""|remitente|emisor)\1\s*:\s*(["'])([\w .-]{1,24})\2\s*,"""
    r"""\s*(["'])(?:content|value|text|message|texto|contenido|contenu|conteúdo|conteudo|mensaje"""
    r"""|mensagem|testo|inhalt|tekst)\4\s*:\s*(["'])((?:(?!\5)[^\\\n]|\\.){0,2000})\5"""
    r"""\s*\}"""
)
# A speaker label in markdown: "**User:** ...", "**Agent**: ...", "*Bot:* ...", "### Customer".
_MARKDOWN_LABEL = re.compile(
    r"^([^\S\n]*(?:>[^\S\n]*)?)(#{1,6}[^\S\n]*|\*{1,2}|_{2})([^\W\d_][^*_:：\n]{0,22})"
    r"(\*{1,2}|_{2})?([^\S\n]*[:：])?(\*{1,2}|_{2})?(?=[^\S\n]|$)",
    re.MULTILINE,
)

# A transcript as a two-column markdown table: "| Advisor | Have you ever ...? |".
_TABLE_TURN = re.compile(
    r"^([^\S\n]*\|(?:[^\S\n]*\d{1,4}[^\S\n]*\|)?)[^\S\n]*[^\W\d_][^|\n]{0,22}?[^\S\n]*(\|)[^|\n]*(\|)"
    r"[^\S\n]*$",
    re.MULTILINE,
)
# A form or survey as a two-column table: "| Are you currently pregnant? | Yes, 11 weeks |".
_QA_ROW = re.compile(
    r"^([^\S\n]*\|)[^|\n]{1,200}[?？؟][^\S\n]*(\|)[^|\n]{1,160}(\|)[^\S\n]*$", re.MULTILINE
)

# A questionnaire written as data: {"q": "Have you been pregnant ...?", "a": "yes - ..."}, the
# question's key first. It reads as a "q:" line and an "a:" line when its question is put to
# the one answering ("you"): quizzes and reference sets ({"question": "What is a normal blood
# pressure?", "answer": "Below 120/80"}) ask about the world.
_QA_OBJECT = re.compile(
    r"""\{\s*(["'])(?:q|question|pregunta|pergunta|frage|domanda|vraag|pytanie)\1\s*:\s*(["'])"""
    r"""((?:(?!\2)[^\\\n]|\\.){1,400})\2\s*,\s*(["'])(?:a|answer|respuesta|resposta|antwort"""
    r"""|risposta|antwoord|odpowied[zź])\4\s*:\s*(["'])((?:(?!\5)[^\\\n]|\\.){0,400})\5\s*\}""",
    re.IGNORECASE,
)
# Cheap test for one, in one pass (no lowercased copy of the text).
_QA_KEY = re.compile(
    r""""(?:q|question|pregunta|pergunta|frage)"|'(?:q|question)'""", re.IGNORECASE
)
# Cheap test that a text may hold a message object at all.
_MESSAGE_KEYS = (
    '"role"', "'role'", '"from"', "'from'", '"speaker"', '"author"', '"sender"', '"autor"',
    '"auteur"', '"rol"', '"rôle"', '"rolle"', '"ruolo"', '"papel"', '"remitente"', '"emisor"',
)  # fmt: skip

# A message as a markup element naming its speaker in an attribute: '<div class="msg bot">',
# '<turn speaker="agent">', '<message role="user">'; its text runs to the element's end tag.
_ELEMENT_TURN = re.compile(
    r"<(\w+)[^<>\n]*?\b(?:class|speaker|role|from|author|sender|who|data-role|data-speaker"
    r"|locuteur|sprecher|hablante|orador|rol|rolle|ruolo|papel|autor|auteur)"
    r"""\s*=\s*["']([^"'<>\n]{1,40})["'][^<>\n]*>"""
)
_END_TAG = re.compile(r"</\w+\s*>")
# A forum post quoting the message it answers: '[quote="mike_t2d"]what was your A1C?[/quote]'
# then the reply. The quote is the other speaker's turn and the reply the writer's.
_FORUM_QUOTE = re.compile(
    r"""(\[quote(?:=["']?([^\W\d][\w .-]{0,30}?)["']?(?:;[^\]\n]{0,40})?)?\])"""
    r"[^\[\]]{1,400}?(\[/quote\]\s*)(?=\S)",
    re.IGNORECASE,
)
# A chat export's header line: a name, then the time it was sent, the message on the next line
# (Slack "Priya Shah  10:42 AM", Telegram "Lesha, [14.01.2025 22:31]", Teams "Ann Lee 09:14"),
# the name in markdown bold when pasted from a rendered thread ("**Priya Shah** 10:42 AM").
# A speaker's name in a header line: up to three words, "Surname, Given" too.
_HEADER_NAME = r"[^\W\d][^\W\d]*(?:,?[ .'-][^\W\d]+){0,2}\.?"
_HEADER_LINE = re.compile(
    rf"^[^\S\n]*(\*\*|__)?{_HEADER_NAME}(\*\*|__)?(,?[^\S\n]+{_SENT_AT}[^\S\n]*)\n"
    r"(?=[^\S\n]*\S)",
    re.MULTILINE,
)
# Messenger's copied thread: the name on its line, the message on the next, the time alone on
# the line after ("Camille Dubois" / "c'est quoi le code ?" / "14:02"); read where it repeats.
_NAME_MESSAGE_TIME = re.compile(
    rf"^[^\S\n]*{_HEADER_NAME}[^\S\n]*(\n)[^\S\n]*\S[^\n]*\n"
    r"([^\S\n]*\d{1,2}:\d{2}(?:[^\S\n]?[AaPp]\.?[Mm]\.?)?[^\S\n]*)$",
    re.MULTILINE,
)
# The same with the time first: "[10:02] Keller, Jonas", the message on the next line.
_HEADER_TIME_FIRST = re.compile(
    rf"^[^\S\n]*(\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?\][^\S\n]*){_HEADER_NAME}[^\S\n]*(\n)(?=[^\S\n]*\S)",
    re.MULTILINE,
)
# KakaoTalk's export: "[지민] [오후 11:02] message": the name in brackets, then the time.
_BRACKETED_SPEAKER = re.compile(
    r"^[^\S\n]*(\[)[^\[\]\n]{1,20}(\][^\S\n]*\[(?:오전|오후|午前|午後|上午|下午|AM|PM)?[^\S\n]*"
    r"\d{1,2}:\d{2}\])",
    re.MULTILINE,
)
# A call's transcript on one line: "[IVR] Please say your account number. [Caller] six one
# ...": each bracketed role opens a line of its own when two different roles take turns.
_BRACKETED_ROLE = re.compile(r"(\[)([^\W\d_]{1,20})(\])")
# A voice assistant's or a call's transcript with the role in capitals and no colon
# ("ASSISTANT what is your security phrase" over "USER its pineapple sunrise"): the blank after
# the role becomes the label's colon when two different roles open lines.
_CAPITAL_ROLE = re.compile(
    r"^[^\S\n]*([A-Z]{2,12})([^\S\n])(?=[^\s:：>-])(?![A-Z]{2,}\b)", re.MULTILINE
)
# A role's label after a list marker ("- bot: Please confirm your account PIN" over "- user: 0 4
# 8 8"): the marker becomes a blank when two different roles take turns.
_LISTED_ROLE = re.compile(
    r"^[^\S\n]*([-*•–]|\d{1,3}[.)])[^\S\n]+([^\W\d_]{1,20})[^\S\n]*[:：]", re.MULTILINE
)
# Documentation's sample dialogue above a list of turns ("Example conversation for the PIN reset
# flow:", "Botium convo file example:"): its values are placeholders.
_SAMPLE_DIALOGUE = re.compile(
    r"\b(?:example|sample|for instance|e\.g\.|docs?|documentation|tutorial|demo|template)\b",
    re.IGNORECASE,
)
SAMPLE_DIALOGUE_REACH = 200
# A security question and its answer on one line after an arrow ("What city were you born in? →
# Gdańsk"): the arrow becomes a line break, so the answer is the next line. Only questions of
# identity (born, maiden name, first pet, school, ...): a troubleshooting flow's "Are you on
# battery power? → Plug in the charger" and a form's mapping "date of birth? → dob" are not.
_ARROW_ANSWER = re.compile(r"[?？][^\S\n]*(→|->|=>|⇒)[^\S\n]*(?=[^\W_])(?![a-z]+_)")
# A form's question with its ticked answer on the same line ("Have you ever been convicted of
# a felony? ☑ Yes — 2014, possession"): the tick becomes a line break, as for the arrow, for any
# question (what it asks decides, as on two lines).
_TICKED_ANSWER = re.compile(
    r"[?？][^\S\n]*(☑|☒|✔|✓|\[[xX]\])[^\S\n]*(?=[^\W_])(?![^\n]*\d[ \t]*%)"  # not a poll's share
)
_IDENTITY_QUESTION = re.compile(
    r"\b(?:born|maiden|pet|school|mascot|street|grew up|childhood|first (?:car|job|concert)"
    r"|teacher|best friend|nickname|favou?rite)\b",
    re.IGNORECASE,
)
# Cheap test for a header line: a time at a line's end.
_HEADER_HINT = re.compile(r"\d:\d\d(?::\d\d)?(?:[^\S\n]*[AaPp]\.?[Mm]\.?)?\]?[^\S\n]*\n")
# LINE's export: "18:22<TAB>name<TAB>message".
_TAB_EXPORT = re.compile(r"^[^\S\n]*\d{1,2}:\d{2}\t[^\t\n]{1,24}(\t)", re.MULTILINE)
# What is not a turn's words: a subtitle cue's number and timing, a stage direction "(...)"
# alone on its line, a form's blank "______" after its label.
_SUBTITLE_CUE = re.compile(
    r"^[^\S\n]*(?:\d{1,6}[^\S\n]*\n[^\S\n]*)?(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{1,3}[^\S\n]+-->[^\n]*$",
    re.MULTILINE,
)
_LINE = re.compile(r"[^\n]+")
_DIRECTION = re.compile(r"^[^\S\n]*\([^()\n]{1,80}\)[^\S\n]*$", re.MULTILINE)
_FORM_BLANK = re.compile(r"[:：][^\S\n]*(?:_{3,}|\.{4,}|…{2,})[^\S\n]*$", re.MULTILINE)
# A transcript as CSV rows: "2,user,\"Mr. Pickles\"" (a turn number, the speaker, the words).
_CSV_TURN = re.compile(
    r"^([^\S\n]*\d{1,4}[,;\t])[^\S\n]*\"?([^\W\d_][\w]{0,20})\"?[^\S\n]*([,;\t])", re.MULTILINE
)
# Interview notes' one-letter labels with a full stop: "Q. ..." and "A. ..." ("F." and "A." in
# German); read as labels only where two different letters open lines.
_DOTTED_LABEL = re.compile(r"^[^\S\n]*([QAFRPI])(\.)[^\S\n]", re.MULTILINE)
# A form as an HTML table, one row a line: "<tr><td>Religion</td><td>Ahmadiyya Muslim</td></tr>"
# reads "Religion: Ahmadiyya Muslim".
_HTML_FIELD_ROW = re.compile(
    r"^[^\S\n]*<tr\b[^<>\n]*>[^\S\n]*<t[dh]\b[^<>\n]*>[^<>\n]{1,80}(</t[dh]>)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>\n]{1,80}>")
# A transcript as YAML: "- speaker: agent" then "  text: ..." reads "agent: ...".
_YAML_TURN = re.compile(
    r"^([^\S\n]*-[^\S\n]+(?:speaker|role|from|who|author|sender|name|sprecher|hablante|rol)"
    r"[^\S\n]*:[^\S\n]*)[^\n]{1,40}?(\n[^\S\n]*(?:text|content|message|says|utterance|value"
    r"|tekst|texto|texte|testo)[^\S\n]*:[^\S\n]*)",
    re.MULTILINE | re.IGNORECASE,
)
# Greek's question mark is the semicolon (and U+037E, which NFKC makes one).
_GREEK_QUESTION = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff][;\u037e](?=\s|$)")


def _taking_turns(
    pattern: re.Pattern[str], group: int, text: str, lo: int, hi: int
) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text[lo:hi]`` whose ``group`` is a role word, when two
    different roles take turns (none otherwise)."""
    roles = [m for m in pattern.finditer(text, lo, hi) if m.group(group).lower() in _ROLE_WORDS]
    return roles if len({m.group(group).lower() for m in roles}) > 1 else []


def dialogue_view(text: str, lo: int = 0, hi: int | None = None) -> str:
    """``text`` with chat messages written as data or markdown put as plain labelled lines
    ("user: 482913"), every character where it was: offsets into the view are offsets into
    ``text``. A message object becomes a line of its own (its opening brace turns into a line
    break) holding the role, a colon and the content; markdown emphasis around a speaker label
    becomes spaces, and so do the pipes of a two-column table row but the one after its first
    cell, which becomes the label's colon. A markup element naming its speaker
    (``<div class="msg bot">``) gets a line break and "bot:" written over its opening tag, its
    end tag blanked; a chat export's "name, time" header line loses the time and its line break
    becomes the label's colon, and so does a Messenger name line (the time under the message
    goes); a forum post's "[quote=name]...[/quote]" becomes "name:" and "me:" lines; LINE's
    tab before the message becomes one; subtitle cues'
    numbers and timings, stage directions and form blanks become spaces; Greek's ";" question
    mark becomes "?". Only what starts in ``text[lo:hi]`` is rewritten."""
    hi = len(text) if hi is None else hi
    blanks: list[tuple[int, int]] = []  # ranges to turn into spaces
    marks: list[tuple[int, str]] = []  # characters to set, from an offset on
    if "<" in text and "=" in text:
        for m in _ELEMENT_TURN.finditer(text, lo, hi):
            words = re.findall(r"[^\W\d_]+", m.group(2))
            line_end = text.find("\n", m.end())
            closing = _END_TAG.search(text, m.end(), len(text) if line_end == -1 else line_end)
            if not words or closing is None:
                continue
            speaker = next((w for w in reversed(words) if w.lower() in _ROLE_WORDS), words[-1])
            blanks += [m.span(), closing.span()]
            marks.append((m.start(), "\n" + speaker + ":"))  # fits: the tag holds the word
    if "[/" in text:
        for m in _FORUM_QUOTE.finditer(text, lo, hi):
            blanks += [m.span(1), m.span(3)]
            marks += [(m.start(1), "\n" + (m.group(2) or "they") + ":"), (m.start(3), "\nme:")]
    if ":" in text and _HEADER_HINT.search(text, lo, hi):
        for m in _HEADER_LINE.finditer(text, lo, hi):  # "**Raj Patel** 10:14 AM" too
            blanks += [m.span(g) for g in (1, 2, 3) if m.group(g)]
            marks.append((m.end() - 1, ":"))
        threads = list(_NAME_MESSAGE_TIME.finditer(text, lo, hi))
        if len(threads) > 1:
            for m in threads:
                blanks.append(m.span(2))
                marks.append((m.start(1), ":"))
    if "[" in text and ":" in text:
        for m in _HEADER_TIME_FIRST.finditer(text, lo, hi):
            blanks.append(m.span(1))
            marks.append((m.start(2), ":"))
        for m in _BRACKETED_SPEAKER.finditer(text, lo, hi):
            blanks += [m.span(1), m.span(2)]
            marks.append((m.start(2), ":"))
    if "[" in text:
        for m in _taking_turns(_BRACKETED_ROLE, 2, text, lo, hi):
            marks += [(m.start(1), "\n"), (m.start(3), ":")]
    if "\n" in text:
        marks += [(m.start(2), ":") for m in _taking_turns(_CAPITAL_ROLE, 1, text, lo, hi)]
    if "- " in text or "* " in text or "• " in text or "– " in text or ". " in text:
        listed = _taking_turns(_LISTED_ROLE, 2, text, lo, hi)
        if listed and not _SAMPLE_DIALOGUE.search(
            text, max(0, listed[0].start() - SAMPLE_DIALOGUE_REACH), listed[0].start()
        ):
            blanks += [m.span(1) for m in listed]
    if "☑" in text or "☒" in text or "✔" in text or "✓" in text or "[x]" in text.lower():
        for m in _TICKED_ANSWER.finditer(text, lo, hi):
            marks.append((m.start(1), "\n" + " " * (len(m.group(1)) - 1)))
    if "→" in text or "->" in text or "=>" in text or "⇒" in text:
        for m in _ARROW_ANSWER.finditer(text, lo, hi):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _IDENTITY_QUESTION.search(text, line_start, m.start()):
                marks.append((m.start(1), "\n" + " " * (len(m.group(1)) - 1)))
    if "\t" in text:
        for m in _TAB_EXPORT.finditer(text, lo, hi):
            marks.append((m.start(1), ":"))
    if "," in text or ";" in text or "\t" in text:
        for m in _CSV_TURN.finditer(text, lo, hi):
            if m.group(2).lower() in _ROLE_WORDS:
                blanks.append(m.span(1))
                marks.append((m.start(3), ":"))
    if "-->" in text:
        for m in _SUBTITLE_CUE.finditer(text, lo, hi):  # line by line: the breaks stay
            blanks += [
                (a.start() + m.start(), a.end() + m.start()) for a in _LINE.finditer(m.group())
            ]
    if "(" in text:
        blanks += [m.span() for m in _DIRECTION.finditer(text, lo, hi)]
    if "__" in text or "..." in text or "……" in text:
        blanks += [(m.start() + 1, m.end()) for m in _FORM_BLANK.finditer(text, lo, hi)]
    if not text.isascii() and (";" in text or "\u037e" in text):
        marks += [(m.end() - 1, "?") for m in _GREEK_QUESTION.finditer(text, lo, hi)]
    if ". " in text:
        dotted = list(_DOTTED_LABEL.finditer(text, lo, hi))
        if len({m.group(1) for m in dotted}) > 1:
            marks += [(m.start(2), ":") for m in dotted]
    if "<t" in text or "<T" in text:
        for m in _HTML_FIELD_ROW.finditer(text, lo, hi):
            blanks += [
                (t.start() + m.start(), t.end() + m.start()) for t in _TAG.finditer(m.group())
            ]
            marks.append((m.start(1), ":"))
    if "- " in text:
        for m in _YAML_TURN.finditer(text, lo, hi):
            blanks += [m.span(1), m.span(2)]
            marks.append((m.start(2), ":"))
    if "{" in text and any(k in text for k in _MESSAGE_KEYS):
        for m in _MESSAGE_OBJECT.finditer(text, lo, hi):
            end = m.end() + 1 if text.startswith(",", m.end()) else m.end()  # and its comma
            blanks += [(m.start(), m.start(3)), (m.end(3), m.start(6)), (m.end(6), end)]
            marks += [(m.start(), "\n"), (m.end(3), ":")]  # ":" on the role's closing quote
    if "{" in text and _QA_KEY.search(text, lo, hi):
        for m in _QA_OBJECT.finditer(text, lo, hi):
            if not _addressed(m.group(3)):
                continue  # a quiz's or a reference's question, not one put to the answerer
            end = m.end() + 1 if text.startswith(",", m.end()) else m.end()
            blanks += [(m.start(), m.start(3)), (m.end(3), m.start(6)), (m.end(6), end)]
            marks += [(m.start(), "\nq:"), (m.end(3), "\na:")]  # each gap holds 6 or more
    if "|" in text:
        for m in _TABLE_TURN.finditer(text, lo, hi):
            blanks += [(text.index("|", m.start(1)), m.end(1)), m.span(3)]
            marks.append((m.start(2), ":"))
        for m in _QA_ROW.finditer(text, lo, hi):  # the question and its answer on two lines
            blanks += [(m.end(1) - 1, m.end(1)), m.span(3)]
            marks.append((m.start(2), "\n"))
    if "*" in text or "#" in text or "__" in text:
        for m in _MARKDOWN_LABEL.finditer(text, lo, hi):
            if m.group(5) is None:
                line_end = text.find("\n", m.end(3))
                rest = text[m.end(3) : len(text) if line_end == -1 else line_end]
                word = m.group(3).strip().lower()
                if not m.group(2).startswith("#") or word not in _ROLE_WORDS or rest.strip():
                    continue  # only a heading that is a role word alone labels the next line
            blanks += [m.span(g) for g in (2, 4, 6) if m.group(g)]
    if not blanks and not marks:
        return text
    out = list(text)
    for begin, end in blanks:
        out[begin:end] = " " * (end - begin)
    for at, chars in marks:
        out[at : at + len(chars)] = chars
    return "".join(out)


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text if m is None else text[: m.end()]


def _last_turn(text: str, start: int) -> str:
    """The context just before ``start``: its last non-empty lines, at most QUESTION_CHARS."""
    head = text[max(0, start - QUESTION_CHARS) : start].rstrip()
    return head[-QUESTION_CHARS:]


# "Please choose a 4-digit PIN": choosing asks for a secret only when it is a credential ("pick
# the correct date of birth of Abraham Lincoln" is a quiz, "pick your email client" a setting).
_CHOOSE_CUE = re.compile(r"\b(?:choose|pick)\b", re.IGNORECASE)
_DEVICE_DEFAULT = re.compile(r"\b(?:default|factory|installer)\b", re.IGNORECASE)
_CREDENTIAL_ASK = next(pattern for category, pattern in ASKS if category is Category.CREDENTIAL)


def asked_for(question: str, field: bool = False) -> Category | None:
    """What ``question`` asks the user to type, or None when it asks for nothing private.
    ``field``: the question is a form's label alone on its line, which asks without a cue."""
    if not question:
        return None
    if not (field or _QUESTION_CUE.search(question)):
        if _CHOOSE_CUE.search(question) and _CREDENTIAL_ASK.search(question):
            return Category.CREDENTIAL
        return None
    for category, pattern in _ALL_ASKS:
        if pattern.search(question):
            if category is Category.CREDENTIAL and _DEVICE_DEFAULT.search(question):
                return None  # a manual's "default master code": the same on every unit
            return category
    if field and _FIELD_ASKS.search(question):
        return Category.PERSONAL
    return None


def is_short_answer(answer: str) -> bool:
    stripped = answer.strip()
    return 0 < len(stripped) <= ANSWER_MAX_CHARS and len(stripped.split()) <= ANSWER_MAX_WORDS


class TurnContextRecognizer(Recognizer):
    """Tier 1: a short answer to a question that asks for something private."""

    tier = 1
    name = "turn_context"
    categories = frozenset(category for category, _ in ASKS)

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [self.scan(w) for w in windows]

    def scan(self, window: TextWindow) -> list[Span]:
        return self._at_window_start(window) + self._inside(window)

    def _at_window_start(self, window: TextWindow) -> list[Span]:
        if window.start == 0:
            return []
        answer = window.text[window.start : window.end]
        if not is_short_answer(answer):
            return []
        category = asked_for(_last_turn(window.text, window.start))
        if category is None:
            return []
        lead = len(answer) - len(answer.lstrip())
        begin = window.start + lead
        end = window.start + len(answer.rstrip())
        return [Span(begin, end, category, 1, SCORE, self.name)]

    def _inside(self, window: TextWindow) -> list[Span]:
        """Answers on a line of the window whose previous turn (line) asks for something
        private and is addressed to the reader."""
        text = dialogue_view(window.text, max(0, window.start - QUESTION_CHARS), window.end)
        if "\n" not in text[window.start : window.end]:
            return []
        if text is window.text and not _MAY_HOLD_AN_ANSWER.search(
            text, max(0, window.start - QUESTION_CHARS), window.end
        ):
            return []  # nothing rewritten into the view, no labelled line, role line or line
            # after "?" / ":": most documents
        spans = []
        previous = role = asker = ""
        pos = max(0, window.start - QUESTION_CHARS)
        pos = text.find("\n", pos) + 1 if pos else 0
        while pos < window.end:
            newline = text.find("\n", pos, window.end)
            line_end = window.end if newline == -1 else newline
            line = text[pos:line_end]
            if len(line) > _LONGEST_TURN_LINE and not _LEADS_WITH_AN_ANSWER.match(line):
                # prose: neither an answer nor a role line
                previous, role = line, ""
                pos = line_end + 1
                continue
            if "<" in line or "[" in line:
                line = _MARKUP.sub(lambda m: " " * len(m.group()), line)
            stripped = line.strip()
            if stripped and len(stripped) <= 20 and stripped.rstrip(":：").lower() in _ROLE_WORDS:
                role = stripped.rstrip(":：").lower()  # "<|im_start|>user" labels the next turn
            elif stripped and stripped.isupper() and _SPEAKER_ALONE.match(stripped):
                role = stripped.lower()  # a script's "CLERK" above the clerk's words
            elif stripped:
                if line_end > window.start:
                    span = self._answer(line, pos, previous, role, asker)
                    if span is not None and span.end > window.start:
                        spans.append(span)
                previous, asker, role = line, role, ""
            pos = line_end + 1
        return spans

    def _answer(
        self, line: str, offset: int, question: str, role: str, question_role: str = ""
    ) -> Span | None:
        """The answer on ``line`` to ``question`` (the turn before), if it asks for something
        private: a labelled user turn ("User: ...", "A: ...", "> ..."), or an unlabelled short
        line right after a line that ends in a question mark or a colon. ``role`` and
        ``question_role`` name the speakers a line alone above each put there."""
        if role in _ASKER_WORDS:
            return None
        word, label_end = _label(line)
        if not word and role and role not in _ROLE_WORDS:
            word = role  # a speaker's name on the line above
        if word in _ASKER_WORDS:
            return _value_given_back(line, offset, question, label_end)
        asker = _label(question)[0] or question_role
        # Two speakers named in turn ("Vermieter: ...?" then "Ich: ..."; "[09:14] IT Support:"
        # then "[09:15] jmarsh:"): the second answers the first. So do two lines that open
        # with a dialogue dash ("— so what's your salary?" then "— €4,850 a month, ...").
        dash = None if word else _DIALOGUE_DASH.match(line)
        if dash is not None and _dash_dialogue(line, dash.end(), question):
            label_end = dash.end()
        elif not word and (hyphen := _hyphen_reply(line, question)) is not None:
            dash, label_end = hyphen, hyphen.end()
        else:
            dash = None
        reply = (bool(word) and bool(asker) and word != asker and asker != ">") or bool(dash)
        if asker == "q" and word not in _ANSWER_WORDS:
            reply = False  # a questionnaire's "Why we ask:" or "Note:" under its question
        spoken = word in _ANSWER_WORDS or reply
        labelled = spoken or role in _ANSWER_ROLES or role in _USER_WORDS
        begin = label_end if spoken else len(line) - len(line.lstrip())
        answer = line[begin:].rstrip()
        if labelled and not is_short_answer(answer):
            first = _first_sentence(answer)  # a value, then more ("9.4. Doc wants me ...")
            if len(first.split()) <= LEAD_ANSWER_MAX_WORDS and _ANY_DIGIT.search(first):
                answer = first
        if not is_short_answer(answer) or _first_sentence(answer).endswith("?"):
            return None  # a question back, not an answer ("Zitronenfalter. Oder mit Z?" is one)
        asked_by_a_speaker = asker in _ASKER_WORDS or reply
        # A clinician asks, a patient replies ("ডাক্তার:" then "রোগী:", "หมอ:" then "คนไข้:"):
        # the question is put to the patient however the language marks "you" (a suffix, or
        # not at all), and what a patient answers is about their health. Other named pairs
        # ("Teacher:"/"Student:", "Commesso:"/"Cliente:") ask about the world or an order.
        clinical = reply and (word in _PATIENT_WORDS or asker in _CLINICIAN_WORDS)
        if not labelled and (
            not question.rstrip().endswith(("?", ":", "？", "：", "。", "؟"))
            or len(answer.split()) > UNLABELLED_MAX_WORDS
        ):
            return None
        if _NOT_A_VALUE.search(answer) or _NOT_A_REQUEST.search(question):
            return None
        # A form's label alone on the line above an unlabelled value ("Mother's maiden name:")
        field = (
            not labelled
            and not any(c in line[:label_end] for c in ":：>")  # "valid: ..." has a label
            and len(question.split()) <= 6
            and _FIELD_LABEL.match(question) is not None
        ) or asker in _QUESTION_LABELS  # "Q. Sexual orientation" asks without a cue
        category = asked_for(question[-QUESTION_CHARS:], field)
        asked_by_a_speaker = asked_by_a_speaker or field
        if category is None and _about_the_reader(question, answer, clinical):
            category = Category.PERSONAL  # "Where do you get your insulin?" / "Boots, Leith Walk"
        if labelled and _asked(question, category) and _private_matter_said(answer):
            category = category or Category.PERSONAL  # "Eu: sim, duas vezes por dependência"
        elif category is None or not _answers(question, answer, category, asked_by_a_speaker):
            return None
        return Span(offset + begin, offset + begin + len(answer), category, 1, SCORE, self.name)


# Questions about what the reader wants or prefers, and an assistant's offers of help, which
# few-shot examples in prompts ask.
_A_PREFERENCE = re.compile(
    r"\b(?:would you (?:like|prefer|want)|do you (?:want|prefer|mean)|shall (?:i|we)"
    r"|(?:can|may|could) (?:i|we) (?:help|assist)|(?:help|assist) you with|can i do for you"
    r"|favou?rite|which (?:one|option|format|language|model|version)|quier\w*|prefier\w*"
    r"|desea\w*|voulez|préfér\w*|souhait\w*|möchten|möchtest|wollen|willst|bevorzug\w*"
    r"|gostaria|prefer\w*|vorrebbe|vuoi|vuole|wilt|wenst|chcesz|chce pan\w*|хотите|хочешь"
    r"|istersiniz|ister misin|vill du|vill ni|önskar|gustar\w*|aimer\w*|piacerebbe|piace|zou je willen"
    r"|hättest du gern|hätten sie gern|würdest du gern)\b"
    r"|想|要不要|喜欢|哪一款|哪个|哪種|どれ|どの|希望|원하|어떤|어느",
    re.IGNORECASE,
)
_A_SETTING = re.compile(r"\d{1,3}[.,]\d{1,4}\.?$")
# A question mark of any script at the end of a question.
_ENDS_ASKING = ("?", "？", "؟", "?'", '?"', "?”")
_WORDS_OF_A_VALUE = 4
# Questions written without a question mark: Thai's question words and polite particles,
# Japanese "か。", Chinese "吗。".
_ASKS_WITHOUT_A_MARK = re.compile(
    r"(?:ไหม|มั้ย|ยังไง|อย่างไร|อะไร|เท่าไร|เท่าไหร่|กี่\S{0,8}|หรือเปล่า|หรือยัง|ที่ไหน|เมื่อไร|เมื่อไหร่)"
    r"[^\S\n]*(?:ครับ|คะ|ค่ะ|จ๊ะ|จ้ะ)?[^\S\n]*$|(?:か|吗|嗎|呢)[。．]?[^\S\n]*$"
)
_AFTER_THE_MARK = 80  # how far before a question line's end its question mark may be
# Who is treated and who treats, in the languages: a clinical conversation's roles.
_PATIENT_WORDS = frozenset(
    """patient patientin paciente paziente patiënt pacjent pacjentka пациент пациентка пацієнт
    пацієнтка hasta 患者 환자 मरीज المريض المريضة رোগী রোগিণী คนไข้ ผู้ป่วย مریض مریضہ بیمار
    bệnh nhân pasien mgonjwa ασθενής חולה מטופל potilas beteg pacient pacientka pasient
    pacients pacientas patsient pacijent pacijentica""".split()  # noqa: SIM905
)
_CLINICIAN_WORDS = frozenset(
    """doctor dr nurse gp médico médica médecin infirmière infirmier arzt ärztin krankenschwester
    pfleger medico infermiere infermiera enfermera enfermero enfermeira arts verpleegkundige
    lekarz pielęgniarka врач доктор медсестра лікар лікарка doktor hemşire läkare sjuksköterska
    医生 护士 医師 看護師 의사 간호사 डॉक्टर नर्स طبيب الطبيب ممرضة ডাক্তার নার্স หมอ แพทย์ พยาบาล
    ڈاکٹر نرس پزشک پرستار bác sĩ dokter perawat daktari muuguzi γιατρός νοσηλεύτρια רופא
    אחות lääkäri hoitaja orvos ápoló lékař sestra lege sykepleier læge ārsts ārste gydytojas
    gydytoja arst õde liječnik liječnica lekár""".split()  # noqa: SIM905
)
# Labels that put a question without a question mark: "Q. Sexual orientation".
_QUESTION_LABELS = frozenset(
    "q question f frage p pregunta pergunta domanda vraag pytanie вопрос soru".split()  # noqa: SIM905
)


def _about_the_reader(question: str, answer: str, clinical: bool = False) -> bool:
    """A question put to the reader ("you", "your", "Sie", "您") that the answer fills with a
    value: a number, or a few words ("Kowalski", "penicillin", "since March"). What a person
    is asked about themselves in a conversation is theirs, whatever the topic; a shared
    document or prompt seldom holds such a reply (few-shot examples ask about the world).
    ``clinical``: a clinician asks a patient; the question is put to the patient even without
    a "you", and its question mark may come before a last remark ("...? Doctor's asking.")."""
    asking = question.rstrip().endswith(_ENDS_ASKING) or (
        clinical
        and (
            any(mark in question[-_AFTER_THE_MARK:] for mark in "?？؟")
            or _ASKS_WITHOUT_A_MARK.search(question) is not None
        )
    )
    if not asking or not (clinical or _addressed(question)):
        return False
    if _A_PREFERENCE.search(question):
        return False  # what the reader wants done, not a fact about them
    answer = answer.strip()
    number = _A_NUMBER.search(answer) is not None
    if _YES_OR_NO.match(answer) and not number:
        return False
    if _A_SETTING.match(answer):
        return False  # "0.01", "3.5": a setting's value, not an identifier
    picked = answer.strip(".!。").lower()
    if picked and picked in question.lower():
        return False  # one of the options the question offered ("beginner or intermediate?")
    return number or len(answer.split()) <= _WORDS_OF_A_VALUE


# French words around "du" ("la capitale du Canada"), where it is not German's "you".
_FRENCH_CONTEXT = re.compile(r"\b(?:le|la|les|est|quel|quelle|quels|quelles|des|une|au)\b", re.I)


def _addressed(question: str) -> bool:
    """The question says "you" in some language; French "du" ("of the") is not German "du"."""
    words = {m.group().lower() for m in _ADDRESSED.finditer(question)}
    if words == {"du"}:
        return _FRENCH_CONTEXT.search(question) is None
    return bool(words)


def _answers(question: str, answer: str, category: Category, asked_by_a_speaker: bool) -> bool:
    """``answer`` gives the private value ``question`` asks its reader for."""
    if not _asks_the_reader(question, answer, category, asked_by_a_speaker):
        return False
    return bool(_FACT_ASK.search(question)) or not _not_the_value(answer, category)


def _asks_the_reader(
    question: str, answer: str, category: Category, asked_by_a_speaker: bool
) -> bool:
    """The question is put to whoever answers: a speaker asks it, it says "you", or it asks
    for a credential and gets one word ("—¿Cuál es la contraseña del router?" asks nobody)."""
    return bool(
        asked_by_a_speaker
        or _ADDRESSED.search(question)
        or (
            category is Category.CREDENTIAL
            and question.rstrip().endswith(("?", "？"))
            # a value, not a line of code or a help text: one word, or a short line that
            # gives a number ("Nine-two-seven-four, then star.")
            and (
                len(answer.split()) == 1
                or (len(answer.split()) <= 4 and _A_NUMBER.search(normalise(answer).text))
            )
        )
    )


def _not_the_value(answer: str, category: Category) -> bool:
    """Interface text or a remark ("Show password", "Yes, under Settings"), or a bare yes or
    no where only the value would be private (a bare "yes" to "are you pregnant?" is). An
    answer holding a number gives it ("はい、0527です。", "Yes, 4471"). A phone number has
    digits: "Galaxy A54" answers which phone, not its number."""
    if category is Category.PHONE and len(_ANY_DIGIT.findall(normalise(answer).text)) < 6:
        return True
    if _A_NUMBER.search(answer):
        return False
    if category in (Category.CREDENTIAL, Category.PERSONAL) and _NOT_A_CREDENTIAL.search(answer):
        return True
    return category not in (Category.HEALTH, Category.FINANCE) and bool(_YES_OR_NO.match(answer))


# A line of dialogue that opens with a dash, as chats and novels in many languages set it.
_DIALOGUE_DASH = re.compile(r"[^\S\n]*[—–―][^\S\n]*")
# The question asks for the reader's own thing: "— so what's your gross salary?"
_YOUR = re.compile(
    r"\b(?:your|yours|tu|tus|tuo|tua|votre|ton|ta|tes|dein|deine|deinen|teu|twój|twoja|twoje"
    r"|jouw|din|ditt|dina|ваш\w*|твой|твоя|твоё)\b",
    re.IGNORECASE,
)
# A novel's speech tag after the words said: "— 1789, répondit Arsène Lupin.", "— 3-7-1-9 —
# odparł Wokulski.", "— said the clerk".
_SPEECH_TAG = re.compile(
    r"[—–―]|,[^\S\n]*(?:said|says|asked|replied|answered|répondit|dit|dijo|respondió|contestó"
    r"|sagte|antwortete|rispose|disse|respondeu|odparł|odpowiedział|ответил|сказал)\b",
    re.IGNORECASE,
)


def _dash_dialogue(line: str, answer_start: int, question: str) -> bool:
    """``line``, its words from ``answer_start`` after its dash, answers ``question`` as two
    dashed lines of a chat: the question asks for the reader's own thing and neither line
    carries a novel's speech tag (the answer's value is checked by the caller)."""
    q = _DIALOGUE_DASH.match(question)
    if q is None or _YOUR.search(question) is None:
        return False
    return not (_SPEECH_TAG.search(question, q.end()) or _SPEECH_TAG.search(line, answer_start))


# A texted thread pasted as a list, one message a line ("- did the doctor say what it is?" then
# "- early onset alzheimer's"): the reply is read as an answer only when the question asks about
# someone in particular (what the doctor said, how your dad is, what the scan showed) and the
# reply, not an FAQ's full sentence, names a private matter itself. FAQs ask "Do you offer HIV
# testing?", "Will insurance cover IVF?" and answer "No, but ...".
_HYPHEN_TURN = re.compile(r"[^\S\n]*[-*•][^\S\n]+(?=\S)")
_ABOUT_SOMEONE = re.compile(
    r"\b(?:did|has|have|was|were|what did)[^\S\n]+(?:the[^\S\n]+)?(?:doctor|doc|dr|nurse|test"
    r"|tests|results?|scan|biopsy|labs?|they|he|she)\b"
    r"|\b(?:your|his|her|their)[^\S\n]+(?:mom|mum|dad|mother|father|wife|husband|son|daughter"
    r"|brother|sister|partner|results?|test|scan|biopsy|diagnosis)\b"
    r"|\bhow(?:'s|’s|[^\S\n]+is|[^\S\n]+are)[^\S\n]+(?:he|she|they|your|his|her)\b",
    re.IGNORECASE,
)
_FULL_SENTENCE = re.compile(r"(?:yes|no|yeah|nope)\b[,.]|[A-Z][^\n]*[.!]$", re.IGNORECASE)
# A code alone: digits, in groups or with letters ("4471", "552 903", "K7-22Q").
_BARE_CODE = re.compile(r"(?=[^\s]*\d)[\w-]{3,24}(?: \d{2,6}){0,3}")


def _hyphen_reply(line: str, question: str) -> re.Match[str] | None:
    """The list marker of ``line`` when it and ``question`` are two messages of a thread
    pasted as a list and ``line`` says a private matter in reply (see ``_HYPHEN_TURN``)."""
    m = _HYPHEN_TURN.match(line)
    q = _HYPHEN_TURN.match(question)
    if m is None or q is None or not question.rstrip().endswith(("?", "？")):
        return None
    reply = line[m.end() :].strip()
    if (
        _BARE_CODE.fullmatch(reply)
        and ASKS[0][1].search(question)
        and _YOUR.search(question)
        and not _GENERAL_VALUE.search(question)
    ):
        return m  # "- What's your PIN?" over "- 4471": an FAQ answers in words
    if not _ABOUT_SOMEONE.search(question) or not is_short_answer(reply):
        return None
    if _FULL_SENTENCE.match(reply):
        return None
    return m if _private_matter_said(reply) else None


# An assistant recalls what the user set ("You told me earlier it was 5821", "you set it to
# 4471"), not what devices use ("Usually 0000 or 1234", "8000 by default", "256 characters").
_RECALLED = re.compile(
    r"\byou (?:told|gave|sent|said|set|chose|picked|mentioned|wrote|saved)\b|\b(?:we|you) set\b",
    re.IGNORECASE,
)
_GENERAL_VALUE = re.compile(
    r"\b(?:usually|default|typically|normally|often|characters?|digits?|bits?|bytes?|port"
    r"|between|up to|at least|maximum|minimum)\b",
    re.IGNORECASE,
)


# The user asks about their own secret: "what PIN did we set for the garage keypad?"
_OWN = re.compile(r"\b(?:my|our|we|i|me|mine|ours)\b", re.IGNORECASE)


def _value_given_back(line: str, offset: int, question: str, label_end: int) -> Span | None:
    """An assistant's short reply that gives back the number a user asked for as their own
    credential ("user: what PIN did we set for the garage keypad?" then "assistant: You told
    me earlier it was 5821."): the user's secret, whoever writes it."""
    answer = line[label_end:].rstrip()
    if (
        _RECALLED.search(answer) is None
        or _GENERAL_VALUE.search(answer) is not None
        or _label(question)[0] not in _USER_WORDS
        or not is_short_answer(answer)
        or _A_NUMBER.search(answer) is None
        or _OWN.search(question) is None
        or asked_for(question[-QUESTION_CHARS:]) is not Category.CREDENTIAL
        or _NOT_A_REQUEST.search(question)
    ):
        return None
    begin = label_end + len(answer) - len(answer.lstrip())
    return Span(
        offset + begin,
        offset + label_end + len(answer),
        Category.CREDENTIAL,
        1,
        SCORE,
        "turn_context",
    )


def _asked(question: str, category: Category | None) -> bool:
    """A question, or a request for something private."""
    return category is not None or question.rstrip().endswith(("?", "？", "؟"))


def _private_matter_said(answer: str) -> bool:
    """An answer that names a private matter itself: a diagnosis, a debt, an arrest."""
    return says_something_private(answer) or names_a_private_matter(answer)


_NUMBERED_QUESTION = re.compile(r"[^\S\n]*q\d{1,3}[.):][^\S\n]+", re.IGNORECASE)


def _label(line: str) -> tuple[str, int]:
    """The speaker label that opens ``line`` (lowercase word, or ">") and where it ends; ("", 0)
    when the line opens with none."""
    m = _LABEL_HEAD.match(line)
    if m is None:
        numbered = _NUMBERED_QUESTION.match(line)  # "Q12. Any history of seizures?"
        return ("q", numbered.end()) if numbered is not None else ("", 0)
    return (m.group(1) or ">").strip().lower(), m.end()
