"""The personal access token API, ported from GitLab's
``spec/requests/api/personal_access_tokens_spec.rb`` (each test names its
``describe``/``context``/``it``).

Skipped examples:

==============================================================  ==============================
example                                                         why
==============================================================  ==============================
"authorizing granular token permissions" shared examples        granular (fine-grained) tokens
"fails to revoke a different user token using a readonly        admin mode (a token without
scope" (admin)                                                  `admin_mode` is not an admin)
"when require_token_expiry is false"                            instance setting
"when service raises an error" (rotate)                         needs a service stub
"when an ip is recently used" (exact IP list)                   the fake records 127.0.0.1
==============================================================  ==============================
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from spec_support import add_token, add_user, empty_fake

from gitlab_users_client.testing import FakeGitLab, ManualClock, Token, User

PATH = "/api/v4/personal_access_tokens"


@pytest.fixture
def spec_fake(clock: ManualClock) -> FakeGitLab:
    return empty_fake(clock)


class Caller:
    """`current_user` with `current_users_token`, as the spec's contexts set them up."""

    def __init__(self, fake: FakeGitLab, *, admin: bool) -> None:
        self.fake = fake
        self.user: User = add_user(fake, "spec_admin" if admin else "spec_user", is_admin=admin)
        self.token: Token = add_token(fake, self.user)

    def ids(self, body: Any) -> list[int]:
        return [pat["id"] for pat in body]

    async def get(self, params: dict[str, Any] | None = None) -> httpx.Response:
        async with self.fake.client(self.token.token) as c:
            return await c.get(PATH, params=params)


@pytest.fixture
def admin_caller(spec_fake: FakeGitLab) -> Caller:
    return Caller(spec_fake, admin=True)


@pytest.fixture
def user_caller(spec_fake: FakeGitLab) -> Caller:
    return Caller(spec_fake, admin=False)


def other(fake: FakeGitLab, name: str = "spec_other") -> User:
    return add_user(fake, name)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=UTC)


# -- GET /personal_access_tokens, logged in as an Administrator -------------------------------
async def test_admin_returns_all_pats_by_default(
    spec_fake: FakeGitLab, admin_caller: Caller
) -> None:
    """'logged in as an Administrator' 'returns all PATs by default' (every user's,
    impersonation tokens included)."""
    someone = other(spec_fake)
    add_token(spec_fake, someone)
    add_token(spec_fake, someone, impersonation=True)
    r = await admin_caller.get()
    assert r.status_code == 200
    assert len(r.json()) == len(spec_fake.state.tokens_by_id) == 3


async def test_admin_filtered_with_user_id(spec_fake: FakeGitLab, admin_caller: Caller) -> None:
    """'filtered with user_id parameter' 'returns only PATs belonging to that user': the
    token and its impersonation sibling, in ID order."""
    someone = other(spec_fake)
    token = add_token(spec_fake, someone)
    impersonated = add_token(spec_fake, someone, impersonation=True)
    r = await admin_caller.get({"user_id": someone.id})
    body = r.json()
    assert r.status_code == 200 and len(body) == 2
    assert body[0]["user_id"] == someone.id and body[0]["id"] == token.id
    assert body[-1]["id"] == impersonated.id
    assert "impersonation" not in body[-1]  # Entities::PersonalAccessTokenWithLastUsedIps


@pytest.mark.parametrize("user_id", ["999999", ""])
async def test_admin_user_id_validation(admin_caller: Caller, user_id: str) -> None:
    """'validations for user_id parameter': 404 `404 Not Found` when the user does not exist
    and when `user_id` is explicitly blank."""
    r = await admin_caller.get({"user_id": user_id})
    assert (r.status_code, r.json()) == (404, {"message": "404 Not Found"})


