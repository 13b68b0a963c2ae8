"""German names, by rule: no statistical German model ships in a package, and German writes
every noun with a capital, so a capitalised word is a name only on evidence, precision first:
a country's German name or a city's (`Deutschland`, `Polens`, `Moskau`); a given name and
the words after it, or a word after a title (`Joachim von Ribbentrop`, `Volkskommissar
Molotow`); a surname's Eastern European ending (`Litwinow`); an organisation's head
(`Reichsregierung`, `Rote Armee`, `Wehrmacht`); the shape of a treaty or a war (`Vertrag von
Versailles`, `Hitler-Stalin-Pakt`, `Münchner Abkommen`, `Zweiter Weltkrieg`). The span is the
name as written, case ending included (`Polens`, `Litwinows`); an article, preposition or
title before it is left out."""

import re
from functools import cache

from .. import places
from ..given_names import is_given_name
from .evidence import is_large_city
from .spans import Mention, Taken

SOURCE = "rule:de"
WORD = r"[A-ZÄÖÜ][a-zäöüß]++(?:-[A-ZÄÖÜ][a-zäöüß]++)*+"
# `Münchner`: a town's adjective, not a determiner (`Dieser Vertrag`).
PLACE_ADJECTIVE = (
    r"(?!(?:Dies|Jen|Solch|Welch|Ein|Kein|Unser|Ihr|Sein|Eur)er\b)[A-ZÄÖÜ][a-zäöüß]{3,}?er"
)
# `Vertrag von Versailles`, `Frieden von Brest-Litowsk`, `Münchner Abkommen`, `Hitler-Stalin-Pakt`
LAW_SHAPE = re.compile(
    rf"(?<![\w-])(?:(?:Vertrag|Frieden|Pakt|Abkommen|Protokoll|Vereinbarung)\s+(?:von|zu)\s+{WORD}"
    rf"|{PLACE_ADJECTIVE}\s+(?:Vertrag|Abkommen|Frieden|Protokoll)(?:e?s)?\b"
    r"|(?:[A-ZÄÖÜ][a-zäöüß]++-)+(?:Pakt|Vertrag|Abkommen)"
    r"|[a-zäöü]+-[a-zäöü]*?e[nrs]?\s+[A-ZÄÖÜ][a-zäöüß]*?(?:pakt|vertrag|abkommen)(?:e?s)?\b)"
)
EVENT_SHAPE = re.compile(
    rf"(?<![\w-])(?:(?:Konferenz|Schlacht|Belagerung|Kongress|Friedenskonferenz)\s+(?:von|um|bei|"
    rf"in)\s+{WORD}|(?:Erster|Zweiter|Ersten|Zweiten)\s+Weltkrieg(?:e?s)?"
    rf"|{PLACE_ADJECTIVE}\s+Konferenz"
    r"|Winterkrieg(?:e?s)?|Oktoberrevolution|Novemberrevolution|Unternehmen\s+[A-Z][a-z]++)"
)
ORG_SHAPE = re.compile(
    r"(?<![\w-])(?:(?:[A-ZÄÖÜ][a-zäöü]*?en?\s+)?[A-ZÄÖÜ]\w+(?:regierung|ministerium|ministeriums|"
    r"kommissariat|partei)\b"
    r"|Rote[n]?\s+Armee|Wehrmacht|Reichswehr|Reichstag(?:e?s)?|Komintern|Kominterns|Gestapo|"
    r"NSDAP|KPD|SPD|NKWD|Völkerbund(?:e?s)?|Politbüro(?:s)?)"
)
TITLES = (
    "Reichsaußenminister|Außenminister|Volkskommissar|Reichskanzler|Kanzler|Führer|Marschall|"
    "General|Generaloberst|Admiral|Botschafter|Minister|Ministerpräsident|Präsident|Herr|Graf|"
    "König|Kaiser|Zar|Papst|Diktator|Staatssekretär|Generalsekretär|Diplomat"
)
AFTER_TITLE = re.compile(
    rf"(?<![\w-])(?:{TITLES})\s+((?:{WORD})(?:\s+(?:von|van|de|der)\s+{WORD}|\s+{WORD})*+)"
)
PERSON_SHAPE = re.compile(rf"(?<![\w-])({WORD})((?:\s+(?:von|van|de|der|zu))?(?:\s+{WORD})++)")
# `-in` is no such ending: German writes feminine nouns with it (`Königin`).
SURNAME = re.compile(r"(?<![\w-])[A-Z][a-z]*?(?:ow|ew|off|ski|sky)s?(?![\w-])")
CAPITALISED = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]*+")
# `das Deutsche Reich`; regions named `-land` that are no country (`Sudetenland`, `Rheinland`).
STATE_SHAPE = re.compile(r"(?<![\w-])(?:Deutsche[sn]?|Dritte[sn]?)\s+Reich(?:e?s)?\b")
REGION = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöü]*?land(?:e?s)?(?![\w-])")
NOT_REGIONS = frozenset(
    ["Ausland", "Inland", "Festland", "Umland", "Hinterland", "Vaterland", "Heimatland"]
    + ["Mutterland"]
)
# The short names German gives former states beside ISO's long ones.
SHORT_NAMES = frozenset(["Sowjetunion", "Sowjetrussland", "Großbritannien"])
GENITIVE = re.compile(r"(?:s|es)$")
# `in Essen` is a city, `das Essen` a meal and `Stalin` a man, though a town once bore his
# name: a city's name counts after a preposition of place or a word for a town.
CITY_BEFORE = re.compile(
    r"(?<!\w)(?:in|nach|aus|bei|von|vor|um|gegen|über|durch|an|bis|zwischen|Hauptstadt|Stadt|"
    r"Festung|Hafen)\s+$"
)
# `Karelischen Landenge`, `Schwarzes Meer`, `Ostsee`: an adjective and a noun of geography.
REGION_SHAPE = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][a-zäöü]*?(?:e|en|er|es)\s+(?:Landenge|Halbinsel|Meer(?:es)?|Bucht|"
    r"Küste|Gebirge|Tiefebene|Ebene|Inseln?)|Ostsee|Nordsee)(?![\w-])"
)


