"""``--resume`` of ``bulk revoke-tokens`` and ``bulk rotate-tokens``: after ``kill -9``, SIGTERM
or a lost answer, every token is revoked or rotated exactly once, no successor is rotated
again, and a new value that never reached the secrets file is reported, never hidden."""

from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path

import anyio
import pytest

from gitlab_users_client.cli._errors import CLIError
from gitlab_users_client.cli._secrets import SecretsFile
from gitlab_users_client.testing import FakeGitLabServer, Faults, User
from tests.cli.bulk_cli import Bulk, final, journal, pick, summary, wait_for, write_ids
from tests.cli.token_jobs import (
    all_answered,
    day,
    finished,
    no_values_in,
    revocations,
    rotations,
    secrets,
    seed_tokens,
    successor,
    whoami,
)


def _acting(out: Path) -> bool:
    """Some item is revoking or rotating its recorded tokens right now."""
    return any(r["outcome"] == "unknown" and r["tokens"] for r in final(out).values())


def _kill_mid_job(bulk: Bulk, command: tuple[str, ...], out: Path, done: int) -> None:
    """Start the job; ``kill -9`` it once ``done`` items are done and others are acting."""
    job = bulk.start(*command)
    wait_for(lambda: finished(out) >= done and _acting(out), what=f"{done} items done")
    job.proc.send_signal(signal.SIGKILL)
    job.proc.wait(timeout=30)
    wait_for(lambda: all_answered(bulk), what="the requests cut off to be answered")


def test_revoke_tokens_killed_with_sigkill_revokes_each_token_once(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 20)
    active = seed_tokens(fake, users)
    fake.state.engine.set_faults(Faults(latency=0.15, methods=["DELETE"]))
    out = tmp_path / "revoked.jsonl"
    command = ("bulk", "revoke-tokens", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "4",
               "--results", str(out))  # fmt: skip
    _kill_mid_job(bulk, command, out, 4)
    before = final(out)
    assert any(r["outcome"] == "unknown" and r["tokens"] for r in before.values())
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    every = {t.id for tokens in active.values() for t in tokens}
    # One DELETE per token, ever: the resumed job revoked only what was still active.
    assert revocations(bulk) == Counter(dict.fromkeys(every, 1))
    assert all(t.revoked for tokens in active.values() for t in tokens)
    rows = journal(out)
    assert [r["index"] for r in rows] == list(range(1, 21))
    assert {r["outcome"] for r in rows} == {"ok"}
    for row in rows:  # the tokens column keeps what each item revoked, across both runs
        assert set(row["tokens"]) == {t.id for t in active[row["user_id"]]}


def _rotate_command(
    fake: FakeGitLabServer, tmp_path: Path, users: list[User], *, matching: bool = False
) -> tuple[str, ...]:
    """``bulk rotate-tokens`` of ``users``: from a file, or selected by a custom attribute."""
    if matching:
        for user in users:
            user.custom_attributes = {**(user.custom_attributes or {}), "rotate": "yes"}
        source: tuple[str, ...] = ("--matching", "--attr", "rotate=yes")
    else:
        source = ("-f", str(write_ids(tmp_path / "ids", users)))
    return ("bulk", "rotate-tokens", *source, "-c", "4", "--expires-at", str(day(fake, 60)),
            "--secrets-out", str(tmp_path / "new.jsonl"),
            "--results", str(tmp_path / "rotated.jsonl"))  # fmt: skip


@pytest.mark.parametrize("matching", [False, True], ids=["file", "matching"])
def test_rotate_tokens_killed_with_sigkill_rotates_each_token_once(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path, matching: bool
) -> None:
    users = pick(fake, 16)
    active = seed_tokens(fake, users)
    originals = {t.id: t for tokens in active.values() for t in tokens}
    fake.state.engine.set_faults(Faults(latency=0.15, methods=["POST"]))
    command = _rotate_command(fake, tmp_path, users, matching=matching)
    out, secrets_out = tmp_path / "rotated.jsonl", tmp_path / "new.jsonl"
    _kill_mid_job(bulk, command, out, 3)
    # Rotations GitLab ran whose answer died with the process: their values are lost.
    lost = set(rotations(bulk, applied=True)) - {
        r["rotated_token_id"] for r in secrets(secrets_out)
    }
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    # Each original token was rotated by exactly one request, and no successor was
    # rotated again (a blind re-listing of the active tokens would have found them).
    assert rotations(bulk) == Counter(dict.fromkeys(originals, 1))
    stored = {r["rotated_token_id"]: r for r in secrets(secrets_out)}
    assert set(stored) == set(originals) - lost
    for old_id, old in originals.items():
        new = successor(fake, old)
        assert old.revoked and new is not None and new.is_active(fake.state.clock.today())
        if old_id in stored:
            assert stored[old_id]["token"] == new.token and whoami(fake, new.token) == old.user_id
    rows = final(out)
    failed = {r["user_id"] for r in rows.values() if r["outcome"] == "failed"}
    assert failed == {originals[i].user_id for i in lost}
    assert {r["outcome"] for r in rows.values()} <= {"ok", "failed"}
    for token_id in lost:  # said, with the token and what to do
        (row,) = [r for r in rows.values() if r["user_id"] == originals[token_id].user_id]
        assert f"{token_id} ({originals[token_id].name})" in row["message"]
        assert "no new value for them is in" in row["message"]
    assert proc.returncode == (1 if lost else 0), proc.stderr
    no_values_in(fake, proc.stdout, proc.stderr, out.read_text())


