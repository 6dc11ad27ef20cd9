"""SSH keys, GPG keys, emails and project deploy keys of other users, ported from GitLab's
``spec/requests/api/users_spec.rb``; each test names its ``describe``/``it``.

Skipped examples of these groups:

==================================================  ==========================================
example                                             why
==================================================  ==========================================
``rate limited endpoint`` (user_keys, gpg keys)     covered once per throttle family in
                                                    test_fake_faults; needs instance limits
POST /users/:id/emails ``should_email``             mailer side channel
``N+1 queries`` examples                            database internals
==================================================  ==========================================
"""

from __future__ import annotations

import httpx
from spec_support import ED25519, GPG, add_deploy_key, add_email, add_project, add_user, token_of

from gitlab_users_client.testing import FakeGitLab

STALE = {"If-Unmodified-Since": "Thu, 01 Jan 2009 00:00:00 GMT"}


# -- POST /users/:id/keys --------------------------------------------------------------------
async def test_admin_adds_ssh_key(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/keys: `key is missing`, `title is missing`; creates an SSH
    key with usage_type and with `expires_at`."""
    assert (await admin.post("/api/v4/users/2/keys", json={"title": "invalid key"})).json() == {
        "error": "key is missing"
    }
    assert (await admin.post("/api/v4/users/2/keys", json={"key": "some key"})).json() == {
        "error": "title is missing"
    }
    r = await admin.post(
        "/api/v4/users/2/keys",
        json={
            "title": "t",
            "key": ED25519,
            "usage_type": "signing",
            "expires_at": "2026-01-22T10:00:00Z",
        },
    )
    assert r.status_code == 201
    assert (r.json()["usage_type"], r.json()["expires_at"][:10]) == ("signing", "2026-01-22")


async def test_admin_adds_ssh_key_unknown_user_without_params(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/keys: 400 for a non-existing user without parameters
    (validation comes first)."""
    assert (await admin.post("/api/v4/users/999999/keys")).status_code == 400


async def test_admin_adds_ssh_key_not_an_integer_user(admin: httpx.AsyncClient) -> None:
    """Grape Integer coercion of `user_id` (POST /users/:user_id/keys declares it Integer):
    a username is `user_id is invalid`, not a routing 404."""
    r = await admin.post("/api/v4/users/john_smith/keys", json={"title": "t", "key": ED25519})
    assert (r.status_code, r.json()) == (400, {"error": "user_id is invalid"})


# -- GET /users/:id/keys, /users/:id/keys/:key_id ----------------------------------------------
async def test_user_keys(anon: httpx.AsyncClient) -> None:
    """users_spec GET /user/:id/keys and /user/:user_id/keys: 404 `404 User Not Found`;
    an array with pagination headers by id and by username; comments are "<name> (<host>"."""
    r = await anon.get("/api/v4/users/999999/keys")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    for ref in ("2", "john_smith"):
        r = await anon.get(f"/api/v4/users/{ref}/keys")
        assert r.status_code == 200 and "X-Total" in r.headers and r.json()
        assert all("John Smith (" in k["key"] for k in r.json())


async def test_user_key(anon: httpx.AsyncClient) -> None:
    """users_spec GET /user/:id/keys/:key_id: gets the key; 404 `404 User Not Found`;
    404 `404 Key Not Found`."""
    key = (await anon.get("/api/v4/users/2/keys")).json()[0]
    assert (await anon.get(f"/api/v4/users/2/keys/{key['id']}")).json()["title"] == key["title"]
    r = await anon.get(f"/api/v4/users/999999/keys/{key['id']}")
    assert r.json() == {"message": "404 User Not Found"}
    r = await anon.get("/api/v4/users/2/keys/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 Key Not Found"})


async def test_user_key_not_an_integer(anon: httpx.AsyncClient) -> None:
    """Grape Integer coercion of `key_id` (GET /users/:id/keys/:key_id): 400 `key_id is
    invalid`."""
    r = await anon.get("/api/v4/users/2/keys/abc")
    assert (r.status_code, r.json()) == (400, {"error": "key_id is invalid"})


