"""Domains, URLs, e-mail addresses and phone numbers, read as a newsreader would.

A URL is read as its host only («https://tsao.kz/about» -> «цао точка кей зет»); «www.» is
read only where such an address opens the line («www.stat.kz, 28 декабря»).
Phone numbers are read in their printed groups.
"""

from __future__ import annotations

import re

from tts.text.normalize import english, morph
from tts.text.normalize.alphabet import spell_latin
from tts.text.normalize.latin import (
    BRANDS,
    english_syllable,
    kazakh,
    kazakh_name,
    transliterate,
)
from tts.text.normalize.numbers import cardinal, digits_in_groups
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

# Top-level domains: how each is said.
TLD: dict[str, str] = {
    "kz": "кей зет",  # elordainfo.kz
    "ru": "ру",  # mail.ru
    "рф": "эр эф",  # президент.рф
    "com": "ком",  # google.com
    "org": "орг",  # wikipedia.org
    "net": "нет",  # speedtest.net
    "gov": "гов",  # nasa.gov
    "edu": "эду",  # mit.edu
    "io": "ай оу",  # github.io
    "ua": "ю эй",  # gov.ua
    "by": "бай",  # tut.by
    "uz": "ю зет",  # gov.uz
    "kg": "кей джи",  # akipress.kg
    "uk": "ю кей",  # bbc.co.uk
    "de": "ди и",  # spiegel.de (English letter names, as «кей зет»)
    "info": "инфо",  # news.info
    "tv": "ти ви",  # khabar.tv
    "me": "ми",  # t.me
    "int": "инт",  # who.int
    "eu": "и ю",  # europa.eu
    "us": "ю эс",  # state.us
    "ai": "эй ай",  # x.ai
    "media": "медиа",  # arbat.media
    "az": "аз",  # day.az
    "news": "ньюс",  # oqu.news
    "today": "тудэй",  # ria24.today
    "online": "онлайн",  # site.online
    "life": "лайф",  # amur.life
    "live": "лайв",  # kaspii.live
    "tech": "тек",  # ts2.tech
    "asia": "азия",  # kgnews.asia
    "pro": "про",  # hctorpedo.pro
    "site": "сайт",  # news.site
    "am": "эй эм",  # news.am
    "md": "эм ди",  # infomarket.md
    "ge": "джи и",  # nor.ge
    "lv": "эл ви",  # rus.lsm.lv
    "lt": "эл ти",  # delfi.lt
    "ee": "и и",  # err.ee
    "ру": "ру",  # 29.ру
    "рус": "рус",  # сайт.рус
    "бел": "бел",  # сайт.бел
    "қаз": "каз",  # сайт.қаз
}

_LABEL = r"[A-Za-z0-9а-яёА-ЯЁ](?:[A-Za-z0-9а-яёА-ЯЁ-]*[A-Za-z0-9а-яёА-ЯЁ])?"
_TLDS = "|".join(sorted(TLD, key=len, reverse=True))
_HOST = rf"(?:{_LABEL}\.)+(?:{_TLDS})"
URL = re.compile(r"(?<![\w@])(?:https?://|www\.)[^\s«»\"<>]*[^\s«»\"<>.,;:!?)\]]")
EMAIL = re.compile(rf"(?<![\w.])[A-Za-z0-9._%+-]+@{_HOST}(?![\w.-]*\w)")
DOMAIN = re.compile(rf"(?<![\w@./-]){_HOST}(?![\w-]|\.\w)", re.IGNORECASE)
# «передаёт @Pavlodarnews.kz»: a social-media handle that is a site's name; the «@» is not said
HANDLE = re.compile(rf"(?<![\w.])@(?P<host>{_HOST})(?![\w-]|\.\w)", re.IGNORECASE)


def _letters(word: str) -> str:
    """A lone letter by its name («a» -> «эй»); an all-capitals run by letters («DK» -> «ди
    кей»); else the brand table, known English pieces and transliteration («tengrinews» ->
    «тенгриньюс», «avesta» -> «авеста»): a site's name is rarely an English word."""
    if len(word) == 1 or (word.isupper() and len(word) <= 3):
        return spell_latin(word)
    low = word.lower()
    if low in BRANDS:
        return BRANDS[low]
    if not any(c in "aeiouy" for c in low) or (len(low) == 3 and not english_syllable(low)):
        return spell_latin(low)  # «abc» -> «эй би си»
    if kazakh_name(low):
        return kazakh(low)  # «paryz.kz» -> «парыз»
    parts = _two_words(low)
    if parts is not None:
        return "".join(parts)  # «huaweiclub» -> «хуавэйклаб», one name as the site's is
    return transliterate(low)


