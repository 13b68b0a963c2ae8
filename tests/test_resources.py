"""A build short of memory or of disk stops with one line and leaves the previous database as
it was (issue 25): limits set on the build's process (RLIMIT_AS for memory, RLIMIT_FSIZE for a
disk that fills up; Python ignores SIGXFSZ, so a write past the limit fails as on a full disk).
A server short of memory answers the request that ran it out so and goes on serving."""

import json
import resource
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench.synthetic import write_corpus
from explorer.serve import running

# The virtual memory (kB) a process has once these modules are imported.
IMPORTED = (
    "import {}, re; print(re.search(r'VmSize:\\s+(\\d+)', open('/proc/self/status').read())[1])"
)


def imported_kb(modules: str) -> int:
    command = [sys.executable, "-c", IMPORTED.format(modules)]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


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
        # what the build's imports take, and 150 MB more: less than its source file needs
        limit, amount = resource.RLIMIT_AS, (imported_kb("ingest.cli") + 150_000) * 1024
    else:
        limit, amount = resource.RLIMIT_FSIZE, 5 * 1024 * 1024
    built = build_with(limit, amount, sources, db)
    assert built.returncode == 1, built.stderr[-2000:]
    [line] = built.stderr.strip().splitlines()
    assert line.startswith("error:") and str(db) in line and "left as it was" in line, line
    assert db.read_bytes() == before


def answer(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.timeout(300)
def test_a_server_short_of_memory_answers_so_and_goes_on(seed_db, tmp_path):
    # what a server's imports take and 300 MB more (its threads' stacks, SQLite's cache):
    # a query for a 900 MB blob cannot have it
    amount = (imported_kb("uvicorn, datasette.app, explorer") + 300_000) * 1024
    log = tmp_path / "server.log"

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (amount, amount))

    huge = "sql=" + urllib.parse.quote("select length(randomblob(900000000)) as n")
    asked = [f"/corpus.json?{huge}", f"/corpus?{huge}"]
    with (
        log.open("w") as output,
        running(seed_db, workers=1, preexec_fn=limited, stderr=output) as url,
    ):
        status, body = answer(url + asked[0])
        assert status == 503 and "more memory than the server has" in json.loads(body)["error"]
        status, page = answer(url + asked[1])
        assert status == 503 and "more memory than the server has" in page
        status, found = answer(f"{url}/corpus/search.json?q=pact&_shape=array")
        assert status == 200 and json.loads(found)
    lines = [line for line in log.read_text().splitlines() if not line.startswith("INFO:")]
    assert lines == [f"error: out of memory answering {path}" for path in asked]
