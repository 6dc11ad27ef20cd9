"""Client configuration: URL forms, environment, with_options, timeouts, headers, http_client."""

from __future__ import annotations

import re

import httpx
import pytest

from gitlab_users_client import (
    DEFAULT_TIMEOUT,
    AsyncGitLab,
    ConfigurationError,
    GitLabError,
    Secret,
)
from tests.mock_gitlab import BASE, USER, recorder

# -- URL forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gitlab.example.com", "https://gitlab.example.com/api/v4/users/1"),
        ("https://gitlab.example.com/", "https://gitlab.example.com/api/v4/users/1"),
        ("https://gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4/users/1"),
        ("https://gitlab.example.com/api/v4/", "https://gitlab.example.com/api/v4/users/1"),
        ("https://gitlab.example.com/gitlab", "https://gitlab.example.com/gitlab/api/v4/users/1"),
        (
            "https://gitlab.example.com/gitlab/api/v4/",
            "https://gitlab.example.com/gitlab/api/v4/users/1",
        ),
        ("  https://gitlab.example.com  ", "https://gitlab.example.com/api/v4/users/1"),
        ("https://gitlab.example.com:8443", "https://gitlab.example.com:8443/api/v4/users/1"),
    ],
)
async def test_url_forms_all_reach_the_api_root(url: str, expected: str) -> None:
    transport, seen = recorder()
    async with AsyncGitLab(url, transport=transport) as gl:
        user = await gl.users.get(1)
    assert user.id == 1
    assert [str(request.url) for request in seen] == [expected]
    assert gl.base_url == expected.removesuffix("/users/1")


@pytest.mark.parametrize(
    "url",
    [
        "gitlab.example.com",
        "not a url",
        "/api/v4",
        "https://",
        "ftp://gitlab.example.com",
        "file:///etc/passwd",
        "https://user:secret@gitlab.example.com",
        "https://oauth2@gitlab.example.com",
        "https://gitlab.example.com/?private_token=abc",
        "https://gitlab.example.com/api/v4?x=1",
        "https://gitlab.example.com/#fragment",
        "   ",
        "https://gitlab.example.com:99999",
    ],
)
async def test_invalid_urls_are_configuration_errors(url: str) -> None:
    # An injected client: a wrongly accepted URL leaves no owned pool to warn about.
    async with httpx.AsyncClient(transport=recorder()[0]) as http:
        with pytest.raises(ConfigurationError) as info:
            AsyncGitLab(url, token="glpat-x", http_client=http)
    assert isinstance(info.value, GitLabError)
    assert isinstance(info.value, ValueError)
    assert "secret" not in str(info.value)


def test_credentials_in_url_error_does_not_echo_them() -> None:
    with pytest.raises(ConfigurationError, match="token=") as info:
        AsyncGitLab("https://root:hunter2@gitlab.example.com")
    assert "hunter2" not in str(info.value)


def test_no_url_at_all_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="GITLAB_URL"):
        AsyncGitLab(token="glpat-x")


def test_empty_gitlab_url_env_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITLAB_URL", "")
    with pytest.raises(ConfigurationError):
        AsyncGitLab()


# -- environment -------------------------------------------------------------------


async def test_env_url_and_token_are_used_when_args_are_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITLAB_URL", "https://gitlab.example.com/gitlab")
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-from-env")
    transport, seen = recorder()
    async with AsyncGitLab(transport=transport) as gl:
        await gl.users.get(1)
    (request,) = seen
    assert str(request.url) == "https://gitlab.example.com/gitlab/api/v4/users/1"
    assert request.headers["Authorization"] == "Bearer glpat-from-env"
    assert "JOB-TOKEN" not in request.headers


async def test_ci_job_token_used_only_without_gitlab_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI_JOB_TOKEN", "job-from-env")
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport) as gl:
        await gl.users.get(1)
    assert seen[-1].headers["JOB-TOKEN"] == "job-from-env"
    assert "Authorization" not in seen[-1].headers

    monkeypatch.setenv("GITLAB_TOKEN", "glpat-from-env")
    async with AsyncGitLab(BASE, transport=transport) as gl:
        await gl.users.get(1)
    assert seen[-1].headers["Authorization"] == "Bearer glpat-from-env"
    assert "JOB-TOKEN" not in seen[-1].headers


