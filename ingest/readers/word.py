"""Word documents (.docx, python-docx): one passage per paragraph and per table row, in the
order they stand; headings (and a Title paragraph) are passages and the section of what
follows them. Metadata from the document's core properties."""

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError

PROPERTIES = ("title", "author", "subject", "keywords", "identifier", "category", "comments")


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    data = source.data
    if not data.startswith(b"PK"):
        raise SourceError(f"{path}: not a .docx file (a .docx is a zip archive; this is not one)")
    try:
        document = docx.Document(io.BytesIO(data))
        found = list(passages(document))
        metadata = core_metadata(document.core_properties)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise SourceError(f"{path}: a damaged .docx ({error})") from None
    yield Document(path.name, str(path), "docx", found, metadata)


def core_metadata(properties) -> dict:
    metadata = {name: getattr(properties, name) for name in PROPERTIES}
    if properties.created:
        metadata["date"] = properties.created.date().isoformat()
    return split_metadata(metadata)


def passages(document) -> Iterator[Passage]:
    section = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = unique_cells(row)
                if any(cells):
                    yield Passage("; ".join(cells), section=section)
            continue
        text = block.text
        if not text.strip():
            continue
        style = (block.style.name if block.style is not None else "") or ""
        if style.startswith("Heading") or style == "Title":
            section = " ".join(text.split())
        yield Passage(text, section=section)


def unique_cells(row) -> list[str]:
    """A row's cells' text, a merged cell (which python-docx gives once per grid column) once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
    return cells
