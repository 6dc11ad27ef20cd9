"""Soak: a 5,000-item bulk job killed at random points, resumed until done, loses nothing.

The fake GitLab runs as a process of its own with a request log; ``gitlab-users bulk block``
is started, killed (SIGTERM or SIGKILL, seeded) 20 times at random points, then resumed
until it finishes. From the fake's request log and the final journal:

* every item's block took effect exactly once (one applied ``POST .../block`` per user);
* no block was sent again for a user once one had taken effect;
* every item is in the final journal, once, as ``ok``.

A few requests fail on purpose (a 502 before GitLab ran them, or a connection dropped
after it did), so the journal's ``unknown`` items and the checks of ``--resume`` are
exercised too. Not a timed test: the latency knobs keep it short.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLabProcess, FakeState, Faults
from tests.cli.bulk_cli import CLI, final
from tests.cli_env import clean_env

USERS = 5_600
SEED = 7
ITEMS = 5_000
TRIALS = 20


def _targets() -> list[int]:
    """5,000 users ``block`` changes: the same seed gives the same users as the fake's."""
    state = FakeState()
    state.seed_users(USERS, seed=SEED)
    found = [
        u.id
        for u in state.iter_users()
        if u.id != 1 and u.user_type == "human" and u.state in ("active", "deactivated")
    ]
    assert len(found) >= ITEMS
    return found[:ITEMS]


def _log(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.endswith("}")]


def _settled(fake: FakeGitLabProcess, log: Path) -> None:
    """Wait until the fake has answered every request it received (a killed job's too)."""
    deadline = time.monotonic() + 30
    while True:
        stats = httpx.get(f"{fake.url}/-/fake/stats", timeout=10).json()
        if stats["requests_total"] == len(_log(log)):
            return
        assert time.monotonic() < deadline, "the fake did not answer every request"
        time.sleep(0.05)


def _run_until_killed(
    command: list[str], env: dict[str, str], journal: Path, rng: random.Random
) -> int:
    """Start the job, kill it at a random point; its exit code (or the signal's)."""
    how = rng.choice((signal.SIGTERM, signal.SIGKILL))
    size = journal.stat().st_size if journal.exists() else 0
    early = rng.random() < 0.15  # sometimes before it even started acting
    rows = rng.randint(40, 400)
    delay = rng.uniform(0.0, 0.8)
    with subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    ) as proc:  # fmt: skip
        started = time.monotonic()
        while proc.poll() is None:
            now = journal.stat().st_size if journal.exists() else 0
            if (early and time.monotonic() - started >= delay) or (
                not early and now - size >= rows * 150
            ):
                proc.send_signal(how)
                break
            time.sleep(0.01)
        _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    return proc.returncode


@pytest.mark.slow
def test_a_job_killed_20_times_loses_nothing_and_does_nothing_twice(tmp_path: Path) -> None:
    targets = _targets()
    source = tmp_path / "ids.txt"
    source.write_text("".join(f"{uid}\n" for uid in targets))
    journal = tmp_path / "blocked.jsonl"
    log = tmp_path / "requests.jsonl"
    faults = Faults(
        seed=SEED, latency_range=(0.002, 0.02), error_rate=0.004, drop_rate=0.004,
        drop_phase="after", error_statuses=[502], methods=["POST"],
    )  # fmt: skip
    rng = random.Random(20)
    with FakeGitLabProcess(users=USERS, seed=SEED, faults=faults, request_log=log) as fake:
        env = clean_env(tmp_path / "home", GITLAB_URL=fake.url, GITLAB_TOKEN=fake.admin_token)
        command = [*CLI, "--max-retries", "0", "bulk", "block", "-f", str(source), "-c", "32",
                   "--grace", "2", "--no-progress", "--results", str(journal)]  # fmt: skip
        codes = []
        for _ in range(TRIALS):
            resume = ["--resume"] if journal.exists() else []
            codes.append(_run_until_killed([*command, *resume], env, journal, rng))
            _settled(fake, log)
        for _ in range(10):  # resumed until done (a few items may end unknown again)
            proc = subprocess.run(
                [*command, "--resume"], env=env, stdin=subprocess.DEVNULL,
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert "Traceback" not in proc.stderr, proc.stderr
            _settled(fake, log)
            if proc.returncode == 0:
                break
        assert proc.returncode == 0, proc.stderr
        blocked = _blocked(fake)
    assert {-signal.SIGKILL, 143} & set(codes)  # both kinds of kill happened
    requests = _log(log)
    blocks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for request in requests:
        if request["method"] == "POST":
            blocks[int(request["path"].split("/")[4])].append(request)
    assert set(blocks) == set(targets)  # nothing else was changed
    for uid in targets:
        sent = blocks[uid]
        applied = [r["applied"] for r in sent]
        # Took effect exactly once, and nothing was sent after the one that did.
        assert applied.count(True) == 1 and applied[-1] is True, (uid, sent)
    assert set(targets) <= blocked
    rows = final(journal)
    assert sorted(rows) == list(range(1, ITEMS + 1))  # none missing
    assert [rows[i]["user_id"] for i in range(1, ITEMS + 1)] == targets
    assert {row["outcome"] for row in rows.values()} == {"ok"}
    lines = journal.read_text().splitlines()
    assert len(lines) == ITEMS  # one row per item once the job is done
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def _blocked(fake: FakeGitLabProcess) -> set[int]:
    headers = {"PRIVATE-TOKEN": fake.admin_token}
    found: set[int] = set()
    page = 1
    with httpx.Client(base_url=fake.api_url, headers=headers, timeout=30) as client:
        while page:
            response = client.get(
                "/users", params={"blocked": "true", "per_page": 100, "page": page}
            )
            response.raise_for_status()
            found.update(user["id"] for user in response.json())
            page = int(response.headers.get("x-next-page") or 0)
    return found
