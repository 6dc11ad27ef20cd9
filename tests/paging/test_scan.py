"""``gl.users.scan()``: every matching user exactly once, in parallel for admins."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import anyio
import httpx
import pytest

from gitlab_users_client import AsyncGitLab, InvalidRequestError, ResponseValidationError
from gitlab_users_client._scan import _edge, to_ms
from gitlab_users_client.testing import FakeGitLab

BACKENDS = ["asyncio", "trio"]


class Recorder(httpx.AsyncBaseTransport):
    """Wraps the fake's ASGI transport: records queries and how many requests overlap."""

    def __init__(self, inner: httpx.AsyncBaseTransport, delay: float = 0.0) -> None:
        self.inner = inner
        self.delay = delay
        self.queries: list[dict[str, list[str]]] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.queries.append(parse_qs(request.url.query.decode()))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            # Lets the other requests of a round start, so overlap is observable.
            await anyio.sleep(self.delay)
            return await self.inner.handle_async_request(request)
        finally:
            self.in_flight -= 1


def run(backend: str, main: Callable[[], Awaitable[None]], limit: float = 60) -> None:
    async def bounded() -> None:
        with anyio.fail_after(limit):  # a guard against hangs, not a speed assertion
            await main()

    anyio.run(bounded, backend=backend)


def tie_heavy_fake() -> FakeGitLab:
    """25,000 users created within 16 shown milliseconds (an import): ~1,560 per value.

    Every window edge the scan can pick is then a shown value that many users share,
    the worst case for boundary handling. Microseconds differ (some are equal), as
    they do in GitLab's database.
    """
    fake = FakeGitLab.create(users=25_000, seed=3)
    import_at = datetime(2021, 6, 1, 12, 0, 0, 500_000, tzinfo=UTC)
    for user in fake.state.iter_users():
        user.created_at = import_at + timedelta(
            milliseconds=user.id * 7 % 16, microseconds=user.id % 5 * 200
        )
    return fake


@pytest.mark.parametrize("backend", BACKENDS)
def test_scan_of_25000_users_with_ties_yields_each_once(backend: str) -> None:
    fake = tie_heavy_fake()
    expected = {user.id for user in fake.state.iter_users()}
    recorder = Recorder(fake.transport(), delay=0.001)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=recorder) as gl:
            ids = [user.id async for user in gl.users.scan(concurrency=8)]
        assert len(ids) == len(set(ids)), "a user came twice"
        assert set(ids) == expected

    run(backend, main)
    assert recorder.most_in_flight == 8  # windows were walked in parallel...
    windows = {
        (q.get("created_after", [""])[0], q.get("created_before", [""])[0])
        for q in recorder.queries
    }
    assert len(windows) > 8  # ...and re-split as workers ran out of work
    # Every user page but the probes is a full or last page: little waste.
    assert len(recorder.queries) < 25_000 / 100 * 1.6


async def test_scan_honours_the_callers_filters_and_range() -> None:
    fake = FakeGitLab.create(users=3_000, seed=4)
    users = list(fake.state.iter_users())
    after = users[500].created_at + timedelta(microseconds=1)
    before = users[2_000].created_at
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport()) as gl:
        listed = [
            u.id
            async for u in gl.users.list(
                created_after=after, created_before=before, active=True, pagination="keyset"
            )
        ]
        scanned = [
            u.id
            async for u in gl.users.scan(
                created_after=after, created_before=before, active=True, concurrency=5
            )
        ]
        nobody = [u async for u in gl.users.scan(username="no-such-user")]
    assert sorted(scanned) == sorted(listed)
    assert len(scanned) == len(set(scanned)) > 100
    assert nobody == []


class Rounding(httpx.AsyncBaseTransport):
    """Shows ``created_at`` rounded to the nearest millisecond instead of truncated."""

    def __init__(self, fake: FakeGitLab) -> None:
        self.fake = fake
        self.inner = fake.transport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        if request.url.path != "/api/v4/users" or response.status_code != 200:
            return response
        users = json.loads(body)
        for user in users:
            shown = self.fake.state.users[user["id"]].created_at + timedelta(microseconds=500)
            user["created_at"] = (
                shown.strftime("%Y-%m-%dT%H:%M:%S.") + f"{shown.microsecond // 1000:03d}Z"
            )
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        return httpx.Response(200, headers=headers, content=json.dumps(users).encode())


async def test_a_server_that_rounds_shown_times_loses_nobody() -> None:
    fake = FakeGitLab.create(users=3_000, seed=9)
    start = datetime(2022, 3, 1, tzinfo=UTC)
    for user in fake.state.iter_users():
        # 8 milliseconds, microseconds all over: about half of them round up.
        user.created_at = start + timedelta(microseconds=user.id * 7919 % 8_000)
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Rounding(fake)) as gl:
        ids = [user.id async for user in gl.users.scan(concurrency=8)]
    assert len(ids) == len(set(ids))
    assert set(ids) == {user.id for user in fake.state.iter_users()}


async def test_scan_with_sudo_as_a_regular_user_walks_sequentially(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeGitLab.create(users=400, seed=10)
    caplog.set_level(logging.INFO, logger="gitlab_users_client")
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport()) as gl:
        as_admin = [u.id async for u in gl.users.scan(concurrency=4)]
        as_john = [u.id async for u in gl.users.scan(concurrency=4, sudo="john_smith")]
    assert len(as_john) == len(set(as_john)) < len(as_admin)  # john does not see blocked users
    assert sum("walking sequentially" in r.getMessage() for r in caplog.records) == 1


