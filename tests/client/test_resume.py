"""Resuming: a keyset listing from a page's cursor, page after page with
``get_next_page()``, and a scan from a checkpoint, each item exactly once across runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from gitlab_users_client import (
    AsyncGitLab,
    InvalidRequestError,
    MethodNotAllowedError,
    Page,
    PaginationLoopError,
)
from gitlab_users_client.models import UserBasic, UserWithAdmin
from gitlab_users_client.testing import FakeGitLab

BASE = "https://gitlab.example.com"


def fake_with(users: int, seed: int = 5) -> FakeGitLab:
    fake = FakeGitLab.create(users=users, seed=seed)
    # Creation times follow ids loosely, with ties, as after an import.
    start = datetime(2022, 3, 1, tzinfo=UTC)
    for user in fake.state.iter_users():
        user.created_at = start + timedelta(seconds=user.id * 37 % 500, microseconds=user.id % 3)
    return fake


def client(fake: FakeGitLab, token: str | None = None) -> AsyncGitLab:
    return AsyncGitLab(fake.url, token=token or fake.admin_token, transport=fake.transport())


# -- keyset listings ------------------------------------------------------------------------


async def test_a_listing_resumes_from_a_pages_next_cursor() -> None:
    fake = fake_with(230)
    async with client(fake) as gl:
        everyone = [u.id for u in await gl.users.list(order_by="id", sort="asc").to_list()]
        first = await gl.users.list(order_by="id", sort="asc", per_page=40).first_page()
        assert first.cursor is None
        saved = first.next_cursor
        assert isinstance(saved, str) and saved
        # Later (another process): the same filters and order, from the saved cursor.
        rest = gl.users.list(order_by="id", sort="asc", per_page=40, cursor=saved)
        pages = [page async for page in rest.pages()]
    assert pages[0].cursor == saved
    assert pages[-1].next_cursor is None
    resumed = [u.id for page in pages for u in page.items]
    assert [u.id for u in first.items] + resumed == everyone
    assert len(everyone) == len(set(everyone)) == len(list(fake.state.iter_users()))


async def test_get_next_page_walks_like_iteration() -> None:
    fake = fake_with(95)
    async with client(fake) as gl:
        listing = gl.users.list(order_by="id", sort="asc", per_page=20)
        iterated = [[u.id for u in page.items] async for page in listing.pages()]
        walked = []
        page: Page[UserBasic | UserWithAdmin] | None = await listing.first_page()
        while page is not None:
            walked.append([u.id for u in page.items])
            again = await page.get_next_page()  # asking twice is not a loop
            page = await page.get_next_page()
            assert (again is None) == (page is None)
        limited = await gl.users.list(per_page=20, max_pages=2).first_page()
        second = await limited.get_next_page()
        assert second is not None
        assert await second.get_next_page() is None  # max_pages=2
    assert walked == iterated
    assert len(walked) == 5


async def test_offset_pages_resume_with_next_page() -> None:
    fake = fake_with(45)
    async with client(fake) as gl:
        first = await gl.users.list(pagination="offset", per_page=20).first_page()
        assert first.next_cursor is None and first.next_page == 2
        rest = await gl.users.list(pagination="offset", per_page=20, page=first.next_page).to_list()
        everyone = await gl.users.list(pagination="offset", per_page=20).to_list()
    assert [u.id for u in first.items] + [u.id for u in rest] == [u.id for u in everyone]


@pytest.mark.parametrize(
    "kwargs",
    [{"pagination": "offset"}, {"page": 2}, {"pagination": "keyset", "page": 2}],
    ids=["offset", "page", "keyset-page"],
)
def test_a_cursor_cannot_be_mixed_with_offset_pages(kwargs: dict[str, Any]) -> None:
    gl = AsyncGitLab(BASE)
    with pytest.raises(InvalidRequestError, match=r"cursor|page"):
        gl.users.list(cursor="abc", **kwargs)


def recording_transport(
    respond: Callable[[httpx.Request], httpx.Response],
) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return respond(request)

    return httpx.MockTransport(handler), seen


async def test_a_cursor_is_sent_and_never_dropped_for_offset() -> None:
    # "auto" falls back to offset when GitLab refuses keyset for an order; after a cursor
    # that would restart from the first user: the 405 is raised instead.
    transport, seen = recording_transport(
        lambda request: httpx.Response(405, json={"message": "405 Keyset pagination unsupported"})
    )
    async with AsyncGitLab(BASE, token="t", transport=transport) as gl:
        with pytest.raises(MethodNotAllowedError):
            await gl.users.list(order_by="name", cursor="eyJpZCI6NX0").to_list()
        raw = gl.users.with_raw_response
        with pytest.raises(MethodNotAllowedError):
            await raw.list(cursor="eyJpZCI6NX0")
    assert len(seen) == 2
    for request in seen:
        query = dict(parse_qsl(request.url.query.decode()))
        assert query["cursor"] == "eyJpZCI6NX0"
        assert query["pagination"] == "keyset"
        assert "page" not in query


async def test_get_next_page_stops_a_server_loop() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        link = f'<{BASE}/api/v4/users?pagination=keyset&cursor=c1>; rel="next"'
        return httpx.Response(200, json=[], headers={"Link": link})

    transport, seen = recording_transport(respond)
    async with AsyncGitLab(BASE, token="t", transport=transport) as gl:
        first = await gl.users.list(pagination="keyset").first_page()
        page = await first.get_next_page()
        assert page is not None and page.cursor == "c1"
        with pytest.raises(PaginationLoopError):
            await page.get_next_page()
    assert len(seen) == 2


# -- scans --------------------------------------------------------------------------------------


async def scan_in_two_runs(
    fake: FakeGitLab, stop_after: int, *, first: int = 4, second: int = 4, token: str | None = None
) -> tuple[list[int], list[int], str]:
    """Hand out ``stop_after`` users, checkpoint, stop; then resume in a new client."""
    handed: list[int] = []
    checkpoint = ""
    async with client(fake, token) as gl:
        scan = gl.users.scan(concurrency=first)
        checkpoint = scan.checkpoint()
        async for user in scan:
            if len(handed) == stop_after:
                break
            handed.append(user.id)
            checkpoint = scan.checkpoint()  # after handling the user
    json.loads(checkpoint)  # plain JSON, to keep anywhere
    async with client(fake, token) as gl:
        resumed = [user.id async for user in gl.users.scan(concurrency=second, resume=checkpoint)]
    return handed, resumed, checkpoint


@pytest.mark.parametrize("stop_after", [0, 1, 57, 100, 250, 419, 420])
async def test_a_resumed_scan_hands_out_every_user_exactly_once(stop_after: int) -> None:
    fake = fake_with(420)
    handed, resumed, _ = await scan_in_two_runs(fake, stop_after)
    assert len(handed) == stop_after
    both = handed + resumed
    assert len(both) == len(set(both)), "a user came twice"
    assert set(both) == {user.id for user in fake.state.iter_users()}


@pytest.mark.parametrize(("first", "second"), [(2, 8), (8, 1), (1, 3)])
async def test_a_scan_resumes_with_another_concurrency(first: int, second: int) -> None:
    # Resumed windows are split again at once when the new run has more workers: each
    # half must skip what the first run handed out from the page it fetches again.
    fake = fake_with(600, seed=11)
    for stop_after in (130, 333):
        handed, resumed, _ = await scan_in_two_runs(fake, stop_after, first=first, second=second)
        both = handed + resumed
        assert len(both) == len(set(both)), "a user came twice"
        assert set(both) == {user.id for user in fake.state.iter_users()}


async def test_a_sequential_scan_resumes_too() -> None:
    # A non-admin caller: GitLab ignores created_*, the scan walks one keyset listing.
    fake = fake_with(260)
    handed, resumed, checkpoint = await scan_in_two_runs(fake, 150, token=fake.user_token)
    assert json.loads(checkpoint)["windowed"] is False
    both = handed + resumed
    assert len(both) == len(set(both))
    async with client(fake, fake.user_token) as gl:
        visible = {user.id async for user in gl.users.scan()}
    assert set(both) == visible


async def test_a_finished_scan_resumes_to_nothing() -> None:
    fake = fake_with(30)
    async with client(fake) as gl:
        scan = gl.users.scan()
        assert len([user async for user in scan]) == 30
        done = scan.checkpoint()
        assert [user async for user in gl.users.scan(resume=done)] == []


async def test_a_checkpoint_holds_no_credentials() -> None:
    fake = fake_with(120)
    _, _, checkpoint = await scan_in_two_runs(fake, 50)
    assert fake.admin_token not in checkpoint
    assert "glpat-" not in checkpoint


async def test_a_checkpoint_only_resumes_the_same_scan() -> None:
    fake = fake_with(50)
    async with client(fake) as gl:
        scan = gl.users.scan(active=True, created_after="2022-03-01")
        async for _ in scan:
            break
        saved = scan.checkpoint()
        # Same arguments in another spelling: fine.
        same = gl.users.scan(active=True, created_after=datetime(2022, 3, 1))
        assert same.checkpoint() != saved
        with pytest.raises(InvalidRequestError, match="other filters"):
            gl.users.scan(active=False, created_after="2022-03-01", resume=saved)
        with pytest.raises(InvalidRequestError, match="other filters"):
            gl.users.scan(active=True, resume=saved)
        for garbage in ("", "{}", "[1]", saved[:-5], saved.replace('"lo":', '"lo":"x","_":')):
            with pytest.raises(InvalidRequestError, match="checkpoint"):
                gl.users.scan(active=True, created_after="2022-03-01", resume=garbage)
