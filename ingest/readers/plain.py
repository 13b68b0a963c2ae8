"""Plain text: one passage per line, or paragraphs of wrapped lines (ingest.paragraphs)."""

from collections.abc import Iterator
from pathlib import Path

from ..paragraphs import text_passages
from ..sources import Document, ReadOptions, read_text


def read(path: Path, options: ReadOptions) -> Iterator[Document]:
    text = read_text(path, options.encoding)
    yield Document(path.name, str(path), "text", text_passages(text, options.passages))
