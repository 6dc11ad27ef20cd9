"""Prepare the OpenAPI document for openapi-python-client.

Two jobs, so that the templates only print:

* The generator reads descriptions from parameter *schemas* only, so a parameter's
  own ``description`` (where OpenAPI puts it, and where the document keeps it) is
  copied into its schema.
* Behaviour the document declares with ``x-`` extensions is turned into plain data
  where the templates can read it (see ``SDK_KEYS``). Per operation, ``x-sdk`` lands
  on its success response, the one per-operation object the generator hands to
  templates unchanged: pagination (``x-pagination``, ``x-keyset-orders``; and the
  operation's filters: its query parameters but the paginator's, the ordering ones
  (``x-ordering``) and the client's), each
  parameter's kind (see ``_kind``; ``x-http-date`` on a header parameter makes it an
  HTTP date) and the parameters the client sets itself (``x-client-option``: ``Sudo``). Per
  schema: its properties' kinds, whether extra fields are typed; secret
  fields (``x-secret`` on a property) and request-body models (every schema a
  ``requestBody`` refers to) land on the schema.

Writes JSON. Deterministic: same input, same bytes.

Usage: python openapi/prepare.py openapi/gitlab-users.yaml build/gitlab-users.prepared.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def _with_description(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema")
    description = parameter.get("description")
    if not description or not isinstance(schema, dict) or "description" in schema:
        return parameter
    if "$ref" in schema:
        # The generator takes a referenced schema's own description; leave it be.
        return parameter
    return {**parameter, "schema": {**schema, "description": description}}


#: What this script adds for the templates (the templates read nothing else of ours).
SDK_KEYS = (
    "x-sdk",
    "x-sdk-secret-fields",
    "x-sdk-request-body",
    "x-sdk-kinds",
    "x-sdk-typed-extra",
)
#: GitLab's pagination query parameters, replaced by paginator options in the SDK.
_OFFSET_PARAMS = ("page", "per_page")
_KEYSET_PARAMS = ("pagination",)
_CURSOR_PARAMS = ("cursor",)  # keyset cursor, when the route declares one
_METHODS = ("get", "put", "post", "delete", "patch")


def _resolve(document: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    ref = item.get("$ref")
    if not isinstance(ref, str):
        return item
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


_FORMATS = {"date-time": "datetime", "date": "date", "binary": "file"}
_TYPES = {"boolean": "bool", "integer": "int", "number": "float", "null": "null"}


def _kind(document: dict[str, Any], schema: dict[str, Any]) -> str:
    """How the templates type and encode a value of this schema, as a short string:
    a scalar (``int``, ``str``, ``datetime``, ``enum``, ``file``, ``map``, ``model``...),
    ``id`` (an ID or a username), ``list:<kind>`` or ``union:<kind>,<kind>``."""
    if "$ref" in schema:
        return _kind(document, _resolve(document, schema))
    members = schema.get("anyOf") or schema.get("oneOf")
    if members:
        kinds = [_kind(document, member) for member in members]
        return "id" if sorted(kinds) == ["int", "str"] else "union:" + ",".join(kinds)
    types = schema.get("type")
    if isinstance(types, list):
        return "union:" + ",".join(_kind(document, {**schema, "type": t}) for t in types)
    if "enum" in schema and types == "string":
        return "enum"
    if types == "string":
        return _FORMATS.get(schema.get("format", ""), "str")
    if types == "array":
        return "list:" + _kind(document, schema.get("items", {}))
    if types == "object":
        return "model" if schema.get("properties") else "map"
    return _TYPES.get(str(types), "str")


def _param_kind(parameter: dict[str, Any], document: dict[str, Any]) -> str:
    if parameter.get("x-http-date"):
        return "http-date"
    return _kind(document, parameter["schema"])


def _pagination(
    document: dict[str, Any], operation: dict[str, Any], parameters: list[dict[str, Any]]
) -> dict[str, Any] | None:
    style = operation.get("x-pagination")
    if style is None:
        return None
    if style not in ("offset", "keyset"):
        raise ValueError(f"{operation['operationId']}: x-pagination must be offset or keyset")
    names = {_resolve(document, p)["name"] for p in operation.get("parameters", [])}
    expected = _OFFSET_PARAMS + (_KEYSET_PARAMS if style == "keyset" else ())
    missing = [name for name in expected if name not in names]
    if missing:
        raise ValueError(f"{operation['operationId']}: paginated but lacks {missing}")
    orders = operation.get("x-keyset-orders")
    if orders is not None and (style != "keyset" or set(orders) != {"by", "default", "serves"}):
        raise ValueError(f"{operation['operationId']}: x-keyset-orders needs by, default, serves")
    replaced = [name for name in _OFFSET_PARAMS + _KEYSET_PARAMS + _CURSOR_PARAMS if name in names]
    words = str(operation["operationId"]).split("_")
    return {
        "keyset": style == "keyset",
        "orders": orders,
        "replaced": replaced,
        # A TypedDict of them in the endpoint module (``UsersListFilters``).
        "filters_type": "".join(word.capitalize() for word in words) + "Filters",
        "filters": [
            p["name"]
            for p in parameters
            if p.get("in") == "query"
            and p["name"] not in replaced
            and not p.get("x-ordering")
            and not p.get("x-client-option")
        ],
    }


def _mark_operation(
    document: dict[str, Any], operation: dict[str, Any], shared: list[dict[str, Any]]
) -> None:
    parameters = [_resolve(document, p) for p in [*shared, *operation.get("parameters", [])]]
    sdk = {
        "pagination": _pagination(document, operation, parameters),
        "kinds": {p["name"]: _param_kind(p, document) for p in parameters},
        "client_params": [p["name"] for p in parameters if p.get("x-client-option")],
    }
    responses = operation["responses"]
    status = min(code for code in responses if str(code).startswith("2"))
    responses[status] = {**_resolve(document, responses[status]), "x-sdk": sdk}


def _secret_fields(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    found = []
    for member in [schema, *schema.get("allOf", [])]:
        if "$ref" in member:
            continue  # a parent model: its own secret fields are declared there
        for name, prop in member.get("properties", {}).items():
            if isinstance(prop, dict) and prop.get("x-secret"):
                found.append(name)
    return sorted(found)


def _body_schemas(document: dict[str, Any]) -> set[str]:
    names = set()
    for path_item in document.get("paths", {}).values():
        for method in _METHODS:
            body = path_item.get(method, {}).get("requestBody")
            for media in _resolve(document, body or {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    names.add(ref.rsplit("/", 1)[-1])
    return names


def _mark_schema(document: dict[str, Any], schema: dict[str, Any], body: bool) -> None:
    secret = _secret_fields(document, schema)
    if secret:
        schema["x-sdk-secret-fields"] = secret
    if body:
        schema["x-sdk-request-body"] = True
    properties: dict[str, Any] = {}
    for member in [schema, *schema.get("allOf", [])]:
        properties.update(_resolve(document, member).get("properties", {}))
    if properties:
        schema["x-sdk-kinds"] = {key: _kind(document, value) for key, value in properties.items()}
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        schema["x-sdk-typed-extra"] = True
    for value in schema.get("properties", {}).values():
        if isinstance(value, dict) and value.get("type") == "object":
            _mark_schema(document, value, body=False)  # an inline model of its own


def _mark_schemas(document: dict[str, Any]) -> None:
    bodies = _body_schemas(document)
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        _mark_schema(document, schema, body=name in bodies)


def prepare(document: dict[str, Any]) -> dict[str, Any]:
    _mark_schemas(document)
    for path_item in document.get("paths", {}).values():
        for method in _METHODS:
            if method in path_item:
                _mark_operation(document, path_item[method], path_item.get("parameters", []))
    components = document.get("components", {})
    for name, parameter in list(components.get("parameters", {}).items()):
        components["parameters"][name] = _with_description(parameter)
    for path_item in document.get("paths", {}).values():
        for key, operation in path_item.items():
            if key == "parameters":
                path_item[key] = [p if "$ref" in p else _with_description(p) for p in operation]
            elif isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [
                    p if "$ref" in p else _with_description(p) for p in operation["parameters"]
                ]
    return document


def main(source: str, target: str) -> None:
    document = YAML(typ="safe", pure=True).load(Path(source).read_text(encoding="utf-8"))
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(
        json.dumps(prepare(document), indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
