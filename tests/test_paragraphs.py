"""Passages as a reader sees them: wrapped text read as paragraphs, broken words mended."""

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.build import build
from ingest.documents import ReadOptions
from ingest.paragraphs import blocks, is_hard_wrapped, text_passages
from ingest.sources import find_sources

from .conftest import ROOT, SEEDS

# A chapter of a book printed in 1869, as OCR text wrapped at its printed lines (tests/data).
WRAPPED_BOOK = ROOT / "tests" / "data" / "colonies_excerpt.txt"


def passages(text: str, mode: str = "auto") -> list[str]:
    return [passage.text for passage in text_passages(text, mode)]


def test_a_hard_wrapped_book_reads_as_its_paragraphs():
    text = WRAPPED_BOOK.read_text()
    lines = text.split("\n")
    found = list(text_passages(text))
    paragraphs = list(blocks(lines))
    assert is_hard_wrapped(lines)
    assert len(found) == len(paragraphs)
    assert [(p.line_number, p.last_line_number) for p in found] == [
        (first, last) for first, last, _ in paragraphs
    ]
    prose = [p for p in found if p.last_line_number - p.line_number >= 5]
    assert sum(len(p.text) for p in prose) / len(prose) > 1000
    # its words broken at the printed line's end are whole again
    joined = " ".join(p.text for p in found)
    for word in ("adventurers", "understanding", "emancipation", "buccaneers", "depredations"):
        assert re.search(rf"\b{word}\b", joined), word


def test_a_chapter_heading_is_the_section_of_what_follows_it():
    found = list(text_passages(WRAPPED_BOOK.read_text()))
    heading = next(i for i, p in enumerate(found) if p.text.startswith("CHAPTER"))
    assert {p.section for p in found[heading:]} == {"CHAPTER III."}
    assert {p.section for p in found[:heading]} == {None}


def test_the_seed_stays_one_passage_per_line():
    for path in SEEDS.glob("*.txt"):
        text = path.read_text()
        assert not is_hard_wrapped(text.split("\n"))
        assert passages(text) == [line for line in text.split("\n") if line.strip()]


def test_paragraph_and_line_modes_can_be_chosen():
    text = "First line\nof one paragraph.\n\nAnother.\n"
    assert passages(text, "paragraph") == ["First line of one paragraph.", "Another."]
    assert passages(text, "line") == ["First line", "of one paragraph.", "Another."]


@pytest.mark.parametrize(
    "wrapped, read",
    [
        ("the govern-\nment fell", "the government fell"),  # a common word
        ("the Sow-\njet side", "the Sowjet side"),  # a word of another language
        ("Count Rib-\nbentrop came", "Count Ribbentrop came"),  # parts that are no words
        ("a non-\naggression pact", "a non-aggression pact"),  # two words joined by a hyphen
        ("twenty-\nfive men", "twenty-five men"),
        ("the anti-\nSoviet bloc", "the anti-Soviet bloc"),  # a capital after the hyphen
        ("in 1939-\n1940 and", "in 1939-1940 and"),
        ("war --\nand peace", "war -- and peace"),  # a dash, not a broken word
    ],
)
def test_a_word_broken_at_a_lines_end_is_mended_where_the_whole_is_a_word(wrapped, read):
    assert passages(wrapped, "paragraph") == [read]


def test_the_document_decides_how_it_spells_a_broken_word():
    text = "The pre-\nwar years.\n\nAll the pre-war treaties.\n\nA war-\nfare of words; warfare."
    assert passages(text, "paragraph")[0] == "The pre-war years."
    assert passages(text, "paragraph")[2] == "A warfare of words; warfare."


def test_phrases_across_a_source_line_break_are_found_by_phrase_search(tmp_path):
    db_path = tmp_path / "book.db"
    build(find_sources([WRAPPED_BOOK]), db_path, ner=False, options=ReadOptions())
    with sqlite3.connect(db_path) as db:
        # `size  of` ends one printed line and `Great  Britain` begins the next
        hits = db.execute(
            "select line_number, last_line_number from passages_fts "
            "join passages on passages.id = passages_fts.rowid "
            "where passages_fts match '\"the size of Great Britain\"'"
        ).fetchall()
    assert len(hits) == 1 and hits[0][0] < hits[0][1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ab- \n\t.A1"), max_size=30), min_size=1, max_size=30)
)
def test_paragraphs_keep_every_character_but_spaces_and_mended_hyphens(pieces):
    text = "\n".join(pieces)
    kept = "".join("".join(passages(text, "paragraph")).split())
    source = "".join(text.split())
    assert kept.replace("-", "") == source.replace("-", "")
    assert len(kept) <= len(source)


@pytest.mark.timeout(60)
def test_long_paragraphs_and_long_lines_read_in_linear_time():
    many_lines = "word-\nbreak " * 200_000  # 200,000 lines of one paragraph, each broken
    one_line = "a-" * 1_000_000  # one 2 MB line of hyphens
    assert len(passages(many_lines, "paragraph")) == 1
    assert passages(one_line, "auto") == [one_line]
    assert is_hard_wrapped((("x" * 70 + " a\n") * 100_000).split("\n"))
