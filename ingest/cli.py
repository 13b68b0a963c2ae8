"""The command line: python -m ingest [SOURCE ...] [--db PATH]."""

import argparse
import signal
import sqlite3
import sys
from pathlib import Path

from .build import build
from .catalogue import Catalogue, find_catalogues
from .curation import find_curation_files, read_corrections
from .paragraphs import MODES
from .sources import READERS, ReadOptions, SourceError, find_sources, skipped_files
from .storage import BuildError

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
    return parser.parse_args(argv)


class Terminated(BaseException):
    """SIGTERM (from `kill`, `timeout`, a job scheduler, systemd), raised wherever the build is
    so that it unwinds as Ctrl-C does."""


def raise_terminated(signum, frame) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, raise_terminated)
    try:
        paths = args.sources or DEFAULT_SOURCES
        sources = find_sources(paths)
        for skipped in skipped_files(paths):
            print(f"note: {skipped}: skipped (not a format read)", file=sys.stderr)
        if not sources:
            raise SourceError(f"no files to read in {', '.join(map(str, paths))}")
        corrections = [c for path in find_curation_files(paths) for c in read_corrections(path)]
        catalogue = Catalogue(find_catalogues(paths))
        options = ReadOptions(args.passages, args.encoding)
        report = build(sources, args.db, args.ner, options, corrections, catalogue, args.scheduler)
    except (SourceError, BuildError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as error:
        print(f"error: cannot write {args.db}: {error}; it was left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted: {args.db} was left as it was", file=sys.stderr)
        return 130
    except Terminated:
        print(f"terminated: {args.db} was left as it was", file=sys.stderr)
        return 128 + signal.SIGTERM
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary(args.db))
    return 0
