"""Serves a built corpus with Datasette, read-only, with its limits, as a production server
runs it: worker processes over the immutable file (one per core unless told), behind uvicorn;
the explorer (this package, a plugin installed with the project) comes with Datasette.

    python explorer/serve.py DB [--port 8001] [--host 127.0.0.1] [--workers N]

`make serve`, the tests and the benchmarks all start the server through `command()`.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "sql_time_limit_ms": 3000,  # a runaway query is cut off; the server stays up
    "max_returned_rows": 1000,
    "suggest_facets": "off",  # facet suggestions scan whole tables on every page
    "facet_time_limit_ms": 500,
    "allow_facet": "on",
}


METADATA = ROOT / "metadata.json"


def command(port: int = 8001, host: str = "127.0.0.1", workers: int | None = None) -> list[str]:
    """The server's command line; it serves the database named by `environment()`."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "explorer.asgi:app",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers or os.cpu_count() or 1),
        "--no-access-log",
        "--timeout-graceful-shutdown",
        "5",
    ]


def environment(db: Path) -> dict[str, str]:
    return {**os.environ, "CORPUS_DB": str(Path(db).resolve())}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(
    db: Path, wait_seconds: float = 30, workers: int | None = None, **process_options
) -> Iterator[str]:
    """The server on a free loopback port while the block runs; yields its base URL.
    `process_options` go to its subprocess.Popen (its output is discarded unless they say)."""
    port = free_port()
    server = subprocess.Popen(
        command(port, workers=workers),
        env=environment(db),
        **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **process_options},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"datasette did not start for {db}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    args = parser.parse_args()
    if not args.db.is_file():
        parser.exit(1, f"error: {args.db} does not exist; build it with python -m ingest\n")
    arguments = command(args.port, args.host, args.workers)
    # The server in the foreground: stopping make stops it.
    os.execve(arguments[0], arguments, environment(args.db))


if __name__ == "__main__":
    main()
