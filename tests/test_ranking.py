"""The search's ranking: `bm25_sampled` is FTS5's bm25 for words in fewer than 20,000
passages and an estimate from the first 20,000 past that; the `search` query ranks with it and
gives the passages and ranks a plain bm25 query gives."""

import random
import sqlite3
from contextlib import closing

import pytest

import explorer

from .conftest import best_times
from .test_datasette import explorer_client, rows

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
QUERIES = ["alpha", "alpha beta", '"gamma delta"', "gamma OR zeta", "alpha NOT beta"]
QUERIES += ["NEAR(alpha beta, 2)", "del*", "text: epsilon"]


def fts_table(texts):
    connection = sqlite3.connect(":memory:")
    connection.execute("create virtual table t using fts5(text)")
    connection.executemany("insert into t(text) values (?)", [(text,) for text in texts])
    return connection


def random_texts(count, seed=1):
    chosen = random.Random(seed)
    return [
        " ".join(chosen.choice(WORDS) for _ in range(chosen.randint(3, 30))) for _ in range(count)
    ]


def scores(connection, query):
    return connection.execute(
        "select bm25(t), bm25_sampled(t) from t where t match ? order by rowid", (query,)
    ).fetchall()


@pytest.mark.parametrize("query", QUERIES)
def test_below_the_sample_it_is_bm25(query):
    with closing(fts_table(random_texts(5_000))) as connection:
        found = scores(connection, query)
    assert found and all(exact == pytest.approx(sampled, abs=1e-9) for exact, sampled in found)


def test_a_frequent_word_spread_evenly_is_weighed_as_bm25_weighs_it():
    texts = [f"often {text}" if i % 5 < 2 else text for i, text in enumerate(random_texts(60_000))]
    with closing(fts_table(texts)) as connection:
        found = scores(connection, "often OR alpha")
    assert len(found) > 40_000
    assert all(exact == pytest.approx(sampled, rel=0.05) for exact, sampled in found)


def test_a_frequent_word_is_weighed_by_where_its_20000th_passage_lies():
    # `often` is in each of the first 20,000 passages and in no other: counted from its first
    # 20,000 it seems to be in every passage, so it weighs (next to) nothing, where bm25's full
    # count weighs it as a word in a third of the passages.
    texts = [f"often {text}" if i < 20_000 else text for i, text in enumerate(random_texts(60_000))]
    with closing(fts_table(texts)) as connection:
        exact, sampled = scores(connection, "often")[0]
    assert exact < -0.5 and -0.001 < sampled <= 0


def passages_index(path, texts):
    """A file with the explorer's index of `texts` (each in its first column, a word or two in
    the others, as passages' folded spellings and stems), and a second index of other lengths."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "create virtual table passages_fts using fts5(text, folded_terms, stems)"
        )
        connection.executemany(
            "insert into passages_fts values (?, ?, ?)",
            [
                (text, "alpha" if i % 3 else None, "beta gamma" if i % 7 else None)
                for i, text in enumerate(texts)
            ],
        )
        connection.execute("create virtual table other using fts5(text)")
        connection.executemany(
            "insert into other values (?)", [(f"{text} {text}",) for text in texts]
        )
        connection.commit()


def read_only(path):
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True)


@pytest.mark.parametrize("query", [*QUERIES, "often", "often OR alpha"])
def test_lengths_kept_by_a_reading_connection_rank_as_bm25(tmp_path, query):
    texts = [f"often {text}" if i % 5 < 2 else text for i, text in enumerate(random_texts(8_000))]
    passages_index(tmp_path / "index.db", texts)
    with closing(read_only(tmp_path / "index.db")) as connection:
        for table in ["passages_fts", "other", "passages_fts"]:
            for _ in range(3):  # the lengths of the blocks looked up most are read whole
                found = connection.execute(
                    f"select bm25({table}), bm25_sampled({table}) from {table} "
                    f"where {table} match ? order by rowid",
                    (query,),
                ).fetchall()
                assert found
                assert all(e == pytest.approx(s, abs=1e-9) for e, s in found), table


def test_a_reading_connection_ranks_a_frequent_word_from_lengths_it_keeps(tmp_path):
    # Each row's length is a lookup in the index's docsize table for a connection that may
    # write; one that only reads keeps them, a block of rows read at a time.
    texts = [f"often {text}" for text in random_texts(60_000)]
    passages_index(tmp_path / "index.db", texts)
    query = (
        "select rowid from passages_fts where passages_fts match 'often' "
        "order by bm25_sampled(passages_fts) limit 100"
    )
    with (
        closing(read_only(tmp_path / "index.db")) as reading,
        closing(sqlite3.connect(tmp_path / "index.db")) as writing,
    ):
        kept, looked_up = best_times(
            lambda connection: connection.execute(query).fetchall(), [reading, writing]
        )
        assert reading.execute(query).fetchall() == writing.execute(query).fetchall()
    assert kept < looked_up / 2


def search_reference(db, query, where="", **parameters):
    """The search as a plain bm25 query would rank it, filters written out."""
    connection = sqlite3.connect(db)
    explorer.prepare_connection(connection)
    with closing(connection):
        return connection.execute(
            "select passages.id, round(bm25(passages_fts), 3) from passages_fts "
            "join passages on passages.id = passages_fts.rowid "
            "where passages_fts match search_query(:q, '') " + where + " "
            "order by bm25(passages_fts), passages.id limit 100",
            {"q": query, **parameters},
        ).fetchall()


@pytest.mark.parametrize(
    "query, narrowed, where, parameters",
    [
        ("treaties", "", "", {}),
        ("Stalin OR Molotov OR pact", "", "", {}),
        ("Germany", "&document=1", "and passages.document_id = 1", {}),
        ("Germany", "&language=en", "and passages.language = 'en'", {}),
        (
            "Germany OR Soviet",
            "&year=1939",
            "and exists (select 1 from dates join date_years on date_years.date_id = dates.id "
            "where dates.passage_id = passages.id and date_years.year = 1939)",
            {},
        ),
        (
            "Germany OR Soviet",
            "&entity=1",
            "and passages.id in (select passage_id from mentions where entity_id = :entity)",
            {"entity": 1},
        ),
    ],
)
async def test_the_search_ranks_as_bm25_does(seed_db, query, narrowed, where, parameters):
    served = await rows(explorer_client(seed_db), f"/corpus/search.json?q={query}{narrowed}")
    expected = search_reference(seed_db, query, where, **parameters)
    assert expected and [(row["passage"], row["rank"]) for row in served] == expected
    assert all("<mark>" in row["snippet"] for row in served)
