"""Dates and times in, GitLab's format out.

Every date-time argument (query, body or ``If-Unmodified-Since``) takes a ``datetime``
(a naive one is UTC), a ``date`` (midnight UTC) or an ISO 8601 string, and is sent the
way GitLab writes times: UTC with a ``Z`` (``2024-01-02T03:04:05Z``; fractions of a
second are kept). Sending UTC keeps ``+`` out of query strings and means one instant
whatever the server's time zone. A day argument takes a ``date`` or ``YYYY-MM-DD``.

Import-light (no pydantic): the query encoders and the request-body models share it.
"""

from __future__ import annotations

import datetime

from .._exceptions import InvalidRequestError

__all__ = ["gitlab_time", "to_date", "to_datetime"]

#: Longer than any ISO 8601 date-time (``2024-01-02T03:04:05.123456+05:30`` is 32).
_MAX_TEXT = 40


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse(name: str, text: str) -> datetime.datetime:
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_TEXT or not stripped.isascii():
        raise _not_iso(name, text)
    try:
        return datetime.datetime.fromisoformat(stripped)
    except ValueError:
        raise _not_iso(name, text) from None


def _not_iso(name: str, text: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{name} must be an ISO 8601 date or date-time such as '2024-01-31' or "
        f"'2024-01-31T12:00:00Z', got {_shown(text)}"
    )


def to_datetime(name: str, value: object) -> datetime.datetime:
    """An aware UTC ``datetime`` from a ``datetime`` (naive: UTC), a ``date`` (midnight UTC)
    or an ISO 8601 string; :class:`InvalidRequestError` (a ``ValueError``) otherwise."""
    if isinstance(value, str):
        value = _parse(name, value)
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime.datetime):
        raise InvalidRequestError(
            f"{name} must be a datetime, a date or an ISO 8601 string, "
            f"got {type(value).__name__} {_shown(value)}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=datetime.UTC)
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise InvalidRequestError(f"{name} is outside the range of dates GitLab accepts") from None


def gitlab_time(value: datetime.datetime) -> str:
    """``2024-01-02T03:04:05Z`` (with ``.ffffff`` when there are fractions of a second)."""
    utc = value if value.tzinfo is datetime.UTC else to_datetime("time", value)
    return utc.replace(tzinfo=None).isoformat() + "Z"


def to_date(name: str, value: object) -> datetime.date:
    """A ``date`` from a ``date`` or an ISO 8601 day (``YYYY-MM-DD``).

    A ``datetime`` is refused: which day it falls on depends on a time zone the caller
    should choose (``value.date()``, or ``value.astimezone(zone).date()``).
    """
    if isinstance(value, datetime.datetime):
        raise InvalidRequestError(
            f"{name} is a day: pass a datetime.date or 'YYYY-MM-DD' (e.g. value.date()), "
            "not a datetime"
        )
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        stripped = value.strip()
        try:
            if stripped.isascii() and len(stripped) <= _MAX_TEXT:
                return datetime.date.fromisoformat(stripped)
        except ValueError:
            pass
        raise InvalidRequestError(
            f"{name} must be an ISO 8601 day such as '2024-01-31', got {_shown(value)}"
        )
    raise InvalidRequestError(
        f"{name} must be a datetime.date or 'YYYY-MM-DD', "
        f"got {type(value).__name__} {_shown(value)}"
    )
