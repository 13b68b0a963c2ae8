"""PDF: the text as a reader reads the page (pdfminer.six's layout analysis, its blocks put in
reading order by cutting the page at its widest gaps, across then down: columns one after
another), one passage per paragraph rebuilt from the wrapped lines, with the page it starts
on; lines set larger than the body text are headings, the section of what follows; lines that
repeat at the top or foot of many pages (running heads, page numbers) left out; a page's
footnotes (small lines at its foot opening with a mark) notes of their own. Metadata from the
document information dictionary (pypdf)."""

import io
import logging
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from itertools import pairwise
from typing import NamedTuple

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from ..documents import Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import BuildError, SourceError
from ..paragraphs import SENTENCE_END, Mender
from ..parallel import ordered_map

# A gap between lines this much wider than the page's usual one separates paragraphs.
PARAGRAPH_GAP = 1.3
# A line ending a sentence this far short of the page's usual width ends its paragraph.
SHORT_LINE = 0.8
# Text set this much larger than the page's body text is a heading; this much smaller, at the
# page's foot and opening with a mark, a footnote.
HEADING_SIZE = 1.15
NOTE_SIZE = 0.95
NOTE_MARK = re.compile(r"\s{0,3}(?:\d{1,3}|[*†‡§¶]{1,3})(?:[\s.)]|$)")
# A line at the top or foot of a page whose text, digits aside, is on this share of the pages
# (and on three at least) is a running head or foot.
RUNNING_SHARE = 0.3
RUNNING_LINES = 3  # baselines looked at, at the top and at the foot of each page
PAGE_NUMBER_LINES = 2  # for a page number (further in, a lone number is a note's mark)
# Pieces of text whose baselines are this close (in points) stand on one line.
SAME_BASELINE = 2.0
# A block this share of its region's width is set across it, not in one of its columns.
WIDE_BLOCK = 0.6
# Bands of blocks at a page's top or foot that may stand across its columns' gutter.
HEAD_BANDS = 4
# Characters of a line of prose in a column, more than a table's cells have.
PROSE_LINE = 25
FIELDS = {"/Title": "title", "/Author": "author", "/Subject": "subject", "/Keywords": "keywords"}
# Lines apart at a narrow gutter; no hierarchy of blocks, which regions() orders itself (and
# whose building is half of pdfminer's time).
LAYOUT = LAParams(char_margin=1.0, boxes_flow=None)

# pypdf and pdfminer report what they repair in a damaged file through logging; the reader's
# own error message is the one a user sees.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class Line(NamedTuple):
    text: str
    y: float  # the baseline's height on the page
    size: float | None  # the text's size


def read(
    source: SourceFile, options: ReadOptions, pages: list[list[Line]] | None = None
) -> Iterator[Document]:
    """The PDF's document; its `pages` laid out already where a build's workers laid out its
    runs of pages (run_laid_out)."""
    path = source.path
    data = source.data
    with errors_of(source):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{path}: the PDF is encrypted with a password; give an open copy")
        metadata = document_metadata(reader)
        if pages is None:
            # Walking the page tree, pypdf finds a tree that loops, pdfminer not.
            pages = laid_out(data, len(reader.pages), options.workers)
    yield Document(
        path.name, str(path), "pdf", list(passages(without_running_lines(pages))), metadata
    )


@contextmanager
def errors_of(source: SourceFile) -> Iterator[None]:
    """Any failure of the parsers as the file's one error."""
    try:
        yield
    except (FileNotDecryptedError, PDFEncryptionError, PDFPasswordIncorrect):
        raise SourceError(f"{source.path}: the PDF is encrypted; give a decrypted copy") from None
    except (SourceError, BuildError):
        raise
    # A damaged file fails anywhere in the parsers and in many ways: all of them are the file's.
    except Exception as error:
        kind = "not a PDF" if not source.data.startswith(b"%PDF") else "a damaged PDF"
        raise SourceError(f"{source.path}: {kind} ({error.__class__.__name__}: {error})") from None


