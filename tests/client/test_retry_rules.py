"""The retry rules, through the client (and the Executor where the waits are counted):
what is retried, how often, how long it waits, and what the caller is told."""

from __future__ import annotations

import itertools
import logging
import random
import re
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
import trio
from scripted_server import BACKENDS, USER, Server, endpoint_429, instance_429, ok, run
from trio.testing import MockClock

from gitlab_users_client import (
    APIConnectionError,
    APITimeoutError,
    NotFoundError,
    RateLimitError,
    ResponseTooLargeError,
    RetryPolicy,
    ServerError,
)
from gitlab_users_client._retry import Attempts, Executor, RateGate

FAST = RetryPolicy(max_retries=3, budget=20, backoff_base=0.01, backoff_max=0.02)
TOKEN = "glpat-retry-rules-token"


# -- waiting through pauses counts against max_retries -------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_waiting_through_another_calls_pause_counts_as_a_retry(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number == 1:
            return instance_429("0.4")
        return httpx.Response(404, json={"message": "404 User Not Found"})

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(RateLimitError) as limited:
                await gl.with_options(max_retries=0).users.get(1)
            assert limited.value.retries == 0
            # No retry left: the pause is not waited through, nothing is sent.
            with pytest.raises(RateLimitError, match="Retry later") as refused:
                await gl.with_options(max_retries=0).users.get(2)
            assert refused.value.retries == 0
            # One retry: the wait is it.
            with pytest.raises(NotFoundError) as answered:
                await gl.with_options(max_retries=1).users.get(3)
            assert answered.value.retries == 1

    run(backend, main)
    assert [arrival.path for arrival in server.arrivals] == ["/api/v4/users/1", "/api/v4/users/3"]
    assert server.arrivals[1].at - server.arrivals[0].at >= 0.4


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_a_call_that_keeps_earning_429s_is_sent_max_retries_plus_one_times(
    backend: str, max_retries: int
) -> None:
    server = Server(lambda r, n: instance_429("0.05"))

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(RateLimitError) as limited:
                await gl.with_options(max_retries=max_retries).users.get(1)
            assert limited.value.retries == max_retries

    run(backend, main)
    assert len(server.arrivals) == max_retries + 1
    times = [arrival.at for arrival in server.arrivals]
    assert all(later - earlier >= 0.05 for earlier, later in itertools.pairwise(times))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_pause_waited_through_and_own_429s_share_one_max_retries(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        if number == 1:
            await anyio.sleep(0.1)
        return endpoint_429("0.2")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            async with anyio.create_task_group() as tasks:

                async def first() -> None:
                    with pytest.raises(RateLimitError):
                        await gl.with_options(max_retries=0).users.get(1)

                tasks.start_soon(first)
                # Until the first call's 429 has paused GET /users/{id} (polled: on a busy
                # machine a fixed sleep can end before the 429 is taken in).
                probe = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/2")
                with anyio.fail_after(10):
                    while gl._session.executor.gate.remaining(probe)[0] <= 0:  # noqa: ASYNC110
                        await anyio.sleep(0.005)
                with pytest.raises(RateLimitError) as limited:
                    await gl.with_options(max_retries=2).users.get(2)
            assert limited.value.retries == 2

    run(backend, main)
    # One wait through the first call's pause, then two sends (one 429 waited out).
    assert server.sent("/api/v4/users/2") == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_call_queued_for_a_slot_sees_a_pause_that_began_meanwhile(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number == 1:
            await anyio.sleep(0.1)
            return instance_429("0.4")
        return None

    server = Server(answer)

    async def main() -> None:
        async with (
            server.client(retry_policy=FAST, max_concurrency=1) as gl,
            anyio.create_task_group() as tasks,
        ):
            tasks.start_soon(gl.users.get, 1)
            await anyio.sleep(0.02)
            tasks.start_soon(gl.users.get, 2)  # waits for the only slot

    run(backend, main)
    first, *rest = server.arrivals
    assert len(rest) == 2
    assert all(arrival.at - first.at >= 0.5 for arrival in rest)  # 0.1 s answer + 0.4 s pause


# -- what is retried --------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("status", [500, 502, 503, 504, 520, 524])
def test_an_idempotent_call_is_retried_through_server_errors(backend: str, status: int) -> None:
    server = Server(lambda r, n: httpx.Response(status) if n < 3 else None)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            assert (await gl.users.get(1)).id == USER["id"]
            await gl.users.delete(1)

    run(backend, main)
    assert [arrival.method for arrival in server.arrivals] == ["GET", "GET", "GET", "DELETE"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("status", [501, 505, 400, 409, 422])
def test_a_status_no_retry_can_change_is_returned_at_once(backend: str, status: int) -> None:
    server = Server(lambda r, n: httpx.Response(status, json={"message": "no"}))

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(Exception) as failed:  # noqa: PT011 - the type is per status
                await gl.users.get(1)
            assert failed.value.retries == 0  # type: ignore[attr-defined]

    run(backend, main)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_post_answered_with_a_server_error_is_not_retried(backend: str) -> None:
    server = Server(lambda r, n: httpx.Response(502))

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(ServerError) as failed:
                await gl.users.follow(2)
        assert failed.value.outcome_unknown is True
        assert failed.value.retries == 0

    run(backend, main)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_server_errors_are_retried_max_retries_times_then_reported(backend: str) -> None:
    server = Server(lambda r, n: httpx.Response(503))

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(ServerError) as failed:
                await gl.users.get(1)
        assert failed.value.retries == FAST.max_retries
        assert failed.value.outcome_unknown is False

    run(backend, main)
    assert len(server.arrivals) == FAST.max_retries + 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_server_errors_retry_after_is_waited_out(backend: str) -> None:
    server = Server(
        lambda r, n: httpx.Response(503, headers={"Retry-After": "0.3"}) if n == 1 else None
    )

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            await gl.users.get(1)

    run(backend, main)
    first, second = server.arrivals
    assert second.at - first.at >= 0.3


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("failure", "sent"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow"), False),
        (httpx.PoolTimeout("pool"), False),
        (httpx.UnsupportedProtocol("gopher"), False),
        (httpx.ReadError("reset"), True),
        (httpx.ReadTimeout("slow"), True),
        (httpx.RemoteProtocolError("closed"), True),
        (httpx.WriteError("broken pipe"), True),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_a_failure_before_sending_is_retried_for_a_post_and_one_after_is_not(
    backend: str, failure: httpx.TransportError, sent: bool
) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number == 1:
            raise failure
        return None

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            if not sent:
                await gl.users.follow(2)
                return
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
            assert failed.value.outcome_unknown is True
            assert isinstance(failed.value, APITimeoutError) is isinstance(
                failure, httpx.TimeoutException
            )
            assert type(failed.value.__cause__) is type(failure)

    run(backend, main)
    assert len(server.arrivals) == (1 if sent else 2)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_get_is_retried_after_a_failure_after_sending(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number < 3:
            raise httpx.ReadError("reset")
        return None

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            assert (await gl.users.get(1)).id == USER["id"]

    run(backend, main)
    assert len(server.arrivals) == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_failure_that_outlasts_every_retry_is_reported_with_the_count(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        raise httpx.ConnectError("refused")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
        assert failed.value.retries == FAST.max_retries
        assert failed.value.outcome_unknown is False
        assert str(failed.value).startswith("ConnectError: refused")

    run(backend, main)
    assert len(server.arrivals) == FAST.max_retries + 1


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (httpx.Response(502), "deleted"),
        (httpx.ReadError("reset"), "deleted"),
        (httpx.ConnectError("refused"), "not found"),
        (instance_429("0.05"), "not found"),
    ],
    ids=["502", "read-error", "connect-error", "429"],
)
def test_a_delete_that_finds_nothing_counts_as_done_only_after_an_ambiguous_attempt(
    first: httpx.Response | Exception, expected: str
) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        if number == 1:
            if isinstance(first, Exception):
                raise first
            return first
        return httpx.Response(404, json={"message": "404 User Not Found"})

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            if expected == "deleted":
                assert await gl.users.delete(7) is None  # type: ignore[func-returns-value]
            else:
                with pytest.raises(NotFoundError):
                    await gl.users.delete(7)
            with pytest.raises(NotFoundError):
                await gl.users.get(7)  # a GET's 404 is always a 404

    run("asyncio", main)


# -- budgets and waits ------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("method", "unknown"), [("GET", False), ("POST", True)])
def test_an_attempt_that_outlasts_the_budget_is_cut_short(
    backend: str, method: str, unknown: bool
) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        await anyio.sleep(10)
        raise AssertionError("not reached")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_budget=0.3) as gl:
            call = gl.users.get(1) if method == "GET" else gl.users.follow(2)
            with pytest.raises(APITimeoutError, match=r"retry budget \(0.3 s\)") as failed:
                await call
        assert failed.value.outcome_unknown is unknown

    run(backend, main, limit=5)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_budget_of_zero_means_no_deadline_and_no_waits(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        await anyio.sleep(0.2)
        return httpx.Response(503)

    server = Server(answer)

    async def main() -> None:
        policy = RetryPolicy(max_retries=3, budget=0, backoff_base=0.01)
        async with server.client(retry_policy=policy) as gl:
            with pytest.raises(ServerError) as failed:
                await gl.users.get(1)  # slower than nothing, and not cut short
        assert failed.value.retries == 0

    run(backend, main)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_wait_the_budget_cannot_hold_fails_at_once(backend: str) -> None:
    server = Server(lambda r, n: httpx.Response(503, headers={"Retry-After": "30"}))

    async def main() -> None:
        async with server.client(retry_policy=FAST.with_changes(budget=5)) as gl:
            with pytest.raises(ServerError) as failed:
                await gl.users.get(1)
        assert failed.value.retries == 0

    run(backend, main, limit=3)
    assert len(server.arrivals) == 1


def backoff_waits(monkeypatch: pytest.MonkeyPatch, draw: str, policy: RetryPolicy) -> list[float]:
    """The waits of a GET answered 503 every time, every random draw at one end."""
    monkeypatch.setattr(random, "uniform", lambda a, b: a if draw == "low" else b)
    waits: list[float] = []
    attempts = Attempts()

    async def send(request: httpx.Request) -> httpx.Response:
        waits.append(anyio.current_time())
        return httpx.Response(503, request=request)

    async def main() -> None:
        executor = Executor(max_concurrency=1, gate=RateGate())
        request = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
        response = await executor.send(send, request, policy, attempts)
        assert response.status_code == 503

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert attempts.retries == policy.max_retries
    gaps = [later - earlier for earlier, later in itertools.pairwise(waits)]
    assert attempts.waited == pytest.approx(sum(gaps))
    return gaps


def test_backoff_doubles_from_the_base_up_to_the_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = RetryPolicy(max_retries=5, budget=1000, backoff_base=1.0, backoff_max=5.0)
    assert backoff_waits(monkeypatch, "high", policy) == pytest.approx([1, 2, 4, 5, 5])


def test_backoff_has_full_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = RetryPolicy(max_retries=3, budget=1000, backoff_base=1.0, backoff_max=5.0)
    assert backoff_waits(monkeypatch, "low", policy) == pytest.approx([0, 0, 0])


def test_a_retry_after_of_zero_still_backs_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: b)
    arrivals: list[float] = []
    attempts = Attempts()

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals.append(anyio.current_time())
        return instance_429("0") if len(arrivals) < 3 else ok(request)

    async def main() -> None:
        executor = Executor(max_concurrency=1, gate=RateGate())
        request = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
        policy = RetryPolicy(max_retries=4, budget=100, backoff_base=1.0, backoff_max=8.0)
        response = await executor.send(send, request, policy, attempts)
        assert response.status_code == 200

    trio.run(main, clock=MockClock(autojump_threshold=0))
    # Each "0" escalates like a backoff (1 s, then 2 s), plus the pause's jitter (25 %).
    assert arrivals[1] - arrivals[0] == pytest.approx(1.25)
    assert arrivals[2] - arrivals[1] == pytest.approx(2.5)
    assert attempts.retries == 2
    assert attempts.waited == pytest.approx(3.75)


def test_a_body_that_cannot_be_sent_twice_is_not_retried() -> None:
    sent: list[bytes] = []

    async def send(request: httpx.Request) -> httpx.Response:
        sent.append(await request.aread())
        return httpx.Response(503, request=request)

    async def body() -> AsyncIterator[bytes]:
        yield b'{"note": "once"}'

    async def main() -> None:
        executor = Executor(max_concurrency=1, gate=RateGate())
        streamed = httpx.Request("PUT", "https://gitlab.example.com/api/v4/users/1", content=body())
        assert (await executor.send(send, streamed, FAST, Attempts())).status_code == 503
        assert len(sent) == 1
        again = httpx.Request("PUT", "https://gitlab.example.com/api/v4/users/1", content=b"{}")
        assert (await executor.send(send, again, FAST, Attempts())).status_code == 503
        assert len(sent) == 1 + 1 + FAST.max_retries

    anyio.run(main)


def test_a_429_for_a_body_that_cannot_be_sent_twice_is_returned() -> None:
    sent: list[httpx.Request] = []

    async def send(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        response = instance_429("0.01")
        response.request = request
        return response

    async def body() -> AsyncIterator[bytes]:
        yield b"{}"

    async def main() -> None:
        executor = Executor(max_concurrency=1, gate=RateGate())
        request = httpx.Request("PUT", "https://gitlab.example.com/api/v4/users/1", content=body())
        assert (await executor.send(send, request, FAST, Attempts())).status_code == 429

    anyio.run(main)
    assert len(sent) == 1


# -- what the caller sees ---------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_transport_errors_cause_is_a_clean_copy_without_credentials(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        raise httpx.ReadError(f"reset while sending Bearer {TOKEN} as root; also {TOKEN}")

    server = Server(answer)

    async def main() -> None:
        async with server.client(token=TOKEN, retry_policy=FAST, sudo="root") as gl:
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
        cause = failed.value.__cause__
        assert isinstance(cause, httpx.ReadError)
        assert str(cause) == "reset while sending [REDACTED] as [REDACTED]; also [REDACTED]"
        assert cause.__cause__ is None
        headers = dict(cause.request.headers.items())
        assert all(TOKEN not in value for value in headers.values())
        assert headers["sudo"] != "root"
        assert str(failed.value).startswith("ReadError: reset while sending [REDACTED] as")

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_short_header_value_is_not_masked_inside_words(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        raise httpx.ReadError("connection reset by peer")

    server = Server(answer)

    async def main() -> None:
        async with server.client(token=TOKEN, retry_policy=FAST, sudo="e") as gl:
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
        assert str(failed.value.__cause__) == "connection reset by peer"

    run(backend, main)


def test_a_transport_error_without_a_message_is_named_by_its_type() -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        raise httpx.RemoteProtocolError("")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
        assert str(failed.value).startswith("RemoteProtocolError (the request may have been")

    run("asyncio", main)


def test_retries_and_pauses_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        script: dict[int, httpx.Response | Exception] = {
            1: httpx.Response(502),  # DELETE
            2: httpx.Response(404),  # DELETE again: gone
            3: httpx.ConnectError("refused"),
            4: httpx.Response(503),
            5: endpoint_429("0.01"),
            6: instance_429("0.01"),
            8: instance_429("30"),
        }
        scripted = script.get(number)
        if isinstance(scripted, Exception):
            raise scripted
        return scripted

    server = Server(answer)
    policy = RetryPolicy(max_retries=5, budget=5, backoff_base=0.01, backoff_max=0.02)

    async def main() -> None:
        async with server.client(retry_policy=policy) as gl:
            await gl.users.delete(7)  # 1, 2
            await gl.users.get(1)  # 3, 4, 5, 6, 7
            with pytest.raises(RateLimitError):
                await gl.users.get(2)  # 8: 30 s is beyond the budget
            with pytest.raises(RateLimitError):
                await gl.users.get(3)  # not sent

    with caplog.at_level(logging.INFO, logger="gitlab_users_client"):
        run("asyncio", main)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 7, messages
    assert messages[0].startswith("DELETE /api/v4/users/7 answered 502; retry 1 in 0.0")
    assert messages[1] == (
        "DELETE /api/v4/users/7: gone after an ambiguous attempt; counted as deleted"
    )
    assert messages[2].startswith("GET /api/v4/users/1 failed (ConnectError); retry 1 in 0.0")
    assert messages[3].startswith("GET /api/v4/users/1 answered 503; retry 2 in 0.0")
    assert messages[4] == "GET /api/v4/users/1 rate limited; pausing this endpoint 0.01s (retry 3)"
    assert messages[5] == "GET /api/v4/users/1 rate limited; pausing the client 0.01s (retry 4)"
    assert re.fullmatch(
        r"GET /api/v4/users/3: rate-limit pause has (29\.\d\d|30\.00)s left, "
        r"more than this call may wait; failing fast",
        messages[6],
    )
    assert len(server.arrivals) == 8


# -- more of the same, at the edges -----------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_wait_through_a_pause_and_a_backoff_add_up(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if request.url.path == "/api/v4/users/1":
            return instance_429("0.3")
        if number == 2:
            return httpx.Response(503)
        return httpx.Response(404, json={"message": "404 User Not Found"})

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(RateLimitError):
                await gl.with_options(max_retries=0).users.get(1)
            with pytest.raises(NotFoundError) as answered:
                await gl.users.get(2)
        # The pause waited through (1), then the 503's backoff (2).
        assert answered.value.retries == 2

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_wait_of_one_call_counts_whatever_came_before(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if request.url.path == "/api/v4/users/2":
            return httpx.Response(503) if number == 1 else httpx.Response(404)
        return instance_429("0.3")  # /users/1: pauses the client

    server = Server(answer)

    async def main() -> None:
        async with (
            server.client(
                retry_policy=RetryPolicy(max_retries=4, budget=20, backoff_base=0.2)
            ) as gl,
            anyio.create_task_group() as tasks,
        ):

            async def other() -> None:
                await anyio.sleep(0.02)  # while the first call backs off from its 503
                with pytest.raises(RateLimitError):
                    await gl.with_options(max_retries=0).users.get(1)

            tasks.start_soon(other)
            with pytest.raises(NotFoundError) as answered:
                await gl.users.get(2)
        # The 503's backoff (1), then the other call's pause waited through (2).
        assert answered.value.retries == 2

    monkey = pytest.MonkeyPatch()
    monkey.setattr(random, "uniform", lambda a, b: b)  # backoff: 0.2 s
    try:
        run(backend, main)
    finally:
        monkey.undo()
    assert server.sent("/api/v4/users/2") == 2


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("budget", "pause", "waits"),
    [
        (3.0, 1.9, True),  # leaves 1 s to send: at most a second is kept back
        (3.0, 2.1, False),
        (1.2, 0.5, True),  # leaves half the budget: 0.6 s
        (1.2, 0.7, False),
        (0.8, 0.3, True),
        (0.8, 0.5, False),
    ],
)
def test_a_call_waits_out_a_pause_only_if_time_is_left_to_send(
    backend: str, budget: float, pause: float, waits: bool
) -> None:
    server = Server(lambda r, n: instance_429(str(pause)) if n == 1 else None)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(RateLimitError):
                await gl.with_options(max_retries=0).users.get(1)
            call = gl.with_options(retry_budget=budget).users.get(2)
            if waits:
                assert (await call).id == USER["id"]
            else:
                with pytest.raises(RateLimitError):
                    await call

    run(backend, main)
    assert len(server.arrivals) == (2 if waits else 1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_time_already_spent_counts_against_a_pause(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number == 1:
            await anyio.sleep(0.3)
            return instance_429("0.5")
        return None

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST.with_changes(budget=1.2)) as gl:
            # 0.3 s spent, 0.9 s left, half of it kept to send: 0.45 s, less than 0.5 s.
            with pytest.raises(RateLimitError):
                await gl.users.get(1)

    run(backend, main)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_per_call_budget_replaces_the_clients(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        await anyio.sleep(10)
        raise AssertionError("not reached")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(APITimeoutError, match=r"retry budget \(0.2 s\)") as failed:
                await gl.with_options(retry_budget=0.2).users.get(1)
        assert failed.value.method == "GET"
        assert failed.value.url == "https://gitlab.example.com/api/v4/users/1"
        assert failed.value.retries == 0

    run(backend, main, limit=5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_budget_running_out_after_retries_says_how_many(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        if number == 1:
            return httpx.Response(503)
        await anyio.sleep(10)
        raise AssertionError("not reached")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST.with_changes(budget=0.5)) as gl:
            with pytest.raises(APITimeoutError) as failed:
                await gl.users.get(1)
        assert failed.value.retries == 1

    run(backend, main, limit=5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_connection_error_names_the_request(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        raise httpx.ReadError("reset")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            with pytest.raises(APIConnectionError) as failed:
                await gl.users.follow(2)
        assert failed.value.method == "POST"
        assert failed.value.url == "https://gitlab.example.com/api/v4/users/2/follow"

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_raw_response_is_timed_body_included(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        await anyio.sleep(0.2)
        return ok(request)

    server = Server(answer)

    async def main() -> None:
        async with server.client() as gl:
            response = await gl.request("GET", "/user")
        assert 0.2 <= response.elapsed.total_seconds() < 60

    run(backend, main)


def test_a_delete_counted_as_done_answers_for_its_request() -> None:
    server = Server(lambda r, n: httpx.Response(502) if n == 1 else httpx.Response(404))

    async def main() -> None:
        async with server.client(retry_policy=FAST) as gl:
            response = await gl.request("DELETE", "/users/7")
        assert response.status_code == 204
        assert response.request.method == "DELETE"
        assert response.request.url == "https://gitlab.example.com/api/v4/users/7"

    run("asyncio", main)


def test_a_response_too_large_names_the_request() -> None:
    server = Server(lambda r, n: httpx.Response(200, content=b"x" * 5000))

    async def main() -> None:
        async with server.client(max_response_size=1000) as gl:
            with pytest.raises(ResponseTooLargeError) as failed:
                await gl.users.get(1)
        assert failed.value.method == "GET"

    run("asyncio", main)


@pytest.mark.parametrize(
    ("failure", "sends"),
    [(httpx.ConnectError("refused"), 2), (httpx.ReadError("reset"), 1)],
    ids=["before-sending", "after-sending"],
)
def test_a_body_that_cannot_be_sent_twice_is_retried_only_if_never_sent(
    failure: Exception, sends: int
) -> None:
    calls: list[int] = []

    async def send(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise failure
        return httpx.Response(200, json=USER, request=request)

    async def body() -> AsyncIterator[bytes]:
        yield b"{}"

    async def main() -> None:
        executor = Executor(max_concurrency=1, gate=RateGate())
        request = httpx.Request("PUT", "https://gitlab.example.com/api/v4/users/1", content=body())
        if sends == 2:
            assert (await executor.send(send, request, FAST, Attempts())).status_code == 200
        else:
            with pytest.raises(APIConnectionError):
                await executor.send(send, request, FAST, Attempts())

    anyio.run(main)
    assert len(calls) == sends


@pytest.mark.parametrize("backend", BACKENDS)
def test_max_concurrency_holds_burst_after_burst(backend: str) -> None:
    in_flight: list[int] = [0]
    peaks: list[int] = []

    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        in_flight[0] += 1
        peaks.append(in_flight[0])
        await anyio.sleep(0.05)
        in_flight[0] -= 1
        return ok(request)

    server = Server(answer)

    async def main() -> None:
        async with server.client(max_concurrency=3) as gl:
            for burst in range(3):
                async with anyio.create_task_group() as tasks:
                    for user_id in range(6):
                        tasks.start_soon(gl.users.get, user_id)
                assert max(peaks) == 3, (burst, peaks)
                peaks.clear()
            assert gl._session.executor.slots.in_use == 0

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_call_cancelled_while_waiting_for_a_slot_gives_nothing_away(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        await anyio.sleep(0.2)
        return ok(request)

    server = Server(answer)

    async def main() -> None:
        async with server.client(max_concurrency=1) as gl:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(gl.users.get, 1)  # holds the only slot
                await anyio.sleep(0.05)
                with anyio.move_on_after(0.05):
                    await gl.users.get(2)  # waits for the slot, then is cancelled
            assert gl._session.executor.slots.in_use == 0
            assert (await gl.users.get(3)).id == USER["id"]

    run(backend, main)
    assert [arrival.path for arrival in server.arrivals] == ["/api/v4/users/1", "/api/v4/users/3"]
