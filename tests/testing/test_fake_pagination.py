"""Offset and keyset pagination headers, limits and walks (reference §3)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gitlab_users_client.testing import FakeConfig, FakeGitLab


def links(resp: httpx.Response) -> dict[str, str]:
    out = {}
    for part in resp.headers.get("Link", "").split(", "):
        m = re.fullmatch(r'<([^>]+)>; rel="(\w+)"', part)
        if m:
            out[m.group(2)] = m.group(1)
    return out


async def test_first_middle_last_page(admin: httpx.AsyncClient) -> None:
    first = await admin.get("/api/v4/users", params={"per_page": 25})
    h = first.headers
    assert (h["X-Page"], h["X-Per-Page"], h["X-Next-Page"], h["X-Prev-Page"]) == (
        "1",
        "25",
        "2",
        "",
    )
    assert (h["X-Total"], h["X-Total-Pages"]) == ("60", "3")
    assert set(links(first)) == {"next", "first", "last"}
    assert [u["id"] for u in first.json()] == list(range(60, 35, -1))  # id desc by default
    middle = await admin.get("/api/v4/users", params={"per_page": 25, "page": 2})
    assert set(links(middle)) == {"prev", "next", "first", "last"}
    assert middle.headers["X-Prev-Page"] == "1"
    last = await admin.get("/api/v4/users", params={"per_page": 25, "page": 3})
    assert last.headers["X-Next-Page"] == ""
    assert set(links(last)) == {"prev", "first", "last"}
    assert len(last.json()) == 10
    beyond = await admin.get("/api/v4/users", params={"per_page": 25, "page": 9})
    assert beyond.json() == []
    assert beyond.headers["X-Next-Page"] == "" and beyond.headers["X-Prev-Page"] == ""


async def test_link_urls_are_absolute_and_keep_params(fake: FakeGitLab) -> None:
    async with fake.client(fake.admin_token, base_url="https://gl.local:8443") as c:
        r = await c.get(
            "/api/v4/users",
            params={"per_page": 5, "external": "false", "search": "a", "x_note": "a b&c"},
        )
    nxt = urlsplit(links(r)["next"])
    assert (nxt.scheme, nxt.netloc, nxt.path) == ("https", "gl.local:8443", "/api/v4/users")
    assert parse_qs(nxt.query) == {
        "external": ["false"],
        "page": ["2"],
        "per_page": ["5"],
        "search": ["a"],
        "x_note": ["a b&c"],
    }
    assert nxt.query.split("&") == sorted(nxt.query.split("&"))  # Hash#to_query order


async def test_per_page_clamped_and_validated(admin: httpx.AsyncClient) -> None:
    """lib/api/pagination_params.rb: Integer coercion (`is invalid`) and `except_values: [0]`
    on per_page; `verify_pagination_params!` is not called by the Users routes."""
    r = await admin.get("/api/v4/users", params={"per_page": 1000})
    assert r.headers["X-Per-Page"] == "100"
    assert "per_page=100" in links(r)["first"]
    cases: tuple[tuple[dict[str, str | int], str], ...] = (
        ({"per_page": 0}, "per_page has a value not allowed"),
        ({"page": "abc"}, "page is invalid"),
        ({"page": "x", "per_page": 0}, "page is invalid, per_page has a value not allowed"),
    )
    for params, msg in cases:
        r = await admin.get("/api/v4/users", params=params)
        assert r.status_code == 400
        assert r.json() == {"error": msg}


@pytest.mark.parametrize("page", ["0", "-1", "-999"])
async def test_page_zero_or_negative_is_the_first_page(admin: httpx.AsyncClient, page: str) -> None:
    """Kaminari's `page(num)`: an offset below zero is zero, so page 0 or a negative page is
    served as page 1 (X-Page 1, no previous page)."""
    first = await admin.get("/api/v4/users", params={"per_page": 3})
    r = await admin.get("/api/v4/users", params={"per_page": 3, "page": page})
    assert r.status_code == 200
    assert [u["id"] for u in r.json()] == [u["id"] for u in first.json()]
    assert (r.headers["X-Page"], r.headers["X-Prev-Page"], r.headers["X-Next-Page"]) == (
        "1",
        "",
        "2",
    )
    assert "page=1&" in links(r)["first"] and "prev" not in links(r)


@pytest.mark.parametrize("per_page", ["-1", "-100"])
async def test_negative_per_page_is_the_default(admin: httpx.AsyncClient, per_page: str) -> None:
    """Kaminari's `per(num)` ignores a negative number: the default 20 applies."""
    r = await admin.get("/api/v4/users", params={"per_page": per_page})
    assert r.status_code == 200
    assert len(r.json()) == 20 and r.headers["X-Per-Page"] == "20"
    assert "per_page=20" in links(r)["next"]


async def test_offset_ceiling_multiplies_the_values_as_sent(admin: httpx.AsyncClient) -> None:
    """PaginationStrategies#offset_limit_exceeded? multiplies params[:page] and
    params[:per_page] as Grape coerced them: two negatives make a product past 50,000."""
    r = await admin.get("/api/v4/users", params={"page": -1000, "per_page": -100})
    assert r.status_code == 405
    r = await admin.get("/api/v4/users", params={"page": -1000, "per_page": 100})
    assert r.status_code == 200 and r.headers["X-Page"] == "1"


