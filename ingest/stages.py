"""The stages that read one passage at a time: the rules (each passage's clean text,
citation markers and dates, as table rows) and the model (its entity mentions).

They need nothing but the passages themselves, so on a large corpus they run in worker
processes (ingest.parallel) or on a cluster's workers while the build writes the rows of
earlier batches. Each passage is read in its own language (its document's unless it clearly
says otherwise: a quotation) by that language's grammar and lexicon (ingest.languages).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from operator import itemgetter

from .cache import text_hash
from .citations import clean_passage
from .dated_batches import BatchDates, resolve_batch
from .dates import Date, find_dates, given_date
from .entities import EDITION, Mention, extract_mentions, load_model
from .languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    date_grammar,
    entity_lexicon,
    index_stemmer,
    text_language,
)
from .passages import PassageAsSent, PassageBatch, PassageRecord
from .text import index_terms

LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]*")


@dataclass
class RuleRows:
    """What the rules give for one batch of passages: for each passage what they found of it
    (its clean text where citation markers made it differ from the text as read, else None;
    its folded terms, stems, text hash and language), joined to the records `sent` by
    `records`; citation rows in the column order of storage.STREAMED_TABLES, with no id yet
    (None: SQLite numbers them as they are inserted); dates resolved in their documents'
    contexts as far as the batch can (ingest.dated_batches)."""

    sent: PassageBatch | None  # the records as read: the build keeps its own, never sent back
    found: list[tuple] = field(default_factory=list)
    citations: list[tuple] = field(default_factory=list)
    dates: BatchDates | None = None
    lowercase_words: Counter = field(default_factory=Counter)  # word -> passages writing it
    edition_mentions: list[tuple[int, list[Mention]]] = field(default_factory=list)

    def __reduce__(self):
        return RuleRows, (
            None,
            self.found,
            self.citations,
            self.dates,
            self.lowercase_words,
            self.edition_mentions,
        )

    def records(self, years: dict[int, str]) -> list[PassageRecord]:
        """The records sent, each with what the rules found of it and the `years` its dates
        cover (by passage id): the passages table's rows."""
        new = tuple.__new__  # what PassageRecord._make does, without a call per record
        return [
            new(
                PassageRecord,
                # id, document_id, position, its place in the source, kind, citer; its texts
                record[:9]
                + ((record.raw_text, None) if found[0] is None else (found[0], record.raw_text))
                + found[1:]
                + (years.get(record.id), record.document_date, ()),
            )
            for record, found in zip(self.sent, self.found, strict=True)
        ]


def extract_rules(passages: list[PassageAsSent], for_entities: bool) -> RuleRows:
    """The rule stage over a batch of passages as read. For a build with entities, also each
    passage's text hash, by which a later build reuses its mentions, and the ordinary
    lowercase words, which no name form may be."""
    rows = RuleRows(passages)
    found_dates = []
    for passage in passages:
        text, citations = clean_passage(passage.raw_text)
        language = text_language(text, passage.language)
        rows.found.append(
            (
                None if passage.raw_text == text else text,
                *index_terms(text, index_stemmer(language)),
                text_hash(text) if for_entities else None,
                language,
            )
        )
        if citations:  # most passages have none, and then build no list
            rows.citations += [
                (None, passage.id, c.marker, c.char, c.raw_start, c.raw_end) for c in citations
            ]
        dates = find_dates(text, passage.document_date is not None, date_grammar(language))
        if passage.annotations:
            mentions, given = edition_annotations(text, passage.annotations)
            rows.edition_mentions.append((passage.id, mentions))
            dates = sorted([*given, *without_overlaps(dates, given)], key=itemgetter(0))
        if dates:
            found_dates += [(passage, date) for date in dates]
        if for_entities:
            rows.lowercase_words.update(set(LOWERCASE_WORD.findall(text)))
    rows.dates = resolve_batch(passages, found_dates)
    return rows


def edition_annotations(text: str, annotations: tuple) -> tuple[list[Mention], list[Date]]:
    """An edition's names and dates placed in the clean text, each found after the one
    before it; one the cleaning changed (a citation marker inside it) is left out."""
    mentions, dates = [], []
    position = 0
    for annotation in annotations:
        start = text.find(annotation.text, position)
        if start < 0:
            continue
        end = position = start + len(annotation.text)
        if annotation.label != "DATE":
            mentions.append(Mention(start, end, annotation.text, annotation.label, EDITION))
        elif date := given_date(text, start, end, annotation.value):
            dates.append(date)
    return mentions, dates


def without_overlaps(found: list, given: list) -> list:
    """The dates the rules found that overlap none of the edition's."""
    return [d for d in found if not any(d.start < g.end and g.start < d.end for g in given)]


@cache
def model_in_this_process(language: str = DEFAULT_LANGUAGE):
    """A language's model, loaded once per process: a worker process loads it for its first
    batch."""
    return load_model(LANGUAGES[language].model)


def find_mentions(passages: list[tuple[int, str, str]]) -> list[list[Mention]]:
    """The mentions of each (passage id, clean text, language), in order (the build pairs them
    with the passages it sent), each passage read by its language's reader of names, so that
    worker processes, not the build's writer, do all of it."""
    found: dict[int, list[Mention]] = {}
    for language, group in groupby(sorted(passages, key=itemgetter(2)), key=itemgetter(2)):
        ids, texts, _ = zip(*group, strict=True)
        found.update(zip(ids, names_in(language, list(texts)), strict=True))
    return [found[passage_id] for passage_id, _, _ in passages]


def names_in(language: str, texts: list[str]) -> list[list[Mention]]:
    """The mentions in each text: by the language's spaCy model and rules where it has a
    model, else by its own reader (ingest.entities.<code>.read_names)."""
    if LANGUAGES[language].model is None:
        return entity_lexicon(language).read_names(texts)
    model = model_in_this_process(language)
    return [mentions for _, mentions in extract_mentions(entity_lexicon(language), model, texts)]
