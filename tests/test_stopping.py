"""A build sent SIGINT or SIGTERM, to its own process or to its whole process group, in any of
its stages: one line, exit 130 or 143 within 5 s, no process and no temporary file left, the
previous database as it was.

Each build runs in a process of its own with one stage function wrapped to touch a marker file
when the stage starts (and another when it ends), so the signal is sent inside that stage."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.stopping import interruptible, received_signal, stop_on_signals

from .conftest import ROOT
from .test_robustness import child_processes, is_running, run_ingest

pytestmark = pytest.mark.timeout(300)

STAGE_RUNNER = """
import functools, importlib, inspect, sys
from pathlib import Path

module_name, name, marker = sys.argv[1:4]
module = importlib.import_module(module_name)
stage = getattr(module, name)

if inspect.isgeneratorfunction(stage):
    @functools.wraps(stage)
    def announced(*args, **kwargs):
        Path(marker).touch()
        yield from stage(*args, **kwargs)
        Path(marker + ".done").touch()
else:
    @functools.wraps(stage)
    def announced(*args, **kwargs):
        Path(marker).touch()
        result = stage(*args, **kwargs)
        Path(marker + ".done").touch()
        return result

setattr(module, name, announced)
from ingest.cli import main
sys.exit(main(sys.argv[4:]))
"""


def rule_sized() -> dict[str, str]:
    """Enough text for the rule stage to run in worker processes for some seconds."""
    return {
        f"part{n}.txt": "".join(
            f"Passage {i} of part {n}, written in 1939.[1]\n" for i in range(40_000)
        )
        for n in range(3)
    }


def index_sized() -> dict[str, str]:
    """Passages of forty words each: a search index and final writes of a second or so."""
    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(5000)]
    return {
        "long.txt": "".join(
            " ".join(rng.choices(words, k=40)) + f", written in {1900 + i % 100}.[1]\n"
            for i in range(100_000)
        )
    }


def read_sized() -> dict[str, str]:
    """A Markdown book whose reading (in the build's own process) takes seconds."""
    return {
        "book.md": "".join(
            f"## Section {i}\n\nThe *talks* in [Moscow](https://example.org/{i}) went on in "
            f"{1900 + i % 40}.[1] More **text** here.\n\n- one item\n- another item\n\n"
            for i in range(8000)
        )
    }


def pages_sized() -> dict[str, str]:
    """Web pages enough to be read ahead in worker processes for some seconds."""
    paragraph = "<p>The talks in Moscow went on in 1939, day after day, and nobody left.</p>"
    return {
        f"page{n:02d}.html": f"<html><body><nav>Home</nav><article>{paragraph * 3000}"
        "</article></body></html>"
        for n in range(40)
    }


def pdf_sized() -> dict[str, bytes]:
    """A PDF book long enough for its pages to be laid out in worker processes for seconds."""
    book = FPDF()
    book.set_font("Helvetica", size=10)
    for page in range(120):
        book.add_page()
        for line in range(40):
            text = f"The talks in Moscow went on in 1939; page {page}, line {line}."
            book.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return {"book.pdf": bytes(book.output())}


def model_sized() -> dict[str, str]:
    """Passages enough for the model to run in two worker processes, too little text for
    the rule stage to start any."""
    return {"a.txt": "".join(f"Stalin met Hitler in Berlin, report {i}.\n" for i in range(4000))}


# stage: (module, function wrapped, sources, options, worker processes running in it)
STAGES = {
    "reading sources": ("ingest.build", "read_all", read_sized, ["--no-ner"], 0),
    "reading pages in workers": ("ingest.build", "read_all", pages_sized, ["--no-ner"], 2),
    "laying out a PDF's pages": ("ingest.readers.pdf", "laid_out", pdf_sized, ["--no-ner"], 2),
    "rule workers": ("ingest.build", "stream_passages", rule_sized, ["--no-ner"], 2),
    "model workers": ("ingest.build", "run_model", model_sized, [], 2),
    "search index": ("ingest.search_index", "fill_index", index_sized, ["--no-ner"], 0),
    "linking": ("ingest.build", "link_entities", None, [], 0),
    "writing the database": ("ingest.storage", "finish", index_sized, ["--no-ner"], 0),
}
# Both signals in every stage, each sent to the process in some stages, to the group in others.
CASES = [
    pytest.param(
        stage, sig, to_group, id=f"{stage}-{sig.name}-{'group' if to_group else 'process'}"
    )
    for n, stage in enumerate(STAGES)
    for sig, to_group in [(signal.SIGINT, n % 2 == 1), (signal.SIGTERM, n % 2 == 0)]
]


def linking_sources(write_sources) -> Path:
    """A corpus of names already built with entities, then grown by a document: the next build
    reuses the model's mentions and reaches linking in seconds."""
    names = ["Stalin", "Hitler", "Molotov", "Ribbentrop", "Churchill", "Roosevelt"]
    places = ["Berlin", "Moscow", "Warsaw", "Paris", "London", "Riga"]
    lines = [
        f"{names[i % 6]} arrived in {places[i // 6 % 6]} in {1930 + i % 12}." for i in range(300)
    ]
    return write_sources({"a.txt": "\n".join(lines) + "\n"}, name="names")


def test_every_stage_has_a_case():
    assert {case.values[0] for case in CASES} == set(STAGES)


@pytest.mark.parametrize("stage, sig, to_group", CASES)
def test_a_build_stopped_in_any_stage_ends_at_once_and_leaves_nothing(
    stage, sig, to_group, write_sources, tmp_path
):
    module, function, sources_of, options, workers = STAGES[stage]
    db_path = tmp_path / "c.db"
    if sources_of is None:
        sources = linking_sources(write_sources)
        assert run_ingest(sources, "--db", db_path).returncode == 0
        (sources / "b.txt").write_text("Molotov left Berlin in 1940.\n", encoding="utf-8")
    else:
        small = write_sources({"a.txt": "Berlin in 1939.\n"}, name="small")
        assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
        sources = write_sources(sources_of())
    before = db_path.read_bytes()
    marker = tmp_path / "stage-started"
    process = subprocess.Popen(
        [sys.executable, "-c", STAGE_RUNNER, module, function, str(marker)]
        + [str(sources), "--db", str(db_path), *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=to_group,
        # A shell starts background jobs with Ctrl-C ignored, and children inherit that: the
        # build answers SIGINT as a user's terminal sends it, whatever ran the tests.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not marker.exists() or len(child_processes(process.pid)) < workers:
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, f"the build never reached {stage}"
        time.sleep(0.01)
    children = child_processes(process.pid)
    sent = time.monotonic()
    if to_group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    took = time.monotonic() - sent

    assert not Path(f"{marker}.done").exists(), f"the signal came after {stage} had ended"
    assert took < 5, f"the build took {took:.1f} s to stop"
    stopped = "interrupted" if sig == signal.SIGINT else "terminated"
    assert err == f"{stopped}: {db_path} was left as it was\n"
    assert process.returncode == 128 + sig
    assert not any(map(is_running, children)), "a worker outlived its build"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".c.db")) == [
        ".c.db.lock"
    ]
    assert db_path.read_bytes() == before


# The signal's exception is raised inside SQLite's callback, which SQLite then ends the
# statement for; Python reports such an exception as unraisable where callback tracebacks are on,
# as Datasette, imported by other tests, turns them on for the whole process.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_signal_stops_a_long_sql_statement_within_moments():
    connection = sqlite3.connect(":memory:")
    interruptible(connection)
    counting = (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) "
        "select count(*) from n"
    )
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
    started = time.monotonic()
    with stop_on_signals(), pytest.raises(sqlite3.OperationalError):
        connection.execute(counting).fetchone()
    assert time.monotonic() - started < 2
    assert received_signal() == signal.SIGTERM
