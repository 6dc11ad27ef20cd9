"""SIGTERM and SIGHUP stop a bulk job the way Ctrl-C does: cleanly, every item recorded."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import anyio
import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import (
    Bulk,
    default_signals,
    final,
    journal,
    pick,
    summary,
    wait_for,
    write_ids,
)


def _some_ok(path: Path, n: int = 2) -> bool:
    return path.exists() and sum(r["outcome"] == "ok" for r in journal(path)) >= n


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_the_job_cleanly(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path, signum: int, code: int
) -> None:
    users = pick(fake, 20)
    fake.state.engine.set_faults(Faults(latency=0.5, methods=["POST"]))
    out = tmp_path / "results.csv"
    job = bulk.start("bulk", "block", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "2",
                     "--results", str(out), "--heartbeat", "60")  # fmt: skip
    wait_for(lambda: _some_ok(out), what="two items done")
    job.signal(signum)
    exit_code, err = job.finish()
    assert exit_code == code, err
    assert err.rstrip().endswith(f"interrupted ({signal.Signals(signum).name})")
    rows = final(out)
    assert sorted(rows) == list(range(1, 21))  # every item, exactly once
    # The requests in flight had their grace to finish; no new one was started.
    for row in rows.values():
        state = fake.state.users[row["user_id"]].state
        assert row["outcome"] in ("ok", "not_attempted"), row
        assert state == ("blocked" if row["outcome"] == "ok" else "active")
    ok = sum(r["outcome"] == "ok" for r in rows.values())
    assert summary(err) == {"processed": 20, "ok": ok, "failed": 0, "unknown": 0,
                            "skipped": 0, "not_attempted": 20 - ok}  # fmt: skip
    assert f"progress: 20/20 ok {ok} failed 0 unknown 0 skipped 0 not attempted" in err
    assert "· interrupted after " in err
    assert "run the same command with --resume" in err
    assert len(bulk.writes()) == ok


def test_requests_outliving_the_grace_are_recorded_unknown(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 10)
    fake.state.engine.set_faults(Faults(latency=3.0, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    job = bulk.start("bulk", "ban", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "3",
                     "--results", str(out), "--grace", "0.3")  # fmt: skip
    wait_for(lambda: out.exists() and len(journal(out)) >= 3, what="three requests in flight")
    job.signal(signal.SIGTERM)
    code, err = job.finish()
    assert code == 143, err
    rows = final(out)
    assert sorted(rows) == list(range(1, 11))
    unknown = [r for r in rows.values() if r["outcome"] == "unknown"]
    assert len(unknown) == 3
    assert all(r["message"].startswith("in flight when the job stopped") for r in unknown)
    assert {r["outcome"] for r in rows.values()} == {"unknown", "not_attempted"}


def test_a_second_signal_exits_at_once_with_the_journal_intact(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 10)
    fake.state.engine.set_faults(Faults(latency=30.0, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    job = bulk.start("bulk", "ban", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "3",
                     "--results", str(out), "--grace", "120")  # fmt: skip
    wait_for(lambda: out.exists() and len(journal(out)) >= 3, what="three requests in flight")
    job.signal(signal.SIGTERM)
    time.sleep(0.5)  # the first one is taken (it starts the grace period)
    assert job.proc.poll() is None  # waiting for the requests in flight
    job.signal(signal.SIGINT)
    # Long before the requests (30 s) or the grace (120 s) would end.
    code, err = job.finish(timeout=20)
    assert code == 143, err
    rows = final(out)
    assert sorted(rows) == list(range(1, 11))
    outcomes = [r["outcome"] for r in rows.values()]
    assert outcomes.count("unknown") == 3 and outcomes.count("not_attempted") == 7
    assert "processed 10: ok 0, failed 0, unknown 3, not attempted 7" in err


def test_an_ignored_sighup_stays_ignored(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    def nohup() -> None:
        default_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    users = pick(fake, 6)
    fake.state.engine.set_faults(Faults(latency=0.3, methods=["POST"]))
    out = tmp_path / "results.csv"
    job = bulk.start("bulk", "block", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "1",
                     "--results", str(out), preexec=nohup)  # fmt: skip
    wait_for(lambda: _some_ok(out, 1), what="one item done")
    job.signal(signal.SIGHUP)
    code, err = job.finish()
    assert code == 0, err
    assert {r["outcome"] for r in final(out).values()} == {"ok"}


def test_a_signal_before_the_first_change_stops_at_once(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 6)
    # IDs and usernames mixed: the usernames are looked up (slowly) before any change.
    refs = [str(u.id) if i % 2 else u.username for i, u in enumerate(users)]
    source = tmp_path / "refs.txt"
    source.write_text("\n".join(refs) + "\n")
    fake.state.engine.set_faults(Faults(latency=5.0, methods=["GET"], paths=["/users$"]))
    out = tmp_path / "results.csv"
    job = bulk.start("bulk", "block", "-f", str(source), "--results", str(out))
    wait_for(lambda: fake.state.stats.by_path["/api/v4/users"] > 0, what="the lookups")
    job.signal(signal.SIGTERM)
    code, err = job.finish(timeout=20)
    assert code == 143, err
    assert "interrupted before the first change: nothing was done" in err
    assert bulk.writes() == [] and not out.exists()


@pytest.mark.parametrize(("backend", "receives"), [("asyncio", False), ("trio", True)])
def test_on_windows_an_asyncio_loop_is_not_asked_for_signal_handlers(
    monkeypatch: pytest.MonkeyPatch, backend: str, receives: bool
) -> None:
    # asyncio's loops on Windows have no add_signal_handler: the watcher must start and
    # do nothing there, and still watch on trio, whose receiver works on Windows too.
    from gitlab_users_client.cli import _signals

    monkeypatch.setattr(_signals, "_PLATFORM", "win32")
    seen: list[bool] = []

    async def main() -> None:
        seen.append(_signals._loop_receives_signals())
        async with anyio.create_task_group() as group:
            await group.start(_signals.watch_signals, lambda signum: None)
            group.cancel_scope.cancel()

    anyio.run(main, backend=backend)
    assert seen == [receives]