async def test_admin_deletes_ssh_key(admin: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec DELETE /user/:id/keys/:key_id: 401 unauthenticated; deletes (204); 412
    when stale; 404 `404 User Not Found`; 404 `404 Key Not Found`."""
    keys = (await admin.get("/api/v4/users/2/keys")).json()
    assert (await anon.delete("/api/v4/users/2/keys/999999")).status_code == 401
    assert (
        await admin.delete(f"/api/v4/users/2/keys/{keys[0]['id']}", headers=STALE)
    ).status_code == 412
    assert (await admin.delete(f"/api/v4/users/2/keys/{keys[0]['id']}")).status_code == 204
    r = await admin.delete(f"/api/v4/users/999999/keys/{keys[1]['id']}")
    assert r.json() == {"message": "404 User Not Found"}
    r = await admin.delete("/api/v4/users/2/keys/999999")
    assert r.json() == {"message": "404 Key Not Found"}


# -- GPG keys of a user ----------------------------------------------------------------------
async def test_admin_adds_gpg_key(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/gpg_keys: `key is missing`; creates (201); 400 for a
    non-existing user without parameters."""
    assert (await admin.post("/api/v4/users/2/gpg_keys")).json() == {"error": "key is missing"}
    assert (await admin.post("/api/v4/users/2/gpg_keys", json={"key": GPG})).status_code == 201
    assert (await admin.post("/api/v4/users/999999/gpg_keys")).status_code == 400


async def test_user_gpg_keys(admin: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec GET /user/:id/gpg_keys and /gpg_keys/:key_id: 404 `404 User Not Found`;
    an array with pagination headers; a single key; 404 `404 GPG Key Not Found`."""
    created = (await admin.post("/api/v4/users/2/gpg_keys", json={"key": GPG})).json()
    assert (await anon.get("/api/v4/users/999999/gpg_keys")).json() == {
        "message": "404 User Not Found"
    }
    r = await anon.get("/api/v4/users/2/gpg_keys")
    assert "X-Total" in r.headers and created["id"] in [k["id"] for k in r.json()]
    assert (await anon.get(f"/api/v4/users/2/gpg_keys/{created['id']}")).json()["key"] == GPG
    assert (await anon.get("/api/v4/users/999999/gpg_keys/1")).json() == {
        "message": "404 User Not Found"
    }
    r = await anon.get("/api/v4/users/2/gpg_keys/999999")
    assert (r.status_code, r.json()) == (404, {"message": "404 GPG Key Not Found"})


async def test_admin_deletes_and_revokes_gpg_key(
    admin: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec DELETE /user/:id/gpg_keys/:key_id and POST .../revoke: 401
    unauthenticated; 204 / 202; 404 `404 User Not Found`; 404 `404 GPG Key Not Found`."""
    one = (await admin.post("/api/v4/users/2/gpg_keys", json={"key": GPG})).json()
    assert (await anon.delete(f"/api/v4/users/2/gpg_keys/{one['id']}")).status_code == 401
    assert (await anon.post(f"/api/v4/users/2/gpg_keys/{one['id']}/revoke")).status_code == 401
    assert (await admin.post(f"/api/v4/users/2/gpg_keys/{one['id']}/revoke")).status_code == 202
    two = (await admin.post("/api/v4/users/2/gpg_keys", json={"key": GPG})).json()
    assert (await admin.delete(f"/api/v4/users/2/gpg_keys/{two['id']}")).status_code == 204
    assert (await admin.get(f"/api/v4/users/2/gpg_keys/{two['id']}")).status_code == 404
    for path in ("/api/v4/users/999999/gpg_keys/1", "/api/v4/users/999999/gpg_keys/1/revoke"):
        method = "POST" if path.endswith("revoke") else "DELETE"
        assert (await admin.request(method, path)).json() == {"message": "404 User Not Found"}
    assert (await admin.delete("/api/v4/users/2/gpg_keys/999999")).json() == {
        "message": "404 GPG Key Not Found"
    }
    assert (await admin.post("/api/v4/users/2/gpg_keys/999999/revoke")).json() == {
        "message": "404 GPG Key Not Found"
    }


# -- emails of a user ----------------------------------------------------------------------
async def test_admin_adds_email(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/emails: `email is missing`; creates an unverified email;
    creates a verified one with skip_confirmation; 400 for a non-existing user without
    parameters."""
    assert (await admin.post("/api/v4/users/2/emails", json={})).json() == {
        "error": "email is missing"
    }
    r = await admin.post("/api/v4/users/2/emails", json={"email": "u1@example.net"})
    assert (r.status_code, r.json()["confirmed_at"]) == (201, None)
    r = await admin.post(
        "/api/v4/users/2/emails", json={"email": "u2@example.net", "skip_confirmation": True}
    )
    assert r.status_code == 201 and r.json()["confirmed_at"] is not None
    assert (await admin.post("/api/v4/users/999999/emails")).status_code == 400


async def test_admin_adds_taken_email(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:id/emails: 400 when the address is a confirmed or unconfirmed
    primary email, or a confirmed or unconfirmed secondary email of someone."""
    unconfirmed = add_user(fake, "spec_unconfirmed", confirmed_at=None)
    holder = add_user(fake, "spec_holder")
    add_email(fake, holder, "c@example.net", confirmed=True)
    add_email(fake, holder, "u@example.net", confirmed=False)
    for address in ("admin@example.com", unconfirmed.email, "c@example.net", "u@example.net"):
        r = await admin.post("/api/v4/users/2/emails", json={"email": address})
        assert (r.status_code, r.json()) == (
            400,
            {"message": {"email": ["has already been taken"]}},
        )


async def test_admin_lists_emails(admin: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec GET /user/:id/emails: 401 unauthenticated; 404 `404 User Not Found`;
    the primary email first, then the secondary one; 404 for /users/ASDF/emails."""
    assert (await anon.get("/api/v4/users/2/emails")).status_code == 401
    assert (await admin.get("/api/v4/users/999999/emails")).json() == {
        "message": "404 User Not Found"
    }
    r = await admin.get("/api/v4/users/2/emails")
    assert "X-Total" in r.headers
    assert [e["email"] for e in r.json()][:2] == ["john@example.com", "john.smith@corp.example.com"]
    assert (await admin.get("/api/v4/users/ASDF/emails")).status_code == 404


async def test_admin_deletes_email(admin: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """users_spec DELETE /user/:id/emails/:email_id: 401 unauthenticated; 412 when stale;
    deletes (204); 404 `404 User Not Found`; 404 `404 Email Not Found`; 404 for
    /users/ASDF/emails/bar."""
    created = (await admin.post("/api/v4/users/2/emails", json={"email": "d@example.net"})).json()
    path = f"/api/v4/users/2/emails/{created['id']}"
    assert (await anon.delete("/api/v4/users/2/emails/999999")).status_code == 401
    assert (await admin.delete(path, headers=STALE)).status_code == 412
    assert (await admin.delete(path)).status_code == 204
    assert (await admin.delete(f"/api/v4/users/999999/emails/{created['id']}")).json() == {
        "message": "404 User Not Found"
    }
    assert (await admin.delete("/api/v4/users/2/emails/999999")).json() == {
        "message": "404 Email Not Found"
    }
    assert (await admin.delete("/api/v4/users/ASDF/emails/bar")).status_code == 404


async def test_admin_deletes_email_not_an_integer(admin: httpx.AsyncClient) -> None:
    """Grape Integer coercion of `email_id`: `/users/2/emails/bar` is 400 `email_id is
    invalid` (the `:id` segment matched, the Integer parameter did not)."""
    r = await admin.delete("/api/v4/users/2/emails/bar")
    assert (r.status_code, r.json()) == (400, {"error": "email_id is invalid"})


# -- project deploy keys ------------------------------------------------------------------------
async def test_project_deploy_keys(fake: FakeGitLab, anon: httpx.AsyncClient) -> None:
    """users_spec GET /users/:id/project_deploy_keys: 404 `404 User Not Found` (also for an
    anonymous caller); the keys of projects both users maintain, with pagination headers;
    403 `No common authorized project found` for a developer."""
    maintainer = add_user(fake, "spec_maint")
    project = add_project(fake, maintainer, "deployed")
    add_deploy_key(fake, project, "deploy key")
    r = await anon.get("/api/v4/users/999999/project_deploy_keys")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    async with fake.client(token_of(fake, maintainer)) as c:
        r = await c.get(f"/api/v4/users/{maintainer.id}/project_deploy_keys")
        assert r.status_code == 200 and "X-Total" in r.headers
        assert [k["title"] for k in r.json()] == ["deploy key"]
    developer = add_user(fake, "spec_dev")
    fake.state.add_membership(developer.id, "Project", project.id, 30)
    async with fake.client(token_of(fake, developer)) as c:
        r = await c.get(f"/api/v4/users/{maintainer.id}/project_deploy_keys")
        assert (r.status_code, r.json()) == (
            403,
            {"message": "403 Forbidden - No common authorized project found"},
        )


async def test_project_deploy_keys_common_projects_only(fake: FakeGitLab) -> None:
    """users_spec GET /users/:id/project_deploy_keys with multiple projects: forbids when no
    common project; lists only the common project's keys."""
    first, second = add_user(fake, "spec_first"), add_user(fake, "spec_second")
    shared = add_project(fake, first, "shared")
    own = add_project(fake, second, "own")
    add_deploy_key(fake, shared, "shared key")
    add_deploy_key(fake, own, "own key")
    async with fake.client(token_of(fake, first)) as c:
        assert (await c.get(f"/api/v4/users/{second.id}/project_deploy_keys")).status_code == 403
        fake.state.add_membership(second.id, "Project", shared.id, 40)
        r = await c.get(f"/api/v4/users/{second.id}/project_deploy_keys")
        assert [k["title"] for k in r.json()] == ["shared key"]
