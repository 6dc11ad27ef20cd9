"""``gl.users.scan()`` keeps a GitLab's workers busy from its first round trip to its last.

The fake sits behind ``workers`` Puma-like threads taking ``latency`` seconds per request
(the rest queue, first come, first served), on trio's ``MockClock``: virtual time, in
which the client's own work takes no time, so what is left is the scan's schedule.
Assertions count requests and worker-rounds (idle worker time in units of one request's
service time), never wall-clock seconds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

import anyio
import httpx
import pytest
import trio
from trio.testing import MockClock

from gitlab_users_client import AsyncGitLab
from gitlab_users_client._scan import PER_PAGE, START, _cuts
from gitlab_users_client.testing import FakeGitLab

LATENCY = 0.1


@dataclass
class Served:
    arrived: float
    started: float
    ended: float
    query: dict[str, list[str]]
    rows: int


class Puma(httpx.AsyncBaseTransport):
    """The fake behind ``workers`` threads, ``LATENCY`` per request; records each one."""

    def __init__(self, fake: FakeGitLab, workers: int) -> None:
        self.inner = fake.transport()
        self.workers = workers
        self.free = anyio.Semaphore(workers)
        self.served: list[Served] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        arrived = anyio.current_time()
        async with self.free:
            started = anyio.current_time()
            await anyio.sleep(LATENCY)
            response = await self.inner.handle_async_request(request)
            body = await response.aread()
        rows = len(json.loads(body)) if body.startswith(b"[") else 0
        query = parse_qs(request.url.query.decode())
        self.served.append(Served(arrived, started, anyio.current_time(), query, rows))
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    def idle_rounds(self) -> tuple[float, float, float]:
        """Idle worker time, in requests' service times: before every worker is busy for
        the first time, between then and the last time they all are, and after."""
        events = sorted(
            [(s.started, 1) for s in self.served] + [(s.ended, -1) for s in self.served]
        )
        busy, previous = 0, events[0][0]
        curve: list[tuple[float, float, int]] = []
        first_full = last_full = None
        for at, change in events:
            if at > previous:
                curve.append((previous, at, busy))
            busy += change
            previous = max(previous, at)
            if busy == self.workers:
                first_full = at if first_full is None else first_full
                last_full = None
            elif change < 0 and busy == self.workers - 1:
                last_full = at
        end = events[-1][0]
        start_end = first_full if first_full is not None else end
        tail_start = last_full if last_full is not None else end

        def idle(a: float, b: float) -> float:
            total = sum(
                (self.workers - n) * (min(hi, b) - max(lo, a))
                for lo, hi, n in curve
                if min(hi, b) > max(lo, a)
            )
            return total / LATENCY

        return idle(curve[0][0], start_end), idle(start_end, tail_start), idle(tail_start, end)


def virtual(main: Callable[[], Awaitable[None]]) -> None:
    async def bounded() -> None:
        with trio.fail_after(600):  # virtual seconds: a guard against a stuck scan
            await main()

    trio.run(bounded, clock=MockClock(autojump_threshold=0))


def scan_all(users: int, workers: int, seed: int) -> tuple[Puma, int]:
    fake = FakeGitLab.create(users=users, seed=seed)
    server = Puma(fake, workers)
    targets: list[int] = []

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            scan = gl.users.scan()
            async with scan as listed:
                ids = [user.id async for user in listed]
            targets.append(scan._concurrency.target)
        assert len(ids) == len(set(ids))
        assert set(ids) == {user.id for user in fake.state.iter_users()}

    virtual(main)
    return server, targets[0]


def test_one_round_trip_before_every_window_is_asked_for_at_once() -> None:
    server, _ = scan_all(users=12_000, workers=8, seed=41)
    first = [s for s in server.served if s.arrived == 0]
    # The first and the newest page (the caller's filters only, both kept) and a one-user
    # probe, together.
    assert sorted(s.query["per_page"][0] for s in first) == ["1", str(PER_PAGE), str(PER_PAGE)]
    assert all("created_after" not in s.query for s in first if s.query["per_page"] == ["100"])
    assert sorted(s.query["sort"][0] for s in first if s.query["per_page"] == ["100"]) == [
        "asc",
        "desc",
    ]
    # As soon as they are back, every window's first page goes out at once (the first
    # window's second page among them): the server has a queue from then on.
    later = sorted({s.arrived for s in server.served if s.arrived > 0})
    second = [s for s in server.served if s.arrived == later[0]]
    assert later[0] == pytest.approx(LATENCY)
    assert len(second) == START
    assert START > 8


@pytest.mark.parametrize("workers", [1, 3, 8, 16])
def test_the_servers_workers_never_wait_for_the_scan(workers: int) -> None:
    users = 12_000
    server, target = scan_all(users=users, workers=workers, seed=42 + workers)
    start, middle, tail = server.idle_rounds()
    if workers <= START:
        # At the start, only the first round trip: the first page and two probes.
        assert start <= max(0, workers - 3) + 0.01
    # In between, never a worker without a request: requests wait at the server instead.
    assert middle == pytest.approx(0, abs=1e-6)
    # The last windows are split so that the workers finish together: the last round
    # is as full as the number of requests allows, give or take one.
    assert tail < 2 * workers
    waiting = max(
        sum(1 for other in server.served if other.arrived <= s.started < other.started)
        for s in server.served
    )
    # (More workers than it starts with: it grows once pages come back without waiting.)
    assert waiting >= (min(3, workers) if workers <= START else 1)
    # A few wait, not all: the target comes back to the busy workers plus a headroom.
    assert workers + 3 <= target <= max(workers + 3, START) + math.ceil(workers / 2)


def test_windows_end_with_nearly_full_pages() -> None:
    users = 12_345  # not a multiple of the windows' pages: equal spans end in part pages
    server, _ = scan_all(users=users, workers=8, seed=50)
    pages = [s for s in server.served if s.query["per_page"] == [str(PER_PAGE)]]
    assert sum(s.rows for s in pages) >= users  # the first page and split windows overlap
    # Window edges fall at whole pages (a little short) and windows split at whole pages:
    # a part page at the end of each of a dozen windows would cost a dozen requests.
    assert len(pages) <= math.ceil(users / PER_PAGE) + 4
    assert len(server.served) == len(pages) + 1  # and the probe


def test_window_edges_fall_at_whole_pages_a_little_short() -> None:
    # A page goes 1,000 ms: edges at whole pages counted 1% short, spread evenly.
    edges = _cuts(0, 10_000, 4, 1_000)
    assert len(edges) == 3
    assert all(edge % 990 == 0 for edge in edges)
    assert [round(edge / 990) for edge in edges] == [3, 5, 8]
    # A window with a page and a quarter left past its next page is split after one
    # page: as many requests split as not, but two at a time.
    assert _cuts(0, 1_250, 2, 1_000) == [990]
    # A page spanning the whole range (ids that do not follow creation time), or no
    # full page measured: equal spans.
    assert _cuts(0, 16, 8, 15) == [2, 4, 6, 8, 10, 12, 14]
    assert _cuts(0, 100, 4, None) == [25, 50, 75]
