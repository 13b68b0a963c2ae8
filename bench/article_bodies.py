"""Web pages' main text on a second set (issue 24): scrapinghub's article-extraction-benchmark
(public GitHub repository scrapinghub/article-extraction-benchmark: 181 real news and blog
pages, each with the article's text as people marked it). Scored as that benchmark scores
(runs of four words: the share of the article's runs in the passages, recall, and of the
passages' runs in the article, precision, each the mean over pages), for this checkout's HTML
reader, for trafilatura alone, and for an earlier commit's reader (--baseline).

    fetch github:scrapinghub/article-extraction-benchmark
    .venv/bin/python bench/article_bodies.py \
        /work/.mirror/scrapinghub+article-extraction-benchmark/repo --baseline COMMIT
"""

import argparse
import gzip
import json
import re
import statistics
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import trafilatura
from against_commit import ROOT, checkout_of, printed_in

from ingest.documents import ReadOptions, SourceFile
from ingest.readers import html

RUN_WORDS = 4
WORD = re.compile(r"\w+")

# Run in a checkout: each page's passages, by the page's name, as JSON.
READ_PAGES = """
import gzip, json, sys
from pathlib import Path
from ingest.documents import ReadOptions, SourceFile
from ingest.readers import html
texts = {}
for path in sorted(Path(sys.argv[1]).glob("*.html.gz")):
    source = SourceFile(Path(path.name[:-3]), gzip.decompress(path.read_bytes()))
    texts[path.name] = "\\n".join(
        p.text for document in html.read(source, ReadOptions()) for p in document.passages
    )
print(json.dumps(texts))
"""


def word_runs(text: str) -> Counter:
    words = WORD.findall(text)
    return Counter(tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))


def scores(article: str, found: str) -> tuple[float | None, float | None]:
    """Precision and recall of the runs `found` against the article's (None where the page
    has no runs to count them on)."""
    wanted, given = word_runs(article), word_runs(found)
    both = sum((wanted & given).values())
    precision = both / sum(given.values()) if given else None
    recall = both / sum(wanted.values()) if wanted else None
    return precision, recall


def report(name: str, articles: dict[str, str], texts: dict[str, str]) -> None:
    pairs = [scores(articles[page], texts.get(page, "")) for page in articles]
    precision = statistics.mean(p for p, _ in pairs if p is not None)
    recall = statistics.mean(r for _, r in pairs if r is not None)
    short = sum(r is not None and r < 0.9 for _, r in pairs)
    print(
        f"{name}: recall {recall:.3f}, precision {precision:.3f}; "
        f"pages with less than 90% of their article: {short}"
    )


def read_in(checkout: Path, folder: Path) -> dict[str, str]:
    """Each page's passages as `checkout`'s HTML reader gives them, by the page's name."""
    return json.loads(printed_in(checkout, READ_PAGES, str(folder)))


def each_reader(
    pages: Iterable[str], folder: Path, baseline: str | None, work: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    """Each reader's name, and the text it gives of each of the `pages` in `folder` (gzipped),
    by the page's name: this checkout's reader, trafilatura alone, the `baseline` commit's."""
    yield "this checkout", read_in(ROOT, folder)
    alone = {}
    for page in pages:
        source = SourceFile(Path(page[:-3]), gzip.decompress((folder / page).read_bytes()))
        alone[page] = trafilatura.extract(html.page_text(source, ReadOptions())) or ""
    yield "trafilatura alone", alone
    if baseline:
        with checkout_of(baseline, work / "baseline") as earlier:
            yield baseline, read_in(earlier, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a clone of the benchmark's repository")
    parser.add_argument("--baseline", help="an earlier commit whose reader to score as well")
    args = parser.parse_args()
    truth = json.loads(
        subprocess.run(
            ["git", "-C", str(args.repo), "show", "HEAD:ground-truth.json"],
            capture_output=True,
            check=True,
        ).stdout
    )
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "html"
        subprocess.run(
            f"git -C {args.repo} archive HEAD html | tar -x -C {work}", shell=True, check=True
        )
        articles = {f"{key}.html.gz": entry["articleBody"] for key, entry in truth.items()}
        for name, texts in each_reader(articles, folder, args.baseline, Path(work)):
            report(name, articles, texts)


if __name__ == "__main__":
    main()
