"""`tts feed check`: what Apple Podcasts and Podcasting 2.0 apps need from a feed.

`check_feed` is pure (bytes in, a list of problems out). The RSS and `itunes:` rules are checked
in code; every `podcast:*` element is validated against the Podcasting 2.0 XSD, except
`podcast:guid`, which that XSD lacks and which is checked here as a UUID.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from tts.errors import TTSError
from tts.podcast.artwork import local_image_problems
from tts.podcast.config import APPLE_CATEGORIES
from tts.podcast.feed import ATOM, ITUNES, PODCAST
from tts.store.files import read_limited

DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
WRAPPER = "podcast-wrapper.xsd"
NS = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}

_RFC2822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|[ECMP][SD]T)"
)
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def load_schema(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> etree.XMLSchema:
    path = Path(schema_dir) / WRAPPER
    try:
        return etree.XMLSchema(etree.parse(str(path)))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise TTSError(f"cannot load the podcast namespace schema {path}: {exc}") from exc


def check_feed(
    data: bytes,
    *,
    schema: etree.XMLSchema | None = None,
    local_base: str | None = None,
    local_sizes: Mapping[str, int] | None = None,
) -> list[str]:
    """Problems found in a feed; empty when it is good.

    `local_base` is the URL the feed's folder is served at and `local_sizes` the byte size of
    each file under that folder (relative POSIX path): enclosures there must match them.
    """
    try:
        root = etree.fromstring(data, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != "rss" or root.get("version") != "2.0":
        return [f'root element is <{root.tag}>, not <rss version="2.0">']
    channel = root.find("channel")
    if channel is None:
        return ["no <channel>"]
    problems = check_channel(channel)
    local = (local_base, local_sizes or {}) if local_base else None
    for number, item in enumerate(channel.findall("item"), 1):
        problems += [f"item {number}: {p}" for p in check_item(item, local)]
    problems += _duplicate_guids(channel)
    problems += check_podcast_elements(root, schema)
    return problems


def check_channel(channel: etree._Element) -> list[str]:
    problems = [
        f"channel: missing <{tag}>"
        for tag in ("title", "description", "language", "link")
        if not (channel.findtext(tag) or "").strip()
    ]
    for path in ("itunes:author", "itunes:owner/itunes:email"):
        if not (channel.findtext(path, namespaces=NS) or "").strip():
            problems.append(f"channel: missing <{path.split('/')[-1]}>")
    problems += _href(channel, "itunes:image", "href", "channel")
    problems += _category(channel)
    problems += _explicit(channel, "channel", required=True)
    self_link = channel.find("atom:link[@rel='self']", namespaces=NS)
    if self_link is None:
        problems.append('channel: missing <atom:link rel="self">')
    else:
        problems += _absolute(self_link.get("href"), "channel: atom:link href")
    return problems


def _href(parent: etree._Element, path: str, attr: str, where: str) -> list[str]:
    element = parent.find(path, namespaces=NS)
    if element is None:
        return [f"{where}: missing <{path}>"]
    return _absolute(element.get(attr), f"{where}: {path} {attr}")


def _absolute(url: str | None, what: str) -> list[str]:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [f"{what} is not an absolute http(s) URL: {url!r}"]
    if any(ch.isspace() or ord(ch) > 126 for ch in url or ""):
        return [f"{what} is not percent-encoded: {url!r}"]
    return []


def _category(channel: etree._Element) -> list[str]:
    categories = channel.findall("itunes:category", namespaces=NS)
    if not categories:
        return ["channel: missing <itunes:category>"]
    problems = []
    for category in categories:
        main = category.get("text", "")
        if main not in APPLE_CATEGORIES:
            problems.append(f"channel: {main!r} is not an Apple Podcasts category")
            continue
        for sub in category.findall("itunes:category", namespaces=NS):
            if sub.get("text", "") not in APPLE_CATEGORIES[main]:
                problems.append(f"channel: {sub.get('text')!r} is not a subcategory of {main!r}")
    return problems


def _explicit(parent: etree._Element, where: str, *, required: bool) -> list[str]:
    value = parent.findtext("itunes:explicit", namespaces=NS)
    if value is None:
        return [f"{where}: missing <itunes:explicit>"] if required else []
    if value.strip() not in ("true", "false"):
        return [f"{where}: itunes:explicit must be true or false, not {value!r}"]
    return []


def check_item(item: etree._Element, local: tuple[str, Mapping[str, int]] | None) -> list[str]:
    problems = [
        f"missing <{tag}>" for tag in ("title", "guid") if not (item.findtext(tag) or "").strip()
    ]
    problems += check_pubdate(item.findtext("pubDate"))
    problems += _enclosure(item, local)
    duration = item.findtext("itunes:duration", namespaces=NS)
    if duration is None:
        problems.append("missing <itunes:duration>")
    elif not duration.strip().isdigit():
        problems.append(f"itunes:duration must be whole seconds, not {duration!r}")
    problems += _explicit(item, "item", required=False)
    for path, attr in (("link", None), ("itunes:image", "href"), ("podcast:transcript", "url"),
                       ("podcast:chapters", "url")):  # fmt: skip
        for element in item.findall(path, namespaces=NS):
            url = element.text if attr is None else element.get(attr)
            problems += _absolute(url, f"{path} {attr or 'text'}")
    return problems


def check_pubdate(text: str | None) -> list[str]:
    if text is None:
        return ["missing <pubDate>"]
    if not _RFC2822.fullmatch(text.strip()):
        return [f"pubDate is not an RFC 2822 date: {text!r}"]
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return [f"pubDate is not a real date: {text!r}"]
    if parsed.strftime("%a") != text.strip()[:3]:
        return [f"pubDate names the wrong weekday: {text!r}"]
    return []


def _enclosure(item: etree._Element, local: tuple[str, Mapping[str, int]] | None) -> list[str]:
    enclosure = item.find("enclosure")
    if enclosure is None:
        return ["missing <enclosure>"]
    url, length, mime = enclosure.get("url"), enclosure.get("length", ""), enclosure.get("type")
    problems = _absolute(url, "enclosure url")
    if not length.isdigit() or int(length) == 0:
        problems.append(f"enclosure length must be the file's bytes, not {length!r}")
    if not (mime or "").startswith(("audio/", "video/")):
        problems.append(f"enclosure type is not audio or video: {mime!r}")
    if local and url and url.startswith(local[0]) and length.isdigit():
        relative = unquote(url[len(local[0]) :])
        size = local[1].get(relative)
        if size is None:
            problems.append(f"enclosure {relative} is missing from the feed's folder")
        elif size != int(length):
            problems.append(f"enclosure length {length} but {relative} has {size} bytes")
    return problems


def _duplicate_guids(channel: etree._Element) -> list[str]:
    counts = Counter((i.findtext("guid") or "").strip() for i in channel.findall("item"))
    return [f"GUID {g!r} is used by {n} items" for g, n in sorted(counts.items()) if g and n > 1]


def check_podcast_elements(root: etree._Element, schema: etree.XMLSchema | None) -> list[str]:
    """Each podcast:* element alone inside the XSD's test-wrapper; podcast:guid as a UUID."""
    problems = []
    for element in root.iter(f"{{{PODCAST}}}*"):
        name = f"podcast:{etree.QName(element).localname}"
        if name == "podcast:guid":
            problems += _check_uuid(element.text)
        elif schema is not None:
            wrapper = etree.Element(f"{{{PODCAST}}}test-wrapper")
            wrapped = copy.deepcopy(element)
            wrapped.tail = None
            wrapper.append(wrapped)
            if not schema.validate(wrapper):
                error = schema.error_log.last_error
                problems.append(f"{name} (line {element.sourceline}): {error.message}")
    return problems


