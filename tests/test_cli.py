"""The ``gitlab-users`` CLI, run as a subprocess against the fake GitLab over loopback."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults, User

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx6nNqjmS2hdd7V1jxW2hbwgD1Y6K6Vz3yMeJcW5Pzq t@x"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=200, seed=1) as running:
        yield running


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def clean_env(home: Path) -> dict[str, str]:
    """The test process environment without anything that could configure the CLI."""
    drop = ("GITLAB_", "CI_JOB_TOKEN", "XDG_CONFIG_HOME")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(HOME=str(home), NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    return env


@pytest.fixture(scope="module")
def cli(server: FakeGitLabServer, home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(
        *args: str, stdin: str | None = None, token: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = clean_env(home)
        env.update(GITLAB_URL=server.url, GITLAB_TOKEN=token or server.admin_token)
        proc = subprocess.run(
            [*CLI, *args],
            input=stdin,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
        )
        for secret in (server.admin_token, server.user_token):
            assert secret not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    return run


_taken: set[int] = set()


def pick(server: FakeGitLabServer, predicate: Callable[[User], bool], n: int = 1) -> list[User]:
    """``n`` human users matching ``predicate`` that no other test has used."""
    found = [
        u
        for u in server.state.users.values()
        if u.id > 2 and u.user_type == "human" and u.id not in _taken and predicate(u)
    ][:n]
    assert len(found) == n
    _taken.update(u.id for u in found)
    return found


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def writes(server: FakeGitLabServer) -> int:
    return sum(server.state.stats.by_method[m] for m in WRITES)


# -- general -------------------------------------------------------------------------------
def test_help_version_and_usage_errors(cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    helped = cli("--help")
    assert helped.returncode == 0
    assert "shell history" in helped.stdout and "bulk" in helped.stdout
    assert cli("--version").stdout.startswith("gitlab-users ")
    for bad in (["list", "--bogus"], ["list", "-o", "xml"], ["frobnicate"], ["get"]):
        proc = cli(*bad)
        assert proc.returncode == 2, bad
        assert "error:" in proc.stderr
    refused = cli("list", "--token", "glpat-typed-on-the-command-line")
    assert refused.returncode == 2
    assert "not accepted on the command line" in refused.stderr
    assert "glpat-typed-on-the-command-line" not in refused.stderr


def test_not_found_is_one_clear_line(cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    proc = cli("get", "999999")
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: 404 User Not Found: GET ")
    assert "/users/999999" in lines[0]
    assert cli("get", "no.such.user").returncode == 1


def test_whoami_and_verbose_logs(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    proc = cli("--verbose", "whoami", "-o", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["username"] == "root"
    assert "GET " in proc.stderr and "/api/v4/user" in proc.stderr  # SDK debug log
    regular = cli("whoami", "-o", "jsonl", "--fields", "id,username", token=server.user_token)
    assert jsonl(regular.stdout) == [{"id": 2, "username": "john_smith"}]


# -- list ----------------------------------------------------------------------------------
def test_list_jsonl_matches_state(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    proc = cli("list", "--active", "--humans", "--per-page", "40")
    assert proc.returncode == 0, proc.stderr
    rows = jsonl(proc.stdout)  # jsonl is the default when stdout is not a terminal
    expected = {
        u.id: u.username
        for u in server.state.users.values()
        if u.state == "active" and u.user_type == "human"
    }
    assert {r["id"]: r["username"] for r in rows} == expected
    assert len(rows) == len(expected)


def test_list_csv_with_fields_and_filters(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    proc = cli("list", "--blocked", "-o", "csv", "--fields", "id,username,state")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    expected = {
        str(u.id): (u.username, u.state)
        for u in server.state.users.values()
        if u.state in ("blocked", "ldap_blocked")
    }
    assert {r["id"]: (r["username"], r["state"]) for r in rows} == expected

    after = "2020-01-01"
    proc = cli(
        "list", "--created-after", after, "--two-factor", "enabled", "-o", "csv", "--fields", "id"
    )
    cutoff = datetime(2020, 1, 1, tzinfo=UTC)
    wanted = {
        u.id
        for u in server.state.users.values()
        if u.created_at >= cutoff and u.two_factor_enabled
    }
    assert {int(r["id"]) for r in csv.DictReader(io.StringIO(proc.stdout))} == wanted


def test_list_json_table_order_limit_and_attr_filter(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    proc = cli("list", "--order-by", "id", "--sort", "asc", "--limit", "7", "-o", "json")
    assert [r["id"] for r in json.loads(proc.stdout)] == sorted(server.state.users)[:7]

    table = cli("search", "scott", "-o", "table", "--limit", "3").stdout.splitlines()
    assert table[0].split() == ["ID", "USERNAME", "NAME", "STATE", "EMAIL", "IS_ADMIN"]
    assert len(table) == 4 and all("scott" in line.lower() for line in table[1:])

    (user,) = pick(server, lambda u: u.state == "active")
    assert cli("attrs", "set", str(user.id), "cost_center", "cc-42").returncode == 0
    found = cli("list", "--attr", "cost_center=cc-42", "--fields", "id,username", "-o", "jsonl")
    assert jsonl(found.stdout) == [{"id": user.id, "username": user.username}]
    assert cli("list", "--attr", "no-equals-sign").returncode == 2


def test_list_streams_pages_as_they_arrive(server: FakeGitLabServer, home: Path) -> None:
    server.state.engine.set_faults(Faults(latency=0.25, paths=["^/api/v4/users$"]))
    env = clean_env(home) | {"GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
    command = [*CLI, "list", "--per-page", "20", "--pagination", "keyset", "-o", "jsonl"]
    started = time.monotonic()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            first_at = time.monotonic() - started
            still_running = proc.poll() is None
            rest = proc.stdout.read()
            assert proc.wait(timeout=30) == 0
        finally:
            server.state.engine.set_faults(Faults())
            if proc.poll() is None:
                proc.kill()
    assert json.loads(first)["id"]
    assert still_running, f"first line only after the process ended ({first_at:.2f} s)"
    assert len(jsonl(first + rest)) == len(server.state.users)


# -- single users --------------------------------------------------------------------------
def test_get_by_id_and_username(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    user = server.state.users[20]
    by_id = json.loads(cli("get", "20", "-o", "json").stdout)
    by_name = json.loads(cli("get", user.username, "-o", "json").stdout)
    assert by_id == by_name
    assert (by_id["id"], by_id["username"], by_id["email"]) == (20, user.username, user.email)
    table = cli("get", "@" + user.username, "-o", "table", "--fields", "id,state").stdout
    assert table.split() == ["id", "20", "state", user.state]


def test_create_update_delete(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    password = tmp_path / "password"
    password.write_text("correct-horse-battery\n")
    created = cli(
        "create", "--email", "cli.user@example.com", "--name", "Cli User",
        "--username", "cli.user", "--password-file", str(password), "--note", "made by cli",
        "--external", "-o", "json",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    uid = json.loads(created.stdout)["id"]
    record = server.state.users[uid]
    assert (record.username, record.note, record.external) == ("cli.user", "made by cli", True)
    assert record.password == "correct-horse-battery"
    assert "correct-horse-battery" not in created.stdout + created.stderr
    assert cli("create", "--email", "x@example.com", "--name", "X", "--username", "x").returncode == 2

    before = (record.name, record.email)
    updated = cli("update", "cli.user", "--bio", "Hello", "--admin", "--no-external", "-o", "jsonl")
    assert updated.returncode == 0, updated.stderr
    assert (record.bio, record.is_admin, record.external) == ("Hello", True, False)
    assert (record.name, record.email) == before  # only the given fields were sent
    assert cli("update", "cli.user").returncode == 2  # nothing to update

    puts = server.state.stats.by_method["DELETE"]
    refused = cli("delete", "cli.user")  # stdin is not a terminal
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert server.state.stats.by_method["DELETE"] == puts and uid in server.state.users
    deleted = cli("delete", "cli.user", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert uid not in server.state.users


def test_moderation_verbs(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    dormant = date.today() - timedelta(days=400)
    a, b = pick(server, lambda u: u.state == "active", 2)
    (old,) = pick(
        server,
        lambda u: u.state == "active" and (u.last_activity_on or date.max) < dormant,
    )
    p1, p2 = pick(server, lambda u: u.state == "blocked_pending_approval", 2)
    steps = [
        ("block", a, "blocked"),
        ("unblock", a, "active"),
        ("ban", b, "banned"),
        ("unban", b, "active"),
        ("deactivate", old, "deactivated"),
        ("activate", old, "active"),
        ("approve", p1, "active"),
    ]
    for verb, user, state in steps:
        proc = cli(verb, user.username if verb in ("block", "ban") else str(user.id))
        assert proc.returncode == 0, (verb, proc.stderr)
        assert server.state.users[user.id].state == state, verb
        assert f"user {user.id}" in proc.stdout
    rejected = cli("reject", str(p2.id))
    assert rejected.returncode == 0, rejected.stderr
    assert p2.id not in server.state.users or server.state.users[p2.id].state != "blocked_pending_approval"

    mixed = cli("block", str(a.id), "nobody.at.all", "3")  # 3 is an internal bot: 403
    assert mixed.returncode == 1
    assert server.state.users[a.id].state == "blocked"
    assert len(mixed.stderr.splitlines()) == 2 and "403" in mixed.stderr


# -- keys, emails, tokens, attributes ------------------------------------------------------
def test_keys(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    key_file = tmp_path / "id.pub"
    key_file.write_text(ED25519 + "\n")
    added = cli("keys", "add", user.username, "--title", "laptop", "--key-file", str(key_file), "-o", "json")
    assert added.returncode == 0, added.stderr
    key_id = json.loads(added.stdout)["id"]
    assert [k.title for k in server.state.ssh_keys_by_user[user.id]] == ["laptop"]
    listed = jsonl(cli("keys", "list", str(user.id)).stdout)
    assert [k["id"] for k in listed] == [key_id]
    assert cli("keys", "delete", str(user.id), str(key_id)).returncode == 0
    assert key_id not in server.state.ssh_keys
    assert cli("keys", "add", str(user.id), "--title", "t").returncode == 2  # no key given


def test_emails(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    added = cli("emails", "add", str(user.id), "second@cli.example.com", "-o", "json")
    assert added.returncode == 0, added.stderr
    email_id = json.loads(added.stdout)["id"]
    rows = list(csv.DictReader(io.StringIO(cli("emails", "list", str(user.id), "-o", "csv").stdout)))
    assert {r["email"] for r in rows} >= {"second@cli.example.com"}
    assert cli("emails", "delete", str(user.id), "second@cli.example.com").returncode == 0
    assert email_id not in server.state.emails


def test_tokens(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    uid = str(user.id)
    posts = server.state.stats.by_method["POST"]
    refused = cli("tokens", "create", uid, "--name", "ci", "--scopes", "api")
    assert refused.returncode == 2 and "--show-token" in refused.stderr
    assert server.state.stats.by_method["POST"] == posts  # refused before any request

    target = tmp_path / "new-token"
    created = cli(
        "tokens", "create", uid, "--name", "ci", "--scopes", "api,read_user",
        "--expires-at", (date.today() + timedelta(days=30)).isoformat(),
        "--token-file", str(target), "-o", "json",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    meta = json.loads(created.stdout)
    value = target.read_text().strip()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert server.state.tokens[value].user_id == user.id
    assert "token" not in meta and value not in created.stdout + created.stderr
    again = cli("tokens", "create", uid, "--name", "x", "--scopes", "api", "--token-file", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr

    shown = cli("tokens", "create", uid, "--name", "ci2", "--scopes", "read_user", "--show-token", "-o", "json")
    shown_value = json.loads(shown.stdout)["token"]
    assert shown.stdout.count(shown_value) == 1 and shown_value not in shown.stderr
    assert server.state.tokens[shown_value].user_id == user.id

    listed = jsonl(cli("tokens", "list", uid).stdout)
    assert {t["name"] for t in listed} == {"ci", "ci2"}
    assert all("token" not in t for t in listed)
    assert cli("tokens", "revoke", uid, str(meta["id"])).returncode == 0
    assert server.state.tokens[value].revoked


def test_custom_attributes(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    uid = str(user.id)
    assert cli("attrs", "set", uid, "team", "blue").returncode == 0
    assert server.state.users[user.id].custom_attributes == {"team": "blue"}
    assert jsonl(cli("attrs", "get", uid, "team").stdout) == [{"key": "team", "value": "blue"}]
    assert jsonl(cli("attrs", "list", user.username).stdout) == [{"key": "team", "value": "blue"}]
    assert cli("attrs", "delete", uid, "team").returncode == 0
    assert not server.state.users[user.id].custom_attributes
    assert cli("attrs", "get", uid, "team").returncode == 1