@pytest.mark.parametrize(
    ("kwargs", "header", "value"),
    [
        ({"token": "glpat-explicit"}, "Authorization", "Bearer glpat-explicit"),
        ({"oauth_token": "oauth-explicit"}, "Authorization", "Bearer oauth-explicit"),
        ({"job_token": "job-explicit"}, "JOB-TOKEN", "job-explicit"),
        (
            {"token": "glpat-explicit", "token_header": "private-token"},
            "PRIVATE-TOKEN",
            "glpat-explicit",
        ),
    ],
)
async def test_explicit_args_win_over_env(
    monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, str], header: str, value: str
) -> None:
    monkeypatch.setenv("GITLAB_URL", "https://other.example.com")
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-from-env")
    monkeypatch.setenv("CI_JOB_TOKEN", "job-from-env")
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport, **kwargs) as gl:  # type: ignore[arg-type]
        await gl.users.get(1)
    (request,) = seen
    assert request.url.host == "gitlab.example.com"
    assert request.headers[header] == value
    sent = str(request.headers.raw)
    assert "from-env" not in sent


async def test_no_credentials_anywhere_sends_no_auth_header() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport) as gl:
        await gl.users.get(1)
    (request,) = seen
    for name in ("Authorization", "PRIVATE-TOKEN", "JOB-TOKEN", "Sudo"):
        assert name not in request.headers


# -- with_options ----------------------------------------------------------------


async def test_with_options_returns_a_copy_sharing_the_http_client() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-x", transport=transport) as gl:
        copy = gl.with_options(sudo="alice", timeout=5, max_retries=1, headers={"X-A": "1"})
        assert copy is not gl
        assert copy._session is gl._session
        assert copy._session.http is gl._session.http
        # The original is unchanged.
        assert gl.sudo is None
        assert gl.timeout == DEFAULT_TIMEOUT
        assert gl.retry_policy.max_retries == 4
        assert copy.sudo == "alice"
        assert copy.timeout == httpx.Timeout(5.0)
        assert copy.retry_policy.max_retries == 1
        # Each has its own resources bound to itself.
        assert copy.users is not gl.users
        await copy.users.get(1)
        await gl.users.get(1)
    assert seen[0].headers["Sudo"] == "alice"
    assert seen[0].headers["X-A"] == "1"
    assert "Sudo" not in seen[1].headers
    assert "X-A" not in seen[1].headers


async def test_closing_a_copy_closes_the_original_and_vice_versa() -> None:
    transport, _ = recorder()
    gl = AsyncGitLab(BASE, transport=transport)
    copy = gl.with_options(sudo="alice")
    await copy.aclose()
    assert gl.is_closed
    assert copy.is_closed
    assert gl._session.http.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await gl.users.get(1)

    gl2 = AsyncGitLab(BASE, transport=transport)
    copy2 = gl2.with_options(timeout=3)
    await gl2.aclose()
    assert copy2.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await copy2.users.get(1)


async def test_with_options_validates_its_arguments() -> None:
    gl = AsyncGitLab(BASE, transport=recorder()[0])
    with pytest.raises(ConfigurationError):
        gl.with_options(sudo="bad\nsudo")
    with pytest.raises(ConfigurationError):
        gl.with_options(timeout=-1)
    with pytest.raises(ConfigurationError):
        gl.with_options(max_retries=-1)
    with pytest.raises(ConfigurationError):
        gl.with_options(headers={"X-Evil": "a\r\nInjected: yes"})
    await gl.aclose()


# -- timeouts ----------------------------------------------------------------------


def _timeout_of(request: httpx.Request) -> dict[str, float | None]:
    timeout: dict[str, float | None] = request.extensions["timeout"]
    return timeout


async def test_default_timeout_is_explicit_and_reaches_the_request() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport) as gl:
        assert gl.timeout is not None
        assert gl.timeout == DEFAULT_TIMEOUT
        await gl.users.get(1)
    timeout = _timeout_of(seen[0])
    assert all(value is not None for value in timeout.values())
    assert timeout == {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}


