"""The SDK's own asyncio engine: its pool of kept-alive connections.

What the conformance cases do not show: which connection carries which request. Every
count here is taken at the server (``HostileServer.connections``/``attempts``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx
import pytest

from gitlab_users_client import APIConnectionError, AsyncGitLab, RetryPolicy
from gitlab_users_client._http.asyncio import _HIGH_WATER, AsyncioTransport, _Connection
from gitlab_users_client._retry import was_sent

from .hostile import Exchange, HostileServer

BODY = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'
NO_RETRY = RetryPolicy(max_retries=0, budget=10.0)


def ok(exchange: Exchange, *, extra: bytes = b"", keep_alive: bool = True) -> None:
    status = b"201 Created" if exchange.method == "POST" else b"200 OK"
    exchange.send(
        b"HTTP/1.1 %s\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s"
        % (status, extra, len(BODY), BODY)
    )
    exchange.keep_alive = keep_alive


def run(main: Callable[[], Awaitable[Any]]) -> Any:
    async def guarded() -> Any:
        with anyio.fail_after(15):  # a hang guard, not a speed check
            return await main()

    return anyio.run(guarded, backend="asyncio")


def sdk(server: HostileServer, **options: Any) -> AsyncGitLab:
    options.setdefault("retry_policy", NO_RETRY)
    return AsyncGitLab(server.url, token="glpat-x", transport="asyncio", **options)


def test_sequential_requests_reuse_one_connection() -> None:
    async def main() -> None:
        with HostileServer(ok) as server:
            async with sdk(server) as gl:
                for _ in range(5):
                    await gl.users.get(1)
            assert (server.attempts, server.connections) == (5, 1)

    run(main)


def test_a_fan_out_never_opens_more_connections_than_the_limit() -> None:
    def slow(exchange: Exchange) -> None:
        exchange.sleep(0.02)
        ok(exchange)

    async def main() -> None:
        # The transport on its own: the SDK's concurrency limit would hide a pool that
        # does not keep to max_connections.
        transport = AsyncioTransport(limits=httpx.Limits(max_connections=4))
        with HostileServer(slow) as server:
            async with httpx.AsyncClient(transport=transport) as client:
                async with anyio.create_task_group() as group:
                    for _ in range(32):
                        group.start_soon(client.get, server.url)
                assert len(transport._open) == 4
            assert server.attempts == 32
            assert server.connections == 4

    run(main)


@pytest.mark.parametrize(
    "how",
    ["connection-close", "server-closes-while-idle", "closed-before-the-loop-noticed", "http-1.0"],
)
def test_a_connection_the_server_ends_is_not_reused(how: str) -> None:
    def handler(exchange: Exchange) -> None:
        if how == "connection-close":
            ok(exchange, extra=b"Connection: close\r\n", keep_alive=True)
        elif how == "http-1.0":
            status = b"201 Created" if exchange.method == "POST" else b"200 OK"
            exchange.send(
                b"HTTP/1.0 %s\r\nContent-Length: %d\r\n\r\n%s" % (status, len(BODY), BODY)
            )
            exchange.keep_alive = True
        else:  # answers as if keeping it alive, then closes it
            ok(exchange, keep_alive=False)

    async def main() -> None:
        with HostileServer(handler) as server:
            async with sdk(server) as gl:
                await gl.users.get(1)
                if how == "closed-before-the-loop-noticed":
                    # The close arrives while the event loop is blocked: the pool has to
                    # look at the socket itself before reusing the connection.
                    time.sleep(0.2)  # noqa: ASYNC251 - blocking on purpose
                else:
                    await anyio.sleep(0.2)  # idle: the close has arrived
                # A POST: sent on a dead connection it would be an unknown outcome.
                await gl.users.follow(2)
            assert (server.attempts, server.connections) == (2, 2)

    run(main)


def test_an_idle_connection_past_its_expiry_is_replaced() -> None:
    async def main() -> None:
        with HostileServer(ok) as server:
            transport = AsyncioTransport(limits=httpx.Limits(keepalive_expiry=0.05))
            async with httpx.AsyncClient(transport=transport) as client:
                assert (await client.get(server.url)).status_code == 200
                await anyio.sleep(0.2)
                assert (await client.get(server.url)).status_code == 200
            assert server.connections == 2

    run(main)


def test_a_body_left_unread_closes_its_connection() -> None:
    async def main() -> None:
        with HostileServer(ok) as server:
            transport = AsyncioTransport()
            async with httpx.AsyncClient(transport=transport) as client:
                async with client.stream("GET", server.url) as response:
                    assert response.status_code == 200  # body never read
                assert (await client.get(server.url)).content == BODY
            assert server.connections == 2

    run(main)


def test_cancelled_and_failed_requests_give_their_connection_back() -> None:
    def handler(exchange: Exchange) -> None:
        if exchange.target.endswith("/users/2"):  # never answered: the caller gives up
            exchange.sleep(5)
        elif exchange.target.endswith("/users/3"):  # a head every engine refuses
            exchange.send(b"HTTP/1.1 200 OK\r\nX bad: v\r\nContent-Length: 0\r\n\r\n")
        elif exchange.target.endswith("/users/4"):  # dropped mid-body
            exchange.send(b'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"id"')
        else:
            ok(exchange)

    async def main() -> None:
        with HostileServer(handler) as server:
            # One connection in all: a leaked one would make the last call wait forever.
            async with sdk(server, max_concurrency=1, timeout=2.0) as gl:
                with anyio.move_on_after(0.3) as scope:
                    await gl.users.get(2)
                assert scope.cancelled_caught
                for user_id in (3, 4):
                    with pytest.raises(APIConnectionError):
                        await gl.users.get(user_id)
                await gl.users.get(1)
                await gl.users.get(1)
            assert server.attempts == 5
            assert server.connections == 4  # the last two share one

    run(main)


def test_waiting_for_a_connection_times_out_as_a_pool_timeout() -> None:
    async def main() -> None:
        with HostileServer(ok) as server:
            transport = AsyncioTransport(limits=httpx.Limits(max_connections=1))
            timeout = httpx.Timeout(5.0, pool=0.2)
            async with httpx.AsyncClient(transport=transport, timeout=timeout) as client:
                async with client.stream("GET", server.url):
                    with pytest.raises(httpx.PoolTimeout):
                        await client.get(server.url)
                # The held connection went back to the pool (body unread: closed).
                assert (await client.get(server.url)).content == BODY

    run(main)


def test_an_unread_body_stops_being_read_from_the_socket() -> None:
    size = 16 * _HIGH_WATER

    def big(exchange: Exchange) -> None:
        exchange.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
        view = memoryview(b"x" * size)
        while view and exchange.sleep(0):  # the socket times out while the client pauses
            try:
                view = view[exchange.conn.send(view) :]
            except TimeoutError:
                continue

    async def main() -> None:
        with HostileServer(big) as server:
            transport = AsyncioTransport()
            async with httpx.AsyncClient(transport=transport) as client:
                async with client.stream("GET", server.url) as response:
                    await anyio.sleep(0.5)  # the server has written all it can
                    (conn,) = [c for c in transport._open if c.reader is not None]
                    assert conn.reader is not None
                    # Paused at the high-water mark plus at most one socket read.
                    assert conn.reader.buffered <= _HIGH_WATER + 512 * 1024
                    received = 0
                    async for chunk in response.aiter_raw():
                        received += len(chunk)
                assert received == size

    run(main)


def test_a_connection_found_closed_before_writing_is_provably_unsent() -> None:
    async def main() -> None:
        conn = _Connection(("http", "127.0.0.1", 1), asyncio.get_running_loop())
        conn.connection_made(_NullTransport())
        conn.connection_lost(None)
        with pytest.raises(httpx.ConnectError) as caught:
            await conn.send(b"GET / HTTP/1.1\r\n\r\n", 1.0)
        assert not was_sent(caught.value)  # so even a POST is retried, never "unknown"

    run(main)


class _NullTransport(asyncio.Transport):
    def write(self, data: bytes | bytearray | memoryview) -> None:
        raise AssertionError("nothing may be written to a closed connection")
