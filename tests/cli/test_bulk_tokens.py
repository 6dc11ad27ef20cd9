"""``bulk revoke-tokens`` and ``bulk rotate-tokens``, run as the real ``gitlab-users`` process
against the fake GitLab: every active token of each user, the job's own token left alone,
new values only in a private secrets file, dry runs that change nothing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli.bulk_cli import Bulk, final, journal, pick, summary, write_ids
from tests.cli.token_jobs import (
    day,
    no_values_in,
    revocations,
    rotations,
    secrets,
    seed_tokens,
    successor,
    whoami,
)


def test_revoke_tokens_revokes_every_active_token_of_each_user(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 6)
    active = seed_tokens(fake, users)
    bystander = pick(fake, 1, skip=6)[0]
    kept = seed_tokens(fake, [bystander])[bystander.id]
    # More tokens than one page: collected first, then revoked (revoking while paging
    # through state=active would shift the offsets and skip tokens).
    active[users[0].id] += [fake.state.add_token(users[0].id, name=f"t{i}") for i in range(130)]
    out = tmp_path / "revoked.csv"
    proc = bulk.run(
        "bulk",
        "revoke-tokens",
        "-f",
        str(write_ids(tmp_path / "ids", users)),
        "--results",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    assert summary(proc.stderr)["ok"] == 6
    every = {t.id for tokens in active.values() for t in tokens}
    assert revocations(bulk, applied=True) == Counter(dict.fromkeys(every, 1))
    assert all(t.revoked for tokens in active.values() for t in tokens)
    assert not any(t.revoked for t in kept)  # another user's tokens: untouched
    rows = {r["user_id"]: r for r in journal(out)}
    for user in users:
        ids = sorted(t.id for t in active[user.id])
        assert rows[user.id]["outcome"] == "ok"
        assert rows[user.id]["tokens"] == " ".join(map(str, ids))  # the journal says which
        assert rows[user.id]["message"].startswith(f"revoked {len(ids)} token(s): ")
    again = bulk.run("bulk", "revoke-tokens", "-f", str(tmp_path / "ids"))
    assert again.returncode == 0 and summary(again.stderr)["ok"] == 6
    assert sum(revocations(bulk).values()) == len(every)  # nothing left to revoke


def test_offboarding_revokes_the_tokens_of_every_blocked_user(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    blocked = pick(fake, 4, state="blocked")
    active = seed_tokens(fake, blocked)
    others = seed_tokens(fake, pick(fake, 3))
    proc = bulk.run("bulk", "revoke-tokens", "--matching", "--blocked", "--results",
                    str(tmp_path / "r.jsonl"))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert all(t.revoked for tokens in active.values() for t in tokens)
    assert not any(t.revoked for tokens in others.values() for t in tokens)
    rows = final(tmp_path / "r.jsonl")
    assert {r["user_id"] for r in rows.values() if r["tokens"]} == {u.id for u in blocked}


def test_the_token_the_job_runs_with_is_left_alone_with_a_line_saying_so(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    own = fake.state.tokens[fake.admin_token]
    admins_other = fake.state.add_token(own.user_id, name="old-laptop")
    users = pick(fake, 3)
    active = seed_tokens(fake, users)
    source = tmp_path / "ids"
    source.write_text(f"{users[0].id}\n{own.user_id}\n{users[1].id}\n{users[2].id}\n")
    proc = bulk.run("bulk", "revoke-tokens", "-f", str(source), "-c", "1",
                    "--results", str(tmp_path / "r.csv"))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert not own.revoked and admins_other.revoked  # the job's token only is left alone
    assert (
        f"token {own.id} ({own.name}) of user {own.user_id} is left alone: this job runs with "
        "it, and would stop if it were revoked"
    ) in proc.stderr
    assert all(t.revoked for tokens in active.values() for t in tokens)  # the job went on
    assert whoami(fake, fake.admin_token) == own.user_id
    row = next(r for r in journal(tmp_path / "r.csv") if r["user_id"] == own.user_id)
    assert row["tokens"] == str(admins_other.id) and "is left alone" in row["message"]
    secrets_out = tmp_path / "new.jsonl"
    rotated = bulk.run("bulk", "rotate-tokens", "-f", str(source), "--expires-at",
                       str(day(fake, 60)), "--secrets-out", str(secrets_out))  # fmt: skip
    assert rotated.returncode == 0, rotated.stderr
    assert "would stop if it were rotated" in rotated.stderr and not own.revoked
    assert own.id not in {r["rotated_token_id"] for r in secrets(secrets_out)}


def test_rotate_tokens_puts_the_new_values_in_a_private_file_only(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 5)
    active = seed_tokens(fake, users)
    expires = day(fake, 90)
    out, secrets_out = tmp_path / "rotated.jsonl", tmp_path / "secrets.jsonl"
    source = tmp_path / "users.txt"
    source.write_text("".join(f"{u.id if i % 2 else u.username}\n" for i, u in enumerate(users)))
    proc = bulk.run("bulk", "rotate-tokens", "-f", str(source), "--expires-at", str(expires),
                    "--secrets-out", str(secrets_out), "--results", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(os.stat(secrets_out).st_mode) == 0o600
    rows = {r["rotated_token_id"]: r for r in secrets(secrets_out)}
    olds = {t.id: (uid, t) for uid, tokens in active.items() for t in tokens}
    assert set(rows) == set(olds)  # one row per rotated token
    assert rotations(bulk, applied=True) == Counter(dict.fromkeys(olds, 1))
    for old_id, (uid, old) in olds.items():
        new = successor(fake, old)
        assert old.revoked and new is not None and new.is_active(fake.state.clock.today())
        row = rows[old_id]
        assert (row["user_id"], row["username"]) == (uid, fake.state.users[uid].username)
        assert (row["token_id"], row["name"], row["expires_at"]) == (
            new.id, old.name, expires.isoformat()
        )  # fmt: skip
        assert row["token"] == new.token and new.impersonation == old.impersonation
        assert whoami(fake, row["token"]) == uid  # the stored value works
    no_values_in(fake, proc.stdout, proc.stderr, out.read_text())
    assert {r["outcome"] for r in journal(out)} == {"ok"}


def test_rotate_only_the_tokens_expiring_soon(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 3)
    active = seed_tokens(fake, users)
    secrets_out = tmp_path / "s.csv"
    proc = bulk.run("bulk", "rotate-tokens", "-f", str(write_ids(tmp_path / "ids", users)),
                    "--token-expires-before", str(day(fake, 7)), "--expires-at", str(day(fake, 30)),
                    "--secrets-out", str(secrets_out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    soon = {t.id for tokens in active.values() for t in tokens if t.name == "ci"}
    assert set(rotations(bulk)) == soon
    assert {t.id for tokens in active.values() for t in tokens if t.revoked} == soon
    lines = secrets_out.read_text().splitlines()
    assert lines[0] == "user_id,username,rotated_token_id,token_id,name,scopes,expires_at,token"
    assert len(lines) == 1 + len(soon)


def test_dry_runs_send_nothing_and_say_which_tokens(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 4)
    active = seed_tokens(fake, users)
    ids = write_ids(tmp_path / "ids", users)
    secrets_out = tmp_path / "s.jsonl"
    revoke = bulk.run("bulk", "revoke-tokens", "-f", str(ids), "--dry-run")
    rotate = bulk.run("bulk", "rotate-tokens", "-f", str(ids), "--dry-run", "--expires-at",
                      str(day(fake, 30)), "--secrets-out", str(secrets_out))  # fmt: skip
    assert revoke.returncode == rotate.returncode == 0, revoke.stderr + rotate.stderr
    assert bulk.writes() == []
    assert not secrets_out.exists()  # a dry run creates no secrets file
    assert not any(t.revoked for tokens in active.values() for t in tokens)
    for user in users:
        names = ", ".join(f"{t.id} ({t.name})" for t in active[user.id])
        assert (
            f"user {user.id} ({user.username}): would revoke 3 token(s): {names}" in revoke.stdout
        )
        assert f"user {user.id} ({user.username}): would rotate 3 token(s)" in rotate.stdout
    assert summary(rotate.stderr)["skipped"] == 4


def test_bad_token_options_are_refused_before_any_request(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 2)
    seed_tokens(fake, users)
    ids = str(write_ids(tmp_path / "ids", users))
    taken = tmp_path / "taken.jsonl"
    taken.write_text("")
    later = str(day(fake, 30))
    for args, message in (
        (("rotate-tokens", "--expires-at", later), "rotate-tokens needs --secrets-out PATH"),
        (("rotate-tokens", "--secrets-out", "s.jsonl"), "rotate-tokens needs --expires-at"),
        (("rotate-tokens", "--expires-at", "2020-01-01", "--secrets-out", "s.jsonl"),
         "is not after today"),
        (("rotate-tokens", "--expires-at", later, "--secrets-out", str(taken)),
         "already exists: new token values are never written over another file"),
        (("rotate-tokens", "--expires-at", later, "--secrets-out", "s.txt"),
         "--secrets-out must end in .jsonl or .csv"),
        (("revoke-tokens", "--secrets-out", "s.jsonl"), "an option of rotate-tokens only"),
        (("block", "--token-expires-before", later), "an option of revoke-tokens and rotate"),
    ):  # fmt: skip
        proc = bulk.run("bulk", *args, "-f", ids)
        assert proc.returncode == 2 and message in proc.stderr, (args, proc.stderr)
    assert bulk.requests() == [] and taken.read_text() == ""


def test_an_expiry_date_gitlab_refuses_stops_the_job_at_once(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 12)
    active = seed_tokens(fake, users)
    too_late = day(fake, fake.state.config.max_token_lifetime_days + 30)
    out = tmp_path / "r.jsonl"
    proc = bulk.run("bulk", "rotate-tokens", "-f", str(write_ids(tmp_path / "ids", users)),
                    "-c", "1", "--expires-at", str(too_late), "--secrets-out",
                    str(tmp_path / "s.jsonl"), "--results", str(out))  # fmt: skip
    assert proc.returncode == 1
    assert "stopped: GitLab refuses the expiry date (Bad request - Expires at must be" in (
        proc.stderr
    )
    assert "--resume" not in proc.stderr  # a new job with another date is what it takes
    counts = summary(proc.stderr)
    assert (counts["failed"], counts["not_attempted"]) == (1, 11)  # not 12 failures
    assert sum(rotations(bulk).values()) == 1
    assert not any(t.revoked for tokens in active.values() for t in tokens)  # still working
    rows = final(out)
    skipped = [r for r in rows.values() if r["outcome"] == "not_attempted"]
    assert len(skipped) == 11
    assert all("GitLab refuses the expiry date" in r["message"] for r in skipped)


# -- the commands docs/token-lifecycle.md shows ---------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "token-lifecycle.md"


def _documented(heading: str) -> list[str]:
    """The shell commands of the console blocks under ``heading`` (prompts dropped, lines
    joined), up to the next heading."""
    text = DOCS.read_text()
    section = text.split(heading + "\n", 1)[1].split("\n#", 1)[0]
    commands: list[str] = []
    for block in section.split("```console\n")[1:]:
        lines = block.split("```", 1)[0].replace("\\\n", " ").splitlines()
        commands += [line.removeprefix("$ ") for line in lines if line.startswith("$ ")]
    assert commands, heading
    return commands


def _shell(bulk: Bulk, cwd: Path, script: str) -> subprocess.CompletedProcess[str]:
    env = bulk.env(TZ="UTC", PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    bulk.check_output(proc.stdout + proc.stderr)
    return proc


def test_the_documented_hygiene_job_rotates_what_expires_this_week(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 4)
    active = seed_tokens(fake, users)
    commands = _documented("### Hygiene from the command line: rotate what expires this week")
    proc = _shell(bulk, tmp_path, "\n".join(commands))
    assert proc.returncode == 0, proc.stderr
    soon = {t.id: t for tokens in active.values() for t in tokens if t.name == "ci"}
    for user in users:  # the dry run named each one
        (ci,) = [t for t in active[user.id] if t.name == "ci"]
        assert f"user {user.id} (" in proc.stdout and f"{ci.id} (ci, expires " in proc.stdout
    assert {t.id for tokens in active.values() for t in tokens if t.revoked} == set(soon)
    (stored,) = tmp_path.glob("rotated-*.jsonl")
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    rows = secrets(stored)
    assert {r["rotated_token_id"] for r in rows} == set(soon)
    assert all(whoami(fake, r["token"]) == soon[r["rotated_token_id"]].user_id for r in rows)
    posts = sum(rotations(bulk).values())
    # The documented resume: the same command, with the dates written down, and --resume.
    (env,) = tmp_path.glob("rotate-*.env")
    again = _shell(bulk, tmp_path, f"source {env.name}\n{commands[-1]} --resume")
    assert again.returncode == 0, again.stderr
    assert f"{len(users)} item(s) recorded ok or skipped are not sent again" in again.stderr
    assert sum(rotations(bulk).values()) == posts


def test_the_documented_offboarding_revokes_every_token_of_the_leavers(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    leavers = pick(fake, 3)
    active = seed_tokens(fake, leavers)
    (tmp_path / "leavers.txt").write_text("".join(f"{u.username}\n" for u in leavers))
    commands = _documented("### Offboarding from the command line")
    proc = _shell(bulk, tmp_path, "\n".join(commands))
    assert proc.returncode == 0, proc.stderr
    assert all(u.state == "blocked" for u in leavers)
    assert all(t.revoked for tokens in active.values() for t in tokens)
