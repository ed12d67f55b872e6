"""An Episode -> the accessible read-along page (``<slug>/index.html``).

Pure: an Episode in, one self-contained HTML string out (CSS and JS inlined, no external
resources), so the page works from ``file://`` as well as from a web server. Every text from
the article goes through ``html.escape``; the data the script needs lives in DOM attributes.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from urllib.parse import quote, urlsplit

from tts.episode import Episode, EpisodeChapter, EpisodeSentence, clock, whole_seconds
from tts.errors import ExportError
from tts.outputs.quotations import quotation_note, sentence_html

AUDIO_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4", "opus": "audio/ogg; codecs=opus"}
DOWNLOAD_LABELS = {
    "mp3": "Аудио, MP3",
    "m4a": "Аудио, M4A (AAC)",
    "m4b": "Аудиокнига, M4B",
    "opus": "Аудио, Opus",
    "epub": "Говорящая книга, EPUB 3",
    "vtt": "Субтитры, WebVTT",
    "srt": "Субтитры, SRT",
    "json": "Текст с временными метками, JSON",
    "chapters": "Главы, JSON",
}
ENGINE_NAMES = {"silero": "Silero", "espeak": "eSpeak NG", "fake": "тестовый синтезатор"}
MONTHS = (
    *("января", "февраля", "марта", "апреля", "мая", "июня"),
    *("июля", "августа", "сентября", "октября", "ноября", "декабря"),
)
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")
KEYS = (
    ("Пробел", "воспроизведение или пауза"),
    ("←", "предыдущее предложение"),
    ("→", "следующее предложение"),
    ("+", "быстрее"),
    ("−", "медленнее"),
    ("Enter", "слушать с предложения в фокусе"),
)


def render_episode_page(episode: Episode, *, feed_url: str | None = None) -> str:
    """The read-along page of one episode."""
    files = dict(episode.files.items())
    body = "\n".join(
        (
            _header(episode),
            _player(files),
            '<main id="main">',
            _chapters(episode.chapters, files),
            _article(episode.sentences),
            _keys(),
            _downloads(files, feed_url),
            "</main>",
            _footer(episode),
        )
    )
    return html_document(
        episode.title,
        body,
        description=episode.lead,
        feed_url=feed_url,
        script=asset("player.js"),
    )


def html_document(
    title: str,
    body: str,
    *,
    description: str = "",
    feed_url: str | None = None,
    script: str | None = None,
) -> str:
    """The page shell shared with the library page: lang, viewport, inlined CSS, strict CSP."""
    css = asset("player.css")
    # The CSP only admits our own inline style and script by hash: defence in depth should
    # escaping ever miss a spot. Media and links stay relative to the page.
    csp = f"default-src 'none'; style-src '{_sha256(css)}'; media-src 'self'; img-src 'self' data:"
    csp += f"; script-src '{_sha256(script)}'" if script else ""
    csp += "; base-uri 'none'; form-action 'none'"
    head = [
        "<!DOCTYPE html>",
        '<html lang="ru">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{esc(title)}</title>",
        # No icon: spares the browser a request that would 404 on most servers.
        '<link rel="icon" href="data:,">',
    ]
    if description:
        head.append(f'<meta name="description" content="{esc(description)}">')
    if feed_url and safe_url(feed_url):
        href = esc(feed_url)
        head.append(f'<link rel="alternate" type="application/rss+xml" href="{href}">')
    head += [f"<style>{css}</style>", "</head>", "<body>", body]
    if script:
        head.append(f"<script>{script}</script>")
    head += ["</body>", "</html>", ""]
    return "\n".join(head)


@cache
def asset(name: str) -> str:
    """A file of tts/assets, checked so that inlining it cannot end its own element early."""
    text = resources.files("tts.outputs").joinpath("assets", name).read_text(encoding="utf-8")
    if any(bad in text.lower() for bad in ("</", "<!--", "<script")):
        raise ExportError(f"asset {name} holds markup that would break out when inlined")
    return text


# Control characters are parse errors in HTML; browsers drop or replace them inconsistently.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def esc(text: object) -> str:
    """Text (or attribute value) safe to put anywhere in the page."""
    return html.escape(str(text).translate(_CONTROLS), quote=True)


def href_for(name: str) -> str:
    """A relative link to a file beside the page; quoting also defuses any 'scheme:' prefix."""
    return esc(quote(str(name)))


def safe_url(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("", "http", "https")


def iso_duration(seconds: float) -> str:
    """The datetime of a <time> element, rounded as the clock it annotates is."""
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S" if hours else f"PT{minutes}M{secs}S"


def format_date_ru(iso: str) -> str:
    """'2025-03-03' -> '3 марта 2025 г.'; anything else comes back as given."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {int(parts[0])} г."
    return iso


def meta_list(episode: Episode) -> str:
    """Author, date and duration as a description list (read well by screen readers)."""
    items = []
    if episode.author:
        items.append(("Автор", esc(episode.author)))
    if episode.date:
        date = episode.date
        items.append(("Дата", f'<time datetime="{esc(date)}">{esc(format_date_ru(date))}</time>'))
    secs = episode.duration
    items.append(("Длительность", f'<time datetime="{iso_duration(secs)}">{clock(secs)}</time>'))
    rows = "".join(f"<div><dt>{dt}</dt><dd>{dd}</dd></div>" for dt, dd in items)
    return f'<dl class="meta">{rows}</dl>' if rows else ""


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _span(sentence: EpisodeSentence) -> str:
    i = sentence.index
    start, end = _seconds(sentence.start), _seconds(sentence.end)
    attrs = f'class="s" id="s{i}" data-i="{i}" data-start="{start}" data-end="{end}"'
    return f"<span {attrs}>{sentence_html(sentence, esc)}</span>"


