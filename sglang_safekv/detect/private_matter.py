"""Tier 1: a sentence about the writer's or a relative's private matter, in English and about 60
other languages.

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

Words are matched at a word's start in alphabetic scripts and anywhere in CJK, Hangul, Thai,
Khmer, Burmese, Hebrew, Arabic and Indic text (the first-person words of Indic scripts as whole
words); a sentence is only read when it holds one of the first-person words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.normalise import find_normalised, hides_words
from sglang_safekv.detect.personal import PRIVATE_MATTER
from sglang_safekv.detect.registry import Recognizer, TextWindow
from sglang_safekv.detect.segment import sentence_bounds
from sglang_safekv.detect.tier1 import CONTEXT_CHARS

SCORE = 0.9

# English first-person and family words. "I" alone is not one ("I need help with my code"
# is everywhere): a possessive or a relative is.
_ENGLISH_PERSON_WORDS = frozenset(
    """my our mine ours i'm i've i'd myself aunt uncle neighbour neighbor wife husband son
    daughter brother sister mom mum dad mother father grandma grandpa cousin nephew niece
    boyfriend girlfriend fiance fiancé fiancée partner roommate flatmate landlord tenant boss
    coworker colleague grandmother grandfather grandson granddaughter stepmother stepfather
    stepmom stepdad stepson stepdaughter spouse sibling""".split()  # noqa: SIM905
)
# More English words of a private matter than ``personal.PRIVATE_MATTER`` holds.
_ENGLISH_MATTER = re.compile(
    r"\b(?:anorexi\w*|bulimi\w*|bipolar|schizophren\w*|take-home|garnish\w*|dui|probation"
    r"|deport\w*|undocumented|overstay\w*|affair|cheating|cheated|relapse\w*|sober|sobriety|poz"
    r"|inject(?:ing|s|ed) (?:again|heroin|meth)"
    r"|ivf|infertil\w*|fertility treatment\w*|aa meetings?|alcoholics anonymous|burn-?out"
    r"|parkinson\w*|alzheimer\w*|dementia|diabet\w*|epilep\w*|insulin|adhd|autis\w*"
    r"|panic attacks?|psychiatr\w*|antidepressants?|sick leave|self-harm\w*|fraud|shoplift\w*"
    r"|embezzl\w*|falsif\w*|probation|parole|prison|jail|suspended|written warning"
    r"|misconduct|lymphoma|leuka?emia|melanoma|carcinoma|sarcoma|tumou?r|multiple sclerosis"
    r"|maternity leave|maternity|miscarr\w*|throw(?:ing)? up|vomit\w*|purg(?:e|ed|ing)"
    r"|binge\w*|chapter (?:7|11|13)|bankrupt\w*|herniat\w*|workers'? comp\w*"
    r"|injur(?:y|ies|ed)|disabilit\w*"
    # violence at home, sexuality, faith left, status, record, illnesses
    r"|beat(?:s|ing)? (?:his|her) (?:wife|husband|girlfriend|boyfriend|partner|kids|children)"
    r"|(?:husband|wife|partner|boyfriend|girlfriend|father|dad|mother|mom) (?:beats|hits) (?:me|us)"
    r"|domestic (?:violence|abuse)|abusive (?:husband|wife|partner|relationship|marriage)"
    r"|gay|lesbian|bisexual|transgender|apostat\w*|left (?:islam|the church|the faith)"
    r"|converted to (?:islam|christianity|judaism|catholicism)|asylum seeker|refugee status"
    r"|residence permit|green card|criminal record|ex-con|felony|misdemeanou?r|heroin|cocaine"
    r"|opioids?|seropositive|hepatitis|myeloma|mesothelioma|ptsd|reprimand\w*|sacked"
    # more illnesses, treatments, records, marriages and shelters
    r"|tuberculosis|seizures?|hypothyroid\w*|hyperthyroid\w*|hashimoto\w*|graves' disease"
    r"|cerebral palsy|problem gambling|gambling (?:problem|debts?)|compulsive gambl\w*"
    r"|methadone|buprenorphine|suboxone|subutex|(?:drug|cannabis|cocaine) possession"
    r"|possession of (?:drugs|cannabis|cocaine|heroin|a controlled substance)|gonorrh\w*"
    r"|kidney failure|renal failure|hearing loss|hearing aids?|cochlear implants?|deaf"
    r"|emotional disturbance|dyslexi\w*|dyscalculi\w*|special educational needs"
    r"|504 plan|iep|learning disabilit\w*|eating disorder|expelled|expulsion"
    r"|academic probation|performance improvement plan|medical leave"
    r"|conditional sentence|forced marriage|forced into marriage|child marriage|child bride"
    r"|women's (?:shelter|refuge)|domestic violence shelter|safe house"
    # public assistance received ("We get SNAP and WIC and my kid's ...", "I'm on Medicaid")
    r"|(?:get|gets|getting|got|on|receive[sd]?|receiving|rely on|relies on|depend on"
    r"|qualif(?:y|ied|ies) for|lost|lose|losing|cut off from) (?:snap|wic|ebt|food stamps"
    r"|medicaid|welfare|universal credit|ssi|ssdi|section 8|(?:unemployment|disability|housing)"
    r" (?:benefits?|checks?))"
    # coming out, pay ("I'm at 142 base plus about 15% bonus")
    r"|(?:i'm|i am|im) (?-i:bi|pan|queer|non-?binary)(?![-\w])"
    r"|\$?\d+k? base (?:plus|\+|salary|pay)|\$?\d+k base and)\b",
    re.IGNORECASE,
)
# Matters that institutions write about as "our" ("our guide to sleep apnoea", "our shelter
# for the homeless"): private about the writer or a relative ("my brother has sleep apnoea"),
# or about a named subject ("employee Brent Castellanos had a lumbar laminectomy").
_OWN_MATTER = re.compile(
    r"\b(?:sleep apno?ea|refused (?:a |the |his |her )?(?:drug|alcohol|breath) test"
    # a surgery someone had, not a procedure's page ("Vasectomy FAQ", "about splenectomy")
    r"|(?:had|has|having|underwent|undergoing|scheduled for|recovering from|after) (?:a |an |his "
    r"|her |my |the )?(?:\w+ )?\w+ectomy"
    r"|(?:is|was|became|been|'s) (?:now |currently |still )?homeless|housing insecur\w*|unhoused)\b",
    re.IGNORECASE,
)
_INSTITUTIONAL = frozenset({"our", "ours", "partner"})  # "Our partner, the Academy of ..."
# First-person and family words (whole words) of the other languages; not words English uses
# ("me", "ma").
_PERSON_WORDS = frozenset(
    """mi mis tengo estoy debo mío mía je j mon mes moi ich mein meine meinen meinem meiner mir
    mich mio mia miei mie sono meu minha meus minhas tenho estou ik mijn mij mam jestem
    mój moja moje mojej moim mnie я мой моя мои мне меня вас тебя нас benim ben kardeşim annem babam eşim
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
# More first-person and family words, per language: pronouns and possessives, the verbs a
# pro-drop language says "I am", "I have", "I was", "I owe" with, and relatives with their
# common case forms (whole words, lowercase).
_MORE_PERSON_WORDS = (
    # Bulgarian
    "аз", "мен", "мене", "ми", "мой", "моят", "моя", "моята", "мое", "моето", "моите", "съм",
    "бях", "имам", "имах", "дължа", "съпруг", "съпругът", "съпругата", "мъжът", "дъщеря",
    "синът", "майка", "баща", "свекърва", "тъща", "свекър", "тъст", "колегата", "шефът",
    "шефката", "съседът", "съседката", "наемателят", "получавам", "страдам",
    # Serbian (Cyrillic)
    "ја", "мој", "моја", "моје", "мога", "мом", "мојој", "моју", "моји", "мени", "имао", "имала",
    "дугујем", "супруг", "супруга", "ћерка", "кћерка", "мајка", "отац", "комшија", "комшиница",
    "свекрва", "ташта", "зарађујем",
    # Croatian, Serbian and Bosnian (Latin), Slovenian
    "moj", "mojeg", "mojem", "mojemu", "mog", "mom", "mojoj", "moju", "moji", "meni", "mene",
    "imam", "imao", "imala", "dugujem", "bio", "bila", "suprug", "supruga", "supruge", "sin",
    "sina", "kći", "kćer", "kćerka", "majka", "otac", "svekrva", "punica", "punac", "svekar",
    "susjed", "susjeda", "komšija", "šef", "šefica", "podstanar", "zarađujem", "patim", "jaz",
    "mojo", "mojega", "dolgujem", "mož", "hči", "hčerka", "sosed", "soseda", "zaslužim",
    # Slovak and Czech
    "môj", "mojej", "mojho", "mojom", "mojou", "mňa", "mám", "dlžím", "manželom", "manželkou",
    "manžela", "manželky", "dcéra", "dcéry", "dcérou", "otca", "svokra", "svokor", "suseda",
    "susedka", "kolegyňa", "šéf", "šéfka", "zarábam", "beriem", "trpím", "já", "mého", "mému",
    "mém", "mým", "mou", "mojí", "dlužím", "dcera", "dceři", "maminka", "táta", "tchyně",
    "tchán", "kolegyně", "šéfová", "vydělávám", "beru",
    # Polish: cases of "my", "I was", "I had", "I got", relatives
    "mojego", "mojemu", "moją", "moi", "byłem", "byłam", "miałem", "miałam", "zostałem",
    "zostałam", "dostałem", "dostałam", "straciłem", "straciłam", "choruję", "cierpię", "biorę",
    "męża", "mężem", "mężowi", "żony", "żoną", "żonie", "syna", "synem", "córka", "córki",
    "córką", "mamą", "mamie", "teściowa", "teść", "teścia", "szwagier", "szwagierka", "szefowa",
    "sąsiada", "sąsiadki", "sąsiadem", "współlokator",
    # Russian and Ukrainian: cases of "my", relatives, "I am ill", "I have"
    "моего", "моему", "моей", "моим", "моих", "моём", "моё", "мной", "мною", "мужа", "мужем",
    "мужу", "жены", "женой", "сын", "сына", "сыну", "сыном", "дочь", "дочери", "дочка", "мама",
    "маму", "мамы", "маме", "мамой", "отца", "брата", "брату", "сестры", "сестре", "сестру",
    "тёща", "теща", "свекровь", "свёкор", "тесть", "соседа", "соседу", "соседки", "коллеги",
    "коллегу", "болею", "лечусь", "мого", "моєму", "моїй", "моєї", "моїм", "моїх", "моє",
    "дружина", "дружини", "дружину", "сину", "донька", "доньки", "батько", "свекруха", "сусід",
    "сусідка", "маю", "хворію", "колега", "колеги",
    # Lithuanian and Latvian
    "aš", "mano", "man", "mane", "manęs", "turiu", "esu", "buvau", "sergu", "gaunu", "vyras",
    "žmona", "sūnus", "dukra", "duktė", "motina", "tėvas", "tėtis", "brolis", "sesuo", "sesė",
    "kaimynas", "kaimynė", "kolegė", "viršininkas", "uošvė", "uošvis", "anyta", "es", "mans",
    "mana", "mani", "manu", "manam", "manai", "esmu", "biju", "slimoju", "vīrs", "sieva", "dēls",
    "meita", "māte", "tēvs", "brālis", "māsa", "kaimiņš", "kolēģis", "kolēģe", "priekšnieks",
    "vīramāte", "sievasmāte",
    # Estonian and Finnish
    "mina", "ma", "mu", "minu", "mul", "mulle", "mind", "olin", "põen", "abikaasa", "emal",
    "isal", "pojal", "tütrel", "mehel", "naabril", "ülemus", "ülemusel", "kolleeg", "ämm",
    "minua", "minulle", "minut", "mun", "mulla", "mä", "sain", "jouduin", "sairastan", "tienaan",
    "poikani", "tyttäreni", "veljeni", "siskoni", "sisareni", "pomoni", "kollegani",
    "naapurini", "työkaverini", "esimieheni", "ystäväni", "anoppini", "appeni", "puolisoni", "avomieheni", "tyttöystäväni",
    "poikaystäväni", "vaimollani", "miehelläni", "äidilläni", "isälläni", "pojallani",
    "tyttärelläni", "veljelläni", "siskollani", "pomollani", "naapurillani",
    # Hungarian: "me", "I was", "I owe", relatives with their cases
    "engem", "velem", "nálam", "voltam", "kaptam", "tartozom", "szenvedek", "lettem",
    "feleségemmel", "feleségemnek", "feleségemet", "férjemmel", "férjemnek", "férjemet",
    "anyámnak", "anyámat", "anyukám", "apámnak", "apukám", "fiamnak", "lányomnak", "bátyám",
    "öcsém", "nővérem", "húgom", "testvérem", "anyósom", "apósom", "főnököm", "albérlőm",
    "barátnőm", "barátom", "párom",
    # Romanian and Greek
    "mele", "mie", "eram", "soțului", "soției", "fiul", "fiica", "mamei", "tatăl", "tatălui",
    "fratele", "soacra", "socrul", "șeful", "șefa", "vecinul", "colegul", "chiriașul", "iubitul",
    "iubita", "datorez", "sufăr", "ήμουν", "εμένα", "χρωστάω", "χρωστώ", "πάσχω",
    # Spanish, Portuguese, Italian, Catalan, French: more verbs and relatives
    "soy", "fui", "tuve", "estuve", "sufro", "padezco", "llevo", "gano", "suegra", "suegro",
    "cuñado", "cuñada", "novio", "novia", "conmigo", "sou", "tive", "estive", "sofro", "recebo",
    "mim", "comigo", "sogra", "sogro", "cunhado", "cunhada", "namorado", "namorada", "patrão",
    "patroa", "io", "ho", "ero", "soffro", "suocera", "suocero", "cognato", "cognata",
    "fidanzato", "fidanzata", "jo", "tinc", "sóc", "estic", "vaig", "pateixo", "guanyo", "meu",
    "meva", "meus", "meves", "marit", "germà", "germana", "veí", "veïna", "companya", "llogater",
    "sogre", "copain", "copine",
    # Dutch and Afrikaans
    "heb", "zoon", "dochter", "schoonmoeder", "schoonvader", "zwager", "schoonzus", "vriendin",
    "huisgenoot", "ek", "eggenoot", "seun", "dogter", "suster", "buurvrou", "skoonma",
    "skoonpa",
    # German: relatives a general text does not say bare
    "schwiegermutter", "schwiegervater", "schwager", "schwägerin", "nachbar", "mitbewohner",
    "mitbewohnerin",
    # Swedish, Danish, Norwegian, Icelandic
    "sambo", "svärmor", "svärfar", "dotter", "mamma", "pappa", "svigermor", "svigerfar",
    "datter", "ég", "minn", "mín", "mitt", "mínir", "mínar", "mína", "mínum", "mér", "hef",
    "okkar", "sonur", "dóttir", "pabbi", "bróðir", "systir", "nágranni",
    "yfirmaður", "leigjandi", "tengdamóðir", "tengdafaðir",
    # Turkish: relatives with a case ending, and verbs only the writer says of themself
    "eşimle", "eşimin", "eşime", "eşimi", "eşimden", "annemin", "anneme", "annemi", "annemle",
    "annemden", "babamın", "babama", "babamı", "babamla", "babamdan", "kocamın", "kocama",
    "kocamı", "kocamla", "kocamdan", "karımın", "karıma", "karımı", "karımla", "karımdan",
    "oğlumun", "oğluma", "oğlumu", "oğlumla", "kızımın", "kızıma", "kızımı", "kızımla",
    "kardeşimin", "kardeşime", "kardeşimi", "kardeşimle", "ablamın", "ağabeyimin", "abim",
    "abimin", "patronumun", "patronuma", "komşumun", "komşuma", "kayınvalidem", "kaynanam",
    "kayınpederim", "eniştem", "yengem", "teyzem", "halam", "nişanlım", "arkadaşımın",
    "kiracım", "beni", "bende", "benden", "hamileyim", "boşandım", "boşanıyorum", "kovuldum",
    "tutuklandım", "borçluyum", "hastayım", "kaldım", "oldum", "aldım", "kullanıyorum",
    "görüyorum", "alıyorum", "kazanıyorum", "çalışıyorum", "ödüyorum", "yaşadım", "geçirdim",
    # Malay and Indonesian: "my" as a suffix, slang "I", relatives
    "isteri", "suamiku", "isteriku", "istriku", "ibuku", "ayahku", "anakku", "kakakku",
    "adikku", "bosku", "pacarku", "mertuaku", "tetanggaku", "gue", "pacar", "mertua",
    "jiran",
    # Tagalog, Swahili, Yoruba, Basque
    "namin", "amin", "nanay", "tatay", "kapatid", "kuya", "biyenan", "kapitbahay",
    "katrabaho", "jowa", "changu", "zangu", "langu", "mume", "mke", "mwanangu", "mwenzangu",
    "nilikuwa", "ninaugua", "nimepata", "nilipata", "ninadaiwa", "ninalipwa", "mo", "èmi",
    "emi", "ọkọ", "ìyàwó", "iyawo", "nire", "nik", "niri", "naiz", "nintzen", "daukat", "dut",
    "nuen", "senarra", "emaztea", "semea", "alaba", "aita", "aitak", "amak", "anaia", "arreba",
    "ahizpa", "bizilaguna", "lankidea", "amaginarreba", "aitaginarreba",
    # Vietnamese, Urdu, Amharic
    "em", "mẹ", "bố", "sếp", "میرا", "میری", "میرے", "مجھے", "ہمارے", "ہماری",
    "ہمارا", "شوہر", "بیوی", "بیٹا", "بیٹی", "امی", "بہن", "بھائی", "ساس", "سسر", "پڑوسی",
    "እኔ", "የኔ", "የእኔ", "ባለቤቴ", "ባሌ", "ሚስቴ", "ልጄ", "እናቴ", "አባቴ", "ወንድሜ", "እህቴ", "ጎረቤቴ",
    "አለቃዬ", "ባልደረባዬ", "አለብኝ", "አለኝ", "ነኝ", "ነበርኩ", "ደረሰብኝ",
    "አጎቴ", "አክስቴ", "ልጆቼ", "ተማሪዬ", "ታካሚዬ", "ሰራተኛዬ", "ሰራተኛችን",
    # uncles, aunts, nieces, nephews, cousins (es, fr, de, it, pt, ru, pl, nl, ca, tr)
    "tío", "tía", "sobrino", "sobrina", "oncle", "neveu", "nièce", "onkel", "neffe",
    "nichte", "cousine", "nipote", "cugino", "cugina", "sobrinho", "sobrinha", "дядя", "тётя",
    "тетя", "племянник", "племянница", "wujek", "ciocia", "bratanek", "bratanica",
    "siostrzeniec", "siostrzenica", "kuzyn", "kuzynka", "oom", "neef", "nebot", "neboda",
    "tieta", "yeğenim", "öğrencim", "hastam", "çalışanımız", "amcamın", "teyzemin", "dayımın",
    # Galician
    "miña", "miñas", "teño", "fillo", "filla", "irmán", "irmá", "veciño", "veciña",
    "compañeiro", "compañeira", "sobriño", "sobriña",
    # Basque, Hungarian, Estonian
    "osaba", "izeba", "iloba", "ditut", "amari", "amaren", "aitari", "aitaren",
    "senarrak", "emazteak", "semeak", "alabak", "nagybátyám", "nagynéném", "unokaöcsém",
    "unokahúgom", "diákom", "betegem", "munkatársam", "alkalmazottunk", "gyerekem",
    "gyermekem", "poeg", "tütar", "õde", "tädi", "naaber", "olen",
    # Swedish, Danish, Norwegian
    "morbror", "farbror", "moster", "brorson", "systerson", "brorsdotter", "systerdotter",
    "kusin", "sønn", "søn", "søster", "nevø", "niese", "mormor", "farmor", "morfar", "farfar",
    "naboen",
    # Serbian, Croatian, Macedonian, Bulgarian
    "sestra", "sestru", "sestre", "ujak", "stric", "tetka", "nećak", "nećakinja", "kolegica",
    "ујак", "стриц", "тетка", "нећак", "јас", "сум", "бев", "имав", "мојот", "мојата",
    "моето", "моите", "сопруг", "сопруга", "сопругот", "сопругата", "ќерка", "ќерката",
    "синот", "татко", "вујко", "чичко", "вуйчо", "чичо", "леля", "племенничка", "братовчед",
    "братовчедка",
    # Romanian (with cedillas too), Albanian
    "soţul", "soţia", "soţului", "soţiei", "unchiul", "mătușa", "mătuşa", "nepotul", "nepoata",
    "vecina", "unë", "ime", "im", "jam", "kam", "mua",
    # Azerbaijani
    "mən", "mənim", "mənə", "məni", "məndə", "ərim", "yoldaşım", "arvadım", "qızım", "anam",
    "atam", "qardaşım", "bacım", "əmim", "xalam", "bibim", "qonşum", "həmkarım", "müdirim",
    "tələbəm", "xəstəm",
    # Kazakh, Uzbek (Latin and Cyrillic), Mongolian
    "менің", "маған", "менде", "күйеуім", "әйелім", "ұлым", "қызым", "анам", "әкем", "ағам",
    "апам", "інім", "қарындасым", "әпкем", "көршім", "әріптесім", "бастығым", "жиенім",
    "menga", "erim", "xotinim", "oʻgʻlim", "qizim", "onam", "otam", "akam",
    "opam", "ukam", "singlim", "amakim", "hamkasbim", "xodimimiz", "менинг", "менга", "эрим",
    "хотиним", "ўғлим", "қизим", "онам", "отам", "би", "миний", "надад", "намайг", "манай",
    "нөхөр", "эхнэр", "ээж", "аав",
    # Georgian ("my", "I have", "I am", "my mother", husband, wife)
    "ჩემი", "ჩემს", "ჩემმა", "ჩემო", "ჩემთან", "ჩემზე", "მაქვს", "მქონდა", "ვარ", "ვიყავი",
    "ქმარი", "ქმარს", "ქმარმა", "ცოლი", "ცოლს", "ცოლმა", "დედაჩემი", "დედაჩემს", "მამაჩემი",
    "მამაჩემს", "ძმას", "ბიძაჩემი", "დეიდაჩემი", "მეზობელი",
    # Armenian (the suffix "-ս" is "my")
    "ես", "իմ", "ինձ", "ունեմ", "ունեի", "եմ", "էի", "ամուսինս", "կինս", "տղաս", "աղջիկս",
    "մայրս", "հայրս", "եղբայրս", "քույրս", "հարևանս", "գործընկերս", "մորաքույրս",
    "հորաքույրս", "հորեղբայրս", "քեռիս", "մայրիկս", "հայրիկս",
    # Hausa, Zulu
    "mijina", "ɗana", "ɗiyata", "diyata", "mahaifiyata", "mahaifina", "yayana", "yayata",
    "kanwata", "makwabcina", "maƙwabcina", "kawuna", "yami", "lami", "zami", "kwami",
    "ngine", "nginesifo", "ngiyagula", "ngigula", "umyeni", "unkosikazi", "indodana",
    "indodakazi", "umfowethu", "udadewethu", "umakhelwane", "ngaboshwa",
    # Indonesian and Malay, Tagalog, Vietnamese, Swahili, Urdu
    "pamanku", "bibiku", "tanteku", "omku", "keponakanku", "sepupuku", "rekanku", "pasienku",
    "muridku", "pamangkin", "tớ", "kwangu", "jirani",
    "mjomba", "shangazi", "mpwa", "nimefukuzwa", "nimekamatwa", "nimegunduliwa",
    "niligunduliwa", "nilifungwa", "بھتیجا", "بھتیجی", "بھانجا", "بھانجی", "چچا", "ماموں",
    "خالہ", "پھوپھو", "ہمسایہ", "مجھ", "والدہ",
)  # fmt: skip
# Words of two languages (or of one and English), counted only in a sentence that holds a
# letter of the language meant: "ja" is Polish "I" and German "yes", "mano" Lithuanian "my"
# and Spanish "hand", "soy" Spanish "I am" and English "soy", "ma" Estonian "I" and Italian
# "but", "em" Vietnamese "I" and an HTML tag, "imam" Croatian "I have".
_SLAVIC_LETTERS = "ąćęłńśźżčšžřěůđľĺŕťďňýô"
_BALTIC_LETTERS = "ąčęėįšųūžāēīģķļņ"
_ONLY_WITH_LETTERS = {
    "ja": _SLAVIC_LETTERS, "imam": "čćžšđ", "bio": "čćžšđ", "bila": "čćžšđ", "sin": "čćžšđ",
    "mano": _BALTIC_LETTERS, "man": _BALTIC_LETTERS, "mana": _BALTIC_LETTERS,
    "mani": _BALTIC_LETTERS, "manu": _BALTIC_LETTERS, "es": _BALTIC_LETTERS,
    "soy": "ñáéíóú¿¡", "fui": "ñáéíóú¿¡ãõç", "ma": "õäöü", "mu": "õäöü", "mina": "õäöü",
    "mind": "õäöü", "mun": "äö", "sain": "äö", "em": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "hàng": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "mo": "ẹọṣàáèéìíòóùúńǹ",
    "emi": "ẹọṣàáèéìíòóùúńǹ", "jo": "àèòïüç·", "io": "àèéìòù",
    "sou": "ãõçáéíóúâê", "mim": "ãõçáéíóúâê",
    "eram": "ăâîșț", "mele": "ăâîșț", "dut": "ñáéíóúz", "nik": "ñáéíóúz", "naiz": "ñáéíóúz",
    "nuen": "ñáéíóúz",
    # Albanian "I am", "I have", "my", "me" ("im" is German "in the", "ime" Croatian "name"),
    # Mongolian "I" (Bulgarian "would"), Macedonian "I am" (Ukrainian "sadness")
    "im": "ëç", "jam": "ëç", "kam": "ëç", "mua": "ëç", "ime": "ëç", "би": "өү", "сум": "ќѓѕљњј",
}  # fmt: skip
_LETTER_SETS = {w: frozenset(letters) for w, letters in _ONLY_WITH_LETTERS.items()}
_PERSON_WORDS = _PERSON_WORDS | frozenset(_MORE_PERSON_WORDS)
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
    # Vietnamese, Thai, Korean, Chinese relatives and colleagues
    "hàng xóm", "đồng nghiệp", "con trai tôi", "con gái tôi", "mẹ chồng", "mẹ vợ", "bạn trai",
    "bạn gái", "anh trai", "chị gái", "em gái", "em trai", "ลูกชาย", "ลูกสาว", "พี่ชาย", "พี่สาว",
    "น้องชาย", "น้องสาว", "เพื่อนบ้าน", "เพื่อนร่วมงาน", "ข้าพเจ้า", "와이프", "시어머니", "장모님",
    "시아버지", "아들이", "아들은", "아들의", "딸이", "딸은", "딸의", "남친", "여친", "남자친구",
    "여자친구", "시댁", "친정", "팀장님", "부장님", "과장님", "室友", "男朋友", "女朋友", "岳母",
    "丈母娘",
    # Japanese: relatives, "my family's", and what only a writer says of themself ("I am
    # troubled", "I was told"): a general question says neither
    "うちの", "家内", "旦那", "義母", "義父", "彼氏", "兄が", "姉が", "弟が", "妹が", "娘が", "娘の",
    "兄の", "姉の", "弟の", "妹の", "祖母が", "祖父が", "困っています", "困ってます", "悩んでいます",
    "悩んでます", "と言われました",
    # Hindi "I am"; Persian "I was", "I became", "I did"; Arabic without the hamza
    "हूँ", "हूं", "मुझको", "بودم", "شدم", "کردم", "دخترم", "پسرم", "همکارم", "رئیسم", "انا ",
    "اخي", "ابنتي", "حماتي", "أعاني", "اعاني",
    # Hebrew "me", "I was", "I got"
    "אותי", "הייתי", "קיבלתי",
    # Persian relatives, "myself", "I had", "I got"; Hebrew "I have", sister, brother, "I fell
    # ill", "I was diagnosed"
    "همسایه‌ام", "عمویم", "خاله‌ام", "عمه‌ام", "دایی‌ام", "برادرزاده‌ام", "خواهرزاده‌ام",
    "شاگردم", "بیمارم", "کارمندم", "کارمندمان", "مادرشوهرم", "خودم", "داشتم", "گرفتم",
    "יש לי", "אחותי", "אחי ", "ואני ", "שאני ", "אני,", "חליתי", "אובחנתי", "חמותי", "אחייני",
    # Arabic aunts, grandmother, "my patient", "our employee"; Hindi "our", nephews, uncles
    "خالتي", "عمتي", "جدتي", "مريضي", "موظفنا", "हमारा", "हमारी", "भतीज", "भांज", "चाचा",
    "मौसी", "ससुर",
    # Thai "our employee", nieces and nephews, subordinates, pupils; Bengali "our", colleague,
    # neighbour, nephews, nieces, in-laws, uncles
    "พนักงานของเรา", "หลานชาย", "หลานสาว", "ลูกน้อง", "ลูกศิษย์", "আমাদের", "সহকর্মী", "প্রতিবেশী",
    "ভাইপো", "ভাগ্নে", "ভাগ্নি", "ভাইঝি", "শাশুড়ি", "শ্বশুর", "কাকা", "মামা",
    # Khmer "I", husband, wife, son, daughter, siblings, neighbour, colleague
    "ខ្ញុំ", "ប្តី", "ប្ដី", "ប្រពន្ធ", "កូនប្រុស", "កូនស្រី", "បងប្រុស", "បងស្រី", "ប្អូនប្រុស",
    "ប្អូនស្រី", "អ្នកជិតខាង", "មិត្តរួមការងារ",
    # Burmese "I" (men's and women's), husband, wife, neighbour, colleague
    "ကျွန်တော်", "ကျွန်မ", "ကျနော်", "ခင်ပွန်း", "ဇနီး", "အိမ်နီးချင်း", "လုပ်ဖော်ကိုင်ဖက်",
)  # fmt: skip
# First-person and family words of Indic scripts, whole words ("மகன" and "எனக்கு" start
# words; "என் " is "my", "என்ன" is "what").
_INDIC_PERSON = (
    # Marathi
    "मी ", "माझा", "माझी", "माझे", "माझ्या", "मला ", "नवरा", "नवऱ्या", "बायको", "आई ", "आईला",
    "आईचा", "आईची", "आईचे", "वडील", "वडिलां", "भाऊ", "बहीण", "सासू", "सासरे",
    # Tamil
    "நான் ", "என் ", "என்னுடைய", "எனக்கு", "என்னை", "கணவ", "மனைவ", "மகன", "மகள", "அம்மா",
    "அப்பா ", "அப்பாவுக்கு", "அப்பாவின்", "அக்கா", "அண்ணன", "தம்பி", "தங்கை", "மாமியார",
    # Telugu
    "నేను", "నా ", "నాకు", "నన్ను", "భర్త", "భార్య", "కొడుకు", "కూతురు", "అమ్మ ", "అమ్మకు",
    "నాన్న", "అక్క ", "చెల్లెలు", "తమ్ముడు", "అత్తగారు",
    # Malayalam (old and new encodings of "I" and "my")
    "ഞാൻ", "ഞാന്‍", "എന്റെ", "എൻ്റെ", "എന്‍റെ", "എനിക്ക്", "എന്നെ", "ഭർത്താവ", "ഭാര്യ", "മകൻ",
    "മകന", "മകൾ", "മകള", "അമ്മ", "അച്ഛ", "ചേട്ടൻ", "ചേച്ചി", "അനിയൻ", "അനിയത്തി",
    "സഹപ്രവർത്തക", "അയൽക്കാര",
    # Kannada
    "ನಾನು", "ನನ್ನ", "ನನಗೆ", "ಗಂಡ ", "ಗಂಡನ", "ಪತಿ", "ಪತ್ನಿ", "ಹೆಂಡತಿ", "ಮಗ ", "ಮಗನ", "ಮಗಳ",
    "ಅಮ್ಮ", "ಅಪ್ಪ ", "ಅಪ್ಪನ", "ಅಪ್ಪಾ", "ಅಣ್ಣ", "ಅಕ್ಕ ", "ಅಕ್ಕನ", "ಸಹೋದ್ಯೋಗಿ", "ನೆರೆಹೊರೆಯವ",
    # Gujarati
    "હું ", "મારો", "મારી", "મારું", "મારા", "મને", "પતિ", "પત્ની", "દીકરો", "દીકરી", "દીકરા",
    "મમ્મી", "પપ્પા", "ભાઈ", "બહેન", "પાડોશી", "સહકર્મ",
    # Punjabi (Gurmukhi)
    "ਮੈਂ ", "ਮੇਰਾ", "ਮੇਰੀ", "ਮੇਰੇ", "ਮੈਨੂੰ", "ਪਤੀ", "ਪਤਨੀ", "ਘਰਵਾਲ", "ਪੁੱਤ", "ਧੀ ", "ਮਾਂ ", "ਪਿਤਾ",
    "ਭਰਾ", "ਭੈਣ", "ਗੁਆਂਢੀ",
    # Nepali
    "म ", "मेरो", "मलाई", "छोरा", "छोरी", "आमा ", "आमाको", "आमालाई", "बुबा", "दिदी", "बहिनी",
    "छिमेकी", "छु ", "थिएँ",
    # Sinhala
    "මම ", "මගේ", "මට ", "මාව", "සැමියා", "ස්වාමිපුරුෂයා", "බිරිඳ", "පුතා", "දුව ", "දුවට",
    "දුවගේ", "අම්මා", "තාත්තා", "අයියා", "අක්කා", "මල්ලි", "නංගි", "අසල්වැසි", "සගයා",
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
    "vih", "el sida", "del sida", "la sida", "le sida", "du sida", "de sida", "tengo sida",
    "cáncer", "diagnostic", "depresión", "ansiedad", "embarazad", "bipolar",
    "esquizofren", "cancer", "diagnostiqu", "dépression", "enceinte", "krebs", "diagnose",
    "depression", "schwanger", "borderline", "therapie", "hiv", "aids", "tumore", "cancro",
    "diagnosi", "depressione", "incinta", "câncer", "diagnóstico", "depressão", "grávida",
    "kanker", "depressie", "zwanger", "diagnoz", "depresj", "ciąż", "вич", "спид", "диагноз",
    "депресс", "беременн", "онколог", "kanser", "teşhis", "depresyon", "hamile", "gravid",
    "diagnos", "anorexi", "anoreksj", "анорекс", "alkoholi", "алкогол", "süchtig", "drogensucht", "spielsucht", "alkoholsucht", "suchtklinik",
    "suchtkrank", "magersucht", "adicción",
    # relationships
    "divorci", "divorce", "infidel", "amante", "engaña", "liaison", "me trompe", "m'a trompé", "me trompait", "trompe avec", "trompé avec",
    "trompée avec", "trompait avec", "maîtresse",
    "scheidung", "scheiden", "affäre", "betrügt", "fremdgeh", "divorzio", "separazion",
    "tradisce", "divórcio", "separação", "trai ", "affaire", "vreemdga", "rozwód", "romans",
    "zdradza", "kochank", "развод", "измена", "измену", "измены", "изменой", "изменил мне", "изменила мне",
    "изменяет мне", "изменял мне", "изменяла мне", "любовни", "boşan", "aldat", "skilsmäss", "skiljas",
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
    # HIV and AIDS: seropositive, and the abbreviations of other languages (whole words where
    # a stem starts common words: Croatian "živ" is "alive")
    "seropositiv", "soropositiv", "séropositi", "sieropositiv", "seropozitiv", "seropozytyw",
    "οροθετικ", "хив ", "спин ", "сида ", "miv ", "vigs ", "gib ", "hies ", "alnæmi",
    # cancers, tumours and chemotherapy (Slavic "rak" only in phrases: Swedish "rak" is
    # "straight", Polish "rakieta" a rocket)
    "linfoma", "lymphom", "chłoniak", "лимфом", "melanom", "меланом", "carcinom", "karcynom",
    "mieloma", "myelom", "mesoteliom", "leukemi", "lösemi", "tümör", "nowotw", "опухол", "пухлин", "тумор", "nádor", "daganat", "kemoterápi", "chimioterapi", "chemoterap",
    "hemoterapij", "хемотерап", "хемиотерап", "cellgift", "sytostaat", "solunsalpaaj",
    "keemiaravi", "ķīmijterap", "quimioter", "kimioterapia", "hóa trị", "càncer", "leucèmia",
    "рак ", "рака ", "раком", "раку ", "рак на", "mam raka", "ma raka", "na raka", "z rakiem",
    "rakiem", "od raka", "ima rak", "ima raka", "rak dojke", "rak pluća", "rak prostat",
    "rak piersi", "rak płuc", "rak jelita", "rak trzustki", "rakom", "raka dojke", "rak na ",
    "krabbamein", "lyfjameðferð", "vähk", "vähki ", "vähiga", "vähihaige", "vähiravi", "vėžys",
    "vėžiu", "vėžio", "vėžį", "vēzis", "vēzi ", "vēža ", "audzēj", "minbizi", "barah",
    # depression, bipolar disorder, schizophrenia, anxiety disorders
    "depressioon", "depressió", "þunglyndi", "kemurungan", "bipolaire", "bipolár", "биполяр",
    "биполар", "біполяр", "διπολ", "kaksisuuntai", "bipolaar", "bipolin", "bipolār", "geðhvörf",
    "dwubiegunow", "schizophr", "schizofren", "skizofren", "şizofren", "skitsofren",
    "skisofreen", "šizofren", "šizofrēn", "shizofren", "шизофрен", "σχιζοφρ", "geðklofi",
    "tâm thần phân liệt", "anxiét", "angststörung", "angststoorn", "angstlidelse", "angstanfald",
    "ansia ", "stany lękowe", "lękow", "úzkost", "úzkosť", "anxietat", "szorong", "anksiyete",
    "ångest", "ahdistu", "ärevus", "trauksm", "anksioz", "тревожное расстр", "тривожн",
    "анксиозн", "ansietat", "antsietate", "kecemasan", "kvíð", "αγχώδ", "rối loạn lo âu",
    "pagkabalisa",     # diabetes, hepatitis
    "diabet", "dijabet", "diabeet", "diabēt", "diabèt", "šećern", "sladkorn", "cukrzyc",
    "suhkruhaig", "kencing manis", "sokeritauti", "sukkersyke", "sockersjuk", "şeker hasta",
    "сахарн диабет", "диабет", "дијабет", "sykursýki", "hepatiit", "hepatīt", "хепатит",
    "ηπατίτιδ", "žloutenk", "žltačk", "żółtaczk", "wzw ", "žutic", "zlatenic", "lifrarbólg",
    "viêm gan", "homa ya ini",
    # pregnancy, abortion, miscarriage (Polish "trudny" is "difficult": Croatian "trudna"
    # whole)
    "aborto", "abortus", "abortu ", "abortti", "abortusz", "aborcj", "aborsie", "gjorde abort", "göra abort", "tok abort", "fikk abort",
    "avort", "avortament", "ivg ", "abtreibung", "schwangerschaftsabbruch", "tehotn", "trudna ",
    "trudnoć", "trudnica", "pobačaj", "noseč", "бременн", "аборт", "трудноћ", "побачај",
    "kürtaj", "düşük yap", "missfall", "spontanabort", "keskenmeno", "rase ", "nurisünnitus",
    "nėščia", "persileid", "grūtniec", "embarassad", "haurdun", "swanger", "keguguran",
    "pengguguran", "ólétt", "fóstureyðing", "fósturlát", "άμβλωση", "αποβολ",
    "phá thai", "sảy thai", "mimba", "pagpapalaglag", "nakunan", "lóyún", "loyun",
    # addiction, drugs, rehab (German "sucht" is also "searches")
    "drogadict", "desintoxic", "toxicoman", "tossicodipend", "drogas ", "drogue", "droghe",
    "drogenabhängig", "drogenkonsum", "narkoty", "narkotik", "narkoman", "narkomān", "наркотик",
    "наркотич", "нарколог", "дрога", "drogira", "ovisnost", "zasvojen", "mamil", "drogfüggő",
    "alkoholfüggő", "szenvedélybeteg", "droguri", "dezintox", "uyuşturucu", "missbruk",
    "misbrug", "misbruk", "knark", "avvänjning", "afvænning", "rusavhengig", "huumeriippuv",
    "päihdeongelm", "vieroitus", "sõltuvus", "addicció", "drogues", "mendekotasun", "dwelm",
    "verslaaf", "rehabilitasie", "dadah", "penagih", "ketagihan", "narkoba", "rehabilitasi",
    "fíkn", "ναρκωτικ", "απεξάρτ", "ma túy", "cai nghiện", "dawa za kulevya", "vício",
    # debt, arrears, loans, bankruptcy (Bulgarian "дълго" is "long", Latvian "parādīt" "to
    # show", Latvian "skola" "school": whole words and case forms)
    "quiebra", "préstamo", "hipoteca", "impago", "endeudad", "endividad", "faillite",
    "insolvenz", "privatinsolvenz", "mahnung", "fallimento", "prestito", "falência",
    "empréstimo", "inadimpl", "faillissement", "failliet", "schuldsanering", "lening",
    "betalingsachterst", "upadłoś", "kredyt", "pożyczk", "zaległ", "кредит", "банкрот",
    "банкрут", "займа", "займы", "займ ", "микрозайм", "просроч", "позик", "дълг ", "дългове", "задлъжн", "заем",
    "фалит", "дуг ", "дугов", "зајам", "dug ", "dugov", "ovrh", "bankrot", "stečaj", "zajam",
    "dolgov", "dolžan", "posojil", "izvršb", "dlh ", "dlhy ", "dlhov", "exekúci", "exekuc",
    "úver", "úvěr", "pôžičk", "půjčk", "insolvenc", "oddlužen", "faliment", "împrumut",
    "restanț", "tartozás", "hiteltartoz", "csőd", "iflas", "lån ", "lånet", "betalningsanmärkning", "skuldsanering", "betalingsanmerkning", "laina ", "asuntolaina", "pikavippi",
    "konkurssi", "ulosott", "maksuhäiriö", "võlg", "laen ", "laenu", "pankrot", "kohtutäitur",
    "skolos", "skolą", "skolų", "skoling", "paskol", "antstol", "parāds", "parādi ", "parādu ",
    "parādos", "parādā", "kredīt", "aizdevum", "deute", "préstec", "embargament", "zorrak", "zorretan", "mailegu", "porrot", "insolvent", "baljuw", "pinjaman", "bankrap",
    "muflis", "tunggakan", "pinjol", "bangkrut", "kredit macet", "gjaldþrot", "vanskil",
    "δάνει", "πτώχευ", "κατάσχεσ", "khoản vay", "vay tiền", "phá sản", "mkopo", "kufilisika",
    "pautang", "bangkarote", "gbèsè", "gbese",
    # salary and earnings (Portuguese "sou" is "I am", Slovenian "plača" also "pays")
    "nómina", "busta paga", "loon ", "výplat", "mzd", "vydělávám", "zarábam", "plaću ",
    "plaće ", "plata ", "zarađujem", "зарађујем", "заплата", "възнагражд",
    "plačo", "zaslužim", "zaslužek", "salariu", "venitul", "bérem", "lønnen", "lønna", "lönen",
    "ansaitsen", "palk ", "palga", "atlyginim", "uždirbu", "alga ", "algu ", "algas ",
    "nopelnu", "salari ", "nòmina", "soldata", "irabazten", "pendapatan", "laun ", "launin",
    "owó oṣù",
    # divorce, custody, separation
    "separación", "garde alternée", "garde des enfants", "sorgerecht", "affidamento",
    "echtscheiding", "voogdij", "omgangsregeling", "rozwod", "opieka nad dzieck", "separacj",
    "rozveden", "razvod", "razveden", "skrbništv", "разведен", "развелся", "развелась", "развёлся", "развелись", "ločitev", "elváltunk", "elvált ",
    "elválunk", "elválok", "velayet", "vårdnad", "forældremyndighed", "eronnut", "erosimme",
    "huoltajuus", "lahutus", "lahutasime", "hooldusõigus", "skyryb", "išsiskyr", "šķiršan",
    "šķīrāmies", "custòdia", "dibortzi", "banandu", "egskeiding", "geskei", "hak penjagaan",
    "skilnað", "forsjá", "ly thân",
    # affairs (Russian "изменить" is also "to change", French "se tromper" "to be wrong")
    "infidél", "infidèle", "tradito", "tradimento", "traição", "extraconjug", "extraconiug",
    "overspel", "zdrad", "nevěr", "podvádí", "podvádza", "milenk", "milenec", "nevjeru",
    "nevjera ", "ljubavnic", "ljubimk", "nezvest", "љубавниц", "изневер", "зрад", "коханк",
    "yasak aşk", "otrohet", "älskarinna", "utroskab", "utroskap", "utro ",
    "elskerinne", "uskottom", "syrjähyp", "truudusetu", "armuke", "neištikim", "meilužė",
    "krāpj", "m'enganya", "maitale", "ontrou", "minnares", "selingkuh", "framhjáhald",
    "ερωμέν", "μοιχεία", "ngoại tình", "có bồ", "mchepuko", "anachepuka", "nangangaliwa",
        # violence at home
    "violences conjugales", "me frappe", "bat sa femme", "frappe sa femme", "häuslicher gewalt",
    "schlägt mich", "schlägt seine frau", "maltrat", "maltratt", "mi picchia", "picchia la moglie",
    "me pega", "pega a su mujer", "me bate", "bate na mulher", "mishandel", "mishandl",
    "slaat mij", "slaat zijn vrouw", "przemoc domow", "bije mnie", "bije żonę", "domácí násilí",
    "bije mě", "týrá", "domáce násilie", "bije ma", "týra", "obiteljsko nasil", "nasilje u obitelji",
    "porodično nasil", "tuče me", "tukao me", "zlostavlj", "насиље у породици", "злостављ",
    "туче ме", "nasilje v družini", "pretepa", "me tepe", "домашно насилие", "бие ме",
    "бие жена си", "малтретир", "домашнее насилие", "бьёт меня", "бьет меня", "избивает",
    "побои", "домашнє насильство", "б'є мене", "б'є дружину", "violență domestică", "mă bate",
    "își bate soția", "családon belüli erőszak", "megver", "bántalmaz", "aile içi şiddet",
    "dövüyor", "şiddet gör", "våld i nära relation", "slår mig", "slår sin fru", "vold i hjemmet",
    "slår meg", "vold i nære", "perheväkiv", "lähisuhdeväkiv", "hakkaa minua", "pahoinpitel",
    "perevägiv", "lähisuhtevägiv", "peksab", "smurt", "vardarbīb", "sit mani",
    "violència masclista", "violència domèstica", "maltract", "tratu txar", "indarkeri",
    "gesinsgeweld", "huishoudelike geweld", "keganasan rumah tangga", "pukul saya",
    "memukul isteri", "memukul istri", "kdrt", "kekerasan dalam rumah tangga", "dipukul",
    "heimilisofbeldi", "lemur mig", "ενδοοικογενει", "με χτυπάει", "bạo lực gia đình",
    "đánh vợ", "đánh tôi", "ananipiga", "unyanyasaji", "binubugbog", "karahasan sa tahanan",
    "sinasaktan",
    # arrest, conviction, probation, parole, prison, a criminal record (Croatian "zatvoren"
    # is "closed", Bulgarian "затворено" too: whole words and cases)
    "libertad condicional", "expresidiari", "prison", "incarcér", "sursis",
    "liberté conditionnelle", "ancien détenu", "auf bewährung", "bewährungshelfer",
    "bewährungsstrafe", "haftstrafe", "knast", "vorbestraft", "untersuchungshaft",
    "libertà vigilata", "ex detenut", "galera", "pregiudicat", "liberdade condicional",
    "ex-presidiári", "presidiári", "na cadeia", "da cadeia", "ficha criminal", "reclassering",
    "gedetineerd", "bajes", "skazan", "areszt", "dozór elektron", "zwolnienie warunkowe",
    "odsiad", "trestní rejstřík", "rejstřík trest", "podmíněně propuštěn", "zadržen",
    "obviněn", "kriminál", "výkonu trestu", "zatknut", "väzen", "väzn", "odsúden", "obvinen",
    "register trestov", "registri trestov", "uhićen", "uhapšen", "zatvor ", "zatvoru",
    "zatvora ", "osuđen", "kaznena evidencij", "kazneni dosje", "uvjetni otpust",
    "uvjetnu kaznu", "pritvor", "optužen", "ухапшен", "затвор ", "затвору", "затвора ",
    "осуђен", "притвор", "оптужен", "aretiran", "zapor ", "zaporu", "obsojen", "kazenska evidenc",
    "priprt", "арест", "задържан", "осъден", "присъда", "съдимост", "пробация",
    "условно-досрочн", "условный срок", "отсидел", "судим", "засуджен", "судиміст", "затриман",
    "умовний термін", "cazier", "eliberare condiționată", "pușcărie", "dosar penal", "elítél",
    "büntetett előélet", "priusz", "őrizetbe", "feltételes szabad", "mahkum", "hüküm giy",
    "denetimli serbest", "şartlı tahliye", "adli sicil", "fängelse", "häktad",
    "villkorlig dom", "skyddstillsyn", "belastningsregist", "anhållen", "dømt", "varetægt", "betinget dom", "prøveløsla", "varetekt", "domfelt", "tuomittiin",
    "tuomittu", "ehdonalai", "rikosrekister", "putka", "arreteeri", "vahistat", "vangla",
    "süüdi mõist", "karistusregist", "kinnipeet", "suimt", "suėmė", "kalėjim", "nuteist",
    "teistum", "lygtin", "sulaikyt", "arestē", "aizturēt", "cietum", "notiesāt", "sodāmīb",
    "detingut", "condemna", "presó", "antecedents penals", "llibertat condicional", "atxilot",
    "espetxe", "kartzela", "kondenatu", "gearresteer", "in hegtenis", "tronk", "veroordeel",
    "skuldig bevind", "kriminele rekord", "parool", "dipenjara", "dihukum", "rekod jenayah",
    "banduan", "napi ", "divonis", "catatan kriminal", "bebas bersyarat",
    "handtek", "fangelsi", "dæmdur", "sakaskrá", "καταδικ", "ποινικό μητρώο", "αποφυλακ",
    "συλλήφθη", "συνέλαβαν", "ngồi tù", "đi tù", "án tù", "nhà tù", "tiền án", "tiền sự",
    "án treo", "bị kết án", "tạm giam", "ra tù", "alikamatwa", "kukamatwa", "amekamatwa",
    "jela", "kifungo", "alihukumiwa", "nilihukumiwa", "rekodi ya uhalifu", "nakulong",
    "bilanggo", "nahatulan", "hinuli", "ẹ̀wọ̀n", "ewon ",
    # refugees, asylum, deportation, residence permits, no papers
    "refugiad", "rifugiat", "refugiat", "deport", "permiso de residencia",
    "expulsad", "solicitante de asilo", "sans-papiers", "asile", "réfugié", "expuls", "oqtf ",
    "carte de séjour", "asyl", "flüchtling", "geflüchtet", "aufenthaltstitel",
    "aufenthaltserlaubnis", "aufenthaltsgenehmigung", "abgeschoben", "ohne papiere",
    "senza documenti", "autorização de residência", "título de residência", "asiel",
    "vluchteling", "uitzetting", "ongedocumenteerd", "geen papieren", "azyl", "uchodźc",
    "karta pobytu", "zezwolenie na pobyt", "wydalen", "uprchlík", "uprchlic",
    "povolení k pobytu", "povolení k trvalému", "nelegáln", "vyhošť", "utečen",
    "povolenie na pobyt", "vyhosten", "tražitelj azila", "azilant", "izbjeglic", "deportir",
    "protjeran", "dozvola boravka", "dozvolu boravka", "dozvolu za boravak",
    "dozvola za boravak", "boravišnu dozvol", "boravišna dozvol", "boravišne dozvol",
    "bez papira", "bez dokumenata", "тражилац азила", "азилант", "избеглиц", "дозвола боравка",
    "дозволу боравка", "дозволу за боравак", "протеран", "prosilec za azil", "prosilka za azil",
    "begunec", "begunk", "dovoljenje za prebivanje", "brez dokumentov", "бежан", "убежищ",
    "за пребиваване", "без документи", "беженец", "беженц", "беженк", "на жительство", "рвп ", "внж ",
    "выдворен", "біженц", "політичний притулок", "посвідк на прожив", "посвідку на прожив",
    "azil ", "permis de ședere", "drept de ședere", "fără acte", "expulz", "menedékjog",
    "menekült", "kitoloncol", "tartózkodási engedély", "papírok nélkül", "sığınmacı",
    "mülteci", "iltica", "sınır dışı", "ikamet izni", "geçici koruma", "flykting",
    "papperslös", "utvisad", "uppehållskort", "arbetstillstånd", "flygtning", "opholdstilladelse", "papirløs", "flyktning", "utvist", "oppholdstillatelse", "turvapai",
    "pakolai", "karkot", "oleskelulupa", "paperiton", "työlupa", "varjupaik", "pagula",
    "välja saadet", "elamisluba", "dokumentideta", "prieglobst", "pabėgėl", "leidimas gyventi",
    "leidimo gyventi", "be dokumentų", "patvērum", "bēgļ", "bēglis", "uzturēšanās atļauj",
    "asil ", "d'asil", "permís de residència", "sense papers", "errefuxiatu",
    "bizileku baimen", "paperik gabe", "vlugteling", "gedeporteer", "verblyfpermit",
    "sonder papiere", "pelarian", "suaka politik", "pencari suaka", "dihantar pulang", "permit kerja", "tanpa dokumen",
    "pengungsi", "izin tinggal", "flóttam", "hælisleit", "brottvís", "dvalarleyf", "πρόσφυγ",
    "άσυλο", "απέλασ", "άδεια διαμονής", "tị nạn", "trục xuất", "thẻ cư trú", "cư trú bất hợp",
    "nhập cư bất hợp", "mkimbizi", "wakimbizi", "hifadhi ya kisiasa", "kufukuzwa nchini",
    "kibali cha ukaazi", "kibali cha kuishi", "tago ng tago", "walang papeles",
    # sexuality and gender identity (Hungarian "meleg" is "warm", Danish "bøsse" a rifle)
    "soy lesbiana", "bisexu", "biseksu", "bisessual", "bissexual", "biszexu", "bisexuál",
    "transexual", "transsexu", "transgénero", "transgênero", "transgenre", "transgender",
    "transgènere", "transrodn", "transpłciow", "transznemű", "transkønnet", "transperson",
    "transsukupuol", "transsooline", "translyt", "trans birey", "salir del armario",
    "salí del armario", "sair do armário", "saí do armário", "uit de kast", "sortir de l'armari",
    "coming-out", "geoutet", "omosessual", "homossexual", "homoszexu", "lésbica", "lesbica",
    "lezbijk", "lezbiyen", "lesbijk", "лезбејк", "лесбийк", "гомосексуал", "хомосексуал",
    "геј ", "истополн", "istospoln", "homofil", "bifil", "tulin kaapista", "tuli kaapista", "kaapista ulos", "gei ", "gėj",
    "gejs", "geju ", "gai ", "homo ", "hommi", "samkynhneig", "tvíkynhneig", "λεσβία",
    "αμφιφυλόφιλ", "γκέι", "song tính", "chuyển giới", "mashoga", "tomboy", "tibo ",
    "lesbiyana", "waria", "transpuan", "mak nyah", "pondan", "sono gay", "sou gay", "jsem gay",
    "som gay", "ik ben homo",
    # faith left or changed
    "apostat", "apóstat", "apostazj", "convertirme al", "me convertí al", "dejé la iglesia",
    "dejé el islam", "je me suis converti", "converti à", "convertie à", "quitté l'islam",
    "quitté l'église", "zum islam konvert", "zum islam übergetreten", "zum christentum konvert", "zum christentum übergetreten", "zum judentum konvert", "zum judentum übergetreten", "konvertit",
    "kirchenaustritt", "aus der kirche ausgetreten", "convertito all'islam", "convertito al cristianesimo", "convertita all'islam", "convertita al cristianesimo",
    "mi sono convertit", "sbattezz", "converti ao", "converti-me ao", "deixei a igreja", "bekeer", "afvallig", "ex-moslim", "przeszedłem na", "przeszłam na",
    "nawróci", "wystąpiłem z kościoła", "wystąpiłam z kościoła", "odszedłem z kościoła", "odeszłam z kościoła", "vystoupil z církve", "vystoupila z církve", "vystúpil z cirkvi",
    "prešao na islam", "prešla na islam", "napustio crkvu", "napustila crkvu",
    "прешао у ислам", "izstopil iz cerkve", "приех исляма", "смених религията",
    "принял ислам", "приняла ислам", "отрекся от веры", "вероотступ", "прийняв іслам",
    "прийняла іслам", "m-am convertit", "convertit la", "áttértem", "kiléptem az egyházból",
    "hitehagy", "dinden çık", "mürted", "hristiyan oldum", "müslüman oldum", "din değiştir",
    "konverterade till", "lämnade kyrkan", "lämnat islam", "avfälling", "konverteret til",
    "meldt mig ud af folkekirken", "konvertert til", "meldt meg ut av kirken", "meldt meg ut av statskirken", "frafallen", "erosin kirkosta",
    "islamiin", "uskosta luopu", "usust taganen", "lahkusin kirikust", "atsivertiau",
    "palikau bažnyčią", "pievērsos islām", "em vaig convertir", "murtad", "masuk islam",
    "keluar islam", "memeluk islam", "mualaf", "pindah agama", "keluar dari islam",
    "úr þjóðkirkjunni", "αλλαξοπίστ", "bỏ đạo", "cải đạo", "nimesilimu", "niliacha dini",
    "umalis sa simbahan",
    # dismissal, disciplinary action (Croatian "otkazati" is "to cancel", Ukrainian
    # "звільнити місце" "to free up space")
    "me despidieron", "despido improcedente", "carta de despido", "mi despido", "expediente disciplinario", "sanción disciplinaria",
    "amonestación", "mise à pied", "procédure disciplinaire", "rupture conventionnelle",
    "fristlos", "rausgeschmissen", "rausgeworfen", "disziplinar", "licenziament",
    "provvedimento disciplinare", "demissão", "processo disciplinar", "mandaram-me embora", "mandado embora", "mandada embora", "ontslag", "op staande voet",
    "berisping", "dyscyplinar", "nagana", "naganę", "nagany", "vyhozen", "výpověď", "disciplinár", "vyhodili ma", "vyhodili mě",
    "výpoveď", "prepusten", "otkaz ", "disciplinsk", "otpušten", "izbačen s posla",
    "отпуштен", "дисциплинск", "добио отказ", "добила отказ", "odpoved", "odpuščen", "уволн",
    "увольн", "дисциплинарн", "съкратен", "выговор", "звільнили мене", "мене звільнили",
    "звільнений з роботи", "звільнили з роботи", "звільнення з роботи", "догана",
    "дисциплінарн", "concediat", "concediere", "kirúg", "elbocsát", "fegyelmi",
    "disiplin cezası", "ihtar", "uppsagd", "disciplinär", "afskediget", "bortvist",
    "oppsagt", "avskjediget", "suspendert", "irtisanottiin", "irtisanottu", "potkut",
    "lomaut", "vallandat", "koondat", "distsiplinaar", "atleido iš darbo", "atleistas iš darbo", "atleista iš darbo", "atleidimas iš darbo", "drausmin", "atlaists",
    "atlaida no darba", "disciplinār", "acomiadat", "acomiadament", "expedient disciplinari",
    "m'han fet fora", "kaleratu", "lanetik bota", "afgedank", "ontslaan", "dissiplinêr",
    "dipecat", "diberhentikan", "tindakan disiplin", "surat amaran", "phk ", "uppsögn",
    "απολύθηκα", "απόλυσ", "πειθαρχικ", "bị sa thải", "sa thải", "bị kỷ luật", "đuổi việc",
    "nilifukuzwa kazi", "kufukuzwa kazi", "alifukuzwa kazi", "natanggal sa trabaho",
    "sinisante",     # sick leave
    "estoy de baja", "está de baja", "de baja por", "incapacidad temporal", "krankmeldung", "krank gemeldet", "certificato medico",
    "baixa médica", "ziekgemeld", "ziektewet", "na l4", "neschopenk", "pracovní neschopnost",
    "práceneschopn", "bolovanj", "боловањ", "bolnišk", "болничен", "лікарнян",
    "concediu medical", "táppénz", "betegszabadság", "rapor aldım", "raporlu",
    "istirahat raporu", "sjukledig", "sjukfrånvaro", "sygemeld", "sygeorlov", "sykmeld",
    "sykemeld", "sykefravær", "sairauslom", "sairaslom", "haigusleht", "nedarbingum",
    "slimības lap", "darbnespēj", "baixa mèdica", "estic de baixa", "està de baixa", "siekverlof", "cuti sakit",
    "surat sakit", "veikindaleyf", "veikindafrí", "αναρρωτική", "nghỉ ốm",
    "likizo ya ugonjwa",
    # Yoruba: cancer, diabetes, divorce, tuberculosis, epilepsy
    "jẹjẹrẹ", "jejere", "àtọ̀gbẹ", "atogbe", "ìkọ̀sílẹ̀", "ikọsilẹ", "ikọ ẹgbẹ", "ikọ́ ẹ̀gbẹ",
    "warapa", "wárápá",
    # eating disorders, an abortion had, a suspended sentence, a debt owed (sv, de, fi, hu)
    "героин", "героїн", "кокаин", "кокаїн", "метадон", "нарколог",
    "avc ", "accident vasculaire", "ätstörning", "kräks ", "spyr ", "abgetrieben", "ehdollise", "rattijuop", "tartozik",
    "syömishäiriö", "essstörung", "eetstoorn", "trastorno alimentari", "trouble alimentaire",
    # tuberculosis, epilepsy and seizures, thyroid disease, cerebral palsy, eating disorders
    # (es, fr, de, pt, it)
    "tuberculos", "tuberkul", "tubercolos", "épilep", "epiless", "convulsi", "convulsõ", "convulsã",
    "krampfanf",
    "hipotiroid", "hipertiroid", "hypothyr", "hyperthyr", "hypothyreo", "hyperthyreo",
    "ipotiroid", "ipertiroid", "hipotireoid", "hipertireoid", "hashimoto", "basedow",
    "schilddrüsenunterfunk", "schilddrüsenüberfunk", "tiroid", "tireoid", "thyroïd",
    "parálisis cerebral", "paralysie cérébrale", "paralisia cerebral", "paralisi cerebrale",
    "zerebralparese", "cerebralparese", "bulimi", "boulimi", "anoressi",
    # gambling, alcohol, opioid substitution, drug possession
    "ludopat", "adicción al juego", "addiction au jeu", "addiction aux jeux", "glücksspielsucht",
    "vício em jogo", "vício no jogo", "gioco d'azzardo patolog", "azzardopat",
    "alkoholabhängig", "alcoolodépend", "alcoholodependen", "metadon", "méthadone", "methadon",
    "buprenorf", "buprénorph", "buprenorph", "subutex", "suboxon", "substitutionstherap",
    "substitutionsbehand", "traitement de substitution", "posesión de drogas",
    "tenencia de drogas", "possession de stupéfiants", "détention de stupéfiants",
    "drogenbesitz", "betäubungsmittelgesetz", "posse de drogas", "porte de drogas",
    "possesso di droga", "possesso di stupefacenti", "detenzione di stupefacenti",
    # panic disorder, self-harm
    "trastorno de pánico", "trouble panique", "panikstörung", "transtorno do pânico",
    "transtorno de pânico", "disturbo di panico", "selbstmord", "ritze mich",
    # sexually transmitted infections
    "clamidia", "clamídia", "chlamydi", "gonorr", "tripper ", "sífil", "sifil", "syphili",
    "herpès", "transmisión sexual", "sexuellement transmissible", "geschlechtskrank",
    "sexuell übertragbar", "sexualmente transmissível", "sessualmente trasmess",
    "sessualmente trasmissibil",
    # kidney failure and dialysis, hearing loss and cochlear implants
    "insuficiencia renal", "insuffisance rénale", "niereninsuff", "nierenversagen",
    "insuficiência renal", "insufficienza renale", "hemodiál", "hemodial", "hämodial",
    "hémodial", "emodial", "diálise", "dialisi", "pérdida auditiva", "hipoacusi", "sordera",
    "perte auditive", "surdité", "malentendant", "schwerhörig", "hörverlust", "hörgerät",
    "perda auditiva", "surdez", "ipoacusi", "sordità", "perdita dell'udito", "coclear",
    "cochléaire", "cochlea", "cocleare", "kochlear",
    # special education: learning disabilities, behavioural and emotional disturbance
    "discapacidad intelectual", "dificultades de aprendizaje", "trastornos del aprendizaje",
    "trastorno del aprendizaje", "trastorno de conducta", "necesidades educativas especiales",
    "trouble d'apprentissage", "troubles d'apprentissage", "troubles des apprentissages",
    "troubles du comportement", "lernbehinder", "lernstörung", "förderbedarf",
    "förderschwerpunkt", "verhaltensstörung", "transtorno de aprendizagem",
    "distúrbio de aprendizagem", "dificuldade de aprendizagem", "disturbo dell'apprendimento",
    "disturbi specifici dell'apprendimento", "dislexi", "dyslexi", "legasthen", "dislessi",
    "discalcul", "dyscalcul", "dyskalkul",
    # suspended sentences, embezzlement
    "pena suspendida", "condena condicional", "suspensión de la condena", "pena suspensa",
    "pena sospesa", "sospensione condizionale", "peculado", "peculato",
    # forced and child marriage, women's shelters, wage garnishment
    "matrimonio forzado", "matrimonio forzoso", "matrimonio infantil", "mariage forcé",
    "mariage précoce", "zwangsheirat", "zwangsehe", "kinderehe", "casamento forçado",
    "casamento infantil", "matrimonio forzato", "matrimonio precoce", "casa de acogida",
    "casa refugio", "refugio para mujeres", "foyer pour femmes", "centre d'hébergement",
    "frauenhaus", "frauenschutzhaus", "schutzwohnung", "casa abrigo", "casa-abrigo",
    "casa rifugio", "centro antiviolenza", "lohnpfänd", "gehaltspfänd", "kontopfänd",
    "saisie sur salaire", "saisie-attribution", "saisie sur compte",
    # Russian and Ukrainian: tuberculosis, epilepsy, thyroid disease, cerebral palsy, eating
    # disorders, gambling, substitution therapy, suicide, self-harm, sexually transmitted
    # infections, kidney failure, hearing loss, learning disorders, embezzlement, forced
    # marriage, crisis centres, enforcement
    "туберкул", "епілепс", "епилепс", "припадк", "гипотиреоз", "гипертиреоз", "гіпотиреоз",
    "щитовидк", "тиреоидит", "дцп", "церебральный паралич", "церебральним паралічем",
    "булими", "булімі", "анорексі", "игромани", "лудомани", "лудоман", "ігроман",
    "бупренорф", "заместительной терап", "заместительная терап", "замісн терап", "самоубийств",
    "самогубств", "суїцид",
    "самоушкодж", "хламиди", "хламіді", "гоноре", "сифилис", "сифіліс", "венерич",
    "почечная недостаточ", "почечной недостаточ", "ниркова недостат", "ниркової недостат",
    "гемодиализ", "диализ", "гемодіаліз", "діаліз", "тугоухост", "потеря слуха",
    "потерю слуха", "слуховой аппарат", "слуховий апарат", "втрата слуху", "кохлеар",
    "дислекси", "дисграфи", "дислексі", "умственная отсталость", "растрат", "розтрат",
    "принудительный брак", "выдали замуж", "примусовий шлюб", "кризисный центр",
    "кризовий центр", "исполнительный лист", "исполнительное производство",
    # Polish
    "gruźlic", "padaczk", "drgawk", "niedoczynność tarczycy", "nadczynność tarczycy",
    "niedoczynności tarczycy", "mózgowe porażenie", "porażenie mózgowe", "porażeniem mózgowym",
    "anoreks", "od hazardu", "hazardzist", "lęk panicz", "zaburzenie panicz", "rzeżączk",
    "kiła ", "kiłę ", "kiły ", "wenerycz", "niewydolność nerek", "niewydolności nerek",
    "dializ", "niedosłuch", "aparat słuchowy", "aparatu słuchowego", "implant ślimakow",
    "dysleks", "kształcenia specjalnego", "niepełnosprawność intelektualn", "defraudac",
    "przymusowe małżeństwo", "małżeństwo przymusowe", "ośrodek interwencji kryzysowej",
    "dom samotnej matki", "zajęcie wynagrodzenia", "komornicz",
    # Turkish
    "veremli", "verem hastal", "verem tedavi", "tüberküloz", "sara hastal", "haşimoto",
    "serebral palsi", "kumar bağım",
    "kumar borc", "kumar hastal", "alkolizm", "alkol bağım", "panik bozukl", "kendine zarar",
    "klamidya", "bel soğukluğu", "frengi", "cinsel yolla bulaşan", "böbrek yetmez", "diyaliz",
    "işitme kaybı", "işitme cihazı", "koklear", "disleks", "öğrenme güçlüğü", "zorla evlendir",
    "zorla evlilik", "zorla evlen", "çocuk gelin", "çocuk yaşta evl", "kadın sığınma",
    "sığınma evi", "sığınmaevi", "haczi", "haczin",
    # Dutch
    "schildklier", "hersenverlamming", "cerebrale parese", "gokverslav", "gokschuld",
    "alcoholverslav", "drugsbezit", "paniekstoornis", "zelfmoord", "zelfbeschadig",
    "geslachtsziekte", "nierfalen", "nierinsufficiën", "slechthorend", "gehoorverlies",
    "hoorapparaat", "leerstoornis", "voorwaardelijke straf", "voorwaardelijke gevangenisstraf",
    "gedwongen huwelijk", "kindhuwelijk", "vrouwenopvang", "blijf-van-mijn-lijf", "loonbeslag",
    # Swedish, Danish, Norwegian
    "krampanfall", "hypotyreos", "hypertyreos", "sköldkörtel", "stofskiftesygdom",
    "stoffskiftesykdom", "lavt stofskifte", "lavt stoffskifte", "spelberoende", "spelmissbruk",
    "alkoholberoende", "spilleafhængig", "spilleavhengig", "narkotikabrott", "narkotikasag",
    "panikångest", "panikangst", "självmord", "självskad", "selvmord", "selvskad",
    "klamydia", "syfil", "könssjukdom", "kønssygdom", "kjønnssykdom", "njursvikt", "nyresvigt",
    "nyresvikt", "hörselnedsättning", "hörapparat", "høretab", "hørselstap", "høreapparat",
    "ordblind", "läs- och skrivsvårighet", "inlärningssvårighet", "förskingr", "underslæb",
    "tvångsgifte", "tvångsäktenskap", "barnäktenskap", "tvangsægteskab", "tvangsgifte",
    "tvangsekteskap", "kvinnojour", "skyddat boende", "krisecenter", "krisesenter",
    "löneutmätning", "lønindeholdelse", "utleggstrekk",
    # Finnish, Estonian
    "kilpirauhasen vajaatoim", "kilpirauhasen liikatoim", "cp-vamma", "buliimi", "peliriippuv",
    "peliongelm", "huumausainerikos", "paniikkihäiriö", "itsemurha", "viiltel", "itsetuho",
    "tippuri", "sukupuolitau", "munuaisten vajaatoim", "dialyy", "kuulovamma", "kuulolaite",
    "sisäkorvaistute", "lukihäiriö", "oppimisvaike", "ehdollinen vankeus", "kavallu",
    "pakkoavioliit", "lapsiavioliit", "turvakoti", "kilpnäärme", "ajuhalvatus",
    "hasartmängusõltuvus", "metadoon", "paanikahäire", "enesetapp", "enesevigastus",
    "klamüüdia", "gonorröa", "süüfilis", "suguhaigus", "neerupuudulikkus", "dialüüs",
    "kuulmislangus", "kuuldeaparaat", "düsleksia", "tingimisi vangistus", "tingimisi karistus",
    "omastami", "sundabielu",
    "turvakodu",
    # Hungarian, Romanian
    "pajzsmirigy-alulműköd", "pajzsmirigy-túlműköd", "pajzsmirigy alulműköd",
    "pajzsmirigy túlműköd", "szerencsejáték-függ", "játékfügg", "kábítószer-birtokl",
    "pánikbeteg", "pánikroham", "öngyilkos", "önsértés", "önsebz", "szifilisz",
    "nemi betegség", "veseelégtelen", "dialíz", "nagyothall", "hallásvesztés", "hallókészülék",
    "diszlexi", "tanulási zavar", "sajátos nevelési igény", "felfüggesztett börtön",
    "felfüggesztett szabadság", "sikkaszt", "kényszerházasság", "gyermekházasság",
    "anyaotthon", "fizetésletilt", "bérletilt", "tuberculoz", "paralizie cerebral",
    "dependență de jocuri", "atacuri de panică", "atac de panică", "tulburare de panică",
    "sinucid", "autovătăm", "gonoree", "transmitere sexuală", "insuficiență renală",
    "hipoacuzi", "pierderea auzului", "proteză auditivă", "implant cohlear", "cu suspendare",
    "delapid", "căsătorie forțată", "căsătoria forțată", "căsătorii forțate",
    "căsătorie timpurie", "adăpost pentru victim", "poprire",
    # Greek
    "φυματίωσ", "επιληψ", "υποθυρεοειδ", "υπερθυρεοειδ", "θυρεοειδ", "εγκεφαλική παράλυσ",
    "βουλιμ", "ανορεξ", "τζόγο", "αλκοολισμ", "αλκοολικ", "μεθαδόν", "κρίσεις πανικού",
    "διαταραχή πανικού", "αυτοκτον", "αυτοτραυματ", "χλαμύδι", "γονόρροι", "βλεννόρροι",
    "σύφιλη", "σεξουαλικώς μεταδιδ", "νεφρική ανεπάρκει", "αιμοκάθαρσ", "απώλεια ακοής",
    "βαρηκοΐ", "κοχλιακ", "δυσλεξ", "μαθησιακές δυσκολ", "με αναστολή", "υπεξαίρεσ",
    "καταναγκαστικό γάμο", "ξενώνα κακοποιημένων", "καταφύγιο γυναικών",
    # Czech and Slovak
    "padoucnic", "štítné žlázy", "štítnej žľazy", "mozková obrna", "mozkovou obrnou",
    "mozgová obrna", "gambler", "panická porucha", "panické ataky", "sebevražd", "samovražd",
    "sebepoškoz", "sebapoškod", "potrat", "interrupce ", "interrupci ", "kapavk", "pohlavní chorob",
    "pohlavné chorob", "selhání ledvin", "zlyhanie obličiek", "dialýz", "nedoslýchav",
    "ztráta sluchu", "strata sluchu", "naslouchadl", "načúvac", "kochleár", "poruch učení",
    "poruchy učenia", "podmíněný trest", "podmínečn", "podmienečn", "zpronevěr", "sprenever",
    "nucený sňatek", "nútený sobáš", "azylový dům", "azylovém domě", "azylový dom",
    # Serbian, Croatian, Bosnian, Slovenian, Macedonian, Bulgarian
    "padavic", "hipotireoz", "хипотиреоз", "štitnjač", "štitast", "штитаст",
    "cerebralna paraliza", "cerebralnu paralizu", "церебрална парализа", "коцкар",
    "коцкањ", "kockanj", "алкохолиз", "алкохолик", "alkoholizam", "paničn", "паничн",
    "samoubistv", "samoubojstv", "самоубиств", "samomor", "samoozljeđ", "samopovređ",
    "самоповређ", "самонаран", "klamidij", "хламидиј", "spolno prenosiv", "polno prenosiv",
    "полно преносив", "zatajenje bubrega", "otkazivanje bubrega", "бубрежн", "bubrežn",
    "бъбречна недостатъчност", "dijaliz", "дијализ", "gubitak sluha", "gubitka sluha",
    "оштећење слуха", "slušni aparat", "slušnog aparata", "kohlearn", "disleks", "дислексиј",
    "дислекси", "poteškoće u učenju", "teškoće u učenju", "uvjetna kazna", "uvjetnu kaznu",
    "uslovna kazna", "uslovnu kaznu", "условна казна", "условну казну", "условна присъда",
    "условна осуда", "pronevjer", "pronever", "проневер", "prisilni brak",
    "prisilna poroka", "принудни брак", "sigurna kuća", "sigurnoj kući", "сигурна кућа",
    "кризисен център", "zaplena plate", "запор върху заплата", "tuberkuloz", "туберкулоз",
    # Vietnamese
    "bệnh lao", "lao phổi", "động kinh", "suy giáp", "cường giáp", "bệnh tuyến giáp",
    "bại não", "chán ăn tâm thần", "cuồng ăn", "nghiện cờ bạc", "nợ cờ bạc",
    "rối loạn hoảng sợ", "tự tử", "tự sát", "tự làm hại", "tự hại", "bệnh lậu", "giang mai",
    "bệnh xã hội", "lây truyền qua đường tình dục", "suy thận", "chạy thận", "lọc máu",
    "khiếm thính", "mất thính lực", "máy trợ thính", "ốc tai điện tử", "khuyết tật học tập",
    "chứng khó đọc", "tham ô", "biển thủ", "tảo hôn", "ép hôn", "ép cưới", "nhà tạm lánh",
    "trừ lương", "khấu trừ lương",
    # Indonesian and Malay, Tagalog
    "kejang ", "lumpuh otak", "gangguan panik", "bunuh diri", "melukai diri", "menyakiti diri",
    "aborsi", "menggugurkan", "klamidia", "gonore", "kencing nanah", "raja singa",
    "penyakit kelamin", "menular seksual", "gagal ginjal", "cuci darah", "hemodialisis",
    "gangguan pendengaran", "alat bantu dengar", "implan koklea", "kesulitan belajar",
    "hukuman percobaan", "penggelapan", "kawin paksa", "nikah paksa", "perkahwinan paksa",
    "pernikahan dini", "pernikahan anak", "perkahwinan bawah umur", "rumah aman",
    "rumah perlindungan", "potong gaji", "potongan gaji", "epilepsya", "kombulsyon",
    "sakit sa thyroid", "sugal ", "pagsusugal", "sugarol", "lasenggo", "pagkalulong",
    "magpakamatay", "pagpapakamatay",
    "sinasaktan ang sarili", "sipilis", "sakit sa bato", "pagkabingi", "bingi ",
    "rekord kriminal", "kriminal na rekord", "pangungurakot", "sapilitang kasal",
    "pinilit ikasal",
    # Swahili
    "kifua kikuu", "kifafa", "kupooza kwa ubongo", "kamari", "ulevi ", "mlevi ", "kujiua",
    "kujidhuru", "kutoa mimba", "kisonono", "kaswende", "magonjwa ya zinaa",
    "ugonjwa wa zinaa", "figo kushindwa", "kushindwa kwa figo", "dayalisisi",
    "kusafisha damu", "uziwi", "kiziwi", "ulemavu wa kusoma", "ubadhirifu", "ufujaji",
    "ndoa ya lazima", "ndoa za lazima", "ndoa za utotoni", "ndoa ya utotoni",
    "ndoa za mapema", "nyumba salama", "vvu ",
    # Catalan, Galician, Basque
    "epilèp", "hipotiroïd", "paràlisi cerebral", "bulími", "anorèxi", "addicció al joc",
    "trastorn de pànic", "suïcid", "transmissió sexual", "insuficiència renal", "diàlisi",
    "pèrdua auditiva", "dislèx", "trastorn d'aprenentatge", "pena suspesa", "malversaci",
    "matrimoni forçat", "matrimoni infantil", "casa d'acollida", "débeda", "débedas",
    "detido ", "detida ", "cárcere", "violencia de xénero", "ansiedade",
    "desafiuzamento", "sexu-transmisio", "giltzurrun-gutxiegitasun", "entzumen-galera",
    "aurrekari penal", "bortxazko ezkontza", "behartutako ezkontza",
    # Lithuanian, Latvian
    "skydliauk", "cerebrinis paralyžius", "lošimo priklausomyb", "azartinių lošimų",
    "panikos sutrikim", "savižudyb", "savęs žalojim", "abortas", "chlamidi", "gonorėj",
    "герпес", "opryszczk", "lytiškai plintanč", "inkstų nepakankamum", "klausos praradim",
    "klausos aparat",
    "iššvaistym", "priverstinė santuok", "priverstinės santuokos", "krizių centr",
    "išieškojim", "vairogdziedzer", "cerebrālā triek", "bulīmij", "azartspēļu atkarīb",
    "panikas traucēj", "pašnāvīb", "paškaitējum", "hlamīdij",
    "seksuāli transmisīv", "nieru mazspēj", "dialīz", "dzirdes zudum", "dzirdes aparāt",
    "piesavināš", "piespiedu laulīb", "krīzes centr",
    # Albanian: cancer, pregnancy, debt, pay, divorce, arrest, prison, depression and the
    # matters above
    "kancer", "shtatzënë", "borxh", "rrogë", "rroga", "divorc", "arrestua", "burgosur",
    "në burg", "depresion", "paralizë cerebrale", "bixhoz", "alkoolizëm", "alkoolist",
    "çrregullim paniku", "vetëvras", "vetëlëndim", "klamidi", "sëmundje seksualisht",
    "insuficiencë renale", "humbje dëgjimi", "aparat dëgjimi", "dënim me kusht", "përvetës",
    "martesë me detyrim", "martesë e detyruar", "martesat e hershme", "strehëz",
    # Azerbaijani
    "vərəm", "qalxanabənzər vəzi", "serebral iflic", "qumar asılılığı", "alkoqolizm",
    "depressiya", "panik pozuntu", "özünə xəsarət", "klamidiya", "qonoreya",
    "cinsi yolla keçən", "böyrək çatışmazlığı", "eşitmə itkisi", "eşitmə cihazı", "məhkumluq",
    "şərti cəza", "mənimsəmə", "məcburi nikah", "erkən nikah", "borclar", "xərçəng", "hamilə",
    "həbs", "narkoman",
    # Kazakh, Mongolian, Uzbek (Cyrillic)
    "қатерлі ісі", "обыр", "жүкті", "қарыз", "несие", "жалақы", "ажырас", "ұсталды", "түрме",
    "аитв", "нашақор", "есірткі", "өзін-өзі өлтір", "түсік", "бүйрек жеткіліксіз",
    "сотталған", "соттылығ", "шартты түрде", "жымқыр", "мәжбүрлі неке", "ерте неке",
    "дағдарыс орталығ", "сүрьеэ", "уналт", "бамбай булчирхай", "хорт хавдар", "хавдар",
    "жирэмсэн", "өр ", "зээл", "цалин", "салсан", "гэр бүл салал", "баривчлагд", "шорон",
    "хдхв", "дархлал хомсдол", "сэтгэл гутрал", "мансууруулах", "архидалт", "амиа хорло",
    "үр хөндөлт", "бэлгийн замаар дамжих", "бөөрний дутагдал", "ялтай", "тэнсэн", "завшсан",
    "албадан гэрлэ", "саратон", "қарз", "маош", "ажраш", "қамоқ", "ҳибс",
    # Uzbek (Latin)
    "sil kasal", "tutqanoq", "qalqonsimon bez", "saraton", "homilador", "qarz", "maosh",
    "ish haqi", "ajrash", "qamoq", "hibs", "oiv ", "oits ", "giyohvand", "joniga qasd",
    "buyrak yetishmovchilig", "sudlangan", "shartli jazo", "majburiy nikoh", "erta nikoh",
    "inqiroz markazi",
    # Georgian
    "ტუბერკულოზ", "ეპილეფსი", "ფარისებრი ჯირკვ", "კიბო", "სიმსივნ", "ორსულ", "ვალი", "ვალებ",
    "სესხ", "ხელფას", "განქორწინ", "დააპატიმრ", "ციხე", "აივ-", "აივ ", "შიდს", "დეპრესი",
    "დიაბეტ", "ნარკოტიკ", "ალკოჰოლიზმ", "თვითმკვლელობ", "აბორტ", "სიფილის",
    "სქესობრივი გზით გადამდებ", "თირკმლის უკმარისობ", "დიალიზ", "სმენის დაქვეითებ",
    "ნასამართლობ", "პირობითი მსჯავრ", "მითვისებ", "იძულებითი ქორწინებ", "ადრეული ქორწინებ",
    "თავშესაფარ", "ოჯახში ძალადობ",
    # Armenian
    "տուբերկուլյոզ", "թոքախտ", "էպիլեպսիա", "վահանաձև գեղձ", "քաղցկեղ", "ուռուցք", "հղի ",
    "հղիություն", "պարտք", "վարկ ", "վարկը", "վարկեր", "աշխատավարձ", "ամուսնալուծ", "ձերբակալ",
    "բանտ", "միավ ", "ձիահ", "դեպրեսիա", "շաքարախտ", "թմրանյութ", "ալկոհոլիզմ", "ինքնասպան",
    "աբորտ", "սիֆիլիս", "սեռական ճանապարհով", "երիկամային անբավարարություն", "դիալիզ",
    "լսողության կորուստ", "դատվածություն", "պայմանական ազատազրկ", "յուրացում",
    "հարկադիր ամուսնություն", "վաղ ամուսնություն", "ապաստարան", "ընտանեկան բռնություն",
    # Hausa, Zulu
    "ciwon daji", "kanjamau", "cutar sida", "ciwon suga", "albashi", "sakin aure", "kurkuku",
    "tarin fuka", "farfadiya", "kashe kansa", "miyagun kwayoyi", "zubar da ciki", "auren dole",
    "auren wuri", "umdlavuza", "ingculaza", "isifo sikashukela", "ukucindezeleka", "ukhulelwe",
    "isikweletu", "izikweletu", "iholo", "isehlukaniso", "waboshwa", "ejele", "isifo sofuba",
    "sofuba",
    "isithuthwane", "ukuzibulala", "izidakamizwa", "ukukhipha isisu", "ubungqingili",
    "udlame lwasekhaya",
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
    "结节", "穿刺", "活检", "肿瘤", "腫瘍", "生検", "종양", "조직검사",
    "همجنس", "اعتیاد", "دیابت", "بالصرع", "الصرع", "صرع ", "إقامتي انتهت", "انتهت إقامتي",
    # Bengali, Thai and Hindi illness, pregnancy, debt, pay, divorce, arrest, sexuality
    "ক্যান্সার", "এইচআইভি", "বিষণ্ণতা", "ডিপ্রেশন", "গর্ভবতী", "ঋণ", "বেতন", "তালাক", "গ্রেফতার",
    "সমকামী", "ডায়াবেটিস", "মধুমেহ", "মামলা", "มะเร็ง", "เอชไอวี", "ซึมเศร้า", "ตั้งครรภ์", "หนี้",
    "เงินเดือน", "หย่า", "ถูกจับ", "ติดคุก", "เกย์", "เลสเบี้ยน", "ติดยา", "เบาหวาน", "วินิจฉัย",
    "अवसाद", "एड्स",
    # Chinese, Japanese, Korean: more illnesses, status, record, sexuality, faith, dismissal
    # (Japanese "がんばって" is "good luck": cancer only in phrases)
    "焦虑症", "不安障害", "불안장애", "堕胎", "中絶", "낙태", "毒瘾", "依存症", "중독",
    "破产", "网贷", "逾期", "自己破産", "破産", "督促", "ローン", "파산", "抚养权", "親権", "양육권",
    "家暴", "家庭暴力", "打老婆", "家庭内暴力", "暴力を振る", "殴られ", "가정폭력", "假释", "前科",
    "案底", "服刑", "刑满释放", "犯罪记录", "保護観察", "仮釈放", "服役", "有罪判決", "전과", "보호관찰", "가석방", "수감", "복역", "징역", "출소", "难民", "庇护", "遣返",
    "驱逐出境", "黑户", "非法滞留", "签证过期", "難民", "強制送還", "在留資格", "オーバーステイ",
    "仮放免", "난민", "망명", "강제추방", "추방", "비자 만료", "双性恋", "跨性别", "ゲイで", "ゲイだ", "ゲイの", "レズ",
    "バイセクシュアル", "トランスジェンダー", "カミングアウト", "게이라", "게이야", "게이입니다", "게이예요", "레즈비언", "양성애",
    "트랜스젠더", "커밍아웃", "退教", "改信", "棄教", "改宗", "개종", "배교", "被裁", "裁员",
    "炒鱿鱼", "处分", "懲戒", "戒告", "退職勧奨", "リストラ", "징계", "권고사직", "회사에서 잘렸", "직장에서 잘렸", "病気休暇",
    "肝炎", "간염", "エイズ", "乳がん", "肺がん", "胃がん", "大腸がん", "がんに",
    "がんで", "がんの", "がん治療", "白血病", "リンパ腫", "淋巴瘤", "유방암", "위암",
    "폐암", "간암", "대장암", "갑상선암", "췌장암", "전립선암", "자궁경부암", "백혈병", "림프종",
    "암 진단", "암에 걸", "암 투병", "암이래", "암이에요", "암입니다", "암 수술", "암으로",
    # Arabic, Persian, Hebrew: more matters
    "إجهاض", "إفلاس", "متأخرات", "حضانة", "عشيقة", "عنف أسري", "العنف الأسري", "يضربني",
    "يضرب زوجته", "سجين", "محكوم", "سوابق", "سجل جنائي", "إفراج مشروط", "لاجئ", "لجوء", "ترحيل",
    "إقامتي", "بدون أوراق", "سحاقية", "متحول جنسي", "متحولة جنسيا", "تنصرت", "اعتنقت المسيحية",
    "اعتنقت الإسلام", "فصلوني", "تم فصلي", "إجازة مرضية", "ثنائي القطب", "الفصام",
    "انفصام", "القلق", "ورشکست", "قسط", "خیانت", "خشونت خانگی", "کتکم", "محکوم", "سوءپیشینه",
    "سابقه کیفری", "آزادی مشروط", "بازداشت", "پناهنده", "پناهندگی", "دیپورت", "اخراج شدم",
    "کارت اقامت", "اجازه اقامت", "لزبین", "دوجنس", "ترنس", "بی‌دین", "خداناباور", "مرخصی استعلاجی",
    "دوقطبی", "اسکیزوفرنی", "هپاتیت", "سقط جنین", "مواد مخدر", "جدا شدیم", "ایدز", "اچ‌آی‌وی",
    "פשיטת רגל", "הלוואה", "הוצאה לפועל", "גרוש", "משמורת", "בוגד", "מאהב", "אלימות במשפחה",
    "מכה אותי", "מרביץ", "הורשע", "רישום פלילי", "מאסר", "שוחרר על תנאי", "פליט",
    "מבקש מקלט", "מבקשת מקלט", "מקלט מדיני", "גירוש", "אשרת שהייה", "הומו ", "ביסקסואל",
    "טרנסג'נדר", "יצאתי מהארון", "חזרתי בשאלה", "יצאתי בשאלה", "התנצרתי", "התאסלמתי",
    "התגיירתי", "פוטרתי", "פיטורים", "ימי מחלה", "אישור מחלה", "הפלה",
    "סמים", "גמילה", "סכיזופר", "דו קוטבי", "ביפולרי", "חרדה", "צהבת", "משתכר",
    # Urdu: illness, pregnancy, debt, pay, divorce, arrest, prison, status, sexuality, faith
    "کینسر", "ایچ آئی وی", "ایڈز", "ڈپریشن", "حاملہ", "اسقاط حمل", "قرضہ", "ادھار", "دیوالیہ",
    "تنخواہ", "گرفتار کر", "گرفتار ہو", "مجرمانہ ریکارڈ", "ذیابیطس", "نشہ", "منشیات",
    "ہم جنس", "پناہ گزین", "سیاسی پناہ", "ملک بدر", "ڈی پورٹ", "نوکری سے نکال", "ناجائز تعلق", "بے وفائی", "گھریلو تشدد", "ہیپاٹائٹس", "یرقان", "بائی پولر", "شیزوفرینیا",
    "مذہب تبدیل", "اسلام چھوڑ", "بیماری کی چھٹی",
    # Hindi, Marathi, Bengali: more matters ("अटक गया" is Hindi "got stuck": Marathi arrest
    # only in phrases)
    "गर्भपात", "उधार", "दिवालिया", "सज़ा", "आपराधिक रिकॉर्ड", "जमानत", "पैरोल", "हिरासत",
    "गिरफ़्तार", "कैद", "नशा", "ड्रग्स", "लेस्बियन", "ट्रांसजेंडर", "उभयलिंगी", "गे हूँ", "शरणार्थी",
    "निर्वासित", "डिपोर्ट", "धर्म परिवर्तन", "धर्मांतर", "नास्तिक", "नौकरी से निकाल", "निलंबित",
    "घरेलू हिंसा", "मुझे मारता", "पत्नी को मारता", "मारपीट", "पीटता", "हेपेटाइटिस", "बाइपोलर", "सिज़ोफ्रेनिया", "सिजोफ्रेनिया",
    "बीमारी की छुट्टी", "मेडिकल लीव", "नाजायज संबंध", "कर्करोग", "कॅन्सर", "एचआयव्ही",
    "नैराश्य", "गरोदर", "पगार", "घटस्फोट", "अटक झाली", "अटक केली", "अटकेत", "तुरुंग",
    "समलिंगी", "व्यसन", "कावीळ", "नोकरीवरून काढ", "बडतर्फ", "कौटुंबिक हिंसा", "घरगुती हिंसा",
    "विवाहबाह्य", "গর্ভপাত", "দেউলিয়া", "কারাগার", "গ্রেপ্তার",
    "জামিন", "মাদক", "নেশা", "রূপান্তরকামী", "শরণার্থী", "উদ্বাস্তু", "আশ্রয়প্রার্থী", "নির্বাসিত",
    "ধর্মান্তর", "নাস্তিক", "ধর্মত্যাগ", "বরখাস্ত", "ছাঁটাই", "পারিবারিক সহিংসতা", "মারধর",
    "পরকীয়া", "বিবাহবিচ্ছেদ", "হেপাটাইটিস",
    # Tamil and Telugu (Telugu "అప్పుడు" is "then": debt only as "debts")
    "புற்றுநோய்", "எச்ஐவி", "எய்ட்ஸ்", "மனச்சோர்வு", "மன அழுத்த", "நீரிழிவு", "சர்க்கரை நோய்",
    "கர்ப்ப", "கருக்கலைப்பு", "கடன்", "சம்பள", "விவாகரத்து", "கைது", "சிறை", "ஓரினச்சேர்க்கை",
    "திருநங்கை", "போதை", "அகதி", "வேலையிலிருந்து நீக்க", "பணிநீக்க", "மருத்துவ விடுப்பு",
    "மஞ்சள் காமாலை", "கள்ளக்காதல்", "குடும்ப வன்முறை", "இருமுனை", "மதம் மாறி",
    "క్యాన్సర్", "హెచ్ఐవి", "ఎయిడ్స్", "డిప్రెషన్", "మధుమేహ", "గర్భవతి", "గర్భస్రావం",
    "అప్పులు", "అప్పు తీర్చ", "అప్పు ఉంది", "రుణం", "జీతం", "విడాకులు", "అరెస్ట్", "జైలు",
    "స్వలింగ", "వ్యసన", "హెపటైటిస్", "శరణార్థి", "ఉద్యోగం నుండి తొలగ", "అనారోగ్య సెలవు",
    "వివాహేతర", "గృహ హింస", "మతం మార",
    # Amharic
    "ካንሰር", "ኤችአይቪ", "ኤች አይ ቪ", "ኤድስ", "የስኳር በሽታ", "ድብርት", "ጭንቀት", "እርጉዝ",
    "ነፍሰ ጡር", "ፅንስ ማስወረድ", "ዕዳ", "እዳ", "ብድር", "ደሞዝ", "ደመወዝ", "ታሰርኩ", "ታሰረ",
    "እስር ቤት", "ተፈረደብኝ", "ስደተኛ", "ጥገኝነት", "ግብረ ሰዶም", "ሱሰኛ", "ሄፓታይተስ", "ተባረርኩ",
    "የቤት ውስጥ ጥቃት", "ይደበድበኛል", "ሃይማኖት ቀየርኩ", "ተፋታሁ", "ተፋታን",
    "ሳንባ ነቀርሳ", "የሚጥል በሽታ", "ራስን ማጥፋት", "ዲያሊሲስ", "የኩላሊት ውድቀት", "የግዳጅ ጋብቻ",
    "ያለዕድሜ ጋብቻ", "ቂጥኝ", "ጨብጥ", "ምዝበራ",
    # Thai: more matters
    "ไบโพลาร์", "จิตเภท", "วิตกกังวล", "ทำแท้ง", "แท้ง", "ยาเสพติด", "เงินกู้", "ล้มละลาย",
    "ค้างชำระ", "นอกใจ", "มีชู้", "เมียน้อย", "ความรุนแรงในครอบครัว", "ตบตี", "จำคุก",
    "ทัณฑ์บน", "ประวัติอาชญากรรม", "ถูกตัดสิน", "เรือนจำ", "ถูกคุมขัง", "คุมประพฤติ", "ผู้ลี้ภัย",
    "ลี้ภัย", "ถูกเนรเทศ", "เนรเทศ", "อยู่เกินวีซ่า", "ไบเซ็กชวล", "ข้ามเพศ", "กะเทย", "เปลี่ยนศาสนา",
    "ถูกไล่ออก", "ไล่ออก", "เข้าคุก", "ออกจากคุก", "บำบัดยาเสพติด", "ลาป่วย", "ไวรัสตับอักเสบ", "ตับอักเสบ",
    # Malayalam: cancer, HIV, diabetes, depression, pregnancy, abortion, debt, pay, divorce,
    # arrest, prison, tuberculosis, epilepsy, suicide, dialysis, drugs, sexuality, violence
    "കാൻസർ", "കാന്‍സര്‍", "അർബുദ", "എച്ച്ഐവി", "എയ്ഡ്സ്", "പ്രമേഹ", "വിഷാദ", "ഗർഭിണി",
    "ഗർഭച്ഛിദ്ര", "കടബാധ്യത", "കടം", "ശമ്പള", "വിവാഹമോചന", "അറസ്റ്റ", "ജയിൽ", "ക്ഷയരോഗ",
    "അപസ്മാര", "ആത്മഹത്യ", "ഡയാലിസിസ്", "മയക്കുമരുന്ന്", "ലഹരിക്ക", "സ്വവർഗ", "ഗാർഹിക പീഡന",
    # Kannada
    "ಕ್ಯಾನ್ಸರ್", "ಎಚ್ಐವಿ", "ಏಡ್ಸ್", "ಮಧುಮೇಹ", "ಖಿನ್ನತೆ", "ಗರ್ಭಿಣಿ", "ಗರ್ಭಪಾತ", "ಸಾಲಗಾರ",
    "ಸಾಲ ತೀರಿಸ", "ಸಾಲ ಇದೆ", "ಸಾಲದ ", "ಸಂಬಳ", "ವಿಚ್ಛೇದನ", "ಜೈಲು", "ಕ್ಷಯರೋಗ", "ಅಪಸ್ಮಾರ",
    "ಆತ್ಮಹತ್ಯೆ", "ಡಯಾಲಿಸಿಸ್", "ಮಾದಕ ವ್ಯಸನ", "ಸಲಿಂಗ", "ಕೌಟುಂಬಿಕ ದೌರ್ಜನ್ಯ", "ಬಂಧಿಸಲಾಯಿತು",
    # Gujarati
    "કેન્સર", "એચઆઈવી", "એડ્સ", "ડાયાબિટીસ", "ડિપ્રેશન", "હતાશા", "ગર્ભવતી", "ગર્ભપાત",
    "દેવું છે", "દેવામાં", "પગાર", "છૂટાછેડા", "ધરપકડ", "જેલમાં", "ટીબી", "ક્ષયરોગ", "ક્ષય રોગ",
    "આત્મહત્યા",
    "ડાયાલિસિસ", "વ્યસન", "સમલૈંગિક", "ઘરેલુ હિંસા",
    # Punjabi (Gurmukhi)
    "ਕੈਂਸਰ", "ਐੱਚਆਈਵੀ", "ਏਡਜ਼", "ਡਿਪਰੈਸ਼ਨ", "ਗਰਭਵਤੀ", "ਗਰਭਪਾਤ", "ਕਰਜ਼", "ਕਰਜ", "ਤਨਖਾਹ",
    "ਤਨਖ਼ਾਹ", "ਤਲਾਕ", "ਗ੍ਰਿਫਤਾਰ", "ਗ੍ਰਿਫ਼ਤਾਰ", "ਜੇਲ੍ਹ", "ਟੀਬੀ", "ਮਿਰਗੀ", "ਖੁਦਕੁਸ਼ੀ", "ਡਾਇਲਸਿਸ",
    "ਨਸ਼ੇ", "ਨਸ਼ਾ", "ਘਰੇਲੂ ਹਿੰਸਾ",
    # Nepali and Hindi: tuberculosis, epilepsy, thyroid, cerebral palsy, eating disorders,
    # gambling, alcohol, suicide, self-harm, sexually transmitted infections, kidney failure,
    # hearing loss, dyslexia, embezzlement, forced and child marriage, shelters
    "क्यान्सर", "ऋण", "पारपाचुके", "पक्राउ", "क्षयरोग", "टीबी", "तपेदिक", "क्षय रोग",
    "मिर्गी", "दौरे पड़", "थायराइड", "सेरेब्रल पाल्सी", "बुलिमिया", "एनोरेक्सिया", "जुए की लत",
    "जुआरी", "शराब की लत", "मेथाडोन", "पैनिक अटैक", "आत्महत्या", "खुद को नुकसान",
    "यौन संचारित", "गुप्त रोग", "सिफलिस", "गोनोरिया", "किडनी फेल", "गुर्दे खराब", "डायलिसिस",
    "डायलासिस", "सुनने की क्षमता", "बहरापन", "कॉक्लियर", "डिस्लेक्सिया", "सीखने की अक्षमता",
    "क्लैमाइडिया", "सुजाक", "हर्पीस", "हर्पीज", "هربس", "毒品", "गबन", "जबरन शादी", "जबरदस्ती शादी",
    "बाल विवाह", "महिला आश्रय", "शेल्टर होम",
    "लागूपदार्थ", "गर्भपतन",
    # Sinhala
    "පිළිකා", "එච්අයිවී", "ඒඩ්ස්", "දියවැඩියා", "විෂාදය", "ගැබිනි", "ගබ්සා", "ණය", "වැටුප",
    "දික්කසාද", "අත්අඩංගුවට", "සිරගත", "බන්ධනාගාර", "ක්ෂය රෝග", "අපස්මාර", "සියදිවි",
    "මත්ද්‍රව්‍ය", "සමලිංගික",
    # Bengali
    "যক্ষ্মা", "মৃগী", "থাইরয়েড", "আত্মহত্যা", "যৌনবাহিত", "কিডনি বিকল", "ডায়ালাইসিস",
    "শ্রবণশক্তি", "ডিসলেক্সিয়া", "আত্মসাৎ", "বাল্যবিবাহ", "বাল্য বিবাহ", "জোরপূর্বক বিয়ে",
    "জোর করে বিয়ে", "মাদকাসক্ত", "জুয়ার নেশা", "জুয়ায় আসক্ত",
    # Urdu
    "ٹی بی", "تپ دق", "مرگی کا", "مرگی کی", "مرگی کے", "مرگی ہے", "تھائیرائیڈ", "خودکشی",
    "جوئے کی لت", "شراب کی لت", "گردے فیل",
    "ڈائیلاسز", "غبن", "جبری شادی", "کم عمری کی شادی", "دارالامان",
    # Persian
    "بیماری سل", "مبتلا به سل", "صرعی", "کم‌کاری تیروئید", "پرکاری تیروئید", "فلج مغزی",
    "بولیمیا", "بی‌اشتهایی عصبی", "قمارباز", "به قمار", "الکلی", "متادون", "حملات پانیک",
    "حمله پانیک",
    "خودکشی", "خودزنی", "کلامیدیا", "سوزاک", "سیفلیس", "بیماری مقاربتی", "نارسایی کلیه",
    "دیالیز", "کم‌شنوایی", "ناشنوا", "سمعک", "کاشت حلزون", "اختلال یادگیری", "حبس تعلیقی",
    "اختلاس", "ازدواج اجباری", "کودک‌همسری", "ازدواج کودکان", "خانه امن", "کسر از حقوق",
    # Arabic
    "مرض السل", "مصاب بالسل", "مصابة بالسل", "الدرن", "الغدة الدرقية", "قصور الغدة",
    "الشلل الدماغي",
    "الشره المرضي", "فقدان الشهية العصبي", "القمار", "ميثادون", "الميثادون", "نوبات الهلع",
    "اضطراب الهلع", "انتحار", "إيذاء النفس", "الكلاميديا", "مرض السيلان", "مرض الزهري",
    "المنقولة جنسيا", "المنقولة جنسياً", "الفشل الكلوي", "فشل كلوي", "غسيل الكلى",
    "غسيل كلوي", "ضعف السمع", "فقدان السمع", "سماعة طبية", "زراعة القوقعة", "صعوبات التعلم",
    "عسر القراءة", "وقف التنفيذ", "زواج قسري", "الزواج القسري", "زواج القاصرات",
    "زواج الأطفال", "دار إيواء", "مأوى للنساء",
    # Hebrew
    "שחפת", "אפילפסיה", "פרכוס", "בלוטת התריס", "שיתוק מוחין", "בולימיה", "אנורקסיה",
    "הימורים", "אלכוהוליסט", "מתדון", "התקף פאניקה", "התקפי פאניקה", "מחשבות אובדניות",
    "אובדנ", "התאבד", "פגיעה עצמית", "כלמידיה", "מחלת זיבה", "עגבת", "הרפס", "מחלת מין",
    "מחלות מין", "אי ספיקת כליות", "דיאליזה", "ליקוי שמיעה", "כבד שמיעה", "כבדת שמיעה",
    "מכשיר שמיעה", "שתל שבלול", "לקות למידה", "לקויות למידה", "דיסלקציה", "מעילה",
    "נישואים בכפייה", "נישואי קטינות", "מקלט לנשים", "עיקול",
    # Thai
    "วัณโรค", "ลมชัก", "ลมบ้าหมู", "ไทรอยด์", "สมองพิการ", "บูลิเมีย", "อะนอเร็กเซีย", "ติดการพนัน",
    "ติดพนัน", "ติดเหล้า", "เมทาโดน", "โรคแพนิค", "ฆ่าตัวตาย", "ทำร้ายตัวเอง", "หนองใน", "ซิฟิลิส",
    "กามโรค", "โรคติดต่อทางเพศสัมพันธ์", "ไตวาย", "ฟอกไต", "สูญเสียการได้ยิน", "หูตึง",
    "เครื่องช่วยฟัง", "ประสาทหูเทียม", "บกพร่องทางการเรียนรู้", "ยักยอก", "บังคับแต่งงาน",
    "คลุมถุงชน", "บ้านพักฉุกเฉิน", "อายัดเงินเดือน",
    # Khmer
    "មហារីក", "អេដស៍", "ទឹកនោមផ្អែម", "ធ្លាក់ទឹកចិត្ត", "មានផ្ទៃពោះ", "រំលូតកូន", "បំណុល",
    "ជំពាក់", "ប្រាក់ខែ", "លែងលះ", "ចាប់ខ្លួន", "ពន្ធនាគារ", "របេង", "ឆ្កួតជ្រូក", "អត្តឃាត",
    "គ្រឿងញៀន", "ស្រឡាញ់ភេទដូចគ្នា", "អំពើហិង្សាក្នុងគ្រួសារ", "ខ្សោយតម្រងនោម", "លាងឈាម",
    "ប្រាក់កម្ចី",
    # Burmese
    "ကင်ဆာ", "အိတ်ချ်အိုင်ဗွီ", "ဆီးချို", "စိတ်ကျရောဂါ", "ကိုယ်ဝန်ရှိ", "ကိုယ်ဝန်ဖျက်", "အကြွေး",
    "လစာ", "ကွာရှင်း", "ဖမ်းဆီး", "ထောင်ကျ", "တီဘီ", "ဝက်ရူးပြန်", "သတ်သေ", "မူးယစ်ဆေး",
    "လိင်တူချစ်", "အိမ်တွင်းအကြမ်းဖက်", "ကျောက်ကပ်ပျက်", "ကျောက်ကပ်ဆေးသွင်း",
    # Chinese: tuberculosis, thyroid disease, cerebral palsy, eating disorders, gambling,
    # methadone, sexually transmitted infections, kidney failure, hearing loss, learning
    # disorders, forced and child marriage, shelters, wage deductions
    "结核", "甲状腺功能", "甲亢", "甲减", "桥本甲状腺", "脑瘫", "暴食症", "厌食症", "赌博成瘾",
    "赌瘾", "赌债", "美沙酮", "人工流产", "衣原体", "淋病", "梅毒", "疱疹", "性传播疾病", "得了性病",
    "肾衰竭", "尿毒症", "听力损失", "听力下降", "助听器", "人工耳蜗", "学习障碍", "阅读障碍",
    "包办婚姻", "逼婚", "强迫婚姻", "童婚", "妇女庇护", "庇护所", "扣工资", "工资被扣",
    # Japanese
    "結核", "甲状腺", "橋本病", "バセドウ", "脳性麻痺", "過食症", "拒食症", "摂食障害", "メサドン",
    "自傷", "クラミジア", "淋病", "梅毒", "ヘルペス", "性感染症", "性病に", "腎不全", "難聴",
    "補聴器", "人工内耳", "学習障害", "発達障害", "ディスレクシア", "強制結婚", "児童婚",
    "DVシェルター", "女性シェルター", "差し押さえ", "差押え",
    # Korean
    "결핵", "갑상선", "뇌성마비", "폭식증", "거식증", "섭식장애", "도박 중독", "도박중독",
    "도박 빚", "알코올 의존", "메타돈", "클라미디아", "임질", "매독", "헤르페스", "성병",
    "성매개", "신부전", "난청", "보청기", "인공와우", "학습장애", "난독증", "강제 결혼",
    "강제결혼", "조혼", "여성 쉼터", "가정폭력 쉼터", "쉼터에 입소", "급여 압류", "월급 압류",
    "압류",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def _stem(word: str) -> str:
    """A stem matches at a word's start; one written with a trailing space is a whole word
    ("trai " is Portuguese "betrays", not the start of "training")."""
    if word.endswith(" "):
        return re.escape(word.rstrip()) + r"(?![^\W\d_])"
    return re.escape(word)


def _trie(stems: Sequence[str]) -> str:
    """One pattern for many stems, as a tree of their letters: a regex tries two thousand
    alternatives one by one at each word's start, a tree one letter at a time. A stem with a
    trailing space ends only at a word's end; a stem that is another's start makes it moot."""
    root: dict = {}
    for stem in stems:
        node = root
        for ch in stem.rstrip(" "):
            node = node.setdefault(ch, {})
        node[""] = "whole" if stem.endswith(" ") and node.get("") != "start" else "start"

    def pattern(node: dict) -> str:
        if node.get("") == "start":
            return ""
        alts = [re.escape(ch) + pattern(child) for ch, child in node.items() if ch]
        if node.get("") == "whole":
            alts.append(r"(?![^\W\d_])")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return pattern(root)


_MATTER_WORD = re.compile(r"(?<![^\W\d_])" + _trie(_MATTER_STEMS), re.IGNORECASE)


_TURKISH_LETTERS = frozenset("ışğİŞĞ")
_THEY_ARE = re.compile(r"\b(?:quali|quanti|quante|cosa|dove|come|ci|che|non) sono\b")
# Words that are a person only in one of their languages, and the sentences where they are
# not: Italian "sono" and Romanian "sunt" are also "they are" ("quali sono i sintomi", "care
# sunt simptomele"; "nu sunt" is also "I am not"), Spanish "mis" ("my") is Estonian "what"
# ("mis on", "mis põhjustab": Estonian's "õ", not the "ü" Spanish writes too).
_NOT_A_PERSON = {
    "sono": _THEY_ARE,
    "sunt": re.compile(r"\b(?:care|ce|cum|unde|câte|câţi|câți|acestea|ele|ei) sunt\b"),
    "mis": re.compile(r"\bmis on\b|õ"),
}
# Spanish, Galician and Catalan "son" is "they are": "¿Cuáles son los síntomas?" names no son.
_THEY_ARE_SON = re.compile(
    r"\b(?:cuáles|cuales|cales|qué|que|quins|quines|cómo|como|dónde|onde) son\b"
    r"|\bson (?:los|las|os|as|els|les|unos|unas|uns|unhas)\b",
    re.IGNORECASE,
)


# A note about someone else, named: a client or patient and a name or initials, a title with a
# given name and a surname, a name and an age ("Client K.M. (29) reports relapse", "Paciente Rogelio Benítez
# Osuna, 58 años, cirrosis", "Il signor Franco Esposito è ai domiciliari", "김민수 대리가 공황장애",
# "小王（王建国）... 他在做肾透析"). With a private matter in the same sentence it is private; a
# public figure's story names no client, title or age ("Michael J. Fox was diagnosed ...").
# From a word's start only: a 100,000-letter word is one try, not 100,000 (each scanning the rest).
_NAME = r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+"
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
    # a ward's handover: "Bill Castellano, bed 4," (not a unit's name: "Intensive Care, Bed 12")
    rf"|(?!(?:The|Intensive|Acute|Medical|Surgical|Critical|Care|Unit|Ward|High|Day)\b){_NAME}"
    rf"\s+(?!(?:Care|Unit|Ward|Medical|Surgical|Dependency|Centre|Center)\b){_NAME},?\s+"
    r"(?i:bed|bay)\s?\d{1,3}\s*[,:;–-]"
    # a Korean name and a title, a Chinese nickname and the full name, a Japanese name and -san
    r"|(?<![가-힣])[가-힣]{3} ?(?:대리|과장|부장|차장|사원|주임|씨|님)|小[\u4e00-\u9fff]（[\u4e00-\u9fff]{2,4}）"
    r"|[\u4e00-\u9fff]{1,4}(?:さん|氏|様)(?:[はがの]|、)",
)


