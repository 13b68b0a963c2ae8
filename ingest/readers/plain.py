"""Plain text: one passage per line, or paragraphs of wrapped lines (ingest.paragraphs)."""

from collections.abc import Iterator
from pathlib import Path

from ..documents import Document, ReadOptions, read_text
from ..paragraphs import text_passages


def read(path: Path, options: ReadOptions) -> Iterator[Document]:
    text = read_text(path, options.encoding)
    yield Document(path.name, str(path), "text", text_passages(text, options.passages))
