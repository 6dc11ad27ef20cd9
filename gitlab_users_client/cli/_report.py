"""Reporting a bulk job: the progress display, the summary line and the hints."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal, TextIO

from ._journal import OUTCOMES

__all__ = [
    "Mode",
    "Progress",
    "ProgressLogHandler",
    "counts_text",
    "forbidden_hint",
    "showing",
    "summary",
    "terminal_width",
]

#: How an outcome reads in the progress line and the summary.
_LABELS = {"not_attempted": "not attempted"}


def _label(outcome: str) -> str:
    return _LABELS.get(outcome, outcome)


def counts_text(counts: Counter[str], *, compact: bool = False) -> str:
    """``ok 3 failed 1 unknown 0 skipped 2``: each outcome on its own.

    ``not attempted N`` only when there are such items; ``compact`` leaves out every
    outcome that has none.
    """
    return " ".join(
        f"{_label(name)} {counts[name]}"
        for name in OUTCOMES
        if counts[name] or not (compact or name == "not_attempted")
    )


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def terminal_width(stream: TextIO) -> int | None:
    """The columns a line on ``stream`` may use: ``$COLUMNS``, else the terminal's.

    ``None`` when ``stream`` is not a terminal (a log file has no width).
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        return None
    return None


Mode = Literal["bar", "heartbeat", "off"]


class Progress:
    """Where a bulk job stands: done/total, each outcome, rate and ETA.

    * ``bar``: one line on a terminal, rewritten in place (at most 10 times a second),
      never wider than the terminal (fields are dropped below 80 columns, so the line
      never wraps and garbles the redraw); :meth:`above` prints other lines (results,
      warnings, log records) above it. The bar fills with the items that were acted on:
      items a stopped job never attempted leave it partly empty.
    * ``heartbeat``: for a log file or a CI console: one plain line every ``interval``
      seconds (also while nothing finishes, from :meth:`tick`), nothing rewritten.
    * ``off``: nothing.

    Every line is computed from the same counter the summary uses, so an interrupted
    run's last line and its summary agree.

    ``total=None``: the items are still being found (``bulk --matching``: the scan runs
    while the actions do). The total shown is then what was found so far (:meth:`found`),
    and no ETA is given until :meth:`found_all` says the count is final.

    :meth:`carry`: outcomes a resumed job takes over from its journal count as done from
    the start, but not in the rate.
    """

    def __init__(
        self,
        stream: TextIO,
        total: int | None,
        mode: Mode,
        interval: float = 10.0,
    ) -> None:
        self._stream = stream
        self._total = total or 0
        self._open = total is None
        self._mode: Mode = mode if total is None or total > 0 else "off"
        self._interval = interval
        self._counts: Counter[str] = Counter()
        self._carried = 0
        self._started = time.monotonic()
        self._last = self._started
        self._shown = 0
        self._stopped: str | None = None

    @property
    def mode(self) -> Mode:
        return self._mode

    def carry(self, counts: Counter[str]) -> None:
        """Start from ``counts``: items a resumed job takes over as done."""
        self._counts = Counter(counts)
        self._carried = sum(counts.values())

    def found(self, total: int) -> None:
        """While the total is open: ``total`` items were found so far."""
        self._total = total

    def found_all(self) -> None:
        """The total is final: from now on an ETA is computed from it."""
        self._open = False

    def _parts(self, compact: bool) -> tuple[str, str, str, str]:
        """``(done/total and counts, rate, ETA or how it ended, a shorter form of it)``."""
        done = sum(self._counts.values())
        elapsed = max(time.monotonic() - self._started, 1e-9)
        head = f"{done}/{self._total} {counts_text(self._counts, compact=compact)}".rstrip()
        rate = (done - self._carried) / elapsed
        if self._stopped:
            found = f" (the scan had found {self._total})" if self._open else ""
            ended = f"{self._stopped} after {_duration(elapsed)}"
            return head, "", ended + found, ended
        if self._open:
            return (
                head,
                f"{rate:.1f}/s",
                f"ETA unknown: still scanning, {self._total} found so far",
                "still scanning",
            )
        if done >= self._total:
            took = f"took {_duration(elapsed)}"
            return head, f"{rate:.1f}/s", took, took
        eta = "ETA -" if rate <= 0 else f"ETA {_duration((self._total - done) / rate)}"
        return head, f"{rate:.1f}/s", eta, eta

    def text(self, width: int | None = None) -> str:
        """The status: ``40/100 ok 38 failed 1 unknown 0 skipped 1 · 12.5/s · ETA 5s``.

        While the total is open: ``40/120 ok ... · 12.5/s · ETA unknown: still
        scanning, 120 found so far``. With ``width``, the longest form that fits.
        """
        return self._fit(self._forms(bar=False), width)

    def _forms(self, *, bar: bool) -> Iterator[str]:
        """Every way to show the status, from the fullest to the shortest."""
        head, rate, tail, short = self._parts(False)
        full = " · ".join(part for part in (head, rate, tail) if part)
        if bar:
            yield f"{self._bar(20)} {full}"
            yield f"{self._bar(10)} {full}"
        yield full
        head, rate, tail, short = self._parts(True)
        yield " · ".join(part for part in (head, rate, tail) if part)
        yield " · ".join(part for part in (head, rate, short) if part)
        yield f"{head} · {short}"
        done = head.split(" ", 1)[0]
        yield f"{done} · {short}"
        yield done

    @staticmethod
    def _fit(forms: Iterator[str], width: int | None) -> str:
        """The first form that fits in ``width`` columns (one spare: no autowrap)."""
        room = None if width is None else max(width - 1, 1)
        last = ""
        for form in forms:
            if room is None or len(form) <= room:
                return form
            last = form
        return last[:room]

    def _bar(self, size: int) -> str:
        acted = sum(self._counts.values()) - self._counts["not_attempted"]
        filled = size * min(acted, self._total) // self._total if self._total else 0
        return f"[{'#' * filled}{'-' * (size - filled)}]"

    def update(self, counts: Counter[str], *, force: bool = False) -> None:
        """Record the new counts; redraw the bar when due (or ``force``)."""
        self._counts = Counter(counts)
        if self._mode == "bar":
            now = time.monotonic()
            if force or now - self._last >= 0.1 or sum(counts.values()) >= self._total:
                self._draw(now)
        elif self._mode == "heartbeat":
            self.tick()

    def tick(self) -> None:
        """Called periodically: a heartbeat line when one is due; refresh the bar's rate."""
        now = time.monotonic()
        if self._mode == "heartbeat" and now - self._last >= self._interval:
            self._last = now
            self._stream.write(f"progress: {self.text()}\n")
            self._stream.flush()
        elif self._mode == "bar" and now - self._last >= 1.0:
            self._draw(now)

    def _draw(self, now: float) -> None:
        self._last = now
        width = terminal_width(self._stream)
        line = self._fit(self._forms(bar=True), width)
        pad = self._shown if width is None else min(self._shown, max(width - 1, 1))
        self._stream.write("\r" + line.ljust(pad))
        self._stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        """Blank the bar so another line can be printed."""
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0

    @contextmanager
    def above(self) -> Iterator[None]:
        """Print something (to any stream) above the bar, then draw the bar again."""
        shown = self._shown
        self.clear()
        try:
            yield
        finally:
            if shown:
                self._draw(time.monotonic())

    def finish(self, counts: Counter[str], *, stopped: str | None = None) -> None:
        """The final status line, from the same counts as the summary.

        ``stopped`` says how a job that did not get through its items ended
        (``interrupted``, ``stopped``).
        """
        self._counts = Counter(counts)
        self._stopped = stopped
        if self._mode == "heartbeat" and stopped:
            self._stream.write(f"progress: {self.text()}\n")
        elif self._mode == "bar":
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()
            self._shown = 0
        self._mode = "off"


