"""Real text never stalls a build: every rule runs in time linear in its input.

Each adversarial input below takes milliseconds; the guards allow seconds, so they fail only
on work that grows faster than the input (the name rules of the first round took 8 s on one
six-word URL and minutes on longer runs of capitals)."""

import re
import time
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.citations import clean_passage
from ingest.cli import main
from ingest.dates import DateContext, extract_dates
from ingest.entities.model import passage_mentions
from ingest.entities.shapes import rule_mentions
from ingest.entities.spans import clean_span
from ingest.languages import entity_lexicon
from ingest.readers import main_text

from .conftest import best_times

ENGLISH = entity_lexicon("en")

DATA = Path(__file__).parent / "data"
GUARD_SECONDS = 2.0
# Words that make name rules backtrack: capitals, Title Case, names' heads and openers, joining
# words, hyphens, underscores, brackets, URLs, numerals, titles.
TRICKY_WORDS = [
    "SINGLE-SHOT",
    "HIT-PROBABILITY",
    "CLASSICAL_TEXTS_OF_THE",
    "https://www.example.org/CLASSICAL_TEXTS_OF_THE_GEOPOLITICS_AND_THE",
    "Anglo-",
    "Wa-Kuafi",
    "Soviet–German",
    "Treaty",
    "Pact",
    "War",
    "Conference",
    "Lake",
    "Gulf",
    "Operation",
    "Battle",
    "of",
    "the",
    "and",
    "or",
    "occupied",
    "von",
    "The",
    "General",
    "Secretary",
    "Minister",
    "St.",
    "U.S.S.R.",
    "D.",
    "1st",
    "II",
    "(b)",
    "(",
    ")",
    "[4]",
    "[",
    "]",
    ",",
    ".",
    "'s",
    "August",
    "1939",
    "Berlin",
    "CNOSSUS.",
    "rivers",
    "B.C.",
    "AD",
    "A.D.",
    "c.",
    "500",
    "–",
    "to",
    "century",
    "centuries",
    "nineteenth",
    "twenty-first",
    "this",
    "last",
    "week",
    "Friday",
    "years",
    "ago",
]
tricky_text = st.lists(st.sampled_from(TRICKY_WORDS), max_size=400).map(" ".join)
capital_run = st.lists(
    st.from_regex(r"[A-Z][A-Z_]{0,11}|[A-Z][a-z]{1,9}", fullmatch=True), min_size=1, max_size=300
).map(lambda words: " ".join(words))
joiner = st.sampled_from([" ", "-", "–", "_", " of ", " and ", " the ", " of the "])
name_chain = st.lists(
    st.tuples(st.from_regex(r"[A-Z][a-z]{0,8}", fullmatch=True), joiner), max_size=300
).map(lambda parts: "".join(word + join for word, join in parts))
adversarial = st.one_of(tricky_text, capital_run, name_chain)


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - started
    assert elapsed < GUARD_SECONDS, f"{function.__name__} took {elapsed:.1f} s"
    return result


def assert_mentions_are_sound(text, mentions):
    taken = set()
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
        chars = set(range(m.start, m.end))
        assert not chars & taken, f"{m.text!r} overlaps an earlier mention"
        taken |= chars


@pytest.mark.timeout(600)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_rules_take_time_linear_in_adversarial_text(text):
    assert_mentions_are_sound(text, timed(rule_mentions, ENGLISH, text))
    spans = [(m.start(), m.end(), "PERSON") for m in re.finditer(r"\S+(?: \S+){0,5}", text)]
    assert_mentions_are_sound(text, timed(passage_mentions, ENGLISH, text, spans, "test"))
    timed(clean_passage, text)
    timed(extract_dates, text)
    timed(extract_dates, text, DateContext("2013-03-22"))


@pytest.mark.timeout(600)
@settings(max_examples=200, deadline=None)
@given(adversarial, adversarial)
def test_a_name_among_adversarial_text_is_still_found(before, after):
    text = f"{before}; the Treaty of Rapallo, and then {after}"
    found = [(m.text, m.type) for m in timed(rule_mentions, ENGLISH, text)]
    assert ("Treaty of Rapallo", "LAW") in found


@pytest.mark.timeout(600)
@settings(max_examples=200, deadline=None)
@given(adversarial, st.data())
def test_span_clean_up_takes_time_linear_in_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    label = data.draw(st.sampled_from(["PERSON", "ORG", "GPE", "LAW"]))
    for s, e in timed(clean_span, ENGLISH, text, start, end, label):
        assert start <= s < e <= end
        assert text[e - 1] not in ",;:!?([-" and not text[s:e].endswith((" of", " the"))


# An element's tag, class and id as the web reader names them, made of the words its rules
# look for: runs of `text-`, `fine-`, hyphens and letters.
class_names = st.lists(
    st.sampled_from(
        ["text-", "text", "-", "fine", "fine-", "print", "xs", "sm", "small-font", "a"]
    ),
    max_size=2000,
).map(" ".join)


