"""Pacing that follows GitLab's throttles: what a 429 pauses, for how long, and for whom.

GitLab limits at two levels (see docs/errors.md):

* **Instance-wide** (Rack::Attack): a plain-text ``Retry later`` body, a
  ``RateLimit-Name: throttle_*`` header and ``Retry-After``. The whole client pauses:
  every request of this token counts against that limit.
* **Per endpoint** (application throttles such as ``user_ssh_keys`` 120/min or
  ``users_get_by_id`` 300 per 10 minutes): a JSON body (``This endpoint has been
  requested too many times...``). Only that endpoint family pauses, keyed by method and
  path template with ids replaced (``GET /users/{id}``), so ``GET /users`` goes on.

A pause never outlives its reason: it is capped (``RetryPolicy.max_pause``), a call
whose remaining budget is shorter than the remaining pause fails at once with a 429
carrying the time left, and waiters wake with jitter instead of all at once.

Before any 429, the gate paces from GitLab's rate-limit headers (``_quota.py``): every
response's ``RateLimit-Observed``/``-Remaining``/``-Reset`` (or, where only 429s carry
them, what the first 429 says) tells how many requests the current window has left, and
requests beyond that wait for the next window instead of earning a 429. Those waits are
pacing, not retries: they do not count against ``max_retries``.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
import time
from collections.abc import Callable
from typing import Final

import anyio
import httpx
import sniffio

from ._quota import LONGEST_WINDOW, Quota, ServerClock, Ticket, Window, read_quota

__all__ = ["RateGate", "endpoint_key", "quota_refusal", "refusal", "retry_after_seconds"]

_INSTANCE: Final = "*"
_ID_SEGMENT = re.compile(r"(?<=/)(?:\d+|(?<=/users/)[^/]+)(?=/|$)")
#: Waiters sleep past the end of a pause by up to this share of it (at most 1 s), so that
#: they do not all send in the same instant and earn the next 429 together.
JITTER_SHARE: Final = 0.25
JITTER_MAX: Final = 1.0


def endpoint_key(method: str, path: str) -> str:
    """``GET /users/{id}/keys/{id}`` for ``GET /api/v4/users/42/keys/7``."""
    _, found, rest = path.partition("/api/v4")
    return f"{method} {_ID_SEGMENT.sub('{id}', rest if found else path)}"


def retry_after_seconds(headers: httpx.Headers, now: float | None = None) -> float | None:
    """The wait the server asked for: ``Retry-After`` (seconds or HTTP date), else ``RateLimit-Reset``."""
    now = time.time() if now is None else now
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                parsed = None
            if parsed is not None:
                # An HTTP date is truncated to the second: the limit may last until its end.
                return max(0.0, parsed.timestamp() + 1.0 - now)
    reset = headers.get("ratelimit-reset")
    if reset:
        try:
            reset_at = float(reset.strip())
        except ValueError:
            return None
        # GitLab sends a Unix time; small numbers would be "seconds from now".
        return max(0.0, reset_at - now) if reset_at > 1_000_000_000 else max(0.0, reset_at)
    return None


def is_instance_wide(response: httpx.Response) -> bool:
    """Whether a 429 comes from the instance-wide throttle rather than one endpoint's.

    Rack::Attack names itself (``RateLimit-Name: throttle_...``) and answers in plain
    text; application throttles answer in JSON. Anything unrecognised pauses everything.
    """
    name = response.headers.get("ratelimit-name", "")
    if name.startswith("throttle_"):
        return True
    content_type = response.headers.get("content-type", "")
    return "json" not in content_type.lower()


class RateGate:
    """Shared by every task of one client: pauses (instance-wide and per endpoint family),
    the rate-limit windows learnt from GitLab's headers, and an optional
    requests-per-second limit."""

    def __init__(
        self,
        requests_per_second: float | None = None,
        pace_from_headers: bool = True,
        reserve: float = 0.0,
    ) -> None:
        #: resume time (``anyio.current_time()``) and the 429 that caused it, per key.
        self._pauses: dict[str, tuple[float, httpx.Response | None]] = {}
        self._interval = 1.0 / requests_per_second if requests_per_second else 0.0
        self._next_slot = 0.0
        self.pace_from_headers = pace_from_headers
        #: Share of each window's requests left to other clients of the same token.
        self.reserve = reserve
        self.clock = ServerClock()
        #: Windows of client-wide throttles (``RateLimit-Name: throttle_*``), and of
        #: endpoint throttles per endpoint family.
        self._client_windows: dict[str, Window] = {}
        self._family_windows: dict[str, dict[str, Window]] = {}
        if pace_from_headers:
            # Counting from the first request: when the first headers arrive, the
            # requests already on their way are known, not guessed.
            self._client_windows[""] = Window(self.clock)
        self._client_list = list(self._client_windows.values())
        self._time: Callable[[], float] | None = None
        #: Whether requests are counted in windows.
        self.windows = pace_from_headers
        #: Whether a window has been heard of (headers or a 429): from then on requests
        #: may have to wait for one.
        self._informed = False
        #: False while there is nothing to wait for, so requests skip the gate entirely.
        self.active = bool(self._interval)

    @property
    def paced(self) -> bool:
        return bool(self._interval)

    def pause(
        self,
        seconds: float,
        *,
        cap: float,
        request: httpx.Request | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        """Pause for ``seconds`` (at most ``cap``): the endpoint family of ``request`` when
        ``response`` is an endpoint throttle's 429, otherwise the whole client."""
        key = _INSTANCE
        if request is not None and response is not None and not is_instance_wide(response):
            key = endpoint_key(request.method, request.url.path)
        resume_at = anyio.current_time() + min(max(0.0, seconds), cap)
        current = self._pauses.get(key)
        if current is None or resume_at > current[0]:
            self._pauses[key] = (resume_at, response)
            self.active = True

    def remaining(self, request: httpx.Request) -> tuple[float, httpx.Response | None]:
        """Seconds until ``request`` may be sent, and the 429 that paused it."""
        if not self._pauses:
            return (0.0, None)
        now = anyio.current_time()
        longest: tuple[float, httpx.Response | None] = (0.0, None)
        own: str | None = None  # this request's endpoint family, worked out once if needed
        for key, (resume_at, reason) in list(self._pauses.items()):
            if resume_at <= now:
                del self._pauses[key]
                continue
            if key != _INSTANCE:
                own = own or endpoint_key(request.method, request.url.path)
                if key != own:
                    continue
            if resume_at - now > longest[0]:
                longest = (resume_at - now, reason)
        if not self._pauses:
            self.active = bool(self._interval) or self._informed
        return longest

    async def sleep(self, seconds: float) -> float:
        """Sleep out a pause plus jitter; returns the time slept."""
        # Jitter, not cryptography.
        delay = seconds + random.uniform(0, min(JITTER_MAX, JITTER_SHARE * seconds))  # noqa: S311
        await anyio.sleep(delay)
        return delay

    async def pace(self) -> None:
        """Take the next requests-per-second slot."""
        now = anyio.current_time()
        slot = max(now, self._next_slot)
        self._next_slot = slot + self._interval
        if slot > now:
            await anyio.sleep(slot - now)

    # -- rate-limit windows ------------------------------------------------------------

    def _now(self) -> float:
        """The event loop's time, with the async library looked up once (a client is
        bound to one event loop): this runs several times per request."""
        now = self._time
        if now is None:
            if sniffio.current_async_library() == "asyncio":
                now = asyncio.get_running_loop().time
            else:
                now = anyio.current_time
            self._time = now
        return now()

    def _windows_for(self, request: httpx.Request) -> list[Window]:
        found = self._client_list
        if self._family_windows:
            family = self._family_windows.get(endpoint_key(request.method, request.url.path))
            if family:
                found = [*found, *family.values()]
        return found

    def _window(self, request: httpx.Request, name: str, client_wide: bool) -> Window:
        if client_wide:
            windows = self._client_windows
            first = windows.get("")
            if name and name not in windows and first is not None and first.unknown:
                # The first throttle to name itself is the one counted from the start.
                windows[name] = windows.pop("")
        else:
            family = endpoint_key(request.method, request.url.path)
            windows = self._family_windows.setdefault(family, {})
        window = windows.get(name)
        if window is None:
            window = windows[name] = Window(self.clock)
            self.windows = True
        self._client_list = list(self._client_windows.values())
        self._informed = self.active = True
        return window

    def quota_wait(self, request: httpx.Request) -> float | anyio.Event | None:
        """``None`` when ``request`` may go as far as the windows are concerned; else the
        seconds until its window opens, or the probe of a new window to wait for."""
        return self._wait(self._windows_for(request))

    def _wait(self, windows: list[Window]) -> float | anyio.Event | None:
        now: float | None = None
        longest = 0.0
        for window in windows:
            if window.ends is None and not window.probing:
                continue  # idle: nothing known that holds requests back
            if now is None:
                now = self._now()
            wait = window.wait(now, self.reserve)
            if wait is None:
                continue
            if not isinstance(wait, float | int):
                return wait
            longest = max(longest, wait)
        return longest if longest > 0 else None

    def take(self, request: httpx.Request) -> list[Ticket] | None:
        """Count ``request`` in its windows as it is sent; ``None`` if it must wait after
        all (another task took what was left while this one waited for a slot)."""
        windows = self._windows_for(request)
        now: float | None = None
        for window in windows:
            if window.ends is not None or window.probing:
                if self._wait(windows) is not None:
                    return None
                now = self._now()
                break
        return [window.take(now, self.reserve) for window in windows]

    def forget(self, tickets: list[Ticket], *, sent: bool) -> None:
        """The requests of ``tickets`` failed without an answer."""
        for ticket in tickets:
            ticket.window.forget(ticket, sent=sent)

    def answered(
        self,
        tickets: list[Ticket] | None,
        request: httpx.Request,
        response: httpx.Response,
        *,
        cap: float,
        in_flight: int,
    ) -> None:
        """Learn from a response that is not a 429 (``in_flight``: the client's other
        requests still out)."""
        quota: Quota | None = None
        if self.pace_from_headers and "ratelimit-remaining" in response.headers:
            quota = read_quota(response.headers)
            if quota.remaining is None:
                quota = None
        if not tickets and quota is None:
            return
        if quota is None and tickets:
            for ticket in tickets:
                if not ticket.window.idle:
                    break
            else:
                for ticket in tickets:
                    ticket.window.answered(ticket, None, 0.0, cap)  # counts only: no clock
                return
        now = self._now()
        target: Window | None = None
        if quota is not None:
            target = self._window(request, quota.name, _client_wide(quota.name))
            sent = tickets[0].sent if tickets else None
            if not self.clock.settled and sent is not None:
                self.clock.learn_date(response.headers, sent, now)
        for ticket in tickets or ():
            window = ticket.window
            window.answered(ticket, quota if window is target else None, now, cap)
            if window is target:
                target = None
        if target is not None and quota is not None:
            # A window the client did not know of: what it counted so far was this
            # client's, and requests still in flight will count too.
            target.used = (quota.observed or 0) + in_flight
            target.in_flight += 1
            seq = Ticket(target, target.serial, target.used, False, None)
            target.answered(seq, quota, now, cap)

    def refused(
        self,
        tickets: list[Ticket] | None,
        request: httpx.Request,
        response: httpx.Response,
        wait: float | None,
        *,
        cap: float,
    ) -> None:
        """Learn from a 429 whose window closes for ``wait`` seconds (``None``: unsaid;
        at most ``cap``)."""
        if wait is not None:
            wait = min(wait, cap, LONGEST_WINDOW)
        quota = read_quota(response.headers)
        now = self._now()
        learn = self.pace_from_headers and wait is not None
        target: Window | None = None
        if learn:
            target = self._window(request, quota.name, is_instance_wide(response))
            sent = tickets[0].sent if tickets else None
            if sent is not None and quota.reset is not None and quota.retry_after is not None:
                # The server's clock read Reset - Retry-After (whole seconds) meanwhile.
                self.clock.learn(quota.reset - quota.retry_after, sent, now)
        for ticket in tickets or ():
            window = ticket.window
            if window is target and wait is not None:
                window.refused(ticket, quota, wait, now)
                target = None
            else:
                window.forget(ticket, sent=True)
        if target is not None and wait is not None:
            target.refused(None, quota, wait, now)


