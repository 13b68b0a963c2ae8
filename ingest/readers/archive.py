"""Zip containers (Word's .docx, EPUB) opened as untrusted files: a damaged archive, or one
that would unpack to more than a document can hold (a zip bomb), is one SourceError before
anything is unpacked. A member is never unpacked past the size its entry declares: zipfile
stops there and fails the member's checksum."""

import io
import zipfile
from pathlib import Path

from ..errors import SourceError

# Far past any real document's text and pictures; a bomb declares gigabytes.
MOST_UNPACKED = 1 << 30
# Text compresses about tenfold and pictures hardly at all; a bomb's zeros a thousandfold.
MOST_COMPRESSION = 200


def open_zip(data: bytes, path: Path, what: str) -> zipfile.ZipFile:
    """The archive of a `what` (`EPUB`, `.docx`) file."""
    article = "an" if what[0] in "AEIOU" else "a"
    if not data.startswith(b"PK"):
        raise SourceError(
            f"{path}: not {article} {what} file ({article} {what} is a zip archive; "
            "this is not one)"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise SourceError(f"{path}: a damaged {what} ({error})") from None
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > MOST_UNPACKED or unpacked > MOST_COMPRESSION * max(packed, 1 << 16):
        raise SourceError(
            f"{path}: refused: the {what} would unpack {packed:,} bytes into {unpacked:,} "
            "(a zip bomb, or far larger than any document)"
        )
    return archive


def member(archive: zipfile.ZipFile, name: str, path: Path, what: str) -> bytes:
    """A member's bytes; a missing or damaged one is one SourceError."""
    try:
        return archive.read(name)
    except KeyError:
        raise SourceError(f"{path}: a damaged {what} (it has no {name})") from None
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as error:
        raise SourceError(f"{path}: a damaged {what} ({name}: {error})") from None
