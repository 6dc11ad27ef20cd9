"""Error bodies and statuses in GitLab's shapes (reference §4.4, §6)."""

from __future__ import annotations

import httpx

from gitlab_users_client.testing import FakeGitLab, ManualClock

NEW_USER = {
    "email": "new@example.com",
    "name": "New Person",
    "username": "new.person",
    "password": "s3cretpass",
}


async def test_grape_missing_params(admin: httpx.AsyncClient) -> None:
    r = await admin.post("/api/v4/users", json={"username": "x1"})
    assert r.status_code == 400
    assert r.json() == {
        "error": "email is missing, name is missing, password, reset_password, "
        "force_random_password are missing, at least one parameter must be provided"
    }


async def test_validation_runs_before_admin_check(user: httpx.AsyncClient) -> None:
    # authenticated_as_admin! is inside the POST /users endpoint, after Grape validation
    assert (await user.post("/api/v4/users", json={})).status_code == 400
    assert (await user.post("/api/v4/users", json=NEW_USER)).status_code == 403


async def test_model_validation_400(admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users",
        json={**NEW_USER, "email": "not-an-email", "password": "short", "projects_limit": -1},
    )
    assert r.status_code == 400
    assert r.json() == {
        "message": {
            "email": ["is invalid"],
            "password": ["is too short (minimum is 8 characters)"],
            "projects_limit": ["must be greater than or equal to 0"],
        }
    }
    r = await admin.post("/api/v4/users", json={**NEW_USER, "username": "-bad."})
    assert r.status_code == 400 and list(r.json()["message"]) == ["username"]


async def test_conflicts_on_create_and_update(admin: httpx.AsyncClient) -> None:
    r = await admin.post("/api/v4/users", json={**NEW_USER, "email": "JOHN@example.com"})
    assert (r.status_code, r.json()) == (409, {"message": "Email has already been taken"})
    r = await admin.post("/api/v4/users", json={**NEW_USER, "username": "John_Smith"})
    assert (r.status_code, r.json()) == (409, {"message": "Username has already been taken"})
    # a confirmed secondary email counts too; an unconfirmed one fails model validation
    r = await admin.post("/api/v4/users", json={**NEW_USER, "email": "john.smith@corp.example.com"})
    assert r.status_code == 409
    r = await admin.post("/api/v4/users", json={**NEW_USER, "email": "jsmith@example.org"})
    assert r.json() == {"message": {"email": ["has already been taken"]}}
    # update: 409 like the source (the docs say 404)
    r = await admin.put("/api/v4/users/1", json={"email": "john@example.com"})
    assert (r.status_code, r.json()) == (409, {"message": "Email has already been taken"})
    r = await admin.put("/api/v4/users/1", json={"username": "john_smith"})
    assert (r.status_code, r.json()) == (409, {"message": "Username has already been taken"})
    # renaming to your own username is fine
    assert (await admin.put("/api/v4/users/2", json={"username": "john_smith"})).status_code == 200


async def test_create_then_update(admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users",
        json={
            **NEW_USER,
            "skip_confirmation": True,
            "public_email": "new@example.com",
            "organization": "ACME",
        },
    )
    assert r.status_code == 201
    body = r.json()
    assert body["organization"] == "ACME" and body["public_email"] == "new@example.com"
    assert body["created_by"]["id"] == 1 and body["is_admin"] is False
    assert "bio_html" not in body  # UserWithAdmin, not the details entity
    uid = body["id"]
    r = await admin.put(
        f"/api/v4/users/{uid}", json={"name": "Renamed", "organization": "", "bio": "hi"}
    )
    assert r.status_code == 200
    # UserDetail#prevent_nil_fields: a cleared organization is "", never null.
    assert (r.json()["name"], r.json()["organization"], r.json()["bio"]) == ("Renamed", "", "hi")
    r = await admin.put(f"/api/v4/users/{uid}", json={"public_email": "other@example.com"})
    assert r.json() == {"message": {"public_email": ["is not an email you own"]}}


