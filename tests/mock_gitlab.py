"""Mock-transport helpers shared by the unit tests that do not need the fake GitLab."""

from __future__ import annotations

from collections.abc import Callable

import httpx

BASE = "https://gitlab.example.com"
USER = {
    "id": 1,
    "username": "alice",
    "name": "Alice",
    "state": "active",
    "web_url": "https://gitlab.example.com/alice",
}

Handler = Callable[[httpx.Request], httpx.Response]


def default_response(request: httpx.Request) -> httpx.Response:
    """A plausible answer for the few routes the unit tests touch."""
    path = request.url.path
    if path.endswith("/users"):
        return httpx.Response(200, json=[USER], headers={"X-Total": "1", "X-Page": "1"})
    if path.endswith("/user"):
        return httpx.Response(200, json={**USER, "email": "alice@example.com"})
    if path.endswith("/user/keys"):
        return httpx.Response(200, json=[])
    return httpx.Response(200, json=USER, headers={"X-Request-Id": "req-1"})


def recorder(respond: Handler | None = None) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A mock transport that records every request and answers with ``respond``."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return (respond or default_response)(request)

    return httpx.MockTransport(handler), seen
