"""Fault injection, throttling and request statistics.

Why a separate engine: retries, back-off and idempotency bugs only show up when the server
misbehaves *reproducibly*. Every random decision comes from one ``random.Random(seed)`` and
exactly four numbers are drawn per API request (whatever the configuration), so the same seed
and the same request sequence always give the same faults. Decisions are made synchronously
when a request arrives, before any ``await``, so arrival order alone defines the sequence.

Nothing here sleeps on its own clock: latency uses ``anyio.sleep`` in the app, and windows and
throttles read the configurable :class:`~._util.Clock`, so tests can use a ``ManualClock``.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

from ._config import RateLimit

DEFAULT_ERROR_STATUSES = (500, 502, 503)
ALL_ERROR_STATUSES = (500, 502, 503, 504, 520, 522, 524)


@dataclass
class Faults:
    """What should go wrong, and when.

    * ``latency`` seconds are added to every matching request; ``latency_range=(lo, hi)`` adds a
      seeded uniform delay instead.
    * ``error_rate`` (0..1) or ``error_on`` (1-based API request numbers) answer with one of
      ``error_statuses`` (picked with the seeded RNG) without running the handler.
    * ``drop_rate`` / ``drop_on`` start the response and then abort the connection. With
      ``drop_phase="before"`` nothing was applied; with ``"after"`` the handler ran (its state
      change is kept) and then the connection dropped.
    * ``methods`` / ``paths`` restrict all of the above (``paths`` are regular expressions
      searched in the request path, e.g. ``"^/api/v4/users$"``).
    """

    seed: int = 0
    latency: float = 0.0
    latency_range: tuple[float, float] | None = None
    error_rate: float = 0.0
    error_statuses: list[int] = field(default_factory=lambda: list(DEFAULT_ERROR_STATUSES))
    error_on: list[int] = field(default_factory=list)
    drop_rate: float = 0.0
    drop_on: list[int] = field(default_factory=list)
    drop_phase: Literal["before", "after"] = "before"
    methods: list[str] | None = None
    paths: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "latency": self.latency,
            "latency_range": list(self.latency_range) if self.latency_range else None,
            "error_rate": self.error_rate,
            "error_statuses": list(self.error_statuses),
            "error_on": list(self.error_on),
            "drop_rate": self.drop_rate,
            "drop_on": list(self.drop_on),
            "drop_phase": self.drop_phase,
            "methods": list(self.methods) if self.methods is not None else None,
            "paths": list(self.paths) if self.paths is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Faults:
        known = set(cls().to_dict())
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        f = cls()
        if "seed" in data:
            f.seed = int(data["seed"])
        if "latency" in data:
            f.latency = float(data["latency"])
        lr = data.get("latency_range")
        if lr is not None:
            lo, hi = (float(x) for x in lr)
            f.latency_range = (lo, hi)
        if "error_rate" in data:
            f.error_rate = float(data["error_rate"])
        if "error_statuses" in data:
            f.error_statuses = [int(s) for s in data["error_statuses"]]
        if "error_on" in data:
            f.error_on = [int(n) for n in data["error_on"]]
        if "drop_rate" in data:
            f.drop_rate = float(data["drop_rate"])
        if "drop_on" in data:
            f.drop_on = [int(n) for n in data["drop_on"]]
        if "drop_phase" in data:
            phase = data["drop_phase"]
            if phase not in ("before", "after"):
                raise ValueError("drop_phase must be 'before' or 'after'")
            f.drop_phase = phase
        if data.get("methods") is not None:
            f.methods = [str(m).upper() for m in data["methods"]]
        if data.get("paths") is not None:
            f.paths = [str(p) for p in data["paths"]]
        f.validate()
        return f

    def validate(self) -> None:
        numbers = [self.latency, self.error_rate, self.drop_rate, *(self.latency_range or ())]
        if not all(math.isfinite(x) for x in numbers):
            raise ValueError("latency, latency_range and rates must be finite numbers")
        if self.latency < 0 or any(x < 0 for x in self.latency_range or ()):
            raise ValueError("latency must not be negative")
        for name in ("error_rate", "drop_rate"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if not self.error_statuses:
            raise ValueError("error_statuses must not be empty")
        for s in self.error_statuses:
            if not 500 <= s <= 599:
                raise ValueError("error_statuses must be 5xx codes")
        if self.paths:
            for p in self.paths:
                re.compile(p)


@dataclass
class Decision:
    """What the engine decided for one API request."""

    number: int
    latency: float = 0.0
    error_status: int | None = None
    drop: Literal["before", "after"] | None = None


@dataclass
class _Window:
    seconds: float
    start_at_request: int | None
    retry_after: str = "seconds"
    opened_at: float | None = None
    first_seen: bool = False


def body_hash(body: bytes | str | None) -> str:
    """The hash used by the ``applied`` counter (sha256 of the raw request body, 16 hex)."""
    if body is None:
        body = b""
    if isinstance(body, str):
        body = body.encode()
    return hashlib.sha256(body).hexdigest()[:16]


def applied_key(method: str, path: str, body: bytes | str | None) -> str:
    return f"{method.upper()} {path} {body_hash(body)}"  # as record_applied_digest spells it


class Stats:
    """Thread-safe request counters, readable as a dict (``snapshot``) or via helpers.

    ``request_log``: when set (``serve --request-log PATH``), one JSON line per API
    request, in the order they were answered: its number, method, path, status and
    whether a write was applied (``null`` status: the connection was dropped before any
    handler ran). It survives :meth:`reset`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.request_log: TextIO | None = None
        self.reset()

    def log_request(
        self, number: int, method: str, path: str, status: int | None, applied: bool
    ) -> None:
        """Append one request to ``request_log`` (flushed), if there is one."""
        log = self.request_log
        if log is None:
            return
        entry = {"n": number, "method": method, "path": path, "status": status, "applied": applied}
        with self._lock:
            log.write(json.dumps(entry) + "\n")
            log.flush()

    def reset(self) -> None:
        with self._lock:
            self.requests_total: int = 0
            self.by_method: Counter[str] = Counter()
            self.by_path: Counter[str] = Counter()
            self.by_status: Counter[str] = Counter()
            self.faults: Counter[str] = Counter()
            self.window_requests: int = 0
            self.applied: Counter[str] = Counter()

    def record_request(self, method: str, path: str) -> None:
        with self._lock:
            self.requests_total += 1
            self.by_method[method] += 1
            self.by_path[path] += 1

    def record_status(self, status: int) -> None:
        with self._lock:
            self.by_status[str(status)] += 1

    def record_fault(self, kind: str) -> None:
        with self._lock:
            self.faults[kind] += 1

    def record_window_request(self) -> None:
        with self._lock:
            self.window_requests += 1

    def record_applied(self, method: str, path: str, body: bytes) -> None:
        self.record_applied_digest(method, path, body_hash(body))

    def record_applied_digest(self, method: str, path: str, digest: str) -> None:
        """Count an applied request by its body's :func:`body_hash` (computed while the body
        streamed in, so the body itself is never kept)."""
        with self._lock:
            self.applied[f"{method.upper()} {path} {digest}"] += 1

    def applied_count(self, method: str, path: str, body: bytes | str | None = None) -> int:
        """How many times a mutating request with this exact body was applied (status < 400)."""
        with self._lock:
            return self.applied[applied_key(method, path, body)]

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests_total": self.requests_total,
                "by_method": dict(self.by_method),
                "by_path": dict(self.by_path),
                "by_status": dict(self.by_status),
                "faults": dict(self.faults),
                "window_requests": self.window_requests,
                "applied": dict(self.applied),
            }


