"""Web pages: the main text only, as a reader reads it (trafilatura's extraction: no menus,
comments, related stories, newsletter boxes or advertising) after the subtitle and lead of the
article's own header and the lead set apart above it, which trafilatura leaves out, and
without the blocks the page names its website's; one passage per paragraph, list item,
quotation or table row, headings passages and the section of what follows them. A page that
writes its article only in its JSON-LD (for its scripts to show) is read from there; a page
whose main text cannot be told, or is short, is read whole, block by block
(ingest.readers.blocks).
Metadata from <title>, <meta> and the canonical link; the text in the charset the page
declares."""

import codecs
import json
import logging
import re
from collections.abc import Iterator
from html import unescape

import trafilatura
from selectolax.lexbor import LexborHTMLParser

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from ..text import WORD
from . import blocks

# Deeper than any page is written; the parser's time grows with the square of the depth.
MOST_NESTED = 2_000
CONTAINER_TAG = re.compile(
    rb"<(/?)(?:div|section|article|blockquote|ul|ol|dl|table|main|aside|nav|form|span)\b", re.I
)
# In a <meta> tag only: a <script charset> (a web archive's toolbar, a consent banner's) above
# it names the script's encoding, not the page's.
DECLARED_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s{0,8}=\s{0,8}["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
# The website's own header, footer and menus, around the page's content: never its text (on a
# short page trafilatura may take them for it).
SITE_FRAME = (
    "body > header, body > footer, body > nav, [role=banner], [role=contentinfo], [role=navigation]"
)
# A main text shorter than this (in characters) is trafilatura's guess from its fallbacks,
# which on a short page run words together and take in menus: such a page is read whole.
SHORTEST_MAIN_TEXT = 250
# Elements of trafilatura's main text each of whose text is one passage.
MAIN_BLOCKS = {"p": "text", "head": "heading", "item": "text", "row": "table", "quote": "text"}
MAIN_BLOCKS |= {"code": "text"}
MAIN_LEFT_OUT = frozenset({"del", "graphic"})
# In an article's own header (its title, subtitle and lead), the parts that are not prose: by
# their class or id, links, dates.
HEAD_LEFT_OUT = re.compile(
    r"share|social|breadcrumb|author|byline|date|time|meta|tags|categor|caption|credit|comment"
    r"|related|rating|reading|figure",
    re.I,
)
HEAD_BLOCKS = "h2, h3, h4, h5, h6, p, div"  # not its title, which is the page's
FEWEST_HEAD_WORDS = 4
MOST_HEAD_LINKS = 0.3  # of its text's characters
# A passage of trafilatura's main text this long within an article makes it the page's own.
OWN_ARTICLE_PASSAGE = 60
# A news page's lead (standfirst), set apart above its article: among the few blocks just
# before the main text's first long passage, prose of a sentence or more; and, anywhere
# above it, a block the page names a lead by its class or id or its parent's.
LEAD_BLOCKS_BEFORE = 4
MOST_LEAD_PASSAGES = 2
FEWEST_LEAD_WORDS = 8
SENTENCE_ENDS = tuple('.!?:"“”»«')
LEAD_NAMES = re.compile(
    r"intro|lead|excerpt|preface|chapo|deck|standfirst|summary|teaser|subheadline", re.I
)
LEAD_NAME_LEVELS = 2
# How far up from a block its ancestors' class and id tell what it is (a caption, a byline).
LEAD_ANCESTORS = 3
# A page's description (<meta name=description>) this long is the article's summary, not the
# website's tagline; with this share of its words in the passages, it repeats them.
FEWEST_SUMMARY_WORDS = 12
MOST_KNOWN_SUMMARY_WORDS = 0.9
# Blocks of trafilatura's main text that are the website's after all, by the class or id of
# the block or of its parents: measured on trafilatura's evaluation set, none of these takes
# main text out ("newsletter", "share", "promo" and others would).
WEBSITE_BLOCK = re.compile(r"copyright|cookie|related|popup|popmake", re.I)
WEBSITE_LEVELS = 3
# A page that writes its article only in a script (JSON-LD's `articleBody`, which the page's
# scripts show): a main text with fewer than this share of the script's runs of three words,
# and most of whose runs the script has not either, is not that article.
LEAST_SCRIPT_ARTICLE_KEPT = 0.5
HTML_TAG = re.compile(r"</?[A-Za-z]")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its doubts are no user's

# <meta> names and properties of the known fields, in order of preference.
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
    "site_name": ("og:site_name", "application-name"),
}
KEPT_META = ("description", "keywords", "dc.", "dcterms.", "citation_")


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    text = page_text(source, options)
    nesting = deepest_nesting(source.data)
    if nesting > MOST_NESTED:
        raise SourceError(
            f"{path}: refused: elements nested {nesting:,} deep (no page is nested past "
            f"{MOST_NESTED:,}; reading it would take hours)"
        )
    tree = LexborHTMLParser(text)
    metadata = page_metadata(tree)
    heads = article_heads(tree)
    script = script_article(tree)
    for node in tree.css(SITE_FRAME):
        if not blocks.holds_content(node):
            node.decompose()
    main = trafilatura.bare_extraction(
        tree.html, include_comments=False, include_tables=True, with_metadata=False
    )
    found = list(main_passages(main.body)) if main is not None and main.body is not None else []
    found = own_heads(heads, found) + found
    blocks.remove_unread(tree)
    if is_another_article(script, found):
        found = script
    elif length(found) < SHORTEST_MAIN_TEXT:
        root = tree.body or tree.root
        found = list(blocks.passages(root)) if root else []
    elif tree.body:
        leaves = list(leaf_blocks(tree.body))
        found = without_website_blocks(leaves, lead_passages(leaves, found))
    yield Document(path.name, str(path), "html", with_summary(metadata, found), metadata)


