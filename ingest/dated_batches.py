"""Dates in context, batch by batch: the rule stage's worker resolves its batch's dates in
their documents' contexts (ingest.dates.DateContext), counts them into the batch's timeline
and lists the years each passage's dates cover; the build carries each document's narrative
from one batch to the next.

Only a batch's first document can have begun in an earlier batch. Where its narrative stood
there decides just the yearless days written before the batch's first date of it that moves
the narrative on (`3 April`, after `2 March 1916` in the batch before); the worker reads them
as if the document began in its batch and lists them as `open_days`, and the build reads them
again where the narrative it carries says otherwise. Every other date reads the same wherever
the batch begins, so the rows are those of one pass over the whole corpus."""

from collections import Counter
from dataclasses import dataclass

from .dates import Date, DateContext, Deictic
from .passages import PassageAsSent
from .storage import years_arrays
from .timeline import PASSAGE, Timeline


@dataclass
class BatchDates:
    """A batch's dates, resolved by its worker."""

    rows: list[tuple]  # the dates table's rows (no id yet), in passage order
    years: dict[int, str]  # the years each passage's dates cover (storage.years_arrays)
    timeline: dict[str, Counter]  # the batch's changes to the corpus's timeline (Timeline)
    first_document: int
    first_document_date: str | None
    open_days: list[tuple[int, Date]]  # (row index, the yearless day as found)
    moved: bool  # whether a date of the first document moved its narrative on
    last_document: int
    last_fixed: Date | None  # where the batch leaves its last document's narrative


def resolve_batch(
    passages: list[PassageAsSent], found: list[tuple[PassageAsSent, Date | Deictic]]
) -> BatchDates:
    """The dates `found` (a passage, and a date as the passage alone fixes it), of the
    `passages` sent (a batch is never empty), resolved in their documents' contexts, as if the
    batch's first document began in it."""
    first, last = passages[0], passages[-1]
    rows, open_days = [], []
    document, context, first_context = None, DateContext(), None
    for passage, item in found:
        if passage.document_id != document:
            document = passage.document_id
            context = DateContext(passage.document_date)
            if document == first.document_id:
                first_context = context
        yearless = type(item) is Date and item.earliest is None
        if yearless and context is first_context and context.last_fixed is None:
            open_days.append((len(rows), item))
        date = context.resolved(item)
        if date is not None:
            rows.append((None, passage.id, *date))
    timeline = Timeline()
    return BatchDates(
        rows,
        years_arrays(timeline.add(rows)),
        timeline.changes,
        first.document_id,
        first.document_date,
        open_days,
        first_context is not None and first_context.last_fixed is not None,
        last.document_id,
        context.last_fixed if document == last.document_id else None,
    )


class Narratives:
    """The build's side: where the narrative of the document the last batch ended in stands,
    carried into the next batch."""

    def __init__(self):
        self.document: int | None = None
        self.last_fixed: Date | None = None

    def carry_into(self, batch: BatchDates, timeline: Timeline) -> None:
        """The batch's open days read again where the narrative carried from the batch
        before fixes them, its rows, years and timeline changed to match (the changes added to
        `timeline`); then the narrative carried on past the batch."""
        timeline.merge(batch.timeline)
        continues = batch.first_document == self.document
        if continues and self.last_fixed is not None and batch.open_days:
            self.reopen(batch, timeline)
        if not continues or batch.moved or batch.last_document != batch.first_document:
            self.document, self.last_fixed = batch.last_document, batch.last_fixed

    def reopen(self, batch: BatchDates, timeline: Timeline) -> None:
        context = DateContext(batch.first_document_date)
        context.last_fixed = self.last_fixed
        touched = {batch.rows[index][PASSAGE] for index, _ in batch.open_days}
        before = [row for row in batch.rows if row[PASSAGE] in touched]
        for index, day in batch.open_days:
            batch.rows[index] = (None, batch.rows[index][PASSAGE], *context.resolved(day))
        timeline.remove(before)
        covered = timeline.add([row for row in batch.rows if row[PASSAGE] in touched])
        for passage_id in touched:
            batch.years.pop(passage_id, None)
        batch.years.update(years_arrays(covered))
        if not batch.moved:
            self.last_fixed = context.last_fixed
