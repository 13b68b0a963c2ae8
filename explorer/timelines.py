"""Timelines: passages per year, or per decade, century or millennium where the years covered
would make too many bars; of the corpus, of a search's matches and of an entity."""

from collections.abc import Iterator

MAX_BARS = 300
BAR_YEARS = (1, 10, 100, 1000)
# Spans as a reader counts them: 1900–1999, and 500–401 BC (years -499 to -400).
SPAN_START = (
    "case when year > 0 then year - year % :width "
    "else -((-year) / :width) * :width - :width + 1 end"
)


def bar_width(first: int | None, last: int | None) -> int:
    """Years per bar: one, or a decade, century or millennium where there would be more than
    MAX_BARS bars."""
    if first is None:
        return 1
    return next((w for w in BAR_YEARS if (last - first) // w < MAX_BARS), BAR_YEARS[-1])


def span_start(year: int, width: int) -> int:
    """The first year of the span of `width` years holding `year`, as SPAN_START counts."""
    if year > 0:
        return year - year % width
    return -((-year) // width) * width - width + 1


def span_starts(first: int, last: int, width: int) -> Iterator[int]:
    """Every span from the one holding `first` to the one holding `last`, empty ones too."""
    start = span_start(first, width)
    while start <= last:
        yield start
        start = span_start(start + width, width)


def year_bars(rows, width: int, url_for, totals: dict[int, int] | None = None) -> list[dict]:
    """Bars for rows of (first year, passages[, dates]), as high as their passages or, with
    `totals` (all passages per span), as their share of them, and an empty bar for each span
    between them with none: a gap in the sources shows. `url_for(first, last)` links a bar to
    its passages."""
    if not rows:
        return []
    found = {row["first_year"]: row for row in rows}
    values = {
        start: row["passages"] / totals[start] if totals else row["passages"]
        for start, row in found.items()
    }
    most = max(values.values()) or 1
    bars = []
    for start in span_starts(rows[0]["first_year"], rows[-1]["first_year"], width):
        end = start + width - 1
        label = year_label(start) if width == 1 else span_label(start, end)
        row = found.get(start)
        if row is None:
            bars.append({"year": start, "label": label, "passages": 0, "empty": True})
            continue
        bars.append(
            {
                "year": start,
                "label": label,
                "dates": row["dates"] if "dates" in row.keys() else None,  # noqa: SIM118 (a Row)
                "passages": row["passages"],
                "share": f"{100 * values[start]:.1f}%" if totals else None,
                "percent": round(100 * values[start] / most, 1),
                "url": url_for(start, end),
            }
        )
    return bars


def span_url(datasette, database: str):
    database_url = datasette.urls.database(database)

    def url(first: int, last: int) -> str:
        if first == last:
            return f"{database_url}/year?year={first}"
        return f"{database_url}/years?first={first}&last={last}"

    return url


async def corpus_totals(db, width: int) -> dict[int, int]:
    """Passages with a date in each span of the corpus: what a share is a share of."""
    rows = await db.execute(
        f"select {SPAN_START} as first_year, count(distinct dates.passage_id) as passages "
        "from date_years join dates on dates.id = date_years.date_id group by first_year",
        {"width": width},
    )
    return {row["first_year"]: row["passages"] for row in rows.rows}


async def timeline_bars(datasette, db, database: str, stated_only: bool) -> list[dict]:
    """The corpus's passages per year, or per decade, century or millennium when the years
    covered would make more than MAX_BARS bars; with `stated_only`, only the dates whose year
    the text states."""
    first, last = (await db.execute("select min(year), max(year) from timeline")).rows[0]
    if first is None:
        return []
    width = bar_width(first, last)
    if width == 1:
        stated = "stated_" if stated_only else ""
        rows = await db.execute(
            f"select year as first_year, {stated}dates as dates, {stated}passages as passages "
            f"from timeline where {stated}passages > 0 order by year"
        )
        return year_bars(rows.rows, width, span_url(datasette, database))
    rows = await db.execute(
        f"select {SPAN_START} as first_year, "
        "count(distinct date_id) as dates, count(distinct passage_id) as passages "
        "from date_years join dates on dates.id = date_years.date_id "
        + ("where dates.anchor is null " if stated_only else "")
        + "group by first_year order by first_year",
        {"width": width},
    )
    return year_bars(rows.rows, width, span_url(datasette, database))


async def passages_per_span(db, hits_sql: str, params: dict, share: bool):
    """(width, rows of first year and passages, corpus totals or None) for the passages that
    `hits_sql` selects (a query returning their ids as `id`)."""
    per_year = f"""with hits as ({hits_sql})
select {SPAN_START} as first_year, count(distinct dates.passage_id) as passages
from hits join dates on dates.passage_id = hits.id
join date_years on date_years.date_id = dates.id
group by first_year order by first_year"""
    rows = (await db.execute(per_year, {**params, "width": 1})).rows
    width = bar_width(rows[0]["first_year"], rows[-1]["first_year"]) if rows else 1
    if width > 1:
        rows = (await db.execute(per_year, {**params, "width": width})).rows
    return width, rows, (await corpus_totals(db, width) if share and rows else None)


def year_label(year: int) -> str:
    """An astronomical year as a reader writes it: 1939, 1250 BC (year -1249), 1 BC (year 0)."""
    return str(year) if year > 0 else f"{1 - year} BC"


def span_label(first: int, last: int) -> str:
    """`1900–1999`, `500–401 BC` (years -499 to -400)."""
    return f"{1 - first}–{1 - last} BC" if last <= 0 else f"{max(first, 1)}–{last}"
