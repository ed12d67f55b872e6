"""Domains, URLs, e-mail addresses and phone numbers, read as a newsreader would.

A URL is read as its host only («https://tsao.kz/about» -> «цао точка кей зет»); «www.» is
not read. Phone numbers are read in their printed groups.
"""

from __future__ import annotations

import re

from tts.normalize.latin import transliterate
from tts.normalize.numbers import cardinal, digits_in_groups
from tts.normalize.rules import Rule, words_before

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
    "de": "дэ е",  # spiegel.de
    "info": "инфо",  # news.info
    "tv": "ти ви",  # khabar.tv
    "me": "ми",  # t.me
    "int": "инт",  # who.int
    "eu": "и ю",  # europa.eu
    "us": "ю эс",  # state.us
    "ai": "эй ай",  # x.ai
}

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_TLDS = "|".join(sorted(TLD, key=len, reverse=True))
_HOST = rf"(?:{_LABEL}\.)+(?:{_TLDS})"
URL = re.compile(r"(?<![\w@])(?:https?://|www\.)[^\s«»\"<>]*[^\s«»\"<>.,;:!?)\]]")
EMAIL = re.compile(rf"(?<![\w.])[A-Za-z0-9._%+-]+@{_HOST}(?![\w.-]*\w)")
DOMAIN = re.compile(rf"(?<![\w@./-]){_HOST}(?![\w-]|\.\w)", re.IGNORECASE)


def read_label(label: str) -> str:
    """One part of a host or mailbox: digits as numbers, letters transliterated."""
    parts = re.findall(r"[A-Za-z]+|\d+", label)
    return " ".join(cardinal(int(p)) if p.isdigit() else transliterate(p) for p in parts)


def read_host(host: str) -> str:
    labels = host.lower().split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    spoken = [read_label(x) for x in labels[:-1]] + [TLD.get(labels[-1], read_label(labels[-1]))]
    return " точка ".join(s for s in spoken if s)


def _url(match: re.Match[str]) -> str | None:
    rest = re.sub(r"^(?:https?://)", "", match.group(), flags=re.IGNORECASE)
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0]
    return read_host(host) if "." in host else None


def _email(match: re.Match[str]) -> str:
    box, host = match.group().split("@", 1)
    mailbox = " точка ".join(read_label(x) for x in re.split(r"[._]", box) if x)
    return f"{mailbox} собака {read_host(host)}"


# Phone numbers: +7 (7172) 77-54-00, 8 (727) 393-00-11, 8-800-080-30-30.
PHONE = re.compile(
    r"(?<![\w+])(?P<country>\+\d{1,3}|8)[\s-]*\(?(?P<area>\d{3,4})\)?[\s-]*"
    r"(?P<rest>\d{2,3}(?:[\s-]\d{2}){2})(?![\d-])"
)
SHORT_NUMBER = re.compile(r"(?<!\w)(\d{3,4})(?![\w,.:/-]\d)")


def _phone(match: re.Match[str]) -> str:
    country = match.group("country")
    head = f"плюс {cardinal(int(country[1:]))}" if country.startswith("+") else "восемь"
    area = match.group("area")
    groups = [area, *re.split(r"[\s-]", match.group("rest"))]
    spoken = [digits_in_groups(g) if len(g) != 3 or g.startswith("0") else cardinal(int(g))
              for g in groups]  # fmt: skip
    return ", ".join([head, *spoken])


def _short_number(match: re.Match[str]) -> str | None:
    if words_before(match)[-1:] not in (["номеру"], ["номер"], ["номера"]):
        return None
    digits = match.group(1)
    return digits_in_groups(digits) if len(digits) == 4 else cardinal(int(digits))


RULES = (
    Rule("url", URL, _url, "https://tsao.kz/about -> цао точка кей зет"),
    Rule("email", EMAIL, _email, "press@nationalbank.kz -> пресс собака нэшнлбанк точка кей зет"),
    Rule(
        "domain",
        DOMAIN,
        lambda m: read_host(m.group()),
        "Elordainfo.kz -> элордаинфо точка кей зет",
    ),
    Rule(
        "phone", PHONE, _phone, "+7 (7172) 77-54-00 -> плюс семь, семьдесят один семьдесят два, …"
    ),
    Rule(
        "short-number",
        SHORT_NUMBER,
        _short_number,
        "по номеру 1414 -> по номеру четырнадцать четырнадцать",
    ),
)
