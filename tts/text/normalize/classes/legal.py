"""Legal references: «по ч. 1 ст. 290 УК РФ» -> «по части первой статьи двести девяностой
Уголовного кодекса Российской Федерации».

The first element takes the case of its context («по» -> dative, «в» -> prepositional,
«предусмотренного» -> instrumental), each later element the genitive; an article's number is an
ordinal after its noun, agreeing with it; the code and the country are spelled out.
"""

from __future__ import annotations

import re

from tts.text.normalize import context, morph
from tts.text.normalize.alphabet import spell_cyrillic
from tts.text.normalize.numbers import TAG_OF_CASE, Case, Gender, cardinal, ordinal
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

PARTS: dict[str, tuple[str, bool]] = {
    # abbreviation -> (lemma, plural)
    "ч.": ("часть", False),  # ч. 1
    "чч.": ("часть", True),  # чч. 1, 2
    "п.": ("пункт", False),  # п. 3
    "пп.": ("пункт", True),  # пп. 3-5 (also «подпункт»: read as «пункты»)
    "подп.": ("подпункт", False),  # подп. 2
    "пп": ("подпункт", False),  # пп 2
    "абз.": ("абзац", False),  # абз. 2
    "ст.": ("статья", False),  # ст. 290
    "ст.ст.": ("статья", True),  # ст.ст. 228-233
    "ст. ст.": ("статья", True),  # ст. ст. 228, 229
    "гл.": ("глава", False),  # гл. 5
    "разд.": ("раздел", False),  # разд. 2
}
CODES: dict[str, tuple[str, str]] = {
    # abbreviation -> (adjective, noun): genitive phrases are built by inflection
    "УК": ("уголовный", "кодекс"),  # УК РФ
    "УПК": ("уголовно-процессуальный", "кодекс"),  # УПК РФ
    "ГК": ("гражданский", "кодекс"),  # ГК РФ
    "ГПК": ("гражданский процессуальный", "кодекс"),  # ГПК РФ
    "АПК": ("арбитражный процессуальный", "кодекс"),  # АПК РФ
    "КоАП": ("", "кодекс об административных правонарушениях"),  # КоАП РФ
    "НК": ("налоговый", "кодекс"),  # НК РФ
    "ТК": ("трудовой", "кодекс"),  # ТК РФ
    "ЖК": ("жилищный", "кодекс"),  # ЖК РФ
    "ЗК": ("земельный", "кодекс"),  # ЗК РФ
    "БК": ("бюджетный", "кодекс"),  # БК РФ
    "УИК": ("уголовно-исполнительный", "кодекс"),  # УИК РФ
}
COUNTRIES: dict[str, str] = {
    "РФ": "Российской Федерации",  # УК РФ
    "РК": "Республики Казахстан",  # УК РК
    "РБ": "Республики Беларусь",  # УК РБ
    "КР": "Кыргызской Республики",  # УК КР
    "РУз": "Республики Узбекистан",  # УК РУз
}

_PART = "|".join(re.escape(p) for p in sorted(PARTS, key=len, reverse=True))
# «258.1», and «258. 1» typed with a space before its code
_DOTTED = r"\d+(?:\.(?:\s(?=\d{1,2}\s?(?:УК|КоАП|УПК|ГК|НК)\b))?\d+)*"
# «п. «а» ч. 2», «п.а ч.2»: a lettered item, named by its letter, before the next part
_LETTER = r"[«\"„]?[а-я][»\"“]?(?=\s?(?:ч\.|част|ст\.|стать))"
_NUMBERS = rf"(?:{_DOTTED}|{_LETTER})(?:\s?(?:[-–—]|,\s?|\sи\s)\s?{_DOTTED})*"
_CODE = "|".join(sorted(CODES, key=len, reverse=True))
_COUNTRY = "|".join(sorted(COUNTRIES, key=len, reverse=True))
REFERENCE = re.compile(
    rf"(?<![\w.])(?:(?:{_PART})\s?{_NUMBERS}\s?)+(?:(?P<code>{_CODE})(?:\s(?P<country>{_COUNTRY}))?(?!\w))?"
)
CODE_ALONE = re.compile(rf"(?<![\w.])(?P<code>{_CODE})(?:\s(?P<country>{_COUNTRY}))?(?![\w])")
_ELEMENT = re.compile(rf"(?P<part>{_PART})\s?(?P<numbers>{_NUMBERS})")
# Participles that take the instrumental: «предусмотренного ч. 2 ст. 159».
_INSTRUMENTAL = re.compile(
    r"^(?:предусмотрен|установлен|определ[её]н|регламентирован|квалифициров)"
)


# «внести изменения в ст. 5»: amending takes «в» with the accusative.
_AMENDMENTS = frozenset({"изменение", "поправка", "дополнение", "изменить", "дополнить"})

_SEE = re.compile(r"(?i)\bсм\.\s*(?:[^.]*?\s(?:и|,)\s*)?$")


