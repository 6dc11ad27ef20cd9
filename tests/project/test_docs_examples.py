"""Every ```python block in README.md and docs/*.md runs, so the documentation cannot rot.

How the blocks run:

* One pytest parameter per block, with the id ``<file>:<line>`` (the line of the opening
  fence). A block preceded by ``<!-- not-tested: reason -->`` is skipped with that reason.
  A block preceded by ``<!-- excerpt: docs/examples/FILE.py -->`` is not run: it must
  appear verbatim in that file, which has its own test below.
* **Each block runs on its own, in a fresh namespace** (``__name__ == "__main__"``): blocks
  never depend on earlier blocks, so every example can be copied as it is. A block is
  compiled with ``ast.PyCF_ALLOW_TOP_LEVEL_AWAIT``; if that makes it a coroutine it runs
  with ``asyncio.run``, otherwise it is executed as a plain script (which may call
  ``asyncio.run`` itself).
* Blocks read ``GITLAB_URL``/``GITLAB_TOKEN`` like real code. They point at one loopback
  ``FakeGitLabServer`` started for this module (the admin token, so sudo works); faults,
  429 windows, throttles and statistics are reset before each block. Examples that create
  users delete them again, so the blocks can run in any order.
* A block that defines ``test_*`` functions is a pytest example (docs/testing.md): it is
  written to a temporary test module and run by pytest in a subprocess (``pytester``; an
  in-process run would restore ``sys.modules`` afterwards and leave duplicate classes
  behind for the rest of the session) with the SDK's pytest plugin. Every test in it must
  pass, on every backend. The repository root is on its ``sys.path``, so it can import
  ``docs.examples.fastapi_app``.

``docs/examples/fastapi_app.py`` is imported from its path and driven through
``httpx.ASGITransport`` inside the app's own lifespan, against the same server.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import inspect
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```python[ \t]*$")
NOT_TESTED = re.compile(r"<!--\s*not-tested:\s*(?P<reason>.+?)\s*-->")
EXCERPT = re.compile(r"<!--\s*excerpt:\s*(?P<path>\S+?)\s*-->")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    code: str
    skip_reason: str | None
    excerpt_of: str | None

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.line}"


def extract_blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if not FENCE.match(lines[index]):
            index += 1
            continue
        start = index
        previous = next((lines[i] for i in range(start - 1, -1, -1) if lines[i].strip()), "")
        marker = NOT_TESTED.search(previous)
        excerpt = EXCERPT.search(previous)
        index += 1
        body: list[str] = []
        while index < len(lines) and lines[index].rstrip() != "```":
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise ValueError(f"{path.name}:{start + 1}: unclosed ```python block")
        blocks.append(
            Block(
                path,
                start + 1,
                "\n".join(body) + "\n",
                marker["reason"] if marker else None,
                excerpt["path"] if excerpt else None,
            )
        )
        index += 1
    return blocks


def all_blocks() -> list[Block]:
    pages = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    return [block for page in pages for block in extract_blocks(page)]


BLOCKS = all_blocks()


def test_the_docs_have_examples() -> None:
    assert len(BLOCKS) >= 30
    assert sum(block.skip_reason is None for block in BLOCKS) >= 0.9 * len(BLOCKS)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=60, seed=2024) as running:
        yield running


@pytest.fixture
def gitlab_env(server: FakeGitLabServer, monkeypatch: pytest.MonkeyPatch) -> FakeGitLabServer:
    """The server, reset, with the environment a user's script would see."""
    state = server.state
    state.set_faults(Faults())
    state.engine.clear_windows()
    state.engine.reset_counter()
    state.config.rate_limit = None
    state.reset_stats()
    monkeypatch.setenv("GITLAB_URL", server.url)
    monkeypatch.setenv("GITLAB_TOKEN", server.admin_token)
    monkeypatch.delenv("CI_JOB_TOKEN", raising=False)
    return server


def defined_tests(tree: ast.Module) -> list[str]:
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    ]


