"""Web pages as a reader reads them (issue 24), on the evaluation set of trafilatura (public
GitHub repository adbar/trafilatura: 990 real pages in many languages, each with snippets its
authors require in the main text and snippets of the website that must stay out of it).

1. The check: the share of main-text snippets in the passages, and of boilerplate snippets
   out of them, for this checkout's HTML reader and for the whole page read block by block
   (what the reader did before it looked for the main text).
2. The speed: a build of the pages (with entities) by this checkout against one by an
   earlier commit, taking turns, on the pages both can read (the earlier reader read UTF-8
   only).

    fetch github:adbar/trafilatura
    .venv/bin/python bench/web_pages.py /work/.mirror/adbar+trafilatura/repo --baseline COMMIT
"""

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path

from against_commit import ROOT, checkout_of, printed_in, timed_build
from selectolax.lexbor import LexborHTMLParser

from ingest.documents import ReadOptions, SourceFile
from ingest.readers import blocks, html


def pages(repo: Path, folder: Path) -> list[tuple[Path, dict]]:
    """The evaluation pages written to `folder`, each with its snippets."""
    subprocess.run(
        f"git -C {repo} archive HEAD tests/eval tests/cache tests/evaldata.json "
        f"| tar -x -C {folder}",
        shell=True,
        check=True,
    )
    tests = folder / "tests"
    found = []
    for entry in json.loads((tests / "evaldata.json").read_text()).values():
        path = tests / "eval" / entry["file"]
        found.append((path if path.exists() else tests / "cache" / entry["file"], entry))
    return found


def normal(text: str) -> str:
    """Text as the readers give it: in NFC, no soft hyphens (some snippets have them: the
    readers take them out of words, so that a search finds the word)."""
    return " ".join(unicodedata.normalize("NFC", text).replace(blocks.SOFT_HYPHEN, "").split())


def whole_page(source: SourceFile) -> list[str]:
    tree = LexborHTMLParser(html.page_text(source, ReadOptions()))
    blocks.remove_unread(tree)
    return [p.text for p in blocks.passages(tree.body)] if tree.body else []


def main_text(source: SourceFile) -> list[str]:
    return [p.text for document in html.read(source, ReadOptions()) for p in document.passages]


def check(found: list[tuple[Path, dict]]) -> None:
    for name, reader in (("main text (this checkout)", main_text), ("whole page", whole_page)):
        kept = wanted = out = unwanted = 0
        started = time.perf_counter()
        for path, entry in found:
            text = normal(" ".join(reader(SourceFile(path, path.read_bytes()))))
            kept += sum(normal(s) in text for s in entry.get("with", []))
            wanted += len(entry.get("with", []))
            out += sum(normal(s) not in text for s in entry.get("without", []))
            unwanted += len(entry.get("without", []))
        seconds = time.perf_counter() - started
        print(
            f"{name}: main text kept {kept}/{wanted} = {kept / wanted:.3f}, boilerplate out "
            f"{out}/{unwanted} = {out / unwanted:.3f}; {1000 * seconds / len(found):.0f} ms a page"
        )


# Run in the earlier checkout: the names of the pages its reader cannot read.
UNREADABLE = """
import sys
from pathlib import Path
from ingest.documents import ReadOptions
from ingest.sources import read_documents
for path in Path(sys.argv[1]).iterdir():
    try:
        [list(d.passages) for d in read_documents(path, ReadOptions())]
    except Exception:
        print(path.name)
"""


def speed(found: list[tuple[Path, dict]], baseline: str, rounds: int, work: Path) -> None:
    sources = work / "pages"
    sources.mkdir()
    for path, _ in found:
        shutil.copy(path, sources / path.name)
    times = {"this checkout": [], baseline: []}
    with checkout_of(baseline, work / "baseline") as earlier:
        unreadable = printed_in(earlier, UNREADABLE, str(sources)).split("\n")
        for name in filter(None, unreadable):
            (sources / name).unlink()
        count = len(list(sources.iterdir()))
        for _ in range(rounds):
            times[baseline].append(timed_build(earlier, sources, work / "a.db"))
            times["this checkout"].append(timed_build(ROOT, sources, work / "b.db"))
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    print(f"{count} pages built with entities, median of {rounds}:")
    for name, seconds in medians.items():
        print(f"  {name}: {seconds:.1f} s")
    print(f"  speed of this checkout: {medians[baseline] / medians['this checkout']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a clone of adbar/trafilatura")
    parser.add_argument("--baseline", help="an earlier commit to build the pages against")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        found = pages(args.repo, Path(work))
        check(found)
        if args.baseline:
            speed(found, args.baseline, args.rounds, Path(work))


if __name__ == "__main__":
    main()
