"""The environment the CLI tests run ``gitlab-users`` in (shared by the CLI test modules)."""

from __future__ import annotations

import os
from pathlib import Path


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment without anything that could configure the CLI, plus ``extra``.

    Bytecode is cached next to ``home`` (outside the repository): with
    ``PYTHONDONTWRITEBYTECODE`` every run would compile the whole SDK again.
    """
    drop = ("GITLAB_", "CI_JOB_TOKEN", "XDG_CONFIG_HOME", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(
        HOME=str(home),
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        PYTHONPYCACHEPREFIX=str(home.parent / "cli-pycache"),
    )
    env.update(extra)
    return env
