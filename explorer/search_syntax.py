"""Search text made safe for FTS5: `fts_query()` runs a broken query as its plain words, and
`search_message()` says what was wrong with it."""

import sqlite3
import threading

NOTHING = '""'
SEARCH_HELP = [
    ("treaty", "passages with the word, stemmed: treaty, treaties"),
    ("Molotov", "a name in every spelling the corpus writes: Molotow, Molotoff, Молотовым"),
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
