"""Markdown -> Article, through markdown-it-py (CommonMark, the parser rich and typer already use).

A hand-written line parser gets emphasis, nested lists, escapes, setext headings and inline HTML
subtly wrong; markdown-it-py's token stream gets them right and leaves only the walk to us.
`#` is the title, `##`..`######` start sections, code, images, tables and HTML are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tts.text.parse.rules import Block, assemble, collapse, parse_byline, parse_date
from tts.types import Article

# YAML front matter (---\ntitle: …\n---) as static site generators write it.
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\n|\Z)")
_FIELD = re.compile(r"^(?P<key>title|author|date)\s*:\s*(?P<value>.+?)\s*$", re.M | re.I)
_BREAK_TAG = re.compile(r"<br\b", re.IGNORECASE)


def parse_markdown(text: str, source: str) -> Article:
    meta, text = _front_matter(text)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks = list(_walk(tokens))
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


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if m is None:
        return {}, text
    fields = {f["key"].lower(): f["value"].strip("\"'") for f in _FIELD.finditer(m["body"])}
    return fields, text[m.end() :]


def _walk(tokens: list[Token]) -> Iterator[Block]:
    """Headings and paragraphs in order; tables and code are skipped by never looking at them."""
    for i, token in enumerate(tokens):
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