async def test_per_call_timeout_reaches_the_request_only_for_that_call() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport) as gl:
        await gl.users.get(1, timeout=2.5)
        await gl.users.get(1, timeout=httpx.Timeout(7.0, connect=1.0))
        await gl.users.get(1, timeout=None)
        await gl.users.get(1)
    assert _timeout_of(seen[0]) == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert _timeout_of(seen[1]) == {"connect": 1.0, "read": 7.0, "write": 7.0, "pool": 7.0}
    assert _timeout_of(seen[2]) == {"connect": None, "read": None, "write": None, "pool": None}
    assert _timeout_of(seen[3]) == DEFAULT_TIMEOUT.as_dict()


async def test_with_options_timeout_reaches_requests_and_paginators() -> None:
    transport, seen = recorder(lambda request: httpx.Response(200, json=[USER]))
    async with AsyncGitLab(BASE, transport=transport, timeout=30) as gl:
        fast = gl.with_options(timeout=4)
        await fast.request("GET", "/users")
        await fast.users.list(max_pages=1).to_list()
        await gl.users.list(max_pages=1, timeout=9).to_list()
        await gl.request("GET", "/users")
    assert [_timeout_of(request)["read"] for request in seen] == [4.0, 4.0, 9.0, 30.0]


@pytest.mark.parametrize("timeout", [0, -1, True, "10"])
def test_invalid_timeouts_are_rejected(timeout: object) -> None:
    with pytest.raises(ConfigurationError):
        AsyncGitLab(BASE, timeout=timeout)  # type: ignore[arg-type]


# -- headers --------------------------------------------------------------------------


async def test_custom_headers_are_sent_with_every_request() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(
        BASE, token="glpat-x", headers={"X-Team": "platform"}, transport=transport
    ) as gl:
        await gl.users.get(1)
        await gl.request("GET", "/users", headers={"X-Once": "yes"})
        await gl.with_options(headers={"X-Team": "override"}).users.get(1)
    assert seen[0].headers["X-Team"] == "platform"
    assert seen[0].headers["Accept"] == "application/json"
    assert seen[0].headers["User-Agent"].startswith("gitlab-users-client/")
    assert seen[1].headers["X-Team"] == "platform"
    assert seen[1].headers["X-Once"] == "yes"
    assert seen[2].headers["X-Team"] == "override"


@pytest.mark.parametrize(
    ("name", "option"),
    [
        ("Authorization", "token="),
        ("private-token", "token="),
        ("JOB-TOKEN", "job_token="),
        ("Sudo", "sudo="),
        ("Cookie", "token="),
    ],
)
def test_custom_headers_cannot_carry_credentials(name: str, option: str) -> None:
    # Refused with the option that sends them (redacted, kept off other origins), not
    # silently sent next to (or instead of) the client's own.
    with pytest.raises(ConfigurationError, match=re.escape(option)) as caught:
        AsyncGitLab(BASE, token="glpat-real", headers={name: "glpat-fake"})
    assert "glpat-fake" not in str(caught.value)


async def test_a_credential_header_can_be_sent_as_an_explicit_secret() -> None:
    transport, seen = recorder()
    proxy_login = Secret("Basic cHJveHk6cHc=")
    async with AsyncGitLab(
        BASE,
        token="glpat-real",
        token_header="private-token",
        headers={"Authorization": proxy_login},
        transport=transport,
    ) as gl:
        await gl.users.get(1)
        with pytest.raises(ConfigurationError, match="own credentials"):
            gl.with_options(headers={"PRIVATE-TOKEN": Secret("glpat-other")})
    assert seen[0].headers["Authorization"] == "Basic cHJveHk6cHc="
    assert seen[0].headers["PRIVATE-TOKEN"] == "glpat-real"
    # Where the client's own token goes, a second value would be ambiguous.
    with pytest.raises(ConfigurationError, match="own credentials"):
        AsyncGitLab(BASE, token="glpat-real", headers={"Authorization": proxy_login})
    with pytest.raises(ConfigurationError, match="sudo="):
        AsyncGitLab(BASE, headers={"Sudo": Secret("root")})


