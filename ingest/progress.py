"""A progress line on long builds when standard error is a terminal; silent otherwise."""

import sys
import time
from collections.abc import Iterable, Iterator


class Progress:
    def __init__(self, label: str, total: int | None = None, stream=sys.stderr):
        self.stream = stream
        self.shown = stream.isatty()
        self.label, self.total, self.done = label, total, 0
        self.started = self.last_shown = time.monotonic()

    def restart(self, label: str, total: int | None = None) -> None:
        self.finish()
        self.label, self.total, self.done = label, total, 0
        self.started = time.monotonic()

    def counted(self, items: Iterable) -> Iterator:
        """The items, counted as they are taken; whether to show the line is asked once every
        thousand (a build's passages come some thousands a second)."""
        for done, item in enumerate(items, self.done + 1):
            yield item
            self.done = done
            if not done % 1000:
                self.advance(0)

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.shown and now - self.last_shown >= 0.5:
            self.last_shown = now
            self.show(now)

    def show(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            width = 30
            filled = int(width * self.done / self.total)
            bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done:,}/{self.total:,}"
        else:
            bar = f"{self.done:,}"
        self.stream.write(f"\r{self.label}: {bar} ({rate:,.0f}/s) ")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown and self.done:
            self.show(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
