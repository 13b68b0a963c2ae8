"""A passage as it moves through the build: numbered and placed as read, then given its clean
text by the rule stage and the years its dates cover once they are resolved in their
document's context. Its fields before `document_date` are the passages table's columns, in
their order: the record is its row."""

from operator import itemgetter
from typing import NamedTuple


class PassageRecord(NamedTuple):
    id: int
    document_id: int
    position: int  # in its document, from 1
    line_number: int | None  # its first and last lines in the source, from 1
    last_line_number: int | None
    page: int | None
    section: str | None
    kind: str  # text, note, heading or table
    cited_by: int | None  # a note's: the passage whose text cites it
    text: str | None  # the rule stage's: citation markers removed
    # As read, citation markers and all; after the rule stage None where that is its clean text
    # (most passages), so that the text is not carried twice.
    raw_text: str | None
    folded_terms: str | None  # the rule stage's: words' plain spellings for the index
    stems: str | None  # the rule stage's: its words' stems in its language, for the index
    text_hash: int | None  # the rule stage's, in builds with entities: the cache's key
    language: str | None  # ISO 639-1: its document's as read, its own after the rule stage
    years: str | None  # the years its dates cover, a JSON array (storage.years_arrays)
    document_date: str | None  # its document's, against which its deictic dates count
    annotations: tuple  # its edition's names and dates as read (Annotation), for the rule stage


class PassageAsSent(NamedTuple):
    """What the rule stage reads of a passage's record: all that crosses to its worker."""

    id: int
    document_id: int
    raw_text: str
    language: str | None
    document_date: str | None
    annotations: tuple


SENT_FIELDS = itemgetter(*map(PassageRecord._fields.index, PassageAsSent._fields))


class PassageBatch(list):
    """Records in order, as they cross to the rule stage's workers: only the fields it reads
    (PassageAsSent), pickled as plain tuples, since a named tuple pickles through Python code
    of its own for each record, twice as slow."""

    def __reduce__(self):
        return batch_of, (list(map(SENT_FIELDS, self)),)


class SentBatch(list):
    """A batch as the rule stage's worker receives it (PassageAsSent records), crossing on
    the same way where it is passed on (a Dask scheduler's)."""

    def __reduce__(self):
        return batch_of, (list(map(tuple, self)),)


def batch_of(rows: list[tuple]) -> SentBatch:
    new = tuple.__new__  # what PassageAsSent._make does, without a call per record
    return SentBatch([new(PassageAsSent, row) for row in rows])
