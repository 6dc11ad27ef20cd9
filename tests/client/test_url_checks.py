"""What the client accepts from a server as a URL to go to: redirects and pagination links.

Credentials follow a redirect only to the same origin (scheme, host and port, default
ports filled in); a URL that could leave the API root, carry user info, reach another
scheme or hide dot segments is refused with a ``CrossOriginError`` before anything is
sent, whatever its spelling.
"""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, CrossOriginError
from gitlab_users_client._urls import has_dot_segments, link_target, redirect_target

TOKEN = "glpat-redirect-test-token"
USER = {"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/r"}


async def follow(base: str, location: str) -> list[httpx.Request]:
    """GET /user through a client that follows redirects; the requests that were sent."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if len(sent) == 1:
            return httpx.Response(302, headers={"Location": location})
        return httpx.Response(200, json=USER)

    async with AsyncGitLab(
        base,
        token=TOKEN,
        sudo="root",
        follow_redirects=True,
        transport=httpx.MockTransport(handler),
    ) as gl:
        response = await gl.request("GET", "/user")
    assert response.status_code == 200
    assert len(sent) == 2
    return sent


@pytest.mark.parametrize(
    ("base", "location"),
    [
        ("https://gitlab.example.com", "/api/v4/users/1"),
        ("https://gitlab.example.com", "users/1"),
        ("https://gitlab.example.com", "https://GITLAB.Example.com/api/v4/users/1"),
        ("https://gitlab.example.com", "https://gitlab.example.com:443/api/v4/users/1"),
        ("http://gitlab.example.com", "http://gitlab.example.com:80/api/v4/users/1"),
        ("https://gitlab.example.com:8443", "https://gitlab.example.com:8443/api/v4/users/1"),
        ("http://[fe80::1]", "http://[FE80::1]/api/v4/users/1"),
        ("http://[FE80::1]:8080", "http://[fe80::1]:8080/api/v4/users/1"),
    ],
)
async def test_a_same_origin_redirect_keeps_the_token_and_sudo(base: str, location: str) -> None:
    sent = await follow(base, location)
    assert sent[1].url.path == "/api/v4/users/1"
    assert sent[1].headers["authorization"] == f"Bearer {TOKEN}"
    assert sent[1].headers["sudo"] == "root"


@pytest.mark.parametrize(
    ("base", "location"),
    [
        ("https://gitlab.example.com", "https://other.example.com/api/v4/users/1"),
        ("https://gitlab.example.com", "//other.example.com/api/v4/users/1"),
        ("https://gitlab.example.com", "https://gitlab.example.com:8443/api/v4/users/1"),
        ("https://gitlab.example.com:8443", "https://gitlab.example.com/api/v4/users/1"),
        ("http://gitlab.example.com", "https://gitlab.example.com/api/v4/users/1"),
        ("http://gitlab.example.com", "http://gitlab.example.com:443/api/v4/users/1"),
        ("http://[fe80::1]", "http://[fe80::2]/api/v4/users/1"),
    ],
)
async def test_a_cross_origin_redirect_strips_the_token_and_sudo(base: str, location: str) -> None:
    sent = await follow(base, location)
    assert "authorization" in sent[0].headers
    assert "authorization" not in sent[1].headers
    assert "sudo" not in sent[1].headers
    assert TOKEN not in str(sent[1].headers)


CURRENT = httpx.URL("https://gitlab.example.com/api/v4/users/1")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/api/v4/users/2", "https://gitlab.example.com/api/v4/users/2"),
        ("2", "https://gitlab.example.com/api/v4/users/2"),
        ("?page=2", "https://gitlab.example.com/api/v4/users/1?page=2"),
        ("  /api/v4/users/2\t", "https://gitlab.example.com/api/v4/users/2"),
        # Dots in a query are not path segments.
        ("/api/v4/users?from=../x", "https://gitlab.example.com/api/v4/users?from=../x"),
        ("/api/v4/users?next=/../x", "https://gitlab.example.com/api/v4/users?next=/../x"),
        ("2#/../x", "https://gitlab.example.com/api/v4/users/2#/../x"),
        ("https://gitlab.example.com/api?from=../x", "https://gitlab.example.com/api?from=../x"),
        # An upgrade to https is fine; only the way down is refused.
        ("https://gitlab.example.com:65535/x", "https://gitlab.example.com:65535/x"),
        ("https://gitlab.example.com:1/x", "https://gitlab.example.com:1/x"),
        ("https://[::1]:8443/api/v4", "https://[::1]:8443/api/v4"),
        ("/api/v4/users/...", "https://gitlab.example.com/api/v4/users/..."),
        ("/api/v4/users/a..b", "https://gitlab.example.com/api/v4/users/a..b"),
    ],
)
def test_a_redirect_resolves_against_the_request(location: str, expected: str) -> None:
    assert str(redirect_target(CURRENT, location)) == expected


def test_an_http_request_may_be_redirected_to_https_but_not_back() -> None:
    target = redirect_target(httpx.URL("http://h.example/api/v4/user"), "https://h.example/x")
    assert str(target) == "https://h.example/x"
    plain = redirect_target(httpx.URL("http://h.example/api/v4/user"), "http://h.example/x")
    assert str(plain) == "http://h.example/x"
    with pytest.raises(CrossOriginError, match="from https to http"):
        redirect_target(CURRENT, "http://gitlab.example.com/api/v4/users/2")


INVALID = "is not a valid URL (non-ASCII, control characters or too long)"


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("../../admin", "refusing a redirect with dot segments"),
        ("./2", "refusing a redirect with dot segments"),
        ("..", "refusing a redirect with dot segments"),
        ("a/../../../admin", "refusing a redirect with dot segments"),
        ("%2e%2e/%2e%2e/admin", "refusing a redirect with dot segments"),
        ("..%2f..%2fadmin", "refusing a redirect with dot segments"),
        ("..\\..\\admin", "refusing a redirect with dot segments"),
        ("//gitlab.example.com/api/../admin", "refusing a redirect with dot segments"),
        ("https://gitlab.example.com/api/v4/../admin", "refusing a redirect with dot segments"),
        ("https://gitlab.example.com/api/v4/%2E%2E/admin", "refusing a redirect with dot segments"),
        ("http:///api/v4/user", "the redirect has no host"),
        ("https://gitlab.example.com:0/api/v4", "the redirect has an invalid port"),
        ("https://gitlab.example.com:65536/api/v4", "the redirect has an invalid port"),
        ("https://gitlab.example.com:x/api/v4", "the redirect is not a valid URL"),
        ("ftp://gitlab.example.com/api/v4", "refusing a redirect with scheme 'ftp'"),
        ("javascript:alert(1)", "refusing a redirect with scheme 'javascript'"),
        ("https://gitlab.example.com/a b", f"the redirect {INVALID}"),
        ("/api/v4/users\x00", f"the redirect {INVALID}"),
        ("https://gitlab.example.com/usérs", f"the redirect {INVALID}"),
        ("http://gitlab.example.com/api/v4/users/2", "refusing a redirect from https to http"),
    ],
)
def test_a_hostile_redirect_is_refused_with_what_was_wrong(location: str, message: str) -> None:
    with pytest.raises(CrossOriginError) as refused:
        redirect_target(CURRENT, location)
    assert str(refused.value) == message
    assert refused.value.url == location.replace("\x00", "\\x00").replace("é", "\\xe9")


@pytest.mark.parametrize(
    ("location", "message", "shown"),
    [
        (
            "https://root:pw@gitlab.example.com/api/v4",
            "refusing a redirect with user info in it",
            "https://gitlab.example.com/api/v4",
        ),
        ("https://[::1/api/v4", "the redirect is not a valid URL", "<unparseable URL>"),
        # Same scheme, no host: a relative reference (shown as its parts by httpx 0.28,
        # as written by httpx 0.29).
        (
            "https:../admin",
            "refusing a redirect with dot segments",
            "https:///../admin | https:../admin",
        ),
    ],
)
def test_a_refused_redirect_is_shown_as_redacted(location: str, message: str, shown: str) -> None:
    with pytest.raises(CrossOriginError) as refused:
        redirect_target(CURRENT, location)
    assert str(refused.value) == message
    assert refused.value.url in shown.split(" | ")


def test_a_url_of_8192_characters_is_the_longest_accepted() -> None:
    prefix = "https://gitlab.example.com/"
    longest = prefix + "a" * (8192 - len(prefix))
    assert str(redirect_target(CURRENT, longest)) == longest
    with pytest.raises(CrossOriginError, match="too long"):
        redirect_target(CURRENT, longest + "a")
    relative = "/" + "a" * 8192
    with pytest.raises(CrossOriginError, match="too long"):
        redirect_target(CURRENT, relative)
    # Short enough as sent, too long once joined to the request's URL.
    with pytest.raises(CrossOriginError) as joined:
        redirect_target(CURRENT, relative[:-1])
    assert str(joined.value) == f"the redirect {INVALID}"
    assert joined.value.url == ("https://gitlab.example.com" + relative)[:200] + "..."


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("https://gitlab.example.com/a\tb", "https://gitlab.example.com/a\\x09b"),
        ("https://gitlab.example.com/\x7f", "https://gitlab.example.com/\\x7f"),
        ("https://gitlab.example.com/é", "https://gitlab.example.com/\\xe9"),
        ("https://gitlab.example.com:0/x", "https://gitlab.example.com:0/x"),
    ],
)
def test_a_refused_url_is_shown_escaped_in_the_error(location: str, shown: str) -> None:
    with pytest.raises(CrossOriginError) as refused:
        redirect_target(CURRENT, location)
    assert refused.value.url == shown


@pytest.mark.parametrize("length", [199, 200, 201, 400])
def test_a_long_refused_url_is_shown_cut_to_200_characters(length: int) -> None:
    location = "https://gitlab.example.com/\x01"
    location += "a" * (length - len(location))
    with pytest.raises(CrossOriginError) as refused:
        redirect_target(CURRENT, location)
    shown = location[:200].replace("\x01", "\\x01")
    assert refused.value.url == (shown if length <= 200 else shown + "...")


@pytest.mark.parametrize(
    ("path", "dotted"),
    [
        ("/api/v4/users", False),
        ("/api/v4/users/..", True),
        ("/api/v4/users/.", True),
        ("./api", True),
        ("/api/v4/%2e%2e/x", True),
        ("/api/v4/.%2E/x", True),
        ("/api/v4/users/..%2fx", True),
        ("/api/v4/users\\..\\x", True),
        # Decoded twice ("%252e" -> "%2e" -> "."): still found.
        ("/api/v4/%252e%252e/x", True),
        ("/api/v4/%25252e%25252e/x", True),
        # Three decoding rounds that settle are fine; still encoded after three is refused.
        ("/api/v4/users/%2525", False),
        ("/api/v4/users/%252525", True),
        ("/api/v4/users/...", False),
        ("/api/v4/users/a..b", False),
        ("/api/v4/users/%2e.x", False),
        ("", False),
    ],
)
def test_dot_segments_are_found_in_any_spelling(path: str, dotted: bool) -> None:
    assert has_dot_segments(path) is dotted


BASE = httpx.URL("https://gitlab.example.com/gitlab/api/v4")
PAGE = "https://gitlab.example.com/gitlab/api/v4/users"


def link(url: str, *, keep_base_url: bool = False, base: httpx.URL = BASE) -> tuple[str, str]:
    return link_target(url, current=PAGE, base=base, keep_base_url=keep_base_url)


@pytest.mark.parametrize(
    "url",
    [
        "https://gitlab.example.com/gitlab/api/v4/users?page=2&per_page=100",
        " https://gitlab.example.com/gitlab/api/v4/users?page=2&per_page=100 ",
        "https://GITLAB.EXAMPLE.COM:443/gitlab/api/v4/users?page=2&per_page=100",
        "/gitlab/api/v4/users?page=2&per_page=100",
        "?page=2&per_page=100",
        "users?page=2&per_page=100",
    ],
)
def test_a_pagination_link_on_the_clients_origin_is_followed(url: str) -> None:
    assert link(url) == ("/users", "page=2&per_page=100")


def test_a_pagination_link_keeps_its_query_exactly_as_sent() -> None:
    cursor = "cursor=eyJpZCI6IjQyIn0%3D&pagination=keyset&order_by=id"
    assert link(f"{PAGE}?{cursor}") == ("/users", cursor)
    assert link(f"/gitlab/api/v4/users?{cursor}") == ("/users", cursor)
    assert link(f"{PAGE}/1/keys") == ("/users/1/keys", "")


def test_a_question_mark_inside_a_links_query_stays_in_the_query() -> None:
    assert link("/gitlab/api/v4/users?a=1?b=2") == ("/users", "a=1?b=2")
    assert link(f"{PAGE}?a=1?b=2") == ("/users", "a=1?b=2")
    assert link("https://GITLAB.example.com/gitlab/api/v4/users?a=1?b=2") == ("/users", "a=1?b=2")


def test_an_api_root_given_with_a_trailing_slash_is_the_same_root() -> None:
    base = httpx.URL("https://gitlab.example.com/gitlab/api/v4/")
    assert link(f"{PAGE}?page=2", base=base) == ("/users", "page=2")
    assert link("/gitlab/api/v4/users?page=3", base=base) == ("/users", "page=3")


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.net/gitlab/api/v4/users?page=2",
        "http://gitlab.example.com/gitlab/api/v4/users?page=2",
        "https://gitlab.example.com:8443/gitlab/api/v4/users?page=2",
        "//evil.example.net/gitlab/api/v4/users?page=2",
    ],
)
def test_a_pagination_link_to_another_origin_is_refused_unless_rewritten(url: str) -> None:
    with pytest.raises(CrossOriginError, match="another origin"):
        link(url)
    assert link(url, keep_base_url=True) == ("/users", "page=2")


@pytest.mark.parametrize(
    "url",
    [
        "https://gitlab.example.com/gitlab/other-app/secret",
        "https://gitlab.example.com/gitlab/api/v4x/users",
        "https://gitlab.example.com/gitlab/api/v4",
        "https://gitlab.example.com/gitlab/api/v4?page=2",
        "/gitlab/api/v5/users",
    ],
)
def test_a_pagination_link_outside_the_api_root_is_refused(url: str) -> None:
    with pytest.raises(CrossOriginError, match="leaves the API root"):
        link(url)
    with pytest.raises(CrossOriginError, match="leaves the API root"):
        link(url, keep_base_url=True)


ANOTHER_ORIGIN = (
    "the server's pagination link points at another origin; refusing to send credentials "
    "there (pass keep_base_url=True to rewrite such links onto the client's URL)"
)


@pytest.mark.parametrize(
    ("url", "message", "shown"),
    [
        (f"{PAGE}#x", "the pagination link has a fragment", None),
        (f"{PAGE}?page=2#x", "the pagination link has a fragment", None),
        ("/gitlab/api/v4/users#x", "the pagination link has a fragment", None),
        (f"{PAGE}/%2e%2e/%2e%2e/other-app", "refusing a pagination link with dot segments", None),
        (f"{PAGE}/../../other-app", "refusing a pagination link with dot segments", None),
        ("../../other-app", "refusing a pagination link with dot segments", None),
        (
            "https://user@gitlab.example.com/gitlab/api/v4/users",
            "refusing a pagination link with user info in it",
            PAGE,
        ),
        (
            "https://gitlab.example.com:99999/gitlab/api/v4/users",
            "the pagination link has an invalid port",
            None,
        ),
        (
            "https://[::1/gitlab/api/v4/users",
            "the pagination link is not a valid URL",
            "<unparseable URL>",
        ),
        (f"{PAGE}/usérs", f"the pagination link {INVALID}", f"{PAGE}/us\\xe9rs"),
        ("javascript:alert(1)", "refusing a pagination link with scheme 'javascript'", None),
        ("https://evil.example.net/gitlab/api/v4/users", ANOTHER_ORIGIN, None),
        (
            "//evil.example.net/gitlab/api/v4/users",
            ANOTHER_ORIGIN,
            "https://evil.example.net/gitlab/api/v4/users",
        ),
        (
            "https://gitlab.example.com/gitlab/other-app",
            "the pagination link leaves the API root",
            None,
        ),
        (
            "/gitlab/other-app",
            "the pagination link leaves the API root",
            "https://gitlab.example.com/gitlab/other-app",
        ),
    ],
)
def test_a_hostile_pagination_link_is_refused_with_what_was_wrong(
    url: str, message: str, shown: str | None
) -> None:
    with pytest.raises(CrossOriginError) as refused:
        link(url)
    assert str(refused.value) == message
    assert refused.value.url == (url if shown is None else shown)


def test_a_pagination_link_too_long_is_refused() -> None:
    with pytest.raises(CrossOriginError) as refused:
        link(PAGE + "/" + "a" * 8192)
    assert str(refused.value) == f"the pagination link {INVALID}"
    assert refused.value.url == (PAGE + "/" + "a" * 200)[:200] + "..."


async def test_a_relative_next_link_is_followed_with_the_token() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if len(sent) == 1:
            return httpx.Response(
                200,
                json=[USER],
                headers={"Link": '</api/v4/users?page=2&per_page=1>; rel="next"'},
            )
        return httpx.Response(200, json=[{**USER, "id": 2}])

    async with AsyncGitLab(
        "https://gitlab.example.com", token=TOKEN, transport=httpx.MockTransport(handler)
    ) as gl:
        users = await gl.users.list(per_page=1).to_list()
    assert [user.id for user in users] == [1, 2]
    assert sent[1].url.raw_path == b"/api/v4/users?page=2&per_page=1"
    assert sent[1].headers["authorization"] == f"Bearer {TOKEN}"


async def test_a_malformed_next_link_ends_as_a_cross_origin_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[USER], headers={"Link": '<https://[::1/x>; rel="next"'})

    async with AsyncGitLab(
        "https://gitlab.example.com", token=TOKEN, transport=httpx.MockTransport(handler)
    ) as gl:
        with pytest.raises(CrossOriginError, match="not a valid URL"):
            await gl.users.list().to_list()
