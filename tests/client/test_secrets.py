"""Tokens never show: reprs, strings, exceptions, URLs, pickles, created-token models."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import httpx
import pytest

from gitlab_users_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncGitLab,
    AuthenticationError,
    CrossOriginError,
    ResponseValidationError,
    ServerError,
)
from gitlab_users_client._redact import Secret, redact_url
from gitlab_users_client.models import ImpersonationTokenWithToken, PersonalAccessTokenWithToken
from tests.mock_gitlab import BASE, USER, Handler

TOKEN = "glpat-TOPSECRET-4b1d"
IMPERSONATION_TOKEN = {
    "id": 7,
    "name": "mytoken",
    "revoked": False,
    "created_at": "2026-01-01T00:00:00.000Z",
    "scopes": ["api"],
    "user_id": 1,
    "active": True,
    "expires_at": "2026-12-31",
    "impersonation": True,
    "token": TOKEN,
}
PERSONAL_TOKEN = {k: v for k, v in IMPERSONATION_TOKEN.items() if k != "impersonation"}


def transport_for(respond: Handler) -> httpx.MockTransport:
    return httpx.MockTransport(respond)


def ok(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/users"):
        return httpx.Response(200, json=[USER], headers={"X-Total": "1", "X-Page": "1"})
    return httpx.Response(200, json=USER)


def assert_hidden(*objects: object, secret: str = TOKEN) -> None:
    for obj in objects:
        assert secret not in repr(obj), repr(obj)
        assert secret not in str(obj), str(obj)
        assert secret not in f"{obj}"


CREDENTIAL_KWARGS: list[dict[str, Any]] = [
    {"token": TOKEN},
    {"token": TOKEN, "token_header": "private-token"},
    {"oauth_token": TOKEN},
    {"job_token": TOKEN},
    {"token": lambda: TOKEN},
]


@pytest.mark.parametrize("kwargs", CREDENTIAL_KWARGS)
async def test_token_not_in_client_resources_or_paginators(kwargs: dict[str, Any]) -> None:
    async with AsyncGitLab(BASE, transport=transport_for(ok), sudo="alice", **kwargs) as gl:
        copy_ = gl.with_options(sudo="bob", timeout=3, headers={"X-A": "b"})
        paginator = gl.users.list(active=True)
        page = await paginator.first_page()
        assert_hidden(
            gl,
            gl._credentials,
            gl.users,
            gl.user,
            gl.users.keys,
            gl.users.impersonation_tokens,
            gl.user.status,
            gl.users.with_raw_response,
            paginator,
            page,
            copy_,
            copy_.users,
            vars(gl),
            vars(copy_),
        )
        # It is still sent, of course.
        assert TOKEN in str(page.response.request.headers.raw)
        assert "bob" in repr(copy_)


def test_secret_wrapper_hides_itself() -> None:
    secret = Secret(TOKEN)
    assert_hidden(secret)
    assert secret.get() == TOKEN
    assert f"{secret:>40}" == repr(secret)
    assert "%s" % (secret,) == repr(secret)  # noqa: UP031
    assert secret == Secret(TOKEN)
    assert secret != Secret("other")


@pytest.mark.parametrize("kwargs", CREDENTIAL_KWARGS)
def test_pickling_or_deep_copying_credentials_is_refused(kwargs: dict[str, Any]) -> None:
    gl = AsyncGitLab(BASE, http_client=httpx.AsyncClient(), **kwargs)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(gl._credentials)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(gl)
    with pytest.raises(TypeError, match="cannot be pickled"):
        copy.deepcopy(gl._credentials)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(Secret(TOKEN))


# -- exceptions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", CREDENTIAL_KWARGS)
@pytest.mark.parametrize(
    ("response", "error_type"),
    [
        (
            httpx.Response(
                401,
                json={
                    "error": "invalid_token",
                    "error_description": "Token was revoked. You have to re-authorize from the user.",
                },
                headers={"WWW-Authenticate": 'Bearer realm="Protected by OAuth 2.0"'},
            ),
            AuthenticationError,
        ),
        (httpx.Response(500, json={"message": "500 Internal Server Error"}), ServerError),
    ],
)
async def test_status_errors_do_not_show_the_token(
    kwargs: dict[str, Any], response: httpx.Response, error_type: type[APIStatusError]
) -> None:
    async with AsyncGitLab(
        BASE, transport=transport_for(lambda request: response), max_retries=0, **kwargs
    ) as gl:
        with pytest.raises(error_type) as info:
            await gl.users.get(1)
    error = info.value
    assert_hidden(error, error.args, vars(error), error.headers, error.body)
    assert "Token was revoked" in str(error) or "Internal Server Error" in str(error)


@pytest.mark.parametrize("kwargs", CREDENTIAL_KWARGS)
@pytest.mark.parametrize(
    ("exc", "error_type"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), APIConnectionError),
        (httpx.ReadTimeout("The read operation timed out"), APITimeoutError),
    ],
)
async def test_connection_errors_do_not_show_the_token(
    kwargs: dict[str, Any], exc: httpx.RequestError, error_type: type[APIConnectionError]
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc

    async with AsyncGitLab(BASE, transport=transport_for(fail), max_retries=0, **kwargs) as gl:
        with pytest.raises(error_type) as info:
            await gl.users.create(
                email="a@example.com", name="A", username="a", password="pw-TOPSECRET-pw"
            )
    error = info.value
    assert_hidden(error, error.args, vars(error))
    assert_hidden(error, error.args, vars(error), secret="pw-TOPSECRET-pw")


async def test_validation_error_for_a_created_token_does_not_show_it() -> None:
    body = {**PERSONAL_TOKEN, "id": "not-an-int"}
    async with AsyncGitLab(
        BASE, token=TOKEN, transport=transport_for(lambda r: httpx.Response(201, json=body))
    ) as gl:
        with pytest.raises(ResponseValidationError) as info:
            await gl.user.personal_access_tokens.create(name="ci", scopes=["k8s_proxy"])
    assert_hidden(info.value, info.value.args)


@pytest.mark.parametrize("key", ["private_token", "access_token", "job_token", "PRIVATE_TOKEN"])
@pytest.mark.parametrize("status", [401, 404, 502])
async def test_query_credentials_are_masked_in_exception_urls(key: str, status: int) -> None:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json={"message": f"{status} Nope"})

    async with AsyncGitLab(BASE, transport=transport_for(respond), max_retries=0) as gl:
        with pytest.raises(APIStatusError) as info:
            await gl.request("GET", "/users", params={key: TOKEN, "search": "alice"})
    error = info.value
    assert seen[0].url.params[key] == TOKEN
    assert_hidden(error, error.args, error.url)
    assert f"{key}=" in error.url
    assert "REDACTED" in error.url
    assert "search=alice" in error.url
    assert error.url.startswith("https://gitlab.example.com/api/v4/users?")


@pytest.mark.parametrize("key", ["private_token", "access_token", "job_token", "sudo"])
async def test_query_credentials_are_masked_in_connection_error_urls(key: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    async with AsyncGitLab(BASE, transport=transport_for(fail), max_retries=0) as gl:
        with pytest.raises(APIConnectionError) as info:
            await gl.request("GET", "/users", params={key: TOKEN})
    assert_hidden(info.value, info.value.url)
    assert f"{key}=" in info.value.url


async def test_cross_origin_pagination_link_error_masks_its_url() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        link = f'<https://evil.example.com/api/v4/users?private_token={TOKEN}&page=2>; rel="next"'
        return httpx.Response(200, json=[USER], headers={"Link": link})

    async with AsyncGitLab(BASE, token=TOKEN, transport=transport_for(respond)) as gl:
        with pytest.raises(CrossOriginError) as info:
            await gl.users.list(pagination="offset").to_list()
    assert_hidden(info.value, info.value.url)
    assert "evil.example.com" in info.value.url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://gitlab.example.com/api/v4/users?private_token=abc&page=2",
            "https://gitlab.example.com/api/v4/users?private_token=%5BREDACTED%5D&page=2",
        ),
        ("https://root:pw@gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com:8443/x?a=1", "https://gitlab.example.com:8443/x?a=1"),
        (
            "http://[::1]:8080/api/v4?job_token=abc",
            "http://[::1]:8080/api/v4?job_token=%5BREDACTED%5D",
        ),
        ("http://user:pw@[2001:db8::1]/x", "http://[2001:db8::1]/x"),
        ("https://u:pw@gitlab.example.com:bad/x", "https://gitlab.example.com:bad/x"),
        (
            "https://app.example.com/cb#access_token=abc&state=1",
            "https://app.example.com/cb#access_token=%5BREDACTED%5D&state=1",
        ),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


# -- created-token models --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (ImpersonationTokenWithToken, IMPERSONATION_TOKEN),
        (PersonalAccessTokenWithToken, PERSONAL_TOKEN),
    ],
)
def test_created_token_models_hide_the_token_in_repr(model: Any, payload: dict[str, Any]) -> None:
    created = model.model_validate(payload)
    assert created.token == TOKEN
    assert_hidden(created)
    assert "mytoken" in repr(created)
    assert created.model_dump()["token"] == TOKEN


async def test_created_tokens_from_the_api_hide_the_token() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if "impersonation_tokens" in request.url.path:
            return httpx.Response(201, json=IMPERSONATION_TOKEN)
        return httpx.Response(201, json=PERSONAL_TOKEN)

    async with AsyncGitLab(BASE, token="glpat-admin", transport=transport_for(respond)) as gl:
        impersonation = await gl.users.impersonation_tokens.create(
            1, name="mytoken", scopes=["api"]
        )
        personal = await gl.users.personal_access_tokens.create(1, name="mytoken", scopes=["api"])
        own = await gl.user.personal_access_tokens.create(name="mytoken", scopes=["k8s_proxy"])
        raw = await gl.users.impersonation_tokens.with_raw_response.create(
            1, name="mytoken", scopes=["api"]
        )
    for created in (impersonation, personal, own, raw.parsed):
        assert created.token == TOKEN
        assert_hidden(created)
    assert isinstance(impersonation, ImpersonationTokenWithToken)
    assert isinstance(personal, PersonalAccessTokenWithToken)
    assert isinstance(own, PersonalAccessTokenWithToken)
