"""`make demo` and the job it runs, end to end in subprocesses against the fake GitLab."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from gitlab_users_client.testing import FakeGitLabServer

ROOT = Path(__file__).resolve().parents[2]


def test_demo_blocks_every_inactive_user_and_summarises(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "demo.py"),
            "--users",
            "400",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            key: value
            for key, value in os.environ.items()
            if key not in ("GITLAB_URL", "GITLAB_TOKEN")
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Scanned" in result.stdout
    assert "failed 0, unknown 0" in result.stdout
    inactive = list(csv.DictReader((tmp_path / "inactive-users.csv").open()))
    outcomes = list(csv.DictReader((tmp_path / "block-results.csv").open()))
    assert inactive
    assert [row["id"] for row in outcomes] == [row["id"] for row in inactive]  # every one, once
    assert {row["outcome"] for row in outcomes} == {"blocked"}
    assert "glpat-" not in result.stdout + result.stderr


def test_the_job_is_a_dry_run_unless_told_otherwise(tmp_path: Path) -> None:
    with FakeGitLabServer(users=300, seed=4) as server:
        env = {**os.environ, "GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "examples" / "block_inactive_users.py"),
                "--since",
                "2024-01-01",
                "--export",
                str(tmp_path / "inactive.csv"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert "Dry run" in result.stdout
        assert server.state.stats.by_method.get("POST", 0) == 0
        exported = list(csv.DictReader((tmp_path / "inactive.csv").open()))
        assert exported
        assert all(
            row["last_activity_on"] < "2024-01-01" or not row["last_activity_on"]
            for row in exported
        )


def test_the_job_writes_under_its_output_directory(tmp_path: Path) -> None:
    with FakeGitLabServer(users=120, seed=5) as server:
        env = {**os.environ, "GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
        run = [sys.executable, str(ROOT / "examples" / "block_inactive_users.py")]
        since = ["--since", "2030-01-01"]
        default = subprocess.run(
            [*run, *since], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert default.returncode == 0, default.stderr
        # Nothing lands in the working directory itself: only the (git-ignored) output folder.
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gitlab-users-output"]
        assert (tmp_path / "gitlab-users-output" / "inactive-users.csv").read_text().strip()
        chosen = tmp_path / "elsewhere"
        given = subprocess.run(
            [*run, *since, "--output-dir", str(chosen), "--apply"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert given.returncode == 0, given.stderr
        assert sorted(p.name for p in chosen.iterdir()) == [
            "block-results.csv",
            "inactive-users.csv",
        ]
    if (ROOT / ".git").exists():  # not in an unpacked sdist
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", "gitlab-users-output/inactive-users.csv"], cwd=ROOT
        )
        assert ignored.returncode == 0  # the default folder is git-ignored in this repository
