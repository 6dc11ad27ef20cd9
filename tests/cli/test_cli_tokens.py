"""``gitlab-users tokens list``: the personal access token API from the command line, run as
a subprocess against the fake GitLab on a loopback socket."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=20, seed=3) as running:
        st = running.state
        today = st.clock.today()
        st.add_token(5, ["api"], name="deploy", expires_at=today + timedelta(days=3))
        st.add_token(5, ["read_user"], name="audit", expires_at=today + timedelta(days=200))
        st.add_token(5, ["api"], name="old", revoked=True)
        st.add_token(5, ["api"], name="as-5", impersonation=True)
        st.add_token(6, ["api"], name="other", expires_at=today + timedelta(days=2))
        yield running


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tokens-home")


def run(
    server: FakeGitLabServer, home: Path, *args: str, token: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = clean_env(home, GITLAB_URL=server.url, GITLAB_TOKEN=token or server.admin_token)
    proc = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    for value in server.state.tokens:  # no token value is ever printed
        assert value not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def names(stdout: str) -> list[str]:
    return [json.loads(line)["name"] for line in stdout.splitlines() if line.strip()]


def test_a_users_tokens_with_filters(server: FakeGitLabServer, home: Path) -> None:
    user = server.state.users[5]
    listed = run(server, home, "tokens", "list", "--user", user.username, "-o", "jsonl")
    assert listed.returncode == 0, listed.stderr
    assert names(listed.stdout) == ["deploy", "audit", "old", "as-5"]  # impersonation too
    active = run(server, home, "tokens", "list", "5", "--state", "active", "-o", "jsonl")
    assert names(active.stdout) == ["deploy", "audit", "as-5"]
    soon = (server.state.clock.today() + timedelta(days=7)).isoformat()
    expiring = run(
        server, home, "tokens", "list", "--state", "active", "--expires-before", soon, "-o", "jsonl"
    )
    assert names(expiring.stdout) == ["deploy", "other"]  # every user's, for an admin
    revoked = run(server, home, "tokens", "list", "--user", "5", "--revoked", "-o", "jsonl")
    assert names(revoked.stdout) == ["old"]
    kept = run(server, home, "tokens", "list", "--user", "5", "--no-revoked", "-o", "jsonl")
    assert "old" not in names(kept.stdout)


def test_last_used_before_leaves_out_unused_tokens(server: FakeGitLabServer, home: Path) -> None:
    stale = server.state.add_token(7, ["api"], name="stale")
    server.state.add_token(7, ["api"], name="never-used")
    stale.last_used_at = stale.created_at - timedelta(days=100)
    cutoff = (date.today() + timedelta(days=1)).isoformat()
    proc = run(server, home, "tokens", "list", "--user", "7", "--last-used-before", cutoff)
    assert proc.returncode == 0, proc.stderr
    assert names(proc.stdout) == ["stale"]  # jsonl when stdout is not a terminal


def test_output_formats_and_fields(server: FakeGitLabServer, home: Path) -> None:
    table = run(server, home, "tokens", "list", "--user", "5", "-o", "table")
    header = table.stdout.splitlines()[0].lower().split()
    assert header == ["id", "user_id", "name", "scopes", "active", "revoked", "expires_at",
                      "last_used_at"]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run(
        server, home, "tokens", "list", "--user", "5", "-o", "csv", "--fields", "id,name,active"
    ).stdout)))  # fmt: skip
    assert [r["name"] for r in rows] == ["deploy", "audit", "old", "as-5"]
    assert set(rows[0]) == {"id", "name", "active"}
    doc = json.loads(run(server, home, "tokens", "list", "--user", "5", "-o", "json").stdout)
    assert [t["name"] for t in doc] == ["deploy", "audit", "old", "as-5"]
    limited = run(server, home, "tokens", "list", "--sort", "name_desc", "--limit", "2")
    assert len(names(limited.stdout)) == 2


def test_a_regular_user_sees_their_own(server: FakeGitLabServer, home: Path) -> None:
    mine = run(server, home, "tokens", "list", token=server.user_token)
    assert mine.returncode == 0
    owner = server.state.tokens[server.user_token].user_id
    assert {json.loads(line)["user_id"] for line in mine.stdout.splitlines()} == {owner}
    refused = run(server, home, "tokens", "list", "--user", "5", token=server.user_token)
    assert refused.returncode == 1 and "401" in refused.stderr


def test_usage_errors(server: FakeGitLabServer, home: Path) -> None:
    before = server.state.stats.requests_total
    for args in (
        ("--state", "expired"),
        ("--expires-before", "next week"),
        ("--sort", "random"),
        ("5", "--user", "6"),
    ):
        proc = run(server, home, "tokens", "list", *args)
        assert proc.returncode == 2, args
    assert server.state.stats.requests_total == before  # refused before any request
