"""Word documents (.docx, python-docx): one passage per paragraph and per table row, in the
order they stand; headings (and a Title paragraph) are passages and the section of what
follows them; each footnote and endnote a note passage right after the passage that cites it,
its reference in that passage's text as its number in brackets (`Ouch[1].`: footnotes and
endnotes each numbered in the order they are referred to, as Word shows them), a marker the
rule stage keeps among the citations. Metadata from the document's core properties."""

from collections import Counter
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.hyperlink import Hyperlink

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from .archive import member, open_zip
from .xml import local_name, parse_xml

PROPERTIES = ("title", "author", "subject", "keywords", "identifier", "category", "comments")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE_PARTS = {"footnote": "word/footnotes.xml", "endnote": "word/endnotes.xml"}


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    archive = open_zip(source.data, path, ".docx")
    parts = {
        name: member(archive, name, path, ".docx")
        for name in archive.namelist()
        if name.endswith((".xml", ".rels"))
    }
    for name, data in parts.items():
        # Word writes no DTD; one is there only to declare entities (a bomb, or a file to
        # fetch), which python-docx's own parser would leave unresolved without a word.
        if b"<!DOCTYPE" in data:
            raise SourceError(f"{path}: refused: {name} declares a DTD, which Word never writes")
    notes = {
        kind: note_texts(parse_xml(parts[part], path, "XML"), kind)
        for kind, part in NOTE_PARTS.items()
        if part in parts
    }
    try:
        document = docx.Document(archive.fp)
        found = list(passages(document, notes))
        metadata = core_metadata(document.core_properties)
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise SourceError(f"{path}: a damaged .docx ({error})") from None
    yield Document(path.name, str(path), "docx", found, metadata)


def note_texts(root, kind: str) -> dict[str, str]:
    """Each note's text by its id (the separators Word keeps among them left out)."""
    texts = {}
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in (None, "normal"):
            paragraphs = [run_text(p) for p in note.iter(f"{W}p")]
            texts[note.get(f"{W}id")] = " ".join(" ".join(paragraphs).split())
    return texts


def run_text(paragraph) -> str:
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        pieces.append(element.text or "" if local_name(element) == "t" else " ")
    return "".join(pieces)


def core_metadata(properties) -> dict:
    metadata = {name: getattr(properties, name) for name in PROPERTIES}
    if properties.created:
        metadata["date"] = properties.created.date().isoformat()
    return split_metadata(metadata)


def text_with_references(paragraph, referred: Counter) -> str:
    """The paragraph's text, each note reference in it as the note's number in brackets;
    `referred` counts the references of each kind so far."""
    pieces = []
    for content in paragraph.iter_inner_content():
        for run in content.runs if isinstance(content, Hyperlink) else [content]:
            pieces.append(run.text)
            for reference in run._r.iter(*(f"{W}{kind}Reference" for kind in NOTE_PARTS)):
                kind = local_name(reference).removesuffix("Reference")
                referred[kind] += 1
                pieces.append(f"[{referred[kind]}]")
    return "".join(pieces)


def passages(document, notes: dict[str, dict[str, str]]) -> Iterator[Passage]:
    section = None
    given = 0
    referred = Counter()
    for block in document.iter_inner_content():
        found = []
        if isinstance(block, Table):
            for row in block.rows:
                cells = unique_cells(row)
                if any(cells):
                    found.append(
                        (Passage("; ".join(cells), section=section, kind="table"), row._tr)
                    )
        elif block.text.strip():
            style = (block.style.name if block.style is not None else "") or ""
            kind = "text"
            if style.startswith("Heading") or style == "Title":
                section, kind = " ".join(block.text.split()), "heading"
            text = text_with_references(block, referred)
            found.append((Passage(text, section=section, kind=kind), block._p))
        else:
            found.append((None, block._p))  # no text, but perhaps notes
        for passage, element in found:
            citer = None
            if passage is not None:
                citer = given
                yield passage
                given += 1
            for kind, texts in notes.items():
                for reference in element.iter(f"{W}{kind}Reference"):
                    text = texts.get(reference.get(f"{W}id"))
                    if text:
                        yield Passage(text, section=section, kind="note", cited_in=citer)
                        given += 1


def unique_cells(row) -> list[str]:
    """A row's cells' text, a merged cell (which python-docx gives once per grid column) once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
    return cells