def _two_words(low: str) -> list[str] | None:
    """A label glued from two words of the brand table («huawei» + «club»); a word English
    itself knows whole («ranking») is no such pair."""
    if english.phones(low):
        return None
    for cut in range(4, len(low) - 3):
        head, tail = low[:cut], low[cut:]
        if head in BRANDS and tail in BRANDS:
            return [BRANDS[head], BRANDS[tail]]
    return None


def _split_capitals(match: re.Match[str]) -> str:
    word = re.match(r"[A-Za-z]+", match.string[match.start() :])
    rest = word.group().lower() if word else ""
    return " " if english.phones(rest) and not english.phones(rest[1:]) else ""


def read_label(label: str, digits_one_by_one: bool = False) -> str:
    """One part of a host or mailbox: digits as numbers (in a mailbox, one by one, as it is
    dictated), letters read as a word or spelled."""
    # «DKnews» -> «DK» + «news»: a capital run before a lower-case word is its own part;
    # «BNews» -> «B» + «News»: the run's last capital starts the word
    label = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z]{2,})", _split_capitals, label)
    parts = re.findall(r"[A-Z]{2,}(?=[a-z]{3,})|[A-Za-z][a-z]+|[A-Za-z]+|[а-яёА-ЯЁ]+|\d+|-", label)
    spoken = []
    for part in parts:
        if not part.isascii():
            spoken.append(part.lower())
        elif part == "-":
            if digits_one_by_one:  # a mailbox is dictated: «a123-v» -> «… тире ви»
                spoken.append("тире")
            continue  # «avesta-news»: the hyphen is not read
        elif part.isdigit():
            numbers = part if digits_one_by_one else [part]
            spoken.append(" ".join(cardinal(int(d)) for d in numbers))
        else:
            spoken.append(_letters(part))
    return " ".join(spoken)


def read_host(host: str) -> str:
    labels = [x.lower() if x.isupper() else x for x in host.split(".")]  # «BAQ.KZ»: a style
    if labels and labels[0].lower() == "www":
        labels = labels[1:]
    last = labels[-1].lower()
    spoken = [read_label(x) for x in labels[:-1]] + [TLD.get(last, read_label(last))]
    return " точка ".join(s for s in spoken if s)


