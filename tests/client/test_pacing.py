"""Pacing from GitLab's rate-limit headers: full windows wait instead of earning 429s.

Most tests run under trio's ``MockClock``: time is virtual and jumps whenever every task
waits, so a job of several 5-second windows runs in a fraction of a second, and the fake
GitLab's throttle (fixed windows aligned to the epoch, like Rack::Attack) reads the same
clock. They count what the server saw, per window: requests, 429s, which client sent
them. Nothing here asserts how long anything took.
"""

from __future__ import annotations

import collections
from collections.abc import Awaitable, Callable

import anyio
import httpx
import pytest
import trio
from trio.testing import MockClock

from gitlab_users_client import AsyncGitLab, RateLimitError, RetryPolicy, map_concurrently
from gitlab_users_client._quota import ServerClock, period_from, read_quota
from gitlab_users_client.testing import Clock, FakeConfig, FakeGitLab, RateLimit

USER = {"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/r"}
#: The fake's Unix time is this plus the event loop's clock.
BASE = 1_800_000_000.0


class LoopClock(Clock):
    """The fake's clock: the event loop's (virtual under ``MockClock``), from ``BASE``."""

    def __init__(self, skew: float = 0.0) -> None:
        self.skew = skew

    def time(self) -> float:
        try:
            return BASE + self.skew + anyio.current_time()
        except RuntimeError:  # seeding, before the loop runs (anyio's NoEventLoopError)
            return BASE


