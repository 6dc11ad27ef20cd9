"""docs/pagination.md says exactly which operations page, and the code agrees.

The list in the page is generated from the OpenAPI document's ``x-pagination`` marks by
tools/pagination_table.py; these tests fail when the page and the document drift apart
(run ``python tools/pagination_table.py --write``), and when the generated methods do
not return what the page says.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from gitlab_users_client import AsyncGitLab

ROOT = Path(__file__).resolve().parents[2]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "pagination_table_tool", ROOT / "tools" / "pagination_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


tool = _load_tool()
OPERATIONS = tool.operations(tool._load(tool.SPEC))


def test_the_page_lists_what_the_document_says() -> None:
    page = tool.PAGE.read_text(encoding="utf-8")
    assert tool.block(OPERATIONS) in page, (
        "docs/pagination.md is out of date: run `python tools/pagination_table.py --write`"
    )


def test_the_list_names_the_paginated_operations_and_the_plain_lists() -> None:
    block = tool.block(OPERATIONS)
    assert "| `gl.users.list` | `GET /users` | keyset or offset (`pagination=`) |" in block
    assert "| `gl.user.keys.list` | `GET /user/keys` | offset |" in block
    assert "`gl.users.custom_attributes.list` (`GET /users/{id}/custom_attributes`)" in block
    assert "| `gl.users.custom_attributes.list`" not in block


def method(gl: AsyncGitLab, call: str) -> Any:
    target: Any = gl
    for name in call.split(".")[1:]:
        target = getattr(target, name)
    return target


@pytest.mark.parametrize(
    "operation",
    [op for op in OPERATIONS if op.pagination or op.returns_array],
    ids=lambda op: op.call,
)
async def test_each_listed_operation_returns_what_the_page_says(operation: Any) -> None:
    async with AsyncGitLab("http://127.0.0.1:9", token="not-used") as gl:
        returns = str(inspect.signature(method(gl, operation.call)).return_annotation)
    if operation.pagination:
        assert returns.startswith("AsyncPaginator["), (operation.call, returns)
    else:
        assert returns.startswith(("list[", "builtins.list[")), (operation.call, returns)


async def test_no_other_operation_returns_a_paginator() -> None:
    paged = {op.call for op in OPERATIONS if op.pagination}
    async with AsyncGitLab("http://127.0.0.1:9", token="not-used") as gl:
        for op in OPERATIONS:
            returns = str(inspect.signature(method(gl, op.call)).return_annotation)
            assert returns.startswith("AsyncPaginator[") == (op.call in paged), op.call


def test_no_page_says_every_list_operation_pages() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = " ".join(page.read_text(encoding="utf-8").lower().split())
        assert "every list operation" not in text, page.name
