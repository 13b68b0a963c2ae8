"""An ordered map over worker processes, for the CPU-bound stages of a large build."""

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

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
