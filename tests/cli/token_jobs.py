"""Helpers of the ``bulk revoke-tokens`` / ``rotate-tokens`` tests: tokens seeded in the fake,
and what the fake's request log says about them."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from gitlab_users_client.testing import FakeGitLabServer, Token, User
from tests.cli.bulk_cli import Bulk, final

_ROTATE = re.compile(r"^/api/v4/personal_access_tokens/(\d+)/rotate$")
_REVOKE = re.compile(r"^/api/v4/personal_access_tokens/(\d+)$")


def seed_tokens(fake: FakeGitLabServer, users: list[User]) -> dict[int, list[Token]]:
    """Per user: a personal access token expiring in 3 days, one in 200 days, an impersonation
    token, and a revoked one (never acted on). Returns the active ones, by user ID."""
    st = fake.state
    today = st.clock.today()
    active: dict[int, list[Token]] = {}
    for user in users:
        active[user.id] = [
            st.add_token(user.id, ["api"], name="ci", expires_at=today + timedelta(days=3)),
            st.add_token(
                user.id, ["read_user"], name="laptop", expires_at=today + timedelta(days=200)
            ),
            st.add_token(
                user.id,
                ["api"],
                name="support",
                impersonation=True,
                expires_at=today + timedelta(days=30),
            ),
        ]
        st.add_token(user.id, ["api"], name="old", revoked=True)
    return active


def day(fake: FakeGitLabServer, days: int) -> date:
    return fake.state.clock.today() + timedelta(days=days)


def sent(bulk: Bulk, pattern: re.Pattern[str], *, applied: bool = False) -> Counter[int]:
    """Token ID -> how many requests matching ``pattern`` the fake answered (or applied)."""
    counts: Counter[int] = Counter()
    for request in bulk.requests():
        match = pattern.match(request["path"])
        if match and request["method"] != "GET" and (request["applied"] or not applied):
            counts[int(match.group(1))] += 1
    return counts


def rotations(bulk: Bulk, *, applied: bool = False) -> Counter[int]:
    """Old token ID -> rotation POSTs the fake answered (``applied``: that took effect)."""
    return sent(bulk, _ROTATE, applied=applied)


def revocations(bulk: Bulk, *, applied: bool = False) -> Counter[int]:
    """Token ID -> revocation DELETEs the fake answered (``applied``: that took effect)."""
    return sent(bulk, _REVOKE, applied=applied)


def secrets(path: Path) -> list[dict[str, Any]]:
    """The rows of a ``--secrets-out`` file (JSON lines)."""
    return [json.loads(line) for line in path.read_text().splitlines()]


def successor(fake: FakeGitLabServer, old: Token) -> Token | None:
    """The token rotation made out of ``old``, if any (the fake remembers, GitLab's API not)."""
    found = [t for t in fake.state.tokens_by_id.values() if t.previous_id == old.id]
    assert len(found) <= 1, f"token {old.id} was rotated {len(found)} times"
    return found[0] if found else None


def whoami(fake: FakeGitLabServer, value: str) -> int:
    """The ID of the user ``value`` authenticates as (asserting it does)."""
    answer = httpx.get(f"{fake.url}/api/v4/user", headers={"PRIVATE-TOKEN": value}, timeout=10)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["id"])


def no_values_in(fake: FakeGitLabServer, *texts: str) -> None:
    """No token value of the fake appears in ``texts`` (stdout, stderr, a journal)."""
    for value in fake.state.tokens:
        for text in texts:
            assert value not in text


def all_answered(bulk: Bulk) -> bool:
    """Every request the fake received is in its log (a killed job's last ones too)."""
    stats = bulk.server.state.stats
    return sum(stats.by_method.values()) == len(bulk.requests())


def finished(path: Path) -> int:
    """Items whose last journal row is ``ok`` (0 while there is no journal)."""
    if not path.exists():
        return 0
    return sum(row["outcome"] == "ok" for row in final(path).values())
