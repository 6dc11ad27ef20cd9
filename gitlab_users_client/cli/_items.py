"""Reading ``bulk`` input: plain lines, CSV with a header, or JSON lines.

* lines: one user ID or username per line (blank lines and ``#`` comments skipped);
* CSV: a header with an ``id`` or ``username`` column, other columns are fields
  (``id`` identifies the user when both are present and non-empty, and the user's
  username must then match the ``username`` cell: a disagreeing row fails);
* JSON lines: one object per line with ``id`` or ``username`` plus fields (a bare
  number or string is a reference on its own).

A malformed line does not stop the job: it becomes an item with ``error`` set, which
fails without any request and is reported like every other item. A line that names the
same user as an earlier line (same ID, or same username ignoring case) is a duplicate:
see :func:`mark_duplicates`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ._errors import CLIError

__all__ = ["InputFormat", "Item", "detect_format", "mark_duplicates", "parse_items"]

InputFormat = Literal["auto", "lines", "csv", "jsonl"]
_KEY_COLUMNS = ("id", "username")


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: which user, with which fields, from which input line.

    An item selected by ``bulk --matching`` has no input line (``line`` is ``None``): its
    ``ref`` is the user's ID and ``found`` the ``(username, state)`` the scan listed.
    """

    index: int
    line: int | None
    ref: str
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    #: The username the input gives next to ``ref`` (an ID): the user must have it.
    expect_username: str | None = None
    #: The index of an earlier item naming the same user: this one is not acted on.
    duplicate_of: int | None = None
    #: ``(username, state)`` as listed by the scan that selected this item.
    found: tuple[str, str] | None = None

    @property
    def where(self) -> str:
        """``item 3 (line 5)``, or ``item 3`` for an item without an input line."""
        return f"item {self.index}" + ("" if self.line is None else f" (line {self.line})")

    @property
    def key(self) -> str:
        """Who the input names, normalised: ``id:42`` or ``username:alice``."""
        text = self.ref.strip().removeprefix("@")
        return f"id:{int(text)}" if text.isdigit() else f"username:{text.lower()}"


def detect_format(text: str) -> Literal["lines", "csv", "jsonl"]:
    """Guess the input format from its first non-blank line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith(("{", "[")):
        return "jsonl"
    if "," in first:  # no ID or username has a comma: this is a CSV header (checked later)
        return "csv"
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
        first = ",".join(reader.fieldnames or [])
        raise CLIError(
            f"CSV input needs a header row with an 'id' or 'username' column; the first line "
            f"is {first[:80]!r} (e.g. 'id,note' or 'username,note'; or --format lines for "
            "one ID or username per line)"
        )
    reader.fieldnames = header
    items: list[Item] = []
    for row in reader:
        values = {k: (v or "").strip() for k, v in row.items() if k and isinstance(v, str | None)}
        fields = {k: v for k, v in values.items() if k not in _KEY_COLUMNS and v != ""}
        item = _keyed_item(
            len(items) + 1, reader.line_num, values.get("id"), values.get("username"), fields
        )
        if None in row:
            item = replace(item, error="more cells than header columns")
        items.append(item)
    return items


def _keyed_item(index: int, line: int, uid: Any, username: Any, fields: dict[str, Any]) -> Item:
    """An item from an ``id`` and/or ``username`` value (CSV cells or JSON members)."""
    id_text, name = _ref(uid), _ref(username).removeprefix("@")
    if id_text and not id_text.isdigit():
        return Item(index, line, id_text, fields, f"id must be a positive integer, not {id_text!r}")
    if id_text:
        return Item(index, line, id_text, fields, expect_username=name or None)
    if name:
        return Item(index, line, name, fields)
    return Item(index, line, "", fields, "no id or username on this row")


def _json_item(index: int, line: int, value: Any) -> Item:
    if isinstance(value, dict):
        fields = {k: v for k, v in value.items() if k not in _KEY_COLUMNS}
        return _keyed_item(index, line, value.get("id"), value.get("username"), fields)
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
        return mark_duplicates(_parse_csv(text))
    if chosen == "jsonl":
        return mark_duplicates(_parse_jsonl(text))
    return mark_duplicates(_parse_lines(text))


def mark_duplicates(items: list[Item]) -> list[Item]:
    """Mark each item that names the same user as an earlier valid item.

    A duplicate is acted on once only. When its fields differ from the first one's
    (two different updates for one user) it fails instead: which one was meant is unknown.
    """
    first: dict[str, Item] = {}
    marked: list[Item] = []
    for item in items:
        seen = first.get(item.key) if not item.error else None
        if seen is None:
            if not item.error:
                first[item.key] = item
            marked.append(item)
            continue
        error = None
        if item.fields != seen.fields or item.expect_username != seen.expect_username:
            error = (
                f"names the same user as {seen.where} with other "
                "values: only that item is acted on; check which one you meant"
            )
        marked.append(replace(item, duplicate_of=seen.index, error=error))
    return marked
