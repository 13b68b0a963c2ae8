"""A corpus of any size without entities, built and then read as a reader reads it: the build's
time and peak memory, the database against the text, the ranked search (a rare word, one in
half the passages, one in nearly all) as JSON and as the page with its facets, and the corpus
timeline; beside the same pages of a smaller corpus's database, in the same run.

    .venv/bin/python bench/synthetic.py /tmp/m10/src --passages 10000000 --files 1000
    .venv/bin/python bench/scale.py /tmp/m10/src /tmp/m10/corpus.db [--baseline-db SMALLER.db]
        [--reading-only]   # the database as built before: its reading measured, nothing built
"""

import argparse
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmark import ingest, search_terms, size_of, time_datasette  # noqa: E402

from explorer.serve import running  # noqa: E402


def page_seconds(db: Path, path: str, repeats: int) -> float:
    """The slowest of `repeats` loads of a page: the first is not kept by the server yet."""
    with running(db, wait_seconds=300) as url:
        slowest = 0.0
        for _ in range(repeats):
            started = time.perf_counter()
            with urllib.request.urlopen(f"{url}/{db.stem}/{path}", timeout=120) as response:
                response.read()
            slowest = max(slowest, time.perf_counter() - started)
    return slowest


def reading(db: Path, repeats: int) -> dict[str, str]:
    terms = search_terms(db)
    json_times = time_datasette(db, terms, repeats)
    page_times = time_datasette(db, terms, 1, page="?")
    measured = {}
    for label, term in terms.items():
        p50, p95 = json_times[label]
        measured[f"ranked search, {label}, JSON p50 / p95"] = f"{p50:.0f} / {p95:.0f} ms ({term})"
        measured[f"search page with its facets, {label}"] = f"{page_times[label][0]:.0f} ms"
    measured["corpus timeline page, first load"] = f"{page_seconds(db, 'timeline', 1):.2f} s"
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--baseline-db", type=Path)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--reading-only", action="store_true")
    args = parser.parse_args()
    rows = {}
    if not args.reading_only:
        args.db.unlink(missing_ok=True)
        seconds, peak_mb, output = ingest(args.sources, args.db, "--no-ner")
        print(output.strip())
        rows = {
            "build without entities": f"{seconds / 60:.1f} min",
            "peak memory of the build, workers included": f"{peak_mb:,.0f} MB",
        }
    rows["database / text"] = f"{args.db.stat().st_size / size_of(args.sources):.2f}×"
    ours = reading(args.db, args.repeats)
    baseline = reading(args.baseline_db, args.repeats) if args.baseline_db else {}
    print(f"| measure | {args.db} | {args.baseline_db or ''} |")
    print("| --- | ---: | ---: |")
    for measure, value in {**rows, **ours}.items():
        print(f"| {measure} | {value} | {baseline.get(measure, '')} |")


if __name__ == "__main__":
    main()