class Counter(httpx.AsyncBaseTransport):
    """Wraps the fake: a round trip of ``latency`` seconds, and what arrived per window."""

    def __init__(self, fake: FakeGitLab, period: float, latency: float = 0.04) -> None:
        self.inner = fake.transport()
        self.clock = fake.state.config.clock
        self.period = period
        self.latency = latency
        #: (window, X-Client header) -> answers that were not 429s, and 429s.
        self.accepted: collections.Counter[tuple[int, str]] = collections.Counter()
        self.refused: collections.Counter[tuple[int, str]] = collections.Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await anyio.sleep(self.latency / 2)
        window = int(self.clock.time() // self.period)
        response = await self.inner.handle_async_request(request)
        who = request.headers.get("x-client", "a")
        if response.status_code == 429:
            self.refused[window, who] += 1
        else:
            self.accepted[window, who] += 1
        await anyio.sleep(self.latency / 2)
        return response

    def per_window(self, who: str = "a") -> list[int]:
        windows = sorted({w for w, _ in self.accepted} | {w for w, _ in self.refused})
        return [self.accepted[w, who] for w in range(windows[0], windows[-1] + 1)]

    def refusals(self, who: str = "a") -> list[int]:
        windows = sorted({w for w, _ in self.accepted} | {w for w, _ in self.refused})
        return [self.refused[w, who] for w in range(windows[0], windows[-1] + 1)]


def throttled(requests: int, period: float, *, headers: bool, skew: float = 0.0) -> FakeGitLab:
    limit = RateLimit(requests=requests, period=period, headers_on_success=headers)
    return FakeGitLab.create(users=40, config=FakeConfig(clock=LoopClock(skew), rate_limit=limit))


def client(fake: FakeGitLab, transport: Counter, **options: object) -> AsyncGitLab:
    gl = AsyncGitLab(fake.url, token=fake.admin_token, transport=transport, **options)  # type: ignore[arg-type]
    # The client's own wall clock, on the same virtual time (a real one would be the
    # machine's: both read the same clock, as against a GitLab whose clock is in sync).
    gl._session.executor.gate.clock.wall = lambda: BASE + anyio.current_time()
    return gl


def virtual(main: Callable[[], Awaitable[None]]) -> None:
    async def bounded() -> None:
        with trio.fail_after(3_600):  # virtual seconds: a guard against a stuck job
            await main()

    trio.run(bounded, clock=MockClock(autojump_threshold=0))


def ids(fake: FakeGitLab, count: int) -> list[int]:
    users = [user.id for user in fake.state.iter_users() if user.state == "active"]
    return [users[i % len(users)] for i in range(count)]


def test_many_tasks_share_each_window_without_a_429() -> None:
    fake = throttled(50, 5, headers=True)
    server = Counter(fake, period=5)

    async def main() -> None:
        async with client(fake, server, max_concurrency=16) as gl:
            copy = gl.with_options(timeout=30)  # copies share the client's windows

            async def job(gitlab: AsyncGitLab) -> None:
                result = await map_concurrently(gitlab.users.get, ids(fake, 150), concurrency=32)
                assert not result.failed

            async with anyio.create_task_group() as group:
                group.start_soon(job, gl)
                group.start_soon(job, copy)
                # and tasks of their own, bounded by nothing but the client
                for uid in ids(fake, 30):
                    group.start_soon(gl.users.get, uid)

    virtual(main)
    assert server.refusals() == [0] * len(server.per_window())
    # 330 requests at 50 per window: seven windows, every one full but the last.
    assert server.per_window() == [50, 50, 50, 50, 50, 50, 30]


def test_pacing_from_headers_can_be_switched_off() -> None:
    fake = throttled(50, 5, headers=True)
    server = Counter(fake, period=5)

    async def main() -> None:
        async with client(fake, server, pace_from_headers=False) as gl:
            await map_concurrently(gl.users.get, ids(fake, 120), concurrency=16)

    virtual(main)
    assert sum(server.refusals()) > 0


def test_without_headers_the_first_429_teaches_the_window() -> None:
    # GitLab's default: RateLimit-* only on the 429 (Observed, the per-minute limit, Reset).
    fake = throttled(50, 5, headers=False)
    server = Counter(fake, period=5)

    async def main() -> None:
        async with client(fake, server, max_concurrency=8) as gl:
            result = await map_concurrently(gl.users.get, ids(fake, 300), concurrency=8)
        assert not result.failed

    virtual(main)
    refusals = server.refusals()
    # Only the requests already on their way when the first 429 came back; then none.
    assert 1 <= refusals[0] <= 8
    assert refusals[1:] == [0] * (len(refusals) - 1)
    assert server.per_window()[1:-1] == [50] * (len(refusals) - 2)


def test_an_endpoint_throttle_is_learnt_by_counting_and_paces_only_that_endpoint() -> None:
    # users_get_by_id: a JSON 429 with Retry-After and nothing else, for regular users.
    config = FakeConfig(clock=LoopClock(), app_rate_limits={"users_get_by_id": (20, 10.0)})
    fake = FakeGitLab.create(users=40, config=config)
    server = Counter(fake, period=10)
    listed: list[int] = []

    async def main() -> None:
        async with AsyncGitLab(
            fake.url, token=fake.user_token, transport=server, max_concurrency=4
        ) as gl:
            gl._session.executor.gate.clock.wall = lambda: BASE + anyio.current_time()
            result = await map_concurrently(gl.users.get, ids(fake, 120), concurrency=4)
            assert not result.failed
            # Another endpoint family: not held back by the full window of GET /users/{id}.
            started = anyio.current_time()
            listed.extend(user.id for user in (await gl.users.list().first_page()).items)
            assert anyio.current_time() - started < 1  # virtual: it did not wait a window

    virtual(main)
    refusals = server.refusals()
    # The first window teaches when windows end, the second how many they hold (the
    # client counts its own successes); from the third on, a window's first request may
    # find it still closed (Retry-After is whole seconds), the others wait for it.
    assert sum(refusals[:2]) <= 8
    assert max(refusals[2:]) <= 1
    assert sum(server.per_window()) == 120 + 1
    assert listed


def test_reserve_leaves_a_share_of_each_window_to_another_client() -> None:
    fake = throttled(100, 5, headers=True)
    server = Counter(fake, period=5)
    other_errors: list[Exception] = []

    async def main() -> None:
        async with (
            client(fake, server, reserve=0.3) as bulk,
            client(fake, server, headers={"X-Client": "b"}, max_retries=0) as other,
        ):

            async def another_service() -> None:
                while True:  # 4 requests a second, 20 per window, on the same token
                    try:
                        await other.users.get(1)
                    except RateLimitError as exc:
                        other_errors.append(exc)
                    await anyio.sleep(0.25)

            async with anyio.create_task_group() as group:
                group.start_soon(another_service)
                result = await map_concurrently(bulk.users.get, ids(fake, 500), concurrency=16)
                group.cancel_scope.cancel()
        assert not result.failed

    virtual(main)
    assert other_errors == []
    assert sum(server.refusals("a")) == sum(server.refusals("b")) == 0
    assert max(server.per_window("a")) <= 70  # 100 - 30% kept for others


@pytest.mark.parametrize("skew", [-3.4, 3.4])
def test_a_clock_off_by_seconds_costs_at_most_one_429_per_window(skew: float) -> None:
    # The server's clock is 3.4 s behind (or ahead of) the client's: every RateLimit-Reset
    # is that far off, so the client would open windows early (or late); the first
    # request of a window goes alone and finds out, and a 429's Reset - Retry-After
    # tells the client the server's time.
    fake = throttled(50, 5, headers=True, skew=skew)
    server = Counter(fake, period=5)

    async def main() -> None:
        async with client(fake, server, max_concurrency=16) as gl:
            result = await map_concurrently(gl.users.get, ids(fake, 300), concurrency=16)
        assert not result.failed

    virtual(main)
    assert max(server.refusals()) <= 1
    assert len(server.per_window()) <= 8  # 6 windows of 50, give or take the edges


def test_a_full_window_longer_than_the_budget_fails_fast_without_sending() -> None:
    fake = throttled(3, 60, headers=True)
    server = Counter(fake, period=60)

    async def main() -> None:
        async with client(fake, server, retry_budget=10) as gl:
            for uid in ids(fake, 3):
                await gl.users.get(uid)  # the window's last request: Remaining 0
            started = anyio.current_time()
            with pytest.raises(RateLimitError, match="window is used up") as refused:
                await gl.users.get(1)
            assert anyio.current_time() - started < 1
            assert refused.value.retry_after is not None and refused.value.retry_after > 10

    virtual(main)
    assert sum(server.per_window()) == 3
    assert sum(server.refusals()) == 0


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_windows_are_paced_in_real_time(backend: str) -> None:
    # The fake on the real clock, one-second windows (Reset is whole seconds).
    fake = FakeGitLab.create(
        users=20, config=FakeConfig(rate_limit=RateLimit(8, 1.0, headers_on_success=True))
    )
    server = Counter(fake, period=1.0, latency=0.002)

    async def main() -> None:
        with anyio.fail_after(30):
            async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
                result = await map_concurrently(gl.users.get, ids(fake, 24), concurrency=8)
        assert not result.failed

    anyio.run(main, backend=backend)
    assert sum(server.refusals()) == 0
    assert max(server.per_window()) <= 8


# -- the arithmetic ------------------------------------------------------------------------


def test_rate_limit_headers_are_read_defensively() -> None:
    quota = read_quota(
        httpx.Headers(
            {
                "RateLimit-Name": "throttle_authenticated_api",
                "RateLimit-Limit": "1200",
                "RateLimit-Observed": "7",
                "RateLimit-Remaining": "93",
                "RateLimit-Reset": "1800000005",
            }
        )
    )
    assert (quota.name, quota.observed, quota.remaining, quota.per_minute) == (
        "throttle_authenticated_api",
        7,
        93,
        1200,
    )
    assert quota.reset == 1_800_000_005
    odd = read_quota(
        httpx.Headers(
            {
                "RateLimit-Observed": "-1",
                "RateLimit-Remaining": "1e9",
                "RateLimit-Reset": "nan",
                "RateLimit-Limit": "9" * 40,
                "Retry-After": "inf",
            }
        )
    )
    assert (odd.observed, odd.remaining, odd.reset, odd.per_minute, odd.retry_after) == (
        None,
        None,
        None,
        None,
        None,
    )
    # A small Reset is seconds from now (a gateway's spelling), not a Unix time.
    relative = read_quota(httpx.Headers({"RateLimit-Reset": "30"}))
    assert (relative.reset, relative.reset_in) == (None, 30)


@pytest.mark.parametrize(("reset", "held"), [("5", 5.0), ("86400", 0.3), ("0", 0.0)])
def test_a_used_up_window_with_a_relative_reset_holds_the_next_request(
    reset: str, held: float
) -> None:
    # Only Remaining and a Reset in seconds from now, as a gateway in front of GitLab
    # may send: the next request waits that long (at most max_pause), nothing is refused.
    arrivals: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        arrivals.append(anyio.current_time())
        headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": reset}
        return httpx.Response(200, json=USER, headers=headers)

    async def main() -> None:
        policy = RetryPolicy(budget=10, max_pause=0.3 if held == 0.3 else 600)
        async with AsyncGitLab(
            "https://gitlab.example.com",
            token="t",
            transport=httpx.MockTransport(answer),
            retry_policy=policy,
        ) as gl:
            await gl.users.get(1)
            await gl.users.get(1)

    virtual(main)
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] == pytest.approx(held, abs=0.01)


