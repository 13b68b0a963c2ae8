"""A passage as it moves through the build: numbered and placed as read, then given its clean
text by the rule stage; storage turns it into its row."""

from typing import NamedTuple


class PassageRecord(NamedTuple):
    id: int
    document_id: int
    position: int  # in its document, from 1
    line_number: int | None  # its first and last lines in the source, from 1
    last_line_number: int | None
    page: int | None
    section: str | None
    raw_text: str  # as read, citation markers and all
    document_dated: bool  # whether its document has a date, against which deictic dates count
    text: str | None = None  # the rule stage's: citation markers removed
    folded_terms: str | None = None  # the rule stage's: words' plain spellings for the index
    text_hash: int | None = None  # the rule stage's, in builds with entities: the cache's key
