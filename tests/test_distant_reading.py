"""Reading at a distance (issue 26): trends, collocates and keyness, each checked against counts
this test makes itself from the passages' text, their dates and their documents' dates."""

import math
import re
import sqlite3
import time
from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import distant_reading
from ingest.cli import main

from .test_datasette import explorer_client, rows

# Two documents of their own dates, whose passages mention years of their own.
SOURCES = {
    "documents.csv": "filename,date\nlegation.txt,1920-05-01\nembassy.txt,1939-08-23\n",
    "legation.txt": (
        "In 1920 the envoy discussed the treaty with the minister in Moscow.\n\n"
        "The envoy praised the treaty again in 1920, and the minister agreed with the envoy.\n\n"
        "Nothing happened at the border in 1921.\n\n"
        "The envoy wrote that the harvest of 1923 was poor.\n"
    ),
    "embassy.txt": (
        "In 1939 the pact was signed by the envoy in Moscow.\n\n"
        "In 1939 the pact and the treaty were compared by the minister and the envoy.\n\n"
        "The weather in 1939 was cold and the pact was secret.\n\n"
        "The pact divided the border regions.\n"
    ),
}
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reading")
    for name, text in SOURCES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "reading.db"
    assert main([str(folder), "--db", str(db), "--no-ner"]) == 0
    return db


@pytest.fixture(scope="module")
def client(corpus):
    return explorer_client(corpus)


@pytest.fixture(scope="module")
def passages(corpus):
    """Each passage: its words, the years its dates cover, its document's year."""
    connection = sqlite3.connect(corpus)
    found = {}
    for passage_id, text, document_date in connection.execute(
        "select passages.id, passages.text, documents.date from passages "
        "join documents on documents.id = passages.document_id"
    ):
        years = {
            year
            for (year,) in connection.execute(
                "select date_years.year from dates join date_years on date_years.date_id = "
                "dates.id where dates.passage_id = ?",
                [passage_id],
            )
        }
        found[passage_id] = {
            "words": [word.lower() for word in WORD.findall(text)],
            "years": years,
            "document_year": int(document_date[:4]),
        }
    return found


def g2(a, b, c, d):
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))


async def test_trends_are_shares_of_each_year_s_passages_both_ways(client, passages):
    found = await rows(client, "/reading/trends.json?terms=treaty,%20pact&exact=1")
    assert [row["term"] for row in found] == sorted(
        [row["term"] for row in found], key=["treaty", "pact"].index
    )
    terms = ("treaty", "pact")
    having = {t: {p for p, passage in passages.items() if t in passage["words"]} for t in terms}
    # one span of years for every term: the first to the last year any of them is dated in
    matched_years = {y for t in terms for p in having[t] for y in passages[p]["years"]}
    dated_years = {y for passage in passages.values() for y in passage["years"]}
    span = {y for y in dated_years if min(matched_years) <= y <= max(matched_years)}
    document_years = {passages[p]["document_year"] for t in terms for p in having[t]}
    for term in terms:
        mentioned = {
            year: (
                len([p for p in having[term] if year in passages[p]["years"]]),
                len([p for p in passages if year in passages[p]["years"]]),
            )
            for year in span
        }
        by_term = {row["year"]: row for row in found if row["term"] == term}
        assert set(by_term) == span | document_years
        for year, (hits, total) in mentioned.items():
            row = by_term[year]
            assert (row["passages_mentioning_year"], row["all_passages_mentioning_year"]) == (
                hits,
                total,
            )
            assert row["share_by_year_mentioned"] == round(hits / total, 6)
            in_documents = [p for p in passages if passages[p]["document_year"] == year]
            if in_documents:
                dated = len([p for p in in_documents if p in having[term]])
                assert row["passages_of_documents_dated"] == dated
                assert row["share_by_document_date"] == round(dated / len(in_documents), 6)
    assert {row["counted_every"] for row in found} == {1}  # a small corpus is counted whole
    # an empty year inside the span is there, with a share of none
    assert any(row["share_by_year_mentioned"] == 0 for row in found if row["term"] == "pact")


async def test_collocates_count_the_words_five_either_side(client, passages):
    found = await rows(client, "/reading/collocates.json?q=envoy&exact=1")
    near = Counter()
    for passage in passages.values():
        words = passage["words"]
        for i, word in enumerate(words):
            if word == "envoy":
                near.update(w for w in words[max(0, i - 5) : i + 6] if w != "envoy")
    corpus = Counter(word for passage in passages.values() for word in passage["words"])
    c, d = sum(near.values()), sum(corpus.values())
    expected = {
        word: (a, corpus[word], round(g2(a, corpus[word], c, d), 2))
        for word, a in near.items()
        if a >= 2 and a / c > corpus[word] / d
    }
    assert {
        row["word"]: (row["count"], row["corpus_count"], row["log_likelihood"]) for row in found
    } == expected
    assert [row["log_likelihood"] for row in found] == sorted(
        (row["log_likelihood"] for row in found), reverse=True
    )
    assert found[0]["concordance"].startswith("concordance?term=NEAR")
    concordance = await rows(client, f"/reading/{found[0]['concordance'].replace('?', '.json?')}")
    assert concordance and all(
        found[0]["word"] in row["right"].lower() + row["left"].lower() + row["match"].lower()
        for row in concordance
    )


