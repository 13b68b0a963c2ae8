"""The search's ranking, `bm25_sampled(passages_fts)`: FTS5's bm25 without counting every
passage that holds a frequent word (`ranking.c` says how). Compiled by `make setup` into
`libranking.so` beside this file and registered for every SQLite connection this process opens
afterwards: Python's sqlite3 may have no `load_extension`, so it is loaded with ctypes into
the same SQLite library that sqlite3 uses."""

import ctypes
import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path

LIBRARY = Path(__file__).with_name("libranking.so")


class RankingMissing(RuntimeError):
    pass


@cache
def register_ranking() -> None:
    if not LIBRARY.exists():
        raise RankingMissing(f"{LIBRARY} is missing: run `make setup` to compile ranking.c")
    if ctypes.CDLL(str(LIBRARY)).register_for_every_connection() != 0:
        raise RankingMissing(f"{LIBRARY} could not be registered with SQLite")
    connection = sqlite3.connect(":memory:")
    with closing(connection):
        connection.execute("create virtual table probe using fts5(text)")
        try:
            connection.execute("select bm25_sampled(probe) from probe where probe match 'a'")
        except sqlite3.OperationalError as error:
            raise RankingMissing(
                f"{LIBRARY} is loaded but Python's sqlite3 does not see it ({error}): "
                "it links another copy of SQLite"
            ) from None
