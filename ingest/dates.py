"""Dates: calendar expressions found by rule and normalised to an interval.

The rules follow the project's annotation guidelines: full dates in both orders, month and
year, years where the context makes them years (any year with an era: `43 BC`, `A.D. 196`),
decades, centuries and millennia, seasons with a year, yearless days, and ranges written as
one phrase. Points are found first; a range is two points joined by a connector (`–`, `to`,
`until`, `and` after `between`), the first point taking the year (and era) of the second where
it has none (`26 May to 4 June 1940`, `3000 to 2500 B.C.`).

Years are astronomical, as in ISO 8601: 1 BC is year 0, 1250 BC is -1249; days are
(year, month, day) tuples, since Python's dates stop at year 1.

Expressions whose meaning depends on context come out unresolved: a yearless day with null
bounds, a deictic expression (`yesterday`, `last week`) as a `Deictic`; `DateContext` resolves
both, passage after passage of one document (see "Dates in context" in the guidelines).
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

MONTHS = {
    name.lower()[:3]: number
    for number, name in enumerate(calendar.month_name)
    if name  # the first entry is empty
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
        + ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"]
        + ["sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"],
        start=1,
    )
}
ORDINAL_WORDS |= {f"twenty{joint}first": 21 for joint in ("-", " ")}

MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Apr|Aug"
    r"|Sept|Oct|Nov|Dec)\b)"
)
DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$£€¥#])(?<!\d[.,])(?:1\d{3}|20\d{2})(?!\d|[.,:]\d|\s?%)"
DASH = r"\s*[–—-]\s*"
BC = r"(?:[Bb]\.\s?[Cc]\.(?:\s?[Ee]\.)?|BCE?\b)"
ERA = rf"(?:{BC}|A\.\s?D\.|AD\b|C\.E\.|CE\b)"
# Any number of up to five digits is a year when an era follows it: `43 BC`, `10,000 B.C.`
ERA_NUMBER = r"(?<![\d$£€¥#])(?<!\d[.,])(?:[1-9]\d?,\d{3}|[1-9]\d{0,4})(?![\d,])"
YEAR_OR_ERA_YEAR = rf"(?:{YEAR}|{ERA_NUMBER}(?=\s?{ERA}))"
ERA_AFTER = rf"(?:\s?(?P<e>{ERA}))?"

# Each form has named parts; the scanner uses the same patterns without the names.
FORMS = {
    "iso": r"(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
    "day_range_dmy": rf"(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{MONTH}),?\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "day_range_mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}){DASH}(?P<d2>{DAY}),?\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "dmy": rf"(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "my": rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "season": rf"(?P<s>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<y>{YEAR})"
    rf"(?:{DASH}(?P<y2>\d\d(?!\d)|{YEAR}))?",
    "decade": r"(?<![\d$£€])(?P<y>1\d\d0|20\d0)'?s\b",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)"
    rf"{ERA_AFTER}",
    "year": rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    # `500–400 BC`, `550 to 330 B.C.`: the era after the second year is both years' era.
    "era_range": rf"(?P<y>{ERA_NUMBER})(?P<c>{DASH}|\s+(?:to|until|till|and)\s+)"
    rf"(?P<y2>{ERA_NUMBER})\s?(?P<e>{ERA})",
    "dm": rf"(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})",
    "md": rf"(?P<m>{MONTH})\s+(?P<d>{DAY})(?!,?\s*\d)",
    "month": rf"(?P<m>{MONTH})",
}
FORM_PATTERNS = {name: re.compile(pattern) for name, pattern in FORMS.items()}
# Each form, and the shorter forms tried after it where it names no real date.
FORMS_FROM = {name: list(FORMS)[i:] for i, name in enumerate(FORMS)}
SCANNER = re.compile(
    "|".join(
        f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', pattern)})"
        for name, pattern in FORMS.items()
    )
)

# Every form starts with a digit run, a month or a season: the full forms are tried only there.
# Python's regex search skips ahead quickly only when a pattern starts with a character class
# or, for an alternation, with a literal in every branch: hence `[0-9][0-9]*` rather than
# `\d+`, and the anchors' word boundaries written as lookbehinds after each literal. Every
# form's first digit is an ASCII one, so other scripts' digits never start a date.
DIGITS = re.compile(r"[0-9][0-9]*")
LOOKBACK = len("September to November ")
ANCHOR_WORDS = [
    *(name[:3] for name in calendar.month_name if name),
    *(form for name in SEASONS for form in (name, name.title(), name.upper())),
]
ANCHOR = re.compile(
    "|".join(
        [rf"{digit}(?<!\d{digit})" for digit in "0123456789"]
        + [rf"{re.escape(word)}(?<!\w{re.escape(word)})" for word in ANCHOR_WORDS]
    )
)
MODIFIERS = [
    "early",
    "late",
    "mid",
    "end of",
    "beginning of",
    "start of",
    "middle of",
    "turn of",
    "close of",
    "first half of",
    "second half of",
    "latter half of",
]
MODIFIER_BEFORE = re.compile(rf"\b(?i:({'|'.join(MODIFIERS)})(?:\s+the)?)(?:\s*-\s*|\s+)$")
MODIFIER_LAST_WORDS = {phrase.split()[-1] for phrase in MODIFIERS} | {"the"}
# A circa marker before a date (`c. 1517`, `c.1517`, `ca. 1500`, `circa 1500`): modifier approx.
CIRCA_BEFORE = re.compile(r"\b(?:ca?\.|[Cc]irca)\s?$")
CIRCA_CHARS = len("circa ")
CIRCA_WORDS = {"c", "ca", "circa"}
ERA_FIRST_WORDS = {"a.d", "ad", "d"}  # `A.D. 1066`, `AD 1066`, `A. D. 1066`
BETWEEN_BEFORE = re.compile(r"\b(?i:between)\s+(?:the\s+)?$")
RANGE_CONNECTOR = re.compile(r"\s*(?:[–—-]|/|to|until|till|through|and)\s*")
# A bare number is no year when it counts things or labels something.
NOT_YEAR_WORDS_BEFORE = [
    "no",
    "nos",
    "number",
    "numbers",
    "p",
    "pp",
    "page",
    "pages",
    "vol",
    "volume",
    "resolution",
    "flight",
    "route",
    "room",
    "article",
    "section",
    "chapter",
    "model",
    "type",
    "code",
    "serial",
    "platform",
    "highway",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "only",
    "exactly",
    "total of",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "population of",
    "sum of",
    "number of",
    "force of",
    "strength of",
    "garrison of",
    "crew of",
    "budget of",
    "price of",
    "cost of",
    "fine of",
    "salary of",
    "height of",
    "altitude of",
    "depth of",
    "length of",
    "distance of",
    "range of",
    "capacity of",
]
NOT_YEAR_BEFORE = re.compile(rf"\b(?i:{'|'.join(NOT_YEAR_WORDS_BEFORE)})\.?\s+$")
NOT_YEAR_LAST_WORDS = {phrase.split()[-1] for phrase in NOT_YEAR_WORDS_BEFORE}
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:-\s*)?(?i:men|women|people|persons|soldiers|troops|officers|workers|prisoners|"
    r"refugees|casualties|dead|killed|wounded|tanks|aircraft|planes|guns|ships|vessels|"
    r"trucks|vehicles|rifles|divisions|regiments|members|delegates|votes|seats|km|"
    r"kilometres|kilometers|miles|metres|meters|feet|ft|yards|tons|tonnes|kg|pounds|"
    r"dollars|marks|roubles|rubles|francs|acres|hectares|square|hours|hrs|minutes|days|"
    r"weeks|months|years|times|copies|words|percent|per cent|residents|inhabitants|"
    r"households|families|students|employees|jobs|units|cases)\b"
)


# An era before the year (`A.D. 196`) is found by itself: most passages have none.
ERA_FIRST = re.compile(r"(?<![\w.])(?:A\.\s?D\.|AD)\s?([1-9]\d{0,3})(?![\d,])")
ERA_BEFORE = {". ", "D ", "D.", "AD"}  # the two characters before a year with an era first
# Centuries and millennia are found by their noun: written in words they hold no digit.
PERIOD_NOUN = re.compile(r"[Cc]entur(?:y|ies)|CENTUR(?:Y|IES)|[Mm]illenni(?:um|a)|MILLENNI(?:UM|A)")
ORDINAL = (
    "(?:" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r"|[1-9]\d?(?:st|nd|rd|th))"
)
# `the nineteenth century`, `the 4th–2nd century B.C.`, `the fifth and sixth centuries`
ORDINALS_BEFORE = re.compile(
    rf"\b(?i:(?:({ORDINAL})(?:\s*[–—-]\s*|\s+(?:and|to)\s+(?:the\s+)?))?({ORDINAL}))[\s-]+$"
)
ORDINALS_CHARS = len("seventeenth and the eighteenth ")
ERA_NEXT = re.compile(rf"\s?({ERA})")
# Deictic expressions, dates only against the document's own date. Every branch starts with
# a literal, so the search skips ahead quickly; a word boundary before is checked on a match.
WEEKDAYS = list(calendar.day_name)
DEICTIC_UNITS = ["year", "month", "week", *SEASONS, *calendar.month_name[1:], *WEEKDAYS]
DEICTIC = re.compile(
    "(?:"
    + "|".join(f"{word}|{word.lower()}" for word in ("This", "Last", "Next"))
    + r")\s+(?:(?:fiscal|financial|academic|school)\s+(?=year))?"
    + rf"(?P<unit>{'|'.join(DEICTIC_UNITS)})\b"
    + "|(?P<word>"
    + "|".join(f"{word}|{word.lower()}" for word in ("Today", "Yesterday", "Tomorrow"))
    + rf")\b|(?P<weekday>{'|'.join(WEEKDAYS)})\b"
)
AGO = re.compile(r" ago\b")
COUNT_BEFORE = re.compile(
    r"\b(?i:(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(year|month|week|day)s?)\s$"
)
COUNT_WORDS = {
    word: number
    for number, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=1
    )
} | {"a": 1, "an": 1}
AGO_CHARS = len("seven months ")
# A weekday's nearest occurrence is a past one unless the clause speaks of the future.
FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|expected to|scheduled|due to|set to)\b[^.;!?]*$"
)
# `Good Friday`, `Black Monday`: a capitalised word before a weekday makes it a name.
WEEKDAY_WORDS_BEFORE = {"On", "By", "Since", "Until", "Till", "From", "Before", "After", "And"}

Day = tuple[int, int, int]  # year (astronomical), month, day
POINT_VALUE = re.compile(r"-?\d{4}(?:-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI))?")
DAY_VALUE = re.compile(r"-?\d{4}-\d\d-\d\d")


class Point(NamedTuple):
    """One end of a date: a day, month, year, season, decade, century or millennium (year None
    if unwritten; for a period of years, its first year)."""

    precision: str
    year: int | None
    month: int | None = None
    day: int | None = None
    season: str | None = None

    def value(self) -> str:
        year = "XXXX" if self.year is None else iso_year(self.year)
        if self.precision == "day":
            return f"{year}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{year}-{self.month:02d}"
        if self.precision == "decade":
            return year[:3] + "X"
        if self.precision == "season":
            return f"{year}-{self.season}"
        if self.precision in PERIOD_YEARS:
            # TimeML's truncated forms: `18` for 1800-1899, `-04` for -499..-400 (5th century BC)
            length = PERIOD_YEARS[self.precision]
            if self.year >= 0:
                return str(self.year // length).zfill(4 - len(str(length)) + 1)
            return "-" + str((-self.year + 1) // length - 1).zfill(4 - len(str(length)) + 1)
        return year

    def bounds(self) -> tuple[Day, Day] | None:
        if self.year is None:
            return None
        y = self.year
        if self.precision == "day":
            day = (y, self.month, self.day)
            return day, day
        if self.precision == "month":
            return (y, self.month, 1), last_day(y, self.month)
        if self.precision == "season":
            first, last = SEASON_MONTHS[self.season]
            end_year = y + 1 if last < first else y
            return (y, first, 1), last_day(end_year, last)
        length = PERIOD_YEARS.get(self.precision, 1)
        return (y, 1, 1), (y + length - 1, 12, 31)

    def with_year(self, year: int) -> "Point":
        return self._replace(year=year)


PERIOD_YEARS = {"decade": 10, "century": 100, "millennium": 1000}


class Date(NamedTuple):
    """A date found in a passage; its fields are the dates table's columns, in order."""

    start: int
    end: int
    text: str
    value: str
    earliest: str | None
    latest: str | None
    precision: str  # day, week, month, season, year, decade, century, millennium or range
    modifier: str | None
    year_start: int | None
    year_end: int | None
    anchor: str | None = None  # narrative or document: where an unwritten year came from