#: The bar on screen now, if any: log records are printed above it.
_active: list[Progress] = []


@contextmanager
def showing(progress: Progress) -> Iterator[None]:
    """Make ``progress`` the bar that :class:`ProgressLogHandler` prints above."""
    _active.append(progress)
    try:
        yield
    finally:
        _active.remove(progress)


class ProgressLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stderr log handler that clears the progress bar before a record, then redraws it."""

    def emit(self, record: logging.LogRecord) -> None:
        if _active:
            with _active[-1].above():
                super().emit(record)
        else:
            super().emit(record)


def forbidden_hint(refused: int, total: int) -> str:
    """Why items fail with 403: GitLab refused the action for those users."""
    every = "every item" if refused == total else f"{refused} of {total} items"
    return (
        f"{every} failed with 403 Forbidden: GitLab did not allow the action for those "
        "users (some users, such as LDAP-blocked or internal ones, cannot be changed "
        "through the API; the message of each item says why)"
    )


def summary(counts: Counter[str], seconds: float) -> str:
    """``processed N: ok X, failed Y, unknown Z in S s`` (plus ``skipped``,
    ``not attempted`` when any)."""
    total = sum(counts.values())
    extra = "".join(
        f", {_label(name)} {counts[name]}" for name in ("skipped", "not_attempted") if counts[name]
    )
    return (
        f"processed {total}: ok {counts['ok']}, failed {counts['failed']}, "
        f"unknown {counts['unknown']}{extra} in {seconds:.1f} s"
    )
