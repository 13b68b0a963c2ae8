"""The passages' full-text index, filled beside the build's last stages rather than after them.

Once every passage is written, a thread with its own connection fills an FTS5 table of the
index's definition in a scratch database beside the build, reading the passages from the
build's database in one statement: SQLite tokenizes and indexes there without Python's lock,
on the core the build's other work leaves idle, while the build writes the years' index and
the timeline, runs the model and the corpus-level stages. The build's database is in WAL mode
meanwhile, so that its writes and the thread's reading go on together; where the filesystem
has no WAL (some network filesystems), the index is filled when the build asks for it, as it
was before. Then the scratch index's tables are copied into the database's empty ones (a
tenth of the time of filling them).
"""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Terms FTS5 gathers in memory before writing a segment (default 1 MB): fewer, larger
# segments to merge make filling the index of a million passages some 40% faster.
HASH_BYTES = 64 * 1024 * 1024
SHADOW_TABLES = ("data", "idx", "docsize", "config")
# SQLite's instructions between the thread's checks that the build still wants the index.
INSTRUCTIONS_BETWEEN_CHECKS = 1_000_000
CONCURRENT_JOURNAL = "wal"  # the journal mode in which the build writes while the thread reads


class IndexFiller:
    """Fills a copy of the FTS5 table `table` of the database `db` at `path`, from the rows of
    its content table `content`, in the scratch database `scratch`."""

    def __init__(self, db, path: Path, table: str, content: str, columns: list[str], scratch: Path):
        (definition,) = db.execute(
            "select sql from sqlite_master where name = ?", [table]
        ).fetchone()
        self.table, self.path, self.scratch = table, path, scratch
        self.statements = [
            "pragma journal_mode = off",
            "pragma synchronous = off",
            definition,
            f"insert into [{table}] ([{table}], rank) values ('hashsize', {HASH_BYTES})",
        ]
        listed = ", ".join(f"[{c}]" for c in columns)
        self.fill_statement = (
            f"insert into main.[{table}] (rowid, {listed}) "
            f"select rowid, {listed} from build.[{content}] order by rowid"
        )
        self.error: BaseException | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        try:
            fill_index(self)
        except BaseException as error:  # raised in the build when it waits for the index
            self.error = error

    def copy_into(self, db) -> None:
        """Waits for the thread (or, where it never started, fills the index now), then puts
        the index into the table of `db`, still empty."""
        if self.thread.ident is None:
            self.run()
        else:
            self.thread.join()
        if self.error is not None:
            raise self.error
        db.execute("pragma journal_mode = off")
        db.execute("attach database ? as scratch", [str(self.scratch)])
        with db.atomic():
            for shadow in SHADOW_TABLES:
                name = f"[{self.table}_{shadow}]"
                db.execute(f"delete from main.{name}")
                db.execute(
                    f"insert into main.{name} select * from scratch.{name}"
                    + (" where k != 'hashsize'" if shadow == "config" else "")
                )
        db.execute("detach database scratch")


def fill_index(filler: IndexFiller) -> None:
    """The thread's work: the scratch index filled from the build's passages."""
    connection = sqlite3.connect(filler.scratch, isolation_level=None)
    try:
        connection.set_progress_handler(lambda: filler.stopping, INSTRUCTIONS_BETWEEN_CHECKS)
        for statement in filler.statements:
            connection.execute(statement)
        connection.execute("attach database ? as build", [str(filler.path)])
        connection.execute(filler.fill_statement)
    finally:
        connection.close()


@contextmanager
def index_filled_beside(
    db, path: Path, table: str, content: str, columns: list[str]
) -> Iterator[IndexFiller]:
    """An IndexFiller for `table` of `db`, the database being built at `path`, started: the
    block's work goes on while it fills. However the block ends, the thread has ended (stopped
    where it was if the build failed) and its scratch database is removed."""
    filler = IndexFiller(db, path, table, content, columns, scratch_path(path))
    (journal,) = db.execute(f"pragma journal_mode = {CONCURRENT_JOURNAL}").fetchone()
    if journal == CONCURRENT_JOURNAL:
        try:
            filler.thread.start()
        except RuntimeError as error:  # its stack could not be mapped
            raise MemoryError(str(error)) from error
    try:
        yield filler
    finally:
        filler.stopping = True
        if filler.thread.ident is not None:
            filler.thread.join()
        filler.scratch.unlink(missing_ok=True)


def scratch_path(build: Path) -> Path:
    return Path(f"{build}-index")
