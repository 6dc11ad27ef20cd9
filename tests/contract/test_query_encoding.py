"""Query and path encoding, checked through ``build_request`` of real operations and,
where the final URL matters, through ``AsyncGitLab`` with a MockTransport."""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitlab_users_client import NOT_GIVEN, AsyncGitLab, InvalidRequestError
from gitlab_users_client._contract.resource import BaseResource
from gitlab_users_client._generated.api.user import user_list_activities
from gitlab_users_client._generated.api.users import (
    users_get,
    users_get_status,
    users_list,
    users_list_events,
    users_list_memberships,
    users_list_projects,
)
from gitlab_users_client._generated.api.users_impersonation_tokens import (
    users_impersonation_tokens_list,
)
from gitlab_users_client._generated.api.users_keys import users_keys_get, users_keys_list
from gitlab_users_client.models import (
    ImpersonationTokenState,
    MembershipType,
    SortDirection,
    TwoFactorFilter,
    UserOrderBy,
)

UTC = datetime.UTC


def params_of(request: Any) -> dict[str, str]:
    pairs = request.params
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in pairs)
    return dict(pairs)


class Recorder:
    def __init__(self, body: Any = None, status: int = 200) -> None:
        self.requests: list[httpx.Request] = []
        self.body = [] if body is None else body
        self.status = status

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)


def client(recorder: Recorder) -> AsyncGitLab:
    return AsyncGitLab(
        "https://gitlab.example.com", token="glpat-x", transport=httpx.MockTransport(recorder)
    )


# -- booleans -----------------------------------------------------------------------------


def test_booleans_are_true_and_false() -> None:
    request = users_list.build_request(active=True, blocked=False, without_project_bots=True)
    assert request.params == [
        ("active", "true"),
        ("blocked", "false"),
        ("without_project_bots", "true"),
    ]
    assert users_get.build_request(1, with_custom_attributes=False).params == [
        ("with_custom_attributes", "false")
    ]


# -- datetimes and dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "2024-01-02T03:04:05Z"),
        (
            datetime.datetime(2024, 1, 2, 3, 4, 5, 60000, tzinfo=UTC),
            "2024-01-02T03:04:05.060000Z",
        ),
        (datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=ZoneInfo("UTC")), "2024-01-02T03:04:05Z"),
        (
            datetime.datetime(
                2024,
                1,
                2,
                3,
                4,
                5,
                tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
            ),
            "2024-01-01T21:34:05Z",  # sent as UTC
        ),
        (
            datetime.datetime(2024, 7, 2, 3, 4, 5, tzinfo=ZoneInfo("America/New_York")),
            "2024-07-02T07:04:05Z",
        ),
        (datetime.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05Z"),  # naive: UTC
    ],
    ids=["utc", "utc-micro", "zoneinfo-utc", "plus-0530", "new-york-dst", "naive"],
)
def test_datetimes(value: datetime.datetime, expected: str) -> None:
    assert params_of(users_list.build_request(created_after=value)) == {"created_after": expected}
    # the reserved word `from` is exposed as `from_` but sent as `from`
    assert user_list_activities.build_request(from_=value).params == [("from", expected)]


def test_dates_are_yyyy_mm_dd() -> None:
    request = users_list_events.build_request(
        "jdoe", before=datetime.date(2024, 2, 3), after=datetime.date(2023, 12, 31)
    )
    assert params_of(request) == {"before": "2024-02-03", "after": "2023-12-31"}
    request = users_list_projects.build_request(1, marked_for_deletion_on=datetime.date(2025, 1, 9))
    assert params_of(request) == {"marked_for_deletion_on": "2025-01-09"}


