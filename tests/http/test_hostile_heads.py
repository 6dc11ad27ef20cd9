"""Heads and trailers built to stall a parser, framing a caller may not set, codings.

The stall cases check that the event loop stays responsive while a call reads the
hostile response: a ticker task sleeps 50 ms at a time next to the call and records its
longest gap. A parser that takes seconds on one head (a backtracking pattern on long
runs of whitespace) shows as a gap of seconds; a linear one as a few milliseconds.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import pytest

from gitlab_users_client import (
    APIConnectionError,
    AsyncGitLab,
    ConfigurationError,
    CrossOriginError,
    InvalidRequestError,
)

from .harness import call
from .hostile import HostileServer

USER = {"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}
BODY = json.dumps(USER).encode()
#: Inside every limit (8190-byte lines, 100 fields, 100 KiB heads): a valid head that a
#: backtracking field pattern takes seconds on (one field about a second).
PADDED = b"X-Pad: a" + b" " * 8170 + b"b\r\n"
PADDED_LINES = 11
#: The longest gap the ticker may see: far above a responsive loop's few milliseconds,
#: far below what a quadratic parse of the head costs.
RESPONSIVE = 1.0


def responsive(action: Callable[[AsyncGitLab], Awaitable[Any]]) -> Callable[[AsyncGitLab], Any]:
    """``action`` run next to a ticker; returns (action's value, longest tick gap)."""

    async def both(gl: AsyncGitLab) -> tuple[Any, float]:
        longest = 0.0
        done = anyio.Event()

        async def tick() -> None:
            nonlocal longest
            last = time.monotonic()
            while not done.is_set():
                await anyio.sleep(0.05)
                now = time.monotonic()
                longest = max(longest, now - last - 0.05)
                last = now

        async with anyio.create_task_group() as group:
            group.start_soon(tick)
            try:
                value: Any = await action(gl)
            except Exception as exc:  # reported with the gap, raised by the caller
                value = exc
            finally:
                done.set()
        return value, longest

    return both


def get_user(gl: AsyncGitLab) -> Awaitable[Any]:
    return gl.users.get(1)


def test_a_head_of_long_whitespace_runs_keeps_the_loop_responsive(engine: tuple[str, str]) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + PADDED * PADDED_LINES
    with HostileServer(
        lambda exchange: exchange.send(head + b"Content-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
    ) as server:
        outcome = call(engine, server.url, responsive(get_user))
        assert outcome.error is None, outcome.error
        user, longest = outcome.value
        assert not isinstance(user, Exception), user
        assert user.username == "a"
        assert longest < RESPONSIVE


def test_a_trailer_of_long_whitespace_runs_keeps_the_loop_responsive(
    engine: tuple[str, str],
) -> None:
    chunked = b"%x\r\n%s\r\n0\r\n" % (len(BODY), BODY) + PADDED * PADDED_LINES + b"\r\n"
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    with HostileServer(lambda exchange: exchange.send(head + chunked)) as server:
        outcome = call(engine, server.url, responsive(get_user))
        assert outcome.error is None, outcome.error
        user, longest = outcome.value
        assert not isinstance(user, Exception), user
        assert user.username == "a"
        assert longest < RESPONSIVE


def test_a_60_kb_header_line_is_refused_without_stalling(engine: tuple[str, str]) -> None:
    head = b"HTTP/1.1 200 OK\r\nX-Pad: a" + b" " * 60_000 + b"b\r\nContent-Length: 2\r\n\r\n[]"
    with HostileServer(lambda exchange: exchange.send(head)) as server:
        outcome = call(engine, server.url, responsive(get_user))
        error, longest = outcome.value
        assert isinstance(error, APIConnectionError), error
        assert "RemoteProtocolError" in str(error)
        assert longest < RESPONSIVE


def test_an_obsolete_line_folding_is_read_as_a_space(engine: tuple[str, str]) -> None:
    head = b"HTTP/1.1 200 OK\r\nX-Folded: first\r\n   second\r\n\tthird\r\n"
    with HostileServer(
        lambda exchange: exchange.send(head + b"Content-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
    ) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.with_raw_response.get(1))
        assert outcome.error is None, outcome.error
        # RFC 9112, 5.2: replaced by spaces (aiohttp keeps the fold's own whitespace; the
        # SDK's engine and h11 put one space: test_h1 checks the exact value).
        value = outcome.value.headers["x-folded"]
        assert "\r" not in value and "\n" not in value
        assert value.split() == ["first", "second", "third"]


# -- what a caller may not set -----------------------------------------------------------

ENGINE_HEADERS = [
    "Content-Length",
    "transfer-encoding",
    "Connection",
    "Upgrade",
    "TE",
    "Trailer",
    "Host",
]


@pytest.mark.parametrize("name", ENGINE_HEADERS)
def test_framing_and_routing_headers_are_refused_before_sending(
    engine: tuple[str, str], name: str
) -> None:
    with HostileServer(lambda exchange: None) as server:
        outcome = call(engine, server.url, get_user, headers={name: "5"})
        error = outcome.raised(ConfigurationError)
        assert name in str(error)
        outcome = call(
            engine, server.url, lambda gl: gl.request("GET", "/users", headers={name: "5"})
        )
        outcome.raised(InvalidRequestError)
        outcome = call(
            engine, server.url, lambda gl: gl.with_options(headers={name: "x"}).users.get(1)
        )
        outcome.raised(ConfigurationError)
        assert server.attempts == 0


# -- content codings ----------------------------------------------------------------------


def gzipped(times: int) -> bytes:
    data = BODY
    for _ in range(times):
        data = gzip.compress(data)
    return data


@pytest.mark.parametrize(("times", "accepted"), [(5, True), (6, False)])
def test_content_coding_chains_are_capped_at_five(
    engine: tuple[str, str], times: int, accepted: bool
) -> None:
    body = gzipped(times)
    codings = ", ".join(["gzip"] * times).encode()
    answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: %s\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (codings, len(body), body)
    )
    with HostileServer(lambda exchange: exchange.send(answer)) as server:
        outcome = call(engine, server.url, get_user)
        if accepted:
            assert outcome.error is None, outcome.error
            assert outcome.value.username == "a"
        else:
            error = outcome.raised(APIConnectionError)
            assert "more than 5 content codings" in str(error)


# -- malformed IPv6 literals in server URLs ----------------------------------------------

IPV6 = ["http://[::1/api/v4/users", "http://[zz::1]/api/v4/users", "http://[]/api/v4/users"]


@pytest.mark.parametrize("url", IPV6)
@pytest.mark.parametrize("follow", [False, True])
def test_a_malformed_ipv6_location_is_a_cross_origin_error(
    engine: tuple[str, str], url: str, follow: bool
) -> None:
    answer = b"HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % url.encode()
    with HostileServer(lambda exchange: exchange.send(answer)) as server:
        outcome = call(engine, server.url, get_user, follow_redirects=follow)
        outcome.raised(CrossOriginError)
        assert server.attempts == 1


@pytest.mark.parametrize("url", IPV6)
def test_a_malformed_ipv6_link_is_a_cross_origin_error(engine: tuple[str, str], url: str) -> None:
    page = json.dumps([USER]).encode()
    answer = (
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLink: <%s>; rel="next"\r\n'
        b"Content-Length: %d\r\n\r\n%s" % (url.encode(), len(page), page)
    )
    with HostileServer(lambda exchange: exchange.send(answer)) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.list(pagination="offset").to_list())
        outcome.raised(CrossOriginError)
        assert server.attempts == 1
