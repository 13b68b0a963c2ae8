"""Speed of date extraction alone, in passages per second, beside baselines in the same run:
one regular-expression scan for four-digit numbers over the same texts (the least any year
finder must do) and, with `--against COMMIT`, the date rules of an earlier commit, the two
taking turns so that the machine's noise falls on both alike.

    .venv/bin/python bench/dates_speed.py [--passages 20000] [--texts FILE] [--against COMMIT]
        [--language CODE] [--document-date YYYY-MM-DD]

`--texts FILE` reads the passages from a file, one per line, instead of synthetic ones, in the
grammar of `--language` (default en); `--document-date` reads them as a dated document's, its
deictic dates (`letztes Jahr`) included.
"""

import argparse
import importlib
import importlib.util
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from synthetic import passages  # noqa: E402

import ingest  # noqa: E402
from ingest.citations import clean_passage  # noqa: E402

FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def seconds(function, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def rates(functions: dict, texts: list[str], rounds: int = 5) -> dict[str, float]:
    """Passages per second of each function, the best of `rounds`, the functions in turn."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(rounds):
        for name, function in functions.items():
            best[name] = min(best[name], seconds(function, texts))
    return {name: len(texts) / time_taken for name, time_taken in best.items()}


def earlier_package(commit: str, folder: Path):
    """The package ingest as it was at `commit`, loaded beside this checkout's as the package
    `earlier_ingest`."""
    archive = subprocess.run(
        ["git", "archive", commit, "ingest"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as files:
        files.extractall(folder, filter="data")
    package = folder / "ingest"
    spec = importlib.util.spec_from_file_location(
        "earlier_ingest", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["earlier_ingest"] = module
    spec.loader.exec_module(module)
    return module


def extractor(package, language: str, document_date: str | None):
    """extract_dates of `package`'s ingest.dates, in `language`'s grammar, each passage read as
    one of a document dated `document_date` (or of an undated one)."""
    dates = importlib.import_module(f"{package.__name__}.dates")
    if language == "en" and document_date is None:
        return dates.extract_dates  # as every commit has it, before contexts and languages too
    if language == "en":
        return lambda text: dates.extract_dates(text, dates.DateContext(document_date))
    grammar = importlib.import_module(f"{package.__name__}.languages").date_grammar(language)
    return lambda text: dates.extract_dates(text, dates.DateContext(document_date), grammar)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=20_000)
    parser.add_argument("--texts", type=Path, help="a file of passages, one per line")
    parser.add_argument("--against", metavar="COMMIT", help="an earlier commit's date rules")
    parser.add_argument("--language", default="en", help="the grammar's language (ISO 639-1)")
    parser.add_argument("--document-date", help="the passages' document's date: YYYY-MM-DD")
    args = parser.parse_args()
    if args.texts:
        lines = args.texts.read_text(encoding="utf-8").splitlines()
        texts = [clean_passage(line)[0] for line in lines if line.strip()][: args.passages]
        kind = args.texts.name
    else:
        texts = [clean_passage(raw)[0] for raw in passages(args.passages)]
        kind = "synthetic"
    read_as = args.language, args.document_date
    functions = {"ingest.dates.extract_dates": extractor(ingest, *read_as)}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            earlier = earlier_package(args.against, Path(folder))
            functions[f"extract_dates at {args.against}"] = extractor(earlier, *read_as)
        functions["baseline: `\\b\\d{4}\\b` findall"] = FOUR_DIGITS.findall
        found = {name: sum(len(f(text)) for text in texts) for name, f in functions.items()}
        measured = rates(functions, texts)
    baseline = list(measured.values())[-1]
    print(f"{len(texts)} passages ({kind}), mean {sum(map(len, texts)) / len(texts):.0f} chars")
    print("| extractor | dates found | passages/s | vs baseline |")
    print("| --- | ---: | ---: | ---: |")
    for name, rate in measured.items():
        print(f"| {name} | {found[name]:,} | {rate:,.0f} | {rate / baseline:.2f}× |")
    if args.against:
        ours, earlier = list(measured.values())[:2]
        print(f"this checkout / {args.against}: {ours / earlier:.2f}×")


if __name__ == "__main__":
    main()