def _named_subject_private(around: str, sentence: str) -> bool:
    """``sentence`` names a private matter and someone is named in it or just before it
    (``around``: initials' periods cut "Client K.M. (29) reports relapse" into sentences)."""
    return names_a_private_matter(sentence) and _NAMED_SUBJECT.search(around) is not None


# A relative's word that is also a general noun, after an article or a preposition: "une
# femme enceinte", "eine Frau in der Schwangerschaft", "vicino a Roma", "el mes de la
# diabetes" are about nobody.
_GENERAL_NOUN = re.compile(
    r"\b(?:une|la|cette|chaque|toute|ein|eine|einer|einem|einen|die|der|jede|jeder|keine|een"
    r"|de|het|elke|una|ogni|en|ett|ei|et) (?:femme|frau|mann|vrouw|man|mamma|fru|kone"
    r"|mand|mann)\b|\bvicin[oa] (?:a|al|alla|ai|agli|alle|all)\b"
    # Spanish and Catalan "mes" is "month", French "mes" "my"
    r"|\b(?:el|este|un|cada|al|del|por|otro|próximo|ese|mismo|último|medio|primer|aquest) mes\b"
)
_INDIC_MARKS = r"[\w\u0900-\u0dff]"
_INDIC_PERSON_WORD = re.compile(
    rf"(?<!{_INDIC_MARKS})(?:"
    + "|".join(
        re.escape(w.rstrip()) + (rf"(?!{_INDIC_MARKS})" if w.endswith(" ") else "")
        for w in _INDIC_PERSON
    )
    + ")"
)


