"""The explorer's views for narrowing a search (issue 16), checked against SQL over the same
database: facets that follow the search, timelines of a search and of an entity, the places
on the map, the co-occurrence network as GEXF and GraphML."""

import io
import sqlite3
from collections import Counter
from urllib.parse import quote

import networkx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.timeline import Timeline

from .test_datasette import explorer_client, rows

QUERIES = ["pact", "Germany", "Soviet", "treaty OR agreement", "Molotov"]


@pytest.fixture(scope="module")
def client(seed_db):
    return explorer_client(seed_db)


@pytest.fixture(scope="module")
def sql(seed_db):
    connection = sqlite3.connect(seed_db)
    yield lambda query, *params: connection.execute(query, params).fetchall()
    connection.close()


def matching(query: str) -> str:
    return f"select rowid from passages_fts where passages_fts match '{query}'"


@pytest.mark.parametrize("query", QUERIES)
async def test_entity_and_year_facets_follow_the_search(client, sql, query):
    for column, counted in [
        (
            "entity_names",
            "select entities.name, count(distinct mentions.passage_id) from mentions "
            "join entities on entities.id = mentions.entity_id "
            f"where mentions.passage_id in ({matching(query)}) group by entities.name",
        ),
        (
            "years",
            "select date_years.year, count(distinct dates.passage_id) from dates "
            "join date_years on date_years.date_id = dates.id "
            f"where dates.passage_id in ({matching(query)}) group by date_years.year",
        ),
    ]:
        response = await client.get(
            f"/corpus/passages.json?_search={quote(query)}&_searchmode=raw"
            f"&_facet_array={column}&_facet_size=max&_size=0"
        )
        assert response.status_code == 200, response.text
        facet = response.json()["facet_results"][column]["results"]
        expected = {str(value): count for value, count in sql(counted)}
        assert {row["value"]: row["count"] for row in facet} == expected


@pytest.mark.parametrize("query", QUERIES)
async def test_the_search_timeline_is_sql_per_year(client, sql, query):
    found = await rows(client, f"/corpus/search_timeline.json?q={quote(query)}")
    expected = sql(
        "select date_years.year, count(distinct dates.passage_id) from dates "
        "join date_years on date_years.date_id = dates.id "
        f"where dates.passage_id in ({matching(query)}) "
        "group by date_years.year order by date_years.year"
    )
    assert [(row["year"], row["passages"]) for row in found] == expected


async def test_every_entity_timeline_is_sql_per_year(client, sql):
    for (entity_id,) in sql("select id from entities order by mentions desc limit 10"):
        found = await rows(client, f"/corpus/entity_timeline.json?entity={entity_id}")
        expected = sql(
            "select date_years.year, count(distinct mentions.passage_id) from mentions "
            "join dates on dates.passage_id = mentions.passage_id "
            "join date_years on date_years.date_id = dates.id where mentions.entity_id = ? "
            "group by date_years.year order by date_years.year",
            entity_id,
        )
        assert [(row["year"], row["passages"]) for row in found] == expected


async def test_the_search_page_narrows_by_entity_and_year_and_back(client, sql):
    page = (await client.get("/corpus/search?q=Soviet")).text
    assert 'data-facet="GPE"' in page and 'data-facet="years"' in page
    (germany,) = sql("select id from entities where name = 'Germany'")[0]
    narrowed = await rows(client, f"/corpus/search.json?q=Soviet&entity={germany}")
    expected = sql(
        f"select count(*) from ({matching('Soviet')}) hits "
        "where rowid in (select passage_id from mentions where entity_id = ?)",
        germany,
    )[0][0]
    assert 0 < len(narrowed) == expected < len(await rows(client, "/corpus/search.json?q=Soviet"))
    ((year, passages),) = sql(
        "select date_years.year, count(distinct dates.passage_id) as n from dates "
        "join date_years on date_years.date_id = dates.id "
        f"where dates.passage_id in ({matching('Soviet')}) and dates.passage_id in "
        "(select passage_id from mentions where entity_id = ?) "
        "group by date_years.year order by n desc, date_years.year limit 1",
        germany,
    )
    in_year = await rows(client, f"/corpus/search.json?q=Soviet&entity={germany}&year={year}")
    assert len(in_year) == passages
    page = (await client.get(f"/corpus/search?q=Soviet&entity={germany}&year={year}")).text
    assert "Narrowed to:" in page and "Germany ×" in page and f"{year} ×" in page
    # removing the year goes back to the search narrowed by the entity alone
    assert f'href="/corpus/search?q=Soviet&amp;entity={germany}"' in page
    # the facets count the narrowed matches: the entity in force names every one of them
    assert f'data-entity="{germany}"' not in page


