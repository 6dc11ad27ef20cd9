"""The ``gitlab-users`` CLI, run as a subprocess against the fake GitLab over loopback."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import stat
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults, User
from tests.cli_env import clean_env

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


class Runner:
    """Runs the CLI as a subprocess with the fake's URL and a token in the environment.

    Every run checks that no token leaked into stdout/stderr and that no traceback was
    printed. ``many`` starts independent read-only runs side by side (2 cores).
    """

    def __init__(self, server: FakeGitLabServer, home: Path) -> None:
        self.server = server
        self.home = home

    def _start(self, args: tuple[str, ...], token: str | None) -> subprocess.Popen[str]:
        env = clean_env(self.home)
        env.update(GITLAB_URL=self.server.url, GITLAB_TOKEN=token or self.server.admin_token)
        return subprocess.Popen(
            [*CLI, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def _finish(
        self, proc: subprocess.Popen[str], args: tuple[str, ...], stdin: str | None
    ) -> subprocess.CompletedProcess[str]:
        try:
            out, err = proc.communicate(stdin or "", timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
        for secret in (self.server.admin_token, self.server.user_token):
            assert secret not in out + err
        assert "Traceback" not in err
        return subprocess.CompletedProcess(list(args), proc.returncode, out, err)

    def __call__(
        self, *args: str, stdin: str | None = None, token: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self._finish(self._start(args, token), args, stdin)

    def many(self, *calls: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
        started = [(self._start(args, None), args) for args in calls]
        return [self._finish(proc, args, None) for proc, args in started]


@pytest.fixture(scope="module")
def cli(server: FakeGitLabServer, home: Path) -> Runner:
    runner = Runner(server, home)
    # One run first fills the bytecode cache, so that parallel runs do not all compile it.
    assert runner("get", "1", "-o", "jsonl").returncode == 0
    return runner


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
def test_help_version_and_usage_errors(cli: Runner) -> None:
    bad = [("list", "--bogus"), ("list", "-o", "xml"), ("frobnicate",), ("get",)]
    helped, version, refused, *errors = cli.many(
        ("--help",), ("--version",), ("list", "--token", "glpat-typed-on-the-command-line"), *bad
    )
    assert helped.returncode == 0
    assert "shell history" in helped.stdout and "bulk" in helped.stdout
    assert version.stdout.startswith("gitlab-users ")
    for proc in errors:
        assert proc.returncode == 2, proc.args
        assert "error:" in proc.stderr
    assert refused.returncode == 2
    assert "not accepted on the command line" in refused.stderr
    assert "glpat-typed-on-the-command-line" not in refused.stderr


def test_not_found_is_one_clear_line(cli: Runner) -> None:
    by_id, by_name = cli.many(("get", "999999"), ("get", "no.such.user"))
    assert by_id.returncode == 1
    assert by_id.stdout == ""
    lines = by_id.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: 404 User Not Found: GET ")
    assert "/users/999999" in lines[0]
    assert by_name.returncode == 1
    assert by_name.stderr == "error: user 'no.such.user' not found\n"


def test_whoami_and_verbose_logs(cli: Runner) -> None:
    proc = cli("--verbose", "whoami", "-o", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["username"] == "root"
    assert "GET " in proc.stderr and "/api/v4/user" in proc.stderr  # SDK debug log


# -- list ----------------------------------------------------------------------------------
def test_list_in_every_format_matches_state(cli: Runner, server: FakeGitLabServer) -> None:
    users = server.state.users.values()
    default, blocked, recent, first7, table = cli.many(
        ("list", "--active", "--humans", "--per-page", "40"),
        ("list", "--blocked", "-o", "csv", "--fields", "id,username,state"),
        ("list", "--created-after", "2020-01-01", "--two-factor", "enabled", "-o", "csv"),
        ("list", "--order-by", "id", "--sort", "asc", "--limit", "7", "-o", "json"),
        ("search", "scott", "-o", "table", "--limit", "3"),
    )
    rows = jsonl(default.stdout)  # jsonl is the default when stdout is not a terminal
    expected = {u.id: u.username for u in users if u.state == "active" and u.user_type == "human"}
    assert {r["id"]: r["username"] for r in rows} == expected
    assert len(rows) == len(expected)

    found = {
        r["id"]: (r["username"], r["state"]) for r in csv.DictReader(io.StringIO(blocked.stdout))
    }
    assert found == {
        str(u.id): (u.username, u.state) for u in users if u.state in ("blocked", "ldap_blocked")
    }

    cutoff = datetime(2020, 1, 1, tzinfo=UTC)
    recent_rows = list(csv.DictReader(io.StringIO(recent.stdout)))
    assert {int(r["id"]) for r in recent_rows} == {
        u.id for u in users if u.created_at >= cutoff and u.two_factor_enabled
    }
    assert all(r["email"] for r in recent_rows)  # CSV without --fields: every field

    assert [r["id"] for r in json.loads(first7.stdout)] == sorted(server.state.users)[:7]

    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "USERNAME", "NAME", "STATE", "EMAIL", "IS_ADMIN"]
    assert len(lines) == 4 and all("scott" in line.lower() for line in lines[1:])


def test_list_custom_attribute_filter(cli: Runner, server: FakeGitLabServer) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    with server.state.lock:
        user.custom_attributes = {"cost_center": "cc-42"}
        server.state.touch(user)
    found, bad = cli.many(
        ("list", "--attr", "cost_center=cc-42", "--fields", "id,username", "-o", "jsonl"),
        ("list", "--attr", "no-equals-sign"),
    )
    assert jsonl(found.stdout) == [{"id": user.id, "username": user.username}]
    assert bad.returncode == 2


def test_list_streams_pages_as_they_arrive(server: FakeGitLabServer, home: Path) -> None:
    server.state.engine.set_faults(Faults(latency=0.3, paths=["^/api/v4/users$"]))
    env = clean_env(home) | {"GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
    command = [*CLI, "list", "--per-page", "50", "--pagination", "keyset", "-o", "jsonl"]
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
def test_get_by_id_and_username(cli: Runner, server: FakeGitLabServer) -> None:
    user = server.state.users[20]
    by_id, by_name = cli.many(
        ("get", "20", "-o", "json"),
        ("get", "@" + user.username, "-o", "table", "--fields", "id,username,state"),
    )
    record = json.loads(by_id.stdout)
    assert (record["id"], record["username"], record["email"]) == (20, user.username, user.email)
    assert by_name.stdout.split() == ["id", "20", "username", user.username, "state", user.state]


def test_create_update_delete(cli: Runner, server: FakeGitLabServer, tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text("correct-horse-battery\n")
    created, no_password = cli.many(
        (
            "create", "--email", "cli.user@example.com", "--name", "Cli User",
            "--username", "cli.user", "--password-file", str(password),
            "--note", "made by cli", "--external", "-o", "json",
        ),
        ("create", "--email", "x@example.com", "--name", "X", "--username", "x"),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert no_password.returncode == 2
    uid = json.loads(created.stdout)["id"]
    record = server.state.users[uid]
    assert (record.username, record.note, record.external) == ("cli.user", "made by cli", True)
    assert record.password == "correct-horse-battery"
    assert "correct-horse-battery" not in created.stdout + created.stderr

    before = (record.name, record.email)
    updated, empty = cli.many(
        ("update", "cli.user", "--bio", "Hello", "--admin", "--no-external", "-o", "jsonl"),
        ("update", "cli.user"),
    )
    assert updated.returncode == 0, updated.stderr
    assert (record.bio, record.is_admin, record.external) == ("Hello", True, False)
    assert (record.name, record.email) == before  # only the given fields were sent
    assert empty.returncode == 2 and "nothing to update" in empty.stderr

    deletes = server.state.stats.by_method["DELETE"]
    refused = cli("delete", "cli.user")  # stdin is not a terminal
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert server.state.stats.by_method["DELETE"] == deletes and uid in server.state.users
    deleted = cli("delete", "cli.user", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert uid not in server.state.users


def test_delete_asks_on_a_terminal(server: FakeGitLabServer, home: Path) -> None:
    keep, remove = pick(server, lambda u: u.state == "active", 2)
    env = clean_env(home) | {"GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
    runs = []
    for user, answer in ((keep, b"n\n"), (remove, b"y\n")):
        controller, terminal = pty.openpty()  # stdin is a terminal: the CLI asks
        proc = subprocess.Popen(
            [*CLI, "delete", user.username],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        os.close(terminal)
        os.write(controller, answer)
        runs.append((proc, controller))
    results = []
    for proc, controller in runs:
        out, err = proc.communicate(timeout=30)
        os.close(controller)
        results.append((proc.returncode, out, err))
    (kept_rc, _, kept_err), (removed_rc, removed_out, removed_err) = results
    assert f"Delete user {keep.id} ({keep.username})? [y/N]" in kept_err
    assert kept_rc == 1 and "nothing deleted" in kept_err
    assert keep.id in server.state.users
    assert removed_rc == 0, removed_err
    assert removed_out == f"deleted user {remove.id} ({remove.username})\n"
    assert remove.id not in server.state.users


def test_moderation_verbs(cli: Runner, server: FakeGitLabServer) -> None:
    dormant = date.today() - timedelta(days=400)
    a, b = pick(server, lambda u: u.state == "active", 2)
    (old,) = pick(
        server, lambda u: u.state == "active" and (u.last_activity_on or date.max) < dormant
    )
    approved, rejected = pick(server, lambda u: u.state == "blocked_pending_approval", 2)
    first = [
        ("ban", str(b.id), b, "banned"),
        ("deactivate", str(old.id), old, "deactivated"),
        ("approve", approved.username, approved, "active"),
    ]
    then = [
        ("unblock", str(a.id), a, "active"),
        ("unban", b.username, b, "active"),
        ("activate", str(old.id), old, "active"),
    ]
    mixed = cli("block", a.username, "nobody.at.all", "3")  # 3 is an internal bot: 403
    assert mixed.returncode == 1
    assert f"user {a.id} ({a.username}): blocked" in mixed.stdout
    assert len(mixed.stderr.splitlines()) == 2 and "403" in mixed.stderr
    for batch in (first, then):
        results = cli.many(*[(verb, ref) for verb, ref, _, _ in batch])
        for (verb, _, user, state), proc in zip(batch, results, strict=True):
            assert proc.returncode == 0, (verb, proc.stderr)
            assert f"user {user.id}" in proc.stdout
            assert server.state.users[user.id].state == state, verb
    proc = cli("reject", str(rejected.id))
    assert proc.returncode == 0, proc.stderr
    assert rejected.id not in server.state.users  # GitLab deletes a rejected user


# -- keys, emails, tokens, attributes ------------------------------------------------------
def test_keys(cli: Runner, server: FakeGitLabServer, tmp_path: Path) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    key_file = tmp_path / "id.pub"
    key_file.write_text(ED25519 + "\n")
    added, no_key = cli.many(
        (
            "keys",
            "add",
            user.username,
            "--title",
            "laptop",
            "--key-file",
            str(key_file),
            "-o",
            "json",
        ),
        ("keys", "add", str(user.id), "--title", "t"),
    )
    assert added.returncode == 0, added.stderr
    assert no_key.returncode == 2
    key_id = json.loads(added.stdout)["id"]
    assert [k.title for k in server.state.ssh_keys_by_user[user.id]] == ["laptop"]
    listed = jsonl(cli("keys", "list", str(user.id)).stdout)
    assert [k["id"] for k in listed] == [key_id]
    assert cli("keys", "delete", str(user.id), str(key_id)).returncode == 0
    assert key_id not in server.state.ssh_keys


def test_emails(cli: Runner, server: FakeGitLabServer) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    added = cli("emails", "add", str(user.id), "second@cli.example.com", "-o", "json")
    assert added.returncode == 0, added.stderr
    email_id = json.loads(added.stdout)["id"]
    listed = cli("emails", "list", str(user.id), "-o", "csv").stdout
    assert "second@cli.example.com" in {r["email"] for r in csv.DictReader(io.StringIO(listed))}
    assert cli("emails", "delete", str(user.id), "second@cli.example.com").returncode == 0
    assert email_id not in server.state.emails


def test_tokens(cli: Runner, server: FakeGitLabServer, tmp_path: Path) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    uid = str(user.id)
    posts = server.state.stats.by_method["POST"]
    refused = cli("tokens", "create", uid, "--name", "ci", "--scopes", "api")
    assert refused.returncode == 2 and "--show-token" in refused.stderr
    assert server.state.stats.by_method["POST"] == posts  # refused before any request

    target = tmp_path / "new-token"
    expires = (date.today() + timedelta(days=30)).isoformat()
    created, shown = cli.many(
        (
            "tokens", "create", uid, "--name", "ci", "--scopes", "api,read_user",
            "--expires-at", expires, "--token-file", str(target), "-o", "json",
        ),
        ("tokens", "create", uid, "--name", "ci2", "--scopes", "read_user", "--show-token", "-o", "json"),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    meta = json.loads(created.stdout)
    value = target.read_text().strip()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert server.state.tokens[value].user_id == user.id
    assert "token" not in meta and value not in created.stdout + created.stderr
    shown_value = json.loads(shown.stdout)["token"]
    assert shown.stdout.count(shown_value) == 1 and shown_value not in shown.stderr
    assert server.state.tokens[shown_value].user_id == user.id

    again, listed = cli.many(
        ("tokens", "create", uid, "--name", "x", "--scopes", "api", "--token-file", str(target)),
        ("tokens", "list", uid),
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    rows = jsonl(listed.stdout)
    assert {t["name"] for t in rows} == {"ci", "ci2"}
    assert value not in listed.stdout and shown_value not in listed.stdout
    assert cli("tokens", "revoke", uid, str(meta["id"])).returncode == 0
    assert server.state.tokens[value].revoked


def test_custom_attributes(cli: Runner, server: FakeGitLabServer) -> None:
    (user,) = pick(server, lambda u: u.state == "active")
    uid = str(user.id)
    assert cli("attrs", "set", uid, "team", "blue").returncode == 0
    assert server.state.users[user.id].custom_attributes == {"team": "blue"}
    got, listed = cli.many(("attrs", "get", uid, "team"), ("attrs", "list", user.username))
    assert jsonl(got.stdout) == [{"key": "team", "value": "blue"}]
    assert jsonl(listed.stdout) == [{"key": "team", "value": "blue"}]
    assert cli("attrs", "delete", uid, "team").returncode == 0
    assert not server.state.users[user.id].custom_attributes


# -- issue 15: rough edges -------------------------------------------------------------------
def test_unknown_fields_are_refused_with_the_valid_list(
    cli: Runner, server: FakeGitLabServer
) -> None:
    listed, got, nested, fine, attrs = cli.many(
        ("list", "--fields", "id,usernme", "-o", "csv", "--limit", "3"),
        ("get", "1", "--fields", "id,bogus"),
        ("get", "1", "--fields", "identities.x,id", "-o", "json"),
        ("get", "1", "--fields", "id,username", "-o", "json"),
        ("attrs", "list", "1", "--fields", "key,vale"),
    )
    assert attrs.returncode == 2 and "unknown field 'vale' (valid: key, value)" in attrs.stderr
    assert listed.returncode == 2 and listed.stdout == ""
    assert "--fields: unknown field 'usernme' (valid: id, username," in listed.stderr
    assert got.returncode == 2 and "unknown field 'bogus'" in got.stderr
    assert nested.returncode == 0  # a list has no fields to check against
    assert json.loads(fine.stdout) == {"id": 1, "username": server.state.users[1].username}

    before = writes(server)
    created = cli(
        "create", "--email", "f@example.com", "--name", "F", "--username", "fields.check",
        "--reset-password", "--fields", "id,nope",
    )  # fmt: skip
    assert created.returncode == 2 and "unknown field 'nope'" in created.stderr
    assert writes(server) == before  # refused before the user was created


def _table_run(server: FakeGitLabServer, home: Path, columns: int, *args: str) -> str:
    """Run ``list -o table`` with stdout on a pseudo-terminal ``columns`` wide."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = clean_env(home) | {"GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
    env.pop("COLUMNS", None)
    with subprocess.Popen(
        [*CLI, "list", "-o", "table", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=30) == 0
    os.close(controller)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_table_fits_the_terminal_and_later_pages_are_not_cut(
    server: FakeGitLabServer, home: Path
) -> None:
    ordered = sorted(server.state.users.values(), key=lambda u: u.id)[:40]
    first_page = max(len(u.username) for u in ordered[:5])
    assert any(len(u.username) > first_page for u in ordered[5:])  # the case at hand
    paging = ("--order-by", "id", "--sort", "asc", "--per-page", "5", "--limit", "40")
    wide = _table_run(server, home, 200, "--fields", "id,username", *paging)
    assert [line.split() for line in wide.splitlines()[1:]] == [
        [str(u.id), u.username] for u in ordered
    ]  # every username whole, on later pages too
    narrow = _table_run(server, home, 60, *paging)
    lines = narrow.splitlines()
    assert lines[0].split() == ["ID", "USERNAME", "NAME", "STATE", "EMAIL", "IS_ADMIN"]
    assert len(lines) == 41
    assert max(len(line) for line in lines) <= 60
    assert max(len(line) for line in _table_run(server, home, 200, *paging).splitlines()) > 60


def test_stray_argument_shows_the_subcommand_usage(cli: Runner) -> None:
    single, nested = cli.many(("get", "1", "extra"), ("keys", "list", "1", "2"))
    assert single.returncode == 2
    assert single.stderr.startswith("usage: gitlab-users get ")
    assert "gitlab-users get: error: unrecognized arguments: extra" in single.stderr
    assert nested.returncode == 2
    assert nested.stderr.startswith("usage: gitlab-users keys list ")
    assert "unrecognized arguments: 2" in nested.stderr
