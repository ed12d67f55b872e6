import pytest

from tts.store.slug import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "АНК стала платформой для открытого диалога - политолог",
            "ank-stala-platformoi-dlia-otkrytogo-dialoga-politolog",
        ),
        ("Таза Есіл: субботник", "taza-esil-subbotnik"),
        ("NASA и ESA", "nasa-i-esa"),
        ("Щука, ёж и Юля", "shchuka-ezh-i-iulia"),
    ],
)
def test_transliterated(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_symbols_only_title_still_gets_a_slug() -> None:
    assert slugify("★★★ !!!").startswith("episode-")


def test_long_title_is_cut_at_a_word() -> None:
    slug = slugify("очень " * 100)
    assert len(slug) <= 60 and not slug.endswith("-")


def test_no_path_characters_survive() -> None:
    assert "/" not in slugify("../../etc/passwd") and ".." not in slugify("../../etc/passwd")
