"""Types by evidence: the guidelines' type for one mention the model labelled (`retype`), and
an entity's type from all its mentions across the corpus (`type_by_evidence`), from the name
lists of the gazetteer and of given names and from how the text writes the name."""

from collections import Counter
from functools import cache
from types import ModuleType

from .. import places
from ..given_names import is_given_name

LARGE_CITY = 100_000


def retype(lexicon: ModuleType, text: str, start: int, end: int, label: str) -> str | None:
    """The guidelines' type for a span the model labelled, or None when it is no name."""
    span = text[start:end]
    if label in ("PERSON", "ORG") and lexicon.GROUP_NOUN.fullmatch(span):
        return None
    if label == "ORG" and lexicon.OFFICE.search(span):
        return None
    described = described_type(lexicon, text, start, end)
    if described:
        return described
    if label != "PERSON" and is_person_name(lexicon, span):
        return "PERSON"
    words = span.split()
    head = words[-1] if len(words) > 1 else None
    if head in lexicon.PLACE_HEADS or lexicon.PLACE_SUFFIX.search(words[-1]):
        return "LOC"
    if head in lexicon.ORG_HEADS or (
        len(words) > 2 and words[0] in lexicon.ORG_HEADS and words[1] == "of"
    ):
        return "ORG"  # `the Red Army`, `the Army of the Potomac`
    if label in ("PERSON", "ORG") and is_acted_on_as_place(lexicon, text, start, label):
        return place_type(span)
    if label == "PERSON" and lexicon.ARTICLE_BEFORE.search(text, max(0, start - 5), start):
        return "ORG"  # people's names take no article: `the Gestapo`, `the Luftwaffe`
    if label in ("PERSON", "ORG") and places.is_country(span):
        return "GPE"
    if label == "PERSON" and places.is_country(span.split()[-1]):
        return "GPE"  # a polity named after its country: `Weimar Germany`
    if label == "ORG" and places.is_city(span):
        return "GPE"
    if label == "GPE" and places.is_continent(span):
        return "LOC"
    return label


def place_type(name: str) -> str:
    """A place's type by the guidelines: a country's or a city's GPE, another place's LOC."""
    return "GPE" if places.is_country(name) or places.is_city(name) else "LOC"


def is_acted_on_as_place(lexicon: ModuleType, text: str, start: int, label: str) -> bool:
    """`occupied the Ruhr`, `the attack on the Westerplatte`: what armies do to places; an
    attack on a name the model took for a person's is one on a person, unless an article
    stands before the name (people's names take none)."""
    window = max(0, start - 40)
    if lexicon.PLACE_ACTION_BEFORE.search(text, window, start):
        return True
    attack = lexicon.ATTACK_BEFORE.search(text, window, start)
    return attack is not None and (label == "ORG" or attack.group(1) is not None)


def is_person_name(lexicon: ModuleType, span: str) -> bool:
    """`Given Surname`, with middle names or initials: two to four words, the first a given name
    in the name list, the last no word that ends the names of places, bodies or events, the
    whole no place's name (`Santa Clara`)."""
    words = span.split()
    if (
        not 2 <= len(words) <= 4
        or words[0] in lexicon.NOT_GIVEN_NAMES
        or words[0] in lexicon.TITLE_WORDS
    ):
        return False
    if words[0] in places.demonyms():
        return False  # `German Foreign Office`
    last = words[-1]
    if not lexicon.PERSON_WORD.fullmatch(last) or last in lexicon.NON_PERSON_HEADS:
        return False
    if not all(
        lexicon.PERSON_WORD.fullmatch(w)
        or lexicon.INITIAL.fullmatch(w)
        or w in lexicon.NAME_PARTICLES
        for w in words[1:-1]
    ):
        return False
    return is_given_name(words[0]) and not places.is_well_known_place(span)


