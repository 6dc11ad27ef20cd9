"""``/user/applications``, ported from GitLab's ``spec/requests/api/user_applications_spec.rb``
(each test names its ``describe``/``it``), plus the rules of ``lib/api/user_applications.rb``
the spec leaves out.

Skipped examples: the "authorizing granular token permissions" shared examples (granular
tokens).
"""

from __future__ import annotations

import httpx
import pytest
from spec_support import add_token, add_user, empty_fake

from gitlab_users_client.testing import FakeGitLab, ManualClock, User
from gitlab_users_client.testing._records import Application

PATH = "/api/v4/user/applications"
NEW = {
    "name": "test_app",
    "redirect_uri": "https://example.com/callback",
    "scopes": "api",
    "confidential": False,
}


@pytest.fixture
def spec_fake(clock: ManualClock) -> FakeGitLab:
    return empty_fake(clock)


@pytest.fixture
def owner(spec_fake: FakeGitLab) -> User:
    return add_user(spec_fake, "spec_owner")


def app_of(fake: FakeGitLab, owner_id: int, name: str = "app") -> Application:
    """`create(:oauth_application, owner:)`."""
    st = fake.state
    app = Application(
        id=st.next_id("application"),
        owner_id=owner_id,
        uid=f"uid-{name}",
        secret=f"secret-{name}",
        name=name,
        redirect_uri="https://example.com/cb",
        scopes="api",
        confidential=True,
        created_at=st.now(),
    )
    st.applications[app.id] = app
    return app


def client(fake: FakeGitLab, user: User | None) -> httpx.AsyncClient:
    return fake.client(None if user is None else add_token(fake, user).token)


# -- GET /user/applications ---------------------------------------------------------------------
async def test_list(spec_fake: FakeGitLab, owner: User) -> None:
    """'returns the user applications' (only theirs, no secret, paginated); 'returns 401 for
    unauthorized user'."""
    mine = app_of(spec_fake, owner.id, "mine")
    app_of(spec_fake, add_user(spec_fake, "spec_someone").id, "theirs")
    async with client(spec_fake, owner) as c:
        r = await c.get(PATH)
    assert r.status_code == 200 and r.headers["X-Total"] == "1"
    assert r.json() == [
        {
            "id": mine.id,
            "application_id": "uid-mine",
            "application_name": "mine",
            "callback_url": "https://example.com/cb",
            "confidential": True,
        }
    ]
    async with client(spec_fake, None) as c:
        r = await c.get(PATH)
    assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})


# -- GET /user/applications/:id -----------------------------------------------------------------
async def test_get(spec_fake: FakeGitLab, owner: User) -> None:
    """'returns the application'; 'returns 403 for an application not owned by the user';
    404 `Application Not Found` (the route's not_found!); administrators may read any (the
    docs' prerequisites)."""
    mine = app_of(spec_fake, owner.id)
    other = app_of(spec_fake, 0, "admin_app")  # owner: nil (an instance application)
    async with client(spec_fake, owner) as c:
        r = await c.get(f"{PATH}/{mine.id}")
        assert (r.status_code, r.json()["id"]) == (200, mine.id)
        assert "secret" not in r.json()
        r = await c.get(f"{PATH}/{other.id}")
        assert (r.status_code, r.json()) == (403, {"message": "403 Forbidden"})
        r = await c.get(f"{PATH}/999999")
        assert (r.status_code, r.json()) == (404, {"message": "404 Application Not Found"})
        r = await c.get(f"{PATH}/abc")
        assert (r.status_code, r.json()) == (400, {"error": "id is invalid"})
    async with client(spec_fake, add_user(spec_fake, "spec_admin", is_admin=True)) as c:
        assert (await c.get(f"{PATH}/{mine.id}")).status_code == 200


# -- POST /user/applications --------------------------------------------------------------------
async def test_create(spec_fake: FakeGitLab, owner: User) -> None:
    """'creates a new application': 201 with `application_name`, `callback_url`,
    `confidential`, the secret (only here) and `application_id`; the owner is the user."""
    async with client(spec_fake, owner) as c:
        r = await c.post(PATH, json=NEW)
        body = r.json()
        assert r.status_code == 201
        assert (body["application_name"], body["callback_url"], body["confidential"]) == (
            "test_app",
            "https://example.com/callback",
            False,
        )
        assert body["secret"] and body["application_id"]
        assert list(body) == [
            "id",
            "application_id",
            "application_name",
            "callback_url",
            "confidential",
            "secret",
        ]
        assert spec_fake.state.applications[body["id"]].owner_id == owner.id
        assert "secret" not in (await c.get(f"{PATH}/{body['id']}")).json()
        r = await c.post(PATH, json={k: v for k, v in NEW.items() if k != "confidential"})
        assert r.json()["confidential"] is True  # `default: true`


