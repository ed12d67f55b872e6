"""Episodes -> podcast RSS 2.0 with the itunes, podcast (Podcasting 2.0), atom and content
namespaces. Pure: takes the config and episode entries, returns the feed's bytes.

Written with lxml directly rather than feedgen: feedgen has no podcast namespace and writes
`itunes:explicit` as yes/no, so an extension would be as long as the feed itself. Every text is
set as an element's text or attribute, so lxml escapes it; descriptions are escaped rather than
put in CDATA, because CDATA cannot hold `]]>` and escaped text can hold anything.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote, urlsplit

from lxml import etree

from tts.episode import Episode, aware, clock, whole_seconds
from tts.errors import TTSError
from tts.podcast.config import PodcastConfig

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "content": CONTENT}

# The podcast namespace's own UUIDv5 namespace for podcast:guid (docs/tags/guid.md).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

ENCLOSURE_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4"}
# (files key, MIME type, rel): the transcripts we link, in the order apps should prefer them.
# The WebVTT is "captions": its cues are cut to caption size (tts.outputs.captions: 2 lines of
# at most 42 characters), so an app can show them over the artwork as they come.
TRANSCRIPTS = (
    ("vtt", "text/vtt", "captions"),
    ("srt", "application/x-subrip", None),
    ("json", "application/json", None),
    ("html", "text/html", None),
)
CHAPTERS_TYPE = "application/json+chapters"

# Characters XML 1.0 cannot carry at all; an article may hold them, the feed must not.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class ChapterMark:
    title: str
    start: float  # seconds


@dataclass(frozen=True)
class EpisodeEntry:
    """What the feed needs from one episode folder: its episode.json plus file sizes."""

    slug: str  # the folder's name, which is what the URLs point at
    guid: str
    title: str
    date: date | None
    created: datetime  # timezone-aware
    published: datetime  # the pubDate (Episode.published_at), timezone-aware
    lead: str
    duration: float  # seconds
    files: tuple[tuple[str, str], ...]  # (kind, file name), e.g. ("mp3", "slug.mp3")
    sizes: tuple[tuple[str, int], ...]  # (kind, bytes) for the files that exist
    chapters: tuple[ChapterMark, ...] = ()
    source: str = ""
    image: str | None = None  # the episode's own cover, a file in its folder

    def file(self, kind: str) -> str | None:
        return dict(self.files).get(kind)

    def size(self, kind: str) -> int | None:
        return dict(self.sizes).get(kind)


def entry_from_episode(slug: str, episode: Episode, sizes: Mapping[str, int]) -> EpisodeEntry:
    """An EpisodeEntry from a checked Episode and the sizes of its files."""
    day = date.fromisoformat(episode.date) if episode.date else None
    return EpisodeEntry(
        slug=slug,
        guid=episode.guid,
        title=episode.title,
        date=day,
        created=aware(datetime.fromisoformat(episode.created)),
        published=episode.published_at(),
        lead=episode.lead,
        duration=episode.duration,
        files=tuple(sorted(episode.files.items())),
        sizes=tuple(sorted(sizes.items())),
        chapters=tuple(ChapterMark(c.title, c.start) for c in episode.chapters),
        source=episode.source,
        image=episode.image,
    )


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes, per the namespace."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def absolute_url(base_url: str, *segments: str) -> str:
    """base + percent-encoded path segments; the base itself is made ASCII-safe."""
    base = quote(base_url, safe=":/?#[]@!$&'()*+,;=%~")
    return base + "/".join(quote(s, safe="") for s in segments)


def image_url(config: PodcastConfig) -> str | None:
    if config.image is None:
        return None
    if urlsplit(config.image).scheme in ("http", "https"):
        return config.image
    return absolute_url(config.base_url, config.image)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def order_episodes(episodes: Sequence[EpisodeEntry]) -> list[EpisodeEntry]:
    """Newest first by the article's date, then by build time; the GUID breaks exact ties."""
    return sorted(episodes, key=lambda e: (e.published, e.created, e.guid), reverse=True)


