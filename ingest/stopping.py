"""Stopping a build on SIGINT (Ctrl-C) or SIGTERM (`kill`, `timeout`, a job scheduler): the
first such signal is raised as `Stopped` wherever the build is, so that it unwinds and leaves
the previous database as it was; the build is then stopping, and ignores further ones."""

import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)
# SQLite calls back into Python after this many of its virtual machine's instructions (some
# milliseconds), which is where a signal that arrives during a long statement is raised.
INSTRUCTIONS_BETWEEN_CHECKS = 100_000


class Stopped(BaseException):
    """The build was sent SIGINT or SIGTERM (which one: `received_signal()`)."""


received: list[int] = []  # the signal that stopped the build, once one has


def stop(signum: int, frame) -> None:
    for handled in SIGNALS:
        signal.signal(handled, signal.SIG_IGN)
    received.append(signum)
    raise Stopped(signal.Signals(signum).name)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """The handler installed for the block; SIGINT only where it is not ignored (a shell
    starts its background jobs so, and they keep to it, as every program does)."""
    previous = {handled: signal.getsignal(handled) for handled in SIGNALS}
    received.clear()
    for handled, action in previous.items():
        if action is not signal.SIG_IGN or handled == signal.SIGTERM:
            signal.signal(handled, stop)
    try:
        yield
    finally:
        for handled, action in previous.items():
            signal.signal(handled, action)


def received_signal() -> int | None:
    """The signal that stopped the build, whatever exception it surfaced as: a long SQLite
    statement that a signal interrupted ends in sqlite3's own error, the signal's exception
    having been swallowed in the callback."""
    return received[0] if received else None


def interruptible(connection: sqlite3.Connection) -> None:
    """Lets a signal stop a long statement on `connection`: Python runs signal handlers only
    between its own instructions, which a statement of minutes never reaches otherwise."""
    connection.set_progress_handler(go_on, INSTRUCTIONS_BETWEEN_CHECKS)


def go_on() -> int:
    # Python code, not a builtin: entering it is where pending signals' handlers run.
    return 0


@contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM held back for the block (a clean-up that must run whole), and
    delivered after it."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
