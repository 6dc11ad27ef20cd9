"""The ``--results`` file is the bulk job's journal, which ``--resume`` continues from.

Rows (CSV with a header, or JSON lines, chosen by the file's suffix) have the columns of
:data:`COLUMNS`; ``tokens`` holds the IDs of the tokens a ``revoke-tokens`` or
``rotate-tokens`` item acts on (space-separated in CSV, a list in JSON lines), empty for
the other actions. While the job runs the file is only appended to:

* just before an item's write request is sent, a row ``unknown`` ("in flight") for it,
  so that after a ``kill -9`` or a power cut the file still says that request may have
  been applied, and ``--resume`` checks the user's state before sending anything;
* when the item finishes, its final row.

The last row of an item is the one that counts. When the job ends (also when a signal
or the circuit breaker stopped it) the file is rewritten with one row per item, in input
order: a new file is written and synced next to it, then renamed over it, so a crash
during the rewrite leaves one of the two, both complete.

Each row is flushed as it is written (a killed process loses none of them); the file is
synced to disk at least every :data:`SYNC_EVERY` seconds and at the end, so a power cut
loses at most the rows of the last seconds. ``digest`` ties every row to the job (its
input and options), so that ``--resume`` refuses another job's file.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import anyio

from ._errors import CLIError, redact

__all__ = [
    "COLUMNS",
    "OUTCOMES",
    "SYNC_EVERY",
    "Journal",
    "Previous",
    "Row",
    "check_results_path",
    "load",
]

OUTCOMES = ("ok", "failed", "unknown", "skipped", "not_attempted")
COLUMNS = (
    "index",
    "line",
    "input",
    "user_id",
    "username",
    "action",
    "outcome",
    "status",
    "tokens",
    "message",
    "digest",
)
#: Rows reach the disk at least this often (seconds), and when the job ends.
SYNC_EVERY = 2.0
_SUFFIXES = (".csv", ".jsonl", ".ndjson")


def check_results_path(path: str, *, force: bool) -> None:
    """Refuse a ``--results`` path before any request: wrong suffix, or (without --force) taken."""
    if Path(path).suffix.lower() not in _SUFFIXES:
        raise CLIError(f"--results must end in .csv or .jsonl, not {path!r}")
    if not force and os.path.lexists(path):
        raise CLIError(
            f"results file {path} already exists: choose another path, pass --resume to "
            "continue the job that wrote it, or --force to overwrite it"
        )


def _is_csv(path: str) -> bool:
    return Path(path).suffix.lower() == ".csv"


@dataclass(frozen=True, slots=True)
class Row:
    """One journal row, as ``--resume`` reads it."""

    index: int
    user_id: int | None
    username: str | None
    action: str
    outcome: str
    status: int | None
    message: str
    digest: str
    #: The IDs of the tokens the item acts on (token actions), as the row recorded them.
    tokens: tuple[int, ...] = ()


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _optional_int(text: str, what: str) -> int | None:
    if text == "":
        return None
    if not text.isdigit():
        raise ValueError(f"{what} {text!r} is not a number")
    return int(text)


def _row(values: dict[str, Any]) -> Row:
    index = _optional_int(_cell(values, "index"), "index")
    outcome = _cell(values, "outcome")
    if index is None:
        raise ValueError("no index")
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    return Row(
        index=index,
        user_id=_optional_int(_cell(values, "user_id"), "user_id"),
        username=_cell(values, "username") or None,
        action=_cell(values, "action"),
        outcome=outcome,
        status=_optional_int(_cell(values, "status"), "status"),
        message=_cell(values, "message"),
        digest=_cell(values, "digest"),
        tokens=_token_ids(values.get("tokens")),
    )


def _token_ids(value: Any) -> tuple[int, ...]:
    """The ``tokens`` cell: ``"12 13"`` (CSV), ``[12, 13]`` (JSON lines), or empty."""
    if value is None or value == "":
        return ()
    parts = value.split() if isinstance(value, str) else value
    if not isinstance(parts, list) or not all(
        (isinstance(p, str) and p.isdigit()) or (type(p) is int and p > 0) for p in parts
    ):
        raise ValueError(f"tokens {value!r} is not a list of token IDs")
    return tuple(int(p) for p in parts)


def _token_cell(value: Any, is_csv: bool) -> Any:
    if not value:
        return None
    ids = [int(i) for i in value]
    return " ".join(map(str, ids)) if is_csv else ids


def _parse_line(line: str, is_csv: bool) -> dict[str, Any]:
    if is_csv:
        cells = next(csv.reader([line]), [])
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{len(cells)} cells, expected {len(COLUMNS)}")
        return dict(zip(COLUMNS, cells, strict=True))
    value = json.loads(line)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


@dataclass
class Previous:
    """What the journal of an earlier run of the job says (``--resume``)."""

    path: str
    #: index -> the item's last row.
    rows: dict[int, Row]
    #: Where the last complete row ends: anything after it (a row cut short by a crash)
    #: is dropped before appending.
    end: int
    #: The CSV header is there (else the file is written from its start again).
    has_header: bool

    def by_user(self) -> dict[int, Row]:
        """user ID -> the last row naming that user (``--matching`` resumes by user)."""
        return {row.user_id: row for row in self.rows.values() if row.user_id is not None}


def load(path: str, *, action: str, digest: str, dry_run_digest: str) -> Previous:
    """Read the journal ``path`` for ``--resume``, refusing another job's file.

    Raises ``FileNotFoundError`` when there is no such file (the job starts anew).
    ``dry_run_digest`` is this job's digest with ``--dry-run`` flipped, to say so when
    that is the only difference.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise CLIError(f"--resume: cannot read {path}: {exc.strerror or exc}") from None
    end = data.rfind(b"\n") + 1  # a last line without its newline was cut short: ignored
    try:
        text = data[:end].decode("utf-8")
    except UnicodeDecodeError:
        raise CLIError(f"--resume: {path} is not a results file (not UTF-8 text)") from None
    is_csv = _is_csv(path)
    lines = text.split("\n")[:-1]
    has_header = False
    if is_csv and lines:
        if lines[0].strip() != ",".join(COLUMNS):
            raise CLIError(
                f"--resume: {path} is not the journal of a bulk job of this version (its "
                f"header is {lines[0][:80]!r}); give the results file the job wrote"
            )
        has_header = True
        lines = lines[1:]
    rows: dict[int, Row] = {}
    first_line = 2 if has_header else 1
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            row = _row(_parse_line(line, is_csv))
        except (ValueError, csv.Error) as exc:
            raise CLIError(f"--resume: {path} line {number} is not a journal row: {exc}") from None
        _check_job(path, row, action, digest, dry_run_digest)
        rows[row.index] = row
    return Previous(path, rows, end, has_header)


