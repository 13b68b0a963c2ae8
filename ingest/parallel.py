"""Ordered maps for the CPU-bound stages of a large build: over worker processes on this
machine, or over the workers of a Dask cluster (`--scheduler`)."""

import ctypes
import gc
import os
import queue
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from itertools import islice
from multiprocessing.connection import Connection, Pipe
from multiprocessing.reduction import ForkingPickler

from .errors import BuildError
from .stopping import SIGNALS, signals_deferred

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def batched(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def kept(items: Iterable, taken: deque) -> Iterator:
    """The items, each appended to `taken` as a map takes it: the map's results come back in
    order, so each pairs with the item popped from the left, which need not cross back."""
    for item in items:
        taken.append(item)
        yield item


# While this process waits for the oldest item's result, the other workers go on with the
# items sent after it: with two per worker, one of a build's two rule workers sat idle for
# 0.74 s of its 5.2 s stream (300,000 passages), with four 0.05 s.
IN_FLIGHT_PER_WORKER = 4


def ordered_map(function: Callable, items: Iterable, workers: int) -> Iterator:
    """function(item) for each item, in order: in this process when `workers` is 1, else in
    that many forked processes, with at most IN_FLIGHT_PER_WORKER items in flight per worker,
    so memory stays bounded however long the stream. Each item goes to the worker with the
    fewest items still to work on, so that one whose items were quick is not left idle while
    another's slow one holds the results' order. However the map ends (done, an error, a
    signal), its workers are killed and reaped before it returns."""
    if workers <= 1:
        yield from map(function, items)
        return
    pool = []
    try:
        for _ in range(workers):
            with signals_deferred():  # a worker started is a worker in the pool
                pool.append(Worker(function))
        pending = deque()  # the worker of each item in flight, oldest first
        for item in items:
            # the worker with the fewest items sent whose results have not come back
            worker = min(pool, key=lambda w: pending.count(w) - w.received.qsize())
            worker.send(item)
            pending.append(worker)
            if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        with signals_deferred():
            for worker in pool:
                worker.stop()


class Worker:
    """A forked process that applies `function` to the items sent to it, one after another,
    and sends back each result. Here a thread writes the items to it and a thread reads its
    results as they come, so that this process goes on reading and writing the database, and
    the worker goes on to its next item; there a thread reads the items, so that a write never
    waits on the worker's writing of a result. The threads only move bytes, pickled and
    unpickled by each process's main thread, so that an item or result that cannot cross is an
    error where it is read, not a thread ended in silence. Each pipe's other end is held by the
    worker alone: when it dies, the threads here read the end of its results, or fail to write,
    and stop (a pipe whose reader also holds its writing end waits for ever, as Python's own
    process pool does for a worker killed halfway through writing a result)."""

    def __init__(self, function: Callable):
        items_out, self.items = Pipe(duplex=False)
        self.results, results_in = Pipe(duplex=False)
        parent = os.getpid()
        # This process's objects are frozen out of the worker's collections of cycles, so that
        # it never finalizes their garbage: a dropped SQLite connection closed there waits for
        # ever for a lock of SQLite's that a thread here (the search index's) held at the fork.
        gc.freeze()
        try:
            self.pid = os.fork()
        except OSError:
            gc.unfreeze()
            raise
        if self.pid == 0:
            try:
                self.items.close()
                self.results.close()
                serve(function, items_out, results_in, parent)
            finally:
                os._exit(0)
        gc.unfreeze()
        items_out.close()
        results_in.close()
        self.to_send, self.received = queue.SimpleQueue(), queue.SimpleQueue()
        self.threads = [
            threading.Thread(target=send_all, args=(self.to_send, self.items), daemon=True),
            threading.Thread(target=receive_all, args=(self.results, self.received), daemon=True),
        ]
        for thread in self.threads:
            try:
                thread.start()
            except RuntimeError as error:  # a thread's stack could not be mapped
                raise MemoryError(str(error)) from error

    def send(self, item) -> None:
        self.to_send.put(ForkingPickler.dumps(item))

    def result(self):
        outcome = self.received.get()
        if outcome is ENDED:
            raise ended_abruptly()
        succeeded, value = ForkingPickler.loads(outcome)
        if succeeded:
            return value
        error, remote_traceback = value
        raise error from RemoteTraceback(remote_traceback)

    def stop(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.to_send.put(ENDED)
        for thread in self.threads:
            thread.join()
        self.items.close()
        self.results.close()


class RemoteTraceback(Exception):
    """Where a worker's exception was raised, in the worker."""


def ended_abruptly() -> BuildError:
    return BuildError(
        "a worker process ended abruptly (killed, or out of memory); nothing was replaced"
    )


def serve(function: Callable, items_out: Connection, results_in: Connection, parent: int) -> None:
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the build, then its workers.
    for handled in SIGNALS:
        signal.signal(handled, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    # A build killed outright takes its workers with it: left waiting, they would hold its
    # lock, and the next build of that database would be refused.
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        return
    items = queue.SimpleQueue()
    threading.Thread(target=receive_all, args=(items_out, items), daemon=True).start()
    while (item := items.get()) is not ENDED:
        try:
            outcome = True, function(ForkingPickler.loads(item))
        except Exception as error:
            outcome = False, (error, traceback.format_exc())
        try:
            result = ForkingPickler.dumps(outcome)
        except Exception as error:  # a result that cannot be sent back
            result = ForkingPickler.dumps((False, (error, traceback.format_exc())))
        results_in.send_bytes(result)


ENDED = object()  # the end of a stream of items or of results


def send_all(to_send: queue.SimpleQueue, connection: Connection) -> None:
    try:
        while (item := to_send.get()) is not ENDED:
            connection.send_bytes(item)
    except OSError:  # the worker is gone: its results' end tells the map so
        pass


def receive_all(connection: Connection, received: queue.SimpleQueue) -> None:
    try:
        while True:
            received.put(connection.recv_bytes())
    except (EOFError, OSError):
        received.put(ENDED)


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
        except (OSError, CancelledError):  # the connection closed; its futures were cancelled
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
