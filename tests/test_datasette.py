import pytest
from datasette.app import Datasette

from .conftest import METADATA


@pytest.fixture(scope="module")
def client(seed_db):
    return Datasette(immutables=[str(seed_db)], metadata=METADATA).client


async def test_table_search_finds_passages(client):
    response = await client.get("/corpus/passages.json?_search=Molotov&_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) >= 3 and all("Molotov" in row["text"] for row in rows)


async def test_ranked_search_highlights_matches(client):
    response = await client.get("/corpus/search.json?q=treaties&_shape=array")
    rows = response.json()
    assert rows and all("<mark>" in row["snippet"] for row in rows)
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)


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