def page_text(source: SourceFile, options: ReadOptions) -> str:
    """The page's text as a browser reads it: in the encoding given (--encoding), else in the
    charset the page declares, else UTF-8, else Windows-1252 (the web's default); a stray
    byte the encoding has no letter for, or a stray NUL, read as a browser reads it."""
    data = source.data
    if options.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return source.text(options.encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return source.text("utf-16")
    if data.count(b"\0") * 100 > len(data):
        return source.text()  # a binary file: its error
    data = data.replace(b"\0", b"")
    declared = DECLARED_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        encoding = "utf-8"
    if encoding == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding if declared else "cp1252", errors="replace")


def deepest_nesting(data: bytes) -> int:
    """How deep the page's containers are nested, counting their start and end tags."""
    depth = deepest = 0
    for tag in CONTAINER_TAG.finditer(data):
        depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def main_passages(body) -> Iterator[Passage]:
    """The passages of trafilatura's main text, cut at each block's start and end."""
    section = None
    pieces: list[str] = []

    def cut(kind: str) -> Iterator[Passage]:
        nonlocal section, pieces
        text = " ".join("".join(pieces).replace(blocks.SOFT_HYPHEN, "").split())
        pieces = []
        if text:
            if kind == "heading":
                section = text
            yield Passage(text, section=section, kind=kind)

    def walk(element) -> Iterator[Passage]:
        kind = MAIN_BLOCKS.get(element.tag)
        if element.tag in MAIN_LEFT_OUT:
            pieces.append(element.tail or "")
            return
        if kind:
            yield from cut("text")
        if element.tag == "cell" and "".join(pieces).strip():
            pieces.append("; ")
        pieces.append("\n" if element.tag == "lb" else element.text or "")
        for child in element:
            yield from walk(child)
        if kind:
            yield from cut(kind)
        pieces.append(element.tail or "")

    yield from walk(body)
    yield from cut("text")


def page_metadata(tree: LexborHTMLParser) -> dict:
    given = {}
    for meta in tree.css("meta[content]"):
        name = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        content = (meta.attributes.get("content") or "").strip()  # None: written bare
        if name and content:
            given.setdefault(name, content)
    metadata = {}
    title = tree.css_first("title")
    for known, names in META.items():
        found = [given[name] for name in names if name in given]
        if found:
            metadata[known] = found[0]
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


