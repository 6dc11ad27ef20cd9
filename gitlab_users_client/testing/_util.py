"""Small shared helpers: time formatting, JSON encoding and the injectable clock.

GitLab renders datetimes as ISO 8601 in UTC with milliseconds (``...00.000Z``) and dates as
``YYYY-MM-DD``; every entity goes through these helpers so the format is identical everywhere.
The clock is injectable so rate-limit periods and 429 windows can be driven by tests without
sleeping (``ManualClock``).
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import formatdate
from typing import Any

JSONValue = Any
JSONDict = dict[str, Any]


def iso(dt: datetime | None) -> str | None:
    """Format a datetime the way GitLab's entities do (UTC, milliseconds, ``Z``)."""
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def iso_date(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def http_date(ts: float) -> str:
    """RFC 7231 date (``Tue, 15 Nov 1994 08:12:31 GMT``)."""
    return formatdate(ts, usegmt=True)


def dumps(value: JSONValue) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


class Clock:
    """Wall clock used by the fake. Subclass or replace with :class:`ManualClock` in tests."""

    def time(self) -> float:
        return time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def today(self) -> date:
        return self.now().date()


class ManualClock(Clock):
    """A clock that only moves when told to (``advance``), for deterministic tests."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self._now = float(start)
        self._lock = threading.Lock()

    def time(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def set(self, timestamp: float) -> None:
        with self._lock:
            self._now = float(timestamp)


__all__ = [
    "Clock",
    "JSONDict",
    "ManualClock",
    "dumps",
    "http_date",
    "iso",
    "iso_date",
    "timedelta",
]
