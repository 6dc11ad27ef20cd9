"""The hand-maintained OpenAPI document against the reference (§1 of gitlab-users-api.md)
and against the conventions the generator templates rely on."""

from __future__ import annotations

import importlib
import keyword
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "gitlab-users.yaml"
GENERATED = ROOT / "gitlab_users_client" / "_generated"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# Reference §1, rows 1-77, in the document's `{param}` syntax.
REFERENCE_ROUTES: list[tuple[str, str]] = [
    # 1.1 /users collection and single-user routes
    ("GET", "/users"),  # 1
    ("GET", "/users/{id}"),  # 2
    ("POST", "/users"),  # 3
    ("PUT", "/users/{id}"),  # 4
    ("DELETE", "/users/{id}"),  # 5
    ("GET", "/users/{user_id}/status"),  # 6
    ("POST", "/users/{id}/follow"),  # 7
    ("POST", "/users/{id}/unfollow"),  # 8
    ("GET", "/users/{id}/following"),  # 9
    ("GET", "/users/{id}/followers"),  # 10
    ("PATCH", "/users/{id}/disable_two_factor"),  # 11
    ("DELETE", "/users/{id}/identities/{provider}"),  # 12
    ("GET", "/users/{id}/associations_count"),  # 13
    ("GET", "/users/{user_id}/memberships"),  # 14
    ("GET", "/users/{user_id}/project_deploy_keys"),  # 15
    ("GET", "/users/{id}/support_pin"),  # 16
    ("POST", "/users/{id}/support_pin/revoke"),  # 17
    # 1.2 SSH keys, GPG keys and emails of another user
    ("GET", "/users/{user_id}/keys"),  # 18
    ("GET", "/users/{id}/keys/{key_id}"),  # 19
    ("POST", "/users/{user_id}/keys"),  # 20
    ("DELETE", "/users/{id}/keys/{key_id}"),  # 21
    ("GET", "/users/{id}/gpg_keys"),  # 22
    ("GET", "/users/{id}/gpg_keys/{key_id}"),  # 23
    ("POST", "/users/{id}/gpg_keys"),  # 24
    ("DELETE", "/users/{id}/gpg_keys/{key_id}"),  # 25
    ("POST", "/users/{id}/gpg_keys/{key_id}/revoke"),  # 26
    ("GET", "/users/{id}/emails"),  # 27
    ("POST", "/users/{id}/emails"),  # 28
    ("DELETE", "/users/{id}/emails/{email_id}"),  # 29
    # 1.3 moderation
    ("POST", "/users/{id}/activate"),  # 30
    ("POST", "/users/{id}/deactivate"),  # 31
    ("POST", "/users/{id}/block"),  # 32
    ("POST", "/users/{id}/unblock"),  # 33
    ("POST", "/users/{id}/ban"),  # 34
    ("POST", "/users/{id}/unban"),  # 35
    ("POST", "/users/{id}/approve"),  # 36
    ("POST", "/users/{id}/reject"),  # 37
    # 1.4 impersonation tokens and admin PAT creation
    ("GET", "/users/{user_id}/impersonation_tokens"),  # 38
    ("POST", "/users/{user_id}/impersonation_tokens"),  # 39
    ("GET", "/users/{user_id}/impersonation_tokens/{impersonation_token_id}"),  # 40
    ("DELETE", "/users/{user_id}/impersonation_tokens/{impersonation_token_id}"),  # 41
    ("POST", "/users/{user_id}/personal_access_tokens"),  # 42
    # 1.5 custom attributes
    ("GET", "/users/{id}/custom_attributes"),  # 43
    ("GET", "/users/{id}/custom_attributes/{key}"),  # 44
    ("PUT", "/users/{id}/custom_attributes/{key}"),  # 45
    ("DELETE", "/users/{id}/custom_attributes/{key}"),  # 46
    # 1.6 /user
    ("GET", "/user"),  # 47
    ("GET", "/user/keys"),  # 48
    ("GET", "/user/keys/{key_id}"),  # 49
    ("POST", "/user/keys"),  # 50
    ("DELETE", "/user/keys/{key_id}"),  # 51
    ("GET", "/user/gpg_keys"),  # 52
    ("GET", "/user/gpg_keys/{key_id}"),  # 53
    ("POST", "/user/gpg_keys"),  # 54
    ("POST", "/user/gpg_keys/{key_id}/revoke"),  # 55
    ("DELETE", "/user/gpg_keys/{key_id}"),  # 56
    ("GET", "/user/emails"),  # 57
    ("GET", "/user/emails/{email_id}"),  # 58
    ("POST", "/user/emails"),  # 59
    ("DELETE", "/user/emails/{email_id}"),  # 60
    ("GET", "/user/status"),  # 61
    ("PUT", "/user/status"),  # 62
    ("PATCH", "/user/status"),  # 63
    ("GET", "/user/preferences"),  # 64
    ("PUT", "/user/preferences"),  # 65
    ("PUT", "/user/avatar"),  # 66
    ("GET", "/user/activities"),  # 67
    ("POST", "/user/personal_access_tokens"),  # 68
    ("POST", "/user/support_pin"),  # 69
    ("GET", "/user/support_pin"),  # 70
    ("PUT", "/user/{user_id}/credit_card_validation"),  # 71
    # 1.7 routes outside users.rb
    ("POST", "/user/runners"),  # 72
    ("GET", "/user_counts"),  # 73
    ("GET", "/users/{user_id}/projects"),  # 74
    ("GET", "/users/{user_id}/contributed_projects"),  # 75
    ("GET", "/users/{user_id}/starred_projects"),  # 76
    ("GET", "/users/{id}/events"),  # 77
]

