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
from typing import Final

import anyio
import httpx
import sniffio

from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    forget_request_credentials,
)
from ._http.checks import certificate_reason
from ._limits import DEFAULT_MAX_RESPONSE_SIZE, read_body
from ._quota import Ticket
from ._redact import SENSITIVE_HEADERS
from ._throttle import RateGate, is_instance_wide, quota_refusal, refusal, retry_after_seconds

__all__ = ["Attempts", "Executor", "RateGate", "RetryPolicy", "Send", "was_sent"]

#: Sends one request and returns the response with its body still streaming.
Send = Callable[[httpx.Request], Awaitable[httpx.Response]]

logger = logging.getLogger("gitlab_users_client")

IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_NOT_RETRIED_5XX: Final = frozenset({501, 505})
_REWINDABLE_STREAMS: Final = frozenset({"ByteStream", "MultipartStream"})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try. Per client, and per call through ``with_options``."""

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


@dataclass(slots=True)
class Attempts:
    """What the retry loop did for one call (reported on errors and in logs)."""

    retries: int = 0
    waited: float = 0.0
    #: A previous attempt may have been applied (5xx, or lost after sending).
    maybe_applied: bool = False


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
    """The call's retry budget ran out during an attempt."""


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
        idempotent = request.method in IDEMPOTENT_METHODS
        # Bytes and multipart bodies can be sent again; a caller's generator cannot.
        rewindable = type(request.stream).__name__ in _REWINDABLE_STREAMS
        started = time.monotonic()
        gate = self.gate
        limited = False  # this call's own last attempt was a 429 (already counted)
        deadline = started + policy.budget if policy.budget > 0 else None
        while True:
            failure: httpx.HTTPError | None = None
            tickets: list[Ticket] | None = None
            if gate.active:
                refused = await self._wait_for_gate(request, policy, attempts, started, limited)
                if refused is not None:
                    return refused
            limited = False
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
                        response = await self._attempt(send, request, deadline)
                    except BaseException as exc:
                        if tickets:
                            gate.forget(tickets, sent=was_sent(exc))
                        raise
                finally:
                    self.slots.release()
            except (httpx.TransportError, httpx.DecodingError) as exc:
                failure = exc
            except _BudgetExhausted as exc:
                raise APITimeoutError(
                    f"the call ran out of its retry budget ({policy.budget:g} s)",
                    method=request.method,
                    url=str(request.url),
                    outcome_unknown=bool(exc.args[0]) and not idempotent,
                    retries=attempts.retries,
                ) from None
            if failure is not None:
                sent = was_sent(failure)
                retryable = (not sent or idempotent) and (not sent or rewindable)
                delay = self._backoff(policy, attempts.retries)
                if retryable and self._may_retry(policy, attempts, started, delay):
                    attempts.maybe_applied = attempts.maybe_applied or sent
                    logger.info(
                        "%s %s failed (%s); retry %d in %.2fs",
                        request.method,
                        request.url.path,
                        type(failure).__name__,
                        attempts.retries + 1,
                        delay,
                    )
                    await self._sleep(delay, attempts)
                    continue
                error_type = (
                    APITimeoutError
                    if isinstance(failure, httpx.TimeoutException)
                    else APIConnectionError
                )
                cause = _clean_cause(failure, request)
                # Raised outside the except block, chained to a clean copy only: the
                # original chain holds library exceptions that may carry the request.
                raise error_type(
                    f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__,
                    method=request.method,
                    url=str(request.url),
                    outcome_unknown=sent and not idempotent,
                    retries=attempts.retries,
                ) from cause

            status = response.status_code
            if status == 429:
                wait = retry_after_seconds(response.headers)
                gate.refused(tickets, request, response, wait, cap=policy.max_pause)
                # A "0", or a date already past while still limited, escalates like any backoff.
                delay = wait if wait else self._backoff(policy, attempts.retries)
                gate.pause(delay, cap=policy.max_pause, request=request, response=response)
                if rewindable and self._may_retry(policy, attempts, started, delay):
                    logger.info(
                        "%s %s rate limited; pausing %s %.2fs (retry %d)",
                        request.method,
                        request.url.path,
                        "the client" if is_instance_wide(response) else "this endpoint",
                        min(delay, policy.max_pause),
                        attempts.retries + 1,
                    )
                    limited = True
                    attempts.retries += 1
                    continue
                return response
            if tickets is not None or gate.pace_from_headers:
                gate.answered(
                    tickets, request, response, cap=policy.max_pause, in_flight=self.slots.in_use
                )
            if status >= 500 and status not in _NOT_RETRIED_5XX and idempotent and rewindable:
                delay = self._backoff(policy, attempts.retries)
                wait = retry_after_seconds(response.headers)
                if wait is not None:
                    delay = max(delay, wait)
                if self._may_retry(policy, attempts, started, delay):
                    attempts.maybe_applied = True
                    logger.info(
                        "%s %s answered %d; retry %d in %.2fs",
                        request.method,
                        request.url.path,
                        status,
                        attempts.retries + 1,
                        delay,
                    )
                    await self._sleep(delay, attempts)
                    continue
            if status == 404 and request.method == "DELETE" and attempts.maybe_applied:
                logger.info(
                    "%s %s: gone after an ambiguous attempt; counted as deleted",
                    request.method,
                    request.url.path,
                )
                return httpx.Response(204, request=request)
            return response

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
    def _backoff(policy: RetryPolicy, retry: int) -> float:
        ceiling = min(policy.backoff_max, policy.backoff_base * (2**retry))
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not cryptography

    @staticmethod
    def _may_retry(policy: RetryPolicy, attempts: Attempts, started: float, delay: float) -> bool:
        if attempts.retries >= policy.max_retries:
            return False
        return time.monotonic() - started + delay <= policy.budget

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
