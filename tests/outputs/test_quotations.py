from __future__ import annotations

from tts.episode import EpisodePart, EpisodeSentence
from tts.outputs.page import esc
from tts.outputs.quotations import sentence_html


def _sentence(text: str, parts: tuple[EpisodePart, ...] = ()) -> EpisodeSentence:
    return EpisodeSentence(3, 0, 0, 0, "body", text, text, 1.0, 2.0, parts)


def test_quotation_parts_become_q_elements_and_everything_is_escaped() -> None:
    text = "«<b>Да</b>», — сказал он & ушёл."
    parts = (EpisodePart((0, 11), "quote", "да"), EpisodePart((11, len(text)), "main", "сказал"))
    assert sentence_html(_sentence(text, parts), esc) == (
        '<q class="quote">«&lt;b&gt;Да&lt;/b&gt;»</q>, — сказал он &amp; ушёл.'
    )


def test_a_sentence_in_one_voice_is_plain_escaped_text() -> None:
    assert sentence_html(_sentence("«Газпром» & Ко\x1f"), esc) == "«Газпром» &amp; Ко"