@pytest.fixture
def revoked_tokens(spec_fake: FakeGitLab, admin_caller: Caller) -> dict[str, Token]:
    someone = other(spec_fake)
    return {
        "revoked": add_token(spec_fake, someone, revoked=True),
        "not_revoked1": add_token(spec_fake, someone),
        "not_revoked2": add_token(spec_fake, someone),
    }


@pytest.mark.parametrize(
    ("revoked", "expected"),
    [("true", ["revoked"]), ("false", ["not_revoked1", "not_revoked2", "current"])],
)
async def test_admin_filter_revoked(
    admin_caller: Caller, revoked_tokens: dict[str, Token], revoked: str, expected: list[str]
) -> None:
    """'filter with revoked parameter' (true: the revoked token; false: the others)."""
    named = {**revoked_tokens, "current": admin_caller.token}
    r = await admin_caller.get({"revoked": revoked})
    assert r.status_code == 200
    assert sorted(admin_caller.ids(r.json())) == sorted(named[n].id for n in expected)


async def test_admin_filter_revoked_invalid(admin_caller: Caller) -> None:
    """'filter with revoked parameter' 'asdf': 400 `revoked is invalid`."""
    r = await admin_caller.get({"revoked": "asdf"})
    assert (r.status_code, r.json()) == (400, {"error": "revoked is invalid"})


async def test_admin_filter_state(spec_fake: FakeGitLab, admin_caller: Caller) -> None:
    """'filter with active parameter': inactive = revoked or expired (2022-01-01); active =
    the others; 'asdf' is 400 `state does not have a valid value`."""
    someone = other(spec_fake)
    inactive1 = add_token(spec_fake, someone, revoked=True)
    inactive2 = add_token(spec_fake, someone, expires_at=date(2022, 1, 1))
    active = add_token(spec_fake, someone)
    r = await admin_caller.get({"state": "inactive"})
    assert sorted(admin_caller.ids(r.json())) == [inactive1.id, inactive2.id]
    r = await admin_caller.get({"state": "active"})
    assert sorted(admin_caller.ids(r.json())) == sorted([active.id, admin_caller.token.id])
    r = await admin_caller.get({"state": "asdf"})
    assert (r.status_code, r.json()) == (400, {"error": "state does not have a valid value"})


CREATED_BEFORE = [
    ("2022-01-02", True),
    ("2022-01-01", False),
    ("2022-01-01T12:30:24", False),
    ("2022-01-01T12:30:25", True),
    ("2022-01-01T:12:30:26", True),
]


@pytest.mark.parametrize(("value", "found"), CREATED_BEFORE)
async def test_admin_filter_created_before(
    spec_fake: FakeGitLab, admin_caller: Caller, value: str, found: bool
) -> None:
    """'filter with created parameter' 'test created_before' (the bound is inclusive; a
    malformed time is read as the day)."""
    token1 = add_token(spec_fake, other(spec_fake), created_at=at(2022, 1, 1, 12, 30, 25))
    r = await admin_caller.get({"created_before": value})
    assert admin_caller.ids(r.json()) == ([token1.id] if found else [])


@pytest.mark.parametrize(
    "param", ["created_before", "created_after", "last_used_before", "last_used_after"]
)
async def test_admin_filter_dates_invalid(admin_caller: Caller, param: str) -> None:
    """The 'asdf' rows of the created/last_used tables: 400 `<param> is invalid`."""
    r = await admin_caller.get({param: "asdf"})
    assert (r.status_code, r.json()) == (400, {"error": f"{param} is invalid"})


