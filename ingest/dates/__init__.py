"""Dates: calendar expressions found by rule and normalised to an interval.

The rules follow the project's annotation guidelines: full dates in both orders, month and
year, years where the context makes them years (any year with an era: `43 BC`, `A.D. 196`),
decades, centuries and millennia, seasons with a year, yearless days, and ranges written as
one phrase; then dates in context.

- `values`: points, dates and their values, whatever the language;
- `finding`: the finder, reading a language's grammar;
- `anchoring`: dates in context (`DateContext`);
- `en`: the English grammar, the default; ingest.languages names each language's.
"""

from types import ModuleType

from . import en
from .anchoring import DateContext
from .finding import dates_in, to_date
from .values import Atom, Date, Deictic, Point, days_in_month

__all__ = ["Date", "DateContext", "Deictic", "extract_dates", "find_dates", "given_date"]


def find_dates(text: str, deictic: bool = False, grammar: ModuleType = en) -> list[Date | Deictic]:
    """Every date in a passage's clean text, in order, as far as the text alone fixes it:
    yearless days with null bounds; with `deictic` (for a document with a date), deictic
    expressions unresolved (see DateContext)."""
    return dates_in(grammar, text, deictic)


def given_date(text: str, start: int, end: int, value: str) -> Date | None:
    """The date at text[start:end] whose ISO 8601 value someone gave (an edition's `when`):
    a day, month or year, or a range of two (`1826-09/1827`); None if the value is none."""
    points = tuple(point_of(part) for part in value.split("/"))
    if not 1 <= len(points) <= 2 or None in points:
        return None
    return to_date(text, Atom(start, end, points, True))


def point_of(value: str) -> Point | None:
    parts = value.strip().split("-")
    negative = parts[0] == ""
    parts = parts[1:] if negative else parts
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, *rest = (int(p) for p in parts)
    year = -year if negative else year
    if rest and not 1 <= rest[0] <= 12:
        return None
    if len(rest) == 2 and not 1 <= rest[1] <= days_in_month(year, rest[0]):
        return None
    precision = ("year", "month", "day")[len(rest)]
    return Point(precision, year, *rest)


def extract_dates(
    text: str, context: DateContext | None = None, grammar: ModuleType = en
) -> list[Date]:
    """Every date in a passage's clean text, in order, resolved in `context` (by default, the
    passage alone: a yearless day takes its year from an earlier date in it)."""
    deictic = context is not None and context.document_day is not None
    found = find_dates(text, deictic, grammar)
    if context is None:
        if all(date.earliest is not None for date in found):
            return found  # nothing to resolve
        context = DateContext()
    return context.resolve(found)
