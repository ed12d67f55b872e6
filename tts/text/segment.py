"""Paragraphs -> sentences with character spans; over-long sentences -> clauses.

Sentences come from razdel, then a few named post-rules join razdel pieces that are not real
sentence ends. Each rule was kept only because it helps on ../shared/segment_eval
(see benchmarks/segment_eval.py). A sentence longer than an engine can read at once is cut at
its best clause boundary (tts.text.clauses).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from razdel import sentenize

from tts.text.clauses import Span, clause_spans
from tts.types import Article, Sentence, SentenceKind

# A rule looks at two adjacent razdel pieces and says whether they belong to one sentence.
JoinRule = Callable[[str, str], bool]
# A split rule finds gaps (start, end of the whitespace) inside one razdel sentence to cut at.
SplitRule = Callable[[str], list[Span]]

# Stripped lines: runs of non-space separated by spaces that do not break a line.
_LINE = re.compile(r"\S+(?:[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\S+)*")
_NON_SPACE_ALL = re.compile(r"\S(?:.*\S)?", re.DOTALL)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# --- post-rules over razdel -------------------------------------------------------------


_LIST_ITEM = re.compile(r"(?:\d{1,3}|[а-яa-z])\)")


def semicolon_is_not_an_end(left: str, right: str) -> bool:
    """'(Wilhelm Stekel;|18 марта 1868)': razdel breaks after ';' before a capital or digit.

    A list item ('квартире;|2) отчуждать') still starts a new piece.
    """
    return left.endswith(";") and not _LIST_ITEM.match(right)


def quote_continues(left: str, right: str) -> bool:
    """'«К чему ты готовишься? – спросила мама.|– Завтра ведь выходной».': inside «…»."""
    return "»" in right and left.count("«") > left.count("»")


_BEFORE_NAME = _wordset(
    "пгт дер мкр наб бул респ доц ген свящ митр патр еп иером худ реж лейт кап полк"
)


_LAST_ABBREVIATION = re.compile(r"(?<![\w.])(\w+)\.$")


def _last_abbreviation(left: str) -> str:
    """The word before a final period, lowercased ('' if none); looks at the tail only."""
    match = _LAST_ABBREVIATION.search(left[-16:])
    return match.group(1).lower() if match else ""


def abbreviation_before_name(left: str, right: str) -> bool:
    """'в сторону пгт.|Брагиновка': place types and titles that only ever precede a name."""
    return right[:1].isupper() and _last_abbreviation(left) in _BEFORE_NAME


_BEFORE_NUMBER = _wordset("род ум макс мин табл рис гл стр разд прим вып тел")


def abbreviation_before_number(left: str, right: str) -> bool:
    """'Бейкер (род.|20 января 1934)': abbreviations that introduce a number."""
    return right[:1].isdigit() and _last_abbreviation(left) in _BEFORE_NUMBER


def dollars_of_country(left: str, right: str) -> bool:
    """'18000 долл.|США': the currency abbreviation takes its country after it."""
    return right.startswith("США") and _last_abbreviation(left) in ("долл", "дол")


_DATE_WORDS = _wordset(
    """в во с со до по к на около д н э г гг вв век века веке веков год года году годах годы
    летом зимой весной осенью начале середине конце начала середины конца января февраля
    марта апреля мая июня июля августа сентября октября ноября декабря"""
)
_DATE_END = re.compile(r"(?<!\w)(?:гг?|вв?|н\.\s?э)\.$")
_DATE_NUMBER = re.compile(r"\d+(?:х|е|го|й)?|[IVXLC]+")


def date_only_fragment(left: str, right: str) -> bool:
    """'1 января 49 года до н. э.|Марк Антоний прочел': a bare date is not a sentence."""
    if not _DATE_END.search(left[-8:]):
        return False
    words = _words(left)
    return any(w[0].isdigit() or w.isupper() for w in words) and all(
        w.lower() in _DATE_WORDS or _DATE_NUMBER.fullmatch(w) for w in words
    )


_LIST_NUMBER = re.compile(r"(?:^|[:;]\s)\d{1,2}\.$")


def list_number_starts_item(left: str, right: str) -> bool:
    """'Основные задачи: 1.|Развитие туризма.': razdel cuts after an item's number; the
    number belongs to its item."""
    return bool(_LIST_NUMBER.search(left[-8:])) and right[:1].isupper()


JOIN_RULES: tuple[JoinRule, ...] = (
    list_number_starts_item,
    semicolon_is_not_an_end,
    abbreviation_before_name,
    abbreviation_before_number,
    dollars_of_country,
    date_only_fragment,
    quote_continues,
)


def year_ends_sentence(sentence: str) -> list[Span]:
    """'Фирма основана в 1912 г.|Потом её продали.': razdel never breaks after a year's 'г.'.

    Returns the gaps (end of one piece, start of the next) to cut at; a bare date before the
    gap ('В 2010-2012 гг.|Виктор посещал') is joined back by date_only_fragment.
    """
    return [match.span(1) for match in _YEAR_GAP.finditer(sentence)]


_YEAR_GAP = re.compile(r"\d(?:-[хе])?\s?гг?\.(\s+)(?=[А-ЯЁ])")

# Words that open a sentence and are never a surname or a name's part.
_OPENERS = (
    "Он|Она|Оно|Они|Это|Эта|Этот|Эти|Там|Тогда|Затем|Позже|Ранее|Сейчас|Сегодня|Вчера|"
    "Завтра|Также|Однако|Кроме|Впрочем|Книга|Его|Её|Ее|Их|Ему|Ей|Им|Мы|Я|Вы|Но|А|И|В|На|По|"
    "При|После|Для|Как|Что|Кто|Где|Когда|Так|С|К|О|Об|Из|За|До|От"
)
_INITIALS_END = re.compile(rf"[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.(\s+)(?=(?:{_OPENERS})(?![а-яё]))")


def initials_end_sentence(sentence: str) -> list[Span]:
    """'Книгу написал Пушкин А. С.|Она вышла в 1830 году.': initials after a surname end the
    sentence when the next word can only open one."""
    return [match.span(1) for match in _INITIALS_END.finditer(sentence)]


_UNIT_END = re.compile(
    r"(?:\d\s?(?:м/с|км/ч|м/сек|%|°\s?[СC]?|℃|см|мм|км|кг|га)|\d\s?(?:млн|млрд|тыс)\.?\s(?:р|руб|долл)"
    r"|\d-[хе])\.(\s+)"
    r"(?=[«\"]?[А-ЯЁ](?:[а-яё]|\s[А-ЯЁ]?[а-яё]))"  # «м/с. В Усть-Каменогорске…» too
)


def unit_ends_sentence(sentence: str) -> list[Span]:
    """'порывы 25 м/с.|В Усть-Каменогорске…', '51 млн р.|Такое решение…', 'вместо 34-х.|
    Начало…', 'вырос на 8 см.|Критический…', 'до -1 °C.|Сохраняется…': razdel takes the dot
    after a unit for an abbreviation's."""
    return [match.span(1) for match in _UNIT_END.finditer(sentence)]


