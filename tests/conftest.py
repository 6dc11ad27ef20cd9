"""Shared fixtures: SDK clients wired to the bundled fake GitLab (in-process, no sockets)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from gitlab_users_client import AsyncGitLab
from gitlab_users_client.testing import FakeGitLab

pytest_plugins = ["gitlab_users_client.testing.pytest_plugin"]

# tests/ is a package (so that tests/http/ is ``tests.http``, not the standard library's
# ``http``); helper modules beside this file are imported through it (``tests.cli_env``),
# which is also how mypy finds them (`make typecheck` checks the tests). This directory
# stays importable by plain names too, for a test written that way; appended, never
# prepended: nothing here may shadow a standard module.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.append(_HERE)


@pytest.fixture(autouse=True)
def _no_gitlab_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own GITLAB_URL/GITLAB_TOKEN/CI_JOB_TOKEN or proxies."""
    for name in ("GITLAB_URL", "GITLAB_TOKEN", "CI_JOB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    # Nor their proxies: the default client reads them, as httpx does (the proxy tests
    # set their own).
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def sdk_client(fake: FakeGitLab, token: str | None, **kwargs: object) -> AsyncGitLab:
    """An ``AsyncGitLab`` talking to ``fake`` through ASGI (retries, auth and errors as usual)."""
    return AsyncGitLab(fake.url, token=token, transport=fake.transport(), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def client_for(fake_gitlab: FakeGitLab) -> Callable[..., AsyncGitLab]:
    """``client_for(token, **options)``: another client on the same fake (close it yourself)."""
    return lambda token, **kwargs: sdk_client(fake_gitlab, token, **kwargs)


@pytest.fixture
async def admin(fake_gitlab: FakeGitLab) -> AsyncIterator[AsyncGitLab]:
    async with sdk_client(fake_gitlab, fake_gitlab.admin_token) as gl:
        yield gl


@pytest.fixture
async def regular(fake_gitlab: FakeGitLab) -> AsyncIterator[AsyncGitLab]:
    async with sdk_client(fake_gitlab, fake_gitlab.user_token) as gl:
        yield gl