async def test_the_map_has_every_place_with_coordinates(client, sql):
    plugins = {plugin["name"] for plugin in (await client.get("/-/plugins.json")).json()}
    assert "datasette-cluster-map" in plugins
    places = await rows(client, "/corpus/places.json?_size=max")
    expected = sql(
        "select id, latitude, longitude from entities where latitude is not null order by id"
    )
    assert sorted((p["id"], p["latitude"], p["longitude"]) for p in places) == expected
    assert len(expected) >= 20
    page = (await client.get("/corpus/places")).text
    assert "datasette-cluster-map.js" in page


@pytest.mark.parametrize("extension, read", [("gexf", networkx.read_gexf), ("graphml", None)])
async def test_the_network_reads_in_networkx(client, sql, extension, read):
    response = await client.get(f"/corpus/cooccurrence.{extension}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    graph = (read or networkx.read_graphml)(io.BytesIO(response.content))
    pairs = sql("select entity_a, entity_b, passages from cooccurrence")
    nodes = {entity for a, b, _ in pairs for entity in (a, b)}
    assert graph.number_of_nodes() == len(nodes)
    assert graph.number_of_edges() == len(pairs)
    weights = Counter({(str(a), str(b)): n for a, b, n in pairs})
    for a, b, data in graph.edges(data=True):
        assert data["weight"] == weights[(a, b)] or data["weight"] == weights[(b, a)]
    names = dict(sql("select id, name from entities"))
    label = "label" if extension == "gexf" else "name"
    assert all(graph.nodes[node][label] == names[int(node)] for node in graph.nodes)
    page = (await client.get("/corpus/cooccurrence")).text
    assert "cooccurrence.gexf" in page and "cooccurrence.graphml" in page


async def test_reading_pages_hide_sql_and_storage_columns_and_mark_years_dates(client):
    for query in ("search?q=Soviet&_advanced=1", "year?year=1939", "entity_timeline?entity=1"):
        page = (await client.get(f"/corpus/{query}")).text
        assert "_hide_sql=1" not in page and "_show_sql=1" in page, query
    year = (await client.get("/corpus/year?year=1939")).text
    assert 'data-type="DATE"' in year
    passage = (await client.get("/corpus/passages/2")).text
    assert ".rows-and-columns .col-text_hash" in passage  # hidden by the page's style


async def test_an_entity_s_passages_in_a_span_of_years_are_sql(client, sql):
    (germany,) = sql("select id from entities where name = 'Germany'")[0]
    found = await rows(
        client, f"/corpus/entity_passages.json?entity={germany}&year=1930&year_to=1939"
    )
    expected = sql(
        "select distinct mentions.passage_id from mentions "
        "join dates on dates.passage_id = mentions.passage_id "
        "join date_years on date_years.date_id = dates.id "
        "where mentions.entity_id = ? and date_years.year between 1930 and 1939 "
        "order by mentions.passage_id",
        germany,
    )
    assert [(row["passage"],) for row in found] == expected and expected


def test_the_timeline_counted_at_build_time_is_the_dates_own(sql):
    live = sql(
        "select year, count(distinct date_id), count(distinct passage_id), "
        "count(distinct case when anchor is null then date_id end), "
        "count(distinct case when anchor is null then passage_id end) "
        "from date_years join dates on dates.id = date_years.date_id group by year order by year"
    )
    stored = sql(
        "select year, dates, passages, stated_dates, stated_passages from timeline order by year"
    )
    assert stored == live and any(row[2] != row[4] for row in live)  # some years inferred


spans = st.tuples(st.integers(-60, 60), st.integers(0, 30), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(spans, min_size=1, max_size=6), max_size=12))
def test_the_timeline_counts_each_year_as_the_dates_cover_it(passages):
    """Dates of every length, overlapping within a passage, stated or inferred: the counts kept
    as changes at their ends are each year's own."""
    rows = [
        (None, passage, *[None] * 8, start, start + length, None if stated else "narrative")
        for passage, dates in enumerate(passages)
        for start, length, stated in dates
    ]
    timeline = Timeline()
    timeline.add(rows)
    expected = {}
    for year in range(-60, 91):
        covering = [r for r in rows if r[10] <= year <= r[11]]
        stated = [r for r in covering if r[12] is None]
        if covering:
            expected[year] = {
                "dates": len(covering),
                "passages": len({r[1] for r in covering}),
                "stated_dates": len(stated),
                "stated_passages": len({r[1] for r in stated}),
            }
    assert {row.pop("year"): row for row in timeline.rows()} == expected
