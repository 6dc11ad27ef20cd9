"""Credentials (kinds, headers, rotation) and sudo (client, call, with_options, never in the URL)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, ConfigurationError
from tests.mock_gitlab import BASE, recorder

AUTH_HEADERS = ("Authorization", "PRIVATE-TOKEN", "JOB-TOKEN")


def auth_headers(request: httpx.Request) -> dict[str, str]:
    return {name: request.headers[name] for name in AUTH_HEADERS if name in request.headers}


# -- token kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected", "kind"),
    [
        ({"token": "glpat-abc"}, {"Authorization": "Bearer glpat-abc"}, "token"),
        ({"token": "  glpat-abc \n"}, {"Authorization": "Bearer glpat-abc"}, "token"),
        (
            {"token": "glpat-abc", "token_header": "bearer"},
            {"Authorization": "Bearer glpat-abc"},
            "token",
        ),
        (
            {"token": "glpat-abc", "token_header": "private-token"},
            {"PRIVATE-TOKEN": "glpat-abc"},
            "token",
        ),
        ({"oauth_token": "oauth-abc"}, {"Authorization": "Bearer oauth-abc"}, "oauth"),
        ({"job_token": "job-abc"}, {"JOB-TOKEN": "job-abc"}, "job"),
        ({}, {}, "none"),
    ],
)
async def test_token_kinds_send_the_right_header(
    kwargs: dict[str, str], expected: dict[str, str], kind: str
) -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, transport=transport, **kwargs) as gl:  # type: ignore[arg-type]
        assert gl._credentials.kind == kind
        await gl.users.get(1)
        await gl.request("GET", "/users")
        await gl.users.list(max_pages=1).to_list()
    assert len(seen) == 3
    for request in seen:
        assert auth_headers(request) == expected
        # Credentials never travel in the URL.
        assert "token" not in str(request.url)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"token": "a", "oauth_token": "b"},
        {"token": "a", "job_token": "b"},
        {"oauth_token": "a", "job_token": "b"},
        {"token": "a", "oauth_token": "b", "job_token": "c"},
        {"token": lambda: "a", "job_token": "b"},
    ],
)
def test_two_token_kinds_at_once_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError, match="only one of"):
        AsyncGitLab(BASE, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"token": ""},
        {"token": "   "},
        {"token": "glpat-a\nInjected: 1"},
        {"token": "glpat-a\rb"},
        {"oauth_token": ""},
        {"job_token": ""},
        {"token": 12345},
        {"token": b"glpat-bytes"},
        {"token": "glpat-a", "token_header": "PRIVATE-TOKEN"},
        {"token": "glpat-a", "token_header": "basic"},
    ],
)
def test_bad_tokens_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        AsyncGitLab(BASE, **kwargs)  # type: ignore[arg-type]


# -- callables (rotation) ---------------------------------------------------------------


async def test_sync_callable_is_called_per_request() -> None:
    tokens = iter(["glpat-one", "glpat-two", "glpat-three"])
    calls: list[str] = []

    def current() -> str:
        value = next(tokens)
        calls.append(value)
        return value

    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=current, transport=transport) as gl:
        assert calls == []  # not called at construction
        await gl.users.get(1)
        await gl.users.get(1)
        await gl.with_options(sudo="bob").users.get(1)
    assert [request.headers["Authorization"] for request in seen] == [
        "Bearer glpat-one",
        "Bearer glpat-two",
        "Bearer glpat-three",
    ]


async def test_async_callable_is_awaited_per_request() -> None:
    tokens = ["oauth-old", "oauth-new"]

    async def current() -> str:
        return tokens.pop(0)

    transport, seen = recorder()
    async with AsyncGitLab(BASE, oauth_token=current, transport=transport) as gl:
        await gl.users.get(1)
        await gl.users.list(max_pages=1).to_list()
    assert [request.headers["Authorization"] for request in seen] == [
        "Bearer oauth-old",
        "Bearer oauth-new",
    ]


async def test_callable_with_private_token_and_job_token_headers() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(
        BASE, token=lambda: "glpat-cb", token_header="private-token", transport=transport
    ) as gl:
        await gl.users.get(1)

    async def job() -> str:
        return "job-cb"

    async with AsyncGitLab(BASE, job_token=job, transport=transport) as gl:
        await gl.users.get(1)
    assert auth_headers(seen[0]) == {"PRIVATE-TOKEN": "glpat-cb"}
    assert auth_headers(seen[1]) == {"JOB-TOKEN": "job-cb"}


async def test_callable_used_for_retries_of_the_same_call_is_not_stale() -> None:
    # Each call asks for a token once; a rotated token is picked up by the next call.
    current = {"value": "glpat-v1"}
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=lambda: current["value"], transport=transport) as gl:
        await gl.users.get(1)
        current["value"] = "glpat-v2"
        await gl.users.get(1)
    assert [request.headers["Authorization"] for request in seen] == [
        "Bearer glpat-v1",
        "Bearer glpat-v2",
    ]


def _empty() -> str:
    return ""


def _blank() -> str:
    return "   "


def _none() -> str:
    return None  # type: ignore[return-value]


def _newline() -> str:
    return "glpat-a\nInjected: yes"


async def _async_empty() -> str:
    return ""


@pytest.mark.parametrize("source", [_empty, _blank, _none, _newline, _async_empty])
async def test_callable_returning_an_unusable_token_fails_before_sending(
    source: Callable[[], object],
) -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=source, transport=transport) as gl:  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="token"):
            await gl.users.get(1)
    assert seen == []


async def test_callable_exception_propagates_and_nothing_is_sent() -> None:
    def broken() -> str:
        raise LookupError("vault is sealed")

    transport, seen = recorder()
    async with AsyncGitLab(BASE, token=broken, transport=transport) as gl:
        with pytest.raises(LookupError, match="vault is sealed"):
            await gl.users.get(1)
    assert seen == []


# -- sudo ---------------------------------------------------------------------------------


def assert_no_sudo_in_url(request: httpx.Request) -> None:
    assert "sudo" not in request.url.query.decode().lower()
    assert "sudo" not in str(request.url).lower()


async def test_client_sudo_is_a_header_on_every_request() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", sudo="alice", transport=transport) as gl:
        assert gl.sudo == "alice"
        await gl.users.get(1)
        await gl.users.list(max_pages=1).to_list()
        await gl.user.get()
        await gl.request("GET", "/users", params={"username": "bob"})
    assert len(seen) == 4
    for request in seen:
        assert request.headers.get_list("Sudo") == ["alice"]
        assert_no_sudo_in_url(request)


async def test_numeric_sudo_is_sent_as_its_decimal_text() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", sudo=42, transport=transport) as gl:
        assert gl.sudo == "42"
        await gl.users.get(1)
        await gl.users.get(1, sudo=7)
    assert [request.headers["Sudo"] for request in seen] == ["42", "7"]


async def test_per_call_sudo_applies_to_that_call_only() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", transport=transport) as gl:
        await gl.users.get(1, sudo="alice")
        await gl.users.get(1)
        await gl.users.list(sudo="carol", max_pages=1).to_list()
    assert seen[0].headers["Sudo"] == "alice"
    assert "Sudo" not in seen[1].headers
    assert seen[2].headers["Sudo"] == "carol"
    for request in seen:
        assert_no_sudo_in_url(request)


async def test_per_call_sudo_overrides_the_clients() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", sudo="alice", transport=transport) as gl:
        await gl.users.get(1, sudo="bob")
        await gl.users.get(1)
    assert seen[0].headers.get_list("Sudo") == ["bob"]
    assert seen[1].headers.get_list("Sudo") == ["alice"]


async def test_with_options_sudo() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", transport=transport) as gl:
        as_alice = gl.with_options(sudo="alice")
        assert as_alice.sudo == "alice"
        assert gl.sudo is None
        await as_alice.users.get(1)
        await as_alice.user.keys.list(max_pages=1).to_list()
        await gl.users.get(1)
        await as_alice.with_options(sudo=None).users.get(1)
    assert seen[0].headers["Sudo"] == "alice"
    assert seen[1].headers["Sudo"] == "alice"
    assert "Sudo" not in seen[2].headers
    assert "Sudo" not in seen[3].headers


async def test_sudo_none_per_call_disables_the_clients_sudo() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", sudo="alice", transport=transport) as gl:
        await gl.users.get(1, sudo=None)
        await gl.users.list(sudo=None, max_pages=1).to_list()
        await gl.users.get(1)
    assert "Sudo" not in seen[0].headers
    assert "Sudo" not in seen[1].headers
    assert seen[2].headers["Sudo"] == "alice"
    assert gl.sudo == "alice"


@pytest.mark.parametrize("bad", ["alice\nX-Evil: 1", "ali\rce", "", "   ", True, 1.5, b"alice"])
async def test_bad_sudo_is_refused_everywhere(bad: object) -> None:
    with pytest.raises(ConfigurationError):
        AsyncGitLab(BASE, sudo=bad)  # type: ignore[arg-type]
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", transport=transport) as gl:
        with pytest.raises(ConfigurationError):
            gl.with_options(sudo=bad)  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError):
            await gl.users.get(1, sudo=bad)  # type: ignore[arg-type]
    assert seen == []


async def test_sudo_with_surrounding_spaces_is_trimmed() -> None:
    transport, seen = recorder()
    async with AsyncGitLab(BASE, token="glpat-a", sudo="  alice ", transport=transport) as gl:
        await gl.users.get(1)
    assert seen[0].headers["Sudo"] == "alice"