async def test_other_lists_paginate(user: httpx.AsyncClient) -> None:
    r = await user.get("/api/v4/user/keys", params={"per_page": 1})
    assert r.headers["X-Total"] == "2" and r.headers["X-Next-Page"] == "2"
    assert len(r.json()) == 1


@pytest.mark.parametrize(("n_users", "has_total"), [(10_000, True), (10_001, False)])
async def test_totals_dropped_above_10000_rows(n_users: int, has_total: bool) -> None:
    fake = FakeGitLab.create(users=n_users)
    async with fake.client(fake.admin_token) as c:
        r = await c.get("/api/v4/users", params={"per_page": 100, "page": 2})
    assert len(r.json()) == 100
    assert ("X-Total" in r.headers) is has_total
    assert ("X-Total-Pages" in r.headers) is has_total
    assert ("last" in links(r)) is has_total
    assert r.headers["X-Next-Page"] == "3" and r.headers["X-Prev-Page"] == "1"
    if has_total:
        assert r.headers["X-Total"] == "10000" and r.headers["X-Total-Pages"] == "100"


async def test_offset_ceiling_405(admin: httpx.AsyncClient) -> None:
    ok = await admin.get("/api/v4/users", params={"per_page": 100, "page": 500})
    assert ok.status_code == 200
    r = await admin.get("/api/v4/users", params={"per_page": 100, "page": 501})
    assert r.status_code == 405
    assert r.json() == {
        "error": "Offset pagination has a maximum allowed offset of 50000 for requests that "
        "return objects of type User. Remaining records can be retrieved using keyset pagination."
    }
    # the ceiling only applies to /users
    assert (
        await admin.get("/api/v4/user/keys", params={"per_page": 100, "page": 501})
    ).status_code == 200


def expected_order(fake: FakeGitLab, order_by: str, sort: str) -> list[int]:
    users = list(fake.state.users.values())
    if order_by in ("id", "created_at"):
        key = lambda u: (u.id, u.id)  # noqa: E731 (created_at is ordered as id)
    elif order_by == "updated_at":
        key = lambda u: (u.updated_at, u.id)  # noqa: E731
    else:
        key = lambda u: (getattr(u, order_by), u.id)  # noqa: E731
    return [u.id for u in sorted(users, key=key, reverse=sort == "desc")]


@pytest.mark.parametrize("order_by", ["id", "name", "username", "created_at", "updated_at"])
@pytest.mark.parametrize("sort", ["asc", "desc"])
async def test_keyset_walk_every_ordering(
    fake: FakeGitLab, admin: httpx.AsyncClient, order_by: str, sort: str
) -> None:
    url: str | None = "/api/v4/users"
    params: dict[str, str] | None = {
        "pagination": "keyset",
        "per_page": "7",
        "order_by": order_by,
        "sort": sort,
    }
    seen: list[int] = []
    pages = 0
    while url is not None:
        r = await admin.get(url, params=params)
        assert r.status_code == 200
        for name in ("X-Total", "X-Page", "X-Next-Page", "X-Total-Pages"):
            assert name not in r.headers
        seen.extend(u["id"] for u in r.json())
        pages += 1
        link = r.headers.get("Link")
        if link is None:
            break
        assert link.endswith('; rel="next"')
        url, params = links(r)["next"], None
    assert seen == expected_order(fake, order_by, sort)
    assert len(seen) == len(set(seen)) == 60
    assert pages == 9  # 60 users / 7, the last page has no Link


async def test_keyset_defaults_and_filters(admin: httpx.AsyncClient) -> None:
    r = await admin.get("/api/v4/users", params={"pagination": "keyset", "per_page": 3})
    assert [u["id"] for u in r.json()] == [60, 59, 58]
    r = await admin.get(
        "/api/v4/users", params={"pagination": "keyset", "per_page": 100, "humans": "true"}
    )
    assert "Link" not in r.headers
    assert all(not u["bot"] for u in r.json())


async def test_keyset_bad_cursor_and_projects_405(user: httpx.AsyncClient) -> None:
    r = await user.get("/api/v4/users", params={"pagination": "keyset", "cursor": "!!"})
    assert r.status_code == 400
    r = await user.get(
        "/api/v4/users/john_smith/projects", params={"pagination": "keyset", "order_by": "name"}
    )
    assert r.status_code == 405
    assert r.json() == {"error": "Keyset pagination is not yet available for this type of request"}
    r = await user.get(
        "/api/v4/users/john_smith/projects",
        params={"pagination": "keyset", "order_by": "id", "per_page": 1},
    )
    assert r.status_code == 200 and 'rel="next"' in r.headers["Link"]


async def test_count_limit_is_configurable() -> None:
    fake = FakeGitLab.create(users=30, config=FakeConfig(count_limit=25))
    async with fake.client(fake.admin_token) as c:
        r = await c.get("/api/v4/users")
    assert "X-Total" not in r.headers and r.headers["X-Next-Page"] == "2"