def _check_job(path: str, row: Row, action: str, digest: str, dry_run_digest: str) -> None:
    if row.action != action:
        raise CLIError(
            f"--resume: {path} is the journal of a `bulk {row.action}` job, not `bulk "
            f"{action}`: resume with the same command, or write this job's results elsewhere"
        )
    if row.digest == digest:
        return
    if row.digest == dry_run_digest:
        raise CLIError(
            f"--resume: {path} was written by a job that differs from this one only in "
            "--dry-run: a rehearsal's journal cannot be resumed as the real job (or the "
            "other way round); write this job's results elsewhere"
        )
    raise CLIError(
        f"--resume: this job differs from the one that wrote {path} (its digest is "
        f"{row.digest or 'missing'}, this job's is {digest}): --resume continues the same job, "
        "so the input (the file's content, or the --matching filters) and the options "
        "(--key, --value, --hard-delete, --expires-at, --token-expires-before) must be the "
        "same. For a new job, choose another "
        "--results path (or --force to overwrite this one)"
    )


class Journal:
    """The journal being written (see the module docstring)."""

    def __init__(self, path: str, handle: TextIO, *, action: str, digest: str) -> None:
        self.path = path
        self._handle = handle
        self._csv = _is_csv(path)
        self._action = action
        self._digest = digest
        self._writer: Any = (
            csv.DictWriter(handle, COLUMNS, lineterminator="\n") if self._csv else None
        )
        self._dirty = False
        self._synced_at = time.monotonic()

    @classmethod
    def create(cls, path: str, *, force: bool, action: str, digest: str) -> Journal:
        """A new journal; without ``force`` an existing file is never overwritten."""
        check_results_path(path, force=force)
        try:
            handle = open(  # noqa: SIM115 - closed by close()
                path, "w" if force else "x", encoding="utf-8", newline=""
            )
        except FileExistsError:
            raise CLIError(
                f"results file {path} already exists: choose another path, or pass --force"
            ) from None
        except OSError as exc:
            raise CLIError(f"cannot write results file {path}: {exc.strerror or exc}") from None
        journal = cls(path, handle, action=action, digest=digest)
        if journal._writer is not None:
            journal._writer.writeheader()
            handle.flush()
        return journal

    @classmethod
    def reopen(cls, previous: Previous, *, action: str, digest: str) -> Journal:
        """The journal ``previous`` was read from, to append to (a cut-short row dropped)."""
        path = previous.path
        try:
            handle = open(path, "r+", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise CLIError(f"cannot write results file {path}: {exc.strerror or exc}") from None
        end = previous.end if previous.has_header or not _is_csv(path) else 0
        handle.seek(end)
        handle.truncate()
        journal = cls(path, handle, action=action, digest=digest)
        if journal._writer is not None and end == 0:
            journal._writer.writeheader()
        handle.flush()
        return journal

    def write(self, row: dict[str, Any], *, flush: bool = True) -> None:
        """Append one row and flush it (credentials masked, one physical line per row).

        ``flush=False`` for a batch of rows written at once (then :meth:`flush`).
        """
        values: dict[str, Any] = {}
        for key in COLUMNS:
            value = row.get(key)
            if key == "tokens":
                value = _token_cell(value, self._csv)
            elif isinstance(value, str):
                value = redact(value.replace("\r", " ").replace("\n", " "))
            values[key] = value
        values["action"] = self._action
        values["digest"] = self._digest
        if self._writer is not None:
            self._writer.writerow({k: "" if v is None else v for k, v in values.items()})
        else:
            self._handle.write(json.dumps(values, ensure_ascii=False) + "\n")
        if flush:
            self._handle.flush()
        self._dirty = True

    def flush(self) -> None:
        self._handle.flush()

    def sync_due(self) -> bool:
        """Whether rows were written and the last sync is :data:`SYNC_EVERY` seconds old."""
        return self._dirty and time.monotonic() - self._synced_at >= SYNC_EVERY

    async def sync(self) -> None:
        """Sync the rows written so far to disk (in a worker thread: fsync can block)."""
        self._dirty = False
        self._synced_at = time.monotonic()
        await anyio.to_thread.run_sync(os.fsync, self._handle.fileno())

    async def close(self, *, compact: bool) -> None:
        """Sync and close; with ``compact``, rewrite it as one row per item first."""
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(self._close, compact)

    def _close(self, compact: bool) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        if compact:
            # The raw journal is complete as it is: if it cannot be rewritten (a folder
            # that became read-only, a full disk), it stays, and --resume reads it.
            with contextlib.suppress(OSError):
                _compact(self.path)


def _compact(path: str) -> None:
    """Rewrite the journal at ``path`` with the last row of each item, in index order."""
    target = os.path.realpath(path)
    is_csv = _is_csv(path)
    last: dict[int, str] = {}
    header = ""
    with open(target, encoding="utf-8", newline="") as source:
        for number, line in enumerate(source):
            if is_csv and number == 0:
                header = line
                continue
            if not line.endswith("\n") or not line.strip():
                continue
            try:
                index = _row(_parse_line(line.rstrip("\n"), is_csv)).index
            except (ValueError, csv.Error):
                return  # not ours to rewrite: leave the file as it is
            last[index] = line
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            out.write(header)
            for index in sorted(last):
                out.write(last[index])
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make a rename durable (a directory's fsync; not possible everywhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
