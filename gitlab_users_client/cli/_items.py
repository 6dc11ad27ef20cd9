"""Reading ``bulk`` input: plain lines, CSV with a header, or JSON lines.

* lines: one user ID or username per line (blank lines and ``#`` comments skipped);
* CSV: a header with an ``id`` or ``username`` column, other columns are fields
  (``id`` identifies the user when both are present and non-empty, and the user's
  username must then match the ``username`` cell: a disagreeing row fails);
* JSON lines: one object per line with ``id`` or ``username`` plus fields (a bare
  positive integer or a string is a reference on its own); a whole JSON array works too.

Input is strict where a mistake would act on the wrong user or with the wrong values:
bytes that are not UTF-8 text are refused with where they are; a CSV record spanning
several lines (a cell with a line break, or an unbalanced quote that swallows the rows
after it) is refused unless the caller says line breaks in cells are meant
(``allow_multiline``); two items naming the same user with different values refuse the
whole input (:func:`mark_duplicates`).

A malformed line does not stop the job: it becomes an item with ``error`` set, which
fails without any request and is reported, with its line, like every other item.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ._errors import CLIError

__all__ = [
    "InputFormat",
    "Item",
    "conflict_error",
    "decode_input",
    "detect_format",
    "mark_duplicates",
    "parse_items",
    "same_values",
]

InputFormat = Literal["auto", "lines", "csv", "jsonl"]
_KEY_COLUMNS = ("id", "username")
#: How many conflicts one error message lists.
_SHOWN = 10


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

    @property
    def by_id(self) -> bool:
        """Whether the input names the user by ID (no lookup is needed to act)."""
        return self.key.startswith("id:")


def decode_input(data: bytes, source: str) -> str:
    """The input as text: UTF-8 (a byte order mark is dropped), refused with where when not.

    A NUL byte means a binary file (a spreadsheet's ``.xlsx``, a database dump...), which
    would otherwise be read as a few garbled usernames.
    """
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise CLIError(
            f"{source} looks like a binary file (a NUL byte on line {line}), not text: bulk "
            "reads one ID or username per line, CSV or JSON lines (export a spreadsheet as CSV)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise CLIError(
            f"{source} is not UTF-8 text: byte 0x{byte} on line {line} (offset {exc.start}) "
            "cannot be decoded; save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"
        ) from None


def detect_format(text: str) -> Literal["lines", "csv", "jsonl"]:
    """Guess the input format from its first non-blank line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith(("{", "[")):
        return "jsonl"
    if "," in first:  # no ID or username has a comma: this is a CSV header (checked later)
        return "csv"
    if first.strip('"').lower() in _KEY_COLUMNS:
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


class _Lines:
    """The text's physical lines for :mod:`csv`, counting where each record starts."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.number += 1
            yield line


def _csv_records(text: str, allow_multiline: bool) -> Iterator[tuple[int, list[str]]]:
    """``(first line, cells)`` of every non-empty record, refusing malformed quoting."""
    lines = _Lines(text)
    reader = csv.reader(lines, skipinitialspace=True, strict=True)
    while True:
        start = lines.number + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise CLIError(
                    f"the CSV record starting on line {start} opens a quote that is never "
                    "closed: it would swallow every row after it. Nothing was done. Close "
                    'the quote (a quote inside a cell is written twice: "")'
                ) from None
            raise CLIError(
                f"CSV input is malformed in the record starting on line {start}: {exc}. "
                "Nothing was done. Check the quotes on that line"
            ) from None
        end = lines.number
        if end > start and not allow_multiline:
            raise CLIError(
                f"the CSV record starting on line {start} spans lines {start}-{end}: a quoted "
                "cell holds a line break, or a quote is not closed and swallowed the rows "
                "after it. Nothing was done. Fix the quoting, or pass --allow-multiline if "
                "cells really contain line breaks"
            )
        if any(cell.strip() for cell in cells):
            yield start, cells


def _parse_csv(text: str, allow_multiline: bool) -> list[Item]:
    records = _csv_records(text, allow_multiline)
    first = next(records, None)
    header = [name.strip().lower() for name in (first[1] if first else [])]
    if not any(name in _KEY_COLUMNS for name in header):
        shown = ",".join(first[1]) if first else ""
        raise CLIError(
            f"CSV input needs a header row with an 'id' or 'username' column; the first line "
            f"is {shown[:80]!r} (e.g. 'id,note' or 'username,note'; or --format lines for "
            "one ID or username per line)"
        )
    items: list[Item] = []
    for line, cells in records:
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name}
        fields = {k: v for k, v in values.items() if k not in _KEY_COLUMNS and v != ""}
        item = _keyed_item(len(items) + 1, line, values.get("id"), values.get("username"), fields)
        if any(cell.strip() for cell in cells[len(header) :]):  # cells past the header
            item = replace(item, error="more cells than header columns")
        items.append(item)
    return items


def _keyed_item(index: int, line: int, uid: Any, username: Any, fields: dict[str, Any]) -> Item:
    """An item from an ``id`` and/or ``username`` value (CSV cells or JSON members)."""
    if not (uid is None or isinstance(uid, str) or type(uid) is int):
        return Item(
            index, line, "", fields, f"id must be a positive integer, not {json.dumps(uid)}"
        )
    if not (username is None or isinstance(username, str)):
        return Item(
            index, line, "", fields, f"username must be a string, not {json.dumps(username)}"
        )
    id_text, name = _ref(uid), _ref(username).removeprefix("@")
    if id_text and not (id_text.isdigit() and int(id_text) > 0):
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
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return Item(index, line, str(value))
    if isinstance(value, str) and _ref(value):
        return Item(index, line, _ref(value))
    shown = json.dumps(value)
    shown = shown if len(shown) <= 40 else shown[:40] + "..."
    return Item(
        index,
        line,
        "",
        error=f"expected an object with an id or username, an ID or a username, not {shown}",
    )


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON: {exc.msg} at column {exc.colno}"


def _parse_json_array(text: str) -> list[Item]:
    """A whole JSON array, each element with the line it starts on."""
    decoder = json.JSONDecoder()
    items: list[Item] = []
    pos = text.index("[") + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos < len(text) and text[pos] == "]" and not items:
            break
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise CLIError(f"invalid JSON input on line {exc.lineno}: {exc.msg}") from None
        items.append(_json_item(len(items) + 1, line, value))
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if pos < len(text) and text[pos] == "]":
            break
        line = text.count("\n", 0, pos) + 1
        raise CLIError(f"invalid JSON input on line {line}: expected ',' or ']' in the array")
    after = text[pos + 1 :]
    if after.strip():  # the line of the first character after the array, not of its "]"
        line = text.count("\n", 0, len(text) - len(after.lstrip())) + 1
        raise CLIError(f"invalid JSON input on line {line}: text after the array")
    return items


def _parse_jsonl(text: str) -> list[Item]:
    if text.lstrip().startswith("["):  # a whole JSON array is accepted too
        return _parse_json_array(text)
    items: list[Item] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Item(len(items) + 1, number, "", error=_json_error(exc)))
            continue
        items.append(_json_item(len(items) + 1, number, value))
    return items


def parse_items(text: str, fmt: InputFormat, *, allow_multiline: bool = False) -> list[Item]:
    """All items of the input, in order (``fmt="auto"`` guesses the format).

    Raises :class:`CLIError` for input that cannot be read safely (see the module doc).
    """
    chosen = detect_format(text) if fmt == "auto" else fmt
    if chosen == "csv":
        return mark_duplicates(_parse_csv(text, allow_multiline))
    if chosen == "jsonl":
        return mark_duplicates(_parse_jsonl(text))
    return mark_duplicates(_parse_lines(text))


def same_values(a: Item, b: Item) -> bool:
    """Whether two items naming one user ask for the same thing (then one is a repeat)."""
    return a.fields == b.fields and (
        a.expect_username is None
        or b.expect_username is None
        or a.expect_username.casefold() == b.expect_username.casefold()
    )


def conflict_error(pairs: list[tuple[Item, Item, str]]) -> CLIError:
    """The error for items that name one user with different values (nothing is done)."""
    shown = [
        f"{_lines(first, second)} both name {who} with different values"
        for first, second, who in pairs[:_SHOWN]
    ]
    more = f" (and {len(pairs) - _SHOWN} more)" if len(pairs) > _SHOWN else ""
    return CLIError(
        "; ".join(shown) + more + ": which one is meant is unknown, so nothing was done. "
        "Keep one row per user"
    )


def _lines(first: Item, second: Item) -> str:
    if first.line is not None and second.line is not None:
        return f"lines {first.line} and {second.line}"
    return f"items {first.index} and {second.index}"


def mark_duplicates(items: list[Item]) -> list[Item]:
    """Mark each item that names the same user as an earlier valid item.

    A repeat with the same values is acted on once (``duplicate_of`` is set). Two items
    naming the same user (same ID, or same username ignoring case) with *different*
    values refuse the whole input before any request: which one was meant is unknown.
    """
    first: dict[str, Item] = {}
    marked: list[Item] = []
    conflicts: list[tuple[Item, Item, str]] = []
    for item in items:
        seen = first.get(item.key) if not item.error else None
        if seen is None:
            if not item.error:
                first[item.key] = item
            marked.append(item)
            continue
        if not same_values(seen, item):
            conflicts.append((seen, item, item.key.replace(":", " ", 1)))
        marked.append(replace(item, duplicate_of=seen.index))
    if conflicts:
        raise conflict_error(conflicts)
    return marked
