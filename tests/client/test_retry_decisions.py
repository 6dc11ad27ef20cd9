"""The retry rules as a table: ``decide`` on one attempt's outcome, without a socket, a
clock or a random draw of its own (the loop passes ``elapsed``, ``now`` and ``jitter``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate

import httpx
import pytest

from gitlab_users_client import APIConnectionError, APITimeoutError
from gitlab_users_client._retry import (
    Attempts,
    Done,
    Fail,
    Retry,
    RetryPolicy,
    _BudgetExhausted,
    decide,
)

URL = "https://gitlab.example.com/api/v4/users/7"
#: budget 60 s, base 1 s: the backoff ceiling is 1, 2, 4, 8... s; jitter 0.5 halves it.
POLICY = RetryPolicy(max_retries=3, budget=60.0, backoff_base=1.0, backoff_max=30.0)
NOW = 1_800_000_000.0


def answer(status: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, headers=headers, request=request)


def failure(error: type[Exception]) -> Callable[[httpx.Request], Exception]:
    return lambda request: error("boom")


def budget_out(sent: bool) -> Callable[[httpx.Request], Exception]:
    return lambda request: _BudgetExhausted(sent)


@dataclass
class Row:
    name: str
    outcome: Callable[[httpx.Request], httpx.Response | Exception]
    expected: Retry | Done | tuple[type[Exception], bool]  # a Fail: its error type, outcome_unknown
    method: str = "GET"
    rewindable: bool = True
    retries: int = 0
    maybe_applied: bool = False
    elapsed: float = 0.0
    policy: RetryPolicy = field(default_factory=lambda: POLICY)


def done(status: int) -> Done:
    return Done(httpx.Response(status))


ROWS = [
    # -- successes and plain errors are the caller's ------------------------------------
    Row("200", answer(200), done(200)),
    Row("404 GET", answer(404), done(404)),
    Row("404 GET after an ambiguous attempt", answer(404), done(404), maybe_applied=True),
    Row("404 DELETE", answer(404), done(404), method="DELETE"),
    Row(
        "404 DELETE after an ambiguous attempt: it was deleted",
        answer(404),
        Done(httpx.Response(204), gone=True),
        method="DELETE",
        maybe_applied=True,
    ),
    # -- 429: every method, waiting at the gate -----------------------------------------
    Row("429 Retry-After", answer(429, **{"Retry-After": "3"}), Retry(3.0)),
    Row("429 POST Retry-After", answer(429, **{"Retry-After": "3"}), Retry(3.0), method="POST"),
    Row("429 Retry-After 0: backoff", answer(429, **{"Retry-After": "0"}), Retry(0.5)),
    Row("429 nothing said: backoff", answer(429), Retry(2.0), retries=2),
    Row(
        "429 HTTP date",
        answer(429, **{"Retry-After": formatdate(NOW + 9, usegmt=True)}),
        Retry(10.0),  # a date is truncated to the second: its end is waited for
    ),
    Row(
        "429 RateLimit-Reset",
        answer(429, **{"RateLimit-Reset": str(int(NOW) + 20)}),
        Retry(20.0),
    ),
    Row(
        "429 beyond the budget: pause, fail fast",
        answer(429, **{"Retry-After": "90"}),
        Done(httpx.Response(429), pause=90.0),
    ),
    Row(
        "429 out of retries",
        answer(429, **{"Retry-After": "3"}),
        Done(httpx.Response(429), pause=3.0),
        retries=3,
    ),
    Row(
        "429 with a body that cannot be sent again",
        answer(429, **{"Retry-After": "3"}),
        Done(httpx.Response(429), pause=3.0),
        method="POST",
        rewindable=False,
    ),
    # -- 5xx: idempotent methods only -------------------------------------------------------
    Row("503 GET", answer(503), Retry(0.5, maybe_applied=True)),
    Row("502 DELETE", answer(502), Retry(1.0, maybe_applied=True), method="DELETE", retries=1),
    Row("503 Retry-After longer than backoff", answer(503, **{"Retry-After": "7"}), Retry(7.0, maybe_applied=True)),
    Row("503 POST: outcome unknown, not retried", answer(503), done(503), method="POST"),
    Row("503 PATCH", answer(503), done(503), method="PATCH"),
    Row("501 GET: never retried", answer(501), done(501)),
    Row("505 GET: never retried", answer(505), done(505)),
    Row("520 GET (Cloudflare)", answer(520), Retry(0.5, maybe_applied=True)),
    Row("503 GET out of retries", answer(503), done(503), retries=3),
    Row("503 GET past the budget", answer(503), done(503), elapsed=59.8),
    Row("503 GET ending the budget exactly", answer(503), Retry(0.5, maybe_applied=True), elapsed=59.5),
    Row("503 GET, a body that cannot be sent again", answer(503), done(503), method="PUT", rewindable=False),
    Row("503 GET, budget 0: no retries", answer(503), done(503), policy=RetryPolicy(budget=0)),
    # -- failures before sending: every method ---------------------------------------------
    Row("connect error GET", failure(httpx.ConnectError), Retry(0.5)),
    Row("connect error POST", failure(httpx.ConnectError), Retry(0.5), method="POST"),
    Row(
        "connect timeout POST, a generator body",
        failure(httpx.ConnectTimeout),
        Retry(0.5),
        method="POST",
        rewindable=False,
    ),
    Row("pool timeout", failure(httpx.PoolTimeout), Retry(0.5)),
    Row("connect error out of retries", failure(httpx.ConnectError), (APIConnectionError, False), retries=3),
    Row("connect timeout out of retries", failure(httpx.ConnectTimeout), (APITimeoutError, False), method="POST", retries=3),
    # -- failures after sending: idempotent, rewindable only -----------------------------
    Row("read timeout GET", failure(httpx.ReadTimeout), Retry(0.5, maybe_applied=True)),
    Row("dropped connection PUT", failure(httpx.RemoteProtocolError), Retry(0.5, maybe_applied=True), method="PUT"),
    Row("bad compression GET", failure(httpx.DecodingError), Retry(0.5, maybe_applied=True)),
    Row("read timeout POST: outcome unknown", failure(httpx.ReadTimeout), (APITimeoutError, True), method="POST"),
    Row("read error PATCH: outcome unknown", failure(httpx.ReadError), (APIConnectionError, True), method="PATCH"),
    Row(
        "read error PUT, a generator body",
        failure(httpx.ReadError),
        (APIConnectionError, False),
        method="PUT",
        rewindable=False,
    ),
    Row("read timeout GET past the budget", failure(httpx.ReadTimeout), (APITimeoutError, False), elapsed=59.9),
    # -- the budget ran out during the attempt -----------------------------------------------
    Row("budget out before sending POST", budget_out(False), (APITimeoutError, False), method="POST"),
    Row("budget out after sending POST", budget_out(True), (APITimeoutError, True), method="POST"),
    Row("budget out after sending GET", budget_out(True), (APITimeoutError, False)),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_decide(row: Row) -> None:
    request = httpx.Request(row.method, URL, content=b"{}")
    attempts = Attempts(retries=row.retries, maybe_applied=row.maybe_applied)
    outcome = row.outcome(request)
    decision = decide(
        outcome,
        request,
        row.rewindable,
        attempts,
        row.policy,
        elapsed=row.elapsed,
        jitter=0.5,
        now=NOW,
    )
    assert attempts == Attempts(retries=row.retries, maybe_applied=row.maybe_applied)  # read only
    expected = row.expected
    if isinstance(expected, tuple):
        error_type, unknown = expected
        assert isinstance(decision, Fail)
        assert type(decision.error) is error_type
        assert getattr(decision.error, "outcome_unknown", None) is unknown
        assert decision.error.retries == row.retries
        assert decision.error.method == row.method
        if isinstance(outcome, _BudgetExhausted):
            assert "retry budget" in str(decision.error) and decision.cause is None
        else:
            assert type(decision.cause) is type(outcome)  # a clean copy of it
            assert decision.cause is not outcome and decision.cause.__cause__ is None
    elif isinstance(expected, Done):
        assert isinstance(decision, Done)
        assert decision.response.status_code == expected.response.status_code
        assert (decision.pause, decision.gone) == (expected.pause, expected.gone)
        if not expected.gone:
            assert decision.response is outcome  # the server's answer, as it came
    else:
        assert isinstance(decision, Retry)
        assert decision.delay == pytest.approx(expected.delay, abs=1e-9)
        assert decision.maybe_applied == expected.maybe_applied
        is_429 = isinstance(outcome, httpx.Response) and outcome.status_code == 429
        assert (decision.limited_by is outcome) if is_429 else decision.limited_by is None


def test_the_backoff_is_capped_and_fully_jittered() -> None:
    request = httpx.Request("GET", URL)
    policy = RetryPolicy(max_retries=10, budget=1000.0, backoff_base=1.0, backoff_max=5.0)
    delays = []
    for retries, jitter in ((0, 0.0), (0, 0.999), (2, 1.0), (6, 0.5), (9, 1.0)):
        decision = decide(
            httpx.ConnectError("x"),
            request,
            True,
            Attempts(retries=retries),
            policy,
            elapsed=0.0,
            jitter=jitter,
            now=NOW,
        )
        assert isinstance(decision, Retry)
        delays.append(decision.delay)
    assert delays == pytest.approx([0.0, 0.999, 4.0, 2.5, 5.0])
