import pytest
from datasette.app import Datasette

from explorer.serve import SETTINGS
from ingest.build import build
from ingest.sources import find_sources

from .conftest import METADATA

# What explorer/serve.py gives each server worker, for Datasette objects in the tests; the
# explorer itself is an installed plugin.
EXPLORER = {"settings": SETTINGS}


def explorer_client(db):
    """The database served in-process as `make serve` serves it."""
    return Datasette(immutables=[str(db)], metadata=METADATA, **EXPLORER).client


@pytest.fixture(scope="module")
def client(seed_db):
    return explorer_client(seed_db)


async def rows(client, path):
    response = await client.get(path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


async def test_table_search_finds_passages(client):
    found = await rows(client, "/corpus/passages.json?_search=Molotov")
    assert len(found) >= 3 and all("Molotov" in row["text"] for row in found)


async def test_ranked_search_highlights_matches(client):
    found = await rows(client, "/corpus/search.json?q=treaties")
    assert found and all("<mark>" in row["snippet"] for row in found)
    assert [row["rank"] for row in found] == sorted(row["rank"] for row in found)


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"non-aggression treaty"', 1),
        ("Molo*", 3),
        ("Stalin AND Molotov", 1),
        ("Finland OR Lithuania", 5),
        ("pact NOT Germany", 1),
        ("NEAR(Stalin Molotov, 3)", 1),
    ],
)
async def test_search_syntax_works(client, query, expected):
    assert len(await rows(client, f"/corpus/search.json?q={query}")) == expected


@pytest.mark.parametrize("query", ['"unbalanced', "", "NEAR(", "AND"])
async def test_broken_or_empty_search_explains_itself(client, query):
    response = await client.get(f"/corpus/search?q={query}")
    assert response.status_code == 200
    assert 'class="message-info search-message"' in response.text
    assert "fts5:" not in response.text and "message-error" not in response.text


async def test_concordance_gives_every_occurrence_in_context(client):
    found = await rows(client, "/corpus/concordance.json?term=Germany&sort=right")
    assert len(found) >= 10
    for row in found:
        assert row["match"] == "Germany"
        assert {"document", "passage", "left", "right"} <= row.keys()
    assert [r["right"].lower() for r in found] == sorted(r["right"].lower() for r in found)


async def test_neighbours_and_cooccurrence(client):
    found = await rows(client, "/corpus/neighbours.json?name=Germany")
    assert found[0]["name"] == "Soviet Union"
    pairs = await rows(client, "/corpus/cooccurrence.json")
    assert all(pair["entity_a"] < pair["entity_b"] for pair in pairs)


async def test_timeline_and_year(client):
    timeline = await rows(client, "/corpus/timeline.json")
    years = {row["year"]: row for row in timeline}
    assert years[1933]["passages"] == 2 and years[1934]["passages"] == 1
    in_1934 = await rows(client, "/corpus/year.json?year=1934")
    assert [row["dates"] for row in in_1934] == ["1933–34; September 1934"]
    csv = await client.get("/corpus/timeline.csv")
    assert csv.text.startswith("year,dates,passages")


async def test_passage_page_marks_entities_and_dates(client):
    page = (await client.get("/corpus/passages/4")).text
    assert (
        '<mark class="person" data-type="PERSON" title="PERSON: Victor Kopp">Victor Kopp</mark>'
        in page
    )
    assert (
        'data-type="DATE" title="DATE 1920-07-19: 1920-07-19 to 1920-07-19">July 19, 1920' in page
    )
    assert 'rel="next"' in page and 'rel="prev"' in page


async def test_entity_page_has_mentions_in_context_and_neighbours(client):
    entities = await rows(client, "/corpus/entities.json?name=Joseph+Stalin")
    page = (await client.get(f"/corpus/entities/{entities[0]['id']}")).text
    assert page.count('<td class="match">') == entities[0]["mentions"]
    assert "Stalin (" in page and "Named in the same passages" in page


async def test_text_is_escaped_and_only_our_marks_are_html(tmp_path, write_sources):
    folder = write_sources({"a.txt": "<script>alert(1)</script> Stalin met Hitler in Berlin.\n"})
    db_path = tmp_path / "corpus.db"
    build(find_sources([folder]), db_path)
    client = explorer_client(db_path)
    page = (await client.get("/corpus/passages/1")).text
    assert (
        "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    )
    search = (await client.get("/corpus/search?q=alert")).text
    assert "<script>alert" not in search and "<mark>alert</mark>" in search


async def test_the_database_can_be_downloaded(client):
    response = await client.get("/corpus.db")
    assert response.status_code == 200
    assert response.content.startswith(b"SQLite format 3\x00")


async def test_served_read_only(client):
    databases = (await client.get("/-/databases.json")).json()
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("corpus", False)]