def _check_uuid(text: str | None) -> list[str]:
    try:
        uuid.UUID((text or "").strip())
    except ValueError:
        return [f"podcast:guid is not a UUID: {text!r}"]
    return []


def check_feed_file(path: Path, schema_dir: Path = DEFAULT_SCHEMA_DIR) -> list[str]:
    """Check a feed on disk; its folder is taken to be served where its self link points."""
    data = read_limited(path, what="feed")  # bounded: `tts feed check /dev/zero` is one line
    schema = load_schema(schema_dir)
    try:
        root = etree.fromstring(data, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        return check_feed(data, schema=schema)
    link = root.find("channel/atom:link[@rel='self']", namespaces=NS)
    href = link.get("href") if link is not None else None
    if not href or "/" not in href:
        return check_feed(data, schema=schema)
    base = href.rsplit("/", 1)[0] + "/"
    folder = Path(path).resolve().parent
    sizes = enclosure_sizes(root, base, folder)
    problems = check_feed(data, schema=schema, local_base=base, local_sizes=sizes)
    return problems + local_image_problems(root, base, folder)  # the covers' own files


def enclosure_sizes(root: etree._Element, base: str, folder: Path) -> dict[str, int]:
    """Bytes of each enclosure file under `base`, read from `folder` (never outside it)."""
    sizes = {}
    for enclosure in root.iter("enclosure"):
        url = enclosure.get("url") or ""
        if not url.startswith(base):
            continue
        relative = unquote(url[len(base) :])
        path = (folder / relative).resolve()
        if path.is_relative_to(folder) and path.is_file():
            sizes[relative] = path.stat().st_size
    return sizes
