"""Storage: records into rows, and the rows into the schema."""

import pickle
from multiprocessing.reduction import ForkingPickler

import sqlite_utils

from ingest import storage
from ingest.passages import PassageBatch, PassageRecord
from ingest.stages import extract_rules


def record(raw_text: str) -> PassageRecord:
    """A passage as read, before the rule stage."""
    return PassageRecord(
        7,
        1,
        3,
        10,
        11,
        None,
        "Chapter I",
        "text",
        None,
        None,
        raw_text,
        None,
        None,
        None,
        "en",
        None,
        None,
        (),
    )


def test_a_passage_keeps_its_text_as_read_only_where_citations_made_it_differ():
    sent = PassageBatch([record("Signed in 1939.[4]"), record("Signed in 1939.")])
    cleaned = extract_rules(sent, False)
    columns = list(storage.STREAMED_TABLES["passages"])
    changed, same = (
        dict(zip(columns, row, strict=False))
        for row in cleaned.records(storage.years_arrays({7: [(1939, 1940)]}))
    )
    assert (changed["text"], changed["raw_text_if_changed"]) == (
        "Signed in 1939.",
        "Signed in 1939.[4]",
    )
    assert (same["text"], same["raw_text_if_changed"]) == ("Signed in 1939.", None)
    assert same["section"] == "Chapter I" and same["line_number"] == 10
    assert changed["years"] == same["years"] == "[1939]"  # the years its resolved dates cover


def test_rows_go_into_the_schema_in_its_column_order():
    db = sqlite_utils.Database(memory=True)
    storage.create_schema(db)
    passages = extract_rules(PassageBatch([record("Molotov in Berlin, 1940.")]), False).records(
        storage.years_arrays({7: [(1940, 1941)]})
    )
    storage.insert_batch(
        db,
        {
            "passages": passages,
            "mentions": [storage.mention_row(7, 0, 7, "Molotov", "PERSON", 1)],
        },
    )
    (passage,) = db["passages"].rows
    assert (passage["id"], passage["document_id"], passage["text"]) == (
        7,
        1,
        "Molotov in Berlin, 1940.",
    )
    assert (passage["section"], passage["page"], passage["years"]) == ("Chapter I", None, "[1940]")
    (mention,) = db["mentions"].rows
    assert (mention["passage_id"], mention["text"], mention["entity_id"]) == (7, "Molotov", None)


def test_the_rules_results_cross_back_without_the_text_the_build_sent():
    texts = ["Molotov reached Berlin on 12 November 1940.", "Signed in 1939.[4]"]
    sent = PassageBatch([record(text)._replace(id=n) for n, text in enumerate(texts, 1)])
    crossed = pickle.loads(ForkingPickler.dumps(extract_rules(sent, False)))
    returned = bytes(ForkingPickler.dumps(crossed))
    assert b"Molotov" not in returned and b"[4]" not in returned  # the clean text, if it differs
    crossed.sent = sent
    passages = crossed.records({})
    assert [p.text for p in passages] == [texts[0], "Signed in 1939."]
    assert [p.raw_text for p in passages] == [None, texts[1]]
    assert passages == extract_rules(sent, False).records({})


def test_a_batch_leaves_to_sqlite_only_the_columns_no_row_fills():
    db = sqlite_utils.Database(memory=True)
    storage.create_schema(db)
    on_a_page = record("Signed in 1939.")._replace(id=8, page=3)
    passages = extract_rules(PassageBatch([record("Signed."), on_a_page]), False).records({})
    storage.insert_batch(
        db,
        {
            "passages": passages,
            "citations": [(None, 7, "[1]", None, 7, 10), (None, 8, "[2]", "*", 15, 18)],
        },
    )
    stored = db.execute("select id, page, section, text_hash from passages order by id")
    assert stored.fetchall() == [(7, None, "Chapter I", None), (8, 3, "Chapter I", None)]
    citations = db.execute("select id, passage_id, char from citations order by id").fetchall()
    assert citations == [(1, 7, None), (2, 8, "*")]


def test_a_batch_crosses_to_the_rule_stage_with_only_what_it_reads():
    sent = PassageBatch([record("Signed in 1939.[4]")._replace(section="Chapter XIV")])
    data = bytes(ForkingPickler.dumps(sent))
    assert b"Chapter XIV" not in data and b"Signed in 1939.[4]" in data
    crossed = pickle.loads(data)
    assert pickle.loads(ForkingPickler.dumps(crossed)) == crossed  # passed on as it came
    found, expected = extract_rules(crossed, False), extract_rules(sent, False)
    assert (found.found, found.citations, found.dates) == (
        expected.found,
        expected.citations,
        expected.dates,
    )
