"""Build speed of this checkout against an earlier commit, on the same synthetic corpus, the
two builds taking turns so that the machine's noise falls on both alike.

    .venv/bin/python bench/against_commit.py COMMIT [--passages 200000] [--rounds 3] [--ner]
        [--sources DIR]

The earlier commit is checked out in a temporary git worktree and run with this checkout's
virtual environment; `--sources` builds a folder of your own instead of the synthetic corpus.
The ratios are this checkout's median time over the earlier one's: wall time, and processor
time (the build's and its workers', user and system), which a shared machine's stolen time
leaves out.
"""

import argparse
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(checkout: Path, sources: Path, db: Path, *flags: str) -> float:
    """Seconds `python -m ingest` of `checkout` takes to build `db` from `sources`."""
    return measured_build(checkout, sources, db, *flags)[0]


def measured_build(checkout: Path, sources: Path, db: Path, *flags: str) -> tuple[float, float]:
    """Wall and processor seconds `python -m ingest` of `checkout` takes to build `db` from
    `sources`."""
    db.unlink(missing_ok=True)
    before = processor_seconds()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ingest", str(sources), "--db", str(db), *flags],
        cwd=checkout,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started, processor_seconds() - before


def processor_seconds() -> float:
    """User and system time of this script's ended child processes and theirs."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def synthetic_corpus(folder: Path, passages: int) -> Path:
    """bench/synthetic.py's corpus of `passages` passages, written to `folder`."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synthetic.py"), str(folder)]
        + ["--passages", str(passages)],
        check=True,
        capture_output=True,
    )
    return folder


def printed_in(checkout: Path, script: str, *args: str) -> str:
    """What the Python `script` prints, run in `checkout` (with its `ingest`)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@contextmanager
def checkout_of(commit: str, folder: Path) -> Iterator[Path]:
    """`commit` checked out in a temporary git worktree at `folder`."""
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(folder), commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("--passages", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ner", action="store_true", help="with entities (default: without)")
    parser.add_argument("--sources", type=Path, help="a folder to build instead of the synthetic")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with checkout_of(args.commit, work / "earlier") as earlier:
            sources = args.sources or synthetic_corpus(work / "sources", args.passages)
            times = {"earlier": [], "this": []}  # (wall, processor) seconds
            for _ in range(args.rounds):
                for name, checkout in (("earlier", earlier), ("this", ROOT)):
                    times[name].append(
                        measured_build(
                            checkout,
                            sources,
                            work / f"{name}.db",
                            *([] if args.ner else ["--no-ner"]),
                        )
                    )
            with closing(sqlite3.connect(work / "this.db")) as built:
                passages = built.execute("select count(*) from passages").fetchone()[0]
    print(
        f"{passages:,} passages, {'with' if args.ner else 'without'} entities, "
        f"median of {args.rounds}:"
    )
    medians = {}
    for name, label in (("earlier", args.commit), ("this", "this checkout")):
        wall, processor = (statistics.median(column) for column in zip(*times[name], strict=True))
        medians[name] = wall, processor
        print(
            f"  {label}: {wall:.1f} s ({passages / wall:,.0f} passages/s), "
            f"{processor:.1f} processor s"
        )
    (earlier_wall, earlier_cpu), (this_wall, this_cpu) = medians["earlier"], medians["this"]
    print(
        f"  ratio this / earlier: {this_wall / earlier_wall:.3f} wall, "
        f"{this_cpu / earlier_cpu:.3f} processor"
    )


if __name__ == "__main__":
    main()
