import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from explorer.serve import command as serve_command
from ingest.build import build
from ingest.sources import find_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
METADATA = json.loads((ROOT / "metadata.json").read_text())


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seed corpus, built once for the session."""
    db = tmp_path_factory.mktemp("seed") / "corpus.db"
    build(find_sources([SEEDS]), db)
    return db


@pytest.fixture
def write_sources(tmp_path):
    """Writes {name: text} as source files in a fresh directory and returns it."""

    def write(files: dict[str, str | bytes], name: str = "sources") -> Path:
        folder = tmp_path / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(seed_db):
    """The seed corpus served as `make serve` serves it, on a free port."""
    port = free_port()
    process = subprocess.Popen(
        serve_command(seed_db, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("datasette did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
