"""Builds a searchable SQLite corpus from plain-text sources: sources -> passages ->
citations, dates and entities -> database, published with Datasette."""