def _about_a_person(sentence: str) -> bool:
    lowered = sentence.lower()
    words = set(_WORD.findall(_GENERAL_NOUN.sub(" ", lowered))) & _PERSON_WORDS
    letters = set(lowered)
    words = {w for w in words if w not in _ONLY_WITH_LETTERS or letters & _LETTER_SETS[w]}
    if words and not (words == {"mi"} and _TURKISH_LETTERS & set(sentence)):
        # Turkish "mi" asks a question; Spanish and Italian "mi" is "my". Italian "sono" is "I
        # am" and "they are": "quali sono i sintomi" is about nobody (``_NOT_A_PERSON``).
        word = next(iter(words)) if len(words) == 1 else ""
        return not (word in _NOT_A_PERSON and _NOT_A_PERSON[word].search(lowered))
    if lowered.isascii():
        return False
    return any(p in lowered for p in _PERSON_PARTS) or bool(_INDIC_PERSON_WORD.search(lowered))


def _english_private(sentence: str, words: set[str], after_a_person: bool) -> bool:
    """An English sentence about the writer or a relative ("my", "our neighbour"; or "she",
    "he", "they" right after a sentence with one: "for my aunt. she struggled with anorexia")
    that names a private matter, and is not about software ("my loan calculator app").
    ``words``: the sentence's lowercase English words."""
    people = words & _ENGLISH_PERSON_WORDS
    if people == {"son"} and _THEY_ARE_SON.search(sentence):
        people = set()  # "¿Cuáles son los síntomas?": Spanish "they are"
    if people and people <= _GENERAL_ROLES and not _ONE_OF_THEM.search(sentence):
        people = set()  # "how can a friend or coworker help": anybody's, nobody's in particular
    if not (people or (after_a_person and words & _PRONOUNS) or _I_WAS.search(sentence)):
        return False
    if _TECHNICAL.search(sentence):
        return False
    if PRIVATE_MATTER.search(sentence) or _ENGLISH_MATTER.search(sentence):
        return True
    return bool(people - _INSTITUTIONAL) and _OWN_MATTER.search(sentence) is not None


