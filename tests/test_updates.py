"""Updates: a build to a database built before reads only the files added or changed, and
gives the rows a full build of the same sources gives."""

import resource
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from ingest.build import build
from ingest.sources import find_sources
from ingest.updates import changes_since, settings_digest, source_digests

# Each table's rows with the ids a build gives replaced by what they stand for (a document by
# its path and name, a passage by its document and position, a date by its passage and place):
# an update numbers what it reads after what it keeps, a full build in the sources' order.
PASSAGE_KEY = (
    "(select d.path || '#' || d.filename || '#' || p.position from passages p "
    "join documents d on d.id = p.document_id where p.id = {})"
)
CONTENT = {
    "documents": "select filename, path, format, title, author, date, url, language, extra, "
    "passages from documents",
    "passages": "select {doc}, position, line_number, last_line_number, page, section, kind, "
    "{cited}, text, raw_text_if_changed, folded_terms, stems, text_hash, language, years, "
    "entity_names from passages".format(
        doc=PASSAGE_KEY.format("passages.id"), cited=PASSAGE_KEY.format("passages.cited_by")
    ),
    "citations": f"select {PASSAGE_KEY.format('passage_id')}, marker, char, raw_start, raw_end "
    "from citations",
    "dates": f"select {PASSAGE_KEY.format('passage_id')}, start_char, end_char, text, value, "
    "earliest, latest, precision, modifier, year_start, year_end, anchor from dates",
    "date_years": "select year, {key}, dates.start_char from date_years "
    "join dates on dates.id = date_years.date_id".format(
        key=PASSAGE_KEY.format("dates.passage_id")
    ),
    "timeline": "select * from timeline",
    "corpus_info": "select * from corpus_info",
    "source_files": "select * from source_files",
    "entities": "select name, type, mentions, passages, geonames_id, latitude, longitude, "
    "country_code from entities",
    "mentions": f"select {PASSAGE_KEY.format('passage_id')}, start_char, end_char, mentions.text, "
    "label, entities.name, entities.type, sources.name from mentions "
    "left join entities on entities.id = entity_id join sources on sources.id = source_id",
    "entity_aliases": "select name, type, alias, language, entity_aliases.mentions "
    "from entity_aliases join entities on entities.id = entity_id",
    "cooccurrence": "select a.name, a.type, b.name, b.type, cooccurrence.passages "
    "from cooccurrence join entities a on a.id = entity_a join entities b on b.id = entity_b",
    "name_spellings": "select spelling, form, name from name_spellings "
    "left join entities on entities.id = entity_id",
}


def content(db_path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db_path)
    try:
        return {table: sorted(connection.execute(sql), key=repr) for table, sql in CONTENT.items()}
    finally:
        connection.close()


def search(db_path, query: str) -> list[str]:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as connection:
        # the index holds what the passages hold, or this raises
        connection.execute("insert into passages_fts (passages_fts) values ('integrity-check')")
        found = connection.execute(
            "select passages.text from passages_fts join passages "
            "on passages.id = passages_fts.rowid where passages_fts match ? "
            "order by passages.text",
            [query],
        )
        return [text for (text,) in found]


LETTERS = {
    "a.txt": "Rapallo, 16 April 1922.[1]\n\nThe treaty was signed on Easter Sunday.\n\n"
    "On 18 April the Allies protested.\n",
    "b.md": "# Berlin\n\nThe Treaty of Berlin was signed in 1926.[^1]\n\n[^1]: 24 April 1926.\n",
    "c.txt": "In the 1930s trade fell.\n\nBy 1939 it rose again, yesterday and in 1940.\n\n"
    "The People's Commissariat for Internal Affairs (NKVD) watched the traders in Moscow.\n",
    "e.txt": "".join(
        f"In {year} the trade agreement of {day} March {year} was renewed in Berlin.[{n}]\n\n"
        for n, (day, year) in enumerate(zip(range(1, 20), range(1921, 1940), strict=True))
    ),
}