def laid_out(data: bytes, pages: int, workers: int) -> list[list[Line]]:
    """Each page's lines: a long PDF's in `workers` processes, a run of pages each (the
    layout, a sixth of a second a page, is nearly all of a PDF's reading)."""
    runs = page_runs(pages)
    if workers <= 1 or len(runs) < 2:
        return pages_laid_out(data, None)
    laid = ordered_map(partial(pages_laid_out, data), runs, workers)
    return [page for run in laid for page in run]


PAGES_A_TASK = 8


def page_runs(pages: int) -> list[range]:
    """The runs of pages a PDF of `pages` pages is laid out in, a task each: one for a short
    PDF."""
    if pages < 2 * PAGES_A_TASK:
        return [range(0, sys.maxsize)]
    runs = [range(first, first + PAGES_A_TASK) for first in range(0, pages, PAGES_A_TASK)]
    runs[-1] = range(runs[-1].start, sys.maxsize)  # any page pdfminer finds past pypdf's count
    return runs


def page_count(data: bytes) -> int:
    """The PDF's pages as pypdf counts them; 0 where it cannot (the file's reading reports
    why)."""
    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:
        return 0


def run_laid_out(source: SourceFile, run: range) -> list[list[Line]]:
    """The lines of a run of the PDF's pages (a build's worker's task)."""
    with errors_of(source):
        return pages_laid_out(source.data, run)


def pages_laid_out(data: bytes, numbers: range | None) -> list[list[Line]]:
    """The lines of the pages numbered (from 0), or of every page."""
    pdf = io.BytesIO(data)
    return [page_lines(page) for page in extract_pages(pdf, page_numbers=numbers, laparams=LAYOUT)]


def document_metadata(reader: PdfReader) -> dict:
    info = reader.metadata or {}
    metadata = {FIELDS[key]: str(info[key]) for key in FIELDS if info.get(key)}
    try:
        created = info.get("/CreationDate") and info.creation_date
    except ValueError:  # written in no form of date (`D:00000101000000Z`)
        created = None
    if created:
        metadata["date"] = created.date().isoformat()
    return split_metadata(metadata)


def page_lines(page) -> list[Line]:
    """The page's lines in reading order: its regions ordered by cutting the page at its
    gaps (regions), each region's lines top to bottom, pieces of one baseline (a run-in
    heading set apart from its paragraph's first line) joined left to right."""
    blocks = [element for element in page if isinstance(element, LTTextBox)]
    lines = []
    for region in regions(blocks):
        pieces = [line for block in region for line in block if isinstance(line, LTTextLine)]
        pieces.sort(key=lambda line: (-round(line.y0 / SAME_BASELINE), line.x0))
        first = len(lines)  # the region's first line: no piece joins a line before it
        for piece in pieces:
            text = piece.get_text().strip()
            if not text:
                continue
            sizes = [char.size for char in piece if hasattr(char, "size")]
            size = statistics.median(sizes) if sizes else None
            if len(lines) > first and abs(lines[-1].y - piece.y0) < SAME_BASELINE:
                last = lines[-1]
                lines[-1] = Line(f"{last.text} {text}", last.y, max(last.size or 0, size or 0))
            else:
                lines.append(Line(text, piece.y0, size))
    return lines


def regions(blocks: list) -> list[list]:
    """Blocks in reading order by recursive cuts: where a horizontal band of the page holds
    no block and a block above or below it is as wide as the text (a title, a table, a
    single column's paragraph), the blocks above it come first; else where a vertical band
    does (a gutter), the blocks left of it; a set no gap divides is read top to bottom. Gaps
    between paragraphs that happen to line up across columns divide nothing."""
    if len(blocks) <= 1:
        return [blocks]
    width = max(b.x1 for b in blocks) - min(b.x0 for b in blocks)
    bands = []
    for band in split_at_gap(blocks, "y"):
        wide = any(b.width > WIDE_BLOCK * width for b in band)
        if bands and not wide and not bands[-1][1]:
            bands[-1][0].extend(band)
        else:
            bands.append((band, wide))
    parts = [band for band, _ in bands]
    if len(parts) == 1:
        parts = split_at_gap(blocks, "x")
    if len(parts) == 1:
        parts = columns_under_a_head(split_at_gap(blocks, "y"))
    if len(parts) > 1:
        return [region for part in parts for region in regions(part)]
    return [blocks]


