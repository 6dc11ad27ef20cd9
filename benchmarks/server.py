"""A fast, local, GitLab-compatible ``/api/v4/users`` server for the benchmarks.

Only what the benchmarks need, answered the way GitLab answers it:

* ``GET /api/v4/users`` with offset pagination (``page``, ``per_page`` <= 100, default 20;
  ``X-Page``/``X-Per-Page``/``X-Next-Page``/``X-Prev-Page``, empty when none; ``X-Total``
  and ``X-Total-Pages`` and ``rel="last"`` only up to 10,000 rows; ``Link`` with absolute
  ``prev``/``next``/``first``/``last`` URLs keeping the other query parameters; 405 past
  the 50,000 offset ceiling) and keyset pagination (``pagination=keyset&order_by=id``,
  ``sort`` asc/desc, opaque ``cursor``; only ``Link: <...>; rel="next"``);
  ``created_after``/``created_before`` (ISO 8601, both inclusive, as GitLab applies them
  for administrators) filter keyset lists; user ``k`` was created
  ``7 min * k + (k mod 60) s`` after 2019-03-01T09:30:00.123Z, so ids follow creation time;
* ``GET /api/v4/users/:id`` (``UserDetailsWithAdmin``), 404 for unknown ids;
* 401 without ``PRIVATE-TOKEN`` or ``Authorization`` (any value is accepted).

The admin-view user JSON (``UserWithAdmin``: ~45 fields with identities, ``created_by``,
dates) is rendered once per user at start-up; a page body is those bytes joined once and
cached per (sort, first row, per_page), and a whole response head is cached per request
target, so a request costs a dict lookup and a socket write. The server is a raw
``asyncio.Protocol`` HTTP/1.1 keep-alive server (pipelining-safe) in one process.

**GitLab-like mode** (``--list-latency``, ``--get-latency``, ``--workers``): a real
instance spends most of a request rendering (hundreds of milliseconds for an admin page
of 100 users) and serves a bounded number at once (Puma threads). With these options
each list request takes ``--list-latency`` seconds and every other request
``--get-latency`` seconds, and at most ``--workers`` requests are served at once; the
others queue (first come, first served). Without them the server answers at once.
``GET /-/bench-timing`` answers, for every request since the last ``?reset=1``, when it
arrived, when a worker took it and when its response left (Unix times), whether it was a
list request, its ``per_page`` and how many users its page held: what
``schedule.py`` reads to tell where the workers sat idle.

**Rate-limited mode** (``--rate-limit N --rate-period S``): GitLab's instance throttle
(Rack::Attack), per token: at most ``N`` requests in each window of ``S`` seconds, windows
aligned to the Unix epoch; a request over the limit gets ``429 Retry later`` (plain text)
with ``RateLimit-Name/-Limit/-Observed/-Remaining/-Reset/-ResetTime`` and ``Retry-After``
(whole seconds to the window's end). ``RateLimit-Limit`` is the limit per minute, rounded
up, as GitLab sends it. With ``--rate-headers`` the first five headers come on every
response too (GitLab.com's ``rate_limiting_headers_for_unthrottled_requests``); without,
only on the 429s (GitLab's default). Every response carries a ``Date`` header.
``GET /-/bench-stats`` answers what the throttle saw since the last ``?reset=1``: requests
and 429s per window, per token, and when the first request arrived and the last
response left (Unix times), so the benchmark can put each run against the window
arithmetic.

Run: ``python server.py --users 20000`` -> prints ``READY <port>`` once it listens on
127.0.0.1. It stops on SIGTERM/SIGINT, or after ``--max-seconds`` (default 3600).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import bisect
import collections
import datetime as dt
import math
import signal
import sys
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from urllib.parse import parse_qsl, quote, urlencode

try:
    import orjson

    def dumps(value: object) -> bytes:
        return orjson.dumps(value)

except ImportError:  # pragma: no cover - the bench venv has orjson
    import json

    def dumps(value: object) -> bytes:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


TOTAL_COUNT_LIMIT = 10_000  # Kaminari MAX_COUNT_LIMIT: no X-Total above this
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
WEB_URL = "https://gitlab.example.com"

_FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Alan",
    "Radia",
]
_LAST = [
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Turing",
    "Perlman",
]
_CITIES = ["Berlin", "Lisbon", "Nairobi", "Osaka", "Quito", "Toronto", None, "Auckland"]
_ORGS = ["Acme Corp", "Initech", None, "Globex", "Umbrella", "Hooli"]
_JOBS = ["Backend Engineer", "SRE", "", "Product Manager", "Designer", "Security Engineer"]
_PROVIDERS = ["github", "google_oauth2", "ldapmain", "saml"]
_BASE_TIME = dt.datetime(2019, 3, 1, 9, 30, 0, 123000, tzinfo=dt.UTC)


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _basic(uid: int) -> dict[str, object]:
    first, last = _FIRST[uid % 10], _LAST[(uid // 10) % 10]
    username = f"{first.lower()}.{last.lower()}{uid}"
    return {
        "id": uid,
        "username": username,
        "public_email": f"{username}@example.com" if uid % 3 == 0 else "",
        "name": f"{first} {last} {uid}",
        "state": "active" if uid % 37 else "blocked",
        "locked": False,
        "avatar_url": f"https://secure.gravatar.com/avatar/{uid * 2654435761 % 2**64:016x}?s=80&d=identicon",
        "web_url": f"{WEB_URL}/{username}",
    }


def render_user(uid: int, *, details: bool = False) -> dict[str, object]:
    """The admin view of user ``uid`` (``UserWithAdmin``, or ``UserDetailsWithAdmin``)."""
    d = _basic(uid)
    username = d["username"]
    created = _BASE_TIME + dt.timedelta(minutes=uid * 7, seconds=uid % 60)
    signed_in = created + dt.timedelta(days=30 + uid % 400, hours=uid % 24)
    job, org = _JOBS[uid % 6], _ORGS[uid % 6]
    d.update(
        {
            "created_at": _iso(created),
            "bio": "" if uid % 4 else f"Writes software. Likes {_CITIES[uid % 7] or 'trains'}.",
            "location": _CITIES[uid % 8],
            "linkedin": "",
            "twitter": f"@{username}" if uid % 5 == 0 else "",
            "discord": "",
            "website_url": f"https://{username}.example.org" if uid % 6 == 0 else "",
            "github": username if uid % 2 else "",
            "job_title": job,
            "pronouns": None if uid % 3 else "they/them",
            "organization": org,
            "bot": False,
            "work_information": (f"{job} at {org}" if job and org else (job or org or None)),
            "followers": uid % 17,
            "following": uid % 11,
            "is_followed": False,
            "local_time": None if uid % 5 else "3:38 PM",
            "last_sign_in_at": _iso(signed_in),
            "confirmed_at": _iso(created + dt.timedelta(minutes=5)),
            "last_activity_on": (signed_in + dt.timedelta(days=2)).date().isoformat(),
            "email": f"{username}@corp.example.com",
            "theme_id": 1 + uid % 11,
            "color_scheme_id": 1 + uid % 6,
            "projects_limit": 100000,
            "current_sign_in_at": _iso(signed_in + dt.timedelta(days=1)),
            "identities": (
                [
                    {
                        "provider": _PROVIDERS[uid % 4],
                        "extern_uid": f"uid={username},ou=people,dc=example,dc=com",
                    }
                ]
                if uid % 2
                else []
            ),
            "can_create_group": True,
            "can_create_project": True,
            "two_factor_enabled": uid % 3 == 1,
            "external": uid % 19 == 0,
            "private_profile": False,
            "commit_email": f"{username}@corp.example.com",
            "preferred_language": "en",
            "shared_runners_minutes_limit": None,
            "extra_shared_runners_minutes_limit": None,
            "scim_identities": [],
            "is_admin": uid == 1,
            "note": "created by the onboarding job" if uid % 10 == 0 else None,
            "namespace_id": uid + 1000,
            "created_by": _basic(1) if uid % 4 == 0 else None,
            "provisioned_by_project_id": None,
            "using_license_seat": uid % 19 != 0,
            "is_auditor": False,
        }
    )
    if details:
        d.update(
            {
                "bio_html": f"<p>{d['bio']}</p>" if d["bio"] else "",
                "highest_role": (0, 10, 20, 30, 40, 50)[uid % 6],
                "current_sign_in_ip": f"10.{uid % 250}.{(uid // 250) % 250}.7",
                "last_sign_in_ip": f"10.{uid % 250}.{(uid // 250) % 250}.6",
                "sign_in_count": uid % 400,
                "plan": "ultimate",
                "trial": False,
            }
        )
    return d


def _encode_cursor(last_id: int) -> str:
    raw = dumps({"id": str(last_id), "_kd": "n"})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    import json

    padded = cursor + "=" * (-len(cursor) % 4)
    return int(json.loads(base64.urlsafe_b64decode(padded))["id"])


def created_at(uid: int) -> dt.datetime:
    return _BASE_TIME + dt.timedelta(minutes=uid * 7, seconds=uid % 60)


def _parse_time(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


class Users:
    """Pre-rendered users plus the page and response caches."""

    def __init__(self, n: int, offset_limit: int) -> None:
        self.n = n
        self.offset_limit = offset_limit
        self.created = [created_at(uid) for uid in range(1, n + 1)]  # ascending, like the ids
        self.asc = [dumps(render_user(uid)) for uid in range(1, n + 1)]
        self.desc = self.asc[::-1]
        self.bodies: dict[tuple[str, int, int], bytes] = {}
        self.responses: dict[bytes, tuple[bytes, bytes]] = {}
        self.base = ""  # set once the port is known
        self.details: dict[int, bytes] = {}

    def prerender(self, details_up_to: int) -> None:
        """Join every ascending 100-per-page body now (what the clients ask for), and
        render single-user bodies for ids up to ``details_up_to``."""
        for start in range(0, self.n, MAX_PER_PAGE):
            self.body("asc", start, MAX_PER_PAGE)
        for uid in range(1, min(details_up_to, self.n) + 1):
            self.details[uid] = dumps(render_user(uid, details=True))

    def body(self, sort: str, start: int, count: int) -> bytes:
        key = (sort, start, count)
        body = self.bodies.get(key)
        if body is None:
            rows = (self.asc if sort == "asc" else self.desc)[start : start + count]
            body = self.bodies[key] = b"[" + b",".join(rows) + b"]"
        return body

    def link(self, params: list[tuple[str, str]], **changes: str) -> str:
        kept = [(k, v) for k, v in params if k not in changes]
        kept.extend(changes.items())
        return f"{self.base}/api/v4/users?{urlencode(kept, quote_via=quote)}"

    def route(self, target: bytes) -> tuple[bytes, bytes]:
        """(status line + headers, body) for a GET of ``target``; cached per target."""
        cached = self.responses.get(target)
        if cached is not None:
            return cached
        text = target.decode("latin-1")
        path, _, query = text.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        if path in ("/api/v4/users", "/api/v4/users/"):
            result = self.list_users(params)
        elif path.startswith("/api/v4/users/") and path[14:].isdigit():
            result = self.get_user(int(path[14:]))
        else:
            result = _response(404, dumps({"error": "404 Not Found"}))
        if len(self.responses) < 200_000:
            self.responses[target] = result
        return result

    def get_user(self, uid: int) -> tuple[bytes, bytes]:
        if not 1 <= uid <= self.n:
            return _response(404, dumps({"message": "404 User Not Found"}))
        body = self.details.get(uid) or dumps(render_user(uid, details=True))
        return _response(200, body)

    def list_users(self, params: list[tuple[str, str]]) -> tuple[bytes, bytes]:
        q = dict(params)
        try:
            per_page = min(int(q.get("per_page", DEFAULT_PER_PAGE)), MAX_PER_PAGE)
            page = int(q.get("page", 1))
        except ValueError:
            return _response(400, dumps({"error": "page does not have a valid value"}))
        if per_page < 1 or page < 1:
            return _response(400, dumps({"error": "per_page does not have a valid value"}))
        sort = q.get("sort", "desc")
        order_by = q.get("order_by", "id")
        if sort not in ("asc", "desc"):
            return _response(400, dumps({"error": "sort does not have a valid value"}))
        if q.get("pagination") == "keyset":
            if order_by != "id":  # GitLab supports more orders; this server only id
                return _response(
                    405,
                    dumps(
                        {"error": "Keyset pagination is not yet available for this type of request"}
                    ),
                )
            return self.keyset_page(params, q, per_page, sort)
        return self.offset_page(params, page, per_page, sort)

    def offset_page(
        self, params: list[tuple[str, str]], page: int, per_page: int, sort: str
    ) -> tuple[bytes, bytes]:
        if page * per_page > self.offset_limit:
            return _response(
                405,
                dumps(
                    {
                        "error": "Offset pagination has a maximum allowed offset of "
                        f"{self.offset_limit} for requests that return objects of type User. "
                        "Remaining records can be retrieved using keyset pagination."
                    }
                ),
            )
        start = (page - 1) * per_page
        body = self.body(sort, start, per_page) if start < self.n else b"[]"
        has_next = start + per_page < self.n
        has_prev = page > 1
        headers = [
            ("X-Next-Page", str(page + 1) if has_next else ""),
            ("X-Page", str(page)),
            ("X-Per-Page", str(per_page)),
            ("X-Prev-Page", str(page - 1) if has_prev else ""),
        ]
        links = []
        if has_prev:
            links.append(
                f'<{self.link(params, page=str(page - 1), per_page=str(per_page))}>; rel="prev"'
            )
        if has_next:
            links.append(
                f'<{self.link(params, page=str(page + 1), per_page=str(per_page))}>; rel="next"'
            )
        links.append(f'<{self.link(params, page="1", per_page=str(per_page))}>; rel="first"')
        if self.n <= TOTAL_COUNT_LIMIT:
            total_pages = max(1, -(-self.n // per_page))
            links.append(
                f'<{self.link(params, page=str(total_pages), per_page=str(per_page))}>; rel="last"'
            )
            headers += [("X-Total", str(self.n)), ("X-Total-Pages", str(total_pages))]
        headers.insert(0, ("Link", ", ".join(links)))
        return _response(200, body, headers)

    def id_range(self, q: dict[str, str]) -> tuple[int, int] | None:
        """Ids ``lo..hi`` (inclusive) that ``created_after``/``created_before`` keep."""
        lo, hi = 1, self.n
        try:
            if q.get("created_after"):
                lo = bisect.bisect_left(self.created, _parse_time(q["created_after"])) + 1
            if q.get("created_before"):
                hi = bisect.bisect_right(self.created, _parse_time(q["created_before"]))
        except ValueError:
            return None
        return lo, hi

    def keyset_page(
        self, params: list[tuple[str, str]], q: dict[str, str], per_page: int, sort: str
    ) -> tuple[bytes, bytes]:
        bounds = self.id_range(q)
        if bounds is None:
            return _response(400, dumps({"error": "created_after is invalid"}))
        lo, hi = bounds
        cursor = q.get("cursor")
        after: int | None = None
        if cursor:
            try:
                after = _decode_cursor(cursor)
            except (ValueError, KeyError, TypeError):
                return _response(400, dumps({"error": "cursor is invalid"}))
        # ids are 1..n: ascending, id k sits at index k - 1; descending, at index n - k
        if sort == "asc":
            first = lo if after is None else max(lo, after + 1)
            last = min(hi, first + per_page - 1)
            count = last - first + 1
            body = self.body("asc", first - 1, count) if count > 0 else b"[]"
            more = count > 0 and last < hi
        else:
            first = hi if after is None else min(hi, after - 1)
            last = max(lo, first - per_page + 1)
            count = first - last + 1
            body = self.body("desc", self.n - first, count) if count > 0 else b"[]"
            more = count > 0 and last > lo
        headers: list[tuple[str, str]] = []
        if more:
            nxt = self.link(params, cursor=_encode_cursor(last))
            headers.append(("Link", f'<{nxt}>; rel="next"'))
        return _response(200, body, headers)


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
}


def _response(
    status: int, body: bytes, headers: list[tuple[str, str]] | None = None
) -> tuple[bytes, bytes]:
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Cache-Control: max-age=0, private, must-revalidate",
        "Vary: Origin",
        "X-Content-Type-Options: nosniff",
        "X-Frame-Options: SAMEORIGIN",
    ]
    lines += [f"{name}: {value}" for name, value in headers or ()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), body


_UNAUTHORIZED = _response(401, dumps({"message": "401 Unauthorized"}))


@dataclass
class Model:
    """GitLab-like service times: seconds per list request and per other request, and how
    many requests are served at once (the rest queue); when each request arrived, was
    taken by a worker and answered (``/-/bench-timing``)."""

    list_latency: float
    get_latency: float
    workers: asyncio.Semaphore | None
    worker_count: int = 0
    #: (arrived, started, ended, listing, per_page, rows) per request, Unix times.
    timeline: list[tuple[float, float, float, bool, int, int]] = field(default_factory=list)

    def timing(self, reset: bool) -> bytes:
        body = dumps(
            {
                "workers": self.worker_count,
                "list_latency": self.list_latency,
                "get_latency": self.get_latency,
                "requests": self.timeline,
            }
        )
        if reset:
            self.timeline = []
        return body


def _per_page(target: bytes) -> int:
    for key, value in parse_qsl(target.partition(b"?")[2].decode("latin-1")):
        if key == "per_page" and value.isdigit():
            return min(int(value), MAX_PER_PAGE)
    return DEFAULT_PER_PAGE


def _rows(body: bytes) -> int:
    """Users in a list body (each row starts ``{"id":``; nested objects follow a colon)."""
    if not body.startswith(b'[{"id":'):
        return 0
    return 1 + body.count(b'},{"id":')


@dataclass
class Throttle:
    """Rack::Attack's fixed-window throttle, per token, and what it saw (``/-/bench-stats``)."""

    limit: int
    period: int
    headers: bool
    name: str = "throttle_authenticated_api"
    counts: dict[tuple[bytes, int], int] = field(default_factory=dict)
    accepted: collections.Counter[tuple[str, int]] = field(default_factory=collections.Counter)
    refused: collections.Counter[tuple[str, int]] = field(default_factory=collections.Counter)
    first_at: float | None = None
    last_at: float | None = None

    def check(self, token: bytes, now: float) -> tuple[bool, bytes]:
        """Count one request: (refused?, header lines to add to its response)."""
        window = int(now // self.period)
        count = self.counts.get((token, window), 0) + 1
        self.counts[token, window] = count
        if self.first_at is None:
            self.first_at = now
        who = token.decode("latin-1")
        limited = count > self.limit
        (self.refused if limited else self.accepted)[who, window] += 1
        if not limited and not self.headers:
            return False, b""
        reset = (window + 1) * self.period
        lines = [
            f"RateLimit-Name: {self.name}",
            f"RateLimit-Limit: {math.ceil(self.limit * 60 / self.period)}",
            f"RateLimit-Observed: {count}",
            f"RateLimit-Remaining: {max(0, self.limit - count)}",
            f"RateLimit-Reset: {reset}",
        ]
        if limited:
            lines += [
                f"RateLimit-ResetTime: {formatdate(reset, usegmt=True)}",
                f"Retry-After: {reset - int(now)}",
            ]
        return limited, ("\r\n".join(lines) + "\r\n").encode("latin-1")

    def stats(self, reset: bool) -> bytes:
        windows: dict[str, dict[str, dict[str, int]]] = {}
        for (who, window), count in self.accepted.items():
            windows.setdefault(who, {}).setdefault(str(window), {"ok": 0, "429": 0})["ok"] = count
        for (who, window), count in self.refused.items():
            windows.setdefault(who, {}).setdefault(str(window), {"ok": 0, "429": 0})["429"] = count
        body = dumps(
            {
                "limit": self.limit,
                "period": self.period,
                "headers": self.headers,
                "first_at": self.first_at,
                "last_at": self.last_at,
                "requests": sum(self.accepted.values()) + sum(self.refused.values()),
                "refused": sum(self.refused.values()),
                "windows": windows,
            }
        )
        if reset:
            self.accepted.clear()
            self.refused.clear()
            self.first_at = self.last_at = None
        return body


_RETRY_LATER = b"Retry later\n"
_date_cache: tuple[int, bytes] = (0, b"")


def _date_line(now: float) -> bytes:
    global _date_cache
    second = int(now)
    if _date_cache[0] != second:
        _date_cache = (second, f"Date: {formatdate(second, usegmt=True)}\r\n".encode())
    return _date_cache[1]


def _with_lines(head: bytes, lines: bytes) -> bytes:
    """``head`` (ending in an empty line) with ``lines`` added at its end."""
    return head[:-2] + lines + b"\r\n"


def _token(lowered: bytes) -> bytes:
    for name in (b"\r\nprivate-token:", b"\r\nauthorization:"):
        at = lowered.find(name)
        if at >= 0:
            stop = lowered.find(b"\r\n", at + 2)
            return lowered[at + len(name) : stop if stop > 0 else None].strip()
    return b""


class HttpProtocol(asyncio.Protocol):
    """Minimal HTTP/1.1: GET/HEAD, keep-alive, pipelining, Content-Length request bodies."""

    def __init__(
        self, users: Users, model: Model | None = None, throttle: Throttle | None = None
    ) -> None:
        self.users = users
        self.model = model
        self.throttle = throttle
        self.buf = b""
        self.transport: asyncio.Transport | None = None
        # GitLab-like mode: responses wait their service time, in request order.
        self.pending: collections.deque[tuple[float, tuple[bytes, ...], bool, bytes, float]] = (
            collections.deque()
        )
        self.writer: asyncio.Task[None] | None = None

    def respond(self, target: bytes, parts: tuple[bytes, ...], close: bool) -> bool:
        """Write now, or queue behind the service time; False once the connection closes."""
        transport = self.transport
        assert transport is not None
        model = self.model
        if model is None:
            transport.writelines(parts)
            if self.throttle is not None:
                self.throttle.last_at = time.time()
            if close:
                transport.close()
            return not close
        listing = target.split(b"?", 1)[0].rstrip(b"/") == b"/api/v4/users"
        delay = model.list_latency if listing else model.get_latency
        self.pending.append((delay, parts, close, target if listing else b"", time.time()))
        if self.writer is None or self.writer.done():
            self.writer = asyncio.get_running_loop().create_task(self.drain(model))
        return not close

    async def drain(self, model: Model) -> None:
        while self.pending:
            delay, parts, close, listing, arrived = self.pending.popleft()
            if model.workers is None:
                started = time.time()
                await asyncio.sleep(delay)
            else:
                async with model.workers:
                    started = time.time()
                    await asyncio.sleep(delay)
            if self.transport is None:
                return
            self.transport.writelines(parts)
            if listing:
                body = parts[1] if len(parts) > 1 else b""
                record = (arrived, started, time.time(), True, _per_page(listing), _rows(body))
            else:
                record = (arrived, started, time.time(), False, 0, 0)
            model.timeline.append(record)
            if self.throttle is not None:
                self.throttle.last_at = time.time()
            if close:
                self.transport.close()
                return

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buf = self.buf + data if self.buf else data
        transport = self.transport
        assert transport is not None
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buf[:end]
            line_end = head.find(b"\r\n")
            request_line = head if line_end < 0 else head[:line_end]
            lowered = b"" if line_end < 0 else head[line_end:].lower()
            length = 0
            at = lowered.find(b"\r\ncontent-length:")
            if at >= 0:
                stop = lowered.find(b"\r\n", at + 2)
                length = int(lowered[at + 17 : stop if stop > 0 else None].strip() or 0)
            if len(buf) < end + 4 + length:
                break  # wait for the request body
            buf = buf[end + 4 + length :]
            try:
                method, target, _version = request_line.split(b" ", 2)
            except ValueError:
                transport.write(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                transport.close()
                return
            throttle = self.throttle
            if target.startswith(b"/-/bench-stats") and throttle is not None:
                head_bytes, body = _response(200, throttle.stats(b"reset=1" in target))
            elif target.startswith(b"/-/bench-timing") and self.model is not None:
                transport.writelines(_response(200, self.model.timing(b"reset=1" in target)))
                continue
            elif b"\r\nprivate-token:" not in lowered and b"\r\nauthorization:" not in lowered:
                head_bytes, body = _UNAUTHORIZED
            elif throttle is not None:
                now = time.time()
                limited, lines = throttle.check(_token(lowered), now)
                if limited:
                    head_bytes, body = _response(429, _RETRY_LATER)
                    head_bytes = head_bytes.replace(b"application/json", b"text/plain", 1)
                elif method in (b"GET", b"HEAD"):
                    head_bytes, body = self.users.route(target)
                else:
                    head_bytes, body = _response(405, dumps({"error": "405 Method Not Allowed"}))
                head_bytes = _with_lines(head_bytes, lines + _date_line(now))
            elif method in (b"GET", b"HEAD"):
                head_bytes, body = self.users.route(target)
            else:
                head_bytes, body = _response(405, dumps({"error": "405 Method Not Allowed"}))
            parts = (head_bytes,) if method == b"HEAD" else (head_bytes, body)
            if not self.respond(target, parts, b"\r\nconnection: close" in lowered):
                return
        self.buf = buf

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.pending.clear()


async def serve(
    n: int,
    port: int,
    offset_limit: int,
    max_seconds: float,
    details_up_to: int = 20_000,
    list_latency: float = 0.0,
    get_latency: float = 0.0,
    workers: int = 0,
    throttle: Throttle | None = None,
) -> None:
    users = Users(n, offset_limit)
    users.prerender(details_up_to=details_up_to)
    model = None
    if list_latency or get_latency or workers:
        semaphore = asyncio.Semaphore(workers) if workers else None
        model = Model(list_latency, get_latency, semaphore, workers)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: HttpProtocol(users, model, throttle),
        "127.0.0.1",
        port,
        backlog=1024,
        reuse_address=True,
    )
    bound = server.sockets[0].getsockname()[1]
    users.base = f"http://127.0.0.1:{bound}"
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"READY {bound}", flush=True)
    try:
        await asyncio.wait_for(stop.wait(), timeout=max_seconds)
    except TimeoutError:
        print("server: --max-seconds reached, stopping", file=sys.stderr)
    server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20_000, help="number of users (ids 1..N)")
    parser.add_argument("--port", type=int, default=0, help="0 = a free port")
    parser.add_argument("--offset-limit", type=int, default=50_000)
    parser.add_argument("--max-seconds", type=float, default=3600.0)
    parser.add_argument(
        "--prerender-details",
        type=int,
        default=20_000,
        metavar="N",
        help="render GET /users/:id bodies for ids 1..N at start-up",
    )
    parser.add_argument(
        "--list-latency", type=float, default=0.0, help="seconds per GET /users (GitLab-like)"
    )
    parser.add_argument(
        "--get-latency", type=float, default=0.0, help="seconds per other request (GitLab-like)"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="requests served at once (0 = no limit)"
    )
    parser.add_argument(
        "--rate-limit", type=int, default=0, help="requests per window and token (0 = none)"
    )
    parser.add_argument("--rate-period", type=int, default=60, help="window length, seconds")
    parser.add_argument(
        "--rate-headers",
        action="store_true",
        help="RateLimit-* on every response, not only on 429s (GitLab.com)",
    )
    args = parser.parse_args()
    if args.rate_limit < 0 or args.rate_period < 1:
        parser.error("--rate-limit must be >= 0 and --rate-period >= 1")
    if not 0 <= args.users <= 1_000_000:
        parser.error("--users must be between 0 and 1,000,000")
    if args.list_latency < 0 or args.get_latency < 0 or args.workers < 0:
        parser.error("--list-latency, --get-latency and --workers must be >= 0")
    asyncio.run(
        serve(
            args.users,
            args.port,
            args.offset_limit,
            args.max_seconds,
            args.prerender_details,
            args.list_latency,
            args.get_latency,
            args.workers,
            Throttle(args.rate_limit, args.rate_period, args.rate_headers)
            if args.rate_limit
            else None,
        )
    )


if __name__ == "__main__":
    main()
