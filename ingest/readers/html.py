"""HTML: the readable text only (no script, style, navigation, header, footer or forms), one
passage per paragraph-level block (selectolax's lexbor parser); headings are passages and the
section of what follows them. Metadata from <title>, <meta> and the canonical link."""

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata

NOT_READ = (
    "script, style, noscript, template, nav, header, footer, aside, form, button, select, "
    "svg, iframe, object, [role=navigation], [role=banner], [role=contentinfo], [hidden]"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that begin and end a block of text; any other element's text runs on.
BLOCKS = HEADINGS | {
    *("address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl"),
    *("dt", "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p", "pre"),
    *("section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul"),
}
CELLS = frozenset({"td", "th"})
# <meta> names and properties of the four known fields, in order of preference.
META = {
    "title": ("citation_title", "dc.title", "dcterms.title", "og:title"),
    "author": ("author", "citation_author", "dc.creator", "dcterms.creator", "article:author"),
    "date": (
        "citation_publication_date",
        "citation_date",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "date",
        "article:published_time",
    ),
    "url": ("og:url", "citation_public_url"),
}
KEPT_META = ("description", "keywords", "dc.", "dcterms.", "citation_")


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    tree = LexborHTMLParser(source.text(options.encoding))
    metadata = page_metadata(tree)
    for node in tree.css(NOT_READ):
        node.decompose()
    root = tree.body or tree.root
    yield Document(path.name, str(path), "html", passages(root) if root else [], metadata)


def page_metadata(tree: LexborHTMLParser) -> dict:
    given = {}
    for meta in tree.css("meta[content]"):
        name = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        if name and meta.attributes["content"].strip():
            given.setdefault(name, meta.attributes["content"].strip())
    metadata = {}
    title = tree.css_first("title")
    for field, names in META.items():
        found = [given[name] for name in names if name in given]
        if found:
            metadata[field] = found[0]
    if title and title.text(strip=True):
        metadata["title"] = " ".join(title.text().split())
    canonical = tree.css_first("link[rel=canonical][href]")
    if canonical:
        metadata["url"] = canonical.attributes["href"]
    known = {name for names in META.values() for name in names}
    for name, value in given.items():
        if name not in known and name.startswith(KEPT_META):
            metadata[name] = value
    return split_metadata(metadata)


def passages(root) -> Iterator[Passage]:
    """Walks the tree in document order, cutting the text at every block's start and end; a
    table row is one passage, its cells separated by semicolons."""
    section = None
    pieces: list[str] = []
    has_text = False  # whether the pieces hold more than white space
    # (node, entering): each element is visited on the way in and, if a block, on the way out
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if node.is_text_node:
            text = node.text_content or ""
            pieces.append(text)
            has_text = has_text or not text.isspace()
        elif node.tag == "br":
            pieces.append("\n")
        elif node.tag in BLOCKS:
            text = " ".join("".join(pieces).split())
            pieces, has_text = [], False
            if text:
                if node.tag in HEADINGS and not entering:
                    section = text
                yield Passage(text, section=section)
        elif node.tag in CELLS and entering and has_text:
            pieces.append("; ")
        if entering and not node.is_text_node:
            if node.tag in BLOCKS:
                stack.append((node, False))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((child, True) for child in reversed(children))
