"""The one retry loop every request goes through.

Rules (GitLab has no idempotency keys, so a repeated POST can create twice):

* 429 and failures *before the request was sent* (connect, pool) are retried for
  every method: GitLab never saw the request.
* 5xx/52x and failures *after* sending (read timeout, dropped connection) are
  retried only for idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE). For a POST
  or PATCH the outcome is unknown and the caller gets a typed error saying so.
* A DELETE retried after such an ambiguous failure that then finds nothing (404) has
  done its job: the first attempt was applied. It is reported as done.
* Waits: ``Retry-After`` (seconds or HTTP date), else ``RateLimit-Reset``, else
  capped exponential backoff with full jitter; the total time is bounded by a
  budget, and a server-requested wait beyond it fails fast.
* A 429 from the instance-wide throttle pauses *every* request on the client (and its
  ``with_options`` copies); one from an endpoint throttle pauses that endpoint family
  only (``_throttle.py``). A call that cannot wait out a pause within its budget fails
  at once with ``RateLimitError.retry_after``; waiting through a pause counts as a retry.

The rules live in :func:`decide`, a pure function of one attempt's outcome (a response, a
transport failure, or the budget running out) and of what the call has done so far: no
I/O, no clock, no randomness of its own. :class:`Executor` is the loop around it: it
waits at the rate gate, takes a slot, sends and reads within the call's deadline, asks
:func:`decide`, and sleeps, pauses the gate, returns or raises as told.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import ClassVar, Final

import anyio
import httpx
import sniffio

from ._body import DEFAULT_MAX_RESPONSE_SIZE, read_body
from ._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    forget_request_credentials,
)
from ._http.checks import certificate_reason
from ._quota import Ticket
from ._redact import SENSITIVE_HEADERS
from ._throttle import RateGate, is_instance_wide, quota_refusal, refusal, retry_after_seconds

__all__ = [
    "Attempts",
    "Done",
    "Executor",
    "Fail",
    "RateGate",
    "Retry",
    "RetryPolicy",
    "Send",
    "decide",
    "was_sent",
]

#: Sends one request and returns the response with its body still streaming.
Send = Callable[[httpx.Request], Awaitable[httpx.Response]]

logger = logging.getLogger("gitlab_users_client")

IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_NOT_RETRIED_5XX: Final = frozenset({501, 505})
_REWINDABLE_STREAMS: Final = frozenset({"ByteStream", "MultipartStream"})


@dataclass(frozen=True, init=False, repr=False, eq=False)
class RetryPolicy:
    """How hard to try. Per client, and per call through ``with_options``.

    A frozen dataclass (``dataclasses.replace()``, ``fields()``, ``asdict()`` work on it)
    whose ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` are written out below:
    every client is built with one, and generating them costs a code-generation pass
    at import (``tests/client/test_cheap_classes.py`` holds them to what
    ``@dataclass(frozen=True)`` generates).
    """

    max_retries: int = 4
    #: Seconds a call may spend in total: every attempt (connecting, sending, slow or
    #: trickled bodies, interim 1xx answers) and every wait. A longer server-requested
    #: wait fails fast. ``0`` means no overall deadline (and no retry waits).
    budget: float = 120.0
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    #: Longest pause one 429 (or an exhausted quota) imposes on the client or an endpoint,
    #: whatever ``Retry-After`` says: an absurd value (``86400``, ``1e999``, a date years
    #: ahead) cannot stall the client for its lifetime. GitLab's longest default throttle
    #: period is 10 minutes. The call that received such a value still fails at once.
    max_pause: float = 600.0

    def __init__(
        self,
        max_retries: int = 4,
        budget: float = 120.0,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        max_pause: float = 600.0,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "max_retries", max_retries)
        set_field(self, "budget", budget)
        set_field(self, "backoff_base", backoff_base)
        set_field(self, "backoff_max", backoff_max)
        set_field(self, "max_pause", max_pause)

    def _values(self) -> tuple[int, float, float, float, float]:
        return (self.max_retries, self.budget, self.backoff_base, self.backoff_max, self.max_pause)

    def __repr__(self) -> str:
        return (
            f"{type(self).__qualname__}(max_retries={self.max_retries!r}, "
            f"budget={self.budget!r}, backoff_base={self.backoff_base!r}, "
            f"backoff_max={self.backoff_max!r}, max_pause={self.max_pause!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, RetryPolicy)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def with_changes(
        self, *, max_retries: int | None = None, budget: float | None = None
    ) -> RetryPolicy:
        return replace(
            self,
            max_retries=self.max_retries if max_retries is None else max_retries,
            budget=self.budget if budget is None else budget,
        )


def was_sent(exc: BaseException) -> bool:
    """Whether a failed request may have reached the server.

    Every engine raises httpcore's exception types (the SDK's own engine and the
    aiohttp adapter map their failures onto them): only a failure to connect, or to
    get a pooled connection, proves the request never left.
    """
    return not isinstance(
        exc,
        httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout | httpx.UnsupportedProtocol,
    )


class Attempts:
    """What the retry loop did for one call (reported on errors and in logs)."""

    # This class and the decisions below are plain classes rather than dataclasses:
    # this module is imported by every client, and a dataclass costs a code-generation
    # pass at import.
    __slots__ = ("maybe_applied", "retries", "waited")

    def __init__(self, retries: int = 0, waited: float = 0.0, maybe_applied: bool = False) -> None:
        self.retries = retries
        self.waited = waited
        #: A previous attempt may have been applied (5xx, or lost after sending).
        self.maybe_applied = maybe_applied

    def __repr__(self) -> str:
        return (
            f"Attempts(retries={self.retries!r}, waited={self.waited!r}, "
            f"maybe_applied={self.maybe_applied!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Attempts):
            return NotImplemented
        return (self.retries, self.waited, self.maybe_applied) == (
            other.retries,
            other.waited,
            other.maybe_applied,
        )

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable, as a dataclass


class Slots:
    """A concurrency limit shared by every task using one client.

    Like ``anyio.CapacityLimiter``, but taking a free slot costs no event-loop yield and
    no async-library lookup: that path runs once per request.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self._free = total
        self._waiters: deque[anyio.Event] = deque()

    @property
    def in_use(self) -> int:
        return self.total - self._free

    async def acquire(self) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        event = anyio.Event()
        self._waiters.append(event)
        try:
            await event.wait()
        except BaseException:
            if event.is_set():  # a slot was handed over just as we were cancelled
                self.release()
            else:
                self._waiters.remove(event)
            raise

    def release(self) -> None:
        if self._waiters:
            self._waiters.popleft().set()  # hand the slot over directly
        else:
            self._free += 1


def _clean_cause(exc: httpx.HTTPError, request: httpx.Request) -> httpx.HTTPError:
    """A copy of an httpx error to chain as ``__cause__``: same type and message, no chain
    of library exceptions behind it, no credentials on its request or in its text."""
    message = str(exc) or certificate_reason(exc) or ""
    for name, value in request.headers.items():
        if name.lower() in SENSITIVE_HEADERS:
            for secret in (value, value.partition(" ")[2]):
                if len(secret) >= 4:
                    message = message.replace(secret, "[REDACTED]")
    try:
        clean = type(exc)(message)
    except TypeError:  # pragma: no cover - an httpx subclass with another signature
        clean = httpx.TransportError(message)
    if isinstance(clean, httpx.RequestError):
        clean.request = request
        forget_request_credentials(clean)
    return clean


class _BudgetExhausted(Exception):
    """The call's retry budget ran out during an attempt (``args[0]``: after sending)."""


class Retry:
    """Send the request again after ``delay`` seconds."""

    __slots__ = ("delay", "limited_by", "maybe_applied")

    def __init__(
        self,
        delay: float,
        maybe_applied: bool = False,
        limited_by: httpx.Response | None = None,
    ) -> None:
        self.delay = delay
        #: The failed attempt may have been applied (a 5xx, or lost after it was sent).
        self.maybe_applied = maybe_applied
        #: The 429 that asks for the wait: the loop pauses the rate gate for ``delay``
        #: (everyone waits there, this call included) instead of sleeping.
        self.limited_by = limited_by

    def __repr__(self) -> str:
        return (
            f"Retry(delay={self.delay!r}, maybe_applied={self.maybe_applied!r}, "
            f"limited_by={self.limited_by!r})"
        )


class Done:
    """Hand ``response`` to the caller, whatever its status (the client maps errors)."""

    __slots__ = ("gone", "pause", "response")

    def __init__(
        self, response: httpx.Response, pause: float | None = None, gone: bool = False
    ) -> None:
        self.response = response
        #: A 429 this call cannot wait out: the rate gate still pauses this long.
        self.pause = pause
        #: A DELETE that found nothing after an ambiguous attempt: reported as deleted.
        self.gone = gone

    def __repr__(self) -> str:
        return f"Done(response={self.response!r}, pause={self.pause!r}, gone={self.gone!r})"


class Fail:
    """Raise ``error``, chained to ``cause`` (a clean copy of the transport error)."""

    __slots__ = ("cause", "error")

    def __init__(self, error: APIError, cause: BaseException | None = None) -> None:
        self.error = error
        self.cause = cause

    def __repr__(self) -> str:
        return f"Fail(error={self.error!r}, cause={self.cause!r})"


def _backoff(policy: RetryPolicy, retries: int, jitter: float) -> float:
    """Capped exponential backoff with full jitter (``jitter`` drawn from ``[0, 1)``)."""
    ceiling: float = min(policy.backoff_max, policy.backoff_base * (2**retries))
    return jitter * ceiling


def _may_retry(policy: RetryPolicy, retries: int, elapsed: float, delay: float) -> bool:
    return retries < policy.max_retries and elapsed + delay <= policy.budget


def decide(
    outcome: httpx.Response | Exception,
    request: httpx.Request,
    rewindable: bool,
    attempts: Attempts,
    policy: RetryPolicy,
    *,
    elapsed: float,
    jitter: float,
    now: float,
) -> Retry | Done | Fail:
    """What to do after one attempt: the retry rules of this module, and nothing else.

    ``outcome`` is the response (body read) or the exception the attempt ended with;
    ``rewindable``: whether the body can be sent again; ``attempts``: what the call did
    so far (read, not changed); ``elapsed``: seconds since the call started; ``jitter``: a
    number from ``[0, 1]`` for the backoff; ``now``: the wall clock, for an HTTP-date
    ``Retry-After``.
    """
    idempotent = request.method in IDEMPOTENT_METHODS
    retries = attempts.retries
    if isinstance(outcome, httpx.Response):
        status = outcome.status_code
        if status == 429:
            wait = retry_after_seconds(outcome.headers, now)
            # A "0", or a date already past while still limited, escalates like any backoff.
            delay = wait if wait else _backoff(policy, retries, jitter)
            if rewindable and _may_retry(policy, retries, elapsed, delay):
                return Retry(delay, limited_by=outcome)
            return Done(outcome, pause=delay)
        if status >= 500 and status not in _NOT_RETRIED_5XX and idempotent and rewindable:
            delay = _backoff(policy, retries, jitter)
            wait = retry_after_seconds(outcome.headers, now)
            if wait is not None:
                delay = max(delay, wait)
            if _may_retry(policy, retries, elapsed, delay):
                return Retry(delay, maybe_applied=True)
        if status == 404 and request.method == "DELETE" and attempts.maybe_applied:
            return Done(httpx.Response(204, request=request), gone=True)
        return Done(outcome)
    url = str(request.url)
    if isinstance(outcome, _BudgetExhausted):
        return Fail(
            APITimeoutError(
                f"the call ran out of its retry budget ({policy.budget:g} s)",
                method=request.method,
                url=url,
                outcome_unknown=bool(outcome.args[0]) and not idempotent,
                retries=retries,
            )
        )
    sent = was_sent(outcome)
    delay = _backoff(policy, retries, jitter)
    # A request that never left can always go again; one that may have arrived only if
    # repeating it is harmless and its body can be sent again.
    if (not sent or (idempotent and rewindable)) and _may_retry(policy, retries, elapsed, delay):
        return Retry(delay, maybe_applied=sent)
    error_type = (
        APITimeoutError if isinstance(outcome, httpx.TimeoutException) else APIConnectionError
    )
    cause = (
        _clean_cause(outcome, request)
        if isinstance(outcome, httpx.HTTPError)
        else httpx.TransportError(type(outcome).__name__)
    )
    return Fail(
        error_type(
            f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__,
            method=request.method,
            url=url,
            outcome_unknown=sent and not idempotent,
            retries=retries,
        ),
        cause,
    )


class Executor:
    """Sends one request with the retry rules above, under the client-wide limits."""

    def __init__(
        self,
        *,
        max_concurrency: int,
        gate: RateGate,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self.slots = Slots(max_concurrency)
        self.gate = gate
        self.max_response_size = max_response_size

    async def send(
        self,
        send: Send,
        request: httpx.Request,
        policy: RetryPolicy,
        attempts: Attempts,
    ) -> httpx.Response:
        """Attempt ``request`` until :func:`decide` says it is done, or raise what it says."""
        # Bytes and multipart bodies can be sent again; a caller's generator cannot.
        rewindable = type(request.stream).__name__ in _REWINDABLE_STREAMS
        started = time.monotonic()
        gate = self.gate
        limited = False  # this call's own last attempt was a 429 (already counted)
        deadline = started + policy.budget if policy.budget > 0 else None
        while True:
            tickets: list[Ticket] | None = None
            if gate.active:
                refused = await self._wait_for_gate(request, policy, attempts, started, limited)
                if refused is not None:
                    return refused
            limited = False
            outcome: httpx.Response | Exception
            try:
                await self.slots.acquire()
                try:
                    # Checked again after taking the slot: a task that queued for a slot while
                    # a 429 came back must see the pause too (and not hold a slot through it).
                    if gate.active:
                        if gate.remaining(request)[0] > 0:
                            continue
                        if gate.paced:
                            await gate.pace()
                    if gate.windows:
                        tickets = gate.take(request)
                        if tickets is None:  # the window filled up meanwhile
                            continue
                    try:
                        outcome = await self._attempt(send, request, deadline)
                    except BaseException as exc:
                        if tickets:
                            gate.forget(tickets, sent=was_sent(exc))
                        raise
                finally:
                    self.slots.release()
            except (httpx.TransportError, httpx.DecodingError, _BudgetExhausted) as exc:
                outcome = exc
            if isinstance(outcome, httpx.Response):
                self._learn(tickets, request, outcome, policy)
            decision = decide(
                outcome,
                request,
                rewindable,
                attempts,
                policy,
                elapsed=time.monotonic() - started,
                jitter=random.uniform(0.0, 1.0),  # noqa: S311 - jitter, not cryptography
                now=time.time(),
            )
            if type(decision) is Done:
                return self._done(decision, request, policy)
            if type(decision) is Fail:
                # Raised outside the except block, chained to a clean copy only: the
                # original chain holds library exceptions that may carry the request.
                raise decision.error from decision.cause
            assert type(decision) is Retry
            limited = self._retry(decision, outcome, request, policy, attempts)
            if not limited:
                await self._sleep(decision.delay, attempts)

    def _done(self, decision: Done, request: httpx.Request, policy: RetryPolicy) -> httpx.Response:
        response = decision.response
        if decision.pause is not None:
            self.gate.pause(
                decision.pause, cap=policy.max_pause, request=request, response=response
            )
        elif decision.gone:
            logger.info(
                "%s %s: gone after an ambiguous attempt; counted as deleted",
                request.method,
                request.url.path,
            )
        return response

    def _learn(
        self,
        tickets: list[Ticket] | None,
        request: httpx.Request,
        response: httpx.Response,
        policy: RetryPolicy,
    ) -> None:
        """Tell the rate gate's windows what an answer says about the quota (a 429 closes
        its window; any other answer counts, and may carry RateLimit-* headers)."""
        gate = self.gate
        if response.status_code == 429:
            wait = retry_after_seconds(response.headers)
            gate.refused(tickets, request, response, wait, cap=policy.max_pause)
        elif tickets is not None or gate.pace_from_headers:
            gate.answered(
                tickets, request, response, cap=policy.max_pause, in_flight=self.slots.in_use
            )

    def _retry(
        self,
        decision: Retry,
        outcome: httpx.Response | Exception,
        request: httpx.Request,
        policy: RetryPolicy,
        attempts: Attempts,
    ) -> bool:
        """Note a retry (and log it); True when the wait is the rate gate's."""
        limiting = decision.limited_by
        if limiting is not None:
            self.gate.pause(
                decision.delay, cap=policy.max_pause, request=request, response=limiting
            )
            logger.info(
                "%s %s rate limited; pausing %s %.2fs (retry %d)",
                request.method,
                request.url.path,
                "the client" if is_instance_wide(limiting) else "this endpoint",
                min(decision.delay, policy.max_pause),
                attempts.retries + 1,
            )
            attempts.retries += 1
            return True
        attempts.maybe_applied = attempts.maybe_applied or decision.maybe_applied
        logger.info(
            "%s %s %s; retry %d in %.2fs",
            request.method,
            request.url.path,
            f"answered {outcome.status_code}"
            if isinstance(outcome, httpx.Response)
            else f"failed ({type(outcome).__name__})",
            attempts.retries + 1,
            decision.delay,
        )
        return False

    async def _wait_for_gate(
        self,
        request: httpx.Request,
        policy: RetryPolicy,
        attempts: Attempts,
        started: float,
        limited: bool,
    ) -> httpx.Response | None:
        """Wait out the pauses and full windows that apply to ``request``, or return the
        429 to fail with.

        Every pause waited through counts as a retry (the request would have earned a
        429), except the one this call's own 429 started, which was counted already.
        Waiting for a window to open is pacing and counts as nothing.
        """
        gate = self.gate
        counted = limited
        while True:
            remaining, reason = gate.remaining(request)
            if remaining > 0:
                if remaining > self._may_wait(policy, started) or (
                    not counted and attempts.retries >= policy.max_retries
                ):
                    logger.info(
                        "%s %s: rate-limit pause has %.2fs left, more than this call may "
                        "wait; failing fast",
                        request.method,
                        request.url.path,
                        remaining,
                    )
                    return refusal(request, remaining, reason)
                if not counted:
                    attempts.retries += 1
                counted = False
                attempts.waited += await gate.sleep(remaining)
                continue
            if not gate.windows:
                return None
            wait = gate.quota_wait(request)
            if wait is None:
                return None
            left = self._may_wait(policy, started)
            if isinstance(wait, float | int):
                if wait > left:
                    logger.info(
                        "%s %s: the rate limit's window is used up for %.2fs more, longer "
                        "than this call may wait; failing fast",
                        request.method,
                        request.url.path,
                        wait,
                    )
                    return quota_refusal(request, wait)
                attempts.waited += wait
                await anyio.sleep(wait)
                continue
            # A new window's first request is out: the others follow its answer.
            waited = time.monotonic()
            with anyio.move_on_after(max(0.0, left)):
                await wait.wait()
            attempts.waited += time.monotonic() - waited
            if not wait.is_set():
                return quota_refusal(request, 1.0)

    @staticmethod
    def _may_wait(policy: RetryPolicy, started: float) -> float:
        """Seconds this call may still spend waiting, leaving time to send the request."""
        left = policy.budget - (time.monotonic() - started)
        if policy.budget > 0:
            # Leave the request itself time to be sent within the call's deadline.
            left -= min(left / 2, 1.0)
        return left

    @staticmethod
    async def _sleep(delay: float, attempts: Attempts) -> None:
        attempts.retries += 1
        attempts.waited += delay
        await anyio.sleep(delay)

    async def _attempt(
        self, send: Send, request: httpx.Request, deadline: float | None
    ) -> httpx.Response:
        """One send and the complete (size-capped) body read, within the call's deadline."""
        if deadline is None:
            return await self._send_and_read(send, request)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _BudgetExhausted(False)
        if sniffio.current_async_library() == "asyncio":
            # The same deadline as below at a fraction of the cost (this runs per request).
            timeout = asyncio.timeout(remaining)
            try:
                async with timeout:
                    return await self._send_and_read(send, request)
            except TimeoutError:
                if not timeout.expired():
                    raise
            raise _BudgetExhausted(True)
        with anyio.move_on_after(remaining):
            return await self._send_and_read(send, request)
        raise _BudgetExhausted(True)

    async def _send_and_read(self, send: Send, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        response = await send(request)
        await read_body(response, self.max_response_size, method=request.method)
        # The whole exchange, body included, as httpx's client measures it (a request the
        # SDK hands straight to its transport is not timed by httpx).
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        return response
