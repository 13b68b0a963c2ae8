import json
import shutil
from pathlib import Path

import pytest

from explorer.serve import running
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


@pytest.fixture(scope="session")
def server(seed_db):
    """The seed corpus served as `make serve` serves it, on a free port."""
    with running(seed_db) as url:
        yield url
