"""Reporting a bulk job: the progress display, the ``--results`` file and the summary."""

from __future__ import annotations

import csv
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TextIO

from ._errors import CLIError, redact

__all__ = [
    "OUTCOMES",
    "Mode",
    "RESULT_COLUMNS",
    "ProgressLogHandler",
    "Progress",
    "ResultsFile",
    "check_results_path",
    "counts_text",
    "forbidden_hint",
    "showing",
    "summary",
]

OUTCOMES = ("ok", "failed", "unknown", "skipped")
RESULT_COLUMNS = (
    "index",
    "line",
    "input",
    "user_id",
    "username",
    "action",
    "outcome",
    "status",
    "message",
)
_SUFFIXES = (".csv", ".jsonl", ".ndjson")


def check_results_path(path: str, *, force: bool) -> None:
    """Refuse a ``--results`` path before any request: wrong suffix, or (without --force) taken."""
    if Path(path).suffix.lower() not in _SUFFIXES:
        raise CLIError(f"--results must end in .csv or .jsonl, not {path!r}")
    if not force and os.path.lexists(path):
        raise CLIError(
            f"results file {path} already exists: choose another path, or pass --force to "
            "overwrite it"
        )


class ResultsFile:
    """Every item's outcome, one row per item as it finishes (CSV or JSON lines).

    Without ``force`` the file is created exclusively: an existing file (even one that
    appeared since :func:`check_results_path`) is never overwritten.
    """

    def __init__(self, path: str, *, force: bool = False) -> None:
        check_results_path(path, force=force)
        self._csv = Path(path).suffix.lower() == ".csv"
        try:
            self._handle: TextIO = open(  # noqa: SIM115 - closed by close()
                path, "w" if force else "x", encoding="utf-8", newline=""
            )
        except FileExistsError:
            raise CLIError(
                f"results file {path} already exists: choose another path, or pass --force"
            ) from None
        except OSError as exc:
            raise CLIError(f"cannot write results file {path}: {exc.strerror or exc}") from None
        self._writer: Any = None
        if self._csv:
            self._writer = csv.DictWriter(self._handle, RESULT_COLUMNS, lineterminator="\n")
            self._writer.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        row = {
            key: redact(value) if isinstance(value, str) else value for key, value in row.items()
        }
        if self._csv:
            self._writer.writerow({k: "" if row.get(k) is None else row[k] for k in RESULT_COLUMNS})
        else:
            self._handle.write(json.dumps({k: row.get(k) for k in RESULT_COLUMNS}) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def counts_text(counts: Counter[str]) -> str:
    """``ok 3 failed 1 unknown 0 skipped 2``: every outcome, each counted on its own."""
    return " ".join(f"{name} {counts[name]}" for name in OUTCOMES)


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


Mode = Literal["bar", "heartbeat", "off"]


class Progress:
    """Where a bulk job stands: done/total, each outcome, rate and ETA.

    * ``bar``: one line on a terminal, rewritten in place (at most 10 times a second);
      :meth:`above` prints other lines (results, warnings, log records) above it.
    * ``heartbeat``: for a log file or a CI console: one plain line every ``interval``
      seconds (also while nothing finishes, from :meth:`tick`), nothing rewritten.
    * ``off``: nothing.

    Every line is computed from the same counter the summary uses, so an interrupted
    run's last line and its summary agree.

    ``total=None``: the items are still being found (``bulk --matching``: the scan runs
    while the actions do). The total shown is then what was found so far (:meth:`found`),
    and no ETA is given until :meth:`found_all` says the count is final.
    """

    def __init__(
        self, stream: TextIO, total: int | None, mode: Mode, interval: float = 10.0
    ) -> None:
        self._stream = stream
        self._total = total or 0
        self._open = total is None
        self._mode: Mode = mode if total is None or total > 0 else "off"
        self._interval = interval
        self._counts: Counter[str] = Counter()
        self._started = time.monotonic()
        self._last = self._started
        self._shown = 0
        self._interrupted = False

    @property
    def mode(self) -> Mode:
        return self._mode

    def found(self, total: int) -> None:
        """While the total is open: ``total`` items were found so far."""
        self._total = total

    def found_all(self) -> None:
        """The total is final: from now on an ETA is computed from it."""
        self._open = False

    def text(self) -> str:
        """The status: ``40/100 ok 38 failed 1 unknown 0 skipped 1 · 12.5/s · ETA 5s``.

        While the total is open: ``40/120 ok ... · 12.5/s · ETA unknown: still
        scanning, 120 found so far``.
        """
        done = sum(self._counts.values())
        elapsed = max(time.monotonic() - self._started, 1e-9)
        head = f"{done}/{self._total} {counts_text(self._counts)}"
        if self._interrupted:
            found = f" (the scan had found {self._total})" if self._open else ""
            return f"{head} · interrupted after {_duration(elapsed)}{found}"
        rate = done / elapsed
        if self._open:
            return (
                f"{head} · {rate:.1f}/s · ETA unknown: still scanning, {self._total} found so far"
            )
        eta = "ETA -" if rate <= 0 else f"ETA {_duration((self._total - done) / rate)}"
        if done >= self._total:
            eta = f"took {_duration(elapsed)}"
        return f"{head} · {rate:.1f}/s · {eta}"

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
        done = sum(self._counts.values())
        filled = 20 * min(done, self._total) // self._total if self._total else 0
        line = f"[{'#' * filled}{'-' * (20 - filled)}] {self.text()}"
        self._stream.write("\r" + line.ljust(self._shown))
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

    def finish(self, counts: Counter[str], *, interrupted: bool = False) -> None:
        """The final status line, from the same counts as the summary."""
        self._counts = Counter(counts)
        self._interrupted = interrupted
        if self._mode == "heartbeat" and interrupted:
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
    """Why items fail with 403: the token's user may not do this (bulk needs an admin)."""
    every = "every item" if refused == total else f"{refused} of {total} items"
    return (
        f"{every} failed with 403 Forbidden: GitLab did not allow the action (bulk actions "
        "need an administrator's token; some users, such as the token's own, cannot be "
        "changed at all)"
    )


def summary(counts: Counter[str], seconds: float) -> str:
    """``processed N: ok X, failed Y, unknown Z in S s`` (plus ``skipped`` when any)."""
    total = sum(counts.values())
    skipped = f", skipped {counts['skipped']}" if counts["skipped"] else ""
    return (
        f"processed {total}: ok {counts['ok']}, failed {counts['failed']}, "
        f"unknown {counts['unknown']}{skipped} in {seconds:.1f} s"
    )
