"""The corpus explorer: a Datasette plugin, installed with the project (entry point
`datasette`), that turns table pages into reading pages. Its templates are in `templates/`.

- Search text is made safe for FTS5 (`search_syntax`), so a broken query still runs and the
  page says what was wrong.
- Cells keep the marks the queries produce and mark up passages (`cells`).
- Passage, document, entity, search and timeline pages get the context a reader needs
  (`pages`, `timelines`).
- The search page is one box, its filters as chips, its facets beside the results (`pages`).
- Trends, collocates and keyness read the corpus at a distance (`distant_reading`).
- The co-occurrence network downloads as GEXF and GraphML (`network_export`).
- The corpus is served read-only, every page named by the served corpus's own title and
  licence (`corpus_info`), and its descriptions and queries apply to a database served under
  any name.
"""

import json
import sys
import traceback
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import escape_fts
from markupsafe import Markup, escape

from ingest.languages import language_name

from .cells import LINKED_COLUMNS, MARKED_COLUMNS, keep_marks, marked_passage
from .corpus_info import database_info
from .distant_reading import READING_PAGES, reading_page, register_functions
from .http_cache import with_http_cache
from .network_export import register_output_renderer
from .pages import (
    document_context,
    entity_context,
    passage_context,
    search_context,
    search_page,
)
from .ranking import register_ranking
from .search_syntax import SEARCH_HELP, fts_query, search_message
from .spelling_search import (
    matched_spellings,
    names_message,
    search_link,
    search_query,
    spelling_search,
    written_spellings,
)
from .timelines import timeline_bars

__all__ = [
    "asgi_wrapper",
    "extra_template_vars",
    "get_metadata",
    "handle_exception",
    "prepare_jinja2_environment",
    "prepare_connection",
    "register_output_renderer",
    "render_cell",
    "startup",
]

# Before Datasette opens its first connection: the search ranks with bm25_sampled.
register_ranking()

SEARCH_PARAMETERS = {"search": "q", "concordance": "term"}
METADATA = Path(__file__).resolve().parents[1] / "metadata.json"


@cache
def corpus_metadata(path: str | None) -> dict:
    """A copy for each database file served: Datasette's table pages write the licence and
    source they inherit into the table's metadata, which would carry one corpus's into
    another's."""
    return json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["corpus"]


@hookimpl
def startup(datasette):
    # Datasette 0.65's error handler pretty-prints every error with `rich` when it is installed
    # (spaCy brings it); current rich raises when no exception is being handled, which turned
    # every plain 404 into a 500. The log loses nothing that matters: 500s print tracebacks.
    # Imported here: Datasette imports this package while importing that module.
    from datasette import handle_exception

    handle_exception.rich = None
    # It also prints every unexpected error's traceback; a worker out of memory is logged as
    # one line by this package's handle_exception.
    handle_exception.traceback = TracebacksBesidesMemory()


class TracebacksBesidesMemory:
    def print_exc(self) -> None:
        if not isinstance(sys.exc_info()[1], MemoryError):
            traceback.print_exc()


OUT_OF_MEMORY = (
    "This request needs more memory than the server has. Ask for less (fewer rows, a LIMIT, "
    "a narrower search) or try again later."
)


@hookimpl
def handle_exception(datasette, request, exception):
    """A request that runs its worker out of memory is answered 503 with what to do, and
    logged as one line; the worker goes on serving."""
    if not isinstance(exception, MemoryError):
        return None
    from datasette import handle_exception as errors
    from datasette.views.base import DatasetteError

    asked = f"{request.path}?{request.query_string}" if request.query_string else request.path
    print(f"error: out of memory answering {asked[:200]}", file=sys.stderr, flush=True)
    return errors.handle_exception(
        datasette, request, DatasetteError(OUT_OF_MEMORY, title="Out of memory", status=503)
    )


