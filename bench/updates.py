"""What an update costs beside a full build: one document added to a built corpus, changed,
then removed, each a build to the same database (ingest.updates).

    .venv/bin/python bench/updates.py WORK_DIR [--passages 1000000] [--ner] [--copies 1]

WORK_DIR keeps the synthetic corpus (bench/synthetic.py) and the database between runs. With
`--ner` the builds have entities, and the full build beside the updates is the one a build to
the same database made before updates (every passage read again, the stored mentions reused).
With `--copies N` the corpus is the synthetic one's files N times over: the first copy is
built alone, then all of them to the same database, whose model reads no passage again (a
corpus of N times the passages with entities, at the cost of the model over one copy).
"""

import argparse
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# About a kilobyte of prose with a citation marker and dates, as an archive's new document.
NEW_DOCUMENT = (
    "On 3 May 1939 the talks in Moscow resumed.[1] The delegation met again in June, and "
    "by 23 August 1939 the pact was signed. Observers in Berlin wrote that the treaty had "
    "surprised the Allies.\n\nIn the autumn of 1939 trade between the two powers grew; the "
    "agreement of 11 February 1940 set out the deliveries of grain and oil against machines "
    "and arms. The deliveries continued until June 1941.\n\n"
) * 3


def timed_ingest(sources: Path, db: Path, ner: bool) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ingest", str(sources), "--db", str(db)]
        + ([] if ner else ["--no-ner"]),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]


def counts(db: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(
            "select (select count(*) from documents), (select count(*) from passages), "
            "(select sum(dates) from timeline)"
        ).fetchone()


def full_build_reusing_mentions(sources: Path, db: Path) -> float:
    """Seconds of a build to a copy of `db` told nothing of its settings, as before updates:
    a full build whose model reads no passage twice."""
    copy = db.with_name("full_copy.db")
    shutil.copyfile(db, copy)
    with closing(sqlite3.connect(copy)) as connection, connection:
        connection.execute(
            "delete from build_info where key in ('settings_digest', 'inputs_digest')"
        )
    seconds, _ = timed_ingest(sources, copy, ner=True)
    copy.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--ner", action="store_true", help="with entities")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    one_copy, db = args.work / "synthetic", args.work / "corpus.db"
    sources = one_copy if args.copies == 1 else args.work / f"copies_{args.copies}"
    if not one_copy.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synthetic.py"), str(one_copy)]
            + ["--passages", str(args.passages)],
            check=True,
        )
    if not sources.is_dir():
        sources.mkdir()
        for copy in range(args.copies):
            for path in sorted(one_copy.iterdir()):
                shutil.copyfile(path, sources / f"{copy}_{path.name}")
    added = sources / "zz_new_document.txt"
    added.unlink(missing_ok=True)
    db.unlink(missing_ok=True)
    if args.copies > 1:
        seconds, _ = timed_ingest(one_copy, db, args.ner)
        print(f"one copy built first: {seconds:.1f} s")
    full, _ = timed_ingest(sources, db, args.ner)
    before = counts(db)
    print(f"full build of {before[1]:,} passages: {full:.1f} s")
    if args.ner:
        full = full_build_reusing_mentions(sources, db)
        print(f"full build reusing the stored mentions: {full:.1f} s")
    steps = [
        ("add one document", lambda: added.write_text(NEW_DOCUMENT)),
        ("change it", lambda: added.write_text(NEW_DOCUMENT.replace("1939", "1938"))),
        ("remove it", added.unlink),
    ]
    for name, step in steps:
        step()
        seconds, summary = timed_ingest(sources, db, args.ner)
        print(f"{name}: {seconds:.1f} s ({seconds / full:.3f} of the full build)\n  {summary}")
    assert counts(db) == before, "the corpus after adding and removing a document differs"
    print("documents, passages and dates as before the document came and went")


if __name__ == "__main__":
    main()
