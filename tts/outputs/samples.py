"""The page that compares voice samples (`tts voices --samples DIR`): one native audio player
per preset, all reading the same text, shown once at the top.

The shell is the episode page's (html_document: language, strict CSP, the same stylesheet),
with no script: native controls are keyboard- and screen-reader-operable as they are. Each
player is labelled by its preset's heading; a preset that could not speak here says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tts.episode import clock
from tts.outputs.page import esc, href_for, html_document


@dataclass(frozen=True)
class Sample:
    preset: str
    description: str
    engine: str
    speaker: str
    quote_speaker: str | None  # who reads the quotation, when the preset has a second voice
    file: str | None  # the MP3 beside the page; None: not made (``skipped`` says why)
    seconds: float = 0.0
    skipped: str | None = None


def _item(n: int, sample: Sample) -> str:
    heading = f'<h2 id="v{n}">{esc(sample.preset)}</h2>'
    who = f"голос {esc(sample.speaker)}"
    if sample.quote_speaker:
        who += f", цитаты читает {esc(sample.quote_speaker)}"
    about = f"<p>{esc(sample.description)} ({who}).</p>"
    if sample.file is None:
        return f"<li>{heading}{about}<p>Образец не записан: {esc(sample.skipped or '')}.</p></li>"
    player = (
        f'<audio controls preload="metadata" src="{href_for(sample.file)}" '
        f'aria-labelledby="v{n}"></audio>'
    )
    link = f'<p><a href="{href_for(sample.file)}">Скачать MP3 ({clock(sample.seconds)})</a></p>'
    return f"<li>{heading}{about}{player}{link}</li>"


def render_samples_page(text: str, samples: Sequence[Sample]) -> str:
    """The comparison page for ``samples``, all of which read ``text``."""
    made = sum(s.file is not None for s in samples)
    items = "".join(_item(n, s) for n, s in enumerate(samples))
    body = (
        '<main id="main">'
        "<h1>Образцы голосов</h1>"
        f"<p>Каждый голос читает один и тот же текст ({made} из {len(samples)}):</p>"
        f"<blockquote><p>{esc(text)}</p></blockquote>"
        f'<ul class="episodes">{items}</ul>'
        "<p>Голос для сборки: <code>tts build СТАТЬЯ --voice ИМЯ</code>.</p>"
        "</main>"
    )
    return html_document("Образцы голосов", body, description="Образцы голосов tts")
