"""One error module: every exception the SDK raises to its users is defined in
``_exceptions.py``, whose docstring draws the hierarchy."""

from __future__ import annotations

import ast
import inspect

import gitlab_users_client
from gitlab_users_client import _exceptions
from tests.import_graph import ROOT, is_generated, modules


def public_exceptions() -> dict[str, type[BaseException]]:
    return {
        name: value
        for name in gitlab_users_client.__all__
        if isinstance(value := getattr(gitlab_users_client, name), type)
        and issubclass(value, BaseException)
    }


def test_every_public_exception_is_defined_in_the_error_module() -> None:
    found = public_exceptions()
    assert len(found) >= 20
    for name, cls in found.items():
        assert cls.__module__ == "gitlab_users_client._exceptions", name
        assert issubclass(cls, gitlab_users_client.GitLabError), name


def test_the_docstring_draws_every_public_exception() -> None:
    doc = inspect.getdoc(_exceptions)
    assert doc is not None
    for name in public_exceptions():
        assert name in doc, name


def test_no_other_sdk_module_defines_a_gitlab_error() -> None:
    """The CLI and the fake GitLab are programs of their own; the SDK's modules raise the
    error module's classes (internal signals derive from ``Exception`` only)."""
    offenders = []
    for name, path in modules().items():
        if is_generated(name) or name.endswith("._exceptions"):
            continue
        if path.is_relative_to(ROOT / "cli") or path.is_relative_to(ROOT / "testing"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(base) for base in node.bases}
                if bases & set(_exceptions.__all__) or any("Error" in base for base in bases):
                    offenders.append(f"{name}.{node.name}")
    assert offenders == []
