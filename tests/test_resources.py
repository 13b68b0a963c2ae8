"""A build short of memory or of disk stops with one line and leaves the previous database as
it was (issue 25): limits set on the build's process (RLIMIT_AS for memory, RLIMIT_FSIZE for a
disk that fills up; Python ignores SIGXFSZ, so a write past the limit fails as on a full disk)."""

import resource
import subprocess
import sys

import pytest

from bench.synthetic import write_corpus

# The virtual memory (kB) a build's process has once its modules are imported.
IMPORTED = (
    "import ingest.cli, re; "
    "print(re.search(r'VmSize:\\s+(\\d+)', open('/proc/self/status').read())[1])"
)


def build_with(limit: int, amount: int, sources, db):
    def limited():
        resource.setrlimit(limit, (amount, amount))

    return subprocess.run(
        [sys.executable, "-m", "ingest", str(sources), "--db", str(db), "--no-ner"],
        preexec_fn=limited,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    write_corpus(folder, passages=200_000, files=1, seed=1)
    return folder


@pytest.mark.timeout(900)
@pytest.mark.parametrize("short_of", ["memory", "disk"])
def test_a_build_short_of_memory_or_disk_says_so_and_keeps_the_database(
    sources, seed_db, tmp_path, short_of
):
    db = tmp_path / "corpus.db"
    db.write_bytes(seed_db.read_bytes())
    before = db.read_bytes()
    if short_of == "memory":
        imported = subprocess.run([sys.executable, "-c", IMPORTED], capture_output=True, text=True)
        # what the build's imports take, and 150 MB more: less than its source file needs
        limit, amount = resource.RLIMIT_AS, (int(imported.stdout) + 150_000) * 1024
    else:
        limit, amount = resource.RLIMIT_FSIZE, 5 * 1024 * 1024
    built = build_with(limit, amount, sources, db)
    assert built.returncode == 1, built.stderr[-2000:]
    [line] = built.stderr.strip().splitlines()
    assert line.startswith("error:") and str(db) in line and "left as it was" in line, line
    assert db.read_bytes() == before
