"""Messy input, failed and interrupted builds: clear errors, nothing lost."""

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from ingest.build import build
from ingest.cli import main
from ingest.entities import model
from ingest.sources import find_sources

from .conftest import ROOT


def run_ingest(*args):
    return subprocess.run(
        [sys.executable, "-m", "ingest", *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )


def passages(db_path):
    return [
        dict(r)
        for r in sqlite_utils.Database(db_path).query(
            "select documents.filename, documents.path, position, text, raw_text from passages "
            "join documents on documents.id = document_id order by passages.id"
        )
    ]


def test_an_empty_file_is_a_document_without_passages(write_sources, tmp_path):
    folder = write_sources({"empty.txt": "", "blank.txt": "  \n\t\n", "a.txt": "Berlin.\n"})
    assert main([str(folder), "--db", str(tmp_path / "c.db"), "--no-ner"]) == 0
    db = sqlite_utils.Database(tmp_path / "c.db")
    assert {r["filename"]: r["passages"] for r in db["documents"].rows} == {
        "a.txt": 1,
        "blank.txt": 0,
        "empty.txt": 0,
    }


def test_a_line_of_two_megabytes_is_one_passage(write_sources, tmp_path):
    line = "In 1939 the talks in Moscow failed.[4] " * 52_000
    folder = write_sources({"long.txt": line + "\nshort\n"})
    assert main([str(folder), "--db", str(tmp_path / "c.db"), "--no-ner"]) == 0
    rows = passages(tmp_path / "c.db")
    assert len(rows) == 2 and rows[0]["raw_text"] == line and len(line) > 2_000_000
    db = sqlite_utils.Database(tmp_path / "c.db")
    assert db["dates"].count == 52_000 and db["citations"].count == 52_000


def test_ner_runs_over_bounded_pieces_with_offsets_mapped_back(
    write_sources, tmp_path, monkeypatch
):
    monkeypatch.setattr(model, "PIECE_CHARS", 2_000)
    text = "Stalin met Hitler in Berlin and then flew to Moscow. " * 200
    folder = write_sources({"a.txt": text})
    build(find_sources([folder]), tmp_path / "c.db")
    db = sqlite_utils.Database(tmp_path / "c.db")
    clean = next(db.query("select text from passages"))["text"]
    found = list(db.query("select start_char, end_char, text from mentions order by start_char"))
    assert found and all(clean[m["start_char"] : m["end_char"]] == m["text"] for m in found)
    assert found[-1]["start_char"] > len(clean) - 200


def test_unbalanced_and_nested_brackets_lose_nothing(write_sources, tmp_path):
    folder = write_sources({"a.txt": "A claim.[[4]] Another [citation needed and [5] a [ stray.\n"})
    assert main([str(folder), "--db", str(tmp_path / "c.db"), "--no-ner"]) == 0
    (row,) = passages(tmp_path / "c.db")
    assert row["text"] == "A claim. Another [citation needed and a [ stray."
    markers = [r["marker"] for r in sqlite_utils.Database(tmp_path / "c.db")["citations"].rows]
    assert markers == ["4", "5"]


def test_offsets_count_code_points_through_emoji_and_combining_marks(write_sources, tmp_path):
    text = "🙂 Cafe\u0301 te\u200bxt: on 10 March 1939 in Berlin."
    folder = write_sources({"a.txt": text})
    build(find_sources([folder]), tmp_path / "c.db")
    db = sqlite_utils.Database(tmp_path / "c.db")
    (date,) = db["dates"].rows
    assert text[date["start_char"] : date["end_char"]] == date["text"] == "10 March 1939"
    for mention in db["mentions"].rows:
        assert text[mention["start_char"] : mention["end_char"]] == mention["text"]


def test_duplicate_passages_and_same_named_files_are_all_kept(write_sources, tmp_path):
    folder = write_sources({"one/a.txt": "Same line.\nSame line.\n", "two/a.txt": "Same line.\n"})
    assert main([str(folder / "one"), str(folder / "two"), "--db", str(tmp_path / "c.db")]) == 0
    rows = passages(tmp_path / "c.db")
    assert [(r["filename"], r["position"]) for r in rows] == [
        ("a.txt", 1),
        ("a.txt", 2),
        ("a.txt", 1),
    ]
    assert len({r["path"] for r in rows}) == 2


def test_an_unreadable_file_is_named(write_sources, tmp_path, monkeypatch, capsys):
    folder = write_sources({"locked.txt": "text\n"})
    real = type(folder).read_bytes

    def refuse(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(type(folder), "read_bytes", refuse)
    assert main([str(folder), "--db", str(tmp_path / "c.db")]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {folder / 'locked.txt'}: cannot read: Permission denied\n"
    )
    assert not (tmp_path / "c.db").exists()


def test_db_that_is_a_folder_or_another_file_is_refused_and_left_alone(write_sources, tmp_path):
    folder = write_sources({"a.txt": "Berlin.\n"})
    result = run_ingest(folder, "--db", tmp_path)
    assert result.returncode == 1 and "is a directory" in result.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    result = run_ingest(folder, "--db", notes)
    assert result.returncode == 1 and "is not an SQLite database" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert "Traceback" not in result.stderr


def test_a_write_failure_is_one_line_and_keeps_the_old_database(
    write_sources, tmp_path, monkeypatch, capsys
):
    folder = write_sources({"a.txt": "Berlin.\n"})
    db_path = tmp_path / "c.db"
    assert main([str(folder), "--db", str(db_path), "--no-ner"]) == 0
    before = db_path.read_bytes()

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    (folder / "b.txt").write_text("Moscow.\n", encoding="utf-8")
    assert main([str(folder), "--db", str(db_path), "--no-ner"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert db_path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".building")] == []


def test_a_second_build_of_the_same_target_is_refused(write_sources, tmp_path):
    folder = write_sources({"a.txt": "Berlin.\n"})
    db_path = tmp_path / "c.db"
    with open(tmp_path / ".c.db.lock", "w") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        result = run_ingest(folder, "--db", db_path, "--no-ner")
    assert result.returncode == 1
    assert result.stderr == f"error: {db_path}: another build of this database is running\n"
    assert run_ingest(folder, "--db", db_path, "--no-ner").returncode == 0


@pytest.fixture
def big_sources(write_sources):
    return write_sources(
        {
            f"part{n}.txt": "".join(
                f"Passage {i} of part {n}, written in 1939.[1]\n" for i in range(40_000)
            )
            for n in range(3)
        }
    )


def start_build(sources, db_path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", str(sources), "--db", str(db_path), *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell starts background jobs with Ctrl-C ignored, and children inherit that: the
        # build answers SIGINT as a user's terminal sends it, whatever ran the tests.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def start_and_stop(big_sources, db_path, sig):
    process = start_build(big_sources, db_path, "--no-ner")
    building = db_path.with_name(f".{db_path.name}.building")
    deadline = time.monotonic() + 30
    while not building.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert process.poll() is None, "the build finished before it could be stopped"
    process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    return process.returncode, err, building


def test_a_killed_build_leaves_the_previous_database_and_the_next_build_works(
    big_sources, write_sources, tmp_path
):
    db_path = tmp_path / "c.db"
    small = write_sources({"a.txt": "Berlin in 1939.\n"}, name="small")
    assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
    code, _, building = start_and_stop(big_sources, db_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert len(passages(db_path)) == 1
    assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
    assert not building.exists()


def test_ctrl_c_prints_one_line_removes_its_temporary_file_and_exits_130(big_sources, tmp_path):
    code, err, building = start_and_stop(big_sources, tmp_path / "c.db", signal.SIGINT)
    assert code == 130
    assert err == f"interrupted: {tmp_path / 'c.db'} was left as it was\n"
    assert not building.exists() and not (tmp_path / "c.db").exists()


def child_processes(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return children


def test_a_killed_worker_stops_the_build_with_one_line_and_keeps_the_database(
    big_sources, write_sources, tmp_path
):
    db_path = tmp_path / "c.db"
    small = write_sources({"a.txt": "Berlin in 1939.\n"}, name="small")
    assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
    process = start_build(big_sources, db_path, "--no-ner")
    deadline = time.monotonic() + 30
    while not (workers := child_processes(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "the build started no worker processes"
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.startswith("error: a worker process ended abruptly") and "Traceback" not in err
    assert len(passages(db_path)) == 1


def is_running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_a_build_stopped_in_its_model_stage_leaves_no_process_and_the_next_build_runs(
    write_sources, tmp_path, stop
):
    # Enough passages for the model to run in worker processes; too little text for the
    # rule stage to start any, so the first worker processes are the model's.
    model_sized = write_sources(
        {"a.txt": "".join(f"Stalin met Hitler in Berlin, report {i}.\n" for i in range(4000))},
        name="model_sized",
    )
    db_path = tmp_path / "c.db"
    small = write_sources({"a.txt": "Berlin in 1939.\n"}, name="small")
    assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
    process = start_build(model_sized, db_path)
    deadline = time.monotonic() + 60
    while len(workers := child_processes(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2, "the build started no model workers"
    time.sleep(2)  # the workers load the model and start on their first batches
    assert process.poll() is None, "the build finished before it could be stopped"
    process.send_signal(stop)
    _, err = process.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while any(map(is_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(is_running, workers)), "a worker outlived its build"
    if stop == signal.SIGTERM:
        assert process.returncode == 143
        assert err == f"terminated: {db_path} was left as it was\n"
        assert not db_path.with_name(f".{db_path.name}.building").exists()
    else:
        assert process.returncode == -signal.SIGKILL
    assert len(passages(db_path)) == 1
    started = time.monotonic()
    assert run_ingest(small, "--db", db_path, "--no-ner").returncode == 0
    assert time.monotonic() - started < 30