@cache
def country_names() -> frozenset[str]:
    return places.country_names_in("de") | SHORT_NAMES


def read_names(texts: list[str]) -> list[list[Mention]]:
    return [names_in(text) for text in texts]


def names_in(text: str) -> list[Mention]:
    taken = Taken(len(text))
    found = []

    def add(start: int, end: int, label: str) -> None:
        if taken.take_if_free(start, end):
            found.append(Mention(start, end, text[start:end], label, SOURCE))

    for shape, label in ((LAW_SHAPE, "LAW"), (EVENT_SHAPE, "EVENT"), (ORG_SHAPE, "ORG")):
        for match in shape.finditer(text):
            add(*match.span(), label)
    for match in PERSON_SHAPE.finditer(text):
        given = match.group(1)
        if len(given) > 2 and is_given_name(given) and not places.is_place(match.group()):
            add(*match.span(), "PERSON")
    for match in AFTER_TITLE.finditer(text):
        if not is_place_name(match.group(1)):
            add(*match.span(1), "PERSON")
    for match in REGION_SHAPE.finditer(text):
        add(*match.span(), "LOC")
    for match in CAPITALISED.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if is_country_name(match.group()) or (
            is_city_name(match.group()) and CITY_BEFORE.search(before)
        ):
            add(*match.span(), "GPE")
    for match in STATE_SHAPE.finditer(text):
        add(*match.span(), "GPE")
    for match in REGION.finditer(text):
        if GENITIVE.sub("", match.group()) not in NOT_REGIONS:
            add(*match.span(), "LOC")
    for match in SURNAME.finditer(text):
        if not is_place_name(match.group()):
            add(*match.span(), "PERSON")
    return sorted(found, key=lambda m: m.start)


def is_place_name(word: str) -> bool:
    """A country's German name or a large city's, in any case (`Polens`, `Moskaus`)."""
    return is_country_name(word) or is_city_name(word)


def is_country_name(word: str) -> bool:
    """A country's German name, in any case; countries take articles (`der UdSSR`)."""
    return any(name in country_names() for name in cases_of(word))


def is_city_name(word: str) -> bool:
    return any(is_large_city(name) for name in cases_of(word))


def cases_of(word: str) -> tuple[str, str]:
    """The word as written and without a genitive ending (`Polens` -> `Polen`)."""
    return word, GENITIVE.sub("", word)