@pytest.mark.parametrize(
    ("value", "with_token1", "with_current"),
    [
        ("2022-01-03", False, True),
        ("2022-01-01", True, True),
        ("2022-01-01T12:30:25", True, True),
        ("2022-01-01T12:30:26", False, True),
        ("2026-01-02T00:00:00", False, False),  # (DateTime.now + 1)
    ],
)
async def test_admin_filter_created_after(
    spec_fake: FakeGitLab,
    admin_caller: Caller,
    value: str,
    with_token1: bool,
    with_current: bool,
) -> None:
    """'filter with created parameter' 'test created_after' (inclusive)."""
    token1 = add_token(spec_fake, other(spec_fake), created_at=at(2022, 1, 1, 12, 30, 25))
    expected = [token1.id] * with_token1 + [admin_caller.token.id] * with_current
    r = await admin_caller.get({"created_after": value})
    assert sorted(admin_caller.ids(r.json())) == sorted(expected)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("2022-01-02", True),
        ("2022-01-01", False),
        ("2022-01-01T12:30:24", False),
        ("2022-01-01T12:30:25", True),
        ("2022-01-01T12:30:26", True),
    ],
)
async def test_admin_filter_last_used_before(
    spec_fake: FakeGitLab, admin_caller: Caller, value: str, found: bool
) -> None:
    """'filter with last_used parameter' 'test last_used_before': never-used tokens never
    match."""
    someone = other(spec_fake)
    token1 = add_token(spec_fake, someone, last_used_at=at(2022, 1, 1, 12, 30, 25))
    add_token(spec_fake, someone)  # never used
    r = await admin_caller.get({"last_used_before": value})
    assert admin_caller.ids(r.json()) == ([token1.id] if found else [])


@pytest.mark.parametrize(
    ("value", "with_token1", "with_current"),
    [
        ("2022-01-03", False, True),
        ("2022-01-01", True, True),
        ("2022-01-01T12:30:26", False, True),
        ("2022-01-01T12:30:25", True, True),
        ("2026-01-02T00:00:00", False, False),
    ],
)
async def test_admin_filter_last_used_after(
    spec_fake: FakeGitLab,
    admin_caller: Caller,
    value: str,
    with_token1: bool,
    with_current: bool,
) -> None:
    """'filter with last_used parameter' 'test last_used_after': the caller's token was just
    used by this very request."""
    someone = other(spec_fake)
    token1 = add_token(spec_fake, someone, last_used_at=at(2022, 1, 1, 12, 30, 25))
    add_token(spec_fake, someone)
    expected = [token1.id] * with_token1 + [admin_caller.token.id] * with_current
    r = await admin_caller.get({"last_used_after": value})
    assert sorted(admin_caller.ids(r.json())) == sorted(expected)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("test", ["t1", "t2"]), ("", ["t1", "t2", "current"]), ("test_1", ["t1"]), ("asdf", [])],
)
async def test_admin_filter_search(
    spec_fake: FakeGitLab, admin_caller: Caller, pattern: str, expected: list[str]
) -> None:
    """'filter with search parameter' (by name; an empty search matches everything)."""
    someone = other(spec_fake)
    named = {
        "t1": add_token(spec_fake, someone, name="test_1"),
        "t2": add_token(spec_fake, someone, name="test_2"),
        "current": admin_caller.token,
    }
    r = await admin_caller.get({"search": pattern})
    assert sorted(admin_caller.ids(r.json())) == sorted(named[n].id for n in expected)


@pytest.mark.parametrize(
    ("before", "after", "found", "with_current"),
    [
        ("2022-01-03", "2022-01-01", True, False),
        ("2022-01-01", "2022-01-03", False, False),
        ("2022-01-03", None, True, False),
        (None, "2022-01-01", True, True),
    ],
)
@pytest.mark.parametrize("field", ["created", "last_used"])
async def test_admin_filter_combined(
    spec_fake: FakeGitLab,
    admin_caller: Caller,
    field: str,
    before: str | None,
    after: str | None,
    found: bool,
    with_current: bool,
) -> None:
    """'filter created_before/created_after combined with last_used_before/
    last_used_after' (the same table for both pairs)."""
    token1 = add_token(
        spec_fake, other(spec_fake), created_at=at(2022, 1, 2), last_used_at=at(2022, 1, 2)
    )
    params = {f"{field}_before": before, f"{field}_after": after}
    r = await admin_caller.get({k: v for k, v in params.items() if v is not None})
    expected = [token1.id] * found + [admin_caller.token.id] * with_current
    assert sorted(admin_caller.ids(r.json())) == sorted(expected)


