"""Routes outside ``users.rb``: ``POST /user/runners`` (``spec/requests/api/user_runners_spec.rb``),
``GET /user_counts`` (``spec/requests/api/user_counts_spec.rb``), a user's project lists
(``spec/requests/api/projects_spec.rb``, ``GET /users/:user_id/projects`` and friends) and
``GET /users/:id/events`` (``spec/requests/api/events_spec.rb``).

Skipped examples of these groups:

================================================================  ===========================
example                                                           why
================================================================  ===========================
user_runners_spec "admin mode is disabled"                        instance setting (admin mode)
user_runners_spec "authorizing granular token permissions"        granular PATs are behind a
                                                                  feature flag
user_counts_spec counts of real issues/MRs/todos                  the fake keeps counters, not
                                                                  issues; their presence and
                                                                  types are checked
projects_spec statistics/storage/import/custom-attribute          the fake's projects carry no
filters and ``with_issues_enabled``-style feature filters          such data
events_spec events of projects/notes created by factories         the fake's events are seeded
================================================================  ===========================
"""

from __future__ import annotations

import httpx
from spec_support import add_group, add_project, add_user, token_of

from gitlab_users_client.testing import FakeGitLab


# -- POST /user/runners ----------------------------------------------------------------------
async def test_runner_instance_type(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient, anon: httpx.AsyncClient
) -> None:
    """user_runners_spec runner_type instance_type: creates a runner for an admin (201); 403
    for a user who is not an admin; 401 if unauthorized."""
    before = len(fake.state.runners)
    r = await admin.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
    assert r.status_code == 201 and r.json()["token"].startswith("glrt-")
    assert (
        await user.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
    ).status_code == 403
    assert (
        await anon.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
    ).status_code == 401
    assert len(fake.state.runners) == before + 1


async def test_runner_token_scopes(fake: FakeGitLab) -> None:
    """user_runners_spec 'with request authorized with access token': create_runner and api
    scopes create; read_api is 403 insufficient_scope."""
    admin = fake.state.users[1]
    for scope in ("create_runner", "api"):
        async with fake.client(token_of(fake, admin, scope)) as c:
            assert (
                await c.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
            ).status_code == 201
    async with fake.client(token_of(fake, admin, "read_api")) as c:
        r = await c.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
        assert (r.status_code, r.json()["error"]) == (403, "insufficient_scope")