def test_rotate_tokens_stopped_by_sigterm_keeps_every_value(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 12)
    active = seed_tokens(fake, users)
    fake.state.engine.set_faults(Faults(latency=0.15, methods=["POST"]))
    command = _rotate_command(fake, tmp_path, users)
    out, secrets_out = tmp_path / "rotated.jsonl", tmp_path / "new.jsonl"
    job = bulk.start(*command)
    wait_for(lambda: finished(out) >= 3, what="three items done")
    job.signal(signal.SIGTERM)
    code, err = job.finish()
    assert code == 143, err
    assert summary(err)["not_attempted"] > 0
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    # The grace let the rotations in flight finish: no value was lost.
    originals = [t for tokens in active.values() for t in tokens]
    assert rotations(bulk) == Counter({t.id: 1 for t in originals})
    stored = {r["rotated_token_id"]: r["token"] for r in secrets(secrets_out)}
    successors = {t.id: successor(fake, t) for t in originals}
    assert stored == {old: new.token for old, new in successors.items() if new is not None}
    assert None not in successors.values()


def test_a_rotation_answered_502_is_resumed_from_the_recorded_tokens(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 3)
    active = seed_tokens(fake, users)
    first, refused, third = active[users[0].id]
    fake.state.engine.set_faults(
        Faults(
            error_rate=1.0,
            error_statuses=[502],
            paths=[f"/personal_access_tokens/{refused.id}/rotate$"],
        )
    )
    command = _rotate_command(fake, tmp_path, users)
    out = tmp_path / "rotated.jsonl"
    proc = bulk.run(*command)
    assert proc.returncode == 1
    row = next(r for r in final(out).values() if r["user_id"] == users[0].id)
    assert row["outcome"] == "unknown" and row["tokens"] == [first.id, refused.id, third.id]
    assert first.revoked and not refused.revoked and not third.revoked
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    # The first token's successor is active now, but it was not in the recorded tokens:
    # it is not rotated again; the two others are.
    originals = [t for tokens in active.values() for t in tokens]
    assert rotations(bulk, applied=True) == Counter({t.id: 1 for t in originals})
    row = next(r for r in final(out).values() if r["user_id"] == users[0].id)
    assert row["outcome"] == "ok" and f"1 rotated by an earlier run: {first.id}" in row["message"]
    assert len(secrets(tmp_path / "new.jsonl")) == len(originals)


@pytest.mark.parametrize("position", [1, 2], ids=["middle", "last"])
def test_a_value_lost_with_its_answer_is_reported_and_never_rotated_twice(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path, position: int
) -> None:
    """The user's token at ``position`` is rotated, and its answer lost. When it is the last
    one, every recorded token is revoked: only the secrets file tells that a value is lost."""
    users = pick(fake, 3)
    active = seed_tokens(fake, users)
    tokens = active[users[1].id]
    dropped, after = tokens[position], tokens[position + 1 :]
    # GitLab rotates the token, then the connection drops: the new value is gone.
    fake.state.engine.set_faults(
        Faults(
            drop_rate=1.0,
            drop_phase="after",
            paths=[f"/personal_access_tokens/{dropped.id}/rotate$"],
        )
    )
    command = _rotate_command(fake, tmp_path, users)
    out = tmp_path / "rotated.jsonl"
    assert bulk.run(*command).returncode == 1
    assert dropped.revoked and not any(t.revoked for t in after)
    fake.state.engine.set_faults(Faults())
    for attempt in range(2):  # resumed twice: the second run sends no rotation at all
        posts = sum(rotations(bulk).values())
        proc = bulk.run(*command, "--resume")
        assert proc.returncode == 1
        row = next(r for r in final(out).values() if r["user_id"] == users[1].id)
        assert row["outcome"] == "failed"
        assert (
            f"token(s) {dropped.id} ({dropped.name}) of user {users[1].id} were revoked"
            in (row["message"])
        )
        assert f"failed: item 2 (line 2) user {users[1].id}" in proc.stderr
        assert sum(rotations(bulk).values()) == posts + (len(after) if attempt == 0 else 0)
    assert rotations(bulk, applied=True) == Counter(
        {t.id: 1 for tokens in active.values() for t in tokens}
    )
    assert all(t.revoked and successor(fake, t) is not None for t in tokens)
    stored = {r["rotated_token_id"] for r in secrets(tmp_path / "new.jsonl")}
    assert stored == {t.id for tokens in active.values() for t in tokens} - {dropped.id}


def test_resume_refuses_a_missing_or_readable_secrets_file(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 2)
    seed_tokens(fake, users)
    command = _rotate_command(fake, tmp_path, users)
    secrets_out = tmp_path / "new.jsonl"
    assert bulk.run(*command).returncode == 0
    requests = len(bulk.requests())
    secrets_out.chmod(0o640)
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 2 and "can be read by others (mode 640)" in proc.stderr
    secrets_out.rename(tmp_path / "elsewhere.jsonl")
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 2 and "the secrets file" in proc.stderr
    assert "is missing" in proc.stderr
    secrets_out.symlink_to(tmp_path / "elsewhere.jsonl")
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 2 and "is not a regular file" in proc.stderr
    assert len(bulk.requests()) == requests  # all refused before any request


# -- the secrets file on its own ----------------------------------------------------------------


def test_a_row_cut_short_is_dropped_and_rows_are_appended(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b'{"rotated_token_id": 7, "token": "x"}\n{"rotated_token_id": 8, "tok')
    os.close(fd)

    async def main() -> None:
        opened = SecretsFile.open(str(path), append=True)
        assert opened.has(7) and not opened.has(8)  # 8's value was cut short: lost
        await opened.save({"rotated_token_id": 9, "token": "y"})
        await opened.close()

    anyio.run(main)
    assert [r["rotated_token_id"] for r in secrets(path)] == [7, 9]
    with pytest.raises(CLIError, match="already exists"):
        SecretsFile.open(str(path), append=False)