# -- enums --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "name", "member", "text"),
    [
        (users_list.build_request, "order_by", UserOrderBy.USERNAME, "username"),
        (users_list.build_request, "sort", SortDirection.ASC, "asc"),
        (users_list.build_request, "two_factor", TwoFactorFilter.DISABLED, "disabled"),
        (
            lambda **kw: users_list_memberships.build_request(7, **kw),
            "type_",
            MembershipType.NAMESPACE,
            "Namespace",
        ),
        (
            lambda **kw: users_impersonation_tokens_list.build_request(7, **kw),
            "state",
            ImpersonationTokenState.INACTIVE,
            "inactive",
        ),
    ],
)
def test_enum_params_accept_member_and_plain_string(
    build: Callable[..., Any], name: str, member: Any, text: str
) -> None:
    wire_name = name.rstrip("_")
    assert build(**{name: member}).params == [(wire_name, text)]
    assert build(**{name: text}).params == [(wire_name, text)]


def test_enum_param_rejects_unknown_string_naming_allowed_values() -> None:
    with pytest.raises(InvalidRequestError) as caught:
        users_list.build_request(order_by="email")  # type: ignore[arg-type]
    message = str(caught.value)
    assert "order_by" in message and "'email'" in message
    for allowed in ("created_at", "id", "name", "updated_at", "username"):
        assert repr(allowed) in message


def test_enum_param_rejects_values_of_the_wrong_case_or_type() -> None:
    with pytest.raises(InvalidRequestError, match="asc"):
        users_list.build_request(sort="ASC")  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError):
        users_list.build_request(sort=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="Project"):
        users_list_memberships.build_request(1, type_="project")  # type: ignore[arg-type]


def test_enum_param_rejects_open_enum_pseudo_member() -> None:
    """Enums are open for responses; an unknown pseudo-member must still not be sent."""
    pseudo = UserOrderBy("email")
    assert pseudo == "email"
    with pytest.raises(InvalidRequestError):
        users_list.build_request(order_by=pseudo)


# -- custom attributes (deepObject) ------------------------------------------------------------


def test_custom_attributes_become_bracketed_pairs() -> None:
    request = users_list.build_request(custom_attributes={"team": "qa", "role": "x y"})
    assert request.params == [("custom_attributes[team]", "qa"), ("custom_attributes[role]", "x y")]


async def test_custom_attributes_final_url() -> None:
    recorder = Recorder()
    async with client(recorder) as gl:
        await gl.users.list(custom_attributes={"team": "qa", "role": "x y"}).first_page()
    url = recorder.requests[0].url
    query = url.query.decode("ascii")
    assert "custom_attributes[team]=qa&custom_attributes[role]=x+y" in unquote(query)
    pairs = parse_qsl(query)
    assert ("custom_attributes[team]", "qa") in pairs
    assert ("custom_attributes[role]", "x y") in pairs


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
        ).filter(lambda key: "[" not in key and "]" not in key),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        max_size=4,
    )
)
def test_custom_attributes_round_trip_through_httpx(mapping: dict[str, str]) -> None:
    request = users_list.build_request(custom_attributes=mapping)
    url = httpx.URL("https://gitlab.example.com/api/v4/users", params=request.params)
    decoded = parse_qsl(url.query.decode("ascii"), keep_blank_values=True)
    assert decoded == [(f"custom_attributes[{key}]", value) for key, value in mapping.items()]


@pytest.mark.parametrize(
    "value", [["team", "qa"], "team=qa", {"team": 1}, {1: "qa"}], ids=["list", "str", "int", "key"]
)
def test_custom_attributes_rejects_non_string_mappings(value: Any) -> None:
    with pytest.raises(InvalidRequestError, match="custom_attributes"):
        users_list.build_request(custom_attributes=value)


