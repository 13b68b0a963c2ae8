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
        False,
        (),
    )


def test_a_passage_keeps_its_text_as_read_only_where_citations_made_it_differ():
    cleaned = extract_rules([record("Signed in 1939.[4]"), record("Signed in 1939.")], False)
    columns = list(storage.STREAMED_TABLES["passages"])
    changed, same = (
        dict(zip(columns, row, strict=True))
        for row in storage.passage_rows(cleaned.passages, {7: [(1939, 1940)]})
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
    storage.insert_batch(
        db,
        {
            "passages": storage.passage_rows(
                extract_rules([record("Molotov in Berlin.")], False).passages, {}
            ),
            "mentions": [storage.mention_row(7, 0, 7, "Molotov", "PERSON", 1)],
        },
    )
    (passage,) = db["passages"].rows
    assert (passage["id"], passage["document_id"], passage["text"]) == (7, 1, "Molotov in Berlin.")
    (mention,) = db["mentions"].rows
    assert (mention["passage_id"], mention["text"], mention["entity_id"]) == (7, "Molotov", None)


def test_the_rules_results_cross_back_without_the_text_the_build_sent():
    texts = ["Molotov reached Berlin on 12 November 1940.", "Signed in 1939.[4]"]
    sent = PassageBatch([record(text)._replace(id=n) for n, text in enumerate(texts, 1)])
    crossed = pickle.loads(ForkingPickler.dumps(extract_rules(sent, False)))
    returned = bytes(ForkingPickler.dumps(crossed))
    assert b"Molotov" not in returned and b"[4]" not in returned  # the clean text, if it differs
    crossed.sent = sent
    assert [p.text for p in crossed.passages] == [texts[0], "Signed in 1939."]
    assert [p.raw_text for p in crossed.passages] == [None, texts[1]]
    assert crossed.passages == extract_rules(sent, False).passages
