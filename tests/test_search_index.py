"""The full-text index filled beside the build's last stages (ingest.search_index): the same
index as one filled after them, and a filler that fails or is stopped ends, its scratch
database gone."""

import shutil
import sqlite3
import time

import pytest
import sqlite_utils

from ingest import search_index, storage
from ingest.build import build
from ingest.search_index import scratch_path
from ingest.sources import find_sources

QUERIES = ["treaty", "Białystok", "Bialystok", "Vertrag", "Verträge", "1939", "pact NOT Moscow"]


def sentence(i: int) -> str:
    return (
        f"The treaty number {i} was signed in {['Moscow', 'Białystok', 'Riga'][i % 3]} "
        f"in {1900 + i % 50}; the pacts and treaties were noted.[{i % 7}]"
    )


def german(i: int) -> str:
    return f"Die Verträge und der Vertrag Nummer {i} wurden in Berlin im Jahr 1939 geschlossen."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus in two languages, with folded spellings and stems."""
    folder = tmp_path_factory.mktemp("sources")
    (folder / "a.txt").write_text("\n".join(map(sentence, range(5000))) + "\n")
    (folder / "de.txt").write_text("\n".join(map(german, range(1000))) + "\n")
    db = folder.parent / "corpus.db"
    build(find_sources([folder]), db, ner=False)
    return db


def answers(db, query: str) -> list[int]:
    return [
        rowid
        for (rowid,) in db.execute(
            "select rowid from passages_fts where passages_fts match ? order by rank, rowid",
            [query],
        )
    ]


def test_the_index_filled_beside_is_the_index_filled_after_the_passages(built, tmp_path):
    db = sqlite_utils.Database(built)
    db.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")
    rebuilt_path = tmp_path / "rebuilt.db"
    shutil.copyfile(built, rebuilt_path)
    rebuilt = sqlite_utils.Database(rebuilt_path)
    rebuilt.execute("insert into passages_fts (passages_fts) values ('rebuild')")
    for query in QUERIES:
        found = answers(db, query)
        assert found and found == answers(rebuilt, query), query
    assert [k for (k,) in db.execute("select k from passages_fts_config")] == ["version"]
    assert db.execute("pragma journal_mode").fetchone() == ("delete",)
    leftovers = [p.name for p in built.parent.iterdir() if p.name.startswith(f".{built.name}")]
    assert leftovers == [f".{built.name}.lock"]


def test_passages_added_later_are_indexed_by_the_triggers(built, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copyfile(built, copy)
    db = sqlite_utils.Database(copy)
    db.execute(
        "insert into passages (id, document_id, position, kind, text) "
        "values (99999, 1, 99999, 'text', 'A zeppelin over Riga.')"
    )
    assert answers(db, "zeppelin") == [99999]
    db.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")


def being_built(path, passages: int) -> sqlite_utils.Database:
    """A database as a build leaves it once every passage is written."""
    db = sqlite_utils.Database(path)
    storage.create_schema(db)
    db["documents"].insert({"id": 1, "filename": "a.txt"})
    with db.atomic():
        db.conn.executemany(
            "insert into passages (id, document_id, position, kind, text) "
            "values (?, 1, ?, 'text', ?)",
            ((i, i, sentence(i)) for i in range(1, passages + 1)),
        )
    return db


def test_a_filler_that_cannot_write_fails_the_build_where_it_waits_for_the_index(
    tmp_path, monkeypatch
):
    db = being_built(tmp_path / "c.db", 100)
    unwritable = tmp_path / "no such folder" / "index"
    monkeypatch.setattr(search_index, "scratch_path", lambda build: unwritable)
    with (
        storage.index_beside(db, tmp_path / "c.db") as filler,
        pytest.raises(sqlite3.OperationalError, match="unable to open"),
    ):
        storage.put_search_index(db, filler)
    assert not filler.thread.is_alive()


def test_where_the_filesystem_has_no_wal_the_index_is_filled_when_asked_for(tmp_path, monkeypatch):
    db = being_built(tmp_path / "c.db", 3000)
    monkeypatch.setattr(search_index, "CONCURRENT_JOURNAL", "unknown")
    with storage.index_beside(db, tmp_path / "c.db") as filler:
        assert filler.thread.ident is None  # no thread reads beside the build's writes
        storage.put_search_index(db, filler)
    assert len(answers(db, "treaty")) == 3000 and len(answers(db, "Riga")) == 1000
    db.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")


@pytest.mark.timeout(120)
def test_a_build_stopped_while_the_index_fills_ends_its_thread_and_leaves_no_scratch(tmp_path):
    db = being_built(tmp_path / "c.db", 200_000)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), storage.index_beside(db, tmp_path / "c.db") as filler:
        time.sleep(0.2)
        raise KeyboardInterrupt
    assert time.monotonic() - started < 3
    assert not filler.thread.is_alive()
    assert isinstance(filler.error, sqlite3.OperationalError)  # interrupted, not finished
    assert not scratch_path(tmp_path / "c.db").exists()
