"""PDFs read as a reader reads them, on real files (tests/data/pdf; sources in
tests/data/SOURCE.md): columns in reading order, running heads and page numbers left out,
footnotes as notes; and hostile files of every format refused with one line, in bounded time."""

import io
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.documents import ReadOptions, SourceFile
from ingest.errors import SourceError
from ingest.readers import epub, html, main_text, pdf, tei, word
from ingest.sources import find_sources, read_all

from .test_build import run_ingest

PDFS = Path(__file__).parent / "data" / "pdf"
IRS = PDFS / "irs-i1040nr-2007-pages-2-4.pdf"
DMCA = PDFS / "copyright-office-dmca-summary-pages-1-4.pdf"


def passages(reader, path: Path, data: bytes | None = None) -> list:
    data = path.read_bytes() if data is None else data
    return [p for d in reader.read(SourceFile(path, data), ReadOptions()) for p in d.passages]


def test_three_columns_are_read_one_after_another_and_sentences_found_whole():
    found = passages(pdf, IRS)
    texts = [" ".join(p.text.split()) for p in found]
    # (a sentence, the page it is on), read off the printed pages: some run across a column's
    # foot, two open with a run-in bold heading set apart from their line
    sentences = [
        (
            "Generally, you are treated as present in the United States on any day that you are "
            "physically present in the country at any time during the day.",
            1,
        ),
        (
            "You are considered a U.S. resident if you meet the substantial presence test for "
            "2007.",
            1,
        ),
        (
            "Form 1040NR-EZ. You may be able to use Form 1040NR-EZ if your only income from U.S. "
            "sources is wages, salaries, tips, taxable refunds of state and local income taxes, "
            "and scholarship or fellowship grants.",
            1,
        ),
        (
            "You are a resident for tax purposes if you were a lawful permanent resident "
            "(immigrant) of the United States at any time during 2007.",
            1,
        ),
        (
            "Other reporting requirements. If you meet the closer connection to a foreign country "
            "exception to the substantial presence test, you must file Form 8840.",
            1,
        ),
        (
            "If you meet all of the conditions listed earlier for the tax year, complete Form "
            "1040NR as follows.",
            2,
        ),
    ]
    for sentence, page in sentences:
        holding = [p for p, text in zip(found, texts, strict=True) if sentence in text]
        assert holding, sentence
        assert holding[0].page == page, sentence
    order = [
        next(i for i, t in enumerate(texts) if words in t)
        for words in (
            "Items to Note",
            "Resident Alien or",
            "Substantial Presence Test",
            "Who Must File",
        )
    ]
    assert order == sorted(order)  # first column, second, third


COLUMN_SENTENCES = [
    [
        "The treaty was signed in Rapallo on Easter Sunday, to the surprise of the delegations "
        "that had gathered in Genoa to talk about reparations.",
        "Neither side claimed the costs of the war from the other, and both took up "
        "diplomatic relations again within a few weeks of the signing.",
    ],
    [
        "In London and Paris the agreement was read as a breach of the creditors' common "
        "front, and the conference in Genoa never recovered from it.",
        "Trade between the two countries grew slowly in the years that followed, far less "
        "than either government had said it would in the spring.",
    ],
]


def papers_first_page() -> bytes:
    """A page set as a paper's first: its title across the page, two authors side by side
    and their address centred between them, across the gutter, then two columns."""
    page = FPDF(format="A4")
    page.add_page()
    page.set_font("Helvetica", size=16)
    page.set_xy(20, 20)
    page.cell(170, 8, "Rapallo and After: Two Governments Surprise Their Creditors", align="C")
    page.set_font("Helvetica", size=11)
    for x, author in ((40, "Erika Muster"), (130, "Max Beispiel")):
        page.set_xy(x, 34)
        page.cell(40, 6, author)
    page.set_xy(70, 44)
    page.multi_cell(70, 5, "Institute of Contemporary History\nLeopoldstrasse 1, Munich", align="C")
    for x, sentences in zip((20, 110), COLUMN_SENTENCES, strict=True):
        page.set_xy(x, 70)
        page.multi_cell(80, 5, " ".join(sentences))
    return bytes(page.output())