async def test_tables_and_columns_are_described(client):
    response = await client.get("/corpus/dates")
    assert "TIMEX3-style value" in response.text
    for table, spec in METADATA["databases"]["corpus"]["tables"].items():
        assert spec["description"], table


async def test_a_database_under_another_name_gets_the_corpus_metadata(seed_db, tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(seed_db.read_bytes())
    client = explorer_client(other)
    assert len(await rows(client, "/other/search.json?q=pact")) == 2


async def test_search_and_passage_pages_name_the_document_and_offer_a_citation(
    tmp_path, write_sources
):
    folder = write_sources(
        {
            "diary.md": "---\ntitle: A Diary of the Conference\nauthor: Mara Kestrel\n"
            "date: 1922-04-17\n---\n# Easter Monday\n\nWe heard of the agreement at breakfast.\n",
            "plain.txt": "The agreement was signed at night.\n",
        }
    )
    db_path = tmp_path / "corpus.db"
    build(find_sources([folder]), db_path, ner=False)
    client = explorer_client(db_path)
    found = await rows(client, "/corpus/search.json?q=agreement")
    assert sorted((row["document"], row["author"], row["document_date"]) for row in found) == [
        ("A Diary of the Conference", "Mara Kestrel", "1922-04-17"),
        ("plain.txt", None, None),
    ]
    page = (await client.get("/corpus/passages/2")).text
    assert (
        "<cite>" in page
        and "A Diary of the Conference</a></cite>, Mara Kestrel, 1922-04-17" in page
    )
    assert (
        'value="Mara Kestrel, “A Diary of the Conference”, 1922-04-17, Easter Monday, passage 2. '
        'http://localhost/corpus/passages/2"' in page
    )


async def test_a_corpus_across_the_era_has_its_timeline_in_spans_and_its_dates_in_context(
    tmp_path, write_sources
):
    folder = write_sources(
        {
            "history.txt": "Egypt rose by 3000 B.C. and Thebes in the fifth century B.C.\n"
            "Rome fell in A.D. 476.\nThe Treaty was signed on 23 August 1939.\n"
            "On September 17 the Red Army crossed.\n",
            "letter.md": "---\ndate: 1940-06-14\n---\nYesterday the city fell.\n",
        }
    )
    db_path = tmp_path / "corpus.db"
    build(find_sources([folder]), db_path, ner=False)
    client = explorer_client(db_path)
    page = (await client.get("/corpus/timeline")).text
    # 3000 BC to 1940: a bar per century, counted as a reader counts them
    assert 'title="3000–2901 BC: 1 passages, 1 dates"' in page
    assert 'title="500–401 BC: 1 passages, 1 dates"' in page
    assert 'title="1900–1999: 3 passages, 3 dates"' in page
    assert 'href="/corpus/years?first=-499&amp;last=-400"' in page
    fifth = await rows(client, "/corpus/years.json?first=-499&last=-400")
    assert [row["dates"] for row in fifth] == ["fifth century B.C."]  # listed once, not per year
    # a search's bars over many centuries narrow it to their span
    search = (await client.get("/corpus/search?q=Egypt OR Rome OR Treaty")).text
    assert (
        'href="/corpus/search?q=Egypt+OR+Rome+OR+Treaty&amp;year=-499&amp;year_to=-400"' in search
    )
    in_span = await rows(client, "/corpus/search.json?q=Egypt OR Rome&year=-499&year_to=-400")
    assert [row["passage"] for row in in_span] == [1]
    narrowed = (await client.get("/corpus/search?q=Egypt OR Rome&year=-499&year_to=-400")).text
    assert "500–401 BC ×" in narrowed
    stated = (await client.get("/corpus/timeline?_dates=stated")).text
    assert 'title="1900–1999: 1 passages, 1 dates"' in stated
    inferred = await rows(client, "/corpus/dates.json?anchor__notblank=1&_sort=id")
    assert [(row["text"], row["value"], row["anchor"]) for row in inferred] == [
        ("September 17", "1939-09-17", "narrative"),
        ("Yesterday", "1940-06-13", "document"),
    ]
    letter = (await client.get("/corpus/passages/5")).text
    assert "(inferred from the document&#39;s date, 1940-06-14)" in letter
    assert 'class="date inferred"' in letter
