"""Reading ``bulk`` input: plain lines, CSV with a header, or JSON lines.

* lines: one user ID or username per line (blank lines and ``#`` comments skipped);
* CSV: a header with an ``id`` or ``username`` column, other columns are fields
  (``id`` identifies the user when both are present and non-empty);
* JSON lines: one object per line with ``id`` or ``username`` plus fields (a bare
  number or string is a reference on its own).

A malformed line does not stop the job: it becomes an item with ``error`` set, which
fails without any request and is reported like every other item.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ._errors import CLIError

__all__ = ["InputFormat", "Item", "detect_format", "parse_items"]

InputFormat = Literal["auto", "lines", "csv", "jsonl"]
_KEY_COLUMNS = ("id", "username")


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: which user, with which fields, from which input line."""

    index: int
    line: int
    ref: str
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def detect_format(text: str) -> Literal["lines", "csv", "jsonl"]:
    """Guess the input format from its first non-blank line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith(("{", "[")):
        return "jsonl"
    cells = [cell.strip().strip('"').lower() for cell in first.split(",")]
    if any(cell in _KEY_COLUMNS for cell in cells) and (
        "," in first or first.lower() in _KEY_COLUMNS
    ):
        return "csv"
    return "lines"


def _ref(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip()


def _parse_lines(text: str) -> list[Item]:
    items: list[Item] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            items.append(Item(len(items) + 1, number, line))
    return items


def _parse_csv(text: str) -> list[Item]:
    reader = csv.DictReader(io.StringIO(text), skipinitialspace=True)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if not any(name in _KEY_COLUMNS for name in header):
        raise CLIError("CSV input needs an 'id' or 'username' column in its header")
    reader.fieldnames = header
    items: list[Item] = []
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k and isinstance(v, str | None)}
        ref = values.get("id") or values.get("username") or ""
        fields = {k: v for k, v in values.items() if k not in _KEY_COLUMNS and v != ""}
        error = None if ref else "no id or username on this row"
        if None in row:
            error = "more cells than header columns"
        items.append(Item(len(items) + 1, line, ref, fields, error))
    return items


def _json_item(index: int, line: int, value: Any) -> Item:
    if isinstance(value, dict):
        ref = _ref(value.get("id")) or _ref(value.get("username"))
        fields = {k: v for k, v in value.items() if k not in _KEY_COLUMNS}
        return Item(index, line, ref, fields, None if ref else "no id or username in this object")
    if isinstance(value, int | str) and not isinstance(value, bool) and _ref(value):
        return Item(index, line, _ref(value))
    return Item(index, line, "", error="expected an object, an ID or a username")


def _parse_jsonl(text: str) -> list[Item]:
    if text.lstrip().startswith("["):  # a whole JSON array is accepted too
        try:
            values = json.loads(text)
        except ValueError as exc:
            raise CLIError(f"invalid JSON input: {exc}") from None
        return [_json_item(i, i, value) for i, value in enumerate(values, start=1)]
    items: list[Item] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            items.append(Item(len(items) + 1, number, "", error=f"invalid JSON: {exc}"))
            continue
        items.append(_json_item(len(items) + 1, number, value))
    return items


def parse_items(text: str, fmt: InputFormat) -> list[Item]:
    """All items of the input, in order (``fmt="auto"`` guesses the format)."""
    chosen = detect_format(text) if fmt == "auto" else fmt
    if chosen == "csv":
        return _parse_csv(text)
    if chosen == "jsonl":
        return _parse_jsonl(text)
    return _parse_lines(text)
