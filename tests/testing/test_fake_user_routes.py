"""/user routes, follows, keys, emails, status, preferences and the other route families."""

from __future__ import annotations

import httpx

from gitlab_users_client.testing import FakeGitLab, ManualClock

ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host"
GPG = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxsBNBFVjnlIBCACibzXOLCiZiL2oyzYUaTOC\n=XQoy\n-----END PGP PUBLIC KEY BLOCK-----"


async def test_status_put_and_patch(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    r = await user.put(
        "/api/v4/user/status", json={"emoji": "coffee", "message": "brb", "availability": "busy"}
    )
    assert r.json()["emoji"] == "coffee" and r.json()["availability"] == "busy"
    # SetStatusService: a PATCH keeps what it does not name except emoji and availability,
    # which fall back to speech_balloon / not_set when not sent
    r = await user.patch("/api/v4/user/status", json={"message": "still here"})
    assert (r.json()["emoji"], r.json()["message"], r.json()["availability"]) == (
        "speech_balloon",
        "still here",
        "not_set",
    )
    r = await user.patch("/api/v4/user/status", json={"emoji": "coffee"})
    assert (r.json()["emoji"], r.json()["message"]) == ("coffee", "still here")
    r = await user.patch("/api/v4/user/status")
    assert r.status_code == 200 and r.content == b""
    r = await user.put("/api/v4/user/status", json={"message": "only message"})
    body = r.json()
    assert (body["emoji"], body["availability"]) == ("speech_balloon", "not_set")
    r = await user.put("/api/v4/user/status", json={})
    assert set(r.json().values()) == {None}
    assert set((await anon.get("/api/v4/users/2/status")).json().values()) == {None}
    r = await user.put("/api/v4/user/status", json={"clear_status_after": "2_weeks"})
    assert r.json() == {"error": "clear_status_after does not have a valid value"}
    r = await user.put("/api/v4/user/status", json={"message": "x" * 101})
    assert r.json() == {"message": {"message": ["is too long (maximum is 100 characters)"]}}


async def test_status_clears_after(user: httpx.AsyncClient, clock: ManualClock) -> None:
    r = await user.put(
        "/api/v4/user/status", json={"message": "lunch", "clear_status_after": "30_minutes"}
    )
    assert r.json()["clear_status_at"] == "2026-01-01T00:30:00.000Z"
    clock.advance(31 * 60)
    assert (await user.get("/api/v4/user/status")).json()["message"] is None


async def test_follow_and_unfollow(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    r = await user.post("/api/v4/users/10/follow")
    assert r.status_code == 201 and r.json()["id"] == 10 and "followers" not in r.json()
    r = await user.post("/api/v4/users/10/follow")
    assert r.status_code == 304 and r.content == b""
    assert (await user.post("/api/v4/users/2/follow")).status_code == 304  # yourself
    followers = (await user.get("/api/v4/users/10/followers")).json()
    assert 2 in [u["id"] for u in followers]
    following = await user.get("/api/v4/users/2/following")
    assert 10 in [u["id"] for u in following.json()] and following.headers["X-Total"]
    assert (await user.get("/api/v4/users/10")).json()["is_followed"] is True
    assert (await user.post("/api/v4/users/10/unfollow")).status_code == 201
    assert (await user.post("/api/v4/users/10/unfollow")).status_code == 304
    assert (await user.post("/api/v4/users/99999/follow")).status_code == 404


async def test_follow_limit(fake: FakeGitLab, user: httpx.AsyncClient) -> None:
    fake.state.config.follow_limit = 3
    st = fake.state
    st.following[2] = {1, 3, 4}
    r = await user.post("/api/v4/users/20/follow")
    assert r.status_code == 400
    assert r.json() == {
        "message": "You can't follow more than 3 users. To follow more users, unfollow some others."
    }


async def test_private_profile(
    fake: FakeGitLab, user: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    fake.state.users[10].private_profile = True
    fake.state.invalidate(fake.state.users[10])
    profile = (await user.get("/api/v4/users/10")).json()
    assert "created_at" not in profile and "followers" not in profile
    assert (await user.get("/api/v4/users/10/followers")).status_code == 404
    assert "created_at" in (await admin.get("/api/v4/users/10")).json()


async def test_my_ssh_keys(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    r = await user.post(
        "/api/v4/user/keys", json={"title": "New", "key": ED25519, "usage_type": "signing"}
    )
    assert r.status_code == 201
    key = r.json()
    assert key["usage_type"] == "signing"
    assert key["key"].startswith("ssh-ed25519 AAAAC3") and key["key"].endswith(
        "John Smith (gitlab.example.com)"
    )
    r = await user.post("/api/v4/user/keys", json={"title": "Again", "key": ED25519})
    assert r.json() == {
        "message": {
            "key": ["has already been taken"],
            "fingerprint_sha256": ["has already been taken"],
        }
    }
    r = await user.post("/api/v4/user/keys", json={"title": "Bad", "key": "ssh-rsa nope!"})
    assert r.json() == {
        "message": {"key": ["is invalid"], "fingerprint_sha256": ["cannot be generated"]}
    }
    r = await user.post(
        "/api/v4/user/keys", json={"title": "x", "key": ED25519, "usage_type": "ssh"}
    )
    assert r.json() == {"error": "usage_type does not have a valid value"}
    assert (await user.get(f"/api/v4/user/keys/{key['id']}")).json()["title"] == "New"
    assert len((await anon.get("/api/v4/users/john_smith/keys")).json()) == 3
    assert (await user.delete(f"/api/v4/user/keys/{key['id']}")).status_code == 204
    assert (await user.get(f"/api/v4/user/keys/{key['id']}")).status_code == 404


async def test_admin_adds_keys_and_emails(admin: httpx.AsyncClient) -> None:
    r = await admin.post("/api/v4/users/3/keys", json={"title": "bot", "key": ED25519})
    assert r.status_code == 201
    assert (await admin.get(f"/api/v4/users/3/keys/{r.json()['id']}")).status_code == 200
    r = await admin.post("/api/v4/users/john_smith/keys", json={"title": "a", "key": ED25519})
    assert (r.status_code, r.json()) == (400, {"error": "user_id is invalid"})
    r = await admin.post("/api/v4/users/3/gpg_keys", json={"key": GPG})
    assert r.status_code == 201 and r.json()["key"] == GPG
    gid = r.json()["id"]
    assert (await admin.get(f"/api/v4/users/3/gpg_keys/{gid}")).status_code == 200
    r = await admin.post(f"/api/v4/users/3/gpg_keys/{gid}/revoke")
    assert (r.status_code, r.content) == (202, b"")
    assert (await admin.get(f"/api/v4/users/3/gpg_keys/{gid}")).status_code == 404
    r = await admin.post("/api/v4/users/3/gpg_keys", json={"key": "garbage"})
    assert r.json() == {"message": {"key": ["does not appear to be a valid PGP public key"]}}
    emails = (await admin.get("/api/v4/users/2/emails")).json()
    assert [e["email"] for e in emails] == [
        "john@example.com",  # the primary email comes first
        "john.smith@corp.example.com",
        "jsmith@example.org",
    ]
    r = await admin.delete(f"/api/v4/users/2/emails/{emails[1]['id']}")
    assert r.status_code == 204
    assert len((await admin.get("/api/v4/users/2/emails")).json()) == 2


async def test_my_gpg_keys_and_emails(user: httpx.AsyncClient) -> None:
    r = await user.post("/api/v4/user/gpg_keys", json={"key": GPG})
    assert r.status_code == 201 and isinstance(r.json(), dict)
    kid = r.json()["id"]
    assert len((await user.get("/api/v4/user/gpg_keys")).json()) == 2
    assert (await user.post(f"/api/v4/user/gpg_keys/{kid}/revoke")).status_code == 202
    r = await user.post("/api/v4/user/emails", json={"email": "new-john@example.com"})
    assert r.status_code == 201 and r.json()["confirmed_at"] is None
    eid = r.json()["id"]
    assert (await user.get(f"/api/v4/user/emails/{eid}")).json()["email"] == "new-john@example.com"
    assert (await user.delete(f"/api/v4/user/emails/{eid}")).status_code == 204
    r = await user.post("/api/v4/user/emails", json={"email": "admin@example.com"})
    assert r.json() == {"message": {"email": ["has already been taken"]}}


async def test_preferences(user: httpx.AsyncClient) -> None:
    prefs = (await user.get("/api/v4/user/preferences")).json()
    assert set(prefs) == {
        "id",
        "user_id",
        "view_diffs_file_by_file",
        "show_whitespace_in_diffs",
        "pass_user_identities_to_ci_jwt",
        "policy_advanced_editor",
    }
    r = await user.put("/api/v4/user/preferences", json={"policy_advanced_editor": True})
    assert r.json()["policy_advanced_editor"] is True
    r = await user.put("/api/v4/user/preferences", json={})
    assert r.status_code == 400
    assert r.json()["error"].endswith("are missing, at least one parameter must be provided")


async def test_support_pin(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    r = await user.get("/api/v4/user/support_pin")
    # not_found!('Support PIN not found or expired'): "404 <text> Not Found"
    assert (r.status_code, r.json()) == (
        404,
        {"message": "404 Support PIN not found or expired Not Found"},
    )
    pin = (await user.post("/api/v4/user/support_pin")).json()
    assert len(pin["pin"]) == 6
    assert (await admin.get("/api/v4/users/2/support_pin")).json() == pin
    r = await admin.post("/api/v4/users/2/support_pin/revoke")
    assert (r.status_code, r.content) == (202, b"")
    assert (await user.get("/api/v4/user/support_pin")).status_code == 404


async def test_custom_attributes(admin: httpx.AsyncClient) -> None:
    r = await admin.put("/api/v4/users/5/custom_attributes/team", json={"value": "blue"})
    assert r.json() == {"key": "team", "value": "blue"}
    assert (await admin.get("/api/v4/users/5/custom_attributes")).json() == [
        {"key": "team", "value": "blue"}
    ]
    assert (await admin.get("/api/v4/users/5/custom_attributes/team")).json()["value"] == "blue"
    r = await admin.get("/api/v4/users", params={"custom_attributes[team]": "blue"})
    assert [u["id"] for u in r.json()] == [5]
    assert (await admin.delete("/api/v4/users/5/custom_attributes/team")).status_code == 204
    r = await admin.put("/api/v4/users/5/custom_attributes/team", json={})
    assert r.json() == {"error": "value is missing"}


async def test_memberships_and_deploy_keys(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    ms = (await admin.get("/api/v4/users/2/memberships")).json()
    assert {m["source_type"] for m in ms} == {"Project", "Namespace"}
    assert all(isinstance(m["access_level"], int) for m in ms)
    only = (await admin.get("/api/v4/users/2/memberships", params={"type": "Project"})).json()
    assert {m["source_type"] for m in only} == {"Project"}
    r = await admin.get("/api/v4/users/2/memberships", params={"type": "Group"})
    assert r.json() == {"error": "type does not have a valid value"}
    keys = await user.get("/api/v4/users/john_smith/project_deploy_keys")
    assert keys.status_code == 200 and keys.json()[0]["fingerprint_sha256"].startswith("SHA256:")
    r = await user.get("/api/v4/users/4/project_deploy_keys")
    assert r.json() == {"message": "403 Forbidden - No common authorized project found"}


async def test_counts_activities_runners(user: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    counts = (await user.get("/api/v4/user_counts")).json()
    assert counts["merge_requests"] == counts["assigned_merge_requests"] == 2
    acts = (
        await admin.get("/api/v4/user/activities", params={"from": "2025-01-01", "per_page": 100})
    ).json()
    days = [a["last_activity_on"] for a in acts]
    assert days == sorted(days) and all(d >= "2025-01-01" for d in days)
    assert all(a["last_activity_at"] == a["last_activity_on"] for a in acts)
    r = await user.post(
        "/api/v4/user/runners",
        json={"runner_type": "project_type", "project_id": 1, "tag_list": "a,b"},
    )
    assert r.status_code == 201 and r.json()["token"].startswith("glrt-")
    r = await user.post("/api/v4/user/runners", json={"runner_type": "group_type"})
    assert r.json() == {"error": "group_id is missing"}
    r = await user.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
    assert r.status_code == 403
    assert (
        await admin.post("/api/v4/user/runners", json={"runner_type": "instance_type"})
    ).status_code == 201


async def test_projects_and_events(user: httpx.AsyncClient, anon: httpx.AsyncClient) -> None:
    mine = (await user.get("/api/v4/users/john_smith/projects")).json()
    assert {p["visibility"] for p in mine} == {"public", "internal", "private"}
    assert "permissions" in mine[0]
    simple = (await user.get("/api/v4/users/2/projects", params={"simple": "true"})).json()
    assert "permissions" not in simple[0]
    starred = (await user.get("/api/v4/users/2/starred_projects")).json()
    assert len(starred) == 3
    contributed = (await user.get("/api/v4/users/2/contributed_projects")).json()
    assert len(contributed) >= 1
    events = (await user.get("/api/v4/users/john_smith/events", params={"sort": "asc"})).json()
    times = [e["created_at"] for e in events]
    assert times == sorted(times) and events[0]["author"]["username"] == "john_smith"
    assert (await anon.get("/api/v4/users/2/events")).status_code == 200  # public in events.rb
    r = await user.get("/api/v4/users/2/events", params={"target_type": "bogus"})
    assert r.status_code == 400


async def test_head_mirrors_get(user: httpx.AsyncClient) -> None:
    get = await user.get("/api/v4/users", params={"per_page": 5})
    head = await user.head("/api/v4/users", params={"per_page": 5})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["X-Total"] == get.headers["X-Total"]
    assert head.headers["Link"] == get.headers["Link"]
    assert (await user.head("/api/v4/users/99999")).status_code == 404


async def test_credit_card_validation(admin: httpx.AsyncClient, user: httpx.AsyncClient) -> None:
    body = {
        "credit_card_validated_at": "2026-01-01T00:00:00Z",
        "credit_card_expiration_month": 1,
        "credit_card_expiration_year": 2030,
        "credit_card_holder_name": "John",
        "credit_card_mask_number": "1111",
        "credit_card_type": "visa",
    }
    assert (await user.put("/api/v4/user/2/credit_card_validation", json=body)).status_code == 403
    r = await admin.put("/api/v4/user/2/credit_card_validation", json=body)
    assert r.json() == {"user_id": 2, "credit_card_validated_at": "2026-01-01T00:00:00.000Z"}
