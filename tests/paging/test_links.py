"""The Link parser (RFC 8288) and the URL checks, on their own."""

from __future__ import annotations

import time

import httpx
import pytest

from gitlab_users_client import CrossOriginError
from gitlab_users_client._paging.links import next_link, parse_links
from gitlab_users_client._urls import has_dot_segments, link_target, redirect_target

HOSTILE_HEADERS = {
    "many links without rel": "<a>;" * 15_000,
    "unclosed targets": "<" * 60_000,
    "endless parameters": "<a>" + "; x=y" * 12_000,
    "unterminated quote": '<a>; rel="' + "next " * 12_000,
    "escapes": '<a>; rel="' + "\\n" * 30_000,
    "commas in quotes": '<a>; title="' + "," * 60_000 + '"; rel="next"',
}


@pytest.mark.parametrize("case", list(HOSTILE_HEADERS))
def test_a_60kb_hostile_link_header_parses_in_linear_time(case: str) -> None:
    header = HOSTILE_HEADERS[case]
    assert len(header) >= 59_000
    started = time.perf_counter()
    next_link(header)
    list(parse_links(header))
    assert time.perf_counter() - started < 2  # a hang guard: the old regex took 24 s


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('<https://h/api/v4/users?page=2>; rel="next"', "https://h/api/v4/users?page=2"),
        ('<p1>; rel="first", <p2>; rel="first next"', "p2"),
        ('<p1>; rel="prev"; title="next", <p2>; rel=next', "p2"),
        ('<p1>; rel="nextfoo", <p2>; rel="foo-next"', None),
        ('<p1>; REL="NEXT"', "p1"),
        ('<p1>; rel="last", <p2>; rel="next"; rel="prev"', "p2"),
        ('<p1>; rel="prev"; rel="next"', None),  # only the first rel counts
        ('<p1>; title="a, b"; rel="next"', "p1"),
        ('<p1>; title="a \\" quote"; rel="next"', "p1"),
        ('garbage, <p2>; rel="next"', "p2"),
        ("", None),
    ],
)
def test_rel_is_a_space_separated_list(header: str, expected: str | None) -> None:
    assert next_link(header) == expected


@pytest.mark.parametrize(
    ("path", "dotted"),
    [
        ("/api/v4/users", False),
        ("/api/v4/users/..", True),
        ("/api/v4/%2e%2e/x", True),
        ("/api/v4/%2E%2e/x", True),
        ("/api/v4/.%2E/x", True),
        ("/api/v4/users/..%2fx", True),
        ("/api/v4/users/..%5cx", True),
        ("/api/v4/%252e%252e/x", True),
        ("/api/v4/users/...", False),
        ("/api/v4/users/a..b", False),
        ("/api/v4/users/%2e", True),
    ],
)
def test_dot_segments_in_any_spelling(path: str, dotted: bool) -> None:
    assert has_dot_segments(path) is dotted


BASE = httpx.URL("https://gitlab.example.com/gitlab/api/v4")


def test_a_link_below_the_api_root_keeps_its_query_as_sent() -> None:
    path, query = link_target(
        "https://gitlab.example.com/gitlab/api/v4/users?cursor=eyJ%3D&pagination=keyset",
        current="https://gitlab.example.com/gitlab/api/v4/users",
        base=BASE,
        keep_base_url=False,
    )
    assert (path, query) == ("/users", "cursor=eyJ%3D&pagination=keyset")


@pytest.mark.parametrize(
    "url",
    [
        "https://gitlab.example.com/gitlab/other-app/secret",
        "https://gitlab.example.com/gitlab/api/v4/%2e%2e/%2e%2e/other-app/secret",
        "https://evil.example.net/gitlab/api/v4/users",
        "https://gitlab.example.com:99999/gitlab/api/v4/users",
        "https://user@gitlab.example.com/gitlab/api/v4/users",
        "https://gitlab.example.com/gitlab/api/v4/users#x",
        "https://gitlab.example.com/gitlab/api/v4/usérs",
        "javascript:alert(1)",
        "/gitlab/api/v4/users/../../x",
    ],
)
def test_bad_links_are_refused(url: str) -> None:
    with pytest.raises(CrossOriginError):
        link_target(
            url,
            current="https://gitlab.example.com/gitlab/api/v4/users",
            base=BASE,
            keep_base_url=False,
        )


def test_a_relative_redirect_resolves_against_the_request() -> None:
    target = redirect_target(httpx.URL("https://h.example/api/v4/users/1"), "/api/v4/users/2")
    assert str(target) == "https://h.example/api/v4/users/2"
    with pytest.raises(CrossOriginError, match="https to http"):
        redirect_target(httpx.URL("https://h.example/api/v4/users/1"), "http://h.example/x")
