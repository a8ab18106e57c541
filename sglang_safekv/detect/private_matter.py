"""Tier 1: a sentence about the writer's or a relative's private matter, in English and 14 other
languages.

"J'ai découvert que mon mari Olivier a une liaison", "Meine Duldung läuft am 30.04. aus",
"我信用卡欠了八万多", "Mój szef Tomasz Wrona ma romans", "У меня ВИЧ", "my aunt struggled with
anorexia", "take-home is $4,120/month after the child support garnishment": tier 3 reads English
sentences one at a time and was trained on generated text, so a private person's debt, salary,
diagnosis, affair, arrest, residence status or faith often reached no tier (in another language,
never). A sentence is private here when it holds both a first-person or family word ("my",
"our neighbour", "mon", "ich", "我", "제", "मेरा", "kardeşim") and a word of a private matter
(``personal.PRIVATE_MATTER`` and its counterparts). A general question ("What are the early
signs of diabetes?", "¿Qué síntomas tiene el VIH?") holds no first-person word and stays
public, and so does a public figure's story ("Stephen Hawking was diagnosed with ALS"). The
whole sentence is flagged: its first character is where the private part starts.

Words are matched at a word's start in alphabetic scripts and anywhere in CJK, Hangul,
Devanagari and Arabic text; a sentence is only read when it holds one of the first-person
words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.personal import PRIVATE_MATTER
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds

SCORE = 0.9

# English first-person and family words. "I" alone is not one ("I need help with my code"
# is everywhere): a possessive or a relative is.
_ENGLISH_PERSON_WORDS = frozenset(
    """my our mine ours i'm i've i'd myself aunt uncle neighbour neighbor wife husband son
    daughter brother sister mom mum dad mother father grandma grandpa cousin nephew niece
    boyfriend girlfriend fiance fiancé fiancée partner roommate flatmate landlord tenant boss
    coworker colleague""".split()  # noqa: SIM905
)
# More English words of a private matter than ``personal.PRIVATE_MATTER`` holds.
_ENGLISH_MATTER = re.compile(
    r"\b(?:anorexi\w*|bulimi\w*|bipolar|schizophren\w*|take-home|garnish\w*|dui|probation"
    r"|deport\w*|undocumented|overstay\w*|affair|cheating|cheated|relapse\w*|sober|sobriety"
    r"|ivf|infertil\w*|fertility treatment\w*|aa meetings?|alcoholics anonymous|burn-?out"
    r"|parkinson\w*|alzheimer\w*|dementia|diabet\w*|epilep\w*|insulin|adhd|autis\w*"
    r"|panic attacks?|psychiatr\w*|antidepressants?|sick leave|self-harm\w*|fraud|shoplift\w*"
    r"|embezzl\w*|falsif\w*|probation|parole|prison|jail|suspended|written warning"
    r"|misconduct|lymphoma|leuka?emia|melanoma|carcinoma|sarcoma|tumou?r|multiple sclerosis"
    r"|maternity leave|maternity|miscarr\w*|throw(?:ing)? up|vomit\w*|purg(?:e|ed|ing)"
    r"|binge\w*|chapter (?:7|11|13)|bankrupt\w*|herniat\w*|workers'? comp\w*"
    r"|injur(?:y|ies|ed)|disabilit\w*)\b",
    re.IGNORECASE,
)
# First-person and family words (whole words) of the other languages; not words English uses
# ("me", "ma").
_PERSON_WORDS = frozenset(
    """mi mis tengo estoy debo mío mía je j mon mes moi ich mein meine meinen meinem meiner mir
    mich mio mia miei mie sono meu minha meus minhas tenho estou ik mijn mij mam jestem
    mój moja moje mojej moim mnie я мой моя мои мне меня у benim ben kardeşim annem babam eşim
    kocam karım oğlum kızım patronum jag min mitt mina mig hermano hermana marido esposa
    mari femme frère sœur mann frau bruder schwester marito moglie fratello sorella zio zia
    irmão irmã esposo tio tia broer zus brat siostra mąż żona szef брат сестра муж жена
    dayım amcam bror syster fru maaşım borcum hesabım param
    vecino vecina inquilino inquilina voisin voisine locataire nachbarin mieter mieterin
    tochter sohn vicino vicina inquilina nonna nonno vizinho vizinha buurman buurvrouw huurder
    sąsiad sąsiadka lokator сосед соседка жилец komşum komşumuz granne grannen hyresgäst
    soused sousedka nájemník můj moje mě mně naapuri vuokralainen minun minulla saya aku suami
    istri tôi mình vợ chồng мій моя мої мене мені colega compañero compañera collègue
    kollege kollegin collega colleghi kolega koleżanka коллега kollega kollegan mme madame
    monsieur señora señor signora signor senhora senhor meneer mevrouw arkadaşım sevgilim
    ablam ağabeyim bana μου μας εγώ είμαι έχω
    én nekem vagyok feleségem férjem anyám apám fiam lányom kollégám szomszédom
    eu meu mea mei sunt soțul soția
    jeg mine meg kone mand
    minä olen vaimoni mieheni äitini isäni
    mimi yangu wangu nina nimekuwa
    ako ko aking asawa
    jsem mám manžel manželka""".split()  # noqa: SIM905
)
# First-person and family words of scripts without spaces, found as substrings.
_PERSON_PARTS = (
    "我", "私", "僕", "俺", "自分", "夫が", "夫の", "夫に", "妻が", "妻の", "妻に", "親に", "親が",
    "母が", "母の", "父が", "父の", "息子", "主人",
    "老公", "老婆", "我丈夫", "妈妈", "爸爸", "哥哥", "姐姐", "儿子", "女儿", "제 ", "저는", "저도", "나는", "제가", "내가", "저의", "나의",
    "내 ", "우리", "동생", "남편", "아내", "엄마", "아빠", "언니", "오빠", "누나", "मेरा", "मेरी", "मेरे",
    "मैं", "मुझे", "हमारे", "पति", "पत्नी", "علي", "لدي", "عندي", "أنا", "صديقتي", "صديقي", "زوجي",
    "زوجتي", "أخي", "أختي", "أبي", "أمي", "ابني", "بنتي", "راتبي",
    # neighbours and tenants: a private person the writer knows
    "邻居", "租客", "房客", "隣の", "옆집", "이웃", "पड़ोसी", "جاري", "جارتي", "جارنا",
    # coworkers: a private person the writer knows
    "同事", "同僚", "동료", "सहकर्मी", "زميلي", "زميلتي", "さん", "先生が", "씨가", "씨는",
    # Persian's first person, Hebrew's "mine" and "I"
    "هستم", "خانواده‌ام", "شوهرم", "همسرم", "می‌ترسم", "שלי ", "שלי,", "שלנו", "אני ",
    "دارم", "مادرم", "پدرم", "برادرم", "خواهرم", "בעלי", "אשתי",
    # Bengali and Thai first person and family
    "আমি", "আমার", "আমাকে", "স্বামী", "স্ত্রী", "ฉัน", "ผม", "ดิฉัน", "สามี", "ภรรยา",
)  # fmt: skip
# Words of a private matter: their starts, lowercase (alphabetic scripts).
_MATTER_STEMS = (
    # debt, arrears, bailiffs
    "deuda", "debo ", "moroso", "embargo", "dette", "huissier", "impayé", "surendett", "schulden",
    "gerichtsvollzieher", "pfändung", "debito", "debiti", "arretrat", "sfratto", "pignoram",
    "dívida", "divida", "penhora", "schuld", "deurwaarder", "achterstand", "dług", "długi",
    "komornik", "zadłuż", "долг", "задолж", "пристав", "borç", "borcu", "borcum", "icra", "haciz",
    "skuld", "kronofogden", "inkasso", "studieschuld", "usura", "domiciliari", "cirrosis",
    "cirrhose", "zirrhose", "cirrose", "alcohólic", "alcoolique", "alkoholik", "dialys", "diálisis",
    "spacci",
    # salary, income
    "salario", "sueldo", "salaire", "gehalt", "verdiene", "stipendio", "salário", "salaris",
    "jaarsalaris", "verdien", "pensj", "zarabiam", "wynagrodzen", "зарплат", "оклад", "maaş",
    "lön ", "tjänar",
    # health
    "vih", "sida", "cáncer", "diagnostic", "depresión", "ansiedad", "embarazad", "bipolar",
    "esquizofren", "cancer", "diagnostiqu", "dépression", "enceinte", "krebs", "diagnose",
    "depression", "schwanger", "borderline", "therapie", "hiv", "aids", "tumore", "cancro",
    "diagnosi", "depressione", "incinta", "câncer", "diagnóstico", "depressão", "grávida",
    "kanker", "depressie", "zwanger", "diagnoz", "depresj", "ciąż", "вич", "спид", "диагноз",
    "депресс", "беременн", "онколог", "kanser", "teşhis", "depresyon", "hamile", "gravid",
    "diagnos", "anorexi", "anoreksj", "анорекс", "alkoholi", "алкогол", "sucht", "adicción",
    # relationships
    "divorci", "divorce", "infidel", "amante", "engaña", "liaison", "tromp", "maîtresse",
    "scheidung", "scheiden", "affäre", "betrügt", "fremdgeh", "divorzio", "separazion",
    "tradisce", "divórcio", "separação", "trai ", "affaire", "vreemdga", "rozwód", "romans",
    "zdradza", "kochank", "развод", "измен", "любовни", "boşan", "aldat", "skilsmäss", "skiljas",
    "otrogen",
    # legal trouble
    "detenid", "arrestad", "condenad", "arrêté", "garde à vue", "condamn", "verhaftet",
    "festgenommen", "verurteilt", "arrestat", "condann", "preso ", "presa ", "gearresteerd",
    "veroordeeld", "aresztowan", "zatrzyman", "oskarż", "wyrok", "арестов", "задержан", "осужд",
    "уголовн", "tutukla", "gözaltı", "dava aç", "gripen", "åtalad", "dömd",
    # residence status, faith, sexuality
    "sin papeles", "indocumentad", "sans papiers", "titre de séjour", "duldung", "abschiebung",
    "ausländerbehörde", "permesso di soggiorno", "clandestin", "sem documentos",
    "verblijfsvergunning", "nielegaln", "без патента", "нелегальн", "депорт", "kaçak",
    "oturma izni", "utvisning", "uppehållstillstånd", "eşcinsel", "schwul", "lesbisch",
    "lesbiana", "lesbienne", "homosex", "гей", "gej ", "soy gay", "je suis gay",
    # a diagnosis made, and illnesses rarely a general topic, in a sentence about a person
    "zjistil", "diagnostikov", "teşhisi", "scharlach", "zánět", "rakovin", "leucemi", "leukämie",
    # debts owed by a person, violence, convictions
    "schuldet", "dluží", "borçlu", "debe a ", "doit à ", "deve à ", "deve ao ", "znęca",
    "violencia de género", "violence conjugale", "häusliche gewalt", "violenza domestica",
    "violência doméstica", "huiselijk geweld", "odsouzen",
    # salary in compounds
    "bruttogehalt", "bruttomonatsgehalt", "monatsgehalt", "jahresgehalt", "nettogehalt",
    # chemotherapy; Indonesian and Vietnamese salary, debt, illness; Ukrainian HIV
    "kemoterapi", "quimioterapia", "chimiothérapie", "chemotherapie", "chemioterapia",
    "химиотерап", "хіміотерап", "penghasilan", "utang ", "hutang ", "ung thư", "ув'язн",
    "в тюрм", "в тюрьм", "cezaevi", "hapis",
    # whole words (a stem would match "вільно", "lương tâm", "gajih")
    "віл ", "gaji ", "tiền lương", "mức lương", "lương tháng", "lương của", "lương mình",
    # conditions rarely named about nobody in particular in a sentence with a person word
    "burn-out", "burnout", "parkinson", "alzheimer", "demencia", "démence", "demenz", "demenza",
    "demência", "dementie", "demencj", "деменц", "attacchi di panico", "ataques de pánico",
    "ataques de pânico", "crises d'angoisse", "attaques de panique", "panikattack", "paniekaanval",
    "ataki paniki", "паническ", "panik atak", "epilep",
    "эпилепс", "insulin", "инсулин", "hepatit", "epatit", "гепатит", "autis", "autyz", "аутиз",
    "otizm", "tdah", "adhs", "adhd", "сдвг", "ictus", "schlaganfall", "beroerte", "инсульт",
    "infarto", "infarctus", "herzinfarkt", "hartaanval", "zawał", "инфаркт", "kalp krizi",
    "psiquiatr", "psychiatr", "psichiatr", "психиатр", "psikiyatr", "antidepres", "antidépres",
    "антидепресс", "baja médica", "arrêt maladie", "arrêt de travail", "krankgeschrieben",
    "krankschreibung", "in malattia", "atestado médico", "licença médica", "ziek gemeld",
    "ziekteverlof", "zwolnienie lekarskie", "больничн", "sjukskriv", "autolesi", "automutil",
    "selbstverletz", "samookalecz", "самоповрежд", "suicid", "suizid", "samobój", "суицид",
    "intihar", "fausse couche", "fehlgeburt", "miskraam", "poronien", "выкидыш",
    "dependência", "dipendenz", "verslav", "uzależn", "зависимост", "bağımlı", "cocaína",
    "cocaïne", "kokain", "heroin", "désintox", "entzug", "disintossic", "afkick", "odwyk",
    "наркоман", "alcoolis", "alkoholis", "alcoholis", "alcolis", "alkoholiz", "internad",
    "internação", "hospitalis", "hospitaliz", "ricoverat", "ingresad",
    # fraud, theft, embezzlement, drunk driving, prison, records
    "fraude", "estafa", "escroquerie", "truffa", "betrug", "oszustw", "мошеннич", "dolandırıc",
    "bedrog", "hurto", "vol à l'étalage", "ladendiebstahl", "diebstahl", "furto", "taccheggio",
    "winkeldiefstal", "kradzież", "кража", "краж", "hırsızlık", "malversación", "détournement",
    "unterschlag", "appropriazione indebita", "desvian", "desvio de", "verduister", "sprzeniewier",
    "растрат", "zimmet", "conducir ebri", "alcoolémie", "trunkenheit am steuer",
    "stato di ebbrezza", "embriaguez", "onder invloed", "po pijanemu", "пьян", "alkollü",
    "bracelet électronique", "fußfessel", "braccialetto elettronico", "tobillera electrónica",
    "tornozeleira", "enkelband", "prisión", "cárcel", "gefängnis", "carcere", "prisão",
    "gevangenis", "więzien", "тюрьм", "antecedentes penales", "casier judiciaire", "vorstraf",
    "precedenti penali", "carichi pendenti", "antecedentes criminais", "strafblad", "karaln",
    "судимост", "sabıka",
    # dismissed, disciplined
    "despedid", "licenciement", "licencié", "gekündigt", "kündigung", "abmahnung", "licenziat",
    "demitid", "justa causa", "ontslagen", "zwolnion", "уволил", "уволен", "kovuldu",
    "işten çıkar", "avskedad", "sparkad", "falsific", "fälsch", "falsifi",
    # residence without registration, sexuality (ru, uk); Greek illness, debt, pay, prison
    "без регистрац", "патент просроч", "лесбі", "лесби", "бісексуал", "бисексуал", "трансгендер",
    "καρκίν", "διαγνώ", "έγκυ", "χρέ", "μισθ", "κατάθλιψ", "διαζύγ", "φυλακ", "συνελήφθ",
    "ομοφυλόφιλ", "χημειοθεραπ", "διαβήτ", "εξάρτησ", "συνελήφθ",
    # Hungarian, Romanian, Danish and Norwegian, Finnish, Swahili, Tagalog, Czech, Ukrainian,
    # Vietnamese and Indonesian: illness, pregnancy, debt, pay, divorce, arrest, prison,
    # sexuality, addiction (whole words where a stem would start common words)
    "rákos", "rák ", "depresszi", "terhes", "adósság", "fizetésem", "válás", "válók",
    "letartóztat", "börtön", "leszbikus", "meleg vagyok", "cukorbeteg",
    "depresie", "însărcinat", "datorii ", "datorie ", "salariul", "divorț", "arestat",
    "închisoare", "lesbiană",
    "kræft", "kreft", "gæld", "gjeld", "løn ", "lønn ", "skilsmisse", "anholdt", "arrestert",
    "fængsel", "fengsel", "homoseks", "lesbisk",
    "syöp", "syöv", "masennus", "raskaana", "velka", "palkka", "avioero", "pidätet", "vankila",
    "diagnoo",
    "saratani", "ukimwi", "msongo wa mawazo", "mjamzito", "deni ", "madeni", "mshahara",
    "talaka", "nilikamatwa", "gerezani", "shoga", "msagaji", "uraibu", "kisukari",
    "kanser", "depresyon", "buntis", "sahod", "sweldo", "suweldo", "hiwalay", "naaresto",
    "kulungan", "bakla", "diyabetis",
    "deprese", "těhotn", "dluh", "platu ", "rozvod", "zatčen", "vězení", "lesba", "cukrovk",
    "депрес", "вагітн", "борг", "розлуч", "заарешт", "в'язниц", "діабет",
    "trầm cảm", "có thai", "mang thai", "nợ ", "ly hôn", "bị bắt", "đồng tính", "nghiện",
    "tiểu đường", "chẩn đoán",
    "depresi", "hamil", "cerai", "ditangkap", "penjara", "lesbi", "kecanduan", "didiagnos",
    "diabèt",
)  # fmt: skip
# Words of a private matter in scripts without spaces, found as substrings.
_MATTER_PARTS = (
    "欠", "债", "贷款", "还不起", "工资", "收入", "月薪", "年薪", "艾滋", "癌", "抑郁", "怀孕", "确诊",
    "乙肝", "离婚", "出轨", "外遇", "小三", "被捕", "拘留", "判刑", "坐牢", "同性恋", "出柜",
    "借金", "滞納", "債務", "年収", "給料", "月収", "うつ", "妊娠", "診断", "離婚", "浮気", "不倫",
    "逮捕", "起訴", "不法滞在", "同性愛", "빚", "대출", "연체", "채무", "연봉", "월급", "암 ",
    "우울증", "임신", "진단", "에이즈", "이혼", "바람", "불륜", "체포", "구속", "음주운전", "기소",
    "불법체류", "동성애", "कर्ज", "क़र्ज़", "लोन", "सैलरी", "वेतन", "तनख्वाह", "कैंसर", "एचआईवी",
    "डिप्रेशन", "गर्भवती", "तलाक", "अफेयर", "गिरफ्तार", "मुकदमा", "समलैंगिक", "دين", "ديون", "قرض",
    "راتب", "سرطان", "اكتئاب", "حامل", "الإيدز", "طلاق", "خيانة", "اعتقال", "سجن",
    "ترك الإسلام", "تركت الإسلام", "ملحد", "مثلي",
    "确诊为", "診断され", "진단을 받", "진단받", "مسجون", "محبوس", "化疗", "抗がん剤", "항암",
    "双極性", "躁郁", "双相", "조울증", "양극성", "パニック障害", "공황", "惊恐", "恐慌症", "糖尿病",
    "당뇨", "मधुमेह", "डायबिटीज", "السكري", "インスリン", "胰岛素", "인슐린", "أنسولين", "帕金森",
    "パーキンソン", "파킨슨", "认知症", "認知症", "痴呆", "치매", "癫痫", "てんかん", "뇌전증",
    "精神科", "心療内科", "정신과", "抗うつ", "抗抑郁", "항우울", "自杀", "自殺", "자살", "自残",
    "リストカット", "자해", "流产", "流産", "유산", "戒毒", "吸毒", "薬物", "마약", "酗酒", "アルコール依存",
    "알코올 중독", "万引き", "窃盗", "偷窃", "盗窃", "절도", "横領", "挪用", "贪污", "횡령", "酒驾",
    "醉驾", "飲酒運転", "解雇", "クビ", "开除", "辞退", "해고", "休職", "病假", "병가", "刑务所",
    "刑務所", "교도소", "监狱", "执行猶予", "執行猶予", "缓刑", "집행유예", "वेतन", "बर्खास्त",
    "जेल", "नशे", "तलाक़", "मानसिक", "पागल", "سكري", "مرض", "إدمان", "مخدرات", "فصلت", "طردت",
    "مفصول", "اختلاس", "احتيال", "سرقة", "統合失調", "精神分裂", "조현병", "透析", "투석", "肝硬変",
    "肝硬化", "간경화",
    # Arabic hepatitis, HIV; Persian conversion; Hebrew illness, pregnancy, debt, divorce, pay
    "التهاب الكبد", "نقص المناعة", "گرویدم", "مسیحی شدم", "مرتد", "כימותרפיה", "סרטן", "בהריון",
    "חובות", "גירושין", "משכורת", "דיכאון", "איידס", "נעצרתי", "כלא", "לסבית", "התמכרות",
    "סוכרת", "אובחנ", "افسردگی", "باردار", "حامله", "بدهی", "حقوقم", "دستگیر", "زندان",
    "همجنس", "اعتیاد", "دیابت",
    # Bengali, Thai and Hindi illness, pregnancy, debt, pay, divorce, arrest, sexuality
    "ক্যান্সার", "এইচআইভি", "বিষণ্ণতা", "ডিপ্রেশন", "গর্ভবতী", "ঋণ", "বেতন", "তালাক", "গ্রেফতার",
    "সমকামী", "ডায়াবেটিস", "মধুমেহ", "মামলা", "มะเร็ง", "เอชไอวี", "ซึมเศร้า", "ตั้งครรภ์", "หนี้",
    "เงินเดือน", "หย่า", "ถูกจับ", "ติดคุก", "เกย์", "เลสเบี้ยน", "ติดยา", "เบาหวาน", "วินิจฉัย",
    "अवसाद", "एड्स",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def _stem(word: str) -> str:
    """A stem matches at a word's start; one written with a trailing space is a whole word
    ("trai " is Portuguese "betrays", not the start of "training")."""
    if word.endswith(" "):
        return re.escape(word.rstrip()) + r"(?![^\W\d_])"
    return re.escape(word)


_MATTER_WORD = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(_stem(s) for s in _MATTER_STEMS) + r")",
    re.IGNORECASE,
)


_TURKISH_LETTERS = frozenset("ışğİŞĞ")
_THEY_ARE = re.compile(r"\b(?:quali|quanti|quante|cosa|dove|come|ci|che|non) sono\b")


# A note about someone else, named: a client or patient and a name or initials, a title with a
# given name and a surname, a name and an age ("Client K.M. (29) reports relapse", "Paciente Rogelio Benítez
# Osuna, 58 años, cirrosis", "Il signor Franco Esposito è ai domiciliari", "김민수 대리가 공황장애",
# "小王（王建国）... 他在做肾透析"). With a private matter in the same sentence it is private; a
# public figure's story names no client, title or age ("Michael J. Fox was diagnosed ...").
_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+"
_NAMED_SUBJECT = re.compile(
    # a client or patient and initials or a name
    r"\b(?i:client[ae]?|patient[ae]?|pt\.?|paciente|paziente|pacjent\w*|klient\w*|пациент\w*"
    r"|клиент\w*|resident|tenant|employee|inquilin[oa]|locataire|mieter\w*|azubi\w*|kolleg\w*"
    r"|mitarbeiter\w*|coworker|colleague|trainee|apprentice)"
    rf"\s+(?:(?:[A-Z]\.\s?){{1,3}}|{_NAME})"
    # a title, a given name and a surname (news says "Herr Lauterbach", "Mr Johnson")
    r"|\b(?:Mr|Mrs|Ms|Mx|Mme|Mlle|M|Herr|Frau|[Ss]ig(?:nor|nora|\.ra|\.)?|Sr|Sra|D(?:on|oña|ña)"
    r"|[Ss]eñor[a]?|[Mm]onsieur|[Mm]adame|[Гг]осподин|[Гг]оспожа|[Пп]ан[и]?)\.?"
    rf"\s+{_NAME}\s+{_NAME}"
    # a name and an age: "Tomasz Wrona, 34,", "Артём Лебедев, 17 лет,", "K.M. (29)"
    rf"|{_NAME}\s+{_NAME}(?:\s+{_NAME})?,?\s+\(?\d{{1,2}}\)?,?\s*"
    r"(?:years? old|y/?o|años|ans|jahre|anni|anos|jaar|lat|лет|года|год|yaşında)?[,)]"
    r"|(?:[A-Z]\.\s?){1,3}\s*\(\d{1,2}\)"
    # a Korean name and a title, a Chinese nickname and the full name, a Japanese name and -san
    r"|(?<![가-힣])[가-힣]{3} ?(?:대리|과장|부장|차장|사원|주임|씨|님)|小[\u4e00-\u9fff]（[\u4e00-\u9fff]{2,4}）"
    r"|[\u4e00-\u9fff]{1,4}(?:さん|氏|様)(?:[はがの]|、)",
)


def _named_subject_private(around: str, sentence: str) -> bool:
    """``sentence`` names a private matter and someone is named in it or just before it
    (``around``: initials' periods cut "Client K.M. (29) reports relapse" into sentences)."""
    return names_a_private_matter(sentence) and _NAMED_SUBJECT.search(around) is not None


def _about_a_person(sentence: str) -> bool:
    lowered = sentence.lower()
    words = set(_WORD.findall(lowered)) & _PERSON_WORDS
    if words and not (words == {"mi"} and _TURKISH_LETTERS & set(sentence)):
        # Turkish "mi" asks a question; Spanish and Italian "mi" is "my". Italian "sono" is "I
        # am" and "they are": "quali sono i sintomi" is about nobody.
        return not (words == {"sono"} and _THEY_ARE.search(lowered))
    return not lowered.isascii() and any(p in lowered for p in _PERSON_PARTS)


def _english_private(sentence: str, words: set[str], after_a_person: bool) -> bool:
    """An English sentence about the writer or a relative ("my", "our neighbour"; or "she",
    "he", "they" right after a sentence with one: "for my aunt. she struggled with anorexia")
    that names a private matter, and is not about software ("my loan calculator app").
    ``words``: the sentence's lowercase English words."""
    if not (
        words & _ENGLISH_PERSON_WORDS
        or (after_a_person and words & _PRONOUNS)
        or _I_WAS.search(sentence)
    ):
        return False
    if _TECHNICAL.search(sentence):
        return False
    return bool(PRIVATE_MATTER.search(sentence) or _ENGLISH_MATTER.search(sentence))


# The writer as the subject of what happened to them: "I was fired", "I got arrested".
_I_WAS = re.compile(
    r"\bI(?:'m| am| was| got| have been|'ve been| had been| filed| declared| owe)\b"
)
_PRONOUNS = frozenset("she he they her his their him them".split())  # noqa: SIM905
_TECHNICAL = re.compile(
    r"\b(?:code|app|function|script|program|project|model|table|database|column|field"
    r"|calculator|spreadsheet|template|example|demo|game|class|api|dataset|schema|variable"
    r"|query|website|dashboard|prompt|character|story|novel|fiction)\b",
    re.IGNORECASE,
)


_ENGLISH_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def private_matter_in(text: str) -> bool:
    """``text`` names a private matter in one of the other languages (no person word needed)."""
    return _private_matter(text)


def names_a_private_matter(text: str) -> bool:
    """``text`` names a private matter in any language, whoever it is about: for a speaker's
    answer in a dialogue, where the speaker is the person."""
    return bool(
        _private_matter(text) or PRIVATE_MATTER.search(text) or _ENGLISH_MATTER.search(text)
    )


def _private_matter(sentence: str) -> bool:
    if not sentence.isascii() and any(p in sentence for p in _MATTER_PARTS):
        return True
    return _MATTER_WORD.search(sentence) is not None


def private_matter_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """(begin, end) of each sentence overlapping ``text[start:end]`` about a person's private
    matter."""
    end = len(text) if end is None else end
    # Most text (English, code) holds no first-person word of these languages: one pass over
    # its words, and no sentence is cut.
    context = text[max(0, start - 400) : end]
    other = _about_a_person(context)
    english = bool(
        set(_ENGLISH_WORD.findall(context.lower())) & _ENGLISH_PERSON_WORDS
        or _I_WAS.search(context)
    )
    named = _NAMED_SUBJECT.search(context) is not None
    if not (other or english or named):
        return []
    found = []
    after_a_person = False
    for b, e in sentence_bounds(text, start, end):
        sentence = text[b:e]
        words = set(_ENGLISH_WORD.findall(sentence.lower())) if english else set()
        if (
            (other and _about_a_person(sentence) and _private_matter(sentence))
            or (english and _english_private(sentence, words, after_a_person))
            or (named and _named_subject_private(text[max(0, b - 40) : e], sentence))
        ):
            found.append((b, e))
        after_a_person = bool(words & _ENGLISH_PERSON_WORDS)
    return found


class PrivateMatterRecognizer(Recognizer):
    tier = 1
    name = "private_matter"
    categories = frozenset({Category.PERSONAL})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [
            [
                Span(b, e, Category.PERSONAL, 1, SCORE, self.name)
                for b, e in private_matter_spans(w.text, w.start, w.end)
            ]
            for w in windows
        ]
