"""Every GET /users filter really filters; admin-only filters are dropped for regular users."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLab, User

FORBIDDEN_FOR_REGULAR = {"blocked", "banned", "ldap_blocked"}


@pytest.fixture
def big() -> FakeGitLab:
    return FakeGitLab.create(users=400, seed=3)


async def ids_for(fake: FakeGitLab, token: str, **params: Any) -> list[int]:
    params.setdefault("per_page", 100)
    out: list[int] = []
    page = 1
    async with fake.client(token) as c:
        while True:
            r = await c.get("/api/v4/users", params={**params, "page": page})
            assert r.status_code == 200, r.text
            out.extend(u["id"] for u in r.json())
            if not r.headers["X-Next-Page"]:
                return out
            page += 1


def expect(fake: FakeGitLab, pred: Callable[[User], bool]) -> list[int]:
    return sorted((u.id for u in fake.state.users.values() if pred(u)), reverse=True)


CASES: list[tuple[dict[str, Any], Callable[[User], bool]]] = [
    ({"active": "true"}, lambda u: u.state == "active" and not u.is_internal),
    ({"blocked": "true"}, lambda u: u.state in ("blocked", "ldap_blocked")),
    ({"external": "true"}, lambda u: u.external),
    ({"exclude_external": "true"}, lambda u: not u.external),
    ({"humans": "true"}, lambda u: u.user_type == "human"),
    ({"exclude_humans": "true"}, lambda u: u.user_type != "human"),
    ({"exclude_internal": "true"}, lambda u: not u.is_internal),
    ({"exclude_active": "1"}, lambda u: u.state != "active"),
    ({"without_project_bots": "true"}, lambda u: u.user_type != "project_bot"),
    ({"two_factor": "enabled"}, lambda u: u.two_factor_enabled),
    ({"two_factor": "disabled"}, lambda u: not u.two_factor_enabled),
    ({"admins": "true"}, lambda u: u.is_admin),
    ({"active": "false"}, lambda u: True),  # false is "no filter"
    (
        {"created_after": "2020-01-01T00:00:00Z"},
        lambda u: u.created_at >= datetime(2020, 1, 1, tzinfo=UTC),
    ),
    (
        {"created_before": "2016-06-01T00:00:00.000Z"},
        lambda u: u.created_at <= datetime(2016, 6, 1, tzinfo=UTC),
    ),
    (
        {"custom_attributes[department]": "engineering"},
        lambda u: (u.custom_attributes or {}).get("department") == "engineering",
    ),
    ({"public_email": "john@example.com"}, lambda u: u.id == 2),
    ({"extern_uid": "2435223452345", "provider": "github"}, lambda u: u.id == 2),
]


@pytest.mark.parametrize(("params", "pred"), CASES, ids=[str(c[0]) for c in CASES])
async def test_admin_filters(
    big: FakeGitLab, params: dict[str, Any], pred: Callable[[User], bool]
) -> None:
    got = await ids_for(big, big.admin_token, **params)
    want = expect(big, pred)
    assert got == want
    assert len(got) > 0 or params.get("admins")


async def test_without_projects(big: FakeGitLab) -> None:
    st = big.state
    got = await ids_for(big, big.admin_token, without_projects="true")
    assert got == expect(
        big, lambda u: not any(m.source_type == "Project" for m in st.memberships.get(u.id, ()))
    )
    assert 2 not in got


async def test_combined_filters(big: FakeGitLab) -> None:
    got = await ids_for(big, big.admin_token, humans="true", exclude_external="true", active="true")
    assert got == expect(
        big,
        lambda u: u.user_type == "human" and not u.external and u.state == "active",
    )


async def test_search(big: FakeGitLab) -> None:
    smith = await ids_for(big, big.user_token, search="SMITH")
    assert 2 in smith
    for uid in smith:
        u = big.state.users[uid]
        assert "smith" in u.name.lower() or "smith" in u.username.lower()
    # private email only for admins, exact match
    target = next(
        u
        for u in big.state.users.values()
        if u.public_email == "" and u.state == "active" and u.id > 5
    )
    assert await ids_for(big, big.user_token, search=target.email) == []
    assert await ids_for(big, big.admin_token, search=target.email) == [target.id]
    # relevance: exact username first
    r = await ids_for(big, big.admin_token, search="john_smith")
    assert r[0] == 2


async def test_username_case_insensitive(big: FakeGitLab) -> None:
    assert await ids_for(big, big.user_token, username="John_SMITH") == [2]
    assert await ids_for(big, big.user_token, username="nobody") == []


async def test_regular_users_get_admin_filters_dropped(big: FakeGitLab) -> None:
    visible = expect(big, lambda u: u.state not in FORBIDDEN_FOR_REGULAR)
    for params in (
        {"two_factor": "enabled"},
        {"admins": "true"},
        {"created_after": "2030-01-01T00:00:00Z"},
        {"custom_attributes[department]": "engineering"},
        {"without_projects": "true"},
    ):
        assert await ids_for(big, big.user_token, **params) == visible
    # non-admins never see blocked, banned or LDAP-blocked accounts
    assert await ids_for(big, big.user_token, blocked="true") == []


async def test_sorting_applies_for_regular_users(big: FakeGitLab) -> None:
    got = await ids_for(big, big.user_token, order_by="username", sort="asc")
    users = [big.state.users[i] for i in got]
    assert [u.username for u in users] == sorted(u.username for u in users)


async def test_extern_uid_needs_admin_and_provider(big: FakeGitLab) -> None:
    async with big.client(big.user_token) as c:
        r = await c.get("/api/v4/users", params={"extern_uid": "1", "provider": "github"})
        assert r.status_code == 403 and r.json() == {"message": "403 Forbidden"}
        r = await c.get("/api/v4/users", params={"extern_uid": "1"})
        assert r.status_code == 400
        assert r.json() == {"error": "extern_uid, provider provide all or none of parameters"}


async def test_with_custom_attributes(big: FakeGitLab) -> None:
    async with big.client(big.admin_token) as c:
        r = await c.get(
            "/api/v4/users", params={"with_custom_attributes": "true", "username": "john_smith"}
        )
        assert r.json()[0]["custom_attributes"] == [
            {"key": "department", "value": "engineering"},
            {"key": "employee_id", "value": "E-0002"},
        ]
        r = await c.get("/api/v4/users/2", params={"with_custom_attributes": "true"})
        assert len(r.json()["custom_attributes"]) == 2
    async with big.client(big.user_token) as c:
        r = await c.get(
            "/api/v4/users", params={"with_custom_attributes": "true", "username": "john_smith"}
        )
        assert "custom_attributes" not in r.json()[0]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"order_by": "email"}, "order_by does not have a valid value"),
        ({"sort": "up"}, "sort does not have a valid value"),
        ({"active": "maybe"}, "active is invalid"),
        ({"created_after": "yesterday"}, "created_after is invalid"),
        (
            {"order_by": "email", "blocked": "x"},
            "blocked is invalid, order_by does not have a valid value",
        ),
    ],
)
async def test_invalid_filter_values(
    user: httpx.AsyncClient, params: dict[str, str], error: str
) -> None:
    r = await user.get("/api/v4/users", params=params)
    assert r.status_code == 400
    assert sorted(r.json()["error"].split(", ")) == sorted(error.split(", "))
