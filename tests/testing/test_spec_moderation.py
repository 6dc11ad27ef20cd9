"""Moderation and two-factor routes, ported from GitLab's
``spec/requests/api/users_spec.rb``; each test names its ``describe``/``it``.

Skipped examples of these groups:

===========================================================  ================================
example                                                      why
===========================================================  ================================
PATCH /users/:id/disable_two_factor "uses TwoFactor          service-call expectation, not
Destroy Service"                                             HTTP behaviour
POST /users/:id/block "saves a custom attribute"             needs the frozen clock of the
(and unblock)                                                spec's insider-threat feature
``admin_mode`` permission shared examples                    instance setting (admin mode)
===========================================================  ================================
"""

from __future__ import annotations

import httpx
from spec_support import add_user

from gitlab_users_client.testing import FakeGitLab

DORMANT = 91  # days without activity that GitLab's default dormant period accepts


async def post(client: httpx.AsyncClient, uid: int | str, action: str) -> httpx.Response:
    return await client.post(f"/api/v4/users/{uid}/{action}")


# -- disable_two_factor --------------------------------------------------------------------
async def test_disable_two_factor(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec PATCH /users/:id/disable_two_factor: 204 and 2FA off; 400 `400 Bad request
    - Two-factor authentication is not enabled for this user`; 403 for an admin target with
    GitLab's message; 404 `404 User Not Found`; 403 `403 Forbidden` for a non-admin; 401
    unauthenticated."""
    with_2fa = add_user(fake, "spec_2fa", two_factor_enabled=True)
    without = add_user(fake, "spec_no2fa")
    admin_2fa = add_user(fake, "spec_admin_2fa", two_factor_enabled=True, is_admin=True)
    path = f"/api/v4/users/{with_2fa.id}/disable_two_factor"
    assert (await anon.patch(path)).status_code == 401
    r = await user.patch(path)
    assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})
    assert (await admin.patch(path)).status_code == 204
    assert with_2fa.two_factor_enabled is False
    r = await admin.patch(f"/api/v4/users/{without.id}/disable_two_factor")
    assert (r.status_code, r.json()) == (
        400,
        {"message": "400 Bad request - Two-factor authentication is not enabled for this user"},
    )
    r = await admin.patch(f"/api/v4/users/{admin_2fa.id}/disable_two_factor")
    assert r.json() == {
        "message": "403 Forbidden - Two-factor authentication for admins cannot be disabled via "
        "the API. Use the Rails console"
    }
    r = await admin.patch("/api/v4/users/999999/disable_two_factor")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


# -- activate / deactivate -----------------------------------------------------------------
async def test_activate(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec POST /users/:id/activate: 403 for a non-admin; activates a deactivated user;
    201 for an active user; 403 with GitLab's message for a blocked and an LDAP-blocked
    user; 404 `404 User Not Found`."""
    deactivated = add_user(fake, "spec_deact", state="deactivated")
    blocked = add_user(fake, "spec_blocked", state="blocked")
    ldap = add_user(fake, "spec_ldap", state="ldap_blocked")
    assert (await post(user, deactivated.id, "activate")).status_code == 403
    assert (await post(admin, deactivated.id, "activate")).status_code == 201
    assert deactivated.state == "active"
    assert (await post(admin, deactivated.id, "activate")).status_code == 201
    for target in (blocked, ldap):
        r = await post(admin, target.id, "activate")
        assert (r.status_code, r.json()) == (
            403,
            {"message": "Error occurred. A blocked user must be unblocked to be activated"},
        )
    r = await post(admin, 999999, "activate")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


async def test_deactivate(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec POST /users/:id/deactivate: 403 for a non-admin; deactivates a dormant
    user; 403 with the dormant-period message for a recently active one; 201 for a
    deactivated user; 403 for blocked and LDAP-blocked users; 403 `Internal users cannot be
    deactivated`; 404."""
    today = fake.state.clock.today()
    from datetime import timedelta

    dormant = add_user(fake, "spec_dormant", last_activity_on=today - timedelta(days=DORMANT))
    recent = add_user(fake, "spec_recent", last_activity_on=today - timedelta(days=89))
    deactivated = add_user(fake, "spec_deact2", state="deactivated")
    blocked = add_user(fake, "spec_blocked2", state="blocked")
    ldap = add_user(fake, "spec_ldap2", state="ldap_blocked")
    assert (await post(user, dormant.id, "deactivate")).status_code == 403
    assert (await post(admin, dormant.id, "deactivate")).status_code == 201
    assert dormant.state == "deactivated"
    r = await post(admin, recent.id, "deactivate")
    assert (r.status_code, r.json()) == (
        403,
        {
            "message": "The user you are trying to deactivate has been active in the past 90 "
            "days and cannot be deactivated"
        },
    )
    assert (await post(admin, deactivated.id, "deactivate")).status_code == 201
    for target in (blocked, ldap):
        r = await post(admin, target.id, "deactivate")
        assert r.json() == {"message": "Error occurred. A blocked user cannot be deactivated"}
    r = await post(admin, 3, "deactivate")  # alert-bot
    assert (r.status_code, r.json()) == (403, {"message": "Internal users cannot be deactivated"})
    assert (await post(admin, 999999, "deactivate")).json() == {"message": "404 User Not Found"}


# -- approve / reject ------------------------------------------------------------------------
async def test_approve(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/approve: 403 `You are not allowed to approve a user` for a
    non-admin; 201 `Success` for a pending user; 409 `The user you are trying to approve is
    not pending approval` for deactivated, active, blocked and LDAP-blocked users; 404."""
    pending = add_user(fake, "spec_pending", state="blocked_pending_approval")
    r = await post(user, pending.id, "approve")
    assert (r.status_code, r.json()) == (403, {"message": "You are not allowed to approve a user"})
    r = await post(admin, pending.id, "approve")
    assert (r.status_code, r.json()) == (201, {"message": "Success"})
    assert pending.state == "active"
    for state in ("deactivated", "active", "blocked", "ldap_blocked"):
        target = add_user(fake, f"spec_not_pending_{state}", state=state)
        r = await post(admin, target.id, "approve")
        assert (r.status_code, r.json()) == (
            409,
            {"message": "The user you are trying to approve is not pending approval"},
        ), state
        assert target.state == state
    assert (await post(admin, 999999, "approve")).json() == {"message": "404 User Not Found"}


async def test_reject(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/reject: 403 `You are not allowed to reject a user` for a
    non-admin; 409 `User does not have a pending request` for deactivated, active, blocked
    and LDAP-blocked users; 404; a pending user is rejected (and deleted): 200
    `{"message":"Success"}`."""
    pending = add_user(fake, "spec_pending_r", state="blocked_pending_approval")
    r = await post(user, pending.id, "reject")
    assert (r.status_code, r.json()) == (403, {"message": "You are not allowed to reject a user"})
    for state in ("deactivated", "active", "blocked", "ldap_blocked"):
        target = add_user(fake, f"spec_not_pending_r_{state}", state=state)
        r = await post(admin, target.id, "reject")
        assert (r.status_code, r.json()) == (
            409,
            {"message": "User does not have a pending request"},
        )
    assert (await post(admin, 999999, "reject")).json() == {"message": "404 User Not Found"}
    r = await post(admin, pending.id, "reject")
    assert (r.status_code, r.json()) == (200, {"message": "Success"})
    assert pending.id not in fake.state.users


# -- block / unblock ---------------------------------------------------------------------------
async def test_block(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/block: blocks (201, body `true`); 403 for an LDAP-blocked
    user; 404; 403 `An internal user cannot be blocked`; 201 with body `null` for a blocked
    user; 403 for the API initiating user; 403 for a non-admin."""
    target = add_user(fake, "spec_to_block")
    ldap = add_user(fake, "spec_ldap3", state="ldap_blocked")
    assert (await post(user, target.id, "block")).status_code == 403
    r = await post(admin, target.id, "block")
    assert (r.status_code, r.content, target.state) == (201, b"true", "blocked")
    r = await post(admin, target.id, "block")
    assert (r.status_code, r.content) == (201, b"null")
    assert (await post(admin, ldap.id, "block")).status_code == 403
    assert ldap.state == "ldap_blocked"
    assert (await post(admin, 999999, "block")).json() == {"message": "404 User Not Found"}
    r = await post(admin, 3, "block")
    assert (r.status_code, r.json()) == (403, {"message": "An internal user cannot be blocked"})
    r = await post(admin, 1, "block")
    assert r.json() == {
        "message": "403 Forbidden - The API initiating user cannot be blocked by the API"
    }


async def test_unblock(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/unblock: 201 for an existing user; unblocks a blocked
    user; 403 for LDAP-blocked and deactivated users; 404; 404 for the invalid id ASDF;
    403 for a non-admin."""
    blocked = add_user(fake, "spec_blocked4", state="blocked")
    ldap = add_user(fake, "spec_ldap4", state="ldap_blocked")
    deactivated = add_user(fake, "spec_deact4", state="deactivated")
    assert (await post(user, blocked.id, "unblock")).status_code == 403
    assert (await post(admin, 2, "unblock")).status_code == 201
    assert (await post(admin, blocked.id, "unblock")).status_code == 201
    assert blocked.state == "active"
    assert (await post(admin, ldap.id, "unblock")).status_code == 403
    assert (await post(admin, deactivated.id, "unblock")).status_code == 403
    assert deactivated.state == "deactivated"
    assert (await post(admin, 999999, "unblock")).json() == {"message": "404 User Not Found"}
    assert (await post(admin, "ASDF", "unblock")).status_code == 404


# -- ban / unban ---------------------------------------------------------------------------------
async def test_ban(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/ban: bans an active user (201 `true`); 403 `You cannot ban
    ldap_blocked users.` / `deactivated users.` / `banned users.`; 404; 404 for ASDF; 403
    for a non-admin."""
    active = add_user(fake, "spec_active5")
    assert (await post(user, active.id, "ban")).status_code == 403
    r = await post(admin, active.id, "ban")
    assert (r.status_code, r.content, active.state) == (201, b"true", "banned")
    for state in ("ldap_blocked", "deactivated", "banned"):
        target = add_user(fake, f"spec_ban_{state}", state=state)
        r = await post(admin, target.id, "ban")
        assert (r.status_code, r.json()) == (403, {"message": f"You cannot ban {state} users."})
        assert target.state == state
    assert (await post(admin, 999999, "ban")).json() == {"message": "404 User Not Found"}
    assert (await post(admin, "ASDF", "ban")).status_code == 404


async def test_unban(fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/unban: activates a banned user; 403 `You cannot unban
    ldap_blocked users.` / `deactivated users.` / `active users.`; 404; 404 for ASDF; 403 for
    a non-admin."""
    banned = add_user(fake, "spec_banned6", state="banned")
    assert (await post(user, banned.id, "unban")).status_code == 403
    assert (await post(admin, banned.id, "unban")).status_code == 201
    assert banned.state == "active"
    for state in ("ldap_blocked", "deactivated", "active"):
        target = add_user(fake, f"spec_unban_{state}", state=state)
        r = await post(admin, target.id, "unban")
        assert (r.status_code, r.json()) == (403, {"message": f"You cannot unban {state} users."})
    assert (await post(admin, 999999, "unban")).json() == {"message": "404 User Not Found"}
    assert (await post(admin, "ASDF", "unban")).status_code == 404