@pytest.mark.parametrize("name", ["Content-Length", "transfer-encoding", "Host", "Connection"])
def test_custom_headers_cannot_frame_the_request(name: str) -> None:
    with pytest.raises(ConfigurationError, match="frames each request"):
        AsyncGitLab(BASE, headers={name: "1"})
    gl = AsyncGitLab(BASE)
    with pytest.raises(ConfigurationError, match="frames each request"):
        gl.with_options(headers={name: "1"})


@pytest.mark.parametrize("headers", [{"X-A": "a\nb"}, {"X-A": "a\rb"}, {"X-A": 1}])
def test_invalid_custom_headers_are_rejected(headers: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        AsyncGitLab(BASE, headers=headers)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_retries": -1},
        {"retry_budget": -0.5},
        {"max_concurrency": 0},
        {"requests_per_second": 0},
        {"transport": "curl"},
    ],
)
def test_invalid_numeric_options_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        AsyncGitLab(BASE, **kwargs)  # type: ignore[arg-type]


# -- http_client injection ---------------------------------------------------------------


async def test_injected_http_client_is_used_and_not_closed() -> None:
    transport, seen = recorder()
    hooked: list[str] = []

    async def hook(request: httpx.Request) -> None:
        hooked.append(str(request.url))

    http = httpx.AsyncClient(transport=transport, timeout=1.0, event_hooks={"request": [hook]})
    async with AsyncGitLab(BASE, token="glpat-x", http_client=http) as gl:
        assert gl._session.http is http
        user = await gl.users.get(1)
    assert user.username == "alice"
    assert hooked == ["https://gitlab.example.com/api/v4/users/1"]
    assert len(seen) == 1
    # The SDK still applies its own timeout and auth through a foreign client.
    assert _timeout_of(seen[0]) == DEFAULT_TIMEOUT.as_dict()
    assert seen[0].headers["Authorization"] == "Bearer glpat-x"
    assert gl.is_closed
    assert not http.is_closed
    response = await http.get("https://gitlab.example.com/still-usable")
    assert response.status_code == 200
    await http.aclose()


async def test_injected_client_with_follow_redirects_does_not_leak_credentials() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.host == "evil.example.com":
            return httpx.Response(200, json=USER)
        return httpx.Response(302, headers={"Location": "https://evil.example.com/api/v4/users/1"})

    transport, seen = recorder(respond)
    http = httpx.AsyncClient(transport=transport, follow_redirects=True)
    async with AsyncGitLab(
        BASE, token="glpat-x", token_header="private-token", sudo="alice", http_client=http
    ) as gl:
        # The SDK does not follow redirects unless asked to, whatever the injected client says.
        with pytest.raises(GitLabError):
            await gl.users.get(1)
    for request in seen:
        if request.url.host != "gitlab.example.com":
            assert "PRIVATE-TOKEN" not in request.headers
            assert "Sudo" not in request.headers
    assert [request.url.host for request in seen] == ["gitlab.example.com"]
    await http.aclose()


@pytest.mark.parametrize("transport", ["aiohttp", "httpcore"])
def test_a_client_used_in_a_second_event_loop_names_the_rule(
    transport: str, recwarn: pytest.WarningsRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio

    from gitlab_users_client import ClientStateError
    from gitlab_users_client.testing import FakeGitLabServer

    with FakeGitLabServer(users=3, seed=1) as server:
        gl = AsyncGitLab(server.url, token=server.admin_token, transport=transport)  # type: ignore[arg-type]

        async def get_one() -> int:
            return (await gl.users.get(1)).id

        first = asyncio.new_event_loop()
        try:
            assert first.run_until_complete(get_one()) == 1
            with pytest.raises(ClientStateError, match="bound to the event loop it first sent on"):
                asyncio.run(get_one())
            with pytest.raises(RuntimeError):  # it is also a RuntimeError, as the misuse is
                asyncio.run(get_one())
            assert first.run_until_complete(get_one()) == 1  # still fine where it belongs
            first.run_until_complete(gl.aclose())
        finally:
            first.close()
    assert "Event loop is closed" not in caplog.text
