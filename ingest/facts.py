"""What the corpus-level stages need to know of every passage, gathered as the passages and
their mentions stream into the database: acronyms defined, names written after `in`, the
corpus's lowercase words, the sources of mentions, warnings."""

from collections import Counter
from itertools import groupby
from operator import itemgetter

from . import agreement, storage
from .entities import EDITION, Mention, is_locative
from .languages import DEFAULT_LANGUAGE, entity_lexicon
from .linking import find_acronym_definitions
from .passages import PassageRecord
from .stages import LOWERCASE_WORD, RuleRows


class CorpusFacts:
    """What the corpus-level stages need to know of every passage, gathered as passages and
    their mentions stream in."""

    def __init__(self):
        self.source_ids: dict[str, int] = {}
        self.acronym_definitions: list[tuple[str, str]] = []
        self.locative_forms: Counter = Counter()  # forms written after `in`, `at`, ...
        self.lowercase_words: set[str] = set()
        self.documents: list[dict] = []  # rows of documents read but not yet written
        self.warnings: list[str] = []
        self.without_names: Counter = Counter()  # passages by language with no reader of names
        self.lexicon = entity_lexicon(DEFAULT_LANGUAGE)
        self.edition_spans: dict[int, list[tuple[int, int]]] = {}  # of passages an edition marks

    def edition_mentions(self, batch: RuleRows, passages: list[PassageRecord]) -> list[tuple]:
        """Rows of the names the batch's `passages`' editions mark, whose places no mention
        found by the model or the rules will take."""
        if not batch.edition_mentions:
            return []
        texts = {passage.id: passage.text for passage in passages}
        rows = []
        for passage_id, mentions in batch.edition_mentions:
            self.edition_spans[passage_id] = [(m.start, m.end) for m in mentions]
            rows += self.for_mentions(passage_id, texts[passage_id], mentions)
        return rows

    def for_mentions(self, passage_id: int, text: str, mentions: list[Mention]) -> list[tuple]:
        """Rows of the passage's mentions; where its edition marks names, only the edition's
        and those that overlap none of them."""
        if passage_id in self.edition_spans:
            spans = self.edition_spans[passage_id]
            mentions = [
                m
                for m in mentions
                if m.source == EDITION or not any(m.start < e and s < m.end for s, e in spans)
            ]
        self.note_evidence(text, mentions)
        return [
            storage.mention_row(
                passage_id, m.start, m.end, m.text, m.type, self.source_id(m.source)
            )
            for m in mentions
        ]

    def note_evidence(self, text: str, mentions: list[Mention]) -> None:
        """What linking weighs of a passage's mentions: the acronyms it defines, the names it
        writes after `in`, `at`, ..."""
        self.acronym_definitions += find_acronym_definitions(
            text, [(m.start, m.end) for m in mentions]
        )
        for m in mentions:
            if is_locative(self.lexicon, text, m.start, m.end):
                self.locative_forms[m.text] += 1

    def source_id(self, name: str) -> int:
        return self.source_ids.setdefault(name, len(self.source_ids) + 1)

    def gather_stored(self, db, with_words: bool) -> None:
        """The evidence of the passages already in the database (an update's), from their
        stored mentions (agreement's aside: it adds none) and, for agreement, their words."""
        mentions = db.execute(
            "select mentions.passage_id, passages.text, start_char, end_char, mentions.text, "
            "label, sources.name from mentions "
            "join passages on passages.id = mentions.passage_id "
            "join sources on sources.id = mentions.source_id "
            "where sources.name != ? order by mentions.passage_id, start_char",
            [agreement.SOURCE],
        )
        for (_, text), found in groupby(mentions, key=itemgetter(0, 1)):
            self.note_evidence(text, [Mention(*row[2:]) for row in found])
        if with_words:
            for (text,) in db.execute("select text from passages"):
                self.lowercase_words.update(LOWERCASE_WORD.findall(text))
