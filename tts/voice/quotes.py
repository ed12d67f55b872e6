"""Quotations: which stretches of which sentences the quotation voice reads.

Pure functions over the script's sentences. A quotation is found by its marks («…», „…“, “…”,
"…"), across the sentences of one paragraph; nested marks stay with the outer quotation. Only
direct speech changes voice: a quotation after a colon, before a dash («…», — сказал он), one
that ends a sentence inside its marks, or one longer than a sentence. A name in quotation marks
(«Газпром» сообщил) is no one speaking and stays in the main voice.

Marks that do not pair up (an unclosed «, a stray ", an inch mark 15", marks inside a web
address) leave the sentences they touch in the main voice, with a warning naming each.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tts.types import Part, PartVoice, Sentence

_OPEN_CLOSE = {"«": "»", "„": "“", "“": "”"}
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
_SPOKEN_TEXT = re.compile(r"\w")
# After the closing mark: «…», — сказал; «…» – сказала; «…»! — ответил.
_DASH_AFTER = re.compile(r"\s*[,!?…]?\s*[—–-]\s")
_DASH_BEFORE = re.compile(r"[—–]\s*$")  # «…», — сказал он, — «…».
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*$")
_EDGE_PUNCTUATION = " ,.;:–—-"


@dataclass(frozen=True)
class Odd:
    """A sentence read in the main voice because its quotation marks do not pair up."""

    sentence: int  # Sentence.index
    reason: str


@dataclass
class _Open:
    mark: str
    at: tuple[int, int]  # (position in the paragraph's sentence list, character)


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """Runs of body sentences of one paragraph (a quotation never crosses a paragraph)."""
    runs: list[list[Sentence]] = []
    for s in sentences:
        if s.kind != "body":
            runs.append([])
            continue
        last = runs[-1][-1] if runs and runs[-1] else None
        if last is not None and (last.section, last.paragraph) == (s.section, s.paragraph):
            runs[-1].append(s)
        else:
            runs.append([s])
    return [r for r in runs if r]


def _ascii_quote(text: str, k: int, stack: list[_Open]) -> str | None:
    """What a " at ``k`` is: "close", "open", or None (an inch mark or a stray one)."""
    before = text[k - 1] if k else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    if stack and stack[-1].mark == '"' and not before.isspace():
        return "close"
    if before.isdigit():
        return None  # 15" — inches
    if (before.isspace() or before in "([«„—–-") and not after.isspace():
        return "open"
    return None


_Place = tuple[int, int]  # (position in a paragraph's list of sentences, character)


def _scan(run: Sequence[Sentence]) -> tuple[list[tuple[_Place, _Place]], dict[int, str]]:
    """Outermost quotations of one paragraph as (start, end) positions, each a (sentence in
    ``run``, character) pair with ``end`` exclusive; and the odd sentences with reasons."""
    regions: list[tuple[_Place, _Place]] = []
    odd: dict[int, str] = {}
    stack: list[_Open] = []
    for n, sentence in enumerate(run):
        text = sentence.text
        urls = [m.span() for m in _URL.finditer(text)]
        for k, c in enumerate(text):
            if c not in '«»„“”"':
                continue
            if any(a <= k < b for a, b in urls):
                odd.setdefault(n, f"quotation mark {c} inside a web address")
                continue
            if c == '"':
                kind = _ascii_quote(text, k, stack)
                if kind is None:
                    odd.setdefault(n, 'a " that opens or closes nothing (an inch mark?)')
                    continue
            elif stack and _OPEN_CLOSE.get(stack[-1].mark) == c:
                kind = "close"
            elif c in _OPEN_CLOSE:
                kind = "open"
            else:
                odd.setdefault(n, f"a closing {c} without its opening mark")
                continue
            if kind == "open":
                stack.append(_Open(c, (n, k)))
            else:
                opened = stack.pop()
                if not stack:
                    regions.append((opened.at, (n, k + 1)))
    if stack:
        first = stack[0].at[0]
        for n in range(first, len(run)):
            odd.setdefault(n, f"an unclosed {stack[0].mark}")
    return regions, odd