@pytest.mark.timeout(600)
@settings(max_examples=200, deadline=None)
@given(class_names)
def test_the_web_readers_name_rules_take_time_linear_in_the_names(names):
    for rule in (main_text.HEAD_LEFT_OUT, main_text.LEAD_NAMES, main_text.WEBSITE_BLOCK):
        timed(rule.search, names)
        timed(rule.search, names.replace(" ", ""))


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "text",
    [
        "SINGLE-SHOT HIT-PROBABILITY " * 2000,
        "https://www.example.org/CLASSICAL_TEXTS_OF_THE_GEOPOLITICS_AND_THE " * 500,
        "The " + " ".join(["Long", "Title", "Case", "Run"] * 20_000) + " Pact",
        "Treaty of " + " of ".join(["Peace", "Friendship", "the Union"] * 10_000),
        "General " * 20_000 + "gave an order.",
        "Bank" + " of the" * 20_000 + ".",
        "(" * 50_000 + "Berlin" + ")" * 50_000,
    ],
    ids=["capitals", "urls", "title-case", "of-chain", "titles", "joining-words", "brackets"],
)
def test_long_adversarial_passages_take_seconds(text):
    started = time.perf_counter()
    mentions = rule_mentions(ENGLISH, text)
    clean_span(ENGLISH, text, 0, len(text), "PERSON")
    assert time.perf_counter() - started < 10
    assert_mentions_are_sound(text, mentions)


@pytest.mark.timeout(60)
def test_a_run_of_titles_is_read_once():
    text = "Foreign Minister General " * 20_000 + "Franco gave an order."
    started = time.perf_counter()
    assert ENGLISH.LEADING_TITLE.match(text).end() == text.index("Franco")
    assert ENGLISH.LEADING_TITLE.match("General " * 20_000 + "gave an order.").end() < 8 * 20_000
    assert time.perf_counter() - started < 10


def test_a_chain_of_names_is_one_name_and_a_date_ends_it():
    text = "signed the German-Soviet Treaty of Friendship and the Border of August 1939."
    assert [(m.text, m.type) for m in rule_mentions(ENGLISH, text)] == [
        ("German-Soviet Treaty of Friendship and the Border", "LAW")
    ]


@pytest.mark.timeout(600)
def test_real_ocr_paragraphs_with_runs_of_capitals_build_in_seconds(write_sources, tmp_path):
    # Paragraphs of the 1911 Encyclopaedia Britannica's OCR text, four of which stalled the
    # first round's name rules for seconds each (tests/data/SOURCE.md).
    excerpt = (DATA / "eb1911_vol5_excerpt.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(block.split()) for block in excerpt.split("\n\n") if block.strip()]
    for paragraph in paragraphs:
        timed(rule_mentions, ENGLISH, paragraph)
    folder = write_sources({"eb.txt": "\n".join(paragraphs) + "\n"})
    started = time.perf_counter()
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 0
    assert time.perf_counter() - started < 120
    db = sqlite_utils.Database(tmp_path / "c.db")
    assert db["passages"].count == len(paragraphs)
    assert db["mentions"].count > len(paragraphs)


@pytest.mark.timeout(600)
def test_runs_of_capitals_build_with_entities_in_seconds(write_sources, tmp_path):
    words = ["ARMY", "GROUP", "CENTRE", "REPORTS", "SINGLE-SHOT", "HIT-PROBABILITY", "OF", "THE"]
    lines = [" ".join(words[(i + j) % len(words)] for j in range(30)) for i in range(45)]
    folder = write_sources({"capitals.txt": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 0
    assert time.perf_counter() - started < 60
    assert sqlite_utils.Database(tmp_path / "c.db")["passages"].count == 45


@pytest.mark.timeout(600)
def test_a_line_of_one_megabyte_builds_with_entities(write_sources, tmp_path):
    line = "Stalin met Hitler in 1939. " * 40_000
    folder = write_sources({"long.txt": line + "\n"})
    started = time.perf_counter()
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 0
    assert time.perf_counter() - started < 120
    db = sqlite_utils.Database(tmp_path / "c.db")
    assert db["dates"].count == 40_000
    assert dict(db.execute("select label, count(*) from mentions group by label").fetchall()) == {
        "PERSON": 80_000
    }


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "unit",
    [
        "1 2 3 4 5 B.C. ",
        "500 to 400 to 300 ",
        "B.C. AD A.D. CE ",
        "first and second and third centuries ",
        "the nineteenth the twentieth ",
        "twenty-first twenty-first century ",
        "this last next this week ",
        "four years four years ago ",
        "Good Friday Friday Monday ",
        "(circa (c. (early ",
        "1,000,000,000 BC ",
    ],
)
def test_dates_of_every_kind_take_time_linear_in_the_passage(unit):
    """Two megabytes of any of the new grammar's words on one line: seconds, and twice the text
    takes about twice the time (a regular expression that backtracks would take four times).
    Each size's time is the best of three runs taken in turns, and the garbage collector does
    not walk what the rest of the test session holds: a pause of the shared machine, or a
    collection over a session's loaded models, is no slope."""
    texts = [unit * (size // len(unit)) for size in (1_000_000, 2_000_000)]
    times = best_times(lambda text: extract_dates(text, DateContext("2013-03-22")), texts)
    assert times[1] < 30
    assert times[1] < 3 * times[0] + 0.5, times
