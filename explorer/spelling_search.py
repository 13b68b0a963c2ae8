"""A search for a name finds every spelling of it: `Molotov` finds `Molotow`, `Молотовым` and
`Wjatscheslaw Molotow`, `Moscow` finds `Moskau` and `Москве`. Each name in a search (a word, a
quoted phrase, or up to four words that together spell a name) is looked up by its spelling
in the corpus's `name_spellings` table (ingest.spellings); where an entity holds that
spelling, every form of the entity is searched for beside it, and so is every word of the
corpus spelt the same. A word no name is spelt like (`pact`) is searched for as written.

`spelling_search()` rewrites a query the FTS5 index accepts; `matched_spellings()` says which
words of a passage the search matched."""

import json
import re
import sqlite3
from functools import lru_cache
from urllib.parse import urlencode

from ingest.spellings import SHORTEST_SPELLING, spellings_in_any_language

from .search_syntax import CHECKER, fts_query

OPERATORS = frozenset(["AND", "OR", "NOT", "NEAR"])
# A quoted phrase (a quote inside written twice), a bare word, or a bracket.
TOKEN = re.compile(r'"(?:[^"]|"")*"|[^\s()"]+|[()]')
WORD = re.compile(r"\w+")
MARKED = re.compile("\x02([^\x02\x03]*)\x03")  # an unclosed mark stops at the next
LONGEST_NAME_WORDS = 4
MOST_SPELLINGS = 40  # forms searched for one name: a name with more is rare, the query bounded
MOST_NAMES = 1000  # as the names query's `limit` says
FORMS_SQL = """
with spelt as (select value from json_each(:spellings))
select form from name_spellings where spelling in spelt
union
select form from name_spellings where entity_id in
  (select entity_id from name_spellings where spelling in spelt)
order by form
"""


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def spellings(connection: sqlite3.Connection, name: str) -> list[str]:
    """The forms of the name written in the corpus, one per spelling as written (`Molotow`,
    not also the index's `molotow`); none when no name is spelt like it, or the database has
    no table of spellings."""
    try:
        spelt = json.dumps(sorted(spellings_in_any_language(name)))
        forms = [f for (f,) in connection.execute(FORMS_SQL, {"spellings": spelt})]
    except sqlite3.OperationalError:
        return []
    written = {form.casefold(): form for form in sorted(forms, key=str.islower)}
    return list(written.values())[:MOST_SPELLINGS]


def either(original: str, forms: list[str]) -> str:
    others = [quoted(form) for form in forms if form.casefold() != original.casefold()]
    return f"({' OR '.join([original, *others])})" if others else original


def expanded_words(connection: sqlite3.Connection, run: list[tuple[str, str]]) -> list[str]:
    """A run of words (each as the query writes it, and bare), each name in it (the longest
    first) searched in all its spellings; a word no name is spelt like as written."""
    out, i = [], 0
    while i < len(run):
        for n in range(min(LONGEST_NAME_WORDS, len(run) - i), 0, -1):
            words = [word for _, word in run[i : i + n]]
            forms = spellings(connection, " ".join(words))
            if forms or n == 1:
                written = " AND ".join(token for token, _ in run[i : i + n])
                out.append(either(f"({written})" if n > 1 else written, forms))
                i += n
                break
    return out


def spelling_search(connection: sqlite3.Connection, query: str | None) -> str:
    """The search as FTS5 runs it (`fts_query`), each name in it widened to all its spellings;
    prefixes (`Molo*`), column filters and NEAR groups are searched as written."""
    safe = fts_query(query)
    tokens = TOKEN.findall(safe)
    if ":" in safe or "NEAR" in tokens:
        return safe
    out, run = [], []
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if WORD.fullmatch(token.strip('"')) and token not in OPERATORS and following != "*":
            run.append((token, token.strip('"')))  # Datasette's search box quotes each word
        elif token.startswith('"') and following != "*":
            out += expanded_words(connection, run)
            run = []
            out.append(either(token, spellings(connection, token[1:-1].replace('""', '"'))))
        else:
            out += expanded_words(connection, run)
            run = []
            out.append(token)
    out += expanded_words(connection, run)
    widened = " ".join(out)
    return widened if CHECKER.error(widened) is None else safe


def written_spellings(connection: sqlite3.Connection, name: str) -> str | None:
    """The spellings of a name the corpus writes, as a list to read: `Molotov, Molotow, Молотов`."""
    return ", ".join(spellings(connection, name)) or None


def names_message(names: str | None) -> str | None:
    """What a reader should know of the list the names query was given."""
    listed = {line.strip() for line in (names or "").splitlines()} - {""}
    if not listed:
        return "Type or paste names, one per line."
    if len(listed) > MOST_NAMES:
        return (
            f"The list has {len(listed):,} names; the first {MOST_NAMES:,} were searched. "
            f"Search the rest in lists of {MOST_NAMES:,} or fewer."
        )
    return None


def search_link(name: str) -> str:
    """The ranked search for a name, as a link relative to a query page of the same database."""
    return "search?" + urlencode({"q": name})


def search_query(connection: sqlite3.Connection, query: str | None, exact: str | None) -> str:
    """The ranked search's query: only the spelling typed when `exact` is non-empty."""
    return fts_query(query) if exact else spelling_search(connection, query)


def matched_spellings(highlighted: str | None, search: str | None) -> str | None:
    """The words of a passage a search matched, in the order written, once each: those the
    index marked in `highlighted` (the text with matches between \\x02 and \\x03) and the
    names spelt as a word of the search (an inflection found by its stem: `Молотовым`)."""
    if not highlighted:
        return None
    searched = searched_spellings(search or "")
    found = {region.strip(): None for region in MARKED.findall(highlighted)}
    for word in WORD.findall(MARKED.sub(" ", highlighted)):
        if word[0].isupper() and len(word) > 1 and spellings_in_any_language(word) & searched:
            found[word] = None
    return ", ".join(found) or None


@lru_cache(maxsize=64)
def searched_spellings(search: str) -> frozenset[str]:
    words = [word for word in WORD.findall(search) if word not in OPERATORS]
    spelt = {key for word in words for key in spellings_in_any_language(word)}
    return frozenset(key for key in spelt if len(key) >= SHORTEST_SPELLING)