class Deictic(NamedTuple):
    """A date only against the document's date (`yesterday`, `last week`, `on Friday`):
    `unit` day, weekday, week, month, month_name, season or year; `offset` how many units
    from the document's own (for a weekday, -1 the nearest on or before it, +1 after it)."""

    start: int
    end: int
    text: str
    unit: str
    offset: int
    which: int | str | None = None  # the weekday, month or season named
    modifier: str | None = None


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    points: list[Point]  # one point, or the two ends of a range written as one form
    complete: bool  # a bare month or a yearless day only counts as part of a range
    modifier: str | None = None
    era: str | None = None  # BC or AD where written


def iso_year(year: int) -> str:
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


@functools.lru_cache(maxsize=65536)  # a corpus names the same days again and again
def iso_day(day: Day) -> str:
    year, month, day_of_month = day
    return f"{iso_year(year)}-{month:02d}-{day_of_month:02d}"


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def last_day(year: int, month: int) -> Day:
    return year, month, days_in_month(year, month)


def month_number(name: str) -> int:
    return int(name) if name.isdigit() else MONTHS[name.rstrip(".").lower()[:3]]


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def era_of(text: str | None) -> str | None:
    if not text:
        return None
    return "BC" if "B" in text or "b" in text else "AD"


def astronomical(number: str, era: str | None) -> int:
    year = int(number.replace(",", ""))
    return 1 - year if era == "BC" else year


