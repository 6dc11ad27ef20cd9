"""The default client's connection pool (``_http/pool.py``) on real sockets.

httpx's own client and transport carry every request; only httpcore's hand-out of
connections is the SDK's. Counted at the connection (``ConnectionNotAvailable``: a
request handed a connection that another request had taken) and at the server: a burst
never retries a connection and grows the pool to the client's concurrency; connections
the server closed or that outlived their keep-alive are never used again and are
closed; requests to a second origin take turns in the pool; a request cancelled while
it waits leaves nothing reserved; respx still intercepts; a pool of another layout is
left as httpx built it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
import httpcore
import httpx
import pytest
import respx
import sniffio
from httpcore._async.http11 import AsyncHTTP11Connection

from gitlab_users_client import AsyncGitLab, RetryPolicy, map_concurrently
from gitlab_users_client._http import pool as fair

from .harness import run_on
from .hostile import Exchange, HostileServer

LOOPS = ["asyncio", "uvloop", "trio"]
USER = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'
NO_RETRIES = RetryPolicy(max_retries=0)


@dataclass
class Attempts:
    """Requests handed to an HTTP/1.1 connection, and those it refused as taken."""

    sent: int = 0
    refused: int = 0


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Attempts:
    counts = Attempts()
    original = AsyncHTTP11Connection.handle_async_request

    async def counted(self: AsyncHTTP11Connection, request: httpcore.Request) -> httpcore.Response:
        counts.sent += 1
        try:
            return await original(self, request)
        except httpcore.ConnectionNotAvailable:
            counts.refused += 1
            raise

    monkeypatch.setattr(AsyncHTTP11Connection, "handle_async_request", counted)
    return counts


def answer(exchange: Exchange, *, keep_alive: bool = True, close_header: bool = False) -> None:
    close = b"Connection: close\r\n" if close_header else b""
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s"
        % (close, len(USER), USER)
    )
    exchange.keep_alive = keep_alive


class FullHouse:
    """Holds every answer until ``parties`` requests are at the server at once (or 5 s
    have passed), then answers at once: ``peak`` is how many were ever in flight."""

    def __init__(self, parties: int) -> None:
        self.parties = parties
        self.peak = 0
        self._in_flight = 0
        self._changed = threading.Condition()

    def __call__(self, exchange: Exchange) -> None:
        if exchange.index == 0:  # the warm-up
            answer(exchange)
            return
        with self._changed:
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
            self._changed.notify_all()
            self._changed.wait_for(lambda: self.peak >= self.parties, timeout=5)
        answer(exchange)
        with self._changed:
            self._in_flight -= 1


def pool_of(gl: AsyncGitLab) -> Any:
    transport: Any = gl._session.http._transport
    return transport._pool


async def wait_until(condition: Callable[[], bool]) -> None:
    """Poll a state of the pool that no event reports (bounded)."""
    with anyio.fail_after(5):
        while not condition():  # noqa: ASYNC110
            await anyio.sleep(0.005)


@pytest.mark.parametrize("loop", LOOPS)
def test_a_burst_never_retries_a_connection_and_fills_the_pool(
    loop: str, attempts: Attempts
) -> None:
    house = FullHouse(32)

    async def main() -> tuple[int, str]:
        with HostileServer(house) as server:
            async with AsyncGitLab(server.url, token="glpat-x", max_concurrency=32) as gl:
                await gl.users.get(1)  # one idle connection: httpcore handed it to all
                result = await map_concurrently(gl.users.get, range(96), concurrency=32)
                assert len(result.values()) == 96
                return server.connections, type(pool_of(gl)).__name__

    connections, pool_class = run_on(loop, main)
    assert pool_class == "FairConnectionPool"
    assert attempts.refused == 0
    assert attempts.sent == 97  # one attempt per request
    assert house.peak == 32  # the pool grew to the client's concurrency...
    assert connections == 32  # ...and no further


@pytest.mark.parametrize("loop", LOOPS)
def test_connections_the_server_closed_are_never_used_again(loop: str, attempts: Attempts) -> None:
    async def main() -> None:
        # Answers keep the connection alive (no "Connection: close"), then the server
        # closes it, as a server's idle timeout does.
        with HostileServer(lambda exchange: answer(exchange, keep_alive=False)) as server:
            async with AsyncGitLab(
                server.url, token="glpat-x", max_concurrency=4, retry_policy=NO_RETRIES
            ) as gl:
                pool = pool_of(gl)
                pool._next_sweep = float("inf")  # no sweep: the hand-out itself looks
                async with anyio.create_task_group() as group:
                    for _ in range(4):
                        group.start_soon(gl.users.get, 1)
                closed_by_server = pool.connections
                await wait_until(lambda: all(c.has_expired() for c in closed_by_server))
                for _ in range(3):
                    async with anyio.create_task_group() as group:
                        for _ in range(4):
                            group.start_soon(gl.users.get, 1)
                    await wait_until(lambda: all(c.has_expired() for c in pool.connections))
                assert server.attempts == 16
                assert all(c.is_closed() for c in closed_by_server)  # closed by the client
                assert not set(map(id, closed_by_server)) & set(map(id, pool.connections))
                assert len(pool.connections) <= 4

    run_on(loop, main)
    assert attempts.sent == 16  # no request went out on a dead connection
    assert attempts.refused == 0


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("sweep", [False, True])
def test_connections_past_their_keep_alive_are_closed_and_replaced(loop: str, sweep: bool) -> None:
    async def main() -> tuple[int, list[bool]]:
        with HostileServer(answer) as server:
            async with AsyncGitLab(server.url, token="glpat-x", max_concurrency=2) as gl:
                pool = pool_of(gl)
                pool._keepalive_expiry = 0.05  # httpx's default is 5 s
                async with anyio.create_task_group() as group:
                    for _ in range(2):
                        group.start_soon(gl.users.get, 1)
                old = pool.connections
                await anyio.sleep(0.1)  # both outlive their keep-alive
                pool._next_sweep = 0.0 if sweep else float("inf")
                await gl.users.get(1)
                assert not set(map(id, old)) & set(map(id, pool.connections))
                return server.connections, [c.is_closed() for c in old]

    connections, old_closed = run_on(loop, main)
    assert connections == len(old_closed) + 1
    assert old_closed == [True] * len(old_closed)


def redirect_to(target: str) -> Callable[[Exchange], None]:
    def handler(exchange: Exchange) -> None:
        exchange.send(
            b"HTTP/1.1 302 Found\r\nLocation: %s%s\r\nContent-Length: 0\r\n\r\n"
            % (target.encode(), exchange.target.encode())
        )
        exchange.keep_alive = True

    return handler


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("concurrency", [1, 4])
def test_requests_to_a_second_origin_take_turns_in_the_pool(
    loop: str, concurrency: int, attempts: Attempts
) -> None:
    # Redirects to another origin are the only way the SDK reaches one (without the
    # credentials): the pool closes an idle connection of one origin to open one to
    # the other when it is full.
    async def main() -> tuple[int, int, int]:
        with HostileServer(answer) as other, HostileServer(redirect_to(other.url)) as first:
            async with AsyncGitLab(
                first.url, token="glpat-x", max_concurrency=concurrency, follow_redirects=True
            ) as gl:
                result = await map_concurrently(gl.users.get, range(12), concurrency=concurrency)
                assert len(result.values()) == 12
                assert len(pool_of(gl).connections) <= concurrency
            assert first.attempts == other.attempts == 12
            return first.connections, other.connections, len(pool_of(gl).connections)

    first_connections, other_connections, left = run_on(loop, main)
    assert attempts.refused == 0
    assert attempts.sent == 24
    assert left == 0
    if concurrency == 1:  # every switch of origin closes the idle connection of the other
        assert first_connections == other_connections == 12


def held_answers(release: threading.Event, *, close_header: bool) -> Callable[[Exchange], None]:
    """The first answer's body waits for ``release``; ``Connection: close`` if asked."""

    def handler(exchange: Exchange) -> None:
        if exchange.index > 0:
            answer(exchange)
            return
        close = b"Connection: close\r\n" if close_header else b""
        exchange.send(b"HTTP/1.1 200 OK\r\n%sContent-Length: %d\r\n\r\n" % (close, len(USER)))
        if release.wait(5):
            exchange.send(USER)
        exchange.keep_alive = not close_header

    return handler


