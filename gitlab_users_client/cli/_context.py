"""What every command receives: the client, the parsed arguments and the streams."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from gitlab_users_client import AsyncGitLab, AsyncPaginator

from ._errors import CLIError, add_secret
from ._output import Format, Model, check_fields, printer, record, write_record

__all__ = ["Context", "read_secret"]


@dataclass
class Context:
    """One command invocation."""

    gl: AsyncGitLab
    args: argparse.Namespace
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    #: ``--fields`` was checked before a write (see :meth:`expect_fields`).
    fields_checked: bool = False

    @property
    def fmt(self) -> Format:
        """``--output``, else a table on a terminal and JSON lines otherwise."""
        chosen: Format | None = getattr(self.args, "output", None)
        if chosen:
            return chosen
        return "table" if self.stdout.isatty() else "jsonl"

    @property
    def fields(self) -> list[str] | None:
        raw: str | None = getattr(self.args, "fields", None)
        if not raw:
            return None
        return [name.strip() for name in raw.split(",") if name.strip()]

    def _check_fields(self, row: dict[str, Any]) -> None:
        fields = self.fields
        problem = check_fields(row, fields) if fields and not self.fields_checked else None
        if problem:
            raise CLIError(f"--fields: {problem}")

    def expect_fields(self, *models: type) -> None:
        """Check ``--fields`` against the models a write will return, before sending it.

        (Reads check against the first record instead, which also knows nested objects.)
        """
        fields = self.fields
        if not fields:
            return
        known: dict[str, None] = {}
        for model in models:
            known.update(dict.fromkeys(getattr(model, "model_fields", {})))
        problem = check_fields(dict.fromkeys(known), [name.split(".")[0] for name in fields])
        if problem:
            raise CLIError(f"--fields: {problem}")
        self.fields_checked = True

    def show(self, obj: Model | dict[str, Any]) -> None:
        """Print one record in the chosen format (``--fields`` checked against it first)."""
        row = record(obj)
        self._check_fields(row)
        write_record(self.fmt, self.stdout, row, self.fields)

    def say(self, message: str) -> None:
        """A plain result line on stdout (``blocked user 20 (alice)``)."""
        self.stdout.write(message + "\n")
        self.stdout.flush()

    def warn(self, message: str) -> None:
        self.stderr.write(message + "\n")
        self.stderr.flush()

    async def stream(
        self,
        paginator: AsyncPaginator[Any],
        table_fields: Sequence[str],
        limit: int | None = None,
    ) -> int:
        """Print a paginated listing page by page; returns how many records were printed.

        ``--fields`` is checked against the first record, before any output.
        """
        out = printer(self.fmt, self.stdout, self.fields, table_fields)
        count = 0
        if limit is None or limit > 0:
            async for page in paginator.pages():
                items = page.items if limit is None else page.items[: limit - count]
                rows = [record(item) for item in items]
                if rows and count == 0:
                    self._check_fields(rows[0])  # before anything is printed
                out.write(rows)
                count += len(items)
                if limit is not None and count >= limit:
                    break
        out.close()
        return count


def read_secret(path: str, stdin: TextIO, what: str) -> str:
    """A secret (password) from a file, or from the first line of stdin for ``-``."""
    try:
        if path == "-":
            text = stdin.readline()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise CLIError(f"cannot read {what} file {path}: {exc.strerror or exc}") from None
    value = text.rstrip("\r\n")
    if not value or "\n" in value:
        raise CLIError(f"the {what} file {path} must hold the {what} on one line")
    add_secret(value)
    return value
