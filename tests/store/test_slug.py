import pytest

from tts.store.slug import slugify, suffixed


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


def test_suffixed_adds_the_source_id_and_keeps_the_length() -> None:
    source_id = "a48862a8602e3d780c33d1774e73f6b3"
    assert suffixed("vybory-itogi", source_id) == "vybory-itogi-a48862a8"
    long = slugify("очень " * 100)
    cut = suffixed(long, source_id)
    assert len(cut) <= 60 and cut.endswith("-a48862a8") and "--" not in cut
    assert suffixed("x" * 60, source_id) == "x" * 51 + "-a48862a8"
