"""Impersonation tokens, admin-created personal access tokens, memberships, association
counts and custom attributes, ported from GitLab's ``spec/requests/api/users_spec.rb`` and
the shared examples ``custom attributes endpoints``
(``spec/support/shared_examples/requests/api/custom_attributes_shared_examples.rb``).

Skipped examples of these groups:

==============================================================  ============================
example                                                         why
==============================================================  ============================
POST /users/:user_id/personal_access_tokens "when an error is   needs a model stub
thrown by the model"
``admin_mode`` permission shared examples                       instance setting (admin mode)
memberships "does not submit N+1 DB queries"                    database internals
==============================================================  ============================
"""

from __future__ import annotations

import httpx
from spec_support import add_group, add_project, add_user

from gitlab_users_client.testing import FakeGitLab

PAT = {"name": "new pat", "scopes": ["api", "read_user"], "description": "new pat description"}


# -- POST /users/:user_id/personal_access_tokens ------------------------------------------------
async def test_admin_pat_missing_params(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:user_id/personal_access_tokens: `name is missing, scopes is
    missing`."""
    r = await admin.post("/api/v4/users/2/personal_access_tokens")
    assert (r.status_code, r.json()) == (400, {"error": "name is missing, scopes is missing"})


async def test_admin_pat_auth_and_user(
    admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec POST /users/:user_id/personal_access_tokens: 404 `404 User Not Found`; 401
    `401 Unauthorized`; 403 `403 Forbidden` for a normal user."""
    r = await admin.post("/api/v4/users/999999/personal_access_tokens", json=PAT)
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    r = await anon.post("/api/v4/users/2/personal_access_tokens", json=PAT)
    assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})
    r = await user.post("/api/v4/users/2/personal_access_tokens", json=PAT)
    assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})


async def test_admin_pat_created(admin: httpx.AsyncClient) -> None:
    """users_spec POST /users/:user_id/personal_access_tokens: creates a token when
    authenticated as admin (name, description, scopes, expires_at, active, token)."""
    r = await admin.post(
        "/api/v4/users/2/personal_access_tokens", json={**PAT, "expires_at": "2026-01-04"}
    )
    body = r.json()
    assert r.status_code == 201
    assert (body["name"], body["description"], body["scopes"]) == (
        "new pat",
        "new pat description",
        PAT["scopes"],
    )
    assert (body["expires_at"], body["active"], body["revoked"]) == ("2026-01-04", True, False)
    assert body["token"] and body["id"] and body["created_at"]


async def test_admin_pat_empty_scopes(admin: httpx.AsyncClient) -> None:
    """PersonalAccessTokens::CreateService (users_spec 'returns the error' path): empty
    scopes fail the model's presence validation: 422 `Scopes can't be blank`."""
    r = await admin.post("/api/v4/users/2/personal_access_tokens", json={**PAT, "scopes": []})
    assert (r.status_code, r.json()) == (422, {"message": "Scopes can't be blank"})


async def test_admin_pat_past_expiry_is_inactive(admin: httpx.AsyncClient) -> None:
    """PersonalAccessToken has no past-date validation (users_spec creates inactive tokens
    with a past expires_at): 201 and `active: false`."""
    r = await admin.post(
        "/api/v4/users/2/personal_access_tokens", json={**PAT, "expires_at": "2025-06-01"}
    )
    assert (r.status_code, r.json()["active"]) == (201, False)


async def test_admin_pat_beyond_max_lifetime(admin: httpx.AsyncClient) -> None:
    """PersonalAccessToken#expires_at_before_instance_max_expiry_date: 422 with the full
    message `Expires at must be before <date>`."""
    r = await admin.post(
        "/api/v4/users/2/personal_access_tokens", json={**PAT, "expires_at": "2030-01-01"}
    )
    assert (r.status_code, r.json()) == (422, {"message": "Expires at must be before 2027-01-01"})


# -- impersonation tokens -----------------------------------------------------------------------
async def _impersonation(fake: FakeGitLab, *, revoked: bool = False) -> int:
    return fake.state.add_token(2, ["api"], impersonation=True, revoked=revoked).id