def _reference_case(sentence: Sentence, start: int) -> tuple[Case, str]:
    if _SEE.search(sentence.text[:start]):
        return "accusative", "object of «см.»"
    words = sentence.words_before(start, 1)
    previous = words[0] if words else None
    if previous is None:
        return "nominative", "starts the phrase"
    if _INSTRUMENTAL.match(previous):
        return "instrumental", f"after «{previous}»"
    if previous in ("в", "во"):
        two = sentence.words_before(start, 2)
        if len(two) == 2 and morph.lemma(two[0]) in _AMENDMENTS:
            return "accusative", f"«{two[0]} в …»: what is amended"  # «изменения в ст. 264»
        return "prepositional", "after «в»: where it is written"
    if previous in ("по", "согласно", "к"):
        return "dative", f"after «{previous}»"
    if previous == "см":
        return "accusative", "object of «см.»"
    if previous in context.PREPOSITIONS:
        grammar = context.with_noun(sentence, start) or context.phrase_case(
            sentence, start, "genitive"
        )
        return grammar.case, grammar.why
    if morph.best_pos(previous) == "NOUN":
        return "genitive", f"complement of «{previous}»"
    return "nominative", "default"


def _numbers_in(text: str) -> list[tuple[str, str]]:
    """«228-233» -> [("228", "–"), ("233", "")]; «1 и 2» -> [("1", "и"), ("2", "")]."""
    pieces = re.split(r"\s?([-–—]|,|\sи\s)\s?", text)
    out = []
    for i in range(0, len(pieces), 2):
        joiner = pieces[i + 1].strip() if i + 1 < len(pieces) else ""
        out.append((pieces[i], {"-": "–", "—": "–"}.get(joiner, joiner)))
    return out


def _ordinal_of(number: str, case: Case, gender: Gender) -> str:
    letter = number.strip('«»"„“')
    if letter.isalpha():
        return spell_cyrillic(letter)  # «пункту «а»» -> «пункту а»
    if "." in number:  # «ст. 5.27 КоАП» -> «статьи пять точка двадцать семь»: a name
        return _dotted(number)
    return ordinal(int(number), case, gender)


def _dotted(number: str) -> str:
    """An article's dotted number: «264.1» -> «двести шестьдесят четыре точка один»."""
    return " точка ".join(cardinal(int(piece)) for piece in number.split("."))


def _element(part: str, numbers: str, case: Case) -> str:
    lemma, plural = PARTS[part]
    values = _numbers_in(numbers)
    plural = plural or len(values) > 1
    noun = next(
        (p for p in morph.parses(lemma) if p.tag.POS == "NOUN" and "inan" in p.tag), None
    )  # «глава» of a book, not of a district
    gender: Gender = {"femn": "f", "neut": "n"}.get(str(noun.tag.gender), "m") if noun else "m"  # type: ignore[assignment]
    tag = TAG_OF_CASE[case]
    word = morph.inflect(lemma, tag, "plur" if plural else "sing") or lemma
    if case == "accusative" and not plural:
        word = morph.inflect(lemma, "accs", "sing") or word
    spoken = [word]
    for number, joiner in values:
        spoken.append(_ordinal_of(number, case, gender))
        if joiner:
            spoken.append(joiner if joiner != "," else ",")
    return " ".join(spoken).replace(" ,", ",")


def code_phrase(code: str, country: str | None, case: Case) -> str:
    adjective, noun = CODES[code]
    tag = TAG_OF_CASE[case]
    head, _, rest = noun.partition(" ")
    words = []
    for adj in adjective.split():
        parse = next((p for p in morph.parses(adj) if p.tag.POS == "ADJF"), None)
        grammemes = {tag, "sing", "masc"} | ({"inan"} if case == "accusative" else set())
        form = parse.inflect(grammemes) if parse else None
        words.append(str(form.word) if form else adj)
    words.append(morph.inflect(head, tag, "sing") or head)
    if rest:
        words.append(rest)
    phrase = " ".join(words)
    phrase = phrase[:1].upper() + phrase[1:]
    if country:
        phrase += " " + COUNTRIES[country]
    return phrase


def _reference(match: re.Match[str], sentence: Sentence) -> Reading | None:
    case, why = _reference_case(sentence, match.start())
    elements = list(_ELEMENT.finditer(match.group()))
    if not elements:
        return None
    after_number = re.search(r"\d\s$", sentence.text[: match.start()])
    if after_number and elements[0]["part"] not in ("ст.", "ст.ст.", "ст. ст."):
        return None  # «2 ч. 15 мин.»: hours; «Частью 1 ст. 264.3 УК» is an article
    spoken = []
    for i, element in enumerate(elements):
        spoken.append(_element(element["part"], element["numbers"], case if i == 0 else "genitive"))
    if match["code"]:
        spoken.append(code_phrase(match["code"], match["country"], "genitive"))
    return Reading(" ".join(spoken), f"{case}: {why}")


