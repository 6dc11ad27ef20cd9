"""Configuration of the fake instance (what a GitLab admin would set in the admin area).

Kept apart from the fault knobs (:mod:`._faults`): these are *normal* GitLab behaviours an SDK
must cope with (rate limits, pagination ceilings), while faults are things that go wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from ._util import Clock


@dataclass
class RateLimit:
    """Rack::Attack-style throttle: ``requests`` per ``period`` seconds, per credential.

    Windows are aligned to the epoch like Rack::Attack's (``floor(now / period)``). Anonymous
    requests are counted per client IP. Throttled responses are ``429 text/plain`` with body
    ``Retry later\\n`` and the ``RateLimit-*`` headers of GitLab's ``RequestThrottleData``.
    """

    requests: int
    period: float = 60.0
    name: str = "throttle_authenticated_api"
    retry_after: Literal["seconds", "http-date"] = "seconds"
    headers_on_success: bool = False
    body: str = "Retry later\n"

    @property
    def limit_per_minute(self) -> int:
        return math.ceil(self.requests * 60 / self.period)

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "period": self.period,
            "name": self.name,
            "retry_after": self.retry_after,
            "headers_on_success": self.headers_on_success,
            "body": self.body,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RateLimit:
        allowed = {"requests", "period", "name", "retry_after", "headers_on_success", "body"}
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown rate limit keys: {sorted(unknown)}")
        if "requests" not in data:
            raise ValueError("rate limit needs 'requests'")
        retry_after = data.get("retry_after", "seconds")
        if retry_after not in ("seconds", "http-date"):
            raise ValueError("retry_after must be 'seconds' or 'http-date'")
        rl = cls(
            requests=int(data["requests"]),
            period=float(data.get("period", 60.0)),
            name=str(data.get("name", "throttle_authenticated_api")),
            retry_after=retry_after,
            headers_on_success=bool(data.get("headers_on_success", False)),
            body=str(data.get("body", "Retry later\n")),
        )
        if rl.requests < 0 or not math.isfinite(rl.period) or rl.period <= 0:
            raise ValueError("requests must be >= 0 and period > 0")
        return rl


@dataclass
class FakeConfig:
    """Instance settings of the fake.

    * ``web_url``: the instance URL used in entity fields (``web_url``, ``avatar_url``). Link
      headers use the *request's* scheme/host/port instead, so clients can follow them.
    * ``rate_limit``: the instance-wide throttle (``None`` = off).
    * ``app_rate_limits``: GitLab application throttles, ``{key: (requests, period_seconds)}``
      for the keys of reference §4.5 (``users_get_by_id``, ``user_followers``, ``user_status``,
      ``user_ssh_keys`` ...). Empty by default, like an instance upgraded to 18.x.
    * ``max_token_lifetime_days``: ``PersonalAccessToken.max_expiration_lifetime_in_days``
      (365; 400 with the ``buffered_token_expiration_limit`` flag): the default expiry of a
      new token and the latest ``expires_at`` accepted.
    * ``max_request_body_bytes``: request bodies above this are refused with 413 before
      they are read, like the ``client_max_body_size 250m`` of Omnibus GitLab's nginx.
    * ``clock``: time source for everything (use :class:`ManualClock` for deterministic tests).
    """

    web_url: str = "http://gitlab.example.com"
    rate_limit: RateLimit | None = None
    app_rate_limits: dict[str, tuple[int, float]] = field(default_factory=dict)
    offset_pagination_limit: int = 50_000
    count_limit: int = 10_000
    max_per_page: int = 100
    default_per_page: int = 20
    avatar_max_bytes: int = 200 * 1024
    follow_limit: int = 300
    max_token_lifetime_days: int = 365
    max_request_body_bytes: int = 250 * 1024 * 1024
    clock: Clock = field(default_factory=Clock)
