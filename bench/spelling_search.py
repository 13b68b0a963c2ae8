"""The search across spellings against the exact search, on a synthetic corpus of a million
passages, in the same run: p50/p95 of the ranked search (SQL and served as JSON) with and
without `exact`, and the `names` query answering 100 names.

    .venv/bin/python bench/spelling_search.py [--passages 1000000] [--repeats 5] [--work DIR]

The corpus is bench/synthetic.py's prose, built with `--no-ner` (a million passages through
the entity models would take hours), and one passage in twenty naming one of 200 people in one
of four spellings (`Loravikov`, `Loravikow`, `Loravikoff`, `Лоравиков`). The people are then
written as entities with those four aliases, as the build writes what its models find, and the
build's own `storage.write_name_spellings` indexes their spellings. Prints one Markdown table.
"""

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import sqlite_utils

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmark import ingest, percentiles, search_terms  # noqa: E402
from synthetic import SYLLABLES, write_corpus  # noqa: E402

import explorer  # noqa: E402
from explorer.pages import NARROWING  # noqa: E402
from explorer.serve import running  # noqa: E402
from ingest import storage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEARCH_SQL = json.loads((ROOT / "metadata.json").read_text())["databases"]["corpus"]["queries"][
    "search"
]["sql"]
CYRILLIC = dict(zip("abdegiklmnoprstuvz", "абдегиклмнопрстувз", strict=True))
PEOPLE = 200
NAMED_SHARE = 20  # one passage in twenty names a person


def person_spellings(rng: random.Random) -> list[str]:
    """A surname in English, German, 1930s French and Russian letters."""
    stem = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    russian = "".join(CYRILLIC.get(letter, letter) for letter in stem.lower()).capitalize()
    return [f"{stem}ov", f"{stem}ow", f"{stem}off", f"{russian}ов"]


def write_named_passages(folder: Path, people: list[list[str]], count: int, seed: int) -> None:
    rng = random.Random(seed)
    lines = [
        f"In {rng.randint(1918, 1941)} {rng.choice(rng.choice(people))} spoke at the congress."
        for _ in range(count)
    ]
    (folder / "named.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_people(db_path: Path, people: list[list[str]]) -> None:
    """The people as entities with their four spellings, and the spellings indexed."""
    db = sqlite_utils.Database(db_path)
    first = (db.execute("select max(id) from entities").fetchone()[0] or 0) + 1
    db["entities"].insert_all(
        {"id": first + i, "name": spellings[0], "type": "PERSON", "mentions": 0, "passages": 0}
        for i, spellings in enumerate(people)
    )
    db["entity_aliases"].insert_all(
        {"entity_id": first + i, "alias": alias, "language": language, "mentions": 1}
        for i, spellings in enumerate(people)
        for alias, language in zip(spellings, ("en", "de", "fr", "ru"), strict=True)
    )
    db.execute("delete from name_spellings")
    storage.write_name_spellings(db)
    db.conn.commit()


def time_sql(db: Path, queries: list[str], exact: str, repeats: int) -> tuple[float, float, int]:
    connection = sqlite3.connect(db)
    explorer.prepare_connection(connection)
    parameters = dict.fromkeys(NARROWING, "")
    samples, found = [], 0
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            rows = connection.execute(SEARCH_SQL, parameters | {"q": query, "exact": exact})
            found += len(rows.fetchall())
            samples.append((time.perf_counter() - started) * 1000)
    connection.close()
    return *percentiles(samples), found // repeats


def fetch(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="spellings-"))
    rng = random.Random(7)
    people: dict[str, list[str]] = {}
    while len(people) < PEOPLE:
        spellings = person_spellings(rng)
        people.setdefault(spellings[0], spellings)
    people = list(people.values())
    named = args.passages // NAMED_SHARE
    sources = work / "sources"
    write_corpus(sources, args.passages - named, max(1, args.passages // 1000), seed=2)
    write_named_passages(sources, people, named, seed=3)
    db = work / "corpus.db"
    build_seconds, _, _ = ingest(sources, db, "--no-ner")
    started = time.perf_counter()
    add_people(db, people)
    index_seconds = time.perf_counter() - started

    names = [rng.choice(spellings) for spellings in people[:50]]
    words = list(search_terms(db).values())
    print(
        f"{args.passages:,} passages built in {build_seconds:.0f} s; spellings indexed in "
        f"{index_seconds:.1f} s\n"
    )
    print(
        "| search | exact p50 / p95 (ms) | every spelling p50 / p95 (ms) | ratio of p95 | "
        "passages found (exact, every spelling) |"
    )
    print("| --- | --- | --- | --- | --- |")
    mix = (("a name (50 people)", names), ("ordinary words", words), ("both", names + words))
    for label, queries in mix:
        exact = time_sql(db, queries, "1", args.repeats)
        every = time_sql(db, queries, "", args.repeats)
        print(
            f"| {label}, SQL | {exact[0]:.0f} / {exact[1]:.0f} | {every[0]:.0f} / {every[1]:.0f} "
            f"| {every[1] / exact[1]:.2f}× | {exact[2]:,}, {every[2]:,} |"
        )
    with running(db) as url:
        base = f"{url}/{db.stem}/search.json?_shape=array&q="
        fetch(base + "warm")
        for exact_value in ("1", ""):
            samples = [
                fetch(base + urllib.parse.quote(name) + f"&exact={exact_value}")[0]
                for _ in range(args.repeats)
                for name in names
            ]
            p50, p95 = percentiles(samples)
            mode = "exact" if exact_value else "every spelling"
            print(f"| a name, served as JSON, {mode} | | {p50:.0f} / {p95:.0f} | | |")
        others = [spellings[1] for spellings in people[50 : 100 - len(words)]]
        hundred = "\n".join([*names, *others, *words])
        timings = []
        for _ in range(3):
            elapsed, body = fetch(
                f"{url}/{db.stem}/names.json?_shape=array&names=" + urllib.parse.quote(hundred)
            )
            timings.append(elapsed)
        answered = json.loads(body)
        print(
            f"\n`names` with 100 names: {len(answered)} rows in {min(timings):.0f} / "
            f"{max(timings):.0f} ms (best / worst of 3); target ≤ 10,000 ms"
        )


if __name__ == "__main__":
    main()
