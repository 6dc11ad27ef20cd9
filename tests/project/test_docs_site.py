"""The API reference of the docs site covers the public API (``make docs`` renders it).

The pages come from ``tools/mkdocs_api_reference.py``; mkdocs itself lives in its own
virtualenv (``make docs``, run by ``make test`` in strict mode), so this checks what the
pages *list*: every public name, every resource reachable from the client, every model.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from types import ModuleType

import gitlab_users_client
from gitlab_users_client import AsyncGitLab, models
from gitlab_users_client._contract.resource import BaseResource

ROOT = Path(__file__).resolve().parents[2]


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mkdocs_api_reference", ROOT / "tools" / "mkdocs_api_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.pop(spec.name, None)
    spec.loader.exec_module(module)
    return module


def _documented() -> set[str]:
    """The last component of every ``::: path`` on every reference page."""
    names: set[str] = set()
    for text in _hook().pages().values():
        names.update(
            line.removeprefix("::: ").rsplit(".", 1)[-1]
            for line in text.splitlines()
            if line.startswith("::: ")
        )
    return names


def _resources(resource: BaseResource, seen: set[type]) -> Iterator[type]:
    """The class of ``resource`` and of every sub-resource reachable from it."""
    if type(resource) in seen:
        return
    seen.add(type(resource))
    yield type(resource)
    for name, member in inspect.getmembers(type(resource)):
        if isinstance(member, property | cached_property) and name != "with_raw_response":
            child = getattr(resource, name)
            if isinstance(child, BaseResource):
                yield from _resources(child, seen)


def test_every_public_name_is_in_the_reference() -> None:
    documented = _documented()
    public = set(gitlab_users_client.__all__) - {"__version__", "Unset", "NotGiven"}
    assert public - documented == set()


async def test_every_resource_reachable_from_the_client_is_in_the_reference() -> None:
    async with AsyncGitLab("http://127.0.0.1:9", token="not-used") as gl:
        seen: set[type] = set()
        reachable = {cls.__name__ for root in (gl.users, gl.user) for cls in _resources(root, seen)}
    assert len(reachable) > 10
    assert reachable - _documented() - {"UsersResource", "UserResource"} == set()
    assert {"Users", "CurrentUser"} <= _documented()  # gl.users / gl.user themselves


def test_every_model_is_in_the_reference() -> None:
    assert set(models.__all__) - _documented() == set()
