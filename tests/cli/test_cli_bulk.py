"""``gitlab-users bulk``, run as a subprocess against the fake GitLab over loopback."""

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults, User
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
WRITES = ("POST", "PUT", "PATCH", "DELETE")
SUMMARY = re.compile(
    r"^processed (\d+): ok (\d+), failed (\d+), unknown (\d+)(?:, skipped (\d+))?"
    r"(?:, not attempted (\d+))? in [\d.]+ s$"
)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=200, seed=2) as running:
        yield running


@pytest.fixture(autouse=True)
def no_faults(server: FakeGitLabServer) -> Iterator[None]:
    yield
    server.state.engine.set_faults(Faults())


@pytest.fixture(scope="module")
def env(server: FakeGitLabServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return clean_env(home, GITLAB_URL=server.url, GITLAB_TOKEN=server.admin_token)


@pytest.fixture(scope="module")
def cli(
    server: FakeGitLabServer, env: dict[str, str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [*CLI, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60
        )
        assert server.admin_token not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    return run


_taken: set[int] = set()


def pick(server: FakeGitLabServer, n: int, state: str = "active") -> list[User]:
    found = [
        u
        for u in server.state.users.values()
        if u.id > 2 and u.user_type == "human" and u.state == state and u.id not in _taken
    ][:n]
    assert len(found) == n
    _taken.update(u.id for u in found)
    return found


def writes(server: FakeGitLabServer) -> int:
    return sum(server.state.stats.by_method[m] for m in WRITES)


def read_results(path: Path) -> str:
    text = path.read_text()
    assert "glpat-" not in text and "[REDACTED]" not in text  # no token, not even masked
    return text


def results_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_results(path))))


def results_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in read_results(path).splitlines()]


def summary(stderr: str) -> tuple[int, ...]:
    """(processed, ok, failed, unknown, skipped) from the summary line."""
    match = SUMMARY.match(stderr.strip().splitlines()[-1])
    assert match, stderr
    return tuple(int(g or 0) for g in match.groups())[:5]


