"""French dates: `1er septembre 1939`, `23 août 1939`, `1/9/1939`, `en mai 1940`, `l'hiver
1941-1942`, `les années 1920`, `le XIXe siècle`, `vers 1900`, `52 av. J.-C.`, `fin août 1939`,
`l'année dernière`. The parts and names are those of ingest.dates.en; the values are the same
in every language."""

import re

from .forms import (
    DASH,
    ERA_NUMBER,
    ISO,
    NEVER,
    NUMERIC_MONTH,
    NUMERIC_YEAR,
    YEAR,
    anchor,
    compiled,
    word_starts,
    words_after,
)

MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
MONTH_NAMES += ["septembre", "octobre", "novembre", "décembre"]
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS |= {"fevrier": 2, "aout": 8, "decembre": 12, "janv": 1, "févr": 2, "fév": 2, "avr": 4}
MONTHS |= {"juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12}
SEASONS = {"printemps": "SP", "été": "SU", "ete": "SU", "automne": "FA", "hiver": "WI"}
ORDINAL_WORDS = {"premier": 1, "première": 1}

MONTH = (
    r"(?:(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    r"|novembre|décembre|decembre)\b|(?:janv|févr|fév|avr|juil|sept|oct|nov|déc)\.)"
)
DAY = r"(?<![\d.,])(?:1er|1re|3[01]|[12]\d|0?[1-9])(?![\d:])"
BC = r"(?:av\.\s?J\.?-C\.|avant\s+J\.?-C\.|avant\s+Jésus-Christ|av\.\s?n\.\s?è\.)"
ERA = rf"(?:{BC}|apr\.\s?J\.?-C\.|ap\.\s?J\.?-C\.|après\s+J\.?-C\.|après\s+Jésus-Christ)"
YEAR_OR_ERA_YEAR = rf"(?:{YEAR}|{ERA_NUMBER}(?=\s?{ERA}))"
ERA_AFTER = rf"(?:\s?(?P<e>{ERA}))?"

