"""Cells as a reader sees them: snippets keep the `<mark>` elements the queries produce and
everything else is escaped; a passage's text is shown with its entity mentions and dates marked
up, each mention linking to its entity."""

from markupsafe import Markup, escape

MARKED_COLUMNS = ("snippet",)
LINKED_COLUMNS = {"passage": "passages", "entity": "entities", "document_id": "documents"}


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