def _url(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    rest = re.sub(r"^(?:https?://)", "", match.group(), flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    host = re.split(r"[?#:]", host, maxsplit=1)[0]
    if "." not in host:
        return None
    segments = [s for s in re.split(r"[?#]", path, maxsplit=1)[0].split("/") if s]
    # «www.stat.kz, 28 декабря»: an address that opens a line (a credit, a source) is said
    # whole, «www» too; in running text («подробности на сайте www…») the host is enough
    opens = match.group()[:4].lower() == "www." and not match.string[: match.start()].strip()
    spoken_host = ("вэ вэ вэ точка " if opens else "") + read_host(host)
    if not segments or len(segments) > 2 or not all(_WORDY.fullmatch(s) for s in segments):
        return Reading(spoken_host, "a web address: its host")  # ids are not read
    parts = [spoken_host]
    for segment in segments:  # «tengrinews.kz/sport» -> «… слэш спорт»
        parts.append("слэш " + " ".join(read_label(w) for w in re.split(r"[-_.]", segment) if w))
    return Reading(" ".join(parts), "a web address with a short path")


_WORDY = re.compile(r"[A-Za-z][A-Za-z_-]{0,24}(?:\.html?)?")


_SEPARATORS = {".": "точка", "_": "нижнее подчёркивание"}


def _email(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    box, host = match.group().split("@", 1)
    pieces = re.split(r"([._])", box)
    mailbox = " ".join(
        _SEPARATORS[x] if x in _SEPARATORS else read_label(x, True) for x in pieces if x
    )
    return f"{mailbox} собака {read_host(host)}"


# Phone numbers: +7 (7172) 77-54-00, 8 (727) 393-00-11, 8-800-080-30-30.
PHONE = re.compile(
    r"(?<![\w+(])(?P<country>\+\d{1,3}|8)[\s-]*\(?(?P<area>\d{3,5})\)?[\s-]*"
    r"(?P<rest>\d{1,3}(?:[\s-]\d{2}){2})(?![\d-])"
)
# «(8352)303-922», «(7172) 77-54-00»: an area code in brackets, then the number
LOCAL_PHONE = re.compile(  # «(8-0154) 65-97-43»: a Belarusian trunk «8-0…» inside the brackets
    r"(?<![\w+])\((?:(?P<trunk>8)[\s-])?(?P<area>\d{3,5})\)\s?"
    r"(?P<rest>\d{2,3}(?:-\d{2,3}){1,2})(?![\d-])"
)


# «274-66-66», «51-20-33», «2-16-84»: a city number in groups, never a range (a range has two parts)
CITY_PHONE = re.compile(r"(?<![\w+.,/-])(?P<rest>\d{1,3}-\d{2}-\d{2})(?![\w-]|[.,]\d)")


def _local_phone(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    groups = [*(match.groupdict().get("area") or "").split(), *match["rest"].split("-")]
    spoken = [digits_in_groups(g) if len(g) != 3 or g.startswith("0") else cardinal(int(g))
              for g in groups]  # fmt: skip
    if match.groupdict().get("trunk"):
        area = match["area"]
        if (
            len(area) == 4 and area[0] == "0" and area[1] != "0"
        ):  # «0154»: «ноль сто пятьдесят четыре»
            spoken[0] = f"ноль {cardinal(int(area[1:]))}"
        spoken.insert(0, "восемь")
    return Reading(", ".join(spoken), "a telephone number, group by group")


SHORT_NUMBER = re.compile(r"(?<!\w)(\d{3,4})(?![\w,.:/-]\d)")


def _country_code(country: str) -> str:
    return f"плюс {cardinal(int(country[1:]))}" if country.startswith("+") else "восемь"


def _phone(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    head = _country_code(match.group("country"))
    area = match.group("area")
    groups = [area, *re.split(r"[\s-]", match.group("rest"))]
    spoken = [digits_in_groups(g) if len(g) != 3 or g.startswith("0") else cardinal(int(g))
              for g in groups]  # fmt: skip
    return ", ".join([head, *spoken])


# «по номеру: 8 800 7751717», «Телефон доверия - 629999»: digits typed without groups, after a
# word that names a telephone; read in the groups of a written number (…-XX-XX)
PLAIN_PHONE = re.compile(
    r"(?<![\w+,.-])(?:(?P<country>8|\+7)[\s-](?P<area>\d{3})[\s-])?(?P<rest>\d{5,7})(?![\w,.:/-]?\d)"
)
_PHONE_WORD = re.compile(
    r"(?:телефон\w*|тел\.|по номеру|горяч\w* лини\w*)[^.!?\d]{0,40}$", re.IGNORECASE
)


def _plain_phone(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not _PHONE_WORD.search(sentence.text, 0, match.start()):
        return None
    after = sentence.word_after(match.end())
    if after is not None and after.is_cyrillic and morph.best_pos(after.text) in ("NOUN", "ADJF"):
        return None  # «телефон стоит 120000 тенге»: an amount
    rest = match["rest"]
    groups = [rest[:-4], rest[-4:-2], rest[-2:]]
    head = (
        [_country_code(match["country"]), digits_in_groups(match["area"])]
        if match["country"]
        else []
    )
    spoken = [*head, *(digits_in_groups(g) for g in groups)]
    return Reading(", ".join(spoken), "a telephone number after a word that names one")


def _short_number(match: re.Match[str], sentence: Sentence) -> str | None:
    if sentence.words_before(match.start(), 1) not in (["номеру"], ["номер"], ["номера"]):
        return None
    digits = match.group(1)
    return digits_in_groups(digits) if len(digits) == 4 else cardinal(int(digits))


# «в зоне .РФ», «домены .com»: a top-level domain named alone, after its dot
ZONE = re.compile(rf"(?<![\w.])\.(?P<tld>{_TLDS})(?![\w.-])", re.IGNORECASE)


def _zone(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(f"точка {TLD[match['tld'].lower()]}", "a top-level domain")


RULES = (
    Rule("url", URL, _url, "https://tsao.kz/about -> цао точка кей зет"),
    Rule("domain", ZONE, _zone, "в зоне .РФ -> в зоне точка эр эф"),
    Rule("email", EMAIL, _email, "press@nationalbank.kz -> пресс собака нэшнлбанк точка кей зет"),
    Rule("domain", HANDLE, lambda m, s: read_host(m["host"]), "@Site.kz -> сайт точка кей зет"),
    Rule(
        "domain",
        DOMAIN,
        lambda m, s: read_host(m.group()),
        "Elordainfo.kz -> элордаинфо точка кей зет",
    ),
    Rule(
        "phone", PHONE, _phone, "+7 (7172) 77-54-00 -> плюс семь, семьдесят один семьдесят два, …"
    ),
    Rule("telephone", LOCAL_PHONE, _local_phone, "(8352)303-922 -> восемьдесят три …"),
    Rule("telephone", CITY_PHONE, _local_phone, "274-66-66 -> двести семьдесят четыре, …"),
    Rule("telephone", PLAIN_PHONE, _plain_phone, "телефон 629999 -> шестьдесят два, …"),
    Rule(
        "short-number",
        SHORT_NUMBER,
        _short_number,
        "по номеру 1414 -> по номеру четырнадцать четырнадцать",
    ),
)
