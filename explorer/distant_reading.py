"""Reading at a distance: the words that keep company with a search (collocates) and the words
that set a part of the corpus apart from the rest (keyness), each scored by log-likelihood
(Dunning's G², as AntConc and Voyant score them) with its counts and an effect size (Hardie's
log ratio: log2 of the ratio of the two relative frequencies). A word's use over time is the
`trends` query's SQL alone.

Words are the text's runs of letters and digits, lowercased, as written (not stemmed). A search
with very many matches is counted over an even spread of them, and the corpus compared with
over an even spread of its passages; each answer says how many passages it counted.
"""

import json
import math
import re
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from ingest.spellings import spellings_in_any_language
from ingest.timeline import joined

from .spelling_search import MARKED, OPERATORS, search_query, searched_spellings

WORD = re.compile(r"\w+")
WINDOW = 5  # words each side of a match
MOST_MATCHES = 5_000  # matching passages counted
MOST_REFERENCE = 20_000  # passages of the corpus compared with
SMALLEST_COUNT = 2  # a word seen once in a subset is no evidence of anything
LISTED = 100


def words(text: str) -> list[str]:
    return [word.casefold() for word in WORD.findall(text)]


def spread(ids: list[int], most: int) -> list[int]:
    """At most `most` of the ids, evenly spaced over them (all when there are fewer)."""
    if len(ids) <= most:
        return ids
    return [ids[i * len(ids) // most] for i in range(most)]


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G² of a word seen `a` times in `c` words of a subset and `b` times in `d` words of the
    corpus it is compared with."""
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / expected_a)
    if b:
        g2 += b * math.log(b / expected_b)
    return 2 * g2


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """log2 of the subset's relative frequency over the other's; a zero count taken as 0.5."""
    return math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))


def scored(subset: Counter, reference: Counter, counted: dict) -> list[dict]:
    """The words more frequent in `subset` than in `reference`, highest G² first."""
    c, d = sum(subset.values()), sum(reference.values())
    if not c or not d:
        return []
    rows = []
    for word, a in subset.items():
        b = reference.get(word, 0)
        if a < SMALLEST_COUNT or a / c <= b / d:
            continue
        rows.append(
            {
                "word": word,
                "count": a,
                "reference_count": b,
                "per_million": round(1e6 * a / c, 1),
                "reference_per_million": round(1e6 * b / d, 1),
                "log_likelihood": round(log_likelihood(a, b, c, d), 2),
                "log_ratio": round(log_ratio(a, b, c, d), 2),
            }
        )
    rows.sort(key=lambda row: (-row["log_likelihood"], row["word"]))
    return [row | counted for row in rows[:LISTED]]


def database_file(connection: sqlite3.Connection) -> tuple[str, float]:
    """The connection's file and its modification time: what a cached count belongs to."""
    path = next(row[2] for row in connection.execute("pragma database_list") if row[1] == "main")
    return path, Path(path).stat().st_mtime if path else 0.0


def reference_passages(connection: sqlite3.Connection) -> list[int]:
    """An even spread of the corpus's passages: every k-th id."""
    (last,) = connection.execute("select coalesce(max(id), 0) from passages").fetchone()
    step = max(1, -(-last // MOST_REFERENCE))
    return list(range(step, last + 1, step))


def passage_words(connection: sqlite3.Connection, ids: list[int]) -> Counter:
    counts = Counter()
    for (text,) in connection.execute(
        "select text from passages where id in (select value from json_each(?))", [json.dumps(ids)]
    ):
        counts.update(words(text))
    return counts


ANSWERS: dict[tuple, object] = {}  # the latest answers, by database file and question
MOST_ANSWERS = 256


def remembered(key: tuple, compute):
    """An answer computed once per database file and question (the file is immutable while
    served), whichever connection of the server asks."""
    if key not in ANSWERS:
        if len(ANSWERS) >= MOST_ANSWERS:
            ANSWERS.pop(next(iter(ANSWERS)), None)
        ANSWERS[key] = compute()
    return ANSWERS[key]


def reference_words(connection: sqlite3.Connection) -> Counter:
    """The words of the corpus's spread of passages."""
    return remembered(
        (database_file(connection), "reference"),
        lambda: passage_words(connection, reference_passages(connection)),
    )


def node_spans(highlighted: str, search: str) -> tuple[str, list[tuple[int, int]]]:
    """The passage's text and the spans of the words the search matched in it: those the index
    marked (between \\x02 and \\x03) and the names spelt as a word of the search."""
    text, spans, position, length = [], [], 0, 0
    for match in MARKED.finditer(highlighted):
        before, marked = highlighted[position : match.start()], match.group(1)
        text += [before, marked]
        length += len(before)
        spans.append((length, length + len(marked)))
        length += len(marked)
        position = match.end()
    text.append(highlighted[position:])
    plain = "".join(text)
    searched = searched_spellings(search)
    for word in WORD.finditer(plain):
        if word.group()[0].isupper() and spellings_in_any_language(word.group()) & searched:
            spans.append(word.span())
    return plain, spans


def window_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The words within WINDOW words either side of each run of matched words, once per run."""
    tokens = list(WORD.finditer(text))
    matched, regions, j = [], joined(spans), 0
    for token in tokens:
        while j < len(regions) and regions[j][1] <= token.start():
            j += 1
        matched.append(j < len(regions) and regions[j][0] < token.end())
    found, i = [], 0
    while i < len(tokens):
        if not matched[i]:
            i += 1
            continue
        end = i
        while end + 1 < len(tokens) and matched[end + 1]:
            end += 1
        around = [
            *range(max(0, i - WINDOW), i),
            *range(end + 1, min(len(tokens), end + 1 + WINDOW)),
        ]
        found += [tokens[k].group().casefold() for k in around if not matched[k]]
        i = end + 1
    return found


def matching_ids(connection: sqlite3.Connection, search: str) -> list[int]:
    return [
        rowid
        for (rowid,) in connection.execute(
            "select rowid from passages_fts where passages_fts match ? order by rowid", [search]
        )
    ]


def collocates(connection: sqlite3.Connection, query: str | None, exact: str | None) -> str:
    """The collocates of a search as a JSON array of rows, highest G² first."""
    key = (database_file(connection), "collocates", query or "", exact or "")
    return remembered(key, lambda: counted_collocates(connection, query or "", exact or ""))


def counted_collocates(connection: sqlite3.Connection, query: str, exact: str) -> str:
    search = search_query(connection, query, exact)
    matches = matching_ids(connection, search)
    counted = spread(matches, MOST_MATCHES)
    around = Counter()
    for (highlighted,) in connection.execute(
        "select highlight(passages_fts, 0, char(2), char(3)) from passages_fts "
        "where passages_fts match ? and rowid in (select value from json_each(?))",
        [search, json.dumps(counted)],
    ):
        around.update(window_words(*node_spans(highlighted, query)))
    summary = {"passages_counted": len(counted), "passages_matching": len(matches)}
    return json.dumps(scored(around, reference_words(connection), summary))


KEYNESS_FILTERS = ("q", "exact", "entity", "year", "year_to", "document", "language")
SUBSET_FILTERS = {
    "entity": "select passage_id from mentions where entity_id = cast(:entity as integer)",
    "year": "select dates.passage_id from date_years join dates on dates.id = date_years.date_id "
    "where date_years.year between cast(:year as integer) "
    "and cast(coalesce(nullif(:year_to, ''), :year) as integer)",
    "document": "select id from passages where document_id = cast(:document as integer)",
    "language": "select id from passages where language = :language",
}


def subset_ids(connection: sqlite3.Connection, filters: dict[str, str]) -> list[int]:
    """The passages matching every filter given: a search (q, exact), an entity, a year or
    span of years, a document, a language."""
    chosen: set[int] | None = None
    if filters.get("q"):
        chosen = set(
            matching_ids(connection, search_query(connection, filters["q"], filters.get("exact")))
        )
    for name, sql in SUBSET_FILTERS.items():
        if filters.get(name):
            found = {row[0] for row in connection.execute(sql, filters)}
            chosen = found if chosen is None else chosen & found
    return sorted(chosen or ())


def keyness(connection: sqlite3.Connection, *values: str | None) -> str:
    """The key words of a subset (`values` of KEYNESS_FILTERS) against the rest of the
    corpus, a JSON array of rows, highest G² first."""
    filters = dict(zip(KEYNESS_FILTERS, (value or "" for value in values), strict=True))
    key = (database_file(connection), "keyness", *filters.values())
    return remembered(key, lambda: counted_keyness(connection, filters))


def counted_keyness(connection: sqlite3.Connection, filters: dict[str, str]) -> str:
    subset = subset_ids(connection, filters)
    counted = spread(subset, MOST_MATCHES)
    inside = set(subset)
    # The rest: the corpus's spread of passages without the subset's, counted from the
    # smaller side.
    reference = reference_passages(connection)
    outside = [i for i in reference if i not in inside]
    if len(outside) < len(reference) / 2:
        rest = passage_words(connection, outside)
    else:
        inside_reference = [i for i in reference if i in inside]
        rest = reference_words(connection) - passage_words(connection, inside_reference)
    summary = {"passages_counted": len(counted), "passages_matching": len(subset)}
    return json.dumps(scored(passage_words(connection, counted), rest, summary))


def register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the trends, collocates and keyness queries call."""
    connection.create_function("search_terms", 1, search_terms, deterministic=True)
    connection.create_function("concordance_link", 2, concordance_link, deterministic=True)
    connection.create_function("collocates", 2, lambda *args: collocates(connection, *args))
    connection.create_function(
        "keyness", len(KEYNESS_FILTERS), lambda *args: keyness(connection, *args)
    )


def search_terms(terms: str | None) -> str:
    """The words or phrases of a comma-separated list, a JSON array (the first 10)."""
    listed = [" ".join(term.split()) for term in (terms or "").split(",")]
    return json.dumps([term for term in dict.fromkeys(listed) if term][:10], ensure_ascii=False)


def concordance_link(query: str | None, word: str) -> str:
    """The concordance of a collocate beside the search (relative to a query page): both within
    WINDOW words of each other where the search is plain words, else both in one passage."""
    words_only = all(
        WORD.fullmatch(token) and token not in OPERATORS for token in (query or "").split()
    )
    quoted = f'"{word}"'
    if words_only and query:
        term = f"NEAR({' '.join(query.split())} {quoted}, {WINDOW})"
    else:
        term = f"({query}) AND {quoted}"
    return "concordance?" + urlencode({"term": term})


# Each reading page: what its form asks, and the chart its JSON draws.
READING_PAGES = {
    "trends": {
        "name": "words over time",
        "chart": "lines",
        "fields": [("terms", "Words or phrases, separated by commas", 50)],
    },
    "collocates": {
        "name": "collocates",
        "chart": "bars",
        "fields": [("q", "A word, a phrase in quotes or a name", 40)],
    },
    "keyness": {
        "name": "keyness",
        "chart": "bars",
        "fields": [
            ("q", "Passages matching", 30),
            ("year", "with a date in", 6),
            ("year_to", "to", 6),
            ("language", "in the language (en, de, fr, ru)", 4),
        ],
    },
}


def reading_page(request, canned_query: str) -> dict:
    """The template's variables for a reading page: its title, its form and its chart's JSON
    (this page's rows as an array)."""
    page = READING_PAGES[canned_query]
    args = [(key, request.args.get(key)) for key in request.args if request.args.get(key)]
    asked = [value for key, value in args if key in ("terms", "q", "year", "language")]
    shown = {name for name, _, _ in page["fields"]}
    return {
        "page_title": f"{', '.join(asked)} — {page['name']}"
        if asked
        else page["name"].capitalize(),
        "reading_page": {
            "chart": page["chart"],
            "fields": [
                (name, label, request.args.get(name, ""), size)
                for name, label, size in page["fields"]
            ],
            "kept": [
                (key, value) for key, value in args if key not in shown and not key.startswith("_")
            ],
            "json": f"{request.path}.json?{urlencode([*args, ('_shape', 'array')])}",
            "asked": bool(asked) or any(key in ("entity", "document") for key, _ in args),
        },
    }