def _client_wide(name: str) -> bool:
    """Whether a throttle named in ``RateLimit-Name`` counts every request of the client
    (Rack::Attack's ``throttle_*``; headers without a name are taken as such too) rather
    than one endpoint's."""
    return not name or name.startswith("throttle_")


def refusal(
    request: httpx.Request, seconds: float, reason: httpx.Response | None
) -> httpx.Response:
    """The 429 a call fails with when it cannot wait out a pause: nothing was sent.

    It carries the body of the 429 that started the pause (so the error says what GitLab
    said) and ``Retry-After`` = the time the pause has left.
    """
    headers = {"Retry-After": f"{seconds:.3f}"}
    content = b"Retry later\n"
    if reason is not None:
        content = reason.content
        for name in ("content-type", "ratelimit-name"):
            if name in reason.headers:
                headers[name] = reason.headers[name]
    return httpx.Response(429, headers=headers, content=content, request=request)


def quota_refusal(request: httpx.Request, seconds: float) -> httpx.Response:
    """The 429 a call fails with when the rate limit's window has nothing left for it and
    it cannot wait for the next one: nothing was sent."""
    content = (
        "not sent: the rate limit's current window is used up "
        f"(RateLimit-Remaining); the next one opens in {seconds:.1f} s\n"
    ).encode()
    return httpx.Response(
        429,
        headers={"Retry-After": f"{seconds:.3f}", "Content-Type": "text/plain"},
        content=content,
        request=request,
    )