def test_the_period_follows_from_the_per_minute_limit_and_the_reset() -> None:
    # 100 per 5 s is 1200 a minute; 600 per 10 minutes is 60 a minute.
    assert period_from(100, 1200, 1_800_000_005) == 5
    assert period_from(600, 60, 1_800_000_400) == 600
    # ceil() hides the exact period: 7 per 9 s is 46.67 a minute, sent as 47.
    assert period_from(7, 47, 1_800_000_009) == 9
    assert period_from(7, 47, None) == pytest.approx(7 * 60 / 47)


def test_the_server_clock_is_trusted_unless_its_own_times_say_otherwise() -> None:
    wall = 1_800_000_000.25  # this machine's clock, while the event loop reads 100.0
    clock = ServerClock(wall=lambda: wall)
    assert clock.local(1_800_000_010, now=100.0) == pytest.approx(109.75)
    # A Date of the same second (sent at 99.9, received at 100.1): the clocks agree.
    clock.learn(1_800_000_000, sent=99.9, received=100.1)
    assert clock.local(1_800_000_010, now=100.0) == pytest.approx(109.75)
    # The server says it is 4 s later than this machine thinks: believe the server.
    clock.learn(1_800_000_004, sent=100.0, received=100.2)
    assert clock.settled
    assert 105.0 <= clock.local(1_800_000_010, now=100.0) <= 106.3