def run_block(block: Block) -> None:
    code = compile(
        block.code, str(block.path), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
    )
    # Line numbers in tracebacks point into the Markdown file.
    code = code.replace(co_firstlineno=block.line + 1)
    namespace: dict[str, object] = {"__name__": "__main__"}
    result = eval(code, namespace)  # noqa: S307 - the documentation's own examples
    if inspect.iscoroutine(result):
        asyncio.run(result)


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_doc_example(
    block: Block, gitlab_env: FakeGitLabServer, request: pytest.FixtureRequest
) -> None:
    if block.skip_reason is not None:
        pytest.skip(block.skip_reason)
    if block.excerpt_of is not None:
        source = (ROOT / block.excerpt_of).read_text(encoding="utf-8")
        assert block.code in source, f"not a verbatim excerpt of {block.excerpt_of}"
        return
    tests = defined_tests(ast.parse(block.code))
    if not tests:
        run_block(block)
        return
    pytester: pytest.Pytester = request.getfixturevalue("pytester")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    inherited = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), inherited])))
    pytester.makepyfile(**{f"test_{block.path.stem.replace('-', '_')}": block.code})
    # Only the plugins the examples use: autoloading every installed one costs seconds.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    outcome = pytester.runpytest_subprocess(
        "-p",
        "anyio",
        "-p",
        "gitlab_users_client.testing.pytest_plugin",
        "-p",
        "no:cacheprovider",
        "-q",
    )
    counts = outcome.parseoutcomes()
    # anyio's plugin runs an async test once per installed backend (asyncio, trio).
    assert counts.get("passed", 0) >= len(tests), counts
    assert not counts.get("failed") and not counts.get("errors"), counts


# -- the FastAPI example ---------------------------------------------------------------------


def load_fastapi_example() -> ModuleType:
    path = DOCS / "examples" / "fastapi_app.py"
    spec = importlib.util.spec_from_file_location("docs_examples_fastapi_app", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_fastapi_example(gitlab_env: FakeGitLabServer) -> None:
    example = load_fastapi_example()
    app = example.app
    regular = gitlab_env.state.seeded
    assert regular is not None

    async def scenario() -> None:
        async with app.router.lifespan_context(app):
            gl = app.state.gitlab
            assert not gl.is_closed
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
                # Per-request sudo: the proxy-authenticated user acts as themselves.
                me = await client.get("/me", headers={"X-Remote-User": regular.user_username})
                assert me.status_code == 200, me.text
                assert me.json()["username"] == regular.user_username
                assert "email" not in me.json()  # the app's own schema, not GitLab's

                no_user = await client.get("/me")
                assert no_user.status_code == 401

                unknown = await client.get("/me", headers={"X-Remote-User": "no-such-user"})
                assert unknown.status_code == 404
                assert "no-such-user" in unknown.json()["detail"]

                found = await client.get("/users", params={"search": "root", "limit": 5})
                assert found.status_code == 200
                assert [user["username"] for user in found.json()] == ["root"]

                one = await client.get(f"/users/{regular.admin_id}")
                assert one.status_code == 200 and one.json()["id"] == regular.admin_id

                missing = await client.get("/users/987654")
                assert missing.status_code == 404
                assert missing.json()["detail"] == "User Not Found"

                status = await client.put(
                    "/me/status",
                    json={"message": "in a meeting", "emoji": "calendar"},
                    headers={"X-Remote-User": regular.user_username},
                )
                assert status.status_code == 200, status.text
                assert status.json()["message"] == "in a meeting"
                # It was set on the sudo user, not on the service account.
                async with example.AsyncGitLab() as check:
                    seen = await check.users.get_status(regular.user_username)
                    assert seen.message == "in a meeting"
                    assert (await check.user.status.get()).message != "in a meeting"

                gitlab_env.state.set_faults(Faults(error_rate=1.0, error_statuses=[502]))
                down = await client.get(f"/users/{regular.admin_id}")
                gitlab_env.state.set_faults(Faults())
                assert down.status_code == 502
                assert down.json()["detail"].startswith("GitLab")

                # A 2xx whose body the SDK cannot read is not an APIStatusError: it has
                # its own handler, so it is a 502 too, not an unhandled 500.
                unreadable = example.ResponseValidationError(
                    "the response does not match the documented schema",
                    response=httpx.Response(
                        200,
                        content=b"<html>proxy</html>",
                        request=httpx.Request("GET", "http://gitlab.test/api/v4/users/1"),
                    ),
                    body="<html>proxy</html>",
                    problems=["body: not JSON"],
                    error=ValueError("not JSON"),
                )
                handler = app.exception_handlers[example.ResponseValidationError]
                answer = await handler(None, unreadable)
                assert answer.status_code == 502

            # Per-request copies share the pool: only the lifespan closes it.
            assert not gl.is_closed
        assert gl.is_closed

    asyncio.run(scenario())
