"""The reading pages' time on a built corpus, served as `make serve` serves it: trends,
collocates and keyness (first asked, and asked again), beside the ranked search for the same
word in the same run, and the corpus timeline and the search page with its facets.

    .venv/bin/python bench/distant_reading.py DB [--words treaty,pact,1939]
"""

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from explorer.serve import running  # noqa: E402


def seconds(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.status == 200, url
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--words", default="treaty,pact,1939")
    args = parser.parse_args()
    words = args.words.split(",")
    with running(args.db, wait_seconds=120) as url:
        base = f"{url}/{args.db.stem}"
        counted = f"{base}.json?sql=select+count(*)+from+passages&_shape=arrayfirst"
        (passages,) = json.loads(urllib.request.urlopen(counted).read())
        print(f"{args.db}: {passages:,} passages")
        print("| page | first | again | ranked search of the word | ratio (first) |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for word in words:
            search = seconds(f"{base}/search.json?{urlencode({'q': word})}")
            for page, query in [
                ("trends", {"terms": word}),
                ("collocates", {"q": word}),
                ("keyness", {"q": word}),
            ]:
                address = f"{base}/{page}?{urlencode(query)}"
                first, again = seconds(address), seconds(address)
                print(
                    f"| {page}?{urlencode(query)} | {first:.2f} s | {again:.2f} s "
                    f"| {search:.2f} s | {first / search:.1f}x |"
                )
        for page in ["timeline", f"search?q={words[0]}", "keyness?year=1939"]:
            print(f"| {page} | {seconds(f'{base}/{page}'):.2f} s | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
