"""Plain text: one passage per line, or paragraphs of wrapped lines (ingest.paragraphs)."""

from collections.abc import Iterator

from ..documents import Document, ReadOptions, SourceFile
from ..paragraphs import text_passages


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    text = source.text(options.encoding)
    yield Document(path.name, str(path), "text", text_passages(text, options.passages))
