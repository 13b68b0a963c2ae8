"""Every row a build writes, to compare two builds of one corpus (by this checkout and an
earlier commit, locally and on a cluster)."""

import sqlite3
from pathlib import Path

# Tables a build writes that differ between two builds of one corpus, or belong to SQLite.
NOT_COMPARED = ("build_info", "sqlite_stat1")


def written_tables(connection: sqlite3.Connection) -> list[str]:
    """The tables and views a build writes, the full-text index's own tables aside."""
    return [
        name
        for (name,) in connection.execute(
            "select name from sqlite_master where type in ('table', 'view') "
            "and name not like 'passages_fts%' and name != 'sqlite_stat1'"
        )
    ]


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table and view a build writes (the build's record aside), in a
    stable order: what two builds of one corpus share."""
    connection = sqlite3.connect(path)
    try:
        names = [name for name in written_tables(connection) if name not in NOT_COMPARED]
        return {n: sorted(connection.execute(f"select * from [{n}]").fetchall()) for n in names}
    finally:
        connection.close()