def parse_form(form: str, parts: dict[str, str | None], era: str | None) -> list[Point] | None:
    """The points a form's match (its named parts) stands for, or None when it names no real
    day."""
    year = parts.get("y")
    if year:
        year = astronomical(year, era) if era else int(year)
    month = month_number(parts["m"]) if parts.get("m") else None
    if form in ("year_range", "era_range"):
        end = astronomical(parts["y2"], era)
        if len(parts["y2"]) == 2 and form == "year_range":
            written = int(parts["y"])
            end = astronomical(str(written - written % 100 + int(parts["y2"])), era)
        return [Point("year", year), Point("year", end)] if end > year else None
    if form == "decade":
        if year % 100 == 0:
            return [Point("century", year)]  # the 1800s: the nineteenth century
        return [Point("decade", year)]
    if form == "season":
        season = SEASONS[parts["s"].lower()]
        if parts.get("y2") and (season != "WI" or int(parts["y2"][-2:]) != (year + 1) % 100):
            return None  # only a winter spans two years: `winter of 1941–42`
        return [Point("season", year, season=season)]
    if form in ("year", "month", "my"):
        return [Point("year" if month is None else "month", year, month)]
    days = [day_number(parts["d"])] + ([day_number(parts["d2"])] if parts.get("d2") else [])
    points = [Point("day", year, month, day) for day in days]
    if not all(is_real_day(p) for p in points) or (len(days) == 2 and days[1] <= days[0]):
        return None
    return points


