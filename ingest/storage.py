"""Storage: records turned into rows, the SQLite schema written with sqlite-utils, and the
full-text index (the file itself: ingest.target_file).

The tables are the public SQL interface; metadata.json describes every column (a test holds
the two together). Offsets are 0-based code points into passages.text.
"""

import datetime
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import sqlite_utils

from .search_index import IndexFiller, index_filled_beside
from .spellings import name_spelling_rows

# Porter stemming over unicode61 with diacritics folded: `treaties` finds `treaty`,
# `Weizsacker` finds `Weizsäcker`. Built-in tokenizers only, so any sqlite3 shell can query it.
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
FTS_COLUMNS = ["text", "folded_terms", "stems"]
TEXT_HASH_INDEX = "passages_text_hash"
# What sqlite-utils' enable_fts(create_triggers=True) adds, added here once the index is
# filled in one pass (ingest.search_index): FTS5 inserts fired by triggers cost six times that.
FTS_TRIGGERS = """
create trigger passages_ai after insert on passages begin
  insert into passages_fts (rowid, text, folded_terms, stems)
  values (new.rowid, new.text, new.folded_terms, new.stems);
end;
create trigger passages_ad after delete on passages begin
  insert into passages_fts (passages_fts, rowid, text, folded_terms, stems)
  values ('delete', old.rowid, old.text, old.folded_terms, old.stems);
end;
create trigger passages_au after update of text, folded_terms, stems on passages begin
  insert into passages_fts (passages_fts, rowid, text, folded_terms, stems)
  values ('delete', old.rowid, old.text, old.folded_terms, old.stems);
  insert into passages_fts (rowid, text, folded_terms, stems)
  values (new.rowid, new.text, new.folded_terms, new.stems);
end;
"""


# What linking and agreement weigh of every passage, kept for an update to add to and take
# from (ingest.facts.Evidence): each table's key columns and its count's.
EVIDENCE_TABLES = {
    "acronym_definitions": (("acronym", "name"), "times"),
    "locative_forms": (("form",), "mentions"),
    "lowercase_words": (("word",), "passages"),
}

DOCUMENT_COLUMNS = {
    "id": int,
    "filename": str,
    "path": str,
    "format": str,
    "title": str,
    "author": str,
    "date": str,
    "url": str,
    "language": str,  # ISO 639-1: as the source or documents.csv says, else as detected
    "extra": str,  # every other metadata field, as a JSON object
    "passages": int,
}
# Python's sqlite3 binds a None it has no adapter for only after looking for one and for the
# adaptation protocol's methods, 0.4 µs each time: a tenth of the streamed inserts' time,
# whose rows leave a column or two empty (a clean text as read, a date without a modifier).
# A C function that gives the None back is found at once, and the None is bound as NULL.
sqlite3.register_adapter(type(None), {}.get)

# The tables the build writes row by row, with their columns in the order rows give them.
STREAMED_TABLES = {
    "passages": {
        "id": int,
        "document_id": int,
        "position": int,
        "line_number": int,
        "last_line_number": int,
        "page": int,
        "section": str,
        "kind": str,
        "cited_by": int,
        "text": str,
        "raw_text_if_changed": str,
        "folded_terms": str,
        "stems": str,
        "text_hash": int,
        "language": str,
        "years": str,  # a JSON array, for Datasette's `_facet_array`
    },
    "citations": {
        "id": int,
        "passage_id": int,
        "marker": str,
        "char": int,
        "raw_start": int,
        "raw_end": int,
    },
    "dates": {
        "id": int,
        "passage_id": int,
        "start_char": int,
        "end_char": int,
        "text": str,
        "value": str,
        "earliest": str,
        "latest": str,
        "precision": str,
        "modifier": str,
        "year_start": int,
        "year_end": int,
        "anchor": str,
    },
    "mentions": {
        "id": int,
        "passage_id": int,
        "entity_id": int,
        "start_char": int,
        "end_char": int,
        "text": str,
        "label": str,
        "source_id": int,
    },
}


