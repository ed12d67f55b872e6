"""Latin words and brands: a table of established Russian readings and a fallback
transliterator for anything else (domain labels, leftovers the library did not read)."""

from __future__ import annotations

import re
from pathlib import Path

from tts.text.normalize.names import NAMES

# Brands and words with an established Russian form.
BRANDS: dict[str, str] = {
    "iphone": "айфон",  # iPhone
    "ipad": "айпад",  # iPad
    "telegram": "телеграм",  # Telegram
    "whatsapp": "вотсап",  # WhatsApp
    "instagram": "инстаграм",  # Instagram
    "facebook": "фейсбук",  # Facebook
    "youtube": "ютуб",  # YouTube
    "google": "гугл",  # Google
    "yandex": "яндекс",  # Yandex
    "apple": "эппл",  # Apple
    "microsoft": "майкрософт",  # Microsoft
    "samsung": "самсунг",  # Samsung
    "tesla": "тесла",  # Tesla
    "twitter": "твиттер",  # Twitter
    "tiktok": "тикток",  # TikTok
    "android": "андроид",  # Android
    "windows": "виндоус",  # Windows
    "kaspi": "каспи",  # Kaspi
    "kazakhstan": "казахстан",  # KAZAKHSTAN TODAY
    "almaty": "алматы",  # Almaty
    "astana": "астана",  # Astana
    "qazaq": "казак",  # Qazaq
    "marathon": "марафон",  # Marathon
    "media": "медиа",  # media
    "news": "ньюс",  # news
    "daewoo": "дэу",  # Daewoo
    "pro": "про",  # Pro
    "max": "макс",  # Pro Max
    "plus": "плюс",  # Plus
    "ultra": "ультра",  # Ultra
    "mini": "мини",  # mini
    "galaxy": "гэлакси",  # Galaxy
    "chat": "чат",  # Chat
    "python": "питон",  # Python
    "crew": "крю",  # Crew Dragon
    "dragon": "дрэгон",  # Crew Dragon
    "qualcomm": "квалкомм",  # Qualcomm
    "techcrunch": "теккранч",  # TechCrunch
    "kase": "касе",  # KASE (Kazakhstan Stock Exchange)
    "washington": "вашингтон",  # The Washington Post
    "daily": "дейли",  # Daily
    "business": "бизнес",  # business
    "preview": "превью",  # preview
    "asia": "азия",  # WBA Asia
    "macbook": "макбук",  # MacBook
    "covid": "ковид",  # COVID-19
    "rt": "эр ти",  # RT (the channel's own Russian name)
    "kia": "киа",  # KIA
    "pfizer": "пфайзер",  # Pfizer
    "biontech": "бионтек",  # BioNTech
    "moderna": "модерна",  # Moderna
    "astrazeneca": "астразенека",  # AstraZeneca
    "nature": "нейчер",  # Nature (the journal)
    "sukhoi": "сухой",  # Sukhoi Superjet
    "superjet": "суперджет",  # Sukhoi Superjet
    "gillette": "жиллетт",  # Gillette
    "outlander": "аутлендер",  # Mitsubishi Outlander
    "daf": "даф",  # DAF lorries
    "hyundai": "хендай",  # Hyundai
    "retail": "ритейл",  # X5 Retail Group
    "mining": "майнинг",  # Highland Gold Mining
    "infoline": "инфолайн",  # INFOLine
    "model": "модель",  # Tesla Model S
    "challenge": "челлендж",  # Grand Challenge
    "award": "эворд",  # Award
    "phoenix": "феникс",  # Phoenix
    "highland": "хайленд",  # Highland Gold
    "madison": "мэдисон",  # Madison Square Garden
    "square": "сквер",  # Madison Square Garden
    "garden": "гарден",  # Madison Square Garden
    "qazaqstan": "казахстан",  # KIA Qazaqstan, Qazaqstan Media
    "exclusive": "эксклюзив",  # Exclusive.kz
    "imessage": "аймесседж",  # iMessage
    "airpods": "эйрподс",  # AirPods
    "ipados": "айпад о эс",  # iPadOS
    "beeline": "билайн",  # Beeline
    "tele": "теле",  # Tele2
    "kcell": "кселл",  # Kcell
    "ios": "ай о эс",  # iOS (as news gold reads it: 6 of 6; the rutextnorm suite has «айос»)
    "imdb": "ай эм ди би",  # IMDb
    "quest": "квест",  # Алма Quest
    "silver": "сильвер",  # WBC Silver
    "micro": "микро",  # microSD
    "gemini": "джемини",  # Google Gemini
    "xai": "икс эй ай",  # xAI
    "heise": "хайзе",  # Heise (German: «ei» is «ай»)
    "grok": "грок",  # Grok
    "claude": "клод",  # Claude
    "anthropic": "антропик",  # Anthropic
    "halyk": "халык",  # Halyk
    "egov": "и гов",  # eGov
    "chatgpt": "чат джи пи ти",  # ChatGPT
    "openai": "опен эй ай",  # OpenAI
    "spacex": "спейс икс",  # SpaceX
    "wi-fi": "вай фай",  # Wi-Fi
    "online": "онлайн",  # online
    "nasa": "наса",  # NASA
    "esa": "эса",  # ESA
    "nato": "нато",  # NATO
    "unesco": "юнеско",  # UNESCO
    "unicef": "юнисеф",  # UNICEF
    "opec": "опек",  # OPEC
    "fifa": "фифа",  # FIFA
    "uefa": "уефа",  # UEFA
    "it": "ай ти",  # IT
    "ai": "эй ай",  # AI
}

