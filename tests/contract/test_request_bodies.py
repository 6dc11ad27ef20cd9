"""Request bodies as they leave ``AsyncGitLab`` (recorded by an httpx.MockTransport)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, cast

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, File, InvalidRequestError
from gitlab_users_client.models import GranularScopeInput

GRANULAR = GranularScopeInput(access="personal_projects", permissions=["read_code"])
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))

USER = {
    "id": 1,
    "username": "jdoe",
    "name": "John Doe",
    "state": "active",
    "web_url": "https://gitlab.example.com/jdoe",
    "email": "john@doe.com",
    "is_admin": False,
}
TOKEN = {
    "id": 2,
    "name": "t",
    "revoked": False,
    "scopes": ["api"],
    "active": True,
    "impersonation": True,
    "token": "glpat-secret",
}
RESPONSES: list[tuple[str, str, int, Any]] = [
    # (method, path regex, status, body)
    ("POST", r"/users", 201, USER),
    ("PUT", r"/users/\d+", 200, USER),
    ("PUT", r"/user/avatar", 200, {"avatar_url": "https://gitlab.example.com/a.png"}),
    ("POST", r"/users/\d+/impersonation_tokens", 201, TOKEN),
    ("POST", r"/users/\d+/personal_access_tokens", 201, TOKEN),
    ("POST", r"/user/personal_access_tokens", 201, TOKEN),
    ("POST", r"/user/runners", 201, {"id": 9, "token": "glrt-x", "token_expires_at": None}),
    ("PUT", r"/user/preferences", 200, {"id": 1, "user_id": 1}),
    ("PUT", r"/user/status", 200, {"emoji": "coffee"}),
    ("PATCH", r"/user/status", 200, {"emoji": "coffee"}),
    ("POST", r"/user/keys", 201, {"id": 1, "title": "t", "key": "ssh-ed25519 AAAA"}),
    ("PUT", r"/users/\d+/custom_attributes/[^/]+", 200, {"key": "k", "value": "v"}),
]


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/api/v4")
        for method, pattern, status, body in RESPONSES:
            if request.method == method and re.fullmatch(pattern, path):
                return httpx.Response(status, json=body)
        return httpx.Response(404, json={"message": "404 Not Found"})

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def gl(recorder: Recorder) -> Any:
    async with AsyncGitLab(
        "https://gitlab.example.com", token="glpat-x", transport=httpx.MockTransport(recorder)
    ) as client:
        yield client


def json_body(request: httpx.Request) -> Any:
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def multipart(request: httpx.Request) -> tuple[str, list[EmailMessage]]:
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1]
    document = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
    message = BytesParser(policy=HTTP).parsebytes(document)
    assert message.is_multipart()
    # The HTTP policy makes every part an EmailMessage (typeshed says Message).
    return boundary, [cast(EmailMessage, part) for part in message.iter_parts()]


def form_fields(parts: list[EmailMessage]) -> dict[str, str]:
    return {
        str(part.get_param("name", header="content-disposition")): part.get_content()
        for part in parts
        if part.get_filename() is None
    }


def file_parts(parts: list[EmailMessage]) -> dict[str, EmailMessage]:
    return {
        str(part.get_param("name", header="content-disposition")): part
        for part in parts
        if part.get_filename() is not None
    }


# -- partial updates and JSON ------------------------------------------------------------


async def test_partial_update_sends_exactly_the_given_fields(gl: Any, recorder: Recorder) -> None:
    await gl.users.update(1, bio="hi", note=None)
    request = recorder.last
    assert request.method == "PUT"
    assert request.url.path == "/api/v4/users/1"
    assert request.content == b'{"bio":"hi","note":null}'
    assert json_body(request) == {"bio": "hi", "note": None}


async def test_update_with_one_field_sends_one_field(gl: Any, recorder: Recorder) -> None:
    await gl.users.update(7, projects_limit=0)
    assert json_body(recorder.last) == {"projects_limit": 0}
    await gl.users.update(7, private_profile=False, external=False)
    assert json_body(recorder.last) == {"private_profile": False, "external": False}


async def test_create_sends_json(gl: Any, recorder: Recorder) -> None:
    user = await gl.users.create(
        email="john@doe.com",
        name="John Doe",
        username="jdoe",
        password="s3cur3s3cr3T",
        skip_confirmation=True,
        projects_limit=10,
    )
    assert user.username == "jdoe"
    request = recorder.last
    assert request.method == "POST"
    assert request.url.path == "/api/v4/users"
    assert request.headers["content-type"] == "application/json"
    assert json_body(request) == {
        "email": "john@doe.com",
        "name": "John Doe",
        "username": "jdoe",
        "password": "s3cur3s3cr3T",
        "skip_confirmation": True,
        "projects_limit": 10,
    }


async def test_create_with_reset_password_only(gl: Any, recorder: Recorder) -> None:
    await gl.users.create(email="a@b.c", name="A", username="a", reset_password=True)
    assert json_body(recorder.last) == {
        "email": "a@b.c",
        "name": "A",
        "username": "a",
        "reset_password": True,
    }


# -- multipart ------------------------------------------------------------------------------


async def test_create_with_avatar_sends_multipart(gl: Any, recorder: Recorder) -> None:
    await gl.users.create(
        email="john@doe.com",
        name="John Doe",
        username="jdoe",
        password="pw-123456",
        admin=False,
        projects_limit=5,
        avatar=PNG,
    )
    request = recorder.last
    boundary, parts = multipart(request)
    assert boundary != "+++"
    assert len(boundary) >= 16
    assert form_fields(parts) == {
        "email": "john@doe.com",
        "name": "John Doe",
        "username": "jdoe",
        "password": "pw-123456",
        "admin": "false",
        "projects_limit": "5",
    }
    files = file_parts(parts)
    assert set(files) == {"avatar"}
    assert files["avatar"].get_payload(decode=True) == PNG
    assert PNG in request.content


async def test_multipart_boundary_is_random(gl: Any, recorder: Recorder) -> None:
    for _ in range(2):
        await gl.user.upload_avatar(avatar=PNG)
    first, second = (multipart(r)[0] for r in recorder.requests)
    assert first != second
    assert "+++" not in (first, second)


async def test_upload_avatar_sends_the_file(gl: Any, recorder: Recorder) -> None:
    avatar = await gl.user.upload_avatar(
        avatar=File(payload=PNG, file_name="me.png", mime_type="image/png")
    )
    assert avatar.avatar_url.endswith("/a.png")
    request = recorder.last
    assert request.method == "PUT"
    assert request.url.path == "/api/v4/user/avatar"
    _, parts = multipart(request)
    assert form_fields(parts) == {}
    part = file_parts(parts)["avatar"]
    assert part.get_filename() == "me.png"
    assert part.get_content_type() == "image/png"
    assert part.get_payload(decode=True) == PNG


async def test_upload_avatar_accepts_a_binary_file(
    gl: Any, recorder: Recorder, tmp_path: Any
) -> None:
    path = tmp_path / "face.png"
    path.write_bytes(PNG)
    with path.open("rb") as handle:
        await gl.user.upload_avatar(avatar=handle)
    part = file_parts(multipart(recorder.last)[1])["avatar"]
    assert part.get_filename() == "face.png"
    assert part.get_payload(decode=True) == PNG


async def test_update_with_avatar_sends_multipart(gl: Any, recorder: Recorder) -> None:
    await gl.users.update(3, bio="new bio", avatar=PNG)
    request = recorder.last
    assert request.url.path == "/api/v4/users/3"
    _, parts = multipart(request)
    assert form_fields(parts) == {"bio": "new bio"}
    assert file_parts(parts)["avatar"].get_payload(decode=True) == PNG


# -- arrays ----------------------------------------------------------------------------------


async def test_impersonation_token_scopes_are_a_json_array(gl: Any, recorder: Recorder) -> None:
    token = await gl.users.impersonation_tokens.create(
        42, name="mytoken", scopes=["api", "read_user"], expires_at=datetime.date(2030, 4, 4)
    )
    assert token.token == "glpat-secret"
    request = recorder.last
    assert request.url.path == "/api/v4/users/42/impersonation_tokens"
    assert json_body(request) == {
        "name": "mytoken",
        "scopes": ["api", "read_user"],
        "expires_at": "2030-04-04",
    }


async def test_granular_scopes_are_a_json_array_of_objects(gl: Any, recorder: Recorder) -> None:
    await gl.user.personal_access_tokens.create(
        name="g",
        granular_scopes=[
            GranularScopeInput(access="personal_projects", permissions=["read_code"]),
            GranularScopeInput(
                access="selected_memberships", permissions=["read_issue"], project_ids=[4]
            ),
        ],
    )
    body = json_body(recorder.last)
    assert body["name"] == "g"
    assert body["granular_scopes"][0] == {
        "access": "personal_projects",
        "permissions": ["read_code"],
    }
    assert body["granular_scopes"][1]["project_ids"] == [4]
    assert "scopes" not in body


async def test_runner_tag_list_is_a_json_array(gl: Any, recorder: Recorder) -> None:
    runner = await gl.user.runners.create(
        runner_type="group_type", group_id=3, tag_list=["docker", "linux"], run_untagged=False
    )
    assert runner.id == 9
    assert json_body(recorder.last) == {
        "runner_type": "group_type",
        "group_id": 3,
        "tag_list": ["docker", "linux"],
        "run_untagged": False,
    }


async def test_admin_pat_create_sends_scopes_array(gl: Any, recorder: Recorder) -> None:
    await gl.users.personal_access_tokens.create(7, name="n", scopes=["read_api"])
    assert json_body(recorder.last) == {"name": "n", "scopes": ["read_api"]}


async def test_datetimes_in_json_bodies_are_iso_utc(gl: Any, recorder: Recorder) -> None:
    await gl.user.runners.create(
        runner_type="instance_type",
        token_expires_at=datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
    )
    assert json_body(recorder.last)["token_expires_at"] == "2030-01-02T03:04:05Z"


# -- rule violations: raise, and send nothing ------------------------------------------------

Call = Callable[[Any], Awaitable[Any]]

RULE_VIOLATIONS: list[tuple[str, Call, str]] = [
    (
        "create-extern_uid-without-provider",
        lambda gl: gl.users.create(
            email="a@b.c", name="A", username="a", password="pw-123456", extern_uid="123"
        ),
        "provider",
    ),
    (
        "update-provider-without-extern_uid",
        lambda gl: gl.users.update(1, provider="github"),
        "extern_uid",
    ),
    (
        "create-multipart-extern_uid-without-provider",
        lambda gl: gl.users.update(1, extern_uid="123", avatar=PNG),
        "provider",
    ),
    (
        "create-without-any-password-option",
        lambda gl: gl.users.create(email="a@b.c", name="A", username="a"),
        "password",
    ),
    (
        "create-multipart-without-any-password-option",
        lambda gl: gl.users.create(email="a@b.c", name="A", username="a", avatar=PNG),
        "password",
    ),
    (
        "impersonation-token-scopes-and-granular",
        lambda gl: gl.users.impersonation_tokens.create(
            1,
            name="t",
            scopes=["api"],
            granular_scopes=[GRANULAR],
        ),
        "granular_scopes",
    ),
    (
        "own-pat-scopes-and-granular",
        lambda gl: gl.user.personal_access_tokens.create(
            name="t",
            scopes=["k8s_proxy"],
            granular_scopes=[GRANULAR],
        ),
        "granular_scopes",
    ),
    (
        "own-pat-neither-scopes-nor-granular",
        lambda gl: gl.user.personal_access_tokens.create(name="t"),
        "scopes",
    ),
    (
        "runner-group-type-without-group_id",
        lambda gl: gl.user.runners.create(runner_type="group_type"),
        "group_id",
    ),
    (
        "runner-project-type-without-project_id",
        lambda gl: gl.user.runners.create(runner_type="project_type", group_id=2),
        "project_id",
    ),
    (
        "preferences-with-nothing",
        lambda gl: gl.user.preferences.update(),
        "at least one of",
    ),
    (
        "create-missing-required-email",
        lambda gl: gl.users.create(email=None, name="A", username="a", password="pw"),
        "email",
    ),
]


@pytest.mark.parametrize(
    ("call", "needle"),
    [(call, needle) for _, call, needle in RULE_VIOLATIONS],
    ids=[name for name, _, _ in RULE_VIOLATIONS],
)
async def test_rule_violations_raise_and_send_nothing(
    gl: Any, recorder: Recorder, call: Call, needle: str
) -> None:
    with pytest.raises(InvalidRequestError, match=re.escape(needle)):
        await call(gl)
    assert recorder.requests == []


WRONG_TYPES: list[tuple[str, Call, str]] = [
    (
        "projects_limit-word",
        lambda gl: gl.users.update(1, projects_limit="many"),
        "projects_limit",
    ),
    (
        "create-projects_limit-word",
        lambda gl: gl.users.create(
            email="a@b.c", name="A", username="a", password="pw", projects_limit="ten"
        ),
        "projects_limit",
    ),
    ("bio-int", lambda gl: gl.users.update(1, bio=5), "bio"),
    ("admin-word", lambda gl: gl.users.update(1, admin="maybe"), "admin"),
    ("name-int", lambda gl: gl.users.impersonation_tokens.create(1, name=5), "name"),
    (
        "scopes-str-not-list",
        lambda gl: gl.users.impersonation_tokens.create(1, name="t", scopes="api"),
        "scopes",
    ),
    ("path-id-str", lambda gl: gl.users.update("1", bio="x"), "id"),
    ("avatar-str", lambda gl: gl.user.upload_avatar(avatar="face.png"), "bytes"),
    (
        "group_id-word",
        lambda gl: gl.user.runners.create(runner_type="group_type", group_id="three"),
        "group_id",
    ),
]


@pytest.mark.parametrize(
    ("call", "needle"),
    [(call, needle) for _, call, needle in WRONG_TYPES],
    ids=[name for name, _, _ in WRONG_TYPES],
)
async def test_wrong_field_types_raise_and_send_nothing(
    gl: Any, recorder: Recorder, call: Call, needle: str
) -> None:
    with pytest.raises(InvalidRequestError, match=re.escape(needle)):
        await call(gl)
    assert recorder.requests == []


LAX_COERCIONS: list[tuple[str, Call]] = [
    ("projects_limit-numeric-str", lambda gl: gl.users.update(1, projects_limit="5")),
    ("projects_limit-bool", lambda gl: gl.users.update(1, projects_limit=True)),
    ("admin-str-true", lambda gl: gl.users.update(1, admin="true")),
    ("admin-int", lambda gl: gl.users.update(1, admin=1)),
    (
        "expires_at-not-a-day",
        lambda gl: gl.users.impersonation_tokens.create(1, name="t", expires_at="next year"),
    ),
]


@pytest.mark.parametrize("call", [c for _, c in LAX_COERCIONS], ids=[n for n, _ in LAX_COERCIONS])
async def test_wrong_field_types_are_not_coerced(gl: Any, recorder: Recorder, call: Call) -> None:
    with pytest.raises(InvalidRequestError):
        await call(gl)
    assert recorder.requests == []


UNKNOWN_ENUM_VALUES: list[tuple[str, Call]] = [
    ("runner_type", lambda gl: gl.user.runners.create(runner_type="foo_type")),
    (
        "runner-access_level",
        lambda gl: gl.user.runners.create(runner_type="instance_type", access_level="everyone"),
    ),
    ("own-pat-scopes", lambda gl: gl.user.personal_access_tokens.create(name="t", scopes=["api"])),
    (
        "ssh-usage_type",
        lambda gl: gl.user.keys.create(key="ssh-ed25519 AAAA", title="t", usage_type="bogus"),
    ),
    ("clear_status_after", lambda gl: gl.user.status.set(clear_status_after="2_hours")),
]


@pytest.mark.parametrize(
    "call", [c for _, c in UNKNOWN_ENUM_VALUES], ids=[n for n, _ in UNKNOWN_ENUM_VALUES]
)
async def test_unknown_enum_values_in_bodies_raise(gl: Any, recorder: Recorder, call: Call) -> None:
    with pytest.raises(InvalidRequestError):
        await call(gl)
    assert recorder.requests == []


async def test_known_enum_values_in_bodies_are_sent(gl: Any, recorder: Recorder) -> None:
    await gl.user.runners.create(runner_type="instance_type", access_level="ref_protected")
    assert json_body(recorder.last) == {
        "runner_type": "instance_type",
        "access_level": "ref_protected",
    }
    await gl.user.status.set(emoji="coffee", clear_status_after="30_minutes")
    assert recorder.last.method == "PUT"
    assert json_body(recorder.last) == {"emoji": "coffee", "clear_status_after": "30_minutes"}


async def test_patch_status_keeps_explicit_null(gl: Any, recorder: Recorder) -> None:
    await gl.user.status.update(message=None)
    assert recorder.last.method == "PATCH"
    assert json_body(recorder.last) == {"message": None}


async def test_custom_attribute_set_sends_value(gl: Any, recorder: Recorder) -> None:
    await gl.users.custom_attributes.set(1, "team", value="qa")
    assert recorder.last.url.path == "/api/v4/users/1/custom_attributes/team"
    assert json_body(recorder.last) == {"value": "qa"}


async def test_integers_outside_64_bits_in_a_body_are_refused(gl: Any, recorder: Recorder) -> None:
    for value in (10**5000, 2**63):
        with pytest.raises(InvalidRequestError, match="projects_limit is outside the 64-bit"):
            await gl.users.update(7, projects_limit=value)
    with pytest.raises(InvalidRequestError, match="64-bit"):
        await gl.user.runners.create(runner_type="project_type", project_id=10**5000)
    await gl.users.update(7, projects_limit=2**63 - 1)
    assert json_body(recorder.last) == {"projects_limit": 2**63 - 1}
    assert len(recorder.requests) == 1  # only the last call was sent
