"""Each reader on a source made in memory: the passages and metadata it gives."""

import io
import json
import time
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.documents import ReadOptions, SourceFile
from ingest.errors import SourceError
from ingest.readers import html, markdown, pdf, plain, records, word
from ingest.readers.markdown import without_template_tags


def read(reader, name: str, data: bytes, **options) -> list:
    """The documents the reader gives, their passages (which readers may give lazily) read."""
    documents = list(reader.read(SourceFile(Path(name), data), ReadOptions(**options)))
    for document in documents:
        document.passages = list(document.passages)
    return documents


def texts(document) -> list[str]:
    return [passage.text for passage in document.passages]


def test_plain_text_lines_and_wrapped_paragraphs():
    (lines,) = read(plain, "a.txt", b"Moscow, 1939.\r\nBerlin, 1940.\n")
    assert (lines.filename, lines.format, texts(lines)) == (
        "a.txt",
        "text",
        ["Moscow, 1939.", "Berlin, 1940."],
    )
    wrapped = b"The talks in Moscow\nwent on for weeks.\n\nThen the pact\nwas signed.\n"
    (paragraphs,) = read(plain, "b.txt", wrapped, passages="paragraph")
    assert texts(paragraphs) == [
        "The talks in Moscow went on for weeks.",
        "Then the pact was signed.",
    ]
    assert [(p.line_number, p.last_line_number) for p in paragraphs.passages] == [(1, 2), (4, 5)]


def test_plain_text_in_another_encoding_and_a_wrong_one():
    (document,) = read(plain, "a.txt", "Weizsäcker\n".encode("latin-1"), encoding="latin-1")
    assert texts(document) == ["Weizsäcker"]
    with pytest.raises(SourceError, match=r"a.txt: not valid utf-8-sig text: byte 0xe4 at line 1"):
        read(plain, "a.txt", "Weizsäcker\n".encode("latin-1"))


def test_markdown_front_matter_sections_and_lines():
    source = (
        b"---\ntitle: Rapallo\nauthor: A. Historian\n---\n# The treaty\n\nSigned in *April* 1922.\n"
    )
    (document,) = read(markdown, "r.md", source)
    assert document.metadata == {"title": "Rapallo", "author": "A. Historian"}
    body = [p for p in document.passages if p.text == "Signed in April 1922."]
    assert body and body[0].section == "The treaty" and body[0].line_number == 7


@pytest.mark.parametrize(
    "front_matter",
    [
        "author: Jane Doe; John Smith",  # Jekyll
        "authors:\n- Jane Doe\n- John Smith",  # Programming Historian lessons
        'authors: ["Jane Doe", "John Smith"]',  # Hugo
        "author:\n  - name: Jane Doe\n    affiliation: Uni\n  - name:\n      given: John"
        "\n      family: Smith",  # Quarto
    ],
)
def test_markdown_authors_in_every_front_matter_form(front_matter):
    source = f"---\ntitle: Rapallo\n{front_matter}\n---\nSigned in 1922.\n".encode()
    (document,) = read(markdown, "r.md", source)
    assert document.metadata == {"title": "Rapallo", "author": "Jane Doe; John Smith"}


def test_markdown_template_tags_are_no_text_but_code_keeps_them():
    source = (
        b"Signed at Rapallo {{ site.baseurl }}in 1922.\n\n"
        b'{% include figure.html filename="map.png" caption="100% of the border" %}\n\n'
        b"```\n{% raw %}{{ page.title }}{% endraw %}\n```\n"
    )
    (document,) = read(markdown, "r.md", source)
    assert texts(document) == [
        "Signed at Rapallo in 1922.",
        "{% raw %}{{ page.title }}{% endraw %}\n",
    ]


@pytest.mark.timeout(600)
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{%}x ", max_size=2000))
def test_template_tags_come_out_in_time_linear_in_the_text(text):
    long = text * 200
    started = time.perf_counter()
    without_template_tags(long)
    assert time.perf_counter() - started < 2


def test_html_main_text_without_navigation_and_with_its_metadata():
    page = (
        b"<html><head><title>Pact</title><meta name='author' content='A. Writer'></head><body>"
        b"<nav>Home | About</nav><p>The pact was signed in <b>Moscow</b>.</p>"
        b"<footer>Copyright</footer></body></html>"
    )
    (document,) = read(html, "p.html", page)
    assert texts(document) == ["The pact was signed in Moscow."]
    assert document.metadata["title"] == "Pact" and document.metadata["author"] == "A. Writer"


def test_pdf_paragraphs_across_wrapped_lines():
    made = FPDF()
    made.add_page()
    made.set_font("helvetica", size=12)
    made.multi_cell(
        100, 6, "The delegations met in Moscow in August 1939 and talked for many hours."
    )
    (document,) = read(pdf, "t.pdf", bytes(made.output()))
    assert texts(document) == [
        "The delegations met in Moscow in August 1939 and talked for many hours."
    ]
    assert document.passages[0].page == 1
    with pytest.raises(SourceError, match="t.pdf: not a PDF"):
        read(pdf, "t.pdf", b"plain words")


def test_word_paragraphs_headings_and_table_rows():
    made = docx.Document()
    made.add_heading("Talks", level=1)
    made.add_paragraph("The talks began in 1939.")
    table = made.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Molotov", "Moscow"
    buffer = io.BytesIO()
    made.save(buffer)
    (document,) = read(word, "w.docx", buffer.getvalue())
    assert ("The talks began in 1939.", "Talks") in [(p.text, p.section) for p in document.passages]
    assert any("Molotov" in text and "Moscow" in text for text in texts(document))
    with pytest.raises(SourceError, match="w.docx: not a .docx file"):
        read(word, "w.docx", b"plain words")


def test_records_one_document_each_with_the_other_fields_as_metadata():
    lines = [{"text": "Berlin, 1939.", "title": "Letter", "box": 4}, {"text": "Moscow."}]
    jsonl = "\n".join(json.dumps(line) for line in lines).encode()
    first, second = read(records, "l.jsonl", jsonl)
    assert (first.filename, texts(first), first.metadata) == (
        "l.jsonl#1",
        ["Berlin, 1939."],
        {"title": "Letter", "box": 4},
    )
    assert second.filename == "l.jsonl#2"
    (row,) = read(records, "l.csv", b"text,author\nRiga in 1920.,Someone\n")
    assert (texts(row), row.metadata) == (["Riga in 1920."], {"author": "Someone"})
    with pytest.raises(SourceError, match=r"l.jsonl, line 2: not valid JSON"):
        read(records, "l.jsonl", b'{"text": "a"}\n{broken\n')
