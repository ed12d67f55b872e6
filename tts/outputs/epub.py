"""An Episode -> an EPUB 3 talking book with Media Overlays. Pure: strings and bytes,
but for write_epub, the shell that packs the audio file in.

One XHTML content document and one SMIL overlay per chapter; every sentence is an element with
the id ``s<index>``, so the book, the page and the transcripts share one numbering. Clips run
from a sentence's start to the next sentence's start (the last one to the chapter's end), so the
overlays tile the audio: reading systems play the natural pauses instead of skipping them, and
the durations add up exactly to the episode's.
"""

from __future__ import annotations

import html
import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tts.episode import Episode, EpisodeSentence
from tts.errors import ExportError
from tts.types import Cover

ROOT = "EPUB"
ACTIVE_CLASS = "-epub-media-overlay-active"
MIMETYPE = b"application/epub+zip"
AUDIO_TYPES = {"mp3": "audio/mpeg", "opus": "audio/ogg; codecs=opus"}
_STORED = (".mp3", ".opus", ".ogg", ".m4a", ".jpg", ".png")  # compressed already
# A fixed timestamp inside the zip: the same episode gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 forbids even when escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

CONTAINER_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
<rootfiles>
<rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""

STYLE_CSS = f"""body {{ font-family: serif; line-height: 1.5; }}
h1, h2 {{ font-family: sans-serif; line-height: 1.25; }}
.{ACTIVE_CLASS} {{ background-color: #ffe38a; color: #000000; }}
"""

_XHTML_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" \
xml:lang="{lang}" lang="{lang}">
<head>
<meta charset="UTF-8"/>
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
"""


@dataclass(frozen=True)
class Par:
    """One sentence's text and its audio clip, in milliseconds."""

    sentence: int
    begin: int
    end: int


@dataclass(frozen=True)
class Part:
    """One chapter of the book: its sentences and their clips."""

    number: int  # 1-based, used in file names
    title: str
    sentences: tuple[EpisodeSentence, ...]
    pars: tuple[Par, ...]

    @property
    def xhtml(self) -> str:
        return f"chapter{self.number}.xhtml"

    @property
    def smil(self) -> str:
        return f"chapter{self.number}.smil"

    @property
    def duration(self) -> int:
        return sum(p.end - p.begin for p in self.pars)