CHANGES = ["add", "add first", "change", "remove", "all at once"]


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "change, ner",
    [(change, False) for change in CHANGES] + [("add", True), ("all at once", True)],
)
def test_an_update_has_the_rows_of_a_full_build_of_the_same_sources(
    write_sources, tmp_path, change, ner
):
    folder = write_sources(LETTERS)
    target = tmp_path / "corpus.db"
    build(find_sources([folder]), target, ner=ner)
    if change in ("add", "all at once"):
        (folder / "d.txt").write_text(
            "Vyacheslav Molotov went to Berlin in November 1940. The NKVD reported on "
            "the talks, and Molotov spoke with Ribbentrop in Berlin.\n"
        )
    if change == "add first":
        (folder / "0.txt").write_text("The Treaty of Brest-Litovsk, 3 March 1918.\n")
    if change in ("change", "all at once"):
        (folder / "a.txt").write_text("Rapallo, 16 April 1922.\n\nThe Soviets and Germany.\n")
    if change in ("remove", "all at once"):
        (folder / "c.txt").unlink()
    sources = find_sources([folder])
    read = []
    import ingest.build

    real = ingest.build.numbered_passages
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            ingest.build,
            "numbered_passages",
            lambda sources, *rest: real(read.extend(sources) or sources, *rest),
        )
        report = build(sources, target, ner=ner)
    assert not report.unchanged
    written = {
        "add": ["d.txt"],
        "add first": ["0.txt"],
        "change": ["a.txt"],
        "remove": [],
        "all at once": ["a.txt", "d.txt"],
    }
    assert sorted(path.name for path in read) == written[change]
    taken_out = {"add": 0, "add first": 0, "change": 1, "remove": 1, "all at once": 2}[change]
    files = "1 file" if len(written[change]) == 1 else f"{len(written[change])} files"
    assert f"(an update: {files} read, {taken_out} taken out)" in report.summary(target)
    build(sources, tmp_path / "full.db", ner=ner)
    assert content(target) == content(tmp_path / "full.db")
    for query in ("treaty", "Berlin", "1926", "Allies", "trade"):
        assert search(target, query) == search(tmp_path / "full.db", query)


def test_an_update_that_fails_leaves_the_database_as_it_was(write_sources, tmp_path):
    folder = write_sources(LETTERS)
    target = tmp_path / "corpus.db"
    build(find_sources([folder]), target, ner=False)
    before = content(target)
    (folder / "d.txt").write_text("Molotov went to Berlin in November 1940.\n")
    (folder / "c.txt").unlink()
    import ingest.build

    def failing(*args):
        raise RuntimeError("stopped halfway")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest.build, "link_entities", failing)
        with pytest.raises(RuntimeError):
            build(find_sources([folder]), target, ner=False)
    assert content(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".corpus.db.lock", "corpus.db", "sources"]


def test_other_settings_entities_or_no_database_mean_a_full_build(write_sources, tmp_path):
    folder = write_sources(LETTERS)
    target = tmp_path / "corpus.db"
    sources = find_sources([folder])
    digests = source_digests(sources)
    assert changes_since(target, "any", digests) is None  # nothing built yet
    build(sources, target, ner=False)
    settings = (
        sqlite3.connect(target)
        .execute("select value from build_info where key = 'settings_digest'")
        .fetchone()[0]
    )
    assert changes_since(target, settings_digest("other options"), digests) is None
    unchanged = changes_since(target, settings, digests)
    assert unchanged.gone == [] and unchanged.to_read == []
    (folder / "a.txt").write_text("Changed.\n")
    changed = changes_since(target, settings, source_digests(sources))
    assert changed.gone == [str(folder / "a.txt")] and changed.to_read == [folder / "a.txt"]
    (folder / "b.md").write_text("Most of the corpus, rewritten. " * 100)
    assert changes_since(target, settings, source_digests(sources)) is None


def test_an_update_short_of_disk_says_so_in_one_line_and_keeps_the_database(
    write_sources, tmp_path
):
    folder = write_sources(LETTERS)
    target = tmp_path / "corpus.db"
    build(find_sources([folder]), target, ner=False)
    before = target.read_bytes()
    (folder / "d.txt").write_text("Molotov went to Berlin in November 1940.\n")

    def disk_smaller_than_the_database():  # a write past it fails as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) // 2, len(before) // 2))

    updated = subprocess.run(
        [sys.executable, "-m", "ingest", str(folder), "--db", str(target), "--no-ner"],
        preexec_fn=disk_smaller_than_the_database,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert updated.returncode == 1, updated.stderr
    [line] = updated.stderr.strip().splitlines()
    assert line.startswith("error:") and str(target) in line and "left as it was" in line, line
    assert target.read_bytes() == before
