"""Builds on a real Dask cluster on loopback (`dask scheduler`, `dask worker`): the same
database as a local build, a worker killed mid-build, the scheduler stopped mid-build, a
scheduler that cannot be reached."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client

import ingest.build
import ingest.parallel
from bench.rows import table_rows
from ingest.build import build
from ingest.cli import main
from ingest.errors import BuildError
from ingest.sources import find_sources

DASK = Path(sys.executable).parent / "dask"
pytestmark = pytest.mark.timeout(600)


def free_port() -> int:
    from explorer.serve import free_port as port

    return port()


def start_worker(address: str) -> subprocess.Popen:
    # No nanny: a worker killed stays dead, as a machine lost would.
    return subprocess.Popen(
        [DASK, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def cluster():
    """A scheduler and two single-threaded workers on loopback; yields (address, workers)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers = [start_worker(address) for _ in range(2)]
    try:
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, workers, scheduler
    finally:
        for process in [*workers, scheduler]:
            process.kill()
            process.wait()


@pytest.fixture
def corpus(write_sources, monkeypatch):
    """Some 240 passages in three files, cut into many small tasks."""
    monkeypatch.setattr(ingest.build, "BATCH", 40)
    monkeypatch.setattr(ingest.build, "MODEL_BATCH", 20)
    lines = [
        f"On {1 + i % 28} May {1920 + i % 20} Stalin met Molotov in Moscow.[{i}]\n"
        f"Then, on {1 + i % 27} June, Ribbentrop flew from Berlin to Warsaw.\n"
        for i in range(40)
    ]
    return find_sources(
        [write_sources({f"part{n}.txt": "".join(lines[n::3]) * 2 for n in range(3)})]
    )


def act_after(monkeypatch, results: int, action) -> None:
    """Runs `action` once, after the build has received this many task results."""
    original = ingest.parallel.cluster_result
    received = []

    def counted(client, future):
        result = original(client, future)
        received.append(1)
        if len(received) == results:
            action()
        return result

    monkeypatch.setattr(ingest.parallel, "cluster_result", counted)


def test_a_build_on_the_cluster_is_the_local_build(cluster, corpus, tmp_path):
    address, _, _ = cluster
    build(corpus, tmp_path / "local.db")
    report = build(corpus, tmp_path / "cluster.db", scheduler=address)
    assert report.mentions > 200
    assert table_rows(tmp_path / "cluster.db") == table_rows(tmp_path / "local.db")
    # an unchanged corpus is not sent to the cluster again
    assert build(corpus, tmp_path / "cluster.db", scheduler="tcp://127.0.0.1:9").unchanged


def test_a_worker_killed_mid_build_costs_only_its_tasks(cluster, corpus, tmp_path, monkeypatch):
    address, workers, _ = cluster
    build(corpus, tmp_path / "local.db")
    joined = []

    def kill_one_and_add_one():
        os.kill(workers[0].pid, signal.SIGKILL)
        joined.append(start_worker(address))

    act_after(monkeypatch, 8, kill_one_and_add_one)
    try:
        build(corpus, tmp_path / "cluster.db", scheduler=address)
    finally:
        for process in joined:
            process.kill()
    assert workers[0].wait() == -signal.SIGKILL
    assert table_rows(tmp_path / "cluster.db") == table_rows(tmp_path / "local.db")


def test_a_scheduler_stopped_mid_build_stops_the_build_and_keeps_the_database(
    cluster, corpus, tmp_path, monkeypatch
):
    address, _, scheduler = cluster
    target = tmp_path / "corpus.db"
    build(corpus[:1], target, ner=False)
    before = target.read_bytes()
    monkeypatch.setattr(ingest.parallel, "POLL_SECONDS", 0.5)
    act_after(monkeypatch, 3, scheduler.kill)
    with pytest.raises(BuildError, match="Dask scheduler"):
        build(corpus, target, scheduler=address)
    assert target.read_bytes() == before


def test_a_task_the_lost_scheduler_cancelled_stops_the_build_with_one_line(cluster):
    """The scheduler gone, the client cancels the futures it was waiting on: a build waiting
    on one says it lost the scheduler (this once escaped as a Dask traceback)."""
    address, _, scheduler = cluster
    with Client(address, timeout="30s") as client:
        future = client.submit(time.sleep, 60, pure=False)
        scheduler.kill()
        deadline = time.monotonic() + 60
        while future.status != "cancelled" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert future.status == "cancelled"
        with pytest.raises(BuildError, match="lost the Dask scheduler"):
            ingest.parallel.cluster_result(client, future)


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys, write_sources):
    folder = write_sources({"a.txt": "Stalin met Molotov in 1939.\n"})
    address = f"tcp://127.0.0.1:{free_port()}"
    assert main([str(folder), "--db", str(tmp_path / "c.db"), "--scheduler", address]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert error.count("\n") == 1 and not (tmp_path / "c.db").exists()


def test_a_cluster_that_loses_every_worker_stops_the_build(cluster, corpus, tmp_path, monkeypatch):
    address, workers, _ = cluster
    monkeypatch.setattr(ingest.parallel, "POLL_SECONDS", 0.5)
    monkeypatch.setattr(ingest.parallel, "WORKERLESS_SECONDS", 3.0)

    def kill_all():
        for worker in workers:
            worker.kill()
            worker.wait()

    act_after(monkeypatch, 3, kill_all)
    with pytest.raises(BuildError, match="has had no workers for 3 s"):
        build(corpus, tmp_path / "c.db", scheduler=address)
    assert not (tmp_path / "c.db").exists()
