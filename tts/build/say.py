"""Hear a voice before a long build: a short text to one MP3 (`tts say`), and one sample per
preset with a page to compare them (`tts voices --samples DIR`).

The text goes the way of a build (segmenting, normalizing, the quotation voice, the preset's
sentence pause), but there is no episode: no chapters, transcripts or cache of encodings.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tts.audio.ffmpeg import run_ffmpeg
from tts.build import BuildOptions, engine_spec, lexicon_paths, quoted_sentences
from tts.errors import ExportError, TTSError
from tts.outputs.samples import Sample, render_samples_page
from tts.store.paths import spoken_dir
from tts.text.prepare import normalize_sentences
from tts.text.segment import segment_article
from tts.types import Article, Section
from tts.voice.clips import ms_to_samples, silence
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import EngineSpec, needs_stress, open_engine
from tts.voice.presets import find_voice
from tts.voice.synth import Job, render_job

log = logging.getLogger(__name__)

MAX_SAY_CHARS = 1000  # a sample, not an episode: longer texts are what `tts build` is for
# The same sentence for every preset: figures to read, and a quotation for the second voice.
SAMPLE_TEXT = (
    "12 марта в Павлодаре открыли библиотеку на 300 мест. "
    "«Слушать статьи можно где угодно», — говорит её директор."
)


@dataclass(frozen=True)
class Said:
    path: Path
    spec: EngineSpec
    seconds: float


def speak_text(text: str, spec: EngineSpec, engine: Engine, opts: BuildOptions) -> bytes:
    """16-bit PCM of ``text`` at the engine's rate, sentences apart by the preset's pause."""
    if len(text) > MAX_SAY_CHARS:
        raise TTSError(
            f"tts say reads up to {MAX_SAY_CHARS} characters, not {len(text)}; "
            "use tts build for longer texts"
        )
    article = Article(title="", sections=(Section(None, (text,)),))
    sentences = segment_article(article, engine.max_chars)
    lexicons, stress = lexicon_paths(opts), needs_stress(spec)
    spoken = [
        s
        for s in normalize_sentences(sentences, lexicons, stress, spoken_dir())
        if s.spoken.strip(" ,.!?;:–-…")
    ]
    if not spoken:
        raise TTSError("nothing to say: the text has no words to read")
    if spec.voice.quote is not None:
        spoken = quoted_sentences(spoken, lexicons, stress)
    pause = silence(ms_to_samples(spec.voice.pauses.sentence, engine.sample_rate))
    clips = [render_job(engine, spec.voice, Job(s.index, s.spoken, "", s.parts)) for s in spoken]
    return pause.join(c.pcm for c in clips)


def write_mp3(pcm: bytes, sample_rate: int, out: Path, bitrate: str = "64k") -> None:
    """Mono MP3 levelled to −16 LUFS (one pass is enough for a few seconds of speech)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = out.with_name(f".{out.name}.raw")
    try:
        raw.write_bytes(pcm)
        rate = str(sample_rate)
        run_ffmpeg(
            [
                *("-f", "s16le", "-ar", rate, "-ac", "1", "-i", str(raw)),
                *("-af", "loudnorm=I=-16:TP=-1.5", "-ar", rate),
                *("-c:a", "libmp3lame", "-b:a", bitrate, "-f", "mp3", str(out)),
            ],
            f"encoding {out}",
        )
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        raw.unlink(missing_ok=True)


def say(text: str, opts: BuildOptions, out: Path) -> Said:
    """``text`` spoken with the options' engine and voice into the MP3 ``out``."""
    spec, warning = engine_spec(opts)
    if warning:
        log.warning(warning)
    engine = open_engine(spec)
    try:
        pcm = speak_text(text, spec, engine, opts)
        rate = engine.sample_rate
    finally:
        engine.close()
    write_mp3(pcm, rate, out)
    return Said(out, spec, len(pcm) / 2 / rate)


def _available(spec: EngineSpec) -> str | None:
    """Why this preset cannot speak here, or None."""
    if spec.name != "silero" or spec.model_path is not None:
        return None
    from tts.voice.engines.silero import silero_available

    model = spec.voice.model or "v5_5_ru"
    return None if silero_available(model) else f"no {model} model (tts models download)"


def write_samples(
    folder: Path, presets: Sequence[str], opts: BuildOptions, text: str = SAMPLE_TEXT
) -> list[Sample]:
    """One MP3 per preset that can speak here (the same text for all) and index.html."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for name in presets:
        engine = find_voice(name).engine
        spec, _ = engine_spec(dataclasses.replace(opts, voice=name, engine=engine))
        quote = spec.voice.quote.speaker if spec.voice.quote else None
        row = Sample(name, spec.voice.description, spec.name, spec.voice.speaker, quote, None)
        why = _available(spec)
        if why:
            samples.append(dataclasses.replace(row, skipped=why))
            continue
        said = say(
            text, dataclasses.replace(opts, voice=name, engine=engine), folder / f"{name}.mp3"
        )
        samples.append(dataclasses.replace(row, file=said.path.name, seconds=said.seconds))
    page = render_samples_page(text, samples)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return samples
