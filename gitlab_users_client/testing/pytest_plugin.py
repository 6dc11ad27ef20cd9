"""Opt-in pytest fixtures for the fake GitLab (``pytest_plugins = ["gitlab_users_client.testing.pytest_plugin"]``).

Not registered as an entry point on purpose: installing the SDK must not change anybody's
test session. Override ``fake_gitlab_users``/``fake_gitlab_config``/``fake_gitlab_faults`` in a
``conftest.py`` to change what the fixtures build.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._config import FakeConfig
from ._faults import Faults
from ._server import FakeGitLabServer
from ._testing import FakeGitLab


@pytest.fixture
def fake_gitlab_users() -> int:
    """How many users the fixtures seed (override to change)."""
    return 30


@pytest.fixture
def fake_gitlab_config() -> FakeConfig:
    return FakeConfig()


@pytest.fixture
def fake_gitlab_faults() -> Faults:
    return Faults()


@pytest.fixture
def fake_gitlab(
    fake_gitlab_users: int, fake_gitlab_config: FakeConfig, fake_gitlab_faults: Faults
) -> FakeGitLab:
    """An in-process fake: ``.state``, ``.app``, tokens and ``.client()`` (ASGI transport)."""
    return FakeGitLab.create(
        users=fake_gitlab_users, config=fake_gitlab_config, faults=fake_gitlab_faults
    )


@pytest.fixture
def fake_gitlab_server(
    fake_gitlab_users: int, fake_gitlab_config: FakeConfig, fake_gitlab_faults: Faults
) -> Iterator[FakeGitLabServer]:
    """A loopback server on 127.0.0.1:<free port>, stopped after the test."""
    server = FakeGitLabServer(
        users=fake_gitlab_users, config=fake_gitlab_config, faults=fake_gitlab_faults
    )
    with server:
        yield server
