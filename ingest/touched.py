"""The passages an update touched, and what their mentions were before: what the form counts,
the entities' counts, their co-occurrences and the passages' names are brought up to date by
(ingest.form_counts, ingest.entity_tables), rather than counted again over the whole corpus."""

import sqlite_utils

from .form_counts import NO_LANGUAGE, FormCounts, counting_sql


class TouchedPassages:
    """Passages whose mentions an update changes: their documents taken out or read, their
    agreement redone, their mentions given other entities. Each is touched before its
    mentions change, which keeps what they were: the entities they gave it (temp table
    `entities_before`: one row per passage and entity, with its mentions there) and the
    form counts (`forms_before`). Every change to the mentions is in a touched passage."""

    def __init__(self, db: sqlite_utils.Database, agreement_id: int):
        self.db = db
        self.agreement_id = agreement_id  # agreement's source, or 0 for none
        # The last passage id before those the update reads, once known: those after it had
        # no mentions before.
        self.read_after: int | None = None
        self.stored_counts = FormCounts.stored(db)
        db.execute("create temp table touched (id integer primary key)")
        db.execute(
            "create temp table entities_before (passage_id integer, entity_id integer, "
            "mentions integer)"
        )
        db.execute(
            "create temp table forms_before (form text, label text, language text, "
            "by_agreement integer, mentions integer)"
        )

    def touch(self, passage_ids: str, parameters: tuple = ()) -> None:
        """The passages the SQL query `passage_ids` selects, touched."""
        with self.db.atomic():
            self.db.execute(
                "create temp table newly_touched as select * from "
                f"({passage_ids}) as selected where selected.id not in temp.touched",
                parameters,
            )
            before = "where id <= ?" if self.read_after is not None else ""
            self.db.execute(
                f"create temp table touched_before as select id from temp.newly_touched {before}",
                [self.read_after] if before else [],
            )
            self.db.execute(
                "insert into temp.entities_before select passage_id, entity_id, count(*) "
                "from mentions where passage_id in temp.touched_before and entity_id is not null "
                "group by passage_id, entity_id"
            )
            self.db.execute(
                "insert into temp.forms_before "
                + counting_sql("m.passage_id in temp.touched_before"),
                [NO_LANGUAGE, self.agreement_id],
            )
            self.db.execute("insert or ignore into temp.touched select id from temp.newly_touched")
            self.db.execute("drop table temp.newly_touched")
            self.db.execute("drop table temp.touched_before")

    def form_counts(self) -> FormCounts:
        """The form counts of the mentions as they are now: the stored, less what the touched
        passages held before, plus what they hold now (the passages read touched first)."""
        self.touch("select id from passages where id > ?", (self.read_after,))
        counts = FormCounts(self.stored_counts)
        for form, label, language, by_agreement, n in self.db.execute(
            "select * from temp.forms_before"
        ):
            counts[form, label, language, by_agreement] -= n
        counts.update(
            FormCounts.of_mentions(self.db, self.agreement_id, "m.passage_id in temp.touched")
        )
        return counts

    def close(self) -> None:
        """The form counts kept as they now are; the temp tables gone."""
        self.form_counts().store(self.db, self.stored_counts)
        for table in ("touched", "entities_before", "forms_before"):
            self.db.execute(f"drop table temp.{table}")