# -- wrong types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"active": "true"}, "active"),  # str for a bool
        ({"active": 1}, "active"),  # int for a bool
        ({"page": True}, "page"),  # bool for an int
        ({"per_page": "20"}, "per_page"),  # str for an int
        ({"per_page": 2.0}, "per_page"),  # float for an int
        ({"created_after": 1700000000}, "created_after"),  # int for a datetime
        ({"created_after": "yesterday"}, "created_after"),  # not ISO 8601
        ({"created_after": None}, "created_after"),  # None for a datetime
        ({"search": 5}, "search"),  # int for a str
        ({"username": None}, "username"),  # None is not "unset"
    ],
)
def test_wrong_query_types_raise_invalid_request_error(kwargs: dict[str, Any], name: str) -> None:
    with pytest.raises(InvalidRequestError, match=re.escape(name)):
        users_list.build_request(**kwargs)


@pytest.mark.parametrize(
    "value",
    [datetime.datetime(2024, 1, 1), "2024-01-01T00:00:00Z", "01/02/2024", 20240101],
    ids=["datetime", "datetime-str", "not-iso", "int"],
)
def test_date_param_rejects_non_dates(value: Any) -> None:
    with pytest.raises(InvalidRequestError, match="before"):
        users_list_events.build_request(1, before=value)


async def test_wrong_type_through_client_sends_nothing() -> None:
    recorder = Recorder()
    async with client(recorder) as gl:
        with pytest.raises(InvalidRequestError):
            gl.users.list(active="yes")  # type: ignore[arg-type]
        with pytest.raises(InvalidRequestError):
            await gl.users.get("1")  # type: ignore[arg-type]
    assert recorder.requests == []


# -- path parameters ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "jdoe", True, 1.0, None, b"1"])
def test_int_only_path_rejects_non_ints(value: Any) -> None:
    with pytest.raises(InvalidRequestError, match="id"):
        users_get.build_request(value)


def test_int_only_path_accepts_int() -> None:
    assert users_get.build_request(42).path == "/users/42"
    assert users_keys_get.build_request(3, 9).path == "/users/3/keys/9"


@pytest.mark.parametrize(
    ("build", "template"),
    [
        (users_keys_list.build_request, "/users/{}/keys"),
        (users_get_status.build_request, "/users/{}/status"),
    ],
)
@pytest.mark.parametrize(
    ("value", "segment"),
    [
        (42, "42"),
        ("jdoe", "jdoe"),
        ("123", "123"),
        ("jane doe", "jane%20doe"),
        ("a/b", "a%2Fb"),
        ("x?y#z", "x%3Fy%23z"),
        ("über.name", "%C3%BCber.name"),
    ],
)
def test_id_or_username_path_accepts_both_and_percent_encodes(
    build: Callable[..., Any], template: str, value: int | str, segment: str
) -> None:
    assert build(value).path == template.format(segment)


@pytest.mark.parametrize("value", ["", True, None, 1.5])
def test_id_or_username_path_rejects_empty_and_non_str_int(value: Any) -> None:
    with pytest.raises(InvalidRequestError, match="user_id"):
        users_keys_list.build_request(value)


async def test_username_with_slash_stays_one_path_segment_on_the_wire() -> None:
    recorder = Recorder(body={"emoji": None, "message": None})
    async with client(recorder) as gl:
        await gl.users.get_status("a/b c")
        recorder.body = []
        await gl.users.keys.list("jane doe").first_page()
    assert recorder.requests[0].url.raw_path == b"/api/v4/users/a%2Fb%20c/status"
    assert recorder.requests[1].url.raw_path.startswith(b"/api/v4/users/jane%20doe/keys?")


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        (lambda gl: gl.users.delete_identity(1, ".."), b"/api/v4/users/1/identities/"),
        (
            lambda gl: gl.users.custom_attributes.delete(1, ".."),
            b"/api/v4/users/1/custom_attributes/",
        ),
        (lambda gl: gl.users.get_status(".."), b"/api/v4/users/"),
    ],
    ids=["delete-identity", "delete-custom-attribute", "status"],
)
async def test_dot_segment_path_values_cannot_escape_their_route(
    call: Callable[[AsyncGitLab], Any], prefix: bytes
) -> None:
    recorder = Recorder(status=204, body=None)
    async with client(recorder) as gl:
        try:
            await call(gl)
        except InvalidRequestError:
            assert recorder.requests == []  # rejected before sending: fine
            return
        except Exception:  # noqa: S110 - only the URL that was sent matters here
            pass
    sent = recorder.requests[0].url.raw_path
    assert sent.startswith(prefix) and not sent.endswith((b"/users/1", b"/status")), sent


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20))
def test_any_username_is_exactly_one_encoded_segment(username: str) -> None:
    if username in (".", ".."):  # would be resolved away by the URL parser: refused instead
        with pytest.raises(InvalidRequestError):
            users_get_status.build_request(username)
        return
    path = users_get_status.build_request(username).path
    segment = path.removeprefix("/users/").removesuffix("/status")
    assert "/" not in segment and "?" not in segment and "#" not in segment and " " not in segment
    assert unquote(segment) == username