def create_schema(db: sqlite_utils.Database) -> None:
    db["documents"].create(DOCUMENT_COLUMNS, pk="id")
    # What a reader calls the document: the label of every link to it.
    db.execute(
        "alter table documents add column name text "
        "generated always as (coalesce(title, filename)) virtual"
    )
    db["passages"].create(
        STREAMED_TABLES["passages"], pk="id", foreign_keys=[("document_id", "documents", "id")]
    )
    # Most lines have no marker and read as their clean text: the line as written is stored
    # only where it differs, and raw_text is computed from the two on reading.
    db.execute(
        "alter table passages add column raw_text text "
        "generated always as (coalesce(raw_text_if_changed, text)) virtual"
    )
    # A JSON array for Datasette's `_facet_array`, filled once the entities are linked.
    db.execute("alter table passages add column entity_names text")
    # The full-text index, empty until every passage is in (index_beside).
    db["passages"].enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZER)
    for table in ("citations", "dates"):
        db[table].create(
            STREAMED_TABLES[table], pk="id", foreign_keys=[("passage_id", "passages", "id")]
        )
    # Without a rowid, the primary key is the table: one row per (year, date), read by year.
    db.execute(
        "create table date_years (year integer not null, date_id integer not null "
        "references dates(id), primary key (year, date_id)) without rowid"
    )
    # Counted as the dates are written (ingest.timeline): the page would otherwise join them all.
    db.execute(
        "create table timeline (year integer primary key, dates integer, passages integer, "
        "stated_dates integer, stated_passages integer)"
    )
    db["entities"].create(
        {
            "id": int,
            "name": str,
            "type": str,
            "mentions": int,
            "passages": int,
            "geonames_id": int,
            "latitude": float,
            "longitude": float,
            "country_code": str,
        },
        pk="id",
    )
    db["entity_aliases"].create(
        {"entity_id": int, "alias": str, "language": str, "mentions": int},
        pk=("entity_id", "alias"),
        foreign_keys=[("entity_id", "entities", "id")],
    )
    # Each name's spellings, for the search: what `Molotov` also finds (ingest.spellings).
    db.execute(
        "create table name_spellings (spelling text not null, form text not null, "
        "entity_id integer references entities(id))"
    )
    db.execute(
        "create table cooccurrence (entity_a integer not null references entities(id), "
        "entity_b integer not null references entities(id), passages integer, "
        "primary key (entity_a, entity_b)) without rowid"
    )
    db["sources"].create({"id": int, "name": str}, pk="id")
    db["mentions"].create(
        STREAMED_TABLES["mentions"],
        pk="id",
        foreign_keys=[
            ("passage_id", "passages", "id"),
            ("entity_id", "entities", "id"),
            ("source_id", "sources", "id"),
        ],
    )
    for table, (key, count) in EVIDENCE_TABLES.items():
        columns = ", ".join(f"{column} text not null" for column in key)
        db.execute(
            f"create table {table} ({columns}, {count} integer, "
            f"primary key ({', '.join(key)})) without rowid"
        )
    # The name forms agreement found wherever they stand (ingest.agreement), for an update.
    db.execute("create table agreed_forms (form text primary key, label text) without rowid")
    db.execute(
        "create table form_counts (form text not null, label text not null, language text not "
        "null, by_agreement integer not null, mentions integer, "
        "primary key (form, label, language, by_agreement)) without rowid"
    )
    db["build_info"].create({"key": str, "value": str}, pk="key")
    db["source_files"].create({"path": str, "digest": str}, pk="path")


def years_arrays(spans: dict[int, list[tuple[int, int]]]) -> dict[int, str]:
    """The years each passage's dates cover (as spans of first and following year, by
    passage id, in order and apart), as SQLite's json_group_array writes them:
    `[1939,1940,1941]`."""
    return {passage_id: years_array(tuple(covered)) for passage_id, covered in spans.items()}


@lru_cache(maxsize=10_000)
def years_array(spans: tuple[tuple[int, int], ...]) -> str:
    """`[1910,1911,...,1919]` for the spans: the same recur, and a century's takes a hundred
    numbers."""
    return "[" + ",".join([",".join(map(str, range(start, end))) for start, end in spans]) + "]"


def mention_row(
    passage_id: int, start: int, end: int, text: str, label: str, source_id: int
) -> tuple:
    """A row of mentions, in the column order of STREAMED_TABLES; its id SQLite's to give and
    its entity the linking's."""
    return (None, passage_id, None, start, end, text, label, source_id)


def insert_documents(db: sqlite_utils.Database, rows: list[dict]) -> None:
    db["documents"].insert_all(rows)


def insert_batch(db: sqlite_utils.Database, tables: dict[str, list[tuple]]) -> None:
    """Rows of streamed tables, as tuples in each table's column order, in one transaction
    (a passage's record, whose fields after the table's columns are left out).
    One prepared statement per table: the build's hot path, where insert_all's per-row dicts
    and type checks cost half the time."""
    with db.atomic():
        for table, rows in tables.items():
            if rows:
                columns, rows = filled_columns(list(STREAMED_TABLES[table]), rows)
                db.conn.executemany(
                    f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                    f"values ({', '.join('?' * len(columns))})",
                    rows,
                )