def _is_speech(run: Sequence[Sentence], start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Direct speech, not a name in quotation marks (see the module's note)."""
    if start[0] != end[0]:
        return True
    text = run[start[0]].text
    before, inside, after = text[: start[1]], text[start[1] + 1 : end[1] - 1], text[end[1] :]
    return bool(
        before.rstrip().endswith(":")
        or _DASH_AFTER.match(after)
        or _ENDS_SENTENCE.search(inside)
        or (
            not after.strip(_EDGE_PUNCTUATION)
            and (not before.strip() or _DASH_BEFORE.search(before))
        )
    )


def quote_spans(
    sentences: Sequence[Sentence],
) -> tuple[dict[int, list[tuple[int, int]]], list[Odd]]:
    """For each sentence index, the character ranges of ``text`` inside direct speech (marks
    included); and the sentences whose marks do not pair up (read by the main voice)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    odd: list[Odd] = []
    for run in _paragraphs(sentences):
        regions, bad = _scan(run)
        for start, end in regions:
            if not _is_speech(run, start, end):
                continue
            for n in range(start[0], end[0] + 1):
                a = start[1] if n == start[0] else 0
                b = end[1] if n == end[0] else len(run[n].text)
                spans.setdefault(run[n].index, []).append((a, b))
        for n, reason in sorted(bad.items()):
            spans.pop(run[n].index, None)
            odd.append(Odd(run[n].index, reason))
    return spans, odd


def _pieces(
    text: str, quoted: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], PartVoice]]:
    """``text`` tiled by main and quotation pieces; a piece with nothing to say (the «.» after
    a closing mark) joins the piece before it."""
    cuts: list[tuple[tuple[int, int], PartVoice]] = []
    at = 0
    for a, b in quoted:
        if a > at:
            cuts.append(((at, a), "main"))
        cuts.append(((a, b), "quote"))
        at = b
    if at < len(text):
        cuts.append(((at, len(text)), "main"))
    merged: list[tuple[tuple[int, int], PartVoice]] = []
    for (a, b), voice in cuts:
        silent = not _SPOKEN_TEXT.search(text[a:b])
        if merged and (silent or merged[-1][1] == voice):
            merged[-1] = ((merged[-1][0][0], b), merged[-1][1])
        elif merged and not _SPOKEN_TEXT.search(text[merged[-1][0][0] : merged[-1][0][1]]):
            merged[-1] = ((merged[-1][0][0], b), voice)  # a silent first piece joins this one
        else:
            merged.append(((a, b), voice))
    return merged


Normalize = Callable[[Sequence[str]], list[str]]


def mark_quotes(
    sentences: Sequence[Sentence], normalize: Normalize
) -> tuple[list[Sentence], list[Odd]]:
    """Sentences with ``parts`` where a quotation changes voice. A sentence read wholly by the
    quotation voice keeps its spoken form; one that switches gets each part's own spoken form
    from ``normalize`` (the written part, normalized on its own)."""
    spans, odd = quote_spans(sentences)
    by_index = {s.index: s for s in sentences}
    plans = {i: _pieces(by_index[i].text, q) for i, q in spans.items()}
    texts = [
        by_index[i].text[a:b].strip()
        for i, pieces in plans.items()
        if len(pieces) > 1
        for (a, b), _ in pieces
    ]
    said = dict(zip(texts, normalize(texts), strict=True)) if texts else {}
    out = []
    for s in sentences:
        pieces = plans.get(s.index)
        if not pieces or pieces == [((0, len(s.text)), "main")]:
            out.append(s)
        elif len(pieces) == 1:
            out.append(dataclasses.replace(s, parts=(Part(pieces[0][0], "quote", s.spoken),)))
        else:
            parts = tuple(
                Part((a, b), voice, _trim(said[s.text[a:b].strip()])) for (a, b), voice in pieces
            )
            out.append(dataclasses.replace(s, parts=_speakable(parts)))
    return out, odd


def _speakable(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """Parts whose spoken form is empty (nothing the engine can say) join a neighbour; a single
    main part left over means no switch at all."""
    kept: list[Part] = []
    for part in parts:
        if kept and not _SPOKEN_TEXT.search(part.spoken):
            kept[-1] = dataclasses.replace(kept[-1], span=(kept[-1].span[0], part.span[1]))
        elif kept and not _SPOKEN_TEXT.search(kept[-1].spoken):
            kept[-1] = dataclasses.replace(part, span=(kept[-1].span[0], part.span[1]))
        else:
            kept.append(part)
    if len(kept) == 1 and kept[0].voice == "main":
        return ()
    return tuple(kept)


def _trim(spoken: str) -> str:
    """A part's spoken form without the dash or comma that joined it to the other voice's
    part (the pause says that now); a final full stop or question mark stays: it shapes how
    the sentence ends."""
    return spoken.lstrip(_EDGE_PUNCTUATION).rstrip(" ,;:–—-")
