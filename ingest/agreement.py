"""Corpus-level agreement between passages, after every passage has its mentions: a name form
recognised in one passage is a mention wherever it stands, and the countries named beside an
ambiguous place's name tell which place it is."""

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterator

import sqlite_utils

from . import places, storage
from .entities import Taken
from .parallel import batched
from .touched import TouchedPassages

# Passages read at a time.
BATCH = 2000
SOURCE = "rule:corpus-agreement"  # the sources row of the mentions agreement adds
NAME_START = re.compile(r"(?<!\w)[A-Z]\w*")  # a name's first word: `Stalin` in `Stalin's`


def propagate_forms(
    db: sqlite_utils.Database,
    form_labels: list[tuple[str, str, int]],
    lowercase_words: Container[str],
    source_id: int,
    touched: TouchedPassages | None = None,
) -> None:
    """Corpus-level agreement: a name form recognised in one passage is a mention wherever
    it stands, unless the corpus also writes it as an ordinary lowercase word (`form_labels`:
    (form, label, mentions) of every mention but agreement's). One pass over the passages,
    finding candidate forms by their first word; in an update (`touched`), over the passages
    it read and those that write a form whose agreed label it changed."""
    agreed = agreed_forms(form_labels, lowercase_words)
    stored = dict(db.execute("select form, label from agreed_forms"))
    changed = [
        form for form in stored.keys() | agreed.keys() if stored.get(form) != agreed.get(form)
    ]
    # first word -> form length -> form -> label: a few slices to test at each word
    by_first_word: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for form, label in agreed.items():
        by_first_word[NAME_START.match(form).group()][len(form)][form] = label
    by_first_word = {
        word: sorted(by_length.items(), reverse=True)  # the longest form first
        for word, by_length in by_first_word.items()
    }
    if touched is None:
        last_id = db.execute("select max(id) from passages").fetchone()[0] or 0
        spans = [(first, first + BATCH - 1) for first in range(1, last_id + 1, BATCH)]
        batches = [("between ? and ?", span) for span in spans]
    else:
        redone = redone_passages(db, touched, changed, agreed, source_id)
        batches = [(f"in ({', '.join('?' * len(ids))})", ids) for ids in batched(redone, BATCH)]
    for where, ids in batches:
        mentioned = defaultdict(list)
        for passage_id, start, end in db.execute(
            f"select passage_id, start_char, end_char from mentions where passage_id {where}",
            ids,
        ):
            mentioned[passage_id].append((start, end))
        new_rows = []
        for passage_id, text in db.execute(f"select id, text from passages where id {where}", ids):
            taken = Taken(len(text))
            for start, end in mentioned[passage_id]:
                taken.take_if_free(start, end)
            for start, end, form, label in form_occurrences(text, by_first_word):
                if taken.take_if_free(start, end):
                    new_rows.append(
                        storage.mention_row(passage_id, start, end, form, label, source_id)
                    )
        storage.insert_batch(db, {"mentions": new_rows})
    with db.atomic():
        db.conn.executemany("delete from agreed_forms where form = ?", ((f,) for f in changed))
        db.conn.executemany(
            "insert into agreed_forms values (?, ?)",
            ((form, agreed[form]) for form in changed if form in agreed),
        )


