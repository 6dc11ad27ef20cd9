"""A scripted GitLab behind ``httpx.MockTransport`` for the retry and rate-limit tests.

``answer(request, number)`` decides each answer (``None``: a plain 200 with a user);
every request is recorded with the time it arrived (``anyio.current_time()``), so a
test can check that a wait lasted at least as long as it had to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
import httpx

from gitlab_users_client import AsyncGitLab

BACKENDS = ["asyncio", "trio"]
USER = {"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/r"}
ENDPOINT_BODY = {"message": {"error": "This endpoint has been requested too many times."}}

Answer = Callable[[httpx.Request, int], "httpx.Response | Awaitable[httpx.Response | None] | None"]


@dataclass
class Arrival:
    at: float
    method: str
    path: str


class Server:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.arrivals: list[Arrival] = []

    def transport(self) -> httpx.MockTransport:
        async def handler(request: httpx.Request) -> httpx.Response:
            self.arrivals.append(Arrival(anyio.current_time(), request.method, request.url.path))
            response = self.answer(request, len(self.arrivals))
            if isinstance(response, Awaitable):
                response = await response
            return ok(request) if response is None else response

        return httpx.MockTransport(handler)

    def sent(self, path: str) -> int:
        return sum(1 for arrival in self.arrivals if arrival.path == path)

    def client(self, token: str = "t", **options: object) -> AsyncGitLab:  # noqa: S107
        return AsyncGitLab(
            "https://gitlab.example.com",
            token=token,
            transport=self.transport(),
            **options,  # type: ignore[arg-type]
        )


def ok(request: httpx.Request, headers: dict[str, str] | None = None) -> httpx.Response:
    """Success: 204 for a DELETE, 201 and the user for a POST, a page of one user for
    ``GET /users``, the user otherwise."""
    if request.method == "DELETE":
        return httpx.Response(204, headers=headers)
    if request.method == "POST":
        return httpx.Response(201, json=USER, headers=headers)
    body = [USER] if request.url.path.endswith("/users") else USER
    return httpx.Response(200, json=body, headers=headers)


def instance_429(retry_after: str = "60", **headers: str) -> httpx.Response:
    """Rack::Attack's answer: plain text, ``RateLimit-Name: throttle_*``."""
    return httpx.Response(
        429,
        headers={
            "Retry-After": retry_after,
            "Content-Type": "text/plain",
            "RateLimit-Name": "throttle_authenticated_api",
            **headers,
        },
        content=b"Retry later\n",
    )


def endpoint_429(retry_after: str = "60") -> httpx.Response:
    """An application throttle's answer: JSON, no ``RateLimit-Name``."""
    return httpx.Response(429, headers={"Retry-After": retry_after}, json=ENDPOINT_BODY)


def run(backend: str, main: Callable[[], Awaitable[None]], limit: float = 20) -> None:
    async def bounded() -> None:
        with anyio.fail_after(limit):  # a guard against hangs, not a timing assertion
            await main()

    anyio.run(bounded, backend=backend)