def is_locative(lexicon: ModuleType, text: str, start: int, end: int) -> bool:
    """`in Danzig`, `at Narvik`: a name after a preposition of place, not a possessive."""
    if text[end : end + 2] in ("'s", "’s"):
        return False
    return lexicon.LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None


def type_by_evidence(lexicon: ModuleType, forms: Counter, majority: str, locative: int) -> str:
    """An entity's type from the evidence of all its mentions: the model's majority, unless
    - a form is `Given Surname`, or a given name alone is taken for a body: PERSON;
    - the name is a country's, or a larger city's or a region's that the text mostly writes
      after `in`, `at`, `toward`, ...: GPE (LOC for a region);
    - a one-word name taken for a person is a city's own name and no given name, or one taken
      for a body is the name of a city of LARGE_CITY people (`Danzig`): GPE; a region's name
      taken for a person: LOC;
    - a name taken for a place that is shaped as a surname, never written after `in`, `at`,
      ..., and no country's, region's or larger city's name: PERSON (`Litvinov`, though a
      town of 22,000 people has the name)."""
    if any(is_person_name(lexicon, form) for form in forms):
        return "PERSON"
    if majority not in ("PERSON", "ORG", "GPE"):
        return majority
    if majority != "GPE" and any(places.is_country(form) for form in forms):
        return "GPE"
    if majority != "GPE" and 3 * locative >= sum(forms.values()):
        if any(places.is_city(form) or is_large_city(form) for form in forms):
            return "GPE"
        if any(form in places.regions() for form in forms):
            return "LOC"
    if (
        majority == "ORG"
        and all(" " not in form and is_given_name(form) for form in forms)
        and not any(places.is_place(form) for form in forms)
    ):
        return "PERSON"  # `Klaus`: a given name alone, and no place's
    if majority == "PERSON" and all(
        " " not in form and places.is_city(form) and not is_given_name(form) for form in forms
    ):
        return "GPE"  # `Kenora`: a city's own name, and no one's given name
    if majority == "PERSON" and all(
        " " not in form and form in places.regions() and not is_given_name(form) for form in forms
    ):
        return "LOC"  # `Galicia`: a region's name, and no one's given name
    if majority == "ORG" and all(
        " " not in form and is_large_city(form) and not is_given_name(form) for form in forms
    ):
        return "GPE"  # `Danzig` (of `Free City of Danzig`): a city's name, historical ones too
    if (
        majority == "GPE"
        and not locative
        and all(" " not in form and not is_large_place(form) for form in forms)
        and any(lexicon.SURNAME_ENDING.search(form) for form in forms)
    ):
        return "PERSON"
    return majority


@cache
def function_words(code: str) -> frozenset[str]:
    """The language's articles, pronouns, prepositions and other words no name is (`bei`,
    `alle`, `une`): spaCy's stop words for it, which ship with spaCy itself."""
    import spacy

    return frozenset(spacy.util.get_lang_class(code).Defaults.stop_words)


def is_large_place(name: str) -> bool:
    """A country's, region's or larger city's name, historical names included (`Kharkov`)."""
    return places.is_well_known_place(name) or is_large_city(name)


def is_large_city(name: str) -> bool:
    """A name of a city of LARGE_CITY people or more (`Danzig`), not of a village that happens
    to share a newspaper's name (`Pravda`)."""
    named = places.places_named(name)
    return bool(named) and named[0].population >= LARGE_CITY


def described_type(lexicon: ModuleType, text: str, start: int, end: int) -> str | None:
    """The type the text itself gives a name: `Rote Hilfe, a Communist Party organization`,
    `Salla, a small town`, `the river San`."""
    after = lexicon.DESCRIPTION_AFTER.match(text, end)
    before = lexicon.DESCRIPTION_BEFORE.search(text, max(0, start - 30), start)
    for match in (after, before):
        if match:
            return lexicon.DESCRIBED_TYPES[match.group("noun").lower().rstrip("s")]
    return None