def is_real_day(point: Point) -> bool:
    check_year = 2000 if point.year is None else point.year  # a leap year: 29 February exists
    return point.day <= days_in_month(check_year, point.month)


def previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 16) : start].split()
    if not words:
        return ""
    return words[-1].strip("([{\"'“‘").rstrip(".-").lower()


def modifier_before(text: str, start: int, word: str | None = None) -> re.Match | None:
    if word is None:
        word = previous_word(text, start)
    if word not in MODIFIER_LAST_WORDS and text[start - 1 : start] != "-":
        return None  # the common case, decided without the regular expression
    return MODIFIER_BEFORE.search(text, max(0, start - 25), start)


def is_year_in_context(text: str, start: int, end: int) -> bool:
    if NOT_YEAR_AFTER.match(text, end, end + 20):
        return False
    return not (
        previous_word(text, start) in NOT_YEAR_LAST_WORDS
        and NOT_YEAR_BEFORE.search(text, max(0, start - 25), start)
    )


def with_modifier(text: str, atom: Atom) -> Atom:
    """The atom widened to a modifier (`early`, `end of the`) or circa marker before it."""
    word = previous_word(text, atom.start)
    modifier = modifier_before(text, atom.start, word)
    if modifier:
        atom.start = modifier.start()
        atom.modifier = modifier.group(1).lower()
    elif word in ERA_FIRST_WORDS:
        era = ERA_FIRST.search(text, max(0, atom.start - 6), atom.end)
        if era and era.end() == atom.end and atom.era is None:
            atom.start, atom.era = era.start(), "AD"
    elif word in CIRCA_WORDS:
        circa = CIRCA_BEFORE.search(text, max(0, atom.start - CIRCA_CHARS), atom.start)
        if circa:
            atom.start = circa.start()
            atom.modifier = "approx"
    return atom


