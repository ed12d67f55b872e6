"""tts.text.normalize.notation: repairs of how a text was typed, one line each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tts.text.normalize.notation import clean


@pytest.mark.parametrize(
    ("typed", "repaired"),
    [
        ("составил13 254 тенге", "составил 13 254 тенге"),
        ("до 945,57пункта", "до 945,57 пункта"),
        ("9мешок", "9мешок"),  # one digit: a code or a slip, left as typed
        ("Призовой фонд - 100.000 долларов", "Призовой фонд - 100 000 долларов"),
        ("более 1,000 станций", "более 1 000 станций"),
        ("население 1.250.000 человек", "население 1 250 000 человек"),
        ("курс 1,005 тенге", "курс 1,005 тенге"),  # a real decimal stays
        ("ХІІ театральный сезон", "XII театральный сезон"),
        ("в І полугодии", "в I полугодии"),
        ("Он сказал ХА", "Он сказал ХА"),  # no Roman numeral
        ("выросла на 0, 7 года", "выросла на 0,7 года"),
        ("дома 1, 5, 7 и 12", "дома 1, 5, 7 и 12"),
        ("ул. Кропоткина, 1, 3, 9,11, 13;", "ул. Кропоткина, 1, 3, 9, 11, 13;"),
        ("рост на 1,5, 2,5, 3,5 %", "рост на 1,5, 2,5, 3,5 %"),  # decimals, no address
        ("похолодало до – 54 градусов", "похолодало до -54 градусов"),
        ("до – 54 человек", "до – 54 человек"),  # a dash, not a temperature
        ("в формате 3х3", "в формате 3 х 3"),
        ("тариф за кВт*ч", "тариф за кВт·ч"),
        ("выработано 5 МВт.ч", "выработано 5 МВт·ч"),
        ("прошло 2½ года", "прошло 2,5 года"),
        ("через 1 ¼ часа", "через 1,25 часа"),
        ("около 2⅓ метра", "около 2 и 1/3 метра"),  # no exact decimal
        ("добавить ½ стакана", "добавить 1/2 стакана"),
        ("Зангезурскօго", "Зангезурского"),  # an Armenian «օ»
        ("Μосква", "Москва"),  # a Greek «Μ»
        ("слово Ολυμπος", "слово Ολυμπος"),  # a Greek word stays Greek
        ("Azattyq Rýhy", "Azattyq Ruhy"),  # Kazakh Latin «ý» is «у»
        ("Әмiре Қашаубаева", "Әміре Қашаубаева"),  # a Latin «i» for the Kazakh «і»
        ("TƏBİB", "TABIB"),  # Azerbaijani «ə»
    ],
)
def test_clean(typed: str, repaired: str) -> None:
    assert clean(typed) == repaired


_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-–хxХІIVаяёпркуАЯЁ\u0301\u00ad")), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_clean_keeps_every_digit_and_settles(text: str) -> None:
    repaired = clean(text)
    assert [c for c in repaired if c.isdigit()] == [c for c in text if c.isdigit()]
    assert clean(repaired) == repaired
