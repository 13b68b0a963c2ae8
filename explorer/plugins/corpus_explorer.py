"""The corpus explorer: a Datasette plugin that turns table pages into reading pages.

- Search text is made safe for FTS5 by `fts_query()`, so a broken query still runs and the
  page says what was wrong.
- Snippets keep the `<mark>` elements the queries produce; everything else is escaped.
- A passage's text is shown with its entity mentions and dates marked up, each mention
  linking to its entity.
- Passage, entity and timeline pages get the context a reader needs (see the templates).
"""

import json
import sqlite3
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import datasette.handle_exception
from datasette import hookimpl
from markupsafe import Markup, escape

# Datasette 0.65's error handler pretty-prints every error with `rich` when it is installed
# (spaCy brings it); current rich raises when no exception is being handled, which turned
# every plain 404 into a 500. The log loses nothing that matters: 500s still print tracebacks.
datasette.handle_exception.rich = None

TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW", "DATE")
MARKED_COLUMNS = ("snippet",)
LINKED_COLUMNS = {"passage": "passages", "entity": "entities", "document_id": "documents"}
CONTEXT_CHARS = 80
NOTHING = '""'
SEARCH_PARAMETERS = {"search": "q", "concordance": "term"}
SEARCH_HELP = [
    ("treaty", "passages with the word, stemmed: treaty, treaties"),
    ('"non-aggression pact"', "the exact phrase"),
    ("Molo*", "words starting with Molo"),
    ("Stalin AND Hitler", "both words (the same as Stalin Hitler)"),
    ("Finland OR Estonia", "either word"),
    ("pact NOT Munich", "the first word without the second"),
    ("NEAR(Stalin pact, 10)", "the words within 10 words of each other"),
]


class SyntaxChecker:
    """Tells whether a text is a valid FTS5 query, using a private in-memory index."""

    def __init__(self):
        self.lock = threading.Lock()
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.execute("create virtual table probe using fts5(text)")

    def error(self, query: str) -> str | None:
        with self.lock:
            try:
                self.connection.execute("select * from probe where probe match ?", [query])
            except sqlite3.Error as error:
                return str(error)
        return None


CHECKER = SyntaxChecker()


def quoted_words(query: str) -> str:
    words = [word.replace('"', "") for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word)


def fts_query(query: str | None) -> str:
    """The query as written when FTS5 accepts it, else its words, each quoted; an empty
    phrase (which matches nothing) when there are no words."""
    query = (query or "").strip()
    if query and CHECKER.error(query) is None:
        return query
    return quoted_words(query) or NOTHING


def search_message(query: str | None) -> str | None:
    query = (query or "").strip()
    if not query:
        return "Type one or more words to search for."
    error = CHECKER.error(query)
    if error is None:
        return None
    reason = error.removeprefix("fts5: ")
    return (
        f"The search {query!r} is not valid search syntax ({reason}); it was run as plain "
        f"words instead: {quoted_words(query)}. Close every quotation mark and bracket, and "
        f"write AND, OR, NOT and NEAR in capitals only as operators."
    )


METADATA = Path(__file__).resolve().parents[2] / "metadata.json"


@cache
def corpus_metadata() -> dict:
    return json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["corpus"]


@hookimpl
def get_metadata(datasette, key, database, table):
    """The corpus's descriptions and queries for a database served under another name
    (`make serve DB=path/other.db` serves it as `other`)."""
    names = [name for name in datasette.databases if name not in ("corpus", "_internal")]
    return {"databases": {name: corpus_metadata() for name in names}}


READ_METHODS = ("GET", "HEAD", "OPTIONS")


@hookimpl
def asgi_wrapper(datasette):
    """The corpus is published read-only: any other method is refused before Datasette
    sees it (Datasette 0.65 answers a POST to a table page with a server error)."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain")],
                    }
                )
                await send(
                    {
                        "type": "http.response.body",
                        "body": b"This corpus is read-only: only GET requests are served.\n",
                    }
                )
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in MARKED_COLUMNS and isinstance(value, str):
        return keep_marks(value)
    if table is None and column in LINKED_COLUMNS and isinstance(value, int):
        url = datasette.urls.row(database, LINKED_COLUMNS[column], value)
        return Markup(f'<a href="{escape(url)}">{value}</a>')
    if table == "passages" and column == "text" and "id" in row.keys():  # noqa: SIM118 (a Row)
        return marked_passage(datasette, database, row["id"], value)
    if table is None and column == "text" and "passage" in row.keys():  # noqa: SIM118 (a Row)
        return marked_passage(datasette, database, row["passage"], value)  # the year pages
    return None


def keep_marks(value: str) -> Markup:
    """Escapes everything, then restores exactly the marks the project's queries produce."""
    escaped = str(escape(value))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


