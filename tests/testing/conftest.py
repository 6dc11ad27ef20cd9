"""Shared fixtures for the fake GitLab tests: an in-process fake and clients per role."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gitlab_users_client.testing import FakeConfig, FakeGitLab, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> FakeGitLab:
    return FakeGitLab.create(users=60, config=FakeConfig(clock=clock))


@pytest.fixture
async def admin(fake: FakeGitLab) -> AsyncIterator[httpx.AsyncClient]:
    async with fake.client(fake.admin_token) as client:
        yield client


@pytest.fixture
async def user(fake: FakeGitLab) -> AsyncIterator[httpx.AsyncClient]:
    async with fake.client(fake.user_token) as client:
        yield client


@pytest.fixture
async def anon(fake: FakeGitLab) -> AsyncIterator[httpx.AsyncClient]:
    async with fake.client() as client:
        yield client
