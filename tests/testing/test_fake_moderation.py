"""Moderation state machine with GitLab's odd bodies and errors (reference §1.3)."""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLab


def pick(fake: FakeGitLab, state: str) -> int:
    return next(
        u.id
        for u in fake.state.users.values()
        if u.state == state and u.user_type == "human" and u.id > 2
    )


async def post(c: httpx.AsyncClient, uid: int, action: str) -> tuple[int, bytes]:
    r = await c.post(f"/api/v4/users/{uid}/{action}")
    return r.status_code, r.content


@pytest.fixture
def mod() -> FakeGitLab:
    return FakeGitLab.create(users=300)


async def test_block_unblock(mod: FakeGitLab) -> None:
    uid = pick(mod, "active")
    async with mod.client(mod.admin_token) as c:
        assert await post(c, uid, "block") == (201, b"true")
        assert mod.state.users[uid].state == "blocked"
        assert await post(c, uid, "block") == (201, b"null")
        assert await post(c, uid, "unblock") == (201, b"true")
        assert await post(c, uid, "unblock") == (201, b"false")
        r = await c.post("/api/v4/users/1/block")
        assert r.json() == {
            "message": "403 Forbidden - The API initiating user cannot be blocked by the API"
        }
        ldap = pick(mod, "ldap_blocked")
        r = await c.post(f"/api/v4/users/{ldap}/block")
        assert r.json() == {
            "message": "403 Forbidden - LDAP blocked users cannot be modified by the API"
        }
        r = await c.post(f"/api/v4/users/{ldap}/unblock")
        assert r.json() == {
            "message": "403 Forbidden - LDAP blocked users cannot be unblocked by the API"
        }
        deact = pick(mod, "deactivated")
        r = await c.post(f"/api/v4/users/{deact}/unblock")
        assert r.json() == {
            "message": "403 Forbidden - Deactivated users cannot be unblocked by the API"
        }
        assert (await c.post("/api/v4/users/999999/block")).json() == {
            "message": "404 User Not Found"
        }


async def test_deactivate_activate(mod: FakeGitLab) -> None:
    st = mod.state
    dormant = next(
        u.id
        for u in st.users.values()
        if u.id > 2
        and u.state == "active"
        and u.user_type == "human"
        and u.last_activity_on is not None
        and (st.clock.today() - u.last_activity_on).days > 90
    )
    async with mod.client(mod.admin_token) as c:
        assert await post(c, dormant, "deactivate") == (201, b"true")
        assert await post(c, dormant, "deactivate") == (201, b"null")
        assert await post(c, dormant, "activate") == (201, b"true")
        recent = st.users[2]
        recent.last_activity_on = st.clock.today()
        status, body = await post(c, 2, "deactivate")
        assert status == 403 and b"active in the past 90 days" in body
        blocked = pick(mod, "blocked")
        r = await c.post(f"/api/v4/users/{blocked}/activate")
        assert r.status_code == 403
        assert r.json() == {
            "message": "Error occurred. A blocked user must be unblocked to be activated"
        }
        r = await c.post("/api/v4/users/3/deactivate")  # alert-bot
        assert r.json() == {"message": "Internal users cannot be deactivated"}


async def test_ban_unban(mod: FakeGitLab) -> None:
    uid = pick(mod, "active")
    async with mod.client(mod.admin_token) as c:
        assert await post(c, uid, "ban") == (201, b"true")
        r = await c.post(f"/api/v4/users/{uid}/ban")
        assert r.status_code == 403 and r.json() == {"message": "You cannot ban banned users."}
        assert await post(c, uid, "unban") == (201, b"true")
        r = await c.post(f"/api/v4/users/{uid}/unban")
        assert r.status_code == 403 and r.json() == {"message": "You cannot unban active users."}


async def test_approve_reject(mod: FakeGitLab) -> None:
    pending = [u.id for u in mod.state.users.values() if u.state == "blocked_pending_approval"][:2]
    async with mod.client(mod.user_token) as c:
        r = await c.post(f"/api/v4/users/{pending[0]}/approve")
        assert (r.status_code, r.json()) == (
            403,
            {"message": "You are not allowed to approve a user"},
        )
    async with mod.client(mod.admin_token) as c:
        r = await c.post(f"/api/v4/users/{pending[0]}/approve")
        assert (r.status_code, r.json()) == (201, {"message": "Success"})
        r = await c.post(f"/api/v4/users/{pending[0]}/approve")
        assert r.status_code == 409
        assert r.json() == {"message": "The user you are trying to approve is not pending approval"}
        r = await c.post(f"/api/v4/users/{pending[1]}/reject")
        assert (r.status_code, r.json()) == (200, {"message": "Success"})
        assert (await c.get(f"/api/v4/users/{pending[1]}")).status_code == 404
        r = await c.post(f"/api/v4/users/{pending[0]}/reject")
        assert (r.status_code, r.json()) == (
            409,
            {"message": "User does not have a pending request"},
        )


async def test_moderation_is_visible_in_lists(mod: FakeGitLab) -> None:
    uid = pick(mod, "active")
    async with mod.client(mod.admin_token) as c:
        before = (await c.get("/api/v4/users", params={"per_page": 100, "blocked": "true"})).json()
        await c.post(f"/api/v4/users/{uid}/block")
        after = (await c.get("/api/v4/users", params={"per_page": 100, "blocked": "true"})).json()
    assert uid not in [u["id"] for u in before]
    assert uid in [u["id"] for u in after]
    assert next(u for u in after if u["id"] == uid)["state"] == "blocked"


async def test_disable_two_factor(mod: FakeGitLab) -> None:
    async with mod.client(mod.admin_token) as c:
        r = await c.patch("/api/v4/users/2/disable_two_factor")
        assert r.status_code == 204
        r = await c.patch("/api/v4/users/2/disable_two_factor")
        assert r.json() == {
            "message": "400 Bad request - Two-factor authentication is not enabled for this user"
        }
        mod.state.users[1].two_factor_enabled = True
        r = await c.patch("/api/v4/users/1/disable_two_factor")
        assert r.status_code == 403