def agreed_forms(
    form_labels: list[tuple[str, str, int]], lowercase_words: Container[str]
) -> dict[str, str]:
    """The forms agreement finds wherever they stand, with their labels: each form's most
    proposed label, and each full name's surname; not those shorter than three letters or
    starting with none in capitals, nor a single word the corpus also writes in lowercase."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for form, label, n in form_labels:
        labels[form][label] += n
    agreed = {form: form_labels.most_common(1)[0][0] for form, form_labels in labels.items()}
    agreed.update(surnames(agreed))
    return {
        form: label
        for form, label in agreed.items()
        if len(form) >= 3
        and NAME_START.match(form)
        and (" " in form or form.lower() not in lowercase_words)
    }


def redone_passages(
    db: sqlite_utils.Database,
    touched: TouchedPassages,
    changed: list[str],
    agreed: dict[str, str],
    source_id: int,
) -> list[int]:
    """The passages an update's agreement reads again, their mentions by agreement taken out:
    those it read and those that write a form whose agreed label it changed (found by the
    search index, or by the mentions agreement gave them)."""
    db.execute("create temp table redone (id integer primary key)")
    db.execute("create temp table changed_forms (form text primary key)")
    with db.atomic():
        db.conn.executemany("insert into temp.changed_forms values (?)", ((f,) for f in changed))
        db.execute(
            "insert into temp.redone select id from passages where id > ?", [touched.read_after]
        )
        db.execute(
            "insert or ignore into temp.redone select passage_id from mentions "
            "where source_id = ? and text in temp.changed_forms",
            [source_id],
        )
        for forms in batched([form for form in changed if form in agreed], 100):
            phrases = " OR ".join('"{}"'.format(form.replace('"', '""')) for form in forms)
            db.execute(
                "insert or ignore into temp.redone select rowid from passages_fts "
                "where passages_fts match ?",
                [f"text : ({phrases})"],
            )
    touched.touch("select id from temp.redone")
    with db.atomic():
        db.execute(
            "delete from mentions where source_id = ? and passage_id in temp.redone", [source_id]
        )
    redone = [passage_id for (passage_id,) in db.execute("select id from temp.redone")]
    db.execute("drop table temp.redone")
    db.execute("drop table temp.changed_forms")
    return redone


def surnames(forms: dict[str, str]) -> dict[str, str]:
    """The last word of each full name of a person (`Molotov` of `Vyacheslav Molotov`), where
    it is no other form of the corpus (`Berlin` of `Irving Berlin`, where the corpus names the
    city) and no country (`France` of `Anatole France`)."""
    found = {}
    for form, label in forms.items():
        words = form.split()
        if label == "PERSON" and len(words) > 1 and words[-1].isalpha():
            surname = words[-1]
            if surname not in forms and not places.is_country(surname):
                found[surname] = "PERSON"
    return found


def form_occurrences(text: str, by_first_word: dict) -> Iterator[tuple[int, int, str, str]]:
    for word in NAME_START.finditer(text):
        start = word.start()
        for length, forms in by_first_word.get(word.group(), ()):
            form = text[start : start + length]
            if form in forms and not text[start + length : start + length + 1].isalnum():
                yield start, start + length, form, forms[form]
                break


def country_hints(db: sqlite_utils.Database, forms: list[str]) -> dict[str, Counter]:
    """For each form, the countries named beside it: form -> country code -> passages that name
    both, or where none does, documents. One pass over the mentions of these forms and of the
    countries' names."""
    if not forms:
        return {}
    country_codes = {name: place.country_code for name, place in places.country_places().items()}
    in_passages, in_documents = defaultdict(set), defaultdict(set)  # form -> ids
    with db.atomic():
        db.execute("create temp table wanted_forms (form text primary key)")
        db.conn.executemany(
            "insert or ignore into temp.wanted_forms values (?)",
            [(form,) for form in [*forms, *country_codes]],
        )
        for form, passage_id, document_id in db.execute(
            # `in`: by the index of the mentions' text where there is one (an update's), else
            # by a scan; a join would scan that index whole, or make one.
            "select distinct mentions.text, mentions.passage_id, passages.document_id "
            "from mentions join passages on passages.id = mentions.passage_id "
            "where mentions.text in temp.wanted_forms"
        ):
            in_passages[form].add(passage_id)
            in_documents[form].add(document_id)
        db.execute("drop table temp.wanted_forms")
    hints = {}
    for ids_of in (in_passages, in_documents):
        countries_in = defaultdict(set)  # passage or document -> country codes it names
        for name, code in country_codes.items():
            for place_id in ids_of.get(name, ()):
                countries_in[place_id].add(code)
        for form in forms:
            if not hints.get(form):
                hints[form] = Counter(c for i in ids_of.get(form, ()) for c in countries_in[i])
    return hints