def _blocks(sentences: Sequence[EpisodeSentence]) -> Iterator[tuple[str, list[str]]]:
    """Consecutive sentences of one paragraph (or heading) grouped: (kind, spans)."""
    key: tuple[object, ...] | None = None
    spans: list[str] = []
    kind = "body"
    for sentence in sentences:
        this = (sentence.kind, sentence.section, sentence.paragraph)
        if this != key and spans:
            yield kind, spans
            spans = []
        key, kind = this, str(this[0])
        spans.append(_span(sentence))
    if spans:
        yield kind, spans


def _header(episode: Episode) -> str:
    title_spans = [_span(s) for s in episode.sentences if s.kind == "title"]
    h1 = " ".join(title_spans) if title_spans else esc(episode.title)
    # The skip link lands on the sentence being read: the first one until playback starts (the
    # script keeps the target in step). A sentence the script made focusable takes the focus.
    first = f"s{episode.sentences[0].index}" if episode.sentences else "text"
    return "\n".join(
        (
            f'<a class="skip" id="skip" href="#{first}">Перейти к тексту</a>',
            "<header>",
            '<p class="back"><a href="../index.html">Все выпуски</a></p>',
            f'<h1 id="title">{h1}</h1>',
            meta_list(episode),
            "</header>",
        )
    )


def _audio_file(files: Mapping[str, str]) -> str:
    """The first audio file the page offers: the one its links point at."""
    for kind in AUDIO_TYPES:
        if kind in files:
            return files[kind]
    raise ExportError("episode lists no audio file (mp3, m4a or opus) for the page")


def _player(files: Mapping[str, str]) -> str:
    sources = [
        f'<source src="{href_for(files[k])}" type="{t}">'
        for k, t in AUDIO_TYPES.items()
        if k in files
    ]
    fallback = (
        "Этот браузер не воспроизводит аудио. "
        f'<a href="{href_for(_audio_file(files))}">Скачайте файл</a>.'
    )
    speeds = "".join(
        f'<option value="{v}"{" selected" if v == "1" else ""}>{v.replace(".", ",")}×</option>'
        for v in SPEEDS
    )
    return f"""<section class="player" aria-label="Проигрыватель">
<audio id="audio" controls preload="metadata">{"".join(sources)}{fallback}</audio>
<div class="controls" id="controls" hidden>
<label for="speed">Скорость</label>
<select id="speed">{speeds}</select>
<label class="check"><input type="checkbox" id="follow" checked> Следить за текстом</label>
</div>
</section>"""


def media_fragment(seconds: float) -> str:
    """A W3C media fragment that starts playback there: #t=3.3 (milliseconds at most)."""
    return "#t=" + f"{seconds:.3f}".rstrip("0").rstrip(".")


def _chapters(chapters: Sequence[EpisodeChapter], files: Mapping[str, str]) -> str:
    """Links into the audio file at each chapter (#t=): they work without the script, which
    turns a plain click into a seek of the page's own player."""
    if len(chapters) < 2:
        return ""
    audio = href_for(_audio_file(files))
    items = "".join(
        f'<li><a class="chapter" href="{audio}{media_fragment(c.start)}"'
        f' data-start="{_seconds(c.start)}">'
        f'<span class="time">{clock(c.start)}</span> {esc(c.title)}'
        "</a></li>"
        for c in chapters
    )
    return f"""<nav class="chapters" id="chapters" aria-labelledby="chapters-h">
<h2 id="chapters-h">Главы</h2>
<ol>{items}</ol>
</nav>"""


def _article(sentences: Sequence[EpisodeSentence]) -> str:
    parts = ['<article id="text" class="text" aria-label="Текст выпуска">']
    parts.append(
        '<p class="hint" id="hint" hidden>Чтобы слушать с любого места, нажмите на предложение. '
        "С клавиатуры: клавишей Tab перейдите к тексту, стрелками ← и → выберите "
        'предложение, клавишей Enter запустите чтение. <a href="#keys">Все клавиши</a>.</p>'
    )
    for kind, spans in _blocks(sentences):
        joined = " ".join(spans)
        if kind == "heading":
            parts.append(f"<h2>{joined}</h2>")
        elif kind != "title":
            parts.append(f"<p>{joined}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def _keys() -> str:
    rows = "".join(f"<div><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>" for k, what in KEYS)
    return f"""<section class="keys" id="keys" aria-labelledby="keys-h" hidden>
<h2 id="keys-h">Управление с клавиатуры</h2>
<dl>{rows}</dl>
<p>Пробел и стрелки не действуют, пока фокус на кнопке, ссылке, проигрывателе или в поле формы.</p>
</section>"""


def _downloads(files: Mapping[str, str], feed_url: str | None) -> str:
    keys = [k for k in DOWNLOAD_LABELS if k in files]
    keys += sorted(k for k in files if k not in DOWNLOAD_LABELS and k != "html")
    labels = {k: esc(DOWNLOAD_LABELS.get(k, k.upper())) for k in keys}
    items = [f'<li><a href="{href_for(files[k])}" download>{labels[k]}</a></li>' for k in keys]
    if feed_url and safe_url(feed_url):
        items.append(f'<li><a href="{esc(feed_url)}">Подписаться на подкаст (RSS)</a></li>')
    return f"""<section class="downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h">Скачать</h2>
<ul>{"".join(items)}</ul>
</section>"""


def _footer(episode: Episode) -> str:
    engine = episode.engine
    if not engine:
        return ""
    name = esc(ENGINE_NAMES.get(engine, engine))
    note = quotation_note(episode)
    return f"<footer><p>Текст озвучен синтезатором речи ({name}).</p>{note}</footer>"
