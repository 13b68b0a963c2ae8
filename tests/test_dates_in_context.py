"""Dates beyond the seed's forms: eras, centuries and millennia, and dates whose year comes from
the text before them or from the document's own date (guidelines, "Dates in context" and "Eras,
centuries, circa")."""

import csv
import sqlite3
from itertools import cycle
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ingest.build import build
from ingest.catalogue import Catalogue, find_catalogues
from ingest.dated_batches import Narratives, resolve_batch
from ingest.dates import DateContext, extract_dates, find_dates
from ingest.paragraphs import text_passages
from ingest.passages import PassageAsSent
from ingest.sources import find_sources
from ingest.timeline import Timeline

from .test_dates import only

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("built in 1250 B.C. by", ("1250 B.C.", "-1249", "-1249-01-01", "-1249-12-31")),
        ("Caesar died in 44 BC.", ("44 BC", "-0043", "-0043-01-01", "-0043-12-31")),
        ("in 1 BC the", ("1 BC", "0000", "0000-01-01", "0000-12-31")),
        ("about 2500 BCE a", ("2500 BCE", "-2499", "-2499-01-01", "-2499-12-31")),
        ("by 10,000 B.C. men", ("10,000 B.C.", "-9999", "-9999-01-01", "-9999-12-31")),
        ("in A.D. 650 the", ("A.D. 650", "0650", "0650-01-01", "0650-12-31")),
        ("in AD 79 Vesuvius", ("AD 79", "0079", "0079-01-01", "0079-12-31")),
        ("in 1066 AD the", ("1066 AD", "1066", "1066-01-01", "1066-12-31")),
        ("in 1939 CE the", ("1939 CE", "1939", "1939-01-01", "1939-12-31")),
        ("on 15 March 44 BC he", ("15 March 44 BC", "-0043-03-15", "-0043-03-15", "-0043-03-15")),
        (
            "from 6000 B.C. to A.D. 196 the",
            ("6000 B.C. to A.D. 196", "-5999/0196", "-5999-01-01", "0196-12-31"),
        ),
        ("in 500–400 BC the", ("500–400 BC", "-0499/-0399", "-0499-01-01", "-0399-12-31")),
        (
            "from 3000 to 2500 B.C. the",
            ("3000 to 2500 B.C.", "-2999/-2499", "-2999-01-01", "-2499-12-31"),
        ),
        (
            "between 550 and 330 B.C. Persia",
            ("550 and 330 B.C.", "-0549/-0329", "-0549-01-01", "-0329-12-31"),
        ),
        ("(664-610 B.C.) Egypt", ("664-610 B.C.", "-0663/-0609", "-0663-01-01", "-0609-12-31")),
    ],
)
def test_eras(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in the nineteenth century", ("nineteenth century", "18", "1800-01-01", "1899-12-31")),
        ("in the 19th century", ("19th century", "18", "1800-01-01", "1899-12-31")),
        ("a nineteenth-century novel", ("nineteenth-century", "18", "1800-01-01", "1899-12-31")),
        ("the Twentieth Century", ("Twentieth Century", "19", "1900-01-01", "1999-12-31")),
        ("the twenty-first century", ("twenty-first century", "20", "2000-01-01", "2099-12-31")),
        ("the early 20th century", ("early 20th century", "19", "1900-01-01", "1999-12-31")),
        ("the fifth century B.C.", ("fifth century B.C.", "-04", "-0499-01-01", "-0400-12-31")),
        ("the first century BC", ("first century BC", "-00", "-0099-01-01", "0000-12-31")),
        ("the first millennium BC", ("first millennium BC", "-0", "-0999-01-01", "0000-12-31")),
        ("the 2nd millennium", ("2nd millennium", "1", "1000-01-01", "1999-12-31")),
        ("in the 1800s the", ("1800s", "18", "1800-01-01", "1899-12-31")),
        (
            "the fourteenth and fifteenth centuries",
            ("fourteenth and fifteenth centuries", "13/14", "1300-01-01", "1499-12-31"),
        ),
        (
            "late 4th–2nd century B.C. coins",
            ("late 4th–2nd century B.C.", "-03/-01", "-0399-01-01", "-0100-12-31"),
        ),
    ],
)
def test_centuries_and_millennia(text, expected):
    assert only(text) == expected


