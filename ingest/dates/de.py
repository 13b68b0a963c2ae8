"""German dates: `23. August 1939`, `1.9.1939`, `im Mai 1940`, `Winter 1941/42`, `die 1920er
Jahre`, `das 19. Jahrhundert`, `um 1900`, `44 v. Chr.`, `Anfang 1939`, `letztes Jahr`. The
parts and names are those of ingest.dates.en; the values are the same in every language."""

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
    inflected,
    word_starts,
    words_after,
    written_cases,
)

MONTH_NAMES = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
MONTH_NAMES += ["September", "Oktober", "November", "Dezember"]
MONTHS = {name.lower()[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS |= {"jän": 1, "mae": 3, "mar": 3}  # Jänner (Austrian), Maerz and Marz as typed
SEASONS = {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}
ORDINAL_WORDS: dict[str, int] = {}

MONTH = (
    r"(?:(?:Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)s?\b|(?:Jan|Febr?|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)"
)
DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])"  # written with an ordinal dot after it
BC = r"(?:v\.\s?Chr\.|vor\s+Christus|v\.\s?u\.\s?Z\.|vor\s+unserer\s+Zeitrechnung)"
ERA = rf"(?:{BC}|n\.\s?Chr\.|nach\s+Christus|n\.\s?u\.\s?Z\.)"
YEAR_OR_ERA_YEAR = rf"(?:{YEAR}|{ERA_NUMBER}(?=\s?{ERA}))"
ERA_AFTER = rf"(?:\s?(?P<e>{ERA}))?"
OF_YEAR = r"(?:(?:des\s+Jahres|d\.\s?J\.)\s+)?"

