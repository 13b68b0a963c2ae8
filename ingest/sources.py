"""Sources: the files a build reads, each read by the reader for its format (one module of
ingest.readers, imported when a file needs it) into documents (ingest.documents)."""

import importlib
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from .documents import Document, ReadOptions, SourceFile, read_bytes
from .errors import SourceError
from .parallel import kept, ordered_map

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
    ".xml": "tei",
    ".epub": "epub",
}
# Readers that hold a whole file in memory anyway, and the number of such files from which
# they are read in worker processes.
READ_WHOLE = frozenset({"html", "pdf", "word", "tei", "epub"})
PARALLEL_FROM_FILES = 2
# Files beside the sources that describe them: metadata, not sources.
METADATA_FILES = ("entities.csv", "documents.csv", "corpus.yml")


def source_folders(paths: list[Path]) -> list[Path]:
    """Each directory given and the directory of each file given, once each."""
    return list(dict.fromkeys(path if path.is_dir() else path.parent for path in paths))


def files_beside(paths: list[Path], name: str) -> list[Path]:
    """The file called `name` in each directory given and beside each file given."""
    return [folder / name for folder in source_folders(paths) if (folder / name).is_file()]


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


def reader_of(path: Path) -> ModuleType:
    return importlib.import_module(f".readers.{READERS[path.suffix.lower()]}", __package__)


def read_documents(path: Path, options: ReadOptions) -> Iterator[Document]:
    yield from reader_of(path).read(SourceFile(path, read_bytes(path)), options)


def read_all(sources: list[Path], options: ReadOptions) -> Iterator[Document]:
    """The documents of the sources, in order. Files whose format is read whole (a page, a
    PDF, an e-book) are read ahead in worker processes when there are many, a long PDF's
    pages a run to a task: the slowest readers (finding a page's main text, laying out a
    PDF's columns) would otherwise set the build's pace alone, a book on one core. Other
    files stream from this process as they are read."""
    whole = [path for path in sources if READERS[path.suffix.lower()] in READ_WHOLE]
    cores = min(os.cpu_count() or 1, 4)
    workers = cores if len(whole) >= PARALLEL_FROM_FILES else 1
    if workers <= 1:
        # One long file read here (a PDF book) may lay its pages out in processes of its own.
        options = replace(options, workers=cores)
        for path in sources:
            yield from read_documents(path, options)
        return
    sent: deque[ReadingTask] = deque()
    tasks = kept(reading_tasks(sources, workers), sent)
    pages: list = []  # the runs of a long PDF's pages laid out so far
    for result in ordered_map(partial(read_ahead, options=options), tasks, workers):
        task = sent.popleft()
        if task.pages is None:
            yield from read_documents(task.path, options) if result is None else result
            continue
        pages += result
        if task.last:
            source = SourceFile(task.path, read_bytes(task.path))
            yield from reader_of(task.path).read(source, options, pages)
            pages = []


class ReadingTask(NamedTuple):
    """A file for the workers to read whole, or a run of a long PDF's pages to lay out."""

    path: Path
    pages: range | None = None
    last: bool = True  # whether the run is the PDF's last


def reading_tasks(sources: list[Path], workers: int) -> Iterator[ReadingTask]:
    """The sources as tasks for `workers`: a PDF whose share of the PDFs' bytes would keep
    one worker busy after the others are done (the layout is slower than any other reading
    by far) is laid out a run of pages to a task; each run costs a parse of the file's
    structure, so other files are read whole."""
    pdfs = {path for path in sources if READERS[path.suffix.lower()] == "pdf"}
    total = sum(file_size(path) for path in pdfs)
    for path in sources:
        runs = []
        if path in pdfs and file_size(path) * workers > total:
            pdf = reader_of(path)
            runs = pdf.page_runs(pdf.page_count(read_bytes(path)))
        if len(runs) < 2:
            yield ReadingTask(path)
            continue
        for number, run in enumerate(runs, 1):
            yield ReadingTask(path, run, number == len(runs))


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # its reading reports why


def read_ahead(task: ReadingTask, options: ReadOptions) -> list | None:
    """A worker's reading: the file's documents with all their passages (None for a format
    that streams from the build's process), or the lines of the run of pages."""
    if task.pages is not None:
        return reader_of(task.path).run_laid_out(
            SourceFile(task.path, read_bytes(task.path)), task.pages
        )
    if READERS[task.path.suffix.lower()] not in READ_WHOLE:
        return None
    documents = list(read_documents(task.path, options))
    for document in documents:
        document.passages = list(document.passages)
    return documents
