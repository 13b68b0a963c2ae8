"""Document metadata: what each source says of itself (front matter, <meta>, document
properties, record fields), overridden by a `documents.csv` beside the sources:

    filename,title,author,date,url,language,signature
    rapallo.md,Treaty of Rapallo,,1922-04-16,,de,PA AA R 1234

`filename` is a document's name as in the documents table (`letters.jsonl#3` for a record);
title, author, date, url and language (ISO 639-1, or the language's English name; where no
one gives it, the build detects it) have columns of their own and every other field is kept in
`extra`, a JSON object. An empty cell leaves the source's own value in place.
"""

import csv
import json
import re
from pathlib import Path

from .dates import extract_dates
from .documents import METADATA_FIELDS, Document, split_metadata
from .errors import SourceError
from .languages import LANGUAGES
from .sources import files_beside

CATALOGUE_FILE = "documents.csv"
ISO_DATE = re.compile(r"-?\d{4}(?:-\d{2}(?:-\d{2})?)?")
LANGUAGE_CODES = {language.name.lower(): code for code, language in LANGUAGES.items()}


class Catalogue:
    def __init__(self, files: list[Path] = ()):
        self.entries: dict[str, dict] = {}  # filename -> the fields it sets
        self.where: dict[str, str] = {}  # filename -> file and line, for messages
        self.used: set[str] = set()
        self.warnings: list[str] = []
        for path in files:
            self.read(path)

    def read(self, path: Path) -> None:
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f, strict=True)
                if "filename" not in (reader.fieldnames or []):
                    raise SourceError(f"{path}: a documents.csv needs a filename column")
                for record in reader:
                    where = f"{path}, line {reader.line_num}"
                    if None in record:
                        raise SourceError(f"{where}: more fields than the header names")
                    filename = (record.pop("filename") or "").strip()
                    if not filename:
                        raise SourceError(f"{where}: no filename")
                    if filename in self.entries:
                        raise SourceError(
                            f"{where}: {filename} is described twice (also {self.where[filename]})"
                        )
                    self.entries[filename] = split_metadata(
                        {key: value.strip() for key, value in record.items() if value}
                    )
                    self.where[filename] = where
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise SourceError(f"{path}: cannot read the document list: {error}") from None

    def document_row(self, document_id: int, document: Document) -> dict:
        """The document's row of the documents table, its metadata overridden by the list."""
        metadata = dict(document.metadata)
        if document.filename in self.entries:
            metadata.update(self.entries[document.filename])
            self.used.add(document.filename)
        where = self.where.get(document.filename, document.path)
        row = {"id": document_id, "filename": document.filename, "path": document.path}
        row["format"] = document.format
        for field in METADATA_FIELDS:
            value = metadata.pop(field, None)
            row[field] = None if value is None else " ".join(str(value).split())
        if row["date"] is not None:
            row["date"] = self.normalised_date(row["date"], where)
        if row["language"] is not None:
            row["language"] = self.language_code(row["language"], where)
        row["extra"] = json.dumps(metadata, ensure_ascii=False, default=str) if metadata else None
        return row

    def normalised_date(self, value: str, where: str) -> str:
        """An ISO date as given (its day part); a date written out (`12 March 1939`) as the
        date rules read it; anything else as given, with a warning."""
        iso = ISO_DATE.match(value)
        if iso and (iso.end() == len(value) or value[iso.end()] in "T "):
            return iso.group()
        dates = extract_dates(value)
        if len(dates) == 1 and dates[0].earliest and len(dates[0].text) >= len(value) - 3:
            return dates[0].value
        self.warnings.append(f"{where}: the date {value!r} was kept as given (not a date read)")
        return value

    def language_code(self, value: str, where: str) -> str | None:
        """`de`, `de-AT`, `German`, `deu`, `ger` -> `de`; anything else is detected, with a
        warning."""
        code = value.lower().replace("_", "-").split("-")[0]
        if code in LANGUAGE_CODES:
            return LANGUAGE_CODES[code]
        if len(code) == 2 and code.isalpha():
            return code
        if len(code) == 3 and code.isalpha():
            import pycountry  # its tables are read only for a code of three letters

            found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(
                bibliographic=code
            )
            if found is not None and hasattr(found, "alpha_2"):
                return found.alpha_2
        self.warnings.append(f"{where}: the language {value!r} is no ISO 639-1 code; detected")
        return None

    def unused_entries(self) -> list[str]:
        return [
            f"{self.where[filename]}: no document is named {filename}"
            for filename in self.entries
            if filename not in self.used
        ]


def find_catalogues(paths: list[Path]) -> list[Path]:
    """The documents.csv in each directory given and beside each file given."""
    return files_beside(paths, CATALOGUE_FILE)
