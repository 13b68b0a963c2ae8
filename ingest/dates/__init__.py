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
from .finding import dates_in
from .values import Date, Deictic

__all__ = ["Date", "DateContext", "Deictic", "extract_dates", "find_dates"]


def find_dates(text: str, deictic: bool = False, grammar: ModuleType = en) -> list[Date | Deictic]:
    """Every date in a passage's clean text, in order, as far as the text alone fixes it:
    yearless days with null bounds; with `deictic` (for a document with a date), deictic
    expressions unresolved (see DateContext)."""
    return dates_in(grammar, text, deictic)


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
