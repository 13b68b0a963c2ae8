"""The context of the reading pages: a passage (its place in its document, a citation to
copy), a document, an entity (its names, mentions, neighbours, place and timeline), and a
search (what its matches name, each a link that narrows it, and its timeline)."""

import json
from urllib.parse import urlencode

from ingest.languages import language_name

from .timelines import passages_per_span, span_label, year_bars, year_label

TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW", "DATE")
CONTEXT_CHARS = 80


async def passage_context(datasette, db, database: str, passage_id: int, request) -> dict:
    passage = (
        await db.execute(
            "select passages.document_id, passages.position, passages.section, passages.page, "
            "passages.cited_by, citer.position as citer_position, "
            "documents.name, documents.author, documents.date "
            "from passages join documents on documents.id = passages.document_id "
            "left join passages citer on citer.id = passages.cited_by "
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
    notes = await db.execute(
        "select id, position, text from passages where cited_by = ? order by position",
        [passage_id],
    )

    def row_url(pk):
        return datasette.urls.row(database, "passages", pk)

    def passage_url(position):
        pk = by_position.get(position)
        return row_url(pk) if pk else None

    page_url = datasette.absolute_url(request, row_url(passage_id))
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
        "notes": [
            {"url": row_url(row["id"]), "position": row["position"], "text": row["text"]}
            for row in notes.rows
        ],
        "cited_by": passage["cited_by"]
        and {"url": row_url(passage["cited_by"]), "position": passage["citer_position"]},
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
NARROWING = ("entity", "year", "year_to", "document", "language")
KEPT_BY_A_NEW_SEARCH = ("exact", *NARROWING)
SEARCH_HITS = """select passages_fts.rowid as id from passages_fts
  where passages_fts match search_query(:q, :exact)
    and (:entity = '' or exists (select 1 from mentions
      where mentions.passage_id = passages_fts.rowid
        and mentions.entity_id = cast(:entity as integer)))
    and (:year = '' or exists (select 1 from dates join date_years on date_years.date_id = dates.id
      where dates.passage_id = passages_fts.rowid and date_years.year
      between cast(:year as integer) and cast(coalesce(nullif(:year_to, ''), :year) as integer)))
    and (:document = '' and :language = '' or exists (select 1 from passages
      where passages.id = passages_fts.rowid
        and (:document = '' or passages.document_id = cast(:document as integer))
        and (:language = '' or passages.language = :language)))
  order by passages_fts.rowid limit :hits"""
MATCHED_IDS = "select value as id from json_each(:ids)"  # the ids SEARCH_HITS found


async def search_context(datasette, db, database: str, request) -> dict:
    """What the current search's matches name: entities by type, years, documents, each a link
    that narrows the search; the filters in force, each with a link that removes it; the
    matches per year."""
    args = {key: request.args.get(key) for key in request.args if request.args.get(key)}
    params = {"q": args.get("q", ""), "exact": args.get("exact", ""), "hits": FACET_HITS}
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
    languages = await db.execute(
        f"{hits} select passages.language, count(*) as passages from hits "
        "join passages on passages.id = hits.id where passages.language is not null "
        "group by passages.language order by passages desc, passages.language",
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
        in_force.append({"kind": "name", "label": label, "url": narrowed(entity=None)})
    if args.get("year"):
        first = int(args["year"])
        last = int(args.get("year_to") or first)
        label = year_label(first) if last == first else span_label(first, last)
        kind = "year" if last == first else "years"
        in_force.append({"kind": kind, "label": label, "url": narrowed(year=None, year_to=None)})
    if args.get("document"):
        named = await db.execute("select name from documents where id = ?", [args["document"]])
        label = named.rows[0][0] if named.rows else args["document"]
        in_force.append({"kind": "document", "label": label, "url": narrowed(document=None)})
    if args.get("language"):
        label = language_name(args["language"])
        in_force.append({"kind": "language", "label": label, "url": narrowed(language=None)})
    if args.get("exact"):
        label = "only the spelling typed"
        in_force.append({"kind": "spelling", "label": label, "url": narrowed(exact=None)})

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
        "languages": [
            {
                "name": language_name(row["language"]),
                "passages": row["passages"],
                "url": narrowed(language=row["language"]),
            }
            for row in languages.rows
            if row["language"] != args.get("language")
        ],
        "in_force": in_force,
        "timeline": year_bars(spans, width, bar_url, totals),
        "share": share,
        "share_url": narrowed(_share=None if share else "1"),
        "timeline_json": datasette.urls.database(database)
        + f"/search_timeline.json?{urlencode({'q': params['q'], 'exact': params['exact']})}",
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


def search_page(request) -> dict:
    """The search box's state: the words searched, the filters a new search keeps, and the
    same search on Datasette's own page of parameters and SQL."""
    args = [(key, request.args.get(key)) for key in request.args if request.args.get(key)]
    return {
        "q": request.args.get("q", ""),
        "submitted": "q" in request.args,
        "kept": [(key, value) for key, value in args if key in KEPT_BY_A_NEW_SEARCH],
        "advanced_url": f"{request.path}?{urlencode([*args, ('_advanced', '1')])}",
        "reading": reading_links(request.args.get("q", ""), args),
    }


def reading_links(query: str, args: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The search read at a distance: its words over time, their company, and what sets the
    passages it finds apart (relative to the search page)."""
    if not query:
        return []
    narrowed = [(key, value) for key, value in args if key in KEPT_BY_A_NEW_SEARCH]
    return [
        ("over time", "trends?" + urlencode({"terms": query})),
        ("the company it keeps", "collocates?" + urlencode({"q": query})),
        ("what sets its passages apart", "keyness?" + urlencode([("q", query), *narrowed])),
    ]