FORMS = {
    "iso": ISO,
    "dmy_numeric": rf"(?P<d>{DAY})/(?P<m>{NUMERIC_MONTH})/(?P<y>{NUMERIC_YEAR})",
    "day_range_dmy": rf"(?P<d>{DAY})(?:{DASH}|\s+au\s+)(?P<d2>{DAY})\s+(?P<m>{MONTH})\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "dmy": rf"(?P<d>{DAY})\s+(?P<m>{MONTH})\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "my": rf"(?P<m>{MONTH})\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "season": r"(?P<s>(?i:printemps|été|ete|automne|hiver))\s+(?:de\s+|d')?"
    rf"(?P<y>{YEAR})(?:(?:{DASH}|/)(?P<y2>\d\d(?!\d)|{YEAR}))?",
    "decade": r"(?i:années)\s+(?P<y>1\d\d0|20\d0|[2-9]0)(?![\d%])",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)"
    rf"{ERA_AFTER}",
    "year": rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "era_range": rf"(?P<y>{ERA_NUMBER})(?P<c>{DASH}|\s+(?:à|et)\s+)"
    rf"(?P<y2>{ERA_NUMBER})\s?(?P<e>{ERA})",
    "dm": rf"(?P<d>{DAY})\s+(?P<m>{MONTH})",
    "month": rf"(?P<m>{MONTH})",
}
FORM_PATTERNS, FORMS_FROM, SCANNERS = compiled(FORMS)
LOOKBACK = len("septembre à novembre ")
SEASON_WORDS = ["printemps", "été", "ete", "automne", "hiver"]
ANCHOR = anchor(
    [
        form
        for word in [*MONTH_NAMES, "fevrier", "aout", "decembre", *SEASON_WORDS, "années"]
        for form in (word, word.capitalize(), word.upper())
    ]
)
# `die 1900er Jahre`, `les années 1900`, `1900-е годы`: a decade, as every other.
HUNDREDS_ARE_CENTURIES = False
MODIFIER_NAMES = {
    "début": "beginning of",
    "au début": "beginning of",
    "fin": "end of",
    "à la fin": "end of",
    "milieu": "middle of",
    "au milieu": "middle of",
    "mi": "mid",
    "première moitié": "first half of",
    "seconde moitié": "second half of",
    "deuxième moitié": "second half of",
}
MODIFIER_BEFORE = re.compile(
    rf"\b(?i:({'|'.join(sorted(MODIFIER_NAMES, key=len, reverse=True))})"
    r"(?:\s+(?:de\s+la|des|du|de)|\s+d'|\s+de\s+l')?)(?:\s*-\s*|\s+|(?<=')|$)$"
)
MODIFIER_LAST_WORDS = {phrase.split()[-1] for phrase in MODIFIER_NAMES}
MODIFIER_LAST_WORDS |= {"de", "des", "du", "la", "d'", "l'", "mi"}
CIRCA_BEFORE = re.compile(r"\b(?:vers|[Vv]ers\s+l'an|env\.|environ|ca\.|circa)\s?$")
CIRCA_CHARS = len("vers l'an ")
CIRCA_WORDS = {"vers", "l'an", "env", "environ", "ca", "circa"}
BETWEEN_BEFORE = re.compile(r"\b(?i:entre)\s+(?:le\s+|l')?$")
RANGE_CONNECTOR = re.compile(r"\s*(?:[–—-]|/|à|au|et|jusqu'en|jusqu'au)\s*")
NOT_YEAR_WORDS_BEFORE = ["no", "n°", "numéro", "page", "p", "pp", "tome", "t", "vol", "article"]
NOT_YEAR_WORDS_BEFORE += ["art", "chapitre", "plus de", "moins de", "près de", "quelque"]
NOT_YEAR_WORDS_BEFORE += ["total de", "effectif de", "seulement"]
NOT_YEAR_BEFORE = re.compile(rf"\b(?i:{'|'.join(NOT_YEAR_WORDS_BEFORE)})\.?\s+$")
NOT_YEAR_LAST_WORDS = {phrase.split()[-1] for phrase in NOT_YEAR_WORDS_BEFORE}
NOT_YEAR_AFTER = words_after(
    "hommes|soldats|personnes|officiers|ouvriers|prisonniers|morts|tués|"
    "blessés|chars|avions|canons|navires|divisions|membres|voix|sièges|km|kilomètres|"
    "milles|mètres|tonnes|kg|francs|marks|roubles|dollars|habitants|heures|jours|semaines|"
    "mois|ans|années|exemplaires|pour cent"
)
PERIOD_NOUN = re.compile(
    r"(?P<century>[Ss]iècle\b|SIÈCLE\b|s\.(?=\s))|(?P<centuries>[Ss]iècles\b|SIÈCLES\b)"
    r"|(?P<millennium>[Mm]illénaire\b)|(?P<millennia>[Mm]illénaires\b)"
)
ORDINAL = r"(?:[IVXLC]+|[1-9]\d?)(?:e|è|ème|eme|er|re)|premier|première"
ORDINALS_BEFORE = re.compile(
    rf"(?<![\w-])(?:({ORDINAL})(?:\s*[–—-]\s*|\s+(?:et|au)\s+(?:(?:le|du)\s+)?))?"
    rf"({ORDINAL})\s+$"
)
ORDINALS_CHARS = len("XVIIIe et le XIXe ")
ERA_NEXT = re.compile(rf"\s?({ERA})")
PERIOD_HINTS = ("iècle", "IÈCLE", "illénaire", "s. ")

UNITS = {"année": "year", "an": "year", "mois": "month", "semaine": "week"}
RELATIONS = {
    "cette": 0,
    "ce": 0,
    "dernier": -1,
    "dernière": -1,
    "passé": -1,
    "passée": -1,
    "prochain": 1,
    "prochaine": 1,
}
DAY_WORDS = {"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2, "après-demain": 2}
RELATION_WORDS = ["Cette", "cette", "Ce", "ce"]
ARTICLES = ["L'", "l'", "Le", "le", "La", "la"]
DEICTIC_DAY_WORDS = [*DAY_WORDS, "Aujourd'hui", "Hier", "Demain"]
DEICTIC = re.compile(
    rf"(?P<relation>{'|'.join(RELATION_WORDS)})\s+(?P<unit>année|mois|semaine)\b"
    r"|(?:[Ll]'|[Ll]e\s+|[Ll]a\s+)(?P<unit_first>année|an|mois|semaine)\s+"
    r"(?P<relation_after>dernière|dernier|passée|passé|prochaine|prochain)\b"
    rf"|(?P<word>{'|'.join(DEICTIC_DAY_WORDS)})\b|(?P<weekday>{NEVER})"
)
DEICTIC_START = word_starts(RELATION_WORDS + ARTICLES + DEICTIC_DAY_WORDS)
# Not read in this language yet: years after an era written first (`A.D. 196`), counted
# deictic dates (`two years ago`), weekdays as dates.
ERA_FIRST = AGO = COUNT_BEFORE = FUTURE_BEFORE = re.compile(NEVER)
ERA_FIRST_WORDS = ERA_BEFORE = WEEKDAY_WORDS_BEFORE = frozenset()
WEEKDAYS, COUNT_WORDS, AGO_CHARS = [], {}, 0
