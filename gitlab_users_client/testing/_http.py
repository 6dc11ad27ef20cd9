"""Request decoding, Grape-style parameter validation and GitLab error bodies.

GitLab accepts JSON, ``application/x-www-form-urlencoded`` and ``multipart/form-data`` on every
write route and merges them with the query string; arrays come as ``k[]=a&k[]=b``, JSON arrays
or (where marked) comma-separated strings; hashes as ``k[x]=v``. Validation failures use
Grape's wording (``is missing``, ``is invalid`` for a value that cannot be coerced,
``does not have a valid value`` for a value outside the allowed set, joined with ``, ``) and
the body shapes of reference §4.4. Bodies are read and decoded by :mod:`._body`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl

from ._util import dumps

_TRUE = frozenset({"true", "1", "t", "y", "yes", "on"})
_FALSE = frozenset({"false", "0", "f", "n", "no", "off"})
_INT_RE = re.compile(r"^[+-]?\d+$")
# Python refuses to convert integer strings longer than 4,300 digits; GitLab's Ruby has no such
# limit. Any integer this long is far outside every id and column range, so it is clamped.
_MAX_INT_DIGITS = 100
_CLAMPED: int = 10**_MAX_INT_DIGITS
# GitLab's JSON validation middleware (``Gitlab::Middleware::JsonValidation``) defaults.
JSON_MAX_DEPTH = 32
JSON_MAX_INTEGER_DIGITS = 1000
JSON_MAX_CONTAINER_SIZE = 50_000
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{},]|-?\d+')
# Lenient dates as Ruby's ``Date.parse``/``DateTime.parse`` read them (``2000-1-1``,
# ``2000/01/01``, ``20000101``, an optional time (``T12:30``, also ``T:12:30``) and zone).
_LENIENT_DT = re.compile(
    r"^(\d{4})([-/]?)(\d{1,2})\2(\d{1,2})"
    r"(?:[T\s]+:?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)


class ApiError(Exception):
    """Raised by handlers; rendered as a GitLab error response."""

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.content_type = content_type

    def encode(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str) and not self.content_type.startswith("application/json"):
            return self.body.encode()
        return dumps(self.body)


def message_error(status: int, message: Any) -> ApiError:
    """``render_api_error!``: ``{"message": ...}``."""
    return ApiError(status, {"message": message})


def error_error(status: int, error: str) -> ApiError:
    """Grape ``error!(string)``: ``{"error": ...}``."""
    return ApiError(status, {"error": error})


def not_found(resource: str | None = None) -> ApiError:
    return message_error(404, f"404 {resource} Not Found" if resource else "404 Not found")


def forbidden(reason: str | None = None) -> ApiError:
    return message_error(403, f"403 Forbidden - {reason}" if reason else "403 Forbidden")


def unauthorized() -> ApiError:
    return message_error(401, "401 Unauthorized")


def bad_request(reason: str | None = None) -> ApiError:
    return message_error(400, f"400 Bad request - {reason}" if reason else "400 Bad request")


def conflict(message: str) -> ApiError:
    return message_error(409, message)


def validation_error(errors: dict[str, list[str]]) -> ApiError:
    return message_error(400, errors)


def route_not_found() -> ApiError:
    return error_error(404, "404 Not Found")


def parse_int(text: str) -> int | None:
    """Grape's Integer coercion of a string: ``None`` when it is not an integer.

    Values with more than 100 digits are clamped to +/-10**100: they cannot be an id or fit
    a column either way, and Python cannot convert strings past 4,300 digits.
    """
    t = text.strip()
    if not _INT_RE.match(t):
        return None
    digits = t.lstrip("+-").lstrip("0")
    if len(digits) > _MAX_INT_DIGITS:
        return -_CLAMPED if t.startswith("-") else _CLAMPED
    return int(t)


def check_path_integers(names: Sequence[str], path_params: dict[str, str]) -> None:
    """Integer path parameters without a route requirement: 400 ``<name> is invalid``."""
    bad = [f"{name} is invalid" for name in names if parse_int(path_params[name]) is None]
    if bad:
        raise error_error(400, ", ".join(bad))


def check_json_limits(body: bytes) -> None:
    """GitLab's JSON validation middleware: too deep, too long or too big is a 400."""
    depth = 0
    sizes: list[int] = []
    for m in _JSON_TOKEN.finditer(body):
        tok = m.group()
        first = tok[:1]
        if first in (b"[", b"{"):
            depth += 1
            if depth > JSON_MAX_DEPTH:
                raise error_error(400, "Parameters nested too deeply")
            sizes.append(1)
        elif first in (b"]", b"}"):
            depth = max(0, depth - 1)
            if sizes:
                sizes.pop()
        elif first == b",":
            if sizes:
                sizes[-1] += 1
                if sizes[-1] > JSON_MAX_CONTAINER_SIZE:
                    raise error_error(400, "Array parameter too large")
        elif first != b'"' and len(tok.lstrip(b"-")) > JSON_MAX_INTEGER_DIGITS:
            raise error_error(400, "Invalid JSON: limit exceeded")


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


