"""Dates as values, whatever the language: points (a day, month, season, year, decade,
century, millennium), the dates found and their ISO 8601 and TimeML values and bounds.

Years are astronomical, as in ISO 8601: 1 BC is year 0, 1250 BC is -1249; days are
(year, month, day) tuples, since Python's dates stop at year 1.
"""

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
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
    points: tuple[Point, ...]  # one point, or the two ends of a range written as one form
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


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def astronomical(number: str, era: str | None) -> int:
    year = int(re.sub(r"[,.  ]", "", number))  # thousands written 10,000 or 10.000
    return 1 - year if era == "BC" else year


def is_real_day(point: Point) -> bool:
    check_year = 2000 if point.year is None else point.year  # a leap year: 29 February exists
    return point.day <= days_in_month(check_year, point.month)
