"""How many mentions write each name form with each label in each language, agreement's apart:
what agreement and linking read of the mentions. A build counts them over the mentions and
keeps the counts (table form_counts); an update takes from the kept counts what the passages it
touches held before and adds what they hold now (ingest.touched), rather than counting over
the whole corpus again."""

from collections import Counter

import sqlite_utils

NO_LANGUAGE = ""  # a passage of no words has none


def counting_sql(where: str = "") -> str:
    """A query of the counts of the stored mentions `m` that the SQL condition `where` selects
    (all, if none), rows as FormCounts' keys and counts; its parameters: NO_LANGUAGE,
    agreement's source id, then the condition's."""
    return (
        "select m.text, m.label, coalesce(p.language, ?), m.source_id = ?, count(*) "
        "from mentions m join passages p on p.id = m.passage_id "
        f"{'where ' + where if where else ''} group by 1, 2, 3, 4"
    )


class FormCounts(Counter):
    """(form, label, language, by agreement) -> mentions."""

    @classmethod
    def of_mentions(
        cls, db: sqlite_utils.Database, agreement_id: int, where: str = "", parameters=()
    ) -> "FormCounts":
        """The counts of the stored mentions `m` (those the SQL condition `where` selects, if
        given, with its `parameters`); `agreement_id`: agreement's source."""
        return cls(
            {
                (form, label, language, by_agreement): n
                for form, label, language, by_agreement, n in db.execute(
                    counting_sql(where), [NO_LANGUAGE, agreement_id, *parameters]
                )
            }
        )

    @classmethod
    def stored(cls, db: sqlite_utils.Database) -> "FormCounts":
        return cls(
            {
                (form, label, language, by_agreement): n
                for form, label, language, by_agreement, n in db.execute(
                    "select form, label, language, by_agreement, mentions from form_counts"
                )
            }
        )

    def store(self, db: sqlite_utils.Database, stored: "FormCounts | None" = None) -> None:
        """These counts kept in the table, where it holds the `stored` (else nothing)."""
        stored = stored or FormCounts()
        changed = [key for key in self.keys() | stored.keys() if self[key] != stored[key]]
        with db.atomic():
            db.conn.executemany(
                "insert or replace into form_counts values (?, ?, ?, ?, ?)",
                ((*key, self[key]) for key in sorted(changed) if self[key] > 0),
            )
            db.conn.executemany(
                "delete from form_counts where form = ? and label = ? and language = ? "
                "and by_agreement = ?",
                (key for key in changed if self[key] <= 0),
            )

    def labels(self, with_agreement: bool = True) -> list[tuple[str, str, int]]:
        """(form, label, mentions), in that order (agreement's left out unless
        `with_agreement`): linking's and agreement's input."""
        summed: Counter = Counter()
        for (form, label, _, by_agreement), n in self.items():
            if n > 0 and (with_agreement or not by_agreement):
                summed[form, label] += n
        return [(form, label, n) for (form, label), n in sorted(summed.items())]

    def languages(self) -> dict[str, str]:
        """Each form -> the language most of its mentions' passages are in (of two as many,
        the first in the alphabet)."""
        summed: Counter = Counter()
        for (form, _, language, _), n in self.items():
            if language != NO_LANGUAGE:
                summed[form, language] += n
        counts: dict[str, tuple[int, str]] = {}
        for (form, language), n in sorted(summed.items()):
            if n > counts.get(form, (0, ""))[0]:
                counts[form] = (n, language)
        return {form: language for form, (_, language) in counts.items()}
