import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.citations import clean_passage


@pytest.mark.parametrize(
    "raw, text, markers",
    [
        ("[4] A variety of theses exist.", "A variety of theses exist.", ["4"]),
        ("It failed.[86][87] Then", "It failed. Then", ["86", "87"]),
        ("[citation needed] Relying on", "Relying on", ["citation needed"]),
        ("a note[a] and another[note 3].", "a note and another.", ["a", "note 3"]),
        ("His view,[183] supported by Watson[97]", "His view, supported by Watson", ["183", "97"]),
        ("  spaced \t out   text  ", "spaced out text", []),
        ("aims.Historian stays as written", "aims.Historian stays as written", []),
        ("a quotation [sic] and [the treaty] stay", "a quotation [sic] and [the treaty] stay", []),
        ("Who did it?[who?]", "Who did it?", ["who?"]),
    ],
)
def test_markers_are_removed_and_listed_in_order(raw, text, markers):
    clean, citations = clean_passage(raw)
    assert clean == text
    assert [c.marker for c in citations] == markers


def test_markers_remember_where_they_stood():
    raw = "Before[4] after [5]"
    clean, citations = clean_passage(raw)
    assert clean == "Before after"
    assert [(c.char, raw[c.raw_start : c.raw_end]) for c in citations] == [(6, "[4]"), (12, "[5]")]


def test_a_line_of_markers_only_has_empty_text():
    assert clean_passage("[1][2]") == ("", clean_passage("[1][2]")[1])
    assert [c.marker for c in clean_passage("[1][2]")[1]] == ["1", "2"]


@given(st.text(st.characters(max_codepoint=127).filter(lambda c: c != "[")))
def test_a_line_without_markers_is_its_words_one_space_apart(raw):
    assert clean_passage(raw)[0] == " ".join(raw.split())


@pytest.mark.parametrize("space", [c for c in map(chr, range(128)) if c.isspace()])
def test_every_ascii_space_between_words_is_one_space(space):
    assert clean_passage(f"a{space}b")[0] == "a b"
    assert clean_passage(f"a {space}b")[0] == "a b"