def find_atoms(text: str) -> list[Atom]:
    atoms: list[Atom] = []
    position = 0
    for digits in DIGITS.finditer(text):
        if digits.end() <= position:
            continue
        # A date holds a digit and starts at most a few words before its first one.
        window_start = max(position, digits.start() - LOOKBACK)
        for anchor in ANCHOR.finditer(text, window_start, digits.end()):
            if anchor.start() < position:
                continue
            match = SCANNER.match(text, anchor.start())
            atom = match and atom_at(text, anchor.start(), match)
            if not atom:
                continue
            atoms.append(with_modifier(text, atom) if atom.complete else atom)
            position = atom.end
        if position < digits.end() and text[digits.start() - 2 : digits.start()] in ERA_BEFORE:
            # `A.D. 196`: a number after an era written first, no year by itself
            era = ERA_FIRST.search(text, max(position, digits.start() - 6), digits.end() + 4)
            if era and era.start(1) == digits.start():
                atoms.append(Atom(era.start(), era.end(), [Point("year", int(era[1]))], True))
                position = era.end()
    return atoms


def atom_at(text: str, start: int, scanned: re.Match) -> Atom | None:
    """The longest form at `start` that names a real date: when `31 February 1939` does not,
    `February 1939` is not tried here but found from the next position."""
    for name in FORMS_FROM[scanned.lastgroup]:
        match = FORM_PATTERNS[name].match(text, start)
        if not match:
            continue
        parts = match.groupdict()
        era = era_of(parts.get("e"))
        if (
            name in ("year", "year_range")
            and not era
            and not is_year_in_context(text, start, match.end())
        ):
            return None  # a count or a label (`1200–1500 tanks`), not a shorter date
        if (
            name == "era_range"
            and parts["c"].strip() == "and"
            and not BETWEEN_BEFORE.search(text, max(0, start - 12), start)
        ):
            continue  # `in 500 and 400 BC`: a list
        points = parse_form(name, parts, era)
        if points is not None:
            return Atom(start, match.end(), points, complete=name != "month", era=era)
    return None


def find_period_atoms(text: str) -> list[Atom]:
    """Centuries and millennia: `the nineteenth century`, `the 5th century B.C.`."""
    atoms = []
    for noun in PERIOD_NOUN.finditer(text):
        ordinals = ORDINALS_BEFORE.search(text, max(0, noun.start() - ORDINALS_CHARS), noun.start())
        plural = noun.group()[-1] in "sSaA"
        if not ordinals or (plural and not ordinals.group(1)):
            continue  # `the first centuries`: no one period
        era = ERA_NEXT.match(text, noun.end())
        era_name = era_of(era and era.group(1))
        precision = "century" if noun.group()[0] in "Cc" else "millennium"
        points = [
            period_point(precision, written, era_name)
            for written in ordinals.groups()
            if written is not None
        ]
        if points[0].year > points[-1].year:
            continue  # `the fifth and third centuries`: a list
        end = era.end() if era else noun.end()
        atoms.append(with_modifier(text, Atom(ordinals.start(), end, points, True, era=era_name)))
    return atoms


