"""``bulk revoke-tokens`` and ``bulk rotate-tokens`` fail fast like every bulk action: a token
that is not an administrator's stops the job before any change (and before the secrets file
exists), and a GitLab answering only server errors trips the breaker; ``--resume`` then
finishes the job without touching any token twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import Bulk, final, pick, summary, write_ids
from tests.cli.token_jobs import day, revocations, rotations, secrets, seed_tokens, successor


@pytest.mark.parametrize("action", ["revoke-tokens", "rotate-tokens"])
def test_a_token_that_is_not_an_administrators_stops_before_any_change(
    fake: FakeGitLabServer, tmp_path: Path, action: str
) -> None:
    bulk = Bulk(fake, tmp_path / "home", token=fake.user_token)
    users = pick(fake, 5)
    active = seed_tokens(fake, users)
    stored = tmp_path / "rotated.jsonl"
    options = ["--expires-at", str(day(fake, 90)), "--secrets-out", str(stored)]
    out = tmp_path / "results.csv"
    proc = bulk.run(
        "bulk", action, "-f", str(write_ids(tmp_path / "ids", users)), "--results", str(out),
        *(options if action == "rotate-tokens" else []),
    )  # fmt: skip
    assert proc.returncode == 1
    assert f"bulk {action} needs an administrator's token" in proc.stderr
    assert "Nothing was done" in proc.stderr
    assert [r["path"] for r in bulk.requests()] == ["/api/v4/user"]  # the preflight only
    assert not out.exists() and not stored.exists()  # a rerun is not refused for them
    assert not any(t.revoked for tokens in active.values() for t in tokens)


def test_server_errors_on_every_rotation_trip_the_breaker_and_the_job_resumes(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 20)
    active = seed_tokens(fake, users)
    fake.state.engine.set_faults(Faults(error_rate=1.0, error_statuses=[503], methods=["POST"]))
    out = tmp_path / "results.csv"
    stored = tmp_path / "rotated.jsonl"
    command = ("--max-retries", "0", "bulk", "rotate-tokens", "-f",
               str(write_ids(tmp_path / "ids", users)), "-c", "2", "--expires-at",
               str(day(fake, 90)), "--secrets-out", str(stored), "--results", str(out),
               "--breaker", "5")  # fmt: skip
    proc = bulk.run(*command)
    assert proc.returncode == 1
    assert "stopped: 5 items in a row failed the same way" in proc.stderr
    assert "GitLab answered with server errors" in proc.stderr
    posts = [r for r in bulk.requests() if r["method"] == "POST"]
    assert 5 <= len(posts) <= 6 and not any(r["applied"] for r in posts)
    outcomes = Counter(r["outcome"] for r in final(out).values())
    # A rotation POST answered 5xx may have been applied: unknown, never re-sent blindly.
    assert outcomes["unknown"] == len(posts)
    assert outcomes["not_attempted"] == 20 - len(posts)
    assert secrets(stored) == []
    fake.state.engine.set_faults(Faults())
    done = bulk.run(*command, "--resume")
    assert done.returncode == 0, done.stderr
    assert summary(done.stderr)["ok"] == 20
    every = [t for tokens in active.values() for t in tokens]
    assert rotations(bulk, applied=True) == Counter({t.id: 1 for t in every})
    rows = secrets(stored)
    assert sorted(r["rotated_token_id"] for r in rows) == sorted(t.id for t in every)
    for token in every:  # each rotated once, its successor's value in the file
        new = successor(fake, token)
        assert new is not None and not new.revoked
        assert {r["token_id"] for r in rows if r["rotated_token_id"] == token.id} == {new.id}


def test_server_errors_on_every_revocation_trip_the_breaker_and_the_job_resumes(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 20)
    active = seed_tokens(fake, users)
    fake.state.engine.set_faults(Faults(error_rate=1.0, error_statuses=[503], methods=["DELETE"]))
    out = tmp_path / "results.csv"
    command = ("--max-retries", "0", "bulk", "revoke-tokens", "-f",
               str(write_ids(tmp_path / "ids", users)), "-c", "2", "--results", str(out),
               "--breaker", "5")  # fmt: skip
    proc = bulk.run(*command)
    assert proc.returncode == 1
    assert "stopped: 5 items in a row failed the same way" in proc.stderr
    deletes = [r for r in bulk.requests() if r["method"] == "DELETE"]
    assert 5 <= len(deletes) <= 6 and not any(r["applied"] for r in deletes)
    assert not any(t.revoked for tokens in active.values() for t in tokens)
    fake.state.engine.set_faults(Faults())
    done = bulk.run(*command, "--resume")
    assert done.returncode == 0, done.stderr
    every = {t.id for tokens in active.values() for t in tokens}
    assert revocations(bulk, applied=True) == Counter(dict.fromkeys(every, 1))
    assert {r["outcome"] for r in final(out).values()} == {"ok"}
