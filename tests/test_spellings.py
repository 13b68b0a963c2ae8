"""Every spelling of a name: one entity across transliterations, languages and inflections,
and one search (`search`, the table search, `names`) that finds them all and says which it
matched; `exact` searches only the spelling typed, and ordinary words are never widened.

The corpus is `tests/data/spellings` (SOURCE.md): 46 passages in English, French, German and
Russian naming the same people and places as each language's press wrote them."""

import itertools
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.search_syntax import CHECKER
from explorer.spelling_search import matched_spellings, spelling_search
from ingest.build import build
from ingest.sources import find_sources
from ingest.spellings import name_opening, one_vowel_apart, spelling, spellings_of

from .conftest import gold_passage_id, read_gold
from .test_datasette import explorer_client, rows

SPELLINGS = Path(__file__).parent / "data" / "spellings"


@pytest.fixture(scope="module")
def spellings_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spellings") / "corpus.db"
    build(find_sources([SPELLINGS / "sources"]), path)
    return path


@pytest.fixture(scope="module")
def client(spellings_db):
    return explorer_client(spellings_db)


def linked_mentions(db: sqlite_utils.Database) -> list[tuple[str, int, str]]:
    """(gold entity, predicted entity, gold surface) for each gold name a mention overlaps."""
    linked = []
    for item in read_gold(SPELLINGS / "spellings.gold.jsonl"):
        passage_id = gold_passage_id(db, item)
        mentions = db.execute(
            "select start_char, end_char, entity_id from mentions where passage_id = ?",
            [passage_id],
        ).fetchall()
        for name in item["entities"]:
            near = [m for m in mentions if m[0] < name["end"] and name["start"] < m[1]]
            if near:
                linked.append((name["entity"], near[0][2], name["text"]))
    return linked


def test_the_spellings_of_a_name_in_four_languages_are_linked(spellings_db):
    """Pairs of mentions that spell one name differently (`Molotow`, `Молотовым`): linked
    where the gold links them (recall), and only there (precision)."""
    linked = linked_mentions(sqlite_utils.Database(spellings_db))
    gold_same = predicted_same = both = 0
    for (gold_a, predicted_a, text_a), (gold_b, predicted_b, text_b) in itertools.combinations(
        linked, 2
    ):
        if text_a != text_b:
            gold_same += gold_a == gold_b
            predicted_same += predicted_a == predicted_b
            both += gold_a == gold_b and predicted_a == predicted_b
    precision, recall = both / predicted_same, both / gold_same
    assert gold_same > 200
    assert precision >= 0.95 and 2 * precision * recall / (precision + recall) >= 0.90


def entity_of(db: sqlite_utils.Database, alias: str) -> int:
    return db.execute("select entity_id from entity_aliases where alias = ?", [alias]).fetchone()[0]


def test_a_name_and_a_place_named_after_it_and_a_city_s_other_name_stay_apart(spellings_db):
    db = sqlite_utils.Database(spellings_db)
    assert entity_of(db, "Stalin") == entity_of(db, "Сталина") == entity_of(db, "Staline")
    assert entity_of(db, "Stalino") != entity_of(db, "Stalin")
    assert entity_of(db, "Ворошиловград") != entity_of(db, "Ворошилов")
    assert entity_of(db, "Калинин") == entity_of(db, "Kalinin") != entity_of(db, "Tver")
    assert entity_of(db, "Ежов") == entity_of(db, "Jeschow") != entity_of(db, "Iagoda")


def test_the_canonical_name_is_the_fullest_in_the_corpus_s_most_used_language(spellings_db):
    db = sqlite_utils.Database(spellings_db)
    names = {row["name"] for row in db["entities"].rows}
    assert {"Vyacheslav Molotov", "Maxim Litvinov", "Moscow", "Nikita Khrushchev"} <= names
    languages = dict(db.execute("select alias, language from entity_aliases").fetchall())
    assert (languages["Molotow"], languages["Молотовым"], languages["Moscou"]) == ("de", "ru", "fr")


async def found(client, query: str, **parameters) -> list[dict]:
    arguments = "".join(f"&{key}={quote(value)}" for key, value in parameters.items())
    return await rows(client, f"/corpus/search.json?q={quote(query)}{arguments}")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Molotov", "Molotow", "Молотов", "Molotoff"),
        ("Moscow", "Moskau", "Москва", "Moscou"),
        ("Litvinov", "Litvinoff", "Litwinow"),
        ("Chicherin", "Tchitcherin", "Tschitscherin", "Чичерин"),
    ],
)
async def test_each_spelling_of_a_name_finds_the_same_passages_in_every_language(client, spellings):
    answers = [await found(client, spelt) for spelt in spellings]
    passages = [{row["passage"] for row in answer} for answer in answers]
    assert all(found_ == passages[0] for found_ in passages)
    assert {row["language"] for row in answers[0]} == {"en", "fr", "de", "ru"}
    exact = [{row["passage"] for row in await found(client, s, exact="1")} for s in spellings]
    assert all(len(only) < len(passages[0]) for only in exact)


async def test_the_matched_column_says_which_spelling_each_passage_has(client):
    matched = {row["language"]: row["matched"] for row in await found(client, "Molotov")}
    assert "Molotow" in matched["de"] and "Молотов" in matched["ru"]
    inflected = [row["matched"] for row in await found(client, "Молотовым", language="ru")]
    assert any("Молотовым" in m for m in inflected) and any("Молотов" in m for m in inflected)