def period_point(precision: str, ordinal: str, era: str | None) -> Point:
    """The Nth century runs from year (N-1)*100 to (N-1)*100+99; the Nth century BC from
    year 1-N*100 (`5th century BC`: -499 to -400); millennia alike."""
    number = ORDINAL_WORDS.get(ordinal.lower()) or int(ordinal[:-2])
    length = PERIOD_YEARS[precision]
    return Point(precision, 1 - number * length if era == "BC" else (number - 1) * length)


def joins_as_range(text: str, first: Atom, second: Atom) -> bool:
    connector = RANGE_CONNECTOR.fullmatch(text, first.end, second.start)
    if not connector or second.points[0].year is None:
        return False
    if connector.group().strip() == "and":
        return bool(BETWEEN_BEFORE.search(text, max(0, first.start - 12), first.start))
    return len(first.points) == 1 and len(second.points) == 1


def range_ends(first_atom: Atom, last_atom: Atom) -> list[Point] | None:
    """The two ends of a range, the first taking the year of the last where it has none, and
    its era (`3000 to 2500 B.C.`); None when the first would not come before the last."""
    first, last = first_atom.points[0], last_atom.points[-1]
    if first.year is None:
        first = first.with_year(last.year)
        if first.precision == "day" and not is_real_day(first):
            return None  # `29 February to 1939`
        if first.bounds()[0] > last.bounds()[0]:
            first = first.with_year(last.year - 1)
            if first.precision == "day" and not is_real_day(first):
                return None
    elif last_atom.era == "BC" and not first_atom.era and first.precision == "year":
        first = first.with_year(1 - first.year)
    return [first, last] if first.bounds()[0] <= last.bounds()[1] else None


def merge_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    merged: list[Atom] = []
    for atom in atoms:
        previous = merged[-1] if merged else None
        ends = (
            range_ends(previous, atom)
            if previous and joins_as_range(text, previous, atom)
            else None
        )
        if ends:
            merged[-1] = Atom(previous.start, atom.end, ends, True, previous.modifier, atom.era)
        else:
            merged.append(atom)
    return [atom for atom in merged if atom.complete]


def to_date(text: str, atom: Atom) -> Date:
    first, last = atom.points[0], atom.points[-1]
    is_range = len(atom.points) > 1
    value = f"{first.value()}/{last.value()}" if is_range else first.value()
    first_bounds = first.bounds()
    last_bounds = last.bounds() if is_range else first_bounds
    return Date(
        atom.start,
        atom.end,
        text[atom.start : atom.end],
        value,
        iso_day(first_bounds[0]) if first_bounds else None,
        iso_day(last_bounds[1]) if last_bounds else None,
        "range" if is_range else first.precision,
        atom.modifier,
        first_bounds[0][0] if first_bounds else None,
        last_bounds[1][0] if last_bounds else None,
    )


def find_deictics(text: str) -> list[Deictic]:
    found = []
    for match in DEICTIC.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        deictic = deictic_at(text, match)
        if deictic:
            found.append(deictic)
    for ago in AGO.finditer(text):
        count = COUNT_BEFORE.search(text, max(0, ago.start() - AGO_CHARS), ago.start() + 1)
        if count:
            number = count.group(1).lower()
            offset = -(int(number) if number.isdigit() else COUNT_WORDS[number])
            found.append(
                Deictic(
                    count.start(),
                    ago.end(),
                    text[count.start() : ago.end()],
                    count.group(2).lower(),
                    offset,
                )
            )
    found.sort()
    modified = []
    for deictic in found:
        modifier = modifier_before(text, deictic.start)
        if modifier:
            deictic = deictic._replace(
                start=modifier.start(),
                text=text[modifier.start() : deictic.end],
                modifier=modifier.group(1).lower(),
            )
        modified.append(deictic)
    return modified


