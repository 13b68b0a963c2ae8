"""Each corpus is called by its own name (issue 26): a corpus.yml beside the sources, or the
build's options, give its title, description, licence and source, stored in corpus_info and
shown on every page; without them, the sources' folder name and no licence. The seed keeps its
own."""

import sqlite3

import pytest

from ingest.cli import main
from ingest.corpus_info import FIELDS

from .test_datasette import explorer_client

LETTERS = {
    "a.txt": "The delegation reached Genoa on 9 April 1922.\n\nThe treaty was signed at Rapallo.\n",
    "b.txt": "Chicherin wrote home on 17 April 1922 about the treaty.\n",
}
DESCRIBED = """title: Letters of the Rapallo delegation
description: The delegation's letters home, April 1922.
license: CC BY 4.0
license_url: https://creativecommons.org/licenses/by/4.0/
source: Politisches Archiv
source_url: https://archive.example.org/rapallo
"""
SEED_MARKS = ("Soviet–German relations", "English Wikipedia", "CC BY-SA")


def built(folder, db, *options) -> dict:
    assert main([str(folder), "--db", str(db), "--no-ner", *options]) == 0
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return dict(connection.execute("select * from corpus_info").fetchone())


async def pages(db) -> str:
    client = explorer_client(db)
    name = db.stem
    texts = []
    for path in ("/", f"/{name}", f"/{name}/passages", f"/{name}/search?q=treaty"):
        response = await client.get(path)
        assert response.status_code == 200, path
        texts.append(response.text)
    return "\n".join(texts)


async def test_a_corpus_yml_names_the_corpus_on_every_page(write_sources, tmp_path, capsys):
    folder = write_sources({**LETTERS, "corpus.yml": DESCRIBED}, name="letters")
    db = tmp_path / "letters.db"
    info = built(folder, db)
    assert info == {
        "title": "Letters of the Rapallo delegation",
        "description": "The delegation's letters home, April 1922.",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "Politisches Archiv",
        "source_url": "https://archive.example.org/rapallo",
    }
    assert "corpus.yml" not in capsys.readouterr().err  # not a source skipped
    html = await pages(db)
    assert "<h1>Letters of the Rapallo delegation</h1>" in html
    assert "The delegation&#39;s letters home, April 1922." in html
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in html
    assert "Politisches Archiv" in html
    assert not [mark for mark in SEED_MARKS if mark in html]


async def test_without_a_description_the_folder_names_it_and_no_licence_is_claimed(
    write_sources, tmp_path
):
    db = tmp_path / "mine.db"
    info = built(write_sources(LETTERS, name="my letters"), db)
    assert info == dict.fromkeys(FIELDS) | {"title": "my letters"}
    html = await pages(db)
    assert "<h1>my letters</h1>" in html
    assert "Data license" not in html and "Data source" not in html
    assert not [mark for mark in SEED_MARKS if mark in html]


def test_the_build_s_options_override_the_file_and_a_change_rebuilds(write_sources, tmp_path):
    folder = write_sources({**LETTERS, "corpus.yml": DESCRIBED})
    db = tmp_path / "corpus.db"
    assert built(folder, db, "--title", "Rapallo, 1922")["title"] == "Rapallo, 1922"
    assert built(folder, db, "--license", "CC0")["license"] == "CC0"
    (folder / "corpus.yml").write_text("title: Genoa and Rapallo\n", encoding="utf-8")
    assert built(folder, db) == dict.fromkeys(FIELDS) | {"title": "Genoa and Rapallo"}


@pytest.mark.parametrize(
    "text, problem",
    [
        ("title: [unclosed\n", "cannot read the corpus's description"),
        ("licence: CC BY 4.0\n", "unknown field 'licence'"),
        ("title:\n  - one\n  - two\n", "title should be text"),
        ("just a sentence\n", "expected fields"),
        (b"title: \xff\xfe\n", "cannot read the corpus's description"),
    ],
)
def test_a_broken_corpus_yml_is_one_line_and_the_database_stays(
    write_sources, tmp_path, capsys, text, problem
):
    db = tmp_path / "corpus.db"
    built(write_sources(LETTERS), db)
    before = db.read_bytes()
    folder = write_sources({**LETTERS, "corpus.yml": text})
    assert main([str(folder), "--db", str(db), "--no-ner"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {folder / 'corpus.yml'}: ") and problem in line, line
    assert db.read_bytes() == before


def test_the_seed_keeps_its_own(seed_db):
    connection = sqlite3.connect(seed_db)
    title, license_name = connection.execute("select title, license from corpus_info").fetchone()
    assert title == "Soviet–German relations, 1918–1941" and license_name == "CC BY-SA 4.0"