def marked_passage(datasette, database: str, passage_id: int, text: str):
    async def render():
        db = datasette.get_database(database)
        mentions = await db.execute(
            "select mentions.start_char, mentions.end_char, entities.id, entities.name, "
            "entities.type from mentions join entities on entities.id = mentions.entity_id "
            "where passage_id = ? order by start_char",
            [passage_id],
        )
        dates = await db.execute(
            "select dates.start_char, dates.end_char, dates.value, dates.earliest, dates.latest, "
            "dates.anchor, documents.date as document_date from dates "
            "join passages on passages.id = dates.passage_id "
            "join documents on documents.id = passages.document_id "
            "where passage_id = ? order by start_char",
            [passage_id],
        )
        marks = [
            (
                m["start_char"],
                m["end_char"],
                m["type"],
                datasette.urls.row(database, "entities", m["id"]),
                f"{m['type']}: {m['name']}",
            )
            for m in mentions.rows
        ]
        marks += [(d["start_char"], d["end_char"], "DATE", None, date_title(d)) for d in dates.rows]
        return mark_up(text, marks)

    return render


def date_title(date) -> str:
    if date["earliest"] is None:
        return f"DATE {date['value']} (no year written)"
    title = f"DATE {date['value']}: {date['earliest']} to {date['latest']}"
    if date["anchor"] == "narrative":
        return f"{title} (inferred: the year from the dates before it in the document)"
    if date["anchor"] == "document":
        return f"{title} (inferred from the document's date, {date['document_date']})"
    return title


def mark_up(text: str, marks: list[tuple]) -> Markup:
    """The text with each (start, end, type, link, title) marked; overlapping marks skipped."""
    pieces, position = [], 0
    for start, end, kind, link, title in sorted(marks):
        if start < position or end > len(text):
            continue
        pieces.append(str(escape(text[position:start])))
        inferred = " inferred" if "(inferred" in title else ""
        mark = (
            f'<mark class="{kind.lower()}{inferred}" data-type="{kind}" title="{escape(title)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pieces.append(f'<a href="{escape(link)}">{mark}</a>' if link else mark)
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces))


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def variables():
        if view_name == "row" and table in ("passages", "entities", "documents"):
            pk = int(request.url_vars["pks"])
            db = datasette.get_database(database)
            if table == "documents":
                return {"document_context": await document_context(datasette, db, database, pk)}
            if table == "passages":
                context = await passage_context(datasette, db, database, pk, request)
                return {"passage_context": context}
            share = request.args.get("_share") == "1"
            context = await entity_context(datasette, db, database, pk, share)
            return {"entity_context": context}
        if view_name == "table" and table == "timeline":
            db = datasette.get_database(database)
            stated_only = request.args.get("_dates") == "stated"
            return {
                "timeline_bars": await timeline_bars(datasette, db, database, stated_only),
                "timeline_stated_only": stated_only,
            }
        canned_query = request.url_vars.get("table") if request else None
        if template == "query.html" and canned_query in SEARCH_PARAMETERS:
            query = request.args.get(SEARCH_PARAMETERS[canned_query])
            message = search_message(query)
            found = {"search_message": message, "search_help": SEARCH_HELP}
            if canned_query == "search" and query and not message:
                db = datasette.get_database(database)
                found["search_context"] = await search_context(datasette, db, database, request)
            return found
        return {}

    return variables


async def passage_context(datasette, db, database: str, passage_id: int, request) -> dict:
    passage = (
        await db.execute(
            "select passages.document_id, passages.position, passages.section, passages.page, "
            "documents.name, documents.author, documents.date "
            "from passages join documents on documents.id = passages.document_id "
            "where passages.id = ?",
            [passage_id],
        )
    ).first()
    if passage is None:
        return {}
    neighbours = await db.execute(
        "select position, id from passages where document_id = ? and position in (?, ?)",
        [passage["document_id"], passage["position"] - 1, passage["position"] + 1],
    )
    by_position = {row["position"]: row["id"] for row in neighbours.rows}
    citations = await db.execute(
        "select marker from citations where passage_id = ? order by id", [passage_id]
    )

    def passage_url(position):
        pk = by_position.get(position)
        return datasette.urls.row(database, "passages", pk) if pk else None

    page_url = datasette.absolute_url(request, datasette.urls.row(database, "passages", passage_id))
    return {
        "document": passage["name"],
        "author": passage["author"],
        "date": passage["date"],
        "section": passage["section"],
        "page": passage["page"],
        "citation": citation(passage, page_url),
        "document_url": datasette.urls.row(database, "documents", passage["document_id"]),
        "position": passage["position"],
        "previous_url": passage_url(passage["position"] - 1),
        "next_url": passage_url(passage["position"] + 1),
        "citations": [row["marker"] for row in citations.rows],
        "types": TYPES,
    }


