"""The rule stage: each passage's clean text, citation markers and dates, as table rows.

It needs nothing but the lines themselves, so on a large corpus it runs in worker processes
(ingest.parallel) while the build writes the rows of earlier batches.
"""

import re
from dataclasses import dataclass, field

from .cache import text_hash
from .citations import clean_passage
from .dates import Date, Deictic, find_dates
from .storage import folded_terms

LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]*")


@dataclass
class RuleRows:
    """The rows of one batch of passages, in the column order of storage.STREAMED_TABLES.
    Citations have no id yet (None): SQLite numbers them as they are inserted. Dates come as
    (passage id, date as the passage alone fixes it), for the build to resolve in context."""

    passages: list[tuple] = field(default_factory=list)
    citations: list[tuple] = field(default_factory=list)
    dates: list[tuple[int, Date | Deictic]] = field(default_factory=list)
    lowercase_words: set[str] = field(default_factory=set)


def extract_rules(passages: list[tuple], for_entities: bool) -> RuleRows:
    """Rows for (passage id, document id, position, first line, last line, page, section,
    whether the document has a date, passage as read) tuples.
    For a build with entities, also each passage's text hash, by which a later build reuses
    its mentions, and the ordinary lowercase words, which no name form may be."""
    rows = RuleRows()
    for *place, dated, raw_text in passages:
        passage_id = place[0]
        text, citations = clean_passage(raw_text)
        rows.passages.append(
            (
                *place,
                text,
                None if raw_text == text else raw_text,
                folded_terms(text),
                text_hash(text) if for_entities else None,
            )
        )
        rows.citations += [
            (None, passage_id, c.marker, c.char, c.raw_start, c.raw_end) for c in citations
        ]
        rows.dates += [(passage_id, date) for date in find_dates(text, deictic=dated)]
        if for_entities:
            rows.lowercase_words.update(LOWERCASE_WORD.findall(text))
    return rows
