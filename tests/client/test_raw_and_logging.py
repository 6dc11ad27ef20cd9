"""Raw responses, the ``gl.request`` escape hatch, and logging without secrets."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from gitlab_users_client import (
    AsyncGitLab,
    InvalidRequestError,
    NotFoundError,
    Response,
    ResponseValidationError,
    _retry,
)
from gitlab_users_client.models import UserBasic, UserDetailsWithAdmin, UserProfile
from tests.mock_gitlab import BASE, USER, recorder

TOKEN = "glpat-LOGSECRET-7f3a9c"
SUDO = "sudo-target-q8z"


# -- with_raw_response -------------------------------------------------------------------------


async def test_raw_response_for_get() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        raw = await gl.users.with_raw_response.get(1, with_custom_attributes=True)
    assert isinstance(raw, Response)
    assert raw.status_code == 200
    assert raw.headers["X-Request-Id"] == "req-1"
    assert isinstance(raw.parsed, UserProfile | UserDetailsWithAdmin)
    assert raw.parsed.username == "alice"
    assert json.loads(raw.content) == USER
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.http_response.request.url == seen[0].url
    assert seen[0].url.params["with_custom_attributes"] == "true"


async def test_raw_response_for_a_list_is_one_page() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        raw = await gl.users.with_raw_response.list(active=True, per_page=5)
    assert raw.status_code == 200
    assert raw.headers["X-Total"] == "1"
    assert isinstance(raw.parsed, list)
    assert [type(item) for item in raw.parsed] == [UserBasic]
    assert len(seen) == 1
    assert seen[0].url.params["active"] == "true"
    assert seen[0].url.params["per_page"] == "5"


async def test_raw_response_of_a_sub_resource_and_none_body() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(204)

    transport, seen = recorder(respond)
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        raw = await gl.user.keys.with_raw_response.delete(12)
    assert raw.status_code == 204
    assert raw.parsed is None
    assert raw.content == b""
    assert seen[0].method == "DELETE"
    assert seen[0].url.path == "/api/v4/user/keys/12"


async def test_raw_response_still_raises_typed_errors() -> None:
    transport, _ = recorder(
        lambda request: httpx.Response(404, json={"message": "404 User Not Found"})
    )
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        with pytest.raises(NotFoundError):
            await gl.users.with_raw_response.get(1)
        with pytest.raises(NotFoundError):
            await gl.request("GET", "/users/1")


async def test_raw_response_with_bad_body_raises_validation_error() -> None:
    transport, _ = recorder(lambda request: httpx.Response(200, json={"id": "x"}))
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        with pytest.raises(ResponseValidationError):
            await gl.users.with_raw_response.get(1)


async def test_raw_response_honours_per_call_sudo_and_timeout() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        await gl.users.with_raw_response.get(1, sudo="alice", timeout=3)
    assert seen[0].headers["Sudo"] == "alice"
    assert seen[0].extensions["timeout"]["read"] == 3.0


# -- gl.request ------------------------------------------------------------------------------------


async def test_request_escape_hatch_get_with_params() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, sudo="alice", transport=transport) as gl:
        response = await gl.request("get", "/users", params={"username": "alice", "active": "true"})
    assert isinstance(response, httpx.Response)
    assert response.status_code == 200
    assert response.json() == [USER]
    (request,) = seen
    assert request.method == "GET"
    assert request.url.path == "/api/v4/users"
    assert dict(request.url.params) == {"username": "alice", "active": "true"}
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Sudo"] == "alice"
    assert request.headers["Accept"] == "application/json"


async def test_request_escape_hatch_repeated_params_and_json_body() -> None:
    transport, seen = recorder(lambda request: httpx.Response(201, json={"ok": True}))
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        response = await gl.request(
            "POST",
            "/users/1/custom_attributes",
            params=[("scopes[]", "api"), ("scopes[]", "read_user")],
            json={"value": "qa"},
            headers={"X-Extra": "1"},
        )
    assert response.json() == {"ok": True}
    (request,) = seen
    assert request.url.params.get_list("scopes[]") == ["api", "read_user"]
    assert json.loads(request.content) == {"value": "qa"}
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Extra"] == "1"


async def test_request_escape_hatch_under_a_sub_path() -> None:
    transport, seen = recorder()
    async with AsyncGitLab("https://gitlab.example.com/gitlab", transport=transport) as gl:
        await gl.request("GET", "/users")
    assert str(seen[0].url) == "https://gitlab.example.com/gitlab/api/v4/users"


@pytest.mark.parametrize("path", ["users", "https://evil.example.com/users", ""])
async def test_request_escape_hatch_refuses_non_relative_paths(path: str) -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        with pytest.raises(ValueError, match="path"):
            await gl.request("GET", path)
    assert seen == []


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": 7, "path": "/users"}, "method"),
        ({"method": "GET /x", "path": "/users"}, "method"),
        ({"method": "POST", "path": "/users", "json": {"when": object()}}, "json"),
        ({"method": "POST", "path": "/users", "json": {"x": float("nan")}}, "json"),
        ({"method": "POST", "path": "/users", "json": {1j: 1}}, "json"),
        ({"method": "GET", "path": "/users", "headers": {"X-A": "1\r\nX-B: 2"}}, "header"),
    ],
)
async def test_request_escape_hatch_refuses_what_cannot_be_sent(
    kwargs: dict[str, Any], match: str
) -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        with pytest.raises(InvalidRequestError, match=match):
            await gl.request(**kwargs)
    assert seen == []


# -- logging -------------------------------------------------------------------------------------------


def _all_text(records: list[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(repr(record.__dict__))
    return "\n".join(parts)


async def test_requests_are_logged_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    # Everything at DEBUG (root, httpx, httpcore, ours); caplog restores the levels afterwards.
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "gitlab_users_client"):
        caplog.set_level(logging.DEBUG, logger=name)

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/users/404"):
            return httpx.Response(404, json={"message": "404 User Not Found"})
        return httpx.Response(200, json=USER, headers={"X-Request-Id": "req-log"})

    transport, _ = recorder(respond)
    async with AsyncGitLab(BASE, token=TOKEN, sudo=SUDO, transport=transport) as gl:
        await gl.users.get(1)
        with pytest.raises(NotFoundError):
            await gl.users.get(404, sudo="other-sudo-x1")

    assert any(record.name.startswith("httpx") for record in caplog.records)
    ours = [record for record in caplog.records if record.name == "gitlab_users_client"]
    messages = [record.getMessage() for record in ours]
    assert any(
        "GET" in message
        and "/api/v4/users/1 " in message
        and "200" in message
        and "req-log" in message
        for message in messages
    ), messages
    assert any(
        "GET" in message and "/api/v4/users/404" in message and "404" in message
        for message in messages
    )
    text = _all_text(caplog.records)
    assert TOKEN not in text
    assert SUDO not in text
    assert "other-sudo-x1" not in text


async def test_retries_are_logged_without_secrets(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(_retry, "_backoff", lambda policy, retries, jitter: 0.0)
    answers = iter(
        [
            httpx.Response(503),
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=USER),
        ]
    )
    calls = 0

    def respond(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ConnectError(f"cannot connect to {request.url.host}", request=request)
        return next(answers)

    transport, _ = recorder(respond)
    async with AsyncGitLab(
        BASE, token=TOKEN, token_header="private-token", sudo=SUDO, transport=transport
    ) as gl:
        await gl.users.get(1)

    ours = [record for record in caplog.records if record.name == "gitlab_users_client"]
    retry_messages = [record.getMessage() for record in ours if record.levelno == logging.INFO]
    assert len(retry_messages) == 3, retry_messages
    assert any("ConnectError" in message for message in retry_messages)
    assert any("503" in message for message in retry_messages)
    assert any("rate limited" in message for message in retry_messages)
    assert any("attempt 4" in record.getMessage() for record in ours)
    text = _all_text(caplog.records)
    assert TOKEN not in text
    assert SUDO not in text


async def test_sdk_log_masks_query_credentials(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gitlab_users_client")
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport) as gl:
        await gl.request("GET", "/users", params={"private_token": TOKEN, "search": "al"})
    assert seen[0].url.params["private_token"] == TOKEN  # sent as asked
    ours = [record for record in caplog.records if record.name == "gitlab_users_client"]
    assert ours
    text = _all_text(ours)
    assert TOKEN not in text
    assert "private_token=" in text
    assert "search=al" in text


async def test_nothing_is_logged_below_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gitlab_users_client")
    transport, _ = recorder()
    async with AsyncGitLab(BASE, token=TOKEN, transport=transport) as gl:
        await gl.users.get(1)
    assert [record for record in caplog.records if record.name == "gitlab_users_client"] == []
