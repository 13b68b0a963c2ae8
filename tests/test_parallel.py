import gc
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from ingest.errors import BuildError
from ingest.parallel import IN_FLIGHT_PER_WORKER, ordered_map

from .test_robustness import child_processes


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_in_order_from_other_processes():
    results = list(ordered_map(square, range(50), workers=2))
    assert [value for value, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid in results}


def slow_when_even(n: int) -> tuple[int, int]:
    if n % 2 == 0:
        time.sleep(0.1)
    return n, os.getpid()


def test_an_item_goes_to_a_worker_that_is_free_not_to_each_in_turn():
    # In turn, every slow item would go to the first worker while the second idled.
    results = list(ordered_map(slow_when_even, range(20), workers=2))
    assert [n for n, _ in results] == list(range(20))
    assert len({pid for n, pid in results if n % 2 == 0}) == 2


def test_one_worker_maps_in_this_process():
    assert {pid for _, pid in ordered_map(square, range(5), workers=1)} == {os.getpid()}


def test_only_a_few_items_are_read_ahead_of_the_results():
    taken = []

    def items():
        for n in range(1000):
            taken.append(n)
            yield n

    results = ordered_map(square, items(), workers=2)
    next(results)
    # four per worker in flight, and the one that waits for room
    assert len(taken) <= 2 * IN_FLIGHT_PER_WORKER + 1
    results.close()


def die(n: int) -> int:
    os._exit(1)


def test_a_worker_that_dies_stops_the_map_with_a_clear_error():
    with pytest.raises(BuildError, match="worker process ended abruptly"):
        list(ordered_map(die, range(10), workers=2))


def megabytes(n: int) -> bytes:
    return bytes(n * 1_000_000)


@pytest.mark.timeout(60)
def test_a_map_stopped_while_results_are_being_written_ends_at_once_and_leaves_no_process():
    # A worker killed halfway through writing a result larger than a pipe holds: a pool whose
    # own thread reads results waits for the rest of it for ever, and its shutdown with it.
    before = set(child_processes(os.getpid()))
    for _ in range(5):
        results = ordered_map(megabytes, [16] * 100, workers=2)
        assert len(next(results)) == 16_000_000
        started = time.monotonic()
        results.close()
        assert time.monotonic() - started < 5
    assert set(child_processes(os.getpid())) <= before


def fail(n: int) -> int:
    raise ValueError(f"no good: {n}")


def test_an_error_in_a_worker_is_raised_here_with_where_it_was_raised_there():
    with pytest.raises(ValueError, match="no good: 0") as raised:
        list(ordered_map(fail, range(4), workers=2))
    assert "in fail" in str(raised.value.__cause__)


class Unreadable:
    """An item that cannot be unpickled where it is sent."""

    def __reduce__(self):
        return fail, (-1,)


@pytest.mark.timeout(30)
def test_an_item_a_worker_cannot_read_is_an_error_here_not_a_wait():
    with pytest.raises(ValueError, match="no good: -1"):
        list(ordered_map(square, [1, Unreadable(), 3], workers=2))


def unreadable(n: int) -> Unreadable:
    return Unreadable()


@pytest.mark.timeout(30)
def test_a_result_this_process_cannot_read_is_an_error_not_a_wait():
    with pytest.raises(ValueError, match="no good: -1"):
        list(ordered_map(unreadable, range(3), workers=2))


def unsendable(n: int):
    return lambda: n


@pytest.mark.timeout(30)
def test_a_result_that_cannot_be_sent_back_is_its_error_not_a_worker_ended():
    with pytest.raises(Exception, match="pickle"):
        list(ordered_map(unsendable, range(3), workers=2))


class Garbage:
    """An object in a reference cycle, dropped: only a collection of cycles finalizes it."""

    def __init__(self, finalized_by: Path):
        self.cycle, self.finalized_by = self, finalized_by

    def __del__(self):
        with self.finalized_by.open("a") as record:
            record.write(f"{os.getpid()}\n")


def collect_garbage(n: int) -> int:
    gc.collect()
    return os.getpid()


@pytest.mark.timeout(60)
def test_a_worker_leaves_the_garbage_of_the_process_that_forked_it_alone(tmp_path):
    # A model worker that collected the build's garbage closed the SQLite connections the build
    # had dropped: forked while the search index's thread held one of SQLite's own locks, it
    # waited for that lock for ever, and the build for its result (a test suite now and then).
    finalized_by = tmp_path / "finalized_by"
    gc.disable()  # the garbage is there when the workers are forked
    try:
        Garbage(finalized_by)
        workers = set(ordered_map(collect_garbage, range(4), workers=2))
    finally:
        gc.enable()
    gc.collect()
    assert len(workers) == 2
    assert finalized_by.read_text().split() == [str(os.getpid())]


class DroppedConnection:
    """An SQLite connection dropped in a reference cycle, as a build's process can hold some."""

    def __init__(self):
        self.cycle, self.connection = self, sqlite3.connect(":memory:")


def index_until(stop: threading.Event) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("create virtual table terms using fts5(text)")
    while not stop.is_set():
        connection.execute("insert into terms values ('a passage of some words to index')")
    connection.close()


@pytest.mark.timeout(120)
def test_workers_forked_while_a_thread_fills_a_full_text_index_all_finish():
    # Before the workers left the garbage alone, 23 of 150 such maps never ended.
    stop = threading.Event()
    indexing = threading.Thread(target=index_until, args=(stop,))
    indexing.start()
    try:
        for _ in range(40):
            DroppedConnection()
            assert len(set(ordered_map(collect_garbage, range(4), workers=2))) == 2
    finally:
        stop.set()
        indexing.join()
