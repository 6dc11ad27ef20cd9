"""Fixtures of the ``gitlab-users`` process tests: a fresh fake GitLab per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli.bulk_cli import Bulk


@pytest.fixture
def fake() -> Iterator[FakeGitLabServer]:
    """A fake GitLab of 150 users of its own, on 127.0.0.1 (stopped after the test)."""
    with FakeGitLabServer(users=150, seed=20) as server:
        yield server


@pytest.fixture
def bulk(fake: FakeGitLabServer, tmp_path: Path) -> Bulk:
    """``gitlab-users`` as the fake's administrator."""
    return Bulk(fake, tmp_path / "home")