def article_heads(tree: LexborHTMLParser) -> list[tuple[str, Passage]]:
    """The prose of each article's own header (title, subtitle, lead), which trafilatura
    leaves out, with its article's text."""
    heads = []
    for header in blocks.article_headers(tree):
        article = header.parent
        while article is not None and article.tag not in ("article", "main"):
            article = article.parent
        article_text = " ".join((article or header).text(separator=" ").split())
        for node in header.css(HEAD_BLOCKS):
            if any(inner.mem_id != node.mem_id for inner in node.css(HEAD_BLOCKS)):
                continue  # its text is in the blocks within it
            text = " ".join(node.text(separator=" ").split())
            links = sum(len(" ".join(link.text().split())) for link in node.css("a"))
            if (
                len(text.split()) < FEWEST_HEAD_WORDS
                or links > MOST_HEAD_LINKS * len(text)
                or node.css_first("time")
                or any(HEAD_LEFT_OUT.search(names) for names in names_up_to(node, header))
            ):
                continue
            kind = "heading" if node.tag in blocks.HEADINGS else "text"
            passage = Passage(text, section=text if kind == "heading" else None, kind=kind)
            heads.append((article_text, passage))
    return heads


def names_up_to(node, top, levels: int = MOST_NESTED) -> Iterator[str]:
    """The tag, class and id of the node and of its ancestors below `top` (None: the page's
    root), `levels` of them at most."""
    while node is not None and levels and (top is None or node.mem_id != top.mem_id):
        attributes = node.attributes
        yield f"{node.tag} {attributes.get('class') or ''} {attributes.get('id') or ''}"
        node = node.parent
        levels -= 1


def own_heads(heads: list[tuple[str, Passage]], found: list[Passage]) -> list[Passage]:
    """The header passages of the article the main text is in (not of the teasers of other
    articles on the page) that the main text does not already have."""
    # compared without spaces: trafilatura runs a heading's <span>s together
    said = squeezed("".join(passage.text for passage in found))
    long_found = [passage.text for passage in found if len(passage.text) >= OWN_ARTICLE_PASSAGE]
    return [
        passage
        for article, passage in heads
        if squeezed(passage.text) not in said and any(text in article for text in long_found)
    ]


def without_website_blocks(leaves: list[tuple], found: list[Passage]) -> list[Passage]:
    """The main text's passages but those that are a block of the website's (a copyright or
    cookie notice, a box of related articles, a popup): `leaves`, the page's (leaf_blocks)."""
    website = {
        text
        for node, text in leaves
        if any(WEBSITE_BLOCK.search(names) for names in names_up_to(node, None, WEBSITE_LEVELS))
    }
    return [passage for passage in found if passage.text not in website]


def lead_passages(leaves: list[tuple], found: list[Passage]) -> list[Passage]:
    """The main text `found` after the page's lead, which trafilatura leaves out: the blocks
    above the first block that holds one of the main text's long passages that the page
    names a lead, and up to two blocks of prose among the few just before it (not a heading,
    caption, byline, date or links), in the page's order, none the main text has already;
    `leaves`, the page's blocks (leaf_blocks)."""
    # Compared without spaces: a block's inline elements can space its text (`11. Oktober ,`)
    # where trafilatura's does not.
    long = [squeezed(passage.text) for passage in found if len(passage.text) >= OWN_ARTICLE_PASSAGE]
    before = []  # the blocks above the main text: node, text, and the text without spaces
    for node, text in leaves:
        block = squeezed(text)
        if any(
            kept in block or (len(text) >= OWN_ARTICLE_PASSAGE and block in kept) for kept in long
        ):
            break
        before.append((node, text, block))
    else:
        return found
    said = squeezed("".join(passage.text for passage in found))
    nearest = [
        text
        for node, text, block in reversed(before[-LEAD_BLOCKS_BEFORE:])
        if is_prose(node, text) and block not in said
    ][:MOST_LEAD_PASSAGES]
    leads = {
        text: Passage(text)
        for node, text, block in before
        if text in nearest or (is_named_lead(node, text) and block not in said)
    }
    return [*leads.values(), *found]


