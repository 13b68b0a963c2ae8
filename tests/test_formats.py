"""Documents of every format read, built together, with their metadata; bad input is one line."""

import datetime
import json
import sqlite3

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from .test_build import run_ingest

PDF_PARAGRAPHS = [
    "The delegation reached Genoa in the spring and found the conference divided over the "
    "debts of the old empire, which the new government refused to recognise in any form.",
    "Talks at the villa continued through the night, and by morning the two delegations had "
    "agreed to renounce their claims against each other and to resume full relations.",
]


def write_pdf(path, pages=2):
    pdf = FPDF()
    pdf.set_title("Notes from Genoa")
    pdf.set_author("Ada Lindqvist")
    pdf.set_creation_date(datetime.datetime(1998, 5, 4, tzinfo=datetime.UTC))
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"Part {page}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for paragraph in PDF_PARAGRAPHS:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))


def write_docx(path):
    document = docx.Document()
    document.core_properties.title = "Memorandum on the air school"
    document.core_properties.author = "Piet Hollander"
    document.core_properties.created = datetime.datetime(1927, 2, 1)
    document.core_properties.identifier = "RH 2/2207"
    document.add_heading("The school at the lake", level=1)
    document.add_paragraph("Forty pilots trained there in 1927.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "1928", "sixty pilots"
    document.save(path)


MARKDOWN = """---
title: A Diary of the Conference
author: Mara Kestrel
date: 1922-04-17
archive signature: Nachlass K 4/12
---
# Easter Monday

We heard of the [agreement](https://example.org/a) at *breakfast* and the
news went round the hotel be-
fore noon.
"""

HTML = """<!DOCTYPE html><html><head><title>The conference at Genoa</title>
<meta name="author" content="Oskar Brandt"><meta name="dc.date" content="3 May 1922">
<meta name="dc.publisher" content="Weekly Review">
<link rel="canonical" href="https://example.org/genoa"><script>var x = "<p>code</p>";</script>
</head><body><nav><a href="/">Home</a> <a href="/archive">Archive</a></nav>
<header><p>Weekly Review, issue 18</p></header>
<article><h1>What Genoa settled</h1><p>Nothing was settled, the delegates said,<br>
except what two of them settled alone.</p><h2>The debts</h2><p>The debts remained.</p></article>
<footer><p>All rights reserved</p></footer></body></html>
"""

JSONL = [
    {
        "text": "The ambassador called at noon.\n\nHe left at two.",
        "title": "Telegram 14",
        "date": "1926-04-24",
        "url": "https://example.org/t14",
        "folder": "F 12",
    },
    {"text": "A second telegram.", "title": "Telegram 15", "sender": "Embassy"},
]

CSV = (
    "title,author,date,text,box\n"
    'Letter to the editor,R. Vance,1939-08-24,"Sir,\n\nThe news of the pact surprised no one.",B3\n'
)


@pytest.fixture
def corpus_folder(write_sources):
    folder = write_sources(
        {
            "diary.md": MARKDOWN,
            "review.html": HTML,
            "telegrams.jsonl": "\n".join(json.dumps(record) for record in JSONL) + "\n",
            "letters.csv": CSV,
            "documents.csv": "filename,title,date,box\n"
            "notes.pdf,Notes from Genoa (second draft),,Box 9\n"
            "telegrams.jsonl#2,,25 April 1926,\n",
            "scan.tiff": b"II*\x00",
        }
    )
    write_pdf(folder / "notes.pdf")
    write_docx(folder / "memo.docx")
    return folder


def test_every_format_builds_with_its_text_metadata_sections_and_pages(corpus_folder, tmp_path):
    db_path = tmp_path / "corpus.db"
    result = run_ingest(corpus_folder, "--db", db_path, "--no-ner")
    assert result.returncode == 0, result.stderr
    assert f"note: {corpus_folder / 'scan.tiff'}: skipped" in result.stderr
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    documents = {row["filename"]: dict(row) for row in db.execute("select * from documents")}
    assert sorted(documents) == [
        "diary.md", "letters.csv#1", "memo.docx", "notes.pdf", "review.html",
        "telegrams.jsonl#1", "telegrams.jsonl#2",
    ]  # fmt: skip

    def described(filename):
        row = documents[filename]
        extra = json.loads(row["extra"]) if row["extra"] else {}
        return row["title"], row["author"], row["date"], row["url"], extra

    assert described("diary.md") == (
        "A Diary of the Conference", "Mara Kestrel", "1922-04-17", None,
        {"archive signature": "Nachlass K 4/12"},
    )  # fmt: skip
    assert described("review.html") == (
        "The conference at Genoa", "Oskar Brandt", "1922-05-03", "https://example.org/genoa",
        {"dc.publisher": "Weekly Review"},
    )  # fmt: skip
    assert described("notes.pdf") == (
        "Notes from Genoa (second draft)",
        "Ada Lindqvist",
        "1998-05-04",
        None,
        {"box": "Box 9"},
    )
    assert described("memo.docx")[:3] == (
        "Memorandum on the air school",
        "Piet Hollander",
        "1927-02-01",
    )
    assert described("memo.docx")[4]["identifier"] == "RH 2/2207"
    assert described("telegrams.jsonl#1") == (
        "Telegram 14",
        None,
        "1926-04-24",
        "https://example.org/t14",
        {"folder": "F 12"},
    )
    assert described("telegrams.jsonl#2") == (
        "Telegram 15",
        None,
        "1926-04-25",
        None,
        {"sender": "Embassy"},
    )
    assert described("letters.csv#1") == (
        "Letter to the editor",
        "R. Vance",
        "1939-08-24",
        None,
        {"box": "B3"},
    )
    # every other field can be queried
    assert [
        row["filename"]
        for row in db.execute("select filename from documents where extra ->> 'box' = 'Box 9'")
    ] == ["notes.pdf"]

    def passages(filename, *columns):
        return [
            tuple(row)
            for row in db.execute(
                f"select {', '.join(columns)} from passages join documents "
                "on documents.id = document_id where filename = ? order by position",
                [filename],
            )
        ]

    assert passages("diary.md", "text", "section", "line_number", "last_line_number") == [
        ("Easter Monday", "Easter Monday", 7, 7),
        (
            "We heard of the agreement at breakfast and the news went round the hotel "
            "before noon.",
            "Easter Monday", 9, 11,
        ),
    ]  # fmt: skip
    assert passages("review.html", "text", "section") == [
        ("What Genoa settled", "What Genoa settled"),
        (
            "Nothing was settled, the delegates said, except what two of them settled alone.",
            "What Genoa settled",
        ),
        ("The debts", "The debts"),
        ("The debts remained.", "The debts"),
    ]
    assert passages("notes.pdf", "text", "page", "section") == [
        (text, page, f"Part {page}")
        for page in (1, 2)
        for text in (f"Part {page}", *PDF_PARAGRAPHS)
    ]
    assert passages("memo.docx", "text", "section") == [
        ("The school at the lake", "The school at the lake"),
        ("Forty pilots trained there in 1927.", "The school at the lake"),
        ("1928; sixty pilots", "The school at the lake"),
    ]
    assert passages("telegrams.jsonl#1", "text") == [
        ("The ambassador called at noon.",),
        ("He left at two.",),
    ]
    assert passages("letters.csv#1", "text") == [
        ("Sir,",),
        ("The news of the pact surprised no one.",),
    ]


def test_a_document_list_naming_no_document_is_a_warning(write_sources, tmp_path):
    folder = write_sources({"a.txt": "One.\n", "documents.csv": "filename,title\nb.txt,Bee\n"})
    result = run_ingest(folder, "--db", tmp_path / "c.db", "--no-ner")
    assert result.returncode == 0
    assert "documents.csv, line 2: no document is named b.txt" in result.stderr


def broken_pdf(folder):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n" + b"\x8f" * 500)


def encrypted_pdf(folder):
    write_pdf(folder / "plain.pdf", pages=1)
    writer = PdfWriter(clone_from=folder / "plain.pdf")
    writer.encrypt("a password")
    writer.write(folder / "locked.pdf")
    (folder / "plain.pdf").unlink()


@pytest.mark.parametrize(
    "make, name, problem",
    [
        (broken_pdf, "broken.pdf", "a damaged PDF"),
        (encrypted_pdf, "locked.pdf", "encrypted with a password"),
        (lambda f: (f / "memo.docx").write_text("plain text"), "memo.docx", "not a .docx file"),
        (
            lambda f: (f / "t.jsonl").write_text('{"text": "a"}\n{"text": \n'),
            "t.jsonl",
            "line 2: not valid JSON",
        ),
        (
            lambda f: (f / "t.jsonl").write_text('{"title": "no text"}\n'),
            "t.jsonl",
            "line 1: the record has no text field",
        ),
        (lambda f: (f / "t.csv").write_text("title,body\na,b\n"), "t.csv", "has no text column"),
        (
            lambda f: (f / "t.md").write_text("---\ntitle: [unclosed\n---\nText.\n"),
            "t.md",
            "front matter is not valid YAML",
        ),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_the_database_is_untouched(
    write_sources, tmp_path, make, name, problem
):
    db_path = tmp_path / "c.db"
    assert run_ingest(write_sources({"a.txt": "Berlin.\n"}), "--db", db_path).returncode == 0
    before = db_path.read_bytes()
    folder = write_sources({"a.txt": "Moscow.\n"}, name="bad")
    make(folder)
    result = run_ingest(folder, "--db", db_path, "--no-ner")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: {folder / name}") and problem in result.stderr
    assert db_path.read_bytes() == before


def test_a_document_with_no_text_is_a_warning(write_sources, tmp_path):
    folder = write_sources({"a.txt": "Berlin.\n", "empty.html": "<html><script>x()</script>"})
    result = run_ingest(folder, "--db", tmp_path / "c.db", "--no-ner")
    assert result.returncode == 0
    assert "warning: " in result.stderr and "empty.html has no text" in result.stderr
    assert "2 documents, 1 passages" in result.stdout
