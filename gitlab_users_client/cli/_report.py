"""Reporting a bulk job: the progress line, the ``--results`` file and the summary."""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from ._errors import CLIError, redact

__all__ = ["OUTCOMES", "RESULT_COLUMNS", "Progress", "ResultsFile", "summary"]

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


class ResultsFile:
    """Every item's outcome, one row per item as it finishes (CSV or JSON lines)."""

    def __init__(self, path: str) -> None:
        suffix = Path(path).suffix.lower()
        if suffix not in (".csv", ".jsonl", ".ndjson"):
            raise CLIError(f"--results must end in .csv or .jsonl, not {path!r}")
        self._csv = suffix == ".csv"
        try:
            self._handle: TextIO = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
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


class Progress:
    """A plain ``[####----] 40/100 ok 38 failed 2 unknown 0`` line rewritten in place."""

    def __init__(self, stream: TextIO, total: int, enabled: bool) -> None:
        self._stream = stream
        self._total = total
        self._enabled = enabled and total > 0
        self._shown = 0
        self._last = 0.0

    def update(self, counts: Counter[str], *, force: bool = False) -> None:
        if not self._enabled:
            return
        done = sum(counts.values())
        now = time.monotonic()
        if not force and done < self._total and now - self._last < 0.1:
            return
        self._last = now
        filled = 30 * done // self._total
        text = (
            f"[{'#' * filled}{'-' * (30 - filled)}] {done}/{self._total} "
            f"ok {counts['ok'] + counts['skipped']} failed {counts['failed']} "
            f"unknown {counts['unknown']}"
        )
        self._stream.write("\r" + text.ljust(self._shown))
        self._stream.flush()
        self._shown = len(text)

    def clear(self) -> None:
        """Blank the line so another message can be printed."""
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._shown = 0

    def finish(self, counts: Counter[str]) -> None:
        if self._enabled:
            self.update(counts, force=True)
            self._stream.write("\n")
            self._stream.flush()
            self._shown = 0


def summary(counts: Counter[str], seconds: float) -> str:
    """``processed N: ok X, failed Y, unknown Z in S s`` (plus ``skipped`` on a dry run)."""
    total = sum(counts.values())
    skipped = f", skipped {counts['skipped']}" if counts["skipped"] else ""
    return (
        f"processed {total}: ok {counts['ok']}, failed {counts['failed']}, "
        f"unknown {counts['unknown']}{skipped} in {seconds:.1f} s"
    )