# -- unset parameters and defaults ------------------------------------------------------


def test_unset_optional_params_are_not_sent() -> None:
    assert users_list.build_request().params == []
    assert users_get.build_request(1).params == []
    assert users_list_events.build_request(1).params == []
    assert params_of(users_list.build_request(search="jo")) == {"search": "jo"}


async def test_unset_params_are_not_sent_through_the_client() -> None:
    recorder = Recorder(
        body={"id": 1, "username": "u", "name": "U", "state": "active", "web_url": "w"}
    )
    async with client(recorder) as gl:
        await gl.users.get(1)
        recorder.body = []
        await gl.users.list(active=True).first_page()
    assert recorder.requests[0].url.query == b""
    names = [name for name, _ in parse_qsl(recorder.requests[1].url.query.decode())]
    assert "active" in names
    # besides what was given, only the paginator's own parameters
    assert set(names) - {"active"} <= {"per_page", "page", "pagination"}
    assert len(names) == len(set(names))


def _resource_classes() -> list[type]:
    import importlib
    import pkgutil

    from gitlab_users_client._generated import api

    classes = []
    for info in pkgutil.iter_modules(api.__path__):
        module = importlib.import_module(f"{api.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseResource)
                and value.__module__ == module.__name__
                and not value.__name__.endswith("WithRawResponse")
            ):
                classes.append(value)
    return classes


def test_every_paginated_resource_method_defaults_per_page_to_100() -> None:
    checked = []
    for cls in _resource_classes():
        for name, method in inspect.getmembers(cls, inspect.isfunction):
            parameters = inspect.signature(method).parameters
            if "per_page" not in parameters:
                continue
            if inspect.iscoroutinefunction(method):
                # Not a listing: `self_associations` pages two lists inside one object, so
                # its page and per_page are plain arguments, sent only when given.
                assert (cls.__name__, name) == ("PersonalAccessTokensResource", "self_associations")
                assert parameters["per_page"].default is NOT_GIVEN
                continue
            assert parameters["per_page"].default == 100, f"{cls.__name__}.{name}"
            checked.append(f"{cls.__name__}.{name}")
    # the 17 paginated routes of the reference, /user/applications and /personal_access_tokens
    assert len(checked) == 19, checked


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda gl: gl.users.list(), "/api/v4/users"),
        (lambda gl: gl.users.list_followers(3), "/api/v4/users/3/followers"),
        (lambda gl: gl.users.list_memberships(3), "/api/v4/users/3/memberships"),
        (lambda gl: gl.users.keys.list("jdoe"), "/api/v4/users/jdoe/keys"),
        (lambda gl: gl.users.impersonation_tokens.list(3), "/api/v4/users/3/impersonation_tokens"),
        (lambda gl: gl.users.list_events("jdoe"), "/api/v4/users/jdoe/events"),
        (lambda gl: gl.user.list_activities(), "/api/v4/user/activities"),
        (lambda gl: gl.user.emails.list(), "/api/v4/user/emails"),
    ],
)
async def test_per_page_defaults_to_100_on_the_wire(
    call: Callable[[AsyncGitLab], Any], path: str
) -> None:
    recorder = Recorder()
    async with client(recorder) as gl:
        await call(gl).first_page()
    url = recorder.requests[0].url
    assert url.path == path
    assert dict(parse_qsl(url.query.decode()))["per_page"] == "100"