async def test_list_impersonation_tokens(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:user_id/impersonation_tokens: 404 `404 User Not Found`; 403
    `403 Forbidden` for a normal user; all impersonation tokens (not personal ones); `state`
    active / inactive."""
    await _impersonation(fake)
    await _impersonation(fake, revoked=True)
    r = await admin.get("/api/v4/users/999999/impersonation_tokens")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    r = await user.get("/api/v4/users/999999/impersonation_tokens")
    assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})
    r = await admin.get("/api/v4/users/2/impersonation_tokens")
    assert "X-Total" in r.headers and all(t["impersonation"] for t in r.json())
    everything = len(r.json())
    active = (await admin.get("/api/v4/users/2/impersonation_tokens?state=active")).json()
    inactive = (await admin.get("/api/v4/users/2/impersonation_tokens?state=inactive")).json()
    assert all(t["active"] for t in active) and not any(t["active"] for t in inactive)
    assert len(active) + len(inactive) == everything and inactive


async def test_create_impersonation_token(
    admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec POST /users/:user_id/impersonation_tokens: `name is missing`; 404 `404 User
    Not Found`; 403 for a normal user; creates a token (its past expires_at '2016-12-28'
    makes it inactive)."""
    r = await admin.post("/api/v4/users/2/impersonation_tokens")
    assert (r.status_code, r.json()) == (400, {"error": "name is missing"})
    r = await admin.post(
        "/api/v4/users/999999/impersonation_tokens", json={"name": "x", "expires_at": "2016-12-28"}
    )
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    r = await user.post(
        "/api/v4/users/2/impersonation_tokens", json={"name": "x", "expires_at": "2016-12-28"}
    )
    assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})
    r = await admin.post(
        "/api/v4/users/2/impersonation_tokens",
        json={
            "name": "my new pat",
            "expires_at": "2016-12-28",
            "scopes": ["api", "read_user"],
            "description": "d",
        },
    )
    body = r.json()
    assert r.status_code == 201
    assert (body["name"], body["scopes"], body["expires_at"]) == (
        "my new pat",
        ["api", "read_user"],
        "2016-12-28",
    )
    assert (body["active"], body["revoked"], body["impersonation"]) == (False, False, True)
    assert body["token"]


async def test_create_impersonation_token_scopes(admin: httpx.AsyncClient) -> None:
    """PersonalAccessToken validations behind users_spec POST .../impersonation_tokens: empty
    (or no) scopes are `can't be blank`; an unknown scope `can only contain available
    scopes`; both 400 with the model's error hash."""
    extras: tuple[dict[str, list[str]], ...] = ({"scopes": []}, {})
    for extra in extras:
        r = await admin.post("/api/v4/users/2/impersonation_tokens", json={"name": "n", **extra})
        assert (r.status_code, r.json()) == (400, {"message": {"scopes": ["can't be blank"]}})
    r = await admin.post(
        "/api/v4/users/2/impersonation_tokens", json={"name": "n", "scopes": ["bogus"]}
    )
    assert r.json() == {"message": {"scopes": ["can only contain available scopes"]}}


