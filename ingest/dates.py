"""Dates: calendar expressions found by rule and normalised to an interval.

The rules follow the project's annotation guidelines: full dates in both orders, month and
year, years where the context makes them years, decades, seasons with a year, yearless days
(null bounds), and ranges written as one phrase. Points are found first; a range is two
points joined by a connector (`–`, `to`, `until`, `and` after `between`), the first point
taking the year of the second where it has none (`26 May to 4 June 1940`).
"""

import calendar
import datetime
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

MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Apr|Aug"
    r"|Sept|Oct|Nov|Dec)\b)"
)
DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$£€¥#])(?<!\d[.,])(?:1\d{3}|20\d{2})(?!\d|[.,:]\d|\s?%)"
DASH = r"\s*[–—-]\s*"

# Each form has named parts; the scanner uses the same patterns without the names.
FORMS = {
    "iso": r"(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
    "day_range_dmy": rf"(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})",
    "day_range_mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}){DASH}(?P<d2>{DAY}),?\s+(?P<y>{YEAR})",
    "dmy": rf"(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<y>{YEAR})",
    "mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})",
    "my": rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})",
    "season": rf"(?P<s>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<y>{YEAR})"
    rf"(?:{DASH}(?P<y2>\d\d(?!\d)|{YEAR}))?",
    "decade": r"(?<![\d$£€])(?P<y>1\d\d0|20\d0)'?s\b",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)",
    "year": rf"(?P<y>{YEAR})",
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
        + [rf"{word}(?<!\w{word})" for word in ANCHOR_WORDS]
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


class Point(NamedTuple):
    """One end of a date: a day, month, year, decade or season (year None if unwritten)."""

    precision: str
    year: int | None
    month: int | None = None
    day: int | None = None
    season: str | None = None

    def value(self) -> str:
        year = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.precision == "day":
            return f"{year}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{year}-{self.month:02d}"
        if self.precision == "decade":
            return year[:3] + "X"
        if self.precision == "season":
            return f"{year}-{self.season}"
        return year

    def bounds(self) -> tuple[datetime.date, datetime.date] | None:
        if self.year is None:
            return None
        y = self.year
        if self.precision == "day":
            day = datetime.date(y, self.month, self.day)
            return day, day
        if self.precision == "month":
            return datetime.date(y, self.month, 1), last_day(y, self.month)
        if self.precision == "season":
            first, last = SEASON_MONTHS[self.season]
            end_year = y + 1 if last < first else y
            return datetime.date(y, first, 1), last_day(end_year, last)
        if self.precision == "decade":
            return datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)

    def with_year(self, year: int) -> "Point":
        return self._replace(year=year)


class Date(NamedTuple):
    """A date found in a passage; its fields are the dates table's columns, in order."""

    start: int
    end: int
    text: str
    value: str
    earliest: str | None
    latest: str | None
    precision: str  # day, month, year, decade, season or range
    modifier: str | None
    year_start: int | None
    year_end: int | None


@dataclass
class Atom:
    start: int
    end: int
    points: list[Point]  # one point, or the two ends of a range written as one form
    complete: bool  # a bare month or a yearless day only counts as part of a range
    modifier: str | None = None


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, days_in_month(year, month))


def month_number(name: str) -> int:
    return int(name) if name.isdigit() else MONTHS[name.rstrip(".").lower()[:3]]


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def parse_form(form: str, match: re.Match) -> list[Point] | None:
    """The points a form's match stands for, or None when it names no real day."""
    parts = match.groupdict()
    year = int(parts["y"]) if parts.get("y") else None
    month = month_number(parts["m"]) if parts.get("m") else None
    if form == "year_range":
        end = int(parts["y2"])
        if end < 100:
            end += year - year % 100
        return [Point("year", year), Point("year", end)] if end > year else None
    if form == "decade":
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
    return words[-1].rstrip(".-").lower() if words else ""


