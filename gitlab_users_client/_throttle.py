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
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from typing import Final

import anyio
import httpx

__all__ = ["RateGate", "endpoint_key", "retry_after_seconds"]

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
    """Shared by every task of one client: pauses (instance-wide and per endpoint family)
    and an optional requests-per-second limit."""

    def __init__(
        self, requests_per_second: float | None = None, pace_from_headers: bool = True
    ) -> None:
        #: resume time (``anyio.current_time()``) and the 429 that caused it, per key.
        self._pauses: dict[str, tuple[float, httpx.Response | None]] = {}
        self._interval = 1.0 / requests_per_second if requests_per_second else 0.0
        self._next_slot = 0.0
        self.pace_from_headers = pace_from_headers
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
            self.active = bool(self._interval)
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

    def observe(self, response: httpx.Response, cap: float) -> None:
        """Pause proactively when GitLab says the quota is used up (for any answer but a
        429, which has paused through :meth:`pause`)."""
        if not self.pace_from_headers:
            return
        remaining = response.headers.get("ratelimit-remaining")
        if remaining is not None and remaining.strip() == "0":
            wait = retry_after_seconds(response.headers)
            if wait:
                # RateLimit-* headers come from the instance-wide throttle.
                self.pause(wait, cap=cap)


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