async def test_admin_filter_created_same_day_bounds(
    spec_fake: FakeGitLab, admin_caller: Caller
) -> None:
    """'filter created_before and created_after combined is valid': both bounds on the
    day the token was created (midnight) include it."""
    token1 = add_token(spec_fake, other(spec_fake), created_at=at(2022, 1, 2))
    r = await admin_caller.get({"created_before": "2022-01-02", "created_after": "2022-01-02"})
    assert admin_caller.ids(r.json()) == [token1.id]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"expires_before": "2026-01-10"}, ["soon"]),  # expires_at < date
        ({"expires_before": "2026-01-05"}, []),
        ({"expires_after": "2026-01-05"}, ["soon", "later"]),  # expires_at >= date
        ({"expires_after": "2026-01-06"}, ["later"]),
    ],
)
async def test_admin_filter_expires(
    spec_fake: FakeGitLab, admin_caller: Caller, params: dict[str, str], expected: list[str]
) -> None:
    """lib/api/helpers/personal_access_tokens_helpers.rb `expires_before`/`expires_after`
    (Date) and the model scopes `expires_before` (`<`) and `expires_after` (`>=`); tokens
    without an expiry date never match."""
    someone = other(spec_fake)
    admin_caller.token.expires_at = None
    named = {
        "soon": add_token(spec_fake, someone, expires_at=date(2026, 1, 5)),
        "later": add_token(spec_fake, someone, expires_at=date(2026, 3, 1)),
    }
    add_token(spec_fake, someone, expires_at=None)
    r = await admin_caller.get(params)
    assert sorted(admin_caller.ids(r.json())) == sorted(named[n].id for n in expected)


async def test_sort_orders(spec_fake: FakeGitLab, admin_caller: Caller) -> None:
    """PersonalAccessTokensFinder#sort: `PersonalAccessToken.simple_sorts` keys; an unknown
    value leaves the default ID order; expiry orders put tokens without a date last."""
    someone = other(spec_fake)
    b = add_token(spec_fake, someone, name="b", expires_at=date(2026, 2, 1))
    a = add_token(spec_fake, someone, name="A", expires_at=None)
    c = add_token(spec_fake, someone, name="c", expires_at=date(2026, 1, 10))
    mine = admin_caller.token.id
    cases = {
        "name_asc": [a.id, b.id, c.id],
        "id_desc": [c.id, a.id, b.id],
        "expires_asc": [mine, c.id, b.id, a.id],  # the caller's token expires on 2026-01-06
        "expires_desc": [a.id, b.id, c.id, mine],
        "bogus": [mine, b.id, a.id, c.id],
    }
    for sort, expected in cases.items():
        r = await admin_caller.get({"sort": sort, "user_id": someone.id})
        got = admin_caller.ids(r.json())
        assert got == [i for i in expected if i != mine], sort
    r = await admin_caller.get({"sort": "expires_asc"})
    assert admin_caller.ids(r.json()) == cases["expires_asc"]


# -- GET /personal_access_tokens, logged in as a non-Administrator ----------------------------
async def test_user_returns_own_pats(spec_fake: FakeGitLab, user_caller: Caller) -> None:
    """'logged in as a non-Administrator' 'returns all PATs belonging to the signed-in
    user' (not other users', not the user's impersonation tokens)."""
    add_token(spec_fake, other(spec_fake))
    add_token(spec_fake, user_caller.user, impersonation=True)
    r = await user_caller.get()
    assert r.status_code == 200
    assert user_caller.ids(r.json()) == [user_caller.token.id]
    assert {pat["user_id"] for pat in r.json()} == {user_caller.user.id}


