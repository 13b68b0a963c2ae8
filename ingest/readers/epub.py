"""EPUB e-books: the package document's title, creators, date, language and publisher as
metadata, then every chapter in spine order, each read as HTML is (ingest.readers.html):
headings as sections, footnotes and endnotes as notes cited by the passage that refers to
them, in whichever chapter the note stands."""

import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from . import blocks
from .archive import member, open_zip
from .xml import descendants, first, local_name, parse_xml, text_of

CHAPTER_TYPES = frozenset({"application/xhtml+xml", "text/html"})
OPF_ROLE = "{http://www.idpf.org/2007/opf}role"


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    archive = open_zip(source.data, path, "EPUB")
    container = parse_xml(member(archive, "META-INF/container.xml", path, "EPUB"), path, "XML")
    rootfile = first(container, "rootfile")
    package_name = rootfile.get("full-path") if rootfile is not None else None
    if not package_name:
        raise SourceError(f"{path}: a damaged EPUB (its container names no package document)")
    package = parse_xml(member(archive, package_name, path, "EPUB"), path, "XML")
    chapters = spine(package, posixpath.dirname(package_name))
    passages = read_chapters(archive, chapters, path)
    yield Document(path.name, str(path), "epub", passages, package_metadata(package))


def package_metadata(package) -> dict:
    fields: dict = {}
    metadata = first(package, "metadata")
    for field in metadata if metadata is not None else ():
        name, text = local_name(field), text_of(field)
        if not text:
            continue
        if name == "creator" and field.get(OPF_ROLE, "aut") == "aut":
            fields.setdefault("author", []).append(text)
        elif name in ("title", "date", "language", "publisher", "identifier", "source"):
            fields.setdefault(name, text)
    return split_metadata(fields)


def spine(package, folder: str) -> list[str]:
    """The names in the archive of the chapters, in reading order."""
    manifest = {
        item.get("id"): item
        for item in descendants(package, "item")
        if item.get("media-type") in CHAPTER_TYPES and item.get("href")
    }
    names = []
    for reference in descendants(package, "itemref"):
        item = manifest.get(reference.get("idref"))
        if item is not None:
            names.append(posixpath.normpath(posixpath.join(folder, unquote(item.get("href")))))
    return names


def read_chapters(archive, chapters: list[str], path) -> Iterator[Passage]:
    links = blocks.NoteLinks()
    for name in chapters:
        tree = LexborHTMLParser(member(archive, name, path, "EPUB").decode("utf-8", "replace"))
        blocks.remove_unread(tree)
        if tree.body is not None:
            yield from blocks.passages(tree.body, links)
