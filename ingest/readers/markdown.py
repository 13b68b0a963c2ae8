"""Markdown: YAML front matter as metadata, then one passage per paragraph, list item, table
row, quote or code block, markup and template tags removed and links kept as their text
(markdown-it-py); headings are passages and the section of what follows them; a footnote
(`[^1]: ...`) a note passage, cited by the passage whose reference (`[^1]`) points at it."""

from collections.abc import Iterator

import frontmatter
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from selectolax.lexbor import LexborHTMLParser

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from ..paragraphs import Mender

MARKDOWN = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
# Liquid and Jinja tags of a site's templates (`{% include figure.html %}`, `{{ site.url }}`):
# no prose. Code blocks keep theirs.
TEMPLATE_TAGS = (("{%", "%}"), ("{{", "}}"))


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    text = source.text(options.encoding)
    try:
        fields, content = frontmatter.parse(text)
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise SourceError(f"{path}: the front matter is not valid YAML: {problem}") from None
    # The front matter's lines come before the content's: source line numbers count them.
    offset = text[: text.find(content)].count("\n") if content else 0
    found = passages(content, offset)
    yield Document(path.name, str(path), "markdown", found, split_metadata(fields))


def passages(content: str, offset: int) -> Iterator[Passage]:
    mend = Mender(content.split("\n"))
    section = None
    heading = False
    row: list[str] | None = None  # the cells of the table row being read
    given = 0  # passages given so far
    citers: dict[int, int] = {}  # footnote id -> the passage that refers to it first
    note: int | None = None  # the id of the footnote being read
    for token in MARKDOWN.parse(content):
        found = None
        if token.map:
            lines = (token.map[0] + offset + 1, token.map[1] + offset)
        if token.type == "heading_open":
            heading = True
        elif token.type == "footnote_open":
            note = token.meta["id"]
        elif token.type == "footnote_close":
            note = None
        elif token.type == "tr_open":
            row, row_lines = [], lines
        elif token.type == "inline" and row is not None:
            row.append(" ".join(mend.join(inline_lines(token.children)).split()))
        elif token.type == "tr_close":
            if any(row):
                found = Passage("; ".join(row), *row_lines, None, section, "table")
            row = None
        elif token.type == "inline":
            text = without_template_tags(mend.join(inline_lines(token.children)))
            kind = "heading" if heading else "text"
            if heading:
                section, heading = " ".join(text.split()), False
            if text.strip():
                found = Passage(text, *lines, None, section, kind)
            for child in token.children:
                if child.type == "footnote_ref":
                    citers.setdefault(child.meta["id"], given)
        elif token.type in ("fence", "code_block") and token.content.strip():
            found = Passage(token.content, *lines, None, section)
        elif token.type == "html_block":
            text = without_template_tags(LexborHTMLParser(token.content).text(separator=" "))
            if text.strip():
                found = Passage(text, *lines, None, section)
        if found is not None:
            if note is not None:
                found = found._replace(kind="note", cited_in=citers.get(note))
            yield found
            given += 1


def inline_lines(children) -> list[str]:
    """An inline run's text as its source lines: markup dropped, links and images as their
    text, line breaks kept so that a word broken at a line's end can be mended."""
    lines = [""]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "footnote_ref":
            lines[-1] += f"[{child.meta['label']}]"
        elif child.type == "image":
            lines[-1] += "".join(c.content for c in child.children or ())
    return lines


def without_template_tags(text: str) -> str:
    """The text without its template tags, in one pass: a tag opened and never closed is
    text, and ends the search for tags of its kind, as does a kind no longer opened."""
    kept, position = [], 0
    kinds = list(TEMPLATE_TAGS)
    while kinds:
        opened = [(text.find(opener, position), opener, closer) for opener, closer in kinds]
        kinds = [(opener, closer) for start, opener, closer in opened if start >= 0]
        if not kinds:
            break
        start, opener, closer = min(o for o in opened if o[0] >= 0)
        end = text.find(closer, start + len(opener))
        if end < 0:
            kinds.remove((opener, closer))
            continue
        kept.append(text[position:start])
        position = end + len(closer)
    kept.append(text[position:])
    return "".join(kept)
