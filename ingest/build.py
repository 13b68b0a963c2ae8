"""The build: sources -> passages -> extractions -> database.

1. Every passage is streamed from the sources in batches: clean text, citations and dates by
   rule, the dates in their document's context (ingest.stages, in worker processes for a large
   corpus; ingest.dated_batches carries a document's narrative across batches); entity
   mentions copied from the database being replaced where the passage's text was extracted
   before by the same extractor version.
2. The model runs only over the passages the cache did not have, read back from the new file.
3. Corpus-level stages: the search index, agreement between passages, linking into entities.

A build to a database built before with the same settings is an update: only the files added
or changed are read (ingest.updates).
"""

import gc
import os
import shutil
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path

import sqlite_utils

from . import agreement, storage, target_file, updates
from .agreement import propagate_forms
from .cache import ExtractionCache
from .catalogue import Catalogue
from .corpus_info import corpus_info
from .curation import Correction
from .dated_batches import Narratives
from .documents import ReadOptions
from .entities import extractor_version
from .entity_tables import link_entities
from .facts import CorpusFacts, Evidence
from .form_counts import FormCounts
from .languages import (
    document_language,
    language_name,
    name_packages,
    reads_names,
)
from .parallel import batched, cluster_client, cluster_map, kept, ordered_map
from .passages import PassageBatch, PassageRecord
from .progress import Progress
from .sources import read_all
from .stages import extract_rules, find_mentions
from .stopping import interruptible
from .timeline import Timeline
from .touched import TouchedPassages

BATCH = 2000
LANGUAGE_SAMPLE_PASSAGES = 20  # a document's language is that of most of its first passages
# The model's work comes in tasks of some seconds each: long enough to cost little to send,
# short enough to keep progress moving and memory flat.
MODEL_BATCH = 500
# Two processes pay for their start-up (a second model load) past this many passages.
PARALLEL_FROM = 2_000
# Rule workers pay for theirs from about this much text (some 4,000 passages).
PARALLEL_RULES_FROM_BYTES = 1_000_000


@dataclass
class Report:
    documents: int = 0
    passages: int = 0
    citations: int = 0
    dates: int = 0
    entities: int = 0
    mentions: int = 0
    reused: int = 0  # passages whose mentions came from the previous build
    unchanged: bool = False  # the target was built from these very inputs: nothing to do
    update: str = ""  # what an update (ingest.updates) read and took out
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self, target: Path) -> str:
        return (
            f"built {target}: {self.documents} documents, {self.passages} passages, "
            f"{self.citations} citations, {self.dates} dates, {self.entities} entities, "
            f"{self.mentions} mentions in {self.seconds:.1f} s"
            + (f" ({self.reused} passages' entities reused)" if self.reused else "")
            + (
                " (unchanged: sources, corrections and code as in its last build)"
                if self.unchanged
                else ""
            )
            + (f" (an update: {self.update})" if self.update else "")
        )


def numbered_passages(
    sources: list[Path],
    options: ReadOptions,
    catalogue: Catalogue,
    facts: "CorpusFacts",
    numbered_after: tuple[int, int] = (0, 0),
) -> Iterator[tuple]:
    """A record of each passage of each document of the sources, numbered after the passage
    and document ids `numbered_after`; each document's row is left in `facts.documents` for
    the build to write."""
    passage_id, document_id = numbered_after
    new = tuple.__new__  # what PassageRecord._make does, without a Python call per record
    for document in read_all(sources, options):
        document_id += 1
        row = catalogue.document_row(document_id, document)
        facts.documents.append(row)
        date = row.get("date") or None
        passages = iter(document.passages)
        if row["language"] is None:
            first = list(islice(passages, LANGUAGE_SAMPLE_PASSAGES))
            row["language"] = document_language([passage.text for passage in first])
            passages = chain(first, passages)
        position = 0
        skipped: list[int] = []  # the reader's indexes of passages without text
        language = row["language"]
        for index, passage in enumerate(passages):
            text = passage[0]
            if not text.strip():
                skipped.append(index)
                continue
            passage_id += 1
            position += 1
            cited = passage.cited_in
            if cited is not None:
                cited = cited_passage(passage_id - position, index, cited, skipped)
            # line_number, last_line_number, page, section, kind: its place and kind
            yield new(
                PassageRecord,
                (
                    passage_id,
                    document_id,
                    position,
                    *passage[1:6],
                    cited,
                    None,
                    text,
                    None,
                    None,
                    None,
                    language,
                    None,
                    date,
                    passage.annotations,
                ),
            )
        if not position:
            facts.warnings.append(f"{document.path}: {document.filename} has no text")


