"""GitLab's rate-limit windows as the client sees them: how many requests a window
allows, how many are used, when the next one opens.

# source: lib/gitlab/rack_attack.rb (``throttled_response_headers``),
# lib/gitlab/rack_attack/request_throttle_data.rb (``RequestThrottleData``),
# lib/gitlab/middleware/rack_attack_headers.rb (headers on every response)

GitLab's instance throttle (Rack::Attack) counts the requests of one identity in fixed
windows aligned to the Unix epoch: window ``k`` holds the requests of
``[k * period, (k + 1) * period)``. Its headers say:

* ``RateLimit-Name``: the throttle (``throttle_authenticated_api`` ...);
* ``RateLimit-Observed``: requests counted in the window, this one included;
* ``RateLimit-Remaining``: the window's limit minus that, at least 0;
* ``RateLimit-Reset``: the Unix time (whole seconds) the window ends;
* ``RateLimit-Limit``: the limit *per minute* (``limit * 60 / period``, rounded up), not
  the window's limit;
* on a 429 also ``Retry-After`` (whole seconds to the window's end) and
  ``RateLimit-ResetTime`` (the same as an HTTP date).

Where the ``rate_limiting_headers_for_unthrottled_requests`` feature flag is on
(GitLab.com) the first five come on every response, for the throttle with the fewest
requests left; elsewhere only on the 429. So on a successful response a window's limit
is exactly ``Observed + Remaining`` and it ends at ``Reset``; from a 429 alone the limit
is at most ``Observed - 1`` and the period follows from ``RateLimit-Limit``. Endpoint
throttles (``check_rate_limit!``) send a 429 with ``Retry-After`` at most: there the
limit is learnt by counting the client's own successes in one whole window.

A :class:`Window` turns that into admissions: a request goes out while the window has
requests left for this client (keeping ``reserve`` of them for other clients of the same
token), otherwise it waits for the window's end. The first request of a new window goes
alone (the *probe*) and the others follow once it is answered, so a wrong guess of where
the window ends costs at most one 429, never a burst of them.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable
from typing import Final

import anyio
import httpx

__all__ = ["Quota", "ServerClock", "Ticket", "Window", "read_quota"]

#: A window end further away than this is not believed (a misconfigured proxy, a clock
#: years off): the client waits at most this long, then sends one probe.
LONGEST_WINDOW: Final = 3600.0
#: Sent requests arrive a little after they leave; a window that ended this long ago at
#: the server is taken as over (the probe covers the rest).
_EDGE: Final = 0.005


class Quota:
    """The rate-limit headers of one response (each ``None`` when absent or unreadable)."""

    # A plain class rather than a dataclass: this module is imported by every client,
    # and a dataclass costs a code generation pass at import.
    __slots__ = ("name", "observed", "per_minute", "remaining", "reset", "reset_in", "retry_after")

    def __init__(
        self,
        name: str,
        observed: int | None,
        remaining: int | None,
        reset: float | None,
        per_minute: int | None,
        retry_after: float | None,
        reset_in: float | None = None,
    ) -> None:
        self.name = name
        self.observed = observed
        self.remaining = remaining
        #: ``RateLimit-Reset``: Unix time the window ends.
        self.reset = reset
        #: ``RateLimit-Reset`` given as seconds from now instead (a proxy or a gateway
        #: that follows the IETF draft; GitLab itself sends a Unix time).
        self.reset_in = reset_in
        #: ``RateLimit-Limit``: requests per minute.
        self.per_minute = per_minute
        #: ``Retry-After`` in seconds (429s only).
        self.retry_after = retry_after


def _count(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 12:
        return None
    return int(value)


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def read_quota(headers: httpx.Headers) -> Quota:
    """The ``RateLimit-*`` and ``Retry-After`` headers of a response."""
    reset = _seconds(headers.get("ratelimit-reset"))
    reset_in = None
    if reset is not None and reset < 1_000_000_000:
        reset, reset_in = None, reset  # seconds from now rather than a Unix time
    return Quota(
        name=headers.get("ratelimit-name", "").strip()[:100],
        observed=_count(headers.get("ratelimit-observed")),
        remaining=_count(headers.get("ratelimit-remaining")),
        reset=reset,
        per_minute=_count(headers.get("ratelimit-limit")),
        retry_after=_seconds(headers.get("retry-after")),
        reset_in=reset_in,
    )


class ServerClock:
    """Turns the server's Unix times into times of the event loop's clock.

    It trusts this machine's clock unless the server's own timestamps prove it wrong:
    a ``Date`` header (whole seconds) or a 429's ``RateLimit-Reset - Retry-After`` says
    the server's clock read ``s`` at some moment between sending and receiving, which
    brackets the offset between the clocks. The brackets of several answers are
    intersected; this machine's offset is used when it lies inside, the nearest edge
    otherwise. Windows end on whole seconds, so a clock a few seconds off would
    otherwise make every window open early (a 429) or late (idle time).
    """

    def __init__(self, wall: Callable[[], float] = time.time) -> None:
        #: This machine's wall clock (Unix time).
        self.wall = wall
        self._low = -math.inf
        self._high = math.inf

    @property
    def settled(self) -> bool:
        """Whether more evidence would no longer narrow the offset much."""
        return self._high - self._low < 1.5

    def learn(self, server_second: float, sent: float, received: float) -> None:
        """The server's clock read ``server_second`` (floored) between ``sent`` and
        ``received`` (event-loop times)."""
        low, high = server_second - received, server_second + 1.0 - sent
        if low > self._high or high < self._low:  # one of the clocks jumped: start over
            self._low, self._high = low, high
        else:
            self._low, self._high = max(self._low, low), min(self._high, high)

    def learn_date(self, headers: httpx.Headers, sent: float, received: float) -> None:
        value = headers.get("date")
        if not value:
            return
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return
        if parsed.tzinfo is not None:
            self.learn(parsed.timestamp(), sent, received)

    def local(self, unix_time: float, now: float) -> float:
        """``unix_time`` of the server's clock as an event-loop time (``now`` is the loop's)."""
        offset = min(max(self.wall() - now, self._low), self._high)
        return unix_time - offset


def period_from(limit: int, per_minute: int, reset: float | None) -> float:
    """The window length behind ``RateLimit-Limit`` (requests per minute, rounded up).

    ``per_minute = ceil(limit * 60 / period)`` leaves a range of periods; Rack::Attack
    periods are whole seconds and a window ends on a multiple of its period, so the
    shortest whole period of that range that divides ``reset`` is taken (a shorter
    guess costs at most one refused probe, a longer one idle time).
    """
    shortest = limit * 60 / per_minute
    longest = limit * 60 / (per_minute - 1) if per_minute > 1 else shortest * 2
    if reset is not None:
        end = int(reset)
        for period in range(max(1, math.ceil(shortest)), min(int(longest), 86_400) + 1):
            if end % period == 0 and period < longest:
                return float(period)
    return shortest


class Ticket:
    """One request's place in a window: which window and which of the client's requests
    in it (``seq``), so that its answer can be matched with what was sent."""

    __slots__ = ("probe", "sent", "seq", "serial", "window")

    def __init__(
        self, window: Window, serial: int, seq: int, probe: bool, sent: float | None
    ) -> None:
        self.window = window
        self.serial = serial
        self.seq = seq
        self.probe = probe
        #: Event-loop time it was sent (``None`` while the window was idle: not looked up).
        self.sent = sent


class Window:
    """One throttle as this client sees it (shared by every task of the client).

    ``used`` counts this client's requests in the current window, ``others`` an estimate
    of other clients' requests in it: ``Observed`` minus every request this client has
    sent in the window so far (at most that many of its own were counted before the
    answered one, whatever order they arrived in), so it is never more than the truth.
    """

    def __init__(self, clock: ServerClock) -> None:
        self.clock = clock
        #: Requests per window, once known.
        self.limit: int | None = None
        #: Window length, once known (a 429's ``RateLimit-Limit``, or two window ends).
        self.period: float | None = None
        #: Event-loop time the current window ends, once known.
        self.ends: float | None = None
        #: The latest ``RateLimit-Reset`` seen, and the window (serial) it belongs to: an
        #: older serial means the current window's own ``Reset`` is not known yet.
        self.reset: float | None = None
        self.reset_serial = 0
        self.serial = 0
        self.used = 0
        self.others = 0
        self.in_flight = 0
        #: This client's requests of the current window answered without a 429.
        self.accepted = 0
        #: Whether the current window began at a moment the client knows, so that
        #: ``accepted`` counts a whole window.
        self.whole = False
        #: Closed by a 429 until ``ends``.
        self.closed = False
        #: End of the last window a 429 closed (two of them give the period).
        self.closed_end: float | None = None
        #: The first request of a new window goes alone; set when it is answered.
        self.probing = False
        self.probe: anyio.Event | None = None
        #: Earliest time of the next admission while the window is shared (spread).
        self.next_at = 0.0

    @property
    def idle(self) -> bool:
        """Whether nothing holds requests back: no window end known, no probe out."""
        return self.ends is None and not self.probing

    @property
    def unknown(self) -> bool:
        """Whether nothing is known of this throttle yet (no headers, no 429)."""
        return self.limit is None and self.reset is None and self.ends is None

    def __repr__(self) -> str:
        return (
            f"<Window limit={self.limit} used={self.used} others={self.others} "
            f"period={self.period} probing={self.probing}>"
        )

    # -- admission ---------------------------------------------------------------------

    def allowed(self, reserve: float) -> int | None:
        """Requests this client may send per window (``None``: not known)."""
        if self.limit is None:
            return None
        return max(1, self.limit - math.ceil(self.limit * reserve))

    def wait(self, now: float, reserve: float) -> float | anyio.Event | None:
        """``None``: a request may go now; else seconds to wait, or the probe's answer."""
        self._roll(now)
        if self.probing:
            return self.probe  # None: this request becomes the probe
        ends = self.ends
        if ends is None:
            return None
        if self.closed:
            return ends - now
        allowed = self.allowed(reserve)
        if allowed is None:
            return None
        if self.used + self.others >= allowed:
            return ends - now
        if self.others and self.next_at > now:
            # Shared with other clients: spread what is left over the time left, so that
            # their requests and this client's interleave instead of colliding.
            return self.next_at - now
        return None

    def take(self, now: float | None, reserve: float) -> Ticket:
        """Count a request that is being sent (after :meth:`wait` said it may go; ``now``
        is ``None`` only for an idle window)."""
        probe = self.probing and self.probe is None
        if probe:
            self.probe = anyio.Event()
        self.used += 1
        self.in_flight += 1
        if self.others and self.ends is not None and now is not None:
            left = max(1, (self.allowed(reserve) or 1) - self.used - self.others)
            self.next_at = now + (self.ends - now) / left
        return Ticket(self, self.serial, self.used, probe, now)

    def _roll(self, now: float) -> None:
        ends = self.ends
        if ends is None or now < ends:
            return
        # The window is over: the next one opens, and its first request goes alone.
        period = self.period
        if period:
            steps = int((now - ends) // period) + 1
            self.ends = ends + steps * period
            whole = steps == 1
        else:
            self.ends = None
            # Woken at the end it waited for: the window began then.
            whole = now - ends < 1.0
        self._open(whole=whole)
        if period and self.reset is not None and self.reset_serial == self.serial - 1:
            self.reset += steps * period
            self.reset_serial = self.serial

    def _open(self, *, whole: bool) -> None:
        self.serial += 1
        # Requests still in flight may be counted in the new window.
        self.used = self.in_flight
        self.others = 0
        self.accepted = 0
        self.whole = whole
        self.closed = False
        self.next_at = 0.0
        self._release_probe()
        self.probing = True

    def _release_probe(self) -> None:
        if self.probe is not None:
            self.probe.set()
            self.probe = None
        self.probing = False

    # -- answers -----------------------------------------------------------------------

    def forget(self, ticket: Ticket, *, sent: bool) -> None:
        """The request failed without an answer (``sent``: it may have been counted)."""
        self.in_flight -= 1
        if not sent and ticket.serial == self.serial and self.used > 0:
            self.used -= 1
        if ticket.probe:
            self._release_probe()

    def answered(self, ticket: Ticket, quota: Quota | None, now: float, cap: float) -> None:
        """A non-429 answer to ``ticket``'s request (``quota``: its headers, if any)."""
        self.in_flight -= 1
        current = ticket.serial == self.serial
        if quota is not None and quota.remaining is not None:
            current = self._count(ticket, quota, now, cap)
        if current:
            self.accepted += 1
        if ticket.probe:
            self._release_probe()

    def _count(self, ticket: Ticket, quota: Quota, now: float, cap: float) -> bool:
        """Take in ``Observed``/``Remaining``/``Reset``; whether the answered request
        was counted in the current window."""
        reset = quota.reset
        if reset is not None and not self._place(ticket, reset):
            return False
        longest = min(cap, LONGEST_WINDOW)
        if reset is not None:
            self.ends = min(self.clock.local(reset, now) + _EDGE, now + longest)
        elif quota.reset_in is not None:
            # Relative to the answer: no clock to map, no window to match it with.
            self.ends = now + min(quota.reset_in, longest)
        remaining = quota.remaining
        assert remaining is not None
        observed = quota.observed
        same = ticket.serial == self.serial
        if observed is not None:
            self.limit = max(1, observed + remaining)
            if same:
                # At most all of this client's requests sent so far were counted before
                # this one (requests overtake each other on the way): the rest is others'.
                self.others = max(self.others, observed - self.used)
        else:
            counted = ticket.seq if same else max(0, self.used - self.in_flight)
            self.limit = max(1, counted + remaining)
        if remaining == 0:
            self.used = max(self.used, self.limit - self.others)
        if self.period is None and quota.per_minute and reset is not None:
            self.period = period_from(self.limit, quota.per_minute, reset)
        return True

    def _place(self, ticket: Ticket, reset: float) -> bool:
        """Match ``reset`` with the client's windows; False if the answered request was
        counted in a window before the current one."""
        known = self.reset
        if known is None:
            self.reset, self.reset_serial = reset, self.serial
            return True
        if reset < known - 0.5:
            return False
        if reset <= known + 0.5:
            if self.reset_serial == self.serial:
                return True
            # The client opened a new window, but the server is still in the last one.
            if ticket.serial == self.serial:
                self.reset_serial = self.serial  # opened too early: this is still it
                self._release_probe()
                return True
            if self.used > self.in_flight:
                self.used -= 1  # one of the requests that crossed over did not count here
            return False
        gap = reset - known
        self.period = gap if self.period is None else min(self.period, gap)
        if self.reset_serial == self.serial:
            # The server is in a later window than the client thought: it opened.
            self._open(whole=False)
            self._release_probe()  # this answer is what the probe would have brought
        self.reset, self.reset_serial = reset, self.serial
        return True

    def refused(self, ticket: Ticket | None, quota: Quota, wait: float, now: float) -> None:
        """A 429: the window is closed for ``wait`` seconds (learn its limit and period)."""
        if ticket is not None:
            self.in_flight -= 1
        ends = now + wait
        if quota.reset is not None:
            # Retry-After is whole seconds (up to one more than what is left); Reset is
            # exact when the clocks agree.
            exact = self.clock.local(quota.reset, now) + _EDGE
            if ends - 1.5 <= exact <= ends + 0.5:
                ends = exact
        again = self.closed and self.ends is not None and abs(self.ends - ends) < 0.5
        current = ticket is not None and ticket.serial == self.serial
        if quota.observed is not None and quota.observed > 1:
            limit = quota.observed - 1
            if again and self.limit is not None:
                limit = min(limit, self.limit)
            self.limit = limit
        elif current and self.whole and self.accepted > 0 and not again:
            self.limit = self.accepted  # what one whole window let through
        if quota.per_minute and self.limit:
            self.period = period_from(self.limit, quota.per_minute, quota.reset)
        elif not again and self.closed_end is not None and ends - self.closed_end > 0.5:
            gap = ends - self.closed_end
            if quota.reset is None:
                # Both ends come from whole-second Retry-After values; GitLab's periods
                # are whole seconds.
                gap = max(1.0, float(round(gap)))
            self.period = gap if self.period is None else min(self.period, gap)
        if not again:
            self.closed_end = ends
        self.ends = ends
        if quota.reset is not None:
            self.reset, self.reset_serial = quota.reset, self.serial
        self.closed = True
        if ticket is not None and ticket.probe:
            self._release_probe()
