"""A passage as it moves through the build: numbered and placed as read, then given its clean
text by the rule stage; storage turns it into its row. Its fields before `document_dated` are
the passages table's first columns, in their order; the years its dates cover follow, known
once the dates are resolved in their document's context."""

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
    document_dated: bool  # whether its document has a date, against which deictic dates count
    annotations: tuple  # its edition's names and dates as read (Annotation), for the rule stage


class PassageBatch(list):
    """Records in order, as they cross between processes: pickled as plain tuples, since a
    named tuple pickles through Python code of its own for each record, twice as slow."""

    def __reduce__(self):
        return batch_of, ([tuple(record) for record in self],)


def batch_of(rows: list[tuple]) -> PassageBatch:
    new = tuple.__new__  # what PassageRecord._make does, without a call per record
    return PassageBatch([new(PassageRecord, row) for row in rows])
