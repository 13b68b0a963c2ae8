"""One reader per format, each `read(path, options) -> Iterator[Document]` (ingest.sources),
and what they share: `archive` (zip containers), `xml` (untrusted XML), `blocks` (HTML block
by block), `main_text` (a web page's main text set right by its blocks)."""