_PART_WORDS = re.compile(r"(?i)\b(?:стать|част|пункт|подпункт|ст\.|ч\.|п\.)")
_CRIMINAL = re.compile(r"(?i)уголовн|преступ|осужд|приговор|\bсуд|кодекс")


def _code_alone(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if match["country"] is None and match["code"] not in ("УК", "КоАП", "УПК", "ГК", "НК"):
        return None  # «ТК» alone is usually something else (a shopping mall)
    if (
        match["code"] == "УК"
        and match["country"] is None
        and not _PART_WORDS.search(sentence.text)
        and not _CRIMINAL.search(sentence.text)
    ):
        return None  # «проверку всех УК», «в пользу самой УК»: managing companies
    if re.search(r"(?i)далее\s?[–—-]\s?$", match.string[: match.start()]):
        return None  # «(далее – УПК РФ)»: the short name defined, said as written
    quoted_after = match["country"] is None and re.match(r"\s?«", match.string[match.end() :])
    if quoted_after or match.string[: match.start()].endswith(("«", '"', "„")):
        # «АО «НК «QazaqGaz»»: a company's kind (национальная компания); «ООО «УК Жилищная…»»:
        # the name of a managing company (управляющая компания); not «УК РФ «Вандализм»»
        return None
    if _PART_WORDS.search(sentence.text[: match.start()]):
        # «по статье 318 УК РФ», «статьи 167 («Повреждение имущества») УК РФ»
        return Reading(
            code_phrase(match["code"], match["country"], "genitive"),
            "genitive: the code of an article",
        )
    before = sentence.words_before(match.start(), 1)
    punctuated = re.search(r"[,;:()«»–—]", sentence.text[match.start() - 3 : match.start()])
    if before and not punctuated and morph.best_pos(before[0]) == "NOUN":
        # «нормы НК РК» -> «Налогового кодекса»
        phrase = code_phrase(match["code"], match["country"], "genitive")
        return Reading(phrase, f"genitive: after the noun «{before[0]}»")
    grammar = context.phrase_case(sentence, match.start())
    return Reading(code_phrase(match["code"], match["country"], grammar.case), grammar.describe())


def in_legal_phrase(match: re.Match[str]) -> bool:
    """A lexicon word inside a code reference («РФ» in «УК РФ») is the reference's."""
    around = match.string[max(0, match.start() - 5) : match.end() + 5]
    return bool(re.search(rf"(?<![\w-])(?:{_CODE}) (?:{_COUNTRY})(?!\w)", around))


# «статьей 12.7 КоАП», «Частью 1 ст. 264.3 УК», «258. 1 УК»: a dotted article number before
# its code is a name, read as written
DOTTED_ARTICLE = re.compile(
    rf"(?<![\w.,])(?P<a>\d{{1,3}})\.\s?(?P<b>\d{{1,2}})(?=\s?(?:{_CODE})(?!\w))"
)


def _dotted_article(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(_dotted(f"{match['a']}.{match['b']}"), "an article")


# «статья 7.9 закона», «подпунктом 1.3», «по статьям 281.2, 309.2»: a dotted number after a
# legal part's name is its number, «семь точка девять», with or without a code after it
LABELED_ARTICLE = re.compile(r"(?<![\w.,])(?P<a>\d{1,3})\.(?P<b>\d{1,2})(?![\w.,]\d|[\w.-])")
_LABEL_BEFORE = re.compile(
    # the abbreviated parts of PARTS, or the words written out
    rf"(?i)(?<![\w.])(?:{_PART}|стать[яиеюёй]\w*|пункт\w*|подпункт\w*|глав[аыеуо]\w*|"
    r"раздел\w*|част[ьиюей]\w*)\s?(?:\d{1,3}\.\d{1,2}(?:,\s?|\s(?:и|или)\s))*$"
)
_MEASURE_AFTER = re.compile(r"\s(?:тонн|рубл|процент|метр|литр|килограмм|градус|гектар|тыс|млн)")


def _labeled_article(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not _LABEL_BEFORE.search(sentence.text[: match.start()]):
        return None
    if _MEASURE_AFTER.match(sentence.text, match.end()):
        return None  # «в пункте 1.5 тонны груза»: an amount, where it lies
    return _dotted_article(match, sentence)


RULES = (
    Rule("legal", REFERENCE, _reference, "по ч. 1 ст. 290 УК РФ -> по части первой статьи …"),
    Rule("legal", DOTTED_ARTICLE, _dotted_article, "статьей 12.7 КоАП -> двенадцать точка семь"),
    Rule("legal", LABELED_ARTICLE, _labeled_article, "статья 7.9 закона -> семь точка девять"),
    Rule("legal", CODE_ALONE, _code_alone, "УК РФ -> Уголовный кодекс Российской Федерации"),
)