def test_bulk_block_from_file_with_results(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(server, 12)
    lines = [str(u.id) if i % 2 else u.username for i, u in enumerate(users)]
    lines[3:3] = ["# a comment", "", "nobody.here", "999999"]
    source = tmp_path / "users.txt"
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "results.csv"
    proc = cli("bulk", "block", "--file", str(source), "--concurrency", "8", "--results", str(out))
    assert proc.returncode == 1  # two items failed
    assert summary(proc.stderr) == (14, 12, 2, 0, 0)
    assert all(server.state.users[u.id].state == "blocked" for u in users)

    rows = results_csv(out)
    assert sorted(int(r["index"]) for r in rows) == list(range(1, 15))  # each item exactly once
    by_input = {r["input"]: r for r in rows}
    assert by_input["nobody.here"]["outcome"] == "failed"
    assert "not found" in by_input["nobody.here"]["message"]
    assert (by_input["999999"]["outcome"], by_input["999999"]["status"]) == ("failed", "404")
    ok = [r for r in rows if r["outcome"] == "ok"]
    assert {int(r["user_id"]) for r in ok} == {u.id for u in users}
    assert all(r["action"] == "block" and r["message"] == "blocked" for r in ok)


def test_bulk_from_stdin_with_progress_and_jsonl_results(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(server, 10)
    out = tmp_path / "results.jsonl"
    stdin = "".join(f"{u.username}\n" for u in users)
    proc = cli(
        "bulk", "set-attr", "--key", "team", "--value", "red", "-c", "8",
        "--file", "-", "--progress", "--results", str(out), stdin=stdin,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "] 10/10 ok 10 failed 0 unknown 0" in proc.stderr  # the progress line
    assert summary(proc.stderr) == (10, 10, 0, 0, 0)
    assert all(server.state.users[u.id].custom_attributes == {"team": "red"} for u in users)
    rows = results_jsonl(out)
    assert sorted(r["index"] for r in rows) == list(range(1, 11))
    assert {r["username"] for r in rows} == {u.username for u in users}
    assert {r["outcome"] for r in rows} == {"ok"}


def test_bulk_update_from_csv(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c = pick(server, 3)
    source = tmp_path / "update.csv"
    source.write_text(
        "id,username,note,external\n"
        f"{a.id},,from csv,true\n"
        f",{b.username},second,\n"
        f"{c.id},,bad,maybe\n"
        ",,orphan,\n"
    )
    out = tmp_path / "results.csv"
    proc = cli("bulk", "update", "--file", str(source), "--results", str(out))
    assert proc.returncode == 1
    assert (a.note, a.external) == ("from csv", True)
    assert (b.note, b.external) == ("second", False)
    assert c.note != "bad"
    outcomes = {int(r["line"]): (r["outcome"], r["message"]) for r in results_csv(out)}
    assert outcomes[2] == ("ok", "updated external, note")
    assert outcomes[3] == ("ok", "updated note")
    assert outcomes[4][0] == "failed" and "external must be true or false" in outcomes[4][1]
    assert outcomes[5][0] == "failed"


def test_dry_run_sends_no_write(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(server, 5)
    stdin = "".join(json.dumps({"id": u.id}) + "\n" for u in users) + '{"username": "ghost.user"}\n'
    out = tmp_path / "results.jsonl"
    before = writes(server)
    proc = cli("bulk", "delete", "--dry-run", "-c", "8", "--results", str(out), stdin=stdin)
    assert writes(server) == before
    assert proc.returncode == 1  # the missing user fails validation
    assert all(u.id in server.state.users for u in users)
    assert summary(proc.stderr) == (6, 0, 1, 0, 5)
    for user in users:
        assert f"user {user.id} ({user.username}): would delete (state active)" in proc.stdout
    rows = {r["input"]: r for r in results_jsonl(out)}
    assert [rows[str(u.id)]["outcome"] for u in users] == ["skipped"] * 5
    assert rows["ghost.user"]["outcome"] == "failed"


def test_bulk_delete_needs_yes(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    users = pick(server, 3)
    stdin = "".join(f"{u.id}\n" for u in users)
    deletes = server.state.stats.by_method["DELETE"]
    refused = cli("bulk", "delete", stdin=stdin)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert server.state.stats.by_method["DELETE"] == deletes
    done = cli("bulk", "delete", "--yes", "--hard-delete", stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert not any(u.id in server.state.users for u in users)


def test_faults_are_reported_as_unknown(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(server, 30)
    server.state.engine.set_faults(
        Faults(seed=7, error_rate=0.3, methods=["POST"], error_statuses=[502])
    )
    out = tmp_path / "results.csv"
    stdin = "".join(f"{u.id}\n" for u in users)
    proc = cli("--max-retries", "0", "bulk", "ban", "-c", "8", "--results", str(out), stdin=stdin)
    assert proc.returncode == 1
    total, ok, failed, unknown, _ = summary(proc.stderr)
    assert (total, failed) == (30, 0) and unknown > 0 and ok + unknown == 30
    rows = results_csv(out)
    assert sorted(int(r["index"]) for r in rows) == list(range(1, 31))
    for row in rows:
        state = server.state.users[int(row["input"])].state
        if row["outcome"] == "ok":
            assert state == "banned"
        else:  # the fault answered 502 before the handler ran
            assert (row["outcome"], row["status"], state) == ("unknown", "502", "active")
            assert "outcome is unknown" in row["message"]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(env: dict[str, str], out: Path, *args: str, stdin: str) -> str:
    """Start ``bulk ARGS``, send SIGINT once a first result row is written; its stderr."""
    with subprocess.Popen(
        [*CLI, "bulk", *args, "--results", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A shell's background job (`make test &`) ignores SIGINT, and children inherit
        # that: give the CLI the default disposition, as it has when run from a terminal.
        preexec_fn=_default_sigint,
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _finished_row(out):
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
        assert proc.stderr is not None
        err = proc.stderr.read()
    assert "interrupted (SIGINT)" in err and "Traceback" not in err
    return err


def _finished_row(path: Path) -> bool:
    """Whether the journal has a row of a finished item (not only "in flight" ones)."""
    if not path.exists():
        return False
    return any('"outcome": "unknown"' not in line for line in path.read_text().splitlines() if line)


def _summary_anywhere(err: str) -> tuple[int, ...]:
    """(processed, ok, failed, unknown, skipped, not attempted)."""
    return next(
        tuple(int(g or 0) for g in m.groups())
        for line in err.splitlines()
        if (m := SUMMARY.match(line.split("\r")[-1].strip()))
    )


def test_ctrl_c_reports_every_item(
    server: FakeGitLabServer, env: dict[str, str], tmp_path: Path
) -> None:
    users = pick(server, 12)
    server.state.engine.set_faults(Faults(latency=1.0, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    stdin = "".join(f"{u.id}\n" for u in users)
    err = _interrupt(env, out, "block", "-c", "2", "--progress", stdin=stdin)
    rows = results_jsonl(out)
    assert sorted(r["index"] for r in rows) == list(range(1, 13))
    outcomes = {r["outcome"] for r in rows}
    # The requests in flight had the grace to finish; nothing else was started.
    assert "ok" in outcomes and "not_attempted" in outcomes
    assert outcomes <= {"ok", "unknown", "not_attempted"}
    for row in rows:
        state = server.state.users[int(row["input"])].state
        assert state == ("blocked" if row["outcome"] == "ok" else "active")
    # The last progress line and the summary tell the same story.
    total, ok, failed, unknown, skipped, not_attempted = _summary_anywhere(err)
    bar = BAR.findall(err)[-1]
    assert bar[:6] == tuple(map(str, (total, 12, ok, failed, unknown, skipped)))
    assert bar[6] == str(not_attempted) and not_attempted > 0
    assert (ok, not_attempted) == tuple(
        sum(r["outcome"] == o for r in rows) for o in ("ok", "not_attempted")
    )
    assert "· interrupted after " in err
    # The bar is not drawn full: most items were never attempted.
    assert re.search(r"\[#*-+\] 12/12 .* · interrupted after ", err), err


def test_ctrl_c_during_a_dry_run_leaves_nothing_unknown(
    server: FakeGitLabServer, env: dict[str, str], tmp_path: Path
) -> None:
    users = pick(server, 10)
    server.state.engine.set_faults(Faults(latency=1.0, methods=["GET"], paths=["/users/\\d+$"]))
    out = tmp_path / "results.jsonl"
    stdin = "".join(f"{u.id}\n" for u in users)
    err = _interrupt(env, out, "delete", "--dry-run", "-c", "2", stdin=stdin)
    rows = results_jsonl(out)
    assert sorted(r["index"] for r in rows) == list(range(1, 11))
    # A dry run changes nothing: what it did is skipped, the rest not attempted.
    assert {r["outcome"] for r in rows} == {"skipped", "not_attempted"}
    skipped = sum(r["outcome"] == "skipped" for r in rows)
    assert _summary_anywhere(err) == (10, 0, 0, 0, skipped, 10 - skipped)
    assert all(u.id in server.state.users for u in users)
    # Off a terminal, the last heartbeat line says where the run stopped.
    assert (
        f"progress: 10/10 ok 0 failed 0 unknown 0 skipped {skipped} not attempted "
        f"{10 - skipped} · interrupted after "
    ) in err


# -- issue 15: safety, input, progress ---------------------------------------------------------
BAR = re.compile(
    r"\] (\d+)/(\d+) ok (\d+) failed (\d+) unknown (\d+) skipped (\d+)(?: not attempted (\d+))? · "
)


def test_id_and_username_that_disagree_fail_before_any_write(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c = pick(server, 3)
    source = tmp_path / "delete.csv"
    source.write_text(f"id,username\n{a.id},{b.username}\n{c.id},{c.username.upper()}\n{b.id},\n")
    rehearsal = cli("bulk", "delete", "--dry-run", "-f", str(source))
    assert rehearsal.returncode == 1
    assert f"id {a.id} is user {a.username!r}, not {b.username!r}" in rehearsal.stderr
    assert summary(rehearsal.stderr) == (3, 0, 1, 0, 2)

    before = server.state.stats.by_method["DELETE"]
    out = tmp_path / "deleted.csv"
    proc = cli("bulk", "delete", "-y", "-f", str(source), "--results", str(out))
    assert proc.returncode == 1
    assert server.state.stats.by_method["DELETE"] == before + 2  # c and b, never a
    assert a.id in server.state.users
    assert c.id not in server.state.users and b.id not in server.state.users
    rows = {int(r["line"]): r for r in results_csv(out)}
    assert rows[2]["outcome"] == "failed"
    assert "nothing was changed" in rows[2]["message"]
    assert (rows[3]["outcome"], rows[4]["outcome"]) == ("ok", "ok")


def test_csv_without_key_column_is_refused(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    (user,) = pick(server, 1)
    source = tmp_path / "update.csv"
    source.write_text(f"name,note\n{user.username},hello\n")
    before = sum(server.state.stats.by_method.values())
    proc = cli("bulk", "update", "-f", str(source))
    assert proc.returncode == 2
    assert "needs a header row with an 'id' or 'username' column" in proc.stderr
    assert "'name,note'" in proc.stderr
    assert sum(server.state.stats.by_method.values()) == before  # not one request
    bad_id = cli("bulk", "block", "--dry-run", stdin="id,note\nbob,x\n")
    assert "id must be a positive integer, not 'bob'" in bad_id.stderr


def test_duplicates_are_acted_on_once_and_reported(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b = pick(server, 2)
    stdin = f"{a.id}\n{b.username}\n{a.id}\n@{b.username.upper()}\n{a.username}\n"
    posts = server.state.stats.by_method["POST"]
    out = tmp_path / "results.jsonl"
    proc = cli("bulk", "block", "-c", "1", "--results", str(out), stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert server.state.stats.by_method["POST"] == posts + 2  # one block per user
    assert summary(proc.stderr) == (5, 2, 0, 0, 3)
    assert "duplicates: 3 item(s)" in proc.stderr and "(lines 3, 4, 5)" in proc.stderr
    rows = {r["line"]: r for r in results_jsonl(out)}
    assert rows[3]["message"] == "duplicate of item 1 (line 1): acted on once"
    assert rows[4]["message"] == "duplicate of item 2 (line 2): acted on once"
    assert rows[5]["outcome"] == "skipped"  # same user by username: found once resolved
    assert {rows[n]["outcome"] for n in (1, 2)} == {"ok"}

    (c,) = pick(server, 1)
    conflicting = f"id,note\n{c.id},first\n{c.id},second\n{c.id},first\n"
    before = sum(server.state.stats.by_method.values())
    proc = cli("bulk", "update", "--results", str(tmp_path / "u.csv"), stdin=conflicting)
    # Which note is meant is unknown: the job is refused before any request.
    assert proc.returncode == 2
    assert f"lines 2 and 3 both name id {c.id} with different values" in proc.stderr
    assert "nothing was done" in proc.stderr
    assert sum(server.state.stats.by_method.values()) == before
    assert c.note != "first" and not (tmp_path / "u.csv").exists()


def test_results_file_is_never_overwritten_without_force(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer, tmp_path: Path
) -> None:
    (user,) = pick(server, 1)
    out = tmp_path / "results.csv"
    out.write_text("precious\n")
    before = sum(server.state.stats.by_method.values())
    proc = cli("bulk", "block", "--results", str(out), stdin=f"{user.id}\n")
    assert proc.returncode == 2 and "already exists" in proc.stderr and "--force" in proc.stderr
    assert out.read_text() == "precious\n"
    assert sum(server.state.stats.by_method.values()) == before
    assert user.state == "active"
    forced = cli("bulk", "block", "--results", str(out), "--force", stdin=f"{user.id}\n")
    assert forced.returncode == 0, forced.stderr
    assert [r["outcome"] for r in results_csv(out)] == ["ok"]


def test_dry_run_progress_counts_skipped_apart(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    users = pick(server, 4)
    stdin = "".join(f"{u.id}\n" for u in users)
    proc = cli("bulk", "ban", "--dry-run", "--progress", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    last = BAR.findall(proc.stderr)[-1]
    assert tuple(map(int, last[:6])) == (4, 4, 0, 0, 0, 4)  # skipped, never "ok"
    assert "/s · took" in proc.stderr


def test_heartbeat_lines_when_stderr_is_not_a_terminal(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    users = pick(server, 6)
    server.state.engine.set_faults(Faults(latency=0.3, methods=["POST"]))
    stdin = "".join(f"{u.id}\n" for u in users)
    proc = cli("bulk", "block", "-c", "1", "--heartbeat", "0.2", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    beats = [line for line in proc.stderr.splitlines() if line.startswith("progress: ")]
    assert beats, proc.stderr
    assert "\r" not in proc.stderr  # nothing rewritten in place in a log
    for beat in beats:
        assert re.match(
            r"progress: \d/6 ok \d failed 0 unknown 0 skipped 0 · [\d.]+/s · (ETA|took) \S+$", beat
        ), beat
    quiet = cli("bulk", "block", "--no-progress", "--heartbeat", "0.2", stdin=stdin)
    assert "progress:" not in quiet.stderr


def test_log_lines_are_printed_above_the_bar(
    cli: Callable[..., subprocess.CompletedProcess[str]], server: FakeGitLabServer
) -> None:
    users = pick(server, 5)
    stdin = "".join(f"{u.id}\n" for u in users)
    proc = cli("--verbose", "bulk", "unblock", "--progress", "-c", "2", stdin=stdin)
    logged = [line for line in proc.stderr.split("\n") if "gitlab_users_client" in line]
    assert logged
    for line in logged:
        # The bar was blanked first: the record is alone on its (last) segment.
        record_part = line.split("\r")[-1]
        assert re.match(r"^\d{4}-\d\d-\d\d ", record_part), repr(line)
        assert "[#" not in record_part and "[-" not in record_part


def test_declining_the_bulk_delete_prompt_exits_1_and_changes_nothing(
    server: FakeGitLabServer, env: dict[str, str], tmp_path: Path
) -> None:
    users = pick(server, 2)
    source = tmp_path / "ids.txt"
    source.write_text("".join(f"{u.id}\n" for u in users))
    out = tmp_path / "results.csv"
    deletes = server.state.stats.by_method["DELETE"]
    controller, terminal = pty.openpty()  # stdin is a terminal: the CLI asks
    with subprocess.Popen(
        [*CLI, "bulk", "delete", "-f", str(source), "--results", str(out)],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        os.close(terminal)
        os.write(controller, b"n\n")
        _, err = proc.communicate(timeout=30)
    os.close(controller)
    assert "Delete 2 users? [y/N]" in err and "aborted: nothing deleted" in err
    assert proc.returncode == 1
    assert server.state.stats.by_method["DELETE"] == deletes
    assert all(u.id in server.state.users for u in users)
    assert not out.exists()  # nothing to report, and the path stays free for the real run
