"""What every reader (ingest.readers) is given and gives: a source file's bytes, and
documents of passages with their metadata. A reader is one module with one function,
`read(source, options)`, yielding `Document`s: one per file, or one per record of a JSON Lines
or CSV file."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import SourceError

METADATA_FIELDS = ("title", "author", "date", "url", "language")


@dataclass(frozen=True)
class ReadOptions:
    passages: str = "auto"  # auto, line or paragraph: how plain text divides into passages
    encoding: str = "utf-8"
    workers: int = 1  # processes a reader may lay out one long file's pages in


class Annotation(NamedTuple):
    """A name or date an edition marks in a passage's text (TEI `<persName>`, `<date when>`)."""

    text: str  # as it reads in the passage, in the order the passage has them
    label: str  # PERSON, GPE, ORG or DATE
    value: str | None = None  # a date's ISO 8601 value: `1826-09-29`, `1826/1830`


class Passage(NamedTuple):
    text: str  # as read from the source, before citation markers are removed
    line_number: int | None = None  # its first line in the source, from 1
    last_line_number: int | None = None
    page: int | None = None
    section: str | None = None
    kind: str = "text"  # text, note, heading or table (a table's row)
    cited_in: int | None = None  # a note's: the index, among its reader's passages, of its citer
    annotations: tuple[Annotation, ...] = ()  # the edition's own


@dataclass
class Document:
    filename: str  # the file's base name; `letters.jsonl#3` for a file's third record
    path: str
    format: str
    passages: Iterable[Passage]
    metadata: dict = field(default_factory=dict)  # title, author, date, url and any others


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read: {e.strerror}") from None


@dataclass(frozen=True)
class SourceFile:
    """A source as a reader receives it: its path (for names and messages) and its bytes, read
    from disk by the build or made in memory by a test."""

    path: Path
    data: bytes

    def text(self, encoding: str = "utf-8") -> str:
        data, path = self.data, self.path
        if b"\x00" in data and not encoding.lower().startswith("utf-16"):
            raise SourceError(f"{path}: looks like a binary file (it contains NUL bytes), not text")
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            encoding = "utf-8-sig"  # a leading byte-order mark is not text
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            column = e.start - (data.rfind(b"\n", 0, e.start) + 1)
            raise SourceError(
                f"{path}: not valid {encoding} text: byte 0x{data[e.start]:02x} at line {line}, "
                f"byte offset {e.start} (column {column}); if the file uses another encoding, "
                f"pass it with --encoding (for example --encoding latin-1)"
            ) from None
        except LookupError:
            raise SourceError(f"unknown encoding {encoding!r}") from None


def split_metadata(fields: dict) -> dict:
    """Metadata as given: the known fields by name, every other non-empty one kept as is; the
    author (or `authors`) as names, in any of the forms front matter writes them."""
    metadata = {}
    for key, value in fields.items():
        name = str(key).strip()
        known = name.lower() if name.lower() in (*METADATA_FIELDS, "authors") else name
        if known in ("author", "authors"):
            known, value = "author", metadata.get("author") or people(value)
        if name and value not in (None, "", [], {}):
            metadata[known] = value
    return metadata


def people(value) -> str | None:
    """Names as front matter writes them: `A. Writer`, a list of names, or a list of objects
    naming each (`name`, or `given` and `family`, as Quarto and CSL do), joined by `; `."""
    listed = value if isinstance(value, list) else [value]
    names = [person_name(person) for person in listed]
    return "; ".join(name for name in names if name) or None


def person_name(person) -> str | None:
    if isinstance(person, dict):
        if "name" in person:
            return person_name(person["name"])
        parts = [person.get(part) for part in ("given", "family")]
        return " ".join(str(part) for part in parts if part) or None
    return None if person is None else str(person).strip() or None