async def test_explicit_per_page_is_sent() -> None:
    recorder = Recorder()
    async with client(recorder) as gl:
        await gl.users.list_followers(3, per_page=20).first_page()
    assert dict(parse_qsl(recorder.requests[0].url.query.decode()))["per_page"] == "20"


# -- absurd integers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [10**5000, 2**63, -(2**63) - 1, 10**30],
    ids=["5000-digits", "2^63", "-2^63-1", "10^30"],
)
async def test_integers_outside_64_bits_are_refused_before_any_request(value: int) -> None:
    recorder = Recorder()
    async with client(recorder) as gl:
        with pytest.raises(InvalidRequestError, match="64-bit") as info:
            await gl.users.get(value)
        assert len(str(info.value)) < 200
        with pytest.raises(InvalidRequestError, match="64-bit"):
            await gl.users.get_status(value)  # an ID-or-username path segment
        with pytest.raises(InvalidRequestError, match="64-bit"):
            gl.users.list(page=value)  # a query integer
        with pytest.raises(InvalidRequestError, match="64-bit"):
            gl.users.list_projects(value)
    assert recorder.requests == []


def test_the_largest_64_bit_ids_still_pass() -> None:
    assert users_get.build_request(2**63 - 1).path == f"/users/{2**63 - 1}"


def test_a_huge_int_for_a_string_parameter_is_described_without_formatting_it() -> None:
    with pytest.raises(InvalidRequestError, match="outside the 64-bit range"):
        users_list.build_request(search=10**5000)  # type: ignore[arg-type]


# -- dates where GitLab takes a day -------------------------------------------------------------


def test_activities_from_accepts_a_date_and_a_datetime() -> None:
    day = user_list_activities.build_request(from_=datetime.date(2024, 3, 1))
    assert params_of(day)["from"] == "2024-03-01T00:00:00Z"
    moment = user_list_activities.build_request(
        from_=datetime.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    )
    assert params_of(moment)["from"] == "2024-03-01T12:30:00Z"
    assert params_of(user_list_activities.build_request(from_="2024-03-01"))["from"] == (
        "2024-03-01T00:00:00Z"
    )
    with pytest.raises(InvalidRequestError, match="from"):
        user_list_activities.build_request(from_="2024-13-01")


# -- If-Unmodified-Since ------------------------------------------------------------------------


async def test_deletes_take_if_unmodified_since_as_an_http_date() -> None:
    recorder = Recorder(status=204)
    moment = datetime.datetime(2024, 3, 1, 12, 30, 5, tzinfo=ZoneInfo("Europe/Paris"))
    async with client(recorder) as gl:
        await gl.users.delete(1, if_unmodified_since=moment)
        await gl.user.keys.delete(2, if_unmodified_since=datetime.datetime(2024, 3, 1, 11, 30, 5))
        with pytest.raises(InvalidRequestError, match="If-Unmodified-Since"):
            await gl.users.delete(1, if_unmodified_since="yesterday")
    sent = [request.headers["If-Unmodified-Since"] for request in recorder.requests]
    assert sent == ["Fri, 01 Mar 2024 11:30:05 GMT"] * 2


def test_every_delete_that_honours_if_unmodified_since_offers_it() -> None:
    import gitlab_users_client._generated.api as api

    resources = Path(api.__file__).parent.glob("*/__init__.py")
    text = "".join(path.read_text(encoding="utf-8") for path in resources)
    # One keyword per DELETE route whose document mentions the header (nine of them).
    assert (
        text.count(
            "if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN"
        )
        == 9
    )