async def test_non_admin_scan_falls_back_to_one_walk_and_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeGitLab.create(users=1_500, seed=5)
    recorder = Recorder(fake.transport())
    caplog.set_level(logging.INFO, logger="gitlab_users_client")
    async with AsyncGitLab(fake.url, token=fake.user_token, transport=recorder) as gl:
        listed = [u.id async for u in gl.users.list(pagination="keyset")]
        recorder.queries.clear()
        scanned = [u.id async for u in gl.users.scan(concurrency=8)]
    assert sorted(scanned) == sorted(listed)
    assert len(scanned) == len(set(scanned))
    assert any(
        "does not apply created_after/created_before" in r.getMessage()
        and r.name == "gitlab_users_client"
        for r in caplog.records
    )
    # The first page, the newest page (kept: the walk ends where its ids begin) and a
    # probe (whether created_* is applied), then the rest of one sequential keyset walk:
    # its last page holds its last users and the first of the newest page.
    walk = recorder.queries[3:]
    assert all("created_after" not in q for q in walk)
    assert [q["sort"] for q in recorder.queries[:3]].count(["desc"]) == 1
    assert len(walk) == (len(listed) - 2 * 100) // 100 + 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_break_and_cancellation_leave_no_request_running(backend: str) -> None:
    fake = FakeGitLab.create(users=2_000, seed=6)
    recorder = Recorder(fake.transport(), delay=0.01)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=recorder) as gl:
            async for _ in gl.users.scan(concurrency=8):
                break
            assert recorder.in_flight == 0
            sent = len(recorder.queries)
            await anyio.sleep(0.05)
            assert len(recorder.queries) == sent  # nothing goes on in the background

            with anyio.move_on_after(0.015):
                async for _ in gl.users.scan(concurrency=8):
                    await anyio.sleep(1)
            assert recorder.in_flight == 0
            sent = len(recorder.queries)
            await anyio.sleep(0.05)
            assert len(recorder.queries) == sent

    run(backend, main, 30)


async def test_a_server_that_ignores_the_cursor_is_an_error_not_a_duplicate() -> None:
    fake = FakeGitLab.create(users=300, seed=7)

    class NoCursor(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            params = [(k, v) for k, v in request.url.params.multi_items() if k != "cursor"]
            request.url = request.url.copy_with(params=params)
            return await fake.transport().handle_async_request(request)

    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=NoCursor()) as gl:
        with pytest.raises(ResponseValidationError, match="out of order"):
            async for _ in gl.users.scan(concurrency=2):
                pass


async def test_bad_arguments_fail_before_any_request() -> None:
    fake = FakeGitLab.create(users=10)
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport()) as gl:
        with pytest.raises(InvalidRequestError):
            gl.users.scan(concurrency=0)
        with pytest.raises(InvalidRequestError):
            gl.users.scan(active="yes")  # type: ignore[arg-type]
    assert fake.state.stats.by_method.get("GET", 0) == 0


async def test_times_at_the_calendars_end_are_scanned() -> None:
    fake = FakeGitLab.create(users=300, seed=11)
    last = max(fake.state.iter_users(), key=lambda user: user.id)
    last.created_at = datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport()) as gl:
        ids = [user.id async for user in gl.users.scan(concurrency=8)]
    assert sorted(ids) == sorted(user.id for user in fake.state.iter_users())
    # A window edge past either end of the calendar asks for everything up to that end.
    assert _edge(to_ms(datetime(1, 1, 1, tzinfo=UTC)), -timedelta(microseconds=500)) == datetime(
        1, 1, 1, tzinfo=UTC
    )
    assert _edge(to_ms(last.created_at) + 1, timedelta(0)) == datetime.max.replace(tzinfo=UTC)


async def test_scan_takes_every_filter_of_list_and_nothing_else_of_it() -> None:
    """``scan``'s filters are one generated mapping, ``UsersListFilters``: every parameter
    of ``list`` but its order and paging, with ``list``'s types; any other keyword is
    refused before any request."""
    import inspect
    import typing

    from gitlab_users_client._generated.api.users import users_list
    from gitlab_users_client._resources import Users

    listing = inspect.signature(Users.list).parameters
    filters = users_list.UsersListFilters
    ordering = {"order_by", "sort", "pagination", "cursor", "page", "per_page"}
    paging = {"max_items", "max_pages"}
    calls = {"self", "extra_headers", "extra_query", "sudo", "timeout"}
    expected = {name for name in listing if name not in ordering | paging | calls}
    assert set(filters.__optional_keys__) == expected and not filters.__required_keys__
    for name in expected:
        declared = filters.__annotations__[name]
        assert isinstance(declared, typing.ForwardRef)
        assert declared.__forward_arg__ == listing[name].annotation, name
    scanning = inspect.signature(Users.scan).parameters
    assert scanning["filters"].kind is inspect.Parameter.VAR_KEYWORD
    assert scanning["filters"].annotation == "Unpack[UsersListFilters]"
    async with AsyncGitLab("https://gitlab.example.com", token="glpat-x") as gl:
        for name in ("order_by", "page", "pagination", "name"):
            wrong: Any = {name: "id"}
            with pytest.raises(TypeError, match=f"unexpected keyword argument '{name}'"):
                gl.users.scan(**wrong)