# -- body and query decoding ------------------------------------------------------------------
def _assign(out: dict[str, Any], key: str, value: Any) -> None:
    if key.endswith("[]"):
        base = key[:-2]
        cur = out.get(base)
        if isinstance(cur, list):
            cur.append(value)
        else:
            out[base] = [value]
        return
    m = re.fullmatch(r"([^\[\]]+)\[([^\[\]]*)\]", key)
    if m:
        base, sub = m.group(1), m.group(2)
        cur = out.get(base)
        if not isinstance(cur, dict):
            cur = out[base] = {}
        cur[sub] = value
        return
    out[key] = value


def decode_pairs(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        _assign(out, k, v)
    return out


def parse_query(raw: bytes | str) -> list[tuple[str, str]]:
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1")
    return parse_qsl(raw, keep_blank_values=True)


# -- Grape-ish parameter declarations -----------------------------------------------------------
@dataclass(frozen=True)
class P:
    """One declared parameter.

    ``kind``: str, int, bool, datetime, date, csv (array, also from a comma string), array,
    hash, file. ``values``: allowed values (after coercion). ``default``: Grape default.
    ``allow_blank=False``: Grape's ``allow_blank: false`` (``<name> is empty`` for a blank
    string, whitespace included).
    """

    name: str
    kind: str = "str"
    required: bool = False
    values: tuple[Any, ...] | None = None
    default: Any = None
    min_value: int | None = None
    allow_blank: bool = True


class GrapeErrors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def raise_if_any(self) -> None:
        if self.items:
            raise error_error(400, ", ".join(self.items))


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v == "")


def coerce(kind: str, v: Any) -> tuple[bool, Any]:
    """Coerce ``v`` to ``kind``; ``(ok, value)``."""
    if v is None:
        return True, None
    if kind == "str":
        if isinstance(v, bool):
            return True, "true" if v else "false"
        if isinstance(v, (str, int, float)):
            return True, str(v)
        return False, None
    if kind == "int":
        if isinstance(v, bool):
            return False, None
        if isinstance(v, int):
            return True, v
        if isinstance(v, float) and v.is_integer():
            return True, int(v)
        if isinstance(v, str):
            n = parse_int(v)
            return (n is not None), n
        return False, None
    if kind == "bool":
        if isinstance(v, bool):
            return True, v
        if isinstance(v, int) and v in (0, 1):
            return True, bool(v)
        if isinstance(v, str):
            low = v.strip().lower()
            if low in _TRUE:
                return True, True
            if low in _FALSE:
                return True, False
            if low == "":
                return True, None
        return False, None
    if kind == "datetime":
        if not isinstance(v, str):
            return False, None
        dt = parse_datetime(v)
        return (dt is not None), dt
    if kind == "date":
        if not isinstance(v, str):
            return False, None
        d = parse_date(v)
        return (d is not None), d
    if kind == "csv":
        if isinstance(v, str):
            return True, [s for s in (x.strip() for x in v.split(",")) if s]
        if isinstance(v, list) and all(isinstance(x, (str, int)) for x in v):
            out: list[str] = []
            for x in v:
                out.extend(s for s in (y.strip() for y in str(x).split(",")) if s)
            return True, out
        return False, None
    if kind == "array":
        if isinstance(v, list):
            return True, v
        return False, None
    if kind == "hash":
        return (isinstance(v, dict)), v if isinstance(v, dict) else None
    if kind == "file":
        return (isinstance(v, UploadedFile)), v if isinstance(v, UploadedFile) else None
    raise AssertionError(kind)


