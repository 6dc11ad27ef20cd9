"""``_http/`` is a layer of its own: it imports httpx, the standard library and the SDK's
exception module, nothing else of the SDK's (imports inside functions included), so that
the engines know nothing of URL rules, retries or settings and no import cycle runs
through them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import gitlab_users_client._http as http_package

PACKAGE = Path(http_package.__file__).parent
#: Third-party modules an engine may import besides httpx: its own library (aiohttp's
#: adapter), certifi (httpx's own CA bundle, for the default certificate check) and
#: httpcore (the pool of httpx's own transport, whose hand-out ``pool`` replaces).
ALLOWED = {
    "aiohttp.py": {"aiohttp", "yarl"},
    "pool.py": {"httpcore"},
    "network.py": {"certifi"},
    "__init__.py": {"sniffio"},
}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level
            names.add(prefix + (node.module or ""))
    return names


def test_http_imports_httpx_the_standard_library_and_exceptions_only() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert {path.name for path in modules} >= {
        "__init__.py",
        "checks.py",
        "h1.py",
        "asyncio.py",
        "aiohttp.py",
    }
    for path in modules:
        for name in imported(path):
            if name.startswith(".."):
                assert name == ".._exceptions", f"{path.name} imports {name}"
            elif name.startswith("."):
                continue  # a sibling in _http/
            else:
                top = name.split(".")[0]
                allowed = top in sys.stdlib_module_names or top == "httpx"
                assert allowed or top in ALLOWED.get(path.name, set()), (
                    f"{path.name} imports {name}"
                )
