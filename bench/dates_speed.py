"""Speed of date extraction alone, in passages per second on synthetic text, beside a
baseline in the same run: one regular-expression scan for four-digit numbers over the same
texts (the least any year finder must do).

    .venv/bin/python bench/dates_speed.py [--passages 20000]
"""

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import passages  # noqa: E402

from ingest.citations import clean_passage  # noqa: E402
from ingest.dates import extract_dates  # noqa: E402

FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def rate(function, texts: list[str], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=20_000)
    args = parser.parse_args()
    texts = [clean_passage(raw)[0] for raw in passages(args.passages)]
    dates = sum(len(extract_dates(text)) for text in texts)
    ours = rate(extract_dates, texts)
    baseline = rate(FOUR_DIGITS.findall, texts)
    print(
        f"{len(texts)} synthetic passages, {dates} dates, "
        f"mean {sum(map(len, texts)) / len(texts):.0f} chars"
    )
    print("| extractor | passages/s | vs baseline |")
    print("| --- | ---: | ---: |")
    print(f"| ingest.dates.extract_dates | {ours:,.0f} | {ours / baseline:.2f}× |")
    print(f"| baseline: `\\b\\d{{4}}\\b` findall | {baseline:,.0f} | 1.00× |")


if __name__ == "__main__":
    main()
