"""Updates: a build to a database built before reads only the files added or changed, and
gives the rows a full build of the same sources gives."""

import resource
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import storage
from ingest.agreement import propagate_forms
from ingest.build import build
from ingest.form_counts import FormCounts
from ingest.sources import find_sources
from ingest.touched import TouchedPassages
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
    "agreed_forms": "select * from agreed_forms",
    "acronym_definitions": "select * from acronym_definitions",
    "locative_forms": "select * from locative_forms",
    "lowercase_words": "select * from lowercase_words",
}


def content(db_path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db_path)
    try:
        tables = {table: list(connection.execute(sql)) for table, sql in CONTENT.items()}
    finally:
        connection.close()
    # a pair of entities is stored once, the lower id first: ids aside, in either order
    tables["cooccurrence"] = [
        (*sorted([(a, a_type), (b, b_type)]), n)
        for a, a_type, b, b_type, n in tables["cooccurrence"]
    ]
    return {table: sorted(rows, key=repr) for table, rows in tables.items()}


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


# Each step's files, and the documents it leaves as they were whose passages' mentions it
# changes: agreement finds a form in them that it did not, or no longer, or another entity
# takes their mentions.
ENTITY_STEPS = [
    (
        {
            "a.txt": "Ribbentrop flew to Moscow in August 1939.\n\nRibbentrop returned home.\n",
            "b.txt": "In Berlin the press praised Ribbentrop.\n\nPravda printed the text.\n",
        },
        set(),
    ),
    (
        {"c.txt": "Joachim von Ribbentrop met Stalin.\n\nThe editors of Pravda were silent.\n"},
        {"a.txt", "b.txt"},  # their Ribbentrop is now Joachim von Ribbentrop
    ),
    # Ribbentrop also an ordinary word: agreement no longer finds it in a.txt
    ({"d.txt": "A drink called the ribbentrop was sold in the bars.\n"}, {"a.txt"}),
    ({"b.txt": "In Berlin the press was silent.\n", "d.txt": None}, {"a.txt"}),
    ({"c.txt": None}, {"a.txt"}),
]


@pytest.mark.timeout(900)
def test_updates_with_entities_change_only_what_they_touch_and_give_a_full_builds_rows(
    write_sources, tmp_path
):
    folder = write_sources({})
    target = tmp_path / "corpus.db"
    for step, (files, changed_elsewhere) in enumerate(ENTITY_STEPS):
        before = content(target)["mentions"] if target.exists() else []
        for name, text in files.items():
            if text is None:
                (folder / name).unlink()
            else:
                (folder / name).write_text(text)
        sources = find_sources([folder])
        report = build(sources, target, ner=True)
        assert bool(report.update) == (step > 0)
        full = tmp_path / f"full{step}.db"
        build(sources, full, ner=True)
        assert content(target) == content(full), step
        after = content(target)["mentions"]
        untouched = {path.name for path in sources} - set(files)
        changed = {
            row[0].split("#")[0].rsplit("/", 1)[-1]
            for row in set(before) ^ set(after)
            if row[0] is not None
        }
        assert changed & untouched == changed_elsewhere, step


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


def test_each_source_has_the_digest_of_its_bytes_in_the_sources_order(tmp_path):
    sources = []
    for n in range(40):  # more files than threads
        sources.append(tmp_path / f"{n:02}.txt")
        sources[-1].write_bytes(b"x" * (n % 5) * 300_000)  # some larger than a piece read
    sources.insert(7, tmp_path / "gone.txt")
    digests = source_digests(sources)
    assert list(digests) == [str(path) for path in sources]
    assert digests[str(tmp_path / "gone.txt")] == "unreadable"
    assert digests[str(sources[1])] == digests[str(sources[6])] != digests[str(sources[2])]
    assert len(set(digests.values())) == 6


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


# Words of generated passages: names a model might find, one with a surname, the same words
# in lowercase, other words.
WORDS = ["Anna", "Berlin", "Paris", "Vyacheslav Molotov", "Molotov", "anna", "paris", "the"]
MODEL, AGREEMENT = 1, 2  # the sources' ids
generated_passage = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([None, "PERSON", "GPE", "ORG"])),
    min_size=1,
    max_size=6,
)


def agreement_database(passages: dict[int, list[tuple]]) -> sqlite_utils.Database:
    """A database of the `passages` (id -> words, each with the label a model gave it, or
    None where it found none), its search index filled."""
    db = sqlite_utils.Database(memory=True)
    storage.create_schema(db)
    db["documents"].insert({"id": 1, "filename": "generated", "path": "generated"})
    add_passages(db, passages)
    return db


def add_passages(db: sqlite_utils.Database, passages: dict[int, list[tuple]]) -> None:
    mentions = []
    for passage_id, words in passages.items():
        text, start = "", 0
        for word, label in words:
            start = len(text)
            text += word + " "
            if label and word[0].isupper():
                mentions.append(
                    storage.mention_row(passage_id, start, start + len(word), word, label, MODEL)
                )
        db["passages"].insert(
            {"id": passage_id, "document_id": 1, "position": passage_id, "text": text}
        )
    storage.insert_batch(db, {"mentions": mentions})
    db.execute("insert into passages_fts (passages_fts) values ('rebuild')")


def agreement(db: sqlite_utils.Database, touched: TouchedPassages | None = None) -> tuple:
    words = {w for (text,) in db.execute("select text from passages") for w in text.split()}
    form_labels = FormCounts.of_mentions(db, AGREEMENT).labels(with_agreement=False)
    propagate_forms(db, form_labels, {w for w in words if w.islower()}, AGREEMENT, touched)
    return (
        sorted(
            db.execute(
                "select passage_id, start_char, end_char, text, label, source_id from mentions"
            )
        ),
        sorted(db.execute("select * from agreed_forms")),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(generated_passage, min_size=1, max_size=8),
    st.lists(generated_passage, max_size=4),
    st.sets(st.integers(0, 7)),
)
def test_agreement_in_an_update_finds_what_it_finds_over_the_whole_corpus(base, added, removed):
    db = agreement_database(dict(enumerate(base, 1)))
    agreement(db)
    touched = TouchedPassages(db, AGREEMENT)
    gone = [i + 1 for i in removed if i < len(base)]
    db.execute(f"create temp table gone_passages as select value as id from json_each('{gone}')")
    touched.touch("select id from temp.gone_passages")
    db.execute("delete from mentions where passage_id in temp.gone_passages")
    db.execute("delete from passages where id in temp.gone_passages")
    touched.read_after = db.execute("select coalesce(max(id), 0) from passages").fetchone()[0]
    new = dict(enumerate(added, touched.read_after + 1))
    add_passages(db, new)
    kept = {i: words for i, words in enumerate(base, 1) if i not in gone}
    assert agreement(db, touched) == agreement(agreement_database(kept | new))


def test_an_update_without_the_model_keeps_an_editions_names_as_a_full_build_does(
    write_sources, tmp_path
):
    letter = Path(__file__).parent / "data" / "editions" / "edgeworth-to-carey-1826-09-29.xml"
    folder = write_sources(LETTERS | {"letter.xml": letter.read_bytes()})
    target = tmp_path / "corpus.db"
    build(find_sources([folder]), target, ner=False)
    (folder / "d.txt").write_text("Mathew Carey wrote to Berlin in 1826.\n")
    (folder / "c.txt").unlink()
    sources = find_sources([folder])
    assert build(sources, target, ner=False).update
    build(sources, tmp_path / "full.db", ner=False)
    assert content(target) == content(tmp_path / "full.db")
    assert any("Carey" in name for name, *_ in content(target)["entities"])
