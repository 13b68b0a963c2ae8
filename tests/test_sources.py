import pytest

from ingest.documents import ReadOptions
from ingest.errors import SourceError
from ingest.sources import find_sources, read_documents, skipped_files


def read_lines(path, encoding="utf-8"):
    """The passages of a plain-text file read one per line."""
    (document,) = read_documents(path, ReadOptions("line", encoding))
    return list(document.passages)


def test_a_directory_gives_its_readable_files_in_sorted_order(write_sources):
    folder = write_sources(
        {"b.txt": "x", "a.txt": "y", "notes.md": "z", "scan.tiff": b"II*", "documents.csv": ""}
    )
    assert [p.name for p in find_sources([folder])] == ["a.txt", "b.txt", "notes.md"]
    assert [p.name for p in skipped_files([folder])] == ["scan.tiff"]


def test_an_unknown_extension_named_on_the_command_line_is_an_error(write_sources):
    folder = write_sources({"scan.tiff": b"II*"})
    with pytest.raises(SourceError, match=r"scan\.tiff: cannot read \.tiff"):
        find_sources([folder / "scan.tiff"])


def test_a_missing_source_is_named_in_the_error(tmp_path):
    with pytest.raises(SourceError, match=r"nowhere\.txt: no such file or directory"):
        find_sources([tmp_path / "nowhere.txt"])


def test_passages_are_the_non_empty_lines_with_their_positions(write_sources):
    folder = write_sources({"a.txt": "\nfirst\n   \nsecond\n"})
    lines = read_lines(folder / "a.txt")
    assert [(line.line_number, line.last_line_number, line.text) for line in lines] == [
        (2, 2, "first"),
        (4, 4, "second"),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_every_kind_of_line_end_ends_a_line(write_sources, newline):
    folder = write_sources({"a.txt": newline.join(["one", "two", "three"]).encode()})
    assert [line.text for line in read_lines(folder / "a.txt")] == ["one", "two", "three"]


def test_a_byte_order_mark_is_not_text(write_sources):
    folder = write_sources({"a.txt": "\ufeffBiałystok".encode()})
    assert [line.text for line in read_lines(folder / "a.txt")] == ["Białystok"]


def test_text_that_is_not_utf8_names_file_line_and_offset(write_sources):
    folder = write_sources({"latin.txt": "first line\nM\xfcnchen\n".encode("latin-1")})
    with pytest.raises(SourceError) as error:
        read_lines(folder / "latin.txt")
    message = str(error.value)
    assert "latin.txt" in message and "line 2" in message and "byte offset 12" in message
    assert "--encoding latin-1" in message
    lines = read_lines(folder / "latin.txt", encoding="latin-1")
    assert lines[1].text == "München"


def test_a_binary_file_is_refused(write_sources):
    folder = write_sources({"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    with pytest.raises(SourceError, match="binary"):
        read_lines(folder / "image.txt")
