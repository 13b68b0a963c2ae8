import gc
import json
import shutil
import time
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


def best_times(function, texts: list[str]) -> list[float]:
    """The best of three runs of function(text) for each text, taken in turns, with the
    session's objects frozen out of garbage collection: a pause of the shared machine, or a
    collection over a session's loaded models, is no slope."""
    runs: list[list[float]] = [[] for _ in texts]
    gc.collect()
    gc.freeze()
    try:
        for _ in range(3):
            for size, text in enumerate(texts):
                started = time.perf_counter()
                function(text)
                runs[size].append(time.perf_counter() - started)
    finally:
        gc.unfreeze()
    return [min(size_runs) for size_runs in runs]


def read_gold(path: Path) -> list[dict]:
    """A gold file in score.py's format: one passage per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def gold_passage_id(db, item: dict) -> int:
    """The id of the passage a gold line describes (by file name and position)."""
    [passage_id] = [
        row[0]
        for row in db.execute(
            "select p.id from passages p join documents d on d.id = p.document_id "
            "where d.filename = ? and p.position = ?",
            [item["file"], item["position"]],
        )
    ]
    return passage_id
