"""Retries, rate limits, redirects and cancellation, proven against injected faults.

Tests that exercise the retry loop run on asyncio and on trio (``anyio.run`` with each
backend; under trio the SDK uses httpcore, under asyncio aiohttp).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from email.utils import formatdate
from typing import Any

import anyio
import httpx
import pytest

from gitlab_users_client import (
    APIConnectionError,
    APIStatusError,
    AsyncGitLab,
    CrossOriginError,
    RateLimitError,
    RetryPolicy,
    Secret,
    ServerError,
    map_concurrently,
)
from gitlab_users_client.testing import FakeGitLabServer, Faults

BACKENDS = ["asyncio", "trio"]
FAST = RetryPolicy(max_retries=6, budget=30, backoff_base=0.01, backoff_max=0.05)


def run(backend: str, fn: Callable[[], Awaitable[None]]) -> None:
    anyio.run(fn, backend=backend)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=300, seed=21) as running:
        yield running


@pytest.fixture
def fresh(server: FakeGitLabServer) -> Iterator[FakeGitLabServer]:
    """The shared loopback server with faults, windows and stats reset around each test."""
    engine = server.state.engine
    engine.set_faults(Faults())
    engine.clear_windows()
    engine.reset_counter()
    server.state.stats.reset()
    yield server
    engine.set_faults(Faults())
    engine.clear_windows()


def sdk(server: FakeGitLabServer, **kwargs: Any) -> AsyncGitLab:
    return AsyncGitLab(server.url, token=server.admin_token, **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("retry_after", ["seconds", "http-date"])
def test_retry_after_is_honoured_in_both_formats(
    fresh: FakeGitLabServer, backend: str, retry_after: str
) -> None:
    fresh.state.engine.open_window(1.2, start_at_request=1, retry_after=retry_after)

    async def main() -> None:
        async with sdk(fresh, retry_policy=FAST) as gl:
            started = anyio.current_time()
            user = await gl.users.get(1)
            waited = anyio.current_time() - started
        assert user.id == 1
        assert waited >= 0.8  # an HTTP date has one-second resolution
        assert fresh.state.stats.window_requests == 0

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_wait_beyond_the_budget_fails_fast(fresh: FakeGitLabServer, backend: str) -> None:
    fresh.state.engine.open_window(60, start_at_request=1)

    async def main() -> None:
        async with sdk(fresh, max_retries=5, retry_budget=3) as gl:
            started = anyio.current_time()
            with pytest.raises(RateLimitError) as limited:
                await gl.users.get(1)
            assert anyio.current_time() - started < 1
            assert limited.value.retry_after is not None
            assert 55 <= limited.value.retry_after <= 60
            assert limited.value.status_code == 429
            # The next call does not sit out the whole pause either: it is bounded by its budget.
            started = anyio.current_time()
            with pytest.raises(RateLimitError):
                await gl.with_options(retry_budget=0.5).users.get(1)
            assert anyio.current_time() - started < 2

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_429_pauses_every_concurrent_request(fresh: FakeGitLabServer, backend: str) -> None:
    # The window opens at request 40 of a 300-request fan-out: 32 tasks share 8 slots, so
    # 24 tasks are queued for a slot when the first 429 comes back. A pause that each task
    # took alone (or one checked before queueing) lets every one of them hit the window.
    fresh.state.engine.open_window(1.0, start_at_request=40)

    async def main() -> None:
        async with sdk(fresh, retry_policy=FAST, max_concurrency=8) as gl:
            result = await gl.users.get_many(range(1, 301), concurrency=32)
        assert not result.failed
        assert [user.id for user in result.values()] == list(range(1, 301))

    run(backend, main)
    # Only the requests already in flight when the first 429 came back arrive in the window.
    assert fresh.state.stats.window_requests <= 7


@pytest.mark.parametrize("backend", BACKENDS)
def test_get_is_retried_through_5xx_and_drops(fresh: FakeGitLabServer, backend: str) -> None:
    fresh.state.engine.set_faults(
        Faults(seed=3, error_on=[1, 2], drop_on=[3], error_statuses=[502, 520])
    )

    async def main() -> None:
        async with sdk(fresh, retry_policy=FAST) as gl:
            user = await gl.users.get(5)
        assert user.id == 5

    run(backend, main)
    assert fresh.state.stats.requests_total == 4


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_post_is_never_retried_once_it_may_have_been_applied(
    fresh: FakeGitLabServer, backend: str
) -> None:
    async def main() -> None:
        async with sdk(fresh, retry_policy=FAST) as gl:
            fresh.state.engine.set_faults(
                Faults(error_on=[1], error_statuses=[502], methods=["POST"])
            )
            with pytest.raises(ServerError) as failed:
                await gl.users.block(7)
            assert failed.value.outcome_unknown
            assert "outcome is unknown" in str(failed.value)

            fresh.state.engine.set_faults(Faults(drop_on=[1], drop_phase="after", methods=["POST"]))
            fresh.state.engine.reset_counter()
            with pytest.raises(APIConnectionError) as dropped:
                await gl.users.block(8)
            assert dropped.value.outcome_unknown
            assert fresh.state.users[8].state == "blocked"  # it was applied, once

    run(backend, main)
    assert fresh.state.stats.by_method["POST"] == 2


def test_connection_refused_is_retried_for_every_method_then_reported() -> None:
    async def main() -> None:
        policy = RetryPolicy(max_retries=2, budget=5, backoff_base=0.01, backoff_max=0.02)
        async with AsyncGitLab("http://127.0.0.1:9", token="t", retry_policy=policy) as gl:
            with pytest.raises(APIConnectionError) as refused:
                await gl.users.block(1)
        assert refused.value.retries == 2
        assert not refused.value.outcome_unknown  # nothing was sent

    run("asyncio", main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_event_loop_keeps_running_during_backoff(fresh: FakeGitLabServer, backend: str) -> None:
    fresh.state.engine.open_window(0.6, start_at_request=1)

    async def main() -> None:
        gaps: list[float] = []

        async def ticker() -> None:
            last = anyio.current_time()
            while True:
                await anyio.sleep(0.01)
                now = anyio.current_time()
                gaps.append(now - last)
                last = now

        async with sdk(fresh, retry_policy=FAST) as gl, anyio.create_task_group() as group:
            group.start_soon(ticker)
            await gl.users.get(1)
            group.cancel_scope.cancel()
        assert max(gaps) < 0.2

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancelling_a_bulk_job_leaves_nothing_open(fresh: FakeGitLabServer, backend: str) -> None:
    fresh.state.engine.set_faults(Faults(latency=0.5, methods=["GET"]))

    async def main() -> None:
        async with sdk(fresh, max_concurrency=4) as gl:
            with anyio.move_on_after(0.2):
                await map_concurrently(gl.users.get, range(1, 200), concurrency=4)
            fresh.state.engine.set_faults(Faults())
            # All four connections must be free again: 4 more calls at once complete promptly.
            with anyio.fail_after(5):
                again = await map_concurrently(gl.users.get, range(1, 5), concurrency=4)
            assert [user.id for user in again.values()] == [1, 2, 3, 4]

    run(backend, main)


# -- redirects: two loopback hosts -------------------------------------------------------


class _Recorder:
    """A tiny HTTP/1.1 server on a given loopback address that records request headers."""

    def __init__(
        self, host: str, respond: Callable[[str, dict[str, str]], tuple[int, dict[str, str], bytes]]
    ) -> None:
        self.host = host
        self.respond = respond
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> _Recorder:
        self._server = await asyncio.start_server(self._handle, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                target = lines[0].split(" ")[1]
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                if int(headers.get("content-length", "0")):
                    await reader.readexactly(int(headers["content-length"]))
                self.requests.append((target, headers))
                status, extra, body = self.respond(target, headers)
                out = [
                    f"HTTP/1.1 {status} X",
                    f"Content-Length: {len(body)}",
                    "Content-Type: application/json",
                ]
                out += [f"{k}: {v}" for k, v in extra.items()]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


USER_JSON = b'{"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/root", "email": "r@x"}'
CREDENTIAL_HEADERS = {"authorization", "private-token", "job-token", "sudo", "cookie"}


@pytest.mark.parametrize(
    "auth",
    [
        {"token": "glpat-secret"},
        {"token": "glpat-secret", "token_header": "private-token"},
        {"oauth_token": "oauth-secret"},
        {"job_token": "job-secret"},
    ],
    ids=["bearer", "private-token", "oauth", "job-token"],
)
async def test_credentials_never_reach_another_host(auth: dict[str, str]) -> None:
    async with _Recorder("127.0.0.2", lambda target, headers: (200, {}, USER_JSON)) as other:
        target = f"{other.url}/api/v4/user"
        async with (
            _Recorder("127.0.0.1", lambda t, h: (302, {"Location": target}, b"")) as origin,
            AsyncGitLab(
                origin.url,
                sudo="root",
                follow_redirects=True,
                headers={"Cookie": Secret("_gitlab_session=s")},
                **auth,  # type: ignore[arg-type]
            ) as gl,
        ):
            user = await gl.user.get()
    assert user.id == 1
    sent_to_origin = origin.requests[0][1]
    assert CREDENTIAL_HEADERS - {"cookie"} & set(sent_to_origin)  # credentials did go to the origin
    assert "sudo" in sent_to_origin
    received = other.requests[0][1]
    assert not CREDENTIAL_HEADERS & set(received), received
    assert all("secret" not in value for value in received.values())


async def test_same_origin_redirects_keep_credentials_and_redirects_are_off_by_default() -> None:
    def respond(target: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if target == "/api/v4/old":
            return 301, {"Location": "/api/v4/user"}, b""
        return 200, {}, USER_JSON

    async with _Recorder("127.0.0.1", respond) as host:
        async with AsyncGitLab(host.url, token="glpat-secret", follow_redirects=True) as gl:
            response = await gl.request("GET", "/old")
        assert response.status_code == 200
        assert [target for target, _ in host.requests] == ["/api/v4/old", "/api/v4/user"]
        assert host.requests[-1][1]["authorization"] == "Bearer glpat-secret"

        host.requests.clear()
        async with AsyncGitLab(host.url, token="glpat-secret") as gl:
            raw = await gl.request("GET", "/old")  # the raw escape hatch hands back the 301
        assert raw.status_code == 301
        assert len(host.requests) == 1  # not followed


async def test_https_to_http_redirect_is_refused() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://gitlab.example.com/api/v4/user"})

    async with AsyncGitLab(
        "https://gitlab.example.com",
        token="t",
        follow_redirects=True,
        transport=httpx.MockTransport(handler),
    ) as gl:
        with pytest.raises(CrossOriginError, match="https to http"):
            await gl.user.get()
    assert sent == ["https://gitlab.example.com/api/v4/user"]


# -- the soak: a bulk job through faults ----------------------------------------------------


def test_bulk_job_through_faults_accounts_for_every_item() -> None:
    """Read 20,000 users and update 2,000 while the server injects 5% 5xx, 2% dropped
    connections (after applying!) and a 429 window: nothing lost, nothing silently doubled."""
    with FakeGitLabServer(users=20_000, seed=99) as soak:
        soak.state.engine.set_faults(
            Faults(
                seed=5,
                error_rate=0.05,
                error_statuses=[500, 502, 503, 520],
                drop_rate=0.02,
                drop_phase="after",
            )
        )
        soak.state.engine.open_window(1.0, start_at_request=300)
        policy = RetryPolicy(max_retries=8, budget=60, backoff_base=0.02, backoff_max=0.5)
        report: dict[str, Any] = {}

        async def main() -> None:
            started = time.perf_counter()
            async with AsyncGitLab(
                soak.url, token=soak.admin_token, retry_policy=policy, max_concurrency=16
            ) as gl:
                seen = [
                    user.id
                    async for user in gl.users.list(pagination="keyset", order_by="id", sort="asc")
                ]
                targets = seen[:2_000]

                async def update(user_id: int) -> int:
                    return (await gl.users.update(user_id, note=f"soak-{user_id}")).id

                async def block(user_id: int) -> bool | None:
                    return await gl.users.block(user_id)

                updates = await map_concurrently(update, targets[:1_500], concurrency=16)
                blocks = await map_concurrently(block, targets[1_500:], concurrency=16)
            report.update(
                seen=seen, updates=updates, blocks=blocks, wall=time.perf_counter() - started
            )

        anyio.run(main)
        stats = soak.state.stats
        seen, updates, blocks = report["seen"], report["updates"], report["blocks"]

        assert len(seen) == 20_000
        assert len(set(seen)) == 20_000
        assert seen == sorted(seen)
        # Updates (PUT, idempotent): retried until done; the server holds every new value.
        assert len(updates) == 1_500
        assert not updates.failed
        assert all(soak.state.users[o.item].note == f"soak-{o.item}" for o in updates)
        # Blocks (POST): never retried after sending. Each is a result or a reported failure,
        # and none was applied twice.
        assert len(blocks) == 500
        for outcome in blocks:
            assert (
                outcome.ok
                or getattr(outcome.error, "outcome_unknown", False)
                or isinstance(outcome.error, APIStatusError)
            )
        applied_posts = [
            key for key, count in stats.applied.items() if key.startswith("POST") and count > 1
        ]
        assert applied_posts == []
        unknown = [o for o in blocks if not o.ok]
        print(
            f"\nsoak: {stats.requests_total} requests, faults {dict(stats.faults)}, window requests "
            f"{stats.window_requests}, blocks failed/unknown {len(unknown)}, items lost 0, "
            f"wall {report['wall']:.1f}s ({formatdate(usegmt=True)})"
        )


# -- client-side pacing ----------------------------------------------------------------------


def _user_handler(
    seen: list[float], extra_headers: Callable[[int], dict[str, str]] | None = None
) -> httpx.MockTransport:
    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(anyio.current_time())
        headers = extra_headers(len(seen)) if extra_headers else {}
        return httpx.Response(200, headers=headers, content=USER_JSON)

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("backend", BACKENDS)
def test_requests_per_second_paces_the_whole_client(backend: str) -> None:
    async def main() -> None:
        seen: list[float] = []
        async with AsyncGitLab(
            "https://gitlab.example.com",
            token="t",
            transport=_user_handler(seen),
            requests_per_second=20,
        ) as gl:
            await map_concurrently(lambda _: gl.users.get(1), range(11), concurrency=11)
        assert len(seen) == 11
        assert seen[-1] - seen[0] >= 0.45  # 10 intervals of 50 ms, despite 11 tasks at once

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_exhausted_quota_pauses_before_the_next_request(backend: str) -> None:
    def headers(count: int) -> dict[str, str]:
        if count == 1:
            return {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(time.time()) + 2)}
        return {"RateLimit-Remaining": "100"}

    async def main() -> None:
        seen: list[float] = []
        async with AsyncGitLab(
            "https://gitlab.example.com", token="t", transport=_user_handler(seen, headers)
        ) as gl:
            await gl.users.get(1)
            await gl.users.get(1)
        assert seen[1] - seen[0] >= 0.9  # waited for the reset instead of earning a 429

        seen.clear()
        async with AsyncGitLab(
            "https://gitlab.example.com",
            token="t",
            transport=_user_handler(seen, headers),
            pace_from_headers=False,
        ) as gl:
            await gl.users.get(1)
            await gl.users.get(1)
        assert seen[1] - seen[0] < 0.5

    run(backend, main)


def test_a_retried_delete_that_finds_nothing_counts_as_done() -> None:
    answers = iter([502, 404])
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return httpx.Response(next(answers), json={"message": "404 User Not Found"})

    async def main() -> None:
        async with AsyncGitLab(
            "https://gitlab.example.com",
            token="t",
            transport=httpx.MockTransport(handler),
            retry_policy=FAST,
        ) as gl:
            # The 502 hid a successful delete.
            assert await gl.users.delete(7) is None  # type: ignore[func-returns-value]
        plain_404 = httpx.MockTransport(
            lambda r: httpx.Response(404, json={"message": "404 Not found"})
        )
        async with AsyncGitLab("https://gitlab.example.com", token="t", transport=plain_404) as gl:
            with pytest.raises(APIStatusError):  # no ambiguous attempt before it: a real 404
                await gl.users.delete(7)

    run("asyncio", main)
    assert seen == ["DELETE", "DELETE"]
