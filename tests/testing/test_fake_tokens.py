"""Tokens created through the API authenticate; revoked ones stop working."""

from __future__ import annotations

import httpx

from gitlab_users_client.testing import FakeGitLab


async def test_impersonation_token_lifecycle(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users/2/impersonation_tokens",
        data={"name": "imp", "scopes[]": ["api", "read_user"]},
    )
    assert r.status_code == 201
    body = r.json()
    assert body["impersonation"] is True and body["scopes"] == ["api", "read_user"]
    assert body["token"].startswith("glpat-") and body["active"] is True
    token, token_id = body["token"], body["id"]
    async with fake.client(token) as c:
        assert (await c.get("/api/v4/user")).json()["username"] == "john_smith"
    listed = (
        await admin.get("/api/v4/users/2/impersonation_tokens", params={"state": "active"})
    ).json()
    assert [t["id"] for t in listed] == [token_id] and "token" not in listed[0]
    assert (
        await admin.delete(f"/api/v4/users/2/impersonation_tokens/{token_id}")
    ).status_code == 204
    async with fake.client(token) as c:
        r = await c.get("/api/v4/user")
        assert r.status_code == 401
        assert r.json()["error_description"].startswith("Token was revoked")
    inactive = (
        await admin.get("/api/v4/users/2/impersonation_tokens", params={"state": "inactive"})
    ).json()
    assert inactive[0]["revoked"] is True and inactive[0]["active"] is False


async def test_admin_creates_pat(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users/2/personal_access_tokens",
        json={"name": "ci", "scopes": "read_user,read_api", "expires_at": "2026-06-01"},
    )
    assert r.status_code == 201
    body = r.json()
    assert body["scopes"] == ["read_user", "read_api"] and body["expires_at"] == "2026-06-01"
    async with fake.client(body["token"]) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
        assert (
            await c.post("/api/v4/user/keys", json={"title": "t", "key": "x"})
        ).status_code == 403
    r = await admin.post(
        "/api/v4/users/2/personal_access_tokens", json={"name": "x", "scopes": ["bogus"]}
    )
    assert (r.status_code, r.json()) == (400, {"error": "scopes does not have a valid value"})
    r = await admin.post("/api/v4/users/2/personal_access_tokens", json={"name": "x"})
    assert r.json() == {"error": "scopes is missing"}


async def test_self_pat_scopes(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    r = await user.post(
        "/api/v4/user/personal_access_tokens", json={"name": "k8s", "scopes": ["k8s_proxy"]}
    )
    assert r.status_code == 201 and r.json()["token"]
    r = await user.post(
        "/api/v4/user/personal_access_tokens", json={"name": "x", "scopes": ["api"]}
    )
    assert r.json() == {"error": "scopes does not have a valid value"}
    r = await user.post("/api/v4/user/personal_access_tokens", json={"name": "x"})
    assert r.json() == {
        "error": "scopes, granular_scopes are missing, exactly one parameter must be provided"
    }


async def test_token_expiry_follows_the_clock(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users/2/impersonation_tokens",
        json={"name": "short", "expires_at": "2026-01-03", "scopes": ["api"]},
    )
    token = r.json()["token"]
    async with fake.client(token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
        fake.state.clock.advance(3 * 86400)  # type: ignore[attr-defined]
        r = await c.get("/api/v4/user")
        assert r.status_code == 401
        assert r.json()["error_description"].startswith("Token is expired")


async def test_token_bookkeeping(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    await user.get("/api/v4/user")
    tok = fake.state.tokens[fake.user_token]
    assert tok.last_used_at is not None and tok.last_used_ips