def test_a_papers_authors_set_across_the_gutter_leave_its_two_columns_apart():
    # as conference papers set their first page (pdfminer.six's sample naacl06-shinyama.pdf,
    # whose first page the reader read across the columns, line by line)
    found = passages(pdf, Path("paper.pdf"), papers_first_page())
    texts = [" ".join(p.text.split()) for p in found]
    places = [
        next((i for i, text in enumerate(texts) if sentence in text), None)
        for sentences in COLUMN_SENTENCES
        for sentence in sentences
    ]
    assert None not in places, texts
    assert places == sorted(places)  # the left column, then the right
    assert any("Erika Muster" in text for text in texts[: places[0]])


def test_running_heads_and_page_numbers_are_left_out_and_footnotes_are_notes():
    found = passages(pdf, DMCA)
    texts = [p.text for p in found]
    assert not any("Copyright Office Summary" in t and "December 1998" in t for t in texts)
    assert not any(t.strip() in ("Page 2", "Page 3") for t in texts)
    first, second = [p for p in found if p.kind == "note"]
    assert first.text == "1 Pub. L. No. 105-304, 112 Stat. 2860 (Oct. 28, 1998)."
    assert found[first.cited_in].text.startswith("The  Digital  Millennium  Copyright  Act")
    # its mark raised at the top of page 4, where a page number would stand, and its paragraph
    # begun on page 3
    assert (second.page, second.text[:30]) == (4, "2 “Copying” is used in this co")
    citing = found[second.cited_in]
    assert (citing.page, citing.text[:32]) == (3, "Section 1201 divides technologic")
    assert "unauthorized copying of" in " ".join(citing.text.split())
    # the paragraph running on across a page, its running foot and head between, is whole
    assert any("measures that prevent unauthorized copying" in " ".join(t.split()) for t in texts)
    irs = passages(pdf, IRS)
    assert not any(p.text.strip() == "Instructions for Form 1040NR" for p in irs)
    assert not any(p.text.strip().startswith("-2-") for p in irs)