FORMS = {
    "iso": ISO,
    "dmy_numeric": rf"(?P<d>{DAY})\.\s?(?P<m>{NUMERIC_MONTH})\.\s?(?P<y>{NUMERIC_YEAR})",
    "day_range_dmy": rf"(?P<d>{DAY})\.?(?:{DASH}|\s+bis\s+(?:zum\s+)?)(?P<d2>{DAY})\.\s*"
    rf"(?P<m>{MONTH})\s+{OF_YEAR}(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "dmy": rf"(?P<d>{DAY})\.\s*(?P<m>{MONTH})\s+{OF_YEAR}(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "my": rf"(?P<m>{MONTH})\s+{OF_YEAR}(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "season": r"(?P<s>(?i:frühjahr|frühling|sommer|herbst|winter))s?\s+"
    rf"{OF_YEAR}(?P<y>{YEAR})(?:(?:{DASH}|/)(?P<y2>\d\d(?!\d)|{YEAR}))?",
    "decade": r"(?<![\d$£€])(?P<y>1\d\d0|20\d0)er(?:[\s-]Jahren?\b)?",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)"
    rf"{ERA_AFTER}",
    "year": rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "era_range": rf"(?P<y>{ERA_NUMBER})(?P<c>{DASH}|\s+(?:bis|und)\s+)"
    rf"(?P<y2>{ERA_NUMBER})\s?(?P<e>{ERA})",
    "dm": rf"(?P<d>{DAY})\.\s*(?P<m>{MONTH})",
    "month": rf"(?P<m>{MONTH})",
}
FORM_PATTERNS, FORMS_FROM, SCANNERS = compiled(FORMS)
LOOKBACK = len("September bis November des Jahres ")
ANCHOR = anchor(
    [name[:3] for name in MONTH_NAMES]
    + ["Jän", "Mae", "Frühjahr", "Frühling", "Sommer"]
    + ["Herbst", "Winter", "frühjahr", "frühling", "sommer", "herbst", "winter"]
)
# `die 1900er Jahre`, `les années 1900`, `1900-е годы`: a decade, as every other.
HUNDREDS_ARE_CENTURIES = False
MODIFIER_NAMES = {
    "anfang": "beginning of",
    "beginn": "beginning of",
    "ende": "end of",
    "mitte": "middle of",
    "erste hälfte": "first half of",
    "ersten hälfte": "first half of",
    "zweite hälfte": "second half of",
    "zweiten hälfte": "second half of",
    "frühen": "early",
    "späten": "late",
}
MODIFIER_BEFORE = re.compile(
    rf"\b(?i:({'|'.join(MODIFIER_NAMES)})(?:\s+(?:der|des|dem|den))?)(?:\s*-\s*|\s+)$"
)
MODIFIER_LAST_WORDS = {phrase.split()[-1] for phrase in MODIFIER_NAMES} | {"der", "des", "dem"}
MODIFIER_LAST_WORDS |= {"den"}
CIRCA_BEFORE = re.compile(r"\b(?:ca\.|[Cc]irca|um|[Uu]m\s+das\s+Jahr|etwa)\s?$")
CIRCA_CHARS = len("um das Jahr ")
CIRCA_WORDS = {"ca", "circa", "um", "etwa", "jahr"}
BETWEEN_BEFORE = re.compile(r"\b(?i:zwischen)\s+(?:dem\s+|den\s+)?$")
RANGE_CONNECTOR = re.compile(r"\s*(?:[–—-]|/|bis(?:\s+(?:zum|zur))?|und)\s*")
NOT_YEAR_WORDS_BEFORE = ["nr", "nummer", "seite", "s", "band", "bd", "artikel", "art"]
NOT_YEAR_WORDS_BEFORE += ["kapitel", "paragraph", "über", "rund", "fast", "nur", "mehr als"]
NOT_YEAR_WORDS_BEFORE += ["weniger als", "insgesamt", "zahl von", "stärke von"]
NOT_YEAR_BEFORE = re.compile(rf"\b(?i:{'|'.join(NOT_YEAR_WORDS_BEFORE)})\.?\s+$")
NOT_YEAR_LAST_WORDS = {phrase.split()[-1] for phrase in NOT_YEAR_WORDS_BEFORE}
NOT_YEAR_AFTER = words_after(
    "mann|soldaten|menschen|personen|offiziere|arbeiter|gefangene|tote|"
    "verwundete|panzer|flugzeuge|geschütze|schiffe|divisionen|mitglieder|stimmen|sitze|km|"
    "kilometer|meilen|meter|tonnen|kg|mark|reichsmark|rm|rubel|franken|dollar|einwohner|"
    "stunden|tage|wochen|monate|jahre|prozent|exemplare"
)
PERIOD_NOUN = re.compile(
    r"(?P<century>Jahrhunderts?\b|Jh\.)|(?P<centuries>Jahrhunderten?\b)"
    r"|(?P<millennium>Jahrtausends?\b|Jtsd\.)|(?P<millennia>Jahrtausenden?\b)"
)
ORDINAL = r"[1-9]\d?\."
ORDINALS_BEFORE = re.compile(
    rf"(?<![\d.])(?:({ORDINAL})(?:\s*[–—-]\s*|\s+(?:und|bis)\s+(?:zum\s+)?))?({ORDINAL})\s*$"
)
ORDINALS_CHARS = len("18. bis zum 19. ")
ERA_NEXT = re.compile(rf"\s?({ERA})")
PERIOD_HINTS = ("ahrhundert", "ahrtausend", "Jh.", "Jtsd.")

UNITS = inflected({"jahr": "year", "monat": "month", "woche": "week"}, "|s|es|e|en")
RELATIONS = inflected({"dies": 0, "letzt": -1, "vorig": -1, "vergangen": -1}, "e|es|en|em|er")
RELATIONS |= inflected({"nächst": 1, "kommend": 1}, "e|es|en|em|er")
DAY_WORDS = {"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2}
RELATION_WORDS = sorted(written_cases(RELATIONS), key=len, reverse=True)
DEICTIC_DAY_WORDS = [*DAY_WORDS, "Heute", "Gestern"]
DEICTIC = re.compile(
    rf"(?P<relation>{'|'.join(RELATION_WORDS)})\s+"
    r"(?P<unit>Jahr(?:es|e|s)?|Monat(?:s|es|e)?|Woche|Frühjahr|Sommer|Herbst|Winter)\b"
    rf"|(?P<word>{'|'.join(DEICTIC_DAY_WORDS)})\b|(?P<weekday>{NEVER})"
)
DEICTIC_START = word_starts(RELATION_WORDS + DEICTIC_DAY_WORDS)
# Not read in this language yet: years after an era written first (`A.D. 196`), counted
# deictic dates (`two years ago`), weekdays as dates.
ERA_FIRST = AGO = COUNT_BEFORE = FUTURE_BEFORE = re.compile(NEVER)
ERA_FIRST_WORDS = ERA_BEFORE = WEEKDAY_WORDS_BEFORE = frozenset()
WEEKDAYS, COUNT_WORDS, AGO_CHARS = [], {}, 0