def test_a_modifier_or_circa_marker_in_brackets_is_in_the_span():
    texts = ["(circa 1,600 B.C.)", "(early 1939)", "(c. 1517)"]
    assert [(d.text, d.modifier) for t in texts for d in extract_dates(t)] == [
        ("circa 1,600 B.C.", "approx"),
        ("early 1939", "early"),
        ("c. 1517", "approx"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "in 43 the legion",  # no era: a count
        "for many centuries the",
        "the first centuries of the era",
        "the fifth and third centuries",  # out of order: no one period
        "a thousand years B.C. the",
        "ADVANCE 1939 TO",  # no era first: only the year
        "in the last week",  # no document date: not a date
        "yesterday and on Friday",
        "last year it",
    ],
)
def test_what_is_not_a_date_of_the_new_kinds(text):
    assert [d.text for d in extract_dates(text)] in ([], ["1939"])


def resolve(passages, document_date=None):
    context = DateContext(document_date)
    return [(d.text, d.value, d.anchor) for p in passages for d in extract_dates(p, context)]


def test_a_yearless_day_takes_its_year_from_the_narrative():
    passages = [
        "The Munich Agreement was signed on September 29, 1938.",
        "Talks resumed on August 3, and on August 24 the pact was signed.",
        "On September 17 the Red Army crossed the border.",
    ]
    assert resolve(passages)[1:] == [
        ("August 3", "1939-08-03", "narrative"),
        ("August 24", "1939-08-24", "narrative"),
        ("September 17", "1939-09-17", "narrative"),
    ]


def test_the_narrative_point_is_the_latest_date_before_not_the_largest():
    passages = ["In 1941 the war came east.", "Looking back to May 1935: on May 16 a pact."]
    assert resolve(passages)[-1] == ("May 16", "1935-05-16", "narrative")


def test_a_period_longer_than_a_year_does_not_fix_a_yearless_day():
    assert resolve(["In the 1920s, on 6 August, a flight."])[-1] == (
        "6 August",
        "XXXX-08-06",
        None,
    )


def test_29_february_takes_the_next_leap_year():
    assert resolve(["In March 1937.", "On 29 February a storm."])[-1] == (
        "29 February",
        "1940-02-29",
        "narrative",
    )


def test_deictic_dates_resolve_against_the_document_date():
    text = (
        "The CDC said Friday that six deaths came in the last week, more than last year; "
        "it will report again on Monday. Yesterday and today, this week and next month, "
        "this spring, last July and four years ago. The budget for this fiscal year grew."
    )
    assert resolve([text], "2013-03-22") == [
        ("Friday", "2013-03-22", "document"),
        ("last week", "2013-W11", "document"),
        ("last year", "2012", "document"),
        ("Monday", "2013-03-25", "document"),
        ("Yesterday", "2013-03-21", "document"),
        ("today", "2013-03-22", "document"),
        ("this week", "2013-W12", "document"),
        ("next month", "2013-04", "document"),
        ("this spring", "2013-SP", "document"),
        ("last July", "2012-07", "document"),
        ("four years ago", "2009", "document"),
        ("this fiscal year", "2013", "document"),
    ]


def test_a_week_has_its_days_as_bounds_and_a_modifier_its_span():
    (week,) = extract_dates("in the last week", DateContext("2013-03-22"))
    assert (week.earliest, week.latest, week.precision) == ("2013-03-11", "2013-03-17", "week")
    (year,) = extract_dates("early this year", DateContext("2013-03-21"))
    assert (year.text, year.value, year.modifier) == ("early this year", "2013", "early")


def test_a_named_day_is_not_a_weekday_of_the_document():
    assert resolve(["Good Friday fell late.", "Black Monday came."], "2013-03-22") == []


def test_a_yearless_day_in_a_dated_document_takes_the_document_year():
    passages = ["In 2011, the council objected.", "On Feb. 28, the bank released a note."]
    # A bare year in a dated document is background: the yearless day is the document's.
    assert resolve(passages, "2013-03-21")[-1] == ("Feb. 28", "2013-02-28", "document")
    # A full date before it is the narrative's point, dated document or not.
    passages[0] = "On June 2, 2011, the council objected."
    assert resolve(passages, "2013-03-21")[-1] == ("Feb. 28", "2012-02-28", "narrative")


