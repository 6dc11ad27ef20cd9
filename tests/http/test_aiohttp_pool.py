"""The aiohttp engine's pool: a response closed unread drops its connection, and only
its own.

aiohttp gives a connection back to its pool by itself once a body has all arrived, so a
response the SDK then closes unread (a refused answer, a failed event hook) must close a
connection that may already be pooled, but never one another request has taken since.
"""

from __future__ import annotations

import asyncio

import httpx

from gitlab_users_client._http.aiohttp import AiohttpTransport

from .hostile import Exchange, HostileServer

BODY = b'{"id": 1}'


def answer(exchange: Exchange) -> None:
    if exchange.index == 1:
        exchange.sleep(0.3)  # the second request is in flight while the first is closed
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(BODY), BODY)
    )
    exchange.keep_alive = True


async def first_closed_unread_while_second_runs(url: str) -> bytes:
    transport = AiohttpTransport(limits=httpx.Limits(max_connections=1))
    try:
        first = await transport.handle_async_request(httpx.Request("GET", f"{url}/first"))
        await asyncio.sleep(0.05)  # the whole body is in: aiohttp has pooled the connection

        async def second() -> bytes:
            response = await transport.handle_async_request(httpx.Request("GET", f"{url}/second"))
            return await response.aread()

        task = asyncio.create_task(second())
        await asyncio.sleep(0.1)  # the second request has the pooled connection now
        await first.aclose()  # unread
        body = await asyncio.wait_for(task, 5)
        third = await transport.handle_async_request(httpx.Request("GET", f"{url}/third"))
        await third.aread()
        return body
    finally:
        await transport.aclose()


def test_a_response_closed_unread_never_closes_a_connection_another_request_holds() -> None:
    with HostileServer(answer) as server:
        body = asyncio.run(first_closed_unread_while_second_runs(server.url))
        assert body == BODY
        assert server.targets == ["/first", "/second", "/third"]
        # The second took the first's pooled connection and kept it; nothing closed it
        # under the second, and it went back to the pool for the third.
        assert server.connections == 1


async def closed_unread_then_again(url: str) -> None:
    transport = AiohttpTransport(limits=httpx.Limits(max_connections=1))
    try:
        first = await transport.handle_async_request(httpx.Request("GET", f"{url}/first"))
        await asyncio.sleep(0.05)
        await first.aclose()  # unread, its connection already pooled by aiohttp
        second = await transport.handle_async_request(httpx.Request("GET", f"{url}/second"))
        assert await second.aread() == BODY
    finally:
        await transport.aclose()


def test_a_response_closed_unread_drops_its_pooled_connection() -> None:
    def quick(exchange: Exchange) -> None:
        exchange.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
        exchange.keep_alive = True

    with HostileServer(quick) as server:
        asyncio.run(closed_unread_then_again(server.url))
        assert server.targets == ["/first", "/second"]
        assert server.connections == 2