def deictic_at(text: str, match: re.Match) -> Deictic | None:
    start, end = match.span()
    if match.group("word"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match.group("word").lower()]
        return Deictic(start, end, match.group(), "day", offset)
    if match.group("weekday"):
        before = text[max(0, start - 16) : start].split()
        if before and before[-1][:1].isupper() and before[-1] not in WEEKDAY_WORDS_BEFORE:
            return None
        clause = FUTURE_BEFORE.search(text, max(0, start - 60), start)
        weekday = WEEKDAYS.index(match.group("weekday"))
        return Deictic(start, end, match.group(), "weekday", 1 if clause else -1, weekday)
    relation = match.group()[:4].lower()
    offset = {"this": 0, "last": -1, "next": 1}[relation]
    unit = match.group("unit")
    if unit in WEEKDAYS:
        # `last Friday`: the one before the document's day; `this Friday`: of its week
        return Deictic(start, end, match.group(), "weekday", offset * 2 or 0, WEEKDAYS.index(unit))
    if unit in SEASONS:
        return Deictic(start, end, match.group(), "season", offset, SEASONS[unit])
    if unit[0].isupper():
        return Deictic(start, end, match.group(), "month_name", offset, month_number(unit))
    return Deictic(start, end, match.group(), unit, offset)


def find_dates(text: str, deictic: bool = False) -> list[Date | Deictic]:
    """Every date in a passage's clean text, in order, as far as the text alone fixes it:
    yearless days with null bounds; with `deictic` (for a document with a date), deictic
    expressions unresolved (see DateContext)."""
    atoms = find_atoms(text)
    # Most passages name no century: substring tests are ten times quicker than the search.
    if "entur" in text or "illenni" in text or "ENTUR" in text or "ILLENNI" in text:
        periods = find_period_atoms(text)
        if periods:
            atoms = sorted(atoms + periods, key=lambda atom: atom.start)
    dates: list[Date | Deictic] = [to_date(text, atom) for atom in merge_ranges(text, atoms)]
    deictics = deictic and find_deictics(text)
    if deictics:
        taken = [(date.start, date.end) for date in dates]
        dates += [d for d in deictics if not any(s < d.end and d.start < e for s, e in taken)]
        dates.sort(key=lambda date: date.start)
    return dates


def extract_dates(text: str, context: "DateContext | None" = None) -> list[Date]:
    """Every date in a passage's clean text, in order, resolved in `context` (by default, the
    passage alone: a yearless day takes its year from an earlier date in it)."""
    found = find_dates(text, deictic=context is not None and context.document_day is not None)
    if context is None:
        if all(date.earliest is not None for date in found):
            return found  # nothing to resolve
        context = DateContext()
    return context.resolve(found)


