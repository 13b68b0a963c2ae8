"""Serves a built corpus with Datasette, read-only, with the explorer and its limits.

    python explorer/serve.py DB [--port 8001] [--host 127.0.0.1]

`make serve`, the tests and the benchmarks all start the server through `command()`.
"""

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SETTINGS = {
    "sql_time_limit_ms": 3000,  # a runaway query is cut off; the server stays up
    "max_returned_rows": 1000,
    "suggest_facets": "off",  # facet suggestions scan whole tables on every page
    "facet_time_limit_ms": 500,
    "allow_facet": "on",
}


def command(db: Path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    arguments = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(db),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(ROOT / "metadata.json"),
        "--plugins-dir",
        str(HERE / "plugins"),
        "--template-dir",
        str(HERE / "templates"),
    ]
    for name, value in SETTINGS.items():
        arguments += ["--setting", name, str(value)]
    return arguments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    if not args.db.is_file():
        parser.exit(1, f"error: {args.db} does not exist; build it with python -m ingest\n")
    arguments = command(args.db, args.port, args.host)
    os.execv(arguments[0], arguments)  # Datasette in the foreground: stopping make stops it


if __name__ == "__main__":
    main()
