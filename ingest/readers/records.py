"""JSON Lines and CSV exports: one document per record, its `text` field read as plain text
(paragraphs between blank lines, ingest.paragraphs), every other field its metadata."""

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..documents import Document, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from ..paragraphs import text_passages

TEXT_FIELD = "text"
# A record's text can be a whole book: the csv module's default limit is 128 KiB a field.
csv.field_size_limit(sys.maxsize)


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    text = source.text(options.encoding)
    jsonl = path.suffix.lower() == ".jsonl"
    records = json_records(path, text) if jsonl else csv_records(path, text)
    for number, where, record in records:
        body = record.pop(TEXT_FIELD, None)
        if not isinstance(body, str):
            problem = "no text field" if body is None else "a text field that is not a string"
            raise SourceError(f"{path}, {where}: the record has {problem}")
        yield Document(
            f"{path.name}#{number}",
            str(path),
            path.suffix.lower().lstrip("."),
            text_passages(body, options.passages),
            split_metadata(record),
        )


def json_records(path: Path, text: str) -> Iterator[tuple[int, str, dict]]:
    number = 0
    for line_number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(f"{path}, line {line_number}: not valid JSON: {error.msg}") from None
        if not isinstance(record, dict):
            raise SourceError(f"{path}, line {line_number}: not a JSON object")
        number += 1
        yield number, f"line {line_number}", record


def csv_records(path: Path, text: str) -> Iterator[tuple[int, str, dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        if TEXT_FIELD not in (reader.fieldnames or []):
            raise SourceError(f"{path}: the CSV has no {TEXT_FIELD} column")
        for number, record in enumerate(reader, 1):
            if None in record:
                raise SourceError(
                    f"{path}, line {reader.line_num}: more fields than the header names"
                )
            yield number, f"line {reader.line_num}", record
    except csv.Error as error:
        raise SourceError(f"{path}, line {reader.line_num}: not valid CSV: {error}") from None
