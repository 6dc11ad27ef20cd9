"""Hostile client input never makes the fake answer 500; it gets the 4xx GitLab gives.

* Deeply nested JSON, integers with more than 1,000 digits and oversized arrays are refused
  by GitLab's JSON validation middleware (``Gitlab::Middleware::JsonValidation``) with 400
  ``{"error": ...}`` before any route runs.
* A 5,000-digit id in the path or in ``Sudo`` is a valid Integer to Ruby; the record lookup
  finds nothing (ActiveRecord answers an out-of-range id with "no record"), so the answer is
  the route's 404, exactly as for any unknown id. In a query string or form body such an
  integer reaches the model validations (400).
* The control API refuses ``NaN``/``Infinity`` (Python's ``json`` accepts them) with 400.
"""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLab

HUGE = "9" * 5000


def nested(depth: int) -> bytes:
    return b'{"title":"t","key":' + b"[" * depth + b"1" + b"]" * depth + b"}"


async def post_json(client: httpx.AsyncClient, path: str, body: bytes) -> httpx.Response:
    return await client.post(path, content=body, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("depth", [33, 5_000, 200_000])
async def test_deeply_nested_json_is_400(user: httpx.AsyncClient, depth: int) -> None:
    r = await post_json(user, "/api/v4/user/keys", nested(depth))
    assert (r.status_code, r.json()) == (400, {"error": "Parameters nested too deeply"})


async def test_nesting_at_the_limit_reaches_the_route(user: httpx.AsyncClient) -> None:
    r = await post_json(user, "/api/v4/user/keys", nested(31))
    assert r.status_code == 400 and r.json() == {"error": "key is invalid"}


async def test_nesting_inside_strings_does_not_count(user: httpx.AsyncClient) -> None:
    body = b'{"title":"' + b"[" * 100 + b'","key":"not a key"}'
    r = await post_json(user, "/api/v4/user/keys", body)
    assert r.status_code == 400 and "key" in r.json()["message"]


async def test_huge_json_integer_is_400(admin: httpx.AsyncClient) -> None:
    body = b'{"projects_limit":' + HUGE.encode() + b"}"
    r = await admin.put(
        "/api/v4/users/2", content=body, headers={"Content-Type": "application/json"}
    )
    assert (r.status_code, r.json()) == (400, {"error": "Invalid JSON: limit exceeded"})


async def test_huge_array_is_400(admin: httpx.AsyncClient) -> None:
    body = b'{"scopes":[' + b",".join([b'"api"'] * 50_001) + b"]}"
    r = await post_json(admin, "/api/v4/users/2/personal_access_tokens", body)
    assert (r.status_code, r.json()) == (400, {"error": "Array parameter too large"})


async def test_huge_form_integer_fails_model_validation(admin: httpx.AsyncClient) -> None:
    r = await admin.put("/api/v4/users/2", data={"projects_limit": HUGE})
    assert (r.status_code, r.json()) == (
        400,
        {"message": {"projects_limit": ["must be less than or equal to 2147483647"]}},
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v4/users/{HUGE}",
        f"/api/v4/users/{HUGE}/keys",
        f"/api/v4/users/{HUGE}/status",
        f"/api/v4/users/{HUGE}/projects",
    ],
)
async def test_huge_path_id_is_an_unknown_user(admin: httpx.AsyncClient, path: str) -> None:
    r = await admin.get(path)
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


async def test_huge_integer_path_params(admin: httpx.AsyncClient) -> None:
    r = await admin.get(f"/api/v4/users/2/keys/{HUGE}")
    assert (r.status_code, r.json()) == (404, {"message": "404 Key Not Found"})
    r = await admin.get(f"/api/v4/users/{HUGE}/memberships")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


async def test_huge_sudo_is_an_unknown_user(admin: httpx.AsyncClient) -> None:
    r = await admin.get("/api/v4/user", headers={"Sudo": HUGE})
    assert r.status_code == 404
    assert r.json() == {"message": f"404 User with ID or username '{HUGE}' Not Found"}


async def test_huge_page_number(user: httpx.AsyncClient) -> None:
    r = await user.get(f"/api/v4/users/2/followers?page={HUGE}")
    assert (r.status_code, r.json()) == (200, [])


async def test_unicode_digit_id_is_not_an_id(user: httpx.AsyncClient) -> None:
    # "²" passes str.isdigit() but is no ASCII digit: a username lookup, not int()
    r = await user.get("/api/v4/users/%C2%B2/status")
    assert (r.status_code, r.json()) == (404, {"message": "404 User Not Found"})


# -- the control API ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw", [b'{"seconds": NaN}', b'{"seconds": Infinity}', b'{"seconds": -Infinity}']
)
async def test_window_rejects_non_finite_seconds(fake: FakeGitLab, raw: bytes) -> None:
    async with fake.client() as c:
        r = await c.post("/-/fake/rate-limit-window", content=raw)
        assert r.status_code == 400 and "finite" in r.json()["error"]
        assert (await c.get("/-/fake/stats")).json()["windows"] == []
        assert (await c.get("/api/v4/users?username=root")).status_code == 200


async def test_window_rejects_bad_start(fake: FakeGitLab) -> None:
    async with fake.client() as c:
        r = await c.post("/-/fake/rate-limit-window", json={"seconds": 1, "start_at_request": 1.5})
        assert r.status_code == 400


async def test_control_api_rejects_deep_and_odd_bodies(fake: FakeGitLab) -> None:
    async with fake.client() as c:
        deep = b"[" * 100_000 + b"]" * 100_000
        for path, method in (
            ("/-/fake/rate-limit-window", "POST"),
            ("/-/fake/faults", "PUT"),
            ("/-/fake/rate-limit", "PUT"),
        ):
            r = await c.request(method, path, content=deep)
            assert r.status_code == 400, path
        r = await c.put("/-/fake/rate-limit", json=[1, 2])
        assert r.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"requests": 10, "period": float("nan")},
        {"requests": 10, "period": float("inf")},
    ],
)
async def test_rate_limit_rejects_non_finite_period(
    fake: FakeGitLab, body: dict[str, float]
) -> None:
    import json

    async with fake.client() as c:
        r = await c.put("/-/fake/rate-limit", content=json.dumps(body).encode())
        assert r.status_code == 400
        assert (await c.get("/-/fake/rate-limit")).json() is None


async def test_faults_reject_non_finite_latency(fake: FakeGitLab) -> None:
    async with fake.client() as c:
        r = await c.put("/-/fake/faults", content=b'{"latency": NaN}')
        assert r.status_code == 400
        r = await c.put("/-/fake/faults", content=b'{"latency_range": [0, Infinity]}')
        assert r.status_code == 400