def script_article(tree: LexborHTMLParser) -> list[Passage]:
    """The paragraphs of the longest article the page writes in its JSON-LD (`articleBody`,
    as text or as HTML)."""
    bodies = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "")
        except (ValueError, RecursionError):
            continue  # a page's broken script is not the reader's error
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                body = value.get("articleBody")
                if isinstance(body, str):
                    bodies.append(body)
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    if not bodies:
        return []
    body = max(bodies, key=len)
    if deepest_nesting(body.encode()) > MOST_NESTED:
        return []  # no article is nested so; the page itself is read
    if HTML_TAG.search(body):
        article = LexborHTMLParser(body).body
        return list(blocks.passages(article)) if article else []
    text = unescape(body).replace(blocks.SOFT_HYPHEN, "")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [Passage(line) for line in lines if line]


def is_another_article(script: list[Passage], found: list[Passage]) -> bool:
    """Whether the script's article is longer than the main text `found` and another text:
    fewer than half of its runs of three words in the main text, nor of the main text's in
    it (not the same article cut short, nor written again in a markup of its own)."""
    if length(script) <= length(found):
        return False
    script_runs, found_runs = word_runs(script), word_runs(found)
    shared = len(script_runs & found_runs)
    return shared < LEAST_SCRIPT_ARTICLE_KEPT * min(len(script_runs), len(found_runs))


def length(passages: list[Passage]) -> int:
    return sum(len(passage.text) for passage in passages)


def word_runs(passages: list[Passage]) -> set[tuple[str, ...]]:
    words = WORD.findall(" ".join(passage.text for passage in passages).lower())
    return set(zip(words, words[1:], words[2:], strict=False))


def squeezed(text: str) -> str:
    return "".join(text.split())


def with_summary(metadata: dict, found: list[Passage]) -> list[Passage]:
    """The passages after the page's description where it summarises the article in words of
    its own (news pages often show their lead only there, or in a script): a reader's search
    for them finds the page. A description whose words the passages nearly all have already
    (the first paragraph again, or cut short) would only count its names and dates twice."""
    summary = " ".join(
        str(metadata.get("description") or "").replace(blocks.SOFT_HYPHEN, "").split()
    )
    words = WORD.findall(summary.lower())
    if len(words) < FEWEST_SUMMARY_WORDS:
        return found
    said = set(WORD.findall(" ".join(passage.text for passage in found).lower()))
    if sum(word in said for word in words) >= MOST_KNOWN_SUMMARY_WORDS * len(words):
        return found
    return [Passage(summary), *found]


def is_named_lead(node, text: str) -> bool:
    """Whether a block (`node`, its `text`) is one the page names its lead (`intro`,
    `standfirst`, `chapo`, an article's `deck`), a sentence long, no caption or byline."""
    names = list(names_up_to(node, None, LEAD_NAME_LEVELS))
    return (
        len(text.split()) >= FEWEST_LEAD_WORDS
        and any(LEAD_NAMES.search(name) for name in names)
        and not any(HEAD_LEFT_OUT.search(name) for name in names)
    )


def is_prose(node, text: str) -> bool:
    """Whether a block (`node`, its `text`) is a lead's prose: a sentence or more, not a
    heading, not mostly links, no date, caption or byline."""
    links = sum(len(" ".join(link.text().split())) for link in node.css("a"))
    return (
        node.tag not in blocks.HEADINGS
        and len(text.split()) >= FEWEST_LEAD_WORDS
        and text.endswith(SENTENCE_ENDS)
        and links <= MOST_HEAD_LINKS * len(text)
        and not node.css_first("time")
        and not any(
            HEAD_LEFT_OUT.search(names) for names in names_up_to(node, None, LEAD_ANCESTORS)
        )
    )


def leaf_blocks(root) -> Iterator[tuple[object, str]]:
    """The blocks with no block within them, in document order, each with its text (as a
    passage has it); a block's exit comes after every block within it."""
    holds_block = set()  # mem_ids of elements with a block within them
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if entering:
            stack.append((node, False))
            child = node.last_child
            while child is not None:
                if not child.is_text_node:
                    stack.append((child, True))
                child = child.prev
            continue
        is_block = node.tag in blocks.BLOCKS
        if (is_block or node.mem_id in holds_block) and node.parent is not None:
            holds_block.add(node.parent.mem_id)
        if is_block and node.mem_id not in holds_block:
            text = " ".join(node.text(separator=" ").replace(blocks.SOFT_HYPHEN, "").split())
            if text:
                yield node, text
