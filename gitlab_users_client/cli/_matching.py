"""``bulk ACTION --matching``: the users of a bulk job chosen by ``list``'s filters.

The users are found with ``gl.users.scan()``, not with offset pages. A bulk job changes
the set it is listing (blocking a user removes it from ``--active``, deleting removes it
altogether): with offset pages every removal shifts the later pages back, and as many
users as were removed are skipped. The scan walks each ``created_at`` window by ``id``
with a keyset cursor, so a change to a user already returned moves nothing ahead of the
cursor: every user matching when the job starts and still matching when the walk
reaches it is found exactly once.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from ._commands import list_filters
from ._errors import CLIError
from ._items import Item

__all__ = [
    "check_matching",
    "criteria",
    "found_item",
    "matching_filters",
    "scan_concurrency",
]

DEFAULT_SCAN_CONCURRENCY = 4


def matching_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The filters that select users (``list``'s, without the display-only switch)."""
    return list_filters(args)


def check_matching(args: argparse.Namespace, stdin_is_terminal: bool) -> dict[str, Any] | None:
    """Refuse misuse before any request; the filters for ``--matching``, else ``None``."""
    filters = matching_filters(args)
    if not args.matching:
        if filters or args.all_users or args.scan_concurrency is not None:
            given = "--all-users" if args.all_users else criteria(filters)
            if not (filters or args.all_users):
                given = "--scan-concurrency"
            raise CLIError(
                f"{given}: only with --matching (which acts on the users filters select)"
            )
        return None
    if args.format != "auto":
        raise CLIError("--format describes --file input; --matching reads no input")
    if not filters and not args.all_users:
        raise CLIError(
            "--matching without any filter would act on every user of the instance: give "
            "filters (e.g. --created-before 2020-01-01 --active), or --all-users if that is "
            "really what you mean"
        )
    if args.action == "update":
        raise CLIError(
            "bulk update takes its attributes per user from --file (CSV or JSON lines): "
            "with --matching there are no rows to read them from"
        )
    if args.action == "set-attr" and (not args.key or args.value is None):
        raise CLIError(
            "set-attr --matching needs --key and --value: there are no input rows to give "
            "them per user"
        )
    if args.action == "delete" and not (args.yes or args.dry_run or stdin_is_terminal):
        raise CLIError("refusing to delete users without --yes (stdin is not a terminal)")
    return filters


def scan_concurrency(args: argparse.Namespace) -> int:
    """``--scan-concurrency``, default 4: pages of users fetched at a time."""
    chosen: int | None = args.scan_concurrency
    return DEFAULT_SCAN_CONCURRENCY if chosen is None else chosen


def criteria(filters: dict[str, Any]) -> str:
    """The filters as the flags a user typed: ``--active --created-before 2020-01-01...``."""
    if not filters:
        return "--all-users"
    parts: list[str] = []
    for name, value in filters.items():
        flag = "--" + name.replace("_", "-")
        if name == "custom_attributes":
            parts.extend(f"--attr {key}={val}" for key, val in value.items())
        elif value is True:
            parts.append(flag)
        elif isinstance(value, datetime):
            parts.append(f"{flag} {value.isoformat()}")
        else:
            parts.append(f"{flag} {value}")
    return " ".join(parts)


def found_item(index: int, user: Any) -> Item:
    """The bulk item for a user the scan listed: its ID, username and state as listed."""
    state = str(getattr(user.state, "value", user.state))
    return Item(index, None, str(user.id), found=(str(user.username), state))
