"""Where ``gitlab-users`` takes its URL and token from: flags > environment > config file."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
DEAD_URL = "http://127.0.0.1:9"  # nothing listens on the discard port


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=20, seed=3) as running:
        yield running


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def secret_file(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def run(
    server: FakeGitLabServer, home: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with ``HOME=home`` and only the given GITLAB_* variables."""
    # One bytecode cache for the whole session: home is a per-test directory here.
    pycache = str(home.parent.parent / "cli-pycache")
    environ = clean_env(home, **{"PYTHONPYCACHEPREFIX": pycache, **env})
    proc = subprocess.run(
        [*CLI, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environ,
        timeout=30,
    )
    for token in (server.admin_token, server.user_token):
        assert token not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def whoami(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return str(json.loads(proc.stdout)["username"])


def test_precedence_flags_then_environment_then_config(
    server: FakeGitLabServer, home: Path
) -> None:
    user_token = secret_file(home / "user.token", server.user_token + "\n")
    config = home / ".config" / "gitlab-users" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'url = "{server.url}"\ntoken_file = "{user_token}"\ntimeout = 5\n')
    # the default config file alone
    assert whoami(run(server, home, "whoami", "-o", "json")) == "john_smith"
    # the environment beats the config file (its URL is dead now)
    config.write_text(f'url = "{DEAD_URL}"\ntoken_file = "{user_token}"\n')
    env = {"GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
    assert whoami(run(server, home, "whoami", "-o", "json", **env)) == "root"
    # flags beat the environment, before or after the command
    dead_env = {"GITLAB_URL": DEAD_URL, "GITLAB_TOKEN": server.admin_token}
    proc = run(
        server, home, "--url", server.url, "whoami", "-o", "json",
        "--token-file", str(user_token), **dead_env,
    )  # fmt: skip
    assert whoami(proc) == "john_smith"


def test_config_from_environment_variable_with_sudo(server: FakeGitLabServer, home: Path) -> None:
    config = home / "custom.toml"
    config.write_text(f'url = "{server.url}"\nsudo = "john_smith"\n')
    proc = run(
        server, home, "whoami", "-o", "json",
        GITLAB_USERS_CONFIG=str(config), GITLAB_TOKEN=server.admin_token,
    )  # fmt: skip
    assert whoami(proc) == "john_smith"  # admin token, acting as john_smith


def test_token_in_config_requires_private_file(server: FakeGitLabServer, home: Path) -> None:
    config = secret_file(
        home / "config.toml", f'url = "{server.url}"\ntoken = "{server.admin_token}"\n', 0o644
    )
    refused = run(server, home, "--config", str(config), "whoami")
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: config file ")
    assert "chmod 600" in refused.stderr and len(refused.stderr.splitlines()) == 1
    config.chmod(0o600)
    assert whoami(run(server, home, "--config", str(config), "whoami", "-o", "json")) == "root"


def test_configuration_errors_exit_2(server: FakeGitLabServer, home: Path) -> None:
    (home / "bad.toml").write_text('url = "x"\npassword = "no"\n')
    empty = secret_file(home / "empty.token", "\n")
    token = {"GITLAB_TOKEN": server.admin_token}
    cases = [
        (("--config", str(home / "bad.toml"), "whoami"), "unknown key 'password'"),
        (("--config", str(home / "missing.toml"), "whoami"), "does not exist"),
        (("whoami",), "no GitLab URL"),
        (("--url", server.url, "--token-file", str(empty), "whoami"), "is empty"),
        (("--url", "ftp://example.com", "whoami"), "http(s)"),
    ]
    for args, message in cases:
        proc = run(server, home, *args, **token)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith("error: ") and message in proc.stderr, proc.stderr


def test_unreachable_server_is_one_line_exit_1(server: FakeGitLabServer, home: Path) -> None:
    proc = run(
        server, home, "--url", DEAD_URL, "--max-retries", "0", "--timeout", "5", "whoami",
        GITLAB_TOKEN=server.admin_token,
    )  # fmt: skip
    assert proc.returncode == 1
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error: ")


def test_no_token_says_so_and_where_one_is_read_from(server: FakeGitLabServer, home: Path) -> None:
    before = server.state.stats.requests_total
    proc = run(server, home, "--url", server.url, "whoami")
    assert proc.returncode == 2
    assert "no token is configured" in proc.stderr
    for place in ("--token-file", "$GITLAB_TOKEN", str(home / ".config/gitlab-users/config.toml")):
        assert place in proc.stderr
    assert "401" not in proc.stderr
    assert server.state.stats.requests_total == before  # whoami did not even ask
    # Any other command that GitLab answers 401 gets the same hint.
    keys = run(server, home, "--url", server.url, "tokens", "list", "1")
    assert keys.returncode == 2
    assert "401" in keys.stderr and "no token is configured" in keys.stderr


def test_credentials_in_the_url_are_refused_in_cli_terms(
    server: FakeGitLabServer, home: Path
) -> None:
    url = server.url.replace("http://", "http://alice:hunter2-secret@")
    for args, env, source in (
        (("--url", url, "whoami"), {}, "--url"),
        (("whoami",), {"GITLAB_URL": url}, "$GITLAB_URL"),
    ):
        proc = run(server, home, *args, GITLAB_TOKEN=server.admin_token, **env)
        assert proc.returncode == 2
        assert f"the GitLab URL ({source}) must not contain credentials" in proc.stderr
        assert "--token-file" in proc.stderr and "token=" not in proc.stderr
        assert "hunter2-secret" not in proc.stderr
