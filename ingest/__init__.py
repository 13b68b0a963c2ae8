"""Builds a searchable SQLite corpus from documents (plain text, Markdown, HTML, PDF, Word,
JSON Lines, CSV): sources -> passages -> citations, dates and entities -> database, published
with Datasette."""