BRANDS.update(NAMES)


def _brand_table() -> dict[str, str]:
    """brands.tsv: frequent Latin words of the news in their Russian form (car makers,
    companies, media, clubs, words of company names), after the hand-written entries above.
    The first 749 lines were drawn from general knowledge and the corpus's dev split (never its
    test split); the rest (fifth session: technology, business, sport and the world's Turkic
    names) were written from general knowledge by people who never saw the corpus, as were
    the last 4,004 (tenth session, two batches: people's names, titles, media, products,
    companies of the region typed in Latin, athletes, games; function words, translations such
    as «paris» -> «париж» and readings that clash with an acronym left out)."""
    # a plain read beside this module: importlib.resources would cost 10 ms of imports
    text = Path(__file__).with_name("brands.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {latin: russian for latin, russian in pairs if latin not in BRANDS}


BRANDS.update(_brand_table())

# The commonest English function words, whose letters mislead the transliterator.
ENGLISH: dict[str, str] = {
    "the": "зэ",  # The Guardian
    "of": "оф",  # Bank of America
    "and": "энд",  # Procter and Gamble
    "for": "фор",  # Center for ...
    "center": "сентер",  # Center Stage (in a glued name it is «центр»: PIECES)
    "watch": "вотч",  # Apple Watch
    "centre": "сентер",  # Centre
    "today": "тудэй",  # Kazakhstan Today
    "australian": "австралиан",  # Australian Open
    # Common English words in organisations' names, whose spelling misleads the transliterator
    "human": "хьюман",  # Human Rights Watch
    "rights": "райтс",  # Human Rights Watch
    "international": "интернэшнл",  # Amnesty International
    "capital": "кэпитал",  # Vitis Capital
    "fund": "фанд",  # Korea Fund
    "island": "айленд",  # Dynamic Island
    "picture": "пикчер",  # Picture Alliance
    "images": "имиджес",  # Getty Images
    "group": "груп",  # Eurasia Group
}

# Pieces of English words inside domain names and brands, longest first when matched.
PIECES: dict[str, str] = {
    "national": "нэшнл",  # nationalbank
    "bank": "банк",  # nationalbank
    "info": "инфо",  # elordainfo
    "prime": "прайм",  # primeminister.kz
    "minister": "министер",  # primeminister.kz
    "news": "ньюс",  # tengrinews
    "travel": "тревел",  # tengritravel
    "ratings": "рейтингс",  # finratings
    "build": "билд",  # sheberbuild
    "press": "пресс",  # press@
    "mail": "мейл",  # mail.ru
    "online": "онлайн",  # online.kz
    "gmail": "джи мейл",  # gmail.com
    "hotmail": "хот мейл",  # hotmail.com
    "yahoo": "яху",  # yahoo.com
    "about": "эбаут",  # /about
    "office": "офис",  # office@
    "support": "саппорт",  # support@
    "media": "медиа",  # media
    "gov": "гов",  # gov.kz
    "tech": "тех",  # tech
    "city": "сити",  # city
    "time": "тайм",  # times
    "book": "бук",  # booking
    "shop": "шоп",  # shop
    "web": "веб",  # web
    "net": "нет",  # net
    "star": "стар",  # star
    "business": "бизнес",  # inbusiness.kz
    "center": "центр",  # center
    "digi": "диджи",  # DigiTimes
}

# Letter rules of the fallback transliterator, longest first: «tsao» -> «тсао».
_DIGRAPHS: dict[str, str] = {
    "sch": "ш", "tch": "ч", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ph": "ф", "th": "т",
    "ck": "к", "qu": "кв", "ee": "и", "oo": "у", "ya": "я", "yu": "ю", "yo": "ё", "tz": "ц",
    "ou": "ау", "ai": "ай", "ey": "ей", "ay": "ей", "oy": "ой", "ew": "ью", "aw": "о",
}  # fmt: skip
_LETTERS: dict[str, str] = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з",
}  # fmt: skip
_SOFT_C = re.compile(r"c(?=[eiy])")
_UNIT = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)) + "|[a-z]")
_PIECE = re.compile("|".join(sorted(PIECES, key=len, reverse=True)))
_VOWELS = set("aeiouy")


