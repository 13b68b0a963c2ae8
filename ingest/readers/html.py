"""Web pages: the main text only, as a reader reads it (trafilatura's extraction: no menus,
comments, related stories, newsletter boxes or advertising) set right by the page's own
blocks (ingest.readers.main_text: the article's own header and lead, its parts after an
advertisement, the tweets it quotes, no blocks the page names its website's); one passage per
paragraph, list item, quotation or table row, headings passages and the section of what
follows them. A page that writes its article only in its JSON-LD (for its scripts to show) is
read from there; a page whose main text cannot be told, or is short, is read whole, block by
block (ingest.readers.blocks).
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
from . import blocks, main_text

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
# Elements of trafilatura's main text each of whose text is one passage; of those it writes
# for a phrase as well (`<code>` for a listing and a path, `<quote>` for a blockquote and a
# `<q>`), only those no other block holds.
MAIN_BLOCKS = {
    "p": "text",
    "head": "heading",
    "item": "text",
    "row": "table",
    "quote": "text",
    "code": "text",
}
PHRASES_WITHIN_BLOCKS = frozenset({"code", "quote"})
MAIN_LEFT_OUT = frozenset({"del", "graphic"})
# A page's description (<meta name=description>) this long is the article's summary, not the
# website's tagline; with this share of its words in the passages, it repeats them.
FEWEST_SUMMARY_WORDS = 12
MOST_KNOWN_SUMMARY_WORDS = 0.9
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
    heads = main_text.article_heads(tree)
    declared = list(json_ld_objects(tree))
    script = script_article(declared)
    for node in tree.css(SITE_FRAME):
        if not blocks.holds_content(node):
            node.decompose()
    main = trafilatura.bare_extraction(
        tree.html, include_comments=False, include_tables=True, with_metadata=False
    )
    found = list(main_passages(main.body)) if main is not None and main.body is not None else []
    found = main_text.own_heads(heads, found) + found
    blocks.remove_unread(tree)
    if is_another_article(script, found):
        found = script
    elif length(found) < SHORTEST_MAIN_TEXT:
        root = tree.body or tree.root
        found = list(blocks.passages(root)) if root else []
    elif tree.body:
        leaves = list(main_text.leaf_blocks(tree.body))
        found = main_text.lead_passages(leaves, found)
        recipe = main_text.declared_recipe(tree, declared)
        found = main_text.with_article_parts(leaves, found, recipe)
        found = main_text.without_website_blocks(leaves, found)
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
    """The passages of trafilatura's main text, cut at each block's start and end; a block of
    punctuation alone (a page's `<p>.</p>` for a blank line) is none."""
    section = None
    pieces: list[str] = []

    def cut(kind: str) -> Iterator[Passage]:
        nonlocal section, pieces
        text = " ".join("".join(pieces).replace(blocks.SOFT_HYPHEN, "").split())
        pieces = []
        if any(character.isalnum() for character in text):
            if kind == "heading":
                section = text
            yield Passage(text, section=section, kind=kind)

    def walk(element, in_block: bool = False) -> Iterator[Passage]:
        phrase = in_block and element.tag in PHRASES_WITHIN_BLOCKS
        kind = None if phrase else MAIN_BLOCKS.get(element.tag)
        if element.tag in MAIN_LEFT_OUT:
            pieces.append(element.tail or "")
            return
        if kind:
            yield from cut("text")
        if element.tag == "cell" and "".join(pieces).strip():
            pieces.append("; ")
        pieces.append("\n" if element.tag == "lb" else element.text or "")
        for child in element:
            yield from walk(child, in_block or kind is not None)
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


def json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict]:
    """Every object the page declares in its JSON-LD (schema.org's terms), nested ones too."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "")
        except (ValueError, RecursionError):
            continue  # a page's broken script is not the reader's error
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                yield value
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)


def script_article(declared: list[dict]) -> list[Passage]:
    """The paragraphs of the longest article the page writes in its JSON-LD (`articleBody`,
    as text or as HTML), `declared` its objects (json_ld_objects)."""
    bodies = [body for value in declared if isinstance(body := value.get("articleBody"), str)]
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
