"""Fuzz the response side: whatever a server (or a proxy in front of it) sends back, a call
yields a model or raises one of the SDK's typed errors, never anything else.

Bodies come from the OpenAPI schemas themselves (hypothesis-jsonschema) and from a zoo of
garbage: HTML error pages, truncated JSON, wrong content types, random JSON and bytes.
"""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitlab_users_client import AsyncGitLab, GitLabError

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "gitlab-users.yaml"
Call = Callable[[AsyncGitLab], Awaitable[Any]]

# (operation id, how to call it through the SDK, documented success status)
OPERATIONS: list[tuple[str, Call, int]] = [
    ("users_get", lambda gl: gl.users.get(1), 200),
    ("users_list", lambda gl: gl.users.list(pagination="offset", max_pages=1).to_list(), 200),
    ("user_get", lambda gl: gl.user.get(), 200),
    (
        "users_create",
        lambda gl: gl.users.create(email="a@b.c", name="A", username="a", password="p4ssw0rd!!"),
        201,
    ),
    ("users_keys_list", lambda gl: gl.users.keys.list("root", max_pages=1).to_list(), 200),
    ("users_block", lambda gl: gl.users.block(2), 201),
    ("users_approve", lambda gl: gl.users.approve(2), 201),
    ("user_status_update", lambda gl: gl.user.status.update(emoji="x"), 200),
    (
        "users_impersonation_tokens_create",
        lambda gl: gl.users.impersonation_tokens.create(2, name="t"),
        201,
    ),
    ("users_list_memberships", lambda gl: gl.users.list_memberships(2, max_pages=1).to_list(), 200),
    ("user_runners_create", lambda gl: gl.user.runners.create(runner_type="instance_type"), 201),
]


def from_schema(schema: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Instances of an OpenAPI 3.1 schema, for the JSON Schema subset the document uses
    ($ref, allOf, anyOf, enum, type lists, properties/required, items, date formats).
    Objects get random extra keys too: GitLab adds fields over time."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: from_schema(defs[name], defs))
    if "allOf" in schema:
        parts = [from_schema(part, defs) for part in schema["allOf"]]
        return st.tuples(*parts).map(lambda dicts: {k: v for d in dicts for k, v in d.items()})
    if "anyOf" in schema:
        return st.one_of([from_schema(option, defs) for option in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    types = schema.get("type", "object")
    if isinstance(types, list):
        return st.one_of([from_schema({**schema, "type": kind}, defs) for kind in types])
    if types == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {
            name: from_schema(sub, defs) for name, sub in properties.items() if name in required
        }
        optional = {
            name: from_schema(sub, defs) for name, sub in properties.items() if name not in required
        }
        # Extra keys must not be a property any schema declares: merged across allOf parts,
        # an extra key could otherwise shadow a sibling part's typed field.
        extra = st.dictionaries(
            st.text(min_size=1, max_size=12).filter(
                lambda k: k not in properties and k not in _declared_names()
            ),
            json_values,
            max_size=2,
        )
        return st.tuples(st.fixed_dictionaries(fixed, optional=optional), extra).map(
            lambda pair: {**pair[1], **pair[0]}
        )
    if types == "array":
        return st.lists(from_schema(schema.get("items", {}), defs), max_size=3)
    if types == "string":
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(datetime.UTC)).map(
                lambda d: d.isoformat().replace("+00:00", "Z")
            )
        if schema.get("format") == "date":
            return st.dates().map(datetime.date.isoformat)
        return st.text(max_size=schema.get("maxLength", 20))
    if types == "integer":
        return st.integers(-(2**31), 2**31)
    if types == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if types == "boolean":
        return st.booleans()
    return st.none()


@cache
def _document() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _declared_names() -> frozenset[str]:
    """Every property name a schema declares, inside ``allOf`` parts too (``UserWithAdmin``
    declares ``is_admin`` in the part that extends ``UserPublic``): hypothesis draws text
    from the literals of the code under test, so an extra key can be any of them."""

    def names(schema: dict[str, Any]) -> set[str]:
        found = set(schema.get("properties", {}))
        for key in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(key, []):
                found |= names(part)
        return found

    schemas = _document()["components"]["schemas"].values()
    return frozenset(name for schema in schemas for name in names(schema))


@cache
def _success_schema(operation_id: str, status: int) -> dict[str, Any] | None:
    document = _document()
    for path_item in document["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                content = operation["responses"][str(status)].get("content", {})
                schema = content.get("application/json", {}).get("schema")
                if schema is None:
                    return None
                return schema  # type: ignore[no-any-return]
    raise KeyError(operation_id)


HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
garbage_bodies = st.one_of(
    st.binary(max_size=200),
    st.just(HTML_PAGE),
    st.just(b""),
    st.just(b"Retry later\n"),
    json_values.map(lambda value: json.dumps(value).encode()),
    json_values.map(lambda value: json.dumps(value).encode()[:-1]),  # truncated
)


def _respond(status: int, body: bytes, content_type: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"Content-Type": content_type})

    return httpx.MockTransport(handler)


def _outcome(call: Call, transport: httpx.MockTransport) -> tuple[str, BaseException | None]:
    async def main() -> tuple[str, BaseException | None]:
        async with AsyncGitLab(
            "https://gitlab.example.com", token="t", transport=transport, max_retries=0
        ) as gl:
            try:
                await call(gl)
            except GitLabError as error:
                return "typed-error", error
            return "value", None

    return asyncio.run(main())


@pytest.mark.parametrize(
    ("operation_id", "call", "status"), OPERATIONS, ids=[op[0] for op in OPERATIONS]
)
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_schema_valid_bodies_parse(
    operation_id: str, call: Call, status: int, data: st.DataObject
) -> None:
    schema = _success_schema(operation_id, status)
    if schema is None:
        pytest.skip("no JSON body documented")
    body = data.draw(from_schema(schema, _document()["components"]["schemas"]), label="body")
    kind, error = _outcome(call, _respond(status, json.dumps(body).encode(), "application/json"))
    assert kind == "value", error  # valid by the document: always a model


@pytest.mark.parametrize(
    ("operation_id", "call", "status"), OPERATIONS, ids=[op[0] for op in OPERATIONS]
)
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    response_status=st.one_of(
        st.sampled_from([200, 201, 202, 204, 304, 400, 401, 403, 404, 409, 429, 500, 502, 520]),
        st.integers(200, 599),
    ),
    body=garbage_bodies,
    content_type=st.sampled_from(
        ["application/json", "text/html", "text/plain", "application/octet-stream", ""]
    ),
)
def test_garbage_yields_a_value_or_a_typed_error(
    operation_id: str, call: Call, status: int, response_status: int, body: bytes, content_type: str
) -> None:
    # Anything but a GitLabError escaping from the call fails the test with its traceback.
    kind, _ = _outcome(call, _respond(response_status, body, content_type))
    assert kind in ("value", "typed-error")