def columns_under_a_head(bands: list[list]) -> list[list]:
    """The blocks as the few bands at the top or foot of a page whose blocks stand across its
    gutter though none is as wide as the text (a paper's authors, their address, centred) and
    the columns of prose they leave, which a gutter divides; else all of them in one."""
    for taken in range(1, min(HEAD_BANDS, len(bands) - 1) + 1):
        for head, rest in ((bands[:taken], bands[taken:]), (bands[-taken:], bands[:-taken])):
            columns = [block for band in rest for block in band]
            divided = split_at_gap(columns, "x")
            if len(divided) > 1 and all(is_prose(column) for column in divided):
                pieces = [[block for band in head for block in band], columns]
                return pieces if head[0] is bands[0] else pieces[::-1]
    return [[block for band in bands for block in band]]


def is_prose(blocks: list) -> bool:
    """Whether most of the blocks' text stands in lines as long as a column's prose, not in
    a table's cells (a table's rows are read across its columns). Pieces of justified lines
    that the layout sets apart at wide spaces count as short."""
    lengths = [
        len(line.get_text().strip())
        for block in blocks
        for line in block
        if isinstance(line, LTTextLine)
    ]
    return 2 * sum(length for length in lengths if length >= PROSE_LINE) > sum(lengths)


def split_at_gap(blocks: list, axis: str) -> list[list]:
    """The blocks in groups separated by every gap along the axis: top to bottom for y, left
    to right for x."""
    if axis == "y":
        spans = sorted(((-b.y1, -b.y0, b) for b in blocks), key=lambda span: span[:2])
    else:
        spans = sorted(((b.x0, b.x1, b) for b in blocks), key=lambda span: span[:2])
    groups, end = [], None
    for low, high, block in spans:
        if end is None or low > end:
            groups.append([])
        groups[-1].append(block)
        end = high if end is None else max(end, high)
    return groups


