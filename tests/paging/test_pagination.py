"""Offset and keyset pagination against the fake GitLab: exactly once, in order, lazily."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitlab_users_client import AsyncGitLab, CrossOriginError, MethodNotAllowedError, Page
from gitlab_users_client.testing import FakeGitLab, FakeGitLabServer


def client(fake: FakeGitLab, **kwargs: object) -> AsyncGitLab:
    return AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport(), **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def fake_25k() -> FakeGitLab:
    return FakeGitLab.create(users=25_000, seed=7)


async def test_offset_walk_returns_every_user_once_in_order(fake_25k: FakeGitLab) -> None:
    async with client(fake_25k) as gl:
        ids = [user.id async for user in gl.users.list(pagination="offset")]
    assert len(ids) == 25_000
    assert len(set(ids)) == 25_000
    assert ids == sorted(ids, reverse=True)  # GitLab's default order: id desc


@pytest.mark.parametrize(
    ("order_by", "sort"),
    [("id", "asc"), ("id", "desc"), ("username", "asc"), ("created_at", "desc"), ("name", "asc")],
)
async def test_keyset_walk_returns_every_user_once_in_order(
    fake_25k: FakeGitLab, order_by: Any, sort: Any
) -> None:
    async with client(fake_25k) as gl:
        users = [
            user async for user in gl.users.list(pagination="keyset", order_by=order_by, sort=sort)
        ]
    assert len(users) == 25_000
    assert len({user.id for user in users}) == 25_000
    if order_by == "id":
        keys = [user.id for user in users]
        assert keys == sorted(keys, reverse=sort == "desc")
    elif order_by == "username":
        keys_s = [user.username for user in users]
        assert keys_s == sorted(keys_s)


async def test_keyset_pages_carry_no_totals_and_follow_link(fake_25k: FakeGitLab) -> None:
    async with client(fake_25k) as gl:
        pages = gl.users.list(pagination="keyset", order_by="id", sort="asc", max_pages=2).pages()
        first = await pages.__anext__()
        second = await pages.__anext__()
    assert (first.total, first.total_pages, first.page) == (None, None, None)
    assert first.next_url is not None
    assert "cursor=" in first.next_url
    assert "pagination=keyset" in str(first.response.request.url)
    assert first.items[-1].id < second.items[0].id
    assert len(first) == len(second) == 100


async def test_offset_first_page_reports_totals() -> None:
    fake = FakeGitLab.create(users=500, seed=2)
    async with fake.client(fake.admin_token) as raw:
        head = await raw.get("/api/v4/users", params={"active": "true", "per_page": 1})
        active = int(head.headers["x-total"])
    async with client(fake) as gl:
        page = await gl.users.list(pagination="offset", per_page=50, active=True).first_page()
    assert isinstance(page, Page)
    assert (page.page, page.per_page, page.next_page, page.prev_page) == (1, 50, 2, None)
    assert page.total == active
    assert page.total_pages == -(-active // 50)
    assert len(page.items) == 50


@pytest.mark.parametrize(("users", "has_totals"), [(10_000, True), (10_001, False)])
async def test_totals_disappear_above_ten_thousand_rows(users: int, has_totals: bool) -> None:
    fake = FakeGitLab.create(users=users, seed=3)
    async with client(fake) as gl:
        page = await gl.users.list(pagination="offset").first_page()
    if has_totals:
        assert (page.total, page.total_pages) == (10_000, 100)
    else:
        # Unknown, not zero: GitLab stops counting above 10,000 rows.
        assert (page.total, page.total_pages) == (None, None)
        assert page.next_page == 2
        assert "last" not in page.response.links


async def test_auto_mode_avoids_the_offset_ceiling() -> None:
    fake = FakeGitLab.create(users=50_150, seed=11)
    async with client(fake) as gl:
        with pytest.raises(MethodNotAllowedError, match="maximum allowed offset of 50000"):
            await gl.users.list(pagination="offset", page=501).first_page()
        count = 0
        seen: set[int] = set()
        async for (
            user
        ) in gl.users.list():  # "auto": keyset, because GitLab can serve id desc that way
            count += 1
            seen.add(user.id)
    assert count == len(seen) == 50_150


async def test_limits_and_helpers(fake_gitlab: FakeGitLab) -> None:
    async with client(fake_gitlab) as gl:
        assert len(await gl.users.list(max_items=7, per_page=3).to_list()) == 7
        pages = [
            page
            async for page in gl.users.list(per_page=4, max_pages=2, pagination="offset").pages()
        ]
        assert [len(page) for page in pages] == [4, 4]
        assert [page.page for page in pages] == [1, 2]
        default = await gl.users.list(pagination="offset").first_page()
        assert default.per_page == 100
        start = await gl.users.list(pagination="offset", per_page=5, page=2).first_page()
        assert start.page == 2
        assert await gl.users.list(max_items=0).to_list() == []
    with pytest.raises(ValueError, match="keyset"):
        gl.users.list(pagination="keyset", page=2)


def _project_handler(calls: list[httpx.URL], refuse_keyset: bool) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        if refuse_keyset and request.url.params.get("pagination") == "keyset":
            return httpx.Response(
                405,
                json={"error": "Keyset pagination is not yet available for this type of request"},
            )
        return httpx.Response(
            200, json=[{"id": 1, "name": "p", "path": "p", "path_with_namespace": "u/p"}]
        )

    return httpx.MockTransport(handler)


async def test_auto_mode_uses_keyset_only_where_gitlab_can_serve_the_order() -> None:
    calls: list[httpx.URL] = []
    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=_project_handler(calls, False)
    ) as gl:
        await gl.users.list_projects("jdoe").to_list()  # GitLab's default order: created_at
        await gl.users.list_projects("jdoe", order_by="name").to_list()
        await gl.users.list_projects("jdoe", order_by="id").to_list()
    assert [url.params.get("pagination") for url in calls] == [None, None, "keyset"]


async def test_auto_mode_falls_back_to_offset_when_keyset_is_refused() -> None:
    calls: list[httpx.URL] = []
    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=_project_handler(calls, True)
    ) as gl:
        projects = await gl.users.list_projects("jdoe", order_by="id").to_list()
    assert [project.id for project in projects] == [1]
    assert [url.params.get("pagination") for url in calls] == ["keyset", None]


def _link_handler(next_url: str, hits: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        hits.append(str(request.url))
        if request.url.params.get("page") == "2":
            return httpx.Response(200, json=[])
        return httpx.Response(
            200,
            json=[
                {
                    "id": 1,
                    "username": "a",
                    "name": "A",
                    "state": "active",
                    "web_url": "https://gitlab.example.com/a",
                }
            ],
            headers={"Link": f'<{next_url}>; rel="next"'},
        )

    return httpx.MockTransport(handler)


async def test_a_link_to_another_origin_is_refused() -> None:
    hits: list[str] = []
    transport = _link_handler("https://evil.example.net/api/v4/users?page=2", hits)
    async with AsyncGitLab("https://gitlab.example.com", token="secret", transport=transport) as gl:
        with pytest.raises(CrossOriginError) as refused:
            await gl.users.list(pagination="offset").to_list()
    assert refused.value.url.startswith("https://evil.example.net")
    assert all(hit.startswith("https://gitlab.example.com/") for hit in hits)
    assert len(hits) == 1


@pytest.mark.parametrize(
    "next_url",
    [
        "http://gitlab.example.com/api/v4/users?page=2",
        "https://gitlab.example.com:8443/api/v4/users?page=2",
    ],
)
async def test_scheme_or_port_change_is_another_origin(next_url: str) -> None:
    hits: list[str] = []
    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=_link_handler(next_url, hits)
    ) as gl:
        with pytest.raises(CrossOriginError):
            await gl.users.list(pagination="offset").to_list()


async def test_keep_base_url_rewrites_foreign_links_onto_the_client_url() -> None:
    hits: list[str] = []
    transport = _link_handler("http://internal-name:8080/api/v4/users?page=2&per_page=100", hits)
    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=transport, keep_base_url=True
    ) as gl:
        users = await gl.users.list(pagination="offset").to_list()
    assert len(users) == 1
    assert hits[-1] == "https://gitlab.example.com/api/v4/users?page=2&per_page=100"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=1_000, seed=5) as running:
        yield running


@pytest.mark.parametrize("transport", ["aiohttp", "httpcore"])
async def test_break_and_cancel_release_the_connection(
    server: FakeGitLabServer, transport: str
) -> None:
    # One connection only: if an abandoned page held it, the next call would wait forever.
    async with AsyncGitLab(
        server.url,
        token=server.admin_token,
        transport=transport,  # type: ignore[arg-type]
        max_concurrency=1,
        timeout=5,
    ) as gl:
        async for user in gl.users.list(pagination="offset", per_page=100):
            if user.id:
                break
        with anyio.move_on_after(0.001):
            await gl.users.list(per_page=100).to_list()
        with anyio.fail_after(5):
            again = await gl.users.list(per_page=10, max_items=25).to_list()
    assert len(again) == 25


async def _server_ids(fake: FakeGitLab, params: dict[str, str]) -> list[int]:
    """The oracle: a plain loop over X-Next-Page with raw httpx, no SDK code involved."""
    ids: list[int] = []
    async with fake.client(fake.admin_token) as raw:
        page = "1"
        while page:
            response = await raw.get(
                "/api/v4/users", params={**params, "per_page": "100", "page": page}
            )
            response.raise_for_status()
            ids.extend(user["id"] for user in response.json())
            page = response.headers["x-next-page"]
    return ids


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    per_page=st.integers(min_value=1, max_value=100),
    users=st.integers(min_value=2, max_value=150),
    mode=st.sampled_from(["offset", "keyset", "auto"]),
    only_active=st.booleans(),
    search=st.sampled_from([None, "a", "e", "zz"]),
)
def test_iteration_equals_the_filtered_set(
    per_page: int, users: int, mode: str, only_active: bool, search: str | None
) -> None:
    fake = FakeGitLab.create(users=users, seed=users)
    params: dict[str, str] = {}
    if only_active:
        params["active"] = "true"
    if search is not None:
        params["search"] = search

    async def walk() -> tuple[list[int], list[int]]:
        async with client(fake) as gl:
            kwargs: dict[str, object] = {"per_page": per_page, "pagination": mode}
            if only_active:
                kwargs["active"] = True
            if search is not None:
                kwargs["search"] = search
            got = [user.id async for user in gl.users.list(**kwargs)]  # type: ignore[arg-type]
        return got, await _server_ids(fake, params)

    ids, expected = asyncio.run(walk())
    assert len(ids) == len(set(ids))  # exactly once
    assert set(ids) == set(expected)  # nothing missing, nothing extra
    if only_active:
        assert all(fake.state.users[i].state == "active" for i in ids)


async def test_filters_survive_a_page_without_a_link() -> None:
    """A link-followed page that lacks ``Link`` falls back to ``X-Next-Page`` with the same filters."""
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        page = int(request.url.params.get("page", "1"))
        user = {
            "id": page,
            "username": f"u{page}",
            "name": "U",
            "state": "active",
            "web_url": "https://x",
        }
        headers = {"X-Page": str(page), "X-Next-Page": str(page + 1) if page < 3 else ""}
        if page == 1:
            headers["Link"] = (
                '<https://gitlab.example.com/api/v4/users?active=true&page=2&per_page=1>; rel="next"'
            )
        return httpx.Response(200, json=[user], headers=headers)

    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=httpx.MockTransport(handler)
    ) as gl:
        users = await gl.users.list(active=True, per_page=1, pagination="offset").to_list()
    assert [user.id for user in users] == [1, 2, 3]
    assert all(url.params.get("active") == "true" for url in seen)


@pytest.mark.parametrize(
    "value",
    ["9" * 10_000, "-5", "1e3", "12abc", " ", "٣", "99999999999999999999"],
    ids=["10k-digits", "negative", "float", "junk", "blank", "arabic-digit", "20-digits"],
)
async def test_garbage_pagination_headers_are_treated_as_absent(value: str) -> None:
    headers = [
        (name, value.encode()) for name in (b"X-Total", b"X-Total-Pages", b"X-Page", b"X-Next-Page")
    ]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = [
            {"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "https://g/a"}
        ]
        return httpx.Response(200, json=body, headers=headers)

    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=httpx.MockTransport(handler)
    ) as gl:
        page = await gl.users.list(pagination="offset").first_page()
        items = await gl.users.list(pagination="offset").to_list()
    assert (page.total, page.total_pages, page.page, page.next_page) == (None, None, None, None)
    assert not page.has_next
    assert [item.id for item in items] == [1]  # no next page to follow
    assert len(seen) == 2
