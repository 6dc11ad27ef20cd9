"""Every one of the 90 routes (the Users API's 77, `/user/applications` and the personal
access token API) answers (no 5xx) for admin, regular and anonymous callers."""

from __future__ import annotations

import re

import pytest

from gitlab_users_client.testing import FakeGitLab
from gitlab_users_client.testing._routes import ROUTE_MODULES, build_route_table

ROUTES = build_route_table()

VALUES = {
    "id": "2",
    "user_id": "2",
    "key_id": "1",
    "email_id": "1",
    "impersonation_token_id": "1",
    "provider": "github",
    "key": "department",
}


def concrete(template: str) -> str:
    return re.sub(r"\{([a-z_]+)(?::int|:digits)?\}", lambda m: VALUES[m.group(1)], template)


def test_route_inventory() -> None:
    assert len(ROUTES.routes) == 90
    assert len({(r.method, r.template) for r in ROUTES.routes}) == 90
    assert sum(len(m.ROUTES) for m in ROUTE_MODULES) == 90


def test_table_is_built_per_app_not_on_import() -> None:
    """Two tables are independent objects: routes come from the explicit module list."""
    assert build_route_table() is not build_route_table()
    assert [r.name for r in build_route_table().routes] == [r.name for r in ROUTES.routes]


@pytest.mark.parametrize("role", ["admin", "user", "anon"])
async def test_every_route_answers(role: str) -> None:
    fake = FakeGitLab.create(users=20)
    token = {"admin": fake.admin_token, "user": fake.user_token, "anon": None}[role]
    async with fake.client(token) as c:
        for route in ROUTES.routes:
            path = "/api/v4" + concrete(route.template)
            r = await c.request(route.method, path, json={} if route.method != "GET" else None)
            assert r.status_code < 500, (route.method, path, r.status_code, r.text)
            if route.method == "GET":
                head = await c.head(path)
                assert head.status_code == r.status_code and head.content == b""


async def test_trailing_slash_matches_the_route(fake: FakeGitLab) -> None:
    """Grape matches `/users/1/` like `/users/1`; an unknown path stays the catch-all 404."""
    async with fake.client(fake.admin_token) as c:
        assert (await c.get("/api/v4/users/1/")).json()["username"] == "root"
        head = await c.head("/api/v4/user/")
        assert (head.status_code, head.content) == (200, b"")
        r = await c.post("/api/v4/user/emails/", json={"email": "slash@example.net"})
        assert r.status_code == 201
        r = await c.get("/api/v4/users/1/nothing/")
        assert (r.status_code, r.json()) == (404, {"error": "404 Not Found"})


async def test_digits_only_id_versus_integer_params(fake: FakeGitLab) -> None:
    """`:id` under /users has a digits-only requirement (anything else is no route, 404);
    other Integer path parameters match any segment and fail coercion with 400."""
    async with fake.client(fake.admin_token) as c:
        r = await c.get("/api/v4/users/1ASDF/keys/1")
        assert (r.status_code, r.json()) == (404, {"error": "404 Not Found"})
        r = await c.get("/api/v4/users/1/keys/1ASDF")
        assert (r.status_code, r.json()) == (400, {"error": "key_id is invalid"})
        r = await c.get("/api/v4/users/1/keys/-1")
        assert (r.status_code, r.json()) == (404, {"message": "404 Key Not Found"})
        r = await c.get("/api/v4/users/abc/memberships")
        assert (r.status_code, r.json()) == (400, {"error": "user_id is invalid"})
