"""What the corpus-level stages need to know of every passage, gathered as the passages and
their mentions stream into the database: acronyms defined, names written after `in`, the
corpus's lowercase words (kept in the database for updates), the sources of mentions,
warnings."""

from collections import Counter
from dataclasses import dataclass, field
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
        self.evidence = Evidence()  # of the passages this build reads
        self.documents: list[dict] = []  # rows of documents read but not yet written
        self.warnings: list[str] = []
        self.without_names: Counter = Counter()  # passages by language with no reader of names
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
        self.evidence.note(text, mentions)
        return [
            storage.mention_row(
                passage_id, m.start, m.end, m.text, m.type, self.source_id(m.source)
            )
            for m in mentions
        ]

    def source_id(self, name: str) -> int:
        return self.source_ids.setdefault(name, len(self.source_ids) + 1)


@dataclass
class Evidence:
    """What linking and agreement weigh of a corpus's passages, kept in tables that a build
    fills and an update adds to and takes from (storage.EVIDENCE_TABLES): the acronyms its names
    define, the names it writes after `in`, `at`, ... and its ordinary lowercase words, which
    no name form may be."""

    acronym_definitions: Counter = field(default_factory=Counter)  # (acronym, name) -> times
    locative_forms: Counter = field(default_factory=Counter)  # form -> mentions after `in`...
    lowercase_words: Counter = field(default_factory=Counter)  # word -> passages writing it

    def note(self, text: str, mentions: list[Mention]) -> None:
        """The evidence of a passage's mentions (its words are counted by the rule stage)."""
        self.acronym_definitions.update(
            find_acronym_definitions(text, [(m.start, m.end) for m in mentions])
        )
        lexicon = entity_lexicon(DEFAULT_LANGUAGE)
        for m in mentions:
            if is_locative(lexicon, text, m.start, m.end):
                self.locative_forms[m.text] += 1

    @classmethod
    def of_stored(cls, db, passages: str, with_words: bool) -> "Evidence":
        """The evidence of the stored passages whose ids the SQL table `passages` holds, from
        their mentions (agreement's aside: it adds none) and, `with_words`, their text."""
        evidence = cls()
        # `+`: by the passages' index, whatever the statistics say (ingest.cache)
        mentions = db.execute(
            "select mentions.passage_id, passages.text, start_char, end_char, mentions.text, "
            "label, sources.name from mentions "
            "join passages on passages.id = mentions.passage_id "
            "join sources on sources.id = +mentions.source_id "
            f"where sources.name != ? and mentions.passage_id in {passages} "
            "order by mentions.passage_id, start_char",
            [agreement.SOURCE],
        )
        for (_, text), found in groupby(mentions, key=itemgetter(0, 1)):
            evidence.note(text, [Mention(*row[2:]) for row in found])
        texts = (
            db.execute(f"select text from passages where id in {passages}") if with_words else ()
        )
        for (text,) in texts:
            evidence.lowercase_words.update(set(LOWERCASE_WORD.findall(text)))
        return evidence

    def counters(self) -> dict[str, Counter]:
        """Each table of storage.EVIDENCE_TABLES -> the counts it holds (the field of its name)."""
        return {table: getattr(self, table) for table in storage.EVIDENCE_TABLES}

    def add_to(self, db, sign: int = 1) -> None:
        """This evidence added to the stored (taken from it, with `sign` -1)."""
        with db.atomic():
            for table, counts in self.counters().items():
                key, count = storage.EVIDENCE_TABLES[table]
                columns = ", ".join([*key, count])
                db.conn.executemany(
                    f"insert into [{table}] ({columns}) values ({', '.join('?' * (len(key) + 1))}) "
                    f"on conflict do update set [{count}] = [{count}] + excluded.[{count}]",
                    ((*(k if isinstance(k, tuple) else (k,)), sign * n) for k, n in counts.items()),
                )
                if sign < 0:
                    db.execute(f"delete from [{table}] where [{count}] <= 0")

    @classmethod
    def stored(cls, db) -> "Evidence":
        """The corpus's evidence, as its tables hold it."""
        evidence = cls()
        for table, counts in evidence.counters().items():
            key, count = storage.EVIDENCE_TABLES[table]
            for *k, n in db.execute(f"select {', '.join(key)}, [{count}] from [{table}]"):
                counts[tuple(k) if len(k) > 1 else k[0]] = n
        return evidence