@hookimpl
def get_metadata(datasette, key, database, table):
    """Each served corpus's title, licence and source (corpus_info), and the tables'
    descriptions and the queries for a database served under another name (`make serve
    DB=path/other.db` serves it as `other`)."""
    names = [name for name in datasette.databases if name != "_internal"]
    served = {name: database_info(datasette, name) for name in names}
    databases = {
        name: (corpus_metadata(datasette.databases[name].path) if name != "corpus" else {})
        | without_links(served[name])
        for name in names
    }
    return (served[names[0]] if names else {}) | {"databases": databases}


def without_links(info: dict) -> dict:
    """A database's own fields; its description stays the tables' guide in metadata.json."""
    return {key: value for key, value in info.items() if key != "description_html"}


READ_METHODS = ("GET", "HEAD", "OPTIONS")


@hookimpl
def asgi_wrapper(datasette):
    """The corpus is published read-only: any other method is refused before Datasette
    sees it (Datasette 0.65 answers a POST to a table page with a server error); what it
    answers is tagged and kept (`http_cache`)."""

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
            if scope["type"] == "http":
                scope = exact_table_search(scope)
            await answered(scope, receive, send)

        answered = with_http_cache(app, datasette)
        return read_only

    return wrap


def exact_table_search(scope: dict) -> dict:
    """A table search with a non-empty `exact` parameter searches only the spelling typed:
    run by Datasette as written (made safe by `fts_query`), the names in it not widened."""
    args = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), True)
    if not any(key == "exact" and value for key, value in args) or "_search" not in dict(args):
        return scope
    kept = [(k, fts_query(v) if k == "_search" else v) for k, v in args if k != "_searchmode"]
    query = [(k, v) for k, v in kept if k != "exact"] + [("_searchmode", "raw")]
    return scope | {"query_string": urlencode(query).encode()}


@hookimpl(trylast=True)  # after Datasette's own, whose escape_fts this one replaces
def prepare_connection(conn):
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("search_query", 2, lambda query, exact: search_query(conn, query, exact))
    conn.create_function("matched_spellings", 2, matched_spellings, deterministic=True)
    conn.create_function("name_spellings", 1, lambda name: written_spellings(conn, name))
    conn.create_function("search_link", 1, search_link, deterministic=True)
    register_functions(conn)
    # The table pages' search box: every spelling of a name, as in the ranked search.
    conn.create_function("escape_fts", 1, lambda query: spelling_search(conn, escape_fts(query)))


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["language_name"] = language_name


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in MARKED_COLUMNS and isinstance(value, str):
        return keep_marks(value)
    if table is None and column in LINKED_COLUMNS and isinstance(value, int):
        url = datasette.urls.row(database, LINKED_COLUMNS[column], value)
        return Markup(f'<a href="{escape(url)}">{value}</a>')
    if table is None and column == "link" and str(value).startswith("search?"):
        return Markup(f'<a href="{escape(value)}">passages</a>')  # the names query's rows
    if table is None and column == "concordance" and str(value).startswith("concordance?"):
        return Markup(f'<a href="{escape(value)}">in context</a>')  # the collocates' rows
    if table == "passages" and column == "text" and "id" in row.keys():  # noqa: SIM118 (a Row)
        return marked_passage(datasette, database, row["id"], value)
    if table is None and column == "text" and "passage" in row.keys():  # noqa: SIM118 (a Row)
        return marked_passage(datasette, database, row["passage"], value)  # the year pages
    return None


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
        if template == "query.html" and canned_query == "names":
            return {"names_form": True, "search_message": names_message(request.args.get("names"))}
        if template == "query.html" and canned_query in SEARCH_PARAMETERS:
            query = request.args.get(SEARCH_PARAMETERS[canned_query])
            message = search_message(query)
            found = {"search_message": message, "search_help": SEARCH_HELP}
            if canned_query == "search" and query and not message:
                db = datasette.get_database(database)
                found["search_context"] = await search_context(datasette, db, database, request)
            if canned_query == "search":
                found["page_title"] = f"{query} — search" if query else "Search"
                if not request.args.get("_advanced"):
                    found["search_page"] = search_page(request)
            return found
        if template == "query.html" and canned_query in READING_PAGES:
            return reading_page(request, canned_query)
        return {}

    return variables