class DateContext:
    """What a reader knows on reaching a date of one document: the document's own date, and
    the latest point the narrative has fixed. Resolving a document's passages in order through
    one context gives the same dates however the build is split."""

    def __init__(self, document_date: str | None = None):
        self.document_day = document_day(document_date) if document_date else None
        self.last_fixed: Date | None = None  # the latest date that moves the narrative on

    def resolve(self, found: list[Date | Deictic]) -> list[Date]:
        dates = []
        for item in found:
            if isinstance(item, Deictic):
                date = self.deictic(item)  # the narrative stays where it was
                if date is not None:
                    dates.append(date)
                continue
            if item.earliest is None:
                date = self.anchored(item)
                if date.anchor == "narrative":
                    self.last_fixed = date
                dates.append(date)
            else:
                dates.append(item)
                if self.moves_narrative(item):
                    self.last_fixed = item
        return dates

    def moves_narrative(self, date: Date) -> bool:
        """A date the text fixes is the narrative's new point (a range's last end), unless it
        is a period longer than a year (`the 1920s`). In a dated document (news, a letter) only
        a full day is: there a bare year is mostly background (`In 2011, ...`), and a yearless
        day nearer the document's own date."""
        last = date.value.rpartition("/")[2]
        pattern = DAY_VALUE if self.document_day else POINT_VALUE
        return pattern.fullmatch(last) is not None

    def anchored(self, date: Date) -> Date:
        month, day = int(date.value[5:7]), int(date.value[8:10])
        if self.last_fixed:
            reference = value_start(self.last_fixed.value.rpartition("/")[2])
            year, anchor = reference[0], "narrative"
            if (month, day) < reference[1:]:
                year += 1
        elif self.document_day:
            year, anchor = self.document_day[0], "document"
        else:
            return date
        while not is_real_day(Point("day", year, month, day)):
            year += 1  # 29 February: the next leap year
        point = Point("day", year, month, day)
        return date._replace(
            value=point.value(),
            earliest=iso_day((year, month, day)),
            latest=iso_day((year, month, day)),
            year_start=year,
            year_end=year,
            anchor=anchor,
        )

    def deictic(self, deictic: Deictic) -> Date | None:
        known = self.document_day
        if known is None:
            return None
        year, month, day = known
        unit, offset = deictic.unit, deictic.offset
        if unit == "year":
            return self.dated(deictic, Point("year", year + offset))
        if month is None:
            return None
        if unit == "month":
            number = (year * 12 + month - 1) + offset
            return self.dated(deictic, Point("month", number // 12, number % 12 + 1))
        if unit == "month_name":
            target = deictic.which
            shift = {-1: -1 if target >= month else 0, 0: 0, 1: 1 if target <= month else 0}
            return self.dated(deictic, Point("month", year + shift[offset], target))
        if unit == "season":
            return self.dated(deictic, season_point(deictic.which, offset, year, month))
        if day is None:
            return None
        today = datetime.date(year, month, day)
        if unit == "day":
            target_day = today + datetime.timedelta(days=offset)
        elif unit == "weekday":
            target_day = nearest_weekday(today, deictic.which, offset)
        else:  # week
            monday = today - datetime.timedelta(days=today.weekday() - 7 * offset)
            iso = monday.isocalendar()
            first = (monday.year, monday.month, monday.day)
            sunday = monday + datetime.timedelta(days=6)
            return self.dated(
                deictic,
                None,
                f"{iso.year:04d}-W{iso.week:02d}",
                (first, (sunday.year, sunday.month, sunday.day)),
            )
        point = Point("day", target_day.year, target_day.month, target_day.day)
        return self.dated(deictic, point)

    @staticmethod
    def dated(deictic: Deictic, point: Point | None, value: str = "", bounds=None) -> Date:
        first, last = bounds or point.bounds()
        return Date(
            start=deictic.start,
            end=deictic.end,
            text=deictic.text,
            value=value or point.value(),
            earliest=iso_day(first),
            latest=iso_day(last),
            precision=point.precision if point else "week",
            modifier=deictic.modifier,
            year_start=first[0],
            year_end=last[0],
            anchor="document",
        )


def document_day(date: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month or None, day or None) of a document's ISO date, or None."""
    match = date and re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", date)
    if not match:
        return None
    return tuple(int(part) if part else None for part in match.groups())


def value_start(value: str) -> Day:
    """The first day of a point's TIMEX value (`1939-08-03`, `1939-08`, `1940-SP`, `-1249`)."""
    sign = -1 if value.startswith("-") else 1
    year, _, rest = value.lstrip("-").partition("-")
    if rest[:1].isdigit():
        month = int(rest[:2])
        return sign * int(year), month, int(rest[3:5]) if len(rest) > 3 else 1
    if rest:
        return sign * int(year), SEASON_MONTHS[rest][0], 1
    return sign * int(year), 1, 1


def season_point(season: str, offset: int, year: int, month: int) -> Point:
    """`this spring`: the season of the document's year (a winter of the year it begins in);
    `last summer`: the latest one ended before the document's month; `next winter`: the first
    one begun after it."""
    first, last = SEASON_MONTHS[season]
    now = year * 12 + month
    # Each candidate's first and last month, counted from year 0.
    spans = {
        start_year: (start_year * 12 + first, start_year * 12 + last + (12 if last < first else 0))
        for start_year in (year - 2, year - 1, year, year + 1)
    }
    if offset < 0:
        chosen = max(y for y, (_, end) in spans.items() if end < now)
    elif offset > 0:
        chosen = min(y for y, (start, _) in spans.items() if start > now)
    else:
        chosen = year - 1 if season == "WI" and month <= last else year
    return Point("season", chosen, season=season)


def nearest_weekday(today: datetime.date, weekday: int, offset: int) -> datetime.date:
    """-1: the nearest such day on or before today; -2: before it; 1: after it; 0: this week's."""
    if offset == 0:
        return today + datetime.timedelta(days=weekday - today.weekday())
    if offset < 0:
        back = (today.weekday() - weekday) % 7
        return today - datetime.timedelta(days=back or (7 if offset == -2 else 0))
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)