def parse_datetime(text: str) -> datetime | None:
    """ISO 8601, or the lenient forms Ruby's ``DateTime.parse`` accepts; naive means UTC."""
    s = text.strip()
    if not s:
        return None
    if s.endswith("Z") or s.endswith("z"):
        s = s[:-1] + "+00:00"
    dt: datetime | None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        dt = _lenient_datetime(text.strip())
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def parse_date(text: str) -> date | None:
    """A date as Ruby's ``Date.parse`` reads it: the calendar day written, time ignored."""
    s = text.strip()
    m = _LENIENT_DT.match(s)
    try:
        if m is not None:
            return date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _lenient_datetime(s: str) -> datetime | None:
    m = _LENIENT_DT.match(s)
    if m is None:
        return None
    year, _, month, day, hh, mm, ss, frac, zone = m.groups()
    tz = UTC
    if zone and zone.upper() not in ("Z", "UTC"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
        tz = timezone(sign * timedelta(minutes=minutes))
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hh or 0),
            int(mm or 0),
            int(ss or 0),
            int((frac or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError:
        return None


def validate(
    raw: dict[str, Any],
    specs: Sequence[P],
    *,
    at_least_one_of: Sequence[Sequence[str]] = (),
    exactly_one_of: Sequence[Sequence[str]] = (),
    mutually_exclusive: Sequence[Sequence[str]] = (),
    all_or_none_of: Sequence[Sequence[str]] = (),
    errors: GrapeErrors | None = None,
) -> dict[str, Any]:
    """Return the declared params (coerced; missing optional ones absent unless defaulted)."""
    errs = errors or GrapeErrors()
    out: dict[str, Any] = {}
    for spec in specs:
        present = spec.name in raw
        v = raw.get(spec.name)
        if spec.required and (not present or v is None or (spec.kind != "str" and _blank(v))):
            errs.add(f"{spec.name} is missing")
            if spec.values is not None and spec.kind not in ("csv", "array"):
                # Grape runs the values validator on a missing scalar as well.
                errs.add(f"{spec.name} does not have a valid value")
            continue
        if not present:
            if spec.default is not None:
                out[spec.name] = spec.default
            continue
        if spec.kind not in ("str", "hash", "array", "csv", "file") and _blank(v):
            out[spec.name] = None if spec.default is None else spec.default
            continue
        if not spec.allow_blank and isinstance(v, str) and not v.strip():
            errs.add(f"{spec.name} is empty")
            continue
        ok, value = coerce(spec.kind, v)
        if not ok:
            errs.add(f"{spec.name} is invalid")
            continue
        if spec.values is not None and value is not None:
            items = value if isinstance(value, list) else [value]
            if any(item not in spec.values for item in items):
                errs.add(f"{spec.name} does not have a valid value")
                continue
        if spec.min_value is not None and isinstance(value, int) and value < spec.min_value:
            errs.add(f"{spec.name} does not have a valid value")
            continue
        out[spec.name] = value
    for group in at_least_one_of:
        if not any(raw.get(name) is not None for name in group):
            errs.add(f"{', '.join(group)} are missing, at least one parameter must be provided")
    for group in exactly_one_of:
        given = [name for name in group if raw.get(name) is not None]
        if not given:
            errs.add(f"{', '.join(group)} are missing, exactly one parameter must be provided")
        elif len(given) > 1:
            errs.add(f"{', '.join(given)} are mutually exclusive")
    for group in mutually_exclusive:
        given = [name for name in group if name in raw]
        if len(given) > 1:
            errs.add(f"{', '.join(given)} are mutually exclusive")
    for group in all_or_none_of:
        given = [name for name in group if raw.get(name) is not None]
        if given and len(given) != len(group):
            errs.add(f"{', '.join(group)} provide all or none of parameters")
    if errors is None:
        errs.raise_if_any()
    return out
