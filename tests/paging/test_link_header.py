"""The ``Link`` header parser (RFC 8288) on whatever a server or proxy puts in it, and the
guard that stops a paginator from fetching the same page twice."""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, PaginationLoopError
from gitlab_users_client._paging.links import next_link, parse_links

PREV = '<https://h.example/api/v4/users?page=1>; rel="prev"'

#: What may follow a complete link: none of it is a next link, none of it may crash.
HOSTILE_TAILS = [
    "",
    ",",
    ", ",
    ",,,",
    " , ,",
    "junk",
    " junk",
    ", junk",
    ", junk; rel=next",
    ";",
    "; ",
    ";;;",
    "; rel",
    "; rel=",
    '; rel="',
    "; =",
    "; =next",
    '; ="next"',
    "\\",
    ", \\",
    "; title=\\",
    '; title="\\',
    '; title="x\\"',
    '"',
    ', "',
    ', "next',
    ", <",
    ", <x",
    ", <>",
    ", <x>; rel=",
    ', <x>; rel="',
    ", <x>; rel",
    ", <x>;",
    "\t",
    "\x00",
    "\x00; rel=next",
    "é",
    # A quoted string swallows what looks like a next link.
    '", <x>; rel="next"',
    '; title="a, <x>; rel=next"',
    ', junk "a, <x>; rel=next"',
    '; title="a \\", <x>; rel=next',
    # Without the comma between links the rest is one malformed entry.
    ' <x>; rel="next"',
    '; rel=prev <x>; rel="next"',
    # Only the first rel of a link counts.
    "; rel=next",
    '; rel="next"',
    # A next link needs a target in angle brackets.
    ", x; rel=next",
    ", <x; rel=next",
    ', "<x>"; rel=next',
]


@pytest.mark.parametrize("tail", HOSTILE_TAILS)
def test_no_next_link_in_a_header_with_a_hostile_tail(tail: str) -> None:
    header = PREV + tail
    assert next_link(header) is None
    target, params = next(parse_links(header))
    assert (target, params["rel"]) == ("https://h.example/api/v4/users?page=1", "prev")


@pytest.mark.parametrize(
    "header",
    [
        'junk, <x>; rel="next"',
        ',,, <x>; rel="next"',
        ';;, <x>; rel="next"',
        '"quoted, junk", <x>; rel="next"',
        'junk "a, <y>; rel=next", <x>; rel="next"',
        'junk "", <x>; rel="next"',
        'junk,<x>; rel="next"',
        '<>; rel="prev", <x>; rel="next"',
        PREV + '; "junk", <x>; rel="next"',
        PREV + '; title "junk", <x>; rel="next"',
        PREV + ' junk "a, <y>; rel=next", <x>; rel="next"',
        PREV + '; title="a, <y>; rel=next", <x>; rel="next"',
        PREV + '; title="a \\" <y>; rel=next", <x>; rel="next"',
        PREV + '; title="a \\\\", <x>; rel="next"',
        PREV + "; title=a\\, <x>; rel=next",
        PREV + '; rel="prev"junk, <x>; rel="next"',
        PREV + ", <x>; rel=next",
        PREV + ",<x>;rel=next",
        PREV + ",\t<x>\t;\trel\t=\tnext",
        PREV + ', <x>; anchor; rel="next"',
        PREV + ', <x>; =; rel="next"',
        PREV + ', < x >; rel="next"',
        '<x>; rel="n\\ext"',
        '<x>; rel="first next last"',
        "<x>; REL=NEXT",
        '<x>; rel="Next"',
    ],
)
def test_a_next_link_is_found_after_hostile_entries(header: str) -> None:
    assert next_link(header) == "x"


@pytest.mark.parametrize(
    "header",
    [
        '<x>; rel="nextfoo"',
        '<x>; rel="foo-next"',
        '<x>; rel="next-page"',
        '<x>; title="next"',
        '<x>; rel="prev"; rel="next"',
        "<x>; rel=",
        "<x>",
        '<x> rel="next"',
        "",
        " ",
    ],
)
def test_only_a_rel_list_containing_next_is_a_next_link(header: str) -> None:
    assert next_link(header) is None


