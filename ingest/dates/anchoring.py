"""Dates in context: a yearless day takes its year from the narrative or the document's date,
a deictic expression is resolved against the document's date, passage after passage of one
document (see "Dates in context" in the guidelines)."""

import datetime
import functools
import re

from .values import (
    DAY_VALUE,
    POINT_VALUE,
    SEASON_MONTHS,
    Date,
    Day,
    Deictic,
    Point,
    is_real_day,
    iso_day,
)


class DateContext:
    """What a reader knows on reaching a date of one document: the document's own date, and
    the latest point the narrative has fixed. Resolving a document's passages in order through
    one context gives the same dates however the build is split."""

    def __init__(self, document_date: str | None = None):
        self.document_day = document_day(document_date) if document_date else None
        self.last_fixed: Date | None = None  # the latest date that moves the narrative on

    def resolve(self, found: list[Date | Deictic]) -> list[Date]:
        return [date for date in map(self.resolved, found) if date is not None]

    def resolved(self, item: Date | Deictic) -> Date | None:
        """The date found, in context, the next of the document's in order; None for a
        deictic expression the document's date cannot resolve."""
        if type(item) is Deictic:
            return self.deictic(item)  # the narrative stays where it was
        if item.earliest is None:
            date = self.anchored(item)
            if date.anchor == "narrative":
                self.last_fixed = date
            return date
        if self.moves_narrative(item):
            self.last_fixed = item
        return item

    def moves_narrative(self, date: Date) -> bool:
        """A date the text fixes is the narrative's new point (a range's last end), unless it
        is a period longer than a year (`the 1920s`). In a dated document (news, a letter) only
        a full day is: there a bare year is mostly background (`In 2011, ...`), and a yearless
        day nearer the document's own date."""
        return is_narrative_point(date.value, self.document_day is not None)

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


@functools.lru_cache(maxsize=20_000)  # a corpus writes the same values again and again
def is_narrative_point(value: str, in_dated_document: bool) -> bool:
    """Whether a date of this value moves the narrative on (DateContext.moves_narrative)."""
    pattern = DAY_VALUE if in_dated_document else POINT_VALUE
    return pattern.fullmatch(value.rpartition("/")[2]) is not None