def _letters(word: str) -> str:
    if word.startswith("mc") and len(word) > 3:  # «McLaren», «McDonald»
        return "мак" + _letters(word[2:])
    word = _SOFT_C.sub("s", word)
    if word.startswith("ts"):  # «tsao» -> «цао»; elsewhere «ts» is two sounds («sports»)
        return "ц" + _letters(word[2:]) if len(word) > 2 else "ц"
    out = []
    for m in _UNIT.finditer(word):
        unit = m.group()
        spoken = _DIGRAPHS.get(unit) or _LETTERS[unit]
        at_start = m.start() == 0 or word[m.start() - 1] not in _VOWELS | set(
            "bcdfghjklmnpqrstvwxz"
        )
        if unit == "e" and at_start:
            spoken = "э"
        elif (
            unit == "y"
            and m.end() < len(word)
            and word[m.end()] not in _VOWELS
            or unit == "y"
            and m.end() == len(word)
            and m.start() > 0
        ):
            spoken = "и"
        out.append(spoken)
    spoken_word = "".join(out)
    if len(word) > 3 and word.endswith("ia") and spoken_word.endswith("иа"):
        spoken_word = spoken_word[:-1] + "я"  # «Nexia», «Azia» -> «Нексия», «Азия»
    return spoken_word


# Kazakh in Latin letters: every letter is one sound, «y» is «ы», «j» is «ж».
_KAZAKH_UNIT = re.compile("sh|ch|zh|kh|[aeou]i(?![aeiouy])|[a-z]")
_KAZAKH_LETTERS = {
    **_LETTERS, "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "c": "к", "e": "е", "j": "ж",
    "ai": "ай", "ei": "ей", "oi": "ой", "ui": "уй",
    "q": "к", "w": "у", "x": "х", "y": "ы",
}  # fmt: skip


def kazakh(word: str) -> str:
    return "".join(_KAZAKH_LETTERS[m.group()] for m in _KAZAKH_UNIT.finditer(word))


def transliterated_as_kazakh(word: str) -> bool:
    low = word.lower()
    # English «qu» is always before a vowel (quick, queen); «Qurylys», «Qazaq» are Kazakh
    return bool(re.search(r"q(?!u[aeiouy])", low)) and low not in BRANDS


def transliterate(word: str) -> str:
    """Fallback reading of a Latin word: known pieces, then letter rules. «elordainfo» ->
    «элордаинфо», «nationalbank» -> «нэшнлбанк». Non-letters are dropped. A word with «q» but
    no «qu» is Kazakh Latin («Saqtandyry» -> «сактандыры», «msqory» -> «мскоры»)."""
    low = re.sub(r"[^a-z]", "", word.lower())
    if transliterated_as_kazakh(low):
        return kazakh(low)
    if low in BRANDS:
        return BRANDS[low]
    if len(low) > 1 and low[-1] == "y" and not _VOWELS & set(low[:-1]):
        return _letters(low[:-1]) + "ай"  # «sky», «fly», «dry»: the y is the only vowel
    out: list[str] = []
    pos = 0
    for m in _PIECE.finditer(low):
        out.append(_letters(low[pos : m.start()]))
        out.append(PIECES[m.group()])
        pos = m.end()
    out.append(_letters(low[pos:]))
    return "".join(out)


def is_pronounceable(word: str, vowels: str) -> bool:
    """Can an acronym be read as a word? Not when it starts or ends with two consonants,
    holds three in a row, or has no vowel: «ООН», «ЗИЛ», «НАТО» yes; «АНК», «ТШАО», «ДТП» no."""
    low = word.lower()
    if len(low) < 3 or not any(c in vowels for c in low):
        return False
    pattern = "".join("v" if c in vowels else "c" for c in low)
    return not (pattern.startswith("cc") or pattern.endswith("cc") or "ccc" in pattern)


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё-]*")
MOSTLY_LATIN = "mostly Latin script: read by Russian transliteration, which may sound odd"


def mostly_latin(text: str) -> bool:
    """A sentence in another language, not names inside a Russian one: three or more Latin
    words without an established reading, and more of them than Cyrillic words («The tool is
    designed…»; not «Apple и Samsung выпустили…», not «iPhone 16 Pro Max»)."""
    latin = [w for w in _LATIN_WORD.findall(text) if w.lower() not in BRANDS]
    return len(latin) >= 3 and len(latin) > len(_CYRILLIC_WORD.findall(text))


