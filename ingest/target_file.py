"""The database file a build writes: one build of it at a time, built beside it and put in
its place only when complete, and what it records of its own build."""

import errno
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from .errors import BuildError
from .search_index import scratch_path


@contextmanager
def build_lock(target: Path) -> Iterator[Path]:
    """Holds the target's lock file, so that two builds of one target never run at once, and
    yields the temporary path to build in, cleared of anything a killed build left there."""
    if target.is_dir():
        raise BuildError(
            f"{target}: is a directory; give --db a file name such as {target}/corpus.db"
        )
    if target.exists() and not is_sqlite_file(target):
        raise BuildError(
            f"{target}: exists and is not an SQLite database; it was left alone "
            "(choose another --db)"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{target.parent}: cannot create the folder: {error.strerror}") from None
    temporary = target.with_name(f".{target.name}.building")
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        # A POSIX record lock belongs to this process alone: worker processes forked from it
        # never hold it, so it ends with the build however the build ends.
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            raise BuildError(f"{target}: another build of this database is running") from None
        remove_database_files(temporary)
        yield temporary


@contextmanager
def replaced_when_complete(temporary: Path, target: Path) -> Iterator[None]:
    """The temporary database renamed onto the target if the block completes, else removed."""
    try:
        yield
        os.replace(temporary, target)
    finally:
        remove_database_files(temporary)


def stored_value(target: Path, key: str) -> str | None:
    """A value from build_info of an existing database this tool built, else None."""
    if not target.is_file() or not is_sqlite_file(target):
        return None
    try:
        with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as connection:
            row = connection.execute("select value from build_info where key = ?", [key])
            found = row.fetchone()
    except sqlite3.Error:
        return None
    return found[0] if found else None


def counts(target: Path) -> dict[str, int]:
    """Rows in the tables a build reports."""
    tables = ("documents", "passages", "citations", "dates", "entities", "mentions")
    with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as connection:
        return {t: connection.execute(f"select count(*) from [{t}]").fetchone()[0] for t in tables}


def is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as f:
        header = f.read(16)
    return header in (b"SQLite format 3\x00", b"")


def remove_database_files(path: Path) -> None:
    journals = [Path(f"{path}-{suffix}") for suffix in ("journal", "wal", "shm")]
    for leftover in (path, *journals, scratch_path(path)):
        leftover.unlink(missing_ok=True)
