"""PDFs laid out as a reader reads them (issue 24) cost more to read: a build of real PDFs
(with entities) by this checkout against one by an earlier commit, taking turns. The PDF is
a public-domain sample of pdfminer.six, the IRS's instructions for Form 1040NR (50 pages in
three columns), copied `--copies` times under other names so that the corpus is a shelf of
books.

    fetch github:pdfminer/pdfminer.six
    .venv/bin/python bench/pdf_books.py /work/.mirror/pdfminer+pdfminer.six/repo COMMIT
"""

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from against_commit import ROOT, checkout_of, timed_build

SAMPLE, PAGES = "samples/nonfree/i1040nr.pdf", 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a clone of pdfminer/pdfminer.six")
    parser.add_argument("baseline", help="an earlier commit to build the PDFs against")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        books = work / "books"
        books.mkdir()
        data = subprocess.run(
            ["git", "-C", str(args.repo), "show", f"HEAD:{SAMPLE}"], capture_output=True, check=True
        ).stdout
        for copy in range(args.copies):
            (books / f"{copy:03d}-{Path(SAMPLE).name}").write_bytes(data)
        times = {"this checkout": [], args.baseline: []}
        with checkout_of(args.baseline, work / "baseline") as earlier:
            for _ in range(args.rounds):
                times[args.baseline].append(timed_build(earlier, books, work / "a.db"))
                times["this checkout"].append(timed_build(ROOT, books, work / "b.db"))
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    print(
        f"{args.copies} PDFs, {PAGES * args.copies} pages, with entities, median of {args.rounds}:"
    )
    for name, seconds in medians.items():
        print(f"  {name}: {seconds:.1f} s")
    print(f"  speed of this checkout: {medians[args.baseline] / medians['this checkout']:.2f}x")


if __name__ == "__main__":
    main()