EN_VOWELS = "aeiouy"
# The commonest English words whose letters mislead the transliterator; also in CMUdict,
# but this keeps a sentence with only these from loading it.
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

# Consonant pairs an English word can start or end with: «Pro», «sky», «art», «end» are words;
# «abc», «bcd» are letters.
_ONSETS = frozenset({
    "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kn", "ph", "pl", "pr", "sc",
    "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr",
})  # fmt: skip
_CODAS = frozenset({
    "bs", "ch", "ck", "ct", "ds", "ff", "ft", "gs", "ks", "ld", "lf", "lk", "ll", "lm", "lp",
    "ls", "lt", "mp", "ms", "nd", "ng", "nk", "ns", "nt", "ps", "pt", "rb", "rd", "rk", "rm",
    "rn", "rs", "rt", "sh", "sk", "sp", "ss", "st", "th", "ts", "xt", "zz",
})  # fmt: skip


def english_syllable(word: str) -> bool:
    """A three-letter word that English could say as one syllable."""
    pattern = "".join("v" if c in EN_VOWELS else "c" for c in word)
    if "v" not in pattern:
        return False
    if pattern.startswith("cc") and word[:2] not in _ONSETS:
        return False
    return not (pattern.endswith("cc") and word[-2:] not in _CODAS)


def read_latin_word(word: str) -> str:
    """A Latin word: the brand table, else spelled when it cannot be said as a word («abc»,
    «GmbH», an acronym «BBC»), else its English pronunciation (CMUdict), else transliterated
    («Tiberius» -> «тибериус»)."""
    from tts.text.normalize import english
    from tts.text.normalize.alphabet import spell_latin

    low = word.lower()
    if low in BRANDS:
        return BRANDS[low]
    if low in ENGLISH:
        return ENGLISH[low]
    if word.isupper() and len(low) <= 5:  # an acronym: a word only when it is one («NASA»)
        if len(low) >= 4 and set(low) & set("aeiou") and english.phones(low):
            # «NASA», «SPORT»: CMUdict has them as words (and «BBC» as its letters)
            return english.read(low, BRANDS) or transliterate(low)
        if len(low) >= 4 and re.fullmatch(r"[^aeiouy]?(?:[aeiouy]{1,2}[^aeiouy])+[aeiouy]?", low):
            # «AZUR», «SOVA», «ADAL», «KITAP»: consonants and vowels alternate, as in a word
            # («UEFA», «OPEC»); «EGDI», «WBC» are letters
            return kazakh(low) if kazakh_name(low) else transliterate(low)
        return spell_latin(low)  # «EGDI» -> «и джи ди ай»
    has_vowel = any(c in EN_VOWELS for c in low)
    if not has_vowel or (len(low) == 3 and not english_syllable(low)) or len(low) < 2:
        return spell_latin(low)
    one_syllable = len(_VOWEL_GROUPS.findall(low.removesuffix("e"))) == 1
    if (
        word[:1].isupper()
        and len(low) > 3
        and not ENGLISH_SPELLING.search(low)
        and not (one_syllable and english.phones(low))  # «Just», «Still»: English words
    ):
        # A name that does not look English («Amanat», «Kazinform», «Dedeman», «Masters»)
        # is read as spelled: measured on the dev split, 92 right against 74 for English
        # phonetics first (CMUdict gives many such names an American reading). A word of one
        # syllable that CMUdict knows is English more often than not (dev: 3 right, 1 wrong).
        if kazakh_name(low):
            return kazakh(low)
        return transliterate(low)
    return english.read(low, BRANDS) or transliterate(low)


_VOWEL_GROUPS = re.compile("[aeiouy]+")
_KAZAKH_Y = re.compile(r"(?<=[^aeiouy])y(?=[^aeiouy]|$)")
_NOT_KAZAKH = re.compile(r"c(?!h)|[wx]")


def kazakh_name(low: str) -> bool:
    """«Shymkent», «Paryz», «Kazakhmys», «Ligasy»: «y» between consonants or after one at the
    end, in a word CMUdict does not know, is Kazakh «ы»; the word is read letter by letter as
    Kazakh."""
    from tts.text.normalize import english

    # Kazakh Latin has no «c» but in «ch», no «w», no «x»: «Comirnaty» is no Kazakh word
    return bool(_KAZAKH_Y.search(low) and not _NOT_KAZAKH.search(low)) and not english.phones(low)


# Spellings only English has: «th», «ee», «ou», «-tion», «w», a silent final «e»…
ENGLISH_SPELLING = re.compile(
    r"th|ee|oo|ea|ou|ay$|ey$|igh|tion|sion|ck|wh|w|ow|ew|aw|[^aeiou][aeiou][^aeiouy]e$|[cgsv]e$|"
    r"^kn|^wr|qu|[^n]g[ei]"
)