def modifier_before(text: str, start: int) -> re.Match | None:
    if previous_word(text, start) not in MODIFIER_LAST_WORDS and text[start - 1 : start] != "-":
        return None  # the common case, decided without the regular expression
    return MODIFIER_BEFORE.search(text, max(0, start - 25), start)


def is_year_in_context(text: str, start: int, end: int) -> bool:
    if NOT_YEAR_AFTER.match(text, end, end + 20):
        return False
    return not (
        previous_word(text, start) in NOT_YEAR_LAST_WORDS
        and NOT_YEAR_BEFORE.search(text, max(0, start - 25), start)
    )


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
            atom = match and atom_at(text, anchor.start(), match.lastgroup)
            if not atom:
                continue
            modifier = atom.complete and modifier_before(text, atom.start)
            circa = atom.complete and CIRCA_BEFORE.search(
                text, max(0, atom.start - CIRCA_CHARS), atom.start
            )
            if modifier:
                atom.start = modifier.start()
                atom.modifier = modifier.group(1).lower()
            elif circa:
                atom.start = circa.start()
                atom.modifier = "approx"
            atoms.append(atom)
            position = atom.end
    return atoms


def atom_at(text: str, start: int, form: str) -> Atom | None:
    """The longest form at `start` that names a real date: when `31 February 1939` does not,
    `February 1939` is not tried here but found from the next position."""
    for name in FORMS_FROM[form]:
        match = FORM_PATTERNS[name].match(text, start)
        if not match:
            continue
        if name in ("year", "year_range") and not is_year_in_context(text, start, match.end()):
            return None  # a count or a label (`1200–1500 tanks`), not a shorter date
        points = parse_form(name, match)
        if points is not None:
            return Atom(start, match.end(), points, complete=name != "month")
    return None


def joins_as_range(text: str, first: Atom, second: Atom) -> bool:
    connector = RANGE_CONNECTOR.fullmatch(text, first.end, second.start)
    if not connector or second.points[0].year is None:
        return False
    if connector.group().strip() == "and":
        return bool(BETWEEN_BEFORE.search(text, max(0, first.start - 12), first.start))
    return len(first.points) == 1 and len(second.points) == 1


def range_ends(first_atom: Atom, last_atom: Atom) -> list[Point] | None:
    """The two ends of a range, the first taking the year of the last where it has none;
    None when the first would not come before the last."""
    first, last = first_atom.points[0], last_atom.points[-1]
    if first.year is None:
        first = first.with_year(last.year)
        if first.precision == "day" and not is_real_day(first):
            return None  # `29 February to 1939`
        if first.bounds()[0] > last.bounds()[0]:
            first = first.with_year(last.year - 1)
            if first.precision == "day" and not is_real_day(first):
                return None
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
            merged[-1] = Atom(previous.start, atom.end, ends, True, previous.modifier)
        else:
            merged.append(atom)
    return [atom for atom in merged if atom.complete]


def to_date(text: str, atom: Atom) -> Date:
    first, last = atom.points[0], atom.points[-1]
    is_range = len(atom.points) > 1
    value = f"{first.value()}/{last.value()}" if is_range else first.value()
    first_bounds = first.bounds()
    last_bounds = last.bounds() if is_range else first_bounds
    earliest = first_bounds[0].isoformat() if first_bounds else None
    latest = last_bounds[1].isoformat() if last_bounds else None
    return Date(
        start=atom.start,
        end=atom.end,
        text=text[atom.start : atom.end],
        value=value,
        earliest=earliest,
        latest=latest,
        precision="range" if is_range else first.precision,
        modifier=atom.modifier,
        year_start=first_bounds[0].year if first_bounds else None,
        year_end=last_bounds[1].year if last_bounds else None,
    )


def extract_dates(text: str) -> list[Date]:
    """Every date in a passage's clean text, in order."""
    return [to_date(text, atom) for atom in merge_ranges(text, find_atoms(text))]
