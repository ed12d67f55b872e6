"""Episode folder names: ASCII, lower case, safe on every file system, never empty."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Russian letters as in passport transliteration (ICAO 9303, 2013), without apostrophes.
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Kazakh letters that appear in Russian-language news from Kazakhstan
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip

MAX_LEN = 60


def transliterate(text: str) -> str:
    out = "".join(_RU.get(ch, ch) for ch in text.lower())
    return unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode()


def slugify(title: str, max_len: int = MAX_LEN) -> str:
    """``АНК стала платформой`` → ``ank-stala-platformoi``; symbols only → ``episode-<hash>``."""
    words = re.findall(r"[a-z0-9]+", transliterate(title))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    if not slug:
        slug = "episode-" + hashlib.sha256(title.encode()).hexdigest()[:8]
    return slug


def suffixed(slug: str, source_id: str, max_len: int = MAX_LEN) -> str:
    """The slug of a second article whose title makes the same slug as one already in the
    folder («Выборы: итоги!» and «Выборы — итоги?»): the same words, cut at a word to keep
    ``max_len``, then 8 hex digits of its source id, so it is the same on every rebuild."""
    tail = "-" + source_id[:8]
    words = slug.split("-")
    while len(words) > 1 and len("-".join(words)) + len(tail) > max_len:
        words.pop()
    return "-".join(words)[: max_len - len(tail)] + tail
