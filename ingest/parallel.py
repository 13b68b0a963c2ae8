"""Ordered maps for the CPU-bound stages of a large build: over worker processes on this
machine, or over the workers of a Dask cluster (`--scheduler`)."""

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from .storage import BuildError

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def ordered_map(function: Callable, items: Iterable, workers: int) -> Iterator:
    """function(item) for each item, in order: in this process when `workers` is 1, else in
    that many processes with at most two items each in flight, so memory stays bounded
    however long the stream."""
    if workers <= 1:
        yield from map(function, items)
        return
    # Forked workers start in milliseconds and need nothing the parent has not imported.
    executor = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    pending = deque()
    finished = False
    try:
        for item in items:
            pending.append(executor.submit(function, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    except BrokenProcessPool:
        raise BuildError(
            "a worker process ended abruptly (killed, or out of memory); nothing was replaced"
        ) from None
    finally:
        if not finished:
            kill_workers(executor)  # a stopped build does not wait for their tasks
        executor.shutdown(wait=True, cancel_futures=True)


def kill_workers(executor: ProcessPoolExecutor) -> None:
    # Python 3.14 has executor.kill_workers(); before it, the executor's own process table.
    for process in list((executor._processes or {}).values()):
        process.kill()


def start_worker(parent: int) -> None:
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the build, then its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # A build killed outright takes its workers with it: left waiting, they would hold its
    # lock, and the next build of that database would be refused.
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


# A cluster with no workers left for this long stops the build: Dask would wait for ever.
WORKERLESS_SECONDS = 30.0
POLL_SECONDS = 2.0


@contextmanager
def cluster_client(address: str) -> Iterator:
    """A client of the Dask scheduler at `address`, or a BuildError saying why there is none.
    Imported only here: a build without a cluster pays nothing for Dask."""
    from distributed import Client

    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise BuildError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        yield client
    finally:
        client.close(timeout=5)


def cluster_map(function: Callable, items: Iterable, client) -> Iterator:
    """function(item) for each item as tasks on the cluster's workers, results in order. At
    most two tasks per worker thread are in flight, so the client's memory stays bounded
    however long the stream; a task whose worker dies is run again elsewhere by Dask."""
    threads = sum(w["nthreads"] for w in client.scheduler_info()["workers"].values())
    in_flight = max(2, 2 * threads)
    pending = deque()
    try:
        for item in items:
            pending.append(client.submit(function, item, pure=False))
            if len(pending) >= in_flight:
                yield cluster_result(client, pending.popleft())
        while pending:
            yield cluster_result(client, pending.popleft())
    finally:
        for future in pending:
            future.cancel()


def cluster_result(client, future):
    from distributed import KilledWorker

    workerless = 0.0
    lost = f"lost the Dask scheduler at {client.scheduler.address}"
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except KilledWorker as error:
            raise BuildError(f"a task killed every Dask worker that ran it: {error}") from None
        except TimeoutError:
            pass
        except OSError:  # the connection to the scheduler closed
            raise BuildError(lost) from None
        if client.status != "running":
            raise BuildError(lost)
        try:
            workers = client.scheduler_info()["workers"]
        except OSError:
            raise BuildError(lost) from None
        workerless = 0.0 if workers else workerless + POLL_SECONDS
        if workerless >= WORKERLESS_SECONDS:
            raise BuildError(
                f"the Dask cluster at {client.scheduler.address} has had no workers for "
                f"{WORKERLESS_SECONDS:.0f} s"
            )
