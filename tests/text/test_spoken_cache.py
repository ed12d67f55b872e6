import logging
from pathlib import Path

import pytest

import tts.text.normalize
from tts.store.entries import SPOKEN, seal
from tts.text import spoken_cache
from tts.text.prepare import normalize_sentences
from tts.text.spoken_cache import Spoken, SpokenCache, fingerprint
from tts.types import Sentence


def test_round_trip(tmp_path: Path) -> None:
    cache = SpokenCache(tmp_path, "f")
    cache.put("В 2024 году.", Spoken("В две тысячи двадцать четвёртом году.", ("w",)))
    assert cache.get("В 2024 году.") == Spoken("В две тысячи двадцать четвёртом году.", ("w",))
    assert cache.get("В 2025 году.") is None
    assert SpokenCache(tmp_path, "g").get("В 2024 году.") is None


def test_fingerprint_follows_lexicon_bytes_stress_and_normalizer_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("РК\tэр к+а\n", encoding="utf-8")
    base = fingerprint([lexicon], stress=False)
    assert fingerprint([lexicon], stress=False) == base
    assert fingerprint([lexicon], stress=True) != base
    assert fingerprint([], stress=False) != base
    lexicon.write_text("РК\tэр ка\n", encoding="utf-8")
    assert fingerprint([lexicon], stress=False) != base
    lexicon.write_text("РК\tэр к+а\n", encoding="utf-8")
    monkeypatch.setattr(spoken_cache, "_normalizer_digest", lambda: "other rules")
    assert fingerprint([lexicon], stress=False) != base


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"text": "\\u0414\\u0440\\u0443\\u0433\\u043e\\u0435.", "spoken": "x", '
     b'"warnings": []}', b'{"text": "\\u0422\\u0435\\u043a\\u0441\\u0442.", "spoken": 5, '
     b'"warnings": []}', b"[]", b"\xff\xfe"],
    ids=["not json", "another sentence", "spoken not text", "not an object", "not UTF-8"],
)  # fmt: skip
@pytest.mark.parametrize("sealed", [True, False], ids=["checksum intact", "written over"])
def test_damaged_entry_is_a_miss(
    tmp_path: Path, content: bytes, sealed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    cache = SpokenCache(tmp_path, "f")
    cache.put("Текст.", Spoken("текст.", ()))
    cache.path("Текст.").write_bytes(seal(SPOKEN, content) if sealed else content)
    with caplog.at_level(logging.WARNING):
        assert cache.get("Текст.") is None
    assert "is damaged" in caplog.text and "normalizing again" in caplog.text
    assert not cache.path("Текст.").exists()
    cache.put("Текст.", Spoken("текст.", ()))
    assert cache.get("Текст.") == Spoken("текст.", ())


def _sentences(*texts: str) -> list[Sentence]:
    return [Sentence(n, 0, 0, (0, len(t)), t) for n, t in enumerate(texts)]


def test_only_new_sentences_are_normalized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []
    real = tts.text.normalize.normalize_many

    def counting(texts: list[str], lexicon: object = None) -> object:
        seen.extend(texts)
        return real(texts, lexicon)  # type: ignore[arg-type]

    monkeypatch.setattr(tts.text.normalize, "normalize_many", counting)
    first = normalize_sentences(_sentences("В 2024 году.", "Рост на 5%.", "В 2024 году."), [],
                                False, tmp_path)  # fmt: skip
    assert seen == ["В 2024 году.", "Рост на 5%."]  # a repeated sentence once
    assert [s.spoken for s in first][0] == "В две тысячи двадцать четвёртом году."
    seen.clear()
    with caplog.at_level(logging.WARNING):
        again = normalize_sentences(_sentences("В 2024 году.", "Рост на 5% ☃."), [], False,
                                    tmp_path)  # fmt: skip
    assert seen == ["Рост на 5% ☃."]
    assert again[0].spoken == first[0].spoken
    assert again[1].spoken == tts.text.normalize.normalize("Рост на 5% ☃.").spoken
    entry = SpokenCache(tmp_path, fingerprint([], False)).get("Рост на 5% ☃.")
    assert entry and entry.warnings, "the snowman is unspeakable: its warning is kept with it"
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        normalize_sentences(_sentences("Рост на 5% ☃."), [], False, tmp_path)
    assert seen == ["Рост на 5% ☃."] and "sentence 0 («Рост на 5% ☃»):" in caplog.text  # hit