def without_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their page numbers and the lines that repeat at the top or foot of
    many of them, wherever the reading order puts those lines."""

    def key(line: Line) -> str:
        return " ".join("".join(c for c in line.text if not c.isdigit()).lower().split())

    def at_ends(lines: list[Line], count: int) -> set[Line]:
        heights = sorted({line.y for line in lines})
        ends = set(heights[:count] + heights[-count:])
        return {line for line in lines if line.y in ends}

    ends = [at_ends(lines, RUNNING_LINES) for lines in pages]
    counts = Counter(k for lines in ends for k in {key(line) for line in lines})
    least = max(3, RUNNING_SHARE * len(pages))
    running = {k for k, n in counts.items() if n >= least}
    kept = []
    for lines, page_ends in zip(pages, ends, strict=True):
        numbers = {n for n in at_ends(lines, PAGE_NUMBER_LINES) if is_page_number(n.text)}
        left_out = (numbers | {line for line in page_ends if key(line) in running}) - {
            line for line in numbers | page_ends if is_raised_mark(line, lines)
        }
        kept.append([line for line in lines if line not in left_out])
    return kept


def is_raised_mark(mark: Line, lines: list[Line]) -> bool:
    """A note's mark in the text (a superscript) that pdfminer set on a line of its own:
    a number or sign smaller than the line just under it, less than that line's size above
    it. A page number stands further off."""
    return bool(mark.size and NOTE_MARK.fullmatch(mark.text.strip())) and any(
        line.size and mark.size <= NOTE_SIZE * line.size and 0 < mark.y - line.y < line.size
        for line in lines
    )


def passages(pages: list[list[Line]]) -> Iterator[Passage]:
    """Paragraphs of the pages' lines, a paragraph going on across columns and pages until a
    line ends it; a page's footnotes are given after the paragraph being read there ends,
    each cited by the paragraph its mark stands in."""
    mend = Mender([line.text for lines in pages for line in lines])
    section = None
    paragraph: list[str] = []
    first_page = None
    given = 0  # passages given so far: the index of the next
    notes: list[Passage] = []  # waiting for the paragraph being read to end

    def give(passage: Passage) -> Passage:
        nonlocal given
        given += 1
        return passage

    def paragraph_end() -> Iterator[Passage]:
        nonlocal paragraph, notes
        if paragraph:
            yield give(Passage(mend.join(paragraph), page=first_page, section=section))
        for note in notes:
            yield give(note)
        paragraph, notes = [], []

    for page_number, lines in enumerate(pages, 1):
        sizes = [line.size for line in lines if line.size]
        body_size = statistics.median(sizes) if sizes else None
        lines, foot, marks = footnotes(lines, body_size)
        citers: dict[str, int] = {}  # a note's mark -> the passage it stands in
        gaps = [a.y - b.y for a, b in pairwise(lines)]
        usual_gap = statistics.median(gaps) if gaps else None
        widths = sorted(len(line.text.rstrip()) for line in lines)
        width = widths[int(0.9 * (len(widths) - 1))] if widths else 0
        for index, line in enumerate(lines):
            if line in marks:
                citers.setdefault(mark_of(line.text), given)  # the paragraph it stands in
                continue
            if body_size and line.size and line.size >= HEADING_SIZE * body_size:
                yield from paragraph_end()
                section = " ".join(line.text.split())
                yield give(Passage(line.text, page=page_number, section=section, kind="heading"))
                continue
            if not paragraph:
                first_page = page_number
            paragraph.append(line.text)
            following = lines[index + 1] if index + 1 < len(lines) else None
            text = line.text.rstrip()
            ends = text[-1:] in SENTENCE_END and len(text) < SHORT_LINE * width
            if following and usual_gap:
                ends = ends or line.y - following.y > PARAGRAPH_GAP * usual_gap
            if ends or (following is None and text[-1:] in SENTENCE_END):
                yield from paragraph_end()
        notes += [
            Passage(
                mend.join(note),
                page=page_number,
                section=section,
                kind="note",
                cited_in=citers.get(mark_of(note[0])),
            )
            for note in foot
        ]
    yield from paragraph_end()


def footnotes(
    lines: list[Line], body_size: float | None
) -> tuple[list[Line], list[list[str]], set[Line]]:
    """The page's lines above its footnotes, each footnote's lines, and the marks in the text
    that cite them: the run of lines at the page's foot set smaller than its body text, from
    the first that opens with a mark (`1`, `*`), each note opening with one, each mark also
    set small, on a line of its own (a superscript), above. Small numbered lines whose
    numbers the text above does not raise so (a worksheet's) are text."""
    if not body_size:
        return lines, [], set()
    small = NOTE_SIZE * body_size
    start = len(lines)
    while start and lines[start - 1].size and lines[start - 1].size <= small:
        start -= 1
    while start < len(lines) and not NOTE_MARK.match(lines[start].text):
        start += 1
    notes: list[list[str]] = []
    for line in lines[start:]:
        if NOTE_MARK.match(line.text) or not notes:
            notes.append([])
        notes[-1].append(line.text)
    raised = {
        line
        for line in lines[:start]
        if line.size and line.size <= small and NOTE_MARK.fullmatch(line.text.strip())
    }
    if not notes or not {mark_of(note[0]) for note in notes} <= {mark_of(m.text) for m in raised}:
        return lines, [], set()
    return lines[:start], notes, raised


def mark_of(text: str) -> str:
    return NOTE_MARK.match(text).group().strip(" .)")


def is_page_number(text: str) -> bool:
    text = text.strip().strip("-–— ").strip()
    return text.isdigit() and len(text) <= 5
