"""Web pages' main text on a third set (issue 24): tiptopjaw/web-content-extraction-benchmark
(public GitHub repository: 1,000 web pages fetched in 2025, each with snippets of its main
text and of its website, written by a language model and checked by its authors). The model
rewrites some snippets, so only those the page's text holds are counted; snippets are
compared without spaces and with straight quotes (the model joins a page's lines and blocks
as it likes and writes its quotes straight). As the set is mostly shops, listings and
service pages, it is scored by the kind of page its annotation gives, articles first: for
this checkout's HTML reader, for trafilatura alone, and for an earlier commit's (--baseline).

    fetch github:tiptopjaw/web-content-extraction-benchmark
    .venv/bin/python bench/modern_pages.py \
        /work/.mirror/tiptopjaw+web-content-extraction-benchmark/repo --baseline COMMIT
"""

import argparse
import gzip
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from article_bodies import each_reader
from selectolax.lexbor import LexborHTMLParser
from web_pages import normal

from ingest.documents import ReadOptions, SourceFile
from ingest.readers import html, main_text

KINDS = ("article", "documentation", "forum", "service", "product", "listing", "collection")


def snippets(folder: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """Each page's kind and its snippets that the page has: of main text and of boilerplate,
    by the page's file name."""
    found = {}
    for annotation in sorted((folder / "benchmark" / "ground-truth").glob("*.json")):
        page = folder / "release" / "html" / f"{annotation.stem}.html.gz"
        if not page.exists():
            continue
        entry = json.loads(annotation.read_text())
        source = SourceFile(Path(page.name[:-3]), gzip.decompress(page.read_bytes()))
        tree = LexborHTMLParser(html.page_text(source, ReadOptions()))
        # all the page's text, compared without spaces: no reader's choices decide what counts
        whole = squeezed(tree.root.text(separator=" ")) if tree.root else ""
        truth = entry["ground_truth"]
        found[page.name] = (
            entry.get("_internal", {}).get("page_type", {}).get("primary", ""),
            [s for s in truth.get("with") or [] if squeezed(s) in whole],
            [s for s in truth.get("without") or [] if squeezed(s) in whole],
        )
    return found


# The model writes a page's curly quotes straight.
STRAIGHT_QUOTES = str.maketrans("‘’“”", "''\"\"")


def squeezed(text: str) -> str:
    return main_text.squeezed(normal(text).translate(STRAIGHT_QUOTES))


def report(name: str, truth: dict, texts: dict[str, str]) -> None:
    counts = Counter()
    for page, (kind, main, boilerplate) in truth.items():
        text = squeezed(texts.get(page, ""))
        counts[kind, "pages"] += 1
        counts[kind, "main"] += len(main)
        counts[kind, "kept"] += sum(squeezed(s) in text for s in main)
        counts[kind, "boilerplate"] += len(boilerplate)
        counts[kind, "out"] += sum(squeezed(s) not in text for s in boilerplate)
    print(f"{name}:")
    for kind in KINDS:
        main, boilerplate = counts[kind, "main"], counts[kind, "boilerplate"]
        print(
            f"  {kind} ({counts[kind, 'pages']} pages): main text kept {counts[kind, 'kept']}/"
            f"{main} = {counts[kind, 'kept'] / main:.3f}, boilerplate out {counts[kind, 'out']}/"
            f"{boilerplate} = {counts[kind, 'out'] / boilerplate:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a clone of the benchmark's repository")
    parser.add_argument("--baseline", help="an earlier commit whose reader to score as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            f"git -C {args.repo} archive HEAD release/html benchmark/ground-truth "
            f"| tar -x -C {work}",
            shell=True,
            check=True,
        )
        folder = Path(work) / "release" / "html"
        truth = snippets(Path(work))
        for name, texts in each_reader(truth, folder, args.baseline, Path(work)):
            report(name, truth, texts)


if __name__ == "__main__":
    main()