def render_feed(config: PodcastConfig, episodes: Sequence[EpisodeEntry]) -> bytes:
    ordered = order_episodes(episodes)
    rss = etree.Element("rss", nsmap=NSMAP)
    rss.set("version", "2.0")
    channel = _channel(rss, config, ordered)
    for episode in ordered:
        channel.append(render_item(config, episode))
    body = etree.tostring(rss, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(body)


def _sub(parent: etree._Element, tag: str, text: str | None = None, /, **attrs: str) -> Any:
    element = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _channel(
    rss: etree._Element, config: PodcastConfig, ordered: Sequence[EpisodeEntry]
) -> etree._Element:
    channel = _sub(rss, "channel")
    _sub(channel, "title", config.title)
    _sub(channel, "link", config.site_url)
    _sub(channel, "description", config.description)
    _sub(channel, "language", config.language)
    if config.copyright:
        _sub(channel, "copyright", config.copyright)
    if ordered:
        # The newest build time, not the clock: an unchanged folder gives an unchanged feed.
        newest = max(e.created for e in ordered)
        _sub(channel, "lastBuildDate", format_datetime(newest.astimezone(UTC)))
    link = {"href": config.feed_url, "rel": "self", "type": "application/rss+xml"}
    _sub(channel, f"{{{ATOM}}}link", **link)
    _channel_itunes(channel, config)
    _sub(channel, f"{{{PODCAST}}}guid", podcast_guid(config.feed_url))
    locked = "yes" if config.locked else "no"
    _sub(channel, f"{{{PODCAST}}}locked", locked, owner=config.email)
    return channel


def _channel_itunes(channel: etree._Element, config: PodcastConfig) -> None:
    cover = image_url(config)
    if cover is not None:
        image = _sub(channel, "image")
        _sub(image, "url", cover)
        _sub(image, "title", config.title)
        _sub(image, "link", config.site_url)
    _sub(channel, f"{{{ITUNES}}}author", config.author)
    owner = _sub(channel, f"{{{ITUNES}}}owner")
    _sub(owner, f"{{{ITUNES}}}name", config.author)
    _sub(owner, f"{{{ITUNES}}}email", config.email)
    if cover is not None:
        _sub(channel, f"{{{ITUNES}}}image", href=cover)
    category = _sub(channel, f"{{{ITUNES}}}category", text=config.category)
    if config.subcategory:
        _sub(category, f"{{{ITUNES}}}category", text=config.subcategory)
    _sub(channel, f"{{{ITUNES}}}explicit", "true" if config.explicit else "false")
    _sub(channel, f"{{{ITUNES}}}type", "episodic")


def enclosure_kind(config: PodcastConfig, episode: EpisodeEntry) -> str:
    if config.enclosure == "m4a" and episode.file("m4a") and episode.size("m4a") is not None:
        return "m4a"
    return "mp3"


def render_item(config: PodcastConfig, episode: EpisodeEntry) -> etree._Element:
    """One <item>: a function of this episode and the config alone, so it never drifts."""
    item = etree.Element("item", nsmap=NSMAP)
    url = _episode_url_maker(config, episode)
    _sub(item, "title", episode.title)
    page = episode.file("html")
    if page:
        _sub(item, "link", url(page))
    notes = show_notes_html(episode, url(page) if page else None)
    _sub(item, "description", notes)
    _sub(item, f"{{{CONTENT}}}encoded", notes)
    _sub(item, "guid", episode.guid, isPermaLink="false")
    _sub(item, "pubDate", format_datetime(episode.published.astimezone(UTC)))
    _enclosure(item, config, episode, url)
    _sub(item, f"{{{ITUNES}}}duration", str(whole_seconds(episode.duration)))
    _sub(item, f"{{{ITUNES}}}explicit", "true" if config.explicit else "false")
    cover = url(episode.image) if episode.image else image_url(config)
    if cover is not None:
        _sub(item, f"{{{ITUNES}}}image", href=cover)
    _podcast_links(item, episode, url)
    return item


def _episode_url_maker(config: PodcastConfig, episode: EpisodeEntry) -> Callable[[str], str]:
    return lambda name: absolute_url(config.base_url, episode.slug, name)


def _enclosure(
    item: etree._Element, config: PodcastConfig, episode: EpisodeEntry, url: Callable[[str], str]
) -> None:
    kind = enclosure_kind(config, episode)
    name, size = episode.file(kind), episode.size(kind)
    if name is None or size is None:
        raise TTSError(f"episode {episode.slug}: no {kind} file to publish")
    _sub(item, "enclosure", url=url(name), length=str(size), type=ENCLOSURE_TYPES[kind])


def _podcast_links(item: etree._Element, episode: EpisodeEntry, url: Callable[[str], str]) -> None:
    for kind, mime, rel in TRANSCRIPTS:
        name = episode.file(kind)
        if name and episode.size(kind) is not None:
            attrs = {"url": url(name), "type": mime} | ({"rel": rel} if rel else {})
            _sub(item, f"{{{PODCAST}}}transcript", **attrs)
    chapters = episode.file("chapters")
    if chapters and episode.size("chapters") is not None:
        _sub(item, f"{{{PODCAST}}}chapters", url=url(chapters), type=CHAPTERS_TYPE)


def show_notes_html(episode: EpisodeEntry, page_url: str | None) -> str:
    """The lead and the chapter list as HTML; every article text is HTML-escaped here."""
    esc = html.escape
    parts = [f"<p>{esc(episode.lead)}</p>"] if episode.lead.strip() else []
    if episode.chapters:
        rows = "".join(f"<li>{clock(c.start)} {esc(c.title)}</li>" for c in episode.chapters)
        parts.append(f"<p>Главы:</p><ol>{rows}</ol>")
    if page_url:
        parts.append(f'<p><a href="{esc(page_url)}">Текст выпуска с подсветкой</a></p>')
    if urlsplit(episode.source).scheme in ("http", "https"):
        link = esc(episode.source)
        parts.append(f'<p>Источник: <a href="{link}">{link}</a></p>')
    return "\n".join(parts) or esc(episode.title)