def esc(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute."""
    return html.escape(" ".join(_NOT_XML.sub("", str(text)).split()), quote=True)


def _ms(seconds: float) -> int:
    return round(float(seconds) * 1000)


def clock(ms: int) -> str:
    """A SMIL full clock value, H:MM:SS.mmm."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def book_parts(episode: Episode) -> list[Part]:
    """The episode's chapters that hold at least one sentence, with contiguous clips."""
    grouped: dict[int, list[EpisodeSentence]] = {}
    for sentence in episode.sentences:
        grouped.setdefault(sentence.chapter, []).append(sentence)
    parts: list[Part] = []
    for n, chapter in enumerate(episode.chapters):
        sentences = grouped.get(n, [])
        if sentences:
            pars = _pars(sentences, _ms(chapter.start), _ms(chapter.end))
            parts.append(Part(len(parts) + 1, chapter.title, tuple(sentences), pars))
    return parts


def _pars(sentences: Sequence[EpisodeSentence], start: int, end: int) -> tuple[Par, ...]:
    begins = [_ms(s.start) for s in sentences]
    begins[0] = min(begins[0], start)  # a chapter's opening silence belongs to its first clip
    ends = [*begins[1:], max(end, _ms(sentences[-1].end))]
    return tuple(Par(s.index, b, e) for s, b, e in zip(sentences, begins, ends, strict=True))


def _blocks(sentences: Sequence[EpisodeSentence]) -> list[tuple[str, list[str]]]:
    """Consecutive sentences of one paragraph or heading, as the page groups them."""
    blocks: list[tuple[str, list[str]]] = []
    key: tuple[object, ...] | None = None
    for s in sentences:
        this = (s.kind, s.section, s.paragraph)
        span = f'<span id="s{s.index}">{esc(s.text)}</span>'
        if this != key:
            blocks.append((str(this[0]), []))
            key = this
        blocks[-1][1].append(span)
    return blocks


def compose_xhtml(part: Part, lang: str = "ru") -> str:
    tags = {"title": "h1", "heading": "h2"}
    body = [
        f"<{tags.get(kind, 'p')}>{' '.join(spans)}</{tags.get(kind, 'p')}>"
        for kind, spans in _blocks(part.sentences)
    ]
    head = _XHTML_HEAD.format(lang=esc(lang), title=esc(part.title))
    return head + "<body>\n<section>\n" + "\n".join(body) + "\n</section>\n</body>\n</html>\n"


def compose_smil(part: Part, audio: str) -> str:
    pars = "\n".join(
        f'<par id="p{p.sentence}"><text src="{part.xhtml}#s{p.sentence}"/>'
        f'<audio src="{esc(audio)}" clipBegin="{clock(p.begin)}" clipEnd="{clock(p.end)}"/></par>'
        for p in part.pars
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" '
        'version="3.0">\n<body>\n'
        f'<seq id="seq{part.number}" epub:textref="{part.xhtml}">\n{pars}\n</seq>\n'
        "</body>\n</smil>\n"
    )


def compose_nav(parts: Sequence[Part], lang: str = "ru") -> str:
    items = "\n".join(f'<li><a href="{p.xhtml}">{esc(p.title)}</a></li>' for p in parts)
    head = _XHTML_HEAD.format(lang=esc(lang), title="Содержание")
    return (
        head + '<body>\n<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Содержание</h1>\n'
        f"<ol>\n{items}\n</ol>\n</nav>\n</body>\n</html>\n"
    )


def identifier(guid: str) -> str:
    """The episode guid as a URN; a guid that is no UUID is mapped to one, stably."""
    try:
        value = uuid.UUID(guid)
    except ValueError:
        value = uuid.uuid5(uuid.NAMESPACE_URL, f"tts:{guid}")
    return f"urn:uuid:{value}"


def modified(created: str) -> str:
    """dcterms:modified wants UTC to the second with a Z."""
    stamp = datetime.fromisoformat(created)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _metadata(episode: Episode, parts: Sequence[Part]) -> list[str]:
    lines = [
        f'<dc:identifier id="uid">{identifier(episode.guid)}</dc:identifier>',
        f"<dc:title>{esc(episode.title)}</dc:title>",
        f"<dc:language>{esc(episode.language)}</dc:language>",
        f'<meta property="dcterms:modified">{modified(episode.created)}</meta>',
    ]
    if episode.author:
        lines.append(f"<dc:creator>{esc(episode.author)}</dc:creator>")
    if _DATE.fullmatch(episode.date or ""):
        lines.append(f"<dc:date>{episode.date}</dc:date>")
    if episode.lead:
        lines.append(f"<dc:description>{esc(episode.lead)}</dc:description>")
    lines += [
        f'<meta property="media:duration" refines="#mo{p.number}">{clock(p.duration)}</meta>'
        for p in parts
    ]
    lines.append(f'<meta property="media:duration">{clock(sum(p.duration for p in parts))}</meta>')
    lines.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
    return lines + _accessibility()


def _accessibility() -> list[str]:
    """schema.org accessibility metadata: what the book offers to assistive technology."""
    pairs = [
        ("accessMode", "textual"),
        ("accessMode", "auditory"),
        ("accessModeSufficient", "textual"),
        ("accessModeSufficient", "auditory"),
        ("accessibilityFeature", "synchronizedAudioText"),
        ("accessibilityFeature", "structuralNavigation"),
        ("accessibilityFeature", "tableOfContents"),
        ("accessibilityHazard", "none"),
        (
            "accessibilitySummary",
            "Текст статьи с синхронной озвучкой: каждое предложение подсвечивается во время "
            "чтения; главы доступны из оглавления.",
        ),
    ]
    return [f'<meta property="schema:{key}">{esc(value)}</meta>' for key, value in pairs]


def compose_opf(
    episode: Episode, parts: Sequence[Part], audio: str, cover: tuple[str, str] | None = None
) -> str:
    """The package document; ``cover`` is the cover image's (name, MIME type), if any."""
    ext = audio.rsplit(".", 1)[-1]
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
        f'<item id="audio" href="{esc(audio)}" media-type="{AUDIO_TYPES[ext]}"/>',
    ]
    if cover is not None:  # what reading systems show on the shelf
        items.append(
            f'<item id="cover" href="{esc(cover[0])}" media-type="{esc(cover[1])}" '
            'properties="cover-image"/>'
        )
    for p in parts:
        items.append(
            f'<item id="c{p.number}" href="{p.xhtml}" media-type="application/xhtml+xml" '
            f'media-overlay="mo{p.number}"/>'
        )
        items.append(f'<item id="mo{p.number}" href="{p.smil}" media-type="application/smil+xml"/>')
    spine = "\n".join(f'<itemref idref="c{p.number}"/>' for p in parts)
    lang = esc(episode.language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        f'unique-identifier="uid" xml:lang="{lang}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(_metadata(episode, parts))
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(items)
        + f"\n</manifest>\n<spine>\n{spine}\n</spine>\n</package>\n"
    )


def package_entries(
    episode: Episode, audio: str = "audio.mp3", cover: tuple[str, str] | None = None
) -> list[tuple[str, bytes]]:
    """Every file of the book except the audio itself (``EPUB/<audio>``) and the cover image
    (``EPUB/<cover name>``), in zip order."""
    parts = book_parts(episode)
    lang = episode.language
    entries = [
        ("META-INF/container.xml", CONTAINER_XML),
        (f"{ROOT}/package.opf", compose_opf(episode, parts, audio, cover)),
        (f"{ROOT}/nav.xhtml", compose_nav(parts, lang)),
        (f"{ROOT}/style.css", STYLE_CSS),
    ]
    for part in parts:
        entries.append((f"{ROOT}/{part.xhtml}", compose_xhtml(part, lang)))
        entries.append((f"{ROOT}/{part.smil}", compose_smil(part, audio)))
    return [(name, text.encode("utf-8")) for name, text in entries]


def zip_package(entries: Sequence[tuple[str, bytes]]) -> bytes:
    """The EPUB container: ``mimetype`` first and stored, audio stored, the rest deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("mimetype", MIMETYPE), *entries]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            stored = name == "mimetype" or name.endswith(_STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_epub(out: Path, episode: Episode, audio: Path, cover: Cover | None = None) -> None:
    """The talking book, with ``audio`` (MP3 or Opus) and the cover, if any, inside the
    package."""
    kind = audio.suffix.lstrip(".")
    if kind not in AUDIO_TYPES:
        raise ExportError(f"EPUB audio must be one of {', '.join(AUDIO_TYPES)}, not {audio.name}")
    inner = f"audio.{kind}"
    image = ("cover" + cover.suffix, cover.mime) if cover is not None else None
    try:
        sound = audio.read_bytes()
        entries = [*package_entries(episode, inner, image), (f"{ROOT}/{inner}", sound)]
        if cover is not None and image is not None:
            entries.append((f"{ROOT}/{image[0]}", cover.path.read_bytes()))
        out.write_bytes(zip_package(entries))
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
