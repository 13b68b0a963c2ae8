"""Linking: one entity per real-world referent, from the name forms used across the corpus.

Forms of one name merge (the guidelines): `the` and possessive forms, surname and full name,
an acronym defined in the text (`People's Commissariat for Internal Affairs (NKVD)`), an
initialism of a full name used elsewhere (`RAF` = `Royal Air Force`), the closed list of
common short forms in `data/short_forms.csv`, and a name's spellings in every language and
script (`ingest.spellings`). Different names stay apart. The canonical name is the fullest form
in the corpus's most used language. Places are linked to the gazetteer in `place_links`.
"""

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import places
from .given_names import is_given_name
from .places import Place, place_names
from .spellings import consonants, one_vowel_apart, spelling, spellings_of
from .text import base_forms, fold, is_nominative

SHORT_FORMS_FILE = Path(__file__).parent / "data" / "short_forms.csv"
PLACE_TYPES = ("GPE", "LOC")
LONGEST_SURNAME_WORDS = 4  # `de la Cierva y Peñafiel`
GIVEN_NAME_OPENING = 4  # `georgi`, `georges`, `georgii`: one given name in three languages
SHORTEST_SPELT_NAME = 4  # a shorter name's spelling joins unrelated ones (`Ca`, `Don`, `Li`)
SHORTEST_SURNAME_VARIANT = 7  # a surname alone one vowel from a full name's: long ones only
MOST_ALIKE_SPELLINGS = 50  # spellings compared for one skeleton of consonants: bounded work
INITIALISM_SKIP = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "von", "der", "&"}
NOT_CYRILLIC = re.compile(r"[^А-Яа-яЁё]+")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.&-]{0,8}[A-Z]\.?)\)")


@dataclass
class Entity:
    name: str
    type: str
    forms: Counter  # surface text -> mentions
    place: Place | None = None  # where it is, for a place GeoNames or ISO 3166 knows
    place_curated: bool = False  # set or cleared by the curation file
    place_by_name: bool = False  # placed by one of its names, not as a qualified polity


def name_key(surface: str) -> str:
    """What two forms of one name have in common: case, dots, diacritics, `the` and Russian
    case endings aside; a Russian word keeps its letters (`й` is not `и`), `ё` written `е`."""
    text = re.sub(r"^(?:the|The)\s+", "", base_forms(surface))
    text = re.sub(r"['’]s?$", "", text)
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", text):
        text = text.replace(".", "")
    text = NOT_CYRILLIC.sub(lambda latin: fold(latin.group()), text).replace("ё", "е")
    return re.sub(r"\s+", " ", text).casefold().strip()


def initialism(name: str) -> str:
    words = re.findall(r"[\w'’]+", name)
    return "".join(w[0] for w in words if w.lower() not in INITIALISM_SKIP).upper()


