"""The extraction cache: the database a build replaces.

A rebuild to the same path reuses the entity mentions stored there for every passage whose
text and extractor version are unchanged, so only new or changed passages pay for the model.
Nothing is cached outside the database: a build to a new path is a cold build.
"""

import hashlib
import sqlite3
from pathlib import Path

from . import agreement
from .entities import EDITION, Mention
from .storage import TEXT_HASH_INDEX
from .target_file import stored_value

# Mentions every build makes anew (corpus-level ones, and an edition's own markup, read with
# its passage); only those found in a passage's text alone are reused.
NOT_CACHED_SOURCES = (agreement.SOURCE, EDITION)
# Hashes looked up by the index of the previous build's passages before it is read whole.
LOOKED_UP_BY_INDEX = 20_000


def text_hash(text: str) -> int:
    """A 64-bit signed integer, the width of an SQLite integer."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class ExtractionCache:
    def __init__(self, previous: Path, extractor_version: str):
        self.connection = None
        # text hash -> a passage id in the previous build, read whole once a build asks for
        # more passages than its index finds quicker (an update asks for a document's)
        self.passage_ids: dict[int, int] | None = {}
        self.looked_up = 0
        if stored_value(previous, "extractor_version") != extractor_version:
            return  # no previous build, another tool's database, or other extractors
        self.connection = sqlite3.connect(f"file:{previous}?mode=ro", uri=True)
        indexed = self.connection.execute(
            "select 1 from sqlite_master where name = ?", [TEXT_HASH_INDEX]
        ).fetchone()
        self.passage_ids = None if indexed else self.all_passage_ids()

    def all_passage_ids(self) -> dict[int, int]:
        return dict(self.connection.execute("select text_hash, id from passages"))

    def passages_of(self, hashes: list[int]) -> dict[int, int]:
        """Passage id -> text hash, for the hashes the previous build has."""
        if self.passage_ids is None and self.looked_up + len(hashes) > LOOKED_UP_BY_INDEX:
            self.passage_ids = self.all_passage_ids()
        if self.passage_ids is not None:
            return {self.passage_ids[h]: h for h in hashes if h in self.passage_ids}
        self.looked_up += len(hashes)
        rows = self.connection.execute(
            "select max(id), text_hash from passages where text_hash is not null and "
            f"text_hash in ({','.join('?' * len(hashes))}) group by text_hash",
            hashes,
        )
        return dict(rows)

    def mentions(self, hashes: list[int]) -> dict[int, list[Mention]]:
        """Stored mentions by text hash, for the hashes the previous build has."""
        known = self.passages_of(hashes)
        found: dict[int, list[Mention]] = {h: [] for h in known.values()}
        if not known:
            return found
        placeholders = ",".join("?" * len(known))
        # `+`: not by the index of sources, which a large build's sampled statistics say is
        # quicker for many passages (some thousand mentions a source), and is not.
        rows = self.connection.execute(
            "select mentions.passage_id, start_char, end_char, mentions.text, label, "
            f"sources.name from mentions join sources on sources.id = +mentions.source_id "
            f"where passage_id in ({placeholders}) and sources.name not in "
            f"({','.join('?' * len(NOT_CACHED_SOURCES))}) order by passage_id, start_char",
            [*known, *NOT_CACHED_SOURCES],
        )
        for passage_id, start, end, text, label, source in rows:
            found[known[passage_id]].append(Mention(start, end, text, label, source))
        return found

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
