"""Profiles end to end: a real ``gitlab-users`` process, a config file with several
instances, and the fake GitLab on a loopback socket (and a TLS server with its own CA)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli_env import clean_env
from tests.http.test_tls import TLSServer, server_context

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
DEAD_URL = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=20, seed=3) as running:
        yield running


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    (path / ".config" / "gitlab-users").mkdir(parents=True)
    return path


def config(home: Path, text: str, mode: int = 0o600) -> Path:
    path = home / ".config" / "gitlab-users" / "config.toml"
    path.write_text(text)
    path.chmod(mode)
    return path


def helper(home: Path, token: str, name: str = "helper.py") -> Path:
    """A token command: prints ``token``; records its arguments and what it read on stdin."""
    script = home / name
    script.write_text(
        "import sys, pathlib\n"
        "here = pathlib.Path(__file__).parent\n"
        "(here / 'helper-args').write_text(' '.join(sys.argv[1:]))\n"
        "(here / 'helper-stdin').write_text(sys.stdin.read())\n"
        f"print({token!r})\n"
    )
    return script


def run(
    server: FakeGitLabServer, home: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean_env(home, **env),
        timeout=60,
    )
    for token in (server.admin_token, server.user_token):
        assert token not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def whoami(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return str(json.loads(proc.stdout)["username"])


def two_instances(server: FakeGitLabServer, home: Path) -> Path:
    """``admin`` (token_command, the default) and ``user`` (token_file) on the fake."""
    (home / "user.token").write_text(server.user_token + "\n")
    script = helper(home, server.admin_token)
    return config(
        home,
        'default = "admin"\n'
        "[profiles.admin]\n"
        f'url = "{server.url}"\n'
        f'token_command = ["{sys.executable}", "{script}", "a b", "$(id)"]\n'
        "[profiles.user]\n"
        f'url = "{server.url}"\n'
        'token_file = "../../user.token"\n',
    )


def test_profiles_are_chosen_by_flag_environment_or_default(
    server: FakeGitLabServer, home: Path
) -> None:
    two_instances(server, home)
    assert whoami(run(server, home, "whoami", "-o", "json")) == "root"
    assert whoami(run(server, home, "--gitlab", "user", "whoami", "-o", "json")) == "john_smith"
    assert whoami(run(server, home, "whoami", "-g", "user", "-o", "json")) == "john_smith"
    assert whoami(run(server, home, "whoami", "-o", "json", GITLAB_PROFILE="user")) == "john_smith"
    proc = run(server, home, "-g", "admin", "whoami", "-o", "json", GITLAB_PROFILE="user")
    assert whoami(proc) == "root"  # the flag beats the environment


def test_the_token_command_runs_without_a_shell_and_leaves_stdin_to_bulk(
    server: FakeGitLabServer, home: Path
) -> None:
    two_instances(server, home)
    users = "john_smith\n"
    proc = run(server, home, "bulk", "block", "--dry-run", "--no-progress", stdin=users)
    assert proc.returncode == 0, proc.stderr
    assert "john_smith" in proc.stdout  # bulk read its input: the helper did not take it
    assert (home / "helper-stdin").read_text() == ""
    assert (home / "helper-args").read_text() == "a b $(id)"  # as written, no shell


def test_profile_per_page_sizes_the_pages_and_the_flag_wins(
    server: FakeGitLabServer, home: Path
) -> None:
    (home / "admin.token").write_text(server.admin_token)
    config(
        home,
        f'[profiles.a]\nurl = "{server.url}"\ntoken_file = "../../admin.token"\nper_page = 5\n',
    )

    def pages(*args: str) -> tuple[int, int]:
        before = server.state.stats.by_path["/api/v4/users"]
        proc = run(server, home, "-g", "a", "list", "-o", "jsonl", *args)
        assert proc.returncode == 0, proc.stderr
        return server.state.stats.by_path["/api/v4/users"] - before, len(proc.stdout.splitlines())

    requests, users = pages()
    assert users > 10 and requests >= users / 5  # pages of 5
    assert pages("--per-page", "100") == (1, users)
    assert pages("--limit", "3") == (1, 3)  # a page of 3, not 5
    # list --concurrency (the parallel scan) sizes its own pages: no conflict with per_page.
    proc = run(server, home, "-g", "a", "list", "--concurrency", "2", "-o", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == users


def test_a_failing_token_command_names_the_profile_and_the_file(
    server: FakeGitLabServer, home: Path
) -> None:
    script = home / "fail.py"
    script.write_text(f"print({server.admin_token!r}); raise SystemExit(4)\n")
    path = config(
        home,
        f'[profiles.broken]\nurl = "{server.url}"\ntoken_command = ["{sys.executable}", "{script}"]\n',
    )
    before = server.state.stats.requests_total
    proc = run(server, home, "-g", "broken", "whoami")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: token_command of profile 'broken' (config file {path}) exited with status 4"
    )
    assert server.state.stats.requests_total == before  # nothing was sent


@pytest.mark.parametrize(
    ("text", "args", "env", "message"),
    [
        ("", ("-g", "prod"), {}, "profile 'prod' (--gitlab) is not in the config file {path} (profiles: none)"),
        ('[profiles.a]\nurl = "{url}"\ntoken = "{token}"\n', (), {"GITLAB_PROFILE": "a", "GITLAB_URL": DEAD_URL}, "$GITLAB_URL (http://127.0.0.1:9) would receive the token of profile 'a' (config file {path})"),
    ],
)  # fmt: skip
def test_configuration_errors_exit_2_before_any_request(
    server: FakeGitLabServer,
    home: Path,
    text: str,
    args: tuple[str, ...],
    env: dict[str, str],
    message: str,
) -> None:
    path = config(home, text.format(url=server.url, token=server.admin_token))
    before = server.state.stats.requests_total
    proc = run(server, home, *args, "whoami", **env)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {message.format(path=path)}")
    assert len(proc.stderr.splitlines()) == 1
    assert server.state.stats.requests_total == before


def test_config_show_says_where_each_setting_comes_from(
    server: FakeGitLabServer, home: Path
) -> None:
    two_instances(server, home)
    proc = run(
        server, home, "-g", "user", "config", "show", "--timeout", "7", "-o", "json",
        GITLAB_USERS_ENGINE="asyncio",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = {row["setting"]: (row["value"], row["source"]) for row in json.loads(proc.stdout)}
    assert rows["profile"] == ("user", "--gitlab")
    assert rows["url"] == (server.url, "profile 'user'")
    assert rows["token"] == ("(hidden)", "token_file of profile 'user'")
    assert rows["timeout"] == ("7.0", "--timeout")
    assert rows["engine"] == ("asyncio", "$GITLAB_USERS_ENGINE")
    assert not (home / "helper-args").exists()  # no token command ran
    listed = run(server, home, "config", "profiles", "-o", "json")
    assert json.loads(listed.stdout) == [
        {"profile": "admin", "default": True, "url": server.url, "token": "token_command"},
        {"profile": "user", "default": False, "url": server.url, "token": "token_file"},
    ]


def test_a_profiles_ca_file_is_trusted_for_its_instance(home: Path, tmp_path: Path) -> None:
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(home / ".config" / "gitlab-users" / "corp-ca.pem"))
    (home / "token").write_text("glpat-cli-profile-ca-0123456789")
    with TLSServer(server_context(ca, "localhost")) as tls:
        url = f"https://localhost:{tls.port}"
        config(
            home,
            f'token_file = "../../token"\n'
            f'[profiles.internal]\nurl = "{url}"\ntoken_file = "../../token"\nca_file = "corp-ca.pem"\n'
            f'[profiles.no-ca]\nurl = "{url}"\ntoken_file = "../../token"\nmax_retries = 0\n',
        )
        env = clean_env(home)
        common = [*CLI, "get", "1", "-o", "jsonl"]
        trusted = subprocess.run(
            [*common, "-g", "internal"], capture_output=True, text=True, env=env, timeout=60
        )
        refused = subprocess.run(
            [*common, "-g", "no-ca"], capture_output=True, text=True, env=env, timeout=60
        )
    assert trusted.returncode == 0, trusted.stderr
    assert json.loads(trusted.stdout)["username"] == "a"
    assert refused.returncode == 1 and "unable to get local issuer certificate" in refused.stderr
