"""Errors name the call: method, token-free URL and attempts, for connection, timeout
and protocol failures as for status errors."""

from __future__ import annotations

import pickle
import socket

import httpx
import pytest

from gitlab_users_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncGitLab,
    NotFoundError,
    ResponseTooLargeError,
    RetryPolicy,
    ServerError,
)

BASE = "https://gitlab.example.com"
FAST = RetryPolicy(max_retries=2, backoff_base=0.001, backoff_max=0.001)


def failing(*errors: Exception | httpx.Response) -> httpx.MockTransport:
    answers = list(errors)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_refused_connection_names_the_call_and_its_attempts() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    async with AsyncGitLab(url, token="glpat-secret-1", retry_policy=FAST) as gl:
        with pytest.raises(APIConnectionError) as caught:
            await gl.users.get(42)
    error = caught.value
    text = str(error)
    assert text.startswith("ConnectError")
    assert text.endswith(f": GET {url}/api/v4/users/42 (3 attempts)")
    assert (error.method, error.url, error.retries, error.attempts) == (
        "GET",
        f"{url}/api/v4/users/42",
        2,
        3,
    )
    assert "glpat-secret-1" not in text + repr(error) + repr(error.__cause__)


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        (httpx.ReadTimeout("timed out"), APITimeoutError),
        (httpx.RemoteProtocolError("illegal status line"), APIConnectionError),
        (httpx.ReadError("connection reset"), APIConnectionError),
    ],
    ids=["timeout", "protocol", "dropped"],
)
async def test_timeouts_and_protocol_errors_name_the_call(
    failure: Exception, kind: type[APIConnectionError]
) -> None:
    async with AsyncGitLab(BASE, token="t", transport=failing(failure), retry_policy=FAST) as gl:
        with pytest.raises(kind) as caught:
            await gl.users.get(7)
        with pytest.raises(kind) as posted:
            await gl.users.emails.create(7, email="a@example.com")
    assert str(caught.value).endswith(f": GET {BASE}/api/v4/users/7 (3 attempts)")
    # A write is not repeated after it may have reached GitLab: one attempt, said so.
    text = str(posted.value)
    assert f": POST {BASE}/api/v4/users/7/emails (1 attempt)" in text
    assert "outcome is unknown" in text


async def test_credentials_in_the_url_are_not_printed() -> None:
    async with AsyncGitLab(
        BASE, transport=failing(httpx.ConnectError("refused")), retry_policy=FAST
    ) as gl:
        with pytest.raises(APIConnectionError) as caught:
            await gl.request("GET", "/users", params={"private_token": "glpat-in-url", "x": "1"})
    text = str(caught.value)
    assert "glpat-in-url" not in text
    assert "private_token=%5BREDACTED%5D&x=1 (3 attempts)" in text


async def test_status_errors_say_how_many_attempts_when_retried() -> None:
    busy = httpx.Response(503, json={"message": "busy"}, headers={"X-Request-Id": "r-9"})
    async with AsyncGitLab(BASE, token="t", transport=failing(busy), retry_policy=FAST) as gl:
        with pytest.raises(ServerError) as retried:
            await gl.users.get(1)
    assert str(retried.value) == f"503 busy: GET {BASE}/api/v4/users/1 (3 attempts, request id r-9)"
    missing = httpx.Response(404, json={"message": "404 User Not Found"})
    async with AsyncGitLab(BASE, token="t", transport=failing(missing)) as gl:
        with pytest.raises(NotFoundError) as once:
            await gl.users.get(1)
    assert str(once.value) == f"404 User Not Found: GET {BASE}/api/v4/users/1"


async def test_a_too_large_response_names_the_call() -> None:
    big = httpx.Response(200, content=b"[" + b"0," * 5000 + b"0]")
    async with AsyncGitLab(BASE, token="t", transport=failing(big), max_response_size=1000) as gl:
        with pytest.raises(ResponseTooLargeError) as caught:
            await gl.users.get(1)
    assert f": GET {BASE}/api/v4/users/1" in str(caught.value)


async def test_the_call_survives_a_pickle_round_trip() -> None:
    async with AsyncGitLab(
        BASE, transport=failing(httpx.ConnectError("refused")), retry_policy=FAST
    ) as gl:
        with pytest.raises(APIConnectionError) as caught:
            await gl.users.get(1)
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own bytes
    assert str(copy) == str(caught.value)
    assert copy.attempts == 3