class Waiting:
    """A request started in the background, to be cancelled while it waits in the pool.

    On asyncio the cancellation reaches the task even when the pool has just handed it a
    connection (``Task.cancel``); trio (and anyio's scopes) deliver it at the request's
    next checkpoint, after it has taken the connection."""

    def __init__(self, request: Awaitable[object]) -> None:
        self._request = request
        self._scope = anyio.CancelScope()
        self._task: asyncio.Task[object] | None = None
        self.done = anyio.Event()

    def start(self, group: anyio.abc.TaskGroup) -> None:
        if sniffio.current_async_library() == "asyncio":
            self._task = asyncio.ensure_future(self._request)
        group.start_soon(self._run)

    async def _run(self) -> None:
        with self._scope:
            if self._task is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            else:
                await self._request
        self.done.set()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        else:
            self._scope.cancel()

    @property
    def cancelled(self) -> bool:
        return self._scope.cancelled_caught or (self._task is not None and self._task.cancelled())


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("close_header", [True, False], ids=["new-connection", "idle-connection"])
def test_a_request_cancelled_as_it_is_given_a_connection_leaves_nothing_reserved(
    loop: str, close_header: bool
) -> None:
    # One connection at most. The first request holds it; the second waits in the pool.
    # When the first is done the pool gives the second a connection (the same one, or a
    # new one when the server closed it), and the second is cancelled before it could
    # send: a third request must get that connection, not wait forever for it.
    release = threading.Event()

    async def main() -> tuple[int, int]:
        handler = held_answers(release, close_header=close_header)
        with HostileServer(handler) as server:
            async with AsyncGitLab(server.url, token="glpat-x", max_concurrency=1) as gl:
                pool = pool_of(gl)
                http = gl._session.http  # past the SDK's own limit of 1 request in flight
                url = f"{server.url}/api/v4/users/1"
                async with anyio.create_task_group() as group, http.stream("GET", url) as first:
                    second = Waiting(http.get(url))
                    second.start(group)
                    await wait_until(lambda: len(pool._requests) == 2)
                    release.set()
                    await first.aread()  # the pool hands the connection on...
                    second.cancel()  # ...to a request cancelled before it runs
                with anyio.fail_after(5):
                    await second.done.wait()
                    user = await gl.users.get(1)
                assert second.cancelled
                assert user.username == "a"
                assert pool._requests == []
                return server.connections, len(pool.connections)

    connections, left = run_on(loop, main)
    assert connections == (2 if close_header else 1)
    assert left == 1


