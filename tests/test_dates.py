import re

import pytest

from ingest.dates import extract_dates


def only(text):
    dates = extract_dates(text)
    assert len(dates) == 1, dates
    d = dates[0]
    return d.text, d.value, d.earliest, d.latest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on March 10, 1939, he", ("March 10, 1939", "1939-03-10", "1939-03-10", "1939-03-10")),
        ("on 10 March 1939 he", ("10 March 1939", "1939-03-10", "1939-03-10", "1939-03-10")),
        ("in September 1934.", ("September 1934", "1934-09", "1934-09-01", "1934-09-30")),
        ("in February 1940", ("February 1940", "1940-02", "1940-02-01", "1940-02-29")),
        ("in 1925, several", ("1925", "1925", "1925-01-01", "1925-12-31")),
        ("In 1933–34 the", ("1933–34", "1933/1934", "1933-01-01", "1934-12-31")),
        ("in 1935–1936, when", ("1935–1936", "1935/1936", "1935-01-01", "1936-12-31")),
        ("from 1935 to 1936", ("1935 to 1936", "1935/1936", "1935-01-01", "1936-12-31")),
        ("between 1936 and 1938", ("1936 and 1938", "1936/1938", "1936-01-01", "1938-12-31")),
        (
            "on 12–13 November 1940",
            ("12–13 November 1940", "1940-11-12/1940-11-13", "1940-11-12", "1940-11-13"),
        ),
        (
            "from 26 May to 4 June 1940",
            ("26 May to 4 June 1940", "1940-05-26/1940-06-04", "1940-05-26", "1940-06-04"),
        ),
        (
            "until the end of July 1939 – August 1939 that",
            ("end of July 1939 – August 1939", "1939-07/1939-08", "1939-07-01", "1939-08-31"),
        ),
        ("in the 1920s, in", ("1920s", "192X", "1920-01-01", "1929-12-31")),
        ("the early 1930s", ("early 1930s", "193X", "1930-01-01", "1939-12-31")),
        ("in the spring of 1940", ("spring of 1940", "1940-SP", "1940-03-01", "1940-05-31")),
        ("the winter of 1939", ("winter of 1939", "1939-WI", "1939-12-01", "1940-02-29")),
        ("already on September 17 the", ("September 17", "XXXX-09-17", None, None)),
        ("after 1933 to ethnic links", ("1933", "1933", "1933-01-01", "1933-12-31")),
    ],
)
def test_forms_of_the_guidelines(text, expected):
    assert only(text) == expected


def test_a_list_is_several_dates():
    assert [d.value for d in extract_dates("in 1930 and 1931, a deluge")] == ["1930", "1931"]


@pytest.mark.parametrize(
    "text",
    [
        "limited to 100,000 men",
        "some 1,200 tanks",
        "1200 tanks crossed",
        "the 18th Party Congress",
        "four months later",
        "a ten-hour ultimatum",
        "shortly before midnight",
        "the following year",
        "in August the talks",
        "you may march on",
        "Resolution 1441 was passed",
        "a population of 1500 people",
        "1200–1500 tanks",
        "at 1930 hours",
    ],
)
def test_what_is_not_a_date(text):
    assert extract_dates(text) == []


def test_modifier_and_precision_are_recorded():
    (date,) = extract_dates("by late 1939 it")
    assert (date.text, date.modifier, date.precision) == ("late 1939", "late", "year")
    (decade,) = extract_dates("the mid-1930s")
    assert (decade.text, decade.modifier, decade.precision) == ("mid-1930s", "mid", "decade")


def test_a_range_whose_first_month_is_later_starts_the_year_before():
    (date,) = extract_dates("from December to February 1940")
    assert (date.earliest, date.latest) == ("1939-12-01", "1940-02-29")


def test_two_dates_out_of_order_are_not_a_range():
    dates = extract_dates("1939 – March 1933")
    assert [(d.text, d.value) for d in dates] == [("1939", "1939"), ("March 1933", "1933-03")]


def test_a_day_that_does_not_exist_leaves_its_month():
    assert [d.value for d in extract_dates("on 31 February 1939")] == ["1939-02"]


def test_an_iso_month_that_is_not_a_range_leaves_its_year():
    assert [d.value for d in extract_dates("in 1939-03 it")] == ["1939"]


def test_a_winter_spans_the_turn_of_the_year():
    (date,) = extract_dates("in the winter of 1941–42 the")
    assert (date.text, date.value, date.earliest, date.latest) == (
        "winter of 1941–42",
        "1941-WI",
        "1941-12-01",
        "1942-02-28",
    )


def test_a_yearless_day_that_the_range_year_lacks_is_not_a_range():
    assert [d.value for d in extract_dates("February 29 to 1939")] == ["XXXX-02-29", "1939"]


@pytest.mark.parametrize(
    "text, span",
    [
        ("The chapel was built c. 1517 by the guild.", "c. 1517"),
        ("A map drawn c.1517 survives.", "c.1517"),
        ("Circa 1500, the town had a wall.", "Circa 1500"),
        ("The bridge dates from ca. 1480.", "ca. 1480"),
        ("The charter, circa March 1312, is lost.", "circa March 1312"),
    ],
)
def test_a_circa_marker_is_in_the_span_and_makes_the_date_approximate(text, span):
    (date,) = extract_dates(text)
    year = int(re.search(r"\d{4}", span).group())
    assert (date.text, date.modifier, date.year_start, date.year_end) == (
        span,
        "approx",
        year,
        year,
    )


@pytest.mark.parametrize("text", ["Acme Inc. 1939 annual report", "and so on, etc. 1939 again"])
def test_a_word_ending_in_c_is_no_circa_marker(text):
    (date,) = extract_dates(text)
    assert (date.text, date.modifier) == ("1939", None)