# Beyond the reference's 77: the authenticated user's OAuth applications
# (lib/api/user_applications.rb, GitLab 19.0) and the personal access token API
# (lib/api/personal_access_tokens.rb and personal_access_tokens/self_*.rb).
TOKEN_AND_APPLICATION_ROUTES: list[tuple[str, str]] = [
    ("GET", "/user/applications"),
    ("POST", "/user/applications"),
    ("GET", "/user/applications/{id}"),
    ("PUT", "/user/applications/{id}"),
    ("DELETE", "/user/applications/{id}"),
    ("GET", "/personal_access_tokens"),
    ("GET", "/personal_access_tokens/{id}"),
    ("DELETE", "/personal_access_tokens/{id}"),
    ("POST", "/personal_access_tokens/{id}/rotate"),
    ("GET", "/personal_access_tokens/self"),
    ("DELETE", "/personal_access_tokens/self"),
    ("POST", "/personal_access_tokens/self/rotate"),
    ("GET", "/personal_access_tokens/self/associations"),
]
ALL_ROUTES = REFERENCE_ROUTES + TOKEN_AND_APPLICATION_ROUTES

# Reference §1 "Pagination" column: routes with offset (or offset+keyset) pagination.
REFERENCE_PAGINATED = {
    ("GET", "/users"),
    ("GET", "/users/{id}/following"),
    ("GET", "/users/{id}/followers"),
    ("GET", "/users/{user_id}/memberships"),
    ("GET", "/users/{user_id}/project_deploy_keys"),
    ("GET", "/users/{user_id}/keys"),
    ("GET", "/users/{id}/gpg_keys"),
    ("GET", "/users/{id}/emails"),
    ("GET", "/users/{user_id}/impersonation_tokens"),
    ("GET", "/user/keys"),
    ("GET", "/user/gpg_keys"),
    ("GET", "/user/emails"),
    ("GET", "/user/activities"),
    ("GET", "/users/{user_id}/projects"),
    ("GET", "/users/{user_id}/contributed_projects"),
    ("GET", "/users/{user_id}/starred_projects"),
    ("GET", "/users/{id}/events"),
    ("GET", "/user/applications"),
    ("GET", "/personal_access_tokens"),
    ("GET", "/personal_access_tokens/self/associations"),
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref`` pointers until a concrete node."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"non-local $ref {ref}"
        assert ref not in seen, f"$ref cycle at {ref}"
        seen.add(ref)
        node = spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(METHOD, path, operation, path item) for every operation of the document."""
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method], item


def parameters(spec: dict[str, Any], op: dict[str, Any], item: dict[str, Any]) -> list[Any]:
    return [resolve(spec, p) for p in item.get("parameters", []) + op.get("parameters", [])]


def _object_schema_names(spec: dict[str, Any]) -> list[str]:
    return [
        name
        for name, schema in spec["components"]["schemas"].items()
        if schema.get("type") == "object" or "properties" in schema or "allOf" in schema
    ]


def _snake(name: str) -> str:
    """Module name of a generated model: ``OAuthError`` -> ``o_auth_error``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# --------------------------------------------------------------------------------------


def test_document_is_valid_openapi_31(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises OpenAPIValidationError on any problem


def test_reference_list_has_77_distinct_routes() -> None:
    assert len(REFERENCE_ROUTES) == 77
    assert len(set(REFERENCE_ROUTES)) == 77


def test_operations_are_exactly_the_reference_routes_and_the_token_api(
    spec: dict[str, Any],
) -> None:
    actual = [(method, path) for method, path, _, _ in operations(spec)]
    assert len(actual) == len(set(actual))
    assert set(actual) - set(ALL_ROUTES) == set(), "routes not in the reference"
    assert set(ALL_ROUTES) - set(actual) == set(), "reference routes missing"
    assert len(actual) == 90


def test_every_operation_has_one_tag_and_operation_id_tag_underscore_method(
    spec: dict[str, Any],
) -> None:
    declared_tags = {tag["name"] for tag in spec["tags"]}
    seen_ids: set[str] = set()
    for method, path, op, _ in operations(spec):
        tags = op.get("tags", [])
        assert len(tags) == 1, f"{method} {path}: expected exactly one tag, got {tags}"
        tag = tags[0]
        assert tag in declared_tags, f"{method} {path}: tag {tag!r} is not declared"
        operation_id = op["operationId"]
        assert operation_id not in seen_ids, f"duplicate operationId {operation_id}"
        seen_ids.add(operation_id)
        assert operation_id.startswith(tag + "_"), f"{operation_id} does not start with {tag}_"
        sdk_method = operation_id[len(tag) + 1 :]
        assert sdk_method.isidentifier() and sdk_method == sdk_method.lower()
        assert not keyword.iskeyword(sdk_method)
        # The tag is the longest declared tag the operationId starts with: otherwise
        # `users_keys_list` tagged `users` would make a `keys_list` method on gl.users.
        longest = max((t for t in declared_tags if operation_id.startswith(t + "_")), key=len)
        assert longest == tag, f"{operation_id} is tagged {tag!r} but reads as {longest!r}"
    assert len(seen_ids) == 90


def _walk_for_defaults(
    spec: dict[str, Any], node: Any, where: str, seen: set[str], found: list[str]
) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            if ref not in seen:
                seen.add(ref)
                _walk_for_defaults(spec, resolve(spec, node), f"{where} -> {ref}", seen, found)
            return
        if "default" in node:
            found.append(f"{where}: default={node['default']!r}")
        for key, value in node.items():
            if key not in ("example", "examples", "default"):
                _walk_for_defaults(spec, value, f"{where}/{key}", seen, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _walk_for_defaults(spec, value, f"{where}[{index}]", seen, found)


def test_no_parameter_or_request_body_property_has_a_default(spec: dict[str, Any]) -> None:
    found: list[str] = []
    body_count = 0
    for method, path, op, item in operations(spec):
        for param in parameters(spec, op, item):
            _walk_for_defaults(spec, param, f"{method} {path} ?{param['name']}", set(), found)
        if "requestBody" in op:
            body = resolve(spec, op["requestBody"])
            for media_type, media in body["content"].items():
                body_count += 1
                _walk_for_defaults(
                    spec, media["schema"], f"{method} {path} body {media_type}", set(), found
                )
    for name, param in spec["components"].get("parameters", {}).items():
        _walk_for_defaults(spec, param, f"components/parameters/{name}", set(), found)
    assert body_count >= 20  # the walk did look at the request bodies
    assert found == []


def test_the_default_walk_would_notice_a_default(spec: dict[str, Any]) -> None:
    """Guard for the test above: a nested default behind a $ref is reported."""
    doctored = {
        "components": {
            "schemas": {
                "Body": {"type": "object", "properties": {"x": {"type": "integer", "default": 3}}}
            }
        }
    }
    found: list[str] = []
    _walk_for_defaults(doctored, {"$ref": "#/components/schemas/Body"}, "body", set(), found)
    assert len(found) == 1


def test_paginated_operations_declare_pagination_headers_on_200(spec: dict[str, Any]) -> None:
    paginated = set()
    for method, path, op, item in operations(spec):
        names = {p["name"] for p in parameters(spec, op, item) if p["in"] == "query"}
        if not names & {"page", "per_page"}:
            continue
        paginated.add((method, path))
        assert {"page", "per_page"} <= names, f"{method} {path} has only one of page/per_page"
        ok = resolve(spec, op["responses"]["200"])
        headers = {name.lower() for name in ok.get("headers", {})}
        missing = {"x-total", "x-next-page", "link"} - headers
        assert not missing, f"{method} {path}: 200 lacks {sorted(missing)}"
    assert paginated == REFERENCE_PAGINATED


def test_security_schemes_private_token_bearer_and_job_token(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"].values()
    header_keys = {
        scheme["name"]
        for scheme in schemes
        if scheme["type"] == "apiKey" and scheme.get("in") == "header"
    }
    assert {"PRIVATE-TOKEN", "JOB-TOKEN"} <= header_keys
    assert any(s["type"] == "http" and s.get("scheme", "").lower() == "bearer" for s in schemes)
    # Every security requirement names a declared scheme.
    declared = set(spec["components"]["securitySchemes"])
    requirements = list(spec.get("security", []))
    for _, _, op, _ in operations(spec):
        requirements.extend(op.get("security", []))
    for requirement in requirements:
        assert set(requirement) <= declared


def test_every_operation_references_the_sudo_header(spec: dict[str, Any]) -> None:
    sudo = spec["components"]["parameters"]["Sudo"]
    assert sudo["in"] == "header" and sudo["name"] == "Sudo"
    for method, path, op, item in operations(spec):
        refs = [p.get("$ref") for p in item.get("parameters", []) + op.get("parameters", [])]
        assert "#/components/parameters/Sudo" in refs, f"{method} {path} lacks Sudo"


def test_generated_package_has_one_endpoint_module_per_operation(spec: dict[str, Any]) -> None:
    expected = {(op["tags"][0], op["operationId"]) for _, _, op, _ in operations(spec)}
    actual = {
        (module.parent.name, module.stem)
        for module in (GENERATED / "api").glob("*/*.py")
        if module.name != "__init__.py"
    }
    assert actual == expected
    assert len(actual) == 90
    for method, path, op, _ in operations(spec):
        module = importlib.import_module(
            f"gitlab_users_client._generated.api.{op['tags'][0]}.{op['operationId']}"
        )
        declared = (module.METHOD, module.PATH, module.OPERATION_ID)
        assert declared == (method, path, op["operationId"])
        assert callable(module.build_request), op["operationId"]
        documented = {int(code) for code in op["responses"] if 100 <= int(code) < 400}
        assert set(module.RESPONSES) == documented, op["operationId"]


def test_generated_package_has_a_model_for_every_named_object_schema(
    spec: dict[str, Any],
) -> None:
    from gitlab_users_client._generated import models

    names = _object_schema_names(spec)
    assert len(names) > 50
    for name in names:
        module = importlib.import_module(f"gitlab_users_client._generated.models.{_snake(name)}")
        cls = getattr(module, name)
        assert issubclass(cls, pydantic.BaseModel), name
        assert getattr(models, name) is cls
        assert name in models.__all__


def test_allof_inheritance_chain_is_real_subclassing(spec: dict[str, Any]) -> None:
    from gitlab_users_client._generated import models

    for name, schema in spec["components"]["schemas"].items():
        all_of = schema.get("allOf")
        if all_of and "$ref" in all_of[0]:
            parent = all_of[0]["$ref"].rsplit("/", 1)[-1]
            child_cls, parent_cls = getattr(models, name), getattr(models, parent)
            assert child_cls.__bases__ == (parent_cls,), f"{name} should subclass {parent}"


def test_success_statuses_match_reference(spec: dict[str, Any]) -> None:
    """Grape defaults (POST 201, DELETE 204) plus the reference's exceptions."""
    special = {
        ("POST", "/users/{id}/support_pin/revoke"): {"202"},
        ("POST", "/users/{id}/gpg_keys/{key_id}/revoke"): {"202"},
        ("POST", "/user/gpg_keys/{key_id}/revoke"): {"202"},
        ("PATCH", "/users/{id}/disable_two_factor"): {"204"},
        ("POST", "/users/{id}/follow"): {"201", "304"},
        ("POST", "/users/{id}/unfollow"): {"201", "304"},
        # reject: render_api_error!("Success", :ok), see the document's `# source:` note
        ("POST", "/users/{id}/reject"): {"200"},
        # rotate_token sets `status :ok`
        ("POST", "/personal_access_tokens/{id}/rotate"): {"200"},
        ("POST", "/personal_access_tokens/self/rotate"): {"200"},
    }
    default = {"GET": {"200"}, "PUT": {"200"}, "PATCH": {"200"}, "POST": {"201"}, "DELETE": {"204"}}
    for method, path, op, _ in operations(spec):
        codes = {code for code in op["responses"] if code[0] in "23"}
        assert codes == special.get((method, path), default[method]), f"{method} {path}"