async def test_get_impersonation_token(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:user_id/impersonation_tokens/:impersonation_token_id: 404 `404
    User Not Found`; 404 `404 Impersonation Token Not Found` (unknown, or a personal token);
    403 for a normal user; the token without its secret."""
    tid = await _impersonation(fake)
    personal = fake.state.add_token(2, ["api"]).id
    assert (await admin.get("/api/v4/users/999999/impersonation_tokens/1")).json() == {
        "message": "404 User Not Found"
    }
    for other in (999999, personal):
        r = await admin.get(f"/api/v4/users/2/impersonation_tokens/{other}")
        assert (r.status_code, r.json()) == (404, {"message": "404 Impersonation Token Not Found"})
    assert (await user.get(f"/api/v4/users/2/impersonation_tokens/{tid}")).status_code == 403
    body = (await admin.get(f"/api/v4/users/2/impersonation_tokens/{tid}")).json()
    assert "token" not in body and body["impersonation"] is True


async def test_get_impersonation_token_not_an_integer(admin: httpx.AsyncClient) -> None:
    """Grape Integer coercion of `impersonation_token_id`: 400 `impersonation_token_id is
    invalid`."""
    r = await admin.get("/api/v4/users/2/impersonation_tokens/abc")
    assert (r.status_code, r.json()) == (400, {"error": "impersonation_token_id is invalid"})


async def test_revoke_impersonation_token(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec DELETE /users/:user_id/impersonation_tokens/:impersonation_token_id: 404s
    as for GET; 403 for a normal user; 412 when stale; revokes (204)."""
    tid = await _impersonation(fake)
    personal = fake.state.add_token(2, ["api"]).id
    assert (await admin.delete("/api/v4/users/999999/impersonation_tokens/1")).status_code == 404
    for other in (999999, personal):
        r = await admin.delete(f"/api/v4/users/2/impersonation_tokens/{other}")
        assert r.json() == {"message": "404 Impersonation Token Not Found"}
    assert (await user.delete(f"/api/v4/users/2/impersonation_tokens/{tid}")).status_code == 403
    stale = {"If-Unmodified-Since": "Thu, 01 Jan 2009 00:00:00 GMT"}
    assert (
        await admin.delete(f"/api/v4/users/2/impersonation_tokens/{tid}", headers=stale)
    ).status_code == 412
    assert (await admin.delete(f"/api/v4/users/2/impersonation_tokens/{tid}")).status_code == 204
    assert fake.state.tokens_by_id[tid].revoked is True


# -- memberships ---------------------------------------------------------------------------------
async def test_memberships(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:id/memberships: a project and a group membership with
    pagination headers; `type=Project` / `type=Namespace` filter; 400 for `type=foo`; 403 for
    a non-admin."""
    member = add_user(fake, "spec_member")
    owner = add_user(fake, "spec_owner")
    project = add_project(fake, owner, "p1")
    group = add_group(fake, "g1")
    fake.state.add_membership(member.id, "Project", project.id, 10)
    fake.state.add_membership(member.id, "Namespace", group.id, 10)
    r = await admin.get(f"/api/v4/users/{member.id}/memberships")
    assert "X-Total" in r.headers
    assert sorted(m["source_type"] for m in r.json()) == ["Namespace", "Project"]
    for kind in ("Project", "Namespace"):
        body = (await admin.get(f"/api/v4/users/{member.id}/memberships?type={kind}")).json()
        assert [m["source_type"] for m in body] == [kind]
    assert (await admin.get(f"/api/v4/users/{member.id}/memberships?type=foo")).status_code == 400
    assert (await user.get(f"/api/v4/users/{member.id}/memberships")).status_code == 403


# -- associations_count ---------------------------------------------------------------------------
async def test_associations_count(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """users_spec GET /users/:id/associations_count: 401 unauthorized; 403 for another user's
    id; the counts for the current user and for an admin; 404 for an unknown id."""
    assert (await anon.get("/api/v4/users/2/associations_count")).status_code == 401
    assert (await user.get("/api/v4/users/1/associations_count")).status_code == 403
    mine = (await user.get("/api/v4/users/2/associations_count")).json()
    assert set(mine) == {"groups_count", "projects_count", "issues_count", "merge_requests_count"}
    assert (await admin.get("/api/v4/users/2/associations_count")).json() == mine
    assert (await admin.get("/api/v4/users/999999/associations_count")).status_code == 404


# -- custom attributes (shared examples 'custom attributes endpoints') ----------------------------
async def test_custom_attributes_filter_and_with(
    admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """custom attributes shared examples GET /users: filters by custom attributes for an
    admin and ignores the filter for a non-admin; `with_custom_attributes` includes them
    only for an admin."""
    r = await admin.get("/api/v4/users", params={"custom_attributes[employee_id]": "E-0002"})
    assert [u["username"] for u in r.json()] == ["john_smith"]
    unfiltered = (
        await user.get("/api/v4/users", params={"custom_attributes[employee_id]": "E-0002"})
    ).json()
    assert len(unfiltered) > 1
    body = (
        await admin.get(
            "/api/v4/users", params={"username": "john_smith", "with_custom_attributes": "true"}
        )
    ).json()
    assert {"key": "department", "value": "engineering"} in body[0]["custom_attributes"]
    body = (
        await user.get(
            "/api/v4/users", params={"username": "john_smith", "with_custom_attributes": "true"}
        )
    ).json()
    assert "custom_attributes" not in body[0]


async def test_custom_attributes_single_resource(
    admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """custom attributes shared examples GET /users/:id: `with_custom_attributes` for an
    admin only."""
    assert (
        "custom_attributes"
        in (await admin.get("/api/v4/users/2?with_custom_attributes=true")).json()
    )
    assert (
        "custom_attributes"
        not in (await user.get("/api/v4/users/2?with_custom_attributes=true")).json()
    )


async def test_custom_attributes_crud(
    admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """custom attributes shared examples GET/PUT/DELETE /users/:id/custom_attributes[/:key]:
    403 for a non-admin, 401/403 anonymous; lists; one attribute; 404 for an unknown key;
    creates and updates with PUT; deletes (204)."""
    assert (await user.get("/api/v4/users/2/custom_attributes")).status_code == 403
    assert (
        await anon.put("/api/v4/users/2/custom_attributes/foo", json={"value": "x"})
    ).status_code == 401
    listed = (await admin.get("/api/v4/users/2/custom_attributes")).json()
    assert {"key": "department", "value": "engineering"} in listed
    assert (await admin.get("/api/v4/users/2/custom_attributes/department")).json() == {
        "key": "department",
        "value": "engineering",
    }
    assert (await admin.get("/api/v4/users/2/custom_attributes/foo")).status_code == 404
    r = await admin.put("/api/v4/users/2/custom_attributes/foo", json={"value": "new"})
    assert (r.status_code, r.json()) == (200, {"key": "foo", "value": "new"})
    r = await admin.put("/api/v4/users/2/custom_attributes/foo", json={"value": "newer"})
    assert r.json() == {"key": "foo", "value": "newer"}
    assert (
        await user.put("/api/v4/users/2/custom_attributes/foo", json={"value": "x"})
    ).status_code == 403
    assert (await user.delete("/api/v4/users/2/custom_attributes/foo")).status_code == 403
    assert (await admin.delete("/api/v4/users/2/custom_attributes/foo")).status_code == 204
    assert (await admin.get("/api/v4/users/2/custom_attributes/foo")).status_code == 404


async def test_custom_attributes_find_before_authorize(
    user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """lib/api/custom_attributes_endpoints.rb (shared examples 'an unauthorized API user'):
    the resource is looked up first (404 `404 Not Found`, for anyone), then `authorize!`
    answers 403, also to an anonymous GET."""
    for client in (user, anon):
        r = await client.get("/api/v4/users/999999/custom_attributes")
        assert (r.status_code, r.json()) == (404, {"message": "404 Not Found"})
        r = await client.get("/api/v4/users/2/custom_attributes/department")
        assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})