async def test_user_filtered_with_user_id(spec_fake: FakeGitLab, user_caller: Caller) -> None:
    """'filtered with user_id parameter': their own ID works; another user's is 401, before
    parameter validation (restrict_non_admins! runs in the `before` block)."""
    r = await user_caller.get({"user_id": user_caller.user.id})
    assert user_caller.ids(r.json()) == [user_caller.token.id]
    someone = other(spec_fake)
    for user_id in (str(someone.id), "abc"):
        r = await user_caller.get({"user_id": user_id})
        assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})


async def test_user_filters_stay_within_own_tokens(
    spec_fake: FakeGitLab, user_caller: Caller
) -> None:
    """'filter with revoked parameter', 'filter with active parameter', 'filter with created
    parameter', 'filter with last_used', 'filter with search parameter' for a
    non-administrator: only the caller's tokens can match."""
    me, someone = user_caller.user, other(spec_fake)
    mine_revoked = add_token(spec_fake, me, revoked=True)
    add_token(spec_fake, someone, revoked=True)
    add_token(spec_fake, someone)
    cases: list[tuple[dict[str, str], list[int]]] = [
        ({"revoked": "true"}, [mine_revoked.id]),
        ({"revoked": "false"}, [user_caller.token.id]),
        ({"state": "inactive"}, [mine_revoked.id]),
        ({"state": "active"}, [user_caller.token.id]),
    ]
    for params, expected in cases:
        r = await user_caller.get(params)
        assert sorted(user_caller.ids(r.json())) == sorted(expected), params
    token1 = add_token(spec_fake, me, created_at=at(2022, 1, 2, 12, 30, 25), name="test_1")
    add_token(spec_fake, someone, created_at=at(2022, 1, 2, 12, 30, 25), name="test_1")
    r = await user_caller.get({"created_before": "2022-01-03"})
    assert user_caller.ids(r.json()) == [token1.id]
    r = await user_caller.get({"search": "test"})
    assert user_caller.ids(r.json()) == [token1.id]


async def test_not_authenticated(spec_fake: FakeGitLab) -> None:
    """'not authenticated' 'is forbidden': 401."""
    async with spec_fake.client() as c:
        r = await c.get(PATH)
    assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})


# -- GET /personal_access_tokens/:id ----------------------------------------------------------
@pytest.fixture
def by_id(spec_fake: FakeGitLab) -> dict[str, Any]:
    current = add_user(spec_fake, "spec_current")
    admin = add_user(spec_fake, "spec_admin_user", is_admin=True)
    return {
        "current": current,
        "user_token": add_token(spec_fake, current),
        "token1": add_token(spec_fake, other(spec_fake)),
        "read_only": add_token(spec_fake, current, scopes=("read_repository",)),
        "admin": admin,
        "admin_token": add_token(spec_fake, admin),
    }


async def test_get_by_id_as_admin(spec_fake: FakeGitLab, by_id: dict[str, Any]) -> None:
    """'when current_user is an administrator': their own PAT; another user's PAT; 404 for
    an ID no token has."""
    async with spec_fake.client(by_id["admin_token"].token) as c:
        for token in (by_id["admin_token"], by_id["user_token"]):
            r = await c.get(f"{PATH}/{token.id}")
            assert (r.status_code, r.json()["id"]) == (200, token.id)
        r = await c.get(f"{PATH}/999999")
        assert (r.status_code, r.json()) == (404, {"message": "404 Not Found"})


