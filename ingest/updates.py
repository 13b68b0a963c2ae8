"""Updates: a built database brought up to date with its sources by reading only what changed.

A build records what it was built from: a digest of its settings (the build's own code and
data, its options, corrections, document list and corpus description) and one of each source
file (table source_files). A later build to the same path with the same settings reads only
the files added or changed since: the documents of files changed or removed go, with their
passages, citations, dates and search rows, and the corpus-level tables (the timeline, the
years' index, the documents' counts) follow. The result has the rows a full build of the same
sources has; the ids of what stayed do not change, and what was read is numbered after them.

With entities, the model reads only the passages whose text the database lacks; agreement
between passages reads again only the passages read and those that write a form whose agreed
label changed, and linking keeps the ids of the entities that stay and counts again only in
the passages touched (ingest.touched), from the evidence the database keeps (acronyms defined,
names written after `in`, the corpus's lowercase words: ingest.facts.Evidence).
"""

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import sqlite_utils

from .target_file import stored_value

UNREADABLE = "unreadable"  # a source's digest when it cannot be read: the build reports why


def settings_digest(*settings) -> str:
    """Everything but the sources that a build's result depends on: the build's own code and
    data, and the `settings` given (extractor version, options, corrections, document list,
    corpus description)."""
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for code in sorted([*here.rglob("*.py"), *here.glob("data/*")]):
        digest.update(code.read_bytes())
    digest.update(repr(settings).encode())
    return digest.hexdigest()


def source_digests(sources: list[Path]) -> dict[str, str]:
    """Each source file's path -> a digest of its bytes. The files are read a piece at a
    time, by a thread per core: hashing lets go of Python's lock, and the build waits for it
    before it starts (half a second for a million passages' files on one core)."""
    pool = ThreadPoolExecutor(os.cpu_count() or 1)
    try:
        return dict(zip(map(str, sources), pool.map(file_digest, sources), strict=True))
    finally:
        pool.shutdown(cancel_futures=True)  # a build stopped meanwhile waits for no more files


def file_digest(path: Path) -> str:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, partial(hashlib.blake2b, digest_size=16)).hexdigest()
    except OSError:
        return UNREADABLE


@dataclass
class BuiltFrom:
    """What a build reads, as the database records it."""

    settings: str  # settings_digest
    sources: dict[str, str]  # source_digests, in the sources' order
    extractor_version: str  # of the entities (ingest.entities.extractor_version)

    def inputs_digest(self) -> str:
        """The settings and the sources: a build's every input."""
        digest = hashlib.blake2b(self.settings.encode(), digest_size=16)
        for path, source in self.sources.items():
            digest.update(f"\0{path}\0{source}".encode())
        return digest.hexdigest()


@dataclass
class Changes:
    """What happened to the sources since the target's build."""

    gone: list[str]  # the paths of the files removed or changed: their documents go
    to_read: list[Path]  # the files added or changed, in the sources' order

    def summary(self) -> str:
        read = len(self.to_read)
        return f"{read} file{'s' * (read != 1)} read, {len(self.gone)} taken out"


def changes_since(target: Path, settings: str, sources: dict[str, str]) -> Changes | None:
    """The changes that bring the target up to date with the sources, or None where it needs
    a full build: no target, one built with other settings, a source that cannot be read
    (which the full build reports), or changes to most of the corpus (a full build fills the
    search index in one pass, six times quicker than row by row)."""
    if stored_value(target, "settings_digest") != settings or UNREADABLE in sources.values():
        return None
    with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as connection:
        built = dict(connection.execute("select path, digest from source_files"))
    gone = [path for path, digest in built.items() if sources.get(path) != digest]
    to_read = [Path(path) for path, digest in sources.items() if built.get(path) != digest]
    if 2 * size(to_read) > size(map(Path, sources)):
        return None
    return Changes(gone, to_read)


def size(paths: Iterable[Path]) -> int:
    return sum(path.stat().st_size for path in paths)


def remove_documents(
    db: sqlite_utils.Database, paths: list[str], before_removal: Callable[[], None]
) -> list[tuple]:
    """Takes out the documents of the source files at `paths`, with every row of theirs
    (the search index's by its triggers), calling `before_removal` once their passages' ids
    are in the temp table `gone_passages`; returns their dates' rows, for the timeline."""
    if not paths:
        return []
    db.execute("create temp table gone_files (path text primary key)")
    db.execute("create temp table gone_passages (id integer primary key)")
    with db.atomic():
        db.conn.executemany("insert into temp.gone_files values (?)", [(path,) for path in paths])
        db.execute(
            "insert into temp.gone_passages select passages.id from passages join documents "
            "on documents.id = passages.document_id where documents.path in temp.gone_files"
        )
    before_removal()
    dates = db.execute(
        "select * from dates where passage_id in temp.gone_passages order by id"
    ).fetchall()
    with db.atomic():
        db.execute(
            "delete from date_years where date_id in "
            "(select id from dates where passage_id in temp.gone_passages)"
        )
        for table in ("mentions", "citations", "dates"):
            db.execute(f"delete from [{table}] where passage_id in temp.gone_passages")
        db.execute("delete from passages where id in temp.gone_passages")
        db.execute("delete from documents where path in temp.gone_files")
    db.execute("drop table temp.gone_passages")
    db.execute("drop table temp.gone_files")
    return dates
