"""The command line: python -m ingest [SOURCE ...] [--db PATH]."""

import argparse
import signal
import sqlite3
import sys
from pathlib import Path

from .build import build
from .curation import find_curation_files, read_corrections
from .sources import SourceError, find_sources
from .storage import BuildError

DEFAULT_SOURCES = [Path("seeds")]
DEFAULT_DB = Path("data/corpus.db")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Build a searchable SQLite corpus from plain-text files: one passage per "
        "non-empty line, with citation markers, dates and named entities extracted.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="text files, or directories whose *.txt files are read in sorted "
        "order (default: seeds/)",
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
        "--no-ner",
        dest="ner",
        action="store_false",
        help="skip named entities (citations and dates only)",
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
        if not sources:
            raise SourceError(f"no *.txt files in {', '.join(map(str, paths))}")
        corrections = [c for path in find_curation_files(paths) for c in read_corrections(path)]
        report = build(sources, args.db, args.ner, args.encoding, corrections)
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