async def test_get_by_id_as_user(spec_fake: FakeGitLab, by_id: dict[str, Any]) -> None:
    """'when current_user is not an administrator': their own PAT (with `last_used_ips`);
    401 for another user's PAT and for an ID no token has; 403 with a `read_repository`
    token."""
    async with spec_fake.client(by_id["user_token"].token) as c:
        r = await c.get(f"{PATH}/{by_id['user_token'].id}")
        assert (r.status_code, r.json()["id"]) == (200, by_id["user_token"].id)
        assert r.json()["last_used_ips"] == ["127.0.0.1"]
        for token_id in (by_id["token1"].id, 999999):
            r = await c.get(f"{PATH}/{token_id}")
            assert (r.status_code, r.json()) == (401, {"message": "401 Unauthorized"})
    async with spec_fake.client(by_id["read_only"].token) as c:
        r = await c.get(f"{PATH}/{by_id['user_token'].id}")
        assert (r.status_code, r.json()["error"]) == (403, "insufficient_scope")


async def test_get_by_id_not_an_integer(spec_fake: FakeGitLab, by_id: dict[str, Any]) -> None:
    """`requires :id, type: Integer`: 400 `id is invalid`."""
    async with spec_fake.client(by_id["user_token"].token) as c:
        r = await c.get(f"{PATH}/abc")
    assert (r.status_code, r.json()) == (400, {"error": "id is invalid"})


# -- POST /personal_access_tokens/:id/rotate ---------------------------------------------------
async def test_rotate_own_token(spec_fake: FakeGitLab) -> None:
    """'rotates user's own token': 200, a new value, `expires_at` one week from today; the
    old token is revoked and the new one (a new ID, same name and scopes) works."""
    owner = add_user(spec_fake, "spec_owner")
    token = add_token(spec_fake, owner, name="ci", scopes=("api", "read_user"))
    async with spec_fake.client(token.token) as c:
        r = await c.post(f"{PATH}/{token.id}/rotate")
    body = r.json()
    assert r.status_code == 200
    assert body["token"] != token.token and body["id"] != token.id
    assert body["expires_at"] == "2026-01-08"
    assert (body["name"], body["scopes"], body["active"]) == ("ci", ["api", "read_user"], True)
    assert token.revoked
    async with spec_fake.client(body["token"]) as c:
        assert (await c.get(f"{PATH}/self")).json()["id"] == body["id"]
    async with spec_fake.client(token.token) as c:
        assert (await c.get(f"{PATH}/self")).status_code == 401


async def test_rotate_with_expiry(spec_fake: FakeGitLab) -> None:
    """'when expiry is defined' 'rotates user's own token': the given date."""
    token = add_token(spec_fake, add_user(spec_fake, "spec_owner"))
    async with spec_fake.client(token.token) as c:
        r = await c.post(f"{PATH}/{token.id}/rotate", json={"expires_at": "2026-02-01"})
    assert (r.status_code, r.json()["expires_at"]) == (200, "2026-02-01")


async def test_rotate_beyond_the_maximum_lifetime(spec_fake: FakeGitLab) -> None:
    """RotateService#create_access_token: the new token fails
    `expires_at_before_instance_max_expiry_date`: 400 with the full message, and the
    transaction leaves the old token unrevoked."""
    token = add_token(spec_fake, add_user(spec_fake, "spec_owner"))
    async with spec_fake.client(token.token) as c:
        r = await c.post(f"{PATH}/{token.id}/rotate", json={"expires_at": "2027-01-02"})
        assert (r.status_code, r.json()) == (
            400,
            {"message": "400 Bad request - Expires at must be before 2027-01-01"},
        )
        r = await c.post(f"{PATH}/{token.id}/rotate", json={"expires_at": "not a date"})
        assert (r.status_code, r.json()) == (400, {"error": "expires_at is invalid"})
    assert not token.revoked


async def test_rotate_a_revoked_token(spec_fake: FakeGitLab) -> None:
    """RotateService#execute: `Token already revoked` (400) for a revoked token an
    administrator names."""
    admin = add_user(spec_fake, "spec_admin_r", is_admin=True)
    revoked = add_token(spec_fake, other(spec_fake), revoked=True)
    async with spec_fake.client(add_token(spec_fake, admin).token) as c:
        r = await c.post(f"{PATH}/{revoked.id}/rotate")
    assert (r.status_code, r.json()) == (
        400,
        {"message": "400 Bad request - Token already revoked"},
    )


