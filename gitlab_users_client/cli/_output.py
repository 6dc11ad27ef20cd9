"""Printing records as a table, JSON, JSON lines or CSV, streaming batch by batch.

Records are plain dicts (``model.model_dump(mode="json")``). Nothing here buffers more
than one batch (one API page): JSON lines and CSV rows are written and flushed as each
page arrives, a JSON array is written element by element. The table takes its column
widths from the first page, narrowed to fit the terminal; a longer value on a later
page is not cut to the first page's width (only a line wider than the terminal is).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol, TextIO, runtime_checkable

__all__ = [
    "Format",
    "Model",
    "Printer",
    "check_fields",
    "printer",
    "record",
    "terminal_width",
    "write_record",
]

Format = Literal["table", "json", "jsonl", "csv"]
_MAX_CELL = 48
_MIN_CELL = 6


@runtime_checkable
class Model(Protocol):
    """A pydantic model (duck-typed: importing pydantic here would slow down ``--help``)."""

    def model_dump(self, *, mode: str) -> dict[str, Any]: ...


def record(obj: Model | Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-ready dict of a model (or a copy of a mapping)."""
    if isinstance(obj, Mapping):
        return dict(obj)
    return obj.model_dump(mode="json")


def _lookup(row: Mapping[str, Any], path: str) -> Any:
    value: Any = row
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def check_fields(row: Mapping[str, Any], fields: Sequence[str]) -> str | None:
    """Why ``fields`` do not fit ``row`` (an unknown name, with the valid ones), or ``None``.

    Dotted paths are checked as deep as the record has nested objects.
    """
    for name in fields:
        value: Any = row
        walked: list[str] = []
        for part in name.split("."):
            if not isinstance(value, Mapping):
                break  # a null or a list: nothing to check it against
            if part not in value:
                where = f" under {'.'.join(walked)}" if walked else ""
                return f"unknown field {name!r} (valid{where}: {', '.join(value)})"
            walked.append(part)
            value = value[part]
    return None


def terminal_width(stream: TextIO) -> int | None:
    """Columns of the terminal ``stream`` writes to; ``$COLUMNS`` otherwise; else no limit."""
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def _select(row: Mapping[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    return dict(row) if not fields else {name: _lookup(row, name) for name in fields}


def _text(value: Any) -> str:
    """How a value looks in a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return ",".join(str(v) for v in value)
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class Printer(Protocol):
    """Writes batches of records; ``close`` finishes the document."""

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None: ...

    def close(self) -> None: ...


class _Jsonl:
    def __init__(self, stream: TextIO, fields: Sequence[str] | None) -> None:
        self._stream, self._fields = stream, fields

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self._stream.write(json.dumps(_select(row, self._fields), ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class _JsonArray:
    def __init__(self, stream: TextIO, fields: Sequence[str] | None) -> None:
        self._stream, self._fields = stream, fields
        self._count = 0

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            text = json.dumps(_select(row, self._fields), ensure_ascii=False, indent=2)
            self._stream.write(("[\n" if self._count == 0 else ",\n") + text)
            self._count += 1
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("[]\n" if self._count == 0 else "\n]\n")
        self._stream.flush()


class _Csv:
    def __init__(self, stream: TextIO, fields: Sequence[str] | None) -> None:
        self._stream, self._fields = stream, list(fields) if fields else None
        self._writer: csv.DictWriter[str] | None = None

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            if self._writer is None:
                self._fields = self._fields or list(row)
                self._writer = csv.DictWriter(
                    self._stream, self._fields, extrasaction="ignore", lineterminator="\n"
                )
                self._writer.writeheader()
            self._writer.writerow({name: _text(_lookup(row, name)) for name in self._fields or ()})
        self._stream.flush()

    def close(self) -> None:
        if self._writer is None and self._fields:
            csv.writer(self._stream, lineterminator="\n").writerow(self._fields)
        self._stream.flush()


class _Table:
    def __init__(self, stream: TextIO, fields: Sequence[str], width: int | None) -> None:
        self._stream, self._fields = stream, list(fields)
        self._width = width
        self._widths: list[int] | None = None
        self._squeezed: list[bool] = []

    def _layout(self, batch: list[list[str]]) -> None:
        natural = [
            max([len(name)] + [len(" ".join(r[i].split())) for r in batch])
            for i, name in enumerate(self._fields)
        ]
        widths = [min(n, _MAX_CELL) for n in natural]
        if self._width is not None:
            # Narrow the widest column, one character at a time, until the line fits.
            floor = [
                min(w, max(len(name), _MIN_CELL))
                for w, name in zip(widths, self._fields, strict=True)
            ]
            while sum(widths) + 2 * (len(widths) - 1) > self._width:
                i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
                if widths[i] <= floor[i]:
                    break
                widths[i] -= 1
        self._widths = widths
        self._squeezed = [w < n for w, n in zip(widths, natural, strict=True)]

    def _line(self, cells: Sequence[str]) -> str:
        assert self._widths is not None
        parts = []
        for cell, width, squeezed in zip(cells, self._widths, self._squeezed, strict=True):
            # A value longer than its column is cut only where the terminal forced the
            # column narrower than its content; otherwise it is printed whole.
            text = _fit(cell, width) if squeezed else " ".join(cell.split())
            parts.append(text.ljust(width))
        line = "  ".join(parts).rstrip()
        if self._width is not None and len(line) > self._width:
            line = line[: self._width - 1] + "…"
        return line

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        batch = [[_text(_lookup(row, name)) for name in self._fields] for row in rows]
        if self._widths is None:
            self._layout(batch)
            self._stream.write(self._line([name.upper() for name in self._fields]) + "\n")
        for cells in batch:
            self._stream.write(self._line(cells) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._widths is None:
            self.write([])


def printer(
    fmt: Format, stream: TextIO, fields: Sequence[str] | None, table_fields: Sequence[str]
) -> Printer:
    """A printer for a list of records; ``table_fields`` are the table's default columns."""
    if fmt == "jsonl":
        return _Jsonl(stream, fields)
    if fmt == "json":
        return _JsonArray(stream, fields)
    if fmt == "csv":
        return _Csv(stream, fields)
    return _Table(stream, fields or table_fields, terminal_width(stream))


def write_record(
    fmt: Format, stream: TextIO, row: Mapping[str, Any], fields: Sequence[str] | None
) -> None:
    """Print one record: ``key  value`` lines for the table format, else like a list of one."""
    if fmt == "table":
        selected = _select(row, fields)
        width = max((len(key) for key in selected), default=0)
        for key, value in selected.items():
            stream.write(f"{key.ljust(width)}  {_text(value)}\n")
        stream.flush()
    elif fmt == "json":
        stream.write(json.dumps(_select(row, fields), ensure_ascii=False, indent=2) + "\n")
        stream.flush()
    else:
        out = printer(fmt, stream, fields, ())
        out.write([row])
        out.close()
