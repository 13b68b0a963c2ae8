"""Properties that hold for any input: nothing raises and every offset points at its text."""

import datetime
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.citations import clean_passage, collapse_whitespace
from ingest.dates import extract_dates
from ingest.documents import ReadOptions
from ingest.entities.spans import clean_span
from ingest.languages import entity_lexicon
from ingest.sources import read_documents

ENGLISH = entity_lexicon("en")

POINT_VALUE = r"(?:(?:-?\d{4}|XXXX)(?:-\d\d(?:-\d\d)?|-(?:SP|SU|FA|WI)|-W\d\d)?|\d{3}X|-?\d\d?)"
VALUE = re.compile(rf"{POINT_VALUE}(?:/{POINT_VALUE})?")
DATE_WORDS = [
    "1939",
    "1933",
    "34",
    "1920s",
    "March",
    "May",
    "September",
    "Sept.",
    "10",
    "17th",
    "31",
    "the",
    "end",
    "of",
    "early",
    "mid-",
    "late",
    "spring",
    "winter",
    "from",
    "to",
    "between",
    "and",
    "–",
    "-",
    "/",
    ",",
    "in",
    "1,200",
    "100,000",
    "tanks",
    "2013-03-22",
    "February",
    "29",
    "B.C.",
    "AD",
    "century",
    "nineteenth",
    "centuries",
]
date_like_text = st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join)
any_text = st.text(max_size=300)


@settings(max_examples=400)
@given(st.one_of(date_like_text, any_text))
def test_dates_point_at_their_text_and_have_ordered_parseable_bounds(text):
    for date in extract_dates(text):
        assert text[date.start : date.end] == date.text
        assert VALUE.fullmatch(date.value), date.value
        assert (date.earliest is None) == (date.latest is None)
        if date.earliest is not None:
            earliest, latest = iso_day(date.earliest), iso_day(date.latest)
            assert earliest <= latest
            assert (date.year_start, date.year_end) == (earliest[0], latest[0])


def iso_day(text: str) -> tuple[int, int, int]:
    """An ISO 8601 day, BC years with a minus sign (-1249-01-01), checked to exist."""
    year, month, day = re.fullmatch(r"(-?\d{4})-(\d\d)-(\d\d)", text).groups()
    # the proleptic Gregorian calendar repeats every 400 years
    datetime.date(2000 + int(year) % 400, int(month), int(day))
    return int(year), int(month), int(day)


marker_like_text = st.lists(
    st.sampled_from(
        [
            "[4]",
            "[citation needed]",
            "[",
            "]",
            "[[4]]",
            "[a]",
            "word",
            " ",
            "\t",
            "[note 3]",
            "\u200b",
            "é",
            "🙂",
            "[sic]",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=400)
@given(st.one_of(marker_like_text, any_text))
def test_clean_text_is_collapsed_and_markers_point_into_the_raw_line(raw):
    clean, citations = clean_passage(raw)
    assert clean == clean.strip() and "  " not in clean
    assert not re.search(r"\s", clean.replace(" ", ""))
    if not citations:
        assert clean == " ".join(raw.split())
    for citation in citations:
        written = raw[citation.raw_start : citation.raw_end]
        assert written in (f"[{citation.marker}]", f"[[{citation.marker}]]")
        assert 0 <= citation.char <= len(clean)


@settings(max_examples=400)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1fab.\u00a0\u2003é", max_size=30))
def test_prose_between_markers_has_each_run_of_whitespace_as_one_space(prose):
    # the ends kept, as one space each: the prose joins the clean text on either side
    assert collapse_whitespace(prose) == re.sub(r"\s+", " ", prose)


@given(any_text, st.data())
def test_span_clean_up_stays_inside_the_proposed_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    label = data.draw(st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW"]))
    for s, e in clean_span(ENGLISH, text, start, end, label):
        assert start <= s < e <= end


@settings(max_examples=100)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=200,
    )
)
def test_reader_keeps_every_non_empty_line(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("read") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    (document,) = read_documents(path, ReadOptions(passages="line"))
    lines = list(document.passages)
    numbered = enumerate(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")), 1)
    expected = [(number, line) for number, line in numbered if line.strip()]
    assert [(line.line_number, line.text) for line in lines] == expected
