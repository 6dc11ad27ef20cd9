"""What goes on the wire on each request path.

The default client and a caller's own ``http_client`` get requests through
``AsyncClient.send()``; a client on an opt-in engine hands them straight to its
transport (the "direct path", skipping per-request layers that have nothing to do
there). Every path puts the same headers on the wire, once each.
"""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from gitlab_users_client import AsyncGitLab, RetryPolicy

from .hostile import Exchange, HostileServer

BODY = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'
NO_RETRY = RetryPolicy(max_retries=0, budget=10.0)


def ok(exchange: Exchange) -> None:
    exchange.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
    exchange.keep_alive = True


def header_lines(head: bytes) -> list[tuple[str, str]]:
    lines = head.decode("latin-1").split("\r\n")[1:]
    return [
        (name.lower(), value.strip()) for name, _, value in (line.partition(":") for line in lines)
    ]


def sent(url: str, **options: Any) -> tuple[bool, str, list[tuple[str, str]]]:
    """Whether the client took the direct path, and the request line and headers sent."""

    async def main() -> tuple[bool, str, list[tuple[str, str]]]:
        with HostileServer(ok) as server:
            async with AsyncGitLab(
                url.format(port=server.port), token="glpat-x", retry_policy=NO_RETRY, **options
            ) as gl:
                await gl.users.get(1)
                direct = gl._session.direct is not None
            (exchange,) = server.exchanges
            return direct, exchange.target, header_lines(exchange.head)

    return anyio.run(main, backend="asyncio")


@pytest.mark.parametrize("transport", ["auto", "asyncio", "aiohttp"])
def test_every_header_is_sent_once(transport: str) -> None:
    direct, target, headers = sent(
        "http://127.0.0.1:{port}",
        headers={"accept": "application/vnd.test+json", "X-Trace": "t1"},
        sudo="alice",
        transport=transport,
    )
    assert direct is (transport != "auto")
    assert target == "/api/v4/users/1"
    names = [name for name, _ in headers]
    assert len(names) == len(set(names)), headers
    found = dict(headers)
    assert found["accept"] == "application/vnd.test+json"  # the caller's, whatever the case
    assert found["x-trace"] == "t1"
    assert found["sudo"] == "alice"
    assert found["authorization"] == "Bearer glpat-x"
    assert "gzip" in found["accept-encoding"]
    assert found["user-agent"].startswith("gitlab-users-client/")
    assert found["host"].startswith("127.0.0.1:")


def test_the_direct_path_the_default_and_a_callers_client_send_the_same_headers() -> None:
    direct, _, headers = sent(
        "http://127.0.0.1:{port}", headers={"X-Trace": "t1"}, transport="asyncio"
    )
    default, _, default_headers = sent("http://127.0.0.1:{port}", headers={"X-Trace": "t1"})
    through_httpx, _, httpx_headers = sent(
        "http://127.0.0.1:{port}", headers={"X-Trace": "t1"}, http_client=httpx.AsyncClient()
    )
    assert direct and not default and not through_httpx
    expected = sorted(h for h in headers if h[0] != "host")
    assert sorted(h for h in default_headers if h[0] != "host") == expected
    assert sorted(h for h in httpx_headers if h[0] != "host") == expected


def test_a_raw_response_from_the_direct_path_is_a_complete_httpx_response() -> None:
    async def main() -> None:
        with HostileServer(ok) as server:
            async with AsyncGitLab(
                server.url, token="glpat-x", retry_policy=NO_RETRY, transport="asyncio"
            ) as gl:
                raw = await gl.users.with_raw_response.get(1)
                assert gl._session.direct is not None
        response = raw.http_response
        assert response.request.url == httpx.URL(f"{server.url}/api/v4/users/1")
        assert response.elapsed.total_seconds() > 0
        assert response.http_version == "HTTP/1.1"
        assert response.json()["username"] == "a"

    anyio.run(main, backend="asyncio")
