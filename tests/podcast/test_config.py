"""tts.podcast.config: podcast.toml round trip and validation."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from feed_support import image_bytes, make_config
from hypothesis import given
from hypothesis import strategies as st

from tts.podcast.config import (
    PodcastConfigError,
    config_from_mapping,
    config_to_toml,
    load_config,
    parse_category,
    save_config,
    toml_string,
    validate_config,
)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    (tmp_path / "cover.png").write_bytes(image_bytes())
    config = make_config(explicit=True, intro=True, enclosure="m4a")
    save_config(tmp_path, config)
    assert load_config(tmp_path) == config


def test_optional_fields_are_left_out_of_the_file() -> None:
    text = config_to_toml(make_config(image=None))
    assert "image" not in text and "jingle" not in text
    assert tomllib.loads(text)["title"] == "Новости вслух"


@given(st.text())
def test_toml_string_round_trips_any_text(text: str) -> None:
    text = "".join(c for c in text if not "\ud800" <= c <= "\udfff")  # not encodable at all
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_base_url_gets_a_trailing_slash() -> None:
    assert make_config(base_url="https://x.ru/pod").base_url == "https://x.ru/pod/"
    assert make_config(base_url="https://x.ru/pod").feed_url == "https://x.ru/pod/feed.xml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("News", ("News", None)), ("News/Daily News", ("News", "Daily News")),
     ("TV & Film / Film Reviews", ("TV & Film", "Film Reviews"))],
)  # fmt: skip
def test_categories(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_category(text) == expected


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "no-at-sign"}, "e-mail"),
        ({"base_url": "example.org/pod"}, "absolute http"),
        ({"base_url": "ftp://example.org/"}, "absolute http"),
        ({"base_url": "https://x.ru/?a=1"}, "query"),
        ({"category": "Новости"}, "unknown Apple Podcasts category"),
        ({"subcategory": "Gossip"}, "unknown subcategory 'Gossip' of 'News'"),
        ({"enclosure": "ogg"}, "enclosure"),
        ({"title": "  "}, "title must not be empty"),
        ({"language": "russian"}, "language"),
        ({"image": "../cover.png"}, "inside the folder"),
        ({"image": "cover.gif"}, "JPEG or PNG"),
        ({"jingle": "jingle.txt"}, "jingle"),
    ],
)
def test_invalid_values(changes: dict[str, object], message: str) -> None:
    with pytest.raises(PodcastConfigError, match=message):
        make_config(**changes)


def test_files_must_exist_in_the_folder(tmp_path: Path) -> None:
    with pytest.raises(PodcastConfigError, match="image 'cover.png' not found"):
        validate_config(make_config(), tmp_path)
    (tmp_path / "cover.png").write_bytes(b"")
    with pytest.raises(PodcastConfigError, match="jingle 'j.mp3' not found"):
        validate_config(replace(make_config(), jingle="j.mp3"), tmp_path)
    (tmp_path / "j.mp3").write_bytes(b"")
    assert validate_config(replace(make_config(), jingle="j.mp3"), tmp_path).jingle == "j.mp3"


def test_file_problems() -> None:
    base = {"title": "T", "author": "A", "email": "a@b.ru", "base_url": "https://x.ru/",
            "description": "D"}  # fmt: skip
    assert config_from_mapping(base).language == "ru"
    with pytest.raises(PodcastConfigError, match="unknown key 'titel'"):
        config_from_mapping(base | {"titel": "x"})
    with pytest.raises(PodcastConfigError, match="missing email"):
        config_from_mapping({k: v for k, v in base.items() if k != "email"})
    with pytest.raises(PodcastConfigError, match="explicit has the wrong type"):
        config_from_mapping(base | {"explicit": "yes"})


def test_broken_toml_is_reported(tmp_path: Path) -> None:
    (tmp_path / "podcast.toml").write_text('title = "unterminated', "utf-8")
    with pytest.raises(PodcastConfigError, match="cannot read"):
        load_config(tmp_path)
