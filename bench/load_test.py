"""A bounded loopback load test: ranked searches from concurrent clients against the server
as `make serve` runs it. Stops by itself; exits 1 on any error.

    .venv/bin/python bench/load_test.py [DB] [--requests 2000] [--clients 8] [--workers N]
        [--baseline]
"""

import argparse
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from explorer.serve import running  # noqa: E402

TERMS = ["Molotov", "treaty", "Germany", "pact", "Stalin", "1939", "war", "Soviet", "Lithuania"]


def run_load(
    base: str, requests: int, clients: int, unkept: bool = False
) -> tuple[list[float], list]:
    """Latencies in seconds and errors of `requests` searches spread over `clients` threads;
    `unkept`: each request a new address (a parameter the search ignores), so no answer the
    server keeps is reused and every search is run."""
    urls = [
        f"{base}/search.json?_shape=array&q={TERMS[i % len(TERMS)]}"
        + (f"&reader={i}" if unkept else "")
        for i in range(requests)
    ]
    latencies, errors, lock = [], [], threading.Lock()

    def client(mine: list[str]) -> None:
        for url in mine:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    failed = response.status != 200 and response.status
            except (urllib.error.URLError, TimeoutError) as error:
                failed = repr(error)
            with lock:
                latencies.append(time.perf_counter() - started)
                if failed:
                    errors.append(failed)

    threads = [threading.Thread(target=client, args=(urls[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?", default=ROOT / "data" / "corpus.db")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count(), help="server workers (default: cores)"
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="first the same load on one worker, and each load with every search run anew",
    )
    args = parser.parse_args()
    runs = [(args.workers, False)]
    if args.baseline:
        runs = [(1, True), (args.workers, True), (1, False), (args.workers, False)]
    failed = False
    for workers, unkept in runs:
        with running(args.db, wait_seconds=120, workers=workers) as url:
            started = time.perf_counter()
            latencies, errors = run_load(
                f"{url}/{args.db.stem}", args.requests, args.clients, unkept
            )
            seconds = time.perf_counter() - started
        cuts = statistics.quantiles(latencies, n=100)
        print(
            f"{workers} worker{'s' if workers > 1 else ''}, "
            f"{'every search run' if unkept else 'popular searches kept'}: "
            f"{len(latencies)} searches from {args.clients} clients in {seconds:.1f} s "
            f"({len(latencies) / seconds:.0f}/s): {len(errors)} errors; latency p50 "
            f"{cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms"
        )
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