_GLUED = re.compile(r"[а-яёА-ЯЁ]{2}[)»\"]?\.()(?=[«\"]?[А-ЯЁ](?:[а-яё]{2}|\s))")


def glued_sentences(sentence: str) -> list[Span]:
    """'…Росстат).В марте…', '…Гидрометцентра РФ.Днем…': a full stop typed without a space."""
    return [match.span(1) for match in _GLUED.finditer(sentence)]


SPLIT_RULES: tuple[SplitRule, ...] = (
    year_ends_sentence,
    initials_end_sentence,
    unit_ends_sentence,
    glued_sentences,
)


def _pieces(text: str, start: int, end: int, splits: tuple[SplitRule, ...]) -> list[Span]:
    """razdel's sentences of text[start:end], cut further by the split rules."""
    pieces: list[Span] = []
    for sentence in sentenize(text[start:end]):
        begin = start + sentence.start
        gaps = sorted(gap for rule in splits for gap in rule(sentence.text))
        for gap_start, gap_end in gaps:
            pieces.append((begin, start + sentence.start + gap_start))
            begin = start + sentence.start + gap_end
        pieces.append((begin, start + sentence.stop))
    return pieces


def split_paragraph(
    text: str, rules: tuple[JoinRule, ...] = JOIN_RULES, splits: tuple[SplitRule, ...] = SPLIT_RULES
) -> list[Span]:
    """Sentence spans in ``text``, each stripped: lines, then razdel, then the named rules."""
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        pieces = _pieces(text, line.start(), line.end(), splits)
        for i, piece in enumerate(pieces):
            if i and any(rule(text[slice(*pieces[i - 1])], text[slice(*piece)]) for rule in rules):
                spans[-1] = (spans[-1][0], piece[1])
            else:
                spans.append(piece)
    return spans


# --- article ---------------------------------------------------------------------------

_Draft = tuple[SentenceKind, int, int, Span, str]


def _whole(text: str) -> list[Span]:
    match = _NON_SPACE_ALL.search(text)
    return [match.span()] if match else []


def _body_drafts(section: int, paragraphs: tuple[str, ...], max_chars: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    for p, paragraph in enumerate(paragraphs):
        for start, end in split_paragraph(paragraph):
            for a, b in clause_spans(paragraph[start:end], max_chars):
                span = (start + a, start + b)
                drafts.append(("body", section, p, span, paragraph[span[0] : span[1]]))
    return drafts


def segment_article(article: Article, max_chars: int) -> tuple[Sentence, ...]:
    """Title, headings and body sentences in reading order; long sentences split in clauses."""
    drafts: list[_Draft] = [
        ("title", 0, -1, s, article.title[s[0] : s[1]]) for s in _whole(article.title)
    ]
    for number, section in enumerate(article.sections):
        heading = section.heading or ""
        drafts += [("heading", number, -1, s, heading[s[0] : s[1]]) for s in _whole(heading)]
        drafts += _body_drafts(number, section.paragraphs, max_chars)
    return tuple(
        Sentence(index=i, section=s, paragraph=p, span=span, text=text, kind=kind)
        for i, (kind, s, p, span, text) in enumerate(drafts)
    )
