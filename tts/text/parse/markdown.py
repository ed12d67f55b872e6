"""Markdown -> Article, through markdown-it-py (CommonMark, the parser rich and typer already use).

A hand-written line parser gets emphasis, nested lists, escapes, setext headings and inline HTML
subtly wrong; markdown-it-py's token stream gets them right and leaves only the walk to us.
`#` is the title, `##`..`######` start sections, code, images, tables and HTML are not read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tts.text.parse.rules import Block, assemble, collapse, parse_byline, parse_date
from tts.types import Article

log = logging.getLogger(__name__)

# YAML front matter (---\ntitle: …\n---) as static site generators write it.
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\n|\Z)")
_FIELD = re.compile(r"^(?P<key>title|author|date)\s*:\s*(?P<value>.+?)\s*$", re.M | re.I)
_BREAK_TAG = re.compile(r"<br\b", re.IGNORECASE)
# markdown-it stops at its nesting limit (20 in the commonmark preset) and drops the rest of
# the block: 20 levels of `>` lost the quote. Its parser recurses per level, so the limit
# stays (100 is far inside Python's recursion limit); a line's container markers (`>`, `-`,
# `1.`) past the 16th are dropped instead, their text kept: how deep a quote is cannot be heard.
# Nesting by indentation that still reaches the limit is read again with no lists or quotes.
MAX_NESTING = 100
MAX_MARKERS = 16
_MARKER = r"(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)"
_CONTAINERS = re.compile(rf"^[ \t]*(?:{_MARKER}[ \t]*)*", re.M)
_DEEP = re.compile(
    rf"^([ \t]{{0,3}}(?:{_MARKER}[ \t]*){{{MAX_MARKERS}}})(?:{_MARKER}[ \t]*)+", re.M
)


def parse_markdown(text: str, source: str) -> Article:
    meta, text = _front_matter(text)
    blocks = list(_walk(_tokens(text)))
    title = meta.get("title", "")
    if not title and blocks:
        title = blocks.pop(0)[1]
    author, date = meta.get("author"), parse_date(meta.get("date", ""))
    while blocks and blocks[0][0] == "paragraph":
        found = parse_byline(blocks[0][1])
        if found is None:
            break
        author, date = found[0] or author, found[1] or date
        blocks.pop(0)
    return assemble(title, blocks, source=source, author=author, date=date)


def _tokens(text: str) -> list[Token]:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    tokens = md.parse(_DEEP.sub(r"\1", text))
    if _too_deep(tokens):  # nested by indentation: read it without its lists and quotes
        log.info("markdown: nested deeper than %d levels; lists and quotes flattened", MAX_NESTING)
        tokens = md.parse(_CONTAINERS.sub("", text))
        if _too_deep(tokens):
            log.warning("the text nests deeper than %d levels: some of it is lost", MAX_NESTING)
    return tokens


def _too_deep(tokens: list[Token]) -> bool:
    """markdown-it reached its limit, and so dropped the rest of the block it was in."""
    return any(t.level >= MAX_NESTING - 1 for t in tokens)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if m is None:
        return {}, text
    fields = {f["key"].lower(): f["value"].strip("\"'") for f in _FIELD.finditer(m["body"])}
    return fields, text[m.end() :]


def _walk(tokens: list[Token]) -> Iterator[Block]:
    """Headings, paragraphs and thematic breaks in order; tables and code are skipped by never
    looking at them."""
    for i, token in enumerate(tokens):
        if token.type == "hr":
            yield ("break", "")
            continue
        if token.type not in ("heading_open", "paragraph_open") or i + 1 >= len(tokens):
            continue
        text = collapse(_inline_text(tokens[i + 1]))
        if not text:
            continue
        yield ("heading" if token.type == "heading_open" else "paragraph", text)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image" or _BREAK_TAG.match(child.content):
            parts.append(" ")  # keeps the words around a dropped image or <br> apart
    return "".join(parts)
