"""``/user`` routes (the authenticated user), ported from GitLab's
``spec/requests/api/users_spec.rb``; each test names its ``describe``/``it``.

Skipped examples of these groups:

============================================================  ====================================
example                                                       why
============================================================  ====================================
GET /user "get user info" for ``v3``                          the fake serves ``/api/v4`` only
                                                              (``/api/v3`` answers 410)
``admin_mode`` variants (admin without admin mode)            instance setting (admin mode)
PUT /user/avatar "over 200 KiB" with the fixture image        same check covered with generated
                                                              bytes; the fixture is not shipped
POST /user/support_pin "handles errors"                       needs a failing service stub
POST /user/personal_access_tokens "error thrown by the        needs a model stub
model"
============================================================  ====================================
"""

from __future__ import annotations

import httpx
from spec_support import ED25519, GPG, add_user, token_of

from gitlab_users_client.testing import FakeGitLab, ManualClock


# -- GET /user ------------------------------------------------------------------------------
async def test_get_user(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec GET /user 'get user info': the current user without note or namespace_id;
    401 if unauthenticated."""
    r = await user.get("/api/v4/user")
    assert (r.status_code, r.json()["id"]) == (200, 2)
    assert not {"note", "namespace_id", "is_admin"} & set(r.json())
    assert (await anon.get("/api/v4/user")).status_code == 401


async def test_get_user_as_admin(admin: httpx.AsyncClient) -> None:
    """users_spec GET /user with admin: the admin entity (is_admin, note)."""
    body = (await admin.get("/api/v4/user")).json()
    assert body["id"] == 1 and body["is_admin"] is True and "note" in body


async def test_get_user_sudo(fake: FakeGitLab) -> None:
    """users_spec GET /user sudo: another regular user without note; another admin with
    note; 403 for a regular user's token with sudo; 403 for an admin token without the
    sudo scope."""
    other_admin = add_user(fake, "spec_admin2", is_admin=True, note="2010-10-10 | 2FA added")
    async with fake.client(fake.admin_token) as c:
        body = (await c.get("/api/v4/user?sudo=2")).json()
        assert body["id"] == 2 and "note" not in body
        body = (await c.get(f"/api/v4/user?sudo={other_admin.id}")).json()
        assert body["note"] == "2010-10-10 | 2FA added"
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/user?sudo=123")).status_code == 403
    async with fake.client(token_of(fake, fake.state.users[1], "api")) as c:
        assert (await c.get("/api/v4/user?sudo=2")).status_code == 403


async def test_get_user_read_user_scope(fake: FakeGitLab) -> None:
    """users_spec GET /user scopes: allows the "read_user" scope."""
    async with fake.client(token_of(fake, fake.state.users[2], "read_user")) as c:
        assert (await c.get("/api/v4/user")).status_code == 200


async def test_read_user_scope_on_own_resources(fake: FakeGitLab) -> None:
    """users_spec GET /user/keys, /user/keys/:key_id, /user/gpg_keys, /user/gpg_keys/:key_id,
    /user/emails, /user/emails/:email_id scopes: allows the "read_user" scope (and it may
    not write)."""
    john = fake.state.users[2]
    async with fake.client(token_of(fake, john, "read_user")) as c:
        key = (await c.get("/api/v4/user/keys")).json()[0]
        email = (await c.get("/api/v4/user/emails")).json()[1]
        gpg = (await c.get("/api/v4/user/gpg_keys")).json()[0]
        for path in (
            f"/api/v4/user/keys/{key['id']}",
            f"/api/v4/user/emails/{email['id']}",
            f"/api/v4/user/gpg_keys/{gpg['id']}",
        ):
            assert (await c.get(path)).status_code == 200, path
        r = await c.post("/api/v4/user/emails", json={"email": "scope@example.net"})
        assert (r.status_code, r.json()["error"]) == (403, "insufficient_scope")


# -- preferences ----------------------------------------------------------------------------
async def test_preferences(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec GET/PUT /user/preferences: 401 unauthenticated; returns and updates
    view_diffs_file_by_file and show_whitespace_in_diffs."""
    assert (await anon.get("/api/v4/user/preferences")).status_code == 401
    assert (await anon.put("/api/v4/user/preferences")).status_code == 401
    r = await user.put(
        "/api/v4/user/preferences",
        json={"view_diffs_file_by_file": True, "show_whitespace_in_diffs": False},
    )
    assert (r.json()["view_diffs_file_by_file"], r.json()["show_whitespace_in_diffs"]) == (
        True,
        False,
    )
    body = (await user.get("/api/v4/user/preferences")).json()
    assert (body["view_diffs_file_by_file"], body["show_whitespace_in_diffs"]) == (True, False)


# -- SSH keys -----------------------------------------------------------------------------------
async def test_my_keys(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec GET /user/keys: 401 unauthenticated; an array with pagination headers whose
    keys carry "<name> (<host>)" as comment."""
    assert (await anon.get("/api/v4/user/keys")).status_code == 401
    r = await user.get("/api/v4/user/keys")
    assert r.status_code == 200 and "X-Total" in r.headers
    assert all("John Smith (" in k["key"] for k in r.json())


async def test_my_key(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    """users_spec GET /user/keys/:key_id: a single key; 404 `404 Key Not Found` for an
    unknown id and when an admin asks for a user's key; 404 for /users/keys/ASDF."""
    key = (await user.get("/api/v4/user/keys")).json()[0]
    assert (await user.get(f"/api/v4/user/keys/{key['id']}")).json()["title"] == key["title"]
    for client, path in (
        (user, "/api/v4/user/keys/999999"),
        (admin, f"/api/v4/user/keys/{key['id']}"),
    ):
        r = await client.get(path)
        assert (r.status_code, r.json()) == (404, {"message": "404 Key Not Found"})
    assert (await admin.get("/api/v4/users/keys/ASDF")).status_code == 404


async def test_add_my_key(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec POST /user/keys: creates an SSH key (with usage_type and expires_at); 401
    unauthorized; 400 `key is missing` / `title is missing`."""
    r = await user.post(
        "/api/v4/user/keys",
        json={
            "title": "t",
            "key": ED25519,
            "usage_type": "signing",
            "expires_at": "2026-01-22T00:00:00Z",
        },
    )
    assert r.status_code == 201
    assert (r.json()["usage_type"], r.json()["expires_at"][:10]) == ("signing", "2026-01-22")
    assert (
        await anon.post("/api/v4/user/keys", json={"title": "t", "key": "k"})
    ).status_code == 401
    r = await user.post("/api/v4/user/keys", json={"title": "title"})
    assert r.json() == {"error": "key is missing"}
    r = await user.post("/api/v4/user/keys", json={"key": "some key"})
    assert r.json() == {"error": "title is missing"}


async def test_delete_my_key(
    user: httpx.AsyncClient, anon: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    """users_spec DELETE /user/keys/:key_id: deletes (204); 404 `404 Key Not Found`; 401
    unauthorized; 404 for /users/keys/ASDF."""
    key = (await user.get("/api/v4/user/keys")).json()[0]
    assert (await anon.delete(f"/api/v4/user/keys/{key['id']}")).status_code == 401
    assert (await user.delete(f"/api/v4/user/keys/{key['id']}")).status_code == 204
    r = await user.delete("/api/v4/user/keys/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 Key Not Found"})
    assert (await admin.delete("/api/v4/users/keys/ASDF")).status_code == 404


async def test_my_key_412(user: httpx.AsyncClient) -> None:
    """users_spec DELETE /user/keys/:key_id: it_behaves_like '412 response'."""
    key = (await user.get("/api/v4/user/keys")).json()[0]
    r = await user.delete(
        f"/api/v4/user/keys/{key['id']}",
        headers={"If-Unmodified-Since": "Thu, 01 Jan 2009 00:00:00 GMT"},
    )
    assert r.status_code == 412


# -- GPG keys -----------------------------------------------------------------------------------
async def test_my_gpg_keys(
    user: httpx.AsyncClient, anon: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    """users_spec GET /user/gpg_keys and /user/gpg_keys/:key_id: 401 unauthenticated; array
    with pagination headers; one key; 404 `404 GPG Key Not Found` (unknown id, or an admin
    asking for a user's key); 404 for /users/gpg_keys/ASDF."""
    assert (await anon.get("/api/v4/user/gpg_keys")).status_code == 401
    created = (await user.post("/api/v4/user/gpg_keys", json={"key": GPG})).json()
    r = await user.get("/api/v4/user/gpg_keys")
    assert "X-Total" in r.headers and created["id"] in [k["id"] for k in r.json()]
    assert (await user.get(f"/api/v4/user/gpg_keys/{created['id']}")).json()["key"] == GPG
    for client, path in (
        (user, "/api/v4/user/gpg_keys/999999"),
        (admin, f"/api/v4/user/gpg_keys/{created['id']}"),
    ):
        r = await client.get(path)
        assert (r.status_code, r.json()) == (404, {"message": "404 GPG Key Not Found"})
    assert (await admin.get("/api/v4/users/gpg_keys/ASDF")).status_code == 404


async def test_add_my_gpg_key(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec POST /user/gpg_keys: creates (201); 401 unauthorized; `key is missing`."""
    assert (await user.post("/api/v4/user/gpg_keys", json={"key": GPG})).status_code == 201
    assert (await anon.post("/api/v4/user/gpg_keys", json={"key": "k"})).status_code == 401
    assert (await user.post("/api/v4/user/gpg_keys")).json() == {"error": "key is missing"}


async def test_revoke_and_delete_my_gpg_key(
    user: httpx.AsyncClient, anon: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    """users_spec POST /user/gpg_keys/:key_id/revoke and DELETE /user/gpg_keys/:key_id:
    202 / 204; 404 `404 GPG Key Not Found`; 401 unauthorized; 404 for ASDF ids."""
    first = (await user.post("/api/v4/user/gpg_keys", json={"key": GPG})).json()
    assert (await anon.post(f"/api/v4/user/gpg_keys/{first['id']}/revoke")).status_code == 401
    assert (await user.post(f"/api/v4/user/gpg_keys/{first['id']}/revoke")).status_code == 202
    r = await user.post("/api/v4/user/gpg_keys/999999/revoke")
    assert r.json() == {"message": "404 GPG Key Not Found"}
    second = (await user.post("/api/v4/user/gpg_keys", json={"key": GPG})).json()
    assert (await anon.delete(f"/api/v4/user/gpg_keys/{second['id']}")).status_code == 401
    assert (await user.delete(f"/api/v4/user/gpg_keys/{second['id']}")).status_code == 204
    assert (await user.delete("/api/v4/user/gpg_keys/999999")).status_code == 404
    assert (await admin.post("/api/v4/users/gpg_keys/ASDF/revoke")).status_code == 404
    assert (await admin.delete("/api/v4/users/gpg_keys/ASDF")).status_code == 404


# -- emails -------------------------------------------------------------------------------------
async def test_my_emails_start_with_primary(
    user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec GET /user/emails: 401 unauthenticated; the first email is the user's
    primary email, the second the secondary one; pagination headers."""
    assert (await anon.get("/api/v4/user/emails")).status_code == 401
    r = await user.get("/api/v4/user/emails")
    assert "X-Total" in r.headers
    assert [e["email"] for e in r.json()][:2] == ["john@example.com", "john.smith@corp.example.com"]


async def test_my_email(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    """users_spec GET /user/emails/:email_id: a single email; 404 `404 Email Not Found`
    for an unknown id and when an admin asks for a user's email; 404 for /users/emails/ASDF."""
    secondary = (await user.get("/api/v4/user/emails")).json()[1]
    assert (await user.get(f"/api/v4/user/emails/{secondary['id']}")).json()["email"] == secondary[
        "email"
    ]
    for client, path in (
        (user, "/api/v4/user/emails/999999"),
        (admin, f"/api/v4/user/emails/{secondary['id']}"),
    ):
        r = await client.get(path)
        assert (r.status_code, r.json()) == (404, {"message": "404 Email Not Found"})
    assert (await admin.get("/api/v4/users/emails/ASDF")).status_code == 404


async def test_add_my_email(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec POST /user/emails: creates (201); 401 unauthorized; `email is missing`."""
    assert (
        await user.post("/api/v4/user/emails", json={"email": "mine@example.net"})
    ).status_code == 201
    assert (await anon.post("/api/v4/user/emails", json={"email": "some email"})).status_code == 401
    assert (await user.post("/api/v4/user/emails", json={})).json() == {"error": "email is missing"}


async def test_delete_my_email(
    user: httpx.AsyncClient, anon: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    """users_spec DELETE /user/emails/:email_id: deletes (204); 404 `404 Email Not Found`;
    401 unauthorized; 400 for the invalid ID ASDF (`email_id is invalid`)."""
    created = (await user.post("/api/v4/user/emails", json={"email": "gone@example.net"})).json()
    assert (await anon.delete(f"/api/v4/user/emails/{created['id']}")).status_code == 401
    assert (await user.delete(f"/api/v4/user/emails/{created['id']}")).status_code == 204
    r = await user.delete("/api/v4/user/emails/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 Email Not Found"})
    r = await admin.delete("/api/v4/user/emails/ASDF")
    assert (r.status_code, r.json()) == (400, {"error": "email_id is invalid"})


# -- activities ---------------------------------------------------------------------------------
async def test_activities(
    fake: FakeGitLab, user: httpx.AsyncClient, admin: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec user activities: 401 anonymous; the last 6 months by default; `from=2000-1-1`
    (a date Ruby's Date.parse accepts) reaches back; private profiles only for admins."""
    from datetime import date

    old = add_user(fake, "spec_old_active", last_activity_on=date(2000, 1, 1))
    private = add_user(
        fake, "spec_private_active", private_profile=True, last_activity_on=fake.state.clock.today()
    )
    assert (await anon.get("/api/v4/user/activities")).status_code == 401
    recent = (await user.get("/api/v4/user/activities?per_page=100")).json()
    assert old.username not in [a["username"] for a in recent]
    r = await user.get("/api/v4/user/activities?from=2000-1-1&per_page=100")
    assert r.status_code == 200 and "X-Total" in r.headers
    first = r.json()[0]
    assert (first["username"], first["last_activity_on"], first["last_activity_at"]) == (
        old.username,
        "2000-01-01",
        "2000-01-01",
    )
    assert private.username not in [a["username"] for a in recent]
    as_admin = (await admin.get("/api/v4/user/activities?per_page=100")).json()
    assert private.username in [a["username"] for a in as_admin]


async def test_activities_invalid_from(user: httpx.AsyncClient) -> None:
    """Grape DateTime coercion behind users_spec user activities: a non-date is 400."""
    r = await user.get("/api/v4/user/activities?from=not-a-date")
    assert (r.status_code, r.json()) == (400, {"error": "from is invalid"})


# -- status ---------------------------------------------------------------------------------------
async def _with_status(user: httpx.AsyncClient) -> None:
    r = await user.put(
        "/api/v4/user/status",
        json={
            "emoji": "coffee",
            "message": "busy day",
            "availability": "busy",
            "clear_status_after": "8_hours",
        },
    )
    assert r.status_code == 200


async def test_status_get(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec /user/status GET ('rendering user status'); anonymous is 401."""
    body = (await user.get("/api/v4/user/status")).json()
    assert body["message"] and body["message_html"] and body["emoji"]
    assert (await anon.get("/api/v4/user/status")).status_code == 401


async def test_status_put_and_patch_success(user: httpx.AsyncClient) -> None:
    """users_spec /user/status PUT and PATCH '/user/status successful response'."""
    for method in ("PUT", "PATCH"):
        r = await user.request(
            method, "/api/v4/user/status", json={"emoji": "smirk", "message": "hello world"}
        )
        assert (r.status_code, r.json()["emoji"], r.json()["message"]) == (
            200,
            "smirk",
            "hello world",
        )


async def test_status_unknown_emoji(user: httpx.AsyncClient) -> None:
    """users_spec /user/status '/user/status unsuccessful response': 400 with an emoji error."""
    for method in ("PUT", "PATCH"):
        r = await user.request(
            method, "/api/v4/user/status", json={"emoji": "does not exist", "message": "x"}
        )
        assert r.status_code == 400 and r.json()["message"]["emoji"]


async def test_status_nil_params_delete_status(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec /user/status '/user/status passing nil for params' (PUT and PATCH): emoji,
    message and clear_status_after null delete the status."""
    for method in ("PUT", "PATCH"):
        await _with_status(user)
        r = await user.request(
            method,
            "/api/v4/user/status",
            json={"emoji": None, "message": None, "clear_status_after": None},
        )
        assert r.status_code == 200 and fake.state.users[2].status is None, method


async def test_status_patch_blank_values_clear(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """Users::SetStatusService (behind users_spec PATCH /user/status): a blank emoji and
    message with availability not_set count as no status."""
    await _with_status(user)
    r = await user.patch(
        "/api/v4/user/status", json={"emoji": "", "message": "", "availability": "not_set"}
    )
    assert r.status_code == 200 and set(r.json().values()) == {None}
    assert fake.state.users[2].status is None


async def test_status_clear_status_after(
    fake: FakeGitLab, user: httpx.AsyncClient, clock: ManualClock
) -> None:
    """users_spec /user/status '/user/status clear_status_after field': sets clear_status_at
    3 hours ahead; null unsets it; an unknown value is 400."""
    for method in ("PUT", "PATCH"):
        r = await user.request(
            method,
            "/api/v4/user/status",
            json={"emoji": "smirk", "message": "hi", "clear_status_after": "3_hours"},
        )
        assert r.json()["clear_status_at"] == "2026-01-01T03:00:00.000Z"
        r = await user.request(
            method,
            "/api/v4/user/status",
            json={"emoji": "smirk", "message": "hi", "clear_status_after": None},
        )
        assert r.json()["clear_status_at"] is None
        r = await user.request(
            method, "/api/v4/user/status", json={"emoji": "smirk", "clear_status_after": "invalid"}
        )
        assert r.status_code == 400


async def test_status_put_empty_deletes(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec /user/status PUT 'when passing empty params': deletes the status."""
    await _with_status(user)
    assert (await user.put("/api/v4/user/status", json={})).status_code == 200
    assert fake.state.users[2].status is None


async def test_status_put_without_clear_after_unsets(
    fake: FakeGitLab, user: httpx.AsyncClient
) -> None:
    """users_spec /user/status PUT 'when clear_status_after is not given': unsets
    clear_status_at."""
    await _with_status(user)
    await user.put("/api/v4/user/status", json={"emoji": "smirk", "message": "hello world"})
    status = fake.state.users[2].status
    assert status is not None and status.clear_status_at is None


async def test_status_patch_empty_keeps(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec /user/status PATCH 'when passing empty params': does not update the status."""
    await _with_status(user)
    before = fake.state.users[2].status
    r = await user.patch("/api/v4/user/status")
    assert (r.status_code, r.content) == (200, b"")
    assert fake.state.users[2].status is before


async def test_status_patch_without_clear_after_keeps(
    fake: FakeGitLab, user: httpx.AsyncClient
) -> None:
    """users_spec /user/status PATCH 'when clear_status_after is not given': does not unset
    clear_status_at."""
    await _with_status(user)
    await user.patch("/api/v4/user/status", json={"emoji": "smirk", "message": "hello world"})
    status = fake.state.users[2].status
    assert status is not None and status.clear_status_at is not None


# -- avatar ---------------------------------------------------------------------------------------
async def test_avatar(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    """users_spec PUT /user/avatar: 200 with avatar_url; 400 `Avatar is too big (should be
    at most 200 KiB)`."""
    gif = b"GIF89a" + b"\x00" * 64
    r = await user.put(
        "/api/v4/user/avatar", files={"avatar": ("banana_sample.gif", gif, "image/gif")}
    )
    assert r.status_code == 200 and "banana_sample.gif" in r.json()["avatar_url"]
    big = b"\x89PNG" + b"\x00" * (fake.state.config.avatar_max_bytes + 1)
    r = await user.put("/api/v4/user/avatar", files={"avatar": ("big-image.png", big, "image/png")})
    assert r.status_code == 400
    assert "Avatar is too big (should be at most 200 KiB)" in r.json()["message"]


# -- personal access tokens for myself -------------------------------------------------------
PAT = {"name": "new pat", "scopes": ["k8s_proxy"], "description": "new pat description"}


async def test_my_pat_missing_and_disallowed(
    user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec POST /user/personal_access_tokens: 400 when required attributes are
    missing; `scopes does not have a valid value` for a disallowed scope; 401 unauthenticated."""
    r = await user.post("/api/v4/user/personal_access_tokens")
    assert r.status_code == 400 and r.json()["error"].startswith("name is missing")
    for scopes in (["api"], ["k8s_proxy", "api"]):
        r = await user.post("/api/v4/user/personal_access_tokens", json={**PAT, "scopes": scopes})
        assert (r.status_code, r.json()) == (400, {"error": "scopes does not have a valid value"})
    r = await anon.post("/api/v4/user/personal_access_tokens", json=PAT)
    assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})


async def test_my_pat_read_api_token_forbidden(fake: FakeGitLab) -> None:
    """users_spec POST /user/personal_access_tokens: 403 with a read_api-scoped PAT."""
    async with fake.client(token_of(fake, fake.state.users[2], "read_api")) as c:
        assert (await c.post("/api/v4/user/personal_access_tokens", json=PAT)).status_code == 403


async def test_my_pat_empty_scopes(user: httpx.AsyncClient) -> None:
    """users_spec POST /user/personal_access_tokens 'when scopes are empty': 422 `Scopes
    can't be blank`."""
    r = await user.post("/api/v4/user/personal_access_tokens", json={**PAT, "scopes": []})
    assert (r.status_code, r.json()) == (422, {"message": "Scopes can't be blank"})


async def test_my_pat_created(user: httpx.AsyncClient) -> None:
    """users_spec POST /user/personal_access_tokens: creates a token (name, description,
    scopes, active, not revoked, token); without expires_at it gets the instance's maximum
    lifetime (PersonalAccessTokens::CreateService#pat_expiration: 365 days)."""
    r = await user.post("/api/v4/user/personal_access_tokens", json=PAT)
    body = r.json()
    assert r.status_code == 201
    assert (body["name"], body["description"], body["scopes"]) == (
        "new pat",
        "new pat description",
        ["k8s_proxy"],
    )
    assert (body["expires_at"], body["active"], body["revoked"]) == ("2027-01-01", True, False)
    assert body["token"] and body["id"] and body["created_at"]


async def test_my_pat_beyond_max_lifetime(user: httpx.AsyncClient) -> None:
    """PersonalAccessToken#expires_at_before_instance_max_expiry_date through the create
    service: 422 `Expires at must be before <today + 365 days>`."""
    r = await user.post(
        "/api/v4/user/personal_access_tokens", json={**PAT, "expires_at": "2027-01-02"}
    )
    assert (r.status_code, r.json()) == (422, {"message": "Expires at must be before 2027-01-01"})


async def test_my_pat_expires_at(user: httpx.AsyncClient) -> None:
    """users_spec POST /user/personal_access_tokens 'when expires_at is in the past': creates
    an inactive token; 'in the future': an active one with that date."""
    r = await user.post(
        "/api/v4/user/personal_access_tokens", json={**PAT, "expires_at": "2025-12-31"}
    )
    assert (r.status_code, r.json()["active"]) == (201, False)
    r = await user.post(
        "/api/v4/user/personal_access_tokens", json={**PAT, "expires_at": "2026-02-01"}
    )
    assert (r.status_code, r.json()["active"], r.json()["expires_at"]) == (201, True, "2026-02-01")


# -- support PIN ------------------------------------------------------------------------------
async def test_support_pin(
    fake: FakeGitLab, user: httpx.AsyncClient, admin: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec POST/GET /user/support_pin and GET /users/:id/support_pin: creates a PIN;
    reads it back; 404 without a PIN; 401 anonymous; 403 for a non-admin on the admin route."""
    lonely = add_user(fake, "spec_without_pin")
    assert (await anon.post("/api/v4/user/support_pin")).status_code == 401
    r = await user.post("/api/v4/user/support_pin")
    assert r.status_code == 201 and {"pin", "expires_at"} <= set(r.json())
    assert {"pin", "expires_at"} <= set((await user.get("/api/v4/user/support_pin")).json())
    assert {"pin", "expires_at"} <= set((await admin.get("/api/v4/users/2/support_pin")).json())
    assert (await admin.get(f"/api/v4/users/{lonely.id}/support_pin")).status_code == 404
    async with fake.client(token_of(fake, lonely)) as c:
        assert (await c.get("/api/v4/user/support_pin")).status_code == 404
    assert (await user.get("/api/v4/users/2/support_pin")).status_code == 403
