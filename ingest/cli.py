"""The command line: python -m ingest [SOURCE ...] [--db PATH]."""

import argparse
import signal
import sqlite3
import sys
from pathlib import Path

from .build import Report, build
from .catalogue import Catalogue, find_catalogues
from .corpus_info import FIELDS, corpus_info
from .curation import find_curation_files, read_corrections
from .documents import ReadOptions
from .errors import BuildError, SourceError
from .paragraphs import MODES
from .sources import READERS, find_sources, skipped_files
from .stopping import received_signal, stop_on_signals

DEFAULT_SOURCES = [Path("seeds")]
DEFAULT_DB = Path("data/corpus.db")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Build a searchable SQLite corpus from documents (plain text, Markdown, "
        "HTML, PDF, Word, JSON Lines, CSV), with citation markers, dates and named entities "
        "extracted from every passage.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="files, or directories whose files are read in sorted order (default: seeds/); "
        f"formats by extension: {' '.join(READERS)}",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=DEFAULT_DB,
        help="the database to build or replace (default: data/corpus.db)",
    )
    parser.add_argument(
        "--encoding", default="utf-8", help="the sources' text encoding (default: utf-8)"
    )
    parser.add_argument(
        "--passages",
        choices=MODES,
        default="auto",
        help="how plain text divides into passages: one per line, paragraphs between blank "
        "lines (wrapped lines joined, broken words mended), or auto: paragraphs where the "
        "text is hard-wrapped, else lines (default: auto)",
    )
    parser.add_argument(
        "--no-ner",
        dest="ner",
        action="store_false",
        help="skip named entities (citations and dates only)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the rules and the model on the workers of this Dask scheduler "
        "(tcp://HOST:8786); this process reads the sources and writes the database",
    )
    described = parser.add_argument_group(
        "the corpus's description, shown by the explorer (default: the corpus.yml beside the "
        "sources; without a title, the sources' folder name; without a licence, none claimed)"
    )
    for field in FIELDS:
        described.add_argument(f"--{field.replace('_', '-')}", metavar="TEXT")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with stop_on_signals():
        try:
            report = run(args)
        except BaseException as error:
            return reported_failure(error, args.db)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary(args.db))
    return 0


def reported_failure(error: BaseException, db: Path) -> int:
    """The exit code of a build that did not finish, after its one line."""
    signum = received_signal()
    if signum is not None:
        stopped = "interrupted" if signum == signal.SIGINT else "terminated"
        print(f"{stopped}: {db} was left as it was", file=sys.stderr)
        return 128 + signum
    if isinstance(error, (SourceError, BuildError)):
        print(f"error: {error}", file=sys.stderr)
        return 1
    if isinstance(error, (OSError, sqlite3.Error)):
        print(f"error: cannot write {db}: {error}; it was left as it was", file=sys.stderr)
        return 1
    if isinstance(error, MemoryError):
        print(
            f"error: out of memory while building {db}; it was left as it was (give the build "
            "more memory, or split the largest source file)",
            file=sys.stderr,
        )
        return 1
    raise error


def run(args: argparse.Namespace) -> Report:
    paths = args.sources or DEFAULT_SOURCES
    sources = find_sources(paths)
    for skipped in skipped_files(paths):
        print(f"note: {skipped}: skipped (not a format read)", file=sys.stderr)
    if not sources:
        raise SourceError(f"no files to read in {', '.join(map(str, paths))}")
    corrections = [c for path in find_curation_files(paths) for c in read_corrections(path)]
    catalogue = Catalogue(find_catalogues(paths))
    options = ReadOptions(args.passages, args.encoding)
    info = corpus_info(paths, {field: getattr(args, field) for field in FIELDS})
    return build(sources, args.db, args.ner, options, corrections, catalogue, args.scheduler, info)
