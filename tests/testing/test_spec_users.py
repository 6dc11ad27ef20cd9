"""``/users`` collection and single-user routes, ported from GitLab's
``spec/requests/api/users_spec.rb`` (each test names its ``describe``/``it``).

Skipped examples of these groups (the API cannot set them up):

==========================================================  =======================================
example                                                     why
==========================================================  =======================================
GET /users "when public level is restricted"                instance setting
                                                            (``restricted_visibility_levels``)
GET /users/:id "rate limit ... allowlist"                   instance setting (users allowlist)
POST /users "private_profile based on the application       instance setting
setting"                                                    (``user_defaults_to_private_profile``)
POST/PUT /users "pages unique domain"                       Pages project settings
PUT /users/:id "updates user's existing identity" (LDAP)    LDAP provider
``N+1 queries`` examples                                    database internals, not HTTP behaviour
``snowplow``/mailer expectations                            side channels, not HTTP behaviour
==========================================================  =======================================
"""

from __future__ import annotations

import httpx
from spec_support import STRONG_PASSWORD, add_email, add_group, add_user, token_of

from gitlab_users_client.testing import FakeGitLab

NEW = {"email": "spec@example.net", "name": "Spec", "username": "spec", "password": STRONG_PASSWORD}


# -- GET /users ---------------------------------------------------------------------------
async def test_get_users_anonymous_without_username_is_403(anon: httpx.AsyncClient) -> None:
    """users_spec GET /users, unauthenticated: authorization error without `username`."""
    r = await anon.get("/api/v4/users")
    assert (r.status_code, r.json()) == (
        403,
        {"message": "403 Forbidden - Not authorized to access /api/v4/users"},
    )


async def test_get_users_anonymous_by_username_case_insensitive(anon: httpx.AsyncClient) -> None:
    """users_spec GET /users, unauthenticated: the user for `username` (case insensitive),
    without highest_role or sign-in IPs."""
    for name in ("john_smith", "JOHN_SMITH"):
        body = (await anon.get("/api/v4/users", params={"username": name})).json()
        assert [u["username"] for u in body] == ["john_smith"]
        assert not {"highest_role", "current_sign_in_ip", "last_sign_in_ip"} & set(body[0])


async def test_get_users_anonymous_unknown_username_is_empty(anon: httpx.AsyncClient) -> None:
    """users_spec GET /users: an empty response for an invalid `username`."""
    r = await anon.get("/api/v4/users", params={"username": "invalid"})
    assert (r.status_code, r.json()) == (200, [])


async def test_get_users_as_user_hides_admin_fields(user: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin notes): a regular user sees no note, namespace_id,
    created_by or is_admin; pagination headers are there."""
    r = await user.get("/api/v4/users")
    assert r.status_code == 200 and "X-Total" in r.headers
    assert not {"note", "namespace_id", "created_by", "is_admin"} & set(r.json()[0])


async def test_get_users_as_admin_shows_admin_fields(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin notes): an admin sees note, namespace_id, created_by."""
    body = (await admin.get("/api/v4/users", params={"username": "john_smith"})).json()
    assert {"note", "namespace_id", "created_by", "is_admin"} <= set(body[0])
    assert body[0]["created_by"]["id"] == 1


