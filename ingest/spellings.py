"""One name's spellings: what `Molotov`, `Molotow`, `Molotoff` and `Молотовым` share, and
`Tchitcherin` and `Chicherin`, `Trotzki` and `Троцкий`. A name is written in Latin letters
(anyascii's transliteration of Cyrillic and other scripts, a Russian word first in its
dictionary form), then the ways English, German and French transcribe one Slavic sound are
written one way (`tsch`, `tch` -> `ch`; `kh` -> `ch`, as German writes `х`; `w`, `f` -> `v`, as
`фон` is `von`; a final `-off`, `-ow` -> `-ov`; `tz`, `ts` -> `z`; `j`, `y` -> `i`; `x` ->
`ks`; `zh` -> `sh`), and doubled letters once; each language's own letters read first (French
`ch`, `j`, `ou`).
Names that sound alike but are spelt apart by more than that (`Hess` and `Höss`) keep
different spellings."""

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

from .text import CYRILLIC_WORD, base_forms

# Longest first: `tsch` before `sch` and `ch`.
SOUNDS = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),  # `ж` and `ш` one sound: German writes both `sch`
    ("ph", "f"),
    ("f", "v"),
    ("kh", "ch"),
    ("x", "ks"),
    ("ck", "k"),
    ("tz", "z"),
    ("ts", "z"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)
# A language's own letters for a Russian sound, read before SOUNDS: French `ch` is `ш`
# (`Vychinski`), `j` is `ж` (`Joukov`), `ou` is `у`; a German `s` before a vowel is `з`
# (`Sinowjew`).
LANGUAGE_SOUNDS = {
    "fr": ((re.compile(r"(?<!t)ch"), "sh"), (re.compile("j"), "zh"), (re.compile("ou"), "u")),
    "de": ((re.compile(r"\bs(?=[aeiouy])"), "z"),),
}
# A Russian word's first `е` is `ye`, `je` or `ie` in the West, `e` to anyascii: `Ежов`,
# `Yezhov`, `Jeschow`, `Iejov`.
INITIAL_IE = re.compile(r"\bie")
FINAL_FF = re.compile(r"(?<=[oe])(?:ff|w)\b")
DOUBLED = re.compile(r"([a-z])\1+")
NOT_LETTERS = re.compile(r"[^a-z ]+")
VOWELS = re.compile(r"(?<=\w)[aeiou]+")


@lru_cache(maxsize=100_000)
def spelling(name: str, language: str | None = None, in_dictionary_form: bool = False) -> str:
    """The name as its transliterations and older spellings share it: `Wjatscheslaw Molotow`,
    `Viatcheslav Molotoff` and `Вячеслав Молотов` are all `viacheslav molotov`; read with the
    letters of the `language` it is written in (`Khrouchtchev` in French is `chrushchev`). A
    name `in_dictionary_form` (a linking key) is not put in it again: `каменев` read as a word
    in its own right would be a verb's."""
    latin = not CYRILLIC_WORD.search(name)  # another script's letters are anyascii's
    text = anyascii(name if in_dictionary_form or latin else base_forms(name)).lower()
    for letters, sound in LANGUAGE_SOUNDS.get(language, ()) if latin else ():
        text = letters.sub(sound, text)
    text = FINAL_FF.sub("v", text)
    for written, sound in SOUNDS:
        text = text.replace(written, sound)
    text = NOT_LETTERS.sub("", DOUBLED.sub(r"\1", text))
    return INITIAL_IE.sub("e", " ".join(text.split()))


def spellings_of(
    name: str, language: str | None = None, in_dictionary_form: bool = False
) -> tuple[str, ...]:
    """The name's spelling read as any language writes it, and as its `language` does."""
    spelt = spelling(name, None, in_dictionary_form)
    own = spelling(name, language, in_dictionary_form)
    return (spelt,) if own == spelt else (spelt, own)


@lru_cache(maxsize=100_000)
def spellings_in_any_language(name: str, in_dictionary_form: bool = False) -> frozenset[str]:
    """The spellings of a name whose language is not known (a search, a word of the index)."""
    spelt = {spelling(name, None, in_dictionary_form)}
    if not CYRILLIC_WORD.search(name):
        lowered = name.lower()
        for language, sounds in LANGUAGE_SOUNDS.items():
            if any(letters.search(lowered) for letters, _ in sounds):
                spelt.add(spelling(name, language, in_dictionary_form))
    return frozenset(spelt)


def name_opening(name: str) -> str:
    """A name's first letter and the consonant after it, `c` read `k`: what one city's names
    in several languages share (`Moscow`, `Moskau`, `Москва`: `ms`) and its different names do
    not (`Danzig`, `Gdańsk`; `Tver`, `Kalinin`)."""
    return consonants(spelling(name).replace("c", "k"))[:2]


def one_vowel_apart(a: str, b: str) -> bool:
    """Spellings of six letters or more that differ in one vowel inside the name
    (`gorbachov`, `gorbachev`), not in its last letter (`stalino`, `staline`; `ivanov`,
    `ivanova` differ in length)."""
    if len(a) != len(b) or len(a) < 6 or a[-1] != b[-1]:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differing) == 1 and all(letter in "aeiou" for letter in differing[0])


def consonants(spelt: str) -> str:
    """A spelling's first letter and the consonants after it in each word: what spellings
    that differ in a vowel share (`gorbachov`, `gorbachev`: `grbchv`)."""
    return VOWELS.sub("", spelt)


SHORTEST_SPELLING = 2  # a key of one letter (`A.`, `J`) would join unrelated names
OPENING_LETTERS = 4


def name_spelling_rows(
    forms: Iterable[tuple[int, str, str, str | None]], terms: Iterable[str]
) -> list[tuple[str, str, int | None]]:
    """Rows of `name_spellings` (spelling, form, entity): each entity's forms (entity id, form
    as written, the entity's type, the form's language) by their spellings, and a person's
    surname alone too, so that `Molotow` finds `Wjatscheslaw Molotow`; then the words of the
    full-text index (`terms`, as the index writes them) that no entity holds but spell a name
    one does: `Tchitcherin` where only `Chicherin` was recognised."""
    rows = set()
    for entity_id, form, entity_type, language in forms:
        rows.update((spelt, form, entity_id) for spelt in spellings_of(form, language))
        words = form.split()
        if entity_type == "PERSON" and len(words) > 1:
            surname = words[-1]
            rows.update((spelt, surname, entity_id) for spelt in spellings_of(surname, language))
    named = {key for key, _, _ in rows}
    openings = {key[:OPENING_LETTERS] for key in named}
    written = {form.casefold() for _, form, _ in rows}
    for term in terms if named else ():
        # A Russian word's dictionary form changes its ending, not its opening: only a word
        # that opens as a name does is put in it (pymorphy's work, most of the time here).
        if term in written:
            continue
        spelt = spellings_in_any_language(term, True)
        if not any(key[:OPENING_LETTERS] in openings for key in spelt):
            continue
        if CYRILLIC_WORD.search(term):
            spelt = spellings_in_any_language(term)
        rows.update((key, term, None) for key in spelt & named)
    return sorted(row for row in rows if len(row[0]) >= SHORTEST_SPELLING)
