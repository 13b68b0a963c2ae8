"""Reading source files: one passage per non-empty line, exactly as written."""

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple


class SourceError(Exception):
    """A source that cannot be read; the message names the file and the problem."""


class Line(NamedTuple):
    position: int  # among the file's non-empty lines, from 1
    line_number: int  # among all its lines, from 1
    raw_text: str


def find_sources(paths: list[Path]) -> list[Path]:
    """Files named directly, and the *.txt files of each directory in sorted order."""
    sources = []
    for path in paths:
        if path.is_dir():
            sources.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            sources.append(path)
        elif path.exists():
            raise SourceError(f"{path}: not a regular file or directory")
        else:
            raise SourceError(f"{path}: no such file or directory")
    return sources


def read_text(path: Path, encoding: str = "utf-8") -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read: {e.strerror}") from None
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


def read_lines(path: Path, encoding: str = "utf-8") -> Iterator[Line]:
    """The non-empty lines of a file; LF, CRLF and CR all end a line."""
    position = 0
    lines = read_text(path, encoding).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_number, raw_text in enumerate(lines, 1):
        if raw_text.strip():
            position += 1
            yield Line(position, line_number, raw_text)
