"""The engine's alphabet (DESIGN rule 8) and the letter tables every rule shares."""

from __future__ import annotations

RUSSIAN_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
RUSSIAN = RUSSIAN_LOWER + RUSSIAN_LOWER.upper()
PUNCTUATION = "!+,-.:;?–… "

ALPHABET: frozenset[str] = frozenset(RUSSIAN + PUNCTUATION)


def is_speakable(text: str) -> bool:
    """True when Silero would read every character (it silently drops the rest)."""
    return all(char in ALPHABET for char in text)


# Russian names of the Russian letters, as read in an acronym: «РК» -> «эр ка».
CYRILLIC_LETTER_NAMES: dict[str, str] = {
    "а": "а", "б": "бэ", "в": "вэ", "г": "гэ", "д": "дэ", "е": "е", "ё": "ё", "ж": "жэ",
    "з": "зэ", "и": "и", "й": "и краткое", "к": "ка", "л": "эль", "м": "эм", "н": "эн",
    "о": "о", "п": "пэ", "р": "эр", "с": "эс", "т": "тэ", "у": "у", "ф": "эф", "х": "ха",
    "ц": "цэ", "ч": "чэ", "ш": "ша", "щ": "ща", "ъ": "твёрдый знак", "ы": "ы",
    "ь": "мягкий знак", "э": "э", "ю": "ю", "я": "я",
}  # fmt: skip

# English letter names in Russian spelling: «GCN» -> «джи си эн».
LATIN_LETTER_NAMES: dict[str, str] = {
    "a": "эй", "b": "би", "c": "си", "d": "ди", "e": "и", "f": "эф", "g": "джи", "h": "эйч",
    "i": "ай", "j": "джей", "k": "кей", "l": "эл", "m": "эм", "n": "эн", "o": "о", "p": "пи",
    "q": "кью", "r": "ар", "s": "эс", "t": "ти", "u": "ю", "v": "ви", "w": "дабл ю", "x": "икс",
    "y": "вай", "z": "зет",
}  # fmt: skip

# Letters of Kazakh, Ukrainian and Belarusian that Silero drops, with the Russian letter a
# Russian newsreader uses for them: «Есіл» -> «Есил», «Қазақстан» -> «Казакстан».
OTHER_CYRILLIC: dict[str, str] = {
    "ә": "а",  # Әлия -> Алия
    "ғ": "г",  # Ғалым -> Галым
    "қ": "к",  # Қазақ -> Казак
    "ң": "н",  # Маңғыстау -> Мангыстау
    "ө": "о",  # Өскемен -> Оскемен
    "ұ": "у",  # Ұлытау -> Улытау
    "ү": "у",  # Түркістан -> Туркистан
    "һ": "х",  # Һәм -> Хам
    "і": "и",  # Есіл -> Есил
    "ї": "йи",  # Київ -> Кийив
    "є": "е",  # Європа -> Европа
    "ў": "у",  # Мінскў -> Минску
    "ґ": "г",  # ґанок -> ганок
    "ј": "й",  # Serbian je -> й
}


_OTHER_TABLE = str.maketrans(
    {**OTHER_CYRILLIC, **{k.upper(): v[0].upper() + v[1:] for k, v in OTHER_CYRILLIC.items()}}
)


def replace_other_cyrillic(text: str) -> str:
    """Map Kazakh/Ukrainian/Belarusian letters to Russian ones, keeping the letter case."""
    return text.translate(_OTHER_TABLE)


def spell_cyrillic(word: str) -> str:
    """Letter-by-letter reading of a Cyrillic acronym: «ДТП» -> «дэ тэ пэ»."""
    return " ".join(CYRILLIC_LETTER_NAMES.get(c, c) for c in word.lower())


def spell_latin(word: str) -> str:
    """Letter-by-letter reading of a Latin acronym with English letter names."""
    return " ".join(LATIN_LETTER_NAMES.get(c, c) for c in word.lower())