@dataclass
class ThrottleResult:
    limited: bool
    headers: dict[str, str]


class FaultEngine:
    """Turns :class:`Faults`, 429 windows and throttles into per-request decisions."""

    def __init__(self, faults: Faults | None = None) -> None:
        self._lock = threading.Lock()
        self._faults = faults or Faults()
        self._faults.validate()
        self._rng = random.Random(self._faults.seed)
        self._compiled = [re.compile(p) for p in self._faults.paths or []]
        self._counter = 0
        self._windows: list[_Window] = []
        self._throttle_counts: dict[tuple[str, int], int] = {}
        self._app_counts: dict[tuple[str, str, int], int] = {}

    # -- configuration -------------------------------------------------------------------
    @property
    def faults(self) -> Faults:
        return self._faults

    def set_faults(self, faults: Faults) -> None:
        """Replace the fault plan; the RNG restarts from ``faults.seed``."""
        faults.validate()
        with self._lock:
            self._faults = faults
            self._rng = random.Random(faults.seed)
            self._compiled = [re.compile(p) for p in faults.paths or []]

    def reset_counter(self) -> None:
        """Restart request numbering at 1 and the RNG at the seed."""
        with self._lock:
            self._counter = 0
            self._rng = random.Random(self._faults.seed)

    @property
    def request_count(self) -> int:
        return self._counter

    # -- per request -----------------------------------------------------------------------
    def decide(self, method: str, path: str) -> Decision:
        with self._lock:
            self._counter += 1
            n = self._counter
            f = self._faults
            r_latency, r_error, r_pick, r_drop = (self._rng.random() for _ in range(4))
            if f.methods is not None and method not in f.methods:
                return Decision(n)
            if self._compiled and not any(p.search(path) for p in self._compiled):
                return Decision(n)
            d = Decision(n)
            if f.latency_range is not None:
                lo, hi = f.latency_range
                d.latency = lo + (hi - lo) * r_latency
            else:
                d.latency = f.latency
            if n in f.error_on or r_error < f.error_rate:
                d.error_status = f.error_statuses[int(r_pick * len(f.error_statuses))]
            elif n in f.drop_on or r_drop < f.drop_rate:
                d.drop = f.drop_phase
            return d

    # -- 429 windows -------------------------------------------------------------------------
    def open_window(
        self,
        seconds: float,
        start_at_request: int | None = None,
        retry_after: str = "seconds",
        now: float | None = None,
    ) -> None:
        """Schedule a 429 window of ``seconds``.

        Without ``start_at_request`` the window opens at ``now`` (the next ``seconds``);
        otherwise it opens when API request number ``start_at_request`` arrives. Every API
        request inside the window is answered 429 with ``Retry-After`` = the time left; the
        first one is the request that "opened" it and is not counted in ``window_requests``,
        every later one is (a client that honours ``Retry-After`` leaves it at 0).
        """
        if not math.isfinite(seconds) or seconds <= 0:
            raise ValueError("seconds must be a finite number > 0")
        if retry_after not in ("seconds", "http-date"):
            raise ValueError("retry_after must be 'seconds' or 'http-date'")
        if start_at_request is None and now is None:
            raise ValueError("an immediate window needs 'now'")
        with self._lock:
            w = _Window(seconds, start_at_request, retry_after)
            if start_at_request is None:
                w.opened_at = now
            self._windows.append(w)

    def clear_windows(self) -> None:
        with self._lock:
            self._windows.clear()

    def check_window(self, number: int, now: float) -> tuple[float, bool, str] | None:
        """``(remaining, counts_as_window_request, retry_after_format)`` inside a window."""
        with self._lock:
            for w in list(self._windows):
                if w.opened_at is None:
                    if w.start_at_request is not None and number >= w.start_at_request:
                        w.opened_at = now
                        w.first_seen = True
                        return (w.seconds, False, w.retry_after)
                    continue
                remaining = w.opened_at + w.seconds - now
                if remaining > 0:
                    counted = w.first_seen
                    w.first_seen = True
                    return (remaining, counted, w.retry_after)
                self._windows.remove(w)
            return None

    def windows_snapshot(self, now: float) -> list[dict[str, Any]]:
        with self._lock:
            out = []
            for w in self._windows:
                remaining = None if w.opened_at is None else max(0.0, w.opened_at + w.seconds - now)
                out.append(
                    {
                        "seconds": w.seconds,
                        "start_at_request": w.start_at_request,
                        "open": w.opened_at is not None and (remaining or 0) > 0,
                        "remaining": remaining,
                    }
                )
            return out

    # -- throttles ---------------------------------------------------------------------------
    def throttle(self, rl: RateLimit, key: str, now: float) -> ThrottleResult:
        """Rack::Attack fixed-window throttle; returns the headers GitLab would send."""
        period_index = int(now // rl.period)
        with self._lock:
            k = (key, period_index)
            count = self._throttle_counts.get(k, 0) + 1
            self._throttle_counts[k] = count
            if len(self._throttle_counts) > 10_000:
                for old in [x for x in self._throttle_counts if x[1] < period_index]:
                    del self._throttle_counts[old]
        reset_at = (period_index + 1) * rl.period
        limited = count > rl.requests
        headers = {
            "RateLimit-Name": rl.name,
            "RateLimit-Limit": str(rl.limit_per_minute),
            "RateLimit-Observed": str(count),
            "RateLimit-Remaining": str(max(rl.requests - count, 0)),
            "RateLimit-Reset": str(math.ceil(reset_at)),
        }
        return ThrottleResult(limited=limited, headers=headers)

    def app_throttle(
        self, name: str, scope: str, limit: int, period: float, now: float
    ) -> float | None:
        """Application throttle (``check_rate_limit!``); seconds to wait when over the limit."""
        if limit <= 0:
            return None
        period_index = int(now // period)
        with self._lock:
            k = (name, scope, period_index)
            count = self._app_counts.get(k, 0) + 1
            self._app_counts[k] = count
        if count > limit:
            return (period_index + 1) * period - now
        return None
