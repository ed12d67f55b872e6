"""HTML -> Article: trafilatura finds the article; our own pass keeps its headings when it can.

Trafilatura removes boilerplate well on real pages but flattens small ones (one paragraph, no
headings). We clean the page (scripts, navigation, figures, "read also" blocks, ads), walk it into
blocks ourselves, and use that walk when trafilatura kept every one of its paragraphs: then it
removed nothing we kept, and our walk has the better structure.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from tts.text.parse.flatten import MAX_DEPTH, flatten
from tts.text.parse.rules import Block, assemble, collapse, parse_date
from tts.types import Article

log = logging.getLogger(__name__)

# Elements never read: code, page chrome, media and their captions.
DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "table",
    "pre",
    "object",
    "video",
    "audio",
    "canvas",
    "dialog",
    "menu",
)
# class/id words of boilerplate containers: class="ad", id="read-also", class="share-buttons".
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|banner\w*|promo\w*|related\w*|read-?also|read-?more|"
    r"see-?also|share\w*|social\w*|subscribe\w*|comments?|sidebar|breadcrumbs?|newsletter|"
    r"cookie\w*|caption|credits?)(?=$|[\s_-])",
    re.IGNORECASE,
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "head"}
_BLOCKS = _HEADINGS | {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "blockquote",
    "address",
    "center",
    "hr",
    "quote",
    "item",
    "list",
    "doc",
    "body",
}
_TITLE_SUFFIX = re.compile(r"\s+[|—–-]\s+[^|—–-]{1,60}$")  # «… | Городские новости»


def parse_html(text: str, source: str) -> Article:
    tree = _load(text)
    if tree is None:
        return assemble("", [], source=source)
    meta = _metadata(tree)
    _clean(tree)
    ours = list(_walk(_scope(tree)))
    theirs = _trafilatura(tree)
    blocks = ours if _keeps_all(ours, theirs) else theirs
    title = meta.get("title") or _title_from(blocks)
    if blocks and blocks[0][0] == "heading" and collapse(blocks[0][1]) == collapse(title):
        blocks = blocks[1:]
    log.debug("html: %d blocks (%s walk)", len(blocks), "own" if blocks is ours else "trafilatura")
    return assemble(title, blocks, source=source, author=meta.get("author"), date=meta.get("date"))


def _load(text: str) -> lxml.html.HtmlElement | None:
    if not text.strip():
        return None
    root, too_deep = _parse(text)
    if too_deep:  # libxml2 stopped at its depth limit and dropped the rest of the page
        log.info("html: nested deeper than libxml2 reads; flattened below %d levels", MAX_DEPTH)
        root, too_deep = _parse(flatten(text))
        if too_deep:
            log.warning(
                "the page nests too deep to read whole: the text after its deepest part is lost"
            )
    return root


def _parse(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The tree, and whether libxml2 hit a resource limit (and so dropped the rest).

    huge_tree lifts the depth limit from 256 to 2048 and the 10 MB limit on one text node; an
    HTML parser expands no entities of its own, so it opens no billion-laughs door."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    limited = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return (root if isinstance(root, lxml.html.HtmlElement) else None), limited


def _metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Title, author and date from meta tags and JSON-LD (trafilatura reads both)."""
    from trafilatura import extract_metadata

    date_config = {"extensive_search": False, "original_date": True}
    found = extract_metadata(copy.deepcopy(tree), date_config=date_config, extensive=False)
    meta: dict[str, str] = {}
    if found.title:
        meta["title"] = _TITLE_SUFFIX.sub("", collapse(found.title))
    if found.author:
        meta["author"] = collapse(found.author)
    date = parse_date(found.date or "")
    if date:
        meta["date"] = date
    return meta


def _clean(tree: lxml.html.HtmlElement) -> None:
    doomed = [el for el in tree.iter(*DROPPED_TAGS)]
    doomed += [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body", "article", "main")
        and _BOILERPLATE.search(f"{el.get('class', '')} {el.get('id', '')}")
    ]
    doomed += [el for el in tree.iter("header") if not any(True for _ in el.iter("h1"))]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _scope(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The one <article> or <main> when the page marks it, else the body."""
    for tag in ("article", "main"):
        found = list(tree.iter(tag))
        if len(found) == 1:
            return found[0]
    body = tree.find("body")
    return body if body is not None else tree


def _walk(root: lxml.etree._Element) -> Iterator[Block]:
    """Blocks in document order: text gathered until the next block element starts or ends."""
    buffer: list[str] = []

    def flush(kind: str) -> Iterator[Block]:
        text = collapse("".join(buffer))
        buffer.clear()
        if text:
            yield ("heading" if kind in _HEADINGS else "paragraph", text)

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                yield from flush("p")
            if tag == "hr":
                yield ("break", "")
            buffer.append(" " if tag in ("br", "lb") else el.text or "")
        else:
            if tag in _BLOCKS:
                yield from flush(tag)
            if el is not root:
                buffer.append(el.tail or "")
    yield from flush("p")


class _NothingFound(logging.Filter):
    """Drops trafilatura's «discarding data: None»: its warning (naming a source we never pass)
    that a page gave it no text. For us that is a result, not a problem: our walk may still
    have text, and a page with none fails with its own one-line error, which the warning
    preceded as noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


def _quiet_when_nothing_found() -> None:
    core = logging.getLogger("trafilatura.core")  # where bare_extraction logs it
    if not any(isinstance(f, _NothingFound) for f in core.filters):
        core.addFilter(_NothingFound())


def _trafilatura(tree: lxml.html.HtmlElement) -> list[Block]:
    # bare_extraction, not extract: XML output adds a content fingerprint that costs more than
    # the extraction itself on a book-sized page.
    from trafilatura import bare_extraction
    from trafilatura.settings import use_config

    _quiet_when_nothing_found()
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")  # short articles are articles too
    found = bare_extraction(
        copy.deepcopy(tree),
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        with_metadata=False,
        config=config,
    )
    body = getattr(found, "body", None)
    return [] if body is None else list(_walk(body))


def _keeps_all(ours: list[Block], theirs: list[Block]) -> bool:
    """True when every paragraph of our walk is in trafilatura's text too, in the same order.

    Searching forward from the last match keeps this linear on a book-sized page.
    """
    if not theirs:
        return True
    kept = " ".join(text for _, text in theirs)
    position = 0
    for kind, text in ours:
        if kind == "paragraph":
            found = kept.find(text, position)
            if found < 0:
                return False
            position = found + len(text)
    return True


def _title_from(blocks: list[Block]) -> str:
    heading = next((text for kind, text in blocks if kind == "heading"), None)
    if heading is not None:
        return heading
    first = blocks[0][1] if blocks else ""
    return first if len(first) <= 80 else first[:80].rsplit(" ", 1)[0] + "…"