def filled_columns(columns: list[str], rows: list[tuple]) -> tuple[list[str], Iterable[tuple]]:
    """The columns some row fills, and the rows cut to them: a column empty in every row
    (an id SQLite is to number, a plain text's pages and sections, a build's text hashes
    without entities) is left to SQLite's NULL: a None bound costs three integers' time
    even through its adapter (above), a column left out nothing."""
    filled = [i for i in range(len(columns)) if any(row[i] is not None for row in rows)]
    if len(filled) == len(rows[0]):
        return columns, rows
    cut = itemgetter(*filled)  # every streamed row has at least its passage's id and a value
    return [columns[i] for i in filled], map(cut, rows)


def index_beside(db: sqlite_utils.Database, path: Path) -> AbstractContextManager[IndexFiller]:
    """The full-text index, filling from the passages of the database being built at `path`,
    all written, while the block goes on (ingest.search_index)."""
    return index_filled_beside(db, path, "passages_fts", "passages", FTS_COLUMNS)


def index_passages(db: sqlite_utils.Database, with_entities: bool) -> None:
    """The indexes the corpus-level stages query by, and the one by which a later update's
    extraction cache finds the few passages it asks for."""
    db["passages"].create_index(["document_id", "position"], unique=True, if_not_exists=True)
    db["mentions"].create_index(["passage_id"], if_not_exists=True)
    if with_entities:
        db.execute(
            f"create index if not exists {TEXT_HASH_INDEX} on passages (text_hash) "
            "where text_hash is not null"
        )


def put_search_index(db: sqlite_utils.Database, filled: IndexFiller) -> None:
    """The full-text index, once `filled`, put in place, with the triggers that keep it in
    step with later changes."""
    filled.copy_into(db)
    db.executescript(FTS_TRIGGERS)


def insert_sources(db: sqlite_utils.Database, source_ids: dict[str, int]) -> None:
    db["sources"].insert_all(
        ({"id": i, "name": name} for name, i in source_ids.items()), replace=True
    )


def record_build(db: sqlite_utils.Database, built_from) -> None:
    """What the database was built from (an ingest.updates.BuiltFrom), for the next build to
    the same path to tell what changed."""
    db["build_info"].insert_all(
        [
            {"key": "extractor_version", "value": built_from.extractor_version},
            {"key": "settings_digest", "value": built_from.settings},
            {"key": "inputs_digest", "value": built_from.inputs_digest()},
            {"key": "built_at", "value": datetime.datetime.now(datetime.UTC).isoformat()},
        ],
        replace=True,
    )
    db.execute("delete from source_files")
    db["source_files"].insert_all(
        {"path": path, "digest": digest} for path, digest in built_from.sources.items()
    )


def describe_corpus(db: sqlite_utils.Database, info: dict) -> None:
    """The corpus's title, description, licence and source: one row the explorer shows."""
    if db["corpus_info"].exists():
        db.execute("delete from corpus_info")
    db["corpus_info"].insert(info)


def add_to_timeline(db: sqlite_utils.Database, changes: Iterable[dict]) -> None:
    """Rows of ingest.timeline (whole years, or the changes an update makes) added to the
    timeline table; the years no date covers any longer left out."""
    with db.atomic():
        db.conn.executemany(
            "insert into timeline values "
            "(:year, :dates, :passages, :stated_dates, :stated_passages) "
            "on conflict (year) do update set dates = dates + excluded.dates, "
            "passages = passages + excluded.passages, "
            "stated_dates = stated_dates + excluded.stated_dates, "
            "stated_passages = stated_passages + excluded.stated_passages",
            changes,
        )
        db.execute("delete from timeline where dates = 0")


def write_entities(
    db: sqlite_utils.Database, entity_rows: list[dict], alias_rows: list[dict]
) -> None:
    """Entities and their aliases, each mention given its form's entity, and what is counted
    of them: mentions and passages, co-occurrences, each passage's names."""
    with db.atomic():
        db["entities"].insert_all(entity_rows, batch_size=1000)
        db["entity_aliases"].insert_all(alias_rows, batch_size=1000)
        db["entity_aliases"].create_index(["alias"], unique=True, if_not_exists=True)
        # Each surface form belongs to exactly one entity; a form curated away belongs to none.
        db.execute(
            "update mentions set entity_id = "
            "(select entity_id from entity_aliases where alias = mentions.text)"
        )
        db.execute("delete from mentions where entity_id is null")
        db["mentions"].create_index(["entity_id"], if_not_exists=True)
        db.execute(
            "update entities set mentions = (select count(*) from mentions "
            "where entity_id = entities.id), passages = (select count(distinct passage_id) "
            "from mentions where entity_id = entities.id)"
        )
    count_cooccurrences(db)
    set_entity_names(db)


