"""HTML nested deeper than libxml2 will parse, flattened so that no text is lost.

libxml2 stops at 256 levels (2048 with ``huge_tree``, which html.py asks for) and drops the rest
of the page, shallow paragraphs after the deep part included. A page that deep is broken or
hostile; here its tags below ``MAX_DEPTH`` are dropped, their text kept, and html.py parses the
result again. Python's own tokenizer does the walk: it keeps no tree, so it has no depth limit.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_DEPTH = 512  # well inside libxml2's 2048: this count and libxml2's may differ a little
# Containers (div, span, section, …) are unwrapped this many levels earlier, so the elements
# that give text its shape (a paragraph, a heading) keep their tags inside the deepest part.
ROOM = 64
TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "dt"})
# Elements that never have content or an end tag: they add no depth.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def flatten(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the elements deeper than ``max_depth`` unwrapped: their tags dropped, their
    text kept, and the rest written back as it came (comments and processing instructions
    aside, which the parser drops anyway)."""
    walker = _Flattener(max_depth)
    walker.feed(html)
    walker.close()
    return "".join(walker.out)


class _Flattener(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, written out)
        self.open: dict[str, int] = {}  # tag -> how many are on the stack
        self.kept = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in VOID:
            self.out.append(raw)
            return
        room = self.max_depth if tag in TEXT_BLOCKS else self.max_depth - ROOM
        keep = self.kept < room
        self.stack.append((tag, keep))
        self.open[tag] = self.open.get(tag, 0) + 1
        if keep:
            self.kept += 1
            self.out.append(raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open.get(tag):
            return  # a stray end tag closes nothing
        # It closes its element and every one left open inside it, as browsers do. The search
        # stops at the element, and all it passed is popped: linear over the whole page.
        while self.stack:
            name, keep = self.stack.pop()
            self.open[name] -= 1
            self.kept -= keep
            if name == tag:
                if keep:
                    self.out.append(f"</{tag}>")
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")
