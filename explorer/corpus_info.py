"""Each served corpus's own title, description, licence and source (the corpus_info table its
build wrote), as Datasette metadata: every page names the corpus served, not the seed."""

import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path

from markupsafe import escape

FIELDS = ("title", "license", "license_url", "source", "source_url")


@cache
def stored_info(path: str, modified: float) -> dict:
    """The corpus_info row of the database file (a database built before there was one: none).
    Cached by the file's modification time: a rebuilt file is read again."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            row = connection.execute("select * from corpus_info limit 1").fetchone()
    except sqlite3.Error:
        return {}
    return dict(row) if row else {}


def database_info(datasette, name: str) -> dict:
    """The metadata of a served database: its corpus's fields and a description leading to
    its pages; a database without them is called by its name, and no licence is claimed."""
    info, path = {}, datasette.databases[name].path
    if path and Path(path).is_file():
        info = stored_info(path, Path(path).stat().st_mtime)
    url = datasette.urls.database(name)
    metadata = {field: info[field] for field in FIELDS if info.get(field)}
    metadata.setdefault("title", name)
    described = f"<p>{escape(info['description'])}</p>" if info.get("description") else ""
    metadata["description_html"] = described + (
        f'<p>Start with the <a href="{url}/search">search</a>, browse the '
        f'<a href="{url}/entities">entities</a>, read the <a href="{url}/timeline">timeline</a>, '
        f'or read at a distance: <a href="{url}/trends">words over time</a>, '
        f'<a href="{url}/collocates">the company a word keeps</a> and '
        f'<a href="{url}/keyness">what sets a part of the corpus apart</a>. '
        "The whole database can be downloaded as one SQLite file.</p>"
    )
    return metadata
