"""The token in use, ported from GitLab's
``spec/requests/api/personal_access_tokens/self_information_spec.rb`` and
``self_rotation_spec.rb`` (each test names its ``describe``/``context``).

Skipped examples:

==============================================================  ==============================
example                                                         why
==============================================================  ==============================
"when the token is not PAT" / "with an OAuth token"             the fake issues no OAuth tokens
"with a deploy token", "with a job token"                       not accepted by any route here
"when current_user is a project bot"                            bot tokens (resource tokens)
==============================================================  ==============================
"""

from __future__ import annotations

import pytest
from spec_support import add_group, add_project, add_token, add_user, empty_fake

from gitlab_users_client.testing import FakeGitLab, ManualClock, User
from gitlab_users_client.testing._records import ALL_SCOPES

SELF = "/api/v4/personal_access_tokens/self"


@pytest.fixture
def spec_fake(clock: ManualClock) -> FakeGitLab:
    return empty_fake(clock)


@pytest.fixture(params=["admin", "user"])
def current_user(request: pytest.FixtureRequest, spec_fake: FakeGitLab) -> User:
    return add_user(spec_fake, f"spec_{request.param}", is_admin=request.param == "admin")


# -- DELETE /personal_access_tokens/self -------------------------------------------------------
async def test_revoke_self(spec_fake: FakeGitLab, current_user: User) -> None:
    """'revoking token succeeds' for an administrator and for a regular user: 204 and the
    token is revoked (it authenticates nowhere afterwards)."""
    token = add_token(spec_fake, current_user)
    async with spec_fake.client(token.token) as c:
        r = await c.delete(SELF)
        assert (r.status_code, r.content) == (204, b"")
        assert token.revoked
        r = await c.get("/api/v4/user")
        assert (r.status_code, r.json()["error_description"]) == (
            401,
            "Token was revoked. You have to re-authorize from the user.",
        )


async def test_revoke_self_impersonation(spec_fake: FakeGitLab, current_user: User) -> None:
    """'with impersonated token': an administrator may revoke it ('revoking token
    succeeds'), a regular user may not ('revoking token denied', 400)."""
    token = add_token(spec_fake, current_user, impersonation=True)
    async with spec_fake.client(token.token) as c:
        r = await c.delete(SELF)
    assert r.status_code == (204 if current_user.is_admin else 400)
    assert token.revoked is current_user.is_admin


async def test_revoke_self_already_revoked(spec_fake: FakeGitLab) -> None:
    """'with already revoked token': 401."""
    token = add_token(spec_fake, add_user(spec_fake, "spec_user"), revoked=True)
    async with spec_fake.client(token.token) as c:
        assert (await c.delete(SELF)).status_code == 401


@pytest.mark.parametrize("scope", ALL_SCOPES)
async def test_revoke_and_show_self_with_any_scope(spec_fake: FakeGitLab, scope: str) -> None:
    """ "with a '<scope>' scoped token": any scope may read ('shows token info', the scopes
    match) and revoke ('revoking token succeeds') the token in use."""
    user = add_user(spec_fake, "spec_scoped")
    token = add_token(spec_fake, user, scopes=(scope,))
    async with spec_fake.client(token.token) as c:
        r = await c.get(SELF)
        assert (r.status_code, r.json()["scopes"], r.json()["id"]) == (200, [scope], token.id)
        assert (await c.delete(SELF)).status_code == 204


# -- GET /personal_access_tokens/self ----------------------------------------------------------
async def test_show_self_invalid_or_expired(spec_fake: FakeGitLab) -> None:
    """'when token is invalid' and 'when token is expired' (a day ago): 401."""
    user = add_user(spec_fake, "spec_user")
    expired = add_token(spec_fake, user, expires_at=spec_fake.state.clock.today())
    for value in ("invalidtoken", expired.token):
        async with spec_fake.client(value) as c:
            assert (await c.get(SELF)).status_code == 401
    async with spec_fake.client() as c:
        assert (await c.get(SELF)).status_code == 401


async def test_show_self_entity(spec_fake: FakeGitLab) -> None:
    """Entities::PersonalAccessTokenWithLastUsedIps: the fields in GitLab's order, without
    the value and without `impersonation`, even for an impersonation token."""
    user = add_user(spec_fake, "spec_user")
    token = add_token(spec_fake, user, impersonation=True, description="d")
    async with spec_fake.client(token.token) as c:
        body = (await c.get(SELF)).json()
    assert list(body) == [
        "id",
        "name",
        "revoked",
        "created_at",
        "description",
        "scopes",
        "user_id",
        "last_used_at",
        "last_used_ips",
        "active",
        "granular",
        "expires_at",
    ]


