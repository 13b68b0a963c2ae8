"""HTML's blocks as passages (selectolax's lexbor parser): one passage per paragraph-level
block of the readable text (no script, style, navigation, header, footer or forms); headings
are passages and the section of what follows them, a table's rows passages of their own.
Footnotes and endnotes marked as such (`epub:type`, `role=doc-endnote`) are notes, cited by
the passage whose note reference (`epub:type=noteref`) points at them; the reference is a
marker there (`[12]`). EPUB chapters are read so, and web pages whose main text
ingest.readers.html cannot tell."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..documents import Passage

# What a reader never sees; the text within a <video>, <audio> or <canvas> is shown in its
# stead only where a browser cannot play it (`Your browser does not support the video tag.`).
NOT_READ = (
    "script, style, noscript, template, nav, header, footer, aside, form, button, select, "
    "svg, iframe, object, video, audio, canvas, [role=navigation], [role=banner], "
    "[role=contentinfo], [hidden]"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that begin and end a block of text; any other element's text runs on.
BLOCKS = HEADINGS | {
    *("address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl"),
    *("dt", "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p", "pre"),
    *("section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul"),
}
CELLS = frozenset({"td", "th"})
# Where a word may be broken at a line's end (`&shy;`): no letter of it, and no search finds a
# word written with one.
SOFT_HYPHEN = "\u00ad"
# `epub:type` and `role` values of notes, of the sections that hold them, of references to
# them and of the links back from them.
NOTE_TYPES = frozenset(
    {
        *("footnote", "footnotes", "endnote", "endnotes", "rearnote", "rearnotes", "note"),
        *("doc-footnote", "doc-endnote", "doc-endnotes"),
    }
)
NOTE_REFERENCES = frozenset({"noteref", "doc-noteref"})
BACK_LINKS = frozenset({"backlink", "doc-backlink"})


# What holds a page's own content: an element around one holds it too (a <header> left open
# around the whole page, an ASP.NET page's <form>).
CONTENT = "main, article, [role=main]"
# An article's own header (its title, subtitle and lead), unlike the website's.
ARTICLE_HEADERS = "article header, main header, [role=main] header"


def remove_unread(tree: LexborHTMLParser) -> None:
    """Everything but the readable text, notes kept (an EPUB's footnotes stand in <aside>)."""
    open_article_headers(tree)
    for node in tree.css(NOT_READ):
        if not roles(node.attributes) & NOTE_TYPES and not holds_content(node):
            node.decompose()


def open_article_headers(tree: LexborHTMLParser) -> None:
    """An article's header read as part of it: its tags taken away, its text left."""
    for node in reversed(article_headers(tree)):
        node.unwrap()


def article_headers(tree: LexborHTMLParser) -> list:
    """The articles' own headers in document order, each once (a header in an article within
    <main> answers two parts of the selector)."""
    return list({header.mem_id: header for header in tree.css(ARTICLE_HEADERS)}.values())


def holds_content(node) -> bool:
    return node.css_first(CONTENT) is not None  # the node itself counts


def roles(attributes: dict) -> set[str]:
    """An element's `epub:type` and `role` values."""
    if "epub:type" not in attributes and "role" not in attributes:
        return set()
    return set(f"{attributes.get('epub:type') or ''} {attributes.get('role') or ''}".split())


@dataclass
class NoteLinks:
    """The passages given so far, across the files of one document (an EPUB's chapters), and
    which of them cites each note, by the note's id."""

    given: int = 0
    citers: dict[str, int] = field(default_factory=dict)


def passages(root, links: NoteLinks | None = None) -> Iterator[Passage]:
    """Walks the tree in document order, cutting the text at every block's start and end; a
    table row is one passage, its cells separated by semicolons."""
    links = links or NoteLinks()
    section = None
    pieces: list[str] = []
    has_text = False  # whether the pieces hold more than white space
    cited: list[tuple[str, str]] = []  # (note id, marker) of the passage being read's references
    notes: list[tuple] = []  # (node, id) of the notes the walk is in, the innermost last
    # (node, entering): each element is visited on the way in and, if a block or a note, on
    # the way out
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if node.is_text_node:
            text = node.text_content or ""
            pieces.append(text)
            has_text = has_text or not text.isspace()
            continue
        attributes = node.attributes
        marks = roles(attributes)
        if node.tag == "br":
            pieces.append("\n")
        elif marks & NOTE_REFERENCES and entering:
            target = (attributes.get("href") or "").partition("#")[2]
            marker = f"[{' '.join(node.text().split())}]"
            pieces.append(marker)
            cited.append((target, marker))
            continue
        elif marks & BACK_LINKS:
            continue
        elif node.tag in BLOCKS:
            text = " ".join("".join(pieces).replace(SOFT_HYPHEN, "").split())
            pieces, has_text = [], False
            if text:
                kind = "text"
                if node.tag in HEADINGS and not entering:
                    section, kind = text, "heading"
                    for _, marker in cited:
                        section = " ".join(section.replace(marker, " ").split())
                elif notes:
                    kind = "note"
                elif node.tag == "tr":
                    kind = "table"
                citer = links.citers.get(notes[-1][1]) if kind == "note" else None
                yield Passage(text, section=section, kind=kind, cited_in=citer)
                for target, _ in cited:
                    links.citers.setdefault(target, links.given)
                links.given += 1
                cited = []
        elif node.tag in CELLS and entering and has_text:
            pieces.append("; ")
        if marks & NOTE_TYPES or (notes and attributes.get("id")):
            if entering:
                notes.append((node, attributes.get("id") or (notes[-1][1] if notes else "")))
            elif notes and notes[-1][0] == node:
                notes.pop()
        if entering:
            if node.tag in BLOCKS or marks & NOTE_TYPES or (notes and notes[-1][0] == node):
                stack.append((node, False))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((child, True) for child in reversed(children))
