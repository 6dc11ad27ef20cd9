"""What a caller passes (token, sudo, headers) and where the credentials may go."""

from __future__ import annotations

from typing import Any

import pytest

from gitlab_users_client import ConfigurationError, CrossOriginError

from .harness import TOKEN, Outcome, assert_no_secret, call
from .hostile import Exchange, HostileServer

USER = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'


def ok(exchange: Exchange) -> None:
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(USER), USER)
    )


BAD_TOKENS = {
    "NUL": TOKEN[:10] + "\x00" + TOKEN[10:],
    "non-ASCII": TOKEN[:10] + "é" + TOKEN[10:],
    "space inside": TOKEN[:10] + " " + TOKEN[10:],
    "line break": TOKEN[:10] + "\r\nX-Injected: 1" + TOKEN[10:],
    "DEL": TOKEN[:10] + "\x7f" + TOKEN[10:],
}


def _refused_before_sending(outcome: Outcome, server: HostileServer, secret: str) -> Any:
    error = outcome.raised(ConfigurationError)
    assert server.attempts == 0
    assert_no_secret(outcome, secret=secret)
    assert_no_secret(outcome, secret=TOKEN)
    return error


@pytest.mark.parametrize("case", list(BAD_TOKENS))
def test_a_token_that_is_not_visible_ascii_is_refused_without_quoting_it(
    engine: tuple[str, str], case: str
) -> None:
    with HostileServer(ok) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1), token=BAD_TOKENS[case])
        # Raised by the constructor, inside the call harness.
        _refused_before_sending(outcome, server, BAD_TOKENS[case])


@pytest.mark.parametrize("case", list(BAD_TOKENS))
def test_a_token_callable_returning_a_bad_token_is_refused_at_the_call(
    engine: tuple[str, str], case: str
) -> None:
    with HostileServer(ok) as server:
        outcome = call(
            engine, server.url, lambda gl: gl.users.get(1), token=lambda: BAD_TOKENS[case]
        )
        _refused_before_sending(outcome, server, BAD_TOKENS[case])


@pytest.mark.parametrize("sudo", ["al\x00ice", "alicé", "al ice", "al\tice"])
def test_sudo_must_be_visible_ascii(engine: tuple[str, str], sudo: str) -> None:
    with HostileServer(ok) as server:
        outcome = call(engine, server.url, lambda gl: gl.with_options(sudo=sudo).users.get(1))
        _refused_before_sending(outcome, server, TOKEN)


@pytest.mark.parametrize(
    "headers",
    [{"X-Note": "a\x00b"}, {"X-Note": "café"}, {"X-Né": "v"}, {"X Note": "v"}, {"": "v"}],
    ids=["NUL value", "non-ASCII value", "non-ASCII name", "space in name", "empty name"],
)
def test_extra_headers_must_be_sendable(engine: tuple[str, str], headers: dict[str, str]) -> None:
    with HostileServer(ok) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1), headers=headers)
        _refused_before_sending(outcome, server, TOKEN)
        outcome = call(engine, server.url, lambda gl: gl.with_options(headers=headers).users.get(1))
        _refused_before_sending(outcome, server, TOKEN)


def test_a_valid_call_sends_the_token_once_and_only_to_the_api(engine: tuple[str, str]) -> None:
    with HostileServer(ok) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1))
        assert outcome.error is None, outcome.error
        assert server.attempts == 1
        head = server.exchanges[0].head
        assert head.count(TOKEN.encode()) == 1
        assert server.targets == ["/api/v4/users/1"]


def test_a_cross_origin_redirect_never_carries_the_token(engine: tuple[str, str]) -> None:
    with HostileServer(ok) as other:

        def redirect(exchange: Exchange) -> None:
            exchange.send(
                b"HTTP/1.1 302 Found\r\nLocation: %s/api/v4/users/1\r\nContent-Length: 0\r\n\r\n"
                % other.url.encode()
            )

        with HostileServer(redirect) as server:
            outcome = call(engine, server.url, lambda gl: gl.users.get(1), follow_redirects=True)
            assert outcome.error is None, outcome.error
            assert server.attempts == 1 and other.attempts == 1
            assert TOKEN.encode() not in other.exchanges[0].head


def test_a_cross_origin_link_is_refused(engine: tuple[str, str]) -> None:
    with HostileServer(ok) as other:

        def page(exchange: Exchange) -> None:
            body = b"[" + USER + b"]"
            exchange.send(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b'Link: <%s/api/v4/users?page=2>; rel="next"\r\nContent-Length: %d\r\n\r\n%s'
                % (other.url.encode(), len(body), body)
            )

        with HostileServer(page) as server:
            outcome = call(
                engine, server.url, lambda gl: gl.users.list(pagination="offset").to_list()
            )
            outcome.raised(CrossOriginError)
            assert server.attempts == 1 and other.attempts == 0


@pytest.mark.parametrize("size", [0, -1, True, 1.5, "64MiB"])
def test_max_response_size_must_be_a_positive_int(size: object) -> None:
    from gitlab_users_client import AsyncGitLab

    with pytest.raises(ConfigurationError, match="max_response_size"):
        AsyncGitLab("http://127.0.0.1:1", token=TOKEN, max_response_size=size)  # type: ignore[arg-type]


def test_the_url_is_sent_as_encoded_without_resolving_dot_segments(
    engine: tuple[str, str],
) -> None:
    with HostileServer(ok) as server:
        outcome = call(engine, server.url, lambda gl: gl.request("GET", "/users/%2e%2E/x%2Fy"))
        assert outcome.error is None, outcome.error
        assert server.targets == ["/api/v4/users/%2e%2E/x%2Fy"]
