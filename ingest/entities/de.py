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
from functools import cache, lru_cache

from .. import places
from ..given_names import is_given_name
from .evidence import function_words, is_large_city
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
    r"|Rote[n]?\s+Armee|Wehrmacht|Reichswehr|Reichstag(?:e?s|e)?|Komintern|Kominterns|Gestapo|"
    r"NSDAP|KPD|SPD|NKWD|Völkerbund(?:e?s)?|Politbüro(?:s)?)(?![\w-])"
)
TITLES = (
    "Reichsaußenminister|Außenminister|Volkskommissar|Reichskanzler|Kanzler|Führer|Marschall|"
    "General|Generaloberst|Admiral|Botschafter|Minister|Ministerpräsident|Präsident|Herr|Graf|"
    "König|Kaiser|Zar|Papst|Diktator|Staatssekretär|Generalsekretär|Diplomat|Fürst|Prinz|"
    "Herzog|Don|Pater|Professor|Prof\\.|Dr\\."
)
TITLE = re.compile(TITLES)
AFTER_TITLE = re.compile(
    rf"(?<![\w-])(?:{TITLES})\s+((?:{WORD})(?:\s+(?:von|van|de|der)\s+{WORD}|\s+{WORD})*+)"
)
# `der` alone opens a genitive (`Linie der Verbindung`), not a name's particle as `von der`.
PERSON_SHAPE = re.compile(
    rf"(?<![\w-])({WORD})((?:\s+(?:von\s+der|van\s+der|von|van|de|zu))?(?:\s+{WORD})++)"
)
# A word after an article is a noun, not a surname: `der Hof`, `des Reiches`.
AFTER_ARTICLE = re.compile(
    r"(?<![\w-])(?i:der|die|das|des|dem|den|ein|eine|einen|einem|eines|einer)\s+([A-ZÄÖÜ]\w*+)"
)
# `Wolfstraße`, `Karl-Marx-Platz`, `Postgasse`: a street or square.
STREET = re.compile(
    r"(?<![\w-])[A-ZÄÖÜ][\w-]*?(?:straße|strasse|gasse|platz|allee|brücke)(?![\w-])"
)
# `W. Molotow`, `v. Ribbentrop`, `H. Snowdon`: initials or an abbreviated `von` before a name.
INITIALS_SHAPE = re.compile(
    rf"(?<![\w.-])(?:(?:[A-ZÄÖÜ]\.\s*){{1,3}}(?:v\.\s*|von\s+)?|v\.\s*)({WORD})(?![\w-])"
)
# `die Flüsse Narew, Weichsel und San`: the names a word for rivers lists.
RIVERS = re.compile(
    rf"(?<![\w-])(?:Fluss|Flusses|Flüsse|Flüssen|Strom|Stromes)\s+({WORD}(?:(?:,\s+|\s+und\s+){WORD})*+)"
)
# `Moskau, am 23. August 1939`, `Bolzano, 26. Februar`: a dateline's town.
DATELINE_AFTER = re.compile(r",\s+(?:am\s+|den\s+)?\d")
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
# The names German gives countries beside ISO's long ones -> their names in English (linking
# finds them by these in every language).
COUNTRY_NAMES = {
    "Sowjetunion": "USSR",
    "Großbritannien": "Great Britain",
    "Russland": "Russia",
    "USA": "United States",
    "Persien": "Iran",
}
# and of states without an ISO code, of before 1945 or within one
SHORT_NAMES = frozenset(COUNTRY_NAMES) | {"Sowjetrussland", "England", "Preußen"}
GENITIVE = re.compile(r"(?:s|es)$")
# The endings German writes on a name (`Polens`, `Deutschlands`): linking reads past them.
CASE_ENDINGS = ("es", "s")
CONTINENT = re.compile(
    r"(?<![\w-])(?:(?:Nord|Süd|Mittel|Latein)?[Aa]merika|(?:(?:Nord|Süd|Mittel)?[Oo]st|"
    r"(?:Nord|Süd|Mittel)?[Ww]est|Nord|Süd|Mittel)?[Ee]uropa|(?:Ost|Süd|Vorder|Zentral)?[Aa]sien|"
    r"(?:Nord|Süd|Ost|West)?[Aa]frika|Australien|Antarktis|Eurasien|Ozeanien)s?(?![\w-])"
)
# Spellings of before 1996 and of typewriters, `ß` and a capital umlaut written out
# (`Rußland`, `Oesterreich`), read as today's.
INITIAL_UMLAUTS = (("Oe", "Ö"), ("Ae", "Ä"), ("Ue", "Ü"))
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
    """Each text's names; then a surname the texts wrote after a given name or a title is a
    person's wherever they write it alone (`Joachim von Ribbentrop` ... `Ribbentrops`)."""
    found = [names_in(text) for text in texts]
    nouns = {match.group(1) for text in texts for match in AFTER_ARTICLE.finditer(text)}
    surnames = {
        surname
        for mentions in found
        for m in mentions
        if m.type == "PERSON" and " " in m.text
        if len(surname := m.text.split()[-1]) > 3
        and surname not in nouns
        and not places.is_place(surname)
        and not is_place_name(surname)
    }
    return [
        with_surnames(text, mentions, surnames) if surnames else mentions
        for text, mentions in zip(texts, found, strict=True)
    ]