@pytest.mark.parametrize("query", ["year=1939", "q=pact", "q=envoy&year=1920"])
async def test_keyness_sets_a_part_against_the_rest(client, passages, query):
    found = await rows(client, f"/reading/keyness.json?{query}&exact=1")
    asked = dict(part.split("=") for part in query.split("&"))
    part = {
        p
        for p, passage in passages.items()
        if ("q" not in asked or asked["q"] in passage["words"])
        and ("year" not in asked or int(asked["year"]) in passage["years"])
    }
    inside = Counter(w for p in part for w in passages[p]["words"])
    rest = Counter(w for p in passages if p not in part for w in passages[p]["words"])
    c, d = sum(inside.values()), sum(rest.values())
    expected = {
        word: (a, rest[word], round(g2(a, rest[word], c, d), 2))
        for word, a in inside.items()
        if a >= 2 and a / c > rest[word] / d
    }
    assert found, query
    assert {
        row["word"]: (row["count"], row["rest_count"], row["log_likelihood"]) for row in found
    } == expected
    assert all(row["passages_matching"] == row["passages_counted"] == len(part) for row in found)
    for row in found:
        ratio = math.log2((row["count"] / c) / (max(row["rest_count"], 0.5) / d))
        assert row["log_ratio"] == round(ratio, 2)


async def test_a_large_part_is_counted_over_a_stated_spread(client, monkeypatch):
    monkeypatch.setattr(distant_reading, "MOST_MATCHES", 4)
    distant_reading.ANSWERS.clear()
    found = await rows(client, "/reading/keyness.json?q=envoy&exact=1")
    assert {(row["passages_counted"], row["passages_matching"]) for row in found} == {(4, 5)}
    page = (await client.get("/reading/keyness?q=envoy&exact=1")).text
    assert "Counted over 4 of the 5 passages asked for, spread evenly over them" in page
    distant_reading.ANSWERS.clear()


@pytest.mark.parametrize(
    "page, title",
    [
        ("trends?terms=treaty,pact", "treaty,pact — words over time"),
        ("collocates?q=envoy", "envoy — collocates"),
        ("keyness?q=pact", "pact — keyness"),
        ("search?q=envoy", "envoy — search"),
    ],
)
async def test_each_page_is_named_by_what_it_asks_and_has_its_data(client, page, title):
    html = (await client.get(f"/reading/{page}")).text
    assert f"<title>{title}</title>" in html
    name, _, query = page.partition("?")
    for extension in ("json", "csv"):
        response = await client.get(f"/reading/{name}.{extension}?{query}")
        assert response.status_code == 200 and len(response.text) > 20, (page, extension)


def test_spread_is_even_and_whole_when_small():
    assert distant_reading.spread(list(range(10)), 20) == list(range(10))
    assert distant_reading.spread(list(range(100)), 4) == [0, 25, 50, 75]


def test_search_terms_splits_on_commas_once_each():
    assert distant_reading.search_terms(' pact, "non-aggression pact" ,pact,, ') == (
        '["pact", "\\"non-aggression pact\\""]'
    )


def test_concordance_links_read_as_a_search(client):
    link = distant_reading.concordance_link("Molotov OR Stalin", "pact")
    assert link == "concordance?" + urlencode({"term": '(Molotov OR Stalin) AND "pact"'})
    assert distant_reading.concordance_link("Molotov", "pact") == "concordance?" + urlencode(
        {"term": 'NEAR(Molotov "pact", 5)'}
    )


@pytest.mark.timeout(120)
@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="Ab Ä \x02\x03-.,", max_size=300))
def test_the_windows_of_a_passage_take_time_linear_in_it(text):
    """A passage of every word matched, marks unclosed or nested: no pair of loops over its
    words and its matches."""
    long = text * (20_000 // max(1, len(text)))
    started = time.perf_counter()
    distant_reading.window_words(*distant_reading.node_spans(long, "Ab"))
    assert time.perf_counter() - started < 2.0


def test_a_run_of_matches_is_one_node_and_its_neighbours_are_counted_once():
    text, spans = distant_reading.node_spans("a b \x02c\x03 \x02d\x03 e f", "")
    assert distant_reading.window_words(text, spans) == ["a", "b", "e", "f"]
    many = " ".join(f"\x02w{i}\x03 x" for i in range(20_000))
    started = time.perf_counter()
    around = distant_reading.window_words(*distant_reading.node_spans(many, ""))
    # three each side of each match, fewer for the first three and the last two
    assert set(around) == {"x"} and len(around) == 6 * 20_000 - 9
    assert time.perf_counter() - started < 2.0


async def test_a_search_leads_to_its_reading_at_a_distance(client):
    page = (await client.get("/reading/search?q=envoy&year=1920")).text
    links = re.findall(r'<p class="reading-links">(.*?)</p>', page)[0]
    targets = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', links)]
    assert targets == [
        "trends?terms=envoy",
        "collocates?q=envoy",
        "keyness?q=envoy&year=1920",
    ]
    for target in targets:
        name, _, query = target.partition("?")
        assert await rows(client, f"/reading/{name}.json?{query}"), target
