"""``gitlab-users tokens revoke USER ID...`` and ``tokens rotate USER ID``: the owner is checked
before anything changes, and a new value goes only where asked (a 0600 file, or stdout)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import Bulk, pick
from tests.cli.token_jobs import day, no_values_in, seed_tokens, successor, whoami


def test_revoke_names_the_owner_and_revokes_each_token(bulk: Bulk, fake: FakeGitLabServer) -> None:
    alice, bob = pick(fake, 2)
    ci, laptop, support = seed_tokens(fake, [alice, bob])[alice.id]
    bobs = fake.state.tokens_by_user[bob.id][0]
    proc = bulk.run("tokens", "revoke", alice.username, str(ci.id), str(support.id))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"token {ci.id} (ci) of user {alice.id}: revoked",
        f"token {support.id} (support) of user {alice.id}: revoked",  # impersonation too
    ]
    assert ci.revoked and support.revoked and not laptop.revoked
    # Someone else's token is refused, the others are still revoked; exit 1.
    proc = bulk.run("tokens", "revoke", str(alice.id), str(bobs.id), str(laptop.id), str(ci.id))
    assert proc.returncode == 1
    assert f"error: token {bobs.id}: token {bobs.id} is not a token of user {alice.id}" in (
        proc.stderr
    )
    assert [bobs.revoked, laptop.revoked] == [False, True]
    assert f"token {ci.id} (ci) of user {alice.id}: was already revoked" in proc.stdout


def test_revoke_refuses_the_token_it_runs_with_and_revokes_the_others(
    bulk: Bulk, fake: FakeGitLabServer
) -> None:
    (alice,) = pick(fake, 1)
    ci = seed_tokens(fake, [alice])[alice.id][0]
    own = fake.state.tokens[fake.admin_token]
    proc = bulk.run("tokens", "revoke", str(own.user_id), str(own.id))
    assert proc.returncode == 1
    assert f"token {own.id} is the token this command runs with" in proc.stderr
    assert not own.revoked
    # Listed with others (of its owner): those are revoked, it is not; the command goes on.
    others = seed_tokens(fake, [fake.state.users[own.user_id]])[own.user_id]
    proc = bulk.run("tokens", "revoke", str(own.user_id), str(own.id), str(others[0].id))
    assert proc.returncode == 1
    assert others[0].revoked and not own.revoked
    assert whoami(fake, fake.admin_token) == own.user_id  # the command's token still works
    assert not ci.revoked


def test_rotate_stores_the_new_value_in_a_private_file(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    (alice,) = pick(fake, 1)
    ci, _, support = seed_tokens(fake, [alice])[alice.id]
    target = tmp_path / "ci.token"
    expires = day(fake, 45)
    proc = bulk.run("tokens", "rotate", alice.username, str(ci.id), "--expires-at",
                    str(expires), "--token-file", str(target), "-o", "json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    new = successor(fake, ci)
    assert ci.revoked and new is not None
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text() == new.token + "\n" and whoami(fake, new.token) == alice.id
    shown = json.loads(proc.stdout)
    assert (shown["id"], shown["expires_at"], "token" in shown) == (
        new.id, expires.isoformat(), False
    )  # fmt: skip
    no_values_in(fake, proc.stdout, proc.stderr)
    printed = bulk.run("tokens", "rotate", str(alice.id), str(support.id), "--expires-at",
                       str(expires), "--show-token", "-o", "json")  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    renewed = successor(fake, support)
    assert renewed is not None and json.loads(printed.stdout)["token"] == renewed.token


def test_rotate_refuses_before_changing_anything(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    alice, bob = pick(fake, 2)
    ci, laptop, _ = seed_tokens(fake, [alice, bob])[alice.id]
    laptop.revoked = True
    own = fake.state.tokens[fake.admin_token]
    later = str(day(fake, 30))
    for args, code, message in (
        ((str(alice.id), str(ci.id), "--expires-at", later), 2, "refusing to rotate a token"),
        ((str(alice.id), str(ci.id), "--expires-at", "2020-01-01", "--show-token"), 2,
         "is not after today"),
        ((str(bob.id), str(ci.id), "--expires-at", later, "--show-token"), 1,
         f"token {ci.id} is not a token of user {bob.id}"),
        ((str(alice.id), str(laptop.id), "--expires-at", later, "--show-token"), 1,
         f"token {laptop.id} is revoked"),
        ((str(own.user_id), str(own.id), "--expires-at", later, "--token-file",
          str(tmp_path / "own.token")), 2, "is the token this command runs with"),
    ):  # fmt: skip
        proc = bulk.run("tokens", "rotate", *args)
        assert proc.returncode == code and message in proc.stderr, (args, proc.stderr)
    assert bulk.writes() == []
    assert not ci.revoked and not own.revoked
    assert not (tmp_path / "own.token").exists()  # created first, removed on refusal


def test_a_rotation_whose_outcome_is_unknown_is_not_retried_and_says_how_to_check(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    (alice,) = pick(fake, 1)
    ci = seed_tokens(fake, [alice])[alice.id][0]
    fake.state.engine.set_faults(Faults(error_rate=1.0, error_statuses=[502], methods=["POST"]))
    target = tmp_path / "ci.token"
    proc = bulk.run("tokens", "rotate", alice.username, str(ci.id), "--expires-at",
                    str(day(fake, 45)), "--token-file", str(target))  # fmt: skip
    assert proc.returncode == 1
    assert "its outcome is unknown" in proc.stderr
    assert f"the rotation of token {ci.id} may have been applied: do not simply run" in (
        proc.stderr
    )
    assert f"gitlab-users tokens list {alice.username} --fields id,name,revoked" in proc.stderr
    posts = [r for r in bulk.requests() if r["method"] == "POST"]
    assert len(posts) == 1  # never sent twice with the old token
    assert not target.exists()  # no empty token file left behind
