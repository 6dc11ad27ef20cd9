"""A forged extra response on a kept-alive connection (a response-queue desync).

The server answers the first request with its response and then a second, forged one,
and keeps the connection open: either in the same write (the forged bytes arrive with
the real response) or a moment later (they arrive while the connection is idle). An
engine that keeps those bytes and reuses the connection hands them to the next request
as its answer: a GET of user 2 comes back as someone else, and every later answer on
that connection is one behind.

No engine is exposed (docs: "Networks, proxies and TLS"):

* the SDK's own engine never reuses a connection with bytes left after a response or
  that became readable while idle;
* the aiohttp engine: aiohttp drops a connection with bytes left after a response, and
  the engine closes a pooled one that received bytes while idle;
* the default (httpx, httpcore, h11): h11 keeps bytes that came in the same read as the
  response, and the SDK's pool hand-out (``_http/pool.py``) closes a connection holding
  any instead of reusing it; bytes that come later are caught by httpcore, which looks
  at the socket before reusing an idle connection.
"""

from __future__ import annotations

import json

import anyio
import pytest

from .harness import call
from .hostile import Exchange, HostileServer


def user(user_id: int, name: str) -> bytes:
    body = json.dumps(
        {"id": user_id, "username": name, "name": name, "state": "active", "web_url": "http://x"}
    ).encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )


#: Part of a forged response, arriving while the connection is idle.
FRAGMENTS = {
    "a head cut short later": b"HTTP/1.1 200 OK\r\nX-Forged: 1\r\n",
    "a body cut short later": user(666, "forged")[:-3],
}


def forging(timing: str) -> object:
    def handler(exchange: Exchange) -> None:
        if exchange.index == 0:
            if timing == "same write":
                exchange.send(user(1, "first") + user(666, "forged"))
            else:
                exchange.send(user(1, "first"))
                exchange.sleep(0.1)
                exchange.send(FRAGMENTS.get(timing, user(666, "forged")))
        else:
            exchange.send(user(2, "second"))
        exchange.keep_alive = True

    return handler


async def two_gets(gl: object) -> list[str]:
    first = await gl.users.get(1)  # type: ignore[attr-defined]
    await anyio.sleep(0.4)  # the late forged response has arrived
    second = await gl.users.get(2)  # type: ignore[attr-defined]
    return [first.username, second.username]


@pytest.mark.parametrize("timing", ["same write", "later", *FRAGMENTS])
def test_a_forged_extra_response_on_a_kept_alive_connection(
    engine: tuple[str, str], timing: str
) -> None:
    with HostileServer(forging(timing)) as server:  # type: ignore[arg-type]
        outcome = call(engine, server.url, two_gets)
        assert outcome.error is None, outcome.error
        # Never the forged answer, nor one made of a fragment and the next response.
        assert outcome.value == ["first", "second"]
        # The tainted connection was not reused. (After a cut-short head aiohttp may
        # reuse it: it starts each response on a new parser, which drops what the old
        # one held.)
        if (engine[0], timing) != ("aiohttp", "a head cut short later"):
            assert server.connections == 2


def test_a_forged_extra_response_from_a_proxy_on_the_default_client() -> None:
    # httpcore's proxy connections wrap the HTTP/1.1 connection that holds the bytes.
    with HostileServer(forging("same write")) as proxy:  # type: ignore[arg-type]
        outcome = call(("auto", "asyncio"), "http://gitlab.example", two_gets, proxy=proxy.url)
        assert outcome.error is None, outcome.error
        assert outcome.value == ["first", "second"]
        assert proxy.targets == [
            "http://gitlab.example/api/v4/users/1",
            "http://gitlab.example/api/v4/users/2",
        ]
        assert proxy.connections == 2