def cited_passage(before: int, index: int, cited: int, skipped: list[int]) -> int | None:
    """The id of the passage a note cites by its reader's index (`cited`, before the note's
    own `index`), where the document's passages are numbered from `before` + 1 and the
    reader's passages at `skipped` had no text."""
    empty_before = bisect_left(skipped, cited)
    if not 0 <= cited < index or skipped[empty_before : empty_before + 1] == [cited]:
        return None
    return before + 1 + cited - empty_before


def rule_workers(sources: list[Path]) -> int:
    """Processes for the rule stage: one per core once the sources are large enough."""
    size = sum(path.stat().st_size for path in sources if path.is_file())
    cores = os.cpu_count() or 1
    # Past four workers the single writer, not the rules, sets the pace.
    return min(cores, 4) if size >= PARALLEL_RULES_FROM_BYTES and cores > 1 else 1


def stream_passages(
    db: sqlite_utils.Database,
    passages: Iterable[tuple],
    facts: CorpusFacts,
    cache: ExtractionCache | None,
    map_batches: Callable,
    timeline: Timeline,
) -> list[int]:
    """Stage 1: writes every passage with its rule extractions and cached mentions, and adds
    their dates to the `timeline`; returns the ids of the passages that still need the
    model."""
    uncached = []
    extract = partial(extract_rules, for_entities=cache is not None)
    sent: deque[PassageBatch] = deque()
    narratives = Narratives()
    for batch in map_batches(extract, kept(map(PassageBatch, batched(passages, BATCH)), sent)):
        batch.sent = sent.popleft()
        narratives.carry_into(batch.dates, timeline)
        passages = batch.records(batch.dates.years)
        tables = {
            "passages": passages,
            "citations": batch.citations,
            "dates": batch.dates.rows,
            "mentions": facts.edition_mentions(batch, passages),
        }
        if cache is not None:
            facts.evidence.lowercase_words.update(batch.lowercase_words)
            known = cache.mentions([passage.text_hash for passage in passages])
            for passage in passages:
                if not reads_names(passage.language):
                    if passage.language is not None:  # None: a passage of no words
                        facts.without_names[passage.language] += 1
                    continue
                mentions = known.get(passage.text_hash)
                if mentions is None:
                    uncached.append(passage.id)
                else:
                    tables["mentions"] += facts.for_mentions(passage.id, passage.text, mentions)
        storage.insert_batch(db, tables)
        storage.insert_documents(db, facts.documents)
        facts.documents.clear()
    storage.insert_documents(db, facts.documents)
    facts.warnings += [
        f"{count} passages in {language_name(language)} have dates and search but no entities: "
        "the build has no reader of names in that language"
        for language, count in sorted(facts.without_names.items())
    ]
    return uncached


def model_workers(passages: int) -> int:
    """Processes for the model: two once there are enough passages to pay for a second load."""
    return 2 if passages >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 else 1


def run_model(
    db: sqlite_utils.Database,
    passage_ids: list[int],
    facts: CorpusFacts,
    progress,
    map_batches: Callable,
) -> None:
    """Stage 2: the model and the entity rules over the passages the cache did not have, in
    worker processes or on the cluster; this process only writes."""
    batches = (
        db.execute(
            f"select id, text, language from passages where id in ({','.join('?' * len(chunk))}) "
            "order by id",
            chunk,
        ).fetchall()
        for chunk in batched(passage_ids, MODEL_BATCH)
    )
    sent: deque[list[tuple]] = deque()
    for found in map_batches(find_mentions, kept(batches, sent)):
        rows = [
            row
            for (passage_id, text, _), mentions in zip(sent.popleft(), found, strict=True)
            for row in facts.for_mentions(passage_id, text, mentions)
        ]
        storage.insert_batch(db, {"mentions": rows})
        progress.advance(len(found))