async def document_context(datasette, db, database: str, document_id: int) -> dict:
    document = (
        await db.execute(
            "select name, author, date, url, passages from documents where id = ?", [document_id]
        )
    ).first()
    if document is None:
        return {}
    first = (
        await db.execute(
            "select id from passages where document_id = ? order by position limit 1",
            [document_id],
        )
    ).first()
    return dict(
        document,
        first_passage_url=datasette.urls.row(database, "passages", first["id"]) if first else None,
    )


def citation(passage, page_url: str) -> str:
    """A reference to the passage as a reader copies it: author, title, date, where in the
    document, and the address of the passage page."""
    parts = [passage["author"], f"“{passage['name']}”"]
    if passage["date"]:
        parts.append(passage["date"])
    if passage["section"]:
        parts.append(passage["section"])
    if passage["page"]:
        parts.append(f"p. {passage['page']}")
    parts.append(f"passage {passage['position']}")
    return f"{', '.join(part for part in parts if part)}. {page_url}"


# Facets and the timeline of a search count its first FACET_HITS matches (in corpus order), so
# that a search page stays fast on any corpus; the page says so when a search has more.
FACET_HITS = 2000
FACETS_PER_TYPE = 5
NARROWING = ("entity", "year", "year_to", "document")
SEARCH_HITS = """select passages_fts.rowid as id from passages_fts
join passages on passages.id = passages_fts.rowid
where passages_fts match fts_query(:q)
  and (:entity = '' or exists (select 1 from mentions where mentions.passage_id = passages.id
    and mentions.entity_id = cast(:entity as integer)))
  and (:year = '' or exists (select 1 from dates join date_years on date_years.date_id = dates.id
    where dates.passage_id = passages.id and date_years.year
    between cast(:year as integer) and cast(coalesce(nullif(:year_to, ''), :year) as integer)))
  and (:document = '' or passages.document_id = cast(:document as integer))
order by passages_fts.rowid limit :hits"""
MATCHED_IDS = "select value as id from json_each(:ids)"  # the ids SEARCH_HITS found


async def search_context(datasette, db, database: str, request) -> dict:
    """What the current search's matches name: entities by type, years, documents, each a link
    that narrows the search; the filters in force, each with a link that removes it; the
    matches per year."""
    args = {key: request.args.get(key) for key in request.args if request.args.get(key)}
    params = {"q": args.get("q", ""), "hits": FACET_HITS}
    params |= {key: args.get(key, "") for key in NARROWING}
    # The matches are found once; every count below reads their ids.
    ids = [row[0] for row in (await db.execute(SEARCH_HITS, params)).rows]
    hits = f"with hits as ({MATCHED_IDS})"
    by_ids = {"ids": json.dumps(ids)}
    counted = len(ids)
    entities = await db.execute(
        f"{hits} select entities.id, entities.name, entities.type, "
        "count(distinct hits.id) as passages from hits "
        "join mentions on mentions.passage_id = hits.id "
        "join entities on entities.id = mentions.entity_id "
        "group by entities.id order by passages desc, entities.name",
        by_ids,
    )
    documents = await db.execute(
        f"{hits} select documents.id, documents.name, count(*) as passages from hits "
        "join passages on passages.id = hits.id "
        "join documents on documents.id = passages.document_id "
        "group by documents.id order by passages desc, documents.name limit 10",
        by_ids,
    )
    share = request.args.get("_share") == "1"
    width, spans, totals = await passages_per_span(db, MATCHED_IDS, by_ids, share)

    def narrowed(**changes) -> str:
        changed = {k: v for k, v in (args | changes).items() if v is not None}
        return f"{request.path}?{urlencode(changed)}"

    by_type = {}
    for row in entities.rows:
        listed = by_type.setdefault(row["type"], [])
        if len(listed) < FACETS_PER_TYPE and str(row["id"]) != args.get("entity"):
            listed.append(dict(row, url=narrowed(entity=row["id"])))
    in_force = []
    if args.get("entity"):
        named = await db.execute("select name from entities where id = ?", [args["entity"]])
        label = named.rows[0][0] if named.rows else args["entity"]
        in_force.append({"label": label, "url": narrowed(entity=None)})
    if args.get("year"):
        first = int(args["year"])
        last = int(args.get("year_to") or first)
        label = year_label(first) if last == first else span_label(first, last)
        in_force.append({"label": label, "url": narrowed(year=None, year_to=None)})
    if args.get("document"):
        named = await db.execute("select name from documents where id = ?", [args["document"]])
        label = named.rows[0][0] if named.rows else args["document"]
        in_force.append({"label": label, "url": narrowed(document=None)})

    def bar_url(first: int, last: int) -> str:
        return narrowed(year=first, year_to=None if first == last else last)

    top_years = sorted(spans, key=lambda row: -row["passages"])[:10] if width == 1 else []
    return {
        "counted": counted,
        "capped": counted >= FACET_HITS,
        "limit": FACET_HITS,
        "entities": [(t, by_type[t]) for t in TYPES if by_type.get(t)],
        "years": [
            {
                "label": year_label(r["first_year"]),
                "passages": r["passages"],
                "url": narrowed(year=r["first_year"], year_to=None),
            }
            for r in top_years
            if str(r["first_year"]) != args.get("year")
        ],
        "documents": [
            dict(row, url=narrowed(document=row["id"]))
            for row in documents.rows
            if str(row["id"]) != args.get("document")
        ],
        "in_force": in_force,
        "timeline": year_bars(spans, width, bar_url, totals),
        "share": share,
        "share_url": narrowed(_share=None if share else "1"),
        "timeline_json": datasette.urls.database(database)
        + f"/search_timeline.json?{urlencode({'q': params['q']})}",
    }


