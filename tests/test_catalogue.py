"""Document metadata: what a source says of itself, overridden by a documents.csv."""

import json

import pytest

from ingest.catalogue import Catalogue
from ingest.documents import Document
from ingest.errors import SourceError


def document(filename: str, **metadata) -> Document:
    return Document(filename, f"sources/{filename}", "text", [], metadata)


def test_the_list_overrides_the_source_and_keeps_other_fields_as_extra(tmp_path):
    listed = tmp_path / "documents.csv"
    listed.write_text(
        "filename,title,date,signature\nrapallo.md,Treaty of Rapallo,16 April 1922,PA AA R 1234\n"
    )
    catalogue = Catalogue([listed])
    row = catalogue.document_row(1, document("rapallo.md", title="rapallo", author="Someone"))
    assert (row["title"], row["author"], row["date"]) == (
        "Treaty of Rapallo",
        "Someone",
        "1922-04-16",
    )
    assert json.loads(row["extra"]) == {"signature": "PA AA R 1234"}
    assert catalogue.unused_entries() == []


def test_dates_as_given_are_kept_with_a_warning_and_unknown_files_are_named(tmp_path):
    listed = tmp_path / "documents.csv"
    listed.write_text("filename,date\nmissing.txt,1939\n")
    catalogue = Catalogue([listed])
    row = catalogue.document_row(1, document("a.txt", date="sometime in spring"))
    assert row["date"] == "sometime in spring"
    assert "the date 'sometime in spring' was kept as given" in catalogue.warnings[0]
    assert catalogue.unused_entries() == [f"{listed}, line 2: no document is named missing.txt"]


def test_a_list_without_filenames_or_with_a_file_twice_is_refused(tmp_path):
    listed = tmp_path / "documents.csv"
    listed.write_text("title\nA\n")
    with pytest.raises(SourceError, match="needs a filename column"):
        Catalogue([listed])
    listed.write_text("filename,title\na.txt,A\na.txt,B\n")
    with pytest.raises(SourceError, match="a.txt is described twice"):
        Catalogue([listed])
