"""The pre-commit hooks run the project's own tools, offline, and catch what they should."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".pre-commit-config.yaml"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def hooks() -> dict[str, dict[str, object]]:
    config = yaml.safe_load(CONFIG.read_text())
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_every_hook_is_local_and_runs_a_pinned_tool() -> None:
    """No hook repository to clone and no environment to build: nothing to download."""
    config = yaml.safe_load(CONFIG.read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    found = hooks()
    assert set(found) == {"ruff-check", "ruff-format", "check-generated"}
    for hook in found.values():
        assert hook["language"] == "system"
        assert "additional_dependencies" not in hook
    assert str(found["ruff-check"]["entry"]).startswith(".venv/bin/ruff check")
    assert str(found["check-generated"]["entry"]) == "make check-generated"
    assert "check-generated:" in (ROOT / "Makefile").read_text()


def test_the_regeneration_check_runs_for_what_generates_code() -> None:
    import re

    pattern = re.compile(str(hooks()["check-generated"]["files"]))
    for path in (
        "openapi/gitlab-users.yaml",
        "openapi/prepare.py",
        "openapi/templates/model.py.jinja",
        "generator-config.yaml",
        "gitlab_users_client/_generated/api/users/users_get.py",
    ):
        assert pattern.search(path), path
    assert not pattern.search("gitlab_users_client/_client.py")


@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is installed by make venv")
def test_the_ruff_hooks_pass_clean_code_and_stop_bad_code(tmp_path: Path) -> None:
    """In a throwaway repository holding the config, the project's ruff settings and the
    dev virtualenv (linked): clean code passes; unused imports and bad formatting fail."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(CONFIG, repo / ".pre-commit-config.yaml")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False
        )

    run("git", "init", "-q")
    run("git", "config", "user.email", "t@example.com")
    run("git", "config", "user.name", "t")
    (repo / "good.py").write_text('"""Clean."""\n\nVALUE = 1\n')
    run("git", "add", "-A")
    hooks_run = [str(PRE_COMMIT), "run", "--all-files", "ruff-check"]
    clean = run(*hooks_run)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "bad.py").write_text("import os\nVALUE=UNDEFINED\n")
    run("git", "add", "-A")
    dirty = run(*hooks_run)
    assert dirty.returncode != 0 and "F821" in dirty.stdout  # not fixable: reported
    assert "import os" not in (repo / "bad.py").read_text()  # fixable: fixed
    formatted = run(str(PRE_COMMIT), "run", "--all-files", "ruff-format")
    assert formatted.returncode != 0  # the hook rewrote the file: the commit must be redone
    assert (repo / "bad.py").read_text() == "VALUE = UNDEFINED\n"
