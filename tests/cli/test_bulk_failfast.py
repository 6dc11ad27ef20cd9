"""Fail fast: a token that cannot work stops the job before any change, and a job whose
requests all fail the same way stops instead of trying every item (and can be resumed)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import Bulk, CutProxy, final, journal, pick, summary, wait_for, write_ids


def _ok(path: Path) -> int:
    return sum(r["outcome"] == "ok" for r in journal(path)) if path.exists() else 0


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("glpat-not-a-real-token-000", "GitLab refused the token (401 invalid_token"),
        ("USER", "bulk deactivate needs an administrator's token, and the token's user"),
    ],
)
def test_a_token_that_cannot_act_stops_before_any_change(
    fake: FakeGitLabServer, tmp_path: Path, token: str, message: str
) -> None:
    bulk = Bulk(fake, tmp_path / "home", token=fake.user_token if token == "USER" else token)
    users = pick(fake, 50)
    out = tmp_path / "results.csv"
    proc = bulk.run(
        "bulk", "deactivate", "-f", str(write_ids(tmp_path / "ids", users)), "--results", str(out)
    )
    assert proc.returncode == 1
    assert message in proc.stderr and "Nothing was done" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1  # one line, not 50 failures
    assert [r["path"] for r in bulk.requests()] == ["/api/v4/user"]  # the preflight only
    assert not out.exists()


def test_a_token_revoked_mid_job_trips_the_breaker_and_the_job_resumes(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 60)
    fake.state.engine.set_faults(Faults(latency=0.1, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    command = ("bulk", "ban", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "2",
               "--results", str(out))  # fmt: skip
    job = bulk.start(*command)
    wait_for(lambda: _ok(out) >= 5, what="five items done")
    token = fake.state.tokens[fake.admin_token]
    token.revoked = True
    code, err = job.finish()
    assert code == 1, err
    assert "stopped: 10 items in a row failed the same way" in err
    assert "GitLab refused the token (401 Unauthorized)" in err
    assert "run the same command with --resume" in err
    counts = summary(err)
    assert counts["failed"] >= 10 and counts["not_attempted"] > 20
    refused = [r for r in bulk.requests() if r["status"] == 401]
    assert len(refused) < 15  # the job stopped; the other items were not tried
    token.revoked = False
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    assert all(u.state == "banned" for u in users)
    applied = Counter(r["path"] for r in bulk.requests() if r["applied"])
    assert applied == Counter({f"/api/v4/users/{u.id}/ban": 1 for u in users})
    assert {r["outcome"] for r in final(out).values()} == {"ok"}


def test_every_request_failing_with_5xx_trips_the_breaker(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 40)
    fake.state.engine.set_faults(Faults(error_rate=1.0, error_statuses=[503], methods=["POST"]))
    out = tmp_path / "results.csv"
    command = ("--max-retries", "0", "bulk", "block", "-f",
               str(write_ids(tmp_path / "ids", users)), "-c", "2", "--results", str(out))  # fmt: skip
    proc = bulk.run(*command, "--breaker", "5")
    assert proc.returncode == 1
    assert "stopped: 5 items in a row failed the same way. GitLab answered with server errors" in (
        proc.stderr
    )
    posts = [r for r in bulk.requests() if r["method"] == "POST"]
    assert 5 <= len(posts) <= 6 and not any(r["applied"] for r in posts)
    rows = final(out)
    assert sorted(rows) == list(range(1, 41))
    outcomes = Counter(r["outcome"] for r in rows.values())
    assert outcomes["unknown"] == len(posts) and outcomes["not_attempted"] == 40 - len(posts)
    # With the breaker off, every item is tried.
    never = bulk.run(*command[:-2], "--results", str(tmp_path / "all.csv"), "--breaker", "0")
    assert summary(never.stderr)["unknown"] == 40 and "stopped:" not in never.stderr
    fake.state.engine.set_faults(Faults())
    done = bulk.run(*command, "--resume")
    assert done.returncode == 0, done.stderr
    assert all(u.state == "blocked" for u in users)
    assert "checked on resume: " in done.stderr


def test_gitlab_going_down_trips_the_breaker(fake: FakeGitLabServer, tmp_path: Path) -> None:
    proxy = CutProxy(("127.0.0.1", int(fake.url.rsplit(":", 1)[1])))
    try:
        bulk = Bulk(fake, tmp_path / "home", url=proxy.url)
        users = pick(fake, 60)
        for user in users:
            user.state = "banned"
        fake.state.engine.set_faults(Faults(latency=0.1, methods=["POST"]))
        out = tmp_path / "results.csv"
        command = ("--max-retries", "0", "bulk", "unban", "-f",
                   str(write_ids(tmp_path / "ids", users)), "-c", "2", "--results", str(out))  # fmt: skip
        job = bulk.start(*command)
        wait_for(lambda: _ok(out) >= 5, what="five items done")
        proxy.cut()  # connections refused from now on
        code, err = job.finish()
        assert code == 1, err
        assert "GitLab could not be reached (connection errors)" in err
        counts = summary(err)
        assert counts["not_attempted"] > 20 and counts["ok"] >= 5
        proxy.restore()
        fake.state.engine.set_faults(Faults())
        proc = bulk.run(*command, "--resume")
        assert proc.returncode == 0, proc.stderr
        assert all(u.state == "active" for u in users)
        applied = Counter(r["path"] for r in bulk.requests() if r["applied"])
        assert applied == Counter({f"/api/v4/users/{u.id}/unban": 1 for u in users})
    finally:
        proxy.close()


def test_failures_about_single_users_do_not_stop_the_job(bulk: Bulk, tmp_path: Path) -> None:
    ids = [str(900_000 + n) for n in range(25)]  # no such users: 404 each
    proc = bulk.run("bulk", "block", "--breaker", "3", stdin="\n".join(ids) + "\n")
    assert proc.returncode == 1
    assert summary(proc.stderr)["failed"] == 25 and "stopped:" not in proc.stderr
