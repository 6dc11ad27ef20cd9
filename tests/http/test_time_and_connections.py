"""Timeouts, the per-call deadline, refused and dropped connections."""

from __future__ import annotations

from gitlab_users_client import APIConnectionError, APITimeoutError, RetryPolicy

from .harness import call
from .hostile import Exchange, HostileServer, closed_port

USER = (
    b'{"id": 1, "username": "a", "name": "A", "state": "active", '
    b'"web_url": "http://x/a", "avatar_url": null}'
)
NO_RETRY = RetryPolicy(max_retries=0, budget=10.0)


def continue_then_silence(exchange: Exchange) -> None:
    exchange.send(b"HTTP/1.1 100 Continue\r\n\r\n")
    exchange.sleep(30)


def continue_forever(exchange: Exchange) -> None:
    while exchange.send(b"HTTP/1.1 100 Continue\r\n\r\n") and exchange.sleep(0.3):
        pass


def trickle(exchange: Exchange) -> None:
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
    )
    while exchange.send(b"    ") and exchange.sleep(0.2):
        pass


def test_1xx_then_silence_times_out_on_the_read_timeout(engine: tuple[str, str]) -> None:
    with HostileServer(continue_then_silence) as server:
        outcome = call(
            engine, server.url, lambda gl: gl.users.get(1), timeout=1, retry_policy=NO_RETRY
        )
        error = outcome.raised(APITimeoutError)
        assert "ReadTimeout" in str(error)
        assert server.attempts == 1
        assert outcome.wall < 3


def test_a_1xx_flood_is_bounded_by_the_retry_budget(engine: tuple[str, str]) -> None:
    with HostileServer(continue_forever) as server:
        outcome = call(
            engine,
            server.url,
            lambda gl: gl.users.get(1),
            timeout=1,
            retry_policy=RetryPolicy(max_retries=3, budget=1.5),
        )
        error = outcome.raised(APITimeoutError)
        assert "retry budget" in str(error) or "ReadTimeout" in str(error)
        assert 1 <= server.attempts <= 2
        assert outcome.wall < 4


def test_a_trickled_body_is_bounded_by_the_retry_budget(engine: tuple[str, str]) -> None:
    with HostileServer(trickle) as server:
        outcome = call(
            engine,
            server.url,
            lambda gl: gl.users.get(1),
            timeout=1,
            retry_policy=RetryPolicy(max_retries=3, budget=1.5),
        )
        error = outcome.raised(APITimeoutError)
        assert "retry budget (1.5 s)" in str(error)
        assert error.outcome_unknown is False  # a GET
        assert server.attempts == 1
        assert outcome.wall < 4


def test_a_trickled_answer_to_a_post_runs_out_of_budget_with_an_unknown_outcome(
    engine: tuple[str, str],
) -> None:
    with HostileServer(trickle) as server:
        outcome = call(
            engine,
            server.url,
            lambda gl: gl.request("POST", "/users", json={"name": "x"}),
            timeout=1,
            retry_policy=RetryPolicy(max_retries=3, budget=1.0),
        )
        error = outcome.raised(APITimeoutError)
        assert error.outcome_unknown is True
        assert server.attempts == 1


def test_a_refused_connection_is_a_connection_error_not_a_timeout(
    engine: tuple[str, str],
) -> None:
    port = closed_port()
    outcome = call(
        engine,
        f"http://127.0.0.1:{port}",
        lambda gl: gl.request("POST", "/users", json={"name": "x"}),
    )
    error = outcome.raised(APIConnectionError)
    assert "ConnectError" in str(error)
    assert error.outcome_unknown is False  # nothing was sent, even for a POST
    assert error.retries == 1  # and so it was safe to retry
    assert outcome.wall < 3


def test_a_kept_alive_connection_closed_without_an_answer_is_not_resent(
    engine: tuple[str, str],
) -> None:
    def first_answers_then_drops(exchange: Exchange) -> None:
        if exchange.index == 0:
            exchange.send(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(USER), USER)
            )
            exchange.keep_alive = True

    async def twice(gl: object) -> object:
        await gl.users.get(1)  # type: ignore[attr-defined]
        return await gl.users.get(1)  # type: ignore[attr-defined]

    with HostileServer(first_answers_then_drops) as server:
        outcome = call(engine, server.url, twice, retry_policy=NO_RETRY)
        error = outcome.raised(APIConnectionError)
        assert "RemoteProtocolError" in str(error)
        assert server.attempts == 2  # the second GET reached the server once, never twice


def test_a_failed_tls_handshake_is_a_connection_error_before_sending(
    engine: tuple[str, str],
) -> None:
    greeting = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
    with HostileServer(lambda exchange: None, greeting=greeting) as server:
        # The handshake bytes are not HTTP: the server sees no request, the client a
        # failed connection.
        outcome = call(
            engine,
            server.url.replace("http://", "https://"),
            lambda gl: gl.request("POST", "/users", json={"name": "x"}),
        )
        error = outcome.raised(APIConnectionError)
        assert "ConnectError" in str(error)
        assert error.outcome_unknown is False
        assert error.retries == 1
