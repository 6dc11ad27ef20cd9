"""Pacing that follows GitLab's throttles: scoped pauses, fail-fast, caps and jitter."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from email.utils import formatdate
from typing import Any

import anyio
import httpx
import pytest

from gitlab_users_client import AsyncGitLab, RateLimitError, RetryPolicy, map_concurrently
from gitlab_users_client._throttle import endpoint_key

BACKENDS = ["asyncio", "trio"]
USER_JSON = b'{"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/root", "email": "r@x"}'
ENDPOINT_BODY = (
    b'{"message":{"error":"This endpoint has been requested too many times. Try again later."}}'
)


def endpoint_429(retry_after: str = "60") -> httpx.Response:
    return httpx.Response(
        429,
        headers={"Retry-After": retry_after, "Content-Type": "application/json"},
        content=ENDPOINT_BODY,
    )


def instance_429(retry_after: str = "60") -> httpx.Response:
    return httpx.Response(
        429,
        headers={
            "Retry-After": retry_after,
            "Content-Type": "text/plain",
            "RateLimit-Name": "throttle_authenticated_api",
        },
        content=b"Retry later\n",
    )


class Server:
    """A scripted GitLab: ``answer(request, number)`` decides; every request is recorded."""

    def __init__(
        self, answer: Callable[[httpx.Request, int], httpx.Response | None], latency: float = 0
    ) -> None:
        self.answer = answer
        self.latency = latency
        self.requests: list[tuple[float, str]] = []

    def transport(self) -> httpx.MockTransport:
        async def handler(request: httpx.Request) -> httpx.Response:
            self.requests.append((anyio.current_time(), request.url.path))
            await anyio.sleep(self.latency)
            response = self.answer(request, len(self.requests))
            if response is not None:
                return response
            if request.url.path.endswith("/users"):
                return httpx.Response(200, content=b"[" + USER_JSON + b"]")
            return httpx.Response(200, content=USER_JSON)

        return httpx.MockTransport(handler)

    def sent(self, path: str) -> int:
        return sum(1 for _, p in self.requests if p == path)


def client(server: Server, **kwargs: Any) -> AsyncGitLab:
    return AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=server.transport(), **kwargs
    )


def run(backend: str, main: Callable[[], Awaitable[None]], limit: float = 20) -> None:
    async def bounded() -> None:
        with anyio.fail_after(limit):  # a guard against hangs
            await main()

    anyio.run(bounded, backend=backend)


def test_endpoint_families_normalise_ids() -> None:
    assert endpoint_key("GET", "/api/v4/users/42") == "GET /users/{id}"
    assert endpoint_key("GET", "/gitlab/api/v4/users/42/keys/7") == "GET /users/{id}/keys/{id}"
    assert endpoint_key("GET", "/api/v4/users/alice/projects") == "GET /users/{id}/projects"
    assert endpoint_key("GET", "/api/v4/users") == "GET /users"
    assert endpoint_key("POST", "/api/v4/users/42/follow") == "POST /users/{id}/follow"


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_endpoint_429_pauses_only_that_endpoint(backend: str) -> None:
    server = Server(
        lambda r, n: endpoint_429() if r.url.path.startswith("/api/v4/users/") else None
    )

    async def main() -> None:
        async with client(server, retry_budget=5) as gl:
            with pytest.raises(RateLimitError) as first:
                await gl.users.get(1)
            assert first.value.retry_after == 60
            # GET /users is another family: it goes out at once, nothing waits.
            started = anyio.current_time()
            page = await gl.users.list().first_page()
            assert len(page.items) == 1
            assert anyio.current_time() - started < 4  # not the 60 s pause
            # GET /users/{id} with another id is paused: it fails without being sent.
            with pytest.raises(RateLimitError, match="requested too many times") as second:
                await gl.users.get(2)
            assert second.value.retry_after is not None
            assert 55 < second.value.retry_after <= 60
        assert server.sent("/api/v4/users/1") == 1
        assert server.sent("/api/v4/users/2") == 0
        assert server.sent("/api/v4/users") == 1

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_instance_429_pauses_the_whole_client(backend: str) -> None:
    server = Server(lambda r, n: instance_429() if n == 1 else None)

    async def main() -> None:
        async with client(server, retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)
            with pytest.raises(RateLimitError, match="Retry later") as listed:
                await gl.users.list().first_page()
            assert listed.value.retry_after is not None and listed.value.retry_after > 55
        assert len(server.requests) == 1

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_call_during_a_long_pause_fails_fast(backend: str) -> None:
    server = Server(lambda r, n: instance_429("60"))

    async def main() -> None:
        async with client(server, retry_budget=6, max_concurrency=4) as gl:
            result = await map_concurrently(gl.users.get, range(1, 41), concurrency=40)
        errors = [outcome.error for outcome in result if outcome.error is not None]
        assert len(errors) == 40
        assert all(isinstance(error, RateLimitError) for error in errors)
        waits = [error.retry_after for error in errors if isinstance(error, RateLimitError)]
        assert all(wait is not None and 50 < wait <= 60 for wait in waits)

    # Waiting out their 6 s budget one after another would take far longer than this.
    run(backend, main, limit=5)
    assert len(server.requests) <= 4  # only those already in flight reached the server


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "absurd", ["86400", "1e999", formatdate(4_000_000_000, usegmt=True)], ids=str
)
def test_an_absurd_retry_after_is_capped(backend: str, absurd: str) -> None:
    server = Server(lambda r, n: instance_429(absurd) if n == 1 else None)

    async def main() -> None:
        policy = RetryPolicy(budget=10, max_pause=0.3, backoff_base=0.01)
        async with client(server, retry_policy=policy) as gl:
            with pytest.raises(RateLimitError) as first:
                await gl.users.get(1)  # the server asked for more than the budget: at once
            assert first.value.retry_after is not None and first.value.retry_after > 80_000
            user = await gl.users.get(1)  # waits the capped pause, not a day
            assert user.id == 1

    run(backend, main, limit=8)
    assert len(server.requests) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_waiters_wake_with_jitter_instead_of_all_at_once(backend: str) -> None:
    # Always 429, 2 ms per request. Before, 50 tasks sent 250 requests (5 attempts each,
    # released together); woken at one instant they would still send ~130 (32 at a time).
    server = Server(lambda r, n: instance_429("0.5"), latency=0.002)

    async def main() -> None:
        policy = RetryPolicy(max_retries=4, budget=30)
        async with client(server, retry_policy=policy) as gl:
            result = await map_concurrently(gl.users.get, range(50), concurrency=50)
        assert all(isinstance(outcome.error, RateLimitError) for outcome in result)

    run(backend, main)
    # 32 in flight together at first; then, per pause, the first waiters to wake earn the
    # next 429 and the rest go back to sleep (and each pause sat through counts as a retry).
    assert len(server.requests) <= 80
