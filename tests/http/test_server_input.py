"""What a server's headers and bodies can make the client do: links, redirects, sizes."""

from __future__ import annotations

import json
import resource
import zlib
from functools import cache

import pytest

from gitlab_users_client import (
    CrossOriginError,
    NotFoundError,
    PaginationLoopError,
    ResponseTooLargeError,
    ResponseValidationError,
)

from .harness import call
from .hostile import Exchange, HostileServer

USER = {"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}
PREFIX = "/gitlab"  # an instance under a path, as in the review's report


def response(
    body: bytes,
    *,
    status: str = "200 OK",
    headers: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def users_page(headers: list[tuple[str, str]]) -> bytes:
    return response(json.dumps([USER]).encode(), headers=headers)


async def list_all(gl: object) -> object:
    return await gl.users.list(pagination="offset").to_list()  # type: ignore[attr-defined]


# -- pagination links -----------------------------------------------------------------------

ESCAPES = [
    "{root}/%2e%2e/%2e%2e/%2e%2e/other-app/secret",
    "{root}/%2E%2E/%2E%2E/%2E%2E/other-app/secret",
    "{root}/users/%2e./%2E./.%2e/%2e%2e/other-app/secret",
    "{root}/users/..%2f..%2f..%2fother-app/secret",
    "{root}/users/..%2F..%2F..%2F..%2Fother-app/secret",
    "{root}/%252e%252e/%252e%252e/%252e%252e/other-app/secret",
    "{root}/users/..\\..\\..\\other-app/secret",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_a_link_escaping_the_api_root_with_encoded_dots_is_refused(
    engine: tuple[str, str], template: str
) -> None:
    holder: dict[str, str] = {}

    def handler(exchange: Exchange) -> None:
        link = template.format(root=holder["root"])
        exchange.send(users_page([("Link", f'<{link}>; rel="next"')]))

    with HostileServer(handler) as server:
        holder["root"] = f"{server.url}{PREFIX}/api/v4"
        outcome = call(engine, server.url + PREFIX, list_all)
        outcome.raised(CrossOriginError)
        assert server.attempts == 1
        assert not any("other-app" in target for target in server.targets)


@pytest.mark.parametrize(
    ("rel", "followed"),
    [
        ('rel="first next"', True),
        ('rel="next last"', True),
        ("rel=next", True),
        ('REL="Next"', True),
        ('rel="nextfoo"', False),
        ('rel="prev"', False),
        ('title="next"; rel="last"', False),
    ],
)
def test_rel_is_a_list_of_relation_types(engine: tuple[str, str], rel: str, followed: bool) -> None:
    def handler(exchange: Exchange) -> None:
        if exchange.index == 0:
            link = f"<http://{exchange_host(exchange)}/api/v4/users?page=2>; {rel}"
            exchange.send(users_page([("Link", link)]))
        else:
            exchange.send(users_page([]))

    with HostileServer(handler) as server:
        outcome = call(engine, server.url, list_all)
        assert outcome.error is None, outcome.error
        assert len(outcome.value) == (2 if followed else 1)
        assert server.attempts == (2 if followed else 1)


def exchange_host(exchange: Exchange) -> str:
    for line in exchange.head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"host":
            return value.strip().decode()
    raise AssertionError("no Host header")


def test_a_next_page_that_repeats_a_page_is_a_loop_error(engine: tuple[str, str]) -> None:
    with HostileServer(
        lambda exchange: exchange.send(users_page([("X-Next-Page", "1")]))
    ) as server:
        outcome = call(engine, server.url, list_all)
        error = outcome.raised(PaginationLoopError)
        assert "page=1" in error.url
        assert server.attempts == 2  # the first page, then page=1 once: never a third time


def test_a_next_link_that_repeats_a_url_is_a_loop_error(engine: tuple[str, str]) -> None:
    def handler(exchange: Exchange) -> None:
        link = f"<http://{exchange_host(exchange)}/api/v4/users?cursor=abc&pagination=keyset>"
        exchange.send(users_page([("Link", f'{link}; rel="next"')]))

    with HostileServer(handler) as server:
        outcome = call(engine, server.url, list_all)
        error = outcome.raised(PaginationLoopError)
        assert "cursor=abc" in error.url
        assert server.attempts == 2


def test_a_long_hostile_link_header_is_parsed_quickly(engine: tuple[str, str]) -> None:
    # The longest header line the engines accept, built to make a backtracking regex crawl.
    hostile = "<a>;" * 2_000

    with HostileServer(lambda exchange: exchange.send(users_page([("Link", hostile)]))) as server:
        outcome = call(engine, server.url, list_all)
        assert outcome.error is None, outcome.error
        assert len(outcome.value) == 1
        assert outcome.wall < 5  # a hang guard: quadratic parsing took tens of seconds


def test_over_long_x_total_is_not_a_number(engine: tuple[str, str]) -> None:
    async def first(gl: object) -> object:
        return await gl.users.list(pagination="offset").first_page()  # type: ignore[attr-defined]

    with HostileServer(
        lambda exchange: exchange.send(users_page([("X-Total", "9" * 5_000)]))
    ) as server:
        outcome = call(engine, server.url, first)
        assert outcome.error is None, outcome.error
        assert outcome.value.total is None


# -- redirects --------------------------------------------------------------------------------

LOCATIONS = [
    "http://127.0.0.1:99999/api/v4/users/1",
    "javascript:alert(1)",
    "data:text/plain,hello",
    "http://user:password@{host}/api/v4/users/1",
    "http://{host}/api/v4/%2e%2e/%2e%2e/secret",
    "http://{host}/api/v4/users/1\x01",
    "ftp://{host}/api/v4/users/1",
]


@pytest.mark.parametrize("location", LOCATIONS)
def test_a_hostile_redirect_location_is_refused(engine: tuple[str, str], location: str) -> None:
    def handler(exchange: Exchange) -> None:
        target = location.format(host=exchange_host(exchange))
        exchange.send(response(b"", status="302 Found", headers=[("Location", target)]))

    with HostileServer(handler) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1), follow_redirects=True)
        outcome.raised(CrossOriginError)
        assert server.attempts == 1


# -- sizes ------------------------------------------------------------------------------------


@cache
def gzip_bomb(decoded_mib: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(decoded_mib)]
    return b"".join(parts) + packer.flush()


def test_a_gzip_bomb_stops_at_max_response_size(engine: tuple[str, str]) -> None:
    bomb = gzip_bomb(256)
    assert len(bomb) < 512 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with HostileServer(
        lambda exchange: exchange.send(response(bomb, headers=[("Content-Encoding", "gzip")]))
    ) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1), max_response_size=4 << 20)
        error = outcome.raised(ResponseTooLargeError)
        assert error.limit == 4 << 20
        assert server.attempts == 1  # not retried
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 128 * 1024  # the 256 MiB were never held


def test_a_plain_body_over_the_limit_is_refused(engine: tuple[str, str]) -> None:
    body = b"[" + b" " * 300_000 + b"]"
    with HostileServer(lambda exchange: exchange.send(response(body))) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1), max_response_size=100_000)
        outcome.raised(ResponseTooLargeError)
        assert server.attempts == 1


def test_a_huge_error_message_is_truncated_in_str(engine: tuple[str, str]) -> None:
    body = json.dumps({"message": "x" * 2_000_000}).encode()
    with HostileServer(
        lambda exchange: exchange.send(response(body, status="404 Not Found"))
    ) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1))
        error = outcome.raised(NotFoundError)
        assert len(error.body["message"]) == 2_000_000  # the full body is kept
        assert len(str(error)) <= 10_000


def test_deeply_nested_json_is_a_validation_error(engine: tuple[str, str]) -> None:
    body = b"[" * 50_000 + b"]" * 50_000
    with HostileServer(lambda exchange: exchange.send(response(body))) as server:
        outcome = call(engine, server.url, lambda gl: gl.users.get(1))
        outcome.raised(ResponseValidationError)
        assert server.attempts == 1