def test_a_document_date_of_a_year_alone_resolves_only_years():
    assert resolve(["Last year and yesterday; last month."], "1939") == [
        ("Last year", "1938", "document")
    ]


def build_rows(folder, db):
    build(find_sources([folder]), db, ner=False, catalogue=Catalogue(find_catalogues([folder])))
    query = (
        "select documents.filename, passages.position, dates.text, dates.value, "
        "dates.earliest, dates.latest, dates.anchor from dates "
        "join passages on passages.id = dates.passage_id "
        "join documents on documents.id = passages.document_id order by dates.id"
    )
    return sqlite3.connect(db).execute(query).fetchall()


def test_anchors_follow_passage_order_however_the_build_is_split(
    write_sources, tmp_path, monkeypatch
):
    import ingest.build

    diary = "On 2 March 1916 the rain.\nOn 3 April a letter came.\nYesterday, snow.\n" * 4
    folder = write_sources(
        {
            "a_diary.txt": diary,
            "b_news.txt": "On Feb. 28 the bank spoke.\nLast week it rained.\n",
            "c_book.txt": "On 3 April a letter came.\nYesterday, snow.\n",
        }
    )
    with open(folder / "documents.csv", "w", newline="") as catalogue:
        csv.writer(catalogue).writerows(
            [["filename", "date"], ["a_diary.txt", "1916-03-10"], ["b_news.txt", "2013-03-21"]]
        )
    whole = build_rows(folder, tmp_path / "whole.db")
    assert ("b_news.txt", 1, "Feb. 28", "2013-02-28", "2013-02-28", "2013-02-28", "document") in (
        whole
    )
    assert ("b_news.txt", 2, "Last week", "2013-W11", "2013-03-11", "2013-03-17", "document") in (
        whole
    )
    assert ("a_diary.txt", 2, "3 April", "1916-04-03", "1916-04-03", "1916-04-03", "narrative") in (
        whole
    )
    # The undated book: no year before its yearless day, no date for its `yesterday`.
    assert [row[2:] for row in whole if row[0] == "c_book.txt"] == [
        ("3 April", "XXXX-04-03", None, None, None)
    ]
    monkeypatch.setattr(ingest.build, "PARALLEL_RULES_FROM_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    for batch in (1, 2, 3):
        monkeypatch.setattr(ingest.build, "BATCH", batch)
        assert build_rows(folder, tmp_path / f"split{batch}.db") == whole


def test_a_hard_wrapped_world_history_keeps_its_eras(write_sources, tmp_path):
    book = (DATA / "outline_egypt_excerpt.txt").read_text()
    folder = write_sources({"outline.txt": book})
    build(find_sources([folder]), tmp_path / "o.db", ner=False)
    db = sqlite3.connect(tmp_path / "o.db")
    dates = db.execute("select text, value, year_start, year_end, modifier from dates").fetchall()
    era_dates = [d for d in dates if "B.C." in d[0]]
    assert len(era_dates) == len(dates) >= 10
    assert all(year_end < 1 for *_, year_end, _ in era_dates)
    assert ("1,317 to 1,250 B.C.", "-1316/-1249", -1316, -1249, None) in dates
    assert ("circa 1,600 B.C.", "-1599", -1599, -1599, "approx") in dates
    assert ("fifteenth century B.C.", "-14", -1499, -1400, None) in dates
    # Queried across the era as numbers: the sixth century BC, and the 332 BC conquest after it.
    sixth = db.execute(
        "select text from dates where year_end >= -599 and year_start <= -500 order by year_start"
    ).fetchall()
    assert sixth == [("sixth century B.C.",)]
    years = db.execute("select text from dates order by year_start desc limit 1").fetchall()
    assert years == [("332 B.C.",)]


def test_the_excerpt_reads_as_paragraphs():
    passages = list(text_passages((DATA / "outline_egypt_excerpt.txt").read_text(), "auto"))
    assert 8 <= len(passages) <= 20
    assert any("1,317 to 1,250 B.C." in p.text for p in passages)


DATE_WORDS = [
    "1939",
    "44",
    "500",
    "–",
    "to",
    "and",
    "between",
    "B.C.",
    "BC",
    "A.D.",
    "AD",
    "CE",
    "c.",
    "circa",
    "the",
    "fifth",
    "19th",
    "twenty-first",
    "century",
    "centuries",
    "millennium",
    "early",
    "March",
    "17",
    "September",
    "29",
    "February",
    "last",
    "this",
    "next",
    "week",
    "year",
    "spring",
    "Friday",
    "yesterday",
    "four",
    "years",
    "ago",
    ".",
]
passage_text = st.lists(st.sampled_from(DATE_WORDS), max_size=16).map(" ".join)


def day(iso):
    sign = -1 if iso.startswith("-") else 1
    year, month, day_of_month = iso.lstrip("-").split("-")
    return sign * int(year), int(month), int(day_of_month)


def narrative_point(date, dated_document):
    """Whether a resolved date can be the point a later yearless day counts from."""
    last = date.value.rpartition("/")[2]
    if date.earliest is None or date.anchor == "document":
        return False
    if dated_document:
        return len(last.lstrip("-")) == 10
    return not ("X" in last or len(last.lstrip("-")) < 4)


@settings(max_examples=300)
@given(st.lists(passage_text, max_size=5), st.sampled_from([None, "2013-03-22", "1916-02"]))
def test_resolved_dates_are_ordered_intervals_and_anchors_look_back(passages, document_date):
    context = DateContext(document_date)
    point = None  # the latest date a yearless day may count from
    for text in passages:
        for date in extract_dates(text, context):
            assert text[date.start : date.end] == date.text
            assert (date.earliest is None) == (date.latest is None) == (date.year_start is None)
            if date.earliest is None:
                assert date.anchor is None and date.value.startswith("XXXX")
                continue
            earliest, latest = day(date.earliest), day(date.latest)
            assert earliest <= latest
            assert (date.year_start, date.year_end) == (earliest[0], latest[0])
            assert date.anchor != "document" or document_date is not None
            if date.anchor == "narrative":
                # on or after the point it counts from, and less than a year after its end
                # (29 February: before the next leap year's end)
                start, end = point
                years = 8 if earliest[1:] == (2, 29) else 1
                assert start <= earliest < (end[0] + years, *end[1:])
            if narrative_point(date, document_date is not None):
                point = (earliest, latest)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "2013-03-22", "1916-02"]),
            st.lists(passage_text, min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=20),
)
# A yearless day the batch before fixes (and with it the timeline), then one it fixes in turn.
@example([(None, ["in 1939", "on 17 March"])], [1])
@example([(None, ["in March 1916", "on 29 September", "on 17 March"])], [1])
def test_batches_resolved_apart_give_the_rows_timeline_and_years_of_one_pass(documents, sizes):
    passages, found = [], []
    for document_id, (date, texts) in enumerate(documents, 1):
        for text in texts:
            passage = PassageAsSent(len(passages) + 1, document_id, text, "en", date, ())
            passages.append(passage)
            found += [(passage, d) for d in find_dates(text, date is not None)]
    one_pass = resolve_batch(passages, found)
    one_pass_timeline = Timeline()
    Narratives().carry_into(one_pass, one_pass_timeline)
    whole = []
    for document_id, (date, _) in enumerate(documents, 1):
        context = DateContext(date)
        for passage, item in found:
            if passage.document_id == document_id:
                date_in_context = context.resolved(item)
                if date_in_context is not None:
                    whole.append((None, passage.id, *date_in_context))
    assert one_pass.rows == whole

    narratives, timeline, rows, years = Narratives(), Timeline(), [], {}
    start = 0
    for size in cycle(sizes):
        batch = passages[start : start + size]
        if not batch:
            break
        dates = resolve_batch(batch, [(p, d) for p, d in found if p in batch])
        narratives.carry_into(dates, timeline)
        rows += dates.rows
        years.update(dates.years)
        start += size
    assert rows == whole
    assert years == one_pass.years
    assert list(timeline.rows()) == list(one_pass_timeline.rows())