async def test_runner_model_validation(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """user_runners_spec 'when model validation fails': `run_untagged: false` with an empty
    tag list is 400 `Tags list can not be empty ...` and creates nothing."""
    before = len(fake.state.runners)
    r = await admin.post(
        "/api/v4/user/runners",
        json={"runner_type": "instance_type", "run_untagged": False, "tag_list": []},
    )
    assert (r.status_code, r.json()) == (
        400,
        {
            "message": "400 Bad request - Tags list can not be empty when runner is not allowed "
            "to pick untagged jobs"
        },
    )
    assert len(fake.state.runners) == before


async def test_runner_untagged_false_with_tags(admin: httpx.AsyncClient) -> None:
    """Ci::Runner#tag_constraints (behind user_runners_spec): tags make run_untagged=false
    valid."""
    r = await admin.post(
        "/api/v4/user/runners",
        json={"runner_type": "instance_type", "run_untagged": False, "tag_list": "docker,linux"},
    )
    assert r.status_code == 201


async def test_runner_group_type(fake: FakeGitLab) -> None:
    """user_runners_spec runner_type group_type: a group owner creates; a maintainer gets
    403; `group_id is missing` without group_id."""
    group = add_group(fake, "runners")
    owner, maintainer = add_user(fake, "spec_gowner"), add_user(fake, "spec_gmaint")
    fake.state.add_membership(owner.id, "Namespace", group.id, 50)
    fake.state.add_membership(maintainer.id, "Namespace", group.id, 40)
    body = {"runner_type": "group_type", "group_id": group.id}
    async with fake.client(token_of(fake, owner)) as c:
        assert (await c.post("/api/v4/user/runners", json=body)).status_code == 201
        r = await c.post("/api/v4/user/runners", json={"runner_type": "group_type"})
        assert (r.status_code, r.json()) == (400, {"error": "group_id is missing"})
    async with fake.client(token_of(fake, maintainer)) as c:
        assert (await c.post("/api/v4/user/runners", json=body)).status_code == 403


async def test_runner_project_type(fake: FakeGitLab) -> None:
    """user_runners_spec runner_type project_type: the owner creates; a developer gets 403;
    `project_id is missing` without project_id."""
    owner, developer = add_user(fake, "spec_powner"), add_user(fake, "spec_pdev")
    project = add_project(fake, owner, "runner-project")
    fake.state.add_membership(developer.id, "Project", project.id, 30)
    body = {"runner_type": "project_type", "project_id": project.id}
    async with fake.client(token_of(fake, owner)) as c:
        assert (await c.post("/api/v4/user/runners", json=body)).status_code == 201
        r = await c.post("/api/v4/user/runners", json={"runner_type": "project_type"})
        assert (r.status_code, r.json()) == (400, {"error": "project_id is missing"})
    async with fake.client(token_of(fake, developer)) as c:
        assert (await c.post("/api/v4/user/runners", json=body)).status_code == 403


async def test_runner_type_missing_or_unknown(admin: httpx.AsyncClient) -> None:
    """user_runners_spec 'with missing runner_type' / 'with unknown runner_type': Grape's
    exact texts."""
    r = await admin.post("/api/v4/user/runners", json={})
    assert (r.status_code, r.json()) == (
        400,
        {"error": "runner_type is missing, runner_type does not have a valid value"},
    )
    r = await admin.post("/api/v4/user/runners", json={"runner_type": "unknown"})
    assert r.json() == {"error": "runner_type does not have a valid value"}


# -- GET /user_counts ------------------------------------------------------------------------
async def test_user_counts(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    """user_counts_spec GET /user_counts: 401 when not authenticated; the counts (integers)
    for the current user, merge_requests equal to assigned_merge_requests."""
    assert (await anon.get("/api/v4/user_counts")).status_code == 401
    body = (await user.get("/api/v4/user_counts")).json()
    keys = {
        "merge_requests",
        "assigned_issues",
        "assigned_merge_requests",
        "review_requested_merge_requests",
        "todos",
    }
    assert set(body) == keys and all(isinstance(v, int) for v in body.values())
    assert body["merge_requests"] == body["assigned_merge_requests"]


async def test_user_counts_values(fake: FakeGitLab) -> None:
    """user_counts_spec GET /user_counts: assigned issue count, assigned MR count (also as
    `merge_requests`), and pending todo count of the current user."""
    counted = add_user(fake, "spec_counted", assigned_issues=1, assigned_merge_requests=1, todos=1)
    async with fake.client(token_of(fake, counted)) as c:
        r = await c.get("/api/v4/user_counts")
    body = r.json()
    assert r.status_code == 200
    assert (body["assigned_issues"], body["merge_requests"], body["todos"]) == (1, 1, 1)


# -- GET /users/:user_id/projects ---------------------------------------------------------------
async def test_user_projects_unknown_user(anon: httpx.AsyncClient) -> None:
    """projects_spec GET /users/:user_id/projects: 404 `404 User Not Found` for an unknown
    id or username."""
    for ref in ("999999", "nobody.here"):
        r = await anon.get(f"/api/v4/users/{ref}/projects")
        assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


async def test_user_projects_by_id_and_username(
    fake: FakeGitLab, anon: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """projects_spec GET /users/:user_id/projects: the user's projects by id and by username
    (also with a dot); anonymous callers see only public ones; `simple=true` drops
    permissions."""
    owner = add_user(fake, "user.withdot")
    public = add_project(fake, owner, "public-one")
    add_project(fake, owner, "private-one", visibility="private")
    for ref in (str(owner.id), owner.username):
        ids = [p["id"] for p in (await anon.get(f"/api/v4/users/{ref}/projects")).json()]
        assert ids == [public.id]
    full = (await user.get(f"/api/v4/users/{owner.id}/projects")).json()
    assert "permissions" in full[0]
    simple = (await user.get(f"/api/v4/users/{owner.id}/projects?simple=true")).json()
    assert "permissions" not in simple[0]


async def test_user_projects_order(fake: FakeGitLab, anon: httpx.AsyncClient) -> None:
    """projects_spec GET /users/:user_id/projects: ordered by created_at desc by default;
    `order_by=id&sort=asc`; 400 for an unknown order_by."""
    owner = add_user(fake, "spec_projects")
    first, second = add_project(fake, owner, "first"), add_project(fake, owner, "second")
    ids = [p["id"] for p in (await anon.get(f"/api/v4/users/{owner.id}/projects")).json()]
    assert ids == [second.id, first.id]
    ids = [
        p["id"]
        for p in (await anon.get(f"/api/v4/users/{owner.id}/projects?order_by=id&sort=asc")).json()
    ]
    assert ids == [first.id, second.id]
    r = await anon.get(f"/api/v4/users/{owner.id}/projects?order_by=magic")
    assert (r.status_code, r.json()) == (400, {"error": "order_by does not have a valid value"})


async def test_starred_and_contributed_unknown_user(anon: httpx.AsyncClient) -> None:
    """projects_spec GET /users/:user_id/starred_projects and contributed_projects: 404 `404
    User Not Found`."""
    for what in ("starred_projects", "contributed_projects"):
        r = await anon.get(f"/api/v4/users/999999/{what}")
        assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


# -- GET /users/:id/events ---------------------------------------------------------------------
async def test_user_events(
    fake: FakeGitLab, anon: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """events_spec GET /users/:id/events: public (anonymous 200); by username; 404 `404 User
    Not Found`; nothing for a private profile."""
    assert (await anon.get("/api/v4/users/2/events")).status_code == 200
    assert (await user.get("/api/v4/users/john_smith/events")).json()
    r = await anon.get("/api/v4/users/999999/events")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})
    fake.state.users[2].private_profile = True
    fake.state.invalidate(fake.state.users[2])
    assert (await anon.get("/api/v4/users/2/events")).json() == []