async def test_create_validation_errors(spec_fake: FakeGitLab, owner: User) -> None:
    """'returns validation errors' (400 with `message.redirect_uri` for `invalid url`);
    Grape's `is missing` and `allow_blank: false` (`scopes is empty`); Doorkeeper's scope
    check."""
    async with client(spec_fake, owner) as c:
        r = await c.post(PATH, json={**NEW, "redirect_uri": "invalid url"})
        assert r.status_code == 400
        assert r.json()["message"]["redirect_uri"] == ["must be an absolute URI."]
        r = await c.post(PATH, json={})
        assert (r.status_code, r.json()) == (
            400,
            {"error": "name is missing, redirect_uri is missing, scopes is missing"},
        )
        r = await c.post(PATH, json={**NEW, "scopes": "  "})
        assert (r.status_code, r.json()) == (400, {"error": "scopes is empty"})
        r = await c.post(PATH, json={**NEW, "scopes": "api nonsense"})
        assert r.json() == {"message": {"scopes": ["doesn't match configured on the server."]}}
        r = await c.post(PATH, json={**NEW, "redirect_uri": "https://a.example/cb#frag"})
        assert r.json() == {"message": {"redirect_uri": ["cannot contain a fragment."]}}
    assert spec_fake.state.applications == {}


# -- PUT /user/applications/:id -----------------------------------------------------------------
async def test_update(spec_fake: FakeGitLab, owner: User) -> None:
    """'updates an application'; 'returns 403 for application not owned by user' (its name
    unchanged); 'returns validation errors on invalid update' (400 `message.name`)."""
    mine = app_of(spec_fake, owner.id)
    other = app_of(spec_fake, 0, "admin_app")
    async with client(spec_fake, owner) as c:
        r = await c.put(f"{PATH}/{mine.id}", json={"name": "updated_app"})
        assert (r.status_code, r.json()["application_name"]) == (200, "updated_app")
        assert spec_fake.state.applications[mine.id].name == "updated_app"
        r = await c.put(f"{PATH}/{other.id}", json={"name": "updated_app"})
        assert r.status_code == 403
        assert spec_fake.state.applications[other.id].name == "admin_app"
        r = await c.put(f"{PATH}/{mine.id}", json={"name": ""})
        assert r.status_code == 400 and r.json()["message"]["name"]
        r = await c.put(f"{PATH}/{mine.id}", json={"scopes": "read_user api"})
        assert r.status_code == 200
        assert spec_fake.state.applications[mine.id].scopes == "read_user api"


# -- DELETE /user/applications/:id --------------------------------------------------------------
async def test_delete(spec_fake: FakeGitLab, owner: User) -> None:
    """'deletes the application' (204, gone); 'returns 403 for application not owned by
    user' (still there); 404 afterwards."""
    mine = app_of(spec_fake, owner.id)
    other = app_of(spec_fake, 0, "admin_app")
    async with client(spec_fake, owner) as c:
        r = await c.delete(f"{PATH}/{mine.id}")
        assert (r.status_code, r.content) == (204, b"")
        assert mine.id not in spec_fake.state.applications
        assert (await c.delete(f"{PATH}/{other.id}")).status_code == 403
        assert other.id in spec_fake.state.applications
        assert (await c.delete(f"{PATH}/{mine.id}")).status_code == 404


async def test_read_user_scope_cannot_use_it(spec_fake: FakeGitLab, owner: User) -> None:
    """Not API::Users: a `read_user` token gets 403 insufficient_scope; `read_api` may read."""
    async with spec_fake.client(add_token(spec_fake, owner, scopes=("read_user",)).token) as c:
        assert (await c.get(PATH)).status_code == 403
    async with spec_fake.client(add_token(spec_fake, owner, scopes=("read_api",)).token) as c:
        assert (await c.get(PATH)).status_code == 200
        assert (await c.post(PATH, json=NEW)).status_code == 403
