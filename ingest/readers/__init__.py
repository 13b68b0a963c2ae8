"""One reader per format, each `read(path, options) -> Iterator[Document]` (ingest.sources)."""
