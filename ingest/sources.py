"""Sources: the files a build reads, each read by the reader for its format (one module of
ingest.readers, imported when a file needs it) into documents (ingest.documents)."""

import importlib
from collections.abc import Iterator
from pathlib import Path

from .documents import Document, ReadOptions, SourceFile, read_bytes
from .errors import SourceError

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
    yield from reader.read(SourceFile(path, read_bytes(path)), options)
