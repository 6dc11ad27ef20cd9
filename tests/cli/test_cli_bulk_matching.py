"""``gitlab-users bulk ACTION --matching``: a bulk job over the users list's filters select.

Run as a subprocess against the fake GitLab over loopback, like ``test_cli_bulk``. Tests
that change users get a server of their own, so each one knows the state it starts from.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from gitlab_users_client.cli._report import Progress
from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
WRITES = ("POST", "PUT", "PATCH", "DELETE")
SUMMARY = re.compile(
    r"^processed (\d+): ok (\d+), failed (\d+), unknown (\d+)(?:, skipped (\d+))?"
    r"(?:, not attempted (\d+))? in [\d.]+ s$"
)
#: Only the users list, so scanning is slow while the actions are not.
SLOW_LISTING = Faults(latency=0.02, methods=["GET"], paths=["^/api/v4/users$"])

Run = Callable[..., subprocess.CompletedProcess[str]]


def environment(server: FakeGitLabServer, home: Path, token: str) -> dict[str, str]:
    return clean_env(home, GITLAB_URL=server.url, GITLAB_TOKEN=token)


def runner(server: FakeGitLabServer, home: Path, token: str | None = None) -> Run:
    env = environment(server, home, token or server.admin_token)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [*CLI, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert server.admin_token not in proc.stdout + proc.stderr
        assert server.user_token not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    return run


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[FakeGitLabServer, Run]]:
    """A server of 300 users for one test, and the CLI as its administrator."""
    with FakeGitLabServer(users=300, seed=11) as server:
        yield server, runner(server, tmp_path / "home")


@pytest.fixture
def larger(tmp_path: Path) -> Iterator[FakeGitLabServer]:
    """A server of 1,000 users for one test: a scan has pages left after its first round."""
    with FakeGitLabServer(users=1_000, seed=11) as server:
        yield server


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeGitLabServer]:
    """A server for tests that change nothing (dry runs, refusals)."""
    with FakeGitLabServer(users=250, seed=12) as server:
        yield server


@pytest.fixture
def cli(shared: FakeGitLabServer, tmp_path: Path) -> Run:
    return runner(shared, tmp_path / "home")


def writes(server: FakeGitLabServer) -> int:
    return sum(server.state.stats.by_method[m] for m in WRITES)


def requests(server: FakeGitLabServer) -> int:
    return sum(server.state.stats.by_method.values())


def summary(stderr: str) -> tuple[int, ...]:
    """(processed, ok, failed, unknown, skipped) from the summary line."""
    match = SUMMARY.match(stderr.strip().splitlines()[-1])
    assert match, stderr
    return tuple(int(g or 0) for g in match.groups())[:5]


def _some_done(path: Path) -> bool:
    """Whether the results file (JSON lines, possibly mid-write) has an ``ok`` row."""
    if not path.exists():
        return False
    return any('"outcome": "ok"' in line for line in path.read_text().splitlines())


def read_results(path: Path) -> list[dict[str, Any]]:
    text = path.read_text()
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


def listed(cli: Run, *filters: str) -> set[int]:
    """The IDs ``gitlab-users list FILTERS`` prints (ordered offset paging)."""
    proc = cli("list", *filters, "-o", "jsonl")
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert len(ids) == len(set(ids))
    return set(ids)


def median_created(server: FakeGitLabServer) -> str:
    times = sorted(u.created_at for u in server.state.users.values())
    return times[len(times) // 2].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


# -- selection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        ("--active", "--created-before", "MEDIAN"),
        ("--search", "son"),
        ("--external", "--exclude-internal"),
        ("--blocked",),
        ("--created-after", "MEDIAN", "--humans", "--two-factor", "disabled"),
    ],
)
def test_selection_equals_list_and_a_dry_run_changes_nothing(
    cli: Run, shared: FakeGitLabServer, tmp_path: Path, filters: tuple[str, ...]
) -> None:
    given = [median_created(shared) if f == "MEDIAN" else f for f in filters]
    expected = listed(cli, *given)
    assert expected  # a filter that selects nothing would prove little
    before = writes(shared)
    out = tmp_path / "plan.jsonl"
    proc = cli("bulk", "block", "--matching", *given, "--dry-run", "--results", str(out))
    assert proc.returncode == 0, proc.stderr
    assert writes(shared) == before
    rows = read_results(out)
    assert sorted(r["index"] for r in rows) == list(range(1, len(expected) + 1))
    assert [r["user_id"] for r in rows if r["outcome"] == "skipped"] == [r["user_id"] for r in rows]
    assert {r["user_id"] for r in rows} == expected
    assert len(rows) == len(expected)  # each user once
    assert summary(proc.stderr) == (len(expected), 0, 0, 0, len(expected))
    for row in rows:
        user = shared.state.users[row["user_id"]]
        assert (row["username"], row["line"], row["input"]) == (user.username, None, str(user.id))
        if user.id == 1:  # the token's own user: never blocked by --matching
            assert "token's own user" in row["message"]
            continue
        assert f"user {user.id} ({user.username}): would block (state {user.state})" in proc.stdout


def test_no_filter_is_refused_unless_all_users(cli: Run, shared: FakeGitLabServer) -> None:
    before = requests(shared)
    proc = cli("bulk", "block", "--matching")
    assert proc.returncode == 2
    assert "every user of the instance" in proc.stderr and "--all-users" in proc.stderr
    assert requests(shared) == before  # refused before any request
    everyone = cli("bulk", "block", "--matching", "--all-users", "--dry-run", "--no-progress")
    assert everyone.returncode == 0, everyone.stderr
    total = summary(everyone.stderr)[0]
    assert total == len(listed(cli)) > 0
    assert writes(shared) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("block", "--matching", "--file", "x.txt", "--active"), "not allowed with argument"),
        (("block", "--active"), "--active: only with --matching"),
        (("block", "--all-users"), "--all-users: only with --matching"),
        (("block", "--scan-concurrency", "2"), "--scan-concurrency: only with --matching"),
        (("update", "--matching", "--active"), "there are no rows to read them from"),
        (("set-attr", "--matching", "--active", "--key", "k"), "needs --key and --value"),
        (("delete", "--matching", "--blocked"), "refusing to delete users without --yes"),
        (("block", "--matching", "--active", "--format", "csv"), "--matching reads no input"),
    ],
)
def test_misuse_is_refused_before_any_request(
    cli: Run, shared: FakeGitLabServer, args: tuple[str, ...], message: str
) -> None:
    before = requests(shared)
    proc = cli("bulk", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert requests(shared) == before


# -- exactly once while the job changes what it lists ---------------------------------------


def test_delete_matching_deletes_exactly_the_matching_set(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, cli = fresh
    admin = server.state.users[1]  # the token's user: deleting it would end the job
    later = min(u.created_at for u in server.state.users.values() if u.id != admin.id)
    assert later > admin.created_at
    window = ("--created-after", later.isoformat(), "--created-before", median_created(server))
    expected = listed(cli, *window, "--exclude-internal")
    everyone = set(server.state.users)
    assert 100 < len(expected) < len(everyone)
    server.state.engine.set_faults(SLOW_LISTING)  # deletes land while the scan walks on
    out = tmp_path / "deleted.csv"
    proc = cli(
        "bulk", "delete", "--matching", *window, "--exclude-internal", "--yes", "--hard-delete",
        "-c", "8", "--scan-concurrency", "4", "--results", str(out),
    )  # fmt: skip
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 0, proc.stderr
    rows = read_results(out)
    assert sorted(int(r["index"]) for r in rows) == list(range(1, len(rows) + 1))
    assert Counter(int(r["user_id"]) for r in rows) == Counter(expected)  # each exactly once
    assert {r["outcome"] for r in rows} == {"ok"}
    assert set(server.state.users) == everyone - expected
    assert server.state.stats.by_method["DELETE"] == len(expected)


def test_block_matching_active_blocks_every_active_user(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, cli = fresh
    active = listed(cli, "--active")
    assert len(active) > 200
    server.state.engine.set_faults(SLOW_LISTING)
    out = tmp_path / "blocked.jsonl"
    # Each block removes its user from --active while the walk goes on.
    proc = cli("bulk", "block", "--matching", "--active", "-c", "8", "--results", str(out))
    server.state.engine.set_faults(Faults())
    rows = read_results(out)
    assert Counter(r["user_id"] for r in rows) == Counter(active)
    assert proc.returncode == 0, proc.stderr
    # The token's own user is left out: blocking it would lock the job out.
    assert {r["user_id"] for r in rows if r["outcome"] != "ok"} == {1}
    assert listed(cli, "--active") == {1}
    assert all(server.state.users[uid].state == "blocked" for uid in active - {1})


# -- failures and reporting -----------------------------------------------------------------


def test_failures_mid_job_are_reported_not_lost(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, cli = fresh
    expected = listed(cli, "--external")
    server.state.engine.set_faults(
        Faults(seed=3, error_rate=0.3, methods=["POST"], error_statuses=[502])
    )
    out = tmp_path / "results.csv"
    proc = cli(
        "--max-retries", "0", "bulk", "ban", "--matching", "--external", "-c", "8",
        "--results", str(out),
    )  # fmt: skip
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 1
    rows = read_results(out)
    assert {int(r["user_id"]) for r in rows} == expected and len(rows) == len(expected)
    total, _, failed, unknown, skipped = summary(proc.stderr)
    assert (total, failed, skipped) == (len(expected), 0, 0) and unknown > 0
    for row in rows:
        state = server.state.users[int(row["user_id"])].state
        if row["outcome"] == "ok":
            assert state == "banned"
        else:  # the fault answered 502 before the handler ran
            assert (row["outcome"], row["status"], state) == ("unknown", "502", "active")
            assert f"unknown: item {row['index']} user {row['user_id']} (" in proc.stderr


def test_a_scan_that_fails_midway_reports_what_it_found(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, cli = fresh
    humans = listed(cli, "--humans")
    # A dry run sends the preflight GET /user, then only the listing: a first round of 3
    # (the first page, the newest page, a probe of the filters), then the windows of the
    # 93 users in between, at least 2 pages. The 6th request, one of those, fails; a 7th
    # exists only if a window was split, which depends on timing.
    server.state.engine.set_faults(Faults(error_on=[6], error_statuses=[500]))
    server.state.engine.reset_counter()
    out = tmp_path / "results.jsonl"
    proc = cli(
        "--max-retries", "0", "bulk", "set-attr", "--key", "k", "--value", "v", "--matching",
        "--humans", "--dry-run",
        "--scan-concurrency", "2", "--results", str(out),
    )  # fmt: skip
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 1
    assert "error: 500" in proc.stderr
    rows = read_results(out)
    found = re.search(r"the scan stopped after finding (\d+) matching user", proc.stderr)
    assert found, proc.stderr
    assert 0 < len(rows) == int(found.group(1)) < len(humans)
    assert sorted(r["index"] for r in rows) == list(range(1, len(rows) + 1))
    assert {r["user_id"] for r in rows} < humans
    assert {r["outcome"] for r in rows} == {"skipped"}
    assert writes(server) == 0


def test_the_users_found_before_a_scan_failure_are_still_acted_on(
    larger: FakeGitLabServer, tmp_path: Path
) -> None:
    server = larger
    humans = {
        u.id for u in server.state.users.values() if u.user_type == "human" and u.state == "active"
    }
    # One page of 100 users a second, one page in flight: the first actions run long
    # before the last page. (With 300 users the one page left after the first round
    # could leave before the faults below are set, and the scan end without an error.)
    server.state.engine.set_faults(Faults(latency=1.0, methods=["GET"], paths=["^/api/v4/users$"]))
    out = tmp_path / "results.jsonl"
    env = environment(server, tmp_path / "home", server.admin_token)
    command = [
        *CLI, "--max-retries", "0", "bulk", "block", "--matching", "--humans", "--active",
        "--scan-concurrency", "1", "--no-progress", "--results", str(out),
    ]  # fmt: skip
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env,
    ) as proc:  # fmt: skip
        deadline = time.monotonic() + 30
        while server.state.stats.by_method["POST"] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        # From now on every listing request fails.
        server.state.engine.set_faults(
            Faults(error_rate=1.0, error_statuses=[500], methods=["GET"], paths=["^/api/v4/users$"])
        )
        _, err = proc.communicate(timeout=60)
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 1
    assert err.strip().splitlines()[-1].startswith("error: 500"), err
    found = re.search(r"the scan stopped after finding (\d+) matching user", err)
    assert found, err
    rows = read_results(out)
    assert 0 < len(rows) == int(found.group(1)) < len(humans)
    # Found users were acted on, not cut off (the token's own user is left out).
    assert {r["user_id"] for r in rows if r["outcome"] != "ok"} <= {1}
    blocked = {uid for uid in humans if server.state.users[uid].state == "blocked"}
    assert {r["user_id"] for r in rows if r["outcome"] == "ok"} <= blocked


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_reports_every_user_found_once(larger: FakeGitLabServer, tmp_path: Path) -> None:
    server = larger
    # A page of users a second: the job is interrupted long before the scan could end.
    server.state.engine.set_faults(Faults(latency=1.0, methods=["GET"], paths=["^/api/v4/users$"]))
    out = tmp_path / "results.jsonl"
    env = environment(server, tmp_path / "home", server.admin_token)
    command = [
        *CLI, "bulk", "ban", "--matching", "--active", "--humans", "-c", "2",
        "--scan-concurrency", "1", "--progress", "--results", str(out),
    ]  # fmt: skip
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env, preexec_fn=_default_sigint,  # see test_cli_bulk._interrupt
    ) as proc:  # fmt: skip
        # Interrupted once one user is done: the scan (a page a second) is still running.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _some_done(out):
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 130
    assert "Traceback" not in err
    rows = read_results(out)
    found = re.search(r"the scan stopped after finding (\d+) matching user", err)
    assert found, err
    assert sorted(r["index"] for r in rows) == list(range(1, int(found.group(1)) + 1))
    assert len({r["user_id"] for r in rows}) == len(rows)
    outcomes = Counter(r["outcome"] for r in rows)
    assert outcomes["ok"] > 0
    assert set(outcomes) <= {"ok", "unknown", "skipped", "not_attempted"}
    for row in rows:
        if row["outcome"] == "ok":
            assert server.state.users[row["user_id"]].state == "banned"
        if row["outcome"] in ("skipped", "not_attempted"):  # the token's own, not started
            assert server.state.users[row["user_id"]].state == "active"
    last = [line for line in err.split("\r") if "interrupted after" in line][-1]
    assert f"(the scan had found {len(rows)})" in last
    assert SUMMARY.match(err.strip().splitlines()[-2]), err


def test_a_caller_who_is_not_admin_is_stopped_before_any_change(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, _ = fresh
    cli = runner(server, tmp_path / "home", server.user_token)
    before = requests(server)
    for filters in (("--created-before", "2030-01-01"), ("--external",)):
        refused = cli("bulk", "block", "--matching", *filters, "--results", str(tmp_path / "r.csv"))
        assert refused.returncode == 1
        assert "bulk block needs an administrator's token" in refused.stderr
        assert "is not an administrator" in refused.stderr and "Nothing was done" in refused.stderr
        assert not (tmp_path / "r.csv").exists()
    # One preflight GET /user per run, and nothing else.
    assert requests(server) == before + 2
    assert server.state.stats.by_path["/api/v4/user"] >= 2 and writes(server) == 0


def test_delete_prompt_counts_the_matching_users_first(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path
) -> None:
    server, cli = fresh
    blocked = listed(cli, "--blocked")
    assert blocked
    env = environment(server, tmp_path / "home", server.admin_token)
    for answer in (b"n\n", b"y\n"):
        controller, terminal = pty.openpty()  # stdin is a terminal: the CLI asks
        with subprocess.Popen(
            [*CLI, "bulk", "delete", "--matching", "--blocked", "--no-progress"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        ) as proc:
            os.close(terminal)
            os.write(controller, answer)
            _, err = proc.communicate(timeout=60)
        os.close(controller)
        assert f"Delete {len(blocked)} users matching --blocked? [y/N]" in err
        if answer == b"n\n":
            assert proc.returncode == 1 and "aborted: nothing deleted" in err
            assert server.state.stats.by_method["DELETE"] == 0
            assert blocked <= set(server.state.users)
        else:
            assert proc.returncode == 0, err
            assert not blocked & set(server.state.users)
            assert server.state.stats.by_method["DELETE"] == len(blocked)


def test_progress_is_honest_while_the_scan_runs(
    fresh: tuple[FakeGitLabServer, Run],
) -> None:
    server, cli = fresh
    server.state.engine.set_faults(Faults(latency=0.3, methods=["GET"], paths=["^/api/v4/users$"]))
    proc = cli(
        "bulk", "unblock", "--matching", "--blocked", "--dry-run", "--scan-concurrency", "1",
        "--heartbeat", "0.2",
    )  # fmt: skip
    server.state.engine.set_faults(Faults())
    assert proc.returncode == 0, proc.stderr
    beats = [line for line in proc.stderr.splitlines() if line.startswith("progress: ")]
    assert any("ETA unknown: still scanning" in beat for beat in beats), proc.stderr
    for beat in beats:
        if "still scanning" in beat:
            done, found, shown = re.findall(r"^progress: (\d+)/(\d+) .* (\d+) found so far$", beat)[
                0
            ]
            assert int(done) <= int(found) == int(shown)


def test_progress_without_a_final_total() -> None:
    stream = io.StringIO()
    progress = Progress(stream, None, "heartbeat", interval=0.0)
    progress.found(7)
    progress.update(Counter(ok=3))
    assert "3/7 ok 3 failed 0 unknown 0 skipped 0 ·" in stream.getvalue()
    assert stream.getvalue().rstrip().endswith("ETA unknown: still scanning, 7 found so far")
    progress.found(9)
    progress.found_all()
    progress.update(Counter(ok=9))
    assert stream.getvalue().rstrip().endswith(re.findall(r"took \S+", progress.text())[0])
    assert "9/9 ok 9" in progress.text()


@pytest.mark.parametrize("action", ["delete", "ban", "deactivate", "block"])
def test_lockout_actions_leave_the_tokens_own_user_out(
    fresh: tuple[FakeGitLabServer, Run], tmp_path: Path, action: str
) -> None:
    server, cli = fresh
    times = sorted(u.created_at for u in server.state.users.values())
    oldest = ("--created-before", times[30].isoformat(), "--active")
    matched = listed(cli, *oldest)  # the oldest users, the token's own (ID 1) among them
    assert 1 in matched and len(matched) > 10
    out = tmp_path / "results.jsonl"
    proc = cli("bulk", action, "--matching", *oldest, "--yes", "--results", str(out))
    rows = {r["user_id"]: r for r in read_results(out)}
    assert set(rows) == matched
    assert rows[1]["outcome"] == "skipped" and "token's own user" in rows[1]["message"]
    assert f"skipped: item {rows[1]['index']} user 1 (" in proc.stderr
    assert server.state.users[1].state == "active"
    # Nothing locked the job out: every other user was acted on with the admin's token.
    assert "account has been blocked" not in proc.stderr and "401" not in proc.stderr
    ok = {uid for uid, row in rows.items() if row["outcome"] == "ok"}
    assert len(ok) > 10
    if action == "delete":
        assert proc.returncode == 0, proc.stderr
        assert ok == matched - {1} and not ok & set(server.state.users)
    else:
        assert {uid for uid in matched if server.state.users[uid].state != "active"} == ok
    assert summary(proc.stderr)[0::4] == (len(matched), 1)  # processed, skipped
