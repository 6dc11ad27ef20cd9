"""``extra_headers=``, ``extra_query=`` and ``extra_body=``: on every operation, on the wire
as the operation's own values would be, and refused before any request where they would
frame the request, carry credentials or shadow a parameter the operation has."""

from __future__ import annotations

import datetime
import importlib
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import parse_qsl

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, InvalidRequestError, NotFoundError, Secret
from gitlab_users_client._contract.resource import BaseResource
from gitlab_users_client._generated.api.users import users_list

BASE = "https://gitlab.example.com"
USER = {
    "id": 1,
    "username": "alice",
    "name": "Alice",
    "state": "active",
    "web_url": f"{BASE}/alice",
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if request.method == "DELETE" or path.endswith("/block"):
            return (
                httpx.Response(204)
                if request.method == "DELETE"
                else httpx.Response(201, json=True)
            )
        if path.endswith("/users"):
            return httpx.Response(200, json=[USER])
        if path.endswith("/avatar"):
            return httpx.Response(200, json={"avatar_url": f"{BASE}/a.png"})
        if path.endswith("/keys"):
            return httpx.Response(201, json={"id": 1, "title": "t", "key": "ssh-ed25519 AAAA"})
        return httpx.Response(200, json=USER)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def gl(recorder: Recorder) -> Any:
    async with AsyncGitLab(
        BASE, token="glpat-x", transport=httpx.MockTransport(recorder)
    ) as client:
        yield client


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return parse_qsl(request.url.query.decode(), keep_blank_values=True)


# -- every operation has them -------------------------------------------------------------


def operations() -> Iterator[tuple[str, Any]]:
    """Every operation method of every generated resource, by dotted name."""
    gl = AsyncGitLab(BASE)
    pending: list[tuple[str, BaseResource]] = [("users", gl.users), ("user", gl.user)]
    while pending:
        prefix, resource = pending.pop()
        for name, member in inspect.getmembers(type(resource)):
            if name.startswith("_") or name == "with_raw_response":
                continue
            if inspect.isfunction(member):
                yield f"{prefix}.{name}", getattr(resource, name)
            elif isinstance(
                getattr(type(resource), name, None),
                property | type(cast(Any, type(resource)).with_raw_response),
            ):
                child = getattr(resource, name)
                if isinstance(child, BaseResource):
                    pending.append((f"{prefix}.{name}", child))


OPERATIONS = sorted(operations(), key=lambda item: item[0])
HAND_WRITTEN = {"users.get_many", "users.scan"}


def test_the_walk_finds_every_operation() -> None:
    names = {name for name, _ in OPERATIONS}
    assert {"users.list", "users.keys.create", "user.avatar.upload", "user.emails.delete"} <= {
        name.replace("upload_avatar", "avatar.upload") for name in names
    } | names
    assert len(names - HAND_WRITTEN) >= 77


GENERATED = [(name, method) for name, method in OPERATIONS if name not in HAND_WRITTEN]


@pytest.mark.parametrize(("name", "method"), GENERATED, ids=[name for name, _ in GENERATED])
def test_every_operation_takes_extra_headers_query_and_body(name: str, method: Any) -> None:
    parameters = inspect.signature(method).parameters
    for keyword in ("extra_headers", "extra_query"):
        assert parameters[keyword].default is None
        assert parameters[keyword].kind is inspect.Parameter.KEYWORD_ONLY
    # The endpoint module the method builds its request with says the HTTP method.
    module_name = re.search(r"from \. import (\w+) as", inspect.getsource(method))
    assert module_name is not None
    module = importlib.import_module(f"{method.__func__.__module__}.{module_name[1]}")
    # A body wherever the method can carry one (POST, PUT, PATCH, DELETE); never on a GET.
    assert ("extra_body" in parameters) == (module.METHOD in {"POST", "PUT", "PATCH", "DELETE"})
    build = inspect.signature(module.build_request).parameters
    extras = {"extra_headers", "extra_query", "extra_body"}
    assert extras & set(parameters) == extras & set(build)


# -- on the wire ------------------------------------------------------------------------------


async def test_extra_headers_and_query_reach_the_wire(gl: Any, recorder: Recorder) -> None:
    await gl.users.get(
        1,
        extra_headers={"X-Trace": "abc", "Accept-Language": "de"},
        extra_query={
            "flag": True,
            "off": False,
            "limit": 5,
            "ratio": 0.5,
            "since": datetime.datetime(
                2024, 1, 2, 4, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
            ),
            "day": datetime.date(2024, 1, 2),
            "ids[]": [1, 2],
            "name": "a b&c",
        },
    )
    sent = recorder.last
    assert sent.headers["X-Trace"] == "abc"
    assert sent.headers["Accept-Language"] == "de"
    assert sent.headers["Authorization"] == "Bearer glpat-x"
    assert query(sent) == [
        ("flag", "true"),
        ("off", "false"),
        ("limit", "5"),
        ("ratio", "0.5"),
        ("since", "2024-01-02T03:04:05Z"),
        ("day", "2024-01-02"),
        ("ids[]", "1"),
        ("ids[]", "2"),
        ("name", "a b&c"),
    ]


async def test_extra_headers_override_the_clients_own_for_one_call(
    gl: Any, recorder: Recorder
) -> None:
    copy = gl.with_options(headers={"X-Team": "platform"})
    await copy.users.get(1, extra_headers={"x-team": "billing"})
    await copy.users.get(1)
    assert recorder.requests[0].headers.get_list("X-Team") == ["billing"]
    assert recorder.requests[1].headers.get_list("X-Team") == ["platform"]


async def test_extra_body_is_merged_into_the_json_body(gl: Any, recorder: Recorder) -> None:
    await gl.users.keys.create(
        7,
        key="ssh-ed25519 AAAA",
        title="laptop",
        extra_body={
            "note": {"nested": [1, "two", None]},
            "rotate_at": datetime.datetime(2030, 1, 1, 12, 0),
            "on": datetime.date(2030, 1, 1),
        },
    )
    body = json.loads(recorder.last.content)
    assert body == {
        "key": "ssh-ed25519 AAAA",
        "title": "laptop",
        "note": {"nested": [1, "two", None]},
        "rotate_at": "2030-01-01T12:00:00Z",
        "on": "2030-01-01",
    }
    assert recorder.last.headers["Content-Type"] == "application/json"


async def test_extra_body_on_an_operation_without_a_declared_body(
    gl: Any, recorder: Recorder
) -> None:
    await gl.users.delete(3, extra_body={"reason": "left the company"})
    sent = recorder.last
    assert sent.method == "DELETE"
    assert json.loads(sent.content) == {"reason": "left the company"}
    assert sent.headers["Content-Type"] == "application/json"


async def test_extra_body_adds_form_fields_to_an_upload(gl: Any, recorder: Recorder) -> None:
    await gl.user.upload_avatar(avatar=PNG, extra_body={"crop": True, "size": 64})
    sent = recorder.last
    content_type = sent.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = sent.content
    assert b'name="crop"\r\n\r\ntrue' in body
    assert b'name="size"\r\n\r\n64' in body
    assert b'name="avatar"; filename="upload.png"' in body


async def test_extras_are_kept_on_every_page(recorder: Recorder) -> None:
    pages = {
        None: (
            [USER],
            '<{base}/api/v4/users?pagination=keyset&per_page=1&order_by=id&sort=asc&flag=true&cursor=c2>; rel="next"',
        ),
        "c2": ([{**USER, "id": 2}], None),
    }

    def respond(request: httpx.Request) -> httpx.Response:
        recorder.requests.append(request)
        items, link = pages[dict(query(request)).get("cursor")]
        headers = {"Link": link.format(base=BASE)} if link else {}
        return httpx.Response(200, json=items, headers=headers)

    async with AsyncGitLab(BASE, token="t", transport=httpx.MockTransport(respond)) as gl:
        users = await gl.users.list(
            order_by="id",
            sort="asc",
            per_page=1,
            extra_query={"flag": True},
            extra_headers={"X-Job": "sync"},
        ).to_list()
    assert [user.id for user in users] == [1, 2]
    assert [dict(query(r)).get("flag") for r in recorder.requests] == ["true", "true"]
    assert [r.headers["X-Job"] for r in recorder.requests] == ["sync", "sync"]


async def test_raw_responses_take_the_same_extras(gl: Any, recorder: Recorder) -> None:
    response = await gl.users.with_raw_response.get(1, extra_query={"flag": True})
    assert response.status_code == 200
    assert query(recorder.last) == [("flag", "true")]
    page = await gl.users.with_raw_response.list(extra_headers={"X-A": "1"})
    assert page.status_code == 200
    assert recorder.last.headers["X-A"] == "1"


# -- refused before any request ---------------------------------------------------------------


REFUSED: list[tuple[str, dict[str, Any], str]] = [
    ("framing-header", {"extra_headers": {"Content-Length": "0"}}, "frames each request"),
    ("host-header", {"extra_headers": {"host": "evil.example"}}, "frames each request"),
    ("te-header", {"extra_headers": {"Transfer-Encoding": "chunked"}}, "frames each request"),
    ("authorization-header", {"extra_headers": {"Authorization": "Bearer glpat-other"}}, "token="),
    ("private-token-header", {"extra_headers": {"PRIVATE-TOKEN": "glpat-other"}}, "token="),
    ("job-token-header", {"extra_headers": {"Job-Token": "glcbt-other"}}, "job_token="),
    ("sudo-header", {"extra_headers": {"Sudo": "root"}}, "sudo="),
    ("header-injection", {"extra_headers": {"X-A": "1\r\nSudo: root"}}, "line breaks"),
    ("header-not-str", {"extra_headers": {"X-A": 1}}, "invalid value"),
    ("headers-not-mapping", {"extra_headers": [("X-A", "1")]}, "mapping"),
    ("own-query-param", {"extra_query": {"with_custom_attributes": "true"}}, "keyword argument"),
    ("private-token-query", {"extra_query": {"private_token": "glpat-other"}}, "credentials"),
    ("sudo-query", {"extra_query": {"SUDO": "root"}}, "sudo="),
    ("access-token-query", {"extra_query": {"access_token": "x"}}, "credentials"),
    ("query-none", {"extra_query": {"flag": None}}, "leave the key out"),
    ("query-object", {"extra_query": {"flag": object()}}, "must be a str"),
    ("query-nan", {"extra_query": {"ratio": float("nan")}}, "finite"),
    ("query-huge-int", {"extra_query": {"n": 2**64}}, "64-bit"),
    ("query-empty-key", {"extra_query": {"": "x"}}, "non-empty"),
    ("query-not-mapping", {"extra_query": "a=b"}, "mapping"),
]


@pytest.mark.parametrize(
    ("kwargs", "needle"), [(k, n) for _, k, n in REFUSED], ids=[i for i, _, _ in REFUSED]
)
async def test_bad_extras_are_refused_before_any_request(
    gl: Any, recorder: Recorder, kwargs: dict[str, Any], needle: str
) -> None:
    with pytest.raises(InvalidRequestError, match=needle) as caught:
        await gl.users.get(1, **kwargs)
    assert recorder.requests == []
    assert "glpat-other" not in str(caught.value)


BODY_REFUSED: list[tuple[str, Any, dict[str, Any], str]] = [
    (
        "own-body-field",
        lambda gl, kw: gl.users.keys.create(1, key="k", title="t", **kw),
        {"extra_body": {"title": "x"}},
        "keyword argument",
    ),
    (
        "own-path-param",
        lambda gl, kw: gl.users.keys.create(1, key="k", title="t", **kw),
        {"extra_body": {"user_id": 2}},
        "keyword argument",
    ),
    (
        "body-token",
        lambda gl, kw: gl.users.keys.create(1, key="k", title="t", **kw),
        {"extra_body": {"private_token": "glpat-other"}},
        "credentials",
    ),
    (
        "body-not-json",
        lambda gl, kw: gl.users.keys.create(1, key="k", title="t", **kw),
        {"extra_body": {"x": object()}},
        "cannot be sent as JSON",
    ),
    (
        "body-nan",
        lambda gl, kw: gl.users.keys.create(1, key="k", title="t", **kw),
        {"extra_body": {"x": float("inf")}},
        "cannot be sent as JSON",
    ),
    (
        "upload-nested",
        lambda gl, kw: gl.user.upload_avatar(avatar=PNG, **kw),
        {"extra_body": {"x": [1, 2]}},
        "single values",
    ),
    (
        "own-header-param",
        lambda gl, kw: gl.users.delete(1, **kw),
        {"extra_headers": {"if-unmodified-since": "x"}},
        "keyword argument",
    ),
    (
        "list-own-param",
        lambda gl, kw: gl.users.list(**kw),
        {"extra_query": {"per_page": 5}},
        "keyword argument",
    ),
    (
        "list-cursor",
        lambda gl, kw: gl.users.list(**kw),
        {"extra_query": {"cursor": "abc"}},
        "keyword argument",
    ),
    (
        "list-deep-object",
        lambda gl, kw: gl.users.list(**kw),
        {"extra_query": {"custom_attributes[team]": "qa"}},
        "keyword argument",
    ),
]


@pytest.mark.parametrize(
    ("call", "kwargs", "needle"),
    [(c, k, n) for _, c, k, n in BODY_REFUSED],
    ids=[i for i, _, _, _ in BODY_REFUSED],
)
async def test_extras_cannot_shadow_the_operation_or_carry_credentials(
    gl: Any, recorder: Recorder, call: Any, kwargs: dict[str, Any], needle: str
) -> None:
    async def run() -> None:
        result = call(gl, kwargs)
        await (result if inspect.isawaitable(result) else result.to_list())

    with pytest.raises(InvalidRequestError, match=needle):
        await run()
    assert recorder.requests == []


async def test_a_credential_header_is_sent_only_as_an_explicit_secret(recorder: Recorder) -> None:
    """A proxy in front of GitLab may want its own ``Authorization`` while GitLab's token
    goes as ``PRIVATE-TOKEN``: allowed as a :class:`Secret`, redacted from errors."""
    transport = httpx.MockTransport(
        lambda request: (recorder(request), httpx.Response(404, json={"message": "404"}))[1]
    )
    async with AsyncGitLab(
        BASE, token="glpat-x", token_header="private-token", transport=transport
    ) as gl:
        with pytest.raises(NotFoundError) as caught:
            await gl.users.get(1, extra_headers={"Authorization": Secret("Basic cHJveHk6cHc=")})
        with pytest.raises(InvalidRequestError, match="client sends its own credentials"):
            await gl.users.get(1, extra_headers={"private-token": Secret("glpat-other")})
        with pytest.raises(InvalidRequestError, match="is for credential headers"):
            await gl.users.get(1, extra_headers={"X-Api-Key": Secret("k")})
    sent = recorder.requests[0]
    assert sent.headers["Authorization"] == "Basic cHJveHk6cHc="
    assert sent.headers["PRIVATE-TOKEN"] == "glpat-x"
    assert len(recorder.requests) == 1
    shown = str(caught.value) + repr(caught.value.response.request.headers)
    assert "cHJveHk6cHc" not in shown


def test_build_request_applies_the_same_rules() -> None:
    request = users_list.build_request(
        active=True, extra_query={"new_filter": "x"}, extra_headers={"X-A": "1"}
    )
    assert request.params[-1] == ("new_filter", "x")
    assert request.headers == {"X-A": "1"}
    with pytest.raises(InvalidRequestError, match="keyword argument"):
        users_list.build_request(extra_query={"active": "true"})
    assert "extra_body" not in inspect.signature(users_list.build_request).parameters
