"""The retry loop's edges that the rule table does not reach: which pause a retried 429
starts, how many retries a call's waits through other calls' pauses count, and what a
transport error's clean cause says.

The Executor is driven directly with a scripted ``send`` under trio's ``MockClock`` (time
jumps whenever every task waits); nothing here measures how long anything took.
"""

from __future__ import annotations

import random
import ssl

import anyio
import httpx
import pytest
import trio
from scripted_server import USER, endpoint_429
from trio.testing import MockClock

from gitlab_users_client._retry import Attempts, Executor, Fail, RateGate, RetryPolicy, decide

USER_1 = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
USERS = httpx.Request("GET", "https://gitlab.example.com/api/v4/users")


def test_a_retried_endpoint_429_pauses_its_family_and_not_the_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: a)  # no jitter
    arrivals: dict[str, list[float]] = {"/api/v4/users/1": [], "/api/v4/users": []}

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals[request.url.path].append(anyio.current_time())
        if request.url.path == "/api/v4/users/1" and len(arrivals[request.url.path]) == 1:
            response = endpoint_429("5")
        else:
            response = httpx.Response(200, json=USER)
        response.request = request
        return response

    async def main() -> None:
        gate = RateGate(pace_from_headers=False)
        executor = Executor(max_concurrency=4, gate=gate)
        attempts = Attempts()
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(executor.send, send, USER_1, RetryPolicy(), attempts)
            await anyio.sleep(1)  # GET /users/1 earned its 429 and waits
            assert gate.remaining(USER_1)[0] == pytest.approx(4.0)
            assert gate.remaining(USERS)[0] == 0.0
            await executor.send(send, USERS, RetryPolicy(), Attempts())
        assert attempts.retries == 1

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert arrivals["/api/v4/users"] == [pytest.approx(1.0)]  # not held by the other's pause
    assert arrivals["/api/v4/users/1"] == [pytest.approx(0.0), pytest.approx(5.0)]


def test_every_pause_another_call_starts_while_one_waits_counts_as_a_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: a)  # no jitter
    arrivals: list[float] = []

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals.append(anyio.current_time())
        return httpx.Response(200, json=USER, request=request)

    async def main() -> None:
        gate = RateGate(pace_from_headers=False)
        executor = Executor(max_concurrency=4, gate=gate)
        gate.pause(1.0, cap=600)
        attempts = Attempts()

        async def pause_again() -> None:
            await anyio.sleep(0.5)
            gate.pause(2.0, cap=600)  # another call's 429, while the first pause runs

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(pause_again)
            await executor.send(send, USER_1, RetryPolicy(max_retries=4), attempts)
        assert attempts.retries == 2  # two pauses waited through, one after the other
        assert attempts.waited == pytest.approx(2.5)

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert arrivals == [pytest.approx(2.5)]


def test_a_second_pause_beyond_max_retries_fails_the_call_unsent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: a)  # no jitter
    sent: list[httpx.Request] = []

    async def send(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=USER, request=request)

    async def main() -> None:
        gate = RateGate(pace_from_headers=False)
        executor = Executor(max_concurrency=4, gate=gate)
        gate.pause(1.0, cap=600)
        attempts = Attempts()

        async def pause_again() -> None:
            await anyio.sleep(0.5)
            gate.pause(2.0, cap=600)

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(pause_again)
            response = await executor.send(send, USER_1, RetryPolicy(max_retries=1), attempts)
        assert response.status_code == 429  # the second pause would be a second retry
        assert attempts.retries == 1

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert sent == []


def failed(exc: Exception, request: httpx.Request) -> Fail:
    decision = decide(
        exc,
        request,
        True,
        Attempts(),
        RetryPolicy(max_retries=0),
        elapsed=0.0,
        jitter=0.0,
        now=0.0,
    )
    assert isinstance(decision, Fail)
    return decision


def test_a_credential_with_spaces_is_masked_whole_in_a_transport_errors_cause() -> None:
    request = httpx.Request(
        "GET",
        "https://gitlab.example.com/api/v4/user",
        headers={"Authorization": "Token abcd efgh"},
    )
    decision = failed(httpx.ReadError("reset after sending abcd efgh"), request)
    assert str(decision.cause) == "reset after sending [REDACTED]"
    assert "abcd" not in str(decision.error)


def test_a_certificate_refused_without_a_message_says_why() -> None:
    # httpcore under trio raises its ConnectError without a message, from OpenSSL's error.
    refused = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED]")
    refused.verify_message = "certificate has expired"
    error = httpx.ConnectError("")
    error.__cause__ = refused
    decision = failed(error, USER_1)
    assert str(decision.cause) == "TLS certificate verification failed: certificate has expired"
    assert "certificate has expired" in str(decision.error)