@cache
def short_forms_table() -> tuple[dict, ...]:
    """The rows of `data/short_forms.csv` (alias, name, type), read once per process."""
    with open(SHORT_FORMS_FILE, encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@cache
def short_form_keys() -> dict[str, str]:
    """Name key of each short form -> name key of the name it stands for."""
    return {name_key(row["alias"]): name_key(row["name"]) for row in short_forms_table()}


@cache
def short_form_names() -> dict[str, str]:
    """Each short form as written -> the name it stands for, as written."""
    return {row["alias"]: row["name"] for row in short_forms_table()}


@cache
def short_form_types() -> dict[str, str]:
    """Each short form and each name it stands for, as written -> its entity type."""
    types = {}
    for row in short_forms_table():
        types[row["alias"]] = types[row["name"]] = row["type"]
    return types


def find_acronym_definitions(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(acronym, name) pairs where a name is followed by its acronym in brackets."""
    pairs = []
    for start, end in spans:
        bracket = ACRONYM_AFTER.match(text, end)
        if bracket:
            pairs.append((bracket.group(1), text[start:end]))
    return pairs


class Groups:
    """Union-find over name keys."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def link(
    form_counts: list[tuple[str, str, int]],
    acronym_definitions: list[tuple[str, str]],
    short_forms: dict[str, str] | None = None,
    form_languages: dict[str, str] | None = None,
    case_endings: dict[str, tuple[str, ...]] | None = None,
) -> list[Entity]:
    """Entities from the corpus's name forms: (surface text, proposed type, mentions); each
    named by its fullest form in the corpus's most used language (`form_languages`: the
    language most of a form's mentions are in; `case_endings`: the endings each language
    writes on names)."""
    form_languages = form_languages or {}
    case_endings = case_endings or {}
    main_language = most_used_language(
        form_languages, ((surface, count) for surface, _, count in form_counts)
    )
    short_forms = short_form_keys() if short_forms is None else short_forms
    types: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    for surface, type_, count in form_counts:
        key = name_key(surface)
        types[key][type_] += count
        forms[key][surface] += count

    groups = Groups()
    for key in forms:
        groups.find(key)
    for alias, name in short_forms.items():
        if alias in forms:
            groups.union(alias, name)
    for acronym, name in acronym_definitions:
        if name_key(acronym) in forms and name_key(name) in forms:
            groups.union(name_key(acronym), name_key(name))
    merge_initialisms(groups, forms)
    merge_spellings(groups, forms, types, form_languages, case_endings)
    inflected_keys = merge_case_endings(groups, forms, form_languages, case_endings)
    inflected = frozenset(surface for key in inflected_keys for surface in forms[key])
    merge_surnames(groups, forms, types)

    members: dict[str, list[str]] = defaultdict(list)
    for key in forms:
        members[groups.find(key)].append(key)
    entities = []
    for keys in members.values():
        entity_forms: Counter = Counter()
        entity_types: Counter = Counter()
        for key in keys:
            entity_forms.update(forms[key])
            entity_types.update(types[key])
        name = canonical_name(entity_forms, form_languages, main_language, inflected)
        entity_type = agreed_type(entity_types, types[name_key(name)])
        entities.append(Entity(name, entity_type, entity_forms))
    return entities


def most_used_language(
    form_languages: dict[str, str], form_mentions: Iterable[tuple[str, int]]
) -> str | None:
    """The language most of these mentions (form, how many) are in; None if no form has one."""
    mentions: Counter = Counter()
    for form, count in form_mentions:
        mentions[form_languages.get(form)] += count
    mentions.pop(None, None)
    return mentions.most_common(1)[0][0] if mentions else None


def canonical_name(
    forms: Counter,
    form_languages: dict[str, str],
    main_language: str | None,
    inflected: frozenset[str] = frozenset(),
) -> str:
    """The fullest form in the corpus's most used language, else the fullest of all."""
    in_main_language = Counter(
        {form: n for form, n in forms.items() if form_languages.get(form) == main_language}
    )
    return fullest_form(in_main_language or forms, inflected)


def agreed_type(entity_types: Counter, name_types: Counter) -> str:
    """The type most mentions have; in a tie, the one the fullest form has most."""
    return max(entity_types, key=lambda t: (entity_types[t], name_types[t]))


def fullest_form(forms: Counter, inflected: frozenset[str] = frozenset()) -> str:
    """The form of most words, a nominative before an inflected one (`Москва`, not `Москвой`;
    `Polen`, not `Polens`: `inflected` holds forms with a case ending), then the longest, then
    the commonest."""

    def fullness(surface: str):
        is_acronym = surface.replace(".", "").isupper()
        nominative = is_nominative(surface) and surface not in inflected
        return (not is_acronym, len(surface.split()), nominative, len(surface), forms[surface])

    return max(forms, key=fullness)


def merge_initialisms(groups: Groups, forms: dict) -> None:
    by_initials: dict[str, set] = defaultdict(set)
    for key in forms:
        surface = forms[key].most_common(1)[0][0]
        if len(surface.split()) > 1:
            by_initials[initialism(surface)].add(groups.find(key))
    for key in forms:
        letters = key.upper()
        if re.fullmatch(r"[A-Z]{2,8}", letters) and len(by_initials.get(letters, ())) == 1:
            groups.union(key, next(iter(by_initials[letters])))


def merge_spellings(
    groups: Groups,
    forms: dict,
    types: dict,
    form_languages: dict[str, str],
    case_endings: dict[str, tuple[str, ...]],
) -> None:
    """A person's name in every spelling is one (the guidelines): `Molotow`, `Molotoff`,
    `Молотовым` join `Molotov`, and a surname alone joins the one full name it ends in any of
    its spellings, past a case ending of its language (`Litwinows`). Across languages also
    (never within one, where such names are two people's: `Joseph Kennedy`, `Josephine
    Kennedy`; `Anderson`, `Andersen`): full names with one surname and given names that open
    alike (`Georgi Tschitscherin`, `Georges Tchitcherine`), a French final `e`
    (`Tchitcherine`, `Чичерин`), and spellings that differ in one vowel inside names of six
    letters or more (`Gorbatschow`, `Gorbachev`; a surname alone and the full name too:
    `Chruschtschow`, `Nikita Khrushchev`). Each form is spelt as its language writes (French
    `Vychinski` is `Vyshinsky`). Names spelt apart by more stay apart (`Hess`, `Höss`;
    `Ivanov`, `Ivanova`; `Staline`, `Stalino`), and so do a person and a place (`Stalino`)."""

    language = {key: forms_language(forms[key], form_languages) for key in forms}
    spellable = [key for key in forms if can_be_spelt(key)]
    by_spelling: dict[str, str] = {}
    by_surname: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for key in spellable:
        if types[key].most_common(1)[0][0] != "PERSON":
            continue
        for spelt in spellings_of(key, language[key], True):
            groups.union(key, by_spelling.setdefault(spelt, key))
            words = spelt.split()
            if len(words) > 1:
                surname = words[-1].removesuffix("e") if len(words[-1]) > 7 else words[-1]
                by_surname[(surname, words[0][:GIVEN_NAME_OPENING], len(words))].append(key)
    for spelt, key in by_spelling.items():  # `Staline`, `Tchitcherine`; not `Martine`
        bare = spelt.removesuffix("e")
        if (
            len(bare) >= 6
            and bare in by_spelling
            and language[by_spelling[bare]] != language[key]
            and not any(is_given_name(surface) for surface in forms[key])
        ):
            groups.union(key, by_spelling[bare])
    merge_mistyped_persons(groups, spellable, forms, types, by_spelling, language)
    merge_transliterated_names(groups, spellable, types, language)
    owners: dict[str, set[str]] = defaultdict(set)
    for (surname, _, _), keys in by_surname.items():
        if one_per_language([language[key] for key in keys]):
            for key in keys[1:]:
                groups.union(key, keys[0])
        owners[surname].update(groups.find(key) for key in keys)
    surnames_alike = alike_spellings(owners)
    for key in spellable:
        spelt = spelling(key, language[key], True)
        if " " in spelt or types[key].most_common(1)[0][0] not in ("PERSON", "ORG"):
            continue
        endings = case_endings.get(language[key], ())
        for surname in (spelt, *(spelt.removesuffix(e) for e in endings if spelt.endswith(e))):
            if len(owners.get(surname, ())) == 1:
                groups.union(key, next(iter(owners[surname])))
                break
        else:  # `Chruschtschow` is the `Nikita Khrushchev` of another language
            if len(spelt) < SHORTEST_SURNAME_VARIANT:
                continue
            variants = [
                owner
                for other in surnames_alike.get((consonants(spelt), len(spelt)), ())
                if one_vowel_apart(spelt, other)
                for owner in owners[other]
                if language[owner] != language[key]
            ]
            if len(variants) == 1:
                groups.union(key, variants[0])
    for alike in alike_spellings(by_spelling).values():
        first = by_spelling[alike[0]]
        for spelt in alike[1:MOST_ALIKE_SPELLINGS]:
            if one_vowel_apart(spelt, alike[0]) and language[by_spelling[spelt]] != language[first]:
                groups.union(by_spelling[spelt], first)


def alike_spellings(spellings: Iterable[str]) -> dict[tuple[str, int], list[str]]:
    """Spellings by their consonants and length: those that may differ in one vowel."""
    alike: dict[tuple[str, int], list[str]] = defaultdict(list)
    for spelt in spellings:
        alike[(consonants(spelt), len(spelt))].append(spelt)
    return alike


def can_be_spelt(key: str) -> bool:
    """Whether a name's spelling is enough to go on: letters, and a last word of four or more
    (not `Ca`, `Don`, `J6`, `France 3`)."""
    last_word = spelling(key, None, True).rpartition(" ")[2]
    return not any(c.isdigit() for c in key) and len(last_word) >= SHORTEST_SPELT_NAME


def merge_mistyped_persons(
    groups: Groups,
    keys: list[str],
    forms: dict,
    types: dict,
    person_spellings: dict[str, str],
    language: dict[str, str | None],
) -> None:
    """A one-word name the model took for an organisation, or for a place no gazetteer knows,
    spelt as a person's name in the corpus is that person, and typed so (`Ribbentrop` beside
    `Риббентропом`, `Chicherin` beside `Чичерин`); a real place keeps its own (`Kirov` the city)."""
    for key in keys:
        kind = types[key].most_common(1)[0][0]
        spelt = spelling(key, language[key], True)
        if kind == "PERSON" or " " in spelt or spelt not in person_spellings:
            continue
        if kind == "ORG" or not any(
            places.is_place(name) for surface in forms[key] for name in place_names(surface)
        ):
            groups.union(key, person_spellings[spelt])
            types[key] = Counter({"PERSON": types[key].total()})


def merge_transliterated_names(
    groups: Groups, keys: list[str], types: dict, language: dict[str, str | None]
) -> None:
    """Names other than people's of one type spelt alike, one in each language, are one
    (`NKVD`, `NKWD`; `Lugansk`, `Луганск`); a person and a place never (`Kirov`)."""
    alike: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        kind = types[key].most_common(1)[0][0]
        if kind != "PERSON":  # one reading for all languages: `Chio` is not `Schio`
            alike[(kind, spelling(key, None, True))].append(key)
    for keys in alike.values():
        if len(keys) > 1 and one_per_language([language[key] for key in keys]):
            for key in keys[1:]:
                groups.union(key, keys[0])


def one_per_language(languages: list[str | None]) -> bool:
    """Whether names come one from each language (translations of one name), not two from one
    (two names)."""
    return None not in languages and len(set(languages)) == len(languages)


def merge_case_endings(
    groups: Groups,
    forms: dict,
    form_languages: dict[str, str],
    case_endings: dict[str, tuple[str, ...]],
) -> set[str]:
    """A name with a case ending its language writes on names is the name (`Polens`,
    `Deutschlands`, `Litwinows`) where the corpus writes it without the ending too; returns
    the keys so joined."""
    inflected = set()
    for key, surfaces in forms.items():
        languages = {form_languages.get(surface) for surface in surfaces}
        endings = {ending for code in languages for ending in case_endings.get(code, ())}
        for ending in sorted(endings, key=len, reverse=True):
            if key.endswith(ending) and key[: -len(ending)] in forms:
                groups.union(key, key[: -len(ending)])
                inflected.add(key)
                break
    return inflected


def merge_surnames(groups: Groups, forms: dict, types: dict) -> None:
    """`Stalin` joins `Joseph Stalin` when exactly one full name in the corpus ends so. A
    surname the model took for an organisation joins too; one taken for a place does not
    (`Washington` the city stays apart from `George Washington`)."""

    def kind(key: str) -> str:
        return types[key].most_common(1)[0][0]

    full_names_ending = defaultdict(set)  # final words -> the full names that end with them
    for key in forms:
        words = tuple(key.split())
        if len(words) > 1 and kind(key) == "PERSON":
            # A surname is a name's last few words: bounded, so a long name costs its length.
            for first in range(max(1, len(words) - LONGEST_SURNAME_WORDS), len(words)):
                full_names_ending[words[first:]].add(key)
    for key in forms:
        if kind(key) not in ("PERSON", "ORG"):
            continue
        owners = {groups.find(full) for full in full_names_ending.get(tuple(key.split()), ())}
        if len(owners) == 1:
            groups.union(key, owners.pop())


def forms_language(forms: Counter, form_languages: dict[str, str]) -> str | None:
    """The language most mentions of these forms are in (None where that is unknown)."""
    languages: Counter = Counter()
    for form, n in forms.items():
        languages[form_languages.get(form)] += n
    return languages.most_common(1)[0][0]
