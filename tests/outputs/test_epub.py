"""EPUB 3 package documents: golden files, well-formed XML for any text, clips that tile the
audio, and the OCF zip layout. Regenerate goldens with TTS_UPDATE_GOLDEN=1, then review."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import episode_of
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tts.episode import Episode
from tts.outputs.epub import (
    MIMETYPE,
    book_parts,
    clock,
    compose_nav,
    compose_opf,
    compose_smil,
    compose_xhtml,
    esc,
    identifier,
    modified,
    package_entries,
    zip_package,
)

DATA = Path(__file__).parents[1] / "data" / "epub"
XHTML = "{http://www.w3.org/1999/xhtml}"
SMIL = "{http://www.w3.org/ns/SMIL}"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "episode.json").read_text(encoding="utf-8"))
    return data


def _episode() -> Episode:
    return Episode.load(DATA / "episode.json")


def _rendered() -> dict[str, str]:
    episode = _episode()
    parts = book_parts(episode)
    return {
        "package.opf": compose_opf(episode, parts, "audio.mp3"),
        "nav.xhtml": compose_nav(parts),
        **{p.xhtml: compose_xhtml(p) for p in parts},
        **{p.smil: compose_smil(p, "audio.mp3") for p in parts},
    }


@pytest.mark.parametrize("name", sorted(_rendered()))
def test_golden(name: str) -> None:
    text = _rendered()[name]
    golden = DATA / name
    if os.environ.get("TTS_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ms", "value"),
    [
        (0, "0:00:00.000"),
        (12_345, "0:00:12.345"),
        (59_999, "0:00:59.999"),
        (60_000, "0:01:00.000"),
        (3_661_001, "1:01:01.001"),
        (36_000_000, "10:00:00.000"),
    ],
)
def test_clock(ms: int, value: str) -> None:
    assert clock(ms) == value


@pytest.mark.parametrize(
    ("guid", "urn"),
    [
        ("5b0e3c1e-3f0e-4a1e-9a59-2f3d9c0b7a11", "urn:uuid:5b0e3c1e-3f0e-4a1e-9a59-2f3d9c0b7a11"),
        (
            "urn:uuid:5B0E3C1E-3F0E-4A1E-9A59-2F3D9C0B7A11",
            "urn:uuid:5b0e3c1e-3f0e-4a1e-9a59-2f3d9c0b7a11",
        ),
    ],
)
def test_identifier_is_the_guid(guid: str, urn: str) -> None:
    assert identifier(guid) == urn


def test_identifier_of_a_non_uuid_guid_is_a_stable_uuid() -> None:
    first = identifier("my-old-episode")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", first)
    assert identifier("my-old-episode") == first != identifier("another")


@pytest.mark.parametrize(
    ("created", "value"),
    [
        ("2025-03-03T12:00:00+03:00", "2025-03-03T09:00:00Z"),
        ("2026-11-26T16:44:27+00:00", "2026-11-26T16:44:27Z"),
        ("2026-01-01T00:30:00", "2026-01-01T00:30:00Z"),
    ],
)
def test_modified_is_utc_with_z(created: str, value: str) -> None:
    assert modified(created) == value


def test_escapes_markup_and_drops_what_xml_forbids() -> None:
    assert esc("a & <b> \"c\" 'd'") == "a &amp; &lt;b&gt; &quot;c&quot; &#x27;d&#x27;"
    assert esc("x\x00y\x0bz\n  w") == "xyz w"


def _clips(smil: str) -> list[tuple[str, str, str]]:
    root = etree.fromstring(smil.encode())
    return [
        (par.find(f"{SMIL}text").get("src"), *_begin_end(par.find(f"{SMIL}audio")))
        for par in root.iter(f"{SMIL}par")
    ]


def _begin_end(audio: Any) -> tuple[str, str]:
    return audio.get("clipBegin"), audio.get("clipEnd")


def _ms(value: str) -> int:
    hours, minutes, seconds = value.split(":")
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def test_clips_tile_each_chapter_and_durations_add_up() -> None:
    episode = _episode()
    parts = book_parts(episode)
    assert [p.title for p in parts] == [c.title for c in episode.chapters]
    for part, chapter in zip(parts, episode.chapters, strict=True):
        clips = [(_ms(b), _ms(e)) for _, b, e in _clips(compose_smil(part, "audio.mp3"))]
        assert clips[0][0] == round(chapter.start * 1000)
        assert clips[-1][1] == round(chapter.end * 1000)
        assert all(b < e for b, e in clips)
        assert all(a[1] == b[0] for a, b in zip(clips, clips[1:], strict=False))
    opf = etree.fromstring(compose_opf(episode, parts, "audio.mp3").encode())
    durations = {
        m.get("refines"): _ms(m.text)
        for m in opf.iter("{http://www.idpf.org/2007/opf}meta")
        if m.get("property") == "media:duration"
    }
    assert durations.pop(None) == round(episode.duration * 1000) == sum(durations.values())
    assert sorted(durations) == [f"#mo{p.number}" for p in parts]


def test_every_sentence_once_with_its_written_text() -> None:
    episode = _episode()
    found: dict[str, str] = {}
    for part in book_parts(episode):
        root = etree.fromstring(compose_xhtml(part).encode())
        found |= {el.get("id"): el.text for el in root.iter(f"{XHTML}span")}
        targets = [src for src, _, _ in _clips(compose_smil(part, "audio.mp3"))]
        assert targets == [f"{part.xhtml}#s{s.index}" for s in part.sentences]
    assert found == {f"s{s.index}": s.text for s in episode.sentences}


def test_headings_and_paragraphs_follow_the_article() -> None:
    first, second, _ = book_parts(_episode())
    root = etree.fromstring(compose_xhtml(second).encode())
    section = root.find(f"{XHTML}body/{XHTML}section")
    assert [el.tag.removeprefix(XHTML) for el in section] == ["h2", "p", "p"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    first_root = etree.fromstring(compose_xhtml(first).encode())
    body = first_root.find(f"{XHTML}body/{XHTML}section")
    assert [len(el) for el in body] == [1, 2]  # the title, then one paragraph of two sentences


def test_chapter_without_sentences_is_left_out() -> None:
    data = _data()
    data["chapters"].insert(1, {"title": "Пусто", "start": 10.1, "end": 10.1})
    for s in data["sentences"]:
        s["chapter"] += 1 if s["chapter"] >= 1 else 0
    assert [p.title for p in book_parts(Episode.from_json(data))] == [
        "«Новости» & планы: <2026>",
        "Что «дальше»?",
        "Итоги",
    ]


def test_zip_puts_mimetype_first_and_stored() -> None:
    data = zip_package([*package_entries(_episode()), ("EPUB/audio.mp3", b"\xff\xfb" * 100)])
    # OCF: the first local header names `mimetype`, uncompressed, no extra field before the body.
    assert data[30:38] == b"mimetype" and data[38:58] == MIMETYPE
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED and infos[0].extra == b""
        kinds = {i.filename: i.compress_type for i in infos}
        assert kinds["EPUB/audio.mp3"] == zipfile.ZIP_STORED
        assert kinds["EPUB/package.opf"] == zipfile.ZIP_DEFLATED
        assert archive.testzip() is None
        container = etree.fromstring(archive.read("META-INF/container.xml"))
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    assert rootfile is not None and rootfile.get("full-path") == "EPUB/package.opf"


def test_a_cover_is_declared_as_the_cover_image() -> None:
    """EPUB 3's cover-image property is what reading systems show on the shelf."""
    entries = dict(package_entries(_episode(), "audio.mp3", ("cover.jpg", "image/jpeg")))
    opf = etree.fromstring(entries["EPUB/package.opf"])
    covers = opf.findall(".//{http://www.idpf.org/2007/opf}item[@properties='cover-image']")
    assert [(c.get("href"), c.get("media-type")) for c in covers] == [("cover.jpg", "image/jpeg")]
    plain = dict(package_entries(_episode()))["EPUB/package.opf"]
    assert b"cover-image" not in plain
    data = zip_package([*entries.items(), ("EPUB/cover.jpg", b"\xff\xd8\xff" * 9)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("EPUB/cover.jpg").compress_type == zipfile.ZIP_STORED


def test_same_episode_same_bytes() -> None:
    assert zip_package(package_entries(_episode())) == zip_package(package_entries(_episode()))


_texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(str.strip)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _episode_of(rows: list[tuple[str, int, int]]) -> tuple[Episode, int]:
    """Sentences of the given texts, lengths and pauses (ms), all in one chapter."""
    sentences, at = [], 0
    for n, (text, length, pause) in enumerate(rows):
        where = {"index": n, "chapter": 0, "section": 0, "paragraph": n // 3}
        times = {"start": at / 1000, "end": (at + length) / 1000}
        sentences.append({**where, "kind": "title" if n == 0 else "body", "text": text, **times})
        at += length + pause
    chapter = {"title": rows[0][0], "start": 0.0, "end": at / 1000}
    meta = {"guid": "x", "title": rows[0][0], "author": rows[-1][0], "created": "2026-01-01"}
    return episode_of({**meta, "chapters": [chapter], "sentences": sentences}), at


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_texts, st.integers(1, 5000), st.integers(0, 3000)), min_size=1, max_size=8)
)
def test_any_text_gives_well_formed_documents(rows: list[tuple[str, int, int]]) -> None:
    episode, total = _episode_of(rows)
    for name, data in package_entries(episode):
        if not name.endswith(".css"):
            etree.fromstring(data)  # raises on malformed XML
    (part,) = book_parts(episode)
    root = etree.fromstring(compose_xhtml(part).encode())
    spans = [el.text or "" for el in root.iter(f"{XHTML}span")]
    assert spans == [" ".join(_NOT_XML.sub("", text).split()) for text, _, _ in rows]
    clips = [(_ms(b), _ms(e)) for _, b, e in _clips(compose_smil(part, "audio.mp3"))]
    assert clips[0][0] == 0 and clips[-1][1] == total
    assert all(b < e for b, e in clips)
    assert all(a[1] == b[0] for a, b in zip(clips, clips[1:], strict=False))