def test_respx_still_intercepts_the_fair_pool() -> None:
    async def main() -> tuple[str, int, str]:
        with respx.mock(base_url="https://gitlab.example.com/api/v4") as mock:
            route = mock.get("/users/1").respond(content=USER)
            async with AsyncGitLab("https://gitlab.example.com", token="glpat-x") as gl:
                user = await gl.users.get(1)
                return user.username, route.call_count, type(pool_of(gl)).__name__

    assert anyio.run(main) == ("a", 1, "FairConnectionPool")


def test_proxied_origins_get_the_fair_pool_too() -> None:
    gl = AsyncGitLab("https://gitlab.example.com", token="glpat-x", proxy="http://127.0.0.1:9")
    mounts: Any = gl._session.http._mounts
    pools = [transport._pool for transport in mounts.values() if transport is not None]
    assert [type(pool) for pool in pools] == [fair.FairHTTPProxy]
    anyio.run(gl.aclose)


@pytest.mark.parametrize("loop", LOOPS)
def test_a_pool_of_another_layout_is_left_as_httpx_built_it(
    loop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fair, "_fits", lambda pool: False)

    async def main() -> type[Any]:
        with HostileServer(answer) as server:
            async with AsyncGitLab(server.url, token="glpat-x", max_concurrency=4) as gl:
                result = await map_concurrently(gl.users.get, range(8), concurrency=4)
                assert len(result.values()) == 8
                return type(pool_of(gl))

    assert run_on(loop, main) is httpcore.AsyncConnectionPool


def test_the_layout_check_refuses_what_the_hand_out_cannot_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fair._fits(httpcore.AsyncConnectionPool())
    assert not fair._fits(httpcore.AsyncConnectionPool(http2=True))  # many requests a connection
    renamed = httpcore.AsyncConnectionPool()
    del renamed._requests
    assert not fair._fits(renamed)
    assert not fair._fits(object())

    class Unrelated:
        def __init__(self, request: object) -> None:
            self.request = request

    fair._pool_requests_fit.cache_clear()
    monkeypatch.setattr("httpcore._async.connection_pool.AsyncPoolRequest", Unrelated)
    try:
        assert not fair._fits(httpcore.AsyncConnectionPool())
    finally:
        fair._pool_requests_fit.cache_clear()


def test_only_httpcores_own_pool_classes_are_switched() -> None:
    class Own(httpcore.AsyncConnectionPool):
        pass

    own = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport())
    own._transport._pool = Own()  # type: ignore[attr-defined]
    stock = httpx.AsyncClient()
    assert fair.use_fair_pools(own) == 0
    assert type(own._transport._pool) is Own  # type: ignore[attr-defined]
    assert fair.use_fair_pools(stock) == 1
    assert (
        fair.use_fair_pools(
            httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
        )
        == 0
    )
    anyio.run(own.aclose)
    anyio.run(stock.aclose)