@pytest.mark.parametrize(
    ("closed_by", "logged"),
    [
        (
            "pause",
            "GET /api/v4/users/1: rate-limit pause has 50.00s left, more than this call "
            "may wait; failing fast",
        ),
        (
            "window",
            "GET /api/v4/users/1: the rate limit's window is used up for 50.00s more, "
            "longer than this call may wait; failing fast",
        ),
    ],
)
def test_a_call_that_cannot_wait_for_the_rate_limit_says_so_in_the_log(
    caplog: pytest.LogCaptureFixture, closed_by: str, logged: str
) -> None:
    async def send(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing is sent")

    async def main() -> None:
        gate = RateGate()
        if closed_by == "pause":
            gate.pause(50.0, cap=600)
        else:
            gate.refused(gate.take(USER_1), USER_1, endpoint_429("50"), 50.0, cap=600)
        executor = Executor(max_concurrency=4, gate=gate)
        response = await executor.send(send, USER_1, RetryPolicy(budget=10), Attempts())
        assert response.status_code == 429

    with caplog.at_level("INFO", logger="gitlab_users_client"):
        trio.run(main, clock=MockClock(autojump_threshold=0))
    assert [record.getMessage() for record in caplog.records] == [logged]


BASE = 1_800_000_000  # the server's Unix time when the mock clock reads 0
USER_2 = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/2")


def used_up_until(gate: RateGate, seconds: int) -> None:
    """The client's window has nothing left until ``seconds`` from now (mock clock 0)."""
    gate.clock.wall = lambda: BASE + anyio.current_time()
    headers = {
        "RateLimit-Observed": "1",
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": str(BASE + seconds),
    }
    gate.answered(None, USER_1, httpx.Response(200, headers=headers), cap=600, in_flight=0)


def test_a_wait_for_a_full_window_adds_to_the_pause_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: a)  # no jitter
    arrivals: list[float] = []

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals.append(anyio.current_time())
        return httpx.Response(200, json=USER, request=request)

    async def main() -> None:
        gate = RateGate()
        used_up_until(gate, 5)
        gate.pause(1.0, cap=600)
        attempts = Attempts()
        executor = Executor(max_concurrency=4, gate=gate)
        response = await executor.send(send, USER_1, RetryPolicy(), attempts)
        assert response.status_code == 200
        assert attempts.retries == 1  # the pause; the window's wait is pacing
        assert attempts.waited == pytest.approx(5.0, abs=0.01)  # 1 s pause + 4 s window

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert arrivals == [pytest.approx(5.0, abs=0.01)]


@pytest.mark.parametrize("budget", [60.0, 1.0])
def test_a_call_waits_for_a_new_windows_probe_within_its_budget(budget: float) -> None:
    arrivals: list[tuple[str, float]] = []

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals.append((request.url.path, anyio.current_time()))
        if request.url.path == "/api/v4/users/1":  # the probe: answered 0.9 s later
            await anyio.sleep(0.9)
            headers = {"RateLimit-Remaining": "5", "RateLimit-Reset": str(BASE + 10)}
            return httpx.Response(200, json=USER, headers=headers, request=request)
        return httpx.Response(200, json=USER, request=request)

    async def main() -> None:
        gate = RateGate()
        used_up_until(gate, 5)
        executor = Executor(max_concurrency=4, gate=gate)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(executor.send, send, USER_1, RetryPolicy(), Attempts())
            await anyio.sleep(5.1)  # the window ended; GET /users/1 went alone
            response = await executor.send(send, USER_2, RetryPolicy(budget=budget), Attempts())
        # Within the budget: sent once the probe was answered; otherwise refused unsent
        # when the time it could wait (half of 1 s) ran out.
        assert response.status_code == (200 if budget > 1 else 429)
        assert response.request is USER_2

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert [path for path, _ in arrivals] == (
        ["/api/v4/users/1", "/api/v4/users/2"] if budget > 1 else ["/api/v4/users/1"]
    )
    if budget > 1:
        assert arrivals[1][1] == pytest.approx(5.0 + 0.9, abs=0.02)


def test_the_executor_teaches_the_gate_what_each_answer_says_of_the_windows() -> None:
    by_id = {
        "RateLimit-Name": "users_get_by_id",
        "RateLimit-Observed": "3",
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": str(BASE + 5),
    }
    answers = [
        httpx.Response(200, json=USER, headers=by_id),
        httpx.Response(429, headers={"Retry-After": "7"}, text="Retry later\n"),
    ]

    async def send(request: httpx.Request) -> httpx.Response:
        response = answers.pop(0)
        response.request = request
        return response

    async def main() -> None:
        gate = RateGate()
        gate.clock.wall = lambda: BASE + anyio.current_time()
        executor = Executor(max_concurrency=4, gate=gate)
        await executor.send(send, USER_1, RetryPolicy(max_retries=0), Attempts())
        # An endpoint throttle's headers: its family's window is used up, the rest goes.
        assert gate.quota_wait(USER_2) == pytest.approx(5.0, abs=0.01)
        assert gate.quota_wait(USERS) is None
        refused = await executor.send(send, USERS, RetryPolicy(max_retries=0), Attempts())
        assert refused.status_code == 429
        # An instance 429 closes the client's window for its Retry-After.
        assert gate.quota_wait(USERS) == pytest.approx(7.0, abs=0.01)

    trio.run(main, clock=MockClock(autojump_threshold=0))
