"""Responses that break HTTP/1.1: each is a typed, retried-when-safe connection error."""

from __future__ import annotations

import pytest

from gitlab_users_client import APIConnectionError

from .harness import call
from .hostile import Exchange, Handler, HostileServer

OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"

MALFORMED = {
    "bad status line": b"HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\n[]",
    "status 000": b"HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\n[]",
    "bad header line": OK_HEAD + b"Content-Length: 2\r\nno colon in this line\r\n\r\n[]",
    "bad Content-Length": OK_HEAD + b"Content-Length: two\r\n\r\n[]",
    "duplicate Content-Length": OK_HEAD + b"Content-Length: 2\r\nContent-Length: 7\r\n\r\n[]",
    "Content-Length and chunked": OK_HEAD
    + b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n",
    "bad chunk size": OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n",
    "header over 8190 bytes": OK_HEAD
    + b"X-Big: "
    + b"a" * 20_000
    + b"\r\nContent-Length: 2\r\n\r\n[]",
    "too many headers": OK_HEAD
    + b"".join(b"X-H-%d: v\r\n" % index for index in range(2_000))
    + b"Content-Length: 2\r\n\r\n[]",
    "body cut short": OK_HEAD + b"Content-Length: 100\r\n\r\n[1, 2",
    "CR inside a header line": OK_HEAD + b"X-A: a\rb\r\nContent-Length: 2\r\n\r\n[]",
    "CR before the line's CRLF": OK_HEAD + b"X-A: a\r\r\nContent-Length: 2\r\n\r\n[]",
    "chunk size line ending in LF": OK_HEAD
    + b"Transfer-Encoding: chunked\r\n\r\n2\n[]\r\n0\r\n\r\n",
    "chunk data ending in LF": OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n[]\n0\r\n\r\n",
    "head over 100 KiB": OK_HEAD
    + b"".join(b"X-H-%d: %s\r\n" % (index, b"v" * 8000) for index in range(14))
    + b"Content-Length: 2\r\n\r\n[]",
}


#: Where an engine is known to be more lenient than the others (pinned, so that a change
#: either way shows): aiohttp's parser (llhttp) takes a bare LF after a chunk's data.
LENIENT = {("aiohttp", "chunk data ending in LF")}


def answer(raw: bytes) -> Handler:
    def handler(exchange: Exchange) -> None:
        exchange.send(raw)

    return handler


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_get_is_a_connection_error_and_is_retried(
    engine: tuple[str, str], case: str
) -> None:
    with HostileServer(answer(MALFORMED[case])) as server:
        outcome = call(engine, server.url, lambda gl: gl.request("GET", "/users"))
        if (engine[0], case) in LENIENT:
            assert outcome.error is None, outcome.error
            return
        error = outcome.raised(APIConnectionError)
        assert error.outcome_unknown is False
        assert error.retries == 1
        assert server.attempts == 2


@pytest.mark.parametrize("case", ["bad status line", "too many headers", "body cut short"])
def test_a_malformed_answer_to_a_post_is_not_retried_and_its_outcome_unknown(
    engine: tuple[str, str], case: str
) -> None:
    with HostileServer(answer(MALFORMED[case])) as server:
        outcome = call(
            engine, server.url, lambda gl: gl.request("POST", "/users", json={"name": "x"})
        )
        error = outcome.raised(APIConnectionError)
        assert error.outcome_unknown is True
        assert "outcome is unknown" in str(error)
        assert server.attempts == 1


@pytest.mark.parametrize("case", ["status 000", "head over 100 KiB"])
def test_a_refused_answer_gives_up_its_connection(engine: tuple[str, str], case: str) -> None:
    # The server keeps the connection open after a complete (but refused) answer: the
    # retry must still go out on a new connection, never on one the SDK stopped trusting.
    def handler(exchange: Exchange) -> None:
        if exchange.index == 0:
            exchange.send(MALFORMED[case])
        else:
            exchange.send(OK_HEAD + b"Content-Length: 2\r\n\r\n[]")
        exchange.keep_alive = True

    with HostileServer(handler) as server:
        outcome = call(engine, server.url, lambda gl: gl.request("GET", "/users"))
        assert outcome.error is None, outcome.error
        assert server.attempts == 2
        assert server.connections == 2
