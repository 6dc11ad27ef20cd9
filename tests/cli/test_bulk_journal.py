"""``--results`` is a journal: written as the job goes, complete after any exit."""

from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

import anyio
import pytest

from gitlab_users_client.cli import _journal
from gitlab_users_client.cli._errors import CLIError
from gitlab_users_client.cli._journal import COLUMNS, Journal, load
from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import Bulk, final, journal, pick, wait_for, write_ids


def _finished(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(row["outcome"] != "unknown" for row in journal(path))


def test_rows_are_written_as_items_finish(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 8)
    fake.state.engine.set_faults(Faults(latency=0.4, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    job = bulk.start("bulk", "ban", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "2",
                     "--results", str(out))  # fmt: skip
    wait_for(lambda: _finished(out) >= 3, what="three finished rows")
    still_running = job.proc.poll() is None
    rows = journal(out)
    code, err = job.finish()
    assert code == 0, err
    assert still_running  # the rows were there while the job ran
    done = [r for r in rows if r["outcome"] == "ok"]
    assert all(fake.state.users[r["user_id"]].state == "banned" for r in done)
    # Before each request, a row saying it is in flight; then the item's own row.
    for row in done:
        sent = [r for r in rows if r["index"] == row["index"]]
        assert [r["outcome"] for r in sent] == ["unknown", "ok"]
        assert sent[0]["message"] == "in flight: the request is being sent"
    # At the end: one row per item, in input order, as the last row of each said.
    rows = journal(out)
    assert [r["index"] for r in rows] == list(range(1, 9))
    assert {r["outcome"] for r in rows} == {"ok"}
    assert {r["user_id"] for r in rows} == {u.id for u in users}
    assert len({r["digest"] for r in rows}) == 1 and {r["action"] for r in rows} == {"ban"}


def test_kill_9_loses_no_finished_item(bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path) -> None:
    users = pick(fake, 30)
    fake.state.engine.set_faults(Faults(latency=0.3, methods=["POST"]))
    out = tmp_path / "results.csv"
    job = bulk.start("bulk", "block", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "4",
                     "--results", str(out))  # fmt: skip
    wait_for(lambda: _finished(out) >= 5, what="five finished rows")
    job.proc.send_signal(signal.SIGKILL)
    job.proc.wait(timeout=30)
    # The requests cut off by the kill may still be applied by the server: wait for them.
    wait_for(lambda: _quiet(bulk), what="every request answered")
    rows = final(out)
    blocked = {u.id for u in users if u.state == "blocked"}
    # Every user the job changed has a row; a row "ok" is a user that was changed.
    recorded = {r["user_id"]: r["outcome"] for r in rows.values()}
    assert blocked <= set(recorded)
    assert all(recorded[uid] in ("ok", "unknown") for uid in blocked)
    assert {uid for uid, outcome in recorded.items() if outcome == "ok"} <= blocked
    assert len(rows) < 30  # it was killed part way


def _quiet(bulk: Bulk) -> bool:
    """No request in flight: every POST the fake received has been answered."""
    return bulk.server.state.stats.by_method["POST"] == len(bulk.writes())


def test_rows_carry_the_user_whenever_known(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b = pick(fake, 2)
    bot = next(u for u in fake.state.iter_users() if u.user_type != "human" and u.id > 1)
    out = tmp_path / "results.csv"
    text = f"id,username,note\n,{bot.username},x\n{a.id},,y\n,{b.username},z\n"
    proc = bulk.run("bulk", "update", "--results", str(out), stdin=text)
    rows = {r["line"]: r for r in final(out).values()}
    # By username: found by the lookup; by ID: GitLab's answer names the user.
    assert (rows[3]["user_id"], rows[3]["username"]) == (a.id, a.username)
    assert (rows[4]["user_id"], rows[4]["username"]) == (b.id, b.username)
    assert rows[2]["user_id"] == bot.id and rows[2]["username"] == bot.username
    assert proc.returncode in (0, 1)
    blocked = bulk.run("bulk", "block", "--results", str(tmp_path / "b.jsonl"),
                       stdin=f"{bot.username}\n")  # fmt: skip
    assert blocked.returncode == 1  # GitLab refuses to block an internal user
    (row,) = final(tmp_path / "b.jsonl").values()
    assert (row["outcome"], row["status"]) == ("failed", 403)
    assert (row["user_id"], row["username"]) == (bot.id, bot.username)


# -- the journal file on its own --------------------------------------------------------------


def _rows(path: Path) -> list[str]:
    return path.read_text().splitlines()


def test_rows_reach_the_disk_every_few_seconds_and_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    now = [1000.0]
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))  # as _journal sees it
    monkeypatch.setattr(time, "monotonic", lambda: now[0])

    async def main() -> None:
        path = tmp_path / "r.jsonl"
        journal_ = Journal.create(str(path), force=False, action="block", digest="d")
        journal_.write({"index": 1, "outcome": "ok", "message": "blocked"})
        assert path.read_text().count("\n") == 1  # flushed at once
        assert not journal_.sync_due()
        now[0] += _journal.SYNC_EVERY
        assert journal_.sync_due()
        await journal_.sync()
        assert len(synced) == 1 and not journal_.sync_due()
        now[0] += 60
        assert not journal_.sync_due()  # nothing new to sync
        journal_.write({"index": 2, "outcome": "failed", "message": "x\ny"})
        await journal_.close(compact=True)
        assert len(synced) >= 3  # the file at the end, then its rewrite

    anyio.run(main)
    lines = _rows(tmp_path / "r.jsonl")
    assert len(lines) == 2 and '"message": "x y"' in lines[1]


def test_a_row_cut_short_by_a_crash_is_dropped_when_resuming(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    header = ",".join(COLUMNS)
    path.write_text(
        f"{header}\n1,1,5,5,,block,ok,,,blocked,d\n2,2,6,6,,block,unknown,,,in flight,d\n3,3,7,7,,blo"
    )
    previous = load(str(path), action="block", digest="d", dry_run_digest="e")
    assert sorted(previous.rows) == [1, 2] and previous.rows[2].outcome == "unknown"

    async def main() -> None:
        journal_ = Journal.reopen(previous, action="block", digest="d")
        journal_.write({"index": 2, "input": "6", "user_id": 6, "outcome": "ok", "message": "m"})
        await journal_.close(compact=True)

    anyio.run(main)
    lines = _rows(path)
    assert lines[0] == header and len(lines) == 3
    assert lines[2].startswith("2,,6,6,,block,ok,")  # the last row of item 2 counts


@pytest.mark.parametrize(
    ("action", "written_by", "message"),
    [
        ("ban", "d", "is the journal of a `bulk block` job, not `bulk ban`"),
        ("block", "other", "this job differs from the one that wrote"),
        ("block", "e", "differs from this one only in --dry-run"),
    ],
)
def test_another_jobs_journal_is_refused(
    tmp_path: Path, action: str, written_by: str, message: str
) -> None:
    """A journal of ``bulk block`` with digest ``written_by``, resumed as job ``d``."""
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"index": 1, "line": 1, "input": "5", "user_id": 5, "username": null, '
        '"action": "block", "outcome": "ok", "status": null, "message": "blocked", '
        f'"digest": "{written_by}"}}\n'
    )
    with pytest.raises(CLIError) as refused:
        load(str(path), action=action, digest="d", dry_run_digest="e")
    assert message in str(refused.value)


def test_a_journal_that_cannot_be_rewritten_stays_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    path = tmp_path / "r.jsonl"

    async def main() -> None:
        journal_ = Journal.create(str(path), force=False, action="block", digest="d")
        journal_.write({"index": 1, "outcome": "unknown", "message": "in flight"})
        journal_.write({"index": 1, "outcome": "ok", "message": "blocked"})
        await journal_.close(compact=True)

    anyio.run(main)
    rows = journal(path)
    assert [r["outcome"] for r in rows] == ["unknown", "ok"]  # raw, and still resumable
    assert load(str(path), action="block", digest="d", dry_run_digest="e").rows[1].outcome == "ok"
