"""``GITLAB_USERS_LOG=debug|info`` turns the SDK's logger on, on stderr, in a fresh process.

The script runs against the bundled fake GitLab in-process (no sockets); one call is
answered 503 once, so that a retry shows at ``info``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_env import clean_env

SCRIPT = """
import anyio, httpx
from gitlab_users_client import AsyncGitLab, RetryPolicy
from gitlab_users_client.testing import FakeGitLab

fake = FakeGitLab.create(users=5)
inner = fake.transport()
busy = [True]

class OnceBusy(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request):
        if request.url.path.endswith("/users/2") and busy.pop() if busy else False:
            return httpx.Response(503, json={"message": "busy"})
        return await inner.handle_async_request(request)

async def main():
    policy = RetryPolicy(backoff_base=0.001, backoff_max=0.001)
    async with AsyncGitLab(fake.url, token=fake.admin_token, transport=OnceBusy(), retry_policy=policy) as gl:
        await gl.users.get(1)
        await gl.users.get(2)
        await gl.request("GET", "/users", params={"private_token": fake.admin_token})
    print("TOKEN=" + fake.admin_token)

anyio.run(main)
"""


def run(tmp_path: Path, value: str | None) -> tuple[str, str]:
    extra = {} if value is None else {"GITLAB_USERS_LOG": value}
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(tmp_path / "home", **extra),
        check=True,
    )
    token = completed.stdout.strip().removeprefix("TOKEN=")
    assert token
    assert token not in completed.stderr
    return completed.stderr, token


CALL_LINE = re.compile(
    r"^\S+ \S+ DEBUG gitlab_users_client: GET (\S+) -> (\d{3}) in \d+ ms "
    r"\(attempt (\d+), request id \S+\)$"
)


def test_debug_prints_one_line_per_call(tmp_path: Path) -> None:
    stderr, _ = run(tmp_path, "debug")
    calls = [CALL_LINE.match(line) for line in stderr.splitlines()]
    found = [(m[1], m[2], m[3]) for m in calls if m]
    assert [(url.split("/api/v4", 1)[1], status, attempt) for url, status, attempt in found] == [
        ("/users/1", "200", "1"),
        ("/users/2", "200", "2"),
        ("/users?private_token=%5BREDACTED%5D", "200", "1"),
    ]
    assert any(
        "INFO gitlab_users_client: GET /api/v4/users/2 answered 503" in line
        for line in stderr.splitlines()
    )


def test_info_prints_retries_only(tmp_path: Path) -> None:
    stderr, _ = run(tmp_path, " INFO ")
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "INFO gitlab_users_client: GET /api/v4/users/2 answered 503; retry 1" in lines[0]


def test_nothing_without_the_variable(tmp_path: Path) -> None:
    stderr, _ = run(tmp_path, None)
    assert stderr == ""


@pytest.mark.parametrize("value", ["verbose", "1"])
def test_an_unknown_level_is_a_warning(tmp_path: Path, value: str) -> None:
    stderr, _ = run(tmp_path, value)
    assert "RuntimeWarning: GITLAB_USERS_LOG must be 'debug' or 'info'" in stderr
    assert "gitlab_users_client:" not in stderr
