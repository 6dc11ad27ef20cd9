"""Prepare the OpenAPI document for openapi-python-client.

The generator reads descriptions from parameter *schemas* only, so a parameter's
own ``description`` (where OpenAPI puts it, and where the document keeps it) would
be lost from the generated docstrings. This copies each parameter description into
its schema and writes the result as JSON. Deterministic: same input, same bytes.

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


def prepare(document: dict[str, Any]) -> dict[str, Any]:
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