def test_an_empty_target_is_an_empty_link() -> None:
    assert list(parse_links('<>; rel="next"')) == [("", {"rel": "next"})]
    assert next_link('<>; rel="next"') == ""


def test_the_first_next_link_wins() -> None:
    assert next_link('<a>; rel="first", <b>; rel="next", <c>; rel="next"') == "b"


def test_links_are_parsed_in_order_with_their_parameters() -> None:
    header = (
        '< /p1 >; REL = "Next First" ; Title=x; rel=prev; anchor, '
        '<p2>; title="a \\"q\\" \\\\ b"; rel="last", '
        "junk, "
        '<p3>; type="a;b,c"; rel=next; x=y'
    )
    assert list(parse_links(header)) == [
        ("/p1", {"rel": "Next First", "title": "x", "anchor": ""}),
        ("p2", {"title": 'a "q" \\ b', "rel": "last"}),
        ("p3", {"type": "a;b,c", "rel": "next", "x": "y"}),
    ]


def test_an_unterminated_quote_ends_the_header() -> None:
    assert list(parse_links('<p1>; title="abc, <p2>; rel=next')) == [
        ("p1", {"title": "abc, <p2>; rel=next"})
    ]
    assert list(parse_links('<p1>; title="abc\\')) == [("p1", {"title": "abc"})]
    assert list(parse_links('<p1>; title="abc\\d')) == [("p1", {"title": "abcd"})]
    assert list(parse_links("<p1")) == []


USER = {"id": 1, "username": "root", "name": "Root", "state": "active", "web_url": "http://x/r"}


async def walk(
    headers: dict[str, str], sent_before_the_loop: int, **list_options: object
) -> tuple[list[httpx.Request], PaginationLoopError]:
    """Paginate against a server answering every page with ``headers``."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[USER], headers=headers)

    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=httpx.MockTransport(handler)
    ) as gl:
        with pytest.raises(PaginationLoopError) as looped:
            await gl.users.list(**list_options).to_list()  # type: ignore[arg-type]
    assert len(sent) == sent_before_the_loop
    return sent, looped.value


async def test_a_next_link_repeating_the_page_stops_with_a_loop_error() -> None:
    link = '<https://gitlab.example.com/api/v4/users?page=2&private_token=abc>; rel="next"'
    sent, error = await walk({"Link": link}, 2)
    assert sent[1].url.raw_path == b"/api/v4/users?page=2&private_token=abc"
    assert error.url == "/users?page=2&private_token=%5BREDACTED%5D"
    assert str(error) == (
        "the server's next page repeats a page already fetched; stopping instead of looping forever"
    )
    assert "abc" not in str(error)


async def test_a_loop_on_a_link_without_a_query_names_the_bare_path() -> None:
    sent, error = await walk({"Link": '</api/v4/users>; rel="next"'}, 2)
    assert sent[1].url.raw_path == b"/api/v4/users"
    assert error.url == "/users"


async def test_an_x_next_page_repeating_the_page_stops_with_a_loop_error() -> None:
    sent, error = await walk({"X-Next-Page": "1"}, 1, pagination="offset", page=1)
    assert sent[0].url.params["page"] == "1"
    assert error.url == "/users?page=1&per_page=100"


async def test_pages_that_differ_only_in_the_query_are_all_fetched() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        number = len(sent)
        headers = {"Link": f'</api/v4/users?cursor=c{number}&pagination=keyset>; rel="next"'}
        if number == 3:
            headers = {"Link": '</api/v4/users?pagination=keyset&cursor=c1>; rel="next"'}
        if number == 4:
            headers = {}
        return httpx.Response(200, json=[{**USER, "id": number}], headers=headers)

    async with AsyncGitLab(
        "https://gitlab.example.com", token="t", transport=httpx.MockTransport(handler)
    ) as gl:
        users = await gl.users.list(pagination="keyset", order_by="id").to_list()
    # The third link names the first cursor again, its parameters in another order: a
    # query sent as is is another page (the server decides what it means).
    assert [user.id for user in users] == [1, 2, 3, 4]