def with_surnames(text: str, mentions: list[Mention], surnames: set[str]) -> list[Mention]:
    taken = Taken(len(text))
    for m in mentions:
        taken.take_if_free(m.start, m.end)
    alone = [
        Mention(*match.span(), match.group(), "PERSON", SOURCE)
        for match in CAPITALISED.finditer(text)
        if match.group() in surnames or match.group().removesuffix("s") in surnames
        if taken.take_if_free(*match.span())
    ]
    return sorted(mentions + alone, key=lambda m: m.start) if alone else mentions


def names_in(text: str) -> list[Mention]:
    taken = Taken(len(text))
    found = []

    def add(start: int, end: int, label: str) -> None:
        if taken.take_if_free(start, end):
            found.append(Mention(start, end, text[start:end], label, SOURCE))

    for shape, label in ((LAW_SHAPE, "LAW"), (EVENT_SHAPE, "EVENT"), (ORG_SHAPE, "ORG")):
        for match in shape.finditer(text):
            add(*match.span(), label)
    for match in STREET.finditer(text):
        add(*match.span(), "LOC")
    for match in PERSON_SHAPE.finditer(text):
        given = match.group(1)
        if (
            len(given) > 2
            and is_given_name(given)
            and not TITLE.fullmatch(given)  # `General` is a given name too
            and given.lower() not in function_words("de")
            and not places.is_place(match.group())
        ):
            add(*match.span(), "PERSON")
    for match in AFTER_TITLE.finditer(text):
        if not is_place_name(match.group(1)):
            add(*match.span(1), "PERSON")
    for match in INITIALS_SHAPE.finditer(text):
        if not is_place_name(match.group(1)) and match.group(1).lower() not in function_words("de"):
            add(*match.span(), "PERSON")
    for match in RIVERS.finditer(text):
        for river in CAPITALISED.finditer(match.group(1)):
            add(match.start(1) + river.start(), match.start(1) + river.end(), "LOC")
    for match in REGION_SHAPE.finditer(text):
        add(*match.span(), "LOC")
    for match in CAPITALISED.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if is_country_name(match.group()) or (
            is_town_name(match.group())
            and (CITY_BEFORE.search(before) or DATELINE_AFTER.match(text, match.end()))
        ):
            add(*match.span(), "GPE")
    for match in STATE_SHAPE.finditer(text):
        add(*match.span(), "GPE")
    for match in CONTINENT.finditer(text):
        add(*match.span(), "LOC")
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


@lru_cache(maxsize=100_000)
def is_country_name(word: str) -> bool:
    """A country's German name, in any case; countries take articles (`der UdSSR`)."""
    return any(name in country_names() for name in cases_of(word))


@lru_cache(maxsize=100_000)
def is_city_name(word: str) -> bool:
    return any(is_large_city(name) for name in cases_of(word))


@lru_cache(maxsize=100_000)
def is_town_name(word: str) -> bool:
    """A name the gazetteer has for a town of any size (`in Hohenems`), in any case."""
    return is_city_name(word) or any(places.is_city(name) for name in cases_of(word))


@lru_cache(maxsize=100_000)
def cases_of(word: str) -> tuple[str, ...]:
    """The word as written and without a genitive ending (`Polens` -> `Polen`), each also in
    today's spelling (`Rußlands` -> `Russland`)."""
    forms = (word, GENITIVE.sub("", word))
    return tuple(dict.fromkeys(forms + tuple(today(form) for form in forms)))


def today(word: str) -> str:
    word = word.replace("ß", "ss")
    for old, new in INITIAL_UMLAUTS:
        if word.startswith(old):
            return new + word[len(old) :]
    return word