def build(
    sources: list[Path],
    target: Path,
    ner: bool = True,
    options: ReadOptions | None = None,
    corrections: list[Correction] = (),
    catalogue: Catalogue | None = None,
    scheduler: str | None = None,
    info: dict | None = None,
) -> Report:
    """Builds the database at `target` from the source files, replacing it only when complete;
    with `scheduler` (a Dask scheduler's address) the rules and the model run on its workers;
    `info` describes the corpus (corpus_info), else the corpus.yml beside the sources does."""
    started = time.monotonic()
    version = extractor_version(name_packages()) if ner else "no entities"
    options = options or ReadOptions()
    catalogue = catalogue or Catalogue()
    info = info or corpus_info(sources)
    settings = updates.settings_digest(
        version, options, [vars(c) for c in corrections], catalogue.entries, info
    )
    digests = updates.source_digests(sources)
    built_from = updates.BuiltFrom(settings, digests, version)
    with target_file.build_lock(target) as temporary, collected_rarely():
        if target_file.stored_value(target, "inputs_digest") == built_from.inputs_digest():
            report = Report(**target_file.counts(target), unchanged=True)
            report.seconds = time.monotonic() - started
            return report
        changes = updates.changes_since(target, settings, digests)
        cache = ExtractionCache(target, version) if ner else None
        with (
            cluster_client(scheduler) if scheduler else nullcontext() as client,
            target_file.replaced_when_complete(temporary, target),
        ):
            if changes is not None:
                shutil.copyfile(target, temporary)
            report = build_into(
                temporary,
                sources,
                options,
                corrections,
                catalogue,
                cache,
                built_from,
                info,
                client,
                changes,
            )
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def collected_rarely() -> Iterator[None]:
    """Python's cycle collector run a thirtieth as often while building (worker processes
    forked meanwhile inherit it): a build allocates millions of tuples (records, rows, dates)
    that live until written or sent, and the default, a collection every 700 allocations,
    traverses them again and again, a tenth of a build's time without entities. A build's
    objects form almost no reference cycles, so memory does not grow for it."""
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build_into(
    temporary: Path,
    sources: list[Path],
    options: ReadOptions,
    corrections: list[Correction],
    catalogue: Catalogue,
    cache: ExtractionCache | None,
    built_from: updates.BuiltFrom,
    info: dict,
    client=None,
    changes: updates.Changes | None = None,
) -> Report:
    """The database built in `temporary`, described by `info` (corpus_info); entities only
    when there is a cache to use; the per-passage work on the Dask cluster of `client`, else in
    this machine's processes.
    With `changes`, `temporary` is a copy of the database to bring up to date: only the files
    added or changed are read, and the corpus-level stages run anew from the evidence of what
    stayed and what came."""
    ner = cache is not None
    db = opened_for_building(temporary)
    facts, timeline = CorpusFacts(), Timeline()
    if changes is None:
        storage.create_schema(db)
        to_read, numbered_after, last_date, touched = sources, (0, 0), 0, None
    else:
        to_read = changes.to_read
        numbered_after, last_date, touched = ready_for_update(
            db, changes, catalogue, facts, timeline, ner
        )
    progress = Progress("passages")
    passages = progress.counted(
        numbered_passages(to_read, options, catalogue, facts, numbered_after)
    )
    uncached = stream_passages(db, passages, facts, cache, rules_map(to_read, client), timeline)
    # The search index fills beside what follows; an update's passages were indexed by triggers.
    with storage.index_beside(db, temporary) if changes is None else nullcontext() as index:
        storage.add_to_timeline(db, timeline.rows())
        storage.add_date_years(db, after_date=last_date)
        read = progress.done
        storage.index_passages(db, ner)
        mentions_of_new_text(db, uncached, facts, progress, cache, client)
        warnings = corpus_stages(db, facts, catalogue, corrections, ner, built_from, touched)
        if index is not None:
            storage.put_search_index(db, index)
    storage.finish_with_search_index(db)
    storage.describe_corpus(db, info)
    db.close()
    report = Report(**target_file.counts(temporary), warnings=warnings)
    report.reused = read - len(uncached) if ner else 0
    report.update = changes.summary() if changes else ""
    return report