# Roles anyone has, which name a particular person only after a possessive ("my boss", "our
# landlord", "Tom's coworker"); after "a", "any", "your" they are anybody.
_GENERAL_ROLES = frozenset(
    """coworker colleague boss landlord tenant roommate flatmate neighbour neighbor partner
    spouse sibling""".split()  # noqa: SIM905
)
_ONE_OF_THEM = re.compile(
    r"\b(?:my|our|his|her|their|\w+'s)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(_GENERAL_ROLES))
    + r")s?\b",
    re.IGNORECASE,
)


# The writer as the subject of what happened to them: "I was fired", "I got arrested".
_I_WAS = re.compile(
    r"\bI(?:'m| am| was| got| have been|'ve been| had been| filed| declared| owe)\b"
)
_PRONOUNS = frozenset("she he they her his their him them".split())  # noqa: SIM905
_TECHNICAL = re.compile(
    r"\b(?:code|app|function|script|program|project|model|table|database|column|field"
    r"|calculator|spreadsheet|template|example|demo|game|class|api|dataset|schema|variable"
    r"|query|website|dashboard|prompt|character|story|novel|fiction|fictional)\b",
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
        _private_matter(text)
        or PRIVATE_MATTER.search(text)
        or _ENGLISH_MATTER.search(text)
        or _OWN_MATTER.search(text)
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
            [Span(b, e, Category.PERSONAL, 1, SCORE, self.name) for b, e in self._scan(w)]
            for w in windows
        ]

    @staticmethod
    def _scan(w: TextWindow) -> list[tuple[int, int]]:
        found = private_matter_spans(w.text, w.start, w.end)
        # Words typed to dodge a reader ("saya positif s i f i l i s"): read the normalised
        # window too (the patterns' window, normalised once for both).
        offset = max(0, w.start - CONTEXT_CHARS)
        if hides_words(w.text[offset : w.end]):
            found = sorted(
                set(found)
                | set(
                    find_normalised(w.text, w.start, w.end, w.start - offset, private_matter_spans)
                )
            )
        return found