def zip_bomb(names: list[str]) -> bytes:
    """A zip whose first member unpacks 64 MiB of zeros from 64 KiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(names[0], bytes(64 << 20))
        for name in names[1:]:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaa">\n'
    + b"".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 20}">\n'.encode()
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + b']>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&i;</p></body></text></TEI>'
)


def external_entity(secret: Path) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://{secret}">'
        '<!ENTITY n SYSTEM "http://127.0.0.1:9/x">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Read &s; and &n;.</p>'
        "</body></text></TEI>"
    ).encode()


def word_with_external_entity(secret: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY s SYSTEM "file://{secret}">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&s;</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def looping_pdf() -> bytes:
    made = FPDF()
    made.add_page()
    made.set_font("helvetica", size=12)
    made.cell(0, 10, "A page whose tree loops.")
    data = bytes(made.output())
    return data.replace(b"/Kids [3 0 R]", b"/Kids [1 0 R]")


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name, make, problem",
    [
        ("bomb.docx", lambda s: zip_bomb(["word/document.xml", "[Content_Types].xml"]), "zip bomb"),
        (
            "bomb.epub",
            lambda s: zip_bomb(["EPUB/text.xhtml", "META-INF/container.xml"]),
            "zip bomb",
        ),
        ("laughs.xml", lambda s: BILLION_LAUGHS, "amplification"),
        ("entity.xml", external_entity, "external entities are never read"),
        ("entity.docx", word_with_external_entity, "declares a DTD"),
        ("deep.html", lambda s: b"<html><body>" + b"<div>" * 100_000 + b"x", "nested 100,000 deep"),
        ("loop.pdf", lambda s: looping_pdf(), "cyclic page references"),
    ],
)
def test_hostile_files_are_one_error_in_bounded_time_and_the_database_is_untouched(
    write_sources, tmp_path, name, make, problem
):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-PASSWORD")
    db_path = tmp_path / "c.db"
    assert run_ingest(write_sources({"a.txt": "Berlin.\n"}), "--db", db_path).returncode == 0
    before = db_path.read_bytes()
    folder = write_sources({"a.txt": "Moscow.\n", name: make(secret)}, name="hostile")
    started = time.monotonic()
    result = run_ingest(folder, "--db", db_path, "--no-ner")
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: {folder / name}") and problem in result.stderr
    assert "SECRET" not in result.stderr + result.stdout
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "reader, name, data, problem",
    [
        (epub, "t.epub", b"PK\x03\x04 truncated", "a damaged EPUB"),
        (epub, "t.epub", b"plain words", "not an EPUB file"),
        (tei, "t.xml", b"<TEI><text><p>unclosed", "not well-formed TEI XML"),
        (tei, "t.xml", b"<mets/>", "root is <mets>, not a TEI document"),
        (word, "t.docx", b"PK\x03\x04 truncated", "a damaged .docx"),
        (pdf, "t.pdf", b"%PDF-1.4 truncated", "a damaged PDF"),
    ],
)
def test_a_damaged_file_of_every_new_format_is_one_error_naming_it(reader, name, data, problem):
    with pytest.raises(SourceError, match=problem) as raised:
        passages(reader, Path(name), data)
    assert str(raised.value).startswith(name)


def test_the_zip_bomb_check_leaves_real_archives_alone():
    editions = Path(__file__).parent / "data" / "editions"
    assert passages(epub, editions / "pepys-diary-january-1660.epub")
    for name in ("mammoth-footnotes.docx", "mammoth-endnotes.docx"):
        assert passages(word, editions / name)


def test_html_nesting_is_measured_in_time_linear_in_the_page():
    started = time.perf_counter()
    assert html.deepest_nesting(b"<div>" * 200_000 + b"</div>" * 200_000) == 200_000
    assert html.deepest_nesting(b"<span>x</span>" * 200_000) == 1
    assert time.perf_counter() - started < 5


PAGE_PIECES = st.sampled_from(
    [
        "<div>", "</div>", "<span>", "<DIV class=x>", "</", "<", "charset", "charset=", "<meta ",
        "<META", ">", " = ", '"', "utf-8", "\t", "1", "12.", "*", "†", " ", ")", "a", "shar",
        "social", "date", "time", "meta-", "reading",
    ]
)  # fmt: skip


@pytest.mark.timeout(300)
@settings(max_examples=200, deadline=None)
@given(st.lists(PAGE_PIECES, max_size=40), st.integers(1, 2000))
def test_the_readers_patterns_take_time_linear_in_the_page(pieces, repeat):
    text = "".join(pieces) * repeat
    data = text.encode()
    started = time.perf_counter()
    html.deepest_nesting(data)
    html.DECLARED_CHARSET.search(data[:4096])
    pdf.NOTE_MARK.match(text)
    pdf.NOTE_MARK.fullmatch(text)
    main_text.HEAD_LEFT_OUT.search(text)
    html.HTML_TAG.search(text)
    assert time.perf_counter() - started < 2


@pytest.fixture
def laid_by(monkeypatch, tmp_path) -> Path:
    """A file to which each page's layout writes the id of the process laying it out; a
    run of pages is one page."""
    record = tmp_path / "pids"
    page_lines = pdf.page_lines

    def recorded(page):
        with record.open("a") as pids:
            pids.write(f"{os.getpid()}\n")
        return page_lines(page)

    monkeypatch.setattr(pdf, "page_lines", recorded)
    monkeypatch.setattr(pdf, "PAGES_A_TASK", 1)
    return record


def laid_out_by_two_workers(record: Path) -> bool:
    pids = record.read_text().split()
    return len(pids) == 4 and len(set(pids)) == 2 and str(os.getpid()) not in pids


def test_a_long_pdf_is_laid_out_in_processes_a_run_of_pages_each(laid_by):
    """A long PDF's pages are laid out by worker processes, a run each, and read as one
    process reads them: the same passages, pages, headings and notes."""
    source = SourceFile(DMCA, DMCA.read_bytes())
    alone = [p for d in pdf.read(source, ReadOptions()) for p in d.passages]
    assert set(laid_by.read_text().split()) == {str(os.getpid())}
    laid_by.unlink()
    in_workers = [p for d in pdf.read(source, ReadOptions(workers=2)) for p in d.passages]
    assert in_workers == alone and len({p.page for p in alone}) == 4
    assert laid_out_by_two_workers(laid_by)


def test_a_long_pdf_among_files_read_whole_is_laid_out_a_run_of_pages_to_a_task(
    laid_by, monkeypatch, tmp_path
):
    """Among other files read ahead in worker processes, a PDF that would keep one of them
    busy long after the rest is laid out by all of them, a run of pages to a task, and read
    as one process reads it."""
    alone = passages(pdf, DMCA)
    laid_by.unlink()
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    shutil.copy(DMCA, shelf / "dmca.pdf")
    shutil.copy(
        Path(__file__).parent / "data" / "pages" / "wikimediafoundation.org.turkey.html", shelf
    )
    book, page = read_all(find_sources([shelf]), ReadOptions())
    assert book.passages == alone and page.filename.endswith(".html")
    assert laid_out_by_two_workers(laid_by)
