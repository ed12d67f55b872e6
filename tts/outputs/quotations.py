"""How the read-along page shows quotations read by the second voice (episode.json's parts).

The quotation stays inside its sentence's span (the highlight and seeking work on sentences);
a ``<q>`` marks it for assistive technology that announces quotations, and a class shows it in
italics and another colour (not colour alone: WCAG 1.4.1). The quotation marks are the
author's own, so the browser's are switched off in the stylesheet.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from tts.episode import Episode, EpisodeSentence


def sentence_html(sentence: EpisodeSentence, escape: Callable[[str], str]) -> str:
    """The sentence's text through ``escape`` (the page's), with its quotation-voice parts in
    ``<q class="quote">``."""
    text = sentence.text
    if not sentence.parts:
        return escape(text)
    out = []
    for part in sentence.parts:
        piece = escape(text[part.span[0] : part.span[1]])
        out.append(f'<q class="quote">{piece}</q>' if part.voice == "quote" else piece)
    return "".join(out)


def quotation_note(episode: Episode) -> str:
    """One line for the footer when quotations had a voice of their own."""
    if not episode.quote_speaker or not any(s.parts for s in episode.sentences):
        return ""
    return (
        f"<p>Цитаты читает второй голос ({html.escape(episode.quote_speaker)}); "
        "в тексте они выделены курсивом и цветом.</p>"
    )
