"""The build: sources -> passages -> extractions -> database, streamed in batches."""

import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import sqlite_utils

from . import storage
from .citations import Citation, clean_passage
from .curation import Correction, apply_corrections
from .dates import extract_dates
from .entities import Mention, batched, extract_mentions, find_occurrences, load_model, overlaps
from .linking import find_acronym_definitions, link
from .sources import read_lines

BATCH = 2000
LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


@dataclass
class Passage:
    id: int
    document_id: int
    position: int
    line_number: int
    raw_text: str
    text: str
    citations: list[Citation]


@dataclass
class Report:
    documents: int = 0
    passages: int = 0
    citations: int = 0
    dates: int = 0
    entities: int = 0
    mentions: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self, target: Path) -> str:
        return (
            f"built {target}: {self.documents} documents, {self.passages} passages, "
            f"{self.citations} citations, {self.dates} dates, {self.entities} entities, "
            f"{self.mentions} mentions in {self.seconds:.1f} s"
        )


def read_passages(sources: list[Path], encoding: str) -> Iterator[Passage]:
    passage_id = 0
    for document_id, path in enumerate(sources, 1):
        for line in read_lines(path, encoding):
            passage_id += 1
            text, citations = clean_passage(line.raw_text)
            yield Passage(
                passage_id,
                document_id,
                line.position,
                line.line_number,
                line.raw_text,
                text,
                citations,
            )


def with_mentions(
    passages: Iterable[Passage], ner: bool
) -> Iterator[tuple[Passage, list[Mention]]]:
    if not ner:
        return ((passage, []) for passage in passages)
    return extract_mentions(load_model(), passages, text=lambda passage: passage.text)


class Rows:
    """Table rows for a batch of passages, with ids that continue across batches."""

    def __init__(self):
        self.ids = {table: count(1) for table in ("citations", "dates", "mentions")}
        self.acronym_definitions: list[tuple[str, str]] = []
        self.lowercase_words: set[str] = set()

    def for_batch(self, batch: list[tuple[Passage, list[Mention]]]) -> dict[str, list[dict]]:
        tables = defaultdict(list)
        for passage, mentions in batch:
            tables["passages"].append(
                {
                    "id": passage.id,
                    "document_id": passage.document_id,
                    "position": passage.position,
                    "line_number": passage.line_number,
                    "text": passage.text,
                    "raw_text": passage.raw_text,
                    "folded_terms": storage.folded_terms(passage.text),
                }
            )
            for citation in passage.citations:
                tables["citations"].append(
                    {"id": next(self.ids["citations"]), "passage_id": passage.id, **vars(citation)}
                )
            for date in extract_dates(passage.text):
                date_id = next(self.ids["dates"])
                tables["dates"].append({"id": date_id, "passage_id": passage.id, **date.row()})
                if date.year_start is not None:
                    tables["date_years"] += [
                        {"date_id": date_id, "year": year}
                        for year in range(date.year_start, date.year_end + 1)
                    ]
            for mention in mentions:
                tables["mentions"].append(
                    {
                        "id": next(self.ids["mentions"]),
                        "passage_id": passage.id,
                        "entity_id": None,
                        "start_char": mention.start,
                        "end_char": mention.end,
                        "text": mention.text,
                        "label": mention.type,
                        "source": mention.source,
                    }
                )
            self.acronym_definitions += find_acronym_definitions(
                passage.text, [(m.start, m.end) for m in mentions]
            )
            self.lowercase_words.update(LOWERCASE_WORD.findall(passage.text))
        return tables


def propagate_forms(db: sqlite_utils.Database, lowercase_words: set[str]) -> None:
    """Corpus-level agreement: a name form recognised in one passage is a mention wherever
    it stands, unless the corpus also writes it as an ordinary lowercase word."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for row in db.query("select text, label, count(*) as n from mentions group by text, label"):
        labels[row["text"]][row["label"]] += row["n"]
    rows = []
    for form, form_labels in labels.items():
        words = form.split()
        if len(form) < 3 or not form[0].isupper():
            continue
        if len(words) == 1 and form.lower() in lowercase_words:
            continue
        label = form_labels.most_common(1)[0][0]
        for passage in storage.passages_containing(db, form):
            taken = [
                (m["start_char"], m["end_char"])
                for m in db.query(
                    "select start_char, end_char from mentions where passage_id = ?",
                    [passage["id"]],
                )
            ]
            for start, end in find_occurrences(passage["text"], form):
                if not any(overlaps((start, end), span) for span in taken):
                    taken.append((start, end))
                    rows.append(
                        {
                            "passage_id": passage["id"],
                            "start_char": start,
                            "end_char": end,
                            "text": form,
                            "label": label,
                            "source": "rule:corpus-agreement",
                        }
                    )
    storage.insert_batch(db, {"mentions": rows})


def link_entities(
    db: sqlite_utils.Database, acronym_definitions: list, corrections: list[Correction]
) -> list[str]:
    """Entities from the stored mentions, corrected by the curation file; returns warnings."""
    form_counts = [
        (row["text"], row["label"], row["n"])
        for row in db.query("select text, label, count(*) as n from mentions group by text, label")
    ]
    entities = link(form_counts, acronym_definitions)
    warnings = apply_corrections(entities, corrections)
    entity_rows, alias_rows = [], []
    for entity_id, entity in enumerate(sorted(entities, key=lambda e: (e.name, e.type)), 1):
        entity_rows.append({"id": entity_id, "name": entity.name, "type": entity.type})
        alias_rows += [
            {"entity_id": entity_id, "alias": alias, "mentions": n}
            for alias, n in entity.forms.items()
        ]
    storage.finish(db, entity_rows, alias_rows)
    return warnings


def build(
    sources: list[Path],
    target: Path,
    ner: bool = True,
    encoding: str = "utf-8",
    corrections: list[Correction] = (),
) -> Report:
    """Builds the database at `target` from the source files, replacing it only when complete."""
    started = time.monotonic()
    with storage.atomic_target(target) as temporary:
        db = sqlite_utils.Database(temporary)
        db.execute("pragma journal_mode = off")
        db.execute("pragma synchronous = off")
        storage.create_schema(db)
        storage.insert_documents(
            db,
            [
                {"id": i, "filename": path.name, "path": str(path)}
                for i, path in enumerate(sources, 1)
            ],
        )
        rows = Rows()
        for batch in batched(with_mentions(read_passages(sources, encoding), ner), BATCH):
            storage.insert_batch(db, rows.for_batch(batch))
        storage.index_passages(db)
        if ner:
            propagate_forms(db, rows.lowercase_words)
        warnings = link_entities(db, rows.acronym_definitions, list(corrections))
        report = Report(
            **{
                table: db[table].count
                for table in ("documents", "passages", "citations", "dates", "entities", "mentions")
            }
        )
        db.close()
    report.seconds = time.monotonic() - started
    report.warnings = warnings
    return report
