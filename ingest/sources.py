"""Sources: the files a build reads, each read by the reader for its format into documents,
each document a list of passages with its metadata.

Every reader (ingest.readers) has one function, `read(path, options)`, yielding `Document`s:
one per file, or one per record of a JSONL or CSV file.
"""

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .paragraphs import Passage

# File extension -> the reader module in ingest.readers, imported when a file needs it.
READERS = {
    ".txt": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "word",
    ".jsonl": "records",
    ".csv": "records",
}
# Files beside the sources that describe them: metadata, not sources.
METADATA_FILES = ("entities.csv", "documents.csv")
METADATA_FIELDS = ("title", "author", "date", "url")


class SourceError(Exception):
    """A source that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class ReadOptions:
    passages: str = "auto"  # auto, line or paragraph: how plain text divides into passages
    encoding: str = "utf-8"


@dataclass
class Document:
    filename: str  # the file's base name; `letters.jsonl#3` for a file's third record
    path: str
    format: str
    passages: Iterable[Passage]
    metadata: dict = field(default_factory=dict)  # title, author, date, url and any others


def find_sources(paths: list[Path]) -> list[Path]:
    """Files named directly, and the readable files of each directory in sorted order."""
    sources = []
    for path in paths:
        if path.is_dir():
            sources.extend(directory_files(path)[0])
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                raise SourceError(
                    f"{path}: cannot read {path.suffix or 'files without an extension'}; "
                    f"the formats read are {', '.join(READERS)}"
                )
            sources.append(path)
        elif path.exists():
            raise SourceError(f"{path}: not a regular file or directory")
        else:
            raise SourceError(f"{path}: no such file or directory")
    return sources


def skipped_files(paths: list[Path]) -> list[Path]:
    """The files of the directories given that no reader reads (metadata files aside)."""
    return [skipped for path in paths if path.is_dir() for skipped in directory_files(path)[1]]


def directory_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """A directory's readable files and its other files, hidden ones left out."""
    readable, other = [], []
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name in METADATA_FILES or not path.is_file():
            continue
        (readable if path.suffix.lower() in READERS else other).append(path)
    return readable, other


def read_documents(path: Path, options: ReadOptions) -> Iterator[Document]:
    reader = importlib.import_module(f".readers.{READERS[path.suffix.lower()]}", __package__)
    yield from reader.read(path, options)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read: {e.strerror}") from None


def read_text(path: Path, encoding: str = "utf-8") -> str:
    data = read_bytes(path)
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
    """Metadata as given: the known fields by name, every other non-empty one kept as is."""
    return {
        key.strip().lower() if key.strip().lower() in METADATA_FIELDS else key.strip(): value
        for key, value in fields.items()
        if key and value not in (None, "", [], {})
    }
