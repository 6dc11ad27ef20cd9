"""Role matrix: anonymous / regular / admin / sudo per route family, entity per caller."""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLab

BASIC_KEYS = ["id", "username", "public_email", "name", "state", "locked", "avatar_url", "web_url"]


async def test_list_users_entity_depends_on_caller(
    admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    regular = (await user.get("/api/v4/users")).json()
    assert list(regular[0]) == BASIC_KEYS
    full = (await admin.get("/api/v4/users")).json()
    assert list(full[0])[: len(BASIC_KEYS)] == BASIC_KEYS
    for key in ("email", "is_admin", "identities", "created_by", "is_followed", "note"):
        assert key in full[0]
    assert "bio_html" not in full[0]


async def test_list_users_anonymous_needs_username(anon: httpx.AsyncClient) -> None:
    r = await anon.get("/api/v4/users")
    assert r.status_code == 403
    assert r.json() == {"message": "403 Forbidden - Not authorized to access /api/v4/users"}
    r = await anon.get("/api/v4/users", params={"username": "john_smith"})
    assert r.status_code == 200
    assert [u["username"] for u in r.json()] == ["john_smith"]


async def test_get_user_entities(
    anon: httpx.AsyncClient, user: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    r = await anon.get("/api/v4/users/1")
    assert r.status_code == 403
    assert r.json() == {"message": "403 Forbidden - Not authorized!"}
    profile = (await user.get("/api/v4/users/1")).json()
    assert "bio_html" in profile and "email" not in profile and "is_admin" not in profile
    assert profile["is_followed"] is True  # john follows root in the seed
    details = (await admin.get("/api/v4/users/2")).json()
    for key in (
        "email",
        "is_admin",
        "bio_html",
        "highest_role",
        "sign_in_count",
        "last_sign_in_ip",
    ):
        assert key in details
    assert details["created_by"]["username"] == "root"


async def test_current_user_entities(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    me = (await user.get("/api/v4/user")).json()
    assert me["username"] == "john_smith"
    assert "email" in me and "is_admin" not in me and "note" not in me
    root = (await admin.get("/api/v4/user")).json()
    assert root["is_admin"] is True and "namespace_id" in root


async def test_user_routes_require_authentication(anon: httpx.AsyncClient) -> None:
    for method, path in [
        ("GET", "/api/v4/user"),
        ("GET", "/api/v4/user/keys"),
        ("PUT", "/api/v4/user/status"),
        ("GET", "/api/v4/user_counts"),
        ("POST", "/api/v4/users"),
        ("POST", "/api/v4/users/2/follow"),
        ("DELETE", "/api/v4/users/2"),
    ]:
        r = await anon.request(method, path)
        assert r.status_code == 401, (method, path)
        assert r.json() == {"message": "401 Unauthorized"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v4/users/3/block"),
        ("GET", "/api/v4/users/2/emails"),
        ("GET", "/api/v4/users/2/memberships"),
        ("GET", "/api/v4/users/2/custom_attributes"),
        ("GET", "/api/v4/users/2/impersonation_tokens"),
        ("GET", "/api/v4/users/2/support_pin"),
        ("PATCH", "/api/v4/users/2/disable_two_factor"),
        ("DELETE", "/api/v4/users/2/identities/github"),
    ],
)
async def test_admin_only_routes(
    user: httpx.AsyncClient, admin: httpx.AsyncClient, method: str, path: str
) -> None:
    r = await user.request(method, path)
    assert r.status_code == 403
    assert r.json() == {"message": "403 Forbidden"}
    assert (await admin.request(method, path)).status_code < 500


async def test_public_routes_work_anonymously(anon: httpx.AsyncClient) -> None:
    assert (await anon.get("/api/v4/users/john_smith/status")).status_code == 200
    keys = await anon.get("/api/v4/users/john_smith/keys")
    assert keys.status_code == 200 and len(keys.json()) == 2
    assert (await anon.get("/api/v4/users/2/gpg_keys")).status_code == 200
    projects = (await anon.get("/api/v4/users/john_smith/projects")).json()
    assert {p["visibility"] for p in projects} == {"public"}
    for path in ("/api/v4/users/2/followers", "/api/v4/users/2/following"):
        r = await anon.get(path)
        assert r.status_code == 403


async def test_associations_count_self_or_admin(
    user: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    mine = await user.get("/api/v4/users/2/associations_count")
    assert mine.status_code == 200
    assert set(mine.json()) == {
        "groups_count",
        "projects_count",
        "issues_count",
        "merge_requests_count",
    }
    assert (await user.get("/api/v4/users/1/associations_count")).status_code == 403
    assert (await admin.get("/api/v4/users/2/associations_count")).status_code == 200


async def test_sudo(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    r = await admin.get("/api/v4/user", headers={"Sudo": "john_smith"})
    assert r.json()["username"] == "john_smith" and "is_admin" not in r.json()
    r = await admin.get("/api/v4/user", params={"sudo": "2"})
    assert r.json()["id"] == 2
    # sudo acts as the target for permission checks
    r = await admin.get("/api/v4/users/1/emails", headers={"Sudo": "2"})
    assert r.status_code == 403
    r = await user.get("/api/v4/user", headers={"Sudo": "root"})
    assert r.status_code == 403
    assert r.json() == {"message": "403 Forbidden - Must be admin to use sudo"}
    r = await admin.get("/api/v4/user", headers={"Sudo": "nobody-here"})
    assert r.status_code == 404
    assert r.json() == {"message": "404 User with ID or username 'nobody-here' Not Found"}
    plain = fake.state.add_token(1, ["api"]).token
    r = await admin.get("/api/v4/user", headers={"Sudo": "2", "PRIVATE-TOKEN": plain})
    assert r.status_code == 403
    assert r.json()["error"] == "insufficient_scope"
    async with fake.client() as anon:
        r = await anon.get("/api/v4/user", headers={"Sudo": "2"})
        assert r.status_code == 401


async def test_credentials_in_every_place(fake: FakeGitLab) -> None:
    async with fake.client() as c:
        for kwargs in (
            {"headers": {"PRIVATE-TOKEN": fake.user_token}},
            {"params": {"private_token": fake.user_token}},
            {"headers": {"Authorization": f"Bearer {fake.user_token}"}},
        ):
            r = await c.get("/api/v4/user", **kwargs)  # type: ignore[arg-type]
            assert r.json()["username"] == "john_smith"
        # job tokens are not accepted on Users routes: anonymous
        r = await c.get("/api/v4/user", headers={"JOB-TOKEN": fake.user_token})
        assert r.status_code == 401
        assert r.json() == {"message": "401 Unauthorized"}


async def test_bad_tokens(fake: FakeGitLab) -> None:
    today = fake.state.clock.today()
    from datetime import timedelta

    expired = fake.state.add_token(2, ["api"], expires_at=today - timedelta(days=1)).token
    revoked = fake.state.add_token(2, ["api"], revoked=True).token
    async with fake.client() as c:
        for token, desc in (
            ("glpat-unknown", "Bad Access Token."),
            (expired, "Token is expired. You can either do re-authorization or token refresh."),
            (revoked, "Token was revoked. You have to re-authorize from the user."),
        ):
            r = await c.get("/api/v4/users/john_smith/status", headers={"PRIVATE-TOKEN": token})
            assert r.status_code == 401
            assert r.json() == {"error": "invalid_token", "error_description": desc}
            assert "invalid_token" in r.headers["WWW-Authenticate"]


async def test_scopes(fake: FakeGitLab) -> None:
    read_user = fake.state.add_token(2, ["read_user"]).token
    read_api = fake.state.add_token(2, ["read_api"]).token
    async with fake.client(read_user) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
        r = await c.put("/api/v4/user/status", json={"message": "hi"})
        assert r.status_code == 403
        assert r.json()["error"] == "insufficient_scope"
        assert r.json()["scope"] == "api"
        # the project lists are not part of API::Users
        assert (await c.get("/api/v4/users/2/projects")).status_code == 403
    async with fake.client(read_api) as c:
        assert (await c.get("/api/v4/users/2/projects")).status_code == 200
        assert (await c.post("/api/v4/users/1/follow")).status_code == 403


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("blocked", "403 Forbidden - Your account has been blocked."),
        ("banned", "403 Forbidden - Your account has been blocked."),
        (
            "blocked_pending_approval",
            "403 Forbidden - Your account is pending approval from your administrator and hence blocked.",
        ),
    ],
)
async def test_tokens_of_blocked_users_are_refused(
    fake: FakeGitLab, state: str, message: str
) -> None:
    target = next(u for u in fake.state.users.values() if u.state == "active" and u.id > 5)
    token = fake.state.add_token(target.id, ["api"]).token
    target.state = state
    async with fake.client(token) as c:
        r = await c.get("/api/v4/user")
        assert r.status_code == 403
        assert r.json() == {"message": message}