def finish(db: sqlite_utils.Database) -> None:
    """The documents' counts, the remaining indexes and the views."""
    db.execute(
        "update documents set passages = "
        "(select count(*) from passages where document_id = documents.id)"
    )
    # A passage's notes, for its page: the few passages that are notes.
    db.execute(
        "create index if not exists passages_cited_by on passages (cited_by) "
        "where cited_by is not null"
    )
    for table, column in [
        ("cooccurrence", "entity_b"),
        ("citations", "passage_id"),
        ("dates", "passage_id"),
        ("date_years", "date_id"),
        ("mentions", "source_id"),
        # Once the counts over every mention are made: SQLite would read them by it, 3x slower.
        ("mentions", "text"),
        ("entities", "type"),
        ("entities", "name"),
    ]:
        db[table].create_index([column], if_not_exists=True)
    # Links relative to the view's page: the database may be served under any name.
    db.create_view(
        "places",
        """select id, name, type, mentions, passages, latitude, longitude, country_code,
  geonames_id, json_object('title', name, 'description', type || ', ' || mentions ||
  ' mentions in ' || passages || ' passages', 'link', 'entities/' || id) as popup
from entities where latitude is not null order by mentions desc""",
        replace=True,
    )


def finish_with_search_index(db: sqlite_utils.Database) -> None:
    """What reads the full-text index: each name's spellings in the search; then statistics
    from a sample of each index, as SQLite advises for large databases."""
    write_name_spellings(db)
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


def write_name_spellings(db: sqlite_utils.Database) -> None:
    forms = db.execute(
        "select entity_id, alias, type, language from entity_aliases "
        "join entities on entities.id = entity_aliases.entity_id"
    ).fetchall()
    db.execute("create virtual table temp.index_terms using fts5vocab(main, passages_fts, row)")
    terms = db.execute("select term from temp.index_terms")
    rows = name_spelling_rows(forms, (term for (term,) in terms))
    terms.close()  # read to the end only where there are names to spell
    db.execute("drop table temp.index_terms")
    with db.atomic():
        db.conn.executemany("insert into name_spellings values (?, ?, ?)", rows)
    db["name_spellings"].create_index(["spelling"], if_not_exists=True)
    db["name_spellings"].create_index(["entity_id"], if_not_exists=True)


def add_date_years(db: sqlite_utils.Database, after_date: int = 0) -> None:
    """A row for each year covered by each date numbered after `after_date`, written once
    every date is in: each date joined to a table of every year from the first to the last
    (half the time of counting the years up in a recursive query), in the table's order."""
    first, last = db.execute(
        "select min(year_start), max(year_end) from dates where id > ?", [after_date]
    ).fetchone()
    if first is None:
        return
    db.execute("create temp table every_year (year integer primary key)")
    with db.atomic():
        db.conn.executemany(
            "insert into temp.every_year values (?)", ((y,) for y in range(first, last + 1))
        )
        db.execute(
            "insert into date_years (year, date_id) select every_year.year, dates.id "
            "from dates join temp.every_year "
            "on every_year.year between dates.year_start and dates.year_end "
            "where dates.id > ? order by every_year.year, dates.id",
            [after_date],
        )
    db.execute("drop table temp.every_year")


def set_entity_names(db: sqlite_utils.Database, passages: str = "") -> None:
    """Each passage's `entity_names`: the canonical names of the entities it mentions, as a
    JSON array; only for the passages whose ids the SQL table `passages` holds, where given."""
    within = f"where mentions.passage_id in {passages} " if passages else ""
    with db.atomic():
        if passages:
            db.execute(f"update passages set entity_names = null where id in {passages}")
        db.execute(
            "update passages set entity_names = named.names from ("
            "select passage_id, json_group_array(name) as names from ("
            "select distinct mentions.passage_id, entities.name from mentions "
            f"join entities on entities.id = mentions.entity_id {within}"
            "order by mentions.passage_id, entities.name) group by passage_id"
            ") as named where named.passage_id = passages.id"
        )


def count_cooccurrences(db: sqlite_utils.Database) -> None:
    """Pairs of entities named in the same passages, each pair once (entity_a < entity_b)."""
    db.execute(
        "create temp table passage_entities as select distinct passage_id, entity_id "
        "from mentions order by passage_id"
    )
    with db.atomic():
        db.execute(
            "insert into cooccurrence (entity_a, entity_b, passages) "
            "select a.entity_id, b.entity_id, count(*) from temp.passage_entities a "
            "join temp.passage_entities b on b.passage_id = a.passage_id "
            "and b.entity_id > a.entity_id group by a.entity_id, b.entity_id"
        )
    db.execute("drop table temp.passage_entities")
