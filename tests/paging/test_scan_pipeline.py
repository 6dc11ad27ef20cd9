"""``gl.users.scan()`` near the server's capacity: pages in flight adapt to the server's
workers, ``async with`` fetches while users are handed out, windows split at any time.

The servers here serve a bounded number of requests at once, each taking a fixed time,
on trio's ``MockClock`` (virtual time: a scan of thousands of users runs in a moment).
The assertions count requests and users, never seconds.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

import anyio
import httpx
import pytest
import trio
from trio.testing import MockClock

from gitlab_users_client import AsyncGitLab, ResponseValidationError
from gitlab_users_client.models import UserBasic
from gitlab_users_client.testing import FakeGitLab


class Workers(httpx.AsyncBaseTransport):
    """The fake behind ``workers`` Puma threads: ``latency`` seconds per request, the rest
    queue. Records how many requests were out at once, and when each arrived."""

    def __init__(self, fake: FakeGitLab, workers: int, latency: float = 0.1) -> None:
        self.inner = fake.transport()
        self.free = anyio.Semaphore(workers)
        self.latency = latency
        self.in_flight = 0
        self.most_in_flight = 0
        self.arrivals: list[float] = []
        #: Fail the listing request with this number (1-based) with an unreadable page.
        self.break_at: int | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.arrivals.append(anyio.current_time())
        number = len(self.arrivals)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            async with self.free:
                await anyio.sleep(self.latency)
                if number == self.break_at:
                    return httpx.Response(200, json=[{"id": "not a user"}])
                return await self.inner.handle_async_request(request)
        finally:
            self.in_flight -= 1


def virtual(main: Callable[[], Awaitable[None]]) -> None:
    async def bounded() -> None:
        with trio.fail_after(600):  # virtual seconds: a guard against a stuck scan
            await main()

    trio.run(bounded, clock=MockClock(autojump_threshold=0))


def all_ids(fake: FakeGitLab) -> set[int]:
    return {user.id for user in fake.state.iter_users()}


@pytest.mark.parametrize("workers", [2, 16])
def test_pages_in_flight_follow_the_servers_workers(workers: int) -> None:
    fake = FakeGitLab.create(users=12_000, seed=21)
    server = Workers(fake, workers)
    targets: list[int] = []

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            scan = gl.users.scan()
            async with scan as users:
                ids = [user.id async for user in users]
            targets.append(scan._concurrency.target)
        assert len(ids) == len(set(ids))
        assert set(ids) == all_ids(fake)

    virtual(main)
    (target,) = targets
    if workers == 2:
        # It starts with 12 at once and backs off to the workers and a few waiting.
        assert target <= workers + 3
    else:
        # Pages came back as fast with more in flight: it kept adding.
        assert target > 8
        assert server.most_in_flight > 8


def test_an_explicit_concurrency_is_the_most_in_flight() -> None:
    fake = FakeGitLab.create(users=6_000, seed=22)
    server = Workers(fake, workers=32)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            ids = [user.id async for user in gl.users.scan(concurrency=5)]
        assert sorted(ids) == sorted(all_ids(fake))

    virtual(main)
    assert server.most_in_flight == 5


def test_async_with_fetches_while_the_consumer_works() -> None:
    fake = FakeGitLab.create(users=3_000, seed=23)
    servers = {"plain": Workers(fake, workers=8), "held": Workers(fake, workers=8)}
    busy: dict[str, list[tuple[float, float]]] = {"plain": [], "held": []}

    async def consume(users: AsyncIterator[UserBasic], run: str) -> list[int]:
        ids = []
        async for user in users:
            started = anyio.current_time()
            await anyio.sleep(0.002)  # the caller's own work per user
            busy[run].append((started, anyio.current_time()))
            ids.append(user.id)
        return ids

    async def main() -> None:
        plain = servers["plain"]
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=plain) as gl:
            assert sorted(await consume(gl.users.scan(), "plain")) == sorted(all_ids(fake))
        held = servers["held"]
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=held) as gl:
            scan = gl.users.scan()
            async with scan as users:
                assert sorted(await consume(users, "held")) == sorted(all_ids(fake))

    def during_work(run: str) -> int:
        return sum(any(a < t < b for a, b in busy[run]) for t in servers[run].arrivals)

    virtual(main)
    # A plain `async for` sends nothing while the caller handles a user; held in
    # `async with`, the scan fetches meanwhile.
    assert during_work("plain") == 0
    assert during_work("held") > len(servers["held"].arrivals) // 2


def test_a_plain_scan_sends_nothing_between_two_users() -> None:
    fake = FakeGitLab.create(users=3_000, seed=24)
    server = Workers(fake, workers=8)
    requests_during_work: list[int] = []

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            async for _ in gl.users.scan():
                before = len(server.arrivals)
                assert server.in_flight == 0
                await anyio.sleep(0.002)
                requests_during_work.append(len(server.arrivals) - before)

    virtual(main)
    assert set(requests_during_work) == {0}


def test_leaving_the_block_stops_fetching() -> None:
    fake = FakeGitLab.create(users=5_000, seed=25)
    server = Workers(fake, workers=8)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            async with gl.users.scan() as users:
                async for _ in users:
                    break
            assert server.in_flight == 0
            sent = len(server.arrivals)
            await anyio.sleep(5)
            assert len(server.arrivals) == sent  # nothing goes on in the background

            with anyio.move_on_after(0.35):  # cancelled while pages are on their way
                async with gl.users.scan() as users:
                    async for _ in users:
                        await anyio.sleep(1)
            assert server.in_flight == 0
            sent = len(server.arrivals)
            await anyio.sleep(5)
            assert len(server.arrivals) == sent

    virtual(main)


def test_an_error_while_fetching_ahead_is_raised_as_itself_by_the_next_user() -> None:
    fake = FakeGitLab.create(users=3_000, seed=26)
    server = Workers(fake, workers=8)
    server.break_at = 12  # a page of the windows, after the first ones

    async def main() -> None:
        handed = 0

        async def scan_all(gl: AsyncGitLab) -> None:
            nonlocal handed
            async with gl.users.scan() as users:
                async for _ in users:
                    handed += 1

        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            with pytest.raises(ResponseValidationError):
                await scan_all(gl)
            assert 0 < handed < 3_000
            assert server.in_flight == 0

    virtual(main)


def shuffled_fake(users: int, seed: int) -> FakeGitLab:
    """Ids that do not follow creation time (an import): every page of every window spans
    the whole id range, and windows split while pages of them are buffered."""
    fake = FakeGitLab.create(users=users, seed=seed)
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for user in fake.state.iter_users():
        user.created_at = start + timedelta(seconds=rng.randrange(0, 86_400 * 365))
    return fake


@pytest.mark.parametrize("held", [False, True], ids=["plain", "async-with"])
def test_windows_split_with_users_buffered_lose_and_double_nobody(held: bool) -> None:
    fake = shuffled_fake(6_000, seed=27)
    server = Workers(fake, workers=12, latency=0.05)

    async def main() -> None:
        ids: list[int] = []
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            if held:
                scan = gl.users.scan()
                async with scan as users:
                    async for user in users:
                        ids.append(user.id)
                        # Slower than the server: pages pile up while windows split.
                        await anyio.sleep(0.002)
            else:
                ids = [user.id async for user in gl.users.scan()]
        assert len(ids) == len(set(ids))
        assert set(ids) == all_ids(fake)

    virtual(main)


@pytest.mark.parametrize("stop_after", [1, 777, 2_500, 5_999])
def test_checkpoints_of_a_scan_held_in_async_with_resume_exactly(stop_after: int) -> None:
    fake = shuffled_fake(6_000, seed=28)
    server = Workers(fake, workers=12, latency=0.05)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            handed: list[int] = []
            scan = gl.users.scan()
            async with scan as users:
                async for user in users:
                    handed.append(user.id)
                    if len(handed) == stop_after:
                        checkpoint = scan.checkpoint()  # requests of it are in flight
                        break
            assert json.loads(checkpoint)["windows"]
            resumed = [user.id async for user in gl.users.scan(resume=checkpoint)]
        assert not set(handed) & set(resumed)
        assert len(resumed) == len(set(resumed))
        assert set(handed) | set(resumed) == all_ids(fake)

    virtual(main)


def test_async_with_on_asyncio_in_real_time() -> None:
    fake = FakeGitLab.create(users=1_500, seed=29)
    server = Workers(fake, workers=4, latency=0.002)

    async def main() -> None:
        with anyio.fail_after(60):
            async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
                scan = gl.users.scan()
                async with scan as users:
                    ids = [user.id async for user in users]
        assert sorted(ids) == sorted(all_ids(fake))

    anyio.run(main, backend="asyncio")


@pytest.mark.parametrize("resume", [False, True], ids=["go-on", "checkpoint-and-resume"])
def test_a_split_through_buffered_users_hands_each_out_once(
    resume: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Splits normally fall past what a window has buffered; force one through it (ids
    # that do not follow creation time, no page span known): the buffered users of the
    # new half leave the buffer and are fetched again by it, minus those handed out.
    import gitlab_users_client._scan as scan_module

    monkeypatch.setattr(scan_module, "ROUND_USERS", 300)
    fake = shuffled_fake(3_000, seed=30)
    server = Workers(fake, workers=8, latency=0.05)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            scan = gl.users.scan(concurrency=4)
            handed = [(await scan.__anext__()).id]
            # Past the first round (the first and the newest page), into the windows'.
            handed += [(await scan.__anext__()).id for _ in range(len(scan._ready) + 40)]
            windows = scan._windows
            assert windows is not None
            for window in windows:
                window.page_ms = None
            buffered = len(scan._ready)
            assert scan._steal() is not None
            assert len(scan._ready) < buffered  # users of the new half left the buffer
            if resume:
                checkpoint = scan.checkpoint()
                rest = [user.id async for user in gl.users.scan(resume=checkpoint)]
            else:
                rest = [user.id async for user in scan]
        assert not set(handed) & set(rest)
        assert len(rest) == len(set(rest))
        assert set(handed) | set(rest) == all_ids(fake)

    virtual(main)
