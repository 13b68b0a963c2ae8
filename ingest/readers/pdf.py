"""PDF: the text layer (pypdf), one passage per paragraph rebuilt from the wrapped lines of
each page, with the page it starts on; lines set larger than the body text are headings,
the section of what follows. Metadata from the document information dictionary."""

import io
import logging
import statistics
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from ..paragraphs import SENTENCE_END, Mender

# A gap between lines this much wider than the page's usual one separates paragraphs.
PARAGRAPH_GAP = 1.3
# A line ending a sentence this far short of the page's usual width ends its paragraph.
SHORT_LINE = 0.8
# Text set this much larger than the page's body text is a heading.
HEADING_SIZE = 1.15
FIELDS = {"/Title": "title", "/Author": "author", "/Subject": "subject", "/Keywords": "keywords"}

# pypdf reports what it repairs in a damaged file through logging; the reader's own error
# message is the one a user sees.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Line(NamedTuple):
    text: str
    y: float | None  # the baseline's height on the page, when the text layer tells it
    size: float | None  # the text's size


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    data = source.data
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{path}: the PDF is encrypted with a password; give an open copy")
        pages = [page_lines(page) for page in reader.pages]
        metadata = document_metadata(reader)
    except FileNotDecryptedError:
        raise SourceError(f"{path}: the PDF is encrypted; give a decrypted copy") from None
    except SourceError:
        raise
    # A damaged file fails anywhere in the parser and in many ways: all of them are the file's.
    except Exception as error:
        kind = "not a PDF" if not data.startswith(b"%PDF") else "a damaged PDF"
        raise SourceError(f"{path}: {kind} ({error.__class__.__name__}: {error})") from None
    yield Document(path.name, str(path), "pdf", list(passages(pages)), metadata)


def document_metadata(reader: PdfReader) -> dict:
    info = reader.metadata or {}
    metadata = {FIELDS[key]: str(info[key]) for key in FIELDS if info.get(key)}
    created = info.get("/CreationDate") and info.creation_date
    if created:
        metadata["date"] = created.date().isoformat()
    return split_metadata(metadata)


def page_lines(page) -> list[Line]:
    """The page's lines as pypdf reads them, with their heights and sizes where the text
    operators it reports line up one to one with those lines."""
    segments = []  # (y, size, text) of each piece of text the page draws

    def visit(text, cm, tm, font, font_size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            segments.append((y, font_size * abs(tm[3] * (cm[3] or 1)), text))

    texts = [line for line in page.extract_text(visitor_text=visit).split("\n") if line.strip()]
    placed = []  # (y, size) of each run of segments on one baseline
    for y, size, _ in segments:
        if placed and abs(placed[-1][0] - y) < 1:
            placed[-1] = (y, max(placed[-1][1], size))
        else:
            placed.append((y, size))
    if len(placed) != len(texts):
        placed = [(None, None)] * len(texts)
    return [Line(text, y, size) for text, (y, size) in zip(texts, placed, strict=True)]


def passages(pages: list[list[Line]]) -> Iterator[Passage]:
    mend = Mender([line.text for lines in pages for line in lines])
    section = None
    paragraph: list[str] = []
    first_page = None
    for page_number, lines in enumerate(pages, 1):
        lines = without_page_number(lines)
        gaps = [a.y - b.y for a, b in pairwise(lines) if a.y is not None and b.y is not None]
        usual_gap = statistics.median(gaps) if gaps else None
        sizes = [line.size for line in lines if line.size]
        body_size = statistics.median(sizes) if sizes else None
        widths = sorted(len(line.text.rstrip()) for line in lines)
        width = widths[int(0.9 * (len(widths) - 1))] if widths else 0
        for index, line in enumerate(lines):
            if body_size and line.size and line.size >= HEADING_SIZE * body_size:
                if paragraph:
                    yield Passage(mend.join(paragraph), page=first_page, section=section)
                    paragraph = []
                section = " ".join(line.text.split())
                yield Passage(line.text, page=page_number, section=section)
                continue
            if not paragraph:
                first_page = page_number
            paragraph.append(line.text)
            following = lines[index + 1] if index + 1 < len(lines) else None
            text = line.text.rstrip()
            ends = text[-1:] in SENTENCE_END and len(text) < SHORT_LINE * width
            if following and usual_gap and line.y is not None and following.y is not None:
                ends = ends or line.y - following.y > PARAGRAPH_GAP * usual_gap
            if ends or (following is None and text[-1:] in SENTENCE_END):
                yield Passage(mend.join(paragraph), page=first_page, section=section)
                paragraph = []
    if paragraph:
        yield Passage(mend.join(paragraph), page=first_page, section=section)


def without_page_number(lines: list[Line]) -> list[Line]:
    """The page's lines without a page number standing alone at its top or bottom."""
    if lines and is_page_number(lines[-1].text):
        lines = lines[:-1]
    if lines and is_page_number(lines[0].text):
        lines = lines[1:]
    return lines


def is_page_number(text: str) -> bool:
    text = text.strip().strip("-–— ").strip()
    return text.isdigit() and len(text) <= 5