async def test_not_found_variants(admin: httpx.AsyncClient) -> None:
    cases = [
        ("/api/v4/users/99999", {"message": "404 User Not Found"}),
        ("/api/v4/users/abc", {"error": "404 Not Found"}),
        ("/api/v4/users/nobody/status", {"message": "404 User Not Found"}),
        ("/api/v4/nope", {"error": "404 Not Found"}),
        ("/api/v4/users/2/keys/99999", {"message": "404 Key Not Found"}),
        ("/api/v4/users/2/gpg_keys/99999", {"message": "404 GPG Key Not Found"}),
        ("/api/v4/users/2/custom_attributes/none", {"message": "404 Not found"}),
        (
            "/api/v4/users/2/impersonation_tokens/99999",
            {"message": "404 Impersonation Token Not Found"},
        ),
        ("/api/v4/user/emails/99999", {"message": "404 Email Not Found"}),
        ("/elsewhere", {"error": "404 Not Found"}),
    ]
    for path, body in cases:
        r = await admin.get(path)
        assert (r.status_code, r.json()) == (404, body), path
    r = await admin.delete("/api/v4/users/2/custom_attributes/none")
    assert r.json() == {"message": "404 Custom attribute Not Found"}
    r = await admin.delete("/api/v4/users/2/identities/twitter")
    assert r.json() == {"message": "404 Identity Not Found"}
    # a known path with a method it does not have hits GitLab's catch-all
    r = await admin.delete("/api/v4/user")
    assert (r.status_code, r.json()) == (404, {"error": "404 Not Found"})
    # every v3 path but `GET /user` (see test_v3_user_alias) hits the v3 catch-all
    r = await admin.get("/api/v3/users")
    assert (r.status_code, r.json()) == (
        410,
        {"error": "API V3 is no longer supported. Use API V4 instead."},
    )


async def test_if_unmodified_since(
    fake: FakeGitLab, admin: httpx.AsyncClient, clock: ManualClock
) -> None:
    key_id = fake.state.ssh_keys_by_user[2][0].id
    r = await admin.delete(
        f"/api/v4/users/2/keys/{key_id}",
        headers={"If-Unmodified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"},
    )
    assert (r.status_code, r.json()) == (412, {"message": "412 Precondition Failed"})
    r = await admin.delete(
        f"/api/v4/users/2/keys/{key_id}",
        headers={"If-Unmodified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"},
    )
    assert r.status_code == 204 and r.content == b""
    # a user changed after the given date is stale
    await admin.put("/api/v4/users/2", json={"bio": "changed"})
    clock.advance(5)
    r = await admin.delete(
        "/api/v4/users/2", headers={"If-Unmodified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}
    )
    assert r.status_code == 412


async def test_delete_user(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    st = fake.state
    owner = next(
        uid
        for uid in st.user_ids
        if any(
            m.access_level == 50 and m.source_type == "Namespace"
            for m in st.memberships.get(uid, ())
        )
    )
    r = await admin.delete(f"/api/v4/users/{owner}")
    assert (r.status_code, r.json()) == (
        409,
        {"message": "User cannot be removed while is the sole-owner of a group"},
    )
    assert (
        await admin.delete(f"/api/v4/users/{owner}", params={"hard_delete": "true"})
    ).status_code == 204
    assert (await admin.get(f"/api/v4/users/{owner}")).status_code == 404
    assert (await admin.delete("/api/v4/users/2")).status_code == 204
    async with fake.client(fake.user_token) as c:
        r = await c.get("/api/v4/user")
        assert r.status_code == 401


async def test_bodies_in_every_encoding(admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v4/users/2/emails", data={"email": "form@example.com", "skip_confirmation": "1"}
    )
    assert r.status_code == 201 and r.json()["confirmed_at"] is not None
    r = await admin.post("/api/v4/users/2/emails", files={"email": (None, "multi@example.com")})
    assert r.status_code == 201 and r.json()["confirmed_at"] is None
    r = await admin.post("/api/v4/users/2/emails", json={"email": "multi@example.com"})
    assert r.json() == {"message": {"email": ["has already been taken"]}}
    r = await admin.post(
        "/api/v4/users/2/emails", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400 and "error" in r.json()


async def test_avatar_upload_limit(admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    small = b"\x89PNG\r\n\x1a\n" + b"0" * 1000
    big = b"\x89PNG\r\n\x1a\n" + b"0" * (200 * 1024)
    r = await user.put("/api/v4/user/avatar", files={"avatar": ("me.png", small, "image/png")})
    assert r.status_code == 200 and r.json()["avatar_url"].endswith("/avatar/2/me.png")
    r = await user.put("/api/v4/user/avatar", files={"avatar": ("me.png", big, "image/png")})
    assert (r.status_code, r.json()) == (
        400,
        {"message": "Avatar is too big (should be at most 200 KiB)"},
    )
    r = await user.put("/api/v4/user/avatar", data={"x": "1"})
    assert r.json() == {"error": "avatar is missing"}
    r = await admin.put(
        "/api/v4/users/2", files={"avatar": ("a.png", big, "image/png"), "name": (None, "J")}
    )
    assert r.status_code == 400
    assert r.json() == {"message": {"avatar": ["is too big (should be at most 200 KiB)"]}}
    r = await admin.post(
        "/api/v4/users",
        data={**NEW_USER},
        files={"avatar": ("face.gif", small, "image/gif")},
    )
    assert r.status_code == 201 and r.json()["avatar_url"].endswith("/face.gif")