# -- GET /personal_access_tokens/self/associations ----------------------------------------------
async def test_associations(spec_fake: FakeGitLab) -> None:
    """'when token has no associations' 'returns empty arrays'; 'when token has associations'
    'returns associations' (the groups it belongs to) and 'filters associations by
    min_access_level' (40: no group, the project)."""
    user = add_user(spec_fake, "spec_user")
    token = add_token(spec_fake, user)
    path = SELF + "/associations"
    async with spec_fake.client(token.token) as c:
        r = await c.get(path)
        assert (r.status_code, r.json()) == (200, {"groups": [], "projects": []})
        st = spec_fake.state
        for name in ("test_group", "test_subgroup"):
            st.add_membership(user.id, "Namespace", add_group(spec_fake, name).id, 30)
        owner = add_user(spec_fake, "spec_owner")
        project = add_project(spec_fake, owner, "test_project", visibility="private")
        st.add_membership(user.id, "Project", project.id, 40)
        body = (await c.get(path)).json()
        assert sorted(g["name"] for g in body["groups"]) == ["Test_Group", "Test_Subgroup"]
        assert [p["name"] for p in body["projects"]] == ["test_project"]
        assert body["projects"][0]["access_levels"] == {
            "project_access_level": 40,
            "group_access_level": None,
        }
        body = (await c.get(path, params={"min_access_level": 40})).json()
        assert body["groups"] == [] and body["projects"][0]["name"] == "test_project"
        r = await c.get(path, params={"min_access_level": 41})
        assert (r.status_code, r.json()) == (
            400,
            {"error": "min_access_level does not have a valid value"},
        )
    async with spec_fake.client("invalidtoken") as c:
        assert (await c.get(path)).status_code == 401  # 'when token is invalid'


# -- POST /personal_access_tokens/self/rotate ---------------------------------------------------
async def test_rotate_self(spec_fake: FakeGitLab, current_user: User) -> None:
    """'rotating token succeeds' for an administrator and a regular user: 200, a new value,
    expiring one week from today, the old token revoked."""
    token = add_token(spec_fake, current_user)
    async with spec_fake.client(token.token) as c:
        r = await c.post(SELF + "/rotate")
    assert r.status_code == 200
    assert r.json()["token"] != token.token and r.json()["expires_at"] == "2026-01-08"
    assert token.revoked


async def test_rotate_self_with_expiry(spec_fake: FakeGitLab, current_user: User) -> None:
    """'when expiry is defined': the new token expires on the given date."""
    token = add_token(spec_fake, current_user)
    async with spec_fake.client(token.token) as c:
        r = await c.post(SELF + "/rotate", json={"expires_at": "2026-02-01"})
    assert (r.status_code, r.json()["expires_at"]) == (200, "2026-02-01")


async def test_rotate_self_impersonation(spec_fake: FakeGitLab, current_user: User) -> None:
    """'with impersonated token' 'rotating token succeeds' (for both)."""
    token = add_token(spec_fake, current_user, impersonation=True)
    async with spec_fake.client(token.token) as c:
        assert (await c.post(SELF + "/rotate")).status_code == 200
    assert token.revoked


@pytest.mark.parametrize("scope", ALL_SCOPES)
async def test_rotate_self_scopes(spec_fake: FakeGitLab, scope: str) -> None:
    """ "with a '<scope>' scoped token": only `api` and `self_rotate` may rotate (403
    otherwise); "with '<scope>' and 'self_rotate' scoped token" always may."""
    user = add_user(spec_fake, "spec_scoped")
    alone = add_token(spec_fake, user, scopes=(scope,))
    async with spec_fake.client(alone.token) as c:
        r = await c.post(SELF + "/rotate")
    assert r.status_code == (200 if scope in ("api", "self_rotate") else 403)
    with_rotate = add_token(spec_fake, user, scopes=(scope, "self_rotate"))
    async with spec_fake.client(with_rotate.token) as c:
        assert (await c.post(SELF + "/rotate")).status_code == 200


async def test_rotate_self_invalid_revoked_expired(spec_fake: FakeGitLab) -> None:
    """'when token is invalid', 'with a revoked token', 'with an expired token': 401."""
    user = add_user(spec_fake, "spec_user")
    revoked = add_token(spec_fake, user, revoked=True)
    expired = add_token(spec_fake, user, expires_at=spec_fake.state.clock.today())
    for value in ("invalidtoken", revoked.token, expired.token):
        async with spec_fake.client(value) as c:
            assert (await c.post(SELF + "/rotate")).status_code == 401


async def test_rotated_token_used_again_revokes_the_family(spec_fake: FakeGitLab) -> None:
    """'with a rotated token': 401, and 'revokes token family' (the token rotated from it
    is revoked too: its value may have leaked with the old one)."""
    user = add_user(spec_fake, "spec_user")
    token = add_token(spec_fake, user, revoked=True)
    child = add_token(spec_fake, user, previous_id=token.id)
    grandchild = add_token(spec_fake, user, previous_id=child.id)
    unrelated = add_token(spec_fake, user)
    async with spec_fake.client(token.token) as c:
        assert (await c.post(SELF + "/rotate")).status_code == 401
    assert child.revoked and grandchild.revoked and not unrelated.revoked


async def test_rotation_chain_through_the_api(spec_fake: FakeGitLab) -> None:
    """The same end to end: rotate, then replay the old value; the new token stops working."""
    token = add_token(spec_fake, add_user(spec_fake, "spec_user"))
    async with spec_fake.client(token.token) as c:
        new = (await c.post(SELF + "/rotate")).json()["token"]
        assert (await c.get(SELF)).status_code == 401
    async with spec_fake.client(new) as c:
        r = await c.get(SELF)
        assert (r.status_code, r.json()["error_description"]) == (
            401,
            "Token was revoked. You have to re-authorize from the user.",
        )
