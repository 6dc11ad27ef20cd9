"""docs/pagination.md's list of operations that page, generated from the OpenAPI document.

An operation pages when the document marks it with ``x-pagination`` (``offset`` or
``keyset``); the generated method then returns an ``AsyncPaginator``. An operation whose
success body is a JSON array without that mark returns a plain ``list``. The block
between the two markers in docs/pagination.md is this module's output, so the page
cannot drift from the document: tests/project/test_docs_pagination.py checks it.

    python tools/pagination_table.py          # print the block
    python tools/pagination_table.py --write  # put it into docs/pagination.md
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gitlab-users.yaml"
PAGE = ROOT / "docs" / "pagination.md"
BEGIN = (
    "<!-- paginated-operations: generated from openapi/gitlab-users.yaml by "
    "tools/pagination_table.py; do not edit -->"
)
END = "<!-- end paginated-operations -->"
_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    call: str  # gl.users.keys.list
    method: str  # GET
    path: str  # /users/{user_id}/keys
    pagination: str | None  # "offset", "keyset" or None
    returns_array: bool


def _load(spec: Path) -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return loaded


def _call(operation_id: str, tag: str, tags: set[str]) -> str:
    """``users_keys_list`` under tag ``users_keys`` -> ``gl.users.keys.list``."""

    def reached(tag: str) -> str:
        parents = [other for other in tags if tag.startswith(other + "_")]
        if not parents:
            return f"gl.{tag}"
        parent = max(parents, key=len)
        return f"{reached(parent)}.{tag[len(parent) + 1 :]}"

    return f"{reached(tag)}.{operation_id.removeprefix(tag + '_')}"


def _is_array(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "array":
        return True
    return any(_is_array(option) for option in schema.get("anyOf", schema.get("oneOf", [])))


def operations(doc: dict[str, Any]) -> list[Operation]:
    """Every operation of the document, in the document's order."""
    shared = doc.get("components", {}).get("responses", {})
    tags = {
        op["tags"][0] for item in doc["paths"].values() for m, op in item.items() if m in _METHODS
    }
    found: list[Operation] = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in _METHODS:
                continue
            returns_array = False
            for status, response in op.get("responses", {}).items():
                if not str(status).startswith("2"):
                    continue
                if "$ref" in response:
                    response = shared[response["$ref"].rsplit("/", 1)[-1]]
                for media in (response.get("content") or {}).values():
                    returns_array |= _is_array(media.get("schema", {}))
            found.append(
                Operation(
                    call=_call(op["operationId"], op["tags"][0], tags),
                    method=method.upper(),
                    path=path,
                    pagination=op.get("x-pagination"),
                    returns_array=returns_array,
                )
            )
    return found


def block(ops: list[Operation]) -> str:
    """The Markdown between the markers."""
    pages = [op for op in ops if op.pagination]
    plain = [op for op in ops if op.returns_array and not op.pagination]
    lines = [
        BEGIN,
        "",
        "| Operation | Route | Pagination |",
        "|---|---|---|",
    ]
    for op in pages:
        how = "keyset or offset (`pagination=`)" if op.pagination == "keyset" else "offset"
        lines.append(f"| `{op.call}` | `{op.method} {op.path}` | {how} |")
    lines.append("")
    if plain:
        calls = ", ".join(f"`{op.call}` (`{op.method} {op.path}`)" for op in plain)
        lines.append(
            f"GitLab does not page {calls}: "
            + ("it returns" if len(plain) == 1 else "they return")
            + " a plain `list` of everything, in one response."
        )
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def updated(page: str, generated: str) -> str:
    """``page`` with the text between the markers replaced by ``generated``."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{PAGE.name} has no {BEGIN!r} ... {END!r} block")
    return page[:start] + generated + page[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--write", action="store_true", help=f"update {PAGE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    generated = block(operations(_load(SPEC)))
    if args.write:
        PAGE.write_text(updated(PAGE.read_text(encoding="utf-8"), generated), encoding="utf-8")
    else:
        print(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