async def entity_timeline(datasette, db, database: str, entity_id: int, share: bool) -> dict:
    width, spans, totals = await passages_per_span(
        db,
        "select passage_id as id from mentions where entity_id = :entity",
        {"entity": entity_id},
        share,
    )
    passages_url = f"{datasette.urls.database(database)}/entity_passages?entity={entity_id}"

    def bar_url(first: int, last: int) -> str:
        return f"{passages_url}&year={first}" + (f"&year_to={last}" if last != first else "")

    return {
        "bars": year_bars(spans, width, bar_url, totals),
        "share": share,
        "json": f"{datasette.urls.database(database)}/entity_timeline.json?entity={entity_id}",
    }


async def entity_context(datasette, db, database: str, entity_id: int, share: bool = False) -> dict:
    aliases = await db.execute(
        "select alias, mentions from entity_aliases where entity_id = ? order by mentions desc",
        [entity_id],
    )
    mentions = await db.execute(
        "select passages.id, passages.text, mentions.start_char, mentions.end_char "
        "from mentions join passages on passages.id = mentions.passage_id "
        "where mentions.entity_id = ? order by passages.id, mentions.start_char limit 500",
        [entity_id],
    )
    neighbours = await db.execute(
        "select entities.id, entities.name, entities.type, pairs.passages from ("
        " select entity_b as other, passages from cooccurrence where entity_a = :id"
        " union all select entity_a, passages from cooccurrence where entity_b = :id"
        ") pairs join entities on entities.id = pairs.other "
        "order by pairs.passages desc, entities.name limit 20",
        {"id": entity_id},
    )
    place = await db.execute(
        "select latitude, longitude, geonames_id, country_code from entities where id = ?",
        [entity_id],
    )
    return {
        "timeline": await entity_timeline(datasette, db, database, entity_id, share),
        "place": dict(place.rows[0]) if place.rows and place.rows[0]["latitude"] else None,
        "map_url": datasette.urls.table(database, "places") + f"?id={entity_id}",
        "aliases": [dict(row) for row in aliases.rows],
        "mentions": [
            {
                "url": datasette.urls.row(database, "passages", row["id"]),
                "left": row["text"][max(0, row["start_char"] - CONTEXT_CHARS) : row["start_char"]],
                "match": row["text"][row["start_char"] : row["end_char"]],
                "right": row["text"][row["end_char"] : row["end_char"] + CONTEXT_CHARS],
            }
            for row in mentions.rows
        ],
        "neighbours": [
            dict(row, url=datasette.urls.row(database, "entities", row["id"]))
            for row in neighbours.rows
        ],
    }


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


def year_bars(rows, width: int, url_for, totals: dict[int, int] | None = None) -> list[dict]:
    """Bars for rows of (first year, passages[, dates]), as high as their passages or, with
    `totals` (all passages per span), as their share of them; `url_for(first, last)` links a
    bar to its passages."""
    values = [
        row["passages"] / totals[row["first_year"]] if totals else row["passages"] for row in rows
    ]
    most = max(values, default=1) or 1
    bars = []
    for row, value in zip(rows, values, strict=True):
        start, end = row["first_year"], row["first_year"] + width - 1
        bars.append(
            {
                "year": start,
                "label": year_label(start) if width == 1 else span_label(start, end),
                "dates": row["dates"] if "dates" in row.keys() else None,  # noqa: SIM118 (a Row)
                "passages": row["passages"],
                "share": f"{100 * value:.1f}%" if totals else None,
                "percent": round(100 * value / most, 1),
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
    first, last = (await db.execute("select min(year), max(year) from date_years")).rows[0]
    if first is None:
        return []
    width = bar_width(first, last)
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