async def test_rotate_without_permission(spec_fake: FakeGitLab) -> None:
    """'without permission' 'returns an error message' (401); 'when token does not exist':
    401 for a non-admin user, 404 for an admin user."""
    token = add_token(spec_fake, add_user(spec_fake, "spec_owner"))
    another = add_token(spec_fake, other(spec_fake))
    async with spec_fake.client(another.token) as c:
        assert (await c.post(f"{PATH}/{token.id}/rotate")).status_code == 401
        assert (await c.post(f"{PATH}/999999/rotate")).status_code == 401
    admin = add_user(spec_fake, "spec_admin_x", is_admin=True)
    async with spec_fake.client(add_token(spec_fake, admin).token) as c:
        r = await c.post(f"{PATH}/999999/rotate")
        assert (r.status_code, r.json()) == (404, {"message": "404 Not Found"})
        r = await c.post(f"{PATH}/{token.id}/rotate")  # an admin rotates anyone's token
        assert r.status_code == 200 and r.json()["user_id"] == token.user_id
    assert not another.revoked


async def test_rotate_impersonation_token_stays_one(spec_fake: FakeGitLab) -> None:
    """RotateService#create_token_params copies `impersonation`: the successor of an
    impersonation token is one too (listed by the impersonation tokens route)."""
    admin = add_user(spec_fake, "spec_admin_i", is_admin=True)
    someone = other(spec_fake)
    impersonation = add_token(spec_fake, someone, impersonation=True)
    async with spec_fake.client(add_token(spec_fake, admin).token) as c:
        new = (await c.post(f"{PATH}/{impersonation.id}/rotate")).json()
        listed = (await c.get(f"/api/v4/users/{someone.id}/impersonation_tokens")).json()
    assert {t["id"] for t in listed} == {impersonation.id, new["id"]}


# -- DELETE /personal_access_tokens/:id --------------------------------------------------------
async def test_revoke_as_admin(spec_fake: FakeGitLab) -> None:
    """'when current_user is an administrator': 'revokes a different users token' (204,
    revoked); 'revokes their own token' (204)."""
    admin = add_user(spec_fake, "spec_admin_d", is_admin=True)
    token1 = add_token(spec_fake, other(spec_fake))
    admin_token = add_token(spec_fake, admin)
    own = add_token(spec_fake, admin)
    async with spec_fake.client(admin_token.token) as c:
        r = await c.delete(f"{PATH}/{token1.id}")
        assert (r.status_code, r.content) == (204, b"")
        assert token1.revoked
        assert (await c.delete(f"{PATH}/{own.id}")).status_code == 204
        assert (await c.delete(f"{PATH}/{token1.id}")).status_code == 204  # already revoked
        r = await c.delete(f"{PATH}/999999")
        assert (r.status_code, r.json()) == (404, {"message": "404 Not found"})


async def test_revoke_as_user(spec_fake: FakeGitLab) -> None:
    """'when current_user is not an administrator': 'fails revokes a different users
    token' (400); 'revokes their own token' (204); 'cannot revoke impersonation token'
    (400)."""
    current = add_user(spec_fake, "spec_current_d")
    user_token = add_token(spec_fake, current)
    auth = add_token(spec_fake, current)
    impersonated = add_token(spec_fake, current, impersonation=True)
    token1 = add_token(spec_fake, other(spec_fake))
    async with spec_fake.client(auth.token) as c:
        r = await c.delete(f"{PATH}/{token1.id}")
        assert (r.status_code, r.json()) == (
            400,
            {"message": "400 Bad request - Not permitted to revoke"},
        )
        assert (await c.delete(f"{PATH}/{user_token.id}")).status_code == 204
        assert (await c.delete(f"{PATH}/{impersonated.id}")).status_code == 400
    assert user_token.revoked and not token1.revoked and not impersonated.revoked
