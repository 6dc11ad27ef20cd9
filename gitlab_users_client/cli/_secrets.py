"""The file ``bulk rotate-tokens --secrets-out PATH`` writes the new token values to.

A rotated token's new value is in GitLab's answer, once: it is written here before
anything else happens, one row per rotated token (``.jsonl``, or ``.csv`` with a header),
and synced to disk before the item counts as done. Values never go to stdout, stderr or
the journal.

The file is created with mode 0600, never over an existing file and never through a
symbolic link. ``--resume`` appends to the same file: it must then be a regular file of
the current user that nobody else can read, and its rows say which tokens were already
rotated (``rotated_token_id``). A row cut short by a crash is dropped before appending
(its value is incomplete, so that rotation counts as one whose value was lost).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import anyio

from ._errors import CLIError

__all__ = ["SECRET_COLUMNS", "SecretsFile", "SecretsNotWritten", "check_secrets_path"]

SECRET_COLUMNS = (
    "user_id",
    "username",
    "rotated_token_id",
    "token_id",
    "name",
    "scopes",
    "expires_at",
    "token",
)
_SUFFIXES = (".csv", ".jsonl", ".ndjson")


class SecretsNotWritten(Exception):
    """A new token value could not be stored: it is lost, and the job must stop."""


def _is_csv(path: str) -> bool:
    return Path(path).suffix.lower() == ".csv"


def check_secrets_path(path: str, *, append: bool) -> None:
    """Refuse a ``--secrets-out`` path before any request.

    A new job needs a path that does not exist (nothing is ever overwritten); a resumed
    one (``append``) may find the file its first run wrote, which must be safe to append to.
    """
    if Path(path).suffix.lower() not in _SUFFIXES:
        raise CLIError(f"--secrets-out must end in .jsonl or .csv, not {path!r}")
    if not os.path.lexists(path):
        return
    if not append:
        raise CLIError(
            f"secrets file {path} already exists: new token values are never written over "
            "another file; choose another path (or pass --resume to continue the job that "
            "wrote it)"
        )
    _check_private(path, os.lstat(path))


def _check_private(path: str, info: os.stat_result) -> None:
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise CLIError(f"secrets file {path} is not a regular file (a link?): refusing to use it")
    if info.st_uid != os.geteuid():
        raise CLIError(f"secrets file {path} belongs to another user: refusing to append to it")
    if info.st_mode & 0o077:
        raise CLIError(
            f"secrets file {path} can be read by others (mode {stat.S_IMODE(info.st_mode):o}): "
            f"make it private first (chmod 600 {path})"
        )


class SecretsFile:
    """The open secrets file (see the module docstring)."""

    def __init__(self, path: str, fd: int, rotated: set[int]) -> None:
        self.path = path
        self._fd = fd
        self._csv = _is_csv(path)
        #: Where the last complete row ends: a row the disk refused half-way is cut off.
        self._end = os.lseek(fd, 0, os.SEEK_END)
        #: IDs of the tokens whose successor's value the file holds.
        self.rotated = rotated

    @classmethod
    def open(cls, path: str, *, append: bool) -> SecretsFile:
        """Create the file (mode 0600), or with ``append`` continue the one that exists."""
        check_secrets_path(path, append=append)
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except FileExistsError:
            if not append:
                raise CLIError(f"secrets file {path} already exists: choose another path") from None
            fd = cls._reopen(path, nofollow)
        except OSError as exc:
            raise CLIError(f"cannot create secrets file {path}: {exc.strerror or exc}") from None
        else:
            if _is_csv(path):
                os.write(fd, (",".join(SECRET_COLUMNS) + "\n").encode())
            return cls(path, fd, set())
        try:
            rotated = cls._read_rotated(path, fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, rotated)

    @staticmethod
    def _reopen(path: str, nofollow: int) -> int:
        try:
            fd = os.open(path, os.O_RDWR | nofollow)
        except OSError as exc:
            raise CLIError(f"cannot open secrets file {path}: {exc.strerror or exc}") from None
        try:
            _check_private(path, os.fstat(fd))
        except BaseException:
            os.close(fd)
            raise
        return fd

    @staticmethod
    def _read_rotated(path: str, fd: int) -> set[int]:
        """The tokens already rotated, per the rows; a row cut short at the end is dropped."""
        data = b""
        while chunk := os.read(fd, 1 << 20):
            data += chunk
        end = data.rfind(b"\n") + 1
        os.ftruncate(fd, end)
        os.lseek(fd, end, os.SEEK_SET)
        try:
            text = data[:end].decode("utf-8")
        except UnicodeDecodeError:
            raise CLIError(f"secrets file {path} is not a secrets file (not UTF-8)") from None
        if _is_csv(path):
            if not text:
                os.write(fd, (",".join(SECRET_COLUMNS) + "\n").encode())
                return set()
            rows: list[Any] = list(csv.DictReader(io.StringIO(text)))
        else:
            rows = []
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    raise CLIError(f"secrets file {path} line {number} is not JSON") from None
        rotated: set[int] = set()
        for row in rows:
            value = str(row.get("rotated_token_id") or "") if isinstance(row, dict) else ""
            if not value.isdigit():
                raise CLIError(
                    f"secrets file {path} has a row without rotated_token_id: it is not the "
                    "secrets file of a bulk rotate-tokens job"
                )
            rotated.add(int(value))
        return rotated

    def has(self, token_id: int) -> bool:
        """Whether the value of ``token_id``'s successor is in the file."""
        return token_id in self.rotated

    async def save(self, row: dict[str, Any]) -> None:
        """Write one rotated token's row and sync it to disk before returning.

        The write itself happens before the first await, so a cancelled job never loses
        a value it had in hand; raises :class:`SecretsNotWritten` when the disk refuses.
        """
        values = {key: row.get(key) for key in SECRET_COLUMNS}
        if self._csv:
            buffer = io.StringIO()
            cells = {k: " ".join(v) if isinstance(v, list) else v for k, v in values.items()}
            csv.DictWriter(buffer, SECRET_COLUMNS, lineterminator="\n").writerow(
                {k: "" if v is None else v for k, v in cells.items()}
            )
            line = buffer.getvalue()
        else:
            line = json.dumps(values, ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        try:
            written = 0
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError as exc:
            with contextlib.suppress(OSError):  # no half row for the next one to follow
                os.ftruncate(self._fd, self._end)
                os.lseek(self._fd, self._end, os.SEEK_SET)
            raise SecretsNotWritten(str(exc.strerror or exc)) from None
        self._end += len(data)
        self.rotated.add(int(row["rotated_token_id"]))
        with anyio.CancelScope(shield=True):
            try:
                await anyio.to_thread.run_sync(os.fsync, self._fd)
            except OSError as exc:
                raise SecretsNotWritten(str(exc.strerror or exc)) from None

    async def close(self) -> None:
        with anyio.CancelScope(shield=True):
            with contextlib.suppress(OSError):
                await anyio.to_thread.run_sync(os.fsync, self._fd)
            os.close(self._fd)