def ready_for_update(
    db: sqlite_utils.Database,
    changes: updates.Changes,
    catalogue: Catalogue,
    facts: CorpusFacts,
    timeline: Timeline,
    ner: bool,
) -> tuple[tuple[int, int], int, TouchedPassages]:
    """The copy of a database made ready for an update: the documents of the files changed or
    removed taken out (and their dates out of the `timeline`), their passages touched and
    their evidence taken from the stored. Returns the last passage and document
    ids, after which what is read is numbered, the last date's, and the passages touched."""
    facts.source_ids.update(db.execute("select name, id from sources"))
    touched = TouchedPassages(db, facts.source_id(agreement.SOURCE) if ner else 0)

    def before_removal() -> None:
        touched.touch("select id from temp.gone_passages")
        Evidence.of_stored(db, "temp.gone_passages", with_words=ner).add_to(db, sign=-1)

    timeline.remove(updates.remove_documents(db, changes.gone, before_removal))
    catalogue.used.update(filename for (filename,) in db.execute("select filename from documents"))
    *numbered_after, last_date = db.execute(
        "select (select coalesce(max(id), 0) from passages), "
        "(select coalesce(max(id), 0) from documents), (select coalesce(max(id), 0) from dates)"
    ).fetchone()
    touched.read_after = numbered_after[0]
    return tuple(numbered_after), last_date, touched


def mentions_of_new_text(
    db: sqlite_utils.Database,
    uncached: list[int],
    facts: CorpusFacts,
    progress: Progress,
    cache: ExtractionCache | None,
    client=None,
) -> None:
    """Stage 2: the model over the passages the cache did not have."""
    if cache is not None:
        cache.close()
    if uncached:
        progress.restart("entities", len(uncached))
        on_cluster = partial(cluster_map, client=client)
        local = partial(ordered_map, workers=model_workers(len(uncached)))
        run_model(db, uncached, facts, progress, on_cluster if client else local)
    progress.finish()


def corpus_stages(
    db: sqlite_utils.Database,
    facts: CorpusFacts,
    catalogue: Catalogue,
    corrections: list[Correction],
    ner: bool,
    built_from: updates.BuiltFrom,
    touched: TouchedPassages | None = None,
) -> list[str]:
    """Stage 3, once every passage and its mentions are in: agreement between passages,
    linking into entities, the build's record; in an update (`touched`), for what it touched.
    Returns the warnings."""
    facts.evidence.add_to(db)
    evidence = facts.evidence if touched is None else Evidence.stored(db)
    agreement_id = facts.source_id(agreement.SOURCE) if ner else 0  # no source is 0
    counts = touched.form_counts() if touched else FormCounts.of_mentions(db, agreement_id)
    if ner:
        labels = counts.labels(with_agreement=False)
        propagate_forms(db, labels, evidence.lowercase_words, agreement_id, touched)
        if touched is None:
            agreed = "m.source_id = ?", [agreement_id]
            counts.update(FormCounts.of_mentions(db, agreement_id, *agreed))
        else:
            counts = touched.form_counts()
    storage.insert_sources(db, facts.source_ids)
    warnings = facts.warnings + catalogue.warnings + catalogue.unused_entries()
    warnings += link_entities(
        db, counts.labels(), counts.languages(), evidence, list(corrections), touched
    )
    if touched is None:
        # Linking took out the mentions of the forms no entity has (curated away).
        aliases = {alias for (alias,) in db.execute("select alias from entity_aliases")}
        FormCounts({key: n for key, n in counts.items() if key[0] in aliases}).store(db)
    else:
        touched.close()
    storage.record_build(db, built_from)
    return warnings


def opened_for_building(path: Path) -> sqlite_utils.Database:
    """The database being built, without a journal: if the build fails it is thrown away."""
    db = sqlite_utils.Database(path)
    interruptible(db.conn)
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    return db


def rules_map(sources: list[Path], client=None) -> Callable:
    """How the rule stage maps over batches: on the cluster of `client`, else over worker
    processes as many as the sources' size pays for."""
    if client:
        return partial(cluster_map, client=client)
    return partial(ordered_map, workers=rule_workers(sources))