async def test_get_users_state_filters(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec GET /users: `blocked=true`, `active=true`, `exclude_active=true`,
    `external=true`, `humans=true` and `exclude_humans=true` filter as named."""
    add_user(fake, "spec_blocked", state="blocked")
    add_user(fake, "spec_external", external=True)
    add_user(fake, "spec_deactivated", state="deactivated")

    async def states(**params: str) -> list[dict[str, object]]:
        r = await user.get("/api/v4/users", params={**params, "per_page": "100"})
        assert r.status_code == 200
        result: list[dict[str, object]] = r.json()
        return result

    assert {u["state"] for u in await states(blocked="true")} <= {"blocked", "ldap_blocked"}
    assert {u["state"] for u in await states(active="true")} == {"active"}
    assert "active" not in {u["state"] for u in await states(exclude_active="true")}
    assert "spec_external" in {u["username"] for u in await states(external="true")}
    humans = {u["username"] for u in await states(humans="true")}
    assert "john_smith" in humans and "alert-bot" not in humans
    assert "alert-bot" in {u["username"] for u in await states(exclude_humans="true")}


async def test_get_users_extern_uid_needs_admin(user: httpx.AsyncClient) -> None:
    """users_spec GET /users: 403 when a non-admin searches by external UID."""
    r = await user.get(
        "/api/v4/users", params={"extern_uid": "2435223452345", "provider": "github"}
    )
    assert r.status_code == 403


async def test_get_users_extern_uid_as_admin(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin): one user by external UID; 400 for a provider without
    extern_uid and for an extern_uid without provider."""
    r = await admin.get(
        "/api/v4/users", params={"extern_uid": "2435223452345", "provider": "github"}
    )
    assert [u["username"] for u in r.json()] == ["john_smith"]
    assert (await admin.get("/api/v4/users", params={"provider": "github"})).status_code == 400
    assert (await admin.get("/api/v4/users", params={"extern_uid": "1"})).status_code == 400


async def test_get_users_bad_order_by_is_400(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin): 400 when provided incorrect sort params."""
    r = await admin.get("/api/v4/users", params={"order_by": "magic", "sort": "asc"})
    assert (r.status_code, r.json()) == (400, {"error": "order_by does not have a valid value"})


async def test_get_users_sorted_by_id_asc(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin): the correct order when sorted by id."""
    ids = [u["id"] for u in (await admin.get("/api/v4/users?order_by=id&sort=asc")).json()]
    assert ids == sorted(ids) and ids[0] == 1


async def test_get_users_search_prioritizes_username(
    fake: FakeGitLab, user: httpx.AsyncClient
) -> None:
    """users_spec GET /users with search: prioritizes username match; `sort=desc` keeps the
    requested order."""
    add_user(fake, "a-user")
    add_user(fake, "a-user2")
    names = [u["username"] for u in (await user.get("/api/v4/users?search=a-user")).json()]
    assert names[:2] == ["a-user", "a-user2"]
    names = [
        u["username"] for u in (await user.get("/api/v4/users?search=a-user&sort=desc")).json()
    ]
    assert names[:2] == ["a-user2", "a-user"]


async def test_get_users_created_before_after(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin): users created before / between given dates."""
    from datetime import UTC, datetime

    add_user(fake, "spec_y2k")
    fake.state.users[fake.state.username_index["spec_y2k"]].created_at = datetime(
        2000, 1, 1, tzinfo=UTC
    )
    r = await admin.get("/api/v4/users", params={"created_before": "2000-01-02T00:00:00.060Z"})
    assert [u["username"] for u in r.json()] == ["spec_y2k"]
    r = await admin.get(
        "/api/v4/users",
        params={
            "created_before": "2000-01-02T00:00:00.060Z",
            "created_after": "1999-01-02T00:00:00.060",
        },
    )
    assert [u["username"] for u in r.json()] == ["spec_y2k"]


async def test_get_users_two_factor_and_admins(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users (admin): `two_factor=enabled` and `admins=true`."""
    tfa = (await admin.get("/api/v4/users?two_factor=enabled&per_page=100")).json()
    assert tfa and all(u["two_factor_enabled"] for u in tfa)
    admins = (await admin.get("/api/v4/users?admins=true&per_page=100")).json()
    assert admins and all(u["is_admin"] for u in admins)


async def test_get_users_keyset_and_offset(user: httpx.AsyncClient) -> None:
    """users_spec GET /users: it_behaves_like 'an endpoint with keyset pagination' (a Link
    to the next page, no offset headers, the pages do not overlap); still supports offset
    pagination when keyset parameters are not provided."""
    first = await user.get("/api/v4/users?pagination=keyset&per_page=2&order_by=id&sort=asc")
    assert "X-Total" not in first.headers and 'rel="next"' in first.headers["Link"]
    url = first.headers["Link"].split(">", 1)[0].lstrip("<")
    second = await user.get(url)
    ids = [u["id"] for u in first.json()] + [u["id"] for u in second.json()]
    assert ids == sorted(set(ids)) and len(ids) == 4
    assert "X-Total" in (await user.get("/api/v4/users")).headers


async def test_get_users_with_sudo_does_not_500(fake: FakeGitLab) -> None:
    """users_spec GET /users "when sudo is defined": does not return 500."""
    async with fake.client(fake.admin_token) as c:
        assert (await c.get("/api/v4/users?sudo=2")).status_code == 200


# -- GET /users/:id -------------------------------------------------------------------------
async def test_get_user_as_user(user: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id: a user by id, without is_admin, highest_role, sign-in IPs,
    note or sign_in_count."""
    body = (await user.get("/api/v4/users/1")).json()
    assert body["username"] == "root"
    hidden = {"is_admin", "highest_role", "current_sign_in_ip", "note", "sign_in_count"}
    assert not hidden & set(body)


async def test_get_user_private_profile_hides_fields(
    fake: FakeGitLab, user: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:id: created_at, followers and following only for public users."""
    private = add_user(fake, "spec_private", private_profile=True)
    body = (await user.get(f"/api/v4/users/{private.id}")).json()
    assert not {"created_at", "followers", "following"} & set(body)
    public = (await user.get("/api/v4/users/1")).json()
    assert {"created_at", "followers", "following"} <= set(public)


async def test_get_user_as_admin(admin: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id as admin: note, sign_in_count, is_admin, highest_role,
    namespace_id."""
    body = (await admin.get("/api/v4/users/2")).json()
    assert {"note", "sign_in_count", "highest_role", "namespace_id"} <= set(body)
    assert body["is_admin"] is False


async def test_get_user_anonymous_403(anon: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id for an anonymous user: 403."""
    assert (await anon.get("/api/v4/users/2")).status_code == 403


async def test_get_user_not_found_and_invalid_id(user: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id: 404 `404 User Not Found`; 404 for the invalid ID 1ASDF."""
    r = await user.get("/api/v4/users/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    assert (await user.get("/api/v4/users/1ASDF")).status_code == 404


# -- GET /users/:id_or_username/status -------------------------------------------------------
async def test_user_status_by_id_and_username(user: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id_or_username/status (shared 'rendering user status'): by id,
    username and upper-cased username."""
    for ref in ("2", "john_smith", "JOHN_SMITH"):
        body = (await user.get(f"/api/v4/users/{ref}/status")).json()
        assert body["message"] and body["message_html"] and body["emoji"]


async def test_user_status_empty(user: httpx.AsyncClient) -> None:
    """users_spec 'rendering user status': an empty response if there was no status."""
    body = (await user.get("/api/v4/users/1/status")).json()
    assert body["message"] is None and body["emoji"] is None


# -- follow ---------------------------------------------------------------------------------
async def test_follow_and_limit(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/follow: follows (201); 304 on a followed user; 400 with
    GitLab's message over the followee limit."""
    followee = add_user(fake, "spec_followee")
    assert (await user.post(f"/api/v4/users/{followee.id}/follow")).status_code == 201
    assert (await user.post(f"/api/v4/users/{followee.id}/follow")).status_code == 304
    fake.state.config.follow_limit = len(fake.state.following[2])
    other = add_user(fake, "spec_other")
    r = await user.post(f"/api/v4/users/{other.id}/follow")
    assert r.status_code == 400
    assert r.json()["message"].startswith("You can't follow more than")


async def test_follow_disabled_following(fake: FakeGitLab) -> None:
    """users_spec POST /users/:id/follow on a user with disabled following: 304."""
    me = add_user(fake, "spec_nofollow", enabled_following=False)
    target = add_user(fake, "spec_target")
    async with fake.client(token_of(fake, me)) as c:
        assert (await c.post(f"/api/v4/users/{target.id}/follow")).status_code == 304


async def test_unfollow(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/unfollow: 201 for a followed user, 304 otherwise."""
    followee = add_user(fake, "spec_unfollow")
    assert (await user.post(f"/api/v4/users/{followee.id}/unfollow")).status_code == 304
    await user.post(f"/api/v4/users/{followee.id}/follow")
    assert (await user.post(f"/api/v4/users/{followee.id}/unfollow")).status_code == 201


async def test_followers_and_following(
    fake: FakeGitLab, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:id/followers and /following: lists with pagination headers;
    404 `404 User Not Found` for a private profile; 403 anonymous; empty when none."""
    private = add_user(fake, "spec_priv_follow", private_profile=True)
    lonely = add_user(fake, "spec_lonely")
    for what in ("followers", "following"):
        r = await user.get(f"/api/v4/users/2/{what}")
        assert r.status_code == 200 and "X-Total" in r.headers
        r = await user.get(f"/api/v4/users/{private.id}/{what}")
        assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
        assert (await anon.get(f"/api/v4/users/2/{what}")).status_code == 403
        assert (await user.get(f"/api/v4/users/{lonely.id}/{what}")).json() == []


# -- POST /users ----------------------------------------------------------------------------
async def test_create_user(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: creates user (201, admin entity) with correct attributes;
    non-admin and non-external by default; note and identity stored."""
    r = await admin.post(
        "/api/v4/users",
        json={**NEW, "note": "Awesome Note", "provider": "github", "extern_uid": "67890"},
    )
    assert r.status_code == 201
    body = r.json()
    assert (body["is_admin"], body["external"], body["note"]) == (False, False, "Awesome Note")
    assert [(i["provider"], i["extern_uid"]) for i in body["identities"]] == [("github", "67890")]


async def test_create_user_with_optional_attributes(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: creates user with theme_id 2 and color_scheme_id 4, admin
    and can_create_group."""
    r = await admin.post(
        "/api/v4/users",
        json={**NEW, "theme_id": 2, "color_scheme_id": 4, "admin": True, "can_create_group": True},
    )
    assert r.status_code == 201
    body = r.json()
    assert (body["theme_id"], body["color_scheme_id"], body["is_admin"]) == (2, 4, True)


async def test_create_user_reset_and_random_password(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: creates user with reset password / with random password."""
    base = {k: v for k, v in NEW.items() if k != "password"}
    r = await admin.post("/api/v4/users", json={**base, "reset_password": True})
    assert r.status_code == 201
    r = await admin.post(
        "/api/v4/users",
        json={**base, "email": "r2@example.net", "username": "r2", "force_random_password": True},
    )
    assert r.status_code == 201


async def test_create_user_private_profile(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: creates user with private profile."""
    r = await admin.post("/api/v4/users", json={**NEW, "private_profile": True})
    assert r.status_code == 201 and r.json()["private_profile"] is True


async def test_create_user_missing_params(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: 400 if name, password, email or username is not given."""
    for missing in ("name", "password", "email", "username"):
        r = await admin.post("/api/v4/users", json={k: v for k, v in NEW.items() if k != missing})
        assert r.status_code == 400, missing


async def test_create_user_invalid_optional_attributes(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec POST /users: doesn't create user with invalid theme_id / color_scheme_id."""
    before = len(fake.state.users)
    r = await admin.post("/api/v4/users", json={**NEW, "theme_id": 50, "color_scheme_id": 50})
    assert r.status_code == 400
    assert r.json()["message"] == {
        "theme_id": ["50 is not a valid theme"],
        "color_scheme_id": ["50 is not a valid color scheme"],
    }
    assert len(fake.state.users) == before


async def test_create_user_does_not_validate(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: 400 if the user does not validate (password, bio,
    projects_limit, username)."""
    r = await admin.post(
        "/api/v4/users",
        json={
            "password": "pass",
            "email": "test@example.com",
            "username": "test!",
            "name": "test",
            "bio": "g" * 256,
            "projects_limit": -1,
        },
    )
    msg = r.json()["message"]
    assert r.status_code == 400
    assert msg["password"] == ["is too short (minimum is 8 characters)"]
    assert msg["bio"] == ["is too long (maximum is 255 characters)"]
    assert msg["projects_limit"] == ["must be greater than or equal to 0"]
    assert msg["username"]


async def test_create_user_weak_password(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users: tracks weak password errors ("password")."""
    r = await admin.post("/api/v4/users", json={**NEW, "password": "password"})
    assert (r.status_code, r.json()["message"]["password"]) == (
        400,
        ["must not contain commonly used combinations of words and letters"],
    )


async def test_create_user_password_containing_username(admin: httpx.AsyncClient) -> None:
    """Security::WeakPasswords (used by the users_spec weak password examples): a password
    that contains the username is weak."""
    r = await admin.post(
        "/api/v4/users", json={**NEW, "username": "kowalski", "password": "xKowalski99!"}
    )
    assert r.status_code == 400 and "password" in r.json()["message"]


async def test_create_user_not_admin(user: httpx.AsyncClient) -> None:
    """users_spec POST /users: not available for non admin users (403)."""
    assert (await user.post("/api/v4/users", json=NEW)).status_code == 403


async def test_create_user_conflicts(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec POST /users with existing user: 409 for the same email, the same username
    (also case insensitive), a confirmed or unconfirmed primary email and a confirmed
    secondary email."""
    unconfirmed = add_user(fake, "spec_unconf", confirmed_at=None)
    holder = add_user(fake, "spec_holder")
    add_email(fake, holder, "confirmed2nd@example.net", confirmed=True)
    cases = [
        ({"email": "john@example.com"}, "Email has already been taken"),
        ({"email": unconfirmed.email}, "Email has already been taken"),
        ({"email": "confirmed2nd@example.net"}, "Email has already been taken"),
        ({"username": "john_smith"}, "Username has already been taken"),
        ({"username": "JOHN_SMITH"}, "Username has already been taken"),
    ]
    for change, message in cases:
        r = await admin.post("/api/v4/users", json={**NEW, **change})
        assert (r.status_code, r.json()) == (409, {"message": message}), change


async def test_create_user_unconfirmed_secondary_email(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec POST /users "when the secondary email is unconfirmed": does not create
    user, 400 (not 409)."""
    holder = add_user(fake, "spec_holder2")
    add_email(fake, holder, "pending2nd@example.net", confirmed=False)
    r = await admin.post("/api/v4/users", json={**NEW, "email": "pending2nd@example.net"})
    assert (r.status_code, r.json()) == (400, {"message": {"email": ["has already been taken"]}})


async def test_create_user_read_user_scope_not_allowed(fake: FakeGitLab) -> None:
    """users_spec POST /users scopes: does not allow the "read_user" scope."""
    admin = fake.state.users[1]
    async with fake.client(token_of(fake, admin, "read_user")) as c:
        r = await c.post("/api/v4/users", json=NEW)
    assert (r.status_code, r.json()["error"]) == (403, "insufficient_scope")


async def test_create_user_unauthenticated(anon: httpx.AsyncClient) -> None:
    """users_spec POST /users (admin notes) when unauthenticated: 401."""
    assert (await anon.post("/api/v4/users", json=NEW)).status_code == 401


# -- PUT /users/:id ---------------------------------------------------------------------------
async def test_update_user_bio(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: 200 with the admin entity; new bio, empty bio, nil bio."""
    for sent, stored in (("new test bio", "new test bio"), ("", ""), (None, "")):
        r = await admin.put("/api/v4/users/2", json={"bio": sent})
        assert (r.status_code, r.json()["bio"]) == (200, stored)
        assert "is_admin" in r.json()


async def test_update_user_organization_admin_external(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: updates organization, admin status and external status."""
    r = await admin.put("/api/v4/users/2", json={"organization": "GitLab", "external": True})
    assert (r.json()["organization"], r.json()["external"]) == ("GitLab", True)
    assert (await admin.put("/api/v4/users/2", json={"admin": True})).json()["is_admin"] is True


async def test_update_user_email_needs_reconfirmation(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec PUT /users/:id "updates user with a new email": the user stays confirmed
    with the old email; the new one waits as unconfirmed_email."""
    r = await admin.put("/api/v4/users/2", json={"email": "new@email.com"})
    assert (r.status_code, r.json()["email"]) == (200, "john@example.com")
    john = fake.state.users[2]
    assert (john.email, john.unconfirmed_email) == ("john@example.com", "new@email.com")
    assert john.confirmed_at is not None


async def test_update_user_email_skip_reconfirmation(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec PUT /users/:id: skips reconfirmation when requested."""
    r = await admin.put(
        "/api/v4/users/2", json={"email": "new@email.com", "skip_reconfirmation": True}
    )
    assert (r.status_code, r.json()["email"]) == (200, "new@email.com")
    assert fake.state.users[2].confirmed_at is not None


async def test_update_user_own_username(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: updates user with their own username."""
    r = await admin.put("/api/v4/users/2", json={"username": "john_smith"})
    assert (r.status_code, r.json()["username"]) == (200, "john_smith")


async def test_update_user_new_identity(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: updates user with new identity; 400 if provider or
    extern_uid is missing for an identity update."""
    r = await admin.put("/api/v4/users/2", json={"provider": "gitlab_sso", "extern_uid": "john"})
    assert ("gitlab_sso", "john") in [
        (i["provider"], i["extern_uid"]) for i in r.json()["identities"]
    ]
    assert (await admin.put("/api/v4/users/2", json={"extern_uid": "654321"})).status_code == 400
    assert (await admin.put("/api/v4/users/2", json={"provider": "ldap"})).status_code == 400


async def test_update_user_theme_and_color_scheme(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec PUT /users/:id: updates theme id / color scheme id; does not update an
    invalid theme id / color scheme id (400, unchanged); keeps both when not provided."""
    r = await admin.put("/api/v4/users/2", json={"theme_id": 5, "color_scheme_id": 5})
    assert (r.json()["theme_id"], r.json()["color_scheme_id"]) == (5, 5)
    for field in ("theme_id", "color_scheme_id"):
        r = await admin.put("/api/v4/users/2", json={field: 50})
        assert r.status_code == 400
        assert getattr(fake.state.users[2], field) == 5
    r = await admin.put("/api/v4/users/2", json={})
    assert (r.json()["theme_id"], r.json()["color_scheme_id"]) == (5, 5)


async def test_update_user_private_profile(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id updating `private_profile`: updates it; unchanged when not
    provided."""
    assert (await admin.put("/api/v4/users/2", json={"private_profile": True})).json()[
        "private_profile"
    ] is True
    assert (await admin.put("/api/v4/users/2", json={})).json()["private_profile"] is True


async def test_update_user_view_diffs_file_by_file(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """users_spec PUT /users/:id: updates viewing diffs file by file."""
    await admin.put("/api/v4/users/2", json={"view_diffs_file_by_file": True})
    assert fake.state.preferences_of(fake.state.users[2]).view_diffs_file_by_file is True


async def test_update_user_password(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id updating password: forces a reset for another user, not for
    the admin themself; a weak password is 400 with GitLab's message."""
    assert (
        await admin.put("/api/v4/users/2", json={"password": STRONG_PASSWORD})
    ).status_code == 200
    assert fake.state.users[2].password_expires_at is not None
    await admin.put("/api/v4/users/1", json={"password": STRONG_PASSWORD})
    assert fake.state.users[1].password_expires_at is None
    r = await admin.put("/api/v4/users/2", json={"password": "password"})
    assert (r.status_code, r.json()["message"]["password"]) == (
        400,
        ["must not contain commonly used combinations of words and letters"],
    )


async def test_update_user_invalid(admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: does not allow invalid update (invalid email); 400 if the
    user does not validate."""
    r = await admin.put("/api/v4/users/2", json={"email": "invalid email"})
    assert r.status_code == 400
    r = await admin.put(
        "/api/v4/users/2", json={"password": "pass", "bio": "g" * 256, "projects_limit": -1}
    )
    msg = r.json()["message"]
    assert msg["password"] == ["is too short (minimum is 8 characters)"]
    assert msg["bio"] == ["is too long (maximum is 255 characters)"]
    assert msg["projects_limit"] == ["must be greater than or equal to 0"]


async def test_update_user_not_admin_and_missing(
    user: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    """users_spec PUT /users/:id: not available to a non-admin (403); 404 `404 User Not
    Found` for a non-existing user; 404 for the invalid ID ASDF."""
    assert (await user.put("/api/v4/users/2", json={"bio": "x"})).status_code == 403
    r = await admin.put("/api/v4/users/999999", json={"bio": "update should fail"})
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    assert (await admin.put("/api/v4/users/ASDF")).status_code == 404


async def test_update_user_conflicts(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id: 409 for a taken email (primary confirmed or unconfirmed,
    confirmed secondary) and a taken username (case insensitive); 400 for an unconfirmed
    secondary email; nothing changes."""
    unconfirmed = add_user(fake, "spec_unconf_p", confirmed_at=None)
    holder = add_user(fake, "spec_holder_p")
    add_email(fake, holder, "c2@example.net", confirmed=True)
    add_email(fake, holder, "u2@example.net", confirmed=False)
    for change in (
        {"email": "admin@example.com"},
        {"email": unconfirmed.email},
        {"email": "c2@example.net"},
        {"username": "root"},
        {"username": "ROOT"},
    ):
        assert (await admin.put("/api/v4/users/2", json=change)).status_code == 409, change
    r = await admin.put("/api/v4/users/2", json={"email": "u2@example.net"})
    assert r.status_code == 400
    john = fake.state.users[2]
    assert (john.email, john.username) == ("john@example.com", "john_smith")


async def test_update_user_note(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    """users_spec PUT /users/:id (admin notes): updates the note; a user cannot update
    their own note (403)."""
    r = await admin.put("/api/v4/users/2", json={"note": "2019-07-07 | Email changed"})
    assert r.json()["note"] == "2019-07-07 | Email changed"
    assert (await user.put("/api/v4/users/2", json={"note": "new note"})).status_code == 403


# -- DELETE /users/:id ------------------------------------------------------------------------
async def test_delete_user(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec DELETE /users/:id: deletes user (204); 401 unauthenticated; 403 for a
    non-admin; 404 for a non-existing user and for the invalid ID ASDF."""
    victim = add_user(fake, "spec_victim")
    assert (await anon.delete(f"/api/v4/users/{victim.id}")).status_code == 401
    assert (await user.delete(f"/api/v4/users/{victim.id}")).status_code == 403
    assert (await admin.delete(f"/api/v4/users/{victim.id}")).status_code == 204
    r = await admin.delete("/api/v4/users/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    assert (await admin.delete("/api/v4/users/ASDF")).status_code == 404


async def test_delete_sole_group_owner(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec DELETE /users/:id sole owner of a group: 409 without hard_delete; with
    hard_delete the user and the group go."""
    owner = add_user(fake, "spec_owner")
    group = add_group(fake, "spec-group")
    fake.state.add_membership(owner.id, "Namespace", group.id, 50)
    assert (await admin.delete(f"/api/v4/users/{owner.id}")).status_code == 409
    assert (await admin.delete(f"/api/v4/users/{owner.id}?hard_delete=true")).status_code == 204
    assert group.id not in fake.state.groups


async def test_delete_user_412(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec DELETE /users/:id: it_behaves_like '412 response' (stale
    If-Unmodified-Since)."""
    victim = add_user(fake, "spec_412")
    r = await admin.delete(
        f"/api/v4/users/{victim.id}",
        headers={"If-Unmodified-Since": "Thu, 01 Jan 2009 00:00:00 GMT"},
    )
    assert (r.status_code, r.json()) == (412, {"message": "412 Precondition Failed"})


# -- identities, credit card ------------------------------------------------------------------
async def test_delete_identity(
    fake: FakeGitLab, admin: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec DELETE /users/:id/identities/:provider: 401 unauthenticated; deletes
    (204); 404 `404 User Not Found`; 404 `404 Identity Not Found`."""
    assert (await anon.delete("/api/v4/users/2/identities/github")).status_code == 401
    assert (await admin.delete("/api/v4/users/2/identities/github")).status_code == 204
    assert fake.state.users[2].identities == []
    r = await admin.delete("/api/v4/users/999999/identities/github")
    assert r.json() == {"message": "404 User Not Found"}
    r = await admin.delete("/api/v4/users/2/identities/saml")
    assert (r.status_code, r.json()) == (404, {"message": "404 Identity Not Found"})


CARD = {
    "credit_card_validated_at": "2020-01-01T00:00:00Z",
    "credit_card_expiration_year": 2036,
    "credit_card_expiration_month": 1,
    "credit_card_holder_name": "John Smith",
    "credit_card_type": "American Express",
    "credit_card_mask_number": "1111",
}


async def test_credit_card_validation(
    admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec PUT /user/:id/credit_card_validation: 401 unauthenticated, 403 non-admin,
    200 for an admin, 400 when credit_card_validated_at is missing, 404 `404 User Not
    Found`."""
    assert (await anon.put("/api/v4/user/2/credit_card_validation", json={})).status_code == 401
    assert (await user.put("/api/v4/user/2/credit_card_validation", json=CARD)).status_code == 403
    assert (await admin.put("/api/v4/user/2/credit_card_validation", json=CARD)).status_code == 200
    assert (await admin.put("/api/v4/user/2/credit_card_validation", json={})).status_code == 400
    r = await admin.put("/api/v4/user/999999/credit_card_validation", json=CARD)
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