async def test_exact_finds_only_the_spelling_typed(client):
    for row in await found(client, "Molotow", exact="1"):
        assert "Molotow" in row["snippet"] and row["matched"] == "Molotow"


async def test_the_table_search_finds_every_spelling_unless_exact(client):
    path = "/corpus/passages.json?_col=language&_search="
    every = await rows(client, path + quote("Moskau"))
    assert {row["language"] for row in every} == {"en", "fr", "de", "ru"}
    exact = await rows(client, path + quote("Moskau") + "&exact=1")
    assert exact and {row["language"] for row in exact} == {"de"}
    page = await client.get("/corpus/passages?_search=Moskau&exact=1")
    assert page.status_code == 200 and 'value="Moskau"' in page.text


async def test_names_answers_a_row_per_name_with_its_spellings_years_and_a_link(client):
    names = 'Molotov\n\n  Moskau  \r\nMolotov\nnobody\n"\nNEAR(\nStalin OR'
    answer = await rows(client, "/corpus/names.json?names=" + quote(names))
    assert [row["name"] for row in answer] == [
        "Molotov",
        "Moskau",
        "nobody",
        '"',
        "NEAR(",
        "Stalin OR",
    ]
    molotov = answer[0]
    assert molotov["passages"] >= 7 and molotov["documents"] >= 4
    assert molotov["first_year"] <= 1939 <= molotov["last_year"]
    assert {"Molotow", "Молотов", "Молотовым"} <= set(molotov["spellings"].split(", "))
    assert molotov["link"] == "search?q=Molotov"
    assert answer[2]["passages"] == 0 and answer[2]["spellings"] is None
    csv = await client.get("/corpus/names.csv?names=" + quote("Moscow\nMoskau"))
    lines = csv.text.splitlines()
    assert lines[0] == "name,passages,documents,first_year,last_year,spellings,link"
    assert lines[1].split(",")[1] == lines[2].split(",")[1]  # one place, one count


async def test_names_says_what_it_left_out_of_a_long_list_and_answers_the_rest(client):
    names = "\n".join(f"Name{i}" for i in range(1500))
    started = time.perf_counter()
    answer = await rows(client, "/corpus/names.json?names=" + quote(names))
    assert len(answer) == 1000 and time.perf_counter() - started < 10
    page = await client.get("/corpus/names?names=" + quote(names))
    assert page.status_code == 200
    assert "the first 1,000 were searched" in page.text
    empty = await client.get("/corpus/names?names=")
    assert empty.status_code == 200 and "one per line" in empty.text


def test_an_ordinary_word_is_not_widened_to_words_spelt_like_it(write_sources, tmp_path):
    sources = write_sources(
        {
            "notes.txt": "The pact was signed in a fast session.\n\n"
            "In the past, vast crowds met Vyacheslav Molotov in Moscow.\n",
            "notiz.txt": "Der Volkskommissar Molotow traf am Abend in Berlin ein und wurde "
            "vom Botschafter empfangen.\n",
        }
    )
    build(find_sources([sources]), tmp_path / "corpus.db")
    connection = sqlite3.connect(tmp_path / "corpus.db")
    for word in ("pact", "fast", "signed"):
        assert spelling_search(connection, word) == word
    assert '"Molotow"' in spelling_search(connection, "Molotov")


def test_names_spelt_by_each_language_s_letters_share_a_spelling():
    assert spelling("Khrouchtchev", "fr") == spelling("Хрущёв") == spelling("Хрущёва")
    assert spelling("Joukov", "fr") == spelling("Schukow", "de") == spelling("Zhukov")
    assert spelling("Vychinski", "fr") == spelling("Wyschinski", "de") == spelling("Vyshinsky")
    assert spelling("Jeschow", "de") == spelling("Yezhov") == spelling("Ежов")
    assert spelling("Sinowjew", "de") == spelling("Zinoviev")
    assert spellings_of("Michel", "fr") == ("michel", "mishel")
    assert spelling("Hess") != spelling("Höss")


def test_names_that_differ_in_a_last_vowel_or_a_city_s_other_name_are_told_apart():
    assert one_vowel_apart("gorbachov", "gorbachev")
    assert not one_vowel_apart("stalino", "staline")
    assert name_opening("Moskau") == name_opening("Москве") == name_opening("Moscou")
    assert name_opening("Danzig") != name_opening("Gdańsk")


def fts_accepts(query: str) -> bool:
    return CHECKER.error(query) is None


@pytest.mark.timeout(600)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from('Molotw Москва"()*:^+-ANDORNEAR'), max_size=200))
def test_any_search_widened_is_one_fts5_accepts_in_linear_time(spellings_db, query):
    connection = sqlite3.connect(spellings_db)
    started = time.perf_counter()
    widened = spelling_search(connection, query)
    matched_spellings("\x02" * len(query) + query + "\x03" * len(query), widened)
    assert time.perf_counter() - started < 2
    assert fts_accepts(widened)


@pytest.mark.timeout(600)
def test_widening_a_long_search_takes_time_linear_in_its_length(spellings_db):
    connection = sqlite3.connect(spellings_db)
    timings = defaultdict(float)
    for words in (100, 1000):
        query = " ".join(itertools.islice(itertools.cycle(["Molotov", "Moskau", "pact"]), words))
        started = time.perf_counter()
        spelling_search(connection, query)
        timings[words] = time.perf_counter() - started
    assert timings[1000] < 30 * timings[100] + 0.5
