"""The rows a build writes, by this checkout and by an earlier commit, from the seed and from a
synthetic corpus: a change to the house, not to what it extracts, must change no row.

    .venv/bin/python bench/same_rows.py COMMIT [--passages 10000] [--no-ner]

The earlier commit is checked out in a temporary git worktree and run with this checkout's
virtual environment. Prints each table's rows and whether the two builds agree; exits 1 if any
table differs.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from against_commit import checkout_of, synthetic_corpus, timed_build  # noqa: E402
from rows import table_rows  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--no-ner", action="store_true", help="builds without entities")
    args = parser.parse_args()
    flags = ["--no-ner"] if args.no_ner else []
    differing = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with checkout_of(args.commit, work / "earlier") as earlier:
            synthetic = synthetic_corpus(work / "synthetic", args.passages)
            for corpus, sources in (("seed", ROOT / "seeds"), ("synthetic", synthetic)):
                built = {}
                for name, checkout in (("earlier", earlier), ("this", ROOT)):
                    seconds = timed_build(checkout, sources, work / f"{name}.db", *flags)
                    built[name] = table_rows(work / f"{name}.db")
                    print(f"{corpus}: {name} built in {seconds:.1f} s")
                for table in sorted(set(built["earlier"]) | set(built["this"])):
                    rows = built["this"].get(table)
                    same = rows == built["earlier"].get(table)
                    print(f"  {table}: {len(rows or ())} rows, {'same' if same else 'DIFFERENT'}")
                    if not same:
                        differing.append(f"{corpus}.{table}")
    print("every row the same" if not differing else f"different: {', '.join(differing)}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
