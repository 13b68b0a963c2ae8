"""Entities to places: each place entity the gazetteer holds gets its place (a country by
any of its names, a city by its own, an alternate or a historical one, an ambiguous one by the
countries named beside it), and one place named once in each of several languages is one
entity (`Moskau`, `Moscou`, `Москве` are `Moscow`)."""

from collections import Counter, defaultdict

from . import places
from .linking import (
    PLACE_TYPES,
    Entity,
    canonical_name,
    forms_language,
    most_used_language,
    one_per_language,
    short_form_names,
)
from .places import Place, place_names
from .spellings import name_opening
from .text import CYRILLIC_WORD

# First letters that stand for one sound in a city's name written in another script.
FIRST_SOUNDS = {"g": "h", "k": "h", "b": "v"}  # openings read `c` as `k`, `w` as `v`


def ambiguous_place_forms(entities: list[Entity]) -> list[str]:
    """Forms of place entities that name cities in more than one country."""
    return [
        form
        for entity in entities
        if entity.type in PLACE_TYPES
        for form in entity.forms
        if len({place.country_code for place in places.places_named(form)}) > 1
    ]


def link_places(
    entities: list[Entity],
    country_hints: dict[str, Counter],
    languages: tuple[str, ...] = (),
    country_names: dict[str, str] | None = None,
) -> None:
    """Each place entity that the gazetteer holds gets its place: a country (GPE or LOC) by any
    of its names, a city (GPE) by its own or an alternate or historical name (`Danzig` is
    Gdańsk); among cities of one name, the one in a country named beside it
    (`country_hints`: form -> country code -> passages or documents) unless another is a
    hundred times as populous, else the most populous. A polity named with a qualifier (`Nazi
    Germany`) is placed at its country. Different names stay different entities (the
    guidelines: `Memel` and `Klaipėda`): they share the place, and its GeoNames id."""
    for entity in entities:
        if entity.type not in PLACE_TYPES or entity.place_curated:
            continue
        for form, _ in entity.forms.most_common():
            found = (
                places_in_any_language(name, languages, country_names or {})
                for name in place_names(form)
            )
            candidates = next(filter(None, found), ())
            if not candidates and form in short_form_names():
                candidates = places.places_named(short_form_names()[form])
            if entity.type == "LOC":  # a region, river, sea: no city
                candidates = tuple(p for p in candidates if p.is_country or not p.country_code)
            if candidates:
                entity.place = likeliest(candidates, country_hints.get(form, Counter()))
                entity.place_by_name = True
                break
        else:
            entity.place = places.country_of_qualified_name(entity.name)


def places_in_any_language(
    name: str, languages: tuple[str, ...], country_names: dict[str, str]
) -> tuple[Place, ...]:
    """The places a name can mean, a country's by its name in any of the languages, ISO's
    (`Allemagne`, `Германия`) or one of `country_names` (`Sowjetunion` -> `USSR`), before the
    cities that have it among their alternate names (`Mexiko` is Mexico, not Mexico City)."""
    found = places.places_named(country_names.get(name, name))
    if any(place.is_country for place in found):
        return found
    countries = (places.countries_named_in(code).get(name) for code in languages)
    return tuple(filter(None, countries))[:1] or found


def merge_translated_places(entities: list[Entity], form_languages: dict[str, str]) -> list[Entity]:
    """A place named once in each of several languages is one entity (the guidelines:
    `Moskau`, `Moscou`, `Москва` = `Moscow`); where one language gives it two names (`Danzig`
    and `Gdańsk`, `Britain` and `United Kingdom`) they are different names, and each stays its
    own entity, and so does a city's other name in another language (`Kalinin` is not `Tver`:
    a city's names in several languages open alike, a country's need not; one in Cyrillic
    letters opens with the same sound, `Гамбург` and `Hamburg`). The merged entity is named by
    its fullest form in the corpus's most used language."""
    by_place: dict[object, list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.type in PLACE_TYPES and entity.place and entity.place_by_name:
            place = entity.place
            by_place[place.geonames_id or (place.country_code, place.name)].append(entity)
    main_language = most_used_language(
        form_languages, (pair for entity in entities for pair in entity.forms.items())
    )
    merged_away = set()
    for group in by_place.values():
        languages = [forms_language(entity.forms, form_languages) for entity in group]
        if len(group) < 2 or not one_per_language(languages):
            continue
        alike: dict[str, list[tuple[Entity, str | None]]] = defaultdict(list)
        in_cyrillic = []
        for entity, language in zip(group, languages, strict=True):
            if entity.place.is_country:
                alike[""].append((entity, language))
            elif CYRILLIC_WORD.search(entity.name):
                in_cyrillic.append((entity, language))
            else:
                alike[name_opening(entity.name)].append((entity, language))
        for entity, language in in_cyrillic:
            alike[names_it_sounds_like(entity.name, alike)].append((entity, language))
        for names in alike.values():
            kept = next((e for e, language in names if language == main_language), names[0][0])
            for entity, _ in names:
                if entity is not kept:
                    kept.forms.update(entity.forms)
                    merged_away.add(id(entity))
            kept.name = canonical_name(kept.forms, form_languages, main_language)
    return [entity for entity in entities if id(entity) not in merged_away]


def likeliest(candidates: tuple[Place, ...], hints: Counter) -> Place:
    most_populous = candidates[0]  # candidates come the most populous first
    return max(
        candidates,
        key=lambda p: (
            hints[p.country_code] if 100 * p.population >= most_populous.population else 0,
            p.population,
        ),
    )


def names_it_sounds_like(name: str, alike: dict[str, list]) -> str:
    """Russian writes a city's name as it sounds (`Гамбург`, `Хельсинки`, `Афины`,
    `Севастополь`): it goes with the names whose first sound is its own (`h` and `g`, `b` and
    `v` one sound here), else stays its own (`Ворошиловград` is not `Lugansk`)."""
    opening = name_opening(name)
    sound = first_sound(opening)
    return next((key for key in alike if key and first_sound(key) == sound), opening)


def first_sound(opening: str) -> str:
    return FIRST_SOUNDS.get(opening[:1], opening[:1])
