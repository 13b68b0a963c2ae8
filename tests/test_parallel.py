import os

import pytest

from ingest.parallel import ordered_map
from ingest.storage import BuildError


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_in_order_from_other_processes():
    results = list(ordered_map(square, range(50), workers=2))
    assert [value for value, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid in results}


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
    assert len(taken) <= 5  # two per worker in flight, and the one that waits for room
    results.close()


def die(n: int) -> int:
    os._exit(1)


def test_a_worker_that_dies_stops_the_map_with_a_clear_error():
    with pytest.raises(BuildError, match="worker process ended abruptly"):
        list(ordered_map(die, range(10), workers=2))
